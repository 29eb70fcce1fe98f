/* The layout every HTML page shares and the helpers for its links and
 * chart data (page.h). All text from the database or the request goes
 * through core/html. */
#include "web/page.h"
#include "core/html.h"
#include "report/figures.h"
#include "web/authz.h"
#include "web/i18n.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* key, path, and whether the page takes ?year= */
static const struct {
	const char *key, *path;
	bool yearly;
} nav_items[] = {
        {"dashboard", "/", true},
        {"projects", "/projects", false},
        {"report_annual", "/reports/annual", true},
        {"upload", "/upload", false},
        {"check", "/check", false},
        {"report_signed", "/reports/signed", true},
        {"report_plan", "/reports/plan", false},
        {"audit", "/audit", false},        /* only for those who may read it */
        {"alerts", "/alerts", false},      /* the tracking service (issue 7) */
        {"reconcile", "/reconcile", true}, /* both sides' books (issue 10) */
        {"scorecard", "/scorecard", true}, /* the supporter scorecard (issue 10) */
};

/* Whether REQ's actor may open PATH: nav items it may not are not shown. */
static bool may_open(const struct web_req *req, const char *path)
{
	struct web_req probe = {0};
	probe.method = "GET";
	probe.path = path;
	probe.actor = req->actor;
	return web_authorize(&probe) == 0;
}

/* The row of list pages under the header; the page's nav key is the kind. */
static const char *const list_items[] = {"projects", "funds", "labour", "training", "plans", "visits",
                                         "pairings", "conferences", "status",
                                         /* the tracking service (issue 7) */
                                         "people", "project_team", "service_log", "commitments",
                                         /* both sides' books (issue 10) */
                                         "transfers", NULL};

static void lists_row(buf *b, const struct web_req *req, const char *current)
{
	enum lang L = req->lang;
	buf_puts(b, "<nav class=\"lists\" aria-label=\"");
	html_escape_attr(b, web_t(L, "nav.lists"));
	buf_puts(b, "\"><span>");
	html_escape(b, web_t(L, "nav.lists"));
	buf_puts(b, "</span>\n");
	for (size_t i = 0; list_items[i]; i++) {
		buf key = BUF_INIT;
		buf_printf(&key, "/%s", list_items[i]);
		bool open = may_open(req, buf_str(&key));
		buf_reset(&key);
		if (!open)
			continue;
		buf_printf(&key, "lists.%s", list_items[i]);
		buf_printf(b, "<a href=\"/%s\"%s>", list_items[i],
		           strcmp(current, list_items[i]) == 0 ? " aria-current=\"page\"" : "");
		html_escape(b, web_t(L, buf_str(&key)));
		buf_puts(b, "</a>\n");
		buf_free(&key);
	}
	if (may_open(req, "/pairings/matrix")) {
		buf_printf(b, "<a href=\"/pairings/matrix\"%s>",
		           strcmp(current, "matrix") == 0 ? " aria-current=\"page\"" : "");
		html_escape(b, web_t(L, "lists.matrix"));
		buf_puts(b, "</a>\n");
	}
	buf_puts(b, "</nav>\n");
}

