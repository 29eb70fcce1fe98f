/* The authorization test of issue 4: every route of web_routes() × every
 * role × a record of the actor's own scope and one of another, answered
 * in-process through web_dispatch and checked against the permission
 * table of common.md as this file writes it (not perm.c's): refusals are
 * 403 and change nothing (the record, the count of its kind, the audit
 * trail). Lists, downloads and the API of a county or supporter office
 * hold exactly its rows; an import by a county office of another county's
 * row is refused at its ROW:COLUMN with nothing written.
 *
 * The fixture: two counties, 500101 (万州, "own" for the scoped actors) and
 * 500240 (石柱, "other"), two supporters, 310000 (上海, paired with 500101)
 * and 440300 (深圳, paired with 500240), and one record of every kind on
 * each side. */
#include "testdb.h"
#include "io/csv.h"
#include "io/transfer.h"
#include "model/record.h"
#include "web/router.h"
#include <fcntl.h>
#include <jansson.h>

#define OWN_COUNTY    "500101"
#define OWN_SUPPORTER "310000"
#define CSRF          "csrf-token-of-the-test-session"

/* ---- the permission table, written independently of model/perm.c ---- */

static bool is_one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* May role R read a record of KIND that is (OWN) or is not in its scope? */
static bool t_read(enum role r, const char *kind, bool own)
{
	if (r == ROLE_ADMIN || r == ROLE_MUNICIPAL || r == ROLE_VIEWER)
		return true;
	if (strcmp(kind, "conferences") == 0)
		return true;
	return own;
}

static bool t_write(enum role r, const char *kind, bool own)
{
	static const char *const county[] = {
	        "projects",     "status", "funds",        "labour",      "training",    "plans", "visits",
	        "plan_targets", "people", "project_team", "service_log", "commitments", NULL};
	static const char *const supporter[] = {"funds", "labour", "training", "visits", "transfers", NULL};
	if (r == ROLE_ADMIN || r == ROLE_MUNICIPAL)
		return true;
	if (r == ROLE_COUNTY)
		return own && is_one_of(kind, county);
	if (r == ROLE_SUPPORTER)
		return own && is_one_of(kind, supporter);
	return false;
}

/* the pages that are not about one kind */
static int t_page(enum role r, const char *path)
{
	bool office = r == ROLE_ADMIN || r == ROLE_MUNICIPAL;
	if (strcmp(path, "/check") == 0)
		return office || r == ROLE_VIEWER ? 200 : 403;
	if (strcmp(path, "/audit") == 0 || strcmp(path, "/api/v1/audit") == 0 ||
	    strcmp(path, "/audit.xlsx") == 0)
		return office ? 200 : 403;
	if (strcmp(path, "/upload") == 0)
		return r == ROLE_VIEWER ? 403 : 200;
	if (strcmp(path, "/export/iati") == 0)
		return office || r == ROLE_VIEWER ? 200 : 403;
	/* the supporter scorecard (issue 10): a supporter sees its own line */
	if (strcmp(path, "/scorecard") == 0 || strcmp(path, "/scorecard.xlsx") == 0)
		return r == ROLE_COUNTY ? 403 : 200;
	return 200; /* reports, dashboard, lists (scoped), openapi.json */
}

/* ---- the fixture ---- */

static const struct {
	const char *kind, *csv;
} fixture[] = {
        {"pairings", "program,supporter_code,recipient_code,since_year\n"
                     "sanxia,310000,500101,1992\nsanxia,440300,500240,1993\n"},
        {"conferences", "code,name,date\nCA,会议甲,2003-06-10\nCB,会议乙,2003-06-11\n"},
        {"projects", "code,name,program,category,recipient_code,supporter_code,signed_date,industry_code,"
                     "status,status_date\n"
                     "PA,项目甲,sanxia,economic,500101,310000,2003-06-10,17,constructing,2004-03-01\n"
                     "PB,项目乙,sanxia,economic,500240,440300,2003-06-11,17,constructing,2004-03-01\n"},
        {"status", "project_code,date,status\nPA,2003-07-01,negotiating\nPB,2003-07-01,negotiating\n"},
        {"funds", "project_code,date,amount,side,code\nPA,2004-01-15,1000000,supporter,FA\n"
                  "PB,2004-01-15,2000000,supporter,FB\n"},
        {"labour",
         "code,date,origin_code,mode,headcount,supporter_code\n"
         "LA,2004-03-15,500101,gov_contract,10,310000\nLB,2004-03-15,500240,gov_contract,20,440300\n"},
        {"training", "code,kind,start_date,days,origin_code,headcount,supporter_code\n"
                     "TA,skills,2004-04-01,5,500101,30,310000\nTB,skills,2004-04-01,5,500240,40,440300\n"},
        {"plans", "code,recipient_code,start_year,end_year,target_projects\n"
                  "PLA,500101,2004,2007,3\nPLB,500240,2004,2007,4\n"},
        {"visits",
         "date,direction,supporter_code,recipient_code,leader\n"
         "2004-05-10,to_recipient,310000,500101,李四\n2004-05-11,to_recipient,440300,500240,王五\n"},
        {"plan_targets", "plan_code,year,target_projects\nPLA,2004,1\nPLB,2004,2\n"},
        /* the tracking service (issue 7); RTA and RTB serve on the teams, RA
         * and RB on none (so that they may be deleted) */
        {"people",
         "code,name,division_code\nRA,甲某,500101\nRB,乙某,500240\nRTA,丙某,500101\nRTB,丁某,500240\n"},
        {"project_team", "project_code,person_code,role\nPA,RTA,leader\nPB,RTB,leader\n"},
        {"service_log", "code,project_code,date,action\nSA,PA,2004-04-01,走访\nSB,PB,2004-04-01,走访\n"},
        {"commitments", "code,project_code,what,promised_date,due_date\n"
                        "KA,PA,通电,2004-04-01,2004-06-01\nKB,PB,通路,2004-04-01,2004-06-01\n"},
        /* both sides' books (issue 10): transfers the supporters sent */
        {"transfers", "project_code,date,amount,code\nPA,2004-01-10,1000000,XA\nPB,2004-01-10,2000000,XB\n"},
};

/* Per kind: the ids of the own and the other record, a change, and the
 * fields of a new record on each side (NULL-terminated name, value pairs). */
