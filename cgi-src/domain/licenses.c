/* licenses.c: assigning a customer's licenses to its users (licenses.h) */
#include "domain/licenses.h"

#include <stdlib.h>

#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "domain/tenants.h"

static bool chosen(const licenses_choice *c, long long sub)
{
	for (int i = 0; i < c->n; i++)
		if (c->subs[i] == sub)
			return true;
	return false;
}

/* The offers of USER_ID's licenses, by name: "A, B" or "none"; NULL when they cannot be read. */
static const char *held_offers(arena *a, long long user_id)
{
	db_rows r;
	if (db_query(a, &r, "SELECT COALESCE(GROUP_CONCAT(f.name ORDER BY f.name SEPARATOR ', '), '') "
			    "FROM license_assignments la JOIN subscriptions s ON s.id = la.subscription_id "
			    "JOIN offers f ON f.id = s.offer_id WHERE la.user_id = ?", DB_ARGS(DB_INT(user_id))) != DB_OK)
		return NULL;
	return *db_get(&r, 0, 0) ? db_get(&r, 0, 0) : "none";
}

/* Inside the caller's transaction: USER_ID holds SUB's license (assigned by BY); the number of licenses of SUB
 * now assigned, or a DB_* code. */
static long long take_license(arena *a, long long sub, long long user_id, long long by)
{
	db_rows r;
	int rc = db_exec("INSERT INTO license_assignments (subscription_id, user_id, assigned_at, assigned_by) "
			 "VALUES (?, ?, UTC_TIMESTAMP(), ?) ON DUPLICATE KEY UPDATE subscription_id = subscription_id",
			 DB_ARGS(DB_INT(sub), DB_INT(user_id), DB_INT(by)), NULL, NULL);
	if (rc == DB_OK)  /* locking: the latest committed, not a snapshot */
		rc = db_query(a, &r, "SELECT COUNT(*) FROM license_assignments WHERE subscription_id = ? FOR UPDATE",
			      DB_ARGS(DB_INT(sub)));
	return rc != DB_OK ? rc : db_get_int(&r, 0, 0);
}

/* The refusal of one license too many of subscription SUB, which has LICENSES. */
static outcome full(arena *a, long long sub, const char *licenses)
{
	db_rows r;
	int rc = db_query(a, &r, "SELECT f.name FROM subscriptions s JOIN offers f ON f.id = s.offer_id WHERE s.id = ?",
			  DB_ARGS(DB_INT(sub)));
	if (rc != DB_OK || r.nrows != 1)
		return outcome_failed(rc != DB_OK ? rc : DB_ERROR);
	return outcome_refused(OUTCOME_CONFLICT, LICENSES_FULL,
			       arena_printf(a, ngettext("All %s licenses of %s are assigned. Buy more licenses or remove one "
							"from another user first.",
							"All %s licenses of %s are assigned. Buy more licenses or remove one "
							"from another user first.", strtoul(licenses, NULL, 10)),
					    licenses, db_get(&r, 0, 0)));
}

outcome licenses_assign(arena *a, long long customer, long long user_id, long long by, const licenses_choice *choice,
			const char **before, const char **held)
{
	enum { ID, LICENSES, NCOLS };
	db_rows subs;
	if (before && !(*before = held_offers(a, user_id)))
		return outcome_failed(DB_ERROR);
	/* the subscriptions alone are locked: an offer's row is shared by every customer's */
	int rc = db_query_cols(a, &subs, NCOLS,
			       "SELECT id, licenses FROM subscriptions WHERE customer_org_id = ? AND status = 'active' "
			       "ORDER BY id FOR UPDATE", DB_ARGS(DB_INT(customer)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	int found = 0;
	for (int s = 0; s < subs.nrows; s++) {
		long long sub = db_get_int(&subs, s, ID);
		if (!chosen(choice, sub)) {
			rc = db_exec("DELETE FROM license_assignments WHERE subscription_id = ? AND user_id = ?",
				     DB_ARGS(DB_INT(sub), DB_INT(user_id)), NULL, NULL);
			if (rc != DB_OK)
				return outcome_failed(rc);
			continue;
		}
		found++;
		long long assigned = take_license(a, sub, user_id, by);
		if (assigned < 0)
			return outcome_failed((int)assigned);
		if (assigned > db_get_int(&subs, s, LICENSES))
			return full(a, sub, db_get(&subs, s, LICENSES));
	}
	if (found < choice->n)  /* suspended or ended since the form was shown */
		return outcome_refused(OUTCOME_CONFLICT, LICENSES_GONE,
				       "A subscription changed meanwhile. Check the licenses and try again.");
	*held = held_offers(a, user_id);
	return *held ? outcome_ok(user_id) : outcome_failed(DB_ERROR);
}

typedef struct {
	arena *a;
	const actor *who;
	long long customer, user_id;
	const licenses_choice *choice;
} licenses_change;

static outcome set_licenses(void *ctx)
{
	licenses_change *c = ctx;
	rights_customer cust;
	rights_tenant_user tu;
	outcome o = tenants_customer_user(c->a, c->who, c->customer, c->user_id, &cust, &tu);
	if (!outcome_is_ok(&o))
		return o;
	const char *before, *after;
	o = licenses_assign(c->a, cust.id, tu.id, c->who->user->id, c->choice, &before, &after);
	if (!outcome_is_ok(&o))
		return o;
	int rc = domain_audit(c->who, (audit_entry){
		.action = "customer.user_licenses", .object_type = "user", .object_id = tu.id, .party_org_id = cust.id,
		.detail = arena_printf(c->a, "%s set the licenses of %s (%lld) of customer %lld %s: %s",
				       c->who->user->org_name, tu.upn, tu.id, cust.id, cust.name, after),
		.before_json = domain_json(c->a, "licenses", before, NULL),
		.after_json = domain_json(c->a, "licenses", after, NULL) });
	return rc == DB_OK ? outcome_ok(tu.id) : outcome_failed(rc);
}

outcome licenses_set(arena *a, const actor *who, long long customer, long long user_id, const licenses_choice *choice)
{
	licenses_change c = { a, who, customer, user_id, choice };
	return domain_tx(set_licenses, &c);
}
