/* Import and export of every record kind, driven by the kinds table: the
 * header maps file fields to columns, each cell is checked by its column
 * type (io/cell.c), rows are upserted by the kind's key in one transaction,
 * and the validation rules run before anything is committed. */
#include "io/transfer.h"
#include "io/cell.h"
#include "io/csv.h"
#include "model/audit.h"
#include "model/messages.h"
#include "model/record.h"
#include "model/plan_flow.h"
#include "model/perm.h"
#include "model/validate.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct importer {
	db *d;
	const struct kind *k;
	const char *file;
	const char *sheet; /* NULL for CSV */
	enum lang lang;    /* of the messages */
	err *e;
	struct import_result *res;
	struct cell_lookup look;
	bool header_seen, header_bad, failed;
	size_t nfields;     /* fields in the header */
	int *col_of_field;  /* file field → kind column, -1 for none */
	int *field_of_col;  /* kind column → file field, -1 when absent */
	char **header;      /* kind column → header as written (or English name) */
	struct cell *cells; /* kind column → this row's value */
	bool has_id;        /* table keyed by an integer id (funds, visits) */
	bool optional_key;  /* first key column optional: empty means a new record */
	size_t nkey;
	int *key_cols; /* kind columns of the key */
	int *set_cols; /* present non-key columns, in kind order */
	size_t nset;
	db_stmt *find, *insert, *update, *history, *fund_code, *map;
	db_stmt *locked;           /* funds: is the receipt verified (locked)? */
	db_stmt *confirmed;        /* transfers: is it confirmed (locked)? by whom, which receipt */
	const struct actor *actor; /* who imports, named in the audit trail */
	bool audit;                /* write the audit trail (the caller may do it) */
	db_stmt *reread;           /* the written record's columns, for the trail */
	db_stmt *scope;            /* is the record in the actor's scope? NULL: not limited */
	struct db_value scope_value;
	struct db_value *bind;
	buf code; /* the record's name for the row map */
	buf rid;  /* its URL id, for the audit trail */
	/* plans: the state column, always inserted (its default depends on
	 * approved_by), and the stored plan's workflow values of this row */
	int state_col;
	db_stmt *plan_old;
	bool plan_exists;
	char *old_state, *old_by, *old_date;
};

static bool is_key(const struct kind *k, const char *name)
{
	for (const char *const *p = k->key; *p; p++)
		if (strcmp(*p, name) == 0)
			return true;
	return false;
}

