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

/* FMT_HTML_BODY: the HTML of FMT_HTML without the document around it (no
 * <html>, <head> or style), for a page that has its own layout. */
enum report_format { FMT_TEXT, FMT_MD, FMT_HTML, FMT_JSON, FMT_HTML_BODY, FMT_CSV, FMT_XLSX };

struct report_opts {
	int year;            /* annual, signed */
	int period_start;    /* plan */
	int period_end;      /* plan */
	const char *program; /* default "sanxia" */
	enum lang lang;
	enum report_format format;
	const char *as_of; /* plan: "YYYY-MM-DD", NULL for the latest record date */
};

/* SQL of a report as run on D: with db_verified_only, each "funds f " of
 * it reads the verified receipts only (issue 10); TMP holds the text
 * when it differs (the caller frees it). */
const char *report_sql(db *d, const char *sql, buf *tmp);

/* The figures of the annual summary as the JSON object of interchange.md
 * (caller json_decref's *out). */
int report_annual_json(db *d, int year, const char *program, json_t **out, err *e);

/* Render into OUT in o->format / o->lang. */
int report_annual(db *d, const struct report_opts *o, buf *out, err *e);
int report_signed(db *d, const struct report_opts *o, buf *out, err *e);
int report_plan(db *d, const struct report_opts *o, buf *out, err *e);

/* The plan-versus-actual figures of the plans of exactly A-B as of AS_OF
 * (NULL: the latest record date) as the JSON of `report plan --format json`
 * (caller json_decref's *out). */
int report_plan_json(db *d, const char *program, int a, int b, const char *as_of, json_t **out, err *e);
/* Funds in place (receipts dated in the year, of the program's projects,
 * as report annual counts them): by year over every year that has any, and
 * for YEAR by recipient county and by supporter, as
 * {"by_year": [{"year", "amount"}], "by_county": [{"code", "name",
 * "name_en", "short_name", "short_name_en", "amount"}], "by_supporter": [...]}, largest first. */
int report_funds_breakdown_json(db *d, const char *program, int year, json_t **out, err *e);

/* Workbooks (issue 6). REPORT is "annual", "signed", "plan" or "pivot";
 * the sheets come from the report's JSON object (the same figures as
 * --format json): one sheet per section, the scalars of the top level on
 * the first (概要 / summary); written to PATH, or with PATH NULL into MEM. */
int report_workbook(db *d, const char *report, const struct report_opts *o, const char *path, buf *mem,
                    err *e);
/* Funds in place of PROGRAM by recipient county × supporter × year:
 * {"program", "years": [Y…], "rows": [{"county_code", "county",
 * "county_en", "supporter_code", "supporter", "supporter_en", "year",
 * "amount"}], "total"}, rows by county, supporter and year. */
int report_pivot_json(db *d, const char *program, json_t **out, err *e);
/* The pivot in o->format: FMT_TEXT, FMT_CSV or FMT_JSON. */
int report_pivot(db *d, const struct report_opts *o, buf *out, err *e);
struct xlsx_book;
/* The pivot's sheets from its JSON J (report_workbook calls it). */
int report_pivot_sheets(struct xlsx_book *b, json_t *j, enum lang lang, err *e);

#endif
