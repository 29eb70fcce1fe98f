/* The daemon: starts libmicrohttpd with a thread pool, turns each request
 * into a web_req, has web/auth.c decide who makes it, lets the router
 * answer with a web_resp (with the security headers every response
 * carries), logs one line per request, and stops on SIGINT/SIGTERM.
 * Each worker thread opens its own database connection on first use (a
 * pthread key whose destructor closes it when the thread ends). */
#include "web/server.h"
#include "web/auth.h"
#include "web/router.h"
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
/* microhttpd.h needs these first */
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <microhttpd.h>

/* What the server sets up at start; MHD hands it to every callback. */
struct server {
	const struct web_config *cfg;
	pthread_key_t db_key;
};

/* One request in progress. */
struct conn {
	struct timespec start;
	buf body;
	bool too_large;
	struct MHD_PostProcessor *pp; /* for a form's body, else NULL */
	struct web_form_field *form;
	size_t nform, capform;
};

/* The post processor's callback: a chunk of one field's value; OFF 0
 * starts a new field. */
static enum MHD_Result collect_form(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                                    const char *content_type, const char *transfer_encoding, const char *data,
                                    uint64_t off, size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct conn *c = cls;
	if (off == 0 || c->nform == 0 || strcmp(c->form[c->nform - 1].key, key ? key : "") != 0) {
		if (c->nform == c->capform) {
			c->capform = c->capform ? c->capform * 2 : 16;
			c->form = xrealloc(c->form, c->capform * sizeof *c->form);
		}
		struct web_form_field *f = &c->form[c->nform++];
		f->key = xstrdup(key ? key : "");
		f->filename = filename ? xstrdup(filename) : NULL;
		buf_init(&f->val);
	}
	if (size)
		buf_add(&c->form[c->nform - 1].val, data, size);
	return MHD_YES;
}

static void free_form(struct conn *c)
{
	if (c->pp)
		MHD_destroy_post_processor(c->pp);
	c->pp = NULL;
	for (size_t i = 0; i < c->nform; i++) {
		free(c->form[i].key);
		free(c->form[i].filename);
		buf_free(&c->form[i].val);
	}
	free(c->form);
	c->form = NULL;
	c->nform = c->capform = 0;
}

static void close_thread_db(void *p)
{
	db_close(p);
}

static db *thread_db(struct server *s, err *e)
{
	db *d = pthread_getspecific(s->db_key);
	if (d)
		return d;
	if (db_open(s->cfg->db_target, false, &d, e))
		return NULL;
	if (pthread_setspecific(s->db_key, d) != 0) {
		db_close(d);
		err_add(e, EXIT_SYSTEM, "cannot keep the database connection of a worker thread");
		return NULL;
	}
	return d;
}

struct params {
	struct web_param *v;
	size_t n, cap;
};

static enum MHD_Result collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct params *p = cls;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n].key = xstrdup(key ? key : "");
	p->v[p->n].val = xstrdup(value ? value : "");
	p->n++;
	return MHD_YES;
}

static enum lang parse_lang(const char *s, bool *known)
{
	*known = s && (strcmp(s, "en") == 0 || strcmp(s, "zh") == 0);
	return s && strcmp(s, "en") == 0 ? LANG_EN : LANG_ZH;
}

/* The client's address for throttling and the log: the peer's, or behind
 * --tls-proxy the last X-Forwarded-For entry (the one the proxy added). */
static const char *client_address(struct MHD_Connection *mc, bool tls_proxy, char out[INET6_ADDRSTRLEN])
{
	if (tls_proxy) {
		const char *xff = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-Forwarded-For");
		if (xff && xff[0]) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			snprintf(out, INET6_ADDRSTRLEN, "%s", last);
			for (char *p = out; *p; p++)
				if (!strchr("0123456789abcdefABCDEF.:", *p))
					*p = '?';
			return out;
		}
	}
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	strcpy(out, "-");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          INET6_ADDRSTRLEN);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
		          INET6_ADDRSTRLEN);
	return out;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void access_log(const char *method, const char *url, int status, size_t bytes, const struct conn *c)
{
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm))
		strcpy(when, "-");
	/* one fprintf per line, so that lines of several threads do not mix */
	fprintf(stderr, "%s %s %s %d %zu %.1fms\n", when, method, url, status, bytes, ms_since(&c->start));
}

