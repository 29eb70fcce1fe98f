#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: Debian's postgresql binaries,
# initdb into DIR as the postgres user (when run as root), a free loopback
# port and a Unix socket in DIR, trust authentication, no durability (fsync
# off: the cluster lives as long as one test run).
#
#   pg-cluster.sh start DIR          start (a stale cluster in DIR is stopped
#                                    first); prints the base URL
#                                    postgresql://postgres@127.0.0.1:PORT/
#                                    and writes it to DIR/url
#   pg-cluster.sh stop DIR           stop and remove DIR; idempotent
#   pg-cluster.sh url DIR            the base URL of the running cluster
#   pg-cluster.sh createdb BASE [P]  a fresh database with a unique name
#                                    (prefix P, default t); prints its URL
#   pg-cluster.sh dropdb URL         drop a database made by createdb
#   pg-cluster.sh exec DIR CMD...    run CMD with DUIKOU_TEST_PG set to the
#                                    cluster's base URL (how ctest runs the
#                                    _pg tests)
#
# DIR must be short: the socket DIR/.s.PGSQL.PORT must stay under 107 bytes.
set -euo pipefail

die() {
  echo "pg-cluster: $*" >&2
  exit 1
}

# The newest installed server's bin folder (initdb, pg_ctl), and psql.
pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] ||
    die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (scripts/deps.sh installs postgresql)"
  echo "$d"
}

# as_pg CMD...: run CMD as the postgres user when we are root (initdb refuses
# root), else as ourselves.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

cmd_stop() {
  local dir=$1 bin
  [ -d "$dir" ] || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    bin=$(pg_bindir)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_start() {
  local dir=$1 bin port url tries
  case "$dir" in /*) ;; *) dir=$PWD/$dir ;; esac
  [ ${#dir} -le 80 ] || die "$dir: too long a path for a Unix socket (keep it under 80 bytes)"
  bin=$(pg_bindir)
  cmd_stop "$dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  for tries in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    port_free "$port" || continue
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null 2>&1; then
      url="postgresql://postgres@127.0.0.1:$port/"
      echo "$url" >"$dir/url"
      echo "$port" >"$dir/port"
      echo "$url"
      return 0
    fi
    echo "pg-cluster: try $tries on port $port failed" >&2
  done
  tail -n 20 "$dir/server.log" >&2 || true
  die "the server did not start"
}

# psql on a URL: no psqlrc, unaligned, tuples only, quiet; stop on error.
pq() {
  local url=$1
  shift
  psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$url" "$@"
}

cmd_createdb() {
  local base=$1 prefix=${2:-t} name
  [[ $base == postgresql://* || $base == postgres://* ]] || die "$base: not a postgresql:// URL"
  [[ $prefix =~ ^[a-z][a-z0-9_]{0,20}$ ]] || die "$prefix: a prefix is a lower-case letter, then [a-z0-9_]"
  base=${base%/}/
  # the name: prefix, pid, time and a random number, so that tests running
  # at once never meet
  name=${prefix}_$$_$(date +%s%N | tail -c 10)_$RANDOM
  pq "${base}postgres" -c "CREATE DATABASE $name" >/dev/null || die "CREATE DATABASE $name failed"
  echo "${base}$name"
}

cmd_dropdb() {
  local url=$1 name
  name=${url##*/}
  name=${name%%\?*}
  [[ $name =~ ^[a-z][a-z0-9_]*$ ]] || die "$url: not a database made by createdb"
  pq "${url%/*}/postgres" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
}

[ $# -ge 2 ] || die "usage: pg-cluster.sh start|stop|url DIR | createdb BASE-URL [PREFIX] | dropdb URL | exec DIR CMD..."
verb=$1
shift
case "$verb" in
  start) cmd_start "$1" ;;
  stop) cmd_stop "$1" ;;
  url) [ -s "$1/url" ] || die "$1: no cluster running there"; cat "$1/url" ;;
  createdb) cmd_createdb "$@" ;;
  dropdb) cmd_dropdb "$1" ;;
  exec)
    [ -s "$1/url" ] || die "$1: no cluster running there (the pg_cluster fixture starts it)"
    DUIKOU_TEST_PG=$(cat "$1/url")
    export DUIKOU_TEST_PG
    shift
    exec "$@"
    ;;
  *) die "$verb: unknown; start, stop, url, createdb, dropdb or exec" ;;
esac
