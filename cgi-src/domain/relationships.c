/* relationships.c: starting and ending customer relationships together with the customer's name copied onto
 * the relationship (the Customers list's sort key) and the partner's live customer total; invitations, their
 * acceptance, and the customer ending a relationship */
#include "domain/relationships.h"

#include <string.h>

#include "auth.h"
#include "domain/customer_words.h"
#include "domain/partnerships.h"
#include "i18n.h"
#include "db.h"
#include "list_query.h"
#include "rights.h"

static db_val user_or_null(long long user)
{
	return user > 0 ? DB_INT(user) : DB_NULL;
}

int relationship_start(long long customer, long long partner, long long created_by, int days_ago)
{
	unsigned long long added = 0;
	/* the name is read in the same statement, so no rename can slip in between */
	int rc = db_exec("INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at, "
			 "created_by) SELECT o.id, ?, o.name, UTC_TIMESTAMP() - INTERVAL ? DAY, ? FROM organizations o WHERE o.id = ?",
			 DB_ARGS(DB_INT(partner), DB_INT(days_ago), user_or_null(created_by), DB_INT(customer)), &added, NULL);
	if (rc != DB_OK || added == 0 || (rc = customer_words_add(partner, customer)) != DB_OK)
		return rc;
	return db_exec("INSERT INTO partner_customer_counts (partner_org_id, live_customers) VALUES (?, 1) "
		       "ON DUPLICATE KEY UPDATE live_customers = live_customers + 1",
		       DB_ARGS(DB_INT(partner)), NULL, NULL);
}

int relationship_end(long long customer, long long partner, long long ended_by, unsigned long long *ended)
{
	unsigned long long n = 0;
	int rc = db_exec("UPDATE customer_relationships SET ended_at = UTC_TIMESTAMP(), ended_by = ? "
			 "WHERE customer_org_id = ? AND partner_org_id = ? AND ended_at IS NULL",
			 DB_ARGS(user_or_null(ended_by), DB_INT(customer), DB_INT(partner)), &n, NULL);
	if (ended)
		*ended = n;
	if (rc != DB_OK || n == 0 || (rc = customer_words_remove(partner, customer)) != DB_OK)
		return rc;
	/* LEAST: a total that is already off must not make ending a relationship fail (unsigned underflow) */
	return db_exec("UPDATE partner_customer_counts SET live_customers = live_customers - LEAST(live_customers, ?) "
		       "WHERE partner_org_id = ?",
		       DB_ARGS(DB_INT((long long)n), DB_INT(partner)), NULL, NULL);
}

/* ---- invitations ---- */

#define INVITE_TTL_SECONDS (30LL * 24 * 3600)

typedef struct {
	arena *a;
	const actor *who;
	bool with_provider;
	long long provider;
	relationship_invitation *out;
} inviting;

