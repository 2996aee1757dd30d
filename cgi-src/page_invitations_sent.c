/* page_invitations_sent.c: the reseller's invitations sent to customers, each with its link's state
 * (sent, accepted, expired, revoked), and revoking one that is still sent */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/partnerships.h"
#include "domain/relationships.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

static const char *const state_sections[][2] = {
	{ "sent", "SENT" }, { "accepted", "ACCEPTED" }, { "expired", "EXPIRED" }, { "revoked", "REVOKED" },
};

/* After Done on a draft (?sent=ID): the notice that says where the invitation is, shown only when it is one
 * of this reseller's and listed on this page, so that another reseller's id shows nothing. */
static void add_sent_notice(request *r, tpl_dict *d, const db_rows *rows, int i)
{
	tpl_dict *n = tpl_add_section(d, "SENT_NOTICE");
	tpl_set(n, "ID", db_get(rows, i, INV_ID));
	tpl_set(n, "EXPIRES_AT", i18n_datetime(r->arena, db_get(rows, i, INV_EXPIRES_AT), false));
	if (*db_get(rows, i, INV_PROVIDER))
		tpl_set(tpl_add_section(n, "WITH_PROVIDER"), "PROVIDER", db_get(rows, i, INV_PROVIDER));
	else
		tpl_show_section(n, "NO_PROVIDER");
}

static void add_invitation(request *r, tpl_dict *d, const db_rows *rows, int i, bool can_revoke)
{
	tpl_dict *v = tpl_add_section(d, "INVITATION");
	if (db_get_int(rows, i, INV_ID) == http_id(http_query(r, "sent"))) {
		add_sent_notice(r, d, rows, i);
		tpl_show_section(v, "JUST_SENT");
	}
	const char *state = db_get(rows, i, INV_STATE);
	tpl_set(v, "ID", db_get(rows, i, INV_ID));
	tpl_set(v, "CREATED_BY", db_get(rows, i, INV_CREATED_BY));
	tpl_set(v, "CREATED_AT", i18n_datetime(r->arena, db_get(rows, i, INV_CREATED_AT), false));
	tpl_set(v, "EXPIRES_AT", i18n_datetime(r->arena, db_get(rows, i, INV_EXPIRES_AT), false));
	tpl_set(v, "PROVIDER", db_get(rows, i, INV_PROVIDER));
	for (size_t k = 0; k < sizeof state_sections / sizeof state_sections[0]; k++)
		if (!strcmp(state, state_sections[k][0]))
			tpl_set(tpl_add_section(v, state_sections[k][1]), "CUSTOMER", db_get(rows, i, INV_CUSTOMER));
	if (can_revoke && !strcmp(state, "sent")) {
		tpl_dict *f = tpl_add_section(v, "REVOKE_FORM");
		tpl_set(f, "ID", db_get(rows, i, INV_ID));
		tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	}
}

void customer_invitations_list(request *r)
{
	seek at = http_seek(r);
	db_rows rows;
	if (relationships_invitations_read(r->arena, r->user->org_id, &at, 0, &rows) != DB_OK) {
		view_unavailable(r, _("Your invitations"));
		return;
	}
	tpl_dict *d = view_dict(r);
	view_seek_page(d, &at, &rows, INVITATIONS_PAGE_SIZE, INV_ID, -1);
	bool can_revoke = r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT);
	for (int i = 0; i < rows.nrows; i++)
		add_invitation(r, d, &rows, i, can_revoke);
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_INVITATIONS");
	if (http_id(http_query(r, "revoked")))
		tpl_show_section(d, "REVOKED_NOTICE");
	view_page(r, "customer_invitations.tpl", _("Invitations sent"), d);
}

void customer_invitation_revoke(request *r)
{
	actor who = actor_of(r);
	outcome o = relationships_revoke_invitation(r->arena, &who, http_id(http_form(r, "id")));
	if (outcome_is_ok(&o))
		http_redirect(r, arena_printf(r->arena, "/customers/invitations?revoked=%lld", o.id));
	else
		view_refusal(r, &o, _("The invitation cannot be revoked right now. Nothing was changed; try again in a "
				      "minute."));
}
