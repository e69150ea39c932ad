#!/usr/bin/env bash
# The README's pictures: a demo commune in a temporary folder, the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
.venv/bin/python -m desktop --data-dir "$data" demo --citizens 5000 >/dev/null 2>&1
# a common office screen, then a small netbook-sized one (its pictures end in -1024)
xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshot.py "$data" docs
xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python scripts/screenshot.py "$data" docs -1024
ls docs/*.png
