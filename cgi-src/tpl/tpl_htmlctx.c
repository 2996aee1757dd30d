/* tpl_htmlctx.c: HTML/JS context tracker that picks auto-escape modifiers like ctemplate's htmlparser */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tpl_internal.h"

enum {
	S_TEXT, S_TAG_START, S_TAG_NAME, S_DECL_START, S_DECL_BODY, S_COMMENT_OPEN,
	S_COMMENT_BODY, S_COMMENT_DASH, S_COMMENT_DASH_DASH, S_PI, S_PI_MAY_END,
	S_TAG_SPACE, S_TAG_CLOSE, S_ATTR, S_ATTR_SPACE, S_VALUE, S_VALUE_TEXT,
	S_VALUE_Q_START, S_VALUE_Q, S_VALUE_DQ_START, S_VALUE_DQ,
	S_CC_START, S_CC_START_DASH, S_CC_BODY, S_CC_DASH, S_CC_DASH_DASH,
	S_CDATA_TEXT, S_CDATA_LT, S_CDATA_MAY_CLOSE, S_JS_FILE, S_CSS_FILE, S_ERROR,
};

/* What the states look like from outside. */
enum { X_TEXT, X_TAG, X_ATTR, X_VALUE, X_COMMENT, X_JS_FILE, X_CSS_FILE, X_ERROR };

/* Javascript lexer states. */
enum { J_TEXT, J_Q, J_Q_E, J_DQ, J_DQ_E, J_SLASH, J_REGEXP_SLASH, J_REGEXP,
       J_REGEXP_BRACKET, J_REGEXP_BRACKET_E, J_REGEXP_E, J_COMMENT_LN,
       J_COMMENT_ML, J_COMMENT_ML_CLOSE, J_COMMENT_AFTER };

enum { ATTR_NONE, ATTR_REGULAR, ATTR_URI, ATTR_JS, ATTR_STYLE };

#define MAXSTR 256

struct tpl_htmlctx {
	tpl_context context;
	int state;
	bool in_js;
	int value_index;
	char tag[MAXSTR], attr[MAXSTR];
	/* the one recording buffer (tag name, attribute name, value, closing tag) */
	char rec[MAXSTR];
	size_t rec_len;
	bool recording;
	/* javascript lexer */
	int js;
	char js_last;          /* last significant character outside strings/comments */
	char js_word[16];      /* identifier that ended right before, for regexp detection */
	size_t js_word_len;
	bool js_in_word;
	/* entity decoding of javascript inside on* attributes */
	bool ent_in;
	char ent[16];
	size_t ent_len;
};

static bool is_id(char c) { return isalnum((unsigned char)c) || c == '_' || c == ':' || c == '.' || c == '-'; }
static bool is_idtag(char c) { return is_id(c) || c == '/'; }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int external(int st) {
	switch (st) {
	case S_TAG_START: case S_TAG_NAME: case S_TAG_SPACE: return X_TAG;
	case S_COMMENT_BODY: case S_COMMENT_DASH: case S_COMMENT_DASH_DASH: return X_COMMENT;
	case S_ATTR: case S_ATTR_SPACE: return X_ATTR;
	case S_VALUE: case S_VALUE_TEXT: case S_VALUE_Q_START: case S_VALUE_Q:
	case S_VALUE_DQ_START: case S_VALUE_DQ: return X_VALUE;
	case S_JS_FILE: return X_JS_FILE;
	case S_CSS_FILE: return X_CSS_FILE;
	case S_ERROR: return X_ERROR;
	default: return X_TEXT;
	}
}

