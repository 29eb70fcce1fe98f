/* The plan-execution arithmetic (report/plan_exec.c): elapsed share, the
 * target due so far by years or pro rata, rounding, and the flag's rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "report/plan_exec.h"

static struct plan_measure one(const struct plan_clock *c, int64_t total, const int64_t *years,
                               int64_t actual)
{
	struct plan_measure m = {0};
	assert_int_equal(plan_measure_add_plan(&m, c, total, years), 0);
	m.actual = actual;
	return m;
}

static void test_no_target(void **state)
{
	(void)state;
	struct plan_clock c;
	plan_clock_init(&c, 2004, 2007, 2005, 6, 30);
	struct plan_measure m = one(&c, -1, NULL, 12);
	int64_t t;
	assert_int_equal(m.target, 0);
	assert_false(plan_measure_due_tenths(&m, &c, &t));
	assert_false(plan_measure_achieved_tenths(&m, &t));
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_NO_TARGET);
	assert_string_equal(plan_flag_name(PLAN_NO_TARGET), "no_target");
	m = one(&c, 0, NULL, 0); /* a target of 0 is no target either */
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_NO_TARGET);
}

static void test_not_begun(void **state)
{
	(void)state;
	struct plan_clock c;
	plan_clock_init(&c, 2008, 2010, 2007, 12, 31);
	assert_int_equal(c.elapsed_days, 0);
	assert_int_equal(plan_elapsed_tenths(&c), 0);
	assert_false(plan_finished(&c));
	struct plan_measure m = one(&c, 100, NULL, 0);
	assert_int_equal(plan_measure_due(&m, &c), 0);
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_NOT_BEGUN);
	/* the first day counts */
	plan_clock_init(&c, 2008, 2010, 2008, 1, 1);
	assert_int_equal(c.elapsed_days, 1);
	m = one(&c, 100, NULL, 0);
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_ON_TRACK); /* due 0.09%: within the tolerance */
}

static void test_finished(void **state)
{
	(void)state;
	struct plan_clock c;
	plan_clock_init(&c, 2004, 2007, 2010, 3, 1);
	assert_true(plan_finished(&c));
	assert_int_equal(plan_elapsed_tenths(&c), 1000);
	struct plan_measure m = one(&c, 680, NULL, 611); /* 89.9% < 100 − 10 */
	assert_int_equal(plan_measure_due(&m, &c), 680);
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_BEHIND);
	m.actual = 612; /* exactly 90%: not behind */
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_ON_TRACK);
	/* the last day finishes the period */
	plan_clock_init(&c, 2004, 2007, 2007, 12, 31);
	assert_true(plan_finished(&c));
	m = one(&c, 680, NULL, 0);
	assert_int_equal(plan_measure_due(&m, &c), 680);
}

static void test_pro_rata(void **state)
{
	(void)state;
	struct plan_clock c;
	/* 2004-2007 has 1461 days; 2004-12-31 is day 366 */
	plan_clock_init(&c, 2004, 2007, 2004, 12, 31);
	assert_int_equal(c.period_days, 1461);
	assert_int_equal(c.elapsed_days, 366);
	assert_int_equal(plan_elapsed_tenths(&c), 251); /* 25.05…% */
	struct plan_measure m = one(&c, 1461, NULL, 0);
	assert_int_equal(plan_measure_due(&m, &c), 366);
	int64_t t;
	assert_true(plan_measure_due_tenths(&m, &c, &t));
	assert_int_equal(t, 251);
	m = one(&c, 100, NULL, 0); /* 100 × 366 / 1461 = 25.05 → 25 */
	assert_int_equal(plan_measure_due(&m, &c), 25);
}

