/* The PostgreSQL backend of the store, through libpq. The SQL text is the
 * one SQLite runs ($N parameters are PostgreSQL's own); values travel as
 * text and the server infers their types from the statement.
 *
 * Each distinct SQL text is prepared once per connection (PQprepare under a
 * name of its own) and kept, so a statement run again costs one round trip.
 * A statement's rows are fetched whole when it is first stepped: the callers
 * run other statements on the same connection while stepping one (export
 * and the reports nest queries), which single-row mode forbids, and every
 * result duikou asks for is a page or a report's worth of rows. */
#include "store/backend.h"
#include <ctype.h>
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every connection's settings, again after a reconnect: UTF-8 and UTC
 * whatever the server's defaults. */
#define SESSION_SETTINGS "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'"

/* Cached server-side statements beyond this are deallocated all at once. */
#define PG_CACHE_MAX 512

struct pg_prepared {
	char *sql;
	char name[24];
	unsigned long hash;
};

struct pg_db {
	struct db base;
	PGconn *conn;
	struct pg_prepared *cache;
	size_t ncache;
	unsigned long next_name;
	/* bumped when the server forgets the prepared statements (reset,
	 * DEALLOCATE ALL): a statement of an older generation prepares again */
	unsigned long generation;
	int64_t changes;
};

struct pg_stmt {
	struct db_stmt base;
	char *sql;
	char name[24];
	unsigned long generation;
	char **params; /* $1.. as text, NULL for SQL NULL */
	int nparams, capparams;
	PGresult *res;  /* the rows of the last execution */
	PGresult *desc; /* the columns, asked before the first step */
	int row;        /* the current row of res; -1 before the first */
};

#define PGD(d)  ((struct pg_db *)(d))
#define PGS(st) ((struct pg_stmt *)(st))

/* The first words of SQL, as the context of an error. */
static void sql_head(const char *sql, char *out, size_t n)
{
	size_t j = 0;
	int words = 0;
	while (*sql && isspace((unsigned char)*sql))
		sql++;
	for (; *sql && j + 1 < n; sql++) {
		if (isspace((unsigned char)*sql)) {
			if (++words == 4)
				break;
			while (isspace((unsigned char)sql[1]))
				sql++;
			out[j++] = ' ';
		} else {
			out[j++] = *sql;
		}
	}
	out[j] = '\0';
}

/* The server's message without its trailing newline. */
static int fail_msg(db *d, err *e, const char *sql, const char *msg)
{
	char head[64];
	sql_head(sql ? sql : "", head, sizeof head);
	int len = (int)strlen(msg);
	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	return err_add(e, EXIT_SYSTEM, "%s: %s: %.*s", d->target, head, len, msg);
}

/* SQLSTATEs of a transaction that lost a race with another: a
 * serialization failure, a deadlock, and a unique key that another
 * transaction committed after this one's snapshot (two POSTs of one code:
 * run again, the second sees the first's row and answers a conflict). */
static bool race_state(const char *state)
{
	return state &&
	       (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "23505") == 0);
}

/* One line: the server's primary message and its detail, or libpq's. */
static int fail_res(db *d, err *e, const char *sql, const PGresult *r)
{
	/* kept until the next db_begin_write: the statements after the
	 * failed one fail too ("transaction is aborted") */
	if (r && race_state(PQresultErrorField(r, PG_DIAG_SQLSTATE)))
		d->lost_race = true;
	const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!primary) {
		const char *msg = PQerrorMessage(PGD(d)->conn);
		return fail_msg(d, e, sql, *msg ? msg : "error");
	}
	const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
	buf b = BUF_INIT;
	buf_printf(&b, "%s%s%s", primary, detail ? " (" : "", detail ? detail : "");
	if (detail)
		buf_putc(&b, ')');
	for (char *c = (char *)buf_str(&b); *c; c++)
		if (*c == '\n')
			*c = ' ';
	int rc = fail_msg(d, e, sql, buf_str(&b));
	buf_free(&b);
	return rc;
}

