/* The backend-independent half of the store: parameter binding by type
 * string, convenience runners, transactions and migrations. */
#include "store/backend.h"
#include "core/embedded.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *db_default_target(const char *opt)
{
	if (opt && *opt)
		return opt;
	const char *env = getenv("DUIKOU_DB");
	if (env && *env)
		return env;
	return "duikou.db";
}

int db_open(const char *target, bool create, db **out, err *e)
{
	*out = NULL;
	if (db_is_url(target))
		return pg_open(target, out, e);
	return sqlite_open(target, create, out, e);
}

bool db_is_url(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0;
}

char *db_target_shown(const char *target)
{
	buf b = BUF_INIT;
	if (!db_is_url(target)) {
		buf_puts(&b, target);
		return buf_detach(&b);
	}
	const char *auth = strstr(target, "://") + 3;
	size_t hostpart = strcspn(auth, "/?");
	/* the last '@' of the authority: all before it is the user's */
	const char *at = NULL;
	for (const char *c = auth; c < auth + hostpart; c++)
		if (*c == '@')
			at = c;
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	const char *p = target;
	if (colon) {
		/* user:PASSWORD@ */
		buf_add(&b, p, (size_t)(colon + 1 - p));
		buf_puts(&b, "***");
		p = at;
	}
	/* the parameters after '?': password=… (key=value pairs joined by &) */
	const char *q = strchr(p, '?');
	if (!q) {
		buf_puts(&b, p);
		return buf_detach(&b);
	}
	buf_add(&b, p, (size_t)(q + 1 - p));
	for (q++; *q;) {
		size_t len = strcspn(q, "&");
		if (strncmp(q, "password=", 9) == 0 && len >= 9) {
			buf_puts(&b, "password=***");
		} else {
			buf_add(&b, q, len);
		}
		q += len;
		if (*q == '&')
			buf_putc(&b, *q++);
	}
	return buf_detach(&b);
}

const char *db_dialect(const db *d)
{
	return d->ops->name;
}

void db_close(db *d)
{
	if (!d)
		return;
	for (unsigned i = 0; i < DB_RUN_CACHE; i++)
		if (d->runs[i].sql) {
			db_finalize(d->runs[i].st);
			free(d->runs[i].sql);
		}
	d->ops->close(d);
}

int db_exec_script(db *d, const char *sql, err *e)
{
	return d->ops->exec_script(d, sql, e);
}

static int bind_va(db_stmt *st, err *e, const char *types, va_list ap)
{
	const struct db_ops *ops = st->d->ops;
	for (int i = 0; types && types[i]; i++) {
		int idx = i + 1, rc;
		switch (types[i]) {
		case 'i':
			rc = ops->bind_int(st, idx, va_arg(ap, int64_t), e);
			break;
		case 't': {
			const char *s = va_arg(ap, const char *);
			rc = s ? ops->bind_text(st, idx, s, e) : ops->bind_null(st, idx, e);
			break;
		}
		case 'n': {
			int has = va_arg(ap, int);
			int64_t v = va_arg(ap, int64_t);
			rc = has ? ops->bind_int(st, idx, v, e) : ops->bind_null(st, idx, e);
			break;
		}
		default:
			return err_add(e, EXIT_SYSTEM, "internal: bad bind type '%c'", types[i]);
		}
		if (rc)
			return -1;
	}
	return 0;
}

int db_prepare(db *d, db_stmt **out, err *e, const char *sql, const char *types, ...)
{
	if (d->ops->prepare(d, out, sql, e))
		return -1;
	va_list ap;
	va_start(ap, types);
	int rc = bind_va(*out, e, types, ap);
	va_end(ap);
	if (rc) {
		db_finalize(*out);
		*out = NULL;
	}
	return rc;
}

int db_rebind(db_stmt *st, err *e, const char *types, ...)
{
	if (st->d->ops->reset(st, e))
		return -1;
	va_list ap;
	va_start(ap, types);
	int rc = bind_va(st, e, types, ap);
	va_end(ap);
	return rc;
}

int db_rebind_values(db_stmt *st, err *e, const struct db_value *v, size_t n)
{
	const struct db_ops *ops = st->d->ops;
	if (ops->reset(st, e))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int idx = (int)i + 1, rc;
		if (v[i].type == 'i')
			rc = ops->bind_int(st, idx, v[i].i, e);
		else if (v[i].type == 't' && v[i].s)
			rc = ops->bind_text(st, idx, v[i].s, e);
		else
			rc = ops->bind_null(st, idx, e);
		if (rc)
			return -1;
	}
	return 0;
}

/* Reports the value col_int could not read, once. */
static int report_bad(db_stmt *st, err *e)
{
	err_add(e, EXIT_SYSTEM, "%s: %s", st->d->target, st->bad);
	free(st->bad);
	st->bad = NULL;
	return DB_ERROR;
}

