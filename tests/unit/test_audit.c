/* The audit trail: for each of the nine kinds, a record created, changed
 * and deleted through record.c leaves one row each with the user, the way,
 * the record's URL id and the changed column's old and new values; an
 * import writes one row per added or changed record and none for the
 * unchanged, a dry run or a failed import writes none; the trail refuses
 * UPDATE and DELETE; the query's filters; and the web: an API change names
 * its user and "api", /audit and /api/v1/audit answer 403 to a county
 * office and list escaped values to the municipal office. */
#include "testdb.h"
#include "io/transfer.h"
#include "model/audit.h"
#include "model/record.h"
#include "web/router.h"
#include <jansson.h>

#define N(a) (sizeof a / sizeof a[0])

static const struct actor u1 = {"u1", ROLE_ADMIN, "", "form"};

static int64_t count(struct testdb *t, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(t->d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

/* The base every kind's records may refer to: conference C1 and project
 * P1 (constructing since 2004-09-01), written by the tests' own actor. */
static void setup_base(struct testdb *t)
{
	static const struct record_field conference[] = {
	        {"code", "C1"}, {"name", "洽谈会"}, {"date", "2004-06-01"}};
	static const struct record_field project[] = {{"code", "P1"},
	                                              {"name", "万州纺织厂"},
	                                              {"program", "sanxia"},
	                                              {"category", "economic"},
	                                              {"recipient_code", "500101"},
	                                              {"supporter_code", "310000"},
	                                              {"conference", "C1"},
	                                              {"signed_date", "2004-06-01"},
	                                              {"industry_code", "17"},
	                                              {"status", "constructing"},
	                                              {"status_date", "2004-09-01"}};
	struct record_result r;
	record_result_init(&r);
	assert_int_equal(record_create(t->d, kind_find("conferences"), conference, N(conference), LANG_EN,
	                               &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	if (record_create(t->d, kind_find("projects"), project, N(project), LANG_EN, &testdb_actor, &r) !=
	    RECORD_OK)
		fail_msg("project: %s", r.problems[0].message);
	record_result_free(&r);
}

/* A copy of one entry read back. */
struct got {
	int n;
	char user[32], via[16], kind[16], record[64], action[16];
	json_t *old_values, *new_values;
};

static int keep_first(void *ctx, const struct audit_entry *a, err *e)
{
	(void)e;
	struct got *g = ctx;
	if (g->n++)
		return 0;
	snprintf(g->user, sizeof g->user, "%s", a->user);
	snprintf(g->via, sizeof g->via, "%s", a->via);
	snprintf(g->kind, sizeof g->kind, "%s", a->kind);
	snprintf(g->record, sizeof g->record, "%s", a->record);
	snprintf(g->action, sizeof g->action, "%s", a->action);
	g->old_values = a->old_values ? json_incref(a->old_values) : NULL;
	g->new_values = a->new_values ? json_incref(a->new_values) : NULL;
	return 0;
}

/* The newest entry of KIND's record RECORD, and how many it has. */
static void newest(struct testdb *t, const char *kind, const char *record, struct got *g)
{
	memset(g, 0, sizeof *g);
	err e;
	err_init(&e);
	struct audit_filter f = {NULL, kind, record, NULL, NULL, 0, 0};
	assert_true(audit_query(t->d, &f, keep_first, g, &e) >= 0);
	err_free(&e);
}

static void got_free(struct got *g)
{
	json_decref(g->old_values);
	json_decref(g->new_values);
}

/* V (a JSON value) equals the expected WANT: an integer when WANT is all
 * digits and the column holds integers, else a string; NULL: JSON null. */
static void assert_value(const json_t *v, const char *want, bool integer)
{
	assert_non_null(v);
	if (!want)
		assert_true(json_is_null(v));
	else if (integer)
		assert_int_equal(json_integer_value(v), strtoll(want, NULL, 10));
	else
		assert_string_equal(json_string_value(v), want);
}

struct kind_case {
	const char *kind;
	struct record_field create[12];
	const char *column;  /* the column the update changes */
	const char *created; /* its value after create (as stored; NULL: null) */
	const char *text;    /* the value the update gives (cell text) */
	const char *changed; /* its value after the update */
	bool integer;        /* the column holds integers */
	const char *id;      /* the URL id (NULL: a visit's number) */
};

static const struct kind_case cases[] = {
        {"pairings",
         {{"program", "xizang"},
          {"supporter_code", "上海市"},
          {"recipient_code", "500101"},
          {"since_year", "1994"}},
         "until_year",
         NULL,
         "2010",
         "2010",
         true,
         "xizang|310000|500101"},
        {"conferences",
         {{"code", "C2"}, {"name", "会议二"}, {"date", "2004-09-18"}, {"place", "重庆"}},
         "name",
         "会议二",
         "会议三",
         "会议三",
         false,
         "C2"},
        {"projects",
         {{"code", "P2"},
          {"name", "新项目"},
          {"program", "sanxia"},
          {"category", "经贸合作"},
          {"recipient_code", "500101"},
          {"supporter_code", "310000"},
          {"signed_date", "2004-06-01"},
          {"industry_code", "17"},
          {"contract_amount", "8730万"},
          {"status", "negotiating"},
          {"status_date", "2004-06-01"}},
         "contract_amount",
         "87300000",
         "1亿",
         "100000000",
         true,
         "P2"},
        {"status",
         {{"project_code", "P1"}, {"date", "2004-07-01"}, {"status", "negotiating"}},
         "status",
         "negotiating",
         "preparing",
         "preparing",
         false,
         "P1|2004-07-01"},
        {"funds",
         {{"code", "F1"},
          {"project_code", "P1"},
          {"date", "2004-07-01"},
          {"amount", "500万"},
          {"side", "supporter"}},
         "amount",
         "5000000",
         "600万",
         "6000000",
         true,
         "F1"},
        {"labour",
         {{"code", "L1"},
          {"date", "2004-03-15"},
          {"origin_code", "500101"},
          {"mode", "gov_contract"},
          {"headcount", "120"}},
         "headcount",
         "120",
         "150",
         "150",
         true,
         "L1"},
        {"training",
         {{"code", "T1"},
          {"kind", "wealth_leader"},
          {"start_date", "2004-04-01"},
          {"days", "10"},
          {"origin_code", "500101"},
          {"headcount", "30"}},
         "days",
         "10",
         "12",
         "12",
         true,
         "T1"},
        {"plans",
         {{"code", "PL1"},
          {"recipient_code", "500101"},
          {"start_year", "2004"},
          {"end_year", "2007"},
          {"target_projects", "20"}},
         "target_projects",
         "20",
         "25",
         "25",
         true,
         "PL1"},
        {"visits",
         {{"date", "2004-05-10"},
          {"direction", "to_recipient"},
          {"supporter_code", "310000"},
          {"recipient_code", "500101"},
          {"purpose", "考察"}},
         "purpose",
         "考察",
         "改期",
         "改期",
         false,
         NULL},
};

static size_t nfields(const struct kind_case *c)
{
	size_t n = 0;
	while (n < N(c->create) && c->create[n].name)
		n++;
	return n;
}

static void check_entry(const struct got *g, const char *kind, const char *id, const char *action)
{
	assert_true(g->n >= 1);
	assert_string_equal(g->user, "u1");
	assert_string_equal(g->via, "form");
	assert_string_equal(g->kind, kind);
	assert_string_equal(g->record, id);
	assert_string_equal(g->action, action);
}

static void every_kind_create_update_delete(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		const struct kind_case *c = &cases[i];
		const struct kind *k = kind_find(c->kind);
		struct testdb t;
		testdb_open(&t);
		setup_base(&t);
		print_message("%s\n", c->kind);
		struct record_result r;
		record_result_init(&r);
		if (record_create(t.d, k, c->create, nfields(c), LANG_EN, &u1, &r) != RECORD_OK)
			fail_msg("%s: %s", c->kind, r.nproblems ? r.problems[0].message : "?");
		char id[64];
		snprintf(id, sizeof id, "%s", r.id);
		record_result_free(&r);
		if (c->id)
			assert_string_equal(id, c->id);

		struct got g;
		newest(&t, c->kind, id, &g);
		assert_int_equal(g.n, 1);
		check_entry(&g, c->kind, id, "insert");
		assert_null(g.old_values);
		assert_value(json_object_get(g.new_values, c->column), c->created, c->integer);
		got_free(&g);

		const struct record_field upd[] = {{c->column, c->text}};
		if (record_update(t.d, k, id, upd, 1, LANG_EN, &u1, &r) != RECORD_OK)
			fail_msg("%s update: %s", c->kind, r.nproblems ? r.problems[0].message : "?");
		record_result_free(&r);
		newest(&t, c->kind, id, &g);
		assert_int_equal(g.n, 2);
		check_entry(&g, c->kind, id, "update");
		assert_value(json_object_get(g.old_values, c->column), c->created, c->integer);
		assert_value(json_object_get(g.new_values, c->column), c->changed, c->integer);
		got_free(&g);

		/* the same values again change nothing and write nothing */
		assert_int_equal(record_update(t.d, k, id, upd, 1, LANG_EN, &u1, &r), RECORD_OK);
		record_result_free(&r);
		newest(&t, c->kind, id, &g);
		assert_int_equal(g.n, 2);
		got_free(&g);

		if (record_delete(t.d, k, id, LANG_EN, &u1, &r) != RECORD_OK)
			fail_msg("%s delete: %s", c->kind, r.nproblems ? r.problems[0].message : "?");
		record_result_free(&r);
		newest(&t, c->kind, id, &g);
		assert_int_equal(g.n, 3);
		check_entry(&g, c->kind, id, "delete");
		assert_null(g.new_values);
		assert_value(json_object_get(g.old_values, c->column), c->changed, c->integer);
		got_free(&g);
		/* nothing but these three (and the base's two) */
		assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE user_name = 'u1'"), 3);
		assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE user_name = 'test'"), 2);
		testdb_close(&t);
	}
}

static void refused_changes_leave_no_row(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	int64_t before = count(&t, "SELECT count(*) FROM audit");
	struct record_result r;
	record_result_init(&r);
	/* a bad value, a conflict, a referenced record, a missing one */
	const struct record_field bad[] = {{"name", ""}};
	assert_int_equal(record_update(t.d, kind_find("conferences"), "C1", bad, 1, LANG_EN, &u1, &r),
	                 RECORD_INVALID);
	record_result_free(&r);
	const struct record_field again[] = {{"code", "C1"}, {"name", "x"}, {"date", "2004-06-01"}};
	assert_int_equal(record_create(t.d, kind_find("conferences"), again, N(again), LANG_EN, &u1, &r),
	                 RECORD_CONFLICT);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("conferences"), "C1", LANG_EN, &u1, &r),
	                 RECORD_CONFLICT);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("conferences"), "C9", LANG_EN, &u1, &r),
	                 RECORD_MISSING);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), before);
	testdb_close(&t);
}

