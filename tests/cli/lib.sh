# Shared by the command-line tests (tests/cli/test_*.sh), sourced after
# setting DUIKOU=$1. Each test runs in its own temporary folder, removed at
# the end; it counts its checks and ends with "N passed, N failed" (and
# ", N skipped" when a check was skipped on this backend).
set -u
DUIKOU=${DUIKOU:-$1}
SRC=${DUIKOU_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d /tmp/duikou-cli-XXXXXX)
PID=
# at exit: stop the server of web_start, drop the PostgreSQL databases of
# db_url, remove the folder
lib_cleanup() {
  # and wait for it to end: it has files in $T, and under DUIKOU_WRAP
  # valgrind writes its report only as it exits
  if [ -n "$PID" ] && kill "$PID" 2>/dev/null; then wait "$PID" 2>/dev/null || true; fi
  local f
  for f in "$T"/.dbs/*; do
    [ -f "$f" ] && bash "$SRC/scripts/pg-cluster.sh" dropdb "$(cat "$f")" >/dev/null 2>&1
  done
  rm -rf "$T"
}
trap lib_cleanup EXIT
cd "$T"
# DUIKOU_WRAP: a command every start of the binary goes through, e.g.
# DUIKOU_WRAP="valgrind --log-file=/tmp/vg/%p.log …" (tests/valgrind.sh):
# DUIKOU becomes a script of the test's folder that execs it (same pid).
if [ -n "${DUIKOU_WRAP:-}" ]; then
  mkdir -p "$T/.wrap"
  printf '#!/bin/sh\nexec %s %q "$@"\n' "$DUIKOU_WRAP" "$DUIKOU" >"$T/.wrap/duikou"
  chmod +x "$T/.wrap/duikou"
  DUIKOU=$T/.wrap/duikou
fi
PASS=0
FAIL=0
SKIP=0

ok()   { PASS=$((PASS + 1)); }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL: $*" >&2; }

# expect_status N DESCRIPTION -- COMMAND...: runs COMMAND (stdout to out.txt,
# stderr to err.txt) and checks its exit status.
expect_status() {
  local want=$1 what=$2
  shift 3
  "$@" >out.txt 2>err.txt
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else
    bad "$what: exit $got, wanted $want"; sed 's/^/  stderr: /' err.txt | head -20 >&2
  fi
}

# expect_grep FILE PATTERN DESCRIPTION: FILE holds a line matching PATTERN (grep -E).
expect_grep() {
  if grep -qE -- "$2" "$1"; then ok; else bad "$3: no /$2/ in $1"; head -20 "$1" | sed 's/^/  /' >&2; fi
}

# expect_same A B DESCRIPTION: the two files are identical.
expect_same() {
  if cmp -s "$1" "$2"; then ok; else bad "$3: $1 and $2 differ"; diff "$1" "$2" | head -20 >&2; fi
}

# expect_eq GOT WANT DESCRIPTION
expect_eq() {
  if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', wanted '$2'"; fi
}

finish() {
  if [ "$SKIP" -gt 0 ]; then
    echo "$PASS passed, $FAIL failed, $SKIP skipped"
  else
    echo "$PASS passed, $FAIL failed"
  fi
  [ "$FAIL" -eq 0 ]
}

# ---- the database, on either backend ----
# A test names each database it uses (a.db, demo.db …) and reaches it only
# through these helpers, so that it runs unchanged on SQLite and, when
# DUIKOU_TEST_PG holds a cluster's base URL (the _pg tests), on PostgreSQL:
#   "$DUIKOU" --db "$(db_url a.db)" init
#   db_sql a.db "SELECT count(*) FROM projects"
#   db_dump a.db >before.sql
# On SQLite the name is the file, in the test's folder, exactly as before.
# On PostgreSQL the first db_url NAME creates a fresh, empty database with a
# unique name (scripts/pg-cluster.sh createdb) and every later one gives its
# URL; the databases are dropped when the test exits.
DB_PG=${DUIKOU_TEST_PG:-}

# db_is_pg: true when the test runs on PostgreSQL.
db_is_pg() { [ -n "$DB_PG" ]; }

# db_url NAME: the --db value of the database NAME (see above).
db_url() {
  if ! db_is_pg; then
    printf '%s\n' "$1"
    return
  fi
  local key=$T/.dbs/${1//\//_} url
  if [ ! -s "$key" ]; then
    mkdir -p "$T/.dbs"
    url=$(bash "$SRC/scripts/pg-cluster.sh" createdb "$DB_PG" cli) || {
      bad "db_url $1: no database could be created on $DB_PG"
      return 1
    }
    printf '%s\n' "$url" >"$key"
  fi
  cat "$key"
}

# db_absent NAME: a --db value naming a database that does not exist (the
# file NAME on SQLite, an uncreated database of the cluster on PostgreSQL).
db_absent() {
  if db_is_pg; then
    printf '%s%s\n' "${DB_PG%/}/" "absent_${1//[^a-z0-9]/_}"
  else
    printf '%s\n' "$1"
  fi
}

# db_sql NAME SQL: runs SQL (one or more statements) on NAME and prints the
# rows of its queries, one a line, values separated by '|', NULL as empty,
# no header (sqlite3 -batch -noheader; psql -XAtq). Non-zero exit and the
# message on stderr when a statement fails.
db_sql() {
  if db_is_pg; then
    psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$(db_url "$1")" <<<"$2"
  else
    sqlite3 -batch -noheader "$1" "$2"
  fi
}

# db_dump NAME [TABLE...]: every row of every table of NAME, in an order
# that depends on the contents only, leaving out the rows of the TABLEs
# given; to compare a database before and after (sqlite3 .dump; on
# PostgreSQL each table's rows as text, sorted; sequences are left out,
# since PostgreSQL does not roll them back).
db_dump() {
  local name=$1
  shift
  if ! db_is_pg; then
    if [ $# -gt 0 ]; then
      local IFS='|'
      sqlite3 "$name" .dump | grep -Ev "^INSERT INTO \"?($*)\"?[ (]"
    else
      sqlite3 "$name" .dump
    fi
    return
  fi
  local url t skip script=
  url=$(db_url "$name")
  for t in $(db_sql "$name" "SELECT table_name FROM information_schema.tables
                             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                             ORDER BY table_name"); do
    for skip in "$@"; do [ "$t" = "$skip" ] && continue 2; done
    script+="SELECT '-- $t'; SELECT x::text FROM \"$t\" x ORDER BY 1;"$'\n'
  done
  psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$url" <<<"$script"
}

# sqlite_only WHY: true on SQLite; on PostgreSQL prints "SKIP: WHY", counts
# a skipped check and is false. For checks that are about a file, e.g.
#   sqlite_only "a failed demo leaves no file" && { [ ! -e x.db ] && ok || bad …; }
sqlite_only() {
  db_is_pg || return 0
  SKIP=$((SKIP + 1))
  echo "SKIP: $1 (a SQLite file only)"
  return 1
}

# The web tests' helpers. Every page but /login needs a signed-in user, so
# a test starts the server, makes a user and signs in:
#   web_start demo.db            # serve on a free loopback port: $PID, $PORT, $URL
#                                # (demo.db is a name for db_url)
#   web_user alice admin         # user alice, password pw-alice-123456
#   web_login alice              # cookie jar $JAR, CSRF token $CSRF
#   web_curl -s "$URL/projects"  # curl with that session and its CSRF header
# The database of web_user is $WEB_DB: web_start's, else demo.db.
# Failed logins count against the address too (5 in 15 minutes lock it):
# a test that tries more wrong passwords than that starts the server with
# --tls-proxy and sends each from its own X-Forwarded-For address, as
# test_auth.sh does.
WEB_DB=${WEB_DB:-demo.db}

# web_start DB [SERVE-OPTIONS...]: starts `duikou --db DB serve` on
# 127.0.0.1:0 (2 threads) with its output in serve.out and serve.err, waits
# for the URL it prints, and stops it when the test exits.
web_start() {
  WEB_DB=$1
  shift
  # a former server's start line must not be read as this one's
  rm -f serve.out serve.err
  "$DUIKOU" --db "$(db_url "$WEB_DB")" serve --listen 127.0.0.1:0 --threads 2 "$@" >serve.out 2>serve.err &
  PID=$!
  # (a minute under DUIKOU_WRAP: valgrind starts slowly)
  local tries=100
  [ -n "${DUIKOU_WRAP:-}" ] && tries=600
  for _ in $(seq $tries); do grep -q 'http://' serve.out 2>/dev/null && break; sleep 0.1; done
  PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' serve.out)
  if [ -n "$PORT" ] && [ "$PORT" != 0 ]; then ok; else
    bad "serve did not start"; sed 's/^/  serve: /' serve.err | head -20 >&2; finish; exit 1
  fi
  URL=http://127.0.0.1:$PORT
}

# web_stop: SIGTERM to the server; returns its exit status.
web_stop() {
  kill -TERM "$PID"
  wait "$PID"
  local rc=$?
  PID=
  return $rc
}

# web_user NAME ROLE [SCOPE]: adds the user NAME with password
# pw-NAME-123456 to $WEB_DB.
web_user() {
  local scope=()
  [ -n "${3:-}" ] && scope=(--scope "$3")
  if printf 'pw-%s-123456\n' "$1" | "$DUIKOU" --db "$(db_url "$WEB_DB")" user add "$1" --role "$2" "${scope[@]}" \
       --password-stdin >/dev/null 2>web_user.err; then ok; else
    bad "web_user $*: $(cat web_user.err)"
  fi
}

# web_login NAME [PASSWORD]: signs NAME in (password pw-NAME-123456 unless
# given); sets JAR (its cookie file, jar-NAME.txt) and CSRF (the session's
# token, read from the csrf-token meta tag of the dashboard).
web_login() {
  JAR=$PWD/jar-$1.txt
  rm -f "$JAR"
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" --data-urlencode "user=$1" \
    --data-urlencode "password=${2:-pw-$1-123456}" "$URL/login")
  expect_eq "$got" 303 "$1 signs in"
  CSRF=$(curl -s -b "$JAR" "$URL/" | sed -n 's/.*<meta name="csrf-token" content="\([0-9a-f]*\)">.*/\1/p')
  [ -n "$CSRF" ] && ok || bad "$1: no csrf-token meta tag after signing in"
}

# web_curl ARGS...: curl with the session of the last web_login and its
# CSRF token as X-CSRF-Token.
web_curl() {
  curl -b "$JAR" -H "X-CSRF-Token: $CSRF" "$@"
}
