#!/usr/bin/env bash
# The HTML forms against `duikou serve` with curl: a multipart upload of a
# whole export is previewed (nothing written) and imported on confirm
# (every row unchanged), a bad file is refused with FILE:ROW:COLUMN; a
# urlencoded form creates and edits a record (303 to it) and a bad value
# comes back 422 with nothing saved; GETs never change anything; a POST
# that is not a form is refused.
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
db_is_pg || command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'

expect_status 0 "demo database" -- "$DUIKOU" --db "$(db_url demo.db)" demo
web_start demo.db
web_user admin admin
web_login admin
q() { db_sql demo.db "$1"; }
# st ARGS...: curl's status code, the body in body.out, headers in head.out
st() { web_curl -s -o body.out -D head.out -w '%{http_code}' "$@"; }
# (the dumps leave out sessions: last_seen is touched every 30 s, which a
# slow run, e.g. under valgrind, reaches between two dumps)
location() { tr -d '\r' <head.out | sed -n 's/^Location: //p'; }

# every page answers
for p in /upload /check /projects/new /conferences/new /visits/new /funds/new; do
  expect_eq "$(st "$URL$p")" 200 "GET $p"
done

# a whole export, uploaded: the preview writes nothing, the import finds
# every row unchanged (the file is carried by the preview page)
"$DUIKOU" --db "$(db_url demo.db)" export projects >projects.csv
rows=$(q "SELECT count(*) FROM projects")
db_dump demo.db sessions >before.sql
expect_eq "$(st -F kind=projects -F "file=@projects.csv;type=text/csv" "$URL/upload")" 200 "upload preview"
expect_grep body.out "id=\"confirm\"" "a clean file can be imported"
expect_grep body.out "$rows" "the preview counts the rows"
db_dump demo.db sessions >after.sql
expect_same before.sql after.sql "the preview wrote nothing"
# the confirming form, as the browser would send it: its hidden fields
python3 - <<'PY' >confirm.txt
import html, re, urllib.parse
page = open('body.out', encoding='utf-8').read()
form = page[page.index('id="confirm"'):]
fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
print(urllib.parse.urlencode([(k, html.unescape(v)) for k, v in fields]), end='')
PY
expect_eq "$(st --data-binary @confirm.txt -H 'Content-Type: application/x-www-form-urlencoded' "$URL/upload")" 200 "upload confirmed"
expect_grep body.out "id=\"result\"" "a result line"
expect_grep body.out "未变 $rows" "every row unchanged"
db_dump demo.db sessions >after.sql
expect_same before.sql after.sql "importing the same data changed nothing"

# a bad row: refused with its place, nothing written
printf 'project_code,date,amount,side\nP-NONE,2004-01-01,12,supporter\n' >bad.csv
expect_eq "$(st -F kind=funds -F "file=@bad.csv;filename=bad.csv" "$URL/upload")" 422 "bad upload"
expect_grep body.out "<td class=\"place\">bad.csv:2:project_code</td>" "the row and column of the error"
db_dump demo.db sessions >after.sql
expect_same before.sql after.sql "a refused upload wrote nothing"
expect_eq "$(st -F kind=nothing -F "file=@bad.csv" "$URL/upload")" 400 "an unknown kind"

# a urlencoded form: create, 303 to the list; a bad value: 422, nothing saved
form=(-H 'Content-Type: application/x-www-form-urlencoded')
expect_eq "$(st "${form[@]}" --data-urlencode code=CF1 --data-urlencode 'name=表单会议 & "测试"' \
  --data-urlencode date=2004-04-01 --data-urlencode place=万州 --data-urlencode program=sanxia \
  "$URL/conferences/new")" 303 "create through the form"
expect_eq "$(location)" "/conferences" "redirected to the list"
expect_eq "$(q "SELECT name FROM conferences WHERE code = 'CF1'")" '表单会议 & "测试"' "saved as typed"
db_dump demo.db sessions >before.sql
expect_eq "$(st "${form[@]}" --data-urlencode code=CF1 --data-urlencode name=x --data-urlencode date=2004-04-31 \
  "$URL/conferences/CF1/edit")" 422 "a bad date"
