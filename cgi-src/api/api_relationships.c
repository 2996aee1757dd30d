/* api_relationships.c: the partner API's partner relationships (a provider's resellers, a reseller's providers,
 * ending one), the provider's partnership requests and the reseller's customer relationship requests
 * (invitations): the same rights, lists and domain functions as the Indirect resellers, Indirect providers and
 * Invitations sent pages */
#include "api/api.h"

#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/partnerships.h"
#include "domain/relationships.h"
#include "i18n.h"

#define TYPE_RESELLERS "IsIndirectResellerOf"
#define TYPE_PROVIDERS "IsIndirectCloudSolutionProviderOf"

/* A page of a seek list read forwards (api_continuation is ?after=): ROWS cut to PAGE, and the next page's
 * token (the pages' cursor "ID:KEY" of the last row; KEY_COL -1: none) when a row was left over, else NULL. */
static const char *next_page(arena *a, db_rows *rows, int page, int id_col, int key_col)
{
	if (rows->nrows <= page)
		return NULL;
	rows->nrows = page;
	return arena_printf(a, "%s:%s", db_get(rows, page - 1, id_col), key_col < 0 ? "" : db_get(rows, page - 1, key_col));
}

static json_object *string_or_null(const char *s)
{
	return api_string(*s ? s : NULL);
}

static void no_content(api_call *c)
{
	strbuf_reset(c->r->body);
	c->r->status = 204;
	c->r->answered = true;
}

/* A change of the object the path's {id} names, done by the page's domain function CHANGE: 204, or its
 * refusal in the page's words. */
typedef outcome (*change_of_id)(arena *a, const actor *who, long long id);
static void change_by_id(api_call *c, change_of_id change)
{
	actor who = actor_of(c->r);
	outcome o = change(c->r->arena, &who, c->id[0]);
	if (outcome_is_ok(&o))
		no_content(c);
	else
		api_outcome(c, &o);
}

/* One object of the answer from row I of ROWS (CONTEXT: what the list is of). */
typedef json_object *(*item_of)(const db_rows *rows, int i, const char *context);

/* The answer to a list read with RC into ROWS (a page of PAGE, the cursor's columns ID_COL and KEY_COL): the
 * collection of ITEM's objects and the next page's token, or a 503. */
static void answer_page(api_call *c, int rc, db_rows *rows, int page, int id_col, int key_col, item_of item,
			const char *context)
{
	if (rc != DB_OK) {
		api_unavailable(c);
		return;
	}
	const char *next = next_page(c->r->arena, rows, page, id_col, key_col);
	json_object *items = json_object_new_array();
	for (int i = 0; i < rows->nrows; i++)
		json_object_array_add(items, item(rows, i, context));
	api_collection(c, items, next);
}

/* The emailed links a partner sends (partnership requests, invitations): how their list is read (the same
 * function as the page's, of the caller's organization, a page or ONLY one), cut into pages and shown. */
typedef int (*read_links)(arena *a, long long org, const seek *at, long long only, db_rows *rows);
typedef struct {
	read_links read;
	int page, id_col, key_col;
	item_of item;
	const char *path;  /* the link's page */
} link_list;

static void list_links(api_call *c, const link_list *l)
{
	seek at = api_continuation(c);
	db_rows rows;
	int rc = l->read(c->r->arena, c->r->user->org_id, &at, 0, &rows);
	answer_page(c, rc, &rows, l->page, l->id_col, l->key_col, l->item, NULL);
}

/* The answer to a request or invitation made (O, with TOKEN): 201 with the list's object of it and its
 * personalized link (shown this once), or the refusal. */
static void answer_made(api_call *c, const outcome *o, const char *token, const link_list *l)
{
	if (!outcome_is_ok(o)) {
		api_outcome(c, o);
		return;
	}
	seek first = { .from = SEEK_FIRST, .key = "" };
	db_rows rows;
	if (l->read(c->r->arena, c->r->user->org_id, &first, o->id, &rows) != DB_OK || rows.nrows != 1) {
		api_unavailable(c);
		return;
	}
	json_object *made = l->item(&rows, 0, NULL);
	api_put(made, "url", api_string(partnerships_link(c->r->arena, l->path, token)));
	api_json(c, 201, made);
}

