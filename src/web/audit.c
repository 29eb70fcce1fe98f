/* /audit and /api/v1/audit: the audit trail (records' and users'
 * changes), newest first, filtered by user, kind, record and dates (model/audit.c's one query), each entry
 * with its changed columns; and the "History" link of a record's page.
 * Only the administrator and the municipal office may read the trail. */
#include "core/html.h"
#include "io/xlsx_write.h"
#include "model/audit.h"
#include "model/perm.h"
#include "web/api.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE_ROWS 50

bool web_may_audit(const struct web_req *req)
{
	return perm_area(req->actor, PERM_AUDIT);
}

void web_audit_link(buf *b, const struct web_req *req, const struct kind *k, const char *id)
{
	if (!web_may_audit(req))
		return;
	buf url = BUF_INIT;
	buf_printf(&url, "/audit?kind=%s&record=", k->name);
	page_url_encode(&url, id);
	buf_puts(b, "<a id=\"history\" href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "audit.history"));
	buf_puts(b, "</a>");
	buf_free(&url);
}

/* The 403 answer for the roles that may not read the trail. */
static int refuse(struct web_req *req, struct web_resp *resp, bool api, err *e)
{
	if (api) {
		api_error(resp, 403, web_t(req->lang, "audit.forbidden"), NULL);
		return 0;
	}
	struct page p = {"audit", web_t(req->lang, "error.forbidden"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_puts(b, "<h1>403 ");
	html_escape(b, web_t(req->lang, "error.forbidden"));
	buf_puts(b, "</h1>\n<p>");
	html_escape(b, web_t(req->lang, "audit.forbidden"));
	buf_puts(b, "</p>\n");
	page_end(req, resp);
	resp->status = 403;
	return 0;
}

/* The filters of the query string; bad dates or kind fail as a bad request
 * naming the parameter. */
static int read_filter(struct web_req *req, struct audit_filter *f, err *e)
{
	*f = (struct audit_filter){web_param(req, "user"),
	                           web_param(req, "kind"),
	                           web_param(req, "record"),
	                           web_param(req, "since"),
	                           web_param(req, "until"),
	                           0,
	                           0};
	return audit_filter_check(f, e);
}

/* A word of the table, or the text itself when the table has none (a
 * plan step's action). */
static const char *word(enum lang L, const char *prefix, const char *s, buf *tmp)
{
	buf_reset(tmp);
	buf_printf(tmp, "%s%s", prefix, s);
	return web_t_known(buf_str(tmp)) ? web_t(L, buf_str(tmp)) : s;
}

struct changes {
	buf *b;
	enum lang lang;
	const struct kind *k; /* NULL for a kind this build does not know */
};

/* V in the page's language: yes/no for a boolean (a user's disabled). */
static void html_value(buf *b, enum lang L, const json_t *v)
{
	buf t = BUF_INIT;
	if (json_is_boolean(v))
		buf_puts(&t, web_t(L, json_is_true(v) ? "rec.yes" : "rec.no"));
	else
		audit_value_text(&t, v);
	html_escape(b, buf_str(&t));
	buf_free(&t);
}

/* One changed column, named by its label in the page's language: the
 * kind's column, else a word of the table (a user's role, scope,
 * disabled), else its name. */
static void html_change(void *ctx, const char *column, const json_t *o, const json_t *n)
{
	struct changes *c = ctx;
	buf *b = c->b, v = BUF_INIT;
	const struct column *col = c->k ? kind_column(c->k, column) : NULL;
	buf_puts(b, "<li><span class=\"column\" title=\"");
	html_escape_attr(b, column);
	buf_puts(b, "\">");
	html_escape(b, col ? records_label(c->lang, col, &v) : word(c->lang, "audit.column.", column, &v));
	buf_puts(b, "</span>: <del>");
	html_value(b, c->lang, o);
	buf_puts(b, "</del> → <ins>");
	html_value(b, c->lang, n);
	buf_puts(b, "</ins></li>\n");
	buf_free(&v);
}

struct rows {
	struct web_req *req;
	buf *b;
};

static int html_row(void *ctx, const struct audit_entry *a, err *e)
{
	(void)e;
	struct rows *r = ctx;
	buf *b = r->b, tmp = BUF_INIT, url = BUF_INIT;
	enum lang L = r->req->lang;
	const struct kind *k = kind_find(a->kind);
	const char *kind_zh = NULL, *kind_en = audit_kind(a->kind, &kind_zh);
	buf_printf(b, "<tr data-id=\"%lld\"><td>", (long long)a->id);
	html_escape(b, a->at);
	buf_puts(b, "</td><td class=\"user\">");
	html_escape(b, a->user);
	buf_puts(b, "</td><td>");
	html_escape(b, word(L, "audit.via.", a->via, &tmp));
	buf_puts(b, "</td><td>");
	html_escape(b, word(L, "audit.action.", a->action, &tmp));
	buf_puts(b, "</td><td>");
	html_escape(b, kind_en ? (L == LANG_EN ? kind_en : kind_zh) : a->kind);
	/* the record's whole history */
	buf_puts(b, "</td><td><a href=\"");
	buf_puts(&url, "/audit?kind=");
	page_url_encode(&url, a->kind);
	buf_puts(&url, "&record=");
	page_url_encode(&url, a->record);
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, a->record);
	buf_puts(b, "</a></td><td><ul class=\"changes\">\n");
	struct changes ch = {b, L, k};
	audit_changes(a, html_change, &ch);
	buf_puts(b, "</ul></td></tr>\n");
	buf_free(&tmp);
	buf_free(&url);
	return 0;
}

static void text_input(buf *b, enum lang L, const char *name, const char *label_key, const char *value,
                       const char *type)
{
	buf_printf(b, "<label>%s <input type=\"%s\" name=\"%s\" value=\"", web_t(L, label_key), type, name);
	html_escape_attr(b, value ? value : "");
	buf_puts(b, "\"></label>\n");
}

static void filter_form(buf *b, struct web_req *req, const struct audit_filter *f)
{
	enum lang L = req->lang;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/audit\">\n");
	text_input(b, L, "user", "audit.user", f->user, "text");
	buf_printf(b, "<label>%s <select name=\"kind\"><option value=\"\">%s</option>",
	           web_t(L, "audit.kind"), web_t(L, "audit.all"));
	const char *sel = f->kind && *f->kind ? audit_kind(f->kind, NULL) : NULL;
	/* the record kinds, then the users */
	for (size_t i = 0; i <= kinds_count; i++) {
		const char *zh, *name = audit_kind(i < kinds_count ? kinds[i].name : AUDIT_USERS, &zh);
		buf_printf(b, "<option value=\"%s\"%s>", name, sel == name ? " selected" : "");
		html_escape(b, L == LANG_EN ? name : zh);
		buf_puts(b, "</option>");
	}
	buf_puts(b, "</select></label>\n");
	text_input(b, L, "record", "audit.record", f->record, "text");
	text_input(b, L, "since", "audit.since", f->since, "date");
	text_input(b, L, "until", "audit.until", f->until, "date");
	buf_puts(b, "<button type=\"submit\">");
	html_escape(b, web_t(L, "proj.filter"));
	buf_puts(b, "</button> <a href=\"/audit\">");
	html_escape(b, web_t(L, "proj.clear"));
	buf_puts(b, "</a>\n</form>\n");
}

int page_audit(struct web_req *req, struct web_resp *resp, err *e)
{
	if (!web_may_audit(req))
		return refuse(req, resp, false, e);
	enum lang L = req->lang;
	struct audit_filter f;
	int64_t page, total;
	if (read_filter(req, &f, e) || web_param_int(req, "page", 1, INT32_MAX, 1, &page, e) ||
	    audit_count(req->db, &f, &total, e))
		return -1;
	int64_t pages = total ? (total + AUDIT_PAGE_ROWS - 1) / AUDIT_PAGE_ROWS : 1;
	if (page > pages)
		page = pages;
	f.limit = AUDIT_PAGE_ROWS;
	f.offset = (long)((page - 1) * AUDIT_PAGE_ROWS);
	struct page p = {"audit", web_t(L, "audit.title"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(L, "audit.title"));
	buf_puts(b, "</h1>\n");
	filter_form(b, req, &f);
	buf_printf(b, "<p id=\"audit-count\">%s: %lld</p>\n", web_t(L, "list.count"), (long long)total);
	page_xlsx_link(b, req, "/audit.xlsx");
	if (total == 0) {
		buf_puts(b, "<p class=\"empty\">");
		html_escape(b, web_t(L, "audit.none"));
		buf_puts(b, "</p>\n");
		page_end(req, resp);
		return 0;
	}
	static const char *const heads[] = {"audit.at",   "audit.user",   "audit.via",    "audit.action",
	                                    "audit.kind", "audit.record", "audit.changes"};
	buf_puts(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"audit\">\n<thead><tr>");
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(L, heads[i]));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	struct rows r = {req, b};
	if (audit_query(req->db, &f, html_row, &r, e) < 0)
		return -1;
	buf_puts(b, "</tbody>\n</table></div>\n");
	if (pages > 1)
		page_pager(b, req, page, pages);
	page_end(req, resp);
	return 0;
}

static int json_row(void *ctx, const struct audit_entry *a, err *e)
{
	json_t *j = audit_entry_json(a);
	if (!j || json_array_append_new(ctx, j))
		return err_add(e, EXIT_SYSTEM, "audit: out of memory building JSON");
	return 0;
}

int api_audit(struct web_req *req, struct web_resp *resp, err *e)
{
	if (!web_may_audit(req))
		return refuse(req, resp, true, e);
	struct audit_filter f;
	int64_t page, per_page;
	if (read_filter(req, &f, e) || web_param_int(req, "page", 1, INT32_MAX, 1, &page, e) ||
	    web_param_int(req, "per_page", 1, 500, AUDIT_PAGE_ROWS, &per_page, e))
		return -1;
	f.limit = (long)per_page;
	f.offset = (long)((page - 1) * per_page);
	json_t *arr = json_array();
	if (!arr)
		return err_add(e, EXIT_SYSTEM, "out of memory");
	if (audit_query(req->db, &f, json_row, arr, e) < 0) {
		json_decref(arr);
		return -1;
	}
	return api_send(resp, 200, arr, false, e);
}

/* One entry of the workbook: a JSON array of its cells' text. */
static void text_change(void *ctx, const char *column, const json_t *o, const json_t *n)
{
	buf *b = ctx;
	if (b->len)
		buf_puts(b, "; ");
	buf_printf(b, "%s: ", column);
	audit_value_text(b, o);
	buf_puts(b, " → ");
	audit_value_text(b, n);
}

static int sheet_row(void *ctx, const struct audit_entry *a, err *e)
{
	buf ch = BUF_INIT;
	audit_changes(a, text_change, &ch);
	json_t *row = json_pack("[s?s?s?s?s?s?s]", a->at, a->user, a->via, a->action, a->kind, a->record,
	                        buf_str(&ch));
	buf_free(&ch);
	if (!row || json_array_append_new(ctx, row))
		return err_add(e, EXIT_SYSTEM, "audit: out of memory");
	return 0;
}

/* /audit.xlsx?filters: every entry the filters select (not one page), newest
 * first, the changes as "column: old → new; …" */
int page_audit_xlsx(struct web_req *req, struct web_resp *resp, err *e)
{
	if (!web_may_audit(req))
		return refuse(req, resp, false, e);
	struct audit_filter f;
	if (read_filter(req, &f, e))
		return -1;
	json_t *rows = json_array();
	if (!rows)
		return err_add(e, EXIT_SYSTEM, "out of memory");
	if (audit_query(req->db, &f, sheet_row, rows, e) < 0) {
		json_decref(rows);
		return -1;
	}
	static const char *const heads[] = {"audit.at",   "audit.user",   "audit.via",    "audit.action",
	                                    "audit.kind", "audit.record", "audit.changes"};
	const char *headers[7];
	for (size_t i = 0; i < 7; i++)
		headers[i] = web_t(req->lang, heads[i]);
	size_t n = json_array_size(rows);
	struct xlsx_cell *cells = xcalloc(n ? n * 7 : 1, sizeof *cells);
	for (size_t r = 0; r < n; r++)
		for (size_t c = 0; c < 7; c++)
			cells[r * 7 + c] = (struct xlsx_cell){
			        XC_TEXT, json_string_value(json_array_get(json_array_get(rows, r), c)), 0, 0};
	xlsx_book *b;
	int rc = xlsx_book_begin(NULL, &b, e);
	if (rc == 0) {
		bool ok = xlsx_book_table(b, "audit", headers, 7, cells, n, e) == 0;
		rc = xlsx_book_end(b, ok, &resp->body, e) || !ok ? -1 : 0;
	}
	free(cells);
	json_decref(rows);
	if (rc)
		return -1;
	resp->content_type = WEB_XLSX_TYPE;
	buf named = BUF_INIT;
	buf_printf(&named, "%s.xlsx", web_t(req->lang, "audit.title"));
	web_resp_attachment(resp, "audit.xlsx", buf_str(&named));
	buf_free(&named);
	return 0;
}
