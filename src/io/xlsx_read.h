/* Reading .xlsx workbooks (Office Open XML spreadsheets) on libzip and
 * libxml2's streaming xmlTextReader: the sheet list, shared strings, date
 * styles and each sheet's cells, given as the same rows the CSV reader
 * gives, so that one importer serves both. */
#ifndef DUIKOU_XLSX_READ_H
#define DUIKOU_XLSX_READ_H
#include "core/err.h"
#include "io/csv.h"
#include <stddef.h>

/* What a workbook may hold before it is refused (zip bombs, huge sheets). */
struct xlsx_limits {
	size_t max_total; /* uncompressed bytes read from all parts together */
	size_t max_ratio; /* uncompressed : compressed, per part past 1 MiB */
	long max_rows;    /* highest row number */
	long max_cols;    /* highest column number (16384 is XFD) */
};

/* 256 MiB, 400:1, Excel's 1048576 rows and 16384 columns. */
extern const struct xlsx_limits xlsx_default_limits;

typedef struct xlsx xlsx;

/* Opens the workbook DATA[0..LEN), which must outlive it; FILE names it in
 * messages; LIMITS NULL means xlsx_default_limits. Reads the sheet list, the
 * shared strings and the styles. A file that is not a zip archive or not a
 * workbook is an error (EXIT_INVALID). */
int xlsx_open(const char *data, size_t len, const char *file, const struct xlsx_limits *limits, xlsx **out,
              err *e);
void xlsx_close(xlsx *x);

size_t xlsx_sheet_count(const xlsx *x);
/* The name of sheet I (0 is the first, in the workbook's order). */
const char *xlsx_sheet_name(const xlsx *x, size_t i);

/* Calls FN for each row of sheet I that holds a value, in order, as rows of
 * text numbered by their spreadsheet rows: the first must be row 1, the
 * header. Every later row has at least the header's fields (missing cells
 * are empty). Shared, inline and rich strings give their text; booleans
 * TRUE/FALSE; whole numbers print without ".0", other numbers as written;
 * a number in a date style gives YYYY-MM-DD (1900 or 1904 system); a
 * formula gives its cached value. Problems name the cell,
 * FILE:SHEET!B37:HEADER: message. Returns 0 or -1. */
int xlsx_read_sheet(xlsx *x, size_t i, csv_row_fn fn, void *ctx, err *e);

/* One sheet of an open workbook, as a row source for the importer. */
struct xlsx_sheet_ref {
	xlsx *x;
	size_t i;
};
/* xlsx_read_sheet in row_reader's shape (io/transfer.h); SRC is a struct
 * xlsx_sheet_ref. */
int xlsx_sheet_reader(void *src, csv_row_fn fn, void *ctx, err *e);

#endif
