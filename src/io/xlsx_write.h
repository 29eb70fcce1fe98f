/* Writing one record kind as an .xlsx workbook with libxlsxwriter, in the
 * columns import reads, so that importing the workbook gives the records
 * back. */
#ifndef DUIKOU_XLSX_WRITE_H
#define DUIKOU_XLSX_WRITE_H
#include "model/kinds.h"
#include "store/db.h"

/* Writes every record of K to PATH (through PATH.tmp, renamed when whole):
 * one sheet named by the kind; English headers in row 1, bold and frozen,
 * with an autofilter; amounts as numbers in #,##0; counts, years and yes/no
 * as numbers; dates as Excel dates shown yyyy-mm-dd; text and codes as
 * strings; columns wide enough for their Chinese text. */
int xlsx_export_kind(db *d, const struct kind *k, const char *path, err *e);

#endif
