/* duikou copy --from DB --to DB [--force]: every table's rows from one
 * database to another (SQLite or PostgreSQL either way), in one
 * transaction on the target that commits only when the export of every
 * kind, and every copied table, reads the same on both. */
#include "cmd/cmd.h"
#include "io/transfer.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The tables copied, parents before children; HAS_ID: an id column whose
 * generator must follow the copied ids. Sessions and failed logins are
 * not copied: users sign in again. */
static const struct {
	const char *table;
	bool has_id;
} tables[] = {
        {"meta", false},
        {"programs", false},
        {"divisions", false},
        {"industry_sections", false},
        {"industry_divisions", false},
        {"pairings", false},
        {"conferences", false},
        {"projects", false},
        {"status_history", false},
        {"funds", true},
        {"labour", false},
        {"training", false},
        {"plans", false},
        {"visits", true},
        {"people", false},
        {"project_team", false},
        {"service_log", false},
        {"commitments", false},
        {"users", false},
        {"audit", true},
        {"plan_steps", true},
        {"schema_migrations", false},
        {"plan_targets", false},
        /* both sides' books (issue 10) */
        {"transfers", true},
        {"transfer_links", false},
        {"fund_evidence", true},
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* Copies the rows of TABLE (a constant of the list above) and counts them. */
static int copy_table(db *from, db *to, const char *table, int64_t *count, err *e)
{
	buf sql = BUF_INIT;
	db_stmt *src = NULL, *dst = NULL;
	struct db_value *v = NULL;
	int rc = -1;
	buf_printf(&sql, "SELECT * FROM %s ORDER BY 1", table);
	if (db_prepare(from, &src, e, buf_str(&sql), ""))
		goto out;
	int s = db_step(src, e), n = db_ncols(src);
	buf_reset(&sql);
	buf_printf(&sql, "INSERT INTO %s (", table);
	for (int i = 0; i < n; i++)
		buf_printf(&sql, "%s%s", i ? ", " : "", db_col_name(src, i));
	buf_puts(&sql, ") VALUES (");
	for (int i = 0; i < n; i++)
		buf_printf(&sql, "%s$%d", i ? ", " : "", i + 1);
	buf_puts(&sql, ")");
	if (s == DB_ERROR || db_prepare(to, &dst, e, buf_str(&sql), ""))
		goto out;
	v = xcalloc((size_t)n, sizeof *v);
	*count = 0;
	for (; s == DB_ROW; s = db_step(src, e)) {
		for (int i = 0; i < n; i++) {
			v[i].type = db_col_null(src, i) ? 'z' : 't';
			v[i].s = db_col_text(src, i);
		}
		if (db_rebind_values(dst, e, v, (size_t)n) || db_step(dst, e) == DB_ERROR)
			goto out;
		(*count)++;
	}
	rc = s == DB_ERROR ? -1 : 0;
out:
	if (rc)
		err_add(e, EXIT_SYSTEM, "copy: table %s not copied", table);
	free(v);
	db_finalize(src);
	db_finalize(dst);
	buf_free(&sql);
	return rc;
}

/* Every row of TABLE as text, one line each, sorted by every column. */
static int dump_table(db *d, const char *table, buf *out, err *e)
{
	buf sql = BUF_INIT;
	db_stmt *st = NULL;
	buf_printf(&sql, "SELECT * FROM %s", table);
	int rc = db_prepare(d, &st, e, buf_str(&sql), "");
	if (!rc) {
		int n = db_ncols(st);
		buf_puts(&sql, " ORDER BY ");
		for (int i = 0; i < n; i++)
			buf_printf(&sql, "%s%d", i ? ", " : "", i + 1);
		db_finalize(st);
		rc = db_prepare(d, &st, e, buf_str(&sql), "");
	}
	int s = DB_ERROR;
	while (!rc && (s = db_step(st, e)) == DB_ROW) {
		for (int i = 0; i < db_ncols(st); i++)
			buf_printf(out, "%s%s", i ? "\t" : "",
			           db_col_null(st, i) ? "\\N" : db_col_text(st, i));
		buf_putc(out, '\n');
	}
	if (!rc && s == DB_ERROR)
		rc = -1;
	db_finalize(st);
	buf_free(&sql);
	return rc;
}

/* The exports of every kind and the rows of every table, compared. */
static int verify(db *from, db *to, err *e)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < kinds_count; i++) {
		buf a = BUF_INIT, b = BUF_INIT;
		rc = export_kind(from, &kinds[i], EXPORT_CSV, &a, e) ||
		     export_kind(to, &kinds[i], EXPORT_CSV, &b, e);
		if (!rc && (a.len != b.len || memcmp(buf_str(&a), buf_str(&b), a.len) != 0))
			rc = err_add(e, EXIT_SYSTEM,
			             "copy: the export of %s differs between the two databases",
			             kinds[i].name);
		buf_free(&a);
		buf_free(&b);
	}
	for (size_t i = 0; !rc && i < NTABLES; i++) {
		buf a = BUF_INIT, b = BUF_INIT;
		rc = dump_table(from, tables[i].table, &a, e) || dump_table(to, tables[i].table, &b, e);
		if (!rc && (a.len != b.len || memcmp(buf_str(&a), buf_str(&b), a.len) != 0))
			rc = err_add(e, EXIT_SYSTEM, "copy: the rows of %s differ between the two databases",
			             tables[i].table);
		buf_free(&a);
		buf_free(&b);
	}
	return rc;
}

