/* Both sides' books on the record pages (issue 10): a receipt's
 * verification (到位核实) and evidence documents, with the verify and
 * unlock buttons and the upload form; a transfer's arrival and the
 * county's confirm form; /evidence/{id}, a document's download. Every
 * change goes through model/receipts.c. */
#include "core/html.h"
#include "model/receipts.h"
#include "web/api.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <stdlib.h>
#include <string.h>

static void form_open(buf *b, const struct web_req *req, const char *kind, const char *code,
                      const char *action, const char *id, bool multipart)
{
	buf_printf(b, "<form method=\"post\" id=\"%s\" action=\"/%s/", id, kind);
	buf u = BUF_INIT;
	page_url_encode(&u, code);
	html_escape_attr(b, buf_str(&u));
	buf_free(&u);
	buf_printf(b, "/%s\"%s>", action, multipart ? " enctype=\"multipart/form-data\"" : "");
	web_csrf_input(b, req);
}

int receipt_extras(struct web_req *req, buf *b, const char *code, err *e)
{
	enum lang L = req->lang;
	char *by, *at;
	int v = receipt_verified(req->db, code, &by, &at, e);
	if (v < 0)
		return -1;
	buf_printf(b, "<h2 id=\"verification-title\">");
	html_escape(b, web_t(L, "recv.title"));
	buf_puts(b, "</h2>\n<p id=\"verification\" class=\"");
	buf_puts(b, v ? "verified\">" : "unverified\">");
	if (v) {
		html_escape(b, web_t(L, "recv.verified"));
		buf_puts(b, " · ");
		html_escape(b, by);
		buf_puts(b, " · ");
		html_escape(b, at);
		buf_puts(b, " · ");
		html_escape(b, web_t(L, "recv.locked"));
	} else {
		html_escape(b, web_t(L, "recv.unverified"));
	}
	buf_puts(b, "</p>\n");
	if (perm_area(req->actor, PERM_VERIFY)) {
		if (!v) {
			form_open(b, req, "funds", code, "verify", "verify-form", false);
			buf_puts(b, "<button type=\"submit\">");
			html_escape(b, web_t(L, "recv.verify"));
			buf_puts(b, "</button></form>\n");
		} else {
			form_open(b, req, "funds", code, "unlock", "unlock-form", false);
			buf_puts(b, "<label>");
			html_escape(b, web_t(L, "recv.reason"));
			buf_puts(b, " <input name=\"reason\" required></label> <button type=\"submit\">");
			html_escape(b, web_t(L, "recv.unlock"));
			buf_puts(b, "</button></form>\n");
		}
	}
	free(by);
	free(at);

	struct evidence *ev;
	size_t n;
	if (evidence_list(req->db, code, &ev, &n, e))
		return -1;
	buf_puts(b, "<h2>");
	html_escape(b, web_t(L, "recv.evidence"));
	buf_puts(b, "</h2>\n<table id=\"evidence\"><thead><tr><th>");
	html_escape(b, web_t(L, "recv.file"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(L, "recv.size"));
	buf_puts(b, "</th><th>SHA-256</th><th>");
	html_escape(b, web_t(L, "recv.uploaded"));
	buf_puts(b, "</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "<tr><td><a href=\"/evidence/%lld\">", (long long)ev[i].id);
		html_escape(b, ev[i].name);
		buf_printf(b, "</a></td><td>%lld</td><td><code>", (long long)ev[i].size);
		html_escape(b, ev[i].sha256);
		buf_puts(b, "</code></td><td>");
		html_escape(b, ev[i].uploaded_by);
		buf_puts(b, " · ");
		html_escape(b, ev[i].uploaded_at);
		buf_puts(b, "</td></tr>\n");
		evidence_free(&ev[i]);
	}
	free(ev);
	buf_puts(b, "</tbody></table>\n");
	int w = v ? 0 : record_allowed(req->db, req->actor, kind_find("funds"), code, PERM_WRITE, e);
	if (w < 0)
		return -1;
	if (w) {
		form_open(b, req, "funds", code, "evidence", "evidence-form", true);
		buf_puts(b, "<label>");
		html_escape(b, web_t(L, "recv.upload"));
		buf_puts(b,
		         " <input type=\"file\" name=\"file\" accept=\"application/pdf,image/png,image/jpeg\""
		         " required></label> <button type=\"submit\">");
		html_escape(b, web_t(L, "recv.upload_button"));
		buf_puts(b, "</button><small> ");
		html_escape(b, web_t(L, "recv.upload_hint"));
		buf_puts(b, "</small></form>\n");
	}
	return 0;
}

