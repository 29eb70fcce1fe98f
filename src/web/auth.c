/* Sign-in and CSRF checks for every request (web/auth.h). */
#include "web/auth.h"
#include "core/html.h"
#include "web/page.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

bool web_auth_public(const char *path)
{
	return strcmp(path, "/login") == 0 || strncmp(path, "/static/", 8) == 0;
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

static bool safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/* The way a change made by REQ is recorded in the audit trail. */
static const char *via_of(const char *path)
{
	if (is_api(path))
		return "api";
	if (strcmp(path, "/upload") == 0)
		return "upload";
	return "form";
}

/* Constant-time equality of two tokens. */
static bool same_token(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && n > 0 && sodium_memcmp(a, b, n) == 0;
}

/* Whether ORIGIN (scheme://host[:port]) names HOST; an absent Origin passes. */
static bool origin_matches(const char *origin, const char *host)
{
	if (!origin || !origin[0])
		return true;
	const char *p = strstr(origin, "://");
	return p && host && strcasecmp(p + 3, host) == 0;
}

static void refuse(struct web_req *req, struct web_resp *resp, int status, const char *key)
{
	web_fail(req, resp, status, NULL, key);
	if (status == 401)
		web_resp_header(resp, "WWW-Authenticate", "Bearer");
}

/* A page asked without a session: 303 to the login page, which comes back
 * here after signing in. */
static void to_login(struct web_req *req, struct web_resp *resp)
{
	buf here = BUF_INIT, loc = BUF_INIT;
	page_url(&here, req, req->path, NULL, NULL, NULL);
	buf_puts(&loc, "/login?next=");
	page_url_encode(&loc, buf_str(&here));
	resp->status = 303;
	resp->static_body = NULL;
	resp->content_type = "text/html; charset=utf-8";
	web_resp_header(resp, "Location", buf_str(&loc));
	buf_reset(&resp->body);
	buf_puts(&resp->body, "<!doctype html>\n<title>303</title>\n<a href=\"");
	html_escape_attr(&resp->body, buf_str(&loc));
	buf_puts(&resp->body, "\">/login</a>\n");
	buf_free(&here);
	buf_free(&loc);
}

static void set_actor(struct web_req *req, struct web_auth *a)
{
	a->actor.user = a->session.user.name;
	a->actor.role = a->session.user.role;
	a->actor.scope = a->session.user.scope;
	a->actor.via = via_of(req->path);
	req->actor = &a->actor;
	req->csrf = a->bearer ? NULL : a->session.csrf;
}

/* The token of "Bearer TOKEN", or NULL. */
static const char *bearer_of(const char *authorization)
{
	if (!authorization || strncasecmp(authorization, "Bearer ", 7) != 0)
		return NULL;
	const char *t = authorization + 7;
	while (*t == ' ')
		t++;
	return t;
}

bool web_authenticate(struct web_req *req, const struct web_credentials *c, int64_t now, struct web_auth *a,
                      struct web_resp *resp)
{
	memset(a, 0, sizeof *a);
	req->actor = NULL;
	req->csrf = NULL;
	err e;
	err_init(&e);
	bool found = false;
	const char *bearer = is_api(req->path) ? bearer_of(c->authorization) : NULL;
	int rc;
	if (bearer) {
		rc = user_by_token(req->db, bearer, &a->session.user, &found, &e);
		a->bearer = true;
	} else {
		rc = session_lookup(req->db, req->session, now, &a->session, &found, &e);
	}
	if (rc) {
		err_print(&e, stderr);
		web_fail(req, resp, 500, &e, "error.server");
		err_free(&e);
		return false;
	}
	err_free(&e);
	if (found)
		set_actor(req, a);

	if (strcmp(req->path, "/login") == 0 && !safe_method(req->method)) {
		/* no session yet, so no CSRF token: refuse a form posted from
		 * another site instead (login CSRF) */
		if (!origin_matches(c->origin, c->host)) {
			refuse(req, resp, 403, "error.csrf");
			return false;
		}
		return true;
	}
	if (web_auth_public(req->path))
		return true;
	if (!found) {
		if (bearer || is_api(req->path))
			refuse(req, resp, 401, "error.sign_in");
		else
			to_login(req, resp);
		return false;
	}
	if (!a->bearer && !safe_method(req->method)) {
		const char *sent = c->csrf_header ? c->csrf_header : web_form(req, "csrf");
		if (!sent || !same_token(sent, a->session.csrf)) {
			refuse(req, resp, 403, "error.csrf");
			return false;
		}
	}
	return true;
}

void web_session_cookie(const struct web_req *req, const char *token, buf *out)
{
	buf_printf(out, WEB_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict%s%s", token ? token : "",
	           token ? "" : "; Max-Age=0", req->tls_proxy ? "; Secure" : "");
}
