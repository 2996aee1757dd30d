/* worker_main.c: one FastCGI worker process: load config and templates, connect, then serve
 * requests one at a time from the listening socket it inherits on fd 0 */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "app.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "i18n.h"
#include "mail.h"
#include "security_headers.h"
#include "session.h"
#include "tpl/tpl.h"
#include "view.h"

static volatile sig_atomic_t stopping, busy;
static config cfg;

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

/* What browsers send as Origin: BASE_URL's when set; else nginx's "$scheme://$http_host", where the scheme
 * is https when the public site is (SECURE_COOKIES=1), as nginx behind a TLS proxy only sees http. */
static const char *site_origin(arena *a, const char *from_nginx)
{
	if (cfg.site_origin[0])
		return cfg.site_origin;
	const char *host = from_nginx ? strstr(from_nginx, "://") : NULL;
	if (!cfg.secure_cookies || !host)
		return from_nginx;
	return arena_printf(a, "https%s", host);
}

static void build_request(FCGX_Request *fr, request *r)
{
	const char *v;
	r->method = (v = param(fr, "REQUEST_METHOD")) ? v : "GET";
	r->path = (v = param(fr, "DOCUMENT_URI")) ? v : "/";
	r->query_string = (v = param(fr, "QUERY_STRING")) ? v : "";
	r->content_type = (v = param(fr, "CONTENT_TYPE")) ? v : "";
	r->site_origin = site_origin(r->arena, param(fr, "SITE_ORIGIN"));
	r->origin = param(fr, "HTTP_ORIGIN");
	r->remote_addr = (v = param(fr, "REMOTE_ADDR")) ? v : "";
	r->https = cfg.secure_cookies || ((v = param(fr, "HTTPS")) && !strcmp(v, "on"));
	http_parse_urlencoded(r->arena, &r->query, r->query_string, strlen(r->query_string));
	http_parse_cookies(r->arena, &r->cookies, param(fr, "HTTP_COOKIE"));
	r->accept_language = param(fr, "HTTP_ACCEPT_LANGUAGE");
	r->authorization = param(fr, "HTTP_AUTHORIZATION");
	r->idempotency_key = param(fr, "HTTP_IDEMPOTENCY_KEY");
	r->accept = param(fr, "HTTP_ACCEPT");
	r->json_errors = !strncmp(r->path, "/v1/", 4);
	/* until the session says whose request it is (app_handle): the picker's cookie or the browser's choice */
	r->lang = i18n_choose(NULL, http_cookie(r, http_cookie_name(I18N_COOKIE)), r->accept_language);
	i18n_use(r->lang);
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
		view_error(r, 400, _("The request was malformed."));
		return -1;
	}
	if (len > HTTP_MAX_BODY) {
		view_error(r, 413, _("What you sent is larger than 1 MiB, more than any form here accepts."));
		return -1;
	}
	if (len == 0)
		return 0;
	char *body;
	if (read_body(fr, r->arena, (size_t)len, &body) != 0) {
		view_error(r, 400, _("The request ended before all of it arrived."));
		return -1;
	}
	r->body_raw = body;
	r->body_len = (size_t)len;
	if (!strncmp(r->content_type, "application/x-www-form-urlencoded", 33))
		http_parse_urlencoded(r->arena, &r->form, body, (size_t)len);
	return 0;
}

#define SECURITY_HEADER_LINE(name, value) name ": " value "\r\n"

static void send_response(FCGX_Request *fr, request *r)
{
	/* libfcgi's own printf lacks %zu and friends: format here */
	char head[1024];
	int n = snprintf(head, sizeof head,
			 "Status: %d %s\r\n"
			 "Content-Type: %s\r\n"
			 "Cache-Control: no-store\r\n"
			 "Content-Language: %s\r\n"
			 SECURITY_HEADERS(SECURITY_HEADER_LINE)
			 "%s"
			 "Content-Length: %zu\r\n",
			 r->status, http_status_text(r->status), r->content_type_out, i18n_code(r->lang),
			 cfg.secure_cookies ? HSTS_HEADER ": " HSTS_VALUE "\r\n" : "", r->body->len);
	FCGX_PutStr(head, n < (int)sizeof head ? n : (int)sizeof head - 1, fr->out);
	FCGX_PutStr(strbuf_cstr(r->headers), (int)r->headers->len, fr->out);
	FCGX_PutStr("\r\n", 2, fr->out);
	if (strcmp(r->method, "HEAD"))
		FCGX_PutStr(strbuf_cstr(r->body), (int)r->body->len, fr->out);
}

