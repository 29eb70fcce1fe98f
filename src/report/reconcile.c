/* Reconciliation of the supporters' transfers with the counties' receipts
 * (issue 10): the matching rules (recon_match, a pure function the unit
 * test drives), the figures of a year as JSON, and their text, CSV and
 * workbook renderings. */
#include "report/reconcile.h"
#include "core/date.h"
#include "io/csv.h"
#include "io/xlsx_write.h"
#include "model/kinds.h"
#include "model/perm.h"
#include <stdlib.h>
#include <string.h>

const char *recon_reason_name(enum recon_reason r)
{
	switch (r) {
	case RECON_MATCHED:
		return "matched";
	case RECON_AMOUNT_DIFFERS:
		return "amount_differs";
	case RECON_DATE_OUTSIDE:
		return "date_outside_window";
	case RECON_NO_COUNTERPART:
		break;
	}
	return "no_counterpart";
}

struct candidate {
	long diff;
	struct recon_item *t, *r;
	size_t ti, rj;
};

static long labs_(long x)
{
	return x < 0 ? -x : x;
}

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->diff != y->diff)
		return x->diff < y->diff ? -1 : 1;
	if (x->t->day != y->t->day)
		return x->t->day < y->t->day ? -1 : 1;
	if (x->r->day != y->r->day)
		return x->r->day < y->r->day ? -1 : 1;
	int c = strcmp(x->t->code, y->t->code);
	return c ? c : strcmp(x->r->code, y->r->code);
}

static void pair_up(struct recon_item *t, size_t ti, struct recon_item *r, size_t rj, bool explicit_link)
{
	t->match = (long)rj;
	r->match = (long)ti;
	t->reason = r->reason = RECON_MATCHED;
	t->other = (long)rj;
	r->other = (long)ti;
	t->explicit_link = r->explicit_link = explicit_link;
}

/* The reason item X (of one side) is left over, from the unmatched items
 * Y[0..n) of the other side of its project; LINKED: X is a transfer
 * confirmed with the receipt of that id. */
static void explain(struct recon_item *x, struct recon_item *y, size_t y0, size_t y1, long window)
{
	long best_same = -1, best_near = -1, d_same = 0, d_near = 0;
	for (size_t j = y0; j < y1; j++) {
		if (y[j].match >= 0)
			continue;
		long diff = labs_(x->day - y[j].day);
		bool linked = (x->link && x->link == y[j].id) || (y[j].link && y[j].link == x->id);
		if (y[j].amount == x->amount) {
			if (best_same < 0 || diff < d_same) {
				best_same = (long)j;
				d_same = diff;
			}
		} else if (diff <= window || linked) {
			if (best_near < 0 || diff < d_near) {
				best_near = (long)j;
				d_near = diff;
			}
		}
	}
	if (best_same >= 0) {
		x->reason = RECON_DATE_OUTSIDE;
		x->other = best_same;
	} else if (best_near >= 0) {
		x->reason = RECON_AMOUNT_DIFFERS;
		x->other = best_near;
	} else {
		x->reason = RECON_NO_COUNTERPART;
		x->other = -1;
	}
}

/* One project's items: T[t0..t1), R[r0..r1). */
static void match_project(struct recon_item *t, size_t t0, size_t t1, struct recon_item *r, size_t r0,
                          size_t r1, long window)
{
	/* the county's confirmations first */
	for (size_t i = t0; i < t1; i++)
		for (size_t j = r0; t[i].link && t[i].match < 0 && j < r1; j++)
			if (r[j].match < 0 && r[j].id == t[i].link && r[j].amount == t[i].amount)
				pair_up(&t[i], i, &r[j], j, true);
	/* then the same amount within the window, nearest first */
	size_t n = 0, cap = 0;
	struct candidate *c = NULL;
	for (size_t i = t0; i < t1; i++) {
		if (t[i].match >= 0)
			continue;
		for (size_t j = r0; j < r1; j++) {
			long diff = labs_(t[i].day - r[j].day);
			if (r[j].match >= 0 || r[j].amount != t[i].amount || diff > window)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				c = xrealloc(c, cap * sizeof *c);
			}
			c[n++] = (struct candidate){diff, &t[i], &r[j], i, j};
		}
	}
	if (n)
		qsort(c, n, sizeof *c, cmp_candidate);
	for (size_t k = 0; k < n; k++)
		if (c[k].t->match < 0 && c[k].r->match < 0)
			pair_up(c[k].t, c[k].ti, c[k].r, c[k].rj, false);
	free(c);
	for (size_t i = t0; i < t1; i++)
		if (t[i].match < 0)
			explain(&t[i], r, r0, r1, window);
	for (size_t j = r0; j < r1; j++)
		if (r[j].match < 0)
			explain(&r[j], t, t0, t1, window);
}

