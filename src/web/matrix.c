/* /pairings/matrix?program=P: the pairings of a program as a table of
 * supporters (rows) by recipient counties (columns), each pairing marked
 * with the year it began, with the count of pairings per row and column. */
#include "core/html.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include <stdlib.h>
#include <string.h>

struct side {
	char **code, **name;
	size_t n;
};

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->code[i]);
		free(s->name[i]);
	}
	free(s->code);
	free(s->name);
}

/* Prepares SQL, to which the reader's scope on pairings p is appended
 * and then TAIL, with $1 the program. */
static int prepare_scoped(const struct actor *a, db *d, buf *sql, const char *tail, const char *program,
                          db_stmt **st, err *e)
{
	struct db_value v[2] = {{'t', 0, program}, {'z', 0, NULL}};
	size_t n = 1 + perm_scope_sql(a, kind_find("pairings"), PERM_READ, "p", 2, sql, &v[1]);
	buf_puts(sql, tail);
	if (db_prepare(d, st, e, buf_str(sql), ""))
		return -1;
	if (db_rebind_values(*st, e, v, n)) {
		db_finalize(*st);
		return -1;
	}
	return 0;
}

/* The divisions on one side (COL) of the program's pairings that the
 * reader may see, by code. */
static int load_side(const struct actor *a, db *d, const char *program, const char *col, enum lang L,
                     struct side *s, err *e)
{
	buf sql = BUF_INIT, tail = BUF_INIT;
	/* COL is one of two fixed column names */
	buf_printf(&sql,
	           "SELECT DISTINCT p.%s, COALESCE(d.name_zh, p.%s), COALESCE(d.name_en, '') FROM pairings p"
	           " LEFT JOIN divisions d ON d.code = p.%s WHERE p.program = $1",
	           col, col, col);
	buf_printf(&tail, " ORDER BY p.%s", col);
	db_stmt *st;
	int rc = prepare_scoped(a, d, &sql, buf_str(&tail), program, &st, e);
	buf_free(&sql);
	buf_free(&tail);
	if (rc)
		return -1;
	size_t cap = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (s->n == cap) {
			cap = cap ? cap * 2 : 16;
			s->code = xrealloc(s->code, cap * sizeof *s->code);
			s->name = xrealloc(s->name, cap * sizeof *s->name);
		}
		const char *en = db_col_text(st, 2);
		s->code[s->n] = xstrdup(db_col_text(st, 0));
		s->name[s->n] = xstrdup(L == LANG_EN && en[0] ? en : db_col_text(st, 1));
		s->n++;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static size_t find(const struct side *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->code[i], code) == 0)
			return i;
	return s->n;
}

/* cell[r * nc + c]: "1992" or "1992–2008", NULL where not paired */
static int load_cells(const struct actor *a, db *d, const char *program, const struct side *rows,
                      const struct side *cols, char **cell, err *e)
{
	db_stmt *st;
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT p.supporter_code, p.recipient_code, p.since_year, p.until_year FROM pairings p"
	               " WHERE p.program = $1");
	int prc = prepare_scoped(a, d, &sql, "", program, &st, e);
	buf_free(&sql);
	if (prc)
		return -1;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		size_t r = find(rows, db_col_text(st, 0)), c = find(cols, db_col_text(st, 1));
		if (r == rows->n || c == cols->n)
			continue;
		buf v = BUF_INIT;
		buf_printf(&v, "%lld", (long long)db_col_int(st, 2));
		if (!db_col_null(st, 3))
			buf_printf(&v, "–%lld", (long long)db_col_int(st, 3));
		free(cell[r * cols->n + c]);
		cell[r * cols->n + c] = buf_detach(&v);
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static void count_cell(buf *b, const char *tag, size_t n)
{
	buf_printf(b, "<%s class=\"count\">%zu</%s>", tag, n, tag);
}

