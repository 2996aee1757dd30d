/* subscriptions.c: the support contact and the reseller of record the selling provider designates on a
 * subscription (subscriptions.h); license counts change through orders (orders.c) */
#include "domain/subscriptions.h"

#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "domain/customers.h"

/* A subscription as a change of its designations sees it */
typedef struct {
	rights_subscription may;
	const char *customer_name, *provider_name, *support_name, *reseller_name;
	long long support;  /* 0: none */
} designations;

typedef struct {
	arena *a;
	const actor *who;
	long long subscription_id, org;
} designation_change;

static int read_designations(arena *a, designations *d)
{
	enum { CUSTOMER_NAME, PROVIDER_NAME, SUPPORT, SUPPORT_NAME, RESELLER_NAME, NCOLS };
	db_rows q;
	int rc = db_query_cols(a, &q, NCOLS,
		"SELECT c.name, p.name, COALESCE(s.support_contact_org_id, 0), sc.name, ro.name "
		"FROM subscriptions s JOIN organizations c ON c.id = s.customer_org_id "
		"JOIN organizations p ON p.id = s.provider_org_id "
		"LEFT JOIN organizations sc ON sc.id = s.support_contact_org_id "
		"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id WHERE s.id = ?",
		DB_ARGS(DB_INT(d->may.id)));
	if (rc != DB_OK || q.nrows != 1)
		return rc != DB_OK ? rc : DB_ERROR;
	d->customer_name = db_get(&q, 0, CUSTOMER_NAME);
	d->provider_name = db_get(&q, 0, PROVIDER_NAME);
	d->support = db_get_int(&q, 0, SUPPORT);
	d->support_name = d->support ? db_get(&q, 0, SUPPORT_NAME) : NULL;
	d->reseller_name = d->may.reseller ? db_get(&q, 0, RESELLER_NAME) : NULL;
	return DB_OK;
}

/* The subscription C names, when C's actor may change what its provider designates on it. */
static outcome managed(const designation_change *c, designations *d)
{
	const user *u = c->who->user;
	outcome r = outcome_of_rights(rights_for_subscription(c->a, u, c->subscription_id, &d->may), RIGHTS_SUBSCRIPTION);
	if (!outcome_is_ok(&r))
		return r;
	if (!d->may.may_manage || !rights_may_order(u))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only admin agents and sales agents of this subscription's "
				       "indirect provider can change its reseller of record or its designated support contact."));
	int rc = read_designations(c->a, d);
	return rc == DB_OK ? outcome_ok(d->may.id) : outcome_failed(rc);
}

/* The provider itself or one of its live partner resellers: the name, else NULL ("" when the lookup failed). */
static const char *support_choice_name(arena *a, const designations *d, long long org)
{
	if (org == d->may.provider)
		return d->provider_name;
	if (!rights_partnered(a, d->may.provider, org))  /* the provider's live partners only */
		return NULL;
	const char *name = customers_org_name(a, org, "reseller");
	return !name ? "" : *name ? name : NULL;
}

/* A designation's change: SQL, the UPDATE of one organization column of the subscription, sets it to C's
 * organization (0: NULL), with its audit row ACTION (DETAIL) whose values under KEY are BEFORE and AFTER. */
typedef struct {
	const char *sql, *action, *detail, *key, *before, *after;
} designation_write;

static outcome designate(const designation_change *c, const designations *d, designation_write w)
{
	int rc = db_exec(w.sql, DB_ARGS(c->org ? DB_INT(c->org) : DB_NULL, DB_INT(d->may.id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = w.action, .object_type = "subscription", .object_id = d->may.id, .party_org_id = d->may.customer,
		.detail = w.detail, .before_json = domain_json(c->a, w.key, w.before, NULL),
		.after_json = domain_json(c->a, w.key, w.after, NULL) });
	return rc == DB_OK ? outcome_ok(d->may.id) : outcome_failed(rc);
}

static outcome set_support_contact(void *ctx)
{
	const designation_change *c = ctx;
	designations d;
	outcome r = managed(c, &d);
	if (!outcome_is_ok(&r))
		return r;
	const char *name = support_choice_name(c->a, &d, c->org);
	if (!name)
		return outcome_invalid("support_org_id", _("Choose your organization or one of your partner resellers from "
				       "the list."));
	if (!*name)
		return outcome_failed(DB_ERROR);
	return designate(c, &d, (designation_write){
		.sql = "UPDATE subscriptions SET support_contact_org_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		.action = "subscription.support_contact", .key = "support_contact", .before = d.support_name, .after = name,
		.detail = arena_printf(c->a, "subscription %lld of %s: designated support contact %s (was %s)", d.may.id,
				       d.customer_name, name, d.support_name ? d.support_name : "none") });
}

outcome subscriptions_set_support_contact(arena *a, const actor *who, long long subscription_id, long long org)
{
	designation_change c = { a, who, subscription_id, org };
	return domain_tx(set_support_contact, &c);
}

static outcome set_reseller_of_record(void *ctx)
{
	const designation_change *c = ctx;
	designations d;
	outcome r = managed(c, &d);
	if (!outcome_is_ok(&r))
		return r;
	const char *name = NULL;
	if (c->org && !(rights_reseller_of_record_choice(c->a, d.may.provider, c->org, d.may.customer) &&
			(name = customers_org_name(c->a, c->org, "reseller")) && *name))
		return outcome_invalid("reseller_org_id", _("Choose None or one of your partner resellers that is a partner "
				       "of record of this customer."));
	return designate(c, &d, (designation_write){
		.sql = "UPDATE subscriptions SET reseller_of_record_org_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		.action = "subscription.reseller_of_record", .key = "reseller_of_record", .before = d.reseller_name,
		.after = name, .detail = arena_printf(c->a, "subscription %lld of %s: reseller of record %lld (was %lld)",
						      d.may.id, d.customer_name, c->org, d.may.reseller) });
}

outcome subscriptions_set_reseller_of_record(arena *a, const actor *who, long long subscription_id, long long org)
{
	designation_change c = { a, who, subscription_id, org };
	return domain_tx(set_reseller_of_record, &c);
}
