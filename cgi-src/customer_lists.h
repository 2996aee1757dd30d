/* customer_lists.h: the reading queries of a customer's Subscriptions and orders lists, shared by the pages,
 * their .csv exports and the API (one query and one CSV writer per list) */
#ifndef CC_CUSTOMER_LISTS_H
#define CC_CUSTOMER_LISTS_H

#include "arena.h"
#include "db.h"
#include "http.h"
#include "strbuf.h"

/* The most rows one CSV export holds (a customer with more gets the first ones). */
#define CUSTOMER_LISTS_CSV_MAX 100000

/* Columns of customer_subscriptions_read: created is '%Y-%m-%d %H:%i:%s' UTC; the ids 0 for none. */
enum { SUB_ID, SUB_OFFER, SUB_SKU, SUB_LICENSES, SUB_STATUS, SUB_RESELLER, SUB_MPN, SUB_SUPPORT, SUB_OFFER_ID,
       SUB_RESELLER_ID, SUB_SUPPORT_ID, SUB_SUPPORT_MPN, SUB_SUPPORT_TENANT, SUB_CREATED, SUB_NCOLS };

/* Page AT (PAGE rows, and one more when there are more) of CUSTOMER's subscriptions, in the order they were added. */
int customer_subscriptions_read(arena *a, long long customer, const seek *at, int page, db_rows *q);
/* Subscription ID when it is CUSTOMER's (no row when not). */
int customer_subscription_read(arena *a, long long customer, long long id, db_rows *q);
/* Rows of customer_subscriptions_read as CSV, with its header. */
void customer_subscriptions_csv(strbuf *out, const db_rows *q);

/* Columns of customer_orders_read. */
enum { ORD_ID, ORD_PLACED_AT, ORD_PLACED_BY, ORD_LINES, ORD_TOTAL, ORD_CURRENCY, ORD_NCOLS };

/* Page AT of CUSTOMER's orders, newest first. */
int customer_orders_read(arena *a, long long customer, const seek *at, int page, db_rows *q);
/* Order ID when it is CUSTOMER's (no row when not). */
int customer_order_read(arena *a, long long customer, long long id, db_rows *q);
/* Rows of customer_orders_read as CSV, with its header (totals as 12.50). */
void customer_orders_csv(strbuf *out, const db_rows *q);

/* Columns of customer_order_lines_read. */
enum { OLINE_ORDER, OLINE_OFFER_ID, OLINE_SUBSCRIPTION_ID, OLINE_QUANTITY, OLINE_RESELLER_ID, OLINE_NCOLS };
/* The lines of CUSTOMER's orders FIRST to LAST (ids), by order then line. */
int customer_order_lines_read(arena *a, long long customer, long long first, long long last, db_rows *q);

#endif