static int col_index(const struct kind *k, const char *name)
{
	for (size_t i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Columns an INSERT names: those of the file, the first key column, and a
 * plan's state (whose default the importer works out). */
static bool inserted_col(const struct importer *im, size_t i)
{
	return im->field_of_col[i] >= 0 || (int)i == im->key_cols[0] || (int)i == im->state_col;
}

/* Key columns compare with '=', except an optional one, which may be NULL. */
static void add_key_where(struct importer *im, buf *sql, int first_param)
{
	buf_puts(sql, " WHERE ");
	for (size_t i = 0; i < im->nkey; i++) {
		const struct column *c = &im->k->cols[im->key_cols[i]];
		buf_printf(sql, "%s\"%s\" %s $%d", i ? " AND " : "", c->name,
		           c->required ? "=" : "IS NOT DISTINCT FROM", first_param + (int)i);
	}
}

/* The statements of this import, prepared once from the header. */
static int prepare_writes(struct importer *im)
{
	const struct kind *k = im->k;
	buf sql = BUF_INIT;
	int rc = -1;

	/* every column in kinds order (the old values of the audit trail,
	 * as export_record_json reads them), then the id */
	buf_puts(&sql, "SELECT ");
	for (size_t i = 0; i < k->ncols; i++)
		buf_printf(&sql, "\"%s\", ", k->cols[i].name);
	buf_puts(&sql, im->has_id ? "id" : "1");
	buf_printf(&sql, " FROM %s", k->table);
	size_t select_end = sql.len;
	add_key_where(im, &sql, 1);
	if (db_prepare(im->d, &im->find, im->e, buf_str(&sql), ""))
		goto out;
	/* the same columns after the write: by id, or by the key */
	if (im->audit) {
		sql.len = select_end;
		sql.s[sql.len] = '\0';
		if (im->has_id)
			buf_puts(&sql, " WHERE id = $1");
		else
			add_key_where(im, &sql, 1);
		if (db_prepare(im->d, &im->reread, im->e, buf_str(&sql), ""))
			goto out;
	}

	/* absent columns are left out, so that the schema's defaults apply */
	buf_reset(&sql);
	buf_printf(&sql, "INSERT INTO %s (", k->table);
	int n = 0;
	for (size_t i = 0; i < k->ncols; i++)
		if (inserted_col(im, i))
			buf_printf(&sql, "%s\"%s\"", n++ ? ", " : "", k->cols[i].name);
	buf_puts(&sql, ") VALUES (");
	for (int i = 0; i < n; i++)
		buf_printf(&sql, "%s$%d", i ? ", " : "", i + 1);
	buf_puts(&sql, im->has_id ? ") RETURNING id" : ")");
	if (db_prepare(im->d, &im->insert, im->e, buf_str(&sql), ""))
		goto out;

	if (im->nset) {
		buf_reset(&sql);
		buf_printf(&sql, "UPDATE %s SET ", k->table);
		for (size_t i = 0; i < im->nset; i++)
			buf_printf(&sql, "%s\"%s\" = $%zu", i ? ", " : "", k->cols[im->set_cols[i]].name,
			           i + 1);
		add_key_where(im, &sql, (int)im->nset + 1);
		if (db_prepare(im->d, &im->update, im->e, buf_str(&sql), ""))
			goto out;
	}
	if (strcmp(k->name, "projects") == 0 &&
	    db_prepare(im->d, &im->history, im->e,
	               "INSERT INTO status_history (project_code, date, status) VALUES ($1, $2, $3)"
	               " ON CONFLICT (project_code, date) DO UPDATE SET status = excluded.status",
	               ""))
		goto out;
	if (im->state_col >= 0 &&
	    db_prepare(im->d, &im->plan_old, im->e,
	               "SELECT state, approved_by, approved_date FROM plans WHERE code = $1", ""))
		goto out;
	if (im->optional_key) {
		/* a receipt is numbered R and its id, a transfer T (TABLE is
		 * one of the two, a constant of the kinds table) */
		buf_reset(&sql);
		buf_printf(&sql, "UPDATE %s SET code = '%s' || id WHERE id = $1 RETURNING code", k->table,
		           strcmp(k->table, "transfers") == 0 ? "T" : "R");
		if (db_prepare(im->d, &im->fund_code, im->e, buf_str(&sql), ""))
			goto out;
	}
	if (strcmp(k->table, "funds") == 0 &&
	    db_prepare(im->d, &im->locked, im->e,
	               "SELECT verified_by FROM funds WHERE id = $1 AND verified_at IS NOT NULL", ""))
		goto out;
	if (strcmp(k->table, "transfers") == 0 &&
	    db_prepare(im->d, &im->confirmed, im->e,
	               "SELECT l.linked_by, f.code FROM transfer_links l JOIN transfers t ON t.id = "
	               "l.transfer_id"
	               " JOIN funds f ON f.id = l.fund_id WHERE t.code = $1",
	               ""))
		goto out;
	/* record name → row, to report rule violations at their row */
	if (db_exec_script(im->d,
	                   "CREATE TEMP TABLE IF NOT EXISTS import_rows"
	                   " (code TEXT PRIMARY KEY, row INTEGER NOT NULL); DELETE FROM import_rows;",
	                   im->e) ||
	    db_prepare(im->d, &im->map, im->e,
	               "INSERT INTO import_rows (code, row) VALUES ($1, $2)"
	               " ON CONFLICT (code) DO UPDATE SET row = excluded.row",
	               ""))
		goto out;
	if (perm_scoped(im->actor, k, PERM_WRITE)) {
		/* the record by its id (funds, visits) or its key, within the
		 * actor's scope: asked before a change and after it */
		buf_reset(&sql);
		buf_printf(&sql, "SELECT 1 FROM %s t", k->table);
		if (im->has_id)
			buf_puts(&sql, " WHERE t.id = $1");
		else
			add_key_where(im, &sql, 1);
		perm_scope_sql(im->actor, k, PERM_WRITE, "t", im->has_id ? 2 : (int)im->nkey + 1, &sql,
		               &im->scope_value);
		if (db_prepare(im->d, &im->scope, im->e, buf_str(&sql), ""))
			goto out;
	}
	rc = 0;
out:
	buf_free(&sql);
	return rc;
}

/* Adds message ID with ARGS in the import's language at row ROW, field
 * FIELD (-1 for none) of column COL. */
static void row_msg(struct importer *im, long row, long field, const char *col, enum msg_id id,
                    const char *const *args)
{
	buf m = BUF_INIT;
	msg_formatv(&m, im->lang, id, args);
	err_cell(im->e, im->file, im->sheet, row, field, col, "%s", buf_str(&m));
	buf_free(&m);
}

/* A column as a Chinese message names it: its Chinese header. */
static const char *col_word(const struct importer *im, const struct column *c)
{
	return im->lang == LANG_EN || !c->zh ? c->name : c->zh;
}

static int read_header(struct importer *im, const struct csv_row *r)
{
	const struct kind *k = im->k;
	im->nfields = r->n;
	im->col_of_field = xcalloc(r->n ? r->n : 1, sizeof(int));
	for (size_t f = 0; f < r->n; f++) {
		im->col_of_field[f] = -1;
		if (!utf8_valid(r->fields[f], r->lens[f])) {
			char n[24];
			snprintf(n, sizeof n, "%zu", f + 1);
			row_msg(im, 1, (long)f, "", MSG_HEADER_NOT_UTF8, (const char *const[]){n});
			im->header_bad = true;
			continue;
		}
		buf h = BUF_INIT;
		cell_trim(r->fields[f], &h);
		const struct column *c = kind_column(k, buf_str(&h));
		if (!c) {
			buf names = BUF_INIT;
			for (size_t i = 0; i < k->ncols; i++)
				buf_printf(&names, "%s%s", i ? (im->lang == LANG_EN ? ", " : "、") : "",
				           col_word(im, &k->cols[i]));
			row_msg(im, 1, (long)f, buf_str(&h), MSG_UNKNOWN_COLUMN,
			        (const char *const[]){im->lang == LANG_EN ? k->name : k->zh,
			                              buf_str(&names)});
			buf_free(&names);
			im->header_bad = true;
		} else {
			int j = (int)(c - k->cols);
			if (im->field_of_col[j] >= 0) {
				row_msg(im, 1, (long)f, buf_str(&h), MSG_COLUMN_TWICE,
				        (const char *const[]){col_word(im, c)});
				im->header_bad = true;
			} else {
				im->field_of_col[j] = (int)f;
				im->col_of_field[f] = j;
				free(im->header[j]);
				im->header[j] = xstrdup(buf_str(&h));
			}
		}
		buf_free(&h);
	}
	for (size_t i = 0; i < k->ncols; i++)
		if (k->cols[i].required && im->field_of_col[i] < 0) {
			row_msg(im, 1, -1, k->cols[i].name, MSG_COLUMN_MISSING, NULL);
			im->header_bad = true;
		}
	if (im->header_bad)
		return 0;
	if (!perm_may(im->actor, k, PERM_WRITE)) {
		enum role role = im->actor ? im->actor->role : ROLE_VIEWER;
		row_msg(im, 1, -1, "", MSG_FORBIDDEN_KIND,
		        (const char *const[]){perm_role_label(role, im->lang),
		                              im->lang == LANG_EN ? k->name : k->zh});
		im->res->refused++;
		im->header_bad = true;
		return 0;
	}
	for (size_t i = 0; i < k->ncols; i++)
		if (im->field_of_col[i] >= 0 && !is_key(k, k->cols[i].name))
			im->set_cols[im->nset++] = (int)i;
	return prepare_writes(im);
}

/* Values of the columns LIST (kind column indexes) into im->bind. */
static size_t gather(struct importer *im, const int *list, size_t n, size_t at)
{
	for (size_t i = 0; i < n; i++)
		im->bind[at + i] = im->cells[list[i]].v;
	return at + n;
}

static bool same_value(db_stmt *st, int col, const struct db_value *v)
{
	if (v->type == 'z' || (v->type == 't' && !v->s))
		return db_col_null(st, col);
	if (db_col_null(st, col))
		return false;
	if (v->type == 'i')
		return db_col_int(st, col) == v->i;
	return strcmp(db_col_text(st, col), v->s) == 0;
}

/* The record's name as validate.h gives it, for the row map. */
static void record_name(struct importer *im, int64_t id)
{
	buf_reset(&im->code);
	if (strcmp(im->k->table, "visits") == 0) {
		buf_printf(&im->code, "%lld", (long long)id);
		return;
	}
	for (size_t i = 0; i < im->nkey; i++) {
		const struct db_value *v = &im->cells[im->key_cols[i]].v;
		/* a whole-number key (plan_targets' year) is written as its digits */
		if (v->type == 'i')
			buf_printf(&im->code, "%s%lld", i ? "/" : "", (long long)v->i);
		else
			buf_printf(&im->code, "%s%s", i ? "/" : "", v->type == 't' && v->s ? v->s : "");
	}
}

/* The audit row of the record just written (im->code names it, ID is its
 * integer id if it has one): ACTION with OLD (NULL for an insert) and
 * its values as now stored. A project's status history written beside it
 * gets no row of its own: the project's row shows the status change. */
static int audit_row(struct importer *im, const char *action, int64_t id, const json_t *old)
{
	db_stmt *st = im->reread;
	int rc = im->has_id ? db_rebind(st, im->e, "i", id)
	                    : db_rebind_values(st, im->e, im->bind, gather(im, im->key_cols, im->nkey, 0));
	if (rc)
		return -1;
	if (db_step(st, im->e) != DB_ROW)
		return err_add(im->e, EXIT_SYSTEM, "%s %s: written but cannot be read back", im->k->name,
		               buf_str(&im->code));
	json_t *now = export_record_json(im->k, st);
	if (!now)
		return err_add(im->e, EXIT_SYSTEM, "%s: out of memory", im->k->name);
	buf_reset(&im->rid);
	record_id_from_name(im->k, buf_str(&im->code), &im->rid);
	rc = audit_record(im->d, im->actor, im->k, buf_str(&im->rid), action, old, now, im->e);
	json_decref(now);
	return rc;
}

static char *col_copy(db_stmt *st, int col)
{
	return db_col_null(st, col) ? NULL : xstrdup(db_col_text(st, col));
}

static void plan_old_free(struct importer *im)
{
	free(im->old_state);
	free(im->old_by);
	free(im->old_date);
	im->old_state = im->old_by = im->old_date = NULL;
	im->plan_exists = false;
}

/* The text of a cell's value, NULL for SQL NULL or an empty text. */
static const char *cell_text(const struct cell *c)
{
	return c->v.type == 't' && c->v.s && c->v.s[0] ? c->v.s : NULL;
}

/* A plan row: reads the stored plan's workflow values and gives an empty
 * state its default (from the approver the plan will have). */
static int plan_row_begin(struct importer *im)
{
	plan_old_free(im);
	const struct kind *k = im->k;
	if (db_rebind_values(im->plan_old, im->e, &im->cells[im->key_cols[0]].v, 1))
		return -1;
	int rc = db_step(im->plan_old, im->e);
	if (rc == DB_ERROR)
		return -1;
	if (rc == DB_ROW) {
		im->plan_exists = true;
		im->old_state = col_copy(im->plan_old, 0);
		im->old_by = col_copy(im->plan_old, 1);
		im->old_date = col_copy(im->plan_old, 2);
	}
	struct cell *state = &im->cells[im->state_col];
	if (!cell_text(state)) {
		int by = col_index(k, "approved_by");
		const char *approver = im->field_of_col[by] >= 0 ? cell_text(&im->cells[by]) : im->old_by;
		const char *v = im->field_of_col[im->state_col] < 0 && im->plan_exists
		                        ? im->old_state
		                        : plan_flow_default_state(approver);
		state->v = (struct db_value){'t', 0, v};
	}
	return 0;
}

/* The plan workflow's rule of edits (plan_flow_edit_refused); false after
 * adding its message at the refused cell. */
static bool plan_row_allowed(struct importer *im, long row, bool changes)
{
	const struct kind *k = im->k;
	int by = col_index(k, "approved_by"), date = col_index(k, "approved_date");
	const char *new_by = im->field_of_col[by] >= 0 ? cell_text(&im->cells[by]) : im->old_by;
	const char *new_date = im->field_of_col[date] >= 0 ? cell_text(&im->cells[date]) : im->old_date;
	int id;
	const char *arg;
	const char *col = plan_flow_edit_refused(im->actor, im->plan_exists, im->old_state, im->old_by,
	                                         im->old_date, cell_text(&im->cells[im->state_col]), new_by,
	                                         new_date, changes, im->lang, &id, &arg);
	if (!col)
		return true;
	int j = col_index(k, col);
	row_msg(im, row, im->field_of_col[j], im->header[j], (enum msg_id)id, (const char *const[]){arg});
	im->failed = true;
	return false;
}

/* Whether the record (ID for funds and visits, else this row's key) is in
 * the actor's scope: 1 yes, 0 no, -1 on a database error. */
static int in_scope(struct importer *im, int64_t id)
{
	size_t n;
	if (im->has_id) {
		im->bind[0] = (struct db_value){'i', id, NULL};
		n = 1;
	} else {
		n = gather(im, im->key_cols, im->nkey, 0);
	}
	im->bind[n] = im->scope_value;
	if (db_rebind_values(im->scope, im->e, im->bind, n + 1))
		return -1;
	int rc = db_step(im->scope, im->e);
	return rc == DB_ERROR ? -1 : rc == DB_ROW;
}

/* Refuses the row: the record is outside the actor's scope BEFORE the
 * change or would be after it; reported at the scope column. */
static void refuse_scope(struct importer *im, long row, bool before)
{
	const char *name = perm_scope_column(im->actor, im->k);
	int j = name ? col_index(im->k, name) : -1;
	const char *scope = im->actor && im->actor->scope ? im->actor->scope : "";
	const char *col = j >= 0 ? im->header[j] : "";
	long field = j >= 0 ? im->field_of_col[j] : -1;
	if (before) {
		row_msg(im, row, field, col, MSG_SCOPE_BEFORE, (const char *const[]){scope});
	} else {
		const struct db_value *v = j >= 0 ? &im->cells[j].v : NULL;
		const char *value = v && v->type == 't' && v->s ? v->s : "";
		row_msg(im, row, field, col, MSG_SCOPE_AFTER, (const char *const[]){value, scope});
	}
	im->res->refused++;
	im->failed = true;
}

/* A verified receipt is locked (issue 10): a change is refused at its
 * row until the municipal office unlocks it. 1 refused, 0 not locked,
 * -1 on a database error. */
static int receipt_locked(struct importer *im, long row, int64_t id)
{
	if (db_rebind(im->locked, im->e, "i", id))
		return -1;
	int rc = db_step(im->locked, im->e);
	if (rc == DB_ERROR)
		return -1;
	if (rc != DB_ROW)
		return 0;
	buf_reset(&im->code);
	record_name(im, id);
	const char *args[] = {buf_str(&im->code), db_col_text(im->locked, 0)};
	row_msg(im, row, -1, "", MSG_RECEIPT_LOCKED, args);
	im->res->locked++;
	im->failed = true;
	return 1;
}

/* A confirmed transfer is locked (issue 10): a change of its project,
 * amount or date is refused at its row until it is unconfirmed (its
 * voucher number and note may change). 1 refused, 0 not, -1 on a database
 * error. */
static int transfer_confirmed(struct importer *im, long row)
{
	bool touched = false;
	for (size_t i = 0; i < im->nset && !touched; i++) {
		int c = im->set_cols[i];
		const char *name = im->k->cols[c].name;
		touched = (strcmp(name, "project_code") == 0 || strcmp(name, "amount") == 0 ||
		           strcmp(name, "date") == 0) &&
		          !same_value(im->find, c, &im->cells[c].v);
	}
	if (!touched)
		return 0;
	if (db_rebind_values(im->confirmed, im->e, &im->cells[im->key_cols[0]].v, 1))
		return -1;
	int rc = db_step(im->confirmed, im->e);
	if (rc == DB_ERROR)
		return -1;
	if (rc != DB_ROW)
		return 0;
	const struct db_value *key = &im->cells[im->key_cols[0]].v;
	const char *args[] = {key->type == 't' && key->s ? key->s : "", db_col_text(im->confirmed, 0),
	                      db_col_text(im->confirmed, 1)};
	row_msg(im, row, -1, "", MSG_TRANSFER_LOCKED, args);
	im->res->locked++;
	im->failed = true;
	return 1;
}

/* Upserts the checked row by its key and counts what happened (and
 * writes it into the audit trail). */
static int write_row(struct importer *im, long row)
{
	int64_t id = 0;
	bool exists = false;
	const char *action = NULL; /* "insert", "update", or none when unchanged */
	json_t *old = NULL;        /* the values before an update */
	bool fresh = im->optional_key && im->cells[im->key_cols[0]].v.type == 'z';
	if (im->plan_old && plan_row_begin(im))
		return -1;
	if (!fresh) {
		size_t n = gather(im, im->key_cols, im->nkey, 0);
		if (db_rebind_values(im->find, im->e, im->bind, n))
			return -1;
		int rc = db_step(im->find, im->e);
		if (rc == DB_ERROR)
			return -1;
		if (rc == DB_ROW) {
			exists = true;
			bool same = true;
			for (size_t i = 0; i < im->nset && same; i++)
				same = same_value(im->find, im->set_cols[i], &im->cells[im->set_cols[i]].v);
			id = db_col_int(im->find, (int)im->k->ncols);
			if (im->scope) {
				int ok = in_scope(im, id);
				if (ok < 0)
					return -1;
				if (!ok) {
					refuse_scope(im, row, true);
					return 0;
				}
			}
			if (im->plan_old && !plan_row_allowed(im, row, !same))
				return 0;
			if (im->locked && !same) {
				int lk = receipt_locked(im, row, id);
				if (lk)
					return lk < 0 ? -1 : 0;
			}
			if (im->confirmed && !same) {
				int lk = transfer_confirmed(im, row);
				if (lk)
					return lk < 0 ? -1 : 0;
			}
			if (same) {
				im->res->unchanged++;
			} else {
				action = "update";
				if (im->audit && !(old = export_record_json(im->k, im->find)))
					return err_add(im->e, EXIT_SYSTEM, "%s: out of memory", im->k->name);
				n = gather(im, im->set_cols, im->nset, 0);
				n = gather(im, im->key_cols, im->nkey, n);
				if (db_rebind_values(im->update, im->e, im->bind, n) ||
				    db_step(im->update, im->e) == DB_ERROR) {
					json_decref(old);
					return -1;
				}
				im->res->updated++;
			}
		}
	}
	if (!exists && im->plan_old && !plan_row_allowed(im, row, true))
		return 0;
	if (!exists) {
		size_t n = 0;
		for (size_t i = 0; i < im->k->ncols; i++)
			if (inserted_col(im, i))
				im->bind[n++] = im->cells[i].v;
		if (db_rebind_values(im->insert, im->e, im->bind, n))
			return -1;
		int rc = db_step(im->insert, im->e);
		if (rc == DB_ERROR)
			return -1;
		if (im->has_id && rc == DB_ROW)
			id = db_col_int(im->insert, 0);
		im->res->added++;
		action = "insert";
	}
	if (im->history) {
		const struct kind *k = im->k;
		struct db_value h[3] = {im->cells[col_index(k, "code")].v,
		                        im->cells[col_index(k, "status_date")].v,
		                        im->cells[col_index(k, "status")].v};
		if (db_rebind_values(im->history, im->e, h, 3) || db_step(im->history, im->e) == DB_ERROR) {
			json_decref(old);
			return -1;
		}
	}
	record_name(im, id);
	if (fresh) {
		/* a receipt without a number is named 'R' and its id */
		struct db_value v = {'i', id, NULL};
		if (db_rebind_values(im->fund_code, im->e, &v, 1) ||
		    db_step(im->fund_code, im->e) != DB_ROW) {
			json_decref(old);
			return -1;
		}
		buf_reset(&im->code);
		buf_puts(&im->code, db_col_text(im->fund_code, 0));
	}
	struct db_value m[2] = {{'t', 0, buf_str(&im->code)}, {'i', row, NULL}};
	int rc = db_rebind_values(im->map, im->e, m, 2) || db_step(im->map, im->e) == DB_ERROR ? -1 : 0;
	if (rc == 0 && im->scope) {
		/* written inside the transaction, which the refusal rolls back */
		int ok = in_scope(im, id);
		if (ok < 0)
			rc = -1;
		else if (!ok) {
			refuse_scope(im, row, false);
			action = NULL;
		}
	}
	if (rc == 0 && action && im->audit)
		rc = audit_row(im, action, id, old);
	json_decref(old);
	return rc;
}

static int on_row(void *ctx, const struct csv_row *r, err *e)
{
	struct importer *im = ctx;
	(void)e;
	if (!im->header_seen) {
		im->header_seen = true;
		return read_header(im, r);
	}
	if (im->header_bad)
		return 0;
	im->res->rows++;
	if (r->n != im->nfields) {
		/* a lone empty field is a blank line, not a record */
		if (r->n == 1 && r->lens[0] == 0) {
			im->res->rows--;
			return 0;
		}
		im->failed = true;
		/* a worksheet's extra cell is named by its letter */
		char got[24], want[24];
		snprintf(got, sizeof got, "%zu", r->n);
		snprintf(want, sizeof want, "%zu", im->nfields);
		row_msg(im, r->row, im->sheet ? (long)im->nfields : -1, "", MSG_FIELD_COUNT,
		        (const char *const[]){got, want});
		return 0;
	}
	bool ok = true;
	for (size_t j = 0; j < im->k->ncols; j++) {
		int f = im->field_of_col[j];
		const struct cell_in in = {im->file,
		                           im->sheet,
		                           r->row,
		                           f,
		                           im->header[j],
		                           f >= 0 ? r->fields[f] : NULL,
		                           f >= 0 ? r->lens[f] : 0,
		                           im->optional_key && (int)j == im->key_cols[0]};
		if (cell_check(&im->look, &im->k->cols[j], &in, &im->cells[j], im->e))
			ok = false;
	}
	if (!ok) {
		im->failed = true;
		return 0;
	}
	if (im->failed)
		return 0;
	return write_row(im, r->row);
}

struct mapper {
	struct importer *im;
	db_stmt *find;
};

/* A violation of a record of this file is reported at its row. */
static int map_violation(void *ctx, const struct violation *v, err *e)
{
	struct mapper *m = ctx;
	struct importer *im = m->im;
	if (strcmp(v->table, im->k->table) == 0) {
		if (db_rebind(m->find, e, "t", v->code))
			return -1;
		int rc = db_step(m->find, e);
		if (rc == DB_ERROR)
			return -1;
		if (rc == DB_ROW) {
			int j = col_index(im->k, v->column);
			const char *col = j >= 0 ? im->header[j] : v->column;
			err_cell(e, im->file, im->sheet, (long)db_col_int(m->find, 0),
			         j >= 0 ? im->field_of_col[j] : -1, col, "%s", v->message);
			return 0;
		}
	}
	err_add(e, EXIT_INVALID, "%s:%s:%s: %s", v->table, v->code, v->column, v->message);
	return 0;
}

static int run_rules(struct importer *im)
{
	struct mapper m = {im, NULL};
	if (db_prepare(im->d, &m.find, im->e, "SELECT row FROM import_rows WHERE code = $1", "t", ""))
		return -1;
	long n = validate_tables(im->d, im->k->table, im->lang, map_violation, &m, im->e);
	db_finalize(m.find);
	return n == 0 ? 0 : -1;
}

/* Statements still open keep the transaction from committing. */
static void close_statements(struct importer *im)
{
	db_finalize(im->find);
	db_finalize(im->insert);
	db_finalize(im->update);
	db_finalize(im->history);
	db_finalize(im->fund_code);
	db_finalize(im->map);
	db_finalize(im->locked);
	db_finalize(im->confirmed);
	db_finalize(im->reread);
	db_finalize(im->plan_old);
	db_finalize(im->scope);
	cell_lookup_free(&im->look);
	im->find = im->insert = im->update = im->history = im->fund_code = im->map = im->reread =
	        im->plan_old = im->scope = im->locked = im->confirmed = NULL;
}

static void importer_free(struct importer *im)
{
	close_statements(im);
	for (size_t i = 0; i < im->k->ncols; i++) {
		free(im->header[i]);
		buf_free(&im->cells[i].text);
	}
	free(im->header);
	free(im->cells);
	free(im->col_of_field);
	free(im->field_of_col);
	free(im->key_cols);
	free(im->set_cols);
	free(im->bind);
	buf_free(&im->code);
	buf_free(&im->rid);
	plan_old_free(im);
}

int import_rows(db *d, const struct kind *k, const struct import_source *src, enum import_mode mode,
                struct import_result *res, err *e)
{
	memset(res, 0, sizeof *res);
	struct importer im = {0};
	im.d = d;
	im.k = k;
	im.file = src->file;
	im.sheet = src->sheet;
	im.lang = src->lang;
	im.state_col = strcmp(k->table, "plans") == 0 ? col_index(k, "state") : -1;
	im.e = e;
	im.res = res;
	im.actor = src->actor;
	im.audit = !src->audit_by_caller;
	im.field_of_col = xcalloc(k->ncols, sizeof(int));
	im.header = xcalloc(k->ncols, sizeof(char *));
	im.cells = xcalloc(k->ncols, sizeof(struct cell));
	im.key_cols = xcalloc(k->ncols, sizeof(int));
	im.set_cols = xcalloc(k->ncols, sizeof(int));
	im.bind = xcalloc(2 * k->ncols, sizeof(struct db_value));
	for (size_t i = 0; i < k->ncols; i++) {
		im.field_of_col[i] = -1;
		im.header[i] = xstrdup(k->cols[i].name);
		buf_init(&im.cells[i].text);
	}
	for (const char *const *p = k->key; *p; p++)
		im.key_cols[im.nkey++] = col_index(k, *p);
	im.has_id = strcmp(k->table, "funds") == 0 || strcmp(k->table, "visits") == 0 ||
	            strcmp(k->table, "transfers") == 0;
	im.optional_key = !k->cols[im.key_cols[0]].required;

	/* inside a caller's transaction the caller commits or rolls back */
	bool own = mode != IMPORT_IN_TRANSACTION;
	int before = e->count;
	int rc = -1;
	if (own && db_begin(d, e))
		goto out;
	if (cell_lookup_init(&im.look, d, im.lang, e)) {
		if (own)
			db_rollback(d);
		goto out;
	}
	int read = src->read(src->src, on_row, &im, e);
	if (!im.header_seen && read == 0)
		row_msg(&im, 1, -1, "", src->sheet ? MSG_EMPTY_SHEET : MSG_EMPTY_FILE, NULL);
	if (read == 0 && e->count == before)
		run_rules(&im);
	close_statements(&im);
	if (e->count != before || read) {
		if (own)
			db_rollback(d);
		if (e->status < EXIT_INVALID)
			e->status = EXIT_INVALID;
		goto out;
	}
	if (mode == IMPORT_DRY_RUN) {
		db_rollback(d);
		rc = 0;
		goto out;
	}
	if (own && db_commit(d, e)) {
		db_rollback(d);
		goto out;
	}
	rc = 0;
out:
	importer_free(&im);
	return rc;
}

struct csv_text {
	const char *file, *data;
	size_t len;
};

static int read_csv_text(void *src, csv_row_fn fn, void *ctx, err *e)
{
	const struct csv_text *t = src;
	return csv_read(t->data, t->len, t->file, fn, ctx, e);
}

int import_csv(db *d, const struct kind *k, const char *file, const char *data, size_t len, bool dry_run,
               enum lang lang, const struct actor *who, struct import_result *res, err *e)
{
	struct csv_text t = {file, data, len};
	const struct import_source src = {file, NULL, read_csv_text, &t, lang, who, false};
	return import_rows(d, k, &src, dry_run ? IMPORT_DRY_RUN : IMPORT_COMMIT, res, e);
}

int export_query(db *d, const struct kind *k, db_stmt **st, err *e)
{
	buf sql = BUF_INIT;
	buf_puts(&sql, "SELECT ");
	for (size_t i = 0; i < k->ncols; i++)
		buf_printf(&sql, "%s\"%s\"", i ? ", " : "", k->cols[i].name);
	buf_printf(&sql, " FROM %s ORDER BY %s", k->table, k->order_by);
	int rc = db_prepare(d, st, e, buf_str(&sql), "");
	buf_free(&sql);
	return rc;
}

/* Columns whose stored value is an integer. */
bool export_int_column(const struct column *c)
{
	return c->type == CT_INT || c->type == CT_YEAR || c->type == CT_AMOUNT || c->type == CT_BOOL;
}

json_t *export_record_json(const struct kind *k, db_stmt *st)
{
	json_t *obj = json_object();
	if (!obj)
		return NULL;
	for (size_t i = 0; i < k->ncols; i++) {
		const struct column *c = &k->cols[i];
		json_t *v = db_col_null(st, (int)i) ? json_null()
		            : export_int_column(c)  ? json_integer(db_col_int(st, (int)i))
		                                    : json_string(db_col_text(st, (int)i));
		if (!v || json_object_set_new(obj, c->name, v)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

void export_record_csv(const struct kind *k, db_stmt *st, buf *out)
{
	for (size_t i = 0; i < k->ncols; i++) {
		bool null = db_col_null(st, (int)i);
		if (i)
			buf_putc(out, ',');
		if (!null && export_int_column(&k->cols[i]))
			buf_printf(out, "%lld", (long long)db_col_int(st, (int)i));
		else if (!null)
			csv_put_field(out, db_col_text(st, (int)i));
	}
}

int export_kind(db *d, const struct kind *k, enum export_format fmt, buf *out, err *e)
{
	db_stmt *st;
	int rc;
	if (export_query(d, k, &st, e))
		return -1;
	json_t *arr = NULL;
	if (fmt == EXPORT_JSON) {
		arr = json_array();
		if (!arr) {
			db_finalize(st);
			return err_add(e, EXIT_SYSTEM, "out of memory building JSON");
		}
	} else {
		for (size_t i = 0; i < k->ncols; i++) {
			if (i)
				buf_putc(out, ',');
			csv_put_field(out, k->cols[i].name);
		}
		buf_putc(out, '\n');
	}
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (arr) {
			json_t *obj = export_record_json(k, st);
			if (!obj || json_array_append_new(arr, obj)) {
				rc = DB_ERROR;
				err_add(e, EXIT_SYSTEM, "%s: cannot build JSON for a %s record", k->name,
				        k->name);
				break;
			}
			continue;
		}
		export_record_csv(k, st, out);
		buf_putc(out, '\n');
	}
	db_finalize(st);
	if (rc == DB_ERROR) {
		json_decref(arr);
		return -1;
	}
	if (arr) {
		char *s = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(arr);
		if (!s)
			return err_add(e, EXIT_SYSTEM, "out of memory writing JSON");
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
	}
	return 0;
}
