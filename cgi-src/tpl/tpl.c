/* tpl.c: the C port of Google ctemplate: template loading, stripping, parsing, caching, dictionaries, rendering */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tpl.h"
#include "tpl_internal.h"

/* ------------------------------------------------------------------ */
/* Parsed templates                                                    */

enum { N_TEXT, N_VAR, N_SECTION, N_INCLUDE };

typedef struct node node;
struct node {
	uint8_t kind;
	uint8_t nmods;
	const char *name;     /* text for N_TEXT */
	size_t len;
	const int8_t *mods;   /* N_VAR, N_INCLUDE: modifier chain */
	const char *indent;   /* N_INCLUDE: prefix for every line of the included text */
	size_t indent_len;
	node *kids;           /* N_SECTION */
	size_t nkids;
	ptrdiff_t sep;        /* N_SECTION: index of the NAME_separator child, -1 */
};

struct tpl_template {
	char *name;
	tpl_strip strip;      /* as requested (cache key) */
	tpl_strip eff_strip;  /* after the .js rule; passed on to includes */
	arena *a;
	char *buf;            /* the stripped text, nodes point into it */
	node root;
	tpl_template *next;   /* cache chain */
};

#define CACHE_BUCKETS 256
static tpl_template *cache[CACHE_BUCKETS];
static char *root_dir;