static enum MHD_Result send_resp(struct MHD_Connection *mc, const char *method, const char *url,
                                 struct web_resp *r, struct conn *c, const char *set_cookie)
{
	size_t len;
	const char *data = web_resp_data(r, &len);
	struct MHD_Response *m = MHD_create_response_from_buffer(
	        len, (void *)data, r->static_body ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY);
	if (!m) {
		fprintf(stderr, "duikou serve: %s %s: cannot create the response\n", method, url);
		return MHD_NO;
	}
	MHD_add_response_header(m, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	/* No inline script or style anywhere: pages load /static/app.js and
	 * style.css, chart data is inert <script type="application/json">. */
	MHD_add_response_header(
	        m, "Content-Security-Policy",
	        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
	        " object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	MHD_add_response_header(m, "Referrer-Policy", "same-origin");
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(m, r->header_name[i], r->header_value[i]);
	if (set_cookie)
		MHD_add_response_header(m, MHD_HTTP_HEADER_SET_COOKIE, set_cookie);
	enum MHD_Result ok = MHD_queue_response(mc, (unsigned)r->status, m);
	MHD_destroy_response(m);
	access_log(method, url, r->status, len, c);
	return ok;
}

static enum MHD_Result too_large(struct MHD_Connection *mc, const char *method, const char *url,
                                 struct server *s, struct conn *c)
{
	struct web_resp r;
	web_resp_init(&r);
	r.status = 413;
	r.content_type = "text/plain; charset=utf-8";
	buf_printf(&r.body, "413 request body larger than %zu bytes\n", s->cfg->max_body);
	enum MHD_Result ok = send_resp(mc, method, url, &r, c, NULL);
	web_resp_free(&r);
	return ok;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
	(void)version;
	struct server *s = cls;
	struct conn *c = *con_cls;
	if (!c) {
		c = xcalloc(1, sizeof *c);
		clock_gettime(CLOCK_MONOTONIC, &c->start);
		buf_init(&c->body);
		*con_cls = c;
		const char *cl =
		        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl && strtoull(cl, NULL, 10) > s->cfg->max_body) {
			/* answered before the body is read; MHD closes afterwards */
			c->too_large = true;
			return too_large(mc, method, url, s, c);
		}
		/* NULL unless the body is urlencoded or multipart form data */
		if (strcmp(method, "POST") == 0)
			c->pp = MHD_create_post_processor(mc, 16 * 1024, collect_form, c);
		return MHD_YES;
	}
	if (*upload_size) {
		if (c->body.len + *upload_size > s->cfg->max_body)
			c->too_large = true;
		else if (!c->too_large) {
			buf_add(&c->body, upload_data, *upload_size);
			if (c->pp && MHD_post_process(c->pp, upload_data, *upload_size) != MHD_YES) {
				/* a malformed form: the page sees no fields */
				free_form(c);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->too_large)
		return too_large(mc, method, url, s, c);

	/* destroying the processor delivers the last urlencoded value */
	if (c->pp) {
		MHD_destroy_post_processor(c->pp);
		c->pp = NULL;
	}
	struct params ps = {0};
	MHD_get_connection_values(mc, MHD_GET_ARGUMENT_KIND, collect_param, &ps);
	struct web_req req = {0};
	req.method = method;
	req.path = url;
	req.params = ps.v;
	req.nparams = ps.n;
	req.body = buf_str(&c->body);
	req.body_len = c->body.len;
	req.form = c->form;
	req.nform = c->nform;
	const char *ct = MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	req.content_type = ct ? ct : "";
	req.db_name = s->cfg->db_shown;
	char remote[INET6_ADDRSTRLEN];
	req.remote = client_address(mc, s->cfg->tls_proxy, remote);
	req.session = MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, WEB_SESSION_COOKIE);
	req.tls_proxy = s->cfg->tls_proxy;
	req.today = s->cfg->today;
	req.stale_days = s->cfg->stale_days;
	req.weights = s->cfg->weights;
	struct web_credentials cred = {
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "X-CSRF-Token"),
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, "Origin"),
	        MHD_lookup_connection_value(mc, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
	};
	struct web_auth auth;
	bool known;
	req.lang = parse_lang(MHD_lookup_connection_value(mc, MHD_COOKIE_KIND, "lang"), &known);
	const char *asked = web_param(&req, "lang");
	if (asked) {
		req.lang = parse_lang(asked, &known);
		req.lang_asked = known;
	}

	struct web_resp resp;
	web_resp_init(&resp);
	err e;
	err_init(&e);
	req.db = thread_db(s, &e);
	if (!req.db) {
		err_print(&e, stderr);
		resp.status = 503;
		resp.content_type = "text/plain; charset=utf-8";
		buf_puts(&resp.body, "503 the database cannot be opened\n");
	} else if (web_authenticate(&req, &cred, (int64_t)time(NULL), &auth, &resp)) {
		web_dispatch(&req, &resp);
	}
	err_free(&e);
	const char *cookie = !req.lang_asked       ? NULL
	                     : req.lang == LANG_EN ? "lang=en; Path=/; Max-Age=31536000; SameSite=Lax"
	                                           : "lang=zh; Path=/; Max-Age=31536000; SameSite=Lax";
	enum MHD_Result ok = send_resp(mc, method, url, &resp, c, cookie);
	web_resp_free(&resp);
	for (size_t i = 0; i < ps.n; i++) {
		free(ps.v[i].key);
		free(ps.v[i].val);
	}
	free(ps.v);
	return ok;
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)mc;
	(void)toe;
	struct conn *c = *con_cls;
	if (!c)
		return;
	buf_free(&c->body);
	free_form(c);
	free(c);
	*con_cls = NULL;
}

