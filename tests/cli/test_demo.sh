#!/usr/bin/env bash
# duikou demo: the demo world must make every figure of the 2004 seed come
# out of its records. Each figure is computed here with plain SQL written
# from the definitions in shared/design/interchange.md, and compared with the
# seed's value (shared/design/seed-figures.md) — never with what the
# generator was told.
. "$(dirname "$0")/lib.sh"

expect_status 0 "demo creates" -- "$DUIKOU" --db "$(db_url d.db)" demo
expect_grep out.txt "report annual --year 2004" "demo prints the next step"
expect_grep out.txt "projects" "demo prints counts per kind"

q() { db_sql d.db "$1"; }

# status of project p.code on day $1 (the last history entry on or before it)
st() { echo "(SELECT h.status FROM status_history h WHERE h.project_code = p.code AND h.date <= '$1' ORDER BY h.date DESC LIMIT 1)"; }
ACTIVE="p.program = 'sanxia' AND p.category = 'economic' AND p.signed_date <= '2004-12-31'
        AND COALESCE($(st 2004-01-01), '') NOT IN ('operating', 'stopped')"
# the signed projects of 2004: conference dated in 2004
SIGNED="p.program = 'sanxia' AND p.conference IN (SELECT code FROM conferences WHERE date BETWEEN '2004-01-01' AND '2004-12-31')"
# a condition as 1 or 0 (PostgreSQL prints a boolean as t or f)
yn() { echo "CASE WHEN $1 THEN 1 ELSE 0 END"; }
# percentage in tenths, rounded half away from zero (all values here >= 0),
# in integers: the same on SQLite and PostgreSQL
pct() { echo "((CAST(($1) AS BIGINT) * 2000 + ($2)) / (2 * CAST(($2) AS BIGINT)))"; }
funds_in() { echo "SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code
                   WHERE p.program = 'sanxia' AND f.date BETWEEN '$1-01-01' AND '$1-12-31' ${2:-}"; }

expect_eq "$(q "SELECT value FROM meta WHERE key = 'demo'")" 1 "meta marks demo data"

# ---- section 一 ----
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE $ACTIVE")" 183 "F1 active economic projects"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE $ACTIVE AND p.signed_date >= '2004-01-01'")" 117 "F2 new"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE $ACTIVE AND p.signed_date < '2004-01-01'")" 66 "F3 continuing"
n=$(q "SELECT COUNT(*) FROM projects p WHERE p.category = 'economic' AND p.signed_date < '2004-01-01' AND NOT ($ACTIVE)")
[ "$n" -gt 0 ] && ok || bad "economic projects finished before 2004 exist (got $n)"
n=$(q "SELECT COUNT(*) FROM projects p WHERE p.category = 'public_welfare'")
[ "$n" -gt 0 ] && ok || bad "public-welfare projects exist (got $n)"
f04=$(q "$(funds_in 2004)"); f03=$(q "$(funds_in 2003)")
expect_eq "$f04" 2240000000 "F4 funds in 2004 (22.40亿元)"
expect_eq "$(q "SELECT $(pct "$f04 - $f03" "$f03")")" 470 "F5 growth over 2003 (47.0%)"
w04=$(q "$(funds_in 2004 "AND p.category = 'public_welfare'")")
w03=$(q "$(funds_in 2003 "AND p.category = 'public_welfare'")")
expect_eq "$w04" 112000000 "F6 public-welfare funds 2004 (1.12亿元)"
expect_eq "$(q "SELECT $(pct "$w04 - $w03" "$w03")")" 120 "F7 public-welfare growth (12.0%)"
l04=$(q "SELECT SUM(headcount) FROM labour WHERE program = 'sanxia' AND date BETWEEN '2004-01-01' AND '2004-12-31'")
[ "$l04" -ge 20500 ] && [ "$l04" -le 21499 ] && ok || bad "F8 labour 2004 prints as 2.1万人 (got $l04)"
T04="program = 'sanxia' AND start_date BETWEEN '2004-01-01' AND '2004-12-31'"
expect_eq "$(q "SELECT SUM(headcount) FROM training WHERE $T04 AND kind = 'wealth_leader'")" 808 "F9 wealth leaders"
expect_eq "$(q "SELECT SUM(headcount) FROM training WHERE $T04 AND kind IN ('cadre_secondment', 'cadre_training')")" 342 "F10 cadres"

# ---- the signed projects of the 2004 conferences ----
expect_eq "$(q "SELECT COUNT(*) FROM conferences WHERE date LIKE '2004-%' AND (place = '重庆' OR place = '万州')")" 2 "two 2004 conferences, 重庆 and 万州"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE $SIGNED")" 62 "S1 signed projects"
sf() { q "SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code WHERE $SIGNED AND f.date <= '2004-12-31' $1"; }
expect_eq "$(sf "")" 1165300000 "S2 funds of signed projects (11.65亿元)"
expect_eq "$(sf "AND f.side = 'supporter'")" 1078000000 "S3 supporter side (10.78亿元)"
expect_eq "$(sf "AND f.side = 'recipient'")" 87300000 "S4 recipient side (8730万元)"
expect_eq "$(q "SELECT COUNT(*) FROM funds f JOIN projects p ON p.code = f.project_code WHERE f.date < p.signed_date")" 0 "no receipt before its project's signing"
for s in operating:18:290 constructing:26:419 preparing:15:242 negotiating:3:48; do
  IFS=: read -r code want tenths <<<"$s"
  got=$(q "SELECT COUNT(*) FROM projects p WHERE $SIGNED AND $(st 2004-12-31) = '$code'")
  expect_eq "$got" "$want" "S5-S8 signed projects $code on 2004-12-31"
  expect_eq "$(q "SELECT $(pct "$got" 62)")" "$tenths" "S5-S8 share $code"
done
jobs=$(q "SELECT SUM(p.jobs) FROM projects p WHERE $SIGNED AND $(st 2004-12-31) = 'operating'")
[ "$jobs" -ge 7800 ] && [ "$jobs" -le 7899 ] && ok || bad "S9 jobs of operating projects print as 7800余人 (got $jobs)"
large=$(q "SELECT COUNT(*) FROM projects p WHERE $SIGNED AND p.total_investment >= 100000000")
expect_eq "$large" 34 "S10 large projects"
expect_eq "$(q "SELECT ($(pct "$large" 62) * 2 + 10) / 20")" 55 "S11 rounds to 55%"
contract=$(q "SELECT SUM(p.contract_amount) FROM projects p WHERE $SIGNED")
private=$(q "SELECT SUM(p.private_amount) FROM projects p WHERE $SIGNED")
expect_eq "$(q "SELECT ($contract * 2 + 100000000) / 200000000")" 199 "S12 contracts ≈ 199亿元"
expect_eq "$(q "SELECT ($private * 2 + 100000000) / 200000000")" 110 "S13 private capital ≈ 110亿元"
expect_eq "$(q "SELECT $(pct "$private" "$contract")")" 552 "S14 private share 55.2%"
DIV="(SELECT d.tier FROM industry_divisions d WHERE d.code = substr(p.industry_code, 1, 2))"
expect_eq "$(q "SELECT DISTINCT $DIV AS t FROM projects p WHERE $SIGNED ORDER BY t" | paste -sd,)" "1,2,3" "S15 tiers 1, 2, 3"
secs=$(q "SELECT DISTINCT d.section AS s FROM projects p JOIN industry_divisions d ON d.code = substr(p.industry_code, 1, 2) WHERE $SIGNED ORDER BY s" | paste -sd,)
for s in A C D E G J L; do
  case ",$secs," in *",$s,"*) ok ;; *) bad "S15 section $s among $secs" ;; esac
