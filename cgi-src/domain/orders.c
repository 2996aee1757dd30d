/* orders.c: placing orders: the one-time key claimed first, then lines that create subscriptions
 * or change license counts within each offer's limits, then the monthly total; and the two orders a
 * partner places, each with its rights check and audit row in one transaction (orders.h) */
#include "domain/orders.h"

#include <string.h>

#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "domain/customers.h"
#include "session.h"

void order_new_key(char out[ORDER_KEY_LEN + 1])
{
	sess_random_hex(out);
}

const char *order_key_or_null(const char *posted)
{
	if (!posted || strlen(posted) != ORDER_KEY_LEN)
		return NULL;
	for (const char *p = posted; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return NULL;
	return posted;
}

int order_begin(const char *key, long long customer_org, long long user_id, long long user_org,
		long long *order_id)
{
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO orders (order_key, customer_org_id, placed_by_user, placed_by_org, placed_at, "
			 "monthly_total_cents) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), 0)",
			 DB_ARGS(DB_STR(key), DB_INT(customer_org), DB_INT(user_id), DB_INT(user_org)), NULL, &id);
	*order_id = (long long)id;
	if (rc != DB_DUPLICATE)
		return rc;
	arena *a = arena_new(1024);
	/* a locking read sees the committed row even if this transaction read before */
	long long found = order_placed_with_key(a, key, user_id, true);
	arena_free(a);
	if (found < 0)
		return (int)found;
	*order_id = found;
	return found ? DB_DUPLICATE : ORDER_KEY_TAKEN;  /* another user's key: not theirs to find */
}

/* The one order-by-key lookup: the form's key, and only its own user's orders */
#define ORDER_BY_KEY_SQL "SELECT id FROM orders WHERE order_key = ? AND placed_by_user = ?"

long long order_placed_with_key(arena *a, const char *key, long long user_id, bool wait_for_commit)
{
	db_rows r;
	int rc = db_query(a, &r, wait_for_commit ? ORDER_BY_KEY_SQL " LOCK IN SHARE MODE" : ORDER_BY_KEY_SQL,
			  DB_ARGS(DB_STR(key), DB_INT(user_id)));
	if (rc != DB_OK)
		return rc;
	return r.nrows == 1 ? db_get_int(&r, 0, 0) : 0;
}

/* The offer's price when it is active and LICENSES is within its limits; -1 otherwise. */
static long long offer_price_for(arena *a, long long offer_id, long long licenses)
{
	db_rows r;
	if (db_query(a, &r, "SELECT monthly_price_cents FROM offers WHERE id = ? AND active = 1 "
			    "AND ? BETWEEN min_licenses AND max_licenses",
		     DB_ARGS(DB_INT(offer_id), DB_INT(licenses))) != DB_OK || r.nrows != 1)
		return -1;
	return db_get_int(&r, 0, 0);
}

int order_add_subscription(arena *a, long long order_id, long long customer_org, long long offer_id,
			   long long licenses, long long provider_org, long long reseller_of_record,
			   long long *subscription_id)
{
	long long price = offer_price_for(a, offer_id, licenses);
	if (price < 0)
		return DB_ERROR;
	unsigned long long sub = 0;
	int rc = db_exec("INSERT INTO subscriptions (customer_org_id, offer_id, licenses, provider_org_id, "
			 "reseller_of_record_org_id, support_contact_org_id, created_at, updated_at) "
			 "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			 DB_ARGS(DB_INT(customer_org), DB_INT(offer_id), DB_INT(licenses), DB_INT(provider_org),
				 reseller_of_record ? DB_INT(reseller_of_record) : DB_NULL, DB_INT(provider_org)),
			 NULL, &sub);
	if (rc != DB_OK)
		return rc;
	*subscription_id = (long long)sub;
	return db_exec("INSERT INTO order_lines (order_id, subscription_id, offer_id, kind, licenses_before, "
		       "licenses_after, unit_price_cents) VALUES (?, ?, ?, 'new', 0, ?, ?)",
		       DB_ARGS(DB_INT(order_id), DB_INT(*subscription_id), DB_INT(offer_id), DB_INT(licenses),
			       DB_INT(price)), NULL, NULL);
}

