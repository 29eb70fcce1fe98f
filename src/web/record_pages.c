/* The record pages under /{kind}/: new, {id}/edit, {id}/delete (GET shows,
 * POST acts, then Post/Redirect/Get), a project's page and its receipts.
 * Every write goes through model/record.c; ids are those of api-scheme. */
#include "core/html.h"
#include "model/plan_flow.h"
#include "model/receipts.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdlib.h>
#include <string.h>

struct target {
	const struct kind *k;
	char *id;           /* NULL for /{kind}/new */
	const char *action; /* "new", "edit", "delete", "funds", a plan step, "" (the record) */
};

/* Splits /{kind}/REST; false when the path names nothing here. */
static bool parse_target(const char *path, struct target *t)
{
	memset(t, 0, sizeof *t);
	const char *rest = strchr(path + 1, '/');
	if (!rest)
		return false;
	char name[32];
	size_t n = (size_t)(rest - path - 1);
	if (n >= sizeof name)
		return false;
	memcpy(name, path + 1, n);
	name[n] = '\0';
	t->k = kind_find(name);
	if (!t->k || strcmp(t->k->name, name) != 0)
		return false;
	rest++;
	if (strcmp(rest, "new") == 0) {
		t->action = "new";
		return true;
	}
	static const char *const actions[] = {"edit", "delete", "funds", "submit", "acknowledge", "approve",
	                                      "return",
	                                      /* the tracking service (issue 7) */
	                                      "log", "commitments", "done", "timeline",
	                                      /* both sides' books (issue 10) */
	                                      "verify", "unlock", "evidence", "confirm", "unconfirm"};
	const char *slash = strrchr(rest, '/');
	t->action = "";
	size_t idlen = strlen(rest);
	if (slash)
		for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
			if (strcmp(slash + 1, actions[i]) == 0) {
				t->action = actions[i];
				idlen = (size_t)(slash - rest);
			}
	if (idlen == 0)
		return false;
	t->id = xmalloc(idlen + 1);
	memcpy(t->id, rest, idlen);
	t->id[idlen] = '\0';
	return true;
}

