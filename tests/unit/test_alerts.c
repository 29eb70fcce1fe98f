/* The tracking service (issue 7): the alert rules of model/alerts.c on the
 * day before, on and after the edges (a commitment due on the day is not
 * yet overdue; the day after it is), done and cancelled commitments, stale
 * after N days, no leader / no team, operating and stopped projects left
 * alone, the actor's scope; the validation rules of the new kinds; and the
 * import/export round trip of the four kinds. */
#include "testdb.h"
#include "io/transfer.h"
#include "model/alerts.h"
#include "model/perm.h"
#include "model/record.h"
#include "model/validate.h"

static void import(struct testdb *t, const char *kind, const char *csv)
{
	err e;
	err_init(&e);
	struct import_result res;
	if (import_csv(t->d, kind_find(kind), kind, csv, strlen(csv), false, LANG_EN, &testdb_actor, &res,
	               &e)) {
		err_print(&e, stderr);
		fail_msg("import of %s failed", kind);
	}
	err_free(&e);
}

/* Two counties' projects: P1 (500101, constructing since 2004-03-01, with
 * a leader and a member), P2 (500240, preparing since 2004-02-01, no team),
 * P3 (operating, no team), P4 (stopped, no team), P5 (signed 2005). */
static void world(struct testdb *t)
{
	import(t, "projects",
	       "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,"
	       "status_date\n"
	       "P1,甲,sanxia,economic,500101,310000,2004-01-10,17,constructing,2004-03-01\n"
	       "P2,乙,sanxia,economic,500240,440300,2004-01-10,17,preparing,2004-02-01\n"
	       "P3,丙,sanxia,economic,500101,310000,2003-01-10,17,operating,2003-06-01\n"
	       "P4,丁,sanxia,economic,500101,310000,2003-01-10,17,stopped,2003-06-01\n"
	       "P5,戊,sanxia,economic,500101,310000,2005-01-10,17,negotiating,2005-01-10\n");
	import(t, "people", "code,name,division_code\nA1,甲某,500101\nA2,乙某,500101\n");
	import(t, "project_team", "project_code,person_code,role\nP1,A1,leader\nP1,A2,member\n");
	import(t, "commitments",
	       "code,project_code,what,promised_date,due_date,done_date,status\n"
	       "K1,P1,通电,2004-03-01,2004-06-01,,\n"           /* open */
	       "K2,P1,通路,2004-03-01,2004-05-01,2004-05-20,\n" /* done late, on 05-20 */
	       "K3,P2,通水,2004-03-01,2004-05-01,,cancelled\n"  /* cancelled */
	       "K4,P3,贷款,2003-02-01,2003-03-01,,open\n");     /* open, on an operating project */
}

static struct alert_set run(struct testdb *t, const struct actor *a, const char *day, int stale)
{
	struct alert_query q = {day, stale, NULL};
	struct alert_set s;
	err e;
	err_init(&e);
	if (alerts_compute(t->d, a, &q, &s, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	return s;
}

static bool has(const struct alert_set *s, enum alert_type type, const char *project, const char *commitment)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i].type == type && strcmp(s->items[i].project, project) == 0 &&
		    (!commitment ||
		     (s->items[i].commitment && strcmp(s->items[i].commitment, commitment) == 0)))
			return true;
	return false;
}

static void overdue_from_the_day_after(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	/* K1 is due 2004-06-01: not overdue on the day, overdue the day after */
	struct alert_set s = run(&t, NULL, "2004-06-01", 180);
	assert_false(has(&s, ALERT_OVERDUE, "P1", "K1"));
	alerts_free(&s);
	s = run(&t, NULL, "2004-06-02", 180);
	assert_true(has(&s, ALERT_OVERDUE, "P1", "K1"));
	for (size_t i = 0; i < s.n; i++)
		if (s.items[i].type == ALERT_OVERDUE && strcmp(s.items[i].commitment, "K1") == 0) {
			assert_string_equal(s.items[i].date, "2004-06-01");
			assert_int_equal(s.items[i].days, 1);
		}
	/* K2 was kept on 05-20 (late): overdue from 05-02 to 05-20, not after */
	assert_false(has(&s, ALERT_OVERDUE, "P1", "K2"));
	alerts_free(&s);
	s = run(&t, NULL, "2004-05-10", 180);
	assert_true(has(&s, ALERT_OVERDUE, "P1", "K2"));
	/* cancelled: never */
	assert_false(has(&s, ALERT_OVERDUE, "P2", "K3"));
	/* an open promise of an operating project is still a promise */
	assert_true(has(&s, ALERT_OVERDUE, "P3", "K4"));
	assert_int_equal(s.count[ALERT_OVERDUE], 2);
	alerts_free(&s);
	/* marked done: the alert goes */
	testdb_exec(&t, "UPDATE commitments SET done_date = '2004-06-03', status = 'done' WHERE code = 'K1'");
	s = run(&t, NULL, "2004-06-10", 180);
	assert_false(has(&s, ALERT_OVERDUE, "P1", "K1"));
	alerts_free(&s);
	testdb_close(&t);
}

