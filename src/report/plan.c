/* report plan: plan versus actual for the county plans whose period is
 * exactly A-B, as of a day: each county's targets, the part due so far
 * (report/plan_exec.c), what the records show from A-01-01 to that day, the
 * percent achieved and an on-track / behind flag per measure, the totals
 * with the approved count, and the five focus areas with the counties that
 * name them and the actual that measures each (definitions in docs/reports.md). */
#include "report/report.h"
#include "core/date.h"
#include "report/figures.h"
#include "report/json.h"
#include "report/render.h"
#include "report/words.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_COUNT = PLAN_MEASURES, FOCUS_AREAS = 5 };
static const char *const measure_key[M_COUNT] = {"projects", "funds", "labour", "training"};
static const char *const target_col[M_COUNT] = {"target_projects", "target_funds", "target_labour",
                                                "target_training"};

struct plan_row {
	struct place county;
	int64_t plans, approved, approved_municipal; /* approved: 认可, state acknowledged or approved */
	int64_t by_state[PLAN_STATES];               /* the plan_state list's order */
	struct plan_measure m[M_COUNT];
	bool focus[FOCUS_AREAS]; /* named by one of the county's plans */
	int64_t in_kind; /* of m[PLAN_M_FUNDS].actual: receipts of source type in_kind (物资折款) */
	struct cum_measures cum; /* since the program's first year through the day (累计) */
};

/* A focus area: the counties whose plans name it, and its actual over them:
 * projects and funds (economic, infrastructure, social) or people. */
struct focus_fig {
	size_t counties;
	int64_t projects, funds, people;
};

struct plan_figs {
	struct plan_row *rows;
	size_t n;
	struct plan_row total;
	struct plan_clock clock;
	char as_of[11];
	struct focus_fig focus[FOCUS_AREAS];
	bool with_cum; /* the cumulative was computed (not for the annual's summary) */
	int cum_since; /* the program's first year */
};

static void plan_figs_free(struct plan_figs *f)
{
	for (size_t i = 0; i < f->n; i++)
		place_free(&f->rows[i].county);
	free(f->rows);
}

/* The industry section of project p: its division's, or the letter itself. */
#define SECTION_SQL                                                                                          \
	"COALESCE((SELECT d.section FROM industry_divisions d WHERE d.code = SUBSTR(p.industry_code, 1, "    \
	"2)),"                                                                                               \
	" SUBSTR(p.industry_code, 1, 1))"
#define PROJECTS_SQL                                                                                         \
	"SELECT COUNT(*) FROM projects p WHERE p.program = $1 AND p.recipient_code = $2"                     \
	" AND p.signed_date >= $3 AND p.signed_date <= $4"
/* CROSS JOIN: SQLite then reads the county's projects first and each one's
 * receipts by the (project_code, date) index, rather than every receipt of
 * the period (40 counties × 0.14 s at scale M); PostgreSQL plans it as a
 * join. */
#define FUNDS_SQL                                                                                            \
	"SELECT COALESCE(SUM(f.amount), 0) FROM projects p CROSS JOIN funds f"                               \
	" WHERE p.program = $1 AND p.recipient_code = $2 AND f.project_code = p.code"                        \
	" AND f.date >= $3 AND f.date <= $4"
#define IN_KIND_SQL    FUNDS_SQL " AND f.source_type = 'in_kind'"
#define INFRASTRUCTURE " AND p.category = 'public_welfare' AND " SECTION_SQL " IN ('D', 'E', 'G', 'N')"
#define SOCIAL         " AND p.category = 'public_welfare' AND " SECTION_SQL " IN ('P', 'Q', 'R', 'S')"

/* The measures' actual of a county: $1 program, $2 county, $3 and $4 the
 * first and last day counted. */
static const char *const actual_sql[M_COUNT] = {
        /* economic projects of P signed within the period in the county */
        PROJECTS_SQL " AND p.category = 'economic'",
        /* receipts dated within the period, of the county's projects of P */
        FUNDS_SQL,
        "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = $1 AND origin_code = $2"
        " AND date >= $3 AND date <= $4",
        "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = $1 AND origin_code = $2"
        " AND kind IN ('skills', 'wealth_leader') AND start_date >= $3 AND start_date <= $4",
};

