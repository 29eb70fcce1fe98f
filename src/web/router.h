/* The web application's plumbing: a request (method, path, decoded query
 * parameters, language, the thread's database) and a response (status,
 * content type, body, headers), and the one table that maps a method and a
 * path to the function that writes that page (like Fossil's and cgit's). */
#ifndef DUIKOU_WEB_ROUTER_H
#define DUIKOU_WEB_ROUTER_H
#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"
#include "model/actor.h"
#include "store/db.h"
#include <stdbool.h>
#include <stddef.h>

struct sc_weights; /* report/scorecard.h */

struct web_param {
	char *key, *val;
};

/* A field of a POSTed form (application/x-www-form-urlencoded or
 * multipart/form-data), decoded by libmicrohttpd's post processor. */
struct web_form_field {
	char *key;
	char *filename; /* multipart file part: its file name, else NULL */
	buf val;        /* the value, NUL-terminated; may hold NUL bytes */
};

struct web_req {
	const char *method;       /* "GET", "POST", … */
	const char *path;         /* decoded, without the query */
	struct web_param *params; /* the query parameters, in order */
	size_t nparams;
	enum lang lang;   /* ?lang=, else the lang cookie, else zh */
	bool lang_asked;  /* ?lang= was given: remember it in the cookie */
	const char *body; /* the request body (NUL-terminated), "" if none */
	size_t body_len;
	struct web_form_field *form; /* the POSTed form's fields, in order */
	size_t nform;
	const char *content_type; /* the request's Content-Type, "" if none */
	db *db;                   /* this worker thread's connection */
	/* The signed-in user making the request (web/auth.c fills it before
	 * the page runs); every change a page makes is made by it. */
	const struct actor *actor;
	/* The session's CSRF token, which every state-changing form carries
	 * (web_csrf_input) and the API sends as X-CSRF-Token; NULL when the
	 * request is authenticated otherwise (an API token). */
	const char *csrf;
	const char *db_name; /* what --db named, for messages */
	/* What sign-in needs (web/auth.c, web/login.c); NULL/false in
	 * in-process tests: */
	const char *remote;  /* the client's address, for throttling and logs */
	const char *session; /* the session cookie's token as sent, or NULL */
	bool tls_proxy;      /* serve --tls-proxy: cookies are Secure */
	const char *today;   /* serve --today: the alerts' day; NULL: the clock */
	int stale_days;      /* serve --stale-days; 0: the default */
	/* serve --weights: the scorecard's weights; NULL: the defaults */
	const struct sc_weights *weights;
};

#define WEB_MAX_HEADERS 16

struct web_resp {
	int status;               /* 200 unless a page says otherwise */
	const char *content_type; /* a static string */
	buf body;
	/* A static body (an embedded asset) served without copying; used
	 * instead of BODY when not NULL. */
	const char *static_body;
	size_t static_len;
	size_t nheaders;
	char *header_name[WEB_MAX_HEADERS], *header_value[WEB_MAX_HEADERS];
};

/* A page: writes RESP from REQ; returns 0, or -1 after adding to E (status
 * EXIT_INVALID for a bad request, which becomes a 400; anything else a 500). */
typedef int (*web_handler)(struct web_req *req, struct web_resp *resp, err *e);

struct web_route {
	const char *method; /* GET routes answer HEAD too */
	const char *path;   /* exact path, or a prefix when it ends with '/' and PREFIX */
	bool prefix;
	web_handler fn;
};

void web_resp_init(struct web_resp *r);
void web_resp_free(struct web_resp *r);
/* Adds a header (copied); silently ignores more than WEB_MAX_HEADERS. */
void web_resp_header(struct web_resp *r, const char *name, const char *value);
/* Content-Disposition: attachment for a download named ASCII (a plain
 * fallback) and, when UTF8 is not NULL, filename*=UTF-8''… (RFC 5987) so
 * that a Chinese name arrives whole. */
void web_resp_attachment(struct web_resp *r, const char *ascii, const char *utf8);
/* The Content-Type of an .xlsx workbook. */
#define WEB_XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
/* The body that will be sent, static or built. */
const char *web_resp_data(const struct web_resp *r, size_t *len);

/* The value of query parameter KEY, or NULL when absent. */
const char *web_param(const struct web_req *r, const char *key);
/* The value of KEY when present and not empty, else DEF. */
const char *web_param_or(const struct web_req *r, const char *key, const char *def);
/* Query parameter KEY as a whole number in [MIN, MAX]; absent or empty
 * gives DEF; anything else is a bad request (EXIT_INVALID naming KEY). */
int web_param_int(const struct web_req *r, const char *key, int64_t min, int64_t max, int64_t def,
                  int64_t *out, err *e);

/* The value of the POSTed form field KEY (NULL when absent), and the field
 * itself (for a file's name and length). */
const char *web_form(const struct web_req *r, const char *key);
const struct web_form_field *web_form_field(const struct web_req *r, const char *key);
/* ?verified=1 (or on, true): the reports count verified receipts only
 * (issue 10); web_dispatch sets it on the request's connection. */
bool web_verified(const struct web_req *r);

/* The route table, ended by a NULL path. */
const struct web_route *web_routes(void);
/* The route that answers METHOD on PATH (HEAD as GET), or NULL: the first
 * of the table, as web_dispatch finds it. */
const struct web_route *web_route_find(const char *method, const char *path);

/* Answers STATUS with the error page (HTML, or JSON {"error", "field"}
 * under /api/): the first message of E when it has one, else the text of
 * TEXT_KEY (web/i18n.c) in the request's language. */
void web_fail(struct web_req *req, struct web_resp *resp, int status, const err *e, const char *text_key);

/* Finds the route of REQ and runs it; unknown paths are 404, a known path
 * with another method 405 (with Allow), a failed page 400 or 500. Pages
 * under /api/ fail as JSON {"error": …, "field": …}, others as HTML. */
void web_dispatch(struct web_req *req, struct web_resp *resp);

#endif