done
has() { q "SELECT $(yn "COUNT(*) > 0") FROM projects p WHERE $SIGNED AND ($1)"; }
for cond in "industry_code LIKE '01%'" "industry_code LIKE '02%'" "industry_code LIKE '13%'" \
            "industry_code LIKE '17%'" "substr(industry_code,1,2) BETWEEN '18' AND '43' OR substr(industry_code,1,2) = '14' OR substr(industry_code,1,2) = '15'" \
            "substr(industry_code,1,2) BETWEEN '47' AND '50'" "substr(industry_code,1,2) BETWEEN '66' AND '69'" \
            "industry_code LIKE '72%'" "industry_code LIKE '726%'" "industry_code = '4413'" "industry_code LIKE '54%'"; do
  expect_eq "$(has "$cond")" 1 "S15 sector: $cond"
done
expect_eq "$(q "SELECT COUNT(*) FROM projects WHERE private_amount > contract_amount OR contract_amount > total_investment")" 0 "private <= contract <= total"
expect_eq "$(q "SELECT COUNT(*) FROM projects WHERE private_amount > 0 AND ownership <> 'private'")" 0 "private capital only from private investors"

# ---- section 二: plans 2004-2007 ----
P="FROM plans WHERE program = 'sanxia' AND start_year = 2004 AND end_year = 2007"
expect_eq "$(q "SELECT SUM(target_projects) $P")" 680 "P1 project target"
expect_eq "$(q "SELECT SUM(target_funds) $P")" 9200000000 "P2 funds target (92亿元)"
expect_eq "$(q "SELECT SUM(target_labour) $P")" 7800 "P3 labour target"
expect_eq "$(q "SELECT SUM(target_training) $P")" 5000 "P4 training target"
expect_eq "$(q "SELECT $(yn "2 * SUM($(yn "approved_by IS NOT NULL AND approved_date IS NOT NULL AND EXISTS (SELECT 1 FROM pairings r WHERE r.supporter_code = approved_by AND r.recipient_code = plans.recipient_code)")) > COUNT(*)") $P")" 1 "P5 most plans approved by the paired supporter"
expect_eq "$(q "SELECT COUNT(DISTINCT recipient_code) $P")" "$(q "SELECT COUNT(*) $P")" "one plan per county"
focus=$(q "SELECT focus $P" | paste -sd';')
for f in economic infrastructure labour talent social; do
  case ";$focus;" in *";$f;"*) ok ;; *) bad "P6 focus $f used" ;; esac
