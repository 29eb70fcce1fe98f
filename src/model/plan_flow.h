/* plan_flow: the workflow of a county's multi-year plan — draft →
 * submitted (by the county) → acknowledged (认可, by the paired supporter)
 * → approved (by the municipal office), or returned with a reason — and
 * the rule that keeps a plan's state and approval out of ordinary edits.
 * Each step is one transaction: the plan, a dated plan_steps row signed by
 * its user, and the audit row. */
#ifndef DUIKOU_PLAN_FLOW_H
#define DUIKOU_PLAN_FLOW_H
#include "core/num.h"
#include "model/actor.h"
#include "store/db.h"
#include <stdbool.h>

enum plan_step { PLAN_SUBMIT, PLAN_ACKNOWLEDGE, PLAN_APPROVE, PLAN_RETURN, PLAN_STEP_COUNT };

/* "submit", "acknowledge", "approve", "return". */
const char *plan_step_name(enum plan_step s);
/* The step named NAME; false when there is none. */
bool plan_step_parse(const char *name, enum plan_step *out);
/* The step's verb in LANG ("提交", "submit"), for buttons and messages. */
const char *plan_step_label(enum plan_step s, enum lang lang);

enum plan_outcome {
	PLAN_OK,
	PLAN_MISSING,   /* no such plan */
	PLAN_FORBIDDEN, /* the actor's role or scope may not take the step */
	PLAN_CONFLICT,  /* the plan's state does not allow the step */
	PLAN_INVALID,   /* a return without a reason */
	PLAN_ERROR,     /* database or system error */
};

struct plan_step_result {
	enum plan_outcome outcome;
	char *message; /* why not, in the call's language; NULL when OK */
	char *state;   /* the plan's state after the call */
};

void plan_step_result_free(struct plan_step_result *r);

/* WHO takes STEP on plan CODE on the day TODAY (YYYY-MM-DD; NULL: today,
 * date_today), with REASON (required for PLAN_RETURN, kept for the
 * others). Refusals change nothing. Messages in LANG. */
enum plan_outcome plan_flow_step(db *d, const char *code, enum plan_step step, const char *reason,
                                 const char *today, enum lang lang, const struct actor *who,
                                 struct plan_step_result *r);

/* Whether WHO could take STEP on plan CODE now (role, scope and state):
 * which buttons a page shows. 1 yes, 0 no, -1 (E). */
int plan_flow_may(db *d, const char *code, enum plan_step step, const struct actor *who, err *e);

/* The rule of edits and imports (io/transfer.c calls it for each plans
 * row): only admin and municipal users (and the command line) may set a
 * plan's state, approved_by or approved_date by editing, and other users
 * may change a plan only while it is a draft or returned. EXISTS says
 * whether the plan is stored, OLD_* its stored values then; NEW_* are the
 * row's; CHANGES whether the row changes anything. Returns 0 when allowed,
 * else the refused column's name ("state", …) with message ID in *ID and
 * its one argument (a column word or a state label in LANG) in ARG. */
const char *plan_flow_edit_refused(const struct actor *who, bool exists, const char *old_state,
                                   const char *old_by, const char *old_date, const char *new_state,
                                   const char *new_by, const char *new_date, bool changes, enum lang lang,
                                   int *id, const char **arg);

/* The state an imported plan row gets when its state cell is empty:
 * acknowledged when APPROVED_BY is given, else draft. */
const char *plan_flow_default_state(const char *approved_by);

#endif
