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

/* One of a customer's lists: its statements (a page in each direction, one row by id), its CSV writer */
typedef struct customer_list {
	const char *name;  /* of its .csv file: "subscriptions" */
	int ncols, id_col;
	const char *forward, *backward, *one;
	void (*csv)(strbuf *out, const db_rows *q);  /* Q's rows with the header */
} customer_list;

/* The customer's subscriptions in the order they were added (SUB_*), its orders newest first (ORD_*). */
extern const customer_list customer_subscription_list, customer_order_list;

/* Page AT of list L of CUSTOMER: PAGE rows, and one more when there are more. */
int customer_list_read(arena *a, const customer_list *l, long long customer, const seek *at, int page, db_rows *q);
/* Row ID of list L when it is CUSTOMER's (no row when not). */
int customer_list_read_one(arena *a, const customer_list *l, long long customer, long long id, db_rows *q);
/* The whole list L of CUSTOMER (up to CUSTOMER_LISTS_CSV_MAX rows) as CSV into OUT. */
int customer_list_csv(arena *a, const customer_list *l, long long customer, strbuf *out);

/* Columns of customer_orders_read. */
enum { ORD_ID, ORD_PLACED_AT, ORD_PLACED_BY, ORD_LINES, ORD_TOTAL, ORD_CURRENCY, ORD_NCOLS };


/* Columns of customer_order_lines_read. */
enum { OLINE_ORDER, OLINE_OFFER_ID, OLINE_SUBSCRIPTION_ID, OLINE_QUANTITY, OLINE_RESELLER_ID, OLINE_NCOLS };
/* The lines of CUSTOMER's orders FIRST to LAST (ids), by order then line. */
int customer_order_lines_read(arena *a, long long customer, long long first, long long last, db_rows *q);

#endif
