#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and the benchmark: a new cluster in a temporary folder,
# on loopback only, no password (trust), thrown away with its folder.
#   bash scripts/postgres.sh start DIR   prints the server's URL (the cluster lives in DIR)
#   bash scripts/postgres.sh stop DIR
#   bash scripts/postgres.sh restart DIR  the same cluster again, on its port (a server that went away)
# Debian's `postgresql` package provides the binaries (scripts/setup.sh installs it).
set -euo pipefail
action=${1:?start|stop}
dir=${2:?folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "Không thấy PostgreSQL (gói postgresql của Debian)." >&2; exit 1; }

# PostgreSQL refuses to run as root: root runs it as the postgres user (from /, which it may enter), and
# DIR's parent folders must let that user through
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

case "$action" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # durability is not what the tests check: fsync off makes their many small databases quick to make.
  # A benchmark that should count the disk, as an office's server does: PG_OPTIONS= bash scripts/postgres.sh …
  echo "$port" >"$dir/port"
  options=${PG_OPTIONS--c fsync=off -c full_page_writes=off}
  echo "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 $options" >"$dir/options"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$(cat "$dir/options")" start >/dev/null
  echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  ;;
restart)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "$(cat "$dir/options")" start >/dev/null
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
  ;;
*)
  echo "dùng: $0 start|stop DIR" >&2; exit 2
  ;;
esac
