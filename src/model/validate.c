/* The validation rules. Each rule is one SQL query returning the violating
 * records as (code, column, the message's arguments), the message itself
 * coming from the catalogue (model/messages.c) in the caller's language, so that a rule costs one pass over
 * its table however large. Rules that follow from the kinds table (codes known, references exist, dates
 * plausible) are generated from it; the others are written out below, all in this one file. */
#include <ctype.h>
#include "model/validate.h"
#include "core/date.h"
#include "model/codes.h"
#include "model/kinds.h"
#include "model/messages.h"
#include <stdio.h>
#include <string.h>

/* How a violation names the record of each table (see validate.h). */
static const char *record_code_sql(const char *table)
{
	if (strcmp(table, "pairings") == 0)
		return "program || '/' || supporter_code || '/' || recipient_code";
	if (strcmp(table, "status_history") == 0)
		return "project_code || '/' || date";
	if (strcmp(table, "funds") == 0)
		return "COALESCE(code, 'id' || id)";
	if (strcmp(table, "visits") == 0)
		return "CAST(id AS TEXT)";
	if (strcmp(table, "plan_targets") == 0)
		return "plan_code || '/' || CAST(year AS TEXT)";
	if (strcmp(table, "project_team") == 0)
		return "project_code || '/' || person_code";
	return "code";
}

/* The rules written out. Parameters, when a rule has any, are the status
 * codes in pipeline order: $1 negotiating … $4 operating, $5 stopped (from
 * model/codes.c, so that the SQL holds no code list of its own). SQLite
 * numbers $N parameters by first appearance, so they must appear in order. */
struct rule {
	const char *table;
	int nparams;
	enum msg_id msg;
	enum msg_id alt; /* when not 0: the third column chooses msg (0) or alt (1) */
	const char *sql; /* returns code, column, [choice,] then msg's arguments */
};

/* The years' targets of a measure add up to more than the plan's total. */
#define YEARS_OVER(col)                                                                                      \
	{                                                                                                    \
		"plans", 0, MSG_RULE_TARGET_YEARS_SUM, 0,                                                    \
		        "SELECT p.code, '" col "', '" col "', y.s, p." col " FROM plans p"                   \
		        " JOIN (SELECT plan_code, SUM(" col                                                  \
		        ") AS s FROM plan_targets GROUP BY plan_code) AS y"                                  \
		        " ON y.plan_code = p.code WHERE y.s > p." col                                        \
	}