/* S for a log line: control characters, quotes and backslashes as \xHH, so a path cannot forge lines */
static void log_escaped(strbuf *line, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			strbuf_printf(line, "\\x%02x", *p);
		else
			strbuf_putc(line, (char)*p);
	}
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* One line per request on stderr (workers.log): when, what, how it ended, for whom, and the database's
 * complaint if it had one. The query string stays out: it carries the tokens of emailed links. The line
 * goes out in one write, so the workers sharing the log never interleave inside a line. */
static void log_request(const request *r, const struct timespec *t0)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	struct tm tm;
	gmtime_r(&now.tv_sec, &tm);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	strbuf line = STRBUF_INIT;
	strbuf_printf(&line, "%s.%03ldZ request %s \"", when, now.tv_nsec / 1000000, r->method);
	log_escaped(&line, r->path);
	strbuf_printf(&line, "\" %d %.1fms user=", r->status, seconds_since(t0) * 1000);
	if (r->user)
		strbuf_printf(&line, "%lld", r->user->id);
	else
		strbuf_putc(&line, '-');
	const char *dberr = db_request_error();
	if (*dberr) {
		strbuf_puts(&line, " db_error=\"");
		log_escaped(&line, dberr);
		strbuf_putc(&line, '"');
	}
	strbuf_putc(&line, '\n');
	fwrite(strbuf_cstr(&line), 1, line.len, stderr);
	strbuf_release(&line);
}

/* Pages nginx serves itself (a body too large, an address too long, no worker answering), rendered by the
 * app's own error page so they look the same, and the headers nginx adds to them and to static files. */
typedef struct {
	int status;
	const char *file, *message;
} nginx_page;
static const nginx_page nginx_pages[] = {
	{ 400, "400.html", N_("Your browser sent a request this site could not read. Reload the page, "
			   "or start again from the home page.") },
	{ 400, "494.html", N_("Your browser sent headers or cookies too large for this site. Clear this site's "
			   "cookies in your browser, then start again from the home page.") },
	{ 404, "404.html", N_("There is no file at this address. Check the link, or start again from the home page.") },
	{ 408, "408.html", N_("What you sent took too long to arrive. Check your connection and try again.") },
	{ 413, "413.html", N_("What you sent is larger than 2 MiB, more than any form here accepts. "
			   "Go back and send less.") },
	{ 414, "414.html", N_("This address is too long for this site. Check the link, "
			   "or start again from the home page.") },
	{ 500, "500.html", N_("Something went wrong on our side. Try again in a minute.") },
	{ 502, "502.html", N_("The site could not answer just now; it is restarting or overloaded. "
			   "Try again in a minute.") },
	{ 503, "503.html", N_("The site is unavailable just now. Try again in a minute.") },
	{ 504, "504.html", N_("The site took too long to answer. What you sent may have been done: "
			   "check before you send it again.") },
};

/* The same refusals under /v1/ (nginx.conf's location /v1/), as the partner API's JSON errors in its words, and
 * nginx's per-address limit of API calls (429). */
static const nginx_page nginx_api_errors[] = {
	{ 400, "400.json", N_("The request could not be read as HTTP. Check how your client builds it and send it again.") },
	{ 400, "494.json", N_("The request's headers are too large. An API call needs only Authorization, Accept, "
			   "Content-Type and Idempotency-Key: send fewer or shorter headers.") },
	{ 408, "408.json", N_("The request took too long to arrive. Check the connection and send it again.") },
	{ 413, "413.json", N_("The request body is larger than 2 MiB, more than any API call accepts. Send less.") },
	{ 414, "414.json", N_("This address is too long. Send shorter or fewer query parameters.") },
	{ 429, "429.json", N_("Too many API calls came from your address in a short time. Wait a second (Retry-After) "
			   "and send it again, and spread your calls out.") },
	{ 500, "500.json", N_("Something went wrong on our side. Try again in a minute.") },
	{ 502, "502.json", N_("The API could not answer just now; it is restarting or overloaded. Try again in a minute.") },
	{ 503, "503.json", N_("The API is unavailable just now. Try again in a minute.") },
	{ 504, "504.json", N_("The API took too long to answer, so a write may have been done. Send it again with the "
			   "same Idempotency-Key: it will not be done twice.") },
};

static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "worker: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* nginx serves these pages without knowing who asks, so each says its message in English and in Spanish. */
static const char *both_languages(arena *a, const char *message)
{
	i18n_use(LANG_ES);
	const char *spanish = _(message);
	i18n_use(LANG_EN);
	return strcmp(spanish, message) ? arena_printf(a, "%s / %s", message, spanish) : message;
}

