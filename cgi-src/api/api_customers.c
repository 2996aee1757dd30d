/* api_customers.c: the partner API's customers: the list (the Customers page's search, reseller filter and
 * keyset paging, or its CSV), one customer, and a new customer for a reseller (the Add new customer wizard's
 * rules, words and domain function) */
#include "api/api.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/customers.h"
#include "domain/offers.h"
#include "domain/orders.h"
#include "domain/tenants.h"
#include "i18n.h"
#include "rights.h"
#include "validate.h"

#define MAX_LINE_ITEMS 50

static bool as_provider(const api_call *c)
{
	return !strcmp(c->r->user->org_kind, "provider");
}

/* ---------- a Customer as JSON ---------- */

static json_object *partner_json(const db_rows *partners, int p)
{
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(partners, p, CUSTOMERS_PARTNER_ID)));
	api_put(o, "name", api_string(db_get(partners, p, CUSTOMERS_PARTNER_NAME)));
	return o;
}

/* Customer I of B: its company, its partners of record as the page lists them (a provider sees the resellers
 * of record, a reseller its indirect providers), and the reseller of record the customer is associated with
 * (a provider's: the first of them; a reseller's: itself). */
static json_object *customer_json(const api_call *c, const customers_batch *b, int i)
{
	long long id = db_get_int(&b->rows, i, CUSTOMERS_COL_ID), reseller = as_provider(c) ? 0 : c->r->user->org_id;
	json_object *partners = json_object_new_array();
	for (int p = 0; p < b->partners.nrows; p++)
		if (db_get_int(&b->partners, p, CUSTOMERS_PARTNER_CUSTOMER) == id) {
			json_object_array_add(partners, partner_json(&b->partners, p));
			if (!reseller)
				reseller = db_get_int(&b->partners, p, CUSTOMERS_PARTNER_ID);
		}
	json_object *company = json_object_new_object();
	api_put(company, "companyName", api_string(db_get(&b->rows, i, CUSTOMERS_COL_NAME)));
	api_put(company, "domain", NULL);
	api_put(company, "tenantId", NULL);
	for (int t = 0; t < b->tenants.nrows; t++)
		if (db_get_int(&b->tenants, t, CUSTOMERS_TENANT_CUSTOMER) == id) {
			api_put(company, "domain", api_string(db_get(&b->tenants, t, CUSTOMERS_TENANT_DOMAIN)));
			api_put(company, "tenantId", api_id(db_get_int(&b->tenants, t, CUSTOMERS_TENANT_ID)));
		}
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(id));
	api_put(o, "companyProfile", company);
	api_put(o, "country", api_string(db_get(&b->rows, i, CUSTOMERS_COL_COUNTRY)));
	/* the caller's relationship to the customer: its indirect provider, or its indirect reseller */
	api_put(o, "relationshipToPartner", json_object_new_string(as_provider(c) ? "provider" : "reseller"));
	api_put(o, "associatedPartnerId", api_id(reseller));
	api_put(o, "partners", partners);
	api_put(o, "partnerSince", api_string(db_get(&b->rows, i, CUSTOMERS_COL_SINCE)));
	return o;
}

/* ---------- GET /v1/customers ---------- */

/* ?size=: 1 to CUSTOMERS_BATCH, CUSTOMERS_BATCH when absent; 0 (answered) otherwise. */
static int page_size(api_call *c)
{
	const char *text = http_query(c->r, "size");
	if (!*text)
		return CUSTOMERS_BATCH;
	long long n = http_id(text);
	if (n < 1 || n > CUSTOMERS_BATCH) {
		api_error(c->r, 400, NULL, arena_printf(c->r->arena, _("size is the number of customers a page holds: "
			  "from 1 to %d."), CUSTOMERS_BATCH), "size");
		return 0;
	}
	return (int)n;
}

/* F from ?search= (what the page's search box matches) and ?resellerId= (a provider's live partner reseller,
 * as the page's reseller filter; a reseller's list has none); false when answered. */
