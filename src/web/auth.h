/* auth: who makes a request, decided in one place before any page runs
 * (server.c calls it, then web_dispatch). A page request is signed in by
 * the session cookie; an /api/ request by the session cookie or by
 * `Authorization: Bearer TOKEN` (duikou user token). Every request with a
 * session that is not GET or HEAD must carry the session's CSRF token
 * (form field `csrf` or header X-CSRF-Token); bearer requests need none,
 * as a browser never sends that header by itself. */
#ifndef DUIKOU_WEB_AUTH_H
#define DUIKOU_WEB_AUTH_H
#include "model/sessions.h"
#include "web/router.h"

#define WEB_SESSION_COOKIE "duikou_session"

/* What the request carried, as server.c read it (NULL when absent). */
struct web_credentials {
	const char *authorization; /* the Authorization header */
	const char *csrf_header;   /* X-CSRF-Token */
	const char *origin;        /* Origin */
	const char *host;          /* Host */
};

/* The request's user, kept for the request's life (REQ's actor and csrf
 * point into it). */
struct web_auth {
	struct session session;
	struct actor actor;
	bool bearer;
};

/* true when PATH is served to anyone: /login and /static/. */
bool web_auth_public(const char *path);

/* Resolves the user of REQ (its session token REQ->session, or C's bearer
 * token) into A and points REQ->actor and REQ->csrf at it. Returns true
 * when the route may run; false after writing the refusal into RESP: a 303
 * to /login?next=… for a page, 401 for the API (no or a bad token), 403
 * for a missing or wrong CSRF token or a cross-site Origin. NOW is the
 * time (Unix seconds). */
bool web_authenticate(struct web_req *req, const struct web_credentials *c, int64_t now, struct web_auth *a,
                      struct web_resp *resp);

/* The Set-Cookie value of a new session (TOKEN), or of its removal when
 * TOKEN is NULL; Secure when REQ came through --tls-proxy. */
void web_session_cookie(const struct web_req *req, const char *token, buf *out);

#endif
