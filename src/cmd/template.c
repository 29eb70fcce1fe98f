/* duikou template KIND -o FILE.xlsx [--lang zh|en]: a workbook to fill in
 * and import (io/xlsx_template.c). */
#include "cmd/cmd.h"
#include "io/xlsx_template.h"
#include <stdio.h>
#include <string.h>

int cmd_template(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *kind = NULL, *out = NULL;
	enum lang lang = LANG_ZH;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
			const char *l = argv[++i];
			if (strcmp(l, "zh") == 0) {
				lang = LANG_ZH;
			} else if (strcmp(l, "en") == 0) {
				lang = LANG_EN;
			} else {
				fprintf(stderr, "duikou template: unknown language '%s' (zh or en)\n", l);
				return EXIT_USAGE;
			}
		} else if (argv[i][0] == '-' || kind) {
			fprintf(stderr, "duikou template: unexpected argument '%s'\n", argv[i]);
			cmd_usage("template", stderr);
			return EXIT_USAGE;
		} else {
			kind = argv[i];
		}
	}
	if (!kind || !out) {
		cmd_usage("template", stderr);
		return EXIT_USAGE;
	}
	const struct kind *k = kind_find(kind);
	if (!k) {
		fprintf(stderr, "duikou template: unknown kind '%s' (one of: %s)\n", kind, kind_names());
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e) || xlsx_template(d, k, lang, out, NULL, &e))
		status = cmd_fail(&e);
	db_close(d);
	err_free(&e);
	return status;
}