static int next_state(int st, char c) {
	switch (st) {
	case S_TEXT: return c == '<' ? S_TAG_START : S_TEXT;
	case S_TAG_START:
		if (is_idtag(c)) return S_TAG_NAME;
		if (c == '?') return S_PI;
		if (c == '!') return S_DECL_START;
		if (c == '<') return S_TAG_START;
		return S_TEXT;
	case S_TAG_NAME:
		if (is_idtag(c)) return S_TAG_NAME;
		if (is_space(c)) return S_TAG_SPACE;
		if (c == '>') return S_TAG_CLOSE;
		return S_ERROR;
	case S_DECL_START:
		if (c == '-') return S_COMMENT_OPEN;
		if (c == '>') return S_TEXT;
		return S_DECL_BODY;
	case S_DECL_BODY: return c == '>' ? S_TEXT : S_DECL_BODY;
	case S_COMMENT_OPEN: return c == '-' ? S_COMMENT_BODY : S_TEXT;
	case S_COMMENT_BODY: return c == '-' ? S_COMMENT_DASH : S_COMMENT_BODY;
	case S_COMMENT_DASH: return c == '-' ? S_COMMENT_DASH_DASH : S_COMMENT_BODY;
	case S_COMMENT_DASH_DASH:
		if (c == '-') return S_COMMENT_DASH_DASH;
		if (c == '>') return S_TEXT;
		return S_COMMENT_BODY;
	case S_PI: return c == '?' ? S_PI_MAY_END : S_PI;
	case S_PI_MAY_END: return c == '>' ? S_TEXT : S_PI;
	case S_TAG_SPACE:
		if (c == '>') return S_TAG_CLOSE;
		if (is_space(c)) return S_TAG_SPACE;
		if (is_id(c)) return S_ATTR;
		if (c == '/') return S_TAG_SPACE;
		return S_ERROR;
	case S_TAG_CLOSE: return c == '<' ? S_TAG_START : S_TEXT;
	case S_ATTR:
		if (is_id(c)) return S_ATTR;
		if (c == '>') return S_TAG_CLOSE;
		if (c == '/') return S_TAG_SPACE;
		if (c == '=') return S_VALUE;
		if (is_space(c)) return S_ATTR_SPACE;
		return S_ERROR;
	case S_ATTR_SPACE:
		if (c == '>') return S_TAG_CLOSE;
		if (is_space(c)) return S_ATTR_SPACE;
		if (is_id(c)) return S_ATTR;
		if (c == '/') return S_TAG_SPACE;
		if (c == '=') return S_VALUE;
		return S_ERROR;
	case S_VALUE:
		if (c == '\'') return S_VALUE_Q_START;
		if (c == '"') return S_VALUE_DQ_START;
		if (is_space(c)) return S_VALUE;
		if (c == '>') return S_TAG_CLOSE;
		return S_VALUE_TEXT;
	case S_VALUE_TEXT:
		if (c == '>') return S_TAG_CLOSE;
		if (is_space(c)) return S_TAG_SPACE;
		return S_VALUE_TEXT;
	case S_VALUE_Q_START: case S_VALUE_Q: return c == '\'' ? S_TAG_SPACE : S_VALUE_Q;
	case S_VALUE_DQ_START: case S_VALUE_DQ: return c == '"' ? S_TAG_SPACE : S_VALUE_DQ;
	case S_CC_START: return c == '-' ? S_CC_START_DASH : S_CDATA_TEXT;
	case S_CC_START_DASH: return c == '-' ? S_CC_BODY : S_CDATA_TEXT;
	case S_CC_BODY: return c == '-' ? S_CC_DASH : S_CC_BODY;
	case S_CC_DASH: return c == '-' ? S_CC_DASH_DASH : S_CC_BODY;
	case S_CC_DASH_DASH:
		if (c == '-') return S_CC_DASH_DASH;
		if (c == '>') return S_CDATA_TEXT;
		return S_CC_BODY;
	case S_CDATA_TEXT: return c == '<' ? S_CDATA_LT : S_CDATA_TEXT;
	case S_CDATA_LT:
		if (c == '/') return S_CDATA_MAY_CLOSE;
		if (c == '!') return S_CC_START;
		return S_CDATA_TEXT;
	case S_CDATA_MAY_CLOSE:
		if (is_idtag(c)) return S_CDATA_MAY_CLOSE;
		if (c == '>') return S_TEXT;
		if (is_space(c)) return S_TAG_SPACE;
		return S_CDATA_TEXT;
	case S_JS_FILE: return S_JS_FILE;
	case S_CSS_FILE: return S_CSS_FILE;
	default: return S_ERROR;
	}
}