static void project_delete_records_its_receipts(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	struct record_result r;
	record_result_init(&r);
	const struct record_field fund[] = {
	        {"project_code", "P1"}, {"date", "2004-07-01"}, {"amount", "7"}, {"side", "recipient"}};
	assert_int_equal(record_create(t.d, kind_find("funds"), fund, N(fund), LANG_EN, &u1, &r), RECORD_OK);
	char fid[32];
	snprintf(fid, sizeof fid, "%s", r.id);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("projects"), "P1", LANG_EN, &u1, &r), RECORD_OK);
	record_result_free(&r);
	struct got g;
	newest(&t, "funds", fid, &g);
	assert_int_equal(g.n, 2);
	check_entry(&g, "funds", fid, "delete");
	assert_int_equal(json_integer_value(json_object_get(g.old_values, "amount")), 7);
	got_free(&g);
	newest(&t, "projects", "P1", &g);
	check_entry(&g, "projects", "P1", "delete");
	assert_string_equal(json_string_value(json_object_get(g.old_values, "status")), "constructing");
	got_free(&g);
	testdb_close(&t);
}

static int import_as(struct testdb *t, const char *csv, bool dry_run, const struct actor *who)
{
	err e;
	err_init(&e);
	struct import_result res;
	int rc = import_csv(t->d, kind_find("conferences"), "c.csv", csv, strlen(csv), dry_run, LANG_EN, who,
	                    &res, &e);
	err_free(&e);
	return rc;
}

