#!/usr/bin/env bash
# Nothing on a page comes from a user without escaping: a record of every
# kind is created through the API with <script>, quotes and & in every text
# column, and every page that shows those records is fetched; none may hold
# the raw markup, and the pages that show the text hold it escaped.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'

EVIL='<script>alert(1)</script>"'"'"'&amp;'
RAW='<script>alert(1)'
ESC='&lt;script&gt;alert(1)&lt;/script&gt;'

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo
web_start demo.db
web_user admin admin
web_login admin

# create KIND JQ-OBJECT: POST it with $e bound to the evil text; expects 201
create() {
  local body got
  body=$(jq -nc --arg e "$EVIL" "$2")
  got=$(web_curl -s -o body.out -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "$body" "$URL/api/v1/$1")
  expect_eq "$got" 201 "create $1"
  [ "$got" = 201 ] || cat body.out >&2
}
create conferences '{code:"XSS-C", name:$e, date:"2004-06-01", place:$e}'
create projects '{code:"XSS-P", name:$e, program:"sanxia", category:"economic", recipient_code:"500101",
  supporter_code:"310000", conference:"XSS-C", signed_date:"2004-06-01", investor:$e, ownership:"private",
  industry_code:"13", total_investment:5000000, contract_amount:4000000, private_amount:1000000,
  status:"negotiating", status_date:"2004-06-01", leader:$e, team:$e, service_mode:"agency",
  green_channel:true, policy_note:$e}'
create funds '{code:"XSS-F", project_code:"XSS-P", date:"2004-07-01", amount:1000, side:"supporter", note:$e}'
create labour '{code:"XSS-L", date:"2004-07-01", origin_code:"500101", employer:$e, mode:"gov_contract",
  headcount:5, contract_no:$e}'
create training '{code:"XSS-T", kind:"skills", start_date:"2004-07-01", days:3, origin_code:"500101",
  topic:$e, headcount:5}'
create visits '{date:"2004-07-02", direction:"to_recipient", supporter_code:"310000", recipient_code:"500101",
  leader:$e, rank:$e, purpose:$e}'
VISIT=$(jq -r .id body.out)

# page PATH [SHOWS]: no raw markup; with SHOWS, the escaped text is there
page() {
  local got
  got=$(web_curl -s -o page.html -w '%{http_code}' "$URL$1")
  expect_eq "$got" 200 "GET $1"
  if grep -qF "$RAW" page.html; then bad "GET $1 holds raw <script>"; else ok; fi
  if [ -n "${2:-}" ]; then
    if grep -qF "$ESC" page.html; then ok; else bad "GET $1 does not show the escaped text"; fi
  fi
}
for lang in zh en; do
  page "/projects?lang=$lang" shows
  page "/projects/XSS-P?lang=$lang" shows
  page "/projects/XSS-P/edit?lang=$lang" shows
  page "/projects/XSS-P/delete?lang=$lang"
  page "/funds?lang=$lang&year=2004" shows
  page "/funds/XSS-F/edit?lang=$lang" shows
  page "/labour?lang=$lang&year=2004" shows
  page "/labour/XSS-L/edit?lang=$lang" shows
  page "/training?lang=$lang&year=2004" shows
  page "/training/XSS-T/edit?lang=$lang" shows
  page "/visits?lang=$lang&year=2004" shows
  page "/visits/$VISIT/edit?lang=$lang" shows
  page "/conferences?lang=$lang" shows
  page "/conferences/XSS-C/edit?lang=$lang" shows
  page "/reports/signed?year=2004&lang=$lang" shows
  page "/?year=2004&lang=$lang"
  page "/reports/annual?year=2004&lang=$lang"
  page "/pairings/matrix?lang=$lang"
  page "/check?lang=$lang"
done
# the text comes back unchanged through the API and the CSV download
web_curl -s "$URL/api/v1/projects/XSS-P" -o p.json
expect_eq "$(jq -r .name p.json)" "$EVIL" "API returns the text as it was given"
web_curl -s "$URL/projects.csv?county=500101" -o p.csv
if grep -qF "XSS-P" p.csv; then ok; else bad "CSV lacks the project"; fi

# an upload whose bad row holds markup: the preview shows the error escaped
printf 'code,name,date\nXSS-C2,%s,2004-02-30\n' "<script>alert(1)</script>" > bad.csv
got=$(web_curl -s -o page.html -w '%{http_code}' -F kind=conferences -F "file=@bad.csv;type=text/csv" "$URL/upload")
[ "$got" -lt 500 ] && ok || bad "upload preview status $got"
if grep -qF "$RAW" page.html; then bad "upload preview holds raw <script>"; else ok; fi
expect_grep page.html "2004-02-30" "the preview lists the bad row's error"
expect_eq "$(db_sql demo.db "SELECT COUNT(*) FROM conferences WHERE code = 'XSS-C2'")" 0 "nothing written by the preview"
if grep -q ' 500 ' serve.err; then bad "a request ended in 500"; else ok; fi
finish
