#!/usr/bin/env bash
# In-kind support (物资折款) and cumulative totals (累计) of the annual report
# (issue 10 parts 3 and 4): on the demo the seed's 2004 figures stay as they
# were, and beside them the cumulative figures since the program's first
# year, each computed here with SQL over the demo database; the in-kind part
# follows a receipt imported; text, English, Markdown, the page and the
# workbook show both.
. "$(dirname "$0")/lib.sh"

expect_status 0 "demo" -- "$DUIKOU" --db "$(db_url d.db)" demo
q() { db_sql d.db "$1"; }
expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format json
cp out.txt a.json
j() { jq -c "$1" a.json; }

# the seed's figures are still the seed's
expect_eq "$(j .funds.total)" 2240000000 "F4 unchanged"
expect_eq "$(j .funds.growth_pct)" 47 "F5 unchanged"
expect_eq "$(j .projects.active)" 183 "F1 unchanged"
expect_eq "$(j .training.wealth_leaders)" 808 "F9 unchanged"

# the first year: the program's start, or an earlier record's
start=$(q "SELECT start_year FROM programs WHERE code = 'sanxia'")
first=$(q "SELECT MIN(y) FROM (SELECT MIN(substr(signed_date, 1, 4)) AS y FROM projects WHERE program = 'sanxia'
           UNION ALL SELECT MIN(substr(date, 1, 4)) FROM labour WHERE program = 'sanxia'
           UNION ALL SELECT MIN(substr(start_date, 1, 4)) FROM training WHERE program = 'sanxia'
           UNION ALL SELECT MIN(substr(date, 1, 4)) FROM visits WHERE program = 'sanxia') AS m")
since=$start; [ "$first" -lt "$since" ] && since=$first
expect_eq "$(j .cumulative.since)" "$since" "since the program's first year"
expect_eq "$(j .cumulative.first_record_year)" "$first" "the first year with records"
expect_eq "$(j .cumulative.through)" 2004 "through the year"
[ "$first" -lt 2004 ] && ok || bad "the demo has years before 2004 (first $first)"

# each measure from A-01-01 to B-12-31, with SQL written from docs/reports.md
F="FROM funds f JOIN projects p ON p.code = f.project_code WHERE p.program = 'sanxia'"
measures() {
  local a=$1-01-01 b=$2-12-31
  q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.date BETWEEN '$a' AND '$b'"
  q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.source_type = 'in_kind' AND f.date BETWEEN '$a' AND '$b'"
  q "SELECT COALESCE(SUM(f.amount), 0) $F AND p.category = 'public_welfare' AND f.date BETWEEN '$a' AND '$b'"
  q "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND signed_date BETWEEN '$a' AND '$b'"
  q "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND category = 'economic' AND signed_date BETWEEN '$a' AND '$b'"
  q "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND category = 'public_welfare' AND signed_date BETWEEN '$a' AND '$b'"
  q "SELECT COUNT(*) FROM projects p WHERE p.program = 'sanxia' AND EXISTS (SELECT 1 FROM status_history h
     WHERE h.project_code = p.code AND h.status = 'operating' AND h.date BETWEEN '$a' AND '$b')"
  q "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = 'sanxia' AND date BETWEEN '$a' AND '$b'"
  q "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = 'sanxia' AND start_date BETWEEN '$a' AND '$b'"
  q "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = 'sanxia' AND kind = 'wealth_leader' AND start_date BETWEEN '$a' AND '$b'"
  q "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = 'sanxia' AND kind IN ('cadre_secondment', 'cadre_training') AND start_date BETWEEN '$a' AND '$b'"
}
keys="funds.total funds.in_kind funds.public_welfare projects.signed projects.economic projects.public_welfare
      projects.operating labour.people training.people training.wealth_leaders training.cadres"
