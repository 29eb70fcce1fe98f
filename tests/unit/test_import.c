/* import_csv and export_kind: every kind imports, every bad cell is reported
 * with its FILE:ROW:COLUMN and leaves the database as it was, re-import
 * updates, dry run writes nothing. */
#include "testdb.h"
#include "io/csv.h"
#include "io/transfer.h"
#include <libgen.h>

/* The fixture files, found beside this source file. */
static void fixture(const char *kind, buf *out)
{
	char src[] = __FILE__;
	buf path = BUF_INIT;
	err e;
	err_init(&e);
	buf_printf(&path, "%s/../data/import/%s.csv", dirname(src), kind);
	buf_reset(out);
	if (file_read_all(buf_str(&path), out, &e)) {
		err_print(&e, stderr);
		fail();
	}
	buf_free(&path);
	err_free(&e);
}

static const char *const order[] = {"pairings", "conferences", "projects", "status", "funds",
                                    "labour",   "training",    "plans",    "visits"};

/* Everything a kind's export shows, for "nothing changed" checks. */
static char *snapshot(struct testdb *t)
{
	buf all = BUF_INIT;
	err e;
	err_init(&e);
	for (size_t i = 0; i < kinds_count; i++)
		assert_int_equal(export_kind(t->d, &kinds[i], EXPORT_CSV, &all, &e), 0);
	err_free(&e);
	return buf_detach(&all);
}

static int import(struct testdb *t, const char *kind, const char *data, struct import_result *r, err *e)
{
	return import_csv(t->d, kind_find(kind), "f.csv", data, strlen(data), false, LANG_EN, &testdb_actor,
	                  r, e);
}

static void load_all(struct testdb *t)
{
	buf data = BUF_INIT;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		struct import_result r;
		err e;
		err_init(&e);
		fixture(order[i], &data);
		if (import_csv(t->d, kind_find(order[i]), order[i], data.s, data.len, false, LANG_EN,
		               &testdb_actor, &r, &e)) {
			err_print(&e, stderr);
			fail_msg("fixture %s does not import", order[i]);
		}
		assert_int_equal(r.added, r.rows - (strcmp(order[i], "status") == 0 ? 2 : 0));
		err_free(&e);
	}
	buf_free(&data);
}

/* Imports DATA as KIND into the full fixture world with the messages in
 * LANG and expects status 1, exactly the error lines WANT, and no change at
 * all. */
