#!/usr/bin/env bash
# duikou backup and restore (issue 9, item 6). A backup taken while a
# server takes writes (fund receipts POSTed one after another by a client)
# passes integrity_check and holds a state the server passed through: every
# receipt acknowledged before the backup started, and of the later ones
# exactly those up to some point (the client writes one at a time). A
# restore into a new file and into the served file (server stopped) gives
# exports identical to the backup's. Refusals: a missing file, a file that
# is not a database, a newer schema, an existing file or database without
# --force. On PostgreSQL both commands write nothing and name pg_dump and
# pg_restore (exit 2).
. "$(dirname "$0")/lib.sh"
export NO_PROXY='*' no_proxy='*'
KINDS="pairings conferences projects status funds labour training plans visits plan_targets people project_team service_log commitments"

if db_is_pg; then
  "$DUIKOU" --db "$(db_url demo.db)" demo >/dev/null || bad "demo on PostgreSQL"
  db_dump demo.db >before.txt
  expect_status 2 "backup on PostgreSQL" -- "$DUIKOU" --db "$(db_url demo.db)" backup b.db
  expect_grep err.txt 'pg_dump -Fc' "backup on PostgreSQL names pg_dump"
  [ ! -e b.db ] && [ ! -e b.db.tmp ] && ok || bad "backup on PostgreSQL wrote a file"
  expect_status 2 "restore on PostgreSQL" -- "$DUIKOU" --db "$(db_url demo.db)" restore b.db
  expect_grep err.txt 'pg_restore -d' "restore on PostgreSQL names pg_restore"
  db_dump demo.db >after.txt
  expect_same before.txt after.txt "PostgreSQL database untouched"
  sqlite_only "backup and restore of a SQLite file under load"
  finish
  exit
fi

# export_all DB OUT: every kind's export of DB, one file
export_all() {
  local k
  for k in $KINDS; do
    echo "== $k"
    "$DUIKOU" --db "$1" export "$k" || echo "export $k failed"
  done >"$2"
}

"$DUIKOU" --db demo.db demo >/dev/null || bad "demo"
web_start demo.db
web_user writer admin
web_login writer

# The client: receipt N has amount 900000+N; each acknowledged one (201) is
# appended to acked.txt, in order. It stops when stop.flag appears.
writer() {
  local n=0 code
  while [ ! -e stop.flag ]; do
    n=$((n + 1))
    code=$(web_curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
      --data-binary "{\"project_code\":\"SX2002-052\",\"date\":\"2004-08-01\",\"amount\":$((900000 + n)),\"side\":\"recipient\"}" \
      "$URL/api/v1/funds")
    if [ "$code" = 201 ]; then echo "$n" >>acked.txt; else echo "$n $code" >>refused.txt; fi
  done
}
: >acked.txt
writer &
WRITER=$!
for _ in $(seq 200); do [ "$(wc -l <acked.txt)" -ge 20 ] && break; sleep 0.05; done
before=$(wc -l <acked.txt)
expect_status 0 "backup while the server writes" -- "$DUIKOU" --db demo.db backup b.db
after=$(wc -l <acked.txt)
cp out.txt backup.out
# one more backup beside it, while writes go on
expect_status 0 "a second backup under load" -- "$DUIKOU" --db demo.db backup b2.db
sleep 0.2
touch stop.flag
wait "$WRITER"
echo "writes acknowledged: $before before the backup, $after when it ended, $(wc -l <acked.txt) in all"
[ -e refused.txt ] && { bad "writes refused during the backup: $(head -3 refused.txt)"; }
[ "$before" -ge 20 ] && ok || bad "the writer acknowledged only $before writes before the backup"

