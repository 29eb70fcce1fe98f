/* validate_all: a clean world has no violation; each rule finds the bad
 * record put in with SQL, under its TABLE:CODE:COLUMN. */
#include "testdb.h"
#include "model/validate.h"

static const char clean_world[] =
        "INSERT INTO conferences(code, name, date) VALUES ('C1', '洽谈会', '2004-09-18');"
        "INSERT INTO projects(code, name, program, category, recipient_code, supporter_code, conference,"
        " signed_date, industry_code, total_investment, contract_amount, private_amount, status, status_date)"
        " VALUES ('P1', '纺织厂', 'sanxia', 'economic', '500101', '310000', 'C1', '2004-09-18', '17',"
        " 300, 200, 100, 'constructing', '2004-12-01');"
        "INSERT INTO status_history VALUES ('P1', '2004-09-18', 'negotiating'), ('P1', '2004-12-01', "
        "'constructing');"
        "INSERT INTO funds(code, project_code, date, amount, side) VALUES ('F1', 'P1', '2004-10-01', 100, "
        "'supporter');"
        "INSERT INTO labour(code, date, origin_code, mode, headcount)"
        " VALUES ('L1', '2004-03-01', '500101', 'gov_contract', 10);"
        "INSERT INTO training(code, kind, start_date, days, origin_code, headcount)"
        " VALUES ('T1', 'skills', '2004-03-01', 5, '500101', 10);"
        "INSERT INTO plans(code, recipient_code, start_year, end_year, focus, approved_by, approved_date)"
        " VALUES ('PL1', '500101', 2004, 2007, 'economic;labour', '310000', '2004-02-01');"
        "INSERT INTO visits(date, direction, supporter_code) VALUES ('2004-05-01', 'to_recipient', "
        "'310000');";

static void open_world(struct testdb *t)
{
	testdb_open(t);
	testdb_exec(t, clean_world);
}

static void test_clean_world(void **state)
{
	(void)state;
	struct testdb t;
	open_world(&t);
	err e;
	err_init(&e);
	int rc = validate_all(t.d, LANG_EN, &e);
	err_print(&e, stderr);
	assert_int_equal(rc, 0);
	assert_int_equal(e.count, 0);
	err_free(&e);
	testdb_close(&t);
}

/* Applies BREAK to the clean world (with foreign keys unchecked unless FK);
 * every line of WANT must be reported, and nothing else. */
