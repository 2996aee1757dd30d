/* orders.h: orders placed exactly once. Each order form carries a one-time key; the first
 * submission with that key places the order, any later one finds it instead. The two orders a
 * partner places (new subscriptions for a customer, a subscription's new license count) are
 * orders_place_new and orders_set_licenses: each checks the actor's right, validates, writes the
 * order and its audit row in one transaction. */
#ifndef CC_ORDERS_H
#define CC_ORDERS_H

#include <stdbool.h>

#include "arena.h"
#include "domain/domain.h"
#include "i18n.h"

#define ORDER_KEY_LEN 64

/* A fresh key for an order form. */
void order_new_key(char out[ORDER_KEY_LEN + 1]);
/* The key posted with a form if it looks like one, else NULL. */
const char *order_key_or_null(const char *posted);

/* Inside the caller's transaction, FIRST thing: claim KEY for a new order. Returns DB_OK with *ORDER_ID,
 * or DB_DUPLICATE with *ORDER_ID the order that already used the key (its transaction has
 * committed: a concurrent duplicate waits on the key's index entry until then), or ORDER_KEY_TAKEN
 * when another user's order used it (not theirs to see: the form goes back with a new key). */
int order_begin(const char *key, long long customer_org, long long user_id, long long user_org,
		long long *order_id);
/* Inside the caller's transaction: a line that creates a subscription of OFFER_ID with LICENSES for the
 * customer; the offer must be active and LICENSES within its limits (else DB_ERROR). */
int order_add_subscription(arena *a, long long order_id, long long customer_org, long long offer_id,
			   long long licenses, long long provider_org, long long reseller_of_record,
			   long long *subscription_id);
enum { ORDER_BELOW_ASSIGNED = 1, ORDER_KEY_TAKEN = 2 };  /* positive: never a DB_* code */
/* Inside the caller's transaction: set the order's customer (when it was created in the same
 * transaction), its monthly total and its currency, its offers' one currency; DB_ERROR (nothing to keep: the
 * caller rolls back) when the lines' offers have different currencies, which callers refuse before. */
int order_finish(long long order_id, long long customer_org);

/* The order USER_ID placed with KEY: its id, 0 when there is none, a DB_* code (< 0) when the lookup
 * failed. After a commit of unknown outcome pass WAIT_FOR_COMMIT: a locking read waits for a transaction
 * that still holds the key, so 0 then proves the order was not placed. */
long long order_placed_with_key(arena *a, const char *key, long long user_id, bool wait_for_commit);

/* ---- the orders a partner places ---- */

/* outcome.code of orders_place_new and orders_set_licenses. On OUTCOME_OK, ORDERS_PLACED_BEFORE: the form's
 * key had placed order outcome.id already (a reload or a second click), nothing new was placed. */
enum { ORDERS_PLACED_BEFORE = 1, ORDERS_KEY_TAKEN, ORDERS_BELOW_ASSIGNED };

/* marked for the catalog: translate it with _() where it is shown */
#define ORDERS_OFFER_NOT_SOLD N_("One of the offers you chose is not sold any more. Choose from the offers below.")

/* The message for a license count outside an offer's limits MIN to MAX. */
const char *orders_licenses_message(arena *a, long long min, long long max);

typedef struct {
	long long offer_id, licenses;
} orders_line;

typedef struct {
	const char *key;         /* the form's one-time key (order_key_or_null): NULL when the form has expired */
	long long customer;
	long long reseller;      /* of record: 0 for none, -1 for a posted value that names no organization */
	const orders_line *lines;
	int nlines;
} orders_new;

/* New subscriptions for customer O->customer, sold by WHO's provider, with O->reseller as their reseller of
 * record: one order. OK: the order's id (ORDERS_PLACED_BEFORE: the key's earlier order). Refused: the
 * customer's 404 unless WHO's organization is its live partner of record; 403 unless WHO is an admin or sales
 * agent; INVALID (FIELD "licenses_<offer id>", "reseller_of_record", or NULL for the form, e.g. offers priced in
 * different currencies: one order has one currency); CONFLICT
 * ORDERS_KEY_TAKEN when another user's order used the key. */
outcome orders_place_new(arena *a, const actor *who, const orders_new *o);

/* Subscription SUBSCRIPTION_ID's license count to LICENSES, with the form's one-time KEY: one order. OK: the
 * order's id (ORDERS_PLACED_BEFORE as above). Refused: the subscription's 404 unless WHO's organization sees
 * it; 403 unless it may change it (rights_subscription.may_change: the selling provider, or its live
 * reseller of record) and WHO is an admin or sales agent; INVALID (FIELD "licenses"); CONFLICT
 * ORDERS_KEY_TAKEN, or ORDERS_BELOW_ASSIGNED when licenses were assigned to users meanwhile. */
outcome orders_set_licenses(arena *a, const actor *who, long long subscription_id, long long licenses,
			    const char *key);

#endif