from_json() { for k in $keys; do j ".cumulative.$1.$k"; done; }
measures "$since" 2004 >want-total.txt
from_json total >got-total.txt
expect_same got-total.txt want-total.txt "the cumulative figures since $since"
measures 2004 2004 >want-year.txt
from_json year >got-year.txt
expect_same got-year.txt want-year.txt "the year's figures beside them"
# the cumulative is the sum of the years, and more than 2004 alone
sum=0
for y in $(seq "$first" 2004); do sum=$((sum + $(q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.date LIKE '$y-%'"))); done
expect_eq "$(j .cumulative.total.funds.total)" "$sum" "the cumulative funds are the years' sum"
[ "$(j .cumulative.total.funds.total)" -gt "$(j .funds.total)" ] && ok || bad "the cumulative exceeds the year"
expect_eq "$(j .cumulative.year.funds.total)" "$(j .funds.total)" "the year's funds are funds.total"
expect_eq "$(j .cumulative.year.training.wealth_leaders)" 808 "the year's wealth leaders are F9"

# in kind: the year's part, the previous year's, the signed projects'
expect_eq "$(j .funds.in_kind)" "$(sed -n 2p want-year.txt)" "funds.in_kind of 2004"
expect_eq "$(j .funds.in_kind_previous_year)" "$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.source_type = 'in_kind' AND f.date LIKE '2003-%'")" "funds.in_kind of 2003"
[ "$(j .funds.in_kind)" -gt 0 ] && ok || bad "the demo has in-kind receipts in 2004"
SIGNED="p.conference IN (SELECT code FROM conferences WHERE date LIKE '2004-%')"
expect_eq "$(j .signed.funds.in_kind)" "$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND $SIGNED AND f.source_type = 'in_kind' AND f.date <= '2004-12-31'")" "signed.funds.in_kind"

# the text says both, the seed's sentence keeps its figures
expect_status 0 "annual text" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004
cp out.txt a.txt
# the seed's sentence unchanged, the in-kind part after the paragraph's seed sentences
expect_grep a.txt "到位资金22\.40亿元,比2003年增长47%。其中无偿援建社会公益性项目资金1\.12亿元,比2003年同期增长12%" "the seed's sentence is as it was"
expect_grep a.txt "干部挂职、培训342人。到位资金中物资折款[0-9.]+万元。$" "the year's in-kind part after it"
expect_grep a.txt "^自${since}年开展对口支援以来\(现有记录始于${first}年\),截至2004年底累计签约对口支援项目$(j .cumulative.total.projects.signed)个" "the cumulative paragraph"
expect_grep a.txt "累计移民劳务输出" "cumulative labour"
expect_grep a.txt "累计培训$(j .cumulative.total.training.people)人" "cumulative trainees"
expect_status 0 "annual en" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --lang en
expect_grep out.txt "^Cumulative since $since \(records from $first\) through 2004: $(j .cumulative.total.projects.signed) projects signed" "English cumulative"
expect_grep out.txt "Of funds in place, [0-9.]+ million yuan was in kind\.$" "English in-kind part"
expect_status 0 "annual md" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format md
expect_grep out.txt "\| 其中物资折款 \|" "md: the table of the year beside the cumulative"
expect_grep out.txt "${since}\\\\?~2004年累计" "md: the cumulative column (~ escaped)"

# the funds pivot: the in-kind part of each row and of the whole
expect_status 0 "pivot json" -- "$DUIKOU" --db "$(db_url d.db)" report pivot --format json
expect_eq "$(jq .in_kind_total out.txt)" "$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.source_type = 'in_kind'")" "pivot in_kind_total"
expect_eq "$(jq '[.rows[].in_kind] | add' out.txt)" "$(jq .in_kind_total out.txt)" "pivot rows' in_kind add up"
expect_status 0 "pivot text" -- "$DUIKOU" --db "$(db_url d.db)" report pivot
expect_grep out.txt "^其中物资折款	[0-9,]+$" "pivot text: the in-kind line"

# the pivot's cumulative: each row's running total of its county and
# supporter through its year, from SQL over the receipts
q "SELECT a.rc, a.sc, a.y, SUM(b.amount), SUM(CASE WHEN b.source_type = 'in_kind' THEN b.amount ELSE 0 END)
   FROM (SELECT DISTINCT p.recipient_code AS rc, COALESCE(p.supporter_code, '') AS sc, substr(f.date, 1, 4) AS y $F) AS a
   JOIN (SELECT p.recipient_code AS rc, COALESCE(p.supporter_code, '') AS sc, substr(f.date, 1, 4) AS y, f.amount, f.source_type $F) AS b
     ON b.rc = a.rc AND b.sc = a.sc AND b.y <= a.y
   GROUP BY a.rc, a.sc, a.y ORDER BY a.rc, a.sc, a.y" >want-pc.txt
