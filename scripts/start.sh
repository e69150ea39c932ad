#!/usr/bin/env bash
# Installs everything, creates a demo commune on first run if there is no register yet, opens the window.
# A different data folder: SO_CDHT_DATA_DIR=/path bash scripts/start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m desktop demo --citizens 5000 --if-empty
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Không có màn hình (DISPLAY): mở cửa sổ trên màn hình ảo Xvfb."
  exec xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m desktop "$@"
fi
exec .venv/bin/python -m desktop "$@"
