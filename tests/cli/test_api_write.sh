#!/usr/bin/env bash
# The API's writes against `duikou serve` on a demo copy: create, read back
# with db_sql, update, delete; 400 bad JSON / unknown field / wrong type,
# 404 missing, 405, 409 duplicate, 422 bad amount with its field, never a
# 500; a refused write leaves the database as it was (db_dump); and
# the OpenAPI description names every route.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
db_is_pg || command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (scripts/deps.sh installs it)"; exit 1; }
command -v jq >/dev/null || { echo "jq is missing"; exit 1; }
export NO_PROXY='*' no_proxy='*'

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo
web_start demo.db
web_user admin admin
web_login admin

# call METHOD PATH BODY WANT: the status, the body in body.out
call() {
  local got
  if [ -n "$3" ]; then
    got=$(web_curl -s -o body.out -D head.out -w '%{http_code}' -X "$1" -H 'Content-Type: application/json' \
      --data-binary "$3" "$URL$2")
  else
    got=$(web_curl -s -o body.out -D head.out -w '%{http_code}' -X "$1" "$URL$2")
  fi
  expect_eq "$got" "$4" "$1 $2 $3"
}
field() { jq -r "$1" body.out; }
q() { db_sql demo.db "$1"; }
# refused METHOD PATH BODY WANT FIELD: the write is refused with WANT and
# {"error", "field": FIELD}, and the database is exactly as before (but the
# session's last_seen, touched every 30 s: a slow run, e.g. under valgrind)
refused() {
  db_dump demo.db sessions >before.sql
  call "$1" "$2" "$3" "$4"
  expect_eq "$(field '.field')" "$5" "field of $1 $2 $3"
  [ -n "$(field '.error')" ] && ok || bad "no error message for $1 $2"
  db_dump demo.db sessions >after.sql
  expect_same before.sql after.sql "$1 $2 changed nothing"
}

P='{"code":"API1","name":"接口测试厂","program":"sanxia","category":"economic","recipient_code":"500101",
 "supporter_code":"上海市","signed_date":"2004-05-01","industry_code":"17","contract_amount":"8730万",
 "total_investment":112000000,"status":"negotiating","status_date":"2004-05-01","green_channel":true,
 "jobs":12,"leader":null}'
call POST /api/v1/projects "$P" 201
expect_eq "$(tr -d '\r' <head.out | sed -n 's/^Location: //p')" "/api/v1/projects/API1" "Location header"
expect_eq "$(field '.id')" "API1" "the record's id"
expect_eq "$(field '.contract_amount')" "87300000" "8730万 as yuan"
expect_eq "$(q "SELECT supporter_code, contract_amount, total_investment, green_channel, jobs FROM projects WHERE code = 'API1'")" \
  "310000|87300000|112000000|1|12" "stored as given (names → codes, numbers → text → values)"
expect_eq "$(q "SELECT status FROM status_history WHERE project_code = 'API1'")" "negotiating" "status history started"

refused POST /api/v1/projects "$P" 409 code
refused POST /api/v1/projects '{"code":"API2",' 400 null
refused POST /api/v1/projects '[1,2]' 400 null
refused POST /api/v1/projects '{"code":"API2","colour":"red"}' 400 colour
refused POST /api/v1/projects '{"code":"API2","name":{"zh":"x"}}' 400 name
refused POST /api/v1/projects '{"code":"API2","jobs":[1]}' 400 jobs
refused POST /api/v1/nonsense '{"code":"x"}' 400 null
refused PUT /api/v1/projects/API1 '{"contract_amount":"很多"}' 422 contract_amount
refused PUT /api/v1/projects/API1 '{"signed_date":"2004-02-30"}' 422 signed_date
refused PUT /api/v1/projects/API1 '{"code":"API9"}' 422 code
refused PUT /api/v1/projects/NOPE '{"name":"x"}' 404 null
refused DELETE /api/v1/projects/NOPE '' 404 null
refused POST /api/v1/projects/API1 '{"name":"x"}' 405 null
expect_grep head.out "^Allow: " "405 names the allowed methods"
refused PUT /api/v1/projects '{"name":"x"}' 405 null
refused POST /api/v1/reports/annual '{"year":2004}' 405 null

