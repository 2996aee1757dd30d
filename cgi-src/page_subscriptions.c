/* page_subscriptions.c: add subscriptions and change licenses (orders placed exactly once), a subscription's
 * detail page with its designated support contact, and the order page */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "domain/customers.h"
#include "db.h"
#include "i18n.h"
#include "db_answer.h"
#include "list_query.h"
#include "domain/offers.h"
#include "domain/orders.h"
#include "domain/subscriptions.h"
#include "rights.h"
#include "validate.h"
#include "view.h"

#define LICENSE_TEXT_MAX 12

#define CHANGE_UNAVAILABLE _("The subscription cannot be changed right now. Nothing was changed; try again in a minute.")

#define READ_UNAVAILABLE _("This cannot be read or saved right now. No order was placed and nothing was " \
			   "changed; try again in a minute.")

static bool can_order(const request *r)
{
	return rights_may_order(r->user);
}

/* A posted license count: a whole number, or 0 for anything else (below every offer's minimum). */
static long long read_licenses(request *r, const char *text)
{
	const char *t = validate_trim(r->arena, text);
	return strlen(t) <= LICENSE_TEXT_MAX ? http_id(t) : 0;
}

/* ---- orders placed exactly once ---- */

static void to_order(request *r, long long order_id)
{
	http_redirect(r, arena_printf(r->arena, "/orders/view?id=%lld", order_id));
}

/* A form whose one-time key already placed an order goes to that order: true when redirected (or failed). */
static bool already_placed(request *r, const char *key)
{
	long long id = key ? order_placed_with_key(r->arena, key, r->user->id, false) : 0;
	if (id < 0)
		view_error(r, 503, READ_UNAVAILABLE);
	else if (id > 0)
		to_order(r, id);
	return id != 0;
}

/* After an order: the order placed (or the one the form's key placed before) is shown; after a commit of
 * unknown outcome it is looked up again (db_answer_unknown_order); else the page says why nothing was placed. */
static void ordered(request *r, const outcome *o, const char *key)
{
	long long id = o->kind == OUTCOME_OK ? o->id : 0;
	bool unknown = o->kind == OUTCOME_FAILED && o->db_rc == DB_UNKNOWN;
	if (unknown)  /* found again: shown; else the page says what is known */
		id = db_answer_unknown_order(r, key, _("your order"));
	if (id > 0)
		to_order(r, id);
	else if (!unknown)
		view_refusal(r, o, _("Your order could not be placed right now: nothing was ordered or changed. Try "
				     "again in a minute."));
}

static void set_order_key(tpl_dict *d, const char *posted)
{
	char key[ORDER_KEY_LEN + 1];
	if (!posted)
		order_new_key(key);
	tpl_set(d, "ORDER_KEY", posted ? posted : key);
}

/* ---- add subscriptions ---- */

typedef struct {
	long long customer, reseller;
	const char *customer_name, *reseller_text, *form_error, *reseller_error;
	db_rows offers;      /* offers_active: OFFERS_COL_* */
	db_rows currencies;  /* id, currency of the active offers */
	db_rows resellers;   /* id, name: the reseller of record choices */
	const char **licenses_text, **offer_error;  /* per offer, as posted */
	orders_line *lines;
	int nlines;
} new_form;

/* The customer named by ?customer=, which the provider must be a partner of record of (rights.c); false when
 * an error page was sent. */
static bool customer_for_order(request *r, new_form *f)
{
	rights_customer c;
	rights_rc rc = rights_for_customer(r->arena, r->user, http_id(http_query(r, "customer")), &c);
	if (rc == RIGHTS_FAILED)
		view_error(r, 503, READ_UNAVAILABLE);
	else if (rc == RIGHTS_NONE)
		rights_not_found(r, RIGHTS_CUSTOMER);
	f->customer = c.id;
	f->customer_name = c.name;
	return rc == RIGHTS_OK;
}