/* The token, its invitation and the audit row: the invitation names the token, the token its invitation. */
static outcome invite(void *ctx)
{
	inviting *c = ctx;
	const user *u = c->who->user;
	relationship_invitation *out = c->out;
	if (!rights_acts_as(u, "reseller", ROLE_ADMIN_AGENT | ROLE_SALES_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only an admin or sales agent of a reseller can invite customers."));
	out->provider_name = NULL;
	if (c->with_provider) {
		rights_partner live;
		outcome o = outcome_of_rights(rights_for_partner(c->a, u, c->provider, &live), RIGHTS_PROVIDER);
		if (!outcome_is_ok(&o))
			return o;
		out->provider_name = live.name;
	}
	token_info info;
	unsigned long long id = 0;
	int rc = token_create_pending(c->a, "customer_invite", u->id, INVITE_TTL_SECONDS, out->token, &info);
	if (rc == DB_OK)
		rc = db_exec("INSERT INTO customer_invitations (reseller_org_id, provider_org_id, token_id, created_by, created_at) "
			     "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			     DB_ARGS(DB_INT(u->org_id), c->with_provider ? DB_INT(c->provider) : DB_NULL, DB_INT(info.id),
				     DB_INT(u->id)), NULL, &id);
	if (rc == DB_OK)
		rc = token_set_subject(info.id, (long long)id);
	if (rc != DB_OK)
		return outcome_failed(rc);
	out->invitation_id = (long long)id;
	out->expires_at = info.expires_at;
	rc = domain_audit(c->who, (audit_entry){
		.action = "customer.invited", .object_type = "customer_invitation", .object_id = out->invitation_id,
		.party_org_id = c->with_provider ? c->provider : 0,
		.detail = arena_printf(c->a, "invitation %lld by %s%s%s, link valid until %s UTC", out->invitation_id,
				       u->org_name, c->with_provider ? " with " : "", c->with_provider ? out->provider_name : "",
				       info.expires_at),
		.after_json = domain_json(c->a, "state", "sent", "provider", out->provider_name, "expires_at", info.expires_at,
					  NULL) });
	return rc == DB_OK ? outcome_ok(out->invitation_id) : outcome_failed(rc);
}

outcome relationships_invite(arena *a, const actor *who, relationship_invitation *out)
{
	inviting c = { a, who, false, 0, out };
	return domain_tx(invite, &c);
}

outcome relationships_invite_with(arena *a, const actor *who, long long provider, relationship_invitation *out)
{
	inviting c = { a, who, true, provider, out };
	return domain_tx(invite, &c);
}

/* The reseller's invitations, newest first along ix_invitations_reseller_id, a page at a time; or only one of
 * them (the first "?" switches that off). */
#define INVITATIONS_SQL \
	"SELECT ci.id, u.display_name, ci.created_at, t.expires_at, COALESCE(po.name, ''), " \
	LINK_STATE_SQL ", COALESCE(co.name, ''), COALESCE(ci.provider_org_id, 0), " \
	"COALESCE(ci.accepted_customer_org_id, 0) " \
	"FROM customer_invitations ci JOIN email_tokens t ON t.id = ci.token_id " \
	"JOIN users u ON u.id = ci.created_by LEFT JOIN organizations po ON po.id = ci.provider_org_id " \
	"LEFT JOIN organizations co ON co.id = ci.accepted_customer_org_id WHERE ci.reseller_org_id = ? " \
	"AND (? = 0 OR ci.id = ?)"

int relationships_invitations_read(arena *a, long long reseller_org, const seek *at, long long only, db_rows *rows)
{
	return db_query_cols(a, rows, INV_NCOLS, SEEK_SQL_NEWEST_BY_ID(at, INVITATIONS_SQL, "ci.id"),
			     DB_ARGS(DB_INT(reseller_org), DB_INT(only), DB_INT(only), SEEK_ID_ARGS(at, INVITATIONS_PAGE_SIZE)));
}

typedef struct {
	arena *a;
	const actor *who;
	long long id;  /* the invitation, or the partner */
} change_of;

static outcome revoke_invitation(void *ctx)
{
	change_of *c = ctx;
	const user *u = c->who->user;
	long long token_id;
	/* only this reseller's own invitations */
	outcome o = outcome_of_rights(rights_for_invitation(c->a, u, c->id, &token_id), RIGHTS_INVITATION);
	if (!outcome_is_ok(&o))
		return o;
	if (!(u->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT)))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only an admin or sales agent of your organization can revoke "
							      "an invitation."));
	enum { STATE, PROVIDER, NCOLS };
	db_rows rows;
	/* the token's row locked: the customer cannot use the link between this check and the revocation */
	int rc = db_query_cols(c->a, &rows, NCOLS,
			       "SELECT " LINK_STATE_SQL ", COALESCE(ci.provider_org_id, 0) FROM customer_invitations ci "
			       "JOIN email_tokens t ON t.id = ci.token_id WHERE ci.id = ? FOR UPDATE",
			       DB_ARGS(DB_INT(c->id)));
	if (rc != DB_OK || rows.nrows != 1)
		return outcome_failed(rc != DB_OK ? rc : DB_ERROR);
	o = partnerships_revoke_link(token_id, db_get(&rows, 0, STATE), "This invitation", RELATIONSHIPS_NOT_REVOCABLE);
	if (!outcome_is_ok(&o))
		return o;
	rc = domain_audit(c->who, (audit_entry){
		.action = "customer_invitation.revoked", .object_type = "customer_invitation", .object_id = c->id,
		.party_org_id = db_get_int(&rows, 0, PROVIDER), .detail = arena_printf(c->a, "invitation %lld", c->id),
		.before_json = domain_json(c->a, "state", "sent", NULL),
		.after_json = domain_json(c->a, "state", "revoked", NULL) });
	return rc == DB_OK ? outcome_ok(c->id) : outcome_failed(rc);
}

