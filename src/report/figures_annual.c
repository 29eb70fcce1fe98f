/* The figures of the annual summary (sections 一 to 六) for year Y and
 * program P; definitions in docs/reports.md. The signed-project block is
 * figures_signed, shared with the signed report. */
#include "report/report.h"
#include "report/figures.h"
#include "report/names.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs a one-row query of integer columns into OUT[0..n-1] (0 for NULL or
 * no row); the parameters are three texts. */
static int row_ints(db *d, err *e, int64_t *out, int n, const char *sql, const char *a, const char *b,
                    const char *c)
{
	db_stmt *st;
	buf tmp = BUF_INIT;
	int bad = db_prepare(d, &st, e, report_sql(d, sql, &tmp), "ttt", a, b, c);
	buf_free(&tmp);
	if (bad)
		return -1;
	int rc = db_step(st, e);
	for (int i = 0; i < n; i++)
		out[i] = rc == DB_ROW ? db_col_int(st, i) : 0;
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* The province most of the program's recipients lie in (GB/T 2260: the
 * first two digits and 0000), for the title: 重庆市. */
static int load_region(db *d, const char *program, struct place *region, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT substr(code, 1, 2) || '0000', COUNT(*) FROM"
	               " (SELECT recipient_code AS code FROM projects WHERE program = $1"
	               "  UNION ALL SELECT recipient_code FROM pairings WHERE program = $1) r"
	               " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
	               "t", program))
		return -1;
	int rc = db_step(st, e);
	char code[16] = "";
	if (rc == DB_ROW)
		snprintf(code, sizeof code, "%s", db_col_text(st, 0));
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (code[0])
		return figures_place(d, code, region, e);
	return 0;
}

static int load_projects(db *d, const char *program, const char *start, const char *end,
                         struct annual_figs *a, err *e)
{
	int64_t v[2];
	if (row_ints(d, e, v, 2,
	             "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.signed_date >= $1 THEN 1 ELSE 0 END), 0)"
	             " FROM projects p WHERE p.program = $2 AND p.category = 'economic'"
	             " AND p.signed_date <= $3"
	             " AND COALESCE(" STATUS_ON("$1") ", '') NOT IN ('operating', 'stopped')",
	             start, program, end))
		return -1;
	a->active = v[0];
	a->new_projects = v[1];
	a->continuing = v[0] - v[1];
	return 0;
}

static int load_funds(db *d, const char *program, int year, int64_t *total, int64_t *welfare, err *e)
{
	char start[11], end[11];
	int64_t v[2];
	figures_year_bounds(year, start, end);
	if (row_ints(d, e, v, 2,
	             "SELECT COALESCE(SUM(f.amount), 0),"
	             " COALESCE(SUM(CASE WHEN p.category = 'public_welfare' THEN f.amount ELSE 0 END), 0)"
	             " FROM funds f JOIN projects p ON p.code = f.project_code"
	             " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3",
	             program, start, end))
		return -1;
	*total = v[0];
	*welfare = v[1];
	return 0;
}

static int load_labour(db *d, const char *program, const char *start, const char *end, struct annual_figs *a,
                       err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT mode, SUM(headcount) FROM labour WHERE program = $1 AND date >= $2"
	               " AND date <= $3 GROUP BY mode",
	               "ttt", program, start, end))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int m = codes_index("mode", db_col_text(st, 0));
		a->labour += db_col_int(st, 1);
		if (m >= 0 && m < LABOUR_MODES)
			a->labour_mode[m] += db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (db_prepare(d, &st, e,
	               "SELECT origin_code, headcount, date FROM labour WHERE program = $1 AND date >= $2"
	               " AND date <= $3 AND mode = 'recruitment_fair' ORDER BY headcount DESC, date, code "
	               "LIMIT 1",
	               "ttt", program, start, end))
		return -1;
	rc = db_step(st, e);
	char origin[32] = "";
	if (rc == DB_ROW) {
		a->has_fair = true;
		snprintf(origin, sizeof origin, "%s", db_col_text(st, 0));
		a->fair_headcount = db_col_int(st, 1);
		a->fair_date = xstrdup(db_col_text(st, 2));
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	return a->has_fair ? figures_place(d, origin, &a->fair_county, e) : 0;
}

