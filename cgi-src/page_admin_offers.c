/* page_admin_offers.c: the vendor admin keeps the offer catalog: list, add and edit offers (one form; offers.c checks and saves it) */
#include <string.h>

#include "app.h"
#include "db.h"
#include "domain/offers.h"
#include "validate.h"
#include "view.h"

/* The form's fields (offers.h); KEYS name them in admin_offers_form.tpl (value KEY, error section KEY_ERROR). */
static const char *const keys[OFFERS_N_FIELDS] = {
	"OFFER_NAME", "SKU", "CATEGORY", "DESCRIPTION", "PRICE", "MIN_LICENSES", "MAX_LICENSES", "CURRENCY",
};

#define OFFERS_UNAVAILABLE N_("The offer catalog cannot be changed right now. Nothing was saved; try again in a minute.")

static void not_found(request *r)
{
	view_error(r, 404, _(OFFERS_NOT_FOUND));
}

/* The posted offer, as typed: offers_create and offers_update check it. */
static void read_form(request *r, offers_offer *o)
{
	for (int f = 0; f < OFFERS_N_FIELDS; f++)
		o->values[f] = http_form(r, offers_fields[f]);
	o->active = !strcmp(http_form(r, "active"), "1");
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

/* The currency select, the offer's currency chosen. */
static void add_currency_options(tpl_dict *d, const char *chosen)
{
	for (size_t i = 0; i < offers_currency_count; i++) {
		tpl_dict *c = tpl_add_section(d, "CURRENCY_OPTION");
		tpl_set(c, "CODE", offers_currencies[i].code);
		tpl_set(c, "NAME", _(offers_currencies[i].name));
		if (chosen && !strcmp(chosen, offers_currencies[i].code))
			tpl_show_section(c, "SELECTED");
	}
}

/* The add or edit form (O->id tells which) with O's values and errors. */
static void form_page(request *r, const offers_offer *o)
{
	tpl_dict *d = view_dict(r);
	bool any_error = false;
	for (int f = 0; f < OFFERS_N_FIELDS; f++) {
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
	add_currency_options(d, o->values[OFFERS_F_CURRENCY]);
	if (o->id)
		tpl_set_int(tpl_add_section(d, "EDIT"), "ID", o->id);
	else
		tpl_show_section(d, "NEW");
	view_page(r, "admin_offers_form.tpl", o->id ? _("Edit an offer") : _("Add an offer"), d);
}

/* After a save: the list with a notice; a refused form again with status 400, what was typed kept and each
 * problem next to its field; or the refusal's page. */
static void saved(request *r, const offers_offer *o, const outcome *out, const char *done)
{
	switch (out->kind) {
	case OUTCOME_OK:
		http_redirect(r, arena_printf(r->arena, "/admin/offers?done=%s&id=%lld", done, out->id));
		return;
	case OUTCOME_INVALID:
	case OUTCOME_CONFLICT:
		r->status = 400;
		form_page(r, o);
		return;
	default:
		view_refusal(r, out, _(OFFERS_UNAVAILABLE));
	}
}

/* ---- the catalog ---- */

static void add_notice(request *r, tpl_dict *d, const db_rows *rows)
{
	const char *done = http_query(r, "done");
	long long id = http_id(http_query(r, "id"));
	const char *section = !strcmp(done, "added") ? "ADDED_NOTICE" : !strcmp(done, "saved") ? "SAVED_NOTICE" : NULL;
	for (int i = 0; section && i < rows->nrows; i++)
		if (db_get_int(rows, i, OFFERS_COL_ID) == id)
			tpl_set(tpl_add_section(d, section), "NAME", db_get(rows, i, OFFERS_COL_NAME));
}

void admin_offers_list(request *r)
{
	db_rows rows;
	if (offers_catalog(r->arena, &rows) != DB_OK) {
		view_error(r, 503, _("The offer catalog cannot be shown right now. Try again in a minute."));
		return;
	}
	tpl_dict *d = view_dict(r);
	add_notice(r, d, &rows);
	if (!rows.nrows)
		tpl_show_section(d, "NO_OFFERS");
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *o = tpl_add_section(d, "OFFER");
		tpl_set(o, "ID", db_get(&rows, i, OFFERS_COL_ID));
		tpl_set(o, "NAME", db_get(&rows, i, OFFERS_COL_NAME));
		tpl_set(o, "SKU", db_get(&rows, i, OFFERS_COL_SKU));
		tpl_set(o, "CATEGORY", db_get(&rows, i, OFFERS_COL_CATEGORY));
		tpl_set(o, "PRICE", i18n_money(r->arena, db_get_int(&rows, i, OFFERS_COL_PRICE),
					       db_get(&rows, i, OFFERS_COL_CURRENCY)));
		tpl_set(o, "MIN", db_get(&rows, i, OFFERS_COL_MIN));
		tpl_set(o, "MAX", db_get(&rows, i, OFFERS_COL_MAX));
		tpl_show_section(o, db_get_int(&rows, i, OFFERS_COL_ACTIVE) ? "ACTIVE" : "INACTIVE");
	}
	view_page(r, "admin_offers_list.tpl", _("Offer catalog"), d);
}

/* ---- add an offer ---- */

void admin_offer_new_form(request *r)
{
	offers_offer o = { .values = { "", "", "", "", "", "1", "300", "USD" }, .active = true };
	form_page(r, &o);
}

void admin_offer_create(request *r)
{
	offers_offer o = { 0 };
	read_form(r, &o);
	actor who = actor_of(r);
	outcome out = offers_create(r->arena, &who, &o);
	saved(r, &o, &out, "added");
}

/* ---- edit an offer ---- */

/* The posted or linked offer id, or 0. */
static long long offer_id(request *r)
{
	const char *id = http_form(r, "id");
	return http_id(*id ? id : http_query(r, "id"));
}

void admin_offer_edit_form(request *r)
{
	offers_offer o = { .id = offer_id(r) };
	int rc = offers_find(r->arena, &o);
	if (rc == OFFERS_NONE)
		not_found(r);
	else if (rc != DB_OK)
		view_error(r, 503, _(OFFERS_UNAVAILABLE));
	else
		form_page(r, &o);
}

void admin_offer_update(request *r)
{
	offers_offer o = { .id = offer_id(r) };
	read_form(r, &o);
	actor who = actor_of(r);
	outcome out = offers_update(r->arena, &who, &o);
	saved(r, &o, &out, "saved");
}
