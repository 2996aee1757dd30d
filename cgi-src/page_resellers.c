/* page_resellers.c: the provider's Indirect resellers page, one reseller's page, partnership requests, ending one */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "list_query.h"
#include "mail.h"
#include "domain/partnerships.h"
#include "rights.h"
#include "session.h"
#include "token.h"
#include "validate.h"
#include "view.h"

#define REQUEST_TTL_SECONDS (30LL * 24 * 3600)
#define REQUESTS_PAGE_SIZE 25

/* A request's state follows its link's token: used = accepted, then revoked, expired, else sent. */
#define REQUEST_STATE_SQL \
	"CASE WHEN t.used_at IS NOT NULL THEN 'accepted' WHEN t.revoked_at IS NOT NULL THEN 'revoked' " \
	"WHEN t.expires_at <= UTC_TIMESTAMP() THEN 'expired' ELSE 'sent' END"

/* ---- the list ---- */

/* Partnership requests sent by the provider, newest first along ix_requests_provider (provider_org_id,
 * created_at, id), a page at a time. */
#define REQUESTS_SQL \
	"SELECT pr.id, u.display_name, pr.created_at, t.expires_at, " REQUEST_STATE_SQL ", " \
	"COALESCE(ao.name, ''), COALESCE(au.display_name, ''), " \
	"COALESCE(pr.accepted_at, t.used_at, t.revoked_at, t.expires_at) " \
	"FROM partnership_requests pr JOIN email_tokens t ON t.id = pr.token_id " \
	"JOIN users u ON u.id = pr.created_by LEFT JOIN organizations ao ON ao.id = pr.accepted_org_id " \
	"LEFT JOIN users au ON au.id = t.used_by WHERE pr.provider_org_id = ?"
enum { REQUEST_ID, REQUEST_CREATED_BY, REQUEST_CREATED_AT, REQUEST_EXPIRES_AT, REQUEST_STATE, REQUEST_ORG_NAME,
       REQUEST_USER_NAME, REQUEST_AT, REQUEST_NCOLS };

static void add_request_state(tpl_dict *q, const db_rows *rows, int i)
{
	const char *state = db_get(rows, i, REQUEST_STATE);
	tpl_dict *s = tpl_add_section(q, !strcmp(state, "accepted") ? "ACCEPTED"
					 : !strcmp(state, "revoked") ? "REVOKED"
					 : !strcmp(state, "expired") ? "EXPIRED" : "SENT");
	tpl_set(s, "ORG_NAME", db_get(rows, i, REQUEST_ORG_NAME));
	tpl_set(s, "USER_NAME", db_get(rows, i, REQUEST_USER_NAME));
	tpl_set(s, "AT", db_get(rows, i, REQUEST_AT));
}

/* D's include REQUEST_TABLE: the page AT of the requests, with a Revoke form on those still sent. Its pager
 * leads to /resellers/requests, the requests alone. */
static bool add_requests(request *r, tpl_dict *d, bool can_manage, const seek *at)
{
	db_rows rows;
	if (db_query_cols(r->arena, &rows, REQUEST_NCOLS, SEEK_SQL_NEWEST_BY_KEY(at, REQUESTS_SQL, "pr.created_at", "pr.id"),
			  DB_ARGS(DB_INT(r->user->org_id), SEEK_KEY_ARGS(at, REQUESTS_PAGE_SIZE))) != DB_OK)
		return false;
	tpl_dict *t = tpl_add_include(d, "REQUEST_TABLE", "partnership_requests_table.tpl");
	view_seek_page(t, at, &rows, REQUESTS_PAGE_SIZE, REQUEST_ID, REQUEST_CREATED_AT);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *q = tpl_add_section(t, "REQUEST");
		tpl_set(q, "ID", db_get(&rows, i, REQUEST_ID));
		tpl_set(q, "CREATED_BY", db_get(&rows, i, REQUEST_CREATED_BY));
		tpl_set(q, "CREATED_AT", db_get(&rows, i, REQUEST_CREATED_AT));
		tpl_set(q, "EXPIRES_AT", db_get(&rows, i, REQUEST_EXPIRES_AT));
		add_request_state(q, &rows, i);
		if (can_manage && !strcmp(db_get(&rows, i, REQUEST_STATE), "sent")) {
			tpl_dict *f = tpl_add_section(q, "REVOKE_FORM");
			tpl_set(f, "ID", db_get(&rows, i, REQUEST_ID));
			tpl_set(f, "CSRF_TOKEN", csrf_token(r));
		}
	}
	if (rows.nrows == 0)
		tpl_show_section(t, "NO_REQUESTS");
	return true;
}

