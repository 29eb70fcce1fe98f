/* Workbooks (libxlsxwriter): each column written by its type, so that
 * numbers are numbers and dates are dates in Excel, while codes such as
 * "0511" stay text. One writer for exports, list downloads, reports and
 * templates. */
#include "io/xlsx_write.h"
#include "core/date.h"
#include "io/csv.h"
#include "io/transfer.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_WIDTH 60.0

struct xlsx_book {
	lxw_workbook *wb;
	struct xlsx_formats f;
	char *path; /* the final path, or NULL for a temporary file */
	char *tmp;  /* where libxlsxwriter writes */
};

/* Columns of a display, counting CJK and other wide characters as two. */
static size_t display_width(const char *s)
{
	size_t w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;        /* a continuation byte */
		w += *p >= 0xE1 ? 2 : 1; /* from U+1000 on: CJK, full-width forms */
	}
	return w;
}

/* Characters of N as shown, with thousands separators when GROUPED. */
static size_t number_width(int64_t n, bool grouped)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);
	return (size_t)len + (grouped ? (size_t)(len - 1) / 3 : 0);
}

int xlsx_book_begin(const char *path, xlsx_book **out, err *e)
{
	*out = NULL;
	xlsx_book *b = xcalloc(1, sizeof *b);
	if (path) {
		b->path = xstrdup(path);
		buf tmp = BUF_INIT;
		buf_printf(&tmp, "%s.tmp", path);
		b->tmp = xstrdup(buf_str(&tmp));
		buf_free(&tmp);
	} else {
		const char *dir = getenv("TMPDIR");
		buf tmp = BUF_INIT;
		buf_printf(&tmp, "%s/duikou-xlsx-XXXXXX", dir && dir[0] ? dir : "/tmp");
		b->tmp = xstrdup(buf_str(&tmp));
		buf_free(&tmp);
		int fd = mkstemp(b->tmp);
		if (fd < 0) {
			err_add(e, EXIT_SYSTEM, "%s: cannot create a temporary file: %s", b->tmp,
			        strerror(errno));
			free(b->tmp);
			free(b);
			return -1;
		}
		close(fd);
	}
	b->wb = workbook_new(b->tmp);
	if (b->wb) {
		b->f.bold = workbook_add_format(b->wb);
		b->f.amount = workbook_add_format(b->wb);
		b->f.day = workbook_add_format(b->wb);
		b->f.pct = workbook_add_format(b->wb);
		b->f.wrap = workbook_add_format(b->wb);
	}
	if (!b->wb || !b->f.bold || !b->f.amount || !b->f.day || !b->f.pct || !b->f.wrap) {
		err_add(e, EXIT_SYSTEM, "%s: cannot start the workbook", b->tmp);
		xlsx_book_end(b, false, NULL, e);
		return -1;
	}
	format_set_bold(b->f.bold);
	format_set_num_format(b->f.amount, "#,##0");
	format_set_num_format(b->f.day, "yyyy-mm-dd");
	format_set_num_format(b->f.pct, "0.0");
	format_set_text_wrap(b->f.wrap);
	format_set_align(b->f.wrap, LXW_ALIGN_VERTICAL_TOP);
	*out = b;
	return 0;
}

lxw_workbook *xlsx_book_lxw(xlsx_book *b)
{
	return b->wb;
}

const struct xlsx_formats *xlsx_book_formats(const xlsx_book *b)
{
	return &b->f;
}

int xlsx_book_end(xlsx_book *b, bool ok, buf *mem, err *e)
{
	int rc = ok ? 0 : -1;
	/* closing writes the file, and frees the workbook in any case */
	lxw_error closed = b->wb ? workbook_close(b->wb) : LXW_NO_ERROR;
	if (ok && closed)
		rc = err_add(e, EXIT_SYSTEM, "%s: cannot write: %s", b->tmp, lxw_strerror(closed));
	if (rc == 0 && b->path && rename(b->tmp, b->path) != 0)
		rc = err_add(e, EXIT_SYSTEM, "%s: cannot rename to %s: %s", b->tmp, b->path, strerror(errno));
	if (rc == 0 && !b->path && mem)
		rc = file_read_all(b->tmp, mem, e);
	if (rc || !b->path)
		remove(b->tmp);
	free(b->path);
	free(b->tmp);
	free(b);
	return rc;
}