static const struct kcase {
	const char *kind;
	const char *id[2];
	const char *field, *value;
	const char *const *create[2];
} cases[] = {
        {"pairings",
         {"sanxia|310000|500101", "sanxia|440300|500240"},
         "until_year",
         "2010",
         {(const char *const[]){"program", "xizang", "supporter_code", "310000", "recipient_code", "500101",
                                "since_year", "1994", NULL},
          (const char *const[]){"program", "xizang", "supporter_code", "440300", "recipient_code", "500240",
                                "since_year", "1994", NULL}}},
        {"conferences",
         {"CA", "CB"},
         "place",
         "新地点",
         {(const char *const[]){"code", "CN1", "name", "新会议", "date", "2004-01-01", NULL},
          (const char *const[]){"code", "CN2", "name", "新会议", "date", "2004-01-02", NULL}}},
        {"projects",
         {"PA", "PB"},
         "name",
         "新名称",
         {(const char *const[]){"code",
                                "PN1",
                                "name",
                                "新项目",
                                "program",
                                "sanxia",
                                "category",
                                "economic",
                                "recipient_code",
                                "500101",
                                "supporter_code",
                                "310000",
                                "signed_date",
                                "2004-01-01",
                                "industry_code",
                                "17",
                                "status",
                                "negotiating",
                                "status_date",
                                "2004-01-01",
                                NULL},
          (const char *const[]){"code",
                                "PN2",
                                "name",
                                "新项目",
                                "program",
                                "sanxia",
                                "category",
                                "economic",
                                "recipient_code",
                                "500240",
                                "supporter_code",
                                "440300",
                                "signed_date",
                                "2004-01-01",
                                "industry_code",
                                "17",
                                "status",
                                "negotiating",
                                "status_date",
                                "2004-01-01",
                                NULL}}},
        {"status",
         {"PA|2003-07-01", "PB|2003-07-01"},
         "status",
         "preparing",
         {(const char *const[]){"project_code", "PA", "date", "2003-08-01", "status", "preparing", NULL},
          (const char *const[]){"project_code", "PB", "date", "2003-08-01", "status", "preparing", NULL}}},
        {"funds",
         {"FA", "FB"},
         "amount",
         "1234567",
         {(const char *const[]){"project_code", "PA", "date", "2004-02-01", "amount", "500", "side",
                                "supporter", "code", "FN1", NULL},
          (const char *const[]){"project_code", "PB", "date", "2004-02-01", "amount", "500", "side",
                                "supporter", "code", "FN2", NULL}}},
        {"labour",
         {"LA", "LB"},
         "headcount",
         "77",
         {(const char *const[]){"code", "LN1", "date", "2004-06-01", "origin_code", "500101", "mode",
                                "gov_contract", "headcount", "5", "supporter_code", "310000", NULL},
          (const char *const[]){"code", "LN2", "date", "2004-06-01", "origin_code", "500240", "mode",
                                "gov_contract", "headcount", "5", "supporter_code", "440300", NULL}}},
        {"training",
         {"TA", "TB"},
         "headcount",
         "77",
         {(const char *const[]){"code", "TN1", "kind", "skills", "start_date", "2004-06-01", "days", "3",
                                "origin_code", "500101", "headcount", "5", "supporter_code", "310000", NULL},
          (const char *const[]){"code", "TN2", "kind", "skills", "start_date", "2004-06-01", "days", "3",
                                "origin_code", "500240", "headcount", "5", "supporter_code", "440300",
                                NULL}}},
        {"plans",
         {"PLA", "PLB"},
         "target_projects",
         "9",
         {(const char *const[]){"code", "PLN1", "recipient_code", "500101", "start_year", "2008", "end_year",
                                "2010", NULL},
          (const char *const[]){"code", "PLN2", "recipient_code", "500240", "start_year", "2008", "end_year",
                                "2010", NULL}}},
        {"visits",
         {"1", "2"},
         "leader",
         "新领导",
         {(const char *const[]){"date", "2004-07-01", "direction", "to_recipient", "supporter_code", "310000",
                                "recipient_code", "500101", NULL},
          (const char *const[]){"date", "2004-07-02", "direction", "to_recipient", "supporter_code", "440300",
                                "recipient_code", "500240", NULL}}},
        {"plan_targets",
         {"PLA|2004", "PLB|2004"},
         "target_projects",
         "2",
         {(const char *const[]){"plan_code", "PLA", "year", "2005", NULL},
          (const char *const[]){"plan_code", "PLB", "year", "2005", NULL}}},
        {"people",
         {"RA", "RB"},
         "phone",
         "023-1234",
         {(const char *const[]){"code", "RN1", "name", "新人", "division_code", "500101", NULL},
          (const char *const[]){"code", "RN2", "name", "新人", "division_code", "500240", NULL}}},
        {"project_team",
         {"PA|RTA", "PB|RTB"},
         "role",
         "member",
         {(const char *const[]){"project_code", "PA", "person_code", "RA", "role", "member", NULL},
          (const char *const[]){"project_code", "PB", "person_code", "RB", "role", "member", NULL}}},
        {"service_log",
         {"SA", "SB"},
         "action",
         "协调",
         {(const char *const[]){"code", "SN1", "project_code", "PA", "date", "2004-05-01", "action", "走访",
                                NULL},
          (const char *const[]){"code", "SN2", "project_code", "PB", "date", "2004-05-01", "action", "走访",
                                NULL}}},
        {"commitments",
         {"KA", "KB"},
         "what",
         "通水",
         {(const char *const[]){"code", "KN1", "project_code", "PA", "what", "通气", "promised_date",
                                "2004-05-01", "due_date", "2004-07-01", NULL},
          (const char *const[]){"code", "KN2", "project_code", "PB", "what", "通气", "promised_date",
                                "2004-05-01", "due_date", "2004-07-01", NULL}}},
        {"transfers",
         {"XA", "XB"},
         "amount",
         "7654321",
         {(const char *const[]){"project_code", "PA", "date", "2004-02-01", "amount", "500", "code", "XN1",
                                NULL},
          (const char *const[]){"project_code", "PB", "date", "2004-02-01", "amount", "500", "code", "XN2",
                                NULL}}},
};
#define NCASES (sizeof cases / sizeof cases[0])

static char template_path[256];

/* Builds the fixture once into a database every test copies. */
static int setup(void **state)
{
	(void)state;
	struct testdb t;
	testdb_open(&t);
	for (size_t i = 0; i < sizeof fixture / sizeof fixture[0]; i++) {
		err e;
		err_init(&e);
		struct import_result res;
		if (import_csv(t.d, kind_find(fixture[i].kind), fixture[i].kind, fixture[i].csv,
		               strlen(fixture[i].csv), false, LANG_EN, &testdb_actor, &res, &e)) {
			err_print(&e, stderr);
			fail();
		}
		err_free(&e);
	}
	db_close(t.d);
	snprintf(template_path, sizeof template_path, "%s", t.path);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_remove(template_path);
	return 0;
}

/* A fresh copy of the fixture. */
static void fresh(struct testdb *t)
{
	testdb_copy(template_path, t);
}

/* ---- calling pages ---- */

struct who {
	enum role role;
	struct actor actor;
	const char *name;
};

static void who_init(struct who *w, enum role r)
{
	w->role = r;
	w->name = role_name(r);
	w->actor = (struct actor){w->name, r,
	                          r == ROLE_COUNTY      ? OWN_COUNTY
	                          : r == ROLE_SUPPORTER ? OWN_SUPPORTER
	                                                : "",
	                          "form"};
}

struct call {
	const char *method, *path;
	const char *const *form;   /* name, value pairs (NULL-terminated), or NULL */
	const char *body;          /* JSON for the API, or NULL */
	const char *const *params; /* query name, value pairs, or NULL */
};

/* Runs C as actor A (NULL: nobody signed in) on D; returns the status and,
 * when BODY is not NULL, the answer's body in it. */
static int run(db *d, const struct actor *a, const struct call *c, buf *body)
{
	struct web_req r = {0};
	struct web_param ps[8];
	struct web_form_field f[32];
	size_t nf = 0;
	r.db = d;
	r.actor = a;
	r.method = c->method;
	r.path = c->path;
	r.lang = LANG_EN;
	r.body = c->body ? c->body : "";
	r.body_len = strlen(r.body);
	r.content_type = c->body ? "application/json" : "";
	for (size_t i = 0; c->params && c->params[2 * i]; i++) {
		ps[i] = (struct web_param){(char *)c->params[2 * i], (char *)c->params[2 * i + 1]};
		r.nparams = i + 1;
	}
	r.params = ps;
	if (c->form) {
		/* a form carries the session's CSRF token; the API is token-authenticated */
		r.csrf = CSRF;
		r.content_type = "application/x-www-form-urlencoded";
		for (; c->form[2 * nf]; nf++) {
			f[nf].key = (char *)c->form[2 * nf];
			f[nf].filename = NULL;
			buf_init(&f[nf].val);
			buf_puts(&f[nf].val, c->form[2 * nf + 1]);
		}
		f[nf].key = "csrf";
		f[nf].filename = NULL;
		buf_init(&f[nf].val);
		buf_puts(&f[nf].val, CSRF);
		nf++;
		r.form = f;
		r.nform = nf;
	}
	struct web_resp resp;
	web_resp_init(&resp);
	web_dispatch(&r, &resp);
	int status = resp.status;
	if (body) {
		size_t len;
		const char *data = web_resp_data(&resp, &len);
		buf_reset(body);
		buf_add(body, data, len);
	}
	web_resp_free(&resp);
	for (size_t i = 0; i < nf; i++)
		buf_free(&f[i].val);
	return status;
}

