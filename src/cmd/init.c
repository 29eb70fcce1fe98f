/* duikou init: a database with the schema and reference data, no records.
 * On an existing database it upgrades the schema and refreshes the
 * reference data, keeping every record. */
#include "cmd/cmd.h"
#include "model/refdata.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_init(struct cmd_ctx *ctx, int argc, char **argv)
{
	bool force = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else {
			fprintf(stderr, "duikou init: unexpected argument '%s'\n", argv[i]);
			cmd_usage("init", stderr);
			return EXIT_USAGE;
		}
	}
	err e;
	err_init(&e);
	db *d = NULL;
	bool exists = false;
	int rc = force ? 0 : cmd_db_exists(ctx, &exists, &e);
	if (!rc && exists) {
		/* existing database: upgrade in place */
		rc = cmd_open_db(ctx, &d, &e) || db_begin(d, &e);
		if (!rc && refdata_load(d, &e)) {
			db_rollback(d);
			rc = -1;
		}
		if (!rc)
			rc = db_commit(d, &e);
		if (!rc)
			printf("%s: schema and reference data up to date\n", ctx->db_shown);
	} else if (!rc) {
		rc = cmd_create_db(ctx, force, &d, &e);
		if (!rc)
			printf("%s: created, with the reference data\n", ctx->db_shown);
	}
	db_close(d);
	int status = rc ? cmd_fail(&e) : EXIT_OK;
	err_free(&e);
	return status;
}
