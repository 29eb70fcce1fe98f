/* The matching rules of the reconciliation (issue 10, report/reconcile.h):
 * one to one; a county's confirmation first, whatever the dates; then the
 * same project and exact amount within the window, the nearest dates
 * first; every item left over with its reason and the item it points at. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "report/reconcile.h"
#include <string.h>

/* An item of project P on day D (days from an origin) of AMOUNT yuan. */
#define ITEM(id, code, p, d, amount, link)                                                                   \
	{                                                                                                    \
		(id), (code), (p), (d), (amount), (link), -1, RECON_NO_COUNTERPART, -1, false                \
	}

static void test_exact_amount_within_window(void **state)
{
	(void)state;
	struct recon_item t[] = {ITEM(1, "T1", "P1", 100, 500, 0)};
	struct recon_item r[] = {ITEM(11, "R1", "P1", 107, 500, 0)};
	recon_match(t, 1, r, 1, 15);
	assert_int_equal(t[0].match, 0);
	assert_int_equal(r[0].match, 0);
	assert_int_equal(t[0].reason, RECON_MATCHED);
	assert_false(t[0].explicit_link);
	/* the window is inclusive: 15 days apart match, 16 do not */
	r[0].day = 115;
	recon_match(t, 1, r, 1, 15);
	assert_int_equal(t[0].match, 0);
	r[0].day = 84;
	recon_match(t, 1, r, 1, 15);
	assert_int_equal(t[0].match, -1);
	assert_int_equal(t[0].reason, RECON_DATE_OUTSIDE);
	assert_int_equal(t[0].other, 0);
	assert_int_equal(r[0].reason, RECON_DATE_OUTSIDE);
	assert_int_equal(r[0].other, 0);
}

static void test_amount_differs_and_no_counterpart(void **state)
{
	(void)state;
	struct recon_item t[] = {ITEM(1, "T1", "P1", 100, 500000, 0), ITEM(2, "T2", "P1", 300, 700, 0)};
	struct recon_item r[] = {ITEM(11, "R1", "P1", 102, 50000, 0)};
	recon_match(t, 2, r, 1, 15);
	assert_int_equal(t[0].reason, RECON_AMOUNT_DIFFERS);
	assert_int_equal(t[0].other, 0);
	assert_int_equal(r[0].reason, RECON_AMOUNT_DIFFERS);
	assert_int_equal(r[0].other, 0);
	/* another amount far away is no counterpart */
	assert_int_equal(t[1].reason, RECON_NO_COUNTERPART);
	assert_int_equal(t[1].other, -1);
}

static void test_projects_apart(void **state)
{
	(void)state;
	/* the same amount on the same day, of another project, is no match */
	struct recon_item t[] = {ITEM(1, "T1", "P1", 100, 500, 0)};
	struct recon_item r[] = {ITEM(11, "R1", "P2", 100, 500, 0)};
	recon_match(t, 1, r, 1, 15);
	assert_int_equal(t[0].match, -1);
	assert_int_equal(t[0].reason, RECON_NO_COUNTERPART);
	assert_int_equal(r[0].reason, RECON_NO_COUNTERPART);
}

static void test_nearest_first_one_to_one(void **state)
{
	(void)state;
	/* T1 (day 100) and T2 (day 110), R1 (day 109) and R2 (day 120), all 500:
	 * T2-R1 is nearest (1 day), then T1 may only take R2 (20 days, out of
	 * a 15-day window): T1 is left, with R2 the same amount outside */
	struct recon_item t[] = {ITEM(1, "T1", "P1", 100, 500, 0), ITEM(2, "T2", "P1", 110, 500, 0)};
	struct recon_item r[] = {ITEM(11, "R1", "P1", 109, 500, 0), ITEM(12, "R2", "P1", 120, 500, 0)};
	recon_match(t, 2, r, 2, 15);
	assert_int_equal(t[1].match, 0);
	assert_int_equal(r[0].match, 1);
	assert_int_equal(t[0].match, -1);
	assert_int_equal(r[1].match, -1);
	assert_int_equal(t[0].reason, RECON_DATE_OUTSIDE);
	assert_int_equal(t[0].other, 1);
	/* with 30 days both pair up, still T2-R1 first */
	recon_match(t, 2, r, 2, 30);
	assert_int_equal(t[1].match, 0);
	assert_int_equal(t[0].match, 1);
	/* a tie of distances goes to the earlier transfer */
	struct recon_item t2[] = {ITEM(1, "T1", "P1", 100, 500, 0), ITEM(2, "T2", "P1", 110, 500, 0)};
	struct recon_item r2[] = {ITEM(11, "R1", "P1", 105, 500, 0)};
	recon_match(t2, 2, r2, 1, 15);
	assert_int_equal(r2[0].match, 0);
	assert_int_equal(t2[1].match, -1);
}

