/* duikou audit [--user U] [--kind K] [--record ID] [--since D] [--until D]
 * [--limit N] [--format text|json|csv]: the audit trail, newest first,
 * read through model/audit.c's one query. */
#include "cmd/cmd.h"
#include "io/csv.h"
#include "model/audit.h"
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum audit_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

struct out {
	enum audit_format fmt;
	json_t *arr; /* FORMAT_JSON */
	buf line;
};

/* V on one line: a line break in a value is written \n, so that every
 * line of the listing is an entry or one of its columns. */
static void one_line(buf *b, const json_t *v)
{
	buf t = BUF_INIT;
	audit_value_text(&t, v);
	for (const char *p = buf_str(&t); *p; p++)
		if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p != '\r')
			buf_putc(b, *p);
	buf_free(&t);
}

static void text_change(void *ctx, const char *column, const json_t *o, const json_t *n)
{
	buf *b = ctx;
	buf_printf(b, "    %s: ", column);
	one_line(b, o);
	buf_puts(b, " → ");
	one_line(b, n);
	buf_putc(b, '\n');
}

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
}

static int print_entry(void *ctx, const struct audit_entry *a, err *e)
{
	struct out *o = ctx;
	buf *b = &o->line;
	buf_reset(b);
	switch (o->fmt) {
	case FORMAT_JSON: {
		json_t *j = audit_entry_json(a);
		if (!j || json_array_append_new(o->arr, j))
			return err_add(e, EXIT_SYSTEM, "audit: out of memory building JSON");
		return 0;
	}
	case FORMAT_CSV: {
		const char *cols[] = {a->at, a->user, a->via, a->action, a->kind, a->record};
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			csv_put_field(b, cols[i]);
			buf_putc(b, ',');
		}
		char *old = dump(a->old_values), *new = dump(a->new_values);
		csv_put_field(b, old ? old : "");
		buf_putc(b, ',');
		csv_put_field(b, new ? new : "");
		buf_putc(b, '\n');
		free(old);
		free(new);
		break;
	}
	case FORMAT_TEXT:
		buf_printf(b, "%s  %s  %s  %s  %s  %s\n", a->at, a->user, a->via, a->action, a->kind,
		           a->record);
		audit_changes(a, text_change, b);
		break;
	}
	fputs(buf_str(b), stdout);
	return 0;
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("duikou audit: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cmd_usage("audit", stderr);
	return EXIT_USAGE;
}

int cmd_audit(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct audit_filter f = {0};
	const char *format = "text";
	static const struct {
		const char *name;
		size_t at;
	} opts[] = {
	        {"--user", offsetof(struct audit_filter, user)},
	        {"--kind", offsetof(struct audit_filter, kind)},
	        {"--table", offsetof(struct audit_filter, kind)},
	        {"--record", offsetof(struct audit_filter, record)},
	        {"--since", offsetof(struct audit_filter, since)},
	        {"--until", offsetof(struct audit_filter, until)},
	};
	const char *limit = NULL;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		const char **slot = NULL;
		for (size_t j = 0; j < sizeof opts / sizeof opts[0] && !slot; j++) {
			size_t n = strlen(opts[j].name);
			if (strncmp(arg, opts[j].name, n) == 0 && (arg[n] == '\0' || arg[n] == '='))
				slot = (const char **)((char *)&f + opts[j].at);
		}
		if (!slot && (strncmp(arg, "--format", 8) == 0 && (arg[8] == '\0' || arg[8] == '=')))
			slot = &format;
		if (!slot && (strncmp(arg, "--limit", 7) == 0 && (arg[7] == '\0' || arg[7] == '=')))
			slot = &limit;
		if (!slot)
			return usage_error("unexpected argument '%s'", arg);
		const char *eq = strchr(arg, '=');
		if (eq)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else
			return usage_error("%s needs a value", arg);
		*slot = val;
	}
	struct out o = {FORMAT_TEXT, NULL, BUF_INIT};
	if (strcmp(format, "json") == 0)
		o.fmt = FORMAT_JSON;
	else if (strcmp(format, "csv") == 0)
		o.fmt = FORMAT_CSV;
	else if (strcmp(format, "text") != 0)
		return usage_error("unknown format '%s' (text, json or csv)", format);
	if (limit) {
		char *end;
		long n = strtol(limit, &end, 10);
		if (!*limit || *end || n <= 0)
			return usage_error("--limit '%s' is not a whole number above 0", limit);
		f.limit = n;
	}
	if (f.kind && !audit_kind(f.kind, NULL)) {
		fprintf(stderr, "duikou audit: unknown kind '%s' (one of: %s)\n", f.kind, audit_kind_names());
		return EXIT_USAGE;
	}
	err e;
	err_init(&e);
	db *d = NULL;
	int status = EXIT_OK;
	if (audit_filter_check(&f, &e) || cmd_open_db(ctx, &d, &e)) {
		status = cmd_fail(&e);
		goto out;
	}
	if (o.fmt == FORMAT_JSON && !(o.arr = json_array())) {
		status = EXIT_SYSTEM;
		goto out;
	}
	if (o.fmt == FORMAT_CSV)
		fputs("at,user,via,action,kind,record,old_values,new_values\n", stdout);
	if (audit_query(d, &f, print_entry, &o, &e) < 0) {
		status = cmd_fail(&e);
		goto out;
	}
	if (o.arr) {
		char *s = json_dumps(o.arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (!s) {
			status = EXIT_SYSTEM;
			goto out;
		}
		puts(s);
		free(s);
	}
out:
	json_decref(o.arr);
	buf_free(&o.line);
	db_close(d);
	err_free(&e);
	return status;
}
