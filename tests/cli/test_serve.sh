#!/usr/bin/env bash
# duikou serve: starts on a free port (port 0), answers pages with the right
# status codes (200, 404, 405, 400, 413) to a signed-in user, serves
# ECharts from the binary to anyone, gives the annual JSON of the command
# line, refuses a non-loopback address without an admin user and a missing
# database, logs each request, and stops with 0 on SIGTERM.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo

expect_status 1 "a non-loopback --listen is refused while there is no admin" -- \
  "$DUIKOU" --db "$(db_url demo.db)" serve --listen 0.0.0.0:0
expect_grep err.txt "no enabled admin user yet; create one with .duikou --db $(db_url demo.db) user add NAME --role admin" \
  "the refusal says what to do"
expect_status 2 "a host name is not an IPv4 address" -- "$DUIKOU" --db "$(db_url demo.db)" serve --listen example.org:80
expect_status 2 "a malformed --listen" -- "$DUIKOU" --db "$(db_url demo.db)" serve --listen nonsense
expect_status 2 "a bad --threads" -- "$DUIKOU" --db "$(db_url demo.db)" serve --threads 0
expect_status 3 "no database" -- "$DUIKOU" --db "$(db_absent missing.db)" serve --listen 127.0.0.1:0
expect_grep err.txt "$(db_absent missing.db): (no database|cannot connect: .*does not exist)" "the missing database is named"
sqlite_only "serve creates no file" && { [ ! -e missing.db ] && ok || bad "serve created missing.db"; }
expect_status 0 "serve --help" -- "$DUIKOU" serve --help
expect_grep out.txt "--listen ADDR:PORT" "the help names --listen"

web_start demo.db
expect_grep serve.out "^duikou: serving $(db_url demo.db) at http://127\.0\.0\.1:[0-9]+/$" "start line"
web_user admin admin
web_login admin

# code METHOD PATH WANT
code() {
  local got
  got=$(web_curl -s -o body.out -w '%{http_code}' -X "$1" "$URL$2")
  expect_eq "$got" "$4" "$1 $2"
}
code GET / x 200
expect_grep body.out "22\.40亿元" "the dashboard shows the 2004 funds"
expect_grep body.out "演示数据" "the demo mark"
code GET "/?year=2004&lang=en" x 200
expect_grep body.out '<html lang="en">' "English on ?lang=en"
expect_grep body.out "2\.24 billion yuan" "English figures"
code GET /projects x 200
code GET "/projects?county=500101&sort=funds&dir=desc&page=1" x 200
code GET "/projects.csv?county=500101" x 200
head -1 body.out | grep -q '^code,name,program,category,recipient_code' && ok || bad "CSV header has the import columns"
rows=$(($(wc -l <body.out) - 1))
want=$(db_sql demo.db "SELECT COUNT(*) FROM projects WHERE recipient_code = '500101'")
expect_eq "$rows" "$want" "CSV rows of one county"
code GET "/reports/annual?year=2004" x 200
expect_grep body.out "<article class=\"report\">" "the report inside the layout"
code GET "/api/v1/reports/annual?year=2004" x 200
"$DUIKOU" --db "$(db_url demo.db)" report annual --year 2004 --format json >cli.json
expect_same body.out cli.json "API JSON is the command line's"
code GET /static/echarts.min.js x 200
size=$(stat -c %s "$SRC/node_modules/echarts/dist/echarts.min.js")
expect_eq "$(stat -c %s body.out)" "$size" "ECharts served whole from the binary"
ct=$(curl -s -o /dev/null -w '%{content_type}' "$URL/static/style.css")
expect_eq "$ct" "text/css; charset=utf-8" "style.css content type"
cc=$(curl -s -D - -o /dev/null "$URL/static/app.js" | tr -d '\r' | sed -n 's/^Cache-Control: //Ip')
expect_eq "$cc" "public, max-age=3600" "Cache-Control on assets"
code GET /no-such-page x 404
code GET /static/nothing.js x 404
code GET "/static/../sql/001_schema.sql" x 404
code POST / x 405
code DELETE /projects x 405
code GET "/?year=abc" x 400
code GET "/projects?status=bogus" x 400
code GET "/projects?sort=name;DROP" x 400
code GET /api/v1/reports/annual x 400
expect_grep body.out '"field":"year"' "API errors name the field"
code GET "/?program=nothing" x 400
# a body over 16 MiB is refused before it is read
got=$(head -c $((17 * 1024 * 1024)) /dev/zero | web_curl -s -o /dev/null -w '%{http_code}' -X POST \
      -H 'Content-Type: application/octet-stream' --data-binary @- "$URL/")
expect_eq "$got" "413" "request body over the limit"
# the lang cookie
web_curl -s -c jar.txt -o /dev/null "$URL/?lang=en"
grep -q 'lang.*en' jar.txt && ok || bad "?lang=en sets the lang cookie"
curl -s -b jar.txt -o body.out "$URL/projects"
expect_grep body.out '<html lang="en">' "the cookie keeps English"

web_stop
expect_eq "$?" "0" "SIGTERM stops serve with exit 0"
expect_grep serve.err "^[0-9T:-]+ GET /projects 200 [0-9]+ [0-9.]+ms$" "access log line"
expect_grep serve.err "GET /no-such-page 404" "404s are logged"
finish
