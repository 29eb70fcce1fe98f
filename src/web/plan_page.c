/* /plans/{code}: one plan — its workflow state, its fields, the buttons of
 * the steps the signed-in user may take (POST /plans/{code}/{step}, each
 * with the CSRF field) and the dated, signed history of its steps; and
 * the API's POST /api/v1/plans/{code}/{step}. Steps go through
 * model/plan_flow.c; refusals answer 403, 404, 409 or 422. */
#include "core/html.h"
#include "model/codes.h"
#include "model/plan_flow.h"
#include "web/api.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int outcome_status(enum plan_outcome o)
{
	switch (o) {
	case PLAN_OK:
		return 200;
	case PLAN_MISSING:
		return 404;
	case PLAN_FORBIDDEN:
		return 403;
	case PLAN_CONFLICT:
		return 409;
	case PLAN_INVALID:
		return 422;
	default:
		return 500;
	}
}

static void plan_url(buf *b, const char *code, const char *suffix)
{
	buf_puts(b, "/plans/");
	page_url_encode(b, code);
	buf_puts(b, suffix);
}

/* The buttons of the steps REQ's user may take now. */
static int step_forms(struct web_req *req, buf *b, const char *code, err *e)
{
	buf action = BUF_INIT;
	int shown = 0, rc = 0;
	buf_puts(b, "<div id=\"plan-actions\">\n");
	for (int s = 0; s < PLAN_STEP_COUNT && rc == 0; s++) {
		int may = plan_flow_may(req->db, code, (enum plan_step)s, req->actor, e);
		if (may < 0) {
			rc = -1;
			break;
		}
		if (!may)
			continue;
		shown++;
		const char *name = plan_step_name((enum plan_step)s);
		buf_reset(&action);
		plan_url(&action, code, "/");
		buf_puts(&action, name);
		buf_printf(b, "<form method=\"post\" class=\"record flow\" id=\"form-%s\" action=\"", name);
		html_escape_attr(b, buf_str(&action));
		buf_puts(b, "\">");
		web_csrf_input(b, req);
		if (s == PLAN_RETURN) {
			buf_puts(b, "<div class=\"field\"><label for=\"reason\">");
			html_escape(b, web_t(req->lang, "flow.reason"));
			buf_puts(b, "</label><textarea id=\"reason\" name=\"reason\" rows=\"3\" "
			            "required></textarea>"
			            "</div>");
		}
		buf_printf(b, "<button type=\"submit\" id=\"step-%s\"%s>", name,
		           s == PLAN_RETURN ? " class=\"danger\"" : "");
		html_escape(b, plan_step_label((enum plan_step)s, req->lang));
		buf_puts(b, "</button></form>\n");
	}
	if (rc == 0 && !shown) {
		buf_puts(b, "<p class=\"none\" id=\"no-steps\">");
		html_escape(b, web_t(req->lang, "flow.no_steps"));
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</div>\n");
	buf_free(&action);
	return rc;
}

static int history(struct web_req *req, buf *b, const char *code, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT date, user_name, role, step, to_state, reason FROM plan_steps"
	               " WHERE plan_code = $1 ORDER BY id",
	               "t", code))
		return -1;
	static const char *const heads[] = {"rec.date", "flow.user", "flow.step", "flow.state", "flow.why"};
	buf_puts(b, "<table class=\"list\" id=\"plan-steps\">\n<thead><tr>");
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(req->lang, heads[i]));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	int rc, n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		enum plan_step s;
		const char *step = db_col_text(st, 3);
		buf_printf(b, "<tr data-step=\"%s\"><td>",
		           plan_step_parse(step, &s) ? plan_step_name(s) : "");
		html_escape(b, db_col_text(st, 0));
		buf_puts(b, "</td><td>");
		html_escape(b, db_col_text(st, 1));
		buf_puts(b, " (");
		html_escape(b, db_col_text(st, 2));
		buf_puts(b, ")</td><td>");
		html_escape(b, plan_step_parse(step, &s) ? plan_step_label(s, req->lang) : step);
		buf_puts(b, "</td><td>");
		html_escape(b, codes_label("plan_state", db_col_text(st, 4), req->lang));
		buf_puts(b, "</td><td>");
		html_escape(b, db_col_text(st, 5));
		buf_puts(b, "</td></tr>\n");
		n++;
	}
	db_finalize(st);
	buf_puts(b, "</tbody></table>\n");
	if (rc != DB_ERROR && n == 0) {
		buf_puts(b, "<p class=\"none\">");
		html_escape(b, web_t(req->lang, "flow.no_history"));
		buf_puts(b, "</p>\n");
	}
	return rc == DB_ERROR ? -1 : 0;
}

