/* The kind-driven list queries (list.h): filters and sort come from the
 * kinds table, so every SQL fragment is a column name of that table or a
 * fixed string here, and every value from the request is a bound
 * parameter. */
#include "web/list.h"
#include "model/codes.h"
#include "model/perm.h"
#include <stdlib.h>
#include <string.h>

bool list_filterable(const struct column *c)
{
	return c->type == CT_DIVISION || c->type == CT_CODE || c->type == CT_PROGRAM ||
	       c->type == CT_CONFERENCE || c->type == CT_PROJECT;
}

bool list_summed(const struct column *c)
{
	return c->type == CT_AMOUNT || c->type == CT_INT;
}

/* funds and status refer to a project; their county is the project's */
bool list_has_county(const struct kind *k)
{
	return strcmp(k->name, "funds") == 0 || strcmp(k->name, "transfers") == 0;
}

bool list_has_project(const struct kind *k)
{
	return strcmp(k->name, "funds") == 0 || strcmp(k->name, "status") == 0 ||
	       strcmp(k->name, "transfers") == 0;
}

/* The filters of issue 10 (list.h); true when KEY is one of them. */
static bool project_filter(const struct kind *k, const char *key, const char *val, struct list_query *q,
                           int *bad, err *e)
{
	if (list_has_project(k) && strcmp(key, "supporter") == 0)
		q->supporter = val[0] ? val : NULL;
	else if (list_has_project(k) && strcmp(key, "program") == 0)
		q->program = val[0] ? val : NULL;
	else if (list_has_project(k) && strcmp(key, "signed_year") == 0) {
		const char *why;
		if (val[0] && (num_parse_int(val, &q->signed_year, &why) || q->signed_year < 1949 ||
		               q->signed_year > 2100))
			*bad = err_add(e, EXIT_INVALID, "signed_year: '%s' is not a year", val);
	} else if (strcmp(k->name, "plans") == 0 && strcmp(key, "paired_with") == 0)
		q->paired_with = val[0] ? val : NULL;
	else if (strcmp(k->name, "funds") == 0 && strcmp(key, "verified") == 0) {
		/* the receipts verified as arrived: what ?verified=1 makes a report count */
		q->verified = strcmp(val, "1") == 0 || strcmp(val, "on") == 0 || strcmp(val, "true") == 0;
		if (!q->verified && val[0] && strcmp(val, "0") != 0)
			*bad = err_add(e, EXIT_INVALID, "verified: '%s' is neither 1 nor 0", val);
	} else
		return false;
	return true;
}

/* The year filter: the first date column, or for kinds whose records span
 * years (plans, pairings) the first two year columns as a range whose
 * open end is NULL. */
static void year_columns(const struct kind *k, const char **date, const char **lo, const char **hi)
{
	*date = *lo = *hi = NULL;
	for (size_t i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		if (c->type == CT_DATE && !*date && !*lo)
			*date = c->name;
		else if (c->type == CT_YEAR && !*date && !*lo)
			*lo = c->name;
		else if (c->type == CT_YEAR && *lo && !*hi)
			*hi = c->name;
	}
}

/* The URL id of the scheme: visits by their integer id, the others by
 * their key columns joined with '|' (the code alone for most kinds). */
static void id_sql(const struct kind *k, buf *sql)
{
	if (strcmp(k->name, "visits") == 0) {
		buf_puts(sql, "CAST(t.id AS TEXT)");
		return;
	}
	for (size_t i = 0; k->key[i]; i++)
		buf_printf(sql, "%st.\"%s\"", i ? " || '|' || " : "", k->key[i]);
}

void list_columns_sql(const struct kind *k, buf *sql)
{
	for (size_t i = 0; i < k->ncols; i++)
		buf_printf(sql, "t.\"%s\", ", k->cols[i].name);
	id_sql(k, sql);
	/* named apart: PostgreSQL names CAST(t.id AS TEXT) "id", and an ORDER
	 * BY id (the export order) would then sort the text */
	buf_puts(sql, " AS url_id");
}

static bool allowed(const char *key, const char *const *extra)
{
	static const char *const always[] = {"year", "sort", "dir", "page", "lang", NULL};
	for (const char *const *a = always; *a; a++)
		if (strcmp(key, *a) == 0)
			return true;
	for (; extra && *extra; extra++)
		if (strcmp(key, *extra) == 0)
			return true;
	return false;
}

