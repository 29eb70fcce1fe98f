#!/usr/bin/env bash
# The demo world reproduces every figure of the 2004 seed through the
# reports (shared/design/seed-figures.md): JSON keys of interchange.md and
# the figures as the text prints them.
. "$(dirname "$0")/lib.sh"

expect_status 0 "demo" -- "$DUIKOU" --db "$(db_url d.db)" demo
expect_status 0 "check passes on the demo" -- "$DUIKOU" --db "$(db_url d.db)" check
expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format json
cp out.txt a.json

j() { jq -c "$1" a.json; }
want() { expect_eq "$(j "$1")" "$2" "$1"; }

want .year 2004
want .program '"sanxia"'
want .projects.active 183                      # F1
want .projects.new 117                         # F2
want .projects.continuing 66                   # F3
want .funds.total 2240000000                   # F4
want .funds.previous_year 1524000000
want .funds.growth_pct 47                      # F5 (47.0)
want .funds.public_welfare 112000000           # F6
want .funds.public_welfare_previous_year 100000000
want .funds.public_welfare_growth_pct 12       # F7
l=$(j .labour.people); [ "$l" -ge 20500 ] && [ "$l" -le 21499 ] && ok || bad "F8 labour.people $l prints as 2.1万"
want .training.wealth_leaders 808              # F9
want .training.cadres 342                      # F10
want .training.wealth_leader_hosts 16          # W1
want .signed.projects 62                       # S1
want .signed.funds.total 1165300000            # S2
want .signed.funds.supporter 1078000000        # S3
want .signed.funds.recipient 87300000          # S4
want .signed.status.operating 18               # S5
want .signed.status.constructing 26            # S6
want .signed.status.preparing 15               # S7
want .signed.status.negotiating 3              # S8
want .signed.status.stopped 0
want .signed.status_pct.operating 29
want .signed.status_pct.constructing 41.9
want .signed.status_pct.preparing 24.2
want .signed.status_pct.negotiating 4.8
s=$(j .signed.jobs); [ "$s" -ge 7800 ] && [ "$s" -le 7899 ] && ok || bad "S9 signed.jobs $s"
want .signed.large_projects 34                 # S10
want .signed.large_projects_pct 54.8           # S11: 55% printed, not the seed's 54%
c=$(j .signed.contract_amount); [ "$c" -ge 19850000000 ] && [ "$c" -lt 19950000000 ] && ok || bad "S12 contract $c prints as 199亿"
p=$(j .signed.private_amount); [ "$p" -ge 10950000000 ] && [ "$p" -lt 11050000000 ] && ok || bad "S13 private $p prints as 110亿"
want .signed.private_share_pct 55.2            # S14
want .signed.tiers '[1,2,3]'                   # S15
want .plans.targets.projects 680               # P1
want .plans.targets.funds 9200000000           # P2
want .plans.targets.labour 7800                # P3
want .plans.targets.training 5000              # P4
n=$(j .plans.count); a=$(j .plans.approved)
[ $((a * 2)) -gt "$n" ] && ok || bad "P5 most plans approved ($a of $n)"
want .visits.to_recipient 16                   # C1
want .visits.to_supporter 9                    # C2
for m in gov_contract labour_company recruitment_fair joint_school school_contract; do
  v=$(j ".labour.by_mode.$m"); [ "$v" -gt 0 ] && ok || bad "L1 mode $m unused"
done

# The text reads like the seed, with every figure printed the seed's way.
expect_status 0 "annual text" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004
cp out.txt a.txt
for s in 183个 117个 66个 22.40亿元 47% 1.12亿元 12% 2.1万人 808人 342人 62个 11.65亿元 10.78亿元 8730万元 \
         18个 26个 15个 3个 29% 42% 24% 5% 7800余人 34个 55% 199亿元 110亿元 55.2% 680个 92亿元 7800人 5000人 \
         16个省市 800多人 演示数据; do
  expect_grep a.txt "$s" "annual text shows $s"
done
if grep -q "54%" a.txt; then bad "the text repeats the seed's 54%"; else ok; fi
expect_grep a.txt "2004年" "the year"
expect_grep a.txt "重庆市三峡库区移民对口支援" "the title"

expect_status 0 "annual text in English" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --lang en
expect_grep out.txt "2.24 billion yuan" "English amounts"
expect_grep out.txt "183" "English figures"
for f in md html; do
  expect_status 0 "annual $f" -- "$DUIKOU" --db "$(db_url d.db)" report annual --year 2004 --format $f
  expect_grep out.txt "22.40亿元" "annual $f shows the funds"
done
expect_status 0 "signed report" -- "$DUIKOU" --db "$(db_url d.db)" report signed --year 2004 --format json
expect_status 0 "plan report" -- "$DUIKOU" --db "$(db_url d.db)" report plan --period 2004-2007
expect_grep out.txt "680" "plan report totals"
finish