/* A refusal page: STATUS, its title TITLE_KEY, and MESSAGE in <p id=ID>. */
static int error_page(struct web_req *req, struct web_resp *resp, int status, const char *title_key,
                      const char *id, const char *message, err *e)
{
	struct page p = {"", web_t(req->lang, title_key), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_printf(b, "<h1>%d ", status);
	html_escape(b, web_t(req->lang, title_key));
	buf_puts(b, "</h1>\n<p");
	if (id)
		buf_printf(b, " id=\"%s\"", id);
	buf_puts(b, ">");
	html_escape(b, message);
	buf_puts(b, "</p>\n");
	page_end(req, resp);
	resp->status = status;
	return 0;
}

int records_not_found(struct web_req *req, struct web_resp *resp, const char *message, err *e)
{
	return error_page(req, resp, 404, "error.not_found", NULL, message, e);
}

int records_forbidden(struct web_req *req, struct web_resp *resp, const char *message, err *e)
{
	return error_page(req, resp, 403, "error.forbidden", "forbidden",
	                  message ? message : web_t(req->lang, "error.forbidden_text"), e);
}

int records_missing(struct web_req *req, struct web_resp *resp, const char *id, err *e)
{
	buf m = BUF_INIT;
	buf_printf(&m, "%s: %s", web_t(req->lang, "rec.missing"), id);
	int rc = records_not_found(req, resp, buf_str(&m), e);
	buf_free(&m);
	return rc;
}

static int missing(struct web_req *req, struct web_resp *resp, const struct target *t, err *e)
{
	return records_missing(req, resp, t->id ? t->id : req->path, e);
}

/* A record the user may not read: 403 when it exists, else 404. */
static int record_load_exists(struct web_req *req, struct web_resp *resp, const struct target *t, err *e)
{
	char **vals = xcalloc(t->k->ncols, sizeof(char *));
	int found = record_load(req->db, t->k, t->id, vals, e);
	record_values_free(t->k, vals);
	free(vals);
	if (found < 0)
		return -1;
	return found ? records_forbidden(req, resp, NULL, e) : missing(req, resp, t, e);
}

/* /{kind}/{id} (encoded) + SUFFIX */
static void record_url(buf *b, const struct kind *k, const char *id, const char *suffix)
{
	buf_printf(b, "/%s/", k->name);
	page_url_encode(b, id);
	buf_puts(b, suffix);
}

static bool is_plans(const struct kind *k)
{
	return strcmp(k->name, "plans") == 0;
}

/* The tracking service's actions: a project's log and commitments forms
 * and timeline, a commitment's done button (project_tracking.c). */
static bool is_tracking(const struct target *t)
{
	const char *k = t->k->name, *a = t->action;
	if (strcmp(k, "projects") == 0)
		return !strcmp(a, "log") || !strcmp(a, "commitments") || !strcmp(a, "timeline");
	return strcmp(k, "commitments") == 0 && strcmp(a, "done") == 0;
}

/* Both sides' books (issue 10): a receipt's verify, unlock and evidence,
 * a transfer's confirm. */
static bool is_books(const struct target *t)
{
	const char *k = t->k->name, *a = t->action;
	if (strcmp(k, "funds") == 0)
		return !strcmp(a, "verify") || !strcmp(a, "unlock") || !strcmp(a, "evidence");
	return strcmp(k, "transfers") == 0 && (!strcmp(a, "confirm") || !strcmp(a, "unconfirm"));
}

/* The parts of a receipt's or a transfer's page beyond its fields. */
static int books_extras(struct web_req *req, buf *b, const struct target *t, err *e)
{
	if (!t->id)
		return 0;
	if (strcmp(t->k->name, "funds") == 0)
		return receipt_extras(req, b, t->id, e);
	if (strcmp(t->k->name, "transfers") == 0)
		return transfer_extras(req, b, t->id, e);
	return 0;
}

/* A plan workflow step's action (POST /plans/{code}/{step}). */
static bool is_step(const struct target *t)
{
	enum plan_step s;
	return plan_step_parse(t->action, &s);
}

/* Where a saved record is shown: a project's or plan's page, else its
 * kind's list. */
static void shown_at(buf *b, const struct kind *k, const char *id)
{
	if ((strcmp(k->name, "projects") == 0 || is_plans(k)) && id)
		record_url(b, k, id, "");
	else
		buf_printf(b, "/%s", k->name);
}

static void kind_title(struct web_req *req, buf *title, const struct kind *k, const char *what,
                       const char *id)
{
	buf_printf(title, "%s · %s", web_t(req->lang, what), req->lang == LANG_EN ? k->name : k->zh);
	if (id)
		buf_printf(title, " %s", id);
}

/* The form page: new (ID NULL) or edit. */
static int form_page(struct web_req *req, struct web_resp *resp, const struct target *t, char *const *vals,
                     const struct record_result *r, err *e)
{
	buf title = BUF_INIT, action = BUF_INIT, back = BUF_INIT;
	kind_title(req, &title, t->k, t->id ? "rec.edit" : "rec.new", t->id);
	if (t->id)
		record_url(&action, t->k, t->id, "/edit");
	else
		buf_printf(&action, "/%s/new", t->k->name);
	struct page p = {t->k->name, buf_str(&title), 0, NULL};
	int rc = -1;
	if (page_begin(req, resp, &p, e))
		goto out;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n");
	if (records_form(req, b, t->k, buf_str(&action), vals, r, t->id != NULL, e) ||
	    books_extras(req, b, t, e))
		goto out;
	shown_at(&back, t->k, t->id);
	buf_puts(b, "<p><a href=\"");
	html_escape_attr(b, buf_str(&back));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "rec.back"));
	buf_puts(b, "</a>");
	if (t->id && web_may_audit(req)) {
		buf_puts(b, " · ");
		web_audit_link(b, req, t->k, t->id);
	}
	buf_puts(b, "</p>\n");
	page_end(req, resp);
	if (r)
		resp->status = 422;
	rc = 0;
out:
	buf_free(&title);
	buf_free(&action);
	buf_free(&back);
	return rc;
}

/* A record for a reader who may not change it: its fields, no form. */
static int view_page(struct web_req *req, struct web_resp *resp, const struct target *t, char *const *vals,
                     err *e)
{
	buf title = BUF_INIT;
	buf_printf(&title, "%s %s", req->lang == LANG_EN ? t->k->name : t->k->zh, t->id);
	struct page p = {t->k->name, buf_str(&title), 0, NULL};
	int rc = -1;
	if (page_begin(req, resp, &p, e))
		goto out;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n");
	if (records_fields(req, b, t->k, vals, "fields", NULL, NULL, e) || books_extras(req, b, t, e))
		goto out;
	buf_printf(b, "<p><a href=\"/%s\">", t->k->name);
	html_escape(b, web_t(req->lang, "rec.back"));
	buf_puts(b, "</a></p>\n");
	page_end(req, resp);
	rc = 0;
out:
	buf_free(&title);
	return rc;
}

