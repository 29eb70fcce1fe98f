/* html: the one HTML escaping helper. Every piece of text that reaches an
 * HTML page goes through html_escape (element content) or html_escape_attr
 * (a quoted attribute value), so no page writes raw user text. */
#ifndef DUIKOU_HTML_H
#define DUIKOU_HTML_H
#include "core/buf.h"

/* Appends S to B with & < > " ' escaped (safe in content and attributes). */
void html_escape(buf *b, const char *s);
/* The same for a double-quoted attribute value; newlines and tabs become
 * character references too, so the value survives attribute normalisation. */
void html_escape_attr(buf *b, const char *s);

#endif
