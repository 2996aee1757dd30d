/* offers.c: the offer catalog: its one read order, and the vendor's changes with their checks (offers.h) */
#include "domain/offers.h"

#include <string.h>

#include "domain/changes.h"
#include "money.h"
#include "validate.h"

#define MAX_PRICE_CENTS 10000000LL  /* $100,000.00 per license per month */
#define MAX_LICENSES 100000LL

/* ---- reading the catalog ---- */

#define CATALOG_SQL \
	"SELECT id, name, sku, category, description, monthly_price_cents, min_licenses, max_licenses, active, " \
	"currency FROM offers "
/* uncategorized offers after the categories, so a page can head each category once */
#define CATALOG_ORDER "category = '', category, name, id"

int offers_active(arena *a, db_rows *out)
{
	return db_query_cols_lagging(a, out, OFFERS_NCOLS, CATALOG_SQL "WHERE active = 1 ORDER BY " CATALOG_ORDER, DB_NOARGS);
}

int offers_catalog(arena *a, db_rows *out)
{
	return db_query_cols(a, out, OFFERS_NCOLS, CATALOG_SQL "ORDER BY active DESC, " CATALOG_ORDER, DB_NOARGS);
}

/* CENTS as the price field shows it: "12.50" */
static const char *price_text(arena *a, long long cents)
{
	return arena_printf(a, "%lld.%02lld", cents / 100, cents % 100);
}

#define OFFER_SQL "SELECT name, sku, category, description, monthly_price_cents, min_licenses, max_licenses, " \
		  "active, currency FROM offers WHERE id = ?"

/* The stored offer O->id, locked for a change when LOCK: its form values as offers_find gives them. */
static int load(arena *a, offers_offer *o, bool lock)
{
	/* the first columns are the form's text fields, OFFERS_F_NAME to OFFERS_F_DESCRIPTION */
	enum { C_DESCRIPTION = OFFERS_F_DESCRIPTION, C_PRICE, C_MIN, C_MAX, C_ACTIVE, C_CURRENCY, C_NCOLS };
	db_rows rows;
	int rc = o->id <= 0 ? DB_OK : db_query_cols(a, &rows, C_NCOLS, lock ? OFFER_SQL " FOR UPDATE" : OFFER_SQL,
						     DB_ARGS(DB_INT(o->id)));
	if (rc != DB_OK)
		return rc;
	if (o->id <= 0 || rows.nrows != 1)
		return OFFERS_NONE;
	for (int f = 0; f <= C_DESCRIPTION; f++)
		o->values[f] = db_get(&rows, 0, f);
	o->values[OFFERS_F_PRICE] = price_text(a, db_get_int(&rows, 0, C_PRICE));
	o->values[OFFERS_F_MIN] = db_get(&rows, 0, C_MIN);
	o->values[OFFERS_F_MAX] = db_get(&rows, 0, C_MAX);
	o->values[OFFERS_F_CURRENCY] = db_get(&rows, 0, C_CURRENCY);
	o->active = db_get_int(&rows, 0, C_ACTIVE) != 0;
	return DB_OK;
}

int offers_find(arena *a, offers_offer *o)
{
	return load(a, o, false);
}

/* ---- checking a form ---- */

const char *const offers_fields[OFFERS_N_FIELDS] = {
	"name", "sku", "category", "description", "price", "min_licenses", "max_licenses", "currency",
};

const offers_currency offers_currencies[] = {
	{ "USD", N_("US dollar") },
	{ "EUR", N_("Euro") },
	{ "GBP", N_("Pound sterling") },
};
const size_t offers_currency_count = sizeof offers_currencies / sizeof offers_currencies[0];

#define DEFAULT_CURRENCY "USD"  /* the column's default */

static bool known_currency(const char *code)
{
	for (size_t i = 0; i < offers_currency_count; i++)
		if (!strcmp(offers_currencies[i].code, code))
			return true;
	return false;
}

