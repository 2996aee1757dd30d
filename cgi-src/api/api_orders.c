/* api_orders.c: the partner API's a customer's orders, subscriptions (license changes become orders) and support
 * contacts: the same rights (rights.c), domain functions (domain/orders.c, domain/subscriptions.c) and list
 * queries (customer_lists.c) as the pages page_subscriptions.c and page_customer_subscriptions.c */
#include "api/api.h"
#include "api/api_seek.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "csv.h"
#include "customer_lists.h"
#include "domain/customers.h"
#include "domain/orders.h"
#include "domain/subscriptions.h"
#include "i18n.h"
#include "rights.h"

#define ORDERS_PAGE 20
#define SUBSCRIPTIONS_PAGE 20
#define LINE_ITEMS_MAX 50

/* ---- shared steps ---- */

static json_object *id_or_null(const db_rows *q, int i, int col)
{
	return api_id(db_get_int(q, i, col));
}

/* ---- subscriptions ---- */

static const char *status_name(const char *status)
{
	return !strcmp(status, "active") ? "active" : "suspended";
}

/* A subscription, after Partner Center's Subscription (partnerId: the reseller of record). */
static json_object *subscription_json(const db_rows *q, int i, long long customer)
{
	json_object *s = json_object_new_object();
	api_put(s, "id", id_or_null(q, i, SUB_ID));
	api_put(s, "customerId", api_id(customer));
	api_put(s, "offerId", id_or_null(q, i, SUB_OFFER_ID));
	api_put(s, "offerName", api_string(db_get(q, i, SUB_OFFER)));
	api_put(s, "sku", api_string(db_get(q, i, SUB_SKU)));
	api_put(s, "quantity", json_object_new_int64(db_get_int(q, i, SUB_LICENSES)));
	api_put(s, "status", api_string(status_name(db_get(q, i, SUB_STATUS))));
	api_put(s, "partnerId", id_or_null(q, i, SUB_RESELLER_ID));
	api_put(s, "partnerName", *db_get(q, i, SUB_RESELLER) ? api_string(db_get(q, i, SUB_RESELLER)) : NULL);
	api_put(s, "partnerMpnId", *db_get(q, i, SUB_MPN) ? api_string(db_get(q, i, SUB_MPN)) : NULL);
	api_put(s, "supportContactId", id_or_null(q, i, SUB_SUPPORT_ID));
	api_put(s, "creationDate", api_time(db_get(q, i, SUB_CREATED)));
	return s;
}

/* Q's first N rows as JSON items; NULL when they could not be read. */
typedef json_object *(*items_json)(api_call *c, const db_rows *q, int n, long long customer);

/* A page of list L of customer C->id[0] (PAGE items), or with Accept: text/csv the whole list as the page's .csv */
static void list_of_customer(api_call *c, const customer_list *l, int page, items_json items_of)
{
	rights_customer customer;
	if (!api_customer_of_path(c, &customer))
		return;
	if (c->csv) {
		if (customer_list_csv(c->r->arena, l, customer.id, c->r->body) != DB_OK) {
			strbuf_reset(c->r->body);
			api_unavailable(c);
		} else {
			csv_answer(c->r, arena_printf(c->r->arena, "%s-%lld.csv", l->name, customer.id));
		}
		return;
	}
	seek at = api_continuation(c);
	db_rows q;
	json_object *items = NULL;
	if (customer_list_read(c->r->arena, l, customer.id, &at, page, &q) != DB_OK ||
	    !(items = items_of(c, &q, q.nrows < page ? q.nrows : page, customer.id))) {
		api_unavailable(c);
		return;
	}
	api_collection(c, items, api_next_page(c->r->arena, &q, page, l->id_col, -1));
}

static json_object *subscriptions_json(api_call *c, const db_rows *q, int n, long long customer)
{
	(void)c;
	json_object *items = json_object_new_array();
	for (int i = 0; i < n; i++)
		json_object_array_add(items, subscription_json(q, i, customer));
	return items;
}

static void list_subscriptions(api_call *c)
{
	list_of_customer(c, &customer_subscription_list, SUBSCRIPTIONS_PAGE, subscriptions_json);
}

/* Subscription C->id[1] of customer C->id[0] (a subscription of another customer is not found); false when
 * answered. */
static bool read_subscription(api_call *c, long long customer, db_rows *q)
{
	if (customer_list_read_one(c->r->arena, &customer_subscription_list, customer, c->id[1], q) != DB_OK) {
		api_unavailable(c);
		return false;
	}
	if (q->nrows != 1)
		api_not_granted(c, RIGHTS_NONE, RIGHTS_SUBSCRIPTION);
	return q->nrows == 1;
}

