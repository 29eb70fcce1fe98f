/* Computing the figures of the reports from the records (figures.h). Every
 * definition of docs/reports.md is one query here; renderings only print. */
#include "report/figures.h"
#include "report/report.h"
#include "report/names.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strlist_add(struct strlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(s);
}

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

void strlist_free(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void place_free(struct place *p)
{
	free(p->code);
	free(p->zh);
	free(p->en);
	free(p->short_zh);
	free(p->short_en);
	memset(p, 0, sizeof *p);
}

const char *place_short(const struct place *p, enum lang lang)
{
	const char *s = lang == LANG_EN ? p->short_en : p->short_zh;
	return s ? s : "";
}

static void place_set(struct place *p, const char *code, const char *zh, const char *en)
{
	buf b = BUF_INIT;
	place_free(p);
	p->code = xstrdup(code);
	p->zh = xstrdup(zh);
	p->en = xstrdup(en);
	names_short(&b, zh, LANG_ZH);
	p->short_zh = buf_detach(&b);
	names_short(&b, en, LANG_EN);
	p->short_en = buf_detach(&b);
	buf_free(&b);
}

int figures_place(db *d, const char *code, struct place *p, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT name_zh, name_en FROM divisions WHERE code = $1", "t", code))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		place_set(p, code, db_col_text(st, 0), db_col_text(st, 1));
	else if (rc == DB_DONE)
		place_set(p, code, code, code);
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

/* A conference's place as written ("重庆", "万州区" or a code), resolved to a
 * division when one matches, else kept as text. */
static int place_from_text(db *d, const char *text, struct place *p, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT code, name_zh, name_en FROM divisions WHERE code = $1 OR name_zh = $1"
	               " OR name_zh = $1 || '市' OR name_zh = $1 || '区' OR name_zh = $1 || '县'"
	               " ORDER BY CASE WHEN code = $1 OR name_zh = $1 THEN 0 ELSE 1 END, code LIMIT 1",
	               "t", text))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW)
		place_set(p, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	else if (rc == DB_DONE)
		place_set(p, "", text, text);
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

int figures_program(db *d, const char *program, char **zh, char **en, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT name_zh, name_en FROM programs WHERE code = $1", "t", program))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		*zh = xstrdup(db_col_text(st, 0));
		*en = xstrdup(db_col_text(st, 1));
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_DONE)
		return err_add(e, EXIT_INVALID, "unknown program '%s' (see the programs table, e.g. sanxia)",
		               program);
	return 0;
}

int figures_is_demo(db *d, bool *demo, err *e)
{
	int64_t n;
	if (db_int(d, &n, e, "SELECT COUNT(*) FROM meta WHERE key = 'demo' AND value = '1'", ""))
		return -1;
	*demo = n > 0;
	return 0;
}

void figures_year_bounds(int year, char start[11], char end[11])
{
	snprintf(start, 11, "%04d-01-01", year);
	snprintf(end, 11, "%04d-12-31", year);
}

/* GB/T 4754: a section letter, optionally followed by the division digits
 * ("C", "C17", "C1713"), or digits whose first two are the division
 * ("17", "1713"). The tier comes from the division when there is one,
 * since some divisions differ from their section (05, 11, 43). */
static int industry_classify(db *d, const char *code, struct signed_row *r, err *e)
{
	char sec[2] = {0}, div[3] = {0};
	const char *c = code;
	while (*c == ' ')
		c++;
	if (isalpha((unsigned char)c[0])) {
		sec[0] = (char)toupper((unsigned char)c[0]);
		if (isdigit((unsigned char)c[1]) && isdigit((unsigned char)c[2]))
			memcpy(div, c + 1, 2);
	} else if (isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1])) {
		memcpy(div, c, 2);
	}
	db_stmt *st;
	int rc;
	if (div[0]) {
		if (db_prepare(d, &st, e,
		               "SELECT d.tier, d.section, d.name_zh, s.name_en FROM industry_divisions d"
		               " JOIN industry_sections s ON s.code = d.section WHERE d.code = $1",
		               "t", div))
			return -1;
	} else if (sec[0]) {
		if (db_prepare(d, &st, e,
		               "SELECT tier, code, name_zh, name_en FROM industry_sections WHERE code = $1",
		               "t", sec))
			return -1;
	} else {
		return 0;
	}
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		r->tier = (int)db_col_int(st, 0);
		r->section = db_col_text(st, 1)[0];
		r->industry_zh = xstrdup(db_col_text(st, 2));
		r->industry_en = xstrdup(db_col_text(st, 3));
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : 0;
}

