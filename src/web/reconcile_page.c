/* /reconcile and /reconcile.xlsx (issue 10): `duikou reconcile` on the
 * web, over the records the user reads, with the same filters (year,
 * supporter, county, window); each figure links to the records behind it:
 * the transfers and receipts lists filtered to the pair and year, each
 * unmatched item to its record. */
#include "core/html.h"
#include "core/num.h"
#include "report/reconcile.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <string.h>

static const char *given(const struct web_req *req, const char *key)
{
	const char *v = web_param(req, key);
	return v && *v ? v : NULL;
}

/* A list's URL: /KIND?year=Y[&supporter=S][&county=C][&side=supporter] */
static void list_link(buf *b, const char *kind, int64_t year, const char *supporter, const char *county)
{
	buf u = BUF_INIT;
	buf_printf(&u, "/%s?year=%lld", kind, (long long)year);
	if (supporter) {
		buf_puts(&u, "&supporter=");
		page_url_encode(&u, supporter);
	}
	if (county) {
		buf_puts(&u, "&county=");
		page_url_encode(&u, county);
	}
	if (strcmp(kind, "funds") == 0)
		buf_puts(&u, "&side=supporter");
	html_escape_attr(b, buf_str(&u));
	buf_free(&u);
}

static void amount_cell(buf *b, const char *kind, int64_t year, const char *s, const char *c, int64_t v,
                        const char *id)
{
	buf_printf(b, "<td class=\"num\" data-col=\"%s\"><a href=\"", id);
	list_link(b, kind, year, s, c);
	buf_puts(b, "\">");
	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	num_fmt_thousands(b, v);
	buf_puts(b, "</a></td>");
}

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int64_t jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void totals_row(buf *b, const json_t *p, int64_t year, const char *s, const char *c)
{
	amount_cell(b, "transfers", year, s, c, jint(p, "sent"), "sent");
	amount_cell(b, "funds", year, s, c, jint(p, "arrived"), "arrived");
	amount_cell(b, "transfers", year, s, c, jint(p, "matched"), "matched");
	buf_puts(b, "<td class=\"num\" data-col=\"difference\">");
	int64_t d = jint(p, "difference");
	if (d < 0) {
		buf_putc(b, '-');
		d = -d;
	}
	num_fmt_thousands(b, d);
	buf_printf(b,
	           "</td><td class=\"num\" data-col=\"unmatched_transfers\"><a "
	           "href=\"#unmatched-transfers\">%lld</a>"
	           "</td><td class=\"num\" data-col=\"unmatched_receipts\"><a "
	           "href=\"#unmatched-receipts\">%lld</a>"
	           "</td>",
	           (long long)jint(p, "unmatched_transfers"), (long long)jint(p, "unmatched_receipts"));
}

static void record_link(buf *b, const char *kind, const char *code)
{
	if (!code || !*code)
		return;
	buf u = BUF_INIT;
	buf_printf(&u, "/%s/", kind);
	page_url_encode(&u, code);
	buf_puts(b, "<a href=\"");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, code);
	buf_puts(b, "</a>");
	buf_free(&u);
}

static void items_table(buf *b, enum lang L, const json_t *list, const char *id, const char *kind,
                        const char *other)
{
	static const char *const heads[] = {"recon.code",   "recon.project", "recon.date",
	                                    "recon.amount", "recon.reason",  "recon.counterpart"};
	buf_printf(b, "<table id=\"%s\" class=\"list\"><thead><tr>", id);
	for (size_t i = 0; i < 6; i++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(L, heads[i]));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>\n");
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		buf_puts(b, "<tr><td data-col=\"code\">");
		record_link(b, kind, jstr(x, "code"));
		buf_puts(b, "</td><td>");
		record_link(b, "projects", jstr(x, "project_code"));
		buf_puts(b, "</td><td>");
		html_escape(b, jstr(x, "date"));
		buf_puts(b, "</td><td class=\"num\">");
		num_fmt_thousands(b, jint(x, "amount"));
		buf_puts(b, "</td><td data-col=\"reason\" data-reason=\"");
		html_escape_attr(b, jstr(x, "reason"));
		buf_puts(b, "\">");
		buf key = BUF_INIT;
		buf_printf(&key, "recon.%s", jstr(x, "reason"));
		html_escape(b, web_t(L, buf_str(&key)));
		buf_free(&key);
		buf_puts(b, "</td><td data-col=\"counterpart\">");
		if (json_is_string(json_object_get(x, "counterpart"))) {
			record_link(b, other, jstr(x, "counterpart"));
			buf_puts(b, " ");
			html_escape(b, jstr(x, "counterpart_date"));
			buf_puts(b, " ");
			num_fmt_thousands(b, jint(x, "counterpart_amount"));
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
}

static int filter_form(buf *b, struct web_req *req, const struct recon_opts *o)
{
	enum lang L = req->lang;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/reconcile\">\n");
	buf_puts(b, "<label>");
	html_escape(b, web_t(L, "nav.year"));
	buf_printf(b, " <input name=\"year\" value=\"%d\" size=\"5\"></label>\n<label>", o->year);
	html_escape(b, web_t(L, "proj.supporter"));
	buf_puts(b, " <input name=\"supporter\" size=\"8\" value=\"");
	html_escape_attr(b, o->supporter ? o->supporter : "");
	buf_puts(b, "\"></label>\n<label>");
	html_escape(b, web_t(L, "proj.county"));
	buf_puts(b, " <input name=\"county\" size=\"8\" value=\"");
	html_escape_attr(b, o->county ? o->county : "");
	buf_puts(b, "\"></label>\n<label>");
	html_escape(b, web_t(L, "recon.window"));
	buf_printf(b, " <input name=\"window\" size=\"4\" value=\"%ld\"></label>\n", o->window);
	buf_puts(b, "<button type=\"submit\">");
	html_escape(b, web_t(L, "nav.go"));
	buf_puts(b, "</button></form>\n");
	return 0;
}

