/* The annual summary in Chinese, written like the 2004 seed: a title, the
 * intro sentence and sections 一 to 六, every number from the figures and
 * printed through core/num. Where the seed states qualitative things, only
 * what the records support is written. */
#include "report/annual.h"
#include "report/words.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZH LANG_ZH

static void people(buf *b, int64_t n)
{
	num_fmt_people(b, n, false, ZH);
}

/* 重庆市三峡库区 */
static void region_area(buf *b, const struct annual_figs *a)
{
	buf_puts(b, a->region.zh ? a->region.zh : "");
	annual_area_zh(b, a->program_zh);
}

static bool in_reservoir(const struct annual_figs *a)
{
	return strstr(a->program_zh, "库区") != NULL;
}

static void conferences(buf *b, const struct signed_figs *s)
{
	for (size_t i = 0; i < s->nconfs; i++) {
		words_sep(b, i, s->nconfs, ZH);
		annual_conference_short(b, &s->confs[i], ZH);
	}
}

static void intro(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	buf_printf(&p, "%d年,%s%s", a->year, a->region.zh ? a->region.zh : "", a->program_zh);
	const struct signed_figs *s = &a->sg;
	if (s->nconfs) {
		buf_puts(&p, "以");
		for (size_t i = 0; i < s->nconfs; i++) {
			words_sep(&p, i, s->nconfs, ZH);
			buf_puts(&p, s->confs[i].name);
			if (place_short(&s->confs[i].place, ZH)[0]) {
				buf_puts(&p, "(以下简称");
				annual_conference_short(&p, &s->confs[i], ZH);
				buf_puts(&p, ")");
			}
		}
		buf_puts(&p, "为契机,");
	} else {
		buf_puts(&p, "围绕");
	}
	buf_printf(&p, "开展经贸合作、社会公益、劳务输出、人才培训等对口支援工作。");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void status_table(struct doc *d, const struct signed_figs *s)
{
	if (d->fmt == FMT_TEXT || s->n == 0)
		return;
	const char *head[] = {"状态", "项目数", "占比"};
	const bool num[] = {false, true, true};
	struct doc_table t;
	doc_table_begin(&t, 3, head, num);
	const struct code_list *l = codes_list("status");
	for (int i = ST_COUNT - 1; i >= 0; i--) {
		buf n = BUF_INIT, pc = BUF_INIT;
		buf_printf(&n, "%lld", (long long)s->status[i]);
		words_share(&pc, s->status[i], (int64_t)s->n, 0, ZH);
		const char *row[] = {l->items[i].zh, buf_str(&n), buf_str(&pc)};
		doc_table_row(&t, row);
		buf_free(&n);
		buf_free(&pc);
	}
	doc_table_write(d, &t);
	doc_table_free(&t);
}

static void section1(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "一、目标任务完成情况");
	buf_printf(&p, "%d年,", a->year);
	region_area(&p, a);
	buf_printf(&p, "引进实施对口支援经贸合作项目%lld个,其中新建项目%lld个,续建项目%lld个;到位资金",
	           (long long)a->active, (long long)a->new_projects, (long long)a->continuing);
	num_fmt_amount(&p, a->funds, ZH);
	words_growth(&p, a->funds, a->funds_prev, a->year - 1, false, ZH);
	buf_puts(&p, "。其中无偿援建社会公益性项目资金");
	num_fmt_amount(&p, a->welfare, ZH);
	words_growth(&p, a->welfare, a->welfare_prev, a->year - 1, true, ZH);
	buf_puts(&p, ";移民劳务输出");
	people(&p, a->labour);
	buf_puts(&p, ";培训农村移民致富带头人");
	people(&p, a->wealth_leaders);
	buf_puts(&p, ";干部挂职、培训");
	people(&p, a->cadres);
	buf_puts(&p, "。");
	annual_in_kind_sentence(&p, "到位资金", a->funds_in_kind, ZH);
	doc_para(d, buf_str(&p));
	buf_reset(&p);
	annual_cumulative(d, a);

	const struct signed_figs *s = &a->sg;
	int64_t n = (int64_t)s->n;
	if (n == 0) {
		buf_printf(&p, "%d年没有在签约会议上签订的对口支援项目。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	const char *kind = s->economic == n ? "对口支援经济合作项目" : "对口支援项目";
	if (s->nconfs) {
		conferences(&p, s);
		buf_puts(&p, "上");
	} else {
		buf_printf(&p, "%d年签约会议上", a->year);
	}
	if (a->region.short_zh && a->region.short_zh[0])
		buf_printf(&p, "%s%s", a->region.short_zh, in_reservoir(a) ? "库区" : "");
	buf_printf(&p, "签订的%lld个%s进展情况如下。截至%d年12月31日,已到位资金", (long long)n, kind,
	           a->year);
	num_fmt_amount(&p, s->funds_total, ZH);
	buf_puts(&p, ",其中支援方到位资金");
	num_fmt_amount(&p, s->funds_supporter, ZH);
	buf_puts(&p, ",受援方到位资金");
	num_fmt_amount(&p, s->funds_recipient, ZH);
	buf_printf(
	        &p,
	        ";%lld个项目竣工投产,开工建设%lld个,正在抓紧做前期工作的项目%lld个,需要继续洽谈的项目%lld个",
	        (long long)s->status[ST_OPERATING], (long long)s->status[ST_CONSTRUCTING],
	        (long long)s->status[ST_PREPARING], (long long)s->status[ST_NEGOTIATING]);
	int order[] = {ST_OPERATING, ST_CONSTRUCTING, ST_PREPARING, ST_NEGOTIATING, ST_STOPPED};
	size_t shown = 4;
	if (s->status[ST_STOPPED]) {
		buf_printf(&p, ",终止%lld个", (long long)s->status[ST_STOPPED]);
		shown = 5;
	}
	buf_puts(&p, ",分别占签约项目总数的");
	for (size_t i = 0; i < shown; i++) {
		words_sep(&p, i, shown, ZH);
		words_share(&p, s->status[order[i]], n, 0, ZH);
	}
	buf_puts(&p, ";建成项目已安置就业");
	num_fmt_people(&p, s->jobs, true, ZH);
	buf_puts(&p, "。");
	annual_in_kind_sentence(&p, "已到位资金", s->funds_in_kind, ZH);
	doc_para(d, buf_str(&p));
	status_table(d, s);
	buf_reset(&p);

	buf_printf(&p,
	           "%lld个签约项目具有以下特点:一是投资规模。%lld个签约项目中投资总额上亿元的项目%lld个,"
	           "占项目总数的",
	           (long long)n, (long long)n, (long long)s->large);
	words_share(&p, s->large, n, 0, ZH);
	buf_printf(&p, "。二是民营资金比重。%lld个签约项目合同资金总额", (long long)n);
	num_fmt_amount(&p, s->contract_amount, ZH);
	buf_puts(&p, "中,民营资本投资");
	num_fmt_amount(&p, s->private_amount, ZH);
	buf_puts(&p, ",所占比重");
	words_share(&p, s->private_amount, s->contract_amount, 1, ZH);
	buf_printf(&p, "。三是涉及产业。%lld个签约项目涉及", (long long)n);
	size_t ntiers = 0, k = 0;
	for (int t = 1; t <= 3; t++)
		ntiers += s->tiers[t];
	if (ntiers == 1)
		buf_puts(&p, "第");
	for (int t = 1; t <= 3; t++)
		if (s->tiers[t]) {
			if (k++)
				buf_puts(&p, "、");
			buf_puts(&p, words_zh_number(t));
		}
	buf_puts(&p, ntiers ? "产业中的" : "");
	for (size_t i = 0; i < s->industries_zh.n; i++) {
		if (i)
			buf_puts(&p, "、");
		buf_puts(&p, s->industries_zh.v[i]);
	}
	buf_puts(&p, s->industries_zh.n ? "等各个方面。" : "的行业尚未登记。");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

/* The plan-execution paragraph: the period elapsed, each measure's percent
 * achieved against the part due, and the counties behind (report plan). */
static void execution_zh(struct doc *d, const struct plan_summary *x)
{
	static const char *const what[PLAN_MEASURES] = {"引进项目", "到位资金", "劳务输出", "就业培训"};
	if (x->counties == 0 || x->clock.elapsed_days == 0)
		return;
	buf p = BUF_INIT;
	buf_printf(&p, "规划执行情况:截至%d年%d月%d日,%d~%d年规划期已过", atoi(x->as_of), atoi(x->as_of + 5),
	           atoi(x->as_of + 8), x->start, x->end);
	num_fmt_pct(&p, x->elapsed_tenths, 1);
	for (int m = 0, k = 0; m < PLAN_MEASURES; m++) {
		const struct plan_measure *pm = &x->total[m];
		int64_t t, due;
		if (!plan_measure_achieved_tenths(pm, &t) || !plan_measure_due_tenths(pm, &x->clock, &due))
			continue;
		buf_printf(&p, k++ ? "," : ";");
		buf_printf(&p, "%s完成规划的", what[m]);
		num_fmt_pct(&p, t, 1);
		buf_puts(&p, "(应完成");
		num_fmt_pct(&p, due, 1);
		buf_printf(&p, ",%s", plan_measure_flag(pm, &x->clock) == PLAN_BEHIND ? "滞后" : "进度正常");
		if (x->behind[m])
			buf_printf(&p, ",%zu个区县滞后", x->behind[m]);
		buf_puts(&p, ")");
	}
	buf_puts(&p, "。");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section2(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "二、编制对口支援规划");
	if (a->plans == 0) {
		buf_printf(&p, "没有覆盖%d年的对口支援规划。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	region_area(&p, a);
	buf_printf(&p, "各区县编制%d~%d年对口支援规划%lld个", a->plan_start, a->plan_end,
	           (long long)a->plans);
	const struct code_list *fl = codes_list("focus");
	size_t nf = 0;
	for (size_t i = 0; i < 5; i++)
		nf += a->focus[i];
	if (nf) {
		buf_puts(&p, "。规划重点是");
		for (size_t i = 0, k = 0; i < 5; i++)
			if (a->focus[i]) {
				if (k++)
					buf_puts(&p, "、");
				buf_puts(&p, fl->items[i].zh);
			}
		buf_printf(&p, "等%zu个方面", nf);
	}
	buf_printf(&p, "。%d~%d年%s规划引进实施对口支援项目%lld个,到位各类资金", a->plan_start, a->plan_end,
	           in_reservoir(a) ? "全库区" : "全部区县", (long long)a->target_projects);
	num_fmt_amount(&p, a->target_funds, ZH);
	buf_puts(&p, ",劳务输出");
	people(&p, a->target_labour);
	buf_puts(&p, ",就业培训");
	people(&p, a->target_training);
	buf_puts(&p, "。");
	if (a->plans_approved * 2 > a->plans)
		buf_printf(&p, "多数区县的规划(%lld个)得到结对省市的认可。", (long long)a->plans_approved);
	else
		buf_printf(&p, "%lld个区县的规划得到结对省市的认可。", (long long)a->plans_approved);
	if (a->plans_approved_municipal)
		buf_printf(&p, "其中%lld个规划已经市对口支援主管部门批准。",
		           (long long)a->plans_approved_municipal);
	doc_para(d, buf_str(&p));
	execution_zh(d, &a->exec);
	buf_free(&p);
}

static void section3(struct doc *d, const struct annual_figs *a)
{
	const struct signed_figs *s = &a->sg;
	buf p = BUF_INIT;
	doc_heading(d, "三、跟踪服务签约项目");
	if (s->n == 0) {
		buf_printf(&p, "%d年没有签约项目需要跟踪服务。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	buf_printf(&p, "%zu个签约项目中,%lld个确定了负责领导,%lld个组建了工作班子", s->n,
	           (long long)s->with_leader, (long long)s->with_team);
	if (s->with_leader == (int64_t)s->n && s->with_team == (int64_t)s->n)
		buf_puts(&p, ",形成“一个项目、一位领导、一套班子、一抓到底”的跟踪服务工作机制");
	buf_printf(&p, "。%lld个项目登记了落户当地的优惠扶持政策。采取", (long long)s->with_policy);
	const struct code_list *l = codes_list("service_mode");
	for (size_t i = 0; i < SERVICE_MODES; i++) {
		if (i)
			buf_puts(&p, "、");
		buf_printf(&p, "%s的%lld个", l->items[i].zh, (long long)s->service[i]);
	}
	buf_printf(&p, ";为%lld个签约项目设立“绿色通道”。", (long long)s->green_channel);
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section4(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "四、培育库区劳务经济");
	if (a->labour == 0) {
		buf_printf(&p, "%d年没有劳务输出记录。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	const struct code_list *l = codes_list("mode");
	int used = 0;
	for (size_t i = 0; i < LABOUR_MODES; i++)
		used += a->labour_mode[i] > 0;
	buf_printf(&p, "%d年,", a->year);
	region_area(&p, a);
	buf_puts(&p, "劳务输出");
	people(&p, a->labour);
	buf_printf(&p, ",组织形式有%d种:", used);
	int k = 0;
	for (size_t i = 0; i < LABOUR_MODES; i++) {
		if (a->labour_mode[i] == 0)
			continue;
		buf_printf(&p, "%s%s是%s,输出", k ? ";" : "", words_zh_number(k + 1), l->items[i].zh);
		k++;
		people(&p, a->labour_mode[i]);
	}
	buf_puts(&p, "。");
	if (a->has_fair) {
		int y, m, dd;
		buf_puts(&p, a->fair_county.zh);
		if (sscanf(a->fair_date, "%d-%d-%d", &y, &m, &dd) == 3)
			buf_printf(&p, "于%d年%d月%d日", y, m, dd);
		buf_puts(&p, "召开现场招工会,一次性签订");
		num_fmt_people_over(&p, a->fair_headcount, ZH);
		buf_puts(&p, "的务工合同。");
	}
	doc_para(d, buf_str(&p));
	if (d->fmt != FMT_TEXT) {
		const char *head[] = {"组织形式", "人数"};
		const bool num[] = {false, true};
		struct doc_table t;
		doc_table_begin(&t, 2, head, num);
		for (size_t i = 0; i < LABOUR_MODES; i++) {
			buf n = BUF_INIT;
			people(&n, a->labour_mode[i]);
			const char *row[] = {l->items[i].zh, buf_str(&n)};
			doc_table_row(&t, row);
			buf_free(&n);
		}
		doc_table_write(d, &t);
		doc_table_free(&t);
	}
	buf_free(&p);
}

static void section5(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "五、培训致富带头人");
	if (a->wealth_leaders == 0) {
		buf_printf(&p, "%d年没有致富带头人培训记录。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	buf_puts(&p, "库区区县选派移民、村、社干部");
	people(&p, a->wealth_leaders);
	buf_printf(&p, ",赴全国%lld个省市学习", (long long)a->hosts);
	for (size_t i = 0; i < a->topics.n; i++) {
		if (i)
			buf_puts(&p, "、");
		buf_puts(&p, a->topics.v[i]);
	}
	buf_puts(&p, a->topics.n ? "等技术。" : "种养殖技术。");
	buf_printf(&p, "共举办培训%lld期,其中%lld期在15天以内,占", (long long)a->courses,
	           (long long)a->short_courses);
	words_share(&p, a->short_courses, a->courses, 0, ZH);
	buf_puts(&p, "。");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section6(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	buf_printf(&p, "六、%d年对口支援工作特点", a->year);
	doc_heading(d, buf_str(&p));
	buf_reset(&p);
	doc_subheading(d, "（一）对口支援向纵深发展");
	if (a->visits_to_recipient == 0 && a->visits_to_supporter == 0) {
		buf_printf(&p, "%d年没有双方领导互访记录。", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	buf_printf(&p, "%d年，", a->year);
	if (a->visits_to_recipient) {
		size_t shown = a->nvisitors < 11 ? a->nvisitors : 11;
		for (size_t i = 0; i < shown; i++) {
			if (i)
				buf_puts(&p, "、");
			buf_puts(&p, place_short(&a->visitors[i], ZH));
		}
		buf_printf(&p, "等%lld位对口支援省市领导赴库区开展对口支援工作。",
		           (long long)a->visits_to_recipient);
	}
	if (a->nvisited_from) {
		for (size_t i = 0; i < a->nvisited_from; i++) {
			if (i)
				buf_puts(&p, "、");
			buf_puts(&p, place_short(&a->visited_from[i], ZH));
		}
		buf_printf(&p, "等区县领导%lld次带队赴结对省市汇报工作、招商引资、寻求支持。",
		           (long long)a->visits_to_supporter);
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

void annual_write_zh(struct doc *d, const struct annual_figs *a)
{
	buf t = BUF_INIT;
	buf_puts(&t, a->region.zh ? a->region.zh : "");
	buf_printf(&t, "%s工作", a->program_zh);
	if (a->demo)
		buf_puts(&t, "（演示数据）");
	doc_begin(d, buf_str(&t));
	if (a->demo)
		doc_note(d, "（演示数据）本报告由演示数据生成，其中的数字不是真实记录。");
	intro(d, a);
	section1(d, a);
	section2(d, a);
	section3(d, a);
	section4(d, a);
	section5(d, a);
	section6(d, a);
	doc_end(d);
	buf_free(&t);
}
