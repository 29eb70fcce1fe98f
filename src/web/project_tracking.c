/* The tracking service on a project's page (issue 7): its leader and team
 * (people through project_team), its service log and its commitments, the
 * forms that add an entry and a commitment and the button that marks a
 * commitment done (each saved through model/record.c, so checked, scoped
 * and audited like any record), and /projects/{code}/timeline: signing,
 * status changes, receipts, log entries and commitments in one line of
 * time. */
#include "core/date.h"
#include "core/html.h"
#include "model/alerts.h"
#include "model/codes.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A commitment's status: the one recorded, else done when it has a done
 * date, else open. */
#define COMMITMENT_STATUS_SQL                                                                                \
	"CASE WHEN c.status <> '' THEN c.status WHEN c.done_date IS NULL OR c.done_date = '' THEN 'open'"    \
	" ELSE 'done' END"

void tracking_today(const struct web_req *req, char out[11])
{
	if (req->today)
		snprintf(out, 11, "%s", req->today);
	else
		date_today(out);
}

int tracking_stale_days(const struct web_req *req)
{
	return req->stale_days > 0 ? req->stale_days : ALERTS_STALE_DAYS;
}

static void th_row(buf *b, enum lang L, const char *const *keys)
{
	buf_puts(b, "<thead><tr>");
	for (size_t i = 0; keys[i]; i++) {
		buf_puts(b, "<th>");
		html_escape(b, keys[i][0] ? web_t(L, keys[i]) : "");
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
}

static void td(buf *b, const char *s)
{
	buf_puts(b, "<td>");
	html_escape(b, s ? s : "");
	buf_puts(b, "</td>");
}

static int team(struct web_req *req, buf *b, const char *code, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT t.role, t.person_code, p.name, p.title, p.unit, p.phone FROM project_team t"
	               " LEFT JOIN people p ON p.code = t.person_code WHERE t.project_code = $1"
	               " ORDER BY CASE WHEN t.role = 'leader' THEN 0 ELSE 1 END, t.person_code",
	               "t", code))
		return -1;
	static const char *const heads[] = {"trk.role", "trk.name",  "trk.title",
	                                    "trk.unit", "trk.phone", NULL};
	buf_puts(b, "<table class=\"list\" id=\"team\">\n");
	th_row(b, req->lang, heads);
	int rc, n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		n++;
		buf_printf(b, "<tr class=\"%s\">",
		           strcmp(db_col_text(st, 0), "leader") == 0 ? "leader" : "member");
		td(b, codes_label("team_role", db_col_text(st, 0), req->lang));
		buf_puts(b, "<td><a href=\"/people/");
		buf u = BUF_INIT;
		page_url_encode(&u, db_col_text(st, 1));
		html_escape_attr(b, buf_str(&u));
		buf_free(&u);
		buf_puts(b, "\">");
		html_escape(b, db_col_null(st, 2) ? db_col_text(st, 1) : db_col_text(st, 2));
		buf_puts(b, "</a></td>");
		td(b, db_col_text(st, 3));
		td(b, db_col_text(st, 4));
		td(b, db_col_text(st, 5));
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	db_finalize(st);
	if (rc != DB_ERROR && n == 0) {
		buf_puts(b, "<p class=\"warn\" id=\"no-team\">");
		html_escape(b, web_t(req->lang, "trk.no_team"));
		buf_puts(b, "</p>\n");
	}
	return rc == DB_ERROR ? -1 : 0;
}

