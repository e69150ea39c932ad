#!/usr/bin/env bash
# Installs everything and runs the whole test suite without a screen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m ruff check desktop tests
.venv/bin/python -m pytest "$@"
