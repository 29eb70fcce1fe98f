/* /projects/{code}: one project's fields (code labels, amounts through
 * num.c), its status history, its fund receipts with their total, the
 * tracking-service fields, links to edit and delete, and the form that
 * records a receipt (saved through model/record.c, then back here). */
#include "core/html.h"
#include "model/codes.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdlib.h>
#include <string.h>

/* the tracking-service columns, shown in their own section */
static const char *const service_cols[] = {"leader",        "team",        "service_mode",
                                           "green_channel", "policy_note", NULL};

static int history(struct web_req *req, buf *b, const char *code, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT date, status FROM status_history WHERE project_code = $1 ORDER BY date", "t",
	               code))
		return -1;
	buf_puts(b, "<table class=\"list\" id=\"history\">\n<thead><tr><th>");
	html_escape(b, web_t(req->lang, "rec.date"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(req->lang, "proj.status"));
	buf_puts(b, "</th></tr></thead>\n<tbody>\n");
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		buf_puts(b, "<tr><td>");
		html_escape(b, db_col_text(st, 0));
		buf_puts(b, "</td><td>");
		html_escape(b, codes_label("status", db_col_text(st, 1), req->lang));
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int receipts(struct web_req *req, buf *b, const char *code, bool edit, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT date, amount, side, source_type, note, code FROM funds WHERE project_code = $1"
	               " ORDER BY date, id",
	               "t", code))
		return -1;
	static const char *const heads[] = {"rec.date",        "rec.amount", "rec.side",
	                                    "rec.source_type", "rec.note",   "rec.receipt"};
	buf_puts(b, "<table class=\"list\" id=\"receipts\">\n<thead><tr>");
	for (size_t i = 0; i < 6; i++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(req->lang, heads[i]));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th></th></tr></thead>\n<tbody>\n");
	int rc;
	int64_t total = 0, n = 0;
	buf t = BUF_INIT;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t amount = db_col_int(st, 1);
		total += amount;
		n++;
		buf_reset(&t);
		num_fmt_amount(&t, amount, req->lang);
		buf_puts(b, "<tr><td>");
		html_escape(b, db_col_text(st, 0));
		buf_puts(b, "</td><td class=\"num\">");
		html_escape(b, buf_str(&t));
		buf_puts(b, "</td><td>");
		html_escape(b, codes_label("side", db_col_text(st, 2), req->lang));
		buf_puts(b, "</td><td>");
		if (!db_col_null(st, 3) && db_col_text(st, 3)[0])
			html_escape(b, codes_label("source_type", db_col_text(st, 3), req->lang));
		buf_puts(b, "</td><td>");
		html_escape(b, db_col_text(st, 4));
		buf_puts(b, "</td><td>");
		html_escape(b, db_col_text(st, 5));
		buf_puts(b, "</td><td>");
		if (edit) {
			buf_puts(b, "<a href=\"/funds/");
			buf reff = BUF_INIT;
			page_url_encode(&reff, db_col_text(st, 5));
			html_escape_attr(b, buf_str(&reff));
			buf_free(&reff);
			buf_puts(b, "/edit\">");
			html_escape(b, web_t(req->lang, "rec.edit"));
			buf_puts(b, "</a>");
		}
		buf_puts(b, "</td></tr>\n");
	}
	db_finalize(st);
	buf_reset(&t);
	num_fmt_amount(&t, total, req->lang);
	buf_puts(b, "</tbody>\n<tfoot><tr><th>");
	html_escape(b, web_t(req->lang, "rec.total"));
	buf_printf(b, " (%lld)</th><td class=\"num\" id=\"receipts-total\">", (long long)n);
	html_escape(b, buf_str(&t));
	buf_puts(b, "</td><td colspan=\"5\"></td></tr></tfoot></table>\n");
	buf_free(&t);
	return rc == DB_ERROR ? -1 : 0;
}

