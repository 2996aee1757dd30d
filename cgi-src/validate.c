/* validate.c: form field validation shared by the pages, and the list of countries/regions */
#include "validate.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

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

/* The message for VALUE's format, or NULL when it fits. */
static const char *format_problem(enum field_format format, const char *value)
{
	switch (format) {
	case FORMAT_TEXT:
		return NULL;
	case FORMAT_EMAIL:
		return validate_email(value) ? NULL : "Enter an email address such as name@example.com.";
	case FORMAT_PHONE:
		return validate_phone(value) ? NULL
			: "Enter a phone number of 7 to 20 digits; you may use spaces and + ( ) - .";
	case FORMAT_POSTAL:
		return validate_postal_code(value) ? NULL
			: "Enter a postal code of 2 to 12 letters, digits, spaces or hyphens.";
	case FORMAT_COUNTRY:
		return validate_country_name(value) ? NULL : "Select a country or region from the list.";
	case FORMAT_URL:
		return validate_http_url(value) ? NULL
			: "Enter a web address that starts with http:// or https://, such as https://www.example.com.";
	}
	return NULL;
}

const char *validate_field(arena *a, const field_rule *rule, const char *value)
{
	if (!*value)
		return rule->required ? arena_printf(a, "%s is required.", rule->label) : NULL;
	if (!printable_text(value))
		return arena_printf(a, "%s contains characters that are not allowed.", rule->label);
	if (validate_utf8_chars(value) > rule->max_chars)
		return arena_printf(a, "%s can be at most %zu characters long.", rule->label, rule->max_chars);
	return format_problem(rule->format, value);
}

const char *validate_country_name(const char *code)
{
	for (size_t i = 0; i < validate_country_count; i++)
		if (!strcmp(validate_countries[i].code, code))
			return validate_countries[i].name;
	return NULL;
}

const char *validate_country_label(const char *code)
{
	const char *name = validate_country_name(code ? code : "");
	return name ? name : code ? code : "";
}

void validate_country_options(tpl_dict *d, const char *section, const char *selected_code)
{
	for (size_t i = 0; i < validate_country_count; i++) {
		tpl_dict *option = tpl_add_section(d, section);
		tpl_set(option, "CODE", validate_countries[i].code);
		tpl_set(option, "NAME", validate_countries[i].name);
		if (selected_code && !strcmp(validate_countries[i].code, selected_code))
			tpl_show_section(option, "SELECTED");
	}
}