static const struct rule rules[] = {
        /* amounts and counts are never negative */
        {"projects", 0, MSG_RULE_NEGATIVE, 0,
         "SELECT code, 'total_investment', total_investment FROM projects WHERE total_investment < 0"},
        {"projects", 0, MSG_RULE_NEGATIVE, 0,
         "SELECT code, 'contract_amount', contract_amount FROM projects WHERE contract_amount < 0"},
        {"projects", 0, MSG_RULE_NEGATIVE, 0,
         "SELECT code, 'private_amount', private_amount FROM projects WHERE private_amount < 0"},
        {"projects", 0, MSG_RULE_NEGATIVE, 0, "SELECT code, 'jobs', jobs FROM projects WHERE jobs < 0"},
        {"funds", 0, MSG_RULE_NEGATIVE, 0,
         "SELECT COALESCE(code, 'id' || id), 'amount', amount FROM funds WHERE amount < 0"},
        {"plans", 0, MSG_RULE_NEGATIVE, 0,
         "SELECT code, 'target_funds', target_funds FROM plans"
         " WHERE target_funds < 0 OR target_projects < 0 OR target_labour < 0 OR target_training < 0"},
        /* private capital ≤ contract amount ≤ total investment */
        {"projects", 0, MSG_RULE_PRIVATE_OVER_CONTRACT, 0,
         "SELECT code, 'private_amount', private_amount, contract_amount FROM projects"
         " WHERE private_amount > contract_amount"},
        {"projects", 0, MSG_RULE_CONTRACT_OVER_TOTAL, 0,
         "SELECT code, 'contract_amount', contract_amount, total_investment FROM projects"
         " WHERE contract_amount > total_investment"},
        {"projects", 0, MSG_RULE_PRIVATE_OVER_TOTAL, 0,
         "SELECT code, 'private_amount', private_amount, total_investment FROM projects"
         " WHERE private_amount > total_investment AND contract_amount IS NULL"},
        /* the status history moves along the pipeline; stopped only last.
         * The third column chooses the message: 1 stopped before, 0 back. */
        {"status_history", 5, MSG_RULE_GOES_BACK, MSG_RULE_AFTER_STOPPED,
         "SELECT project_code || '/' || date, 'status', prev_pos = 4, status,"
         " CASE WHEN prev_pos = 4 THEN prev_date ELSE prev END, prev_date"
         " FROM (SELECT project_code, date, status, pos,"
         "   LAG(status) OVER w AS prev, LAG(date) OVER w AS prev_date, LAG(pos) OVER w AS prev_pos"
         "   FROM (SELECT project_code, date, status,"
         "     CASE status WHEN $1 THEN 0 WHEN $2 THEN 1 WHEN $3 THEN 2 WHEN $4 THEN 3 WHEN $5 THEN 4 END AS "
         "pos"
         "     FROM status_history) s"
         "   WINDOW w AS (PARTITION BY project_code ORDER BY date)) h"
         " WHERE prev_pos = 4 OR pos < prev_pos"},
        /* a project's status is its latest history entry */
        {"projects", 0, MSG_RULE_NO_HISTORY, 0,
         "SELECT p.code, 'status' FROM projects p"
         " WHERE NOT EXISTS (SELECT 1 FROM status_history h WHERE h.project_code = p.code)"},
        {"projects", 0, MSG_RULE_STATUS_DIFFERS, 0,
         "SELECT p.code, 'status', p.status, p.status_date, h.status, h.date"
         " FROM projects p JOIN status_history h ON h.project_code = p.code"
         " WHERE h.date = (SELECT MAX(date) FROM status_history x WHERE x.project_code = p.code)"
         "   AND (h.status <> p.status OR h.date <> p.status_date)"},
        /* money arrives after the signing */
        {"funds", 0, MSG_RULE_FUND_EARLY, 0,
         "SELECT COALESCE(f.code, 'id' || f.id), 'date', f.date, p.code, p.signed_date"
         " FROM funds f JOIN projects p ON p.code = f.project_code WHERE f.date < p.signed_date"},
        /* a project signed at a conference is not signed before it */
        {"projects", 0, MSG_RULE_SIGNED_EARLY, 0,
         "SELECT p.code, 'signed_date', p.signed_date, c.code, c.date"
         " FROM projects p JOIN conferences c ON c.code = p.conference WHERE p.signed_date < c.date"},
        /* plan periods */
        {"plans", 0, MSG_RULE_PERIOD_BACKWARDS, 0,
         "SELECT code, 'end_year', end_year, start_year FROM plans WHERE end_year < start_year"},
        {"plans", 0, MSG_RULE_PERIOD_LONG, 0,
         "SELECT code, 'end_year', start_year, end_year FROM plans WHERE end_year - start_year + 1 > 10"},
        {"plans", 0, MSG_RULE_APPROVER_NO_DATE, 0,
         "SELECT code, 'approved_date' FROM plans"
         " WHERE approved_by IS NOT NULL AND approved_by <> ''"
         "   AND (approved_date IS NULL OR approved_date = '')"},
        {"plans", 0, MSG_RULE_DATE_NO_APPROVER, 0,
         "SELECT code, 'approved_by' FROM plans"
         " WHERE (approved_by IS NULL OR approved_by = '')"
         "   AND approved_date IS NOT NULL AND approved_date <> ''"},
        /* people and days are positive */
        {"labour", 0, MSG_RULE_HEADCOUNT, 0,
         "SELECT code, 'headcount', headcount FROM labour WHERE headcount <= 0"},
        {"training", 0, MSG_RULE_HEADCOUNT, 0,
         "SELECT code, 'headcount', headcount FROM training WHERE headcount <= 0"},
        {"training", 0, MSG_RULE_DAYS, 0, "SELECT code, 'days', days FROM training WHERE days <= 0"},
        /* pairings */
        {"pairings", 0, MSG_RULE_UNTIL_BEFORE_SINCE, 0,
         "SELECT program || '/' || supporter_code || '/' || recipient_code, 'until_year',"
         " until_year, since_year FROM pairings WHERE until_year < since_year"},
        /* a plan's yearly targets: within its period, and not more than its totals */
        {"plan_targets", 0, MSG_RULE_TARGET_YEAR_OUTSIDE, 0,
         "SELECT t.plan_code || '/' || CAST(t.year AS TEXT), 'year', t.year, p.start_year, p.end_year"
         " FROM plan_targets t JOIN plans p ON p.code = t.plan_code"
         " WHERE t.year < p.start_year OR t.year > p.end_year"},
        YEARS_OVER("target_projects"),
        YEARS_OVER("target_funds"),
        YEARS_OVER("target_labour"),
        YEARS_OVER("target_training"),
        /* the tracking service (issue 7): a team's people are registered,
         * one leader per project, a commitment's dates in order and its
         * status agreeing with its done_date */
        {"project_team", 0, MSG_RULE_UNKNOWN_PERSON, 0,
         "SELECT project_code || '/' || person_code, 'person_code', person_code FROM project_team"
         " WHERE person_code NOT IN (SELECT code FROM people)"},
        {"project_team", 0, MSG_RULE_TWO_LEADERS, 0,
         "SELECT a.project_code || '/' || a.person_code, 'role', a.project_code, b.person_code, a.person_code"
         " FROM project_team a JOIN project_team b ON b.project_code = a.project_code"
         "  AND b.role = a.role AND b.person_code < a.person_code WHERE a.role = 'leader'"},
        {"commitments", 0, MSG_RULE_DUE_BEFORE_PROMISED, 0,
         "SELECT code, 'due_date', due_date, promised_date FROM commitments WHERE due_date < promised_date"},
        {"commitments", 0, MSG_RULE_DONE_BEFORE_PROMISED, 0,
         "SELECT code, 'done_date', done_date, promised_date FROM commitments"
         " WHERE done_date IS NOT NULL AND done_date <> '' AND done_date < promised_date"},
        {"commitments", 0, MSG_RULE_DONE_WITHOUT_DATE, 0,
         "SELECT code, 'done_date' FROM commitments WHERE status = 'done'"
         " AND (done_date IS NULL OR done_date = '')"},
        {"commitments", 0, MSG_RULE_OPEN_WITH_DATE, 0,
         "SELECT code, 'done_date', done_date FROM commitments WHERE status = 'open'"
         " AND done_date IS NOT NULL AND done_date <> ''"},
};

