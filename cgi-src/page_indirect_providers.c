/* page_indirect_providers.c: the reseller's Indirect providers page and ending a partnership from its side */
#include "app.h"
#include "auth.h"
#include "domain/partnerships.h"
#include "i18n.h"
#include "view.h"

void indirect_providers_list(request *r)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	if (!partnership_add_list(r, &partnership_as_reseller, d)) {
		view_unavailable(r, _("Your partnerships"));
		return;
	}
	if (!(r->user->roles & ROLE_ADMIN_AGENT))
		tpl_show_section(d, "READ_ONLY");
	partnership_add_notice(r, &partnership_as_reseller, d, "authorized", "AUTHORIZED_NOTICE");
	partnership_add_notice(r, &partnership_as_reseller, d, "ended", "ENDED_NOTICE");
	view_page(r, "indirect_providers_list.tpl", _("Indirect providers"), d);
}

void indirect_provider_end_confirm(request *r)
{
	partnership_end_confirm(r, &partnership_as_reseller);
}

void indirect_provider_end(request *r)
{
	actor who = actor_of(r);
	outcome o = partnerships_end(r->arena, &who, http_id(http_form(r, "id")));
	if (outcome_is_ok(&o))
		http_redirect(r, arena_printf(r->arena, "/indirect-providers?ended=%lld", o.id));
	else
		view_refusal(r, &o, _(PARTNERSHIP_END_UNAVAILABLE));
}
