/* page_account_switch.c: a user who belongs to more than one partner account (a provider's admin whose
 * tenant also enrolled as a reseller) picks which one this session acts for */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/orgs.h"
#include "session.h"
#include "view.h"

void account_switch_form(request *r)
{
	enum { ID, NAME, KIND, DOMAIN, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT o.id, o.name, o.kind, t.domain FROM partner_users pu JOIN organizations o ON o.id = pu.org_id "
		     "JOIN tenants t ON t.id = o.tenant_id WHERE pu.user_id = ? ORDER BY o.id",
		     DB_ARGS(DB_INT(r->user->id))) != DB_OK) {
		view_unavailable(r, _("Your accounts"));
		return;
	}
	tpl_dict *d = view_dict(r);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *a = tpl_add_section(d, "ACCOUNT");
		tpl_set(a, "ID", db_get(&rows, i, ID));
		tpl_set(a, "NAME", db_get(&rows, i, NAME));
		tpl_set(a, "KIND", orgs_kind_label(db_get(&rows, i, KIND)));
		tpl_set(a, "DOMAIN", db_get(&rows, i, DOMAIN));
		if (db_get_int(&rows, i, ID) == r->user->org_id)
			tpl_show_section(a, "CURRENT");
		else
			tpl_set(tpl_add_section(a, "SWITCH"), "CSRF_TOKEN", csrf_token(r));
	}
	if (rows.nrows < 2)
		tpl_show_section(d, "ONLY_ONE");
	view_page(r, "account_switch.tpl", _("Switch account"), d);
}

void account_switch_submit(request *r)
{
	actor who = actor_of(r);
	outcome o = orgs_switch_account(r->arena, &who, r->session, http_id(http_form(r, "org_id")));
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("Your account cannot be switched right now. Nothing was changed; try again in a "
				      "minute."));
		return;
	}
	http_redirect(r, "/home");
}
