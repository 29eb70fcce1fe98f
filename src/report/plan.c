/* report plan: plan versus actual for the county plans whose period is
 * exactly A-B: each county's targets beside what the records show over the
 * period (definitions in docs/reports.md), the percent achieved, and the
 * totals with the approved count. */
#include "report/figures.h"
#include "report/json.h"
#include "report/render.h"
#include "report/words.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { M_PROJECTS, M_FUNDS, M_LABOUR, M_TRAINING, M_COUNT };
static const char *const measure_key[M_COUNT] = {"projects", "funds", "labour", "training"};

struct plan_row {
	struct place county;
	int64_t plans, approved, approved_municipal; /* approved: 认可, state acknowledged or approved */
	int64_t by_state[PLAN_STATES];               /* the plan_state list's order */
	int64_t target[M_COUNT], actual[M_COUNT];
};

struct plan_figs {
	struct plan_row *rows;
	size_t n;
	struct plan_row total;
};

static void plan_figs_free(struct plan_figs *f)
{
	for (size_t i = 0; i < f->n; i++)
		place_free(&f->rows[i].county);
	free(f->rows);
}

static const char *const actual_sql[M_COUNT] = {
        /* economic projects of P signed within the period in the county */
        "SELECT COUNT(*) FROM projects WHERE program = $1 AND recipient_code = $2"
        " AND category = 'economic' AND signed_date >= $3 AND signed_date <= $4",
        /* receipts dated within the period, of the county's projects of P */
        "SELECT COALESCE(SUM(f.amount), 0) FROM funds f JOIN projects p ON p.code = f.project_code"
        " WHERE p.program = $1 AND p.recipient_code = $2 AND f.date >= $3 AND f.date <= $4",
        "SELECT COALESCE(SUM(headcount), 0) FROM labour WHERE program = $1 AND origin_code = $2"
        " AND date >= $3 AND date <= $4",
        "SELECT COALESCE(SUM(headcount), 0) FROM training WHERE program = $1 AND origin_code = $2"
        " AND kind IN ('skills', 'wealth_leader') AND start_date >= $3 AND start_date <= $4",
};

