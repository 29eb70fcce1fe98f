/* Funds in place by recipient county × supporter × year, for a program:
 * receipts of the program's projects, by their date's year (the annual
 * summary's definition), so each year's column adds up to that year's
 * funds.total; beside each amount its in-kind part and the cumulative
 * through its year (累计). JSON, CSV (one row per county, supporter and
 * year), text and a workbook with the pivot (years across), its
 * cumulative and in-kind sheets, and the long rows. */
#include "core/num.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "report/figures.h"
#include "report/json.h"
#include "report/report.h"
#include <stdlib.h>
#include <string.h>

int report_pivot_json(db *d, const char *program, json_t **out, err *e)
{
	char *zh = NULL, *en = NULL;
	*out = NULL;
	if (figures_program(d, program, &zh, &en, e))
		return -1;
	free(zh);
	free(en);
	db_stmt *st;
	buf tmp = BUF_INIT;
	int bad = db_prepare(
	        d, &st, e,
	        report_sql(d,
	                   "SELECT p.recipient_code, COALESCE(r.name_zh, ''), COALESCE(r.name_en, ''),"
	                   " p.supporter_code, COALESCE(s.name_zh, ''), COALESCE(s.name_en, ''),"
	                   " CAST(substr(f.date, 1, 4) AS INTEGER) AS y, SUM(f.amount),"
	                   " SUM(CASE WHEN f.source_type = 'in_kind' THEN f.amount ELSE 0 END)"
	                   " FROM funds f JOIN projects p ON p.code = f.project_code"
	                   " LEFT JOIN divisions r ON r.code = p.recipient_code"
	                   " LEFT JOIN divisions s ON s.code = p.supporter_code"
	                   " WHERE p.program = $1"
	                   " GROUP BY p.recipient_code, r.name_zh, r.name_en, p.supporter_code, s.name_zh, "
	                   "s.name_en, y"
	                   " ORDER BY p.recipient_code, p.supporter_code, y",
	                   &tmp),
	        "t", program);
	buf_free(&tmp);
	if (bad)
		return -1;
	json_t *o = json_object(), *rows = json_array(), *years = json_array();
	int64_t total = 0, in_kind = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *r = json_object();
		json_object_set_new(r, "county_code", json_string(db_col_text(st, 0)));
		json_object_set_new(r, "county", json_string(db_col_text(st, 1)));
		json_object_set_new(r, "county_en", json_string(db_col_text(st, 2)));
		json_object_set_new(r, "supporter_code", json_string(db_col_text(st, 3)));
		json_object_set_new(r, "supporter", json_string(db_col_text(st, 4)));
		json_object_set_new(r, "supporter_en", json_string(db_col_text(st, 5)));
		int64_t y = db_col_int(st, 6), amount = db_col_int(st, 7);
		json_object_set_new(r, "year", json_integer(y));
		json_object_set_new(r, "amount", json_integer(amount));
		json_object_set_new(r, "in_kind", json_integer(db_col_int(st, 8)));
		json_array_append_new(rows, r);
		total += amount;
		in_kind += db_col_int(st, 8);
		bool seen = false;
		size_t i;
		json_t *x;
		json_array_foreach(years, i, x) seen = seen || json_integer_value(x) == y;
		if (!seen)
			json_array_append_new(years, json_integer(y));
	}
	db_finalize(st);
	if (rc == DB_ERROR) {
		json_decref(o);
		json_decref(rows);
		json_decref(years);
		return -1;
	}
	/* years ascending (rows come sorted by county first) */
	size_t ny = json_array_size(years);
	for (size_t i = 1; i < ny; i++)
		for (size_t j = i; j > 0 && json_integer_value(json_array_get(years, j - 1)) >
		                                    json_integer_value(json_array_get(years, j));
		     j--) {
			json_t *a = json_incref(json_array_get(years, j - 1));
			json_array_set(years, j - 1, json_array_get(years, j));
			json_array_set_new(years, j, a);
		}
	/* the cumulative (累计): each row's running total through its year, by
	 * county and supporter (rows come sorted by them, then the year), and
	 * the program's by year. Every receipt of the program is in the rows,
	 * so a running total from the first row is the total since the
	 * program's first year (figures_cumulative_of's funds.total). */
	json_t *r, *by_year = json_array();
	size_t i;
	const char *cur_c = NULL, *cur_s = NULL;
	int64_t run = 0, run_k = 0;
	json_array_foreach(rows, i, r)
	{
		const char *c = json_string_value(json_object_get(r, "county_code"));
		const char *sp = json_string_value(json_object_get(r, "supporter_code"));
		if (!cur_c || strcmp(c, cur_c) != 0 || strcmp(sp, cur_s) != 0)
			run = run_k = 0;
		cur_c = c;
		cur_s = sp;
		run += json_integer_value(json_object_get(r, "amount"));
		run_k += json_integer_value(json_object_get(r, "in_kind"));
		json_object_set_new(r, "cumulative", json_integer(run));
		json_object_set_new(r, "cumulative_in_kind", json_integer(run_k));
	}
	run = run_k = 0;
	for (size_t y = 0; y < ny; y++) {
		int64_t year = json_integer_value(json_array_get(years, y)), amount = 0, kind = 0;
		json_array_foreach(rows, i, r) if (json_integer_value(json_object_get(r, "year")) == year)
		{
			amount += json_integer_value(json_object_get(r, "amount"));
			kind += json_integer_value(json_object_get(r, "in_kind"));
		}
		run += amount;
		run_k += kind;
		json_t *x = json_object();
		json_object_set_new(x, "year", json_integer(year));
		json_object_set_new(x, "amount", json_integer(amount));
		json_object_set_new(x, "in_kind", json_integer(kind));
		json_object_set_new(x, "cumulative", json_integer(run));
		json_object_set_new(x, "cumulative_in_kind", json_integer(run_k));
		json_array_append_new(by_year, x);
	}
	json_object_set_new(o, "program", json_string(program));
	json_object_set_new(o, "years", years);
	json_object_set_new(o, "by_year", by_year);
	json_object_set_new(o, "rows", rows);
	json_object_set_new(o, "total", json_integer(total));
	json_object_set_new(o, "in_kind_total", json_integer(in_kind));
	*out = o;
	return 0;
}

