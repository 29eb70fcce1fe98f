/* The plan workflow in-process, through the router, with the users of
 * each role: the plan page shows the state, the history and only the
 * buttons its user may press (each form with the CSRF field); the POST
 * routes step and redirect, or refuse with 403, 409, 422 and change
 * nothing; the API's POST /api/v1/plans/{code}/{step}; the list's state
 * column and filter. */
#include "testdb.h"
#include "web/router.h"
#include <jansson.h>

static const struct actor county = {"county-wz", ROLE_COUNTY, "500101", "form"};
static const struct actor other_county = {"county-fl", ROLE_COUNTY, "500102", "form"};
static const struct actor supporter = {"sh", ROLE_SUPPORTER, "310000", "form"};
static const struct actor municipal = {"cq", ROLE_MUNICIPAL, "", "api"};
static const struct actor viewer = {"look", ROLE_VIEWER, "", "form"};

struct ctx {
	struct testdb t;
	struct web_req r;
	struct web_resp resp;
	struct web_form_field f[4];
	struct web_param p[2];
};

static void setup(struct ctx *c)
{
	memset(c, 0, sizeof *c);
	testdb_open(&c->t);
	testdb_exec(&c->t, "INSERT INTO pairings (program, supporter_code, recipient_code, since_year)"
	                   " VALUES ('sanxia', '310000', '500101', 1992) ON CONFLICT DO NOTHING;"
	                   "INSERT INTO plans (code, recipient_code, start_year, end_year, target_projects)"
	                   " VALUES ('GH1', '500101', 2004, 2007, 40);"
	                   "INSERT INTO plans (code, recipient_code, start_year, end_year, target_projects)"
	                   " VALUES ('GH2', '500102', 2004, 2007, 10);");
	c->r.db = c->t.d;
	c->r.csrf = "tok-123";
	c->r.body = "";
	web_resp_init(&c->resp);
}

static void teardown(struct ctx *c)
{
	web_resp_free(&c->resp);
	testdb_close(&c->t);
}

/* METHOD PATH as WHO; a POST sends the form REASON (NULL: no field) or,
 * under /api/, the JSON BODY. */
static int run(struct ctx *c, const struct actor *who, const char *method, const char *path,
               const char *reason, const char *body)
{
	web_resp_free(&c->resp);
	web_resp_init(&c->resp);
	c->r.actor = who;
	c->r.method = method;
	c->r.path = path;
	c->r.nform = 0;
	c->r.content_type = "application/x-www-form-urlencoded";
	c->r.body = "";
	c->r.body_len = 0;
	if (body) {
		c->r.content_type = "application/json";
		c->r.body = body;
		c->r.body_len = strlen(body);
	}
	if (reason) {
		c->f[0].key = "reason";
		c->f[0].filename = NULL;
		buf_init(&c->f[0].val);
		buf_puts(&c->f[0].val, reason);
		c->r.form = c->f;
		c->r.nform = 1;
	}
	web_dispatch(&c->r, &c->resp);
	if (reason)
		buf_free(&c->f[0].val);
	c->r.nform = 0;
	return c->resp.status;
}

static const char *body(struct ctx *c)
{
	return buf_str(&c->resp.body);
}

static const char *header(const struct web_resp *r, const char *name)
{
	for (size_t i = 0; i < r->nheaders; i++)
		if (strcmp(r->header_name[i], name) == 0)
			return r->header_value[i];
	return NULL;
}

