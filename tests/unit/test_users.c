/* Users, sessions and login throttling (model/users, model/sessions): the
 * password hash verifies only the right password and is argon2id, a
 * disabled user cannot sign in and loses its sessions, scopes must fit the
 * role, API tokens are stored hashed and replaced, sessions end after the
 * idle time and the lifetime (by moving the clock, not sleeping), and too
 * many failed logins lock a user or an address for the window. Each user
 * change writes one audit row (kind users) with the right action and
 * values, in the change's transaction, never holding a password, its hash
 * or a token; a refused change writes none. */
#include "model/audit.h"
#include "model/sessions.h"
#include "model/users.h"
#include "testdb.h"
#include <sodium.h>

static struct testdb t;

static int setup(void **state)
{
	(void)state;
	err e;
	err_init(&e);
	assert_int_equal(users_init(&e), 0);
	err_free(&e);
	testdb_open(&t);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	testdb_close(&t);
	return 0;
}

static void add_ok(const char *name, enum role role, const char *scope, const char *pw)
{
	err e;
	err_init(&e);
	if (user_add(t.d, &testdb_actor, name, role, scope, pw, &e)) {
		err_print(&e, stderr);
		fail();
	}
	err_free(&e);
}

/* user_add fails with STATUS and a message holding WHAT */
static void add_refused(const char *name, enum role role, const char *scope, const char *pw, const char *what)
{
	err e;
	err_init(&e);
	assert_int_equal(user_add(t.d, &testdb_actor, name, role, scope, pw, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	if (!strstr(buf_str(&e.msgs), what)) {
		fprintf(stderr, "wanted '%s' in: %s", what, buf_str(&e.msgs));
		fail();
	}
	err_free(&e);
}

static bool check(const char *name, const char *pw)
{
	err e;
	err_init(&e);
	struct user u;
	bool ok = true;
	assert_int_equal(user_check_password(t.d, name, pw, &u, &ok, &e), 0);
	err_free(&e);
	return ok;
}

static int64_t count(const char *sql)
{
	err e;
	err_init(&e);
	int64_t n = -1;
	assert_int_equal(db_int(t.d, &n, &e, sql, ""), 0);
	err_free(&e);
	return n;
}

static void test_password_hash(void **state)
{
	(void)state;
	add_ok("alice", ROLE_ADMIN, "", "correct horse 1");
	assert_true(check("alice", "correct horse 1"));
	assert_false(check("alice", "correct horse 2"));
	assert_false(check("alice", ""));
	assert_false(check("Alice", "correct horse 1"));
	assert_false(check("nobody", "correct horse 1"));
	/* stored as argon2id, never as given */
	assert_int_equal(count("SELECT COUNT(*) FROM users WHERE pw_hash LIKE '$argon2id$%'"), 1);
	assert_int_equal(count("SELECT COUNT(*) FROM users WHERE pw_hash LIKE '%correct horse%'"), 0);
	/* a new password replaces the old one and ends the sessions */
	err e;
	err_init(&e);
	char token[USER_SECRET_HEX + 1], csrf[USER_SECRET_HEX + 1];
	assert_int_equal(session_create(t.d, "alice", 1000, token, csrf, &e), 0);
	assert_int_equal(user_set_password(t.d, &testdb_actor, "alice", "battery staple 9", &e), 0);
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);
	assert_false(check("alice", "correct horse 1"));
	assert_true(check("alice", "battery staple 9"));
	assert_int_equal(user_set_password(t.d, &testdb_actor, "alice", "short", &e), -1);
	assert_int_equal(user_set_password(t.d, &testdb_actor, "nobody", "long enough 1", &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	err_free(&e);
	assert_true(check("alice", "battery staple 9"));
}

static void test_add_refusals(void **state)
{
	(void)state;
	add_ok("wanzhou", ROLE_COUNTY, "500101", "county pass 1");
	add_ok("shanghai", ROLE_SUPPORTER, "310000", "supporter pass 1");
	add_ok("王科长", ROLE_VIEWER, "", "viewer pass 1");
	add_refused("short", ROLE_VIEWER, "", "123456789", "shorter than 10");
	add_refused("wanzhou", ROLE_VIEWER, "", "long enough 1", "exists already");
	add_refused("a b", ROLE_VIEWER, "", "long enough 1", "not a user name");
	add_refused("cli:root", ROLE_ADMIN, "", "long enough 1", "not a user name");
	add_refused("", ROLE_ADMIN, "", "long enough 1", "not a user name");
	add_refused("c1", ROLE_COUNTY, "", "long enough 1", "needs --scope");
	add_refused("c2", ROLE_COUNTY, "310000", "long enough 1", "not a known county");
	add_refused("c3", ROLE_COUNTY, "999999", "long enough 1", "not a known county");
	add_refused("s1", ROLE_SUPPORTER, "500101", "long enough 1", "not a supporter");
	add_refused("v1", ROLE_VIEWER, "500101", "long enough 1", "takes no scope");
	assert_int_equal(count("SELECT COUNT(*) FROM users"), 3);
	struct user u;
	bool found = false;
	err e;
	err_init(&e);
	assert_int_equal(user_get(t.d, "wanzhou", &u, &found, &e), 0);
	assert_true(found);
	assert_int_equal(u.role, ROLE_COUNTY);
	assert_string_equal(u.scope, "500101");
	assert_false(u.disabled);
	err_free(&e);
}

static void test_disabled(void **state)
{
	(void)state;
	add_ok("bob", ROLE_MUNICIPAL, "", "bob password 1");
	err e;
	err_init(&e);
	char token[USER_SECRET_HEX + 1], csrf[USER_SECRET_HEX + 1];
	assert_int_equal(session_create(t.d, "bob", 1000, token, csrf, &e), 0);
	bool admin = true;
	assert_int_equal(users_admin_exists(t.d, &admin, &e), 0);
	assert_false(admin);
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "bob", true, &e), 0);
	assert_false(check("bob", "bob password 1"));
	/* disabling ended the session */
	struct session s;
	bool found = true;
	assert_int_equal(session_lookup(t.d, token, 1001, &s, &found, &e), 0);
	assert_false(found);
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "bob", false, &e), 0);
	assert_true(check("bob", "bob password 1"));
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "nobody", true, &e), -1);
	err_free(&e);
}

