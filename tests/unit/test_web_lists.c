/* The kind-driven lists without a server: every list page, CSV and API
 * list answers on an empty database; text from the records is escaped on
 * the page and raw in the JSON; filter values are bound (a quote matches
 * nothing); ids that cannot name a record find none; the words exist in
 * both languages. */
#include "testdb.h"
#include "model/kinds.h"
#include "web/i18n.h"
#include "web/list.h"
#include "web/router.h"
#include <jansson.h>

static void run(struct web_req *r, struct web_resp *resp, const char *path)
{
	r->method = "GET";
	r->path = path;
	web_resp_init(resp);
	web_dispatch(r, resp);
}

static json_t *body_json(const struct web_resp *resp)
{
	json_error_t je;
	json_t *j = json_loads(resp->body.s, 0, &je);
	assert_non_null(j);
	return j;
}

static void test_every_list_answers(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	struct web_req r = {0};
	struct web_resp resp;
	r.db = t.d;
	r.actor = &testdb_actor; /* an administrator: every route */
	for (size_t i = 0; i < kinds_count; i++) {
		char path[64];
		const char *name = kinds[i].name;
		snprintf(path, sizeof path, "/api/v1/%s", name);
		run(&r, &resp, path);
		assert_int_equal(resp.status, 200);
		json_t *j = body_json(&resp);
		assert_true(json_is_array(json_object_get(j, "items")));
		assert_int_equal(json_integer_value(json_object_get(j, "per_page")), 50);
		/* refdata brings the attested pairings; nothing else is there */
		if (strcmp(name, "pairings") != 0)
			assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
		json_decref(j);
		web_resp_free(&resp);
		if (strcmp(name, "projects") == 0)
			continue; /* projects.c has its own page */
		snprintf(path, sizeof path, "/%s", name);
		run(&r, &resp, path);
		assert_int_equal(resp.status, 200);
		assert_non_null(strstr(resp.body.s, "id=\"total-count\""));
		web_resp_free(&resp);
		snprintf(path, sizeof path, "/%s.csv", name);
		run(&r, &resp, path);
		assert_int_equal(resp.status, 200);
		assert_string_equal(resp.content_type, "text/csv; charset=utf-8");
		assert_int_equal(strncmp(resp.body.s, kinds[i].cols[0].name, strlen(kinds[i].cols[0].name)),
		                 0);
		web_resp_free(&resp);
	}
	testdb_close(&t);
}

static void test_escaped_and_bound(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	testdb_exec(&t, "INSERT INTO conferences (code, name, date, place) VALUES"
	                " ('C|1', '<script>alert(1)</script>', '2004-05-01', 'a\"b')");
	struct web_req r = {0};
	struct web_resp resp;
	r.db = t.d;
	r.actor = &testdb_actor; /* an administrator: every route */
	run(&r, &resp, "/conferences");
	assert_int_equal(resp.status, 200);
	assert_null(strstr(resp.body.s, "<script>alert"));
	assert_non_null(strstr(resp.body.s, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* the edit link carries the id percent-encoded */
	assert_non_null(strstr(resp.body.s, "href=\"/conferences/C%7C1/edit\""));
	web_resp_free(&resp);
	run(&r, &resp, "/api/v1/conferences/C|1");
	assert_int_equal(resp.status, 200);
	json_t *j = body_json(&resp);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "<script>alert(1)</script>");
	assert_string_equal(json_string_value(json_object_get(j, "id")), "C|1");
	json_decref(j);
	web_resp_free(&resp);
	/* a quote in a filter value is a value, not SQL */
	struct web_param ps[] = {{"program", "' OR 1=1 --"}};
	r.params = ps;
	r.nparams = 1;
	run(&r, &resp, "/api/v1/conferences");
	assert_int_equal(resp.status, 200);
	j = body_json(&resp);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	web_resp_free(&resp);
	/* and a column that is not a filter is refused, naming it */
	struct web_param pn[] = {{"name", "x"}};
	r.params = pn;
	run(&r, &resp, "/api/v1/conferences");
	assert_int_equal(resp.status, 400);
	j = body_json(&resp);
	assert_string_equal(json_string_value(json_object_get(j, "field")), "name");
	json_decref(j);
	web_resp_free(&resp);
	testdb_close(&t);
}

static void test_ids(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	err e;
	err_init(&e);
	db_stmt *st = NULL;
	bool found = true;
	/* too few key parts, and a visit id that is not a number */
	assert_int_equal(list_select_id(t.d, kind_find("pairings"), "sanxia|310000", "1", &found, &st, &e),
	                 0);
	assert_false(found);
	assert_int_equal(list_select_id(t.d, kind_find("visits"), "7x", "1", &found, &st, &e), 0);
	assert_false(found);
	/* a well-formed id is looked up */
	assert_int_equal(list_select_id(t.d, kind_find("status"), "P1|2004-01-01", "1", &found, &st, &e), 0);
	assert_true(found);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_finalize(st);
	err_free(&e);
	testdb_close(&t);
}

static void test_words(void **state)
{
	(void)state;
	char key[64];
	for (size_t i = 0; i < kinds_count; i++) {
		snprintf(key, sizeof key, "kind.%s", kinds[i].name);
		assert_true(web_t_known(key));
		snprintf(key, sizeof key, "lists.%s", kinds[i].name);
		assert_true(web_t_known(key));
		assert_string_not_equal(web_t(LANG_ZH, key), web_t(LANG_EN, key));
	}
	const char *keys[] = {"nav.lists",  "nav.report_signed", "nav.report_plan", "lists.matrix",
	                      "list.count", "list.totals",       "list.none",       "list.edit",
	                      "list.new",   "matrix.title",      "plan.title",      "plan.elapsed",
	                      "plan.funds", "signed.title"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		assert_true(web_t_known(keys[i]));
		assert_string_not_equal(web_t(LANG_ZH, keys[i]), web_t(LANG_EN, keys[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_list_answers),
	        cmocka_unit_test(test_escaped_and_bound),
	        cmocka_unit_test(test_ids),
	        cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
