/* page_resellers.c: the provider's Indirect resellers page, one reseller's page, partnership requests, ending one */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/partnerships.h"
#include "i18n.h"
#include "rights.h"
#include "session.h"
#include "validate.h"
#include "view.h"

static void add_request_state(arena *a, tpl_dict *q, const db_rows *rows, int i)
{
	const char *state = db_get(rows, i, REQUEST_STATE);
	tpl_dict *s = tpl_add_section(q, !strcmp(state, "accepted") ? "ACCEPTED"
					 : !strcmp(state, "revoked") ? "REVOKED"
					 : !strcmp(state, "expired") ? "EXPIRED" : "SENT");
	tpl_set(s, "ORG_NAME", db_get(rows, i, REQUEST_ORG_NAME));
	tpl_set(s, "USER_NAME", db_get(rows, i, REQUEST_USER_NAME));
	tpl_set(s, "AT", i18n_datetime(a, db_get(rows, i, REQUEST_AT), true));
}

/* D's include REQUEST_TABLE: the page AT of the requests, with a Revoke form on those still sent. Its pager
 * leads to /resellers/requests, the requests alone. */
static bool add_requests(request *r, tpl_dict *d, bool can_manage, const seek *at)
{
	db_rows rows;
	if (partnership_requests_read(r->arena, r->user->org_id, at, 0, &rows) != DB_OK)
		return false;
	tpl_dict *t = tpl_add_include(d, "REQUEST_TABLE", "partnership_requests_table.tpl");
	view_seek_page(t, at, &rows, PARTNERSHIP_REQUESTS_PAGE_SIZE, REQUEST_ID, REQUEST_CREATED_AT);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *q = tpl_add_section(t, "REQUEST");
		tpl_set(q, "ID", db_get(&rows, i, REQUEST_ID));
		tpl_set(q, "CREATED_BY", db_get(&rows, i, REQUEST_CREATED_BY));
		tpl_set(q, "CREATED_AT", i18n_datetime(r->arena, db_get(&rows, i, REQUEST_CREATED_AT), false));
		tpl_set(q, "EXPIRES_AT", i18n_datetime(r->arena, db_get(&rows, i, REQUEST_EXPIRES_AT), false));
		add_request_state(r->arena, q, &rows, i);
		if (can_manage && !strcmp(db_get(&rows, i, REQUEST_STATE), "sent")) {
			tpl_dict *f = tpl_add_section(q, "REVOKE_FORM");
			tpl_set(f, "ID", db_get(&rows, i, REQUEST_ID));
			tpl_set(f, "CSRF_TOKEN", csrf_token(r));
		}
	}
	if (rows.nrows == 0)
		tpl_show_section(t, "NO_REQUESTS");
	return true;
}

static void add_request_notices(request *r, tpl_dict *d)
{
	if (!strcmp(http_query(r, "new_customer"), "cancelled"))
		tpl_show_section(d, "CANCELLED_NOTICE");
	long long requested = http_id(http_query(r, "requested"));
	if (rights_for_partnership_request(r->arena, r->user, requested) == RIGHTS_OK)
		tpl_set_int(tpl_add_section(d, "REQUESTED_NOTICE"), "ID", requested);
	if (rights_for_partnership_request(r->arena, r->user, http_id(http_query(r, "revoked"))) == RIGHTS_OK)
		tpl_show_section(d, "REVOKED_NOTICE");
}

void resellers_list(request *r)
{
	bool can_manage = r->user->roles & ROLE_ADMIN_AGENT;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	seek newest = { .from = SEEK_FIRST, .key = "" };  /* ?after= / ?before= page the partners */
	if (!partnership_add_list(r, &partnership_as_provider, d) || !add_requests(r, d, can_manage, &newest)) {
		view_unavailable(r, _("Your partnerships"));
		return;
	}
	tpl_show_section(d, can_manage ? "REQUEST_BUTTON" : "READ_ONLY");
	add_request_notices(r, d);
	partnership_add_notice(r, &partnership_as_provider, d, "ended", "ENDED_NOTICE");
	view_page(r, "resellers_list.tpl", _("Indirect resellers"), d);
}

void resellers_requests(request *r)
{
	seek at = http_seek(r);
	tpl_dict *d = view_dict(r);
	if (!add_requests(r, d, r->user->roles & ROLE_ADMIN_AGENT, &at)) {
		view_unavailable(r, _("Your partnerships"));
		return;
	}
	view_page(r, "resellers_requests.tpl", _("Partnership requests sent"), d);
}

/* ---- one reseller ---- */