void recon_match(struct recon_item *t, size_t nt, struct recon_item *r, size_t nr, long window)
{
	for (size_t i = 0; i < nt; i++) {
		t[i].match = t[i].other = -1;
		t[i].reason = RECON_NO_COUNTERPART;
		t[i].explicit_link = false;
	}
	for (size_t j = 0; j < nr; j++) {
		r[j].match = r[j].other = -1;
		r[j].reason = RECON_NO_COUNTERPART;
		r[j].explicit_link = false;
	}
	size_t i = 0, j = 0;
	while (i < nt || j < nr) {
		const char *p = i < nt && (j >= nr || strcmp(t[i].project, r[j].project) <= 0) ? t[i].project
		                                                                               : r[j].project;
		size_t i1 = i, j1 = j;
		while (i1 < nt && strcmp(t[i1].project, p) == 0)
			i1++;
		while (j1 < nr && strcmp(r[j1].project, p) == 0)
			j1++;
		match_project(t, i, i1, r, j, j1, window);
		i = i1;
		j = j1;
	}
}

/* ---- loading a year ---- */

/* The rows of one side: the items and, beside each, what the report shows. */
struct side {
	struct recon_item *it;
	struct info {
		char *code, *project, *supporter, *county, *date;
		char *sup_zh, *sup_en, *cty_zh, *cty_en;
	} * info;
	size_t n;
};

static void side_free(struct side *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct info *f = &s->info[i];
		free(f->code);
		free(f->project);
		free(f->supporter);
		free(f->county);
		free(f->date);
		free(f->sup_zh);
		free(f->sup_en);
		free(f->cty_zh);
		free(f->cty_en);
	}
	free(s->it);
	free(s->info);
	memset(s, 0, sizeof *s);
}

/* TABLE is "transfers" or "funds" (constants of this file). */
static int load_side(db *d, const char *table, const struct recon_opts *o, const char *from, const char *to,
                     struct side *s, err *e)
{
	bool transfers = strcmp(table, "transfers") == 0;
	buf sql = BUF_INIT;
	buf_printf(
	        &sql,
	        "SELECT x.id, x.code, x.project_code, p.supporter_code, p.recipient_code, x.date, x.amount,"
	        " %s, COALESCE(ds.name_zh, ''), COALESCE(ds.name_en, ''), COALESCE(dc.name_zh, ''),"
	        " COALESCE(dc.name_en, '')"
	        " FROM %s x JOIN projects p ON p.code = x.project_code"
	        " LEFT JOIN divisions ds ON ds.code = p.supporter_code"
	        " LEFT JOIN divisions dc ON dc.code = p.recipient_code"
	        " WHERE x.date >= $1 AND x.date <= $2"
	        " AND (CAST($3 AS TEXT) IS NULL OR p.supporter_code = $3)"
	        " AND (CAST($4 AS TEXT) IS NULL OR p.recipient_code = $4)"
	        " AND (CAST($5 AS TEXT) IS NULL OR p.program = $5)%s",
	        transfers ? "COALESCE((SELECT l.fund_id FROM transfer_links l WHERE l.transfer_id = x.id), 0)"
	                  : "0",
	        table, transfers ? "" : " AND x.side = 'supporter'");
	struct db_value v[6] = {{'t', 0, from},
	                        {'t', 0, to},
	                        {'t', 0, o->supporter},
	                        {'t', 0, o->county},
	                        {'t', 0, o->program}};
	size_t nv = 5;
	if (o->who)
		nv += perm_scope_sql(o->who, kind_find(transfers ? "transfers" : "funds"), PERM_READ, "x", 6,
		                     &sql, &v[5]);
	buf_puts(&sql, " ORDER BY x.project_code, x.date, x.id");
	db_stmt *st;
	int rc = db_prepare(d, &st, e, buf_str(&sql), "") || db_rebind_values(st, e, v, nv) ? -1 : 0;
	buf_free(&sql);
	if (rc)
		return -1;
	size_t cap = 0;
	int r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (s->n == cap) {
			cap = cap ? 2 * cap : 64;
			s->it = xrealloc(s->it, cap * sizeof *s->it);
			s->info = xrealloc(s->info, cap * sizeof *s->info);
		}
		struct info *f = &s->info[s->n];
		f->code = xstrdup(db_col_text(st, 1));
		f->project = xstrdup(db_col_text(st, 2));
		f->supporter = xstrdup(db_col_text(st, 3));
		f->county = xstrdup(db_col_text(st, 4));
		f->date = xstrdup(db_col_text(st, 5));
		f->sup_zh = xstrdup(db_col_text(st, 8));
		f->sup_en = xstrdup(db_col_text(st, 9));
		f->cty_zh = xstrdup(db_col_text(st, 10));
		f->cty_en = xstrdup(db_col_text(st, 11));
		date dt = {0, 0, 0};
		const char *why;
		date_parse(f->date, &dt, &why);
		s->it[s->n] = (struct recon_item){db_col_int(st, 0),
		                                  f->code,
		                                  f->project,
		                                  date_to_days(dt),
		                                  db_col_int(st, 6),
		                                  db_col_int(st, 7),
		                                  -1,
		                                  RECON_NO_COUNTERPART,
		                                  -1,
		                                  false};
		s->n++;
	}
	db_finalize(st);
	return r == DB_ERROR ? -1 : 0;
}

