/* The dashboard, /?year=Y&program=P: the year's key figures as tiles (from
 * report_annual_json, printed through core/num), each with its cumulative
 * since the program's first year (累计, the JSON's cumulative block) and the
 * funds with their in-kind part (物资折款), and the data of five charts,
 * which web/app.js draws with ECharts. */
#include "core/html.h"
#include "model/codes.h"
#include "report/figures.h"
#include "report/names.h"
#include "report/report.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

/* The integer at the dotted PATH of O, 0 when absent. */
static int64_t jint(const json_t *o, const char *path)
{
	char key[64];
	while (o && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof key)
			return 0;
		memcpy(key, path, n);
		key[n] = 0;
		o = json_object_get(o, key);
		path += n + (path[n] == '.');
	}
	return o ? (int64_t)json_integer_value(o) : 0;
}

/* Under a tile's figure, the cumulative (累计) since the program's first
 * year of the measure at PATH of the annual JSON's cumulative.total
 * (figures_cumulative_of), its exact value in data-value. */
static void cum_line(buf *b, const json_t *a, const char *id, const char *path, bool money, enum lang L)
{
	const json_t *c = json_object_get(a, "cumulative");
	buf p = BUF_INIT, f = BUF_INIT, since = BUF_INIT;
	buf_printf(&p, "total.%s", path);
	int64_t v = jint(c, buf_str(&p));
	if (money)
		num_fmt_amount(&f, v, L);
	else
		num_fmt_thousands(&f, v);
	/* the table entry holds one %d, for the first year */
	buf_printf(&since, web_t(L, "dash.since"), (int)jint(c, "since"));
	buf_puts(b, "<div class=\"sub cum\" id=\"");
	html_escape_attr(b, id);
	buf_printf(b, "-cum\" data-value=\"%lld\">", (long long)v);
	html_escape(b, buf_str(&since));
	buf_puts(b, " ");
	html_escape(b, buf_str(&f));
	buf_puts(b, "</div>");
	buf_free(&p);
	buf_free(&f);
	buf_free(&since);
}

/* One tile: a label, the figure, an optional line under it, the funds'
 * in-kind part on the funds tile and, with CUM_PATH, the cumulative beside
 * the year's figure. */
static void tile_cum(buf *b, const json_t *a, const char *id, const char *label, const char *figure,
                     const char *sub, const char *cum_path, bool money, enum lang L)
{
	buf_puts(b, "<div class=\"tile\" id=\"");
	html_escape_attr(b, id);
	buf_puts(b, "\"><div class=\"label\">");
	html_escape(b, label);
	buf_puts(b, "</div><div class=\"figure\">");
	html_escape(b, figure);
	buf_puts(b, "</div>");
	if (sub && sub[0]) {
		buf_puts(b, "<div class=\"sub\">");
		html_escape(b, sub);
		buf_puts(b, "</div>");
	}
	if (strcmp(id, "tile-funds") == 0) {
		/* the funds' in-kind part (物资折款) apart, exact in data-value */
		int64_t k = jint(a, "funds.in_kind");
		buf f = BUF_INIT;
		num_fmt_amount(&f, k, L);
		buf_printf(b, "<div class=\"sub in-kind\" id=\"tile-funds-in-kind\" data-value=\"%lld\">",
		           (long long)k);
		html_escape(b, web_t(L, "dash.in_kind"));
		buf_puts(b, " ");
		html_escape(b, buf_str(&f));
		buf_puts(b, "</div>");
		buf_free(&f);
	}
	if (cum_path)
		cum_line(b, a, id, cum_path, money, L);
	buf_puts(b, "</div>\n");
}

static void count_fig(buf *b, int64_t n, enum lang L)
{
	num_fmt_thousands(b, n);
	if (L == LANG_ZH)
		buf_puts(b, "个");
}