static void expect_errors_in(enum lang lang, const char *kind, const char *data, size_t len, const char *want)
{
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	char *before = snapshot(&t);
	struct import_result r;
	err e;
	err_init(&e);
	assert_int_equal(
	        import_csv(t.d, kind_find(kind), "f.csv", data, len, false, lang, &testdb_actor, &r, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_string_equal(buf_str(&e.msgs), want);
	char *after = snapshot(&t);
	assert_string_equal(before, after);
	free(before);
	free(after);
	err_free(&e);
	testdb_close(&t);
}

#define BAD(kind, data, want)    expect_errors_in(LANG_EN, kind, data, sizeof data - 1, want)
#define BAD_ZH(kind, data, want) expect_errors_in(LANG_ZH, kind, data, sizeof data - 1, want)

static void test_every_kind_imports(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	int64_t n;
	err e;
	err_init(&e);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT COUNT(*) FROM status_history", ""), 0);
	assert_int_equal(n, 6);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT SUM(amount) FROM funds", ""), 0);
	assert_int_equal(n, 20000000 + 1500000 + 5000000);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT target_funds FROM plans WHERE code = 'PL1'", ""), 0);
	assert_int_equal(n, 500000000);
	assert_int_equal(
	        db_int(t.d, &n, &e,
	               "SELECT COUNT(*) FROM pairings WHERE program = 'xizang' AND recipient_code = '500240'",
	               ""),
	        0);
	assert_int_equal(n, 1); /* 石柱土家族自治县 by name */
	err_free(&e);
	testdb_close(&t);
}

static void test_unknown_column(void **state)
{
	(void)state;
	BAD("conferences", "code,name,date,colour\nC9,x,2004-01-01,red\n",
	    "f.csv:1:colour: unknown column for conferences (columns: code, name, date, place, program)\n");
}

static void test_duplicate_and_missing_column(void **state)
{
	(void)state;
	BAD("conferences", "code,name,会议名称\nC9,x,y\n",
	    "f.csv:1:会议名称: column name is given twice\n"
	    "f.csv:1:date: required column missing\n");
}

static void test_bad_date(void **state)
{
	(void)state;
	BAD("conferences", "code,name,date\nC9,x,2004-01-01\nC10,y,2004-02-30\n",
	    "f.csv:3:date: \"2004-02-30\" has no such day in its month\n");
}

static void test_bad_amounts(void **state)
{
	(void)state;
	BAD("funds",
	    "project_code,date,amount,side\nP001,2004-01-01,-5,supporter\nP001,2004-01-01,1.5,supporter\n",
	    "f.csv:2:amount: \"-5\" must not be negative\n"
	    "f.csv:3:amount: \"1.5\" is not a whole number of yuan\n");
}

static void test_unknown_references(void **state)
{
	(void)state;
	BAD("funds", "project_code,date,amount,side\nP999,2004-01-01,5,martian\n",
	    "f.csv:2:project_code: \"P999\" is not a known project (import the projects first)\n"
	    "f.csv:2:side: \"martian\" is not a known side (one of: supporter, recipient)\n");
	BAD("labour",
	    "code,date,origin_code,mode,headcount\nL9,2004-01-01,999999,gov_contract,5\n"
	    "L10,2004-01-01,火星县,gov_contract,5\n",
	    "f.csv:2:origin_code: \"999999\" is not a known division code (GB/T 2260)\n"
	    "f.csv:3:origin_code: \"火星县\" is not a known division code or name\n");
}

static void test_ambiguous_division_name(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	testdb_exec(&t, "INSERT INTO divisions(code, name_zh, name_en, level, province)"
	                " VALUES ('500199', '万州区', 'Wanzhou twin', 'county', '重庆市')");
	struct import_result r;
	err e;
	err_init(&e);
	assert_int_equal(import(&t, "labour",
	                        "code,date,origin_code,mode,headcount\n"
	                        "L9,2004-01-01,万州区,gov_contract,5\n",
	                        &r, &e),
	                 -1);
	assert_string_equal(
	        buf_str(&e.msgs),
	        "f.csv:2:origin_code: \"万州区\" names several divisions; give the six-digit code\n");
	int64_t n;
	err_clear(&e);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT COUNT(*) FROM labour", ""), 0);
	assert_int_equal(n, 0);
	err_free(&e);
	testdb_close(&t);
}

static void test_broken_quoting(void **state)
{
	(void)state;
	BAD("conferences", "code,name,date\nC9,\"x\"y,2004-01-01\n",
	    "f.csv:2:: broken quoting: a field that starts with \" must end with \" before the next comma "
	    "or line end (write \"\" for a quote inside a field)\n");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	BAD("conferences", "code,name,date\nC9,\xff\xfe,2004-01-01\n",
	    "f.csv:2:name: the cell is not valid UTF-8 text (save the file as UTF-8)\n");
}

static void test_empty_file(void **state)
{
	(void)state;
	BAD("conferences", "", "f.csv:1:: the file is empty; expected a header row\n");
}

static void test_field_count(void **state)
{
	(void)state;
	BAD("conferences", "code,name,date\nC9,x\nC10,y,2004-01-01,extra\n",
	    "f.csv:2:: 2 fields, but the header has 3\n"
	    "f.csv:3:: 4 fields, but the header has 3\n");
}

static void test_quoted_newline_row(void **state)
{
	(void)state;
	/* the second record spans lines 3-4; the bad one starts on line 5 */
	BAD("conferences",
	    "code,name,date\nC9,x,2004-01-01\nC10,\"two\nlines\",2004-01-01\nC11,z,2004-13-01\n",
	    "f.csv:4:date: \"2004-13-01\" has no such month\n");
}

static void test_rule_violation_rolls_back(void **state)
{
	(void)state;
	BAD("projects",
	    "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,"
	    "total_investment,contract_amount,status,status_date\n"
	    "P9,x,sanxia,economic,500101,310000,2004-01-01,17,100,200,negotiating,2004-01-01\n",
	    "f.csv:2:contract_amount: contract amount 200 exceeds the total investment 100\n");
}

/* In Chinese only the message after the place changes; a column named in
 * the text is named by its Chinese header. */
static void test_chinese_messages(void **state)
{
	(void)state;
	BAD_ZH("funds", "project_code,date,amount,side\nP001,2004-05-01,-5,supporter\n",
	       "f.csv:2:amount: “-5”不能为负数\n");
	BAD_ZH("funds", "project_code,date,amount,side\nP001,2004-05-01,12块,supporter\n",
	       "f.csv:2:amount: “12块”不是金额（请写数字，可带“万”或“亿”，如8730万）\n");
	BAD_ZH("conferences", "code,name,会议名称,date\nC9,x,y,2004-02-30\n",
	       "f.csv:1:会议名称: “会议名称”列出现了两次\n");
	BAD_ZH("conferences", "", "f.csv:1:: 文件为空，应有表头行\n");
	BAD_ZH("projects",
	       "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,"
	       "total_investment,contract_amount,status,status_date\n"
	       "P9,x,sanxia,economic,500101,310000,2004-01-01,17,100,200,negotiating,2004-01-01\n",
	       "f.csv:2:contract_amount: 合同资金200超过投资总额100\n");
}

static void test_chinese_headers_bom_and_names(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	struct import_result r;
	err e;
	err_init(&e);
	const char *data = "\xEF\xBB\xBF项目编号,到位日期,金额,来源方,资金性质\n"
	                   "P001,2004-05-01,1.5亿,受援方,银行贷款\n"
	                   "P003,2004-10-01,8730万,支援方,\n";
	assert_int_equal(import(&t, "到位资金", data, &r, &e), 0);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.added, 2);
	int64_t n;
	assert_int_equal(db_int(t.d, &n, &e,
	                        "SELECT amount FROM funds WHERE date = '2004-05-01' AND side = 'recipient'"
	                        " AND source_type = 'bank_loan'",
	                        ""),
	                 0);
	assert_int_equal(n, 150000000);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT amount FROM funds WHERE date = '2004-10-01'", ""), 0);
	assert_int_equal(n, 87300000);
	err_free(&e);
	testdb_close(&t);
}

static void test_reimport_counts(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	struct import_result r;
	err e;
	err_init(&e);
	const char *data = "code,name,date,place\n"
	                   "C2003,2003年经贸洽谈会,2003-06-10,重庆\n"
	                   "C2004,改名的洽谈会,2004-09-18,\"重庆, 万州\"\n"
	                   "C2005,新会议,2005-05-05,\n";
	assert_int_equal(import(&t, "conferences", data, &r, &e), 0);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.updated, 1);
	assert_int_equal(r.unchanged, 1);
	int64_t n;
	assert_int_equal(db_int(t.d, &n, &e, "SELECT COUNT(*) FROM conferences", ""), 0);
	assert_int_equal(n, 3);
	/* a visit with no recipient matches its twin (NULL-safe key) */
	assert_int_equal(import(&t, "visits",
	                        "date,direction,supporter_code,recipient_code,leader\n"
	                        "2004-08-01,to_supporter,310000,,赵六\n",
	                        &r, &e),
	                 0);
	assert_int_equal(r.updated, 1);
	assert_int_equal(db_int(t.d, &n, &e, "SELECT COUNT(*) FROM visits", ""), 0);
	assert_int_equal(n, 2);
	err_free(&e);
	testdb_close(&t);
}

