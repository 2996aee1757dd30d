/* tpl_modifiers.c: ctemplate's escaping modifiers (:h :p :u :j :o :U= :H= ...) and their safety table */
#include <string.h>
#include <strings.h>

#include "tpl.h"
#include "tpl_internal.h"

#define ADD_LIT(out, lit) strbuf_add((out), "" lit "", sizeof(lit) - 1)

/* Appends runs of unescaped bytes in one go; REPL(c) yields the replacement or NULL. */
#define ESCAPE_LOOP(out, s, n, REPL)                                  \
	do {                                                          \
		size_t run_ = 0;                                      \
		for (size_t i_ = 0; i_ < (n); i_++) {                 \
			const char *r_ = REPL((s)[i_]);               \
			if (!r_)                                      \
				continue;                             \
			strbuf_add((out), (s) + run_, i_ - run_);     \
			strbuf_puts((out), r_);                       \
			run_ = i_ + 1;                                \
		}                                                     \
		strbuf_add((out), (s) + run_, (n) - run_);            \
	} while (0)

/* HTML forbids the C0 controls other than its white space (tab, LF, FF, CR), and DEL, even as references;
 * ctemplate passes them through, so a page that echoes a rejected value back was invalid. They become U+FFFD,
 * the mark of a character that was there and cannot be shown (here the port differs from ctemplate on purpose). */
static bool forbidden_control(char c) {
	unsigned char u = (unsigned char)c;
	return (u < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || u == 0x7F;
}
#define REPLACEMENT_CHARACTER "\xEF\xBF\xBD"

static const char *html_repl(char c) {
	switch (c) {
	case '&': return "&amp;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '\r': case '\n': case '\v': case '\f': case '\t': return " ";
	default: return forbidden_control(c) ? REPLACEMENT_CHARACTER : NULL;
	}
}

static const char *pre_repl(char c) {
	switch (c) {
	case '&': return "&amp;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	default: return forbidden_control(c) ? REPLACEMENT_CHARACTER : NULL;
	}
}

static const char *json_repl(char c) {
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '/': return "\\/";
	case '\b': return "\\b";
	case '\f': return "\\f";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '&': return "\\u0026";
	case '<': return "\\u003C";
	case '>': return "\\u003E";
	default: return NULL;
	}
}

static const char *css_url_repl(char c) {
	switch (c) {
	case '\n': return "%0A";
	case '\r': return "%0D";
	case '"': return "%22";
	case '\'': return "%27";
	case '(': return "%28";
	case ')': return "%29";
	case '*': return "%2A";
	case '<': return "%3C";
	case '>': return "%3E";
	case '\\': return "%5C";
	default: return NULL;
	}
}

void tpl_html_escape(strbuf *out, const char *s, size_t n) { ESCAPE_LOOP(out, s, n, html_repl); }
void tpl_pre_escape(strbuf *out, const char *s, size_t n) { ESCAPE_LOOP(out, s, n, pre_repl); }
void tpl_json_escape(strbuf *out, const char *s, size_t n) { ESCAPE_LOOP(out, s, n, json_repl); }
static void xml_escape(strbuf *out, const char *s, size_t n) { ESCAPE_LOOP(out, s, n, pre_repl); }
static void css_url_escape(strbuf *out, const char *s, size_t n) { ESCAPE_LOOP(out, s, n, css_url_repl); }

void tpl_url_query_escape(strbuf *out, const char *s, size_t n) {
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c && strchr(".,_*/~!()-", c)))
			continue;
		strbuf_add(out, s + run, i - run);
		if (c == ' ') {
			strbuf_putc(out, '+');
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };
			strbuf_add(out, esc, 3);
		}
		run = i + 1;
	}
	strbuf_add(out, s + run, n - run);
}

