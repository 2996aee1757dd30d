/* customers.c: customer accounts as their partners see them: the list, partners of record, subscriptions; and
 * a new customer with its first order */
#include "domain/customers.h"

#include <string.h>

#include "auth.h"
#include "domain/orders.h"
#include "domain/relationships.h"
#include "domain/tenants.h"
#include "i18n.h"
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
		rc = db_query_lagging(a, &r, LIST_COUNT_SQL("SELECT STRAIGHT_JOIN 1 FROM customer_relationships me "
							    "FORCE INDEX (ix_rel_partner_name) " MINE_JOIN WALK_WHERE),
				      DB_ARGS(DB_INT(f->org), DB_INT(f->reseller), DB_INT(CUSTOMERS_COUNT_CAP + 1)));
	else  /* kept by relationships.c in the transactions that start and end relationships */
		rc = db_query_lagging(a, &r, "SELECT live_customers FROM partner_customer_counts WHERE partner_org_id = ?",
				      DB_ARGS(DB_INT(f->org)));
	*total = rc == DB_OK && r.nrows == 1 ? db_get_int(&r, 0, 0) : 0;
	return rc;
}

int customers_page_sized(arena *a, const customers_filter *f, const seek *s, int size, db_rows *out)
{
	if (f->search)
		return customer_words_page(a, f->org, f->reseller, f->search, s, size, out);
	return db_query_cols_lagging(a, out, CUSTOMERS_NCOLS,
				     SEEK_SQL_BY_KEY(s, WALK_PAGE_SQL, "me.customer_name", "me.customer_org_id"),
				     DB_ARGS(DB_INT(f->org), DB_INT(walked_partner(f)), SEEK_KEY_ARGS(s, size)));
}

int customers_page(arena *a, const customers_filter *f, const seek *s, db_rows *out)
{
	return customers_page_sized(a, f, s, CUSTOMERS_PAGE_SIZE, out);
}

/* The customers of PAGE as WIDTH parameters (a fixed-arity IN list keeps one prepared statement per width),
 * 0 (no customer) in the places a short page leaves. */
static void page_ids(const db_rows *page, db_val *args, int width)
{
	for (int i = 0; i < width; i++)
		args[i] = DB_INT(i < page->nrows ? db_get_int(page, i, CUSTOMERS_COL_ID) : 0);
}

#define PAGE_IDS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define BATCH_IDS PAGE_IDS ", " PAGE_IDS ", " PAGE_IDS ", " PAGE_IDS ", " PAGE_IDS
_Static_assert(CUSTOMERS_PAGE_SIZE == 10, "PAGE_IDS and SUBSCRIPTIONS_OF_PAGE hold one page of ids");
_Static_assert(CUSTOMERS_BATCH == 50, "BATCH_IDS holds one batch of ids");

/* live_pair is "provider:reseller" while a partnership is live: two unique-key lookups per relationship */
#define PARTNERS_OF(IDS) \
	"SELECT cr.customer_org_id, o.name, o.id FROM customer_relationships cr " \
	"JOIN partnerships p ON p.live_pair IN (CONCAT(?, ':', cr.partner_org_id), CONCAT(cr.partner_org_id, ':', ?)) " \
	"JOIN organizations o ON o.id = cr.partner_org_id " \
	"WHERE cr.customer_org_id IN (" IDS ") AND cr.ended_at IS NULL " \
	"ORDER BY cr.customer_org_id, o.name, o.id"

int customers_partners_of_page(arena *a, long long org, const db_rows *page, db_rows *out)
{
	/* the HTML page's ten, or a batch of the API's and the export's */
	int width = page->nrows <= CUSTOMERS_PAGE_SIZE ? CUSTOMERS_PAGE_SIZE : CUSTOMERS_BATCH;
	db_val args[2 + CUSTOMERS_BATCH] = { DB_INT(org), DB_INT(org) };
	page_ids(page, args + 2, width);
	return db_query_cols_lagging(a, out, CUSTOMERS_PARTNER_NCOLS,
				     width == CUSTOMERS_PAGE_SIZE ? PARTNERS_OF(PAGE_IDS) : PARTNERS_OF(BATCH_IDS),
				     args, 2 + width);
}

