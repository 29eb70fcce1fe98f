/* The reports' figures, each definition checked on small worlds built here
 * with SQL, and the renderings checked for the figures they must print. */
#include "testdb.h"
#include "core/num.h"
#include "report/names.h"
#include "report/report.h"
#include <jansson.h>

/* The world of most tests, year 2004, program sanxia. Amounts in yuan.
 *  A operating since 2003 (not active); B stopped 2003 (not active);
 *  C signed 2005 (not active); D signed 2003, operating only from 2004-06
 *  (active, continuing); G signed 2003 at the 2003 conference, preparing
 *  (active, continuing, not signed in 2004); E and F signed at the 2004
 *  conference (active, new). E: total investment exactly 1亿 (large),
 *  constructing on 12-31 though operating from 2005-02; F operating, 7850
 *  jobs, its only receipt dated 2005. W public welfare. X another program. */
static const char world[] =
        "INSERT INTO conferences(code,name,date,place) VALUES"
        " ('c1','三峡库区经济发展暨对口支援工作会议','2004-03-01','重庆'),"
        " ('c0','旧会议','2003-05-01','万州');"
        "INSERT INTO projects(code,name,program,category,recipient_code,supporter_code,conference,"
        " signed_date,industry_code,total_investment,contract_amount,private_amount,status,status_date,"
        " jobs,leader,team,service_mode,green_channel) VALUES"
        " ('A','甲','sanxia','economic','500101','310000',NULL,'2002-01-01','C',1,0,0,'constructing','2002-"
        "01-01',NULL,'','','',0),"
        " ('B','乙','sanxia','economic','500101','310000',NULL,'2002-01-01','C',1,0,0,'preparing','2002-01-"
        "01',NULL,'','','',0),"
        " ('C','丙','sanxia','economic','500101','310000',NULL,'2005-01-05','C',1,0,0,'negotiating','2005-01-"
        "05',NULL,'','','',0),"
        " ('D','丁','sanxia','economic','500102','310000',NULL,'2003-05-01','C',1,0,0,'constructing','2003-"
        "05-01',NULL,'','','',0),"
        " ('G','庚','sanxia','economic','500102','310000','c0','2003-05-01','C',1,0,0,'preparing','2003-12-"
        "31',NULL,'','','',0),"
        " ('E','<script>&\"','sanxia','economic','500101','310000','c1','2004-03-01','C17',100000000,40,34,'"
        "constructing','2004-03-01',500,'张三','班子','agency',1),"
        " ('F','己','sanxia','economic','500240','330000','c1','2004-03-01','05',99999999,22,0,'constructing'"
        ",'2004-03-01',7850,'','','listing',0),"
        " ('W','公益','sanxia','public_welfare','500235','330000',NULL,'2003-01-01','P',1,0,0,'operating','"
        "2003-01-01',NULL,'','','',0),"
        " ('X','援藏','xizang','economic','500235','330000',NULL,'2004-01-01','P',1,0,0,'constructing','2004-"
        "01-01',NULL,'','','',0);"
        "INSERT INTO status_history(project_code,date,status) VALUES"
        " ('A','2002-01-01','constructing'),('A','2003-06-01','operating'),"
        " ('B','2002-01-01','preparing'),('B','2003-01-01','stopped'),"
        " ('D','2003-05-01','constructing'),('D','2004-06-01','operating'),"
        " ('E','2004-03-01','constructing'),('E','2005-02-01','operating'),"
        " ('F','2004-03-01','constructing'),('F','2004-10-01','operating');"
        "INSERT INTO funds(project_code,date,amount,side) VALUES"
        " ('D','2004-02-01',130000000,'supporter'),('E','2004-04-01',10000000,'supporter'),"
        " ('E','2004-12-31',5000000,'recipient'),('F','2005-01-01',20000000,'supporter'),"
        " ('W','2004-06-01',2000000,'supporter'),('D','2003-03-01',99000000,'supporter'),"
        " ('W','2003-07-01',1000000,'supporter'),('X','2004-05-01',77700000,'supporter');"
        "INSERT INTO labour(code,date,origin_code,mode,headcount,program) VALUES"
        " ('L1','2004-02-01','500235','recruitment_fair',845,'sanxia'),"
        " ('L2','2004-05-01','500101','gov_contract',1000,'sanxia'),"
        " ('L3','2003-05-01','500101','gov_contract',50,'sanxia'),"
        " ('L4','2004-05-01','500101','gov_contract',70,'xizang');"
        "INSERT INTO training(code,kind,start_date,days,origin_code,host_code,topic,headcount) VALUES"
        " ('T1','wealth_leader','2004-04-01',10,'500101','310000','花卉、蔬菜',400),"
        " ('T2','wealth_leader','2004-05-01',20,'500240','330000','猪',408),"
        " ('T3','wealth_leader','2004-06-01',15,'500240','310000','花卉',0),"
        " ('T4','wealth_leader','2005-01-02',5,'500240','350000','',99),"
        " ('T5','cadre_secondment','2004-05-01',30,'500240',NULL,'',100),"
        " ('T6','cadre_training','2004-05-01',30,'500240',NULL,'',242),"
        " ('T7','skills','2004-05-01',30,'500240',NULL,'',50);"
        "INSERT INTO plans(code,recipient_code,start_year,end_year,target_projects,target_funds,"
        " target_labour,target_training,focus,approved_by,state) VALUES"
        " ('PL1','500101',2004,2007,100,1000,10,5,'economic;labour','310000','acknowledged'),"
        " ('PL2','500102',2001,2003,999,999,999,999,'social',NULL,'draft'),"
        " ('PL3','500240',2004,2004,1,2,3,4,'',NULL,'draft');"
        "INSERT INTO visits(date,direction,supporter_code,recipient_code) VALUES"
        " ('2004-03-01','to_recipient','330000',NULL),('2004-04-01','to_recipient','310000',NULL),"
        " ('2004-05-01','to_recipient','330000',NULL),('2004-06-01','to_supporter','310000','500101'),"
        " ('2003-06-01','to_recipient','350000',NULL);";