void page_url_encode(buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-_.~", *p))
			buf_putc(b, (char)*p);
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

static bool dropped(const char *key, const char *const *drop, const char *also)
{
	if (also && strcmp(key, also) == 0)
		return true;
	for (; drop && *drop; drop++)
		if (strcmp(key, *drop) == 0)
			return true;
	return false;
}

void page_url(buf *b, const struct web_req *req, const char *path, const char *const *drop, const char *key,
              const char *value)
{
	buf_puts(b, path);
	char sep = '?';
	for (size_t i = 0; i < req->nparams; i++) {
		const struct web_param *p = &req->params[i];
		if (dropped(p->key, drop, key) || !p->val[0])
			continue;
		buf_putc(b, sep);
		page_url_encode(b, p->key);
		buf_putc(b, '=');
		page_url_encode(b, p->val);
		sep = '&';
	}
	if (key) {
		buf_putc(b, sep);
		page_url_encode(b, key);
		buf_putc(b, '=');
		page_url_encode(b, value);
	}
}

int page_json_script(buf *b, const char *id, const json_t *j, err *e)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
	if (!s)
		return err_add(e, EXIT_SYSTEM, "%s: cannot encode the chart data as JSON", id);
	buf_puts(b, "<script type=\"application/json\" id=\"");
	html_escape_attr(b, id);
	buf_puts(b, "\">");
	for (const char *p = s; *p; p++) {
		if (*p == '<')
			buf_puts(b, "\\u003c");
		else if (*p == '>')
			buf_puts(b, "\\u003e");
		else if (*p == '&')
			buf_puts(b, "\\u0026");
		else
			buf_putc(b, *p);
	}
	buf_puts(b, "</script>\n");
	free(s);
	return 0;
}

int page_default_year(db *d, int *year, err *e)
{
	int64_t y = 0;
	if (db_int(d, &y, e,
	           "SELECT MAX(y) FROM (SELECT CAST(substr(MAX(date), 1, 4) AS INTEGER) AS y FROM funds"
	           " UNION ALL SELECT CAST(substr(MAX(signed_date), 1, 4) AS INTEGER) FROM projects"
	           " UNION ALL SELECT CAST(substr(MAX(date), 1, 4) AS INTEGER) FROM labour) AS years",
	           ""))
		return -1;
	if (y < 1949 || y > 2100) {
		time_t now = time(NULL);
		struct tm tm;
		y = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2004;
	}
	*year = (int)y;
	return 0;
}

/* The span of years the selector offers: from the earliest record to the
 * latest, always including the year shown. */
static int year_span(db *d, int shown, int *first, int *last, err *e)
{
	int64_t lo = 0;
	if (db_int(d, &lo, e,
	           "SELECT MIN(y) FROM (SELECT CAST(substr(MIN(date), 1, 4) AS INTEGER) AS y FROM funds"
	           " UNION ALL SELECT CAST(substr(MIN(signed_date), 1, 4) AS INTEGER) FROM projects"
	           " UNION ALL SELECT CAST(substr(MIN(date), 1, 4) AS INTEGER) FROM labour) AS years",
	           ""))
		return -1;
	int hi;
	if (page_default_year(d, &hi, e))
		return -1;
	*first = lo >= 1949 && lo <= shown ? (int)lo : shown;
	*last = hi >= shown ? hi : shown;
	return 0;
}

static void year_selector(buf *b, const struct web_req *req, const struct page *p, int first, int last)
{
	buf_puts(b, "<form class=\"year\" method=\"get\" action=\"");
	html_escape_attr(b, req->path);
	buf_puts(b, "\">\n<label>");
	html_escape(b, web_t(req->lang, "nav.year"));
	buf_puts(b, " <select name=\"year\" data-autosubmit>");
	for (int y = last; y >= first; y--)
		buf_printf(b, "<option value=\"%d\"%s>%d</option>", y, y == p->year ? " selected" : "", y);
	buf_puts(b, "</select></label>\n");
	/* keep the other parameters of the page (program, filters) */
	for (size_t i = 0; i < req->nparams; i++) {
		const struct web_param *q = &req->params[i];
		if (strcmp(q->key, "year") == 0 || strcmp(q->key, "lang") == 0 ||
		    strcmp(q->key, "page") == 0 || !q->val[0])
			continue;
		buf_puts(b, "<input type=\"hidden\" name=\"");
		html_escape_attr(b, q->key);
		buf_puts(b, "\" value=\"");
		html_escape_attr(b, q->val);
		buf_puts(b, "\">");
	}
	buf_puts(b, "<noscript><button type=\"submit\">");
	html_escape(b, web_t(req->lang, "nav.go"));
	buf_puts(b, "</button></noscript>\n</form>\n");
}

