/* The arithmetic of plan execution: how much of a plan's period has
 * elapsed as of a day, the target due so far (by the years' targets where a
 * plan gives them, else pro rata of the time elapsed), and the on-track /
 * behind flag. No database here: report/plan.c loads the figures and
 * tests/unit/test_plan_exec.c checks the rules (written in docs/reports.md). */
#ifndef DUIKOU_PLAN_EXEC_H
#define DUIKOU_PLAN_EXEC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A measure is behind when its percent achieved is more than this many
 * percentage points below the percent due so far. */
#define PLAN_TOLERANCE_PCT 10
#define PLAN_MAX_YEARS     10 /* validate.c refuses longer periods */

/* The period A-01-01 … B-12-31 seen from one day. All plans of a report share
 * it, so their dues add over one denominator: due = num / den, with
 * den = period_days × year_days. */
struct plan_clock {
	int start, end;    /* the years A and B */
	long period_days;  /* days from A-01-01 to B-12-31 */
	long elapsed_days; /* of those, up to and including the day: 0 … period_days */
	int full_years;    /* years of the period wholly elapsed */
	long year_days;    /* days of the year under way (1 when none is: not begun, finished) */
	long year_elapsed; /* of those, elapsed up to and including the day */
	int64_t den;       /* period_days × year_days */
};

enum plan_flag {
	PLAN_NO_TARGET, /* no target: shown "—", no percent */
	PLAN_NOT_BEGUN, /* the period starts after the day */
	PLAN_ON_TRACK,
	PLAN_BEHIND,
};

/* One measure (projects, funds, labour or training) of a plan, a county or
 * the total. */
struct plan_measure {
	int64_t target; /* the plans' totals */
	int64_t actual;
	int64_t due_num; /* target due so far × clock.den */
	bool yearly;     /* some plan counted here gives targets by year */
};

enum { PLAN_M_PROJECTS, PLAN_M_FUNDS, PLAN_M_LABOUR, PLAN_M_TRAINING, PLAN_MEASURES };

/* The totals of a report plan, for the annual report's plan section. */
struct plan_summary {
	int start, end;
	char as_of[11];
	int64_t elapsed_tenths;
	size_t counties;
	struct plan_measure total[PLAN_MEASURES];
	size_t behind[PLAN_MEASURES]; /* counties behind on each measure */
	struct plan_clock clock;
};

/* The clock of the period A-B on Y-M-D. A > B is treated as an empty period:
 * nothing elapsed. */
void plan_clock_init(struct plan_clock *c, int a, int b, int y, int m, int d);
/* The share of the period elapsed, in tenths of a percent (half away from zero). */
int64_t plan_elapsed_tenths(const struct plan_clock *c);
/* true when the day is after the period's last day. */
bool plan_finished(const struct plan_clock *c);

/* Adds one plan's target of a measure to M. TOTAL is the plan's total or
 * -1 when not given; YEARS[i] the target of year start+i or -1 when not
 * given (YEARS may be NULL: none). The plan's target is TOTAL, else the
 * years' sum; what the years do not assign is due pro rata. Returns -1 when
 * a figure would overflow (nothing added), else 0. */
int plan_measure_add_plan(struct plan_measure *m, const struct plan_clock *c, int64_t total,
                          const int64_t *years);
/* Adds B's figures to A (a county's to the total). */
void plan_measure_add(struct plan_measure *a, const struct plan_measure *b);
/* The target due so far, rounded half away from zero. */
int64_t plan_measure_due(const struct plan_measure *m, const struct plan_clock *c);
/* The due as tenths of a percent of the target; false when there is no target. */
bool plan_measure_due_tenths(const struct plan_measure *m, const struct plan_clock *c, int64_t *tenths);
/* actual / target in tenths of a percent; false when there is no target. */
bool plan_measure_achieved_tenths(const struct plan_measure *m, int64_t *tenths);
/* The flag: no target; not begun; else behind when
 * actual% < due% − PLAN_TOLERANCE_PCT (exactly, no rounding), else on track. */
enum plan_flag plan_measure_flag(const struct plan_measure *m, const struct plan_clock *c);
/* "no_target", "not_begun", "on_track", "behind" */
const char *plan_flag_name(enum plan_flag f);

#endif
