/* Template workbooks: an empty data sheet with Chinese headers and
 * drop-downs, an example row on a sheet of its own, instructions, and the
 * drop-downs' values on a hidden sheet (Excel's list validation holds at
 * most 255 characters inline; the divisions are far longer). */
#include "io/xlsx_template.h"
#include "io/xlsx_write.h"
#include "model/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* rows of the data sheet that carry the drop-downs */
#define ENTRY_ROWS 5000
/* columns of the hidden sheet, one per list (fewer than 26: A to Z) */
#define MAX_LISTS 16

/* One column of the hidden sheet: a list's values and their count. */
struct list_col {
	const char *name; /* "status", "divisions", "programs", "bool" */
	lxw_col_t col;
	size_t n;
};

/* The divisions as the drop-down offers them: the Chinese name where it is
 * unique (the importer accepts it), else the code. */
static const char *division_sql =
        "SELECT CASE WHEN (SELECT COUNT(*) FROM divisions d2 WHERE d2.name_zh = d.name_zh) = 1"
        " THEN d.name_zh ELSE d.code END FROM divisions d ORDER BY d.code";

static int sql_column(db *d, lxw_worksheet *ws, lxw_col_t col, const char *title, const char *sql, size_t *n,
                      err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, sql, ""))
		return -1;
	worksheet_write_string(ws, 0, col, title, NULL);
	int rc;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW)
		if (worksheet_write_string(ws, (lxw_row_t)++ * n, col, db_col_text(st, 0), NULL))
			break;
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* The hidden sheet's column for C, written on first use; NULL when C gets
 * no drop-down. */
static struct list_col *list_for(db *d, lxw_worksheet *ws, const struct column *c, struct list_col *cols,
                                 size_t *ncols, enum lang L, err *e, int *failed)
{
	const char *name = c->type == CT_CODE       ? c->list
	                   : c->type == CT_DIVISION ? "divisions"
	                   : c->type == CT_PROGRAM  ? "programs"
	                   : c->type == CT_BOOL     ? "yes_no"
	                                            : NULL;
	if (!name)
		return NULL;
	for (size_t i = 0; i < *ncols; i++)
		if (strcmp(cols[i].name, name) == 0)
			return &cols[i];
	if (*ncols >= MAX_LISTS)
		return NULL; /* more lists than any kind has: the column goes without */
	struct list_col *l = &cols[(*ncols)++];
	l->name = name;
	l->col = (lxw_col_t)(*ncols - 1);
	l->n = 0;
	if (c->type == CT_CODE) {
		const struct code_list *cl = codes_list(c->list);
		worksheet_write_string(ws, 0, l->col, name, NULL);
		for (size_t i = 0; cl && i < cl->n; i++)
			worksheet_write_string(ws, (lxw_row_t)++l->n, l->col,
			                       L == LANG_EN ? cl->items[i].code : cl->items[i].zh, NULL);
	} else if (c->type == CT_BOOL) {
		worksheet_write_string(ws, 0, l->col, name, NULL);
		worksheet_write_string(ws, 1, l->col, L == LANG_EN ? "1" : "是", NULL);
		worksheet_write_string(ws, 2, l->col, L == LANG_EN ? "0" : "否", NULL);
		l->n = 2;
	} else if (sql_column(d, ws, l->col, name,
	                      c->type == CT_DIVISION ? division_sql
	                                             : "SELECT code FROM programs ORDER BY code",
	                      &l->n, e)) {
		*failed = 1;
	}
	return l;
}

static char column_letter(lxw_col_t col)
{
	return (char)('A' + col); /* the lists sheet has fewer than 26 columns */
}