int list_read(const struct web_req *req, const struct kind *k, const char *const *extra, struct list_query *q,
              err *e)
{
	memset(q, 0, sizeof *q);
	q->k = k;
	q->sort = -1;
	q->actor = req->actor;
	if (k->ncols > LIST_MAX_COLS)
		return err_add(e, EXIT_SYSTEM, "%s: more columns than a list holds", k->name);
	for (size_t p = 0; p < req->nparams; p++) {
		const char *key = req->params[p].key, *val = req->params[p].val;
		for (size_t o = 0; o < p; o++)
			if (strcmp(req->params[o].key, key) == 0)
				return err_add(e, EXIT_INVALID, "%s: given more than once", key);
		if (allowed(key, extra))
			continue;
		if (list_has_county(k) && strcmp(key, "county") == 0) {
			q->county = val[0] ? val : NULL;
			continue;
		}
		int bad = 0;
		if (project_filter(k, key, val, q, &bad, e)) {
			if (bad)
				return -1;
			continue;
		}
		const struct column *c = NULL;
		size_t i;
		for (i = 0; i < k->ncols; i++)
			if (strcmp(k->cols[i].name, key) == 0) {
				c = &k->cols[i];
				break;
			}
		if (!c || !list_filterable(c))
			return err_add(e, EXIT_INVALID, "%s: not a filter of %s", key, k->name);
		if (!val[0])
			continue; /* "all" in a form */
		if (c->type == CT_CODE && codes_index(c->list, val) < 0)
			return err_add(e, EXIT_INVALID, "%s: '%s' is not a %s code", key, val, c->list);
		q->value[i] = val;
	}
	if (web_param_int(req, "year", 1949, 2100, 0, &q->year, e))
		return -1;
	const char *sort = web_param(req, "sort"), *dir = web_param_or(req, "dir", "asc");
	if (sort && sort[0]) {
		for (size_t i = 0; i < k->ncols; i++)
			if (strcmp(k->cols[i].name, sort) == 0)
				q->sort = (int)i;
		if (q->sort < 0)
			return err_add(e, EXIT_INVALID, "sort: '%s' is not a column of %s", sort, k->name);
	}
	if (strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)
		return err_add(e, EXIT_INVALID, "dir: '%s' is neither asc nor desc", dir);
	q->desc = strcmp(dir, "desc") == 0;
	return 0;
}

/* Appends " WHERE …" with $1.. and fills V (at most ncols + 9 values):
 * the filters, the year, and the actor's scope. */
static size_t where_sql(const struct list_query *q, buf *sql, struct db_value *v)
{
	const struct kind *k = q->k;
	size_t n = 0;
	buf_puts(sql, " WHERE 1 = 1");
	for (size_t i = 0; i < k->ncols; i++) {
		if (!q->value[i])
			continue;
		v[n] = (struct db_value){'t', 0, q->value[i]};
		buf_printf(sql, " AND t.\"%s\" = $%zu", k->cols[i].name, ++n);
	}
	if (q->county) {
		v[n] = (struct db_value){'t', 0, q->county};
		buf_printf(sql,
		           " AND t.project_code IN (SELECT code FROM projects WHERE recipient_code = $%zu)",
		           ++n);
	}
	const char *const by[] = {"supporter_code", "program"};
	const char *const val[] = {q->supporter, q->program};
	for (size_t i = 0; i < 2; i++)
		if (val[i]) {
			v[n] = (struct db_value){'t', 0, val[i]};
			buf_printf(sql, " AND t.project_code IN (SELECT code FROM projects WHERE %s = $%zu)",
			           by[i], ++n);
		}
	if (q->signed_year) {
		v[n] = (struct db_value){'i', q->signed_year, NULL};
		buf_printf(sql,
		           " AND t.project_code IN (SELECT code FROM projects"
		           " WHERE CAST(substr(signed_date, 1, 4) AS INTEGER) = $%zu)",
		           ++n);
	}
	if (q->paired_with) {
		v[n] = (struct db_value){'t', 0, q->paired_with};
		buf_printf(sql,
		           " AND t.recipient_code IN (SELECT r.recipient_code FROM pairings r"
		           " WHERE r.supporter_code = $%zu AND r.program = t.program",
		           ++n);
		if (q->year) {
			v[n] = (struct db_value){'i', q->year, NULL};
			buf_printf(sql,
			           " AND r.since_year <= $%zu AND (r.until_year IS NULL OR r.until_year >= "
			           "$%zu)",
			           n + 1, n + 1);
			n++;
		}
		buf_puts(sql, ")");
	}
	if (q->verified)
		buf_puts(sql, " AND t.verified_at IS NOT NULL");
	const char *date, *lo, *hi;
	year_columns(k, &date, &lo, &hi);
	if (q->year && (date || lo)) { /* a kind without dates has no year filter */
		v[n] = (struct db_value){'i', q->year, NULL};
		n++;
		if (date)
			buf_printf(sql, " AND CAST(substr(t.\"%s\", 1, 4) AS INTEGER) = $%zu", date, n);
		else if (lo && hi)
			buf_printf(sql, " AND t.\"%s\" <= $%zu AND (t.\"%s\" IS NULL OR t.\"%s\" >= $%zu)",
			           lo, n, hi, hi, n);
		else if (lo)
			buf_printf(sql, " AND t.\"%s\" = $%zu", lo, n);
	}
	n += perm_scope_sql(q->actor, k, PERM_READ, "t", (int)n + 1, sql, &v[n]);
	return n;
}

