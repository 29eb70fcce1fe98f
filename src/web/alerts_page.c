/* /alerts and the dashboard's alert tile: the tracking service's alerts
 * (model/alerts.h) of the projects the user reads, as of the server's day
 * (serve --today for tests, else the clock). */
#include "core/html.h"
#include "model/alerts.h"
#include "model/codes.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdio.h>
#include <string.h>

static const char *const type_keys[ALERT_TYPES] = {"alert.overdue", "alert.stale", "alert.no_leader",
                                                   "alert.no_team"};

static void project_link(buf *b, const struct alert *a)
{
	buf u = BUF_INIT;
	buf_puts(&u, "/projects/");
	page_url_encode(&u, a->project);
	buf_puts(b, "<a href=\"");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, a->project);
	buf_puts(b, " ");
	html_escape(b, a->project_name ? a->project_name : "");
	buf_puts(b, "</a>");
	buf_free(&u);
}

/* One alert as a line of text after its project. */
static void describe(buf *b, const struct alert *a, enum lang L)
{
	char n[32];
	snprintf(n, sizeof n, "%ld", a->days);
	if (a->type == ALERT_OVERDUE) {
		buf_puts(b, " — ");
		html_escape(b, a->commitment);
		buf_puts(b, " ");
		html_escape(b, a->what ? a->what : "");
		buf_puts(b, " · ");
		html_escape(b, web_t(L, "trk.due"));
		buf_puts(b, " ");
		html_escape(b, a->date);
		buf_puts(b, " · ");
		html_escape(b, web_t(L, "alert.days_overdue"));
		buf_printf(b, " %s", n);
	} else if (a->type == ALERT_STALE) {
		buf_puts(b, " — ");
		html_escape(b, codes_label("status", a->status, L));
		buf_puts(b, " · ");
		html_escape(b, web_t(L, "alert.since"));
		buf_puts(b, " ");
		html_escape(b, a->date);
		buf_printf(b, " (%s ", n);
		html_escape(b, web_t(L, "alert.days"));
		buf_puts(b, ")");
	}
}

static int compute(struct web_req *req, struct alert_set *s, err *e)
{
	char today[11];
	tracking_today(req, today);
	int64_t stale;
	if (web_param_int(req, "stale_days", 1, 36500, tracking_stale_days(req), &stale, e))
		return -1;
	const char *county = web_param(req, "county");
	struct alert_query q = {today, (int)stale, county && *county ? county : NULL};
	return alerts_compute(req->db, req->actor, &q, s, e);
}

int dashboard_alerts(struct web_req *req, buf *b, err *e)
{
	struct alert_set s;
	enum lang L = req->lang;
	if (compute(req, &s, e))
		return -1;
	buf_printf(b, "<section class=\"alerts-tile%s\" id=\"alerts-tile\">\n<h2><a href=\"/alerts\">",
	           s.n ? " has-alerts" : "");
	html_escape(b, web_t(L, "alert.title"));
	buf_printf(b, "</a> <span class=\"count\" id=\"alerts-total\">%zu</span></h2>\n<p class=\"note\">",
	           s.n);
	html_escape(b, web_t(L, "alert.as_of"));
	buf_printf(b, " %s</p>\n<ul class=\"alert-counts\">\n", s.as_of);
	for (int t = 0; t < ALERT_TYPES; t++) {
		buf_printf(b, "<li><a href=\"/alerts#%s\">", alert_type_name((enum alert_type)t));
		html_escape(b, web_t(L, type_keys[t]));
		buf_printf(b, "</a> <span class=\"count\" id=\"alerts-%s\">%zu</span></li>\n",
		           alert_type_name((enum alert_type)t), s.count[t]);
	}
	buf_puts(b, "</ul>\n<ul class=\"alert-list\" id=\"alerts-overdue\">\n");
	/* the overdue promises first: they are the ones with a date to keep */
	size_t shown = 0;
	for (size_t i = 0; i < s.n && shown < 10; i++) {
		if (s.items[i].type != ALERT_OVERDUE)
			continue;
		buf_puts(b, "<li>");
		project_link(b, &s.items[i]);
		describe(b, &s.items[i], L);
		buf_puts(b, "</li>\n");
		shown++;
	}
	buf_puts(b, "</ul>\n</section>\n");
	alerts_free(&s);
	return 0;
}

int page_alerts(struct web_req *req, struct web_resp *resp, err *e)
{
	struct alert_set s;
	enum lang L = req->lang;
	if (compute(req, &s, e))
		return -1;
	struct page p = {"alerts", web_t(L, "alert.title"), 0, NULL};
	if (page_begin(req, resp, &p, e)) {
		alerts_free(&s);
		return -1;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(L, "alert.title"));
	buf_puts(b, "</h1>\n<p class=\"note\" id=\"alerts-as-of\">");
	html_escape(b, web_t(L, "alert.as_of"));
	buf_printf(b, " %s · ", s.as_of);
	html_escape(b, web_t(L, "alert.stale_days"));
	buf_printf(b, " %d</p>\n", s.stale_days);
	for (int t = 0; t < ALERT_TYPES; t++) {
		const char *name = alert_type_name((enum alert_type)t);
		buf_printf(b, "<h2 id=\"%s\">", name);
		html_escape(b, web_t(L, type_keys[t]));
		buf_printf(
		        b,
		        " <span class=\"count\">%zu</span></h2>\n<ul class=\"alert-list\" id=\"list-%s\">\n",
		        s.count[t], name);
		for (size_t i = 0; i < s.n; i++) {
			if ((int)s.items[i].type != t)
				continue;
			buf_puts(b, "<li>");
			project_link(b, &s.items[i]);
			describe(b, &s.items[i], L);
			buf_puts(b, "</li>\n");
		}
		buf_puts(b, "</ul>\n");
	}
	if (!s.n) {
		buf_puts(b, "<p id=\"no-alerts\">");
		html_escape(b, web_t(L, "alert.none"));
		buf_puts(b, "</p>\n");
	}
	page_end(req, resp);
	alerts_free(&s);
	return 0;
}
