/* The demo's projects and their dated status history: the 62 projects
 * signed at the two 2004 conferences, the other projects signed in 2004,
 * those signed in 2002-2003 and still under way on 2004-01-01 (continuing),
 * those already finished or stopped before 2004 (which must not count), and
 * the public-welfare (free-aid) projects. Amounts that no seed figure fixes
 * are settled later from the receipts (funds.c). */
#include "core/date.h"
#include "demo/world.h"
#include "model/codes.h"
#include <stdlib.h>
#include <string.h>

/* The product lines (indices into demo_lines) of the 62 conference
 * projects, chosen to cover the seed's tiers and sectors: agriculture,
 * forestry, farm-produce processing, textiles, other manufacturing,
 * construction, finance, business services, labour cooperation (72xx),
 * hydropower (4413) and transport (54). */
static const int conference_lines[] = {
        0,  1,  2,  4,  34, 5,  6,              /* A */
        7,  8,  9,  10, 7,  8,                  /* 13 */
        11, 12, 13,                             /* 17 */
        14, 15, 16, 17, 18, 19, 20, 20, 18, 16, /* other C */
        21, 21, 21,                             /* 4413 */
        22, 23, 24, 22,                         /* E */
        25, 26, 26,                             /* 54 */
        27, 28,                                 /* J */
        29, 30, 31, 32, 31,                     /* L */
        33,                                     /* H */
        0,  3,  7,  9,  11, 12, 15, 17, 20, 22, 26, 29, 31, 33, 35, 1, 8, 13,
};
enum { N_CONF = 62 };
_Static_assert(sizeof conference_lines / sizeof conference_lines[0] == N_CONF, "62 conference projects");

/* How many of the 62 each county signed, in demo_counties order. */
static const int conference_per_county[] = {12, 8, 4, 4, 3, 4, 3, 4, 5, 4, 3, 3, 3, 2};

static int year_of(long day)
{
	return date_from_days(day).y;
}

static struct proj *proj_new(struct world *w, long signed_day, const struct county *c,
                             const struct supporter *s)
{
	if (w->np == w->capp) {
		w->capp = w->capp ? w->capp * 2 : 64;
		w->p = xrealloc(w->p, (size_t)w->capp * sizeof *w->p);
	}
	struct proj *p = &w->p[w->np++];
	memset(p, 0, sizeof *p);
	buf_init(&p->name);
	buf_init(&p->investor);
	buf_init(&p->leader);
	buf_init(&p->team);
	/* codes number the projects of each signing year: SX2004-001 … */
	int year = year_of(signed_day), seq = 1;
	for (int i = 0; i < w->np - 1; i++)
		seq += year_of(w->p[i].signed_day) == year;
	snprintf(p->code, sizeof p->code, "SX%d-%03d", year, seq);
	p->signed_day = signed_day;
	p->county = c;
	p->sup = s;
	return p;
}

/* 涪陵榨菜产业化基地, 上海援建万州希望小学; a second one of the same name
 * is 二期. */
static void proj_name(struct world *w, struct proj *p, const char *prefix, const char *product)
{
	static const char *const phase[] = {"", "（二期）", "（三期）", "（四期）", "（五期）"};
	for (int k = 0; k < 5; k++) {
		buf_reset(&p->name);
		buf_printf(&p->name, "%s%s%s%s", prefix, p->county->short_name, product, phase[k]);
		bool taken = false;
		for (int i = 0; i < w->np && !taken; i++)
			taken = &w->p[i] != p && strcmp(buf_str(&w->p[i].name), buf_str(&p->name)) == 0;
		if (!taken)
			return;
	}
}

static int add_step(struct world *w, struct proj *p, long day, int status)
{
	if (p->nsteps == MAX_STEPS || (p->nsteps && day <= p->step_day[p->nsteps - 1]))
		return err_add(w->e, EXIT_SYSTEM, "demo: %s: status history out of order", p->code);
	p->step_day[p->nsteps] = day;
	p->step_status[p->nsteps++] = status;
	return 0;
}