expect_eq "$(sqlite3 b.db 'PRAGMA integrity_check')" ok "the backup passes integrity_check"
expect_eq "$(sqlite3 b2.db 'PRAGMA integrity_check')" ok "the second backup passes integrity_check"
[ ! -e b.db-wal ] && [ ! -e b.db.tmp ] && [ ! -e b.db.tmp-journal ] && ok || bad "files left beside the backup: $(ls)"
# the receipts in the backup: 1..k, every one acknowledged before it began
sqlite3 b.db "SELECT amount - 900000 FROM funds WHERE date = '2004-08-01' AND amount > 900000 ORDER BY 1" >in-backup.txt
k=$(wc -l <in-backup.txt)
seq 1 "$k" >prefix.txt
expect_same in-backup.txt prefix.txt "the backup holds receipts 1..k, a state the server passed through"
[ "$k" -ge "$before" ] && ok || bad "the backup holds $k receipts, $before were acknowledged before it began"
[ "$k" -le $((after + 1)) ] && ok || bad "the backup holds $k receipts, only $after were acknowledged when it ended"
echo "backup under load: $k of the client's receipts in it ($before acknowledged before it began, $after when it ended)"
# what it printed is what it holds
expect_grep backup.out '^b\.db: backup of demo\.db, schema version [0-9]+$' "backup names what it copied"
expect_eq "$(sed -n 's/^  funds  *//p' backup.out)" "$(sqlite3 b.db 'SELECT COUNT(*) FROM funds')" "printed funds count"
expect_eq "$(sed -n 's/^  projects  *//p' backup.out)" "$(sqlite3 b.db 'SELECT COUNT(*) FROM projects')" "printed projects count"
expect_eq "$(sed -n 's/^  audit  *//p' backup.out)" "$(sqlite3 b.db 'SELECT COUNT(*) FROM audit')" "printed audit count"
expect_eq "$(sqlite3 b.db 'PRAGMA journal_mode')" delete "the backup is one self-contained file"
export_all b.db b.exports
grep -q 'failed' b.exports && bad "an export of the backup failed"

# --- refusals of backup
md5=$(md5sum <b.db)
expect_status 1 "backup over an existing file" -- "$DUIKOU" --db demo.db backup b.db
expect_grep err.txt 'b\.db: a file is already there \(use --force' "backup names the existing file"
expect_eq "$(md5sum <b.db)" "$md5" "the existing file is untouched"
expect_status 3 "backup of a missing database" -- "$DUIKOU" --db nothere.db backup n.db
expect_grep err.txt 'nothere\.db: no such database' "backup names the missing database"
[ ! -e n.db ] && [ ! -e n.db.tmp ] && ok || bad "a failed backup left a file"
expect_status 2 "backup without FILE" -- "$DUIKOU" --db demo.db backup
expect_grep err.txt 'FILE is missing' "backup says FILE is missing"
mkdir -p nodir
expect_status 3 "backup into a missing folder" -- "$DUIKOU" --db demo.db backup nodir/sub/x.db
expect_grep err.txt 'nodir/sub/x\.db\.tmp: cannot create the backup' "backup names the file it cannot create"

# --- restore into a new file
expect_status 0 "restore into a new file" -- "$DUIKOU" --db new.db restore b.db
expect_grep out.txt '^new\.db: restored from b\.db, schema version [0-9]+$' "restore says what it did"
expect_eq "$(sed -n 's/^  funds  *//p' out.txt)" "$(sqlite3 b.db 'SELECT COUNT(*) FROM funds')" "restore prints the funds count"
export_all new.db new.exports
expect_same b.exports new.exports "restored file exports as the backup"
expect_eq "$("$DUIKOU" --db new.db check >/dev/null; echo $?)" "$("$DUIKOU" --db b.db check >/dev/null; echo $?)" "check gives the same on both"

# --- restore into the served file, the server stopped
web_stop || bad "server stop"
expect_status 1 "restore over a database without --force" -- "$DUIKOU" --db demo.db restore b.db
expect_grep err.txt 'demo\.db: the database holds tables \(use --force' "restore refuses to replace without --force"
expect_eq "$(sqlite3 demo.db "SELECT COUNT(*) FROM funds WHERE date = '2004-08-01' AND amount > 900000")" "$(wc -l <acked.txt)" "the live file is untouched by the refusal"
expect_status 0 "restore over the live file with --force" -- "$DUIKOU" --db demo.db restore b.db --force
expect_eq "$(sqlite3 demo.db 'PRAGMA integrity_check')" ok "the restored live file passes integrity_check"
export_all demo.db live.exports
expect_same b.exports live.exports "restored live file exports as the backup"
expect_eq "$(sqlite3 demo.db "SELECT COUNT(*) FROM funds WHERE date = '2004-08-01' AND amount > 900000")" "$k" "the receipts after the backup are gone"
# the server starts on it again and serves what the backup held
web_start demo.db
web_login writer
got=$(web_curl -s "$URL/api/v1/funds?per_page=1" -o /dev/null -w '%{http_code}')
expect_eq "$got" 200 "the server serves the restored file"
web_stop || bad "server stop"

