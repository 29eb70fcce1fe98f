/* The tracking service of the demo world (seed section 三, 一个项目、一位领导、
 * 一套班子、一抓到底): every project's leader and team as people and
 * project_team rows (the leader the one named in the project's leader
 * column, the team the offices of its team column), and for the projects
 * followed in 2004 service-log entries and, under the service-commitment
 * mode, commitments — most kept, a few still open at the end of 2004.
 * It draws from a random source of its own, after everything else is
 * written, so the figures of the reports do not move. */
#include "demo/world.h"
#include "model/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TRACK_SEED 0x7472ac6b5e7ull

/* The people written so far, by county and what identifies them there
 * (the leader's "title name", or a member's unit). */
struct person {
	const char *county;
	char *key;
	char code[24];
};
struct people {
	struct person *v;
	int n, cap, per_county_seq;
	db_stmt *ins;
	struct world *w;
};

/* The code of the person KEY of county C, written the first time with
 * NAME, UNIT and TITLE. */
static const char *person(struct people *ps, const struct county *c, const char *key, const char *name,
                          const char *unit, const char *title)
{
	int seq = 0;
	for (int i = 0; i < ps->n; i++)
		if (ps->v[i].county == c->code) {
			seq++;
			if (strcmp(ps->v[i].key, key) == 0)
				return ps->v[i].code;
		}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 256;
		ps->v = xrealloc(ps->v, (size_t)ps->cap * sizeof *ps->v);
	}
	struct person *p = &ps->v[ps->n++];
	p->county = c->code;
	p->key = xstrdup(key);
	snprintf(p->code, sizeof p->code, "RY%s-%03d", c->code, seq + 1);
	char phone[24];
	snprintf(phone, sizeof phone, "023-%04d%04d", (int)(atoi(c->code + 2) % 10000), seq + 1);
	if (db_rebind(ps->ins, ps->w->e, "tttttt", p->code, name, unit, title, phone, c->code) ||
	    db_step(ps->ins, ps->w->e) == DB_ERROR) {
		err_add(ps->w->e, EXIT_SYSTEM, "demo: writing person %s", p->code);
		return NULL;
	}
	return p->code;
}

/* "常务副区长 王某" → its title and name */
static void split_official(const char *s, buf *title, buf *name)
{
	const char *sp = strchr(s, ' ');
	buf_reset(title);
	buf_reset(name);
	if (!sp) {
		buf_puts(name, s);
		return;
	}
	buf_add(title, s, (size_t)(sp - s));
	buf_puts(name, sp + 1);
}

/* The leader and the members of P; the member for each office of its
 * team column ("万州区对口办、区招商局、区经委、项目所在乡镇"). */
static int team_write(struct people *ps, db_stmt *tm, struct rng *r, const struct proj *p)
{
	static const char *const surnames[] = {"张", "李", "刘", "陈", "杨", "黄",
	                                       "周", "吴", "徐", "孙", "马", "朱"};
	static const char *const titles[] = {"主任", "副主任", "科长", "副局长"};
	struct world *w = ps->w;
	buf title = BUF_INIT, name = BUF_INIT, unit = BUF_INIT, office = BUF_INIT, county = BUF_INIT;
	int rc = 0;
	split_official(buf_str((buf *)&p->leader), &title, &name);
	const char *t = buf_str((buf *)&p->team);
	const char *first = strstr(t, "对口办");
	buf_add(&county, t, first ? (size_t)(first - t) : 0);
	buf_printf(&unit, "%s人民政府", buf_str(&county));
	const char *code = person(ps, p->county, buf_str((buf *)&p->leader), buf_str(&name), buf_str(&unit),
	                          buf_str(&title));
	rc = !code || db_rebind(tm, w->e, "ttt", p->code, code, "leader") || db_step(tm, w->e) == DB_ERROR;
	for (const char *s = t; !rc && *s;) {
		const char *sep = strstr(s, "、");
		size_t n = sep ? (size_t)(sep - s) : strlen(s);
		buf_reset(&office);
		buf_add(&office, s, n);
		s += n;
		if (*s)
			s += strlen("、");
		const char *o = buf_str(&office);
		if (strstr(o, "乡镇"))
			continue;
		buf_reset(&unit);
		if (strstr(o, "对口办") == o + county.len)
			buf_puts(&unit, o);
		else /* "区招商局": the county's own */
			buf_printf(&unit, "%s%s", buf_str(&county), o + strlen("区"));
		buf_reset(&name);
		buf_printf(&name, "%s某", surnames[rng_between(r, 0, 11)]);
		code = person(ps, p->county, buf_str(&unit), buf_str(&name), buf_str(&unit),
		              titles[rng_between(r, 0, 3)]);
		rc = !code || db_rebind(tm, w->e, "ttt", p->code, code, "member") ||
		     db_step(tm, w->e) == DB_ERROR;
	}
	buf_free(&title);
	buf_free(&name);
	buf_free(&unit);
	buf_free(&office);
	buf_free(&county);
	return rc ? err_add(w->e, EXIT_SYSTEM, "demo: writing the team of %s", p->code) : 0;
}