/* Moves P along the pipeline from its last status up to TO, one dated step
 * per status, the days increasing within [LO, HI]: the range is cut into
 * equal slices and each step falls somewhere in its own slice. */
static int walk(struct world *w, struct proj *p, int to, long lo, long hi)
{
	int from = p->step_status[p->nsteps - 1];
	int k = to - from;
	if (k <= 0)
		return 0;
	if (hi - lo + 1 < k)
		return err_add(w->e, EXIT_SYSTEM, "demo: %s: no room for its status steps", p->code);
	long slice = (hi - lo + 1) / k;
	for (int i = 0; i < k; i++) {
		long a = lo + slice * i;
		if (add_step(w, p, rng_between(&w->r, a, a + slice - 1), from + i + 1))
			return -1;
	}
	return 0;
}

int proj_status_on(const struct proj *p, long day)
{
	int s = -1;
	for (int i = 0; i < p->nsteps && p->step_day[i] <= day; i++)
		s = p->step_status[i];
	return s;
}

static const struct supporter *pick_supporter(struct world *w, const struct county *c)
{
	int n = county_supporter_count(c);
	return demo_supporter(c->supporters[rng_between(&w->r, 0, n - 1)]);
}

/* Tracking service (seed section 三): a leader and a team for every
 * project, a service mode and the preferential-policy note for economic
 * ones, the green channel for about a third. */
static void track(struct world *w, struct proj *p, int i)
{
	static const char *const modes[] = {"agency", "listing", "commitment"};
	name_leader(&w->r, &p->leader, p->county);
	name_team(&w->r, &p->team, p->county);
	if (p->welfare) {
		p->service_mode = "";
		p->policy = "";
		return;
	}
	p->service_mode = modes[i % 3];
	p->green = rng_between(&w->r, 0, 2) == 0;
	p->policy = name_policy(&w->r);
}

static const char *pick_ownership(struct world *w, const struct industry_line *l)
{
	if (l->state_led)
		return "state";
	int64_t x = rng_between(&w->r, 0, 99);
	return x < 55 ? "private" : x < 75 ? "state" : x < 85 ? "foreign" : "collective";
}

static void set_economic(struct world *w, struct proj *p, const struct industry_line *l,
                         const char *ownership)
{
	p->industry = l->industry;
	p->ownership = ownership;
	proj_name(w, p, "", l->product);
	name_investor(&w->r, &p->investor, ownership, p->sup, l->trade);
}

/* Contract amounts of the conference projects: the small ones (total
 * investment under 100 million) drawn, the large ones sharing what the
 * group's total leaves. */
static int conference_amounts(struct world *w, struct proj **g, int n, int nlarge, int64_t group_total)
{
	int64_t small_sum = 0, parts[N_CONF];
	for (int i = nlarge; i < n; i++) {
		g[i]->contract = rng_between(&w->r, 800, 9000) * 10000;
		g[i]->total =
		        g[i]->contract + rng_between(&w->r, 0, (99990000 - g[i]->contract) / 10000) * 10000;
		small_sum += g[i]->contract;
	}
	if (split_total(&w->r, group_total - small_sum, nlarge, 120000000, 10000, NULL, parts))
		return err_add(w->e, EXIT_SYSTEM, "demo: cannot split the conference projects' contracts");
	for (int i = 0; i < nlarge; i++) {
		g[i]->contract = parts[i];
		g[i]->total = parts[i] / 10000 * rng_between(&w->r, 100, 135) / 100 * 10000;
		if (g[i]->total < g[i]->contract)
			g[i]->total = g[i]->contract;
	}
	for (int i = 0; i < n; i++)
		g[i]->priv = strcmp(g[i]->ownership, "private") == 0 ? g[i]->contract : 0;
	return 0;
}