/* Per focus area (the focus list's order: economic, infrastructure, labour,
 * talent, social): the projects and funds that measure it, or the people. */
static const struct {
	const char *projects, *funds, *people;
} focus_sql[FOCUS_AREAS] = {
        {PROJECTS_SQL " AND p.category = 'economic'", FUNDS_SQL " AND p.category = 'economic'", NULL},
        {PROJECTS_SQL INFRASTRUCTURE, FUNDS_SQL INFRASTRUCTURE, NULL},
        {NULL, NULL,
         "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = $1 AND origin_code = $2"
         " AND date >= $3 AND date <= $4"},
        /* talent: every kind of training, cadres included */
        {NULL, NULL,
         "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = $1 AND origin_code = $2"
         " AND start_date >= $3 AND start_date <= $4"},
        {PROJECTS_SQL SOCIAL, FUNDS_SQL SOCIAL, NULL},
};

/* The latest date of P's records (signings, receipts, labour batches,
 * training), or today when there is none: the default "as of". */
static int latest_record(db *d, const char *program, char out[11], err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT MAX(x) FROM (SELECT MAX(f.date) AS x FROM funds f"
	               " JOIN projects p ON p.code = f.project_code WHERE p.program = $1"
	               " UNION ALL SELECT MAX(signed_date) FROM projects WHERE program = $1"
	               " UNION ALL SELECT MAX(date) FROM labour WHERE program = $1"
	               " UNION ALL SELECT MAX(start_date) FROM training WHERE program = $1) AS latest",
	               "t", program))
		return -1;
	int rc = db_step(st, e);
	date last;
	const char *why;
	bool have = rc == DB_ROW && db_col_text(st, 0) && date_parse(db_col_text(st, 0), &last, &why) == 0;
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (have)
		date_format(last, out);
	else
		date_today(out);
	return 0;
}

static struct plan_row *row_of(struct plan_figs *f, const char *code)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->rows[i].county.code, code) == 0)
			return &f->rows[i];
	return NULL;
}

