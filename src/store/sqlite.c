/* The SQLite backend of the store. SQLite accepts the $1 parameters that
 * PostgreSQL uses, so the same SQL text serves both. */
#include "store/backend.h"
#include "model/messages.h"
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct sqlite_db {
	struct db base;
	sqlite3 *h;
	FILE *log; /* $DUIKOU_SQL_LOG: every statement run, values in place */
};
struct sqlite_stmt {
	struct db_stmt base;
	sqlite3_stmt *h;
};

#define H(d)  (((struct sqlite_db *)(d))->h)
#define S(st) (((struct sqlite_stmt *)(st))->h)

/* The message of a failure the user can act on (a full disk, a read-only
 * or locked file …), in English and Chinese, or MSG_COUNT for the others,
 * which keep SQLite's own text. */
static enum msg_id fault_message(int code)
{
	switch (code & 0xff) {
	case SQLITE_FULL:
		return MSG_DB_FULL;
	case SQLITE_READONLY:
		return MSG_DB_READONLY;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return MSG_DB_LOCKED;
	case SQLITE_NOTADB:
		return MSG_DB_NOT_DATABASE;
	case SQLITE_CORRUPT:
		return MSG_DB_CORRUPT;
	case SQLITE_CANTOPEN:
		return MSG_DB_CANTOPEN;
	case SQLITE_IOERR:
		return MSG_DB_IO;
	default:
		return MSG_COUNT;
	}
}

/* Adds "TARGET: WHAT: message / 中文 (SQLite: its text)", or SQLite's text
 * alone when it is not a fault of fault_message. */
static int fail_with(const char *target, err *e, const char *what, int code, const char *raw)
{
	enum msg_id id = fault_message(code);
	if (id == MSG_COUNT)
		return err_add(e, EXIT_SYSTEM, "%s: %s: %s", target, what, raw);
	buf en = BUF_INIT, zh = BUF_INIT;
	msg_format(&en, LANG_EN, id);
	msg_format(&zh, LANG_ZH, id);
	err_add(e, EXIT_SYSTEM, "%s: %s: %s / %s (SQLite: %s)", target, what, buf_str(&en), buf_str(&zh),
	        raw);
	buf_free(&en);
	buf_free(&zh);
	return -1;
}

static int fail(db *d, err *e, const char *what)
{
	/* another connection holds the write lock longer than the busy
	 * timeout, or committed since this transaction read */
	int code = sqlite3_errcode(H(d)) & 0xff;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		d->lost_race = true;
	return fail_with(d->target, e, what, sqlite3_extended_errcode(H(d)), sqlite3_errmsg(H(d)));
}

static void s_close(db *d)
{
	sqlite3_close_v2(H(d));
	if (((struct sqlite_db *)d)->log)
		fclose(((struct sqlite_db *)d)->log);
	free(d->target);
	free(d);
}

