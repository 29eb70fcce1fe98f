#!/usr/bin/env bash
# Issue 6's workbooks, read back by a second reader (tests/cli/xlsx_check.py:
# zipfile + xml.etree): the export of every kind, the report workbooks
# against the JSON of the same report, the funds pivot, templates (filled by
# another writer, imported, exported, compared; the example row never
# imported), and through the web: list and report downloads (Content-Type,
# an RFC 5987 Chinese file name), the audit trail's workbook, templates, and .xlsx upload with its
# preview of errors (FILE:SHEET!CELL:COLUMN), its confirm step and limits.
. "$(dirname "$0")/lib.sh"
CHECK="python3 $SRC/tests/cli/xlsx_check.py"
KINDS="pairings conferences projects status funds labour training plans visits"
D=$(db_url demo.db)
"$DUIKOU" --db "$D" demo >/dev/null || bad "demo"

# checked: passes on the real pair, fails on a wrong one (the checker can fail)
check() { # WHAT ARGS...
  local what=$1; shift
  if $CHECK "$@" >check.out 2>&1; then ok; else bad "$what"; head -20 check.out >&2; fi
}
check_fails() {
  local what=$1; shift
  if $CHECK "$@" >check.out 2>&1; then bad "$what: the checker found nothing wrong"; else ok; fi
}

# 1. every kind's export: types, frozen header, autofilter
mkdir x
for k in $KINDS; do
  "$DUIKOU" --db "$D" export "$k" --format xlsx -o "x/$k.xlsx" || bad "export $k xlsx"
  "$DUIKOU" --db "$D" export "$k" --format json >"x/$k.json" || bad "export $k json"
  check "export $k: cells against the JSON export" records "x/$k.xlsx" "x/$k.json"
done
check_fails "funds workbook against the projects export" records x/funds.xlsx x/projects.json

# 2. report workbooks: the figures are the JSON's
for r in "annual --year 2004" "signed --year 2004" "plan --period 2004-2007"; do
  name=${r%% *}
  expect_status 0 "report $name xlsx" -- "$DUIKOU" --db "$D" report $r --format xlsx --lang en -o "x/r-$name.xlsx"
  "$DUIKOU" --db "$D" report $r --format json >"x/r-$name.json"
  check "report $name workbook against its JSON" report "x/r-$name.xlsx" "x/r-$name.json"
  [ ! -e "x/r-$name.xlsx.tmp" ] && ok || bad "report $name: .tmp left behind"
done
check_fails "annual workbook against the signed JSON" report x/r-annual.xlsx x/r-signed.json
# the Chinese workbook: one sheet per section, named in Chinese
expect_status 0 "report annual xlsx zh" -- "$DUIKOU" --db "$D" report annual --year 2004 --format xlsx -o x/r-zh.xlsx
expect_eq "$(python3 -c 'import sys,zipfile,re;print(" ".join(re.findall(r"<sheet name=\"([^\"]+)\"", zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode())))' x/r-zh.xlsx | cut -d' ' -f1-3)" \
  "概要 地区 项目" "zh sheet names"

# the pivot: its workbook against its JSON; its 2004 column is the annual funds.total
expect_status 0 "pivot xlsx" -- "$DUIKOU" --db "$D" report pivot --format xlsx --lang en -o x/pivot.xlsx
"$DUIKOU" --db "$D" report pivot --format json >x/pivot.json
check "pivot workbook against its JSON" pivot x/pivot.xlsx x/pivot.json
y2004=$(jq '[.rows[] | select(.year == 2004) | .amount] | add' x/pivot.json)
expect_eq "$y2004" "$(jq .funds.total x/r-annual.json)" "pivot 2004 = annual funds.total"
y2003=$(jq '[.rows[] | select(.year == 2003) | .amount] | add' x/pivot.json)
expect_eq "$y2003" "$(jq .funds.previous_year x/r-annual.json)" "pivot 2003 = annual funds.previous_year"
"$DUIKOU" --db "$D" report pivot --format csv >x/pivot.csv
expect_eq "$(head -1 x/pivot.csv | cut -d, -f6 | tr -d '\r')" amount "pivot csv: the sixth column is the amount"
expect_eq "$(tail -n +2 x/pivot.csv | awk -F, '{s += $6} END {printf "%.0f\n", s}')" "$(jq .total x/pivot.json)" "pivot csv adds up to the JSON total"
expect_eq "$(($(wc -l <x/pivot.csv) - 1))" "$(jq '.rows | length' x/pivot.json)" "pivot csv rows"
expect_status 0 "pivot text" -- "$DUIKOU" --db "$D" report pivot --lang en
expect_grep out.txt "^Total" "pivot text total line"
expect_status 2 "report xlsx without -o" -- "$DUIKOU" --db "$D" report annual --year 2004 --format xlsx
expect_grep err.txt "give it with -o" "xlsx needs -o"
expect_status 2 "pivot with --year" -- "$DUIKOU" --db "$D" report pivot --year 2004
expect_status 2 "csv for annual" -- "$DUIKOU" --db "$D" report annual --year 2004 --format csv
expect_status 1 "pivot of an unknown program" -- "$DUIKOU" --db "$D" report pivot --program nosuch

