#!/usr/bin/env bash
# Builds the self-contained program folder (dist/so-cdht) and checks it with its own self-test.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m pip install -q --disable-pip-version-check "pyinstaller>=6"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build installer/so-cdht.spec
check=$(mktemp -d)
dist/so-cdht/so-cdht --data-dir "$check" self-test
rm -rf "$check"
echo "Đã đóng gói: dist/so-cdht ($(du -sh dist/so-cdht | cut -f1))"
