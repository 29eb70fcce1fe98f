/* The demo generator's arithmetic: exact splitting of totals, the fixed
 * random sequence, and the day numbers it dates records with. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/date.h"
#include "demo/world.h"

static void test_split_exact(void **state)
{
	(void)state;
	struct rng r;
	rng_init(&r, 42);
	int64_t parts[18], sum = 0;
	assert_int_equal(split_total(&r, 7836, 18, 120, 1, NULL, parts), 0);
	for (int i = 0; i < 18; i++) {
		assert_true(parts[i] >= 120);
		sum += parts[i];
	}
	assert_int_equal(sum, 7836);
	int64_t w[3] = {1, 1, 2}, money[3];
	assert_int_equal(split_total(&r, 87300000, 3, 10000, 10000, w, money), 0);
	assert_int_equal(money[0] + money[1] + money[2], 87300000);
	for (int i = 0; i < 3; i++)
		assert_int_equal(money[i] % 10000, 0);
	assert_true(money[2] > money[0]);
}

static void test_split_refuses(void **state)
{
	(void)state;
	struct rng r;
	rng_init(&r, 1);
	int64_t parts[4];
	assert_int_equal(split_total(&r, 100, 4, 30, 1, NULL, parts), -1);  /* 4 x 30 > 100 */
	assert_int_equal(split_total(&r, 105, 2, 10, 10, NULL, parts), -1); /* not whole units */
	int64_t zero[2] = {1, 0};
	assert_int_equal(split_total(&r, 100, 2, 0, 1, zero, parts), -1);
}

static void test_rng_fixed(void **state)
{
	(void)state;
	struct rng a, b;
	rng_init(&a, 7);
	rng_init(&b, 7);
	for (int i = 0; i < 100; i++) {
		int64_t x = rng_between(&a, 5, 9);
		assert_int_equal(x, rng_between(&b, 5, 9));
		assert_true(x >= 5 && x <= 9);
	}
	/* splitmix64's first output for seed 0, as published */
	rng_init(&a, 0);
	assert_true(rng_next(&a) == 0xE220A8397B1DCDAFull);
}

static void test_days_round_trip(void **state)
{
	(void)state;
	char s[11];
	day_fmt(day_of(2004, 2, 29), s);
	assert_string_equal(s, "2004-02-29");
	day_fmt(day_of(2004, 12, 31) + 1, s);
	assert_string_equal(s, "2005-01-01");
	day_fmt(day_of(2003, 3, 1) - 1, s);
	assert_string_equal(s, "2003-02-28");
	for (long d = day_of(1999, 1, 1); d < day_of(2009, 1, 1); d++) {
		date t = date_from_days(d);
		assert_int_equal(date_to_days(t), d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_split_exact),
	        cmocka_unit_test(test_split_refuses),
	        cmocka_unit_test(test_rng_fixed),
	        cmocka_unit_test(test_days_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