static int build_conference(struct world *w)
{
	/* final status on 2004-12-31 (S5-S8) */
	static const int finals[][2] = {
	        {ST_OPERATING, 18}, {ST_CONSTRUCTING, 26}, {ST_PREPARING, 15}, {ST_NEGOTIATING, 3}};
	int order[N_CONF], status[N_CONF], k = 0;
	for (int i = 0; i < N_CONF; i++)
		order[i] = i;
	rng_shuffle(&w->r, order, N_CONF);
	for (int f = 0; f < 4; f++)
		for (int j = 0; j < finals[f][1]; j++)
			status[k++] = finals[f][0];
	long cq = day_of(2004, 3, 18), wz = day_of(2004, 5, 28);
	int first = w->np, slot = 0;
	for (int c = 0; c < (int)(sizeof conference_per_county / sizeof conference_per_county[0]); c++)
		for (int j = 0; j < conference_per_county[c]; j++, slot++) {
			/* the shuffled slot decides the conference: the first 36 at 重庆 */
			bool at_cq = order[slot] < 36;
			const struct county *cty = &demo_counties[c];
			struct proj *p = proj_new(w, at_cq ? cq : wz, cty, pick_supporter(w, cty));
			p->conference = at_cq ? CONF_CQ : CONF_WZ;
			int final = status[order[slot]];
			int start = final == ST_NEGOTIATING || rng_between(&w->r, 0, 2) == 0 ? ST_NEGOTIATING
			                                                                     : ST_PREPARING;
			if (add_step(w, p, p->signed_day, start) ||
			    walk(w, p, final, p->signed_day + 10, day_of(2004, 12, 20)))
				return -1;
		}
	/* ownership: private capital comes from private investors; 34 of them.
	 * The others start with the state-led lines (hydropower, banks), so
	 * that they are among the large ones. */
	struct proj *priv[N_CONF], *other[N_CONF];
	int np = 0, no = 0;
	static const char *const others[] = {"state", "foreign", "collective"};
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < N_CONF; i++) {
			struct proj *p = &w->p[first + i];
			const struct industry_line *l = &demo_lines[conference_lines[order[i]]];
			if (pass == 0 && l->state_led) {
				set_economic(w, p, l, "state");
				other[no++] = p;
			} else if (pass == 1 && !l->state_led) {
				set_economic(w, p, l, np < 34 ? "private" : others[no % 3]);
				if (np < 34)
					priv[np++] = p;
				else
					other[no++] = p;
			}
		}
	if (np != 34 || no != N_CONF - 34)
		return err_add(w->e, EXIT_SYSTEM, "demo: the conference lines leave %d private projects", np);
	for (int i = 0; i < N_CONF; i++)
		track(w, &w->p[first + i], i);
	/* S10-S14: 34 large projects; contracts 199.3亿, private capital 110亿 */
	if (conference_amounts(w, priv, np, 20, 11000000000) ||
	    conference_amounts(w, other, no, 14, 19930000000 - 11000000000))
		return -1;
	/* S9: the 18 operating projects employ 7,836 people */
	int64_t jobs[18];
	int nj = 0;
	if (split_total(&w->r, 7836, 18, 120, 1, NULL, jobs))
		return err_add(w->e, EXIT_SYSTEM, "demo: cannot split the jobs");
	for (int i = first; i < w->np; i++)
		if (w->p[i].step_status[w->p[i].nsteps - 1] == ST_OPERATING) {
			w->p[i].has_jobs = true;
			w->p[i].jobs = jobs[nj++];
		}
	return 0;
}

/* A county to sign with: 万州 and 涪陵 more often, never 江津 (no supporter). */
static const struct county *pick_county(struct world *w)
{
	static const int weights[] = {5, 3, 1, 1, 1, 2, 1, 2, 2, 2, 1, 1, 2, 1};
	int total = 0, n = (int)(sizeof weights / sizeof weights[0]);
	for (int i = 0; i < n; i++)
		total += weights[i];
	int x = (int)rng_between(&w->r, 0, total - 1);
	for (int i = 0; i < n; i++) {
		if (x < weights[i])
			return &demo_counties[i];
		x -= weights[i];
	}
	return &demo_counties[0];
}

