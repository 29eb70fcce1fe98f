/* Sessions and login throttling (model/sessions.h). */
#include "model/sessions.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

int session_create(db *d, const char *user, int64_t now, char token[USER_SECRET_HEX + 1],
                   char csrf[USER_SECRET_HEX + 1], err *e)
{
	char hash[USER_SECRET_HEX + 1];
	user_random_hex(token);
	user_random_hex(csrf);
	user_hash_hex(token, hash);
	if (db_run(d, e,
	           "INSERT INTO sessions (token_hash, user_name, csrf, created, last_seen, expires)"
	           " VALUES ($1, $2, $3, $4, $4, $5)",
	           "tttii", hash, user, csrf, now, now + SESSION_LIFETIME)) {
		sodium_memzero(token, USER_SECRET_HEX + 1);
		return -1;
	}
	return 0;
}

static bool token_shape(const char *token)
{
	if (!token || strlen(token) != USER_SECRET_HEX)
		return false;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

int session_lookup(db *d, const char *token, int64_t now, struct session *s, bool *found, err *e)
{
	*found = false;
	if (!token_shape(token))
		return 0;
	char hash[USER_SECRET_HEX + 1];
	user_hash_hex(token, hash);
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT u.name, u.role, u.scope, u.disabled, u.created_at, s.csrf, s.created,"
	               " s.last_seen, s.expires FROM sessions s JOIN users u ON u.name = s.user_name"
	               " WHERE s.token_hash = $1",
	               "t", hash))
		return -1;
	int rc = db_step(st, e);
	bool live = false;
	if (rc == DB_ROW) {
		struct user *u = &s->user;
		snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 0));
		if (!role_parse(db_col_text(st, 1), &u->role))
			u->role = ROLE_VIEWER;
		snprintf(u->scope, sizeof u->scope, "%s", db_col_text(st, 2));
		u->disabled = db_col_int(st, 3) != 0;
		snprintf(u->created_at, sizeof u->created_at, "%s", db_col_text(st, 4));
		snprintf(s->csrf, sizeof s->csrf, "%s", db_col_text(st, 5));
		s->created = db_col_int(st, 6);
		s->last_seen = db_col_int(st, 7);
		s->expires = db_col_int(st, 8);
		live = !u->disabled && now < s->expires && now - s->last_seen < SESSION_IDLE;
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (rc != DB_ROW)
		return 0;
	if (!live)
		return db_run(d, e, "DELETE FROM sessions WHERE token_hash = $1", "t", hash);
	if (now - s->last_seen >= SESSION_TOUCH) {
		if (db_run(d, e, "UPDATE sessions SET last_seen = $1 WHERE token_hash = $2", "it", now, hash))
			return -1;
		s->last_seen = now;
	}
	*found = true;
	return 0;
}

int session_delete(db *d, const char *token, err *e)
{
	if (!token_shape(token))
		return 0;
	char hash[USER_SECRET_HEX + 1];
	user_hash_hex(token, hash);
	return db_run(d, e, "DELETE FROM sessions WHERE token_hash = $1", "t", hash);
}

int sessions_end_user(db *d, const char *user, err *e)
{
	return db_run(d, e, "DELETE FROM sessions WHERE user_name = $1", "t", user);
}

int sessions_expire(db *d, int64_t now, err *e)
{
	return db_run(d, e, "DELETE FROM sessions WHERE expires <= $1 OR last_seen <= $2", "ii", now,
	              now - SESSION_IDLE);
}

/* The time the LOGIN_MAX_FAILURES-th latest failure of the user (BY_USER)
 * or the address VALUE in the window was noted (0 when there are fewer), and how many there are. */
static int failures_of(db *d, bool by_user, const char *value, int64_t now, int64_t *nth, int *count, err *e)
{
	int64_t n = 0;
	const char *count_sql =
	        by_user ? "SELECT COUNT(*) FROM login_failures WHERE user_name = $1 AND at > $2"
	                : "SELECT COUNT(*) FROM login_failures WHERE addr = $1 AND at > $2";
	const char *nth_sql = by_user ? "SELECT at FROM login_failures WHERE user_name = $1 AND at > $2"
	                                " ORDER BY at DESC LIMIT 1 OFFSET $3"
	                              : "SELECT at FROM login_failures WHERE addr = $1 AND at > $2"
	                                " ORDER BY at DESC LIMIT 1 OFFSET $3";
	if (db_int(d, &n, e, count_sql, "ti", value, now - LOGIN_WINDOW) ||
	    db_int(d, nth, e, nth_sql, "tii", value, now - LOGIN_WINDOW, (int64_t)(LOGIN_MAX_FAILURES - 1)))
		return -1;
	*count = (int)n;
	return 0;
}

int login_throttle(db *d, const char *user, const char *addr, int64_t now, bool *locked, int64_t *until,
                   int *failures, err *e)
{
	int64_t nth_user = 0, nth_addr = 0;
	int n_user = 0, n_addr = 0;
	if (failures_of(d, true, user, now, &nth_user, &n_user, e) ||
	    failures_of(d, false, addr, now, &nth_addr, &n_addr, e))
		return -1;
	*failures = n_user > n_addr ? n_user : n_addr;
	*locked = *failures >= LOGIN_MAX_FAILURES;
	int64_t nth = nth_user > nth_addr ? nth_user : nth_addr;
	*until = *locked ? nth + LOGIN_WINDOW : now;
	return 0;
}

int login_failed(db *d, const char *user, const char *addr, int64_t now, err *e)
{
	return db_run(d, e, "DELETE FROM login_failures WHERE at <= $1", "i", now - LOGIN_WINDOW) ||
	                       db_run(d, e,
	                              "INSERT INTO login_failures (at, user_name, addr) VALUES ($1, $2, $3)",
	                              "itt", now, user, addr)
	               ? -1
	               : 0;
}

int login_succeeded(db *d, const char *user, err *e)
{
	return db_run(d, e, "DELETE FROM login_failures WHERE user_name = $1", "t", user);
}