static const char *row_name(json_t *r, const char *key, enum lang L)
{
	char k[32];
	snprintf(k, sizeof k, "%s_en", key);
	const char *en = json_string_value(json_object_get(r, k));
	const char *zh = json_string_value(json_object_get(r, key));
	return L == LANG_EN && en && en[0] ? en : zh ? zh : "";
}

int report_pivot(db *d, const struct report_opts *o, buf *out, err *e)
{
	json_t *j;
	if (report_pivot_json(d, o->program, &j, e))
		return -1;
	int rc = 0;
	json_t *rows = json_object_get(j, "rows"), *r;
	size_t i;
	if (o->format == FMT_JSON) {
		rc = report_json_dump(j, out, e);
	} else if (o->format == FMT_CSV) {
		buf_puts(out, "county_code,county,supporter_code,supporter,year,amount,in_kind,cumulative,"
		              "cumulative_in_kind\r\n");
		json_array_foreach(rows, i, r)
		{
			csv_put_field(out, json_string_value(json_object_get(r, "county_code")));
			buf_putc(out, ',');
			csv_put_field(out, row_name(r, "county", o->lang));
			buf_putc(out, ',');
			csv_put_field(out, json_string_value(json_object_get(r, "supporter_code")));
			buf_putc(out, ',');
			csv_put_field(out, row_name(r, "supporter", o->lang));
			buf_printf(out, ",%lld,%lld,%lld,%lld,%lld\r\n",
			           (long long)json_integer_value(json_object_get(r, "year")),
			           (long long)json_integer_value(json_object_get(r, "amount")),
			           (long long)json_integer_value(json_object_get(r, "in_kind")),
			           (long long)json_integer_value(json_object_get(r, "cumulative")),
			           (long long)json_integer_value(json_object_get(r, "cumulative_in_kind")));
		}
	} else {
		buf_puts(out, o->lang == LANG_EN ? "Funds in place by county, supporter and year\n"
		                                 : "到位资金：区县 × 支援方 × 年度\n");
		json_array_foreach(rows, i, r)
		{
			buf amount = BUF_INIT;
			num_fmt_thousands(&amount, json_integer_value(json_object_get(r, "amount")));
			buf_printf(out, "%s\t%s\t%lld\t%s\n", row_name(r, "county", o->lang),
			           row_name(r, "supporter", o->lang),
			           (long long)json_integer_value(json_object_get(r, "year")),
			           buf_str(&amount));
			buf_free(&amount);
		}
		buf amount = BUF_INIT;
		num_fmt_thousands(&amount, json_integer_value(json_object_get(j, "total")));
		buf_printf(out, "%s\t%s\n", o->lang == LANG_EN ? "Total" : "合计", buf_str(&amount));
		buf_reset(&amount);
		num_fmt_thousands(&amount, json_integer_value(json_object_get(j, "in_kind_total")));
		buf_printf(out, "%s\t%s\n", o->lang == LANG_EN ? "of which in kind" : "其中物资折款",
		           buf_str(&amount));
		/* the program's year by year, with the cumulative through each */
		buf_puts(out, o->lang == LANG_EN ? "\nyear\tamount\tin kind\tcumulative\tcumulative in kind\n"
		                                 : "\n年度\t到位资金\t其中物资折款\t累计\t累计物资折款\n");
		json_array_foreach(json_object_get(j, "by_year"), i, r)
		{
			buf_printf(out, "%lld", (long long)json_integer_value(json_object_get(r, "year")));
			static const char *const keys[] = {"amount", "in_kind", "cumulative",
			                                   "cumulative_in_kind"};
			for (size_t k = 0; k < 4; k++) {
				buf_reset(&amount);
				num_fmt_thousands(&amount, json_integer_value(json_object_get(r, keys[k])));
				buf_printf(out, "\t%s", buf_str(&amount));
			}
			buf_putc(out, '\n');
		}
		buf_free(&amount);
	}
	json_decref(j);
	return rc;
}

