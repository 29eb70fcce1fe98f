/* Writing the audit trail (model/audit.h). */
#include "model/audit.h"
#include <stdlib.h>
#include <time.h>

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
}

int audit_record(db *d, const struct actor *who, const struct kind *k, const char *record, const char *action,
                 const json_t *old_values, const json_t *new_values, err *e)
{
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return err_add(e, EXIT_SYSTEM, "audit: cannot read the clock");
	char *o = dump(old_values), *n = dump(new_values);
	int rc = 0;
	if ((old_values && !o) || (new_values && !n))
		rc = err_add(e, EXIT_SYSTEM, "audit: out of memory");
	else
		rc = db_run(d, e,
		            "INSERT INTO audit (at, user_name, via, kind, record, action, old_values, new_values)"
		            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		            "tttttttt", at, who->user, who->via, k->name, record, action, o, n);
	free(o);
	free(n);
	if (rc)
		return err_add(e, EXIT_SYSTEM, "audit: %s %s %s by %s not recorded", action, k->name, record,
		               who->user);
	return 0;
}
