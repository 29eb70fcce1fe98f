/* The synthetic world of `duikou gen`. Records are drawn one at a time from
 * one random source and written at once through prepared statements, so a
 * world of any size needs little memory: only the places (counties with
 * their supporters) and the conferences are kept. Codes come from the one
 * code table (model/codes.c), product lines from the demo's (names.c). */
#include "demo/synth.h"
#include "core/date.h"
#include "demo/world.h"
#include "model/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char synth_sizes_text[] = "S (2,000 projects, 40,000 fund receipts), M (100,000 and 2,000,000), "
                                "L (1,000,000 and 20,000,000)";

static const struct synth_size sizes[] = {
        {"S", 2000, 40000, 4000, 2000, 60},
        {"M", 100000, 2000000, 200000, 100000, 1000},
        {"L", 1000000, 20000000, 2000000, 1000000, 1000},
};

const struct synth_size *synth_size(const char *name)
{
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (name[0] && !name[1] && (name[0] == sizes[i].name[0] || name[0] == sizes[i].name[0] + 32))
			return &sizes[i];
	return NULL;
}

enum { FIRST_YEAR = 2005, LAST_YEAR = 2024, N_YEARS = LAST_YEAR - FIRST_YEAR + 1, MAX_SUP = 3 };

/* The programs of data/programs.csv. The reservoir area's counties and
 * pairings are the reference data's; the other programs' counties are
 * generated in the provinces they support, paired with supporters of the
 * east. WEIGHT is the program's share of the records, COUNTY_SHARE of the
 * generated counties. */
struct program {
	const char *code;
	const char *prefix; /* of project codes: XJ2015-000123 */
	int weight;
	int county_share;
	const char *provinces[8];
	const char *supporters[12];
};
static const struct program programs[] = {
        {"sanxia", "SX", 40, 0, {NULL}, {NULL}},
        {"xizang",
         "XZ",
         15,
         10,
         {"540000", NULL},
         {"110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000", "210000", "420000",
          NULL}},
        {"xinjiang",
         "XJ",
         20,
         15,
         {"650000", NULL},
         {"110000", "120000", "310000", "320000", "330000", "370000", "440000", "210000", "420000", "430000",
          "410000", NULL}},
        {"dongxi",
         "DX",
         25,
         75,
         {"520000", "530000", "620000", "450000", "640000", "630000", "150000", NULL},
         {"110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000", NULL}},
};
enum { N_PROGRAMS = sizeof programs / sizeof programs[0] };

struct place {
	char code[16];
	char name[96];
	char sup[MAX_SUP][8];
	int nsup;
};

struct synth {
	db *d;
	err *e;
	const struct synth_size *size;
	struct rng r;
	synth_progress_fn progress;
	void *ctx;
	struct place *places[N_PROGRAMS];
	int nplaces[N_PROGRAMS];
	long conf_day[N_PROGRAMS][N_YEARS];
	db_stmt *project, *history, *fund, *labour, *training;
	long receipts_left, projects_left, receipts_done;
};

static const char *pick_code(struct rng *r, const char *list)
{
	const struct code_list *l = codes_list(list);
	return l->items[rng_between(r, 0, (int64_t)l->n - 1)].code;
}

static int pick_program(struct synth *s)
{
	int64_t x = rng_between(&s->r, 1, 100);
	for (int i = 0; i < N_PROGRAMS; i++) {
		if (x <= programs[i].weight)
			return i;
		x -= programs[i].weight;
	}
	return 0;
}

static long day_in(struct rng *r, int year)
{
	return rng_between(r, day_of(year, 1, 1), day_of(year, 12, 31));
}

static void report(struct synth *s, const char *what, long done, long total)
{
	if (s->progress && (done % 10000 == 0 || done == total))
		s->progress(s->ctx, what, done, total);
}

static struct place *place_add(struct synth *s, int prog)
{
	int n = s->nplaces[prog]++;
	s->places[prog] = xrealloc(s->places[prog], (size_t)(n + 1) * sizeof *s->places[prog]);
	struct place *p = &s->places[prog][n];
	memset(p, 0, sizeof *p);
	return p;
}

/* The reservoir area: the counties the reference data pairs, with their
 * supporters. */