/* The customer, the active offers and the reseller of record choices; false when an error page was sent. */
static bool load_new_form(request *r, new_form *f)
{
	memset(f, 0, sizeof *f);
	f->reseller_text = "";
	if (!customer_for_order(r, f))
		return false;
	if (offers_active(r->arena, &f->offers) != DB_OK ||
	    db_query(r->arena, &f->currencies, "SELECT id, currency FROM offers WHERE active = 1", DB_NOARGS) != DB_OK ||
	    customers_reseller_choices(r->arena, r->user->org_id, f->customer, &f->resellers) != DB_OK) {
		view_error(r, 503, READ_UNAVAILABLE);
		return false;
	}
	size_t n = (size_t)f->offers.nrows + 1;
	f->licenses_text = arena_calloc(r->arena, n * sizeof *f->licenses_text);
	f->offer_error = arena_calloc(r->arena, n * sizeof *f->offer_error);
	f->lines = arena_calloc(r->arena, n * sizeof *f->lines);
	return true;
}

/* The currency of active offer OFFER_ID as the form read it (USD, the schema's default, if it was not there). */
static const char *offer_currency(const new_form *f, const char *offer_id)
{
	for (int i = 0; i < f->currencies.nrows; i++)
		if (!strcmp(db_get(&f->currencies, i, 0), offer_id))
			return db_get(&f->currencies, i, 1);
	return "USD";
}

static void render_new_form(request *r, const new_form *f, const char *posted_key, int status)
{
	tpl_dict *d = view_dict(r);
	r->status = status;
	tpl_set_int(d, "CUSTOMER_ID", f->customer);
	tpl_set(d, "CUSTOMER_NAME", f->customer_name);
	set_order_key(d, posted_key);
	if (f->form_error)
		tpl_set(tpl_add_section(d, "FORM_ERROR"), "MESSAGE", f->form_error);
	for (int i = 0; i < f->offers.nrows; i++) {
		tpl_dict *o = tpl_add_section(d, "OFFER");
		tpl_set(o, "ID", db_get(&f->offers, i, OFFERS_COL_ID));
		tpl_set(o, "NAME", db_get(&f->offers, i, OFFERS_COL_NAME));
		tpl_set(o, "SKU", db_get(&f->offers, i, OFFERS_COL_SKU));
		tpl_set(o, "CATEGORY", db_get(&f->offers, i, OFFERS_COL_CATEGORY));
		tpl_set(o, "PRICE", i18n_money(r->arena, db_get_int(&f->offers, i, OFFERS_COL_PRICE),
						  offer_currency(f, db_get(&f->offers, i, OFFERS_COL_ID))));
		tpl_set(o, "MIN", i18n_count(r->arena, db_get_int(&f->offers, i, OFFERS_COL_MIN)));
		tpl_set(o, "MAX", i18n_count(r->arena, db_get_int(&f->offers, i, OFFERS_COL_MAX)));
		tpl_set(o, "LICENSES", f->licenses_text[i] ? f->licenses_text[i] : "");
		if (f->offer_error[i])
			tpl_set(tpl_add_section(o, "ERROR"), "MESSAGE", f->offer_error[i]);
	}
	for (int i = 0; i < f->resellers.nrows; i++) {
		tpl_dict *o = tpl_add_section(d, "RESELLER_OPTION");
		tpl_set(o, "ID", db_get(&f->resellers, i, CUSTOMERS_RESELLER_ID));
		tpl_set(o, "NAME", db_get(&f->resellers, i, CUSTOMERS_RESELLER_NAME));
		if (!strcmp(f->reseller_text, db_get(&f->resellers, i, CUSTOMERS_RESELLER_ID)))
			tpl_show_section(o, "SELECTED");
	}
	if (f->resellers.nrows == 0)
		tpl_show_section(d, "NO_RESELLERS");
	if (f->reseller_error)
		tpl_set(tpl_add_section(d, "RESELLER_ERROR"), "MESSAGE", f->reseller_error);
	view_page(r, "subscriptions_new.tpl", _("New subscription"), d);
}

/* True when OFFER_ID is one of the active offers on the form. */
static bool offered(const new_form *f, long long offer_id)
{
	for (int i = 0; i < f->offers.nrows; i++)
		if (db_get_int(&f->offers, i, OFFERS_COL_ID) == offer_id)
			return true;
	return false;
}

/* licenses_<OFFER_ID> for an offer that is not (or no longer) on sale; false when there is one. */
static bool only_active_offers(request *r, const new_form *f)
{
	for (size_t i = 0; i < r->form.len; i++) {
		const http_param *p = &r->form.items[i];
		if (!strncmp(p->name, "licenses_", 9) && *validate_trim(r->arena, p->value) &&
		    !offered(f, http_id(p->name + 9)))
			return false;
	}
	return true;
}

