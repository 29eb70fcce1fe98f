/* One cell, checked by its column type and turned into the stored value. */
#include "io/cell.h"
#include "core/date.h"
#include "core/num.h"
#include "io/csv.h"
#include "model/codes.h"
#include "model/messages.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

int cell_lookup_init(struct cell_lookup *l, db *d, enum lang lang, err *e)
{
	memset(l, 0, sizeof *l);
	l->lang = lang;
	if (db_prepare(d, &l->division, e, "SELECT 1 FROM divisions WHERE code = $1", "t", "") ||
	    db_prepare(d, &l->division_name, e, "SELECT code FROM divisions WHERE name_zh = $1 LIMIT 2", "t",
	               "") ||
	    db_prepare(d, &l->program, e, "SELECT 1 FROM programs WHERE code = $1", "t", "") ||
	    db_prepare(d, &l->conference, e, "SELECT 1 FROM conferences WHERE code = $1", "t", "") ||
	    db_prepare(d, &l->project, e, "SELECT 1 FROM projects WHERE code = $1", "t", "") ||
	    db_prepare(d, &l->section, e, "SELECT 1 FROM industry_sections WHERE code = $1", "t", "") ||
	    db_prepare(d, &l->industry_division, e, "SELECT 1 FROM industry_divisions WHERE code = $1", "t",
	               "") ||
	    db_prepare(d, &l->plan, e, "SELECT 1 FROM plans WHERE code = $1", "t", "")) {
		cell_lookup_free(l);
		return -1;
	}
	return 0;
}

void cell_lookup_free(struct cell_lookup *l)
{
	db_finalize(l->division);
	db_finalize(l->division_name);
	db_finalize(l->program);
	db_finalize(l->conference);
	db_finalize(l->project);
	db_finalize(l->section);
	db_finalize(l->industry_division);
	db_finalize(l->plan);
	memset(l, 0, sizeof *l);
}

void cell_trim(const char *s, buf *out)
{
	buf_reset(out);
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	buf_add(out, s, n);
}

/* 1 when ST finds a row for S, 0 when not, -1 on a database error. */
static int found(db_stmt *st, const char *s, err *e)
{
	if (db_rebind(st, e, "t", s))
		return -1;
	int rc = db_step(st, e);
	return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

static bool all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static void set_text(struct cell *out, const char *s)
{
	if (s != out->text.s) {
		buf_reset(&out->text);
		buf_puts(&out->text, s);
	}
	out->v = (struct db_value){'t', 0, buf_str(&out->text)};
}

static void set_int(struct cell *out, int64_t v)
{
	out->v = (struct db_value){'i', v, NULL};
}

/* The value of an empty or absent cell. */
static void set_empty(const struct column *c, const struct cell_in *in, struct cell *out)
{
	if (in->null_if_empty)
		out->v = (struct db_value){'z', 0, NULL};
	else if (c->type == CT_TEXT || c->type == CT_CODE || c->type == CT_CODES)
		set_text(out, "");
	else if (c->type == CT_BOOL)
		set_int(out, 0);
	else if (c->type == CT_PROGRAM)
		set_text(out, "sanxia"); /* the documented default program */
	else
		out->v = (struct db_value){'z', 0, NULL};
}

/* Adds message ID with ARGS (as many as its templates take), in the
 * import's language, at the cell's place. Returns -1. */
static int bad(const struct cell_lookup *l, const struct cell_in *in, err *e, enum msg_id id,
               const char *const *args)
{
	buf m = BUF_INIT;
	msg_formatv(&m, l->lang, id, args);
	err_cell(e, in->file, in->sheet, in->row, in->field, in->header, "%s", buf_str(&m));
	buf_free(&m);
	return -1;
}

#define BAD(id, ...) bad(l, in, e, id, (const char *const[]){__VA_ARGS__})
#define BAD0(id)     bad(l, in, e, id, NULL)

static int check_division(struct cell_lookup *l, const struct cell_in *in, const char *s, struct cell *out,
                          err *e)
{
	if (all_digits(s, 6, 6)) {
		int f = found(l->division, s, e);
		if (f < 0)
			return -1;
		if (!f)
			return BAD(MSG_UNKNOWN_DIVISION_CODE, s);
		set_text(out, s);
		return 0;
	}
	if (db_rebind(l->division_name, e, "t", s))
		return -1;
	int rc = db_step(l->division_name, e);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_DONE)
		return BAD(MSG_UNKNOWN_DIVISION_NAME, s);
	buf code = BUF_INIT;
	buf_puts(&code, db_col_text(l->division_name, 0));
	rc = db_step(l->division_name, e);
	if (rc == DB_ROW)
		BAD(MSG_DIVISION_AMBIGUOUS, s);
	else if (rc == DB_DONE)
		set_text(out, buf_str(&code));
	buf_free(&code);
	return rc == DB_DONE ? 0 : -1;
}

static int check_industry(struct cell_lookup *l, const struct cell_in *in, const char *s, struct cell *out,
                          err *e)
{
	int f = 0;
	if (strlen(s) == 1 && isalpha((unsigned char)s[0])) {
		char up[2] = {(char)toupper((unsigned char)s[0]), '\0'};
		f = found(l->section, up, e);
		if (f > 0)
			set_text(out, up);
	} else if (all_digits(s, 2, 4)) {
		char div[3] = {s[0], s[1], '\0'};
		f = found(l->industry_division, div, e);
		if (f > 0)
			set_text(out, s);
	}
	if (f < 0)
		return -1;
	if (!f)
		return BAD(MSG_NOT_INDUSTRY_HINT, s);
	return 0;
}

