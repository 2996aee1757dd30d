/* http.c: parsers for query strings, urlencoded bodies and cookies; response header helpers */
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static int hexval(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

char *http_url_decode(arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';  /* an embedded %00 ends the value: C strings cannot carry it */
	return out;
}

/* The length of the UTF-8 sequence at S (N bytes left), or 0 when it is not one RFC 3629 allows. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;  /* range of the second byte: excludes overlongs and surrogates */
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

bool http_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t len = utf8_sequence(u + i, n - i);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

static bool is_text(const char *s)
{
	return http_utf8_valid(s, strlen(s));
}

void http_param_add(arena *a, http_params *p, const char *name, const char *value)
{
	if (p->len == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		http_param *items = arena_alloc(a, cap * sizeof *items);
		if (p->len)
			memcpy(items, p->items, p->len * sizeof *items);
		p->items = items;
		p->cap = cap;
	}
	p->items[p->len].name = name;
	p->items[p->len].value = value;
	p->len++;
}

void http_parse_urlencoded(arena *a, http_params *p, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && s[i] != '&')
			i++;
		size_t end = i++;
		if (end == start)
			continue;
		const char *eq = memchr(s + start, '=', end - start);
		size_t klen = eq ? (size_t)(eq - (s + start)) : end - start;
		if (klen == 0)
			continue;
		const char *name = http_url_decode(a, s + start, klen);
		const char *value = eq ? http_url_decode(a, eq + 1, end - start - klen - 1) : "";
		if (!*name)
			continue;  /* "%00=x": C strings cannot carry the name */
		if (!is_text(name) || !is_text(value)) {
			p->invalid_text = true;
			continue;
		}
		http_param_add(a, p, name, value);
	}
}

void http_parse_cookies(arena *a, http_params *p, const char *h)
{
	if (!h)
		return;
	while (*h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *start = h;
		while (*h && *h != ';')
			h++;
		const char *end = h;
		while (end > start && end[-1] == ' ')
			end--;
		const char *eq = memchr(start, '=', (size_t)(end - start));
		if (!eq || eq == start)
			continue;
		const char *v = eq + 1;
		size_t vlen = (size_t)(end - v);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		/* not text the user typed: refusing the request would lock them out until they clear cookies */
		const char *name = arena_strndup(a, start, (size_t)(eq - start)), *value = arena_strndup(a, v, vlen);
		if (is_text(name) && is_text(value))
			http_param_add(a, p, name, value);
	}
}

long long http_id(const char *s)
{
	if (!s || !isdigit((unsigned char)*s))
		return 0;
	char *end;
	errno = 0;
	long long id = strtoll(s, &end, 10);
	return (*end || errno || id <= 0) ? 0 : id;
}

const char *http_param_get(const http_params *p, const char *name)
{
	for (size_t i = 0; i < p->len; i++)
		if (!strcmp(p->items[i].name, name))
			return p->items[i].value;
	return NULL;
}


static bool parse_cursor(const char *c, seek *s)
{
	const char *colon = strchr(c, ':');
	if (!colon || colon == c || colon - c > 19)
		return false;
	char id[20];
	memcpy(id, c, (size_t)(colon - c));
	id[colon - c] = '\0';
	s->id = http_id(id);
	s->key = colon + 1;
	return s->id > 0;
}

seek http_seek(const request *r)
{
	seek s = { .from = SEEK_FIRST, .key = "" };
	const char *after = http_query(r, "after"), *before = http_query(r, "before");
	if (*after && parse_cursor(after, &s))
		s.from = SEEK_AFTER;
	else if (*before && parse_cursor(before, &s))
		s.from = SEEK_BEFORE;
	else if (!strcmp(http_query(r, "last"), "1"))
		s = (seek){ .from = SEEK_LAST, .key = "" };
	else
		s = (seek){ .from = SEEK_FIRST, .key = "" };
	return s;
}

const char *http_query(const request *r, const char *name)
{
	const char *v = http_param_get(&r->query, name);
	return v ? v : "";
}

const char *http_form(const request *r, const char *name)
{
	const char *v = http_param_get(&r->form, name);
	return v ? v : "";
}

const char *http_cookie(const request *r, const char *name)
{
	return http_param_get(&r->cookies, name);
}

