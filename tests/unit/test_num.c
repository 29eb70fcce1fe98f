/* Amount parsing, rounding and the printing of figures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/num.h"
#include <string.h>

static int64_t amount(const char *s)
{
	int64_t v = -999;
	const char *why = NULL;
	assert_int_equal(num_parse_amount(s, &v, &why), 0);
	return v;
}

static void bad_amount(const char *s)
{
	int64_t v;
	const char *why = NULL;
	assert_int_equal(num_parse_amount(s, &v, &why), -1);
	assert_non_null(why);
}

static void test_parse_amount(void **state)
{
	(void)state;
	assert_int_equal(amount("1200"), 1200);
	assert_int_equal(amount("8730万"), 87300000);
	assert_int_equal(amount("1.12亿"), 112000000);
	assert_int_equal(amount("22.40亿元"), 2240000000LL);
	assert_int_equal(amount(" 199.3亿 "), 19930000000LL);
	assert_int_equal(amount("0.0001万"), 1);
	assert_int_equal(amount("5元"), 5);
	assert_int_equal(amount("-3"), -3);
	bad_amount("");
	bad_amount("12,5");
	bad_amount("1.5");       /* not whole yuan */
	bad_amount("0.00001万"); /* not whole yuan after 万 */
	bad_amount("abc");
	bad_amount("1..2亿");
	bad_amount("亿");
	bad_amount(".5亿");
	bad_amount("99999999999999999999");
}

static void test_parse_int(void **state)
{
	(void)state;
	int64_t v;
	const char *why;
	assert_int_equal(num_parse_int("808", &v, &why), 0);
	assert_int_equal(v, 808);
	assert_int_equal(num_parse_int("8.0", &v, &why), -1);
	assert_int_equal(num_parse_int("", &v, &why), -1);
	assert_int_equal(num_parse_int("-", &v, &why), -1);
}

static void test_rounding(void **state)
{
	(void)state;
	assert_int_equal(num_div_round(5, 10), 1);
	assert_int_equal(num_div_round(-5, 10), -1);
	assert_int_equal(num_div_round(4, 10), 0);
	assert_int_equal(num_div_round(-15, 10), -2);
	int64_t t;
	assert_true(num_pct_tenths(34, 62, &t));
	assert_int_equal(t, 548); /* the seed prints 54%: we print 55% */
	assert_false(num_pct_tenths(1, 0, &t));
	assert_true(num_growth_tenths(2240000000LL, 1524000000LL, &t));
	assert_int_equal(t, 470);
	assert_true(num_growth_tenths(112000000, 100000000, &t));
	assert_int_equal(t, 120);
	assert_true(num_growth_tenths(50, 100, &t));
	assert_int_equal(t, -500);
	assert_false(num_growth_tenths(5, 0, &t));
	assert_true(num_pct_tenths(11000000000LL, 19930000000LL, &t));
	assert_int_equal(t, 552);
}

static void check_fmt(const char *want, void (*f)(buf *, int64_t, enum lang), int64_t v, enum lang l)
{
	buf b = BUF_INIT;
	f(&b, v, l);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void test_fmt_amount(void **state)
{
	(void)state;
	check_fmt("22.40亿元", num_fmt_amount, 2240000000LL, LANG_ZH);
	check_fmt("1.12亿元", num_fmt_amount, 112000000, LANG_ZH);
	check_fmt("11.65亿元", num_fmt_amount, 1165300000, LANG_ZH);
	check_fmt("8730万元", num_fmt_amount, 87300000, LANG_ZH);
	check_fmt("199亿元", num_fmt_amount, 19930000000LL, LANG_ZH);
	check_fmt("110亿元", num_fmt_amount, 11000000000LL, LANG_ZH);
	check_fmt("92亿元", num_fmt_amount, 9200000000LL, LANG_ZH);
	check_fmt("1234.57万元", num_fmt_amount, 12345678, LANG_ZH);
	check_fmt("500元", num_fmt_amount, 500, LANG_ZH);
	check_fmt("2.24 billion yuan", num_fmt_amount, 2240000000LL, LANG_EN);
	check_fmt("87.3 million yuan", num_fmt_amount, 87300000, LANG_EN);
	check_fmt("112 million yuan", num_fmt_amount, 112000000, LANG_EN);
}

static void check_people(const char *want, int64_t n, bool approx, enum lang l)
{
	buf b = BUF_INIT;
	num_fmt_people(&b, n, approx, l);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void test_fmt_people(void **state)
{
	(void)state;
	check_people("2.1万人", 21046, false, LANG_ZH);
	check_people("808人", 808, false, LANG_ZH);
	check_people("7800余人", 7843, true, LANG_ZH);
	check_people("7800人", 7800, true, LANG_ZH);
	check_people("about 21,000 people", 21046, false, LANG_EN);
	check_people("over 7,800 people", 7843, true, LANG_EN);
	buf b = BUF_INIT;
	num_fmt_pct(&b, 548, 0);
	buf_puts(&b, " ");
	num_fmt_pct(&b, 552, 1);
	buf_puts(&b, " ");
	num_fmt_pct(&b, -45, 0);
	assert_string_equal(buf_str(&b), "55% 55.2% -5%");
	buf_free(&b);
}

static void test_dates(void **state)
{
	(void)state;
	date d;
	const char *why;
	assert_int_equal(date_parse("2004-02-29", &d, &why), 0);
	assert_int_equal(date_parse("2004-02-30", &d, &why), -1);
	assert_int_equal(date_parse("2003-02-29", &d, &why), -1);
	assert_int_equal(date_parse("2004-13-01", &d, &why), -1);
	assert_int_equal(date_parse("2004/01/01", &d, &why), -1);
	assert_int_equal(date_parse("2004-1-1", &d, &why), -1);
	assert_int_equal(date_parse("", &d, &why), -1);
	assert_int_equal(date_parse("2000-02-29", &d, &why), 0);
	assert_int_equal(date_parse("1900-02-29", &d, &why), -1);
	date a = {2004, 1, 1}, b = {2004, 12, 31};
	assert_int_equal(date_to_days(b) - date_to_days(a), 365);
	assert_int_equal(date_to_days((date){1970, 1, 1}), 0);
	char out[11];
	date_format(b, out);
	assert_string_equal(out, "2004-12-31");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_parse_amount), cmocka_unit_test(test_parse_int),
	        cmocka_unit_test(test_rounding),     cmocka_unit_test(test_fmt_amount),
	        cmocka_unit_test(test_fmt_people),   cmocka_unit_test(test_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