static void expect(int got, int want, const struct who *w, const struct call *c, const char *what)
{
	if (got != want)
		fail_msg("%s %s %s as %s (%s): %d, expected %d", c->method, c->path, c->body ? c->body : "",
		         w ? w->name : "nobody", what, got, want);
}

/* ---- the state a refused write must leave alone ---- */

static int64_t count_of(db *d, const char *sql)
{
	int64_t n = -1;
	err e;
	err_init(&e);
	assert_int_equal(db_int(d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

struct snapshot {
	int64_t rows, audit;
	buf record; /* the record's values, or "(none)" */
};

static void snap(db *d, const struct kind *k, const char *id, struct snapshot *s)
{
	buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT count(*) FROM %s", k->table);
	s->rows = count_of(d, buf_str(&sql));
	s->audit = count_of(d, "SELECT count(*) FROM audit");
	buf_free(&sql);
	buf_init(&s->record);
	char **vals = xcalloc(k->ncols, sizeof(char *));
	err e;
	err_init(&e);
	int found = id ? record_load(d, k, id, vals, &e) : 0;
	assert_true(found >= 0);
	if (found != 1)
		buf_puts(&s->record, "(none)");
	for (size_t i = 0; found == 1 && i < k->ncols; i++)
		buf_printf(&s->record, "%s=%s;", k->cols[i].name, vals[i] ? vals[i] : "NULL");
	record_values_free(k, vals);
	free(vals);
	err_free(&e);
}

static void same_state(db *d, const struct kind *k, const char *id, struct snapshot *before, const char *what)
{
	struct snapshot after;
	snap(d, k, id, &after);
	if (after.rows != before->rows || after.audit != before->audit ||
	    strcmp(buf_str(&after.record), buf_str(&before->record)) != 0)
		fail_msg("%s: a refusal changed %s %s: %lld rows → %lld, audit %lld → %lld, %s → %s", what,
		         k->name, id ? id : "", (long long)before->rows, (long long)after.rows,
		         (long long)before->audit, (long long)after.audit, buf_str(&before->record),
		         buf_str(&after.record));
	buf_free(&after.record);
	buf_free(&before->record);
}

/* The record's value of FIELD now. */
static void value_of(db *d, const struct kind *k, const char *id, const char *field, buf *out)
{
	char **vals = xcalloc(k->ncols, sizeof(char *));
	err e;
	err_init(&e);
	assert_int_equal(record_load(d, k, id, vals, &e), 1);
	buf_reset(out);
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, field) == 0)
			buf_puts(out, vals[i] ? vals[i] : "");
	record_values_free(k, vals);
	free(vals);
	err_free(&e);
}

/* The record's columns as a form with FIELD set to VALUE; the strings are
 * kept in KEEP (2 * ncols + 1 pointers) and VALS. */
static const char *const *edit_form(db *d, const struct kind *k, const char *id, const char *field,
                                    const char *value, char **vals, const char **keep)
{
	err e;
	err_init(&e);
	assert_int_equal(record_load(d, k, id, vals, &e), 1);
	err_free(&e);
	size_t n = 0;
	for (size_t i = 0; i < k->ncols; i++) {
		keep[n++] = k->cols[i].name;
		keep[n++] = strcmp(k->cols[i].name, field) == 0 ? value : vals[i] ? vals[i] : "";
	}
	keep[n] = NULL;
	return keep;
}

/* {"FIELD": "VALUE", …} of a NULL-terminated pairs list */
static char *json_of(const char *const *kv)
{
	json_t *o = json_object();
	for (size_t i = 0; kv[2 * i]; i++)
		json_object_set_new(o, kv[2 * i], json_string(kv[2 * i + 1]));
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return s;
}

/* ---- the walk ---- */

static const struct kcase *case_of(const char *kind)
{
	for (size_t i = 0; i < NCASES; i++)
		if (strcmp(cases[i].kind, kind) == 0)
			return &cases[i];
	return NULL;
}

/* GET /{kind}/{id}, …/edit, …/delete and /{kind}/new */
static void walk_record_gets(db *d, const struct who *w, const struct kcase *kc)
{
	buf path = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0;
		bool r = t_read(w->role, kc->kind, own), wr = t_write(w->role, kc->kind, own);
		static const char *const suffix[] = {"", "/edit", "/delete"};
		for (size_t s = 0; s < 3; s++) {
			buf_reset(&path);
			buf_printf(&path, "/%s/%s%s", kc->kind, kc->id[side], suffix[s]);
			struct call c = {"GET", buf_str(&path), NULL, NULL, NULL};
			int want;
			/* a record's page; writers go on to its form, except for a
			 * project's and a plan's own pages */
			bool own_page = strcmp(kc->kind, "projects") == 0 || strcmp(kc->kind, "plans") == 0;
			if (s == 0)
				want = !r ? 403 : own_page ? 200 : wr ? 303 : 200;
			else
				want = wr ? 200 : 403;
			expect(run(d, &w->actor, &c, NULL), want, w, &c, own ? "own" : "other");
		}
	}
	/* a project's timeline: who reads the project */
	for (int side = 0; strcmp(kc->kind, "projects") == 0 && side < 2; side++) {
		buf_reset(&path);
		buf_printf(&path, "/projects/%s/timeline", kc->id[side]);
		struct call tl = {"GET", buf_str(&path), NULL, NULL, NULL};
		expect(run(d, &w->actor, &tl, NULL), t_read(w->role, "projects", side == 0) ? 200 : 403, w,
		       &tl, side == 0 ? "own" : "other");
	}
	buf_reset(&path);
	buf_printf(&path, "/%s/new", kc->kind);
	struct call c = {"GET", buf_str(&path), NULL, NULL, NULL};
	expect(run(d, &w->actor, &c, NULL), t_write(w->role, kc->kind, true) ? 200 : 403, w, &c, "new");
	buf_free(&path);
}

