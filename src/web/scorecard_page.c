/* /scorecard?year=Y&program=P and /scorecard.xlsx: the supporter
 * scorecard (report/scorecard.h) as a ranking table whose every figure
 * links to the list of the records behind it, and its workbook. The
 * offices and viewers see every supporter; a supporter's office sees its
 * own line (ranked among all); a county office none (web/authz.c). The
 * weights are serve --weights FILE's, else the compiled-in defaults.
 * ?verified=1 counts the receipts verified as arrived only (the router
 * sets it on the connection; report_sql reads it), and says so. */
#include "core/html.h"
#include "report/scorecard.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>
#include <string.h>

static const char *const label_keys[SC_COUNT] = {"score.funds",     "score.projects", "score.contracts",
                                                 "score.operating", "score.labour",   "score.training",
                                                 "score.visits"};

static int compute(struct web_req *req, struct scorecard *s, err *e)
{
	int64_t year;
	int def;
	const char *program = web_param_or(req, "program", "sanxia");
	if (page_default_year(req->db, &def, e) || web_param_int(req, "year", 1949, 2100, def, &year, e))
		return -1;
	struct sc_weights w;
	if (req->weights)
		w = *req->weights;
	else if (scorecard_weights_load(NULL, &w, e))
		return -1;
	const char *only = req->actor && req->actor->role == ROLE_SUPPORTER ? req->actor->scope : NULL;
	return scorecard_compute(req->db, (int)year, program, &w, only, s, e);
}

/* A figure as a link to its records (or plain when it has none). */
static void figure(buf *b, const struct scorecard *s, const struct sc_row *r, int c, bool target, int64_t v,
                   const char *id)
{
	buf u = BUF_INIT, t = BUF_INIT;
	num_fmt_thousands(&t, v);
	if (scorecard_link(&u, s, r, c, target)) {
		buf_puts(b, "<a class=\"sc-link\" id=\"");
		html_escape_attr(b, id);
		buf_puts(b, "\" href=\"");
		html_escape_attr(b, buf_str(&u));
		buf_puts(b, "\">");
		html_escape(b, buf_str(&t));
		buf_puts(b, "</a>");
	} else {
		html_escape(b, buf_str(&t));
	}
	buf_free(&u);
	buf_free(&t);
}

static void row_html(buf *b, const struct scorecard *s, const struct sc_row *r, enum lang L)
{
	char id[96];
	const char *code = r->supporter.code;
	buf_puts(b, "<tr id=\"sc-");
	html_escape_attr(b, code);
	buf_printf(b, "\"><td class=\"num\">%d</td><td>", r->rank);
	html_escape(b, place_short(&r->supporter, L));
	buf_puts(b, " <span class=\"code\">");
	html_escape(b, code);
	buf_puts(b, "</span></td><td class=\"num sc-score\">");
	if (r->has_score)
		buf_printf(b, "%lld.%lld", (long long)(r->score / 10), (long long)(r->score % 10));
	else
		buf_puts(b, "–");
	buf_puts(b, "</td><td class=\"num\">");
	snprintf(id, sizeof id, "sc-%s-counties", code);
	figure(b, s, r, SC_COUNT, false, r->counties, id);
	buf_puts(b, "</td>");
	for (int c = 0; c < SC_COUNT; c++) {
		const char *name = scorecard_component_names[c];
		int64_t t = 0, cap = 0;
		buf_puts(b, "<td class=\"num\">");
		snprintf(id, sizeof id, "sc-%s-%s", code, name);
		figure(b, s, r, c, false, r->actual[c], id);
		if (c == SC_FUNDS && r->in_kind) {
			buf_puts(b, "<br><small>");
			html_escape(b, web_t(L, "score.in_kind"));
			buf_puts(b, " ");
			snprintf(id, sizeof id, "sc-%s-in_kind", code);
			figure(b, s, r, -1, false, r->in_kind, id);
			buf_puts(b, "</small>");
		}
		buf_puts(b, "<br><small>/ ");
		snprintf(id, sizeof id, "sc-%s-%s-target", code, name);
		figure(b, s, r, c, true, r->target[c], id);
		buf_puts(b, "</small><br><small class=\"sc-pct\">");
		if (scorecard_achieved(r->actual[c], r->target[c], s->w.cap[c], &t, &cap)) {
			buf v = BUF_INIT;
			num_fmt_pct(&v, t, 1);
			html_escape(b, buf_str(&v));
			buf_free(&v);
		} else {
			html_escape(b, web_t(L, "score.not_assessed"));
		}
		buf_puts(b, "</small></td>");
	}
	buf_puts(b, "</tr>\n");
}

