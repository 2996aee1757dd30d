/* i18n.c: languages: the glibc locale and gettext catalog of each, the thread's current one, negotiation from
 * Accept-Language, and numbers, money and times written the language's way */
#include "i18n.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const struct {
	const char *code, *glibc, *native;
} langs[LANG_COUNT] = {
	[LANG_EN] = { "en", "en_US.UTF-8", "English" },
	[LANG_ES] = { "es", "es_ES.UTF-8", "Español" },
	/* its glibc locale is en_US's conventions under the name that makes gettext read locale/qps/ */
	[LANG_PSEUDO] = { "qps", "qps_XA.UTF-8", "Pseudo" },
};

static locale_t locales[LANG_COUNT];
static bool pseudo_enabled;
_Thread_local lang i18n_thread_lang = LANG_EN;

int i18n_init(const char *root, bool pseudo, char *err, size_t errlen)
{
	char path[1024];
	/* LANGUAGE would override every thread's locale in gettext's choice of catalog */
	unsetenv("LANGUAGE");
	snprintf(path, sizeof path, "%s/glibc", root);
	setenv("LOCPATH", path, 1);
	pseudo_enabled = pseudo;
	for (int l = 0; l < LANG_COUNT; l++) {
		if (locales[l])
			continue;
		locales[l] = newlocale(LC_ALL_MASK, langs[l].glibc, (locale_t)0);
		if (!locales[l]) {
			snprintf(err, errlen, "locale %s not found under %s (make builds it)", langs[l].glibc, path);
			return -1;
		}
	}
	snprintf(path, sizeof path, "%s/locale", root);
	if (!bindtextdomain(I18N_TEXT_DOMAIN, path) || !bind_textdomain_codeset(I18N_TEXT_DOMAIN, "UTF-8") ||
	    !textdomain(I18N_TEXT_DOMAIN)) {
		snprintf(err, errlen, "cannot bind the %s catalogs under %s", I18N_TEXT_DOMAIN, path);
		return -1;
	}
	bind_textdomain_codeset("iso_3166-1", "UTF-8");
	return 0;
}

void i18n_use(lang l)
{
	if (l < 0 || l >= LANG_COUNT || !locales[l])
		l = LANG_EN;
	i18n_thread_lang = l;
	/* English needs no thread locale: its texts are the catalog's own (gettext is not asked), and numbers,
	 * money, dates and sorting take their locale explicitly (i18n_locale) */
	uselocale(l == LANG_EN || !locales[l] ? LC_GLOBAL_LOCALE : locales[l]);
}

locale_t i18n_locale(void)
{
	return locales[i18n_thread_lang] ? locales[i18n_thread_lang] : locales[LANG_EN];
}

lang i18n_current(void)
{
	return i18n_thread_lang;
}

void i18n_reset(void)
{
	i18n_thread_lang = LANG_EN;
	uselocale(LC_GLOBAL_LOCALE);
}

const char *i18n_code(lang l)
{
	return l >= 0 && l < LANG_COUNT ? langs[l].code : "en";
}

const char *i18n_native_name(lang l)
{
	return l >= 0 && l < LANG_COUNT ? langs[l].native : "English";
}

bool i18n_enabled(lang l)
{
	return l == LANG_EN || l == LANG_ES || (l == LANG_PSEUDO && pseudo_enabled);
}

bool i18n_parse(const char *code, lang *out)
{
	if (!code)
		return false;
	for (int l = 0; l < LANG_COUNT; l++) {
		size_t n = strlen(langs[l].code);
		/* "es", "ES", "es-MX", "es_ES": the primary subtag decides */
		if (!strncasecmp(code, langs[l].code, n) && (code[n] == '\0' || code[n] == '-' || code[n] == '_') &&
		    i18n_enabled((lang)l)) {
			*out = (lang)l;
			return true;
		}
	}
	return false;
}

lang i18n_from_accept_language(const char *header)
{
	lang best = LANG_EN;
	double best_q = 0;
	if (!header)
		return best;
	const char *p = header;
	while (*p) {
		/* one "tag;q=0.8" item */
		while (*p == ' ' || *p == ',')
			p++;
		const char *tag = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ')
			p++;
		char code[16];
		size_t n = (size_t)(p - tag) < sizeof code - 1 ? (size_t)(p - tag) : sizeof code - 1;
		memcpy(code, tag, n);
		code[n] = '\0';
		double q = 1;
		while (*p && *p != ',') {
			if (*p == ';') {
				p++;
				while (*p == ' ')
					p++;
				if ((p[0] == 'q' || p[0] == 'Q') && p[1] == '=')
					q = strtod(p + 2, NULL);
			} else {
				p++;
			}
		}
		lang l;
		/* the first of equal weights wins: the order the browser lists them in */
		if (n && q > best_q && i18n_parse(code, &l)) {
			best = l;
			best_q = q;
		}
	}
	return best;
}

