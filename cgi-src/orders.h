/* orders.h: orders placed exactly once. Each order form carries a one-time key; the first
 * submission with that key places the order, any later one finds it instead. */
#ifndef CC_ORDERS_H
#define CC_ORDERS_H

#include "arena.h"

#define ORDER_KEY_LEN 64

/* A fresh key for an order form. */
void order_new_key(char out[ORDER_KEY_LEN + 1]);
/* The key posted with a form if it looks like one, else NULL. */
const char *order_key_or_null(const char *posted);

/* Inside a transaction, FIRST thing: claim KEY for a new order. Returns DB_OK with *ORDER_ID,
 * or DB_DUPLICATE with *ORDER_ID the order that already used the key (its transaction has
 * committed: a concurrent duplicate waits on the key's index entry until then). */
int order_begin(const char *key, long long customer_org, long long user_id, long long user_org,
		long long *order_id);
/* A line that creates a subscription of OFFER_ID with LICENSES for the customer; the offer must
 * be active and LICENSES within its limits (else DB_ERROR). */
int order_add_subscription(arena *a, long long order_id, long long customer_org, long long offer_id,
			   long long licenses, long long provider_org, long long reseller_of_record,
			   long long *subscription_id);
/* A line that changes SUBSCRIPTION_ID's license count to LICENSES (within its offer's limits);
 * ORDER_BELOW_ASSIGNED when fewer than the licenses assigned to the customer's users. */
enum { ORDER_BELOW_ASSIGNED = 1 };  /* positive: never a DB_* code */
int order_change_licenses(arena *a, long long order_id, long long subscription_id, long long licenses);
/* Set the order's customer (when it was created in the same transaction) and its monthly total. */
int order_finish(long long order_id, long long customer_org);

#endif