# a receipt: amount checked like import, field "amount"
F='{"project_code":"API1","date":"2004-06-01","amount":"1.12亿","side":"supporter","note":"首期"}'
refused POST /api/v1/funds '{"project_code":"API1","date":"2004-06-01","amount":"12块","side":"supporter"}' 422 amount
refused POST /api/v1/funds '{"project_code":"API1","date":"2004-06-01","amount":-5,"side":"supporter"}' 422 amount
expect_eq "$(field '.error')" '“-5”不能为负数' "the message in Chinese by default"
refused POST '/api/v1/funds?lang=en' '{"project_code":"API1","date":"2004-06-01","amount":-5,"side":"supporter"}' 422 amount
expect_eq "$(field '.error')" '"-5" must not be negative' "the message in English with ?lang=en"
call POST /api/v1/funds "$F" 201
FID=$(field '.id')
expect_eq "$(q "SELECT amount FROM funds WHERE code = '$FID' AND project_code = 'API1'")" "112000000" "receipt stored in yuan"
call PUT "/api/v1/funds/$FID" '{"amount":5000000,"note":null}' 200
expect_eq "$(field '.amount')" "5000000" "the changed receipt returned"
expect_eq "$(q "SELECT amount || '|' || note FROM funds WHERE code = '$FID'")" "5000000|" "receipt changed"

call PUT /api/v1/projects/API1 '{"name":"改名 & <b>","status":"constructing","status_date":"2004-08-01"}' 200
expect_eq "$(field '.name')" "改名 & <b>" "the changed name returned"
expect_eq "$(q "SELECT name, contract_amount FROM projects WHERE code = 'API1'")" "改名 & <b>|87300000" "other columns kept"
expect_eq "$(q "SELECT count(*) FROM status_history WHERE project_code = 'API1'")" "2" "a status change adds to the history"

# composite and integer ids
call POST /api/v1/pairings '{"program":"xizang","supporter_code":"310000","recipient_code":"500101","since_year":1994}' 201
expect_eq "$(field '.id')" "xizang|310000|500101" "a pairing's id"
call PUT "/api/v1/pairings/xizang%7C310000%7C500101" '{"until_year":2000}' 200
expect_eq "$(q "SELECT until_year FROM pairings WHERE program = 'xizang' AND supporter_code = '310000' AND recipient_code = '500101'")" "2000" "pairing changed by its | id"
call DELETE "/api/v1/pairings/xizang%7C310000%7C500101" '' 204
call POST /api/v1/visits '{"date":"2004-05-10","direction":"to_recipient","supporter_code":"310000","recipient_code":"500101","purpose":"api"}' 201
VID=$(field '.id')
expect_eq "$(q "SELECT purpose FROM visits WHERE id = $VID")" "api" "a visit by its integer id"
call DELETE "/api/v1/visits/$VID" '' 204

# a conference with projects cannot go: 409, nothing changed
CONF=$(q "SELECT conference FROM projects WHERE conference IS NOT NULL LIMIT 1")
refused DELETE "/api/v1/conferences/$CONF" '' 409 null

# delete: the project with its history and receipts
call DELETE /api/v1/projects/API1 '' 204
expect_eq "$(q "SELECT (SELECT count(*) FROM projects WHERE code = 'API1') + (SELECT count(*) FROM funds WHERE project_code = 'API1') + (SELECT count(*) FROM status_history WHERE project_code = 'API1')")" "0" "project, receipts and history gone"
refused DELETE /api/v1/projects/API1 '' 404 null

# OpenAPI: parses, 3.0, every kind's two paths, the report and the plan steps
call GET /api/v1/openapi.json '' 200
expect_eq "$(field '.openapi')" "3.0.3" "OpenAPI version"
expect_eq "$(field '.paths | keys | length')" "40" "15 kinds × 2 paths + report + audit + openapi.json + plan steps + 6 of receipts and transfers (issue 10)"
expect_eq "$(field '.paths["/api/v1/audit"] | keys | join(",")')" "get" "the audit trail is only read"
expect_eq "$(field '.paths["/api/v1/projects/{id}"] | keys | join(",")')" "delete,get,put" "methods of a record"

grep -q ' 500 ' serve.err && bad "a request was answered 500: $(grep ' 500 ' serve.err | head -3)" || ok
web_stop
rc=$?
expect_eq "$rc" 0 "serve stops cleanly (and, in the sanitizer build, without leaks)"
[ "$rc" = 0 ] || tail -30 serve.err >&2
finish
