/* duikou check: every validation rule over the whole database. */
#include "cmd/cmd.h"
#include "model/validate.h"
#include <stdio.h>

int cmd_check(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 1) {
		fprintf(stderr, "duikou check: unexpected argument '%s'\n", argv[1]);
		cmd_usage("check", stderr);
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	int status;
	if (cmd_open_db(ctx, &d, &e)) {
		status = cmd_fail(&e);
	} else if (validate_all(d, LANG_EN, &e) == 0) {
		puts("check: no violations");
		status = EXIT_OK;
	} else if (e.status == EXIT_SYSTEM) {
		status = cmd_fail(&e);
	} else {
		err_print(&e, stdout);
		printf("check: %d violation%s\n", e.count, e.count == 1 ? "" : "s");
		status = EXIT_INVALID;
	}
	db_close(d);
	err_free(&e);
	return status;
}
