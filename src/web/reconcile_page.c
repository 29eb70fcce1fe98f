/* /reconcile and /reconcile.xlsx (issue 10): `duikou reconcile` on the
 * web, over the records the user reads, with the same filters (year,
 * program, supporter, county — drop-downs of the values there are —,
 * window); each figure links to the records behind it:
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

/* A list's URL: /KIND?year=Y&program=P[&supporter=S][&county=C][&side=supporter] */
static void list_link(buf *b, const char *kind, int64_t year, const char *program, const char *supporter,
                      const char *county)
{
	buf u = BUF_INIT;
	buf_printf(&u, "/%s?year=%lld&program=", kind, (long long)year);
	page_url_encode(&u, program);
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

static void amount_cell(buf *b, const char *kind, int64_t year, const char *pg, const char *s, const char *c,
                        int64_t v, const char *id)
{
	buf_printf(b, "<td class=\"num\" data-col=\"%s\"><a href=\"", id);
	list_link(b, kind, year, pg, s, c);
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

static void totals_row(buf *b, const json_t *p, int64_t year, const char *pg, const char *s, const char *c)
{
	amount_cell(b, "transfers", year, pg, s, c, jint(p, "sent"), "sent");
	amount_cell(b, "funds", year, pg, s, c, jint(p, "arrived"), "arrived");
	amount_cell(b, "transfers", year, pg, s, c, jint(p, "matched"), "matched");
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

static void option(buf *b, const char *value, const char *label, const char *current)
{
	buf_puts(b, "<option value=\"");
	html_escape_attr(b, value);
	buf_puts(b, current && strcmp(value, current) == 0 ? "\" selected>" : "\">");
	html_escape(b, label);
	buf_puts(b, "</option>");
}

/* A drop-down NAME of the rows of SQL (code, Chinese name, English name)
 * with its parameters V[0..n), "all" first unless ALL is false. */
static int select_of(buf *b, struct web_req *req, const char *name, const char *title, bool all,
                     const char *current, const char *sql, const struct db_value *v, size_t n, err *e)
{
	enum lang L = req->lang;
	db_stmt *st;
	if (db_prepare(req->db, &st, e, sql, ""))
		return -1;
	if (db_rebind_values(st, e, v, n)) {
		db_finalize(st);
		return -1;
	}
	buf_puts(b, "<label>");
	html_escape(b, title);
	buf_puts(b, " <select name=\"");
	html_escape_attr(b, name);
	buf_puts(b, "\">");
	if (all)
		option(b, "", web_t(L, "recon.all"), NULL);
	int rc;
	buf label = BUF_INIT;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *code = db_col_text(st, 0), *nm = db_col_text(st, L == LANG_EN ? 2 : 1);
		buf_reset(&label);
		buf_printf(&label, "%s%s%s", code, *nm ? " " : "", nm);
		option(b, code, buf_str(&label), current);
	}
	buf_free(&label);
	db_finalize(st);
	buf_puts(b, "</select></label>\n");
	return rc == DB_ERROR ? -1 : 0;
}

/* The supporters (COL supporter_code) or counties (recipient_code) of the
 * projects the user reads that hold a transfer or a receipt from the
 * supporter side: the values the page can show. */
static int division_select(buf *b, struct web_req *req, const char *col, const char *name, const char *title,
                           const char *current, err *e)
{
	buf sql = BUF_INIT;
	/* COL is one of two constants of this file */
	buf_printf(
	        &sql,
	        "SELECT DISTINCT p.%s, COALESCE(d.name_zh, ''), COALESCE(d.name_en, '')"
	        " FROM projects p LEFT JOIN divisions d ON d.code = p.%s"
	        " WHERE (EXISTS (SELECT 1 FROM transfers x WHERE x.project_code = p.code)"
	        " OR EXISTS (SELECT 1 FROM funds f WHERE f.project_code = p.code AND f.side = 'supporter'))",
	        col, col);
	struct db_value v;
	size_t n = perm_scope_sql(req->actor, kind_find("projects"), PERM_READ, "p", 1, &sql, &v);
	buf_puts(&sql, " ORDER BY 1");
	int rc = select_of(b, req, name, title, true, current, buf_str(&sql), &v, n, e);
	buf_free(&sql);
	return rc;
}

static int filter_form(buf *b, struct web_req *req, const struct recon_opts *o, err *e)
{
	enum lang L = req->lang;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/reconcile\">\n");
	buf_puts(b, "<label>");
	html_escape(b, web_t(L, "nav.year"));
	buf_printf(b, " <input name=\"year\" value=\"%d\" size=\"5\"></label>\n", o->year);
	if (select_of(b, req, "program", web_t(L, "recon.program"), false, o->program,
	              "SELECT code, name_zh, name_en FROM programs ORDER BY start_year, code", NULL, 0, e) ||
	    division_select(b, req, "supporter_code", "supporter", web_t(L, "proj.supporter"), o->supporter,
	                    e) ||
	    division_select(b, req, "recipient_code", "county", web_t(L, "proj.county"), o->county, e))
		return -1;
	buf_puts(b, "<label>");
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
	struct recon_opts o = {(int)year,
	                       given(req, "supporter"),
	                       given(req, "county"),
	                       (long)window,
	                       req->actor,
	                       web_param_or(req, "program", "sanxia")};
	int64_t known;
	if (db_int(req->db, &known, e, "SELECT COUNT(*) FROM programs WHERE code = $1", "t", o.program))
		return -1;
	if (!known)
		return err_add(e, EXIT_INVALID, "program: unknown program '%s'", o.program);
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
	if (filter_form(b, req, &o, e)) {
		json_decref(j);
		return -1;
	}
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
		totals_row(b, x, year, o.program, s, c);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody><tfoot><tr data-pair=\"total\"><th colspan=\"2\">");
	html_escape(b, web_t(L, "recon.total"));
	buf_puts(b, "</th>");
	totals_row(b, json_object_get(j, "total"), year, o.program, o.supporter, o.county);
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
