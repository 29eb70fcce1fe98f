/* GET /api/v1/openapi.json: the OpenAPI 3.0 description of every /api/v1
 * route, built from the kinds table (each kind's columns become its
 * record schema and its list filters) so that it cannot drift from what
 * the API accepts. */
#include "model/codes.h"
#include "model/kinds.h"
#include "web/api.h"
#include "web/list.h"
#include "web/pages.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The column types a list can be filtered by (api-scheme). */
static bool filterable(const struct column *c)
{
	return c->type == CT_DIVISION || c->type == CT_CODE || c->type == CT_PROGRAM ||
	       c->type == CT_CONFERENCE || c->type == CT_PROJECT;
}

static json_t *column_schema(const struct column *c)
{
	json_t *s;
	switch (c->type) {
	case CT_INT:
	case CT_AMOUNT:
		s = json_pack("{s:s, s:i}", "type", "integer", "minimum", 0);
		break;
	case CT_YEAR:
		s = json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1949, "maximum", 2100);
		break;
	case CT_BOOL:
		s = json_pack("{s:s, s:[i,i]}", "type", "integer", "enum", 0, 1);
		break;
	case CT_DATE:
		s = json_pack("{s:s, s:s}", "type", "string", "format", "date");
		break;
	case CT_CODE: {
		s = json_pack("{s:s}", "type", "string");
		const struct code_list *l = codes_list(c->list);
		json_t *en = json_array();
		for (size_t i = 0; l && en && i < l->n; i++)
			json_array_append_new(en, json_string(l->items[i].code));
		json_object_set_new(s, "enum", en);
		break;
	}
	default:
		s = json_pack("{s:s}", "type", "string");
	}
	if (s && c->zh)
		json_object_set_new(s, "description", json_string(c->zh));
	/* an optional column may be null (OpenAPI 3.0 has no null type) */
	if (s && !c->required)
		json_object_set_new(s, "nullable", json_true());
	return s;
}

static json_t *kind_schema(const struct kind *k, bool with_id)
{
	json_t *props = json_object();
	json_t *req = json_array();
	for (size_t i = 0; i < k->ncols; i++) {
		json_object_set_new(props, k->cols[i].name, column_schema(&k->cols[i]));
		if (k->cols[i].required)
			json_array_append_new(req, json_string(k->cols[i].name));
	}
	if (with_id)
		json_object_set_new(props, "id",
		                    json_pack("{s:s, s:s}", "type", "string", "description",
		                              "the URL id: code, a visit's id, or key values joined by |"));
	json_t *s = json_pack("{s:s, s:o, s:b}", "type", "object", "properties", props,
	                      "additionalProperties", 0);
	if (with_id)
		json_object_set_new(s, "required", req);
	else
		json_decref(req);
	return s;
}

static json_t *ref(const char *name)
{
	char p[128];
	snprintf(p, sizeof p, "#/components/schemas/%s", name);
	return json_pack("{s:s}", "$ref", p);
}

static json_t *json_body(json_t *schema, const char *description)
{
	return json_pack("{s:s, s:{s:{s:o}}}", "description", description, "content", "application/json",
	                 "schema", schema);
}

static json_t *error_resp(const char *why)
{
	return json_body(ref("Error"), why);
}

static json_t *param(const char *name, const char *in, json_t *schema, bool required, const char *desc)
{
	return json_pack("{s:s, s:s, s:b, s:o, s:s}", "name", name, "in", in, "required", required, "schema",
	                 schema, "description", desc);
}

static json_t *id_param(void)
{
	return param("id", "path", json_pack("{s:s}", "type", "string"), true,
	             "code; a visit's integer id; pairings program|supporter_code|recipient_code; status "
	             "project_code|date (percent-encoded)");
}

