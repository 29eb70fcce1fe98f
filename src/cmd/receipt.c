/* duikou receipt verify|unlock|attach|evidence and duikou transfer
 * confirm|unconfirm: the arrival side of both sides' books (issue 10) from
 * the command line, through model/receipts.c as the pages and the API do,
 * by the command line's actor (admin, named cli:USER in the audit trail).
 * Exit 0 done, 1 refused (missing, locked, invalid), 2 usage, 3 system. */
#include "cmd/cmd.h"
#include "io/csv.h"
#include "model/actor.h"
#include "model/receipts.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The options a subcommand may take; each takes a value. */
struct opts {
	const char *code, *file, *reason, *name, *receipt, *date, *get, *out;
	enum lang lang;
	bool json;
};

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "duikou %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cmd_usage(cmd, stderr);
	return EXIT_USAGE;
}

/* ARGV[2..]: positional CODE (and FILE when WANT_FILE), then the options
 * named in ALLOWED (a space-separated list). -1 after a usage error. */
static int parse(const char *cmd, int argc, char **argv, bool want_file, const char *allowed, struct opts *o)
{
	memset(o, 0, sizeof *o);
	o->lang = LANG_EN;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1]) {
			if (!o->code)
				o->code = a;
			else if (want_file && !o->file)
				o->file = a;
			else
				return usage_error(cmd, "unexpected argument '%s'", a), -1;
			continue;
		}
		char word[32];
		snprintf(word, sizeof word, " %s ", a);
		buf known = BUF_INIT;
		buf_printf(&known, " %s --lang ", allowed);
		bool ok = strstr(buf_str(&known), word) != NULL;
		buf_free(&known);
		if (!ok || strlen(a) > 20)
			return usage_error(cmd, "unknown option '%s'", a), -1;
		if (i + 1 >= argc)
			return usage_error(cmd, "%s needs a value", a), -1;
		const char *v = argv[++i];
		if (strcmp(a, "--reason") == 0)
			o->reason = v;
		else if (strcmp(a, "--name") == 0)
			o->name = v;
		else if (strcmp(a, "--receipt") == 0)
			o->receipt = v;
		else if (strcmp(a, "--date") == 0)
			o->date = v;
		else if (strcmp(a, "--get") == 0)
			o->get = v;
		else if (strcmp(a, "-o") == 0)
			o->out = v;
		else if (strcmp(a, "--format") == 0) {
			if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
				return usage_error(cmd, "--format is text or json, not '%s'", v), -1;
			o->json = strcmp(v, "json") == 0;
		} else {
			if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
				return usage_error(cmd, "--lang is zh or en, not '%s'", v), -1;
			o->lang = strcmp(v, "zh") == 0 ? LANG_ZH : LANG_EN;
		}
	}
	if (!o->code)
		return usage_error(cmd, "%s", want_file ? "CODE and FILE are required" : "CODE is required"),
		       -1;
	if (want_file && !o->file)
		return usage_error(cmd, "%s", "FILE is required"), -1;
	return 0;
}

/* The exit status of outcome O, its message printed to stderr. */
static int outcome_status(const char *cmd, enum record_outcome o, const struct record_result *r)
{
	if (o == RECORD_OK)
		return EXIT_OK;
	for (size_t i = 0; i < r->nproblems; i++)
		fprintf(stderr, "duikou %s: %s\n", cmd, r->problems[i].message);
	if (!r->nproblems)
		fprintf(stderr, "duikou %s: refused\n", cmd);
	return o == RECORD_ERROR ? EXIT_SYSTEM : EXIT_INVALID;
}

static int evidence_cmd(db *d, const struct opts *o, err *e)
{
	if (o->get) {
		char *end;
		long long id = strtoll(o->get, &end, 10);
		if (!*o->get || *end || id <= 0)
			return usage_error("receipt", "--get takes a document's id, not '%s'", o->get);
		struct evidence ev;
		int found = evidence_load(d, id, &ev, e);
		if (found < 0)
			return cmd_fail(e);
		if (!found || strcmp(ev.fund_code, o->code) != 0) {
			fprintf(stderr,
			        o->lang == LANG_ZH
			                ? "duikou receipt: 到位资金%s没有凭证%s\n"
			                : "duikou receipt: receipt %s has no evidence document %s\n",
			        o->code, o->get);
			if (found)
				evidence_free(&ev);
			return EXIT_INVALID;
		}
		buf b = BUF_INIT;
		buf_add(&b, (const char *)ev.data, (size_t)ev.size);
		int rc = cmd_write_out(o->out, &b, e) ? cmd_fail(e) : EXIT_OK;
		buf_free(&b);
		evidence_free(&ev);
		return rc;
	}
	/* the receipt must exist: an empty list says nothing of a typo */
	int64_t n = 0;
	if (db_int(d, &n, e, "SELECT COUNT(*) FROM funds WHERE code = $1", "t", o->code))
		return cmd_fail(e);
	if (!n) {
		fprintf(stderr,
		        o->lang == LANG_ZH ? "duikou receipt: 没有到位资金记录%s\n"
		                           : "duikou receipt: no funds record %s\n",
		        o->code);
		return EXIT_INVALID;
	}
	struct evidence *ev;
	size_t count;
	if (evidence_list(d, o->code, &ev, &count, e))
		return cmd_fail(e);
	json_t *items = o->json ? json_array() : NULL;
	for (size_t i = 0; i < count; i++) {
		if (items)
			json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id",
			                                       (json_int_t)ev[i].id, "name", ev[i].name,
			                                       "content_type", ev[i].content_type, "size",
			                                       (json_int_t)ev[i].size, "sha256", ev[i].sha256,
			                                       "uploaded_by", ev[i].uploaded_by,
			                                       "uploaded_at", ev[i].uploaded_at));
		else
			printf("%lld\t%s\t%s\t%lld\t%s\t%s\t%s\n", (long long)ev[i].id, ev[i].name,
			       ev[i].content_type, (long long)ev[i].size, ev[i].sha256, ev[i].uploaded_by,
			       ev[i].uploaded_at);
		evidence_free(&ev[i]);
	}
	free(ev);
	int rc = EXIT_OK;
	if (o->json) {
		char *s = items ? json_dumps(items, JSON_INDENT(2)) : NULL;
		if (s)
			printf("%s\n", s);
		else
			rc = EXIT_SYSTEM;
		free(s);
		json_decref(items);
	}
	return fflush(stdout) == 0 ? rc : EXIT_SYSTEM;
}

