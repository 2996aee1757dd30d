/* page_home.c: the signed-in home page, and the health check that renders nothing */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "view.h"

static const char *org_kind_label(const char *kind)
{
	if (!strcmp(kind, "vendor")) return _("Vendor administration");
	if (!strcmp(kind, "provider")) return _("Indirect provider");
	if (!strcmp(kind, "reseller")) return _("Indirect reseller");
	if (!strcmp(kind, "customer")) return _("Customer");
	return _("No partner account yet");
}

void home_page(request *r)
{
	const user *u = r->user;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "USER_NAME", u->display_name);
	tpl_set(d, "USER_UPN", u->upn);
	tpl_set(d, "TENANT", u->tenant_domain);
	tpl_set(d, "ORG_NAME", u->org_name[0] ? u->org_name : u->tenant_domain);
	tpl_set(d, "ORG_KIND", org_kind_label(u->org_kind));
	tpl_set(d, "DIRECTORY_ROLE", !strcmp(u->directory_role, "global_admin") ? _("Global admin") : _("User"));
	if (!strcmp(u->org_kind, "vendor"))
		tpl_show_section(d, "IS_VENDOR");
	if (!u->org_kind[0])
		tpl_show_section(d, "NO_ACCOUNT");
	view_page(r, "home.tpl", _("Home"), d);
}

void health_check(request *r)
{
	view_text(r, 200, "ok\n");
}
