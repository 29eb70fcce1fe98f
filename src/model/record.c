/* One record saved or deleted through the importer: the given fields become
 * a header and one data row of an import source, so that the cell checks,
 * the key upsert and the validation rules are those of import; the
 * importer's FILE:ROW:COLUMN messages are split back into column and
 * message. */
#include "model/record.h"
#include "io/cell.h"
#include "io/transfer.h"
#include "model/audit.h"
#include "model/messages.h"
#include "model/validate.h"
#include <stdlib.h>
#include <string.h>

/* The file name of the one-row source; messages start "record:ROW:". */
#define RECORD_FILE "record"

void record_result_init(struct record_result *r)
{
	memset(r, 0, sizeof *r);
}

void record_result_free(struct record_result *r)
{
	for (size_t i = 0; i < r->nproblems; i++) {
		free(r->problems[i].field);
		free(r->problems[i].message);
	}
	free(r->problems);
	free(r->id);
	record_result_init(r);
}

static void add_problem(struct record_result *r, const char *field, const char *message)
{
	r->problems = xrealloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
	r->problems[r->nproblems].field = field && *field ? xstrdup(field) : NULL;
	r->problems[r->nproblems].message = xstrdup(message);
	r->nproblems++;
}

/* Each message line of E becomes a problem: "record:ROW:COLUMN: message"
 * gives COLUMN and message; any other line (a rule on another table, a
 * database error) is kept whole, without a column. */
static enum record_outcome take_errors(struct record_result *r, err *e, enum record_outcome outcome)
{
	const char *s = buf_str(&e->msgs);
	while (*s) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char *line = xmalloc(len + 1);
		memcpy(line, s, len);
		line[len] = '\0';
		const char *p = line;
		char *field = NULL;
		const char *message = line;
		size_t pre = strlen(RECORD_FILE ":");
		if (strncmp(p, RECORD_FILE ":", pre) == 0) {
			p += pre;
			while (*p >= '0' && *p <= '9')
				p++;
			const char *col = *p == ':' ? p + 1 : NULL;
			const char *sep = col ? strstr(col, ": ") : NULL;
			if (sep) {
				field = xmalloc((size_t)(sep - col) + 1);
				memcpy(field, col, (size_t)(sep - col));
				field[sep - col] = '\0';
				message = sep + 2;
			}
		}
		add_problem(r, field, message);
		free(field);
		free(line);
		s += len;
		if (*s == '\n')
			s++;
	}
	if (e->status >= EXIT_SYSTEM)
		outcome = RECORD_ERROR;
	r->outcome = outcome;
	return outcome;
}

/* A problem of message ID in LANG, whose arguments (as many as it takes)
 * are K's name in LANG and A2. */
static enum record_outcome fail(struct record_result *r, enum record_outcome o, const char *field,
                                enum lang lang, enum msg_id id, const struct kind *k, const char *a2)
{
	buf m = BUF_INIT;
	msg_format(&m, lang, id, k ? (lang == LANG_EN ? k->name : k->zh) : NULL, a2);
	add_problem(r, field, buf_str(&m));
	buf_free(&m);
	r->outcome = o;
	return o;
}

/* The one-row import source: a header of names and a row of values. */
struct one_row {
	const struct record_field *f;
	size_t n;
};

static int read_one_row(void *src, csv_row_fn fn, void *ctx, err *e)
{
	const struct one_row *o = src;
	char **fields = xcalloc(o->n ? o->n : 1, sizeof(char *));
	size_t *lens = xcalloc(o->n ? o->n : 1, sizeof(size_t));
	struct csv_row row = {1, o->n, fields, lens};
	for (size_t i = 0; i < o->n; i++) {
		fields[i] = (char *)o->f[i].name;
		lens[i] = strlen(o->f[i].name);
	}
	int rc = fn(ctx, &row, e);
	if (rc == 0) {
		row.row = 2;
		for (size_t i = 0; i < o->n; i++) {
			fields[i] = (char *)(o->f[i].value ? o->f[i].value : "");
			lens[i] = strlen(fields[i]);
		}
		rc = fn(ctx, &row, e);
	}
	free(fields);
	free(lens);
	return rc;
}

