/* The API's writes (api-scheme): POST /api/v1/{kind}, PUT and DELETE
 * /api/v1/{kind}/{id}. A JSON object's values become the cell text that
 * model/record.c saves through the importer's checks; its outcome becomes
 * the status (201/200/204, 404, 409, 422) and {"error","field"}. */
#include "io/transfer.h"
#include "model/record.h"
#include "web/api.h"
#include "web/page.h"
#include "web/pages.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API_PREFIX "/api/v1/"

int api_send(struct web_resp *resp, int status, json_t *j, bool compact, err *e)
{
	char *s = j ? json_dumps(j, compact ? JSON_COMPACT | JSON_PRESERVE_ORDER
	                                    : JSON_INDENT(2) | JSON_PRESERVE_ORDER)
	            : NULL;
	json_decref(j);
	if (!s)
		return err_add(e, EXIT_SYSTEM, "out of memory writing JSON");
	buf_reset(&resp->body);
	buf_puts(&resp->body, s);
	buf_putc(&resp->body, '\n');
	free(s);
	resp->status = status;
	resp->content_type = "application/json";
	return 0;
}

void api_error(struct web_resp *resp, int status, const char *message, const char *field)
{
	json_t *j = json_object();
	char *s = NULL;
	if (j && !json_object_set_new(j, "error", json_string(message ? message : "")) &&
	    !json_object_set_new(j, "field", field ? json_string(field) : json_null()))
		s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	resp->status = status;
	resp->static_body = NULL;
	resp->content_type = "application/json";
	buf_reset(&resp->body);
	buf_puts(&resp->body, s ? s : "{\"error\":\"out of memory\",\"field\":null}");
	buf_putc(&resp->body, '\n');
	free(s);
}

int api_record_json(db *d, const struct kind *k, const char *id, json_t **out, err *e)
{
	char **vals = xcalloc(k->ncols, sizeof(char *));
	int found = record_load(d, k, id, vals, e);
	json_t *j = NULL;
	if (found == 1) {
		j = json_object();
		bool ok = j != NULL;
		for (size_t i = 0; ok && i < k->ncols; i++) {
			const struct column *c = &k->cols[i];
			json_t *v = !vals[i]               ? json_null()
			            : export_int_column(c) ? json_integer(strtoll(vals[i], NULL, 10))
			                                   : json_string(vals[i]);
			ok = v && json_object_set_new(j, c->name, v) == 0;
		}
		if (!ok || json_object_set_new(j, "id", json_string(id))) {
			json_decref(j);
			j = NULL;
			found = err_add(e, EXIT_SYSTEM, "%s %s: cannot build its JSON", k->name, id);
		}
	}
	record_values_free(k, vals);
	free(vals);
	*out = j;
	return found;
}

/* Splits PATH (/api/v1/KIND[/ID]) into its kind and id (NULL when none).
 * Answers an unknown kind itself (400) and returns NULL. */
static const struct kind *path_kind(struct web_req *req, struct web_resp *resp, const char **id)
{
	const char *rest = req->path + strlen(API_PREFIX);
	const char *slash = strchr(rest, '/');
	size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
	char name[64];
	*id = slash && slash[1] ? slash + 1 : NULL;
	const struct kind *k = NULL;
	if (n < sizeof name) {
		memcpy(name, rest, n);
		name[n] = '\0';
		k = kind_find(name);
	}
	if (!k || strcmp(k->name, name) != 0) {
		/* a path of another page (/api/v1/reports/annual) is not a kind */
		for (const struct web_route *rt = web_routes(); rt->path; rt++)
			if (!rt->prefix && strcmp(rt->path, req->path) == 0) {
				api_error(resp, 405, "method not allowed here", NULL);
				web_resp_header(resp, "Allow", "GET, HEAD");
				return NULL;
			}
		buf m = BUF_INIT;
		buf_printf(&m, "unknown kind (kinds: %s)", kind_names());
		api_error(resp, 400, buf_str(&m), NULL);
		buf_free(&m);
		return NULL;
	}
	return k;
}

static void not_allowed(struct web_resp *resp, const char *allow)
{
	api_error(resp, 405, "method not allowed here", NULL);
	web_resp_header(resp, "Allow", allow);
}

/* The fields of the JSON object in the body, as cell text in TEXT (kept
 * for their lifetime). Answers bad JSON, an unknown field or a wrong type
 * itself (400) and returns -1. */