# 3. templates: layout, drop-downs; a filled template imports; the example does not
mkdir t one two
"$DUIKOU" --db "$(db_url b.db)" init >/dev/null
for k in $KINDS; do
  expect_status 0 "template $k" -- "$DUIKOU" --db "$D" template "$k" -o "t/$k.xlsx"
  expect_status 0 "template $k en" -- "$DUIKOU" --db "$D" template "$k" --lang en -o "t/$k-en.xlsx"
  # the English template's header is the export's
  jq -c '{headers: (.[0] | keys_unsorted), lists: {}, example_sheet: "Example (not imported)",
          instructions: "Instructions"}' "x/$k.json" >"t/$k-en.spec"
  check "template $k en layout" template "t/$k-en.xlsx" "t/$k-en.spec"
  # nothing to import in a fresh template: its example row stays out
  expect_status 0 "import the empty template $k" -- "$DUIKOU" --db "$(db_url b.db)" import "$k" "t/$k.xlsx"
  expect_grep out.txt ": 0 rows: 0 added" "template $k: the example row is not imported"
done
# the projects template's drop-downs: codes by their Chinese names, divisions, yes/no
python3 - >t/projects.spec <<'PY'
import json
print(json.dumps({"headers": None, "lists": {"D": ["经贸合作", "社会公益（无偿援建）"], "E": ["万州区"],
  "F": ["上海市"], "O": ["继续洽谈", "竣工投产"], "U": ["是", "否"], "C": ["sanxia"]},
  "example_sheet": "示例（不导入）", "instructions": "说明"}, ensure_ascii=False))
PY
# the header is whatever import accepts (checked by the import below): take it from the file
python3 -c '
import sys, json
sys.path.insert(0, sys.argv[3]); import xlsx_check as c
spec = json.load(open(sys.argv[2])); spec["headers"] = c.Book(sys.argv[1]).first().header()
json.dump(spec, open(sys.argv[2], "w"), ensure_ascii=False)' t/projects.xlsx t/projects.spec "$SRC/tests/cli"
check "template projects drop-downs" template t/projects.xlsx t/projects.spec
expect_grep <(unzip -p t/projects.xlsx xl/workbook.xml) 'name="lists" sheetId="[0-9]+" state="hidden"' "lists sheet hidden"
# filled by another writer (inline strings, plain numbers) with the demo's records, in Chinese headers
for k in $KINDS; do
  check "fill template $k" fill "t/$k.xlsx" "x/$k.json" "t/$k-filled.xlsx"
  expect_status 0 "import filled template $k" -- "$DUIKOU" --db "$(db_url b.db)" import "$k" "t/$k-filled.xlsx"
done
for k in $KINDS; do
  "$DUIKOU" --db "$D" export "$k" -o "one/$k.csv"
  "$DUIKOU" --db "$(db_url b.db)" export "$k" -o "two/$k.csv"
  expect_same "one/$k.csv" "two/$k.csv" "template round trip of $k"
done
expect_status 2 "template without -o" -- "$DUIKOU" --db "$D" template funds
expect_status 2 "template of an unknown kind" -- "$DUIKOU" --db "$D" template nosuch -o t/x.xlsx
expect_status 2 "template in an unknown language" -- "$DUIKOU" --db "$D" template funds --lang fr -o t/x.xlsx

