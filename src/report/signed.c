/* report signed: the projects signed at the conferences of year Y, each as
 * of Y-12-31, then the totals and the status breakdown. The figures are
 * figures_signed, the same block the annual summary prints; beside them
 * the cumulative since the program's first year (累计, figures_cumulative_of). */
#include "report/annual.h"
#include "report/figures.h"
#include "report/json.h"
#include "report/render.h"
#include "report/words.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *rows_json(const struct signed_figs *s)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++) {
		const struct signed_row *r = &s->rows[i];
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(r->code));
		json_object_set_new(o, "name", json_string(r->name));
		json_object_set_new(o, "recipient_code", json_string(r->county.code));
		json_object_set_new(o, "recipient", json_string(r->county.zh));
		json_object_set_new(o, "supporter_code", json_string(r->supporter.code));
		json_object_set_new(o, "supporter", json_string(r->supporter.zh));
		json_object_set_new(o, "conference", json_string(r->conference));
		json_object_set_new(o, "status", json_string(codes_list("status")->items[r->status].code));
		json_object_set_new(o, "funds_supporter", json_integer(r->fund_supporter));
		json_object_set_new(o, "funds_recipient", json_integer(r->fund_recipient));
		json_object_set_new(o, "jobs", r->has_jobs ? json_integer(r->jobs) : json_null());
		json_object_set_new(o, "leader", json_string(r->leader));
		json_array_append_new(a, o);
	}
	return a;
}

static void amount_cell(buf *b, int64_t v, enum lang lang)
{
	buf_reset(b);
	num_fmt_amount(b, v, lang);
}

static void write_table(struct doc *d, const struct signed_figs *s)
{
	bool en = d->lang == LANG_EN;
	const char *head_zh[] = {"编号", "项目名称",   "受援区县",   "支援方",   "签约会议",
	                         "状态", "支援方到位", "受援方到位", "安置就业", "负责领导"};
	const char *head_en[] = {"code",   "project",         "county",          "supporter", "conference",
	                         "status", "supporter funds", "recipient funds", "jobs",      "leader"};
	const bool num[] = {false, false, false, false, false, false, true, true, true, false};
	struct doc_table t;
	doc_table_begin(&t, 10, en ? head_en : head_zh, num);
	buf fs = BUF_INIT, fr = BUF_INIT, jobs = BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		const struct signed_row *r = &s->rows[i];
		amount_cell(&fs, r->fund_supporter, d->lang);
		amount_cell(&fr, r->fund_recipient, d->lang);
		buf_reset(&jobs);
		if (r->has_jobs)
			num_fmt_thousands(&jobs, r->jobs);
		const struct code_item *st = &codes_list("status")->items[r->status];
		const char *row[] = {r->code,
		                     r->name,
		                     place_short(&r->county, d->lang),
		                     place_short(&r->supporter, d->lang),
		                     r->conference,
		                     en ? st->en : st->zh,
		                     buf_str(&fs),
		                     buf_str(&fr),
		                     buf_str(&jobs),
		                     r->leader};
		doc_table_row(&t, row);
	}
	doc_table_write(d, &t);
	doc_table_free(&t);
	buf_free(&fs);
	buf_free(&fr);
	buf_free(&jobs);
}

