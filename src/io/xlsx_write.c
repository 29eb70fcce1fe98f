/* A record kind as a workbook (libxlsxwriter): each column written by its
 * type, so that numbers are numbers and dates are dates in Excel, while
 * codes such as "0511" stay text. */
#include "io/xlsx_write.h"
#include "core/date.h"
#include "io/transfer.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_WIDTH 60.0

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

struct sheet_out {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *amount, *day;
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
		                            c->type == CT_AMOUNT ? o->amount : NULL);
		w = number_width(v, c->type == CT_AMOUNT);
	} else {
		const char *s = db_col_text(st, i);
		date dt;
		const char *why;
		if (s[0] == '\0')
			return LXW_NO_ERROR; /* empty stays empty, as in CSV */
		if (c->type == CT_DATE && date_parse(s, &dt, &why) == 0) {
			lxw_datetime when = {dt.y, dt.m, dt.d, 0, 0, 0};
			rc = worksheet_write_datetime(o->ws, row, (lxw_col_t)i, &when, o->day);
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

/* Fills the sheet; returns 0 or -1 after adding to E. */
static int fill_sheet(struct sheet_out *o, db *d, const struct kind *k, const char *path, err *e)
{
	lxw_error rc = LXW_NO_ERROR;
	for (size_t i = 0; i < k->ncols && !rc; i++) {
		rc = worksheet_write_string(o->ws, 0, (lxw_col_t)i, k->cols[i].name, o->bold);
		o->width[i] = display_width(k->cols[i].name) + 2; /* room for the filter button */
	}
	if (rc)
		return err_add(e, EXIT_SYSTEM, "%s: cannot write the header: %s", path, lxw_strerror(rc));
	db_stmt *st;
	if (export_query(d, k, &st, e))
		return -1;
	lxw_row_t row = 0;
	int got;
	while (!rc && (got = db_step(st, e)) == DB_ROW) {
		row++;
		for (size_t i = 0; i < k->ncols && !rc; i++)
			rc = write_cell(o, &k->cols[i], st, (int)i, row);
	}
	db_finalize(st);
	if (rc)
		return err_add(e, EXIT_SYSTEM, "%s: cannot write row %lu: %s", path, (unsigned long)row + 1,
		               lxw_strerror(rc));
	if (got == DB_ERROR)
		return -1;
	worksheet_freeze_panes(o->ws, 1, 0);
	rc = worksheet_autofilter(o->ws, 0, 0, row, (lxw_col_t)(k->ncols - 1));
	for (size_t i = 0; i < k->ncols && !rc; i++) {
		double w = (double)o->width[i] + 2;
		rc = worksheet_set_column(o->ws, (lxw_col_t)i, (lxw_col_t)i, w > MAX_WIDTH ? MAX_WIDTH : w,
		                          NULL);
	}
	if (rc)
		return err_add(e, EXIT_SYSTEM, "%s: cannot set the filter and widths: %s", path,
		               lxw_strerror(rc));
	return 0;
}

int xlsx_export_kind(db *d, const struct kind *k, const char *path, err *e)
{
	buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp", path);
	struct sheet_out o = {0};
	int rc = -1;
	o.wb = workbook_new(buf_str(&tmp));
	if (!o.wb) {
		err_add(e, EXIT_SYSTEM, "%s: cannot start the workbook", buf_str(&tmp));
		goto out;
	}
	o.ws = workbook_add_worksheet(o.wb, k->name);
	o.bold = workbook_add_format(o.wb);
	o.amount = workbook_add_format(o.wb);
	o.day = workbook_add_format(o.wb);
	o.width = xcalloc(k->ncols, sizeof *o.width);
	bool filled = false;
	if (!o.ws || !o.bold || !o.amount || !o.day) {
		err_add(e, EXIT_SYSTEM, "%s: cannot add the sheet and its formats", buf_str(&tmp));
	} else {
		format_set_bold(o.bold);
		format_set_num_format(o.amount, "#,##0");
		format_set_num_format(o.day, "yyyy-mm-dd");
		filled = fill_sheet(&o, d, k, path, e) == 0;
	}
	/* closing writes the file, and frees the workbook in any case */
	lxw_error closed = workbook_close(o.wb);
	if (filled && closed)
		err_add(e, EXIT_SYSTEM, "%s: cannot write: %s", buf_str(&tmp), lxw_strerror(closed));
	if (!filled || closed) {
		remove(buf_str(&tmp));
		goto out;
	}
	if (rename(buf_str(&tmp), path) != 0) {
		err_add(e, EXIT_SYSTEM, "%s: cannot rename to %s: %s", buf_str(&tmp), path, strerror(errno));
		remove(buf_str(&tmp));
		goto out;
	}
	rc = 0;
out:
	free(o.width);
	buf_free(&tmp);
	return rc;
}