static void add_kind_paths(json_t *paths, json_t *schemas, const struct kind *k)
{
	char name[64], input[64], path[128];
	snprintf(name, sizeof name, "%s", k->name);
	snprintf(input, sizeof input, "%s_input", k->name);
	json_object_set_new(schemas, name, kind_schema(k, true));
	json_object_set_new(schemas, input, kind_schema(k, false));

	json_t *params = json_array();
	json_array_append_new(params,
	                      param("page", "query", json_pack("{s:s, s:i}", "type", "integer", "minimum", 1),
	                            false, "page number, from 1"));
	json_array_append_new(params, param("per_page", "query",
	                                    json_pack("{s:s, s:i, s:i, s:i}", "type", "integer", "minimum", 1,
	                                              "maximum", 500, "default", 50),
	                                    false, "records per page"));
	json_array_append_new(params, param("year", "query", json_pack("{s:s}", "type", "integer"), false,
	                                    "records of this year (the kind's main date)"));
	for (size_t i = 0; i < k->ncols; i++)
		if (filterable(&k->cols[i]))
			json_array_append_new(params, param(k->cols[i].name, "query",
			                                    json_pack("{s:s}", "type", "string"), false,
			                                    "exact value"));
	/* the filters through the record's project or county (issue 10) */
	if (list_has_project(k)) {
		json_array_append_new(params,
		                      param("supporter", "query", json_pack("{s:s}", "type", "string"), false,
		                            "the project's supporter"));
		json_array_append_new(params, param("program", "query", json_pack("{s:s}", "type", "string"),
		                                    false, "the project's program"));
		json_array_append_new(params,
		                      param("signed_year", "query", json_pack("{s:s}", "type", "integer"),
		                            false, "the project's signing year"));
	}
	if (strcmp(k->name, "funds") == 0)
		json_array_append_new(params,
		                      param("verified", "query", json_pack("{s:s}", "type", "integer"), false,
		                            "1: only the receipts verified as arrived (到位核实); 0: all"));
	if (strcmp(k->name, "plans") == 0)
		json_array_append_new(
		        params, param("paired_with", "query", json_pack("{s:s}", "type", "string"), false,
		                      "plans of the counties paired with this supporter (in force in year)"));
	json_t *items = json_pack("{s:s, s:o}", "type", "array", "items", ref(name));
	json_t *page_schema = json_pack(
	        "{s:s, s:{s:o, s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s, s:{s:s}}}, s:[s,s,s,s,s]}", "type",
	        "object", "properties", "items", items, "total", "type", "integer", "page", "type", "integer",
	        "per_page", "type", "integer", "totals", "type", "object", "additionalProperties", "type",
	        "integer", "required", "items", "total", "page", "per_page", "totals");

	snprintf(path, sizeof path, "/api/v1/%s", k->name);
	json_t *get = json_pack("{s:s, s:[s], s:o, s:{s:o, s:o}}", "summary", k->zh, "tags", k->name,
	                        "parameters", params, "responses", "200",
	                        json_body(page_schema, "one page of records, with totals of all filtered"),
	                        "400", error_resp("unknown filter or bad parameter"));
	json_t *post = json_pack("{s:s, s:[s], s:{s:b, s:{s:{s:o}}}, s:{s:o, s:o, s:o, s:o}}", "summary",
	                         "create a record", "tags", k->name, "requestBody", "required", 1, "content",
	                         "application/json", "schema", ref(input), "responses", "201",
	                         json_body(ref(name), "the created record (Location: its URL)"), "400",
	                         error_resp("bad JSON, unknown field or wrong type"), "409",
	                         error_resp("a record with this key exists"), "422",
	                         error_resp("a cell check or a validation rule failed"));
	json_object_set_new(paths, path, json_pack("{s:o, s:o}", "get", get, "post", post));

	snprintf(path, sizeof path, "/api/v1/%s/{id}", k->name);
	json_t *one = json_pack("{s:s, s:[s], s:[o], s:{s:o, s:o}}", "summary", "one record", "tags", k->name,
	                        "parameters", id_param(), "responses", "200",
	                        json_body(ref(name), "the record"), "404", error_resp("no such record"));
	json_t *put = json_pack(
	        "{s:s, s:[s], s:[o], s:{s:b, s:{s:{s:o}}}, s:{s:o, s:o, s:o, s:o, s:o}}", "summary",
	        "change the given columns (not the key; a visit's key columns may change)", "tags", k->name,
	        "parameters", id_param(), "requestBody", "required", 1, "content", "application/json",
	        "schema", ref(input), "responses", "200", json_body(ref(name), "the changed record"), "400",
	        error_resp("bad JSON, unknown field or wrong type"), "404", error_resp("no such record"),
	        "409", error_resp("a visit moved onto another visit's key"), "422",
	        error_resp("a cell check or a validation rule failed"));
	json_t *del = json_pack("{s:s, s:[s], s:[o], s:{s:{s:s}, s:o, s:o}}", "summary",
	                        "delete the record (a project's status history and fund receipts with it)",
	                        "tags", k->name, "parameters", id_param(), "responses", "204", "description",
	                        "deleted", "404", error_resp("no such record"), "409",
	                        error_resp("other records still refer to it"));
	json_object_set_new(paths, path, json_pack("{s:o, s:o, s:o}", "get", one, "put", put, "delete", del));
}