/* Inside the caller's transaction: a line that changes SUBSCRIPTION_ID's license count to LICENSES (within
 * its offer's limits), *BEFORE the count it had; ORDER_BELOW_ASSIGNED when fewer than the *ASSIGNED licenses
 * assigned to the customer's users. */
static int change_licenses_line(arena *a, long long order_id, long long subscription_id, long long licenses,
				long long *before, long long *assigned)
{
	enum { OFFER, LICENSES, NCOLS };
	db_rows r;
	db_rows count;
	int rc = db_query_cols(a, &r, NCOLS, "SELECT offer_id, licenses FROM subscriptions WHERE id = ? FOR UPDATE",
			       DB_ARGS(DB_INT(subscription_id)));
	if (rc != DB_OK || r.nrows != 1)
		return rc != DB_OK ? rc : DB_ERROR;
	/* a locking read: the latest committed assignments, which need this subscription's lock to change */
	if ((rc = db_query(a, &count, "SELECT COUNT(*) FROM license_assignments WHERE subscription_id = ? FOR UPDATE",
			   DB_ARGS(DB_INT(subscription_id)))) != DB_OK)
		return rc;
	*assigned = db_get_int(&count, 0, 0);
	if (licenses < *assigned)
		return ORDER_BELOW_ASSIGNED;
	long long offer_id = db_get_int(&r, 0, OFFER);
	*before = db_get_int(&r, 0, LICENSES);
	long long price = offer_price_for(a, offer_id, licenses);
	if (price < 0)
		return DB_ERROR;
	if ((rc = db_exec("UPDATE subscriptions SET licenses = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			  DB_ARGS(DB_INT(licenses), DB_INT(subscription_id)), NULL, NULL)) != DB_OK)
		return rc;
	return db_exec("INSERT INTO order_lines (order_id, subscription_id, offer_id, kind, licenses_before, "
		       "licenses_after, unit_price_cents) VALUES (?, ?, ?, 'change', ?, ?, ?)",
		       DB_ARGS(DB_INT(order_id), DB_INT(subscription_id), DB_INT(offer_id), DB_INT(*before),
			       DB_INT(licenses), DB_INT(price)), NULL, NULL);
}

/* The one currency of ORDER_ID's lines' offers into *CURRENCY; DB_ERROR when they mix currencies (callers
 * check the offers first: this only keeps a mixed order from ever being written). */
static int order_lines_currency(arena *a, long long order_id, const char **currency)
{
	db_rows r;
	int rc = db_query_cols(a, &r, 2, "SELECT COUNT(DISTINCT f.currency), COALESCE(MIN(f.currency), 'USD') "
				  "FROM order_lines l JOIN offers f ON f.id = l.offer_id WHERE l.order_id = ?",
			       DB_ARGS(DB_INT(order_id)));
	if (rc != DB_OK)
		return rc;
	*currency = db_get(&r, 0, 1);
	return db_get_int(&r, 0, 0) <= 1 ? DB_OK : DB_ERROR;
}

int order_finish(long long order_id, long long customer_org)
{
	arena *a = arena_new(1024);
	const char *currency = NULL;
	int rc = order_lines_currency(a, order_id, &currency);
	/* the total is what the order adds per month: new licenses times the unit price */
	if (rc == DB_OK)
		rc = db_exec("UPDATE orders SET customer_org_id = ?, currency = ?, monthly_total_cents = "
			     "(SELECT COALESCE(SUM((CAST(licenses_after AS SIGNED) - CAST(licenses_before AS SIGNED)) "
			     "* CAST(unit_price_cents AS SIGNED)), 0) FROM order_lines WHERE order_id = ?) WHERE id = ?",
			     DB_ARGS(DB_INT(customer_org), DB_STR(currency), DB_INT(order_id), DB_INT(order_id)), NULL, NULL);
	arena_free(a);
	return rc;
}

/* ---- the orders a partner places ---- */

#define KEY_TAKEN _("This form's one-time order key was already used by someone else, so nothing was ordered. " \
		    "The form has a new key now: check your choices and submit again.")

const char *orders_licenses_message(arena *a, long long min, long long max)
{
	return arena_printf(a, _("Enter a number of licenses from %lld to %lld."), min, max);
}

/* OK with order ID, which the form's key had placed before */
static outcome placed_before_outcome(long long id)
{
	outcome o = outcome_ok(id);
	o.code = ORDERS_PLACED_BEFORE;
	return o;
}

/* The order WHO placed with KEY before (a reload or a second click): OK with its id, or with id 0 when there
 * is none (or no key). */
static outcome placed_before(arena *a, const actor *who, const char *key)
{
	long long id = key ? order_placed_with_key(a, key, who->user->id, false) : 0;
	if (id < 0)
		return outcome_failed((int)id);
	return id ? placed_before_outcome(id) : outcome_ok(0);
}

/* True when O ends an order here: a refusal, a failure, or the order the form's key placed before (OK with
 * its id); OK with id 0 goes on. */
static bool ends(const outcome *o)
{
	return !outcome_is_ok(o) || o->id;
}

/* Inside the caller's transaction: claim KEY for WHO's new order of CUSTOMER. OK with id 0 and *ORDER_ID the
 * new order; else the outcome to return: the key's earlier order, or why the key cannot be used. */
static outcome claim_key(const actor *who, const char *key, long long customer, long long *order_id)
{
	const user *u = who->user;
	int rc = order_begin(key, customer, u->id, u->org_id, order_id);
	if (rc == DB_OK)
		return outcome_ok(0);
	if (rc == DB_DUPLICATE)
		return placed_before_outcome(*order_id);
	if (rc == ORDER_KEY_TAKEN)
		return outcome_refused(OUTCOME_CONFLICT, ORDERS_KEY_TAKEN, KEY_TAKEN);
	return outcome_failed(rc);
}

/* ---- new subscriptions ---- */

typedef struct {
	arena *a;
	const actor *who;
	const orders_new *o;
} new_order;

/* Line L's offer is on sale and L's license count within its limits; *SKU and *CURRENCY the offer's. */
static outcome check_line(arena *a, const orders_line *l, const char **sku, const char **currency)
{
	enum { SKU, MIN, MAX, CURRENCY, NCOLS };
	db_rows q;
	int rc = db_query_cols(a, &q, NCOLS, "SELECT sku, min_licenses, max_licenses, currency FROM offers "
				  "WHERE id = ? AND active = 1",
			       DB_ARGS(DB_INT(l->offer_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (q.nrows != 1)
		return outcome_invalid(NULL, _(ORDERS_OFFER_NOT_SOLD));
	long long min = db_get_int(&q, 0, MIN), max = db_get_int(&q, 0, MAX);
	if (l->licenses < min || l->licenses > max)
		return outcome_invalid(arena_printf(a, "licenses_%lld", l->offer_id), orders_licenses_message(a, min, max));
	*sku = db_get(&q, 0, SKU);
	*currency = db_get(&q, 0, CURRENCY);
	return outcome_ok(l->offer_id);
}

/* The form's key, its lines and its reseller of record; for the audit row *LINES ("SKU: licenses, ...") and
 * *RESELLER (the reseller of record's name, NULL for none). */
static outcome check_new(const new_order *c, const char **lines, const char **reseller)
{
	const orders_new *o = c->o;
	if (!o->key)
		return outcome_invalid(NULL, _("This form has expired. Check your choices and submit again."));
	if (o->nlines <= 0)
		return outcome_invalid(NULL, _("Choose at least one offer: enter its number of licenses."));
	*lines = "";
	const char *first_currency = NULL;
	for (int i = 0; i < o->nlines; i++) {
		const char *sku, *currency;
		outcome v = check_line(c->a, &o->lines[i], &sku, &currency);
		if (!outcome_is_ok(&v))
			return v;
		if (!first_currency)
			first_currency = currency;
		else if (strcmp(currency, first_currency))  /* one order, one currency: its total is one amount */
			return outcome_invalid(NULL, arena_printf(c->a, _("The offers you chose are priced in different "
				"currencies (%s and %s), and one order has one currency. Nothing was ordered: place one order "
				"for the offers of each currency."), first_currency, currency));
		*lines = arena_printf(c->a, "%s%s%s: %lld", *lines, i ? ", " : "", sku, o->lines[i].licenses);
	}
	*reseller = NULL;
	if (!o->reseller)
		return outcome_ok(0);
	if (!rights_reseller_of_record_choice(c->a, c->who->user->org_id, o->reseller, o->customer))
		return outcome_invalid("reseller_of_record", _("Choose one of your partner resellers that is also a partner "
				       "of record of this customer, or None."));
	*reseller = customers_org_name(c->a, o->reseller, "reseller");
	return *reseller ? outcome_ok(0) : outcome_failed(DB_ERROR);
}

static outcome place_new(void *ctx)
{
	const new_order *c = ctx;
	const orders_new *o = c->o;
	const user *u = c->who->user;
	rights_customer customer;
	outcome r = outcome_of_rights(rights_for_customer(c->a, u, o->customer, &customer), RIGHTS_CUSTOMER);
	if (!outcome_is_ok(&r))
		return r;
	if (!rights_may_order(u))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only admin agents and sales agents of your account can place orders."));
	const char *lines = "", *reseller = NULL;
	long long order_id = 0, subscription;
	r = placed_before(c->a, c->who, o->key);
	if (ends(&r))
		return r;
	r = check_new(c, &lines, &reseller);
	if (ends(&r))
		return r;
	r = claim_key(c->who, o->key, customer.id, &order_id);
	if (ends(&r))
		return r;
	int rc = DB_OK;
	for (int i = 0; rc == DB_OK && i < o->nlines; i++)
		rc = order_add_subscription(c->a, order_id, customer.id, o->lines[i].offer_id, o->lines[i].licenses,
					    u->org_id, o->reseller, &subscription);
	if (rc != DB_OK || (rc = order_finish(order_id, customer.id)) != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "order.placed", .object_type = "order", .object_id = order_id,
		.party_org_id = customer.id, .on_behalf_org_id = o->reseller,
		.detail = arena_printf(c->a, "order %lld by %s for customer %lld (%s): %d new subscription(s), "
				       "reseller of record %lld", order_id, u->org_name, customer.id, customer.name,
				       o->nlines, o->reseller),
		.after_json = domain_json(c->a, "licenses", lines, "reseller_of_record", reseller, NULL) });
	return rc == DB_OK ? outcome_ok(order_id) : outcome_failed(rc);
}

outcome orders_place_new(arena *a, const actor *who, const orders_new *o)
{
	new_order c = { a, who, o };
	return domain_tx(place_new, &c);
}

/* ---- a subscription's license count ---- */

typedef struct {
	arena *a;
	const actor *who;
	long long subscription_id, licenses;
	const char *key;
} license_change;

/* What a new license count is checked against */
typedef struct {
	bool offer_active;
	long long min, max, licenses, assigned;
	const char *customer_name;
} license_facts;

static int read_license_facts(arena *a, long long subscription_id, license_facts *f)
{
	enum { ACTIVE, MIN, MAX, LICENSES, ASSIGNED, CUSTOMER_NAME, NCOLS };
	db_rows q;
	int rc = db_query_cols(a, &q, NCOLS,
		"SELECT f.active, f.min_licenses, f.max_licenses, s.licenses, "
		"(SELECT COUNT(*) FROM license_assignments la WHERE la.subscription_id = s.id), c.name "
		"FROM subscriptions s JOIN offers f ON f.id = s.offer_id JOIN organizations c ON c.id = s.customer_org_id "
		"WHERE s.id = ?", DB_ARGS(DB_INT(subscription_id)));
	if (rc != DB_OK || q.nrows != 1)
		return rc != DB_OK ? rc : DB_ERROR;
	*f = (license_facts){ .offer_active = db_get_int(&q, 0, ACTIVE) == 1, .min = db_get_int(&q, 0, MIN),
			      .max = db_get_int(&q, 0, MAX), .licenses = db_get_int(&q, 0, LICENSES),
			      .assigned = db_get_int(&q, 0, ASSIGNED), .customer_name = db_get(&q, 0, CUSTOMER_NAME) };
	return DB_OK;
}

static const char *below_assigned(arena *a, long long assigned)
{
	return arena_printf(a, ngettext("%lld licenses are assigned to the customer's users. Remove licenses from "
					"users under Users and licenses before going below that.",
					"%lld licenses are assigned to the customer's users. Remove licenses from "
					"users under Users and licenses before going below that.", (unsigned long)assigned),
			    assigned);
}

/* Why N licenses cannot be ordered for a subscription of F with the form's KEY, or NULL when they can. */
static const char *licenses_refusal(arena *a, const license_facts *f, long long n, const char *key)
{
	if (!f->offer_active)
		return _("This offer is not sold any more, so its license count cannot change.");
	if (n < f->min || n > f->max)
		return orders_licenses_message(a, f->min, f->max);
	if (n == f->licenses)
		return arena_printf(a, ngettext("The subscription has %lld licenses already. Enter a different number.",
						"The subscription has %lld licenses already. Enter a different number.",
						(unsigned long)n), n);
	if (n < f->assigned)
		return below_assigned(a, f->assigned);
	if (!key)
		return _("This form has expired. Check the number and submit again.");
	return NULL;
}

/* The audit values of a license count: the subscription and its licenses */
static const char *licenses_json(arena *a, long long subscription_id, long long licenses)
{
	return domain_json(a, "subscription", arena_printf(a, "%lld", subscription_id),
			   "licenses", arena_printf(a, "%lld", licenses), NULL);
}

static outcome set_licenses(void *ctx)
{
	const license_change *c = ctx;
	const user *u = c->who->user;
	rights_subscription may;
	outcome r = outcome_of_rights(rights_for_subscription(c->a, u, c->subscription_id, &may), RIGHTS_SUBSCRIPTION);
	if (!outcome_is_ok(&r))
		return r;
	/* the one check of the cross-provider hole: another provider's subscription is seen, never changed */
	if (!may.may_change || !rights_may_order(u))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only the indirect provider that sold this subscription, or its "
				       "reseller of record while their partnership stands, can change its licenses. Nothing "
				       "was ordered; ask them to place the change."));
	r = placed_before(c->a, c->who, c->key);
	if (ends(&r))
		return r;
	license_facts f;
	int rc = read_license_facts(c->a, may.id, &f);
	if (rc != DB_OK)
		return outcome_failed(rc);
	const char *refusal = licenses_refusal(c->a, &f, c->licenses, c->key);
	if (refusal)
		return outcome_invalid("licenses", refusal);
	long long order_id = 0, before = 0, assigned = 0;
	r = claim_key(c->who, c->key, may.customer, &order_id);
	if (ends(&r))
		return r;
	rc = change_licenses_line(c->a, order_id, may.id, c->licenses, &before, &assigned);
	if (rc == ORDER_BELOW_ASSIGNED)  /* licenses assigned since the form was read */
		return outcome_refused(OUTCOME_CONFLICT, ORDERS_BELOW_ASSIGNED, below_assigned(c->a, assigned));
	if (rc != DB_OK || (rc = order_finish(order_id, may.customer)) != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "order.placed", .object_type = "order", .object_id = order_id, .party_org_id = may.customer,
		.on_behalf_org_id = u->org_id == may.provider ? may.reseller : 0,  /* the provider, for its reseller's customer */
		.detail = arena_printf(c->a, "order %lld by %s: subscription %lld of %s from %lld to %lld licenses",
				       order_id, u->org_name, may.id, f.customer_name, before, c->licenses),
		.before_json = licenses_json(c->a, may.id, before), .after_json = licenses_json(c->a, may.id, c->licenses) });
	return rc == DB_OK ? outcome_ok(order_id) : outcome_failed(rc);
}

outcome orders_set_licenses(arena *a, const actor *who, long long subscription_id, long long licenses,
			    const char *key)
{
	license_change c = { a, who, subscription_id, licenses, key };
	return domain_tx(set_licenses, &c);
}
