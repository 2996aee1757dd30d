/* validate.h: form field validation shared by the pages: trimming, length in characters,
 * email, phone, postal code, web address, and the list of countries/regions */
#ifndef CC_VALIDATE_H
#define CC_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "tpl/tpl.h"

typedef struct {
	const char *code;  /* ISO 3166-1 alpha-2, as stored in CHAR(2) columns */
	const char *name;
} country;

/* What a field must look like, beyond its length. */
enum field_format {
	FORMAT_TEXT,     /* one line of printable text */
	FORMAT_EMAIL,
	FORMAT_PHONE,    /* digits, spaces and + ( ) - . ; 7 to 20 digits */
	FORMAT_POSTAL,   /* letters, digits, spaces and hyphens, 2 to 12 characters */
	FORMAT_COUNTRY,  /* a code from the country list */
	FORMAT_URL,      /* http:// or https:// and a host */
};

typedef struct {
	const char *label;      /* as on the form: "Legal business name" */
	size_t max_chars;       /* the column size, in characters */
	bool required;
	enum field_format format;
} field_rule;

/* VALUE without leading and trailing white space, copied into A. */
char *validate_trim(arena *a, const char *value);
/* LEAD, then the N bytes at S with LIKE's wildcards (and '!' itself) taken literally, then "%": a pattern for
 * `LIKE ? ESCAPE '!'` ("caf%" for a prefix, "% caf%" for a later word's prefix). */
const char *validate_like_prefix(arena *a, const char *lead, const char *s, size_t n);
/* An arena copy of VALUE with ASCII letters in lower case (domains, user names). */
char *validate_lower(arena *a, const char *value);
/* The next non-blank line of *TEXT, trimmed (advancing *TEXT past it); NULL at the end. */
const char *validate_next_line(arena *a, const char **text);
/* How many characters (UTF-8 code points) S holds. */
size_t validate_utf8_chars(const char *s);
/* S cut to at most MAX_CHARS characters (never inside a character), copied into A. */
char *validate_truncate(arena *a, const char *s, size_t max_chars);

/* NULL when the (trimmed) VALUE satisfies RULE, else a message for the person filling the form. */
const char *validate_field(arena *a, const field_rule *rule, const char *value);

bool validate_email(const char *s);
bool validate_phone(const char *s);
bool validate_postal_code(const char *s);
bool validate_http_url(const char *s);

/* The countries/regions a person can pick (ISO 3166-1 from Debian's iso-codes), named in the current language
 * and sorted by its collation; the same codes in every language. */
const country *validate_country_list(void);
size_t validate_country_list_size(void);
/* What the pages index: validate_countries[i].code / .name for i < validate_country_count. */
#define validate_countries (validate_country_list())
#define validate_country_count (validate_country_list_size())
/* The name for CODE in the current language, or NULL when CODE is not in the list. */
const char *validate_country_name(const char *code);
/* What a page shows for the country CODE: its name in the current language, or CODE itself when it is not in the list (never NULL). */
const char *validate_country_label(const char *code);
/* One repetition of SECTION per country (CODE, NAME, and SELECTED shown for SELECTED_CODE),
 * for a <select> on a form. */
void validate_country_options(tpl_dict *d, const char *section, const char *selected_code);

#endif
