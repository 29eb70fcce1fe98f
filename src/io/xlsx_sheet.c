/* One worksheet, streamed row by row into rows of text like the CSV
 * reader's: cell references (sparse cells), cell types, shared and inline
 * strings, and numbers and dates turned back into the text a user typed. */
#include "core/date.h"
#include "io/xlsx_part.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sheet_reader {
	xlsx *x;
	const char *sheet;
	csv_row_fn fn;
	void *ctx;
	bool in_row;
	long row;      /* the row being read */
	long last_row; /* the row read before, 0 at first */
	long next_col; /* the column of a cell without r="…" */
	bool header_done;
	size_t width;  /* fields of the header */
	char **header; /* the header's texts, for messages */
	buf *cells;    /* column → this row's text */
	size_t ncells; /* columns allocated */
	size_t used;   /* columns touched in this row */
	char **fields;
	size_t *lens;
	size_t nfields; /* fields and lens allocated */
	/* the cell being read */
	bool in_c, in_v, in_is, in_t, in_rph;
	long col;
	char *type;
	long style;
	buf v, text;
};

/* The header of COL, to name a cell's column in messages. */
static const char *header_of(const struct sheet_reader *s, long col)
{
	return s->header_done && col >= 0 && (size_t)col < s->width ? s->header[col] : "";
}

