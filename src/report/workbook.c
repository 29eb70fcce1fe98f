/* Report workbooks: a report's JSON (the same figures `--format json`
 * prints) laid out as sheets, one per section, and the funds pivot by
 * county × supporter × year in every format. Writing the workbook from the
 * JSON object keeps one computation for both. */
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "report/figures.h"
#include "report/report.h"
#include <stdlib.h>
#include <string.h>

/* The rows of a sheet being gathered: cells and the text they point to. */
struct grid {
	struct xlsx_cell *cells;
	size_t n, cap;
	char **owned; /* strings the cells point to */
	size_t nowned, capowned;
};

static const char *grid_keep(struct grid *g, const char *s)
{
	if (g->nowned == g->capowned) {
		g->capowned = g->capowned ? 2 * g->capowned : 16;
		g->owned = realloc(g->owned, g->capowned * sizeof *g->owned);
		if (!g->owned)
			abort();
	}
	return g->owned[g->nowned++] = xstrdup(s);
}

static void grid_add(struct grid *g, struct xlsx_cell c)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		g->cells = realloc(g->cells, g->cap * sizeof *g->cells);
		if (!g->cells)
			abort();
	}
	if (c.s)
		c.s = grid_keep(g, c.s);
	g->cells[g->n++] = c;
}

static void grid_free(struct grid *g)
{
	for (size_t i = 0; i < g->nowned; i++)
		free(g->owned[i]);
	free(g->owned);
	free(g->cells);
	memset(g, 0, sizeof *g);
}

static bool is_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-';
}

/* A JSON value as one cell: integers as numbers (grouped from 10000 on, so
 * years stay plain), reals (the *_pct figures) in 0.0, dates as dates, a
 * list of scalars as its items joined by ", ". */
static struct xlsx_cell json_cell(json_t *v, buf *tmp)
{
	struct xlsx_cell c = {XC_EMPTY, NULL, 0, 0};
	if (json_is_integer(v)) {
		c.i = json_integer_value(v);
		c.t = c.i >= 10000 || c.i <= -10000 ? XC_AMOUNT : XC_INT;
	} else if (json_is_real(v)) {
		c.t = XC_PCT;
		c.f = json_real_value(v);
	} else if (json_is_string(v)) {
		c.s = json_string_value(v);
		c.t = is_date(c.s) ? XC_DATE : XC_TEXT;
	} else if (json_is_boolean(v)) {
		c.t = XC_TEXT;
		c.s = json_is_true(v) ? "true" : "false";
	} else if (json_is_array(v)) {
		buf_reset(tmp);
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			if (i)
				buf_puts(tmp, ", ");
			if (json_is_string(x))
				buf_puts(tmp, json_string_value(x));
			else if (json_is_integer(x))
				buf_printf(tmp, "%lld", (long long)json_integer_value(x));
			else if (json_is_real(x))
				buf_printf(tmp, "%.1f", json_real_value(x));
		}
		c.t = XC_TEXT;
		c.s = buf_str(tmp);
	}
	return c;
}

static bool is_table(json_t *v)
{
	return json_is_array(v) && json_array_size(v) > 0 && json_is_object(json_array_get(v, 0));
}