int db_step(db_stmt *st, err *e)
{
	if (st->bad)
		return report_bad(st, e);
	return st->d->ops->step(st, e);
}

void db_finalize(db_stmt *st)
{
	if (st) {
		free(st->bad);
		st->d->ops->finalize(st);
	}
}

int db_ncols(db_stmt *st)
{
	return st->d->ops->ncols(st);
}
bool db_col_null(db_stmt *st, int col)
{
	return st->d->ops->col_null(st, col);
}
int64_t db_col_int(db_stmt *st, int col)
{
	return st->d->ops->col_int(st, col);
}
const char *db_col_text(db_stmt *st, int col)
{
	return st->d->ops->col_text(st, col);
}
const char *db_col_name(db_stmt *st, int col)
{
	return st->d->ops->col_name(st, col);
}
int64_t db_changes(db *d)
{
	return d->ops->changes(d);
}

/* The statement of SQL for db_run/db_int: a cached one, reset, or a new
 * one, cached when the backend asks for it. *CACHED tells which. */
static int run_stmt(db *d, const char *sql, db_stmt **out, bool *cached, err *e)
{
	*cached = false;
	if (d->ops->cache_runs)
		for (unsigned i = 0; i < DB_RUN_CACHE; i++)
			if (d->runs[i].sql && strcmp(d->runs[i].sql, sql) == 0) {
				*out = d->runs[i].st;
				*cached = true;
				return d->ops->reset(*out, e);
			}
	if (d->ops->prepare(d, out, sql, e))
		return -1;
	if (d->ops->cache_runs) {
		unsigned i = d->runs_next++ % DB_RUN_CACHE;
		if (d->runs[i].sql) {
			db_finalize(d->runs[i].st);
			free(d->runs[i].sql);
		}
		d->runs[i].sql = xstrdup(sql);
		d->runs[i].st = *out;
		*cached = true;
	}
	return 0;
}

static int run_va(db *d, err *e, int64_t *out, const char *sql, const char *types, va_list ap)
{
	db_stmt *st;
	bool cached;
	if (run_stmt(d, sql, &st, &cached, e))
		return -1;
	int rc = bind_va(st, e, types, ap) ? DB_ERROR : db_step(st, e);
	if (out)
		*out = rc == DB_ROW ? db_col_int(st, 0) : 0;
	if (st->bad)
		rc = report_bad(st, e);
	/* a cached statement is reset at once: a query left open would hold
	 * its read transaction */
	if (cached)
		d->ops->reset(st, NULL);
	else
		db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int db_run(db *d, err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = run_va(d, e, NULL, sql, types, ap);
	va_end(ap);
	return rc;
}

int db_int(db *d, int64_t *out, err *e, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = run_va(d, e, out, sql, types, ap);
	va_end(ap);
	return rc;
}

/* Every db_begin is a write's (imports, users, init, copy). On SQLite it
 * takes the write lock at once: a deferred transaction that has read
 * cannot wait for another process's lock when it comes to write (SQLite
 * calls no busy handler then, to avoid a deadlock), so an import beside a
 * writing server or a locked file failed at once instead of waiting the
 * busy timeout. PostgreSQL keeps READ COMMITTED (DEVELOPERS.md). */
int db_begin(db *d, err *e)
{
	return db_run(d, e, strcmp(db_dialect(d), "sqlite") == 0 ? "BEGIN IMMEDIATE" : "BEGIN", "");
}
int db_commit(db *d, err *e)
{
	return db_run(d, e, "COMMIT", "");
}

int db_begin_write(db *d, err *e)
{
	d->lost_race = false;
	return db_run(d, e, d->ops->begin_write, "");
}

bool db_lost_race(const db *d)
{
	return d->lost_race;
}

bool db_retry(db *d, int *attempt)
{
	if (!d->lost_race || ++*attempt >= DB_WRITE_ATTEMPTS)
		return false;
	d->lost_race = false;
	/* 1–4 ms, then more each time (up to ~40 ms), at random, so that the
	 * racers of one row do not meet again at once */
	unsigned max_us = 4000u * (unsigned)*attempt;
	unsigned seed = (unsigned)(uintptr_t)d ^ (unsigned)time(NULL) ^ (unsigned)clock();
	struct timespec ts = {0, (long)(1000u + rand_r(&seed) % max_us) * 1000L};
	nanosleep(&ts, NULL);
	return true;
}

int db_rollback(db *d)
{
	err e;
	err_init(&e);
	int rc = db_run(d, &e, "ROLLBACK", "");
	err_free(&e);
	return rc;
}

int db_schema_version(db *d, int64_t *out, err *e)
{
	return db_int(d, out, e, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "");
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp((*(const struct embedded_file *const *)a)->path,
	              (*(const struct embedded_file *const *)b)->path);
}

/* The dialects' differences in the shared migrations, in this one place.
 *
 * A migration may hold blocks for one backend, between a line
 * "-- dialect: sqlite" or "-- dialect: postgresql" and a line
 * "-- dialect: end" (triggers, whose bodies differ). On PostgreSQL these
 * words are then rewritten, whole and in upper case:
 *   INTEGER PRIMARY KEY  an identity column (SQLite's rowid alias);
 *   TEXT                 TEXT COLLATE "C": text compares and sorts by its
 *                        bytes, as in SQLite, whatever the database's locale.
 */
static const struct {
	const char *from, *to;
} pg_words[] = {
        {"INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"TEXT", "TEXT COLLATE \"C\""},
};

static bool word_at(const char *s, const char *start, const char *w)
{
	size_t n = strlen(w);
	if (strncmp(s, w, n) != 0)
		return false;
	bool before = s == start || !(isalnum((unsigned char)s[-1]) || s[-1] == '_');
	bool after = !(isalnum((unsigned char)s[n]) || s[n] == '_');
	return before && after;
}

void db_migration_sql(const char *dialect, const char *sql, buf *out)
{
	bool pg = strcmp(dialect, "postgresql") == 0;
	const char *keep = NULL; /* inside a block: its dialect */
	for (const char *line = sql; *line;) {
		const char *eol = strchr(line, '\n');
		size_t len = eol ? (size_t)(eol - line + 1) : strlen(line);
		if (strncmp(line, "-- dialect: ", 12) == 0) {
			keep = strncmp(line + 12, "end", 3) == 0      ? NULL
			       : strncmp(line + 12, "sqlite", 6) == 0 ? "sqlite"
			                                              : "postgresql";
		} else if (!keep || strcmp(keep, dialect) == 0) {
			for (const char *c = line; c < line + len;) {
				size_t i = 0, nw = pg ? sizeof pg_words / sizeof pg_words[0] : 0;
				while (i < nw && !word_at(c, sql, pg_words[i].from))
					i++;
				if (i < nw) {
					buf_puts(out, pg_words[i].to);
					c += strlen(pg_words[i].from);
				} else {
					buf_putc(out, *c++);
				}
			}
		}
		line += len;
	}
}

/* SQLite's CURRENT_TIMESTAMP format, the same on every backend. */
static void utc_now(char out[24])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm))
		strcpy(out, "1970-01-01 00:00:00");
}