static void stale_after_n_days(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	/* P1's status last moved on 2004-03-01: 30 days later it is stale at
	 * N = 30, not at N = 31 */
	struct alert_set s = run(&t, NULL, "2004-03-31", 30);
	assert_true(has(&s, ALERT_STALE, "P1", NULL));
	alerts_free(&s);
	s = run(&t, NULL, "2004-03-31", 31);
	assert_false(has(&s, ALERT_STALE, "P1", NULL));
	assert_true(has(&s, ALERT_STALE, "P2", NULL)); /* since 02-01: 59 days */
	/* operating, stopped and not yet signed projects are not followed */
	assert_false(has(&s, ALERT_STALE, "P3", NULL));
	assert_false(has(&s, ALERT_STALE, "P4", NULL));
	assert_false(has(&s, ALERT_STALE, "P5", NULL));
	alerts_free(&s);
	/* a status change moves it: P1 operating from 2004-04-01 is no longer followed */
	import(&t, "projects",
	       "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,"
	       "status_date\n"
	       "P1,甲,sanxia,economic,500101,310000,2004-01-10,17,operating,2004-04-01\n");
	s = run(&t, NULL, "2004-12-31", 30);
	assert_false(has(&s, ALERT_STALE, "P1", NULL));
	alerts_free(&s);
	/* but as of a day before the change it was */
	s = run(&t, NULL, "2004-03-31", 30);
	assert_true(has(&s, ALERT_STALE, "P1", NULL));
	alerts_free(&s);
	testdb_close(&t);
}

static void leader_and_team(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	struct alert_set s = run(&t, NULL, "2004-12-31", 180);
	assert_false(has(&s, ALERT_NO_LEADER, "P1", NULL));
	assert_false(has(&s, ALERT_NO_TEAM, "P1", NULL));
	assert_true(has(&s, ALERT_NO_LEADER, "P2", NULL));
	assert_true(has(&s, ALERT_NO_TEAM, "P2", NULL));
	assert_false(has(&s, ALERT_NO_LEADER, "P3", NULL)); /* operating */
	assert_false(has(&s, ALERT_NO_TEAM, "P4", NULL));   /* stopped */
	assert_false(has(&s, ALERT_NO_TEAM, "P5", NULL));   /* signed later */
	assert_int_equal(s.count[ALERT_NO_LEADER], 1);
	alerts_free(&s);
	/* a team without a leader: no_leader only */
	testdb_exec(&t, "UPDATE project_team SET role = 'member' WHERE person_code = 'A1'");
	s = run(&t, NULL, "2004-12-31", 180);
	assert_true(has(&s, ALERT_NO_LEADER, "P1", NULL));
	assert_false(has(&s, ALERT_NO_TEAM, "P1", NULL));
	alerts_free(&s);
	testdb_close(&t);
}