static int delete_page(struct web_req *req, struct web_resp *resp, const struct target *t,
                       const struct record_result *r, err *e)
{
	buf title = BUF_INIT, action = BUF_INIT;
	kind_title(req, &title, t->k, "rec.delete", t->id);
	record_url(&action, t->k, t->id, "/delete");
	struct page p = {t->k->name, buf_str(&title), 0, NULL};
	int rc = -1;
	if (page_begin(req, resp, &p, e))
		goto out;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n");
	records_problems(req, b, t->k, r);
	buf_puts(b, "<p>");
	html_escape(b, web_t(req->lang,
	                     strcmp(t->k->name, "projects") == 0 ? "rec.confirm_project" : "rec.confirm"));
	buf_puts(b, "</p>\n<form method=\"post\" action=\"");
	html_escape_attr(b, buf_str(&action));
	buf_puts(b, "\">");
	web_csrf_input(b, req);
	buf_puts(b, "<button type=\"submit\" class=\"danger\">");
	html_escape(b, web_t(req->lang, "rec.delete"));
	buf_puts(b, "</button></form>\n");
	page_end(req, resp);
	if (r)
		resp->status = r->outcome == RECORD_CONFLICT ? 409 : 422;
	rc = 0;
out:
	buf_free(&title);
	buf_free(&action);
	return rc;
}

int page_record_get(struct web_req *req, struct web_resp *resp, err *e)
{
	struct target t;
	if (!parse_target(req->path, &t))
		return records_not_found(req, resp, req->path, e);
	int rc;
	if (strcmp(t.action, "new") == 0) {
		rc = form_page(req, resp, &t, NULL, NULL, e);
	} else if (strcmp(t.k->name, "projects") == 0 && strcmp(t.action, "timeline") == 0) {
		rc = record_allowed(req->db, req->actor, t.k, t.id, PERM_READ, e);
		if (rc == 1)
			rc = project_timeline(req, resp, t.id, e);
		else if (rc == 0)
			rc = record_load_exists(req, resp, &t, e);
	} else if (strcmp(t.action, "funds") == 0 || is_step(&t) || is_tracking(&t) || is_books(&t)) {
		/* the receipts are listed on the project's page, the steps on the plan's */
		buf u = BUF_INIT;
		record_url(&u, t.k, t.id, "");
		records_redirect(resp, buf_str(&u));
		buf_free(&u);
		rc = 0;
	} else {
		char **vals = xcalloc(t.k->ncols, sizeof(char *));
		int found = record_load(req->db, t.k, t.id, vals, e);
		/* the record's page needs the reader's scope, its forms the writer's */
		bool editing = strcmp(t.action, "edit") == 0 || strcmp(t.action, "delete") == 0;
		int read = found == 1 ? record_allowed(req->db, req->actor, t.k, t.id, PERM_READ, e) : 0;
		int write = read == 1 ? record_allowed(req->db, req->actor, t.k, t.id, PERM_WRITE, e) : 0;
		/* a verified receipt is locked (issue 10): shown, not offered for editing */
		if (write == 1 && strcmp(t.k->name, "funds") == 0 && strcmp(t.action, "delete") != 0) {
			char *by, *at;
			int v = receipt_verified(req->db, t.id, &by, &at, e);
			free(by);
			free(at);
			if (v)
				write = v < 0 ? -1 : 0;
			if (v == 1) {
				t.action = "";
				editing = false;
			}
		}
		if (found < 0 || read < 0 || write < 0)
			rc = -1;
		else if (!found)
			rc = missing(req, resp, &t, e);
		else if (!read || (editing && !write))
			rc = records_forbidden(req, resp, NULL, e);
		else if (strcmp(t.action, "edit") == 0)
			rc = form_page(req, resp, &t, vals, NULL, e);
		else if (strcmp(t.action, "delete") == 0)
			rc = delete_page(req, resp, &t, NULL, e);
		else if (strcmp(t.k->name, "projects") == 0)
			rc = project_page(req, resp, t.id, NULL, NULL, e);
		else if (is_plans(t.k))
			rc = plan_page(req, resp, t.id, 200, NULL, e);
		else if (!write)
			rc = view_page(req, resp, &t, vals, e);
		else {
			buf u = BUF_INIT;
			record_url(&u, t.k, t.id, "/edit");
			records_redirect(resp, buf_str(&u));
			buf_free(&u);
			rc = 0;
		}
		record_values_free(t.k, vals);
		free(vals);
	}
	free(t.id);
	return rc;
}

