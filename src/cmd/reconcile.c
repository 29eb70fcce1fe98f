/* duikou reconcile --year Y [--program P] [--supporter S] [--county C]
 * [--window DAYS] [--format text|json|csv] [--lang zh|en]: the supporters' transfers
 * against the counties' receipts (report/reconcile.h); exit 1 when
 * differences remain, 0 when the books agree. */
#include "cmd/cmd.h"
#include "core/num.h"
#include "report/figures.h"
#include "report/reconcile.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "duikou reconcile: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cmd_usage("reconcile", stderr);
	return EXIT_USAGE;
}

int cmd_reconcile(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct recon_opts o = {0, NULL, NULL, RECON_WINDOW_DEFAULT, NULL, "sanxia"};
	enum report_format fmt = FMT_TEXT;
	enum lang lang = LANG_ZH;
	bool have_year = false;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		static const char *const takes[] = {"--year",   "--supporter", "--county", "--window",
		                                    "--format", "--lang",      "--program"};
		bool known = false;
		for (size_t k = 0; k < sizeof takes / sizeof takes[0]; k++)
			known = known || strcmp(opt, takes[k]) == 0;
		if (!known)
			return usage_error("unexpected argument '%s'", opt);
		if (!v)
			return usage_error("%s needs a value", opt);
		i++;
		int64_t n;
		const char *why;
		if (strcmp(opt, "--year") == 0) {
			if (num_parse_int(v, &n, &why) || n < 1949 || n > 2100)
				return usage_error("--year takes a year from 1949 to 2100, not '%s'", v);
			o.year = (int)n;
			have_year = true;
		} else if (strcmp(opt, "--window") == 0) {
			if (num_parse_int(v, &n, &why) || n < 0 || n > RECON_WINDOW_MAX)
				return usage_error(
				        "--window takes a whole number of days from 0 to 3660, not '%s'", v);
			o.window = (long)n;
		} else if (strcmp(opt, "--program") == 0) {
			o.program = v;
		} else if (strcmp(opt, "--supporter") == 0) {
			o.supporter = v;
		} else if (strcmp(opt, "--county") == 0) {
			o.county = v;
		} else if (strcmp(opt, "--format") == 0) {
			if (strcmp(v, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(v, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(v, "csv") == 0)
				fmt = FMT_CSV;
			else
				return usage_error("--format is text, json or csv, not '%s'", v);
		} else {
			if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
				return usage_error("--lang is zh or en, not '%s'", v);
			lang = strcmp(v, "en") == 0 ? LANG_EN : LANG_ZH;
		}
	}
	if (!have_year)
		return usage_error("%s", "--year is required");
	err e;
	err_init(&e);
	db *d = NULL;
	json_t *j = NULL;
	int status;
	char *pzh = NULL, *pen = NULL;
	if (cmd_open_db(ctx, &d, &e) || figures_program(d, o.program, &pzh, &pen, &e) ||
	    recon_json(d, &o, &j, &e)) {
		status = cmd_fail(&e);
	} else {
		buf out = BUF_INIT;
		if (fmt == FMT_JSON) {
			char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			if (s)
				buf_printf(&out, "%s\n", s);
			free(s);
		} else {
			recon_render(j, fmt, lang, &out);
		}
		bool ok = out.len && fwrite(out.s, 1, out.len, stdout) == out.len && fflush(stdout) == 0;
		status = !ok                                         ? EXIT_SYSTEM
		         : json_is_true(json_object_get(j, "clean")) ? EXIT_OK
		                                                     : EXIT_INVALID;
		buf_free(&out);
	}
	free(pzh);
	free(pen);
	json_decref(j);
	db_close(d);
	err_free(&e);
	return status;
}