/* POST /{kind}/{id}/edit, /{kind}/new, /projects/{code}/funds */
static void walk_record_posts(db *d, const struct who *w, const struct kcase *kc)
{
	const struct kind *k = kind_find(kc->kind);
	buf path = BUF_INIT, now = BUF_INIT;
	char **vals = xcalloc(k->ncols, sizeof(char *));
	const char **keep = xcalloc(2 * k->ncols + 1, sizeof(char *));
	for (int side = 0; side < 2; side++) {
		bool own = side == 0, wr = t_write(w->role, kc->kind, own);
		const char *what = own ? "own" : "other";
		struct snapshot before;
		/* a change of one column */
		snap(d, k, kc->id[side], &before);
		buf_reset(&path);
		buf_printf(&path, "/%s/%s/edit", kc->kind, kc->id[side]);
		struct call c = {"POST", buf_str(&path),
		                 edit_form(d, k, kc->id[side], kc->field, kc->value, vals, keep), NULL, NULL};
		expect(run(d, &w->actor, &c, NULL), wr ? 303 : 403, w, &c, what);
		record_values_free(k, vals);
		if (wr) {
			value_of(d, k, kc->id[side], kc->field, &now);
			assert_string_equal(buf_str(&now), kc->value);
			buf_free(&before.record);
		} else {
			same_state(d, k, kc->id[side], &before, buf_str(&path));
		}
		/* a new record */
		snap(d, k, NULL, &before);
		buf_reset(&path);
		buf_printf(&path, "/%s/new", kc->kind);
		struct call n = {"POST", buf_str(&path), kc->create[side], NULL, NULL};
		expect(run(d, &w->actor, &n, NULL), wr ? 303 : 403, w, &n, what);
		if (wr) {
			buf sql = BUF_INIT;
			buf_printf(&sql, "SELECT count(*) FROM %s", k->table);
			assert_int_equal(count_of(d, buf_str(&sql)), before.rows + 1);
			buf_free(&sql);
			buf_free(&before.record);
		} else {
			same_state(d, k, NULL, &before, buf_str(&path));
		}
		/* a receipt on a project's page */
		if (strcmp(kc->kind, "projects") == 0) {
			const struct kind *funds = kind_find("funds");
			bool fw = t_write(w->role, "funds", own);
			snap(d, funds, NULL, &before);
			buf_reset(&path);
			buf_printf(&path, "/projects/%s/funds", kc->id[side]);
			static const char *const receipt[] = {"date", "2004-03-02", "amount", "300",
			                                      "side", "recipient",  NULL};
			struct call f = {"POST", buf_str(&path), receipt, NULL, NULL};
			expect(run(d, &w->actor, &f, NULL), fw ? 303 : 403, w, &f, what);
			if (fw) {
				assert_int_equal(count_of(d, "SELECT count(*) FROM funds"), before.rows + 1);
				buf_free(&before.record);
			} else {
				same_state(d, funds, NULL, &before, buf_str(&path));
			}
			/* a service-log entry and a commitment on a project's page */
			static const char *const entry[] = {"date", "2004-05-02", "action", "走访", NULL};
			static const char *const promise[] = {"what",       "通电",     "promised_date",
			                                      "2004-05-02", "due_date", "2004-08-01",
			                                      NULL};
			static const struct {
				const char *kind, *action;
				const char *const *form;
			} adds[] = {{"service_log", "log", entry}, {"commitments", "commitments", promise}};
			for (size_t x = 0; x < 2; x++) {
				const struct kind *tk = kind_find(adds[x].kind);
				bool tw = t_write(w->role, adds[x].kind, own);
				snap(d, tk, NULL, &before);
				buf_reset(&path);
				buf_printf(&path, "/projects/%s/%s", kc->id[side], adds[x].action);
				struct call a = {"POST", buf_str(&path), adds[x].form, NULL, NULL};
				expect(run(d, &w->actor, &a, NULL), tw ? 303 : 403, w, &a, what);
				if (tw) {
					buf sql = BUF_INIT;
					buf_printf(&sql, "SELECT count(*) FROM %s", tk->table);
					assert_int_equal(count_of(d, buf_str(&sql)), before.rows + 1);
					buf_free(&sql);
					buf_free(&before.record);
				} else {
					same_state(d, tk, NULL, &before, buf_str(&path));
				}
			}
		}
		/* a commitment marked done */
		if (strcmp(kc->kind, "commitments") == 0) {
			snap(d, k, kc->id[side], &before);
			buf_reset(&path);
			buf_printf(&path, "/commitments/%s/done", kc->id[side]);
			static const char *const none[] = {NULL};
			struct call dn = {"POST", buf_str(&path), none, NULL, NULL};
			expect(run(d, &w->actor, &dn, NULL), wr ? 303 : 403, w, &dn, what);
			if (wr) {
				value_of(d, k, kc->id[side], "status", &now);
				assert_string_equal(buf_str(&now), "done");
				buf_free(&before.record);
			} else {
				same_state(d, k, kc->id[side], &before, buf_str(&path));
			}
		}
	}
	free(keep);
	free(vals);
	buf_free(&path);
	buf_free(&now);
}

/* GET /api/v1/{kind}/{id}; POST /api/v1/{kind}; PUT /api/v1/{kind}/{id} */
static void walk_api(db *d, const struct who *w, const struct kcase *kc, const char *method)
{
	const struct kind *k = kind_find(kc->kind);
	buf path = BUF_INIT, now = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0, wr = t_write(w->role, kc->kind, own);
		const char *what = own ? "own" : "other";
		struct snapshot before;
		buf_reset(&path);
		buf_printf(&path, "/api/v1/%s/", kc->kind);
		/* ids with '|' are sent as they are: the path is already decoded */
		buf_puts(&path, kc->id[side]);
		if (strcmp(method, "GET") == 0) {
			struct call c = {"GET", buf_str(&path), NULL, NULL, NULL};
			expect(run(d, &w->actor, &c, NULL), t_read(w->role, kc->kind, own) ? 200 : 403, w, &c,
			       what);
		} else if (strcmp(method, "PUT") == 0) {
			snap(d, k, kc->id[side], &before);
			const char *const change[] = {kc->field, kc->value, NULL};
			char *body = json_of(change);
			struct call c = {"PUT", buf_str(&path), NULL, body, NULL};
			expect(run(d, &w->actor, &c, NULL), wr ? 200 : 403, w, &c, what);
			free(body);
			if (wr) {
				value_of(d, k, kc->id[side], kc->field, &now);
				assert_string_equal(buf_str(&now), kc->value);
				buf_free(&before.record);
			} else {
				same_state(d, k, kc->id[side], &before, buf_str(&path));
			}
		} else if (strcmp(method, "POST") == 0) {
			/* the record the forms created, again under another key */
			snap(d, k, NULL, &before);
			const char *const *kv = kc->create[side];
			const char *again[40];
			size_t n = 0;
			for (; kv[2 * n]; n++) {
				again[2 * n] = kv[2 * n];
				again[2 * n + 1] = kv[2 * n + 1];
				if (strcmp(kv[2 * n], "code") == 0)
					again[2 * n + 1] = own ? "API1" : "API2";
				if (strcmp(kv[2 * n], "program") == 0 && strcmp(kc->kind, "pairings") == 0)
					again[2 * n + 1] = "dongxi";
				if (strcmp(kv[2 * n], "date") == 0 && strcmp(kc->kind, "visits") == 0)
					again[2 * n + 1] = own ? "2004-08-01" : "2004-08-02";
				if (strcmp(kv[2 * n], "date") == 0 && strcmp(kc->kind, "status") == 0)
					again[2 * n + 1] = "2003-09-01";
				if (strcmp(kv[2 * n], "year") == 0 && strcmp(kc->kind, "plan_targets") == 0)
					again[2 * n + 1] = "2006";
				if (strcmp(kv[2 * n], "person_code") == 0 &&
				    strcmp(kc->kind, "project_team") == 0)
					again[2 * n + 1] = own ? "RB" : "RA";
			}
			again[2 * n] = NULL;
			char *body = json_of(again);
			buf_reset(&path);
			buf_printf(&path, "/api/v1/%s", kc->kind);
			struct call c = {"POST", buf_str(&path), NULL, body, NULL};
			expect(run(d, &w->actor, &c, NULL), wr ? 201 : 403, w, &c, what);
			free(body);
			if (wr) {
				buf sql = BUF_INIT;
				buf_printf(&sql, "SELECT count(*) FROM %s", k->table);
				assert_int_equal(count_of(d, buf_str(&sql)), before.rows + 1);
				buf_free(&sql);
				buf_free(&before.record);
			} else {
				same_state(d, k, NULL, &before, buf_str(&path));
			}
		}
	}
	buf_free(&path);
	buf_free(&now);
}

/* Deletes (a form's POST …/delete, or the API's DELETE) each run on a fresh
 * copy, so that every role meets the same records. */
static void walk_delete(const struct who *w, const struct kcase *kc, bool api)
{
	const struct kind *k = kind_find(kc->kind);
	buf path = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0, wr = t_write(w->role, kc->kind, own);
		struct testdb t;
		fresh(&t);
		struct snapshot before;
		snap(t.d, k, kc->id[side], &before);
		buf_reset(&path);
		buf_printf(&path, api ? "/api/v1/%s/%s" : "/%s/%s/delete", kc->kind, kc->id[side]);
		static const char *const none[] = {NULL};
		struct call c = {api ? "DELETE" : "POST", buf_str(&path), api ? NULL : none, NULL, NULL};
		expect(run(t.d, &w->actor, &c, NULL), wr ? (api ? 204 : 303) : 403, w, &c,
		       own ? "own" : "other");
		if (wr) {
			struct snapshot after;
			snap(t.d, k, kc->id[side], &after);
			assert_string_equal(buf_str(&after.record), "(none)");
			buf_free(&after.record);
			buf_free(&before.record);
		} else {
			same_state(t.d, k, kc->id[side], &before, buf_str(&path));
		}
		testdb_close(&t);
	}
	buf_free(&path);
}

/* POST /plans/{code}/submit (the page) or /api/v1/plans/{code}/submit on a
 * draft plan: the offices and the plan's own county may submit it; a
 * refusal is 403 and changes neither the plan nor the trail. And approve,
 * which the offices may try but a draft does not allow (409). */
