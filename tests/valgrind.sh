#!/usr/bin/env bash
# The command-line tests with every start of the duikou binary under
# valgrind memcheck (issue 9, item 2): tests/cli/lib.sh honours DUIKOU_WRAP,
# so each "$DUIKOU" of a test runs as
#   valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect
#            --error-exitcode=99 --suppressions=tests/valgrind.supp …
# with one log per process. A test fails when its own checks fail (a
# command that valgrind ends with 99 fails the check of its exit status),
# and the run fails when any process's log has an error or a definite or
# indirect leak, whether or not the test looked at that command's status.
#
#   tests/valgrind.sh BINARY [TEST...]   (TEST: test_import or
#                     tests/cli/test_import.sh; none: all but test_bench
#                     and test_crash)
#
# Honours DUIKOU_TEST_PG (the tests then run on PostgreSQL, as their _pg
# twins do). Logs under VALGRIND_LOGS (default /tmp/duikou-valgrind-XXXX),
# kept when something fails. Prints a line per test and a summary: tests
# run, processes checked, errors, definitely lost bytes.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:?usage: tests/valgrind.sh BINARY [TEST...]}
shift
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
[ -x "$BIN" ] || { echo "valgrind.sh: $BIN is not an executable" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is missing (scripts/deps.sh installs it)" >&2; exit 2; }
LOGS=${VALGRIND_LOGS:-$(mktemp -d /tmp/duikou-valgrind-XXXXXX)}
mkdir -p "$LOGS"
tests=()
if [ $# -eq 0 ]; then
  # every test but test_bench: bench/run times duikou beside its peers
  # (gen, import, report and serve under valgrind are test_gen's,
  # test_import's, test_report's and test_load's); and test_crash: its
  # SIGKILLs cut the wrapped process's log before valgrind's summary, so
  # each would count as a failure. Name one to run it.
  for t in "$ROOT"/tests/cli/test_*.sh; do
    case $(basename "$t") in test_bench.sh | test_crash.sh) ;; *) tests+=("$t") ;; esac
  done
else
  for t in "$@"; do
    case $t in */*) tests+=("$t") ;; *) tests+=("$ROOT/tests/cli/${t%.sh}.sh") ;; esac
  done
fi
# the load test runs shorter (valgrind serves a request in tens of ms)
export LOAD_SECONDS=${LOAD_SECONDS:-20}
export DUIKOU_SRC=$ROOT
failed=0 ran=0 start=$(date +%s)
for t in "${tests[@]}"; do
  name=$(basename "$t" .sh)
  dir=$LOGS/$name
  rm -rf "$dir"
  mkdir -p "$dir"
  t0=$(date +%s)
  DUIKOU_WRAP="valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
  DUIKOU_WRAP+=" --suppressions=$ROOT/tests/valgrind.supp --num-callers=30 --log-file=$dir/%p.log"
  DUIKOU_WRAP=$DUIKOU_WRAP \
    bash "$t" "$BIN" >"$dir/test.out" 2>&1
  rc=$?
  ran=$((ran + 1))
  procs=$(find "$dir" -name '*.log' | wc -l)
  # the logs with an error or a leak counted as one
  bad_logs=$(grep -L 'ERROR SUMMARY: 0 errors' "$dir"/*.log 2>/dev/null | wc -l)
  result=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$dir/test.out" | tail -1)
  status=ok
  if [ "$rc" -eq 77 ]; then status=skipped
  elif [ "$rc" -ne 0 ] || [ "$bad_logs" -gt 0 ]; then status=FAILED; failed=$((failed + 1)); fi
  printf '%-28s %-8s %3d processes, %d with errors  %s  (%ds)\n' "$name" "$status" "$procs" "$bad_logs" \
    "${result:-no result line}" $(($(date +%s) - t0))
  if [ "$status" = FAILED ]; then
    grep -E '^FAIL' "$dir/test.out" | head -5 | sed 's/^/    /'
    for l in $(grep -L 'ERROR SUMMARY: 0 errors' "$dir"/*.log 2>/dev/null | head -3); do
      echo "    $l:"
      grep -E '^==[0-9]+== (Command|.*(Invalid|uninitialised|are definitely lost|are indirectly lost|Mismatched|overlap)|   (at|by) )' "$l" |
        head -25 | sed 's/^/      /'
    done
  fi
done
errors=$(cat "$LOGS"/*/*.log 2>/dev/null | sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' |
  awk '{ s += $1 } END { print s + 0 }')
lost=$(cat "$LOGS"/*/*.log 2>/dev/null | sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' | tr -d , |
  awk '{ s += $1 } END { print s + 0 }')
procs=$(find "$LOGS" -name '*.log' | wc -l)
echo "valgrind: $ran tests, $failed failed, $procs processes, $errors errors, $lost bytes definitely lost" \
  "($(($(date +%s) - start)) s; logs in $LOGS)"
if [ "$failed" -eq 0 ] && [ "$errors" -eq 0 ] && [ -z "${VALGRIND_LOGS:-}" ]; then rm -rf "$LOGS"; fi
[ "$failed" -eq 0 ] && [ "$errors" -eq 0 ]