static void test_tokens(void **state)
{
	(void)state;
	add_ok("api", ROLE_ADMIN, "", "api password 1");
	err e;
	err_init(&e);
	bool admin = false;
	assert_int_equal(users_admin_exists(t.d, &admin, &e), 0);
	assert_true(admin);
	char t1[USER_SECRET_HEX + 1], t2[USER_SECRET_HEX + 1];
	assert_int_equal(user_new_token(t.d, &testdb_actor, "api", t1, &e), 0);
	assert_int_equal(strlen(t1), USER_SECRET_HEX);
	struct user u;
	bool found = false;
	assert_int_equal(user_by_token(t.d, t1, &u, &found, &e), 0);
	assert_true(found);
	assert_string_equal(u.name, "api");
	/* only the hash is stored */
	char hash[USER_SECRET_HEX + 1];
	user_hash_hex(t1, hash);
	db_stmt *st;
	assert_int_equal(db_prepare(t.d, &st, &e, "SELECT token_hash FROM users WHERE name = 'api'", ""), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), hash);
	assert_string_not_equal(db_col_text(st, 0), t1);
	db_finalize(st);
	/* a new token replaces the old one */
	assert_int_equal(user_new_token(t.d, &testdb_actor, "api", t2, &e), 0);
	assert_string_not_equal(t1, t2);
	assert_int_equal(user_by_token(t.d, t1, &u, &found, &e), 0);
	assert_false(found);
	assert_int_equal(user_by_token(t.d, t2, &u, &found, &e), 0);
	assert_true(found);
	assert_int_equal(user_by_token(t.d, "", &u, &found, &e), 0);
	assert_false(found);
	/* a disabled user's token stops working */
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "api", true, &e), 0);
	assert_int_equal(user_by_token(t.d, t2, &u, &found, &e), 0);
	assert_false(found);
	assert_int_equal(user_new_token(t.d, &testdb_actor, "nobody", t1, &e), -1);
	err_free(&e);
}