static void add_shared_customers(request *r, tpl_dict *d, const partnership_info *p)
{
	db_rows rows;
	if (!partnership_shared_customers(r, p->provider_org_id, p->reseller_org_id, d, &rows))
		rows.nrows = 0;
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *c = tpl_add_section(d, "CUSTOMER");
		tpl_set(c, "ID", db_get(&rows, i, SHARED_CUSTOMER_ID));
		tpl_set(c, "NAME", db_get(&rows, i, SHARED_CUSTOMER_NAME));
		tpl_set(c, "COUNTRY", validate_country_label(db_get(&rows, i, SHARED_CUSTOMER_COUNTRY)));
		tpl_set(c, "SINCE", i18n_datetime(r->arena, db_get(&rows, i, SHARED_CUSTOMER_SINCE), true));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_CUSTOMERS");
}

void reseller_view(request *r)
{
	long long reseller = http_id(http_query(r, "id"));
	rights_partner live;
	partnership_info p;
	rights_rc rc = rights_for_partner(r->arena, r->user, reseller, &live);
	if (rc == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_RESELLER);
		return;
	}
	if (rc != RIGHTS_OK || !partnership_load(r->arena, live.partnership_id, &p)) {
		view_unavailable(r, _("Your partnerships"));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "ORG_ID", reseller);
	tpl_set(d, "NAME", p.reseller_name);
	tpl_set(d, "COUNTRY", validate_country_label(p.reseller_country));
	tpl_set(d, "STARTED_ON", i18n_datetime(r->arena, p.started_on, true));
	if (r->user->roles & ROLE_ADMIN_AGENT)
		tpl_show_section(d, "CAN_END");
	add_shared_customers(r, d, &p);
	view_page(r, "resellers_view.tpl", p.reseller_name, d);
}

/* ---- request a partnership: the draft email ---- */

static const char *draft_body(request *r, const char *link, const char *expires_at)
{
	const char *org = r->user->org_name;
	/* TRANSLATORS: the draft email a provider sends to a reseller; the %s are the provider (twice), the link,
	 * the link's expiry date, the sender's name and the provider again. Keep the button's name as the
	 * authorization page shows it. */
	return arena_printf(r->arena, _(
		"Hello,\n\n"
		"%s would like to be your indirect provider in Channel Center, so that we can serve common "
		"customers together.\n\n"
		"When you authorize %s as your indirect provider, we can submit orders and add subscriptions on "
		"behalf of your customers, and we get administrator access to your directory tenant.\n\n"
		"To accept, open the link below, sign in with your reseller account (as an admin agent), tick the "
		"box and select Authorize indirect provider:\n\n"
		"%s\n\n"
		"The link is personal to this request, works once and expires on %s.\n\n"
		"Best regards,\n%s\n%s\n"),
		org, org, link, i18n_datetime(r->arena, expires_at, true), r->user->display_name, org);
}

void partnership_request_create(request *r)
{
	actor who = actor_of(r);
	partnership_request_made c;
	outcome o = partnerships_request(r->arena, &who, &c);
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("The partnership request could not be created right now. Nothing was saved; try "
				      "again in a minute."));
		return;
	}
	const char *link = partnerships_link(r->arena, PARTNERSHIP_LINK_PATH, c.token);
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "REQUEST_ID", c.request_id);
	tpl_set(d, "SUBJECT", arena_printf(r->arena, _("Partnership request from %s"), r->user->org_name));
	tpl_set(d, "BODY", draft_body(r, link, c.expires_at));
	tpl_set(d, "LINK", link);
	tpl_set(d, "EXPIRES_AT", i18n_datetime(r->arena, c.expires_at, false));
	view_page(r, "resellers_request.tpl", _("Request a partnership"), d);
}

/* ---- revoke a request ---- */

void partnership_request_revoke(request *r)
{
	actor who = actor_of(r);
	outcome o = partnerships_revoke_request(r->arena, &who, http_id(http_form(r, "id")));
	if (outcome_is_ok(&o))
		http_redirect(r, arena_printf(r->arena, "/resellers?revoked=%lld", o.id));
	else
		view_refusal(r, &o, _("The partnership request cannot be revoked right now. Nothing was changed; try again "
				      "in a minute."));
}

/* ---- ending a partnership ---- */

void reseller_end_confirm(request *r)
{
	partnership_end_confirm(r, &partnership_as_provider);
}

void reseller_end(request *r)
{
	actor who = actor_of(r);
	outcome o = partnerships_end(r->arena, &who, http_id(http_form(r, "id")));
	if (outcome_is_ok(&o))
		http_redirect(r, arena_printf(r->arena, "/resellers?ended=%lld", o.id));
	else
		view_refusal(r, &o, _(PARTNERSHIP_END_UNAVAILABLE));
}
