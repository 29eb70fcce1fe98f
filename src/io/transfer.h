/* Import and export of the record kinds of interchange.md, driven by the
 * kinds table (model/kinds.h): one importer and one exporter for every kind. */
#ifndef DUIKOU_TRANSFER_H
#define DUIKOU_TRANSFER_H
#include "core/num.h"
#include "io/csv.h"
#include "model/actor.h"
#include "model/kinds.h"
#include "store/db.h"
#include <jansson.h>
#include <stdbool.h>

struct import_result {
	long rows;      /* data rows read */
	long added;     /* new records */
	long updated;   /* existing records whose values changed */
	long unchanged; /* existing records given the same values */
	long refused;   /* rows the actor may not write (model/perm.h); with any,
	                   the import fails like an invalid row */
	long locked;    /* rows changing a verified (locked) receipt; with any,
	                   the import fails like an invalid row */
};

/* Reads rows and calls FN once for each, the header first: csv_read's
 * shape, so that the CSV and XLSX readers feed the one importer. */
typedef int (*row_reader)(void *src, csv_row_fn fn, void *ctx, err *e);

struct import_source {
	const char *file;  /* names the input in messages */
	const char *sheet; /* NULL for CSV (FILE:ROW:COLUMN), else the worksheet's
	                      name (FILE:SHEET!B37:COLUMN) */
	row_reader read;
	void *src;
	enum lang lang;            /* of the messages after the place prefix (the command
	                              line's are English, the web's the page's) */
	const struct actor *actor; /* who imports: authorization and the audit trail */
	/* Each added or changed record gets its row in the audit trail (action
	 * "insert" or "update", old and new values), in the import's
	 * transaction; true leaves that to the caller (a visit's update, which
	 * record.c writes as a delete and an insert). */
	bool audit_by_caller;
};

enum import_mode {
	IMPORT_COMMIT,         /* in its own transaction, committed when all is well */
	IMPORT_DRY_RUN,        /* in its own transaction, always rolled back */
	IMPORT_IN_TRANSACTION, /* inside the caller's, which the caller ends */
};

/* Imports the rows of SRC as records of K: every row is checked, every
 * problem is added to E with its place (FILE:ROW:COLUMN: message), and on
 * any problem nothing is written (status EXIT_INVALID; in the caller's
 * transaction the caller must roll back). The validation rules run before
 * the end. */
int import_rows(db *d, const struct kind *k, const struct import_source *src, enum import_mode mode,
                struct import_result *res, err *e);
/* import_rows over the CSV text DATA (FILE names it), with DRY_RUN
 * meaning IMPORT_DRY_RUN, the messages in LANG, made by WHO. */
int import_csv(db *d, const struct kind *k, const char *file, const char *data, size_t len, bool dry_run,
               enum lang lang, const struct actor *who, struct import_result *res, err *e);

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* Prepares the SELECT of every record of K, its columns in kinds order,
 * in export order; the caller finalizes *ST. */
int export_query(db *d, const struct kind *k, db_stmt **st, err *e);
/* true for the columns stored as integers (counts, years, amounts, yes/no). */
bool export_int_column(const struct column *c);
/* The export JSON object of the current row of ST, whose first columns are
 * K's columns in kinds order (as export_query selects them); NULL when out
 * of memory. The caller json_decref's it. */
json_t *export_record_json(const struct kind *k, db_stmt *st);
/* The CSV fields of the current row of ST (the same columns), without the
 * line end. */
void export_record_csv(const struct kind *k, db_stmt *st, buf *out);
/* Appends every record of K to OUT with the columns import reads. */
int export_kind(db *d, const struct kind *k, enum export_format fmt, buf *out, err *e);

#endif