expect_status 0 "pivot json" -- "$DUIKOU" --db "$(db_url d.db)" report pivot --format json
cp out.txt pv.json
jq -r '.rows[] | [.county_code, (.supporter_code // ""), .year, .cumulative, .cumulative_in_kind] | map(tostring) | join("|")' pv.json >got-pc.txt
[ "$(wc -l <want-pc.txt)" -gt 3 ] && ok || bad "the pivot has rows"
expect_same got-pc.txt want-pc.txt "pivot: each row's cumulative and cumulative in kind"
expect_eq "$(jq '.by_year[-1].cumulative' pv.json)" "$(j .cumulative.total.funds.total)" "pivot: the last year's cumulative is the annual's cumulative"
expect_eq "$(jq '.by_year[-1].cumulative_in_kind' pv.json)" "$(j .cumulative.total.funds.in_kind)" "pivot: and its in-kind part"
expect_eq "$(jq '[.by_year[] | select(.year <= 2004) | .amount] | add' pv.json)" "$(jq '.by_year[] | select(.year == 2004) | .cumulative' pv.json)" "pivot: a year's cumulative is the sum of the years through it"
expect_status 0 "pivot csv" -- "$DUIKOU" --db "$(db_url d.db)" report pivot --format csv
expect_eq "$(head -1 out.txt | tr -d '\r')" "county_code,county,supporter_code,supporter,year,amount,in_kind,cumulative,cumulative_in_kind" "pivot csv: the columns"
tail -n +2 out.txt | tr -d '\r' | awk -F, '{print $1 "|" $3 "|" $5 "|" $8 "|" $9}' >got-pcsv.txt
expect_same got-pcsv.txt want-pc.txt "pivot csv: the cumulative columns"
expect_status 0 "pivot xlsx" -- "$DUIKOU" --db "$(db_url d.db)" report pivot --format xlsx --lang en -o pv.xlsx
expect_status 0 "pivot workbook: the cumulative and in-kind sheets" -- python3 "$SRC/tests/cli/xlsx_check.py" pivot pv.xlsx pv.json
expect_status 0 "pivot text" -- "$DUIKOU" --db "$(db_url d.db)" report pivot
expect_grep out.txt "^2004	[0-9,]+	[0-9,]+	$(j .cumulative.total.funds.total | sed -E ':a;s/([0-9])([0-9]{3})($|,)/\1,\2\3/;ta')	" "pivot text: 2004's cumulative"

# the signed report: the cumulative (the same measures) beside the year's
expect_status 0 "signed json" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --format json
cp out.txt s.json
for k in $keys; do jq -c ".cumulative.total.$k" s.json; done >got-st.txt
expect_same got-st.txt want-total.txt "signed: the cumulative since $since"
for k in $keys; do jq -c ".cumulative.year.$k" s.json; done >got-sy.txt
expect_same got-sy.txt want-year.txt "signed: the year's beside it"
expect_eq "$(jq .cumulative.since s.json)" "$since" "signed: since the program's first year"
expect_status 0 "signed text" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004
y_yi=$(awk '{printf "%.2f", $1 / 100000000}' <<<"$(sed -n 1p want-year.txt)" | sed 's/\./\\./')
expect_grep out.txt "^自${since}年开展对口支援以来\(现有记录始于${first}年\),截至2004年底累计签约对口支援项目$(sed -n 4p want-total.txt)个\(其中2004年$(sed -n 4p want-year.txt)个\),竣工投产$(sed -n 7p want-total.txt)个;累计到位资金[0-9.]+亿元\(其中物资折款[0-9.]+(亿|万)元\),其中2004年${y_yi}亿元。$" "signed text: the cumulative sentence"
expect_status 0 "signed en" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --lang en
expect_grep out.txt "^Cumulative since $since \(records from $first\) through 2004: $(sed -n 4p want-total.txt) projects signed \($(sed -n 4p want-year.txt) in 2004\)" "signed en: the cumulative"
expect_status 0 "signed md" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --format md
expect_grep out.txt "^\| 签约项目 \| +$(sed -n 4p want-year.txt) \| +$(sed -n 4p want-total.txt) \|$" "signed md: the year beside the cumulative"
expect_status 0 "signed html" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --format html
expect_grep out.txt "${since}~2004年累计" "signed html: the cumulative column"
expect_status 0 "signed xlsx" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --format xlsx -o s.xlsx
unzip -p s.xlsx xl/workbook.xml | grep -q '累计' && ok || bad "the signed workbook has a sheet 累计"

