/* In-kind support (物资折款) and cumulative totals (累计), issue 10: the
 * in-kind part of the year's funds and of the signed projects' funds, and
 * the program's figures from its first year through Y beside Y's own, for
 * the annual report's JSON ("cumulative"), its text and its workbook.
 * Definitions: docs/reports.md, "In-kind support and cumulative totals". */
#include "report/annual.h"
#include "report/json.h"
#include "report/report.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One-row query of N integer columns (0 for NULL or no row). */
static int ints(db *d, err *e, int64_t *out, int n, const char *sql, const char *types, const char *a,
                const char *b, const char *c, const char *x)
{
	db_stmt *st;
	buf tmp = BUF_INIT; /* the receipts as --verified reads them */
	int bad = db_prepare(d, &st, e, report_sql(d, sql, &tmp), types, a, b, c, x);
	buf_free(&tmp);
	if (bad)
		return -1;
	int rc = db_step(st, e);
	for (int i = 0; i < n; i++)
		out[i] = rc == DB_ROW && !db_col_null(st, i) ? db_col_int(st, i) : 0;
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int in_kind_of_year(db *d, const char *program, int year, int64_t *out, err *e)
{
	char start[11], end[11];
	figures_year_bounds(year, start, end);
	return ints(
	        d, e, out, 1,
	        "SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code"
	        " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3 AND f.source_type = 'in_kind'",
	        "ttt", program, start, end, NULL);
}

int figures_signed_in_kind(db *d, int year, const char *program, struct signed_figs *s, err *e)
{
	char start[11], end[11];
	figures_year_bounds(year, start, end);
	return ints(
	        d, e, &s->funds_in_kind, 1,
	        "SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code"
	        " JOIN conferences c ON c.code = p.conference"
	        " WHERE p.program = $1 AND c.date >= $2 AND c.date <= $3 AND f.date <= $3"
	        " AND f.source_type = 'in_kind'",
	        "ttt", program, start, end, NULL);
}

/* The measures' queries: $1 program, $2 and $3 the first and last day,
 * and with a county $4, the entry's county clause appended: the project's
 * recipient, the labour batch's or the trainees' origin. */
enum { Q_FUNDS, Q_PROJECTS, Q_OPERATING, Q_LABOUR, Q_TRAINING, Q_COUNT };
static const struct {
	const char *sql, *county;
	int n;
} measure_sql[Q_COUNT] = {
        [Q_FUNDS] = {"SELECT COALESCE(SUM(f.amount), 0),"
                     " COALESCE(SUM(CASE WHEN f.source_type = 'in_kind' THEN f.amount ELSE 0 END), 0),"
                     " COALESCE(SUM(CASE WHEN p.category = 'public_welfare' THEN f.amount ELSE 0 END), 0)"
                     " FROM funds f JOIN projects p ON p.code = f.project_code"
                     " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3",
                     " AND p.recipient_code = $4", 3},
        [Q_PROJECTS] =
                {"SELECT COUNT(*), COALESCE(SUM(CASE WHEN category = 'economic' THEN 1 ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN category = 'public_welfare' THEN 1 ELSE 0 END), 0)"
                 " FROM projects WHERE program = $1 AND signed_date >= $2 AND signed_date <= $3",
                 " AND recipient_code = $4", 3},
        [Q_OPERATING] = {"SELECT COUNT(DISTINCT h.project_code) FROM status_history h"
                         " JOIN projects p ON p.code = h.project_code"
                         " WHERE p.program = $1 AND h.status = 'operating' AND h.date >= $2 AND h.date <= $3",
                         " AND p.recipient_code = $4", 1},
        [Q_LABOUR] = {"SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = $1 AND date >= $2"
                      " AND date <= $3",
                      " AND origin_code = $4", 1},
        [Q_TRAINING] =
                {"SELECT COALESCE(SUM(headcount), 0),"
                 " COALESCE(SUM(CASE WHEN kind = 'wealth_leader' THEN headcount ELSE 0 END), 0),"
                 " COALESCE(SUM(CASE WHEN kind IN ('cadre_secondment', 'cadre_training') THEN headcount"
                 " ELSE 0 END), 0)"
                 " FROM training WHERE program = $1 AND start_date >= $2 AND start_date <= $3",
                 " AND origin_code = $4", 3},
};

/* The measures of the records dated from START through END (of COUNTY
 * when not NULL). */
static int measures(db *d, const char *program, const char *county, const char *start, const char *end,
                    struct cum_measures *m, err *e)
{
	int64_t v[Q_COUNT][3];
	buf sql = BUF_INIT;
	for (int q = 0; q < Q_COUNT; q++) {
		buf_reset(&sql);
		buf_puts(&sql, measure_sql[q].sql);
		if (county)
			buf_puts(&sql, measure_sql[q].county);
		if (ints(d, e, v[q], measure_sql[q].n, buf_str(&sql), county ? "tttt" : "ttt", program, start,
		         end, county)) {
			buf_free(&sql);
			return -1;
		}
	}
	buf_free(&sql);
	*m = (struct cum_measures){v[Q_FUNDS][0],    v[Q_FUNDS][1],    v[Q_FUNDS][2],     v[Q_PROJECTS][0],
	                           v[Q_PROJECTS][1], v[Q_PROJECTS][2], v[Q_OPERATING][0], v[Q_LABOUR][0],
	                           v[Q_TRAINING][0], v[Q_TRAINING][1], v[Q_TRAINING][2]};
	return 0;
}

int figures_cumulative_of(db *d, const char *program, const char *county, int year, const char *through,
                          struct cumulative *c, err *e)
{
	int64_t v[2] = {c->since, c->first_record};
	bool known = c->since != 0; /* a caller of many counties reads it once */
	memset(c, 0, sizeof *c);
	/* the first year: the program's start, or the year of an earlier
	 * record, so that no record before Y is left out of the total */
	if (!known && ints(d, e, v, 2,
	                   "SELECT (SELECT start_year FROM programs WHERE code = $1),"
	                   " (SELECT CAST(substr(MIN(m.d), 1, 4) AS INTEGER) FROM"
	                   "  (SELECT MIN(signed_date) AS d FROM projects WHERE program = $1"
	                   "   UNION ALL SELECT MIN(date) FROM labour WHERE program = $1"
	                   "   UNION ALL SELECT MIN(start_date) FROM training WHERE program = $1"
	                   "   UNION ALL SELECT MIN(date) FROM visits WHERE program = $1) AS m)",
	                   "t", program, NULL, NULL, NULL))
		return -1;
	char start[11], end[11], first[11], ignored[11];
	if (through)
		snprintf(end, sizeof end, "%s", through);
	else
		figures_year_bounds(year, ignored, end);
	int through_year = atoi(end);
	c->first_record = (int)v[1];
	c->since = (int)v[0];
	if (c->first_record && (c->since == 0 || c->first_record < c->since))
		c->since = c->first_record;
	if (c->since == 0)
		c->since = through_year;
	c->through = through_year;
	snprintf(c->through_day, sizeof c->through_day, "%s", end);
	figures_year_bounds(through_year, start, ignored);
	figures_year_bounds(c->since, first, ignored);
	if (year && measures(d, program, county, start, end, &c->year, e))
		return -1;
	if (c->since > through_year)
		return 0;
	return measures(d, program, county, first, end, &c->total, e);
}

int figures_cumulative(db *d, int year, const char *program, struct annual_figs *a, err *e)
{
	if (in_kind_of_year(d, program, year, &a->funds_in_kind, e) ||
	    in_kind_of_year(d, program, year - 1, &a->funds_in_kind_prev, e))
		return -1;
	return figures_cumulative_of(d, program, NULL, year, NULL, &a->cum, e);
}

json_t *figures_cum_measures_json(const struct cum_measures *m)
{
	json_t *o = json_object(), *f = json_object(), *p = json_object(), *l = json_object(),
	       *t = json_object();
	json_object_set_new(f, "total", json_integer(m->funds));
	json_object_set_new(f, "in_kind", json_integer(m->funds_in_kind));
	json_object_set_new(f, "public_welfare", json_integer(m->welfare));
	json_object_set_new(o, "funds", f);
	json_object_set_new(p, "signed", json_integer(m->projects));
	json_object_set_new(p, "economic", json_integer(m->economic));
	json_object_set_new(p, "public_welfare", json_integer(m->public_welfare));
	json_object_set_new(p, "operating", json_integer(m->operating));
	json_object_set_new(o, "projects", p);
	json_object_set_new(l, "people", json_integer(m->labour));
	json_object_set_new(o, "labour", l);
	json_object_set_new(t, "people", json_integer(m->trainees));
	json_object_set_new(t, "wealth_leaders", json_integer(m->wealth_leaders));
	json_object_set_new(t, "cadres", json_integer(m->cadres));
	json_object_set_new(o, "training", t);
	return o;
}

json_t *figures_cumulative_json(const struct cumulative *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "since", json_integer(c->since));
	json_object_set_new(o, "first_record_year",
	                    c->first_record ? json_integer(c->first_record) : json_null());
	json_object_set_new(o, "through", json_integer(c->through));
	json_object_set_new(o, "year", figures_cum_measures_json(&c->year));
	json_object_set_new(o, "total", figures_cum_measures_json(&c->total));
	return o;
}

