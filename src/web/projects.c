/* /projects: the project list with filters (county, supporter, status,
 * category, year signed, conference, industry tier, program), sorting by
 * column, 50 rows a page and the totals of the filtered rows; and
 * /projects.csv: the same filtered rows, in the same order, with the
 * columns import reads. Filters reach SQL only as bound parameters. */
#include "core/html.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "model/codes.h"
#include "model/kinds.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stddef.h>
#include <string.h>

#define PAGE_ROWS 50

struct filter {
	const struct actor *actor; /* whose scope limits the projects */
	const char *county, *supporter, *status, *category, *signed_year, *conference, *tier, *program;
	const char *order; /* an ORDER BY from sort_cols, never from the request */
	const char *sort, *dir;
	char year_first[11], year_last[11]; /* the signed year's days */
};

/* The industry tier of p.industry_code, by the rule of report/figures.c:
 * the division's tier when the code names a division, else the section's. */
#define TIER_SQL                                                                                             \
	"COALESCE((SELECT tier FROM industry_divisions WHERE code ="                                         \
	" CASE WHEN upper(substr(p.industry_code, 1, 1)) BETWEEN 'A' AND 'Z'"                                \
	" THEN substr(p.industry_code, 2, 2) ELSE substr(p.industry_code, 1, 2) END),"                       \
	" (SELECT tier FROM industry_sections WHERE code = upper(substr(p.industry_code, 1, 1))))"

#define FUNDS_SQL "COALESCE((SELECT SUM(f.amount) FROM funds f WHERE f.project_code = p.code), 0)"

static const char *const sort_cols[][2] = {
        {"code", "p.code"},
        {"name", "p.name"},
        {"county", "p.recipient_code"},
        {"supporter", "p.supporter_code"},
        {"signed", "p.signed_date"},
        {"status", "p.status"},
        {"category", "p.category"},
        {"total_investment", "p.total_investment"},
        {"contract", "p.contract_amount"},
        {"funds", FUNDS_SQL},
};

/* The filter params are checked against their lists, so that a wrong
 * value is a clear 400 rather than an empty list. */
static int read_filter(struct web_req *req, struct filter *f, err *e)
{
	f->actor = req->actor;
	f->county = web_param_or(req, "county", "");
	f->supporter = web_param_or(req, "supporter", "");
	f->status = web_param_or(req, "status", "");
	f->category = web_param_or(req, "category", "");
	f->signed_year = web_param_or(req, "signed", "");
	f->conference = web_param_or(req, "conference", "");
	f->tier = web_param_or(req, "tier", "");
	f->program = web_param_or(req, "program", "");
	int64_t v;
	int64_t year;
	if (web_param_int(req, "signed", 1949, 2100, 0, &year, e) ||
	    web_param_int(req, "tier", 1, 3, 0, &v, e))
		return -1;
	snprintf(f->year_first, sizeof f->year_first, "%04d-01-01", (int)year);
	snprintf(f->year_last, sizeof f->year_last, "%04d-12-31", (int)year);
	if (f->status[0] && codes_index("status", f->status) < 0)
		return err_add(e, EXIT_INVALID, "status: '%s' is not a status code", f->status);
	if (f->category[0] && codes_index("category", f->category) < 0)
		return err_add(e, EXIT_INVALID, "category: '%s' is not a category code", f->category);
	f->sort = web_param_or(req, "sort", "code");
	f->dir = web_param_or(req, "dir", "asc");
	if (strcmp(f->dir, "asc") != 0 && strcmp(f->dir, "desc") != 0)
		return err_add(e, EXIT_INVALID, "dir: '%s' is neither asc nor desc", f->dir);
	f->order = NULL;
	for (size_t i = 0; i < sizeof sort_cols / sizeof sort_cols[0]; i++)
		if (strcmp(f->sort, sort_cols[i][0]) == 0)
			f->order = sort_cols[i][1];
	if (!f->order)
		return err_add(e, EXIT_INVALID, "sort: '%s' is not a column of the list", f->sort);
	return 0;
}

