# A throwaway PostgreSQL cluster for a test, sourced after lib.sh:
#   pg_cluster_start          # initdb + start on a free port: $PG_URL (database "duikou")
#   pg_createdb NAME          # another empty database: prints its URL
#   pg_cluster_stop           # fast shutdown (also run at exit, by trap)
#   pg_cluster_restart        # stop and start the same cluster, same port
#   pg_trap                   # again after lib.sh's web_start, which sets its own trap
# The cluster lives in a short folder under /tmp owned by postgres (initdb
# refuses root; a socket path must stay under 107 bytes). A machine without
# initdb skips the test with a message and exit 0 (pg_cluster_start exits).
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_DIR=
PG_PORT=
PG_URL=

pg_run() {
  # from / : the postgres user may not enter the test's folder
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

pg_cluster_start() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "SKIP: PostgreSQL's initdb is not installed (apt-get install postgresql)"
    exit 0
  fi
  PG_DIR=$(mktemp -d /tmp/pg-XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  PG_PORT=$(pg_free_port)
  pg_trap
  if ! pg_run "$PG_BIN/initdb" -A trust -E UTF8 --locale=C.UTF-8 -U postgres -D "$PG_DIR/data" \
      >"$T/initdb.log" 2>&1; then
    echo "initdb failed:" >&2; cat "$T/initdb.log" >&2; exit 1
  fi
  pg_cluster_up || exit 1
  pg_run "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres duikou || exit 1
  PG_URL="postgresql://postgres@127.0.0.1:$PG_PORT/duikou"
}

# lib.sh's trap removes $T (and stops a server); this one stops the server
# and the cluster first. web_start sets its own: call pg_trap after it.
pg_trap() {
  trap '[ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; pg_cluster_stop; rm -rf "$T"' EXIT
}

pg_cluster_up() {
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { echo "pg_ctl start failed:" >&2; cat "$PG_DIR/log" >&2; return 1; }
}

pg_cluster_down() {
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
}

pg_cluster_restart() {
  pg_cluster_down && pg_cluster_up
}

pg_createdb() {
  pg_run "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1" || return 1
  echo "postgresql://postgres@127.0.0.1:$PG_PORT/$1"
}

pg_cluster_stop() {
  [ -n "$PG_DIR" ] || return 0
  pg_cluster_down
  rm -rf "$PG_DIR"
  PG_DIR=
}
