/* The supporter scorecard's arithmetic and its weights file
 * (report/scorecard.h): zero commitments, over-achievement capped, the
 * weighted mean and its rounding, the defaults compiled in, a file over
 * them, and every kind of bad line reported with its line number. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "report/scorecard.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct sc_weights equal_weights(int64_t cap)
{
	struct sc_weights w;
	memset(&w, 0, sizeof w);
	for (int i = 0; i < SC_COUNT; i++) {
		w.weight[i] = 1;
		w.cap[i] = cap;
	}
	return w;
}

static void test_achieved(void **state)
{
	(void)state;
	int64_t t = -1, c = -1;
	/* no commitment: not assessed, whatever was done */
	assert_false(scorecard_achieved(0, 0, 120, &t, &c));
	assert_false(scorecard_achieved(500, 0, 120, &t, &c));
	assert_false(scorecard_achieved(5, -3, 120, &t, &c));
	/* a part achieved, in tenths of a percent, rounded half away from zero */
	assert_true(scorecard_achieved(1, 3, 120, &t, &c));
	assert_int_equal(t, 333);
	assert_int_equal(c, 333);
	assert_true(scorecard_achieved(2, 3, 120, &t, &c));
	assert_int_equal(t, 667);
	assert_true(scorecard_achieved(1, 8, 120, &t, &c)); /* 12.5% */
	assert_int_equal(t, 125);
	/* nothing done against a commitment is 0, not "not assessed" */
	assert_true(scorecard_achieved(0, 10, 120, &t, &c));
	assert_int_equal(t, 0);
	/* over-achievement: the achievement stays, what counts is capped */
	assert_true(scorecard_achieved(3, 1, 120, &t, &c));
	assert_int_equal(t, 3000);
	assert_int_equal(c, 1200);
	assert_true(scorecard_achieved(12, 10, 120, &t, &c));
	assert_int_equal(c, 1200);
	assert_true(scorecard_achieved(11, 10, 100, &t, &c));
	assert_int_equal(t, 1100);
	assert_int_equal(c, 1000);
	/* amounts of yuan as large as a program's do not overflow */
	assert_true(scorecard_achieved(900000000000LL, 1000000000000LL, 120, &t, &c));
	assert_int_equal(t, 900);
}

static void test_score(void **state)
{
	(void)state;
	struct sc_weights w = equal_weights(120);
	int64_t actual[SC_COUNT] = {0}, target[SC_COUNT] = {0}, s = -1;
	/* no commitment at all: no score */
	assert_false(scorecard_score(&w, actual, target, &s));
	/* one component assessed: the score is its achievement */
	actual[SC_FUNDS] = 1;
	target[SC_FUNDS] = 2;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 500);
	/* a component without commitment is left out, not counted as 0 */
	actual[SC_VISITS] = 7;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 500);
	/* over-achievement counts only to the cap: (50 + 120) / 2 = 85 */
	target[SC_VISITS] = 1;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 850);
	/* weights: 3 × 50 + 1 × 120 over 4 = 67.5 */
	w.weight[SC_FUNDS] = 3;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 675);
	/* a weight of 0 leaves its component out even with a commitment */
	w.weight[SC_VISITS] = 0;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 500);
	/* rounding of the mean: (333 + 0 + 0) / 3 = 111 tenths */
	w = equal_weights(120);
	memset(actual, 0, sizeof actual);
	memset(target, 0, sizeof target);
	actual[SC_LABOUR] = 1;
	target[SC_LABOUR] = 3;
	target[SC_TRAINING] = 5;
	target[SC_PROJECTS] = 4;
	assert_true(scorecard_score(&w, actual, target, &s));
	assert_int_equal(s, 111);
	/* every weighted component without commitment: no score */
	w.weight[SC_LABOUR] = w.weight[SC_TRAINING] = w.weight[SC_PROJECTS] = 0;
	assert_false(scorecard_score(&w, actual, target, &s));
}

static void test_defaults(void **state)
{
	(void)state;
	struct sc_weights w;
	err e;
	err_init(&e);
	assert_int_equal(scorecard_weights_load(NULL, &w, &e), 0);
	int64_t sum = 0;
	for (int i = 0; i < SC_COUNT; i++) {
		sum += w.weight[i];
		assert_true(w.cap[i] >= 100);
	}
	assert_true(sum > 0);
	assert_true(w.norm[SC_VISITS] > 0);
	assert_true(w.norm[SC_OPERATING] > 0);
	err_free(&e);
}