static int service_log(struct web_req *req, buf *b, const char *code, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT date, who, action, problem, resolution, next_step, code FROM service_log"
	               " WHERE project_code = $1 ORDER BY date, code",
	               "t", code))
		return -1;
	static const char *const heads[] = {"rec.date",       "trk.who",       "trk.action", "trk.problem",
	                                    "trk.resolution", "trk.next_step", NULL};
	buf_puts(b, "<table class=\"list\" id=\"service-log\">\n");
	th_row(b, req->lang, heads);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		buf_puts(b, "<tr data-code=\"");
		html_escape_attr(b, db_col_text(st, 6));
		buf_puts(b, "\">");
		for (int i = 0; i < 6; i++)
			td(b, db_col_text(st, i));
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static int commitments(struct web_req *req, buf *b, const char *code, bool write, err *e)
{
	char today[11];
	tracking_today(req, today);
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT c.code, c.what, c.to_whom, c.promised_date, c.due_date, "
	               "c.done_date, " COMMITMENT_STATUS_SQL
	               " FROM commitments c WHERE c.project_code = $1 ORDER BY c.due_date, c.code",
	               "t", code))
		return -1;
	static const char *const heads[] = {"trk.commitment", "trk.what", "trk.to_whom",
	                                    "trk.promised",   "trk.due",  "trk.done",
	                                    "trk.status",     "",         NULL};
	buf_puts(b, "<table class=\"list\" id=\"commitments\">\n");
	th_row(b, req->lang, heads);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *status = db_col_text(st, 6);
		bool open = strcmp(status, "open") == 0;
		bool overdue = open && strcmp(db_col_text(st, 4), today) < 0;
		buf_printf(b, "<tr class=\"%s\" data-code=\"", overdue ? "overdue" : status);
		html_escape_attr(b, db_col_text(st, 0));
		buf_puts(b, "\">");
		for (int i = 0; i < 6; i++)
			td(b, db_col_text(st, i));
		buf_puts(b, "<td class=\"status\">");
		html_escape(b, codes_label("commitment_status", status, req->lang));
		if (overdue) {
			buf_puts(b, " <strong class=\"overdue\">");
			html_escape(b, web_t(req->lang, "trk.overdue"));
			buf_puts(b, "</strong>");
		}
		buf_puts(b, "</td><td>");
		if (write && open) {
			buf u = BUF_INIT;
			buf_puts(&u, "/commitments/");
			page_url_encode(&u, db_col_text(st, 0));
			buf_puts(&u, "/done");
			buf_puts(b, "<form method=\"post\" class=\"inline done\" action=\"");
			html_escape_attr(b, buf_str(&u));
			buf_puts(b, "\">");
			web_csrf_input(b, req);
			buf_puts(b, "<button type=\"submit\" class=\"mark-done\">");
			html_escape(b, web_t(req->lang, "trk.mark_done"));
			buf_puts(b, "</button></form>");
			buf_free(&u);
		}
		buf_puts(b, "</td></tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int project_tracking(struct web_req *req, buf *b, const char *code, const struct kind *form,
                     const struct record_result *r, char *const *vals, err *e)
{
	const struct kind *lk = kind_find("service_log"), *ck = kind_find("commitments");
	bool add_log = perm_may(req->actor, lk, PERM_WRITE), add_cm = perm_may(req->actor, ck, PERM_WRITE);
	buf_printf(b, "<h2 id=\"team-title\">%s</h2>\n", web_t(req->lang, "trk.team"));
	if (team(req, b, code, e))
		return -1;
	buf_printf(b, "<h2 id=\"log\">%s</h2>\n", web_t(req->lang, "trk.log"));
	if (service_log(req, b, code, e))
		return -1;
	buf action = BUF_INIT;
	if (add_log) {
		static const char *const shown[] = {"date",       "who",       "action", "problem",
		                                    "resolution", "next_step", NULL};
		buf_puts(&action, "/projects/");
		page_url_encode(&action, code);
		buf_puts(&action, "/log");
		bool mine = form == lk;
		records_inline_form(req, b, lk, shown, buf_str(&action), "log-form", "log", "trk.add_log",
		                    mine ? r : NULL, mine ? vals : NULL);
	}
	buf_printf(b, "<h2 id=\"commitments-title\">%s</h2>\n", web_t(req->lang, "trk.commitments"));
	int rc = commitments(req, b, code, add_cm, e);
	if (!rc && add_cm) {
		static const char *const shown[] = {"what", "to_whom", "promised_date", "due_date", NULL};
		buf_reset(&action);
		buf_puts(&action, "/projects/");
		page_url_encode(&action, code);
		buf_puts(&action, "/commitments");
		bool mine = form == ck;
		records_inline_form(req, b, ck, shown, buf_str(&action), "commitment-form", "cm",
		                    "trk.add_commitment", mine ? r : NULL, mine ? vals : NULL);
	}
	buf_free(&action);
	return rc;
}