static int s_exec_script(db *d, const char *sql, err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(H(d), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		enum msg_id id = fault_message(rc);
		if (id == MSG_COUNT)
			err_add(e, EXIT_SYSTEM, "%s: %s", d->target, msg ? msg : "error");
		else
			fail_with(d->target, e, "script", rc, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int s_prepare(db *d, db_stmt **out, const char *sql, err *e)
{
	struct sqlite_stmt *st = xcalloc(1, sizeof *st);
	st->base.d = d;
	if (sqlite3_prepare_v2(H(d), sql, -1, &st->h, NULL) != SQLITE_OK) {
		free(st);
		*out = NULL;
		return fail(d, e, "prepare");
	}
	*out = &st->base;
	return 0;
}

/* The SQLite parameter of $IDX. SQLite takes "$1" as a named parameter and
 * numbers those by first appearance in the text, so "$2 … $1" would bind
 * the wrong values by position: look the name up (PostgreSQL's meaning).
 * A statement written with ? keeps the position. */
static int param_index(db_stmt *st, int idx)
{
	char name[16];
	snprintf(name, sizeof name, "$%d", idx);
	int j = sqlite3_bind_parameter_index(S(st), name);
	return j ? j : idx;
}

static int s_bind_int(db_stmt *st, int idx, int64_t v, err *e)
{
	if (sqlite3_bind_int64(S(st), param_index(st, idx), v) != SQLITE_OK)
		return fail(st->d, e, "bind");
	return 0;
}

static int s_bind_text(db_stmt *st, int idx, const char *s, err *e)
{
	if (sqlite3_bind_text(S(st), param_index(st, idx), s, -1, SQLITE_TRANSIENT) != SQLITE_OK)
		return fail(st->d, e, "bind");
	return 0;
}

static int s_bind_null(db_stmt *st, int idx, err *e)
{
	if (sqlite3_bind_null(S(st), param_index(st, idx)) != SQLITE_OK)
		return fail(st->d, e, "bind");
	return 0;
}

static int s_reset(db_stmt *st, err *e)
{
	(void)e;
	sqlite3_reset(S(st));
	sqlite3_clear_bindings(S(st));
	return 0;
}

static int s_step(db_stmt *st, err *e)
{
	int rc = sqlite3_step(S(st));
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	fail(st->d, e, "query");
	return DB_ERROR;
}

static void s_finalize(db_stmt *st)
{
	sqlite3_finalize(S(st));
	free(st);
}

static int s_ncols(db_stmt *st)
{
	return sqlite3_column_count(S(st));
}
static bool s_col_null(db_stmt *st, int c)
{
	return sqlite3_column_type(S(st), c) == SQLITE_NULL;
}
static int64_t s_col_int(db_stmt *st, int c)
{
	return sqlite3_column_int64(S(st), c);
}
static const char *s_col_name(db_stmt *st, int c)
{
	return sqlite3_column_name(S(st), c);
}

static const char *s_col_text(db_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(S(st), c);
	return t ? (const char *)t : "";
}

static int64_t s_changes(db *d)
{
	return sqlite3_changes64(H(d));
}

/* The online backup (sqlite3_backup_*): pages copied in steps of
 * BACKUP_STEP_PAGES; a step that finds the database busy or locked is
 * tried again after BACKUP_PAUSE_MS, up to WAITS times. */
enum { BACKUP_STEP_PAGES = 1024, BACKUP_PAUSE_MS = 20, BACKUP_WAITS = 500 };

/* Copies the main database of SRC into that of DST (which names itself as
 * TARGET in messages). */
static int copy_pages(sqlite3 *dst, sqlite3 *src, const char *target, int waits, err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return fail_with(target, e, "backup", sqlite3_extended_errcode(dst), sqlite3_errmsg(dst));
	int rc, waited = 0;
	do {
		rc = sqlite3_backup_step(b, BACKUP_STEP_PAGES);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited++ < waits)
			sqlite3_sleep(BACKUP_PAUSE_MS);
		else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			break;
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	int fin = sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return fail_with(target, e, "backup", rc, sqlite3_errstr(rc));
	if (fin != SQLITE_OK)
		return fail_with(target, e, "backup", fin, sqlite3_errmsg(dst));
	return 0;
}

/* db_backup: one snapshot of D, whatever other processes write meanwhile —
 * a read transaction held across the steps (WAL: writers go on, the copy
 * is the database as of its first read) — into the new file PATH, left
 * in rollback-journal mode: one self-contained file, no -wal beside it. */
static int s_backup(db *d, const char *path, err *e)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		if (to)
			fail_with(path, e, "cannot create the backup", rc, sqlite3_errmsg(to));
		else
			err_add(e, EXIT_SYSTEM, "%s: cannot create the backup: out of memory", path);
		sqlite3_close(to);
		return -1;
	}
	int out = -1;
	if (s_exec_script(d, "BEGIN; SELECT COUNT(*) FROM sqlite_master;", e))
		goto done;
	out = copy_pages(to, H(d), path, BACKUP_WAITS, e);
	if (s_exec_script(d, "COMMIT", e))
		out = -1;
	if (!out && (rc = sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK)
		out = fail_with(path, e, "backup", rc, sqlite3_errmsg(to));
done:
	if (out) {
		err ignored;
		err_init(&ignored);
		s_exec_script(d, "ROLLBACK", &ignored);
		err_free(&ignored);
	}
	if ((rc = sqlite3_close(to)) != SQLITE_OK && !out)
		out = fail_with(path, e, "backup", rc, sqlite3_errstr(rc));
	return out;
}

/* db_restore: SRC's pages replace D's in one write transaction of D
 * (readers see all of the old database or all of the new; SQLite keeps
 * D's WAL mode); a D locked by another process past the busy timeout
 * is refused. */
static int s_restore(db *d, db *src, err *e)
{
	if (src->ops != d->ops)
		return err_add(e, EXIT_USAGE, "%s: a restore takes a SQLite file", d->target);
	return copy_pages(H(d), H(src), d->target, 0, e);
}

/* PRAGMA integrity_check: "ok", or its first lines in the message. */
static int s_integrity(db *d, err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(H(d), "PRAGMA integrity_check(20)", -1, &st, NULL) != SQLITE_OK)
		return fail(d, e, "integrity check");
	buf problems = BUF_INIT;
	int rc, rows = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (!(rows++ == 0 && line && strcmp(line, "ok") == 0))
			buf_printf(&problems, "%s%s", problems.len ? "; " : "", line ? line : "");
	}
	int out = 0;
	if (rc != SQLITE_DONE)
		out = fail(d, e, "integrity check");
	else if (problems.len)
		out = err_add(e, EXIT_SYSTEM, "%s: integrity check failed / 完整性检查未通过: %s", d->target,
		              buf_str(&problems));
	sqlite3_finalize(st);
	buf_free(&problems);
	return out;
}