struct sheet_out {
	lxw_worksheet *ws;
	const struct xlsx_formats *f;
	size_t *width; /* per column, in characters */
};

static lxw_error write_cell(struct sheet_out *o, const struct column *c, db_stmt *st, int i, lxw_row_t row)
{
	if (db_col_null(st, i))
		return LXW_NO_ERROR;
	size_t w;
	lxw_error rc;
	if (export_int_column(c)) {
		int64_t v = db_col_int(st, i);
		rc = worksheet_write_number(o->ws, row, (lxw_col_t)i, (double)v,
		                            c->type == CT_AMOUNT ? o->f->amount : NULL);
		w = number_width(v, c->type == CT_AMOUNT);
	} else {
		const char *s = db_col_text(st, i);
		date dt;
		const char *why;
		if (s[0] == '\0')
			return LXW_NO_ERROR; /* empty stays empty, as in CSV */
		if (c->type == CT_DATE && date_parse(s, &dt, &why) == 0) {
			lxw_datetime when = {dt.y, dt.m, dt.d, 0, 0, 0};
			rc = worksheet_write_datetime(o->ws, row, (lxw_col_t)i, &when, o->f->day);
			w = 10;
		} else {
			rc = worksheet_write_string(o->ws, row, (lxw_col_t)i, s, NULL);
			w = display_width(s);
		}
	}
	if (w > o->width[i])
		o->width[i] = w;
	return rc;
}

/* The frozen header row, the autofilter over ROWS data rows and the widths. */
static lxw_error finish_sheet(struct sheet_out *o, size_t ncols, lxw_row_t rows)
{
	worksheet_freeze_panes(o->ws, 1, 0);
	lxw_error rc = worksheet_autofilter(o->ws, 0, 0, rows, (lxw_col_t)(ncols - 1));
	for (size_t i = 0; i < ncols && !rc; i++) {
		double w = (double)o->width[i] + 2;
		rc = worksheet_set_column(o->ws, (lxw_col_t)i, (lxw_col_t)i, w > MAX_WIDTH ? MAX_WIDTH : w,
		                          NULL);
	}
	return rc;
}

static lxw_error write_headers(struct sheet_out *o, const char *const *names, size_t n)
{
	lxw_error rc = LXW_NO_ERROR;
	for (size_t i = 0; i < n && !rc; i++) {
		rc = worksheet_write_string(o->ws, 0, (lxw_col_t)i, names[i], o->f->bold);
		o->width[i] = display_width(names[i]) + 2; /* room for the filter button */
	}
	return rc;
}

int xlsx_book_kind_sheet(xlsx_book *b, const char *sheet, const struct kind *k, bool zh, db_stmt *st,
                         lxw_worksheet **ws, err *e)
{
	struct sheet_out o = {workbook_add_worksheet(b->wb, sheet), &b->f, NULL};
	if (!o.ws)
		return err_add(e, EXIT_SYSTEM, "%s: cannot add the sheet %s", b->tmp, sheet);
	if (ws)
		*ws = o.ws;
	const char **names = xcalloc(k->ncols, sizeof *names);
	for (size_t i = 0; i < k->ncols; i++)
		names[i] = zh && k->cols[i].zh ? k->cols[i].zh : k->cols[i].name;
	o.width = xcalloc(k->ncols, sizeof *o.width);
	int ret = -1;
	lxw_error rc = write_headers(&o, names, k->ncols);
	if (rc) {
		err_add(e, EXIT_SYSTEM, "%s: cannot write the header: %s", b->tmp, lxw_strerror(rc));
		goto out;
	}
	lxw_row_t row = 0;
	int got = DB_DONE;
	while (st && !rc && (got = db_step(st, e)) == DB_ROW) {
		row++;
		for (size_t i = 0; i < k->ncols && !rc; i++)
			rc = write_cell(&o, &k->cols[i], st, (int)i, row);
	}
	if (rc) {
		err_add(e, EXIT_SYSTEM, "%s: cannot write row %lu: %s", b->tmp, (unsigned long)row + 1,
		        lxw_strerror(rc));
		goto out;
	}
	if (got == DB_ERROR)
		goto out;
	rc = finish_sheet(&o, k->ncols, row);
	if (rc) {
		err_add(e, EXIT_SYSTEM, "%s: cannot set the filter and widths: %s", b->tmp, lxw_strerror(rc));
		goto out;
	}
	ret = 0;
out:
	free(names);
	free(o.width);
	return ret;
}