/* An example value of C, as a person would type it. */
static void example_cell(const struct column *c, enum lang L, struct xlsx_cell *out)
{
	static const struct xlsx_cell text = {XC_TEXT, NULL, 0, 0};
	*out = text;
	switch (c->type) {
	case CT_INT:
		*out = (struct xlsx_cell){XC_INT, NULL, strcmp(c->name, "days") == 0 ? 5 : 30, 0};
		return;
	case CT_YEAR:
		*out = (struct xlsx_cell){
		        XC_INT, NULL, strstr(c->name, "end") || strstr(c->name, "until") ? 2007 : 2004, 0};
		return;
	case CT_AMOUNT:
		*out = (struct xlsx_cell){XC_AMOUNT, NULL, 5000000, 0};
		return;
	case CT_DATE:
		out->t = XC_DATE;
		out->s = "2004-06-18";
		return;
	case CT_CODE: {
		const struct code_list *cl = codes_list(c->list);
		out->s = cl && cl->n ? (L == LANG_EN ? cl->items[0].code : cl->items[0].zh) : "";
		return;
	}
	case CT_CODES: {
		const struct code_list *cl = codes_list(c->list);
		out->s = cl && cl->n ? cl->items[0].code : "";
		return;
	}
	case CT_BOOL:
		out->s = L == LANG_EN ? "1" : "是";
		return;
	case CT_DIVISION:
		out->s = strstr(c->name, "supporter") || strstr(c->name, "destination") ||
		                         strstr(c->name, "host")
		                 ? (L == LANG_EN ? "310000" : "上海市")
		                 : (L == LANG_EN ? "500101" : "万州区");
		return;
	case CT_PROGRAM:
		out->s = "sanxia";
		return;
	case CT_CONFERENCE:
		out->s = "C2004";
		return;
	case CT_PROJECT:
		out->s = "P2004-001";
		return;
	case CT_PLAN:
		out->s = "WZ2004-2007";
		return;
	case CT_INDUSTRY:
		out->s = "C13";
		return;
	case CT_TEXT:
		out->s = strcmp(c->name, "code") == 0 ? "X2004-001" : (L == LANG_EN ? "example" : "示例");
		return;
	}
}

static const char *type_words(enum col_type t, enum lang L)
{
	static const char *const words[][2] = {
	        [CT_TEXT] = {"文字", "text"},
	        [CT_INT] = {"整数", "whole number"},
	        [CT_YEAR] = {"年份（如 2004）", "year (e.g. 2004)"},
	        [CT_AMOUNT] = {"金额（元，整数；可写 8730万 或 1.12亿）",
	                       "amount (yuan, whole; 8730万 or 1.12亿 accepted)"},
	        [CT_DATE] = {"日期（YYYY-MM-DD）", "date (YYYY-MM-DD)"},
	        [CT_CODE] = {"代码（下拉选择）", "code (drop-down)"},
	        [CT_CODES] = {"代码，多个用 ; 分隔", "codes separated by ;"},
	        [CT_BOOL] = {"是/否", "yes/no (1/0)"},
	        [CT_DIVISION] = {"行政区划（下拉选择，或六位代码）",
	                         "division (drop-down, or its six-digit code)"},
	        [CT_PROGRAM] = {"对口支援工作代码（如 sanxia）", "program code (e.g. sanxia)"},
	        [CT_CONFERENCE] = {"会议编号", "conference code"},
	        [CT_PROJECT] = {"项目编号", "project code"},
	        [CT_INDUSTRY] = {"行业代码（GB/T 4754，如 C 或 13）",
	                         "industry code (GB/T 4754, e.g. C or 13)"},
	        [CT_PLAN] = {"规划编号", "plan code"},
	};
	_Static_assert(sizeof words / sizeof words[0] == CT_PLAN + 1, "a word for every column type");
	return words[t][L == LANG_EN ? 1 : 0];
}

static int instructions(xlsx_book *b, const struct kind *k, enum lang L, const char *data_sheet, err *e)
{
	const char *headers_zh[] = {"列", "英文列名", "必填", "内容"};
	const char *headers_en[] = {"Column", "Chinese header", "Required", "What it holds"};
	size_t lead = 4, n = lead + k->ncols;
	struct xlsx_cell *cells = xcalloc(n * 4, sizeof *cells);
	buf l0 = BUF_INIT;
	if (L == LANG_EN) {
		buf_printf(&l0,
		           "Fill one record per row on the sheet \"%s\", from row 2; keep the header row.",
		           data_sheet);
		cells[4] = (struct xlsx_cell){XC_TEXT,
		                              "Only the first sheet is imported: the example row on the "
		                              "sheet \"" TEMPLATE_EXAMPLE_SHEET_EN "\" is never imported.",
		                              0, 0};
		cells[8] = (struct xlsx_cell){XC_TEXT,
		                              "Upload the file on the web page 上传 (/upload) or run: "
		                              "duikou import KIND FILE.xlsx. All rows or none are imported.",
		                              0, 0};
		cells[12] = (struct xlsx_cell){XC_TEXT, "Columns:", 0, 0};
	} else {
		buf_printf(&l0, "在“%s”工作表中从第 2 行起每行填写一条记录，保留第一行表头。", data_sheet);
		cells[4] = (struct xlsx_cell){XC_TEXT,
		                              "只导入第一个工作表：“" TEMPLATE_EXAMPLE_SHEET_ZH
		                              "”工作表中的示例行不会被导入。",
		                              0, 0};
		cells[8] = (struct xlsx_cell){XC_TEXT,
		                              "填好后在网页“上传”(/upload) 上传，或运行 duikou import "
		                              "类别 文件.xlsx；全部导入或全部不导入，有错时逐格指出。",
		                              0, 0};
		cells[12] = (struct xlsx_cell){XC_TEXT, "各列说明：", 0, 0};
	}
	cells[0] = (struct xlsx_cell){XC_TEXT, buf_str(&l0), 0, 0};
	for (size_t i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		struct xlsx_cell *row = &cells[(lead + i) * 4];
		row[0] =
		        (struct xlsx_cell){XC_TEXT, L == LANG_EN ? c->name : (c->zh ? c->zh : c->name), 0, 0};
		row[1] = (struct xlsx_cell){XC_TEXT, L == LANG_EN ? (c->zh ? c->zh : "") : c->name, 0, 0};
		row[2] = (struct xlsx_cell){XC_TEXT, c->required ? (L == LANG_EN ? "yes" : "是") : "", 0, 0};
		row[3] = (struct xlsx_cell){XC_TEXT, type_words(c->type, L), 0, 0};
	}
	int rc = xlsx_book_table(b, L == LANG_EN ? "Instructions" : "说明",
	                         L == LANG_EN ? headers_en : headers_zh, 4, cells, n, e);
	buf_free(&l0);
	free(cells);
	return rc;
}

