/* The workbook archive: opening the zip, streaming its XML parts under the
 * size limits, and the workbook-wide parts (relationships, the sheet list,
 * the 1904 flag, shared strings, which cell styles are dates). */
#include "io/xlsx_part.h"
#include <stdlib.h>
#include <string.h>

const struct xlsx_limits xlsx_default_limits = {256u << 20, 400, 1048576, 16384};

#define RATIO_FLOOR (1u << 20) /* small parts may compress as well as they like */

struct part {
	xlsx *x;
	const char *name;
	zip_file_t *f;
	zip_uint64_t comp_size;
	size_t read;
	const char *why; /* why reading stopped, for the message */
	buf xml_msg;     /* libxml2's first complaint */
};

/* libxml2 pulls the part through this, so that limits hold as it inflates. */
static int part_read(void *ctx, char *out, int len)
{
	struct part *p = ctx;
	zip_int64_t n = zip_fread(p->f, out, (zip_uint64_t)len);
	if (n < 0) {
		p->why = "cannot be decompressed (a damaged archive)";
		return -1;
	}
	p->read += (size_t)n;
	p->x->total += (size_t)n;
	if (p->x->total > p->x->lim.max_total) {
		p->why = "makes the workbook expand past the size limit (a zip bomb?)";
		return -1;
	}
	zip_uint64_t comp = p->comp_size ? p->comp_size : 1;
	if (p->read > RATIO_FLOOR && p->read / comp > p->x->lim.max_ratio) {
		p->why = "expands too much for its compressed size (a zip bomb?)";
		return -1;
	}
	return (int)n;
}

static void on_xml_error(void *ctx, xmlErrorPtr xe)
{
	struct part *p = ctx;
	if (p->xml_msg.len || !xe || !xe->message)
		return;
	buf_printf(&p->xml_msg, "line %d: %s", xe->line, xe->message);
	while (p->xml_msg.len && p->xml_msg.s[p->xml_msg.len - 1] == '\n')
		p->xml_msg.s[--p->xml_msg.len] = '\0';
}

int xlsx_walk(xlsx *x, const char *name, bool required, xlsx_node_fn fn, void *ctx, err *e)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat(x->zip, name, 0, &st) != 0) {
		if (!required)
			return 1;
		return err_add(e, EXIT_INVALID, "%s: not an .xlsx workbook (it has no %s)", x->file, name);
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > x->lim.max_total - x->total)
		return err_add(e, EXIT_INVALID,
		               "%s: %s is too large (%llu bytes uncompressed; the limit is %zu)", x->file,
		               name, (unsigned long long)st.size, x->lim.max_total);
	struct part p = {x, name, NULL,    (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0,
	                 0, NULL, BUF_INIT};
	p.f = zip_fopen(x->zip, name, 0);
	if (!p.f)
		return err_add(e, EXIT_INVALID, "%s: %s cannot be opened: %s", x->file, name,
		               zip_strerror(x->zip));
	/* no network, no external DTD, and no entity substitution (billion laughs) */
	xmlTextReaderPtr r = xmlReaderForIO(part_read, NULL, &p, name, NULL,
	                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!r) {
		zip_fclose(p.f);
		return err_add(e, EXIT_SYSTEM, "%s: %s: cannot start the XML reader", x->file, name);
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &p);
	int rc = 0, got;
	while ((got = xmlTextReaderRead(r)) == 1)
		if (fn(ctx, r, e)) {
			rc = -1;
			break;
		}
	if (rc == 0 && got < 0) {
		if (p.why)
			err_add(e, EXIT_INVALID, "%s: %s %s", x->file, name, p.why);
		else
			err_add(e, EXIT_INVALID, "%s: %s is not well-formed XML%s%s", x->file, name,
			        p.xml_msg.len ? ": " : "", buf_str(&p.xml_msg));
		rc = -1;
	}
	xmlFreeTextReader(r);
	zip_fclose(p.f);
	buf_free(&p.xml_msg);
	return rc;
}

char *xlsx_attr(xmlTextReaderPtr r, const char *local)
{
	char *v = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) != 1)
		return NULL;
	do {
		const xmlChar *n = xmlTextReaderConstLocalName(r);
		if (n && strcmp((const char *)n, local) == 0) {
			const xmlChar *s = xmlTextReaderConstValue(r);
			v = xstrdup(s ? (const char *)s : "");
			break;
		}
	} while (xmlTextReaderMoveToNextAttribute(r) == 1);
	xmlTextReaderMoveToElement(r);
	return v;
}

