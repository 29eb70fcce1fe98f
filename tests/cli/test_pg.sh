#!/usr/bin/env bash
# ctest: own-cluster
# The PostgreSQL backend against a throwaway cluster (pg_cluster.sh): the
# demo world gives the same reports, exports and import errors as on
# SQLite; init/demo refuse a database that holds tables; the audit trail is
# append-only there too; copy SQLite → PostgreSQL → SQLite keeps every
# export and the audit trail, and refuses a target with records; serve
# answers the API and its writes; a restart of the server between two
# commands and during a serve loses nothing and needs no restart of duikou.
. "$(dirname "$0")/lib.sh"
. "$SRC/tests/cli/pg_cluster.sh"
command -v curl >/dev/null || { echo "curl is missing (scripts/deps.sh installs it)"; exit 1; }
command -v jq >/dev/null || { echo "jq is missing"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing (scripts/deps.sh installs it)"; exit 1; }
export NO_PROXY='*' no_proxy='*'
KINDS="pairings conferences projects status funds labour training plans visits"

pg_cluster_start
PG=$PG_URL
psql_q() { "$PG_BIN/psql" -X -q -t -A -d "$PG" -c "$1"; }

# --- the demo world on both: reports, exports, check, import errors
expect_status 0 "demo on SQLite" -- "$DUIKOU" --db s.db demo
expect_status 0 "demo on PostgreSQL" -- "$DUIKOU" --db "$PG" demo
expect_grep out.txt 'fund receipts +636' "demo counts on PostgreSQL"
for y in 2003 2004; do
  for r in annual signed; do
    "$DUIKOU" --db s.db report $r --year $y --format json >s-$r-$y.json
    expect_status 0 "report $r $y on PostgreSQL" -- "$DUIKOU" --db "$PG" report $r --year $y --format json
    expect_same s-$r-$y.json out.txt "report $r --year $y --format json"
  done
done
"$DUIKOU" --db s.db report annual --year 2004 >s-annual.txt
"$DUIKOU" --db "$PG" report annual --year 2004 >p-annual.txt
expect_same s-annual.txt p-annual.txt "report annual text"
"$DUIKOU" --db s.db report plan --period 2004-2007 --format json >s-plan.json
"$DUIKOU" --db "$PG" report plan --period 2004-2007 --format json >p-plan.json
expect_same s-plan.json p-plan.json "report plan json"
for k in $KINDS; do
  "$DUIKOU" --db s.db export $k >s-$k.csv
  expect_status 0 "export $k on PostgreSQL" -- "$DUIKOU" --db "$PG" export $k
  expect_same s-$k.csv out.txt "export $k"
done
expect_status 0 "check on PostgreSQL" -- "$DUIKOU" --db "$PG" check
printf 'project_code,date,amount,side\nNOPE,2004-13-01,12.5x,martian\nSX2002-052,2004-02-30,1,recipient\n' >bad.csv
"$DUIKOU" --db s.db import funds bad.csv >/dev/null 2>s-bad.err
expect_status 1 "bad import on PostgreSQL" -- "$DUIKOU" --db "$PG" import funds bad.csv
expect_same s-bad.err err.txt "import errors"
[ "$(wc -l <err.txt)" -ge 4 ] && ok || bad "every bad cell reported"
"$DUIKOU" --db "$PG" export funds >after-bad.csv
expect_same s-funds.csv after-bad.csv "a refused import wrote nothing"

# --- the store's own unit test on this server (values read from text, errors)
UNIT=$(dirname "$DUIKOU")/test_store
if [ -x "$UNIT" ]; then
  # the cluster's base URL: testdb.h makes its own databases there
  expect_status 0 "test_store on PostgreSQL" -- env DUIKOU_TEST_PG="${PG%duikou}" "$UNIT"
  cat out.txt err.txt >unit.txt
  expect_grep unit.txt 'PASSED.*5 test' "no test skipped"
fi

# --- init/demo on a database that holds tables
expect_status 1 "demo again without --force" -- "$DUIKOU" --db "$PG" demo
expect_grep err.txt 'already there' "demo refuses"
expect_status 0 "init on an existing PostgreSQL database upgrades" -- "$DUIKOU" --db "$PG" init
expect_grep out.txt 'up to date' "init in place"
"$DUIKOU" --db "$PG" export projects >p-projects.csv
expect_same s-projects.csv p-projects.csv "init kept the records"
expect_status 3 "a database that does not exist" -- "$DUIKOU" --db "${PG%/duikou}/nosuchdb" export funds
expect_grep err.txt 'cannot connect' "connection error named"

# --- the audit trail on PostgreSQL: written by an import, append-only
printf 'project_code,date,amount,side\nSX2002-052,2004-05-01,12345,supporter\n' >one.csv
expect_status 0 "import one fund on PostgreSQL" -- "$DUIKOU" --db "$PG" import funds one.csv
expect_eq "$(psql_q 'SELECT count(*) FROM audit')" 1 "one audit row"
psql_q "UPDATE audit SET user_name = 'x'" >/dev/null 2>upd.err && bad "audit UPDATE allowed" || ok
expect_grep upd.err 'append-only' "audit UPDATE refused"
psql_q "DELETE FROM audit" >/dev/null 2>del.err && bad "audit DELETE allowed" || ok
psql_q "TRUNCATE audit" >/dev/null 2>trunc.err && bad "audit TRUNCATE allowed" || ok
expect_eq "$(psql_q 'SELECT count(*) FROM audit')" 1 "the audit row is still there"

# --- copy SQLite → PostgreSQL → SQLite
"$DUIKOU" --db s.db import funds one.csv >/dev/null
printf 'date,direction,supporter_code,recipient_code\n2004-06-01,to_recipient,310000,500101\n' >visit.csv
"$DUIKOU" --db s.db import visits visit.csv >/dev/null
printf 'pw-alice-123456\n' | "$DUIKOU" --db s.db user add alice --role admin --password-stdin >/dev/null
expect_status 1 "copy onto a database with records" -- "$DUIKOU" copy --from s.db --to "$PG"
expect_grep err.txt 'holds records' "copy refuses"
expect_eq "$(psql_q 'SELECT count(*) FROM funds')" 637 "the refused copy changed nothing"
expect_status 2 "copy without --to" -- "$DUIKOU" copy --from s.db
expect_status 3 "copy from a missing file" -- "$DUIKOU" copy --from missing.db --to new.db
[ ! -e new.db ] && ok || bad "a failed copy left new.db"
expect_status 0 "copy SQLite → PostgreSQL --force" -- "$DUIKOU" copy --from s.db --to "$PG" --force
expect_grep out.txt '^  funds +637$' "funds counted"
expect_grep out.txt "^  audit +$(sqlite3 s.db 'SELECT count(*) FROM audit')\$" "audit rows counted"
expect_grep out.txt 'verified' "copy verified"
expect_status 0 "copy PostgreSQL → SQLite" -- "$DUIKOU" copy --from "$PG" --to back.db
for k in $KINDS; do
  "$DUIKOU" --db s.db export $k >a-$k.csv
  "$DUIKOU" --db back.db export $k >b-$k.csv
  expect_same a-$k.csv b-$k.csv "export $k after the round trip"
done
"$DUIKOU" --db s.db audit --format json >a-audit.json
"$DUIKOU" --db back.db audit --format json >b-audit.json
"$DUIKOU" --db "$PG" audit --format json >p-audit.json
expect_same a-audit.json p-audit.json "audit trail on PostgreSQL"
expect_same a-audit.json b-audit.json "audit trail after the round trip"
expect_eq "$("$DUIKOU" --db back.db user list | grep -c alice)" 1 "users copied"
# the copied ids are behind the identity sequences: new rows get new ids
printf 'project_code,date,amount,side\nSX2002-052,2004-07-01,1,supporter\n' >two.csv
expect_status 0 "import after copy on PostgreSQL" -- "$DUIKOU" --db "$PG" import funds two.csv
expect_eq "$(psql_q "SELECT code FROM funds WHERE date = '2004-07-01'")" R638 "next receipt number"
expect_status 0 "a visit after copy on PostgreSQL" -- "$DUIKOU" --db "$PG" import visits visit.csv
expect_status 1 "copy onto a SQLite file with records" -- "$DUIKOU" copy --from "$PG" --to back.db

# --- serve on PostgreSQL: sign in, read, write
web_start "$PG"
pg_trap
web_user bob admin
web_login bob
got=$(web_curl -s -o projects.json -w '%{http_code}' "$URL/api/v1/projects?per_page=5")
expect_eq "$got" 200 "API read on PostgreSQL"
expect_eq "$(jq '.items | length' projects.json)" 5 "five projects"
post_fund() {
  web_curl -s -o fund.json -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary "{\"project_code\":\"SX2002-052\",\"date\":\"$1\",\"amount\":777,\"side\":\"recipient\"}" \
    "$URL/api/v1/funds"
}
expect_eq "$(post_fund 2004-08-01)" 201 "API write on PostgreSQL"
expect_eq "$("$DUIKOU" --db "$PG" export funds | grep -c ',2004-08-01,777,')" 1 "the write is in the database"
expect_eq "$(psql_q "SELECT count(*) FROM audit WHERE via = 'api' AND user_name = 'bob'")" 1 "and in the audit trail"

# --- a restart of PostgreSQL during the serve and between two commands
pg_cluster_restart || bad "cluster restart"
got=$(web_curl -s -o /dev/null -w '%{http_code}' "$URL/api/v1/projects?per_page=1")
expect_eq "$got" 200 "a read after the restart, same duikou"
expect_eq "$(post_fund 2004-08-02)" 201 "a write after the restart"
pg_cluster_restart || bad "cluster restart"
expect_eq "$(post_fund 2004-08-03)" 201 "a write as the first request after another restart"
expect_status 0 "the serve still runs" -- kill -0 "$PID"
web_stop
expect_eq "$("$DUIKOU" --db "$PG" export funds | grep -c ',2004-08-0[123],777,')" 3 "every acknowledged write kept"
"$DUIKOU" --db "$PG" export funds >f1.csv
pg_cluster_restart || bad "cluster restart"
"$DUIKOU" --db "$PG" export funds >f2.csv
expect_same f1.csv f2.csv "commands before and after a restart"
pg_cluster_down
expect_status 3 "a command while the server is down" -- "$DUIKOU" --db "$PG" export funds
expect_grep err.txt 'cannot connect' "down: a connection error"
pg_cluster_up || bad "cluster start"
expect_status 0 "and again once it is back" -- "$DUIKOU" --db "$PG" export funds

# --- a password in the URL is never printed: *** in every line naming the
# database (the cluster trusts every connection, so any password connects)
SECRET=Sekret$RANDOM$RANDOM
PWDB=$(pg_createdb pwdb) || bad "createdb pwdb"
PWURL=${PWDB/postgres@/postgres:$SECRET@}
SHOWN=${PWDB/postgres@/postgres:***@}
shown() { # WHAT FILE...: the files name the database as $SHOWN, never the password
  local what=$1
  shift
  grep -qF -- "$SHOWN" "$@" && ok || { bad "$what: the database is not shown as $SHOWN"; cat "$@" >&2; }
  ! grep -qF -- "$SECRET" "$@" && ok || bad "$what: the password is printed"
}
expect_status 0 "init with a password in the URL" -- "$DUIKOU" --db "$PWURL" init
shown "init" out.txt
expect_status 0 "init again" -- "$DUIKOU" --db "$PWURL" init
shown "init in place" out.txt
expect_status 1 "demo on it without --force" -- "$DUIKOU" --db "$PWURL" demo
shown "demo refused" err.txt
expect_status 0 "demo --force" -- "$DUIKOU" --db "$PWURL" demo --force
shown "demo" out.txt
expect_status 1 "copy onto it" -- "$DUIKOU" copy --from s.db --to "$PWURL"
shown "copy refused" err.txt
"$DUIKOU" --db "$PWURL" serve --listen 127.0.0.1:0 --threads 1 >pw-serve.out 2>pw-serve.err &
PID=$!
for _ in $(seq 100); do grep -q 'http://' pw-serve.out && break; sleep 0.1; done
web_stop
shown "serve" pw-serve.out
expect_status 3 "a database that does not exist, with a password" -- \
  "$DUIKOU" --db "${PWURL%/*}/nosuchdb" export funds
grep -qF ':***@' err.txt && ! grep -qF -- "$SECRET" err.txt && ok || bad "connection error: password shown"
# the password as a parameter of the URL
expect_status 0 "init with ?password=" -- "$DUIKOU" --db "$PWDB?connect_timeout=5&password=$SECRET" init
expect_grep out.txt '\?connect_timeout=5&password=\*\*\*: ' "?password= shown as ***"
! grep -qF -- "$SECRET" out.txt && ok || bad "?password= printed"
finish
