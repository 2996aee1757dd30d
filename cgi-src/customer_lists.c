/* customer_lists.c: a customer's subscriptions and orders as the pages, their .csv exports and the API read them */
#include "customer_lists.h"

#include <stdio.h>

#include "csv.h"
#include "list_query.h"

/* The customer's subscriptions in the order they were added, along ix_subs_customer (customer_org_id, id):
 * STRAIGHT_JOIN keeps subscriptions first, else the optimizer may start from the few offers and sort all the
 * customer's subscriptions to find one page. */
#define CUSTOMER_SUBSCRIPTIONS_SQL \
	"SELECT STRAIGHT_JOIN s.id, f.name, f.sku, s.licenses, s.status, COALESCE(ro.name, ''), COALESCE(ro.mpn_id, ''), " \
	"COALESCE(sc.name, ''), s.offer_id, COALESCE(s.reseller_of_record_org_id, 0), " \
	"COALESCE(s.support_contact_org_id, 0), COALESCE(sc.mpn_id, ''), COALESCE(sc.tenant_id, 0), " \
	"DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i:%s') FROM subscriptions s JOIN offers f ON f.id = s.offer_id " \
	"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id " \
	"LEFT JOIN organizations sc ON sc.id = s.support_contact_org_id WHERE s.customer_org_id = ?"

static void subscriptions_csv(strbuf *out, const db_rows *q)
{
	static const char *const names[] = { "Subscription", "Offer", "SKU", "Licenses", "Status",
					     "Reseller of record", "Reseller MPN ID", "Support contact", "Created (UTC)" };
	static const int cols[] = { SUB_ID, SUB_OFFER, SUB_SKU, SUB_LICENSES, SUB_STATUS, SUB_RESELLER, SUB_MPN,
				    SUB_SUPPORT, SUB_CREATED };
	int n = (int)(sizeof cols / sizeof cols[0]);
	csv_header(out, names, n);
	for (int i = 0; i < q->nrows; i++)
		for (int j = 0; j < n; j++)
			csv_field(out, db_get(q, i, cols[j]), j == n - 1);
}

/* The customer's orders, newest first along the primary key, with their line count. */
#define CUSTOMER_ORDERS_SQL \
	"SELECT o.id, DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i:%s'), po.name, " \
	"(SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id), o.monthly_total_cents, o.currency " \
	"FROM orders o JOIN organizations po ON po.id = o.placed_by_org WHERE o.customer_org_id = ?"

/* totals as 12.50 */
static void orders_csv(strbuf *out, const db_rows *q)
{
	static const char *const names[] = { "Order", "Placed (UTC)", "Placed by", "Lines", "Monthly total", "Currency" };
	csv_header(out, names, 6);
	for (int i = 0; i < q->nrows; i++) {
		long long cents = db_get_int(q, i, ORD_TOTAL);
		char total[32];
		snprintf(total, sizeof total, "%s%lld.%02lld", cents < 0 ? "-" : "", (cents < 0 ? -cents : cents) / 100,
			 (cents < 0 ? -cents : cents) % 100);
		csv_field(out, db_get(q, i, ORD_ID), false);
		csv_field(out, db_get(q, i, ORD_PLACED_AT), false);
		csv_field(out, db_get(q, i, ORD_PLACED_BY), false);
		csv_field(out, db_get(q, i, ORD_LINES), false);
		csv_field(out, total, false);
		csv_field(out, db_get(q, i, ORD_CURRENCY), true);
	}
}

const customer_list customer_subscription_list = {
	"subscriptions", SUB_NCOLS, SUB_ID, CUSTOMER_SUBSCRIPTIONS_SQL SEEK_BY_ID_ASC("s.id"),
	CUSTOMER_SUBSCRIPTIONS_SQL SEEK_BY_ID_DESC("s.id"), CUSTOMER_SUBSCRIPTIONS_SQL " AND s.id = ?", subscriptions_csv,
};

const customer_list customer_order_list = {
	"orders", ORD_NCOLS, ORD_ID, CUSTOMER_ORDERS_SQL SEEK_BY_ID_DESC("o.id"), CUSTOMER_ORDERS_SQL SEEK_BY_ID_ASC("o.id"),
	CUSTOMER_ORDERS_SQL " AND o.id = ?", orders_csv,
};

int customer_list_read(arena *a, const customer_list *l, long long customer, const seek *at, int page, db_rows *q)
{
	return db_query_cols(a, q, l->ncols, seek_descending(at) ? l->backward : l->forward,
			     DB_ARGS(DB_INT(customer), SEEK_ID_ARGS(at, page)));
}

int customer_list_read_one(arena *a, const customer_list *l, long long customer, long long id, db_rows *q)
{
	return db_query_cols(a, q, l->ncols, l->one, DB_ARGS(DB_INT(customer), DB_INT(id)));
}

int customer_list_csv(arena *a, const customer_list *l, long long customer, strbuf *out)
{
	db_rows q;
	seek all = { .from = SEEK_FIRST, .key = "" };
	int rc = customer_list_read(a, l, customer, &all, CUSTOMER_LISTS_CSV_MAX, &q);
	if (rc == DB_OK)
		l->csv(out, &q);
	return rc;
}

int customer_order_lines_read(arena *a, long long customer, long long first, long long last, db_rows *q)
{
	return db_query_cols(a, q, OLINE_NCOLS,
			     "SELECT l.order_id, l.offer_id, l.subscription_id, l.licenses_after, "
			     "COALESCE(s.reseller_of_record_org_id, 0) FROM orders o JOIN order_lines l ON l.order_id = o.id "
			     "JOIN subscriptions s ON s.id = l.subscription_id "
			     "WHERE o.customer_org_id = ? AND o.id BETWEEN ? AND ? ORDER BY l.order_id, l.id",
			     DB_ARGS(DB_INT(customer), DB_INT(first), DB_INT(last)));
}