static void import_writes_one_row_per_change(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	static const struct actor imp = {"u2", ROLE_ADMIN, "", "import"};
	assert_int_equal(import_as(&t, "code,name,date\nC1,一,2004-01-01\nC2,二,2004-01-02\n", false, &imp),
	                 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), 2);
	/* 2 new rows, 1 changed, 1 unchanged */
	const char *csv =
	        "code,name,date\nC1,一,2004-01-01\nC2,二改,2004-01-02\nC3,三,2004-01-03\nC4,四,2004-01-04\n";
	/* a dry run and a failed import write nothing */
	assert_int_equal(import_as(&t, csv, true, &imp), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), 2);
	char bad[256];
	snprintf(bad, sizeof bad, "%sC5,五,2004-02-30\n", csv);
	assert_int_equal(import_as(&t, bad, false, &imp), -1);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), 2);
	assert_int_equal(import_as(&t, csv, false, &imp), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE action = 'insert' AND id > 2"), 2);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE action = 'update'"), 1);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE user_name = 'u2' AND via = 'import'"),
	                 5);
	struct got g;
	newest(&t, "conferences", "C2", &g);
	assert_string_equal(g.action, "update");
	assert_string_equal(json_string_value(json_object_get(g.old_values, "name")), "二");
	assert_string_equal(json_string_value(json_object_get(g.new_values, "name")), "二改");
	/* a column absent from the file keeps its value on both sides */
	assert_non_null(json_object_get(g.new_values, "place"));
	assert_true(
	        json_equal(json_object_get(g.old_values, "place"), json_object_get(g.new_values, "place")));
	assert_string_equal(json_string_value(json_object_get(g.new_values, "program")), "sanxia");
	got_free(&g);
	newest(&t, "conferences", "C1", &g);
	assert_int_equal(g.n, 1);
	got_free(&g);
	testdb_close(&t);
}

