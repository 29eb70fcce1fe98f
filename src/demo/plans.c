/* The 2004 conferences, the county plans for 2004-2007 (seed section 二) and
 * the visits both ways (section 六) of the demo world. */
#include "demo/world.h"
#include <string.h>

/* The names are the seed's; the dates and 重庆's place are the demo's. */
int conferences_write(struct world *w)
{
	static const char *const rows[][4] = {
	        {CONF_CQ, "三峡库区经济发展暨对口支援工作会议", "2004-03-18", "重庆"},
	        {CONF_WZ, "三峡库区对口支援暨经贸洽谈会", "2004-05-28", "万州"},
	};
	for (size_t i = 0; i < 2; i++)
		if (db_run(w->d, w->e,
		           "INSERT INTO conferences(code, name, date, place) VALUES ($1, $2, $3, $4)", "tttt",
		           rows[i][0], rows[i][1], rows[i][2], rows[i][3]))
			return err_add(w->e, EXIT_SYSTEM, "demo: writing conference %s", rows[i][0]);
	return 0;
}

/* Every third county's plan gives its targets by year too (a slow start:
 * 15%, 25%, 30% and the rest of each total), so that report plan shows both
 * kinds of plan; the years add up to the totals. No random draw here, so
 * the rest of the demo world is as before. */
static int yearly_targets(struct world *w, const char *plan, int64_t projects, int64_t funds, int64_t labour,
                          int64_t training)
{
	static const int share[] = {15, 25, 30};
	int64_t total[4] = {projects, funds, labour, training}, left[4];
	memcpy(left, total, sizeof left);
	for (int y = 0; y < 4; y++) {
		int64_t v[4];
		for (int m = 0; m < 4; m++) {
			v[m] = y < 3 ? total[m] * share[y] / 100 : left[m];
			left[m] -= v[m];
		}
		if (db_run(w->d, w->e,
		           "INSERT INTO plan_targets(plan_code, year, target_projects, target_funds, "
		           "target_labour,"
		           " target_training) VALUES ($1, $2, $3, $4, $5, $6)",
		           "tiiiii", plan, (int64_t)(2004 + y), v[0], v[1], v[2], v[3]))
			return err_add(w->e, EXIT_SYSTEM, "demo: writing the yearly targets of %s", plan);
	}
	return 0;
}

/* P1-P6: one 2004-2007 plan per county (江津 too), whose targets add up to
 * 680 projects, 92亿元, 7,800 workers and 5,000 trainees; 11 of the 15 are
 * acknowledged (认可, workflow state acknowledged) by the county's main supporter; together their focus areas
 * cover all five. */
int plans_write(struct world *w)
{
	static const int64_t size[] = {10, 6, 3, 3, 3, 4, 3, 4, 4, 5, 3, 5, 4, 3, 2}; /* by demo_counties */
	static const char *const focus[] = {
	        "economic;infrastructure;labour;talent;social",
	        "economic;labour;talent",
	        "economic;infrastructure",
	        "economic;labour;social",
	        "infrastructure;labour;talent",
	};
	enum { N = 15 };
	_Static_assert(sizeof size / sizeof size[0] == N, "one size per county");
	int64_t projects[N], funds[N], labour[N], training[N];
	if (demo_county_count != N || split_total(&w->r, 680, N, 10, 1, size, projects) ||
	    split_total(&w->r, 9200000000, N, 100000000, 10000000, size, funds) ||
	    split_total(&w->r, 7800, N, 100, 10, size, labour) ||
	    split_total(&w->r, 5000, N, 100, 10, size, training))
		return err_add(w->e, EXIT_SYSTEM, "demo: cannot split the plan targets");
	db_stmt *st;
	if (db_prepare(w->d, &st, w->e,
	               "INSERT INTO plans(code, recipient_code, start_year, end_year, target_projects, "
	               "target_funds,"
	               " target_labour, target_training, focus, approved_by, approved_date, state)"
	               " VALUES ($1, $2, 2004, 2007, $3, $4, $5, $6, $7, $8, $9, $10)",
	               ""))
		return -1;
	int rc = 0;
	for (int i = 0; i < N && !rc; i++) {
		const struct county *c = &demo_counties[i];
		/* 巴南, 石柱, 巫溪 and 江津 (no supporter) still wait for approval */
		bool approved = c->supporters[0] && strcmp(c->code, "500113") && strcmp(c->code, "500240") &&
		                strcmp(c->code, "500238");
		char code[32], date[11];
		snprintf(code, sizeof code, "GH-%s-2004", c->code);
		day_fmt(day_of(2004, 6, 1) + rng_between(&w->r, 0, 150), date);
		rc = db_rebind(st, w->e, "ttiiiitttt", code, c->code, projects[i], funds[i], labour[i],
		               training[i], focus[i % 5], approved ? c->supporters[0] : NULL,
		               approved ? date : NULL, approved ? "acknowledged" : "draft") ||
		     db_step(st, w->e) == DB_ERROR;
		if (rc)
			err_add(w->e, EXIT_SYSTEM, "demo: writing plan %s", code);
		if (!rc && i % 3 == 0 &&
		    yearly_targets(w, code, projects[i], funds[i], labour[i], training[i]))
			rc = -1;
	}
	db_finalize(st);
	return rc ? -1 : 0;
}

