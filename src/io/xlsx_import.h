/* Importing workbooks: one sheet as one kind, or a whole workbook with a
 * sheet per kind, all sheets or none. */
#ifndef DUIKOU_XLSX_IMPORT_H
#define DUIKOU_XLSX_IMPORT_H
#include "io/transfer.h"
#include "io/xlsx_read.h"

/* true when DATA is a zip archive (an .xlsx), by its first bytes. */
bool xlsx_looks_like(const char *data, size_t len);

/* What a workbook import did, per kind (kinds[] order, kinds_count long). */
struct workbook_result {
	const char **sheet; /* the sheet imported as kinds[i], or NULL */
	struct import_result *per_kind;
	struct import_result total;
	size_t sheets;
};
void workbook_result_free(struct workbook_result *res);

/* Imports every sheet of X, each named by a kind (English or Chinese name),
 * in kinds[] order so that references resolve, in one transaction: on any
 * problem nothing is written. An unknown or repeated sheet name is an error
 * that lists the expected names. With DRY_RUN everything is checked and
 * rolled back. WHO makes the changes. The caller frees RES with workbook_result_free. */
int xlsx_import_workbook(db *d, xlsx *x, const char *file, bool dry_run, const struct actor *who,
                         struct workbook_result *res, err *e);

#endif
