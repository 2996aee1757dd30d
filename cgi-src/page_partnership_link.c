/* page_partnership_link.c: a reseller follows a provider's emailed partnership link and authorizes the provider */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "rights.h"
#include "session.h"
#include "token.h"
#include "view.h"

/* What the authorizing transaction found; positive so it never collides with DB_* codes. */
enum { LINK_SPENT = 1, LINK_ALREADY_PARTNERS };

typedef struct {
	const char *token;
	token_info tok;
	long long request_id, provider_org_id, reseller_org_id, user_id;
	const char *provider_name;
	long long partnership_id;  /* the live partnership, once there is one */
	request *r;                /* who authorizes, for the audit row */
} link_ctx;

static void refuse_token(request *r, enum token_state state)
{
	int status = state == TOKEN_UNKNOWN ? 404 : state == TOKEN_DB_ERROR ? 503 : 410;
	view_error(r, status, token_state_message(state));
}

/* The request behind the link's token: who is asking. */
static bool load_request(request *r, link_ctx *c)
{
	enum { REQUEST, PROVIDER, PROVIDER_NAME, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT pr.id, pr.provider_org_id, o.name FROM partnership_requests pr "
		     "JOIN organizations o ON o.id = pr.provider_org_id WHERE pr.token_id = ?",
		     DB_ARGS(DB_INT(c->tok.id))) != DB_OK || rows.nrows != 1)
		return false;
	c->request_id = db_get_int(&rows, 0, REQUEST);
	c->provider_org_id = db_get_int(&rows, 0, PROVIDER);
	c->provider_name = db_get(&rows, 0, PROVIDER_NAME);
	return true;
}

static tpl_dict *link_dict(request *r, const link_ctx *c)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "PROVIDER_NAME", c->provider_name);
	tpl_set_int(d, "PROVIDER_ID", c->provider_org_id);
	tpl_set(d, "RESELLER_NAME", r->user->org_name);
	tpl_set(d, "TENANT_DOMAIN", r->user->tenant_domain);
	return d;
}

static void already_partners(request *r, const link_ctx *c)
{
	tpl_dict *d = link_dict(r, c);
	tpl_show_section(d, "ALREADY");
	view_page(r, "partnership_authorize.tpl", "Already your indirect provider", d);
}

/* A link that cannot be used: for the reseller that used it (a second click, or the link opened again) the
 * partnership it started, while it stands; for anyone else why. */
static void link_spent(request *r, link_ctx *c, enum token_state state)
{
	if (state == TOKEN_USED && load_request(r, c)) {
		rights_rc mine = rights_for_accepted_request(r->arena, r->user, c->request_id);
		if (mine == RIGHTS_FAILED) {
			state = TOKEN_DB_ERROR;
		} else if (mine == RIGHTS_OK) {
			long long live = rights_live_partnership(r->arena, r->user, c->provider_org_id);
			if (live) {
				http_redirect(r, arena_printf(r->arena, "/indirect-providers?authorized=%lld", live));
				return;
			}
		}
	}
	refuse_token(r, state);
}

/* Everything that must hold before the form shows or its answer counts; false once a refusal is on the page. */
static bool open_link(request *r, const char *token, link_ctx *c)
{
	enum token_state state = token_lookup(r->arena, "partnership", token, &c->tok);
	c->token = token;
	c->user_id = r->user->id;
	c->reseller_org_id = r->user->org_id;
	if (state == TOKEN_VALID && !load_request(r, c))
		state = TOKEN_UNKNOWN;
	if (state != TOKEN_VALID) {
		link_spent(r, c, state);
		return false;
	}
	if (strcmp(r->user->org_kind, "reseller")) {
		view_error(r, 403, arena_printf(r->arena,
			"Only an enrolled indirect reseller can accept a partnership request, and %s does not belong to a "
			"reseller account. Sign out and sign in with your reseller account, or enroll as a reseller first. "
			"The link has not been used.", r->user->upn));
		return false;
	}
	if (!(r->user->roles & ROLE_ADMIN_AGENT)) {
		view_error(r, 403, arena_printf(r->arena,
			"Only an admin agent of %s can authorize an indirect provider. Ask an admin agent of your account "
			"to follow this link; it has not been used.", r->user->org_name));
		return false;
	}
	c->partnership_id = rights_live_partnership(r->arena, r->user, c->provider_org_id);
	if (!c->partnership_id)
		return true;
	/* partners already; unless this very link did it a moment ago (a double click): then it shows that */
	state = token_lookup(r->arena, "partnership", token, &c->tok);
	if (state == TOKEN_VALID)
		already_partners(r, c);
	else
		link_spent(r, c, state);
	return false;
}

