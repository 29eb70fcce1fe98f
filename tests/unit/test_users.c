/* Users, sessions and login throttling (model/users, model/sessions): the
 * password hash verifies only the right password and is argon2id, a
 * disabled user cannot sign in and loses its sessions, scopes must fit the
 * role, API tokens are stored hashed and replaced, sessions end after the
 * idle time and the lifetime (by moving the clock, not sleeping), and too
 * many failed logins lock a user or an address for the window. */
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
	if (user_add(t.d, name, role, scope, pw, &e)) {
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
	assert_int_equal(user_add(t.d, name, role, scope, pw, &e), -1);
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
	assert_int_equal(user_set_password(t.d, "alice", "battery staple 9", &e), 0);
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);
	assert_false(check("alice", "correct horse 1"));
	assert_true(check("alice", "battery staple 9"));
	assert_int_equal(user_set_password(t.d, "alice", "short", &e), -1);
	assert_int_equal(user_set_password(t.d, "nobody", "long enough 1", &e), -1);
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
	assert_int_equal(user_set_disabled(t.d, "bob", true, &e), 0);
	assert_false(check("bob", "bob password 1"));
	/* disabling ended the session */
	struct session s;
	bool found = true;
	assert_int_equal(session_lookup(t.d, token, 1001, &s, &found, &e), 0);
	assert_false(found);
	assert_int_equal(count("SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(user_set_disabled(t.d, "bob", false, &e), 0);
	assert_true(check("bob", "bob password 1"));
	assert_int_equal(user_set_disabled(t.d, "nobody", true, &e), -1);
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
	assert_int_equal(user_new_token(t.d, "api", t1, &e), 0);
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
	assert_int_equal(user_new_token(t.d, "api", t2, &e), 0);
	assert_string_not_equal(t1, t2);
	assert_int_equal(user_by_token(t.d, t1, &u, &found, &e), 0);
	assert_false(found);
	assert_int_equal(user_by_token(t.d, t2, &u, &found, &e), 0);
	assert_true(found);
	assert_int_equal(user_by_token(t.d, "", &u, &found, &e), 0);
	assert_false(found);
	/* a disabled user's token stops working */
	assert_int_equal(user_set_disabled(t.d, "api", true, &e), 0);
	assert_int_equal(user_by_token(t.d, t2, &u, &found, &e), 0);
	assert_false(found);
	assert_int_equal(user_new_token(t.d, "nobody", t1, &e), -1);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