void http_header(request *r, const char *name, const char *value)
{
	/* header values come from code, but never let a CR/LF through */
	if (strpbrk(name, "\r\n") || strpbrk(value, "\r\n"))
		return;
	strbuf_puts(r->headers, name);
	strbuf_puts(r->headers, ": ");
	strbuf_puts(r->headers, value);
	strbuf_puts(r->headers, "\r\n");
}

void http_redirect(request *r, const char *location)
{
	r->status = 303;
	r->answered = true;
	http_header(r, "Location", location);
}

static bool host_prefixed_cookies;

void http_use_host_prefix(bool on)
{
	host_prefixed_cookies = on;
}

const char *http_cookie_name(const char *prefixed)
{
	size_t n = strlen(HTTP_HOST_PREFIX);
	if (host_prefixed_cookies || strncmp(prefixed, HTTP_HOST_PREFIX, n))
		return prefixed;
	return prefixed + n;
}

void http_set_cookie(request *r, const char *name, const char *value, int max_age, const char *same_site)
{
	char *line = arena_printf(r->arena, "%s=%s; Path=/; HttpOnly; SameSite=%s%s; Max-Age=%d",
				  name, value, same_site, r->https ? "; Secure" : "", max_age);
	http_header(r, "Set-Cookie", line);
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200: return N_("OK");
	case 201: return N_("Created");
	case 204: return N_("No Content");
	case 303: return N_("See Other");
	case 400: return N_("Bad Request");
	case 401: return N_("Unauthorized");
	case 403: return N_("Forbidden");
	case 404: return N_("Not Found");
	case 405: return N_("Method Not Allowed");
	case 408: return N_("Request Timeout");
	case 409: return N_("Conflict");
	case 410: return N_("Gone");
	case 413: return N_("Content Too Large");
	case 414: return N_("URI Too Long");
	case 429: return N_("Too Many Requests");
	case 500: return N_("Internal Server Error");
	case 502: return N_("Bad Gateway");
	case 503: return N_("Service Unavailable");
	case 504: return N_("Gateway Timeout");
	default: return N_("Unknown");
	}
}

/* RFC 3986 unreserved and sub-delims, ':' '@' '/' '?' and '%' (checked apart): no space, no control, no '\',
 * no '#', nothing outside printable ASCII. In the query also what browsers send there unescaped. */
static bool next_char_allowed(unsigned char c, bool in_query)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("-._~!$&'()*+,;=:@/?%", c)) || (in_query && c && strchr("[]{}|^`", c));
}

/* A path segment that a URL parser removes or climbs out of: ".", "..", and their %2e spellings */
static bool is_dot_segment(const char *s, size_t n)
{
	size_t dots = 0;
	for (size_t i = 0; i < n; dots++) {
		if (s[i] == '.')
			i++;
		else if (n - i >= 3 && s[i] == '%' && s[i + 1] == '2' && (s[i + 2] == 'e' || s[i + 2] == 'E'))
			i += 3;
		else
			return false;
	}
	return dots >= 1 && dots <= 2;
}

/* In the path (not the query) an escape may not hide a separator, a dot, a space or a control character,
 * which a server or a later decoding step could turn into "//host" or "/\host". */
static bool path_escape_allowed(int byte)
{
	return byte > ' ' && byte != 0x7f && byte != '/' && byte != '\\' && byte != '.';
}

#define NEXT_MAX 2048

const char *http_safe_next(const char *next)
{
	if (!next || next[0] != '/' || strlen(next) > NEXT_MAX)
		return "/home";
	bool in_query = false;
	size_t segment = 1;  /* start of the current path segment */
	for (size_t i = 0;; i++) {
		unsigned char c = (unsigned char)next[i];
		bool path_ends = !in_query && (c == '\0' || c == '?');
		if (path_ends || (!in_query && c == '/' && i > 0)) {
			if (segment == i && c != '\0' && c != '?')
				return "/home";  /* an empty segment: "//" */
			if (is_dot_segment(next + segment, i - segment))
				return "/home";
			segment = i + 1;
		}
		if (c == '\0')
			return next;
		if (!next_char_allowed(c, in_query))
			return "/home";
		if (c == '?')
			in_query = true;
		if (c == '%') {
			int hi = hexval(next[i + 1]), lo = hi < 0 ? -1 : hexval(next[i + 2]);
			if (lo < 0 || (!in_query && !path_escape_allowed(hi * 16 + lo)))
				return "/home";
			i += 2;
		}
	}
}
