/* orders.h: orders placed exactly once. Each order form carries a one-time key; the first
 * submission with that key places the order, any later one finds it instead. */
#ifndef CC_ORDERS_H
#define CC_ORDERS_H

#include <stdbool.h>

#include "arena.h"

#define ORDER_KEY_LEN 64

/* A fresh key for an order form. */
void order_new_key(char out[ORDER_KEY_LEN + 1]);
/* The key posted with a form if it looks like one, else NULL. */
const char *order_key_or_null(const char *posted);

/* Inside a transaction, FIRST thing: claim KEY for a new order. Returns DB_OK with *ORDER_ID,
 * or DB_DUPLICATE with *ORDER_ID the order that already used the key (its transaction has
 * committed: a concurrent duplicate waits on the key's index entry until then), or ORDER_KEY_TAKEN
 * when another user's order used it (not theirs to see: the form goes back with a new key). */
int order_begin(const char *key, long long customer_org, long long user_id, long long user_org,
		long long *order_id);
/* A line that creates a subscription of OFFER_ID with LICENSES for the customer; the offer must
 * be active and LICENSES within its limits (else DB_ERROR). */
int order_add_subscription(arena *a, long long order_id, long long customer_org, long long offer_id,
			   long long licenses, long long provider_org, long long reseller_of_record,
			   long long *subscription_id);
/* A line that changes SUBSCRIPTION_ID's license count to LICENSES (within its offer's limits);
 * ORDER_BELOW_ASSIGNED when fewer than the licenses assigned to the customer's users. */
enum { ORDER_BELOW_ASSIGNED = 1, ORDER_KEY_TAKEN = 2 };  /* positive: never a DB_* code */
int order_change_licenses(arena *a, long long order_id, long long subscription_id, long long licenses);
/* Set the order's customer (when it was created in the same transaction) and its monthly total. */
int order_finish(long long order_id, long long customer_org);

/* The order USER_ID placed with KEY: its id, 0 when there is none, a DB_* code (< 0) when the lookup
 * failed. After a commit of unknown outcome pass WAIT_FOR_COMMIT: a locking read waits for a transaction
 * that still holds the key, so 0 then proves the order was not placed. */
long long order_placed_with_key(arena *a, const char *key, long long user_id, bool wait_for_commit);

#endif
