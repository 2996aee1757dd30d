/* page_customer_invites.c: a reseller's invitation (alone, or with one of its providers) asking a customer to authorize it */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/partnerships.h"
#include "domain/relationships.h"
#include "i18n.h"
#include "rights.h"
#include "validate.h"
#include "view.h"

static const char *draft_body(request *r, const char *provider_name, const char *link, const char *expires_at)
{
	const char *org = r->user->org_name;
	const char *intro = provider_name
		? arena_printf(r->arena, _("%s and %s would like to become your partners of record in Channel Center."),
			       org, provider_name)
		: arena_printf(r->arena, _("%s would like to become your partner of record in Channel Center."), org);
	const char *rights = provider_name
		? arena_printf(r->arena, _("When you accept, %s and %s will be able to manage your subscriptions, licenses "
					   "and users, and to submit orders on your behalf. You can end the relationship at "
					   "any time from My partners."), org, provider_name)
		: arena_printf(r->arena, _("When you accept, %s will be able to manage your subscriptions, licenses and "
					   "users, and to submit orders on your behalf. You can end the relationship at any "
					   "time from My partners."), org);
	/* TRANSLATORS: the end of the draft invitation email: the link, its expiry date, the sender's name and
	 * organization. Keep the button's name (Accept) as the acceptance page shows it. */
	const char *accept = arena_printf(r->arena, _(
		"To accept, open the link below, sign in as a global administrator of your organization and select "
		"Accept:\n\n"
		"%s\n\n"
		"The link is personal to this invitation, works once and expires on %s.\n\n"
		"Best regards,\n%s\n%s\n"), link, i18n_datetime(r->arena, expires_at, true), r->user->display_name, org);
	/* TRANSLATORS: the greeting that opens a draft email */
	return arena_printf(r->arena, "%s\n\n%s\n\n%s\n\n%s", _("Hello,"), intro, rights, accept);
}

/* The draft of invitation O made (or why not); its Done button leads to Invitations sent, which lists it. */
static void invitation_draft(request *r, const outcome *o, const relationship_invitation *c)
{
	if (!outcome_is_ok(o)) {
		view_refusal(r, o, _("The invitation could not be created right now. Nothing was saved; try again in a "
				     "minute."));
		return;
	}
	const char *provider_name = c->provider_name;
	const char *link = partnerships_link(r->arena, INVITATION_LINK_PATH, c->token);
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "INVITATION_ID", c->invitation_id);
	tpl_set(d, "SUBJECT", provider_name
		? arena_printf(r->arena, _("Invitation from %s and %s"), r->user->org_name, provider_name)
		: arena_printf(r->arena, _("Reseller relationship request from %s"), r->user->org_name));
	tpl_set(d, "BODY", draft_body(r, provider_name, link, c->expires_at));
	tpl_set(d, "LINK", link);
	tpl_set(d, "EXPIRES_AT", i18n_datetime(r->arena, c->expires_at, false));
	tpl_set(d, "BACK_LABEL", provider_name ? _("Indirect providers") : _("Customers"));
	tpl_set(d, "HEADING", provider_name ? arena_printf(r->arena, _("Invite a new customer with %s"), provider_name)
					    : _("Request a reseller relationship"));
	view_page(r, "customer_invite.tpl", provider_name ? _("Invite new customers") : _("Request a reseller relationship"), d);
}

void customer_request_relationship(request *r)
{
	actor who = actor_of(r);
	relationship_invitation c;
	outcome o = relationships_invite(r->arena, &who, &c);
	invitation_draft(r, &o, &c);
}

void provider_invite_customer(request *r)
{
	actor who = actor_of(r);
	relationship_invitation c;
	outcome o = relationships_invite_with(r->arena, &who, http_id(http_form(r, "provider_id")), &c);
	invitation_draft(r, &o, &c);
}

/* ?provider= must name a provider the reseller is partnered with (rights.c); its name, or NULL (page sent:
 * the same 404 for a missing provider and one that is not the reseller's partner). */
static const char *partnered_provider(request *r, long long provider)
{
	rights_partner live;
	return rights_granted(r, rights_for_partner(r->arena, r->user, provider, &live), RIGHTS_PROVIDER,
			      view_unavailable_text(r, _("Your partnerships"))) ? live.name : NULL;
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
		view_unavailable(r, _("Your customers"));
		return;
	}
	tpl_set(d, "PROVIDER_NAME", name);
	tpl_set_int(d, "PROVIDER_ID", provider);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *c = tpl_add_section(d, "CUSTOMER");
		tpl_set(c, "ID", db_get(&rows, i, SHARED_CUSTOMER_ID));
		tpl_set(c, "NAME", db_get(&rows, i, SHARED_CUSTOMER_NAME));
		tpl_set(c, "COUNTRY", validate_country_label(db_get(&rows, i, SHARED_CUSTOMER_COUNTRY)));
		tpl_set(c, "SINCE", i18n_datetime(r->arena, db_get(&rows, i, SHARED_CUSTOMER_SINCE), true));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_CUSTOMERS");
	view_page(r, "provider_customers.tpl", arena_printf(r->arena, _("Customers with %s"), name), d);
}