/* ---- the figures ---- */

struct totals {
	int64_t sent, sent_n, arrived, arrived_n, matched, matched_n, ut, ut_n, ur, ur_n;
};

static json_t *totals_json(const struct totals *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "sent",
	                 (json_int_t)t->sent, "sent_count", (json_int_t)t->sent_n, "arrived",
	                 (json_int_t)t->arrived, "arrived_count", (json_int_t)t->arrived_n, "matched",
	                 (json_int_t)t->matched, "matched_count", (json_int_t)t->matched_n, "difference",
	                 (json_int_t)(t->sent - t->arrived), "unmatched_transfers", (json_int_t)t->ut_n,
	                 "unmatched_transfers_amount", (json_int_t)t->ut, "unmatched_receipts",
	                 (json_int_t)t->ur_n, "unmatched_receipts_amount", (json_int_t)t->ur);
}

struct pair {
	const struct info *f; /* names the pair */
	struct totals t;
};

static struct totals *pair_of(struct pair **pairs, size_t *n, const struct info *f)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*pairs)[i].f->supporter, f->supporter) &&
		    !strcmp((*pairs)[i].f->county, f->county))
			return &(*pairs)[i].t;
	*pairs = xrealloc(*pairs, (*n + 1) * sizeof **pairs);
	memset(&(*pairs)[*n], 0, sizeof **pairs);
	(*pairs)[*n].f = f;
	return &(*pairs)[(*n)++].t;
}

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->f->supporter, y->f->supporter);
	return c ? c : strcmp(x->f->county, y->f->county);
}

static json_t *item_json(const struct side *s, size_t i, const struct side *other)
{
	const struct recon_item *it = &s->it[i];
	const struct info *f = &s->info[i];
	json_t *o =
	        json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "code", f->code, "project_code", f->project,
	                  "supporter_code", f->supporter, "county_code", f->county, "date", f->date, "amount",
	                  (json_int_t)it->amount, "reason", recon_reason_name(it->reason));
	if (!o)
		return NULL;
	if (it->other >= 0) {
		const struct recon_item *y = &other->it[it->other];
		json_object_set_new(o, "counterpart", json_string(other->info[it->other].code));
		json_object_set_new(o, "counterpart_date", json_string(other->info[it->other].date));
		json_object_set_new(o, "counterpart_amount", json_integer(y->amount));
		json_object_set_new(o, "days", json_integer(y->day - it->day));
	} else {
		json_object_set_new(o, "counterpart", json_null());
	}
	return o;
}

