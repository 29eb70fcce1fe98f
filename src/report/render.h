/* The plumbing every report renders through: a document of a title,
 * headings, paragraphs, notes and tables, written as plain text, Markdown or
 * a complete printable HTML page. Text is given plain; this module escapes
 * it for the format (HTML only through core/html). */
#ifndef DUIKOU_REPORT_RENDER_H
#define DUIKOU_REPORT_RENDER_H
#include "core/buf.h"
#include "core/num.h"
#include "report/report.h"
#include <stdbool.h>

struct doc {
	buf *out;
	enum report_format fmt; /* FMT_TEXT, FMT_MD or FMT_HTML */
	enum lang lang;
};

#define DOC_MAX_COLS 16

struct doc_table {
	size_t ncols;
	bool numeric[DOC_MAX_COLS]; /* right-aligned columns */
	char **cells;               /* rows * ncols, the header row first */
	size_t n, cap;
};

void doc_begin(struct doc *d, const char *title);
void doc_heading(struct doc *d, const char *text); /* a section heading */
void doc_subheading(struct doc *d, const char *text);
void doc_para(struct doc *d, const char *text);
/* A visible notice (the demo-data mark). */
void doc_note(struct doc *d, const char *text);
void doc_end(struct doc *d);

/* A table: begin with the header cells (NCOLS of them, NUMERIC marks
 * right-aligned columns, may be NULL), add rows, then write it. */
void doc_table_begin(struct doc_table *t, size_t ncols, const char *const *header, const bool *numeric);
void doc_table_row(struct doc_table *t, const char *const *cells);
void doc_table_write(struct doc *d, const struct doc_table *t);
void doc_table_free(struct doc_table *t);

#endif