/* ---- partner relationships ---- */

static json_object *relationship_item(const db_rows *rows, int i, const char *type)
{
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(rows, i, PARTNER_ID)));
	api_put(o, "name", api_string(db_get(rows, i, PARTNER_NAME)));
	api_put(o, "relationshipType", api_string(type));
	api_put(o, "state", api_string("active"));
	api_put(o, "msPartnerNetworkId", string_or_null(db_get(rows, i, PARTNER_MPN_ID)));
	api_put(o, "location", string_or_null(db_get(rows, i, PARTNER_COUNTRY)));
	api_put(o, "createdDateTime", api_time(db_get(rows, i, PARTNER_STARTED_AT)));
	return o;
}

/* GET /v1/relationships?relationship_type=: the Indirect resellers page's partners for a provider, the
 * Indirect providers page's for a reseller. */
static void list_relationships(api_call *c)
{
	request *r = c->r;
	const char *type = http_query(r, "relationship_type");
	bool resellers = !strcmp(type, TYPE_RESELLERS);
	if (!resellers && strcmp(type, TYPE_PROVIDERS)) {
		api_error(r, 400, NULL, _("relationship_type must be IsIndirectResellerOf (a provider's indirect resellers) "
					  "or IsIndirectCloudSolutionProviderOf (a reseller's indirect providers)."),
			  "relationship_type");
		return;
	}
	const char *refusal = route_guard_refusal(resellers ? WHO_PROVIDER : WHO_RESELLER, r->user);
	if (refusal) {
		api_error(r, 403, NULL, refusal, NULL);
		return;
	}
	seek at = api_continuation(c);
	list_words all = list_search_words(r->arena, "");
	db_rows rows;
	int rc = partnership_partners_page(r, resellers ? &partnership_as_provider : &partnership_as_reseller, &all, &at,
					   &rows);
	answer_page(c, rc, &rows, PARTNERSHIP_PAGE_SIZE, PARTNER_ID, PARTNER_NAME, relationship_item, type);
}

/* DELETE /v1/relationships/{id}: end the partnership with organization ID, from either side (the pages' End). */
static void end_relationship(api_call *c)
{
	change_by_id(c, partnerships_end);
}

/* ---- partnership requests ---- */

static json_object *request_item(const db_rows *rows, int i, const char *context)
{
	(void)context;
	const char *state = db_get(rows, i, REQUEST_STATE);
	bool closed = strcmp(state, "sent");
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(rows, i, REQUEST_ID)));
	api_put(o, "state", api_string(state));
	api_put(o, "createdBy", api_string(db_get(rows, i, REQUEST_CREATED_BY)));
	api_put(o, "createdDateTime", api_time(db_get(rows, i, REQUEST_CREATED_AT)));
	api_put(o, "expiresDateTime", api_time(db_get(rows, i, REQUEST_EXPIRES_AT)));
	api_put(o, "stateChangedDateTime", closed ? api_time(db_get(rows, i, REQUEST_AT)) : NULL);
	api_put(o, "resellerId", api_id(db_get_int(rows, i, REQUEST_ORG_ID)));
	api_put(o, "resellerName", string_or_null(db_get(rows, i, REQUEST_ORG_NAME)));
	api_put(o, "acceptedBy", string_or_null(db_get(rows, i, REQUEST_USER_NAME)));
	return o;
}

/* The page's form takes nothing but its CSRF token: the body is {} */
static const api_field request_fields[] = {
	{ 0 },
};

static const link_list requests = {
	partnership_requests_read, PARTNERSHIP_REQUESTS_PAGE_SIZE, REQUEST_ID, REQUEST_CREATED_AT, request_item,
	PARTNERSHIP_LINK_PATH,
};

/* POST /v1/relationshiprequests: a partnership request and its personalized link, as Request a partnership
 * shows it (the only time the link can be read). */
static void create_request(api_call *c)
{
	request *r = c->r;
	actor who = actor_of(r);
	partnership_request_made made;
	outcome o = partnerships_request(r->arena, &who, &made);
	answer_made(c, &o, made.token, &requests);
}

/* GET /v1/relationshiprequests: the Partnership requests sent, newest first. */
static void list_requests(api_call *c)
{
	list_links(c, &requests);
}

