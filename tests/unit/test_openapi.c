/* The OpenAPI description against the router table: every /api/v1 route of
 * the table (its method on its path, a prefix route on some described path
 * under it) is described, and every described path is answered by a route
 * of the table. Read from the table itself, so that routes added later
 * are held to the same rule; and every described operation (method on
 * path) is answered by a route. */
#include "testdb.h"
#include "model/kinds.h"
#include "web/pages.h"
#include "web/router.h"
#include <ctype.h>
#include <jansson.h>

static json_t *openapi(void)
{
	struct web_req req = {0};
	struct web_resp resp;
	web_resp_init(&resp);
	err e;
	err_init(&e);
	assert_int_equal(api_openapi(&req, &resp, &e), 0);
	json_error_t je;
	json_t *doc = json_loads(buf_str(&resp.body), 0, &je);
	assert_non_null(doc);
	web_resp_free(&resp);
	err_free(&e);
	return doc;
}

/* PATH with each {param} replaced by a sample value, into OUT */
static void instantiate(const char *path, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = path; *p && o + 4 < n; p++) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			memcpy(out + o, "x1", 2);
			o += 2;
			p = end;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

static void upper(const char *s, char *out)
{
	size_t i = 0;
	for (; s[i]; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[i] = '\0';
}

static bool is_method(const char *k)
{
	static const char *const m[] = {"get", "put", "post", "delete", "patch", "head", "options"};
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (strcmp(k, m[i]) == 0)
			return true;
	return false;
}

static void every_described_path_is_routed(void **state)
{
	(void)state;
	json_t *doc = openapi();
	json_t *paths = json_object_get(doc, "paths");
	assert_true(json_object_size(paths) > 0);
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops)
	{
		char concrete[256];
		instantiate(path, concrete, sizeof concrete);
		bool any = false;
		for (const struct web_route *rt = web_routes(); rt->path; rt++) {
			if (web_route_find(rt->method, concrete) == rt)
				any = true;
		}
		if (!any)
			fail_msg("OpenAPI path %s has no route in the table", path);
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op)
		{
			assert_true(is_method(method));
			char m[16];
			upper(method, m);
			if (!web_route_find(m, concrete))
				fail_msg("OpenAPI describes %s %s, which no route answers", m, path);
		}
	}
	json_decref(doc);
}

static void every_api_route_is_described(void **state)
{
	(void)state;
	json_t *doc = openapi();
	json_t *paths = json_object_get(doc, "paths");
	int n = 0;
	for (const struct web_route *rt = web_routes(); rt->path; rt++) {
		if (strncmp(rt->path, "/api/v1/", 8) != 0)
			continue;
		n++;
		char lower[16];
		size_t i = 0;
		for (; rt->method[i]; i++)
			lower[i] = (char)tolower((unsigned char)rt->method[i]);
		lower[i] = '\0';
		bool described = false;
		const char *path;
		json_t *ops;
		json_object_foreach(paths, path, ops)
		{
			char concrete[256];
			instantiate(path, concrete, sizeof concrete);
			/* described with this method, and this route is the one that
			 * answers the described path */
			if (json_object_get(ops, lower) && web_route_find(rt->method, concrete) == rt)
				described = true;
		}
		if (!described)
			fail_msg("route %s %s%s is not in the OpenAPI description", rt->method, rt->path,
			         rt->prefix ? "…" : "");
	}
	assert_true(n >= 5); /* reports, openapi.json, POST, PUT, DELETE at least */
	json_decref(doc);
}

static void describes_the_scheme(void **state)
{
	(void)state;
	json_t *doc = openapi();
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	json_t *paths = json_object_get(doc, "paths");
	for (size_t i = 0; i < kinds_count; i++) {
		char p[128];
		snprintf(p, sizeof p, "/api/v1/%s", kinds[i].name);
		json_t *list = json_object_get(paths, p);
		assert_non_null(json_object_get(list, "get"));
		assert_non_null(json_object_get(list, "post"));
		snprintf(p, sizeof p, "/api/v1/%s/{id}", kinds[i].name);
		json_t *one = json_object_get(paths, p);
		assert_non_null(json_object_get(one, "get"));
		assert_non_null(json_object_get(one, "put"));
		assert_non_null(json_object_get(one, "delete"));
		/* every column is in the record's schema */
		json_t *props = json_object_get(
		        json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"),
		                        kinds[i].name),
		        "properties");
		for (size_t c = 0; c < kinds[i].ncols; c++)
			assert_non_null(json_object_get(props, kinds[i].cols[c].name));
	}
	assert_non_null(json_object_get(json_object_get(paths, "/api/v1/reports/annual"), "get"));
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(every_described_path_is_routed),
	        cmocka_unit_test(every_api_route_is_described),
	        cmocka_unit_test(describes_the_scheme),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
