/* duikou scorecard --year Y: the supporter scorecard (考核) of a program's
 * year, ranked, with the weights of data/scorecard.ini or --weights FILE;
 * text, JSON, CSV or a workbook (report/scorecard.h, docs/scorecard.md). */
#include "cmd/cmd.h"
#include "report/scorecard.h"
#include <stdio.h>
#include <string.h>

static int usage_error(const char *fmt, const char *what)
{
	fputs("duikou scorecard: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	cmd_usage("scorecard", stderr);
	return EXIT_USAGE;
}

int cmd_scorecard(struct cmd_ctx *ctx, int argc, char **argv)
{
	int64_t year = 0;
	const char *program = "sanxia", *weights = NULL, *out_path = NULL;
	enum report_format fmt = FMT_TEXT;
	enum lang lang = LANG_ZH;
	bool verified = false; /* --verified: count only verified receipts (issue 10) */
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (strcmp(opt, "--verified") == 0) {
			verified = true;
			continue;
		}
		static const char *const known[] = {"--year", "--program", "--weights", "--format",
		                                    "--lang", "-o",        "--output",  NULL};
		bool ok = false;
		for (const char *const *k = known; *k && !ok; k++)
			ok = strcmp(opt, *k) == 0;
		if (!ok)
			return usage_error("unknown option '%s'", opt);
		if (i + 1 >= argc)
			return usage_error("%s needs a value", opt);
		const char *val = argv[++i];
		if (strcmp(opt, "--year") == 0) {
			const char *why;
			if (num_parse_int(val, &year, &why) || year < 1949 || year > 2100)
				return usage_error("--year '%s' is not a year (e.g. 2004)", val);
		} else if (strcmp(opt, "--program") == 0) {
			program = val;
		} else if (strcmp(opt, "--weights") == 0) {
			weights = val;
		} else if (strcmp(opt, "--format") == 0) {
			if (strcmp(val, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(val, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(val, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(val, "xlsx") == 0)
				fmt = FMT_XLSX;
			else
				return usage_error("unknown format '%s' (text, json, csv or xlsx)", val);
		} else if (strcmp(opt, "--lang") == 0) {
			if (strcmp(val, "zh") != 0 && strcmp(val, "en") != 0)
				return usage_error("unknown language '%s' (zh or en)", val);
			lang = strcmp(val, "en") == 0 ? LANG_EN : LANG_ZH;
		} else {
			out_path = val;
		}
	}
	if (!year)
		return usage_error("%s", "needs --year Y");
	if (fmt == FMT_XLSX && !out_path)
		return usage_error("%s", "--format xlsx writes a workbook file; give it with -o FILE.xlsx");

	err e;
	err_init(&e);
	struct sc_weights w;
	struct scorecard s;
	db *d = NULL;
	buf out = BUF_INIT;
	/* the weights first: a bad file is refused before the database is opened */
	int rc = scorecard_weights_load(weights, &w, &e);
	if (rc == 0)
		rc = cmd_open_db(ctx, &d, &e);
	if (rc == 0) {
		db_set_verified_only(d, verified);
		rc = scorecard_compute(d, (int)year, program, &w, NULL, &s, &e);
		db_close(d);
	}
	if (rc == 0) {
		if (fmt == FMT_XLSX)
			rc = scorecard_workbook(&s, lang, out_path, NULL, &e);
		else
			rc = scorecard_render(&s, fmt, lang, &out, &e) || cmd_write_out(out_path, &out, &e)
			             ? -1
			             : 0;
		scorecard_free(&s);
	}
	buf_free(&out);
	int status = rc == 0 ? EXIT_OK : cmd_fail(&e);
	err_free(&e);
	return status;
}
