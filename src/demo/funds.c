/* Fund receipts (到位资金) of the demo world. Each year's receipts come from
 * a pool split among the projects that could receive money that year, each
 * share cut into one to three dated receipts on or after the signing day.
 * The pools are the seed's totals (F4-F7, S2-S4); the amounts of projects
 * that no seed figure fixes are settled afterwards so that receipts never
 * pass a project's contract. */
#include "core/date.h"
#include "demo/world.h"
#include "model/codes.h"
#include <stdlib.h>
#include <string.h>

enum pool_kind {
	POOL_CONF_SUPPORTER, /* conference projects, supporter side */
	POOL_CONF_RECIPIENT, /* conference projects, recipient side */
	POOL_ECONOMIC,       /* other economic projects, either side */
	POOL_WELFARE,        /* public-welfare projects, supporter side */
};

struct pool {
	enum pool_kind kind;
	int year;
	int64_t amount;
};

/* F4 22.40亿 in 2004 and 15.24亿 in 2003, of which public welfare F6 1.12亿
 * and 1.00亿; S3/S4 the conference projects' 10.78亿 and 8730万; the rest
 * of each year goes to the other economic projects. 2002 is history only. */
static const struct pool pools[] = {
        {POOL_CONF_SUPPORTER, 2004, 1078000000},
        {POOL_CONF_RECIPIENT, 2004, 87300000},
        {POOL_ECONOMIC, 2004, 2240000000 - 112000000 - 1078000000 - 87300000},
        {POOL_WELFARE, 2004, 112000000},
        {POOL_ECONOMIC, 2003, 1524000000 - 100000000},
        {POOL_WELFARE, 2003, 100000000},
        {POOL_ECONOMIC, 2002, 480000000},
        {POOL_WELFARE, 2002, 60000000},
};

/* The weight of P in POOL, 0 when it takes no part: money follows progress
 * (status at the year's end) and, for conference projects, the contract. */
static int64_t pool_weight(struct world *w, const struct proj *p, const struct pool *pl)
{
	long last = day_of(pl->year, 12, 31) - 3; /* room for a receipt after signing */
	if (p->signed_day > last)
		return 0;
	int st = proj_status_on(p, day_of(pl->year, 12, 31));
	static const int64_t progress[] = {0, 3, 10, 16, 0}; /* by enum status_code */
	int64_t f = st >= 0 && st < ST_COUNT ? progress[st] : 0;
	switch (pl->kind) {
	case POOL_CONF_SUPPORTER:
		return p->conference ? p->contract / 1000000 * f * rng_between(&w->r, 5, 15) : 0;
	case POOL_CONF_RECIPIENT:
		return p->conference && st >= ST_CONSTRUCTING && st != ST_STOPPED
		               ? p->contract / 1000000 * rng_between(&w->r, 5, 15)
		               : 0;
	case POOL_ECONOMIC:
		return !p->conference && !p->welfare ? f * rng_between(&w->r, 5, 15) : 0;
	case POOL_WELFARE:
		return p->welfare ? (f ? f : 3) * rng_between(&w->r, 5, 15) : 0;
	}
	return 0;
}

static void add_receipt(struct world *w, int proj, long day, int64_t amount, const char *side,
                        const char *type)
{
	if (w->nf == w->capf) {
		w->capf = w->capf ? w->capf * 2 : 256;
		w->f = xrealloc(w->f, (size_t)w->capf * sizeof *w->f);
	}
	w->f[w->nf++] = (struct receipt){proj, day, amount, side, type};
	w->p[proj].received += amount;
}

static const char *side_for(struct world *w, const struct pool *pl)
{
	if (pl->kind == POOL_CONF_RECIPIENT)
		return "recipient";
	if (pl->kind == POOL_ECONOMIC && rng_between(&w->r, 0, 4) == 0)
		return "recipient";
	return "supporter";
}

static const char *type_for(struct world *w, const struct pool *pl, const char *side)
{
	static const char *const welfare[] = {"government", "donation", "in_kind"};
	static const char *const local[] = {"bank_loan", "government", "enterprise"};
	if (pl->kind == POOL_WELFARE)
		return welfare[rng_between(&w->r, 0, 2)];
	if (strcmp(side, "recipient") == 0)
		return local[rng_between(&w->r, 0, 2)];
	return "enterprise";
}

/* One project's SHARE of POOL as one to three receipts dated from three days
 * after signing (or the year's start) to the year's end. */
