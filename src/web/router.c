/* The route table and the dispatch of a request to its page, with the
 * error answers (404, 405, 400, 500) every page shares. */
#include "web/router.h"
#include "core/html.h"
#include "web/authz.h"
#include "web/i18n.h"
#include "web/pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const struct web_route routes[] = {
        {"GET", "/", false, page_dashboard},
        {"GET", "/projects", false, page_projects},
        {"GET", "/projects.csv", false, page_projects_csv},
        {"GET", "/reports/annual", false, page_report_annual},
        {"GET", "/static/", true, page_static},
        /* signing in and out (web/login.c) */
        {"GET", "/login", false, page_login},
        {"POST", "/login", false, page_login_post},
        {"POST", "/logout", false, page_logout},
        {"GET", "/api/v1/reports/annual", false, api_report_annual},
        /* The first matching route wins: /pairings/matrix before the
         * /pairings/ prefix, and every exact /api/v1/ route before the
         * /api/v1/ prefixes. Lists of every kind, the matrix, the reports: */
        {"GET", "/funds", false, page_list},
        {"GET", "/funds.csv", false, page_list_csv},
        {"GET", "/labour", false, page_list},
        {"GET", "/labour.csv", false, page_list_csv},
        {"GET", "/training", false, page_list},
        {"GET", "/training.csv", false, page_list_csv},
        {"GET", "/plans", false, page_list},
        {"GET", "/plans.csv", false, page_list_csv},
        {"GET", "/visits", false, page_list},
        {"GET", "/visits.csv", false, page_list_csv},
        {"GET", "/pairings", false, page_list},
        {"GET", "/pairings.csv", false, page_list_csv},
        {"GET", "/conferences", false, page_list},
        {"GET", "/conferences.csv", false, page_list_csv},
        {"GET", "/status", false, page_list},
        {"GET", "/status.csv", false, page_list_csv},
        {"GET", "/pairings/matrix", false, page_pairings_matrix},
        /* .xlsx downloads of the lists and reports, templates (issue 6) */
        {"GET", "/projects.xlsx", false, page_projects_csv},
        {"GET", "/funds.xlsx", false, page_list_csv},
        {"GET", "/labour.xlsx", false, page_list_csv},
        {"GET", "/training.xlsx", false, page_list_csv},
        {"GET", "/plans.xlsx", false, page_list_csv},
        {"GET", "/visits.xlsx", false, page_list_csv},
        {"GET", "/pairings.xlsx", false, page_list_csv},
        {"GET", "/conferences.xlsx", false, page_list_csv},
        {"GET", "/status.xlsx", false, page_list_csv},
        {"GET", "/reports/annual.xlsx", false, page_report_xlsx},
        {"GET", "/reports/signed.xlsx", false, page_report_xlsx},
        {"GET", "/reports/plan.xlsx", false, page_report_xlsx},
        {"GET", "/reports/pivot.xlsx", false, page_report_xlsx},
        {"GET", "/templates/pairings.xlsx", false, page_template},
        {"GET", "/templates/conferences.xlsx", false, page_template},
        {"GET", "/templates/projects.xlsx", false, page_template},
        {"GET", "/templates/status.xlsx", false, page_template},
        {"GET", "/templates/funds.xlsx", false, page_template},
        {"GET", "/templates/labour.xlsx", false, page_template},
        {"GET", "/templates/training.xlsx", false, page_template},
        {"GET", "/templates/plans.xlsx", false, page_template},
        {"GET", "/templates/visits.xlsx", false, page_template},
        {"GET", "/audit.xlsx", false, page_audit_xlsx},
        {"GET", "/reports/signed", false, page_report_signed},
        {"GET", "/reports/plan", false, page_report_plan},
        /* records: detail pages, forms, upload, data quality */
        {"GET", "/upload", false, page_upload},
        {"POST", "/upload", false, page_upload_post},
        {"GET", "/check", false, page_check},
        {"GET", "/audit", false, page_audit},
        {"GET", "/pairings/", true, page_record_get},
        {"POST", "/pairings/", true, page_record_post},
        {"GET", "/conferences/", true, page_record_get},
        {"POST", "/conferences/", true, page_record_post},
        {"GET", "/projects/", true, page_record_get},
        {"POST", "/projects/", true, page_record_post},
        {"GET", "/status/", true, page_record_get},
        {"POST", "/status/", true, page_record_post},
        {"GET", "/funds/", true, page_record_get},
        {"POST", "/funds/", true, page_record_post},
        {"GET", "/labour/", true, page_record_get},
        {"POST", "/labour/", true, page_record_post},
        {"GET", "/training/", true, page_record_get},
        {"POST", "/training/", true, page_record_post},
        {"GET", "/plans/", true, page_record_get},
        {"POST", "/plans/", true, page_record_post},
        {"GET", "/visits/", true, page_record_get},
        {"POST", "/visits/", true, page_record_post},
        /* a plan's yearly targets (the plan_targets kind) */
        {"GET", "/plan_targets", false, page_list},
        {"GET", "/plan_targets.csv", false, page_list_csv},
        {"GET", "/plan_targets/", true, page_record_get},
        {"POST", "/plan_targets/", true, page_record_post},
        /* the tracking service (issue 7): its kinds, and the alerts */
        {"GET", "/people", false, page_list},
        {"GET", "/people.csv", false, page_list_csv},
        {"GET", "/project_team", false, page_list},
        {"GET", "/project_team.csv", false, page_list_csv},
        {"GET", "/service_log", false, page_list},
        {"GET", "/service_log.csv", false, page_list_csv},
        {"GET", "/commitments", false, page_list},
        {"GET", "/commitments.csv", false, page_list_csv},
        {"GET", "/alerts", false, page_alerts},
        {"GET", "/people/", true, page_record_get},
        {"POST", "/people/", true, page_record_post},
        {"GET", "/project_team/", true, page_record_get},
        {"POST", "/project_team/", true, page_record_post},
        {"GET", "/service_log/", true, page_record_get},
        {"POST", "/service_log/", true, page_record_post},
        {"GET", "/commitments/", true, page_record_get},
        {"POST", "/commitments/", true, page_record_post},
        /* the JSON API */
        {"GET", "/api/v1/openapi.json", false, api_openapi},
        {"GET", "/api/v1/audit", false, api_audit},
        /* before the /api/v1/ prefix; without a step it is api_create's */
        {"POST", "/api/v1/plans/", true, api_plan_step},
        /* both sides' books (issue 10, api_books.c), before the prefixes too */
        {"POST", "/api/v1/funds/", true, api_funds_post},
        {"GET", "/api/v1/funds/", true, api_funds_get},
        {"POST", "/api/v1/transfers/", true, api_transfers_post},
        {"GET", "/api/v1/evidence/", true, api_evidence_get},
        {"POST", "/api/v1/", true, api_create},
        {"PUT", "/api/v1/", true, api_update},
        {"DELETE", "/api/v1/", true, api_delete},
        {"GET", "/api/v1/", true, api_read},
        /* the IATI export (iati_page.c) */
        {"GET", "/export/iati", false, page_export_iati},
        /* both sides' books (issue 10): transfers, reconciliation, evidence */
        {"GET", "/transfers", false, page_list},
        {"GET", "/transfers.csv", false, page_list_csv},
        {"GET", "/transfers.xlsx", false, page_list_csv},
        {"GET", "/templates/transfers.xlsx", false, page_template},
        {"GET", "/transfers/", true, page_record_get},
        {"POST", "/transfers/", true, page_record_post},
        {"GET", "/reconcile", false, page_reconcile},
        {"GET", "/reconcile.xlsx", false, page_reconcile},
        {"GET", "/evidence/", true, page_evidence_get},
        /* the supporter scorecard (issue 10) */
        {"GET", "/scorecard", false, page_scorecard},
        {"GET", "/scorecard.xlsx", false, page_scorecard_xlsx},
        {NULL, NULL, false, NULL},
};

