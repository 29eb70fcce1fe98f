/* The plan workflow (model/plan_flow.h): who may take which step from
 * which state, the step's one transaction (plan, plan_steps, audit), and
 * the rule that keeps state and approval out of ordinary edits. */
#include "model/plan_flow.h"
#include "core/date.h"
#include "io/transfer.h"
#include "model/audit.h"
#include "model/codes.h"
#include "model/messages.h"
#include "model/record.h"
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct step_def {
	const char *name;
	const char *zh, *en, *en_done; /* verb, and its participle for messages */
	const char *to;                /* the state the step leads to */
};

static const struct step_def steps[PLAN_STEP_COUNT] = {
        [PLAN_SUBMIT] = {"submit", "提交", "submit", "submitted", "submitted"},
        [PLAN_ACKNOWLEDGE] = {"acknowledge", "认可", "acknowledge", "acknowledged", "acknowledged"},
        [PLAN_APPROVE] = {"approve", "批准", "approve", "approved", "approved"},
        [PLAN_RETURN] = {"return", "退回", "return", "returned", "returned"},
};

const char *plan_step_name(enum plan_step s)
{
	return s < PLAN_STEP_COUNT ? steps[s].name : "";
}

bool plan_step_parse(const char *name, enum plan_step *out)
{
	for (int i = 0; i < PLAN_STEP_COUNT; i++)
		if (name && strcmp(steps[i].name, name) == 0) {
			*out = (enum plan_step)i;
			return true;
		}
	return false;
}

const char *plan_step_label(enum plan_step s, enum lang lang)
{
	if (s >= PLAN_STEP_COUNT)
		return "";
	return lang == LANG_EN ? steps[s].en : steps[s].zh;
}

const char *plan_flow_default_state(const char *approved_by)
{
	return approved_by && approved_by[0] ? "acknowledged" : "draft";
}

void plan_step_result_free(struct plan_step_result *r)
{
	free(r->message);
	free(r->state);
	r->message = r->state = NULL;
}

static bool is_office(const struct actor *who)
{
	return who->role == ROLE_ADMIN || who->role == ROLE_MUNICIPAL;
}

static bool is_state(const char *s, const char *want)
{
	return s && strcmp(s, want) == 0;
}

/* The stored plan: what the workflow decides on. */
struct plan_now {
	char *state, *recipient, *program;
};

static void plan_now_free(struct plan_now *p)
{
	free(p->state);
	free(p->recipient);
	free(p->program);
	memset(p, 0, sizeof *p);
}

/* 1 found, 0 missing, -1 (E). */
static int plan_load(db *d, const char *code, struct plan_now *p, err *e)
{
	memset(p, 0, sizeof *p);
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT state, recipient_code, program FROM plans WHERE code = $1", "t",
	               code))
		return -1;
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		p->state = xstrdup(db_col_text(st, 0));
		p->recipient = xstrdup(db_col_text(st, 1));
		p->program = xstrdup(db_col_text(st, 2));
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

/* Whether the supporter SCOPE is paired with the plan's county in its
 * program. 1, 0, -1 (E). */
static int paired(db *d, const struct plan_now *p, const char *scope, err *e)
{
	int64_t n = 0;
	if (!scope || !scope[0])
		return 0;
	if (db_int(d, &n, e,
	           "SELECT COUNT(*) FROM pairings WHERE program = $1 AND supporter_code = $2"
	           " AND recipient_code = $3",
	           "ttt", p->program, scope, p->recipient))
		return -1;
	return n > 0;
}

/* The step a plan in STATE waits for, whose user may also return it;
 * PLAN_STEP_COUNT when none (draft, returned, approved). */
static enum plan_step next_step(const char *state)
{
	if (is_state(state, "submitted"))
		return PLAN_ACKNOWLEDGE;
	if (is_state(state, "acknowledged"))
		return PLAN_APPROVE;
	return PLAN_STEP_COUNT;
}

/* Whether WHO's role and scope let it take STEP on P at all, whatever
 * the state (a return: as the user of the step P waits for, or of any
 * step when P waits for none). 1, 0, -1 (E). */
static int role_may(db *d, const struct plan_now *p, enum plan_step step, const struct actor *who, err *e)
{
	if (is_office(who))
		return 1;
	switch (step) {
	case PLAN_SUBMIT:
		return who->role == ROLE_COUNTY && who->scope && strcmp(who->scope, p->recipient) == 0;
	case PLAN_ACKNOWLEDGE:
		return who->role == ROLE_SUPPORTER ? paired(d, p, who->scope, e) : 0;
	case PLAN_RETURN: {
		enum plan_step waits = next_step(p->state);
		if (waits == PLAN_STEP_COUNT)
			waits = PLAN_ACKNOWLEDGE; /* the supporter's return, refused by state */
		return role_may(d, p, waits, who, e);
	}
	default:
		return 0;
	}
}