/* The signed-in user, its role, and the sign-out button (a form, since
 * signing out changes state and so carries the CSRF token). */
static void who(buf *b, const struct web_req *req)
{
	if (!req->actor || !req->csrf)
		return;
	enum lang L = req->lang;
	buf key = BUF_INIT;
	buf_printf(&key, "role.%s", role_name(req->actor->role));
	buf_puts(b, "<form class=\"who\" method=\"post\" action=\"/logout\">");
	web_csrf_input(b, req);
	buf_puts(b, "<span id=\"who\">");
	html_escape(b, req->actor->user);
	buf_puts(b, L == LANG_EN ? " (" : "（");
	html_escape(b, web_t(L, buf_str(&key)));
	if (req->actor->scope && req->actor->scope[0]) {
		buf_putc(b, ' ');
		html_escape(b, req->actor->scope);
	}
	buf_puts(b, L == LANG_EN ? ")" : "）");
	buf_puts(b, "</span> <button type=\"submit\" id=\"logout\">");
	html_escape(b, web_t(L, "nav.logout"));
	buf_puts(b, "</button></form>\n");
	buf_free(&key);
}

int page_begin(struct web_req *req, struct web_resp *resp, const struct page *p, err *e)
{
	bool demo = false;
	int first = 0, last = 0;
	if (figures_is_demo(req->db, &demo, e) || (p->year && year_span(req->db, p->year, &first, &last, e)))
		return -1;
	enum lang L = req->lang;
	buf *b = &resp->body;
	resp->content_type = "text/html; charset=utf-8";
	buf_printf(b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	           L == LANG_EN ? "en" : "zh-CN");
	buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_escape(b, p->title);
	if (demo) {
		buf_puts(b, L == LANG_EN ? " (" : "（");
		html_escape(b, web_t(L, "app.demo"));
		buf_puts(b, L == LANG_EN ? ")" : "）");
	}
	buf_puts(b, " · ");
	html_escape(b, web_t(L, "app.name"));
	buf_puts(b, "</title>\n");
	/* for scripts that POST: they send it as X-CSRF-Token */
	if (req->csrf) {
		buf_puts(b, "<meta name=\"csrf-token\" content=\"");
		html_escape_attr(b, req->csrf);
		buf_puts(b, "\">\n");
	}
	buf_puts(b, "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
	            "<script src=\"/static/app.js\" defer></script>\n</head>\n<body>\n"
	            "<header class=\"top\">\n<a class=\"brand\" href=\"/\">");
	html_escape(b, web_t(L, "app.name"));
	buf_puts(b, "</a>\n");
	if (demo) {
		buf_puts(b, "<span class=\"demo-badge\">");
		html_escape(b, web_t(L, "app.demo"));
		buf_puts(b, "</span>\n");
	}
	buf_puts(b, "<nav>\n");
	for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
		if (!may_open(req, nav_items[i].path))
			continue;
		buf key = BUF_INIT, href = BUF_INIT;
		buf_printf(&key, "nav.%s", nav_items[i].key);
		/* the year travels with the reader between the yearly pages */
		if (p->year && nav_items[i].yearly)
			buf_printf(&href, "%s?year=%d", nav_items[i].path, p->year);
		else
			buf_puts(&href, nav_items[i].path);
		buf_puts(b, "<a href=\"");
		html_escape_attr(b, buf_str(&href));
		buf_puts(b, strcmp(p->nav, nav_items[i].key) == 0 ? "\" aria-current=\"page\">" : "\">");
		html_escape(b, web_t(L, buf_str(&key)));
		buf_puts(b, "</a>\n");
		buf_free(&key);
		buf_free(&href);
	}
	buf_puts(b, "</nav>\n");
	if (p->year)
		year_selector(b, req, p, first, last);
	/* the other language, on the same page with the same query */
	buf url = BUF_INIT;
	static const char *const drop_lang[] = {"lang", NULL};
	page_url(&url, req, req->path, drop_lang, "lang", L == LANG_EN ? "zh" : "en");
	buf_puts(b, "<a class=\"lang\" id=\"lang-switch\" hreflang=\"");
	buf_puts(b, L == LANG_EN ? "zh-CN" : "en");
	buf_puts(b, "\" href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "nav.lang_other"));
	buf_puts(b, "</a>\n");
	buf_free(&url);
	who(b, req);
	buf_puts(b, "</header>\n");
	lists_row(b, req, p->nav);
	if (demo) {
		buf_puts(b, "<p class=\"demo\">");
		html_escape(b, web_t(L, "app.demo_note"));
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "<main>\n");
	return 0;
}