lang i18n_choose(const char *saved, const char *cookie, const char *accept_language)
{
	lang l;
	if (saved && *saved && i18n_parse(saved, &l))
		return l;
	if (cookie && *cookie && i18n_parse(cookie, &l))
		return l;
	return i18n_from_accept_language(accept_language);
}


/* DIGITS (decimal, no sign) with SEP between groups of three */
static void group_digits(char *out, size_t outlen, const char *digits, const char *sep)
{
	size_t n = strlen(digits), seplen = strlen(sep), o = 0;
	for (size_t i = 0; i < n && o + seplen + 2 < outlen; i++) {
		if (i && (n - i) % 3 == 0) {
			memcpy(out + o, sep, seplen);
			o += seplen;
		}
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

const char *i18n_count(arena *a, long long n)
{
	locale_t loc = i18n_locale();
	const char *sep = loc ? nl_langinfo_l(THOUSEP, loc) : ",";
	char digits[32], grouped[64];
	unsigned long long v = n < 0 ? (unsigned long long)-(n + 1) + 1 : (unsigned long long)n;
	snprintf(digits, sizeof digits, "%llu", v);
	group_digits(grouped, sizeof grouped, digits, sep);
	return arena_printf(a, "%s%s", n < 0 ? "-" : "", grouped);
}

/* The symbol of CURRENCY in the current language; its ISO code when it has none of its own. */
static const char *currency_symbol(const char *currency)
{
	if (!strcmp(currency, "EUR"))
		return "€";
	if (!strcmp(currency, "GBP"))
		return "£";
	if (!strcmp(currency, "USD"))
		/* TRANSLATORS: the US dollar's symbol where dollars of other countries are also "$": Spanish "US$" */
		return _("$");
	return currency;
}

const char *i18n_money(arena *a, long long cents, const char *currency)
{
	locale_t loc = i18n_locale();
	if (!currency || !*currency)
		currency = "USD";
	const char *thousands = loc ? nl_langinfo_l(MON_THOUSANDS_SEP, loc) : ",";
	const char *point = loc ? nl_langinfo_l(MON_DECIMAL_POINT, loc) : ".";
	bool precedes = loc ? *nl_langinfo_l(P_CS_PRECEDES, loc) == 1 : true;
	unsigned long long v = cents < 0 ? (unsigned long long)-(cents + 1) + 1 : (unsigned long long)cents;
	char digits[32], grouped[64];
	snprintf(digits, sizeof digits, "%llu", v / 100);
	group_digits(grouped, sizeof grouped, digits, *thousands ? thousands : ",");
	const char *sym = currency_symbol(currency);
	const char *sign = cents < 0 ? "-" : "";
	if (precedes)
		return arena_printf(a, "%s%s%s%s%02llu", sign, sym, grouped, *point ? point : ".", v % 100);
	return arena_printf(a, "%s%s%s%02llu %s", sign, grouped, *point ? point : ".", v % 100, sym);
}

const char *i18n_datetime(arena *a, const char *sql_time, bool date_only)
{
	if (!sql_time)
		return "";
	struct tm tm = { 0 };
	int n = 0;
	/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS", optionally followed by " UTC" */
	int got = sscanf(sql_time, "%4d-%2d-%2d%n %2d:%2d%n:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n,
			 &tm.tm_hour, &tm.tm_min, &n, &tm.tm_sec, &n);
	if (got < 3)
		return sql_time;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	bool has_time = got >= 5 && !date_only;
	/* xgettext:no-c-format */
	const char *fmt = has_time ? _("%b %-d, %Y, %H:%M UTC")
		/* xgettext:no-c-format */
		: _("%b %-d, %Y");
	char out[128];
	locale_t loc = i18n_locale();
	size_t len = loc ? strftime_l(out, sizeof out, fmt, &tm, loc) : strftime(out, sizeof out, fmt, &tm);
	return len ? arena_strdup(a, out) : sql_time;
}