/* Each plan's targets, with its years', into its county's row. */
static int load_targets(db *d, const char *program, int a, int b, struct plan_figs *f, err *e)
{
	db_stmt *st, *yr = NULL;
	if (db_prepare(d, &st, e,
	               "SELECT code, recipient_code, target_projects, target_funds, target_labour,"
	               " target_training, focus FROM plans WHERE program = $1 AND start_year = $2"
	               " AND end_year = $3 ORDER BY code",
	               "tii", program, (int64_t)a, (int64_t)b) ||
	    db_prepare(d, &yr, e,
	               "SELECT year, target_projects, target_funds, target_labour, target_training"
	               " FROM plan_targets WHERE plan_code = $1 ORDER BY year",
	               "t", "")) {
		db_finalize(st);
		return -1;
	}
	int rc, bad = 0;
	while (!bad && (rc = db_step(st, e)) == DB_ROW) {
		struct plan_row *r = row_of(f, db_col_text(st, 1));
		if (!r)
			continue; /* a plan written after the counts were read */
		int64_t years[M_COUNT][PLAN_MAX_YEARS];
		bool any[M_COUNT] = {false};
		for (int m = 0; m < M_COUNT; m++)
			for (int i = 0; i < PLAN_MAX_YEARS; i++)
				years[m][i] = -1;
		if (db_rebind(yr, e, "t", db_col_text(st, 0)))
			bad = 1;
		int yrc;
		while (!bad && (yrc = db_step(yr, e)) == DB_ROW) {
			int64_t i = db_col_int(yr, 0) - a;
			if (i < 0 || i >= PLAN_MAX_YEARS || i > b - a)
				continue; /* outside the period: check reports it */
			for (int m = 0; m < M_COUNT; m++)
				if (!db_col_null(yr, 1 + m)) {
					years[m][i] = db_col_int(yr, 1 + m);
					any[m] = true;
				}
		}
		if (!bad && yrc == DB_ERROR)
			bad = 1;
		for (int m = 0; m < M_COUNT && !bad; m++) {
			int64_t total = db_col_null(st, 2 + m) ? -1 : db_col_int(st, 2 + m);
			if (plan_measure_add_plan(&r->m[m], &f->clock, total, any[m] ? years[m] : NULL))
				bad = err_add(e, EXIT_INVALID,
				              "plan %s: the %s targets are too large to add up",
				              db_col_text(st, 0), target_col[m]);
		}
		char *focus = xstrdup(db_col_text(st, 6) ? db_col_text(st, 6) : ""), *save = NULL;
		for (char *t = strtok_r(focus, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
			while (*t == ' ')
				t++;
			int k = codes_index("focus", t);
			if (k >= 0 && k < FOCUS_AREAS)
				r->focus[k] = true;
		}
		free(focus);
	}
	if (!bad && rc == DB_ERROR)
		bad = 1;
	db_finalize(st);
	db_finalize(yr);
	return bad ? -1 : 0;
}

static void cum_add(struct cum_measures *t, const struct cum_measures *m)
{
	t->funds += m->funds;
	t->funds_in_kind += m->funds_in_kind;
	t->welfare += m->welfare;
	t->projects += m->projects;
	t->economic += m->economic;
	t->public_welfare += m->public_welfare;
	t->operating += m->operating;
	t->labour += m->labour;
	t->trainees += m->trainees;
	t->wealth_leaders += m->wealth_leaders;
	t->cadres += m->cadres;
}

/* WITH_CUM: each county's cumulative since the program's first year as of
 * the day, too (figures_cumulative_of). */
static int load_plan(db *d, const char *program, int a, int b, const char *as_of, bool with_cum,
                     struct plan_figs *f, err *e)
{
	db_stmt *st;
	memset(f, 0, sizeof *f);
	f->with_cum = with_cum;
	date day;
	const char *why;
	if (as_of)
		snprintf(f->as_of, sizeof f->as_of, "%s", as_of);
	else if (latest_record(d, program, f->as_of, e))
		return -1;
	if (date_parse(f->as_of, &day, &why))
		return err_add(e, EXIT_INVALID, "as of: \"%s\" %s", f->as_of, why);
	plan_clock_init(&f->clock, a, b, day.y, day.m, day.d);
	if (db_prepare(d, &st, e,
	               "SELECT recipient_code, COUNT(*),"
	               " COALESCE(SUM(CASE WHEN state IN ('acknowledged', 'approved') THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'approved' THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'draft' THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'submitted' THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'acknowledged' THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'approved' THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(CASE WHEN state = 'returned' THEN 1 ELSE 0 END), 0)"
	               " FROM plans WHERE program = $1 AND start_year = $2 AND end_year = $3"
	               " GROUP BY recipient_code ORDER BY recipient_code",
	               "tii", program, (int64_t)a, (int64_t)b))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		f->rows = xrealloc(f->rows, (f->n + 1) * sizeof *f->rows);
		struct plan_row *r = &f->rows[f->n++];
		memset(r, 0, sizeof *r);
		r->county.code = xstrdup(db_col_text(st, 0));
		r->plans = db_col_int(st, 1);
		r->approved = db_col_int(st, 2);
		r->approved_municipal = db_col_int(st, 3);
		for (int s = 0; s < PLAN_STATES; s++)
			r->by_state[s] = db_col_int(st, 4 + s);
	}
	db_finalize(st);
	if (rc == DB_ERROR || load_targets(d, program, a, b, f, e))
		return -1;
	/* actual from A-01-01 to the day, or to B-12-31 when the period is over */
	char start[11], end[11], tmp[11];
	figures_year_bounds(a, start, tmp);
	figures_year_bounds(b, tmp, end);
	const char *upto = strcmp(f->as_of, end) < 0 ? f->as_of : end;
	bool begun = f->clock.elapsed_days > 0;
	buf vsql = BUF_INIT; /* the funds' SQL as report_sql gives it */
	struct cumulative cum = {0};
	for (size_t i = 0; i < f->n; i++) {
		struct plan_row *r = &f->rows[i];
		char *code = r->county.code;
		r->county.code = NULL;
		int bad = figures_place(d, code, &r->county, e);
		for (int m = 0; m < M_COUNT && !bad && begun; m++)
			bad = db_int(d, &r->m[m].actual, e, report_sql(d, actual_sql[m], &vsql), "tttt",
			             program, code, start, upto);
		if (!bad && begun)
			bad = db_int(d, &r->in_kind, e, report_sql(d, IN_KIND_SQL, &vsql), "tttt", program,
			             code, start, upto);
		if (!bad && with_cum) {
			/* the first year, read for the first county, serves the others */
			if (!(bad = figures_cumulative_of(d, program, code, 0, f->as_of, &cum, e))) {
				r->cum = cum.total;
				f->cum_since = cum.since;
			}
		}
		for (int k = 0; k < FOCUS_AREAS && !bad; k++) {
			struct focus_fig *ff = &f->focus[k];
			int64_t v = 0;
			if (!r->focus[k])
				continue;
			ff->counties++;
			if (!begun)
				continue;
			if (focus_sql[k].projects && !(bad = db_int(d, &v, e, focus_sql[k].projects, "tttt",
			                                            program, code, start, upto)))
				ff->projects += v;
			if (!bad && focus_sql[k].funds &&
			    !(bad = db_int(d, &v, e, report_sql(d, focus_sql[k].funds, &vsql), "tttt",
			                   program, code, start, upto)))
				ff->funds += v;
			if (!bad && focus_sql[k].people &&
			    !(bad = db_int(d, &v, e, focus_sql[k].people, "tttt", program, code, start,
			                   upto)))
				ff->people += v;
		}
		free(code);
		if (bad) {
			buf_free(&vsql);
			return -1;
		}
		f->total.plans += r->plans;
		f->total.approved += r->approved;
		f->total.approved_municipal += r->approved_municipal;
		f->total.in_kind += r->in_kind;
		cum_add(&f->total.cum, &r->cum);
		for (int s = 0; s < PLAN_STATES; s++)
			f->total.by_state[s] += r->by_state[s];
		for (int m = 0; m < M_COUNT; m++)
			plan_measure_add(&f->total.m[m], &r->m[m]);
	}
	buf_free(&vsql);
	return 0;
}