/* The customer and its subscription C->id[1], both the token's organization's to see; false when answered. */
static bool subscription_of_path(api_call *c, rights_customer *customer, db_rows *q)
{
	return api_customer_of_path(c, customer) && read_subscription(c, customer->id, q);
}

static void get_subscription(api_call *c)
{
	rights_customer customer;
	db_rows q;
	if (subscription_of_path(c, &customer, &q))
		api_json(c, 200, subscription_json(&q, 0, customer.id));
}

/* ---- PATCH a subscription: its license count (an order) and its reseller of record ---- */

typedef struct {
	arena *a;
	const actor *who;
	long long subscription, quantity, reseller;
	bool set_quantity, set_reseller;
	long long order_id;
} subscription_patch;

/* Both changes in one transaction: a refused one leaves the other undone too. */
static outcome patch_subscription(void *ctx)
{
	subscription_patch *p = ctx;
	if (p->set_quantity) {
		char key[ORDER_KEY_LEN + 1];
		order_new_key(key);  /* the API's retries are the Idempotency-Key's (api.c) */
		outcome o = orders_set_licenses(p->a, p->who, p->subscription, p->quantity, key);
		if (!outcome_is_ok(&o))
			return o;
		p->order_id = o.id;
	}
	if (p->set_reseller)
		return subscriptions_set_reseller_of_record(p->a, p->who, p->subscription, p->reseller);
	return outcome_ok(p->subscription);
}

/* The body's partnerId: 0 for none ("" or null), -1 for text that names no organization. */
static long long body_partner(json_object *body, const char *name)
{
	const char *text = api_body_string(body, name);
	if (!*text || !strcmp(text, "0"))
		return 0;
	return api_body_id(body, name) ? api_body_id(body, name) : -1;
}

/* A domain refusal with the API's field names in place of the form's. */
static void refused(api_call *c, outcome o, const char *field)
{
	if (o.field)
		o.field = field;
	api_outcome(c, &o);
}

static void update_subscription(api_call *c)
{
	rights_customer customer;
	db_rows q;
	if (!subscription_of_path(c, &customer, &q))
		return;
	actor who = actor_of(c->r);
	subscription_patch p = { .a = c->r->arena, .who = &who, .subscription = db_get_int(&q, 0, SUB_ID),
				 .quantity = api_body_int(c->body, "quantity"),
				 .set_quantity = api_body_get(c->body, "quantity") != NULL,
				 .set_reseller = api_body_get(c->body, "partnerId") != NULL,
				 .reseller = body_partner(c->body, "partnerId") };
	const char *refusal = route_guard_refusal(WHO_PROVIDER | WHO_SALES, c->r->user);  /* /subscriptions/reseller's */
	if (p.set_reseller && refusal) {
		api_error(c->r, 403, NULL, refusal, NULL);
		return;
	}
	outcome o = domain_tx(patch_subscription, &p);
	if (!outcome_is_ok(&o)) {
		refused(c, o, o.field && !strcmp(o.field, "licenses") ? "quantity" : "partnerId");
		return;
	}
	if (!read_subscription(c, customer.id, &q))
		return;
	json_object *s = subscription_json(&q, 0, customer.id);
	if (p.order_id)
		api_put(s, "orderId", api_id(p.order_id));
	api_json(c, 200, s);
}

/* ---- support contact ---- */

/* Partner Center's SupportContact: the designated organization's tenant, MPN ID and name (all null for none). */
static json_object *support_json(const db_rows *q)
{
	bool none = !db_get_int(q, 0, SUB_SUPPORT_ID);
	json_object *s = json_object_new_object();
	api_put(s, "partnerId", id_or_null(q, 0, SUB_SUPPORT_ID));
	api_put(s, "supportTenantId", id_or_null(q, 0, SUB_SUPPORT_TENANT));
	api_put(s, "supportMpnId", *db_get(q, 0, SUB_SUPPORT_MPN) ? api_string(db_get(q, 0, SUB_SUPPORT_MPN)) : NULL);
	api_put(s, "name", none ? NULL : api_string(db_get(q, 0, SUB_SUPPORT)));
	return s;
}

static void get_support_contact(api_call *c)
{
	rights_customer customer;
	db_rows q;
	if (subscription_of_path(c, &customer, &q))
		api_json(c, 200, support_json(&q));
}