/* Appends " WHERE" and a condition for each filter given, then the
 * actor's scope, binding the values to V in order; returns their count.
 * Only the filters given are written, so the query planner can use an
 * index for them ("$1 = '' OR col = $1" would read every project). */
static size_t filter_where(const struct filter *f, buf *sql, struct db_value *v)
{
	static const struct {
		const char *sql; /* with %d for the parameter's number */
		size_t field;
	} conds[] = {
	        {" AND p.recipient_code = $%d", offsetof(struct filter, county)},
	        {" AND p.supporter_code = $%d", offsetof(struct filter, supporter)},
	        {" AND p.status = $%d", offsetof(struct filter, status)},
	        {" AND p.category = $%d", offsetof(struct filter, category)},
	        {" AND p.conference = $%d", offsetof(struct filter, conference)},
	        {" AND " TIER_SQL " = CAST($%d AS INTEGER)", offsetof(struct filter, tier)},
	        {" AND p.program = $%d", offsetof(struct filter, program)},
	};
	size_t n = 0;
	buf_puts(sql, " WHERE 1 = 1");
	for (size_t i = 0; i < sizeof conds / sizeof conds[0]; i++) {
		const char *value = *(const char *const *)((const char *)f + conds[i].field);
		if (!value[0])
			continue;
		buf_printf(sql, conds[i].sql, (int)n + 1);
		v[n++] = (struct db_value){'t', 0, value};
	}
	if (f->signed_year[0]) {
		/* a range of days, which the index on signed_date serves */
		buf_printf(sql, " AND p.signed_date >= $%zu AND p.signed_date <= $%zu", n + 1, n + 2);
		v[n++] = (struct db_value){'t', 0, f->year_first};
		v[n++] = (struct db_value){'t', 0, f->year_last};
	}
	return n + perm_scope_sql(f->actor, kind_find("projects"), PERM_READ, "p", (int)n + 1, sql, &v[n]);
}

static int prepare(db *d, const char *sql, const struct db_value *v, size_t n, db_stmt **st, err *e)
{
	if (db_prepare(d, st, e, sql, ""))
		return -1;
	if (db_rebind_values(*st, e, v, n)) {
		db_finalize(*st);
		return -1;
	}
	return 0;
}

/* SELECT_LIST FROM projects p … WHERE filter and scope ORDER BY sort LIMIT OFFSET */
static int query(db *d, const struct filter *f, const char *select_list, int64_t limit, int64_t offset,
                 db_stmt **st, err *e)
{
	buf sql = BUF_INIT;
	struct db_value v[16]; /* 9 filter values, the scope's, limit, offset */
	buf_printf(&sql,
	           "SELECT %s FROM projects p LEFT JOIN divisions r ON r.code = p.recipient_code"
	           " LEFT JOIN divisions s ON s.code = p.supporter_code",
	           select_list);
	size_t n = filter_where(f, &sql, v);
	/* every row: a limit every backend takes (no LIMIT -1) */
	v[n] = (struct db_value){'i', limit < 0 ? INT64_MAX : limit, NULL};
	v[n + 1] = (struct db_value){'i', offset, NULL};
	/* NULLs sort as the smallest value on every backend (PostgreSQL would
	 * put them last ascending) */
	const char *dir = strcmp(f->dir, "desc") == 0 ? "DESC" : "ASC";
	buf_printf(&sql, " ORDER BY (%s IS NOT NULL) %s, %s %s, p.code LIMIT $%zu OFFSET $%zu", f->order, dir,
	           f->order, dir, n + 1, n + 2);
	int rc = prepare(d, buf_str(&sql), v, n + 2, st, e);
	buf_free(&sql);
	return rc;
}

struct totals {
	int64_t count, total_investment, contract, funds;
};