bool record_has_code_id(const struct kind *k)
{
	return strcmp(k->key[0], "code") == 0;
}

static bool is_visits(const struct kind *k)
{
	return strcmp(k->table, "visits") == 0;
}

static size_t key_count(const struct kind *k)
{
	size_t n = 0;
	while (k->key[n])
		n++;
	return n;
}

/* Splits ID into the key's values (visits: the integer id). The last
 * values are split off from the right, so that only the first (a project
 * or program code) may itself hold the separator. Returns the number of
 * parts, 0 when ID does not fit the scheme. */
static size_t split_id(const struct kind *k, const char *id, char sep, char **parts)
{
	size_t n = is_visits(k) ? 1 : key_count(k);
	char *copy = xstrdup(id);
	size_t got = 0;
	for (size_t i = n - 1; i > 0; i--) {
		char *p = strrchr(copy, sep);
		if (!p)
			break;
		*p = '\0';
		parts[i] = xstrdup(p + 1);
		got++;
	}
	if (got != n - 1) {
		for (size_t i = n - got; i < n; i++) {
			free(parts[i]);
			parts[i] = NULL;
		}
		free(copy);
		return 0;
	}
	parts[0] = copy;
	return n;
}

void record_id_from_name(const struct kind *k, const char *name, buf *out)
{
	char *parts[16] = {0};
	size_t n = key_count(k) < 16 ? split_id(k, name, '/', parts) : 0;
	if (n == 0) {
		buf_puts(out, name);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(out, "%s%s", i ? "|" : "", parts[i]);
		free(parts[i]);
	}
}

/* " WHERE …" selecting the record ID into SQL, its values into V; returns
 * the number of values, 0 when ID cannot name a record of K. */
static size_t where_id(const struct kind *k, const char *id, buf *sql, struct db_value *v, char **parts)
{
	size_t n = key_count(k) < 16 ? split_id(k, id, '|', parts) : 0;
	if (n == 0)
		return 0;
	buf_puts(sql, " WHERE ");
	if (is_visits(k)) {
		char *end;
		long long x = strtoll(parts[0], &end, 10);
		if (!*parts[0] || *end || x <= 0) {
			free(parts[0]);
			parts[0] = NULL;
			return 0;
		}
		buf_puts(sql, "id = $1");
		v[0] = (struct db_value){'i', x, NULL};
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		buf_printf(sql, "%s\"%s\" = $%zu", i ? " AND " : "", k->key[i], i + 1);
		v[i] = (struct db_value){'t', 0, parts[i]};
	}
	return n;
}

static void free_parts(char **parts)
{
	for (size_t i = 0; i < 16; i++)
		free(parts[i]);
}

/* Selects the record ID of K, its columns in kinds order, into *ST (the
 * caller finalizes it): 1 with *ST on the row, 0 when missing, -1 (E). */