static const field_rule rules[OFFERS_N_FIELDS] = {
	[OFFERS_F_NAME] = { N_("Name"), 200, true, FORMAT_TEXT },
	[OFFERS_F_SKU] = { N_("SKU"), 40, true, FORMAT_TEXT },
	[OFFERS_F_CATEGORY] = { N_("Category"), 60, false, FORMAT_TEXT },
	[OFFERS_F_DESCRIPTION] = { N_("Description"), 500, false, FORMAT_TEXT },
	[OFFERS_F_PRICE] = { N_("Monthly price per license"), 20, true, FORMAT_TEXT },
	[OFFERS_F_MIN] = { N_("Minimum licenses"), 12, true, FORMAT_TEXT },
	[OFFERS_F_MAX] = { N_("Maximum licenses"), 12, true, FORMAT_TEXT },
	[OFFERS_F_CURRENCY] = { N_("Currency"), 3, false, FORMAT_TEXT },
};

#define SKU_TAKEN N_("Another offer already has this SKU. Choose a different SKU.")

/* "12", "12.5" or "12.50" as cents, exactly (no floating point); -1 for anything else. */
static long long parse_price(const char *s)
{
	long long units = 0, cents = 0;
	size_t digits = strspn(s, "0123456789");
	if (digits == 0 || digits > 6)
		return -1;
	for (size_t i = 0; i < digits; i++)
		units = units * 10 + (s[i] - '0');
	if (s[digits] == '.') {
		const char *frac = s + digits + 1;
		size_t n = strspn(frac, "0123456789");
		if (n < 1 || n > 2 || frac[n])
			return -1;
		cents = (frac[0] - '0') * 10 + (n == 2 ? frac[1] - '0' : 0);
	} else if (s[digits]) {
		return -1;
	}
	return units * 100 + cents;
}

/* A whole number from 1 to MAX_LICENSES, or -1. */
static long long parse_licenses(const char *s)
{
	long long n = 0;
	size_t digits = strspn(s, "0123456789");
	if (digits == 0 || digits > 6 || s[digits])
		return -1;
	for (size_t i = 0; i < digits; i++)
		n = n * 10 + (s[i] - '0');
	return n >= 1 && n <= MAX_LICENSES ? n : -1;
}

static char *uppercase(arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return out;
}

static bool sku_chars(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen(s);
}

/* A change being made: the offer as typed, and what checking it found. */
typedef struct {
	arena *a;
	const actor *who;
	offers_offer *o;
	long long price_cents, min, max;
	const char *currency;  /* the currency when the form gives none: USD, or the stored offer's */
} offer_change;

/* The checks beyond each field's rule, once the field itself is fine. */
static void check_values(offer_change *c)
{
	offers_offer *o = c->o;
	if (!o->errors[OFFERS_F_SKU] && !sku_chars(o->values[OFFERS_F_SKU]))
		o->errors[OFFERS_F_SKU] = _("Use only the letters A to Z, digits and hyphens in the SKU.");
	if (!o->errors[OFFERS_F_PRICE] && ((c->price_cents = parse_price(o->values[OFFERS_F_PRICE])) < 0 ||
					   c->price_cents > MAX_PRICE_CENTS))
		o->errors[OFFERS_F_PRICE] = _("Enter a price from 0 to 100000.00 with at most two decimals, such as 12.50.");
	if (!o->errors[OFFERS_F_MIN] && (c->min = parse_licenses(o->values[OFFERS_F_MIN])) < 0)
		o->errors[OFFERS_F_MIN] = _("Enter a whole number of licenses from 1 to 100000.");
	if (!o->errors[OFFERS_F_MAX] && (c->max = parse_licenses(o->values[OFFERS_F_MAX])) < 0)
		o->errors[OFFERS_F_MAX] = _("Enter a whole number of licenses from 1 to 100000.");
	if (!o->errors[OFFERS_F_MIN] && !o->errors[OFFERS_F_MAX] && c->min > c->max)
		o->errors[OFFERS_F_MAX] = _("The maximum must be at least the minimum number of licenses.");
	if (!o->errors[OFFERS_F_CURRENCY] && !*o->values[OFFERS_F_CURRENCY])
		o->values[OFFERS_F_CURRENCY] = c->currency;
	if (!o->errors[OFFERS_F_CURRENCY] && !known_currency(o->values[OFFERS_F_CURRENCY]))
		o->errors[OFFERS_F_CURRENCY] = _("Choose one of the currencies listed: US dollar (USD), euro (EUR) or "
						 "pound sterling (GBP).");
}

