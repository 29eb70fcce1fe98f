/* Template workbooks for data entry: `duikou template KIND` and the
 * "下载模板" links of the pages. */
#ifndef DUIKOU_XLSX_TEMPLATE_H
#define DUIKOU_XLSX_TEMPLATE_H
#include "core/num.h"
#include "model/kinds.h"
#include "store/db.h"

/* The name of a template's example sheet and of its hidden lists sheet. */
#define TEMPLATE_EXAMPLE_SHEET_ZH "示例（不导入）"
#define TEMPLATE_EXAMPLE_SHEET_EN "Example (not imported)"
#define TEMPLATE_LISTS_SHEET      "lists"

/* Writes K's template to PATH (through PATH.tmp), or with PATH NULL into
 * MEM. Sheets, in order: the data sheet (named by the kind in LANG, header
 * row only: the kinds table's Chinese headers, which import accepts, bold,
 * frozen, with an autofilter; drop-downs on code, yes/no, program and
 * division columns, their values on the hidden sheet "lists"; date and
 * amount formats on their columns), the example sheet with one filled row
 * (import reads only the first sheet, so the example is never imported),
 * and the instructions (说明, or Instructions with LANG_EN). */
int xlsx_template(db *d, const struct kind *k, enum lang lang, const char *path, buf *mem, err *e);

#endif
