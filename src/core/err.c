/* The error list. */
#include "core/err.h"
#include <stdarg.h>
#include <string.h>

void err_init(err *e)
{
	buf_init(&e->msgs);
	e->count = 0;
	e->status = 0;
	e->limit = 0;
}

void err_free(err *e)
{
	buf_free(&e->msgs);
	err_init(e);
}

void err_clear(err *e)
{
	buf_reset(&e->msgs);
	e->count = 0;
	e->status = 0;
}

int err_any(const err *e)
{
	return e->count > 0;
}

static void add_line(err *e, int status, const char *fmt, va_list ap)
{
	int limit = e->limit ? e->limit : 10000;
	if (status > e->status)
		e->status = status;
	e->count++;
	if (e->count > limit)
		return;
	buf_vprintf(&e->msgs, fmt, ap);
	buf_putc(&e->msgs, '\n');
}

int err_add(err *e, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_line(e, status, fmt, ap);
	va_end(ap);
	return -1;
}

int err_input(err *e, const char *file, long row, const char *column, const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	buf_printf(&b, "%s:%ld:%s: ", file, row, column ? column : "");
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	err_add(e, EXIT_INVALID, "%s", buf_str(&b));
	buf_free(&b);
	return -1;
}

int err_cell(err *e, const char *file, const char *sheet, long row, long field, const char *column,
             const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	if (!sheet) {
		buf_printf(&b, "%s:%ld:%s: ", file, row, column ? column : "");
	} else {
		/* bijective base 26: 0 → A, 25 → Z, 26 → AA */
		char letters[16];
		size_t n = 0;
		for (long f = field; f >= 0 && n < sizeof letters; f = f / 26 - 1)
			letters[n++] = (char)('A' + f % 26);
		buf_printf(&b, "%s:%s!", file, sheet);
		while (n)
			buf_putc(&b, letters[--n]);
		buf_printf(&b, "%ld:%s: ", row, column ? column : "");
	}
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	err_add(e, EXIT_INVALID, "%s", buf_str(&b));
	buf_free(&b);
	return -1;
}

void err_print(const err *e, FILE *f)
{
	int limit = e->limit ? e->limit : 10000;
	fputs(e->msgs.cap ? e->msgs.s : "", f);
	if (e->count > limit)
		fprintf(f, "duikou: ... and %d more errors\n", e->count - limit);
}
