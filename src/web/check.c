/* /check: the data-quality page, every violation of the validation rules
 * (model/validate.h) in a table, each linking to its record's page (a
 * project's page; for other kinds the edit form, or the record's fields
 * for a reader who may not change it). */
#include "core/html.h"
#include "model/record.h"
#include "model/validate.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <string.h>

struct rows {
	struct web_req *req;
	buf *b;
	long n;
};

static const struct kind *kind_of_table(const char *table)
{
	for (size_t i = 0; i < kinds_count; i++)
		if (strcmp(kinds[i].table, table) == 0)
			return &kinds[i];
	return NULL;
}

static int row(void *ctx, const struct violation *v, err *e)
{
	(void)e;
	struct rows *r = ctx;
	buf *b = r->b;
	const struct kind *k = kind_of_table(v->table);
	r->n++;
	buf_puts(b, "<tr><td>");
	html_escape(b, k ? (r->req->lang == LANG_EN ? k->name : k->zh) : v->table);
	buf_puts(b, "</td><td>");
	if (k) {
		buf id = BUF_INIT, url = BUF_INIT;
		record_id_from_name(k, v->code, &id);
		buf_printf(&url, "/%s/", k->name);
		/* the record's page: its form for those who may change it */
		page_url_encode(&url, buf_str(&id));
		buf_puts(b, "<a href=\"");
		html_escape_attr(b, buf_str(&url));
		buf_puts(b, "\">");
		html_escape(b, buf_str(&id));
		buf_puts(b, "</a>");
		buf_free(&id);
		buf_free(&url);
	} else {
		html_escape(b, v->code);
	}
	buf_puts(b, "</td><td>");
	html_escape(b, v->column);
	buf_puts(b, "</td><td>");
	html_escape(b, v->message);
	buf_puts(b, "</td></tr>\n");
	return 0;
}

int page_check(struct web_req *req, struct web_resp *resp, err *e)
{
	struct page p = {"check", web_t(req->lang, "check.title"), 0, NULL};
	buf rows = BUF_INIT;
	struct rows r = {req, &rows, 0};
	if (validate_each(req->db, req->lang, row, &r, e) < 0) {
		buf_free(&rows);
		return -1;
	}
	if (page_begin(req, resp, &p, e)) {
		buf_free(&rows);
		return -1;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(req->lang, "check.title"));
	buf_puts(b, "</h1>\n<p id=\"check-summary\">");
	if (r.n == 0)
		html_escape(b, web_t(req->lang, "check.clean"));
	else
		buf_printf(b, "%s: %ld", web_t(req->lang, "check.count"), r.n);
	buf_puts(b, "</p>\n");
	if (r.n) {
		static const char *const heads[] = {"check.kind", "check.record", "check.column",
		                                    "check.message"};
		buf_puts(b, "<table class=\"list\" id=\"violations\">\n<thead><tr>");
		for (size_t i = 0; i < 4; i++) {
			buf_puts(b, "<th>");
			html_escape(b, web_t(req->lang, heads[i]));
			buf_puts(b, "</th>");
		}
		buf_puts(b, "</tr></thead>\n<tbody>\n");
		buf_puts(b, buf_str(&rows));
		buf_puts(b, "</tbody></table>\n");
	}
	page_end(req, resp);
	buf_free(&rows);
	return 0;
}