int cmd_receipt(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	struct opts o;
	int rc;
	if (strcmp(sub, "verify") == 0)
		rc = parse("receipt", argc, argv, false, "", &o);
	else if (strcmp(sub, "unlock") == 0)
		rc = parse("receipt", argc, argv, false, "--reason", &o);
	else if (strcmp(sub, "attach") == 0)
		rc = parse("receipt", argc, argv, true, "--name", &o);
	else if (strcmp(sub, "evidence") == 0)
		rc = parse("receipt", argc, argv, false, "--get -o --format", &o);
	else
		return usage_error("receipt", "unknown subcommand '%s' (verify, unlock, attach, evidence)",
		                   sub);
	if (rc)
		return EXIT_USAGE;
	if (strcmp(sub, "unlock") == 0 && !o.reason)
		return usage_error("receipt", "%s", "unlock needs --reason TEXT");
	if (o.out && !o.get)
		return usage_error("receipt", "%s", "-o goes with --get ID");
	err e;
	err_init(&e);
	db *d = NULL;
	buf data = BUF_INIT;
	char user[80];
	struct actor who;
	actor_cli(&who, user, sizeof user);
	struct record_result r;
	record_result_init(&r);
	int status = EXIT_OK;
	if (cmd_open_db(ctx, &d, &e)) {
		status = cmd_fail(&e);
	} else if (strcmp(sub, "evidence") == 0) {
		status = evidence_cmd(d, &o, &e);
	} else if (strcmp(sub, "attach") == 0) {
		if (file_read_all(o.file, &data, &e)) {
			status = cmd_fail(&e);
		} else {
			enum record_outcome out =
			        receipt_add_evidence(d, o.code, o.name ? o.name : o.file,
			                             data.s ? data.s : "", data.len, o.lang, &who, &r);
			status = outcome_status("receipt", out, &r);
			if (!status)
				printf("%s: evidence %s added (%zu bytes)\n", o.code, r.id, data.len);
		}
	} else {
		bool verify = strcmp(sub, "verify") == 0;
		enum record_outcome out = verify ? receipt_verify(d, o.code, o.lang, &who, &r)
		                                 : receipt_unlock(d, o.code, o.reason, o.lang, &who, &r);
		status = outcome_status("receipt", out, &r);
		if (!status)
			printf("%s: %s by %s\n", o.code, verify ? "verified" : "unlocked", who.user);
	}
	record_result_free(&r);
	buf_free(&data);
	db_close(d);
	err_free(&e);
	return status;
}

int cmd_transfer(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	struct opts o;
	int rc;
	if (strcmp(sub, "confirm") == 0)
		rc = parse("transfer", argc, argv, false, "--receipt --date", &o);
	else if (strcmp(sub, "unconfirm") == 0)
		rc = parse("transfer", argc, argv, false, "--reason", &o);
	else
		return usage_error("transfer", "unknown subcommand '%s' (confirm, unconfirm)", sub);
	if (rc)
		return EXIT_USAGE;
	bool confirm = strcmp(sub, "confirm") == 0;
	if (!confirm && !o.reason)
		return usage_error("transfer", "%s", "unconfirm needs --reason TEXT");
	err e;
	err_init(&e);
	db *d = NULL;
	char user[80];
	struct actor who;
	actor_cli(&who, user, sizeof user);
	struct record_result r;
	record_result_init(&r);
	int status;
	if (cmd_open_db(ctx, &d, &e)) {
		status = cmd_fail(&e);
	} else {
		enum record_outcome out =
		        confirm ? transfer_confirm(d, o.code, o.receipt, o.date, o.lang, &who, &r)
		                : transfer_unconfirm(d, o.code, o.reason, o.lang, &who, &r);
		status = outcome_status("transfer", out, &r);
		if (!status && confirm)
			printf("%s: confirmed by %s, receipt %s\n", o.code, who.user, r.id);
		else if (!status)
			printf("%s: unconfirmed by %s\n", o.code, who.user);
	}
	record_result_free(&r);
	db_close(d);
	err_free(&e);
	return status;
}