struct run {
	db *d;
	enum lang lang;
	violation_fn fn;
	void *ctx;
	err *e;
	long count;
};

/* Runs ST (bound) and reports each row (code, column, [choice,] arguments)
 * of TABLE as message MSG (or ALT, when not 0 and the choice is 1). */
static int report_rows(struct run *r, const char *table, db_stmt *st, enum msg_id msg, enum msg_id alt)
{
	int rc;
	buf m = BUF_INIT;
	while ((rc = db_step(st, r->e)) == DB_ROW) {
		int first = alt ? 3 : 2;
		enum msg_id id = alt && db_col_int(st, 2) ? alt : msg;
		const char *args[9] = {0};
		for (int i = 0; i < msg_template(id)->nargs && i < 9; i++)
			args[i] = db_col_null(st, first + i) ? NULL : db_col_text(st, first + i);
		buf_reset(&m);
		msg_formatv(&m, r->lang, id, args);
		struct violation v = {table, db_col_text(st, 0), db_col_text(st, 1), buf_str(&m)};
		r->count++;
		if (r->fn(r->ctx, &v, r->e)) {
			buf_free(&m);
			return -1;
		}
	}
	buf_free(&m);
	return rc == DB_ERROR ? -1 : 0;
}

static int run_rule(struct run *r, const struct rule *ru)
{
	const struct code_list *st = codes_list("status");
	struct db_value p[ST_COUNT];
	for (int i = 0; i < ST_COUNT; i++)
		p[i] = (struct db_value){'t', 0, st->items[i].code};
	db_stmt *s;
	if (db_prepare(r->d, &s, r->e, ru->sql, ""))
		return -1;
	int rc = db_rebind_values(s, r->e, p, (size_t)ru->nparams) ||
	         report_rows(r, ru->table, s, ru->msg, ru->alt);
	db_finalize(s);
	return rc ? -1 : 0;
}

/* Each distinct value of a coded column is checked against the list once;
 * the records holding a bad one are then listed. */
