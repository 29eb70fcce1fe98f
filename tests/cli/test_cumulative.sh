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
web_stop
finish