/* Whether P's state allows STEP. */
static bool state_allows(const struct plan_now *p, enum plan_step step)
{
	switch (step) {
	case PLAN_SUBMIT:
		return is_state(p->state, "draft") || is_state(p->state, "returned");
	case PLAN_ACKNOWLEDGE:
		return is_state(p->state, "submitted");
	case PLAN_APPROVE:
		return is_state(p->state, "acknowledged");
	case PLAN_RETURN:
		return next_step(p->state) != PLAN_STEP_COUNT;
	default:
		return false;
	}
}

int plan_flow_may(db *d, const char *code, enum plan_step step, const struct actor *who, err *e)
{
	struct plan_now p;
	int found = plan_load(d, code, &p, e);
	int rc = found;
	if (found == 1) {
		rc = role_may(d, &p, step, who, e);
		if (rc == 1 && !state_allows(&p, step))
			rc = 0;
	}
	plan_now_free(&p);
	return rc;
}

/* The plan's columns as export writes them (audit values); NULL when out
 * of memory or the plan cannot be read (E). */
static json_t *plan_json(db *d, const char *code, err *e)
{
	const struct kind *k = kind_find("plans");
	char **vals = xcalloc(k->ncols, sizeof(char *));
	json_t *j = NULL;
	if (record_load(d, k, code, vals, e) == 1) {
		j = json_object();
		for (size_t i = 0; j && i < k->ncols; i++) {
			const struct column *c = &k->cols[i];
			json_t *v = !vals[i]               ? json_null()
			            : export_int_column(c) ? json_integer(strtoll(vals[i], NULL, 10))
			                                   : json_string(vals[i]);
			if (!v || json_object_set_new(j, c->name, v)) {
				json_decref(j);
				j = NULL;
			}
		}
		if (!j)
			err_add(e, EXIT_SYSTEM, "plan %s: out of memory", code);
	}
	record_values_free(k, vals);
	free(vals);
	return j;
}

