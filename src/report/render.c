/* Writing a report document as text, Markdown or HTML (render.h). */
#include "report/render.h"
#include "core/html.h"
#include <stdlib.h>
#include <string.h>

static void md_escape(buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|~#", *s))
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

static bool is_html(const struct doc *d)
{
	return d->fmt == FMT_HTML || d->fmt == FMT_HTML_BODY;
}

/* Text as the format needs it. */
static void put_text(struct doc *d, const char *s)
{
	if (is_html(d))
		html_escape(d->out, s);
	else if (d->fmt == FMT_MD)
		md_escape(d->out, s);
	else
		buf_puts(d->out, s);
}

static const char style[] =
        "body{font-family:\"Noto Serif CJK SC\",\"Songti SC\",SimSun,serif;max-width:50em;"
        "margin:2em auto;padding:0 1em;line-height:1.7;color:#111}\n"
        "h1{text-align:center;font-size:1.6em}\n"
        "h2{font-size:1.2em;margin-top:1.6em}\n"
        "h3{font-size:1.05em}\n"
        "p{text-indent:2em;margin:.6em 0}\n"
        "p.demo{text-indent:0;border:2px solid #b00;color:#b00;padding:.3em .6em;font-weight:bold}\n"
        "table{border-collapse:collapse;margin:1em 0;font-size:.9em}\n"
        "th,td{border:1px solid #888;padding:.2em .5em;vertical-align:top}\n"
        "th{background:#eee}\n"
        "td.n{text-align:right;white-space:nowrap}\n"
        "@page{size:A4;margin:2cm}\n"
        "@media print{body{margin:0;max-width:none;font-size:11pt}"
        "h2,h3{page-break-after:avoid}tr{page-break-inside:avoid}"
        "thead{display:table-header-group}th{background:none}}\n";

void doc_begin(struct doc *d, const char *title)
{
	switch (d->fmt) {
	case FMT_HTML_BODY:
		buf_puts(d->out, "<h1>");
		html_escape(d->out, title);
		buf_puts(d->out, "</h1>\n");
		break;
	case FMT_HTML:
		buf_puts(d->out, "<!doctype html>\n<html lang=\"");
		html_escape_attr(d->out, d->lang == LANG_EN ? "en" : "zh-CN");
		buf_puts(d->out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		html_escape(d->out, title);
		buf_printf(d->out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", style);
		html_escape(d->out, title);
		buf_puts(d->out, "</h1>\n");
		break;
	case FMT_MD:
		buf_puts(d->out, "# ");
		put_text(d, title);
		buf_puts(d->out, "\n\n");
		break;
	default:
		buf_puts(d->out, title);
		buf_puts(d->out, "\n\n");
		break;
	}
}

static void heading(struct doc *d, int level, const char *text)
{
	if (is_html(d)) {
		buf_printf(d->out, "<h%d>", level);
		html_escape(d->out, text);
		buf_printf(d->out, "</h%d>\n", level);
	} else if (d->fmt == FMT_MD) {
		buf_puts(d->out, level == 2 ? "## " : "### ");
		put_text(d, text);
		buf_puts(d->out, "\n\n");
	} else {
		buf_puts(d->out, text);
		buf_puts(d->out, "\n\n");
	}
}

void doc_heading(struct doc *d, const char *text)
{
	heading(d, 2, text);
}

void doc_subheading(struct doc *d, const char *text)
{
	heading(d, 3, text);
}

void doc_para(struct doc *d, const char *text)
{
	if (is_html(d)) {
		buf_puts(d->out, "<p>");
		html_escape(d->out, text);
		buf_puts(d->out, "</p>\n");
	} else {
		put_text(d, text);
		buf_puts(d->out, "\n\n");
	}
}

void doc_note(struct doc *d, const char *text)
{
	if (is_html(d)) {
		buf_puts(d->out, "<p class=\"demo\">");
		html_escape(d->out, text);
		buf_puts(d->out, "</p>\n");
	} else if (d->fmt == FMT_MD) {
		buf_puts(d->out, "> **");
		put_text(d, text);
		buf_puts(d->out, "**\n\n");
	} else {
		buf_puts(d->out, text);
		buf_puts(d->out, "\n\n");
	}
}

void doc_end(struct doc *d)
{
	if (d->fmt == FMT_HTML)
		buf_puts(d->out, "</body>\n</html>\n");
}

void doc_table_begin(struct doc_table *t, size_t ncols, const char *const *header, const bool *numeric)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols > DOC_MAX_COLS ? DOC_MAX_COLS : ncols;
	for (size_t i = 0; i < t->ncols; i++)
		t->numeric[i] = numeric ? numeric[i] : false;
	doc_table_row(t, header);
}

void doc_table_row(struct doc_table *t, const char *const *cells)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->n * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
	t->n++;
}

void doc_table_free(struct doc_table *t)
{
	for (size_t i = 0; i < t->n * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}

/* Columns on a terminal: CJK and full-width characters take two. */
static size_t display_width(const char *s)
{
	size_t w = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		int len;
		if (*p < 0x80) {
			cp = *p;
			len = 1;
		} else if ((*p & 0xE0) == 0xC0) {
			cp = *p & 0x1F;
			len = 2;
		} else if ((*p & 0xF0) == 0xE0) {
			cp = *p & 0x0F;
			len = 3;
		} else {
			cp = *p & 0x07;
			len = 4;
		}
		for (int i = 1; i < len && p[i]; i++)
			cp = (cp << 6) | (p[i] & 0x3F);
		for (int i = 0; i < len && *p; i++)
			p++;
		w += (cp >= 0x1100 &&
		      (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
		       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
		       (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)))
		             ? 2
		             : 1;
	}
	return w;
}

static void pad(buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(b, ' ');
}

static void table_text(struct doc *d, const struct doc_table *t)
{
	size_t width[DOC_MAX_COLS] = {0};
	for (size_t r = 0; r < t->n; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = display_width(t->cells[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->n; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			size_t gap = width[c] - display_width(s);
			if (c)
				buf_puts(d->out, "  ");
			if (t->numeric[c] && r > 0)
				pad(d->out, gap);
			buf_puts(d->out, s);
			if ((!t->numeric[c] || r == 0) && c + 1 < t->ncols)
				pad(d->out, gap);
		}
		buf_putc(d->out, '\n');
		if (r == 0) {
			size_t total = 0;
			for (size_t c = 0; c < t->ncols; c++)
				total += width[c] + (c ? 2 : 0);
			for (size_t i = 0; i < total; i++)
				buf_putc(d->out, '-');
			buf_putc(d->out, '\n');
		}
	}
	buf_putc(d->out, '\n');
}

static void table_md(struct doc *d, const struct doc_table *t)
{
	for (size_t r = 0; r < t->n; r++) {
		buf_putc(d->out, '|');
		for (size_t c = 0; c < t->ncols; c++) {
			buf_putc(d->out, ' ');
			put_text(d, t->cells[r * t->ncols + c]);
			buf_puts(d->out, " |");
		}
		buf_putc(d->out, '\n');
		if (r == 0) {
			buf_putc(d->out, '|');
			for (size_t c = 0; c < t->ncols; c++)
				buf_puts(d->out, t->numeric[c] ? " ---: |" : " --- |");
			buf_putc(d->out, '\n');
		}
	}
	buf_putc(d->out, '\n');
}

static void table_html(struct doc *d, const struct doc_table *t)
{
	buf_puts(d->out, "<table>\n<thead>\n<tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		buf_puts(d->out, "<th>");
		html_escape(d->out, t->cells[c]);
		buf_puts(d->out, "</th>");
	}
	buf_puts(d->out, "</tr>\n</thead>\n<tbody>\n");
	for (size_t r = 1; r < t->n; r++) {
		buf_puts(d->out, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			buf_puts(d->out, t->numeric[c] ? "<td class=\"n\">" : "<td>");
			html_escape(d->out, t->cells[r * t->ncols + c]);
			buf_puts(d->out, "</td>");
		}
		buf_puts(d->out, "</tr>\n");
	}
	buf_puts(d->out, "</tbody>\n</table>\n");
}

void doc_table_write(struct doc *d, const struct doc_table *t)
{
	if (is_html(d))
		table_html(d, t);
	else if (d->fmt == FMT_MD)
		table_md(d, t);
	else
		table_text(d, t);
}
