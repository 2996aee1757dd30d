/* customers.c: customer accounts as their partners see them: the list, partners of record, subscriptions */
#include "customers.h"

#include <string.h>

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

#define MATCH_WORDS_MAX 5

/* A byte of a word: ASCII letters, digits and "_" as InnoDB's FULLTEXT parser sees them, and every byte of a
 * multibyte UTF-8 character (accented letters); everything else (spaces, punctuation, the boolean operators
 * + - < > ( ) ~ * " @) separates words. */
static bool word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

const char *customers_match_query(arena *a, const char *q)
{
	size_t n = strlen(q);
	char *out = arena_alloc(a, n * 3 + 1), *o = out;  /* each word gains at most "+", "*" and a space */
	int words = 0;
	for (const char *p = q; *p && words < MATCH_WORDS_MAX;) {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		if (words++)
			*o++ = ' ';
		*o++ = '+';
		while (word_byte((unsigned char)*p))
			*o++ = *p++;
		*o++ = '*';
	}
	*o = '\0';
	return out;
}

/* The signed-in organization's own live relationship with each listed customer (its "since" date; and, when
 * the walked relationships are a reseller's, what restricts them to the customers both share): live_pair is
 * "customer:partner" while a relationship is live, so this is one unique-key lookup a row. */
#define MINE_JOIN(customer) \
	"JOIN customer_relationships mine ON mine.live_pair = CONCAT(" customer ", ':', ?) "
/* SINCE: the alias of the signed-in organization's relationship, whose start the list shows */
#define PAGE_COLUMNS(since) \
	"SELECT STRAIGHT_JOIN c.id, c.name, c.country, DATE_FORMAT(" since ".started_at, '%Y-%m-%d'), me.customer_name "
/* Keyset position: the first parameter true (the first or the last page) folds the cursor away. */
#define SEEK_SQL(cmp, dir) \
	"AND (? OR me.customer_name " cmp " ? OR (me.customer_name = ? AND me.customer_org_id " cmp " ?)) " \
	"ORDER BY me.customer_name " dir ", me.customer_org_id " dir " LIMIT ?"
/* Without a search: the walked partner's live relationships in (name, id) order straight off
 * ix_rel_partner_name, so a page reads about a page of index entries however deep it is. */
#define WALK_WHERE "WHERE me.partner_org_id = ? AND me.ended_at IS NULL "
#define WALK_FROM \
	"FROM customer_relationships me FORCE INDEX (ix_rel_partner_name) " \
	"JOIN organizations c ON c.id = me.customer_org_id " MINE_JOIN("me.customer_org_id") WALK_WHERE
/* The same for counting: the relationships alone */
#define WALK_COUNT_FROM \
	"FROM customer_relationships me FORCE INDEX (ix_rel_partner_name) " MINE_JOIN("me.customer_org_id") WALK_WHERE
/* With a search: the FULLTEXT matches first (the index holds every organization's words), then the walked
 * partner's live relationship with each; the matches are sorted, so a search costs what it matches. Walking
 * the relationships and testing MATCH on each instead makes MariaDB rescan the matches for every row. The
 * signed-in organization's own relationship is joined only when the walked ones are a reseller's. */
#define SEARCH_ME_JOIN \
	"JOIN customer_relationships me ON me.live_pair = CONCAT(c.id, ':', ?) "
#define SEARCH_MATCH "WHERE MATCH (c.name) AGAINST (? IN BOOLEAN MODE) "
#define SEARCH_OWN_FROM "FROM organizations c " SEARCH_ME_JOIN SEARCH_MATCH
#define SEARCH_SHARED_FROM "FROM organizations c " MINE_JOIN("c.id") SEARCH_ME_JOIN SEARCH_MATCH

static long long walked_partner(const customers_filter *f)
{
	return f->reseller ? f->reseller : f->org;
}

/* Whether the query joins the signed-in organization's own relationship ("mine", its first parameter). */
static bool joins_mine(const customers_filter *f)
{
	return !f->match || f->reseller;
}

/* The parameters every list query starts with: the signed-in organization (when joined), the walked partner
 * and the search; how many. */