static json_t *annual(struct testdb *t, int year)
{
	err e;
	err_init(&e);
	json_t *j = NULL;
	if (report_annual_json(t->d, year, "sanxia", &j, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	return j;
}

static json_t *at(json_t *j, const char *path)
{
	char p[128];
	snprintf(p, sizeof p, "%s", path);
	char *save = NULL;
	for (char *k = strtok_r(p, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
		j = json_object_get(j, k);
		if (!j) {
			fprintf(stderr, "no key %s in %s\n", k, path);
			fail();
		}
	}
	return j;
}

static void want_int(json_t *j, const char *path, long long v)
{
	json_t *x = at(j, path);
	if (!json_is_integer(x) || json_integer_value(x) != v) {
		fprintf(stderr, "%s: want %lld, got %lld\n", path, v, (long long)json_integer_value(x));
		fail();
	}
}

static void want_pct(json_t *j, const char *path, double v)
{
	json_t *x = at(j, path);
	assert_true(json_is_real(x));
	if (json_real_value(x) < v - 1e-9 || json_real_value(x) > v + 1e-9) {
		fprintf(stderr, "%s: want %.1f, got %f\n", path, v, json_real_value(x));
		fail();
	}
}

static int setup(void **state)
{
	struct testdb *t = calloc(1, sizeof *t);
	testdb_open(t);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct testdb *t = *state;
	testdb_close(t);
	free(t);
	return 0;
}

static void test_projects_active(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	json_t *j = annual(t, 2004);
	want_int(j, "projects.active", 4); /* D G E F */
	want_int(j, "projects.new", 2);
	want_int(j, "projects.continuing", 2);
	json_decref(j);
}

static void test_funds(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	json_t *j = annual(t, 2004);
	want_int(j, "funds.total", 147000000);
	want_int(j, "funds.previous_year", 100000000);
	want_pct(j, "funds.growth_pct", 47.0);
	want_int(j, "funds.public_welfare", 2000000);
	want_int(j, "funds.public_welfare_previous_year", 1000000);
	want_pct(j, "funds.public_welfare_growth_pct", 100.0);
	json_decref(j);
}

static void test_signed(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	json_t *j = annual(t, 2004);
	want_int(j, "signed.projects", 2);
	want_int(j, "signed.funds.total", 15000000); /* F's receipt is dated 2005 */
	want_int(j, "signed.funds.supporter", 10000000);
	want_int(j, "signed.funds.recipient", 5000000);
	want_int(j, "signed.status.constructing", 1); /* E: operating only from 2005 */
	want_int(j, "signed.status.operating", 1);
	want_int(j, "signed.status.negotiating", 0);
	want_pct(j, "signed.status_pct.operating", 50.0);
	want_int(j, "signed.jobs", 7850);        /* E's 500 jobs: not operating on 12-31 */
	want_int(j, "signed.large_projects", 1); /* exactly 1亿 counts */
	want_pct(j, "signed.large_projects_pct", 50.0);
	want_int(j, "signed.contract_amount", 62);
	want_int(j, "signed.private_amount", 34);
	want_pct(j, "signed.private_share_pct", 54.8);
	json_t *tiers = at(j, "signed.tiers"); /* C17 -> 2; 05 -> 3 (not A's 1) */
	assert_int_equal(json_array_size(tiers), 2);
	assert_int_equal(json_integer_value(json_array_get(tiers, 0)), 2);
	assert_int_equal(json_integer_value(json_array_get(tiers, 1)), 3);
	json_t *secs = at(j, "signed.sections");
	assert_int_equal(json_array_size(secs), 2);
	assert_string_equal(json_string_value(json_array_get(secs, 0)), "A");
	assert_string_equal(json_string_value(json_array_get(secs, 1)), "C");
	want_int(j, "signed.tracking.with_leader", 1);
	want_int(j, "signed.tracking.green_channel", 1);
	want_int(j, "signed.tracking.service_mode.listing", 1);
	json_decref(j);
	/* the 2003 conference's project G is the signed block of 2003 */
	j = annual(t, 2003);
	want_int(j, "signed.projects", 1);
	want_int(j, "signed.status.preparing", 1);
	json_decref(j);
}

static void test_labour_training_plans_visits(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	json_t *j = annual(t, 2004);
	want_int(j, "labour.people", 1845);
	want_int(j, "labour.by_mode.recruitment_fair", 845);
	want_int(j, "labour.by_mode.gov_contract", 1000);
	want_int(j, "labour.largest_recruitment_fair.headcount", 845);
	want_int(j, "training.wealth_leaders", 808);
	want_int(j, "training.cadres", 342);
	want_int(j, "training.wealth_leader_hosts", 2);
	want_int(j, "training.short_courses", 2); /* 10 and 15 days */
	assert_int_equal(json_array_size(at(j, "training.topics")), 3);
	want_int(j, "plans.count", 2);
	want_int(j, "plans.approved", 1);
	want_int(j, "plans.targets.projects", 101);
	want_int(j, "plans.targets.funds", 1002);
	want_int(j, "plans.targets.labour", 13);
	want_int(j, "plans.targets.training", 9);
	want_int(j, "visits.to_recipient", 3);
	want_int(j, "visits.to_supporter", 1);
	json_t *sup = at(j, "visits.supporters");
	assert_int_equal(json_array_size(sup), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(sup, 0), "short_name")), "浙江");
	assert_true(json_is_false(at(j, "demo")));
	json_decref(j);
}

static void test_zero_year(void **state)
{
	struct testdb *t = *state;
	json_t *j = annual(t, 2004);
	want_int(j, "projects.active", 0);
	want_int(j, "funds.total", 0);
	assert_true(json_is_null(at(j, "funds.growth_pct")));
	assert_true(json_is_null(at(j, "funds.public_welfare_growth_pct")));
	assert_true(json_is_null(at(j, "signed.status_pct.operating")));
	assert_true(json_is_null(at(j, "signed.private_share_pct")));
	assert_true(json_is_null(at(j, "labour.largest_recruitment_fair")));
	json_decref(j);
	/* every rendering of an empty year works */
	for (int f = FMT_TEXT; f <= FMT_JSON; f++)
		for (int l = LANG_ZH; l <= LANG_EN; l++) {
			struct report_opts o = {
			        2004, 2004, 2007, "sanxia", (enum lang)l, (enum report_format)f, NULL};
			err e;
			err_init(&e);
			buf b = BUF_INIT;
			assert_int_equal(report_annual(t->d, &o, &b, &e), 0);
			assert_int_equal(report_signed(t->d, &o, &b, &e), 0);
			assert_int_equal(report_plan(t->d, &o, &b, &e), 0);
			assert_true(b.len > 0);
			buf_free(&b);
			err_free(&e);
		}
}

static void test_unknown_program(void **state)
{
	struct testdb *t = *state;
	err e;
	err_init(&e);
	json_t *j = NULL;
	assert_int_equal(report_annual_json(t->d, 2004, "nosuch", &j, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_non_null(strstr(buf_str(&e.msgs), "nosuch"));
	err_free(&e);
}

/* 62 signed projects, 34 of them of 1亿 or more: 54.8, printed 55% */
static void test_rounding_62(void **state)
{
	struct testdb *t = *state;
	testdb_exec(
	        t,
	        "INSERT INTO conferences(code,name,date,place) VALUES ('c1','会议','2004-05-01','万州');"
	        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 62)"
	        " INSERT INTO projects(code,name,program,category,recipient_code,supporter_code,conference,"
	        " signed_date,industry_code,total_investment,contract_amount,private_amount,status,status_"
	        "date)"
	        " SELECT 'P' || i, '项目' || i, 'sanxia', 'economic', '500101', '310000', 'c1', '2004-05-01',"
	        " 'C', CASE WHEN i <= 34 THEN 150000000 ELSE 50000000 END, 1, 1, 'preparing', '2004-05-01' "
	        "FROM n;"
	        "INSERT INTO meta(key,value) VALUES ('demo','1');");
	json_t *j = annual(t, 2004);
	want_int(j, "signed.projects", 62);
	want_int(j, "signed.large_projects", 34);
	want_pct(j, "signed.large_projects_pct", 54.8);
	assert_true(json_is_true(at(j, "demo")));
	json_decref(j);
	struct report_opts o = {2004, 0, 0, "sanxia", LANG_ZH, FMT_TEXT, NULL};
	err e;
	err_init(&e);
	buf b = BUF_INIT;
	assert_int_equal(report_annual(t->d, &o, &b, &e), 0);
	assert_non_null(strstr(buf_str(&b), "投资总额上亿元的项目34个,占项目总数的55%"));
	assert_non_null(strstr(buf_str(&b), "（演示数据）"));
	buf_free(&b);
	err_free(&e);
}

static char *render(struct testdb *t, int kind, enum report_format f, enum lang l)
{
	struct report_opts o = {2004, 2004, 2007, "sanxia", l, f, NULL};
	err e;
	err_init(&e);
	buf b = BUF_INIT;
	int rc = kind == 0   ? report_annual(t->d, &o, &b, &e)
	         : kind == 1 ? report_signed(t->d, &o, &b, &e)
	                     : report_plan(t->d, &o, &b, &e);
	if (rc) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
	return buf_detach(&b);
}

static void contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		fprintf(stderr, "missing \"%s\" in:\n%s\n", needle, hay);
		fail();
	}
}

