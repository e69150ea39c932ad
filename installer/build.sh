#!/usr/bin/env bash
# Builds the self-contained program folder (dist/so-cdht) and checks it: its self-test, then its main window
# opened on a small demo commune, then every window and dialog (desktop/ui/window_check.py).
#   bash installer/build.sh               build, then check
#   bash installer/build.sh --no-check    build only (scripts/test.sh builds beside the test suites)
#   bash installer/build.sh --check-only  check the folder built before
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
if [ "$mode" != "--check-only" ]; then
  # the bundle is made of exactly the locked packages (scripts/setup.sh installs them)
  [ -x .venv/bin/pyinstaller ] || bash scripts/setup.sh
  bash scripts/translations.sh  # Qt's words in Vietnamese, into the bundle's resources
  .venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/so-cdht.spec
  echo "Đã đóng gói: dist/so-cdht ($(du -sh dist/so-cdht | cut -f1))"
fi
[ "$mode" = "--no-check" ] && exit 0
check=$(mktemp -d)
trap 'rm -rf "$check"' EXIT
dist/so-cdht/so-cdht --data-dir "$check" self-test
# the window too (Qt's plugins are in the bundle): a small demo commune, the main window opened and searched
dist/so-cdht/so-cdht --data-dir "$check" demo --citizens 300 >/dev/null
SO_CDHT_BENCH_T0=$(date +%s.%N) QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} \
  dist/so-cdht/so-cdht --data-dir "$check" --bench-window >/dev/null
echo "  ✓ Cửa sổ chính mở được từ gói"
# every window and dialog, drawn: on a real X11 display (Xvfb) when there is one, so that the platform plugin
# and the libraries it loads are checked too
if command -v xvfb-run >/dev/null; then
  xvfb-run -a env QT_QPA_PLATFORM=xcb dist/so-cdht/so-cdht --data-dir "$check" --check-windows
else
  QT_QPA_PLATFORM=offscreen dist/so-cdht/so-cdht --data-dir "$check" --check-windows
fi
