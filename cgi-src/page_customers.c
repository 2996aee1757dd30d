/* page_customers.c: the Customers list of providers and resellers: search, reseller filter, keyset paging,
 * each customer's partners and first subscriptions; a page costs a constant number of statements */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "csv.h"
#include "domain/customers.h"
#include "i18n.h"
#include "rights.h"
#include "session.h"
#include "validate.h"
#include "view.h"

#define EXPORT_MAX_ROWS 100000  /* a CSV export stops there (2000 batches) */

typedef struct {
	bool as_provider, can_order;
	const char *q, *reseller_text;  /* as asked for: kept in the search form and the pager */
	const char *reseller_name;      /* the filter's */
	customer_search search;         /* the words of Q */
	customers_filter f;
} list_query;

/* ?reseller= must name one of the provider's live partners; false (page sent) otherwise. */
static bool read_reseller_filter(request *r, list_query *lq)
{
	lq->reseller_text = lq->as_provider ? http_query(r, "reseller") : "";
	if (!*lq->reseller_text)
		return true;
	lq->f.reseller = http_id(lq->reseller_text);
	rights_partner live;
	if (!rights_granted(r, rights_for_partner(r->arena, r->user, lq->f.reseller, &live), RIGHTS_RESELLER,
			    view_unavailable_text(r, _("Your customers"))))
		return false;
	lq->reseller_name = live.name;
	return true;
}

/* The select of the provider's partner resellers, the chosen one selected; with too many for a select, the
 * filter in force (if any) named, with a link that clears it. */
static bool add_reseller_filter(request *r, tpl_dict *d, const list_query *lq)
{
	db_rows rows;
	if (!lq->as_provider)
		return true;
	if (customers_reseller_options(r->arena, r->user->org_id, CUSTOMERS_RESELLER_OPTIONS_MAX, &rows) != DB_OK)
		return false;
	if (rows.nrows > CUSTOMERS_RESELLER_OPTIONS_MAX) {
		if (lq->f.reseller) {
			tpl_dict *f = tpl_add_section(d, "RESELLER_FILTERED");
			tpl_set(f, "NAME", lq->reseller_name);
		} else {
			tpl_show_section(d, "RESELLER_FILTER_ELSEWHERE");
		}
		return true;
	}
	tpl_dict *f = tpl_add_section(d, "RESELLER_FILTER");
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *o = tpl_add_section(f, "RESELLER_OPTION");
		tpl_set(o, "ID", db_get(&rows, i, CUSTOMERS_RESELLER_ID));
		tpl_set(o, "NAME", db_get(&rows, i, CUSTOMERS_RESELLER_NAME));
		if (db_get_int(&rows, i, CUSTOMERS_RESELLER_ID) == lq->f.reseller)
			tpl_show_section(o, "SELECTED");
	}
	return true;
}

static void add_subscription(request *r, tpl_dict *t, const db_rows *subs, int i)
{
	tpl_dict *s = tpl_add_section(t, "SUBSCRIPTION");
	tpl_set(s, "ID", db_get(subs, i, CUSTOMERS_SUB_ID));
	tpl_set(s, "OFFER", db_get(subs, i, CUSTOMERS_SUB_OFFER));
	tpl_set(s, "SKU", db_get(subs, i, CUSTOMERS_SUB_SKU));
	tpl_set(s, "LICENSES", i18n_count(r->arena, db_get_int(subs, i, CUSTOMERS_SUB_LICENSES)));
	tpl_set(s, "STATUS", customers_status_label(db_get(subs, i, CUSTOMERS_SUB_STATUS)));
	if (*db_get(subs, i, CUSTOMERS_SUB_RESELLER))
		tpl_set(tpl_add_section(s, "RESELLER"), "NAME", db_get(subs, i, CUSTOMERS_SUB_RESELLER));
	else
		tpl_show_section(s, "NO_RESELLER");
}

/* The customer's first subscriptions (SUBS is by customer), and a link to all of them when there are more. */
static void add_subscriptions(request *r, tpl_dict *c, long long id, const db_rows *subs)
{
	tpl_dict *t = NULL;
	int shown = 0;
	for (int i = 0; i < subs->nrows; i++) {
		if (db_get_int(subs, i, CUSTOMERS_SUB_CUSTOMER) != id)
			continue;
		if (shown++ == CUSTOMERS_SUBSCRIPTIONS_SHOWN) {
			tpl_set_int(tpl_add_section(c, "MORE_SUBSCRIPTIONS"), "ID", id);
			break;
		}
		if (!t)
			t = tpl_add_section(c, "SUBSCRIPTIONS");
		add_subscription(r, t, subs, i);
	}
	if (!shown)
		tpl_show_section(c, "NO_SUBSCRIPTIONS");
}