static void test_text_figures(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	char *s = render(t, 0, FMT_TEXT, LANG_ZH);
	contains(s, "重庆市三峡库区移民对口支援工作");
	contains(s, "引进实施对口支援经贸合作项目4个,其中新建项目2个,续建项目2个");
	contains(s, "到位资金1.47亿元,比2003年增长47%");
	contains(s, "无偿援建社会公益性项目资金200万元,比2003年同期增长100%");
	contains(s, "移民劳务输出1845人");
	contains(s, "培训农村移民致富带头人808人");
	contains(s, "干部挂职、培训342人");
	contains(s, "已到位资金1500万元,其中支援方到位资金1000万元,受援方到位资金500万元");
	contains(s, "建成项目已安置就业7800余人");
	contains(s, "所占比重54.8%");
	contains(s, "云阳县");
	contains(s, "一次性签订800多人的务工合同");
	contains(s, "赴全国2个省市");
	contains(s, "浙江、上海等3位对口支援省市领导");
	contains(s, "万州等区县");
	assert_null(strstr(s, "演示数据"));
	free(s);
	s = render(t, 0, FMT_TEXT, LANG_EN);
	contains(s, "up 47% on 2003");
	contains(s, "147 million yuan");
	contains(s, "more than 800 people");
	free(s);
	s = render(t, 0, FMT_MD, LANG_ZH);
	contains(s, "# 重庆市三峡库区移民对口支援工作");
	contains(s, "## 一、目标任务完成情况");
	contains(s, "比2003年增长47%");
	contains(s, "| 竣工投产 | 1 | 50% |");
	free(s);
}

