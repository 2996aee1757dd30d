/* page_admin_offers.c: the vendor admin keeps the offer catalog: list, add and edit offers (one form, one check) */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "money.h"
#include "validate.h"
#include "view.h"

#define MAX_PRICE_CENTS 10000000LL  /* $100,000.00 per license per month */
#define MAX_LICENSES 100000LL

/* What a save found that stops it; positive so it never collides with DB_* codes. */
enum { OFFER_NOT_FOUND = 1 };

/* The form's fields; KEYS name them in admin_offers_form.tpl (value KEY, error section KEY_ERROR). */
enum { F_NAME, F_SKU, F_CATEGORY, F_DESCRIPTION, F_PRICE, F_MIN, F_MAX, N_FIELDS };
static const char *const keys[N_FIELDS] = {
	"OFFER_NAME", "SKU", "CATEGORY", "DESCRIPTION", "PRICE", "MIN_LICENSES", "MAX_LICENSES",
};
static const char *const params[N_FIELDS] = {
	"name", "sku", "category", "description", "price", "min_licenses", "max_licenses",
};
static const field_rule rules[N_FIELDS] = {
	[F_NAME] = { "Name", 200, true, FORMAT_TEXT },
	[F_SKU] = { "SKU", 40, true, FORMAT_TEXT },
	[F_CATEGORY] = { "Category", 60, false, FORMAT_TEXT },
	[F_DESCRIPTION] = { "Description", 500, false, FORMAT_TEXT },
	[F_PRICE] = { "Monthly price per license", 20, true, FORMAT_TEXT },
	[F_MIN] = { "Minimum licenses", 12, true, FORMAT_TEXT },
	[F_MAX] = { "Maximum licenses", 12, true, FORMAT_TEXT },
};

/* An offer as the form holds it. */
typedef struct {
	long long id;  /* 0 for a new offer */
	const char *values[N_FIELDS];
	const char *errors[N_FIELDS];
	long long price_cents, min, max;
	bool active;
} offer;

#define OFFERS_UNAVAILABLE "The offer catalog cannot be changed right now. Nothing was saved; try again in a minute."

static void not_found(request *r)
{
	view_error(r, 404, "There is no offer with that number. Choose one from the offer catalog.");
}

/* ---- reading and checking the form (new and edit alike) ---- */

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

static char *uppercase(request *r, const char *s)
{
	char *out = arena_strdup(r->arena, s);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return out;
}

static bool sku_chars(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == strlen(s);
}

/* The checks beyond each field's rule, once the field itself is fine. */
static void check_values(offer *o)
{
	if (!o->errors[F_SKU] && !sku_chars(o->values[F_SKU]))
		o->errors[F_SKU] = "Use only the letters A to Z, digits and hyphens in the SKU.";
	if (!o->errors[F_PRICE] && ((o->price_cents = parse_price(o->values[F_PRICE])) < 0 ||
				    o->price_cents > MAX_PRICE_CENTS))
		o->errors[F_PRICE] = "Enter a price from 0 to 100000.00 with at most two decimals, such as 12.50.";
	if (!o->errors[F_MIN] && (o->min = parse_licenses(o->values[F_MIN])) < 0)
		o->errors[F_MIN] = "Enter a whole number of licenses from 1 to 100000.";
	if (!o->errors[F_MAX] && (o->max = parse_licenses(o->values[F_MAX])) < 0)
		o->errors[F_MAX] = "Enter a whole number of licenses from 1 to 100000.";
	if (!o->errors[F_MIN] && !o->errors[F_MAX] && o->min > o->max)
		o->errors[F_MAX] = "The maximum must be at least the minimum number of licenses.";
}

#define SKU_TAKEN "Another offer already has this SKU. Choose a different SKU."

/* Told with the other problems; the unique key still decides when two saves race. */
static void check_sku_free(request *r, offer *o)
{
	db_rows rows;
	if (!o->errors[F_SKU] && db_query(r->arena, &rows, "SELECT 1 FROM offers WHERE sku = ? AND id <> ?",
					  DB_ARGS(DB_STR(o->values[F_SKU]), DB_INT(o->id))) == DB_OK && rows.nrows)
		o->errors[F_SKU] = SKU_TAKEN;
}

/* Read the posted offer into O; true when every field is fine. */
static bool read_form(request *r, offer *o)
{
	for (int f = 0; f < N_FIELDS; f++) {
		const char *value = validate_trim(r->arena, http_form(r, params[f]));
		o->values[f] = f == F_SKU ? uppercase(r, value) : value;
		o->errors[f] = validate_field(r->arena, &rules[f], o->values[f]);
	}
	o->active = !strcmp(http_form(r, "active"), "1");
	check_values(o);
	check_sku_free(r, o);
	for (int f = 0; f < N_FIELDS; f++)
		if (o->errors[f])
			return false;
	return true;
}

/* ---- the form page ---- */

