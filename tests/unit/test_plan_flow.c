/* The plan workflow: every allowed step with its plan_steps and audit rows;
 * every refusal (role, county, unpaired supporter, state, reason) changes
 * nothing; the rule that keeps state and approval out of edits and
 * imports; an imported plan's default state. */
#include "testdb.h"
#include "io/transfer.h"
#include "model/plan_flow.h"
#include "model/record.h"

#define N(a) (sizeof a / sizeof a[0])

static const struct actor county = {"county-wz", ROLE_COUNTY, "500101", "form"};
static const struct actor other_county = {"county-fl", ROLE_COUNTY, "500102", "form"};
static const struct actor supporter = {"sh", ROLE_SUPPORTER, "310000", "form"};
static const struct actor unpaired = {"bj", ROLE_SUPPORTER, "110000", "form"};
static const struct actor municipal = {"cq", ROLE_MUNICIPAL, "", "api"};
static const struct actor viewer = {"look", ROLE_VIEWER, "", "form"};

static int64_t count(struct testdb *t, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(t->d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

/* The text of SQL's first row's first column, or "NULL". */
static char *text(struct testdb *t, const char *sql)
{
	err e;
	err_init(&e);
	db_stmt *st;
	assert_int_equal(db_prepare(t->d, &st, &e, sql, ""), 0);
	char *s = db_step(st, &e) == DB_ROW && !db_col_null(st, 0) ? xstrdup(db_col_text(st, 0))
	                                                           : xstrdup("NULL");
	db_finalize(st);
	err_free(&e);
	return s;
}

static void assert_text(struct testdb *t, const char *sql, const char *want)
{
	char *s = text(t, sql);
	assert_string_equal(s, want);
	free(s);
}

/* The rows of SQL's first column, joined by spaces. */
static void assert_rows(struct testdb *t, const char *sql, const char *want)
{
	char *s = testdb_rows(t, sql, " ");
	assert_string_equal(s, want);
	free(s);
}

/* The member KEY of the JSON object in SQL's first row. */
static void assert_json(struct testdb *t, const char *sql, const char *key, const char *want)
{
	char *s = testdb_json(t, sql, key);
	assert_string_equal(s, want);
	free(s);
}

/* A plan GH1 of 万州 (500101), paired with 上海 (310000), not with 北京. */
static void setup(struct testdb *t)
{
	testdb_open(t);
	testdb_exec(t, "DELETE FROM pairings WHERE recipient_code = '500101' AND supporter_code = '110000';"
	               "INSERT INTO pairings (program, supporter_code, recipient_code, since_year)"
	               " VALUES ('sanxia', '310000', '500101', 1992) ON CONFLICT DO NOTHING;"
	               "INSERT INTO plans (code, recipient_code, start_year, end_year, target_projects)"
	               " VALUES ('GH1', '500101', 2004, 2007, 40);");
}

static enum plan_outcome step(struct testdb *t, enum plan_step s, const char *reason, const struct actor *who,
                              enum lang lang, char **message)
{
	struct plan_step_result r;
	enum plan_outcome o = plan_flow_step(t->d, "GH1", s, reason, "2005-03-01", lang, who, &r);
	assert_int_equal(o, r.outcome);
	if (o == PLAN_OK)
		assert_null(r.message);
	else
		assert_non_null(r.message);
	if (message)
		*message = r.message ? xstrdup(r.message) : NULL;
	if (o != PLAN_MISSING && o != PLAN_ERROR)
		assert_non_null(r.state);
	plan_step_result_free(&r);
	return o;
}

static void ok(struct testdb *t, enum plan_step s, const char *reason, const struct actor *who,
               const char *state)
{
	assert_int_equal(step(t, s, reason, who, LANG_EN, NULL), PLAN_OK);
	assert_text(t, "SELECT state FROM plans WHERE code = 'GH1'", state);
}

/* The plan's row, its steps and the audit trail, as one string: a refused
 * step must leave it as it was. */
static char *snapshot(struct testdb *t)
{
	char *plan = text(t, "SELECT state || '|' || COALESCE(approved_by, '') || '|' ||"
	                     " COALESCE(approved_date, '') || '|' || target_projects FROM plans");
	int64_t steps = count(t, "SELECT count(*) FROM plan_steps"),
	        audit = count(t, "SELECT count(*) FROM audit");
	buf b = BUF_INIT;
	buf_printf(&b, "%s #%lld #%lld", plan, (long long)steps, (long long)audit);
	free(plan);
	return buf_detach(&b);
}

static void refused(struct testdb *t, enum plan_step s, const char *reason, const struct actor *who,
                    enum plan_outcome want)
{
	char *before = snapshot(t);
	assert_int_equal(step(t, s, reason, who, LANG_EN, NULL), want);
	char *after = snapshot(t);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void the_whole_way(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	assert_text(&t, "SELECT state FROM plans", "draft");
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	ok(&t, PLAN_ACKNOWLEDGE, NULL, &supporter, "acknowledged");
	assert_text(&t, "SELECT approved_by || ' ' || approved_date FROM plans", "310000 2005-03-01");
	ok(&t, PLAN_RETURN, "  资金目标过高  ", &municipal, "returned");
	assert_int_equal(
	        count(&t, "SELECT count(*) FROM plans WHERE approved_by IS NULL AND approved_date IS NULL"),
	        1);
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	ok(&t, PLAN_ACKNOWLEDGE, NULL, &supporter, "acknowledged");
	ok(&t, PLAN_APPROVE, NULL, &municipal, "approved");
	assert_text(&t, "SELECT approved_by FROM plans", "310000");

	/* each step is dated and signed */
	assert_int_equal(
	        count(&t, "SELECT count(*) FROM plan_steps WHERE plan_code = 'GH1' AND date = '2005-03-01'"
	                  " AND at LIKE '____-__-__T__:__:__Z'"),
	        6);
	assert_rows(
	        &t,
	        "SELECT step || ':' || from_state || '>' || to_state || ':' || user_name || ':' || role"
	        " FROM plan_steps ORDER BY id",
	        "submit:draft>submitted:county-wz:county acknowledge:submitted>acknowledged:sh:supporter "
	        "return:acknowledged>returned:cq:municipal submit:returned>submitted:county-wz:county "
	        "acknowledge:submitted>acknowledged:sh:supporter approve:acknowledged>approved:cq:municipal");
	assert_text(&t, "SELECT reason FROM plan_steps WHERE step = 'return'", "资金目标过高");
	assert_int_equal(count(&t, "SELECT count(*) FROM plan_steps WHERE step <> 'return' AND reason = ''"),
	                 5);

	/* and in the audit trail with the values before and after */
	assert_rows(&t, "SELECT action FROM audit ORDER BY id",
	            "submit acknowledge return submit acknowledge approve");
	assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE kind = 'plans' AND record = 'GH1'"), 6);
	assert_text(&t, "SELECT user_name || ' ' || via FROM audit WHERE action = 'approve'", "cq api");
	assert_json(&t, "SELECT old_values FROM audit WHERE action = 'return'", "state", "acknowledged");
	assert_json(&t, "SELECT new_values FROM audit WHERE action = 'return'", "state", "returned");
	assert_json(&t, "SELECT old_values FROM audit WHERE action = 'return'", "approved_by", "310000");
	assert_json(&t, "SELECT new_values FROM audit WHERE action = 'return'", "approved_by", "null");
	assert_json(&t, "SELECT new_values FROM audit WHERE id = 1", "target_projects", "40");
	testdb_close(&t);
}

static void the_office_acknowledges_naming_none(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	ok(&t, PLAN_SUBMIT, NULL, &municipal, "submitted");
	ok(&t, PLAN_ACKNOWLEDGE, NULL, &municipal, "acknowledged");
	assert_text(&t, "SELECT COALESCE(approved_by, 'none') FROM plans", "none");
	/* the supporter may return what waits for its acknowledgement */
	ok(&t, PLAN_RETURN, "x", &testdb_actor, "returned");
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	ok(&t, PLAN_RETURN, "请补充劳务目标", &supporter, "returned");
	assert_text(&t, "SELECT user_name FROM plan_steps ORDER BY id DESC LIMIT 1", "sh");
	testdb_close(&t);
}

static void refusals_change_nothing(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	/* draft: only the plan's county or an office submits */
	refused(&t, PLAN_SUBMIT, NULL, &viewer, PLAN_FORBIDDEN);
	refused(&t, PLAN_SUBMIT, NULL, &other_county, PLAN_FORBIDDEN);
	refused(&t, PLAN_SUBMIT, NULL, &supporter, PLAN_FORBIDDEN);
	refused(&t, PLAN_APPROVE, NULL, &municipal, PLAN_CONFLICT);
	refused(&t, PLAN_ACKNOWLEDGE, NULL, &supporter, PLAN_CONFLICT);
	refused(&t, PLAN_RETURN, "why", &municipal, PLAN_CONFLICT);
	refused(&t, PLAN_RETURN, "why", &county, PLAN_FORBIDDEN);
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");

	/* submitted: the paired supporter acknowledges or returns */
	refused(&t, PLAN_SUBMIT, NULL, &county, PLAN_CONFLICT);
	refused(&t, PLAN_ACKNOWLEDGE, NULL, &unpaired, PLAN_FORBIDDEN);
	refused(&t, PLAN_ACKNOWLEDGE, NULL, &county, PLAN_FORBIDDEN);
	refused(&t, PLAN_ACKNOWLEDGE, NULL, &viewer, PLAN_FORBIDDEN);
	refused(&t, PLAN_RETURN, "why", &county, PLAN_FORBIDDEN);
	refused(&t, PLAN_RETURN, "why", &unpaired, PLAN_FORBIDDEN);
	refused(&t, PLAN_RETURN, NULL, &supporter, PLAN_INVALID);
	refused(&t, PLAN_RETURN, " \n\t", &supporter, PLAN_INVALID);
	refused(&t, PLAN_RETURN, "", &municipal, PLAN_INVALID);
	refused(&t, PLAN_APPROVE, NULL, &supporter, PLAN_FORBIDDEN);
	refused(&t, PLAN_APPROVE, NULL, &municipal, PLAN_CONFLICT);
	ok(&t, PLAN_ACKNOWLEDGE, NULL, &supporter, "acknowledged");

	/* acknowledged: the municipal office approves or returns */
	refused(&t, PLAN_RETURN, "why", &supporter, PLAN_FORBIDDEN);
	refused(&t, PLAN_APPROVE, NULL, &supporter, PLAN_FORBIDDEN);
	refused(&t, PLAN_APPROVE, NULL, &county, PLAN_FORBIDDEN);
	refused(&t, PLAN_ACKNOWLEDGE, NULL, &municipal, PLAN_CONFLICT);
	refused(&t, PLAN_SUBMIT, NULL, &county, PLAN_CONFLICT);
	ok(&t, PLAN_APPROVE, NULL, &municipal, "approved");

	/* approved: nothing more */
	refused(&t, PLAN_RETURN, "why", &municipal, PLAN_CONFLICT);
	refused(&t, PLAN_APPROVE, NULL, &municipal, PLAN_CONFLICT);
	refused(&t, PLAN_SUBMIT, NULL, &county, PLAN_CONFLICT);

	struct plan_step_result r;
	assert_int_equal(plan_flow_step(t.d, "GH404", PLAN_SUBMIT, NULL, NULL, LANG_EN, &municipal, &r),
	                 PLAN_MISSING);
	assert_string_equal(r.message, "no plans record GH404");
	assert_null(r.state);
	plan_step_result_free(&r);
	testdb_close(&t);
}

static void messages_in_both_languages(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	char *m;
	assert_int_equal(step(&t, PLAN_SUBMIT, NULL, &other_county, LANG_ZH, &m), PLAN_FORBIDDEN);
	assert_string_equal(m, "您无权提交规划GH1");
	free(m);
	assert_int_equal(step(&t, PLAN_SUBMIT, NULL, &other_county, LANG_EN, &m), PLAN_FORBIDDEN);
	assert_string_equal(m, "you may not submit plan GH1");
	free(m);
	assert_int_equal(step(&t, PLAN_APPROVE, NULL, &municipal, LANG_ZH, &m), PLAN_CONFLICT);
	assert_string_equal(m, "规划GH1当前为“草稿”，不能批准");
	free(m);
	assert_int_equal(step(&t, PLAN_APPROVE, NULL, &municipal, LANG_EN, &m), PLAN_CONFLICT);
	assert_string_equal(m, "plan GH1 is draft; it cannot be approved now");
	free(m);
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	assert_int_equal(step(&t, PLAN_RETURN, "", &supporter, LANG_ZH, &m), PLAN_INVALID);
	assert_string_equal(m, "退回规划须填写理由");
	free(m);
	testdb_close(&t);
}

static void buttons_follow_role_and_state(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	err e;
	err_init(&e);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_SUBMIT, &county, &e), 1);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_SUBMIT, &other_county, &e), 0);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_ACKNOWLEDGE, &supporter, &e), 0);
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_SUBMIT, &county, &e), 0);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_ACKNOWLEDGE, &supporter, &e), 1);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_RETURN, &supporter, &e), 1);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_ACKNOWLEDGE, &unpaired, &e), 0);
	assert_int_equal(plan_flow_may(t.d, "GH1", PLAN_APPROVE, &municipal, &e), 0);
	assert_int_equal(plan_flow_may(t.d, "GH404", PLAN_APPROVE, &municipal, &e), 0);
	assert_false(err_any(&e));
	err_free(&e);
	enum plan_step s;
	assert_true(plan_step_parse("return", &s));
	assert_int_equal(s, PLAN_RETURN);
	assert_false(plan_step_parse("delete", &s));
	assert_false(plan_step_parse(NULL, &s));
	testdb_close(&t);
}

