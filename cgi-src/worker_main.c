/* worker_main.c: one FastCGI worker process: load config and templates, connect, then serve
 * requests one at a time from the listening socket it inherits on fd 0 */
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "mail.h"
#include "session.h"
#include "tpl.h"
#include "view.h"

static volatile sig_atomic_t stopping, busy;

/* Idle: leave at once (libfcgi retries an interrupted accept). Busy: finish the request first. */
static void on_term(int sig)
{
	(void)sig;
	if (!busy)
		_exit(0);
	stopping = 1;
}

static const char *param(FCGX_Request *fr, const char *name)
{
	return FCGX_GetParam(name, fr->envp);
}

/* Read exactly CONTENT_LENGTH bytes; -1 when the client sent fewer. */
static int read_body(FCGX_Request *fr, arena *a, size_t len, char **out)
{
	char *buf = arena_alloc(a, len + 1);
	size_t got = 0;
	while (got < len) {
		int n = FCGX_GetStr(buf + got, (int)(len - got), fr->in);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

static void build_request(FCGX_Request *fr, request *r)
{
	const char *v;
	r->method = (v = param(fr, "REQUEST_METHOD")) ? v : "GET";
	r->path = (v = param(fr, "DOCUMENT_URI")) ? v : "/";
	r->query_string = (v = param(fr, "QUERY_STRING")) ? v : "";
	r->content_type = (v = param(fr, "CONTENT_TYPE")) ? v : "";
	r->site_origin = param(fr, "SITE_ORIGIN");
	r->origin = param(fr, "HTTP_ORIGIN");
	r->remote_addr = (v = param(fr, "REMOTE_ADDR")) ? v : "";
	r->https = (v = param(fr, "HTTPS")) && !strcmp(v, "on");
	http_parse_urlencoded(r->arena, &r->query, r->query_string, strlen(r->query_string));
	http_parse_cookies(r->arena, &r->cookies, param(fr, "HTTP_COOKIE"));
}

/* Parse the body into R's form fields; an error page (400/413) when it cannot be. */
static int take_body(FCGX_Request *fr, request *r)
{
	const char *cl = param(fr, "CONTENT_LENGTH");
	if (!cl || !*cl)
		return 0;
	char *end;
	unsigned long long len = strtoull(cl, &end, 10);
	if (*end) {
		view_error(r, 400, "The request was malformed.");
		return -1;
	}
	if (len > HTTP_MAX_BODY) {
		view_error(r, 413, "What you sent is larger than 1 MiB, more than any form here accepts.");
		return -1;
	}
	if (len == 0)
		return 0;
	char *body;
	if (read_body(fr, r->arena, (size_t)len, &body) != 0) {
		view_error(r, 400, "The request ended before all of it arrived.");
		return -1;
	}
	if (!strncmp(r->content_type, "application/x-www-form-urlencoded", 33))
		http_parse_urlencoded(r->arena, &r->form, body, (size_t)len);
	return 0;
}

static void send_response(FCGX_Request *fr, request *r)
{
	/* libfcgi's own printf lacks %zu and friends: format here */
	char head[1024];
	int n = snprintf(head, sizeof head,
			 "Status: %d %s\r\n"
			 "Content-Type: %s\r\n"
			 "Cache-Control: no-store\r\n"
			 "X-Content-Type-Options: nosniff\r\n"
			 "X-Frame-Options: DENY\r\n"
			 "Referrer-Policy: same-origin\r\n"
			 "Content-Security-Policy: default-src 'self'; img-src 'self' data:; form-action 'self'; "
			 "frame-ancestors 'none'; base-uri 'none'\r\n"
			 "Content-Length: %zu\r\n",
			 r->status, http_status_text(r->status), r->content_type_out, r->body->len);
	FCGX_PutStr(head, n < (int)sizeof head ? n : (int)sizeof head - 1, fr->out);
	FCGX_PutStr(strbuf_cstr(r->headers), (int)r->headers->len, fr->out);
	FCGX_PutStr("\r\n", 2, fr->out);
	if (strcmp(r->method, "HEAD"))
		FCGX_PutStr(strbuf_cstr(r->body), (int)r->body->len, fr->out);
}

int main(void)
{
	config cfg;
	if (config_load(&cfg, NULL) != 0)
		return 1;
	char dir[600], err[512];
	snprintf(dir, sizeof dir, "%s/templates", cfg.root_dir);
	tpl_set_root(dir);
	if (tpl_preload_all(LAYOUT_TEMPLATES_STRIP, err, sizeof err) != 0) {
		fprintf(stderr, "worker: templates: %s\n", err);
		return 1;
	}
	if (db_open(&cfg) != 0) {
		fprintf(stderr, "worker: cannot connect to the database: %s\n", db_last_error());
		return 1;
	}
	if (sess_init(&cfg) != 0) {
		fprintf(stderr, "worker: cannot set up sessions\n");
		return 1;
	}
	mail_set_base_url(cfg.base_url);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	FCGX_Init();
	FCGX_Request fr;
	FCGX_InitRequest(&fr, 0, 0);
	arena *a = arena_new(64 * 1024);
	strbuf headers = STRBUF_INIT, body = STRBUF_INIT;
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		busy = 1;
		request r = { 0 };
		r.arena = a;
		r.status = 200;
		r.headers = &headers;
		r.body = &body;
		r.content_type_out = "text/html; charset=utf-8";
		build_request(&fr, &r);
		if (take_body(&fr, &r) == 0)
			app_handle(&r);
		send_response(&fr, &r);
		FCGX_Finish_r(&fr);
		arena_reset(a);
		strbuf_reset(&headers);
		strbuf_reset(&body);
		busy = 0;
	}
	arena_free(a);
	strbuf_release(&headers);
	strbuf_release(&body);
	sess_shutdown();
	db_close();
	return 0;
}