/* The categories in use, for the category field's suggestions. */
static void add_category_suggestions(request *r, tpl_dict *d)
{
	db_rows rows;
	if (db_query(r->arena, &rows, "SELECT DISTINCT category FROM offers WHERE category <> '' ORDER BY category",
		     DB_NOARGS) != DB_OK)
		return;  /* only suggestions */
	for (int i = 0; i < rows.nrows; i++)
		tpl_set(tpl_add_section(d, "CATEGORY_OPTION"), "NAME", db_get(&rows, i, 0));
}

/* The add or edit form (O->id tells which) with O's values and errors. */
static void form_page(request *r, const offer *o)
{
	tpl_dict *d = view_dict(r);
	bool any_error = false;
	for (int f = 0; f < N_FIELDS; f++) {
		tpl_set(d, keys[f], o->values[f]);
		if (o->errors[f]) {
			tpl_set(tpl_add_section(d, arena_printf(r->arena, "%s_ERROR", keys[f])), "MESSAGE", o->errors[f]);
			any_error = true;
		}
	}
	if (any_error)
		tpl_show_section(d, "FORM_ERROR");
	if (o->active)
		tpl_show_section(d, "ACTIVE");
	add_category_suggestions(r, d);
	if (o->id)
		tpl_set_int(tpl_add_section(d, "EDIT"), "ID", o->id);
	else
		tpl_show_section(d, "NEW");
	view_page(r, "admin_offers_form.tpl", o->id ? "Edit an offer" : "Add an offer", d);
}

/* The form again with status 400: what was typed stays, each problem next to its field. */
static void refuse(request *r, const offer *o)
{
	r->status = 400;
	form_page(r, o);
}

/* ---- saving ---- */

static int insert_offer(offer *o)
{
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO offers (name, sku, category, description, monthly_price_cents, min_licenses, "
			 "max_licenses, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
			 DB_ARGS(DB_STR(o->values[F_NAME]), DB_STR(o->values[F_SKU]), DB_STR(o->values[F_CATEGORY]),
				 DB_STR(o->values[F_DESCRIPTION]), DB_INT(o->price_cents), DB_INT(o->min), DB_INT(o->max),
				 DB_INT(o->active)), NULL, &id);
	o->id = (long long)id;
	return rc;
}

/* Existing subscriptions keep their offer whatever changes here; new orders see the new values. */
static int update_tx(offer *o)
{
	arena *a = arena_new(256);
	db_rows rows;
	int rc = db_query(a, &rows, "SELECT id FROM offers WHERE id = ? FOR UPDATE", DB_ARGS(DB_INT(o->id)));
	int found = rc == DB_OK ? rows.nrows : 0;
	arena_free(a);
	if (rc != DB_OK)
		return rc;
	if (!found)
		return OFFER_NOT_FOUND;
	return db_exec("UPDATE offers SET name = ?, sku = ?, category = ?, description = ?, monthly_price_cents = ?, "
		       "min_licenses = ?, max_licenses = ?, active = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		       DB_ARGS(DB_STR(o->values[F_NAME]), DB_STR(o->values[F_SKU]), DB_STR(o->values[F_CATEGORY]),
			       DB_STR(o->values[F_DESCRIPTION]), DB_INT(o->price_cents), DB_INT(o->min), DB_INT(o->max),
			       DB_INT(o->active), DB_INT(o->id)), NULL, NULL);
}

typedef struct {
	request *r;
	offer *o;
	bool update;
	const char *action;
} offer_save;

/* The offer and its audit row in one transaction. */
static int save_tx(void *ctx)
{
	offer_save *s = ctx;
	offer *o = s->o;
	int rc = s->update ? update_tx(o) : insert_offer(o);
	if (rc != DB_OK)
		return rc;
	return audit(s->r->user->id, s->action,
		     arena_printf(s->r->arena, "offer %lld: %s %s, %s per license, %lld-%lld licenses, %s", o->id,
				  o->values[F_SKU], o->values[F_NAME], money_format(s->r->arena, o->price_cents), o->min,
				  o->max, o->active ? "active" : "inactive"),
		     s->r->remote_addr);
}

/* Save O; then the list with a notice, the form with the SKU message, 404 or 503. */
static void save(request *r, offer *o, bool update, const char *action, const char *done)
{
	offer_save s = { r, o, update, action };
	int rc = db_transaction(save_tx, &s);
	if (rc == DB_DUPLICATE) {
		o->errors[F_SKU] = SKU_TAKEN;
		refuse(r, o);
	} else if (rc == OFFER_NOT_FOUND) {
		not_found(r);
	} else if (rc != DB_OK) {
		db_answer_failure(r, rc, OFFERS_UNAVAILABLE);
	} else {
		http_redirect(r, arena_printf(r->arena, "/admin/offers?done=%s&id=%lld", done, o->id));
	}
}

/* ---- the catalog ---- */

