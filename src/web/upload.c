/* /upload: a kind and a CSV or .xlsx file (multipart form) → a dry-run
 * import shown as a preview (rows, every problem as FILE:ROW:COLUMN, or
 * FILE:SHEET!CELL:COLUMN for a workbook), and, when clean, a button that
 * imports it all or nothing. The file travels back in a hidden field of the
 * preview (a workbook in base64), so nothing is kept on the server and
 * nothing is written until the user confirms; the import checks it again.
 * /templates/KIND.xlsx: the template workbook of a kind. */
#include "core/html.h"
#include "io/transfer.h"
#include "io/xlsx_import.h"
#include "io/xlsx_template.h"
#include "io/xlsx_write.h"
#include <sodium.h>
#include <stdlib.h>
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
	buf_puts(b, "</label><input type=\"file\" name=\"file\" id=\"file\" "
	            "accept=\".csv,text/csv,.xlsx,application/"
	            "vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></div>\n"
	            "<p><button type=\"submit\">");
	html_escape(b, web_t(req->lang, "up.preview"));
	buf_puts(b, "</button></p>\n</form>\n");
}

/* The template of every kind the user may write */
static void template_links(struct web_req *req, buf *b)
{
	buf_puts(b, "<p id=\"templates\">");
	html_escape(b, web_t(req->lang, "up.templates"));
	bool first = true;
	for (size_t i = 0; i < kinds_count; i++) {
		if (!perm_may(req->actor, &kinds[i], PERM_WRITE))
			continue;
		buf_puts(b, first ? "" : " · ");
		first = false;
		buf_printf(b, "<a download href=\"/templates/%s.xlsx%s\">", kinds[i].name,
		           req->lang == LANG_EN ? "?lang=en" : "");
		html_escape(b, req->lang == LANG_EN ? kinds[i].name : kinds[i].zh);
		buf_puts(b, "</a>");
	}
	buf_puts(b, "</p>\n");
}

