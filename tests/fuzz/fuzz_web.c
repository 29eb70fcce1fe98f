/* libFuzzer target: a request as the router sees it after libmicrohttpd,
 * answered in-process by web_dispatch for an administrator (every route
 * is open to it): the path's parts (record ids, steps, kinds), the query
 * parameters (list filters, sort, page, year, period, lang) and a JSON or
 * form body (the API's and the forms' field parsing, api_write.c).
 *
 * The input: "METHOD PATH\n" then "key=value&key=value\n" (the decoded
 * query) then the body; a body that starts with '{' or '[' is sent as
 * JSON, any other as a form of key=value lines. */
#include "fuzz_db.h"
#include "web/router.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct actor fuzz_actor = {"fuzz", ROLE_ADMIN, "", "web"};
#define CSRF "fuzz-csrf-token"
#define MAXP 32

/* the next line of *S (NUL-terminated in place), or the rest */
static char *line(char **s)
{
	char *l = *s, *nl = strchr(l, '\n');
	if (nl) {
		*nl = '\0';
		*s = nl + 1;
	} else {
		*s = l + strlen(l);
	}
	return l;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	char *rest = copy;
	char *first = line(&rest), *query = line(&rest), *body = rest;
	char *sp = strchr(first, ' ');
	const char *method = "GET", *path = first;
	if (sp) {
		*sp = '\0';
		method = first;
		path = sp + 1;
	}
	if (path[0] != '/' || (strcmp(method, "GET") && strcmp(method, "POST") && strcmp(method, "PUT") &&
	                       strcmp(method, "DELETE") && strcmp(method, "HEAD"))) {
		free(copy);
		return 0;
	}
	struct web_param ps[MAXP];
	size_t np = 0;
	for (char *tok = strtok(query, "&"); tok && np < MAXP; tok = strtok(NULL, "&")) {
		char *eq = strchr(tok, '=');
		if (eq)
			*eq = '\0';
		ps[np++] = (struct web_param){tok, eq ? eq + 1 : (char *)""};
	}
	struct web_req r = {0};
	r.db = fuzz_db();
	r.actor = &fuzz_actor;
	r.method = method;
	r.path = path;
	r.lang = LANG_ZH;
	r.params = ps;
	r.nparams = np;
	r.body = body;
	r.body_len = strlen(body);
	r.csrf = CSRF;
	struct web_form_field f[MAXP + 1];
	size_t nf = 0;
	if (body[0] == '{' || body[0] == '[') {
		r.content_type = "application/json";
	} else if (strcmp(method, "POST") == 0) {
		r.content_type = "application/x-www-form-urlencoded";
		char *b = body;
		while (*b && nf < MAXP) {
			char *l = line(&b), *eq = strchr(l, '=');
			if (eq)
				*eq = '\0';
			f[nf].key = l;
			f[nf].filename = NULL;
			buf_init(&f[nf].val);
			buf_puts(&f[nf].val, eq ? eq + 1 : "");
			nf++;
		}
		f[nf].key = "csrf";
		f[nf].filename = NULL;
		buf_init(&f[nf].val);
		buf_puts(&f[nf].val, CSRF);
		nf++;
		r.form = f;
		r.nform = nf;
	} else {
		r.content_type = "";
	}
	struct web_resp resp;
	web_resp_init(&resp);
	web_dispatch(&r, &resp);
	if (resp.status >= 500)
		abort(); /* bad input is a 4xx, never a server error */
	web_resp_free(&resp);
	for (size_t i = 0; i < nf; i++)
		buf_free(&f[i].val);
	free(copy);
	return 0;
}