/* ---- javascript lexer ---- */

static bool js_regexp_may_follow(const tpl_htmlctx *h) {
	static const char *const kw[] = { "return", "typeof", "case", "do", "delete", "else",
	                                  "in", "instanceof", "new", "throw", "void", NULL };
	if (h->js_word_len > 0 && h->js_last == h->js_word[h->js_word_len - 1]) {
		for (int i = 0; kw[i]; i++)
			if (strlen(kw[i]) == h->js_word_len && memcmp(kw[i], h->js_word, h->js_word_len) == 0)
				return true;
		return false;
	}
	return h->js_last == '\0' || strchr("(,=:[!&|?{};+-*%~^<>", h->js_last) != NULL;
}

static void js_note_char(tpl_htmlctx *h, char c) {
	if (is_space(c)) {
		h->js_in_word = false;
		return;
	}
	bool word = isalnum((unsigned char)c) || c == '_' || c == '$';
	if (word) {
		if (!h->js_in_word)
			h->js_word_len = 0;
		if (h->js_word_len < sizeof h->js_word)
			h->js_word[h->js_word_len++] = c;
		h->js_in_word = true;
	} else {
		h->js_in_word = false;
		h->js_word_len = 0;
	}
	h->js_last = c;
}

static void js_reset(tpl_htmlctx *h) {
	h->js = J_TEXT;
	h->js_last = '\0';
	h->js_word_len = 0;
	h->js_in_word = false;
}

static void js_feed(tpl_htmlctx *h, char c) {
	switch (h->js) {
	case J_TEXT: case J_COMMENT_AFTER:
		if (c == '\'') h->js = J_Q;
		else if (c == '"') h->js = J_DQ;
		else if (c == '/') h->js = js_regexp_may_follow(h) ? J_REGEXP_SLASH : J_SLASH;
		else { h->js = J_TEXT; js_note_char(h, c); }
		break;
	case J_Q:
		if (c == '\\') h->js = J_Q_E;
		else if (c == '\'') { h->js = J_TEXT; js_note_char(h, c); }
		break;
	case J_Q_E: h->js = J_Q; break;
	case J_DQ:
		if (c == '\\') h->js = J_DQ_E;
		else if (c == '"') { h->js = J_TEXT; js_note_char(h, c); }
		break;
	case J_DQ_E: h->js = J_DQ; break;
	case J_SLASH:
		if (c == '/') h->js = J_COMMENT_LN;
		else if (c == '*') h->js = J_COMMENT_ML;
		else { h->js = J_TEXT; js_note_char(h, '/'); js_note_char(h, c); }
		break;
	case J_REGEXP_SLASH:
		if (c == '/') h->js = J_COMMENT_LN;
		else if (c == '*') h->js = J_COMMENT_ML;
		else if (c == '\\') h->js = J_REGEXP_E;
		else if (c == '[') h->js = J_REGEXP_BRACKET;
		else h->js = J_REGEXP;
		break;
	case J_REGEXP:
		if (c == '\\') h->js = J_REGEXP_E;
		else if (c == '[') h->js = J_REGEXP_BRACKET;
		else if (c == '/') { h->js = J_TEXT; js_note_char(h, 'x'); h->js_word_len = 0; }
		break;
	case J_REGEXP_BRACKET:
		if (c == '\\') h->js = J_REGEXP_BRACKET_E;
		else if (c == ']') h->js = J_REGEXP;
		break;
	case J_REGEXP_BRACKET_E: h->js = J_REGEXP_BRACKET; break;
	case J_REGEXP_E: h->js = J_REGEXP; break;
	case J_COMMENT_LN: if (c == '\n') h->js = J_COMMENT_AFTER; break;
	case J_COMMENT_ML: if (c == '*') h->js = J_COMMENT_ML_CLOSE; break;
	case J_COMMENT_ML_CLOSE: h->js = c == '/' ? J_COMMENT_AFTER : J_COMMENT_ML; break;
	}
}

