/* Import and export of the record kinds of interchange.md, driven by the
 * kinds table (model/kinds.h): one importer and one exporter for every kind. */
#ifndef DUIKOU_TRANSFER_H
#define DUIKOU_TRANSFER_H
#include "model/kinds.h"
#include "store/db.h"
#include <stdbool.h>

struct import_result {
	long rows;      /* data rows read */
	long added;     /* new records */
	long updated;   /* existing records whose values changed */
	long unchanged; /* existing records given the same values */
};

/* Imports the CSV text DATA (FILE names it in messages) as records of K,
 * in one transaction: every row is checked, every problem is added to E as
 * FILE:ROW:COLUMN: message, and on any problem nothing is written (status
 * EXIT_INVALID). With DRY_RUN the rows are checked and counted but the
 * transaction is rolled back. */
int import_csv(db *d, const struct kind *k, const char *file, const char *data, size_t len, bool dry_run,
               struct import_result *res, err *e);

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* Appends every record of K to OUT with the columns import reads. */
int export_kind(db *d, const struct kind *k, enum export_format fmt, buf *out, err *e);

#endif