outcome relationships_revoke_invitation(arena *a, const actor *who, long long invitation_id)
{
	change_of c = { a, who, invitation_id };
	return domain_tx(revoke_invitation, &c);
}

/* ---- the emailed link ---- */

/* The invitation behind the link's token TOKEN_ID: who is asking. */
static bool load_invitation(arena *a, long long token_id, void *link)
{
	relationship_link *l = link;
	enum { INVITATION, RESELLER, RESELLER_NAME, PROVIDER, PROVIDER_NAME, NCOLS };
	db_rows rows;
	if (db_query_cols(a, &rows, NCOLS,
		     "SELECT ci.id, ci.reseller_org_id, ro.name, COALESCE(ci.provider_org_id, 0), COALESCE(po.name, '') "
		     "FROM customer_invitations ci JOIN organizations ro ON ro.id = ci.reseller_org_id "
		     "LEFT JOIN organizations po ON po.id = ci.provider_org_id WHERE ci.token_id = ?",
		     DB_ARGS(DB_INT(token_id))) != DB_OK || rows.nrows != 1)
		return false;
	l->token_id = token_id;
	l->invitation_id = db_get_int(&rows, 0, INVITATION);
	l->reseller_org_id = db_get_int(&rows, 0, RESELLER);
	l->reseller_name = db_get(&rows, 0, RESELLER_NAME);
	l->provider_org_id = db_get_int(&rows, 0, PROVIDER);
	l->provider_name = db_get(&rows, 0, PROVIDER_NAME);
	return true;
}

/* A link that cannot be used: for the admin who accepted it (a second click, or the link opened again) what
 * that did, for anyone else why. */
static outcome spent_link(arena *a, const user *u, enum token_state state, long long token_id, relationship_link *l)
{
	rights_rc mine = RIGHTS_NONE;
	if (state == TOKEN_USED && load_invitation(a, token_id, l))
		mine = rights_for_accepted_invitation(a, u, l->invitation_id);
	return partnerships_spent_refusal(state, mine, RELATIONSHIPS_LINK_DONE);
}

outcome relationships_open_link(arena *a, const actor *who, const char *token, relationship_link *l)
{
	const user *u = who->user;
	long long token_id;
	memset(l, 0, sizeof *l);
	enum token_state state = partnerships_link_lookup(a, "customer_invite", token, load_invitation, l, &token_id);
	if (state != TOKEN_VALID)
		return spent_link(a, u, state, token_id, l);
	if (!u)
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Sign in as a global administrator of your organization to "
							      "use this link."));
	if (*u->org_kind && strcmp(u->org_kind, "customer"))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, arena_printf(a, _(
			"%s belongs to a partner organization (%s), and a partner cannot become a customer through this "
			"link. Sign out and sign in as a global administrator of the customer's organization. "
			"The link has not been used."), u->upn, u->org_name));
	if (strcmp(u->directory_role, "global_admin"))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, arena_printf(a, _(
			"Only a global administrator of %s can accept a partner relationship, and %s is not one. Ask a "
			"global administrator of your organization to follow this link; it has not been used."),
			u->tenant_domain, u->upn));
	return outcome_ok(l->invitation_id);
}

/* The customer organization of TENANT, locked; created from the tenant when it has none yet (inside the
 * caller's transaction: the acceptance's). */
static int customer_org_of(arena *a, long long tenant, long long *org)
{
	db_rows rows;
	int rc = db_query(a, &rows, "SELECT id FROM organizations WHERE tenant_id = ? AND kind = 'customer' FOR UPDATE",
			  DB_ARGS(DB_INT(tenant)));
	*org = rc == DB_OK && rows.nrows == 1 ? db_get_int(&rows, 0, 0) : 0;
	if (rc != DB_OK || *org)
		return rc;
	unsigned long long id = 0;
	rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) "
		     "SELECT 'customer', display_name, id, country FROM tenants WHERE id = ?",
		     DB_ARGS(DB_INT(tenant)), NULL, &id);
	*org = (long long)id;
	return rc;
}

