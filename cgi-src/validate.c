/* validate.c: form field validation shared by the pages, and the list of countries/regions (Debian's
 * iso-codes, in the request's language) */
#include "validate.h"

#include <ctype.h>
#include <json-c/json.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"

char *validate_trim(arena *a, const char *value)
{
	const char *start = value ? value : "";
	while (*start && isspace((unsigned char)*start))
		start++;
	size_t n = strlen(start);
	while (n && isspace((unsigned char)start[n - 1]))
		n--;
	return arena_strndup(a, start, n);
}

/* Bytes in the UTF-8 sequence starting at S, or 0 when it is malformed. */
static size_t utf8_sequence_length(const unsigned char *s)
{
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (n == 2 && s[0] < 0xc2)
		return 0;  /* overlong */
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

size_t validate_utf8_chars(const char *s)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; chars++) {
		size_t n = utf8_sequence_length(p);
		p += n ? n : 1;
	}
	return chars;
}

char *validate_truncate(arena *a, const char *s, size_t max_chars)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t chars = 0; *p && chars < max_chars; chars++) {
		size_t n = utf8_sequence_length(p);
		p += n ? n : 1;
	}
	return arena_strndup(a, s, (size_t)((const char *)p - s));
}

/* One line of text a person typed: well-formed UTF-8, no control characters. */
static bool printable_text(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = utf8_sequence_length(p);
		if (!n || (n == 1 && (*p < 0x20 || *p == 0x7f)))
			return false;
		p += n;
	}
	return true;
}

static bool email_local_char(char c)
{
	return isalnum((unsigned char)c) || (c && strchr(".!#$%&'*+/=?^_`{|}~-", c));
}

/* A host name: dot-separated labels of letters, digits and inner hyphens, at least two labels,
 * the last one of letters only. */
static bool host_name(const char *s, size_t len)
{
	size_t labels = 0, label_len = 0;
	bool last_label_alpha = true;
	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '.';
		if (c == '.') {
			if (label_len == 0 || label_len > 63 || s[i - 1] == '-')
				return false;
			labels++;
			if (i < len) {
				label_len = 0;
				last_label_alpha = true;
			}
			continue;
		}
		if (!isalnum((unsigned char)c) && !(c == '-' && label_len > 0))
			return false;
		if (!isalpha((unsigned char)c))
			last_label_alpha = false;
		label_len++;
	}
	return labels >= 2 && last_label_alpha && len <= 253;
}

bool validate_email(const char *s)
{
	const char *at = strrchr(s, '@');
	if (!at || at == s || at - s > 64 || strlen(s) > 254)
		return false;
	for (const char *p = s; p < at; p++)
		if (!email_local_char(*p) || (*p == '.' && (p == s || p[1] == '.' || p + 1 == at)))
			return false;
	return host_name(at + 1, strlen(at + 1));
}

bool validate_phone(const char *s)
{
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (*p == '+' ? p != s : !strchr(" ()-.", *p))
			return false;  /* a plus only in front, as in +1 425 555 0100 */
	}
	return digits >= 7 && digits <= 20;
}

bool validate_postal_code(const char *s)
{
	size_t len = strlen(s), alnum = 0;
	for (const char *p = s; *p; p++) {
		if (isalnum((unsigned char)*p))
			alnum++;
		else if (*p != ' ' && *p != '-')
			return false;
	}
	return len >= 2 && len <= 12 && alnum >= 2;
}

bool validate_http_url(const char *s)
{
	size_t scheme = !strncasecmp(s, "https://", 8) ? 8 : !strncasecmp(s, "http://", 7) ? 7 : 0;
	if (!scheme)
		return false;
	const char *host = s + scheme;
	size_t host_len = strcspn(host, ":/?#");
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return host_name(host, host_len);
}

/* Every field error a form can show; the %s ones name the field by its label. */
enum field_problem {
	PROBLEM_EMAIL,
	PROBLEM_PHONE,
	PROBLEM_POSTAL,
	PROBLEM_COUNTRY,
	PROBLEM_URL,
	PROBLEM_REQUIRED,
	PROBLEM_CHARACTERS,
	PROBLEM_TOO_LONG,
};