/* The posted license counts: lines for the valid ones, a message next to each bad one. */
static bool read_offer_lines(request *r, new_form *f)
{
	bool ok = true;
	for (int i = 0; i < f->offers.nrows; i++) {
		const char *text = validate_trim(r->arena, http_form(r, arena_printf(r->arena, "licenses_%s",
									db_get(&f->offers, i, OFFERS_COL_ID))));
		f->licenses_text[i] = validate_truncate(r->arena, text, LICENSE_TEXT_MAX);
		if (!*text)
			continue;
		long long n = read_licenses(r, text), min = db_get_int(&f->offers, i, OFFERS_COL_MIN), max = db_get_int(&f->offers, i, OFFERS_COL_MAX);
		if (n < min || n > max) {
			f->offer_error[i] = orders_licenses_message(r->arena, min, max);
			ok = false;
			continue;
		}
		f->lines[f->nlines++] = (orders_line){ .offer_id = db_get_int(&f->offers, i, OFFERS_COL_ID), .licenses = n };
	}
	return ok;
}

/* A posted organization (FIELD): 0 for None, -1 for a value that names none (the domain refuses it). */
static long long posted_org(request *r, const char *field)
{
	const char *text = http_form(r, field);
	if (!*text || !strcmp(text, "0"))
		return 0;
	return http_id(text) ? http_id(text) : -1;
}

#define CHECK_FIELDS _("Check the fields marked below. No order was placed.")

/* The posted license counts and reseller of record; false (the form's message set) when the form is to come
 * back before anything is ordered. */
static bool read_new_form(request *r, new_form *f)
{
	bool ok = read_offer_lines(r, f);
	f->reseller_text = http_form(r, "reseller_of_record");
	f->reseller = posted_org(r, "reseller_of_record");
	if (!only_active_offers(r, f)) {
		f->form_error = _(ORDERS_OFFER_NOT_SOLD);
		return false;
	}
	if (!ok)
		f->form_error = CHECK_FIELDS;
	return ok;
}

/* The message of the refusal O next to its field (a license count, the reseller of record) or above the form. */
static void refused_new_form(request *r, new_form *f, const outcome *o)
{
	f->form_error = o->field ? CHECK_FIELDS : o->message;
	if (o->field && !strcmp(o->field, "reseller_of_record"))
		f->reseller_error = o->message;
	for (int i = 0; o->field && i < f->offers.nrows; i++)
		if (!strcmp(o->field, arena_printf(r->arena, "licenses_%s", db_get(&f->offers, i, OFFERS_COL_ID))))
			f->offer_error[i] = o->message;
}

void subscription_new_form(request *r)
{
	new_form f;
	if (load_new_form(r, &f))
		render_new_form(r, &f, NULL, 200);
}

void subscription_new_submit(request *r)
{
	new_form f;
	if (!load_new_form(r, &f))
		return;
	const char *key = order_key_or_null(http_form(r, "order_key"));
	if (!read_new_form(r, &f)) {
		if (!already_placed(r, key))  /* a reload goes to its order whatever the form says now */
			render_new_form(r, &f, key, 400);
		return;
	}
	actor who = actor_of(r);
	orders_new order = { .key = key, .customer = f.customer, .reseller = f.reseller, .lines = f.lines,
			     .nlines = f.nlines };
	outcome o = orders_place_new(r->arena, &who, &order);
	if (o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT) {
		refused_new_form(r, &f, &o);
		render_new_form(r, &f, o.code == ORDERS_KEY_TAKEN ? NULL : key, outcome_status(&o));
		return;
	}
	ordered(r, &o, key);
}

/* ---- one subscription ---- */

typedef struct {
	long long id, customer, provider, reseller, support, licenses, min, max;
	long long assigned;  /* licenses assigned to the customer's users */
	bool offer_active;
	rights_subscription rights;  /* what the user's organization may do with it */
	const char *customer_name, *offer_name, *sku, *price, *status, *created_at, *provider_name;
	const char *reseller_name, *reseller_mpn, *support_name;
} subscription_info;

/* What the detail page shows after a refused change: the posted values and a message next to the field. */
typedef struct {
	const char *licenses_text, *licenses_error, *order_key;
	long long support_posted, reseller_posted;  /* 0: none posted (the reseller: -1 = None) */
	const char *support_error, *reseller_error;
} detail_state;