int figures_plan_summary(db *d, const char *program, int a, int b, const char *as_of, struct plan_summary *s,
                         err *e)
{
	struct plan_figs f;
	memset(s, 0, sizeof *s);
	int rc = load_plan(d, program, a, b, as_of, false, &f, e);
	if (rc == 0) {
		s->start = a;
		s->end = b;
		memcpy(s->as_of, f.as_of, sizeof s->as_of);
		s->clock = f.clock;
		s->elapsed_tenths = plan_elapsed_tenths(&f.clock);
		s->counties = f.n;
		for (int m = 0; m < M_COUNT; m++) {
			s->total[m] = f.total.m[m];
			for (size_t i = 0; i < f.n; i++)
				s->behind[m] += plan_measure_flag(&f.rows[i].m[m], &f.clock) == PLAN_BEHIND;
		}
	}
	plan_figs_free(&f);
	return rc;
}

static json_t *measures_json(const struct plan_row *r, const struct plan_clock *c, int what)
{
	json_t *o = json_object();
	for (int m = 0; m < M_COUNT; m++) {
		const struct plan_measure *pm = &r->m[m];
		int64_t t = 0;
		json_t *v;
		switch (what) {
		case 0:
			v = json_integer(pm->target);
			break;
		case 1:
			v = json_integer(pm->actual);
			break;
		case 2:
			v = report_json_share(pm->actual, pm->target);
			break;
		case 3:
			v = pm->target > 0 ? json_integer(plan_measure_due(pm, c)) : json_null();
			break;
		case 4: {
			bool has = plan_measure_due_tenths(pm, c, &t);
			v = report_json_pct(has, t);
			break;
		}
		case 5:
			v = json_string(plan_flag_name(plan_measure_flag(pm, c)));
			break;
		default:
			v = json_boolean(pm->yearly);
			break;
		}
		json_object_set_new(o, measure_key[m], v);
	}
	return o;
}