/* After a change: back to the project's page at ANCHOR. */
static void back_to(struct web_resp *resp, const char *project, const char *anchor)
{
	buf to = BUF_INIT;
	buf_puts(&to, "/projects/");
	page_url_encode(&to, project);
	buf_puts(&to, anchor);
	records_redirect(resp, buf_str(&to));
	buf_free(&to);
}

/* The outcome O of a tracking write by the project page's forms. */
static int answer(struct web_req *req, struct web_resp *resp, const char *project, const struct kind *k,
                  enum record_outcome o, const struct record_result *r, char *const *vals, const char *anchor,
                  err *e)
{
	if (o == RECORD_OK) {
		back_to(resp, project, anchor);
		return 0;
	}
	if (o == RECORD_ERROR)
		return err_add(e, EXIT_SYSTEM, "%s", r->nproblems ? r->problems[0].message : "save failed");
	if (o == RECORD_FORBIDDEN)
		return records_forbidden(req, resp, r->nproblems ? r->problems[0].message : NULL, e);
	if (o == RECORD_MISSING)
		return records_missing(req, resp, project, e);
	return project_page_form(req, resp, project, k, r, vals, e);
}

int project_add_tracking(struct web_req *req, struct web_resp *resp, const char *code, const char *what,
                         err *e)
{
	bool log = strcmp(what, "log") == 0;
	const struct kind *k = kind_find(log ? "service_log" : "commitments");
	char today[11];
	tracking_today(req, today);
	struct record_field *f = xcalloc(k->ncols, sizeof *f);
	char **vals = xcalloc(k->ncols, sizeof(char *));
	buf id = BUF_INIT;
	int64_t n = 0;
	int rc = 0;
	/* a new number after the project's entries: FW-{project}-N, CN-{project}-N */
	if (db_int(req->db, &n, e,
	           log ? "SELECT COUNT(*) FROM service_log WHERE project_code = $1"
	               : "SELECT COUNT(*) FROM commitments WHERE project_code = $1",
	           "t", code)) {
		rc = -1;
		goto out;
	}
	struct record_result r;
	record_result_init(&r);
	enum record_outcome o = RECORD_CONFLICT;
	struct actor who;
	for (int attempt = 0; attempt < 20 && o == RECORD_CONFLICT; attempt++) {
		buf_reset(&id);
		buf_printf(&id, "%s-%s-%lld", log ? "FW" : "CN", code, (long long)(n + 1 + attempt));
		for (size_t i = 0; i < k->ncols; i++) {
			const char *name = k->cols[i].name, *v;
			if (strcmp(name, "code") == 0)
				v = buf_str(&id);
			else if (strcmp(name, "project_code") == 0)
				v = code;
			else
				v = web_form(req, name);
			/* the day of the entry or promise is today unless given */
			if ((!v || !*v) && (strcmp(name, "date") == 0 || strcmp(name, "promised_date") == 0))
				v = today;
			f[i] = (struct record_field){name, v ? v : ""};
			vals[i] = (char *)(v ? v : "");
		}
		record_result_free(&r);
		record_result_init(&r);
		o = record_create(req->db, k, f, k->ncols, req->lang, web_actor_via(req, "form", &who), &r);
	}
	rc = answer(req, resp, code, k, o, &r, vals, log ? "#log" : "#commitments-title", e);
	record_result_free(&r);
out:
	buf_free(&id);
	free(f);
	free(vals);
	return rc;
}

