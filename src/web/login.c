/* The login page (GET and POST /login) and POST /logout. A good password
 * starts a new session (a fresh token; the session of any cookie sent is
 * ended) and sends the browser back to the page it asked for; a wrong one
 * is logged (never the password), slowed down, and after too many refused
 * for a while (model/sessions.h). */
#include "core/html.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

/* A local path to go back to: one '/' then no second '/' or '\' (which a
 * browser would read as another host), no control characters. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

/* NAME as it may appear in the log: printable ASCII, others as '?', at
 * most 64 bytes, so that a crafted name cannot forge log lines. */
static void log_name(const char *name, char out[68])
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p && n < 64; p++)
		out[n++] = *p >= 0x20 && *p < 0x7f && *p != '"' ? (char)*p : '?';
	out[n] = 0;
}

static void login_page(struct web_req *req, struct web_resp *resp, const char *user, const char *next,
                       const char *message)
{
	enum lang L = req->lang;
	buf *b = &resp->body;
	buf_reset(b);
	resp->static_body = NULL;
	resp->content_type = "text/html; charset=utf-8";
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	           L == LANG_EN ? "en" : "zh-CN");
	buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_escape(b, web_t(L, "login.title"));
	buf_puts(b, " · ");
	html_escape(b, web_t(L, "app.name"));
	buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
	            "<header class=\"top\">\n<span class=\"brand\">");
	html_escape(b, web_t(L, "app.name"));
	buf_puts(b, "</span>\n");
	buf url = BUF_INIT;
	static const char *const drop_lang[] = {"lang", NULL};
	page_url(&url, req, "/login", drop_lang, "lang", L == LANG_EN ? "zh" : "en");
	buf_puts(b, "<a class=\"lang\" id=\"lang-switch\" href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "nav.lang_other"));
	buf_puts(b, "</a>\n</header>\n<main class=\"login\">\n<h1>");
	buf_free(&url);
	html_escape(b, web_t(L, "login.title"));
	buf_puts(b, "</h1>\n");
	if (message) {
		buf_puts(b, "<p class=\"bad\" id=\"login-error\" role=\"alert\">");
		html_escape(b, message);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<form method=\"post\" class=\"record\" id=\"login\" action=\"/login");
	if (req->lang_asked)
		buf_puts(b, L == LANG_EN ? "?lang=en" : "?lang=zh");
	buf_puts(b, "\">\n<input type=\"hidden\" name=\"next\" value=\"");
	html_escape_attr(b, safe_next(next));
	buf_puts(b, "\">\n<div class=\"field\"><label for=\"user\">");
	html_escape(b, web_t(L, "login.user"));
	buf_puts(b,
	         "</label><input type=\"text\" name=\"user\" id=\"user\" autocomplete=\"username\" required"
	         " value=\"");
	html_escape_attr(b, user ? user : "");
	buf_puts(b, "\"></div>\n<div class=\"field\"><label for=\"password\">");
	html_escape(b, web_t(L, "login.password"));
	buf_puts(b, "</label><input type=\"password\" name=\"password\" id=\"password\""
	            " autocomplete=\"current-password\" required></div>\n<p><button type=\"submit\">");
	html_escape(b, web_t(L, "login.submit"));
	buf_puts(b, "</button></p>\n</form>\n</main>\n</body>\n</html>\n");
}

int page_login(struct web_req *req, struct web_resp *resp, err *e)
{
	(void)e;
	login_page(req, resp, NULL, web_param(req, "next"), NULL);
	return 0;
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0)
		;
}

int page_login_post(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *user = web_form(req, "user");
	const char *password = web_form(req, "password");
	const char *next = web_form(req, "next");
	const char *addr = req->remote ? req->remote : "-";
	char shown[68];
	log_name(user, shown);
	if (!user)
		user = "";
	int64_t now = (int64_t)time(NULL), until = 0;
	bool locked = false;
	int failures = 0;
	if (login_throttle(req->db, user, addr, now, &locked, &until, &failures, e))
		return -1;
	if (locked) {
		fprintf(stderr,
		        "duikou: login refused for user \"%s\" from %s: %d failed logins in %d minutes,"
		        " locked for %lld more seconds\n",
		        shown, addr, failures, LOGIN_WINDOW / 60, (long long)(until - now));
		buf minutes = BUF_INIT, msg = BUF_INIT;
		buf_printf(&minutes, "%lld", (long long)((until - now + 59) / 60));
		const char *t = web_t(req->lang, "login.locked");
		const char *at = strstr(t, "%s");
		if (at) {
			buf_add(&msg, t, (size_t)(at - t));
			buf_puts(&msg, buf_str(&minutes));
			buf_puts(&msg, at + 2);
		} else {
			buf_puts(&msg, t);
		}
		login_page(req, resp, user, next, buf_str(&msg));
		resp->status = 429;
		web_resp_header(resp, "Retry-After", buf_str(&minutes));
		buf_free(&minutes);
		buf_free(&msg);
		return 0;
	}
	struct user u;
	bool ok = false;
	if (user_check_password(req->db, user, password ? password : "", &u, &ok, e))
		return -1;
	if (!ok) {
		if (login_failed(req->db, user, addr, now, e))
			return -1;
		fprintf(stderr, "duikou: login failed for user \"%s\" from %s (%d in %d minutes)%s\n", shown,
		        addr, failures + 1, LOGIN_WINDOW / 60,
		        failures + 1 >= LOGIN_MAX_FAILURES ? "; further logins are refused for a while" : "");
		/* each failure answers later than the one before */
		sleep_ms((long)failures * LOGIN_DELAY_MS);
		login_page(req, resp, user, next, web_t(req->lang, "login.failed"));
		resp->status = 401;
		return 0;
	}
	char token[USER_SECRET_HEX + 1], csrf[USER_SECRET_HEX + 1];
	if (login_succeeded(req->db, user, e) || (req->session && session_delete(req->db, req->session, e)) ||
	    sessions_expire(req->db, now, e) || session_create(req->db, u.name, now, token, csrf, e))
		return -1;
	fprintf(stderr, "duikou: user \"%s\" signed in from %s\n", shown, addr);
	buf cookie = BUF_INIT;
	web_session_cookie(req, token, &cookie);
	web_resp_header(resp, "Set-Cookie", buf_str(&cookie));
	buf_free(&cookie);
	const char *to = safe_next(next);
	resp->status = 303;
	web_resp_header(resp, "Location", to);
	buf_reset(&resp->body);
	buf_puts(&resp->body, "<!doctype html>\n<title>303</title>\n<a href=\"");
	html_escape_attr(&resp->body, to);
	buf_puts(&resp->body, "\">");
	html_escape(&resp->body, to);
	buf_puts(&resp->body, "</a>\n");
	return 0;
}

int page_logout(struct web_req *req, struct web_resp *resp, err *e)
{
	if (req->session && session_delete(req->db, req->session, e))
		return -1;
	buf cookie = BUF_INIT;
	web_session_cookie(req, NULL, &cookie);
	web_resp_header(resp, "Set-Cookie", buf_str(&cookie));
	buf_free(&cookie);
	resp->status = 303;
	web_resp_header(resp, "Location", "/login");
	buf_reset(&resp->body);
	buf_puts(&resp->body, "<!doctype html>\n<title>303</title>\n<a href=\"/login\">/login</a>\n");
	return 0;
}