static uint32_t hash_str(const char *s) {
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void tpl_set_root(const char *dir) {
	tpl_cache_clear();
	free(root_dir);
	root_dir = dir ? strdup(dir) : NULL;
}

static void template_free(tpl_template *t) {
	arena_free(t->a);
	free(t->buf);
	free(t->name);
	free(t);
}

void tpl_cache_clear(void) {
	for (size_t i = 0; i < CACHE_BUCKETS; i++) {
		while (cache[i]) {
			tpl_template *t = cache[i];
			cache[i] = t->next;
			template_free(t);
		}
	}
}

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
	if (!err || errlen == 0)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Stripping (ctemplate's StripBuffer), keeping a map to source lines  */

typedef struct {
	const char *start, *end;
	size_t start_len, end_len;
} delims;

static const delims default_delims = { "{{", "}}", 2, 2 };

static bool is_space7(char c) {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static const char *memmatch(const char *hay, size_t haylen, const char *needle, size_t nlen) {
	if (nlen == 0)
		return hay;
	if (nlen > haylen)
		return NULL;
	return memmem(hay, haylen, needle, nlen);
}

static void strip_ws(const char **s, size_t *n) {
	while (*n > 0 && is_space7((*s)[*n - 1]))
		(*n)--;
	while (*n > 0 && is_space7(**s)) {
		(*n)--;
		(*s)++;
	}
}

static bool parse_delims(const char *t, size_t n, delims *d) {
	const char *space = memchr(t, ' ', n);
	if (n < 3 || t[0] != '=' || t[n - 1] != '=' || memchr(t + 1, '=', n - 2) || !space ||
	    memchr(space + 1, ' ', (size_t)(t + n - (space + 1))))
		return false;
	d->start = t + 1;
	d->start_len = (size_t)(space - d->start);
	d->end = space + 1;
	d->end_len = (size_t)(t + n - 1 - d->end);
	return true;
}

/* A line holding only whitespace or exactly one {{#..}} {{/..}} {{>..}} {{!..}} {{%..}} {{=..=}} marker. */
static bool removable_line(const char **line, size_t *len, const delims *d) {
	const char *s = *line;
	size_t n = *len;
	strip_ws(&s, &n);
	if (n == 0) {
		*line = s;
		*len = 0;
		return true;
	}
	if (n < d->start_len + d->end_len + 1)
		return false;
	if (memcmp(s, d->start, d->start_len) != 0 || !s[d->start_len] ||
	    !strchr("#/>!%=", s[d->start_len]))
		return false;
	const char *e = memmatch(s + d->start_len, n - d->start_len, d->end, d->end_len);
	if (!e || e + d->end_len != s + n)
		return false;
	*line = s;
	*len = n;
	return true;
}

typedef struct {
	size_t *starts;   /* starts[i]: offset in the stripped text where source line i+1 begins */
	size_t n;
} linemap;

static char *strip_buffer(const char *in, size_t len, tpl_strip strip, size_t *outlen, linemap *lm) {
	char *out = malloc(len + 1);
	size_t w = 0, nlines = 1, cap = 64;
	if (!out)
		abort();
	lm->starts = malloc(cap * sizeof *lm->starts);
	if (!lm->starts)
		abort();
	lm->starts[0] = 0;
	delims d = default_delims;
	for (const char *p = in, *next; p < in + len; p = next) {
		next = memchr(p, '\n', (size_t)(in + len - p));
		next = next ? next + 1 : in + len;
		const char *line = p;
		size_t n = (size_t)(next - p);
		if (strip == TPL_DO_NOT_STRIP) {
			memcpy(out + w, line, n);
			w += n;
		} else {
			bool nl = n > 0 && line[n - 1] == '\n';
			if (nl)
				n--;
			if (strip >= TPL_STRIP_WHITESPACE) {
				strip_ws(&line, &n);
				nl = false;
			} else if (removable_line(&line, &n, &d)) {
				nl = false;
			}
			memcpy(out + w, line, n);
			w += n;
			if (nl)
				out[w++] = '\n';
			/* notice delimiter changes so later lines are judged right */
			const char *m = p, *e;
			/* an empty start delimiter ({{= =}}) matches everywhere without advancing: no marker follows */
			while (d.start_len && (m = memmatch(m, (size_t)(next - m), d.start, d.start_len)) != NULL) {
				e = memmatch(m + d.start_len, (size_t)(next - (m + d.start_len)), d.end, d.end_len);
				if (!e)
					break;
				const char *body = m + d.start_len;
				size_t bodylen = (size_t)(e - body);
				m = e + d.end_len;
				parse_delims(body, bodylen, &d);
			}
		}
		if (next < in + len || (next > p && next[-1] == '\n')) {
			if (nlines == cap) {
				cap *= 2;
				lm->starts = realloc(lm->starts, cap * sizeof *lm->starts);
				if (!lm->starts)
					abort();
			}
			lm->starts[nlines++] = w;
		}
	}
	lm->n = nlines;
	out[w] = '\0';
	*outlen = w;
	return out;
}

static size_t line_of(const linemap *lm, size_t off) {
	size_t lo = 0, hi = lm->n;  /* first line whose successor starts after off */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (lm->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	/* several source lines may map to one offset (stripped away): take the first */
	while (lo > 0 && lm->starts[lo - 1] == lm->starts[lo] && lm->starts[lo] == off)
		lo--;
	return lo + 1;
}

/* ------------------------------------------------------------------ */
/* Parsing (ctemplate's GetNextToken / AddSubnode)                     */

typedef struct {
	node *v;
	size_t n, cap;
} nodevec;

typedef struct {
	tpl_template *t;
	const char *buf, *pos, *end;
	delims d;
	tpl_strip strip;
	linemap lm;
	tpl_context context;
	tpl_htmlctx *html;
	bool failed;
	char *err;
	size_t errlen;
} parser;

static void perr(parser *p, const char *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(parser *p, const char *at, const char *fmt, ...) {
	if (p->failed)
		return;
	p->failed = true;
	if (!p->err || p->errlen == 0)
		return;
	int n = snprintf(p->err, p->errlen, "%s:%zu: ", p->t->name, line_of(&p->lm, (size_t)(at - p->buf)));
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static void push(nodevec *v, node n) {
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->v = realloc(v->v, v->cap * sizeof *v->v);
		if (!v->v)
			abort();
	}
	v->v[v->n++] = n;
}

static bool valid_name(const char *s, size_t n) {
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c < 0x80 && (c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))))
			return false;
	}
	return true;
}

/* Skips the newline after a marker: only in STRIP_WHITESPACE, or "\\\n" always keeps the newline. */
static const char *eat_newline(const char *s, const char *end, tpl_strip strip) {
	if (end - s >= 2 && s[0] == '\\' && s[1] == '\n')
		return s + 1;
	if (end - s >= 1 && s[0] == '\n' && strip >= TPL_STRIP_WHITESPACE)
		return s + 1;
	return s;
}

/* The whitespace after the last newline of TEXT, if that is all that follows it. */
static void indentation_of(const char *text, size_t len, bool implicit_newline, const char **ind, size_t *indlen) {
	const char *nl = text + len;
	while (nl > text && nl[-1] != '\n')
		nl--;
	*ind = NULL;
	*indlen = 0;
	if (nl == text && !implicit_newline)
		return;
	for (const char *p = nl; p < text + len; p++)
		if (*p != ' ' && *p != '\t')
			return;
	if (text + len > nl) {
		*ind = nl;
		*indlen = (size_t)(text + len - nl);
	}
}

static bool parse_pragma(parser *p, const char *s, const char *e, const char *at) {
	const char *id_end = memchr(s, ' ', (size_t)(e - s));
	if (!id_end)
		id_end = e;
	if ((size_t)(id_end - s) != 10 || strncasecmp(s, "AUTOESCAPE", 10) != 0) {
		perr(p, at, "In PRAGMA directive '%.*s' Error: Unrecognized pragma identifier.", (int)(e - s), s);
		return false;
	}
	char context[32] = "", state[32] = "";
	bool have_context = false, have_state = false;
	for (const char *nv = id_end, *val_end; nv < e; nv = val_end + 1) {
		if (*nv++ != ' ') {
			perr(p, at, "In PRAGMA directive '%.*s' Error: Extraneous text.", (int)(e - s), s);
			return false;
		}
		const char *eq = memchr(nv, '=', (size_t)(e - nv));
		if (!eq || eq == nv) {
			perr(p, at, "In PRAGMA directive '%.*s' Error: Missing attribute name or value", (int)(e - s), s);
			return false;
		}
		size_t nlen = (size_t)(eq - nv);
		bool is_context = nlen == 7 && strncasecmp(nv, "context", 7) == 0;
		bool is_state = nlen == 5 && strncasecmp(nv, "state", 5) == 0;
		if (!is_context && !is_state) {
			perr(p, at, "In PRAGMA directive '%.*s' Error: Unrecognized attribute name: %.*s",
			     (int)(e - s), s, (int)nlen, nv);
			return false;
		}
		const char *v = eq + 1;
		if (*v != '"') {
			perr(p, at, "In PRAGMA directive '%.*s' Error: Attribute value is not enclosed in double quotes.",
			     (int)(e - s), s);
			return false;
		}
		const char *cur = ++v;
		do {
			val_end = cur < e ? memchr(cur, '"', (size_t)(e - cur)) : NULL;
			if (!val_end) {
				perr(p, at, "In PRAGMA directive '%.*s' Error: Attribute value not terminated.",
				     (int)(e - s), s);
				return false;
			}
			cur = val_end + 1;
		} while (val_end[-1] == '\\');
		char *dst = is_context ? context : state;
		size_t w = 0;
		for (const char *q = v; q < val_end && w + 1 < 32; q++) {
			if (q[0] == '\\' && q + 1 < val_end && q[1] == '"')
				continue;
			dst[w++] = *q;
		}
		dst[w] = '\0';
		if (is_context)
			have_context = true;
		else
			have_state = true;
	}
	tpl_context c = TC_MANUAL;
	if (have_context) {
		if (!strcmp(context, "HTML") || !strcmp(context, "html")) c = TC_HTML;
		else if (!strcmp(context, "JAVASCRIPT") || !strcmp(context, "javascript")) c = TC_JS;
		else if (!strcmp(context, "CSS") || !strcmp(context, "css")) c = TC_CSS;
		else if (!strcmp(context, "JSON") || !strcmp(context, "json")) c = TC_JSON;
		else if (!strcmp(context, "XML") || !strcmp(context, "xml")) c = TC_XML;
	}
	if (c == TC_MANUAL) {
		perr(p, at, "Invalid context in Pragma directive.");
		return false;
	}
	bool in_tag = false;
	if (have_state) {
		if (c == TC_HTML && (!strcmp(state, "IN_TAG") || !strcmp(state, "in_tag")))
			in_tag = true;
		else if (strcmp(state, "default") != 0) {
			perr(p, at, "Unsupported state '%s' in Pragma directive.", state);
			return false;
		}
	}
	if (p->context != TC_MANUAL) {
		perr(p, at, "Only one AUTOESCAPE pragma is allowed");
		return false;
	}
	p->context = c;
	if (c == TC_HTML || c == TC_JS || c == TC_CSS)
		p->html = tpl_htmlctx_new(c, in_tag);
	return true;
}

/* Appends the auto-escape modifier unless the template's own ones are safe here. */
static int8_t *auto_modifiers(parser *p, const int8_t *mods, size_t *nmods, int automod) {
	size_t n = *nmods;
	if (n > 0) {
		for (size_t i = 0; i < n; i++)
			if (mods[i] == TM_NONE)
				return (int8_t *)mods;
		for (size_t i = 0; i < n; i++)
			if (tpl_mod_safe_alt(automod, mods[i]))
				return (int8_t *)mods;
	}
	int8_t *m = arena_alloc(p->t->a, n + 1);
	if (n)
		memcpy(m, mods, n);
	m[n] = (int8_t)automod;
	*nmods = n + 1;
	return m;
}

static const char SECTION_MAIN[] = "";

/* Parses the nodes of one section (NAME, or the whole template) into OUT. */
static void parse_section(parser *p, const char *name, size_t namelen, bool is_main, node *out) {
	nodevec kids = { 0 };
	ptrdiff_t sep = -1;
	const char *ind = NULL;
	size_t indlen = 0;
	bool implicit_nl = true;  /* ctemplate's indentation_ == "\n" */
	bool closed = false;

	while (!p->failed) {
		if (p->pos >= p->end) {
			if (!is_main)
				perr(p, p->end, "File ended before all sections were closed (section %.*s)", (int)namelen, name);
			break;
		}
		/* text up to the next start marker */
		const char *m = memmatch(p->pos, (size_t)(p->end - p->pos), p->d.start, p->d.start_len);
		const char *text = p->pos;
		size_t textlen;
		if (!m) {
			textlen = (size_t)(p->end - p->pos);
			p->pos = p->end;
		} else {
			while (m + 1 + p->d.start_len <= p->end && memcmp(m + 1, p->d.start, p->d.start_len) == 0)
				m++;
			textlen = (size_t)(m - text);
			p->pos = m + p->d.start_len;
		}
		if (textlen > 0) {
			push(&kids, (node){ .kind = N_TEXT, .name = text, .len = textlen, .sep = -1 });
			size_t bad;
			if (p->html && !tpl_htmlctx_feed(p->html, text, textlen, &bad)) {
				size_t from = bad > 20 ? bad - 20 : 0;
				perr(p, text + bad, "Auto-Escape: HTML parser cannot continue at '%.*s'",
				     (int)(bad + 1 - from), text + from);
				break;
			}
		}
		indentation_of(text, textlen, implicit_nl, &ind, &indlen);
		implicit_nl = false;
		if (!m || p->pos >= p->end)
			continue;  /* a start marker at the very end is dropped, as ctemplate does */

		/* a marker */
		const char *at = p->pos, *ts = p->pos, *te = NULL;
		char type = *ts;
		switch (type) {
		case '#': case '/': case '!': case '>': case '%': ts++; break;
		case '=':
			if (p->end > ts + 1)
				te = memchr(ts + 1, '=', (size_t)(p->end - (ts + 1)));
			if (!te || te + p->d.end_len > p->end || te + 1 + p->d.end_len > p->end ||
			    memcmp(te + 1, p->d.end, p->d.end_len) != 0)
				te = NULL;
			else
				te++;
			break;
		default: type = 'v'; break;
		}
		if (!te)
			te = memmatch(ts, (size_t)(p->end - ts), p->d.end, p->d.end_len);
		if (!te) {
			perr(p, at, "No ending '%.*s' when parsing name starting with '%.*s'", (int)p->d.end_len, p->d.end,
			     (int)((p->end - ts) > 40 ? 40 : (p->end - ts)), ts);
			break;
		}
		if (type == '%' && !parse_pragma(p, ts, te, at))
			break;
		if (type == '!' || type == '=' || type == '%') {
			p->pos = eat_newline(te + p->d.end_len, p->end, p->strip);
			if (type == '=') {
				if (!parse_delims(ts, (size_t)(te - ts), &p->d)) {
					perr(p, at, "Invalid delimiter-setting command: %.*s", (int)(te - ts), ts);
					break;
				}
			} else if (type == '%' && (!is_main || kids.n > 0)) {
				perr(p, at, "Pragma marker must be at the top of the template");
				break;
			}
			continue;
		}
		const char *ms = memchr(ts, ':', (size_t)(te - ts));
		if (!ms)
			ms = te;
		if (!valid_name(ts, (size_t)(ms - ts))) {
			perr(p, at, "Illegal name in template '%.*s'", (int)(ms - ts), ts);
			break;
		}
		int8_t modbuf[32];
		size_t nmods = 0;
		for (const char *mod = ms, *me; mod < te && !p->failed; mod = me) {
			mod++;
			me = memchr(mod, ':', (size_t)(te - mod));
			if (!me)
				me = te;
			const char *val = memchr(mod, '=', (size_t)(me - mod));
			if (!val)
				val = me;
			int id = tpl_mod_find(mod, (size_t)(val - mod), val, (size_t)(me - val));
			if (id < 0)
				perr(p, at, "Unknown modifier for variable %.*s: '%.*s'", (int)(ms - ts), ts,
				     (int)(me - mod), mod);
			else if (nmods >= sizeof modbuf - 1)
				perr(p, at, "Too many modifiers for %.*s", (int)(ms - ts), ts);
			else
				modbuf[nmods++] = (int8_t)id;
		}
		if (p->failed)
			break;
		if (nmods > 0 && type != 'v' && type != '>') {
			perr(p, at, "%.*s malformed: only variables and template-includes are allowed to have modifiers",
			     (int)(te - ts), ts);
			break;
		}
		p->pos = te + p->d.end_len;
		if (type != 'v')
			p->pos = eat_newline(p->pos, p->end, p->strip);
		const char *nm = ts;
		size_t nmlen = (size_t)(ms - ts);
		int8_t *mods = NULL;
		if (nmods) {
			mods = arena_alloc(p->t->a, nmods);
			memcpy(mods, modbuf, nmods);
		}

		if (type == 'v') {
			if (p->context != TC_MANUAL) {
				bool bi_space = nmlen == 8 && !memcmp(nm, "BI_SPACE", 8);
				bool bi_nl = nmlen == 10 && !memcmp(nm, "BI_NEWLINE", 10);
				if (bi_space || bi_nl) {
					if (p->html && !tpl_htmlctx_feed(p->html, bi_space ? " " : "\n", 1, NULL)) {
						perr(p, at, "Auto-Escape: failed parsing HTML at %.*s", (int)nmlen, nm);
						break;
					}
				} else if (nmlen > 0) {
					const char *why = NULL;
					int am = p->html ? tpl_htmlctx_modifier(p->html, &why)
					       : p->context == TC_XML ? TM_XML : TM_JS;
					if (am < 0) {
						perr(p, at, "Auto-Escape: %s (variable %.*s)", why, (int)nmlen, nm);
						break;
					}
					mods = auto_modifiers(p, mods, &nmods, am);
				}
			}
			push(&kids, (node){ .kind = N_VAR, .name = nm, .len = nmlen, .mods = mods,
			                    .nmods = (uint8_t)nmods, .sep = -1 });
			ind = NULL, indlen = 0;
		} else if (type == '>') {
			if (indlen > 0) {
				int8_t *m2 = arena_alloc(p->t->a, nmods + 1);
				if (nmods)
					memcpy(m2, mods, nmods);
				m2[nmods++] = TM_PREFIX_LINE;
				mods = m2;
			}
			push(&kids, (node){ .kind = N_INCLUDE, .name = nm, .len = nmlen, .mods = mods,
			                    .nmods = (uint8_t)nmods, .indent = ind, .indent_len = indlen, .sep = -1 });
			ind = NULL, indlen = 0;
		} else if (type == '#') {
			node sec;
			parse_section(p, nm, nmlen, false, &sec);
			if (p->failed)
				break;
			push(&kids, sec);
			if (nmlen == namelen + 10 && !memcmp(nm, name, namelen) && !memcmp(nm + namelen, "_separator", 10))
				sep = (ptrdiff_t)kids.n - 1;
			ind = NULL, indlen = 0;
		} else { /* '/' */
			if (nmlen != namelen || memcmp(nm, name, namelen) != 0 || is_main) {
				perr(p, at, "Found end of different section than the one I am in: found %.*s, in %.*s",
				     (int)nmlen, nm, (int)(is_main ? 4 : namelen), is_main ? "MAIN" : name);
				break;
			}
			closed = true;
			break;
		}
	}
	(void)closed;
	*out = (node){ .kind = N_SECTION, .name = name, .len = namelen, .sep = sep };
	if (kids.n) {
		out->kids = arena_alloc(p->t->a, kids.n * sizeof *kids.v);
		memcpy(out->kids, kids.v, kids.n * sizeof *kids.v);
		out->nkids = kids.n;
	}
	free(kids.v);
}

static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
	FILE *f = fopen(path, "rb");
	if (!f) {
		set_err(err, errlen, "%s: cannot open template: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
		set_err(err, errlen, "%s: not a readable file", path);
		fclose(f);
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	size_t r;
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		set_err(err, errlen, "%s: read error", path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static bool has_suffix(const char *s, const char *suf) {
	size_t n = strlen(s), m = strlen(suf);
	return n > m && strcmp(s + n - m, suf) == 0;
}

const tpl_template *tpl_load(const char *name, tpl_strip strip, char *err, size_t errlen) {
	if (!name || !*name) {
		set_err(err, errlen, "empty template name");
		return NULL;
	}
	uint32_t h = hash_str(name) % CACHE_BUCKETS;
	for (tpl_template *t = cache[h]; t; t = t->next)
		if (t->strip == strip && strcmp(t->name, name) == 0)
			return t;

	char *path;
	if (name[0] == '/' || !root_dir || !*root_dir) {
		path = strdup(name);
	} else {
		size_t rl = strlen(root_dir);
		path = malloc(rl + strlen(name) + 2);
		if (path)
			sprintf(path, "%s%s%s", root_dir, root_dir[rl - 1] == '/' ? "" : "/", name);
	}
	if (!path)
		abort();
	size_t rawlen;
	char *raw = read_file(path, &rawlen, err, errlen);
	free(path);
	if (!raw)
		return NULL;

	tpl_template *t = calloc(1, sizeof *t);
	if (!t)
		abort();
	t->name = strdup(name);
	t->strip = strip;
	t->eff_strip = (strip == TPL_STRIP_WHITESPACE && has_suffix(name, ".js")) ? TPL_STRIP_BLANK_LINES : strip;
	t->a = arena_new(4096);
	parser p = { .t = t, .strip = t->eff_strip, .d = default_delims, .err = err, .errlen = errlen };
	size_t len;
	t->buf = strip_buffer(raw, rawlen, t->eff_strip, &len, &p.lm);
	free(raw);
	p.buf = p.pos = t->buf;
	p.end = t->buf + len;
	parse_section(&p, SECTION_MAIN, 0, true, &t->root);
	free(p.lm.starts);
	if (p.html)
		tpl_htmlctx_free(p.html);
	if (p.failed) {
		template_free(t);
		return NULL;
	}
	t->next = cache[h];
	cache[h] = t;
	return t;
}

static int preload_dir(const char *dir, const char *rel, tpl_strip strip, char *err, size_t errlen) {
	DIR *d = opendir(dir);
	if (!d) {
		set_err(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t dl = strlen(dir), rl = strlen(rel), nl = strlen(e->d_name);
		char *full = malloc(dl + nl + 2), *relname = malloc(rl + nl + 2);
		if (!full || !relname)
			abort();
		sprintf(full, "%s/%s", dir, e->d_name);
		sprintf(relname, "%s%s%s", rel, rl ? "/" : "", e->d_name);
		struct stat st;
		if (stat(full, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				rc = preload_dir(full, relname, strip, err, errlen);
			else if (has_suffix(e->d_name, ".tpl") && !tpl_load(relname, strip, err, errlen))
				rc = -1;
		}
		free(full);
		free(relname);
	}
	closedir(d);
	return rc;
}

int tpl_preload_all(tpl_strip strip, char *err, size_t errlen) {
	return preload_dir(root_dir && *root_dir ? root_dir : ".", "", strip, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Dictionaries                                                        */

enum { E_VALUE, E_SECTION, E_INCLUDE };

typedef struct entry entry;
struct entry {
	entry *next;
	const char *name;
	size_t nlen;
	uint8_t kind;
	const char *val;          /* E_VALUE */
	size_t vlen;
	tpl_dict *first, *last;   /* E_SECTION, E_INCLUDE: the child dictionaries */
};

struct tpl_dict {
	arena *a;
	const tpl_dict *parent;   /* NULL for the main and for include dictionaries */
	entry *entries;
	tpl_dict *next;           /* sibling in a section/include list */
	const char *filename;     /* include dictionaries */
};

tpl_dict *tpl_dict_new(arena *a) {
	tpl_dict *d = arena_calloc(a, sizeof *d);
	d->a = a;
	return d;
}

static entry *find_entry(const tpl_dict *d, const char *name, size_t nlen, int kind) {
	for (entry *e = d->entries; e; e = e->next)
		if (e->kind == kind && e->nlen == nlen && memcmp(e->name, name, nlen) == 0)
			return e;
	return NULL;
}

static entry *get_entry(tpl_dict *d, const char *name, int kind) {
	size_t n = strlen(name);
	entry *e = find_entry(d, name, n, kind);
	if (!e) {
		e = arena_calloc(d->a, sizeof *e);
		e->name = arena_strndup(d->a, name, n);
		e->nlen = n;
		e->kind = (uint8_t)kind;
		e->next = d->entries;
		d->entries = e;
	}
	return e;
}

void tpl_set_len(tpl_dict *d, const char *name, const char *value, size_t len) {
	entry *e = get_entry(d, name, E_VALUE);
	e->val = arena_strndup(d->a, value ? value : "", value ? len : 0);
	e->vlen = value ? len : 0;
}

void tpl_set(tpl_dict *d, const char *name, const char *value) {
	tpl_set_len(d, name, value, value ? strlen(value) : 0);
}

void tpl_set_int(tpl_dict *d, const char *name, long long value) {
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%lld", value);
	tpl_set_len(d, name, buf, (size_t)n);
}

void tpl_set_printf(tpl_dict *d, const char *name, const char *fmt, ...) {
	va_list ap, ap2;
	va_start(ap, fmt);
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		va_end(ap2);
		tpl_set_len(d, name, "", 0);
		return;
	}
	char *buf = arena_alloc(d->a, (size_t)n + 1);
	vsnprintf(buf, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	entry *e = get_entry(d, name, E_VALUE);
	e->val = buf;
	e->vlen = (size_t)n;
}

static tpl_dict *append_child(tpl_dict *d, entry *e, const tpl_dict *parent) {
	tpl_dict *c = tpl_dict_new(d->a);
	c->parent = parent;
	if (e->last)
		e->last->next = c;
	else
		e->first = c;
	e->last = c;
	return c;
}

void tpl_show_section(tpl_dict *d, const char *name) {
	entry *e = get_entry(d, name, E_SECTION);
	if (!e->first)
		append_child(d, e, d);
}

tpl_dict *tpl_add_section(tpl_dict *d, const char *name) {
	return append_child(d, get_entry(d, name, E_SECTION), d);
}

tpl_dict *tpl_add_include(tpl_dict *d, const char *name, const char *file) {
	tpl_dict *c = append_child(d, get_entry(d, name, E_INCLUDE), NULL);
	c->filename = arena_strdup(d->a, file ? file : "");
	return c;
}

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

typedef struct {
	char *err;
	size_t errlen;
	int depth;
	bool failed;
	const char *include_dir;  /* tpl_render_in: the folder include names are relative to (NULL: the root) */
	strbuf scratch[2];
} renderer;

static const entry *lookup(const tpl_dict *d, const char *name, size_t nlen, int kind) {
	for (; d; d = d->parent) {
		const entry *e = find_entry(d, name, nlen, kind);
		if (e)
			return e;
	}
	return NULL;
}

/* Applies the chain MODS to S, appending to OUT. */
static void apply_mods(renderer *r, const node *n, strbuf *out, const char *s, size_t len) {
	if (n->nmods == 1) {
		tpl_mod_apply(n->mods[0], out, s, len, n->indent, n->indent_len);
		return;
	}
	strbuf *a = &r->scratch[0], *b = &r->scratch[1];
	/* nested use (an include's text) must not clobber a caller's scratch: use locals then */
	strbuf la = STRBUF_INIT, lb = STRBUF_INIT;
	if (a->len || b->len || (s >= a->data && a->data && s < a->data + a->cap)) {
		a = &la;
		b = &lb;
	}
	strbuf_reset(a);
	tpl_mod_apply(n->mods[0], a, s, len, n->indent, n->indent_len);
	for (size_t i = 1; i + 1 < n->nmods; i++) {
		strbuf_reset(b);
		tpl_mod_apply(n->mods[i], b, a->data ? a->data : "", a->len, n->indent, n->indent_len);
		strbuf *t = a;
		a = b;
		b = t;
	}
	tpl_mod_apply(n->mods[n->nmods - 1], out, a->data ? a->data : "", a->len, n->indent, n->indent_len);
	strbuf_reset(a);
	strbuf_reset(b);
	strbuf_release(&la);
	strbuf_release(&lb);
}

static void render_nodes(renderer *r, const node *sec, const tpl_dict *d, strbuf *out, tpl_strip strip);

static void render_template(renderer *r, const tpl_template *t, const tpl_dict *d, strbuf *out) {
	render_nodes(r, &t->root, d, out, t->eff_strip);
}

static void render_include(renderer *r, const node *n, const tpl_dict *d, const char *file, strbuf *out,
                           tpl_strip strip) {
	if (!file || !*file)
		return;
	char lerr[512], in_dir[512];
	if (r->include_dir && file[0] != '/') {
		snprintf(in_dir, sizeof in_dir, "%s/%s", r->include_dir, file);
		file = in_dir;
	}
	const tpl_template *t = tpl_load(file, strip, lerr, sizeof lerr);
	if (!t) {
		if (!r->failed)
			set_err(r->err, r->errlen, "failed to load included template: %s", lerr);
		r->failed = true;
		return;
	}
	if (r->depth >= 100) {
		if (!r->failed)
			set_err(r->err, r->errlen, "%s: templates include each other too deeply", file);
		r->failed = true;
		return;
	}
	r->depth++;
	if (n->nmods == 0) {
		render_template(r, t, d, out);
	} else {
		strbuf sub = STRBUF_INIT;
		render_template(r, t, d, &sub);
		apply_mods(r, n, out, sub.data ? sub.data : "", sub.len);
		strbuf_release(&sub);
	}
	r->depth--;
}

static void render_section_once(renderer *r, const node *sec, const tpl_dict *d, strbuf *out, tpl_strip strip,
                                bool last) {
	for (size_t i = 0; i < sec->nkids; i++) {
		const node *n = &sec->kids[i];
		switch (n->kind) {
		case N_TEXT:
			strbuf_add(out, n->name, n->len);
			break;
		case N_VAR: {
			const entry *e = lookup(d, n->name, n->len, E_VALUE);
			const char *v = e ? e->val : "";
			size_t vl = e ? e->vlen : 0;
			if (!e) {
				if (n->len == 8 && !memcmp(n->name, "BI_SPACE", 8))
					v = " ", vl = 1;
				else if (n->len == 10 && !memcmp(n->name, "BI_NEWLINE", 10))
					v = "\n", vl = 1;
			}
			if (n->nmods == 0)
				strbuf_add(out, v, vl);
			else
				apply_mods(r, n, out, v, vl);
			break;
		}
		case N_SECTION:
			render_nodes(r, n, d, out, strip);
			if ((ptrdiff_t)i == sec->sep && !last)
				render_section_once(r, n, d, out, strip, true);
			break;
		case N_INCLUDE: {
			const entry *e = lookup(d, n->name, n->len, E_INCLUDE);
			if (!e)
				break;
			for (const tpl_dict *c = e->first; c; c = c->next)
				render_include(r, n, c, c->filename, out, strip);
			break;
		}
		}
	}
}

static void render_nodes(renderer *r, const node *sec, const tpl_dict *d, strbuf *out, tpl_strip strip) {
	if (sec->name == SECTION_MAIN) {
		render_section_once(r, sec, d, out, strip, true);
		return;
	}
	const entry *e = lookup(d, sec->name, sec->len, E_SECTION);
	if (!e)
		return;
	if (!e->first) {
		render_section_once(r, sec, d, out, strip, true);
		return;
	}
	for (const tpl_dict *c = e->first; c; c = c->next)
		render_section_once(r, sec, c, out, strip, c->next == NULL);
}

int tpl_render(const tpl_template *t, const tpl_dict *d, strbuf *out, char *err, size_t errlen) {
	return tpl_render_in(t, NULL, d, out, err, errlen);
}

int tpl_render_in(const tpl_template *t, const char *include_dir, const tpl_dict *d, strbuf *out, char *err,
		  size_t errlen) {
	renderer r = { .err = err, .errlen = errlen, .scratch = { STRBUF_INIT, STRBUF_INIT }, .include_dir = include_dir };
	tpl_dict empty = { 0 };
	render_template(&r, t, d ? d : &empty, out);
	strbuf_release(&r.scratch[0]);
	strbuf_release(&r.scratch[1]);
	if (out->len == 0)
		strbuf_add(out, "", 0);
	return r.failed ? -1 : 0;
}
