/* rights.c: object-level authorization checks; a failed lookup counts as "no right" */
#include "rights.h"

#include <string.h>

#include "auth.h"
#include "db.h"

static long long live_partnership_id(arena *a, long long provider_org, long long reseller_org)
{
	db_rows r;
	if (db_query(a, &r,
		     "SELECT id FROM partnerships WHERE provider_org_id = ? AND reseller_org_id = ? AND ended_at IS NULL",
		     DB_ARGS(DB_INT(provider_org), DB_INT(reseller_org))) != DB_OK || r.nrows != 1)
		return 0;
	return db_get_int(&r, 0, 0);
}

bool rights_partnered(arena *a, long long provider_org, long long reseller_org)
{
	return live_partnership_id(a, provider_org, reseller_org) != 0;
}

long long rights_live_partnership(arena *a, const user *u, long long other_org)
{
	if (!u || !u->org_id || other_org <= 0)
		return 0;
	if (!strcmp(u->org_kind, "provider"))
		return live_partnership_id(a, u->org_id, other_org);
	if (!strcmp(u->org_kind, "reseller"))
		return live_partnership_id(a, other_org, u->org_id);
	return 0;
}

bool rights_own_partnership_request(arena *a, const user *u, long long request_id)
{
	db_rows r;
	if (!u || !u->org_id || strcmp(u->org_kind, "provider") || request_id <= 0)
		return false;
	return db_query(a, &r, "SELECT 1 FROM partnership_requests WHERE id = ? AND provider_org_id = ?",
			DB_ARGS(DB_INT(request_id), DB_INT(u->org_id))) == DB_OK && r.nrows == 1;
}

bool rights_customer_partner(arena *a, long long partner_org, long long customer_org)
{
	db_rows r;
	return db_query(a, &r,
			"SELECT 1 FROM customer_relationships WHERE partner_org_id = ? AND customer_org_id = ? "
			"AND ended_at IS NULL",
			DB_ARGS(DB_INT(partner_org), DB_INT(customer_org))) == DB_OK && r.nrows == 1;
}

long long rights_subscription_customer(arena *a, const struct user *u, long long subscription_id)
{
	db_rows r;
	if (db_query(a, &r,
		     "SELECT s.customer_org_id FROM subscriptions s JOIN customer_relationships cr "
		     "ON cr.customer_org_id = s.customer_org_id AND cr.partner_org_id = ? AND cr.ended_at IS NULL "
		     "WHERE s.id = ?",
		     DB_ARGS(DB_INT(u->org_id), DB_INT(subscription_id))) != DB_OK || r.nrows != 1)
		return 0;
	return db_get_int(&r, 0, 0);
}