int recon_json(db *d, const struct recon_opts *o, json_t **out, err *e)
{
	*out = NULL;
	char from[11], to[11], ys[11], ye[11];
	date a = {o->year, 1, 1}, b = {o->year, 12, 31};
	long da = date_to_days(a), db_ = date_to_days(b);
	date_format(date_from_days(da - o->window), from);
	date_format(date_from_days(db_ + o->window), to);
	date_format(a, ys);
	date_format(b, ye);
	struct side t = {0}, r = {0};
	if (load_side(d, "transfers", o, from, to, &t, e) || load_side(d, "funds", o, from, to, &r, e)) {
		side_free(&t);
		side_free(&r);
		return -1;
	}
	recon_match(t.it, t.n, r.it, r.n, o->window);

	struct pair *pairs = NULL;
	size_t np = 0;
	struct totals all = {0};
	json_t *matches = json_array(), *ut = json_array(), *ur = json_array();
	for (size_t i = 0; i < t.n; i++) {
		if (t.it[i].day < da || t.it[i].day > db_)
			continue;
		struct totals *p = pair_of(&pairs, &np, &t.info[i]);
		int64_t amt = t.it[i].amount;
		p->sent += amt, p->sent_n++, all.sent += amt, all.sent_n++;
		if (t.it[i].match >= 0) {
			p->matched += amt, p->matched_n++, all.matched += amt, all.matched_n++;
			long j = t.it[i].match;
			json_array_append_new(matches,
			                      json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:I, s:b}",
			                                "transfer", t.info[i].code, "receipt", r.info[j].code,
			                                "project_code", t.info[i].project, "amount",
			                                (json_int_t)amt, "transfer_date", t.info[i].date,
			                                "receipt_date", r.info[j].date, "days",
			                                (json_int_t)(r.it[j].day - t.it[i].day), "explicit",
			                                t.it[i].explicit_link));
		} else {
			p->ut += amt, p->ut_n++, all.ut += amt, all.ut_n++;
			json_array_append_new(ut, item_json(&t, i, &r));
		}
	}
	for (size_t j = 0; j < r.n; j++) {
		if (r.it[j].day < da || r.it[j].day > db_)
			continue;
		struct totals *p = pair_of(&pairs, &np, &r.info[j]);
		int64_t amt = r.it[j].amount;
		p->arrived += amt, p->arrived_n++, all.arrived += amt, all.arrived_n++;
		if (r.it[j].match < 0) {
			p->ur += amt, p->ur_n++, all.ur += amt, all.ur_n++;
			json_array_append_new(ur, item_json(&r, j, &t));
		}
	}
	if (np)
		qsort(pairs, np, sizeof *pairs, cmp_pair);
	json_t *pj = json_array();
	for (size_t i = 0; i < np; i++) {
		json_t *x = totals_json(&pairs[i].t);
		const struct info *f = pairs[i].f;
		json_object_set_new(x, "supporter_code", json_string(f->supporter));
		json_object_set_new(x, "supporter", json_string(f->sup_zh));
		json_object_set_new(x, "supporter_en", json_string(f->sup_en));
		json_object_set_new(x, "county_code", json_string(f->county));
		json_object_set_new(x, "county", json_string(f->cty_zh));
		json_object_set_new(x, "county_en", json_string(f->cty_en));
		json_array_append_new(pj, x);
	}
	json_t *j = json_pack("{s:i, s:s, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "year",
	                      o->year, "from", ys, "to", ye, "window", (json_int_t)o->window, "program",
	                      o->program ? json_string(o->program) : json_null(), "supporter",
	                      o->supporter ? json_string(o->supporter) : json_null(), "county",
	                      o->county ? json_string(o->county) : json_null(), "pairs", pj, "total",
	                      totals_json(&all), "matches", matches, "unmatched_transfers", ut,
	                      "unmatched_receipts", ur, "clean", all.ut_n == 0 && all.ur_n == 0);
	free(pairs);
	side_free(&t);
	side_free(&r);
	if (!j)
		return err_add(e, EXIT_SYSTEM, "reconcile: out of memory");
	*out = j;
	return 0;
}

/* ---- renderings ---- */

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int64_t jint(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static const char *reason_text(const char *reason, enum lang L)
{
	static const struct {
		const char *name, *en, *zh;
	} words[] = {
	        {"no_counterpart", "no counterpart", "无对应记录"},
	        {"amount_differs", "amount differs", "金额不符"},
	        {"date_outside_window", "date outside the window", "日期超出窗口"},
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].name, reason) == 0)
			return L == LANG_EN ? words[i].en : words[i].zh;
	return reason;
}

static void amount_text(buf *out, int64_t v)
{
	if (v < 0) {
		buf_putc(out, '-');
		v = -v;
	}
	num_fmt_thousands(out, v);
}

static void totals_text(buf *out, const json_t *p)
{
	static const char *const keys[] = {"sent", "arrived", "matched", "difference"};
	for (size_t i = 0; i < 4; i++) {
		buf_puts(out, "  ");
		amount_text(out, jint(p, keys[i]));
	}
	buf_printf(out, "  %lld/%lld\n", (long long)jint(p, "unmatched_transfers"),
	           (long long)jint(p, "unmatched_receipts"));
}

