/* page_relationship_link.c: a customer's global admin follows a reseller's emailed invitation and accepts it */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "session.h"
#include "domain/relationships.h"
#include "rights.h"
#include "token.h"
#include "view.h"

/* What the accepting transaction found; positive so it never collides with DB_* codes. */
enum { LINK_SPENT = 1, LINK_PARTNERSHIP_ENDED = 2 };

typedef struct {
	const char *token;
	token_info tok;
	long long invitation_id, reseller_org_id, provider_org_id, user_id, tenant_id;
	const char *reseller_name, *provider_name;
	long long customer_org_id;  /* out: the customer organization, found or created */
	int added;                  /* out: relationships started */
} link_ctx;

static void refuse_token(request *r, enum token_state state)
{
	int status = state == TOKEN_UNKNOWN ? 404 : state == TOKEN_DB_ERROR ? 503 : 410;
	view_error(r, status, token_state_message(state));
}

/* The invitation behind the link's token: who is asking. */
static bool load_invitation(request *r, link_ctx *c)
{
	enum { INVITATION, RESELLER, RESELLER_NAME, PROVIDER, PROVIDER_NAME, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT ci.id, ci.reseller_org_id, ro.name, COALESCE(ci.provider_org_id, 0), COALESCE(po.name, '') "
		     "FROM customer_invitations ci JOIN organizations ro ON ro.id = ci.reseller_org_id "
		     "LEFT JOIN organizations po ON po.id = ci.provider_org_id WHERE ci.token_id = ?",
		     DB_ARGS(DB_INT(c->tok.id))) != DB_OK || rows.nrows != 1)
		return false;
	c->invitation_id = db_get_int(&rows, 0, INVITATION);
	c->reseller_org_id = db_get_int(&rows, 0, RESELLER);
	c->reseller_name = db_get(&rows, 0, RESELLER_NAME);
	c->provider_org_id = db_get_int(&rows, 0, PROVIDER);
	c->provider_name = db_get(&rows, 0, PROVIDER_NAME);
	return true;
}

/* A link that cannot be used: for the admin who accepted it (a second click, or the link opened again) what
 * that did, for anyone else why. */
static void link_spent(request *r, link_ctx *c, enum token_state state)
{
	if (state == TOKEN_USED && load_invitation(r, c)) {
		rights_rc mine = rights_for_accepted_invitation(r->arena, r->user, c->invitation_id);
		if (mine == RIGHTS_FAILED)
			state = TOKEN_DB_ERROR;
		else if (mine == RIGHTS_OK) {
			http_redirect(r, arena_printf(r->arena, "/my/partners?accepted=%lld", c->invitation_id));
			return;
		}
	}
	refuse_token(r, state);
}

/* Everything that must hold before the form shows or its answer counts; false once a refusal is on the page. */
static bool open_link(request *r, const char *token, link_ctx *c)
{
	enum token_state state = token_lookup(r->arena, "customer_invite", token, &c->tok);
	c->token = token;
	c->user_id = r->user->id;
	c->tenant_id = r->user->tenant_id;
	if (state == TOKEN_VALID && !load_invitation(r, c))
		state = TOKEN_UNKNOWN;
	if (state != TOKEN_VALID) {
		link_spent(r, c, state);
		return false;
	}
	if (*r->user->org_kind && strcmp(r->user->org_kind, "customer")) {
		view_error(r, 403, arena_printf(r->arena,
			"%s belongs to a partner organization (%s), and a partner cannot become a customer through this "
			"link. Sign out and sign in as a global administrator of the customer's organization. "
			"The link has not been used.", r->user->upn, r->user->org_name));
		return false;
	}
	if (strcmp(r->user->directory_role, "global_admin")) {
		view_error(r, 403, arena_printf(r->arena,
			"Only a global administrator of %s can accept a partner relationship, and %s is not one. Ask a "
			"global administrator of your organization to follow this link; it has not been used.",
			r->user->tenant_domain, r->user->upn));
		return false;
	}
	return true;
}

static void accept_form(request *r, const link_ctx *c)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "RESELLER_NAME", c->reseller_name);
	if (c->provider_org_id)
		tpl_set(tpl_add_section(d, "PROVIDER"), "PROVIDER_NAME", c->provider_name);
	tpl_set(d, "TENANT_DOMAIN", r->user->tenant_domain);
	tpl_set(d, "TOKEN", c->token);
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
	view_page(r, "relationship_authorize.tpl", "Accept partner relationship", d);
}