/* Rows (item, value) of every scalar under V, the item its dotted path. */
static void flatten_pairs(struct grid *g, const char *prefix, json_t *v, buf *tmp)
{
	if (json_is_object(v)) {
		const char *key;
		json_t *x;
		json_object_foreach(v, key, x)
		{
			buf path = BUF_INIT;
			buf_printf(&path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
			flatten_pairs(g, buf_str(&path), x, tmp);
			buf_free(&path);
		}
		return;
	}
	if (is_table(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
		{
			buf path = BUF_INIT;
			buf_printf(&path, "%s.%zu", prefix, i + 1);
			flatten_pairs(g, buf_str(&path), x, tmp);
			buf_free(&path);
		}
		return;
	}
	grid_add(g, (struct xlsx_cell){XC_TEXT, prefix, 0, 0});
	grid_add(g, json_cell(v, tmp));
}

/* Adds to OUT the leaf paths of an object that it does not hold yet, in
 * order ("targets.funds"). */
static void leaf_paths(json_t *o, const char *prefix, json_t *out)
{
	const char *key;
	json_t *x;
	json_object_foreach(o, key, x)
	{
		buf path = BUF_INIT;
		buf_printf(&path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
		if (json_is_object(x)) {
			leaf_paths(x, buf_str(&path), out);
		} else {
			size_t i;
			json_t *have;
			bool known = false;
			json_array_foreach(out, i, have) known =
			        known || strcmp(json_string_value(have), buf_str(&path)) == 0;
			if (!known)
				json_array_append_new(out, json_string(buf_str(&path)));
		}
		buf_free(&path);
	}
}

static json_t *at_path(json_t *o, const char *path)
{
	char *copy = xstrdup(path), *save = NULL;
	json_t *v = o;
	for (char *part = strtok_r(copy, ".", &save); part && v; part = strtok_r(NULL, ".", &save))
		v = json_object_get(v, part);
	free(copy);
	return v;
}

/* An array of objects as a table: a column per leaf that any item has
 * (the focus areas measure different things), empty where an item has
 * none. */
static int table_sheet(xlsx_book *b, const char *name, json_t *arr, err *e)
{
	json_t *paths = json_array();
	size_t k;
	json_t *it;
	json_array_foreach(arr, k, it) leaf_paths(it, "", paths);
	size_t ncols = json_array_size(paths);
	const char **headers = xcalloc(ncols ? ncols : 1, sizeof *headers);
	for (size_t c = 0; c < ncols; c++)
		headers[c] = json_string_value(json_array_get(paths, c));
	struct grid g = {0};
	buf tmp = BUF_INIT;
	size_t i;
	json_t *item;
	json_array_foreach(arr, i, item) for (size_t c = 0; c < ncols; c++)
	        grid_add(&g, json_cell(at_path(item, headers[c]), &tmp));
	int rc = xlsx_book_table(b, name, headers, ncols, g.cells, json_array_size(arr), e);
	buf_free(&tmp);
	grid_free(&g);
	free(headers);
	json_decref(paths);
	return rc;
}

static const char *sheet_name(const char *key, enum lang L)
{
	static const char *const names[][2] = {
	        {"summary", "概要"},    {"projects", "项目"},   {"funds", "到位资金"}, {"labour", "劳务输出"},
	        {"training", "培训"},   {"signed", "签约项目"}, {"plans", "区县规划"}, {"visits", "考察互访"},
	        {"counties", "各区县"}, {"total", "合计"},      {"region", "地区"},    {"cumulative", "累计"},
	};
	for (size_t i = 0; L == LANG_ZH && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], key) == 0)
			return names[i][1];
	return key;
}

static int report_sheets(xlsx_book *b, json_t *report, enum lang L, err *e)
{
	const char *pair_headers_zh[] = {"项目", "数值"}, *pair_headers_en[] = {"item", "value"};
	const char *const *ph = L == LANG_EN ? pair_headers_en : pair_headers_zh;
	struct grid top = {0};
	buf tmp = BUF_INIT;
	const char *key;
	json_t *v;
	json_object_foreach(report, key, v) if (!json_is_object(v) && !is_table(v))
	        flatten_pairs(&top, key, v, &tmp);
	int rc = xlsx_book_table(b, sheet_name("summary", L), ph, 2, top.cells, top.n / 2, e);
	grid_free(&top);
	json_object_foreach(report, key, v)
	{
		if (rc)
			break;
		if (is_table(v)) {
			rc = table_sheet(b, sheet_name(key, L), v, e);
		} else if (json_is_object(v)) {
			struct grid g = {0};
			flatten_pairs(&g, "", v, &tmp);
			rc = xlsx_book_table(b, sheet_name(key, L), ph, 2, g.cells, g.n / 2, e);
			grid_free(&g);
		}
	}
	buf_free(&tmp);
	return rc;
}

int report_workbook(db *d, const char *kind, const struct report_opts *o, const char *path, buf *mem, err *e)
{
	json_t *j = NULL;
	int rc;
	if (strcmp(kind, "annual") == 0) {
		rc = report_annual_json(d, o->year, o->program, &j, e);
	} else if (strcmp(kind, "plan") == 0) {
		rc = report_plan_json(d, o->program, o->period_start, o->period_end, o->as_of, &j, e);
	} else if (strcmp(kind, "pivot") == 0) {
		rc = report_pivot_json(d, o->program, &j, e);
	} else {
		/* signed: its JSON rendering, read back */
		struct report_opts jo = *o;
		jo.format = FMT_JSON;
		buf out = BUF_INIT;
		rc = report_signed(d, &jo, &out, e);
		json_error_t je;
		if (rc == 0 && !(j = json_loads(buf_str(&out), 0, &je)))
			rc = err_add(e, EXIT_SYSTEM, "report signed: its JSON does not parse: %s", je.text);
		buf_free(&out);
	}
	if (rc)
		return -1;
	xlsx_book *b;
	if (xlsx_book_begin(path, &b, e)) {
		json_decref(j);
		return -1;
	}
	bool ok;
	if (strcmp(kind, "pivot") == 0)
		ok = report_pivot_sheets(b, j, o->lang, e) == 0;
	else
		ok = report_sheets(b, j, o->lang, e) == 0;
	json_decref(j);
	return xlsx_book_end(b, ok, mem, e) || !ok ? -1 : 0;
}