static void items_text(buf *out, const json_t *list, const char *other_kind, enum lang L)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		buf_printf(out, "  %s  %s  %s  ", jstr(x, "code"), jstr(x, "project_code"), jstr(x, "date"));
		amount_text(out, jint(x, "amount"));
		buf_printf(out, "  %s", reason_text(jstr(x, "reason"), L));
		if (json_is_string(json_object_get(x, "counterpart"))) {
			buf_printf(out, " (%s %s %s ", other_kind, jstr(x, "counterpart"),
			           jstr(x, "counterpart_date"));
			amount_text(out, jint(x, "counterpart_amount"));
			buf_puts(out, ")");
		}
		buf_putc(out, '\n');
	}
	if (!json_array_size(list))
		buf_puts(out, L == LANG_EN ? "  none\n" : "  无\n");
}

static void render_text(const json_t *j, enum lang L, buf *out)
{
	bool en = L == LANG_EN;
	buf_printf(out,
	           en ? "Reconciliation %lld (window ±%lld days)\n" : "%lld年对账（日期窗口 ±%lld 天）\n",
	           (long long)jint(j, "year"), (long long)jint(j, "window"));
	buf_puts(out,
	         en ? "supporter  county  sent  arrived  matched  difference  unmatched transfers/receipts\n"
	            : "支援方  受援区县  拨付  到位  已匹配  差额  未匹配拨付/到位\n");
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(j, "pairs"), i, p)
	{
		buf_printf(out, "%s %s  %s %s", jstr(p, "supporter_code"),
		           jstr(p, en ? "supporter_en" : "supporter"), jstr(p, "county_code"),
		           jstr(p, en ? "county_en" : "county"));
		totals_text(out, p);
	}
	buf_puts(out, en ? "total" : "合计");
	totals_text(out, json_object_get(j, "total"));
	buf_puts(out, en ? "Unmatched transfers:\n" : "未匹配的拨付：\n");
	items_text(out, json_object_get(j, "unmatched_transfers"), en ? "receipt" : "到位资金", L);
	buf_puts(out, en ? "Unmatched receipts:\n" : "未匹配的到位资金：\n");
	items_text(out, json_object_get(j, "unmatched_receipts"), en ? "transfer" : "拨付", L);
	bool clean = json_is_true(json_object_get(j, "clean"));
	buf_puts(out, clean ? (en ? "Result: the books agree\n" : "结果：双方账目相符\n")
	                    : (en ? "Result: differences remain\n" : "结果：存在差异\n"));
}

static void csv_items(buf *out, const json_t *list, const char *record)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		const char *f[] = {record,          jstr(x, "supporter_code"), jstr(x, "county_code"),
		                   jstr(x, "code"), jstr(x, "project_code"),   jstr(x, "date")};
		for (size_t k = 0; k < 6; k++) {
			if (k)
				buf_putc(out, ',');
			csv_put_field(out, f[k]);
		}
		buf_printf(out, ",%lld,%s,", (long long)jint(x, "amount"), jstr(x, "reason"));
		csv_put_field(out, jstr(x, "counterpart"));
		buf_puts(out, ",,,,\n");
	}
}

static void render_csv(const json_t *j, buf *out)
{
	buf_puts(out, "record,supporter_code,county_code,code,project_code,date,amount,reason,counterpart,"
	              "sent,arrived,matched,difference\n");
	size_t i;
	json_t *p;
	json_array_foreach(json_object_get(j, "pairs"), i, p)
	{
		buf_puts(out, "pair,");
		csv_put_field(out, jstr(p, "supporter_code"));
		buf_putc(out, ',');
		csv_put_field(out, jstr(p, "county_code"));
		buf_printf(out, ",,,,,,,%lld,%lld,%lld,%lld\n", (long long)jint(p, "sent"),
		           (long long)jint(p, "arrived"), (long long)jint(p, "matched"),
		           (long long)jint(p, "difference"));
	}
	csv_items(out, json_object_get(j, "unmatched_transfers"), "transfer");
	csv_items(out, json_object_get(j, "unmatched_receipts"), "receipt");
}

void recon_render(const json_t *j, enum report_format fmt, enum lang lang, buf *out)
{
	if (fmt == FMT_CSV)
		render_csv(j, out);
	else
		render_text(j, lang, out);
}