static void test_explicit_link_first(void **state)
{
	(void)state;
	/* T1 was confirmed with R2 (80 days later); R1 is nearer but taken
	 * only if nothing was confirmed */
	struct recon_item t[] = {ITEM(1, "T1", "P1", 100, 500, 12)};
	struct recon_item r[] = {ITEM(11, "R1", "P1", 101, 500, 0), ITEM(12, "R2", "P1", 180, 500, 0)};
	recon_match(t, 1, r, 2, 15);
	assert_int_equal(t[0].match, 1);
	assert_true(t[0].explicit_link);
	assert_true(r[1].explicit_link);
	assert_int_equal(r[0].match, -1);
	assert_int_equal(r[0].reason, RECON_NO_COUNTERPART); /* T1 is taken: nothing left */
	/* a link whose amounts no longer agree is no match, whatever the
	 * dates: both sides say the amount differs */
	struct recon_item r2[] = {ITEM(12, "R2", "P1", 180, 400, 0)};
	recon_match(t, 1, r2, 1, 15);
	assert_int_equal(t[0].match, -1);
	assert_int_equal(t[0].reason, RECON_AMOUNT_DIFFERS);
	assert_int_equal(t[0].other, 0);
	assert_int_equal(r2[0].reason, RECON_AMOUNT_DIFFERS);
	assert_int_equal(r2[0].other, 0);
}

static void test_many_projects(void **state)
{
	(void)state;
	/* sorted by project; a project with items on one side only */
	struct recon_item t[] = {ITEM(1, "T1", "A", 10, 1, 0), ITEM(2, "T2", "C", 10, 3, 0),
	                         ITEM(3, "T3", "D", 10, 4, 0)};
	struct recon_item r[] = {ITEM(11, "R1", "A", 12, 1, 0), ITEM(12, "R2", "B", 10, 2, 0),
	                         ITEM(13, "R3", "D", 40, 4, 0)};
	recon_match(t, 3, r, 3, 15);
	assert_int_equal(t[0].match, 0);
	assert_int_equal(r[1].reason, RECON_NO_COUNTERPART);
	assert_int_equal(t[1].reason, RECON_NO_COUNTERPART);
	assert_int_equal(t[2].reason, RECON_DATE_OUTSIDE);
	assert_int_equal(t[2].other, 2);
	recon_match(t, 3, r, 3, 30);
	assert_int_equal(t[2].match, 2);
	/* nothing at all */
	recon_match(NULL, 0, NULL, 0, 15);
	assert_string_equal(recon_reason_name(RECON_DATE_OUTSIDE), "date_outside_window");
	assert_string_equal(recon_reason_name(RECON_AMOUNT_DIFFERS), "amount_differs");
	assert_string_equal(recon_reason_name(RECON_NO_COUNTERPART), "no_counterpart");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact_amount_within_window),
	        cmocka_unit_test(test_amount_differs_and_no_counterpart),
	        cmocka_unit_test(test_projects_apart),
	        cmocka_unit_test(test_nearest_first_one_to_one),
	        cmocka_unit_test(test_explicit_link_first),
	        cmocka_unit_test(test_many_projects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