/* Topics are free text; "花卉、蔬菜" or "花卉;蔬菜" names two. */
static void add_topics(struct strlist *l, const char *text)
{
	static const char *const wide[] = {"、", "，", "；"};
	buf t = BUF_INIT;
	for (const char *p = text; *p;) {
		size_t k = 0;
		for (size_t i = 0; i < 3 && !k; i++)
			if (strncmp(p, wide[i], strlen(wide[i])) == 0)
				k = strlen(wide[i]);
		if (k) {
			buf_putc(&t, ';');
			p += k;
		} else {
			buf_putc(&t, *p++);
		}
	}
	char *save = NULL;
	for (char *w = strtok_r(t.s, ";,/", &save); w; w = strtok_r(NULL, ";,/", &save)) {
		while (*w == ' ')
			w++;
		size_t n = strlen(w);
		while (n && w[n - 1] == ' ')
			w[--n] = 0;
		if (n && !strlist_has(l, w))
			strlist_add(l, w);
	}
	buf_free(&t);
}

static int load_training(db *d, const char *program, const char *start, const char *end,
                         struct annual_figs *a, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT kind, SUM(headcount) FROM training WHERE program = $1 AND start_date >= $2"
	               " AND start_date <= $3 GROUP BY kind",
	               "ttt", program, start, end))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *k = db_col_text(st, 0);
		if (strcmp(k, "wealth_leader") == 0)
			a->wealth_leaders += db_col_int(st, 1);
		else if (strcmp(k, "cadre_secondment") == 0 || strcmp(k, "cadre_training") == 0)
			a->cadres += db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	int64_t v[3];
	if (row_ints(d, e, v, 3,
	             "SELECT COUNT(DISTINCT CASE WHEN host_code <> '' THEN host_code END), COUNT(*),"
	             " COALESCE(SUM(CASE WHEN days <= 15 THEN 1 ELSE 0 END), 0)"
	             " FROM training WHERE program = $1 AND start_date >= $2 AND start_date <= $3"
	             " AND kind = 'wealth_leader'",
	             program, start, end))
		return -1;
	a->hosts = v[0];
	a->courses = v[1];
	a->short_courses = v[2];
	if (db_prepare(d, &st, e,
	               "SELECT topic FROM training WHERE program = $1 AND start_date >= $2"
	               " AND start_date <= $3 AND kind = 'wealth_leader' ORDER BY start_date, code",
	               "ttt", program, start, end))
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW)
		add_topics(&a->topics, db_col_text(st, 0));
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int load_plans(db *d, const char *program, int year, struct annual_figs *a, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT COUNT(*),"
	               " COALESCE(SUM(CASE WHEN state IN ('acknowledged', 'approved') THEN 1 ELSE 0 END), 0),"
	               " COALESCE(SUM(target_projects), 0), COALESCE(SUM(target_funds), 0),"
	               " COALESCE(SUM(target_labour), 0), COALESCE(SUM(target_training), 0),"
	               " MIN(start_year), MAX(end_year),"
	               " COALESCE(SUM(CASE WHEN state = 'approved' THEN 1 ELSE 0 END), 0)"
	               " FROM plans WHERE program = $1 AND start_year <= $2 AND end_year >= $2",
	               "ti", program, (int64_t)year))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		a->plans = db_col_int(st, 0);
		a->plans_approved = db_col_int(st, 1);
		a->target_projects = db_col_int(st, 2);
		a->target_funds = db_col_int(st, 3);
		a->target_labour = db_col_int(st, 4);
		a->target_training = db_col_int(st, 5);
		a->plan_start = (int)db_col_int(st, 6);
		a->plan_end = (int)db_col_int(st, 7);
		a->plans_approved_municipal = db_col_int(st, 8);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (db_prepare(d, &st, e,
	               "SELECT state, COUNT(*) FROM plans WHERE program = $1 AND start_year <= $2 AND "
	               "end_year >= $2"
	               " GROUP BY state",
	               "ti", program, (int64_t)year))
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int i = codes_index("plan_state", db_col_text(st, 0));
		if (i >= 0 && i < PLAN_STATES)
			a->plans_by_state[i] = db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (db_prepare(d, &st, e,
	               "SELECT focus FROM plans WHERE program = $1 AND start_year <= $2 AND end_year >= $2",
	               "ti", program, (int64_t)year))
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW) {
		char *f = xstrdup(db_col_text(st, 0)), *save = NULL;
		for (char *t = strtok_r(f, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
			while (*t == ' ')
				t++;
			int i = codes_index("focus", t);
			if (i >= 0 && i < 5)
				a->focus[i] = true;
		}
		free(f);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* The divisions named by COLUMN of the visits in DIRECTION, in the order
 * of their first visit. */
static int load_visit_places(db *d, const char *program, const char *start, const char *end,
                             const char *direction, struct place **out, size_t *n, err *e)
{
	const char *sql =
	        strcmp(direction, "to_recipient") == 0
	                ? "SELECT supporter_code, MIN(date) FROM visits WHERE program = $1 AND date >= $2"
	                  " AND date <= $3 AND direction = 'to_recipient' GROUP BY supporter_code"
	                  " ORDER BY MIN(date), supporter_code"
	                : "SELECT recipient_code, MIN(date) FROM visits WHERE program = $1 AND date >= $2"
	                  " AND date <= $3 AND direction = 'to_supporter' AND recipient_code IS NOT NULL"
	                  " AND recipient_code <> '' GROUP BY recipient_code ORDER BY MIN(date), "
	                  "recipient_code";
	db_stmt *st;
	if (db_prepare(d, &st, e, sql, "ttt", program, start, end))
		return -1;
	struct strlist codes = {0};
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		strlist_add(&codes, db_col_text(st, 0));
	db_finalize(st);
	if (rc != DB_ERROR && codes.n) {
		*out = xcalloc(codes.n, sizeof **out);
		*n = codes.n;
		for (size_t i = 0; i < codes.n && rc != DB_ERROR; i++)
			if (figures_place(d, codes.v[i], &(*out)[i], e))
				rc = DB_ERROR;
	}
	strlist_free(&codes);
	return rc == DB_ERROR ? -1 : 0;
}

static int load_visits(db *d, const char *program, const char *start, const char *end, struct annual_figs *a,
                       err *e)
{
	int64_t v[2];
	if (row_ints(d, e, v, 2,
	             "SELECT COALESCE(SUM(CASE WHEN direction = 'to_recipient' THEN 1 ELSE 0 END), 0),"
	             " COALESCE(SUM(CASE WHEN direction = 'to_supporter' THEN 1 ELSE 0 END), 0)"
	             " FROM visits WHERE program = $1 AND date >= $2 AND date <= $3",
	             program, start, end))
		return -1;
	a->visits_to_recipient = v[0];
	a->visits_to_supporter = v[1];
	return load_visit_places(d, program, start, end, "to_recipient", &a->visitors, &a->nvisitors, e) ||
	                       load_visit_places(d, program, start, end, "to_supporter", &a->visited_from,
	                                         &a->nvisited_from, e)
	               ? -1
	               : 0;
}

void figures_annual_free(struct annual_figs *a)
{
	free(a->program);
	free(a->program_zh);
	free(a->program_en);
	place_free(&a->region);
	place_free(&a->fair_county);
	free(a->fair_date);
	strlist_free(&a->topics);
	figures_signed_free(&a->sg);
	for (size_t i = 0; i < a->nvisitors; i++)
		place_free(&a->visitors[i]);
	free(a->visitors);
	for (size_t i = 0; i < a->nvisited_from; i++)
		place_free(&a->visited_from[i]);
	free(a->visited_from);
	memset(a, 0, sizeof *a);
}

int figures_annual(db *d, int year, const char *program, struct annual_figs *a, err *e)
{
	char start[11], end[11];
	memset(a, 0, sizeof *a);
	a->year = year;
	a->program = xstrdup(program);
	figures_year_bounds(year, start, end);
	if (figures_program(d, program, &a->program_zh, &a->program_en, e) ||
	    figures_is_demo(d, &a->demo, e) || load_region(d, program, &a->region, e) ||
	    load_projects(d, program, start, end, a, e) ||
	    load_funds(d, program, year, &a->funds, &a->welfare, e) ||
	    load_funds(d, program, year - 1, &a->funds_prev, &a->welfare_prev, e) ||
	    load_labour(d, program, start, end, a, e) || load_training(d, program, start, end, a, e) ||
	    figures_signed(d, year, program, &a->sg, e) || load_plans(d, program, year, a, e) ||
	    (a->plan_start &&
	     figures_plan_summary(d, program, a->plan_start, a->plan_end, end, &a->exec, e)) ||
	    load_visits(d, program, start, end, a, e) || figures_cumulative(d, year, program, a, e)) {
		figures_annual_free(a);
		return -1;
	}
	return 0;
}