static void trail_is_append_only(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	int64_t n = count(&t, "SELECT count(*) FROM audit");
	assert_true(n > 0);
	err e;
	err_init(&e);
	assert_int_equal(db_run(t.d, &e, "UPDATE audit SET user_name = $1", "t", "mallory"), -1);
	assert_non_null(strstr(buf_str(&e.msgs), "append-only"));
	err_clear(&e);
	assert_int_equal(db_run(t.d, &e, "DELETE FROM audit", ""), -1);
	assert_non_null(strstr(buf_str(&e.msgs), "append-only"));
	err_free(&e);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), n);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit WHERE user_name = 'mallory'"), 0);
	testdb_close(&t);
}

static int count_rows(void *ctx, const struct audit_entry *a, err *e)
{
	(void)a;
	(void)e;
	(*(long *)ctx)++;
	return 0;
}

static long query(struct testdb *t, struct audit_filter f)
{
	long n = 0;
	err e;
	err_init(&e);
	long got = audit_query(t->d, &f, count_rows, &n, &e);
	err_free(&e);
	assert_int_equal(got, n);
	return n;
}

static void diff(void *ctx, const char *column, const json_t *o, const json_t *n)
{
	buf *b = ctx;
	buf_printf(b, "%s:", column);
	audit_value_text(b, o);
	buf_puts(b, ">");
	audit_value_text(b, n);
	buf_puts(b, ";");
}