static int totals(db *d, const struct filter *f, struct totals *t, err *e)
{
	db_stmt *st;
	buf sql = BUF_INIT;
	struct db_value v[16];
	buf_puts(&sql, "SELECT COUNT(*), COALESCE(SUM(p.total_investment), 0), "
	               "COALESCE(SUM(p.contract_amount), 0),"
	               " COALESCE(SUM(" FUNDS_SQL "), 0) FROM projects p");
	size_t n = filter_where(f, &sql, v);
	int rc = prepare(d, buf_str(&sql), v, n, &st, e);
	buf_free(&sql);
	if (rc)
		return -1;
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		t->count = db_col_int(st, 0);
		t->total_investment = db_col_int(st, 1);
		t->contract = db_col_int(st, 2);
		t->funds = db_col_int(st, 3);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static void option(buf *b, const char *value, const char *label, const char *current)
{
	buf_puts(b, "<option value=\"");
	html_escape_attr(b, value);
	buf_puts(b, strcmp(value, current) == 0 ? "\" selected>" : "\">");
	html_escape(b, label);
	buf_puts(b, "</option>");
}

static void select_begin(buf *b, enum lang L, const char *name, const char *label_key)
{
	buf_puts(b, "<label>");
	html_escape(b, web_t(L, label_key));
	buf_puts(b, " <select name=\"");
	html_escape_attr(b, name);
	buf_puts(b, "\">");
	option(b, "", web_t(L, "proj.all"), "-");
}

/* A select whose options come from SQL rows (value, Chinese, English).
 * SQL may hold "%s" once, where the actor's scope on projects p goes (a
 * " AND …" condition after a WHERE). */
/* The distinct values of projects' column COL with their division names,
 * found by skipping through COL's index (one probe per value, each the
 * smallest value above the last) rather than by reading every project. */
#define DISTINCT_CODES(col)                                                                                  \
	"WITH RECURSIVE c(code) AS (SELECT MIN(p." col ") FROM projects p WHERE 1 = 1%s UNION ALL"           \
	" SELECT (SELECT MIN(p." col ") FROM projects p WHERE p." col " > c.code%s) FROM c"                  \
	" WHERE c.code IS NOT NULL)"                                                                         \
	" SELECT c.code, COALESCE(v.name_zh, c.code), COALESCE(v.name_en, '') FROM c"                        \
	" LEFT JOIN divisions v ON v.code = c.code WHERE c.code IS NOT NULL ORDER BY c.code"

static int select_sql(buf *b, struct web_req *req, const char *name, const char *label_key,
                      const char *current, const char *sql, err *e)
{
	enum lang L = req->lang;
	db_stmt *st;
	buf scope = BUF_INIT, full = BUF_INIT;
	struct db_value v;
	size_t n = 0;
	/* every %s is the reader's scope on projects p, its values bound once */
	if (strstr(sql, "%s"))
		n = perm_scope_sql(req->actor, kind_find("projects"), PERM_READ, "p", 1, &scope, &v);
	for (const char *at; (at = strstr(sql, "%s")); sql = at + 2) {
		buf_add(&full, sql, (size_t)(at - sql));
		buf_puts(&full, buf_str(&scope));
	}
	buf_puts(&full, sql);
	int prc = prepare(req->db, buf_str(&full), &v, n, &st, e);
	buf_free(&scope);
	buf_free(&full);
	if (prc)
		return -1;
	select_begin(b, L, name, label_key);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *en = db_col_text(st, 2);
		option(b, db_col_text(st, 0), L == LANG_EN && en[0] ? en : db_col_text(st, 1), current);
	}
	db_finalize(st);
	buf_puts(b, "</select></label>\n");
	return rc == DB_ERROR ? -1 : 0;
}

static void select_codes(buf *b, enum lang L, const char *name, const char *list, const char *label_key,
                         const char *current)
{
	const struct code_list *cl = codes_list(list);
	select_begin(b, L, name, label_key);
	for (size_t i = 0; cl && i < cl->n; i++)
		option(b, cl->items[i].code, L == LANG_EN ? cl->items[i].en : cl->items[i].zh, current);
	buf_puts(b, "</select></label>\n");
}