static json_t *row_json(const struct plan_row *r, const struct plan_clock *c, bool with_cum)
{
	json_t *o = json_object();
	if (r->county.code) {
		json_object_set_new(o, "recipient_code", json_string(r->county.code));
		json_object_set_new(o, "recipient", json_string(r->county.zh));
	}
	json_object_set_new(o, "plans", json_integer(r->plans));
	json_object_set_new(o, "approved", json_integer(r->approved));
	json_object_set_new(o, "approved_municipal", json_integer(r->approved_municipal));
	json_t *by_state = json_object();
	const struct code_list *sl = codes_list("plan_state");
	for (size_t s = 0; s < PLAN_STATES && s < sl->n; s++)
		json_object_set_new(by_state, sl->items[s].code, json_integer(r->by_state[s]));
	json_object_set_new(o, "by_state", by_state);
	json_object_set_new(o, "targets", measures_json(r, c, 0));
	json_object_set_new(o, "actual", measures_json(r, c, 1));
	json_object_set_new(o, "achieved_pct", measures_json(r, c, 2));
	json_object_set_new(o, "due", measures_json(r, c, 3));
	json_object_set_new(o, "due_pct", measures_json(r, c, 4));
	json_object_set_new(o, "flags", measures_json(r, c, 5));
	json_object_set_new(o, "yearly", measures_json(r, c, 6));
	json_object_set_new(o, "in_kind", json_integer(r->in_kind));
	if (with_cum)
		json_object_set_new(o, "cumulative", figures_cum_measures_json(&r->cum));
	return o;
}

static const char *period_state(const struct plan_clock *c)
{
	if (c->elapsed_days == 0)
		return "not_begun";
	return plan_finished(c) ? "finished" : "under_way";
}

static json_t *focus_json(const struct plan_figs *f)
{
	json_t *a = json_array();
	const struct code_list *fl = codes_list("focus");
	for (int k = 0; k < FOCUS_AREAS && (size_t)k < fl->n; k++) {
		json_t *o = json_object(), *counties = json_array(), *actual = json_object();
		json_object_set_new(o, "code", json_string(fl->items[k].code));
		json_object_set_new(o, "name", json_string(fl->items[k].zh));
		for (size_t i = 0; i < f->n; i++)
			if (f->rows[i].focus[k])
				json_array_append_new(counties, json_string(f->rows[i].county.code));
		json_object_set_new(o, "counties", counties);
		if (focus_sql[k].people) {
			json_object_set_new(actual, "people", json_integer(f->focus[k].people));
		} else {
			json_object_set_new(actual, "projects", json_integer(f->focus[k].projects));
			json_object_set_new(actual, "funds", json_integer(f->focus[k].funds));
		}
		json_object_set_new(o, "actual", actual);
		json_array_append_new(a, o);
	}
	return a;
}

static void measure_cell(buf *b, int m, int64_t v, enum lang lang)
{
	buf_reset(b);
	if (m == PLAN_M_FUNDS)
		num_fmt_amount(b, v, lang);
	else
		num_fmt_thousands(b, v);
}

static const char *flag_word(enum plan_flag fl, enum lang lang)
{
	static const char *const zh[] = {"—", "未开始", "正常", "滞后"};
	static const char *const en[] = {"—", "not begun", "on track", "behind"};
	return (lang == LANG_EN ? en : zh)[fl];
}

enum { PER_MEASURE = 5, NCOLS = 2 + M_COUNT * PER_MEASURE };

static void table_row(struct doc_table *t, const char *name, const struct plan_row *r,
                      const struct plan_clock *c, enum lang lang)
{
	buf cells[NCOLS];
	const char *row[NCOLS];
	for (size_t i = 0; i < NCOLS; i++)
		buf_init(&cells[i]);
	row[0] = name;
	for (int m = 0; m < M_COUNT; m++) {
		const struct plan_measure *pm = &r->m[m];
		buf *x = &cells[1 + m * PER_MEASURE];
		bool has = pm->target > 0;
		if (has) {
			measure_cell(&x[0], m, pm->target, lang);
			measure_cell(&x[1], m, plan_measure_due(pm, c), lang);
		} else {
			buf_puts(&x[0], "—");
			buf_puts(&x[1], "—");
		}
		measure_cell(&x[2], m, pm->actual, lang);
		words_share(&x[3], pm->actual, pm->target, 1, lang);
		buf_puts(&x[4], flag_word(plan_measure_flag(pm, c), lang));
		for (int k = 0; k < PER_MEASURE; k++)
			row[1 + m * PER_MEASURE + k] = buf_str(&x[k]);
	}
	buf_printf(&cells[NCOLS - 1], "%lld/%lld", (long long)r->approved, (long long)r->plans);
	row[NCOLS - 1] = buf_str(&cells[NCOLS - 1]);
	doc_table_row(t, row);
	for (size_t i = 0; i < NCOLS; i++)
		buf_free(&cells[i]);
}