static void authorize_form(request *r, const link_ctx *c, const char *error)
{
	tpl_dict *d = link_dict(r, c);
	tpl_dict *f = tpl_add_section(d, "FORM");
	tpl_set(f, "TOKEN", c->token);
	tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	if (error)
		tpl_set(tpl_add_section(f, "ERROR"), "MESSAGE", error);
	view_page(r, "partnership_authorize.tpl", "Authorize indirect provider", d);
}

void partnership_authorize_form(request *r)
{
	link_ctx c = { 0 };
	if (open_link(r, http_query(r, "token"), &c))
		authorize_form(r, &c, NULL);
}

/* Use the link, start the partnership, mark the request accepted and audit it, all or nothing. */
static int authorize_tx(void *ctx)
{
	link_ctx *c = ctx;
	unsigned long long id = 0;
	if (token_consume(c->tok.id, c->user_id) != DB_OK)  /* a second click finds it used */
		return LINK_SPENT;
	int rc = db_exec("INSERT INTO partnerships (provider_org_id, reseller_org_id, request_id, authorized_by, started_at) "
			 "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			 DB_ARGS(DB_INT(c->provider_org_id), DB_INT(c->reseller_org_id), DB_INT(c->request_id),
				 DB_INT(c->user_id)), NULL, &id);
	if (rc == DB_DUPLICATE)  /* the unique live pair: partners already; the rollback keeps the link unused */
		return LINK_ALREADY_PARTNERS;
	if (rc != DB_OK)
		return rc;
	c->partnership_id = (long long)id;
	rc = db_exec("UPDATE partnership_requests SET accepted_org_id = ?, accepted_at = UTC_TIMESTAMP() "
		     "WHERE id = ? AND accepted_at IS NULL",
		     DB_ARGS(DB_INT(c->reseller_org_id), DB_INT(c->request_id)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	return audit(c->r->user->id, "partnership.authorized",
		     arena_printf(c->r->arena, "partnership %lld: %s is the indirect provider of %s (request %lld)",
				  c->partnership_id, c->provider_name, c->r->user->org_name, c->request_id),
		     c->r->remote_addr);
}

void partnership_authorize(request *r)
{
	link_ctx c = { 0 };
	if (!open_link(r, http_form(r, "token"), &c))
		return;
	if (strcmp(http_form(r, "confirm"), "1")) {
		r->status = 400;
		authorize_form(r, &c, arena_printf(r->arena, "Tick the box to confirm that you authorize %s to be your "
							     "indirect provider.", c.provider_name));
		return;
	}
	c.r = r;
	int rc = db_transaction(authorize_tx, &c);
	if (rc == LINK_ALREADY_PARTNERS) {
		c.partnership_id = rights_live_partnership(r->arena, r->user, c.provider_org_id);
		already_partners(r, &c);
		return;
	}
	if (rc == LINK_SPENT) {
		enum token_state state = token_lookup(r->arena, "partnership", c.token, &c.tok);
		link_spent(r, &c, state == TOKEN_VALID ? TOKEN_DB_ERROR : state);
		return;
	}
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The partnership could not be saved right now. Nothing was changed and the link "
					 "still works; try again in a minute.");
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/indirect-providers?authorized=%lld", c.partnership_id));
}
