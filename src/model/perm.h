/* perm: who may read and change what — the role × kind permission table,
 * the route-level rules (reports, /check, /audit, /upload, plan steps) and
 * per kind the scope condition of county and supporter offices as SQL,
 * written once here and used by every list, download, record page, the API
 * and the importer. README's permission table says the same in words. */
#ifndef DUIKOU_PERM_H
#define DUIKOU_PERM_H
#include "core/buf.h"
#include "core/num.h"
#include "model/actor.h"
#include "model/kinds.h"
#include "store/db.h"
#include <stdbool.h>
#include <stddef.h>

enum perm_op {
	PERM_READ,  /* see the records (lists, downloads, detail pages, API GET) */
	PERM_WRITE, /* create, update, delete (forms, API, upload, import) */
};

/* Pages and commands that are not about one kind of record. */
enum perm_area {
	PERM_REPORTS,   /* dashboard, the report pages and their API, openapi.json */
	PERM_CHECK,     /* /check and `duikou check` */
	PERM_AUDIT,     /* /audit, /api/v1/audit and `duikou audit` */
	PERM_UPLOAD,    /* /upload (each row is then checked as a write) */
	PERM_PLAN_STEP, /* the plan workflow's buttons; model/plan_flow decides each step */
	PERM_PUBLISH,   /* the IATI export of a whole program: those who read every record */
	/* both sides' books (issue 10) */
	PERM_VERIFY,  /* mark a receipt verified (到位核实), unlock it: the municipal office */
	PERM_CONFIRM, /* confirm a transfer's arrival: the county (its projects), the offices */
	PERM_SCORECARD, /* /scorecard: the offices, viewers, and supporters (their own line) */
};

/* true when role R may OP records of kind K (some of them, for the scoped
 * roles: those of its scope). */
bool perm_role_may(enum role r, const struct kind *k, enum perm_op op);
/* The same for actor A; a NULL actor may nothing. */
bool perm_may(const struct actor *a, const struct kind *k, enum perm_op op);
/* true when A may use area AR; a NULL actor may not. */
bool perm_area(const struct actor *a, enum perm_area ar);
/* true when A may write at least one kind (the upload page offers those). */
bool perm_writes_any(const struct actor *a);

/* Appends to SQL the condition that limits the rows of kind K, whose table
 * is named ALIAS in the statement, to those A may OP: nothing when A sees
 * every record, " AND 1 = 0" when A may not OP K at all, else
 * " AND (…)" using the one parameter $PARAM, whose value (A's scope) is
 * put in *V. Returns the number of parameters used (0 or 1). SQLite
 * numbers $N parameters in the order they first appear in the text, so
 * PARAM must come after every parameter already in SQL and before any
 * appended later. */
size_t perm_scope_sql(const struct actor *a, const struct kind *k, enum perm_op op, const char *alias,
                      int param, buf *sql, struct db_value *v);
/* true when perm_scope_sql limits A's rows of K (a county or supporter
 * office, on a kind it may OP, where its scope applies). */
bool perm_scoped(const struct actor *a, const struct kind *k, enum perm_op op);
/* The column of K whose value puts a record in A's scope (recipient_code,
 * origin_code, supporter_code, or project_code for a project's status and
 * funds): where a refusal is reported. NULL when A's rows of K are not
 * limited. */
const char *perm_scope_column(const struct actor *a, const struct kind *k);

/* The role's name for messages: "county" in English, "区县" in Chinese. */
const char *perm_role_label(enum role r, enum lang lang);

#endif
