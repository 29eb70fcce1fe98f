/* CSV reading on libcsv, and field quoting for writing. */
#include "io/csv.h"
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reader {
	csv_row_fn fn;
	void *ctx;
	err *e;
	long row;
	bool stopped;
	size_t n, cap;
	char **fields;
	size_t *lens;
};

static void on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;
	if (r->stopped)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
		r->lens = xrealloc(r->lens, r->cap * sizeof *r->lens);
	}
	char *f = xmalloc(len + 1);
	if (len)
		memcpy(f, s, len);
	f[len] = '\0';
	r->fields[r->n] = f;
	r->lens[r->n] = len;
	r->n++;
}

static void clear_fields(struct reader *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->fields[i]);
	r->n = 0;
}

static void on_row(int c, void *data)
{
	(void)c;
	struct reader *r = data;
	r->row++;
	if (!r->stopped) {
		struct csv_row row = {r->row, r->n, r->fields, r->lens};
		if (r->fn(r->ctx, &row, r->e))
			r->stopped = true;
	}
	clear_fields(r);
}

int csv_read(const char *data, size_t len, const char *file, csv_row_fn fn, void *ctx, err *e)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return err_add(e, EXIT_SYSTEM, "%s: cannot start the CSV parser", file);
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	struct reader r = {fn, ctx, e, 0, false, 0, 0, NULL, NULL};
	int rc = 0;
	size_t done = csv_parse(&p, data, len, on_field, on_row, &r);
	if (!r.stopped && (done != len || csv_fini(&p, on_field, on_row, &r) != 0)) {
		/* the record being read when quoting broke is the next one */
		err_input(e, file, r.row + 1, "",
		          "broken quoting: a field that starts with \" must end with \" "
		          "before the next comma or line end (write \"\" for a quote inside a field)");
		rc = -1;
	}
	if (r.stopped)
		rc = -1;
	clear_fields(&r);
	free(r.fields);
	free(r.lens);
	csv_free(&p);
	return rc;
}

int file_read_all(const char *path, buf *b, err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f)
		return err_add(e, EXIT_INVALID, "%s: cannot open: %s", path, strerror(errno));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	int bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad)
		return err_add(e, EXIT_SYSTEM, "%s: read error", path);
	return 0;
}

void csv_put_field(buf *out, const char *field)
{
	if (!strpbrk(field, ",\"\r\n")) {
		buf_puts(out, field);
		return;
	}
	buf_putc(out, '"');
	for (const char *p = field; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	buf_putc(out, '"');
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		size_t k;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			k = 1, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			k = 2, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			k = 3, min = 0x10000, c &= 0x07;
		} else {
			return false;
		}
		if ((size_t)(end - p) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return false;
		p += k + 1;
	}
	return true;
}
