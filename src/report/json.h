/* JSON helpers shared by the reports' JSON renderings (json.c). */
#ifndef DUIKOU_REPORT_JSON_H
#define DUIKOU_REPORT_JSON_H
#include "core/buf.h"
#include "core/err.h"
#include "report/figures.h"
#include <jansson.h>
#include <stdbool.h>

/* one decimal of a percent, or null when there is no value */
json_t *report_json_pct(bool has, int64_t tenths);
/* part / whole as a percentage, null when whole is 0 */
json_t *report_json_share(int64_t part, int64_t whole);
json_t *report_annual_figs_json(const struct annual_figs *a);
/* pretty-printed, 2-space indent, keys in insertion order, then a newline */
int report_json_dump(json_t *o, buf *out, err *e);

#endif
