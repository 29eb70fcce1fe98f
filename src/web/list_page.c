/* /{kind} and /{kind}.csv for funds, labour, training, plans, visits,
 * pairings, conferences and status: one page driven by the kinds table
 * (list.h) with a select per filter column, a year filter, sortable
 * headers, 50 rows a page, the totals of the filtered rows, and the CSV of
 * exactly those rows with the columns import reads. */
#include "core/html.h"
#include "io/csv.h"
#include "io/transfer.h"
#include "io/xlsx_write.h"
#include "model/codes.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/list.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdio.h>
#include <string.h>

#define PAGE_ROWS 50

/* The kind named by the path: "/funds" and "/funds.csv" name funds. */
static const struct kind *path_kind(const struct web_req *req, err *e)
{
	char name[32];
	size_t n = strcspn(req->path + 1, ".");
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, req->path + 1, n);
	name[n] = '\0';
	const struct kind *k = kind_find(name);
	if (!k)
		err_add(e, EXIT_SYSTEM, "%s: no kind for this page", req->path);
	return k;
}

/* The table holding the names of a column's values, or NULL. */
static bool has_label(const struct column *c)
{
	return c->type == CT_DIVISION || c->type == CT_PROGRAM || c->type == CT_CONFERENCE ||
	       c->type == CT_PROJECT;
}

static void label_sql(buf *sql, const struct column *c)
{
	const char *zh = "name_zh", *en = "name_en", *table = "divisions";
	if (c->type == CT_PROGRAM)
		table = "programs";
	else if (c->type == CT_CONFERENCE || c->type == CT_PROJECT) {
		table = c->type == CT_CONFERENCE ? "conferences" : "projects";
		zh = en = "name";
	}
	buf_printf(sql,
	           ", (SELECT %s FROM %s WHERE code = t.\"%s\"), (SELECT %s FROM %s WHERE code = t.\"%s\")",
	           zh, table, c->name, en, table, c->name);
}

/* The Chinese header of the kinds table, or in English the column's name
 * made readable ("recipient_code" -> "Recipient"); OUT holds the latter. */
static const char *col_title(enum lang L, const struct column *c, char out[48])
{
	if (L == LANG_ZH && c->zh)
		return c->zh;
	size_t n = strlen(c->name);
	if (n > 5 && strcmp(c->name + n - 5, "_code") == 0)
		n -= 5;
	if (n > 47)
		n = 47;
	for (size_t i = 0; i < n; i++)
		out[i] = c->name[i] == '_' ? ' ' : c->name[i];
	out[n] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return out;
}

static void option(buf *b, const char *value, const char *label, const char *current)
{
	buf_puts(b, "<option value=\"");
	html_escape_attr(b, value);
	buf_puts(b, current && strcmp(value, current) == 0 ? "\" selected>" : "\">");
	html_escape(b, label);
	buf_puts(b, "</option>");
}

static void select_begin(buf *b, enum lang L, const char *name, const char *title)
{
	buf_puts(b, "<label>");
	html_escape(b, title);
	buf_puts(b, " <select name=\"");
	html_escape_attr(b, name);
	buf_puts(b, "\">");
	option(b, "", web_t(L, "proj.all"), NULL);
}

/* Options from SQL rows (value, Chinese label, English label); V[0..n)
 * are its parameters. */
static int select_sql(buf *b, db *d, enum lang L, const char *name, const char *title, const char *current,
                      const char *sql, const struct db_value *v, size_t n, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, sql, ""))
		return -1;
	if (db_rebind_values(st, e, v, n)) {
		db_finalize(st);
		return -1;
	}
	select_begin(b, L, name, title);
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *en = db_col_text(st, 2);
		option(b, db_col_text(st, 0), L == LANG_EN && en[0] ? en : db_col_text(st, 1), current);
	}
	db_finalize(st);
	buf_puts(b, "</select></label>\n");
	return rc == DB_ERROR ? -1 : 0;
}

/* The values present in the rows of the kind's table that the reader
 * may see, with their names. */