/* FILE in DIR: the app's error page for STATUS and MESSAGE, or (JSON) the API's error object. */
static int write_error_page(const char *dir, const nginx_page *page, bool json)
{
	int status = page->status;
	const char *file = page->file, *message = page->message;
	arena *a = arena_new(16 * 1024);
	strbuf headers = STRBUF_INIT, body = STRBUF_INIT;
	request r = { .arena = a, .method = "GET", .path = "/", .status = 500, .headers = &headers,
		      .body = &body, .content_type_out = "text/html; charset=utf-8", .json_errors = json,
		      .for_no_one = true };
	view_error(&r, status, both_languages(a, message));
	const char *path = arena_printf(a, "%s/%s", dir, file);
	int rc = r.status == status ? write_file(path, strbuf_cstr(&body), body.len) : -1;
	strbuf_release(&headers);
	strbuf_release(&body);
	arena_free(a);
	return rc;
}

#define NGINX_HEADER_LINE(name, value) "add_header " name " \"" value "\" always;\n"

static int write_nginx_files(const char *dir)
{
	char path[1024], api_path[1024];
	snprintf(path, sizeof path, "%s/errors", dir);
	snprintf(api_path, sizeof api_path, "%s/errors/api", dir);
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return -1;
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return -1;
	if (mkdir(api_path, 0755) != 0 && errno != EEXIST)
		return -1;
	for (size_t i = 0; i < sizeof nginx_pages / sizeof nginx_pages[0]; i++)
		if (write_error_page(path, &nginx_pages[i], false) != 0)
			return -1;
	for (size_t i = 0; i < sizeof nginx_api_errors / sizeof nginx_api_errors[0]; i++)
		if (write_error_page(api_path, &nginx_api_errors[i], true) != 0)
			return -1;
	strbuf conf = STRBUF_INIT;
	strbuf_puts(&conf, "# written by channel-worker --nginx-files from cgi-src/security_headers.h\n"
			   SECURITY_HEADERS(NGINX_HEADER_LINE));
	if (cfg.secure_cookies)
		strbuf_puts(&conf, NGINX_HEADER_LINE(HSTS_HEADER, HSTS_VALUE));
	snprintf(path, sizeof path, "%s/security_headers.conf", dir);
	int rc = write_file(path, strbuf_cstr(&conf), conf.len);
	strbuf_release(&conf);
	return rc;
}

/* The templates of every language (build/templates/LANG/, written by make from templates/), and the catalogs. */
static int load_templates(void)
{
	char dir[600], err[512];
	snprintf(dir, sizeof dir, "%s/build", cfg.root_dir);
	if (i18n_init(dir, cfg.pseudo_locale, err, sizeof err) != 0) {
		fprintf(stderr, "worker: languages: %s\n", err);
		return -1;
	}
	snprintf(dir, sizeof dir, "%s/build/templates", cfg.root_dir);
	tpl_set_root(dir);
	if (tpl_preload_all(LAYOUT_TEMPLATES_STRIP, err, sizeof err) != 0) {
		fprintf(stderr, "worker: templates: %s\n", err);
		return -1;
	}
	return 0;
}

static void serve(void)
{
	FCGX_Init();
	FCGX_Request fr;
	FCGX_InitRequest(&fr, 0, 0);
	arena *a = arena_new(64 * 1024);
	strbuf headers = STRBUF_INIT, body = STRBUF_INIT;
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		busy = 1;
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		db_request_begin();
		request r = { 0 };
		r.arena = a;
		r.status = 500;  /* until a handler answers */
		r.headers = &headers;
		r.body = &body;
		r.content_type_out = "text/html; charset=utf-8";
		build_request(&fr, &r);
		if (take_body(&fr, &r) == 0)
			app_handle(&r);
		view_finish(&r);
		send_response(&fr, &r);
		log_request(&r, &t0);  /* before Finish, which frees the parameters r points into */
		i18n_reset();  /* the next request chooses its own language */
		FCGX_Finish_r(&fr);
		arena_reset(a);
		strbuf_reset(&headers);
		strbuf_reset(&body);
		busy = 0;
	}
	arena_free(a);
	strbuf_release(&headers);
	strbuf_release(&body);
}

/* channel-worker: serve on fd 0. channel-worker --nginx-files DIR: write nginx's error pages and header
 * include into DIR (scripts/ctl.sh does, before it starts nginx). */
int main(int argc, char **argv)
{
	if (config_load(&cfg, NULL) != 0)
		return 1;
	http_use_host_prefix(cfg.secure_cookies);
	if (api_init(&cfg) != 0 || load_templates() != 0)
		return 1;
	if (argc == 3 && !strcmp(argv[1], "--nginx-files"))
		return write_nginx_files(argv[2]) == 0 ? 0 : 1;
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
	serve();
	sess_shutdown();
	db_close();
	return 0;
}
