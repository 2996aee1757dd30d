/* api_me.c: GET /v1/me: who a token acts as (its user, partner account and roles) and what it may do (its
 * scopes and expiry), for a script to check its token before it starts */
#include "api/api.h"
#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/api_tokens.h"

static json_object *roles_of(const user *u)
{
	json_object *roles = json_object_new_array();
	static const struct { unsigned bit; const char *name; } names[] = {
		{ ROLE_ADMIN_AGENT, "adminAgent" }, { ROLE_SALES_AGENT, "salesAgent" }, { ROLE_HELPDESK_AGENT, "helpdeskAgent" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (u->roles & names[i].bit)
			json_object_array_add(roles, json_object_new_string(names[i].name));
	return roles;
}

static json_object *scopes_of(unsigned scopes)
{
	json_object *list = json_object_new_array();
	for (int i = 0; i < API_TOKEN_N_SCOPES; i++)
		if (scopes & api_token_scopes[i].bit)
			json_object_array_add(list, json_object_new_string(api_token_scopes[i].name));
	return list;
}

static void get_me(api_call *c)
{
	const user *u = c->r->user;
	db_rows rows;
	if (db_query(c->r->arena, &rows, "SELECT DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s') FROM api_tokens WHERE id = ?",
		     DB_ARGS(DB_INT(c->token_id))) != DB_OK || rows.nrows != 1) {
		api_unavailable(c);
		return;
	}
	json_object *me = json_object_new_object();
	api_put(me, "userId", api_id(u->id));
	api_put(me, "userPrincipalName", api_string(u->upn));
	api_put(me, "displayName", api_string(u->display_name));
	api_put(me, "partnerId", api_id(u->org_id));
	api_put(me, "partnerName", api_string(u->org_name));
	api_put(me, "partnerType", api_string(u->org_kind));
	api_put(me, "roles", roles_of(u));
	api_put(me, "tokenId", api_id(c->token_id));
	api_put(me, "scopes", scopes_of(c->scopes));
	api_put(me, "tokenExpiresAt", api_time(db_get(&rows, 0, 0)));
	api_json(c, 200, me);
}

const api_route api_me_routes[] = {
	{ "GET", "/v1/me", get_me, WHO_PROVIDER | WHO_RESELLER, API_SCOPE_READ, NULL, false },
	{ 0 },
};