/* Decodes one UTF-8 sequence of up to three bytes like ctemplate does (0xFFFD if broken). */
static unsigned utf8_unit(const char **p, const char *end) {
	unsigned char c = (unsigned char)**p;
	size_t len;
	if ((c & 0xF0) == 0xC0 || (c & 0xF0) == 0xD0)
		len = 2;
	else if ((c & 0xF0) == 0xE0)
		len = 3;
	else {
		++*p;
		return c;
	}
	if ((size_t)(end - *p) < len) {
		++*p;
		return 0xFFFD;
	}
	unsigned u = c & (0xFFu >> len);
	for (size_t i = 1; i < len; i++) {
		unsigned char t = (unsigned char)(*p)[i];
		if ((t & 0xC0) != 0x80) {
			++*p;
			return 0xFFFD;
		}
		u = (u << 6) | (t & 0x3F);
	}
	*p += len;
	return u;
}

void tpl_javascript_escape(strbuf *out, const char *s, size_t n) {
	const char *end = s + n, *run = s;
	for (const char *p = s, *next = s; p < end; p = next) {
		const char *r;
		switch (utf8_unit(&next, end)) {
		case '\0': r = "\\x00"; break;
		case '"': r = "\\x22"; break;
		case '\'': r = "\\x27"; break;
		case '\\': r = "\\\\"; break;
		case '\t': r = "\\t"; break;
		case '\r': r = "\\r"; break;
		case '\n': r = "\\n"; break;
		case '\b': r = "\\b"; break;
		case '\v': r = "\\x0b"; break;
		case '\f': r = "\\f"; break;
		case '&': r = "\\x26"; break;
		case '<': r = "\\x3c"; break;
		case '>': r = "\\x3e"; break;
		case '=': r = "\\x3d"; break;
		case 0x2028: r = "\\u2028"; break;
		case 0x2029: r = "\\u2029"; break;
		default: continue;
		}
		strbuf_add(out, run, (size_t)(p - run));
		strbuf_puts(out, r);
		run = next;
	}
	strbuf_add(out, run, (size_t)(end - run));
}

static void snippet_escape(strbuf *out, const char *s, size_t n) {
	enum { NONE, B, I, B_THEN_I, I_THEN_B } st = NONE;
	static const char *const closer[] = { "", "</b>", "</i>", "</i></b>", "</b></i>" };
	const char *end = s + n;
	for (const char *c = s; c < end; c++) {
		switch (*c) {
		case '"': ADD_LIT(out, "&quot;"); break;
		case '\'': ADD_LIT(out, "&#39;"); break;
		case '>': ADD_LIT(out, "&gt;"); break;
		case '\r': case '\n': case '\v': case '\f': case '\t': ADD_LIT(out, " "); break;
		case '&':
			if (c + 1 < end && c[1] == '{')
				ADD_LIT(out, "&amp;");
			else
				ADD_LIT(out, "&");
			break;
		case '<': {
			const char *tag = NULL, *nx = c + 1;
			size_t left = (size_t)(end - nx);
			if (left >= 2 && !memcmp(nx, "b>", 2) && (st == NONE || st == I)) {
				st = st == I ? I_THEN_B : B;
				tag = "<b>";
			} else if (left >= 2 && !memcmp(nx, "i>", 2) && (st == NONE || st == B)) {
				st = st == B ? B_THEN_I : I;
				tag = "<i>";
			} else if (left >= 3 && !memcmp(nx, "/b>", 3) && st != NONE && st != I) {
				st = st == B ? NONE : I;
				tag = "</b>";
			} else if (left >= 3 && !memcmp(nx, "/i>", 3) && st != NONE && st != B) {
				st = st == I ? NONE : B;
				tag = "</i>";
			} else if (left >= 3 && !memcmp(nx, "br>", 3)) {
				tag = "<br>";
			} else if (left >= 4 && !memcmp(nx, "wbr>", 4)) {
				tag = "<wbr>";
			}
			if (tag) {
				strbuf_puts(out, tag);
				c += strlen(tag) - 1;
			} else {
				ADD_LIT(out, "&lt;");
			}
			break;
		}
		default: strbuf_putc(out, *c); break;
		}
	}
	strbuf_puts(out, closer[st]);
}