int records_inline_form(struct web_req *req, buf *b, const struct kind *k, const char *const *shown,
                        const char *action, const char *id, const char *prefix, const char *button_key,
                        const struct record_result *r, char *const *vals)
{
	buf lab = BUF_INIT;
	records_problems(req, b, k, r);
	buf_printf(b, "<form method=\"post\" class=\"record inline\" id=\"%s\" action=\"", id);
	html_escape_attr(b, action);
	buf_puts(b, "\">\n");
	web_csrf_input(b, req);
	for (size_t s = 0; shown[s]; s++) {
		const struct column *c = kind_column(k, shown[s]);
		if (!c)
			continue;
		size_t i = (size_t)(c - k->cols);
		const char *v = vals ? vals[i] : NULL;
		const char *msg = NULL;
		for (size_t j = 0; r && j < r->nproblems; j++)
			if (r->problems[j].field && strcmp(r->problems[j].field, c->name) == 0 && !msg)
				msg = r->problems[j].message;
		/* ids unique on a page that has several of these forms */
		buf_printf(b, "<div class=\"field%s\"><label for=\"%s-%s\">", msg ? " bad" : "", prefix,
		           c->name);
		html_escape(b, records_label(req->lang, c, &lab));
		buf_puts(b, "</label>");
		if (c->type == CT_CODE) {
			const struct code_list *l = codes_list(c->list);
			buf_printf(b, "<select id=\"%s-%s\" name=\"%s\">", prefix, c->name, c->name);
			if (!c->required)
				buf_puts(b, "<option value=\"\">—</option>");
			for (size_t x = 0; l && x < l->n; x++) {
				buf_puts(b, "<option value=\"");
				html_escape_attr(b, l->items[x].code);
				buf_puts(b, v && strcmp(v, l->items[x].code) == 0 ? "\" selected>" : "\">");
				html_escape(b, req->lang == LANG_EN ? l->items[x].en : l->items[x].zh);
				buf_puts(b, "</option>");
			}
			buf_puts(b, "</select>");
		} else {
			buf_printf(b, "<input type=\"%s\" id=\"%s-%s\" name=\"%s\"%s value=\"",
			           c->type == CT_DATE ? "date" : "text", prefix, c->name, c->name,
			           c->type == CT_AMOUNT ? " placeholder=\"8730万 / 1.12亿\"" : "");
			html_escape_attr(b, v ? v : "");
			buf_puts(b, "\">");
		}
		if (msg) {
			/* the receipt form's are err-COLUMN, as before the others came */
			if (strcmp(prefix, "f") == 0)
				buf_printf(b, "<p class=\"field-error\" id=\"err-%s\">", c->name);
			else
				buf_printf(b, "<p class=\"field-error\" id=\"%s-err-%s\">", prefix, c->name);
			html_escape(b, msg);
			buf_puts(b, "</p>");
		}
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "<p><button type=\"submit\">");
	html_escape(b, web_t(req->lang, button_key));
	buf_puts(b, "</button></p>\n</form>\n");
	buf_free(&lab);
	return 0;
}

/* The receipt form: the funds columns a person records by hand. */
static int fund_form(struct web_req *req, buf *b, const char *code, const struct record_result *r,
                     char *const *fund)
{
	static const char *const shown[] = {"date", "amount", "side", "source_type", "note", NULL};
	buf action = BUF_INIT;
	buf_puts(&action, "/projects/");
	page_url_encode(&action, code);
	buf_puts(&action, "/funds");
	int rc = records_inline_form(req, b, kind_find("funds"), shown, buf_str(&action), "fund-form", "f",
	                             "rec.add_receipt", r, fund);
	buf_free(&action);
	return rc;
}

int project_page(struct web_req *req, struct web_resp *resp, const char *code, const struct record_result *r,
                 char *const *fund, err *e)
{
	return project_page_form(req, resp, code, kind_find("funds"), r, fund, e);
}