static void add_request_notices(request *r, tpl_dict *d)
{
	if (!strcmp(http_query(r, "new_customer"), "cancelled"))
		tpl_show_section(d, "CANCELLED_NOTICE");
	if (rights_for_partnership_request(r->arena, r->user, http_id(http_query(r, "requested"))) == RIGHTS_OK)
		tpl_show_section(d, "REQUESTED_NOTICE");
	if (rights_for_partnership_request(r->arena, r->user, http_id(http_query(r, "revoked"))) == RIGHTS_OK)
		tpl_show_section(d, "REVOKED_NOTICE");
}

void resellers_list(request *r)
{
	bool can_manage = r->user->roles & ROLE_ADMIN_AGENT;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	seek newest = { .from = SEEK_FIRST, .key = "" };  /* ?after= / ?before= page the partners */
	if (!partnership_add_list(r, &partnership_as_provider, d) || !add_requests(r, d, can_manage, &newest)) {
		view_unavailable(r, "Your partnerships");
		return;
	}
	tpl_show_section(d, can_manage ? "REQUEST_BUTTON" : "READ_ONLY");
	add_request_notices(r, d);
	partnership_add_notice(r, &partnership_as_provider, d, "ended", "ENDED_NOTICE");
	view_page(r, "resellers_list.tpl", "Indirect resellers", d);
}

void resellers_requests(request *r)
{
	seek at = http_seek(r);
	tpl_dict *d = view_dict(r);
	if (!add_requests(r, d, r->user->roles & ROLE_ADMIN_AGENT, &at)) {
		view_unavailable(r, "Your partnerships");
		return;
	}
	view_page(r, "resellers_requests.tpl", "Partnership requests sent", d);
}

/* ---- one reseller ---- */

static void add_shared_customers(request *r, tpl_dict *d, const partnership_info *p)
{
	db_rows rows;
	if (!partnership_shared_customers(r, p->provider_org_id, p->reseller_org_id, d, &rows))
		rows.nrows = 0;
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *c = tpl_add_section(d, "CUSTOMER");
		const char *country = validate_country_name(db_get(&rows, i, SHARED_CUSTOMER_COUNTRY));
		tpl_set(c, "ID", db_get(&rows, i, SHARED_CUSTOMER_ID));
		tpl_set(c, "NAME", db_get(&rows, i, SHARED_CUSTOMER_NAME));
		tpl_set(c, "COUNTRY", country ? country : db_get(&rows, i, SHARED_CUSTOMER_COUNTRY));
		tpl_set(c, "SINCE", db_get(&rows, i, SHARED_CUSTOMER_SINCE));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_CUSTOMERS");
}

void reseller_view(request *r)
{
	long long reseller = http_id(http_query(r, "id"));
	rights_partner live;
	partnership_info p;
	rights_rc rc = rights_for_partner(r->arena, r->user, reseller, &live);
	if (rc == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_RESELLER);
		return;
	}
	if (rc != RIGHTS_OK || !partnership_load(r->arena, live.partnership_id, &p)) {
		view_unavailable(r, "Your partnerships");
		return;
	}
	const char *country = validate_country_name(p.reseller_country);
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "ORG_ID", reseller);
	tpl_set(d, "NAME", p.reseller_name);
	tpl_set(d, "COUNTRY", country ? country : p.reseller_country);
	tpl_set(d, "STARTED_ON", p.started_on);
	if (r->user->roles & ROLE_ADMIN_AGENT)
		tpl_show_section(d, "CAN_END");
	add_shared_customers(r, d, &p);
	view_page(r, "resellers_view.tpl", p.reseller_name, d);
}

/* ---- request a partnership: the draft email ---- */

typedef struct {
	request *r;                         /* who asks, for the audit row */
	arena *arena;
	long long org_id, user_id;
	long long request_id;               /* out */
	char token[TOKEN_LEN + 1];          /* out: the link's text */
	const char *expires_at;             /* out */
} request_ctx;

/* The token, its request and the audit row in one transaction: the request names the token, the token its
 * request. */
static int request_tx(void *ctx)
{
	request_ctx *c = ctx;
	token_info info;
	unsigned long long id = 0;
	int rc = token_create_pending(c->arena, "partnership", c->user_id, REQUEST_TTL_SECONDS, c->token, &info);
	if (rc == DB_OK)
		rc = db_exec("INSERT INTO partnership_requests (provider_org_id, token_id, created_by, created_at) "
			     "VALUES (?, ?, ?, UTC_TIMESTAMP())",
			     DB_ARGS(DB_INT(c->org_id), DB_INT(info.id), DB_INT(c->user_id)), NULL, &id);
	if (rc != DB_OK)
		return rc;
	c->request_id = (long long)id;
	c->expires_at = info.expires_at;
	if ((rc = token_set_subject(info.id, c->request_id)) != DB_OK)
		return rc;
	return audit(c->user_id, "partnership.requested",
		     arena_printf(c->arena, "request %lld by %s, link valid until %s UTC", c->request_id,
				  c->r->user->org_name, c->expires_at),
		     c->r->remote_addr);
}