static bool read_filter(api_call *c, customers_filter *f, customer_search *s)
{
	*f = (customers_filter){ .org = c->r->user->org_id };
	const char *reseller = as_provider(c) ? http_query(c->r, "resellerId") : "";
	if (*reseller) {
		f->reseller = http_id(reseller);
		rights_partner live;
		rights_rc rc = rights_for_partner(c->r->arena, c->r->user, f->reseller, &live);
		if (rc != RIGHTS_OK) {
			api_not_granted(c, rc, RIGHTS_RESELLER);
			return false;
		}
	}
	if (!customers_filter_search(c->r->arena, f, s, http_query(c->r, "search"))) {
		api_unavailable(c);
		return false;
	}
	return true;
}

static void list_customers(api_call *c)
{
	customers_filter f;
	customer_search s;
	if (!read_filter(c, &f, &s))
		return;
	if (c->csv) {
		customers_csv(c->r, &f);
		return;
	}
	int size = page_size(c);
	if (!size)
		return;
	seek at = api_continuation(c);
	customers_batch b;
	if (customers_read_batch(c->r->arena, &f, &at, size, &b) != DB_OK) {
		api_unavailable(c);
		return;
	}
	json_object *items = json_object_new_array();
	for (int i = 0; i < b.rows.nrows; i++)
		json_object_array_add(items, customer_json(c, &b, i));
	api_collection(c, items, b.next);
}

/* ---------- GET /v1/customers/{id} ---------- */

static json_object *billing_json(const db_rows *one)
{
	json_object *address = json_object_new_object();
	api_put(address, "country", api_string(db_get(one, 0, CUSTOMERS_COL_COUNTRY)));
	api_put(address, "city", api_string(db_get(one, 0, CUSTOMERS_PROFILE_CITY)));
	api_put(address, "region", api_string(db_get(one, 0, CUSTOMERS_PROFILE_REGION)));
	api_put(address, "postalCode", api_string(db_get(one, 0, CUSTOMERS_PROFILE_POSTAL)));
	api_put(address, "addressLine1", api_string(db_get(one, 0, CUSTOMERS_PROFILE_LINE1)));
	api_put(address, "addressLine2", api_string(db_get(one, 0, CUSTOMERS_PROFILE_LINE2)));
	api_put(address, "phoneNumber", api_string(db_get(one, 0, CUSTOMERS_PROFILE_CONTACT_PHONE)));
	json_object *o = json_object_new_object();
	api_put(o, "companyName", api_string(db_get(one, 0, CUSTOMERS_COL_NAME)));
	api_put(o, "email", api_string(db_get(one, 0, CUSTOMERS_PROFILE_CONTACT_EMAIL)));
	api_put(o, "contactName", api_string(db_get(one, 0, CUSTOMERS_PROFILE_CONTACT_NAME)));
	api_put(o, "defaultAddress", address);
	return o;
}

/* Customer ID (granted to the caller) with its billing profile; NULL when the database failed. */
static json_object *read_customer(api_call *c, long long id)
{
	arena *a = c->r->arena;
	customers_batch b = { 0 };
	if (customers_one(a, c->r->user->org_id, id, &b.rows) != DB_OK || b.rows.nrows != 1 ||
	    customers_partners_of_page(a, c->r->user->org_id, &b.rows, &b.partners) != DB_OK ||
	    customers_tenants_of_page(a, &b.rows, &b.tenants) != DB_OK)
		return NULL;
	json_object *o = customer_json(c, &b, 0);
	api_put(o, "billingProfile", billing_json(&b.rows));
	return o;
}

static void get_customer(api_call *c)
{
	rights_customer granted;
	if (!api_customer_of_path(c, &granted))
		return;
	json_object *o = read_customer(c, c->id[0]);
	if (o)
		api_json(c, 200, o);
	else
		api_unavailable(c);
}

/* ---------- POST /v1/customers ---------- */

