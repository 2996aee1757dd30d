/* tpl.h: the C port of ctemplate: templates parsed once and cached, dictionaries, rendering */
#ifndef CC_TPL_H
#define CC_TPL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "strbuf.h"

typedef enum {
	TPL_DO_NOT_STRIP,      /* the default here */
	TPL_STRIP_BLANK_LINES,
	TPL_STRIP_WHITESPACE,
} tpl_strip;

typedef struct tpl_dict tpl_dict;
typedef struct tpl_template tpl_template;

/* Template cache (one per process). Names are paths relative to the root
 * directory, as are include file names. Loading parses the template and,
 * recursively, every template it includes by a literal name given through
 * a dictionary at render time is loaded lazily but still cached. */
void tpl_set_root(const char *dir);
/* Parse and cache NAME with STRIP; NULL and a message in ERR on failure
 * (missing file, unterminated section, bad modifier, ...). */
const tpl_template *tpl_load(const char *name, tpl_strip strip, char *err, size_t errlen);
/* Load every *.tpl file under the root; -1 with the first error in ERR. */
int tpl_preload_all(tpl_strip strip, char *err, size_t errlen);
void tpl_cache_clear(void);

/* Dictionaries live in an arena and die with it; every string passed in is copied. */
tpl_dict *tpl_dict_new(arena *a);
void tpl_set(tpl_dict *d, const char *name, const char *value);
void tpl_set_len(tpl_dict *d, const char *name, const char *value, size_t len);
void tpl_set_int(tpl_dict *d, const char *name, long long value);
void tpl_set_printf(tpl_dict *d, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tpl_show_section(tpl_dict *d, const char *name);
/* Adds one repetition of section NAME (showing it) and returns its dictionary. */
tpl_dict *tpl_add_section(tpl_dict *d, const char *name);
/* Adds one dictionary for include marker {{>NAME}} rendering template FILE. */
tpl_dict *tpl_add_include(tpl_dict *d, const char *name, const char *file);

/* Render T with D, appending to OUT. Returns 0, or -1 with a message in ERR
 * (e.g. an included file that cannot be loaded). */
int tpl_render(const tpl_template *t, const tpl_dict *d, strbuf *out, char *err, size_t errlen);
/* tpl_render with the include files the dictionaries name looked up in folder INCLUDE_DIR of the root (one
 * folder per language: "es" renders "es/x.tpl" for {{>X}} given "x.tpl"); NULL: tpl_render. */
int tpl_render_in(const tpl_template *t, const char *include_dir, const tpl_dict *d, strbuf *out, char *err,
		  size_t errlen);

/* The escaping functions behind the modifiers: the one place that escapes. */
void tpl_html_escape(strbuf *out, const char *s, size_t n);        /* :h */
void tpl_pre_escape(strbuf *out, const char *s, size_t n);         /* :p */
void tpl_url_query_escape(strbuf *out, const char *s, size_t n);   /* :u */
void tpl_javascript_escape(strbuf *out, const char *s, size_t n);  /* :j */
void tpl_json_escape(strbuf *out, const char *s, size_t n);        /* :o */

#endif