static struct proj *economic_new(struct world *w, long signed_day, int i)
{
	const struct county *c = pick_county(w);
	struct proj *p = proj_new(w, signed_day, c, pick_supporter(w, c));
	const struct industry_line *l = &demo_lines[rng_between(&w->r, 0, demo_line_count - 1)];
	set_economic(w, p, l, pick_ownership(w, l));
	track(w, p, i);
	return p;
}

static void give_jobs(struct world *w, struct proj *p)
{
	if (p->step_status[p->nsteps - 1] == ST_OPERATING) {
		p->has_jobs = true;
		p->jobs = rng_between(&w->r, 30, 450);
	}
}

/* F2: 55 more economic projects signed in 2004 outside the conferences
 * (with the 62: 117 new); one of them stopped within the year. */
static int build_new_2004(struct world *w)
{
	long cq = day_of(2004, 3, 18), wz = day_of(2004, 5, 28), end = day_of(2004, 12, 24);
	for (int i = 0; i < 55; i++) {
		long d = day_of(2004, 1, 6) + rng_between(&w->r, 0, 330);
		if (d == cq || d == wz)
			d++;
		struct proj *p = economic_new(w, d, i);
		int room = (int)((end - d) / 60); /* about two months per step */
		int final = (int)rng_between(&w->r, 0, room < 3 ? room : 3);
		if (add_step(w, p, d, ST_NEGOTIATING) || walk(w, p, final, d + 7, end))
			return -1;
		if (i == 17 && final != ST_OPERATING && add_step(w, p, end + 3, ST_STOPPED))
			return -1;
		give_jobs(w, p);
	}
	return 0;
}

/* F3: 66 projects signed in 2002-2003 and still under way on 2004-01-01
 * (12 negotiating, 22 preparing, 32 constructing), moving on in 2004. */
static int build_continuing(struct world *w)
{
	long y04 = day_of(2004, 1, 2), end03 = day_of(2003, 12, 28), end04 = day_of(2004, 12, 24);
	for (int i = 0; i < 66; i++) {
		int mid = i < 12 ? ST_NEGOTIATING : i < 34 ? ST_PREPARING : ST_CONSTRUCTING;
		long d = day_of(2002, 3, 1) + rng_between(&w->r, 0, 630); /* to 2003-11-22 */
		struct proj *p = economic_new(w, d, i);
		int final = mid + (int)rng_between(&w->r, 0, 2);
		if (final > ST_OPERATING)
			final = ST_OPERATING;
		if (add_step(w, p, d, ST_NEGOTIATING) || walk(w, p, mid, d + 10, end03) ||
		    walk(w, p, final, y04, end04))
			return -1;
		/* two fall through: active in 2004 all the same, stopped at its end */
		if ((i == 5 || i == 20) && final != ST_OPERATING && add_step(w, p, end04 + 2, ST_STOPPED))
			return -1;
		give_jobs(w, p);
	}
	return 0;
}

/* Projects of 2002-2003 that were not active in 2004: 15 operating before
 * 2004, one that went into operation on 2004-01-01 itself (so its status on
 * that day is operating), and two stopped in 2003. */
static int build_finished(struct world *w)
{
	for (int i = 0; i < 18; i++) {
		long d = day_of(2002, 1, 10) + rng_between(&w->r, 0, 440); /* to 2003-03-26 */
		struct proj *p = economic_new(w, d, i);
		if (add_step(w, p, d, ST_PREPARING))
			return -1;
		if (i < 15) {
			if (walk(w, p, ST_OPERATING, d + 30, day_of(2003, 12, 15)))
				return -1;
		} else if (i == 15) {
			if (walk(w, p, ST_CONSTRUCTING, d + 30, day_of(2003, 10, 31)) ||
			    add_step(w, p, day_of(2004, 1, 1), ST_OPERATING))
				return -1;
		} else if (add_step(w, p, d + 120 + rng_between(&w->r, 0, 100), ST_STOPPED)) {
			return -1;
		}
		give_jobs(w, p);
	}
	return 0;
}

/* 24 public-welfare (free-aid) projects, eight signed in each of 2002-2004:
 * schools, clinics, water and roads for resettled people. */