static void walk_plan_steps(const struct who *w, bool api)
{
	const struct kcase *kc = case_of("plans");
	const struct kind *k = kind_find("plans");
	bool office = w->role == ROLE_ADMIN || w->role == ROLE_MUNICIPAL;
	buf path = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0;
		bool may = office || (w->role == ROLE_COUNTY && own);
		for (int step = 0; step < 2; step++) {
			struct testdb t;
			fresh(&t);
			struct snapshot before;
			snap(t.d, k, kc->id[side], &before);
			buf_reset(&path);
			buf_printf(&path, "%s/plans/%s/%s", api ? "/api/v1" : "", kc->id[side],
			           step ? "approve" : "submit");
			static const char *const none[] = {NULL};
			struct call c = {"POST", buf_str(&path), api ? NULL : none, api ? "{}" : NULL, NULL};
			int want = step == 0 ? (may ? (api ? 200 : 303) : 403) : (office ? 409 : 403);
			expect(run(t.d, &w->actor, &c, NULL), want, w, &c, own ? "own" : "other");
			if (want == 403 || want == 409)
				same_state(t.d, k, kc->id[side], &before, buf_str(&path));
			else
				buf_free(&before.record);
			testdb_close(&t);
		}
	}
	buf_free(&path);
}

/* POST /upload: a confirmed CSV changing the own or the other labour batch */
static void walk_upload(db *d, const struct who *w)
{
	const struct kind *k = kind_find("labour");
	for (int side = 0; side < 2; side++) {
		bool own = side == 0;
		const char *csv = own ? "code,date,origin_code,mode,headcount,supporter_code\n"
		                        "LA,2004-03-15,500101,gov_contract,66,310000\n"
		                      : "code,date,origin_code,mode,headcount,supporter_code\n"
		                        "LB,2004-03-15,500240,gov_contract,66,440300\n";
		const char *const form[] = {"kind", "labour",  "name", "labour.csv", "csv",
		                            csv,    "confirm", "1",    NULL};
		struct call c = {"POST", "/upload", form, NULL, NULL};
		struct snapshot before;
		const char *id = own ? "LA" : "LB";
		snap(d, k, id, &before);
		bool wr = t_write(w->role, "labour", own);
		expect(run(d, &w->actor, &c, NULL), wr ? 200 : 403, w, &c, own ? "own" : "other");
		if (wr) {
			buf now = BUF_INIT;
			value_of(d, k, id, "headcount", &now);
			assert_string_equal(buf_str(&now), "66");
			buf_free(&now);
			buf_free(&before.record);
		} else {
			same_state(d, k, id, &before, "/upload");
		}
	}
}

/* Both sides' books (issue 10): POST /funds/{id}/verify (the offices, a
 * record they read), /funds/{id}/unlock (the same, with a reason), and
 * /transfers/{id}/confirm (the offices and the transfer's county); a
 * refusal changes nothing. */
static void walk_books(const struct who *w)
{
	bool office = w->role == ROLE_ADMIN || w->role == ROLE_MUNICIPAL;
	buf path = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0;
		struct testdb t;
		fresh(&t);
		const struct kind *funds = kind_find("funds"), *transfers = kind_find("transfers");
		const char *fid = own ? "FA" : "FB", *xid = own ? "XA" : "XB";
		static const char *const none[] = {"x", "1", NULL};
		static const char *const reason[] = {"reason", "typo", NULL};
		struct snapshot before;
		snap(t.d, funds, fid, &before);
		buf_reset(&path);
		buf_printf(&path, "/funds/%s/verify", fid);
		struct call v = {"POST", buf_str(&path), none, NULL, NULL};
		int want = office ? 303 : 403;
		expect(run(t.d, &w->actor, &v, NULL), want, w, &v, own ? "own" : "other");
		int64_t verified = count_of(t.d, "SELECT count(*) FROM funds WHERE verified_at IS NOT NULL");
		assert_int_equal(verified, office ? 1 : 0);
		if (want == 403)
			same_state(t.d, funds, fid, &before, buf_str(&path));
		else
			buf_free(&before.record);
		buf_reset(&path);
		buf_printf(&path, "/funds/%s/unlock", fid);
		struct call u = {"POST", buf_str(&path), reason, NULL, NULL};
		/* the offices unlock what they verified; the others are refused first */
		expect(run(t.d, &w->actor, &u, NULL), office ? 303 : 403, w, &u, own ? "own" : "other");
		snap(t.d, transfers, xid, &before);
		buf_reset(&path);
		buf_printf(&path, "/transfers/%s/confirm", xid);
		struct call c = {"POST", buf_str(&path), none, NULL, NULL};
		want = office || (w->role == ROLE_COUNTY && own) ? 303 : 403;
		expect(run(t.d, &w->actor, &c, NULL), want, w, &c, own ? "own" : "other");
		assert_int_equal(count_of(t.d, "SELECT count(*) FROM transfer_links"), want == 303 ? 1 : 0);
		buf_free(&before.record);
		testdb_close(&t);
	}
	buf_free(&path);
}

/* Both sides' books in the API (issue 10, api_books.c), the route RT:
 * POST /api/v1/funds/{id}/verify|unlock (the offices), .../evidence (who
 * writes the receipt; then GET /api/v1/evidence/{id} by who reads it),
 * GET /api/v1/funds/{id}/evidence (who reads it), POST
 * /api/v1/transfers/{id}/confirm|unconfirm (the offices and the transfer's
 * county); a refusal changes nothing. */
static void walk_books_api(const struct who *w, const struct web_route *rt)
{
	bool office = w->role == ROLE_ADMIN || w->role == ROLE_MUNICIPAL;
	bool post = strcmp(rt->method, "POST") == 0;
	buf path = BUF_INIT, out = BUF_INIT;
	for (int side = 0; side < 2; side++) {
		bool own = side == 0;
		const char *what = own ? "own" : "other";
		struct testdb t;
		fresh(&t);
		const char *fid = own ? "FA" : "FB", *xid = own ? "XA" : "XB";
		buf_reset(&path);
		if (strcmp(rt->path, "/api/v1/funds/") == 0 && post) {
			buf_printf(&path, "/api/v1/funds/%s/verify", fid);
			struct call v = {"POST", buf_str(&path), NULL, "", NULL};
			expect(run(t.d, &w->actor, &v, NULL), office ? 200 : 403, w, &v, what);
			assert_int_equal(
			        count_of(t.d, "SELECT count(*) FROM funds WHERE verified_at IS NOT NULL"),
			        office ? 1 : 0);
			buf_reset(&path);
			buf_printf(&path, "/api/v1/funds/%s/unlock", fid);
			struct call u = {"POST", buf_str(&path), NULL, "{\"reason\": \"typo\"}", NULL};
			expect(run(t.d, &w->actor, &u, NULL), office ? 200 : 403, w, &u, what);
			assert_int_equal(
			        count_of(t.d, "SELECT count(*) FROM funds WHERE verified_at IS NOT NULL"), 0);
			buf_reset(&path);
			buf_printf(&path, "/api/v1/funds/%s/evidence", fid);
			struct call a = {"POST", buf_str(&path), NULL, "%PDF-1.4 evidence", NULL};
			bool wr = t_write(w->role, "funds", own);
			expect(run(t.d, &w->actor, &a, NULL), wr ? 201 : 403, w, &a, what);
			int64_t docs = count_of(t.d, "SELECT count(*) FROM fund_evidence");
			assert_int_equal(docs, wr ? 1 : 0);
			if (wr) {
				int64_t id = count_of(t.d, "SELECT max(id) FROM fund_evidence");
				buf_reset(&path);
				buf_printf(&path, "/api/v1/evidence/%lld", (long long)id);
				struct call g = {"GET", buf_str(&path), NULL, NULL, NULL};
				expect(run(t.d, &w->actor, &g, &out), 200, w, &g, what);
				assert_string_equal(buf_str(&out), "%PDF-1.4 evidence");
			}
		} else if (strcmp(rt->path, "/api/v1/funds/") == 0) {
			buf_printf(&path, "/api/v1/funds/%s/evidence", fid);
			struct call c = {"GET", buf_str(&path), NULL, NULL, NULL};
			expect(run(t.d, &w->actor, &c, NULL), t_read(w->role, "funds", own) ? 200 : 403, w,
			       &c, what);
		} else if (strcmp(rt->path, "/api/v1/transfers/") == 0) {
			bool may = office || (w->role == ROLE_COUNTY && own);
			buf_printf(&path, "/api/v1/transfers/%s/confirm", xid);
			struct call c = {"POST", buf_str(&path), NULL, "{}", NULL};
			expect(run(t.d, &w->actor, &c, NULL), may ? 200 : 403, w, &c, what);
			assert_int_equal(count_of(t.d, "SELECT count(*) FROM transfer_links"), may ? 1 : 0);
			buf_reset(&path);
			buf_printf(&path, "/api/v1/transfers/%s/unconfirm", xid);
			struct call u = {"POST", buf_str(&path), NULL, "{\"reason\": \"typo\"}", NULL};
			expect(run(t.d, &w->actor, &u, NULL), may ? 200 : 403, w, &u, what);
			assert_int_equal(count_of(t.d, "SELECT count(*) FROM transfer_links"), 0);
		} else {
			/* GET /api/v1/evidence/{id}: read above after an upload */
			struct call c = {"GET", "/api/v1/evidence/999", NULL, NULL, NULL};
			expect(run(t.d, &w->actor, &c, NULL), 404, w, &c, "evidence");
		}
		testdb_close(&t);
	}
	buf_free(&path);
	buf_free(&out);
}