static const char *const problem_text[] = {
	[PROBLEM_EMAIL] = N_("Enter an email address such as name@example.com."),
	[PROBLEM_PHONE] = N_("Enter a phone number of 7 to 20 digits; you may use spaces and + ( ) - ."),
	[PROBLEM_POSTAL] = N_("Enter a postal code of 2 to 12 letters, digits, spaces or hyphens."),
	[PROBLEM_COUNTRY] = N_("Select a country or region from the list."),
	[PROBLEM_URL] = N_("Enter a web address that starts with http:// or https://, such as https://www.example.com."),
	/* TRANSLATORS: %s is the field's label, e.g. "Legal business name" */
	/* xgettext:c-format */
	[PROBLEM_REQUIRED] = N_("%s is required."),
	/* TRANSLATORS: %s is the field's label */
	/* xgettext:c-format */
	[PROBLEM_CHARACTERS] = N_("%s contains characters that are not allowed."),
	/* TRANSLATORS: %s is the field's label, %zu the most characters it takes */
	/* xgettext:c-format */
	[PROBLEM_TOO_LONG] = N_("%s can be at most %zu characters long."),
};

/* The message for VALUE's format, or NULL when it fits. */
static const char *format_problem(enum field_format format, const char *value)
{
	switch (format) {
	case FORMAT_TEXT:
		return NULL;
	case FORMAT_EMAIL:
		return validate_email(value) ? NULL : _(problem_text[PROBLEM_EMAIL]);
	case FORMAT_PHONE:
		return validate_phone(value) ? NULL : _(problem_text[PROBLEM_PHONE]);
	case FORMAT_POSTAL:
		return validate_postal_code(value) ? NULL : _(problem_text[PROBLEM_POSTAL]);
	case FORMAT_COUNTRY:
		return validate_country_name(value) ? NULL : _(problem_text[PROBLEM_COUNTRY]);
	case FORMAT_URL:
		return validate_http_url(value) ? NULL : _(problem_text[PROBLEM_URL]);
	}
	return NULL;
}

/* The field's problem PROBLEM worded with its label (in the catalog when the form marked it N_). */
static const char *labelled_problem(arena *a, enum field_problem problem, const field_rule *rule)
{
	return arena_printf(a, _(problem_text[problem]), _(rule->label), rule->max_chars);
}

const char *validate_field(arena *a, const field_rule *rule, const char *value)
{
	if (!*value)
		return rule->required ? labelled_problem(a, PROBLEM_REQUIRED, rule) : NULL;
	if (!printable_text(value))
		return labelled_problem(a, PROBLEM_CHARACTERS, rule);
	if (validate_utf8_chars(value) > rule->max_chars)
		return labelled_problem(a, PROBLEM_TOO_LONG, rule);
	return format_problem(rule->format, value);
}

/* The countries come from Debian's iso-codes: the file is read once per process, and each language's list
 * (names from the iso_3166-1 catalog, sorted by that language's collation) is made the first time a request in
 * that language asks for it, then kept. */
#define ISO_3166_1_JSON "/usr/share/iso-codes/json/iso_3166-1.json"
#define ISO_3166_1_DOMAIN "iso_3166-1"
#define PSEUDO_OPEN "\u27e6"
#define PSEUDO_CLOSE "\u27e7"

typedef struct {
	country *list;
	size_t n;
} country_list;

static country_list in_file;  /* codes and the English "name" of each, in the file's order */
static country_list by_lang[LANG_COUNT];
static pthread_once_t file_read = PTHREAD_ONCE_INIT;
static pthread_mutex_t lists_made = PTHREAD_MUTEX_INITIALIZER;

static const char *json_text(json_object *o, const char *key)
{
	json_object *v;
	return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
		? json_object_get_string(v) : NULL;
}