static const char *const actions[] = {
        "上门走访企业，了解项目进展", "协调办理土地使用手续",
        "代办工商登记和税务登记",     "协调水电气接入",
        "组织相关部门现场办公",       "落实“一厂一策”扶持政策",
        "协助企业招聘本地移民工人",   "挂牌服务：受理企业诉求",
};
static const char *const problems[] = {
        "", "施工用电不足", "征地拆迁进度慢", "环评审批时间长", "流动资金紧张", "", "道路未通",
};
static const char *const promises[] = {
        "办结建设用地审批",   "完成厂区道路硬化",     "接通10千伏专线",
        "兑现前三年税收返还", "协调银行流动资金贷款", "组织移民工人岗前培训",
};

/* Log entries and commitments of the followed project P (I its index). */
static int service_write(struct world *w, struct rng *r, db_stmt *log, db_stmt *cm, const struct proj *p,
                         int i, int *open_left)
{
	long start = p->signed_day, end = day_of(2004, 12, 31);
	if (start > end)
		return 0;
	int nlog = (int)rng_between(r, 1, 3);
	for (int k = 0; k < nlog; k++) {
		char code[32], day[11];
		snprintf(code, sizeof code, "FW-%s-%d", p->code, k + 1);
		day_fmt(start + (end - start) * (k + 1) / (nlog + 1), day);
		const char *prob = problems[rng_between(r, 0, 6)];
		buf who = BUF_INIT;
		buf_puts(&who, buf_str((buf *)&p->leader));
		if (db_rebind(log, w->e, "tttttttt", code, p->code, day, buf_str(&who),
		              actions[rng_between(r, 0, 7)], prob, *prob ? "已协调有关部门解决" : "",
		              k + 1 < nlog ? "继续跟踪" : "按期回访") ||
		    db_step(log, w->e) == DB_ERROR) {
			buf_free(&who);
			return err_add(w->e, EXIT_SYSTEM, "demo: writing service log %s", code);
		}
		buf_free(&who);
	}
	if (!p->service_mode || strcmp(p->service_mode, "commitment") != 0)
		return 0;
	int ncm = (int)rng_between(r, 1, 2);
	for (int k = 0; k < ncm; k++) {
		char code[32], promised[11], due[11], done[11];
		long pd = start + 10 + k * 20, dd = pd + rng_between(r, 30, 120);
		if (pd > end)
			break;
		snprintf(code, sizeof code, "CN-%s-%d", p->code, k + 1);
		day_fmt(pd, promised);
		day_fmt(dd, due);
		/* a few promises are still open at the end of 2004 */
		bool open = *open_left > 0 && (i + k) % 7 == 3;
		if (open)
			(*open_left)--;
		long kept = dd - rng_between(r, 0, 20);
		if (kept < pd)
			kept = pd;
		if (!open && kept > end)
			kept = end;
		day_fmt(kept, done);
		if (db_rebind(cm, w->e, "ttttttt", code, p->code, promises[rng_between(r, 0, 5)],
		              buf_str((buf *)&p->investor), promised, due, open ? NULL : done) ||
		    db_step(cm, w->e) == DB_ERROR)
			return err_add(w->e, EXIT_SYSTEM, "demo: writing commitment %s", code);
	}
	return 0;
}

int tracking_write(struct world *w)
{
	struct rng r;
	rng_init(&r, TRACK_SEED);
	struct people ps = {0};
	ps.w = w;
	db_stmt *tm = NULL, *log = NULL, *cm = NULL;
	int rc = -1;
	if (db_prepare(w->d, &ps.ins, w->e,
	               "INSERT INTO people(code, name, unit, title, phone, division_code)"
	               " VALUES ($1, $2, $3, $4, $5, $6)",
	               "") ||
	    db_prepare(w->d, &tm, w->e,
	               "INSERT INTO project_team(project_code, person_code, role) VALUES ($1, $2, $3)", "") ||
	    db_prepare(w->d, &log, w->e,
	               "INSERT INTO service_log(code, project_code, date, who, action, problem, resolution,"
	               " next_step) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
	               "") ||
	    db_prepare(w->d, &cm, w->e,
	               "INSERT INTO commitments(code, project_code, what, to_whom, promised_date, due_date,"
	               " done_date) VALUES ($1, $2, $3, $4, $5, $6, $7)",
	               ""))
		goto out;
	int open_left = 4;
	long end = day_of(2004, 12, 31);
	for (int i = 0; i < w->np; i++) {
		const struct proj *p = &w->p[i];
		if (team_write(&ps, tm, &r, p))
			goto out;
		int st = proj_status_on(p, end);
		/* followed in 2004: the economic projects not yet operating */
		if (!p->welfare && st != ST_OPERATING && st != ST_STOPPED && st >= 0 &&
		    service_write(w, &r, log, cm, p, i, &open_left))
			goto out;
	}
	rc = 0;
out:
	db_finalize(ps.ins);
	db_finalize(tm);
	db_finalize(log);
	db_finalize(cm);
	for (int i = 0; i < ps.n; i++)
		free(ps.v[i].key);
	free(ps.v);
	return rc;
}