static bool alive(const char *token, int64_t now, struct session *s)
{
	err e;
	err_init(&e);
	bool found = false;
	assert_int_equal(session_lookup(t.d, token, now, s, &found, &e), 0);
	err_free(&e);
	return found;
}

static void test_sessions(void **state)
{
	(void)state;
	add_ok("carol", ROLE_COUNTY, "500101", "carol password");
	err e;
	err_init(&e);
	const int64_t t0 = 1700000000;
	char a[USER_SECRET_HEX + 1], csrf_a[USER_SECRET_HEX + 1], b[USER_SECRET_HEX + 1],
	        csrf_b[USER_SECRET_HEX + 1];
	assert_int_equal(session_create(t.d, "carol", t0, a, csrf_a, &e), 0);
	assert_int_equal(session_create(t.d, "carol", t0, b, csrf_b, &e), 0);
	assert_string_not_equal(a, b);
	assert_string_not_equal(a, csrf_a);
	assert_string_not_equal(csrf_a, csrf_b);
	/* the token is stored hashed */
	assert_int_equal(count("SELECT COUNT(*) FROM sessions WHERE length(token_hash) = 64"), 2);
	db_stmt *st;
	assert_int_equal(
	        db_prepare(t.d, &st, &e, "SELECT COUNT(*) FROM sessions WHERE token_hash = $1", "t", a), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 0);
	db_finalize(st);

	struct session s;
	assert_true(alive(a, t0 + 60, &s));
	assert_string_equal(s.user.name, "carol");
	assert_int_equal(s.user.role, ROLE_COUNTY);
	assert_string_equal(s.user.scope, "500101");
	assert_string_equal(s.csrf, csrf_a);
	/* idle: each request moves the idle limit on */
	int64_t now = t0;
	for (int i = 0; i < 4; i++) {
		now += SESSION_IDLE - 60;
		assert_true(alive(a, now, &s));
	}
	/* b had no request for longer than the idle time */
	assert_false(alive(b, now, &s));
	assert_false(alive(b, t0 + 1, &s)); /* and it is gone for good */
	/* the absolute lifetime ends even a busy session */
	while (now + SESSION_IDLE - 60 < t0 + SESSION_LIFETIME) {
		now += SESSION_IDLE - 60;
		assert_true(alive(a, now, &s));
	}
	assert_false(alive(a, t0 + SESSION_LIFETIME, &s));
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);

	/* logout ends one session, not the others */
	assert_int_equal(session_create(t.d, "carol", now, a, csrf_a, &e), 0);
	assert_int_equal(session_create(t.d, "carol", now, b, csrf_b, &e), 0);
	assert_int_equal(session_delete(t.d, a, &e), 0);
	assert_false(alive(a, now + 1, &s));
	assert_true(alive(b, now + 1, &s));
	/* expiry sweeps what is past its time */
	assert_int_equal(sessions_expire(t.d, now + SESSION_IDLE + 2, &e), 0);
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);
	/* malformed tokens find nothing */
	assert_false(alive("", now, &s));
	assert_false(alive("' OR 1=1 --", now, &s));
	assert_false(alive(NULL, now, &s));
	err_free(&e);
}

static void throttle(const char *user, const char *addr, int64_t now, bool *locked, int64_t *until, int *n)
{
	err e;
	err_init(&e);
	assert_int_equal(login_throttle(t.d, user, addr, now, locked, until, n, &e), 0);
	err_free(&e);
}

static void failed(const char *user, const char *addr, int64_t now)
{
	err e;
	err_init(&e);
	assert_int_equal(login_failed(t.d, user, addr, now, &e), 0);
	err_free(&e);
}