static int filter_args(const customers_filter *f, db_val *args)
{
	int n = 0;
	if (joins_mine(f))
		args[n++] = DB_INT(f->org);
	args[n++] = DB_INT(walked_partner(f));
	if (f->match)
		args[n++] = DB_STR(f->match);
	return n;
}

static const char *count_sql(const customers_filter *f)
{
	if (!f->match)
		return "SELECT COUNT(*) FROM (SELECT STRAIGHT_JOIN 1 " WALK_COUNT_FROM "LIMIT ?) t";
	return f->reseller ? "SELECT COUNT(*) FROM (SELECT STRAIGHT_JOIN 1 " SEARCH_SHARED_FROM "LIMIT ?) t"
			   : "SELECT COUNT(*) FROM (SELECT STRAIGHT_JOIN 1 " SEARCH_OWN_FROM "LIMIT ?) t";
}

int customers_count(arena *a, const customers_filter *f, long long *total)
{
	db_rows r;
	int rc;
	if (f->match || f->reseller) {
		db_val args[4];
		int n = filter_args(f, args);
		args[n++] = DB_INT(CUSTOMERS_COUNT_CAP + 1);
		rc = db_query(a, &r, count_sql(f), args, n);
	} else {  /* kept by relationships.c in the transactions that start and end relationships */
		rc = db_query(a, &r, "SELECT live_customers FROM partner_customer_counts WHERE partner_org_id = ?",
			      DB_ARGS(DB_INT(f->org)));
	}
	*total = rc == DB_OK && r.nrows == 1 ? db_get_int(&r, 0, 0) : 0;
	return rc;
}

static const char *page_sql(const customers_filter *f, bool descending)
{
	if (!f->match)
		return descending ? PAGE_COLUMNS("mine") WALK_FROM SEEK_SQL("<", "DESC")
				  : PAGE_COLUMNS("mine") WALK_FROM SEEK_SQL(">", "ASC");
	if (f->reseller)
		return descending ? PAGE_COLUMNS("mine") SEARCH_SHARED_FROM SEEK_SQL("<", "DESC")
				  : PAGE_COLUMNS("mine") SEARCH_SHARED_FROM SEEK_SQL(">", "ASC");
	return descending ? PAGE_COLUMNS("me") SEARCH_OWN_FROM SEEK_SQL("<", "DESC")
			  : PAGE_COLUMNS("me") SEARCH_OWN_FROM SEEK_SQL(">", "ASC");
}

int customers_page(arena *a, const customers_filter *f, const seek *s, db_rows *out)
{
	db_val args[8];
	int n = filter_args(f, args);
	args[n++] = DB_INT(seek_unbounded(s));
	args[n++] = DB_STR(s->key);
	args[n++] = DB_STR(s->key);
	args[n++] = DB_INT(s->id);
	args[n++] = DB_INT(CUSTOMERS_PAGE_SIZE + 1);
	return db_query(a, out, page_sql(f, seek_descending(s)), args, n);
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
	return db_query(a, out,
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
	return db_query(a, out, SUBSCRIPTIONS_OF_PAGE, args, 2 * CUSTOMERS_PAGE_SIZE);
}

int customers_reseller_options(arena *a, long long provider, int limit, db_rows *out)
{
	/* any LIMIT + 1 first (no sort of thousands of partners): that many means no select is shown at all */
	return db_query(a, out,
			"SELECT id, name FROM (SELECT o.id, o.name FROM partnerships p "
			"JOIN organizations o ON o.id = p.reseller_org_id "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL LIMIT ?) t ORDER BY name, id",
			DB_ARGS(DB_INT(provider), DB_INT(limit + 1)));
}

int customers_provider_resellers(arena *a, long long provider, db_rows *out)
{
	return db_query(a, out,
			"SELECT o.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.reseller_org_id "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(provider)));
}

int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out)
{
	return db_query(a, out,
			"SELECT o.id, o.name FROM partnerships p JOIN organizations o ON o.id = p.reseller_org_id "
			"JOIN customer_relationships cr ON cr.partner_org_id = p.reseller_org_id "
			"AND cr.customer_org_id = ? AND cr.ended_at IS NULL "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(customer), DB_INT(provider)));
}

const char *customers_status_label(const char *status)
{
	if (!strcmp(status, "active"))
		return "Active";
	if (!strcmp(status, "suspended"))
		return "Suspended";
	return status;
}
