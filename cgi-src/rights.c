/* rights.c: object-level authorization, the one place (the rules are in rights.h). Every lookup is scoped
 * by the signed-in organization in its SQL, so a missing object and someone else's look the same. */
#include "rights.h"

#include <string.h>

#include "auth.h"
#include "db.h"
#include "view.h"

static const char *const not_found_text[RIGHTS_KINDS] = {
	[RIGHTS_CUSTOMER] = N_("There is no customer with that number among your organization's customers. A customer "
			    "is listed on your Customers page while it has your organization as a partner of record."),
	[RIGHTS_SUBSCRIPTION] = N_("There is no subscription with that number among your organization's customers. "
				"Find it under its customer on your Customers page."),
	[RIGHTS_ORDER] = N_("There is no order with that number placed by your organization or for one of its customers. "
			 "Find it on its subscription's page."),
	[RIGHTS_RESELLER] = N_("There is no indirect reseller with that number among your organization's partners. "
			    "Choose one on your Indirect resellers page."),
	[RIGHTS_PROVIDER] = N_("There is no indirect provider with that number among your organization's partners. "
			    "Choose one on your Indirect providers page."),
	[RIGHTS_PARTNERSHIP_REQUEST] = N_("Your organization has no partnership request with that number."),
	[RIGHTS_INVITATION] = N_("Your organization has no invitation with that number."),
	[RIGHTS_CUSTOMER_PARTNER] = N_("Your organization has no relationship with that partner."),
	[RIGHTS_ACCOUNT] = N_("You are not a user of that account. Pick one of yours on the Switch account page."),
	[RIGHTS_DIRECTORY_USER] = N_("There is no such user in your organization's directory."),
	[RIGHTS_API_TOKEN] = N_("You have no API token with that number in this account. Your tokens are listed under "
			     "Account settings > API tokens."),
};

const char *rights_not_found_text(rights_kind kind)
{
	return _(not_found_text[kind]);
}

void rights_not_found(request *r, rights_kind kind)
{
	view_error(r, 404, _(not_found_text[kind]));
}

bool rights_granted(request *r, rights_rc rc, rights_kind kind, const char *unavailable)
{
	if (rc == RIGHTS_NONE)
		rights_not_found(r, kind);
	else if (rc != RIGHTS_OK)
		view_error(r, 503, unavailable);
	return rc == RIGHTS_OK;
}

/* The answer of a lookup that found at most one row. */
static rights_rc found(int rc, const db_rows *rows)
{
	if (rc != DB_OK)
		return RIGHTS_FAILED;
	return rows->nrows == 1 ? RIGHTS_OK : RIGHTS_NONE;
}

static bool is_kind(const user *u, const char *kind)
{
	return u && u->org_id > 0 && !strcmp(u->org_kind, kind);
}

rights_rc rights_for_customer(arena *a, const user *u, long long id, rights_customer *out)
{
	enum { ID, TENANT, NAME, DOMAIN, NCOLS };
	db_rows q;
	memset(out, 0, sizeof *out);
	if (!u || u->org_id <= 0 || id <= 0)
		return RIGHTS_NONE;
	rights_rc rc = found(db_query_cols(a, &q, NCOLS,
		"SELECT o.id, o.tenant_id, o.name, t.domain FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
		"JOIN customer_relationships cr ON cr.customer_org_id = o.id AND cr.partner_org_id = ? AND cr.ended_at IS NULL "
		"WHERE o.id = ? AND o.kind = 'customer'",
		DB_ARGS(DB_INT(u->org_id), DB_INT(id))), &q);
	if (rc == RIGHTS_OK)
		*out = (rights_customer){ .id = db_get_int(&q, 0, ID), .tenant_id = db_get_int(&q, 0, TENANT),
					  .name = db_get(&q, 0, NAME), .domain = db_get(&q, 0, DOMAIN) };
	return rc;
}

rights_rc rights_for_customer_user(arena *a, long long tenant_id, long long id, rights_tenant_user *out)
{
	enum { ID, NAME, UPN, PARTNER_MEMBER, NCOLS };
	db_rows q;
	memset(out, 0, sizeof *out);
	if (id <= 0)
		return RIGHTS_NONE;
	rights_rc rc = found(db_query_cols(a, &q, NCOLS,
		"SELECT u.id, u.display_name, u.upn, EXISTS (SELECT 1 FROM partner_users pu WHERE pu.user_id = u.id) "
		"FROM users u WHERE u.id = ? AND u.tenant_id = ?",
		DB_ARGS(DB_INT(id), DB_INT(tenant_id))), &q);
	if (rc == RIGHTS_OK)
		*out = (rights_tenant_user){ .id = db_get_int(&q, 0, ID), .name = db_get(&q, 0, NAME), .upn = db_get(&q, 0, UPN),
					     .partner_member = db_get_int(&q, 0, PARTNER_MEMBER) != 0 };
	return rc;
}

