/* The IATI export (io/iati.c): the demo world's export validates against
 * the IATI 2.03 activity schema in tests/data/iati with libxml2, a broken
 * document does not, the counts and sums agree with the database, values
 * are escaped, and status, dates and sectors follow the documented
 * mappings. */
#include "testdb.h"
#include "demo/demo.h"
#include "io/iati.h"
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>

static xmlSchemaPtr schema;

static void load_schema(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s", __FILE__);
	char *slash = strrchr(path, '/');
	assert_non_null(slash);
	snprintf(slash, sizeof path - (size_t)(slash - path), "/../data/iati/iati-activities-schema.xsd");
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(path);
	assert_non_null(pc);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	assert_non_null(schema);
}

/* 0 when DOC is valid */
static int validate(xmlDocPtr doc)
{
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	assert_non_null(vc);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	return rc;
}

static xmlDocPtr export_doc(struct testdb *t, const char *program, int year)
{
	err e;
	err_init(&e);
	buf b = BUF_INIT;
	struct iati_options o = {program, year, "CN-TEST"};
	if (iati_export(t->d, &o, &b, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	xmlDocPtr doc = xmlReadMemory(b.s, (int)b.len, "iati.xml", NULL, XML_PARSE_NONET);
	buf_free(&b);
	assert_non_null(doc);
	return doc;
}

static double xpath_number(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_non_null(r);
	double v = xmlXPathCastToNumber(r);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(c);
	return v;
}

/* the string value of EXPR, freed by the caller */
static char *xpath_string(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_non_null(r);
	xmlChar *s = xmlXPathCastToString(r);
	char *out = xstrdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(c);
	return out;
}

static int64_t sql_int(struct testdb *t, const char *sql, const char *asof)
{
	err e;
	err_init(&e);
	int64_t v = -1;
	if (db_int(t->d, &v, &e, sql, "t", asof)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	return v;
}

static void demo_world(struct testdb *t)
{
	err e;
	err_init(&e);
	if (db_begin(t->d, &e) || demo_build(t->d, &e) || db_commit(t->d, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

/* activities = projects, transactions = receipts, sums agree; valid */
static void check_counts(struct testdb *t, int year)
{
	char asof[16];
	snprintf(asof, sizeof asof, year ? "%04d-12-31" : "9999-12-31", year);
	xmlDocPtr doc = export_doc(t, "sanxia", year);
	assert_int_equal(validate(doc), 0);
	int64_t projects = sql_int(
	        t, "SELECT COUNT(*) FROM projects WHERE program = 'sanxia' AND signed_date <= $1", asof);
	int64_t receipts = sql_int(t,
	                           "SELECT COUNT(*) FROM funds f JOIN projects p ON p.code = f.project_code"
	                           " WHERE p.program = 'sanxia' AND p.signed_date <= $1 AND f.date <= $1",
	                           asof);
	int64_t total = sql_int(t,
	                        "SELECT SUM(f.amount) FROM funds f JOIN projects p ON p.code = f.project_code"
	                        " WHERE p.program = 'sanxia' AND p.signed_date <= $1 AND f.date <= $1",
	                        asof);
	assert_true(projects > 0 && receipts > 0);
	assert_int_equal((int64_t)xpath_number(doc, "count(/iati-activities/iati-activity)"), projects);
	assert_int_equal((int64_t)xpath_number(doc, "count(//transaction)"), receipts);
	assert_int_equal((int64_t)xpath_number(doc, "count(//transaction/transaction-type[@code='1'])"),
	                 receipts);
	assert_int_equal((int64_t)xpath_number(doc, "sum(//transaction/value)"), total);
	/* one identifier each, prefixed by the reporting organisation */
	assert_int_equal((int64_t)xpath_number(doc, "count(//iati-identifier[starts-with(., 'CN-TEST-')])"),
	                 projects);
	xmlFreeDoc(doc);
}

static void test_demo_export_is_valid(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	demo_world(&t);
	check_counts(&t, 0);
	check_counts(&t, 2003);
	check_counts(&t, 2004);
	testdb_close(&t);
}

static void remove_first(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr c = xmlXPathNewContext(doc);
	xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, c);
	assert_true(r && r->nodesetval && r->nodesetval->nodeNr > 0);
	xmlNodePtr n = r->nodesetval->nodeTab[0];
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(c);
}

/* The validation can fail: broken copies of a valid export are refused. */
static void test_broken_documents_are_rejected(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	demo_world(&t);
	static const char *const removals[] = {
	        "//iati-activity/title",           /* a required element */
	        "//iati-activity/activity-status", /* another */
	        "//transaction/value/@value-date", /* a required attribute */
	        "//iati-activity/reporting-org",   /* the publisher */
	};
	for (size_t i = 0; i < sizeof removals / sizeof removals[0]; i++) {
		xmlDocPtr doc = export_doc(&t, "sanxia", 2004);
		assert_int_equal(validate(doc), 0);
		remove_first(doc, removals[i]);
		assert_int_not_equal(validate(doc), 0);
		xmlFreeDoc(doc);
	}
	/* an amount that is not a number, a date that is not a date */
	static const char *const bad[] = {
	        "<iati-activities version='2.03'><iati-activity><iati-identifier>X-1</iati-identifier>"
	        "<reporting-org ref='X' type='10'/><title><narrative>t</narrative></title>"
	        "<description><narrative>d</narrative></description><participating-org role='1'/>"
	        "<activity-status code='2'/><activity-date type='1' iso-date='2004-13-01'/>"
	        "</iati-activity></iati-activities>",
	        "<iati-activities version='2.03'><iati-activity><iati-identifier>X-1</iati-identifier>"
	        "<reporting-org ref='X' type='10'/><title><narrative>t</narrative></title>"
	        "<description><narrative>d</narrative></description><participating-org role='1'/>"
	        "<activity-status code='2'/><activity-date type='1' iso-date='2004-01-01'/>"
	        "<transaction><transaction-type code='1'/><transaction-date iso-date='2004-01-01'/>"
	        "<value value-date='2004-01-01'>12万</value></transaction></iati-activity></iati-activities>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		xmlDocPtr doc = xmlReadMemory(bad[i], (int)strlen(bad[i]), "bad.xml", NULL, XML_PARSE_NONET);
		assert_non_null(doc);
		assert_int_not_equal(validate(doc), 0);
		xmlFreeDoc(doc);
	}
	testdb_close(&t);
}

/* A project with markup in its values, and a dated history. */
static void one_project(struct testdb *t)
{
	testdb_exec(t, "INSERT INTO projects(code, name, program, category, recipient_code, supporter_code,"
	               " signed_date, investor, ownership, industry_code, total_investment, contract_amount,"
	               " status, status_date) VALUES ('P<1>', 'A & B <C> \"D\"', 'sanxia', 'economic',"
	               " '500101', '310000', '2003-06-10', 'X&Y 公司', 'state', '1713', 2000000, 1500000,"
	               " 'operating', '2005-03-01')");
	testdb_exec(t, "INSERT INTO status_history(project_code, date, status) VALUES"
	               " ('P<1>', '2003-06-10', 'negotiating'), ('P<1>', '2004-02-01', 'constructing'),"
	               " ('P<1>', '2005-03-01', 'operating')");
	testdb_exec(t, "INSERT INTO funds(code, project_code, date, amount, side, source_type, note) VALUES"
	               " ('F1', 'P<1>', '2004-05-01', 700000, 'supporter', 'government', '<b>首笔</b>'),"
	               " ('F2', 'P<1>', '2005-05-01', 300000, 'recipient', '', '')");
}

static void test_values_status_and_dates(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	one_project(&t);
	xmlDocPtr doc = export_doc(&t, "sanxia", 2004);
	assert_int_equal(validate(doc), 0);
	char *s = xpath_string(doc, "//iati-activity/title/narrative");
	assert_string_equal(s, "A & B <C> \"D\"");
	free(s);
	s = xpath_string(doc, "//iati-identifier");
	assert_string_equal(s, "CN-TEST-P<1>");
	free(s);
	s = xpath_string(doc, "//transaction[1]/description/narrative");
	assert_string_equal(s, "财政：<b>首笔</b>");
	free(s);
	/* as at 2004-12-31: constructing, started 2004-02-01, not ended; one receipt */
	s = xpath_string(doc, "//activity-status/@code");
	assert_string_equal(s, "2");
	free(s);
	s = xpath_string(doc, "//activity-date[@type='2']/@iso-date");
	assert_string_equal(s, "2004-02-01");
	free(s);
	assert_int_equal((int)xpath_number(doc, "count(//activity-date[@type='4'])"), 0);
	assert_int_equal((int)xpath_number(doc, "count(//transaction)"), 1);
	s = xpath_string(doc, "//sector[@vocabulary='1']/@code");
	assert_string_equal(s, "32163");
	free(s);
	s = xpath_string(doc, "//participating-org[@role='4'][narrative='X&Y 公司']/@type");
	assert_string_equal(s, "15");
	free(s);
	s = xpath_string(doc, "//budget/period-end/@iso-date");
	assert_string_equal(s, "2004-06-09");
	free(s);
	xmlFreeDoc(doc);

	/* today: operating (3 Finalisation), ended 2005-03-01; the recipient's receipt from the county */
	doc = export_doc(&t, "sanxia", 0);
	assert_int_equal(validate(doc), 0);
	s = xpath_string(doc, "//activity-status/@code");
	assert_string_equal(s, "3");
	free(s);
	s = xpath_string(doc, "//activity-date[@type='4']/@iso-date");
	assert_string_equal(s, "2005-03-01");
	free(s);
	s = xpath_string(doc, "//transaction[@ref='F2']/provider-org/narrative");
	assert_string_equal(s, "万州区");
	free(s);
	xmlFreeDoc(doc);
	testdb_close(&t);
}

static void test_refusals(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	one_project(&t);
	static const struct {
		const char *program;
		int year;
	} cases[] = {{"nosuch", 0}, {"xizang", 0}, {"sanxia", 2002}};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		err e;
		err_init(&e);
		buf b = BUF_INIT;
		struct iati_options o = {cases[i].program, cases[i].year, "CN-TEST"};
		assert_int_equal(iati_export(t.d, &o, &b, &e), -1);
		assert_int_equal(e.status, EXIT_INVALID);
		assert_int_equal(b.len, 0);
		buf_free(&b);
		err_free(&e);
	}
	testdb_close(&t);
}

static void test_mappings(void **state)
{
	(void)state;
	assert_string_equal(iati_activity_status("negotiating"), "1");
	assert_string_equal(iati_activity_status("preparing"), "1");
	assert_string_equal(iati_activity_status("constructing"), "2");
	assert_string_equal(iati_activity_status("operating"), "3");
	assert_string_equal(iati_activity_status("stopped"), "5");
	assert_string_equal(iati_dac_sector("17"), "32163");
	assert_string_equal(iati_dac_sector("1713"), "32163");
	assert_string_equal(iati_dac_sector("C"), "32120");
	assert_string_equal(iati_dac_sector("83"), "11120");
	assert_string_equal(iati_dac_sector(""), "99810");
	assert_string_equal(iati_dac_sector("9"), "99810");
	assert_string_equal(iati_dac_sector("Z"), "99810");
	/* every GB/T 4754 division of the reference data has a code of its own
	 * or its section's: none falls to "not specified" but section T's */
	struct testdb t;
	testdb_open(&t);
	char *rows = testdb_rows(&t, "SELECT code FROM industry_divisions ORDER BY code", ",");
	for (char *tok = strtok(rows, ","); tok; tok = strtok(NULL, ","))
		if (strcmp(tok, "97") != 0)
			assert_string_not_equal(iati_dac_sector(tok), "99810");
	free(rows);
	testdb_close(&t);
}

int main(void)
{
	xmlInitParser();
	load_schema();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_demo_export_is_valid),
	        cmocka_unit_test(test_broken_documents_are_rejected),
	        cmocka_unit_test(test_values_status_and_dates),
	        cmocka_unit_test(test_refusals),
	        cmocka_unit_test(test_mappings),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlSchemaFree(schema);
	xmlCleanupParser();
	return rc;
}