int transfer_extras(struct web_req *req, buf *b, const char *code, err *e)
{
	enum lang L = req->lang;
	char *receipt;
	int done = transfer_receipt(req->db, code, &receipt, e);
	if (done < 0)
		return -1;
	buf_puts(b, "<h2>");
	html_escape(b, web_t(L, "xfer.arrival"));
	buf_puts(b, "</h2>\n<p id=\"arrival\">");
	if (done) {
		html_escape(b, web_t(L, "xfer.confirmed"));
		buf_puts(b, " <a href=\"/funds/");
		buf u = BUF_INIT;
		page_url_encode(&u, receipt);
		html_escape_attr(b, buf_str(&u));
		buf_free(&u);
		buf_puts(b, "\">");
		html_escape(b, receipt);
		buf_puts(b, "</a> · ");
		html_escape(b, web_t(L, "xfer.locked"));
	} else {
		html_escape(b, web_t(L, "xfer.unconfirmed"));
	}
	buf_puts(b, "</p>\n");
	free(receipt);
	if (done && perm_area(req->actor, PERM_CONFIRM)) {
		form_open(b, req, "transfers", code, "unconfirm", "unconfirm-form", false);
		buf_puts(b, "<label>");
		html_escape(b, web_t(L, "xfer.reason"));
		buf_puts(b, " <input name=\"reason\" required></label> <button type=\"submit\">");
		html_escape(b, web_t(L, "xfer.unconfirm"));
		buf_puts(b, "</button></form>\n");
	}
	if (!done && perm_area(req->actor, PERM_CONFIRM)) {
		form_open(b, req, "transfers", code, "confirm", "confirm-form", false);
		buf_puts(b, "<label>");
		html_escape(b, web_t(L, "xfer.receipt"));
		buf_puts(b, " <input name=\"receipt\"></label> <label>");
		html_escape(b, web_t(L, "xfer.date"));
		buf_puts(
		        b,
		        " <input name=\"date\" placeholder=\"YYYY-MM-DD\"></label> <button type=\"submit\">");
		html_escape(b, web_t(L, "xfer.confirm"));
		buf_puts(b, "</button></form>\n");
	}
	return 0;
}