static lxw_error write_table_cell(struct sheet_out *o, const struct xlsx_cell *c, lxw_row_t row,
                                  lxw_col_t col)
{
	size_t w = 0;
	lxw_error rc = LXW_NO_ERROR;
	date dt;
	const char *why;
	switch (c->t) {
	case XC_EMPTY:
		break;
	case XC_TEXT:
		rc = worksheet_write_string(o->ws, row, col, c->s ? c->s : "", NULL);
		w = display_width(c->s ? c->s : "");
		break;
	case XC_INT:
	case XC_AMOUNT:
		rc = worksheet_write_number(o->ws, row, col, (double)c->i,
		                            c->t == XC_AMOUNT ? o->f->amount : NULL);
		w = number_width(c->i, c->t == XC_AMOUNT);
		break;
	case XC_PCT:
		rc = worksheet_write_number(o->ws, row, col, c->f, o->f->pct);
		w = 6;
		break;
	case XC_DATE:
		if (c->s && date_parse(c->s, &dt, &why) == 0) {
			lxw_datetime when = {dt.y, dt.m, dt.d, 0, 0, 0};
			rc = worksheet_write_datetime(o->ws, row, col, &when, o->f->day);
			w = 10;
		} else if (c->s) {
			rc = worksheet_write_string(o->ws, row, col, c->s, NULL);
			w = display_width(c->s);
		}
		break;
	}
	if (w > o->width[col])
		o->width[col] = w;
	return rc;
}

int xlsx_book_table(xlsx_book *b, const char *sheet, const char *const *headers, size_t ncols,
                    const struct xlsx_cell *cells, size_t nrows, err *e)
{
	struct sheet_out o = {workbook_add_worksheet(b->wb, sheet), &b->f, NULL};
	if (!o.ws)
		return err_add(e, EXIT_SYSTEM, "%s: cannot add the sheet %s", b->tmp, sheet);
	o.width = xcalloc(ncols ? ncols : 1, sizeof *o.width);
	lxw_error rc = write_headers(&o, headers, ncols);
	for (size_t r = 0; r < nrows && !rc; r++)
		for (size_t c = 0; c < ncols && !rc; c++)
			rc = write_table_cell(&o, &cells[r * ncols + c], (lxw_row_t)(r + 1), (lxw_col_t)c);
	if (!rc && ncols)
		rc = finish_sheet(&o, ncols, (lxw_row_t)nrows);
	free(o.width);
	if (rc)
		return err_add(e, EXIT_SYSTEM, "%s: cannot write the sheet %s: %s", b->tmp, sheet,
		               lxw_strerror(rc));
	return 0;
}

int xlsx_export_kind(db *d, const struct kind *k, const char *path, err *e)
{
	xlsx_book *b;
	if (xlsx_book_begin(path, &b, e))
		return -1;
	db_stmt *st = NULL;
	bool ok = export_query(d, k, &st, e) == 0 &&
	          xlsx_book_kind_sheet(b, k->name, k, false, st, NULL, e) == 0;
	db_finalize(st);
	return xlsx_book_end(b, ok, NULL, e) || !ok ? -1 : 0;
}

int xlsx_rows_to_buf(const struct kind *k, db_stmt *st, buf *mem, err *e)
{
	xlsx_book *b;
	if (xlsx_book_begin(NULL, &b, e))
		return -1;
	bool ok = xlsx_book_kind_sheet(b, k->name, k, false, st, NULL, e) == 0;
	return xlsx_book_end(b, ok, mem, e) || !ok ? -1 : 0;
}