# the plan report: per county, the cumulative as of the day and the
# period's in-kind part, from SQL with the county's filter
county_measures() { # COUNTY FIRST-DAY LAST-DAY
  q "SELECT COALESCE(SUM(f.amount), 0) $F AND p.recipient_code = '$1' AND f.date BETWEEN '$2' AND '$3'"
  q "SELECT COALESCE(SUM(f.amount), 0) $F AND p.recipient_code = '$1' AND f.source_type = 'in_kind' AND f.date BETWEEN '$2' AND '$3'"
  q "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND recipient_code = '$1' AND signed_date BETWEEN '$2' AND '$3'"
  q "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = 'sanxia' AND origin_code = '$1' AND date BETWEEN '$2' AND '$3'"
  q "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = 'sanxia' AND origin_code = '$1' AND start_date BETWEEN '$2' AND '$3'"
}
plan_check() { # AS-OF (empty: the default)
  local asof_opt=()
  [ -n "$1" ] && asof_opt=(--as-of "$1")
  expect_status 0 "plan json ${1:-default}" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format json "${asof_opt[@]}"
  cp out.txt pl.json
  local asof upto c n=0
  asof=$(jq -r .as_of pl.json)
  upto=$asof; [[ "$upto" > 2007-12-31 ]] && upto=2007-12-31
  expect_eq "$(jq -c '[.cumulative_since, .cumulative_through]' pl.json)" "[$since,\"$asof\"]" "plan $asof: since, through"
  for c in $(jq -r '.counties[].recipient_code' pl.json); do
    county_measures "$c" "$since-01-01" "$asof" >want-pl.txt
    jq -r ".counties[] | select(.recipient_code == \"$c\") | .cumulative | .funds.total, .funds.in_kind, .projects.signed, .labour.people, .training.people" pl.json >got-pl.txt
    expect_same got-pl.txt want-pl.txt "plan $asof: $c's cumulative"
    if [[ "$asof" < 2004-01-01 ]]; then want=0; else want=$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND p.recipient_code = '$c' AND f.source_type = 'in_kind' AND f.date BETWEEN '2004-01-01' AND '$upto'"); fi
    expect_eq "$(jq ".counties[] | select(.recipient_code == \"$c\") | .in_kind" pl.json)" "$want" "plan $asof: $c's funds in kind of the period"
    n=$((n + 1))
  done
  [ "$n" -gt 1 ] && ok || bad "plan: counties checked ($n)"
  expect_eq "$(jq '[.counties[].cumulative.funds.total] | add' pl.json)" "$(jq .total.cumulative.funds.total pl.json)" "plan $asof: the total's cumulative adds the counties'"
  expect_eq "$(jq '[.counties[].in_kind] | add' pl.json)" "$(jq .total.in_kind pl.json)" "plan $asof: the total's in kind adds the counties'"
}
plan_check ""
plan_check 2003-06-30
expect_status 0 "plan text" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007
expect_grep out.txt "^${since}年以来累计\(截至$(jq -r .as_of pl.json | sed 's/2003-06-30/[0-9-]+/')\)及规划期到位资金中的物资折款" "plan text: the cumulative table"
expect_status 0 "plan en" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --lang en
expect_grep out.txt "^Cumulative since $since as of " "plan en: the cumulative table"
expect_status 0 "plan xlsx" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format xlsx -o pl.xlsx
python3 "$SRC/tests/cli/xlsx_check.py" dump pl.xlsx | grep -q "cumulative.funds.total" && ok || bad "the plan workbook has the cumulative columns"

