/* duikou demo: a new database holding the demo world (src/demo/), built in
 * one transaction; on any failure the new file is removed, so nothing is
 * left half-written. */
#include "cmd/cmd.h"
#include "demo/demo.h"
#include <stdio.h>
#include <string.h>

static int build(db *d, void *arg, err *e)
{
	(void)arg;
	return demo_build(d, e);
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
	int status = cmd_build_world(ctx, force, build, NULL, "demo world created (演示数据)", NULL);
	if (status == EXIT_OK)
		printf("next: duikou --db %s report annual --year 2004\n", ctx->db_shown);
	return status;
}
