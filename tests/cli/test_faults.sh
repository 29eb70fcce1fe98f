#!/usr/bin/env bash
# Faults of the SQLite database (issue 9, item 4), each giving a clear
# message (English / Chinese, model/messages.c MSG_DB_*), a non-zero exit
# status and no damage (integrity_check, the rows as before):
#  (a) a full disk: the database on a small tmpfs (mounted in the test's
#      folder, unmounted at exit) filled up; where mounting is not
#      permitted, a file size limit (ulimit -f, SIGXFSZ ignored) instead —
#      the test says which (FAULTS_NO_MOUNT=1 tries the limit here);
#  (b) a read-only database: writes refused, reads work — as root the
#      file made immutable (chattr +i), else (or where chattr fails) the
#      file 0444 for an unprivileged user (setpriv to nobody when root;
#      FAULTS_NO_CHATTR=1 tries it here);
#  (c) a database locked by another process (the sqlite3 shell holding
#      BEGIN EXCLUSIVE): a write waits the busy timeout (5 s) and gives up
#      naming the lock; reads and backups go on (WAL); restore is refused.
# (d) PostgreSQL stopped and started during server writes is
# tests/cli/test_pg.sh's ("a restart of PostgreSQL during the serve"). On
# PostgreSQL these file faults are skipped.
. "$(dirname "$0")/lib.sh"

if db_is_pg; then
  sqlite_only "a full disk under the database file"
  sqlite_only "a read-only database file"
  sqlite_only "a database file locked by the sqlite3 shell"
  finish
  exit
fi

MNT=
LOCKPID=
IMMUTABLE=
faults_cleanup() {
  [ -n "$LOCKPID" ] && kill "$LOCKPID" 2>/dev/null
  [ -n "$IMMUTABLE" ] && chattr -i "$IMMUTABLE" 2>/dev/null
  [ -n "$MNT" ] && { cd /; umount "$MNT" 2>/dev/null; }
  lib_cleanup
}
trap faults_cleanup EXIT

"$DUIKOU" --db demo.db demo >/dev/null || bad "demo"
"$DUIKOU" --db demo.db export funds | tail -n +2 | sed 's/,[^,]*$/,/' >receipts.csv
{
  echo "project_code,date,amount,side,source_type,note,code"
  while cat receipts.csv; do :; done | head -n 3000
} >big.csv

# ---- (a) a full disk
mkdir small
DBKB=$(($(stat -c %s demo.db) / 1024))
if [ -z "${FAULTS_NO_MOUNT:-}" ] && mount -t tmpfs -o size=$((DBKB + 16384))k tmpfs small 2>mount.err; then
  MNT=$T/small
  HOW="tmpfs of $((DBKB + 16384)) KiB, filled to 256 KiB free"
  cp demo.db small/demo.db
  "$DUIKOU" --db small/demo.db check >/dev/null # its -wal and -shm made
  db_dump small/demo.db >full-before.sql
  dd if=/dev/zero of=small/filler bs=4k 2>/dev/null
  truncate -s -256K small/filler
  full() { "$DUIKOU" --db small/demo.db "$@"; }
else
  HOW="ulimit -f $((256)) (1 KiB blocks, SIGXFSZ ignored): mounting a tmpfs $([ -n "${FAULTS_NO_MOUNT:-}" ] && echo "not tried (FAULTS_NO_MOUNT)" || echo "failed: $(head -1 mount.err)")"
  cp demo.db small/demo.db
  db_dump small/demo.db >full-before.sql
  full() { (ulimit -f 256; trap '' XFSZ; exec "$DUIKOU" --db small/demo.db "$@"); }
fi
echo "full disk: $HOW"
expect_status 3 "an import that does not fit" -- full import funds big.csv
cp err.txt full.err
expect_grep full.err 'small/demo\.db: .*(the disk is full|the disk may be full)' "the message names the full disk"
expect_grep full.err '磁盘' "and in Chinese"
echo "full disk message: $(head -1 full.err)"
expect_eq "$(sqlite3 small/demo.db 'PRAGMA integrity_check')" ok "integrity after the full disk"
db_dump small/demo.db >full-after.sql
expect_same full-before.sql full-after.sql "the database holds what it held before"
expect_status 0 "a read on the full disk" -- full export projects
# space again: the same import goes through
rm -f small/filler
if [ -n "$MNT" ]; then
  expect_status 0 "the import once there is space" -- full import funds big.csv
  expect_eq "$(sqlite3 small/demo.db "SELECT COUNT(*) FROM funds")" $(($(wc -l <receipts.csv) + 3000)) "all of it then"