static void focus_table(struct doc *d, const struct plan_figs *f)
{
	bool en = d->lang == LANG_EN;
	const char *hz[] = {"规划重点", "区县", "衡量", "实际"};
	const char *he[] = {"focus area", "counties", "measured by", "actual"};
	const bool num[] = {false, false, false, true};
	static const char *const by_zh[FOCUS_AREAS] = {"经贸合作项目、到位资金", "基础设施公益项目、到位资金",
	                                               "劳务输出人数", "各类培训人数",
	                                               "社会事业公益项目、到位资金"};
	static const char *const by_en[FOCUS_AREAS] = {
	        "economic projects, funds", "infrastructure public-welfare projects, funds",
	        "labour export, people", "training of every kind, people",
	        "social public-welfare projects, funds"};
	const struct code_list *fl = codes_list("focus");
	struct doc_table tb;
	doc_table_begin(&tb, 4, en ? he : hz, num);
	buf names = BUF_INIT, v = BUF_INIT;
	for (int k = 0; k < FOCUS_AREAS && (size_t)k < fl->n; k++) {
		buf_reset(&names);
		buf_reset(&v);
		size_t j = 0;
		for (size_t i = 0; i < f->n; i++)
			if (f->rows[i].focus[k]) {
				words_sep(&names, j++, f->focus[k].counties, d->lang);
				buf_puts(&names, place_short(&f->rows[i].county, d->lang));
			}
		if (!j)
			buf_puts(&names, "—");
		if (focus_sql[k].people) {
			num_fmt_thousands(&v, f->focus[k].people);
		} else {
			num_fmt_thousands(&v, f->focus[k].projects);
			buf_puts(&v, " / ");
			num_fmt_amount(&v, f->focus[k].funds, d->lang);
		}
		const char *row[] = {en ? fl->items[k].code : fl->items[k].zh, buf_str(&names),
		                     en ? by_en[k] : by_zh[k], buf_str(&v)};
		doc_table_row(&tb, row);
	}
	doc_table_write(d, &tb);
	doc_table_free(&tb);
	buf_free(&names);
	buf_free(&v);
}

/* Beside the period's actual: its in-kind part, and each county's
 * cumulative since the program's first year as of the day (累计). */
static void cum_table(struct doc *d, const struct plan_figs *f)
{
	bool en = d->lang == LANG_EN;
	buf h = BUF_INIT;
	if (en)
		buf_printf(&h, "Cumulative since %d as of %s, and the period's funds in kind", f->cum_since,
		           f->as_of);
	else
		buf_printf(&h, "%d年以来累计(截至%s)及规划期到位资金中的物资折款", f->cum_since, f->as_of);
	doc_subheading(d, buf_str(&h));
	const char *hz[] = {"区县",         "规划期资金中物资折款", "累计到位资金", "其中物资折款",
	                    "累计签约项目", "累计劳务输出",         "累计培训"};
	const char *he[] = {"county",
	                    "period funds in kind",
	                    "cumulative funds",
	                    "of which in kind",
	                    "cumulative projects",
	                    "cumulative labour",
	                    "cumulative trained"};
	const bool num[] = {false, true, true, true, true, true, true};
	struct doc_table tb;
	doc_table_begin(&tb, 7, en ? he : hz, num);
	for (size_t i = 0; i <= f->n; i++) {
		const struct plan_row *r = i < f->n ? &f->rows[i] : &f->total;
		buf c[6];
		for (int k = 0; k < 6; k++)
			buf_init(&c[k]);
		num_fmt_amount(&c[0], r->in_kind, d->lang);
		num_fmt_amount(&c[1], r->cum.funds, d->lang);
		num_fmt_amount(&c[2], r->cum.funds_in_kind, d->lang);
		num_fmt_thousands(&c[3], r->cum.projects);
		num_fmt_thousands(&c[4], r->cum.labour);
		num_fmt_thousands(&c[5], r->cum.trainees);
		const char *row[] = {i < f->n ? place_short(&r->county, d->lang)
		                     : en     ? "total"
		                              : "合计",
		                     buf_str(&c[0]),
		                     buf_str(&c[1]),
		                     buf_str(&c[2]),
		                     buf_str(&c[3]),
		                     buf_str(&c[4]),
		                     buf_str(&c[5])};
		doc_table_row(&tb, row);
		for (int k = 0; k < 6; k++)
			buf_free(&c[k]);
	}
	doc_table_write(d, &tb);
	doc_table_free(&tb);
	buf_free(&h);
}

