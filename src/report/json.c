/* The JSON form of the report figures (interchange.md "report annual
 * --format json"): jansson objects with keys in a stable order, integers for
 * yuan and people, one-decimal numbers for percentages, null where a base is
 * zero. */
#include "report/report.h"
#include "report/figures.h"
#include "report/json.h"
#include <stdlib.h>
#include <string.h>

json_t *report_json_pct(bool has, int64_t tenths)
{
	return has ? json_real((double)tenths / 10.0) : json_null();
}

json_t *report_json_share(int64_t part, int64_t whole)
{
	int64_t t = 0;
	bool has = num_pct_tenths(part, whole, &t);
	return report_json_pct(has, t);
}

static json_t *growth(int64_t cur, int64_t prev)
{
	int64_t t = 0;
	bool has = num_growth_tenths(cur, prev, &t);
	return report_json_pct(has, t);
}

/* plans.execution: report plan's totals for the plans of exactly
 * period_start-period_end as of Y-12-31; null when there is none. */
static json_t *execution_json(const struct plan_summary *x)
{
	static const char *const key[PLAN_MEASURES] = {"projects", "funds", "labour", "training"};
	if (x->counties == 0)
		return json_null();
	json_t *o = json_object(), *due = json_object(), *due_pct = json_object(), *actual = json_object(),
	       *achieved = json_object(), *flags = json_object(), *behind = json_object();
	json_object_set_new(o, "as_of", json_string(x->as_of));
	json_object_set_new(o, "counties", json_integer((json_int_t)x->counties));
	json_object_set_new(o, "elapsed_pct", report_json_pct(true, x->elapsed_tenths));
	for (int m = 0; m < PLAN_MEASURES; m++) {
		const struct plan_measure *pm = &x->total[m];
		int64_t t = 0;
		bool has = plan_measure_due_tenths(pm, &x->clock, &t);
		json_object_set_new(due, key[m],
		                    has ? json_integer(plan_measure_due(pm, &x->clock)) : json_null());
		json_object_set_new(due_pct, key[m], report_json_pct(has, t));
		json_object_set_new(actual, key[m], json_integer(pm->actual));
		json_object_set_new(achieved, key[m], report_json_share(pm->actual, pm->target));
		json_object_set_new(flags, key[m],
		                    json_string(plan_flag_name(plan_measure_flag(pm, &x->clock))));
		json_object_set_new(behind, key[m], json_integer((json_int_t)x->behind[m]));
	}
	json_object_set_new(o, "due", due);
	json_object_set_new(o, "due_pct", due_pct);
	json_object_set_new(o, "actual", actual);
	json_object_set_new(o, "achieved_pct", achieved);
	json_object_set_new(o, "flags", flags);
	json_object_set_new(o, "behind_counties", behind);
	return o;
}

static json_t *code_counts(const char *list, const int64_t *v, size_t n)
{
	const struct code_list *l = codes_list(list);
	json_t *o = json_object();
	for (size_t i = 0; i < n && i < l->n; i++)
		json_object_set_new(o, l->items[i].code, json_integer(v[i]));
	return o;
}

static json_t *strings(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return a;
}

static json_t *place_json(const struct place *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(p->code ? p->code : ""));
	json_object_set_new(o, "name", json_string(p->zh ? p->zh : ""));
	json_object_set_new(o, "short_name", json_string(p->short_zh ? p->short_zh : ""));
	json_object_set_new(o, "name_en", json_string(p->short_en ? p->short_en : ""));
	return o;
}

static json_t *places_json(const struct place *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, place_json(&v[i]));
	return a;
}