enum { L_ID, L_NAME, L_SKU, L_CATEGORY, L_PRICE, L_MIN, L_MAX, L_ACTIVE, L_NCOLS };

static void add_notice(request *r, tpl_dict *d, const db_rows *rows)
{
	const char *done = http_query(r, "done");
	long long id = http_id(http_query(r, "id"));
	const char *section = !strcmp(done, "added") ? "ADDED_NOTICE" : !strcmp(done, "saved") ? "SAVED_NOTICE" : NULL;
	for (int i = 0; section && i < rows->nrows; i++)
		if (db_get_int(rows, i, L_ID) == id)
			tpl_set(tpl_add_section(d, section), "NAME", db_get(rows, i, L_NAME));
}

void admin_offers_list(request *r)
{
	db_rows rows;
	if (db_query_cols(r->arena, &rows, L_NCOLS,
			  "SELECT id, name, sku, category, monthly_price_cents, min_licenses, max_licenses, active FROM offers "
			  "ORDER BY active DESC, category, name, id", DB_NOARGS) != DB_OK) {
		view_error(r, 503, "The offer catalog cannot be shown right now. Try again in a minute.");
		return;
	}
	tpl_dict *d = view_dict(r);
	add_notice(r, d, &rows);
	if (!rows.nrows)
		tpl_show_section(d, "NO_OFFERS");
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *o = tpl_add_section(d, "OFFER");
		tpl_set(o, "ID", db_get(&rows, i, L_ID));
		tpl_set(o, "NAME", db_get(&rows, i, L_NAME));
		tpl_set(o, "SKU", db_get(&rows, i, L_SKU));
		tpl_set(o, "CATEGORY", db_get(&rows, i, L_CATEGORY));
		tpl_set(o, "PRICE", money_format(r->arena, db_get_int(&rows, i, L_PRICE)));
		tpl_set(o, "MIN", db_get(&rows, i, L_MIN));
		tpl_set(o, "MAX", db_get(&rows, i, L_MAX));
		tpl_show_section(o, db_get_int(&rows, i, L_ACTIVE) ? "ACTIVE" : "INACTIVE");
	}
	view_page(r, "admin_offers_list.tpl", "Offer catalog", d);
}

/* ---- add an offer ---- */

void admin_offer_new_form(request *r)
{
	offer o = { .values = { "", "", "", "", "", "1", "300" }, .active = true };
	form_page(r, &o);
}

void admin_offer_create(request *r)
{
	offer o = { 0 };
	if (!read_form(r, &o)) {
		refuse(r, &o);
		return;
	}
	save(r, &o, false, "offer.created", "added");
}

/* ---- edit an offer ---- */

/* The posted or linked offer id, or 0. */
static long long offer_id(request *r)
{
	const char *id = http_form(r, "id");
	return http_id(*id ? id : http_query(r, "id"));
}

/* O (O->id) loaded; false when there is no such offer or no database, and the answer has been given. */
static bool found_offer(request *r, offer *o)
{
	/* the first columns are the form's text fields, F_NAME to F_DESCRIPTION */
	enum { C_DESCRIPTION = F_DESCRIPTION, C_PRICE, C_MIN, C_MAX, C_ACTIVE, C_NCOLS };
	db_rows rows;
	int rc = o->id ? db_query_cols(r->arena, &rows, C_NCOLS,
				  "SELECT name, sku, category, description, monthly_price_cents, min_licenses, max_licenses, "
				  "active FROM offers WHERE id = ?", DB_ARGS(DB_INT(o->id))) : DB_OK;
	if (rc != DB_OK) {
		view_error(r, 503, OFFERS_UNAVAILABLE);
		return false;
	}
	if (!o->id || rows.nrows != 1) {
		not_found(r);
		return false;
	}
	for (int f = 0; f <= C_DESCRIPTION; f++)
		o->values[f] = db_get(&rows, 0, f);
	long long cents = db_get_int(&rows, 0, C_PRICE);
	o->values[F_PRICE] = arena_printf(r->arena, "%lld.%02lld", cents / 100, cents % 100);
	o->values[F_MIN] = db_get(&rows, 0, C_MIN);
	o->values[F_MAX] = db_get(&rows, 0, C_MAX);
	o->active = db_get_int(&rows, 0, C_ACTIVE) != 0;
	return true;
}

void admin_offer_edit_form(request *r)
{
	offer o = { .id = offer_id(r) };
	if (found_offer(r, &o))
		form_page(r, &o);
}

void admin_offer_update(request *r)
{
	offer o = { .id = offer_id(r) };
	if (!read_form(r, &o)) {
		offer stored = { .id = o.id };  /* an unknown offer is a 404, whatever was typed */
		if (found_offer(r, &stored))
			refuse(r, &o);
		return;
	}
	if (!o.id)
		not_found(r);
	else
		save(r, &o, true, "offer.updated", "saved");
}