static int prepare(db *d, const char *sql, const struct db_value *v, size_t n, db_stmt **st, err *e)
{
	if (db_prepare(d, st, e, sql, ""))
		return -1;
	if (db_rebind_values(*st, e, v, n)) {
		db_finalize(*st);
		return -1;
	}
	return 0;
}

int list_select(db *d, const struct list_query *q, const char *select_list, int64_t limit, int64_t offset,
                db_stmt **st, err *e)
{
	struct db_value v[LIST_MAX_COLS + 12];
	buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT %s FROM %s t", select_list, q->k->table);
	size_t n = where_sql(q, &sql, v);
	buf_puts(&sql, " ORDER BY ");
	if (q->sort >= 0) {
		/* NULLs sort as the smallest value on every backend (PostgreSQL
		 * would put them last ascending) */
		const char *col = q->k->cols[q->sort].name, *dir = q->desc ? "DESC" : "ASC";
		buf_printf(&sql, "(t.\"%s\" IS NOT NULL) %s, t.\"%s\" %s, ", col, dir, col, dir);
	}
	buf_puts(&sql, q->k->order_by); /* the export order breaks ties */
	/* every row: a limit every backend takes (no LIMIT -1) */
	v[n] = (struct db_value){'i', limit < 0 ? INT64_MAX : limit, NULL};
	v[n + 1] = (struct db_value){'i', offset, NULL};
	buf_printf(&sql, " LIMIT $%zu OFFSET $%zu", n + 1, n + 2);
	int rc = prepare(d, buf_str(&sql), v, n + 2, st, e);
	buf_free(&sql);
	return rc;
}

int list_count(db *d, const struct list_query *q, struct list_totals *t, err *e)
{
	const struct kind *k = q->k;
	struct db_value v[LIST_MAX_COLS + 12];
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT COUNT(*)");
	for (size_t i = 0; i < k->ncols; i++)
		if (list_summed(&k->cols[i]))
			buf_printf(&sql, ", COALESCE(SUM(t.\"%s\"), 0)", k->cols[i].name);
	buf_printf(&sql, " FROM %s t", k->table);
	size_t n = where_sql(q, &sql, v);
	db_stmt *st;
	int rc = prepare(d, buf_str(&sql), v, n, &st, e);
	buf_free(&sql);
	if (rc)
		return -1;
	memset(t, 0, sizeof *t);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		t->count = db_col_int(st, 0);
		int col = 1;
		for (size_t i = 0; i < k->ncols; i++)
			if (list_summed(&k->cols[i]))
				t->sum[i] = db_col_int(st, col++);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int list_select_id(db *d, const struct kind *k, const char *id, const char *select_list, bool *found,
                   db_stmt **st, err *e)
{
	struct db_value v[LIST_MAX_COLS];
	buf sql = BUF_INIT;
	char *copy = xstrdup(id);
	size_t n = 0;
	*found = false;
	buf_printf(&sql, "SELECT %s FROM %s t WHERE ", select_list, k->table);
	if (strcmp(k->name, "visits") == 0) {
		const char *why;
		int64_t num;
		if (num_parse_int(id, &num, &why))
			goto none;
		v[n++] = (struct db_value){'i', num, NULL};
		buf_puts(&sql, "t.id = $1");
	} else {
		/* the key values in order; a code holding '|' is its last part */
		char *part = copy;
		for (size_t i = 0; k->key[i]; i++) {
			char *bar = k->key[i + 1] ? strchr(part, '|') : NULL;
			if (k->key[i + 1] && !bar)
				goto none;
			if (bar)
				*bar = '\0';
			v[n++] = (struct db_value){'t', 0, part};
			buf_printf(&sql, "%st.\"%s\" = $%zu", i ? " AND " : "", k->key[i], n);
			part = bar ? bar + 1 : part;
		}
	}
	*found = true;
	int rc = prepare(d, buf_str(&sql), v, n, st, e);
	buf_free(&sql);
	free(copy);
	return rc;
none:
	buf_free(&sql);
	free(copy);
	return 0;
}
