/* duikou import KIND FILE [--dry-run]: loads one CSV file or the first
 * sheet of an .xlsx workbook as records of KIND, and `import workbook
 * FILE.xlsx` a sheet per kind; all rows or none (io/ does the work). */
#include "cmd/cmd.h"
#include "io/csv.h"
#include "io/transfer.h"
#include "io/xlsx_import.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static void print_result(const char *name, const struct import_result *r, bool dry_run)
{
	printf("%s: %ld rows: %ld added, %ld updated, %ld unchanged%s\n", name, r->rows, r->added, r->updated,
	       r->unchanged, dry_run ? " (dry run, nothing written)" : "");
}

/* The first sheet as K, or with K NULL every sheet as its kind. */
static int import_xlsx(db *d, const struct kind *k, const char *name, const buf *data, bool dry_run,
                       const struct actor *who, err *e)
{
	xlsx *x;
	if (xlsx_open(data->s ? data->s : "", data->len, name, NULL, &x, e))
		return cmd_fail(e);
	int status = EXIT_OK;
	buf where = BUF_INIT;
	if (k) {
		struct xlsx_sheet_ref ref = {x, 0};
		const struct import_source src = {
		        name, xlsx_sheet_name(x, 0), xlsx_sheet_reader, &ref, LANG_EN, who, false};
		struct import_result res;
		buf_printf(&where, "%s:%s", name, xlsx_sheet_name(x, 0));
		if (import_rows(d, k, &src, dry_run ? IMPORT_DRY_RUN : IMPORT_COMMIT, &res, e))
			status = cmd_fail(e);
		else
			print_result(buf_str(&where), &res, dry_run);
	} else {
		struct workbook_result res;
		if (xlsx_import_workbook(d, x, name, dry_run, who, &res, e)) {
			status = cmd_fail(e);
		} else {
			for (size_t i = 0; i < kinds_count; i++) {
				if (!res.sheet[i])
					continue;
				buf_reset(&where);
				buf_printf(&where, "%s:%s", name, res.sheet[i]);
				print_result(buf_str(&where), &res.per_kind[i], false);
			}
			printf("%s: %zu sheets, %ld rows: %ld added, %ld updated, %ld unchanged%s\n", name,
			       res.sheets, res.total.rows, res.total.added, res.total.updated,
			       res.total.unchanged, dry_run ? " (dry run, nothing written)" : "");
		}
		workbook_result_free(&res);
	}
	buf_free(&where);
	xlsx_close(x);
	return status;
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
	bool workbook = strcmp(kind, "workbook") == 0;
	const struct kind *k = workbook ? NULL : kind_find(kind);
	if (!workbook && !k) {
		fprintf(stderr, "duikou import: unknown kind '%s' (one of: %s, or workbook)\n", kind,
		        kind_names());
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	buf data = BUF_INIT;
	const char *name = strcmp(file, "-") == 0 ? "stdin" : file;
	int status = EXIT_OK;
	char user[80];
	struct actor who;
	actor_cli(&who, user, sizeof user);
	who.via = "import";
	if (cmd_open_db(ctx, &d, &e) || file_read_all(file, &data, &e)) {
		status = cmd_fail(&e);
	} else if (workbook || ends_with(file, ".xlsx") || xlsx_looks_like(data.s, data.len)) {
		status = import_xlsx(d, k, name, &data, dry_run, &who, &e);
	} else {
		struct import_result res;
		if (import_csv(d, k, name, data.s ? data.s : "", data.len, dry_run, LANG_EN, &who, &res, &e))
			status = cmd_fail(&e);
		else
			print_result(name, &res, dry_run);
	}
	db_close(d);
	buf_free(&data);
	err_free(&e);
	return status;
}