static int check_codes(struct run *r, const struct kind *k, const struct column *c)
{
	const struct code_list *list = codes_list(c->list);
	buf sql = BUF_INIT, bad = BUF_INIT;
	db_stmt *s = NULL, *rec = NULL;
	int rc = -1;
	buf_printf(&sql, "SELECT DISTINCT \"%s\" FROM %s", c->name, k->table);
	if (db_prepare(r->d, &s, r->e, buf_str(&sql), ""))
		goto out;
	buf_reset(&sql);
	buf_printf(&sql, "SELECT %s FROM %s WHERE \"%s\" = $1", record_code_sql(k->table), k->table, c->name);
	if (db_prepare(r->d, &rec, r->e, buf_str(&sql), "t", ""))
		goto out;
	int step;
	while ((step = db_step(s, r->e)) == DB_ROW) {
		if (db_col_null(s, 0))
			continue;
		const char *val = db_col_text(s, 0);
		bool ok = true;
		if (c->type == CT_CODES) {
			/* ';'-separated; each part a code of the list */
			buf part = BUF_INIT;
			for (const char *p = val; ok && *p;) {
				size_t n = strcspn(p, ";");
				buf_reset(&part);
				buf_add(&part, p, n);
				const struct code_item *it = codes_find(list, buf_str(&part));
				ok = it && strcmp(it->code, buf_str(&part)) == 0;
				p += n + (p[n] == ';');
			}
			buf_free(&part);
		} else if (*val) {
			const struct code_item *it = codes_find(list, val);
			ok = it && strcmp(it->code, val) == 0;
		} else {
			ok = !c->required;
		}
		if (ok)
			continue;
		buf_reset(&bad);
		buf_reset(&sql);
		codes_describe(list, &sql);
		msg_format(&bad, r->lang, MSG_UNKNOWN_CODE, val,
		           r->lang == LANG_EN || !c->zh ? c->list : c->zh, buf_str(&sql));
		if (db_rebind(rec, r->e, "t", val))
			goto out;
		int rs;
		while ((rs = db_step(rec, r->e)) == DB_ROW) {
			struct violation v = {k->table, db_col_text(rec, 0), c->name, buf_str(&bad)};
			r->count++;
			if (r->fn(r->ctx, &v, r->e))
				goto out;
		}
		if (rs == DB_ERROR)
			goto out;
	}
	rc = step == DB_ERROR ? -1 : 0;
out:
	db_finalize(s);
	db_finalize(rec);
	buf_free(&sql);
	buf_free(&bad);
	return rc;
}

/* A reference column names a record of another table. */
static int check_reference(struct run *r, const struct kind *k, const struct column *c)
{
	const char *target;
	enum msg_id what;
	switch (c->type) {
	case CT_DIVISION:
		target = "SELECT code FROM divisions";
		what = MSG_RULE_UNKNOWN_DIVISION;
		break;
	case CT_PROGRAM:
		target = "SELECT code FROM programs";
		what = MSG_RULE_UNKNOWN_PROGRAM;
		break;
	case CT_CONFERENCE:
		target = "SELECT code FROM conferences";
		what = MSG_RULE_UNKNOWN_CONFERENCE;
		break;
	case CT_PROJECT:
		target = "SELECT code FROM projects";
		what = MSG_RULE_UNKNOWN_PROJECT;
		break;
	case CT_PLAN:
		target = "SELECT code FROM plans";
		what = MSG_RULE_UNKNOWN_PLAN;
		break;
	default:
		return 0;
	}
	buf sql = BUF_INIT;
	buf_printf(&sql,
	           "SELECT %s, '%s', \"%s\" FROM %s"
	           " WHERE \"%s\" IS NOT NULL AND \"%s\" NOT IN (%s)",
	           record_code_sql(k->table), c->name, c->name, k->table, c->name, c->name, target);
	db_stmt *s;
	int rc = db_prepare(r->d, &s, r->e, buf_str(&sql), "");
	buf_free(&sql);
	if (rc)
		return -1;
	rc = report_rows(r, k->table, s, what, 0);
	db_finalize(s);
	return rc;
}