/* The subscription MAY names (rights_for_subscription granted it), with what the organization may do with it. */
static int load_subscription(request *r, const rights_subscription *may, subscription_info *s)
{
	enum { ID, CUSTOMER, CUSTOMER_NAME, OFFER, SKU, PRICE, CURRENCY, MIN, MAX, OFFER_ACTIVE, LICENSES, STATUS, CREATED,
	       PROVIDER, PROVIDER_NAME, RESELLER, RESELLER_NAME, RESELLER_MPN, SUPPORT, SUPPORT_NAME, ASSIGNED, NCOLS };
	db_rows q;
	long long id = may->id;
	memset(s, 0, sizeof *s);
	int rc = db_query_cols(r->arena, &q, NCOLS,
		"SELECT s.id, s.customer_org_id, c.name, f.name, f.sku, f.monthly_price_cents, f.currency, f.min_licenses, "
		"f.max_licenses, f.active, s.licenses, s.status, DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i:%s'), "
		"s.provider_org_id, p.name, COALESCE(s.reseller_of_record_org_id, 0), COALESCE(ro.name, ''), "
		"COALESCE(ro.mpn_id, ''), COALESCE(s.support_contact_org_id, 0), COALESCE(sc.name, ''), "
		"(SELECT COUNT(*) FROM license_assignments la WHERE la.subscription_id = s.id) "
		"FROM subscriptions s JOIN organizations c ON c.id = s.customer_org_id JOIN offers f ON f.id = s.offer_id "
		"JOIN organizations p ON p.id = s.provider_org_id "
		"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id "
		"LEFT JOIN organizations sc ON sc.id = s.support_contact_org_id WHERE s.id = ?",
		DB_ARGS(DB_INT(id)));
	if (rc != DB_OK || q.nrows != 1)
		return rc;
	*s = (subscription_info){
		.id = db_get_int(&q, 0, ID), .customer = db_get_int(&q, 0, CUSTOMER),
		.customer_name = db_get(&q, 0, CUSTOMER_NAME), .offer_name = db_get(&q, 0, OFFER), .sku = db_get(&q, 0, SKU),
		.price = i18n_money(r->arena, db_get_int(&q, 0, PRICE), db_get(&q, 0, CURRENCY)), .min = db_get_int(&q, 0, MIN),
		.max = db_get_int(&q, 0, MAX), .offer_active = db_get_int(&q, 0, OFFER_ACTIVE) == 1,
		.licenses = db_get_int(&q, 0, LICENSES), .status = db_get(&q, 0, STATUS), .created_at = i18n_datetime(r->arena, db_get(&q, 0, CREATED), false),
		.provider = db_get_int(&q, 0, PROVIDER), .provider_name = db_get(&q, 0, PROVIDER_NAME),
		.reseller = db_get_int(&q, 0, RESELLER), .reseller_name = db_get(&q, 0, RESELLER_NAME),
		.reseller_mpn = db_get(&q, 0, RESELLER_MPN), .support = db_get_int(&q, 0, SUPPORT),
		.support_name = db_get(&q, 0, SUPPORT_NAME), .assigned = db_get_int(&q, 0, ASSIGNED), .rights = *may,
	};
	return DB_OK;
}

/* Subscription ID_TEXT when the user's organization may see it (rights.c); else an error page: the same 404
 * whether it does not exist or is not the organization's to see. */
static bool subscription_for_user(request *r, const char *id_text, subscription_info *s)
{
	rights_subscription may;
	rights_rc rc = rights_for_subscription(r->arena, r->user, http_id(id_text), &may);
	if (rc == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_SUBSCRIPTION);
		return false;
	}
	if (rc != RIGHTS_OK || load_subscription(r, &may, s) != DB_OK || !s->id) {
		view_error(r, 503, READ_UNAVAILABLE);
		return false;
	}
	return true;
}

/* Only the provider that sold the subscription designates its support contact and reseller of record. */
static bool can_manage(const request *r, const subscription_info *s)
{
	return s->rights.may_manage && can_order(r);
}

