#!/usr/bin/env bash
# The tracking service (issue 7): `duikou alerts` (exit 1 with alerts, 0
# without, 2 for wrong usage), its JSON against counts worked out here in
# SQL, the demo's tracking records (seed section 三), the round trip of the
# four kinds through export and import, and the web forms of a project's
# page with serve --today.
. "$(dirname "$0")/lib.sh"

"$DUIKOU" --db "$(db_url demo.db)" demo >/dev/null || bad "demo"
q() { db_sql demo.db "$1"; }

# ---- seed section 三 in the demo world ----
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM project_team t
  WHERE t.project_code = p.code AND t.role = 'leader')")" 0 "every project has a leader"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM project_team t
  WHERE t.project_code = p.code AND t.role = 'member')")" 0 "every project has a team"
expect_eq "$(q "SELECT COUNT(*) FROM (SELECT project_code FROM project_team WHERE role = 'leader'
  GROUP BY project_code HAVING COUNT(*) > 1) AS x")" 0 "one leader each"
expect_eq "$(q "SELECT COUNT(DISTINCT service_mode) FROM projects WHERE service_mode <> ''")" 3 \
  "the three service modes in use"
[ "$(q "SELECT COUNT(*) FROM projects WHERE green_channel = 1")" -gt 0 ] && ok || bad "green channels"
[ "$(q "SELECT COUNT(*) FROM service_log")" -gt 0 ] && ok || bad "service log entries"
[ "$(q "SELECT COUNT(*) FROM commitments WHERE done_date IS NOT NULL")" -gt 0 ] && ok || bad "kept commitments"
[ "$(q "SELECT COUNT(*) FROM commitments WHERE done_date IS NULL")" -gt 0 ] && ok || bad "open commitments"
# the leader of the team is the one the project's leader column names
expect_eq "$(q "SELECT COUNT(*) FROM projects p JOIN project_team t ON t.project_code = p.code
  AND t.role = 'leader' JOIN people x ON x.code = t.person_code WHERE p.leader <> x.title || ' ' || x.name")" 0 \
  "leader column = the team's leader"
expect_status 0 "the demo passes every rule" -- "$DUIKOU" --db "$(db_url demo.db)" check

