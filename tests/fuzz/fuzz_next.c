/* fuzz_next.c: libFuzzer harness for the sign-in redirect check (http_safe_next), with the property that
 * matters: a browser resolving the answer against this site's URL stays on this site. browser_resolve
 * follows the WHATWG URL parser's steps that decide the host. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "http.h"

static bool is_c0_or_space(unsigned char c) { return c <= 0x20; }
static bool is_tab_or_newline(unsigned char c) { return c == '\t' || c == '\n' || c == '\r'; }
static bool is_slash(char c) { return c == '/' || c == '\\'; }  /* '\' is '/' in http(s) URLs */
static bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* The input as the parser's first steps leave it: leading and trailing C0 controls and spaces stripped,
 * every tab and newline removed. */
static size_t browser_clean(const char *in, char *out)
{
	size_t start = 0, end = strlen(in), n = 0;
	while (start < end && is_c0_or_space((unsigned char)in[start]))
		start++;
	while (end > start && is_c0_or_space((unsigned char)in[end - 1]))
		end--;
	for (size_t i = start; i < end; i++)
		if (!is_tab_or_newline((unsigned char)in[i]))
			out[n++] = in[i];
	out[n] = '\0';
	return n;
}

/* Length of a leading "scheme:" (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"), 0 when there is none. */
static size_t scheme_length(const char *s)
{
	if (!is_alpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (is_alpha((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* After dot segments are removed, the path of a URL resolved on this site must not begin with "//": a
 * later relative use of it would name a host. */
static bool path_keeps_its_root(const char *path)
{
	char out[4096];
	size_t n = 0;
	const char *p = path;
	while (*p && *p != '?' && *p != '#') {
		p++;  /* the slash before the segment */
		size_t len = strcspn(p, "/\\?#");
		bool one_dot = (len == 1 && p[0] == '.') || (len == 3 && !strncasecmp(p, "%2e", 3));
		bool two_dots = (len == 2 && !strncmp(p, "..", 2)) || (len == 4 && (!strncasecmp(p, ".%2e", 4) ||
			!strncasecmp(p, "%2e.", 4))) || (len == 6 && !strncasecmp(p, "%2e%2e", 6));
		if (two_dots) {
			while (n > 0 && out[--n] != '/')
				;
		} else if (!one_dot) {
			if (n + len + 1 >= sizeof out)
				return true;
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	return !(n >= 2 && out[0] == '/' && out[1] == '/');
}

/* True when a browser on http://site.example/signin following Location: LOC stays on site.example. */
static bool browser_stays_on_site(const char *loc)
{
	char *s = malloc(strlen(loc) + 1);
	browser_clean(loc, s);
	const char *rest = s;
	size_t scheme = scheme_length(s);
	bool same = true;
	if (scheme) {
		/* the base's own special scheme goes on as a relative reference; any other leaves the site */
		if (scheme == 5 && !strncasecmp(s, "http:", 5))
			rest = s + 5;
		else
			same = false;
	}
	if (same && is_slash(rest[0]) && is_slash(rest[1]))
		same = false;  /* "//host": a new authority */
	if (same && is_slash(rest[0]))
		same = path_keeps_its_root(rest);
	free(s);
	return same;
}

/* Nothing a browser would strip or reinterpret: printable ASCII without '\' */
static bool read_as_written(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f || *s == '\\')
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *next = malloc(size + 1);
	memcpy(next, data, size);
	next[size] = '\0';
	const char *out = http_safe_next(next);
	if (strcmp(out, "/home") && out != next)
		abort();  /* the answer is what was asked for, or the default */
	if (out[0] != '/' || !read_as_written(out) || !browser_stays_on_site(out))
		abort();
	free(next);
	return 0;
}
