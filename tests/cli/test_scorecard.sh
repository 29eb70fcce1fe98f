#!/usr/bin/env bash
# duikou scorecard and /scorecard on the demo world (issue 10 part 5): the
# ranking is recomputed here from the weights file and the JSON's actuals
# and commitments, with the integer rules of docs/scorecard.md; every
# figure's link on the page is followed and its list's row count (and sum)
# compared with the figure; bad weights files are refused line by line;
# who may see which lines.
. "$(dirname "$0")/lib.sh"

expect_status 0 "demo" -- "$DUIKOU" --db "$(db_url demo.db)" demo
expect_status 0 "scorecard json" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format json
cp out.txt sc.json
n=$(jq '.supporters | length' sc.json)
[ "$n" -ge 10 ] && ok || bad "the demo has supporters to rank (got $n)"
q() { db_sql demo.db "$1"; }

# every supporter paired in 2004 is ranked
want=$(q "SELECT COUNT(DISTINCT supporter_code) FROM pairings WHERE program = 'sanxia' AND since_year <= 2004 AND (until_year IS NULL OR until_year >= 2004)")
got=$(jq '[.supporters[] | select(.counties > 0)] | length' sc.json)
expect_eq "$got" "$want" "every paired supporter is on the scorecard"

# the expected order from WEIGHTS-FILE (read over data/scorecard.ini, as the
# command does) and the JSON's actual and target: "code score" lines, best first
expected_order() {
  jq -r '.supporters[] | .code as $c | .components | to_entries[] | "\($c) \(.key) \(.value.actual) \(.value.target)"' "$2" |
  awk -v defaults="$SRC/data/scorecard.ini" -v mine="$1" '
    function load(f,   line, sec, k, v) {
      while ((getline line < f) > 0) {
        sub(/[#;].*/, "", line); gsub(/[ \t\r]/, "", line)
        if (line ~ /^\[/) { sec = substr(line, 2, length(line) - 2); continue }
        if (line == "") continue
        split(line, kv, "="); k = kv[1]; v = kv[2]
        if (sec == "weights") w[k] = v
        else if (sec == "caps" && k == "default") { for (c in comps) if (!(c in capset)) cap[c] = v }
        else if (sec == "caps") { cap[k] = v; capset[k] = 1 }
        else if (sec == "norms") norm[k] = v
      }
      close(f)
    }
    # a/b in tenths of a percent, rounded half up (all values >= 0)
    function tenths(a, b) { return int((a * 2000 + b) / (2 * b)) }
    BEGIN {
      split("funds projects contracts operating labour training visits", cl, " ")
      for (i in cl) comps[cl[i]] = 1
      load(defaults); delete capset
      if (mine != "") load(mine)
    }
    { code[$1] = 1; act[$1, $2] = $3; tgt[$1, $2] = $4 }
    END {
      for (s in code) {
        sum = 0; ws = 0
        for (c in comps) {
          if (w[c] <= 0 || tgt[s, c] <= 0) continue
          t = tenths(act[s, c], tgt[s, c]); if (t > cap[c] * 10) t = cap[c] * 10
          sum += w[c] * t; ws += w[c]
        }
        if (ws == 0) print s, -1
        else print s, int((2 * sum + ws) / (2 * ws))
      }
    }' | sort -k2,2nr -k1,1
}
json_order() { jq -r '.supporters[] | "\(.code) \(if .score == null then -1 else (.score * 10 + 0.5 | floor) end)"' "$1"; }

expected_order "" sc.json >want.txt
json_order sc.json >got.txt
expect_same got.txt want.txt "the ranking and scores follow the default weights"
# the norms of the weights file are the commitments of operating and visits
expect_eq "$(jq '[.supporters[].components.visits.target] | unique' -c sc.json)" "[$(sed -n 's/^visits *= *\([0-9]*\).*/\1/p' "$SRC/data/scorecard.ini" | tail -1)]" "visits: the norm"
# ranks: 1 first, never decreasing, equal scores sharing one
jq -r '.supporters[] | "\(.rank) \(.score)"' sc.json | awk 'NR == 1 && $1 != 1 { bad = 1 } NR > 1 && ($1 < r || ($2 == s && $1 != r) || ($2 != s && $1 != NR)) { bad = 1 } { r = $1; s = $2 } END { exit bad }' \
  && ok || bad "ranks run 1, 2, … with ties sharing a rank"

# another weights file ranks otherwise, as recomputed
cat >w.ini <<'W'
# only the visits and the labour count
[weights]
funds = 0
projects = 0
contracts = 0
operating = 0
labour = 1
training = 0
visits = 3
[caps]
default = 200
W
expect_status 0 "scorecard --weights" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format json --weights w.ini
cp out.txt sc2.json
expected_order w.ini sc2.json >want2.txt
json_order sc2.json >got2.txt
expect_same got2.txt want2.txt "the ranking follows --weights"
expect_eq "$(jq -c '.weights.weights.visits, .weights.caps.funds' sc2.json | paste -sd,)" "3,200" "the file's weights are used"
if cmp -s got.txt got2.txt; then bad "other weights give another ranking"; else ok; fi

# bad weights files: every bad line, with its number; nothing printed on stdout
printf '[weights]\nfunds = lots\n\n[colour]\nvisits = 2\n[caps]\nvisits = 5\n' >bad.ini
expect_status 1 "bad weights file" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --weights bad.ini
expect_grep err.txt "^bad.ini:2: funds: 'lots' is not a whole number" "bad value, line 2"
expect_grep err.txt "^bad.ini:4: unknown section \[colour\]" "bad section, line 4"
expect_grep err.txt "^bad.ini:5: 'visits' is outside a section" "key outside a section, line 5"
expect_grep err.txt "^bad.ini:7: visits: '5' is not a whole number from 100 to 1000" "cap below 100, line 7"
expect_eq "$(wc -l <err.txt)" 4 "one line per problem"
expect_eq "$(wc -c <out.txt)" 0 "nothing on stdout"
expect_status 1 "missing weights file" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --weights nosuch.ini
expect_grep err.txt "nosuch.ini: cannot open" "a missing file is named"
expect_status 2 "no year" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard
expect_status 2 "bad format" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format pdf
expect_status 2 "xlsx without -o" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format xlsx
expect_status 1 "unknown program" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --program nosuch
expect_status 1 "serve refuses a bad weights file" -- "$DUIKOU" --db "$(db_url demo.db)" serve --listen 127.0.0.1:0 --weights bad.ini
expect_grep err.txt "^bad.ini:2:" "serve names the bad line"

# text, csv and the workbook carry the same lines
expect_status 0 "scorecard text" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004
top=$(jq -r '.supporters[0].code' sc.json)
expect_grep out.txt "^1\. $top " "text: the first is the JSON's first"
expect_status 0 "scorecard csv" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format csv
expect_eq "$(($(wc -l <out.txt) - 1))" "$n" "csv: a row per supporter"
expect_eq "$(sed -n 2p out.txt | cut -d, -f2)" "$top" "csv: the same first"
expect_status 0 "scorecard xlsx" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year 2004 --format xlsx -o sc.xlsx
python3 - sc.xlsx sc.json <<'PY' && ok || bad "the workbook's sheets and rows"
import json, sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
assert "考核" in book and "权重" in book, book
j = json.load(open(sys.argv[2]))
rows = re.findall(r"<row ", z.read("xl/worksheets/sheet1.xml").decode())
assert len(rows) == len(j["supporters"]) + 1, (len(rows), len(j["supporters"]))
PY

# ---- --verified: the funds count only the receipts verified as arrived ----
# (the demo's verified receipts are of 2003: the year of these checks)
VY=$(q "SELECT MAX(substr(date, 1, 4)) FROM funds WHERE verified_at IS NOT NULL")
[ -n "$VY" ] && ok || bad "the demo has verified receipts"
expect_status 0 "scorecard --verified" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year "$VY" --format json --verified
cp out.txt scv.json
expect_status 0 "scorecard of that year" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year "$VY" --format json
cp out.txt sc-vy.json
expect_eq "$(jq .verified scv.json)" true "the JSON says verified"
expect_eq "$(jq .verified sc-vy.json)" false "and without it, not"
V="FROM funds f JOIN projects p ON p.code = f.project_code WHERE p.program = 'sanxia' AND f.date LIKE '$VY-%' AND f.verified_at IS NOT NULL"
q "SELECT p.supporter_code, SUM(f.amount), COUNT(*), SUM(CASE WHEN f.source_type = 'in_kind' THEN f.amount ELSE 0 END) $V
   GROUP BY p.supporter_code ORDER BY p.supporter_code" | tr '|' ' ' >want-v.txt
jq -r '.supporters[] | select(.components.funds.records > 0) | [.code, .components.funds.actual, .components.funds.records, .components.funds.in_kind] | join(" ")' scv.json |
  sort >got-v.txt
[ -s want-v.txt ] && ok || bad "some supporter has verified receipts in $VY"
expect_same got-v.txt want-v.txt "verified: each supporter's funds are its verified receipts of $VY"
[ "$(jq '[.supporters[].components.funds.actual] | add' scv.json)" -lt "$(jq '[.supporters[].components.funds.actual] | add' sc-vy.json)" ] && ok ||
  bad "verified counts less than every receipt"
# the other components do not depend on the receipts' verification
expect_eq "$(jq -c '[.supporters[] | [.code, .components.projects.actual, .components.visits.actual]] | sort' scv.json)" \
  "$(jq -c '[.supporters[] | [.code, .components.projects.actual, .components.visits.actual]] | sort' sc-vy.json)" "verified: projects and visits as before"
expect_eq "$(jq -r '[.supporters[].components.funds.link | test("verified=1")] | all' scv.json)" true "verified: the funds links say verified=1"
expect_eq "$(jq -r '[.supporters[].components.funds.link | test("verified")] | any' sc-vy.json)" false "otherwise they do not"
expect_status 0 "scorecard --verified text" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year "$VY" --verified
expect_grep out.txt "^到位资金：只计已核实的到位资金。$" "the text says it counts verified receipts"
expect_status 0 "scorecard --verified xlsx" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year "$VY" --verified --format xlsx -o scv.xlsx --lang en
unzip -p scv.xlsx xl/sharedStrings.xml | grep -q "verified only" && ok || bad "the workbook says verified only"
expect_status 2 "--verified takes no value" -- "$DUIKOU" --db "$(db_url demo.db)" scorecard --year "$VY" --verified=1

# ---- the page: every figure is a link to exactly its records ----
web_start demo.db
web_user adm admin
web_user sup supporter "$top"
web_user cty county 500101
web_user vwr viewer
web_login adm
got=$(web_curl -s -o page.html -w '%{http_code}' "$URL/scorecard?year=2004")
expect_eq "$got" 200 "admin opens /scorecard"
expect_eq "$(grep -c '<tr id="sc-' page.html)" "$n" "admin: a line per supporter"
# a figure's link (HTML-unescaped) by its id
href() { sed -n "s/.*id=\"$1\" href=\"\([^\"]*\)\".*/\1/p" page.html | head -1 | sed 's/&amp;/\&/g'; }
# a list page's figures: its total-count (without thousands separators)
# and the exact sum of column COL (its total's data-value), "COUNT SUM"
page_figs() {
  web_curl -s "$URL$1" >list.html
  printf '%s %s\n' "$(sed -n 's/.*<dd id="total-count">\([0-9,]*\)<.*/\1/p' list.html | tr -d ,)" \
    "$(sed -n "s/.*<dd id=\"total-${2:-none}\" data-value=\"\([0-9-]*\)\".*/\1/p" list.html)"
}
count() { page_figs "$1" | cut -d' ' -f1; }
# the sum of COLUMN of the list's CSV download (the same filters)
csv_sum() {
  local path=${1%%\?*} query=${1#*\?}
  web_curl -s "$URL$path.csv?$query" | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(sum(int(r[sys.argv[1]] or 0) for r in rows))' "$2"
}
# each figure of the JSON: code, component, records, actual, target, target_records, link
jq -r '.supporters[] | .code as $c | .components | to_entries[] |
  [$c, .key, .value.records, .value.actual, .value.target, .value.target_records, .value.link] | map(tostring) | join("|")' sc.json >figs.tsv
checked=0
# (| separates: a tab is blank to read, which would merge an empty field)
while IFS='|' read -r code c records actual target tr_ link; do
  h=$(href "sc-$code-$c")
  expect_eq "$h" "$link" "$code $c: the page links the JSON's link"
  case $c in
    funds|contracts) col=amount ;;
    labour|training) col=headcount ;;
    *) col= ;;
  esac
  read -r rows sum <<<"$(page_figs "$h" "$col")"
  expect_eq "$rows" "$records" "$code $c: the link's rows are the figure's records"
  if [ -n "$col" ]; then
    expect_eq "$sum" "$actual" "$code $c: the link's $col sums to the figure"
  else
    expect_eq "$records" "$actual" "$code $c: one record each"
  fi
  t=$(href "sc-$code-$c-target")
  if [ "$tr_" = null ]; then
    [ -z "$t" ] && ok || bad "$code $c: a norm has no link"
  else
    expect_eq "$(count "$t")" "$tr_" "$code $c: the commitment's link lists its records"
  fi
  [ "$c" = contracts ] && expect_eq "$(csv_sum "$t" contract_amount)" "$target" "$code contracts: the signed contracts sum to the commitment"
  checked=$((checked + 1))