static void cleanse_attribute(strbuf *out, const char *s, size_t n) {
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '=')
			strbuf_putc(out, (i == 0 || i == n - 1) ? '_' : '=');
		else if (c == '-' || c == '.' || c == '_' || c == ':' || (c >= 'a' && c <= 'z') ||
		         (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			strbuf_putc(out, c);
		else
			strbuf_putc(out, '_');
	}
}

static void cleanse_css(strbuf *out, const char *s, size_t n) {
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c && strchr(" _.,!#%-", c)))
			strbuf_putc(out, c);
	}
}

static void validate_url(strbuf *out, const char *s, size_t n,
                         void (*chained)(strbuf *, const char *, size_t)) {
	const char *slash = memchr(s, '/', n);
	size_t upto = slash ? (size_t)(slash - s) : n;
	if (memchr(s, ':', upto) && !(n > 7 && strncasecmp(s, "http://", 7) == 0) &&
	    !(n > 8 && strncasecmp(s, "https://", 8) == 0)) {
		chained(out, "#", 1);
		return;
	}
	chained(out, s, n);
}

static void javascript_number(strbuf *out, const char *s, size_t n) {
	if (n == 0)
		return;
	if ((n == 4 && !memcmp(s, "true", 4)) || (n == 5 && !memcmp(s, "false", 5))) {
		strbuf_add(out, s, n);
		return;
	}
	bool valid = true;
	if (s[0] == '0' && n > 2 && (s[1] == 'x' || s[1] == 'X')) {
		for (size_t i = 2; i < n && valid; i++) {
			char c = s[i];
			valid = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9');
		}
	} else {
		for (size_t i = 0; i < n && valid; i++) {
			char c = s[i];
			valid = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
		}
	}
	if (valid)
		strbuf_add(out, s, n);
	else
		ADD_LIT(out, "null");
}

static void prefix_line(strbuf *out, const char *s, size_t n, const char *arg, size_t arglen) {
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		const char *cr = memchr(s, '\r', nl ? (size_t)(nl - s) : n);
		size_t linelen;
		if (!nl && !cr) {
			strbuf_add(out, s, n);
			break;
		}
		if (!nl != !cr)
			linelen = (size_t)((nl ? nl : cr) + 1 - s);
		else if (nl == cr + 1 || nl < cr)
			linelen = (size_t)(nl + 1 - s);
		else
			linelen = (size_t)(cr + 1 - s);
		strbuf_add(out, s, linelen);
		strbuf_add(out, arg, arglen);
		s += linelen;
		n -= linelen;
	}
}

/* Name table: short name, long name (with "=value" for specialisations), and
 * the function identity ctemplate compares in IsSafeXSSAlternative. */
static const struct {
	char shortname;
	const char *longname;
	int func;
	int alts[9];  /* safe alternatives, terminated by -1 */
} mods[TM_COUNT] = {
	[TM_CLEANSE_CSS] = { 'c', "cleanse_css", 0, { TM_U_CSS, -1 } },
	[TM_HTML] = { 'h', "html_escape", 1, { TM_H_SNIPPET, TM_H_PRE, TM_H_ATTRIBUTE, TM_H_URL, TM_PRE,
	                                       TM_URL_QUERY, TM_U_HTML, TM_U_QUERY, -1 } },
	[TM_H_SNIPPET] = { 'H', "html_escape_with_arg=snippet", 2, { TM_HTML, TM_H_PRE, TM_H_ATTRIBUTE, TM_PRE,
	                                                            TM_URL_QUERY, TM_U_QUERY, -1 } },
	[TM_H_PRE] = { 'H', "html_escape_with_arg=pre", 3, { TM_HTML, TM_H_SNIPPET, TM_H_ATTRIBUTE, TM_PRE,
	                                                    TM_URL_QUERY, TM_U_QUERY, -1 } },
	[TM_H_ATTRIBUTE] = { 'H', "html_escape_with_arg=attribute", 4, { -1 } },
	[TM_H_URL] = { 'H', "html_escape_with_arg=url", 5, { -1 } },
	[TM_JS] = { 'j', "javascript_escape", 6, { TM_JSON, -1 } },
	[TM_JSON] = { 'o', "json_escape", 7, { TM_JS, -1 } },
	[TM_PRE] = { 'p', "pre_escape", 3, { TM_HTML, TM_H_SNIPPET, TM_H_PRE, TM_H_ATTRIBUTE, TM_URL_QUERY,
	                                    TM_U_QUERY, -1 } },
	[TM_URL_QUERY] = { 'u', "url_query_escape", 9, { -1 } },
	[TM_U_JS] = { 'U', "url_escape_with_arg=javascript", 10, { -1 } },
	[TM_U_HTML] = { 'U', "url_escape_with_arg=html", 5, { -1 } },
	[TM_U_QUERY] = { 'U', "url_escape_with_arg=query", 9, { -1 } },
	[TM_NONE] = { '\0', "none", 13, { -1 } },
	[TM_XML] = { '\0', "xml_escape", 14, { TM_HTML, TM_H_ATTRIBUTE, -1 } },
	[TM_J_NUMBER] = { 'J', "javascript_escape_with_arg=number", 15, { -1 } },
	[TM_U_CSS] = { 'U', "url_escape_with_arg=css", 16, { -1 } },
};