/* The English message names the code list, the Chinese one the column. */
static int bad_code(const struct cell_lookup *l, const struct column *c, const struct cell_in *in,
                    const char *s, err *e)
{
	buf list = BUF_INIT;
	codes_describe(codes_list(c->list), &list);
	BAD(MSG_UNKNOWN_CODE, s, l->lang == LANG_EN || !c->zh ? c->list : c->zh, buf_str(&list));
	buf_free(&list);
	return -1;
}

/* ';'-separated codes, stored in the list's order without repeats. */
static int check_codes(const struct cell_lookup *l, const struct column *c, const struct cell_in *in,
                       const char *s, struct cell *out, err *e)
{
	const struct code_list *list = codes_list(c->list);
	unsigned long long seen = 0;
	int rc = 0;
	buf part = BUF_INIT, tmp = BUF_INIT;
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, ";");
		buf_reset(&tmp);
		buf_add(&tmp, p, n);
		cell_trim(buf_str(&tmp), &part);
		p += n + (p[n] == ';');
		if (part.len == 0)
			continue;
		const struct code_item *it = codes_find(list, buf_str(&part));
		if (!it)
			rc = bad_code(l, c, in, buf_str(&part), e);
		else
			seen |= 1ULL << (it - list->items);
	}
	buf_reset(&tmp);
	for (size_t i = 0; i < list->n; i++)
		if (seen & (1ULL << i))
			buf_printf(&tmp, "%s%s", tmp.len ? ";" : "", list->items[i].code);
	set_text(out, buf_str(&tmp));
	buf_free(&part);
	buf_free(&tmp);
	return rc;
}

static int check_ref(const struct cell_lookup *l, db_stmt *st, enum msg_id unknown, const struct cell_in *in,
                     const char *s, struct cell *out, err *e)
{
	int f = found(st, s, e);
	if (f < 0)
		return -1;
	if (!f)
		return BAD(unknown, s);
	set_text(out, s);
	return 0;
}

int cell_check(struct cell_lookup *l, const struct column *c, const struct cell_in *in, struct cell *out,
               err *e)
{
	if (!in->raw) {
		set_empty(c, in, out);
		return 0;
	}
	if (!utf8_valid(in->raw, in->len))
		return BAD0(MSG_CELL_NOT_UTF8);
	if (memchr(in->raw, '\0', in->len))
		return BAD0(MSG_CELL_NUL);
	buf t = BUF_INIT;
	cell_trim(in->raw, &t);
	const char *s = buf_str(&t);
	int rc = 0;
	int64_t v;
	const char *why = NULL;
	date dt;
	if (t.len == 0) {
		if (c->required)
			rc = BAD0(MSG_REQUIRED);
		else
			set_empty(c, in, out);
		buf_free(&t);
		return rc;
	}
	switch (c->type) {
	case CT_TEXT:
		set_text(out, s);
		break;
	case CT_INT:
		if (num_parse_int(s, &v, &why))
			rc = BAD(MSG_NOT_WHOLE, s);
		else if (v < 0)
			rc = BAD(MSG_NEGATIVE, s);
		else
			set_int(out, v);
		break;
	case CT_YEAR:
		if (num_parse_int(s, &v, &why) || v < 1949 || v > 2100)
			rc = BAD(MSG_NOT_YEAR, s);
		else
			set_int(out, v);
		break;
	case CT_AMOUNT:
		if (num_parse_amount(s, &v, &why))
			rc = BAD(msg_reason(why), s, why); /* why names the problem */
		else if (v < 0)
			rc = BAD(MSG_NEGATIVE, s);
		else
			set_int(out, v);
		break;
	case CT_DATE:
		if (date_parse(s, &dt, &why)) {
			rc = BAD(msg_reason(why), s, why); /* why names the problem */
		} else {
			char d[11];
			date_format(dt, d);
			set_text(out, d);
		}
		break;
	case CT_CODE: {
		const struct code_item *it = codes_find(codes_list(c->list), s);
		if (!it)
			rc = bad_code(l, c, in, s, e);
		else
			set_text(out, it->code);
		break;
	}
	case CT_CODES:
		rc = check_codes(l, c, in, s, out, e);
		break;
	case CT_BOOL:
		if (strcmp(s, "1") == 0 || strcasecmp(s, "true") == 0 || strcmp(s, "是") == 0)
			set_int(out, 1);
		else if (strcmp(s, "0") == 0 || strcasecmp(s, "false") == 0 || strcmp(s, "否") == 0)
			set_int(out, 0);
		else
			rc = BAD(MSG_NOT_BOOL, s);
		break;
	case CT_DIVISION:
		rc = check_division(l, in, s, out, e);
		break;
	case CT_PROGRAM:
		rc = check_ref(l, l->program, MSG_UNKNOWN_PROGRAM, in, s, out, e);
		break;
	case CT_CONFERENCE:
		rc = check_ref(l, l->conference, MSG_UNKNOWN_CONFERENCE_IMPORT, in, s, out, e);
		break;
	case CT_PROJECT:
		rc = check_ref(l, l->project, MSG_UNKNOWN_PROJECT_IMPORT, in, s, out, e);
		break;
	case CT_INDUSTRY:
		rc = check_industry(l, in, s, out, e);
		break;
	case CT_PLAN:
		rc = check_ref(l, l->plan, MSG_UNKNOWN_PLAN_IMPORT, in, s, out, e);
		break;
	}
	buf_free(&t);
	return rc;
}
