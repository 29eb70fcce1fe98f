/* alerts: what the tracking service must look at, as of a day (issue 7):
 * commitments past their due date and not kept, projects being followed
 * whose status has not moved for N days, and projects without a leader or
 * without a team. One module computes them for `duikou alerts`, the
 * dashboard and /alerts; the day comes from the caller (the clock, or a
 * test's date), never from here. */
#ifndef DUIKOU_ALERTS_H
#define DUIKOU_ALERTS_H
#include "core/err.h"
#include "model/actor.h"
#include "store/db.h"
#include <jansson.h>
#include <stddef.h>

#define ALERTS_STALE_DAYS 180 /* the default of --stale-days */

enum alert_type {
	ALERT_OVERDUE,   /* a commitment due before the day, not done (nor cancelled) by it */
	ALERT_STALE,     /* a followed project whose last status change is N or more days old */
	ALERT_NO_LEADER, /* a followed project without a team member of role leader */
	ALERT_NO_TEAM,   /* a followed project without a team member of role member */
	ALERT_TYPES,
};

struct alert {
	enum alert_type type;
	char *project, *project_name, *county;
	char *commitment, *what; /* ALERT_OVERDUE: the commitment; else NULL */
	char *status;            /* the project's status on the day */
	char *date;              /* overdue: the due date; stale: the last status change */
	long days;               /* days from DATE to the day (0 without a date) */
};

struct alert_query {
	const char *as_of;  /* YYYY-MM-DD, the day ("today") */
	int stale_days;     /* N ≥ 1 */
	const char *county; /* only this recipient county, or NULL */
};

struct alert_set {
	char as_of[11];
	int stale_days;
	struct alert *items; /* overdue (by due date), stale, no leader, no team */
	size_t n;
	size_t count[ALERT_TYPES];
};

/* Computes the alerts of Q for the projects actor A may read (NULL: all).
 * Returns 0, or -1 with E (a bad as_of or stale_days is EXIT_INVALID). */
int alerts_compute(db *d, const struct actor *a, const struct alert_query *q, struct alert_set *out, err *e);
void alerts_free(struct alert_set *s);
/* "overdue_commitment", "stale", "no_leader", "no_team". */
const char *alert_type_name(enum alert_type t);
/* {"as_of", "stale_days", "counts": {type: n, …, "total"}, "alerts": [{…}]};
 * the caller json_decref's it. */
json_t *alerts_json(const struct alert_set *s);

#endif