/* The target holds records (not only the schema and reference data). */
static int has_records(db *d, bool *out, err *e)
{
	*out = false;
	for (size_t i = 0; i < NTABLES && !*out; i++) {
		const char *t = tables[i].table;
		if (strcmp(t, "meta") == 0 || strcmp(t, "programs") == 0 || strcmp(t, "divisions") == 0 ||
		    strncmp(t, "industry_", 9) == 0 || strcmp(t, "schema_migrations") == 0 ||
		    strcmp(t, "pairings") == 0)
			continue;
		buf sql = BUF_INIT;
		buf_printf(&sql, "SELECT COUNT(*) FROM %s", t);
		int64_t n = 0;
		int rc = db_int(d, &n, e, buf_str(&sql), "");
		buf_free(&sql);
		if (rc)
			return -1;
		*out = n > 0;
	}
	return 0;
}

/* TO_NAME: the target as printed (db_target_shown) */
static int copy_all(db *from, db *to, const char *to_name, bool force, err *e)
{
	int64_t want, ntables;
	if (db_schema_version(from, &want, e) || db_table_count(to, &ntables, e))
		return -1;
	if (ntables && !force) {
		bool full;
		int64_t v;
		/* a target without duikou's schema is not ours to empty */
		if (db_schema_version(to, &v, e))
			return err_add(e, EXIT_INVALID,
			               "%s: not a duikou database (use --force to replace it)", to_name);
		if (has_records(to, &full, e))
			return -1;
		if (full)
			return err_add(e, EXIT_INVALID,
			               "%s: the target holds records (use --force to replace them)", to_name);
	}
	if (db_begin(to, e))
		return -1;
	int64_t have = 0, counts[NTABLES];
	int rc = (ntables && db_drop_all(to, e)) || db_migrate_in_transaction(to, e) ||
	         db_schema_version(to, &have, e);
	if (!rc && have != want)
		rc = err_add(e, EXIT_INVALID,
		             "the source's schema is version %lld, this duikou's %lld: run duikou --db "
		             "SOURCE init "
		             "first",
		             (long long)want, (long long)have);
	/* the schema's own rows give way to the source's */
	if (!rc)
		rc = db_run(to, e, "DELETE FROM schema_migrations", "");
	for (size_t i = 0; !rc && i < NTABLES; i++) {
		rc = copy_table(from, to, tables[i].table, &counts[i], e);
		if (!rc && tables[i].has_id)
			rc = db_sync_ids(to, tables[i].table, e);
	}
	if (!rc)
		rc = verify(from, to, e);
	if (!rc)
		rc = db_commit(to, e);
	if (rc) {
		db_rollback(to);
		return err_add(e, e->status ? e->status : EXIT_SYSTEM, "copy: nothing written to %s",
		               to_name);
	}
	for (size_t i = 0; i < NTABLES; i++)
		printf("  %-19s %lld\n", tables[i].table, (long long)counts[i]);
	printf("copied to %s, verified (the export of every kind and every table the same)\n", to_name);
	return 0;
}

int cmd_copy(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	const char *from_name = NULL, *to_name = NULL;
	bool force = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
			from_name = argv[++i];
		} else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
			to_name = argv[++i];
		} else if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else {
			fprintf(stderr, "duikou copy: unexpected argument '%s'\n", argv[i]);
			cmd_usage("copy", stderr);
			return EXIT_USAGE;
		}
	}
	if (!from_name || !to_name) {
		fprintf(stderr, "duikou copy: --from and --to are both needed\n");
		cmd_usage("copy", stderr);
		return EXIT_USAGE;
	}
	if (strcmp(from_name, to_name) == 0) {
		fprintf(stderr, "duikou copy: --from and --to name the same database\n");
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *from = NULL, *to = NULL;
	/* a new file made here is removed again when the copy fails */
	bool made = !db_is_url(to_name) && access(to_name, F_OK) != 0;
	char *to_shown = db_target_shown(to_name);
	int rc = db_open(from_name, false, &from, &e) || db_open(to_name, true, &to, &e) ||
	         copy_all(from, to, to_shown, force, &e);
	free(to_shown);
	db_close(from);
	db_close(to);
	if (rc && made) {
		unlink(to_name);
		buf wal = BUF_INIT;
		buf_printf(&wal, "%s-wal", to_name);
		unlink(buf_str(&wal));
		buf_reset(&wal);
		buf_printf(&wal, "%s-shm", to_name);
		unlink(buf_str(&wal));
		buf_free(&wal);
	}
	int status = rc ? cmd_fail(&e) : EXIT_OK;
	err_free(&e);
	return status;
}
