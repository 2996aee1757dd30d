/* customers.h: queries about customer accounts shared by the Customers list and the subscription pages, and
 * adding a new customer (its tenant, organization, partners of record and first order) */
#ifndef CC_CUSTOMERS_H
#define CC_CUSTOMERS_H

#include "domain/customer_words.h"
#include "domain/domain.h"
#include "db.h"
#include "http.h"
#include "validate.h"

#define CUSTOMERS_PAGE_SIZE 10

/* The name of organization ID when it is of KIND; "" when there is none, NULL when the lookup failed. */
const char *customers_org_name(arena *a, long long id, const char *kind);

/* Which of the signed-in organization's customers a list shows. */
typedef struct customers_filter {
	long long org;       /* the signed-in provider or reseller */
	long long reseller;  /* 0, or one of the provider's live partner resellers: only the customers it shares */
	const customer_search *search;  /* the words asked for (customer_search_parse), or NULL: no search */
} customers_filter;

/* Searches and filters count up to this; beyond it the page says "more than". */
/* A customer row shows at most this many subscriptions, then links to the rest. */
#define CUSTOMERS_SUBSCRIPTIONS_SHOWN 5

/* How many customers F lists: exact without a search or filter (the partner's live total), else counted up
 * to CUSTOMERS_COUNT_CAP + 1 (more than the cap when *TOTAL exceeds it). */
int customers_count(arena *a, const customers_filter *f, long long *total);
/* The page of them at S (a keyset position, see http_seek) in name order (a search: by the matching word,
 * then name), CUSTOMERS_PAGE_SIZE + 1 rows in seek_descending() order for view_seek_page: id, name, country,
 * partner of record since (YYYY-MM-DD), and the sort key, which with the id makes the cursor (CUSTOMERS_COL_*). */
int customers_page(arena *a, const customers_filter *f, const seek *s, db_rows *out);
/* The words typed in the Customers list's search box are cut to this many characters. */
#define CUSTOMERS_SEARCH_MAX_CHARS 100
/* F's search for Q as typed in the search box (trimmed and cut), S holding its words, once F's reseller is
 * set (it chooses the driving word in that range): the text searched for ("" = no search, F->search NULL),
 * or NULL when the database failed. */
const char *customers_filter_search(arena *a, customers_filter *f, customer_search *s, const char *q);

/* The API's pages and the CSV export's batches: up to this many customers a statement. */
#define CUSTOMERS_BATCH 50
/* customers_page's query for a page of SIZE (1 to CUSTOMERS_BATCH) customers: SIZE + 1 rows. */
int customers_page_sized(arena *a, const customers_filter *f, const seek *s, int size, db_rows *out);

/* The live partners of record, in a live partnership with ORG (from either side), of the customers of PAGE
 * (a customers_page or customers_page_sized result, up to CUSTOMERS_BATCH rows): customer id, partner name,
 * partner id; by customer, then name. */
enum { CUSTOMERS_PARTNER_CUSTOMER, CUSTOMERS_PARTNER_NAME, CUSTOMERS_PARTNER_ID, CUSTOMERS_PARTNER_NCOLS };
int customers_partners_of_page(arena *a, long long org, const db_rows *page, db_rows *out);
/* The tenants of the customers of PAGE (up to CUSTOMERS_BATCH rows): customer id, tenant id, domain. */
enum { CUSTOMERS_TENANT_CUSTOMER, CUSTOMERS_TENANT_ID, CUSTOMERS_TENANT_DOMAIN, CUSTOMERS_TENANT_NCOLS };
int customers_tenants_of_page(arena *a, const db_rows *page, db_rows *out);
/* One page or batch of customers with what the API and the CSV export show of each: three statements
 * whatever it holds. */
typedef struct {
	db_rows rows;      /* customers_page_sized's columns, in list order, the look-ahead row dropped */
	db_rows partners;  /* customers_partners_of_page's */
	db_rows tenants;   /* customers_tenants_of_page's */
	const char *next;  /* the cursor ("id:key", the pages' ?after=) of the page after it, NULL at the end */
} customers_batch;
/* The SIZE (1 to CUSTOMERS_BATCH) customers of F after S into B (seen by F->org); a DB_* code. */
int customers_read_batch(arena *a, const customers_filter *f, const seek *s, int size, customers_batch *b);

/* Customer ID's page columns (CUSTOMERS_COL_*, as seen by ORG: its own relationship's "since"; no row when
 * it has none) and its profile (CUSTOMERS_PROFILE_*, after them). */
enum { CUSTOMERS_PROFILE_LINE1 = CUSTOMERS_NCOLS, CUSTOMERS_PROFILE_LINE2, CUSTOMERS_PROFILE_CITY,
       CUSTOMERS_PROFILE_REGION, CUSTOMERS_PROFILE_POSTAL, CUSTOMERS_PROFILE_CONTACT_NAME,
       CUSTOMERS_PROFILE_CONTACT_EMAIL, CUSTOMERS_PROFILE_CONTACT_PHONE, CUSTOMERS_PROFILE_NCOLS };
int customers_one(arena *a, long long org, long long id, db_rows *out);
/* Up to CUSTOMERS_SUBSCRIPTIONS_SHOWN + 1 subscriptions of each customer of PAGE, oldest first: customer id,
 * id, offer name, SKU, licenses, status, reseller of record's name or "". */
