/* /reports/annual?year=Y&program=P: the annual summary (report_annual in
 * its body-only HTML) inside the site's layout, printable on A4. */
#include "core/html.h"
#include "report/report.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>

int page_report_annual(struct web_req *req, struct web_resp *resp, err *e)
{
	int64_t year;
	int def;
	const char *program = web_param_or(req, "program", "sanxia");
	if (page_default_year(req->db, &def, e) || web_param_int(req, "year", 1949, 2100, def, &year, e))
		return -1;
	struct report_opts o = {(int)year, 0, 0, program, req->lang, FMT_HTML_BODY};
	buf body = BUF_INIT, title = BUF_INIT;
	int rc = -1;
	if (report_annual(req->db, &o, &body, e))
		goto done;
	buf_printf(&title, "%s %lld", web_t(req->lang, "report.title"), (long long)year);
	struct page p = {"report_annual", buf_str(&title), (int)year, program};
	if (page_begin(req, resp, &p, e))
		goto done;
	buf *b = &resp->body;
	buf_puts(b, "<div class=\"tools\"><button type=\"button\" data-print>");
	html_escape(b, web_t(req->lang, "report.print"));
	buf_puts(b, "</button> <a href=\"");
	buf url = BUF_INIT;
	buf_puts(&url, "/api/v1/reports/annual?year=");
	buf_printf(&url, "%lld&program=", (long long)year);
	page_url_encode(&url, program);
	html_escape_attr(b, buf_str(&url));
	buf_free(&url);
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "report.json"));
	buf_puts(b, "</a></div>\n<article class=\"report\">\n");
	buf_add(b, body.s, body.len); /* escaped by report/render.c */
	buf_puts(b, "</article>\n");
	page_end(req, resp);
	rc = 0;
done:
	buf_free(&body);
	buf_free(&title);
	return rc;
}
