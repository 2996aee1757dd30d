/* page_customer_invites.c: a reseller's invitation (alone, or with one of its providers) asking a customer to authorize it */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "mail.h"
#include "domain/partnerships.h"
#include "rights.h"
#include "token.h"
#include "validate.h"
#include "view.h"

#define INVITE_TTL_SECONDS (30LL * 24 * 3600)

typedef struct {
	request *r;                         /* who invites, for the audit row */
	const char *provider_name;
	arena *arena;
	long long reseller_org_id, provider_org_id, user_id;
	long long invitation_id;            /* out */
	char token[TOKEN_LEN + 1];          /* out: the link's text */
	const char *expires_at;             /* out */
} invite_ctx;

/* The token, its invitation and the audit row in one transaction: the invitation names the token, the token
 * its invitation. */
static int invite_tx(void *ctx)
{
	invite_ctx *c = ctx;
	token_info info;
	unsigned long long id = 0;
	int rc = token_create_pending(c->arena, "customer_invite", c->user_id, INVITE_TTL_SECONDS, c->token, &info);
	if (rc == DB_OK)
		rc = db_exec("INSERT INTO customer_invitations (reseller_org_id, provider_org_id, token_id, created_by, created_at) "
			     "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			     DB_ARGS(DB_INT(c->reseller_org_id), c->provider_org_id ? DB_INT(c->provider_org_id) : DB_NULL,
				     DB_INT(info.id), DB_INT(c->user_id)), NULL, &id);
	if (rc != DB_OK)
		return rc;
	c->invitation_id = (long long)id;
	c->expires_at = info.expires_at;
	if ((rc = token_set_subject(info.id, c->invitation_id)) != DB_OK)
		return rc;
	return audit(c->user_id, "customer.invited",
		     arena_printf(c->arena, "invitation %lld by %s%s%s, link valid until %s UTC", c->invitation_id,
				  c->r->user->org_name, c->provider_org_id ? " with " : "",
				  c->provider_org_id ? c->provider_name : "", c->expires_at),
		     c->r->remote_addr);
}

static const char *draft_body(request *r, const char *provider_name, const char *link, const char *expires_at)
{
	const char *org = r->user->org_name;
	const char *who = provider_name ? arena_printf(r->arena, "%s and %s", org, provider_name) : org;
	return arena_printf(r->arena,
		"Hello,\n\n"
		"%s would like to become your partner%s of record in Channel Center.\n\n"
		"When you accept, %s will be able to manage your subscriptions, licenses and users, and to submit "
		"orders on your behalf. You can end the relationship at any time from My partners.\n\n"
		"To accept, open the link below, sign in as a global administrator of your organization and select "
		"Accept:\n\n"
		"%s\n\n"
		"The link is personal to this invitation, works once and expires on %.10s.\n\n"
		"Best regards,\n%s\n%s\n",
		who, provider_name ? "s" : "", who, link, expires_at,
		r->user->display_name, org);
}

static void create_invite(request *r, long long provider, const char *provider_name, const char *done_url)
{
	invite_ctx c = { .r = r, .provider_name = provider_name, .arena = r->arena, .reseller_org_id = r->user->org_id,
			 .provider_org_id = provider, .user_id = r->user->id };
	int rc = db_transaction(invite_tx, &c);
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The invitation could not be created right now. Nothing was saved; try again in "
					 "a minute.");
		return;
	}
	const char *link = arena_printf(r->arena, "%s/relationship/authorize?token=%s", mail_base_url(), c.token);
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "INVITATION_ID", c.invitation_id);
	tpl_set(d, "SUBJECT", provider
		? arena_printf(r->arena, "Invitation from %s and %s", r->user->org_name, provider_name)
		: arena_printf(r->arena, "Reseller relationship request from %s", r->user->org_name));
	tpl_set(d, "BODY", draft_body(r, provider ? provider_name : NULL, link, c.expires_at));
	tpl_set(d, "LINK", link);
	tpl_set(d, "EXPIRES_AT", c.expires_at);
	tpl_set(d, "DONE_URL", done_url);
	tpl_set(d, "BACK_LABEL", provider ? "Indirect providers" : "Customers");
	tpl_set(d, "HEADING", provider ? arena_printf(r->arena, "Invite a new customer with %s", provider_name)
				      : "Request a reseller relationship");
	view_page(r, "customer_invite.tpl", provider ? "Invite new customers" : "Request a reseller relationship", d);
}

void customer_request_relationship(request *r)
{
	create_invite(r, 0, NULL, "/customers");
}

/* ?provider= / provider_id= must name a provider the reseller is partnered with (rights.c); its name, or NULL
 * (page sent: the same 404 for a missing provider and one that is not the reseller's partner). */
static const char *partnered_provider(request *r, long long provider)
{
	rights_partner live;
	return rights_granted(r, rights_for_partner(r->arena, r->user, provider, &live), RIGHTS_PROVIDER,
			      VIEW_UNAVAILABLE("Your partnerships")) ? live.name : NULL;
}

void provider_invite_customer(request *r)
{
	long long provider = http_id(http_form(r, "provider_id"));
	const char *name = partnered_provider(r, provider);
	if (name)
		create_invite(r, provider, name, "/indirect-providers");
}

/* ---- customers shared with one provider ---- */

void provider_shared_customers(request *r)
{
	long long provider = http_id(http_query(r, "provider"));
	const char *name = partnered_provider(r, provider);
	if (!name)
		return;
	db_rows rows;
	tpl_dict *d = view_dict(r);
	if (!partnership_shared_customers(r, provider, r->user->org_id, d, &rows)) {
		view_error(r, 503, "Your customers cannot be read right now. Try again in a minute.");
		return;
	}
	tpl_set(d, "PROVIDER_NAME", name);
	tpl_set_int(d, "PROVIDER_ID", provider);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *c = tpl_add_section(d, "CUSTOMER");
		tpl_set(c, "ID", db_get(&rows, i, SHARED_CUSTOMER_ID));
		tpl_set(c, "NAME", db_get(&rows, i, SHARED_CUSTOMER_NAME));
		const char *country = validate_country_name(db_get(&rows, i, SHARED_CUSTOMER_COUNTRY));
		tpl_set(c, "COUNTRY", country ? country : db_get(&rows, i, SHARED_CUSTOMER_COUNTRY));
		tpl_set(c, "SINCE", db_get(&rows, i, SHARED_CUSTOMER_SINCE));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_CUSTOMERS");
	view_page(r, "provider_customers.tpl", arena_printf(r->arena, "Customers with %s", name), d);
}