static const char *draft_body(request *r, const char *link, const char *expires_at)
{
	const char *org = r->user->org_name;
	return arena_printf(r->arena,
		"Hello,\n\n"
		"%s would like to be your indirect provider in Channel Center, so that we can serve common "
		"customers together.\n\n"
		"When you authorize %s as your indirect provider, we can submit orders and add subscriptions on "
		"behalf of your customers, and we get administrator access to your directory tenant.\n\n"
		"To accept, open the link below, sign in with your reseller account (as an admin agent), tick the "
		"box and select Authorize indirect provider:\n\n"
		"%s\n\n"
		"The link is personal to this request, works once and expires on %.10s.\n\n"
		"Best regards,\n%s\n%s\n",
		org, org, link, expires_at, r->user->display_name, org);
}

void partnership_request_create(request *r)
{
	request_ctx c = { .r = r, .arena = r->arena, .org_id = r->user->org_id, .user_id = r->user->id };
	int rc = db_transaction(request_tx, &c);
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The partnership request could not be created right now. Nothing was saved; "
					 "try again in a minute.");
		return;
	}
	const char *link = arena_printf(r->arena, "%s/partnership/authorize?token=%s", mail_base_url(), c.token);
	tpl_dict *d = view_dict(r);
	tpl_set_int(d, "REQUEST_ID", c.request_id);
	tpl_set(d, "SUBJECT", arena_printf(r->arena, "Partnership request from %s", r->user->org_name));
	tpl_set(d, "BODY", draft_body(r, link, c.expires_at));
	tpl_set(d, "LINK", link);
	tpl_set(d, "EXPIRES_AT", c.expires_at);
	view_page(r, "resellers_request.tpl", "Request a partnership", d);
}

/* ---- revoke a request ---- */

static const char *request_state(request *r, long long id, long long *token_id)
{
	enum { STATE, TOKEN, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT " REQUEST_STATE_SQL ", t.id FROM partnership_requests pr "
		     "JOIN email_tokens t ON t.id = pr.token_id WHERE pr.id = ?",
		     DB_ARGS(DB_INT(id))) != DB_OK || rows.nrows != 1)
		return NULL;
	*token_id = db_get_int(&rows, 0, TOKEN);
	return db_get(&rows, 0, STATE);
}

static void not_revocable(request *r, const char *state)
{
	view_error(r, 409, arena_printf(r->arena, "This partnership request is %s, so it cannot be revoked. "
						  "Nothing was changed.", state));
}

typedef struct {
	request *r;
	long long id, token_id;
	const char *state;  /* out: the request's state afterwards */
} revoke_ctx;

/* Revoke the link and write the audit row, in one transaction. */
static int revoke_tx(void *ctx)
{
	revoke_ctx *c = ctx;
	int rc = token_revoke(c->token_id);
	if (rc != DB_OK)
		return rc;
	/* token_revoke leaves a used token alone: read the state again, the reseller may have just accepted */
	if (!(c->state = request_state(c->r, c->id, &c->token_id)))
		return DB_ERROR;
	if (strcmp(c->state, "revoked"))
		return DB_OK;  /* nothing changed: nothing to audit */
	return audit(c->r->user->id, "partnership.request_revoked",
		     arena_printf(c->r->arena, "request %lld by %s", c->id, c->r->user->org_name), c->r->remote_addr);
}

void partnership_request_revoke(request *r)
{
	long long id = http_id(http_form(r, "id")), token_id = 0;
	if (!rights_granted(r, rights_for_partnership_request(r->arena, r->user, id), RIGHTS_PARTNERSHIP_REQUEST,
			    VIEW_UNAVAILABLE("Your partnerships")))
		return;
	const char *state = request_state(r, id, &token_id);
	if (state && strcmp(state, "sent")) {
		not_revocable(r, state);
		return;
	}
	revoke_ctx c = { .r = r, .id = id, .token_id = token_id };
	int rc = state ? db_transaction(revoke_tx, &c) : DB_ERROR;
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The partnership request cannot be revoked right now. Nothing was changed; try "
					 "again in a minute.");
		return;
	}
	if (strcmp(c.state, "revoked")) {
		not_revocable(r, c.state);
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/resellers?revoked=%lld", id));
}

/* ---- ending a partnership ---- */

void reseller_end_confirm(request *r)
{
	partnership_end_confirm(r, &partnership_as_provider);
}

void reseller_end(request *r)
{
	partnership_end_submit(r, &partnership_as_provider);
}
