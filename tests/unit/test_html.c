/* The one HTML escaping helper: every special character escaped, nothing
 * else touched. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/html.h"
#include <string.h>

static void check(void (*f)(buf *, const char *), const char *in, const char *want)
{
	buf b = BUF_INIT;
	buf_puts(&b, "x");
	f(&b, in);
	assert_string_equal(buf_str(&b) + 1, want);
	buf_free(&b);
}

static void test_content(void **state)
{
	(void)state;
	check(html_escape, "<script>&\"", "&lt;script&gt;&amp;&quot;");
	check(html_escape, "a'b", "a&#39;b");
	check(html_escape, "&amp;", "&amp;amp;");
	check(html_escape, "", "");
	check(html_escape, NULL, "");
	check(html_escape, "重庆市三峡库区 22.40亿元", "重庆市三峡库区 22.40亿元");
	check(html_escape, "line\nnext", "line\nnext");
	check(html_escape, "<<>>", "&lt;&lt;&gt;&gt;");
}

static void test_attr(void **state)
{
	(void)state;
	check(html_escape_attr, "a\"b'c<d>&", "a&quot;b&#39;c&lt;d&gt;&amp;");
	check(html_escape_attr, "l1\nl2\tx", "l1&#10;l2&#9;x");
	check(html_escape_attr, "zh-CN", "zh-CN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_content),
	        cmocka_unit_test(test_attr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
