/* /reports/annual?year=Y, /reports/signed?year=Y and /reports/plan?period=A-B:
 * the reports of the command line (report_annual, report_signed, report_plan
 * in body-only HTML) inside the site's layout; the plan page adds a progress bar per county and target,
 * with the part due so far marked and report plan's flag (?as_of=YYYY-MM-DD, else the latest record). */
#include "core/date.h"
#include "core/html.h"
#include "report/report.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The workbook links of a report page: the report's own (HREF) and the
 * funds pivot. */
static void xlsx_links(buf *b, enum lang L, const char *href, const char *program)
{
	buf_puts(b, " <a id=\"report-xlsx\" download href=\"");
	html_escape_attr(b, href);
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "xlsx.report"));
	buf_puts(b, "</a> <a id=\"pivot-xlsx\" download href=\"");
	buf url = BUF_INIT;
	buf_puts(&url, "/reports/pivot.xlsx?program=");
	page_url_encode(&url, program);
	if (L == LANG_EN)
		buf_puts(&url, "&lang=en");
	html_escape_attr(b, buf_str(&url));
	buf_free(&url);
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "xlsx.pivot"));
	buf_puts(b, "</a>");
}

static void tools(buf *b, enum lang L, const char *json_href, const char *xlsx_href, const char *program)
{
	buf_puts(b, "<div class=\"tools\"><button type=\"button\" data-print>");
	html_escape(b, web_t(L, "report.print"));
	buf_puts(b, "</button>");
	if (json_href) {
		buf_puts(b, " <a href=\"");
		html_escape_attr(b, json_href);
		buf_puts(b, "\">");
		html_escape(b, web_t(L, "report.json"));
		buf_puts(b, "</a>");
	}
	if (xlsx_href)
		xlsx_links(b, L, xlsx_href, program);
	buf_puts(b, "</div>\n");
}

/* The checkbox of issue 10: count verified receipts only (?verified=1). */
static void verified_form(buf *b, struct web_req *req, int64_t year, const char *program)
{
	enum lang L = req->lang;
	buf_printf(b,
	           "<form class=\"verified\" method=\"get\"><input type=\"hidden\" name=\"year\" "
	           "value=\"%lld\">",
	           (long long)year);
	buf_puts(b, "<input type=\"hidden\" name=\"program\" value=\"");
	html_escape_attr(b, program);
	buf_puts(b, "\"><label><input type=\"checkbox\" name=\"verified\" value=\"1\"");
	if (web_verified(req))
		buf_puts(b, " checked");
	buf_puts(b, "> ");
	html_escape(b, web_t(L, "report.verified"));
	buf_puts(b, "</label> <button type=\"submit\">");
	html_escape(b, web_t(L, "nav.go"));
	buf_puts(b, "</button></form>\n");
}

/* A report of one year (annual, signed) in the layout: REPORT writes its
 * body-only HTML; JSON names the API path of its figures, or NULL. */
static int year_report_page(struct web_req *req, struct web_resp *resp, err *e,
                            int (*report)(db *, const struct report_opts *, buf *, err *), const char *nav,
                            const char *title_key, const char *article, const char *json, const char *xlsx)
{
	int64_t year;
	int def;
	const char *program = web_param_or(req, "program", "sanxia");
	if (page_default_year(req->db, &def, e) || web_param_int(req, "year", 1949, 2100, def, &year, e))
		return -1;
	struct report_opts o = {(int)year, 0, 0, program, req->lang, FMT_HTML_BODY, NULL};
	buf body = BUF_INIT, title = BUF_INIT, url = BUF_INIT;
	int rc = -1;
	if (report(req->db, &o, &body, e))
		goto done;
	buf_printf(&title, "%s %lld", web_t(req->lang, title_key), (long long)year);
	struct page p = {nav, buf_str(&title), (int)year, program};
	if (page_begin(req, resp, &p, e))
		goto done;
	if (json) {
		buf_printf(&url, "%s?year=%lld&program=", json, (long long)year);
		page_url_encode(&url, program);
	}
	buf xurl = BUF_INIT;
	buf_printf(&xurl, "%s?year=%lld&program=", xlsx, (long long)year);
	page_url_encode(&xurl, program);
	if (req->lang == LANG_EN)
		buf_puts(&xurl, "&lang=en");
	if (web_verified(req)) {
		buf_puts(&xurl, "&verified=1");
		if (json)
			buf_puts(&url, "&verified=1");
	}
	tools(&resp->body, req->lang, json ? buf_str(&url) : NULL, buf_str(&xurl), program);
	buf_free(&xurl);
	verified_form(&resp->body, req, year, program);
	buf_puts(&resp->body, "<article class=\"report\"");
	if (article)
		buf_printf(&resp->body, " id=\"%s\"", article);
	buf_puts(&resp->body, ">\n");
	buf_add(&resp->body, body.s, body.len); /* escaped by report/render.c */
	buf_puts(&resp->body, "</article>\n");
	page_end(req, resp);
	rc = 0;
done:
	buf_free(&body);
	buf_free(&title);
	buf_free(&url);
	return rc;
}