/* A live relationship between CUSTOMER and PARTNER unless there is one already (then *ADDED stays), inside
 * the caller's transaction. */
static int start_unless_live(long long customer, long long partner, long long by, int *added)
{
	int rc = relationship_start(customer, partner, by, 0);
	if (rc == DB_DUPLICATE)  /* live already: skipped */
		return DB_OK;
	if (rc == DB_OK)
		(*added)++;
	return rc;
}

typedef struct {
	arena *a;
	const actor *who;
	const char *token;
	relationship_link *link;
} accepting;

/* Use the link, make sure the tenant has a customer organization, start the relationships, mark the invitation. */
static outcome accept(void *ctx)
{
	accepting *c = ctx;
	relationship_link *l = c->link;
	outcome o = relationships_open_link(c->a, c->who, c->token, l);
	if (!outcome_is_ok(&o))
		return o;
	const user *u = c->who->user;
	if (token_consume(l->token_id, u->id) != DB_OK)  /* a second click finds it used */
		return outcome_refused(OUTCOME_GONE, RELATIONSHIPS_LINK_SPENT, _(token_state_message(TOKEN_USED)));
	/* the provider came along with its reseller: only while their partnership still stands */
	if (l->provider_org_id && !rights_partnered(c->a, l->provider_org_id, l->reseller_org_id))
		return outcome_refused(OUTCOME_CONFLICT, RELATIONSHIPS_PARTNERSHIP_ENDED, arena_printf(c->a, _(
			"%s is no longer the indirect provider of %s, so this invitation cannot be accepted. Ask %s for a "
			"new one."), l->provider_name, l->reseller_name, l->reseller_name));
	int added = 0;
	int rc = customer_org_of(c->a, u->tenant_id, &l->customer_org_id);
	if (rc == DB_OK)
		rc = start_unless_live(l->customer_org_id, l->reseller_org_id, u->id, &added);
	if (rc == DB_OK && l->provider_org_id)
		rc = start_unless_live(l->customer_org_id, l->provider_org_id, u->id, &added);
	if (rc == DB_OK)
		rc = db_exec("UPDATE customer_invitations SET accepted_customer_org_id = ?, accepted_by = ?, "
			     "accepted_at = UTC_TIMESTAMP() WHERE id = ? AND accepted_at IS NULL",
			     DB_ARGS(DB_INT(l->customer_org_id), DB_INT(u->id), DB_INT(l->invitation_id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	const char *partners = l->provider_org_id ? arena_printf(c->a, "%s, %s", l->reseller_name, l->provider_name)
						  : l->reseller_name;
	rc = domain_audit(c->who, (audit_entry){
		.action = "customer.relationship_accepted", .object_type = "customer_invitation",
		.object_id = l->invitation_id, .org_id = l->customer_org_id, .party_org_id = l->reseller_org_id,
		.detail = arena_printf(c->a, "invitation %lld: customer %lld accepted %s%s%s (%d new relationships)",
				       l->invitation_id, l->customer_org_id, l->reseller_name, l->provider_org_id ? " and " : "",
				       l->provider_org_id ? l->provider_name : "", added),
		.before_json = domain_json(c->a, "state", "sent", NULL),
		.after_json = domain_json(c->a, "state", "accepted", "partners", partners, "new_relationships",
					  arena_printf(c->a, "%d", added), NULL) });
	return rc == DB_OK ? outcome_ok(l->invitation_id) : outcome_failed(rc);
}

outcome relationships_accept(arena *a, const actor *who, const char *token, relationship_link *link)
{
	accepting c = { a, who, token, link };
	outcome o = domain_tx(accept, &c);
	if (o.kind != OUTCOME_GONE || o.code != RELATIONSHIPS_LINK_SPENT)
		return o;
	/* another click used the link a moment ago: now that it is committed, what that did */
	o = relationships_open_link(a, who, token, link);
	return outcome_is_ok(&o) ? outcome_failed(DB_ERROR) : o;  /* unused after all: the consume failed */
}

/* ---- the customer ends a relationship ---- */

/* What PARTNER was on CUSTOMER's subscriptions, given up with the relationship (inside the caller's
 * transaction): no longer reseller of record; the subscription's provider takes over support (none if it
 * was the one). *UNRECORDED and *UNSUPPORTED: the subscriptions changed. */
static int give_up_subscriptions(long long customer, long long partner, unsigned long long *unrecorded,
				 unsigned long long *unsupported)
{
	int rc = db_exec("UPDATE subscriptions SET reseller_of_record_org_id = NULL, updated_at = UTC_TIMESTAMP() "
			 "WHERE customer_org_id = ? AND reseller_of_record_org_id = ?",
			 DB_ARGS(DB_INT(customer), DB_INT(partner)), unrecorded, NULL);
	if (rc != DB_OK)
		return rc;
	return db_exec("UPDATE subscriptions SET support_contact_org_id = NULLIF(provider_org_id, ?), "
		       "updated_at = UTC_TIMESTAMP() WHERE customer_org_id = ? AND support_contact_org_id = ?",
		       DB_ARGS(DB_INT(partner), DB_INT(customer), DB_INT(partner)), unsupported, NULL);
}

static outcome end_partner(void *ctx)
{
	change_of *c = ctx;
	const user *u = c->who->user;
	if (!rights_acts_as(u, "customer", 0))
		return outcome_refused(OUTCOME_NOT_FOUND, 0, rights_not_found_text(RIGHTS_CUSTOMER_PARTNER));
	if (strcmp(u->directory_role, "global_admin"))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _(RELATIONSHIPS_ONLY_GLOBAL_ADMIN));
	const char *name;
	outcome o = outcome_of_rights(rights_for_customer_partner(c->a, u, c->id, &name), RIGHTS_CUSTOMER_PARTNER);
	if (!outcome_is_ok(&o))
		return o;
	enum { ID, STARTED_ON, NCOLS };
	db_rows rel;
	int rc = db_query_cols(c->a, &rel, NCOLS,
			       "SELECT id, DATE_FORMAT(started_at, '%Y-%m-%d') FROM customer_relationships "
			       "WHERE customer_org_id = ? AND partner_org_id = ? AND ended_at IS NULL FOR UPDATE",
			       DB_ARGS(DB_INT(u->org_id), DB_INT(c->id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	unsigned long long ended = 0, unrecorded = 0, unsupported = 0;
	if (rel.nrows == 1 && (rc = relationship_end(u->org_id, c->id, u->id, &ended)) != DB_OK)
		return outcome_failed(rc);
	if (ended == 0)  /* it ended a moment ago */
		return outcome_refused(OUTCOME_NOT_FOUND, 0, rights_not_found_text(RIGHTS_CUSTOMER_PARTNER));
	if ((rc = give_up_subscriptions(u->org_id, c->id, &unrecorded, &unsupported)) != DB_OK)
		return outcome_failed(rc);
	long long id = db_get_int(&rel, 0, ID);
	rc = domain_audit(c->who, (audit_entry){
		.action = "customer.relationship_ended", .object_type = "customer_relationship", .object_id = id,
		.party_org_id = c->id,
		.detail = arena_printf(c->a, "%s ended its relationship with %s (%lld)", u->org_name, name, c->id),
		.before_json = domain_json(c->a, "state", "live", "partner", name, "started_on",
					   db_get(&rel, 0, STARTED_ON), NULL),
		.after_json = domain_json(c->a, "state", "ended",
					  "subscriptions_no_longer_reseller_of_record", arena_printf(c->a, "%llu", unrecorded),
					  "subscriptions_support_moved", arena_printf(c->a, "%llu", unsupported), NULL) });
	return rc == DB_OK ? outcome_ok(id) : outcome_failed(rc);
}

outcome relationships_end_partner(arena *a, const actor *who, long long partner)
{
	change_of c = { a, who, partner };
	return domain_tx(end_partner, &c);
}
