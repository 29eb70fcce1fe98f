/* actor: who is making a change or a request — a user with a role and,
 * for county and supporter offices, the division code that bounds what
 * they see and change — and by which way (form, API, import, …). Every
 * write carries one, for authorization and for the audit trail. */
#ifndef DUIKOU_ACTOR_H
#define DUIKOU_ACTOR_H
#include <stdbool.h>

enum role {
	ROLE_ADMIN,     /* everything, and the users */
	ROLE_MUNICIPAL, /* every record, plan approvals, the audit trail */
	ROLE_COUNTY,    /* the records of its county (scope: a county code) */
	ROLE_SUPPORTER, /* its pairings' projects, the receipts it sent (scope: a supporter code) */
	ROLE_VIEWER,    /* reads */
	ROLE_COUNT,
};

struct actor {
	const char *user; /* the user's name; "cli:LOGIN" for the command line */
	enum role role;
	const char *scope; /* county or supporter code; "" for the other roles */
	const char *via;   /* "form", "api", "upload", "import", "plan", "cli" */
};

/* "admin", "municipal", "county", "supporter", "viewer". */
const char *role_name(enum role r);
/* The role named NAME; false when there is none. */
bool role_parse(const char *name, enum role *out);
/* true for the roles that need a scope (county, supporter). */
bool role_needs_scope(enum role r);

/* The actor of the command line: user "cli:LOGIN" (the login name of the
 * process, or its uid), role admin, via "cli"; NAME is filled and must
 * outlive the actor. */
void actor_cli(struct actor *a, char *name, unsigned size);

#endif
