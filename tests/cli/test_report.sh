#!/usr/bin/env bash
# duikou report: option handling, exit statuses, -o, formats, and figures
# computed from a few rows inserted here.
. "$(dirname "$0")/lib.sh"

"$DUIKOU" --db "$(db_url r.db)" init >/dev/null || bad "init"
db_sql r.db "
INSERT INTO conferences(code,name,date,place) VALUES ('c1','万州会议全称','2004-10-01','万州');
INSERT INTO projects(code,name,program,category,recipient_code,supporter_code,conference,signed_date,
 industry_code,total_investment,contract_amount,private_amount,status,status_date,jobs) VALUES
 ('P1','<b>项目</b>','sanxia','economic','500101','310000','c1','2004-10-01','C17',200000000,1000,552,'operating','2004-11-01',7850),
 ('P2','乙','sanxia','economic','500235','330000',NULL,'2003-01-01','A',1,1,0,'constructing','2003-01-01',NULL);
INSERT INTO funds(project_code,date,amount,side) VALUES
 ('P1','2004-11-02',2240000000,'supporter'),('P2','2003-05-01',1524000000,'supporter');
INSERT INTO plans(code,recipient_code,start_year,end_year,target_projects,target_funds,target_labour,target_training)
 VALUES ('PL','500101',2004,2007,680,9200000000,7800,5000);
"

expect_status 0 "annual text" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004
expect_grep out.txt "重庆市三峡库区移民对口支援工作" "title from the data"
expect_grep out.txt "到位资金22.40亿元,比2003年增长47%" "funds and growth"
expect_grep out.txt "建成项目已安置就业7800余人" "jobs"
expect_grep out.txt "所占比重55.2%" "private share"
if grep -q "演示数据" out.txt; then bad "not demo data, but marked so"; else ok; fi

expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format json
expect_grep out.txt '"growth_pct": 47.0' "growth in JSON"
expect_grep out.txt '"active": 2' "active projects"
expect_grep out.txt '^  "year": 2004,' "2-space indent"
expect_grep out.txt '"demo": false' "not demo"

expect_status 0 "annual en md" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format md --lang en
expect_grep out.txt "^# " "markdown title"
expect_grep out.txt "up 47% on 2003" "English growth"

expect_status 0 "signed html to file" -- "$DUIKOU" --db "$(db_url r.db)" report signed --year 2004 --format html -o s.html
[ -s s.html ] && ok || bad "s.html not written"
[ -e s.html.tmp ] && bad "s.html.tmp left behind" || ok
expect_grep s.html "&lt;b&gt;项目&lt;/b&gt;" "project name escaped"
expect_grep s.html "<!doctype html>" "a whole page"

expect_status 0 "plan" -- "$DUIKOU" --db "$(db_url r.db)" report plan --period 2004-2007 --format json
expect_grep out.txt '"projects": 680' "plan target"

db_sql r.db "INSERT INTO meta(key,value) VALUES ('demo','1')"
expect_status 0 "demo text" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004
expect_grep out.txt "（演示数据）" "demo marked in text"
expect_status 0 "demo json" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format json
expect_grep out.txt '"demo": true' "demo marked in JSON"
expect_status 0 "demo html en" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format html --lang en
expect_grep out.txt "demo data" "demo marked in HTML"

expect_status 0 "year without data" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 1990 --format json
expect_grep out.txt '"growth_pct": null' "zero base gives null"

expect_status 1 "unknown program" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --program nosuch
expect_grep err.txt "nosuch" "names the program"
expect_status 2 "xlsx without -o" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format xlsx
expect_grep err.txt "give it with -o FILE.xlsx" "xlsx needs -o"
expect_status 2 "no year" -- "$DUIKOU" --db "$(db_url r.db)" report annual
expect_grep err.txt "usage: duikou" "usage on bad usage"
expect_status 2 "no kind" -- "$DUIKOU" --db "$(db_url r.db)" report
expect_status 2 "bad kind" -- "$DUIKOU" --db "$(db_url r.db)" report yearly --year 2004
expect_status 2 "bad year" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 20x4
expect_status 2 "bad period" -- "$DUIKOU" --db "$(db_url r.db)" report plan --period 2007-2004
expect_status 2 "plan without period" -- "$DUIKOU" --db "$(db_url r.db)" report plan
expect_status 2 "bad format" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format pdf
expect_status 2 "bad lang" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --lang fr
expect_status 2 "unknown option" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --bogus
expect_status 2 "missing value" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year
expect_status 0 "--opt=value" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year=2004 --format=json
expect_status 0 "help" -- "$DUIKOU" report --help
expect_grep out.txt "--period" "help tells of --period"
expect_status 3 "missing database" -- "$DUIKOU" --db "$(db_absent nothere.db)" report annual --year 2004
expect_status 3 "unwritable output" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 -o nodir/x.txt
finish
