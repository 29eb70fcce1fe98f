/* Users, their password hashes and API tokens (model/users.h). */
#include "model/users.h"
#include "model/audit.h"
#include "model/sessions.h"
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int users_init(err *e)
{
	if (sodium_init() < 0)
		return err_add(e, EXIT_SYSTEM, "libsodium cannot be initialised");
	return 0;
}

bool user_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (n == 0 || n > USER_NAME_MAX)
		return false;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (!(*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("._-@", *p)))
			return false;
	return true;
}

int user_scope_check(db *d, enum role role, const char *scope, err *e)
{
	if (!role_needs_scope(role)) {
		if (scope && scope[0])
			return err_add(e, EXIT_INVALID, "role %s takes no scope (got '%s')", role_name(role),
			               scope);
		return 0;
	}
	if (!scope || !scope[0])
		return err_add(e, EXIT_INVALID, "role %s needs --scope CODE (%s)", role_name(role),
		               role == ROLE_COUNTY ? "a county code, e.g. 500101"
		                                   : "a supporter code, e.g. 310000");
	int64_t n = 0;
	int rc = role == ROLE_COUNTY
	                 ? db_int(d, &n, e,
	                          "SELECT COUNT(*) FROM divisions WHERE code = $1 AND level = 'county'", "t",
	                          scope)
	                 : db_int(d, &n, e, "SELECT COUNT(*) FROM pairings WHERE supporter_code = $1", "t",
	                          scope);
	if (rc)
		return -1;
	if (n == 0)
		return err_add(e, EXIT_INVALID, "scope '%s' is not %s", scope,
		               role == ROLE_COUNTY ? "a known county or district code"
		                                   : "a supporter of any pairing");
	return 0;
}

static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], err *e)
{
	size_t n = strlen(password);
	if (n < USER_PASSWORD_MIN)
		return err_add(e, EXIT_INVALID, "the password is shorter than %d characters",
		               USER_PASSWORD_MIN);
	if (n > USER_PASSWORD_MAX)
		return err_add(e, EXIT_INVALID, "the password is longer than %d bytes", USER_PASSWORD_MAX);
	if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_add(e, EXIT_SYSTEM, "cannot hash the password (out of memory)");
	return 0;
}

static void utc_now(char out[24])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm))
		strcpy(out, "1970-01-01T00:00:00Z");
}

/* U's values as the audit trail shows them: role, scope (null when
 * none) and disabled, never a secret; NULL when out of memory. */
static json_t *user_values(const struct user *u)
{
	return json_pack("{s:s, s:s?, s:b}", "role", role_name(u->role), "scope",
	                 u->scope[0] ? u->scope : NULL, "disabled", (int)u->disabled);
}

/* The audit row of ACTION on user NAME by WHO, with its values BEFORE and
 * AFTER (NULL for none); inside the caller's transaction. */
static int audit_user(db *d, const struct actor *who, const char *name, const char *action,
                      const struct user *before, const struct user *after, err *e)
{
	json_t *o = before ? user_values(before) : NULL, *n = after ? user_values(after) : NULL;
	int rc = (before && !o) || (after && !n) ? err_add(e, EXIT_SYSTEM, "audit: out of memory")
	                                         : audit_event(d, who, AUDIT_USERS, name, action, o, n, e);
	json_decref(o);
	json_decref(n);
	return rc;
}

/* Ends the transaction begun by the caller: commits when RC is 0, else
 * (or when the commit fails) rolls back and returns -1. */
static int end_transaction(db *d, int rc, err *e)
{
	if (!rc && !db_commit(d, e))
		return 0;
	db_rollback(d);
	return -1;
}

int user_add(db *d, const struct actor *who, const char *name, enum role role, const char *scope,
             const char *password, err *e)
{
	if (!user_name_valid(name))
		return err_add(e, EXIT_INVALID,
		               "'%s' is not a user name (1 to %d letters, digits, '.', '_', '-' or '@')",
		               name ? name : "", USER_NAME_MAX);
	if (user_scope_check(d, role, scope, e))
		return -1;
	int64_t n = 0;
	if (db_int(d, &n, e, "SELECT COUNT(*) FROM users WHERE name = $1", "t", name))
		return -1;
	if (n)
		return err_add(e, EXIT_INVALID, "user '%s' exists already", name);
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(password, hash, e))
		return -1;
	struct user u = {.role = role, .disabled = false};
	snprintf(u.name, sizeof u.name, "%s", name);
	snprintf(u.scope, sizeof u.scope, "%s", scope ? scope : "");
	utc_now(u.created_at);
	int rc = db_begin(d, e);
	if (!rc)
		rc = end_transaction(d,
		                     db_run(d, e,
		                            "INSERT INTO users (name, role, scope, pw_hash, created_at)"
		                            " VALUES ($1, $2, $3, $4, $5)",
		                            "ttttt", name, role_name(role), u.scope, hash, u.created_at) ||
		                             audit_user(d, who, name, "insert", NULL, &u, e),
		                     e);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

/* NAME into U; EXIT_INVALID when there is no such user. */
static int existing_user(db *d, const char *name, struct user *u, err *e)
{
	bool found = false;
	if (user_get(d, name, u, &found, e))
		return -1;
	return found ? 0 : err_add(e, EXIT_INVALID, "no user '%s'", name);
}

