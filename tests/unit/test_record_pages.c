/* The record pages in-process, through the router: a posted form saves
 * and redirects, what it held comes back escaped in the edit form, a bad
 * value comes back beside its field with nothing saved, a POST that is not
 * a form is refused, and every word these pages use is in both languages. */
#include "testdb.h"
#include "web/i18n.h"
#include "web/router.h"

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

/* Sets R's form to the NULL-terminated KEY, VALUE pairs of KV. */
static void form(struct web_req *r, struct web_form_field *f, const char *const *kv)
{
	size_t n = 0;
	for (; kv[2 * n]; n++) {
		f[n].key = (char *)kv[2 * n];
		f[n].filename = NULL;
		buf_init(&f[n].val);
		buf_puts(&f[n].val, kv[2 * n + 1]);
	}
	r->form = f;
	r->nform = n;
	r->content_type = "application/x-www-form-urlencoded";
}

static void form_free(struct web_req *r)
{
	for (size_t i = 0; i < r->nform; i++)
		buf_free(&r->form[i].val);
	r->nform = 0;
}

static int64_t count(struct testdb *t, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(t->d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

static void test_form_round_trip(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	struct web_req r = {0};
	struct web_resp resp;
	struct web_form_field f[8];
	r.db = t.d;
	r.actor = &testdb_actor; /* an administrator: every route */

	const char *evil = "<script>alert(\"x\")</script> & 'q'";
	const char *const conf[] = {"code", "C1", "name", evil, "date", "2004-04-01", "place", "", NULL};
	form(&r, f, conf);
	run(&r, &resp, "POST", "/conferences/new");
	assert_int_equal(resp.status, 303);
	assert_string_equal(header(&resp, "Location"), "/conferences");
	web_resp_free(&resp);
	form_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences WHERE code = 'C1'"), 1);

	run(&r, &resp, "GET", "/conferences/C1/edit");
	assert_int_equal(resp.status, 200);
	assert_null(strstr(resp.body.s, "<script>alert"));
	assert_non_null(
	        strstr(resp.body.s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
	/* the key is shown, not editable */
	assert_non_null(strstr(resp.body.s, "readonly id=\"f-code\""));
	web_resp_free(&resp);

	/* a bad date: 422, the message beside it, the typed values kept */
	const char *const bad[] = {"code", "C1", "name", "新名字", "date", "2004-02-30", NULL};
	form(&r, f, bad);
	run(&r, &resp, "POST", "/conferences/C1/edit");
	assert_int_equal(resp.status, 422);
	assert_non_null(strstr(resp.body.s, "id=\"err-date\""));
	assert_non_null(strstr(resp.body.s, "value=\"新名字\""));
	web_resp_free(&resp);
	form_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences WHERE name = '新名字'"), 0);

	/* not a form: refused before anything happens */
	r.content_type = "application/json";
	run(&r, &resp, "POST", "/conferences/C1/delete");
	assert_int_equal(resp.status, 400);
	web_resp_free(&resp);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences"), 1);
	r.content_type = "application/x-www-form-urlencoded";
	run(&r, &resp, "POST", "/conferences/C1/delete");
	assert_int_equal(resp.status, 303);
	web_resp_free(&resp);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences"), 0);
	run(&r, &resp, "GET", "/conferences/C1/edit");
	assert_int_equal(resp.status, 404);
	web_resp_free(&resp);
	testdb_close(&t);
}

static void test_words(void **state)
{
	(void)state;
	const char *keys[] = {"nav.upload",
	                      "nav.check",
	                      "rec.new",
	                      "rec.edit",
	                      "rec.delete",
	                      "rec.save",
	                      "rec.back",
	                      "rec.missing",
	                      "rec.problems",
	                      "rec.confirm",
	                      "rec.confirm_project",
	                      "rec.yes",
	                      "rec.no",
	                      "rec.service",
	                      "rec.history",
	                      "rec.receipts",
	                      "rec.add_receipt",
	                      "rec.date",
	                      "rec.amount",
	                      "rec.side",
	                      "rec.source_type",
	                      "rec.note",
	                      "rec.receipt",
	                      "rec.total",
	                      "up.title",
	                      "up.intro",
	                      "up.kind",
	                      "up.file",
	                      "up.preview",
	                      "up.rows",
	                      "up.refused",
	                      "up.where",
	                      "up.problem",
	                      "up.clean",
	                      "up.import",
	                      "up.done",
	                      "up.added",
	                      "up.updated",
	                      "up.unchanged",
	                      "up.another",
	                      "check.title",
	                      "check.clean",
	                      "check.count",
	                      "check.kind",
	                      "check.record",
	                      "check.column",
	                      "check.message"};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (!web_t_known(keys[i]))
			fail_msg("%s is not in the word table", keys[i]);
		assert_string_not_equal(web_t(LANG_ZH, keys[i]), web_t(LANG_EN, keys[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_form_round_trip),
	        cmocka_unit_test(test_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