enum { CUSTOMERS_SUB_CUSTOMER, CUSTOMERS_SUB_ID, CUSTOMERS_SUB_OFFER, CUSTOMERS_SUB_SKU, CUSTOMERS_SUB_LICENSES,
       CUSTOMERS_SUB_STATUS, CUSTOMERS_SUB_RESELLER, CUSTOMERS_SUB_NCOLS };
int customers_subscriptions_of_page(arena *a, const db_rows *page, db_rows *out);

/* A searched or filtered Customers list counts this far, then says "More than 100 customers match": a
 * count is a hint, and reading a thousand rows for it would cost three times the page it heads. */
#define CUSTOMERS_COUNT_CAP 100
/* The most resellers a select lists; past that, a page offers fewer (the customer's own) or a link. */
#define CUSTOMERS_RESELLER_OPTIONS_MAX 100
/* The columns of customers_reseller_options and customers_reseller_choices */
enum { CUSTOMERS_RESELLER_ID, CUSTOMERS_RESELLER_NAME, CUSTOMERS_RESELLER_NCOLS };
/* PROVIDER's live partner resellers for a select: up to LIMIT + 1 of them (then too many for one), by name:
 * id, name. */
int customers_reseller_options(arena *a, long long provider, int limit, db_rows *out);

/* The currency (ISO 4217) of each of the OFFERS rows (the offer's id in column ID_COL) into OUT, one per row:
 * "USD" for an offer no longer active. A DB_* code. */
int customers_offer_currencies(arena *a, const db_rows *offers, int id_col, const char **out);

/* A subscription's status as the pages show it, in the request's language: "Active", "Suspended". */
const char *customers_status_label(const char *status);

/* PROVIDER's live partner resellers that are also live partners of record of CUSTOMER: id, name. */
int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out);

/* A new customer's admin: ADMIN_USER@ its domain, named ADMIN_DISPLAY_NAME */
#define CUSTOMERS_ADMIN_USER "admin"
#define CUSTOMERS_ADMIN_DISPLAY_NAME "Administrator"

/* One line of a new customer's first order: LICENSES of OFFER. */
typedef struct {
	long long offer, licenses;
} customers_line;

/* What a provider enters for a new customer of its partner reseller. */
typedef struct {
	long long reseller;
	const char *name, *prefix;  /* prefix: of the new tenant's domain, PREFIX TENANT_SUFFIX (tenants.h) */
	const char *line1, *line2, *city, *region, *postal_code, *country;
	const char *contact_name, *contact_email, *contact_phone;
	const char *order_key;      /* the form's one-time key (orders.h) */
	const customers_line *lines;
	int n_lines;
	const char *password;       /* the admin's temporary password, shown once */
} customers_new;

/* The details of a new customer, each with its rule (validate.h; labels marked N_, translated when used). */
enum customers_detail {
	CUSTOMERS_D_COMPANY, CUSTOMERS_D_PREFIX, CUSTOMERS_D_LINE1, CUSTOMERS_D_LINE2, CUSTOMERS_D_CITY,
	CUSTOMERS_D_REGION, CUSTOMERS_D_POSTAL, CUSTOMERS_D_COUNTRY, CUSTOMERS_D_CONTACT_NAME,
	CUSTOMERS_D_CONTACT_EMAIL, CUSTOMERS_D_CONTACT_PHONE, CUSTOMERS_N_DETAILS
};
extern const field_rule customers_detail_rules[CUSTOMERS_N_DETAILS];
/* What is wrong with VALUE (trimmed; the domain prefix in lower case) as detail D, in the words of the form
 * (NULL: nothing); *FAILED when the domain's check could not read the database. */
const char *customers_detail_problem(arena *a, enum customers_detail d, const char *value, bool *failed);
/* What is wrong with N licenses of an offer sold from MIN to MAX (-1: not a whole number; 0: none), NULL: nothing. */
const char *customers_licenses_problem(arena *a, long long n, long long min, long long max);

/* When the N offers chosen for a new customer's first order are priced in more than one of CURRENCIES (ISO
 * 4217, one per offer chosen): why one order cannot hold them; NULL when they share one. */
const char *customers_currency_problem(arena *a, const char *const *currencies, int n);

/* Refusals' and answers' codes (outcome.code) of customers_create */
enum { CUSTOMERS_ALREADY_PLACED = 1, CUSTOMERS_KEY_TAKEN, CUSTOMERS_DOMAIN_TAKEN, CUSTOMERS_NO_LINES };

/* WHO (a provider) adds customer N for its live partner reseller N->reseller: the tenant with its admin, the
 * customer organization and profile, both partners of record, and the first order with N's subscriptions,
 * once per order key. The id of the outcome is the order's; OUTCOME_OK with code CUSTOMERS_ALREADY_PLACED when
 * WHO's earlier submission of the key placed it. OUTCOME_NOT_FOUND for a reseller that is not WHO's partner;
 * OUTCOME_INVALID (field domain_prefix) for a domain that cannot be the tenant's, or no line; OUTCOME_CONFLICT CUSTOMERS_KEY_TAKEN
 * when another user's order used the key; OUTCOME_FAILED (an offer no longer orderable gives DB_ERROR). */
outcome customers_create(arena *a, const actor *who, const customers_new *n);

#endif