static void set_support_contact(api_call *c)
{
	rights_customer customer;
	db_rows q;
	if (!subscription_of_path(c, &customer, &q))
		return;
	actor who = actor_of(c->r);
	outcome o = subscriptions_set_support_contact(c->r->arena, &who, db_get_int(&q, 0, SUB_ID),
						      api_body_id(c->body, "partnerId"));
	if (!outcome_is_ok(&o)) {
		refused(c, o, "partnerId");
		return;
	}
	if (read_subscription(c, customer.id, &q))
		api_json(c, 200, support_json(&q));
}

/* ---- orders ---- */

/* Order I of Q with its line items, those of LINES (customer_order_lines_read, by order) from *AT on. */
static json_object *order_json(arena *a, const db_rows *q, int i, long long customer, const db_rows *lines, int *at)
{
	long long id = db_get_int(q, i, ORD_ID);
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(id));
	api_put(o, "referenceCustomerId", api_id(customer));
	json_object *items = json_object_new_array();
	for (int n = 0; *at < lines->nrows && db_get_int(lines, *at, OLINE_ORDER) == id; (*at)++) {
		json_object *l = json_object_new_object();
		api_put(l, "lineItemNumber", json_object_new_int(n++));
		api_put(l, "offerId", id_or_null(lines, *at, OLINE_OFFER_ID));
		api_put(l, "subscriptionId", id_or_null(lines, *at, OLINE_SUBSCRIPTION_ID));
		api_put(l, "quantity", json_object_new_int64(db_get_int(lines, *at, OLINE_QUANTITY)));
		api_put(l, "partnerIdOnRecord", id_or_null(lines, *at, OLINE_RESELLER_ID));
		json_object_array_add(items, l);
	}
	api_put(o, "lineItems", items);
	api_put(o, "status", api_string("completed"));  /* an order is placed whole or not at all */
	api_put(o, "creationDate", api_time(db_get(q, i, ORD_PLACED_AT)));
	api_put(o, "placedBy", api_string(db_get(q, i, ORD_PLACED_BY)));
	api_put(o, "currency", api_string(db_get(q, i, ORD_CURRENCY)));
	long long cents = db_get_int(q, i, ORD_TOTAL), abs = cents < 0 ? -cents : cents;
	json_object *total = json_object_new_object();
	api_put(total, "amount", json_object_new_string(arena_printf(a, "%s%lld.%02lld", cents < 0 ? "-" : "",
								    abs / 100, abs % 100)));
	api_put(total, "currency", api_string(db_get(q, i, ORD_CURRENCY)));
	api_put(o, "monthlyTotal", total);
	return o;
}

/* Q's first N orders as JSON (their lines read in one query); NULL when the lines could not be read. */
static json_object *orders_json(api_call *c, const db_rows *q, int n, long long customer)
{
	json_object *items = json_object_new_array();
	if (n == 0)
		return items;
	long long first = db_get_int(q, 0, ORD_ID), last = first;
	for (int i = 0; i < n; i++) {
		long long id = db_get_int(q, i, ORD_ID);
		first = id < first ? id : first;
		last = id > last ? id : last;
	}
	db_rows lines;
	if (customer_order_lines_read(c->r->arena, customer, first, last, &lines) != DB_OK) {
		json_object_put(items);
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		int at = 0;
		long long id = db_get_int(q, i, ORD_ID);
		while (at < lines.nrows && db_get_int(&lines, at, OLINE_ORDER) != id)
			at++;
		json_object_array_add(items, order_json(c->r->arena, q, i, customer, &lines, &at));
	}
	return items;
}

static void list_orders(api_call *c)
{
	list_of_customer(c, &customer_order_list, ORDERS_PAGE, orders_json);
}

/* Answer order ID of CUSTOMER as JSON with STATUS. */
static void answer_order(api_call *c, int status, long long customer, long long id)
{
	db_rows q;
	json_object *o = NULL;
	if (customer_list_read_one(c->r->arena, &customer_order_list, customer, id, &q) != DB_OK) {
		api_unavailable(c);
		return;
	}
	if (q.nrows != 1) {
		api_not_granted(c, RIGHTS_NONE, RIGHTS_ORDER);
		return;
	}
	if (!(o = orders_json(c, &q, 1, customer))) {
		api_unavailable(c);
		return;
	}
	json_object *order = json_object_get(json_object_array_get_idx(o, 0));
	json_object_put(o);
	api_json(c, status, order);
}

static void get_order(api_call *c)
{
	rights_customer customer;
	if (!api_customer_of_path(c, &customer))
		return;
	rights_rc rc = rights_for_order(c->r->arena, c->r->user, c->id[1]);
	if (rc != RIGHTS_OK)
		api_not_granted(c, rc, RIGHTS_ORDER);
	else
		answer_order(c, 200, customer.id, c->id[1]);
}

