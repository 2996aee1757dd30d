/* api_users.c: the partner API's users of a customer (Partner Center's CustomerUser) as the page Users and
 * licenses manages them: the list, a new user (its temporary password answered once), a password reset, removal,
 * and the licenses a user holds */
#include "api/api.h"

#include <sodium.h>
#include <string.h>

#include "api/api_seek.h"
#include "app.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "list_query.h"
#include "rights.h"
#include "validate.h"
#include "domain/licenses.h"
#include "domain/tenants.h"

#define USERS_PAGE_SIZE 25      /* as the page */
#define SEARCH_MAX_CHARS 100
#define LICENSE_UPDATES_MAX 100

/* ---- whose users ---- */

/* The customer and its user of the path; else false with the answer given (the page's 404 texts). */
static bool user_of_call(api_call *c, rights_customer *cust, rights_tenant_user *u)
{
	if (!api_customer_of_path(c, cust))
		return false;
	rights_rc rc = rights_for_customer_user(c->r->arena, cust->tenant_id, c->id[1], u);
	if (rc == RIGHTS_FAILED)
		api_unavailable(c);
	else if (rc == RIGHTS_NONE)
		api_error(c->r, 404, NULL, arena_printf(c->r->arena, _("There is no such user in the directory of %s."),
							cust->name), NULL);
	return rc == RIGHTS_OK;
}

/* ---- a user as JSON ---- */

/* A user from columns ID, NAME, UPN, GLOBAL_ADMIN, MUST_CHANGE (TENANTS_USER_*'s first ones) of ROWS' row I */
static json_object *user_json(const db_rows *rows, int i)
{
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(rows, i, TENANTS_USER_ID)));
	api_put(o, "userPrincipalName", api_string(db_get(rows, i, TENANTS_USER_UPN)));
	api_put(o, "displayName", api_string(db_get(rows, i, TENANTS_USER_NAME)));
	api_put(o, "directoryRole",
		json_object_new_string(db_get_int(rows, i, TENANTS_USER_GLOBAL_ADMIN) ? "globalAdmin" : "user"));
	api_put(o, "state", json_object_new_string("active"));
	api_put(o, "mustChangePassword", json_object_new_boolean(db_get_int(rows, i, TENANTS_USER_MUST_CHANGE) != 0));
	return o;
}

/* User ID of directory TENANT as user_json writes it; NULL when it cannot be read. */
static json_object *read_user(arena *a, long long tenant, long long id)
{
	db_rows rows;
	if (db_query_cols(a, &rows, TENANTS_USER_MUST_CHANGE + 1,
			  "SELECT id, display_name, upn, directory_role = 'global_admin', must_change_password "
			  "FROM users WHERE id = ? AND tenant_id = ?", DB_ARGS(DB_INT(id), DB_INT(tenant))) != DB_OK ||
	    rows.nrows != 1)
		return NULL;
	return user_json(&rows, 0);
}

/* Answer STATUS with USER (read afresh) and its one-time PASSWORD; a retry with the same Idempotency-Key
 * gets the user alone. */
