/* page_my.c: a customer's own pages: My partners (ending a relationship) and My subscriptions */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "domain/customers.h"
#include "db.h"
#include "list_query.h"
#include "domain/relationships.h"
#include "rights.h"
#include "session.h"
#include "view.h"

static bool is_global_admin(const request *r)
{
	return !strcmp(r->user->directory_role, "global_admin");
}

void my_partners(request *r)
{
	enum { ID, NAME, KIND, SINCE, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     I18N_ORDER_BY_NAME("SELECT o.id, o.name, o.kind, DATE_FORMAT(cr.started_at, '%Y-%m-%d') "
		     "FROM customer_relationships cr JOIN organizations o ON o.id = cr.partner_org_id "
		     "WHERE cr.customer_org_id = ? AND cr.ended_at IS NULL ORDER BY o.name", ", o.id"),
		     DB_ARGS(DB_INT(r->user->org_id))) != DB_OK) {
		view_unavailable(r, _("Your organization's details"));
		return;
	}
	bool can_end = is_global_admin(r);
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *p = tpl_add_section(d, "PARTNER");
		const char *kind = db_get(&rows, i, KIND);
		tpl_set(p, "ID", db_get(&rows, i, ID));
		tpl_set(p, "NAME", db_get(&rows, i, NAME));
		tpl_set(p, "KIND", !strcmp(kind, "provider") ? _("Indirect provider") : !strcmp(kind, "reseller") ? _("Reseller") : kind);
		tpl_set(p, "SINCE", i18n_datetime(r->arena, db_get(&rows, i, SINCE), true));
		if (can_end)
			tpl_set(tpl_add_section(p, "END"), "ID", db_get(&rows, i, ID));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_PARTNERS");
	if (*http_query(r, "accepted"))
		tpl_show_section(d, "ACCEPTED_NOTICE");
	if (*http_query(r, "ended"))
		tpl_show_section(d, "ENDED_NOTICE");
	view_page(r, "my_partners.tpl", _("My partners"), d);
}

/* Global admin, and a live relationship with PARTNER; its name, or NULL once a refusal is on the page. */
static const char *endable_partner(request *r, long long partner)
{
	if (!is_global_admin(r)) {
		view_error(r, 403, _(RELATIONSHIPS_ONLY_GLOBAL_ADMIN));
		return NULL;
	}
	const char *name;
	return rights_granted(r, rights_for_customer_partner(r->arena, r->user, partner, &name), RIGHTS_CUSTOMER_PARTNER,
			      view_unavailable_text(r, _("Your organization's details"))) ? name : NULL;
}

void my_partner_end_confirm(request *r)
{
	long long partner = http_id(http_query(r, "id"));
	const char *name = endable_partner(r, partner);
	if (!name)
		return;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "NAME", name);
	tpl_set_int(d, "ID", partner);
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
	view_page(r, "my_partner_end.tpl", _("End relationship"), d);
}

void my_partner_end(request *r)
{
	actor who = actor_of(r);
	outcome o = relationships_end_partner(r->arena, &who, http_id(http_form(r, "id")));
	if (outcome_is_ok(&o))
		http_redirect(r, "/my/partners?ended=1");
	else
		view_refusal(r, &o, _("The relationship could not be ended right now. Nothing was changed; try again "
				      "in a minute."));
}

#define SUBSCRIPTIONS_PAGE_SIZE 25

/* The customer's subscriptions in the order they were bought, along ix_subs_customer (customer_org_id, id). */
#define MY_SUBSCRIPTIONS_SQL \
	"SELECT s.id, f.name, f.sku, s.licenses, s.status, COALESCE(ro.name, ''), COALESCE(so.name, ''), " \
	"(SELECT COUNT(*) FROM license_assignments la WHERE la.subscription_id = s.id) " \
	"FROM subscriptions s JOIN offers f ON f.id = s.offer_id " \
	"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id " \
	"LEFT JOIN organizations so ON so.id = s.support_contact_org_id WHERE s.customer_org_id = ?"
enum { SUB_ID, SUB_OFFER, SUB_SKU, SUB_LICENSES, SUB_STATUS, SUB_RESELLER, SUB_SUPPORT, SUB_ASSIGNED, SUB_NCOLS };

void my_subscriptions(request *r)
{
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, SUB_NCOLS, SEEK_SQL_BY_ID(&at, MY_SUBSCRIPTIONS_SQL, "s.id"),
			  DB_ARGS(DB_INT(r->user->org_id), SEEK_ID_ARGS(&at, SUBSCRIPTIONS_PAGE_SIZE))) != DB_OK) {
		view_unavailable(r, _("Your organization's details"));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	view_seek_page(d, &at, &rows, SUBSCRIPTIONS_PAGE_SIZE, SUB_ID, -1);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *s = tpl_add_section(d, "SUBSCRIPTION");
		tpl_set(s, "ID", db_get(&rows, i, SUB_ID));
		tpl_set(s, "OFFER", db_get(&rows, i, SUB_OFFER));
		tpl_set(s, "SKU", db_get(&rows, i, SUB_SKU));
		tpl_set(s, "LICENSES", i18n_count(r->arena, db_get_int(&rows, i, SUB_LICENSES)));
		tpl_set(s, "STATUS", customers_status_label(db_get(&rows, i, SUB_STATUS)));
		tpl_set(s, "RESELLER", *db_get(&rows, i, SUB_RESELLER) ? db_get(&rows, i, SUB_RESELLER) : _("none"));
		tpl_set(s, "SUPPORT", *db_get(&rows, i, SUB_SUPPORT) ? db_get(&rows, i, SUB_SUPPORT) : _("none"));
		tpl_set(s, "ASSIGNED", i18n_count(r->arena, db_get_int(&rows, i, SUB_ASSIGNED)));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_SUBSCRIPTIONS");
	view_page(r, "my_subscriptions.tpl", _("My subscriptions"), d);
}