static void write_doc(struct doc *d, const struct plan_figs *f, const char *program_name, int a, int b,
                      bool demo)
{
	bool en = d->lang == LANG_EN;
	buf t = BUF_INIT;
	if (en)
		buf_printf(&t, "%s: plans %d-%d, targets and actual%s", program_name, a, b,
		           demo ? " (demo data)" : "");
	else
		buf_printf(&t, "%s:%d~%d年对口支援规划执行情况%s", program_name, a, b,
		           demo ? "（演示数据）" : "");
	doc_begin(d, buf_str(&t));
	if (demo)
		doc_note(d, en ? "(demo data) computed from demonstration data"
		               : "（演示数据）本报告由演示数据生成");
	buf_reset(&t);
	if (en)
		buf_printf(&t,
		           "%zu counties have %lld plans for exactly %d-%d; %lld approved by the paired "
		           "supporters.",
		           f->n, (long long)f->total.plans, a, b, (long long)f->total.approved);
	else
		buf_printf(&t, "%zu个区县编制%d~%d年规划%lld个,其中%lld个得到结对省市的认可。", f->n, a, b,
		           (long long)f->total.plans, (long long)f->total.approved);
	doc_para(d, buf_str(&t));
	buf_reset(&t);
	if (f->clock.elapsed_days == 0)
		buf_printf(&t, en ? "As of %s the period has not begun." : "截至%s,规划期尚未开始。",
		           f->as_of);
	else {
		buf_printf(&t, en ? "As of %s, " : "截至%s,", f->as_of);
		buf_puts(&t, en ? "" : "规划期已过");
		num_fmt_pct(&t, plan_elapsed_tenths(&f->clock), 1);
		if (en)
			buf_printf(
			        &t,
			        " of the period has elapsed%s. A measure is behind when its percent achieved "
			        "is more than %d points below the percent due so far (by the years' targets "
			        "where a plan gives them, else pro rata).",
			        plan_finished(&f->clock) ? " (finished)" : "", PLAN_TOLERANCE_PCT);
		else
			buf_printf(
			        &t,
			        "%s。完成比例低于应完成比例%d个百分点以上的记为滞后(应完成数按年度目标计算,"
			        "没有年度目标的按时间进度计算)。",
			        plan_finished(&f->clock) ? "(已结束)" : "", PLAN_TOLERANCE_PCT);
	}
	doc_para(d, buf_str(&t));
	const char *hz[NCOLS] = {"区县"}, *he[NCOLS] = {"county"};
	static const char *const mz[M_COUNT] = {"项目", "资金", "劳务", "培训"};
	static const char *const kz[PER_MEASURE] = {"规划", "应完成", "实际", "完成", "进度"};
	static const char *const ke[PER_MEASURE] = {"target", "due", "actual", "%", "flag"};
	char hzb[M_COUNT * PER_MEASURE][32], heb[M_COUNT * PER_MEASURE][32];
	for (int m = 0; m < M_COUNT; m++)
		for (int k = 0; k < PER_MEASURE; k++) {
			int i = m * PER_MEASURE + k;
			snprintf(hzb[i], sizeof hzb[i], "%s%s", mz[m], kz[k]);
			snprintf(heb[i], sizeof heb[i], "%s %s", measure_key[m], ke[k]);
			hz[1 + i] = hzb[i];
			he[1 + i] = heb[i];
		}
	hz[NCOLS - 1] = "认可";
	he[NCOLS - 1] = "approved";
	bool num[NCOLS];
	for (int i = 0; i < NCOLS; i++)
		num[i] = i > 0;
	struct doc_table tb;
	doc_table_begin(&tb, NCOLS, en ? he : hz, num);
	for (size_t i = 0; i < f->n; i++)
		table_row(&tb, f->rows[i].county.code ? place_short(&f->rows[i].county, d->lang) : "",
		          &f->rows[i], &f->clock, d->lang);
	table_row(&tb, en ? "total" : "合计", &f->total, &f->clock, d->lang);
	doc_table_write(d, &tb);
	doc_table_free(&tb);
	if (f->with_cum && f->n)
		cum_table(d, f);
	doc_subheading(d, en ? "Focus areas" : "规划重点");
	focus_table(d, f);
	doc_end(d);
	buf_free(&t);
}