static void answer_with_password(api_call *c, int status, long long tenant, long long user, const char *password)
{
	json_object *o = read_user(c->r->arena, tenant, user);
	if (!o) {
		api_unavailable(c);
		return;
	}
	c->replay_body = arena_strdup(c->r->arena, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
										    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object *p = json_object_new_object();
	api_put(p, "password", json_object_new_string(password));
	api_put(p, "forceChangePassword", json_object_new_boolean(true));
	api_put(o, "passwordProfile", p);
	api_json(c, status, o);
}

/* ---- GET /v1/customers/{id}/users ---- */

static void customer_users_get(api_call *c)
{
	rights_customer cust;
	if (!api_customer_of_path(c, &cust))
		return;
	arena *a = c->r->arena;
	const char *q = validate_truncate(a, validate_trim(a, http_query(c->r, "q")), SEARCH_MAX_CHARS);
	list_words words = list_search_words(a, q);
	seek at = api_continuation(c);
	db_rows rows;
	if (tenants_user_page(a, cust.tenant_id, &words, &at, USERS_PAGE_SIZE, &rows, NULL) != DB_OK) {
		api_unavailable(c);
		return;
	}
	const char *next = api_next_page(a, &rows, USERS_PAGE_SIZE, TENANTS_USER_ID, TENANTS_USER_NAME);
	json_object *items = json_object_new_array();
	for (int i = 0; i < rows.nrows; i++)
		json_object_array_add(items, user_json(&rows, i));
	api_collection(c, items, next);
}

/* ---- POST /v1/customers/{id}/users ---- */

static const api_field new_user_fields[] = {
	{ "userPrincipalName", API_STRING, true, 320, NULL, 0 },
	{ "displayName", API_STRING, true, TENANTS_DISPLAY_NAME_MAX, NULL, 0 },
	{ "firstName", API_STRING, false, 64, NULL, 0 },
	{ "lastName", API_STRING, false, 64, NULL, 0 },
	{ "usageLocation", API_STRING, false, 2, NULL, 0 },
	{ "directoryRole", API_STRING, false, 20, NULL, 0 },
	{ 0 },
};

/* The domain's field names as the API's */
static const char *api_field_of(const char *domain_field)
{
	if (!domain_field)
		return NULL;
	return strcmp(domain_field, "display_name") ? "userPrincipalName" : "displayName";
}

/* Answer a refusal with the field named as the body names it. */
static void refuse(api_call *c, outcome o)
{
	o.field = api_field_of(o.field);
	api_outcome(c, &o);
}

/* The part of the body's userPrincipalName before "@DOMAIN" (lowercase); NULL with the refusal answered. */
static const char *user_name_of(api_call *c, const char *domain)
{
	arena *a = c->r->arena;
	const char *upn = validate_lower(a, validate_trim(a, api_body_string(c->body, "userPrincipalName")));
	const char *at = strrchr(upn, '@');
	if (!at || strcasecmp(at + 1, domain)) {
		api_error(c->r, 400, NULL,
			  arena_printf(a, _("The user principal name must end with @%s, the customer's domain, as in "
					    "alex@%s."), domain, domain),
			  "userPrincipalName");
		return NULL;
	}
	return arena_strndup(a, upn, (size_t)(at - upn));
}

/* The body's directoryRole: 0 a user, 1 a global admin; -1 with the refusal answered. */
static int global_admin_of(api_call *c)
{
	const char *role = api_body_string(c->body, "directoryRole");
	if (!*role || !strcmp(role, "user"))
		return 0;
	if (!strcmp(role, "globalAdmin"))
		return 1;
	api_error(c->r, 400, NULL, _("directoryRole is \"user\" or \"globalAdmin\"."), "directoryRole");
	return -1;
}

static void customer_user_post(api_call *c)
{
	rights_customer cust;
	if (!api_customer_of_path(c, &cust))
		return;
	arena *a = c->r->arena;
	const char *name = validate_trim(a, api_body_string(c->body, "displayName"));
	const char *user_name = user_name_of(c, cust.domain);
	int global_admin = user_name ? global_admin_of(c) : -1;
	if (global_admin < 0)
		return;
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(c->r);
	tenants_customer_user_new n = { .customer = cust.id, .display_name = name, .user_name = user_name,
					.global_admin = global_admin == 1, .password = password };
	outcome o = tenants_add_customer_user(a, &who, &n);
	if (outcome_is_ok(&o))
		answer_with_password(c, 201, cust.tenant_id, o.id, password);
	else
		refuse(c, o);
	sodium_memzero(password, sizeof password);
}

/* ---- PATCH /v1/customers/{id}/users/{id}: a password reset, as Partner Center does it ---- */

static const api_field password_profile_fields[] = {
	{ "forceChangePassword", API_BOOLEAN, true, 0, NULL, 0 },
	{ 0 },
};
static const api_field user_patch_fields[] = {
	{ "passwordProfile", API_OBJECT, true, 0, password_profile_fields, 0 },
	{ 0 },
};

static void user_reset_password(api_call *c)
{
	rights_customer cust;
	rights_tenant_user u;
	if (!user_of_call(c, &cust, &u))
		return;
	if (!api_body_bool(api_body_get(c->body, "passwordProfile"), "forceChangePassword")) {
		api_error(c->r, 400, NULL, _("A password reset gives a temporary password that the user changes at their "
					     "next sign-in: send forceChangePassword true."),
			  "passwordProfile.forceChangePassword");
		return;
	}
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(c->r);
	outcome o = tenants_reset_customer_password(c->r->arena, &who, cust.id, u.id, password);
	if (outcome_is_ok(&o))
		answer_with_password(c, 200, cust.tenant_id, u.id, password);
	else
		api_outcome(c, &o);
	sodium_memzero(password, sizeof password);
}

/* ---- DELETE /v1/customers/{id}/users/{id} ---- */

static void user_remove(api_call *c)
{
	rights_customer cust;
	rights_tenant_user u;
	if (!user_of_call(c, &cust, &u))
		return;
	actor who = actor_of(c->r);
	outcome o = tenants_remove_customer_user(c->r->arena, &who, cust.id, u.id);
	if (!outcome_is_ok(&o)) {
		api_outcome(c, &o);
		return;
	}
	strbuf_reset(c->r->body);
	c->r->status = 204;
	c->r->answered = true;
}

/* ---- a user's licenses ---- */

enum { L_SUB, L_ACTIVE, L_OFFER, L_SKU, L_NAME, L_AT, L_NCOLS };

/* The licenses USER holds, by offer name: a DB_* code. */
static int read_licenses(arena *a, long long user, db_rows *rows)
{
	return db_query_cols(a, rows, L_NCOLS,
			     "SELECT s.id, s.status = 'active', f.id, f.sku, f.name, "
			     "DATE_FORMAT(la.assigned_at, '%Y-%m-%d %H:%i:%s') FROM license_assignments la "
			     "JOIN subscriptions s ON s.id = la.subscription_id JOIN offers f ON f.id = s.offer_id "
			     "WHERE la.user_id = ? ORDER BY f.name, s.id", DB_ARGS(DB_INT(user)));
}

static void answer_licenses(api_call *c, long long user)
{
	db_rows rows;
	if (read_licenses(c->r->arena, user, &rows) != DB_OK) {
		api_unavailable(c);
		return;
	}
	json_object *items = json_object_new_array();
	for (int i = 0; i < rows.nrows; i++) {
		json_object *l = json_object_new_object(), *sku = json_object_new_object();
		api_put(sku, "id", api_string(db_get(&rows, i, L_SKU)));
		api_put(sku, "name", api_string(db_get(&rows, i, L_NAME)));
		api_put(l, "skuId", api_id(db_get_int(&rows, i, L_SUB)));
		api_put(l, "subscriptionId", api_id(db_get_int(&rows, i, L_SUB)));
		api_put(l, "offerId", api_id(db_get_int(&rows, i, L_OFFER)));
		api_put(l, "productSku", sku);
		api_put(l, "assignedDate", api_time(db_get(&rows, i, L_AT)));
		json_object_array_add(items, l);
	}
	api_collection(c, items, NULL);
}

static void user_licenses(api_call *c)
{
	rights_customer cust;
	rights_tenant_user u;
	if (user_of_call(c, &cust, &u))
		answer_licenses(c, u.id);
}

/* ---- POST /v1/customers/{id}/users/{id}/licenseupdates ---- */

static const api_field license_fields[] = {
	{ "skuId", API_STRING, true, 20, NULL, 0 },
	{ 0 },
};
static const api_field license_update_fields[] = {
	{ "licensesToAssign", API_ARRAY, false, LICENSE_UPDATES_MAX, license_fields, 0 },
	{ "licensesToRemove", API_ARRAY, false, LICENSE_UPDATES_MAX, NULL, API_STRING },
	{ 0 },
};

typedef struct {
	long long *subs;
	int n, cap;
} sub_set;

static bool in_set(const sub_set *s, long long id)
{
	for (int i = 0; i < s->n; i++)
		if (s->subs[i] == id)
			return true;
	return false;
}

static void set_add(sub_set *s, long long id)
{
	if (!in_set(s, id) && s->n < s->cap)
		s->subs[s->n++] = id;
}

static void set_remove(sub_set *s, long long id)
{
	for (int i = 0; i < s->n; i++)
		if (s->subs[i] == id)
			s->subs[i--] = s->subs[--s->n];
}

/* The customer's active subscriptions' ids into ACTIVE (room for them and the user's); a DB_* code. */
static int read_active(arena *a, long long customer, sub_set *active)
{
	db_rows rows;
	int rc = db_query(a, &rows, "SELECT id FROM subscriptions WHERE customer_org_id = ? AND status = 'active'",
			  DB_ARGS(DB_INT(customer)));
	if (rc != DB_OK)
		return rc;
	*active = (sub_set){ arena_calloc(a, ((size_t)rows.nrows + 1) * sizeof(long long)), 0, rows.nrows };
	for (int i = 0; i < rows.nrows; i++)
		set_add(active, db_get_int(&rows, i, 0));
	return DB_OK;
}

/* The licenses the user is to hold: those of active subscriptions they hold now, with the body's to assign and
 * without those to remove; false with a 400 answered for a skuId that is not one of ACTIVE. */
static bool chosen_licenses(api_call *c, const sub_set *active, long long user, sub_set *chosen)
{
	db_rows held;
	if (read_licenses(c->r->arena, user, &held) != DB_OK) {
		api_unavailable(c);
		return false;
	}
	*chosen = (sub_set){ arena_calloc(c->r->arena, ((size_t)active->n + 1) * sizeof(long long)), 0, active->n };
	for (int i = 0; i < held.nrows; i++)
		if (db_get_int(&held, i, L_ACTIVE))
			set_add(chosen, db_get_int(&held, i, L_SUB));
	json_object *assign = api_body_get(c->body, "licensesToAssign"), *remove = api_body_get(c->body, "licensesToRemove");
	for (size_t i = 0; assign && i < json_object_array_length(assign); i++) {
		long long sub = api_body_id(json_object_array_get_idx(assign, i), "skuId");
		if (!in_set(active, sub)) {
			api_error(c->r, 400, NULL,
				  _("This skuId is not one of the customer's active subscriptions. Use the id of one (GET "
				    "/v1/customers/{id}/subscriptions) that has licenses left."),
				  arena_printf(c->r->arena, "licensesToAssign[%zu].skuId", i));
			return false;
		}
		set_add(chosen, sub);
	}
	for (size_t i = 0; remove && i < json_object_array_length(remove); i++)
		set_remove(chosen, http_id(json_object_get_string(json_object_array_get_idx(remove, i))));
	return true;
}

static void user_license_updates(api_call *c)
{
	rights_customer cust;
	rights_tenant_user u;
	sub_set active, chosen;
	if (!user_of_call(c, &cust, &u))
		return;
	if (read_active(c->r->arena, cust.id, &active) != DB_OK) {
		api_unavailable(c);
		return;
	}
	if (!chosen_licenses(c, &active, u.id, &chosen))
		return;
	licenses_choice choice = { chosen.subs, chosen.n };
	actor who = actor_of(c->r);
	outcome o = licenses_set(c->r->arena, &who, cust.id, u.id, &choice);
	if (outcome_is_ok(&o))
		answer_licenses(c, u.id);
	else
		api_outcome(c, &o);
}

#define MANAGERS (WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT)

const api_route api_user_routes[] = {
	{ "GET", "/v1/customers/{id}/users", customer_users_get, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "POST", "/v1/customers/{id}/users", customer_user_post, MANAGERS, API_SCOPE_USERS, new_user_fields, false },
	{ "PATCH", "/v1/customers/{id}/users/{id}", user_reset_password, MANAGERS, API_SCOPE_USERS, user_patch_fields,
	  false },
	{ "DELETE", "/v1/customers/{id}/users/{id}", user_remove, MANAGERS, API_SCOPE_USERS, NULL, false },
	{ "GET", "/v1/customers/{id}/users/{id}/licenses", user_licenses, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ,
	  NULL, false },
	{ "POST", "/v1/customers/{id}/users/{id}/licenseupdates", user_license_updates, MANAGERS, API_SCOPE_USERS,
	  license_update_fields, false },
	{ 0 },
};