# ---- duikou alerts ----
DAY=2004-12-31
OVERDUE=$(q "SELECT COUNT(*) FROM commitments WHERE due_date < '$DAY' AND status <> 'cancelled'
  AND (done_date IS NULL OR done_date = '' OR done_date > '$DAY')")
STALE=$(q "SELECT COUNT(*) FROM projects p WHERE p.signed_date <= '$DAY'
  AND (SELECT h.status FROM status_history h WHERE h.project_code = p.code AND h.date <= '$DAY'
       ORDER BY h.date DESC LIMIT 1) NOT IN ('operating', 'stopped')
  AND (SELECT MAX(h.date) FROM status_history h WHERE h.project_code = p.code AND h.date <= '$DAY')
      <= '2004-07-04'")
[ "$OVERDUE" -gt 0 ] && ok || bad "the demo has overdue commitments at the end of 2004"
expect_status 1 "alerts: exit 1 when there are any" -- \
  "$DUIKOU" --db "$(db_url demo.db)" alerts --as-of $DAY --format json
expect_eq "$(jq -r .as_of out.txt)" "$DAY" "as_of"
expect_eq "$(jq -r .stale_days out.txt)" 180 "default stale days"
expect_eq "$(jq -r .counts.overdue_commitment out.txt)" "$OVERDUE" "overdue count"
expect_eq "$(jq -r .counts.stale out.txt)" "$STALE" "stale count (180 days before $DAY is 2004-07-04)"
expect_eq "$(jq -r .counts.no_leader out.txt)" 0 "no project without a leader"
expect_eq "$(jq -r '.alerts | length' out.txt)" "$(jq -r .counts.total out.txt)" "one item per alert"
expect_eq "$(jq -r '[.alerts[] | select(.type == "overdue_commitment") | .days > 0] | all' out.txt)" true \
  "overdue days counted"
ONE=$(jq -r '[.alerts[] | select(.type == "overdue_commitment")][0].commitment' out.txt)
expect_eq "$(q "SELECT due_date < '$DAY' FROM commitments WHERE code = '$ONE'" | sed 's/^t$/1/')" 1 \
  "an overdue commitment is due before the day"
# text: one line per alert and the counts line
expect_status 1 "text format" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --as-of $DAY
expect_grep out.txt "^alerts as of $DAY \(stale after 180 days\): $OVERDUE overdue, $STALE stale, 0 without a leader, 0 without a team$" "counts line"
expect_grep out.txt "^overdue_commitment +$(q "SELECT project_code FROM commitments WHERE code = '$ONE'") " "an overdue line"
# --stale-days: a longer wait, fewer stale projects
"$DUIKOU" --db "$(db_url demo.db)" alerts --as-of $DAY --stale-days 365 --format json >long.json
[ "$(jq -r .counts.stale long.json)" -lt "$STALE" ] && ok || bad "--stale-days 365 gives fewer"
# --county: only that county's projects
"$DUIKOU" --db "$(db_url demo.db)" alerts --as-of $DAY --county 500101 --format json >c.json
expect_eq "$(jq -r '[.alerts[].recipient_code] | unique | join(",")' c.json)" 500101 "--county"
# the day before any promise fell due and before anything was stale: none
expect_status 0 "no alerts: exit 0" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --as-of 2000-01-01
expect_grep out.txt "0 overdue, 0 stale, 0 without a leader, 0 without a team$" "zero counts"
# today comes from the clock ($DUIKOU_TODAY for tests)
DUIKOU_TODAY=$DAY "$DUIKOU" --db "$(db_url demo.db)" alerts --format json >today.json
expect_eq "$(jq -r .as_of today.json)" "$DAY" "today from DUIKOU_TODAY"
# an empty database: nothing to alert
"$DUIKOU" --db "$(db_url empty.db)" init >/dev/null || bad "init"
expect_status 0 "empty database" -- "$DUIKOU" --db "$(db_url empty.db)" alerts
# refusals
expect_status 1 "bad date" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --as-of 2004-02-30
expect_grep err.txt "2004-02-30" "the bad date named"
expect_status 2 "bad format" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --format xml
expect_status 2 "bad stale days" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --stale-days 0
expect_status 2 "no value" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --as-of
expect_status 2 "unknown option" -- "$DUIKOU" --db "$(db_url demo.db)" alerts --soon
expect_status 3 "no database" -- "$DUIKOU" --db "$(db_absent none.db)" alerts

# ---- the four kinds through export and import ----
"$DUIKOU" --db "$(db_url copy.db)" init >/dev/null || bad "init copy"
for k in pairings conferences projects status people project_team service_log commitments; do
  "$DUIKOU" --db "$(db_url demo.db)" export $k -o $k.csv || bad "export $k"
  "$DUIKOU" --db "$(db_url copy.db)" import $k $k.csv >/dev/null 2>import.err || { bad "import $k"; head -5 import.err >&2; }
done
for k in people project_team service_log commitments; do
  "$DUIKOU" --db "$(db_url copy.db)" export $k -o again.csv
  expect_same $k.csv again.csv "$k: import(export(x)) = x"
done
# a bad row is refused at its row and column, nothing written
printf 'code,project_code,what,promised_date,due_date\nK1,%s,x,2004-05-01,2004-04-01\n' \
  "$(q "SELECT code FROM projects LIMIT 1")" >bad.csv
expect_status 1 "due before promised" -- "$DUIKOU" --db "$(db_url copy.db)" import commitments bad.csv
expect_grep err.txt "^bad.csv:2:due_date: due_date 2004-04-01 is before promised_date 2004-05-01$" "message"

# ---- the web: the project page's forms, with serve --today ----
P=$(q "SELECT project_code FROM commitments WHERE code = '$ONE'")
web_start demo.db --today $DAY
web_user cty county "$(q "SELECT recipient_code FROM projects WHERE code = '$P'")"
web_user other county 500240
web_login cty
got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/?year=2004")
expect_eq "$got" 200 "dashboard"
expect_grep page.html "id=\"alerts-tile\"" "the dashboard's alert tile"
expect_grep page.html "$ONE" "the overdue commitment on the dashboard"
got=$(web_curl -s -o /dev/null -w '%{http_code}' --data-urlencode "date=2004-12-20" \
  --data-urlencode "action=<b>走访</b>" "$URL/projects/$P/log")
expect_eq "$got" 303 "a log entry added"
expect_eq "$(q "SELECT action FROM service_log WHERE project_code = '$P' AND date = '2004-12-20'")" "<b>走访</b>" "stored"
web_curl -s -o page.html "$URL/projects/$P"
expect_grep page.html "&lt;b&gt;走访&lt;/b&gt;" "escaped on the page"
web_curl -s -o tl.html "$URL/projects/$P/timeline"
expect_grep tl.html "&lt;b&gt;走访&lt;/b&gt;" "escaped on the timeline"
got=$(web_curl -s -o /dev/null -w '%{http_code}' -d "" "$URL/commitments/$ONE/done")
expect_eq "$got" 303 "marked done"
expect_eq "$(q "SELECT status || ' ' || done_date FROM commitments WHERE code = '$ONE'")" "done $DAY" "done today (--today)"
expect_eq "$(q "SELECT COUNT(*) FROM audit WHERE kind = 'commitments' AND record = '$ONE' AND action = 'update' AND via = 'form'")" 1 "audited"
web_curl -s -o page.html "$URL/"
if grep -q "$ONE" page.html; then bad "the kept commitment still on the dashboard"; else ok; fi
# another county may not
web_login other
got=$(web_curl -s -o /dev/null -w '%{http_code}' --data-urlencode "action=x" "$URL/projects/$P/log")
expect_eq "$got" 403 "another county's project: 403"
got=$(web_curl -s -o /dev/null -w '%{http_code}' -d "" "$URL/commitments/$ONE/done")
expect_eq "$got" 403 "another county's commitment: 403"
# without the CSRF token: refused
got=$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' -d "" "$URL/commitments/$ONE/done")
expect_eq "$got" 403 "no CSRF token: 403"
web_stop
finish