/* The line items as the domain's order lines, and their one reseller of record; false when answered (400). */
static bool read_line_items(api_call *c, orders_new *o)
{
	json_object *items = api_body_get(c->body, "lineItems");
	int n = (int)json_object_array_length(items);
	orders_line *lines = arena_calloc(c->r->arena, (size_t)(n + 1) * sizeof *lines);
	for (int i = 0; i < n; i++) {
		json_object *item = json_object_array_get_idx(items, (size_t)i);
		long long reseller = body_partner(item, "partnerIdOnRecord");
		lines[i] = (orders_line){ .offer_id = api_body_id(item, "offerId"),
					  .licenses = api_body_int(item, "quantity") };
		if (i > 0 && reseller != o->reseller) {
			api_error(c->r, 400, NULL, _("All line items of one order have the same reseller of record "
						     "(partnerIdOnRecord). Place one order for each reseller of record."),
				  arena_printf(c->r->arena, "lineItems[%d].partnerIdOnRecord", i));
			return false;
		}
		o->reseller = reseller;
	}
	o->lines = lines;
	o->nlines = n;
	return true;
}

/* The API's name of the field a refusal of orders_place_new names ("licenses_<offer>", "reseller_of_record"). */
static const char *order_field(api_call *c, const orders_new *o, const char *field)
{
	if (!field)
		return NULL;
	if (!strcmp(field, "reseller_of_record"))
		return "lineItems[0].partnerIdOnRecord";
	for (int i = 0; i < o->nlines; i++)
		if (!strcmp(field, arena_printf(c->r->arena, "licenses_%lld", o->lines[i].offer_id)))
			return arena_printf(c->r->arena, "lineItems[%d].quantity", i);
	return "lineItems";
}

static void place_order(api_call *c)
{
	rights_customer customer;
	if (!api_customer_of_path(c, &customer))
		return;
	char key[ORDER_KEY_LEN + 1];
	order_new_key(key);  /* the API's retries are the Idempotency-Key's (api.c) */
	orders_new o = { .key = key, .customer = customer.id };
	if (!read_line_items(c, &o))
		return;
	actor who = actor_of(c->r);
	outcome placed = orders_place_new(c->r->arena, &who, &o);
	if (!outcome_is_ok(&placed)) {
		placed.field = order_field(c, &o, placed.field);
		api_outcome(c, &placed);
		return;
	}
	http_header(c->r, "Location", arena_printf(c->r->arena, "/v1/customers/%lld/orders/%lld", customer.id, placed.id));
	answer_order(c, 201, customer.id, placed.id);
}

/* ---- the routes ---- */

static const api_field line_item_fields[] = {
	{ "offerId", API_STRING, true, 20, NULL, 0 },
	{ "quantity", API_INTEGER, true, 0, NULL, 0 },
	{ "partnerIdOnRecord", API_STRING, false, 20, NULL, 0 },
	{ 0 },
};

static const api_field order_fields[] = {
	{ "lineItems", API_ARRAY, true, LINE_ITEMS_MAX, line_item_fields, 0 },
	{ 0 },
};

static const api_field subscription_fields[] = {
	{ "quantity", API_INTEGER, false, 0, NULL, 0 },
	{ "partnerId", API_STRING, false, 20, NULL, 0 },
	{ 0 },
};

static const api_field support_fields[] = {
	{ "partnerId", API_STRING, true, 20, NULL, 0 },
	{ 0 },
};

#define CUSTOMER_SUB "/v1/customers/{id}/subscriptions/{id}"

const api_route api_order_routes[] = {
	{ "GET", "/v1/customers/{id}/orders", list_orders, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, true },
	{ "POST", "/v1/customers/{id}/orders", place_order, WHO_PROVIDER | WHO_SALES, API_SCOPE_ORDERS, order_fields, false },
	{ "GET", "/v1/customers/{id}/orders/{id}", get_order, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "GET", "/v1/customers/{id}/subscriptions", list_subscriptions, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL,
	  true },
	{ "GET", CUSTOMER_SUB, get_subscription, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "PATCH", CUSTOMER_SUB, update_subscription, WHO_PROVIDER | WHO_RESELLER | WHO_SALES, API_SCOPE_ORDERS,
	  subscription_fields, false },
	{ "GET", CUSTOMER_SUB "/supportcontact", get_support_contact, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL,
	  false },
	{ "PUT", CUSTOMER_SUB "/supportcontact", set_support_contact, WHO_PROVIDER | WHO_SALES, API_SCOPE_ORDERS,
	  support_fields, false },
	{ 0 },
};
