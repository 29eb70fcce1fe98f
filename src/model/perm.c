/* The permission table as data: per kind the roles that read and write it
 * and the scope condition of county and supporter offices, an SQL
 * fragment whose {t} is the kind's table alias and {p} the parameter
 * holding the office's code. Fragments are fixed strings of this file;
 * the code itself is always a bound value. */
#include "model/perm.h"
#include <string.h>

#define BIT(r) (1u << (r))
#define ALL                                                                                                  \
	(BIT(ROLE_ADMIN) | BIT(ROLE_MUNICIPAL) | BIT(ROLE_COUNTY) | BIT(ROLE_SUPPORTER) | BIT(ROLE_VIEWER))
#define OFFICE (BIT(ROLE_ADMIN) | BIT(ROLE_MUNICIPAL))
#define COUNTY (OFFICE | BIT(ROLE_COUNTY))
#define BOTH   (COUNTY | BIT(ROLE_SUPPORTER))

/* a project's status and funds belong to the project's county and supporter */
#define VIA_PROJECT(col)                                                                                     \
	"EXISTS (SELECT 1 FROM projects sp WHERE sp.code = {t}.project_code AND sp." col " = {p})"

static const struct rule {
	const char *kind;
	unsigned read, write; /* roles, as bits */
	/* the county's rows (NULL: all), and the column that decides */
	const char *county_sql, *county_col;
	/* the supporter's rows (NULL: all), and the column that decides */
	const char *supporter_sql, *supporter_col;
} rules[] = {
        {"pairings", ALL, OFFICE, "{t}.recipient_code = {p}", "recipient_code", "{t}.supporter_code = {p}",
         "supporter_code"},
        {"conferences", ALL, OFFICE, NULL, NULL, NULL, NULL},
        {"projects", ALL, COUNTY, "{t}.recipient_code = {p}", "recipient_code", "{t}.supporter_code = {p}",
         "supporter_code"},
        {"status", ALL, COUNTY, VIA_PROJECT("recipient_code"), "project_code", VIA_PROJECT("supporter_code"),
         "project_code"},
        {"funds", ALL, BOTH, VIA_PROJECT("recipient_code"), "project_code", VIA_PROJECT("supporter_code"),
         "project_code"},
        {"labour", ALL, BOTH, "{t}.origin_code = {p}", "origin_code", "{t}.supporter_code = {p}",
         "supporter_code"},
        {"training", ALL, BOTH, "{t}.origin_code = {p}", "origin_code", "{t}.supporter_code = {p}",
         "supporter_code"},
        /* a supporter sees the plans of the counties it is paired with */
        {"plans", ALL, COUNTY, "{t}.recipient_code = {p}", "recipient_code",
         "EXISTS (SELECT 1 FROM pairings sr WHERE sr.recipient_code = {t}.recipient_code"
         " AND sr.supporter_code = {p})",
         "recipient_code"},
        {"visits", ALL, BOTH, "{t}.recipient_code = {p}", "recipient_code", "{t}.supporter_code = {p}",
         "supporter_code"},
        /* a plan's yearly targets belong to the plan: its county, its paired supporters */
        {"plan_targets", ALL, COUNTY,
         "EXISTS (SELECT 1 FROM plans sl WHERE sl.code = {t}.plan_code AND sl.recipient_code = {p})",
         "plan_code",
         "EXISTS (SELECT 1 FROM plans sl JOIN pairings sr ON sr.recipient_code = sl.recipient_code"
         " WHERE sl.code = {t}.plan_code AND sr.supporter_code = {p})",
         "plan_code"},
        /* the tracking service (issue 7): a county writes its own, a
         * supporter reads its pairings' (people of its own office or of the
         * counties it is paired with; its projects' teams, log, promises) */
        {"people", ALL, COUNTY, "{t}.division_code = {p}", "division_code",
         "({t}.division_code = {p} OR EXISTS (SELECT 1 FROM pairings sr"
         " WHERE sr.recipient_code = {t}.division_code AND sr.supporter_code = {p}))",
         "division_code"},
        {"project_team", ALL, COUNTY, VIA_PROJECT("recipient_code"), "project_code",
         VIA_PROJECT("supporter_code"), "project_code"},
        {"service_log", ALL, COUNTY, VIA_PROJECT("recipient_code"), "project_code",
         VIA_PROJECT("supporter_code"), "project_code"},
        {"commitments", ALL, COUNTY, VIA_PROJECT("recipient_code"), "project_code",
         VIA_PROJECT("supporter_code"), "project_code"},
        /* both sides' books (issue 10): a supporter's office writes the
         * transfers it sent (its projects'); the county reads its own */
        {"transfers", ALL, OFFICE | BIT(ROLE_SUPPORTER), VIA_PROJECT("recipient_code"), "project_code",
         VIA_PROJECT("supporter_code"), "project_code"},
};