static int filter_form(buf *b, struct web_req *req, const struct filter *f, err *e)
{
	enum lang L = req->lang;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/projects\">\n");
	if (select_sql(b, req, "county", "proj.county", f->county, DISTINCT_CODES("recipient_code"), e) ||
	    select_sql(b, req, "supporter", "proj.supporter", f->supporter, DISTINCT_CODES("supporter_code"),
	               e))
		return -1;
	select_codes(b, L, "status", "status", "proj.status", f->status);
	select_codes(b, L, "category", "category", "proj.category", f->category);
	if (select_sql(b, req, "signed", "proj.year", f->signed_year,
	               /* the years from the latest signing back to the first: two
	                  probes of the signed_date index, not a read of every project */
	               "WITH RECURSIVE y(n) AS (SELECT CAST(substr(MAX(p.signed_date), 1, 4) AS INTEGER)"
	               " FROM projects p WHERE 1 = 1%s UNION ALL SELECT n - 1 FROM y WHERE n >"
	               " (SELECT CAST(substr(MIN(signed_date), 1, 4) AS INTEGER) FROM projects))"
	               " SELECT CAST(n AS TEXT), CAST(n AS TEXT), '' FROM y WHERE n IS NOT NULL",
	               e) ||
	    select_sql(b, req, "conference", "proj.conference", f->conference,
	               "SELECT code, name || ' (' || date || ')', '' FROM conferences ORDER BY date, code",
	               e))
		return -1;
	select_begin(b, L, "tier", "proj.tier");
	option(b, "1", web_t(L, "proj.tier1"), f->tier);
	option(b, "2", web_t(L, "proj.tier2"), f->tier);
	option(b, "3", web_t(L, "proj.tier3"), f->tier);
	buf_puts(b, "</select></label>\n");
	if (select_sql(b, req, "program", "dash.program", f->program,
	               "SELECT code, name_zh, name_en FROM programs ORDER BY start_year, code", e))
		return -1;
	/* keep the sort order across a new filter */
	buf_puts(b, "<input type=\"hidden\" name=\"sort\" value=\"");
	html_escape_attr(b, f->sort);
	buf_puts(b, "\"><input type=\"hidden\" name=\"dir\" value=\"");
	html_escape_attr(b, f->dir);
	buf_puts(b, "\">\n<button type=\"submit\">");
	html_escape(b, web_t(L, "proj.filter"));
	buf_puts(b, "</button> <a href=\"/projects\">");
	html_escape(b, web_t(L, "proj.clear"));
	buf_puts(b, "</a>\n</form>\n");
	return 0;
}

static const char *const drop_nav[] = {"sort", "dir", "page", "lang", NULL};

