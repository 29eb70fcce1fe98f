/* The CSV reader: row numbering, BOM, quoting, broken quoting; UTF-8 checks;
 * field quoting on output. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "io/csv.h"
#include <string.h>

struct seen {
	buf text; /* "row:f1|f2;" per record */
	int stop_at;
};

static int collect(void *ctx, const struct csv_row *r, err *e)
{
	struct seen *s = ctx;
	buf_printf(&s->text, "%ld:", r->row);
	for (size_t i = 0; i < r->n; i++)
		buf_printf(&s->text, "%s%s", i ? "|" : "", r->fields[i]);
	buf_putc(&s->text, ';');
	if (s->stop_at && r->row == s->stop_at)
		return err_add(e, EXIT_INVALID, "stopped");
	return 0;
}

static const char *read_all(const char *csv, int *rc, struct seen *s, err *e)
{
	buf_init(&s->text);
	*rc = csv_read(csv, strlen(csv), "t.csv", collect, s, e);
	return buf_str(&s->text);
}

static void test_rows(void **state)
{
	(void)state;
	struct seen s = {BUF_INIT, 0};
	err e;
	err_init(&e);
	int rc;
	assert_string_equal(read_all("\xEF\xBB\xBF"
	                             "a,b\n1,\"x,y\"\n\"multi\nline\",2\r\n3,\"q\"\"q\"",
	                             &rc, &s, &e),
	                    "1:a|b;2:1|x,y;3:multi\nline|2;4:3|q\"q;");
	assert_int_equal(rc, 0);
	assert_false(err_any(&e));
	buf_free(&s.text);
	err_free(&e);
}

static void test_broken_quoting(void **state)
{
	(void)state;
	struct seen s = {BUF_INIT, 0};
	err e;
	err_init(&e);
	int rc;
	read_all("a,b\n1,2\n3,\"oops\n", &rc, &s, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(e.count, 1);
	assert_int_equal(strncmp(buf_str(&e.msgs), "t.csv:3::", 9), 0);
	buf_free(&s.text);
	err_clear(&e);
	read_all("a,b\n1,\"x\"y,2\n", &rc, &s, &e);
	assert_int_equal(rc, -1);
	assert_int_equal(strncmp(buf_str(&e.msgs), "t.csv:2::", 9), 0);
	buf_free(&s.text);
	err_free(&e);
}

static void test_stop(void **state)
{
	(void)state;
	struct seen s = {BUF_INIT, 2};
	err e;
	err_init(&e);
	int rc;
	assert_string_equal(read_all("a\n1\n2\n3\n", &rc, &s, &e), "1:a;2:1;");
	assert_int_equal(rc, -1);
	buf_free(&s.text);
	err_free(&e);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(utf8_valid("万州区", strlen("万州区")));
	assert_true(utf8_valid("", 0));
	assert_false(utf8_valid("\xff", 1));
	assert_false(utf8_valid("\xe4\xb8", 2));        /* truncated */
	assert_false(utf8_valid("\xc0\xaf", 2));        /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));    /* surrogate */
	assert_true(utf8_valid("\xf0\x9f\x98\x80", 4)); /* U+1F600 */
}

static void test_put_field(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	csv_put_field(&b, "plain");
	buf_putc(&b, ',');
	csv_put_field(&b, "a,b");
	buf_putc(&b, ',');
	csv_put_field(&b, "say \"hi\"");
	buf_putc(&b, ',');
	csv_put_field(&b, "two\nlines");
	assert_string_equal(buf_str(&b), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_rows),      cmocka_unit_test(test_broken_quoting),
	        cmocka_unit_test(test_stop),      cmocka_unit_test(test_utf8),
	        cmocka_unit_test(test_put_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