static enum record_outcome edit(struct testdb *t, const struct actor *who, const char *col, const char *v,
                                struct record_result *r)
{
	const struct record_field f[] = {{col, v}};
	record_result_free(r);
	return record_update(t->d, kind_find("plans"), "GH1", f, 1, LANG_EN, who, r);
}

static void edits_keep_to_the_workflow(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	struct record_result r;
	record_result_init(&r);
	/* a draft's targets are the county's to change, not its state or approval */
	assert_int_equal(edit(&t, &county, "target_projects", "45", &r), RECORD_OK);
	assert_int_equal(edit(&t, &county, "state", "approved", &r), RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "state");
	assert_string_equal(r.problems[0].message,
	                    "only the municipal office may change a plan's state; the workflow steps do");
	const struct record_field approve[] = {{"approved_by", "310000"}, {"approved_date", "2005-01-01"}};
	record_result_free(&r);
	assert_int_equal(record_update(t.d, kind_find("plans"), "GH1", approve, 2, LANG_ZH, &county, &r),
	                 RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "approved_by");
	assert_string_equal(r.problems[0].message,
	                    "只有市级部门可以直接修改规划的认可方；请通过审批流程办理");
	assert_text(&t, "SELECT state || target_projects || COALESCE(approved_by, '-') FROM plans",
	            "draft45-");

	/* once submitted, the county waits */
	ok(&t, PLAN_SUBMIT, NULL, &county, "submitted");
	assert_int_equal(edit(&t, &county, "target_projects", "50", &r), RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "state");
	assert_string_equal(r.problems[0].message,
	                    "the plan is submitted; it can be changed only while a draft or returned");
	/* saving the same values is no change */
	assert_int_equal(edit(&t, &county, "target_projects", "45", &r), RECORD_OK);
	/* the offices and the command line may set anything */
	assert_int_equal(edit(&t, &municipal, "target_projects", "50", &r), RECORD_OK);
	assert_int_equal(edit(&t, &testdb_actor, "state", "returned", &r), RECORD_OK);
	assert_int_equal(edit(&t, &county, "target_projects", "55", &r), RECORD_OK);
	assert_text(&t, "SELECT state || target_projects FROM plans", "returned55");
	record_result_free(&r);

	/* a county creates drafts only */
	const struct record_field fresh[] = {{"code", "GH2"},
	                                     {"recipient_code", "500101"},
	                                     {"start_year", "2004"},
	                                     {"end_year", "2007"},
	                                     {"state", "approved"}};
	assert_int_equal(record_create(t.d, kind_find("plans"), fresh, N(fresh), LANG_EN, &county, &r),
	                 RECORD_INVALID);
	record_result_free(&r);
	assert_int_equal(record_create(t.d, kind_find("plans"), fresh, 4, LANG_EN, &county, &r), RECORD_OK);
	assert_text(&t, "SELECT state FROM plans WHERE code = 'GH2'", "draft");
	record_result_free(&r);
	testdb_close(&t);
}

