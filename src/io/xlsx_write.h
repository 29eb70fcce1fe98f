/* Writing workbooks with libxlsxwriter: the one writer behind `export
 * --format xlsx`, the lists' .xlsx downloads, the report workbooks and the
 * templates. A sheet of a record kind is written in the columns import
 * reads, so that importing the workbook gives the records back. */
#ifndef DUIKOU_XLSX_WRITE_H
#define DUIKOU_XLSX_WRITE_H
#include "model/kinds.h"
#include "store/db.h"
#include <xlsxwriter.h>

/* A workbook being written, with the formats every sheet shares. */
typedef struct xlsx_book xlsx_book;
struct xlsx_formats {
	lxw_format *bold;   /* headers */
	lxw_format *amount; /* #,##0 */
	lxw_format *day;    /* yyyy-mm-dd */
	lxw_format *pct;    /* 0.0 (a percentage as its number, 12.5 for 12.5%) */
	lxw_format *wrap;   /* text wrapped at the column's width, top-aligned */
};

/* Starts a workbook written to PATH.tmp (renamed to PATH when whole), or
 * with PATH NULL to a temporary file that xlsx_book_end reads back. */
int xlsx_book_begin(const char *path, xlsx_book **out, err *e);
lxw_workbook *xlsx_book_lxw(xlsx_book *b);
const struct xlsx_formats *xlsx_book_formats(const xlsx_book *b);
/* Ends the workbook: with OK it is closed and renamed to its path, or read
 * into MEM (path NULL); without, it is removed. Frees B in any case. */
int xlsx_book_end(xlsx_book *b, bool ok, buf *mem, err *e);

/* A sheet named SHEET of K's columns, from each row of ST whose first
 * columns are K's in kinds order (export_query's and list_select's
 * shape): headers in row 1 (English names, or with ZH the kinds table's
 * Chinese names where there is one), bold and frozen, with an autofilter;
 * amounts as numbers in #,##0; counts, years and yes/no as numbers; dates
 * as Excel dates shown yyyy-mm-dd; text and codes as strings; columns wide
 * enough for their text. ST may be NULL for a header-only sheet. *WS gets
 * the sheet when not NULL. Returns 0 or -1 after adding to E. */
int xlsx_book_kind_sheet(xlsx_book *b, const char *sheet, const struct kind *k, bool zh, db_stmt *st,
                         lxw_worksheet **ws, err *e);

/* One cell of a table sheet. */
enum xlsx_cell_type { XC_EMPTY, XC_TEXT, XC_INT, XC_AMOUNT, XC_PCT, XC_DATE };
struct xlsx_cell {
	enum xlsx_cell_type t;
	const char *s; /* XC_TEXT; XC_DATE as YYYY-MM-DD */
	int64_t i;     /* XC_INT, XC_AMOUNT */
	double f;      /* XC_PCT */
};
/* A sheet of NROWS rows of NCOLS cells (CELLS row by row) under HEADERS,
 * frozen and filtered like a kind's sheet. */
int xlsx_book_table(xlsx_book *b, const char *sheet, const char *const *headers, size_t ncols,
                    const struct xlsx_cell *cells, size_t nrows, err *e);

/* Every record of K to PATH, one sheet named by the kind. */
int xlsx_export_kind(db *d, const struct kind *k, const char *path, err *e);
/* The rows of ST (as xlsx_book_kind_sheet takes them) as a workbook in MEM:
 * the lists' downloads. */
int xlsx_rows_to_buf(const struct kind *k, db_stmt *st, buf *mem, err *e);

#endif
