#!/usr/bin/env bash
# duikou gen: a synthetic world of the asked size, the same for the same
# seed, clean under every validation rule, reported on, written as CSV that
# imports back to the same records; bad arguments refused with nothing made.
. "$(dirname "$0")/lib.sh"

q() { db_sql "$1" "$2"; }

expect_status 0 "gen S" -- "$DUIKOU" --db "$(db_url a.db)" gen --scale S --csv csv
# no progress line in a pipe
if grep -q "%" err.txt; then bad "a progress line was written into a pipe"; else ok; fi
expect_grep out.txt "synthetic world S \(seed 1\)" "gen names the world it made"
# the sizes of `duikou gen --help` (S: 2,000 projects, 40,000 receipts)
"$DUIKOU" gen --help >help.txt
want_projects=$(sed -n 's/.*S: \([0-9,]*\) projects and \([0-9,]*\) fund receipts.*/\1/p' help.txt | tr -d ,)
want_receipts=$(sed -n 's/.*S: \([0-9,]*\) projects and \([0-9,]*\) fund receipts.*/\2/p' help.txt | tr -d ,)
expect_eq "$(q a.db "SELECT COUNT(*) FROM projects")" "$want_projects" "projects as --help says"
expect_eq "$(q a.db "SELECT COUNT(*) FROM funds")" "$want_receipts" "fund receipts as --help says"
expect_eq "$(q a.db "SELECT COUNT(DISTINCT program) FROM projects")" 4 "projects in all four programs"
expect_eq "$(q a.db "SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM pairings r
    WHERE r.program = p.program AND r.supporter_code = p.supporter_code AND r.recipient_code = p.recipient_code)")" 0 \
  "every project's supporter is paired with its county in its program"
expect_eq "$(q a.db "SELECT COUNT(*) FROM divisions WHERE name_zh LIKE '%合成%' AND level = 'county'")" \
  "$(q a.db "SELECT COUNT(DISTINCT recipient_code) FROM pairings WHERE program <> 'sanxia'")" \
  "the generated counties are marked 合成 and are those of the other programs"
expect_eq "$(q a.db "SELECT COUNT(DISTINCT substr(date, 1, 4)) FROM funds")" 20 "receipts spread over twenty years"
expect_eq "$(q a.db "SELECT COUNT(DISTINCT status) FROM projects")" 5 "every status of the pipeline in use"
expect_eq "$(q a.db "SELECT value FROM meta WHERE key = 'demo'")" 1 "marked as demo data (reports say so)"
expect_status 0 "the world passes every validation rule" -- "$DUIKOU" --db "$(db_url a.db)" check
expect_status 0 "report annual on it" -- "$DUIKOU" --db "$(db_url a.db)" report annual --year 2015 --program dongxi --format json
# the report's total is the receipts of the program's projects in the year
want=$(q a.db "SELECT SUM(f.amount) FROM funds f JOIN projects p ON p.code = f.project_code
               WHERE p.program = 'dongxi' AND f.date BETWEEN '2015-01-01' AND '2015-12-31'")
got=$(python3 -c 'import json,sys; print(json.load(open("out.txt"))["funds"]["total"])')
expect_eq "$got" "$want" "report annual's funds total of the generated world"

# determinism: the same seed gives the same records, another seed others
expect_status 0 "gen S again" -- "$DUIKOU" --db "$(db_url b.db)" gen --scale s --seed 1
expect_status 0 "gen S seed 2" -- "$DUIKOU" --db "$(db_url c.db)" gen --scale S --seed 2
for k in projects funds labour plans visits; do
  "$DUIKOU" --db "$(db_url a.db)" export $k -o a-$k.csv
  "$DUIKOU" --db "$(db_url b.db)" export $k -o b-$k.csv
  expect_same a-$k.csv b-$k.csv "same seed, same $k"
done
"$DUIKOU" --db "$(db_url c.db)" export funds -o c-funds.csv
if cmp -s a-funds.csv c-funds.csv; then bad "another seed gave the same receipts"; else ok; fi

# --csv: every kind written; emptied of records, the database of the same
# seed takes them back and exports the same
for k in pairings conferences projects status funds labour training plans visits; do
  [ -s csv/$k.csv ] && ok || bad "csv/$k.csv missing or empty"
done
if ls csv/*.tmp >/dev/null 2>&1; then bad "temporary files left"; else ok; fi
db_sql b.db "DELETE FROM visits; DELETE FROM plans; DELETE FROM training; DELETE FROM labour; DELETE FROM funds;
             DELETE FROM status_history; DELETE FROM projects; DELETE FROM conferences;
             DELETE FROM pairings WHERE program <> 'sanxia'" >/dev/null
for k in pairings conferences projects status funds labour training plans visits; do
  expect_status 0 "import $k back" -- "$DUIKOU" --db "$(db_url b.db)" import $k csv/$k.csv
  "$DUIKOU" --db "$(db_url b.db)" export $k -o again-$k.csv
  expect_same csv/$k.csv again-$k.csv "$k: gen's CSV = export after importing it"
done

# refusals: nothing made (the arguments are read before any database is
# touched, so a file name serves on both backends)
expect_status 2 "no --scale" -- "$DUIKOU" --db e.db gen
expect_grep err.txt "--scale" "the message asks for --scale"
expect_status 2 "unknown scale" -- "$DUIKOU" --db e.db gen --scale XL
expect_grep err.txt "unknown scale 'XL'" "the message names the scale"
expect_status 2 "bad seed" -- "$DUIKOU" --db e.db gen --scale S --seed -3
expect_status 2 "unknown argument" -- "$DUIKOU" --db e.db gen --scale S --fast
[ ! -e e.db ] && ok || bad "a refused gen left a database"
expect_status 1 "an existing database is kept without --force" -- "$DUIKOU" --db "$(db_url a.db)" gen --scale S
expect_grep err.txt "already there" "the message says why"
expect_eq "$(q a.db "SELECT COUNT(*) FROM funds")" "$want_receipts" "the existing database is untouched"
finish