# 4. the web: downloads, templates, upload
web_start demo.db
web_user admin admin
web_login admin
hdr() { web_curl -s -D headers.txt -o "$2" -w '%{http_code}' "$URL$1"; }
expect_eq "$(hdr /funds.xlsx w-funds.xlsx)" 200 "GET /funds.xlsx"
expect_grep headers.txt "^Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "xlsx content type"
expect_grep headers.txt "filename=\"funds.xlsx\"; filename\*=UTF-8''%E5%88%B0%E4%BD%8D%E8%B5%84%E9%87%91.xlsx" "RFC 5987 Chinese file name (到位资金.xlsx)"
check "web /funds.xlsx against the export" records w-funds.xlsx x/funds.json
expect_eq "$(hdr /projects.xlsx w-projects.xlsx)" 200 "GET /projects.xlsx"
check "web /projects.xlsx against the export" records w-projects.xlsx x/projects.json
# a filter: the same rows as the CSV download of the same filter
expect_eq "$(hdr '/funds.xlsx?year=2004' w-2004.xlsx)" 200 "GET /funds.xlsx?year=2004"
web_curl -s "$URL/funds.csv?year=2004" >w-2004.csv
n=$(python3 -c 'import sys; sys.path.insert(0, sys.argv[2]); import xlsx_check as c; print(c.Book(sys.argv[1]).first().nrows - 1)' w-2004.xlsx "$SRC/tests/cli")
expect_eq "$n" "$(($(wc -l <w-2004.csv) - 1))" "filtered workbook = filtered CSV rows"
[ "$n" -lt "$(jq length x/funds.json)" ] && ok || bad "the year filter kept every row"
for k in labour training plans visits pairings conferences status; do
  expect_eq "$(hdr /$k.xlsx w-$k.xlsx)" 200 "GET /$k.xlsx"
  check "web /$k.xlsx" records "w-$k.xlsx" "x/$k.json"
done
web_curl -s "$URL/funds" >page.html
expect_grep page.html 'id="xlsx-link"[^>]*href="/funds.xlsx' "list page links its workbook"
expect_grep page.html 'href="/templates/funds.xlsx"' "list page links its template"
expect_eq "$(hdr '/reports/annual.xlsx?year=2004&lang=en' w-annual.xlsx)" 200 "GET /reports/annual.xlsx"
check "web annual workbook against the JSON" report w-annual.xlsx x/r-annual.json
expect_grep headers.txt "filename=\"annual-2004.xlsx\"" "report file name"
expect_eq "$(hdr '/reports/signed.xlsx?year=2004&lang=en' w-signed.xlsx)" 200 "GET /reports/signed.xlsx"
check "web signed workbook" report w-signed.xlsx x/r-signed.json
expect_eq "$(hdr '/reports/plan.xlsx?period=2004-2007&lang=en' w-plan.xlsx)" 200 "GET /reports/plan.xlsx"
check "web plan workbook" report w-plan.xlsx x/r-plan.json
expect_eq "$(hdr '/reports/pivot.xlsx?lang=en' w-pivot.xlsx)" 200 "GET /reports/pivot.xlsx"
check "web pivot workbook" pivot w-pivot.xlsx x/pivot.json
web_curl -s "$URL/reports/annual?year=2004" >page.html
expect_grep page.html 'id="report-xlsx"' "annual page links its workbook"
expect_grep page.html 'id="pivot-xlsx"' "annual page links the pivot"
expect_eq "$(hdr '/reports/plan.xlsx?period=bad' w-bad.xlsx)" 400 "a bad period is refused"
expect_eq "$(hdr /templates/projects.xlsx w-t.xlsx)" 200 "GET /templates/projects.xlsx"
expect_grep headers.txt "filename\*=UTF-8''%E9%A1%B9%E7%9B%AE%E6%A8%A1%E6%9D%BF.xlsx" "template file name 项目模板.xlsx"
check "web template drop-downs" template w-t.xlsx t/projects.spec

# upload: a workbook with a bad cell: the preview names FILE:SHEET!CELL:COLUMN
st() { web_curl -s -o body.out -w '%{http_code}' "$@"; }
python3 - t/funds-filled.xlsx bad.xlsx <<'PY'
import sys, zipfile, re
zin, zout = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for i in zin.infolist():
    d = zin.read(i.filename)
    if i.filename == "xl/worksheets/sheet1.xml":
        d = re.sub(rb'<c r="C3"><v>[^<]*</v></c>', b'<c r="C3" t="inlineStr"><is><t>12,5x</t></is></c>', d, count=1)
    zout.writestr(i, d)