static const api_field address_fields[] = {
	{ "country", API_STRING, false, 2, NULL, 0 },
	{ "city", API_STRING, false, 100, NULL, 0 },
	{ "region", API_STRING, false, 100, NULL, 0 },
	{ "postalCode", API_STRING, false, 20, NULL, 0 },
	{ "addressLine1", API_STRING, false, 200, NULL, 0 },
	{ "addressLine2", API_STRING, false, 200, NULL, 0 },
	{ "phoneNumber", API_STRING, false, 40, NULL, 0 },
	{ 0 },
};
static const api_field billing_fields[] = {
	{ "companyName", API_STRING, false, 200, NULL, 0 },
	{ "email", API_STRING, false, 320, NULL, 0 },
	{ "culture", API_STRING, false, 20, NULL, 0 },   /* accepted as Partner Center has them; not kept */
	{ "language", API_STRING, false, 20, NULL, 0 },
	{ "firstName", API_STRING, false, 100, NULL, 0 },
	{ "lastName", API_STRING, false, 100, NULL, 0 },
	{ "defaultAddress", API_OBJECT, false, 0, address_fields, 0 },
	{ 0 },
};
static const api_field company_fields[] = {
	{ "domain", API_STRING, false, 253, NULL, 0 },
	{ 0 },
};
static const api_field line_fields[] = {
	{ "offerId", API_STRING, true, 20, NULL, 0 },
	{ "quantity", API_INTEGER, true, 0, NULL, 0 },
	{ 0 },
};
static const api_field new_customer_fields[] = {
	{ "associatedPartnerId", API_STRING, false, 20, NULL, 0 },
	{ "companyProfile", API_OBJECT, false, 0, company_fields, 0 },
	{ "billingProfile", API_OBJECT, false, 0, billing_fields, 0 },
	{ "lineItems", API_ARRAY, false, MAX_LINE_ITEMS, line_fields, 0 },
	{ 0 },
};

/* The body's value for each of the wizard's details, and the body field it came from. */
typedef struct {
	const char *value[CUSTOMERS_N_DETAILS];
	const char *field[CUSTOMERS_N_DETAILS];
} new_details;

/* "contoso" and "contoso.onmicrosoft.com" both name the tenant the wizard's prefix "contoso" makes. */
static const char *domain_prefix(arena *a, const char *domain)
{
	char *p = validate_lower(a, validate_trim(a, domain));
	size_t n = strlen(p), suffix = strlen(TENANT_SUFFIX);
	if (n > suffix && !strcmp(p + n - suffix, TENANT_SUFFIX))
		p[n - suffix] = '\0';
	return p;
}

static void detail(arena *a, new_details *d, enum customers_detail i, json_object *obj, const char *path,
		   const char *name)
{
	d->value[i] = validate_trim(a, api_body_string(obj, name));
	d->field[i] = arena_printf(a, "%s%s", path, name);
}

static void read_details(arena *a, json_object *body, new_details *d)
{
	json_object *billing = api_body_get(body, "billingProfile"), *address = api_body_get(billing, "defaultAddress");
	detail(a, d, CUSTOMERS_D_COMPANY, billing, "billingProfile.", "companyName");
	d->value[CUSTOMERS_D_PREFIX] = domain_prefix(a, api_body_string(api_body_get(body, "companyProfile"), "domain"));
	d->field[CUSTOMERS_D_PREFIX] = "companyProfile.domain";
	detail(a, d, CUSTOMERS_D_LINE1, address, "billingProfile.defaultAddress.", "addressLine1");
	detail(a, d, CUSTOMERS_D_LINE2, address, "billingProfile.defaultAddress.", "addressLine2");
	detail(a, d, CUSTOMERS_D_CITY, address, "billingProfile.defaultAddress.", "city");
	detail(a, d, CUSTOMERS_D_REGION, address, "billingProfile.defaultAddress.", "region");
	detail(a, d, CUSTOMERS_D_POSTAL, address, "billingProfile.defaultAddress.", "postalCode");
	detail(a, d, CUSTOMERS_D_COUNTRY, address, "billingProfile.defaultAddress.", "country");
	d->value[CUSTOMERS_D_CONTACT_NAME] = validate_trim(a, arena_printf(a, "%s %s",
		api_body_string(billing, "firstName"), api_body_string(billing, "lastName")));
	d->field[CUSTOMERS_D_CONTACT_NAME] = "billingProfile.firstName";
	detail(a, d, CUSTOMERS_D_CONTACT_EMAIL, billing, "billingProfile.", "email");
	detail(a, d, CUSTOMERS_D_CONTACT_PHONE, address, "billingProfile.defaultAddress.", "phoneNumber");
}

