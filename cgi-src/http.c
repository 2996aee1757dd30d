/* http.c: parsers for query strings, urlencoded bodies and cookies; response header helpers */
#include "http.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

static void params_push(arena *a, http_params *p, const char *name, const char *value)
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
		params_push(a, p, name, value);
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
		params_push(a, p, arena_strndup(a, start, (size_t)(eq - start)), arena_strndup(a, v, vlen));
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

long long http_page(const request *r, long long total, long long page_size, long long *pages)
{
	long long page = http_id(http_query(r, "page"));
	*pages = total > 0 ? (total + page_size - 1) / page_size : 1;
	return page < 1 ? 1 : page > *pages ? *pages : page;
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
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default: return "Unknown";
	}
}

const char *http_safe_next(const char *next)
{
	/* only same-site absolute paths: "/x", never "//host" or "/\host" */
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strpbrk(next, "\r\n"))
		return "/home";
	return next;
}
