/* duikou backup FILE and duikou restore FILE: a consistent copy of a SQLite
 * database taken while it is served and written (SQLite's online backup
 * API, store/sqlite.c), checked before it is put in place, and brought back
 * in one transaction. PostgreSQL has pg_dump and pg_restore for this: both
 * commands print them and write nothing. */
#include "cmd/cmd.h"
#include "model/kinds.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* On PostgreSQL: what to run instead (the commands of docs/deploy.md). */
static int pg_instead(struct cmd_ctx *ctx, const char *cmd)
{
	fprintf(stderr,
	        "duikou %s: %s is a PostgreSQL database; duikou backup and restore apply to SQLite files "
	        "only.\n"
	        "Use PostgreSQL's own tools (docs/deploy.md, 5. Backups):\n"
	        "  backup:  pg_dump -Fc DBNAME > duikou-$(date +%%F).dump\n"
	        "  restore: createdb -O duikou duikou_restored\n"
	        "           pg_restore -d duikou_restored --no-owner --role=duikou FILE.dump\n"
	        "           duikou --db postgresql://duikou@/duikou_restored check\n"
	        "or make a SQLite file of it: duikou copy --from %s --to FILE.db\n",
	        cmd, ctx->db_shown, ctx->db_shown);
	return EXIT_USAGE;
}

/* Prints the records of every kind, the users and the audit trail of D. */
static int print_counts(db *d, err *e)
{
	buf sql = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < kinds_count + 2 && !rc; i++) {
		const char *name = i < kinds_count ? kinds[i].name : i == kinds_count ? "users" : "audit";
		const char *table = i < kinds_count ? kinds[i].table : name;
		int64_t n;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT COUNT(*) FROM %s", table);
		rc = db_int(d, &n, e, buf_str(&sql), "");
		if (!rc)
			printf("  %-14s %lld\n", name, (long long)n);
	}
	buf_free(&sql);
	return rc;
}

/* The file PATH is a duikou database this duikou can read: it passes
 * PRAGMA integrity_check and its schema is not newer than ours; else the
 * exit status is STATUS. *VERSION: its schema version. */
static int check_copy(db *d, const char *path, int status, int64_t *version, err *e)
{
	err why;
	err_init(&why);
	int rc = db_integrity_check(d, &why);
	if (rc) {
		int n = (int)why.msgs.len;
		while (n > 0 && why.msgs.s[n - 1] == '\n')
			n--;
		err_add(e, status, "%.*s", n, buf_str(&why.msgs));
		err_free(&why);
		return -1;
	}
	rc = db_schema_version(d, version, &why);
	err_free(&why);
	if (rc)
		return err_add(e, status, "%s: not a duikou database (it has no schema version)", path);
	if (*version > db_schema_latest())
		return err_add(
		        e, status,
		        "%s: its schema version %lld is newer than this duikou's (%lld): restore it with "
		        "the duikou that wrote it, or a newer one",
		        path, (long long)*version, (long long)db_schema_latest());
	return 0;
}

/* fsync of PATH (a file or a folder). */
static int sync_path(const char *path, err *e)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		err_add(e, EXIT_SYSTEM, "%s: cannot sync: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd) == 0 ? 0 : err_add(e, EXIT_SYSTEM, "%s: cannot sync: %s", path, strerror(errno));
}

/* The folder of PATH, for syncing a rename in it; the caller frees it. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	buf b = BUF_INIT;
	buf_add(&b, path, (size_t)(slash - path));
	return buf_detach(&b);
}

/* Removes PATH and its journal, best effort. */
static void remove_copy(const char *path)
{
	buf j = BUF_INIT;
	buf_printf(&j, "%s-journal", path);
	unlink(path);
	unlink(buf_str(&j));
	buf_free(&j);
}

static int parse_args(int argc, char **argv, const char **file, bool *force)
{
	*file = NULL;
	*force = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0) {
			*force = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "duikou %s: unknown option '%s'\n", argv[0], argv[i]);
			return -1;
		} else if (*file) {
			fprintf(stderr, "duikou %s: one FILE only\n", argv[0]);
			return -1;
		} else {
			*file = argv[i];
		}
	}
	if (!*file) {
		fprintf(stderr, "duikou %s: FILE is missing\n", argv[0]);
		return -1;
	}
	return 0;
}

