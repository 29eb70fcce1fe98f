/* HTML escaping for page content and attribute values (see html.h). */
#include "core/html.h"
#include <string.h>

static void escape(buf *b, const char *s, int attr)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\n':
			rep = attr ? "&#10;" : NULL;
			break;
		case '\t':
			rep = attr ? "&#9;" : NULL;
			break;
		default:
			break;
		}
		if (!rep)
			continue;
		buf_add(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	buf_puts(b, run);
}

void html_escape(buf *b, const char *s)
{
	escape(b, s, 0);
}

void html_escape_attr(buf *b, const char *s)
{
	escape(b, s, 1);
}
