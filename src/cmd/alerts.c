/* duikou alerts [--as-of DATE] [--stale-days N] [--county C]
 * [--format text|json]: the tracking service's alerts (model/alerts.h) as
 * of a day, for a person or for cron: exit 1 when there is any. */
#include "cmd/cmd.h"
#include "core/date.h"
#include "model/alerts.h"
#include "model/codes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "duikou alerts: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	cmd_usage("alerts", stderr);
	return EXIT_USAGE;
}

static void print_text(const struct alert_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct alert *a = &s->items[i];
		printf("%-18s  %s  %s", alert_type_name(a->type), a->project,
		       a->project_name ? a->project_name : "");
		if (a->type == ALERT_OVERDUE)
			printf("  %s: %s  due %s, %ld days overdue", a->commitment, a->what ? a->what : "",
			       a->date, a->days);
		else if (a->type == ALERT_STALE)
			printf("  %s since %s, %ld days", codes_label("status", a->status, LANG_EN), a->date,
			       a->days);
		putchar('\n');
	}
	printf("alerts as of %s (stale after %d days): %zu overdue, %zu stale, %zu without a leader, %zu "
	       "without a team\n",
	       s->as_of, s->stale_days, s->count[ALERT_OVERDUE], s->count[ALERT_STALE],
	       s->count[ALERT_NO_LEADER], s->count[ALERT_NO_TEAM]);
}

int cmd_alerts(struct cmd_ctx *ctx, int argc, char **argv)
{
	char today[11];
	date_today(today);
	struct alert_query q = {today, ALERTS_STALE_DAYS, NULL};
	bool json = false;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool takes = strcmp(o, "--as-of") == 0 || strcmp(o, "--stale-days") == 0 ||
		             strcmp(o, "--county") == 0 || strcmp(o, "--format") == 0;
		if (!takes)
			return usage_error("unexpected argument '%s'", o);
		if (!v)
			return usage_error("%s needs a value", o);
		i++;
		if (strcmp(o, "--as-of") == 0) {
			q.as_of = v;
		} else if (strcmp(o, "--county") == 0) {
			q.county = v;
		} else if (strcmp(o, "--format") == 0) {
			if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
				return usage_error("--format is text or json, not '%s'", v);
			json = strcmp(v, "json") == 0;
		} else {
			char *end;
			long n = strtol(v, &end, 10);
			if (!*v || *end || n < 1 || n > 36500)
				return usage_error(
				        "--stale-days takes a whole number of days from 1 to 36500, not '%s'",
				        v);
			q.stale_days = (int)n;
		}
	}
	err e;
	err_init(&e);
	db *d = NULL;
	struct alert_set s;
	int status;
	if (cmd_open_db(ctx, &d, &e) || alerts_compute(d, NULL, &q, &s, &e)) {
		status = cmd_fail(&e);
	} else {
		if (json) {
			json_t *j = alerts_json(&s);
			char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
			if (text)
				puts(text);
			free(text);
			json_decref(j);
			status = text ? (s.n ? EXIT_INVALID : EXIT_OK) : EXIT_SYSTEM;
		} else {
			print_text(&s);
			status = s.n ? EXIT_INVALID : EXIT_OK;
		}
		alerts_free(&s);
	}
	db_close(d);
	err_free(&e);
	return status;
}