int cmd_backup(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *file;
	bool force;
	if (parse_args(argc, argv, &file, &force)) {
		cmd_usage("backup", stderr);
		return EXIT_USAGE;
	}
	if (db_is_url(ctx->db_target))
		return pg_instead(ctx, "backup");
	err e;
	err_init(&e);
	db *d = NULL, *copy = NULL;
	buf tmp = BUF_INIT;
	char *folder = folder_of(file);
	int64_t version = 0;
	bool made = false;
	if (!force && access(file, F_OK) == 0) {
		err_add(&e, EXIT_INVALID, "%s: a file is already there (use --force to replace it)", file);
		goto fail;
	}
	buf_printf(&tmp, "%s.tmp", file);
	remove_copy(buf_str(&tmp)); /* left by a backup that was killed */
	/* the live database as it is: no migration, nothing written to it */
	if (db_open(ctx->db_target, false, &d, &e))
		goto fail;
	made = true;
	if (db_backup(d, buf_str(&tmp), &e))
		goto fail;
	db_close(d);
	d = NULL;
	if (db_open_readonly(buf_str(&tmp), &copy, &e) ||
	    check_copy(copy, buf_str(&tmp), EXIT_SYSTEM, &version, &e))
		goto fail;
	printf("%s: backup of %s, schema version %lld\n", file, ctx->db_shown, (long long)version);
	if (print_counts(copy, &e))
		goto fail;
	db_close(copy);
	copy = NULL;
	if (sync_path(buf_str(&tmp), &e))
		goto fail;
	if (rename(buf_str(&tmp), file) != 0) {
		err_add(&e, EXIT_SYSTEM, "%s: cannot rename %s to it: %s", file, buf_str(&tmp),
		        strerror(errno));
		goto fail;
	}
	made = false;
	if (sync_path(folder, &e))
		goto fail;
	buf_free(&tmp);
	free(folder);
	err_free(&e);
	return EXIT_OK;
fail:
	db_close(copy);
	db_close(d);
	if (made)
		remove_copy(buf_str(&tmp));
	buf_free(&tmp);
	free(folder);
	int status = cmd_fail(&e);
	err_free(&e);
	return status;
}

int cmd_restore(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *file;
	bool force;
	if (parse_args(argc, argv, &file, &force)) {
		cmd_usage("restore", stderr);
		return EXIT_USAGE;
	}
	if (db_is_url(ctx->db_target))
		return pg_instead(ctx, "restore");
	err e;
	err_init(&e);
	db *src = NULL, *d = NULL;
	int64_t version = 0, tables = 0;
	bool existed = access(ctx->db_target, F_OK) == 0;
	if (db_open_readonly(file, &src, &e) || check_copy(src, file, EXIT_INVALID, &version, &e))
		goto fail;
	if (strcmp(file, ctx->db_target) == 0) {
		err_add(&e, EXIT_USAGE, "%s: the backup is the database itself", file);
		goto fail;
	}
	if (db_open(ctx->db_target, true, &d, &e) || db_table_count(d, &tables, &e))
		goto fail;
	if (tables && !force) {
		err_add(&e, EXIT_INVALID, "%s: the database holds tables (use --force to replace it with %s)",
		        ctx->db_shown, file);
		goto fail;
	}
	if (db_restore(d, src, &e))
		goto fail;
	db_close(src);
	src = NULL;
	/* a backup of an older duikou: its migrations, each in its own
	 * transaction, as any command would apply them */
	if (db_migrate(d, &e) || db_integrity_check(d, &e))
		goto fail;
	int64_t now = 0;
	if (db_schema_version(d, &now, &e))
		goto fail;
	printf("%s: restored from %s, schema version %lld", ctx->db_shown, file, (long long)version);
	if (now != version)
		printf(" (brought up to %lld)", (long long)now);
	putchar('\n');
	if (print_counts(d, &e))
		goto fail;
	db_close(d);
	err_free(&e);
	return EXIT_OK;
fail:
	db_close(src);
	db_close(d);
	if (!existed && d) /* the new file this restore made, left empty */
		remove_copy(ctx->db_target);
	int status = cmd_fail(&e);
	err_free(&e);
	return status;
}
