/* The alert rules of the tracking service, one query each, over the
 * projects the actor reads. A project is followed on day D when it was
 * signed on or before D and its status on D (the last history entry dated
 * on or before D) is neither operating nor stopped. */
#include "model/alerts.h"
#include "core/date.h"
#include "model/codes.h"
#include "model/kinds.h"
#include "model/perm.h"
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS 12

/* A query being written: every parameter is numbered where it appears
 * (SQLite numbers them by first appearance), so a value used twice is
 * bound twice. */
struct query {
	buf sql;
	struct db_value v[MAX_PARAMS];
	int n;
};

static void param(struct query *q, const char *value)
{
	q->v[q->n++] = (struct db_value){'t', 0, value};
	buf_printf(&q->sql, "$%d", q->n);
}

static const char *status_code(int which)
{
	return codes_list("status")->items[which].code;
}

/* The followed projects of the day as a subquery named s with columns
 * code, name, recipient_code, status, since (the last change). */
static void followed(struct query *q, const struct actor *a, const struct alert_query *aq)
{
	buf_puts(&q->sql,
	         "(SELECT p.code, p.name, p.recipient_code,"
	         " (SELECT h.status FROM status_history h WHERE h.project_code = p.code AND h.date <= ");
	param(q, aq->as_of);
	buf_puts(&q->sql,
	         " ORDER BY h.date DESC LIMIT 1) AS status,"
	         " (SELECT MAX(h.date) FROM status_history h WHERE h.project_code = p.code AND h.date <= ");
	param(q, aq->as_of);
	buf_puts(&q->sql, ") AS since FROM projects p WHERE p.signed_date <= ");
	param(q, aq->as_of);
	if (aq->county) {
		buf_puts(&q->sql, " AND p.recipient_code = ");
		param(q, aq->county);
	}
	if (a) {
		struct db_value v;
		if (perm_scope_sql(a, kind_find("projects"), PERM_READ, "p", q->n + 1, &q->sql, &v))
			q->v[q->n++] = v;
	}
	buf_puts(&q->sql, ") AS s WHERE s.status IS NOT NULL AND s.status NOT IN (");
	param(q, status_code(ST_OPERATING));
	buf_puts(&q->sql, ", ");
	param(q, status_code(ST_STOPPED));
	buf_puts(&q->sql, ")");
}

static long days_between(const char *from, const char *to)
{
	date a, b;
	const char *why;
	if (!from || !*from || date_parse(from, &a, &why) || date_parse(to, &b, &why))
		return 0;
	return date_to_days(b) - date_to_days(a);
}

static char *dup_col(db_stmt *st, int c)
{
	return db_col_null(st, c) ? NULL : xstrdup(db_col_text(st, c));
}

/* Runs Q, whose columns are project, name, county, status, date,
 * commitment, what, and adds an alert of TYPE per row. */
static int collect(db *d, struct query *q, enum alert_type type, struct alert_set *out, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, buf_str(&q->sql), "") || db_rebind_values(st, e, q->v, (size_t)q->n)) {
		db_finalize(st);
		return -1;
	}
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		struct alert *al = &out->items[out->n++];
		memset(al, 0, sizeof *al);
		al->type = type;
		al->project = dup_col(st, 0);
		al->project_name = dup_col(st, 1);
		al->county = dup_col(st, 2);
		al->status = dup_col(st, 3);
		al->date = dup_col(st, 4);
		al->commitment = dup_col(st, 5);
		al->what = dup_col(st, 6);
		al->days = days_between(al->date, out->as_of);
		out->count[type]++;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int overdue(db *d, const struct actor *a, const struct alert_query *aq, struct alert_set *out, err *e)
{
	struct query q = {BUF_INIT, {{0}}, 0};
	/* not done on the day: no done date, or one after it; a cancelled
	 * promise is never overdue */
	buf_puts(&q.sql, "SELECT p.code, p.name, p.recipient_code, (SELECT h.status FROM status_history h"
	                 " WHERE h.project_code = p.code AND h.date <= ");
	param(&q, aq->as_of);
	buf_puts(&q.sql,
	         " ORDER BY h.date DESC LIMIT 1), c.due_date, c.code, c.what"
	         " FROM commitments c JOIN projects p ON p.code = c.project_code WHERE c.due_date < ");
	param(&q, aq->as_of);
	buf_puts(&q.sql, " AND c.promised_date <= ");
	param(&q, aq->as_of);
	buf_puts(&q.sql, " AND c.status <> ");
	param(&q, "cancelled");
	buf_puts(&q.sql, " AND (c.done_date IS NULL OR c.done_date = '' OR c.done_date > ");
	param(&q, aq->as_of);
	buf_puts(&q.sql, ")");
	if (aq->county) {
		buf_puts(&q.sql, " AND p.recipient_code = ");
		param(&q, aq->county);
	}
	if (a) {
		struct db_value v;
		if (perm_scope_sql(a, kind_find("projects"), PERM_READ, "p", q.n + 1, &q.sql, &v))
			q.v[q.n++] = v;
	}
	buf_puts(&q.sql, " ORDER BY c.due_date, c.code");
	int rc = collect(d, &q, ALERT_OVERDUE, out, e);
	buf_free(&q.sql);
	return rc;
}