static void test_html(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	char *s = render(t, 1, FMT_HTML, LANG_ZH);
	contains(s, "<!doctype html>");
	contains(s, "<meta charset=\"utf-8\">");
	contains(s, "<html lang=\"zh-CN\">");
	contains(s, "@media print");
	contains(s, "&lt;script&gt;&amp;&quot;");
	assert_null(strstr(s, "<script>"));
	free(s);
	s = render(t, 0, FMT_HTML, LANG_EN);
	contains(s, "<html lang=\"en\">");
	contains(s, "up 47% on 2003");
	free(s);
}

static void test_signed_and_plan_reports(void **state)
{
	struct testdb *t = *state;
	testdb_exec(t, world);
	char *s = render(t, 1, FMT_JSON, LANG_ZH);
	json_t *j = json_loads(s, 0, NULL);
	assert_non_null(j);
	want_int(j, "signed.projects", 2);
	want_int(j, "signed.jobs", 7850);
	assert_int_equal(json_array_size(at(j, "rows")), 2);
	json_decref(j);
	free(s);
	/* plan 2004-2007: only PL1 (万州); actual over 2004-2007 of 万州:
	 * economic projects E (C was signed 2005: also in the period) */
	s = render(t, 2, FMT_JSON, LANG_ZH);
	j = json_loads(s, 0, NULL);
	assert_non_null(j);
	want_int(j, "total.plans", 1);
	want_int(j, "total.approved", 1);
	want_int(j, "total.targets.projects", 100);
	want_int(j, "total.actual.projects", 2);
	want_pct(j, "total.achieved_pct.projects", 2.0);
	want_int(j, "total.actual.funds", 15000000);
	want_int(j, "total.actual.labour", 1000);
	want_int(j, "total.actual.training", 400);
	json_decref(j);
	free(s);
	s = render(t, 2, FMT_TEXT, LANG_ZH);
	contains(s, "万州");
	contains(s, "合计");
	free(s);
}

