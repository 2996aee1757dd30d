/* page_providers.c: the public official provider list (search by name, filter by country, paged) and profiles */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "list_query.h"
#include "validate.h"
#include "view.h"

#define PAGE_SIZE 10
#define SERVICES_LINE_MAX 120  /* characters of the short services line in the list */
#define SEARCH_MAX 200         /* characters of the name search kept */

/* The listed providers matching the search: "? = ''" switches a filter off. STRAIGHT_JOIN: walk the
 * providers in name order (ix_org_kind_name) and stop after a page, rather than sort every listing; a
 * search costs at most the providers passed over (see list_words). */
#define MATCH_SQL \
	"FROM organizations o STRAIGHT_JOIN provider_listings l ON l.org_id = o.id " \
	"WHERE o.kind = 'provider' AND l.listed = 1 AND " LIST_WORDS_SQL("o.name") " " \
	"AND (? = '' OR EXISTS (SELECT 1 FROM provider_countries pc WHERE pc.org_id = o.id AND pc.country = ?))"
#define COUNTRIES_SQL \
	"(SELECT GROUP_CONCAT(pc.country SEPARATOR ',') FROM provider_countries pc WHERE pc.org_id = o.id)"

typedef struct {
	const char *q, *country;  /* as searched: trimmed name part, a country code or "" */
	list_words words;         /* q's words, each to begin a word of the name */
	seek at;                  /* the page asked for */
	long long total;          /* matches, counted up to LIST_COUNT_CAP + 1 */
} search;

static void not_found(request *r)
{
	view_error(r, 404, _("There is no provider with that number on the official provider list. "
			     "Find one on the provider list."));
}

/* Whether the comma-separated list CODES holds CODE. */
static bool has_code(const char *codes, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = codes; (p = strstr(p, code)); p += n)
		if ((p == codes || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/* "US,CA" as "Canada, United States": names in the country list's order. */
static const char *country_names(request *r, const char *codes)
{
	const char *text = "";
	for (size_t i = 0; i < validate_country_count; i++)
		if (has_code(codes, validate_countries[i].code))
			text = arena_printf(r->arena, "%s%s%s", text, *text ? ", " : "", validate_countries[i].name);
	return text;
}

/* The services on one line, "A, B, C", cut short for the list. */
static const char *services_line(request *r, const char *services)
{
	const char *text = "", *line;
	while ((line = validate_next_line(r->arena, &services)))
		text = arena_printf(r->arena, "%s%s%s", text, *text ? ", " : "", line);
	if (validate_utf8_chars(text) <= SERVICES_LINE_MAX)
		return text;
	return arena_printf(r->arena, "%s…", validate_truncate(r->arena, text, SERVICES_LINE_MAX - 1));
}

/* ---- find a provider ---- */

static search read_search(request *r)
{
	search s = { .q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), SEARCH_MAX),
		     .country = http_query(r, "country") };
	if (!validate_country_name(s.country))
		s.country = "";  /* "All countries", or a code that is not a country */
	s.words = list_search_words(r->arena, s.q);
	s.at = http_seek(r);
	return s;
}

/* The country filter: every country a listed provider serves, by name, in the list's order. */
static bool add_country_options(request *r, tpl_dict *d, const char *selected)
{
	db_rows rows;
	if (db_query_lagging(r->arena, &rows,
			     "SELECT DISTINCT pc.country FROM provider_countries pc "
			     "JOIN provider_listings l ON l.org_id = pc.org_id WHERE l.listed = 1",
			     DB_NOARGS) != DB_OK)
		return false;
	for (size_t i = 0; i < validate_country_count; i++)
		for (int row = 0; row < rows.nrows; row++)
			if (!strcmp(db_get(&rows, row, 0), validate_countries[i].code)) {
				tpl_dict *o = tpl_add_section(d, "COUNTRY_OPTION");
				tpl_set(o, "CODE", validate_countries[i].code);
				tpl_set(o, "NAME", validate_countries[i].name);
				if (!strcmp(selected, validate_countries[i].code))
					tpl_show_section(o, "SELECTED");
			}
	return true;
}

static bool count_matches(request *r, search *s)
{
	db_rows rows;
	if (db_query_lagging(r->arena, &rows, LIST_COUNT_SQL("SELECT 1 " MATCH_SQL),
			     DB_ARGS(LIST_WORDS_ARGS(s->words), DB_STR(s->country), DB_STR(s->country),
			     LIST_COUNT_LIMIT)) != DB_OK)
		return false;
	s->total = db_get_int(&rows, 0, 0);
	return true;
}

#define RESULTS_SQL "SELECT o.id, o.name, l.headline, l.services, " COUNTRIES_SQL " " MATCH_SQL
enum { RESULT_ID, RESULT_NAME, RESULT_HEADLINE, RESULT_SERVICES, RESULT_COUNTRIES, RESULT_NCOLS };