static void add_facts(request *r, tpl_dict *d, const subscription_info *s)
{
	tpl_set_int(d, "ID", s->id);
	tpl_set(d, "CUSTOMER_NAME", s->customer_name);
	tpl_set(d, "OFFER_NAME", s->offer_name);
	tpl_set(d, "SKU", s->sku);
	tpl_set(d, "PRICE", s->price);
	tpl_set(d, "LICENSES", i18n_count(r->arena, s->licenses));
	tpl_set(d, "ASSIGNED", i18n_count(r->arena, s->assigned));
	tpl_set_int(d, "CUSTOMER_ID", s->customer);
	tpl_set(d, "MIN", i18n_count(r->arena, s->min));
	tpl_set(d, "MAX", i18n_count(r->arena, s->max));
	tpl_set(d, "STATUS", customers_status_label(s->status));
	tpl_set(d, "CREATED_AT", s->created_at);
	tpl_set(d, "PROVIDER_NAME", s->provider_name);
	tpl_set(d, "SUPPORT_NAME", s->support ? s->support_name : _("None"));
	if (!s->reseller) {
		tpl_show_section(d, "NO_RESELLER");
		return;
	}
	tpl_dict *ro = tpl_add_section(d, "RESELLER");
	tpl_set(ro, "NAME", s->reseller_name);
	if (*s->reseller_mpn)
		tpl_set(tpl_add_section(ro, "MPN"), "MPN_ID", s->reseller_mpn);
}

#define ORDERS_PAGE_SIZE 15

/* The subscription's orders, newest first, a page at a time (?after= / ?before= an order id). */
#define ORDER_HISTORY_SQL \
	"SELECT l.order_id, DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i:%s'), l.kind, l.licenses_before, " \
	"l.licenses_after, po.name FROM order_lines l JOIN orders o ON o.id = l.order_id " \
	"JOIN organizations po ON po.id = o.placed_by_org WHERE l.subscription_id = ?"
enum { HISTORY_ORDER, HISTORY_PLACED_AT, HISTORY_KIND, HISTORY_BEFORE, HISTORY_AFTER, HISTORY_PLACED_BY, HISTORY_NCOLS };

static bool add_order_history(request *r, tpl_dict *d, const subscription_info *s)
{
	db_rows q;
	seek at = http_seek(r);
	if (db_query_cols(r->arena, &q, HISTORY_NCOLS, SEEK_SQL_NEWEST_BY_ID(&at, ORDER_HISTORY_SQL, "l.order_id"),
			  DB_ARGS(DB_INT(s->id), SEEK_ID_ARGS(&at, ORDERS_PAGE_SIZE))) != DB_OK)
		return false;
	view_seek_page(d, &at, &q, ORDERS_PAGE_SIZE, HISTORY_ORDER, -1);
	for (int i = 0; i < q.nrows; i++) {
		tpl_dict *o = tpl_add_section(d, "ORDER");
		tpl_set(o, "ORDER_ID", db_get(&q, i, HISTORY_ORDER));
		tpl_set(o, "PLACED_AT", i18n_datetime(r->arena, db_get(&q, i, HISTORY_PLACED_AT), false));
		tpl_set(o, "KIND", !strcmp(db_get(&q, i, HISTORY_KIND), "new") ? _("New subscription") : _("License change"));
		tpl_set(o, "BEFORE", i18n_count(r->arena, db_get_int(&q, i, HISTORY_BEFORE)));
		tpl_set(o, "AFTER", i18n_count(r->arena, db_get_int(&q, i, HISTORY_AFTER)));
		tpl_set(o, "PLACED_BY", db_get(&q, i, HISTORY_PLACED_BY));
	}
	return true;
}

static void add_license_form(request *r, tpl_dict *d, const subscription_info *s, const detail_state *st)
{
	if (!s->rights.may_change) {
		tpl_show_section(d, "LICENSES_NOT_OURS");
		return;
	}
	if (!can_order(r)) {
		tpl_show_section(d, "LICENSES_READ_ONLY");
		return;
	}
	if (!s->offer_active) {
		tpl_show_section(d, "OFFER_RETIRED");
		return;
	}
	tpl_dict *f = tpl_add_section(d, "LICENSE_FORM");
	set_order_key(f, st->order_key);
	tpl_set(f, "NEW_LICENSES", st->licenses_text ? st->licenses_text : arena_printf(r->arena, "%lld", s->licenses));
	if (st->licenses_error)
		tpl_set(tpl_add_section(f, "LICENSES_ERROR"), "MESSAGE", st->licenses_error);
}