/* Both sides' books (issue 10, api_books.c): one operation with the path
 * parameter NAME, a JSON body of the string fields FIELDS (NULL-ended; none:
 * no body) and its responses, each a status and its meaning (NULL-ended). */
static json_t *books_op(const char *tag, const char *summary, const char *name, const char *name_desc,
                        const char *const *fields, const char *ok, const char *const *errors)
{
	json_t *op = json_pack("{s:s, s:[s], s:[o]}", "summary", summary, "tags", tag, "parameters",
	                       param(name, "path", json_pack("{s:s}", "type", "string"), true, name_desc));
	json_t *resp = json_pack("{s:o}", "200", json_body(json_pack("{s:s}", "type", "object"), ok));
	if (fields && fields[0]) {
		json_t *props = json_object();
		for (size_t i = 0; fields[i]; i++)
			json_object_set_new(props, fields[i], json_pack("{s:s}", "type", "string"));
		json_object_set_new(op, "requestBody",
		                    json_pack("{s:b, s:{s:{s:{s:s, s:o}}}}", "required", 0, "content",
		                              "application/json", "schema", "type", "object", "properties",
		                              props));
	}
	for (size_t i = 0; errors[i]; i += 2)
		json_object_set_new(resp, errors[i], error_resp(errors[i + 1]));
	json_object_set_new(op, "responses", resp);
	return op;
}

