/* tpl_internal.h: shared internals of the ctemplate port (modifier table, HTML/JS context tracker) */
#ifndef CC_TPL_INTERNAL_H
#define CC_TPL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Built-in modifiers, mirroring ctemplate's table. */
typedef enum {
	TM_CLEANSE_CSS,      /* :c  cleanse_css */
	TM_HTML,             /* :h  html_escape */
	TM_H_SNIPPET,        /* :H=snippet */
	TM_H_PRE,            /* :H=pre */
	TM_H_ATTRIBUTE,      /* :H=attribute */
	TM_H_URL,            /* :H=url */
	TM_JS,               /* :j  javascript_escape */
	TM_JSON,             /* :o  json_escape */
	TM_PRE,              /* :p  pre_escape */
	TM_URL_QUERY,        /* :u  url_query_escape */
	TM_U_JS,             /* :U=javascript */
	TM_U_HTML,           /* :U=html */
	TM_U_QUERY,          /* :U=query */
	TM_NONE,             /* :none */
	TM_XML,              /* :xml_escape */
	TM_J_NUMBER,         /* :J=number */
	TM_U_CSS,            /* :U=css */
	TM_COUNT,
	TM_PREFIX_LINE = TM_COUNT, /* internal: indentation of included templates */
} tpl_mod;

/* Parses one modifier spec ("h", "H=attribute", "html_escape", ...); -1 if unknown. */
int tpl_mod_find(const char *name, size_t namelen, const char *val, size_t vallen);
const char *tpl_mod_name(int mod);
/* ctemplate's IsSafeXSSAlternative(our, candidate). */
bool tpl_mod_safe_alt(int our, int candidate);
/* Applies one modifier; ARG is only used by TM_PREFIX_LINE. */
void tpl_mod_apply(int mod, strbuf *out, const char *s, size_t n, const char *arg, size_t arglen);

/* Auto-escape contexts of the AUTOESCAPE pragma. */
typedef enum { TC_MANUAL, TC_HTML, TC_JS, TC_CSS, TC_JSON, TC_XML } tpl_context;

/* Incremental HTML/JS/CSS context tracker driving auto-escaping. */
typedef struct tpl_htmlctx tpl_htmlctx;
tpl_htmlctx *tpl_htmlctx_new(tpl_context ctx, bool in_tag);
void tpl_htmlctx_free(tpl_htmlctx *h);
/* Feeds template text; false once the text cannot be parsed, with the offset
 * of the offending byte in *BAD (when BAD is not NULL). */
bool tpl_htmlctx_feed(tpl_htmlctx *h, const char *s, size_t n, size_t *bad);
/* The modifier auto-escape picks for a variable here, or -1 with a reason in
 * ERR (e.g. an unquoted URL attribute). Tells the tracker a value is inserted. */
int tpl_htmlctx_modifier(tpl_htmlctx *h, const char **err);

#endif