static int items_sheet(xlsx_book *b, const char *name, const json_t *list, enum lang L, err *e)
{
	bool en = L == LANG_EN;
	const char *h[] = {en ? "code" : "编号",
	                   en ? "project_code" : "项目编号",
	                   en ? "supporter_code" : "支援方",
	                   en ? "county_code" : "受援区县",
	                   en ? "date" : "日期",
	                   en ? "amount" : "金额",
	                   en ? "reason" : "原因",
	                   en ? "counterpart" : "对应记录"};
	size_t n = json_array_size(list);
	struct xlsx_cell *c = xcalloc((n ? n : 1) * 8, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(list, i);
		struct xlsx_cell *row = &c[i * 8];
		row[0] = (struct xlsx_cell){XC_TEXT, jstr(x, "code"), 0, 0};
		row[1] = (struct xlsx_cell){XC_TEXT, jstr(x, "project_code"), 0, 0};
		row[2] = (struct xlsx_cell){XC_TEXT, jstr(x, "supporter_code"), 0, 0};
		row[3] = (struct xlsx_cell){XC_TEXT, jstr(x, "county_code"), 0, 0};
		row[4] = (struct xlsx_cell){XC_DATE, jstr(x, "date"), 0, 0};
		row[5] = (struct xlsx_cell){XC_AMOUNT, NULL, jint(x, "amount"), 0};
		row[6] = (struct xlsx_cell){XC_TEXT, reason_text(jstr(x, "reason"), L), 0, 0};
		row[7] = (struct xlsx_cell){XC_TEXT, jstr(x, "counterpart"), 0, 0};
	}
	int rc = xlsx_book_table(b, name, h, 8, c, n, e);
	free(c);
	return rc;
}

int recon_xlsx(const json_t *j, enum lang L, buf *mem, err *e)
{
	bool en = L == LANG_EN;
	xlsx_book *b;
	if (xlsx_book_begin(NULL, &b, e))
		return -1;
	const char *h[] = {en ? "supporter_code" : "支援方代码",
	                   en ? "supporter" : "支援方",
	                   en ? "county_code" : "区县代码",
	                   en ? "county" : "受援区县",
	                   en ? "sent" : "拨付",
	                   en ? "arrived" : "到位",
	                   en ? "matched" : "已匹配",
	                   en ? "difference" : "差额",
	                   en ? "unmatched transfers" : "未匹配拨付",
	                   en ? "unmatched receipts" : "未匹配到位"};
	json_t *pairs = json_object_get(j, "pairs"), *total = json_object_get(j, "total");
	size_t n = json_array_size(pairs);
	struct xlsx_cell *c = xcalloc((n + 1) * 10, sizeof *c);
	for (size_t i = 0; i <= n; i++) {
		json_t *p = i < n ? json_array_get(pairs, i) : total;
		struct xlsx_cell *row = &c[i * 10];
		if (i < n) {
			row[0] = (struct xlsx_cell){XC_TEXT, jstr(p, "supporter_code"), 0, 0};
			row[1] =
			        (struct xlsx_cell){XC_TEXT, jstr(p, en ? "supporter_en" : "supporter"), 0, 0};
			row[2] = (struct xlsx_cell){XC_TEXT, jstr(p, "county_code"), 0, 0};
			row[3] = (struct xlsx_cell){XC_TEXT, jstr(p, en ? "county_en" : "county"), 0, 0};
		} else {
			row[0] = (struct xlsx_cell){XC_TEXT, en ? "Total" : "合计", 0, 0};
		}
		row[4] = (struct xlsx_cell){XC_AMOUNT, NULL, jint(p, "sent"), 0};
		row[5] = (struct xlsx_cell){XC_AMOUNT, NULL, jint(p, "arrived"), 0};
		row[6] = (struct xlsx_cell){XC_AMOUNT, NULL, jint(p, "matched"), 0};
		row[7] = (struct xlsx_cell){XC_AMOUNT, NULL, jint(p, "difference"), 0};
		row[8] = (struct xlsx_cell){XC_INT, NULL, jint(p, "unmatched_transfers"), 0};
		row[9] = (struct xlsx_cell){XC_INT, NULL, jint(p, "unmatched_receipts"), 0};
	}
	int rc = xlsx_book_table(b, en ? "pairs" : "对账", h, 10, c, n + 1, e) ||
	         items_sheet(b, en ? "unmatched transfers" : "未匹配拨付",
	                     json_object_get(j, "unmatched_transfers"), L, e) ||
	         items_sheet(b, en ? "unmatched receipts" : "未匹配到位",
	                     json_object_get(j, "unmatched_receipts"), L, e);
	free(c);
	return xlsx_book_end(b, rc == 0, mem, e) || rc ? -1 : 0;
}
