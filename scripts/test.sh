#!/usr/bin/env bash
# Installs everything and runs the whole test suite without a screen: on SQLite files as a clerk has
# them, then again on a throwaway PostgreSQL server (the shared-server set-up); the benchmark on both,
# on a small commune, to show it runs; then the self-contained bundle is built and checks itself.
# Arguments go to pytest (for example: bash scripts/test.sh tests/unit -x).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
py=.venv/bin/python
$py -m ruff check desktop tests

echo "== Kiểm thử trên SQLite"
$py -m pytest "$@"

echo "== Kiểm thử trên máy chủ PostgreSQL"
work=$(mktemp -d)
chmod 755 "$work"  # the server's own user keeps its cluster in here
trap 'bash scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
server=$(bash scripts/postgres.sh start "$work/pg")
SO_CDHT_TEST_PG=$server $py -m pytest -m "not sqlite_only" "$@"

if [ $# -eq 0 ]; then
  echo "== Đo tốc độ (xã nhỏ, chỉ để chắc lệnh chạy được) trên SQLite và PostgreSQL"
  small=(bench --citizens 1500 --queries 30 --communes 2)
  $py -m desktop --data-dir "$work/bench-sqlite" "${small[@]}" --json "$work/bench-sqlite.json" >/dev/null
  bench_db=$($py -c "import sys; from desktop.db.server import create_database; print(create_database(sys.argv[1], 'bench'))" "$server")
  $py -m desktop --data-dir "$work/bench-pg" --db-url "$bench_db" "${small[@]}" --json "$work/bench-pg.json" >/dev/null
  $py -c "import json, sys; [print(f, len(json.load(open(f, encoding='utf-8'))['figures']), 'số đo') for f in sys.argv[1:]]" \
    "$work/bench-sqlite.json" "$work/bench-pg.json"

  echo "== Gói cài đặt tự chứa (pyinstaller) và tự kiểm tra của nó"
  bash installer/build.sh
  bundle_db=$($py -c "import sys; from desktop.db.server import create_database; print(create_database(sys.argv[1], 'bundle'))" "$server")
  dist/so-cdht/so-cdht --data-dir "$work/bundle-pg" --db-url "$bundle_db" self-test
fi