static void add_partners(tpl_dict *c, long long id, const db_rows *partners)
{
	bool any = false;
	for (int p = 0; p < partners->nrows; p++)
		if (db_get_int(partners, p, CUSTOMERS_PARTNER_CUSTOMER) == id) {
			tpl_set(tpl_add_section(c, "PARTNER"), "NAME", db_get(partners, p, CUSTOMERS_PARTNER_NAME));
			any = true;
		}
	if (!any)
		tpl_show_section(c, "NO_PARTNER");
}

static void add_customer(request *r, tpl_dict *d, const list_query *lq, const db_rows *rows, int i, const db_rows *partners,
			 const db_rows *subs)
{
	long long id = db_get_int(rows, i, CUSTOMERS_COL_ID);
	const char *country = validate_country_name(db_get(rows, i, CUSTOMERS_COL_COUNTRY));
	tpl_dict *c = tpl_add_section(d, "CUSTOMER");
	tpl_set_int(c, "ID", id);
	tpl_set(c, "NAME", db_get(rows, i, CUSTOMERS_COL_NAME));
	tpl_set(c, "COUNTRY", country ? country : db_get(rows, i, CUSTOMERS_COL_COUNTRY));
	tpl_set(c, "SINCE", i18n_datetime(r->arena, db_get(rows, i, CUSTOMERS_COL_SINCE), true));
	add_partners(c, id, partners);
	if (lq->can_order)
		tpl_set_int(tpl_add_section(c, "ADD_SUBSCRIPTION"), "ID", id);
	add_subscriptions(r, c, id, subs);
}

static void add_total(request *r, tpl_dict *d, const list_query *lq, long long total)
{
	bool narrowed = lq->f.search || lq->f.reseller;
	if (narrowed && total > CUSTOMERS_COUNT_CAP)
		tpl_show_section(d, "TOTAL_CAPPED");  /* the template says "More than 100" */
	else
		/* TRANSLATORS: the Customers list's count, "Customers: 1002" (plain digits, as the page has always
		 * written them) */
		tpl_set(tpl_add_section(d, "TOTAL_EXACT"), "TEXT", arena_printf(r->arena,
			ngettext("Customers: %lld", "Customers: %lld", (unsigned long)total), total));
	if (total == 0)
		tpl_show_section(d, narrowed ? "NO_MATCHES" : "NO_CUSTOMERS");
	if (narrowed)
		tpl_show_section(d, "SEARCHED");
}

/* The count, one page of customers with their partners and subscriptions (four statements whatever the
 * page holds), and the pager; false when the database failed. */
static bool add_list(request *r, tpl_dict *d, const list_query *lq)
{
	seek s = http_seek(r);
	long long total;
	db_rows rows, partners, subs;
	if (customers_count(r->arena, &lq->f, &total) != DB_OK || customers_page(r->arena, &lq->f, &s, &rows) != DB_OK)
		return false;
	view_seek_page(d, &s, &rows, CUSTOMERS_PAGE_SIZE, CUSTOMERS_COL_ID, CUSTOMERS_COL_KEY);
	if (customers_partners_of_page(r->arena, r->user->org_id, &rows, &partners) != DB_OK ||
	    customers_subscriptions_of_page(r->arena, &rows, &subs) != DB_OK)
		return false;
	for (int i = 0; i < rows.nrows; i++)
		add_customer(r, d, lq, &rows, i, &partners, &subs);
	add_total(r, d, lq, total);
	return true;
}

/* LQ from the request: the search box's ?q= and the reseller filter; false when the answer was given. */
static bool read_list_query(request *r, list_query *lq)
{
	*lq = (list_query){
		.as_provider = !strcmp(r->user->org_kind, "provider"),
		.f = { .org = r->user->org_id },
	};
	lq->can_order = lq->as_provider && (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT));
	if (!read_reseller_filter(r, lq))
		return false;
	lq->q = customers_filter_search(r->arena, &lq->f, &lq->search, http_query(r, "q"));
	if (!lq->q) {
		view_unavailable(r, _("Your customers"));
		return false;
	}
	return true;
}