int customers_tenants_of_page(arena *a, const db_rows *page, db_rows *out)
{
	db_val args[CUSTOMERS_BATCH];
	page_ids(page, args, CUSTOMERS_BATCH);
	return db_query_cols_lagging(a, out, CUSTOMERS_TENANT_NCOLS,
				     "SELECT c.id, t.id, t.domain FROM organizations c JOIN tenants t ON t.id = c.tenant_id "
				     "WHERE c.id IN (" BATCH_IDS ") ORDER BY c.id",
				     args, CUSTOMERS_BATCH);
}

int customers_read_batch(arena *a, const customers_filter *f, const seek *s, int size, customers_batch *b)
{
	/* forward only (after a cursor or from the start), so the rows come in list order */
	int rc = customers_page_sized(a, f, s, size, &b->rows);
	if (rc != DB_OK)
		return rc;
	b->next = NULL;
	if (b->rows.nrows > size) {
		b->rows.nrows = size;
		b->next = arena_printf(a, "%s:%s", db_get(&b->rows, size - 1, CUSTOMERS_COL_ID),
				       db_get(&b->rows, size - 1, CUSTOMERS_COL_KEY));
	}
	rc = customers_partners_of_page(a, f->org, &b->rows, &b->partners);
	return rc != DB_OK ? rc : customers_tenants_of_page(a, &b->rows, &b->tenants);
}

const char *customers_filter_search(arena *a, customers_filter *f, customer_search *s, const char *q)
{
	q = validate_truncate(a, validate_trim(a, q), CUSTOMERS_SEARCH_MAX_CHARS);
	f->search = NULL;
	if (!*q)
		return q;
	*s = customer_search_parse(a, q);
	f->search = s;
	return customer_words_choose_driver(a, f->org, f->reseller, s) == DB_OK ? q : NULL;
}

int customers_one(arena *a, long long org, long long id, db_rows *out)
{
	return db_query_cols(a, out, CUSTOMERS_PROFILE_NCOLS,
			     "SELECT c.id, c.name, c.country, DATE_FORMAT(mine.started_at, '%Y-%m-%d'), c.name, "
			     "COALESCE(p.address_line1, ''), COALESCE(p.address_line2, ''), COALESCE(p.city, ''), "
			     "COALESCE(p.region, ''), COALESCE(p.postal_code, ''), COALESCE(p.contact_name, ''), "
			     "COALESCE(p.contact_email, ''), COALESCE(p.contact_phone, '') "
			     "FROM organizations c "
			     "JOIN customer_relationships mine ON mine.live_pair = CONCAT(c.id, ':', ?) "
			     "LEFT JOIN customer_profiles p ON p.org_id = c.id WHERE c.id = ? AND c.kind = 'customer'",
			     DB_ARGS(DB_INT(org), DB_INT(id)));
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
	page_ids(page, ids, CUSTOMERS_PAGE_SIZE);
	for (int i = 0; i < CUSTOMERS_PAGE_SIZE; i++) {
		args[2 * i] = ids[i];
		args[2 * i + 1] = DB_INT(CUSTOMERS_SUBSCRIPTIONS_SHOWN + 1);
	}
	return db_query_cols_lagging(a, out, CUSTOMERS_SUB_NCOLS, SUBSCRIPTIONS_OF_PAGE, args, 2 * CUSTOMERS_PAGE_SIZE);
}

int customers_reseller_options(arena *a, long long provider, int limit, db_rows *out)
{
	/* any LIMIT + 1 first (no sort of thousands of partners): that many means no select is shown at all */
	return db_query_cols_lagging(a, out, CUSTOMERS_RESELLER_NCOLS,
			I18N_ORDER_BY_NAME("SELECT id, name FROM (SELECT o.id, o.name FROM partnerships p "
			"JOIN organizations o ON o.id = p.reseller_org_id "
			"WHERE p.provider_org_id = ? AND p.ended_at IS NULL LIMIT ?) t ORDER BY name", ", id"),
			DB_ARGS(DB_INT(provider), DB_INT(limit + 1)));
}

int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out)
{
	return db_query_cols_lagging(a, out, CUSTOMERS_RESELLER_NCOLS,
			/* from the customer's few relationships, each checked against the provider's partnerships
			 * (live_pair is "provider:reseller" while live), not from the provider's thousands of partners */
			"SELECT o.id, o.name FROM customer_relationships cr "
			"JOIN partnerships p ON p.live_pair = CONCAT(?, ':', cr.partner_org_id) "
			"JOIN organizations o ON o.id = cr.partner_org_id "
			"WHERE cr.customer_org_id = ? AND cr.ended_at IS NULL ORDER BY o.name, o.id",
			DB_ARGS(DB_INT(provider), DB_INT(customer)));
}