static int exec_migration(db *d, const char *sql, err *e)
{
	buf b = BUF_INIT;
	db_migration_sql(db_dialect(d), sql, &b);
	int rc = db_exec_script(d, buf_str(&b), e);
	buf_free(&b);
	return rc;
}

/* Migrations are sql/NNN_name.sql, applied in order, each in its own
 * transaction together with its row in schema_migrations (OWN_TX), or all
 * in the caller's. */
static int migrate(db *d, bool own_tx, err *e)
{
	if (exec_migration(d,
	                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
	                   " version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL,"
	                   " applied_at TEXT NOT NULL)",
	                   e))
		return -1;
	int64_t have;
	if (db_schema_version(d, &have, e))
		return -1;
	const struct embedded_file *list[256];
	size_t n = 0;
	for (const struct embedded_file *f = embedded_files; f->path && n < 256; f++)
		if (strncmp(f->path, "sql/", 4) == 0)
			list[n++] = f;
	qsort(list, n, sizeof list[0], cmp_path);
	for (size_t i = 0; i < n; i++) {
		const char *name = list[i]->path + 4;
		int64_t v = atoll(name);
		if (v <= have)
			continue;
		char now[24];
		utc_now(now);
		if (own_tx && db_begin(d, e))
			return -1;
		if (exec_migration(d, list[i]->data, e) ||
		    db_run(d, e,
		           "INSERT INTO schema_migrations(version, name, applied_at) VALUES ($1, $2, $3)",
		           "itt", v, name, now)) {
			if (own_tx)
				db_rollback(d);
			return err_add(e, EXIT_SYSTEM, "migration %s failed", name);
		}
		if (own_tx && db_commit(d, e))
			return -1;
	}
	return 0;
}

int64_t db_schema_latest(void)
{
	int64_t latest = 0;
	for (const struct embedded_file *f = embedded_files; f->path; f++)
		if (strncmp(f->path, "sql/", 4) == 0 && atoll(f->path + 4) > latest)
			latest = atoll(f->path + 4);
	return latest;
}

