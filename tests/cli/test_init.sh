#!/usr/bin/env bash
# duikou init: creates the reference data, refuses to clobber, upgrades in place.
. "$(dirname "$0")/lib.sh"

expect_status 0 "init creates" -- "$DUIKOU" --db "$(db_url a.db)" init
expect_grep out.txt "created" "init says it created the database"
n=$(db_sql a.db "SELECT COUNT(*) FROM divisions WHERE code IN ('500101','310000','420506','440300')")
expect_eq "$n" 4 "divisions include 万州, 上海, 夷陵, 深圳"
n=$(db_sql a.db "SELECT COUNT(*) FROM industry_divisions")
expect_eq "$n" 97 "all 97 GB/T 4754-2017 divisions"
n=$(db_sql a.db "SELECT tier FROM industry_divisions WHERE code IN ('05','11','43','13') ORDER BY code")
expect_eq "$(echo $n)" "3 3 2 3" "division tiers by the 2018 rules (05, 11, 13, 43)"
n=$(db_sql a.db "SELECT COUNT(*) FROM pairings WHERE supporter_code='310000' AND recipient_code='500101'")
expect_eq "$n" 1 "上海—万州 pairing loaded"
n=$(db_sql a.db "SELECT COUNT(*) FROM pairings WHERE supporter_code='360000' AND recipient_code='500240'")
expect_eq "$n" 0 "the inferred 江西—石柱 pairing is not loaded"
db_sql a.db "INSERT INTO conferences(code,name,date) VALUES ('x','X','2004-01-01')"
expect_status 0 "init again keeps records" -- "$DUIKOU" --db "$(db_url a.db)" init
expect_eq "$(db_sql a.db 'SELECT COUNT(*) FROM conferences')" 1 "records kept by a second init"
expect_status 0 "init --force replaces" -- "$DUIKOU" --db "$(db_url a.db)" init --force
expect_eq "$(db_sql a.db 'SELECT COUNT(*) FROM conferences')" 0 "records gone after --force"
DUIKOU_DB=$(db_url env.db) expect_status 0 "DUIKOU_DB names the database" -- "$DUIKOU" init
expect_eq "$(db_sql env.db 'SELECT COUNT(*) FROM industry_divisions')" 97 "env.db initialised"
expect_status 2 "unknown option" -- "$DUIKOU" init --bogus
expect_status 2 "unknown command" -- "$DUIKOU" frobnicate
expect_status 0 "help" -- "$DUIKOU" --help
expect_grep out.txt "import" "help lists import"
expect_status 0 "command help" -- "$DUIKOU" init --help
expect_grep out.txt "usage: duikou" "init --help prints usage"
expect_status 3 "missing database" -- "$DUIKOU" --db "$(db_absent nothere.db)" check
finish
