/* db: the one interface to the database. Everything else in duikou talks to
 * the database through these functions; a backend (sqlite.c now, pg.c later)
 * implements them. SQL is written once with $1, $2 … parameters and every
 * value is bound, never formatted into the text.
 *
 * Functions return 0 on success or -1 after adding a message to the err
 * (status EXIT_SYSTEM unless noted). */
#ifndef DUIKOU_DB_H
#define DUIKOU_DB_H
#include "core/err.h"
#include <stdbool.h>
#include <stdint.h>

typedef struct db db;
typedef struct db_stmt db_stmt;

enum { DB_ERROR = -1, DB_DONE = 0, DB_ROW = 1 };

/* Opens the database named by TARGET: a file path (SQLite, created when
 * missing if CREATE) or a postgresql:// (postgres://) URL, whose database
 * must exist (CREATE is ignored). */
int db_open(const char *target, bool create, db **out, err *e);
/* TARGET names a PostgreSQL database. */
bool db_is_url(const char *target);
/* TARGET as duikou prints it, in every message and line that names the
 * database: a URL's password (postgresql://user:PASSWORD@host/db, or
 * ?password=… among its parameters) becomes ***; a file path is itself.
 * The caller frees the string. */
char *db_target_shown(const char *target);
/* "sqlite" or "postgresql": for the few places where the SQL differs. */
const char *db_dialect(const db *d);
void db_close(db *d);
/* The database named by --db, else $DUIKOU_DB, else ./duikou.db. */
const char *db_default_target(const char *opt);

/* Runs SQL text that has no parameters and may hold several statements
 * (migrations). */
int db_exec_script(db *d, const char *sql, err *e);

/* Prepares SQL and binds the values described by TYPES, one char each:
 *   'i' int64_t, 't' const char * (NULL binds SQL NULL),
 *   'n' nullable integer: a bool has_value then an int64_t.
 * The statement is owned by the caller: db_finalize it. */
int db_prepare(db *d, db_stmt **out, err *e, const char *sql, const char *types, ...);
/* Rebinds a prepared statement for another run, with the same TYPES rule. */
int db_rebind(db_stmt *st, err *e, const char *types, ...);
/* One value of an array binding, for statements whose parameters are known
 * only at run time (the importer, driven by the kinds table). */
struct db_value {
	char type; /* 'i' int64_t, 't' text, 'z' SQL NULL */
	int64_t i;
	const char *s; /* for 't'; NULL binds SQL NULL */
};
/* Resets ST and binds V[0..n) to $1..$n. */
int db_rebind_values(db_stmt *st, err *e, const struct db_value *v, size_t n);
/* DB_ROW, DB_DONE or DB_ERROR (message added to e). */
int db_step(db_stmt *st, err *e);
void db_finalize(db_stmt *st);

int db_ncols(db_stmt *st);
bool db_col_null(db_stmt *st, int col); /* columns count from 0 */
/* 0 for NULL; a value that is not a whole number ("12.5") gives 0 and makes
 * the next db_step (or db_int) fail with the column's name. */
int64_t db_col_int(db_stmt *st, int col);
const char *db_col_text(db_stmt *st, int col); /* "" for NULL; valid until next step */
const char *db_col_name(db_stmt *st, int col);

/* Runs a statement that returns no rows (or ignores them). */
int db_run(db *d, err *e, const char *sql, const char *types, ...);
/* Runs a query whose first row's first column is an integer; *out = 0 when
 * no row or NULL. */
int db_int(db *d, int64_t *out, err *e, const char *sql, const char *types, ...);
/* Number of rows the last INSERT/UPDATE/DELETE changed. */
int64_t db_changes(db *d);

/* A transaction that writes: on SQLite BEGIN IMMEDIATE (the write lock at
 * once, waiting the busy timeout for another writer), on PostgreSQL BEGIN. */
int db_begin(db *d, err *e);
int db_commit(db *d, err *e);
int db_rollback(db *d); /* best effort; never fails loudly */