int db_open_readonly(const char *path, db **out, err *e)
{
	*out = NULL;
	if (db_is_url(path))
		return err_add(e, EXIT_USAGE, "%s: not a SQLite file", path);
	return sqlite_open_readonly(path, out, e);
}

static int no_backup(db *d, err *e)
{
	return err_add(e, EXIT_USAGE,
	               "%s: backup and restore do not apply to a %s database (use pg_dump and pg_restore)",
	               d->target, db_dialect(d));
}

int db_backup(db *d, const char *path, err *e)
{
	return d->ops->backup ? d->ops->backup(d, path, e) : no_backup(d, e);
}

int db_restore(db *d, db *src, err *e)
{
	if (!d->ops->restore)
		return no_backup(d, e);
	/* the connection's cached statements hold the old schema */
	for (unsigned i = 0; i < DB_RUN_CACHE; i++)
		if (d->runs[i].sql) {
			db_finalize(d->runs[i].st);
			free(d->runs[i].sql);
			d->runs[i].sql = NULL;
		}
	return d->ops->restore(d, src, e);
}

int db_integrity_check(db *d, err *e)
{
	return d->ops->integrity ? d->ops->integrity(d, e) : 0;
}

int db_migrate(db *d, err *e)
{
	return migrate(d, true, e);
}

int db_migrate_in_transaction(db *d, err *e)
{
	return migrate(d, false, e);
}

/* The tables of the database (not SQLite's own), newest first, quoted by
 * the database itself and joined by ", ". */
static int list_tables(db *d, buf *names, size_t *n, err *e)
{
	bool pg = strcmp(db_dialect(d), "postgresql") == 0;
	db_stmt *st;
	if (db_prepare(
	            d, &st, e,
	            pg ? "SELECT quote_ident(c.relname) FROM pg_class c"
	                 " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')"
	                 " ORDER BY c.oid DESC"
	               : "SELECT '\"' || replace(name, '\"', '\"\"') || '\"' FROM sqlite_master"
	                 " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid "
	                 "DESC",
	            ""))
		return -1;
	int rc;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		buf_printf(names, "%s%s", *n ? ", " : "", db_col_text(st, 0));
		(*n)++;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int db_table_count(db *d, int64_t *out, err *e)
{
	buf names = BUF_INIT;
	size_t n = 0;
	int rc = list_tables(d, &names, &n, e);
	buf_free(&names);
	*out = (int64_t)n;
	return rc;
}

/* The names come from the database's catalogue, quoted by it: no value
 * of a user's is formatted into this SQL. */
int db_drop_all(db *d, err *e)
{
	bool pg = strcmp(db_dialect(d), "postgresql") == 0;
	buf names = BUF_INIT, sql = BUF_INIT;
	size_t n = 0;
	int rc = list_tables(d, &names, &n, e);
	if (!rc && pg) {
		/* the tables at once with CASCADE, then the functions (the audit
		 * trigger's) */
		if (n)
			buf_printf(&sql, "DROP TABLE %s CASCADE;", buf_str(&names));
		db_stmt *st;
		rc = db_prepare(d, &st, e,
		                "SELECT p.oid::regprocedure::text FROM pg_proc p"
		                " WHERE p.pronamespace = current_schema()::regnamespace",
		                "");
		int s = DB_ERROR;
		while (!rc && (s = db_step(st, e)) == DB_ROW)
			buf_printf(&sql, " DROP FUNCTION %s CASCADE;", db_col_text(st, 0));
		if (!rc)
			db_finalize(st);
		if (!rc && s == DB_ERROR)
			rc = -1;
	} else if (!rc && n) {
		/* newest first; foreign keys are checked at commit, when all are gone */
		buf_puts(&sql, "PRAGMA defer_foreign_keys = ON;");
		const char *c = buf_str(&names);
		while (*c) {
			const char *next = strstr(c, ", ");
			size_t len = next ? (size_t)(next - c) : strlen(c);
			buf_printf(&sql, " DROP TABLE %.*s;", (int)len, c);
			c = next ? next + 2 : c + len;
		}
	}
	if (!rc && sql.len)
		rc = db_exec_script(d, buf_str(&sql), e);
	buf_free(&names);
	buf_free(&sql);
	return rc;
}

int db_sync_ids(db *d, const char *table, err *e)
{
	if (strcmp(db_dialect(d), "postgresql") != 0)
		return 0;
	/* TABLE is one of duikou's, a constant of the caller's */
	buf sql = BUF_INIT;
	buf_printf(&sql,
	           "SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM %s",
	           table);
	int rc = db_run(d, e, buf_str(&sql), "t", table);
	buf_free(&sql);
	return rc;
}

void db_set_verified_only(db *d, bool on)
{
	d->verified_only = on;
}

bool db_verified_only(const db *d)
{
	return d->verified_only;
}
