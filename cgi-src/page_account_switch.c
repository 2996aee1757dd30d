/* page_account_switch.c: a user who belongs to more than one partner account (a provider's admin whose
 * tenant also enrolled as a reseller) picks which one this session acts for */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "rights.h"
#include "session.h"
#include "view.h"

static void unavailable(request *r)
{
	view_error(r, 503, "Your accounts cannot be read right now. Try again in a minute.");
}

static const char *kind_label(const char *kind)
{
	return !strcmp(kind, "provider") ? "Indirect provider" : !strcmp(kind, "reseller") ? "Indirect reseller" : kind;
}

void account_switch_form(request *r)
{
	db_rows rows;
	if (db_query(r->arena, &rows,
		     "SELECT o.id, o.name, o.kind FROM partner_users pu JOIN organizations o ON o.id = pu.org_id "
		     "WHERE pu.user_id = ? ORDER BY o.id",
		     DB_ARGS(DB_INT(r->user->id))) != DB_OK) {
		unavailable(r);
		return;
	}
	tpl_dict *d = view_dict(r);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *a = tpl_add_section(d, "ACCOUNT");
		tpl_set(a, "ID", db_get(&rows, i, 0));
		tpl_set(a, "NAME", db_get(&rows, i, 1));
		tpl_set(a, "KIND", kind_label(db_get(&rows, i, 2)));
		if (db_get_int(&rows, i, 0) == r->user->org_id)
			tpl_show_section(a, "CURRENT");
		else
			tpl_set(tpl_add_section(a, "SWITCH"), "CSRF_TOKEN", csrf_token(r));
	}
	if (rows.nrows < 2)
		tpl_show_section(d, "ONLY_ONE");
	view_page(r, "account_switch.tpl", "Switch account", d);
}

void account_switch_submit(request *r)
{
	long long org = http_id(http_form(r, "org_id"));
	const char *name;
	if (!rights_granted(r, rights_for_account(r->arena, r->user, org, &name), RIGHTS_ACCOUNT, unavailable))
		return;
	if (!sess_set_account(r->session, org)) {
		unavailable(r);
		return;
	}
	audit(r->user->id, "account.switched",
	      arena_printf(r->arena, "%s now acts for %s (%lld)", r->user->upn, name, org), r->remote_addr);
	http_redirect(r, "/home");
}