/* The first detail the wizard would refuse, answered as 400 naming its field; true when all pass (or the
 * database failed: answered 503). */
static bool details_refused(api_call *c, const new_details *d)
{
	for (int i = 0; i < CUSTOMERS_N_DETAILS; i++) {
		bool failed = false;
		const char *problem = customers_detail_problem(c->r->arena, (enum customers_detail)i, d->value[i], &failed);
		if (failed) {
			api_unavailable(c);
			return true;
		}
		if (problem) {
			api_error(c->r, 400, NULL, problem, d->field[i]);
			return true;
		}
	}
	return false;
}

/* The active offer with id OFFER in OFFERS, or -1. */
static int offer_row(const db_rows *offers, long long offer)
{
	for (int o = 0; o < offers->nrows; o++)
		if (db_get_int(offers, o, OFFERS_COL_ID) == offer)
			return o;
	return -1;
}

/* The body's lineItems as the order's lines, each checked as the wizard checks a license count; NULL when
 * answered (400 naming the item's field, or 503). */
static customers_line *read_lines(api_call *c, int *n)
{
	arena *a = c->r->arena;
	json_object *items = api_body_get(c->body, "lineItems");
	*n = items ? (int)json_object_array_length(items) : 0;
	db_rows offers;
	if (offers_active(a, &offers) != DB_OK) {
		api_unavailable(c);
		return NULL;
	}
	customers_line *lines = arena_calloc(a, ((size_t)*n + 1) * sizeof *lines);
	const char **currencies = arena_calloc(a, ((size_t)*n + 1) * sizeof *currencies);
	for (int i = 0; i < *n; i++) {
		json_object *item = json_object_array_get_idx(items, (size_t)i);
		long long quantity = api_body_int(item, "quantity");
		int o = offer_row(&offers, api_body_id(item, "offerId"));
		const char *problem = o < 0 ? _("An offer you chose can no longer be ordered. Check the subscriptions and "
						"continue.")
			: customers_licenses_problem(a, quantity > 0 ? quantity : -1, db_get_int(&offers, o, OFFERS_COL_MIN),
						     db_get_int(&offers, o, OFFERS_COL_MAX));
		if (problem) {
			api_error(c->r, 400, NULL, problem,
				  arena_printf(a, "lineItems[%d].%s", i, o < 0 ? "offerId" : "quantity"));
			return NULL;
		}
		lines[i] = (customers_line){ db_get_int(&offers, o, OFFERS_COL_ID), quantity };
		currencies[i] = db_get(&offers, o, OFFERS_COL_CURRENCY);
	}
	const char *mixed = customers_currency_problem(a, currencies, *n);
	if (mixed) {
		api_error(c->r, 400, NULL, mixed, "lineItems");
		return NULL;
	}
	return lines;
}

/* The reseller the customer is for: one of the provider's live partners (the wizard's 404 otherwise); 0 when
 * answered. */
static long long read_reseller(api_call *c)
{
	long long reseller = api_body_id(c->body, "associatedPartnerId");
	if (!*api_body_string(c->body, "associatedPartnerId")) {
		api_error(c->r, 400, NULL, _("Select the indirect reseller who will manage this customer."),
			  "associatedPartnerId");
		return 0;
	}
	rights_partner live;
	rights_rc rc = rights_for_partner(c->r->arena, c->r->user, reseller, &live);
	if (rc != RIGHTS_OK) {
		api_not_granted(c, rc, RIGHTS_RESELLER);
		return 0;
	}
	return reseller;
}

/* The answer to a customer just created: the Customer with, this once, its admin's credentials; a retry with
 * the same Idempotency-Key gets it without them. */
