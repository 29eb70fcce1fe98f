/* duikou serve: checks the options and the database, then runs the web
 * server (web/server.c) until SIGINT or SIGTERM. It listens on an address
 * other than the loopback only once an enabled admin user exists. */
#include "cmd/cmd.h"
#include "core/date.h"
#include "core/num.h"
#include "model/users.h"
#include "report/scorecard.h"
#include "web/server.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SERVE_MAX_BODY (16u * 1024 * 1024)

static int usage_error(const char *fmt, const char *what)
{
	fputs("duikou serve: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	cmd_usage("serve", stderr);
	return EXIT_USAGE;
}

/* ADDR:PORT (an IPv4 address or localhost) into host-order address and
 * port; false when malformed. */
static bool parse_listen(const char *s, uint32_t *addr, uint16_t *port, bool *loopback)
{
	const char *colon = strrchr(s, ':');
	if (!colon || colon == s || (size_t)(colon - s) >= 64)
		return false;
	char host[64];
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = 0;
	int64_t p;
	const char *why;
	if (num_parse_int(colon + 1, &p, &why) || p < 0 || p > 65535)
		return false;
	*port = (uint16_t)p;
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");
	struct in_addr in;
	if (inet_pton(AF_INET, host, &in) != 1)
		return false;
	*addr = ntohl(in.s_addr);
	*loopback = (*addr >> 24) == 127;
	return true;
}

int cmd_serve(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct web_config cfg = {ctx->db_target, ctx->db_shown, 0x7f000001u, 8080, 4,
	                         SERVE_MAX_BODY, false,         NULL,        0,    NULL};
	bool loopback = true;
	const char *weights_path = NULL;
	struct sc_weights weights;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const char *val = NULL;
		if (strcmp(opt, "--tls-proxy") == 0) {
			cfg.tls_proxy = true;
			continue;
		}
		if (strncmp(opt, "--listen=", 9) == 0)
			val = opt + 9;
		else if (strncmp(opt, "--threads=", 10) == 0)
			val = opt + 10;
		else if (strcmp(opt, "--listen") == 0 || strcmp(opt, "--threads") == 0 ||
		         strcmp(opt, "--today") == 0 || strcmp(opt, "--stale-days") == 0 ||
		         strcmp(opt, "--weights") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", opt);
			val = argv[++i];
		} else
			return usage_error("unknown option '%s'", opt);
		if (strcmp(opt, "--weights") == 0) {
			weights_path = val;
		} else if (strcmp(opt, "--today") == 0) {
			date day;
			const char *why;
			if (date_parse(val, &day, &why))
				return usage_error("--today '%s' is not a date YYYY-MM-DD", val);
			cfg.today = val;
		} else if (strcmp(opt, "--stale-days") == 0) {
			int64_t n;
			const char *why;
			if (num_parse_int(val, &n, &why) || n < 1 || n > 36500)
				return usage_error(
				        "--stale-days '%s' is not a number of days from 1 to 36500", val);
			cfg.stale_days = (int)n;
		} else if (strncmp(opt, "--listen", 8) == 0) {
			if (!parse_listen(val, &cfg.addr, &cfg.port, &loopback))
				return usage_error(
				        "--listen '%s' is not IPV4-ADDR:PORT (e.g. 127.0.0.1:8080)", val);
		} else {
			int64_t n;
			const char *why;
			if (num_parse_int(val, &n, &why) || n < 1 || n > 64)
				return usage_error("--threads '%s' is not a number from 1 to 64", val);
			cfg.threads = (unsigned)n;
		}
	}
	if (strstr(ctx->db_target, "://") == NULL && access(ctx->db_target, F_OK) != 0) {
		fprintf(stderr,
		        "duikou serve: %s: no database there (create one with `duikou --db %s init` or"
		        " `duikou --db %s demo`)\n",
		        ctx->db_shown, ctx->db_shown, ctx->db_shown);
		return EXIT_SYSTEM;
	}
	err e;
	err_init(&e);
	if (weights_path) { /* a bad file stops the start, as on the command line */
		if (scorecard_weights_load(weights_path, &weights, &e)) {
			int status = cmd_fail(&e);
			err_free(&e);
			return status;
		}
		cfg.weights = &weights;
	}
	db *d = NULL;
	/* migrate once here, so that the workers only read and write */
	int rc = cmd_open_db(ctx, &d, &e);
	bool admin = true;
	if (rc == 0 && !loopback)
		rc = users_admin_exists(d, &admin, &e);
	db_close(d);
	if (rc == 0 && !admin) {
		/* others could reach it: only once someone can sign in to run it */
		fprintf(stderr,
		        "duikou serve: refusing to listen on %s:%u: %s has no enabled admin user yet;"
		        " create one with `duikou --db %s user add NAME --role admin` (or listen on"
		        " 127.0.0.1)\n",
		        inet_ntoa((struct in_addr){htonl(cfg.addr)}), (unsigned)cfg.port, ctx->db_shown,
		        ctx->db_shown);
		err_free(&e);
		return EXIT_INVALID;
	}
	if (rc == 0)
		rc = web_serve(&cfg, &e);
	int status = rc == 0 ? EXIT_OK : cmd_fail(&e);
	err_free(&e);
	return status;
}
