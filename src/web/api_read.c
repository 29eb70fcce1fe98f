/* GET /api/v1/{kind} and GET /api/v1/{kind}/{id}: the records of any kind
 * as the export JSON objects (io/transfer.c builds them) plus their URL
 * id, filtered, sorted and paged as on the list pages. */
#include "io/transfer.h"
#include "model/record.h"
#include "web/api.h"
#include "web/list.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

#define PER_PAGE_DEFAULT 50
#define PER_PAGE_MAX     500

/* The record of the current row (K's columns, then the URL id). */
static json_t *record(const struct kind *k, db_stmt *st)
{
	json_t *o = export_record_json(k, st);
	if (o && json_object_set_new(o, "id", json_string(db_col_text(st, (int)k->ncols)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int list(struct web_req *req, struct web_resp *resp, const struct kind *k, err *e)
{
	static const char *const extra[] = {"per_page", NULL};
	struct list_query q;
	struct list_totals t;
	int64_t page, per_page;
	if (list_read(req, k, extra, &q, e) || web_param_int(req, "page", 1, INT32_MAX, 1, &page, e) ||
	    web_param_int(req, "per_page", 1, PER_PAGE_MAX, PER_PAGE_DEFAULT, &per_page, e) ||
	    list_count(req->db, &q, &t, e))
		return -1;
	buf cols = BUF_INIT;
	list_columns_sql(k, &cols);
	db_stmt *st;
	int rc = list_select(req->db, &q, buf_str(&cols), per_page, (page - 1) * per_page, &st, e);
	buf_free(&cols);
	if (rc)
		return -1;
	json_t *j = json_object(), *items = json_array(), *totals = json_object();
	bool oom = !j || !items || !totals;
	while (!oom && (rc = db_step(st, e)) == DB_ROW) {
		json_t *o = record(k, st);
		oom = !o || json_array_append_new(items, o);
	}
	db_finalize(st);
	for (size_t i = 0; !oom && i < k->ncols; i++)
		if (list_summed(&k->cols[i]))
			oom = json_object_set_new(totals, k->cols[i].name, json_integer(t.sum[i])) != 0;
	if (oom || rc == DB_ERROR) {
		json_decref(j);
		json_decref(items);
		json_decref(totals);
		return rc == DB_ERROR ? -1 : err_add(e, EXIT_SYSTEM, "out of memory building JSON");
	}
	json_object_set_new(j, "items", items);
	json_object_set_new(j, "total", json_integer(t.count));
	json_object_set_new(j, "page", json_integer(page));
	json_object_set_new(j, "per_page", json_integer(per_page));
	json_object_set_new(j, "totals", totals);
	return api_send(resp, resp->status, j, true, e);
}

static int not_found(struct web_resp *resp, const char *what, err *e)
{
	json_t *j = json_object();
	if (j) {
		json_object_set_new(j, "error", json_string(what));
		json_object_set_new(j, "field", json_null());
	}
	resp->status = 404;
	return api_send(resp, resp->status, j, true, e);
}

static int one(struct web_req *req, struct web_resp *resp, const struct kind *k, const char *id, err *e)
{
	buf cols = BUF_INIT, msg = BUF_INIT;
	list_columns_sql(k, &cols);
	db_stmt *st = NULL;
	bool found;
	int rc = list_select_id(req->db, k, id, buf_str(&cols), &found, &st, e);
	buf_free(&cols);
	if (rc)
		return -1;
	json_t *o = NULL;
	if (found) {
		rc = db_step(st, e);
		if (rc == DB_ROW && !(o = record(k, st)))
			rc = err_add(e, EXIT_SYSTEM, "out of memory building JSON");
		db_finalize(st);
		if (rc < 0)
			return -1;
	}
	if (!o) {
		buf_printf(&msg, "%s: no record '%s'", k->name, id);
		rc = not_found(resp, buf_str(&msg), e);
		buf_free(&msg);
		return rc;
	}
	/* a record outside the reader's scope is refused, not hidden */
	int ok = record_allowed(req->db, req->actor, k, id, PERM_READ, e);
	if (ok <= 0) {
		json_decref(o);
		if (ok < 0)
			return -1;
		buf_printf(&msg, "%s %s: outside your scope", k->name, id);
		api_error(resp, 403, buf_str(&msg), NULL);
		buf_free(&msg);
		return 0;
	}
	return api_send(resp, resp->status, o, true, e);
}

int api_read(struct web_req *req, struct web_resp *resp, err *e)
{
	const char *rest = req->path + strlen("/api/v1/");
	size_t n = strcspn(rest, "/");
	char *name = xstrdup(rest);
	name[n] = '\0';
	const struct kind *k = kind_find(name);
	int rc;
	if ((!k || strcmp(k->name, name) != 0) && (!name[0] || rest[n]))
		rc = not_found(resp, "no such route under /api/v1/", e); /* e.g. /api/v1/reports/x */
	else if (!k || strcmp(k->name, name) != 0)
		rc = err_add(e, EXIT_INVALID, "kind: '%s' is not a kind (%s)", name, kind_names());
	else if (!rest[n])
		rc = list(req, resp, k, e);
	else if (!rest[n + 1])
		rc = not_found(resp, "no record id after the kind", e);
	else
		rc = one(req, resp, k, rest + n + 1, e);
	free(name);
	return rc;
}