/* A section letter, or a code whose first two digits are a division. */
static int check_industry(struct run *r, const struct kind *k, const struct column *c)
{
	buf sql = BUF_INIT;
	buf_printf(&sql,
	           "SELECT %s, '%s', \"%s\""
	           " FROM %s WHERE \"%s\" NOT IN (SELECT code FROM industry_sections)"
	           " AND (length(\"%s\") NOT BETWEEN 2 AND 4"
	           "      OR substr(\"%s\", 1, 2) NOT IN (SELECT code FROM industry_divisions))",
	           record_code_sql(k->table), c->name, c->name, k->table, c->name, c->name, c->name);
	db_stmt *s;
	int rc = db_prepare(r->d, &s, r->e, buf_str(&sql), "");
	buf_free(&sql);
	if (rc)
		return -1;
	rc = report_rows(r, k->table, s, MSG_RULE_NOT_INDUSTRY, 0);
	db_finalize(s);
	return rc;
}

/* Dates and years between 1949 and ten years from now. */
static int check_plausible(struct run *r, const struct kind *k, const struct column *c)
{
	int last = date_current_year() + 10;
	char lo[32], hi[32];
	buf sql = BUF_INIT;
	db_stmt *s;
	int rc;
	if (c->type == CT_DATE) {
		snprintf(lo, sizeof lo, "1949-01-01");
		snprintf(hi, sizeof hi, "%04d-12-31", last);
		buf_printf(&sql,
		           "SELECT %s, '%s', \"%s\", $1"
		           " FROM %s WHERE \"%s\" < $2 OR \"%s\" > $3",
		           record_code_sql(k->table), c->name, c->name, k->table, c->name, c->name);
		rc = db_prepare(r->d, &s, r->e, buf_str(&sql), "itt", (int64_t)last, lo, hi);
	} else {
		buf_printf(&sql,
		           "SELECT %s, '%s', \"%s\", $1"
		           " FROM %s WHERE \"%s\" < 1949 OR \"%s\" > $2",
		           record_code_sql(k->table), c->name, c->name, k->table, c->name, c->name);
		rc = db_prepare(r->d, &s, r->e, buf_str(&sql), "ii", (int64_t)last, (int64_t)last);
	}
	buf_free(&sql);
	if (rc)
		return -1;
	rc = report_rows(r, k->table, s,
	                 c->type == CT_DATE ? MSG_RULE_DATE_IMPLAUSIBLE : MSG_RULE_YEAR_IMPLAUSIBLE, 0);
	db_finalize(s);
	return rc;
}

/* SQL reads TABLE: "FROM table" or "JOIN table", as a whole word. */
static bool reads_table(const char *sql, const char *table)
{
	static const char *const verbs[] = {"FROM ", "JOIN "};
	size_t n = strlen(table);
	for (size_t v = 0; v < 2; v++)
		for (const char *p = sql; (p = strstr(p, verbs[v])) != NULL; p += 5)
			if (strncmp(p + 5, table, n) == 0 && !isalnum((unsigned char)p[5 + n]) &&
			    p[5 + n] != '_')
				return true;
	return false;
}

long validate_tables(db *d, const char *table, enum lang lang, violation_fn fn, void *ctx, err *e)
{
	struct run r = {d, lang, fn, ctx, e, 0};
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if ((!table || strcmp(rules[i].table, table) == 0 || reads_table(rules[i].sql, table)) &&
		    run_rule(&r, &rules[i]))
			return -1;
	for (size_t i = 0; i < kinds_count; i++) {
		const struct kind *k = &kinds[i];
		if (table && strcmp(k->table, table) != 0)
			continue;
		for (size_t j = 0; j < k->ncols; j++) {
			const struct column *c = &k->cols[j];
			int rc = 0;
			if (c->type == CT_CODE || c->type == CT_CODES)
				rc = check_codes(&r, k, c);
			else if (c->type == CT_INDUSTRY)
				rc = check_industry(&r, k, c);
			else if (c->type == CT_DATE || c->type == CT_YEAR)
				rc = check_plausible(&r, k, c);
			else
				rc = check_reference(&r, k, c);
			if (rc)
				return -1;
		}
	}
	return r.count;
}

long validate_each(db *d, enum lang lang, violation_fn fn, void *ctx, err *e)
{
	return validate_tables(d, NULL, lang, fn, ctx, e);
}

static int add_line(void *ctx, const struct violation *v, err *e)
{
	(void)ctx;
	err_add(e, EXIT_INVALID, "%s:%s:%s: %s", v->table, v->code, v->column, v->message);
	return 0;
}

int validate_all(db *d, enum lang lang, err *e)
{
	long n = validate_each(d, lang, add_line, NULL, e);
	return n == 0 ? 0 : -1;
}