int web_serve(const struct web_config *cfg, err *e)
{
	struct server s = {cfg, 0};
	if (users_init(e))
		return -1;
	if (pthread_key_create(&s.db_key, close_thread_db) != 0)
		return err_add(e, EXIT_SYSTEM, "cannot create the per-thread database key");
	/* Blocked before MHD starts its threads, so they inherit the mask and
	 * the signals reach only sigwait below. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0) {
		pthread_key_delete(s.db_key);
		return err_add(e, EXIT_SYSTEM, "cannot block SIGINT and SIGTERM");
	}
	signal(SIGPIPE, SIG_IGN);

	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(cfg->port);
	sa.sin_addr.s_addr = htonl(cfg->addr);
	char host[INET_ADDRSTRLEN];
	if (!inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host))
		strcpy(host, "127.0.0.1");
	struct MHD_Daemon *d = MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, cfg->port, NULL, NULL,
	        on_request, &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
	        (unsigned int)cfg->threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60, MHD_OPTION_END);
	if (!d) {
		int saved = errno;
		pthread_key_delete(s.db_key);
		return err_add(e, EXIT_SYSTEM, "cannot listen on %s:%u: %s", host, (unsigned)cfg->port,
		               saved ? strerror(saved) : "libmicrohttpd failed to start");
	}
	unsigned port = cfg->port;
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (info && info->port)
		port = info->port;
	printf("duikou: serving %s at http://%s:%u/%s\n", cfg->db_shown, host, port,
	       cfg->tls_proxy ? " (behind a TLS proxy: cookies are Secure)" : "");
	fflush(stdout);

	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "duikou: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_stop_daemon(d); /* joins the workers; their connections close */
	pthread_key_delete(s.db_key);
	return 0;
}
