/* The web plumbing without a server: chart JSON inside <script> cannot be
 * closed by data, URLs keep and encode the query, the router answers 404,
 * 405 and 400 (escaping what the request sent), and every nav word exists
 * in both languages. */
#include "testdb.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/router.h"

static void test_json_script_escapes(void **state)
{
	(void)state;
	buf b = BUF_INIT;
	err e;
	err_init(&e);
	json_t *j = json_pack("{s:s}", "name", "</script><b>&amp;");
	assert_int_equal(page_json_script(&b, "d\"x", j, &e), 0);
	assert_null(strstr(b.s, "</script><b>"));
	assert_non_null(strstr(b.s, "\\u003c/script\\u003e\\u003cb\\u003e\\u0026amp;"));
	assert_non_null(strstr(b.s, "id=\"d&quot;x\""));
	/* and it is still the same JSON */
	const char *start = strchr(b.s, '>') + 1;
	json_error_t je;
	json_t *back = json_loadb(start, (size_t)(strstr(start, "</script>") - start), 0, &je);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "name")), "</script><b>&amp;");
	json_decref(back);
	json_decref(j);
	buf_free(&b);
	err_free(&e);
}

static void test_url_keeps_query(void **state)
{
	(void)state;
	struct web_param ps[] = {{"county", "500101"}, {"lang", "en"}, {"q", "a b&<"}, {"page", "3"}};
	struct web_req r = {0};
	r.path = "/projects";
	r.params = ps;
	r.nparams = 4;
	buf b = BUF_INIT;
	static const char *const drop[] = {"page", NULL};
	page_url(&b, &r, "/projects", drop, "lang", "zh");
	assert_string_equal(b.s, "/projects?county=500101&q=a%20b%26%3C&lang=zh");
	buf_reset(&b);
	page_url(&b, &r, "/x", NULL, NULL, NULL);
	assert_string_equal(b.s, "/x?county=500101&lang=en&q=a%20b%26%3C&page=3");
	buf_free(&b);
}

static void test_param_int(void **state)
{
	(void)state;
	struct web_param ps[] = {{"year", "2004"}, {"bad", "20x4"}, {"empty", ""}};
	struct web_req r = {0};
	r.params = ps;
	r.nparams = 3;
	err e;
	err_init(&e);
	int64_t v;
	assert_int_equal(web_param_int(&r, "year", 1949, 2100, 0, &v, &e), 0);
	assert_int_equal(v, 2004);
	assert_int_equal(web_param_int(&r, "empty", 1, 9, 7, &v, &e), 0);
	assert_int_equal(v, 7);
	assert_int_equal(web_param_int(&r, "missing", 1, 9, 5, &v, &e), 0);
	assert_int_equal(v, 5);
	assert_int_equal(web_param_int(&r, "bad", 1949, 2100, 0, &v, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_non_null(strstr(e.msgs.s, "bad: '20x4'"));
	assert_int_equal(web_param_int(&r, "year", 1, 9, 0, &v, &e), -1);
	err_free(&e);
}

static void run(struct web_req *r, struct web_resp *resp, const char *method, const char *path)
{
	r->method = method;
	r->path = path;
	web_resp_init(resp);
	web_dispatch(r, resp);
}

static const char *header(const struct web_resp *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcmp(r->header_name[i], name) == 0)
			return r->header_value[i];
	return NULL;
}

static void test_router(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	struct web_req r = {0};
	struct web_resp resp;
	r.db = t.d;
	r.actor = &testdb_actor; /* an administrator: every route */
	run(&r, &resp, "GET", "/nothing");
	assert_int_equal(resp.status, 404);
	web_resp_free(&resp);
	run(&r, &resp, "POST", "/projects");
	assert_int_equal(resp.status, 405);
	assert_string_equal(header(&resp, "Allow"), "GET, HEAD");
	web_resp_free(&resp);
	run(&r, &resp, "HEAD", "/static/style.css");
	assert_int_equal(resp.status, 200);
	assert_string_equal(resp.content_type, "text/css; charset=utf-8");
	web_resp_free(&resp);

	/* what the request sent comes back escaped in the error page */
	struct web_param ps[] = {{"status", "<script>alert(\"x\")</script>"}};
	r.params = ps;
	r.nparams = 1;
	run(&r, &resp, "GET", "/projects");
	assert_int_equal(resp.status, 400);
	assert_null(strstr(resp.body.s, "<script>alert"));
	assert_non_null(strstr(resp.body.s, "&lt;script&gt;alert(&quot;x&quot;)"));
	web_resp_free(&resp);
	/* and as JSON with the field under /api/ */
	struct web_param py[] = {{"year", "<b>"}};
	r.params = py;
	run(&r, &resp, "GET", "/api/v1/reports/annual");
	assert_int_equal(resp.status, 400);
	assert_string_equal(resp.content_type, "application/json");
	json_error_t je;
	json_t *j = json_loads(resp.body.s, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "field")), "year");
	json_decref(j);
	web_resp_free(&resp);

	/* an empty database still gives a dashboard and a list */
	r.params = NULL;
	r.nparams = 0;
	run(&r, &resp, "GET", "/");
	assert_int_equal(resp.status, 200);
	assert_non_null(strstr(resp.body.s, "<html lang=\"zh-CN\">"));
	web_resp_free(&resp);
	r.lang = LANG_EN;
	run(&r, &resp, "GET", "/projects");
	assert_int_equal(resp.status, 200);
	assert_non_null(strstr(resp.body.s, "No project matches"));
	web_resp_free(&resp);
	testdb_close(&t);
}

static void test_words(void **state)
{
	(void)state;
	const char *keys[] = {"nav.dashboard",  "nav.projects", "nav.report_annual",
	                      "nav.lang_other", "app.demo",     "error.not_found",
	                      "error.method",   "dash.funds",   "proj.page"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		assert_true(web_t_known(keys[i]));
		assert_string_not_equal(web_t(LANG_ZH, keys[i]), web_t(LANG_EN, keys[i]));
	}
	assert_string_equal(web_t(LANG_EN, "no.such.key"), "no.such.key");
}

/* Content-Disposition of a download: a plain ASCII name (quotes and
 * non-ASCII replaced) and the UTF-8 name percent-encoded (RFC 5987). */
static void test_attachment(void **state)
{
	(void)state;
	struct web_resp r;
	web_resp_init(&r);
	web_resp_attachment(&r, "funds.xlsx", "到位资金 2004.xlsx");
	web_resp_attachment(&r, "a\"b\xe5.csv", NULL);
	assert_int_equal(r.nheaders, 2);
	assert_string_equal(r.header_name[0], "Content-Disposition");
	assert_string_equal(r.header_value[0],
	                    "attachment; filename=\"funds.xlsx\"; "
	                    "filename*=UTF-8''%E5%88%B0%E4%BD%8D%E8%B5%84%E9%87%91%202004.xlsx");
	assert_string_equal(r.header_value[1], "attachment; filename=\"a_b_.csv\"");
	web_resp_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_json_script_escapes),
	        cmocka_unit_test(test_url_keeps_query),
	        cmocka_unit_test(test_param_int),
	        cmocka_unit_test(test_router),
	        cmocka_unit_test(test_words),
	        cmocka_unit_test(test_attachment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