static void js_feed_str(tpl_htmlctx *h, const char *s) {
	while (*s)
		js_feed(h, *s++);
}

/* Decodes the few entities ctemplate knows before javascript in on* attributes sees them. */
static void entity_feed(tpl_htmlctx *h, char c) {
	if (!h->ent_in) {
		if (c == '&') {
			h->ent_in = true;
			h->ent_len = 0;
		} else {
			js_feed(h, c);
		}
		return;
	}
	if (c == ';' || is_space(c)) {
		char out[24];
		h->ent_in = false;
		h->ent[h->ent_len] = '\0';
		if (h->ent[0] == '#') {
			long n = (h->ent[1] == 'x' || h->ent[1] == 'X') ? strtol(h->ent + 2, NULL, 16)
			                                               : strtol(h->ent + 1, NULL, 10);
			out[0] = (char)n;
			out[1] = '\0';
		} else if (strcasecmp(h->ent, "lt") == 0) strcpy(out, "<");
		else if (strcasecmp(h->ent, "gt") == 0) strcpy(out, ">");
		else if (strcasecmp(h->ent, "quot") == 0) strcpy(out, "\"");
		else if (strcasecmp(h->ent, "amp") == 0) strcpy(out, "&");
		else if (strcasecmp(h->ent, "apos") == 0) strcpy(out, "'");
		else snprintf(out, sizeof out, "&%s%c", h->ent, c);
		js_feed_str(h, out);
		return;
	}
	h->ent[h->ent_len++] = c;
	if (h->ent_len >= sizeof h->ent - 2) {
		char out[24];
		h->ent[h->ent_len] = '\0';
		h->ent_in = false;
		snprintf(out, sizeof out, "&%s", h->ent);
		js_feed_str(h, out);
	}
}

/* ---- the HTML state machine with its enter/exit/in-state actions ---- */

static void rec_start(tpl_htmlctx *h) {
	h->rec_len = 0;
	h->rec[0] = '\0';
	h->recording = true;
}