/* Told with the other problems; the unique key still decides when two saves race. A DB_* code. */
static int check_sku_free(offer_change *c)
{
	offers_offer *o = c->o;
	db_rows rows;
	if (o->errors[OFFERS_F_SKU])
		return DB_OK;
	int rc = db_query(c->a, &rows, "SELECT 1 FROM offers WHERE sku = ? AND id <> ?",
			  DB_ARGS(DB_STR(o->values[OFFERS_F_SKU]), DB_INT(o->id)));
	if (rc == DB_OK && rows.nrows)
		o->errors[OFFERS_F_SKU] = _(SKU_TAKEN);
	return rc;
}

/* C's offer checked: its values trimmed, OUTCOME_OK when every field is fine, else OUTCOME_INVALID naming
 * the first wrong field (each one's message in C->o->errors). */
static outcome check(offer_change *c)
{
	offers_offer *o = c->o;
	for (int f = 0; f < OFFERS_N_FIELDS; f++) {
		const char *value = validate_trim(c->a, o->values[f] ? o->values[f] : "");
		o->values[f] = f == OFFERS_F_SKU || f == OFFERS_F_CURRENCY ? uppercase(c->a, value) : value;
		o->errors[f] = validate_field(c->a, &rules[f], o->values[f]);
	}
	check_values(c);
	int rc = check_sku_free(c);
	if (rc != DB_OK)
		return outcome_failed(rc);
	for (int f = 0; f < OFFERS_N_FIELDS; f++)
		if (o->errors[f])
			return outcome_invalid(offers_fields[f], o->errors[f]);
	return outcome_ok(o->id);
}

/* ---- the changes ---- */

/* The audited values of an offer: its fields (named as on the form), and whether it is active. */
enum { A_PRICE = OFFERS_F_PRICE, A_MIN, A_MAX, A_ACTIVE = OFFERS_N_FIELDS, A_N };

static void audit_values(const offers_offer *o, const char *out[A_N])
{
	for (int f = 0; f < OFFERS_N_FIELDS; f++)
		out[f] = o->values[f];
	out[A_ACTIVE] = o->active ? "yes" : "no";
}

/* The checked values of C, written as load reads them back, so that unchanged fields compare equal. */
static void checked_values(const offer_change *c, const char *out[A_N])
{
	audit_values(c->o, out);
	out[A_PRICE] = price_text(c->a, c->price_cents);
	out[A_MIN] = arena_printf(c->a, "%lld", c->min);
	out[A_MAX] = arena_printf(c->a, "%lld", c->max);
}

/* A price as the audit row's detail (English, whoever reads the log) writes it: "$12.50", "EUR 1,234.50". */
static const char *detail_price(arena *a, long long cents, const char *currency)
{
	const char *dollars = money_format(a, cents);
	return strcmp(currency, "USD") ? arena_printf(a, "%s %s", currency, dollars + 1) : dollars;
}

/* The audit row of C's change ACTION; BEFORE is the stored offer (NULL for a new one). */
static outcome audited(offer_change *c, const char *action, const offers_offer *before)
{
	const offers_offer *o = c->o;
	const char *keys[A_N], *old[A_N], *new[A_N];
	memcpy(keys, offers_fields, sizeof offers_fields);
	keys[A_ACTIVE] = "active";
	audit_entry e = { .action = action, .object_type = "offer", .object_id = o->id };
	checked_values(c, new);
	if (before)
		audit_values(before, old);
	changes_json(c->a, A_N, keys, before ? old : NULL, new, &e.before_json, &e.after_json);
	e.detail = arena_printf(c->a, "offer %lld: %s %s, %s per license, %lld-%lld licenses, %s", o->id,
				o->values[OFFERS_F_SKU], o->values[OFFERS_F_NAME],
				detail_price(c->a, c->price_cents, o->values[OFFERS_F_CURRENCY]), c->min, c->max,
				o->active ? "active" : "inactive");
	int rc = domain_audit(c->who, e);
	return rc == DB_OK ? outcome_ok(o->id) : outcome_failed(rc);
}