static void query_filters_and_changes(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	struct record_result r;
	record_result_init(&r);
	const struct record_field upd[] = {{"place", "万州"}};
	assert_int_equal(record_update(t.d, kind_find("conferences"), "C1", upd, 1, LANG_EN, &u1, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(query(&t, (struct audit_filter){0}), 3);
	assert_int_equal(query(&t, (struct audit_filter){.user = "u1"}), 1);
	assert_int_equal(query(&t, (struct audit_filter){.user = "u"}), 0);
	assert_int_equal(query(&t, (struct audit_filter){.kind = "会议"}), 2);
	assert_int_equal(query(&t, (struct audit_filter){.kind = "conferences", .record = "C1"}), 2);
	assert_int_equal(query(&t, (struct audit_filter){.since = "2000-01-01"}), 3);
	assert_int_equal(query(&t, (struct audit_filter){.until = "2000-01-01"}), 0);
	assert_int_equal(query(&t, (struct audit_filter){.since = "2999-01-01"}), 0);
	assert_int_equal(query(&t, (struct audit_filter){.limit = 2}), 2);
	assert_int_equal(query(&t, (struct audit_filter){.limit = 2, .offset = 2}), 1);
	int64_t n;
	err e;
	err_init(&e);
	assert_int_equal(audit_count(t.d, &(struct audit_filter){.kind = "projects"}, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(audit_filter_check(&(struct audit_filter){.since = "2004-02-30"}, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_non_null(strstr(buf_str(&e.msgs), "since:"));
	err_clear(&e);
	assert_int_equal(audit_filter_check(&(struct audit_filter){.until = "yesterday", .kind = "x"}, &e),
	                 -1);
	assert_non_null(strstr(buf_str(&e.msgs), "until:"));
	assert_non_null(strstr(buf_str(&e.msgs), "kind:"));
	err_free(&e);

	/* the newest first: the update, whose only change is the place */
	struct got g;
	newest(&t, "conferences", "C1", &g);
	struct audit_entry a = {0, "", g.user, g.via, g.kind, g.record, g.action, g.old_values, g.new_values};
	buf b = BUF_INIT;
	assert_int_equal(audit_changes(&a, diff, &b), 1);
	assert_string_equal(buf_str(&b), "place:>万州;");
	json_t *j = audit_entry_json(&a);
	assert_string_equal(json_string_value(json_object_get(j, "user")), "u1");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "new"), "place")), "万州");
	json_decref(j);
	buf_free(&b);
	got_free(&g);
	testdb_close(&t);
}

/* The web, in-process through the router. */
static void run(struct web_req *r, struct web_resp *resp, const char *method, const char *path)
{
	r->method = method;
	r->path = path;
	web_resp_init(resp);
	web_dispatch(r, resp);
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
	r->form = NULL;
}

static void web_form_and_upload_name_their_way(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	static const struct actor bob = {"bob", ROLE_MUNICIPAL, "", "api"};
	struct web_req req = {0};
	struct web_resp resp;
	struct web_form_field f[8];
	req.db = t.d;
	req.actor = &bob;
	form(&req, f,
	     (const char *const[]){"code", "C1", "name", "改名", "date", "2004-06-01", "place", "", "program",
	                           "sanxia", NULL});
	run(&req, &resp, "POST", "/conferences/C1/edit");
	assert_int_equal(resp.status, 303);
	web_resp_free(&resp);
	form_free(&req);
	struct got g;
	newest(&t, "conferences", "C1", &g);
	assert_string_equal(g.user, "bob");
	assert_string_equal(g.via, "form");
	assert_string_equal(g.action, "update");
	assert_string_equal(json_string_value(json_object_get(g.new_values, "name")), "改名");
	got_free(&g);

	/* an upload: the preview writes nothing, the confirmed one its rows */
	const char *csv = "code,name,date\nC7,七,2004-07-07\n";
	int64_t before = count(&t, "SELECT count(*) FROM audit");
	form(&req, f, (const char *const[]){"kind", "conferences", "csv", csv, "name", "c.csv", NULL});
	run(&req, &resp, "POST", "/upload");
	assert_int_equal(resp.status, 200);
	web_resp_free(&resp);
	form_free(&req);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), before);
	form(&req, f,
	     (const char *const[]){"kind", "conferences", "csv", csv, "name", "c.csv", "confirm", "1", NULL});
	run(&req, &resp, "POST", "/upload");
	assert_int_equal(resp.status, 200);
	web_resp_free(&resp);
	form_free(&req);
	newest(&t, "conferences", "C7", &g);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.user, "bob");
	assert_string_equal(g.via, "upload");
	assert_string_equal(g.action, "insert");
	got_free(&g);
	testdb_close(&t);
}