/* "(其中物资折款2477万元)" / " (in kind: …)" after an amount, when there is any */
void annual_in_kind(buf *b, int64_t in_kind, enum lang lang)
{
	if (in_kind <= 0)
		return;
	buf_puts(b, lang == LANG_EN ? " (of which in kind " : "(其中物资折款");
	num_fmt_amount(b, in_kind, lang);
	buf_puts(b, ")");
}

void annual_in_kind_sentence(buf *b, const char *what, int64_t in_kind, enum lang lang)
{
	if (in_kind <= 0)
		return;
	if (lang == LANG_EN) {
		buf_printf(b, " Of %s, ", what);
		num_fmt_amount(b, in_kind, lang);
		buf_puts(b, " was in kind.");
	} else {
		buf_printf(b, "%s中物资折款", what);
		num_fmt_amount(b, in_kind, lang);
		buf_puts(b, "。");
	}
}

/* The year beside the cumulative, as a table (Markdown, HTML); with
 * SIGNED_ONLY the projects and funds only (the signed report). */
static void table(struct doc *d, const struct cumulative *c, bool signed_only)
{
	const struct cum_measures *y = &c->year, *t = &c->total;
	bool en = d->lang == LANG_EN;
	buf hy = BUF_INIT, ht = BUF_INIT;
	buf_printf(&hy, en ? "%d" : "%d年", c->through);
	buf_printf(&ht, en ? "%d-%d" : "%d~%d年累计", c->since, c->through);
	const char *head[] = {en ? "measure" : "指标", buf_str(&hy), buf_str(&ht)};
	const bool num[] = {false, true, true};
	struct doc_table tb;
	doc_table_begin(&tb, 3, head, num);
	struct {
		const char *zh, *en;
		int64_t y, t;
		bool money, in_signed;
	} rows[] = {
	        {"到位资金", "funds in place", y->funds, t->funds, true, true},
	        {"其中物资折款", "of which in kind", y->funds_in_kind, t->funds_in_kind, true, true},
	        {"无偿援建社会公益性项目资金", "free aid to public-welfare projects", y->welfare, t->welfare,
	         true, false},
	        {"签约项目", "projects signed", y->projects, t->projects, false, true},
	        {"其中经贸合作项目", "of which economic cooperation", y->economic, t->economic, false, true},
	        {"竣工投产项目", "projects brought to operation", y->operating, t->operating, false, true},
	        {"劳务输出(人)", "labour export (people)", y->labour, t->labour, false, false},
	        {"培训(人)", "trained (people)", y->trainees, t->trainees, false, false},
	        {"其中致富带头人", "of which wealth leaders", y->wealth_leaders, t->wealth_leaders, false,
	         false},
	        {"其中干部挂职、培训", "of which cadres", y->cadres, t->cadres, false, false},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (signed_only && !rows[i].in_signed)
			continue;
		buf a1 = BUF_INIT, a2 = BUF_INIT;
		if (rows[i].money) {
			num_fmt_amount(&a1, rows[i].y, d->lang);
			num_fmt_amount(&a2, rows[i].t, d->lang);
		} else {
			num_fmt_thousands(&a1, rows[i].y);
			num_fmt_thousands(&a2, rows[i].t);
		}
		const char *row[] = {en ? rows[i].en : rows[i].zh, buf_str(&a1), buf_str(&a2)};
		doc_table_row(&tb, row);
		buf_free(&a1);
		buf_free(&a2);
	}
	doc_table_write(d, &tb);
	doc_table_free(&tb);
	buf_free(&hy);
	buf_free(&ht);
}