static int64_t count(struct ctx *c, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(c->t.d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

static void has(struct ctx *c, const char *s)
{
	if (!strstr(body(c), s)) {
		fprintf(stderr, "missing %s in:\n%s\n", s, body(c));
		fail();
	}
}

static void lacks(struct ctx *c, const char *s)
{
	if (strstr(body(c), s)) {
		fprintf(stderr, "unexpected %s in:\n%s\n", s, body(c));
		fail();
	}
}

static void page_shows_state_history_and_buttons(void **state)
{
	(void)state;
	struct ctx c;
	setup(&c);
	assert_int_equal(run(&c, &county, "GET", "/plans/GH1", NULL, NULL), 200);
	has(&c, "id=\"plan-state\" data-state=\"draft\">草稿</strong>");
	has(&c, "<form method=\"post\" class=\"record flow\" id=\"form-submit\" action=\"/plans/GH1/submit\">"
	        "<input type=\"hidden\" name=\"csrf\" value=\"tok-123\"><button type=\"submit\" "
	        "id=\"step-submit\">"
	        "提交</button></form>");
	lacks(&c, "step-acknowledge");
	lacks(&c, "step-approve");
	lacks(&c, "step-return");
	has(&c, "尚无审批记录");

	/* a viewer and another county have no step to take */
	assert_int_equal(run(&c, &viewer, "GET", "/plans/GH1", NULL, NULL), 200);
	has(&c, "id=\"no-steps\"");
	lacks(&c, "id=\"step-"); /* the nav's sign-out button is no step */
	assert_int_equal(run(&c, &other_county, "GET", "/plans/GH1", NULL, NULL), 403);

	/* the county submits: back to the page with a message, and the history */
	assert_int_equal(run(&c, &county, "POST", "/plans/GH1/submit", NULL, NULL), 303);
	assert_string_equal(header(&c.resp, "Location"), "/plans/GH1?done=submit");
	c.p[0] = (struct web_param){"done", "submit"};
	c.r.params = c.p;
	c.r.nparams = 1;
	assert_int_equal(run(&c, &county, "GET", "/plans/GH1", NULL, NULL), 200);
	c.r.nparams = 0;
	has(&c, "id=\"flow-message\">规划已提交</p>");
	has(&c, "data-state=\"submitted\">已提交</strong>");
	has(&c, "<tr data-step=\"submit\"><td>");
	has(&c, "<td>county-wz (county)</td><td>提交</td><td>已提交</td><td></td></tr>");
	has(&c, "id=\"no-steps\"");

	/* the paired supporter sees acknowledge and return (with a reason) */
	assert_int_equal(run(&c, &supporter, "GET", "/plans/GH1", NULL, NULL), 200);
	has(&c, "id=\"step-acknowledge\">认可</button>");
	has(&c, "<textarea id=\"reason\" name=\"reason\" rows=\"3\" required></textarea>");
	has(&c, "id=\"step-return\" class=\"danger\">退回</button>");
	lacks(&c, "step-approve");

	/* English */
	c.r.lang = LANG_EN;
	assert_int_equal(run(&c, &supporter, "GET", "/plans/GH1", NULL, NULL), 200);
	has(&c, "data-state=\"submitted\">submitted</strong>");
	has(&c, "id=\"step-acknowledge\">acknowledge</button>");
	has(&c, "Workflow history");
	c.r.lang = LANG_ZH;

	/* a GET of a step's URL shows the plan */
	assert_int_equal(run(&c, &supporter, "GET", "/plans/GH1/approve", NULL, NULL), 303);
	assert_string_equal(header(&c.resp, "Location"), "/plans/GH1");
	assert_int_equal(run(&c, &supporter, "GET", "/plans/GH404", NULL, NULL), 404);
	teardown(&c);
}

static void posts_refuse_and_change_nothing(void **state)
{
	(void)state;
	struct ctx c;
	setup(&c);
	const char *steps = "SELECT count(*) FROM plan_steps";
	assert_int_equal(run(&c, &other_county, "POST", "/plans/GH1/submit", NULL, NULL), 403);
	has(&c, "id=\"flow-error\">您无权提交规划GH1</p>");
	has(&c, "data-state=\"draft\"");
	assert_int_equal(run(&c, &viewer, "POST", "/plans/GH1/submit", NULL, NULL), 403);
	assert_int_equal(run(&c, &municipal, "POST", "/plans/GH1/approve", NULL, NULL), 409);
	has(&c, "规划GH1当前为“草稿”，不能批准");
	assert_int_equal(count(&c, steps), 0);
	assert_int_equal(count(&c, "SELECT count(*) FROM audit"), 0);

	assert_int_equal(run(&c, &county, "POST", "/plans/GH1/submit", NULL, NULL), 303);
	assert_int_equal(run(&c, &supporter, "POST", "/plans/GH1/return", "  ", NULL), 422);
	has(&c, "退回规划须填写理由");
	assert_int_equal(run(&c, &supporter, "POST", "/plans/GH2/acknowledge", NULL, NULL), 403);
	assert_int_equal(count(&c, steps), 1);

	/* a reason is stored as written and shown escaped */
	assert_int_equal(
	        run(&c, &supporter, "POST", "/plans/GH1/return", "<script>alert(1)</script> & 再议", NULL),
	        303);
	assert_int_equal(run(&c, &county, "GET", "/plans/GH1", NULL, NULL), 200);
	lacks(&c, "<script>alert(1)");
	has(&c, "<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 再议</td>");
	has(&c, "data-state=\"returned\"");
	assert_int_equal(
	        count(&c,
	              "SELECT count(*) FROM plan_steps WHERE reason = '<script>alert(1)</script> & 再议'"),
	        1);

	/* not a form, another kind, an unknown plan */
	c.r.content_type = "application/json";
	c.r.actor = &county;
	c.r.method = "POST";
	c.r.path = "/plans/GH1/submit";
	web_resp_free(&c.resp);
	web_resp_init(&c.resp);
	web_dispatch(&c.r, &c.resp);
	assert_int_equal(c.resp.status, 400);
	assert_int_equal(run(&c, &municipal, "POST", "/funds/GH1/submit", NULL, NULL), 404);
	assert_int_equal(run(&c, &municipal, "POST", "/plans/GH404/submit", NULL, NULL), 404);
	assert_int_equal(count(&c, steps), 2);
	assert_int_equal(count(&c, "SELECT count(*) FROM audit"), 2);
	teardown(&c);
}

static void api_steps(void **state)
{
	(void)state;
	struct ctx c;
	setup(&c);
	assert_int_equal(run(&c, &county, "POST", "/api/v1/plans/GH1/submit", NULL, ""), 200);
	json_error_t je;
	json_t *j = json_loads(body(&c), 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "submitted");
	assert_string_equal(json_string_value(json_object_get(j, "step")), "submit");
	assert_string_equal(json_string_value(json_object_get(j, "id")), "GH1");
	json_decref(j);
	assert_string_equal(c.resp.content_type, "application/json");

	assert_int_equal(run(&c, &county, "POST", "/api/v1/plans/GH1/submit", NULL, "{}"), 409);
	has(&c, "\"field\":null");
	assert_int_equal(
	        run(&c, &other_county, "POST", "/api/v1/plans/GH1/return", NULL, "{\"reason\":\"x\"}"), 403);
	has(&c, "{\"error\":\"您无权退回规划GH1\",\"field\":null}");
	c.r.lang = LANG_EN;
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/return", NULL, "{\"reason\":null}"),
	                 422);
	has(&c, "{\"error\":\"a plan is returned only with a reason\",\"field\":\"reason\"}");
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/return", NULL, "{\"reason\":5}"),
	                 400);
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/return", NULL, "{\"why\":\"x\"}"),
	                 400);
	has(&c, "\"field\":\"why\"");
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/return", NULL, "{\"reason\":"), 400);
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/frob", NULL, "{}"), 404);
	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH404/submit", NULL, "{}"), 404);
	/* without a step it is the record API's: no POST on one record */
	assert_int_equal(run(&c, &municipal, "POST", "/api/v1/plans/GH1", NULL, "{}"), 405);
	assert_int_equal(count(&c, "SELECT count(*) FROM plan_steps"), 1);

	assert_int_equal(run(&c, &supporter, "POST", "/api/v1/plans/GH1/acknowledge", NULL, "{}"), 200);
	has(&c, "\"approved_by\": \"310000\"");
	assert_int_equal(
	        run(&c, &municipal, "POST", "/api/v1/plans/GH1/approve", NULL, "{\"reason\":\"好\"}"), 200);
	has(&c, "\"state\": \"approved\"");
	assert_int_equal(count(&c, "SELECT count(*) FROM audit WHERE action = 'approve' AND via = 'api'"), 1);
	teardown(&c);
}

static void list_shows_and_filters_the_state(void **state)
{
	(void)state;
	struct ctx c;
	setup(&c);
	assert_int_equal(run(&c, &county, "POST", "/plans/GH1/submit", NULL, NULL), 303);
	c.p[0] = (struct web_param){"state", "submitted"};
	c.r.params = c.p;
	c.r.nparams = 1;
	assert_int_equal(run(&c, &viewer, "GET", "/plans", NULL, NULL), 200);
	has(&c, "data-id=\"GH1\"");
	lacks(&c, "data-id=\"GH2\"");
	has(&c, "已提交");
	has(&c, "<a class=\"open\" href=\"/plans/GH1\">查看</a>");
	c.p[0].val = "draft";
	assert_int_equal(run(&c, &viewer, "GET", "/plans", NULL, NULL), 200);
	has(&c, "data-id=\"GH2\"");
	lacks(&c, "data-id=\"GH1\"");
	c.r.nparams = 0;
	teardown(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(page_shows_state_history_and_buttons),
	        cmocka_unit_test(posts_refuse_and_change_nothing),
	        cmocka_unit_test(api_steps),
	        cmocka_unit_test(list_shows_and_filters_the_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
