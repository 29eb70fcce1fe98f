/* Inside the demo generator: the deterministic random source, the fixed
 * tables of the demo world (counties, supporters, pairings), the name
 * builders, and the in-memory projects and receipts before they are written.
 * Only src/demo/ includes this. */
#ifndef DUIKOU_DEMO_WORLD_H
#define DUIKOU_DEMO_WORLD_H
#include "core/buf.h"
#include "core/err.h"
#include "store/db.h"
#include <stdbool.h>
#include <stdint.h>

/* ---- rng.c: splitmix64, so every run writes the same database ---- */
struct rng {
	uint64_t s;
};
void rng_init(struct rng *r, uint64_t seed);
uint64_t rng_next(struct rng *r);
/* A whole number in [lo, hi] (lo <= hi). */
int64_t rng_between(struct rng *r, int64_t lo, int64_t hi);
/* Splits TOTAL into N parts that sum to it exactly: each is a multiple of
 * UNIT and at least MIN (itself a multiple of UNIT), in proportion to
 * WEIGHTS (all > 0) or, when WEIGHTS is NULL, to random weights. Returns -1
 * when TOTAL cannot be split that way (a mistake in the demo's tables). */
int split_total(struct rng *r, int64_t total, int n, int64_t min, int64_t unit, const int64_t *weights,
                int64_t *out);
/* Shuffles the N ints at V. */
void rng_shuffle(struct rng *r, int *v, int n);

/* Days since 1970-01-01, and back to "YYYY-MM-DD". */
long day_of(int y, int m, int d);
void day_fmt(long day, char out[11]);

/* ---- world.c: who supports whom in the demo world ---- */
struct supporter {
	const char *code;
	const char *name;       /* 上海市 */
	const char *short_name; /* 上海 */
	const char *brand[2];   /* made-up trade names used in company names */
	bool province;          /* a province or municipality (else a city) */
};
struct county {
	const char *code;
	const char *short_name;    /* 万州 */
	bool district;             /* 区 (else 县) in the name the database carries */
	const char *supporters[8]; /* paired supporters, the first the main one; NULL-ended */
};
extern const struct supporter demo_supporters[];
extern const int demo_supporter_count;
extern const struct county demo_counties[];
extern const int demo_county_count;
const struct supporter *demo_supporter(const char *code);
const struct county *demo_county(const char *code);
/* The number of paired supporters of C. */
int county_supporter_count(const struct county *c);
/* Adds the demo's own pairings (for the seed counties that the reference
 * data gives no supporter), then checks that every pairing the demo uses
 * is in the pairings table. */
int world_pairings(db *d, err *e);

/* ---- names.c: plausible, clearly generated names ---- */
/* A product line of an industry: the words that make a project's name and
 * its investor's trade. */
struct industry_line {
	const char *industry; /* GB/T 4754-2017 code */
	const char *product;  /* 柑橘精深加工项目 */
	const char *trade;    /* 食品 (for 上海申江食品有限公司) */
	bool state_led;       /* usually a state investor (hydropower, banks) */
};
extern const struct industry_line demo_lines[];
extern const int demo_line_count;
extern const struct industry_line demo_welfare_lines[];
extern const int demo_welfare_line_count;
void name_investor(struct rng *r, buf *out, const char *ownership, const struct supporter *s,
                   const char *trade);
void name_leader(struct rng *r, buf *out, const struct county *c);
void name_team(struct rng *r, buf *out, const struct county *c);
const char *name_policy(struct rng *r);
void name_employer(struct rng *r, buf *out, const struct supporter *s);
/* 副市长 王某 and the like, for a leader of supporter S or of county C. */
void name_official(struct rng *r, buf *out, const char *title);

/* ---- projects.c, funds.c: projects, their history and receipts ---- */
enum { MAX_STEPS = 6 };
struct proj {
	char code[16];
	buf name, investor, leader, team;
	bool welfare;
	const struct county *county;
	const struct supporter *sup;
	const char *conference; /* NULL, or a conference code */
	long signed_day;
	const char *ownership;
	const char *industry;
	int64_t total, contract, priv; /* 0 means NULL for total/contract */
	int nsteps;
	long step_day[MAX_STEPS];
	int step_status[MAX_STEPS]; /* enum status_code */
	bool has_jobs;
	int64_t jobs;
	const char *service_mode;
	int green;
	const char *policy;
	int64_t received; /* receipts allotted so far */
};
struct receipt {
	int proj;
	long day;
	int64_t amount;
	const char *side;
	const char *source_type;
};
struct world {
	db *d;
	err *e;
	struct rng r;
	struct proj *p;
	int np, capp;
	struct receipt *f;
	int nf, capf;
};
/* Builds every project with its status history in W. */
int projects_build(struct world *w);
/* Allots the year's receipts and settles the amounts of projects that no
 * seed figure fixes. */
int funds_build(struct world *w);
/* Writes projects, status history and receipts. */
int projects_write(struct world *w);
int funds_write(struct world *w);
void world_free(struct world *w);
/* Status of project P on DAY (last history entry on or before it), -1 when
 * none yet. */
int proj_status_on(const struct proj *p, long day);

/* ---- people.c, plans.c ---- */
int labour_write(struct world *w);
int training_write(struct world *w);
int plans_write(struct world *w);
int visits_write(struct world *w);
int conferences_write(struct world *w);
/* ---- tracking.c: leaders, teams, service log, commitments (seed section 三) ---- */
int tracking_write(struct world *w);
/* books.c: the supporters' transfers behind the receipts, confirmations
 * and verified receipts (issue 10); after the receipts are written. */
int books_write(struct world *w);

/* The two 2004 conferences. */
#define CONF_CQ "CQ2004"
#define CONF_WZ "WZ2004"

#endif