void relationship_authorize_form(request *r)
{
	link_ctx c = { 0 };
	if (open_link(r, http_query(r, "token"), &c))
		accept_form(r, &c);
}

/* A live relationship between the customer and PARTNER, unless there is one already. */
static int start_relationship(link_ctx *c, long long partner)
{
	int rc = relationship_start(c->customer_org_id, partner, c->user_id, 0);
	if (rc == DB_DUPLICATE)  /* live already: skipped */
		return DB_OK;
	if (rc == DB_OK)
		c->added++;
	return rc;
}

static int find_customer_org(link_ctx *c, arena *a)
{
	db_rows rows;
	int rc = db_query(a, &rows, "SELECT id FROM organizations WHERE tenant_id = ? AND kind = 'customer' FOR UPDATE",
			  DB_ARGS(DB_INT(c->tenant_id)));
	c->customer_org_id = rc == DB_OK && rows.nrows == 1 ? db_get_int(&rows, 0, 0) : 0;
	return rc;
}

typedef struct {
	link_ctx *c;
	arena *a;
	const char *client_ip;  /* for the audit row */
} tx_ctx;

/* Use the link, make sure the tenant has a customer organization, start the relationships, mark the invitation. */
static int accept_tx(void *ctx)
{
	tx_ctx *t = ctx;
	link_ctx *c = t->c;
	c->added = 0;
	if (token_consume(c->tok.id, c->user_id) != DB_OK)  /* a second click finds it used */
		return LINK_SPENT;
	/* the provider came along with its reseller: only while their partnership still stands */
	if (c->provider_org_id && !rights_partnered(t->a, c->provider_org_id, c->reseller_org_id))
		return LINK_PARTNERSHIP_ENDED;
	int rc = find_customer_org(c, t->a);
	if (rc != DB_OK)
		return rc;
	if (!c->customer_org_id) {
		unsigned long long id = 0;
		rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) "
			     "SELECT 'customer', display_name, id, country FROM tenants WHERE id = ?",
			     DB_ARGS(DB_INT(c->tenant_id)), NULL, &id);
		if (rc != DB_OK)
			return rc;
		c->customer_org_id = (long long)id;
	}
	if ((rc = start_relationship(c, c->reseller_org_id)) != DB_OK)
		return rc;
	if (c->provider_org_id && (rc = start_relationship(c, c->provider_org_id)) != DB_OK)
		return rc;
	rc = db_exec("UPDATE customer_invitations SET accepted_customer_org_id = ?, accepted_by = ?, "
		     "accepted_at = UTC_TIMESTAMP() WHERE id = ? AND accepted_at IS NULL",
		     DB_ARGS(DB_INT(c->customer_org_id), DB_INT(c->user_id), DB_INT(c->invitation_id)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	return audit(c->user_id, "customer.relationship_accepted",
		     arena_printf(t->a, "invitation %lld: customer %lld accepted %s%s%s (%d new relationships)",
				  c->invitation_id, c->customer_org_id, c->reseller_name, c->provider_org_id ? " and " : "",
				  c->provider_org_id ? c->provider_name : "", c->added),
		     t->client_ip);
}

void relationship_authorize(request *r)
{
	link_ctx c = { 0 };
	if (!open_link(r, http_form(r, "token"), &c))
		return;
	tx_ctx t = { &c, r->arena, r->remote_addr };
	int rc = db_transaction(accept_tx, &t);
	if (rc == LINK_PARTNERSHIP_ENDED) {
		view_error(r, 409, arena_printf(r->arena, "%s is no longer the indirect provider of %s, so this invitation "
			"cannot be accepted. Ask %s for a new one.", c.provider_name, c.reseller_name, c.reseller_name));
		return;
	}
	if (rc == LINK_SPENT) {
		enum token_state state = token_lookup(r->arena, "customer_invite", c.token, &c.tok);
		link_spent(r, &c, state == TOKEN_VALID ? TOKEN_DB_ERROR : state);
		return;
	}
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The relationship could not be saved right now. Nothing was changed and the link "
					 "still works; try again in a minute.");
		return;
	}
	auth_user_changed(r->arena, r->user->id);
	http_redirect(r, arena_printf(r->arena, "/my/partners?accepted=%lld", c.invitation_id));
}
