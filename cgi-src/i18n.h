/* i18n.h: the language a request is served in: GNU gettext catalogs (po/) and glibc locales, chosen per thread
 * with uselocale(), so a request's language never outlives it or reaches another request. */
#ifndef CC_I18N_H
#define CC_I18N_H

#include <libintl.h>
#include <locale.h>
#include <stdbool.h>

#include "arena.h"

typedef enum {
	LANG_EN,
	LANG_ES,
	LANG_PSEUDO,  /* "qps": every catalog text wrapped in U+27E6 ... U+27E7; only when the configuration enables it,
		       * by its cookie, never offered in a picker */
	LANG_COUNT
} lang;
/* The languages the pickers offer: those before LANG_PSEUDO. */
#define LANG_LISTED LANG_PSEUDO

#define I18N_TEXT_DOMAIN "channel"

/* The calling thread's language (i18n_use); read inline by the lookups below. */
extern _Thread_local lang i18n_thread_lang;

/* A text a person reads: its translation in the current language. English is the catalog's own language, so an
 * English request returns the text itself without asking gettext (whose misses cost a search and a malloc). */
#define _(s) i18n_gettext(s)
__attribute__((format_arg(1))) static inline const char *i18n_gettext(const char *s)
{
	return i18n_thread_lang == LANG_EN ? s : gettext(s);
}
/* ngettext, with English's own rule (one, or many) in English. */
__attribute__((format_arg(1), format_arg(2))) static inline const char *i18n_ngettext(const char *one,
											 const char *many, unsigned long n)
{
	return i18n_thread_lang == LANG_EN ? (n == 1 ? one : many) : ngettext(one, many, n);
}
#undef ngettext
#define ngettext(one, many, n) i18n_ngettext(one, many, n)
/* A short text whose translation depends on what it is said of (CONTEXT: "subscription status", for Spanish
 * "Activa" beside a user's "Activo"): gettext's msgctxt. */
#define C_(context, s) i18n_pgettext(context "\004" s, s)
static inline const char *i18n_pgettext(const char *key, const char *s)
{
	if (i18n_thread_lang == LANG_EN)
		return s;
	const char *t = gettext(key);
	return t == key ? s : t;
}
/* C_ for a table (a static initializer): NC_(context, s) marks it, and i18n_ctext() translates it where used. */
#define NC_(context, s) (context "\004" s)
static inline const char *i18n_ctext(const char *key)
{
	const char *t = i18n_thread_lang == LANG_EN ? key : gettext(key);
	if (t != key)
		return t;
	const char *s = key;
	while (*s && *s != '\004')
		s++;
	return *s ? s + 1 : key;
}
/* A text marked for the catalog where it is defined (a table, a macro) and translated with _() where used. */
#define N_(s) (s)

/* Load the locales and bind the catalogs under ROOT (build/: ROOT/locale/LANG/LC_MESSAGES/channel.mo and the
 * glibc locales ROOT/glibc/ that make build compiles). PSEUDO enables LANG_PSEUDO. -1 with ERR on failure. */
int i18n_init(const char *root, bool pseudo, char *err, size_t errlen);
/* Serve the calling thread in L from now on: its catalog, number and date conventions. */
void i18n_use(lang l);
/* The calling thread's language (LANG_EN until i18n_use). */
lang i18n_current(void);
/* The glibc locale of the calling thread's language, for the *_l functions (strcoll_l, strftime_l). */
locale_t i18n_locale(void);
/* Back to the process's own locale ("C": the catalog's English); what every request ends with. */
void i18n_reset(void);

/* "en", "es", "qps": the code of cookies, settings and the templates' folders. */
const char *i18n_code(lang l);
/* The language's name in itself, for the pickers ("English", "Español"). */
const char *i18n_native_name(lang l);
/* The language of CODE ("es", "es-MX" and "ES" are Spanish), when it is one the portal speaks and enabled. */
bool i18n_parse(const char *code, lang *out);
/* The best language of an Accept-Language header by its q-values; LANG_EN when it names none we speak. */
lang i18n_from_accept_language(const char *header);
/* The language of a request: SAVED (the user's preference, NULL or "" when none), else COOKIE (the footer
 * picker's), else the best of ACCEPT_LANGUAGE, else English. */
lang i18n_choose(const char *saved, const char *cookie, const char *accept_language);
/* The name of the language picker's cookie. */
#define I18N_COOKIE "__Host-lang"
/* Whether L can be picked (LANG_PSEUDO only when enabled). */
bool i18n_enabled(lang l);

/* A statement (two string literals around the column to sort) that sorts by that column the current language's
 * way: "utf8mb4_spanish_ci" puts ñ after n. Two literals, one per collation, since db.c caches statements by
 * their text's address. For short lists only: a keyset-paged list keeps the order its index serves. */
#define I18N_ORDER_BY_NAME(before, after) (i18n_current() == LANG_ES \
	? before " COLLATE utf8mb4_spanish_ci" after : before " COLLATE utf8mb4_unicode_ci" after)

/* An amount of CENTS of CURRENCY (ISO 4217, "USD") for the current language: "$1,234.50", "1.234,50 €". */
const char *i18n_money(arena *a, long long cents, const char *currency);
/* An integer with the language's digit grouping: "12,345" / "12.345". */
const char *i18n_count(arena *a, long long n);
/* A UTC time "YYYY-MM-DD HH:MM:SS" (as MariaDB gives it) as the language writes it, with its date
 * only when DATE_ONLY; the text itself when it is not such a time. */
const char *i18n_datetime(arena *a, const char *sql_time, bool date_only);

#endif
