#!/usr/bin/env bash
# Both sides' books (issue 10 part 1): a test world of deliberate
# mismatches — a transfer never confirmed, an arrival with no transfer, an
# amount typed differently, a date off by a week (matched) and one off by a
# month (outside the default window) — reconciled by `duikou reconcile` and
# on /reconcile, totals and lists exactly; the county's confirmation of a
# transfer (a link, a new receipt, and its refusals); exit codes.
. "$(dirname "$0")/lib.sh"

DB=w.db
R() { "$DUIKOU" --db "$(db_url $DB)" "$@"; }
q() { db_sql $DB "$1"; }
R init >/dev/null || bad "init"

cat >projects.csv <<'EOF'
code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,status_date
P1,项目一,sanxia,economic,500101,310000,2003-06-01,17,constructing,2003-06-01
P2,项目二,sanxia,economic,500101,320100,2003-06-01,17,constructing,2003-06-01
P3,项目三,sanxia,economic,500240,440300,2003-06-01,17,constructing,2003-06-01
EOF
expect_status 0 "projects" -- R import projects projects.csv
# the supporters' side: T1 confirmed later with RA (dates 79 days apart),
# T2 typed 500,000 where the county typed 50,000, T3 a week before RC,
# T4 34 days before RD, T5 never arrived, T6 exact, T7 confirmed as a new
# receipt below
cat >transfers.csv <<'EOF'
project_code,date,amount,voucher_no,note,code
P1,2004-02-01,1000000,V-1,,T1
P1,2004-03-01,500000,V-2,,T2
P1,2004-05-01,2000000,V-3,,T3
P2,2004-06-01,3000000,V-4,,T4
P2,2004-08-01,700000,V-5,never arrived,T5
P3,2004-10-01,600000,V-6,,T6
P3,2004-11-01,250000,V-7,,
EOF
expect_status 0 "transfers import" -- R import transfers transfers.csv
expect_grep out.txt "7 added" "seven transfers"
expect_eq "$(q "SELECT code FROM transfers WHERE voucher_no = 'V-7'")" \
  "T$(q "SELECT id FROM transfers WHERE voucher_no = 'V-7'")" "a transfer without a code is numbered T and its id"
# the counties' side (RF is the county's own money: not reconciled)
cat >funds.csv <<'EOF'
project_code,date,amount,side,code
P1,2004-04-20,1000000,supporter,RA
P1,2004-03-03,50000,supporter,RB
P1,2004-05-08,2000000,supporter,RC
P2,2004-07-05,3000000,supporter,RD
P3,2004-09-10,400000,supporter,RE
P3,2004-09-10,999,recipient,RF
P3,2004-10-01,600000,supporter,RG
EOF
expect_status 0 "funds import" -- R import funds funds.csv
# a transfer outside the year is not counted
printf 'project_code,date,amount,code\nP1,2005-03-01,123,T9\n' >later.csv
expect_status 0 "a 2005 transfer" -- R import transfers later.csv
# bad rows: a negative amount, an unknown project, all or nothing
printf 'project_code,date,amount,code\nP1,2004-01-01,-5,TX\nPX,2004-01-01,5,TY\n' >bad.csv
expect_status 1 "bad transfers refused" -- R import transfers bad.csv
expect_grep err.txt "^bad.csv:2:amount: " "negative amount at its cell"
expect_grep err.txt "^bad.csv:3:project_code: " "unknown project at its cell"
expect_eq "$(q "SELECT COUNT(*) FROM transfers WHERE code IN ('TX', 'TY')")" 0 "nothing written"

# ---- the county confirms on the web ----
web_start $DB
web_user wanzhou county 500101
web_user shizhu county 500240
web_user shanghai supporter 310000
web_user city municipal
post() { # URL FIELDS... → status
  local url=$1
  shift
  local args=()
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  web_curl -s -o post.out -w '%{http_code}' "${args[@]}" "$URL$url"
}
web_login shizhu
expect_eq "$(post /transfers/T1/confirm receipt=RA)" 403 "another county may not confirm P1's transfer"
web_login shanghai
expect_eq "$(post /transfers/T1/confirm receipt=RA)" 403 "a supporter may not confirm"
web_login wanzhou
expect_eq "$(post /transfers/T1/confirm receipt=RB)" 422 "a receipt of another amount is refused"
expect_grep post.out "RB.*50000.*1000000" "the message gives both amounts"
expect_eq "$(post /transfers/T1/confirm receipt=RE)" 403 "a receipt of another county is refused"
AUDIT0=$(q "SELECT COUNT(*) FROM audit")
expect_eq "$(q "SELECT COUNT(*) FROM transfer_links")" 0 "refusals link nothing"
expect_eq "$(post /transfers/T1/confirm receipt=RA)" 303 "the county links T1 with RA"
expect_eq "$(post /transfers/T1/confirm receipt=RC)" 409 "a transfer is confirmed once"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'transfers' AND record = 'T1' AND action = 'confirm'
  AND user_name = 'wanzhou' AND via = 'form'")" 1 "the confirmation is audited"
