/* Writing and reading the audit trail (model/audit.h). The one query of
 * the trail lives here, for `duikou audit`, the /audit page and the API. */
#include "model/audit.h"
#include "core/date.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
}

int audit_record(db *d, const struct actor *who, const struct kind *k, const char *record, const char *action,
                 const json_t *old_values, const json_t *new_values, err *e)
{
	return audit_event(d, who, k->name, record, action, old_values, new_values, e);
}

int audit_event(db *d, const struct actor *who, const char *kind, const char *record, const char *action,
                const json_t *old_values, const json_t *new_values, err *e)
{
	if (!who)
		return err_add(e, EXIT_SYSTEM, "audit: %s %s %s by nobody: every change needs its user",
		               action, kind, record);
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
		rc = db_run(
		        d, e,
		        "INSERT INTO audit (at, user_name, via, kind, record, action, old_values, new_values)"
		        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		        "tttttttt", at, who->user, who->via, kind, record, action, o, n);
	free(o);
	free(n);
	if (rc)
		return err_add(e, EXIT_SYSTEM, "audit: %s %s %s by %s not recorded", action, kind, record,
		               who->user);
	return 0;
}

const char *audit_kind(const char *name, const char **zh)
{
	const struct kind *k = name ? kind_find(name) : NULL;
	if (k) {
		if (zh)
			*zh = k->zh;
		return k->name;
	}
	if (name && (strcmp(name, AUDIT_USERS) == 0 || strcmp(name, AUDIT_USERS_ZH) == 0)) {
		if (zh)
			*zh = AUDIT_USERS_ZH;
		return AUDIT_USERS;
	}
	return NULL;
}

const char *audit_kind_names(void)
{
	return KIND_NAMES ", " AUDIT_USERS;
}

/* An empty filter value is no filter. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

int audit_filter_check(const struct audit_filter *f, err *e)
{
	const char *why;
	date dt;
	int rc = 0;
	if (given(f->since) && date_parse(f->since, &dt, &why))
		rc = err_add(e, EXIT_INVALID, "since: '%s' is not a date (YYYY-MM-DD): %s", f->since, why);
	if (given(f->until) && date_parse(f->until, &dt, &why))
		rc = err_add(e, EXIT_INVALID, "until: '%s' is not a date (YYYY-MM-DD): %s", f->until, why);
	if (given(f->kind) && !audit_kind(f->kind, NULL))
		rc = err_add(e, EXIT_INVALID, "kind: '%s' is not a kind (%s)", f->kind, audit_kind_names());
	return rc;
}

/* The WHERE of F; its five values are $1..$5. A kind may be named in
 * Chinese: the trail stores the English name. (PostgreSQL cannot tell the
 * type of a parameter first seen in "$1 IS NULL": hence the CASTs.) */
#define AUDIT_WHERE                                                                                          \
	" FROM audit WHERE (CAST($1 AS TEXT) IS NULL OR user_name = $1)"                                     \
	" AND (CAST($2 AS TEXT) IS NULL OR kind = $2) AND (CAST($3 AS TEXT) IS NULL OR record = $3)"         \
	" AND (CAST($4 AS TEXT) IS NULL OR at >= $4) AND (CAST($5 AS TEXT) IS NULL OR substr(at, 1, 10) <= " \
	"$5)"

static const char *kind_name(const struct audit_filter *f)
{
	const char *k = given(f->kind) ? audit_kind(f->kind, NULL) : NULL;
	return k ? k : given(f->kind);
}

int audit_count(db *d, const struct audit_filter *f, int64_t *n, err *e)
{
	return db_int(d, n, e, "SELECT count(*)" AUDIT_WHERE, "ttttt", given(f->user), kind_name(f),
	              given(f->record), given(f->since), given(f->until));
}

/* The JSON object stored in column COL of ST, or NULL. */
static json_t *col_json(db_stmt *st, int col)
{
	if (db_col_null(st, col))
		return NULL;
	json_error_t je;
	json_t *j = json_loads(db_col_text(st, col), 0, &je);
	if (j && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

long audit_query(db *d, const struct audit_filter *f, audit_row_fn fn, void *ctx, err *e)
{
	db_stmt *st;
	/* a limit every backend takes: no LIMIT -1 */
	int64_t limit = f->limit > 0 ? f->limit : INT64_MAX;
	if (db_prepare(
	            d, &st, e,
	            "SELECT id, at, user_name, via, kind, record, action, old_values, new_values" AUDIT_WHERE
	            " ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7",
	            "tttttii", given(f->user), kind_name(f), given(f->record), given(f->since),
	            given(f->until), limit, (int64_t)(f->offset > 0 ? f->offset : 0)))
		return -1;
	long n = 0;
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct audit_entry a = {db_col_int(st, 0),  db_col_text(st, 1), db_col_text(st, 2),
		                        db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5),
		                        db_col_text(st, 6), col_json(st, 7),    col_json(st, 8)};
		int r = fn(ctx, &a, e);
		json_decref(a.old_values);
		json_decref(a.new_values);
		if (r) {
			rc = DB_ERROR;
			break;
		}
		n++;
	}
	db_finalize(st);
	return rc == DB_ERROR ? -1 : n;
}

/* Calls FN for COLUMN when its value changed; returns 1 when it did. */
static int change(const struct audit_entry *a, const char *column, audit_change_fn fn, void *ctx)
{
	const json_t *o = a->old_values ? json_object_get(a->old_values, column) : NULL;
	const json_t *n = a->new_values ? json_object_get(a->new_values, column) : NULL;
	bool none_o = !o || json_is_null(o), none_n = !n || json_is_null(n);
	if (none_o && none_n)
		return 0;
	if (o && n && json_equal(o, n))
		return 0;
	fn(ctx, column, o, n);
	return 1;
}

int audit_changes(const struct audit_entry *a, audit_change_fn fn, void *ctx)
{
	const struct kind *k = kind_find(a->kind);
	int n = 0;
	for (size_t i = 0; k && i < k->ncols; i++)
		n += change(a, k->cols[i].name, fn, ctx);
	/* values outside the kind's columns (a plan step's state, reason; a
	 * user's role, scope, disabled) */
	const json_t *sides[2] = {a->old_values, a->new_values};
	for (int s = 0; s < 2; s++) {
		const char *key;
		json_t *v;
		if (!sides[s])
			continue;
		json_object_foreach((json_t *)sides[s], key, v)
		{
			(void)v;
			if ((k && kind_column(k, key)) ||
			    (s == 1 && a->old_values && json_object_get(a->old_values, key)))
				continue;
			n += change(a, key, fn, ctx);
		}
	}
	return n;
}

void audit_value_text(buf *out, const json_t *v)
{
	if (json_is_string(v))
		buf_puts(out, json_string_value(v));
	else if (json_is_integer(v))
		buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_true(v))
		buf_puts(out, "true");
	else if (json_is_false(v))
		buf_puts(out, "false");
	else if (json_is_real(v))
		buf_printf(out, "%.17g", json_real_value(v));
}

json_t *audit_entry_json(const struct audit_entry *a)
{
	json_t *o = a->old_values ? json_incref(a->old_values) : json_null();
	json_t *n = a->new_values ? json_incref(a->new_values) : json_null();
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)a->id, "at", a->at,
	                 "user", a->user, "via", a->via, "kind", a->kind, "record", a->record, "action",
	                 a->action, "old", o, "new", n);
}