static void add_support_option(tpl_dict *f, const char *id, const char *name, const char *role, long long chosen)
{
	tpl_dict *o = tpl_add_section(f, "SUPPORT_OPTION");
	tpl_set(o, "ORG_ID", id);
	tpl_set(o, "NAME", name);
	tpl_set(o, "ROLE", role);
	if (http_id(id) == chosen)
		tpl_show_section(o, "SELECTED");
}

/* The Designated support contact list: the provider and its live partner resellers; for a provider with
 * more than a select can hold, the customer's own resellers of record, and the current contact. */
static bool add_support_form(request *r, tpl_dict *d, const subscription_info *s, const detail_state *st)
{
	db_rows q;
	if (!can_manage(r, s)) {
		tpl_show_section(d, "SUPPORT_READ_ONLY");
		return true;
	}
	if (customers_reseller_options(r->arena, s->provider, CUSTOMERS_RESELLER_OPTIONS_MAX, &q) != DB_OK)
		return false;
	bool all = q.nrows <= CUSTOMERS_RESELLER_OPTIONS_MAX;
	if (!all && customers_reseller_choices(r->arena, s->provider, s->customer, &q) != DB_OK)
		return false;
	long long chosen = st->support_posted ? st->support_posted : s->support;
	tpl_dict *f = tpl_add_section(d, "SUPPORT_FORM");
	add_support_option(f, arena_printf(r->arena, "%lld", s->provider), s->provider_name, _("indirect provider"), chosen);
	bool chosen_listed = chosen == s->provider;
	for (int i = 0; i < q.nrows; i++) {
		add_support_option(f, db_get(&q, i, CUSTOMERS_RESELLER_ID), db_get(&q, i, CUSTOMERS_RESELLER_NAME), _("reseller"), chosen);
		chosen_listed |= db_get_int(&q, i, CUSTOMERS_RESELLER_ID) == chosen;
	}
	if (!chosen_listed && s->support && s->support == chosen)  /* keep the current one: Submit must not change it */
		add_support_option(f, arena_printf(r->arena, "%lld", s->support), s->support_name, _("reseller"), chosen);
	if (!all)
		tpl_show_section(f, "SUPPORT_SOME");
	if (st->support_error)
		tpl_set(tpl_add_section(f, "SUPPORT_ERROR"), "MESSAGE", st->support_error);
	return true;
}

/* The Reseller (MPN ID) list: None, or the provider's live partners that are partners of record of the customer. */
static bool add_reseller_form(request *r, tpl_dict *d, const subscription_info *s, const detail_state *st)
{
	db_rows q;
	if (!can_manage(r, s)) {
		tpl_set(tpl_add_section(d, "RESELLER_READ_ONLY"), "NAME", s->reseller ? s->reseller_name : _("None"));
		return true;
	}
	if (customers_reseller_choices(r->arena, s->provider, s->customer, &q) != DB_OK)
		return false;
	long long chosen = st->reseller_posted ? st->reseller_posted : s->reseller;
	tpl_dict *f = tpl_add_section(d, "RESELLER_FORM");
	if (chosen <= 0)
		tpl_show_section(f, "NONE_SELECTED");
	for (int i = 0; i < q.nrows; i++) {
		tpl_dict *o = tpl_add_section(f, "RESELLER_OPTION");
		tpl_set(o, "ORG_ID", db_get(&q, i, CUSTOMERS_RESELLER_ID));
		tpl_set(o, "NAME", db_get(&q, i, CUSTOMERS_RESELLER_NAME));
		if (db_get_int(&q, i, CUSTOMERS_RESELLER_ID) == chosen)
			tpl_show_section(o, "SELECTED");
	}
	if (st->reseller_error)
		tpl_set(tpl_add_section(f, "RESELLER_ERROR"), "MESSAGE", st->reseller_error);
	return true;
}

static void render_subscription(request *r, const subscription_info *s, const detail_state *st, int status)
{
	tpl_dict *d = view_dict(r);
	add_facts(r, d, s);
	add_license_form(r, d, s, st);
	if (!add_order_history(r, d, s) || !add_support_form(r, d, s, st) || !add_reseller_form(r, d, s, st)) {
		view_error(r, 503, READ_UNAVAILABLE);
		return;
	}
	if (!strcmp(http_query(r, "support"), "updated"))
		tpl_show_section(d, "SUPPORT_NOTICE");
	if (!strcmp(http_query(r, "reseller"), "updated"))
		tpl_show_section(d, "RESELLER_NOTICE");
	r->status = status;
	view_page(r, "subscriptions_view.tpl", s->offer_name, d);
}

