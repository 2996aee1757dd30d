/* customers.c: customer accounts as their partners see them: the list, partners of record, subscriptions */
#include "domain/customers.h"

#include <string.h>

#include "list_query.h"

const char *customers_org_name(arena *a, long long id, const char *kind)
{
	db_rows r;
	if (id <= 0)
		return "";
	if (db_query(a, &r, "SELECT name FROM organizations WHERE id = ? AND kind = ?",
		     DB_ARGS(DB_INT(id), DB_STR(kind))) != DB_OK)
		return NULL;
	return r.nrows == 1 ? db_get(&r, 0, 0) : "";
}

/* The signed-in organization's own live relationship with each listed customer (its "since" date; and, when
 * the walked relationships are a reseller's, what restricts them to the customers both share): live_pair is
 * "customer:partner" while a relationship is live, so this is one unique-key lookup a row. */
#define MINE_JOIN \
	"JOIN customer_relationships mine ON mine.live_pair = CONCAT(me.customer_org_id, ':', ?) "
#define WALK_WHERE "WHERE me.partner_org_id = ? AND me.ended_at IS NULL "
/* Without a search: the walked partner's live relationships in (name, id) order straight off
 * ix_rel_partner_name, so a page reads about a page of index entries however deep it is. */
#define WALK_PAGE_SQL \
	"SELECT STRAIGHT_JOIN c.id, c.name, c.country, DATE_FORMAT(mine.started_at, '%Y-%m-%d'), me.customer_name " \
	"FROM customer_relationships me FORCE INDEX (ix_rel_partner_name) " \
	"JOIN organizations c ON c.id = me.customer_org_id " MINE_JOIN WALK_WHERE

static long long walked_partner(const customers_filter *f)
{
	return f->reseller ? f->reseller : f->org;
}

int customers_count(arena *a, const customers_filter *f, long long *total)
{
	db_rows r;
	int rc;
	if (f->search)
		return customer_words_count(a, f->org, f->reseller, f->search, CUSTOMERS_COUNT_CAP, total);
	if (f->reseller)
		rc = db_query(a, &r, LIST_COUNT_SQL("SELECT STRAIGHT_JOIN 1 FROM customer_relationships me "
						    "FORCE INDEX (ix_rel_partner_name) " MINE_JOIN WALK_WHERE),
			      DB_ARGS(DB_INT(f->org), DB_INT(f->reseller), DB_INT(CUSTOMERS_COUNT_CAP + 1)));
	else  /* kept by relationships.c in the transactions that start and end relationships */
		rc = db_query(a, &r, "SELECT live_customers FROM partner_customer_counts WHERE partner_org_id = ?",
			      DB_ARGS(DB_INT(f->org)));
	*total = rc == DB_OK && r.nrows == 1 ? db_get_int(&r, 0, 0) : 0;
	return rc;
}

int customers_page(arena *a, const customers_filter *f, const seek *s, db_rows *out)
{
	if (f->search)
		return customer_words_page(a, f->org, f->reseller, f->search, s, CUSTOMERS_PAGE_SIZE, out);
	return db_query_cols(a, out, CUSTOMERS_NCOLS,
			     SEEK_SQL_BY_KEY(s, WALK_PAGE_SQL, "me.customer_name", "me.customer_org_id"),
			     DB_ARGS(DB_INT(f->org), DB_INT(walked_partner(f)), SEEK_KEY_ARGS(s, CUSTOMERS_PAGE_SIZE)));
}

/* The customers of PAGE as CUSTOMERS_PAGE_SIZE parameters (a fixed-arity IN list keeps one prepared
 * statement), 0 (no customer) in the places a short page leaves. */
static void page_ids(const db_rows *page, db_val *args)
{
	for (int i = 0; i < CUSTOMERS_PAGE_SIZE; i++)
		args[i] = DB_INT(i < page->nrows ? db_get_int(page, i, CUSTOMERS_COL_ID) : 0);
}

#define PAGE_IDS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
_Static_assert(CUSTOMERS_PAGE_SIZE == 10, "PAGE_IDS and SUBSCRIPTIONS_OF_PAGE hold one page of ids");

