/* duikou export KIND [--format csv|xlsx|json] [-o FILE]: every record of one kind
 * in the columns import reads; duikou export iati --program P …: the program
 * as IATI activity XML (io/iati.c). With -o the file is written whole or not at
 * all (FILE.tmp, then renamed). */
#include "cmd/cmd.h"
#include "io/iati.h"
#include "io/transfer.h"
#include "io/xlsx_write.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int write_file(const char *path, const buf *b, err *e)
{
	buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp", path);
	FILE *f = fopen(buf_str(&tmp), "wb");
	int rc = -1;
	if (!f) {
		err_add(e, EXIT_SYSTEM, "%s: cannot create: %s", buf_str(&tmp), strerror(errno));
		goto out;
	}
	bool bad = fwrite(b->s ? b->s : "", 1, b->len, f) != b->len;
	bad = fclose(f) != 0 || bad;
	if (bad) {
		err_add(e, EXIT_SYSTEM, "%s: write error: %s", buf_str(&tmp), strerror(errno));
		remove(buf_str(&tmp));
		goto out;
	}
	if (rename(buf_str(&tmp), path) != 0) {
		err_add(e, EXIT_SYSTEM, "%s: cannot rename to %s: %s", buf_str(&tmp), path, strerror(errno));
		remove(buf_str(&tmp));
		goto out;
	}
	rc = 0;
out:
	buf_free(&tmp);
	return rc;
}

static int export_xlsx(struct cmd_ctx *ctx, const struct kind *k, const char *out)
{
	err e;
	err_init(&e);
	db *d = NULL;
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e) || xlsx_export_kind(d, k, out, &e))
		status = cmd_fail(&e);
	db_close(d);
	err_free(&e);
	return status;
}

/* Writes B to OUT, or to standard output when OUT is NULL. */
static int write_out(const char *out, const buf *b, err *e)
{
	if (out)
		return write_file(out, b, e);
	if (fwrite(b->s ? b->s : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0)
		return err_add(e, EXIT_SYSTEM, "duikou export: cannot write to standard output: %s",
		               strerror(errno)),
		       -1;
	return 0;
}

static int export_iati(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct iati_options o = {NULL, 0, iati_default_org()};
	const char *out = NULL;
	for (int i = 2; i < argc; i += 2) { /* each option takes a value */
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--program") == 0 && v) {
			o.program = v;
		} else if (strcmp(a, "--year") == 0 && v) {
			char *end;
			long y = strtol(v, &end, 10);
			if (*end || end == v || y < 1900 || y > 9999) {
				fprintf(stderr, "duikou export iati: --year '%s' is not a year\n", v);
				return EXIT_USAGE;
			}
			o.year = (int)y;
		} else if (strcmp(a, "--reporting-org") == 0 && v && v[0]) {
			o.reporting_org = v;
		} else if (strcmp(a, "-o") == 0 && v) {
			out = v;
		} else {
			fprintf(stderr, "duikou export iati: unexpected argument '%s'\n", a);
			cmd_usage("export", stderr);
			return EXIT_USAGE;
		}
	}
	if (!o.program) {
		fputs("duikou export iati: --program P is required\n", stderr);
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	buf b = BUF_INIT;
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e) || iati_export(d, &o, &b, &e) || write_out(out, &b, &e))
		status = cmd_fail(&e);
	db_close(d);
	buf_free(&b);
	err_free(&e);
	return status;
}

int cmd_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "iati") == 0)
		return export_iati(ctx, argc, argv);
	const char *kind = NULL, *out = NULL, *format = "csv";
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			format = argv[++i];
		} else if (strncmp(argv[i], "--format=", 9) == 0) {
			format = argv[i] + 9;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-' || kind) {
			fprintf(stderr, "duikou export: unexpected argument '%s'\n", argv[i]);
			cmd_usage("export", stderr);
			return EXIT_USAGE;
		} else {
			kind = argv[i];
		}
	}
	if (!kind) {
		cmd_usage("export", stderr);
		return EXIT_USAGE;
	}
	const struct kind *k = kind_find(kind);
	if (!k) {
		fprintf(stderr, "duikou export: unknown kind '%s' (one of: %s)\n", kind, kind_names());
		return EXIT_USAGE;
	}
	enum export_format fmt;
	if (strcmp(format, "csv") == 0) {
		fmt = EXPORT_CSV;
	} else if (strcmp(format, "json") == 0) {
		fmt = EXPORT_JSON;
	} else if (strcmp(format, "xlsx") == 0) {
		if (!out) {
			fputs("duikou export: --format xlsx writes a workbook file; give it with -o "
			      "FILE.xlsx\n",
			      stderr);
			return EXIT_USAGE;
		}
		return export_xlsx(ctx, k, out);
	} else {
		fprintf(stderr, "duikou export: unknown format '%s' (csv, xlsx or json)\n", format);
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	buf b = BUF_INIT;
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e) || export_kind(d, k, fmt, &b, &e) || (out && write_file(out, &b, &e)))
		status = cmd_fail(&e);
	else if (!out && (fwrite(b.s ? b.s : "", 1, b.len, stdout) != b.len || fflush(stdout) != 0)) {
		fprintf(stderr, "duikou export: cannot write to standard output: %s\n", strerror(errno));
		status = EXIT_SYSTEM;
	}
	db_close(d);
	buf_free(&b);
	err_free(&e);
	return status;
}
