/* orders.c: placing orders: the one-time key claimed first, then lines that create subscriptions
 * or change license counts within each offer's limits, then the monthly total */
#include "domain/orders.h"

#include <string.h>

#include "db.h"
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

long long order_placed_with_key(arena *a, const char *key, long long user_id, bool wait_for_commit)
{
	db_rows r;
	int rc = wait_for_commit
		? db_query(a, &r, "SELECT id FROM orders WHERE order_key = ? AND placed_by_user = ? LOCK IN SHARE MODE",
			   DB_ARGS(DB_STR(key), DB_INT(user_id)))
		: db_query(a, &r, "SELECT id FROM orders WHERE order_key = ? AND placed_by_user = ?",
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

int order_change_licenses(arena *a, long long order_id, long long subscription_id, long long licenses)
{
	enum { OFFER, LICENSES, NCOLS };
	db_rows r;
	db_rows assigned;
	int rc = db_query_cols(a, &r, NCOLS, "SELECT offer_id, licenses FROM subscriptions WHERE id = ? FOR UPDATE",
			       DB_ARGS(DB_INT(subscription_id)));
	if (rc != DB_OK || r.nrows != 1)
		return rc != DB_OK ? rc : DB_ERROR;
	/* a locking read: the latest committed assignments, which need this subscription's lock to change */
	if ((rc = db_query(a, &assigned, "SELECT COUNT(*) FROM license_assignments WHERE subscription_id = ? FOR UPDATE",
			   DB_ARGS(DB_INT(subscription_id)))) != DB_OK)
		return rc;
	if (licenses < db_get_int(&assigned, 0, 0))
		return ORDER_BELOW_ASSIGNED;
	long long offer_id = db_get_int(&r, 0, OFFER), before = db_get_int(&r, 0, LICENSES);
	long long price = offer_price_for(a, offer_id, licenses);
	if (price < 0)
		return DB_ERROR;
	if ((rc = db_exec("UPDATE subscriptions SET licenses = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			  DB_ARGS(DB_INT(licenses), DB_INT(subscription_id)), NULL, NULL)) != DB_OK)
		return rc;
	return db_exec("INSERT INTO order_lines (order_id, subscription_id, offer_id, kind, licenses_before, "
		       "licenses_after, unit_price_cents) VALUES (?, ?, ?, 'change', ?, ?, ?)",
		       DB_ARGS(DB_INT(order_id), DB_INT(subscription_id), DB_INT(offer_id), DB_INT(before),
			       DB_INT(licenses), DB_INT(price)), NULL, NULL);
}

int order_finish(long long order_id, long long customer_org)
{
	/* the total is what the order adds per month: new licenses times the unit price */
	return db_exec("UPDATE orders SET customer_org_id = ?, monthly_total_cents = "
		       "(SELECT COALESCE(SUM((CAST(licenses_after AS SIGNED) - CAST(licenses_before AS SIGNED)) "
		       "* CAST(unit_price_cents AS SIGNED)), 0) FROM order_lines WHERE order_id = ?) WHERE id = ?",
		       DB_ARGS(DB_INT(customer_org), DB_INT(order_id), DB_INT(order_id)), NULL, NULL);
}