void subscription_view(request *r)
{
	subscription_info s;
	detail_state st = { 0 };
	if (subscription_for_user(r, http_query(r, "id"), &s))
		render_subscription(r, &s, &st, 200);
}

/* After a refused change: the subscription's page again with ST's message next to its field and O's status. */
static void refused_change(request *r, const detail_state *st, const outcome *o)
{
	subscription_info s;
	if (subscription_for_user(r, http_form(r, "subscription_id"), &s))
		render_subscription(r, &s, st, outcome_status(o));
}

/* ---- change licenses ---- */

void subscription_licenses_submit(request *r)
{
	const char *key = order_key_or_null(http_form(r, "order_key"));
	const char *text = http_form(r, "licenses");
	actor who = actor_of(r);
	outcome o = orders_set_licenses(r->arena, &who, http_id(http_form(r, "subscription_id")), read_licenses(r, text),
					key);
	if (o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT) {  /* a used key: the form gets a new one */
		detail_state st = { .licenses_text = validate_truncate(r->arena, text, LICENSE_TEXT_MAX),
				    .licenses_error = o.message, .order_key = o.code == ORDERS_KEY_TAKEN ? NULL : key };
		refused_change(r, &st, &o);
		return;
	}
	ordered(r, &o, key);
}

/* ---- designated support contact ---- */

/* After a change of what the provider designates: the subscription's page with NOTICE, or why not. */
static void designated(request *r, const outcome *o, const char *notice)
{
	if (outcome_is_ok(o))
		http_redirect(r, arena_printf(r->arena, "/subscriptions/view?id=%lld&%s=updated", o->id, notice));
	else
		view_refusal(r, o, CHANGE_UNAVAILABLE);
}

void subscription_support_submit(request *r)
{
	long long org = http_id(http_form(r, "support_org_id"));
	actor who = actor_of(r);
	outcome o = subscriptions_set_support_contact(r->arena, &who, http_id(http_form(r, "subscription_id")), org);
	if (o.kind == OUTCOME_INVALID) {
		detail_state st = { .support_posted = org, .support_error = o.message };
		refused_change(r, &st, &o);
		return;
	}
	designated(r, &o, "support");
}

/* ---- the order page ---- */

/* What an order's lines come to a month: the subscriptions' cost before the order and after it (the order's
 * own total is the difference). */
typedef struct {
	long long before_cents, after_cents;
	int lines;
} order_sums;

enum { LINE_SUBSCRIPTION, LINE_OFFER, LINE_SKU, LINE_KIND, LINE_BEFORE, LINE_AFTER, LINE_UNIT_PRICE, LINE_NCOLS };

static void add_order_line(request *r, tpl_dict *d, const db_rows *q, int i, const char *currency, order_sums *sums)
{
	long long price = db_get_int(q, i, LINE_UNIT_PRICE), before = db_get_int(q, i, LINE_BEFORE) * price,
		  after = db_get_int(q, i, LINE_AFTER) * price;
	tpl_dict *l = tpl_add_section(d, "LINE");
	tpl_set(l, "SUBSCRIPTION_ID", db_get(q, i, LINE_SUBSCRIPTION));
	tpl_set(l, "OFFER", db_get(q, i, LINE_OFFER));
	tpl_set(l, "SKU", db_get(q, i, LINE_SKU));
	tpl_set(l, "KIND", !strcmp(db_get(q, i, LINE_KIND), "new") ? _("New") : _("Change"));
	tpl_set(l, "BEFORE", i18n_count(r->arena, db_get_int(q, i, LINE_BEFORE)));
	tpl_set(l, "AFTER", i18n_count(r->arena, db_get_int(q, i, LINE_AFTER)));
	tpl_set(l, "UNIT_PRICE", i18n_money(r->arena, price, currency));
	tpl_set(l, "AMOUNT", i18n_money(r->arena, after - before, currency));
	tpl_set(l, "AFTER_AMOUNT", i18n_money(r->arena, after, currency));
	sums->before_cents += before;
	sums->after_cents += after;
	sums->lines++;
}

/* The order's lines (one per subscription it created or changed, never more than the offers on sale) and what
 * the subscriptions cost a month before and after it. */
