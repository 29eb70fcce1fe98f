#!/usr/bin/env bash
# Plan execution (`report plan --period A-B [--as-of D]`, the /reports/plan
# page, plans.execution of the annual report) on the demo world: per county
# and in total the targets and actual are those the database holds, computed
# here in SQL; yearly targets (the plan_targets kind) make the due so far;
# a period not begun, a finished one, a plan without targets; bad input.
. "$(dirname "$0")/lib.sh"

"$DUIKOU" --db "$(db_url d.db)" demo >/dev/null || bad "demo"
q() { db_sql d.db "$1"; }
j() { jq -r "$1" out.txt; }
P="FROM plans WHERE program = 'sanxia' AND start_year = 2004 AND end_year = 2007"

expect_status 0 "plan json" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format json
cp out.txt plan.json
# the default "as of" is the latest record date of the program
asof=$(q "SELECT MAX(x) FROM (SELECT MAX(signed_date) AS x FROM projects WHERE program = 'sanxia'
  UNION ALL SELECT MAX(f.date) FROM funds f JOIN projects p ON p.code = f.project_code WHERE p.program = 'sanxia'
  UNION ALL SELECT MAX(date) FROM labour WHERE program = 'sanxia'
  UNION ALL SELECT MAX(start_date) FROM training WHERE program = 'sanxia') AS l")
expect_eq "$(j .as_of)" "$asof" "as of the latest record"
expect_eq "$(j .state)" under_way "the period is under way"