static int column_select(buf *b, struct web_req *req, const struct kind *k, const struct column *c,
                         const char *current, err *e)
{
	db *d = req->db;
	enum lang L = req->lang;
	char t[48];
	if (c->type == CT_CODE) {
		const struct code_list *cl = codes_list(c->list);
		select_begin(b, L, c->name, col_title(L, c, t));
		for (size_t i = 0; cl && i < cl->n; i++)
			option(b, cl->items[i].code, L == LANG_EN ? cl->items[i].en : cl->items[i].zh,
			       current);
		buf_puts(b, "</select></label>\n");
		return 0;
	}
	buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT DISTINCT t.\"%s\"", c->name);
	label_sql(&sql, c);
	buf_printf(&sql, " FROM %s t WHERE t.\"%s\" IS NOT NULL AND t.\"%s\" <> ''", k->table, c->name,
	           c->name);
	struct db_value v;
	size_t n = perm_scope_sql(req->actor, k, PERM_READ, "t", 1, &sql, &v);
	buf_puts(&sql, " ORDER BY 1");
	int rc = select_sql(b, d, L, c->name, col_title(L, c, t), current, buf_str(&sql), &v, n, e);
	buf_free(&sql);
	return rc;
}

/* The years the kind's records fall in, newest first. */
static int year_select(buf *b, db *d, enum lang L, const struct kind *k, int64_t current, err *e)
{
	const char *date = NULL, *lo = NULL, *hi = NULL;
	for (size_t i = 0; i < k->ncols; i++) {
		if (k->cols[i].type == CT_DATE && !date && !lo)
			date = k->cols[i].name;
		else if (k->cols[i].type == CT_YEAR && !date && !lo)
			lo = k->cols[i].name;
		else if (k->cols[i].type == CT_YEAR && lo && !hi)
			hi = k->cols[i].name;
	}
	if (!date && !lo) /* a kind without dates or years (people, project teams) */
		return 0;
	buf sql = BUF_INIT;
	if (date)
		buf_printf(&sql,
		           "SELECT MIN(CAST(substr(\"%s\", 1, 4) AS INTEGER)), MAX(CAST(substr(\"%s\", 1, 4) "
		           "AS INTEGER))"
		           " FROM %s",
		           date, date, k->table);
	else
		buf_printf(&sql, "SELECT MIN(\"%s\"), MAX(COALESCE(\"%s\", \"%s\")) FROM %s", lo,
		           hi ? hi : lo, lo, k->table);
	db_stmt *st;
	int rc = db_prepare(d, &st, e, buf_str(&sql), "");
	buf_free(&sql);
	if (rc)
		return -1;
	int64_t first = 0, last = -1;
	rc = db_step(st, e);
	if (rc == DB_ROW && !db_col_null(st, 0)) {
		first = db_col_int(st, 0);
		last = db_col_int(st, 1);
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	char cur[24] = "", y[24];
	if (current)
		snprintf(cur, sizeof cur, "%lld", (long long)current);
	select_begin(b, L, "year", web_t(L, "nav.year"));
	for (int64_t v = last; v >= first; v--) {
		snprintf(y, sizeof y, "%lld", (long long)v);
		option(b, y, y, cur);
	}
	buf_puts(b, "</select></label>\n");
	return 0;
}

static int filter_form(buf *b, struct web_req *req, const struct list_query *q, err *e)
{
	enum lang L = req->lang;
	const struct kind *k = q->k;
	buf_printf(b, "<form class=\"filters\" method=\"get\" action=\"/%s\">\n", k->name);
	if (list_has_county(k)) {
		buf sql = BUF_INIT;
		struct db_value v;
		buf_printf(&sql,
		           "SELECT DISTINCT p.recipient_code, d.name_zh, d.name_en FROM %s f"
		           " JOIN projects p ON p.code = f.project_code JOIN divisions d ON d.code = "
		           "p.recipient_code WHERE 1 = 1",
		           k->table);
		size_t n = perm_scope_sql(req->actor, k, PERM_READ, "f", 1, &sql, &v);
		buf_puts(&sql, " ORDER BY 1");
		int rc = select_sql(b, req->db, L, "county", web_t(L, "proj.county"), q->county,
		                    buf_str(&sql), &v, n, e);
		/* the project's supporter (issue 10) */
		buf_reset(&sql);
		buf_printf(&sql,
		           "SELECT DISTINCT p.supporter_code, d.name_zh, d.name_en FROM %s f"
		           " JOIN projects p ON p.code = f.project_code JOIN divisions d ON d.code = "
		           "p.supporter_code WHERE 1 = 1",
		           k->table);
		n = perm_scope_sql(req->actor, k, PERM_READ, "f", 1, &sql, &v);
		buf_puts(&sql, " ORDER BY 1");
		if (rc == 0)
			rc = select_sql(b, req->db, L, "supporter", web_t(L, "proj.supporter"), q->supporter,
			                buf_str(&sql), &v, n, e);
		buf_free(&sql);
		if (rc)
			return -1;
	}
	for (size_t i = 0; i < k->ncols; i++)
		if (list_filterable(&k->cols[i]) && column_select(b, req, k, &k->cols[i], q->value[i], e))
			return -1;
	if (year_select(b, req->db, L, k, q->year, e))
		return -1;
	const char *sort = q->sort >= 0 ? k->cols[q->sort].name : "";
	buf_puts(b, "<input type=\"hidden\" name=\"sort\" value=\"");
	html_escape_attr(b, sort);
	buf_puts(b, "\"><input type=\"hidden\" name=\"dir\" value=\"");
	buf_puts(b, q->desc ? "desc" : "asc");
	buf_puts(b, "\">\n<button type=\"submit\">");
	html_escape(b, web_t(L, "proj.filter"));
	buf_printf(b, "</button> <a href=\"/%s\">", k->name);
	html_escape(b, web_t(L, "proj.clear"));
	buf_puts(b, "</a>\n</form>\n");
	return 0;
}

static void totals_box(buf *b, enum lang L, const struct kind *k, const struct list_totals *tot)
{
	buf v = BUF_INIT;
	char t[48];
	buf_puts(b, "<dl class=\"totals\" id=\"totals\"><dt>");
	html_escape(b, web_t(L, "list.count"));
	buf_puts(b, "</dt><dd id=\"total-count\">");
	num_fmt_thousands(&v, tot->count);
	html_escape(b, buf_str(&v));
	buf_puts(b, "</dd>");
	for (size_t i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		if (!list_summed(c))
			continue;
		buf_reset(&v);
		if (c->type == CT_AMOUNT)
			num_fmt_amount(&v, tot->sum[i], L);
		else
			num_fmt_thousands(&v, tot->sum[i]);
		buf_puts(b, "<dt>");
		html_escape(b, col_title(L, c, t));
		buf_puts(b, "</dt><dd id=\"total-");
		html_escape_attr(b, c->name);
		buf_puts(b, "\" data-value=\"");
		buf_printf(b, "%lld", (long long)tot->sum[i]);
		buf_puts(b, "\">");
		html_escape(b, buf_str(&v));
		buf_puts(b, "</dd>");
	}
	buf_puts(b, "</dl>\n");
	buf_free(&v);
}

static const char *const drop_nav[] = {"sort", "dir", "page", "lang", NULL};

static void sort_header(buf *b, struct web_req *req, const struct list_query *q, size_t i)
{
	const struct column *c = &q->k->cols[i];
	char t[48];
	bool current = q->sort == (int)i, next_desc = current && !q->desc;
	bool numeric = list_summed(c) || c->type == CT_YEAR;
	buf url = BUF_INIT;
	page_url(&url, req, req->path, drop_nav, "sort", c->name);
	buf_printf(&url, "&dir=%s", next_desc ? "desc" : "asc");
	buf_puts(b, numeric ? "<th class=\"n\"" : "<th");
	if (current)
		buf_puts(b, q->desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"");
	buf_puts(b, "><a href=\"");
	html_escape_attr(b, buf_str(&url));
	buf_puts(b, "\">");
	html_escape(b, col_title(req->lang, c, t));
	if (current)
		buf_puts(b, q->desc ? " ▼" : " ▲");
	buf_puts(b, "</a></th>");
	buf_free(&url);
}

/* One cell: names for codes and divisions, num.c for figures. LABEL is
 * the statement column of the value's Chinese name (English after it). */
static void value_cell(buf *b, db_stmt *st, const struct column *c, int col, int label, enum lang L)
{
	const char *v = db_col_text(st, col);
	buf f = BUF_INIT;
	bool numeric = list_summed(c) || c->type == CT_YEAR;
	buf_printf(b, "<td class=\"%s\" data-col=\"", numeric ? "n" : "v");
	html_escape_attr(b, c->name);
	buf_puts(b, "\">");
	if (db_col_null(st, col) || !v[0]) {
		buf_puts(b, numeric ? "—" : "");
	} else if (c->type == CT_AMOUNT) {
		num_fmt_amount(&f, db_col_int(st, col), L);
	} else if (c->type == CT_INT) {
		num_fmt_thousands(&f, db_col_int(st, col));
	} else if (c->type == CT_BOOL) {
		buf_puts(&f, web_t(L, db_col_int(st, col) ? "list.yes" : "list.no"));
	} else if (c->type == CT_CODE) {
		buf_puts(&f, codes_label(c->list, v, L));
	} else if (c->type == CT_CODES) {
		/* "a;b" as their labels joined */
		buf one = BUF_INIT;
		for (const char *p = v; *p;) {
			size_t n = strcspn(p, ";");
			buf_reset(&one);
			buf_add(&one, p, n);
			if (f.len)
				buf_puts(&f, L == LANG_EN ? ", " : "、");
			buf_puts(&f, codes_label(c->list, buf_str(&one), L));
			p += n + (p[n] == ';');
		}
		buf_free(&one);
	} else if (c->type == CT_PROJECT) {
		buf_puts(b, "<a href=\"/projects/");
		page_url_encode(b, v);
		buf_puts(b, "\">");
		html_escape(b, v);
		buf_puts(b, "</a> ");
		buf_puts(&f, db_col_text(st, label));
	} else if (label >= 0) {
		const char *en = db_col_text(st, label + 1), *zh = db_col_text(st, label);
		buf_puts(&f, L == LANG_EN && en[0] ? en : zh[0] ? zh : v);
	} else {
		buf_puts(&f, v);
	}
	html_escape(b, buf_str(&f));
	buf_puts(b, "</td>");
	buf_free(&f);
}

static int rows_table(buf *b, struct web_req *req, const struct list_query *q, int64_t page, err *e)
{
	const struct kind *k = q->k;
	int label[LIST_MAX_COLS];
	buf sql = BUF_INIT;
	list_columns_sql(k, &sql);
	int next = (int)k->ncols + 1; /* after the columns and the id */
	for (size_t i = 0; i < k->ncols; i++) {
		label[i] = -1;
		if (has_label(&k->cols[i])) {
			label_sql(&sql, &k->cols[i]);
			label[i] = next;
			next += 2;
		}
	}
	db_stmt *st;
	int rc = list_select(req->db, q, buf_str(&sql), PAGE_ROWS, (page - 1) * PAGE_ROWS, &st, e);
	buf_free(&sql);
	if (rc)
		return -1;
	buf_printf(b, "<div class=\"scroll\"><table class=\"list\" id=\"list-%s\">\n<thead><tr>", k->name);
	for (size_t i = 0; i < k->ncols; i++)
		sort_header(b, req, q, i);
	buf_puts(b, "<th></th></tr></thead>\n<tbody>\n");
	/* the rows shown are those of the reader's scope, where it may also
	 * write when its role writes the kind */
	bool writes = perm_may(req->actor, k, PERM_WRITE);
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *id = db_col_text(st, (int)k->ncols);
		buf_puts(b, "<tr data-id=\"");
		html_escape_attr(b, id);
		buf_puts(b, "\">");
		for (size_t i = 0; i < k->ncols; i++)
			value_cell(b, st, &k->cols[i], (int)i, label[i], req->lang);
		/* a plan opens on its page, with its workflow */
		bool plan = strcmp(k->name, "plans") == 0;
		buf url = BUF_INIT;
		buf_printf(&url, "/%s/", k->name);
		page_url_encode(&url, id);
		if (!plan && writes)
			buf_puts(&url, "/edit");
		const char *cls = plan ? "open" : writes ? "edit" : "view";
		buf_printf(b, "<td><a class=\"%s\" href=\"", cls);
		html_escape_attr(b, buf_str(&url));
		buf_puts(b, "\">");
		html_escape(b, web_t(req->lang, plan ? "list.open" : writes ? "list.edit" : "list.view"));
		buf_puts(b, "</a></td></tr>\n");
		buf_free(&url);
	}
	db_finalize(st);
	buf_puts(b, "</tbody>\n</table></div>\n");
	return rc == DB_ERROR ? -1 : 0;
}

