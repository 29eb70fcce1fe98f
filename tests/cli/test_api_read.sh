#!/usr/bin/env bash
# The read API (GET /api/v1/{kind}, GET /api/v1/{kind}/{id}) and the list
# pages' CSV on a demo database: every kind lists and gets its records as
# `duikou export` writes them, filters count what SQL (db_sql) counts for the
# filter's meaning, pages and totals add up, bad input is a 400 or 404 in
# JSON and never a 500.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
command -v jq >/dev/null || { echo "jq is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo
web_start demo.db
web_user admin admin
web_login admin

# get PATH WANT_STATUS: the body goes to body.json
get() {
  local got
  got=$(web_curl -s -o body.json -w '%{http_code}' "$URL$1")
  expect_eq "$got" "$2" "GET $1"
}
q() { db_sql demo.db "$1"; }
j() { jq -r "$1" body.json; }

declare -A TABLE=([pairings]=pairings [conferences]=conferences [projects]=projects [status]=status_history
  [funds]=funds [labour]=labour [training]=training [plans]=plans [visits]=visits)
for kind in pairings conferences projects status funds labour training plans visits; do
  get "/api/v1/$kind?per_page=500" 200
  total=$(q "SELECT COUNT(*) FROM ${TABLE[$kind]}")
  expect_eq "$(j .total)" "$total" "$kind: total is the table's count"
  [ "$total" -gt 0 ] && ok || bad "$kind: the demo has no records"
  n=$((total < 500 ? total : 500))
  expect_eq "$(j '.items | length')" "$n" "$kind: one page of items"
  expect_eq "$(j '.page, .per_page' | tr '\n' ' ')" "1 500 " "$kind: page and per_page"
  # the records are the export's objects, in the export's order, plus "id"
  "$DUIKOU" --db "$(db_url demo.db)" export "$kind" --format json >export.json
  jq -S '.[0]' export.json >want.json
  jq -S '.items[0] | del(.id)' body.json >got.json
  expect_same got.json want.json "$kind: a record is the export JSON object"
  id=$(j '.items[0].id')
  jq -S '.items[0]' body.json >first.json
  get "/api/v1/$kind/$(jq -rn --arg s "$id" '$s|@uri')" 200
  jq -S . body.json >one.json
  expect_same one.json first.json "$kind: GET by id gives the listed record"
done

# ids of the scheme
get "/api/v1/pairings/sanxia%7C310000%7C500101" 200
expect_eq "$(j '.id, .supporter_code, .recipient_code' | tr '\n' ' ')" "sanxia|310000|500101 310000 500101 " \
  "a pairing by program|supporter|recipient"
vid=$(q "SELECT id FROM visits ORDER BY id DESC LIMIT 1")
get "/api/v1/visits/$vid" 200
expect_eq "$(j .date)" "$(q "SELECT date FROM visits WHERE id = $vid")" "a visit by its integer id"
sid=$(q "SELECT project_code || '|' || date FROM status_history LIMIT 1")
get "/api/v1/status/$(jq -rn --arg s "$sid" '$s|@uri')" 200
expect_eq "$(j .id)" "$sid" "a status entry by project|date"

# filters, each against a query written from its meaning
get "/api/v1/funds?county=500101&per_page=1" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM funds WHERE project_code IN
  (SELECT code FROM projects WHERE recipient_code = '500101')")" "funds of 万州's projects"
expect_eq "$(j .totals.amount)" "$(q "SELECT SUM(amount) FROM funds f JOIN projects p ON p.code = f.project_code
  WHERE p.recipient_code = '500101'")" "the amount of 万州's funds"
get "/api/v1/funds?year=2004&side=recipient&per_page=1" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM funds WHERE date LIKE '2004-%' AND side = 'recipient'")" \
  "funds of 2004 from the recipient side"
expect_eq "$(j .totals.amount)" "$(q "SELECT SUM(amount) FROM funds WHERE date LIKE '2004-%' AND side = 'recipient'")" \
  "their amount"
get "/api/v1/labour?origin_code=500101&year=2004" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM labour WHERE origin_code = '500101' AND date BETWEEN '2004-01-01' AND '2004-12-31'")" \
  "labour of 万州 in 2004"
expect_eq "$(j .totals.headcount)" "$(q "SELECT SUM(headcount) FROM labour WHERE origin_code = '500101' AND date BETWEEN '2004-01-01' AND '2004-12-31'")" \
  "headcount of labour of 万州 in 2004"
get "/api/v1/projects?status=operating&year=2003&per_page=1" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM projects WHERE status = 'operating' AND signed_date LIKE '2003-%'")" \
  "projects operating signed in 2003"
get "/api/v1/plans?year=2005" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM plans WHERE 2005 BETWEEN start_year AND end_year")" \
  "plans whose period holds 2005"
expect_eq "$(j .totals.target_funds)" "$(q "SELECT SUM(target_funds) FROM plans WHERE 2005 BETWEEN start_year AND end_year")" \
  "their target funds"
get "/api/v1/pairings?year=1993&supporter_code=310000" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM pairings WHERE supporter_code = '310000' AND since_year <= 1993
  AND (until_year IS NULL OR until_year >= 1993)")" "Shanghai's pairings in force in 1993"
get "/api/v1/training?kind=wealth_leader&year=2004" 200
expect_eq "$(j .totals.headcount)" "$(q "SELECT SUM(headcount) FROM training WHERE kind = 'wealth_leader' AND start_date LIKE '2004-%'")" \
  "wealth leaders trained in 2004"
get "/api/v1/visits?direction=to_recipient&year=2004" 200
expect_eq "$(j .total)" "$(q "SELECT COUNT(*) FROM visits WHERE direction = 'to_recipient' AND date LIKE '2004-%'")" \
  "visits to the recipients in 2004"
get "/api/v1/funds?county=999999" 200
expect_eq "$(j '.total, (.items | length), .totals.amount' | tr '\n' ' ')" "0 0 0 " "no funds of an unknown county"

# pagination and sorting
get "/api/v1/funds?per_page=20&sort=amount&dir=desc" 200
jq '.items[10]' body.json >p1.json
expect_eq "$(j '.items[0].amount')" "$(q "SELECT MAX(amount) FROM funds")" "sorted by amount, largest first"
get "/api/v1/funds?per_page=10&page=2&sort=amount&dir=desc" 200
jq '.items[0]' body.json >p2.json
expect_same p2.json p1.json "page 2 of 10 starts where item 11 of 20 is"
last=$(( ($(q "SELECT COUNT(*) FROM funds") + 49) / 50 ))
get "/api/v1/funds?page=$last" 200
expect_eq "$(j '.items | length')" "$(( $(q "SELECT COUNT(*) FROM funds") - (last - 1) * 50 ))" "the last page holds the rest"
get "/api/v1/funds?page=$((last + 1))" 200
expect_eq "$(j '.items | length')" "0" "past the last page: no items"

FUNDS_BEFORE=$(q "SELECT COUNT(*) FROM funds")
# bad input: 400 or 404 in JSON, never a 500
bad_json() { # PATH STATUS FIELD
  get "$1" "$2"
  jq -e '.error | type == "string"' body.json >/dev/null && ok || bad "$1: no JSON error"
  expect_eq "$(j .field)" "$3" "$1: the field named"
}
bad_json "/api/v1/nothing" 400 kind
bad_json "/api/v1/" 404 null
bad_json "/api/v1/reports/nothing" 404 null
bad_json "/api/v1/funds?bogus=1" 400 bogus
bad_json "/api/v1/funds?amount=5" 400 amount
bad_json "/api/v1/funds?side=nobody" 400 side
bad_json "/api/v1/funds?year=abc" 400 year
bad_json "/api/v1/funds?year=1800" 400 year
bad_json "/api/v1/funds?page=0" 400 page
bad_json "/api/v1/funds?page=-1" 400 page
bad_json "/api/v1/funds?page=abc" 400 page
bad_json "/api/v1/funds?page=99999999999999999999" 400 page
bad_json "/api/v1/funds?per_page=0" 400 per_page
bad_json "/api/v1/funds?per_page=501" 400 per_page
bad_json "/api/v1/funds?sort=amount;DROP%20TABLE%20funds" 400 sort
bad_json "/api/v1/funds?dir=sideways" 400 dir
bad_json "/api/v1/funds/NO-SUCH-RECEIPT" 404 null
bad_json "/api/v1/visits/abc" 404 null
bad_json "/api/v1/visits/99999999" 404 null
bad_json "/api/v1/pairings/sanxia" 404 null
bad_json "/api/v1/status/SX2002-001" 404 null
bad_json "/api/v1/projects/%27%20OR%201=1--" 404 null
expect_eq "$(q "SELECT COUNT(*) FROM funds")" "$FUNDS_BEFORE" "the funds are all still there"
ct=$(web_curl -s -o /dev/null -w '%{content_type}' "$URL/api/v1/funds/nothing")
expect_eq "$ct" "application/json" "404 content type"
for path in "/api/v1/" "/api/v1//x" "/api/v1/funds/" "/api/v1/plans?year=2004&year=x" \
  "/funds?page=0" "/funds?bogus=1" "/status.csv?status=nope" "/pairings/matrix?program=none" \
  "/reports/plan?period=2007-2004" "/reports/plan?period=x" "/reports/signed?year=abc"; do
  got=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL$path")
  case $got in 4??) ok ;; *) bad "GET $path: $got, wanted a 4xx" ;; esac