static void read_iso_3166_1(void)
{
	json_object *root = json_object_from_file(ISO_3166_1_JSON), *entries;
	if (!root || !json_object_object_get_ex(root, "3166-1", &entries) ||
	    !json_object_is_type(entries, json_type_array)) {
		fprintf(stderr, "validate: cannot read the countries from %s (install iso-codes)\n", ISO_3166_1_JSON);
		json_object_put(root);
		return;
	}
	size_t n = json_object_array_length(entries);
	in_file.list = calloc(n ? n : 1, sizeof *in_file.list);
	for (size_t i = 0; in_file.list && i < n; i++) {
		json_object *e = json_object_array_get_idx(entries, i);
		const char *code = json_text(e, "alpha_2"), *name = json_text(e, "name");
		if (code && name && strlen(code) == 2)
			in_file.list[in_file.n++] = (country){ .code = strdup(code), .name = strdup(name) };
	}
	bindtextdomain(ISO_3166_1_DOMAIN, "/usr/share/locale");
	bind_textdomain_codeset(ISO_3166_1_DOMAIN, "UTF-8");
	json_object_put(root);
}

/* strcoll in the request's language. */
static int by_name(const void *x, const void *y)
{
	const country *a = x, *b = y;
	locale_t loc = i18n_locale();
	return loc ? strcoll_l(a->name, b->name, loc) : strcoll(a->name, b->name);
}

/* The country's name in the current language; the pseudo-locale's wrapped so its check sees it translated. */
static char *translated_name(const char *english)
{
	const char *name = dgettext(ISO_3166_1_DOMAIN, english);
	if (i18n_current() != LANG_PSEUDO)
		return strdup(name);
	char *wrapped = NULL;
	return asprintf(&wrapped, PSEUDO_OPEN "%s" PSEUDO_CLOSE, name) < 0 ? NULL : wrapped;
}

static void make_list(country_list *l)
{
	country *list = calloc(in_file.n ? in_file.n : 1, sizeof *list);
	if (!list)
		return;
	size_t n = 0;
	for (size_t i = 0; i < in_file.n; i++) {
		char *name = translated_name(in_file.list[i].name);
		if (name)
			list[n++] = (country){ .code = in_file.list[i].code, .name = name };
	}
	qsort(list, n, sizeof *list, by_name);
	l->n = n;
	l->list = list;
}

/* The current language's list, made on first use. */
static const country_list *current_list(void)
{
	pthread_once(&file_read, read_iso_3166_1);
	lang l = i18n_current();
	if (l < 0 || l >= LANG_COUNT)
		l = LANG_EN;
	pthread_mutex_lock(&lists_made);
	if (!by_lang[l].list)
		make_list(&by_lang[l]);
	pthread_mutex_unlock(&lists_made);
	return &by_lang[l];
}

const country *validate_country_list(void)
{
	return current_list()->list;
}

size_t validate_country_list_size(void)
{
	return current_list()->n;
}

const char *validate_country_name(const char *code)
{
	const country_list *l = current_list();
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->list[i].code, code))
			return l->list[i].name;
	return NULL;
}

const char *validate_country_label(const char *code)
{
	const char *name = validate_country_name(code ? code : "");
	return name ? name : code ? code : "";
}

void validate_country_options(tpl_dict *d, const char *section, const char *selected_code)
{
	const country_list *l = current_list();
	for (size_t i = 0; i < l->n; i++) {
		tpl_dict *option = tpl_add_section(d, section);
		tpl_set(option, "CODE", l->list[i].code);
		tpl_set(option, "NAME", l->list[i].name);
		if (selected_code && !strcmp(l->list[i].code, selected_code))
			tpl_show_section(option, "SELECTED");
	}
}

const char *validate_next_line(arena *a, const char **text)
{
	while (**text) {
		size_t len = strcspn(*text, "\n");
		const char *line = validate_trim(a, arena_strndup(a, *text, len));
		*text += len + ((*text)[len] == '\n');
		if (*line)
			return line;
	}
	return NULL;
}

char *validate_lower(arena *a, const char *value)
{
	char *out = arena_strdup(a, value);
	for (char *p = out; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return out;
}

const char *validate_like_prefix(arena *a, const char *lead, const char *s, size_t n)
{
	size_t lead_len = strlen(lead);
	char *out = arena_alloc(a, lead_len + 2 * n + 2), *o = out;
	memcpy(o, lead, lead_len);
	o += lead_len;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '!' || s[i] == '%' || s[i] == '_')
			*o++ = '!';
		*o++ = s[i];
	}
	*o++ = '%';
	*o = '\0';
	return out;
}