static int stale(db *d, const struct actor *a, const struct alert_query *aq, struct alert_set *out, err *e)
{
	date day;
	const char *why;
	char cutoff[11];
	date_parse(aq->as_of, &day, &why);
	date_format(date_from_days(date_to_days(day) - aq->stale_days), cutoff);
	struct query q = {BUF_INIT, {{0}}, 0};
	buf_puts(&q.sql, "SELECT s.code, s.name, s.recipient_code, s.status, s.since, NULL, NULL FROM ");
	followed(&q, a, aq);
	buf_puts(&q.sql, " AND s.since <= ");
	param(&q, cutoff);
	buf_puts(&q.sql, " ORDER BY s.since, s.code");
	int rc = collect(d, &q, ALERT_STALE, out, e);
	buf_free(&q.sql);
	return rc;
}

static int no_member(db *d, const struct actor *a, const struct alert_query *aq, const char *role,
                     enum alert_type type, struct alert_set *out, err *e)
{
	struct query q = {BUF_INIT, {{0}}, 0};
	buf_puts(&q.sql, "SELECT s.code, s.name, s.recipient_code, s.status, NULL, NULL, NULL FROM ");
	followed(&q, a, aq);
	buf_puts(&q.sql, " AND NOT EXISTS (SELECT 1 FROM project_team t WHERE t.project_code = s.code"
	                 " AND t.role = ");
	param(&q, role);
	buf_puts(&q.sql, ") ORDER BY s.code");
	int rc = collect(d, &q, type, out, e);
	buf_free(&q.sql);
	return rc;
}

int alerts_compute(db *d, const struct actor *a, const struct alert_query *q, struct alert_set *out, err *e)
{
	memset(out, 0, sizeof *out);
	date day;
	const char *why;
	if (!q->as_of || date_parse(q->as_of, &day, &why))
		return err_add(e, EXIT_INVALID, "alerts: \"%s\" is not a date (YYYY-MM-DD)",
		               q->as_of ? q->as_of : "");
	if (q->stale_days < 1 || q->stale_days > 36500)
		return err_add(e, EXIT_INVALID, "alerts: the stale days %d are not between 1 and 36500",
		               q->stale_days);
	date_format(day, out->as_of);
	out->stale_days = q->stale_days;
	struct alert_query nq = *q;
	nq.as_of = out->as_of;
	if (overdue(d, a, &nq, out, e) || stale(d, a, &nq, out, e) ||
	    no_member(d, a, &nq, "leader", ALERT_NO_LEADER, out, e) ||
	    no_member(d, a, &nq, "member", ALERT_NO_TEAM, out, e)) {
		alerts_free(out);
		return -1;
	}
	return 0;
}

void alerts_free(struct alert_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct alert *al = &s->items[i];
		free(al->project);
		free(al->project_name);
		free(al->county);
		free(al->commitment);
		free(al->what);
		free(al->status);
		free(al->date);
	}
	free(s->items);
	s->items = NULL;
	s->n = 0;
}

const char *alert_type_name(enum alert_type t)
{
	static const char *const names[ALERT_TYPES] = {"overdue_commitment", "stale", "no_leader", "no_team"};
	return t >= 0 && t < ALERT_TYPES ? names[t] : "?";
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *alerts_json(const struct alert_set *s)
{
	json_t *o = json_object(), *counts = json_object(), *list = json_array();
	if (!o || !counts || !list) {
		json_decref(o);
		json_decref(counts);
		json_decref(list);
		return NULL;
	}
	json_object_set_new(o, "as_of", json_string(s->as_of));
	json_object_set_new(o, "stale_days", json_integer(s->stale_days));
	for (int t = 0; t < ALERT_TYPES; t++)
		json_object_set_new(counts, alert_type_name((enum alert_type)t),
		                    json_integer((json_int_t)s->count[t]));
	json_object_set_new(counts, "total", json_integer((json_int_t)s->n));
	json_object_set_new(o, "counts", counts);
	for (size_t i = 0; i < s->n; i++) {
		const struct alert *al = &s->items[i];
		json_t *x = json_object();
		json_object_set_new(x, "type", json_string(alert_type_name(al->type)));
		json_object_set_new(x, "project_code", str_or_null(al->project));
		json_object_set_new(x, "project_name", str_or_null(al->project_name));
		json_object_set_new(x, "recipient_code", str_or_null(al->county));
		json_object_set_new(x, "status", str_or_null(al->status));
		json_object_set_new(x, "commitment", str_or_null(al->commitment));
		json_object_set_new(x, "what", str_or_null(al->what));
		json_object_set_new(x, "date", str_or_null(al->date));
		json_object_set_new(x, "days", al->date ? json_integer(al->days) : json_null());
		json_array_append_new(list, x);
	}
	json_object_set_new(o, "alerts", list);
	return o;
}