void web_resp_init(struct web_resp *r)
{
	memset(r, 0, sizeof *r);
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	buf_init(&r->body);
}

void web_resp_free(struct web_resp *r)
{
	buf_free(&r->body);
	for (size_t i = 0; i < r->nheaders; i++) {
		free(r->header_name[i]);
		free(r->header_value[i]);
	}
	r->nheaders = 0;
}

void web_resp_header(struct web_resp *r, const char *name, const char *value)
{
	if (r->nheaders >= WEB_MAX_HEADERS)
		return;
	r->header_name[r->nheaders] = xstrdup(name);
	r->header_value[r->nheaders] = xstrdup(value);
	r->nheaders++;
}

void web_resp_attachment(struct web_resp *r, const char *ascii, const char *utf8)
{
	buf v = BUF_INIT;
	buf_puts(&v, "attachment; filename=\"");
	for (const char *p = ascii; *p; p++)
		buf_putc(&v, *p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e
		                     ? '_'
		                     : *p);
	buf_putc(&v, '"');
	if (utf8) {
		static const char hex[] = "0123456789ABCDEF";
		buf_puts(&v, "; filename*=UTF-8''");
		for (const unsigned char *p = (const unsigned char *)utf8; *p; p++) {
			/* attr-char of RFC 5987; everything else percent-encoded */
			if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p)) {
				buf_putc(&v, (char)*p);
			} else {
				buf_putc(&v, '%');
				buf_putc(&v, hex[*p >> 4]);
				buf_putc(&v, hex[*p & 15]);
			}
		}
	}
	web_resp_header(r, "Content-Disposition", buf_str(&v));
	buf_free(&v);
}