int page_upload(struct web_req *req, struct web_resp *resp, err *e)
{
	if (begin(req, resp, e))
		return -1;
	buf_puts(&resp->body, "<p>");
	html_escape(&resp->body, web_t(req->lang, "up.intro"));
	buf_puts(&resp->body, "</p>\n");
	upload_form(req, &resp->body, web_param(req, "kind"));
	template_links(req, &resp->body);
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

/* What an uploaded workbook may hold: well under the request's own limit
 * once unzipped, and no more rows than a person enters. */
static const struct xlsx_limits upload_limits = {64u << 20, 400, 100000, 200};

/* The first sheet of the workbook DATA as K, checked (DRY_RUN) or imported */
static int upload_xlsx(struct web_req *req, const struct kind *k, const char *name, const char *data,
                       size_t len, bool dry_run, struct actor *who, struct import_result *res, err *ie)
{
	xlsx *x;
	if (xlsx_open(data, len, name, &upload_limits, &x, ie))
		return -1;
	if (xlsx_sheet_count(x) == 0) {
		xlsx_close(x);
		return err_add(ie, EXIT_INVALID, "%s: the workbook has no sheet", name);
	}
	struct xlsx_sheet_ref ref = {x, 0};
	const struct import_source src = {name,
	                                  xlsx_sheet_name(x, 0),
	                                  xlsx_sheet_reader,
	                                  &ref,
	                                  req->lang,
	                                  web_actor_via(req, "upload", who),
	                                  false};
	int rc = import_rows(req->db, k, &src, dry_run ? IMPORT_DRY_RUN : IMPORT_COMMIT, res, ie);
	xlsx_close(x);
	return rc;
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
	const struct web_form_field *b64 = web_form_field(req, "xlsx");
	const struct web_form_field *data = file ? file : text ? text : b64;
	bool confirm = !file && data && web_form(req, "confirm");
	if (!data || data->val.len == 0)
		return err_add(e, EXIT_INVALID, "file: choose a CSV or .xlsx file to upload");
	buf name = BUF_INIT, bin = BUF_INIT;
	file_name(file ? file->filename : web_form(req, "name"), &name);
	const char *bytes = data->val.s;
	size_t nbytes = data->val.len;
	if (!file && !text) {
		/* the confirming post: the workbook back from base64 */
		size_t got = 0;
		unsigned char *raw = xmalloc(nbytes + 1);
		if (sodium_base642bin(raw, nbytes, data->val.s, nbytes, NULL, &got, NULL,
		                      sodium_base64_VARIANT_ORIGINAL) != 0) {
			free(raw);
			buf_free(&name);
			return err_add(e, EXIT_INVALID, "xlsx: not base64");
		}
		buf_add(&bin, raw, got);
		free(raw);
		bytes = buf_str(&bin);
		nbytes = got;
	}
	bool workbook = xlsx_looks_like(bytes, nbytes);
	struct import_result res = {0};
	struct actor who;
	err ie;
	err_init(&ie);
	int rc;
	if (workbook)
		rc = upload_xlsx(req, k, buf_str(&name), bytes, nbytes, !confirm, &who, &res, &ie);
	else
		rc = import_csv(req->db, k, buf_str(&name), bytes, nbytes, !confirm, req->lang,
		                web_actor_via(req, "upload", &who), &res, &ie);
	if (rc && ie.status >= EXIT_SYSTEM) {
		err_add(e, EXIT_SYSTEM, "%s", buf_str(&ie.msgs));
		err_free(&ie);
		buf_free(&name);
		buf_free(&bin);
		return -1;
	}
	if (begin(req, resp, e)) {
		err_free(&ie);
		buf_free(&name);
		buf_free(&bin);
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
		if (workbook) {
			size_t cap = sodium_base64_ENCODED_LEN(nbytes, sodium_base64_VARIANT_ORIGINAL);
			char *enc = xmalloc(cap);
			sodium_bin2base64(enc, cap, (const unsigned char *)bytes, nbytes,
			                  sodium_base64_VARIANT_ORIGINAL);
			buf_puts(b, "\"><input type=\"hidden\" name=\"xlsx\" value=\"");
			html_escape_attr(b, enc);
			free(enc);
		} else {
			buf_puts(b, "\"><input type=\"hidden\" name=\"csv\" value=\"");
			html_escape_attr(b, bytes);
		}
		buf_puts(b,
		         "\"><input type=\"hidden\" name=\"confirm\" value=\"1\">\n<button type=\"submit\">");
		html_escape(b, web_t(req->lang, "up.import"));
		buf_puts(b, "</button></form>\n");
	}
	page_end(req, resp);
	err_free(&ie);
	buf_free(&name);
	buf_free(&bin);
	return 0;
}

int page_template(struct web_req *req, struct web_resp *resp, err *e)
{
	char name[32];
	const char *base = req->path + strlen("/templates/");
	size_t n = strcspn(base, ".");
	if (n >= sizeof name)
		n = sizeof name - 1;
	memcpy(name, base, n);
	name[n] = '\0';
	const struct kind *k = kind_find(name);
	if (!k)
		return err_add(e, EXIT_SYSTEM, "%s: no kind for this template", req->path);
	if (xlsx_template(req->db, k, req->lang, NULL, &resp->body, e))
		return -1;
	resp->content_type = WEB_XLSX_TYPE;
	buf ascii = BUF_INIT, named = BUF_INIT;
	buf_printf(&ascii, "%s-template.xlsx", k->name);
	if (req->lang == LANG_EN)
		buf_printf(&named, "%s template.xlsx", k->name);
	else
		buf_printf(&named, "%s模板.xlsx", k->zh);
	web_resp_attachment(resp, buf_str(&ascii), buf_str(&named));
	buf_free(&ascii);
	buf_free(&named);
	return 0;
}