static int build_welfare(struct world *w)
{
	for (int i = 0; i < 24; i++) {
		int year = 2002 + i / 8;
		long d = day_of(year, 2, 1) + rng_between(&w->r, 0, 280);
		const struct county *c = pick_county(w);
		struct proj *p = proj_new(w, d, c, pick_supporter(w, c));
		const struct industry_line *l = &demo_welfare_lines[i % demo_welfare_line_count];
		p->welfare = true;
		p->industry = l->industry;
		p->ownership = "government";
		buf prefix = BUF_INIT;
		buf_printf(&prefix, "%s援建", p->sup->short_name);
		proj_name(w, p, buf_str(&prefix), l->product);
		buf_free(&prefix);
		name_investor(&w->r, &p->investor, "government", p->sup, "");
		track(w, p, i);
		int final = year < 2004 ? ST_OPERATING : ST_CONSTRUCTING;
		if (add_step(w, p, d, ST_PREPARING) || walk(w, p, final, d + 20, day_of(2004, 12, 10)))
			return -1;
	}
	return 0;
}

int projects_build(struct world *w)
{
	return build_conference(w) || build_new_2004(w) || build_continuing(w) || build_finished(w) ||
	                       build_welfare(w)
	               ? -1
	               : 0;
}

void world_free(struct world *w)
{
	for (int i = 0; i < w->np; i++) {
		buf_free(&w->p[i].name);
		buf_free(&w->p[i].investor);
		buf_free(&w->p[i].leader);
		buf_free(&w->p[i].team);
	}
	free(w->p);
	free(w->f);
}

/* Writes the projects and their status history; a project's status and
 * status_date are its last history entry, as an import of both would make
 * them. */
int projects_write(struct world *w)
{
	db_stmt *ps, *hs;
	if (db_prepare(
	            w->d, &ps, w->e,
	            "INSERT INTO projects(code, name, program, category, recipient_code, supporter_code,"
	            " conference, signed_date, investor, ownership, industry_code, total_investment,"
	            " contract_amount, private_amount, status, status_date, jobs, leader, team, service_mode,"
	            " green_channel, policy_note) VALUES ($1, $2, 'sanxia', $3, $4, $5, $6, $7, $8, $9, $10,"
	            " $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)",
	            ""))
		return -1;
	if (db_prepare(w->d, &hs, w->e,
	               "INSERT INTO status_history(project_code, date, status) VALUES ($1, $2, $3)", "")) {
		db_finalize(ps);
		return -1;
	}
	const struct code_list *statuses = codes_list("status");
	int rc = statuses ? 0 : err_add(w->e, EXIT_SYSTEM, "demo: the status code list is missing");
	for (int i = 0; i < w->np && !rc; i++) {
		struct proj *p = &w->p[i];
		char signed_day[11], last_day[11];
		day_fmt(p->signed_day, signed_day);
		day_fmt(p->step_day[p->nsteps - 1], last_day);
		const char *status = statuses->items[p->step_status[p->nsteps - 1]].code;
		rc = db_rebind(ps, w->e, "ttttttttttiiittntttit", p->code, buf_str(&p->name),
		               p->welfare ? "public_welfare" : "economic", p->county->code, p->sup->code,
		               p->conference, signed_day, buf_str(&p->investor), p->ownership, p->industry,
		               p->total, p->contract, p->priv, status, last_day, p->has_jobs, p->jobs,
		               buf_str(&p->leader), buf_str(&p->team), p->service_mode, (int64_t)p->green,
		               p->policy) ||
		     db_step(ps, w->e) == DB_ERROR;
		for (int k = 0; k < p->nsteps && !rc; k++) {
			char day[11];
			day_fmt(p->step_day[k], day);
			rc = db_rebind(hs, w->e, "ttt", p->code, day,
			               statuses->items[p->step_status[k]].code) ||
			     db_step(hs, w->e) == DB_ERROR;
		}
		if (rc)
			err_add(w->e, EXIT_SYSTEM, "demo: writing project %s", p->code);
	}
	db_finalize(ps);
	db_finalize(hs);
	return rc ? -1 : 0;
}