expect_grep body.out 'id="err-date"' "the message beside the date"
expect_eq "$(st "${form[@]}" --data-urlencode code=CF2 --data-urlencode name=x --data-urlencode date=2004-04-01 \
  "$URL/conferences/CF1/edit")" 422 "the key cannot change"
expect_grep body.out 'id="err-code"' "the message beside the code"
expect_eq "$(st "${form[@]}" --data-urlencode code=CF1 --data-urlencode name=y --data-urlencode date=2004-04-01 \
  "$URL/conferences/new")" 409 "an existing key"
db_dump demo.db sessions >after.sql
expect_same before.sql after.sql "refused forms saved nothing"
expect_eq "$(st "${form[@]}" --data-urlencode code=CF1 --data-urlencode name=改名 --data-urlencode date=2004-04-01 \
  --data-urlencode place= "$URL/conferences/CF1/edit")" 303 "edit through the form"
expect_eq "$(q "SELECT name || '|' || place FROM conferences WHERE code = 'CF1'")" "改名|" "edited"

# a check's message is in the page's language: Chinese by default, English
# with ?lang=en (the place prefix is the same in both)
pc=$(q "SELECT min(code) FROM projects")
expect_eq "$(st "${form[@]}" --data-urlencode "project_code=$pc" --data-urlencode date=2004-06-01 \
  --data-urlencode amount=-5 --data-urlencode side=supporter "$URL/funds/new")" 422 "a negative amount"
expect_grep body.out '“-5”不能为负数' "the Chinese message on the Chinese form"
expect_eq "$(st "${form[@]}" --data-urlencode "project_code=$pc" --data-urlencode date=2004-06-01 \
  --data-urlencode amount=-5 --data-urlencode side=supporter "$URL/funds/new?lang=en")" 422 "a negative amount, in English"
expect_grep body.out '&quot;-5&quot; must not be negative' "the English message with lang=en"
grep -q '不能为负数' body.out && bad "Chinese message on the English page" || ok
expect_eq "$(st "${form[@]}" --data-urlencode code=CF1 --data-urlencode name=y --data-urlencode date=2004-04-01 \
  "$URL/conferences/new")" 409 "an existing key, in Chinese"
expect_grep body.out '已有相同主键的会议记录' "the record's own message in Chinese"

# GETs change nothing; a POST that is not a form is refused
db_dump demo.db sessions >before.sql
expect_eq "$(st "$URL/conferences/CF1/delete")" 200 "the delete confirmation"
expect_grep body.out "确定删除" "asks first"
expect_eq "$(st "$URL/projects/new?code=X&name=y")" 200 "a GET with values"
db_dump demo.db sessions >after.sql
expect_same before.sql after.sql "GETs changed nothing"
expect_eq "$(st -X POST -H 'Content-Type: application/json' -d '{}' "$URL/conferences/CF1/delete")" 400 "a POST that is not a form"
expect_eq "$(q "SELECT count(*) FROM conferences WHERE code = 'CF1'")" 1 "still there"
expect_eq "$(st -X POST "${form[@]}" -d '' "$URL/conferences/CF1/delete")" 303 "delete through the form"
expect_eq "$(q "SELECT count(*) FROM conferences WHERE code = 'CF1'")" 0 "deleted"
expect_eq "$(st -X POST "${form[@]}" -d '' "$URL/conferences/CF1/delete")" 404 "deleting again"
expect_eq "$(st "$URL/projects/NO-SUCH")" 404 "a missing project"

# the data-quality page links violations to their records
q "UPDATE projects SET status_date = '1990-01-01' WHERE code = (SELECT min(code) FROM projects)"
expect_eq "$(st "$URL/check")" 200 "the check page"
code=$(q "SELECT min(code) FROM projects")
expect_grep body.out "href=\"/projects/$code\"" "a violation links to its project"
expect_grep body.out '与最新的状态历史' "the rule's message in Chinese"
expect_eq "$(st "$URL/check?lang=en")" 200 "the check page in English"
expect_grep body.out 'differs from the latest history entry' "the rule's message in English"

grep -q ' 500 ' serve.err && bad "a request was answered 500: $(grep ' 500 ' serve.err | head -3)" || ok
web_stop
rc=$?
expect_eq "$rc" 0 "serve stops cleanly (and, in the sanitizer build, without leaks)"
[ "$rc" = 0 ] || tail -30 serve.err >&2
finish