/* "B37" → column 1; false when REF is no cell reference. */
static bool parse_ref(const char *ref, long *col)
{
	long c = 0;
	size_t n = 0;
	for (; ref[n] >= 'A' && ref[n] <= 'Z'; n++)
		c = c * 26 + (ref[n] - 'A' + 1);
	if (n == 0 || n > 3 || ref[n] < '1' || ref[n] > '9')
		return false;
	for (const char *p = ref + n; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	*col = c - 1;
	return true;
}

static void grow_cells(struct sheet_reader *s, size_t need)
{
	if (need <= s->ncells)
		return;
	size_t n = s->ncells ? s->ncells : 16;
	while (n < need)
		n *= 2;
	s->cells = xrealloc(s->cells, n * sizeof *s->cells);
	for (size_t i = s->ncells; i < n; i++)
		buf_init(&s->cells[i]);
	s->ncells = n;
}

static int start_row(struct sheet_reader *s, xmlTextReaderPtr r, err *e)
{
	char *ref = xlsx_attr(r, "r");
	long row = s->last_row + 1;
	if (ref) {
		char *end;
		errno = 0;
		row = strtol(ref, &end, 10);
		if (errno || *end || end == ref || row < 1)
			row = -1;
	}
	free(ref);
	if (row <= s->last_row)
		return err_add(e, EXIT_INVALID, "%s:%s: a row after row %ld has a bad or earlier number",
		               s->x->file, s->sheet, s->last_row);
	if (row > s->x->lim.max_rows)
		return err_add(e, EXIT_INVALID, "%s:%s!%ld: the sheet has more than %ld rows", s->x->file,
		               s->sheet, row, s->x->lim.max_rows);
	s->in_row = true;
	s->row = row;
	s->next_col = 0;
	return 0;
}

static int start_cell(struct sheet_reader *s, xmlTextReaderPtr r, err *e)
{
	if (!s->in_row)
		return err_add(e, EXIT_INVALID, "%s:%s: a cell outside any row", s->x->file, s->sheet);
	char *ref = xlsx_attr(r, "r");
	long col = s->next_col;
	if (ref && !parse_ref(ref, &col)) {
		err_add(e, EXIT_INVALID, "%s:%s: row %ld: \"%s\" is not a cell reference", s->x->file,
		        s->sheet, s->row, ref);
		free(ref);
		return -1;
	}
	free(ref);
	if (col >= s->x->lim.max_cols)
		return err_add(e, EXIT_INVALID, "%s:%s!%ld: the sheet has more than %ld columns", s->x->file,
		               s->sheet, s->row, s->x->lim.max_cols);
	if (col < s->next_col)
		return err_cell(e, s->x->file, s->sheet, s->row, col, header_of(s, col),
		                "the cell comes after a cell to its right");
	s->col = col;
	s->next_col = col + 1;
	free(s->type); /* a cell nested in a cell that never ended */
	s->type = xlsx_attr(r, "t");
	char *style = xlsx_attr(r, "s");
	s->style = style ? strtol(style, NULL, 10) : 0;
	free(style);
	s->in_c = true;
	s->in_v = s->in_is = s->in_t = s->in_rph = false;
	buf_reset(&s->v);
	buf_reset(&s->text);
	grow_cells(s, (size_t)col + 1);
	return 0;
}

/* Days since 1970-01-01 of the spreadsheet day SERIAL. In the 1900 system
 * day 1 is 1900-01-01 and Excel counts a 1900-02-29 (day 60) that never
 * was, so that later days are one too many. */
static void serial_date(long serial, bool date1904, buf *out)
{
	if (!date1904 && serial == 60) {
		buf_puts(out, "1900-02-29"); /* what Excel shows; the importer refuses it */
		return;
	}
	long days = date1904 ? date_to_days((date){1904, 1, 1}) + serial
	                     : date_to_days((date){1899, 12, 30}) + serial + (serial < 60);
	char d[11];
	date_format(date_from_days(days), d);
	buf_puts(out, d);
}

/* A number as the user wrote it: whole numbers without ".0" or exponent,
 * other values with their digits as stored, dates as YYYY-MM-DD. */
static void number_text(const char *v, bool is_date, bool date1904, buf *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	bool number = end != v && *end == '\0' && errno == 0 && isfinite(d);
	/* day 1 is the first of the 1900 system, day 0 of the 1904 one;
	 * 2958465 is 9999-12-31, Excel's last day */
	if (number && is_date && d >= (date1904 ? 0 : 1) && d < 2958466) {
		serial_date((long)floor(d), date1904, out);
	} else if (number && d == floor(d) && fabs(d) < 9007199254740992.0) {
		buf_printf(out, "%lld", (long long)d);
	} else {
		buf_puts(out, v);
	}
}

static int end_cell(struct sheet_reader *s, err *e)
{
	const char *t = s->type ? s->type : "n";
	const char *v = buf_str(&s->v);
	buf *out = &s->cells[s->col];
	int rc = 0;
	s->in_c = false;
	buf_reset(out);
	if (strcmp(t, "inlineStr") == 0) {
		buf_puts(out, buf_str(&s->text));
	} else if (s->v.len == 0) {
		/* an empty cell, or a formula without a cached value */
	} else if (strcmp(t, "s") == 0) {
		char *end;
		errno = 0;
		unsigned long long i = strtoull(v, &end, 10);
		if (errno || *end || v[0] == '-' || i >= s->x->nstrings)
			rc = err_cell(e, s->x->file, s->sheet, s->row, s->col, header_of(s, s->col),
			              "the cell refers to shared string %s, which the workbook does not have",
			              v);
		else
			buf_puts(out, s->x->strings[i]);
	} else if (strcmp(t, "str") == 0) {
		buf_puts(out, v);
	} else if (strcmp(t, "b") == 0) {
		buf_puts(out, strcmp(v, "0") == 0 ? "FALSE" : "TRUE");
	} else if (strcmp(t, "e") == 0) {
		/* reported, and the reading goes on to find every problem */
		err_cell(e, s->x->file, s->sheet, s->row, s->col, header_of(s, s->col),
		         "the cell holds the Excel error %s", v);
	} else if (strcmp(t, "d") == 0) {
		buf_add(out, v, strcspn(v, "T")); /* an ISO 8601 date, its time dropped */
	} else {
		bool is_date = s->style >= 0 && (size_t)s->style < s->x->nxf && s->x->date_xf[s->style];
		number_text(v, is_date, s->x->date1904, out);
	}
	free(s->type);
	s->type = NULL;
	if ((size_t)s->col + 1 > s->used)
		s->used = (size_t)s->col + 1;
	return rc;
}

static int end_row(struct sheet_reader *s, err *e)
{
	size_t n = s->used;
	int rc = 0;
	s->in_row = false;
	while (n && s->cells[n - 1].len == 0)
		n--;
	if (n == 0)
		goto out; /* a blank row */
	if (!s->header_done) {
		if (s->row != 1) {
			rc = err_cell(e, s->x->file, s->sheet, 1, -1, "",
			              "row 1 must be the header, but the first row with values is row %ld",
			              s->row);
			goto out;
		}
		s->header_done = true;
		s->width = n;
		s->header = xcalloc(n, sizeof *s->header);
		for (size_t i = 0; i < n; i++)
			s->header[i] = xstrdup(buf_str(&s->cells[i]));
	} else if (n < s->width) {
		n = s->width;
	}
	grow_cells(s, n);
	if (n > s->nfields) {
		s->fields = xrealloc(s->fields, n * sizeof *s->fields);
		s->lens = xrealloc(s->lens, n * sizeof *s->lens);
		s->nfields = n;
	}
	for (size_t i = 0; i < n; i++) {
		/* the callback only reads the fields */
		s->fields[i] = (char *)buf_str(&s->cells[i]);
		s->lens[i] = s->cells[i].len;
	}
	const struct csv_row row = {s->row, n, s->fields, s->lens};
	rc = s->fn(s->ctx, &row, e);
out:
	for (size_t i = 0; i < s->used && i < s->ncells; i++)
		buf_reset(&s->cells[i]);
	s->used = 0;
	s->last_row = s->row;
	return rc;
}

static void append_text(xmlTextReaderPtr r, buf *b)
{
	const xmlChar *v = xmlTextReaderConstValue(r);
	if (v)
		buf_puts(b, (const char *)v);
}

static int on_sheet(void *ctx, xmlTextReaderPtr r, err *e)
{
	struct sheet_reader *s = ctx;
	if (xlsx_at(r, "row", false) && start_row(s, r, e))
		return -1;
	if (xlsx_at(r, "c", false) && start_cell(s, r, e))
		return -1;
	if (s->in_c) {
		if (xlsx_at(r, "v", false))
			s->in_v = true;
		if (xlsx_at(r, "v", true))
			s->in_v = false;
		if (xlsx_at(r, "is", false))
			s->in_is = true;
		if (xlsx_at(r, "is", true))
			s->in_is = false;
		if (xlsx_at(r, "rPh", false))
			s->in_rph = true;
		if (xlsx_at(r, "rPh", true))
			s->in_rph = false;
		if (xlsx_at(r, "t", false))
			s->in_t = true;
		if (xlsx_at(r, "t", true))
			s->in_t = false;
		if (xlsx_is_text(r)) {
			if (s->in_v)
				append_text(r, &s->v);
			else if (s->in_is && s->in_t && !s->in_rph)
				append_text(r, &s->text);
		}
		if (xlsx_at(r, "c", true) && end_cell(s, e))
			return -1;
	}
	if (xlsx_at(r, "row", true) && s->in_row && end_row(s, e))
		return -1;
	return 0;
}

int xlsx_read_sheet(xlsx *x, size_t i, csv_row_fn fn, void *ctx, err *e)
{
	struct sheet_reader s = {0};
	s.x = x;
	s.sheet = x->sheets[i].name;
	s.fn = fn;
	s.ctx = ctx;
	int rc = xlsx_walk(x, x->sheets[i].path, true, on_sheet, &s, e);
	for (size_t j = 0; j < s.ncells; j++)
		buf_free(&s.cells[j]);
	free(s.cells);
	for (size_t j = 0; j < s.width; j++)
		free(s.header[j]);
	free(s.header);
	free(s.fields);
	free(s.lens);
	free(s.type);
	buf_free(&s.v);
	buf_free(&s.text);
	return rc;
}

int xlsx_sheet_reader(void *src, csv_row_fn fn, void *ctx, err *e)
{
	const struct xlsx_sheet_ref *ref = src;
	return xlsx_read_sheet(ref->x, ref->i, fn, ctx, e);
}