static void sort_header(buf *b, struct web_req *req, const struct filter *f, const char *col,
                        const char *label_key, bool numeric)
{
	bool current = strcmp(f->sort, col) == 0;
	bool next_desc = current && strcmp(f->dir, "asc") == 0;
	buf url = BUF_INIT;
	page_url(&url, req, "/projects", drop_nav, "sort", col);
	buf_printf(&url, "&dir=%s", next_desc ? "desc" : "asc");
	buf_puts(b, numeric ? "<th class=\"n\"" : "<th");
	if (current)
		buf_puts(b, strcmp(f->dir, "asc") == 0 ? " aria-sort=\"ascending\""
		                                       : " aria-sort=\"descending\"");
	buf_puts(b, "><a href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, web_t(req->lang, label_key));
	if (current)
		buf_puts(b, strcmp(f->dir, "asc") == 0 ? " ▲" : " ▼");
	buf_puts(b, "</a></th>");
	buf_free(&url);
}

static void cell(buf *b, const char *cls, const char *text)
{
	buf_puts(b, cls ? "<td class=\"" : "<td>");
	if (cls) {
		html_escape_attr(b, cls);
		buf_puts(b, "\">");
	}
	html_escape(b, text);
	buf_puts(b, "</td>");
}

static void amount_cell(buf *b, db_stmt *st, int col, enum lang L)
{
	buf f = BUF_INIT;
	if (db_col_null(st, col))
		buf_puts(&f, "—");
	else
		num_fmt_amount(&f, db_col_int(st, col), L);
	cell(b, "n", buf_str(&f));
	buf_free(&f);
}

static int rows_table(buf *b, struct web_req *req, const struct filter *f, int64_t page, err *e)
{
	enum lang L = req->lang;
	db_stmt *st;
	if (query(req->db, f,
	          "p.code, p.name, COALESCE(r.name_zh, p.recipient_code), COALESCE(r.name_en, ''),"
	          " COALESCE(s.name_zh, p.supporter_code), COALESCE(s.name_en, ''), p.signed_date, p.status,"
	          " p.category, p.total_investment, p.contract_amount, " FUNDS_SQL,
	          PAGE_ROWS, (page - 1) * PAGE_ROWS, &st, e))
		return -1;
	buf_puts(b, "<table class=\"list\" id=\"projects\">\n<thead><tr>");
	sort_header(b, req, f, "code", "proj.code", false);
	sort_header(b, req, f, "name", "proj.name", false);
	sort_header(b, req, f, "county", "proj.county", false);
	sort_header(b, req, f, "supporter", "proj.supporter", false);
	sort_header(b, req, f, "signed", "proj.signed", false);
	sort_header(b, req, f, "status", "proj.status", false);
	sort_header(b, req, f, "category", "proj.category", false);
	sort_header(b, req, f, "total_investment", "proj.total_investment", true);
	sort_header(b, req, f, "contract", "proj.contract", true);
	sort_header(b, req, f, "funds", "proj.funds", true);
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *county_en = db_col_text(st, 3), *supporter_en = db_col_text(st, 5);
		buf_puts(b, "<tr>");
		/* the code links to the project's page */
		buf_puts(b, "<td class=\"code\"><a href=\"/projects/");
		buf href = BUF_INIT;
		page_url_encode(&href, db_col_text(st, 0));
		html_escape_attr(b, buf_str(&href));
		buf_free(&href);
		buf_puts(b, "\">");
		html_escape(b, db_col_text(st, 0));
		buf_puts(b, "</a></td>");
		cell(b, "name", db_col_text(st, 1));
		cell(b, "county", L == LANG_EN && county_en[0] ? county_en : db_col_text(st, 2));
		cell(b, "supporter", L == LANG_EN && supporter_en[0] ? supporter_en : db_col_text(st, 4));
		cell(b, "date", db_col_text(st, 6));
		cell(b, "status", codes_label("status", db_col_text(st, 7), L));
		cell(b, "category", codes_label("category", db_col_text(st, 8), L));
		amount_cell(b, st, 9, L);
		amount_cell(b, st, 10, L);
		amount_cell(b, st, 11, L);
		buf_puts(b, "</tr>\n");
	}
	db_finalize(st);
	buf_puts(b, "</tbody>\n</table>\n");
	return rc == DB_ERROR ? -1 : 0;
}

static void totals_box(buf *b, enum lang L, const struct totals *t)
{
	buf v = BUF_INIT;
	buf_puts(b, "<dl class=\"totals\" id=\"totals\"><dt>");
	html_escape(b, web_t(L, "proj.count"));
	buf_puts(b, "</dt><dd id=\"total-count\">");
	num_fmt_thousands(&v, t->count);
	html_escape(b, buf_str(&v));
	const char *keys[] = {"proj.total_investment", "proj.contract", "proj.funds"};
	const char *ids[] = {"total-investment", "total-contract", "total-funds"};
	const int64_t vals[] = {t->total_investment, t->contract, t->funds};
	for (int i = 0; i < 3; i++) {
		buf_puts(b, "</dd><dt>");
		html_escape(b, web_t(L, keys[i]));
		buf_printf(b, "</dt><dd id=\"%s\">", ids[i]);
		buf_reset(&v);
		num_fmt_amount(&v, vals[i], L);
		html_escape(b, buf_str(&v));
	}
	buf_puts(b, "</dd></dl>\n");
	buf_free(&v);
}