static void add_books_paths(json_t *paths)
{
	static const char *const reason[] = {"reason", NULL}, *const confirm[] = {"receipt", "date", NULL};
	static const char *const verify_err[] = {
	        "403", "not the municipal office, or a receipt outside the user's scope",
	        "404", "no such receipt",
	        "409", "already verified",
	        NULL};
	static const char *const unlock_err[] = {"400", "no reason, bad JSON or an unknown field",
	                                         "403", "not the municipal office",
	                                         "404", "no such receipt",
	                                         "409", "not verified",
	                                         NULL};
	static const char *const list_err[] = {"403", "a receipt the user does not read", "404",
	                                       "no such receipt", NULL};
	static const char *const add_err[] = {
	        "400", "an empty body",
	        "403", "a receipt the user may not change",
	        "404", "no such receipt",
	        "409", "the receipt is verified (locked)",
	        "413", "larger than 10 MiB",
	        "415", "not a PDF, PNG or JPEG by its first bytes (whatever its name or Content-Type)",
	        NULL};
	static const char *const get_err[] = {"403", "a receipt the user does not read", "404",
	                                      "no such document", NULL};
	static const char *const confirm_err[] = {
	        "400", "bad JSON or an unknown field",
	        "403", "not the project's county (or an office), or a receipt it may not change",
	        "404", "no such transfer",
	        "409", "already confirmed, or the receipt holds another transfer",
	        "422", "the receipt is not of the same project and amount from the supporter, or a bad date",
	        NULL};
	static const char *const unconfirm_err[] = {"400", "no reason, bad JSON or an unknown field",
	                                            "403", "not the project's county or an office",
	                                            "404", "no such transfer",
	                                            "409", "not confirmed",
	                                            NULL};
	const char *fund = "the receipt's code", *xfer = "the transfer's code";
	json_object_set_new(
	        paths, "/api/v1/funds/{code}/verify",
	        json_pack("{s:o}", "post",
	                  books_op("funds", "mark the receipt verified (到位核实); it is then locked", "code",
	                           fund, NULL, "{receipt, verified, verified_by, verified_at}", verify_err)));
	json_object_set_new(
	        paths, "/api/v1/funds/{code}/unlock",
	        json_pack("{s:o}", "post",
	                  books_op("funds", "unlock a verified receipt, with the reason (audited)", "code",
	                           fund, reason, "{receipt, verified: false, verified_by, verified_at}",
	                           unlock_err)));
	json_t *add =
	        books_op("funds",
	                 "add an evidence document: the body is the file's bytes (any Content-Type; the "
	                 "type is found from the bytes), ?name= its name",
	                 "code", fund, NULL, "", add_err);
	json_array_append_new(json_object_get(add, "parameters"),
	                      param("name", "query", json_pack("{s:s}", "type", "string"), false,
	                            "the document's name (default: evidence)"));
	json_object_set_new(add, "requestBody",
	                    json_pack("{s:b, s:{s:{s:{s:s, s:s}}}}", "required", 1, "content",
	                              "application/octet-stream", "schema", "type", "string", "format",
	                              "binary"));
	json_t *responses = json_object_get(add, "responses");
	json_object_del(responses, "200");
	json_object_set_new(responses, "201",
	                    json_body(json_pack("{s:s}", "type", "object"),
	                              "the document: {id, receipt, name, content_type, size, sha256, "
	                              "uploaded_by, uploaded_at}; Location: /api/v1/evidence/{id}"));
	json_object_set_new(
	        paths, "/api/v1/funds/{code}/evidence",
	        json_pack("{s:o, s:o}", "get",
	                  books_op("funds", "the receipt's evidence documents, oldest first", "code", fund,
	                           NULL,
	                           "{receipt, items: [{id, receipt, name, content_type, size, sha256, "
	                           "uploaded_by, uploaded_at}]}",
	                           list_err),
	                  "post", add));
	json_t *get = books_op("funds", "an evidence document's bytes, with the type found at upload", "id",
	                       "the document's id", NULL, "", get_err);
	json_object_set_new(json_object_get(get, "responses"), "200",
	                    json_pack("{s:s, s:{s:{s:{s:s, s:s}}, s:{s:{s:s, s:s}}, s:{s:{s:s, s:s}}}}",
	                              "description", "the document (Content-Disposition: attachment)",
	                              "content", "application/pdf", "schema", "type", "string", "format",
	                              "binary", "image/png", "schema", "type", "string", "format", "binary",
	                              "image/jpeg", "schema", "type", "string", "format", "binary"));
	json_object_set_new(paths, "/api/v1/evidence/{id}", json_pack("{s:o}", "get", get));
	json_object_set_new(
	        paths, "/api/v1/transfers/{code}/confirm",
	        json_pack("{s:o}", "post",
	                  books_op("transfers",
	                           "confirm the transfer's arrival: link the receipt given, or record one "
	                           "(dated date, else the transfer's); the transfer is then locked",
	                           "code", xfer, confirm, "{transfer, confirmed: true, receipt}",
	                           confirm_err)));
	json_object_set_new(
	        paths, "/api/v1/transfers/{code}/unconfirm",
	        json_pack("{s:o}", "post",
	                  books_op("transfers", "undo the confirmation, with the reason (the receipt stays)",
	                           "code", xfer, reason, "{transfer, confirmed: false, receipt: null}",
	                           unconfirm_err)));
}