static bool result_ok(const PGresult *r)
{
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

/* The connection is lost (the server restarted, the network failed):
 * libpq says so, or the server's SQLSTATE is of class 08. */
static bool connection_lost(PGconn *c, const PGresult *r)
{
	if (PQstatus(c) == CONNECTION_BAD)
		return true;
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	return state && strncmp(state, "08", 2) == 0;
}

static void forget_prepared(struct pg_db *d)
{
	for (size_t i = 0; i < d->ncache; i++)
		free(d->cache[i].sql);
	free(d->cache);
	d->cache = NULL;
	d->ncache = 0;
	d->generation++;
}

/* After a lost connection outside a transaction: reconnect once. A lost
 * connection inside a transaction is reported; the caller rolls back. */
static bool may_retry(struct pg_db *d, bool was_idle, const PGresult *r)
{
	if (!was_idle || !connection_lost(d->conn, r))
		return false;
	PQreset(d->conn);
	forget_prepared(d);
	if (PQstatus(d->conn) != CONNECTION_OK)
		return false;
	PGresult *s = PQexec(d->conn, SESSION_SETTINGS);
	bool ok = result_ok(s);
	PQclear(s);
	return ok;
}

static bool idle(struct pg_db *d)
{
	return PQtransactionStatus(d->conn) == PQTRANS_IDLE;
}

static void note_changes(struct pg_db *d, const PGresult *r)
{
	const char *cmd = PQcmdStatus((PGresult *)r);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		d->changes = atoll(PQcmdTuples((PGresult *)r));
}

static void p_close(db *dd)
{
	struct pg_db *d = PGD(dd);
	forget_prepared(d);
	PQfinish(d->conn);
	free(dd->target);
	free(d);
}

static int p_exec_script(db *dd, const char *sql, err *e)
{
	struct pg_db *d = PGD(dd);
	for (int attempt = 0;; attempt++) {
		bool was_idle = idle(d);
		PGresult *r = PQexec(d->conn, sql);
		if (result_ok(r)) {
			note_changes(d, r);
			PQclear(r);
			return 0;
		}
		if (attempt == 0 && may_retry(d, was_idle, r)) {
			PQclear(r);
			continue;
		}
		fail_res(dd, e, sql, r);
		PQclear(r);
		return -1;
	}
}

static unsigned long hash_sql(const char *s)
{
	unsigned long h = 1469598103934665603UL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211UL;
	return h;
}

/* Gives ST the server-side name of its SQL, preparing it on this
 * connection when it is new there. */
static int ensure_prepared(struct pg_stmt *st, err *e)
{
	struct pg_db *d = PGD(st->base.d);
	if (st->name[0] && st->generation == d->generation)
		return 0;
	unsigned long h = hash_sql(st->sql);
	for (size_t i = 0; i < d->ncache; i++)
		if (d->cache[i].hash == h && strcmp(d->cache[i].sql, st->sql) == 0) {
			memcpy(st->name, d->cache[i].name, sizeof st->name);
			st->generation = d->generation;
			return 0;
		}
	if (d->ncache >= PG_CACHE_MAX && PQtransactionStatus(d->conn) != PQTRANS_INERROR) {
		PGresult *r = PQexec(d->conn, "DEALLOCATE ALL");
		if (result_ok(r))
			forget_prepared(d);
		PQclear(r);
	}
	char name[24];
	snprintf(name, sizeof name, "duikou_%lu", ++d->next_name);
	for (int attempt = 0;; attempt++) {
		bool was_idle = idle(d);
		PGresult *r = PQprepare(d->conn, name, st->sql, 0, NULL);
		if (result_ok(r)) {
			PQclear(r);
			break;
		}
		if (attempt == 0 && may_retry(d, was_idle, r)) {
			PQclear(r);
			continue;
		}
		fail_res(&d->base, e, st->sql, r);
		PQclear(r);
		return -1;
	}
	d->cache = xrealloc(d->cache, (d->ncache + 1) * sizeof *d->cache);
	d->cache[d->ncache].sql = xstrdup(st->sql);
	memcpy(d->cache[d->ncache].name, name, sizeof name);
	d->cache[d->ncache].hash = h;
	d->ncache++;
	memcpy(st->name, name, sizeof st->name);
	st->generation = d->generation;
	return 0;
}

static int p_prepare(db *d, db_stmt **out, const char *sql, err *e)
{
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	st->base.d = d;
	st->sql = xstrdup(sql);
	st->row = -1;
	if (ensure_prepared(st, e)) {
		free(st->sql);
		free(st);
		*out = NULL;
		return -1;
	}
	*out = &st->base;
	return 0;
}

static void clear_params(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->params[i]);
		st->params[i] = NULL;
	}
	st->nparams = 0;
}

static void set_param(struct pg_stmt *st, int idx, char *v)
{
	if (idx > st->capparams) {
		int cap = st->capparams ? st->capparams : 8;
		while (cap < idx)
			cap *= 2;
		st->params = xrealloc(st->params, (size_t)cap * sizeof *st->params);
		for (int i = st->capparams; i < cap; i++)
			st->params[i] = NULL;
		st->capparams = cap;
	}
	free(st->params[idx - 1]);
	st->params[idx - 1] = v;
	if (idx > st->nparams)
		st->nparams = idx;
}

static int p_bind_int(db_stmt *st, int idx, int64_t v, err *e)
{
	(void)e;
	char s[24];
	snprintf(s, sizeof s, "%lld", (long long)v);
	set_param(PGS(st), idx, xstrdup(s));
	return 0;
}

static int p_bind_text(db_stmt *st, int idx, const char *s, err *e)
{
	(void)e;
	set_param(PGS(st), idx, xstrdup(s));
	return 0;
}

static int p_bind_null(db_stmt *st, int idx, err *e)
{
	(void)e;
	set_param(PGS(st), idx, NULL);
	return 0;
}

static int p_reset(db_stmt *sb, err *e)
{
	(void)e;
	struct pg_stmt *st = PGS(sb);
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	clear_params(st);
	return 0;
}

