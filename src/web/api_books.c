/* Both sides' books in the JSON API (issue 10): a receipt's verification
 * (POST /api/v1/funds/{code}/verify, /unlock), its evidence documents
 * (GET|POST /api/v1/funds/{code}/evidence, GET /api/v1/evidence/{id}) and
 * a transfer's confirmation (POST /api/v1/transfers/{code}/confirm,
 * /unconfirm). Every change goes through model/receipts.c; any other path
 * under /api/v1/funds/ or /api/v1/transfers/ is the record API's. */
#include "model/messages.h"
#include "model/receipts.h"
#include "web/api.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PATH after PREFIX as CODE/ACTION with ACTION one of WORDS (NULL-ended):
 * *CODE (to be freed) and the action's index, else -1. */
static int split_action(const char *path, const char *prefix, const char *const *words, char **code)
{
	const char *rest = path + strlen(prefix);
	const char *slash = strrchr(rest, '/');
	*code = NULL;
	if (!slash || slash == rest)
		return -1;
	for (int i = 0; words[i]; i++)
		if (strcmp(slash + 1, words[i]) == 0) {
			*code = xmalloc((size_t)(slash - rest) + 1);
			memcpy(*code, rest, (size_t)(slash - rest));
			(*code)[slash - rest] = '\0';
			return i;
		}
	return -1;
}

int api_body_strings(struct web_req *req, struct web_resp *resp, const char *const *names, const char **vals,
                     json_t **root)
{
	*root = NULL;
	for (size_t i = 0; names[i]; i++)
		vals[i] = NULL;
	if (req->body_len == 0)
		return 0;
	json_error_t je;
	*root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!*root || !json_is_object(*root)) {
		buf m = BUF_INIT;
		if (*root)
			buf_puts(&m, "the body must be a JSON object");
		else
			buf_printf(&m, "bad JSON at line %d column %d: %s", je.line, je.column, je.text);
		api_error(resp, 400, buf_str(&m), NULL);
		buf_free(&m);
		return -1;
	}
	const char *key;
	json_t *v;
	json_object_foreach(*root, key, v)
	{
		size_t i = 0;
		while (names[i] && strcmp(names[i], key) != 0)
			i++;
		if (!names[i]) {
			api_error(resp, 400, "unknown field", key);
			return -1;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			api_error(resp, 400, "wrong type: a string or null belongs here", key);
			return -1;
		}
		if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v)) {
			api_error(resp, 400, "the value holds a NUL character", key);
			return -1;
		}
		vals[i] = json_is_string(v) ? json_string_value(v) : NULL;
	}
	return 0;
}

/* A refused change: 400 (a missing reason or file), 403, 404, 409, 422,
 * or -1 (E) for a database error. */
static int refused(struct web_resp *resp, const struct record_result *r, err *e)
{
	const char *msg = r->nproblems ? r->problems[0].message : "refused";
	const char *field = r->nproblems ? r->problems[0].field : NULL;
	int status;
	switch (r->outcome) {
	case RECORD_MISSING:
		status = 404;
		break;
	case RECORD_FORBIDDEN:
		status = 403;
		break;
	case RECORD_CONFLICT:
		status = 409;
		break;
	case RECORD_INVALID:
		/* a required value not given is a bad request; a receipt that
		 * does not fit the transfer is not processable */
		status = field && strcmp(field, "reason") == 0 ? 400 : 422;
		break;
	default:
		return err_add(e, EXIT_SYSTEM, "%s", msg);
	}
	api_error(resp, status, msg, field);
	return 0;
}

/* {"receipt", "verified", "verified_by", "verified_at"} of receipt CODE. */
static int send_verification(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	char *by, *at;
	int v = receipt_verified(req->db, code, &by, &at, e);
	if (v < 0)
		return -1;
	json_t *j = json_pack("{s:s, s:b, s:o, s:o}", "receipt", code, "verified", v, "verified_by",
	                      by ? json_string(by) : json_null(), "verified_at",
	                      at ? json_string(at) : json_null());
	free(by);
	free(at);
	return api_send(resp, 200, j, false, e);
}

static json_t *evidence_json(const struct evidence *ev)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)ev->id, "receipt",
	                 ev->fund_code, "name", ev->name, "content_type", ev->content_type, "size",
	                 (json_int_t)ev->size, "sha256", ev->sha256, "uploaded_by", ev->uploaded_by,
	                 "uploaded_at", ev->uploaded_at);
}

/* 404 unless receipt CODE exists and the user reads it (403). 1 when it
 * may be read, 0 answered, -1 (E). */
static int receipt_readable(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	const struct kind *k = kind_find("funds");
	json_t *j = NULL;
	int found = api_record_json(req->db, k, code, &j, e);
	json_decref(j);
	if (found < 0)
		return -1;
	if (!found) {
		buf m = BUF_INIT;
		msg_format(&m, req->lang, MSG_NO_RECORD, req->lang == LANG_EN ? k->name : k->zh, code);
		api_error(resp, 404, buf_str(&m), NULL);
		buf_free(&m);
		return 0;
	}
	int ok = record_allowed(req->db, req->actor, k, code, PERM_READ, e);
	if (ok < 0)
		return -1;
	if (!ok)
		api_error(resp, 403, req->lang == LANG_EN ? "not in your scope" : "不在您的权限范围内", NULL);
	return ok;
}