# per county: targets and actual from the database
want=$(q "SELECT recipient_code || ' ' || SUM(target_projects) || ' ' || SUM(target_funds) || ' ' ||
  SUM(target_labour) || ' ' || SUM(target_training) || ' ' ||
  (SELECT COUNT(*) FROM projects p WHERE p.program = 'sanxia' AND p.recipient_code = plans.recipient_code
    AND p.category = 'economic' AND p.signed_date BETWEEN '2004-01-01' AND '$asof') || ' ' ||
  (SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code
    WHERE p.program = 'sanxia' AND p.recipient_code = plans.recipient_code AND f.date BETWEEN '2004-01-01' AND '$asof') || ' ' ||
  (SELECT COALESCE(SUM(headcount), 0) FROM labour l WHERE l.program = 'sanxia' AND l.origin_code = plans.recipient_code
    AND l.date BETWEEN '2004-01-01' AND '$asof') || ' ' ||
  (SELECT COALESCE(SUM(headcount), 0) FROM training t WHERE t.program = 'sanxia' AND t.origin_code = plans.recipient_code
    AND t.kind IN ('skills', 'wealth_leader') AND t.start_date BETWEEN '2004-01-01' AND '$asof')
  $P GROUP BY recipient_code ORDER BY recipient_code")
got=$(j '.counties[] | [.recipient_code, .targets.projects, .targets.funds, .targets.labour, .targets.training,
  .actual.projects, .actual.funds, .actual.labour, .actual.training] | join(" ")')
expect_eq "$got" "$want" "per county: targets and actual"
[ "$(echo "$want" | wc -l)" = "$(q "SELECT COUNT(DISTINCT recipient_code) $P")" ] && ok || bad "a row per county"
# the total row is the sum of the database, not of the printed rows
want=$(q "SELECT SUM(target_projects) || ' ' || SUM(target_funds) || ' ' || SUM(target_labour) || ' ' || SUM(target_training) $P")
expect_eq "$(j '.total.targets | [.projects, .funds, .labour, .training] | join(" ")')" "$want" "total targets"
want=$(q "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND category = 'economic'
  AND signed_date BETWEEN '2004-01-01' AND '$asof' AND recipient_code IN (SELECT recipient_code $P)")
expect_eq "$(j .total.actual.projects)" "$want" "total economic projects"
want=$(q "SELECT SUM(f.amount) FROM funds f JOIN projects p ON p.code = f.project_code WHERE p.program = 'sanxia'
  AND f.date BETWEEN '2004-01-01' AND '$asof' AND p.recipient_code IN (SELECT recipient_code $P)")
expect_eq "$(j .total.actual.funds)" "$want" "total funds"
# achieved percent of the total, one decimal, half away from zero (integer SQL)
want=$(q "SELECT (2000 * $(j .total.actual.projects) + SUM(target_projects)) / (2 * SUM(target_projects)) $P")
expect_eq "$(j '.total.achieved_pct.projects * 10 | round')" "$want" "total projects percent"

# both kinds of plan: with yearly targets the due is the years elapsed
n_yearly=$(j '[.counties[] | select(.yearly.projects)] | length')
n_plain=$(j '[.counties[] | select(.yearly.projects | not)] | length')
expect_eq "$n_yearly" "$(q "SELECT COUNT(DISTINCT p.recipient_code) FROM plan_targets t JOIN plans p ON p.code = t.plan_code
  WHERE p.start_year = 2004 AND p.end_year = 2007")" "counties with yearly targets"
[ "$n_yearly" -gt 0 ] && [ "$n_plain" -gt 0 ] && ok || bad "both kinds of plan ($n_yearly yearly, $n_plain not)"
if [ "$asof" = 2004-12-31 ]; then
  got=$(j '.counties[] | select(.yearly.projects) | [.recipient_code, .due.projects, .due.funds] | join(" ")')
  want=$(q "SELECT p.recipient_code || ' ' || t.target_projects || ' ' || t.target_funds FROM plan_targets t
    JOIN plans p ON p.code = t.plan_code WHERE t.year = 2004 ORDER BY p.recipient_code")
  expect_eq "$got" "$want" "yearly plans: the year 2004 is due on 2004-12-31"
else
  bad "the demo's last record is $asof, not 2004-12-31"
fi
# the flag's rule, checked on every row: behind iff 100·actual·due_den < ...; here with the printed due
bad_flags=$(jq -r --argjson tol "$(j .tolerance_pct)" '[.counties[], .total] | map(. as $r | ["projects","labour","training"][] as $m
  | select($r.targets[$m] > 0)
  | select(($r.flags[$m] == "behind") != (($r.actual[$m] * 100 / $r.targets[$m]) < ($r.due_pct[$m] - $tol) ))
  | "\($r.recipient_code) \($m)") | join(", ")' out.txt)
expect_eq "$bad_flags" "" "every flag follows the rule"
[ "$(j '[.counties[].flags[] | select(. == "behind")] | length')" -gt 0 ] && ok || bad "some county is behind in the demo"
# focus areas: the counties whose plans name each
for f in economic infrastructure labour talent social; do
  want=$(q "SELECT recipient_code $P AND (';' || focus || ';') LIKE '%;$f;%' ORDER BY recipient_code" | tr '\n' ' ')
  got=$(j ".focus[] | select(.code == \"$f\") | .counties | join(\" \")")
  expect_eq "$got " "$want" "focus $f: its counties"
done
want=$(q "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = 'sanxia' AND date BETWEEN '2004-01-01' AND '$asof'
  AND origin_code IN (SELECT recipient_code $P AND (';' || focus || ';') LIKE '%;labour;%')")
expect_eq "$(j '.focus[] | select(.code == "labour") | .actual.people')" "$want" "focus labour: labour export"

# text, md, html, English: the flags are shown
expect_status 0 "plan text" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007
expect_grep out.txt "滞后" "text shows behind"
expect_grep out.txt "规划期已过" "text shows the elapsed share"
expect_status 0 "plan en md" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --lang en --format md
expect_grep out.txt "behind" "md shows behind"
expect_grep out.txt "Focus areas" "md shows the focus areas"

# a period not begun, a finished one
expect_status 0 "not begun" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --as-of 2003-06-30 --format json
expect_eq "$(j '[.state, .elapsed_pct, .total.actual.projects, .total.due.projects] | join(" ")')" "not_begun 0 0 0" "not begun"
expect_eq "$(j '[.counties[].flags[]] | unique | join(" ")')" "not_begun" "every flag not begun"
expect_status 0 "not begun text" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --as-of 2003-06-30
expect_grep out.txt "规划期尚未开始" "text says not begun"
expect_status 0 "finished" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --as-of 2008-01-01 --format json
expect_eq "$(j '[.state, .elapsed_pct] | join(" ")')" "finished 100" "finished"
expect_eq "$(j '[.total.due[]] | join(" ")')" "$(j '[.total.targets[]] | join(" ")')" "finished: all is due"

# a plan without targets: shown "—", no percent, no flag
"$DUIKOU" --db "$(db_url d.db)" init >/dev/null 2>&1
printf 'code,recipient_code,start_year,end_year\nNT,500103,2004,2007\n' > nt.csv
expect_status 0 "plan without targets" -- "$DUIKOU" --db "$(db_url d.db)" import plans nt.csv
expect_status 0 "plan json" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format json
expect_eq "$(j '.counties[] | select(.recipient_code == "500103") | [.targets.projects, (.achieved_pct.projects | tostring), (.due.funds | tostring), .flags.projects] | join(" ")')" \
  "0 null null no_target" "no targets: null percent, no flag"
expect_status 0 "plan text" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007
expect_grep out.txt "^渝中 +— +— +0 +— +—" "no targets: dashes"

# plan_targets: export, import back, refusals
expect_status 0 "export plan_targets" -- "$DUIKOU" --db "$(db_url d.db)" export plan_targets
expect_eq "$(head -1 out.txt)" "plan_code,year,target_projects,target_funds,target_labour,target_training" "header"
expect_eq "$(($(wc -l <out.txt) - 1))" "$(q "SELECT COUNT(*) FROM plan_targets")" "every row exported"
cp out.txt targets.csv
expect_status 0 "import them back" -- "$DUIKOU" --db "$(db_url d.db)" import plan_targets targets.csv
expect_status 0 "export again" -- "$DUIKOU" --db "$(db_url d.db)" export plan_targets
expect_same out.txt targets.csv "import(export(x)) = x"
printf '规划编号,年度,目标项目数\nNT,2004,3\nNOPE,2004,1\n' > bad.csv
before=$(db_dump d.db)
expect_status 1 "unknown plan" -- "$DUIKOU" --db "$(db_url d.db)" import plan_targets bad.csv
expect_grep err.txt '^bad.csv:3:规划编号: "NOPE" is not a known plan' "unknown plan at its row"
printf 'plan_code,year,target_projects\nNT,2004,3\nNT,2009,4\n' > bad.csv
expect_status 1 "a year outside the period" -- "$DUIKOU" --db "$(db_url d.db)" import plan_targets bad.csv
expect_grep err.txt 'year 2009 is outside the plan.s period 2004-2007' "year outside the period"
expect_eq "$(db_dump d.db)" "$before" "nothing written"
printf 'plan_code,year,target_projects\nNT,2004,3\nNT,2005,4\n' > nt-years.csv
expect_status 0 "yearly targets of a plan without totals" -- "$DUIKOU" --db "$(db_url d.db)" import plan_targets nt-years.csv
expect_status 0 "plan json" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format json
expect_eq "$(j '.counties[] | select(.recipient_code == "500103") | [.targets.projects, .yearly.projects, .due.projects] | join(" ")')" \
  "7 true 3" "the years' sum is the target; 2004 is due"
printf 'plan_code,year,target_projects\n%s,2004,100000\n' "$(q "SELECT MIN(code) $P AND target_projects IS NOT NULL")" > over.csv
expect_status 1 "years over the total" -- "$DUIKOU" --db "$(db_url d.db)" import plan_targets over.csv
expect_grep err.txt "more than the plan's total" "the years may not exceed the total"
expect_status 2 "bad --as-of" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --as-of 2004-02-30
expect_grep err.txt "as-of" "bad --as-of named"
expect_status 2 "--as-of on annual" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --as-of 2004-06-30

# the annual report: plans.execution beside the unchanged figures
expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format json
expect_eq "$(j .plans.execution.as_of)" 2004-12-31 "annual: as of the year's end"
expect_eq "$(j .plans.execution.actual.labour)" "$(jq -r .total.actual.labour plan.json)" "annual: the plan report's actual"
expect_status 0 "annual text" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004
expect_grep out.txt "^规划执行情况:截至2004年12月31日" "annual zh paragraph"
expect_status 0 "annual en" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --lang en
expect_grep out.txt "^Plan execution: as of 2004-12-31" "annual en paragraph"

# the page: a bar per county and measure with its flag
"$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007 --format json >out.txt || bad "plan json"
web_start d.db
web_user v viewer
web_login v
got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/reports/plan?period=2004-2007")
expect_eq "$got" 200 "plan page"
expect_eq "$(grep -o 'data-flag="behind"' page.html | wc -l)" "$(j '[.counties[], .total] | map(.flags[]) | map(select(. == "behind")) | length')" \
  "the page flags the rows the report flags"
expect_grep page.html 'class="fill behind"' "behind bars coloured"
expect_grep page.html 'data-flag="no_target"' "the plan without targets"
got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/reports/plan?period=2004-2007&as_of=2003-01-01")
expect_eq "$got" 200 "plan page as of a day"
expect_grep page.html 'data-flag="not_begun"' "not begun on the page"
got=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/reports/plan?period=2004-2007&as_of=%3Cx%3E")
expect_eq "$got" 400 "a bad as_of is refused"
web_stop
finish