static int visit(struct world *w, db_stmt *st, long day, const char *direction, const struct supporter *s,
                 const struct county *c, const char *title, const char *rank, const char *purpose)
{
	char date[11];
	buf leader = BUF_INIT;
	day_fmt(day, date);
	name_official(&w->r, &leader, title);
	int rc = db_rebind(st, w->e, "ttttttt", date, direction, s->code, c->code, buf_str(&leader), rank,
	                   purpose) ||
	         db_step(st, w->e) == DB_ERROR;
	buf_free(&leader);
	return rc ? err_add(w->e, EXIT_SYSTEM, "demo: writing the visit of %s on %s", s->name, date) : 0;
}

/* 上海 and 天津 are municipalities: their leaders are 副市长 like a city's. */
static const char *leader_title(const struct supporter *s)
{
	size_t n = strlen(s->name);
	return n >= 3 && strcmp(s->name + n - 3, "市") == 0 ? "副市长" : "副省长";
}

/* The first county the supporter S is paired with, in demo_counties order. */
static const struct county *county_of(const struct supporter *s)
{
	for (int i = 0; i < demo_county_count; i++)
		for (int j = 0; j < county_supporter_count(&demo_counties[i]); j++)
			if (strcmp(demo_counties[i].supporters[j], s->code) == 0)
				return &demo_counties[i];
	return NULL;
}

/* C1: 16 supporters' leaders came to the reservoir area in 2004, the
 * seed's eleven named first in its order, then five more; C2: the 党政一把手
 * of nine counties went to their paired supporters. 2003 has a few of each
 * for comparison. */
int visits_write(struct world *w)
{
	static const char *const to_recipient[] = {
	        "310000", "330000", "350000", "370000", "210000", "130000", "530000", "440300",
	        "320100", "350200", "120000", "330200", "360000", "510000", "220000", "440000",
	};
	static const char *const to_supporter[] = {"500101", "500102", "500115", "500112", "500113",
	                                           "500230", "500240", "500236", "500233"};
	static const char *const purposes[] = {
	        "考察对口支援项目，出席三峡库区经济发展暨对口支援工作会议",
	        "率有关部门负责人、企业家考察库区，洽谈经贸合作",
	        "看望移民群众，检查援建项目进展",
	};
	db_stmt *st;
	if (db_prepare(w->d, &st, w->e,
	               "INSERT INTO visits(date, direction, supporter_code, recipient_code, leader, rank, "
	               "purpose)"
	               " VALUES ($1, $2, $3, $4, $5, $6, $7)",
	               ""))
		return -1;
	int rc = 0;
	long day = day_of(2004, 3, 16);
	for (int i = 0; i < 16 && !rc; i++) {
		const struct supporter *s = demo_supporter(to_recipient[i]);
		const struct county *c = s ? county_of(s) : NULL;
		if (!c) {
			rc = err_add(w->e, EXIT_SYSTEM, "demo: supporter %s has no county", to_recipient[i]);
			break;
		}
		day += i == 0 ? 0 : rng_between(&w->r, 3, 16);
		rc = visit(w, st, day, "to_recipient", s, c, leader_title(s),
		           s->province ? "省级" : "副省级城市", purposes[i == 0 ? 0 : 1 + i % 2]);
	}
	day = day_of(2004, 4, 6);
	for (int i = 0; i < 9 && !rc; i++) {
		const struct county *c = demo_county(to_supporter[i]);
		const struct supporter *s = demo_supporter(c->supporters[0]);
		day += rng_between(&w->r, 7, 25);
		rc = visit(w, st, day, "to_supporter", s, c, c->district ? "区委书记" : "县委书记",
		           "区县党政一把手", "汇报对口支援工作，招商引资，寻求支持");
	}
	/* 2003, for comparison */
	for (int i = 0; i < 3 && !rc; i++) {
		const struct supporter *s = demo_supporter(to_recipient[i * 4]);
		rc = visit(w, st, day_of(2003, 5, 10) + 60 * i, "to_recipient", s, county_of(s),
		           leader_title(s), s->province ? "省级" : "副省级城市", purposes[2]);
	}
	for (int i = 0; i < 2 && !rc; i++) {
		const struct county *c = demo_county(to_supporter[i]);
		rc = visit(w, st, day_of(2003, 9, 12) + 30 * i, "to_supporter",
		           demo_supporter(c->supporters[0]), c, c->district ? "区长" : "县长",
		           "区县党政一把手", "汇报对口支援工作");
	}
	db_finalize(st);
	return rc;
}
