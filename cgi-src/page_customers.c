/* page_customers.c: the Customers list of providers and resellers: search, reseller filter, paging, subscriptions */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "customers.h"
#include "rights.h"
#include "session.h"
#include "validate.h"
#include "view.h"

#define SEARCH_MAX_CHARS 100

typedef struct {
	bool as_provider, can_order;
	const char *q, *reseller_text;  /* as asked for: kept in the search form and the pager */
	long long reseller;             /* the filter: a live partner reseller of the provider, or 0 */
} list_query;

static void unavailable(request *r)
{
	view_error(r, 503, "Your customers cannot be read right now. Try again in a minute.");
}

/* ?reseller= must name one of the provider's live partners; false (page sent) otherwise. */
static bool read_reseller_filter(request *r, list_query *lq)
{
	lq->reseller_text = http_query(r, "reseller");
	if (!lq->as_provider || !*lq->reseller_text)
		return true;
	lq->reseller = http_id(lq->reseller_text);
	rights_partner live;
	return rights_granted(r, rights_for_partner(r->arena, r->user, lq->reseller, &live), RIGHTS_RESELLER, unavailable);
}

/* The select of the provider's partner resellers, the chosen one selected. */
static bool add_reseller_options(request *r, tpl_dict *d, const list_query *lq)
{
	db_rows rows;
	if (!lq->as_provider)
		return true;
	if (customers_provider_resellers(r->arena, r->user->org_id, &rows) != DB_OK)
		return false;
	tpl_dict *f = tpl_add_section(d, "RESELLER_FILTER");
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *o = tpl_add_section(f, "RESELLER_OPTION");
		tpl_set(o, "ID", db_get(&rows, i, 0));
		tpl_set(o, "NAME", db_get(&rows, i, 1));
		if (db_get_int(&rows, i, 0) == lq->reseller)
			tpl_show_section(o, "SELECTED");
	}
	return true;
}

static bool add_subscriptions(request *r, tpl_dict *c, long long customer)
{
	db_rows rows;
	if (customers_subscriptions(r->arena, customer, &rows) != DB_OK)
		return false;
	tpl_dict *t = rows.nrows ? tpl_add_section(c, "SUBSCRIPTIONS") : NULL;
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *s = tpl_add_section(t, "SUBSCRIPTION");
		tpl_set(s, "ID", db_get(&rows, i, 0));
		tpl_set(s, "OFFER", db_get(&rows, i, 1));
		tpl_set(s, "SKU", db_get(&rows, i, 2));
		tpl_set(s, "LICENSES", db_get(&rows, i, 3));
		tpl_set(s, "STATUS", customers_status_label(db_get(&rows, i, 4)));
		if (*db_get(&rows, i, 5))
			tpl_set(tpl_add_section(s, "RESELLER"), "NAME", db_get(&rows, i, 5));
		else
			tpl_show_section(s, "NO_RESELLER");
	}
	if (rows.nrows == 0)
		tpl_show_section(c, "NO_SUBSCRIPTIONS");
	return true;
}

static bool add_customer(request *r, tpl_dict *d, const list_query *lq, const db_rows *rows, int i)
{
	long long id = db_get_int(rows, i, 0);
	const char *country = validate_country_name(db_get(rows, i, 2));
	tpl_dict *c = tpl_add_section(d, "CUSTOMER");
	tpl_set_int(c, "ID", id);
	tpl_set(c, "NAME", db_get(rows, i, 1));
	tpl_set(c, "COUNTRY", country ? country : db_get(rows, i, 2));
	tpl_set(c, "SINCE", db_get(rows, i, 3));
	db_rows partners;
	if (customers_partners_seen_by(r->arena, id, r->user->org_id, &partners) != DB_OK)
		return false;
	for (int p = 0; p < partners.nrows; p++)
		tpl_set(tpl_add_section(c, "PARTNER"), "NAME", db_get(&partners, p, 1));
	if (partners.nrows == 0)
		tpl_show_section(c, "NO_PARTNER");
	if (lq->can_order)
		tpl_set_int(tpl_add_section(c, "ADD_SUBSCRIPTION"), "ID", id);
	return add_subscriptions(r, c, id);
}

/* Previous / Next links that keep the search and the reseller filter. */
static void add_pager(tpl_dict *d, const list_query *lq, long long page, long long pages)
{
	tpl_dict *pg = view_pager(d, page, pages);
	if (pg) {
		tpl_set(pg, "Q", lq->q);
		tpl_set(pg, "RESELLER", lq->reseller_text);
	}
}

/* The search form, the count, one page of customers and the pager; false when the database failed. */
static bool add_list(request *r, tpl_dict *d, const list_query *lq)
{
	const char *pattern = validate_like_pattern(r->arena, lq->q);
	long long total;
	if (customers_count(r->arena, r->user->org_id, pattern, lq->reseller, &total) != DB_OK)
		return false;
	long long pages, page = http_page(r, total, CUSTOMERS_PAGE_SIZE, &pages);
	db_rows rows;
	if (customers_page(r->arena, r->user->org_id, pattern, lq->reseller, page, &rows) != DB_OK)
		return false;
	for (int i = 0; i < rows.nrows; i++)
		if (!add_customer(r, d, lq, &rows, i))
			return false;
	tpl_set_int(d, "TOTAL", total);
	if (total == 0)
		tpl_show_section(d, *lq->q || lq->reseller ? "NO_MATCHES" : "NO_CUSTOMERS");
	if (*lq->q || lq->reseller)
		tpl_show_section(d, "SEARCHED");
	add_pager(d, lq, page, pages);
	return true;
}

void customers_list(request *r)
{
	list_query lq = {
		.as_provider = !strcmp(r->user->org_kind, "provider"),
		.q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), SEARCH_MAX_CHARS),
	};
	lq.can_order = lq.as_provider && (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT));
	if (!read_reseller_filter(r, &lq))
		return;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	tpl_set(d, "Q", lq.q);
	tpl_show_section(d, lq.as_provider ? "AS_PROVIDER" : "AS_RESELLER");
	if (!lq.as_provider && (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT)))
		tpl_set(tpl_add_section(d, "REQUEST_RELATIONSHIP"), "CSRF_TOKEN", csrf_token(r));
	tpl_set(d, "PARTNERS_LABEL", lq.as_provider ? "Resellers of record" : "Indirect providers");
	if (!add_reseller_options(r, d, &lq) || !add_list(r, d, &lq)) {
		unavailable(r);
		return;
	}
	view_page(r, "customers_list.tpl", "Customers", d);
}