const char *web_resp_data(const struct web_resp *r, size_t *len)
{
	if (r->static_body) {
		*len = r->static_len;
		return r->static_body;
	}
	*len = r->body.len;
	return r->body.s ? r->body.s : "";
}

const char *web_param(const struct web_req *r, const char *key)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].key, key) == 0)
			return r->params[i].val;
	return NULL;
}

bool web_verified(const struct web_req *r)
{
	const char *v = web_param(r, "verified");
	return v && (strcmp(v, "1") == 0 || strcmp(v, "on") == 0 || strcmp(v, "true") == 0);
}

const char *web_param_or(const struct web_req *r, const char *key, const char *def)
{
	const char *v = web_param(r, key);
	return v && v[0] ? v : def;
}

int web_param_int(const struct web_req *r, const char *key, int64_t min, int64_t max, int64_t def,
                  int64_t *out, err *e)
{
	const char *v = web_param(r, key);
	const char *why = NULL;
	if (!v || !v[0]) {
		*out = def;
		return 0;
	}
	if (num_parse_int(v, out, &why) || *out < min || *out > max)
		return err_add(e, EXIT_INVALID, "%s: '%s' is not a whole number from %lld to %lld", key, v,
		               (long long)min, (long long)max);
	return 0;
}

const char *web_form(const struct web_req *r, const char *key)
{
	const struct web_form_field *f = web_form_field(r, key);
	return f ? buf_str((buf *)&f->val) : NULL;
}

const struct web_form_field *web_form_field(const struct web_req *r, const char *key)
{
	for (size_t i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, key) == 0)
			return &r->form[i];
	return NULL;
}

const struct web_route *web_routes(void)
{
	return routes;
}

static bool route_matches(const struct web_route *rt, const char *path)
{
	if (rt->prefix)
		return strncmp(path, rt->path, strlen(rt->path)) == 0;
	return strcmp(path, rt->path) == 0;
}

static bool method_is(const struct web_route *rt, const char *method)
{
	bool get = strcmp(rt->method, "GET") == 0;
	return strcmp(rt->method, method) == 0 || (get && strcmp(method, "HEAD") == 0);
}