/* /reports/annual?year=Y&program=P: the annual summary, printable on A4 */
int page_report_annual(struct web_req *req, struct web_resp *resp, err *e)
{
	return year_report_page(req, resp, e, report_annual, "report_annual", "report.title", NULL,
	                        "/api/v1/reports/annual", "/reports/annual.xlsx");
}

int page_report_signed(struct web_req *req, struct web_resp *resp, err *e)
{
	return year_report_page(req, resp, e, report_signed, "report_signed", "signed.title", "report-signed",
	                        NULL, "/reports/signed.xlsx");
}

/* "2004-2007" */
static bool parse_period(const char *s, int64_t *a, int64_t *b)
{
	int x, y, n = 0;
	if (sscanf(s, "%4d-%4d%n", &x, &y, &n) != 2 || s[n] || x < 1949 || y > 2100 || x > y)
		return false;
	*a = x;
	*b = y;
	return true;
}

/* The periods of the program's plans, latest first, as a select. */
static int period_form(buf *b, db *d, enum lang L, const char *program, int64_t a, int64_t z,
                       const char *as_of, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT DISTINCT start_year, end_year FROM plans WHERE program = $1"
	               " ORDER BY end_year DESC, start_year DESC",
	               "t", program))
		return -1;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/reports/plan\"><label>");
	html_escape(b, web_t(L, "plan.period"));
	buf_puts(b, " <select name=\"period\">");
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t x = db_col_int(st, 0), y = db_col_int(st, 1);
		buf_printf(b, "<option value=\"%lld-%lld\"%s>%lld–%lld</option>", (long long)x, (long long)y,
		           x == a && y == z ? " selected" : "", (long long)x, (long long)y);
	}
	db_finalize(st);
	buf_puts(b, "</select></label> <label>");
	html_escape(b, web_t(L, "plan.as_of"));
	buf_puts(b, " <input type=\"date\" name=\"as_of\" value=\"");
	html_escape_attr(b, as_of ? as_of : "");
	buf_puts(b, "\"></label><input type=\"hidden\" name=\"program\" value=\"");
	html_escape_attr(b, program);
	buf_puts(b, "\"> <button type=\"submit\">");
	html_escape(b, web_t(L, "nav.go"));
	buf_puts(b, "</button></form>\n");
	return rc == DB_ERROR ? -1 : 0;
}

static const char *const measures[] = {"projects", "funds", "labour", "training"};

/* One measure's bar: the part achieved, the mark of the part due so far,
 * and the flag of report plan (on track, behind, not begun, no target). */
static void bar(buf *b, enum lang L, const char *measure, json_t *row)
{
	int64_t target = json_integer_value(json_object_get(json_object_get(row, "targets"), measure));
	int64_t actual = json_integer_value(json_object_get(json_object_get(row, "actual"), measure));
	const char *flag = json_string_value(json_object_get(json_object_get(row, "flags"), measure));
	json_t *due_pct = json_object_get(json_object_get(row, "due_pct"), measure);
	int64_t t = 0, due = json_is_number(due_pct) ? (int64_t)(json_number_value(due_pct) * 10 + 0.5) : 0;
	bool has = num_pct_tenths(actual, target, &t);
	buf v = BUF_INIT, w = BUF_INIT, label = BUF_INIT, key = BUF_INIT;
	if (!flag)
		flag = "no_target";
	if (strcmp(measure, "funds") == 0) {
		num_fmt_amount(&v, actual, L);
		buf_puts(&v, " / ");
		num_fmt_amount(&v, target, L);
	} else {
		num_fmt_thousands(&v, actual);
		buf_puts(&v, " / ");
		num_fmt_thousands(&v, target);
	}
	buf_printf(&key, "plan.flag.%s", flag);
	if (has) {
		buf_puts(&label, buf_str(&v));
		buf_puts(&label, " · ");
		num_fmt_pct(&label, t, 1);
		buf_puts(&label, " · ");
		buf_puts(&label, web_t(L, buf_str(&key)));
	} else {
		buf_puts(&label, web_t(L, "plan.no_target"));
	}
	buf_printf(b, "<div class=\"bar\" data-measure=\"%s\" data-flag=\"", measure);
	html_escape_attr(b, flag);
	buf_puts(b, "\" data-pct=\"");
	if (has)
		num_fmt_pct(b, t, 1);
	buf_puts(b, "\" title=\"");
	html_escape_attr(b, buf_str(&label));
	buf_puts(b, "\"><div class=\"fill");
	buf_puts(b, strcmp(flag, "behind") == 0 ? " behind" : "");
	/* widths as data, set by app.js: the Content-Security-Policy allows
	 * no style attributes */
	buf_puts(b, "\" data-width=\"");
	num_fmt_pct(&w, has ? (t > 1000 ? 1000 : t) : 0, 1);
	buf_puts(b, buf_str(&w));
	buf_puts(b, "\"></div><div class=\"elapsed\" data-left=\"");
	buf_reset(&w);
	num_fmt_pct(&w, due > 1000 ? 1000 : due, 1);
	buf_puts(b, buf_str(&w));
	buf_puts(b, "\"></div><span class=\"label\">");
	html_escape(b, buf_str(&label));
	buf_puts(b, "</span></div>\n");
	buf_free(&v);
	buf_free(&w);
	buf_free(&label);
	buf_free(&key);
}

