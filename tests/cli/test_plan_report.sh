#!/usr/bin/env bash
# The plan figures of report annual and report plan count plans by their
# workflow state: 认可 (approved) = acknowledged or approved, approved by the
# municipal office = approved, and each state; an approver recorded on a
# plan the workflow has returned or not yet acknowledged does not count.
. "$(dirname "$0")/lib.sh"

"$DUIKOU" --db "$(db_url r.db)" init >/dev/null || bad "init"
db_sql r.db "
INSERT INTO plans(code,recipient_code,start_year,end_year,target_projects,approved_by,approved_date,state) VALUES
 ('A','500101',2004,2007,10,NULL,NULL,'draft'),
 ('B','500101',2004,2007,10,NULL,NULL,'submitted'),
 ('C','500102',2004,2007,10,'330000','2004-06-01','acknowledged'),
 ('D','500102',2004,2007,10,'330000','2004-06-01','approved'),
 ('E','500103',2004,2007,10,NULL,NULL,'approved'),
 ('F','500103',2004,2007,10,'310000','2004-06-01','submitted'),
 ('G','500104',2004,2007,10,NULL,NULL,'returned'),
 ('H','500104',2008,2009,10,NULL,NULL,'approved');
" || bad "plans inserted"

j() { jq -r "$1" out.txt; }
expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format json
expect_eq "$(j .plans.count)" 7 "plans of 2004"
expect_eq "$(j .plans.approved)" 3 "acknowledged or approved (C, D, E)"
expect_eq "$(j .plans.approved_municipal)" 2 "approved (D, E)"
expect_eq "$(j '.plans.by_state | [.draft, .submitted, .acknowledged, .approved, .returned] | join(" ")')" \
  "1 2 1 2 1" "each state"
expect_status 0 "annual text" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004
expect_grep out.txt "3个区县的规划得到结对省市的认可。其中2个规划已经市对口支援主管部门批准。" "zh sentence"
expect_status 0 "annual en" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --lang en
expect_grep out.txt "3 of the 7 plans are approved by the paired supporters. 2 of them are approved by the municipal office." "en sentence"

expect_status 0 "plan json" -- "$DUIKOU" --db "$(db_url r.db)" report plan --period 2004-2007 --format json
expect_eq "$(j '.total | [.plans, .approved, .approved_municipal] | join(" ")')" "7 3 2" "plan totals"
expect_eq "$(j '.total.by_state | [.draft, .submitted, .acknowledged, .approved, .returned] | join(" ")')" \
  "1 2 1 2 1" "plan total by state"
expect_eq "$(j '.counties[] | select(.recipient_code == "500102") | [.approved, .approved_municipal, .by_state.acknowledged] | join(" ")')" \
  "2 1 1" "one county"
expect_status 0 "plan text" -- "$DUIKOU" --db "$(db_url r.db)" report plan --period 2004-2007
expect_grep out.txt "其中3个得到结对省市的认可" "plan text counts the workflow"

# a plan the workflow returns stops counting
db_sql r.db "UPDATE plans SET state = 'returned', approved_by = NULL, approved_date = NULL WHERE code = 'C'"
expect_status 0 "annual json after a return" -- "$DUIKOU" --db "$(db_url r.db)" report annual --year 2004 --format json
expect_eq "$(j .plans.approved)" 2 "C returned"
expect_eq "$(j .plans.by_state.returned)" 2 "two returned"

# the state column: exported, imported (code or Chinese label), checked
expect_status 0 "export plans" -- "$DUIKOU" --db "$(db_url r.db)" export plans
expect_eq "$(head -1 out.txt)" "code,recipient_code,start_year,end_year,target_projects,target_funds,target_labour,target_training,focus,approved_by,approved_date,program,state" "export header"
expect_grep out.txt '^C,500102,2004,2007,10,,,,,,,sanxia,returned$' "C exported returned"
printf 'code,recipient_code,start_year,end_year,状态\nX1,500101,2004,2007,已提交\nX2,500101,2004,2007,done\n' > bad.csv
expect_status 1 "unknown state" -- "$DUIKOU" --db "$(db_url r.db)" import plans bad.csv
expect_grep err.txt '^bad.csv:3:状态: ' "the bad state at its row and column"
[ "$(db_sql r.db "SELECT count(*) FROM plans WHERE code LIKE 'X%'")" = 0 ] && ok || bad "nothing imported"
head -2 bad.csv > good.csv
expect_status 0 "state by its label" -- "$DUIKOU" --db "$(db_url r.db)" import plans good.csv
expect_eq "$(db_sql r.db "SELECT state FROM plans WHERE code = 'X1'")" submitted "label to code"
finish