/* Refuses with OUTCOME and message ID (arguments after it) in LANG. */
static enum plan_outcome refuse(struct plan_step_result *r, enum plan_outcome outcome, enum lang lang,
                                enum msg_id id, ...)
{
	const char *args[3] = {NULL, NULL, NULL};
	va_list ap;
	va_start(ap, id);
	for (int i = 0; i < msg_template(id)->nargs && i < 3; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	buf m = BUF_INIT;
	msg_formatv(&m, lang, id, args);
	free(r->message);
	r->message = buf_detach(&m);
	r->outcome = outcome;
	return outcome;
}

static enum plan_outcome failed(struct plan_step_result *r, err *e)
{
	free(r->message);
	r->message = xstrdup(err_any(e) ? buf_str(&e->msgs) : "plan step failed");
	r->outcome = PLAN_ERROR;
	return PLAN_ERROR;
}

/* The step's writes inside the open transaction. */
static int write_step(db *d, const char *code, enum plan_step step, const struct plan_now *p,
                      const char *reason, const char *today, const struct actor *who, err *e)
{
	const char *to = steps[step].to;
	int rc;
	if (step == PLAN_ACKNOWLEDGE && who->role == ROLE_SUPPORTER)
		rc = db_run(
		        d, e,
		        "UPDATE plans SET state = $1, approved_by = $2, approved_date = $3 WHERE code = $4",
		        "tttt", to, who->scope, today, code);
	else if (step == PLAN_RETURN)
		rc = db_run(d, e,
		            "UPDATE plans SET state = $1, approved_by = NULL, approved_date = NULL WHERE "
		            "code = $2",
		            "tt", to, code);
	else
		rc = db_run(d, e, "UPDATE plans SET state = $1 WHERE code = $2", "tt", to, code);
	if (rc)
		return -1;
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return err_add(e, EXIT_SYSTEM, "plan %s: cannot read the clock", code);
	return db_run(d, e,
	              "INSERT INTO plan_steps (plan_code, step, from_state, to_state, user_name, role, at,"
	              " date, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
	              "ttttttttt", code, steps[step].name, p->state, to, who->user, role_name(who->role), at,
	              today, reason ? reason : "");
}

static enum plan_outcome step_once(db *d, const char *code, enum plan_step step, const char *reason,
                                   const char *today, enum lang lang, const struct actor *who,
                                   struct plan_step_result *r)
{
	memset(r, 0, sizeof *r);
	err e;
	err_init(&e);
	struct plan_now p;
	json_t *before = NULL, *after = NULL;
	buf why = BUF_INIT;
	int found = 0, may = 0;
	char day[11];
	const char *words = lang == LANG_EN ? "plans" : "规划";
	enum plan_outcome o = PLAN_OK;
	if (!today) {
		date_today(day);
		today = day;
	}
	memset(&p, 0, sizeof p);
	if (step >= PLAN_STEP_COUNT || !who) {
		o = failed(r, &e);
		goto out;
	}
	if (db_begin_write(d, &e)) {
		o = failed(r, &e);
		goto out;
	}
	found = plan_load(d, code, &p, &e);
	may = found == 1 ? role_may(d, &p, step, who, &e) : 0;
	/* a return's reason, without surrounding blanks */
	if (reason) {
		const char *s = reason;
		while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		size_t n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		buf_add(&why, s, n);
	}
	if (found < 0 || may < 0)
		o = failed(r, &e);
	else if (found == 0)
		o = refuse(r, PLAN_MISSING, lang, MSG_NO_RECORD, words, code);
	else if (!may)
		o = refuse(r, PLAN_FORBIDDEN, lang, MSG_PLAN_FORBIDDEN, plan_step_label(step, lang), code);
	else if (!state_allows(&p, step))
		o = refuse(r, PLAN_CONFLICT, lang, MSG_PLAN_WRONG_STATE, code,
		           codes_label("plan_state", p.state, lang),
		           lang == LANG_EN ? steps[step].en_done : steps[step].zh);
	else if (step == PLAN_RETURN && why.len == 0)
		o = refuse(r, PLAN_INVALID, lang, MSG_PLAN_REASON);
	else if (!(before = plan_json(d, code, &e)) ||
	         write_step(d, code, step, &p, buf_str(&why), today, who, &e) ||
	         !(after = plan_json(d, code, &e)) ||
	         audit_record(d, who, kind_find("plans"), code, steps[step].name, before, after, &e) ||
	         db_commit(d, &e))
		o = failed(r, &e);
	if (o != PLAN_OK)
		db_rollback(d);
	r->outcome = o;
	/* the state as it is now, after the step or the refusal */
	if (found == 1) {
		plan_now_free(&p);
		err_clear(&e);
		if (plan_load(d, code, &p, &e) == 1)
			r->state = xstrdup(p.state);
	}
out:
	buf_free(&why);
	json_decref(before);
	json_decref(after);
	plan_now_free(&p);
	err_free(&e);
	return o;
}

/* The state is read and changed in one transaction: two steps at once on
 * one plan cannot both pass (the second runs again and meets the state
 * the first left: a conflict). store/db.h, db_retry. */
enum plan_outcome plan_flow_step(db *d, const char *code, enum plan_step step, const char *reason,
                                 const char *today, enum lang lang, const struct actor *who,
                                 struct plan_step_result *r)
{
	for (int attempt = 0;;) {
		enum plan_outcome o = step_once(d, code, step, reason, today, lang, who, r);
		if (o != PLAN_ERROR || !db_retry(d, &attempt))
			return o;
		plan_step_result_free(r);
	}
}

const char *plan_flow_edit_refused(const struct actor *who, bool exists, const char *old_state,
                                   const char *old_by, const char *old_date, const char *new_state,
                                   const char *new_by, const char *new_date, bool changes, enum lang lang,
                                   int *id, const char **arg)
{
	/* the command line and the offices edit freely */
	if (!who || is_office(who))
		return NULL;
	const struct kind *k = kind_find("plans");
	struct {
		const char *name, *was, *now;
	} locked[] = {
	        {"state", exists ? old_state : "draft", new_state},
	        {"approved_by", exists ? old_by : NULL, new_by},
	        {"approved_date", exists ? old_date : NULL, new_date},
	};
	for (size_t i = 0; i < 3; i++) {
		const char *a = locked[i].was && locked[i].was[0] ? locked[i].was : "";
		const char *b = locked[i].now && locked[i].now[0] ? locked[i].now : "";
		if (strcmp(a, b) != 0) {
			const struct column *c = kind_column(k, locked[i].name);
			*id = MSG_PLAN_LOCKED_FIELD;
			*arg = lang == LANG_EN || !c->zh ? c->name : c->zh;
			return c->name;
		}
	}
	if (exists && changes && !is_state(old_state, "draft") && !is_state(old_state, "returned")) {
		*id = MSG_PLAN_NOT_EDITABLE;
		*arg = codes_label("plan_state", old_state, lang);
		return "state";
	}
	return NULL;
}