bool xlsx_at(xmlTextReaderPtr r, const char *local, bool end)
{
	int t = xmlTextReaderNodeType(r);
	bool match = end ? t == XML_READER_TYPE_END_ELEMENT ||
	                             (t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r) == 1)
	                 : t == XML_READER_TYPE_ELEMENT;
	const xmlChar *n = match ? xmlTextReaderConstLocalName(r) : NULL;
	return n && strcmp((const char *)n, local) == 0;
}

bool xlsx_is_text(xmlTextReaderPtr r)
{
	int t = xmlTextReaderNodeType(r);
	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	       t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || t == XML_READER_TYPE_WHITESPACE;
}

/* The part a relationship's TARGET names, relative to the part BASE:
 * "worksheets/sheet1.xml" from "xl/workbook.xml" is "xl/worksheets/sheet1.xml". */
static char *resolve(const char *base, const char *target)
{
	buf path = BUF_INIT;
	if (target[0] != '/') {
		const char *slash = strrchr(base, '/');
		if (slash)
			buf_add(&path, base, (size_t)(slash - base) + 1);
	}
	for (const char *p = target; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && strncmp(p, "..", 2) == 0) {
			/* drop the last folder of what we have */
			if (path.len) {
				path.len--;
				while (path.len && path.s[path.len - 1] != '/')
					path.len--;
				path.s[path.len] = '\0';
			}
		} else if (n && !(n == 1 && p[0] == '.')) {
			buf_add(&path, p, n);
			if (p[n] == '/')
				buf_putc(&path, '/');
		}
		p += n + (p[n] == '/');
	}
	return buf_detach(&path);
}

/* Relationships of one part: Id, Type, Target. */
struct rel {
	char *id, *type, *target;
};
struct rels {
	struct rel *v;
	size_t n, cap;
};

static int on_rel(void *ctx, xmlTextReaderPtr r, err *e)
{
	struct rels *rs = ctx;
	(void)e;
	if (!xlsx_at(r, "Relationship", false))
		return 0;
	char *mode = xlsx_attr(r, "TargetMode");
	bool external = mode && strcmp(mode, "External") == 0;
	free(mode);
	if (external)
		return 0;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 8;
		rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
	}
	struct rel *l = &rs->v[rs->n];
	l->id = xlsx_attr(r, "Id");
	l->type = xlsx_attr(r, "Type");
	l->target = xlsx_attr(r, "Target");
	if (!l->id || !l->type || !l->target) {
		free(l->id);
		free(l->type);
		free(l->target);
		return 0;
	}
	rs->n++;
	return 0;
}

static void rels_free(struct rels *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->v[i].id);
		free(rs->v[i].type);
		free(rs->v[i].target);
	}
	free(rs->v);
}

/* The relationships of the part PART (from its _rels/NAME.rels). */
static int read_rels(xlsx *x, const char *part, struct rels *rs, err *e)
{
	buf name = BUF_INIT;
	const char *slash = strrchr(part, '/');
	size_t dir = slash ? (size_t)(slash - part) + 1 : 0;
	buf_add(&name, part, dir);
	buf_printf(&name, "_rels/%s.rels", part + dir);
	int rc = xlsx_walk(x, buf_str(&name), false, on_rel, rs, e);
	buf_free(&name);
	return rc < 0 ? -1 : 0;
}

/* The target of the first relationship whose type ends in /SUFFIX. */
static const char *rel_of_type(const struct rels *rs, const char *suffix)
{
	size_t m = strlen(suffix);
	for (size_t i = 0; i < rs->n; i++) {
		size_t n = strlen(rs->v[i].type);
		if (n > m && rs->v[i].type[n - m - 1] == '/' && strcmp(rs->v[i].type + n - m, suffix) == 0)
			return rs->v[i].target;
	}
	return NULL;
}

struct book {
	xlsx *x;
	char **rids; /* sheet → its r:id */
};