/* The answer to a refused change: its status and message (id "problem"). */
static int refused(struct web_req *req, struct web_resp *resp, const struct record_result *r, err *e)
{
	const char *msg = r->nproblems ? r->problems[0].message : "";
	if (r->outcome == RECORD_ERROR)
		return err_add(e, EXIT_SYSTEM, "%s", msg);
	if (r->outcome == RECORD_FORBIDDEN)
		return records_forbidden(req, resp, msg, e);
	if (r->outcome == RECORD_MISSING)
		return records_not_found(req, resp, msg, e);
	struct page p = {"funds", web_t(req->lang, "recv.refused"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(req->lang, "recv.refused"));
	buf_puts(b, "</h1>\n<p id=\"problem\" class=\"error\">");
	html_escape(b, msg);
	buf_puts(b, "</p>\n");
	page_end(req, resp);
	resp->status = r->outcome == RECORD_CONFLICT ? 409 : 422;
	return 0;
}

static void back_to(struct web_resp *resp, const char *kind, const char *code)
{
	buf u = BUF_INIT;
	buf_printf(&u, "/%s/", kind);
	page_url_encode(&u, code);
	records_redirect(resp, buf_str(&u));
	buf_free(&u);
}

int receipt_post(struct web_req *req, struct web_resp *resp, const char *code, const char *action, err *e)
{
	struct actor tmp;
	const struct actor *who = web_actor_via(req, "form", &tmp);
	struct record_result r;
	record_result_init(&r);
	enum record_outcome o;
	if (strcmp(action, "verify") == 0) {
		o = receipt_verify(req->db, code, req->lang, who, &r);
	} else if (strcmp(action, "unlock") == 0) {
		o = receipt_unlock(req->db, code, web_form(req, "reason"), req->lang, who, &r);
	} else {
		const struct web_form_field *f = web_form_field(req, "file");
		o = receipt_add_evidence(req->db, code, f ? f->filename : NULL, f ? f->val.s : "",
		                         f ? f->val.len : 0, req->lang, who, &r);
	}
	int rc = 0;
	if (o == RECORD_OK)
		back_to(resp, "funds", code);
	else
		rc = refused(req, resp, &r, e);
	record_result_free(&r);
	return rc;
}

int transfer_confirm_post(struct web_req *req, struct web_resp *resp, const char *code, const char *action,
                          err *e)
{
	struct actor tmp;
	const struct actor *who = web_actor_via(req, "form", &tmp);
	struct record_result r;
	record_result_init(&r);
	int rc = 0;
	enum record_outcome o =
	        strcmp(action, "unconfirm") == 0
	                ? transfer_unconfirm(req->db, code, web_form(req, "reason"), req->lang, who, &r)
	                : transfer_confirm(req->db, code, web_form(req, "receipt"), web_form(req, "date"),
	                                   req->lang, who, &r);
	if (o == RECORD_OK)
		back_to(resp, "transfers", code);
	else
		rc = refused(req, resp, &r, e);
	record_result_free(&r);
	return rc;
}

/* The evidence document of the path's id after PREFIX: its bytes, to who
 * reads its receipt, with the type found at upload; refusals as a page, or
 * with API as the JSON API's errors. */
static int evidence_get(struct web_req *req, struct web_resp *resp, const char *prefix, bool api, err *e)
{
	const char *s = req->path + strlen(prefix);
	char *end;
	long long id = strtoll(s, &end, 10);
	struct evidence ev;
	int found = *s && !*end && id > 0 ? evidence_load(req->db, id, &ev, e) : 0;
	if (found < 0)
		return -1;
	if (!found) {
		if (!api)
			return records_not_found(req, resp, req->path, e);
		api_error(resp, 404, req->lang == LANG_EN ? "no such evidence document" : "没有这份凭证",
		          NULL);
		return 0;
	}
	/* readable by who reads the receipt */
	int ok = record_allowed(req->db, req->actor, kind_find("funds"), ev.fund_code, PERM_READ, e);
	int rc = 0;
	const char *type = evidence_sniff(ev.data, (size_t)ev.size);
	if (ok < 0) {
		rc = -1;
	} else if (!ok && !api) {
		rc = records_forbidden(req, resp, NULL, e);
	} else if (!ok) {
		api_error(resp, 403, req->lang == LANG_EN ? "not in your scope" : "不在您的权限范围内", NULL);
	} else if (!type) {
		rc = err_add(e, EXIT_SYSTEM, "evidence %lld: the stored document is not of an accepted type",
		             id);
	} else {
		buf_reset(&resp->body);
		buf_add(&resp->body, (const char *)ev.data, (size_t)ev.size);
		resp->content_type = type;
		/* the server adds X-Content-Type-Options: nosniff to every answer */
		web_resp_attachment(resp, ev.name, ev.name);
	}
	evidence_free(&ev);
	return rc;
}

int page_evidence_get(struct web_req *req, struct web_resp *resp, err *e)
{
	return evidence_get(req, resp, "/evidence/", false, e);
}

/* GET /api/v1/evidence/{id} */
int api_evidence_get(struct web_req *req, struct web_resp *resp, err *e)
{
	return evidence_get(req, resp, "/api/v1/evidence/", true, e);
}
