#!/usr/bin/env bash
# Compiles the program's Qt Linguist files (resources/translations/*.ts) to the .qm files it loads.
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in resources/translations/*.ts; do
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "${ts%.ts}.qm"
done
