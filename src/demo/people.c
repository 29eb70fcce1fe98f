/* Labour export (seed section 四) and training (section 五, and the cadres
 * of section 一) of the demo world: batches and courses whose headcounts add
 * up to the seed's 2.1万人, 808 wealth leaders in 16 host provinces/cities
 * and 342 cadres, plus 2003 records for comparison. */
#include "demo/world.h"
#include <string.h>

/* The counties that send workers (those with a supporter to go to). */
static const struct county *origin_county(struct world *w)
{
	return &demo_counties[rng_between(&w->r, 0, demo_county_count - 2)];
}

static int labour_batch(struct world *w, db_stmt *st, int year, int seq, long day, const struct county *c,
                        const char *mode, int64_t headcount)
{
	const struct supporter *s =
	        demo_supporter(c->supporters[rng_between(&w->r, 0, county_supporter_count(c) - 1)]);
	char code[24], contract[32], date[11];
	buf employer = BUF_INIT;
	snprintf(code, sizeof code, "LW%d-%03d", year, seq);
	snprintf(contract, sizeof contract, "HT-%s-%d-%03d", c->code, year, seq);
	day_fmt(day, date);
	name_employer(&w->r, &employer, s);
	int rc = db_rebind(st, w->e, "ttttttitt", code, date, c->code, s->code, buf_str(&employer), mode,
	                   headcount, contract, s->code) ||
	         db_step(st, w->e) == DB_ERROR;
	buf_free(&employer);
	return rc ? err_add(w->e, EXIT_SYSTEM, "demo: writing labour batch %s", code) : 0;
}

/* F8: 2004's batches come to 21,046 people (2.1万人), one of them 云阳's
 * Spring Festival recruitment fair of 826 (L2; 春节 was 2004-01-22); all
 * five organisation forms are used. 2003 had fewer. */
int labour_write(struct world *w)
{
	static const char *const modes[] = {"gov_contract", "labour_company", "recruitment_fair",
	                                    "joint_school", "school_contract"};
	static const struct {
		int year, batches;
		int64_t people;
	} years[] = {{2003, 14, 12480}, {2004, 47, 21046 - 826}};
	db_stmt *st;
	if (db_prepare(
	            w->d, &st, w->e,
	            "INSERT INTO labour(code, date, origin_code, destination_code, employer, mode, headcount,"
	            " contract_no, supporter_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	            ""))
		return -1;
	int rc = 0;
	for (size_t y = 0; y < 2 && !rc; y++) {
		int64_t heads[64];
		int seq = 0, n = years[y].batches;
		if (years[y].year == 2004)
			rc = labour_batch(w, st, 2004, ++seq, day_of(2004, 1, 26), demo_county("500235"),
			                  "recruitment_fair", 826);
		if (!rc && split_total(&w->r, years[y].people, n, 60, 1, NULL, heads))
			rc = err_add(w->e, EXIT_SYSTEM, "demo: cannot split the labour of %d", years[y].year);
		for (int i = 0; i < n && !rc; i++) {
			/* batches go out after the Spring Festival and through the spring */
			long day = day_of(years[y].year, 2, 10) + rng_between(&w->r, 0, 300);
			const char *mode = i < 5 ? modes[i] : modes[rng_between(&w->r, 0, 4)];
			rc = labour_batch(w, st, years[y].year, ++seq, day, origin_county(w), mode, heads[i]);
		}
	}
	db_finalize(st);
	return rc;
}

/* The 16 host provinces/cities of the 2004 wealth-leader courses (W1). */
static const char *const leader_hosts[] = {
        "310000", "330000", "350000", "370000", "210000", "130000", "530000", "440300",
        "320100", "350200", "120000", "330200", "360000", "510000", "220000", "440000",
};
static const char *const leader_topics[] = {"花卉", "蔬菜", "水果", "猪", "牛", "羊", "水产"};

struct course {
	const char *kind;
	int year;
	int n;          /* records */
	int64_t people; /* their headcount */
	int64_t min;    /* per record */
	int days_lo, days_hi;
};

static int training_course(struct world *w, db_stmt *st, const struct course *c, int seq, int i,
                           int64_t headcount)
{
	const struct county *o = origin_county(w);
	const char *host, *topic;
	int64_t days = rng_between(&w->r, c->days_lo, c->days_hi);
	static const char *const skills[] = {"电子装配", "服装缝纫", "中式烹调", "建筑施工", "家政服务"};
	static const char *const cadre[] = {"招商引资", "市场经济与企业管理", "城镇规划建设", "移民安置政策"};
	if (strcmp(c->kind, "wealth_leader") == 0) {
		host = c->year == 2004 ? leader_hosts[i % 16] : o->supporters[0];
		topic = leader_topics[(i * 3 + seq) % 7];
		if (c->year == 2004 && i % 11 == 4) /* a few longer courses (W2) */
			days = rng_between(&w->r, 20, 30);
	} else {
		host = o->supporters[rng_between(&w->r, 0, county_supporter_count(o) - 1)];
		topic = strcmp(c->kind, "skills") == 0 ? skills[i % 5] : cadre[i % 4];
		if (strcmp(c->kind, "skills") == 0)
			host = o->code; /* taught at home, before going out */
	}
	char code[24], date[11];
	snprintf(code, sizeof code, "PX%d-%03d", c->year, seq);
	day_fmt(day_of(c->year, 3, 1) + rng_between(&w->r, 0, 240), date);
	const struct supporter *s = demo_supporter(o->supporters[0]);
	if (db_rebind(st, w->e, "tttitttit", code, c->kind, date, days, o->code, host, topic, headcount,
	              s ? s->code : NULL) ||
	    db_step(st, w->e) == DB_ERROR)
		return err_add(w->e, EXIT_SYSTEM, "demo: writing training %s", code);
	return 0;
}

/* F9/W1: 808 wealth leaders in 32 courses at 16 hosts, mostly of 15 days or
 * less; F10: 342 cadres (secondments of months, courses of days); skills
 * courses; and 2003's courses for comparison. */
int training_write(struct world *w)
{
	static const struct course courses[] = {
	        {"wealth_leader", 2004, 32, 808, 12, 7, 15}, {"cadre_secondment", 2004, 24, 66, 1, 90, 365},
	        {"cadre_training", 2004, 8, 276, 20, 7, 20}, {"skills", 2004, 12, 1860, 60, 15, 60},
	        {"wealth_leader", 2003, 10, 305, 12, 7, 15}, {"cadre_training", 2003, 4, 150, 20, 7, 20},
	};
	db_stmt *st;
	if (db_prepare(w->d, &st, w->e,
	               "INSERT INTO training(code, kind, start_date, days, origin_code, host_code, topic, "
	               "headcount,"
	               " supporter_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	               ""))
		return -1;
	int rc = 0, seq[2] = {0, 0};
	for (size_t k = 0; k < sizeof courses / sizeof courses[0] && !rc; k++) {
		const struct course *c = &courses[k];
		int64_t heads[64];
		if (split_total(&w->r, c->people, c->n, c->min, 1, NULL, heads))
			rc = err_add(w->e, EXIT_SYSTEM, "demo: cannot split the %s courses", c->kind);
		for (int i = 0; i < c->n && !rc; i++)
			rc = training_course(w, st, c, ++seq[c->year - 2003], i, heads[i]);
	}
	db_finalize(st);
	return rc;
}