static void web_api_change_and_audit_page(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_base(&t);
	static const struct actor alice = {"alice", ROLE_ADMIN, "", "form"};
	static const struct actor county = {"wanzhou", ROLE_COUNTY, "500101", "form"};
	static const struct actor city = {"city", ROLE_MUNICIPAL, "", "form"};
	struct web_req req = {0};
	struct web_resp resp;
	req.db = t.d;
	req.actor = &alice;
	const char *body = "{\"name\": \"<script>x</script>\"}";
	req.body = body;
	req.body_len = strlen(body);
	req.content_type = "application/json";
	run(&req, &resp, "PUT", "/api/v1/conferences/C1");
	assert_int_equal(resp.status, 200);
	web_resp_free(&resp);
	req.body = "";
	req.body_len = 0;
	struct got g;
	newest(&t, "conferences", "C1", &g);
	assert_string_equal(g.user, "alice");
	assert_string_equal(g.via, "api");
	assert_string_equal(g.action, "update");
	assert_string_equal(json_string_value(json_object_get(g.old_values, "name")), "洽谈会");
	assert_string_equal(json_string_value(json_object_get(g.new_values, "name")), "<script>x</script>");
	got_free(&g);
	int64_t rows = count(&t, "SELECT count(*) FROM audit");

	/* a county office: refused, page and API, and no nav item or link */
	req.actor = &county;
	run(&req, &resp, "GET", "/audit");
	assert_int_equal(resp.status, 403);
	assert_null(strstr(resp.body.s, "&lt;script&gt;"));
	web_resp_free(&resp);
	run(&req, &resp, "GET", "/api/v1/audit");
	assert_int_equal(resp.status, 403);
	assert_string_equal(resp.content_type, "application/json");
	web_resp_free(&resp);
	run(&req, &resp, "GET", "/conferences/C1");
	assert_int_equal(resp.status, 200);
	assert_null(strstr(resp.body.s, "href=\"/audit"));
	web_resp_free(&resp);

	/* the municipal office: the entries, escaped, and the links */
	req.actor = &city;
	run(&req, &resp, "GET", "/audit");
	assert_int_equal(resp.status, 200);
	assert_null(strstr(resp.body.s, "<script>x"));
	assert_non_null(strstr(resp.body.s, "&lt;script&gt;x&lt;/script&gt;"));
	assert_non_null(strstr(resp.body.s, ">alice<"));
	/* the changed column by its label (Chinese by default), its name in the title */
	assert_non_null(strstr(resp.body.s, "title=\"name\">会议名称</span>"));
	assert_non_null(strstr(resp.body.s, "href=\"/audit\""));
	web_resp_free(&resp);
	run(&req, &resp, "GET", "/conferences/C1/edit");
	assert_non_null(strstr(resp.body.s, "href=\"/audit?kind=conferences&amp;record=C1\""));
	web_resp_free(&resp);
	run(&req, &resp, "GET", "/projects/P1");
	assert_non_null(strstr(resp.body.s, "href=\"/audit?kind=projects&amp;record=P1\""));
	web_resp_free(&resp);

	struct web_param ps[] = {{"user", "alice"}, {"kind", "conferences"}};
	req.params = ps;
	req.nparams = 2;
	run(&req, &resp, "GET", "/api/v1/audit");
	assert_int_equal(resp.status, 200);
	json_error_t je;
	json_t *j = json_loads(resp.body.s, 0, &je);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 1);
	json_t *first = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(first, "via")), "api");
	assert_string_equal(json_string_value(json_object_get(json_object_get(first, "new"), "name")),
	                    "<script>x</script>");
	json_decref(j);
	web_resp_free(&resp);
	/* a bad date is a bad request naming it */
	struct web_param bad[] = {{"since", "2004-13-01"}};
	req.params = bad;
	req.nparams = 1;
	run(&req, &resp, "GET", "/api/v1/audit");
	assert_int_equal(resp.status, 400);
	assert_non_null(strstr(resp.body.s, "\"field\": \"since\"") ? resp.body.s
	                                                            : strstr(resp.body.s, "since"));
	web_resp_free(&resp);
	req.params = NULL;
	req.nparams = 0;
	/* no route edits or deletes the trail */
	run(&req, &resp, "DELETE", "/api/v1/audit");
	assert_true(resp.status == 405 || resp.status == 400);
	web_resp_free(&resp);
	run(&req, &resp, "POST", "/audit");
	assert_int_equal(resp.status, 405);
	web_resp_free(&resp);
	assert_int_equal(count(&t, "SELECT count(*) FROM audit"), rows);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(every_kind_create_update_delete),
	        cmocka_unit_test(refused_changes_leave_no_row),
	        cmocka_unit_test(project_delete_records_its_receipts),
	        cmocka_unit_test(import_writes_one_row_per_change),
	        cmocka_unit_test(trail_is_append_only),
	        cmocka_unit_test(query_filters_and_changes),
	        cmocka_unit_test(web_form_and_upload_name_their_way),
	        cmocka_unit_test(web_api_change_and_audit_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