static int import(struct testdb *t, const char *csv, const struct actor *who, err *e)
{
	struct import_result res;
	return import_csv(t->d, kind_find("plans"), "plans.csv", csv, strlen(csv), false, LANG_EN, who, &res,
	                  e);
}

static void import_states(void **state)
{
	(void)state;
	struct testdb t;
	setup(&t);
	err e;
	err_init(&e);
	/* empty state: acknowledged when an approver is given, else draft */
	assert_int_equal(import(&t,
	                        "code,recipient_code,start_year,end_year,approved_by,approved_date,state\n"
	                        "GH2,500101,2004,2007,310000,2004-07-01,\n"
	                        "GH3,500101,2004,2007,,,\n"
	                        "GH4,500101,2004,2007,,,returned\n",
	                        &testdb_actor, &e),
	                 0);
	assert_int_equal(import(&t,
	                        "code,recipient_code,start_year,end_year,approved_by,approved_date\n"
	                        "GH5,500101,2004,2007,310000,2004-07-01\n",
	                        &testdb_actor, &e),
	                 0);
	assert_rows(&t, "SELECT code || '=' || state FROM plans ORDER BY code",
	            "GH1=draft GH2=acknowledged GH3=draft GH4=returned GH5=acknowledged");
	/* a file without the column keeps the stored state */
	assert_int_equal(import(&t, "code,recipient_code,start_year,end_year\nGH4,500101,2004,2006\n",
	                        &testdb_actor, &e),
	                 0);
	assert_text(&t, "SELECT state || end_year FROM plans WHERE code = 'GH4'", "returned2006");
	assert_false(err_any(&e));

	/* a county's import may not approve, nor touch a plan past draft */
	assert_int_equal(import(&t,
	                        "code,recipient_code,start_year,end_year,state\n"
	                        "GH3,500101,2004,2007,draft\n"
	                        "GH6,500101,2004,2007,acknowledged\n"
	                        "GH2,500101,2004,2008,acknowledged\n",
	                        &county, &e),
	                 -1);
	assert_string_equal(buf_str(&e.msgs),
	                    "plans.csv:3:state: only the municipal office may change a plan's "
	                    "state; the workflow steps do\n");
	assert_int_equal(e.status, EXIT_INVALID);
	err_clear(&e);
	assert_int_equal(
	        import(&t, "code,recipient_code,start_year,end_year\nGH2,500101,2004,2008\n", &county, &e),
	        -1);
	assert_string_equal(buf_str(&e.msgs),
	                    "plans.csv:2:state: the plan is acknowledged; it can be changed only "
	                    "while a draft or returned\n");
	err_clear(&e);
	assert_int_equal(count(&t, "SELECT count(*) FROM plans"), 5);
	assert_int_equal(count(&t, "SELECT end_year FROM plans WHERE code = 'GH2'"), 2007);

	/* export writes the state; importing the export changes nothing */
	buf out = BUF_INIT;
	assert_int_equal(export_kind(t.d, kind_find("plans"), EXPORT_CSV, &out, &e), 0);
	assert_non_null(strstr(buf_str(&out), ",program,state\n"));
	assert_non_null(strstr(buf_str(&out), "GH4,500101,2004,2006,,,,,,,,sanxia,returned\n"));
	struct import_result res;
	assert_int_equal(import_csv(t.d, kind_find("plans"), "x.csv", out.s, out.len, false, LANG_EN,
	                            &testdb_actor, &res, &e),
	                 0);
	assert_int_equal(res.unchanged, 5);
	buf_free(&out);
	err_free(&e);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(the_whole_way),
	        cmocka_unit_test(the_office_acknowledges_naming_none),
	        cmocka_unit_test(refusals_change_nothing),
	        cmocka_unit_test(messages_in_both_languages),
	        cmocka_unit_test(buttons_follow_role_and_state),
	        cmocka_unit_test(edits_keep_to_the_workflow),
	        cmocka_unit_test(import_states),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
