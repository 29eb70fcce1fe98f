/* duikou import KIND FILE [--dry-run]: loads one CSV file of records, all
 * rows or none (io/transfer.c does the work). */
#include "cmd/cmd.h"
#include "io/csv.h"
#include "io/transfer.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int cmd_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *kind = NULL, *file = NULL;
	bool dry_run = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry_run = true;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "duikou import: unknown option '%s'\n", argv[i]);
			cmd_usage("import", stderr);
			return EXIT_USAGE;
		} else if (!kind) {
			kind = argv[i];
		} else if (!file) {
			file = argv[i];
		} else {
			fprintf(stderr, "duikou import: unexpected argument '%s'\n", argv[i]);
			cmd_usage("import", stderr);
			return EXIT_USAGE;
		}
	}
	if (!file) {
		cmd_usage("import", stderr);
		return EXIT_USAGE;
	}
	const struct kind *k = kind_find(kind);
	if (!k) {
		fprintf(stderr, "duikou import: unknown kind '%s' (one of: %s)\n", kind, kind_names());
		return EXIT_USAGE;
	}
	if (ends_with(file, ".xlsx")) {
		fprintf(stderr,
		        "duikou import: %s: this build reads CSV only; save the sheet as CSV (UTF-8)\n",
		        file);
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	buf data = BUF_INIT;
	struct import_result res;
	const char *name = strcmp(file, "-") == 0 ? "stdin" : file;
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e) || file_read_all(file, &data, &e) ||
	    import_csv(d, k, name, data.s ? data.s : "", data.len, dry_run, &res, &e))
		status = cmd_fail(&e);
	else
		printf("%s: %ld rows: %ld added, %ld updated, %ld unchanged%s\n", name, res.rows, res.added,
		       res.updated, res.unchanged, dry_run ? " (dry run, nothing written)" : "");
	db_close(d);
	buf_free(&data);
	err_free(&e);
	return status;
}