int tpl_mod_find(const char *name, size_t namelen, const char *val, size_t vallen) {
	int best = -1;
	size_t bestlen = 0;
	for (int m = 0; m < TM_COUNT; m++) {
		const char *ln = mods[m].longname, *eq = strchr(ln, '=');
		bool short_ok = namelen == 1 && name[0] == mods[m].shortname;
		if (eq) {
			size_t base = (size_t)(eq - ln);
			if (vallen == 0 || !(short_ok || (namelen == base && !memcmp(name, ln, base))))
				continue;
			if (eq[1] != '\0' && !(vallen == strlen(eq) && !memcmp(val, eq, vallen)))
				continue;
			if (best < 0 || strlen(ln) > bestlen) {
				best = m;
				bestlen = strlen(ln);
			}
		} else if (vallen == 0 && (short_ok || (namelen == strlen(ln) && !memcmp(name, ln, namelen)))) {
			return m;
		}
	}
	return best;
}

const char *tpl_mod_name(int mod) {
	return mod >= 0 && mod < TM_COUNT ? mods[mod].longname : "prefix_line";
}

bool tpl_mod_safe_alt(int our, int candidate) {
	if (our >= TM_COUNT || candidate >= TM_COUNT)
		return our == candidate;
	if (mods[our].func == mods[candidate].func)
		return true;
	for (int i = 0; mods[our].alts[i] >= 0; i++)
		if (mods[our].alts[i] == candidate)
			return true;
	return false;
}

void tpl_mod_apply(int mod, strbuf *out, const char *s, size_t n, const char *arg, size_t arglen) {
	switch (mod) {
	case TM_CLEANSE_CSS: cleanse_css(out, s, n); break;
	case TM_HTML: tpl_html_escape(out, s, n); break;
	case TM_H_SNIPPET: snippet_escape(out, s, n); break;
	case TM_H_PRE: case TM_PRE: tpl_pre_escape(out, s, n); break;
	case TM_H_ATTRIBUTE: cleanse_attribute(out, s, n); break;
	case TM_H_URL: case TM_U_HTML: validate_url(out, s, n, tpl_html_escape); break;
	case TM_JS: tpl_javascript_escape(out, s, n); break;
	case TM_JSON: tpl_json_escape(out, s, n); break;
	case TM_URL_QUERY: case TM_U_QUERY: tpl_url_query_escape(out, s, n); break;
	case TM_U_JS: validate_url(out, s, n, tpl_javascript_escape); break;
	case TM_U_CSS: validate_url(out, s, n, css_url_escape); break;
	case TM_XML: xml_escape(out, s, n); break;
	case TM_J_NUMBER: javascript_number(out, s, n); break;
	case TM_PREFIX_LINE: prefix_line(out, s, n, arg, arglen); break;
	case TM_NONE: default: strbuf_add(out, s, n); break;
	}
}
