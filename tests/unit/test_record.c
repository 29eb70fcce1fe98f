/* record_create/update/delete: one record through the importer's checks,
 * all or nothing, problems with their column, conflicts and missing ids,
 * URL ids of every key shape, and the cascade of a project's children. */
#include "testdb.h"
#include "model/record.h"

#define N(a) (sizeof a / sizeof a[0])

static int64_t count(struct testdb *t, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(t->d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

static const struct record_field conference[] = {
        {"code", "C1"}, {"name", "洽谈会"}, {"date", "2004-06-01"}, {"place", "重庆"}};

static const struct record_field project[] = {{"code", "P1"},
                                              {"name", "万州纺织厂"},
                                              {"program", "sanxia"},
                                              {"category", "经贸合作"},
                                              {"recipient_code", "万州区"},
                                              {"supporter_code", "310000"},
                                              {"conference", "C1"},
                                              {"signed_date", "2004-06-01"},
                                              {"industry_code", "17"},
                                              {"contract_amount", "8730万"},
                                              {"status", "negotiating"},
                                              {"status_date", "2004-06-01"},
                                              {"leader", "张三"}};

static void setup_project(struct testdb *t)
{
	struct record_result r;
	record_result_init(&r);
	assert_int_equal(record_create(t->d, kind_find("conferences"), conference, N(conference), LANG_EN,
	                               &testdb_actor, &r),
	                 RECORD_OK);
	assert_string_equal(r.id, "C1");
	record_result_free(&r);
	assert_int_equal(
	        record_create(t->d, kind_find("projects"), project, N(project), LANG_EN, &testdb_actor, &r),
	        RECORD_OK);
	assert_string_equal(r.id, "P1");
	record_result_free(&r);
}

static void create_checks_like_import(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_project(&t);
	assert_int_equal(count(&t, "SELECT contract_amount FROM projects WHERE code = 'P1'"), 87300000);
	assert_int_equal(count(&t, "SELECT count(*) FROM projects WHERE recipient_code = '500101'"), 1);
	assert_int_equal(count(&t, "SELECT count(*) FROM status_history WHERE project_code = 'P1'"), 1);

	/* the same key again: a conflict on the key column, nothing changed */
	struct record_result r;
	record_result_init(&r);
	struct record_field again[N(project)];
	memcpy(again, project, sizeof project);
	again[1].value = "另一个名字";
	assert_int_equal(
	        record_create(t.d, kind_find("projects"), again, N(again), LANG_EN, &testdb_actor, &r),
	        RECORD_CONFLICT);
	assert_int_equal(r.nproblems, 1);
	assert_string_equal(r.problems[0].field, "code");
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM projects WHERE name = '另一个名字'"), 0);

	/* two bad cells: both reported with their columns, nothing saved */
	struct record_field bad[N(project)];
	memcpy(bad, project, sizeof project);
	bad[0].value = "P2";
	bad[9].value = "很多钱";
	bad[7].value = "2004-13-01";
	assert_int_equal(record_create(t.d, kind_find("projects"), bad, N(bad), LANG_EN, &testdb_actor, &r),
	                 RECORD_INVALID);
	assert_int_equal(r.nproblems, 2);
	int seen = 0;
	for (size_t i = 0; i < r.nproblems; i++) {
		assert_non_null(r.problems[i].field);
		assert_null(strstr(r.problems[i].message, "record:"));
		seen |= strcmp(r.problems[i].field, "contract_amount") == 0 ? 1 : 0;
		seen |= strcmp(r.problems[i].field, "signed_date") == 0 ? 2 : 0;
	}
	assert_int_equal(seen, 3);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM projects"), 1);

	/* a required column left out */
	const struct record_field partial[] = {{"code", "P3"}, {"name", "x"}};
	assert_int_equal(
	        record_create(t.d, kind_find("projects"), partial, N(partial), LANG_EN, &testdb_actor, &r),
	        RECORD_INVALID);
	assert_true(r.nproblems >= 1);
	record_result_free(&r);

	/* an unknown column */
	const struct record_field unknown[] = {
	        {"code", "C9"}, {"name", "n"}, {"date", "2004-01-01"}, {"colour", "red"}};
	assert_int_equal(
	        record_create(t.d, kind_find("conferences"), unknown, N(unknown), LANG_EN, &testdb_actor, &r),
	        RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "colour");
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences"), 1);
	testdb_close(&t);
}

static void funds_and_cascade(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_project(&t);
	struct record_result r;
	record_result_init(&r);
	const struct record_field fund[] = {{"project_code", "P1"}, {"date", "2004-07-01"},
	                                    {"amount", "1.12亿"},   {"side", "支援方"},
	                                    {"source_type", ""},    {"note", "首期"}};
	assert_int_equal(record_create(t.d, kind_find("funds"), fund, N(fund), LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	/* a receipt without a number is named R and its id */
	assert_int_equal(strncmp(r.id, "R", 1), 0);
	char *fid = xstrdup(r.id);
	record_result_free(&r);
	/* the same values again are another receipt, not a conflict */
	assert_int_equal(record_create(t.d, kind_find("funds"), fund, N(fund), LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT sum(amount) FROM funds"), 224000000);

	const struct record_field change[] = {{"amount", "500万"}};
	assert_int_equal(
	        record_update(t.d, kind_find("funds"), fid, change, N(change), LANG_EN, &testdb_actor, &r),
	        RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT sum(amount) FROM funds"), 117000000);

	const struct record_field badamount[] = {{"amount", "-5"}};
	assert_int_equal(
	        record_update(t.d, kind_find("funds"), fid, badamount, 1, LANG_EN, &testdb_actor, &r),
	        RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "amount");
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT sum(amount) FROM funds"), 117000000);
	free(fid);

	/* the conference is referenced by the project: refused */
	assert_int_equal(record_delete(t.d, kind_find("conferences"), "C1", LANG_EN, &testdb_actor, &r),
	                 RECORD_CONFLICT);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM conferences"), 1);

	assert_int_equal(record_delete(t.d, kind_find("projects"), "P1", LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM funds"), 0);
	assert_int_equal(count(&t, "SELECT count(*) FROM status_history"), 0);
	assert_int_equal(record_delete(t.d, kind_find("projects"), "P1", LANG_EN, &testdb_actor, &r),
	                 RECORD_MISSING);
	record_result_free(&r);
	testdb_close(&t);
}

static void update_by_id(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_project(&t);
	struct record_result r;
	record_result_init(&r);
	const struct record_field upd[] = {
	        {"status", "constructing"}, {"status_date", "2004-09-01"}, {"leader", ""}};
	assert_int_equal(
	        record_update(t.d, kind_find("projects"), "P1", upd, N(upd), LANG_EN, &testdb_actor, &r),
	        RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM status_history WHERE project_code = 'P1'"), 2);
	assert_int_equal(count(&t, "SELECT count(*) FROM projects WHERE leader = '' AND name = '万州纺织厂'"
	                           " AND contract_amount = 87300000"),
	                 1);

	const struct record_field rekey[] = {{"code", "P9"}};
	assert_int_equal(
	        record_update(t.d, kind_find("projects"), "P1", rekey, 1, LANG_EN, &testdb_actor, &r),
	        RECORD_INVALID);
	assert_string_equal(r.problems[0].field, "code");
	record_result_free(&r);
	assert_int_equal(
	        record_update(t.d, kind_find("projects"), "P404", upd, N(upd), LANG_EN, &testdb_actor, &r),
	        RECORD_MISSING);
	record_result_free(&r);

	char *vals[32];
	err e;
	err_init(&e);
	assert_int_equal(record_load(t.d, kind_find("projects"), "P1", vals, &e), 1);
	assert_string_equal(vals[0], "P1");
	assert_string_equal(vals[14], "constructing");
	assert_null(vals[13]); /* private_amount: never given */
	record_values_free(kind_find("projects"), vals);
	assert_int_equal(record_load(t.d, kind_find("projects"), "nope", vals, &e), 0);
	err_free(&e);
	testdb_close(&t);
}

static void composite_and_visit_ids(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	setup_project(&t);
	struct record_result r;
	record_result_init(&r);
	const struct record_field pair[] = {{"program", "xizang"},
	                                    {"supporter_code", "上海市"},
	                                    {"recipient_code", "500101"},
	                                    {"since_year", "1994"}};
	if (record_create(t.d, kind_find("pairings"), pair, N(pair), LANG_EN, &testdb_actor, &r) != RECORD_OK)
		fail_msg("%s: %s", r.problems[0].field, r.problems[0].message);
	assert_string_equal(r.id, "xizang|310000|500101");
	record_result_free(&r);
	const struct record_field until[] = {{"until_year", "2010"}};
	assert_int_equal(record_update(t.d, kind_find("pairings"), "xizang|310000|500101", until, 1, LANG_EN,
	                               &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT until_year FROM pairings WHERE program = 'xizang'"), 2010);
	assert_int_equal(record_update(t.d, kind_find("pairings"), "xizang|310000", until, 1, LANG_EN,
	                               &testdb_actor, &r),
	                 RECORD_MISSING);
	record_result_free(&r);

	/* the project's only status entry: a rule keeps it */
	assert_int_equal(record_delete(t.d, kind_find("status"), "P1|2004-06-01", LANG_EN, &testdb_actor, &r),
	                 RECORD_INVALID);
	record_result_free(&r);
	const struct record_field later[] = {{"status", "constructing"}, {"status_date", "2004-09-01"}};
	assert_int_equal(
	        record_update(t.d, kind_find("projects"), "P1", later, N(later), LANG_EN, &testdb_actor, &r),
	        RECORD_OK);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("status"), "P1|2004-06-01", LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM status_history"), 1);

	const struct record_field visit[] = {{"date", "2004-05-10"},
	                                     {"direction", "to_recipient"},
	                                     {"supporter_code", "310000"},
	                                     {"recipient_code", "500101"}};
	assert_int_equal(record_create(t.d, kind_find("visits"), visit, N(visit), LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	int64_t id = count(&t, "SELECT id FROM visits");
	char want[32];
	snprintf(want, sizeof want, "%lld", (long long)id);
	assert_string_equal(r.id, want);
	record_result_free(&r);
	/* a visit's date changes; it keeps its id */
	const struct record_field moved[] = {{"date", "2004-05-11"}, {"purpose", "改期"}};
	assert_int_equal(
	        record_update(t.d, kind_find("visits"), want, moved, N(moved), LANG_EN, &testdb_actor, &r),
	        RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM visits"), 1);
	assert_int_equal(count(&t, "SELECT id FROM visits WHERE date = '2004-05-11' AND purpose = '改期'"),
	                 id);
	/* onto another visit's key: a conflict, nothing changed */
	assert_int_equal(record_create(t.d, kind_find("visits"), visit, N(visit), LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	char other[32];
	snprintf(other, sizeof other, "%s", r.id);
	record_result_free(&r);
	const struct record_field clash[] = {{"date", "2004-05-11"}};
	assert_int_equal(record_update(t.d, kind_find("visits"), other, clash, 1, LANG_EN, &testdb_actor, &r),
	                 RECORD_CONFLICT);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM visits WHERE date = '2004-05-10'"), 1);
	assert_int_equal(record_delete(t.d, kind_find("visits"), other, LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("visits"), "x1", LANG_EN, &testdb_actor, &r),
	                 RECORD_MISSING);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("visits"), want, LANG_EN, &testdb_actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	assert_int_equal(count(&t, "SELECT count(*) FROM visits"), 0);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(create_checks_like_import),
	        cmocka_unit_test(funds_and_cascade),
	        cmocka_unit_test(update_by_id),
	        cmocka_unit_test(composite_and_visit_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
