/* Reading CSV (RFC 4180, via libcsv) into rows of NUL-terminated fields,
 * numbered the way error messages count them: the header is row 1 and a
 * record spanning several lines keeps the number of its first. A UTF-8 BOM
 * is skipped. Writing CSV fields with the quoting RFC 4180 asks for. */
#ifndef DUIKOU_CSV_H
#define DUIKOU_CSV_H
#include "core/buf.h"
#include "core/err.h"
#include <stdbool.h>
#include <stddef.h>

struct csv_row {
	long row;      /* 1 for the header */
	size_t n;      /* number of fields */
	char **fields; /* NUL-terminated, valid during the callback */
	size_t *lens;
};

/* Called once per record, the header included. Return 0 to go on, -1 to
 * stop (after adding to e). */
typedef int (*csv_row_fn)(void *ctx, const struct csv_row *r, err *e);

/* Parses DATA; FILE names it in messages. Broken quoting is an error
 * "FILE:ROW:: …". Returns 0 or -1. */
int csv_read(const char *data, size_t len, const char *file, csv_row_fn fn, void *ctx, err *e);
/* Reads a whole file into B; "-" is standard input. */
int file_read_all(const char *path, buf *b, err *e);

/* Appends FIELD to OUT, quoted when it holds a comma, quote, CR or LF. */
void csv_put_field(buf *out, const char *field);
/* true when S[0..n) is well-formed UTF-8 */
bool utf8_valid(const char *s, size_t n);

#endif
