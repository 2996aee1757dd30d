/* page_relationship_link.c: a customer's global admin follows a reseller's emailed invitation and accepts it */
#include "app.h"
#include "auth.h"
#include "domain/relationships.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

static void accept_form(request *r, const relationship_link *l, const char *token)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "RESELLER_NAME", l->reseller_name);
	if (l->provider_org_id)
		tpl_set(tpl_add_section(d, "PROVIDER"), "PROVIDER_NAME", l->provider_name);
	else
		tpl_show_section(d, "NO_PROVIDER");
	tpl_set(d, "TENANT_DOMAIN", r->user->tenant_domain);
	tpl_set(d, "TOKEN", token);
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
	view_page(r, "relationship_authorize.tpl", _("Accept partner relationship"), d);
}

/* A link that cannot be used now (O): for the admin who accepted it what that did; else why. */
static void link_refused(request *r, const outcome *o, const relationship_link *l, const char *unavailable)
{
	if (o->kind == OUTCOME_GONE && o->code == RELATIONSHIPS_LINK_DONE)
		http_redirect(r, arena_printf(r->arena, "/my/partners?accepted=%lld", l->invitation_id));
	else
		view_refusal(r, o, unavailable);
}

void relationship_authorize_form(request *r)
{
	const char *token = http_query(r, "token");
	actor who = actor_of(r);
	relationship_link l;
	outcome o = relationships_open_link(r->arena, &who, token, &l);
	if (outcome_is_ok(&o))
		accept_form(r, &l, token);
	else
		link_refused(r, &o, &l, _(token_state_message(TOKEN_DB_ERROR)));
}

void relationship_authorize(request *r)
{
	actor who = actor_of(r);
	relationship_link l;
	outcome o = relationships_accept(r->arena, &who, http_form(r, "token"), &l);
	if (!outcome_is_ok(&o)) {
		link_refused(r, &o, &l, _("The relationship could not be saved right now. Nothing was changed and the "
					  "link still works; try again in a minute."));
		return;
	}
	auth_user_changed(r->arena, r->user->id);
	http_redirect(r, arena_printf(r->arena, "/my/partners?accepted=%lld", o.id));
}