static void test_yearly(void **state)
{
	(void)state;
	struct plan_clock c;
	int64_t years[PLAN_MAX_YEARS] = {10, 20, 30, 40, -1, -1, -1, -1, -1, -1};
	plan_clock_init(&c, 2004, 2007, 2005, 12, 31); /* two whole years */
	struct plan_measure m = one(&c, 100, years, 0);
	assert_true(m.yearly);
	assert_int_equal(plan_measure_due(&m, &c), 30);
	/* the same totals pro rata: 731 of 1461 days */
	struct plan_measure p = one(&c, 100, NULL, 0);
	assert_false(p.yearly);
	assert_int_equal(plan_measure_due(&p, &c), 50);
	/* the year under way counts by its days: 2006-07-02 is day 183 of 365 */
	plan_clock_init(&c, 2004, 2007, 2006, 7, 2);
	m = one(&c, 100, years, 0);
	assert_int_equal(m.due_num, 10 * c.den + 20 * c.den + 30 * 183 * c.period_days);
	assert_int_equal(plan_measure_due(&m, &c), 45); /* 30 + 15.04 */
	/* a total without years: the years' sum is the target */
	m = one(&c, -1, years, 0);
	assert_int_equal(m.target, 100);
	/* what the years leave unassigned is due pro rata */
	int64_t some[PLAN_MAX_YEARS] = {50, -1, -1, -1, -1, -1, -1, -1, -1, -1};
	plan_clock_init(&c, 2004, 2007, 2004, 12, 31);
	m = one(&c, 1511, some, 0);
	assert_int_equal(plan_measure_due(&m, &c), 50 + 366);
	/* a county's plans add over one denominator */
	struct plan_measure sum = {0};
	struct plan_measure a = one(&c, 100, years, 5), b = one(&c, 1461, NULL, 300);
	plan_measure_add(&sum, &a);
	plan_measure_add(&sum, &b);
	assert_int_equal(sum.target, 1561);
	assert_int_equal(sum.actual, 305);
	assert_int_equal(plan_measure_due(&sum, &c), 10 + 366);
	assert_true(sum.yearly);
}

static void test_rounding(void **state)
{
	(void)state;
	struct plan_clock c;
	int64_t t;
	/* 1 of 8 = 12.5% → 12.5; 1 of 16 = 6.25% → 6.3 (half away from zero) */
	plan_clock_init(&c, 2004, 2004, 2004, 12, 31);
	struct plan_measure m = one(&c, 16, NULL, 1);
	assert_true(plan_measure_achieved_tenths(&m, &t));
	assert_int_equal(t, 63);
	m = one(&c, 2000, NULL, 1); /* 0.05% → 0.1 */
	assert_true(plan_measure_achieved_tenths(&m, &t));
	assert_int_equal(t, 1);
	m = one(&c, 2001, NULL, 1); /* 0.0499…% → 0.0 */
	assert_true(plan_measure_achieved_tenths(&m, &t));
	assert_int_equal(t, 0);
	/* a due of x.5 rounds up: 2 years of one, 1 elapsed, target 3 → 1.5 → 2 */
	int64_t years[PLAN_MAX_YEARS] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
	plan_clock_init(&c, 2005, 2006, 2005, 12, 31);
	m = one(&c, 3, years, 0);
	assert_int_equal(plan_measure_due(&m, &c), 2);
}

static void test_flag_boundary(void **state)
{
	(void)state;
	struct plan_clock c;
	/* one year, half elapsed: 2005 has 365 days; day 146 is 40% exactly */
	plan_clock_init(&c, 2005, 2005, 2005, 5, 26);
	assert_int_equal(c.elapsed_days, 146);
	struct plan_measure m = one(&c, 1000, NULL, 300); /* 30% = 40% − 10: on track */
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_ON_TRACK);
	m.actual = 299; /* 29.9%: behind */
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_BEHIND);
	assert_string_equal(plan_flag_name(plan_measure_flag(&m, &c)), "behind");
	/* by years: 2004-2005, the first year 600 of 1000 wholly due on 2004-12-31 */
	int64_t years[PLAN_MAX_YEARS] = {600, 400, -1, -1, -1, -1, -1, -1, -1, -1};
	plan_clock_init(&c, 2004, 2005, 2004, 12, 31);
	m = one(&c, 1000, years, 500); /* 50% = 60% − 10 */
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_ON_TRACK);
	m.actual = 499;
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_BEHIND);
	/* ahead is on track */
	m.actual = 5000;
	assert_int_equal(plan_measure_flag(&m, &c), PLAN_ON_TRACK);
}

static void test_overflow_refused(void **state)
{
	(void)state;
	struct plan_clock c;
	plan_clock_init(&c, 2004, 2013, 2008, 7, 1);
	struct plan_measure m = {0};
	assert_int_equal(plan_measure_add_plan(&m, &c, INT64_MAX / 2, NULL), -1);
	assert_int_equal(m.target, 0); /* nothing added */
	assert_int_equal(plan_measure_add_plan(&m, &c, 92 * 100000000LL * 100, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_no_target),     cmocka_unit_test(test_not_begun),
	        cmocka_unit_test(test_finished),      cmocka_unit_test(test_pro_rata),
	        cmocka_unit_test(test_yearly),        cmocka_unit_test(test_rounding),
	        cmocka_unit_test(test_flag_boundary), cmocka_unit_test(test_overflow_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