done <figs.tsv
[ "$checked" -eq $((n * 7)) ] && ok || bad "every figure followed ($checked)"
jq -r '.supporters[] | [.code, .counties, .components.funds.in_kind] | @tsv' sc.json >sup.tsv
while IFS=$'\t' read -r code counties ik; do
  expect_eq "$(count "$(href "sc-$code-counties")")" "$counties" "$code: its pairings"
  if [ "$ik" != 0 ]; then
    read -r _ sum <<<"$(page_figs "$(href "sc-$code-in_kind")" amount)"
    expect_eq "$sum" "$ik" "$code: the in-kind receipts"
  fi
done <sup.tsv
# the plan commitments: the year's share of the paired counties' plans, as
# docs/scorecard.md says, recomputed here for the first supporter
share() {
  q "SELECT COALESCE(SUM(CASE WHEN t.$1 IS NOT NULL THEN (t.$1 * 2 + k.n) / (2 * k.n)
                         WHEN pl.$1 IS NOT NULL THEN (pl.$1 * 2 + (pl.end_year - pl.start_year + 1) * k.n) / (2 * (pl.end_year - pl.start_year + 1) * k.n)
                         ELSE 0 END), 0)
     FROM pairings r JOIN plans pl ON pl.recipient_code = r.recipient_code AND pl.program = r.program
     JOIN (SELECT recipient_code, COUNT(*) AS n FROM pairings WHERE program = 'sanxia' AND since_year <= 2004
           AND (until_year IS NULL OR until_year >= 2004) GROUP BY recipient_code) AS k ON k.recipient_code = r.recipient_code
     LEFT JOIN plan_targets t ON t.plan_code = pl.code AND t.year = 2004
     WHERE r.program = 'sanxia' AND r.supporter_code = '$2' AND r.since_year <= 2004
       AND (r.until_year IS NULL OR r.until_year >= 2004) AND pl.start_year <= 2004 AND pl.end_year >= 2004"
}
for m in funds:target_funds projects:target_projects labour:target_labour training:target_training; do
  expect_eq "$(share "${m#*:}" "$top")" "$(jq ".supporters[0].components.${m%%:*}.target" sc.json)" "$top ${m%%:*}: the plans' share"
done
got=$(web_curl -s -o sc-web.xlsx -w '%{http_code} %{content_type}' "$URL/scorecard.xlsx?year=2004")
expect_eq "$got" "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" "the workbook download"
cmp -s sc-web.xlsx sc.xlsx >/dev/null; unzip -p sc-web.xlsx xl/workbook.xml | grep -q 考核 && ok || bad "the download is the scorecard's workbook"
got=$(web_curl -s -o en.html -w '%{http_code}' "$URL/scorecard?year=2004&lang=en")
expect_eq "$got" 200 "the English page"
expect_grep en.html "Supporter scorecard 2004" "English title"
expect_grep page.html "支援方考核 2004" "Chinese title"
expect_grep page.html 'href="/scorecard\?year=2004"' "the nav links the scorecard"

# a supporter's office sees its own line, ranked among all, and its links work in its scope
web_login sup
got=$(web_curl -s -o sup.html -w '%{http_code}' "$URL/scorecard?year=2004")
expect_eq "$got" 200 "a supporter opens /scorecard"
expect_eq "$(grep -c '<tr id="sc-' sup.html)" 1 "a supporter sees one line"
expect_grep sup.html "<tr id=\"sc-$top\"><td class=\"num\">1</td>" "its own, at its rank"
h=$(sed -n "s/.*id=\"sc-$top-funds\" href=\"\([^\"]*\)\".*/\1/p" sup.html | sed 's/&amp;/\&/g')
expect_eq "$(count "$h")" "$(jq '.supporters[0].components.funds.records' sc.json)" "its funds link in its scope"
got=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/scorecard.xlsx?year=2004")
expect_eq "$got" 200 "a supporter downloads its line"
# a county office may not see the scorecard; a viewer sees every line
web_login cty
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/scorecard?year=2004")" 403 "a county: 403"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/scorecard.xlsx?year=2004")" 403 "a county: no workbook"
if web_curl -s "$URL/?year=2004" | grep -q 'href="/scorecard'; then bad "a county's nav hides the scorecard"; else ok; fi
web_login vwr
web_curl -s -o vwr.html "$URL/scorecard?year=2004"
expect_eq "$(grep -c '<tr id="sc-' vwr.html)" "$n" "a viewer sees every line"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/scorecard?year=20x4")" 400 "a bad year: 400"
# ---- /scorecard?verified=1: the page counts verified receipts, says so, links the other way ----
web_login adm
expect_grep page.html 'id="scorecard-counts" data-verified="0"' "the page says it counts every receipt"
expect_grep page.html 'id="scorecard-other" href="/scorecard\?year=2004&amp;program=sanxia&amp;verified=1"' "and links the verified count"
expect_eq "$(web_curl -s -o pv.html -w '%{http_code}' "$URL/scorecard?year=$VY&verified=1")" 200 "/scorecard?verified=1"
expect_grep pv.html 'id="scorecard-counts" data-verified="1"' "the page says it counts verified receipts"
expect_grep pv.html "id=\"scorecard-other\" href=\"/scorecard\\?year=$VY&amp;program=sanxia\"" "and links every receipt"
expect_grep pv.html "href=\"/scorecard.xlsx\\?year=$VY&amp;program=sanxia&amp;verified=1\"" "its workbook is the verified one"
vchecked=0
while read -r code actual records _; do
  h=$(sed -n "s/.*id=\"sc-$code-funds\" href=\"\([^\"]*\)\".*/\1/p" pv.html | sed 's/&amp;/\&/g')
  expect_eq "$(page_figs "$h" amount)" "$records $actual" "$code: the verified funds link lists exactly its verified receipts"
  vchecked=$((vchecked + 1))
done <want-v.txt
[ "$vchecked" -gt 0 ] && ok || bad "verified links followed"
web_curl -s -o scv-web.xlsx "$URL/scorecard.xlsx?year=$VY&verified=1&lang=en"
unzip -p scv-web.xlsx xl/sharedStrings.xml | grep -q "verified only" && ok || bad "the verified download says so"
expect_eq "$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/funds?verified=maybe")" 400 "a bad verified filter: 400"
web_stop
finish