/* The routes other helpers add (sign-in, audit): their expectations are
 * here so that the walk covers them once they are in web_routes(). */
static bool route_of_others(const struct web_route *rt)
{
	return strcmp(rt->path, "/login") == 0 || strcmp(rt->path, "/logout") == 0;
}

static const char *const report_params[] = {"year", "2004", NULL};
static const char *const iati_params[] = {"program", "sanxia", "year", "2004", NULL};

static void walk_routes(const struct who *w)
{
	struct testdb t;
	fresh(&t);
	for (const struct web_route *rt = web_routes(); rt->path; rt++) {
		const char *kname = NULL;
		char name[32];
		if (rt->prefix && rt->path[0] == '/' && strncmp(rt->path, "/api/", 5) != 0) {
			size_t n = strlen(rt->path) - 2;
			if (n < sizeof name) {
				memcpy(name, rt->path + 1, n);
				name[n] = '\0';
				kname = case_of(name) ? name : NULL;
			}
		}
		if (!rt->prefix && strcmp(rt->method, "GET") == 0) {
			struct call c = {"GET", rt->path, NULL, NULL,
			                 (strstr(rt->path, "reports/") && !strstr(rt->path, "plan")) ||
			                                 strncmp(rt->path, "/scorecard", 10) == 0
			                         ? report_params
			                 : strcmp(rt->path, "/export/iati") == 0 ? iati_params
			                                                         : NULL};
			expect(run(t.d, &w->actor, &c, NULL), t_page(w->role, rt->path), w, &c, "page");
		} else if (!rt->prefix && strcmp(rt->path, "/upload") == 0) {
			walk_upload(t.d, w);
		} else if (rt->prefix && strcmp(rt->path, "/static/") == 0) {
			struct call c = {"GET", "/static/style.css", NULL, NULL, NULL};
			expect(run(t.d, &w->actor, &c, NULL), 200, w, &c, "asset");
		} else if (kname && strcmp(rt->method, "GET") == 0) {
			walk_record_gets(t.d, w, case_of(kname));
		} else if (kname && strcmp(rt->method, "POST") == 0) {
			walk_record_posts(t.d, w, case_of(kname));
			walk_delete(w, case_of(kname), false);
			if (strcmp(kname, "plans") == 0)
				walk_plan_steps(w, false);
			if (strcmp(kname, "transfers") == 0)
				walk_books(w);
		} else if (rt->prefix && strcmp(rt->path, "/evidence/") == 0) {
			/* every role reads some receipts; the page answers for the document */
			struct call c = {"GET", "/evidence/999", NULL, NULL, NULL};
			expect(run(t.d, &w->actor, &c, NULL), 404, w, &c, "evidence");
		} else if (rt->prefix && (strcmp(rt->path, "/api/v1/funds/") == 0 ||
		                          strcmp(rt->path, "/api/v1/transfers/") == 0 ||
		                          strcmp(rt->path, "/api/v1/evidence/") == 0)) {
			walk_books_api(w, rt);
		} else if (rt->prefix && strcmp(rt->path, "/api/v1/plans/") == 0) {
			walk_plan_steps(w, true);
		} else if (rt->prefix && strcmp(rt->path, "/api/v1/") == 0) {
			for (size_t i = 0; i < NCASES; i++) {
				if (strcmp(rt->method, "DELETE") == 0)
					walk_delete(w, &cases[i], true);
				else
					walk_api(t.d, w, &cases[i], rt->method);
			}
		} else if (!route_of_others(rt)) {
			fail_msg("%s %s: the authorization test has no expectation for this route",
			         rt->method, rt->path);
		}
	}
	testdb_close(&t);
}

static void test_every_route_every_role(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct who w;
		who_init(&w, (enum role)r);
		walk_routes(&w);
	}
}

/* Nobody signed in: every route but the assets (and /login) is refused. */
static void test_nobody(void **state)
{
	(void)state;
	struct testdb t;
	fresh(&t);
	for (const struct web_route *rt = web_routes(); rt->path; rt++) {
		if (route_of_others(rt))
			continue;
		buf path = BUF_INIT;
		buf_puts(&path, rt->path);
		if (rt->prefix)
			buf_puts(&path, strcmp(rt->path, "/static/") == 0   ? "style.css"
			                : strcmp(rt->path, "/api/v1/") == 0 ? "funds/FA"
			                                                    : "new");
		const char *const none[] = {NULL};
		struct call c = {rt->method, buf_str(&path), strcmp(rt->method, "POST") == 0 ? none : NULL,
		                 NULL, NULL};
		expect(run(t.d, NULL, &c, NULL), strcmp(rt->path, "/static/") == 0 ? 200 : 403, NULL, &c,
		       "no actor");
		buf_free(&path);
	}
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM funds"), 2);
	testdb_close(&t);
}

/* ---- lists, downloads and the API hold exactly the reader's rows ---- */

/* The county and supporter a row belongs to, by this file's reading of the
 * table; NULL where the kind has none (conferences). */
static void row_scope(db *d, const char *kind, json_t *row, char *county, char *supporter)
{
	const char *proj = json_string_value(json_object_get(row, "project_code"));
	county[0] = supporter[0] = '\0';
	if (proj) {
		db_stmt *st;
		err e;
		err_init(&e);
		assert_int_equal(
		        db_prepare(d, &st, &e,
		                   "SELECT recipient_code, supporter_code FROM projects WHERE code = $1", "t",
		                   proj),
		        0);
		assert_int_equal(db_step(st, &e), DB_ROW);
		snprintf(county, 16, "%s", db_col_text(st, 0));
		snprintf(supporter, 16, "%s", db_col_text(st, 1));
		db_finalize(st);
		err_free(&e);
		return;
	}
	const char *c = json_string_value(json_object_get(row, "recipient_code"));
	if (!c)
		c = json_string_value(json_object_get(row, "origin_code"));
	if (!c) /* people: of their county, or of the supporter's office */
		c = json_string_value(json_object_get(row, "division_code"));
	const char *s = json_string_value(json_object_get(row, "supporter_code"));
	snprintf(county, 16, "%s", c ? c : "");
	snprintf(supporter, 16, "%s", s ? s : "");
	const char *plan = json_string_value(json_object_get(row, "plan_code"));
	if (plan) {
		/* a plan's yearly targets are its county's */
		db_stmt *st;
		err e;
		err_init(&e);
		assert_int_equal(
		        db_prepare(d, &st, &e, "SELECT recipient_code FROM plans WHERE code = $1", "t", plan),
		        0);
		assert_int_equal(db_step(st, &e), DB_ROW);
		snprintf(county, 16, "%s", db_col_text(st, 0));
		db_finalize(st);
		err_free(&e);
	}
	if (strcmp(kind, "people") == 0 && strcmp(county, OWN_SUPPORTER) == 0) {
		snprintf(supporter, 16, "%s", OWN_SUPPORTER);
	} else if (strcmp(kind, "plans") == 0 || strcmp(kind, "people") == 0 || plan) {
		/* a plan (a person, a plan's targets) is the supporter's when its county is paired with it */
		db_stmt *st;
		err e;
		err_init(&e);
		assert_int_equal(db_prepare(d, &st, &e,
		                            "SELECT count(*) FROM pairings WHERE recipient_code = $1 AND "
		                            "supporter_code = $2",
		                            "tt", county, OWN_SUPPORTER),
		                 0);
		assert_int_equal(db_step(st, &e), DB_ROW);
		snprintf(supporter, 16, "%s", db_col_int(st, 0) ? OWN_SUPPORTER : "");
		db_finalize(st);
		err_free(&e);
	}
}