static int places_sanxia(struct synth *s)
{
	db_stmt *st;
	if (db_prepare(s->d, &st, s->e,
	               "SELECT p.recipient_code, d.name_zh, p.supporter_code FROM pairings p"
	               " JOIN divisions d ON d.code = p.recipient_code"
	               " WHERE p.program = 'sanxia' ORDER BY p.recipient_code, p.supporter_code",
	               ""))
		return -1;
	int rc;
	struct place *p = NULL;
	while ((rc = db_step(st, s->e)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		if (!p || strcmp(p->code, code) != 0) {
			p = place_add(s, 0);
			snprintf(p->code, sizeof p->code, "%s", code);
			snprintf(p->name, sizeof p->name, "%s", db_col_text(st, 1));
		}
		if (p->nsup < MAX_SUP)
			snprintf(p->sup[p->nsup++], sizeof p->sup[0], "%s", db_col_text(st, 2));
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (s->nplaces[0] == 0) {
		err_add(s->e, EXIT_SYSTEM, "gen: the reference data pairs no county of the sanxia program");
		return -1;
	}
	return 0;
}

/* Generated counties: code PP8xNN in province PP (no real county uses the
 * 80-99 prefectures there), named 贵州省合成12县, each paired with one to
 * three supporters of its program since the world's first year. */
static int places_generated(struct synth *s)
{
	db_stmt *div = NULL, *pair = NULL, *prov = NULL;
	int rc = db_prepare(s->d, &div, s->e,
	                    "INSERT INTO divisions(code, name_zh, name_en, level, parent_code, province)"
	                    " VALUES ($1, $2, $3, 'county', $4, $5)",
	                    "ttttt", "", "", "", "", "") ||
	         db_prepare(s->d, &pair, s->e,
	                    "INSERT INTO pairings(program, supporter_code, recipient_code, since_year)"
	                    " VALUES ($1, $2, $3, $4)",
	                    "ttti", "", "", "", (int64_t)0) ||
	         db_prepare(s->d, &prov, s->e, "SELECT name_zh FROM divisions WHERE code = $1", "t", "");
	for (int prog = 1; !rc && prog < N_PROGRAMS; prog++) {
		const struct program *pg = &programs[prog];
		int nprov = 0, nsup = 0;
		while (pg->provinces[nprov])
			nprov++;
		while (pg->supporters[nsup])
			nsup++;
		int count = s->size->counties * pg->county_share / 100;
		for (int j = 0; !rc && j < count; j++) {
			const char *pcode = pg->provinces[j % nprov];
			int k = j / nprov;
			struct place *p = place_add(s, prog);
			snprintf(p->code, sizeof p->code, "%.2s%02d%02d", pcode, (80 + k / 100) % 100,
			         k % 100);
			rc = db_rebind(prov, s->e, "t", pcode);
			if (!rc && db_step(prov, s->e) != DB_ROW) {
				err_add(s->e, EXIT_SYSTEM, "gen: province %s is not in the reference data",
				        pcode);
				rc = -1;
			}
			if (rc)
				break;
			char province[48], en[80];
			snprintf(province, sizeof province, "%.40s", db_col_text(prov, 0));
			snprintf(p->name, sizeof p->name, "%s合成%d县", province, k + 1);
			snprintf(en, sizeof en, "Synthetic county %d of %s", k + 1, pcode);
			rc = db_rebind(div, s->e, "ttttt", p->code, p->name, en, pcode, province) ||
			     db_step(div, s->e) == DB_ERROR;
			p->nsup = (int)rng_between(&s->r, 1, MAX_SUP);
			int first = (int)rng_between(&s->r, 0, nsup - 1);
			for (int i = 0; !rc && i < p->nsup; i++) {
				snprintf(p->sup[i], sizeof p->sup[i], "%s",
				         pg->supporters[(first + i) % nsup]);
				rc = db_rebind(pair, s->e, "ttti", pg->code, p->sup[i], p->code,
				               (int64_t)FIRST_YEAR) ||
				     db_step(pair, s->e) == DB_ERROR;
			}
		}
	}
	db_finalize(div);
	db_finalize(pair);
	db_finalize(prov);
	return rc ? -1 : 0;
}

/* One conference a year per program, in May: 重庆… 2015年对口支援经贸洽谈会（合成）. */
static int conferences(struct synth *s)
{
	db_stmt *st = NULL, *pname = NULL;
	int rc = db_prepare(s->d, &st, s->e,
	                    "INSERT INTO conferences(code, name, date, place, program) VALUES ($1, $2, $3, "
	                    "'', $4)",
	                    "tttt", "", "", "", "") ||
	         db_prepare(s->d, &pname, s->e, "SELECT name_zh FROM programs WHERE code = $1", "t", "");
	for (int prog = 0; !rc && prog < N_PROGRAMS; prog++) {
		rc = db_rebind(pname, s->e, "t", programs[prog].code);
		if (!rc && db_step(pname, s->e) != DB_ROW)
			rc = err_add(s->e, EXIT_SYSTEM, "gen: program %s is not in the reference data",
			             programs[prog].code);
		char pn[64];
		if (!rc)
			snprintf(pn, sizeof pn, "%.60s", db_col_text(pname, 0));
		for (int y = FIRST_YEAR; !rc && y <= LAST_YEAR; y++) {
			char code[16], name[128], when[11];
			long *day = &s->conf_day[prog][y - FIRST_YEAR];
			snprintf(code, sizeof code, "%s%dC", programs[prog].prefix, y);
			snprintf(name, sizeof name, "%s%d年经贸洽谈会（合成）", pn, y);
			*day = rng_between(&s->r, day_of(y, 5, 1), day_of(y, 5, 28));
			day_fmt(*day, when);
			rc = db_rebind(st, s->e, "tttt", code, name, when, programs[prog].code) ||
			     db_step(st, s->e) == DB_ERROR;
		}
	}
	db_finalize(st);
	db_finalize(pname);
	return rc ? -1 : 0;
}

static int run_values(db_stmt *st, err *e, const struct db_value *v, size_t n)
{
	return db_rebind_values(st, e, v, n) || db_step(st, e) == DB_ERROR ? -1 : 0;
}

#define T(x) ((struct db_value){'t', 0, (x)})
#define I(x) ((struct db_value){'i', (x), NULL})
#define Z    ((struct db_value){'z', 0, NULL})

/* An amount of 10^LO to 10^HI yuan (LO < HI), spread evenly over the
 * orders of magnitude, in whole 10,000s. */
static int64_t amount_between(struct rng *r, int lo, int hi)
{
	int64_t v = rng_between(r, 100, 999);
	for (int k = (int)rng_between(r, lo, hi - 1); k > 2; k--)
		v *= 10;
	return v / 10000 * 10000;
}

/* The status pipeline from the signing day: each step follows the last
 * after a while, or the project stays; a few stop. Steps after the world's
 * end are not taken. */
static int status_steps(struct synth *s, long signed_day, long *day, int *status)
{
	long end = day_of(LAST_YEAR, 12, 31);
	int n = 0;
	day[n] = signed_day;
	status[n++] = ST_NEGOTIATING;
	static const int gap_lo[] = {20, 60, 150}, gap_hi[] = {240, 400, 900};
	for (int st = ST_PREPARING; st <= ST_OPERATING; st++) {
		if (rng_between(&s->r, 0, 99) < 4) {
			long d = day[n - 1] + rng_between(&s->r, 30, 400);
			if (d <= end) {
				day[n] = d;
				status[n++] = ST_STOPPED;
			}
			break;
		}
		long d = day[n - 1] + rng_between(&s->r, gap_lo[st - 1], gap_hi[st - 1]);
		if (d > end || rng_between(&s->r, 0, 99) < 8)
			break;
		day[n] = d;
		status[n++] = st;
	}
	return n;
}

/* The receipts of one project: COUNT of them, dated from the signing to at
 * most five years on (not past the world's end), sharing part of the
 * contract. */
static int receipts(struct synth *s, const char *code, long signed_day, int64_t contract, int count,
                    const char *supporter_side_type)
{
	if (count <= 0)
		return 0;
	long end = day_of(LAST_YEAR, 12, 31), last = signed_day + 5 * 365;
	if (last > end)
		last = end;
	int64_t pool = contract / 100 * rng_between(&s->r, 40, 100);
	int64_t each = pool / count / 100 * 100;
	long day = signed_day;
	long step = (last - signed_day) / count;
	for (int k = 0; k < count; k++) {
		day += rng_between(&s->r, 0, step > 0 ? step : 0);
		if (day > last)
			day = last;
		char when[11];
		day_fmt(day, when);
		int64_t amount = each / 100 * rng_between(&s->r, 50, 150) / 100 * 100;
		bool recipient = rng_between(&s->r, 0, 4) == 0;
		const char *type = recipient ? "enterprise" : supporter_side_type;
		struct db_value v[] = {T(code), T(when), I(amount), T(recipient ? "recipient" : "supporter"),
		                       T(type)};
		if (run_values(s->fund, s->e, v, 5))
			return -1;
		report(s, "fund receipts", ++s->receipts_done, s->size->receipts);
	}
	return 0;
}

static int project(struct synth *s, long i, long *seq)
{
	int prog = pick_program(s);
	const struct program *pg = &programs[prog];
	const struct place *pl = &s->places[prog][rng_between(&s->r, 0, s->nplaces[prog] - 1)];
	const char *sup = pl->sup[rng_between(&s->r, 0, pl->nsup - 1)];
	int year = (int)rng_between(&s->r, FIRST_YEAR, LAST_YEAR);
	bool welfare = rng_between(&s->r, 0, 99) < 15;
	bool at_conf = !welfare && rng_between(&s->r, 0, 99) < 12;
	long signed_day = day_in(&s->r, year);
	char conf[16] = "";
	if (at_conf) {
		signed_day = s->conf_day[prog][year - FIRST_YEAR] + rng_between(&s->r, 0, 2);
		snprintf(conf, sizeof conf, "%s%dC", pg->prefix, year);
	}
	char code[24], sdate[11], name[160], investor[160];
	snprintf(code, sizeof code, "%s%d-%06ld", pg->prefix, year,
	         ++seq[prog * N_YEARS + year - FIRST_YEAR]);
	day_fmt(signed_day, sdate);
	const struct industry_line *line =
	        welfare ? &demo_welfare_lines[rng_between(&s->r, 0, demo_welfare_line_count - 1)]
	                : &demo_lines[rng_between(&s->r, 0, demo_line_count - 1)];
	snprintf(name, sizeof name, "%s%s", pl->name, line->product);
	const char *ownership = welfare           ? "government"
	                        : line->state_led ? "state"
	                                          : pick_code(&s->r, "ownership");
	if (strcmp(ownership, "government") == 0 && !welfare)
		ownership = "private";
	snprintf(investor, sizeof investor, "%s合成%s企业%03d有限公司", sup, welfare ? "援建" : line->trade,
	         (int)rng_between(&s->r, 1, 999));
	int64_t total = welfare ? amount_between(&s->r, 5, 8) : amount_between(&s->r, 6, 9);
	int64_t contract = total / 100 * rng_between(&s->r, 50, 100) / 10000 * 10000;
	int64_t priv = strcmp(ownership, "private") == 0
	                       ? contract / 100 * rng_between(&s->r, 30, 100) / 10000 * 10000
	                       : 0;
	long day[MAX_STEPS];
	int status[MAX_STEPS];
	int n = status_steps(s, signed_day, day, status);
	char last_date[11];
	day_fmt(day[n - 1], last_date);
	const struct code_list *statuses = codes_list("status");
	bool operating = status[n - 1] == ST_OPERATING;
	bool tracked = !welfare && rng_between(&s->r, 0, 99) < 85;
	char leader[160] = "", team[160] = "";
	if (tracked) {
		snprintf(leader, sizeof leader, "%s副县长（合成%d）", pl->name,
		         (int)rng_between(&s->r, 1, 9));
		snprintf(team, sizeof team, "%s项目服务组", pl->name);
	}
	struct db_value v[] = {
	        T(code),
	        T(name),
	        T(pg->code),
	        T(welfare ? "public_welfare" : "economic"),
	        T(pl->code),
	        T(sup),
	        conf[0] ? T(conf) : Z,
	        T(sdate),
	        T(investor),
	        T(ownership),
	        T(line->industry),
	        I(total),
	        I(contract),
	        priv ? I(priv) : Z,
	        T(statuses->items[status[n - 1]].code),
	        T(last_date),
	        operating && !welfare ? I(rng_between(&s->r, 10, 800)) : Z,
	        T(leader),
	        T(team),
	        T(tracked ? pick_code(&s->r, "service_mode") : ""),
	        I(tracked && rng_between(&s->r, 0, 2) == 0),
	        T(tracked && rng_between(&s->r, 0, 3) == 0 ? "一厂一策（合成）" : ""),
	};
	if (run_values(s->project, s->e, v, sizeof v / sizeof v[0]))
		return -1;
	for (int k = 0; k < n; k++) {
		char d[11];
		day_fmt(day[k], d);
		struct db_value h[] = {T(code), T(d), T(statuses->items[status[k]].code)};
		if (run_values(s->history, s->e, h, 3))
			return -1;
	}
	/* receipts: the same share for each project but for a jitter, the
	 * last project taking what is left, so the total is exact */
	long base = s->receipts_left / s->projects_left;
	long count = i + 1 == s->size->projects ? s->receipts_left
	                                        : base + rng_between(&s->r, -base / 2, base / 2);
	if (count > s->receipts_left)
		count = s->receipts_left;
	s->receipts_left -= count;
	s->projects_left--;
	return receipts(s, code, signed_day, contract ? contract : total, (int)count,
	                welfare ? "government" : pick_code(&s->r, "source_type"));
}

static int projects(struct synth *s)
{
	long *seq = calloc(N_PROGRAMS * N_YEARS, sizeof *seq);
	if (!seq) {
		err_add(s->e, EXIT_SYSTEM, "gen: out of memory");
		return -1;
	}
	s->receipts_left = s->size->receipts;
	s->projects_left = s->size->projects;
	int rc = db_prepare(
	                 s->d, &s->project, s->e,
	                 "INSERT INTO projects(code, name, program, category, recipient_code, supporter_code,"
	                 " conference, signed_date, investor, ownership, industry_code, total_investment,"
	                 " contract_amount, private_amount, status, status_date, jobs, leader, team,"
	                 " service_mode, green_channel, policy_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
	                 " $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)",
	                 "") ||
	         db_prepare(s->d, &s->history, s->e,
	                    "INSERT INTO status_history(project_code, date, status) VALUES ($1, $2, $3)",
	                    "") ||
	         db_prepare(s->d, &s->fund, s->e,
	                    "INSERT INTO funds(project_code, date, amount, side, source_type) VALUES ($1, "
	                    "$2, $3, $4, $5)",
	                    "");
	for (long i = 0; !rc && i < s->size->projects; i++) {
		rc = project(s, i, seq);
		report(s, "projects", i + 1, s->size->projects);
	}
	free(seq);
	return rc ? -1 : 0;
}

static const struct place *any_place(struct synth *s, int *prog)
{
	*prog = pick_program(s);
	return &s->places[*prog][rng_between(&s->r, 0, s->nplaces[*prog] - 1)];
}

static int labour(struct synth *s)
{
	if (db_prepare(
	            s->d, &s->labour, s->e,
	            "INSERT INTO labour(code, date, origin_code, destination_code, employer, mode, headcount,"
	            " contract_no, supporter_code, program) VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, $9)",
	            ""))
		return -1;
	for (long i = 0; i < s->size->labour; i++) {
		int prog;
		const struct place *pl = any_place(s, &prog);
		const char *sup = pl->sup[rng_between(&s->r, 0, pl->nsup - 1)];
		char code[24], when[11], employer[96];
		snprintf(code, sizeof code, "LB-%08ld", i + 1);
		day_fmt(day_in(&s->r, (int)rng_between(&s->r, FIRST_YEAR, LAST_YEAR)), when);
		snprintf(employer, sizeof employer, "%s合成用工企业%03d", sup,
		         (int)rng_between(&s->r, 1, 999));
		struct db_value v[] = {T(code),
		                       T(when),
		                       T(pl->code),
		                       T(sup),
		                       T(employer),
		                       T(pick_code(&s->r, "mode")),
		                       I(rng_between(&s->r, 5, 200)),
		                       T(sup),
		                       T(programs[prog].code)};
		if (run_values(s->labour, s->e, v, 9))
			return -1;
		report(s, "labour batches", i + 1, s->size->labour);
	}
	return 0;
}

static int training(struct synth *s)
{
	static const char *const topics[] = {"种养殖技术", "电子商务", "旅游服务",
	                                     "乡村治理",   "招商引资", "汽修焊工"};
	if (db_prepare(
	            s->d, &s->training, s->e,
	            "INSERT INTO training(code, kind, start_date, days, origin_code, host_code, topic,"
	            " headcount, supporter_code, program) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
	            ""))
		return -1;
	for (long i = 0; i < s->size->training; i++) {
		int prog;
		const struct place *pl = any_place(s, &prog);
		const char *sup = pl->sup[rng_between(&s->r, 0, pl->nsup - 1)];
		char code[24], when[11];
		snprintf(code, sizeof code, "TR-%08ld", i + 1);
		day_fmt(day_in(&s->r, (int)rng_between(&s->r, FIRST_YEAR, LAST_YEAR)), when);
		struct db_value v[] = {T(code),
		                       T(pick_code(&s->r, "kind")),
		                       T(when),
		                       I(rng_between(&s->r, 2, 60)),
		                       T(pl->code),
		                       T(sup),
		                       T(topics[rng_between(&s->r, 0, 5)]),
		                       I(rng_between(&s->r, 5, 80)),
		                       T(sup),
		                       T(programs[prog].code)};
		if (run_values(s->training, s->e, v, 10))
			return -1;
		report(s, "training courses", i + 1, s->size->training);
	}
	return 0;
}

/* One plan per county and five-year period, most acknowledged by a
 * supporter early in its first year; two visits a year per county at most. */
static int plans_and_visits(struct synth *s)
{
	db_stmt *plan = NULL, *visit = NULL;
	int rc =
	        db_prepare(s->d, &plan, s->e,
	                   "INSERT INTO plans(code, recipient_code, start_year, end_year, target_projects,"
	                   " target_funds, target_labour, target_training, focus, approved_by, approved_date,"
	                   " program, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
	                   "") ||
	        db_prepare(s->d, &visit, s->e,
	                   "INSERT INTO visits(date, direction, supporter_code, recipient_code, leader, rank,"
	                   " purpose, program) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	                   "");
	long places = 0;
	for (int prog = 0; prog < N_PROGRAMS; prog++)
		places += s->nplaces[prog];
	/* targets so that the plans promise about what the world delivers */
	int64_t per_place = s->size->projects / (places ? places : 1) + 1;
	for (int prog = 0; !rc && prog < N_PROGRAMS; prog++)
		for (int k = 0; !rc && k < s->nplaces[prog]; k++) {
			const struct place *pl = &s->places[prog][k];
			for (int start = 2006; !rc && start <= 2021; start += 5) {
				char code[32], adate[11];
				snprintf(code, sizeof code, "%s-%d", pl->code, start);
				bool approved = rng_between(&s->r, 0, 99) < 70;
				day_fmt(rng_between(&s->r, day_of(start, 1, 5), day_of(start, 3, 31)), adate);
				int64_t projects = per_place / 4 * rng_between(&s->r, 80, 120) / 100 + 1;
				const char *focus[] = {"economic;labour", "economic;infrastructure;social",
				                       "economic;labour;talent",
				                       "economic;infrastructure;labour;talent;social"};
				struct db_value v[] = {T(code),
				                       T(pl->code),
				                       I(start),
				                       I(start + 4),
				                       I(projects),
				                       I(projects * 50000000),
				                       I(projects * 60),
				                       I(projects * 30),
				                       T(focus[rng_between(&s->r, 0, 3)]),
				                       approved ? T(pl->sup[0]) : Z,
				                       approved ? T(adate) : Z,
				                       T(programs[prog].code),
				                       T(approved ? "acknowledged" : "draft")};
				rc = run_values(plan, s->e, v, 13);
			}
			for (int y = FIRST_YEAR; !rc && y <= LAST_YEAR; y++)
				for (int dir = 0; !rc && dir < 2; dir++) {
					if (rng_between(&s->r, 0, 1))
						continue;
					char when[11];
					day_fmt(day_in(&s->r, y), when);
					const char *sup = pl->sup[rng_between(&s->r, 0, pl->nsup - 1)];
					struct db_value v[] = {
					        T(when),
					        T(dir ? "to_supporter" : "to_recipient"),
					        T(sup),
					        T(pl->code),
					        T(dir ? "区县领导（合成）" : "支援方领导（合成）"),
					        T(dir ? "县处级" : "厅局级"),
					        T("考察对接（合成）"),
					        T(programs[prog].code)};
					rc = run_values(visit, s->e, v, 8);
				}
		}
	db_finalize(plan);
	db_finalize(visit);
	return rc ? -1 : 0;
}

int synth_build(db *d, const struct synth_size *size, uint64_t seed, synth_progress_fn progress, void *ctx,
                err *e)
{
	struct synth s = {.d = d, .e = e, .size = size, .progress = progress, .ctx = ctx};
	rng_init(&s.r, seed);
	char meta[64];
	snprintf(meta, sizeof meta, "%s seed %llu", size->name, (unsigned long long)seed);
	int rc = db_run(d, e,
	                "INSERT INTO meta(key, value) VALUES ('demo', '1'), ('synthetic', $1)"
	                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	                "t", meta) ||
	         places_sanxia(&s) || places_generated(&s) || conferences(&s) || projects(&s) ||
	         /* receipts are numbered as the importer numbers them */
	         db_run(d, e, "UPDATE funds SET code = 'R' || id WHERE code IS NULL", "") || labour(&s) ||
	         training(&s) || plans_and_visits(&s);
	db_finalize(s.project);
	db_finalize(s.history);
	db_finalize(s.fund);
	db_finalize(s.labour);
	db_finalize(s.training);
	for (int i = 0; i < N_PROGRAMS; i++)
		free(s.places[i]);
	return rc ? -1 : 0;
}
