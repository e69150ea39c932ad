#!/usr/bin/env bash
# Installs everything and runs the whole test suite without a screen: on SQLite files as a clerk has
# them, then again on a throwaway PostgreSQL server (the shared-server set-up), each spread over the
# machine's cores (pytest-xdist); meanwhile the self-contained bundle is built; then the benchmark runs
# on both databases, on a small commune, to show it runs, and the bundle checks itself.
# Arguments go to pytest (for example: bash scripts/test.sh tests/unit -x); then only the suites run.
# SO_CDHT_TEST_WORKERS=N sets the number of test processes (default: one per core).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
mark() { echo "   ($1 xong sau $((SECONDS - started)) giây)"; }
bash scripts/setup.sh
mark "Cài đặt"
export QT_QPA_PLATFORM=offscreen
py=.venv/bin/python
$py -m ruff check desktop tests
# a file's tests stay in one process: its module fixtures (keys, registers built once) are made once
workers=(-n "${SO_CDHT_TEST_WORKERS:-auto}" --dist loadfile)

work=$(mktemp -d)
chmod 755 "$work"  # the server's own user keeps its cluster in here
builder=""
trap '[ -n "$builder" ] && kill "$builder" 2>/dev/null; bash scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
if [ $# -eq 0 ]; then
  # the bundle is built beside the suites (it waits on the disk more than on the processor)
  bash installer/build.sh --no-check >"$work/build.log" 2>&1 &
  builder=$!
fi

echo "== Kiểm thử trên SQLite"
$py -m pytest "${workers[@]}" "$@"
mark "Kiểm thử trên SQLite"

echo "== Kiểm thử trên máy chủ PostgreSQL"
server=$(bash scripts/postgres.sh start "$work/pg")
SO_CDHT_TEST_PG=$server $py -m pytest "${workers[@]}" -m "not sqlite_only" "$@"
mark "Kiểm thử trên PostgreSQL"

if [ $# -eq 0 ]; then
  echo "== Gói cài đặt tự chứa (pyinstaller) và tự kiểm tra của nó"
  if ! wait "$builder"; then builder=""; cat "$work/build.log"; echo "Đóng gói không được." >&2; exit 1; fi
  builder=""
  tail -n 1 "$work/build.log"
  bash installer/build.sh --check-only
  bundle_db=$($py -c "import sys; from desktop.db.server import create_database; print(create_database(sys.argv[1], 'bundle'))" "$server")
  dist/so-cdht/so-cdht --data-dir "$work/bundle-pg" --db-url "$bundle_db" self-test
  mark "Gói cài đặt"

  echo "== Đo tốc độ (xã nhỏ, chỉ để chắc lệnh chạy được) trên SQLite và PostgreSQL"
  small=(bench --citizens 1500 --queries 30 --communes 2 --roster-rows 3000)
  bench_db=$($py -c "import sys; from desktop.db.server import create_database; print(create_database(sys.argv[1], 'bench'))" "$server")
  # the two at once (each runs in one process)
  $py -m desktop --data-dir "$work/bench-sqlite" "${small[@]}" --json "$work/bench-sqlite.json" >"$work/bench-sqlite.txt" 2>&1 &
  on_sqlite=$!
  $py -m desktop --data-dir "$work/bench-pg" --db-url "$bench_db" "${small[@]}" --json "$work/bench-pg.json" >"$work/bench-pg.txt" 2>&1 \
    || { cat "$work/bench-pg.txt"; exit 1; }
  wait "$on_sqlite" || { cat "$work/bench-sqlite.txt"; exit 1; }
  $py -c "import json, sys; [print(f, len(json.load(open(f, encoding='utf-8'))['figures']), 'số đo') for f in sys.argv[1:]]" \
    "$work/bench-sqlite.json" "$work/bench-pg.json"
  mark "Đo tốc độ"
  # the whole run's time, for the benchmark's table (desktop/bench/shipping.py)
  mkdir -p build
  printf '{"seconds": %d, "finished": "%s", "commit": "%s"}\n' "$((SECONDS - started))" "$(date -u +%Y-%m-%dT%H:%MZ)" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo -)" > build/last-test-run.json
fi