int project_page_form(struct web_req *req, struct web_resp *resp, const char *code, const struct kind *form,
                      const struct record_result *r, char *const *given, err *e)
{
	bool is_fund = form && strcmp(form->name, "funds") == 0;
	const struct record_result *fr = is_fund ? r : NULL;
	char *const *fund = is_fund ? given : NULL;
	const struct kind *k = kind_find("projects");
	char **vals = xcalloc(k->ncols, sizeof(char *));
	int rc = -1;
	int found = record_load(req->db, k, code, vals, e);
	if (found <= 0) {
		if (found == 0)
			rc = records_missing(req, resp, code, e);
		goto out;
	}
	buf title = BUF_INIT, u = BUF_INIT;
	buf_printf(&title, "%s %s", vals[0], vals[1] ? vals[1] : "");
	struct page p = {"projects", buf_str(&title), 0, NULL};
	if (page_begin(req, resp, &p, e)) {
		buf_free(&title);
		goto out;
	}
	buf *b = &resp->body;
	/* the page is shown to readers of the project; its receipts are in
	 * the same scope, so the role says what they may change */
	bool edit = perm_may(req->actor, k, PERM_WRITE);
	bool add_fund = perm_may(req->actor, kind_find("funds"), PERM_WRITE);
	buf_puts(b, "<h1 id=\"project-title\">");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n<p class=\"actions\">");
	page_url_encode(&u, code);
	if (edit) {
		buf_puts(b, "<a id=\"edit\" href=\"/projects/");
		html_escape_attr(b, buf_str(&u));
		buf_puts(b, "/edit\">");
		html_escape(b, web_t(req->lang, "rec.edit"));
		buf_puts(b, "</a> · <a id=\"delete\" href=\"/projects/");
		html_escape_attr(b, buf_str(&u));
		buf_puts(b, "/delete\">");
		html_escape(b, web_t(req->lang, "rec.delete"));
		buf_puts(b, "</a> · ");
	}
	buf_puts(b, "<a href=\"/projects\">");
	html_escape(b, web_t(req->lang, "nav.projects"));
	buf_puts(b, "</a> · <a id=\"timeline-link\" href=\"/projects/");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "/timeline\">");
	html_escape(b, web_t(req->lang, "trk.timeline"));
	buf_puts(b, "</a>");
	if (web_may_audit(req)) {
		buf_puts(b, " · ");
		web_audit_link(b, req, k, code);
	}
	buf_puts(b, "</p>\n");
	buf_free(&title);
	buf_free(&u);
	if (records_fields(req, b, k, vals, "fields", NULL, service_cols, e))
		goto out;
	buf_printf(b, "<h2>%s</h2>\n", web_t(req->lang, "rec.service"));
	if (records_fields(req, b, k, vals, "service", service_cols, NULL, e))
		goto out;
	buf_printf(b, "<h2>%s</h2>\n", web_t(req->lang, "rec.history"));
	if (history(req, b, code, e))
		goto out;
	buf_printf(b, "<h2 id=\"funds\">%s</h2>\n", web_t(req->lang, "rec.receipts"));
	if (receipts(req, b, code, add_fund, e))
		goto out;
	if (add_fund) {
		buf_printf(b, "<h2>%s</h2>\n", web_t(req->lang, "rec.add_receipt"));
		if (fund_form(req, b, code, fr, fund))
			goto out;
	}
	if (project_tracking(req, b, code, is_fund ? NULL : form, r, given, e))
		goto out;
	page_end(req, resp);
	if (r)
		resp->status = 422;
	rc = 0;
out:
	record_values_free(k, vals);
	free(vals);
	return rc;
}

int project_add_fund(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	const struct kind *k = kind_find("funds");
	struct record_field *f = xcalloc(k->ncols, sizeof *f);
	char **vals = xcalloc(k->ncols, sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < k->ncols; i++) {
		const char *name = k->cols[i].name;
		/* the receipt belongs to this page's project; its number is given
		 * by the importer (R and its id) */
		const char *v = strcmp(name, "project_code") == 0 ? code : web_form(req, name);
		if (strcmp(name, "code") == 0)
			continue;
		f[n++] = (struct record_field){name, v ? v : ""};
		vals[i] = (char *)(v ? v : "");
	}
	struct record_result r;
	struct actor who;
	record_result_init(&r);
	int rc = 0;
	enum record_outcome o =
	        record_create(req->db, k, f, n, req->lang, web_actor_via(req, "form", &who), &r);
	if (o == RECORD_OK) {
		buf to = BUF_INIT;
		buf_puts(&to, "/projects/");
		page_url_encode(&to, code);
		buf_puts(&to, "#funds");
		records_redirect(resp, buf_str(&to));
		buf_free(&to);
	} else if (o == RECORD_ERROR) {
		rc = err_add(e, EXIT_SYSTEM, "%s", r.nproblems ? r.problems[0].message : "save failed");
	} else if (o == RECORD_FORBIDDEN) {
		rc = records_forbidden(req, resp, r.nproblems ? r.problems[0].message : NULL, e);
	} else {
		rc = project_page(req, resp, code, &r, vals, e);
	}
	record_result_free(&r);
	free(f);
	free(vals);
	return rc;
}
