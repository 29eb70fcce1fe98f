/* The one table of code lists (interchange.md): each code with its Chinese
 * and English label. Import, validation, pages and reports all use it. */
#ifndef DUIKOU_CODES_H
#define DUIKOU_CODES_H
#include "core/num.h"
#include <stddef.h>

struct code_item {
	const char *code;
	const char *zh;
	const char *en;
};

struct code_list {
	const char *name; /* "category", "status", … */
	const struct code_item *items;
	size_t n;
};

/* The list called NAME, or NULL. */
const struct code_list *codes_list(const char *name);
/* The item of LIST whose code is CODE, or whose Chinese label is CODE (so a
 * file may carry either); NULL when none. */
const struct code_item *codes_find(const struct code_list *list, const char *code);
/* Label of CODE in LIST in LANG, or CODE itself when unknown. */
const char *codes_label(const char *list, const char *code, enum lang lang);
/* Position of CODE in LIST (the status pipeline order), -1 when unknown. */
int codes_index(const char *list, const char *code);
/* "a, b, c": the codes of LIST, for error messages. */
void codes_describe(const struct code_list *list, buf *out);

/* Status codes in pipeline order (index = position in "status"). */
enum status_code { ST_NEGOTIATING, ST_PREPARING, ST_CONSTRUCTING, ST_OPERATING, ST_STOPPED, ST_COUNT };

#endif
