/* What every command shares: opening the database, reporting failure,
 * printing usage. */
#include "cmd/cmd.h"
#include "model/refdata.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_open_db(struct cmd_ctx *ctx, db **out, err *e)
{
	if (db_open(ctx->db_target, false, out, e))
		return -1;
	if (db_migrate(*out, e)) {
		db_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int cmd_db_exists(struct cmd_ctx *ctx, bool *out, err *e)
{
	*out = false;
	if (!db_is_url(ctx->db_target)) {
		*out = access(ctx->db_target, F_OK) == 0;
		return 0;
	}
	db *d;
	int64_t tables = 0;
	if (db_open(ctx->db_target, false, &d, e))
		return -1;
	int rc = db_table_count(d, &tables, e);
	db_close(d);
	*out = tables > 0;
	return rc;
}

int cmd_fail(err *e)
{
	err_print(e, stderr);
	return e->status ? e->status : EXIT_SYSTEM;
}

void cmd_usage(const char *name, FILE *f)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0) {
			fputs(c->usage, f);
			return;
		}
	fprintf(f, "duikou: unknown command '%s'\n", name);
}

bool cmd_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	return false;
}

/* Removes the database file PATH and its WAL companions; E may be NULL
 * (best effort). */
static int remove_db_files(const char *path, err *e)
{
	const char *suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < 4; i++) {
		buf p = BUF_INIT;
		buf_printf(&p, "%s%s", path, suffix[i]);
		if (unlink(buf_str(&p)) != 0 && errno != ENOENT && e) {
			err_add(e, EXIT_SYSTEM, "%s: cannot remove: %s", buf_str(&p), strerror(errno));
			buf_free(&p);
			return -1;
		}
		buf_free(&p);
	}
	return 0;
}

int cmd_create_db(struct cmd_ctx *ctx, bool force, db **out, err *e)
{
	const char *path = ctx->db_target;
	*out = NULL;
	if (strstr(path, "://") == NULL && access(path, F_OK) == 0) {
		if (!force)
			return err_add(e, EXIT_INVALID,
			               "%s: a database is already there (use --force to replace it)",
			               ctx->db_shown);
		if (remove_db_files(path, e))
			return -1;
	}
	db *d;
	if (db_open(path, true, &d, e))
		return -1;
	if (db_is_url(path)) {
		/* a server's database: replaced (with --force) in the one
		 * transaction that creates the schema */
		int64_t tables;
		if (db_table_count(d, &tables, e))
			goto fail;
		if (tables && !force) {
			err_add(e, EXIT_INVALID,
			        "%s: a database is already there (use --force to replace it)", ctx->db_shown);
			goto fail;
		}
		if (db_begin(d, e))
			goto fail;
		if ((tables && db_drop_all(d, e)) || db_migrate_in_transaction(d, e) || refdata_load(d, e)) {
			db_rollback(d);
			goto fail;
		}
	} else if (db_migrate(d, e) || db_begin(d, e)) {
		goto fail;
	} else if (refdata_load(d, e)) {
		db_rollback(d);
		goto fail;
	}
	if (db_commit(d, e))
		goto fail;
	*out = d;
	return 0;
fail:
	db_close(d);
	return -1;
}

/* Record counts for the summary of a new world, one line per kind. */
static int print_counts(db *d, err *e)
{
	static const char *const counts[][2] = {
	        {"conferences", "SELECT COUNT(*) FROM conferences"},
	        {"projects", "SELECT COUNT(*) FROM projects"},
	        {"status entries", "SELECT COUNT(*) FROM status_history"},
	        {"fund receipts", "SELECT COUNT(*) FROM funds"},
	        {"labour batches", "SELECT COUNT(*) FROM labour"},
	        {"training courses", "SELECT COUNT(*) FROM training"},
	        {"plans", "SELECT COUNT(*) FROM plans"},
	        {"visits", "SELECT COUNT(*) FROM visits"},
	        {"transfers", "SELECT COUNT(*) FROM transfers"}, /* issue 10 */
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		int64_t n;
		if (db_int(d, &n, e, counts[i][1], ""))
			return -1;
		printf("  %-17s %lld\n", counts[i][0], (long long)n);
	}
	return 0;
}

int cmd_build_world(struct cmd_ctx *ctx, bool force, world_fn build, void *arg, const char *what, db **out)
{
	err e;
	err_init(&e);
	db *d = NULL;
	if (cmd_create_db(ctx, force, &d, &e)) {
		int status = cmd_fail(&e);
		err_free(&e);
		return status;
	}
	int rc = db_begin(d, &e);
	if (!rc && build(d, arg, &e)) {
		db_rollback(d);
		rc = -1;
	}
	if (!rc)
		rc = db_commit(d, &e);
	if (!rc) {
		printf("%s: %s\n", ctx->db_shown, what);
		rc = print_counts(d, &e);
	}
	if (rc) {
		db_close(d);
		/* the file is new (or was replaced): remove it rather than leave a
		 * database that holds only part of the world */
		if (!db_is_url(ctx->db_target))
			remove_db_files(ctx->db_target, NULL);
		int status = e.status ? e.status : EXIT_SYSTEM;
		err_print(&e, stderr);
		err_free(&e);
		return status < EXIT_SYSTEM ? EXIT_SYSTEM : status;
	}
	err_free(&e);
	if (out)
		*out = d;
	else
		db_close(d);
	return EXIT_OK;
}

int cmd_write_out(const char *path, const buf *b, err *e)
{
	if (!path) {
		if (fwrite(b->s ? b->s : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0)
			return err_add(e, EXIT_SYSTEM, "standard output: %s", strerror(errno));
		return 0;
	}
	buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(buf_str(&tmp), "wb");
	int rc = 0;
	if (!f) {
		rc = err_add(e, EXIT_SYSTEM, "%s: cannot write: %s", buf_str(&tmp), strerror(errno));
	} else {
		bool ok = fwrite(b->s ? b->s : "", 1, b->len, f) == b->len;
		ok = (fclose(f) == 0) && ok;
		if (!ok || rename(buf_str(&tmp), path) != 0) {
			rc = err_add(e, EXIT_SYSTEM, "%s: cannot write: %s", path, strerror(errno));
			remove(buf_str(&tmp));
		}
	}
	buf_free(&tmp);
	return rc;
}