static void expect_fk(const char *brk, bool fk, const char *want)
{
	struct testdb t;
	open_world(&t);
	if (!fk)
		testdb_foreign_keys(&t, false);
	testdb_exec(&t, brk);
	err e;
	err_init(&e);
	assert_int_equal(validate_all(t.d, LANG_EN, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_string_equal(buf_str(&e.msgs), want);
	err_free(&e);
	testdb_close(&t);
}

static void expect(const char *brk, const char *want)
{
	expect_fk(brk, true, want);
}

static void test_amounts(void **state)
{
	(void)state;
	expect("UPDATE funds SET amount = -5", "funds:F1:amount: -5 must not be negative\n");
	expect("UPDATE projects SET private_amount = 250",
	       "projects:P1:private_amount: private capital 250 exceeds the contract amount 200\n");
	expect("UPDATE projects SET contract_amount = 400",
	       "projects:P1:contract_amount: contract amount 400 exceeds the total investment 300\n");
	expect("UPDATE projects SET total_investment = -1, contract_amount = NULL, private_amount = NULL",
	       "projects:P1:total_investment: -1 must not be negative\n");
}

static void test_status_history(void **state)
{
	(void)state;
	expect("INSERT INTO status_history VALUES ('P1', '2004-11-01', 'operating')",
	       "status_history:P1/2004-12-01:status: constructing goes back from operating (2004-11-01)\n");
	expect("INSERT INTO status_history VALUES ('P1', '2004-11-01', 'stopped')",
	       "status_history:P1/2004-12-01:status: constructing after the project was stopped on "
	       "2004-11-01\n");
	expect("UPDATE projects SET status = 'operating'",
	       "projects:P1:status: status operating on 2004-12-01 differs from the latest history entry,"
	       " constructing on 2004-12-01\n");
	expect("DELETE FROM status_history", "projects:P1:status: the project has no status history\n");
}

static void test_dates_plausible(void **state)
{
	(void)state;
	setenv("DUIKOU_TODAY", "2026-06-01", 1);
	expect("UPDATE labour SET date = '1900-01-01'",
	       "labour:L1:date: 1900-01-01 is not a plausible date (1949 to 2036)\n");
	expect("UPDATE visits SET date = '2037-01-01'",
	       "visits:1:date: 2037-01-01 is not a plausible date (1949 to 2036)\n");
	expect("UPDATE plans SET start_year = 2040, end_year = 2041",
	       "plans:PL1:start_year: 2040 is not a plausible year (1949 to 2036)\n"
	       "plans:PL1:end_year: 2041 is not a plausible year (1949 to 2036)\n");
}

static void test_codes_known(void **state)
{
	(void)state;
	expect("UPDATE training SET kind = 'juggling'",
	       "training:T1:kind: \"juggling\" is not a known kind (one of: wealth_leader, cadre_secondment,"
	       " cadre_training, skills)\n");
	expect("UPDATE plans SET focus = 'economic;golf'",
	       "plans:PL1:focus: \"economic;golf\" is not a known focus (one of: economic, infrastructure,"
	       " labour, talent, social)\n");
	expect("UPDATE visits SET direction = 'sideways'",
	       "visits:1:direction: \"sideways\" is not a known direction (one of: to_recipient, "
	       "to_supporter)\n");
	expect_fk("UPDATE labour SET origin_code = '999999'", false,
	          "labour:L1:origin_code: \"999999\" is not a known division\n");
	expect("UPDATE projects SET industry_code = '99'",
	       "projects:P1:industry_code: \"99\" is not a GB/T 4754-2017 industry code\n");
}

static void test_order_of_events(void **state)
{
	(void)state;
	expect("UPDATE funds SET date = '2004-01-01'",
	       "funds:F1:date: received 2004-01-01, before project P1 was signed on 2004-09-18\n");
	expect("UPDATE conferences SET date = '2004-10-01'",
	       "projects:P1:signed_date: signed 2004-09-18, before conference C1 on 2004-10-01\n");
}

static void test_plans(void **state)
{
	(void)state;
	expect("UPDATE plans SET end_year = 2003",
	       "plans:PL1:end_year: the period ends (2003) before it starts (2004)\n");
	expect("UPDATE plans SET end_year = 2014",
	       "plans:PL1:end_year: the period 2004-2014 is longer than 10 years\n");
	expect("UPDATE plans SET approved_date = NULL",
	       "plans:PL1:approved_date: approved_by is given but approved_date is not\n");
	expect("UPDATE plans SET approved_by = NULL",
	       "plans:PL1:approved_by: approved_date is given but approved_by is not\n");
}

static void test_people_and_pairings(void **state)
{
	(void)state;
	expect("UPDATE labour SET headcount = 0",
	       "labour:L1:headcount: headcount 0 must be greater than 0\n");
	expect("UPDATE training SET headcount = 0, days = 0",
	       "training:T1:headcount: headcount 0 must be greater than 0\n"
	       "training:T1:days: days 0 must be greater than 0\n");
	expect("INSERT INTO pairings VALUES ('xizang', '310000', '500101', 2000, 1999)",
	       "pairings:xizang/310000/500101:until_year: until_year 1999 is before since_year 2000\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_clean_world),    cmocka_unit_test(test_amounts),
	        cmocka_unit_test(test_status_history), cmocka_unit_test(test_dates_plausible),
	        cmocka_unit_test(test_codes_known),    cmocka_unit_test(test_order_of_events),
	        cmocka_unit_test(test_plans),          cmocka_unit_test(test_people_and_pairings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