json_t *figures_signed_json(const struct signed_figs *s)
{
	json_t *o = json_object();
	int64_t n = (int64_t)s->n;
	json_object_set_new(o, "projects", json_integer(n));
	json_t *confs = json_array();
	for (size_t i = 0; i < s->nconfs; i++)
		json_array_append_new(confs, json_string(s->confs[i].name));
	json_object_set_new(o, "conferences", confs);
	json_t *f = json_object();
	json_object_set_new(f, "total", json_integer(s->funds_total));
	json_object_set_new(f, "supporter", json_integer(s->funds_supporter));
	json_object_set_new(f, "recipient", json_integer(s->funds_recipient));
	json_object_set_new(f, "in_kind", json_integer(s->funds_in_kind));
	json_object_set_new(o, "funds", f);
	json_object_set_new(o, "status", code_counts("status", s->status, ST_COUNT));
	json_t *pct = json_object();
	const struct code_list *sl = codes_list("status");
	for (size_t i = 0; i < ST_COUNT; i++)
		json_object_set_new(pct, sl->items[i].code, report_json_share(s->status[i], n));
	json_object_set_new(o, "status_pct", pct);
	json_object_set_new(o, "jobs", json_integer(s->jobs));
	json_object_set_new(o, "large_projects", json_integer(s->large));
	json_object_set_new(o, "large_projects_pct", report_json_share(s->large, n));
	json_object_set_new(o, "contract_amount", json_integer(s->contract_amount));
	json_object_set_new(o, "private_amount", json_integer(s->private_amount));
	json_object_set_new(o, "private_share_pct", report_json_share(s->private_amount, s->contract_amount));
	json_t *tiers = json_array();
	for (int t = 1; t <= 3; t++)
		if (s->tiers[t])
			json_array_append_new(tiers, json_integer(t));
	json_object_set_new(o, "tiers", tiers);
	json_t *secs = json_array();
	for (const char *c = s->sections; *c; c++) {
		char one[2] = {*c, 0};
		json_array_append_new(secs, json_string(one));
	}
	json_object_set_new(o, "sections", secs);
	json_object_set_new(o, "industries", strings(&s->industries_zh));
	json_t *tr = json_object();
	json_object_set_new(tr, "with_leader", json_integer(s->with_leader));
	json_object_set_new(tr, "with_team", json_integer(s->with_team));
	json_object_set_new(tr, "with_policy_note", json_integer(s->with_policy));
	json_object_set_new(tr, "service_mode", code_counts("service_mode", s->service, SERVICE_MODES));
	json_object_set_new(tr, "green_channel", json_integer(s->green_channel));
	json_object_set_new(o, "tracking", tr);
	return o;
}

