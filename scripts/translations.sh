#!/usr/bin/env bash
# Compiles the program's Qt Linguist files (resources/translations/*.ts) to the .qm files it loads: only
# those older than their .ts, each written aside and moved into place (a running program or test never
# reads half a file: the bundle is built while the tests run).
set -euo pipefail
cd "$(dirname "$0")/.."
for ts in resources/translations/*.ts; do
  qm="${ts%.ts}.qm"
  [ "$qm" -nt "$ts" ] && continue
  .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm.tmp"
  mv -f "$qm.tmp" "$qm"
done
