#!/usr/bin/env bash
# bench/run at scale S as a smoke test: it installs its peers, runs every
# part and writes its table; no figure is asserted (speed is measured by
# bench/run, never by a test), only that every line was measured.
. "$(dirname "$0")/lib.sh"

if ! sqlite_only "bench/run measures duikou on a SQLite file"; then finish; exit 0; fi

expect_status 0 "bench/run --scale S --smoke" -- env DUIKOU="$DUIKOU" bash "$SRC/bench/run" --scale S --smoke \
  --work "$T/work" --out "$T/results.md"
[ -s results.md ] && ok || bad "no results.md written"
cat out.txt >table.txt
# each line of the table, with a number in duikou's and the peer's columns
for line in "import funds CSV" "report annual 2015 \(sanxia\), ms \| [0-9]+ \| sqlite3 shell" \
  "report annual 2015 \(sanxia\), ms \| [0-9]+ \| DuckDB" "filtered project list .*requests/s" \
  "dashboard .*requests/s" ".*peak RSS" "database size"; do
  expect_grep results.md "^\| $line" "results.md has the line '$line'"
done
expect_grep results.md "^\| import funds CSV, 40,000 rows \(rows/s\) \| [0-9,]+ \| sqlite3 .* \| [0-9,]+ \|" \
  "the import line has both rates (40,000 receipts at S)"
expect_grep results.md "DuckDB.*; 0 statements failed\)" "DuckDB ran every statement of the report"
expect_grep results.md "requests/s \(0 non-2xx\)" "the server answered every request of the load with 2xx"
if grep -q "requests/s ([1-9][0-9]* non-2xx)" results.md; then bad "some requests were refused or failed"; else ok; fi
expect_grep out.txt "^\| measure \| duikou \| peer" "the table is printed too"
# a second run replaces its scale's section and keeps what is around it
printf '# Notes kept\n\n' | cat - results.md >r2.md && mv r2.md results.md
expect_status 0 "bench/run again, the report only" -- env DUIKOU="$DUIKOU" bash "$SRC/bench/run" --scale S --smoke \
  --parts report --work "$T/work" --out "$T/results.md"
expect_eq "$(grep -c '<!-- scale S begin' results.md)" 1 "one section for the scale"
expect_grep results.md "^# Notes kept" "the notes around it stay"
expect_status 2 "an unknown scale" -- bash "$SRC/bench/run" --scale XL
finish