/* Writes that depend on what they read (a record's stored values merged
 * with the changed ones, a plan's state before its step, a key that must
 * not exist yet) run as
 *
 *     for (int attempt = 0;;) {
 *             …db_begin_write, read, write, db_commit (or db_rollback)…
 *             if (done || !db_retry(d, &attempt)) break;
 *             …forget what the failed attempt left…
 *     }
 *
 * db_begin_write begins a transaction that cannot write over a change made
 * after it read (PostgreSQL: REPEATABLE READ, whose conflict is SQLSTATE
 * 40001; SQLite: BEGIN IMMEDIATE, one writer at a time). A transaction
 * that lost such a race (db_lost_race) is run again from its start. */
int db_begin_write(db *d, err *e);
/* The last failed statement lost a race with another transaction: a
 * serialization failure (40001), a deadlock (40P01), a unique key that
 * another transaction committed meanwhile (23505), SQLite's busy or
 * locked database. */
bool db_lost_race(const db *d);
/* After a failed and rolled-back write transaction: true, after a short
 * random pause, when it lost a race and may run again (at most
 * DB_WRITE_ATTEMPTS times in all; *ATTEMPT counts, start it at 0). */
bool db_retry(db *d, int *attempt);
#define DB_WRITE_ATTEMPTS 10

/* Whether the reports run on D count only the fund receipts marked
 * verified (issue 10, `report … --verified`): a setting of the
 * connection, read by report_sql (report/report.h). Off when opened. */
void db_set_verified_only(db *d, bool on);
bool db_verified_only(const db *d);

/* Brings the schema up to the newest migration in sql/ (compiled in). */
int db_migrate(db *d, err *e);
/* db_migrate inside the caller's transaction (PostgreSQL and SQLite both
 * roll back schema changes). */
int db_migrate_in_transaction(db *d, err *e);
/* Number of tables in the database (0: new or empty). */
int db_table_count(db *d, int64_t *out, err *e);
/* Drops every table (and on PostgreSQL every function) of the database, in
 * the caller's transaction when there is one. */
int db_drop_all(db *d, err *e);
/* After rows were inserted with their ids: the next generated id of TABLE
 * (a constant name with an id column) follows the largest (PostgreSQL's
 * identity sequence; SQLite needs nothing). */
int db_sync_ids(db *d, const char *table, err *e);
/* Appends to OUT the migration SQL as DIALECT ("sqlite", "postgresql")
 * runs it: its dialect blocks and words (see db.c). */
void db_migration_sql(const char *dialect, const char *sql, buf *out);
/* Highest migration applied, 0 for a new database. */
int db_schema_version(db *d, int64_t *out, err *e);

/* Backups (duikou backup, restore). SQLite only: on PostgreSQL they fail
 * with EXIT_USAGE (pg_dump and pg_restore do it; docs/deploy.md).
 *
 * Opens the SQLite file PATH read-only, as it is (no pragma, no
 * migration): a backup to check or to restore from. */
int db_open_readonly(const char *path, db **out, err *e);
/* Copies D as of one moment, while other connections and processes go on
 * writing, into the new file PATH (which must not exist) with SQLite's
 * online backup API, in steps, waiting when busy or locked; PATH is left
 * a self-contained file (no -wal). The caller syncs and renames it. */
int db_backup(db *d, const char *path, err *e);
/* Replaces everything D holds by the database SRC (opened by
 * db_open_readonly), in one write transaction of D: all or nothing. A D
 * locked by another process after the busy timeout is refused. */
int db_restore(db *d, db *src, err *e);
/* PRAGMA integrity_check on SQLite: 0 when "ok", else -1 with its first
 * problems; 0 on PostgreSQL (the server keeps its own files whole). */
int db_integrity_check(db *d, err *e);
/* The newest migration compiled into this duikou (its schema version). */
int64_t db_schema_latest(void);

#endif