void page_end(struct web_req *req, struct web_resp *resp)
{
	buf *b = &resp->body;
	buf_puts(b, "</main>\n<footer>");
	html_escape(b, web_t(req->lang, "app.footer"));
	buf_puts(b, "</footer>\n</body>\n</html>\n");
}

void web_csrf_input(buf *b, const struct web_req *req)
{
	if (!req->csrf)
		return;
	buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape_attr(b, req->csrf);
	buf_puts(b, "\">");
}

const struct actor *web_actor_via(const struct web_req *req, const char *via, struct actor *tmp)
{
	if (!req->actor)
		return NULL;
	*tmp = *req->actor;
	tmp->via = via;
	return tmp;
}

/* A link to page TO of the current list, keeping its query. */
static void page_link(buf *b, struct web_req *req, int64_t to, const char *rel, const char *key)
{
	static const char *const drop[] = {"page", "lang", NULL};
	buf url = BUF_INIT;
	char n[24];
	snprintf(n, sizeof n, "%lld", (long long)to);
	page_url(&url, req, req->path, drop, "page", n);
	buf_printf(b, " <a rel=\"%s\" href=\"", rel);
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, key));
	buf_puts(b, "</a> ");
	buf_free(&url);
}

void page_pager(buf *b, struct web_req *req, int64_t page, int64_t pages)
{
	buf_puts(b, "<nav class=\"pager\">");
	if (page > 1)
		page_link(b, req, page - 1, "prev", "proj.prev");
	buf_puts(b, "<span>");
	buf_printf(b, web_t(req->lang, "proj.page"), (long long)page, (long long)pages);
	buf_puts(b, "</span>");
	if (page < pages)
		page_link(b, req, page + 1, "next", "proj.next");
	buf_puts(b, "</nav>\n");
}

void page_csv_link(buf *b, struct web_req *req, const char *csv_path)
{
	static const char *const drop[] = {"page", "lang", NULL};
	buf url = BUF_INIT;
	page_url(&url, req, csv_path, drop, NULL, NULL);
	buf_puts(b, "<p><a class=\"button\" id=\"csv-link\" download href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "proj.csv"));
	buf_puts(b, "</a></p>\n");
	buf_free(&url);
}

void page_xlsx_link(buf *b, struct web_req *req, const char *xlsx_path)
{
	static const char *const drop[] = {"page", "lang", NULL};
	buf url = BUF_INIT;
	page_url(&url, req, xlsx_path, drop, NULL, NULL);
	buf_puts(b, "<p><a class=\"button\" id=\"xlsx-link\" download href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "xlsx.download"));
	buf_puts(b, "</a></p>\n");
	buf_free(&url);
}

void page_template_link(buf *b, struct web_req *req, const char *path)
{
	buf_puts(b, "<p><a class=\"button\" id=\"template-link\" download href=\"");
	html_escape_attr(b, path);
	buf_puts(b, req->lang == LANG_EN ? "?lang=en\">" : "\">");
	html_escape(b, web_t(req->lang, "xlsx.template"));
	buf_puts(b, "</a></p>\n");
}