static int fill(xlsx_book *b, db *d, const struct kind *k, enum lang L, err *e)
{
	const struct xlsx_formats *f = xlsx_book_formats(b);
	lxw_worksheet *ws;
	const char *data_sheet = L == LANG_EN ? k->name : k->zh;
	if (xlsx_book_kind_sheet(b, data_sheet, k, L != LANG_EN, NULL, &ws, e))
		return -1;
	/* the example: the same headers, one row */
	const char **headers = xcalloc(k->ncols, sizeof *headers);
	struct xlsx_cell *ex = xcalloc(k->ncols, sizeof *ex);
	for (size_t i = 0; i < k->ncols; i++) {
		headers[i] = L != LANG_EN && k->cols[i].zh ? k->cols[i].zh : k->cols[i].name;
		example_cell(&k->cols[i], L, &ex[i]);
	}
	int rc = xlsx_book_table(b, L == LANG_EN ? TEMPLATE_EXAMPLE_SHEET_EN : TEMPLATE_EXAMPLE_SHEET_ZH,
	                         headers, k->ncols, ex, 1, e);
	free(headers);
	free(ex);
	if (rc || instructions(b, k, L, data_sheet, e))
		return -1;
	lxw_worksheet *lists = workbook_add_worksheet(xlsx_book_lxw(b), TEMPLATE_LISTS_SHEET);
	if (!lists)
		return err_add(e, EXIT_SYSTEM, "cannot add the sheet " TEMPLATE_LISTS_SHEET);
	worksheet_hide(lists);
	struct list_col cols[MAX_LISTS];
	size_t ncols = 0;
	int failed = 0;
	for (size_t i = 0; i < k->ncols && !failed; i++) {
		const struct column *c = &k->cols[i];
		lxw_col_t col = (lxw_col_t)i;
		/* a typed date or amount shows as one */
		if (c->type == CT_DATE)
			worksheet_set_column(ws, col, col, 12, f->day);
		else if (c->type == CT_AMOUNT)
			worksheet_set_column(ws, col, col, 16, f->amount);
		struct list_col *l = list_for(d, lists, c, cols, &ncols, L, e, &failed);
		if (!l || failed || l->n == 0)
			continue;
		char formula[64];
		snprintf(formula, sizeof formula, "=" TEMPLATE_LISTS_SHEET "!$%c$2:$%c$%zu",
		         column_letter(l->col), column_letter(l->col), l->n + 1);
		lxw_data_validation v = {0};
		v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		v.value_formula = formula;
		v.ignore_blank = LXW_VALIDATION_ON;
		v.dropdown = LXW_VALIDATION_ON;
		v.show_error = LXW_VALIDATION_ON;
		/* a warning, not a stop: a code typed instead of its name is good too */
		v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
		lxw_error vr = worksheet_data_validation_range(ws, 1, col, ENTRY_ROWS, col, &v);
		if (vr)
			return err_add(e, EXIT_SYSTEM, "cannot add the drop-down of %s: %s", c->name,
			               lxw_strerror(vr));
	}
	return failed ? -1 : 0;
}

int xlsx_template(db *d, const struct kind *k, enum lang lang, const char *path, buf *mem, err *e)
{
	xlsx_book *b;
	if (xlsx_book_begin(path, &b, e))
		return -1;
	bool ok = fill(b, d, k, lang, e) == 0;
	return xlsx_book_end(b, ok, mem, e) || !ok ? -1 : 0;
}