int page_scorecard(struct web_req *req, struct web_resp *resp, err *e)
{
	struct scorecard s;
	enum lang L = req->lang;
	if (compute(req, &s, e))
		return -1;
	buf title = BUF_INIT, u = BUF_INIT;
	buf_printf(&title, "%s %d", web_t(L, "score.title"), s.year);
	struct page p = {"scorecard", buf_str(&title), s.year, s.program};
	if (page_begin(req, resp, &p, e)) {
		scorecard_free(&s);
		buf_free(&title);
		return -1;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n<div class=\"tools\"><a id=\"scorecard-xlsx\" download href=\"");
	buf_printf(&u, "/scorecard.xlsx?year=%d&program=", s.year);
	page_url_encode(&u, s.program);
	if (L == LANG_EN)
		buf_puts(&u, "&lang=en");
	if (s.verified)
		buf_puts(&u, "&verified=1");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, web_t(L, "score.xlsx"));
	buf_puts(b, "</a></div>\n");
	/* which receipts the funds count, and a link to the other way */
	buf_puts(b, s.verified ? "<p class=\"note\" id=\"scorecard-counts\" data-verified=\"1\">"
	                       : "<p class=\"note\" id=\"scorecard-counts\" data-verified=\"0\">");
	html_escape(b, web_t(L, s.verified ? "score.counts_verified" : "score.counts_all"));
	buf_puts(b, " <a id=\"scorecard-other\" href=\"");
	buf_reset(&u);
	buf_printf(&u, "/scorecard?year=%d&program=", s.year);
	page_url_encode(&u, s.program);
	if (L == LANG_EN)
		buf_puts(&u, "&lang=en");
	if (!s.verified)
		buf_puts(&u, "&verified=1");
	html_escape_attr(b, buf_str(&u));
	buf_puts(b, "\">");
	html_escape(b, web_t(L, s.verified ? "score.show_all" : "score.show_verified"));
	buf_puts(b, "</a></p>\n<p class=\"note\">");
	html_escape(b, web_t(L, "score.note"));
	buf_puts(b, "</p>\n<div class=\"scroll\"><table class=\"list\" id=\"scorecard\">\n<thead><tr><th>");
	html_escape(b, web_t(L, "score.rank"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(L, "score.supporter"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(L, "score.score"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(L, "score.counties"));
	buf_puts(b, "</th>");
	for (int c = 0; c < SC_COUNT; c++) {
		buf_puts(b, "<th>");
		html_escape(b, web_t(L, label_keys[c]));
		buf_printf(b, " <small>(%lld)</small></th>", (long long)s.w.weight[c]);
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < s.n; i++)
		row_html(b, &s, &s.rows[i], L);
	buf_puts(b, "</tbody>\n</table></div>\n");
	if (!s.n) {
		buf_puts(b, "<p id=\"scorecard-empty\">");
		html_escape(b, web_t(L, "score.none"));
		buf_puts(b, "</p>\n");
	}
	page_end(req, resp);
	scorecard_free(&s);
	buf_free(&title);
	buf_free(&u);
	return 0;
}

int page_scorecard_xlsx(struct web_req *req, struct web_resp *resp, err *e)
{
	struct scorecard s;
	if (compute(req, &s, e))
		return -1;
	int rc = scorecard_workbook(&s, req->lang, NULL, &resp->body, e);
	if (rc == 0) {
		buf fname = BUF_INIT, zh = BUF_INIT;
		buf_printf(&fname, "scorecard-%d.xlsx", s.year);
		buf_printf(&zh, "%s %d.xlsx", web_t(req->lang, "score.title"), s.year);
		resp->content_type = WEB_XLSX_TYPE;
		web_resp_attachment(resp, buf_str(&fname), buf_str(&zh));
		buf_free(&fname);
		buf_free(&zh);
	}
	scorecard_free(&s);
	return rc;
}