# a receipt in kind imported moves the year, the cumulative and the in-kind part by its amount
p=$(q "SELECT code FROM projects WHERE program = 'sanxia' AND signed_date < '2004-06-01' ORDER BY code LIMIT 1")
printf 'project_code,date,amount,side,source_type,note\n%s,2004-06-15,1234500,supporter,in_kind,水泥\n' "$p" >ik.csv
expect_status 0 "import an in-kind receipt" -- "$DUIKOU" --db "$(db_url d.db)" import funds ik.csv
expect_status 0 "annual json again" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format json
expect_eq "$(jq .funds.in_kind out.txt)" "$(($(j .funds.in_kind) + 1234500))" "the year's in-kind part grows by it"
expect_eq "$(jq .cumulative.total.funds.in_kind out.txt)" "$(($(j .cumulative.total.funds.in_kind) + 1234500))" "so does the cumulative"
expect_eq "$(jq .funds.total out.txt)" "$(($(j .funds.total) + 1234500))" "in-kind support is money: the total too"
expect_status 0 "annual 2005 json" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2005 --format json
expect_eq "$(jq .cumulative.year.funds.total out.txt)" 0 "2005: nothing in the year"
expect_eq "$(jq .cumulative.total.funds.total out.txt)" "$(($(j .cumulative.total.funds.total) + 1234500))" "2005: the cumulative carries on"
expect_status 0 "annual 1991 json" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 1991 --format json
expect_eq "$(jq -c '[.cumulative.since, .cumulative.total.funds.total, .cumulative.total.projects.signed]' out.txt)" "[$since,0,0]" "a year before the first: nothing cumulated"

# the workbook and the web page
expect_status 0 "annual xlsx" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format xlsx -o a.xlsx
unzip -p a.xlsx xl/workbook.xml | grep -q '累计' && ok || bad "the workbook has a sheet 累计"
web_start d.db
web_user adm admin
web_login adm
expect_eq "$(web_curl -s -o r.html -w '%{http_code}' "$URL/reports/annual?year=2004")" 200 "the report page"
expect_grep r.html "截至2004年底累计签约对口支援项目" "the page says the cumulative"
expect_grep r.html "其中物资折款" "the page shows the in-kind part"
expect_eq "$(web_curl -s "$URL/api/v1/reports/annual?year=2004" | jq .cumulative.since)" "$since" "the API's cumulative block"
# the dashboard: each headline figure's cumulative beside the year's, and the funds' in-kind part
expect_eq "$(web_curl -s -o dash.html -w '%{http_code}' "$URL/?year=2004")" 200 "the dashboard"
dv() { sed -n "s/.*id=\"$1\" data-value=\"\([0-9-]*\)\".*/\1/p" "${2:-dash.html}" | head -1; }
measures "$since" 2004 >want-now.txt
expect_eq "$(dv tile-funds-cum)" "$(sed -n 1p want-now.txt)" "dashboard: cumulative funds"
expect_eq "$(dv tile-welfare-cum)" "$(sed -n 3p want-now.txt)" "dashboard: cumulative public-welfare funds"
expect_eq "$(dv tile-signed-cum)" "$(sed -n 4p want-now.txt)" "dashboard: cumulative projects signed"
expect_eq "$(dv tile-projects-cum)" "$(sed -n 5p want-now.txt)" "dashboard: cumulative economic projects"
expect_eq "$(dv tile-labour-cum)" "$(sed -n 8p want-now.txt)" "dashboard: cumulative labour"
expect_eq "$(dv tile-wealth-leaders-cum)" "$(sed -n 10p want-now.txt)" "dashboard: cumulative wealth leaders"
expect_eq "$(dv tile-cadres-cum)" "$(sed -n 11p want-now.txt)" "dashboard: cumulative cadres"
expect_eq "$(dv tile-funds-in-kind)" "$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.source_type = 'in_kind' AND f.date LIKE '2004-%'")" "dashboard: the year's funds in kind"
expect_grep dash.html "id=\"tile-funds-cum\" data-value=\"[0-9]+\">${since}年以来累计 [0-9.]+亿元<" "dashboard: the cumulative as words"
# with ?verified=1 the funds count the verified receipts only (the demo's are of 2003)
vy=$(q "SELECT MAX(substr(date, 1, 4)) FROM funds WHERE verified_at IS NOT NULL")
web_curl -s -o dash-v.html "$URL/?year=$vy&verified=1"
expect_eq "$(dv tile-funds-cum dash-v.html)" "$(q "SELECT COALESCE(SUM(f.amount), 0) $F AND f.verified_at IS NOT NULL AND f.date BETWEEN '$since-01-01' AND '$vy-12-31'")" "dashboard ?verified=1: the cumulative of the verified receipts"
[ "$(dv tile-funds-cum dash-v.html)" -gt 0 ] && ok || bad "some verified receipt counted"
web_stop
finish