# --- refusals of restore
before_md5=$(md5sum <new.db)
expect_status 1 "restore of a missing file" -- "$DUIKOU" --db new.db restore missing.db --force
expect_grep err.txt 'missing\.db: no such file' "restore names the missing file"
printf 'project,amount\nx,1\n' >junk.csv
expect_status 1 "restore of a file that is not a database" -- "$DUIKOU" --db new.db restore junk.csv --force
expect_grep err.txt 'junk\.csv: .*the file is not a database / 该文件不是数据库' "restore says it is not a database"
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_status 1 "restore of a SQLite file that is not duikou's" -- "$DUIKOU" --db new.db restore other.db --force
expect_grep err.txt 'other\.db: not a duikou database' "restore says it is not a duikou database"
cp b.db newer.db
sqlite3 newer.db "INSERT INTO schema_migrations(version, name, applied_at) VALUES (999999, '999999_future.sql', '2100-01-01 00:00:00')"
expect_status 1 "restore of a newer schema" -- "$DUIKOU" --db new.db restore newer.db --force
expect_grep err.txt 'newer\.db: its schema version 999999 is newer than this duikou' "restore names the newer schema"
expect_eq "$(md5sum <new.db)" "$before_md5" "the refusals left the target untouched"
[ ! -e fresh.db ] || bad "fresh.db exists"
expect_status 1 "a refused restore into a missing file" -- "$DUIKOU" --db fresh.db restore junk.csv
[ ! -e fresh.db ] && ok || bad "a refused restore left an empty database file"
expect_status 2 "restore without FILE" -- "$DUIKOU" --db new.db restore
expect_status 2 "restore with an unknown option" -- "$DUIKOU" --db new.db restore b.db --now

# --- a backup of an older duikou is brought up to date: a file made by
# the migrations 001 to 007 only (SQLite's blocks of them), as a duikou of
# schema 7 left it; the restore applies 008 and every later one
older_sql() {
  local f
  for f in "$SRC"/sql/00[1-7]_*.sql; do
    awk '/^-- dialect: postgresql/ {skip = 1; next} /^-- dialect: end/ {skip = 0; next} !skip' "$f"
    printf ';\n'
  done
  printf 'CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);\n'
  for f in "$SRC"/sql/00[1-7]_*.sql; do
    f=${f##*/}
    printf "INSERT INTO schema_migrations VALUES (%d, '%s', '2020-01-01 00:00:00');\n" "$((10#${f%%_*}))" "$f"
  done
}
older_sql | sqlite3 older.db || bad "an older database could not be made"
latest=$(find "$SRC/sql" -name '[0-9]*.sql' -printf '%f\n' | sort | tail -1)
latest=$((10#${latest%%_*}))
expect_status 0 "restore of an older schema" -- "$DUIKOU" --db up.db restore older.db
expect_grep out.txt "schema version 7 \(brought up to $latest\)" "restore migrates an older backup"
expect_eq "$(sqlite3 up.db 'SELECT MAX(version) FROM schema_migrations')" "$latest" "the restored file is at the newest schema"
expect_eq "$(sqlite3 up.db 'PRAGMA integrity_check')" ok "the migrated restore passes integrity_check"

# --- --force replaces an existing backup
expect_status 0 "backup --force over an existing file" -- "$DUIKOU" --db new.db backup b.db --force
expect_eq "$(sqlite3 b.db 'PRAGMA integrity_check')" ok "the replaced backup passes integrity_check"
finish