void customers_list(request *r)
{
	list_query lq;
	if (!read_list_query(r, &lq))
		return;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	tpl_set(d, "Q", lq.q);
	tpl_set(d, "RESELLER", lq.reseller_text);
	tpl_show_section(d, lq.as_provider ? "AS_PROVIDER" : "AS_RESELLER");
	if (!lq.as_provider && (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT)))
		tpl_set(tpl_add_section(d, "REQUEST_RELATIONSHIP"), "CSRF_TOKEN", csrf_token(r));
	tpl_set(d, "PARTNERS_LABEL", lq.as_provider ? _("Resellers of record") : _("Indirect providers"));
	if (!add_reseller_filter(r, d, &lq) || !add_list(r, d, &lq)) {
		view_unavailable(r, _("Your customers"));
		return;
	}
	view_page(r, "customers_list.tpl", _("Customers"), d);
}

/* ---------- the CSV export (the page's link and the API's Accept: text/csv) ---------- */

static const char *const csv_columns[] = { "id", "company_name", "domain", "tenant_id", "country", "partner_since",
					   "partners" };

/* Column COL (a CUSTOMERS_TENANT_*) of customer ID's row in B's tenants, "" when none. */
static const char *tenant_of(const customers_batch *b, long long id, int col)
{
	for (int t = 0; t < b->tenants.nrows; t++)
		if (db_get_int(&b->tenants, t, CUSTOMERS_TENANT_CUSTOMER) == id)
			return db_get(&b->tenants, t, col);
	return "";
}

/* Customer ID's partners in B as one field: names separated by "; ". */
static const char *partner_names(arena *a, const customers_batch *b, long long id)
{
	strbuf names = STRBUF_INIT;
	for (int p = 0; p < b->partners.nrows; p++)
		if (db_get_int(&b->partners, p, CUSTOMERS_PARTNER_CUSTOMER) == id)
			strbuf_printf(&names, "%s%s", names.len ? "; " : "", db_get(&b->partners, p, CUSTOMERS_PARTNER_NAME));
	const char *s = arena_strdup(a, strbuf_cstr(&names));
	strbuf_release(&names);
	return s;
}

static void csv_rows(arena *a, strbuf *out, const customers_batch *b)
{
	for (int i = 0; i < b->rows.nrows; i++) {
		long long id = db_get_int(&b->rows, i, CUSTOMERS_COL_ID);
		csv_field(out, db_get(&b->rows, i, CUSTOMERS_COL_ID), false);
		csv_field(out, db_get(&b->rows, i, CUSTOMERS_COL_NAME), false);
		csv_field(out, tenant_of(b, id, CUSTOMERS_TENANT_DOMAIN), false);
		csv_field(out, tenant_of(b, id, CUSTOMERS_TENANT_ID), false);
		csv_field(out, db_get(&b->rows, i, CUSTOMERS_COL_COUNTRY), false);
		csv_field(out, db_get(&b->rows, i, CUSTOMERS_COL_SINCE), false);
		csv_field(out, partner_names(a, b, id), true);
	}
}

/* Every customer of F (up to EXPORT_MAX_ROWS), a batch of CUSTOMERS_BATCH at a time, each batch in its own
 * arena so an export of thousands holds one batch's rows at once. False when the database failed. */
static bool write_csv(request *r, const customers_filter *f)
{
	strbuf_reset(r->body);
	csv_header(r->body, csv_columns, (int)(sizeof csv_columns / sizeof csv_columns[0]));
	seek at = { SEEK_FIRST, 0, "" };
	arena *batch = arena_new(256 * 1024);
	bool ok = true;
	for (int total = 0; ok && total < EXPORT_MAX_ROWS; total += CUSTOMERS_BATCH) {
		arena_reset(batch);
		customers_batch b;
		ok = customers_read_batch(batch, f, &at, CUSTOMERS_BATCH, &b) == DB_OK;
		if (ok)
			csv_rows(batch, r->body, &b);
		if (!ok || !b.next)
			break;
		request cursor = { .arena = r->arena };
		http_param_add(r->arena, &cursor.query, "after", arena_strdup(r->arena, b.next));
		at = http_seek(&cursor);
	}
	arena_free(batch);
	if (!ok)
		strbuf_reset(r->body);
	return ok;
}

void customers_csv(request *r, const customers_filter *f)
{
	if (write_csv(r, f))
		csv_answer(r, "customers.csv");
	else
		view_unavailable(r, _("Your customers"));
}

void customers_list_csv(request *r)
{
	list_query lq;
	if (read_list_query(r, &lq))
		customers_csv(r, &lq.f);
}