static void test_throttle(void **state)
{
	(void)state;
	const int64_t t0 = 1700000000;
	bool locked;
	int64_t until;
	int n;
	/* by user name, from different addresses */
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++) {
		throttle("dave", "10.0.0.1", t0 + i, &locked, &until, &n);
		assert_false(locked);
		assert_int_equal(n, i);
		char addr[32];
		snprintf(addr, sizeof addr, "10.0.1.%d", i);
		failed("dave", addr, t0 + i);
	}
	throttle("dave", "10.9.9.9", t0 + 10, &locked, &until, &n);
	assert_true(locked);
	assert_int_equal(n, LOGIN_MAX_FAILURES);
	assert_int_equal(until, t0 + LOGIN_WINDOW); /* the first failure leaves the window */
	/* another user from an unused address is not locked */
	throttle("erin", "10.9.9.9", t0 + 10, &locked, &until, &n);
	assert_false(locked);
	/* still locked just before the window ends, free after */
	throttle("dave", "10.9.9.9", t0 + LOGIN_WINDOW - 1, &locked, &until, &n);
	assert_true(locked);
	throttle("dave", "10.9.9.9", t0 + LOGIN_WINDOW, &locked, &until, &n);
	assert_false(locked);
	assert_int_equal(n, LOGIN_MAX_FAILURES - 1);

	/* by address, over many user names */
	int64_t t1 = t0 + 10 * LOGIN_WINDOW;
	for (int i = 0; i < LOGIN_MAX_FAILURES; i++) {
		char user[16];
		snprintf(user, sizeof user, "guess%d", i);
		failed(user, "192.0.2.7", t1 + i);
	}
	throttle("frank", "192.0.2.7", t1 + 5, &locked, &until, &n);
	assert_true(locked);
	throttle("frank", "192.0.2.8", t1 + 5, &locked, &until, &n);
	assert_false(locked);
	/* old failures were forgotten when the new ones came */
	assert_int_equal(count("SELECT COUNT(*) FROM login_failures"), LOGIN_MAX_FAILURES);

	/* a success forgets the user's failures */
	failed("gina", "198.51.100.1", t1);
	err e;
	err_init(&e);
	assert_int_equal(login_succeeded(t.d, "gina", &e), 0);
	err_free(&e);
	throttle("gina", "198.51.100.2", t1 + 1, &locked, &until, &n);
	assert_int_equal(n, 0);
}

static void test_generated(void **state)
{
	(void)state;
	char a[USER_GENERATED_LEN + 1], b[USER_GENERATED_LEN + 1];
	user_generate_password(a);
	user_generate_password(b);
	assert_int_equal(strlen(a), USER_GENERATED_LEN);
	assert_string_not_equal(a, b);
	assert_true(strlen(a) >= USER_PASSWORD_MIN);
	for (const char *p = a; *p; p++)
		assert_true(strchr("0O1lI", *p) == NULL);
	add_ok("gen", ROLE_VIEWER, "", a);
	assert_true(check("gen", a));
	assert_true(user_name_valid("wang.li-2@cq"));
	assert_false(user_name_valid("a\"b"));
	assert_false(user_name_valid("a\nb"));
}

/* One audit entry of kind users, copied. */
struct entry {
	char user[32], via[16], record[64], action[16];
	json_t *old_values, *new_values;
};

struct entries {
	int n;
	struct entry e[16];
};

static int keep(void *ctx, const struct audit_entry *a, err *e)
{
	(void)e;
	struct entries *l = ctx;
	assert_string_equal(a->kind, AUDIT_USERS);
	assert_true(l->n < 16);
	struct entry *x = &l->e[l->n++];
	snprintf(x->user, sizeof x->user, "%s", a->user);
	snprintf(x->via, sizeof x->via, "%s", a->via);
	snprintf(x->record, sizeof x->record, "%s", a->record);
	snprintf(x->action, sizeof x->action, "%s", a->action);
	x->old_values = a->old_values ? json_incref(a->old_values) : NULL;
	x->new_values = a->new_values ? json_incref(a->new_values) : NULL;
	return 0;
}

/* The users' entries, newest first, read by the kind named KIND. */
static void read_entries(const char *kind, struct entries *l)
{
	err e;
	err_init(&e);
	struct audit_filter f = {.kind = kind};
	l->n = 0;
	assert_int_equal(audit_filter_check(&f, &e), 0);
	long n = audit_query(t.d, &f, keep, l, &e);
	assert_int_equal(n, l->n);
	err_free(&e);
}

static void free_entries(struct entries *l)
{
	for (int i = 0; i < l->n; i++) {
		json_decref(l->e[i].old_values);
		json_decref(l->e[i].new_values);
	}
	l->n = 0;
}