static void write_matrix(buf *b, enum lang L, const struct side *rows, const struct side *cols, char **cell)
{
	buf_puts(b, "<div class=\"scroll\"><table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>");
	html_escape(b, web_t(L, "matrix.supporter"));
	buf_puts(b, "</th>");
	for (size_t c = 0; c < cols->n; c++) {
		buf_puts(b, "<th scope=\"col\" data-code=\"");
		html_escape_attr(b, cols->code[c]);
		buf_puts(b, "\">");
		html_escape(b, cols->name[c]);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "<th class=\"count\">");
	html_escape(b, web_t(L, "matrix.count"));
	buf_puts(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < rows->n; r++) {
		size_t n = 0;
		buf_puts(b, "<tr><th scope=\"row\" data-code=\"");
		html_escape_attr(b, rows->code[r]);
		buf_puts(b, "\">");
		html_escape(b, rows->name[r]);
		buf_puts(b, "</th>");
		for (size_t c = 0; c < cols->n; c++) {
			const char *v = cell[r * cols->n + c];
			if (!v) {
				buf_puts(b, "<td></td>");
				continue;
			}
			n++;
			buf_puts(b, "<td class=\"on\" title=\"");
			html_escape_attr(b, rows->name[r]);
			buf_puts(b, "—");
			html_escape_attr(b, cols->name[c]);
			buf_puts(b, "\" data-pair=\"");
			html_escape_attr(b, rows->code[r]);
			buf_putc(b, '|');
			html_escape_attr(b, cols->code[c]);
			buf_puts(b, "\">✓ ");
			html_escape(b, v);
			buf_puts(b, "</td>");
		}
		count_cell(b, "td", n);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n<tfoot><tr><th>");
	html_escape(b, web_t(L, "matrix.count"));
	buf_puts(b, "</th>");
	size_t all = 0;
	for (size_t c = 0; c < cols->n; c++) {
		size_t n = 0;
		for (size_t r = 0; r < rows->n; r++)
			n += cell[r * cols->n + c] != NULL;
		all += n;
		count_cell(b, "td", n);
	}
	count_cell(b, "td", all);
	buf_puts(b, "</tr></tfoot>\n</table></div>\n");
}

static int program_form(buf *b, db *d, enum lang L, const char *program, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT code, name_zh, name_en FROM programs ORDER BY start_year, code",
	               ""))
		return -1;
	buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/pairings/matrix\"><label>");
	html_escape(b, web_t(L, "dash.program"));
	buf_puts(b, " <select name=\"program\">");
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		buf_puts(b, "<option value=\"");
		html_escape_attr(b, code);
		buf_puts(b, strcmp(code, program) == 0 ? "\" selected>" : "\">");
		html_escape(b, db_col_text(st, L == LANG_EN ? 2 : 1));
		buf_puts(b, "</option>");
	}
	db_finalize(st);
	buf_puts(b, "</select></label> <button type=\"submit\">");
	html_escape(b, web_t(L, "proj.filter"));
	buf_puts(b, "</button></form>\n");
	return rc == DB_ERROR ? -1 : 0;
}

int page_pairings_matrix(struct web_req *req, struct web_resp *resp, err *e)
{
	enum lang L = req->lang;
	const char *program = web_param_or(req, "program", "sanxia");
	int64_t known = 0;
	if (db_int(req->db, &known, e, "SELECT COUNT(*) FROM programs WHERE code = $1", "t", program))
		return -1;
	if (!known)
		return err_add(e, EXIT_INVALID, "program: '%s' is not a program", program);
	struct side rows = {0}, cols = {0};
	char **cell = NULL;
	int rc = -1;
	if (load_side(req->actor, req->db, program, "supporter_code", L, &rows, e) ||
	    load_side(req->actor, req->db, program, "recipient_code", L, &cols, e))
		goto done;
	cell = xcalloc(rows.n * cols.n + 1, sizeof *cell);
	if (load_cells(req->actor, req->db, program, &rows, &cols, cell, e))
		goto done;
	struct page p = {"matrix", web_t(L, "matrix.title"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		goto done;
	buf *b = &resp->body;
	buf_puts(b, "<h1>");
	html_escape(b, web_t(L, "matrix.title"));
	buf_puts(b, "</h1>\n<p class=\"program\">");
	html_escape(b, web_t(L, "matrix.note"));
	buf_puts(b, "</p>\n");
	if (program_form(b, req->db, L, program, e))
		goto done;
	if (rows.n == 0) {
		buf_puts(b, "<p class=\"none\">");
		html_escape(b, web_t(L, "matrix.none"));
		buf_puts(b, "</p>\n");
	} else {
		write_matrix(b, L, &rows, &cols, cell);
	}
	page_end(req, resp);
	rc = 0;
done:
	for (size_t i = 0; cell && i < rows.n * cols.n; i++)
		free(cell[i]);
	free(cell);
	side_free(&rows);
	side_free(&cols);
	return rc;
}