done

# ---- sections 三-六 ----
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE $SIGNED AND (p.leader = '' OR p.team = '')")" 0 "T1 every signed project has a leader and a team"
expect_eq "$(q "SELECT COUNT(DISTINCT service_mode) FROM projects p WHERE $SIGNED AND service_mode IN ('agency','listing','commitment')")" 3 "T2 all three service modes"
expect_eq "$(q "SELECT $(yn "COUNT(*) > 0") FROM projects WHERE green_channel = 1")" 1 "T3 green channel"
expect_eq "$(q "SELECT $(yn "COUNT(*) > 0") FROM projects WHERE policy_note LIKE '%一厂一策%'") $(q "SELECT $(yn "COUNT(*) > 0") FROM projects WHERE policy_note LIKE '%特事特办%'")" "1 1" "T3 policy notes"
expect_eq "$(q "SELECT COUNT(DISTINCT mode) FROM labour WHERE date LIKE '2004-%'")" 5 "L1 five labour modes"
expect_eq "$(q "SELECT COUNT(*) FROM labour WHERE origin_code = '500235' AND mode = 'recruitment_fair' AND date BETWEEN '2004-01-15' AND '2004-02-12' AND headcount BETWEEN 800 AND 899")" 1 "L2 云阳 Spring Festival fair of 800+"
expect_eq "$(q "SELECT COUNT(*) FROM labour l WHERE date LIKE '2004-%' AND NOT EXISTS (SELECT 1 FROM pairings r WHERE r.supporter_code = l.destination_code)")" 0 "labour goes to supporters"
expect_eq "$(q "SELECT COUNT(DISTINCT host_code) FROM training WHERE $T04 AND kind = 'wealth_leader'")" 16 "W1 16 host provinces/cities"
for t in 花卉 蔬菜 水果 猪 牛 羊 水产; do
  expect_eq "$(q "SELECT $(yn "COUNT(*) > 0") FROM training WHERE $T04 AND kind = 'wealth_leader' AND topic LIKE '%$t%'")" 1 "W1 topic $t"
