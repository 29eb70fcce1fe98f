/* duikou export (being written in this session). */
#include "cmd/cmd.h"
#include <stdio.h>

int cmd_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	(void)argc;
	(void)argv;
	fputs("duikou export: not available in this build\n", stderr);
	return EXIT_SYSTEM;
}
