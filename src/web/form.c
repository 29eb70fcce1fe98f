/* The one generic form of a record, driven by the kinds table: text inputs,
 * selects of code lists (Chinese labels) and of divisions, programs and
 * conferences from the database, date inputs, checkboxes; each problem
 * beside its field. Also the POST gate, redirects and the display of one
 * value, which every record page shares. */
#include "core/html.h"
#include "model/codes.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/records.h"
#include <stdlib.h>
#include <string.h>

int records_post_allowed(struct web_req *req, err *e)
{
	const char *ct = req->content_type ? req->content_type : "";
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) != 0 &&
	    strncmp(ct, "multipart/form-data", 19) != 0)
		return err_add(e, EXIT_INVALID, "the request must be a submitted form (Content-Type %s)",
		               ct[0] ? ct : "missing");
	return 0;
}

void records_redirect(struct web_resp *resp, const char *location)
{
	resp->status = 303;
	web_resp_header(resp, "Location", location);
	buf_reset(&resp->body);
	buf_puts(&resp->body, "<!doctype html>\n<title>303</title>\n<a href=\"");
	html_escape_attr(&resp->body, location);
	buf_puts(&resp->body, "\">");
	html_escape(&resp->body, location);
	buf_puts(&resp->body, "</a>\n");
}

const char *records_label(enum lang lang, const struct column *c, buf *tmp)
{
	if (lang == LANG_ZH && c->zh)
		return c->zh;
	buf_reset(tmp);
	for (const char *p = c->name; *p; p++)
		buf_putc(tmp, *p == '_' ? ' ' : *p);
	return buf_str(tmp);
}

static const char *problem_of(const struct record_result *r, const char *field)
{
	for (size_t i = 0; r && i < r->nproblems; i++)
		if (r->problems[i].field && strcmp(r->problems[i].field, field) == 0)
			return r->problems[i].message;
	return NULL;
}

void records_problems(struct web_req *req, buf *b, const struct kind *k, const struct record_result *r)
{
	bool open = false;
	for (size_t i = 0; r && i < r->nproblems; i++) {
		const struct record_problem *p = &r->problems[i];
		if (p->field && kind_column(k, p->field))
			continue;
		if (!open) {
			buf_puts(b, "<div class=\"problems\" role=\"alert\"><p>");
			html_escape(b, web_t(req->lang, "rec.problems"));
			buf_puts(b, "</p><ul>\n");
			open = true;
		}
		buf_puts(b, "<li>");
		if (p->field) {
			html_escape(b, p->field);
			buf_puts(b, ": ");
		}
		html_escape(b, p->message);
		buf_puts(b, "</li>\n");
	}
	if (open)
		buf_puts(b, "</ul></div>\n");
}

static void option(buf *b, const char *value, const char *label, const char *selected)
{
	buf_puts(b, "<option value=\"");
	html_escape_attr(b, value);
	buf_puts(b, selected && strcmp(selected, value) == 0 ? "\" selected>" : "\">");
	html_escape(b, label);
	buf_puts(b, "</option>");
}

/* A select of the rows of SQL (code, Chinese name, English name); a value
 * not among them (what the user typed) is kept as its own option. */
static int select_rows(struct web_req *req, buf *b, const char *sql, const char *v, bool required, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e, sql, ""))
		return -1;
	bool seen = !v || !v[0];
	if (!required || seen)
		option(b, "", "—", v);
	int rc;
	buf lab = BUF_INIT;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		buf_reset(&lab);
		buf_printf(&lab, "%s %s", code, db_col_text(st, req->lang == LANG_EN ? 2 : 1));
		option(b, code, buf_str(&lab), v);
		if (v && strcmp(v, code) == 0)
			seen = true;
	}
	buf_free(&lab);
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (!seen)
		option(b, v, v, v);
	return 0;
}

static int input(struct web_req *req, buf *b, const struct column *c, const char *v, bool readonly, err *e)
{
	const char *val = v ? v : "";
	if (readonly) {
		buf_printf(b, "<input type=\"text\" readonly id=\"f-%s\" name=\"%s\" value=\"", c->name,
		           c->name);
		html_escape_attr(b, val);
		buf_puts(b, "\">");
		return 0;
	}
	switch (c->type) {
	case CT_CODE: {
		const struct code_list *l = codes_list(c->list);
		buf_printf(b, "<select id=\"f-%s\" name=\"%s\">", c->name, c->name);
		bool seen = !val[0];
		if (!c->required || seen)
			option(b, "", "—", val);
		for (size_t i = 0; l && i < l->n; i++) {
			option(b, l->items[i].code, req->lang == LANG_EN ? l->items[i].en : l->items[i].zh,
			       val);
			seen = seen || strcmp(val, l->items[i].code) == 0;
		}
		if (!seen)
			option(b, val, val, val);
		buf_puts(b, "</select>");
		return 0;
	}
	case CT_DIVISION:
	case CT_PROGRAM:
	case CT_CONFERENCE: {
		const char *sql =
		        c->type == CT_DIVISION ? "SELECT code, name_zh, name_en FROM divisions ORDER BY code"
		        : c->type == CT_PROGRAM
		                ? "SELECT code, name_zh, name_en FROM programs ORDER BY start_year, code"
		                : "SELECT code, name, name FROM conferences ORDER BY date DESC, code";
		buf_printf(b, "<select id=\"f-%s\" name=\"%s\">", c->name, c->name);
		if (select_rows(req, b, sql, c->type == CT_PROGRAM && !val[0] ? "sanxia" : val, c->required,
		                e))
			return -1;
		buf_puts(b, "</select>");
		return 0;
	}
	case CT_BOOL:
		buf_printf(b, "<input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"%s>", c->name,
		           c->name, strcmp(val, "1") == 0 ? " checked" : "");
		return 0;
	case CT_DATE:
		buf_printf(b, "<input type=\"date\" id=\"f-%s\" name=\"%s\" value=\"", c->name, c->name);
		break;
	default:
		buf_printf(b, "<input type=\"text\" id=\"f-%s\" name=\"%s\"%s value=\"", c->name, c->name,
		           c->type == CT_AMOUNT ? " placeholder=\"8730万 / 1.12亿\"" : "");
	}
	html_escape_attr(b, val);
	buf_puts(b, "\">");
	return 0;
}