static bool row_is_own(db *d, enum role r, const char *kind, json_t *row)
{
	char county[16], supporter[16];
	row_scope(d, kind, row, county, supporter);
	if (r == ROLE_COUNTY)
		return strcmp(county, OWN_COUNTY) == 0;
	if (r == ROLE_SUPPORTER)
		return strcmp(supporter, OWN_SUPPORTER) == 0;
	return true;
}

struct csv_rows {
	json_t *rows;
	json_t *header;
};

static int collect(void *ctx, const struct csv_row *r, err *e)
{
	(void)e;
	struct csv_rows *c = ctx;
	if (r->row == 1) {
		c->header = json_array();
		for (size_t i = 0; i < r->n; i++)
			json_array_append_new(c->header, json_string(r->fields[i]));
		return 0;
	}
	json_t *o = json_object();
	for (size_t i = 0; i < r->n; i++)
		json_object_set_new(o, json_string_value(json_array_get(c->header, i)),
		                    json_string(r->fields[i]));
	json_array_append_new(c->rows, o);
	return 0;
}

/* The rows of a CSV download, as objects of their columns. */
static json_t *csv_rows(const buf *b)
{
	struct csv_rows c = {json_array(), NULL};
	err e;
	err_init(&e);
	assert_int_equal(csv_read(b->s ? b->s : "", b->len, "download", collect, &c, &e), 0);
	err_free(&e);
	json_decref(c.header);
	return c.rows;
}

static void check_lists(db *d, const struct who *w, const struct who *admin)
{
	buf body = BUF_INIT, path = BUF_INIT;
	for (size_t i = 0; i < NCASES; i++) {
		const char *kind = cases[i].kind;
		/* the download: the administrator's rows that this reader may read, in the same order */
		buf_reset(&path);
		buf_printf(&path, "/%s.csv", kind);
		struct call c = {"GET", buf_str(&path), NULL, NULL, NULL};
		expect(run(d, &admin->actor, &c, &body), 200, admin, &c, "csv");
		json_t *all = csv_rows(&body), *want = json_array();
		size_t k;
		json_t *row;
		json_array_foreach(all, k, row) if (t_read(w->role, kind, row_is_own(d, w->role, kind, row)))
		        json_array_append(want, row);
		expect(run(d, &w->actor, &c, &body), 200, w, &c, "csv");
		json_t *got = csv_rows(&body);
		if (getenv("AUTHZ_DEBUG"))
			fprintf(stderr, "%s as %s:\n%s\n", buf_str(&path), w->name, buf_str(&body));
		if (!json_equal(got, want)) {
			char *g = json_dumps(got, JSON_COMPACT), *x = json_dumps(want, JSON_COMPACT);
			fail_msg("%s as %s: %s, expected %s", buf_str(&path), w->name, g, x);
		}
		if (w->role == ROLE_COUNTY || w->role == ROLE_SUPPORTER)
			assert_true(strcmp(kind, "conferences") == 0 ||
			            json_array_size(got) < json_array_size(all));
		json_decref(all);
		json_decref(want);
		json_decref(got);

		/* the API: every item the reader's, the other side's record absent */
		buf_reset(&path);
		buf_printf(&path, "/api/v1/%s", kind);
		static const char *const per_page[] = {"per_page", "500", NULL};
		struct call a = {"GET", buf_str(&path), NULL, NULL, per_page};
		expect(run(d, &w->actor, &a, &body), 200, w, &a, "api list");
		json_error_t je;
		json_t *j = json_loads(buf_str(&body), 0, &je);
		assert_non_null(j);
		bool other_seen = false, own_seen = false;
		json_array_foreach(json_object_get(j, "items"), k, row)
		{
			json_t *text = json_object();
			const char *key;
			json_t *v;
			json_object_foreach(row, key, v) if (json_is_string(v)) json_object_set(text, key, v);
			if (!t_read(w->role, kind, row_is_own(d, w->role, kind, text)))
				fail_msg("%s as %s holds %s", buf_str(&path), w->name,
				         json_string_value(json_object_get(row, "id")));
			json_decref(text);
			const char *id = json_string_value(json_object_get(row, "id"));
			other_seen |= strcmp(id, cases[i].id[1]) == 0;
			own_seen |= strcmp(id, cases[i].id[0]) == 0;
		}
		assert_true(own_seen);
		assert_int_equal(other_seen, t_read(w->role, kind, false));
		json_decref(j);

		/* the page: the own record's row, not the other's */
		buf_reset(&path);
		buf_printf(&path, "/%s", kind);
		struct call p = {"GET", buf_str(&path), NULL, NULL, NULL};
		expect(run(d, &w->actor, &p, &body), 200, w, &p, "list");
		buf id = BUF_INIT;
		for (int side = 0; side < 2; side++) {
			buf_reset(&id);
			if (strcmp(kind, "projects") == 0)
				buf_printf(&id, "href=\"/projects/%s\"", cases[i].id[side]);
			else
				buf_printf(&id, "data-id=\"%s\"", cases[i].id[side]);
			bool shown = strstr(buf_str(&body), buf_str(&id)) != NULL;
			if (shown != t_read(w->role, kind, side == 0))
				fail_msg("%s as %s: %s %s", buf_str(&path), w->name, buf_str(&id),
				         shown ? "shown" : "missing");
		}
		buf_free(&id);
		/* writers get the new button, readers do not */
		buf_reset(&id);
		buf_printf(&id, "href=\"/%s/new\"", kind);
		if (strcmp(kind, "projects") != 0) /* projects are added from their own page */
			assert_int_equal(strstr(buf_str(&body), buf_str(&id)) != NULL,
			                 t_write(w->role, kind, true));
		buf_free(&id);
	}
	/* the matrix */
	struct call m = {"GET", "/pairings/matrix", NULL, NULL,
	                 (const char *const[]){"program", "sanxia", NULL}};
	expect(run(d, &w->actor, &m, &body), 200, w, &m, "matrix");
	assert_non_null(strstr(buf_str(&body), "data-pair=\"310000|500101\""));
	assert_int_equal(strstr(buf_str(&body), "data-pair=\"440300|500240\"") != NULL,
	                 t_read(w->role, "pairings", false));
	/* the nav shows what the role may open */
	assert_int_equal(strstr(buf_str(&body), "href=\"/upload\"") != NULL,
	                 t_page(w->role, "/upload") == 200);
	assert_int_equal(strstr(buf_str(&body), "href=\"/check\"") != NULL, t_page(w->role, "/check") == 200);
	/* a project's page: buttons only for who may use them */
	struct call pp = {"GET", "/projects/PA", NULL, NULL, NULL};
	expect(run(d, &w->actor, &pp, &body), 200, w, &pp, "project");
	assert_int_equal(strstr(buf_str(&body), "id=\"edit\"") != NULL, t_write(w->role, "projects", true));
	assert_int_equal(strstr(buf_str(&body), "id=\"fund-form\"") != NULL, t_write(w->role, "funds", true));
	buf_free(&body);
	buf_free(&path);
}