int customers_offer_currencies(arena *a, const db_rows *offers, int id_col, const char **out)
{
	db_rows cur;
	int rc = db_query_cols(a, &cur, 2, "SELECT id, currency FROM offers WHERE active = 1", DB_NOARGS);
	for (int i = 0; i < offers->nrows; i++) {
		out[i] = "USD";
		for (int c = 0; rc == DB_OK && c < cur.nrows; c++)
			if (!strcmp(db_get(&cur, c, 0), db_get(offers, i, id_col)))
				out[i] = db_get(&cur, c, 1);
	}
	return rc;
}

const char *customers_status_label(const char *status)
{
	if (!strcmp(status, "active"))
		return C_("subscription status", "Active");
	if (!strcmp(status, "suspended"))
		return C_("subscription status", "Suspended");
	return status;
}

const field_rule customers_detail_rules[CUSTOMERS_N_DETAILS] = {
	[CUSTOMERS_D_COMPANY] = { N_("Company name"), 200, true, FORMAT_TEXT },
	[CUSTOMERS_D_PREFIX] = { N_("Domain"), 27, true, FORMAT_TEXT },
	[CUSTOMERS_D_LINE1] = { N_("Address line 1"), 200, true, FORMAT_TEXT },
	[CUSTOMERS_D_LINE2] = { N_("Address line 2"), 200, false, FORMAT_TEXT },
	[CUSTOMERS_D_CITY] = { N_("City"), 100, true, FORMAT_TEXT },
	[CUSTOMERS_D_REGION] = { N_("State or region"), 100, false, FORMAT_TEXT },
	[CUSTOMERS_D_POSTAL] = { N_("Postal code"), 20, true, FORMAT_POSTAL },
	[CUSTOMERS_D_COUNTRY] = { N_("Country or region"), 2, true, FORMAT_COUNTRY },
	[CUSTOMERS_D_CONTACT_NAME] = { N_("Contact name"), 200, true, FORMAT_TEXT },
	[CUSTOMERS_D_CONTACT_EMAIL] = { N_("Contact email"), 320, true, FORMAT_EMAIL },
	[CUSTOMERS_D_CONTACT_PHONE] = { N_("Contact phone"), 40, true, FORMAT_PHONE },
};

const char *customers_detail_problem(arena *a, enum customers_detail d, const char *value, bool *failed)
{
	if (d == CUSTOMERS_D_PREFIX)
		return tenants_prefix_problem(a, value, failed);
	field_rule rule = customers_detail_rules[d];
	rule.label = _(rule.label);  /* validate_field names the field in its message */
	return validate_field(a, &rule, value);
}

const char *customers_licenses_problem(arena *a, long long n, long long min, long long max)
{
	if (n < 0)
		return _("Enter a whole number of licenses, or leave it empty.");
	if (n > 0 && (n < min || n > max))
		return arena_printf(a, _("Enter from %lld to %lld licenses for this offer, or leave it empty."), min, max);
	return NULL;
}

const char *customers_currency_problem(arena *a, const char *const *currencies, int n)
{
	for (int i = 1; i < n; i++)
		if (strcmp(currencies[0], currencies[i]))
			return arena_printf(a, _("The offers you chose are priced in different currencies (%s and %s), and one "
				"order has one currency. Choose the offers of one currency here, then order the others as new "
				"subscriptions of the customer."), currencies[0], currencies[i]);
	return NULL;
}

/* A new customer being created, and what its transaction made. */
typedef struct {
	arena *a;
	const actor *who;
	const customers_new *n;
	const char *domain, *upn;
	char hash[128];
	long long order_id, tenant_id, customer_id;
} creation;

/* Inside the caller's transaction: the customer's organization, its profile and both partners of record (the
 * reseller manages the customer, the provider may order for it). */
