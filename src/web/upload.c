/* /upload: a kind and a CSV file (multipart form) → a dry-run import shown
 * as a preview (rows, every problem as FILE:ROW:COLUMN), and, when clean, a
 * button that imports it all or nothing. The file travels back in a hidden
 * field of the preview, so nothing is kept on the server and nothing is
 * written until the user confirms; the import checks it again. */
#include "core/html.h"
#include "io/transfer.h"
#include "model/perm.h"
#include "web/i18n.h"
#include "web/page.h"
#include "web/pages.h"
#include "web/records.h"
#include <string.h>

static int begin(struct web_req *req, struct web_resp *resp, err *e)
{
	struct page p = {"upload", web_t(req->lang, "up.title"), 0, NULL};
	if (page_begin(req, resp, &p, e))
		return -1;
	buf_puts(&resp->body, "<h1>");
	html_escape(&resp->body, web_t(req->lang, "up.title"));
	buf_puts(&resp->body, "</h1>\n");
	return 0;
}

static void kind_select(struct web_req *req, buf *b, const char *chosen)
{
	buf_puts(b, "<select name=\"kind\" id=\"kind\">");
	for (size_t i = 0; i < kinds_count; i++) {
		/* only the kinds the user may write */
		if (!perm_may(req->actor, &kinds[i], PERM_WRITE))
			continue;
		buf_puts(b, "<option value=\"");
		html_escape_attr(b, kinds[i].name);
		buf_puts(b, chosen && strcmp(chosen, kinds[i].name) == 0 ? "\" selected>" : "\">");
		html_escape(b, req->lang == LANG_EN ? kinds[i].name : kinds[i].zh);
		buf_puts(b, "</option>");
	}
	buf_puts(b, "</select>");
}

static void upload_form(struct web_req *req, buf *b, const char *kind)
{
	buf_puts(b, "<form method=\"post\" class=\"record\" action=\"/upload\" "
	            "enctype=\"multipart/form-data\" id=\"upload\">\n");
	web_csrf_input(b, req);
	buf_puts(b, "<div class=\"field\"><label for=\"kind\">");
	html_escape(b, web_t(req->lang, "up.kind"));
	buf_puts(b, "</label>");
	kind_select(req, b, kind);
	buf_puts(b, "</div>\n<div class=\"field\"><label for=\"file\">");
	html_escape(b, web_t(req->lang, "up.file"));
	buf_puts(b, "</label><input type=\"file\" name=\"file\" id=\"file\" accept=\".csv,text/csv\"></div>\n"
	            "<p><button type=\"submit\">");
	html_escape(b, web_t(req->lang, "up.preview"));
	buf_puts(b, "</button></p>\n</form>\n");
}

int page_upload(struct web_req *req, struct web_resp *resp, err *e)
{
	if (begin(req, resp, e))
		return -1;
	buf_puts(&resp->body, "<p>");
	html_escape(&resp->body, web_t(req->lang, "up.intro"));
	buf_puts(&resp->body, "</p>\n");
	upload_form(req, &resp->body, web_param(req, "kind"));
	page_end(req, resp);
	return 0;
}

/* The file's name as messages show it: its last part, without the ':'
 * that separates FILE:ROW:COLUMN. */
static void file_name(const char *given, buf *out)
{
	const char *s = given && given[0] ? given : "upload.csv";
	const char *slash = strrchr(s, '/');
	const char *bs = strrchr(s, '\\');
	if (slash && (!bs || slash > bs))
		s = slash + 1;
	else if (bs)
		s = bs + 1;
	for (; *s; s++)
		buf_putc(out, *s == ':' || *s == '\n' || *s == '\r' ? '_' : *s);
	if (!out->len)
		buf_puts(out, "upload.csv");
}

/* Every message line of E as a table row: FILE:ROW:COLUMN, message. */
static void problem_table(struct web_req *req, buf *b, const err *e)
{
	buf_puts(b, "<table class=\"list\" id=\"problems\">\n<thead><tr><th>");
	html_escape(b, web_t(req->lang, "up.where"));
	buf_puts(b, "</th><th>");
	html_escape(b, web_t(req->lang, "up.problem"));
	buf_puts(b, "</th></tr></thead>\n<tbody>\n");
	const char *s = e->msgs.s ? e->msgs.s : "";
	while (*s) {
		size_t len = strcspn(s, "\n");
		const char *sep = NULL;
		/* the place ends at the first ": " (FILE:ROW:COLUMN: message) */
		for (const char *p = s; p + 1 < s + len; p++)
			if (p[0] == ':' && p[1] == ' ') {
				sep = p;
				break;
			}
		buf place = BUF_INIT, msg = BUF_INIT;
		if (sep) {
			buf_add(&place, s, (size_t)(sep - s));
			buf_add(&msg, sep + 2, len - (size_t)(sep - s) - 2);
		} else {
			buf_add(&msg, s, len);
		}
		buf_puts(b, "<tr><td class=\"place\">");
		html_escape(b, buf_str(&place));
		buf_puts(b, "</td><td>");
		html_escape(b, buf_str(&msg));
		buf_puts(b, "</td></tr>\n");
		buf_free(&place);
		buf_free(&msg);
		s += len;
		if (*s)
			s++;
	}
	buf_puts(b, "</tbody></table>\n");
}