int customers_partners_of_page(arena *a, long long org, const db_rows *page, db_rows *out)
{
	db_val args[2 + CUSTOMERS_PAGE_SIZE] = { DB_INT(org), DB_INT(org) };
	page_ids(page, args + 2);
	/* live_pair is "provider:reseller" while a partnership is live: two unique-key lookups per relationship */
	return db_query_cols(a, out, CUSTOMERS_PARTNER_NCOLS,
			"SELECT cr.customer_org_id, o.name FROM customer_relationships cr "
			"JOIN partnerships p ON p.live_pair IN (CONCAT(?, ':', cr.partner_org_id), CONCAT(cr.partner_org_id, ':', ?)) "
			"JOIN organizations o ON o.id = cr.partner_org_id "
			"WHERE cr.customer_org_id IN (" PAGE_IDS ") AND cr.ended_at IS NULL "
			"ORDER BY cr.customer_org_id, o.name, o.id",
			args, 2 + CUSTOMERS_PAGE_SIZE);
}

/* One customer's first subscriptions, off ix_subs_customer (which ends in the id), so a customer with
 * thousands costs no more than one with six. */
#define SUBSCRIPTIONS_OF_ONE \
	"(SELECT s.customer_org_id, s.id, f.name, f.sku, s.licenses, s.status, COALESCE(ro.name, '') " \
	"FROM subscriptions s JOIN offers f ON f.id = s.offer_id " \
	"LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id " \
	"WHERE s.customer_org_id = ? ORDER BY s.id LIMIT ?)"
#define SUBSCRIPTIONS_OF_TWO SUBSCRIPTIONS_OF_ONE " UNION ALL " SUBSCRIPTIONS_OF_ONE
#define SUBSCRIPTIONS_OF_PAGE \
	SUBSCRIPTIONS_OF_TWO " UNION ALL " SUBSCRIPTIONS_OF_TWO " UNION ALL " SUBSCRIPTIONS_OF_TWO " UNION ALL " \
	SUBSCRIPTIONS_OF_TWO " UNION ALL " SUBSCRIPTIONS_OF_TWO " ORDER BY 1, 2"

int customers_subscriptions_of_page(arena *a, const db_rows *page, db_rows *out)
{
	db_val ids[CUSTOMERS_PAGE_SIZE], args[2 * CUSTOMERS_PAGE_SIZE];
	page_ids(page, ids);
	for (int i = 0; i < CUSTOMERS_PAGE_SIZE; i++) {
		args[2 * i] = ids[i];
		args[2 * i + 1] = DB_INT(CUSTOMERS_SUBSCRIPTIONS_SHOWN + 1);
	}
	return db_query_cols(a, out, CUSTOMERS_SUB_NCOLS, SUBSCRIPTIONS_OF_PAGE, args, 2 * CUSTOMERS_PAGE_SIZE);
}

int customers_reseller_options(arena *a, long long provider, int limit, db_rows *out)
{
	/* any LIMIT + 1 first (no sort of thousands of partners): that many means no select is shown at all */
	return db_query_cols(a, out, CUSTOMERS_RESELLER_NCOLS,
			"SELECT id, name FROM (SELECT o.id, o.name FROM partnerships p "
			"JOIN organizations o ON o.id = p.reseller_org_id "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL LIMIT ?) t ORDER BY name, id",
			DB_ARGS(DB_INT(provider), DB_INT(limit + 1)));
}

int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out)
{
	return db_query_cols(a, out, CUSTOMERS_RESELLER_NCOLS,
			/* from the customer's few relationships, each checked against the provider's partnerships
			 * (live_pair is "provider:reseller" while live), not from the provider's thousands of partners */
			"SELECT o.id, o.name FROM customer_relationships cr "
			"JOIN partnerships p ON p.live_pair = CONCAT(?, ':', cr.partner_org_id) "
			"JOIN organizations o ON o.id = cr.partner_org_id "
			"WHERE cr.customer_org_id = ? AND cr.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(provider), DB_INT(customer)));
}

const char *customers_status_label(const char *status)
{
	if (!strcmp(status, "active"))
		return "Active";
	if (!strcmp(status, "suspended"))
		return "Suspended";
	return status;
}