static void test_lists_hold_the_readers_rows(void **state)
{
	(void)state;
	struct testdb t;
	fresh(&t);
	struct who admin;
	who_init(&admin, ROLE_ADMIN);
	for (int r = 0; r < ROLE_COUNT; r++) {
		struct who w;
		who_init(&w, (enum role)r);
		check_lists(t.d, &w, &admin);
	}
	/* and, spelled out, a county's funds */
	struct who county;
	who_init(&county, ROLE_COUNTY);
	buf body = BUF_INIT;
	struct call c = {"GET", "/funds.csv", NULL, NULL, NULL};
	expect(run(t.d, &county.actor, &c, &body), 200, &county, &c, "csv");
	assert_non_null(strstr(buf_str(&body), "PA,2004-01-15,1000000"));
	assert_null(strstr(buf_str(&body), "PB,"));
	buf_free(&body);
	testdb_close(&t);
}

/* ---- imports ---- */

static int import_as(db *d, const struct actor *a, const char *kind, const char *csv, enum lang lang, err *e,
                     struct import_result *res)
{
	return import_csv(d, kind_find(kind), "f.csv", csv, strlen(csv), false, lang, a, res, e);
}

static void test_import_refusals(void **state)
{
	(void)state;
	struct testdb t;
	fresh(&t);
	struct who county, supporter, viewer;
	who_init(&county, ROLE_COUNTY);
	who_init(&supporter, ROLE_SUPPORTER);
	who_init(&viewer, ROLE_VIEWER);
	struct import_result res;
	err e;
	int64_t labour = count_of(t.d, "SELECT count(*) FROM labour");
	int64_t pairings = count_of(t.d, "SELECT count(*) FROM pairings"); /* the reference data's too */

	/* a new batch of its own county, then one of another: nothing written */
	err_init(&e);
	assert_int_equal(import_as(t.d, &county.actor, "labour",
	                           "code,date,origin_code,mode,headcount\n"
	                           "LX1,2004-06-01,500101,gov_contract,5\n"
	                           "LX2,2004-06-01,500240,gov_contract,5\n",
	                           LANG_EN, &e, &res),
	                 -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_int_equal(e.count, 1);
	assert_string_equal(e.msgs.s, "f.csv:3:origin_code: \"500240\" is outside your scope 500101\n");
	assert_int_equal(res.refused, 1);
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM labour"), labour);
	err_free(&e);

	/* an existing record of another county, moved into its own: refused before the change */
	err_init(&e);
	assert_int_equal(
	        import_as(t.d, &county.actor, "plans",
	                  "规划编号,受援区县,起始年份,截止年份\nPLA,500101,2004,2008\nPLB,500101,2004,2007\n",
	                  LANG_ZH, &e, &res),
	        -1);
	assert_int_equal(e.count, 1);
	assert_string_equal(e.msgs.s, "f.csv:3:受援区县: 该记录不在您的权限范围（500101）内，无权修改\n");
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM plans WHERE end_year = 2008"), 0);
	assert_int_equal(
	        count_of(t.d, "SELECT count(*) FROM plans WHERE code = 'PLB' AND recipient_code = '500240'"),
	        1);
	err_free(&e);

	/* its own record moved out of its county: refused after the change */
	err_init(&e);
	assert_int_equal(
	        import_as(t.d, &county.actor, "projects",
	                  "code,name,program,category,recipient_code,supporter_code,signed_date,"
	                  "industry_code,status,status_date\n"
	                  "PA,项目甲,sanxia,economic,500240,310000,2003-06-10,17,constructing,2004-03-01\n",
	                  LANG_EN, &e, &res),
	        -1);
	assert_string_equal(e.msgs.s, "f.csv:2:recipient_code: \"500240\" is outside your scope 500101\n");
	assert_int_equal(
	        count_of(t.d,
	                 "SELECT count(*) FROM projects WHERE code = 'PA' AND recipient_code = '500101'"),
	        1);
	err_free(&e);

	/* a receipt of another supporter's project; the dry run says so too */
	err_init(&e);
	const char *fund = "project_code,date,amount,side\nPB,2004-05-01,100,supporter\n";
	assert_int_equal(import_csv(t.d, kind_find("funds"), "f.csv", fund, strlen(fund), true, LANG_EN,
	                            &supporter.actor, &res, &e),
	                 -1);
	assert_string_equal(e.msgs.s, "f.csv:2:project_code: \"PB\" is outside your scope 310000\n");
	err_free(&e);
	err_init(&e);
	assert_int_equal(import_as(t.d, &supporter.actor, "funds",
	                           "project_code,date,amount,side\nPA,2004-05-01,100,supporter\n", LANG_EN,
	                           &e, &res),
	                 0);
	assert_int_equal(res.added, 1);
	err_free(&e);

	/* a kind the role may not write at all */
	int64_t audited = count_of(t.d, "SELECT count(*) FROM audit");
	err_init(&e);
	assert_int_equal(
	        import_as(t.d, &county.actor, "pairings",
	                  "program,supporter_code,recipient_code,since_year\nxizang,310000,500101,1994\n",
	                  LANG_EN, &e, &res),
	        -1);
	assert_string_equal(e.msgs.s, "f.csv:1:: a county user may not change pairings records\n");
	err_free(&e);
	err_init(&e);
	assert_int_equal(import_as(t.d, &viewer.actor, "funds",
	                           "project_code,date,amount,side\nPA,2004-05-01,100,supporter\n", LANG_ZH,
	                           &e, &res),
	                 -1);
	assert_string_equal(e.msgs.s, "f.csv:1:: 只读用户无权修改到位资金记录\n");
	err_free(&e);
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM pairings"), pairings);
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM funds"), 3);
	assert_int_equal(count_of(t.d, "SELECT count(*) FROM audit"), audited);
	testdb_close(&t);
}

/* record.c: a refusal is RECORD_FORBIDDEN, beside the scope column */
static void test_record_outcomes(void **state)
{
	(void)state;
	struct testdb t;
	fresh(&t);
	struct who county;
	who_init(&county, ROLE_COUNTY);
	struct record_result r;
	record_result_init(&r);
	assert_int_equal(record_delete(t.d, kind_find("labour"), "LB", LANG_EN, &county.actor, &r),
	                 RECORD_FORBIDDEN);
	assert_string_equal(r.problems[0].field, "origin_code");
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("labour"), "LX", LANG_EN, &county.actor, &r),
	                 RECORD_MISSING);
	record_result_free(&r);
	const struct record_field move[] = {{"recipient_code", "500240"}};
	assert_int_equal(record_update(t.d, kind_find("visits"), "1", move, 1, LANG_EN, &county.actor, &r),
	                 RECORD_FORBIDDEN);
	assert_string_equal(r.problems[0].field, "recipient_code");
	record_result_free(&r);
	assert_int_equal(record_update(t.d, kind_find("visits"), "2", move, 0, LANG_EN, &county.actor, &r),
	                 RECORD_FORBIDDEN);
	record_result_free(&r);
	assert_int_equal(
	        count_of(t.d, "SELECT count(*) FROM visits WHERE id = 1 AND recipient_code = '500101'"), 1);
	assert_int_equal(record_delete(t.d, kind_find("labour"), "LA", LANG_EN, NULL, &r), RECORD_FORBIDDEN);
	record_result_free(&r);
	assert_int_equal(record_delete(t.d, kind_find("labour"), "LA", LANG_EN, &county.actor, &r),
	                 RECORD_OK);
	record_result_free(&r);
	testdb_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_every_route_every_role),
	        cmocka_unit_test(test_nobody),
	        cmocka_unit_test(test_lists_hold_the_readers_rows),
	        cmocka_unit_test(test_import_refusals),
	        cmocka_unit_test(test_record_outcomes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
