/* The annual summary in English: the same sections and figures as the
 * Chinese one (annual_zh.c), printed through core/num in English. */
#include "report/annual.h"
#include "report/words.h"
#include <stdio.h>
#include <string.h>

#define EN LANG_EN

static void people(buf *b, int64_t n)
{
	num_fmt_people(b, n, false, EN);
}

static void where(buf *b, const struct annual_figs *a)
{
	buf_puts(b, a->program_en);
	if (a->region.short_en && a->region.short_en[0])
		buf_printf(b, " in %s", a->region.short_en);
}

static void list_places(buf *b, const struct place *v, size_t n, size_t max)
{
	size_t shown = n < max ? n : max;
	for (size_t i = 0; i < shown; i++) {
		words_sep(b, i, shown, EN);
		buf_puts(b, place_short(&v[i], EN));
	}
}

static void section1(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	const struct signed_figs *s = &a->sg;
	int64_t n = (int64_t)s->n;
	doc_heading(d, "1. Targets met");
	buf_printf(&p,
	           "In %d, %lld economic cooperation projects were being implemented (%lld new, %lld "
	           "continuing). "
	           "Funds in place: ",
	           a->year, (long long)a->active, (long long)a->new_projects, (long long)a->continuing);
	num_fmt_amount(&p, a->funds, EN);
	words_growth(&p, a->funds, a->funds_prev, a->year - 1, false, EN);
	buf_puts(&p, "; of which free aid to public-welfare projects ");
	num_fmt_amount(&p, a->welfare, EN);
	words_growth(&p, a->welfare, a->welfare_prev, a->year - 1, true, EN);
	buf_puts(&p, ". Labour export: ");
	people(&p, a->labour);
	buf_puts(&p, "; wealth leaders trained: ");
	people(&p, a->wealth_leaders);
	buf_puts(&p, "; cadres seconded or trained: ");
	people(&p, a->cadres);
	buf_puts(&p, ".");
	annual_in_kind_sentence(&p, "funds in place", a->funds_in_kind, EN);
	doc_para(d, buf_str(&p));
	buf_reset(&p);
	annual_cumulative(d, a);
	if (n == 0) {
		buf_printf(&p, "No project was signed at a conference in %d.", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	buf_printf(&p, "The %lld projects signed at ", (long long)n);
	if (s->nconfs)
		for (size_t i = 0; i < s->nconfs; i++) {
			words_sep(&p, i, s->nconfs, EN);
			annual_conference_short(&p, &s->confs[i], EN);
		}
	else
		buf_printf(&p, "the conferences of %d", a->year);
	buf_printf(&p, ": by 31 December %d, funds in place reached ", a->year);
	num_fmt_amount(&p, s->funds_total, EN);
	buf_puts(&p, " (supporters ");
	num_fmt_amount(&p, s->funds_supporter, EN);
	buf_puts(&p, ", recipients ");
	num_fmt_amount(&p, s->funds_recipient, EN);
	buf_printf(&p,
	           "); %lld in operation, %lld under construction, %lld in preparatory work, %lld still "
	           "negotiating",
	           (long long)s->status[ST_OPERATING], (long long)s->status[ST_CONSTRUCTING],
	           (long long)s->status[ST_PREPARING], (long long)s->status[ST_NEGOTIATING]);
	int order[] = {ST_OPERATING, ST_CONSTRUCTING, ST_PREPARING, ST_NEGOTIATING, ST_STOPPED};
	size_t shown = 4;
	if (s->status[ST_STOPPED]) {
		buf_printf(&p, ", %lld stopped", (long long)s->status[ST_STOPPED]);
		shown = 5;
	}
	buf_puts(&p, " (");
	for (size_t i = 0; i < shown; i++) {
		words_sep(&p, i, shown, EN);
		words_share(&p, s->status[order[i]], n, 0, EN);
	}
	buf_puts(&p, " of the signed projects); projects in operation employ ");
	num_fmt_people(&p, s->jobs, true, EN);
	buf_puts(&p, ".");
	annual_in_kind_sentence(&p, "their funds in place", s->funds_in_kind, EN);
	doc_para(d, buf_str(&p));
	buf_reset(&p);
	buf_printf(&p,
	           "Scale: %lld of the %lld signed projects have a total investment of 100 million yuan or "
	           "more (",
	           (long long)s->large, (long long)n);
	words_share(&p, s->large, n, 0, EN);
	buf_puts(&p, "). Private capital: of contract amounts totalling ");
	num_fmt_amount(&p, s->contract_amount, EN);
	buf_puts(&p, ", private capital is ");
	num_fmt_amount(&p, s->private_amount, EN);
	buf_puts(&p, " (");
	words_share(&p, s->private_amount, s->contract_amount, 1, EN);
	buf_puts(&p, "). Industries: tiers ");
	size_t nt = 0, k = 0;
	for (int t = 1; t <= 3; t++)
		nt += s->tiers[t];
	for (int t = 1; t <= 3; t++)
		if (s->tiers[t]) {
			words_sep(&p, k++, nt, EN);
			buf_printf(&p, "%d", t);
		}
	if (nt == 0)
		buf_puts(&p, "unknown");
	buf_puts(&p, s->industries_en.n ? ", in " : "");
	for (size_t i = 0; i < s->industries_en.n; i++) {
		words_sep(&p, i, s->industries_en.n, EN);
		buf_puts(&p, s->industries_en.v[i]);
	}
	buf_puts(&p, ".");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

/* The plan-execution paragraph (see annual_zh.c's execution_zh). */
static void execution_en(struct doc *d, const struct plan_summary *x)
{
	static const char *const what[PLAN_MEASURES] = {"projects", "funds", "labour export", "training"};
	if (x->counties == 0 || x->clock.elapsed_days == 0)
		return;
	buf p = BUF_INIT;
	buf_printf(&p, "Plan execution: as of %s, ", x->as_of);
	num_fmt_pct(&p, x->elapsed_tenths, 1);
	buf_printf(&p, " of the %d-%d period has elapsed", x->start, x->end);
	for (int m = 0, k = 0; m < PLAN_MEASURES; m++) {
		const struct plan_measure *pm = &x->total[m];
		int64_t t, due;
		if (!plan_measure_achieved_tenths(pm, &t) || !plan_measure_due_tenths(pm, &x->clock, &due))
			continue;
		buf_printf(&p, k++ ? "; %s " : ": %s ", what[m]);
		num_fmt_pct(&p, t, 1);
		buf_puts(&p, " of target (due ");
		num_fmt_pct(&p, due, 1);
		buf_printf(&p, ", %s",
		           plan_measure_flag(pm, &x->clock) == PLAN_BEHIND ? "behind" : "on track");
		if (x->behind[m])
			buf_printf(&p, ", %zu %s behind", x->behind[m],
			           x->behind[m] == 1 ? "county" : "counties");
		buf_puts(&p, ")");
	}
	buf_puts(&p, ".");
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section2(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "2. Counterpart-support plans");
	if (a->plans == 0) {
		buf_printf(&p, "No plan covers %d.", a->year);
	} else {
		buf_printf(&p, "The counties drew up %lld plans for %d-%d", (long long)a->plans,
		           a->plan_start, a->plan_end);
		const struct code_list *fl = codes_list("focus");
		size_t nf = 0, k = 0;
		for (size_t i = 0; i < 5; i++)
			nf += a->focus[i];
		if (nf) {
			buf_puts(&p, ", focused on ");
			for (size_t i = 0; i < 5; i++)
				if (a->focus[i]) {
					words_sep(&p, k++, nf, EN);
					buf_puts(&p, fl->items[i].en);
				}
		}
		buf_printf(&p, ". Targets: %lld projects, funds of ", (long long)a->target_projects);
		num_fmt_amount(&p, a->target_funds, EN);
		buf_puts(&p, ", labour export of ");
		people(&p, a->target_labour);
		buf_puts(&p, ", training of ");
		people(&p, a->target_training);
		buf_printf(&p, ". %lld of the %lld plans are approved by the paired supporters.",
		           (long long)a->plans_approved, (long long)a->plans);
		if (a->plans_approved_municipal)
			buf_printf(&p, " %lld of them are approved by the municipal office.",
			           (long long)a->plans_approved_municipal);
	}
	doc_para(d, buf_str(&p));
	execution_en(d, &a->exec);
	buf_free(&p);
}

static void section3(struct doc *d, const struct annual_figs *a)
{
	const struct signed_figs *s = &a->sg;
	buf p = BUF_INIT;
	doc_heading(d, "3. Tracking service for signed projects");
	if (s->n == 0) {
		buf_printf(&p, "No signed project of %d to follow.", a->year);
	} else {
		buf_printf(
		        &p,
		        "Of the %zu signed projects, %lld have a responsible leader and %lld a service team; "
		        "%lld carry a note of preferential policy. Service modes: ",
		        s->n, (long long)s->with_leader, (long long)s->with_team, (long long)s->with_policy);
		const struct code_list *l = codes_list("service_mode");
		for (size_t i = 0; i < SERVICE_MODES; i++) {
			words_sep(&p, i, SERVICE_MODES, EN);
			buf_printf(&p, "%s %lld", l->items[i].en, (long long)s->service[i]);
		}
		buf_printf(&p, "; %lld have a green channel.", (long long)s->green_channel);
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section4(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	doc_heading(d, "4. Labour economy");
	if (a->labour == 0) {
		buf_printf(&p, "No labour export was recorded in %d.", a->year);
		doc_para(d, buf_str(&p));
		buf_free(&p);
		return;
	}
	const struct code_list *l = codes_list("mode");
	buf_printf(&p, "In %d, ", a->year);
	people(&p, a->labour);
	buf_puts(&p, " went out to work: ");
	int k = 0;
	for (size_t i = 0; i < LABOUR_MODES; i++) {
		if (a->labour_mode[i] == 0)
			continue;
		buf_printf(&p, "%s%s, ", k++ ? "; " : "", l->items[i].en);
		people(&p, a->labour_mode[i]);
	}
	buf_puts(&p, ".");
	if (a->has_fair) {
		buf_printf(&p, " At a recruitment fair on %s, %s signed work contracts for ", a->fair_date,
		           place_short(&a->fair_county, EN));
		num_fmt_people_over(&p, a->fair_headcount, EN);
		buf_puts(&p, " at once.");
	}
	doc_para(d, buf_str(&p));
	if (d->fmt != FMT_TEXT) {
		const char *head[] = {"mode", "people"};
		const bool num[] = {false, true};
		struct doc_table t;
		doc_table_begin(&t, 2, head, num);
		for (size_t i = 0; i < LABOUR_MODES; i++) {
			buf n = BUF_INIT;
			num_fmt_thousands(&n, a->labour_mode[i]);
			const char *row[] = {l->items[i].en, buf_str(&n)};
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
	doc_heading(d, "5. Training wealth leaders");
	if (a->wealth_leaders == 0) {
		buf_printf(&p, "No wealth-leader training was recorded in %d.", a->year);
	} else {
		people(&p, a->wealth_leaders);
		buf_printf(&p, " from the counties trained in %lld provinces and cities",
		           (long long)a->hosts);
		if (a->topics.n) {
			buf_puts(&p, " (topics: ");
			for (size_t i = 0; i < a->topics.n; i++) {
				words_sep(&p, i, a->topics.n, EN);
				buf_puts(&p, a->topics.v[i]);
			}
			buf_puts(&p, ")");
		}
		buf_printf(&p, "; %lld of the %lld courses lasted 15 days or less (",
		           (long long)a->short_courses, (long long)a->courses);
		words_share(&p, a->short_courses, a->courses, 0, EN);
		buf_puts(&p, ").");
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

static void section6(struct doc *d, const struct annual_figs *a)
{
	buf p = BUF_INIT;
	buf_printf(&p, "6. Features of the work in %d", a->year);
	doc_heading(d, buf_str(&p));
	buf_reset(&p);
	doc_subheading(d, "(1) Deeper counterpart support");
	if (a->visits_to_recipient == 0 && a->visits_to_supporter == 0) {
		buf_printf(&p, "No visit was recorded in %d.", a->year);
	} else {
		if (a->visits_to_recipient) {
			buf_printf(&p, "%lld visits of supporting leaders came to the area (",
			           (long long)a->visits_to_recipient);
			list_places(&p, a->visitors, a->nvisitors, 11);
			buf_puts(&p, a->nvisitors > 11 ? " and others). " : "). ");
		}
		if (a->visits_to_supporter) {
			buf_printf(&p, "County leaders went to their supporters %lld times (",
			           (long long)a->visits_to_supporter);
			list_places(&p, a->visited_from, a->nvisited_from, a->nvisited_from);
			buf_puts(&p, ").");
		}
	}
	doc_para(d, buf_str(&p));
	buf_free(&p);
}

void annual_write_en(struct doc *d, const struct annual_figs *a)
{
	buf t = BUF_INIT;
	where(&t, a);
	buf_printf(&t, ": the work of %d", a->year);
	if (a->demo)
		buf_puts(&t, " (demo data)");
	doc_begin(d, buf_str(&t));
	if (a->demo)
		doc_note(d, "(demo data) This report is computed from demonstration data, not from real "
		            "records.");
	buf_reset(&t);
	buf_printf(&t,
	           "Summary of %d: economic cooperation, public welfare, labour export and training under ",
	           a->year);
	where(&t, a);
	buf_puts(&t, ".");
	doc_para(d, buf_str(&t));
	section1(d, a);
	section2(d, a);
	section3(d, a);
	section4(d, a);
	section5(d, a);
	section6(d, a);
	doc_end(d);
	buf_free(&t);
}
