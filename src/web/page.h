/* The common layout of every HTML page (doctype, head, nav bar, year
 * selector, language switch, demo mark, footer) and the helpers pages share
 * to write links and data: URLs that keep the current query, and JSON for
 * the charts inside <script type="application/json">. */
#ifndef DUIKOU_WEB_PAGE_H
#define DUIKOU_WEB_PAGE_H
#include "web/router.h"
#include <jansson.h>
#include <stdbool.h>

struct page {
	const char *nav;     /* key of the active nav item ("dashboard", …) */
	const char *title;   /* plain text */
	int year;            /* the year selector's value; 0: no selector */
	const char *program; /* kept by the year selector; may be NULL */
};

/* Starts an HTML page in RESP: layout down to the start of <main>. Reads
 * whether the database is demo data (and marks it) and the span of years
 * for the selector. */
int page_begin(struct web_req *req, struct web_resp *resp, const struct page *p, err *e);
/* Closes <main> and writes the footer. */
void page_end(struct web_req *req, struct web_resp *resp);

/* Appends to B the URL of PATH with the current query parameters except
 * those named in DROP (NULL-terminated, may be NULL), then KEY=VALUE when
 * KEY is not NULL; percent-encoded, not yet HTML-escaped. */
void page_url(buf *b, const struct web_req *req, const char *path, const char *const *drop, const char *key,
              const char *value);
/* Appends the hidden CSRF field (name "csrf") that every state-changing
 * form must carry: <input type="hidden" name="csrf" value="…">; nothing
 * when the request has no session token. */
void web_csrf_input(buf *b, const struct web_req *req);

/* The request's actor as making a change by way of VIA ("form", "api",
 * "upload"): a copy in *TMP, so that the audit trail names the way the
 * page knows; NULL when the request has no actor. */
const struct actor *web_actor_via(const struct web_req *req, const char *via, struct actor *tmp);

/* Appends the pager of a list: links to the previous and next PAGE of
 * PAGES (the current query kept) around "page N of M". */
void page_pager(buf *b, struct web_req *req, int64_t page, int64_t pages);

/* Appends the paragraph with the list's CSV download: a link to CSV_PATH
 * with the current filters (without the page and the language). */
void page_csv_link(buf *b, struct web_req *req, const char *csv_path);
/* The same for the .xlsx download of the same rows (id xlsx-link). */
void page_xlsx_link(buf *b, struct web_req *req, const char *xlsx_path);
/* The "下载模板" link to a kind's template workbook PATH (id template-link). */
void page_template_link(buf *b, struct web_req *req, const char *path);

/* Appends S percent-encoded for a query string. */
void page_url_encode(buf *b, const char *s);

/* Appends <script type="application/json" id="ID">JSON</script> with <, >
 * and & written as \u003c, \u003e, \u0026 so that no text in the data can
 * close the script element. Returns -1 (E) if J cannot be encoded. */
int page_json_script(buf *b, const char *id, const json_t *j, err *e);

/* The latest year that has fund receipts, projects signed or labour, for
 * pages opened without ?year= (the current year when the database is empty). */
int page_default_year(db *d, int *year, err *e);

#endif