static void rec_stop(tpl_htmlctx *h, char *dst) {
	if (dst) {
		memcpy(dst, h->rec, h->rec_len + 1);
		for (char *p = dst; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	h->recording = false;
}

static bool is_cdata_state(int st) {
	return st == S_CDATA_TEXT || st == S_CC_START || st == S_CC_START_DASH || st == S_CC_BODY ||
	       st == S_CC_DASH || st == S_CC_DASH_DASH || st == S_CDATA_LT || st == S_CDATA_MAY_CLOSE;
}

static bool is_value_content(int st) { return st == S_VALUE_TEXT || st == S_VALUE_Q || st == S_VALUE_DQ; }

static void hc_exit(tpl_htmlctx *h, int st, char c, int *next) {
	if (st == S_TAG_NAME) {
		rec_stop(h, h->tag);
		if (h->tag[0] == '/')
			h->tag[0] = '\0';
	} else if (st == S_ATTR) {
		rec_stop(h, h->attr);
	} else if (st == S_CDATA_MAY_CLOSE) {
		char closing[MAXSTR];
		memcpy(closing, h->rec, h->rec_len + 1);
		h->recording = false;
		if (strcasecmp(closing + 1, h->tag) == 0 && (c == '>' || is_space(c))) {
			h->tag[0] = '\0';
			h->in_js = false;
		} else {
			*next = S_CDATA_TEXT;
		}
	} else if (is_value_content(st)) {
		h->recording = false;
		h->in_js = false;
	}
}

static void hc_enter(tpl_htmlctx *h, int st, int *next) {
	switch (st) {
	case S_TAG_NAME: h->tag[0] = '\0'; rec_start(h); break;
	case S_ATTR: h->attr[0] = '\0'; rec_start(h); break;
	case S_TAG_CLOSE:
		if (strcmp(h->tag, "script") == 0) {
			*next = S_CDATA_TEXT;
			js_reset(h);
			h->in_js = true;
		} else if (strcmp(h->tag, "style") == 0 || strcmp(h->tag, "title") == 0 ||
		           strcmp(h->tag, "textarea") == 0) {
			*next = S_CDATA_TEXT;
			h->in_js = false;
		}
		break;
	case S_CDATA_MAY_CLOSE: rec_start(h); break;
	case S_VALUE:
		h->value_index = 0;
		if (h->attr[0] == 'o' && h->attr[1] == 'n') {
			h->ent_in = false;
			js_reset(h);
			h->in_js = true;
		} else {
			h->in_js = false;
		}
		break;
	case S_VALUE_TEXT: case S_VALUE_Q: case S_VALUE_DQ: rec_start(h); break;
	default: break;
	}
}

static void hc_char(tpl_htmlctx *h, int st, char c) {
	if ((is_cdata_state(st) || st == S_JS_FILE) && h->in_js) {
		js_feed(h, c);
	} else if (is_value_content(st)) {
		h->value_index++;
		if (h->in_js)
			entity_feed(h, c);
	}
}

static void step(tpl_htmlctx *h, char c) {
	int cur = h->state, next = next_state(cur, c);
	if (next == S_ERROR) {
		h->state = S_ERROR;
		return;
	}
	if (cur != next) {
		hc_exit(h, cur, c, &next);
		hc_enter(h, next, &next);
	}
	hc_char(h, next, c);
	if (h->recording && h->rec_len + 2 <= MAXSTR) {
		h->rec[h->rec_len++] = c;
		h->rec[h->rec_len] = '\0';
	}
	h->state = next;
}

tpl_htmlctx *tpl_htmlctx_new(tpl_context ctx, bool in_tag) {
	tpl_htmlctx *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->context = ctx;
	js_reset(h);
	switch (ctx) {
	case TC_JS: h->state = S_JS_FILE; h->in_js = true; break;
	case TC_CSS: h->state = S_CSS_FILE; break;
	default: h->state = in_tag ? S_TAG_SPACE : S_TEXT; break;
	}
	return h;
}

void tpl_htmlctx_free(tpl_htmlctx *h) { free(h); }

bool tpl_htmlctx_feed(tpl_htmlctx *h, const char *s, size_t n, size_t *bad) {
	if (h->context != TC_HTML && h->context != TC_JS && h->context != TC_CSS)
		return true;
	size_t i = 0;
	if (h->state != S_ERROR)
		for (; i < n; i++) {
			step(h, s[i]);
			if (h->state == S_ERROR)
				break;
		}
	if (bad)
		*bad = i < n ? i : 0;
	return h->state != S_ERROR;
}

static bool in_attr(const tpl_htmlctx *h) {
	int x = external(h->state);
	return x == X_ATTR || x == X_VALUE;
}

/* ctemplate's meta refresh test: 0 none, 1 at the start of the URL, 2 inside it. */
static int meta_redirect(const char *v) {
	while (is_space(*v) || (*v >= '0' && *v <= '9'))
		v++;
	if (*v++ != ';')
		return 0;
	while (is_space(*v))
		v++;
	if (strncasecmp(v, "url", 3) != 0)
		return 0;
	v += 3;
	while (is_space(*v))
		v++;
	if (*v++ != '=')
		return 0;
	while (is_space(*v))
		v++;
	if (*v == '"' || *v == '\'')
		v++;
	return *v == '\0' ? 1 : 2;
}

static const char *current_value(const tpl_htmlctx *h) {
	return external(h->state) == X_VALUE ? h->rec : NULL;
}

static int attr_type(const tpl_htmlctx *h) {
	static const char *const uri[] = { "action", "archive", "background", "cite", "classid",
	                                   "codebase", "data", "dynsrc", "href", "longdesc",
	                                   "src", "usemap", NULL };
	if (!in_attr(h))
		return ATTR_NONE;
	if (h->attr[0] == 'o' && h->attr[1] == 'n')
		return ATTR_JS;
	for (int i = 0; uri[i]; i++)
		if (strcmp(h->attr, uri[i]) == 0)
			return ATTR_URI;
	if (strcmp(h->attr, "style") == 0)
		return ATTR_STYLE;
	if (strcmp(h->tag, "meta") == 0 && strcmp(h->attr, "content") == 0) {
		const char *v = current_value(h);
		if (v && meta_redirect(v) != 0)
			return ATTR_URI;
	}
	return ATTR_REGULAR;
}

static bool in_javascript(const tpl_htmlctx *h) {
	if (h->in_js && (is_cdata_state(h->state) || h->state == S_JS_FILE))
		return true;
	return external(h->state) == X_VALUE && h->in_js;
}

static bool js_quoted(const tpl_htmlctx *h) {
	return in_javascript(h) && (h->js == J_Q || h->js == J_Q_E || h->js == J_DQ || h->js == J_DQ_E);
}

static bool attr_quoted(const tpl_htmlctx *h) {
	return h->state == S_VALUE_Q_START || h->state == S_VALUE_Q ||
	       h->state == S_VALUE_DQ_START || h->state == S_VALUE_DQ;
}

static bool url_start(const tpl_htmlctx *h) {
	if (attr_type(h) != ATTR_URI)
		return false;
	if (strcmp(h->tag, "meta") == 0) {
		const char *v = current_value(h);
		if (v && meta_redirect(v) == 1)
			return true;
	}
	return external(h->state) == X_VALUE && h->value_index == 0;
}

static bool in_css(const tpl_htmlctx *h) {
	return h->state == S_CSS_FILE || (external(h->state) == X_VALUE && attr_type(h) == ATTR_STYLE) ||
	       strcmp(h->tag, "style") == 0;
}

int tpl_htmlctx_modifier(tpl_htmlctx *h, const char **err) {
	*err = NULL;
	switch (h->context) {
	case TC_XML: return TM_XML;
	case TC_JSON: return TM_JS;
	case TC_CSS: return TM_CLEANSE_CSS;
	default: break;
	}
	if (h->state == S_ERROR) {
		*err = "HTML parser is in an error state";
		return -1;
	}
	int st = external(h->state);
	if (in_javascript(h) && st != X_VALUE)
		return js_quoted(h) ? TM_JS : TM_J_NUMBER;
	int mod;
	switch (st) {
	case X_VALUE:
		switch (attr_type(h)) {
		case ATTR_URI:
			if (!attr_quoted(h)) {
				if (url_start(h)) {
					*err = "Value of URL attribute must be enclosed in quotes";
					return -1;
				}
				mod = TM_URL_QUERY;
			} else {
				mod = url_start(h) ? TM_U_HTML : TM_HTML;
			}
			break;
		case ATTR_REGULAR:
			mod = attr_quoted(h) ? TM_HTML : TM_H_ATTRIBUTE;
			break;
		case ATTR_STYLE:
			if (!attr_quoted(h)) {
				*err = "Value of style attribute must be enclosed in quotes";
				return -1;
			}
			mod = TM_CLEANSE_CSS;
			break;
		case ATTR_JS:
			if (!attr_quoted(h)) {
				*err = "Value of javascript attribute must be enclosed in quotes";
				return -1;
			}
			mod = js_quoted(h) ? TM_JS : TM_J_NUMBER;
			break;
		default:
			*err = "unexpected attribute state";
			return -1;
		}
		/* the parser does not see the value: tell it something was inserted */
		if (h->state == S_VALUE) {
			hc_enter(h, S_VALUE_TEXT, &(int){0});
			h->state = S_VALUE_TEXT;
		}
		return mod;
	case X_TAG: case X_ATTR:
		return TM_H_ATTRIBUTE;
	case X_COMMENT: case X_TEXT:
		return in_css(h) ? TM_CLEANSE_CSS : TM_HTML;
	default:
		*err = "unexpected parser state";
		return -1;
	}
}