rights_rc rights_for_subscription(arena *a, const user *u, long long id, rights_subscription *out)
{
	enum { ID, CUSTOMER, PROVIDER, RESELLER, LIVE_RESELLER, NCOLS };
	db_rows q;
	memset(out, 0, sizeof *out);
	if (!u || u->org_id <= 0 || id <= 0)
		return RIGHTS_NONE;
	rights_rc rc = found(db_query_cols(a, &q, NCOLS,
		"SELECT s.id, s.customer_org_id, s.provider_org_id, COALESCE(s.reseller_of_record_org_id, 0), "
		"EXISTS (SELECT 1 FROM partnerships p WHERE p.provider_org_id = s.provider_org_id "
		"  AND p.reseller_org_id = s.reseller_of_record_org_id AND p.ended_at IS NULL) "
		"FROM subscriptions s JOIN customer_relationships cr ON cr.customer_org_id = s.customer_org_id "
		"AND cr.partner_org_id = ? AND cr.ended_at IS NULL WHERE s.id = ?",
		DB_ARGS(DB_INT(u->org_id), DB_INT(id))), &q);
	if (rc != RIGHTS_OK)
		return rc;
	*out = (rights_subscription){ .id = db_get_int(&q, 0, ID), .customer = db_get_int(&q, 0, CUSTOMER),
				      .provider = db_get_int(&q, 0, PROVIDER), .reseller = db_get_int(&q, 0, RESELLER) };
	bool live_reseller = out->reseller && db_get_int(&q, 0, LIVE_RESELLER);
	out->may_manage = u->org_id == out->provider;
	out->may_change = out->may_manage || (live_reseller && u->org_id == out->reseller);
	return RIGHTS_OK;
}

rights_rc rights_for_order(arena *a, const user *u, long long id)
{
	db_rows q;
	if (!u || u->org_id <= 0 || id <= 0)
		return RIGHTS_NONE;
	return found(db_query(a, &q,
		"SELECT o.id FROM orders o WHERE o.id = ? AND (o.placed_by_org = ? OR EXISTS (SELECT 1 FROM "
		"customer_relationships cr WHERE cr.customer_org_id = o.customer_org_id AND cr.partner_org_id = ? "
		"AND cr.ended_at IS NULL))",
		DB_ARGS(DB_INT(id), DB_INT(u->org_id), DB_INT(u->org_id))), &q);
}

rights_rc rights_for_partner(arena *a, const user *u, long long other, rights_partner *out)
{
	enum { PARTNERSHIP, NAME, NCOLS };
	db_rows q;
	int rc;
	memset(out, 0, sizeof *out);
	if (other <= 0)
		return RIGHTS_NONE;
	if (is_kind(u, "provider"))
		rc = db_query_cols(a, &q, NCOLS,
				   "SELECT p.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.reseller_org_id "
				   "WHERE p.provider_org_id = ? AND p.reseller_org_id = ? AND p.ended_at IS NULL",
				   DB_ARGS(DB_INT(u->org_id), DB_INT(other)));
	else if (is_kind(u, "reseller"))
		rc = db_query_cols(a, &q, NCOLS,
				   "SELECT p.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.provider_org_id "
				   "WHERE p.provider_org_id = ? AND p.reseller_org_id = ? AND p.ended_at IS NULL",
				   DB_ARGS(DB_INT(other), DB_INT(u->org_id)));
	else
		return RIGHTS_NONE;
	rights_rc answer = found(rc, &q);
	if (answer == RIGHTS_OK)
		*out = (rights_partner){ .partnership_id = db_get_int(&q, 0, PARTNERSHIP), .name = db_get(&q, 0, NAME) };
	return answer;
}

/* Row ID of the table SQL reads ("SELECT id ... WHERE id = ? AND <owner column> = ?", a literal) belongs to OWNER. */
static rights_rc owned_row(arena *a, const char *sql, long long id, long long owner)
{
	db_rows q;
	return found(db_query(a, &q, sql, DB_ARGS(DB_INT(id), DB_INT(owner))), &q);
}

rights_rc rights_for_partnership_request(arena *a, const user *u, long long id)
{
	if (!is_kind(u, "provider") || id <= 0)
		return RIGHTS_NONE;
	return owned_row(a, "SELECT id FROM partnership_requests WHERE id = ? AND provider_org_id = ?", id, u->org_id);
}

rights_rc rights_for_accepted_request(arena *a, const user *u, long long id)
{
	if (!is_kind(u, "reseller") || id <= 0)
		return RIGHTS_NONE;
	return owned_row(a, "SELECT id FROM partnership_requests WHERE id = ? AND accepted_org_id = ?", id, u->org_id);
}