static int evidence_get_list(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	int ok = receipt_readable(req, resp, code, e);
	if (ok <= 0)
		return ok;
	struct evidence *ev;
	size_t n;
	if (evidence_list(req->db, code, &ev, &n, e))
		return -1;
	json_t *items = json_array();
	bool oom = !items;
	for (size_t i = 0; i < n; i++) {
		if (!oom) {
			json_t *o = evidence_json(&ev[i]);
			oom = !o || json_array_append_new(items, o);
		}
		evidence_free(&ev[i]);
	}
	free(ev);
	json_t *j = oom ? NULL : json_object();
	if (j &&
	    (json_object_set_new(j, "receipt", json_string(code)) || json_object_set(j, "items", items))) {
		json_decref(j);
		j = NULL;
	}
	json_decref(items);
	return api_send(resp, 200, j, false, e);
}

/* POST /api/v1/funds/{code}/evidence?name=N: the document's bytes are the
 * body; its type is found from them (never from the Content-Type). */
static int evidence_post(struct web_req *req, struct web_resp *resp, const char *code, err *e)
{
	const char *name = web_param(req, "name"); /* receipt_add_evidence keeps its last part */
	const unsigned char *data = (const unsigned char *)req->body;
	size_t len = req->body_len;
	struct record_result r;
	record_result_init(&r);
	struct actor tmp;
	const struct actor *who = web_actor_via(req, "api", &tmp);
	int rc = 0;
	if (receipt_add_evidence(req->db, code, name, data, len, req->lang, who, &r) == RECORD_OK) {
		struct evidence ev;
		int found = evidence_load(req->db, strtoll(r.id, NULL, 10), &ev, e);
		if (found == 1) {
			rc = api_send(resp, 201, evidence_json(&ev), false, e);
			buf loc = BUF_INIT;
			buf_printf(&loc, "/api/v1/evidence/%lld", (long long)ev.id);
			web_resp_header(resp, "Location", buf_str(&loc));
			buf_free(&loc);
			evidence_free(&ev);
		} else {
			rc = found < 0 ? -1
			               : err_add(e, EXIT_SYSTEM, "evidence %s: stored but not found", r.id);
		}
	} else if (r.outcome == RECORD_INVALID && r.nproblems && r.problems[0].field &&
	           strcmp(r.problems[0].field, "file") == 0) {
		/* the document itself: too large, not of an accepted type, none */
		int status = len > EVIDENCE_MAX_BYTES ? 413 : len && !evidence_sniff(data, len) ? 415 : 400;
		api_error(resp, status, r.problems[0].message, "file");
	} else {
		rc = refused(resp, &r, e);
	}
	record_result_free(&r);
	return rc;
}

int api_funds_post(struct web_req *req, struct web_resp *resp, err *e)
{
	static const char *const actions[] = {"verify", "unlock", "evidence", NULL};
	char *code;
	int a = split_action(req->path, "/api/v1/funds/", actions, &code);
	if (a < 0)
		return api_create(req, resp, e);
	int rc = 0;
	if (a == 2) {
		rc = evidence_post(req, resp, code, e);
	} else {
		static const char *const names[] = {"reason", NULL};
		const char *vals[1];
		json_t *root;
		if (api_body_strings(req, resp, names, vals, &root) == 0) {
			struct record_result r;
			record_result_init(&r);
			struct actor tmp;
			const struct actor *who = web_actor_via(req, "api", &tmp);
			enum record_outcome o =
			        a == 0 ? receipt_verify(req->db, code, req->lang, who, &r)
			               : receipt_unlock(req->db, code, vals[0], req->lang, who, &r);
			rc = o == RECORD_OK ? send_verification(req, resp, code, e) : refused(resp, &r, e);
			record_result_free(&r);
		}
		json_decref(root);
	}
	free(code);
	return rc;
}

int api_funds_get(struct web_req *req, struct web_resp *resp, err *e)
{
	static const char *const actions[] = {"evidence", NULL};
	char *code;
	if (split_action(req->path, "/api/v1/funds/", actions, &code) < 0)
		return api_read(req, resp, e);
	int rc = evidence_get_list(req, resp, code, e);
	free(code);
	return rc;
}

int api_transfers_post(struct web_req *req, struct web_resp *resp, err *e)
{
	static const char *const actions[] = {"confirm", "unconfirm", NULL};
	char *code;
	int a = split_action(req->path, "/api/v1/transfers/", actions, &code);
	if (a < 0)
		return api_create(req, resp, e);
	static const char *const confirm_names[] = {"receipt", "date", NULL};
	static const char *const unconfirm_names[] = {"reason", NULL};
	const char *vals[2];
	json_t *root;
	int rc = 0;
	if (api_body_strings(req, resp, a == 0 ? confirm_names : unconfirm_names, vals, &root) == 0) {
		struct record_result r;
		record_result_init(&r);
		struct actor tmp;
		const struct actor *who = web_actor_via(req, "api", &tmp);
		enum record_outcome o =
		        a == 0 ? transfer_confirm(req->db, code, vals[0], vals[1], req->lang, who, &r)
		               : transfer_unconfirm(req->db, code, vals[0], req->lang, who, &r);
		if (o == RECORD_OK) {
			char *receipt;
			int done = transfer_receipt(req->db, code, &receipt, e);
			json_t *j =
			        done < 0 ? NULL
			                 : json_pack("{s:s, s:b, s:o}", "transfer", code, "confirmed", done,
			                             "receipt", receipt ? json_string(receipt) : json_null());
			free(receipt);
			rc = done < 0 ? -1 : api_send(resp, 200, j, false, e);
		} else {
			rc = refused(resp, &r, e);
		}
		record_result_free(&r);
	}
	json_decref(root);
	free(code);
	return rc;
}