static void tiles(buf *out, const json_t *a, enum lang L)
{
	buf f = BUF_INIT, s = BUF_INIT, x = BUF_INIT, y = BUF_INIT;
	buf_puts(out, "<section class=\"tiles\">\n");

	count_fig(&f, jint(a, "projects.active"), L);
	num_fmt_thousands(&x, jint(a, "projects.new"));
	num_fmt_thousands(&y, jint(a, "projects.continuing"));
	/* the table entry holds two %s, for the new and continuing counts */
	buf_printf(&s, web_t(L, "dash.projects_sub"), buf_str(&x), buf_str(&y));
	tile_cum(out, a, "tile-projects", web_t(L, "dash.projects"), buf_str(&f), buf_str(&s),
	         "projects.economic", false, L);

	buf_reset(&f);
	buf_reset(&s);
	num_fmt_amount(&f, jint(a, "funds.total"), L);
	int64_t tenths;
	if (num_growth_tenths(jint(a, "funds.total"), jint(a, "funds.previous_year"), &tenths)) {
		buf_reset(&x);
		buf_puts(&x, tenths >= 0 ? "+" : "-");
		num_fmt_pct(&x, tenths >= 0 ? tenths : -tenths, 0);
		/* the table entry holds one %s, for the signed percentage */
		buf_printf(&s, web_t(L, "dash.growth"), buf_str(&x));
		buf_reset(&x);
	}
	tile_cum(out, a, "tile-funds", web_t(L, "dash.funds"), buf_str(&f), buf_str(&s), "funds.total", true,
	         L);

	buf_reset(&f);
	num_fmt_amount(&f, jint(a, "funds.public_welfare"), L);
	tile_cum(out, a, "tile-welfare", web_t(L, "dash.welfare"), buf_str(&f), NULL, "funds.public_welfare",
	         true, L);

	buf_reset(&f);
	num_fmt_people(&f, jint(a, "labour.people"), false, L);
	tile_cum(out, a, "tile-labour", web_t(L, "dash.labour"), buf_str(&f), NULL, "labour.people", false,
	         L);

	buf_reset(&f);
	num_fmt_people(&f, jint(a, "training.wealth_leaders"), false, L);
	tile_cum(out, a, "tile-wealth-leaders", web_t(L, "dash.wealth_leaders"), buf_str(&f), NULL,
	         "training.wealth_leaders", false, L);

	buf_reset(&f);
	num_fmt_people(&f, jint(a, "training.cadres"), false, L);
	tile_cum(out, a, "tile-cadres", web_t(L, "dash.cadres"), buf_str(&f), NULL, "training.cadres", false,
	         L);

	buf_reset(&f);
	buf_reset(&s);
	count_fig(&f, jint(a, "signed.projects"), L);
	num_fmt_amount(&s, jint(a, "signed.contract_amount"), L);
	buf_reset(&x);
	buf_printf(&x, "%s %s", web_t(L, "dash.contract"), buf_str(&s));
	tile_cum(out, a, "tile-signed", web_t(L, "dash.signed"), buf_str(&f), buf_str(&x), "projects.signed",
	         false, L);

	buf_reset(&f);
	num_fmt_people(&f, jint(a, "signed.jobs"), true, L);
	tile_cum(out, a, "tile-jobs", web_t(L, "dash.jobs"), buf_str(&f), NULL, NULL, false, L);

	buf_puts(out, "</section>\n");
	buf_free(&f);
	buf_free(&s);
	buf_free(&x);
	buf_free(&y);
}

static json_t *amount_item(const char *name, int64_t yuan, enum lang L)
{
	buf f = BUF_INIT;
	num_fmt_amount(&f, yuan, L);
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "value", json_integer(yuan));
	json_object_set_new(o, "label", json_string(buf_str(&f)));
	buf_free(&f);
	return o;
}

/* by_county / by_supporter of the breakdown as [{name, value, label}] */
static json_t *division_series(const json_t *arr, enum lang L)
{
	json_t *out = json_array();
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
	{
		const char *name =
		        json_string_value(json_object_get(v, L == LANG_EN ? "short_name_en" : "short_name"));
		json_array_append_new(out, amount_item(name ? name : "", jint(v, "amount"), L));
	}
	return out;
}

static json_t *status_series(const json_t *a, enum lang L)
{
	json_t *out = json_array();
	const struct code_list *st = codes_list("status");
	for (size_t i = 0; st && i < st->n; i++) {
		buf path = BUF_INIT;
		buf_printf(&path, "signed.status.%s", st->items[i].code);
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(codes_label("status", st->items[i].code, L)));
		json_object_set_new(o, "value", json_integer(jint(a, buf_str(&path))));
		json_array_append_new(out, o);
		buf_free(&path);
	}
	return out;
}

/* Targets against actual funds for each county with a plan covering the
 * year (the plan period the annual summary names). */
static int plan_series(db *d, const char *program, const json_t *a, enum lang L, json_t *chart, err *e)
{
	int start = (int)jint(a, "plans.period_start"), end = (int)jint(a, "plans.period_end");
	json_t *names = json_array(), *target = json_array(), *actual = json_array();
	json_object_set_new(chart, "counties", names);
	json_object_set_new(chart, "target", target);
	json_object_set_new(chart, "actual", actual);
	json_object_set_new(chart, "period_start", json_integer(start));
	json_object_set_new(chart, "period_end", json_integer(end));
	if (!start)
		return 0;
	json_t *plan;
	if (report_plan_json(d, program, start, end, NULL, &plan, e))
		return -1;
	size_t i;
	const json_t *c;
	json_array_foreach(json_object_get(plan, "counties"), i, c)
	{
		struct place pl = {0};
		const char *code = json_string_value(json_object_get(c, "recipient_code"));
		if (figures_place(d, code ? code : "", &pl, e)) {
			place_free(&pl);
			json_decref(plan);
			return -1;
		}
		json_array_append_new(names, json_string(place_short(&pl, L)));
		place_free(&pl);
		json_array_append_new(target, amount_item("", jint(c, "targets.funds"), L));
		json_array_append_new(actual, amount_item("", jint(c, "actual.funds"), L));
	}
	json_decref(plan);
	return 0;
}