int page_list(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	const struct kind *k = path_kind(req, e);
	struct list_query q;
	struct list_totals t;
	int64_t page;
	if (!k || list_read(req, k, NULL, &q, e) || web_param_int(req, "page", 1, INT32_MAX, 1, &page, e) ||
	    list_count(req->db, &q, &t, e))
		return -1;
	int64_t pages = t.count ? (t.count + PAGE_ROWS - 1) / PAGE_ROWS : 1;
	if (page > pages)
		page = pages;
	buf key = BUF_INIT;
	buf_printf(&key, "kind.%s", k->name);
	const char *title = web_t(L, buf_str(&key));
	buf_free(&key);
	struct page p = {k->name, title, 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, title);
	buf_puts(b, "</h1>\n");
	if (perm_may(req->actor, k, PERM_WRITE)) {
		buf_printf(b, "<p class=\"tools\"><a class=\"button\" href=\"/%s/new\">", k->name);
		html_escape(b, web_t(L, "list.new"));
		buf_puts(b, "</a></p>\n");
	}
	if (filter_form(b, req, &q, e))
		return -1;
	buf_puts(b, "<section class=\"summary\"><h2>");
	html_escape(b, web_t(L, "list.totals"));
	buf_puts(b, "</h2>\n");
	totals_box(b, L, k, &t);
	buf csv = BUF_INIT;
	buf_printf(&csv, "/%s.csv", k->name);
	page_csv_link(b, req, buf_str(&csv));
	buf_reset(&csv);
	buf_printf(&csv, "/%s.xlsx", k->name);
	page_xlsx_link(b, req, buf_str(&csv));
	if (perm_may(req->actor, k, PERM_WRITE)) {
		buf_reset(&csv);
		buf_printf(&csv, "/templates/%s.xlsx", k->name);
		page_template_link(b, req, buf_str(&csv));
	}
	buf_puts(b, "</section>\n");
	buf_free(&csv);
	if (t.count == 0) {
		buf_puts(b, "<p class=\"none\">");
		html_escape(b, web_t(L, "list.none"));
		buf_puts(b, "</p>\n");
	} else {
		if (rows_table(b, req, &q, page, e))
			return -1;
		page_pager(b, req, page, pages);
	}
	page_end(req, resp);
	return 0;
}

