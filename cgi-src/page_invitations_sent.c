/* page_invitations_sent.c: the reseller's invitations sent to customers, each with its link's state
 * (sent, accepted, expired, revoked), and revoking one that is still sent */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "list_query.h"
#include "rights.h"
#include "session.h"
#include "token.h"
#include "view.h"

#define INVITATIONS_PAGE_SIZE 50

/* An invitation's state follows its link's token, as a partnership request's does. */
#define INVITATION_STATE_SQL \
	"CASE WHEN t.used_at IS NOT NULL THEN 'accepted' WHEN t.revoked_at IS NOT NULL THEN 'revoked' " \
	"WHEN t.expires_at <= UTC_TIMESTAMP() THEN 'expired' ELSE 'sent' END"

static const char *const state_sections[][2] = {
	{ "sent", "SENT" }, { "accepted", "ACCEPTED" }, { "expired", "EXPIRED" }, { "revoked", "REVOKED" },
};

/* The reseller's invitations, newest first along ix_invitations_reseller_id, a page at a time. */
#define INVITATIONS_SQL \
	"SELECT ci.id, u.display_name, ci.created_at, t.expires_at, COALESCE(po.name, ''), " \
	INVITATION_STATE_SQL ", COALESCE(co.name, '') " \
	"FROM customer_invitations ci JOIN email_tokens t ON t.id = ci.token_id " \
	"JOIN users u ON u.id = ci.created_by LEFT JOIN organizations po ON po.id = ci.provider_org_id " \
	"LEFT JOIN organizations co ON co.id = ci.accepted_customer_org_id WHERE ci.reseller_org_id = ?"
enum { INV_ID, INV_CREATED_BY, INV_CREATED_AT, INV_EXPIRES_AT, INV_PROVIDER, INV_STATE, INV_CUSTOMER, INV_NCOLS };

static void add_invitation(request *r, tpl_dict *d, const db_rows *rows, int i, bool can_revoke)
{
	tpl_dict *v = tpl_add_section(d, "INVITATION");
	const char *state = db_get(rows, i, INV_STATE);
	tpl_set(v, "ID", db_get(rows, i, INV_ID));
	tpl_set(v, "CREATED_BY", db_get(rows, i, INV_CREATED_BY));
	tpl_set(v, "CREATED_AT", db_get(rows, i, INV_CREATED_AT));
	tpl_set(v, "EXPIRES_AT", db_get(rows, i, INV_EXPIRES_AT));
	tpl_set(v, "PROVIDER", db_get(rows, i, INV_PROVIDER));
	for (size_t k = 0; k < sizeof state_sections / sizeof state_sections[0]; k++)
		if (!strcmp(state, state_sections[k][0]))
			tpl_set(tpl_add_section(v, state_sections[k][1]), "CUSTOMER", db_get(rows, i, INV_CUSTOMER));
	if (can_revoke && !strcmp(state, "sent")) {
		tpl_dict *f = tpl_add_section(v, "REVOKE_FORM");
		tpl_set(f, "ID", db_get(rows, i, INV_ID));
		tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	}
}

void customer_invitations_list(request *r)
{
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, INV_NCOLS, SEEK_SQL_NEWEST_BY_ID(&at, INVITATIONS_SQL, "ci.id"),
			  DB_ARGS(DB_INT(r->user->org_id), SEEK_ID_ARGS(&at, INVITATIONS_PAGE_SIZE))) != DB_OK) {
		view_error(r, 503, "Your invitations cannot be read right now. Try again in a minute.");
		return;
	}
	tpl_dict *d = view_dict(r);
	view_seek_page(d, &at, &rows, INVITATIONS_PAGE_SIZE, INV_ID, -1);
	bool can_revoke = r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT);
	for (int i = 0; i < rows.nrows; i++)
		add_invitation(r, d, &rows, i, can_revoke);
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_INVITATIONS");
	if (http_id(http_query(r, "revoked")))
		tpl_show_section(d, "REVOKED_NOTICE");
	view_page(r, "customer_invitations.tpl", "Invitations sent", d);
}

typedef struct {
	request *r;
	long long id, token_id;
} revocation;

/* The link revoked and the audit row written, in one transaction. */
static int revoke_tx(void *ctx)
{
	revocation *v = ctx;
	int rc = token_revoke(v->token_id);
	return rc != DB_OK ? rc : audit(v->r->user->id, "customer_invitation.revoked",
					 arena_printf(v->r->arena, "invitation %lld", v->id), v->r->remote_addr);
}

void customer_invitation_revoke(request *r)
{
	long long id = http_id(http_form(r, "id")), token_id;
	enum { TOKEN, STATE, NCOLS };
	db_rows rows;
	/* only this reseller's own invitations (rights.c), and only while their link is still unused */
	rights_rc may = rights_for_invitation(r->arena, r->user, id, &token_id);
	if (may == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_INVITATION);
		return;
	}
	if (may != RIGHTS_OK ||
	    db_query_cols(r->arena, &rows, NCOLS, "SELECT t.id, " INVITATION_STATE_SQL " FROM email_tokens t WHERE t.id = ?",
			  DB_ARGS(DB_INT(token_id))) != DB_OK || rows.nrows != 1) {
		view_error(r, 503, "The invitation cannot be revoked right now. Try again in a minute.");
		return;
	}
	if (strcmp(db_get(&rows, 0, STATE), "sent")) {
		view_error(r, 409, arena_printf(r->arena, "This invitation is %s, so it cannot be revoked. Nothing was changed.",
						db_get(&rows, 0, STATE)));
		return;
	}
	revocation v = { r, id, db_get_int(&rows, 0, TOKEN) };
	int rc = db_transaction(revoke_tx, &v);
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The invitation cannot be revoked right now. Nothing was changed; try again in a "
					 "minute.");
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/customers/invitations?revoked=%lld", id));
}