/* begin_write: the write lock at once, so that writers take turns (the busy
 * timeout) instead of failing when another committed after this one read */
static const struct db_ops sqlite_ops = {
        "sqlite",   s_close,   s_exec_script,     s_prepare, s_bind_int, s_bind_text, s_bind_null,
        s_reset,    s_step,    s_finalize,        s_ncols,   s_col_null, s_col_int,   s_col_text,
        s_col_name, s_changes, "BEGIN IMMEDIATE", true,      s_backup,   s_restore,   s_integrity,
};

/* Writes each statement as it starts, with its bound values in place
 * (sqlite3_expanded_sql), so that bench/run can hand the very SQL a
 * command ran to the sqlite3 shell and DuckDB. Statements of triggers
 * (whose text starts with "--") are part of the statement that fired them. */
static int log_statement(unsigned type, void *ctx, void *p, void *x)
{
	(void)x;
	if (type != SQLITE_TRACE_STMT || strncmp(x, "--", 2) == 0)
		return 0;
	char *sql = sqlite3_expanded_sql(p);
	if (sql) {
		fprintf(ctx, "%s;\n", sql);
		sqlite3_free(sql);
	}
	return 0;
}

/* A connection to PATH opened with FLAGS: extended result codes, and a
 * 5 s busy timeout so that writers take turns; NULL (E) when it fails. */
static struct sqlite_db *open_handle(const char *path, int flags, err *e)
{
	struct sqlite_db *d = xcalloc(1, sizeof *d);
	d->base.ops = &sqlite_ops;
	d->base.target = xstrdup(path);
	int rc = sqlite3_open_v2(path, &d->h, flags, NULL);
	if (rc != SQLITE_OK) {
		if (d->h)
			fail_with(path, e, "cannot open database", rc, sqlite3_errmsg(d->h));
		else
			err_add(e, EXIT_SYSTEM, "%s: cannot open database: out of memory", path);
		s_close(&d->base);
		return NULL;
	}
	sqlite3_busy_timeout(d->h, 5000);
	sqlite3_extended_result_codes(d->h, 1);
	return d;
}

int sqlite_open(const char *path, bool create, db **out, err *e)
{
	struct stat sb;
	*out = NULL;
	if (!create && stat(path, &sb) != 0)
		return err_add(e, EXIT_SYSTEM,
		               "%s: no such database (create one with 'duikou init' or 'duikou demo')", path);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	struct sqlite_db *d = open_handle(path, flags, e);
	if (!d)
		return -1;
	const char *log = getenv("DUIKOU_SQL_LOG");
	if (log && *log) {
		d->log = fopen(log, "a");
		if (!d->log) {
			err_add(e, EXIT_SYSTEM, "DUIKOU_SQL_LOG: cannot open %s: %s", log, strerror(errno));
			s_close(&d->base);
			return -1;
		}
		setvbuf(d->log, NULL, _IOLBF, 0); /* whole lines, as they run */
		sqlite3_trace_v2(d->h, SQLITE_TRACE_STMT, log_statement, d->log);
	}
	*out = &d->base;
	/* 8 MiB of page cache per connection: the server keeps one per worker
	 * thread, and at 64 MiB each it held 476 MiB at scale M (bench/run); the
	 * operating system caches the file besides. */
	/* a file this process may not write (its permissions, a read-only
	 * mount) opens read-only: it is read as it is, and a write fails with
	 * MSG_DB_READONLY; setting WAL would be a write */
	bool readonly = sqlite3_db_readonly(d->h, "main") == 1;
	if (s_exec_script(
	            *out,
	            readonly ? "PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192; PRAGMA temp_store = "
	                       "MEMORY;"
	                     : "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA cache_size = "
	                       "-8192; PRAGMA temp_store = MEMORY;",
	            e)) {
		s_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int sqlite_open_readonly(const char *path, db **out, err *e)
{
	struct stat sb;
	*out = NULL;
	if (stat(path, &sb) != 0)
		return err_add(e, EXIT_INVALID, "%s: no such file", path);
	if (!S_ISREG(sb.st_mode))
		return err_add(e, EXIT_INVALID, "%s: not a file", path);
	struct sqlite_db *d = open_handle(path, SQLITE_OPEN_READONLY, e);
	if (!d)
		return -1;
	*out = &d->base;
	return 0;
}