static int select_record(db *d, const struct kind *k, const char *id, db_stmt **st, err *e)
{
	buf sql = BUF_INIT;
	char *parts[16] = {0};
	struct db_value v[16];
	*st = NULL;
	buf_puts(&sql, "SELECT ");
	for (size_t i = 0; i < k->ncols; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", k->cols[i].name);
	buf_printf(&sql, " FROM %s", k->table);
	size_t n = where_id(k, id, &sql, v, parts);
	int rc = 0;
	if (n == 0)
		goto out;
	rc = -1;
	if (db_prepare(d, st, e, buf_str(&sql), "") || db_rebind_values(*st, e, v, n))
		goto out;
	int s = db_step(*st, e);
	if (s != DB_ERROR)
		rc = s == DB_ROW;
out:
	free_parts(parts);
	buf_free(&sql);
	return rc;
}

int record_load(db *d, const struct kind *k, const char *id, char **vals, err *e)
{
	db_stmt *st;
	for (size_t i = 0; i < k->ncols; i++)
		vals[i] = NULL;
	int rc = select_record(d, k, id, &st, e);
	if (rc == 1)
		for (size_t i = 0; i < k->ncols; i++)
			vals[i] = db_col_null(st, (int)i) ? NULL : xstrdup(db_col_text(st, (int)i));
	db_finalize(st);
	return rc;
}

/* The record ID of K as export's JSON into *OUT, for the audit trail:
 * 1 when found, 0 when missing, -1 (E). */
static int record_json(db *d, const struct kind *k, const char *id, json_t **out, err *e)
{
	db_stmt *st;
	*out = NULL;
	int rc = select_record(d, k, id, &st, e);
	if (rc == 1 && !(*out = export_record_json(k, st)))
		rc = err_add(e, EXIT_SYSTEM, "%s %s: out of memory", k->name, id);
	db_finalize(st);
	return rc;
}

void record_values_free(const struct kind *k, char **vals)
{
	for (size_t i = 0; i < k->ncols; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
}

int record_allowed(db *d, const struct actor *who, const struct kind *k, const char *id, enum perm_op op,
                   err *e)
{
	if (!perm_may(who, k, op))
		return 0;
	buf sql = BUF_INIT;
	char *parts[16] = {0};
	struct db_value v[17];
	buf_printf(&sql, "SELECT 1 FROM %s t", k->table);
	size_t n = where_id(k, id, &sql, v, parts);
	int rc = 0;
	db_stmt *st = NULL;
	if (n == 0)
		goto out;
	n += perm_scope_sql(who, k, op, "t", (int)n + 1, &sql, &v[n]);
	rc = -1;
	if (db_prepare(d, &st, e, buf_str(&sql), "") || db_rebind_values(st, e, v, n))
		goto out;
	int s = db_step(st, e);
	rc = s == DB_ERROR ? -1 : s == DB_ROW;
out:
	db_finalize(st);
	free_parts(parts);
	buf_free(&sql);
	return rc;
}

/* RECORD_OK when WHO may change the existing record ID of K, else the
 * refusal (RECORD_FORBIDDEN, or RECORD_ERROR) in R. */
static enum record_outcome refuse_unless_allowed(db *d, const struct actor *who, const struct kind *k,
                                                 const char *id, enum lang lang, struct record_result *r,
                                                 err *e)
{
	int ok = record_allowed(d, who, k, id, PERM_WRITE, e);
	if (ok < 0)
		return take_errors(r, e, RECORD_ERROR);
	if (ok)
		return RECORD_OK;
	buf m = BUF_INIT;
	if (perm_may(who, k, PERM_WRITE))
		msg_format(&m, lang, MSG_SCOPE_BEFORE, who->scope ? who->scope : "");
	else
		msg_format(&m, lang, MSG_FORBIDDEN_KIND, perm_role_label(who ? who->role : ROLE_VIEWER, lang),
		           lang == LANG_EN ? k->name : k->zh);
	add_problem(r, perm_scope_column(who, k), buf_str(&m));
	buf_free(&m);
	r->outcome = RECORD_FORBIDDEN;
	return RECORD_FORBIDDEN;
}

/* A failed one-row import: refused (scope), locked (a verified receipt:
 * a conflict with its state), or invalid. */
static enum record_outcome import_outcome(const struct import_result *res)
{
	return res->refused ? RECORD_FORBIDDEN : res->locked ? RECORD_CONFLICT : RECORD_INVALID;
}

/* Imports F[0..n) as one row inside the caller's transaction; the
 * importer writes its audit row unless AUDIT_BY_CALLER. */
static int import_one(db *d, const struct kind *k, const struct record_field *f, size_t n, enum lang lang,
                      const struct actor *who, bool audit_by_caller, struct import_result *res, err *e)
{
	struct one_row o = {f, n};
	const struct import_source src = {RECORD_FILE, NULL, read_one_row, &o, lang, who, audit_by_caller};
	return import_rows(d, k, &src, IMPORT_IN_TRANSACTION, res, e);
}

int record_import_one(db *d, const struct kind *k, const struct record_field *f, size_t n, enum lang lang,
                      const struct actor *who, struct import_result *res, err *e)
{
	return import_one(d, k, f, n, lang, who, false, res, e);
}

/* The URL id of the record the importer just wrote (its row map). */
int record_written_id(db *d, const struct kind *k, struct record_result *r, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e, "SELECT code FROM import_rows", ""))
		return -1;
	int s = db_step(st, e);
	if (s == DB_ROW) {
		buf id = BUF_INIT;
		record_id_from_name(k, db_col_text(st, 0), &id);
		r->id = buf_detach(&id);
	}
	db_finalize(st);
	return s == DB_ROW ? 0 : err_add(e, EXIT_SYSTEM, "%s: the saved record cannot be found", k->name);
}