/* V (NULL: none) is {"role": ROLE, "scope": SCOPE (NULL: null),
 * "disabled": DISABLED} and nothing else. */
static void assert_values(const json_t *v, const char *role, const char *scope, bool disabled)
{
	assert_non_null(v);
	assert_int_equal(json_object_size(v), 3);
	assert_string_equal(json_string_value(json_object_get(v, "role")), role);
	const json_t *sc = json_object_get(v, "scope");
	if (scope)
		assert_string_equal(json_string_value(sc), scope);
	else
		assert_true(json_is_null(sc));
	assert_true(json_is_boolean(json_object_get(v, "disabled")));
	assert_int_equal(json_is_true(json_object_get(v, "disabled")), disabled);
}

/* The newest entry: ACTION on user ann by the tests' actor. */
static void assert_newest(const struct entries *l, int n, const char *action)
{
	assert_int_equal(l->n, n);
	assert_string_equal(l->e[0].action, action);
	assert_string_equal(l->e[0].record, "ann");
	assert_string_equal(l->e[0].user, testdb_actor.user);
	assert_string_equal(l->e[0].via, testdb_actor.via);
}

/* The text of every column of every audit row, joined. */
static char *audit_text(void)
{
	err e;
	err_init(&e);
	db_stmt *st;
	buf all = BUF_INIT;
	assert_int_equal(db_prepare(t.d, &st, &e,
	                            "SELECT at, user_name, via, kind, record, action,"
	                            " coalesce(old_values, ''), coalesce(new_values, '') FROM audit",
	                            ""),
	                 0);
	while (db_step(st, &e) == DB_ROW)
		for (int c = 0; c < 8; c++)
			buf_printf(&all, "%s\n", db_col_text(st, c));
	db_finalize(st);
	err_free(&e);
	char *s = strdup(buf_str(&all));
	buf_free(&all);
	assert_non_null(s);
	return s;
}

/* A secret of the users table (COLUMN of user ann) into OUT. */
static void stored(const char *column, char *out, size_t size)
{
	err e;
	err_init(&e);
	db_stmt *st;
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT %s FROM users WHERE name = 'ann'", column);
	assert_int_equal(db_prepare(t.d, &st, &e, sql, ""), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_false(db_col_null(st, 0));
	snprintf(out, size, "%s", db_col_text(st, 0));
	db_finalize(st);
	err_free(&e);
}

static void test_audit(void **state)
{
	(void)state;
	static const char pw1[] = "first secret 1", pw2[] = "second secret 2";
	char hash1[256], hash2[256], token[USER_SECRET_HEX + 1], token_hash[USER_SECRET_HEX + 1];
	struct entries l = {0};
	err e;
	err_init(&e);

	add_ok("ann", ROLE_COUNTY, "500101", pw1);
	stored("pw_hash", hash1, sizeof hash1);
	read_entries("users", &l);
	assert_newest(&l, 1, "insert");
	assert_null(l.e[0].old_values);
	assert_values(l.e[0].new_values, "county", "500101", false);
	free_entries(&l);

	assert_int_equal(user_set_password(t.d, &testdb_actor, "ann", pw2, &e), 0);
	stored("pw_hash", hash2, sizeof hash2);
	assert_string_not_equal(hash1, hash2);
	read_entries("用户", &l);
	assert_newest(&l, 2, "password");
	assert_values(l.e[0].old_values, "county", "500101", false);
	assert_values(l.e[0].new_values, "county", "500101", false);
	free_entries(&l);

	assert_int_equal(user_new_token(t.d, &testdb_actor, "ann", token, &e), 0);
	stored("token_hash", token_hash, sizeof token_hash);
	read_entries("users", &l);
	assert_newest(&l, 3, "token");
	assert_values(l.e[0].old_values, "county", "500101", false);
	assert_values(l.e[0].new_values, "county", "500101", false);
	free_entries(&l);

	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "ann", true, &e), 0);
	read_entries("users", &l);
	assert_newest(&l, 4, "disable");
	assert_values(l.e[0].old_values, "county", "500101", false);
	assert_values(l.e[0].new_values, "county", "500101", true);
	free_entries(&l);
	/* the same state again is no change */
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "ann", true, &e), 0);
	read_entries("users", &l);
	assert_int_equal(l.n, 4);
	free_entries(&l);

	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "ann", false, &e), 0);
	read_entries("users", &l);
	assert_newest(&l, 5, "enable");
	assert_values(l.e[0].old_values, "county", "500101", true);
	assert_values(l.e[0].new_values, "county", "500101", false);
	free_entries(&l);

	/* an admin's empty scope is null */
	add_ok("boss", ROLE_ADMIN, "", "boss password 1");
	read_entries("users", &l);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.e[0].record, "boss");
	assert_values(l.e[0].new_values, "admin", NULL, false);
	free_entries(&l);

	/* refused changes write nothing */
	add_refused("ann", ROLE_VIEWER, "", "long enough 1", "exists already");
	add_refused("cat", ROLE_VIEWER, "", "short", "shorter than 10");
	add_refused("cat", ROLE_COUNTY, "310000", "long enough 1", "not a known county");
	add_refused("a b", ROLE_VIEWER, "", "long enough 1", "not a user name");
	assert_int_equal(user_set_password(t.d, &testdb_actor, "ann", "short", &e), -1);
	assert_int_equal(user_set_password(t.d, &testdb_actor, "nobody", "long enough 1", &e), -1);
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "nobody", true, &e), -1);
	assert_int_equal(user_set_disabled(t.d, &testdb_actor, "nobody", false, &e), -1);
	char t2[USER_SECRET_HEX + 1];
	assert_int_equal(user_new_token(t.d, &testdb_actor, "nobody", t2, &e), -1);
	assert_int_equal(e.status, EXIT_INVALID);
	assert_int_equal(count("SELECT COUNT(*) FROM audit"), 6);
	err_free(&e);

	/* no row holds a password, its hash or the token */
	char *all = audit_text();
	const char *secrets[] = {pw1, pw2, hash1, hash2, token, token_hash, "$argon2id$"};
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		if (strstr(all, secrets[i]))
			fail_msg("the audit trail holds secret %zu: %s", i, secrets[i]);
	/* and the check can fail: the trail does hold the user's name */
	assert_non_null(strstr(all, "ann"));
	free(all);
}

