/* Authorization of a request before its page runs: the kind and the
 * operation come from the path and the method (/funds, /funds.csv,
 * /funds/…, /api/v1/funds/…; GET reads, anything else writes), the answer
 * from model/perm.h's table. Which records a page then shows or changes is
 * the pages' part, through perm's scope SQL and record_allowed. */
#include "web/authz.h"
#include "model/perm.h"
#include <string.h>

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* PATH is P or under P/ */
static bool at(const char *path, const char *p)
{
	size_t n = strlen(p);
	return strncmp(path, p, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static bool reading(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

/* The kind named by the first N bytes of S, exactly (not by its Chinese
 * name), or NULL. */
static const struct kind *kind_named(const char *s, size_t n)
{
	for (size_t i = 0; i < kinds_count; i++)
		if (strlen(kinds[i].name) == n && strncmp(kinds[i].name, s, n) == 0)
			return &kinds[i];
	return NULL;
}

/* The plan workflow's steps, the last part of /plans/{code}/{step}. */
static bool plan_step(const struct kind *k, const char *rest)
{
	static const char *const steps[] = {"submit", "acknowledge", "approve", "return"};
	const char *slash = strrchr(rest, '/');
	if (strcmp(k->name, "plans") != 0 || !slash || slash == rest)
		return false;
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(slash + 1, steps[i]) == 0)
			return true;
	return false;
}

/* The last part of REST is WORD */
static bool ends_with_part(const char *rest, const char *word)
{
	const char *slash = strrchr(rest, '/');
	return slash && slash != rest && strcmp(slash + 1, word) == 0;
}

/* /api/v1/{kind}[/{id}[/{step}]] */
static bool api_allowed(const struct actor *a, const char *method, const char *rest)
{
	size_t n = strcspn(rest, "/");
	const struct kind *k = kind_named(rest, n);
	if (!k)
		return true; /* not a kind: the API answers 400 or 404 itself */
	const char *id = rest[n] ? rest + n + 1 : "";
	if (reading(method))
		return perm_may(a, k, PERM_READ);
	/* /api/v1/plans/{code}/{anything}: a step, which the workflow judges
	 * (an unknown step is its 404) */
	if (strcmp(method, "POST") == 0 &&
	    (plan_step(k, rest + n) || (!strcmp(k->name, "plans") && strchr(id, '/'))))
		return perm_area(a, PERM_PLAN_STEP) && id[0];
	/* both sides' books (issue 10): the API checks the record's scope */
	if (strcmp(method, "POST") == 0 && strcmp(k->name, "funds") == 0 &&
	    (ends_with_part(rest + n, "verify") || ends_with_part(rest + n, "unlock")))
		return perm_area(a, PERM_VERIFY);
	if (strcmp(method, "POST") == 0 && strcmp(k->name, "transfers") == 0 &&
	    (ends_with_part(rest + n, "confirm") || ends_with_part(rest + n, "unconfirm")))
		return perm_area(a, PERM_CONFIRM);
	return perm_may(a, k, PERM_WRITE);
}

/* /{kind}, /{kind}.csv, /{kind}/new, /{kind}/{id}[/edit|/delete|/funds|/{step}] */
static bool page_allowed(const struct actor *a, const char *method, const char *path)
{
	const char *name = path + 1;
	size_t n = strcspn(name, "/.");
	const struct kind *k = kind_named(name, n);
	if (!k)
		return true; /* not a record page: the dashboard's or a 404 */
	const char *rest = name + n;
	if (rest[0] != '/') /* the list and its CSV */
		return perm_may(a, k, PERM_READ);
	if (strcmp(rest, "/new") == 0 || ends_with_part(rest, "edit") || ends_with_part(rest, "delete"))
		return perm_may(a, k, PERM_WRITE);
	if (ends_with_part(rest, "funds") && strcmp(k->name, "projects") == 0)
		return reading(method) ? perm_may(a, k, PERM_READ)
		                       : perm_may(a, kind_find("funds"), PERM_WRITE);
	/* the tracking service's forms on a project's page (issue 7) */
	if (ends_with_part(rest, "log") && strcmp(k->name, "projects") == 0)
		return reading(method) ? perm_may(a, k, PERM_READ)
		                       : perm_may(a, kind_find("service_log"), PERM_WRITE);
	if (ends_with_part(rest, "commitments") && strcmp(k->name, "projects") == 0)
		return reading(method) ? perm_may(a, k, PERM_READ)
		                       : perm_may(a, kind_find("commitments"), PERM_WRITE);
	if (ends_with_part(rest, "timeline") && strcmp(k->name, "projects") == 0)
		return reading(method) && perm_may(a, k, PERM_READ);
	/* both sides' books (issue 10): the pages check the record's scope */
	if ((ends_with_part(rest, "verify") || ends_with_part(rest, "unlock")) &&
	    strcmp(k->name, "funds") == 0)
		return reading(method) ? perm_may(a, k, PERM_READ) : perm_area(a, PERM_VERIFY);
	if ((ends_with_part(rest, "confirm") || ends_with_part(rest, "unconfirm")) &&
	    strcmp(k->name, "transfers") == 0)
		return reading(method) ? perm_may(a, k, PERM_READ) : perm_area(a, PERM_CONFIRM);
	if (!reading(method) && plan_step(k, rest))
		return perm_area(a, PERM_PLAN_STEP);
	return perm_may(a, k, reading(method) ? PERM_READ : PERM_WRITE);
}

int web_authorize(const struct web_req *req)
{
	const char *path = req->path, *method = req->method;
	const struct actor *a = req->actor;
	if (starts(path, "/static/") || strcmp(path, "/login") == 0)
		return 0;
	if (!a)
		return 403;
	bool ok;
	if (strcmp(path, "/") == 0 || at(path, "/reports") || at(path, "/api/v1/reports") ||
	    strcmp(path, "/api/v1/openapi.json") == 0)
		ok = perm_area(a, PERM_REPORTS);
	else if (at(path, "/check"))
		ok = perm_area(a, PERM_CHECK);
	else if (at(path, "/audit") || at(path, "/api/v1/audit") || strcmp(path, "/audit.xlsx") == 0)
		ok = perm_area(a, PERM_AUDIT);
	else if (at(path, "/upload"))
		ok = perm_area(a, PERM_UPLOAD);
	else if (strcmp(path, "/export/iati") == 0)
		ok = perm_area(a, PERM_PUBLISH);
	else if (strcmp(path, "/scorecard") == 0 || strcmp(path, "/scorecard.xlsx") == 0)
		ok = perm_area(a, PERM_SCORECARD);
	else if (strcmp(path, "/pairings/matrix") == 0)
		ok = perm_may(a, kind_find("pairings"), PERM_READ);
	else if (at(path, "/templates"))
		ok = true; /* a template holds only the reference data and the code lists */
	else if (strcmp(path, "/alerts") == 0) /* of the projects the user reads */
		ok = perm_may(a, kind_find("projects"), PERM_READ);
	else if (strcmp(path, "/reconcile") == 0 || strcmp(path, "/reconcile.xlsx") == 0)
		ok = perm_may(a, kind_find("transfers"), PERM_READ); /* over the records it reads */
	else if (at(path, "/evidence"))                              /* the page checks the receipt's scope */
		ok = reading(method) && perm_may(a, kind_find("funds"), PERM_READ);
	else if (at(path, "/api/v1/evidence")) /* the API checks the receipt's scope */
		ok = reading(method) && perm_may(a, kind_find("funds"), PERM_READ);
	else if (starts(path, "/api/v1/"))
		ok = api_allowed(a, method, path + strlen("/api/v1/"));
	else
		ok = page_allowed(a, method, path);
	return ok ? 0 : 403;
}