static void test_file_over_defaults(void **state)
{
	(void)state;
	struct sc_weights w, d;
	err e;
	err_init(&e);
	assert_int_equal(scorecard_weights_load(NULL, &d, &e), 0);
	char path[] = "/tmp/duikou-weights-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char *text = "# mine\r\n\n[weights]\nfunds = 50 ; half\n  visits=0\n[caps]\ndefault = 150\n"
	                   "labour = 100\n[norms]\nvisits = 4 # a quarter\n";
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	assert_int_equal(scorecard_weights_load(path, &w, &e), 0);
	unlink(path);
	assert_int_equal(w.weight[SC_FUNDS], 50);
	assert_int_equal(w.weight[SC_VISITS], 0);
	assert_int_equal(w.weight[SC_PROJECTS], d.weight[SC_PROJECTS]); /* not given: kept */
	assert_int_equal(w.cap[SC_FUNDS], 150);
	assert_int_equal(w.cap[SC_VISITS], 150); /* default applies to those not named */
	assert_int_equal(w.cap[SC_LABOUR], 100);
	assert_int_equal(w.norm[SC_VISITS], 4);
	assert_int_equal(w.norm[SC_OPERATING], d.norm[SC_OPERATING]);
	/* caps: a component named before default keeps its own */
	const char *order = "[caps]\nlabour = 110\ndefault = 130\n";
	assert_int_equal(scorecard_weights_parse(order, strlen(order), "o.ini", &w, &e), 0);
	assert_int_equal(w.cap[SC_LABOUR], 110);
	assert_int_equal(w.cap[SC_FUNDS], 130);
	err_free(&e);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct sc_weights w;
	err e;
	err_init(&e);
	assert_int_equal(scorecard_weights_load("/nonexistent/weights.ini", &w, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_non_null(strstr(buf_str(&e.msgs), "/nonexistent/weights.ini: cannot open"));
	err_free(&e);
}

/* TEXT is refused with every message of WANT (NULL-terminated), each its
 * own line, and W is left as it was. */
static void refused(const char *text, const char *const *want)
{
	struct sc_weights w, before;
	err e;
	err_init(&e);
	assert_int_equal(scorecard_weights_load(NULL, &w, &e), 0);
	before = w;
	assert_int_equal(scorecard_weights_parse(text, strlen(text), "w.ini", &w, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	int n = 0;
	for (; want[n]; n++)
		if (!strstr(buf_str(&e.msgs), want[n]))
			fail_msg("no '%s' in:\n%s", want[n], buf_str(&e.msgs));
	assert_int_equal(e.count, n);
	assert_memory_equal(&w, &before, sizeof w);
	err_free(&e);
}

static void test_bad_lines(void **state)
{
	(void)state;
	/* line 6 is fine: line 2's funds was not taken */
	refused("[weights]\nfunds 30\nprojects = -1\nvisits = many\nbogus = 3\nfunds = 1\n[colours]\n"
	        "red = 1\n[caps]\nfunds = 50\ndefault = 99999\n[norms]\nfunds = 3\nvisits = 1\nvisits = 2\n"
	        "[weights\n",
	        (const char *const[]){
	                "w.ini:2: expected key = value", "w.ini:3: projects: '-1' is not a whole number",
	                "w.ini:4: visits: 'many' is not a whole number", "w.ini:5: unknown key 'bogus'",
	                "w.ini:7: unknown section [colours]", "w.ini:8: 'red' is outside a section",
	                "w.ini:10: funds: '50' is not a whole number from 100 to 1000",
	                "w.ini:11: default: '99999'", "w.ini:13: 'funds' has no norm",
	                "w.ini:15: 'visits' given twice", "w.ini:16: a section is written [name]", NULL});
	refused("[weights]\nfunds = 1\nfunds = 2\n",
	        (const char *const[]){"w.ini:3: 'funds' given twice", NULL});
	refused("[weights]\nfunds = 0\nprojects = 0\ncontracts = 0\noperating = 0\nlabour = 0\ntraining = 0\n"
	        "visits = 0\n",
	        (const char *const[]){"w.ini: every weight is 0", NULL});
}

static void test_nul_byte(void **state)
{
	(void)state;
	struct sc_weights w;
	err e;
	err_init(&e);
	assert_int_equal(scorecard_weights_load(NULL, &w, &e), 0);
	const char text[] = "[weights]\nfunds = 1\0\n";
	assert_int_equal(scorecard_weights_parse(text, sizeof text - 1, "w.ini", &w, &e), -1);
	assert_non_null(strstr(buf_str(&e.msgs), "w.ini: not a text file"));
	err_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_achieved),     cmocka_unit_test(test_score),
	        cmocka_unit_test(test_defaults),     cmocka_unit_test(test_file_over_defaults),
	        cmocka_unit_test(test_missing_file), cmocka_unit_test(test_bad_lines),
	        cmocka_unit_test(test_nul_byte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
