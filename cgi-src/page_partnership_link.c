/* page_partnership_link.c: a reseller follows a provider's emailed partnership link and authorizes the provider */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "domain/partnerships.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

static tpl_dict *link_dict(request *r, const partnership_link *l)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "PROVIDER_NAME", l->provider_name);
	tpl_set_int(d, "PROVIDER_ID", l->provider_org_id);
	tpl_set(d, "RESELLER_NAME", r->user->org_name);
	tpl_set(d, "TENANT_DOMAIN", r->user->tenant_domain);
	return d;
}

static void authorize_form(request *r, const partnership_link *l, const char *token, const char *error)
{
	tpl_dict *d = link_dict(r, l);
	tpl_dict *f = tpl_add_section(d, "FORM");
	tpl_set(f, "TOKEN", token);
	tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	if (error)
		tpl_set(tpl_add_section(f, "ERROR"), "MESSAGE", error);
	view_page(r, "partnership_authorize.tpl", _("Authorize indirect provider"), d);
}

/* A link that cannot be used now (O): for the reseller that used it the partnership it made; the page saying
 * they are partners already; the form back when the box was not ticked; else why. */
static void link_refused(request *r, const outcome *o, const partnership_link *l, const char *token,
			 const char *unavailable)
{
	if (o->kind == OUTCOME_GONE && o->code == PARTNERSHIPS_LINK_DONE) {
		http_redirect(r, arena_printf(r->arena, "/indirect-providers?authorized=%lld", l->partnership_id));
	} else if (o->kind == OUTCOME_CONFLICT && o->code == PARTNERSHIPS_ALREADY_PARTNERS) {
		tpl_dict *d = link_dict(r, l);
		tpl_show_section(d, "ALREADY");
		view_page(r, "partnership_authorize.tpl", _("Already your indirect provider"), d);
	} else if (o->kind == OUTCOME_INVALID) {
		r->status = 400;
		authorize_form(r, l, token, o->message);
	} else {
		view_refusal(r, o, unavailable);
	}
}

void partnership_authorize_form(request *r)
{
	const char *token = http_query(r, "token");
	actor who = actor_of(r);
	partnership_link l;
	outcome o = partnerships_open_link(r->arena, &who, token, &l);
	if (outcome_is_ok(&o))
		authorize_form(r, &l, token, NULL);
	else
		link_refused(r, &o, &l, token, _(token_state_message(TOKEN_DB_ERROR)));
}

void partnership_authorize(request *r)
{
	const char *token = http_form(r, "token");
	actor who = actor_of(r);
	partnership_link l;
	outcome o = partnerships_authorize(r->arena, &who, token, !strcmp(http_form(r, "confirm"), "1"), &l);
	if (outcome_is_ok(&o))
		http_redirect(r, arena_printf(r->arena, "/indirect-providers?authorized=%lld", o.id));
	else
		link_refused(r, &o, &l, token, _("The partnership could not be saved right now. Nothing was changed and "
						 "the link still works; try again in a minute."));
}