static void write_totals(struct doc *d, const struct signed_figs *s)
{
	bool en = d->lang == LANG_EN;
	int64_t n = (int64_t)s->n;
	buf p = BUF_INIT;
	if (en) {
		buf_printf(&p, "%lld projects; funds in place by 31 December %d: ", (long long)n, s->year);
		num_fmt_amount(&p, s->funds_total, LANG_EN);
		annual_in_kind(&p, s->funds_in_kind, LANG_EN);
		buf_puts(&p, " (supporters ");
		num_fmt_amount(&p, s->funds_supporter, LANG_EN);
		buf_puts(&p, ", recipients ");
		num_fmt_amount(&p, s->funds_recipient, LANG_EN);
		buf_puts(&p, "); jobs in projects in operation: ");
		num_fmt_thousands(&p, s->jobs);
		buf_printf(&p, "; large projects (100 million yuan or more): %lld (", (long long)s->large);
		words_share(&p, s->large, n, 1, LANG_EN);
		buf_puts(&p, "); private share of contract amounts: ");
		words_share(&p, s->private_amount, s->contract_amount, 1, LANG_EN);
		buf_puts(&p, ".");
	} else {
		buf_printf(&p, "签约项目%lld个;截至%d年12月31日已到位资金", (long long)n, s->year);
		num_fmt_amount(&p, s->funds_total, LANG_ZH);
		annual_in_kind(&p, s->funds_in_kind, LANG_ZH);
		buf_puts(&p, ",其中支援方");
		num_fmt_amount(&p, s->funds_supporter, LANG_ZH);
		buf_puts(&p, ",受援方");
		num_fmt_amount(&p, s->funds_recipient, LANG_ZH);
		buf_puts(&p, ";竣工投产项目安置就业");
		num_fmt_people(&p, s->jobs, false, LANG_ZH);
		buf_printf(&p, ";投资总额上亿元的项目%lld个,占", (long long)s->large);
		words_share(&p, s->large, n, 1, LANG_ZH);
		buf_puts(&p, ";合同资金中民营资本占");
		words_share(&p, s->private_amount, s->contract_amount, 1, LANG_ZH);
		buf_puts(&p, "。");
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
	const char *head_zh[] = {"状态", "项目数", "占比"};
	const char *head_en[] = {"status", "projects", "share"};
	const bool num[] = {false, true, true};
	struct doc_table t;
	doc_table_begin(&t, 3, en ? head_en : head_zh, num);
	const struct code_list *l = codes_list("status");
	for (int i = 0; i < ST_COUNT; i++) {
		buf c = BUF_INIT, pc = BUF_INIT;
		buf_printf(&c, "%lld", (long long)s->status[i]);
		words_share(&pc, s->status[i], n, 1, d->lang);
		const char *row[] = {en ? l->items[i].en : l->items[i].zh, buf_str(&c), buf_str(&pc)};
		doc_table_row(&t, row);
		buf_free(&c);
		buf_free(&pc);
	}
	doc_table_write(d, &t);
	doc_table_free(&t);
}

int report_signed(db *d, const struct report_opts *o, buf *out, err *e)
{
	const char *program = o->program ? o->program : "sanxia";
	char *zh = NULL, *en = NULL;
	bool demo;
	struct signed_figs s;
	struct cumulative cum = {0};
	if (figures_program(d, program, &zh, &en, e) || figures_is_demo(d, &demo, e) ||
	    figures_cumulative_of(d, program, NULL, o->year, NULL, &cum, e) ||
	    figures_signed(d, o->year, program, &s, e)) {
		free(zh);
		free(en);
		return -1;
	}
	int rc = 0;
	if (o->format == FMT_JSON) {
		json_t *j = json_object();
		json_object_set_new(j, "year", json_integer(o->year));
		json_object_set_new(j, "program", json_string(program));
		json_object_set_new(j, "demo", json_boolean(demo));
		json_object_set_new(j, "as_of", json_sprintf("%04d-12-31", o->year));
		json_object_set_new(j, "signed", figures_signed_json(&s));
		json_object_set_new(j, "rows", rows_json(&s));
		json_object_set_new(j, "cumulative", figures_cumulative_json(&cum));
		rc = report_json_dump(j, out, e);
		json_decref(j);
	} else {
		struct doc doc = {out, o->format, o->lang};
		buf t = BUF_INIT;
		if (o->lang == LANG_EN)
			buf_printf(&t, "%s: projects signed at the conferences of %d, as of 31 December %d%s",
			           en, o->year, o->year, demo ? " (demo data)" : "");
		else
			buf_printf(&t, "%s:%d年签约项目进展情况(截至%d年12月31日)%s", zh, o->year, o->year,
			           demo ? "（演示数据）" : "");
		doc_begin(&doc, buf_str(&t));
		if (demo)
			doc_note(&doc, o->lang == LANG_EN ? "(demo data) computed from demonstration data"
			                                  : "（演示数据）本报告由演示数据生成");
		if (s.n == 0)
			doc_para(&doc, o->lang == LANG_EN
			                       ? "No project was signed at a conference of this year."
			                       : "本年度没有在签约会议上签订的项目。");
		else
			write_table(&doc, &s);
		write_totals(&doc, &s);
		report_cumulative_signed(&doc, &cum);
		doc_end(&doc);
		buf_free(&t);
	}
	figures_signed_free(&s);
	free(zh);
	free(en);
	return rc;
}