static int on_workbook(void *ctx, xmlTextReaderPtr r, err *e)
{
	struct book *b = ctx;
	xlsx *x = b->x;
	if (xlsx_at(r, "workbookPr", false)) {
		char *v = xlsx_attr(r, "date1904");
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
		free(v);
	} else if (xlsx_at(r, "sheet", false)) {
		char *name = xlsx_attr(r, "name"), *rid = xlsx_attr(r, "id");
		if (!name || !rid) {
			free(name);
			free(rid);
			return err_add(e, EXIT_INVALID, "%s: a sheet of the workbook has no name or no part",
			               x->file);
		}
		x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
		b->rids = xrealloc(b->rids, (x->nsheets + 1) * sizeof *b->rids);
		x->sheets[x->nsheets] = (struct xlsx_sheet){name, NULL};
		b->rids[x->nsheets++] = rid;
	}
	return 0;
}

/* Collects the text of each <si> of sharedStrings.xml: plain <t>, or the
 * <t> of each rich-text run <r>, but not phonetic hints <rPh>. */
struct sst {
	xlsx *x;
	bool in_t, in_rph;
	buf text;
};

static int on_sst(void *ctx, xmlTextReaderPtr r, err *e)
{
	struct sst *s = ctx;
	xlsx *x = s->x;
	(void)e;
	if (xlsx_at(r, "si", false))
		buf_reset(&s->text);
	if (xlsx_at(r, "rPh", false))
		s->in_rph = true;
	if (xlsx_at(r, "rPh", true))
		s->in_rph = false;
	if (xlsx_at(r, "t", false))
		s->in_t = true;
	if (xlsx_at(r, "t", true))
		s->in_t = false;
	if (s->in_t && !s->in_rph && xlsx_is_text(r)) {
		const xmlChar *v = xmlTextReaderConstValue(r);
		if (v)
			buf_puts(&s->text, (const char *)v);
	}
	if (xlsx_at(r, "si", true)) {
		if (x->nstrings == x->capstrings) {
			x->capstrings = x->capstrings ? 2 * x->capstrings : 64;
			x->strings = xrealloc(x->strings, x->capstrings * sizeof *x->strings);
		}
		x->strings[x->nstrings++] = xstrdup(buf_str(&s->text));
	}
	return 0;
}

/* Number formats: the custom ones of <numFmts>, and each <xf> of
 * <cellXfs> (the styles cells refer to by s="N"). */
struct styles {
	xlsx *x;
	bool in_xfs;
	long *xf_fmt;
	size_t nxf;
	long *fmt_id;
	bool *fmt_date;
	size_t nfmt;
};

/* A custom format is a date when it has d, m or y outside quotes, brackets
 * ([Red], [$-409]) and escapes. */
static bool format_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			p = strchr(p + 1, '"');
			if (!p)
				return false;
		} else if (*p == '[') {
			p = strchr(p + 1, ']');
			if (!p)
				return false;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!*++p)
				return false;
		} else if (strchr("dDmMyY", *p)) {
			return true;
		}
	}
	return false;
}

static bool builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static int on_styles(void *ctx, xmlTextReaderPtr r, err *e)
{
	struct styles *s = ctx;
	(void)e;
	if (xlsx_at(r, "numFmt", false)) {
		char *id = xlsx_attr(r, "numFmtId"), *code = xlsx_attr(r, "formatCode");
		if (id && code) {
			s->fmt_id = xrealloc(s->fmt_id, (s->nfmt + 1) * sizeof *s->fmt_id);
			s->fmt_date = xrealloc(s->fmt_date, (s->nfmt + 1) * sizeof *s->fmt_date);
			s->fmt_id[s->nfmt] = strtol(id, NULL, 10);
			s->fmt_date[s->nfmt++] = format_is_date(code);
		}
		free(id);
		free(code);
	}
	if (xlsx_at(r, "cellXfs", false))
		s->in_xfs = xmlTextReaderIsEmptyElement(r) != 1;
	else if (xlsx_at(r, "cellXfs", true))
		s->in_xfs = false;
	else if (s->in_xfs && xlsx_at(r, "xf", false)) {
		char *id = xlsx_attr(r, "numFmtId");
		s->xf_fmt = xrealloc(s->xf_fmt, (s->nxf + 1) * sizeof *s->xf_fmt);
		s->xf_fmt[s->nxf++] = id ? strtol(id, NULL, 10) : 0;
		free(id);
	}
	return 0;
}