int commitment_done(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	const struct kind *k = kind_find("commitments");
	char **vals = xcalloc(k->ncols, sizeof(char *));
	int rc = 0;
	int found = record_load(req->db, k, code, vals, e);
	if (found <= 0) {
		rc = found < 0 ? -1 : records_missing(req, resp, code, e);
		goto out;
	}
	char today[11];
	tracking_today(req, today);
	const char *day = web_form(req, "done_date");
	struct record_field f[] = {{"done_date", day && *day ? day : today}, {"status", "done"}};
	struct record_result r;
	struct actor who;
	record_result_init(&r);
	enum record_outcome o =
	        record_update(req->db, k, code, f, 2, req->lang, web_actor_via(req, "form", &who), &r);
	/* vals[1]: the project */
	char *project = xstrdup(vals[1] ? vals[1] : "");
	rc = o == RECORD_MISSING ? records_missing(req, resp, code, e)
	                         : answer(req, resp, project, k, o, &r, NULL, "#commitments-title", e);
	free(project);
	record_result_free(&r);
out:
	record_values_free(k, vals);
	free(vals);
	return rc;
}

/* ---- the timeline ---- */

struct event {
	char date[11];
	int order;  /* within a day: signing, status, receipt, log, promised, due, done */
	size_t seq; /* then in the order gathered */
	char *what;
	char *detail;
};

struct events {
	struct event *v;
	size_t n;
};

static void add_event(struct events *ev, const char *day, int order, const char *what, const char *detail)
{
	if (!day || !*day)
		return;
	ev->v = xrealloc(ev->v, (ev->n + 1) * sizeof *ev->v);
	struct event *x = &ev->v[ev->n++];
	snprintf(x->date, sizeof x->date, "%s", day);
	x->order = order;
	x->seq = ev->n - 1;
	x->what = xstrdup(what);
	x->detail = xstrdup(detail ? detail : "");
}