static int share_receipts(struct world *w, int proj, int64_t share, const struct pool *pl)
{
	const struct proj *p = &w->p[proj];
	int n = share >= 3000000 ? (int)rng_between(&w->r, 1, 3) : 1;
	int64_t parts[3];
	if (split_total(&w->r, share, n, 10000, 10000, NULL, parts))
		return err_add(w->e, EXIT_SYSTEM, "demo: %s: cannot split %lld yuan", p->code,
		               (long long)share);
	long lo = day_of(pl->year, 1, 1), hi = day_of(pl->year, 12, 31);
	if (p->signed_day + 3 > lo)
		lo = p->signed_day + 3;
	for (int i = 0; i < n; i++) {
		const char *side = side_for(w, pl);
		add_receipt(w, proj, rng_between(&w->r, lo, hi), parts[i], side, type_for(w, pl, side));
	}
	return 0;
}

static int pool_build(struct world *w, const struct pool *pl)
{
	int64_t *weights = xcalloc((size_t)w->np, sizeof *weights);
	int64_t *shares = xcalloc((size_t)w->np, sizeof *shares);
	int *who = xcalloc((size_t)w->np, sizeof *who);
	int n = 0, rc = 0;
	for (int i = 0; i < w->np; i++) {
		int64_t wt = pool_weight(w, &w->p[i], pl);
		if (wt > 0) {
			weights[n] = wt;
			who[n++] = i;
		}
	}
	if (n == 0 || split_total(&w->r, pl->amount, n, 10000, 10000, weights, shares))
		rc = err_add(w->e, EXIT_SYSTEM, "demo: cannot split the %d receipts pool", pl->year);
	for (int i = 0; i < n && !rc; i++)
		rc = share_receipts(w, who[i], shares[i], pl);
	free(weights);
	free(shares);
	free(who);
	return rc;
}

static int64_t round_up_wan(int64_t yuan)
{
	return (yuan + 9999) / 10000 * 10000;
}

/* Projects outside the conferences: contract at least what arrived, total
 * investment at least the contract, private capital as the ownership says. */
static void settle_amounts(struct world *w)
{
	for (int i = 0; i < w->np; i++) {
		struct proj *p = &w->p[i];
		if (p->conference)
			continue;
		int64_t base = p->welfare ? rng_between(&w->r, 50, 800) * 10000
		                          : rng_between(&w->r, 300, 30000) * 10000;
		int64_t need = round_up_wan(
		        p->received *
		        (p->welfare ? rng_between(&w->r, 100, 130) : rng_between(&w->r, 120, 300)) / 100);
		p->contract = need > base ? need : base;
		p->total = p->welfare ? p->contract
		                      : round_up_wan(p->contract * rng_between(&w->r, 100, 140) / 100);
		p->priv = strcmp(p->ownership, "private") == 0 ? p->contract : 0;
	}
}

int funds_build(struct world *w)
{
	for (size_t i = 0; i < sizeof pools / sizeof pools[0]; i++)
		if (pool_build(w, &pools[i]))
			return -1;
	settle_amounts(w);
	for (int i = 0; i < w->np; i++)
		if (w->p[i].received > w->p[i].contract)
			return err_add(w->e, EXIT_SYSTEM, "demo: %s receives more than its contract",
			               w->p[i].code);
	return 0;
}

static int receipt_cmp(const void *a, const void *b)
{
	const struct receipt *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->proj != y->proj)
		return x->proj < y->proj ? -1 : 1;
	if (x->amount != y->amount)
		return x->amount < y->amount ? -1 : 1;
	return strcmp(x->side, y->side);
}

int funds_write(struct world *w)
{
	/* in date order, numbered by year as an office would: DW2004-00001 */
	qsort(w->f, (size_t)w->nf, sizeof *w->f, receipt_cmp);
	db_stmt *st;
	if (db_prepare(w->d, &st, w->e,
	               "INSERT INTO funds(code, project_code, date, amount, side, source_type, note)"
	               " VALUES ($1, $2, $3, $4, $5, $6, '')",
	               ""))
		return -1;
	int rc = 0, seq = 0, year = 0;
	for (int i = 0; i < w->nf && !rc; i++) {
		const struct receipt *f = &w->f[i];
		char day[11], code[24];
		day_fmt(f->day, day);
		int y = date_from_days(f->day).y;
		seq = y == year ? seq + 1 : 1;
		year = y;
		snprintf(code, sizeof code, "DW%d-%05d", y, seq);
		if (db_rebind(st, w->e, "tttitt", code, w->p[f->proj].code, day, f->amount, f->side,
		              f->source_type) ||
		    db_step(st, w->e) == DB_ERROR)
			rc = err_add(w->e, EXIT_SYSTEM, "demo: writing receipt %s", code);
	}
	db_finalize(st);
	return rc;
}