static bool add_order_lines(request *r, tpl_dict *d, long long order_id, const char *currency, order_sums *sums)
{
	db_rows q;
	if (db_query_cols(r->arena, &q, LINE_NCOLS,
		     "SELECT l.subscription_id, f.name, f.sku, l.kind, l.licenses_before, l.licenses_after, "
		     "l.unit_price_cents FROM order_lines l JOIN offers f ON f.id = l.offer_id "
		     "WHERE l.order_id = ? ORDER BY l.id",
		     DB_ARGS(DB_INT(order_id))) != DB_OK)
		return false;
	*sums = (order_sums){ 0 };
	for (int i = 0; i < q.nrows; i++)
		add_order_line(r, d, &q, i, currency, sums);
	return true;
}

/* Order N placed: the new monthly total of its subscriptions, what they cost before, where to go next. */
static void add_order_outcome(request *r, tpl_dict *d, const char *currency, const order_sums *sums)
{
	tpl_set(d, "NEW_TOTAL", i18n_money(r->arena, sums->after_cents, currency));
	tpl_set(d, "LINES", i18n_count(r->arena, sums->lines));
	tpl_set(d, "OLD_TOTAL", i18n_money(r->arena, sums->before_cents, currency));
	/* one whole sentence each (a translator words them apart): one line or more, with what it was or not */
	const char *sentence = sums->lines == 1 ? "ONE_SUBSCRIPTION" : "SUBSCRIPTIONS";
	tpl_show_section(d, sums->before_cents ? arena_printf(r->arena, "%s_WAS", sentence) : sentence);
}

void order_view(request *r)
{
	long long id = http_id(http_query(r, "id"));
	enum { ID, PLACED_AT, USER_NAME, USER_UPN, PLACED_BY, PLACED_BY_NAME, CUSTOMER, CUSTOMER_NAME, TOTAL, CURRENCY, NCOLS };
	db_rows q;
	rights_rc may = rights_for_order(r->arena, r->user, id);
	if (may == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_ORDER);
		return;
	}
	if (may != RIGHTS_OK || db_query_cols(r->arena, &q, NCOLS,
		     "SELECT o.id, DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i:%s'), u.display_name, u.upn, o.placed_by_org, "
		     "po.name, o.customer_org_id, c.name, o.monthly_total_cents, o.currency FROM orders o "
		     "JOIN users u ON u.id = o.placed_by_user JOIN organizations po ON po.id = o.placed_by_org "
		     "JOIN organizations c ON c.id = o.customer_org_id WHERE o.id = ?",
		     DB_ARGS(DB_INT(id))) != DB_OK || q.nrows != 1) {
		view_error(r, 503, READ_UNAVAILABLE);
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORDER_ID", db_get(&q, 0, ID));
	tpl_set(d, "PLACED_AT", i18n_datetime(r->arena, db_get(&q, 0, PLACED_AT), false));
	tpl_set(d, "USER_NAME", db_get(&q, 0, USER_NAME));
	tpl_set(d, "USER_UPN", db_get(&q, 0, USER_UPN));
	tpl_set(d, "PLACED_BY_ORG", db_get(&q, 0, PLACED_BY_NAME));
	tpl_set(d, "CUSTOMER_ID", db_get(&q, 0, CUSTOMER));
	tpl_set(d, "CUSTOMER_NAME", db_get(&q, 0, CUSTOMER_NAME));
	const char *currency = db_get(&q, 0, CURRENCY);
	tpl_set(d, "TOTAL", i18n_money(r->arena, db_get_int(&q, 0, TOTAL), currency));
	order_sums sums;
	if (!add_order_lines(r, d, id, currency, &sums)) {
		view_error(r, 503, READ_UNAVAILABLE);
		return;
	}
	add_order_outcome(r, d, currency, &sums);
	view_page(r, "orders_view.tpl", arena_printf(r->arena, _("Order %lld placed"), id), d);
}

/* ---- reseller of record (MPN ID) on an existing subscription ---- */

void subscription_reseller_submit(request *r)
{
	actor who = actor_of(r);
	outcome o = subscriptions_set_reseller_of_record(r->arena, &who, http_id(http_form(r, "subscription_id")),
							 posted_org(r, "reseller_org_id"));
	if (o.kind == OUTCOME_INVALID) {
		detail_state st = { .reseller_posted = -1, .reseller_error = o.message };
		refused_change(r, &st, &o);
		return;
	}
	designated(r, &o, "reseller");
}