zout.close()
PY
rows=$(db_sql demo.db "SELECT count(*) FROM funds")
expect_eq "$(st -F kind=funds -F "file=@bad.xlsx" "$URL/upload")" 422 "bad workbook refused"
expect_grep body.out 'class="place">bad.xlsx:到位资金!C3:金额' "the place is FILE:SHEET!CELL:COLUMN"
expect_eq "$(db_sql demo.db "SELECT count(*) FROM funds")" "$rows" "nothing imported"
# a good workbook: a preview, then the confirm step carries it back (base64)
"$DUIKOU" --db "$D" export labour --format xlsx -o labour.xlsx
db_dump demo.db >before.sql
expect_eq "$(st -F kind=labour -F "file=@labour.xlsx" "$URL/upload")" 200 "workbook preview"
expect_grep body.out 'id="confirm"' "a clean workbook can be imported"
expect_grep body.out 'name="xlsx"' "the workbook travels back in the form"
db_dump demo.db >after.sql
expect_same before.sql after.sql "the preview wrote nothing"
python3 - <<'PY' >confirm.txt
import html, re, urllib.parse
page = open('body.out', encoding='utf-8').read()
form = page[page.index('id="confirm"'):]
fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
print(urllib.parse.urlencode([(k, html.unescape(v)) for k, v in fields]), end='')
PY
expect_eq "$(st --data-binary @confirm.txt -H 'Content-Type: application/x-www-form-urlencoded' "$URL/upload")" 200 "workbook confirmed"
expect_grep body.out 'id="result"' "a result line"
# a new record through the workbook: the filled template of one labour batch
jq '[.[0] | .code = "XLSX-NEW"]' x/labour.json >one.json
$CHECK fill t/labour.xlsx one.json new.xlsx >/dev/null
before=$(db_sql demo.db "SELECT count(*) FROM labour")
expect_eq "$(st -F kind=labour -F "file=@new.xlsx" "$URL/upload")" 200 "template upload preview"
python3 - <<'PY' >confirm.txt
import html, re, urllib.parse
page = open('body.out', encoding='utf-8').read()
form = page[page.index('id="confirm"'):]
fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
print(urllib.parse.urlencode([(k, html.unescape(v)) for k, v in fields]), end='')
PY
expect_eq "$(st --data-binary @confirm.txt -H 'Content-Type: application/x-www-form-urlencoded' "$URL/upload")" 200 "template upload confirmed"
expect_eq "$(db_sql demo.db "SELECT count(*) FROM labour")" "$((before + 1))" "one batch added"
expect_eq "$(db_sql demo.db "SELECT count(*) FROM audit WHERE kind = 'labour' AND record = 'XLSX-NEW' AND via = 'upload'")" 1 "audited"
# not a workbook, though named .xlsx; a damaged zip; too large a body
head -c 3000 /dev/urandom | sed '1s/^/PK\x03\x04/' >junk.xlsx
expect_eq "$(st -F kind=funds -F "file=@junk.xlsx" "$URL/upload")" 422 "a damaged workbook is refused"
head -c $((17 * 1024 * 1024)) /dev/zero >huge.xlsx
expect_eq "$(st -F kind=funds -F "file=@huge.xlsx" "$URL/upload")" 413 "a body over the limit is refused"
# the audit trail's workbook: every entry the filters select, for the offices only
expect_eq "$(hdr '/audit.xlsx?kind=labour' w-audit.xlsx)" 200 "GET /audit.xlsx"
expect_eq "$(python3 -c 'import sys; sys.path.insert(0, sys.argv[2]); import xlsx_check as c; s = c.Book(sys.argv[1]).first(); print(s.nrows - 1, s.frozen_header(), s.autofilter() is not None, s.cells[(2, 5)].value)' w-audit.xlsx "$SRC/tests/cli")" \
  "$(db_sql demo.db "SELECT count(*) FROM audit WHERE kind = 'labour'") True True $(db_sql demo.db "SELECT record FROM audit WHERE kind = 'labour' ORDER BY at DESC, id DESC LIMIT 1")" "audit workbook rows"
expect_grep headers.txt "filename\*=UTF-8''%E5%8F%98%E6%9B%B4%E8%AE%B0%E5%BD%95.xlsx" "audit file name 变更记录.xlsx"
web_user wz county 500101
web_login wz
expect_eq "$(hdr /audit.xlsx w-x.xlsx)" 403 "a county may not download the trail"
expect_eq "$(hdr /templates/funds.xlsx w-x.xlsx)" 200 "a county downloads a template"
web_stop
finish
