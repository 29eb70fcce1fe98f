#!/usr/bin/env bash
# duikou import / export: exit statuses, error lines, all rows or none,
# dry run, stdin, -o, and the export→import→export round trip of all kinds.
. "$(dirname "$0")/lib.sh"
DATA=$SRC/tests/data/import
KINDS="pairings conferences projects status funds labour training plans visits"

"$DUIKOU" --db "$(db_url a.db)" init >/dev/null || bad "init"
for k in $KINDS; do
  expect_status 0 "import $k" -- "$DUIKOU" --db "$(db_url a.db)" import "$k" "$DATA/$k.csv"
done
expect_grep out.txt "visits.csv: 2 rows: 2 added, 0 updated, 0 unchanged" "summary line"
expect_eq "$(db_sql a.db "SELECT total_investment || ' ' || contract_amount FROM projects WHERE code='P001'")" \
  "112000000 87300000" "1.12亿 and 8730万 converted exactly"
expect_eq "$(db_sql a.db "SELECT recipient_code || ' ' || category || ' ' || ownership FROM projects WHERE code='P003'")" \
  "420506 economic private" "names and Chinese labels stored as codes"
expect_eq "$(db_sql a.db "SELECT code FROM funds WHERE note LIKE '捐款%'")" "R3" "receipt without a number named R and its id"

# re-import updates, never duplicates
expect_status 0 "re-import projects" -- "$DUIKOU" --db "$(db_url a.db)" import projects "$DATA/projects.csv"
expect_grep out.txt "3 rows: 0 added, 0 updated, 3 unchanged" "re-import counts unchanged"
sed 's/,50,,,,否,$/,60,,,,否,/' "$DATA/projects.csv" > p2.csv
expect_status 0 "import a changed project" -- "$DUIKOU" --db "$(db_url a.db)" import 项目 p2.csv
expect_grep out.txt "3 rows: 0 added, 1 updated, 2 unchanged" "one project updated"
expect_eq "$(db_sql a.db 'SELECT COUNT(*) FROM projects')" 3 "still three projects"

# columns absent from the file keep their values
printf 'code,name,date\nC2004,2004年经贸洽谈会,2004-09-18\n' > c4.csv
expect_status 0 "import without place" -- "$DUIKOU" --db "$(db_url a.db)" import conferences c4.csv
expect_grep out.txt "1 rows: 0 added, 0 updated, 1 unchanged" "absent column is no change"
expect_eq "$(db_sql a.db "SELECT place FROM conferences WHERE code='C2004'")" "重庆, 万州" "place kept"

# a bad file changes nothing and reports every problem
db_dump a.db > before.sql
cat > bad.csv <<'X'
project_code,date,amount,side
P001,2004-02-30,5,supporter
P404,2004-03-01,-5,supporter
P001,2004-03-01,"12,5",nobody
P001,2004-03-01,5
X
expect_status 1 "bad funds" -- "$DUIKOU" --db "$(db_url a.db)" import funds bad.csv
expect_eq "$(wc -l < err.txt)" 6 "six error lines"
expect_grep err.txt '^bad.csv:2:date: "2004-02-30" has no such day in its month$' "bad date at row 2"
expect_grep err.txt '^bad.csv:3:project_code: "P404" is not a known project' "unknown project"
expect_grep err.txt '^bad.csv:3:amount: "-5" must not be negative' "negative amount"
expect_grep err.txt '^bad.csv:4:amount: "12,5" is not an amount' "12,5"
expect_grep err.txt '^bad.csv:4:side: "nobody" is not a known side' "unknown code"
expect_grep err.txt '^bad.csv:5:: 3 fields, but the header has 4' "short row"
db_dump a.db > after.sql
expect_same before.sql after.sql "database unchanged after a bad import"

# a rule violation found after writing is reported at its row, and rolled back
printf 'project_code,date,amount,side\nP001,2001-01-01,5,supporter\n' > early.csv
expect_status 1 "fund before signing" -- "$DUIKOU" --db "$(db_url a.db)" import funds early.csv
expect_grep err.txt '^early.csv:2:date: received 2001-01-01, before project P001 was signed on 2003-06-10' "rule mapped to row"
db_dump a.db > after.sql
expect_same before.sql after.sql "database unchanged after a rule violation"

# dry run
printf 'code,name,date\nC2005,新会议,2005-05-05\n' > c.csv
expect_status 0 "dry run" -- "$DUIKOU" --db "$(db_url a.db)" import conferences c.csv --dry-run
expect_grep out.txt "c.csv: 1 rows: 1 added, 0 updated, 0 unchanged \(dry run, nothing written\)" "dry-run line"
db_dump a.db > after.sql
expect_same before.sql after.sql "dry run writes nothing"
# standard input
expect_status 0 "stdin" -- sh -c "\"$DUIKOU\" --db \"$(db_url a.db)\" import conferences - < c.csv"
expect_eq "$(db_sql a.db "SELECT name FROM conferences WHERE code='C2005'")" "新会议" "imported from stdin"

# usage and system errors
printf 'not a zip\n' > x.xlsx
expect_status 1 "xlsx import of a file that is no workbook" -- "$DUIKOU" --db "$(db_url a.db)" import funds x.xlsx
expect_grep err.txt "^x.xlsx: not an .xlsx workbook \(it is not a zip archive\)$" "xlsx message"
expect_status 2 "unknown kind" -- "$DUIKOU" --db "$(db_url a.db)" import nothing c.csv
expect_status 2 "missing file argument" -- "$DUIKOU" --db "$(db_url a.db)" import funds
expect_status 2 "unknown option" -- "$DUIKOU" --db "$(db_url a.db)" import funds c.csv --bogus
expect_status 3 "no database" -- "$DUIKOU" --db "$(db_absent none.db)" import conferences c.csv
expect_status 1 "missing file" -- "$DUIKOU" --db "$(db_url a.db)" import conferences nofile.csv
expect_status 2 "xlsx export to standard output" -- "$DUIKOU" --db "$(db_url a.db)" export funds --format xlsx
expect_grep err.txt "give it with -o FILE.xlsx" "xlsx export message"
expect_status 2 "export without kind" -- "$DUIKOU" --db "$(db_url a.db)" export
expect_status 3 "export, no database" -- "$DUIKOU" --db "$(db_absent none.db)" export funds

# export: -o and json
expect_status 0 "export -o" -- "$DUIKOU" --db "$(db_url a.db)" export funds -o f.csv
expect_eq "$(head -1 f.csv)" "project_code,date,amount,side,source_type,note,code" "English header in kinds order"
[ ! -e f.csv.tmp ] && ok || bad "f.csv.tmp left behind"
expect_status 0 "export json" -- "$DUIKOU" --db "$(db_url a.db)" export projects --format json
expect_eq "$(jq -c '[length, .[0].total_investment, .[1].jobs]' out.txt)" \
  "[3,112000000,null]" "json: numbers as numbers, NULL as null"

# round trip: export, import into a fresh database, export again
mkdir one two
for k in $KINDS; do "$DUIKOU" --db "$(db_url a.db)" export "$k" -o "one/$k.csv" || bad "export $k"; done
"$DUIKOU" --db "$(db_url b.db)" init >/dev/null
for k in $KINDS; do
  expect_status 0 "re-import $k" -- "$DUIKOU" --db "$(db_url b.db)" import "$k" "one/$k.csv"
done
for k in $KINDS; do
  "$DUIKOU" --db "$(db_url b.db)" export "$k" -o "two/$k.csv"
  expect_same "one/$k.csv" "two/$k.csv" "round trip of $k"
done
finish