/* A save's answer to RC: the SKU taken by an offer saved meanwhile (the unique key), or a failure. */
static outcome not_saved(offer_change *c, int rc)
{
	if (rc != DB_DUPLICATE)
		return outcome_failed(rc);
	c->o->errors[OFFERS_F_SKU] = _(SKU_TAKEN);
	return outcome_refused(OUTCOME_CONFLICT, 0, _(SKU_TAKEN));
}

static outcome vendor_only(const actor *who)
{
	if (rights_for_vendor_catalog(who->user) == RIGHTS_OK)
		return outcome_ok(0);
	return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only the vendor (Channel Center) keeps the offer catalog."));
}

static outcome create(void *ctx)
{
	offer_change *c = ctx;
	offers_offer *o = c->o;
	o->id = 0;
	outcome out = vendor_only(c->who);
	if (outcome_is_ok(&out))
		out = check(c);
	if (!outcome_is_ok(&out))
		return out;
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO offers (name, sku, category, description, monthly_price_cents, min_licenses, "
			 "max_licenses, active, currency, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
			 DB_ARGS(DB_STR(o->values[OFFERS_F_NAME]), DB_STR(o->values[OFFERS_F_SKU]),
				 DB_STR(o->values[OFFERS_F_CATEGORY]), DB_STR(o->values[OFFERS_F_DESCRIPTION]),
				 DB_INT(c->price_cents), DB_INT(c->min), DB_INT(c->max), DB_INT(o->active),
				 DB_STR(o->values[OFFERS_F_CURRENCY])), NULL, &id);
	if (rc != DB_OK)
		return not_saved(c, rc);
	o->id = (long long)id;
	return audited(c, "offer.created", NULL);
}

outcome offers_create(arena *a, const actor *who, offers_offer *o)
{
	offer_change c = { .a = a, .who = who, .o = o, .currency = DEFAULT_CURRENCY };
	return domain_tx(create, &c);
}

static outcome update(void *ctx)
{
	offer_change *c = ctx;
	offers_offer *o = c->o;
	outcome out = vendor_only(c->who);
	if (!outcome_is_ok(&out))
		return out;
	/* locked, so two saves of one offer are audited in the order they were made */
	offers_offer stored = { .id = o->id };
	int rc = load(c->a, &stored, true);
	if (rc == OFFERS_NONE)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(OFFERS_NOT_FOUND));
	if (rc != DB_OK)
		return outcome_failed(rc);
	c->currency = stored.values[OFFERS_F_CURRENCY];
	out = check(c);
	if (!outcome_is_ok(&out))
		return out;
	rc = db_exec("UPDATE offers SET name = ?, sku = ?, category = ?, description = ?, monthly_price_cents = ?, "
		     "min_licenses = ?, max_licenses = ?, active = ?, currency = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		     DB_ARGS(DB_STR(o->values[OFFERS_F_NAME]), DB_STR(o->values[OFFERS_F_SKU]),
			     DB_STR(o->values[OFFERS_F_CATEGORY]), DB_STR(o->values[OFFERS_F_DESCRIPTION]),
			     DB_INT(c->price_cents), DB_INT(c->min), DB_INT(c->max), DB_INT(o->active),
			     DB_STR(o->values[OFFERS_F_CURRENCY]), DB_INT(o->id)),
		     NULL, NULL);
	if (rc != DB_OK)
		return not_saved(c, rc);
	return audited(c, "offer.updated", &stored);
}

outcome offers_update(arena *a, const actor *who, offers_offer *o)
{
	offer_change c = { .a = a, .who = who, .o = o };
	return domain_tx(update, &c);
}
