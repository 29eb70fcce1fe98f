/* Plan execution arithmetic (see plan_exec.h): exact integer fractions,
 * with 128-bit products where a percent of a due is compared or printed. */
#include "report/plan_exec.h"
#include "core/date.h"
#include "core/num.h"
#include <string.h>

__extension__ typedef __int128 wide;

void plan_clock_init(struct plan_clock *c, int a, int b, int y, int m, int d)
{
	memset(c, 0, sizeof *c);
	c->start = a;
	c->end = b;
	c->year_days = 1;
	if (a > b) {
		c->den = 1;
		return;
	}
	long first = date_to_days((date){a, 1, 1}), last = date_to_days((date){b, 12, 31});
	long day = date_to_days((date){y, m, d});
	c->period_days = last - first + 1;
	c->den = (int64_t)c->period_days;
	if (day < first)
		return;
	if (day > last) {
		c->elapsed_days = c->period_days;
		c->full_years = b - a + 1;
		return;
	}
	c->elapsed_days = day - first + 1;
	c->full_years = y - a;
	c->year_days = date_is_leap(y) ? 366 : 365;
	c->year_elapsed = day - date_to_days((date){y, 1, 1}) + 1;
	c->den = (int64_t)c->period_days * c->year_days;
}

int64_t plan_elapsed_tenths(const struct plan_clock *c)
{
	int64_t t = 0;
	num_pct_tenths(c->elapsed_days, c->period_days, &t);
	return t;
}

bool plan_finished(const struct plan_clock *c)
{
	return c->period_days > 0 && c->elapsed_days >= c->period_days;
}

int plan_measure_add_plan(struct plan_measure *m, const struct plan_clock *c, int64_t total,
                          const int64_t *years)
{
	int nyears = c->end - c->start + 1;
	if (nyears < 0)
		nyears = 0;
	if (nyears > PLAN_MAX_YEARS)
		nyears = PLAN_MAX_YEARS;
	int64_t sum = 0, due = 0, t;
	bool any_year = false;
	for (int i = 0; years && i < nyears; i++) {
		if (years[i] < 0)
			continue;
		any_year = true;
		if (__builtin_add_overflow(sum, years[i], &sum))
			return -1;
		if (i < c->full_years) {
			if (__builtin_mul_overflow(years[i], c->den, &t) ||
			    __builtin_add_overflow(due, t, &due))
				return -1;
		} else if (i == c->full_years && c->year_elapsed > 0) {
			/* the year under way: its share of the days elapsed in it */
			if (__builtin_mul_overflow(years[i], (int64_t)c->year_elapsed * c->period_days, &t) ||
			    __builtin_add_overflow(due, t, &due))
				return -1;
		}
	}
	int64_t target = total >= 0 ? total : sum;
	int64_t rest = target > sum ? target - sum : 0; /* not assigned to a year: pro rata */
	if (__builtin_mul_overflow(rest, (int64_t)c->elapsed_days * c->year_days, &t) ||
	    __builtin_add_overflow(due, t, &due) || __builtin_add_overflow(m->target, target, &t))
		return -1;
	m->target = t;
	m->due_num += due;
	m->yearly = m->yearly || any_year;
	return 0;
}

void plan_measure_add(struct plan_measure *a, const struct plan_measure *b)
{
	a->target += b->target;
	a->actual += b->actual;
	a->due_num += b->due_num;
	a->yearly = a->yearly || b->yearly;
}

int64_t plan_measure_due(const struct plan_measure *m, const struct plan_clock *c)
{
	return num_div_round(m->due_num, c->den);
}

/* p / q rounded half away from zero, for q > 0 and p ≥ 0 */
static int64_t wide_div_round(wide p, wide q)
{
	wide r = p / q;
	if ((p % q) * 2 >= q)
		r++;
	return (int64_t)r;
}

bool plan_measure_due_tenths(const struct plan_measure *m, const struct plan_clock *c, int64_t *tenths)
{
	if (m->target <= 0)
		return false;
	*tenths = wide_div_round((wide)m->due_num * 1000, (wide)c->den * m->target);
	return true;
}

bool plan_measure_achieved_tenths(const struct plan_measure *m, int64_t *tenths)
{
	if (m->target <= 0)
		return false;
	*tenths = wide_div_round((wide)m->actual * 1000, (wide)m->target);
	return true;
}

enum plan_flag plan_measure_flag(const struct plan_measure *m, const struct plan_clock *c)
{
	if (m->target <= 0)
		return PLAN_NO_TARGET;
	if (c->elapsed_days == 0)
		return PLAN_NOT_BEGUN;
	/* 100·actual/target < 100·due/target − tol, times target·den */
	wide lhs = (wide)100 * m->actual * c->den;
	wide rhs = (wide)100 * m->due_num - (wide)PLAN_TOLERANCE_PCT * m->target * c->den;
	return lhs < rhs ? PLAN_BEHIND : PLAN_ON_TRACK;
}

const char *plan_flag_name(enum plan_flag f)
{
	static const char *const names[] = {"no_target", "not_begun", "on_track", "behind"};
	return f >= PLAN_NO_TARGET && f <= PLAN_BEHIND ? names[f] : "?";
}