/* true when the path asks for the workbook: /funds.xlsx */
static bool wants_xlsx(const struct web_req *req)
{
	size_t n = strlen(req->path);
	return n > 5 && strcmp(req->path + n - 5, ".xlsx") == 0;
}

/* /{kind}.csv and /{kind}.xlsx: the filtered rows in the columns import reads */
int page_list_csv(struct web_req *req, struct web_resp *resp, err *e)
{
	const struct kind *k = path_kind(req, e);
	struct list_query q;
	if (!k || list_read(req, k, NULL, &q, e))
		return -1;
	bool xlsx = wants_xlsx(req);
	for (size_t i = 0; i < k->ncols && !xlsx; i++) {
		if (i)
			buf_putc(&resp->body, ',');
		csv_put_field(&resp->body, k->cols[i].name);
	}
	if (!xlsx)
		buf_puts(&resp->body, "\r\n");
	buf cols = BUF_INIT;
	list_columns_sql(k, &cols);
	db_stmt *st;
	int rc = list_select(req->db, &q, buf_str(&cols), -1, 0, &st, e);
	buf_free(&cols);
	if (rc)
		return -1;
	if (xlsx) {
		rc = xlsx_rows_to_buf(k, st, &resp->body, e);
		db_finalize(st);
		if (rc)
			return -1;
	} else {
		while ((rc = db_step(st, e)) == DB_ROW) {
			export_record_csv(k, st, &resp->body);
			buf_puts(&resp->body, "\r\n");
		}
		db_finalize(st);
		if (rc == DB_ERROR)
			return -1;
	}
	resp->content_type = xlsx ? WEB_XLSX_TYPE : "text/csv; charset=utf-8";
	buf ascii = BUF_INIT, title = BUF_INIT, named = BUF_INIT;
	buf_printf(&ascii, "%s.%s", k->name, xlsx ? "xlsx" : "csv");
	buf_printf(&title, "kind.%s", k->name);
	/* the workbook also carries the page's title as its name: 到位资金.xlsx */
	buf_printf(&named, "%s.xlsx", web_t(req->lang, buf_str(&title)));
	web_resp_attachment(resp, buf_str(&ascii), xlsx ? buf_str(&named) : NULL);
	buf_free(&ascii);
	buf_free(&title);
	buf_free(&named);
	return 0;
}