static int county_name(db *d, enum lang L, json_t *row, buf *out, err *e)
{
	const char *code = json_string_value(json_object_get(row, "recipient_code"));
	if (!code) {
		buf_puts(out, web_t(L, "plan.total"));
		return 0;
	}
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT name_zh, name_en FROM divisions WHERE code = $1", "t", code))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		buf_puts(out, db_col_text(st, L == LANG_EN ? 1 : 0));
	else
		buf_puts(out, code);
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int bars(buf *b, db *d, enum lang L, json_t *plan, err *e)
{
	buf v = BUF_INIT, name = BUF_INIT;
	const char *asof = json_string_value(json_object_get(plan, "as_of"));
	buf_puts(b, "<h2>");
	html_escape(b, web_t(L, "plan.progress"));
	buf_puts(b, "</h2>\n<p class=\"program\" id=\"elapsed\">");
	buf_printf(&v, "%.1f%%", json_number_value(json_object_get(plan, "elapsed_pct")));
	buf_printf(b, web_t(L, "plan.elapsed"), buf_str(&v));
	if (asof) {
		buf_puts(b, L == LANG_EN ? " (as of " : "（截至");
		html_escape(b, asof);
		buf_puts(b, L == LANG_EN ? ")" : "）");
	}
	buf_puts(b, " ");
	buf_reset(&v);
	buf_printf(&v, web_t(L, "plan.rule"),
	           (int)json_integer_value(json_object_get(plan, "tolerance_pct")));
	html_escape(b, buf_str(&v));
	buf_puts(b, "</p>\n<div class=\"bars\" id=\"plan-bars\">\n<span class=\"head\"></span>");
	for (size_t m = 0; m < 4; m++) {
		buf_reset(&v);
		buf_printf(&v, "plan.%s", measures[m]);
		buf_puts(b, "<span class=\"head\">");
		html_escape(b, web_t(L, buf_str(&v)));
		buf_puts(b, "</span>");
	}
	buf_putc(b, '\n');
	json_t *counties = json_object_get(plan, "counties");
	size_t n = json_array_size(counties);
	int rc = 0;
	for (size_t i = 0; i <= n && rc == 0; i++) {
		json_t *row = i < n ? json_array_get(counties, i) : json_object_get(plan, "total");
		buf_reset(&name);
		rc = county_name(d, L, row, &name, e);
		buf_puts(b, i < n ? "<span class=\"county\">" : "<span class=\"county head\">");
		html_escape(b, buf_str(&name));
		buf_puts(b, "</span>\n");
		for (size_t m = 0; m < 4; m++)
			bar(b, L, measures[m], row);
	}
	buf_puts(b, "</div>\n");
	buf_free(&v);
	buf_free(&name);
	return rc;
}

/* The period asked for, else the latest of the program's plans, else this year. */
static int plan_period(struct web_req *req, const char *program, int64_t *pa, int64_t *pz, err *e)
{
	const char *period = web_param(req, "period");
	int64_t a = 0, z = 0;
	if (period && period[0]) {
		if (!parse_period(period, &a, &z))
			return err_add(e, EXIT_INVALID, "period: '%s' is not a period (e.g. 2004-2007)",
			               period);
	} else {
		/* the latest period of the program's plans, else this year */
		db_stmt *st;
		if (db_prepare(req->db, &st, e,
		               "SELECT start_year, end_year FROM plans WHERE program = $1"
		               " ORDER BY end_year DESC, start_year DESC LIMIT 1",
		               "t", program))
			return -1;
		int rc = db_step(st, e);
		if (rc == DB_ROW) {
			a = db_col_int(st, 0);
			z = db_col_int(st, 1);
		}
		db_finalize(st);
		if (rc == DB_ERROR)
			return -1;
		if (rc != DB_ROW)
			a = z = date_current_year();
	}
	*pa = a;
	*pz = z;
	return 0;
}

int page_report_plan(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	const char *program = web_param_or(req, "program", "sanxia");
	int64_t a = 0, z = 0;
	if (plan_period(req, program, &a, &z, e))
		return -1;
	const char *as_of = web_param(req, "as_of");
	if (as_of && !as_of[0])
		as_of = NULL;
	struct report_opts o = {0, (int)a, (int)z, program, L, FMT_HTML_BODY, as_of};
	buf body = BUF_INIT, title = BUF_INIT;
	json_t *plan = NULL;
	int rc = -1;
	if (report_plan(req->db, &o, &body, e) ||
	    report_plan_json(req->db, program, (int)a, (int)z, as_of, &plan, e))
		goto done;
	buf_printf(&title, "%s %lld–%lld", web_t(L, "plan.title"), (long long)a, (long long)z);
	struct page p = {"report_plan", buf_str(&title), 0, program};
	if (page_begin(req, resp, &p, e))
		goto done;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n");
	if (period_form(b, req->db, L, program, a, z, as_of, e))
		goto done;
	if (json_array_size(json_object_get(plan, "counties")) == 0) {
		buf_puts(b, "<p class=\"none\">");
		html_escape(b, web_t(L, "plan.none"));
		buf_puts(b, "</p>\n");
	} else if (bars(b, req->db, L, plan, e)) {
		goto done;
	}
	buf xurl = BUF_INIT;
	buf_printf(&xurl, "/reports/plan.xlsx?period=%lld-%lld&program=", (long long)a, (long long)z);
	page_url_encode(&xurl, program);
	if (L == LANG_EN)
		buf_puts(&xurl, "&lang=en");
	tools(b, L, NULL, buf_str(&xurl), program);
	buf_free(&xurl);
	buf_puts(b, "<article class=\"report\" id=\"report-plan\">\n");
	buf_add(b, body.s, body.len); /* escaped by report/render.c */
	buf_puts(b, "</article>\n");
	page_end(req, resp);
	rc = 0;
done:
	json_decref(plan);
	buf_free(&body);
	buf_free(&title);
	return rc;
}

/* /reports/{annual,signed,plan,pivot}.xlsx: the report as a workbook, with
 * the page's parameters (year or period, program, lang) */
int page_report_xlsx(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *name = req->path + strlen("/reports/");
	char kind[16];
	size_t n = strcspn(name, ".");
	if (n >= sizeof kind)
		n = sizeof kind - 1;
	memcpy(kind, name, n);
	kind[n] = '\0';
	const char *program = web_param_or(req, "program", "sanxia");
	struct report_opts o = {0, 0, 0, program, req->lang, FMT_XLSX, NULL};
	int64_t year = 0, a = 0, z = 0;
	int def;
	buf fname = BUF_INIT, zh = BUF_INIT;
	if (strcmp(kind, "plan") == 0) {
		if (plan_period(req, program, &a, &z, e))
			return -1;
		o.period_start = (int)a;
		o.period_end = (int)z;
		buf_printf(&fname, "plan-%lld-%lld.xlsx", (long long)a, (long long)z);
		buf_printf(&zh, "%s %lld-%lld.xlsx", web_t(req->lang, "plan.title"), (long long)a,
		           (long long)z);
	} else if (strcmp(kind, "pivot") == 0) {
		buf_puts(&fname, "funds-pivot.xlsx");
		buf_puts(&zh, req->lang == LANG_EN ? "funds pivot.xlsx" : "到位资金透视表.xlsx");
	} else {
		if (page_default_year(req->db, &def, e) ||
		    web_param_int(req, "year", 1949, 2100, def, &year, e))
			return -1;
		o.year = (int)year;
		buf_printf(&fname, "%s-%lld.xlsx", kind, (long long)year);
		buf_printf(&zh, "%s %lld.xlsx",
		           web_t(req->lang, strcmp(kind, "annual") == 0 ? "report.title" : "signed.title"),
		           (long long)year);
	}
	int rc = report_workbook(req->db, kind, &o, NULL, &resp->body, e);
	if (rc == 0) {
		resp->content_type = WEB_XLSX_TYPE;
		web_resp_attachment(resp, buf_str(&fname), buf_str(&zh));
	}
	buf_free(&fname);
	buf_free(&zh);
	return rc;
}