expect_eq "$(q "SELECT COUNT(*) FROM audit")" $((AUDIT0 + 1)) "one audit row"
web_curl -s "$URL/transfers/T1" >t1.html
expect_grep t1.html 'id="arrival".*href="/funds/RA"' "the transfer's page links its receipt"
T7=$(q "SELECT code FROM transfers WHERE voucher_no = 'V-7'")
web_login shizhu
web_curl -s "$URL/transfers/$T7" >t7.html
expect_grep t7.html 'id="confirm-form"' "the county is offered the confirm form"
expect_eq "$(post "/transfers/$T7/confirm" receipt= date=)" 303 "the county confirms $T7 as a new receipt"
NEW=$(q "SELECT f.code FROM transfer_links l JOIN funds f ON f.id = l.fund_id JOIN transfers t ON t.id = l.transfer_id
  WHERE t.code = '$T7'")
expect_eq "$(q "SELECT project_code || ' ' || date || ' ' || amount || ' ' || side FROM funds WHERE code = '$NEW'")" \
  "P3 2004-11-01 250000 supporter" "the new receipt holds the transfer"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'funds' AND record = '$NEW' AND action = 'insert'")" 1 \
  "the new receipt is audited"

# ---- duikou reconcile, default window ----
expect_status 1 "differences remain: exit 1" -- R reconcile --year 2004 --format json
cp out.txt r15.json
t() { jq -r "$1" r15.json; }
pair() { jq -r --arg s "$1" --arg c "$2" ".pairs[] | select(.supporter_code == \$s and .county_code == \$c) | $3" r15.json; }
expect_eq "$(t '.pairs | length')" 3 "three pairs"
expect_eq "$(pair 310000 500101 '[.sent, .arrived, .matched, .difference, .unmatched_transfers, .unmatched_receipts] | @csv')" \
  "3500000,3050000,3000000,450000,1,1" "上海-万州: T1=RA linked, T3~RC a week apart, T2/RB typed differently"
expect_eq "$(pair 320100 500101 '[.sent, .arrived, .matched, .difference, .unmatched_transfers, .unmatched_receipts] | @csv')" \
  "3700000,3000000,0,700000,2,1" "南京-万州: T4/RD a month apart, T5 never arrived"
expect_eq "$(pair 440300 500240 '[.sent, .arrived, .matched, .difference, .unmatched_transfers, .unmatched_receipts] | @csv')" \
  "850000,1250000,850000,-400000,0,1" "深圳-石柱: T6=RG, $T7 confirmed, RE without a transfer"
# the totals are the pairs' sums, and the records' sums
expect_eq "$(t '[.total.sent, .total.arrived, .total.matched] | @csv')" \
  "$(q "SELECT (SELECT SUM(amount) FROM transfers WHERE date LIKE '2004%') || ',' ||
   (SELECT SUM(amount) FROM funds WHERE side = 'supporter' AND date LIKE '2004%') || ',' || 3850000")" \
  "totals against the records"
expect_eq "$(t '.clean')" false "not clean"
expect_eq "$(t '[.unmatched_transfers[] | .code + ":" + .reason + ":" + (.counterpart // "-")] | join(" ")')" \
  "T2:amount_differs:RB T4:date_outside_window:RD T5:no_counterpart:-" "the unmatched transfers and why"
expect_eq "$(t '[.unmatched_receipts[] | .code + ":" + .reason + ":" + (.counterpart // "-")] | join(" ")')" \
  "RB:amount_differs:T2 RD:date_outside_window:T4 RE:no_counterpart:-" "the unmatched receipts and why"
expect_eq "$(t '[.matches[] | .transfer + "=" + .receipt + ":" + (.explicit | tostring) + ":" + (.days | tostring)] | join(" ")')" \
  "T1=RA:true:79 T3=RC:false:7 T6=RG:false:0 $T7=$NEW:true:0" "the matches: links first, then amount and date"

# ---- a wider window takes T4/RD; filters ----
expect_status 1 "window 40" -- R reconcile --year 2004 --window 40 --format json
expect_eq "$(jq -r '[.total.matched, .total.unmatched_transfers, .total.unmatched_receipts] | @csv' out.txt)" \
  "6850000,2,2" "--window 40 matches the month-off pair"
expect_eq "$(jq -r '.window' out.txt)" 40 "window echoed"
expect_status 1 "one supporter" -- R reconcile --year 2004 --supporter 320100 --format json
expect_eq "$(jq -r '[.pairs[].supporter_code] | unique | join(",")' out.txt)" 320100 "--supporter"
expect_status 1 "one county" -- R reconcile --year 2004 --county 500240 --format json
expect_eq "$(jq -r '[.pairs[].county_code] | unique | join(",")' out.txt)" 500240 "--county"
expect_status 0 "a clean pair: exit 0" -- R reconcile --year 2004 --supporter 310000 --county 500240
expect_status 0 "a year without items is clean" -- R reconcile --year 2003
# --program: another program's books apart (default sanxia); unknown: exit 1
R reconcile --year 2004 --format json >sanxia.json
printf '%s\n' 'code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,status_date' \
  'PX,援藏项目,xizang,economic,540000,310000,2004-01-01,17,constructing,2004-01-01' >xizang.csv
printf 'project_code,date,amount,voucher_no,note,code\nPX,2004-07-01,123000,VX,,TX\n' >tx.csv
expect_status 0 "a project of program xizang" -- R import projects xizang.csv
expect_status 0 "its transfer" -- R import transfers tx.csv
expect_status 1 "--program xizang" -- R reconcile --year 2004 --program xizang --format json
expect_eq "$(jq -r '[.program, .total.sent, .total.arrived, ([.pairs[].county_code] | join(",")), (.unmatched_transfers | map(.code) | join(","))] | @csv' out.txt)" \
  "$(printf '"xizang",%s,0,"540000","TX"' "$(q "SELECT amount FROM transfers WHERE code = 'TX'")")" "only xizang's books"
expect_status 1 "the default" -- R reconcile --year 2004 --format json
expect_eq "$(jq -c 'del(.program)' out.txt)" "$(jq -c 'del(.program)' sanxia.json)" "sanxia's unchanged by it"
expect_eq "$(jq -r .program out.txt)" sanxia "the default program is sanxia"
expect_status 1 "--program sanxia" -- R reconcile --year 2004 --program sanxia --format json
expect_same out.txt sanxia.json "the same as the default"
expect_status 1 "an unknown program" -- R reconcile --year 2004 --program nope
expect_grep err.txt "unknown program 'nope'" "it names it"
expect_status 2 "--program without a value" -- R reconcile --year 2004 --program
# text and csv
expect_status 1 "text" -- R reconcile --year 2004 --lang en
expect_grep out.txt "^310000 Shanghai Shi  500101 Wanzhou Qu  3,500,000  3,050,000  3,000,000  450,000  1/1$" "text pair line"
expect_grep out.txt "^  T4  P2  2004-06-01  3,000,000  date outside the window \(receipt RD 2004-07-05 3,000,000\)$" "text item"
expect_grep out.txt "^Result: differences remain$" "text result"
expect_status 1 "zh text" -- R reconcile --year 2004
expect_grep out.txt "金额不符" "Chinese reason"
expect_status 1 "csv" -- R reconcile --year 2004 --format csv
expect_eq "$(head -1 out.txt)" "record,supporter_code,county_code,code,project_code,date,amount,reason,counterpart,sent,arrived,matched,difference" "csv header"
expect_grep out.txt "^pair,320100,500101,,,,,,,3700000,3000000,0,700000$" "csv pair row"
expect_grep out.txt "^receipt,440300,500240,RE,P3,2004-09-10,400000,no_counterpart,,,,,$" "csv item row"
# usage
expect_status 2 "no year" -- R reconcile
expect_status 2 "bad window" -- R reconcile --year 2004 --window -1
expect_status 2 "bad format" -- R reconcile --year 2004 --format xml
expect_status 2 "unknown option" -- R reconcile --year 2004 --colour red

# ---- /reconcile: the same figures, linked to their records ----
web_login city
web_curl -s -o page.html -w '%{http_code}\n' "$URL/reconcile?year=2004&lang=en" >code.txt
expect_eq "$(cat code.txt)" 200 "the page"
expect_grep page.html 'id="recon-result" class="differences"' "differences shown"
expect_grep page.html '<td class="num" data-col="sent"><a href="/transfers\?year=2004&amp;program=sanxia&amp;supporter=310000&amp;county=500101">3,500,000</a>' \
  "sent links to the pair's transfers"
expect_grep page.html '<td class="num" data-col="arrived"><a href="/funds\?year=2004&amp;program=sanxia&amp;supporter=310000&amp;county=500101&amp;side=supporter">3,050,000</a>' \
  "arrived links to the pair's receipts"
expect_grep page.html 'data-col="matched"><a [^>]*>3,850,000</a>' "matched total"
expect_grep page.html '<a href="/transfers/T5">T5</a>.*data-reason="no_counterpart"' "T5 listed with its reason"
expect_grep page.html '<a href="/funds/RB">RB</a>.*data-reason="amount_differs".*<a href="/transfers/T2">T2</a>' \
  "RB listed with its counterpart"
# the link behind a figure lists exactly its records
web_curl -s "$URL/transfers.csv?year=2004&supporter=310000&county=500101" >pair.csv
expect_eq "$(tail -n +2 pair.csv | cut -d, -f3 | paste -sd+ | bc)" 3500000 "the sent link's records add up"
# the filters are drop-downs of the values there are
expect_grep page.html '<select name="program"><option value="sanxia" selected>sanxia ' "the program, sanxia chosen"
expect_grep page.html '<option value="xizang">xizang ' "another program to choose"
for code in 310000 320100 440300; do
  expect_grep page.html "<select name=\"supporter\">.*<option value=\"$code\">$code " "supporter $code offered"
done
for code in 500101 500240 540000; do
  expect_grep page.html "<select name=\"county\">.*<option value=\"$code\">$code " "county $code offered"
done
if grep -qE '<select name="county">.*<option value="500102"' page.html; then bad "a county without books offered"; else ok; fi
web_curl -s "$URL/reconcile?year=2004&program=xizang&supporter=310000" >px.html
expect_grep px.html 'data-pair="310000-540000"' "?program=xizang: its pair"
if grep -q 'data-pair="310000-500101"' px.html; then bad "a sanxia pair under xizang"; else ok; fi
expect_grep px.html '<option value="310000" selected>' "the supporter chosen"
expect_grep px.html 'href="/transfers\?year=2004&amp;program=xizang&amp;supporter=310000' "its links name the program"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/reconcile?year=2004&program=nope")" 400 "an unknown program"
web_curl -s "$URL/reconcile?year=2004&window=40" >p40.html
expect_grep p40.html 'data-col="matched"><a [^>]*>6,850,000</a>' "the window on the page"
web_curl -s -o x.xlsx -w '%{content_type}' "$URL/reconcile.xlsx?year=2004" >ct.txt
expect_grep ct.txt "spreadsheetml" "xlsx download"
# the last row of the first sheet: the totals of the JSON
python3 - x.xlsx "$(t '[.total.sent, .total.arrived, .total.matched, .total.difference] | @csv')" <<'EOF' && ok || bad "the workbook's totals"
import sys, zipfile, re
s = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
last = re.findall(r'<row r="\d+"[^>]*>(.*?)</row>', s)[-1]
got = re.findall(r'<c r="[E-H]\d+"[^>]*><v>(-?\d+)</v>', last)
assert ",".join(got) == sys.argv[2], (got, sys.argv[2])
EOF
# a county sees only its own pairs
web_login shizhu
web_curl -s "$URL/reconcile?year=2004" >own.html
expect_grep own.html 'data-pair="440300-500240"' "the county's pair"
if grep -q 'data-pair="310000-500101"' own.html; then bad "another county's pair shown"; else ok; fi
expect_grep own.html '<select name="county"><option value="">[^<]*</option><option value="500240">500240 [^<]*</option></select>' \
  "the county is offered only itself"
expect_grep own.html '<select name="supporter"><option value="">[^<]*</option><option value="440300">440300 [^<]*</option></select>' \
  "and only its supporter"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/reconcile?year=x")" 400 "a bad year"
web_stop

# ---- the demo world: transfers behind its receipts, nearly clean ----
"$DUIKOU" --db "$(db_url demo.db)" demo >/dev/null || bad "demo"
d() { db_sql demo.db "$1"; }
expect_status 1 "the demo has a few differences" -- "$DUIKOU" --db "$(db_url demo.db)" reconcile --year 2004 --format json
SENT=$(jq -r .total.sent_count out.txt)
MATCHED=$(jq -r .total.matched_count out.txt)
expect_eq "$SENT" "$(d "SELECT COUNT(*) FROM transfers WHERE date LIKE '2004%'")" "the demo's 2004 transfers"
[ "$SENT" -gt 100 ] && [ $((MATCHED * 100)) -ge $((SENT * 90)) ] && ok || bad "most matched ($MATCHED of $SENT)"
[ "$(jq -r '.unmatched_receipts | length' out.txt)" -gt 0 ] && ok || bad "some receipts without a transfer"
[ "$(jq -r '[.matches[] | select(.explicit)] | length' out.txt)" -gt 0 ] && ok || bad "some confirmed by the county"
[ "$(d "SELECT COUNT(*) FROM funds WHERE verified_at IS NOT NULL")" -gt 0 ] && ok || bad "some verified receipts"
expect_status 0 "the demo passes every rule" -- "$DUIKOU" --db "$(db_url demo.db)" check
finish