static void revoke_request(api_call *c)
{
	change_by_id(c, partnerships_revoke_request);
}

/* ---- customer relationship requests (invitations) ---- */

static json_object *invitation_item(const db_rows *rows, int i, const char *context)
{
	(void)context;
	json_object *o = json_object_new_object();
	api_put(o, "id", api_id(db_get_int(rows, i, INV_ID)));
	api_put(o, "state", api_string(db_get(rows, i, INV_STATE)));
	api_put(o, "indirectProviderId", api_id(db_get_int(rows, i, INV_PROVIDER_ID)));
	api_put(o, "indirectProviderName", string_or_null(db_get(rows, i, INV_PROVIDER)));
	api_put(o, "createdBy", api_string(db_get(rows, i, INV_CREATED_BY)));
	api_put(o, "createdDateTime", api_time(db_get(rows, i, INV_CREATED_AT)));
	api_put(o, "expiresDateTime", api_time(db_get(rows, i, INV_EXPIRES_AT)));
	api_put(o, "customerId", api_id(db_get_int(rows, i, INV_CUSTOMER_ID)));
	api_put(o, "customerName", string_or_null(db_get(rows, i, INV_CUSTOMER)));
	return o;
}

static const link_list invitations = {
	relationships_invitations_read, INVITATIONS_PAGE_SIZE, INV_ID, -1, invitation_item, INVITATION_LINK_PATH,
};

static const api_field invitation_fields[] = {
	{ .name = "indirectProviderId", .type = API_STRING, .max = 20 },
	{ 0 },
};

/* POST /v1/customers/relationshiprequests: the reseller's invitation, alone (Request a reseller relationship)
 * or with one of its providers (Invite new customers), and its personalized link. */
static void create_invitation(api_call *c)
{
	request *r = c->r;
	actor who = actor_of(r);
	relationship_invitation made;
	outcome o;
	if (!*api_body_string(c->body, "indirectProviderId")) {
		o = relationships_invite(r->arena, &who, &made);
	} else if (!api_body_id(c->body, "indirectProviderId")) {
		api_error(r, 400, NULL, _("indirectProviderId must be the id of one of your indirect providers, as GET "
					  "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf lists them."),
			  "indirectProviderId");
		return;
	} else {
		o = relationships_invite_with(r->arena, &who, api_body_id(c->body, "indirectProviderId"), &made);
	}
	answer_made(c, &o, made.token, &invitations);
}

/* GET /v1/customers/relationshiprequests: Invitations sent, newest first. */
static void list_invitations(api_call *c)
{
	list_links(c, &invitations);
}

static void revoke_invitation(api_call *c)
{
	change_by_id(c, relationships_revoke_invitation);
}

/* WHO_* as routes.c has the pages' routes: /resellers, /indirect-providers (and their /end), /resellers/request
 * (and /revoke, /requests), /customers/request-relationship and /indirect-providers/invite, /customers/invitations
 * (and /revoke). */
const api_route api_relationship_routes[] = {
	{ "GET", "/v1/relationships", list_relationships, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "DELETE", "/v1/relationships/{id}", end_relationship, WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT,
	  API_SCOPE_RELATIONSHIPS, NULL, false },
	{ "GET", "/v1/relationshiprequests", list_requests, WHO_PROVIDER, API_SCOPE_READ, NULL, false },
	{ "POST", "/v1/relationshiprequests", create_request, WHO_PROVIDER | WHO_ADMIN_AGENT, API_SCOPE_RELATIONSHIPS,
	  request_fields, false },
	{ "DELETE", "/v1/relationshiprequests/{id}", revoke_request, WHO_PROVIDER | WHO_ADMIN_AGENT,
	  API_SCOPE_RELATIONSHIPS, NULL, false },
	{ "GET", "/v1/customers/relationshiprequests", list_invitations, WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ "POST", "/v1/customers/relationshiprequests", create_invitation, WHO_RESELLER | WHO_SALES,
	  API_SCOPE_RELATIONSHIPS, invitation_fields, false },
	{ "DELETE", "/v1/customers/relationshiprequests/{id}", revoke_invitation, WHO_RESELLER | WHO_SALES,
	  API_SCOPE_RELATIONSHIPS, NULL, false },
	{ 0 },
};