static void signed_row_free(struct signed_row *r)
{
	free(r->code);
	free(r->name);
	free(r->category);
	place_free(&r->county);
	place_free(&r->supporter);
	free(r->conference);
	free(r->industry_zh);
	free(r->industry_en);
	free(r->leader);
	free(r->team);
	free(r->service_mode);
	free(r->policy_note);
}

void figures_signed_free(struct signed_figs *s)
{
	for (size_t i = 0; i < s->n; i++)
		signed_row_free(&s->rows[i]);
	free(s->rows);
	for (size_t i = 0; i < s->nconfs; i++) {
		free(s->confs[i].name);
		place_free(&s->confs[i].place);
	}
	free(s->confs);
	strlist_free(&s->industries_zh);
	strlist_free(&s->industries_en);
	memset(s, 0, sizeof *s);
}

static int load_signed_rows(db *d, const char *program, const char *start, const char *end,
                            struct signed_figs *s, err *e)
{
	db_stmt *st;
	buf vsql = BUF_INIT;
	/* parameters first appear in the order $1 $2 $3 (SQLite numbers named
	 * parameters by first appearance) */
	int failed = db_prepare(
	        d, &st, e,
	        report_sql(
	                d,
	                "SELECT p.code, p.name, p.category, p.recipient_code, p.supporter_code, "
	                "c.name, " STATUS_ON(
	                        "$1") ","
	                              " (SELECT COALESCE(SUM(f.amount), 0) FROM funds f WHERE f.project_code "
	                              "= p.code"
	                              "  AND f.date <= $1 AND f.side = 'supporter'),"
	                              " (SELECT COALESCE(SUM(f.amount), 0) FROM funds f WHERE f.project_code "
	                              "= p.code"
	                              "  AND f.date <= $1 AND f.side = 'recipient'),"
	                              " p.jobs, p.total_investment, p.contract_amount, p.private_amount, "
	                              "p.industry_code,"
	                              " p.leader, p.team, p.service_mode, p.green_channel, p.policy_note"
	                              " FROM projects p JOIN conferences c ON c.code = p.conference"
	                              " WHERE p.program = $2 AND c.date >= $3 AND c.date <= $1"
	                              " ORDER BY c.date, c.code, p.code",
	                &vsql),
	        "ttt", end, program, start);
	buf_free(&vsql);
	if (failed)
		return -1;
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (s->n == cap) {
			cap = cap ? cap * 2 : 64;
			s->rows = xrealloc(s->rows, cap * sizeof *s->rows);
		}
		struct signed_row *r = &s->rows[s->n++];
		memset(r, 0, sizeof *r);
		r->code = xstrdup(db_col_text(st, 0));
		r->name = xstrdup(db_col_text(st, 1));
		r->category = xstrdup(db_col_text(st, 2));
		r->county.code = xstrdup(db_col_text(st, 3));
		r->supporter.code = xstrdup(db_col_text(st, 4));
		r->conference = xstrdup(db_col_text(st, 5));
		/* no status known by 12-31: not yet past negotiation */
		int stt = codes_index("status", db_col_text(st, 6));
		r->status = stt < 0 ? ST_NEGOTIATING : stt;
		r->fund_supporter = db_col_int(st, 7);
		r->fund_recipient = db_col_int(st, 8);
		r->has_jobs = !db_col_null(st, 9);
		r->jobs = db_col_int(st, 9);
		r->has_total = !db_col_null(st, 10);
		r->total_investment = db_col_int(st, 10);
		r->has_contract = !db_col_null(st, 11);
		r->contract_amount = db_col_int(st, 11);
		r->has_private = !db_col_null(st, 12);
		r->private_amount = db_col_int(st, 12);
		r->industry_zh = xstrdup(db_col_text(st, 13)); /* the code, until classified */
		r->leader = xstrdup(db_col_text(st, 14));
		r->team = xstrdup(db_col_text(st, 15));
		r->service_mode = xstrdup(db_col_text(st, 16));
		r->green_channel = db_col_int(st, 17) != 0;
		r->policy_note = xstrdup(db_col_text(st, 18));
	}
	db_finalize(st);
	if (rc == DB_ERROR)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		struct signed_row *r = &s->rows[i];
		char *icode = r->industry_zh;
		struct place tmp = {0};
		r->industry_zh = NULL;
		int bad = industry_classify(d, icode, r, e);
		free(icode);
		if (bad)
			return -1;
		if (figures_place(d, r->county.code, &tmp, e))
			return -1;
		place_free(&r->county);
		r->county = tmp;
		memset(&tmp, 0, sizeof tmp);
		if (figures_place(d, r->supporter.code, &tmp, e))
			return -1;
		place_free(&r->supporter);
		r->supporter = tmp;
	}
	return 0;
}