static json_t *plan_json(const struct plan_figs *f, const char *program, int a, int b, bool demo)
{
	json_t *j = json_object(), *counties = json_array(), *period = json_object();
	json_object_set_new(period, "start", json_integer(a));
	json_object_set_new(period, "end", json_integer(b));
	json_object_set_new(j, "period", period);
	json_object_set_new(j, "program", json_string(program));
	json_object_set_new(j, "demo", json_boolean(demo));
	json_object_set_new(j, "as_of", json_string(f->as_of));
	json_object_set_new(j, "elapsed_pct", report_json_pct(true, plan_elapsed_tenths(&f->clock)));
	json_object_set_new(j, "state", json_string(period_state(&f->clock)));
	json_object_set_new(j, "tolerance_pct", json_integer(PLAN_TOLERANCE_PCT));
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(counties, row_json(&f->rows[i], &f->clock, f->with_cum));
	json_object_set_new(j, "counties", counties);
	json_object_set_new(j, "total", row_json(&f->total, &f->clock, f->with_cum));
	if (f->with_cum) {
		/* the cumulative of each row: since the program's first year through as_of */
		json_object_set_new(j, "cumulative_since", f->n ? json_integer(f->cum_since) : json_null());
		json_object_set_new(j, "cumulative_through", json_string(f->as_of));
	}
	json_object_set_new(j, "focus", focus_json(f));
	return j;
}

int report_plan_json(db *d, const char *program, int a, int b, const char *as_of, json_t **out, err *e)
{
	bool demo = false;
	struct plan_figs f = {0};
	char *zh = NULL, *en = NULL;
	int rc = -1;
	*out = NULL;
	if (figures_program(d, program, &zh, &en, e) == 0 && figures_is_demo(d, &demo, e) == 0 &&
	    load_plan(d, program, a, b, as_of, true, &f, e) == 0) {
		*out = plan_json(&f, program, a, b, demo);
		rc = 0;
	}
	plan_figs_free(&f);
	free(zh);
	free(en);
	return rc;
}

int report_plan(db *d, const struct report_opts *o, buf *out, err *e)
{
	const char *program = o->program ? o->program : "sanxia";
	char *zh = NULL, *en = NULL;
	bool demo = false;
	struct plan_figs f = {0};
	int rc = -1;
	if (figures_program(d, program, &zh, &en, e) || figures_is_demo(d, &demo, e) ||
	    load_plan(d, program, o->period_start, o->period_end, o->as_of, true, &f, e))
		goto done;
	if (o->format == FMT_JSON) {
		json_t *j = plan_json(&f, program, o->period_start, o->period_end, demo);
		rc = report_json_dump(j, out, e);
		json_decref(j);
	} else {
		struct doc doc = {out, o->format, o->lang};
		write_doc(&doc, &f, o->lang == LANG_EN ? en : zh, o->period_start, o->period_end, demo);
		rc = 0;
	}
done:
	plan_figs_free(&f);
	free(zh);
	free(en);
	return rc;
}
