/* The SQLite backend of the store. SQLite accepts the $1 parameters that
 * PostgreSQL uses, so the same SQL text serves both. */
#include "store/backend.h"
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

static int fail(db *d, err *e, const char *what)
{
	/* another connection holds the write lock longer than the busy
	 * timeout, or committed since this transaction read */
	int code = sqlite3_errcode(H(d)) & 0xff;
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		d->lost_race = true;
	return err_add(e, EXIT_SYSTEM, "%s: %s: %s", d->target, what, sqlite3_errmsg(H(d)));
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
	if (sqlite3_exec(H(d), sql, NULL, NULL, &msg) != SQLITE_OK) {
		err_add(e, EXIT_SYSTEM, "%s: %s", d->target, msg ? msg : "error");
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

/* begin_write: the write lock at once, so that writers take turns (the busy
 * timeout) instead of failing when another committed after this one read */
static const struct db_ops sqlite_ops = {
        "sqlite",    s_close,    s_exec_script, s_prepare,  s_bind_int,        s_bind_text,
        s_bind_null, s_reset,    s_step,        s_finalize, s_ncols,           s_col_null,
        s_col_int,   s_col_text, s_col_name,    s_changes,  "BEGIN IMMEDIATE", true,
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

int sqlite_open(const char *path, bool create, db **out, err *e)
{
	struct stat sb;
	*out = NULL;
	if (!create && stat(path, &sb) != 0)
		return err_add(e, EXIT_SYSTEM,
		               "%s: no such database (create one with 'duikou init' or 'duikou demo')", path);
	struct sqlite_db *d = xcalloc(1, sizeof *d);
	d->base.ops = &sqlite_ops;
	d->base.target = xstrdup(path);
	int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &d->h, flags, NULL) != SQLITE_OK) {
		err_add(e, EXIT_SYSTEM, "%s: cannot open database: %s", path,
		        d->h ? sqlite3_errmsg(d->h) : "out of memory");
		s_close(&d->base);
		return -1;
	}
	sqlite3_busy_timeout(d->h, 5000);
	sqlite3_extended_result_codes(d->h, 1);
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
	if (s_exec_script(*out,
	                  "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA cache_size = -8192; "
	                  "PRAGMA temp_store = MEMORY;",
	                  e)) {
		s_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