static void chart_box(buf *b, const char *id, const char *title)
{
	buf_puts(b, "<figure class=\"chart-box\"><figcaption>");
	html_escape(b, title);
	buf_puts(b, "</figcaption><div class=\"chart\" id=\"");
	html_escape_attr(b, id);
	buf_puts(b, "\" data-chart=\"");
	html_escape_attr(b, id);
	buf_puts(b, "\"></div></figure>\n");
}

int page_dashboard(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	int64_t year;
	int def;
	const char *program = web_param_or(req, "program", "sanxia");
	if (page_default_year(req->db, &def, e) || web_param_int(req, "year", 1949, 2100, def, &year, e))
		return -1;
	json_t *a = NULL, *fb = NULL, *data = json_object();
	int rc = -1;
	if (report_annual_json(req->db, (int)year, program, &a, e) ||
	    report_funds_breakdown_json(req->db, program, (int)year, &fb, e))
		goto done;
	json_t *labels = json_object();
	json_object_set_new(labels, "unit", json_string(web_t(L, "dash.wan_yuan")));
	json_object_set_new(labels, "target", json_string(web_t(L, "dash.target")));
	json_object_set_new(labels, "actual", json_string(web_t(L, "dash.actual")));
	json_object_set_new(labels, "no_plan", json_string(web_t(L, "dash.chart_plan_none")));
	json_object_set_new(data, "labels", labels);
	json_object_set_new(data, "year", json_integer(year));
	json_t *years = json_array();
	size_t i;
	const json_t *v;
	json_array_foreach(json_object_get(fb, "by_year"), i, v)
	{
		char y[16];
		snprintf(y, sizeof y, "%lld", (long long)jint(v, "year"));
		json_array_append_new(years, amount_item(y, jint(v, "amount"), L));
	}
	json_object_set_new(data, "by_year", years);
	json_object_set_new(data, "by_county", division_series(json_object_get(fb, "by_county"), L));
	json_object_set_new(data, "by_supporter", division_series(json_object_get(fb, "by_supporter"), L));
	json_object_set_new(data, "status", status_series(a, L));
	json_t *plan = json_object();
	json_object_set_new(data, "plan", plan);
	if (plan_series(req->db, program, a, L, plan, e))
		goto done;

	char *pname_zh = NULL, *pname_en = NULL;
	if (figures_program(req->db, program, &pname_zh, &pname_en, e))
		goto done;
	buf title = BUF_INIT;
	if (L == LANG_EN)
		buf_printf(&title, "%s %lld", web_t(L, "dash.title"), (long long)year);
	else
		buf_printf(&title, "%lld年%s", (long long)year, web_t(L, "dash.title"));
	struct page p = {"dashboard", buf_str(&title), (int)year, program};
	if (page_begin(req, resp, &p, e)) {
		buf_free(&title);
		free(pname_zh);
		free(pname_en);
		goto done;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n<p class=\"program\">");
	html_escape(b, web_t(L, "dash.program"));
	buf_puts(b, L == LANG_EN ? ": " : "：");
	html_escape(b, L == LANG_EN ? pname_en : pname_zh);
	free(pname_zh);
	free(pname_en);
	pname_zh = pname_en = NULL;
	buf_puts(b, "</p>\n");
	buf_free(&title);
	tiles(b, a, L);
	if (dashboard_alerts(req, b, e))
		goto done;
	buf_puts(b, "<section class=\"charts\">\n");
	chart_box(b, "chart-years", web_t(L, "dash.chart_years"));
	chart_box(b, "chart-county", web_t(L, "dash.chart_county"));
	chart_box(b, "chart-supporter", web_t(L, "dash.chart_supporter"));
	chart_box(b, "chart-status", web_t(L, "dash.chart_status"));
	chart_box(b, "chart-plan", web_t(L, "dash.chart_plan"));
	buf_puts(b, "</section>\n");
	if (page_json_script(b, "dash-data", data, e))
		goto done;
	buf_puts(b, "<script src=\"/static/echarts.min.js\" defer></script>\n");
	page_end(req, resp);
	rc = 0;
done:
	json_decref(a);
	json_decref(fb);
	json_decref(data);
	return rc;
}
