/* The HTTP server under `duikou serve`: GNU libmicrohttpd with a pool of
 * worker threads, each with its own database connection; runs until
 * SIGINT or SIGTERM. */
#ifndef DUIKOU_WEB_SERVER_H
#define DUIKOU_WEB_SERVER_H
#include "core/err.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sc_weights; /* report/scorecard.h */

struct web_config {
	const char *db_target; /* an existing database, already migrated */
	const char *db_shown;  /* db_target as printed: db_target_shown */
	uint32_t addr;         /* IPv4 address, host byte order */
	uint16_t port;         /* 0: any free port */
	unsigned threads;      /* worker threads, >= 1 */
	size_t max_body;       /* larger request bodies are answered 413 */
	bool tls_proxy;        /* a TLS proxy is in front: Secure cookies, X-Forwarded-For */
	/* the tracking service's alerts (model/alerts.h): */
	const char *today;                /* serve --today (for tests): the alerts' day; NULL: the clock */
	int stale_days;                   /* serve --stale-days; 0: the default */
	const struct sc_weights *weights; /* serve --weights FILE: the scorecard's; NULL: the defaults */
};

/* Serves until SIGINT or SIGTERM, then stops cleanly and returns 0; -1
 * (E) when the server cannot start. Prints the URL it serves at on
 * standard output once it listens (with the real port when PORT is 0). */
int web_serve(const struct web_config *cfg, err *e);

#endif