static void answer_created(api_call *c, long long order_id, const char *admin, const char *password)
{
	db_rows order;
	json_object *o = NULL;
	if (db_query(c->r->arena, &order, "SELECT customer_org_id FROM orders WHERE id = ?",
		     DB_ARGS(DB_INT(order_id))) == DB_OK && order.nrows == 1)
		o = read_customer(c, db_get_int(&order, 0, 0));
	if (!o) {
		api_unavailable(c);
		return;
	}
	c->replay_body = arena_strdup(c->r->arena, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
										     JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object *credentials = json_object_new_object();
	api_put(credentials, "userName", json_object_new_string(admin));
	api_put(credentials, "password", json_object_new_string(password));
	api_put(o, "userCredentials", credentials);
	http_header(c->r, "Location", arena_printf(c->r->arena, "/v1/customers/%s",
						   json_object_get_string(api_body_get(o, "id"))));
	api_json(c, 201, o);
}

/* A refusal of customers_create, with the body's field names for the wizard's; the domain taken meanwhile
 * (the insert's duplicate) is the wizard's domain refusal too. */
static void answer_refused(api_call *c, outcome *o, const char *prefix)
{
	if (o->kind == OUTCOME_FAILED && o->db_rc == DB_DUPLICATE) {
		bool failed = false;
		const char *problem = tenants_prefix_problem(c->r->arena, prefix, &failed);
		if (problem && !failed) {
			api_error(c->r, 400, NULL, problem, "companyProfile.domain");
			return;
		}
	}
	if (o->field && !strcmp(o->field, "domain_prefix"))
		o->field = "companyProfile.domain";
	else if (o->kind == OUTCOME_INVALID && o->code == CUSTOMERS_NO_LINES)
		o->field = "lineItems";
	api_outcome(c, o);
}

static void create_customer(api_call *c)
{
	long long reseller = read_reseller(c);
	if (!reseller)
		return;
	new_details d;
	read_details(c->r->arena, c->body, &d);
	if (details_refused(c, &d))
		return;
	int n_lines;
	customers_line *lines = read_lines(c, &n_lines);
	if (!lines)
		return;
	char key[ORDER_KEY_LEN + 1], password[AUTH_TEMP_PASSWORD_LEN + 1];
	order_new_key(key);  /* the API's retries are the Idempotency-Key's: each call is a new order */
	auth_temporary_password(password);
	customers_new n = {
		.reseller = reseller, .name = d.value[CUSTOMERS_D_COMPANY], .prefix = d.value[CUSTOMERS_D_PREFIX],
		.line1 = d.value[CUSTOMERS_D_LINE1], .line2 = d.value[CUSTOMERS_D_LINE2], .city = d.value[CUSTOMERS_D_CITY],
		.region = d.value[CUSTOMERS_D_REGION], .postal_code = d.value[CUSTOMERS_D_POSTAL],
		.country = d.value[CUSTOMERS_D_COUNTRY], .contact_name = d.value[CUSTOMERS_D_CONTACT_NAME],
		.contact_email = d.value[CUSTOMERS_D_CONTACT_EMAIL], .contact_phone = d.value[CUSTOMERS_D_CONTACT_PHONE],
		.order_key = key, .lines = lines, .n_lines = n_lines, .password = password };
	actor who = actor_of(c->r);
	outcome o = customers_create(c->r->arena, &who, &n);
	if (outcome_is_ok(&o))
		answer_created(c, o.id, arena_printf(c->r->arena, CUSTOMERS_ADMIN_USER "@%s" TENANT_SUFFIX, n.prefix),
			       password);
	else
		answer_refused(c, &o, n.prefix);
	sodium_memzero(password, sizeof password);
}

const api_route api_customer_routes[] = {
	{ "GET", "/v1/customers", list_customers, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, true },
	{ "POST", "/v1/customers", create_customer, WHO_PROVIDER | WHO_SALES, API_SCOPE_CUSTOMERS, new_customer_fields,
	  false },
	{ "GET", "/v1/customers/{id}", get_customer, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ 0 },
};
