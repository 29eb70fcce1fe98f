/* The message catalogue: every id has both templates using the same
 * argument numbers, formatting fills them in, and every reason the amount,
 * number and date parsers give has a message of its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/num.h"
#include "model/messages.h"
#include <string.h>

/* The set of argument numbers T uses, as bits 1..9; -1 when T has a '%'
 * not followed by a digit 1..9. */
static int arg_bits(const char *t)
{
	int bits = 0;
	for (const char *p = strchr(t, '%'); p; p = strchr(p + 1, '%')) {
		if (p[1] < '1' || p[1] > '9')
			return -1;
		bits |= 1 << (p[1] - '0');
	}
	return bits;
}

static void test_every_id_has_both_templates(void **state)
{
	(void)state;
	for (int i = 0; i < MSG_COUNT; i++) {
		const struct msg_template *t = msg_template((enum msg_id)i);
		if (!t->en || !t->zh || !*t->en || !*t->zh)
			fail_msg("message %d lacks a template", i);
		int want = 0;
		for (int n = 1; n <= t->nargs; n++)
			want |= 1 << n;
		if (arg_bits(t->en) != want)
			fail_msg("message %d: the English template \"%s\" does not use exactly %%1..%%%d", i,
			         t->en, t->nargs);
		if (arg_bits(t->zh) != want)
			fail_msg("message %d: the Chinese template \"%s\" uses other arguments than \"%s\"",
			         i, t->zh, t->en);
		/* the Chinese text is Chinese: it holds a character beyond ASCII */
		int wide = 0;
		for (const char *p = t->zh; *p; p++)
			wide |= (unsigned char)*p >= 0x80;
		if (!wide)
			fail_msg("message %d: the Chinese template \"%s\" is not Chinese", i, t->zh);
	}
}

static void test_format(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	msg_format(&b, LANG_EN, MSG_NEGATIVE, "-5");
	assert_string_equal(buf_str(&b), "\"-5\" must not be negative");
	buf_reset(&b);
	msg_format(&b, LANG_ZH, MSG_NEGATIVE, "-5");
	assert_string_equal(buf_str(&b), "“-5”不能为负数");
	buf_reset(&b);
	/* the arguments in another order in Chinese */
	msg_format(&b, LANG_ZH, MSG_RULE_AFTER_STOPPED, "operating", "2004-01-01");
	assert_string_equal(buf_str(&b), "项目已于2004-01-01停止，之后又记为operating");
	buf_reset(&b);
	msg_format(&b, LANG_EN, MSG_RULE_STATUS_DIFFERS, "a", "b", "c", "d");
	assert_string_equal(buf_str(&b), "status a on b differs from the latest history entry, c on d");
	buf_reset(&b);
	const char *args[] = {"x", NULL};
	msg_formatv(&b, LANG_EN, MSG_NO_RECORD, args);
	assert_string_equal(buf_str(&b), "no x record ");
	buf_free(&b);
}

static void reason_known(const char *why)
{
	enum msg_id id = msg_reason(why);
	if (id == MSG_REASON)
		fail_msg("the parse reason \"%s\" has no message of its own", why);
	buf en = BUF_INIT;
	msg_format(&en, LANG_EN, id, "s");
	buf want = BUF_INIT;
	buf_printf(&want, "\"s\" %s", why);
	assert_string_equal(buf_str(&en), buf_str(&want));
	buf_free(&en);
	buf_free(&want);
}

static void test_parse_reasons(void **state)
{
	(void)state;
	static const char *const amounts[] = {"",          "abc", "99999999999999999999", "1.234", "1.5",
	                                      "1.00001万", "12块"};
	static const char *const ints[] = {"", "x1", "99999999999999999999"};
	static const char *const dates[] = {"", "2004/1/1", "2004-13-01", "2004-02-30"};
	int64_t v;
	date d;
	const char *why;
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
		why = NULL;
		if (num_parse_amount(amounts[i], &v, &why) == 0)
			continue; /* a valid amount gives no reason */
		reason_known(why);
	}
	for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
		why = NULL;
		assert_int_equal(num_parse_int(ints[i], &v, &why), -1);
		reason_known(why);
	}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		why = NULL;
		assert_int_equal(date_parse(dates[i], &d, &why), -1);
		reason_known(why);
	}
	/* an unknown reason is kept as given */
	assert_int_equal(msg_reason("is purple"), MSG_REASON);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_id_has_both_templates),
	        cmocka_unit_test(test_format),
	        cmocka_unit_test(test_parse_reasons),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