int page_projects(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	struct filter f;
	struct totals t = {0};
	int64_t page;
	if (read_filter(req, &f, e) || web_param_int(req, "page", 1, INT32_MAX, 1, &page, e) ||
	    totals(req->db, &f, &t, e))
		return -1;
	int64_t pages = t.count ? (t.count + PAGE_ROWS - 1) / PAGE_ROWS : 1;
	if (page > pages)
		page = pages;
	struct page p = {"projects", web_t(L, "proj.title"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(L, "proj.title"));
	buf_puts(b, "</h1>\n");
	if (filter_form(b, req, &f, e))
		return -1;
	buf_puts(b, "<section class=\"summary\"><h2>");
	html_escape(b, web_t(L, "proj.totals"));
	buf_puts(b, "</h2>\n");
	totals_box(b, L, &t);
	page_csv_link(b, req, "/projects.csv");
	page_xlsx_link(b, req, "/projects.xlsx");
	if (perm_may(req->actor, kind_find("projects"), PERM_WRITE))
		page_template_link(b, req, "/templates/projects.xlsx");
	buf_puts(b, "</section>\n");
	if (t.count == 0) {
		buf_puts(b, "<p class=\"none\">");
		html_escape(b, web_t(L, "proj.none"));
		buf_puts(b, "</p>\n");
	} else {
		if (rows_table(b, req, &f, page, e))
			return -1;
		page_pager(b, req, page, pages);
	}
	page_end(req, resp);
	return 0;
}

/* /projects.csv and /projects.xlsx: the filtered rows, in the page's order */
int page_projects_csv(struct web_req *req, struct web_resp *resp, err *e)
{
	struct filter f;
	if (read_filter(req, &f, e))
		return -1;
	size_t plen = strlen(req->path);
	bool xlsx = plen > 5 && strcmp(req->path + plen - 5, ".xlsx") == 0;
	const struct kind *k = kind_find("projects");
	buf cols = BUF_INIT;
	for (size_t i = 0; i < k->ncols; i++) {
		if (i) {
			if (!xlsx)
				buf_putc(&resp->body, ',');
			buf_puts(&cols, ", ");
		}
		if (!xlsx)
			csv_put_field(&resp->body, k->cols[i].name);
		/* names from the kinds table, which are the table's columns */
		buf_printf(&cols, "p.%s", k->cols[i].name);
	}
	if (!xlsx)
		buf_puts(&resp->body, "\r\n");
	db_stmt *st;
	int rc = query(req->db, &f, buf_str(&cols), -1, 0, &st, e);
	buf_free(&cols);
	if (rc)
		return -1;
	if (xlsx) {
		rc = xlsx_rows_to_buf(k, st, &resp->body, e);
		db_finalize(st);
		if (rc)
			return -1;
		resp->content_type = WEB_XLSX_TYPE;
		web_resp_attachment(resp, "projects.xlsx",
		                    req->lang == LANG_EN ? "Projects.xlsx" : "项目.xlsx");
		return 0;
	}
	while ((rc = db_step(st, e)) == DB_ROW) {
		for (int i = 0; i < db_ncols(st); i++) {
			if (i)
				buf_putc(&resp->body, ',');
			csv_put_field(&resp->body, db_col_text(st, i));
		}
		buf_puts(&resp->body, "\r\n");
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	resp->content_type = "text/csv; charset=utf-8";
	web_resp_header(resp, "Content-Disposition", "attachment; filename=\"projects.csv\"");
	return 0;
}