/* The pivot's sheets: a row per county and supporter, a column per year,
 * and a last row of the years' totals, three times: the amounts (with the
 * row's total), the cumulative through each year (累计: the running total,
 * as an Excel user would add it up across) and the in-kind part (物资折款,
 * with its total); then the long rows, as the CSV gives them. */
enum pivot_view { PV_AMOUNT, PV_CUMULATIVE, PV_IN_KIND };

static int pivot_sheet(xlsx_book *b, const char *name, json_t *j, enum lang L, enum pivot_view view, err *e)
{
	json_t *years = json_object_get(j, "years"), *rows = json_object_get(j, "rows");
	size_t ny = json_array_size(years), nrows = json_array_size(rows);
	bool with_total = view != PV_CUMULATIVE; /* a cumulative's last year is its total */
	size_t ncols = 4 + ny + with_total;
	const char **headers = xcalloc(ncols, sizeof *headers);
	char(*ytext)[8] = xcalloc(ny ? ny : 1, sizeof *ytext);
	bool en = L == LANG_EN;
	headers[0] = en ? "county_code" : "区县代码";
	headers[1] = en ? "county" : "受援区县";
	headers[2] = en ? "supporter_code" : "支援方代码";
	headers[3] = en ? "supporter" : "支援方";
	for (size_t y = 0; y < ny; y++) {
		snprintf(ytext[y], sizeof ytext[y], "%lld",
		         (long long)json_integer_value(json_array_get(years, y)));
		headers[4 + y] = ytext[y];
	}
	if (with_total)
		headers[4 + ny] = en ? "total" : "合计";
	/* rows come sorted by county and supporter: one line per change */
	struct xlsx_cell *cells = xcalloc((nrows + 1) * ncols, sizeof *cells);
	int64_t *col_total = xcalloc(ny + 1, sizeof *col_total);
	size_t line = 0;
	const char *cur_c = NULL, *cur_s = NULL;
	const char *key = view == PV_IN_KIND ? "in_kind" : "amount";
	for (size_t i = 0; i < nrows; i++) {
		json_t *r = json_array_get(rows, i);
		const char *c = json_string_value(json_object_get(r, "county_code"));
		const char *s = json_string_value(json_object_get(r, "supporter_code"));
		if (!cur_c || strcmp(c, cur_c) != 0 || strcmp(s, cur_s) != 0) {
			struct xlsx_cell *row = &cells[line++ * ncols];
			row[0] = (struct xlsx_cell){XC_TEXT, c, 0, 0};
			row[1] = (struct xlsx_cell){XC_TEXT, row_name(r, "county", L), 0, 0};
			row[2] = (struct xlsx_cell){XC_TEXT, s, 0, 0};
			row[3] = (struct xlsx_cell){XC_TEXT, row_name(r, "supporter", L), 0, 0};
			for (size_t y = 0; y < ny + with_total; y++)
				row[4 + y] = (struct xlsx_cell){XC_AMOUNT, NULL, 0, 0};
			cur_c = c;
			cur_s = s;
		}
		struct xlsx_cell *row = &cells[(line - 1) * ncols];
		int64_t year = json_integer_value(json_object_get(r, "year"));
		int64_t amount = json_integer_value(json_object_get(r, key));
		for (size_t y = 0; y < ny; y++)
			if (view == PV_CUMULATIVE ? json_integer_value(json_array_get(years, y)) >= year
			                          : json_integer_value(json_array_get(years, y)) == year)
				row[4 + y].i += amount;
		if (with_total)
			row[4 + ny].i += amount;
	}
	for (size_t l = 0; l < line; l++)
		for (size_t y = 0; y < ny + with_total; y++)
			col_total[y] += cells[l * ncols + 4 + y].i;
	struct xlsx_cell *last = &cells[line++ * ncols];
	last[0] = (struct xlsx_cell){XC_TEXT, en ? "Total" : "合计", 0, 0};
	for (size_t y = 0; y < ny + with_total; y++)
		last[4 + y] = (struct xlsx_cell){XC_AMOUNT, NULL, col_total[y], 0};
	int rc = xlsx_book_table(b, name, headers, ncols, cells, line, e);
	free(cells);
	free(col_total);
	free(headers);
	free(ytext);
	return rc;
}

