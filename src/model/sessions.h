/* sessions: the server-side sessions of signed-in users, and the
 * throttling of failed logins. A session is found by the SHA-256 of its
 * cookie's 256-bit random token (the token itself is never stored); it
 * ends SESSION_LIFETIME after sign-in, SESSION_IDLE after its last
 * request, at logout, or when its user is disabled.
 *
 * Every function takes the time NOW (Unix seconds) from its caller, so
 * that tests can move the clock instead of sleeping. */
#ifndef DUIKOU_SESSIONS_H
#define DUIKOU_SESSIONS_H
#include "model/users.h"
#include "store/db.h"
#include <stdbool.h>
#include <stdint.h>

#define SESSION_LIFETIME (12 * 3600) /* seconds from sign-in: 12 hours */
#define SESSION_IDLE     (30 * 60)   /* seconds since the last request: 30 minutes */
#define SESSION_TOUCH    30          /* last_seen is written at most every 30 s */

/* Failed logins: after LOGIN_MAX_FAILURES within LOGIN_WINDOW for one user
 * name or one address, every further attempt (even with the right
 * password) is refused until fewer than that remain in the window — at
 * most LOGIN_WINDOW after the last counted failure. Before that each
 * failure is answered LOGIN_DELAY_MS × the failures so far later. */
#define LOGIN_MAX_FAILURES 5
#define LOGIN_WINDOW       (15 * 60)
#define LOGIN_DELAY_MS     200

struct session {
	struct user user;
	char csrf[USER_SECRET_HEX + 1];
	int64_t created, last_seen, expires;
};

/* Starts a session for USER at NOW: a fresh TOKEN (for the cookie) and
 * CSRF token, both USER_SECRET_HEX hex digits. */
int session_create(db *d, const char *user, int64_t now, char token[USER_SECRET_HEX + 1],
                   char csrf[USER_SECRET_HEX + 1], err *e);
/* The live session of TOKEN at NOW into S (*FOUND false when there is none,
 * it has expired, or its user is disabled); notes NOW as its last request.
 * An expired session is deleted. */
int session_lookup(db *d, const char *token, int64_t now, struct session *s, bool *found, err *e);
/* Ends the session of TOKEN (nothing when there is none). */
int session_delete(db *d, const char *token, err *e);
/* Ends every session of USER. */
int sessions_end_user(db *d, const char *user, err *e);
/* Deletes every session expired at NOW. */
int sessions_expire(db *d, int64_t now, err *e);

/* Whether a login for USER from ADDR is refused at NOW: *LOCKED, with
 * *UNTIL the time it will be allowed again; *FAILURES the larger count of
 * failures in the window for the user or the address. */
int login_throttle(db *d, const char *user, const char *addr, int64_t now, bool *locked, int64_t *until,
                   int *failures, err *e);
/* Notes a failed login (and forgets failures older than the window). */
int login_failed(db *d, const char *user, const char *addr, int64_t now, err *e);
/* A successful login forgets the user's failures. */
int login_succeeded(db *d, const char *user, err *e);

#endif