static const unsigned areas[] = {
        [PERM_REPORTS] = ALL,
        [PERM_CHECK] = OFFICE | BIT(ROLE_VIEWER),
        [PERM_AUDIT] = OFFICE,
        [PERM_UPLOAD] = BOTH,
        [PERM_PLAN_STEP] = BOTH,
        [PERM_PUBLISH] = OFFICE | BIT(ROLE_VIEWER),
        /* both sides' books (issue 10) */
        [PERM_VERIFY] = OFFICE,
        [PERM_CONFIRM] = COUNTY,
        [PERM_SCORECARD] = OFFICE | BIT(ROLE_VIEWER) | BIT(ROLE_SUPPORTER),
};

static const struct rule *rule_of(const struct kind *k)
{
	for (size_t i = 0; k && i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].kind, k->name) == 0)
			return &rules[i];
	return NULL;
}

static bool valid_role(enum role r)
{
	return r >= 0 && r < ROLE_COUNT;
}

bool perm_role_may(enum role r, const struct kind *k, enum perm_op op)
{
	const struct rule *ru = rule_of(k);
	if (!ru || !valid_role(r))
		return false;
	return ((op == PERM_READ ? ru->read : ru->write) & BIT(r)) != 0;
}

bool perm_may(const struct actor *a, const struct kind *k, enum perm_op op)
{
	return a && perm_role_may(a->role, k, op);
}

bool perm_area(const struct actor *a, enum perm_area ar)
{
	if (!a || !valid_role(a->role) || ar < 0 || (size_t)ar >= sizeof areas / sizeof areas[0])
		return false;
	return (areas[ar] & BIT(a->role)) != 0;
}

bool perm_writes_any(const struct actor *a)
{
	for (size_t i = 0; i < kinds_count; i++)
		if (perm_may(a, &kinds[i], PERM_WRITE))
			return true;
	return false;
}

/* The scope fragment and column of A on K, or NULL when A's rows of K are
 * not limited. */
static const char *scope_of(const struct actor *a, const struct kind *k, const char **col)
{
	const struct rule *ru = rule_of(k);
	*col = NULL;
	if (!a || !ru)
		return NULL;
	if (a->role == ROLE_COUNTY) {
		*col = ru->county_col;
		return ru->county_sql;
	}
	if (a->role == ROLE_SUPPORTER) {
		*col = ru->supporter_col;
		return ru->supporter_sql;
	}
	return NULL;
}

bool perm_scoped(const struct actor *a, const struct kind *k, enum perm_op op)
{
	const char *col;
	return perm_may(a, k, op) && scope_of(a, k, &col) != NULL;
}

const char *perm_scope_column(const struct actor *a, const struct kind *k)
{
	const char *col;
	return scope_of(a, k, &col) ? col : NULL;
}

size_t perm_scope_sql(const struct actor *a, const struct kind *k, enum perm_op op, const char *alias,
                      int param, buf *sql, struct db_value *v)
{
	if (!perm_may(a, k, op)) {
		buf_puts(sql, " AND 1 = 0");
		return 0;
	}
	const char *col, *s = scope_of(a, k, &col);
	if (!s)
		return 0;
	buf_puts(sql, " AND (");
	while (*s) {
		if (strncmp(s, "{t}", 3) == 0) {
			buf_puts(sql, alias);
			s += 3;
		} else if (strncmp(s, "{p}", 3) == 0) {
			buf_printf(sql, "$%d", param);
			s += 3;
		} else {
			buf_putc(sql, *s++);
		}
	}
	buf_putc(sql, ')');
	/* an office without a scope sees nothing rather than everything */
	*v = (struct db_value){'t', 0, a->scope ? a->scope : ""};
	return 1;
}

const char *perm_role_label(enum role r, enum lang lang)
{
	static const char *const zh[ROLE_COUNT] = {"系统管理员", "市级", "区县", "支援方", "只读"};
	if (!valid_role(r))
		return "?";
	return lang == LANG_EN ? role_name(r) : zh[r];
}