int plan_page(struct web_req *req, struct web_resp *resp, const char *code, int status, const char *message,
              err *e)
{
	const struct kind *k = kind_find("plans");
	char **vals = xcalloc(k->ncols, sizeof(char *));
	buf title = BUF_INIT, u = BUF_INIT, done = BUF_INIT;
	int rc = -1;
	int found = record_load(req->db, k, code, vals, e);
	if (found <= 0) {
		if (found == 0)
			rc = records_missing(req, resp, code, e);
		goto out;
	}
	const char *state = "";
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, "state") == 0 && vals[i])
			state = vals[i];
	buf_printf(&title, "%s %s", web_t(req->lang, "flow.plan"), code);
	struct page p = {"plans", buf_str(&title), 0, NULL};
	if (page_begin(req, resp, &p, e))
		goto out;
	buf *b = &resp->body;
	buf_puts(b, "<h1 id=\"plan-title\">");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n<p class=\"actions\"><a id=\"edit\" href=\"");
	plan_url(&u, code, "/edit");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "rec.edit"));
	buf_puts(b, "</a> · <a id=\"delete\" href=\"");
	buf_reset(&u);
	plan_url(&u, code, "/delete");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "rec.delete"));
	buf_puts(b, "</a> · <a href=\"/plans\">");
	html_escape(b, web_t(req->lang, "kind.plans"));
	buf_puts(b, "</a></p>\n");
	/* the outcome of the step just taken (?done=STEP after the redirect) */
	enum plan_step s;
	if (message) {
		buf_puts(b, "<p class=\"bad\" id=\"flow-error\">");
		html_escape(b, message);
		buf_puts(b, "</p>\n");
	} else if (plan_step_parse(web_param(req, "done"), &s)) {
		buf_printf(&done, "flow.done.%s", plan_step_name(s));
		buf_puts(b, "<p class=\"good\" id=\"flow-message\">");
		html_escape(b, web_t(req->lang, buf_str(&done)));
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<p class=\"plan-state\">");
	html_escape(b, web_t(req->lang, "flow.state"));
	buf_puts(b, ": <strong id=\"plan-state\" data-state=\"");
	html_escape_attr(b, state);
	buf_puts(b, "\">");
	html_escape(b, codes_label("plan_state", state, req->lang));
	buf_puts(b, "</strong></p>\n");
	if (records_fields(req, b, k, vals, "fields", NULL, (const char *const[]){"state", NULL}, e))
		goto out;
	buf_printf(b, "<h2>%s</h2>\n", web_t(req->lang, "flow.actions"));
	if (step_forms(req, b, code, e))
		goto out;
	buf_printf(b, "<h2>%s</h2>\n", web_t(req->lang, "flow.history"));
	if (history(req, b, code, e))
		goto out;
	page_end(req, resp);
	resp->status = status;
	rc = 0;
out:
	record_values_free(k, vals);
	free(vals);
	buf_free(&title);
	buf_free(&u);
	buf_free(&done);
	return rc;
}

int plan_step_post(struct web_req *req, struct web_resp *resp, const char *code, const char *step, err *e)
{
	enum plan_step s;
	if (!plan_step_parse(step, &s))
		return records_not_found(req, resp, req->path, e);
	struct plan_step_result r;
	enum plan_outcome o =
	        plan_flow_step(req->db, code, s, web_form(req, "reason"), NULL, req->lang, req->actor, &r);
	int rc = 0;
	if (o == PLAN_OK) {
		buf to = BUF_INIT;
		plan_url(&to, code, "?done=");
		buf_puts(&to, plan_step_name(s));
		records_redirect(resp, buf_str(&to));
		buf_free(&to);
	} else if (o == PLAN_MISSING) {
		rc = records_not_found(req, resp, r.message, e);
	} else if (o == PLAN_ERROR) {
		rc = err_add(e, EXIT_SYSTEM, "%s", r.message ? r.message : "plan step failed");
	} else {
		rc = plan_page(req, resp, code, outcome_status(o), r.message, e);
	}
	plan_step_result_free(&r);
	return rc;
}

int api_plan_step(struct web_req *req, struct web_resp *resp, err *e)
{
	static const char prefix[] = "/api/v1/plans/";
	const char *rest = req->path + strlen(prefix);
	const char *slash = strrchr(rest, '/');
	enum plan_step s;
	/* /api/v1/plans/{code} without a step is the record API's */
	if (!slash || slash == rest || !plan_step_parse(slash + 1, &s)) {
		if (!slash)
			return api_create(req, resp, e);
		api_error(resp, 404, "no such plan step (steps: submit, acknowledge, approve, return)", NULL);
		return 0;
	}
	char *code = xmalloc((size_t)(slash - rest) + 1);
	memcpy(code, rest, (size_t)(slash - rest));
	code[slash - rest] = '\0';
	json_t *root;
	const char *reason;
	int rc = 0;
	static const char *const names[] = {"reason", NULL};
	if (api_body_strings(req, resp, names, &reason, &root) == 0) {
		struct plan_step_result r;
		enum plan_outcome o =
		        plan_flow_step(req->db, code, s, reason, NULL, req->lang, req->actor, &r);
		if (o == PLAN_OK) {
			json_t *j;
			int found = api_record_json(req->db, kind_find("plans"), code, &j, e);
			if (found == 1) {
				json_object_set_new(j, "step", json_string(plan_step_name(s)));
				rc = api_send(resp, 200, j, false, e);
			} else {
				rc = found < 0 ? -1
				               : err_add(e, EXIT_SYSTEM,
				                         "plan %s: stepped but cannot be read", code);
			}
		} else if (o == PLAN_ERROR) {
			rc = err_add(e, EXIT_SYSTEM, "%s", r.message ? r.message : "plan step failed");
		} else {
			api_error(resp, outcome_status(o), r.message, o == PLAN_INVALID ? "reason" : NULL);
		}
		plan_step_result_free(&r);
	}
	json_decref(root);
	free(code);
	return rc;
}