int page_reconcile(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	int def;
	if (page_default_year(req->db, &def, e))
		return -1;
	int64_t year, window;
	if (web_param_int(req, "year", 1949, 2100, def, &year, e) ||
	    web_param_int(req, "window", 0, RECON_WINDOW_MAX, RECON_WINDOW_DEFAULT, &window, e))
		return -1;
	struct recon_opts o = {(int)year, given(req, "supporter"), given(req, "county"), (long)window,
	                       req->actor};
	json_t *j;
	if (recon_json(req->db, &o, &j, e))
		return -1;
	bool xlsx = strcmp(req->path, "/reconcile.xlsx") == 0;
	if (xlsx) {
		buf_reset(&resp->body);
		int rc = recon_xlsx(j, L, &resp->body, e);
		json_decref(j);
		if (rc)
			return -1;
		resp->content_type = WEB_XLSX_TYPE;
		buf f = BUF_INIT, zh = BUF_INIT;
		buf_printf(&f, "reconcile-%lld.xlsx", (long long)year);
		buf_printf(&zh, "%s%lld.xlsx", L == LANG_EN ? "reconcile-" : "对账", (long long)year);
		web_resp_attachment(resp, buf_str(&f), buf_str(&zh));
		buf_free(&f);
		buf_free(&zh);
		return 0;
	}
	struct page p = {"reconcile", web_t(L, "recon.title"), 0, NULL};
	if (page_begin(req, resp, &p, e)) {
		json_decref(j);
		return -1;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(L, "recon.title"));
	buf_printf(b, " %lld</h1>\n", (long long)year);
	filter_form(b, req, &o);
	bool clean = json_is_true(json_object_get(j, "clean"));
	buf_printf(b, "<p id=\"recon-result\" class=\"%s\">", clean ? "clean" : "differences");
	html_escape(b, web_t(L, clean ? "recon.clean" : "recon.differences"));
	buf_puts(b, "</p>\n<p><a id=\"xlsx-link\" href=\"");
	buf u = BUF_INIT;
	page_url(&u, req, "/reconcile.xlsx", NULL, NULL, NULL);
	html_escape_attr(b, buf_str(&u));
	buf_free(&u);
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "recon.xlsx"));
	buf_puts(b, "</a></p>\n");

	static const char *const heads[] = {"proj.supporter", "proj.county",   "recon.sent",
	                                    "recon.arrived",  "recon.matched", "recon.difference",
	                                    "recon.ut",       "recon.ur"};
	buf_puts(b, "<table id=\"recon-pairs\" class=\"list\"><thead><tr>");
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(L, heads[i]));
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>\n");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(j, "pairs"), i, x)
	{
		const char *s = jstr(x, "supporter_code"), *c = jstr(x, "county_code");
		buf_puts(b, "<tr data-pair=\"");
		html_escape_attr(b, s);
		buf_putc(b, '-');
		html_escape_attr(b, c);
		buf_puts(b, "\"><td>");
		html_escape(b, s);
		buf_puts(b, " ");
		html_escape(b, jstr(x, L == LANG_EN ? "supporter_en" : "supporter"));
		buf_puts(b, "</td><td>");
		html_escape(b, c);
		buf_puts(b, " ");
		html_escape(b, jstr(x, L == LANG_EN ? "county_en" : "county"));
		buf_puts(b, "</td>");
		totals_row(b, x, year, s, c);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody><tfoot><tr data-pair=\"total\"><th colspan=\"2\">");
	html_escape(b, web_t(L, "recon.total"));
	buf_puts(b, "</th>");
	totals_row(b, json_object_get(j, "total"), year, o.supporter, o.county);
	buf_puts(b, "</tr></tfoot></table>\n<h2 id=\"unmatched-transfers\">");
	html_escape(b, web_t(L, "recon.ut_title"));
	buf_puts(b, "</h2>\n");
	items_table(b, L, json_object_get(j, "unmatched_transfers"), "ut", "transfers", "funds");
	buf_puts(b, "<h2 id=\"unmatched-receipts\">");
	html_escape(b, web_t(L, "recon.ur_title"));
	buf_puts(b, "</h2>\n");
	items_table(b, L, json_object_get(j, "unmatched_receipts"), "ur", "funds", "transfers");
	page_end(req, resp);
	json_decref(j);
	return 0;
}