static void scope_and_bad_input(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	const struct actor county = {"c", ROLE_COUNTY, "500240", "form"};
	struct alert_set s = run(&t, &county, "2004-12-31", 180);
	for (size_t i = 0; i < s.n; i++)
		assert_string_equal(s.items[i].county, "500240");
	assert_true(s.n > 0);
	alerts_free(&s);
	/* none at all: an empty database */
	struct testdb u;
	testdb_open(&u);
	s = run(&u, NULL, "2004-12-31", 180);
	assert_int_equal(s.n, 0);
	json_t *j = alerts_json(&s);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "total")), 0);
	json_decref(j);
	alerts_free(&s);
	testdb_close(&u);
	err e;
	err_init(&e);
	struct alert_query q = {"2004-02-30", 180, NULL};
	assert_int_equal(alerts_compute(t.d, NULL, &q, &s, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	err_free(&e);
	err_init(&e);
	struct alert_query q2 = {"2004-02-01", 0, NULL};
	assert_int_equal(alerts_compute(t.d, NULL, &q2, &s, &e), -1);
	err_free(&e);
	testdb_close(&t);
}

static void commitment_rules(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	err e;
	err_init(&e);
	assert_int_equal(validate_all(t.d, LANG_EN, &e), 0);
	err_free(&e);
	/* each bad row is refused at its row and column, nothing written */
	static const struct {
		const char *kind, *csv, *want;
	} bad[] = {
	        {"commitments",
	         "code,project_code,what,promised_date,due_date\nK9,P1,x,2004-05-01,2004-04-01\n",
	         "x.csv:2:due_date: due_date 2004-04-01 is before promised_date 2004-05-01"},
	        {"commitments",
	         "code,project_code,what,promised_date,due_date,done_date\nK9,P1,x,2004-05-01,2004-06-01,"
	         "2004-04-01\n",
	         "x.csv:2:done_date: done_date 2004-04-01 is before promised_date 2004-05-01"},
	        {"commitments",
	         "code,project_code,what,promised_date,due_date,status\nK9,P1,x,2004-05-01,2004-06-01,done\n",
	         "x.csv:2:done_date: status is done but done_date is not given"},
	        {"commitments",
	         "code,project_code,what,promised_date,due_date,done_date,status\nK9,P1,x,2004-05-01,2004-06-"
	         "01,"
	         "2004-06-01,open\n",
	         "x.csv:2:done_date: status is open but done_date 2004-06-01 is given"},
	        {"commitments",
	         "code,project_code,what,promised_date,due_date,status\nK9,P1,x,2004-05-01,2004-06-01,late\n",
	         "x.csv:2:status:"},
	        {"project_team", "project_code,person_code,role\nP2,NOBODY,member\n",
	         "x.csv:2:person_code: \"NOBODY\" is not a known person"},
	        {"project_team", "project_code,person_code,role\nP1,A2,leader\n",
	         "x.csv:2:role: project P1 has more than one leader"},
	        {"people", "code,name,division_code\nA9,某,999999\n", "x.csv:2:division_code:"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t before = 0, after = 0;
		err_init(&e);
		assert_int_equal(db_int(t.d, &before, &e, "SELECT COUNT(*) FROM audit", ""), 0);
		struct import_result res;
		assert_int_equal(import_csv(t.d, kind_find(bad[i].kind), "x.csv", bad[i].csv,
		                            strlen(bad[i].csv), false, LANG_EN, &testdb_actor, &res, &e),
		                 -1);
		if (!strstr(buf_str(&e.msgs), bad[i].want))
			fail_msg("case %zu: wanted %s in:\n%s", i, bad[i].want, buf_str(&e.msgs));
		err_free(&e);
		err_init(&e);
		assert_int_equal(db_int(t.d, &after, &e, "SELECT COUNT(*) FROM audit", ""), 0);
		assert_int_equal(after, before);
		err_free(&e);
	}
	testdb_close(&t);
}

/* export → import into an empty database → export gives the same text,
 * for the four kinds (and the import into the same database changes
 * nothing) */
static void round_trip(void **state)
{
	(void)state;
	struct testdb t, u;
	testdb_open(&t);
	testdb_open(&u);
	world(&t);
	import(&t, "service_log",
	       "code,project_code,date,who,action,problem,resolution,next_step\n"
	       "S1,P1,2004-04-02,王某,\"走访, 协调\",\"缺电\n缺水\",已解决,回访\n");
	import(&u, "projects",
	       "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,status,"
	       "status_date\n"
	       "P1,甲,sanxia,economic,500101,310000,2004-01-10,17,constructing,2004-03-01\n"
	       "P2,乙,sanxia,economic,500240,440300,2004-01-10,17,preparing,2004-02-01\n"
	       "P3,丙,sanxia,economic,500101,310000,2003-01-10,17,operating,2003-06-01\n");
	static const char *const ks[] = {"people", "project_team", "service_log", "commitments"};
	for (size_t i = 0; i < 4; i++) {
		const struct kind *k = kind_find(ks[i]);
		buf a = BUF_INIT, b = BUF_INIT;
		err e;
		err_init(&e);
		assert_int_equal(export_kind(t.d, k, EXPORT_CSV, &a, &e), 0);
		assert_true(a.len > strlen("code\n"));
		struct import_result res;
		if (import_csv(u.d, k, ks[i], a.s, a.len, false, LANG_EN, &testdb_actor, &res, &e)) {
			err_print(&e, stderr);
			fail();
		}
		assert_int_equal(export_kind(u.d, k, EXPORT_CSV, &b, &e), 0);
		assert_string_equal(buf_str(&a), buf_str(&b));
		assert_int_equal(
		        import_csv(t.d, k, ks[i], a.s, a.len, false, LANG_EN, &testdb_actor, &res, &e), 0);
		assert_int_equal(res.added + res.updated, 0);
		buf_free(&a);
		buf_free(&b);
		err_free(&e);
	}
	testdb_close(&t);
	testdb_close(&u);
}

/* Deleting a project takes its team, log and commitments with it, each
 * with its own delete row in the audit trail. */
static void project_delete_is_audited(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	world(&t);
	import(&t, "service_log", "code,project_code,date,action\nS1,P1,2004-04-02,走访\n");
	struct record_result r;
	record_result_init(&r);
	assert_int_equal(record_delete(t.d, kind_find("projects"), "P1", LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	char *rows = testdb_rows(
	        &t, "SELECT kind || ':' || record FROM audit WHERE action = 'delete' ORDER BY id", ",");
	assert_string_equal(rows, "project_team:P1|A1,project_team:P1|A2,service_log:S1,commitments:K2,"
	                          "commitments:K1,projects:P1");
	free(rows);
	int64_t left = -1;
	err e;
	err_init(&e);
	assert_int_equal(
	        db_int(t.d, &left, &e,
	               "SELECT (SELECT COUNT(*) FROM project_team) + (SELECT COUNT(*) FROM service_log)"
	               " + (SELECT COUNT(*) FROM commitments WHERE project_code = 'P1')",
	               ""),
	        0);
	assert_int_equal(left, 0);
	err_free(&e);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(overdue_from_the_day_after),
	        cmocka_unit_test(stale_after_n_days),
	        cmocka_unit_test(leader_and_team),
	        cmocka_unit_test(scope_and_bad_input),
	        cmocka_unit_test(commitment_rules),
	        cmocka_unit_test(round_trip),
	        cmocka_unit_test(project_delete_is_audited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