int page_record_post(struct web_req *req, struct web_resp *resp, err *e)
{
	if (records_post_allowed(req, e))
		return -1;
	struct target t;
	if (!parse_target(req->path, &t) || !t.action[0]) {
		free(t.id); /* a record's path without an action: parsed, then refused */
		return records_not_found(req, resp, req->path, e);
	}
	int rc = 0;
	struct record_result r;
	record_result_init(&r);
	struct actor tmp;
	const struct actor *who = web_actor_via(req, "form", &tmp);
	struct record_field *f = xcalloc(t.k->ncols, sizeof *f);
	buf to = BUF_INIT;
	if (strcmp(t.action, "funds") == 0) {
		rc = strcmp(t.k->name, "projects") == 0 ? project_add_fund(req, resp, t.id, e)
		                                        : records_not_found(req, resp, req->path, e);
		goto out;
	}
	if (is_tracking(&t)) {
		if (strcmp(t.action, "done") == 0)
			rc = commitment_done(req, resp, t.id, e);
		else if (strcmp(t.action, "timeline") == 0)
			rc = records_not_found(req, resp, req->path, e);
		else
			rc = project_add_tracking(req, resp, t.id, t.action, e);
		goto out;
	}
	if (is_books(&t)) {
		rc = strcmp(t.k->name, "transfers") == 0 ? transfer_confirm_post(req, resp, t.id, t.action, e)
		                                         : receipt_post(req, resp, t.id, t.action, e);
		goto out;
	}
	if (is_step(&t)) {
		rc = is_plans(t.k) ? plan_step_post(req, resp, t.id, t.action, e)
		                   : records_not_found(req, resp, req->path, e);
		goto out;
	}
	if (strcmp(t.action, "delete") == 0) {
		if (record_delete(req->db, t.k, t.id, req->lang, who, &r) == RECORD_OK) {
			buf_printf(&to, "/%s", t.k->name);
			records_redirect(resp, buf_str(&to));
		} else if (r.outcome == RECORD_MISSING) {
			rc = missing(req, resp, &t, e);
		} else if (r.outcome == RECORD_FORBIDDEN) {
			rc = records_forbidden(req, resp, r.nproblems ? r.problems[0].message : NULL, e);
		} else if (r.outcome == RECORD_ERROR) {
			rc = err_add(e, EXIT_SYSTEM, "%s",
			             r.nproblems ? r.problems[0].message : "delete failed");
		} else {
			rc = delete_page(req, resp, &t, &r, e);
		}
		goto out;
	}
	records_form_fields(req, t.k, f);
	enum record_outcome o = t.id ? record_update(req->db, t.k, t.id, f, t.k->ncols, req->lang, who, &r)
	                             : record_create(req->db, t.k, f, t.k->ncols, req->lang, who, &r);
	if (o == RECORD_OK) {
		shown_at(&to, t.k, r.id);
		records_redirect(resp, buf_str(&to));
	} else if (o == RECORD_MISSING) {
		rc = missing(req, resp, &t, e);
	} else if (o == RECORD_FORBIDDEN) {
		rc = records_forbidden(req, resp, r.nproblems ? r.problems[0].message : NULL, e);
	} else if (o == RECORD_ERROR) {
		rc = err_add(e, EXIT_SYSTEM, "%s", r.nproblems ? r.problems[0].message : "save failed");
	} else {
		/* the form again, with what the user typed */
		char **vals = xcalloc(t.k->ncols, sizeof(char *));
		for (size_t i = 0; i < t.k->ncols; i++)
			vals[i] = (char *)f[i].value;
		rc = form_page(req, resp, &t, vals, &r, e);
		free(vals);
		if (o == RECORD_CONFLICT)
			resp->status = 409;
	}
out:
	buf_free(&to);
	free(f);
	record_result_free(&r);
	free(t.id);
	return rc;
}
