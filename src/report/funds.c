/* Funds in place broken down for charts: by year over the program's whole
 * history, and for one year by recipient county and by supporter. The
 * same definition as the annual summary's total (receipts dated in the
 * year, of the program's projects), so the parts add up to that figure. */
#include "report/figures.h"
#include "report/names.h"
#include "report/report.h"
#include <stdlib.h>
#include <string.h>

static int by_division(db *d, const char *program, int year, const char *column, json_t *arr, err *e)
{
	char start[11], end[11];
	figures_year_bounds(year, start, end);
	/* COLUMN is one of two fixed names chosen below, never input */
	buf sql = BUF_INIT;
	buf_printf(&sql,
	           "SELECT p.%s, COALESCE(v.name_zh, ''), COALESCE(v.name_en, ''), SUM(f.amount) AS total"
	           " FROM funds f JOIN projects p ON p.code = f.project_code"
	           " LEFT JOIN divisions v ON v.code = p.%s"
	           " WHERE p.program = $1 AND f.date >= $2 AND f.date <= $3"
	           " GROUP BY p.%s, v.name_zh, v.name_en ORDER BY total DESC, p.%s",
	           column, column, column, column);
	db_stmt *st;
	buf tmp = BUF_INIT;
	int rc = db_prepare(d, &st, e, report_sql(d, buf_str(&sql), &tmp), "ttt", program, start, end);
	buf_free(&tmp);
	buf_free(&sql);
	if (rc)
		return -1;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(db_col_text(st, 0)));
		json_object_set_new(o, "name", json_string(db_col_text(st, 1)));
		json_object_set_new(o, "name_en", json_string(db_col_text(st, 2)));
		buf sh = BUF_INIT;
		names_short(&sh, db_col_text(st, 1), LANG_ZH);
		json_object_set_new(o, "short_name", json_string(buf_str(&sh)));
		buf_reset(&sh);
		names_short(&sh, db_col_text(st, 2), LANG_EN);
		json_object_set_new(o, "short_name_en", json_string(buf_str(&sh)));
		buf_free(&sh);
		json_object_set_new(o, "amount", json_integer(db_col_int(st, 3)));
		json_array_append_new(arr, o);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int report_funds_breakdown_json(db *d, const char *program, int year, json_t **out, err *e)
{
	char *zh = NULL, *en = NULL;
	*out = NULL;
	if (figures_program(d, program, &zh, &en, e))
		return -1;
	free(zh);
	free(en);
	json_t *o = json_object(), *years = json_array(), *county = json_array(), *supporter = json_array();
	json_object_set_new(o, "by_year", years);
	json_object_set_new(o, "by_county", county);
	json_object_set_new(o, "by_supporter", supporter);
	db_stmt *st;
	buf tmp = BUF_INIT;
	int rc = db_prepare(d, &st, e,
	                    report_sql(d,
	                               "SELECT CAST(substr(f.date, 1, 4) AS INTEGER) AS y, SUM(f.amount)"
	                               " FROM funds f JOIN projects p ON p.code = f.project_code"
	                               " WHERE p.program = $1 GROUP BY y ORDER BY y",
	                               &tmp),
	                    "t", program);
	buf_free(&tmp);
	if (rc == 0) {
		while ((rc = db_step(st, e)) == DB_ROW) {
			json_t *r = json_object();
			json_object_set_new(r, "year", json_integer(db_col_int(st, 0)));
			json_object_set_new(r, "amount", json_integer(db_col_int(st, 1)));
			json_array_append_new(years, r);
		}
		db_finalize(st);
		rc = rc == DB_ERROR ? -1 : 0;
	}
	if (rc == 0)
		rc = by_division(d, program, year, "recipient_code", county, e);
	if (rc == 0)
		rc = by_division(d, program, year, "supporter_code", supporter, e);
	if (rc) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}
