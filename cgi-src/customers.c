/* customers.c: customer accounts as their partners see them: the list, partners of record, subscriptions */
#include "customers.h"

#include <string.h>

const char *customers_org_name(arena *a, long long id, const char *kind)
{
	db_rows r;
	if (id <= 0)
		return "";
	if (db_query(a, &r, "SELECT name FROM organizations WHERE id = ? AND kind = ?",
		     DB_ARGS(DB_INT(id), DB_STR(kind))) != DB_OK)
		return NULL;
	return r.nrows == 1 ? db_get(&r, 0, 0) : "";
}

/* The signed-in organization's live relationships, by name, and optionally shared with a reseller. */
#define CUSTOMERS_FROM_SQL \
	"FROM customer_relationships me JOIN organizations c ON c.id = me.customer_org_id " \
	"WHERE me.partner_org_id = ? AND me.ended_at IS NULL AND c.name LIKE ? ESCAPE '!' " \
	"AND (? = 0 OR EXISTS (SELECT 1 FROM customer_relationships rr WHERE rr.customer_org_id = c.id " \
	"AND rr.partner_org_id = ? AND rr.ended_at IS NULL)) "

int customers_count(arena *a, long long org, const char *pattern, long long reseller, long long *total)
{
	db_rows r;
	int rc = db_query(a, &r, "SELECT COUNT(*) " CUSTOMERS_FROM_SQL,
			  DB_ARGS(DB_INT(org), DB_STR(pattern), DB_INT(reseller), DB_INT(reseller)));
	*total = rc == DB_OK && r.nrows == 1 ? db_get_int(&r, 0, 0) : 0;
	return rc;
}

int customers_page(arena *a, long long org, const char *pattern, long long reseller, long long page,
		   db_rows *out)
{
	return db_query(a, out,
			"SELECT c.id, c.name, c.country, DATE_FORMAT(me.started_at, '%Y-%m-%d') " CUSTOMERS_FROM_SQL
			"ORDER BY c.name, c.id LIMIT ? OFFSET ?",
			DB_ARGS(DB_INT(org), DB_STR(pattern), DB_INT(reseller), DB_INT(reseller),
				DB_INT(CUSTOMERS_PAGE_SIZE), DB_INT((page - 1) * CUSTOMERS_PAGE_SIZE)));
}

int customers_partners_seen_by(arena *a, long long customer, long long org, db_rows *out)
{
	return db_query(a, out,
			"SELECT o.id, o.name FROM customer_relationships cr JOIN organizations o ON o.id = cr.partner_org_id "
			"JOIN partnerships p ON p.ended_at IS NULL AND ((p.provider_org_id = ? AND p.reseller_org_id = o.id) "
			"OR (p.reseller_org_id = ? AND p.provider_org_id = o.id)) "
			"WHERE cr.customer_org_id = ? AND cr.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(org), DB_INT(org), DB_INT(customer)));
}

int customers_subscriptions(arena *a, long long customer, db_rows *out)
{
	return db_query(a, out,
			"SELECT s.id, f.name, f.sku, s.licenses, s.status, COALESCE(ro.name, '') "
			"FROM subscriptions s JOIN offers f ON f.id = s.offer_id "
			"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id "
			"WHERE s.customer_org_id = ? ORDER BY f.name, s.id",
			DB_ARGS(DB_INT(customer)));
}

int customers_provider_resellers(arena *a, long long provider, db_rows *out)
{
	return db_query(a, out,
			"SELECT o.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.reseller_org_id "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(provider)));
}

int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out)
{
	return db_query(a, out,
			"SELECT o.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.reseller_org_id "
			"JOIN customer_relationships cr ON cr.partner_org_id = p.reseller_org_id "
			"AND cr.customer_org_id = ? AND cr.ended_at IS NULL "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(customer), DB_INT(provider)));
}

const char *customers_status_label(const char *status)
{
	if (!strcmp(status, "active"))
		return "Active";
	if (!strcmp(status, "suspended"))
		return "Suspended";
	return status;
}