int page_upload_post(struct web_req *req, struct web_resp *resp, err *e)
{
	if (records_post_allowed(req, e))
		return -1;
	const char *kname = web_form(req, "kind");
	const struct kind *k = kname ? kind_find(kname) : NULL;
	if (!k)
		return err_add(e, EXIT_INVALID, "kind: choose one of %s", kind_names());
	/* the first post carries the file; the confirming one the same text */
	const struct web_form_field *file = web_form_field(req, "file");
	const struct web_form_field *text = web_form_field(req, "csv");
	const struct web_form_field *data = file ? file : text;
	bool confirm = !file && text && web_form(req, "confirm");
	if (!data || data->val.len == 0)
		return err_add(e, EXIT_INVALID, "file: choose a CSV file to upload");
	buf name = BUF_INIT;
	file_name(file ? file->filename : web_form(req, "name"), &name);
	struct import_result res;
	struct actor who;
	err ie;
	err_init(&ie);
	int rc = import_csv(req->db, k, buf_str(&name), data->val.s, data->val.len, !confirm, req->lang,
	                    web_actor_via(req, "upload", &who), &res, &ie);
	if (rc && ie.status >= EXIT_SYSTEM) {
		err_add(e, EXIT_SYSTEM, "%s", buf_str(&ie.msgs));
		err_free(&ie);
		buf_free(&name);
		return -1;
	}
	if (begin(req, resp, e)) {
		err_free(&ie);
		buf_free(&name);
		return -1;
	}
	buf *b = &resp->body;
	buf_puts(b, "<p id=\"summary\">");
	html_escape(b, buf_str(&name));
	buf_puts(b, " · ");
	html_escape(b, req->lang == LANG_EN ? k->name : k->zh);
	buf_printf(b, " · %s %ld", web_t(req->lang, "up.rows"), res.rows);
	buf_puts(b, "</p>\n");
	if (rc) {
		buf_printf(b, "<p class=\"bad\" id=\"verdict\">%s (%d)</p>\n", web_t(req->lang, "up.refused"),
		           ie.count);
		problem_table(req, b, &ie);
		upload_form(req, b, k->name);
		/* rows the user may not write are a refusal, not bad data */
		resp->status = res.refused ? 403 : 422;
	} else if (confirm) {
		buf_printf(b, "<p class=\"good\" id=\"result\">%s: %s %ld, %s %ld, %s %ld</p>\n",
		           web_t(req->lang, "up.done"), web_t(req->lang, "up.added"), res.added,
		           web_t(req->lang, "up.updated"), res.updated, web_t(req->lang, "up.unchanged"),
		           res.unchanged);
		buf_printf(b, "<p><a href=\"/%s\">", k->name);
		html_escape(b, req->lang == LANG_EN ? k->name : k->zh);
		buf_puts(b, "</a> · <a href=\"/upload\">");
		html_escape(b, web_t(req->lang, "up.another"));
		buf_puts(b, "</a></p>\n");
	} else {
		buf_printf(b, "<p class=\"good\" id=\"verdict\">%s: %s %ld, %s %ld, %s %ld</p>\n",
		           web_t(req->lang, "up.clean"), web_t(req->lang, "up.added"), res.added,
		           web_t(req->lang, "up.updated"), res.updated, web_t(req->lang, "up.unchanged"),
		           res.unchanged);
		buf_puts(b, "<form method=\"post\" action=\"/upload\" id=\"confirm\">\n");
		web_csrf_input(b, req);
		buf_puts(b, "<input type=\"hidden\" name=\"kind\" value=\"");
		html_escape_attr(b, k->name);
		buf_puts(b, "\"><input type=\"hidden\" name=\"name\" value=\"");
		html_escape_attr(b, buf_str(&name));
		buf_puts(b, "\"><input type=\"hidden\" name=\"csv\" value=\"");
		html_escape_attr(b, data->val.s);
		buf_puts(b,
		         "\"><input type=\"hidden\" name=\"confirm\" value=\"1\">\n<button type=\"submit\">");
		html_escape(b, web_t(req->lang, "up.import"));
		buf_puts(b, "</button></form>\n");
	}
	page_end(req, resp);
	err_free(&ie);
	buf_free(&name);
	return 0;
}