void report_cumulative_signed(struct doc *d, const struct cumulative *c)
{
	const struct cum_measures *y = &c->year, *t = &c->total;
	buf p = BUF_INIT;
	if (d->lang == LANG_EN) {
		buf_printf(&p, "Cumulative since %d", c->since);
		if (c->first_record > c->since)
			buf_printf(&p, " (records from %d)", c->first_record);
		buf_printf(&p,
		           " through %d: %lld projects signed (%lld in %d), %lld brought to operation; funds "
		           "in place ",
		           c->through, (long long)t->projects, (long long)y->projects, c->through,
		           (long long)t->operating);
		num_fmt_amount(&p, t->funds, LANG_EN);
		annual_in_kind(&p, t->funds_in_kind, LANG_EN);
		buf_printf(&p, " (%d: ", c->through);
		num_fmt_amount(&p, y->funds, LANG_EN);
		buf_puts(&p, ").");
	} else {
		buf_printf(&p, "自%d年开展对口支援以来", c->since);
		if (c->first_record > c->since)
			buf_printf(&p, "(现有记录始于%d年)", c->first_record);
		buf_printf(
		        &p,
		        ",截至%d年底累计签约对口支援项目%lld个(其中%d年%lld个),竣工投产%lld个;累计到位资金",
		        c->through, (long long)t->projects, c->through, (long long)y->projects,
		        (long long)t->operating);
		num_fmt_amount(&p, t->funds, LANG_ZH);
		annual_in_kind(&p, t->funds_in_kind, LANG_ZH);
		buf_printf(&p, ",其中%d年", c->through);
		num_fmt_amount(&p, y->funds, LANG_ZH);
		buf_puts(&p, "。");
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
	if (d->fmt != FMT_TEXT)
		table(d, c, true);
}

void annual_cumulative(struct doc *d, const struct annual_figs *a)
{
	const struct cumulative *c = &a->cum;
	const struct cum_measures *t = &c->total;
	bool en = d->lang == LANG_EN;
	buf p = BUF_INIT;
	if (en) {
		buf_printf(&p, "Cumulative since %d", c->since);
		if (c->first_record > c->since)
			buf_printf(&p, " (records from %d)", c->first_record);
		buf_printf(&p,
		           " through %d: %lld projects signed (%lld of economic cooperation), %lld brought "
		           "to operation; funds in place ",
		           a->year, (long long)t->projects, (long long)t->economic, (long long)t->operating);
		num_fmt_amount(&p, t->funds, LANG_EN);
		annual_in_kind(&p, t->funds_in_kind, LANG_EN);
		buf_puts(&p, "; labour export ");
		num_fmt_people(&p, t->labour, false, LANG_EN);
		buf_puts(&p, "; trained ");
		num_fmt_people(&p, t->trainees, false, LANG_EN);
		buf_puts(&p, " (wealth leaders ");
		num_fmt_people(&p, t->wealth_leaders, false, LANG_EN);
		buf_puts(&p, ", cadres ");
		num_fmt_people(&p, t->cadres, false, LANG_EN);
		buf_puts(&p, ").");
	} else {
		buf_printf(&p, "自%d年开展对口支援以来", c->since);
		if (c->first_record > c->since)
			buf_printf(&p, "(现有记录始于%d年)", c->first_record);
		buf_printf(&p,
		           ",截至%d年底累计签约对口支援项目%lld个,其中经贸合作项目%lld个,竣工投产%lld个;"
		           "累计到位资金",
		           a->year, (long long)t->projects, (long long)t->economic, (long long)t->operating);
		num_fmt_amount(&p, t->funds, LANG_ZH);
		annual_in_kind(&p, t->funds_in_kind, LANG_ZH);
		buf_puts(&p, ";累计移民劳务输出");
		num_fmt_people(&p, t->labour, false, LANG_ZH);
		buf_puts(&p, ";累计培训");
		num_fmt_people(&p, t->trainees, false, LANG_ZH);
		buf_puts(&p, ",其中致富带头人");
		num_fmt_people(&p, t->wealth_leaders, false, LANG_ZH);
		buf_puts(&p, ",干部挂职、培训");
		num_fmt_people(&p, t->cadres, false, LANG_ZH);
		buf_puts(&p, "。");
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
	if (d->fmt != FMT_TEXT)
		table(d, c, false);
}
