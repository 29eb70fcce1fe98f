/* users: the people who sign in to the web application and the API — a
 * name, a role with its scope (model/actor.h), an argon2id password hash
 * (libsodium), the SHA-256 of an API token, and whether the user is
 * disabled. No function here ever returns or prints a secret it stored;
 * new secrets (a generated password, an API token) are handed back once. */
#ifndef DUIKOU_USERS_H
#define DUIKOU_USERS_H
#include "model/actor.h"
#include "store/db.h"
#include <stdbool.h>
#include <stdint.h>

#define USER_NAME_MAX      64   /* bytes */
#define USER_PASSWORD_MIN  10   /* characters (bytes of UTF-8 text) */
#define USER_PASSWORD_MAX  1024 /* bytes; longer is refused, not cut */
#define USER_SECRET_HEX    64   /* a token: 256 random bits in hex */
#define USER_GENERATED_LEN 20   /* characters of a generated password */

struct user {
	char name[USER_NAME_MAX + 1];
	enum role role;
	char scope[16];
	bool disabled;
	char created_at[24]; /* 'YYYY-MM-DDTHH:MM:SSZ' */
};

/* Initialises libsodium; every other function needs it. Safe to call again. */
int users_init(err *e);

/* true when NAME may name a user: 1 to USER_NAME_MAX bytes of letters,
 * digits, '.', '_', '-', '@' or non-ASCII UTF-8 text (no spaces, no ':'
 * — "cli:…" names the command line). */
bool user_name_valid(const char *name);

/* Whether SCOPE fits ROLE in D: a county code (a division of level county)
 * for county, the supporter of a pairing for supporter, "" for the other
 * roles. EXIT_INVALID with a message naming the scope otherwise. */
int user_scope_check(db *d, enum role role, const char *scope, err *e);

/* The four changes below each write one audit row (kind AUDIT_USERS,
 * record = NAME, by WHO) in the same transaction as the change, with the
 * user's role, scope and disabled before and after — never its password,
 * hash or token. A refused change writes nothing. */

/* Adds a user (audit action "insert"); EXIT_INVALID when the name is taken
 * or bad, the scope does not fit (user_scope_check) or the password is
 * shorter than USER_PASSWORD_MIN. */
int user_add(db *d, const struct actor *who, const char *name, enum role role, const char *scope,
             const char *password, err *e);
/* Sets NAME's password (same length rule) and ends NAME's sessions
 * ("password"); EXIT_INVALID for an unknown user. */
int user_set_password(db *d, const struct actor *who, const char *name, const char *password, err *e);
/* Disables or enables NAME ("disable", "enable"); disabling also ends all
 * its sessions. The state NAME is in already changes nothing and writes
 * no audit row. EXIT_INVALID for an unknown user. */
int user_set_disabled(db *d, const struct actor *who, const char *name, bool disabled, err *e);
/* Gives NAME a new API token ("token"), written to TOKEN (USER_SECRET_HEX
 * hex digits); the old one stops working. Only its hash is stored.
 * EXIT_INVALID for an unknown user. */
int user_new_token(db *d, const struct actor *who, const char *name, char token[USER_SECRET_HEX + 1], err *e);

/* The user NAME into U; *FOUND false when there is none. */
int user_get(db *d, const char *name, struct user *u, bool *found, err *e);
/* Calls FN for every user in name order (no hashes); stops at FN's non-zero. */
int user_list(db *d, int (*fn)(const struct user *u, void *arg), void *arg, err *e);
/* Whether PASSWORD is NAME's and NAME is enabled: *OK, with U filled when
 * true. An unknown user costs the same time as a wrong password. */
int user_check_password(db *d, const char *name, const char *password, struct user *u, bool *ok, err *e);
/* The enabled user whose API token is TOKEN; *FOUND false when none. */
int user_by_token(db *d, const char *token, struct user *u, bool *found, err *e);
/* Whether at least one enabled admin exists. */
int users_admin_exists(db *d, bool *yes, err *e);

/* A new random password of USER_GENERATED_LEN letters and digits (no
 * look-alikes such as 0/O, 1/l). */
void user_generate_password(char out[USER_GENERATED_LEN + 1]);
/* Fills OUT with 256 random bits in hex. */
void user_random_hex(char out[USER_SECRET_HEX + 1]);
/* The SHA-256 of S in hex, as tokens are stored. */
void user_hash_hex(const char *s, char out[USER_SECRET_HEX + 1]);

#endif
