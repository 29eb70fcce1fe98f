/* The list of any record kind, driven by the kinds table: which columns
 * filter (division, code, program, conference and project columns, by
 * exact value), the year filter on the kind's main date, sorting by any
 * column, the URL id of a record, and the SELECT of the filtered rows.
 * Shared by the list pages (list_page.c) and the read API (api_read.c). */
#ifndef DUIKOU_WEB_LIST_H
#define DUIKOU_WEB_LIST_H
#include "model/kinds.h"
#include "web/router.h"

#define LIST_MAX_COLS 32

struct list_query {
	const struct kind *k;
	const char *value[LIST_MAX_COLS]; /* filter value per column, NULL: none */
	const char *county;               /* funds: the project's county, or NULL */
	/* funds and status by their project (issue 10, the scorecard's links):
	 * its supporter, program and signing year; plans by paired_with, the
	 * supporter paired (pairings) with the plan's county — in force in the
	 * year filter's year when one is given. NULL / 0: none */
	const char *supporter, *program, *paired_with;
	int64_t signed_year;
	bool verified; /* funds: verified receipts only (verified=1, the scorecard's links) */
	int64_t year;  /* 0: every year */
	int sort;      /* column index, -1: the export order */
	bool desc;
	const struct actor *actor; /* whose scope limits the rows (model/perm.h) */
};

struct list_totals {
	int64_t count;
	int64_t sum[LIST_MAX_COLS]; /* of the columns list_summed says */
};

/* true for the columns a list filters by exact value */
bool list_filterable(const struct column *c);
/* true for the columns whose sums are the list's totals (amounts, counts) */
bool list_summed(const struct column *c);
/* true when K's records can be filtered by the county of their project */
bool list_has_county(const struct kind *k);
/* true when K's records (funds, status) can be filtered by their project's
 * supporter, program and signing year (supporter=, program=, signed_year=) */
bool list_has_project(const struct kind *k);

/* Reads the filters, sort and dir of REQ for kind K; the rows are those
 * REQ's actor may read. Parameters other than
 * the filters, year, sort, dir, page, lang and those in EXTRA
 * (NULL-terminated, may be NULL) are a bad request (EXIT_INVALID). */
int list_read(const struct web_req *req, const struct kind *k, const char *const *extra, struct list_query *q,
              err *e);

/* Appends K's columns as t."name", … (kinds order), then the URL id. */
void list_columns_sql(const struct kind *k, buf *sql);
/* Prepares SELECT SELECT_LIST FROM K's table t with Q's filters, in Q's
 * order, LIMIT (-1: all) and OFFSET. */
int list_select(db *d, const struct list_query *q, const char *select_list, int64_t limit, int64_t offset,
                db_stmt **st, err *e);
/* The count and sums of the filtered rows. */
int list_count(db *d, const struct list_query *q, struct list_totals *t, err *e);
/* Prepares SELECT SELECT_LIST of the one record whose URL id is ID; *FOUND
 * is false (and nothing prepared) when ID cannot name a record of K. */
int list_select_id(db *d, const struct kind *k, const char *id, const char *select_list, bool *found,
                   db_stmt **st, err *e);

#endif
