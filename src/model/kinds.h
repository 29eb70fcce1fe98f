/* The record kinds of interchange.md and their columns, described once.
 * The importer, the exporter and validation are driven from this table
 * rather than written once per kind. */
#ifndef DUIKOU_KINDS_H
#define DUIKOU_KINDS_H
#include <stdbool.h>
#include <stddef.h>

enum col_type {
	CT_TEXT,       /* free text */
	CT_INT,        /* whole number ≥ 0 (counts, days) */
	CT_YEAR,       /* a year, 1949..2100 */
	CT_AMOUNT,     /* yuan; 万/亿 accepted on import */
	CT_DATE,       /* YYYY-MM-DD */
	CT_CODE,       /* one code of the list named by `list` */
	CT_CODES,      /* ';'-separated codes of `list` */
	CT_BOOL,       /* 1/0, true/false, 是/否; exported as 1/0 */
	CT_DIVISION,   /* GB/T 2260 code, or an exact unique Chinese name */
	CT_PROGRAM,    /* programs.code */
	CT_CONFERENCE, /* conferences.code */
	CT_PROJECT,    /* projects.code */
	CT_INDUSTRY,   /* GB/T 4754 section letter, 2-digit division or longer */
	CT_PLAN,       /* plans.code */
};

struct column {
	const char *name; /* English header, and the database column */
	const char *zh;   /* Chinese header accepted on import, or NULL */
	enum col_type type;
	const char *list; /* code list for CT_CODE / CT_CODES */
	bool required;
};

struct kind {
	const char *name;  /* "projects" */
	const char *zh;    /* "项目" */
	const char *table; /* database table */
	const struct column *cols;
	size_t ncols;
	/* Columns that identify a record: a row whose key matches an existing
	 * record updates it. NULL-terminated. When the first key column is
	 * optional and empty in a row (funds without a receipt number), the
	 * row is always a new record. */
	const char *const *key;
	const char *order_by; /* export order */
};

/* Every kind, in dependency order (a kind refers only to earlier ones). */
extern const struct kind kinds[];
extern const size_t kinds_count;

/* The kind named NAME (English or Chinese), or NULL. */
const struct kind *kind_find(const char *name);
/* The column whose English or Chinese header is HEADER, or NULL. */
const struct column *kind_column(const struct kind *k, const char *header);
/* The kinds' names, for messages: KIND_NAMES. */
#define KIND_NAMES                                                                                           \
	"pairings, conferences, projects, status, funds, labour, training, plans, visits, plan_targets, "    \
	"people, project_team, service_log, commitments, transfers"
const char *kind_names(void);

#endif
