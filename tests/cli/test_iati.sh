#!/usr/bin/env bash
# duikou export iati and GET /export/iati: the demo's export names one
# activity per project and one transaction per receipt (checked against the
# database; the schema validation is tests/unit/test_iati.c), -o writes the
# file whole, wrong usage is exit 2, an unknown program exit 1 with no file;
# the download is for the office and viewer roles only.
. "$(dirname "$0")/lib.sh"

"$DUIKOU" --db "$(db_url demo.db)" demo >/dev/null || bad "demo"

expect_status 0 "export iati" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program sanxia --reporting-org CN-X -o iati.xml
[ -s iati.xml ] && [ ! -e iati.xml.tmp ] && ok || bad "iati.xml not written whole"
expect_eq "$(grep -c '<iati-activity ' iati.xml)" "$(db_sql demo.db "SELECT COUNT(*) FROM projects WHERE program = 'sanxia'")" "an activity per project"
expect_eq "$(grep -c '<transaction[ >]' iati.xml)" \
  "$(db_sql demo.db "SELECT COUNT(*) FROM funds f JOIN projects p ON p.code = f.project_code WHERE p.program = 'sanxia'")" \
  "a transaction per receipt"
first=$(db_sql demo.db "SELECT code FROM projects WHERE program = 'sanxia' ORDER BY code LIMIT 1")
expect_grep iati.xml "<iati-identifier>CN-X-$first</iati-identifier>" "identifier from --reporting-org"

# standard output, the year, the organisation from the environment
DUIKOU_IATI_ORG=CN-ENV expect_status 0 "export iati to stdout" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program sanxia --year 2003
expect_grep out.txt "<iati-identifier>CN-ENV-" "DUIKOU_IATI_ORG"
expect_eq "$(grep -c '<iati-activity ' out.txt)" "$(db_sql demo.db "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND signed_date <= '2003-12-31'")" "activities as at 2003"

# refusals
expect_status 2 "no --program" -- "$DUIKOU" --db "$(db_url demo.db)" export iati
expect_grep err.txt "--program P is required" "no --program: message"
expect_status 2 "bad year" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program sanxia --year 20x4
expect_status 2 "unknown option" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program sanxia --format csv
expect_status 1 "unknown program" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program nosuch -o none.xml
expect_grep err.txt "unknown program 'nosuch'" "unknown program: message"
[ ! -e none.xml ] && [ ! -e none.xml.tmp ] && ok || bad "a file written for an unknown program"
expect_status 1 "program without projects" -- "$DUIKOU" --db "$(db_url demo.db)" export iati --program xizang

# the download
web_start demo.db
web_user boss municipal
web_user reader viewer
web_user wanzhou county 500101
web_user shanghai supporter 310000
for u in boss reader; do
  web_login $u
  expect_eq "$(web_curl -s -o dl.xml -w '%{http_code} %{content_type}' "$URL/export/iati?program=sanxia&year=2004")" \
    "200 application/xml; charset=utf-8" "$u downloads the IATI file"
  expect_eq "$(grep -c '<iati-activity ' dl.xml)" "$(db_sql demo.db "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND signed_date <= '2004-12-31'")" "$u: activities as at 2004"
done
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/export/iati")" 400 "no program: 400"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/export/iati?program=nosuch")" 400 "unknown program: 400"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/export/iati?program=sanxia&year=x")" 400 "bad year: 400"
for u in wanzhou shanghai; do
  web_login $u
  expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/export/iati?program=sanxia")" 403 "$u may not download"
done
expect_eq "$(curl -s -o /dev/null -w '%{http_code}' "$URL/export/iati?program=sanxia")" 303 "signed out: to the login page"
web_stop
finish