int user_set_password(db *d, const struct actor *who, const char *name, const char *password, err *e)
{
	struct user u;
	if (existing_user(d, name, &u, e))
		return -1;
	char hash[crypto_pwhash_STRBYTES];
	if (hash_password(password, hash, e))
		return -1;
	/* a new password signs out whoever used the old one */
	int rc = db_begin(d, e);
	if (!rc)
		rc = end_transaction(d,
		                     existing_user(d, name, &u, e) ||
		                             db_run(d, e, "UPDATE users SET pw_hash = $1 WHERE name = $2",
		                                    "tt", hash, name) ||
		                             sessions_end_user(d, name, e) ||
		                             audit_user(d, who, name, "password", &u, &u, e),
		                     e);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int user_set_disabled(db *d, const struct actor *who, const char *name, bool disabled, err *e)
{
	struct user before, after;
	if (db_begin(d, e))
		return -1;
	int rc = existing_user(d, name, &before, e);
	after = before;
	after.disabled = disabled;
	/* the same state again changes nothing and adds no audit row */
	if (!rc && before.disabled != disabled)
		rc = db_run(d, e, "UPDATE users SET disabled = $1 WHERE name = $2", "it", (int64_t)disabled,
		            name) ||
		     audit_user(d, who, name, disabled ? "disable" : "enable", &before, &after, e);
	if (!rc && disabled)
		rc = sessions_end_user(d, name, e);
	return end_transaction(d, rc, e);
}

void user_random_hex(char out[USER_SECRET_HEX + 1])
{
	unsigned char raw[USER_SECRET_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, USER_SECRET_HEX + 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

void user_hash_hex(const char *s, char out[USER_SECRET_HEX + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, USER_SECRET_HEX + 1, h, sizeof h);
}

void user_generate_password(char out[USER_GENERATED_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (int i = 0; i < USER_GENERATED_LEN; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[USER_GENERATED_LEN] = 0;
}

int user_new_token(db *d, const struct actor *who, const char *name, char token[USER_SECRET_HEX + 1], err *e)
{
	struct user u;
	char hash[USER_SECRET_HEX + 1];
	user_random_hex(token);
	user_hash_hex(token, hash);
	if (db_begin(d, e) ||
	    end_transaction(d,
	                    existing_user(d, name, &u, e) ||
	                            db_run(d, e, "UPDATE users SET token_hash = $1 WHERE name = $2", "tt",
	                                   hash, name) ||
	                            audit_user(d, who, name, "token", &u, &u, e),
	                    e)) {
		sodium_memzero(token, USER_SECRET_HEX + 1);
		return -1;
	}
	return 0;
}

static void fill_user(db_stmt *st, struct user *u)
{
	snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 0));
	if (!role_parse(db_col_text(st, 1), &u->role))
		u->role = ROLE_VIEWER; /* the table's CHECK keeps this from happening */
	snprintf(u->scope, sizeof u->scope, "%s", db_col_text(st, 2));
	u->disabled = db_col_int(st, 3) != 0;
	snprintf(u->created_at, sizeof u->created_at, "%s", db_col_text(st, 4));
}

#define USER_COLUMNS "name, role, scope, disabled, created_at"

/* Runs a query of USER_COLUMNS bound to the one text ARG; the first row
 * into U. */
static int one_user(db *d, const char *sql, const char *arg, struct user *u, bool *found, err *e)
{
	db_stmt *st;
	*found = false;
	if (db_prepare(d, &st, e, sql, "t", arg))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		fill_user(st, u);
		*found = true;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int user_get(db *d, const char *name, struct user *u, bool *found, err *e)
{
	return one_user(d, "SELECT " USER_COLUMNS " FROM users WHERE name = $1", name, u, found, e);
}

int user_by_token(db *d, const char *token, struct user *u, bool *found, err *e)
{
	*found = false;
	if (!token || strlen(token) != USER_SECRET_HEX)
		return 0;
	char hash[USER_SECRET_HEX + 1];
	user_hash_hex(token, hash);
	return one_user(d, "SELECT " USER_COLUMNS " FROM users WHERE token_hash = $1 AND disabled = 0", hash,
	                u, found, e);
}

int user_list(db *d, int (*fn)(const struct user *u, void *arg), void *arg, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT " USER_COLUMNS " FROM users ORDER BY name", ""))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct user u;
		fill_user(st, &u);
		if (fn(&u, arg))
			break;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* A hash of a random password, verified against when the user is unknown
 * so that an unknown name takes as long as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
	char pw[USER_SECRET_HEX + 1];
	user_random_hex(pw);
	if (crypto_pwhash_str_alg(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		dummy_hash[0] = 0;
}

int user_check_password(db *d, const char *name, const char *password, struct user *u, bool *ok, err *e)
{
	*ok = false;
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT " USER_COLUMNS ", pw_hash FROM users WHERE name = $1", "t",
	               name ? name : ""))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ERROR) {
		db_finalize(st);
		return -1;
	}
	size_t n = password ? strlen(password) : 0;
	if (rc == DB_ROW) {
		fill_user(st, u);
		bool match = n <= USER_PASSWORD_MAX &&
		             crypto_pwhash_str_verify(db_col_text(st, 5), password ? password : "", n) == 0;
		*ok = match && !u->disabled;
	} else {
		pthread_once(&dummy_once, make_dummy);
		if (dummy_hash[0] && n <= USER_PASSWORD_MAX &&
		    crypto_pwhash_str_verify(dummy_hash, password ? password : "", n) == 0)
			*ok = false; /* a random password: never matches, only takes the time */
	}
	db_finalize(st);
	return 0;
}

int users_admin_exists(db *d, bool *yes, err *e)
{
	int64_t n = 0;
	if (db_int(d, &n, e, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0", ""))
		return -1;
	*yes = n > 0;
	return 0;
}