static int read_styles(xlsx *x, const char *part, err *e)
{
	struct styles s = {x, false, NULL, 0, NULL, NULL, 0};
	int rc = xlsx_walk(x, part, false, on_styles, &s, e);
	if (rc == 0) {
		x->nxf = s.nxf;
		x->date_xf = xcalloc(s.nxf ? s.nxf : 1, sizeof *x->date_xf);
		for (size_t i = 0; i < s.nxf; i++) {
			x->date_xf[i] = builtin_date(s.xf_fmt[i]);
			for (size_t j = 0; j < s.nfmt; j++)
				if (s.fmt_id[j] == s.xf_fmt[i])
					x->date_xf[i] = s.fmt_date[j];
		}
	}
	free(s.xf_fmt);
	free(s.fmt_id);
	free(s.fmt_date);
	return rc < 0 ? -1 : 0;
}

/* The workbook part, from the package relationships (xl/workbook.xml when
 * they do not say). */
static int find_workbook(xlsx *x, char **out, err *e)
{
	struct rels top = {0};
	if (read_rels(x, "", &top, e)) {
		rels_free(&top);
		return -1;
	}
	const char *t = rel_of_type(&top, "officeDocument");
	*out = t ? resolve("", t) : xstrdup("xl/workbook.xml");
	rels_free(&top);
	return 0;
}

static int read_workbook(xlsx *x, err *e)
{
	char *wb = NULL;
	struct book b = {x, NULL};
	struct rels rs = {0};
	int rc = -1;
	if (find_workbook(x, &wb, e) || xlsx_walk(x, wb, true, on_workbook, &b, e) ||
	    read_rels(x, wb, &rs, e))
		goto out;
	if (x->nsheets == 0) {
		err_add(e, EXIT_INVALID, "%s: the workbook has no sheets", x->file);
		goto out;
	}
	for (size_t i = 0; i < x->nsheets; i++) {
		for (size_t j = 0; j < rs.n && !x->sheets[i].path; j++)
			if (strcmp(rs.v[j].id, b.rids[i]) == 0)
				x->sheets[i].path = resolve(wb, rs.v[j].target);
		if (!x->sheets[i].path) {
			err_add(e, EXIT_INVALID, "%s: sheet '%s' has no part in the workbook's relationships",
			        x->file, x->sheets[i].name);
			goto out;
		}
	}
	const char *t = rel_of_type(&rs, "sharedStrings");
	char *part = t ? resolve(wb, t) : NULL;
	struct sst s = {x, false, false, BUF_INIT};
	rc = part ? xlsx_walk(x, part, true, on_sst, &s, e) : 0;
	buf_free(&s.text);
	free(part);
	if (rc)
		goto out;
	t = rel_of_type(&rs, "styles");
	part = t ? resolve(wb, t) : NULL;
	rc = part ? read_styles(x, part, e) : 0;
	free(part);
out:
	for (size_t i = 0; i < x->nsheets; i++)
		free(b.rids[i]);
	free(b.rids);
	rels_free(&rs);
	free(wb);
	return rc;
}

int xlsx_open(const char *data, size_t len, const char *file, const struct xlsx_limits *limits, xlsx **out,
              err *e)
{
	*out = NULL;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (!src) {
		err_add(e, EXIT_SYSTEM, "%s: cannot read: %s", file, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!z) {
		if (zip_error_code_zip(&ze) == ZIP_ER_NOZIP)
			err_add(e, EXIT_INVALID, "%s: not an .xlsx workbook (it is not a zip archive)", file);
		else
			err_add(e, EXIT_INVALID, "%s: not a readable .xlsx workbook: %s", file,
			        zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	zip_error_fini(&ze);
	xlsx *x = xcalloc(1, sizeof *x);
	x->zip = z;
	x->file = file;
	x->lim = limits ? *limits : xlsx_default_limits;
	if (read_workbook(x, e)) {
		xlsx_close(x);
		return -1;
	}
	*out = x;
	return 0;
}

void xlsx_close(xlsx *x)
{
	if (!x)
		return;
	zip_discard(x->zip);
	for (size_t i = 0; i < x->nstrings; i++)
		free(x->strings[i]);
	free(x->strings);
	free(x->date_xf);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].path);
	}
	free(x->sheets);
	free(x);
}

size_t xlsx_sheet_count(const xlsx *x)
{
	return x->nsheets;
}

const char *xlsx_sheet_name(const xlsx *x, size_t i)
{
	return x->sheets[i].name;
}