const struct web_route *web_route_find(const char *method, const char *path)
{
	for (const struct web_route *rt = routes; rt->path; rt++)
		if (route_matches(rt, path) && method_is(rt, method))
			return rt;
	return NULL;
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

/* The message of E without its trailing newline, and the field it names:
 * messages of bad requests start with "FIELD: ". */
static void error_parts(const err *e, buf *msg, buf *field)
{
	const char *s = e->msgs.s ? e->msgs.s : "";
	size_t n = strcspn(s, "\n");
	buf_add(msg, s, n);
	size_t f = strcspn(buf_str(msg), ": ");
	if (f < msg->len && msg->s[f] == ':' && f > 0)
		buf_add(field, msg->s, f);
}

void web_fail(struct web_req *req, struct web_resp *resp, int status, const err *e, const char *text_key)
{
	buf msg = BUF_INIT, field = BUF_INIT;
	if (e && err_any(e))
		error_parts(e, &msg, &field);
	else
		buf_puts(&msg, web_t(req->lang, text_key));
	resp->status = status;
	resp->static_body = NULL;
	buf_reset(&resp->body);
	if (is_api(req->path)) {
		json_t *j = json_object();
		json_object_set_new(j, "error", json_string(buf_str(&msg)));
		json_object_set_new(j, "field", field.len ? json_string(buf_str(&field)) : json_null());
		char *s = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		buf_puts(&resp->body, s ? s : "{\"error\":\"out of memory\"}");
		buf_putc(&resp->body, '\n');
		free(s);
		resp->content_type = "application/json";
	} else {
		/* A bare page: the failure may be the database the layout needs. */
		buf *b = &resp->body;
		buf_printf(b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
		           req->lang == LANG_EN ? "en" : "zh-CN");
		buf_puts(b,
		         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
		buf_printf(b, "%d ", status);
		html_escape(b, web_t(req->lang, text_key));
		buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n"
		            "<body>\n<main class=\"error\">\n<h1>");
		buf_printf(b, "%d ", status);
		html_escape(b, web_t(req->lang, text_key));
		buf_puts(b, "</h1>\n<p>");
		html_escape(b, buf_str(&msg));
		buf_puts(b, "</p>\n<p><a href=\"/\">");
		html_escape(b, web_t(req->lang, "nav.dashboard"));
		buf_puts(b, "</a></p>\n</main>\n</body>\n</html>\n");
		resp->content_type = "text/html; charset=utf-8";
	}
	buf_free(&msg);
	buf_free(&field);
}

void web_dispatch(struct web_req *req, struct web_resp *resp)
{
	const struct web_route *found = NULL;
	buf allow = BUF_INIT;
	for (const struct web_route *rt = routes; rt->path; rt++) {
		if (!route_matches(rt, req->path))
			continue;
		if (method_is(rt, req->method)) {
			found = rt;
			break;
		}
		if (allow.len)
			buf_puts(&allow, ", ");
		buf_puts(&allow, strcmp(rt->method, "GET") == 0 ? "GET, HEAD" : rt->method);
	}
	if (!found) {
		if (allow.len) {
			web_fail(req, resp, 405, NULL, "error.method");
			web_resp_header(resp, "Allow", buf_str(&allow));
		} else {
			web_fail(req, resp, 404, NULL, "error.not_found");
		}
		buf_free(&allow);
		return;
	}
	buf_free(&allow);
	int refused = web_authorize(req);
	if (refused) {
		web_fail(req, resp, refused, NULL, "error.forbidden");
		return;
	}
	err e;
	err_init(&e);
	/* issue 10: ?verified=1 makes the reports count verified receipts
	 * only (report_sql reads it; nothing else does) */
	if (req->db)
		db_set_verified_only(req->db, web_verified(req));
	int failed = found->fn(req, resp, &e);
	if (req->db)
		db_set_verified_only(req->db, false);
	if (failed) {
		bool bad = e.status == EXIT_INVALID || e.status == EXIT_USAGE;
		web_fail(req, resp, bad ? 400 : 500, &e, bad ? "error.bad_request" : "error.server");
		if (!bad)
			err_print(&e, stderr);
	}
	err_free(&e);
}
