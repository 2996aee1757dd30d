/* page_customer_subscriptions.c: a customer's Subscriptions page, reached from its expanded record on the
 * Customers list: each subscription with its offer, licenses, status, reseller of record and designated support
 * contact, a page at a time by id (keyset paging: a page reads O(page) rows whatever the customer holds) */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "csv.h"
#include "customer_lists.h"
#include "domain/customers.h"
#include "i18n.h"
#include "list_query.h"
#include "rights.h"
#include "view.h"

#define SUBSCRIPTIONS_PAGE_SIZE 20

/* A name, or the section NONE_SECTION ("none") when the column is empty. */
static void set_name_or_none(tpl_dict *row, const char *section, const char *none_section, const char *name)
{
	if (*name)
		tpl_set(tpl_add_section(row, section), "NAME", name);
	else
		tpl_show_section(row, none_section);
}

static void add_subscription_row(request *r, tpl_dict *d, const db_rows *q, int i)
{
	tpl_dict *s = tpl_add_section(d, "SUBSCRIPTION");
	tpl_set(s, "ID", db_get(q, i, SUB_ID));
	tpl_set(s, "OFFER", db_get(q, i, SUB_OFFER));
	tpl_set(s, "SKU", db_get(q, i, SUB_SKU));
	tpl_set(s, "LICENSES", i18n_count(r->arena, db_get_int(q, i, SUB_LICENSES)));
	tpl_set(s, "STATUS", customers_status_label(db_get(q, i, SUB_STATUS)));
	set_name_or_none(s, "RESELLER", "NO_RESELLER", db_get(q, i, SUB_RESELLER));
	if (*db_get(q, i, SUB_MPN))
		tpl_set(tpl_add_section(s, "MPN"), "MPN_ID", db_get(q, i, SUB_MPN));
	set_name_or_none(s, "SUPPORT", "NO_SUPPORT", db_get(q, i, SUB_SUPPORT));
}

/* One page of the customer's subscriptions and its pager; false when the database failed. */
static bool add_subscriptions(request *r, tpl_dict *d, long long customer)
{
	db_rows q;
	seek at = http_seek(r);
	if (customer_list_read(r->arena, &customer_subscription_list, customer, &at, SUBSCRIPTIONS_PAGE_SIZE, &q) != DB_OK)
		return false;
	view_seek_page(d, &at, &q, SUBSCRIPTIONS_PAGE_SIZE, SUB_ID, -1);
	tpl_dict *t = q.nrows > 0 ? tpl_add_section(d, "SUBSCRIPTIONS") : NULL;
	for (int i = 0; i < q.nrows; i++)
		add_subscription_row(r, t, &q, i);
	if (!t && at.from == SEEK_FIRST)
		tpl_show_section(d, "NO_SUBSCRIPTIONS");
	return true;
}

/* The customer named by ?customer= when it is one the user's organization may see; else the error page is sent. */
static bool customer_of_query(request *r, rights_customer *c)
{
	return rights_granted(r, rights_for_customer(r->arena, r->user, http_id(http_query(r, "customer")), c),
			      RIGHTS_CUSTOMER, view_unavailable_text(r, _("The customer's subscriptions")));
}

void customer_subscriptions(request *r)
{
	rights_customer c;
	if (!customer_of_query(r, &c))
		return;
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "CUSTOMER_ID", c.id);
	tpl_set(d, "CUSTOMER_NAME", c.name);
	/* new subscriptions are the provider's to sell (the route of /subscriptions/new says the same) */
	if (!strcmp(r->user->org_kind, "provider") && rights_may_order(r->user))
		tpl_show_section(d, "ADD_SUBSCRIPTION");
	if (!add_subscriptions(r, d, c.id)) {
		view_unavailable(r, _("The customer's subscriptions"));
		return;
	}
	view_page(r, "customer_subscriptions.tpl", arena_printf(r->arena, _("Subscriptions of %s"), c.name), d);
}

/* ---- the .csv exports (the API's Accept: text/csv answers the same rows) ---- */

static void export_list(request *r, const customer_list *l)
{
	rights_customer c;
	if (!customer_of_query(r, &c))
		return;
	if (customer_list_csv(r->arena, l, c.id, r->body) != DB_OK) {
		strbuf_reset(r->body);
		view_unavailable(r, _("The customer's subscriptions"));
		return;
	}
	csv_answer(r, arena_printf(r->arena, "%s-%lld.csv", l->name, c.id));
}

void customer_subscriptions_export(request *r)
{
	export_list(r, &customer_subscription_list);
}

void customer_orders_export(request *r)
{
	export_list(r, &customer_order_list);
}