static int body_fields(struct web_req *req, struct web_resp *resp, const struct kind *k, json_t **root,
                       struct record_field **out, size_t *n)
{
	json_error_t je;
	*root = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!*root || !json_is_object(*root)) {
		buf m = BUF_INIT;
		if (*root)
			buf_puts(&m, "the body must be a JSON object of columns");
		else
			buf_printf(&m, "bad JSON at line %d column %d: %s", je.line, je.column, je.text);
		api_error(resp, 400, buf_str(&m), NULL);
		buf_free(&m);
		return -1;
	}
	size_t cap = json_object_size(*root);
	*out = xcalloc(cap ? cap : 1, sizeof **out);
	*n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(*root, key, v)
	{
		/* a record read from the API carries its id; it names, not sets */
		if (strcmp(key, "id") == 0)
			continue;
		const struct column *c = kind_column(k, key);
		if (!c) {
			buf m = BUF_INIT;
			buf_printf(&m, "unknown field for %s", k->name);
			api_error(resp, 400, buf_str(&m), key);
			buf_free(&m);
			return -1;
		}
		char num[64];
		const char *text;
		if (json_is_string(v)) {
			text = json_string_value(v);
			if (strlen(text) != json_string_length(v)) {
				api_error(resp, 400, "the value holds a NUL character", key);
				return -1;
			}
		} else if (json_is_integer(v)) {
			snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
			text = NULL;
		} else if (json_is_real(v)) {
			snprintf(num, sizeof num, "%.17g", json_real_value(v));
			text = NULL;
		} else if (json_is_boolean(v)) {
			text = json_is_true(v) ? "1" : "0";
		} else if (json_is_null(v)) {
			text = "";
		} else {
			api_error(resp, 400, "wrong type: a string, number, boolean or null belongs here",
			          key);
			return -1;
		}
		if (!text) {
			/* kept alive by the JSON tree: a string value replacing the number */
			json_t *s = json_string(num);
			if (!s || json_object_set_new(*root, key, s)) {
				api_error(resp, 500, "out of memory", key);
				return -1;
			}
			text = json_string_value(json_object_get(*root, key));
		}
		(*out)[(*n)++] = (struct record_field){c->name, text};
	}
	return 0;
}

/* Answers a failed outcome of R: 403, 404, 409, 422 (the first problem
 * with its field) or 500. */
static int answer_problem(struct web_resp *resp, const struct record_result *r, err *e)
{
	const char *msg = r->nproblems ? r->problems[0].message : "the record cannot be saved";
	const char *field = r->nproblems ? r->problems[0].field : NULL;
	switch (r->outcome) {
	case RECORD_MISSING:
		api_error(resp, 404, msg, NULL);
		return 0;
	case RECORD_FORBIDDEN:
		api_error(resp, 403, msg, NULL);
		return 0;
	case RECORD_CONFLICT:
		api_error(resp, 409, msg, field);
		return 0;
	case RECORD_INVALID:
		api_error(resp, 422, msg, field);
		return 0;
	default:
		return err_add(e, EXIT_SYSTEM, "%s", msg);
	}
}

static int answer_record(struct web_req *req, struct web_resp *resp, const struct kind *k, const char *id,
                         int status, err *e)
{
	json_t *j;
	int found = api_record_json(req->db, k, id, &j, e);
	if (found < 0)
		return -1;
	if (!found)
		return err_add(e, EXIT_SYSTEM, "%s %s: saved but cannot be read back", k->name, id);
	if (api_send(resp, status, j, false, e))
		return -1;
	if (status == 201) {
		buf loc = BUF_INIT;
		buf_printf(&loc, API_PREFIX "%s/", k->name);
		page_url_encode(&loc, id);
		web_resp_header(resp, "Location", buf_str(&loc));
		buf_free(&loc);
	}
	return 0;
}

/* POST /api/v1/{kind} (ID NULL) and PUT /api/v1/{kind}/{id}: the body's
 * fields saved as a new record or into the record ID. */
static int save(struct web_req *req, struct web_resp *resp, const struct kind *k, const char *id, err *e)
{
	json_t *root = NULL;
	struct record_field *f = NULL;
	size_t n = 0;
	int rc = 0;
	if (body_fields(req, resp, k, &root, &f, &n) == 0) {
		struct record_result r;
		struct actor who;
		const struct actor *a = web_actor_via(req, "api", &who);
		record_result_init(&r);
		enum record_outcome o = id ? record_update(req->db, k, id, f, n, req->lang, a, &r)
		                           : record_create(req->db, k, f, n, req->lang, a, &r);
		if (o == RECORD_OK)
			rc = answer_record(req, resp, k, r.id, id ? 200 : 201, e);
		else
			rc = answer_problem(resp, &r, e);
		record_result_free(&r);
	}
	free(f);
	json_decref(root);
	return rc;
}

int api_create(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *id;
	const struct kind *k = path_kind(req, resp, &id);
	if (!k)
		return 0;
	if (id) {
		not_allowed(resp, "GET, HEAD, PUT, DELETE");
		return 0;
	}
	return save(req, resp, k, NULL, e);
}

int api_update(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *id;
	const struct kind *k = path_kind(req, resp, &id);
	if (!k)
		return 0;
	if (!id) {
		not_allowed(resp, "GET, HEAD, POST");
		return 0;
	}
	return save(req, resp, k, id, e);
}

int api_delete(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *id;
	const struct kind *k = path_kind(req, resp, &id);
	if (!k)
		return 0;
	if (!id) {
		not_allowed(resp, "GET, HEAD, POST");
		return 0;
	}
	struct record_result r;
	struct actor who;
	record_result_init(&r);
	int rc = 0;
	if (record_delete(req->db, k, id, req->lang, web_actor_via(req, "api", &who), &r) == RECORD_OK) {
		resp->status = 204;
		resp->content_type = "application/json";
	} else {
		rc = answer_problem(resp, &r, e);
	}
	record_result_free(&r);
	return rc;
}