static int by_date(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (c)
		return c;
	if (x->order != y->order)
		return x->order - y->order;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Runs SQL (one parameter: the project) and calls ADD for each row. */
static int gather(struct web_req *req, const char *sql, const char *code,
                  void (*add)(struct web_req *, db_stmt *, struct events *), struct events *ev, err *e)
{
	db_stmt *st;
	if (db_prepare(req->db, &st, e, sql, "t", code))
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		add(req, st, ev);
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static void ev_status(struct web_req *req, db_stmt *st, struct events *ev)
{
	add_event(ev, db_col_text(st, 0), 1, web_t(req->lang, "tl.status"),
	          codes_label("status", db_col_text(st, 1), req->lang));
}

static void ev_fund(struct web_req *req, db_stmt *st, struct events *ev)
{
	buf d = BUF_INIT;
	num_fmt_amount(&d, db_col_int(st, 1), req->lang);
	buf_printf(&d, " (%s)", codes_label("side", db_col_text(st, 2), req->lang));
	add_event(ev, db_col_text(st, 0), 2, web_t(req->lang, "tl.fund"), buf_str(&d));
	buf_free(&d);
}

static void ev_log(struct web_req *req, db_stmt *st, struct events *ev)
{
	buf d = BUF_INIT;
	buf_puts(&d, db_col_text(st, 2));
	if (*db_col_text(st, 1))
		buf_printf(&d, " — %s", db_col_text(st, 1));
	if (*db_col_text(st, 3))
		buf_printf(&d, "; %s: %s", web_t(req->lang, "trk.problem"), db_col_text(st, 3));
	if (*db_col_text(st, 4))
		buf_printf(&d, "; %s: %s", web_t(req->lang, "trk.resolution"), db_col_text(st, 4));
	add_event(ev, db_col_text(st, 0), 3, web_t(req->lang, "tl.log"), buf_str(&d));
	buf_free(&d);
}

static void ev_commitment(struct web_req *req, db_stmt *st, struct events *ev)
{
	buf d = BUF_INIT;
	buf_printf(&d, "%s: %s", db_col_text(st, 0), db_col_text(st, 1));
	if (*db_col_text(st, 2))
		buf_printf(&d, " (%s)", db_col_text(st, 2));
	add_event(ev, db_col_text(st, 3), 4, web_t(req->lang, "tl.promised"), buf_str(&d));
	add_event(ev, db_col_text(st, 4), 5, web_t(req->lang, "tl.due"), buf_str(&d));
	if (strcmp(db_col_text(st, 6), "done") == 0)
		add_event(ev, db_col_text(st, 5), 6, web_t(req->lang, "tl.done"), buf_str(&d));
	else if (strcmp(db_col_text(st, 6), "cancelled") == 0 && *db_col_text(st, 5))
		add_event(ev, db_col_text(st, 5), 6, web_t(req->lang, "tl.cancelled"), buf_str(&d));
	buf_free(&d);
}

int project_timeline(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	struct events ev = {NULL, 0};
	char *name = NULL;
	int rc = -1;
	db_stmt *st;
	if (db_prepare(req->db, &st, e,
	               "SELECT p.name, p.signed_date, COALESCE(c.name, '') FROM projects p"
	               " LEFT JOIN conferences c ON c.code = p.conference WHERE p.code = $1",
	               "t", code))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW) {
		name = xstrdup(db_col_text(st, 0));
		add_event(&ev, db_col_text(st, 1), 0, web_t(req->lang, "tl.signed"), db_col_text(st, 2));
	}
	db_finalize(st);
	if (s == DB_ERROR)
		return -1;
	if (s != DB_ROW)
		return records_missing(req, resp, code, e);
	if (gather(req, "SELECT date, status FROM status_history WHERE project_code = $1 ORDER BY date", code,
	           ev_status, &ev, e) ||
	    gather(req, "SELECT date, amount, side FROM funds WHERE project_code = $1 ORDER BY date, id",
	           code, ev_fund, &ev, e) ||
	    gather(req,
	           "SELECT date, who, action, problem, resolution FROM service_log WHERE project_code = $1"
	           " ORDER BY date, code",
	           code, ev_log, &ev, e) ||
	    gather(req,
	           "SELECT c.code, c.what, c.to_whom, c.promised_date, c.due_date, "
	           "c.done_date, " COMMITMENT_STATUS_SQL
	           " FROM commitments c WHERE c.project_code = $1 ORDER BY c.code",
	           code, ev_commitment, &ev, e))
		goto out;
	/* by day, then by kind of event, then as gathered (qsort is not stable) */
	qsort(ev.v, ev.n, sizeof *ev.v, by_date);
	buf title = BUF_INIT;
	buf_printf(&title, "%s %s · %s", code, name, web_t(req->lang, "trk.timeline"));
	struct page p = {"projects", buf_str(&title), 0, NULL};
	if (page_begin(req, resp, &p, e)) {
		buf_free(&title);
		goto out;
	}
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, buf_str(&title));
	buf_puts(b, "</h1>\n<p class=\"actions\"><a href=\"/projects/");
	buf u = BUF_INIT;
	page_url_encode(&u, code);
	html_escape_attr(b, buf_str(&u));
	buf_free(&u);
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, "trk.back"));
	buf_puts(b, "</a></p>\n<table class=\"list timeline\" id=\"timeline\">\n");
	static const char *const heads[] = {"rec.date", "tl.event", "tl.detail", NULL};
	th_row(b, req->lang, heads);
	static const char *const classes[] = {"signed", "status", "fund", "log", "promised", "due", "done"};
	for (size_t i = 0; i < ev.n; i++) {
		buf_printf(b, "<tr class=\"ev-%s\">", classes[ev.v[i].order]);
		td(b, ev.v[i].date);
		td(b, ev.v[i].what);
		td(b, ev.v[i].detail);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody></table>\n");
	buf_free(&title);
	page_end(req, resp);
	rc = 0;
out:
	for (size_t i = 0; i < ev.n; i++) {
		free(ev.v[i].what);
		free(ev.v[i].detail);
	}
	free(ev.v);
	free(name);
	return rc;
}