fi

# ---- (b) a read-only database
cp demo.db ro.db
"$DUIKOU" --db ro.db check >/dev/null
db_dump ro.db >ro-before.sql
if [ "$(id -u)" = 0 ] && [ -z "${FAULTS_NO_CHATTR:-}" ] && chattr +i ro.db 2>chattr.err; then
  IMMUTABLE=$T/ro.db
  HOW="chattr +i (root ignores permission bits)"
  ro() { "$DUIKOU" --db ro.db "$@"; }
elif [ "$(id -u)" = 0 ]; then
  chmod 0444 ro.db
  chmod 0777 "$T"
  HOW="chmod 0444, run as nobody with setpriv (chattr +i $([ -n "${FAULTS_NO_CHATTR:-}" ] && echo "not tried: FAULTS_NO_CHATTR" || echo "failed: $(head -1 chattr.err)"))"
  ro() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$DUIKOU" --db ro.db "$@"; }
else
  chmod 0444 ro.db
  HOW="chmod 0444"
  ro() { "$DUIKOU" --db ro.db "$@"; }
fi
echo "read-only: $HOW"
expect_status 3 "an import into a read-only database" -- ro import funds big.csv
expect_grep err.txt 'ro\.db: .*the database is read-only: nothing was written' "the message says read-only"
expect_grep err.txt '数据库为只读' "and in Chinese"
echo "read-only message: $(head -1 err.txt)"
expect_status 3 "a user added to a read-only database" -- ro user add eve --role viewer --generate-password
expect_grep err.txt 'read-only' "the user command says read-only"
expect_status 0 "an export of a read-only database" -- ro export projects
expect_eq "$(($(wc -l <out.txt) - 1))" "$(sqlite3 ro.db 'SELECT COUNT(*) FROM projects')" "the export reads every project"
expect_status 0 "a report of a read-only database" -- ro report annual --year 2004
expect_status 0 "a backup of a read-only database" -- ro backup ro-copy.db
[ -n "$IMMUTABLE" ] && { chattr -i ro.db; IMMUTABLE=; }
chmod 0644 ro.db
expect_eq "$(sqlite3 ro.db 'PRAGMA integrity_check')" ok "integrity of the read-only database"
db_dump ro.db >ro-after.sql
expect_same ro-before.sql ro-after.sql "the read-only database is unchanged"
# a backup file made read-only (rollback journal, not WAL) opens read-only too
chmod 0444 ro-copy.db
expect_status 0 "an export of a read-only backup file" -- "$DUIKOU" --db ro-copy.db export projects

# ---- (c) a database locked by another process
cp demo.db lk.db
"$DUIKOU" --db lk.db backup lk-backup.db >/dev/null || bad "backup before the lock"
db_dump lk.db >lk-before.sql
mkfifo lock.fifo
sqlite3 lk.db <lock.fifo >lock.out 2>&1 &
LOCKPID=$!
exec 7>lock.fifo
echo "BEGIN EXCLUSIVE; SELECT 'holding';" >&7
for _ in $(seq 100); do grep -q holding lock.out && break; sleep 0.05; done
expect_grep lock.out holding "the sqlite3 shell holds the lock"
t0=$(date +%s)
expect_status 3 "an import into a locked database" -- "$DUIKOU" --db lk.db import funds big.csv
t1=$(date +%s)
expect_grep err.txt 'lk\.db: .*the database is locked by another process \(busy\)' "the message names the lock"
expect_grep err.txt '数据库被另一进程锁定' "and in Chinese"
echo "locked message (after $((t1 - t0)) s): $(head -1 err.txt)"
[ $((t1 - t0)) -ge 4 ] && ok || bad "gave up after $((t1 - t0)) s, before the busy timeout"
expect_status 3 "a restore into a locked database" -- "$DUIKOU" --db lk.db restore lk-backup.db --force
expect_grep err.txt 'lk\.db: .*locked by another process' "restore refused while locked"
expect_status 0 "an export of a locked database" -- "$DUIKOU" --db lk.db export funds
expect_status 0 "a backup of a locked database" -- "$DUIKOU" --db lk.db backup lk-during.db
echo "ROLLBACK;" >&7
exec 7>&-
wait "$LOCKPID"
LOCKPID=
expect_eq "$(sqlite3 lk.db 'PRAGMA integrity_check')" ok "integrity after the lock"
db_dump lk.db >lk-after.sql
expect_same lk-before.sql lk-after.sql "the locked database is unchanged"
expect_status 0 "the import once the lock is gone" -- "$DUIKOU" --db lk.db import funds big.csv
finish