int report_pivot_sheets(xlsx_book *b, json_t *j, enum lang L, err *e)
{
	bool en = L == LANG_EN;
	if (pivot_sheet(b, en ? "pivot" : "透视表", j, L, PV_AMOUNT, e) ||
	    pivot_sheet(b, en ? "cumulative" : "累计", j, L, PV_CUMULATIVE, e) ||
	    pivot_sheet(b, en ? "in_kind" : "物资折款", j, L, PV_IN_KIND, e))
		return -1;
	json_t *rows = json_object_get(j, "rows");
	size_t nrows = json_array_size(rows);
	enum { NL = 9 };
	const char *long_h[NL] = {"county_code", "county",  "supporter_code", "supporter",         "year",
	                          "amount",      "in_kind", "cumulative",     "cumulative_in_kind"};
	static const char *const long_k[] = {"amount", "in_kind", "cumulative", "cumulative_in_kind"};
	struct xlsx_cell *lc = xcalloc((nrows ? nrows : 1) * NL, sizeof *lc);
	for (size_t i = 0; i < nrows; i++) {
		json_t *r = json_array_get(rows, i);
		struct xlsx_cell *row = &lc[i * NL];
		row[0] = (struct xlsx_cell){XC_TEXT, json_string_value(json_object_get(r, "county_code")), 0,
		                            0};
		row[1] = (struct xlsx_cell){XC_TEXT, row_name(r, "county", L), 0, 0};
		row[2] = (struct xlsx_cell){XC_TEXT, json_string_value(json_object_get(r, "supporter_code")),
		                            0, 0};
		row[3] = (struct xlsx_cell){XC_TEXT, row_name(r, "supporter", L), 0, 0};
		row[4] = (struct xlsx_cell){XC_INT, NULL, json_integer_value(json_object_get(r, "year")), 0};
		for (size_t k = 0; k < 4; k++)
			row[5 + k] = (struct xlsx_cell){XC_AMOUNT, NULL,
			                                json_integer_value(json_object_get(r, long_k[k])), 0};
	}
	int rc = xlsx_book_table(b, en ? "rows" : "明细", long_h, NL, lc, nrows, e);
	free(lc);
	return rc;
}