static enum record_outcome create_once(db *d, const struct kind *k, const struct record_field *f, size_t n,
                                       enum lang lang, const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	struct import_result res;
	enum record_outcome o = RECORD_OK;
	if (db_begin_write(d, &e)) {
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	if (import_one(d, k, f, n, lang, who, false, &res, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, import_outcome(&res));
		goto out;
	}
	if (res.added != 1) {
		db_rollback(d);
		o = fail(r, RECORD_CONFLICT, k->key[0], lang, MSG_KEY_EXISTS, k, NULL);
		goto out;
	}
	if (record_written_id(d, k, r, &e) || db_commit(d, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	r->outcome = RECORD_OK;
out:
	err_free(&e);
	return o;
}

/* Each write below is one transaction that reads, then writes what it
 * read decides; one that lost a race with another request's (the same
 * record changed meanwhile, a key inserted meanwhile) is run again from
 * its start (store/db.h, db_retry), so that it never writes over a change
 * it did not see. */
enum record_outcome record_create(db *d, const struct kind *k, const struct record_field *f, size_t n,
                                  enum lang lang, const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = create_once(d, k, f, n, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

static bool is_key(const struct kind *k, const char *name)
{
	for (const char *const *p = k->key; *p; p++)
		if (strcmp(*p, name) == 0)
			return true;
	return false;
}

/* S without surrounding blanks equals T */
static bool same_trimmed(const char *s, const char *t)
{
	buf a = BUF_INIT;
	cell_trim(s, &a);
	bool same = strcmp(buf_str(&a), t) == 0;
	buf_free(&a);
	return same;
}

/* The stored values are read inside the transaction that writes them
 * back with the given ones over them. */
static enum record_outcome update_once(db *d, const struct kind *k, const char *id,
                                       const struct record_field *f, size_t n, enum lang lang,
                                       const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	char **old = xcalloc(k->ncols, sizeof(char *));
	struct record_field *all = xcalloc(k->ncols + n, sizeof *all);
	size_t nall = k->ncols;
	json_t *before = NULL, *after = NULL; /* a visit's values, for the audit trail */
	struct import_result res;
	if (db_begin_write(d, &e)) {
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	int found = record_load(d, k, id, old, &e);
	if (found < 0) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	if (found == 0) {
		db_rollback(d);
		o = fail(r, RECORD_MISSING, NULL, lang, MSG_NO_RECORD, k, id);
		goto out;
	}
	/* the importer asks again after the change; a visit is written afresh,
	 * so its scope before the change is asked here */
	if ((o = refuse_unless_allowed(d, who, k, id, lang, r, &e)) != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	/* every column, as stored, then the given values over them; an
	 * unknown name stays a field of its own for the importer to refuse */
	for (size_t i = 0; i < k->ncols; i++)
		all[i] = (struct record_field){k->cols[i].name, old[i] ? old[i] : ""};
	for (size_t j = 0; j < n; j++) {
		const struct column *c = kind_column(k, f[j].name);
		if (!c) {
			all[nall++] = f[j];
			continue;
		}
		size_t i = (size_t)(c - k->cols);
		const char *v = f[j].value ? f[j].value : "";
		/* a visit is named by its id, so its key columns are values */
		if (!is_visits(k) && is_key(k, c->name) && !same_trimmed(v, all[i].value)) {
			o = fail(r, RECORD_INVALID, c->name, lang, MSG_KEY_FIXED, NULL, NULL);
			continue;
		}
		all[i].value = v;
	}
	if (o != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	/* a visit is written afresh (its date or places may change) and
	 * then given back its id; its audit row is written here, as an
	 * update of that id */
	int64_t visit_id = is_visits(k) ? strtoll(id, NULL, 10) : 0;
	if (visit_id && (record_json(d, k, id, &before, &e) != 1 ||
	                 db_run(d, &e, "DELETE FROM visits WHERE id = $1", "i", visit_id))) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	if (import_one(d, k, all, nall, lang, who, visit_id != 0, &res, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, import_outcome(&res));
		goto out;
	}
	if (visit_id) {
		int64_t fresh = 0;
		if (res.added != 1) {
			db_rollback(d);
			o = fail(r, RECORD_CONFLICT, "date", lang, MSG_VISIT_CLASH, NULL, NULL);
			goto out;
		}
		if (db_int(d, &fresh, &e, "SELECT CAST(code AS INTEGER) FROM import_rows", "") ||
		    db_run(d, &e, "UPDATE visits SET id = $1 WHERE id = $2", "ii", visit_id, fresh) ||
		    record_json(d, k, id, &after, &e) != 1 ||
		    (!json_equal(before, after) &&
		     audit_record(d, who, k, id, "update", before, after, &e))) {
			db_rollback(d);
			o = take_errors(r, &e, RECORD_ERROR);
			goto out;
		}
	} else if (res.added != 0) {
		db_rollback(d);
		o = fail(r, RECORD_INVALID, k->key[0], lang, MSG_KEY_FIXED, NULL, NULL);
		goto out;
	}
	if (db_commit(d, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	r->id = xstrdup(id);
	r->outcome = RECORD_OK;
out:
	json_decref(before);
	json_decref(after);
	record_values_free(k, old);
	free(old);
	free(all);
	err_free(&e);
	return o;
}

enum record_outcome record_update(db *d, const struct kind *k, const char *id, const struct record_field *f,
                                  size_t n, enum lang lang, const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = update_once(d, k, id, f, n, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}

static int note_violation(void *ctx, const struct violation *v, err *e)
{
	(void)ctx;
	err_add(e, EXIT_INVALID, "%s:%s:%s: %s", v->table, v->code, v->column, v->message);
	return 0;
}

/* A project's fund receipts go with it (ON DELETE CASCADE), and so do its
 * team, service log and commitments (issue 7): each gets its own "delete"
 * row in the audit trail, written before they are gone. Its status history
 * is part of the project's own row (status, status_date). */
static const char *const cascaded[] = {"funds", "project_team", "service_log", "commitments", "transfers"};

static int audit_children(db *d, const struct kind *child, const char *code, const struct actor *who, err *e)
{
	buf sql = BUF_INIT, rid = BUF_INIT;
	buf_puts(&sql, "SELECT ");
	for (size_t i = 0; i < child->ncols; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", child->cols[i].name);
	buf_printf(&sql, " FROM %s WHERE project_code = $1 ORDER BY %s", child->table,
	           strcmp(child->name, "funds") == 0 ? "id" : child->order_by);
	db_stmt *st;
	int rc = db_prepare(d, &st, e, buf_str(&sql), "t", code);
	buf_free(&sql);
	if (rc)
		return -1;
	int s;
	while ((s = db_step(st, e)) == DB_ROW) {
		json_t *j = export_record_json(child, st);
		/* its URL id: the key's values joined by '|' (a receipt's code) */
		buf_reset(&rid);
		for (size_t i = 0; j && child->key[i]; i++) {
			const char *v = json_string_value(json_object_get(j, child->key[i]));
			buf_printf(&rid, "%s%s", i ? "|" : "", v ? v : "");
		}
		rc = !j || !rid.len ? err_add(e, EXIT_SYSTEM, "%s of %s: out of memory", child->name, code)
		                    : audit_record(d, who, child, buf_str(&rid), "delete", j, NULL, e);
		json_decref(j);
		if (rc) {
			s = DB_ERROR;
			break;
		}
	}
	db_finalize(st);
	buf_free(&rid);
	return s == DB_ERROR ? -1 : 0;
}

static int audit_cascade(db *d, const struct kind *k, const char *code, const struct actor *who, err *e)
{
	if (strcmp(k->name, "projects") != 0)
		return 0;
	for (size_t i = 0; i < sizeof cascaded / sizeof cascaded[0]; i++) {
		const struct kind *child = kind_find(cascaded[i]);
		if (child && audit_children(d, child, code, who, e))
			return -1;
	}
	return 0;
}

/* A verified receipt is locked (issue 10): neither it nor the project
 * holding it may be deleted until it is unlocked. RECORD_OK when ID of K
 * is free to go, else the refusal (RECORD_CONFLICT, or RECORD_ERROR). */
/* A confirmed transfer is locked the same way until it is unconfirmed. */
static enum record_outcome refuse_if_confirmed(db *d, const char *id, enum lang lang, struct record_result *r,
                                               err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               "SELECT l.linked_by, f.code FROM transfer_links l JOIN transfers t ON t.id = "
	               "l.transfer_id"
	               " JOIN funds f ON f.id = l.fund_id WHERE t.code = $1",
	               "t", id))
		return take_errors(r, e, RECORD_ERROR);
	int s = db_step(st, e);
	enum record_outcome o = RECORD_OK;
	if (s == DB_ERROR) {
		o = take_errors(r, e, RECORD_ERROR);
	} else if (s == DB_ROW) {
		buf m = BUF_INIT;
		msg_format(&m, lang, MSG_TRANSFER_LOCKED, id, db_col_text(st, 0), db_col_text(st, 1));
		add_problem(r, NULL, buf_str(&m));
		buf_free(&m);
		r->outcome = o = RECORD_CONFLICT;
	}
	db_finalize(st);
	return o;
}

/* Deleting the receipt that holds a confirmed transfer, or the project of
 * one, would undo the confirmation without its reason: refused until the
 * transfer is unconfirmed. FUND: ID is a receipt, else a project. */
static enum record_outcome refuse_if_linked(db *d, bool fund, const char *id, enum lang lang,
                                            struct record_result *r, err *e)
{
	db_stmt *st;
	if (db_prepare(d, &st, e,
	               fund ? "SELECT t.code FROM transfer_links l JOIN transfers t ON t.id = l.transfer_id"
	                      " JOIN funds f ON f.id = l.fund_id WHERE f.code = $1"
	                    : "SELECT t.code FROM transfer_links l JOIN transfers t ON t.id = l.transfer_id"
	                      " WHERE t.project_code = $1 ORDER BY t.id",
	               "t", id))
		return take_errors(r, e, RECORD_ERROR);
	buf codes = BUF_INIT;
	int s;
	while ((s = db_step(st, e)) == DB_ROW)
		buf_printf(&codes, "%s%s", codes.len ? ", " : "", db_col_text(st, 0));
	db_finalize(st);
	enum record_outcome o = RECORD_OK;
	if (s == DB_ERROR) {
		o = take_errors(r, e, RECORD_ERROR);
	} else if (codes.len) {
		buf m = BUF_INIT;
		msg_format(&m, lang, fund ? MSG_RECEIPT_LINKED : MSG_PROJECT_CONFIRMED, id, buf_str(&codes));
		add_problem(r, NULL, buf_str(&m));
		buf_free(&m);
		r->outcome = o = RECORD_CONFLICT;
	}
	buf_free(&codes);
	return o;
}

static enum record_outcome refuse_if_locked(db *d, const struct kind *k, const char *id, enum lang lang,
                                            struct record_result *r, err *e)
{
	if (strcmp(k->name, "transfers") == 0)
		return refuse_if_confirmed(d, id, lang, r, e);
	bool fund = strcmp(k->name, "funds") == 0;
	if (!fund && strcmp(k->name, "projects") != 0)
		return RECORD_OK;
	db_stmt *st;
	if (db_prepare(
	            d, &st, e,
	            fund ? "SELECT code, verified_by FROM funds WHERE code = $1 AND verified_at IS NOT NULL"
	                 : "SELECT code, verified_by FROM funds WHERE project_code = $1"
	                   " AND verified_at IS NOT NULL ORDER BY id",
	            "t", id))
		return take_errors(r, e, RECORD_ERROR);
	buf codes = BUF_INIT, by = BUF_INIT;
	int s;
	while ((s = db_step(st, e)) == DB_ROW) {
		buf_printf(&codes, "%s%s", codes.len ? ", " : "", db_col_text(st, 0));
		if (!by.len)
			buf_puts(&by, db_col_text(st, 1));
	}
	db_finalize(st);
	enum record_outcome o = RECORD_OK;
	if (s == DB_ERROR) {
		o = take_errors(r, e, RECORD_ERROR);
	} else if (codes.len) {
		buf m = BUF_INIT;
		msg_format(&m, lang, fund ? MSG_RECEIPT_LOCKED : MSG_PROJECT_LOCKED, id,
		           fund ? buf_str(&by) : buf_str(&codes));
		add_problem(r, NULL, buf_str(&m));
		buf_free(&m);
		r->outcome = o = RECORD_CONFLICT;
	}
	buf_free(&codes);
	buf_free(&by);
	return o == RECORD_OK ? refuse_if_linked(d, fund, id, lang, r, e) : o;
}

static enum record_outcome delete_once(db *d, const struct kind *k, const char *id, enum lang lang,
                                       const struct actor *who, struct record_result *r)
{
	err e;
	err_init(&e);
	enum record_outcome o = RECORD_OK;
	json_t *old = NULL; /* the values deleted, for the audit trail */
	buf sql = BUF_INIT;
	char *parts[16] = {0};
	struct db_value v[16];
	db_stmt *st = NULL;
	if (db_begin_write(d, &e)) {
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	int found = record_json(d, k, id, &old, &e);
	if (found <= 0) {
		db_rollback(d);
		if (found < 0) {
			o = take_errors(r, &e, RECORD_ERROR);
		} else {
			o = fail(r, RECORD_MISSING, NULL, lang, MSG_NO_RECORD, k, id);
		}
		goto out;
	}
	if ((o = refuse_unless_allowed(d, who, k, id, lang, r, &e)) != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	if ((o = refuse_if_locked(d, k, id, lang, r, &e)) != RECORD_OK) {
		db_rollback(d);
		goto out;
	}
	if (audit_cascade(d, k, id, who, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	buf_printf(&sql, "DELETE FROM %s", k->table);
	size_t nv = where_id(k, id, &sql, v, parts);
	if (db_prepare(d, &st, &e, buf_str(&sql), "") || db_rebind_values(st, &e, v, nv) ||
	    db_step(st, &e) == DB_ERROR) {
		/* a foreign key still pointing at the record (a conference with
		 * projects, a program with records) stops the delete */
		db_finalize(st);
		st = NULL;
		db_rollback(d);
		err_clear(&e);
		o = fail(r, RECORD_CONFLICT, NULL, lang, MSG_REFERENCED, k, id);
		goto out;
	}
	db_finalize(st);
	st = NULL;
	if (audit_record(d, who, k, id, "delete", old, NULL, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	long nviol = validate_each(d, lang, note_violation, NULL, &e);
	if (nviol != 0) {
		db_rollback(d);
		o = take_errors(r, &e, nviol < 0 ? RECORD_ERROR : RECORD_INVALID);
		goto out;
	}
	if (db_commit(d, &e)) {
		db_rollback(d);
		o = take_errors(r, &e, RECORD_ERROR);
		goto out;
	}
	r->outcome = RECORD_OK;
out:
	db_finalize(st);
	free_parts(parts);
	buf_free(&sql);
	json_decref(old);
	err_free(&e);
	return o;
}

enum record_outcome record_delete(db *d, const struct kind *k, const char *id, enum lang lang,
                                  const struct actor *who, struct record_result *r)
{
	for (int attempt = 0;;) {
		enum record_outcome o = delete_once(d, k, id, lang, who, r);
		if (o != RECORD_ERROR || !db_retry(d, &attempt))
			return o;
		record_result_free(r);
	}
}