static int insert_customer(creation *c)
{
	const customers_new *n = c->n;
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('customer', ?, ?, ?)",
			 DB_ARGS(DB_STR(n->name), DB_INT(c->tenant_id), DB_STR(n->country)), NULL, &id);
	if (rc != DB_OK)
		return rc;
	c->customer_id = (long long)id;
	rc = db_exec("INSERT INTO customer_profiles (org_id, address_line1, address_line2, city, region, postal_code, "
		     "contact_name, contact_email, contact_phone, created_by, created_at) "
		     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
		     DB_ARGS(DB_INT(c->customer_id), DB_STR(n->line1), DB_STR(n->line2), DB_STR(n->city),
			     DB_STR(n->region), DB_STR(n->postal_code), DB_STR(n->contact_name), DB_STR(n->contact_email),
			     DB_STR(n->contact_phone), DB_INT(c->who->user->id)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	rc = relationship_start(c->customer_id, n->reseller, c->who->user->id, 0);
	return rc != DB_OK ? rc : relationship_start(c->customer_id, c->who->user->org_id, c->who->user->id, 0);
}

/* Inside the caller's transaction: the tenant with its admin, the customer, and the order's subscriptions. */
static int insert_all(creation *c)
{
	const customers_new *n = c->n;
	tenants_new t = { .domain = c->domain, .display_name = n->name, .country = n->country, .admin_upn = c->upn,
			  .admin_name = CUSTOMERS_ADMIN_DISPLAY_NAME, .admin_hash = c->hash, .temporary = true };
	long long admin_id, subscription;
	int rc = tenants_create(&t, &c->tenant_id, &admin_id);
	if (rc == DB_OK)
		rc = insert_customer(c);
	for (int i = 0; i < n->n_lines && rc == DB_OK; i++)
		rc = order_add_subscription(c->a, c->order_id, c->customer_id, n->lines[i].offer, n->lines[i].licenses,
					    c->who->user->org_id, n->reseller, &subscription);
	return rc != DB_OK ? rc : order_finish(c->order_id, c->customer_id);
}

/* The order's key first (once the reseller is the provider's): a second submission of the same form waits for
 * the first one and finds its order. */
static outcome create_customer(void *ctx)
{
	creation *c = ctx;
	const customers_new *n = c->n;
	const user *u = c->who->user;
	rights_partner live;
	outcome o = outcome_of_rights(rights_for_partner(c->a, u, n->reseller, &live), RIGHTS_RESELLER);
	if (!outcome_is_ok(&o))
		return o;
	if (n->n_lines < 1)
		return outcome_refused(OUTCOME_INVALID, CUSTOMERS_NO_LINES,
				       _("Choose at least one offer: enter the number of licenses next to it."));
	int rc = order_begin(n->order_key, 0, u->id, u->org_id, &c->order_id);
	if (rc == DB_DUPLICATE) {
		o = outcome_ok(c->order_id);
		o.code = CUSTOMERS_ALREADY_PLACED;
		return o;
	}
	if (rc == ORDER_KEY_TAKEN)
		return outcome_refused(OUTCOME_CONFLICT, CUSTOMERS_KEY_TAKEN,
				       _("This form's one-time order key was already used by someone else, so nothing "
					 "was created. The form has a new key now: check the order and select Submit "
					 "again."));
	if (rc != DB_OK)
		return outcome_failed(rc);
	bool failed;
	const char *problem = tenants_prefix_problem(c->a, n->prefix, &failed);
	if (failed)
		return outcome_failed(DB_ERROR);
	if (problem) {
		o = outcome_refused(OUTCOME_INVALID, CUSTOMERS_DOMAIN_TAKEN, problem);
		o.field = "domain_prefix";
		return o;
	}
	rc = insert_all(c);
	if (rc != DB_OK)  /* DB_DUPLICATE: the domain was taken meanwhile; the caller checks the form again */
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "customer.created", .object_type = "organization", .object_id = c->customer_id,
		.party_org_id = c->customer_id, .on_behalf_org_id = n->reseller,
		.detail = arena_printf(c->a, "customer %lld %s (%s) for reseller %lld %s: admin %s, order %lld",
				       c->customer_id, n->name, c->domain, n->reseller, live.name, c->upn, c->order_id),
		.after_json = domain_json(c->a, "name", n->name, "domain", c->domain, "country", n->country,
					  "city", n->city, "contact_name", n->contact_name, "contact_email", n->contact_email,
					  "reseller", live.name, "admin", c->upn,
					  "order", arena_printf(c->a, "%lld", c->order_id), NULL) });
	return rc == DB_OK ? outcome_ok(c->order_id) : outcome_failed(rc);
}

outcome customers_create(arena *a, const actor *who, const customers_new *n)
{
	const char *domain = arena_printf(a, "%s" TENANT_SUFFIX, n->prefix);
	creation c = { .a = a, .who = who, .n = n, .domain = domain,
		       .upn = arena_printf(a, CUSTOMERS_ADMIN_USER "@%s", domain) };
	if (auth_hash_password(n->password, c.hash) != 0)
		return outcome_failed(DB_ERROR);
	return domain_tx(create_customer, &c);
}
