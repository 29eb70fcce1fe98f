/* duikou demo: a new database holding the demo world (src/demo/), built in
 * one transaction; on any failure the new file is removed, so nothing is
 * left half-written. */
#include "cmd/cmd.h"
#include "demo/demo.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Record counts for the summary line, one per kind. */
static int print_summary(db *d, const char *target, err *e)
{
	static const char *const kinds[][2] = {
	        {"conferences", "SELECT COUNT(*) FROM conferences"},
	        {"projects", "SELECT COUNT(*) FROM projects"},
	        {"status entries", "SELECT COUNT(*) FROM status_history"},
	        {"fund receipts", "SELECT COUNT(*) FROM funds"},
	        {"labour batches", "SELECT COUNT(*) FROM labour"},
	        {"training courses", "SELECT COUNT(*) FROM training"},
	        {"plans", "SELECT COUNT(*) FROM plans"},
	        {"visits", "SELECT COUNT(*) FROM visits"},
	};
	printf("%s: demo world created (演示数据)\n", target);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		int64_t n;
		if (db_int(d, &n, e, kinds[i][1], ""))
			return -1;
		printf("  %-17s %lld\n", kinds[i][0], (long long)n);
	}
	printf("next: duikou --db %s report annual --year 2004\n", target);
	return 0;
}

int cmd_demo(struct cmd_ctx *ctx, int argc, char **argv)
{
	bool force = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else {
			fprintf(stderr, "duikou demo: unexpected argument '%s'\n", argv[i]);
			cmd_usage("demo", stderr);
			return EXIT_USAGE;
		}
	}
	err e;
	err_init(&e);
	db *d = NULL;
	if (cmd_create_db(ctx, force, &d, &e)) {
		int status = cmd_fail(&e);
		err_free(&e);
		return status;
	}
	int rc = db_begin(d, &e);
	if (!rc && demo_build(d, &e)) {
		db_rollback(d);
		rc = -1;
	}
	if (!rc)
		rc = db_commit(d, &e);
	if (!rc)
		rc = print_summary(d, ctx->db_shown, &e);
	db_close(d);
	if (rc) {
		/* the file is new (or was replaced): remove it rather than leave a
		 * database that holds only part of the demo world */
		if (strstr(ctx->db_target, "://") == NULL) {
			const char *suffix[] = {"", "-wal", "-shm", "-journal"};
			for (size_t i = 0; i < 4; i++) {
				buf p = BUF_INIT;
				buf_printf(&p, "%s%s", ctx->db_target, suffix[i]);
				unlink(buf_str(&p));
				buf_free(&p);
			}
		}
		int status = e.status ? e.status : EXIT_SYSTEM;
		err_print(&e, stderr);
		err_free(&e);
		return status < EXIT_SYSTEM ? EXIT_SYSTEM : status;
	}
	err_free(&e);
	return EXIT_OK;
}