static bool is_key(const struct kind *k, const char *name)
{
	for (const char *const *p = k->key; *p; p++)
		if (strcmp(*p, name) == 0)
			return true;
	return false;
}

int records_form(struct web_req *req, buf *b, const struct kind *k, const char *action, char *const *vals,
                 const struct record_result *r, bool editing, err *e)
{
	buf lab = BUF_INIT;
	records_problems(req, b, k, r);
	buf_puts(b, "<form method=\"post\" class=\"record\" action=\"");
	html_escape_attr(b, action);
	buf_puts(b, "\">\n");
	web_csrf_input(b, req);
	int rc = 0;
	for (size_t i = 0; i < k->ncols && rc == 0; i++) {
		const struct column *c = &k->cols[i];
		/* a visit's key columns are its values, its id names it */
		bool ro = editing && is_key(k, c->name) && strcmp(k->table, "visits") != 0;
		const char *msg = problem_of(r, c->name);
		buf_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">", msg ? " bad" : "", c->name);
		html_escape(b, records_label(req->lang, c, &lab));
		if (c->required)
			buf_puts(b, " <span class=\"req\">*</span>");
		buf_puts(b, "</label>");
		rc = input(req, b, c, vals ? vals[i] : NULL, ro, e);
		if (msg) {
			buf_printf(b, "<p class=\"field-error\" id=\"err-%s\">", c->name);
			html_escape(b, msg);
			buf_puts(b, "</p>");
		}
		buf_puts(b, "</div>\n");
	}
	buf_puts(b, "<p><button type=\"submit\">");
	html_escape(b, web_t(req->lang, "rec.save"));
	buf_puts(b, "</button></p>\n</form>\n");
	buf_free(&lab);
	return rc;
}

void records_form_fields(struct web_req *req, const struct kind *k, struct record_field *f)
{
	for (size_t i = 0; i < k->ncols; i++) {
		const char *v = web_form(req, k->cols[i].name);
		if (!v)
			v = k->cols[i].type == CT_BOOL ? "0" : "";
		f[i] = (struct record_field){k->cols[i].name, v};
	}
}

static int named(struct web_req *req, buf *b, const char *sql, const char *code, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e, sql, "t", code))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		html_escape(b, db_col_text(st, req->lang == LANG_EN ? 1 : 0));
	else
		html_escape(b, code);
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int records_value(struct web_req *req, buf *b, const struct column *c, const char *v, err *e)
{
	if (!v || !v[0])
		return 0;
	buf t = BUF_INIT;
	switch (c->type) {
	case CT_CODE:
		html_escape(b, codes_label(c->list, v, req->lang));
		break;
	case CT_AMOUNT:
		num_fmt_amount(&t, strtoll(v, NULL, 10), req->lang);
		html_escape(b, buf_str(&t));
		break;
	case CT_INT:
		num_fmt_thousands(&t, strtoll(v, NULL, 10));
		html_escape(b, buf_str(&t));
		break;
	case CT_BOOL:
		html_escape(b, web_t(req->lang, strcmp(v, "1") == 0 ? "rec.yes" : "rec.no"));
		break;
	case CT_DIVISION:
		buf_free(&t);
		return named(req, b, "SELECT name_zh, name_en FROM divisions WHERE code = $1", v, e);
	case CT_PROGRAM:
		buf_free(&t);
		return named(req, b, "SELECT name_zh, name_en FROM programs WHERE code = $1", v, e);
	case CT_CONFERENCE:
		buf_free(&t);
		return named(req, b, "SELECT name, name FROM conferences WHERE code = $1", v, e);
	default:
		html_escape(b, v);
	}
	buf_free(&t);
	return 0;
}

static bool named_in(const char *name, const char *const *list)
{
	for (; list && *list; list++)
		if (strcmp(*list, name) == 0)
			return true;
	return false;
}

int records_fields(struct web_req *req, buf *b, const struct kind *k, char *const *vals, const char *id,
                   const char *const *only, const char *const *skip, err *e)
{
	buf lab = BUF_INIT;
	int rc = 0;
	buf_puts(b, "<table class=\"fields\" id=\"");
	html_escape_attr(b, id);
	buf_puts(b, "\">\n");
	for (size_t i = 0; i < k->ncols && rc == 0; i++) {
		const struct column *c = &k->cols[i];
		if ((only && !named_in(c->name, only)) || named_in(c->name, skip))
			continue;
		buf_puts(b, "<tr><th>");
		html_escape(b, records_label(req->lang, c, &lab));
		buf_printf(b, "</th><td data-col=\"%s\">", c->name);
		rc = records_value(req, b, c, vals[i], e);
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</table>\n");
	buf_free(&lab);
	return rc;
}