int api_openapi(struct web_req *req, struct web_resp *resp, err *e)
{
	(void)req;
	json_t *paths = json_object();
	json_t *schemas = json_object();
	json_object_set_new(schemas, "Error",
	                    json_pack("{s:s, s:{s:{s:s}, s:{s:[s,s]}}, s:[s,s]}", "type", "object",
	                              "properties", "error", "type", "string", "field", "type", "string",
	                              "null", "required", "error", "field"));
	for (size_t i = 0; i < kinds_count; i++)
		add_kind_paths(paths, schemas, &kinds[i]);
	json_t *year =
	        param("year", "query",
	              json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", 1949, "maximum", 2100), true,
	              "the year of the summary");
	json_t *program =
	        param("program", "query", json_pack("{s:s, s:s}", "type", "string", "default", "sanxia"),
	              false, "the program");
	json_object_set_new(
	        paths, "/api/v1/reports/annual",
	        json_pack("{s:{s:s, s:[s], s:[o,o], s:{s:{s:s, s:{s:{s:{s:s}}}}, s:o}}}", "get", "summary",
	                  "the annual summary's figures (as `duikou report annual --format json`)", "tags",
	                  "reports", "parameters", year, program, "responses", "200", "description",
	                  "the figures", "content", "application/json", "schema", "type", "object", "400",
	                  error_resp("missing or bad year")));
	json_t *str = json_pack("{s:s}", "type", "string");
	json_t *day = json_pack("{s:s, s:s}", "type", "string", "format", "date");
	json_object_set_new(
	        paths, "/api/v1/audit",
	        json_pack("{s:{s:s, s:[s], s:[o,o,o,o,o,o,o], s:{s:{s:s, s:{s:{s:{s:s}}}}, s:o, s:o}}}",
	                  "get", "summary",
	                  "the audit trail, newest first: array of {id, at, user, via, kind, record, action, "
	                  "old, new} (admin and municipal only)",
	                  "tags", "audit", "parameters",
	                  param("user", "query", json_incref(str), false, "the user"),
	                  param("kind", "query", json_incref(str), false,
	                        "the kind: a record kind or users (English or Chinese)"),
	                  param("record", "query", str, false, "the record's id"),
	                  param("since", "query", json_incref(day), false,
	                        "entries on or after that day (UTC)"),
	                  param("until", "query", day, false, "entries on or before that day (UTC)"),
	                  param("page", "query", json_pack("{s:s, s:i}", "type", "integer", "minimum", 1),
	                        false, "the page, from 1"),
	                  param("per_page", "query",
	                        json_pack("{s:s, s:i, s:i, s:i}", "type", "integer", "minimum", 1, "maximum",
	                                  500, "default", 50),
	                        false, "entries a page"),
	                  "responses", "200", "description", "the entries", "content", "application/json",
	                  "schema", "type", "array", "400", error_resp("a bad date, kind or page"), "403",
	                  error_resp("the user's role may not read the trail")));
	json_t *step = param("step", "path",
	                     json_pack("{s:s, s:[s,s,s,s]}", "type", "string", "enum", "submit",
	                               "acknowledge", "approve", "return"),
	                     true, "the workflow step");
	json_object_set_new(paths, "/api/v1/plans/{code}/{step}",
	                    json_pack("{s:{s:s, s:[s], s:[o,o], s:{s:b, s:{s:{s:{s:s, s:{s:{s:s}}}}}},"
	                              " s:{s:o, s:o, s:o, s:o, s:o, s:o}}}",
	                              "post", "summary",
	                              "a plan workflow step: submit (the county), acknowledge (the paired "
	                              "supporter), approve "
	                              "(the municipal office), return (with a reason)",
	                              "tags", "plans", "parameters",
	                              param("code", "path", json_pack("{s:s}", "type", "string"), true,
	                                    "the plan's code"),
	                              step, "requestBody", "required", 0, "content", "application/json",
	                              "schema", "type", "object", "properties", "reason", "type", "string",
	                              "responses", "200",
	                              json_body(ref("plans"), "the plan with its new state"), "400",
	                              error_resp("bad JSON or an unknown field"), "403",
	                              error_resp("the user may not take this step"), "404",
	                              error_resp("no such plan or step"), "409",
	                              error_resp("the plan's state does not allow the step"), "422",
	                              error_resp("a return without a reason")));
	add_books_paths(paths);
	json_object_set_new(paths, "/api/v1/openapi.json",
	                    json_pack("{s:{s:s, s:[s], s:{s:{s:s, s:{s:{s:{s:s}}}}}}}", "get", "summary",
	                              "this description", "tags", "meta", "responses", "200", "description",
	                              "OpenAPI 3.0", "content", "application/json", "schema", "type",
	                              "object"));
	json_t *doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o}}", "openapi", "3.0.3",
	                        "info", "title", "duikou 对口支援管理系统 API", "version", "1", "description",
	                        "Records of counterpart support (对口支援), as in interchange.md", "servers",
	                        "url", "/", "paths", paths, "components", "schemas", schemas);
	return api_send(resp, 200, doc, false, e);
}