json_t *report_annual_figs_json(const struct annual_figs *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "year", json_integer(a->year));
	json_object_set_new(o, "program", json_string(a->program));
	json_object_set_new(o, "program_name", json_string(a->program_zh));
	json_object_set_new(o, "demo", json_boolean(a->demo));
	json_object_set_new(o, "region", place_json(&a->region));

	json_t *p = json_object();
	json_object_set_new(p, "active", json_integer(a->active));
	json_object_set_new(p, "new", json_integer(a->new_projects));
	json_object_set_new(p, "continuing", json_integer(a->continuing));
	json_object_set_new(o, "projects", p);

	json_t *f = json_object();
	json_object_set_new(f, "total", json_integer(a->funds));
	json_object_set_new(f, "previous_year", json_integer(a->funds_prev));
	json_object_set_new(f, "growth_pct", growth(a->funds, a->funds_prev));
	json_object_set_new(f, "public_welfare", json_integer(a->welfare));
	json_object_set_new(f, "public_welfare_previous_year", json_integer(a->welfare_prev));
	json_object_set_new(f, "public_welfare_growth_pct", growth(a->welfare, a->welfare_prev));
	json_object_set_new(f, "in_kind", json_integer(a->funds_in_kind));
	json_object_set_new(f, "in_kind_previous_year", json_integer(a->funds_in_kind_prev));
	json_object_set_new(f, "in_kind_growth_pct", growth(a->funds_in_kind, a->funds_in_kind_prev));
	json_object_set_new(o, "funds", f);

	json_t *l = json_object();
	json_object_set_new(l, "people", json_integer(a->labour));
	json_object_set_new(l, "by_mode", code_counts("mode", a->labour_mode, LABOUR_MODES));
	if (a->has_fair) {
		json_t *fair = json_object();
		json_object_set_new(fair, "county", place_json(&a->fair_county));
		json_object_set_new(fair, "headcount", json_integer(a->fair_headcount));
		json_object_set_new(fair, "date", json_string(a->fair_date));
		json_object_set_new(l, "largest_recruitment_fair", fair);
	} else {
		json_object_set_new(l, "largest_recruitment_fair", json_null());
	}
	json_object_set_new(o, "labour", l);

	json_t *t = json_object();
	json_object_set_new(t, "wealth_leaders", json_integer(a->wealth_leaders));
	json_object_set_new(t, "cadres", json_integer(a->cadres));
	json_object_set_new(t, "wealth_leader_hosts", json_integer(a->hosts));
	json_object_set_new(t, "wealth_leader_courses", json_integer(a->courses));
	json_object_set_new(t, "short_courses", json_integer(a->short_courses));
	json_object_set_new(t, "short_courses_pct", report_json_share(a->short_courses, a->courses));
	json_object_set_new(t, "topics", strings(&a->topics));
	json_object_set_new(o, "training", t);

	json_object_set_new(o, "signed", figures_signed_json(&a->sg));

	json_t *pl = json_object();
	json_object_set_new(pl, "count", json_integer(a->plans));
	json_object_set_new(pl, "approved", json_integer(a->plans_approved));
	json_object_set_new(pl, "approved_municipal", json_integer(a->plans_approved_municipal));
	json_t *by_state = json_object();
	const struct code_list *sl = codes_list("plan_state");
	for (size_t i = 0; i < PLAN_STATES && i < sl->n; i++)
		json_object_set_new(by_state, sl->items[i].code, json_integer(a->plans_by_state[i]));
	json_object_set_new(pl, "by_state", by_state);
	json_object_set_new(pl, "period_start", a->plan_start ? json_integer(a->plan_start) : json_null());
	json_object_set_new(pl, "period_end", a->plan_end ? json_integer(a->plan_end) : json_null());
	json_t *tg = json_object();
	json_object_set_new(tg, "projects", json_integer(a->target_projects));
	json_object_set_new(tg, "funds", json_integer(a->target_funds));
	json_object_set_new(tg, "labour", json_integer(a->target_labour));
	json_object_set_new(tg, "training", json_integer(a->target_training));
	json_object_set_new(pl, "targets", tg);
	json_t *focus = json_array();
	const struct code_list *fl = codes_list("focus");
	for (size_t i = 0; i < 5 && i < fl->n; i++)
		if (a->focus[i])
			json_array_append_new(focus, json_string(fl->items[i].code));
	json_object_set_new(pl, "focus", focus);
	json_object_set_new(pl, "execution", execution_json(&a->exec));
	json_object_set_new(o, "plans", pl);

	json_t *v = json_object();
	json_object_set_new(v, "to_recipient", json_integer(a->visits_to_recipient));
	json_object_set_new(v, "to_supporter", json_integer(a->visits_to_supporter));
	json_object_set_new(v, "supporters", places_json(a->visitors, a->nvisitors));
	json_object_set_new(v, "counties", places_json(a->visited_from, a->nvisited_from));
	json_object_set_new(o, "visits", v);
	json_object_set_new(o, "cumulative", figures_cumulative_json(&a->cum));
	return o;
}

int report_annual_json(db *d, int year, const char *program, json_t **out, err *e)
{
	struct annual_figs a;
	if (figures_annual(d, year, program ? program : "sanxia", &a, e))
		return -1;
	*out = report_annual_figs_json(&a);
	figures_annual_free(&a);
	return 0;
}

int report_json_dump(json_t *o, buf *out, err *e)
{
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	if (!s)
		return err_add(e, EXIT_SYSTEM, "report: cannot write JSON");
	buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
	return 0;
}
