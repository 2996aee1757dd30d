/* api_catalog.c: the partner API's offer catalog (the offers an order may choose, as the order pages list
 * them) and audit records (the partner account's activity log, as Account settings > Activity log shows it) */
#include "api/api.h"

#include <stdio.h>
#include <string.h>

#include "activity_log.h"
#include "api/api_seek.h"
#include "app.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "validate.h"
#include "domain/offers.h"

/* ---- GET /v1/offers ---- */

/* CENTS of CURRENCY as the API writes money: { "amount": "12.50", "currency": "USD" } */
static json_object *money(arena *a, long long cents, const char *currency)
{
	json_object *m = json_object_new_object();
	api_put(m, "amount", json_object_new_string(arena_printf(a, "%lld.%02lld", cents / 100, cents % 100)));
	api_put(m, "currency", json_object_new_string(currency));
	return m;
}

static json_object *offer_json(arena *a, const db_rows *rows, int i)
{
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(rows, i, OFFERS_COL_ID)));
	api_put(o, "name", api_string(db_get(rows, i, OFFERS_COL_NAME)));
	api_put(o, "sku", api_string(db_get(rows, i, OFFERS_COL_SKU)));
	if (*db_get(rows, i, OFFERS_COL_CATEGORY))
		api_put(o, "category", api_string(db_get(rows, i, OFFERS_COL_CATEGORY)));
	if (*db_get(rows, i, OFFERS_COL_DESCRIPTION))
		api_put(o, "description", api_string(db_get(rows, i, OFFERS_COL_DESCRIPTION)));
	api_put(o, "unitPrice", money(a, db_get_int(rows, i, OFFERS_COL_PRICE), db_get(rows, i, OFFERS_COL_CURRENCY)));
	api_put(o, "billingCycle", json_object_new_string("monthly"));
	api_put(o, "minimumQuantity", json_object_new_int64(db_get_int(rows, i, OFFERS_COL_MIN)));
	api_put(o, "maximumQuantity", json_object_new_int64(db_get_int(rows, i, OFFERS_COL_MAX)));
	return o;
}

/* Every active offer in the catalog's order, as the order pages list them (they do not page). */
static void offers_list(api_call *c)
{
	db_rows rows;
	if (offers_active(c->r->arena, &rows) != DB_OK) {
		api_unavailable(c);
		return;
	}
	json_object *items = json_object_new_array();
	for (int i = 0; i < rows.nrows; i++)
		json_object_array_add(items, offer_json(c->r->arena, &rows, i));
	api_collection(c, items, NULL);
}

/* ---- GET /v1/auditrecords ---- */

#define FILTER_TEXT_MAX 100  /* as the Activity log's filter form */

static const char *filter_param(api_call *c, const char *name)
{
	return validate_truncate(c->r->arena, validate_trim(c->r->arena, http_query(c->r, name)), FILTER_TEXT_MAX);
}

/* The query's filter, the Activity log form's fields under Partner Center's names; false with the page's
 * refusal answered (the field: the date it is about). */
static bool read_filter(api_call *c, activity_filter *f)
{
	*f = (activity_filter){ .org_text = "", .party_text = "", .user = filter_param(c, "userPrincipalName"),
				.action = filter_param(c, "operationType"), .object = filter_param(c, "resourceType"),
				.from = filter_param(c, "startDate"), .to = filter_param(c, "endDate") };
	const char *problem = activity_filter_problem(f);
	if (!problem)
		return true;
	activity_filter start_only = *f;
	start_only.to = "";
	api_error(c->r, 400, NULL, problem, activity_filter_problem(&start_only) ? "startDate" : "endDate");
	return false;
}

/* A stored before/after value: its JSON object, or its text when it is not one (a row written by hand). */
static json_object *audit_value(const char *text)
{
	if (!*text)
		return NULL;
	json_object *v = json_tokener_parse(text);
	if (json_object_is_type(v, json_type_object))
		return v;
	json_object_put(v);
	return json_object_new_string(text);
}

/* The record's texts that may be empty (null then): its field and column */
static const struct {
	const char *name;
	int col;
} optional_texts[] = {
	{ "userPrincipalName", ACTIVITY_COL_USER }, { "organization", ACTIVITY_COL_ORG },
	{ "onBehalfOf", ACTIVITY_COL_BEHALF }, { "party", ACTIVITY_COL_PARTY }, { "resourceId", ACTIVITY_COL_OBJECT_ID },
	{ "clientIp", ACTIVITY_COL_FROM },
};

static json_object *record_json(const db_rows *rows, int i)
{
	json_object *o = json_object_new_object();
	const char *action = db_get(rows, i, ACTIVITY_COL_ACTION);
	api_put(o, "id", api_id(db_get_int(rows, i, ACTIVITY_COL_ID)));
	api_put(o, "operationDate", api_time(db_get(rows, i, ACTIVITY_COL_AT)));
	for (size_t t = 0; t < sizeof optional_texts / sizeof optional_texts[0]; t++) {
		const char *text = db_get(rows, i, optional_texts[t].col);
		api_put(o, optional_texts[t].name, *text ? json_object_new_string(text) : NULL);
	}
	api_put(o, "operationType", api_string(action));
	api_put(o, "operationLabel", api_string(activity_action_label(action)));
	api_put(o, "resourceType", api_string(db_get(rows, i, ACTIVITY_COL_OBJECT_TYPE)));
	api_put(o, "description", api_string(db_get(rows, i, ACTIVITY_COL_DETAIL)));
	api_put(o, "resourceOldValue", audit_value(db_get(rows, i, ACTIVITY_COL_BEFORE)));
	api_put(o, "resourceNewValue", audit_value(db_get(rows, i, ACTIVITY_COL_AFTER)));
	return o;
}

/* The partner account's activity log, newest first, 50 to a page, as /account/activity (and its .csv). */
static void audit_records(api_call *c)
{
	activity_scope s = { .org_id = c->r->user->org_id };
	activity_filter f;
	if (!read_filter(c, &f))
		return;
	if (c->csv) {
		activity_csv_of(c->r, &s, &f);
		return;
	}
	seek at = api_continuation(c);
	db_rows rows;
	if (activity_rows(c->r->arena, &s, &f, &at, ACTIVITY_PAGE_SIZE, &rows) != DB_OK) {
		api_unavailable(c);
		return;
	}
	const char *next = api_next_page(c->r->arena, &rows, ACTIVITY_PAGE_SIZE, ACTIVITY_COL_ID, -1);
	json_object *items = json_object_new_array();
	for (int i = 0; i < rows.nrows; i++)
		json_object_array_add(items, record_json(&rows, i));
	api_collection(c, items, next);
}

const api_route api_catalog_routes[] = {
	{ "GET", "/v1/offers", offers_list, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "GET", "/v1/auditrecords", audit_records, WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT, API_SCOPE_READ, NULL,
	  true },
	{ 0 },
};