/* The change and its audit row are one: when the row cannot be written
 * (no actor), the change is not made either. */
static void test_audit_same_transaction(void **state)
{
	(void)state;
	add_ok("ann", ROLE_VIEWER, "", "ann password 1");
	err e;
	err_init(&e);
	char token[USER_SECRET_HEX + 1];
	assert_int_equal(user_add(t.d, NULL, "bob", ROLE_VIEWER, "", "bob password 1", &e), -1);
	assert_int_equal(user_set_password(t.d, NULL, "ann", "other password 2", &e), -1);
	assert_int_equal(user_set_disabled(t.d, NULL, "ann", true, &e), -1);
	assert_int_equal(user_new_token(t.d, NULL, "ann", token, &e), -1);
	assert_int_equal(e.status, EXIT_SYSTEM);
	err_free(&e);
	assert_int_equal(count("SELECT COUNT(*) FROM users WHERE name = 'bob'"), 0);
	assert_true(check("ann", "ann password 1"));
	assert_int_equal(count("SELECT COUNT(*) FROM users WHERE name = 'ann' AND disabled = 0"), 1);
	assert_int_equal(count("SELECT COUNT(*) FROM users WHERE token_hash IS NOT NULL"), 0);
	assert_int_equal(count("SELECT COUNT(*) FROM audit"), 1);
	/* the kind filter knows users in English and Chinese, and no look-alike */
	struct audit_filter f = {.kind = "user"};
	err_init(&e);
	assert_int_equal(audit_filter_check(&f, &e), -1);
	assert_non_null(strstr(buf_str(&e.msgs), "users"));
	err_free(&e);
	assert_string_equal(audit_kind("用户", NULL), AUDIT_USERS);
	assert_string_equal(audit_kind("funds", NULL), "funds");
	assert_null(audit_kind("user", NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_password_hash, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_add_refusals, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_disabled, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_throttle, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_generated, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_audit, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_audit_same_transaction, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