static void test_dry_run(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	char *before = snapshot(&t);
	struct import_result r;
	err e;
	err_init(&e);
	const char *data = "code,name,date\nC2005,新会议,2005-05-05\nC2003,改名,2003-06-10\n";
	assert_int_equal(import_csv(t.d, kind_find("conferences"), "f.csv", data, strlen(data), true, LANG_EN,
	                            &testdb_actor, &r, &e),
	                 0);
	assert_int_equal(r.added, 1);
	assert_int_equal(r.updated, 1);
	char *after = snapshot(&t);
	assert_string_equal(before, after);
	free(before);
	free(after);
	err_free(&e);
	testdb_close(&t);
}

static void test_export_json(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	load_all(&t);
	buf out = BUF_INIT;
	err e;
	err_init(&e);
	assert_int_equal(export_kind(t.d, kind_find("plans"), EXPORT_JSON, &out, &e), 0);
	assert_non_null(strstr(buf_str(&out), "\"target_funds\": 500000000,"));
	assert_non_null(strstr(buf_str(&out), "\"target_funds\": null,"));
	assert_non_null(strstr(buf_str(&out), "\"focus\": \"economic;labour\""));
	buf_free(&out);
	err_free(&e);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_kind_imports),
	        cmocka_unit_test(test_unknown_column),
	        cmocka_unit_test(test_duplicate_and_missing_column),
	        cmocka_unit_test(test_bad_date),
	        cmocka_unit_test(test_bad_amounts),
	        cmocka_unit_test(test_unknown_references),
	        cmocka_unit_test(test_ambiguous_division_name),
	        cmocka_unit_test(test_broken_quoting),
	        cmocka_unit_test(test_invalid_utf8),
	        cmocka_unit_test(test_empty_file),
	        cmocka_unit_test(test_field_count),
	        cmocka_unit_test(test_quoted_newline_row),
	        cmocka_unit_test(test_rule_violation_rolls_back),
	        cmocka_unit_test(test_chinese_messages),
	        cmocka_unit_test(test_chinese_headers_bom_and_names),
	        cmocka_unit_test(test_reimport_counts),
	        cmocka_unit_test(test_dry_run),
	        cmocka_unit_test(test_export_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
