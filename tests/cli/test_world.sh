#!/usr/bin/env bash
# A world that is not the demo, imported from CSV files in the documented
# columns (tests/data/world2010), gives exactly the figures that the
# definitions of interchange.md give. The expected values below were worked
# out by hand from those files; the comments say which records make each.
. "$(dirname "$0")/lib.sh"
W=$SRC/tests/data/world2010

expect_status 0 "init" -- "$DUIKOU" --db "$(db_url w.db)" init
for k in pairings conferences projects status funds labour training plans visits; do
  expect_status 0 "import $k" -- "$DUIKOU" --db "$(db_url w.db)" import $k "$W/$k.csv"
done
expect_status 0 "the world passes check" -- "$DUIKOU" --db "$(db_url w.db)" check
expect_status 0 "annual json" -- "$DUIKOU" --db "$(db_url w.db)" report annual --year 2010 --format json
cp out.txt a.json
j() { jq -c "$1" a.json; }
want() { expect_eq "$(j "$1")" "$2" "$1"; }

# P1 operating and P6 stopped before 2010-01-01, P5 signed in 2011, P7 public welfare: not counted
want .projects.active 5          # P2 P3 P4 P8 P9
want .projects.new 3             # P3 P4 P8
want .projects.continuing 2      # P2 P9
# 2010: P2 200万 + P3 300万+50万 + P4 1亿 + P7 500万; P3's 999万 of 2011-01-01 is after the year
want .funds.total 110500000
want .funds.previous_year 5000000           # P2 100万 + P9 400万
want .funds.growth_pct 2110
want .funds.public_welfare 5000000
want .funds.public_welfare_previous_year 0
want .funds.public_welfare_growth_pct null  # zero base
# signed at C2010 (dated 2010): P3 P4 P8; P9 was signed at the 2009 conference
want .signed.projects 3
want .signed.funds.total 103500000
want .signed.funds.supporter 103000000
want .signed.funds.recipient 500000
want .signed.status.constructing 1          # P3: operating only from 2011-02-01
want .signed.status.operating 1             # P4
want .signed.status.negotiating 1           # P8
want .signed.status.preparing 0
want .signed.status_pct.operating 33.3
want .signed.jobs 120                       # P4 only; P3 is not operating on 12-31
want .signed.large_projects 1               # P4 at exactly 1亿; P8 at 99,999,999 is not
want .signed.large_projects_pct 33.3
want .signed.contract_amount 130000000
want .signed.private_amount 60000000
want .signed.private_share_pct 46.2
want .signed.tiers '[2,3]'                  # 13 -> 2; 0511 -> 05 -> 3; J -> 3
want .signed.sections '["A","C","J"]'
want .labour.people 1000                    # L1 800 + L3 200; L2 is 2009
want .labour.by_mode.recruitment_fair 800
want .labour.by_mode.gov_contract 200
want .labour.by_mode.joint_school 0
want .training.wealth_leaders 50            # T1 30 + T2 20; T3 is 2011
want .training.cadres 12                    # T4 5 + T5 7
want .training.wealth_leader_hosts 2
want .plans.count 2                         # PL1 2009-2012, PL3 2010; PL2 starts 2011
want .plans.approved 1
want .plans.targets.projects 15
want .plans.targets.funds 120000000
want .plans.targets.labour 100
want .plans.targets.training 50
want .visits.to_recipient 1
want .visits.to_supporter 1

# a year with nothing: zeros and nulls, no crash
expect_status 0 "empty year" -- "$DUIKOU" --db "$(db_url w.db)" report annual --year 1995 --format json
expect_eq "$(jq -c .funds.growth_pct out.txt)" null "growth over an empty year is null"
expect_eq "$(jq -c .signed.private_share_pct out.txt)" null "share with no contract is null"
for f in text md html; do
  expect_status 0 "empty year $f" -- "$DUIKOU" --db "$(db_url w.db)" report annual --year 1995 --format $f
done

# every kind goes round: export, import into a fresh database, export again
expect_status 0 "init 2" -- "$DUIKOU" --db "$(db_url w2.db)" init
for k in pairings conferences projects status funds labour training plans visits; do
  "$DUIKOU" --db "$(db_url w.db)" export $k -o $k.1.csv || bad "export $k"
  expect_status 0 "re-import $k" -- "$DUIKOU" --db "$(db_url w2.db)" import $k $k.1.csv
  "$DUIKOU" --db "$(db_url w2.db)" export $k -o $k.2.csv || bad "export again $k"
  expect_same $k.1.csv $k.2.csv "round trip of $k"
done
expect_status 0 "annual json of the copy" -- "$DUIKOU" --db "$(db_url w2.db)" report annual --year 2010 --format json
expect_same a.json out.txt "the copy reports the same figures"
finish
