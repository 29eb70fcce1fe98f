/* duikou report KIND: parses the options, runs the report into a buffer and
 * writes it to standard output or, through FILE.tmp and a rename, to -o
 * FILE, so that a failed run never leaves half a report behind. */
#include "cmd/cmd.h"
#include "core/date.h"
#include "core/num.h"
#include "report/report.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>

static int usage_error(const char *fmt, const char *what)
{
	fputs("duikou report: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	cmd_usage("report", stderr);
	return EXIT_USAGE;
}

static bool parse_year(const char *s, int *out)
{
	int64_t v;
	const char *why;
	if (num_parse_int(s, &v, &why) || v < 1949 || v > 2100)
		return false;
	*out = (int)v;
	return true;
}

static bool parse_period(const char *s, int *a, int *b)
{
	const char *dash = strchr(s, '-');
	if (!dash || dash == s)
		return false;
	char first[16];
	size_t n = (size_t)(dash - s);
	if (n >= sizeof first)
		return false;
	memcpy(first, s, n);
	first[n] = 0;
	return parse_year(first, a) && parse_year(dash + 1, b) && *a <= *b;
}

int cmd_report(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "which report? annual, signed, plan or pivot");
	const char *kind = argv[1];
	if (strcmp(kind, "annual") != 0 && strcmp(kind, "signed") != 0 && strcmp(kind, "plan") != 0 &&
	    strcmp(kind, "pivot") != 0)
		return usage_error("unknown report '%s' (annual, signed, plan or pivot)", kind);
	struct report_opts o = {0, 0, 0, "sanxia", LANG_ZH, FMT_TEXT, NULL};
	const char *out_path = NULL;
	bool have_year = false, have_period = false;
	bool verified = false; /* --verified: count only verified receipts (issue 10) */
	for (int i = 2; i < argc; i++) {
		const char *opt = argv[i], *val = NULL;
		if (strcmp(opt, "--verified") == 0) {
			verified = true;
			continue;
		}
		char name[32];
		const char *eq = strncmp(opt, "--", 2) == 0 ? strchr(opt, '=') : NULL;
		if (eq && (size_t)(eq - opt) < sizeof name) {
			memcpy(name, opt, (size_t)(eq - opt));
			name[eq - opt] = 0;
			opt = name;
			val = eq + 1;
		}
		bool known = strcmp(opt, "--year") == 0 || strcmp(opt, "--period") == 0 ||
		             strcmp(opt, "--program") == 0 || strcmp(opt, "--format") == 0 ||
		             strcmp(opt, "--lang") == 0 || strcmp(opt, "-o") == 0 ||
		             strcmp(opt, "--output") == 0 || strcmp(opt, "--as-of") == 0;
		if (!known)
			return usage_error("unknown option '%s'", argv[i]);
		if (!val) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", opt);
			val = argv[++i];
		}
		if (strcmp(opt, "--year") == 0) {
			if (!parse_year(val, &o.year))
				return usage_error("--year '%s' is not a year (e.g. 2004)", val);
			have_year = true;
		} else if (strcmp(opt, "--period") == 0) {
			if (!parse_period(val, &o.period_start, &o.period_end))
				return usage_error("--period '%s' is not a period (e.g. 2004-2007)", val);
			have_period = true;
		} else if (strcmp(opt, "--program") == 0) {
			o.program = val;
		} else if (strcmp(opt, "--as-of") == 0) {
			date day;
			const char *why;
			if (date_parse(val, &day, &why))
				return usage_error("--as-of '%s' is not a date (YYYY-MM-DD)", val);
			o.as_of = val;
		} else if (strcmp(opt, "--format") == 0) {
			if (strcmp(val, "text") == 0)
				o.format = FMT_TEXT;
			else if (strcmp(val, "md") == 0)
				o.format = FMT_MD;
			else if (strcmp(val, "html") == 0)
				o.format = FMT_HTML;
			else if (strcmp(val, "json") == 0)
				o.format = FMT_JSON;
			else if (strcmp(val, "xlsx") == 0)
				o.format = FMT_XLSX;
			else if (strcmp(val, "csv") == 0)
				o.format = FMT_CSV;
			else
				return usage_error("unknown format '%s' (text, md, html, json, csv or xlsx)",
				                   val);
		} else if (strcmp(opt, "--lang") == 0) {
			if (strcmp(val, "zh") == 0)
				o.lang = LANG_ZH;
			else if (strcmp(val, "en") == 0)
				o.lang = LANG_EN;
			else
				return usage_error("unknown language '%s' (zh or en)", val);
		} else {
			out_path = val;
		}
	}
	bool plan = strcmp(kind, "plan") == 0, pivot = strcmp(kind, "pivot") == 0;
	if (o.format == FMT_XLSX && !out_path)
		return usage_error("%s", "--format xlsx writes a workbook file; give it with -o FILE.xlsx");
	if (o.format == FMT_CSV && !pivot)
		return usage_error("%s", "--format csv is the pivot's only (text, md, html, json or xlsx)");
	if (pivot && (o.format == FMT_MD || o.format == FMT_HTML))
		return usage_error("%s", "report pivot: --format text, csv, json or xlsx");
	if (pivot && (have_year || have_period))
		return usage_error("%s", "report pivot takes every year: no --year or --period");
	if (plan && !have_period)
		return usage_error("%s", "report plan needs --period A-B (e.g. --period 2004-2007)");
	if (!plan && !pivot && !have_year)
		return usage_error("report %s needs --year Y", kind);
	if (plan && have_year)
		return usage_error("%s", "report plan takes --period, not --year");
	if (!plan && !pivot && have_period)
		return usage_error("report %s takes --year, not --period", kind);
	if (!plan && o.as_of)
		return usage_error("report %s takes no --as-of (report plan does)", kind);

	err e;
	err_init(&e);
	db *d = NULL;
	buf out = BUF_INIT;
	int rc = cmd_open_db(ctx, &d, &e);
	if (rc == 0)
		db_set_verified_only(d, verified);
	if (rc == 0 && o.format == FMT_XLSX) {
		rc = report_workbook(d, kind, &o, out_path, NULL, &e);
		db_close(d);
		int status = rc == 0 ? EXIT_OK : cmd_fail(&e);
		err_free(&e);
		return status;
	}
	if (rc == 0) {
		if (pivot)
			rc = report_pivot(d, &o, &out, &e);
		else if (strcmp(kind, "annual") == 0)
			rc = report_annual(d, &o, &out, &e);
		else if (strcmp(kind, "signed") == 0)
			rc = report_signed(d, &o, &out, &e);
		else
			rc = report_plan(d, &o, &out, &e);
		db_close(d);
	}
	if (rc == 0)
		rc = cmd_write_out(out_path, &out, &e);
	buf_free(&out);
	int status = rc == 0 ? EXIT_OK : cmd_fail(&e);
	err_free(&e);
	return status;
}