static int execute(struct pg_stmt *st, err *e)
{
	struct pg_db *d = PGD(st->base.d);
	for (int attempt = 0;; attempt++) {
		if (ensure_prepared(st, e))
			return -1;
		bool was_idle = idle(d);
		PGresult *r = PQexecPrepared(d->conn, st->name, st->nparams, (const char *const *)st->params,
		                             NULL, NULL, 0);
		if (result_ok(r)) {
			note_changes(d, r);
			st->res = r;
			return 0;
		}
		if (attempt == 0 && may_retry(d, was_idle, r)) {
			PQclear(r);
			continue;
		}
		fail_res(&d->base, e, st->sql, r);
		PQclear(r);
		return -1;
	}
}

static int p_step(db_stmt *sb, err *e)
{
	struct pg_stmt *st = PGS(sb);
	if (!st->res) {
		if (execute(st, e))
			return DB_ERROR;
		st->row = -1;
	}
	if (st->row + 1 < PQntuples(st->res)) {
		st->row++;
		return DB_ROW;
	}
	st->row = PQntuples(st->res);
	return DB_DONE;
}

static void p_finalize(db_stmt *sb)
{
	struct pg_stmt *st = PGS(sb);
	PQclear(st->res);
	PQclear(st->desc);
	clear_params(st);
	free(st->params);
	free(st->sql);
	free(st);
}

/* The result that knows the columns: the rows once run, else the
 * statement's description (asked of the server once). */
static const PGresult *columns(struct pg_stmt *st)
{
	if (st->res)
		return st->res;
	if (!st->desc) {
		err e;
		err_init(&e);
		if (ensure_prepared(st, &e) == 0)
			st->desc = PQdescribePrepared(PGD(st->base.d)->conn, st->name);
		err_free(&e);
	}
	return st->desc;
}

static int p_ncols(db_stmt *st)
{
	const PGresult *r = columns(PGS(st));
	return r ? PQnfields(r) : 0;
}

static bool on_row(const struct pg_stmt *st, int c)
{
	return st->res && st->row >= 0 && st->row < PQntuples(st->res) && c >= 0 && c < PQnfields(st->res);
}

static bool p_col_null(db_stmt *sb, int c)
{
	struct pg_stmt *st = PGS(sb);
	return !on_row(st, c) || PQgetisnull(st->res, st->row, c);
}

static const char *p_col_text(db_stmt *sb, int c)
{
	struct pg_stmt *st = PGS(sb);
	if (!on_row(st, c) || PQgetisnull(st->res, st->row, c))
		return "";
	return PQgetvalue(st->res, st->row, c);
}

/* Integers come as text; SUM of a BIGINT comes as numeric ("123"), a
 * comparison as a boolean ("t"/"f"). A value that is not a whole number
 * ("12.5") marks the statement, and db.c reports it. */
static int64_t p_col_int(db_stmt *sb, int c)
{
	const char *s = p_col_text(sb, c);
	if (!*s)
		return 0;
	if (strcmp(s, "t") == 0)
		return 1;
	if (strcmp(s, "f") == 0)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || end == s) {
		if (!sb->bad) {
			char msg[160];
			snprintf(msg, sizeof msg, "column %s: \"%.40s\" is not an integer",
			         PQfname(PGS(sb)->res, c), s);
			sb->bad = xstrdup(msg);
		}
		return 0;
	}
	return v;
}

static const char *p_col_name(db_stmt *sb, int c)
{
	const PGresult *r = columns(PGS(sb));
	return r && c >= 0 && c < PQnfields(r) ? PQfname(r, c) : "";
}

static int64_t p_changes(db *d)
{
	return PGD(d)->changes;
}

/* begin_write: one snapshot for the whole transaction, so that a row
 * another transaction changed since then cannot be written over (40001) */
#define BEGIN_WRITE "BEGIN ISOLATION LEVEL REPEATABLE READ"
static const struct db_ops pg_ops = {
        "postgresql", p_close,   p_exec_script, p_prepare, p_bind_int, p_bind_text, p_bind_null,
        p_reset,      p_step,    p_finalize,    p_ncols,   p_col_null, p_col_int,   p_col_text,
        p_col_name,   p_changes, BEGIN_WRITE,   false,     NULL,       NULL,        NULL,
};

static void quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int pg_open(const char *target, db **out, err *e)
{
	*out = NULL;
	struct pg_db *d = xcalloc(1, sizeof *d);
	d->base.ops = &pg_ops;
	d->base.target = db_target_shown(target);
	d->conn = PQconnectdb(target);
	if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
		const char *msg = d->conn ? PQerrorMessage(d->conn) : "out of memory";
		int len = (int)strlen(msg);
		while (len > 0 && msg[len - 1] == '\n')
			len--;
		err_add(e, EXIT_SYSTEM, "%s: cannot connect: %.*s", d->base.target, len, msg);
		p_close(&d->base);
		return -1;
	}
	/* NOTICEs (CREATE … IF NOT EXISTS that exists) are not the user's concern */
	PQsetNoticeProcessor(d->conn, quiet_notice, NULL);
	*out = &d->base;
	if (p_exec_script(*out, SESSION_SETTINGS, e)) {
		p_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