static void test_short_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	        {"上海市", "上海"},         {"浙江省", "浙江"},           {"万州区", "万州"},
	        {"忠县", "忠县"},           {"石柱土家族自治县", "石柱"}, {"秀山土家族苗族自治县", "秀山"},
	        {"广西壮族自治区", "广西"}, {"内蒙古自治区", "内蒙古"},   {"云阳县", "云阳"},
	        {"深圳市", "深圳"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf b = BUF_INIT;
		names_short(&b, cases[i][0], LANG_ZH);
		assert_string_equal(buf_str(&b), cases[i][1]);
		buf_free(&b);
	}
	buf b = BUF_INIT;
	names_short(&b, "Shizhu Tujiazu Zizhixian", LANG_EN);
	assert_string_equal(buf_str(&b), "Shizhu");
	buf_reset(&b);
	names_short(&b, "Shanghai Shi", LANG_EN);
	assert_string_equal(buf_str(&b), "Shanghai");
	buf_reset(&b);
	num_fmt_people_over(&b, 845, LANG_ZH);
	assert_string_equal(buf_str(&b), "800多人");
	buf_reset(&b);
	num_fmt_people_over(&b, 800, LANG_ZH);
	assert_string_equal(buf_str(&b), "800人");
	buf_reset(&b);
	num_fmt_people_over(&b, 845, LANG_EN);
	assert_string_equal(buf_str(&b), "more than 800 people");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_projects_active, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_funds, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_signed, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_labour_training_plans_visits, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_zero_year, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_unknown_program, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_rounding_62, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_text_figures, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_html, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_signed_and_plan_reports, setup, teardown),
	        cmocka_unit_test(test_short_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
