/* buf: the one growable byte buffer that carries all text (like git's strbuf
 * or Fossil's Blob). Always NUL-terminated. Allocation failure aborts with a
 * message: there is no sensible way to go on without memory. */
#ifndef DUIKOU_BUF_H
#define DUIKOU_BUF_H
#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
	char *s; /* never NULL after buf_init; "" when empty */
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT                                                                                             \
	{                                                                                                    \
		0                                                                                            \
	}

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b); /* empty, keep memory */
void buf_add(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
char *buf_detach(buf *b);    /* caller frees; b is reset */
const char *buf_str(buf *b); /* "" for a fresh buf */

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
