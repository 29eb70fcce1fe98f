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