rights_rc rights_for_accepted_invitation(arena *a, const user *u, long long id)
{
	if (!u || id <= 0)
		return RIGHTS_NONE;
	return owned_row(a, "SELECT id FROM customer_invitations WHERE id = ? AND accepted_by = ?", id, u->id);
}

rights_rc rights_for_invitation(arena *a, const user *u, long long id, long long *token_id)
{
	db_rows q;
	*token_id = 0;
	if (!is_kind(u, "reseller") || id <= 0)
		return RIGHTS_NONE;
	rights_rc rc = found(db_query(a, &q, "SELECT token_id FROM customer_invitations WHERE id = ? AND reseller_org_id = ?",
				      DB_ARGS(DB_INT(id), DB_INT(u->org_id))), &q);
	if (rc == RIGHTS_OK)
		*token_id = db_get_int(&q, 0, 0);
	return rc;
}

/* One name looked up by two ids (SQL: a string literal, as db_query wants); *NAME is set on RIGHTS_OK. */
static rights_rc named(arena *a, const char *sql, long long first, long long second, const char **name)
{
	db_rows q;
	rights_rc answer = found(db_query(a, &q, sql, DB_ARGS(DB_INT(first), DB_INT(second))), &q);
	*name = answer == RIGHTS_OK ? db_get(&q, 0, 0) : NULL;
	return answer;
}

rights_rc rights_for_customer_partner(arena *a, const user *u, long long partner, const char **name)
{
	*name = NULL;
	if (!is_kind(u, "customer") || partner <= 0)
		return RIGHTS_NONE;
	return named(a, "SELECT o.name FROM customer_relationships cr JOIN organizations o ON o.id = cr.partner_org_id "
			"WHERE cr.customer_org_id = ? AND cr.partner_org_id = ? AND cr.ended_at IS NULL",
		     u->org_id, partner, name);
}

rights_rc rights_for_account(arena *a, const user *u, long long org, const char **name)
{
	*name = NULL;
	if (!u || org <= 0)
		return RIGHTS_NONE;
	return named(a, "SELECT o.name FROM partner_users pu JOIN organizations o ON o.id = pu.org_id "
			"WHERE pu.user_id = ? AND pu.org_id = ?",
		     u->id, org, name);
}

rights_rc rights_for_directory_user(arena *a, const user *u, long long id, const char **upn)
{
	*upn = NULL;
	if (!u || u->org_id <= 0 || id <= 0)
		return RIGHTS_NONE;
	return named(a, "SELECT u.upn FROM organizations o JOIN users u ON u.tenant_id = o.tenant_id WHERE o.id = ? AND u.id = ?",
		     u->org_id, id, upn);
}

rights_rc rights_for_api_token(arena *a, const user *u, long long id, rights_api_token *out)
{
	*out = (rights_api_token){ 0 };
	if (!u || u->org_id <= 0 || id <= 0)
		return RIGHTS_NONE;
	enum { NAME, UPN, REVOKED, NCOLS };
	db_rows q;
	rights_rc answer = found(db_query_cols(a, &q, NCOLS,
		"SELECT t.name, u.upn, t.revoked_at IS NOT NULL FROM api_tokens t JOIN users u ON u.id = t.user_id "
		"WHERE t.id = ? AND t.org_id = ? AND (t.user_id = ? OR ?)",
		DB_ARGS(DB_INT(id), DB_INT(u->org_id), DB_INT(u->id), DB_INT(!!(u->roles & ROLE_ADMIN_AGENT)))), &q);
	if (answer == RIGHTS_OK)
		*out = (rights_api_token){ db_get(&q, 0, NAME), db_get(&q, 0, UPN), db_get_int(&q, 0, REVOKED) };
	return answer;
}

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
	rights_partner p;
	return rights_for_partner(a, u, other_org, &p) == RIGHTS_OK ? p.partnership_id : 0;
}

bool rights_customer_partner(arena *a, long long partner_org, long long customer_org)
{
	db_rows r;
	return db_query(a, &r,
			"SELECT 1 FROM customer_relationships WHERE partner_org_id = ? AND customer_org_id = ? "
			"AND ended_at IS NULL",
			DB_ARGS(DB_INT(partner_org), DB_INT(customer_org))) == DB_OK && r.nrows == 1;
}

bool rights_reseller_of_record_choice(arena *a, long long provider, long long reseller, long long customer)
{
	return reseller > 0 && rights_partnered(a, provider, reseller) && rights_customer_partner(a, reseller, customer);
}

rights_rc rights_for_vendor_catalog(const user *u)
{
	return is_kind(u, "vendor") ? RIGHTS_OK : RIGHTS_NONE;
}

bool rights_acts_as(const user *u, const char *kind, unsigned roles)
{
	return is_kind(u, kind) && (!roles || (u->roles & roles));
}

bool rights_may_order(const user *u)
{
	return u && (u->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT));
}
