# Shared by the command-line tests (tests/cli/test_*.sh), sourced after
# setting DUIKOU=$1. Each test runs in its own temporary folder, removed at
# the end; it counts its checks and ends with "N passed, N failed".
set -u
DUIKOU=${DUIKOU:-$1}
SRC=${DUIKOU_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d /tmp/duikou-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
cd "$T"
PASS=0
FAIL=0

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
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}

# The web tests' helpers. Every page but /login needs a signed-in user, so
# a test starts the server, makes a user and signs in:
#   web_start demo.db            # serve on a free loopback port: $PID, $PORT, $URL
#   web_user alice admin         # user alice, password pw-alice-123456
#   web_login alice              # cookie jar $JAR, CSRF token $CSRF
#   web_curl -s "$URL/projects"  # curl with that session and its CSRF header
# The database of web_user is $WEB_DB: web_start's, else demo.db.
# Failed logins count against the address too (5 in 15 minutes lock it):
# a test that tries more wrong passwords than that starts the server with
# --tls-proxy and sends each from its own X-Forwarded-For address, as
# test_auth.sh does.
WEB_DB=${WEB_DB:-demo.db}
PID=

# web_start DB [SERVE-OPTIONS...]: starts `duikou --db DB serve` on
# 127.0.0.1:0 (2 threads) with its output in serve.out and serve.err, waits
# for the URL it prints, and stops it when the test exits.
web_start() {
  WEB_DB=$1
  shift
  "$DUIKOU" --db "$WEB_DB" serve --listen 127.0.0.1:0 --threads 2 "$@" >serve.out 2>serve.err &
  PID=$!
  trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$T"' EXIT
  for _ in $(seq 100); do grep -q 'http://' serve.out 2>/dev/null && break; sleep 0.1; done
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
  if printf 'pw-%s-123456\n' "$1" | "$DUIKOU" --db "$WEB_DB" user add "$1" --role "$2" "${scope[@]}" \
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