done
for path in "/api/v1/funds?county=%00" "/api/v1/funds?county=%27" "/funds?county=%E4%B8%87"; do
  got=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL$path")
  expect_eq "$got" 200 "GET $path: an odd value is a filter that matches nothing"
done

# the list pages' CSV: exactly the filtered rows, with the import columns
got=$(web_curl -s -o body.csv -w '%{http_code}' "$URL/labour.csv?origin_code=500101&year=2004&sort=headcount&dir=desc")
expect_eq "$got" 200 "labour CSV"
head -1 body.csv | grep -q '^code,date,origin_code,destination_code,employer,mode,headcount' && ok ||
  bad "labour CSV header"
expect_eq "$(($(wc -l <body.csv) - 1))" "$(q "SELECT COUNT(*) FROM labour WHERE origin_code = '500101' AND date LIKE '2004-%'")" \
  "labour CSV rows"
expect_eq "$(sed -n 2p body.csv | cut -d, -f7)" "$(q "SELECT MAX(headcount) FROM labour WHERE origin_code = '500101' AND date LIKE '2004-%'")" \
  "labour CSV in the page's order"
got=$(web_curl -s -o body.csv -w '%{http_code}' "$URL/funds.csv")
expect_eq "$(($(wc -l <body.csv) - 1))" "$(q "SELECT COUNT(*) FROM funds")" "all funds in the CSV, past page 1"
# the CSV imports back into an empty database
"$DUIKOU" --db "$(db_url copy.db)" init >/dev/null 2>&1
for kind in conferences projects; do "$DUIKOU" --db "$(db_url demo.db)" export "$kind" >"$kind.csv"; done
expect_status 0 "import conferences" -- "$DUIKOU" --db "$(db_url copy.db)" import conferences conferences.csv
expect_status 0 "import projects" -- "$DUIKOU" --db "$(db_url copy.db)" import projects projects.csv
expect_status 0 "the funds CSV of the page imports" -- "$DUIKOU" --db "$(db_url copy.db)" import funds body.csv
expect_eq "$(db_sql copy.db "SELECT COUNT(*), SUM(amount) FROM funds")" "$(q "SELECT COUNT(*), SUM(amount) FROM funds")" \
  "the imported funds are the listed ones"

for kind in funds labour training plans visits pairings conferences status; do
  got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/$kind?lang=en")
  expect_eq "$got" 200 "/$kind in English"
done
got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/pairings/matrix")
expect_eq "$got" 200 "the matrix"
grep -q 'data-pair="310000|500101"' page.html && ok || bad "the matrix marks 上海—万州"

web_stop
expect_eq "$?" "0" "SIGTERM stops serve with exit 0"
if grep -q ' 500 ' serve.err; then bad "a request was answered 500"; grep ' 500 ' serve.err >&2; else ok; fi
finish
