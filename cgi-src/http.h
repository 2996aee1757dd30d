/* http.h: one request and its response: parsed parameters, cookies, status, headers, body */
#ifndef CC_HTTP_H
#define CC_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "strbuf.h"

#define HTTP_MAX_BODY (1024 * 1024)

typedef struct {
	const char *name, *value;
} http_param;

typedef struct {
	http_param *items;
	size_t len, cap;
	bool invalid_text;      /* a name or value was not UTF-8 text: left out, and the dispatcher answers 400 */
} http_params;

struct session;
struct user;

typedef struct request {
	arena *arena;
	const char *method;     /* "GET", "POST", ... */
	const char *path;       /* without the query string */
	const char *query_string;
	const char *content_type;
	const char *site_origin;  /* "scheme://host:port" as the browser sees this site */
	const char *origin, *remote_addr;
	bool https;
	const char *accept_language;  /* the browser's Accept-Language header, NULL when none */
	/* the partner API's (api/api.c): its headers, NULL when absent, and the body as sent */
	const char *authorization, *idempotency_key, *accept;
	const char *body_raw;   /* NUL-terminated; NULL when there was none */
	size_t body_len;
	bool json_errors;       /* a /v1/ request: errors are JSON, never an HTML page */
	bool for_no_one;        /* a page written ahead of time (nginx's error pages): no form, none could be sent */
	http_params query, form, cookies;
	int lang;               /* the lang (i18n.h) the answer is written in: i18n_choose's */

	/* response */
	int status;             /* 500 until a handler answers */
	bool answered;          /* set by view_page, view_error, view_text and http_redirect */
	strbuf *headers;        /* extra header lines, each ending in \r\n */
	strbuf *body;
	const char *content_type_out;

	/* filled by the dispatcher */
	struct session *session;
	const struct user *user;
	const char *csrf_token;  /* what forms on this page must carry */
	const char *refusal;     /* shown at the top of the page: why what was sent was not taken */
} request;

/* Decode %XX and '+' in place-independent fashion; returns an arena copy. */
char *http_url_decode(arena *a, const char *s, size_t n);
/* True when S[0..N) is UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequence. */
bool http_utf8_valid(const char *s, size_t n);
/* Parse "a=1&b=2" (query strings and urlencoded bodies) into P; a pair that is not UTF-8 text is left
 * out and sets P->invalid_text. */
void http_parse_urlencoded(arena *a, http_params *p, const char *s, size_t n);
/* Parse a Cookie header ("a=1; b=2") into P; a cookie that is not UTF-8 text is ignored. */
void http_parse_cookies(arena *a, http_params *p, const char *header);
/* A positive decimal id as sent in a form or query ("42"), or 0 for anything else. */
long long http_id(const char *s);
/* Where a keyset ("seek") paged list starts. Lists order by a unique (key, id); a page is read with a
 * WHERE on the edge row's (key, id) instead of an OFFSET, so its cost does not grow with its depth.
 * ?after=C is the page after the row with cursor C, ?before=C the page before it, ?last=1 the last page,
 * nothing the first. A cursor is "ID:KEY" (KEY may be empty, for lists ordered by id alone). */
typedef enum { SEEK_FIRST, SEEK_AFTER, SEEK_BEFORE, SEEK_LAST } seek_from;
typedef struct {
	seek_from from;
	long long id;     /* the edge row's id (0 for SEEK_FIRST / SEEK_LAST) */
	const char *key;  /* its sort key ("" when none) */
} seek;
/* The position ?after=, ?before= and ?last= ask for; a malformed cursor means the first page. */
seek http_seek(const request *r);
/* True when the page must be read in descending order (then view_seek_page puts it back in list order). */
static inline bool seek_descending(const seek *s) { return s->from == SEEK_BEFORE || s->from == SEEK_LAST; }
/* True when the query must ignore the cursor (the first or the last page): bind it as the first
 * parameter of "(? OR key > ? OR (key = ? AND id > ?))", which the optimizer folds away. */
static inline bool seek_unbounded(const seek *s) { return s->from == SEEK_FIRST || s->from == SEEK_LAST; }
/* Append the pair NAME=VALUE (not copied) to P. */
void http_param_add(arena *a, http_params *p, const char *name, const char *value);
/* First value for NAME, or NULL. */
const char *http_param_get(const http_params *p, const char *name);

const char *http_query(const request *r, const char *name);  /* "" when absent */
const char *http_form(const request *r, const char *name);   /* "" when absent */
const char *http_cookie(const request *r, const char *name); /* NULL when absent */

void http_header(request *r, const char *name, const char *value);
void http_redirect(request *r, const char *location);  /* 303 See Other */
void http_set_cookie(request *r, const char *name, const char *value, int max_age, const char *same_site);
/* "__Host-": a cookie so named is only accepted by browsers from https, for this exact host, Path=/.
 * http_cookie_name("__Host-x") is that name once http_use_host_prefix(true) was called (the public site is
 * https), else "x". */
#define HTTP_HOST_PREFIX "__Host-"
void http_use_host_prefix(bool on);
const char *http_cookie_name(const char *prefixed);
/* The reason phrase of STATUS in English, marked N_ for the catalog: a page shows _(http_status_text(s)). */
const char *http_status_text(int status);
/* NEXT when a browser reads it as a path on this site ("/x?y": printable ASCII only, no "//", no dot
 * segments, no backslash, no scheme), else "/home". */
const char *http_safe_next(const char *next);

#endif