/* The page of results, with Previous / Next links that keep the search. */
static bool add_results(request *r, tpl_dict *d, search *s)
{
	db_rows rows;
	if (db_query_cols_lagging(r->arena, &rows, RESULT_NCOLS, SEEK_SQL_BY_KEY(&s->at, RESULTS_SQL, "o.name", "o.id"),
				  DB_ARGS(LIST_WORDS_ARGS(s->words), DB_STR(s->country), DB_STR(s->country),
				  SEEK_KEY_ARGS(&s->at, PAGE_SIZE))) != DB_OK)
		return false;
	tpl_dict *pager = view_seek_page(d, &s->at, &rows, PAGE_SIZE, RESULT_ID, RESULT_NAME);
	if (pager) {
		tpl_set(pager, "Q", s->q);
		tpl_set(pager, "COUNTRY", s->country);
	}
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *p = tpl_add_section(d, "PROVIDER");
		tpl_set(p, "ID", db_get(&rows, i, RESULT_ID));
		tpl_set(p, "NAME", db_get(&rows, i, RESULT_NAME));
		tpl_set(p, "HEADLINE", db_get(&rows, i, RESULT_HEADLINE));
		tpl_set(p, "SERVICES", services_line(r, db_get(&rows, i, RESULT_SERVICES)));
		tpl_set(p, "COUNTRIES", country_names(r, db_get(&rows, i, RESULT_COUNTRIES)));
	}
	return true;
}

/* "1 provider", "12 providers", "more than 1,000 providers" (the count stops at LIST_COUNT_CAP). */
static const char *result_count(request *r, long long total)
{
	if (total > LIST_COUNT_CAP)
		return arena_printf(r->arena, _("More than %s providers"), i18n_count(r->arena, LIST_COUNT_CAP));
	return arena_printf(r->arena, ngettext("%s provider", "%s providers", (unsigned long)total),
			    i18n_count(r->arena, total));
}

void providers_search(request *r)
{
	search s = read_search(r);
	tpl_dict *d = view_dict(r);
	if (!count_matches(r, &s) || !add_country_options(r, d, s.country) || !add_results(r, d, &s)) {
		view_unavailable(r, _("The provider list"));
		return;
	}
	tpl_set(d, "Q", s.q);
	if (!*s.country)
		tpl_show_section(d, "ALL_SELECTED");
	tpl_set(d, "RESULT_COUNT", result_count(r, s.total));
	if (!s.total)
		tpl_show_section(d, "NO_MATCH");
	if (*s.q || *s.country)
		tpl_show_section(d, "FILTERED");
	view_page(r, "providers_search.tpl", _("Find a provider"), d);
}

/* ---- one provider's profile ---- */

void provider_profile(request *r)
{
	long long id = http_id(http_query(r, "id"));
	enum { NAME, HEADLINE, SERVICES, EMAIL, PHONE, WEBSITE, COUNTRIES, NCOLS };
	db_rows rows;
	if (id && db_query_cols(r->arena, &rows, NCOLS,
			   "SELECT o.name, l.headline, l.services, l.contact_email, l.contact_phone, l.website, "
			   COUNTRIES_SQL " FROM organizations o JOIN provider_listings l ON l.org_id = o.id "
			   "WHERE o.id = ? AND o.kind = 'provider' AND l.listed = 1",
			   DB_ARGS(DB_INT(id))) != DB_OK) {
		view_unavailable(r, _("The provider list"));
		return;
	}
	if (!id || rows.nrows != 1) {
		not_found(r);
		return;
	}
	const char *services = db_get(&rows, 0, SERVICES), *line;
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "ID", id);
	tpl_set(d, "NAME", db_get(&rows, 0, NAME));
	tpl_set(d, "HEADLINE", db_get(&rows, 0, HEADLINE));
	tpl_set(d, "EMAIL", db_get(&rows, 0, EMAIL));
	tpl_set(d, "PHONE", db_get(&rows, 0, PHONE));
	if (*db_get(&rows, 0, WEBSITE))
		tpl_set(tpl_add_section(d, "WEBSITE"), "URL", db_get(&rows, 0, WEBSITE));
	tpl_set(d, "COUNTRIES", country_names(r, db_get(&rows, 0, COUNTRIES)));
	while ((line = validate_next_line(r->arena, &services)))
		tpl_set(tpl_add_section(d, "SERVICE"), "ITEM", line);
	bool own = r->user && r->user->org_id == id;
	tpl_show_section(d, own ? "OWN_PROFILE" : "FOR_RESELLERS");
	if (r->user && !strcmp(r->user->org_kind, "vendor"))
		tpl_show_section(d, "VENDOR_EDIT");
	view_page(r, "providers_profile.tpl", db_get(&rows, 0, NAME), d);
}