static int load_plan(db *d, const char *program, int a, int b, struct plan_figs *f, err *e)
{
	db_stmt *st;
	memset(f, 0, sizeof *f);
	if (db_prepare(d, &st, e,
	               "SELECT recipient_code, COUNT(*),"
	               " COALESCE(SUM(CASE WHEN state IN ('acknowledged', 'approved') THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(target_projects), 0), COALESCE(SUM(target_funds), 0),"
	               " COALESCE(SUM(target_labour), 0), COALESCE(SUM(target_training), 0),"
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
		for (int m = 0; m < M_COUNT; m++)
			r->target[m] = db_col_int(st, 3 + m);
		r->approved_municipal = db_col_int(st, 3 + M_COUNT);
		for (int s = 0; s < PLAN_STATES; s++)
			r->by_state[s] = db_col_int(st, 4 + M_COUNT + s);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	char start[11], end[11], tmp[11];
	figures_year_bounds(a, start, tmp);
	figures_year_bounds(b, tmp, end);
	for (size_t i = 0; i < f->n; i++) {
		struct plan_row *r = &f->rows[i];
		char *code = r->county.code;
		r->county.code = NULL;
		int bad = figures_place(d, code, &r->county, e);
		for (int m = 0; m < M_COUNT && !bad; m++)
			bad = db_int(d, &r->actual[m], e, actual_sql[m], "tttt", program, code, start, end);
		free(code);
		if (bad)
			return -1;
		f->total.plans += r->plans;
		f->total.approved += r->approved;
		f->total.approved_municipal += r->approved_municipal;
		for (int s = 0; s < PLAN_STATES; s++)
			f->total.by_state[s] += r->by_state[s];
		for (int m = 0; m < M_COUNT; m++) {
			f->total.target[m] += r->target[m];
			f->total.actual[m] += r->actual[m];
		}
	}
	return 0;
}

static json_t *row_json(const struct plan_row *r)
{
	json_t *o = json_object(), *t = json_object(), *a = json_object(), *p = json_object();
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
	for (int m = 0; m < M_COUNT; m++) {
		json_object_set_new(t, measure_key[m], json_integer(r->target[m]));
		json_object_set_new(a, measure_key[m], json_integer(r->actual[m]));
		json_object_set_new(p, measure_key[m], report_json_share(r->actual[m], r->target[m]));
	}
	json_object_set_new(o, "targets", t);
	json_object_set_new(o, "actual", a);
	json_object_set_new(o, "achieved_pct", p);
	return o;
}

static void measure_cell(buf *b, int m, int64_t v, enum lang lang)
{
	buf_reset(b);
	if (m == M_FUNDS)
		num_fmt_amount(b, v, lang);
	else
		num_fmt_thousands(b, v);
}

static void table_row(struct doc_table *t, const char *name, const struct plan_row *r, enum lang lang)
{
	buf cells[M_COUNT * 3 + 1];
	const char *row[2 + M_COUNT * 3];
	for (size_t i = 0; i < M_COUNT * 3 + 1; i++)
		buf_init(&cells[i]);
	row[0] = name;
	for (int m = 0; m < M_COUNT; m++) {
		measure_cell(&cells[m * 3], m, r->target[m], lang);
		measure_cell(&cells[m * 3 + 1], m, r->actual[m], lang);
		words_share(&cells[m * 3 + 2], r->actual[m], r->target[m], 0, lang);
		for (int k = 0; k < 3; k++)
			row[1 + m * 3 + k] = buf_str(&cells[m * 3 + k]);
	}
	buf_printf(&cells[M_COUNT * 3], "%lld/%lld", (long long)r->approved, (long long)r->plans);
	row[1 + M_COUNT * 3] = buf_str(&cells[M_COUNT * 3]);
	doc_table_row(t, row);
	for (size_t i = 0; i < M_COUNT * 3 + 1; i++)
		buf_free(&cells[i]);
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
	const char *hz[] = {"区县",     "项目规划", "项目实际", "项目完成", "资金规划",
	                    "资金实际", "资金完成", "劳务规划", "劳务实际", "劳务完成",
	                    "培训规划", "培训实际", "培训完成", "认可"};
	const char *he[] = {
	        "county", "projects target", "projects actual", "%", "funds target",    "funds actual",
	        "%",      "labour target",   "labour actual",   "%", "training target", "training actual",
	        "%",      "approved"};
	bool num[14];
	for (int i = 0; i < 14; i++)
		num[i] = i > 0;
	struct doc_table tb;
	doc_table_begin(&tb, 14, en ? he : hz, num);
	for (size_t i = 0; i < f->n; i++)
		table_row(&tb, f->rows[i].county.code ? place_short(&f->rows[i].county, d->lang) : "",
		          &f->rows[i], d->lang);
	table_row(&tb, en ? "total" : "合计", &f->total, d->lang);
	doc_table_write(d, &tb);
	doc_table_free(&tb);
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
	for (size_t i = 0; i < f->n; i++)
		json_array_append_new(counties, row_json(&f->rows[i]));
	json_object_set_new(j, "counties", counties);
	json_object_set_new(j, "total", row_json(&f->total));
	return j;
}

int report_plan_json(db *d, const char *program, int a, int b, json_t **out, err *e)
{
	bool demo = false;
	struct plan_figs f = {0};
	char *zh = NULL, *en = NULL;
	int rc = -1;
	*out = NULL;
	if (figures_program(d, program, &zh, &en, e) == 0 && figures_is_demo(d, &demo, e) == 0 &&
	    load_plan(d, program, a, b, &f, e) == 0) {
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
	    load_plan(d, program, o->period_start, o->period_end, &f, e))
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
