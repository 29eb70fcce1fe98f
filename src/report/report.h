/* The reports: the annual summary (the seed's sections 一 to 六), the
 * progress of the projects signed at a year's conferences, and plan versus
 * actual. Each computes its figures from the records (definitions in
 * interchange.md) and renders them as text, Markdown, HTML or JSON, in
 * Chinese or English. */
#ifndef DUIKOU_REPORT_H
#define DUIKOU_REPORT_H
#include "core/num.h"
#include "store/db.h"
#include <jansson.h>

enum report_format { FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON };

struct report_opts {
	int year;                /* annual, signed */
	int period_start;        /* plan */
	int period_end;          /* plan */
	const char *program;     /* default "sanxia" */
	enum lang lang;
	enum report_format format;
};

/* The figures of the annual summary as the JSON object of interchange.md
 * (caller json_decref's *out). */
int report_annual_json(db *d, int year, const char *program, json_t **out, err *e);

/* Render into OUT in o->format / o->lang. */
int report_annual(db *d, const struct report_opts *o, buf *out, err *e);
int report_signed(db *d, const struct report_opts *o, buf *out, err *e);
int report_plan(db *d, const struct report_opts *o, buf *out, err *e);

#endif