done
expect_eq "$(q "SELECT $(yn "2 * SUM($(yn "days <= 15")) > COUNT(*) AND SUM($(yn "days > 15")) > 0") FROM training WHERE $T04 AND kind = 'wealth_leader'")" 1 "W2 mostly 15 days or less"
V="FROM visits WHERE program = 'sanxia' AND date BETWEEN '2004-01-01' AND '2004-12-31'"
expect_eq "$(q "SELECT COUNT(*) $V AND direction = 'to_recipient'")" 16 "C1 16 supporter visits"
expect_eq "$(q "SELECT COUNT(DISTINCT supporter_code) $V AND direction = 'to_recipient'")" 16 "C1 from 16 supporters"
first11=$(q "SELECT supporter_code $V AND direction = 'to_recipient' ORDER BY date, id LIMIT 11" | paste -sd' ')
expect_eq "$first11" "310000 330000 350000 370000 210000 130000 530000 440300 320100 350200 120000" "C1 the seed's eleven in its order"
expect_eq "$(q "SELECT recipient_code $V AND direction = 'to_supporter' ORDER BY recipient_code" | paste -sd' ')" \
  "500101 500102 500112 500113 500115 500230 500233 500236 500240" "C2 the nine counties' leaders"
expect_eq "$(q "SELECT COUNT(*) $V AND NOT EXISTS (SELECT 1 FROM pairings r WHERE r.supporter_code = visits.supporter_code AND r.recipient_code = visits.recipient_code)")" 0 "visits follow pairings"

# ---- consistency of the records ----
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE NOT EXISTS (SELECT 1 FROM pairings r WHERE r.program = p.program AND r.supporter_code = p.supporter_code AND r.recipient_code = p.recipient_code AND r.since_year <= CAST(substr(p.signed_date, 1, 4) AS INTEGER))")" 0 "projects go to counties from their paired supporters"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE (SELECT MIN(date) FROM status_history h WHERE h.project_code = p.code) <> p.signed_date")" 0 "history starts on the signing day"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE p.status <> $(st 9999-12-31) OR p.status_date <> (SELECT MAX(date) FROM status_history h WHERE h.project_code = p.code)")" 0 "status is the last history entry"
expect_eq "$(q "SELECT COUNT(*) FROM projects p WHERE p.conference IS NOT NULL AND p.signed_date <> (SELECT date FROM conferences c WHERE c.code = p.conference)")" 0 "conference projects signed on the conference day"

# ---- determinism, refusal, --force ----
# the dump of every record; schema_migrations says when the schema was
# applied (a clock time, written by the store, not by the demo)
dump() { db_dump "$1" schema_migrations; }
dump d.db >dump1.sql
[ "$(wc -l <dump1.sql)" -gt 1000 ] && ok || bad "the dump holds the records"
expect_status 1 "demo refuses an existing file" -- "$DUIKOU" --db "$(db_url d.db)" demo
expect_grep err.txt "already" "refusal says why"
dump d.db >dump1b.sql
expect_same dump1.sql dump1b.sql "refused run leaves the database as it was"
expect_status 0 "demo --force replaces" -- "$DUIKOU" --db "$(db_url d.db)" demo --force
dump d.db >dump2.sql
expect_same dump1.sql dump2.sql "same database on every run"
expect_status 0 "demo into a second file" -- "$DUIKOU" --db "$(db_url e.db)" demo
dump e.db >dump3.sql
expect_same dump1.sql dump3.sql "same database in another file"
expect_status 2 "demo rejects unknown arguments" -- "$DUIKOU" --db "$(db_url f.db)" demo --bogus
sqlite_only "wrong usage creates no file" && { [ ! -e f.db ] && ok || bad "wrong usage creates no file"; }
if sqlite_only "a demo into a missing folder fails and leaves no file"; then
  expect_status 3 "demo into a missing folder" -- "$DUIKOU" --db no/such/dir.db demo
  [ ! -e no/such/dir.db ] && ok || bad "failed demo leaves no file"
fi
finish