/* ISO 3166-1, by English short name (from Debian's iso-codes). */
const country validate_countries[] = {
	{ "AF", "Afghanistan" },
	{ "AL", "Albania" },
	{ "DZ", "Algeria" },
	{ "AS", "American Samoa" },
	{ "AD", "Andorra" },
	{ "AO", "Angola" },
	{ "AI", "Anguilla" },
	{ "AQ", "Antarctica" },
	{ "AG", "Antigua and Barbuda" },
	{ "AR", "Argentina" },
	{ "AM", "Armenia" },
	{ "AW", "Aruba" },
	{ "AU", "Australia" },
	{ "AT", "Austria" },
	{ "AZ", "Azerbaijan" },
	{ "BS", "Bahamas" },
	{ "BH", "Bahrain" },
	{ "BD", "Bangladesh" },
	{ "BB", "Barbados" },
	{ "BY", "Belarus" },
	{ "BE", "Belgium" },
	{ "BZ", "Belize" },
	{ "BJ", "Benin" },
	{ "BM", "Bermuda" },
	{ "BT", "Bhutan" },
	{ "BO", "Bolivia" },
	{ "BQ", "Bonaire, Sint Eustatius and Saba" },
	{ "BA", "Bosnia and Herzegovina" },
	{ "BW", "Botswana" },
	{ "BV", "Bouvet Island" },
	{ "BR", "Brazil" },
	{ "IO", "British Indian Ocean Territory" },
	{ "BN", "Brunei Darussalam" },
	{ "BG", "Bulgaria" },
	{ "BF", "Burkina Faso" },
	{ "BI", "Burundi" },
	{ "CV", "Cabo Verde" },
	{ "KH", "Cambodia" },
	{ "CM", "Cameroon" },
	{ "CA", "Canada" },
	{ "KY", "Cayman Islands" },
	{ "CF", "Central African Republic" },
	{ "TD", "Chad" },
	{ "CL", "Chile" },
	{ "CN", "China" },
	{ "CX", "Christmas Island" },
	{ "CC", "Cocos (Keeling) Islands" },
	{ "CO", "Colombia" },
	{ "KM", "Comoros" },
	{ "CG", "Congo" },
	{ "CD", "Congo, The Democratic Republic of the" },
	{ "CK", "Cook Islands" },
	{ "CR", "Costa Rica" },
	{ "HR", "Croatia" },
	{ "CU", "Cuba" },
	{ "CW", "Curaçao" },
	{ "CY", "Cyprus" },
	{ "CZ", "Czechia" },
	{ "CI", "Côte d'Ivoire" },
	{ "DK", "Denmark" },
	{ "DJ", "Djibouti" },
	{ "DM", "Dominica" },
	{ "DO", "Dominican Republic" },
	{ "EC", "Ecuador" },
	{ "EG", "Egypt" },
	{ "SV", "El Salvador" },
	{ "GQ", "Equatorial Guinea" },
	{ "ER", "Eritrea" },
	{ "EE", "Estonia" },
	{ "SZ", "Eswatini" },
	{ "ET", "Ethiopia" },
	{ "FK", "Falkland Islands (Malvinas)" },
	{ "FO", "Faroe Islands" },
	{ "FJ", "Fiji" },
	{ "FI", "Finland" },
	{ "FR", "France" },
	{ "GF", "French Guiana" },
	{ "PF", "French Polynesia" },
	{ "TF", "French Southern Territories" },
	{ "GA", "Gabon" },
	{ "GM", "Gambia" },
	{ "GE", "Georgia" },
	{ "DE", "Germany" },
	{ "GH", "Ghana" },
	{ "GI", "Gibraltar" },
	{ "GR", "Greece" },
	{ "GL", "Greenland" },
	{ "GD", "Grenada" },
	{ "GP", "Guadeloupe" },
	{ "GU", "Guam" },
	{ "GT", "Guatemala" },
	{ "GG", "Guernsey" },
	{ "GN", "Guinea" },
	{ "GW", "Guinea-Bissau" },
	{ "GY", "Guyana" },
	{ "HT", "Haiti" },
	{ "HM", "Heard Island and McDonald Islands" },
	{ "VA", "Holy See (Vatican City State)" },
	{ "HN", "Honduras" },
	{ "HK", "Hong Kong" },
	{ "HU", "Hungary" },
	{ "IS", "Iceland" },
	{ "IN", "India" },
	{ "ID", "Indonesia" },
	{ "IR", "Iran" },
	{ "IQ", "Iraq" },
	{ "IE", "Ireland" },
	{ "IM", "Isle of Man" },
	{ "IL", "Israel" },
	{ "IT", "Italy" },
	{ "JM", "Jamaica" },
	{ "JP", "Japan" },
	{ "JE", "Jersey" },
	{ "JO", "Jordan" },
	{ "KZ", "Kazakhstan" },
	{ "KE", "Kenya" },
	{ "KI", "Kiribati" },
	{ "KW", "Kuwait" },
	{ "KG", "Kyrgyzstan" },
	{ "LA", "Laos" },
	{ "LV", "Latvia" },
	{ "LB", "Lebanon" },
	{ "LS", "Lesotho" },
	{ "LR", "Liberia" },
	{ "LY", "Libya" },
	{ "LI", "Liechtenstein" },
	{ "LT", "Lithuania" },
	{ "LU", "Luxembourg" },
	{ "MO", "Macao" },
	{ "MG", "Madagascar" },
	{ "MW", "Malawi" },
	{ "MY", "Malaysia" },
	{ "MV", "Maldives" },
	{ "ML", "Mali" },
	{ "MT", "Malta" },
	{ "MH", "Marshall Islands" },
	{ "MQ", "Martinique" },
	{ "MR", "Mauritania" },
	{ "MU", "Mauritius" },
	{ "YT", "Mayotte" },
	{ "MX", "Mexico" },
	{ "FM", "Micronesia, Federated States of" },
	{ "MD", "Moldova" },
	{ "MC", "Monaco" },
	{ "MN", "Mongolia" },
	{ "ME", "Montenegro" },
	{ "MS", "Montserrat" },
	{ "MA", "Morocco" },
	{ "MZ", "Mozambique" },
	{ "MM", "Myanmar" },
	{ "NA", "Namibia" },
	{ "NR", "Nauru" },
	{ "NP", "Nepal" },
	{ "NL", "Netherlands" },
	{ "NC", "New Caledonia" },
	{ "NZ", "New Zealand" },
	{ "NI", "Nicaragua" },
	{ "NE", "Niger" },
	{ "NG", "Nigeria" },
	{ "NU", "Niue" },
	{ "NF", "Norfolk Island" },
	{ "KP", "North Korea" },
	{ "MK", "North Macedonia" },
	{ "MP", "Northern Mariana Islands" },
	{ "NO", "Norway" },
	{ "OM", "Oman" },
	{ "PK", "Pakistan" },
	{ "PW", "Palau" },
	{ "PS", "Palestine, State of" },
	{ "PA", "Panama" },
	{ "PG", "Papua New Guinea" },
	{ "PY", "Paraguay" },
	{ "PE", "Peru" },
	{ "PH", "Philippines" },
	{ "PN", "Pitcairn" },
	{ "PL", "Poland" },
	{ "PT", "Portugal" },
	{ "PR", "Puerto Rico" },
	{ "QA", "Qatar" },
	{ "RO", "Romania" },
	{ "RU", "Russian Federation" },
	{ "RW", "Rwanda" },
	{ "RE", "Réunion" },
	{ "BL", "Saint Barthélemy" },
	{ "SH", "Saint Helena, Ascension and Tristan da Cunha" },
	{ "KN", "Saint Kitts and Nevis" },
	{ "LC", "Saint Lucia" },
	{ "MF", "Saint Martin (French part)" },
	{ "PM", "Saint Pierre and Miquelon" },
	{ "VC", "Saint Vincent and the Grenadines" },
	{ "WS", "Samoa" },
	{ "SM", "San Marino" },
	{ "ST", "Sao Tome and Principe" },
	{ "SA", "Saudi Arabia" },
	{ "SN", "Senegal" },
	{ "RS", "Serbia" },
	{ "SC", "Seychelles" },
	{ "SL", "Sierra Leone" },
	{ "SG", "Singapore" },
	{ "SX", "Sint Maarten (Dutch part)" },
	{ "SK", "Slovakia" },
	{ "SI", "Slovenia" },
	{ "SB", "Solomon Islands" },
	{ "SO", "Somalia" },
	{ "ZA", "South Africa" },
	{ "GS", "South Georgia and the South Sandwich Islands" },
	{ "KR", "South Korea" },
	{ "SS", "South Sudan" },
	{ "ES", "Spain" },
	{ "LK", "Sri Lanka" },
	{ "SD", "Sudan" },
	{ "SR", "Suriname" },
	{ "SJ", "Svalbard and Jan Mayen" },
	{ "SE", "Sweden" },
	{ "CH", "Switzerland" },
	{ "SY", "Syria" },
	{ "TW", "Taiwan" },
	{ "TJ", "Tajikistan" },
	{ "TZ", "Tanzania" },
	{ "TH", "Thailand" },
	{ "TL", "Timor-Leste" },
	{ "TG", "Togo" },
	{ "TK", "Tokelau" },
	{ "TO", "Tonga" },
	{ "TT", "Trinidad and Tobago" },
	{ "TN", "Tunisia" },
	{ "TM", "Turkmenistan" },
	{ "TC", "Turks and Caicos Islands" },
	{ "TV", "Tuvalu" },
	{ "TR", "Türkiye" },
	{ "UG", "Uganda" },
	{ "UA", "Ukraine" },
	{ "AE", "United Arab Emirates" },
	{ "GB", "United Kingdom" },
	{ "US", "United States" },
	{ "UM", "United States Minor Outlying Islands" },
	{ "UY", "Uruguay" },
	{ "UZ", "Uzbekistan" },
	{ "VU", "Vanuatu" },
	{ "VE", "Venezuela" },
	{ "VN", "Vietnam" },
	{ "VG", "Virgin Islands, British" },
	{ "VI", "Virgin Islands, U.S." },
	{ "WF", "Wallis and Futuna" },
	{ "EH", "Western Sahara" },
	{ "YE", "Yemen" },
	{ "ZM", "Zambia" },
	{ "ZW", "Zimbabwe" },
	{ "AX", "Åland Islands" },
};
const size_t validate_country_count = sizeof validate_countries / sizeof validate_countries[0];

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