static int load_conferences(db *d, const char *program, const char *start, const char *end,
                            struct signed_figs *s, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT name, place FROM conferences WHERE program = $1 AND date >= $2 AND date <= $3"
	               " ORDER BY date, code",
	               "ttt", program, start, end))
		return -1;
	int rc;
	struct strlist places = {0};
	while ((rc = db_step(st, e)) == DB_ROW) {
		s->confs = xrealloc(s->confs, (s->nconfs + 1) * sizeof *s->confs);
		memset(&s->confs[s->nconfs], 0, sizeof *s->confs);
		s->confs[s->nconfs++].name = xstrdup(db_col_text(st, 0));
		strlist_add(&places, db_col_text(st, 1));
	}
	db_finalize(st);
	for (size_t i = 0; rc != DB_ERROR && i < s->nconfs; i++)
		if (places.v[i][0] && place_from_text(d, places.v[i], &s->confs[i].place, e))
			rc = DB_ERROR;
	strlist_free(&places);
	return rc == DB_ERROR ? -1 : 0;
}

static void signed_aggregate(struct signed_figs *s)
{
	char seen[26] = {0};
	for (size_t i = 0; i < s->n; i++) {
		const struct signed_row *r = &s->rows[i];
		s->funds_supporter += r->fund_supporter;
		s->funds_recipient += r->fund_recipient;
		s->status[r->status]++;
		if (r->status == ST_OPERATING)
			s->jobs += r->jobs;
		if (r->has_total && r->total_investment >= 100000000LL)
			s->large++;
		s->contract_amount += r->contract_amount;
		s->private_amount += r->private_amount;
		if (r->tier >= 1 && r->tier <= 3)
			s->tiers[r->tier] = true;
		if (r->section >= 'A' && r->section <= 'Z')
			seen[r->section - 'A'] = 1;
		if (r->industry_zh && !strlist_has(&s->industries_zh, r->industry_zh))
			strlist_add(&s->industries_zh, r->industry_zh);
		if (r->industry_en && !strlist_has(&s->industries_en, r->industry_en))
			strlist_add(&s->industries_en, r->industry_en);
		s->with_leader += r->leader[0] != 0;
		s->with_team += r->team[0] != 0;
		s->with_policy += r->policy_note[0] != 0;
		s->green_channel += r->green_channel;
		int m = codes_index("service_mode", r->service_mode);
		if (m >= 0 && m < SERVICE_MODES)
			s->service[m]++;
		s->economic += strcmp(r->category, "economic") == 0;
	}
	s->funds_total = s->funds_supporter + s->funds_recipient;
	size_t k = 0;
	for (int i = 0; i < 26; i++)
		if (seen[i])
			s->sections[k++] = (char)('A' + i);
	s->sections[k] = 0;
}

int figures_signed(db *d, int year, const char *program, struct signed_figs *s, err *e)
{
	char start[11], end[11];
	memset(s, 0, sizeof *s);
	s->year = year;
	figures_year_bounds(year, start, end);
	if (load_signed_rows(d, program, start, end, s, e) ||
	    load_conferences(d, program, start, end, s, e) ||
	    figures_signed_in_kind(d, year, program, s, e)) {
		figures_signed_free(s);
		return -1;
	}
	signed_aggregate(s);
	return 0;
}

const char *report_sql(db *d, const char *sql, buf *tmp)
{
	static const char from[] = "funds f ";
	static const char to[] = "(SELECT * FROM funds WHERE verified_at IS NOT NULL) f ";
	if (!db_verified_only(d) || !strstr(sql, from))
		return sql;
	buf_reset(tmp);
	for (const char *p = sql, *q; *p; p = q + sizeof from - 1) {
		q = strstr(p, from);
		if (!q) {
			buf_puts(tmp, p);
			break;
		}
		buf_add(tmp, p, (size_t)(q - p));
		/* a whole word: "x_funds f " is another table */
		bool word = q == sql || q[-1] == ' ' || q[-1] == '(';
		buf_puts(tmp, word ? to : from);
	}
	return buf_str(tmp);
}
