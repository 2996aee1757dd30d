/* partnerships.c: provider-reseller partnerships from either side: the partner list, facts, shared customers;
 * requesting one, the reseller's authorization through the emailed link, revoking a request, ending */
#include "domain/partnerships.h"
#include "i18n.h"
#include "session.h"

#include <string.h>

#include "auth.h"
#include "list_query.h"
#include "mail.h"
#include "rights.h"
#include "validate.h"
#include "view.h"

#define SEARCH_MAX_CHARS 100

const partnership_side partnership_as_provider = {
	.as_provider = true, .list_path = "/resellers", .end_path = "/resellers/end",
	.view_path = "/resellers/view", .other_label = "reseller",
};
const partnership_side partnership_as_reseller = {
	.as_provider = false, .list_path = "/indirect-providers", .end_path = "/indirect-providers/end",
	.view_path = "/providers/view", .other_label = "indirect provider",
};

/* The customers a page's partners share with the signed-in organization, one slot per row: slot N counts,
 * up to LIST_COUNT_CAP + 1, the reseller's live relationships (ix_rel_partner) whose customer also has one
 * with the provider. A count per row in the page query itself ran for every partner, not just the page's,
 * and without a cap (19 million rows read for one page of a provider with 100 resellers at 95,000 customers). */
#define SHARED_SLOT_SQL(N) \
	"SELECT " N ", (SELECT COUNT(*) FROM (SELECT 1 FROM customer_relationships b JOIN customer_relationships a " \
	"ON a.customer_org_id = b.customer_org_id AND a.partner_org_id = ? AND a.ended_at IS NULL " \
	"WHERE b.partner_org_id = ? AND b.ended_at IS NULL LIMIT 1001) t)"
#define SHARED_COUNTS_SQL \
	SHARED_SLOT_SQL("0") " UNION ALL " SHARED_SLOT_SQL("1") " UNION ALL " SHARED_SLOT_SQL("2") " UNION ALL " \
	SHARED_SLOT_SQL("3") " UNION ALL " SHARED_SLOT_SQL("4") " UNION ALL " SHARED_SLOT_SQL("5") " UNION ALL " \
	SHARED_SLOT_SQL("6") " UNION ALL " SHARED_SLOT_SQL("7") " UNION ALL " SHARED_SLOT_SQL("8") " UNION ALL " \
	SHARED_SLOT_SQL("9")
_Static_assert(PARTNERSHIP_PAGE_SIZE == 10, "SHARED_COUNTS_SQL has one slot per row of a page");
_Static_assert(LIST_COUNT_CAP == 1000, "SHARED_SLOT_SQL counts up to LIST_COUNT_CAP + 1");

/* ME is the signed-in organization's column, OTHER the partner's: one literal per side. An organization's
 * partners are a small set (a provider's resellers): counted exactly, sorted by name after the
 * index on (ME, ended_at) finds them. */
#define PARTNERS_FROM_SQL(ME, OTHER) \
	"FROM partnerships p JOIN organizations o ON o.id = p." OTHER " " \
	"WHERE p." ME " = ? AND p.ended_at IS NULL AND " LIST_WORDS_SQL("o.name")
#define PARTNERS_PAGE_SQL(ME, OTHER) \
	"SELECT o.id, o.name, o.country, DATE_FORMAT(p.started_at, '%Y-%m-%d %H:%i:%s'), COALESCE(o.mpn_id, '') " \
	PARTNERS_FROM_SQL(ME, OTHER)
#define PARTNERS_COUNT_SQL(ME, OTHER) "SELECT COUNT(*) " PARTNERS_FROM_SQL(ME, OTHER)

bool partnership_load(arena *a, long long id, partnership_info *out)
{
	enum { ID, PROVIDER, RESELLER, PROVIDER_NAME, RESELLER_NAME, RESELLER_COUNTRY, STARTED_ON, ENDED_AT, NCOLS };
	db_rows r;
	memset(out, 0, sizeof *out);
	if (id <= 0 ||
	    db_query_cols(a, &r, NCOLS,
		     "SELECT p.id, p.provider_org_id, p.reseller_org_id, po.name, ro.name, ro.country, "
		     "DATE_FORMAT(p.started_at, '%Y-%m-%d'), COALESCE(p.ended_at, '') "
		     "FROM partnerships p JOIN organizations po ON po.id = p.provider_org_id "
		     "JOIN organizations ro ON ro.id = p.reseller_org_id WHERE p.id = ?",
		     DB_ARGS(DB_INT(id))) != DB_OK || r.nrows != 1)
		return false;
	*out = (partnership_info){
		.id = db_get_int(&r, 0, ID), .provider_org_id = db_get_int(&r, 0, PROVIDER),
		.reseller_org_id = db_get_int(&r, 0, RESELLER), .provider_name = db_get(&r, 0, PROVIDER_NAME),
		.reseller_name = db_get(&r, 0, RESELLER_NAME), .reseller_country = db_get(&r, 0, RESELLER_COUNTRY),
		.started_on = db_get(&r, 0, STARTED_ON), .ended_at = db_get(&r, 0, ENDED_AT),
	};
	return true;
}

const char *partnership_other_name(const partnership_info *info, const partnership_side *s, long long org_id)
{
	if (s->as_provider)
		return info->provider_org_id == org_id ? info->reseller_name : NULL;
	return info->reseller_org_id == org_id ? info->provider_name : NULL;
}

/* The reseller's live relationships walked in customer name order (ix_rel_partner_name), each kept when the
 * provider has a live one with the same customer: a page costs about a page of rows when most are shared. */
#define SHARED_CUSTOMERS_SQL \
	"SELECT c.id, c.name, c.country, DATE_FORMAT(GREATEST(a.started_at, b.started_at), '%Y-%m-%d'), " \
	"b.customer_name FROM customer_relationships b STRAIGHT_JOIN customer_relationships a " \
	"ON a.customer_org_id = b.customer_org_id AND a.partner_org_id = ? AND a.ended_at IS NULL " \
	"JOIN organizations c ON c.id = b.customer_org_id WHERE b.partner_org_id = ? AND b.ended_at IS NULL"

bool partnership_shared_customers(request *r, long long provider_org, long long reseller_org, tpl_dict *d, db_rows *out)
{
	seek at = http_seek(r);
	if (db_query_cols(r->arena, out, SHARED_CUSTOMER_NCOLS,
			  SEEK_SQL_BY_KEY(&at, SHARED_CUSTOMERS_SQL, "b.customer_name", "b.customer_org_id"),
			  DB_ARGS(DB_INT(provider_org), DB_INT(reseller_org), SEEK_KEY_ARGS(&at, SHARED_CUSTOMERS_PAGE_SIZE))) != DB_OK)
		return false;
	view_seek_page(d, &at, out, SHARED_CUSTOMERS_PAGE_SIZE, SHARED_CUSTOMER_ID, SHARED_CUSTOMER_KEY);
	return true;
}

/* ---- the list ---- */

static int count_partners(request *r, const partnership_side *s, const list_words *words, long long *total)
{
	db_rows rows;
	db_val args[] = { DB_INT(r->user->org_id), LIST_WORDS_ARGS(*words) };
	int rc = db_query(r->arena, &rows,
			  s->as_provider ? PARTNERS_COUNT_SQL("provider_org_id", "reseller_org_id")
					 : PARTNERS_COUNT_SQL("reseller_org_id", "provider_org_id"),
			  args, sizeof args / sizeof args[0]);
	*total = rc == DB_OK && rows.nrows == 1 ? db_get_int(&rows, 0, 0) : 0;
	return rc;
}

/* The four statements: the provider's or the reseller's side, read forwards or backwards. */
static const char *partners_page_sql(const partnership_side *s, const seek *at)
{
	if (s->as_provider)
		return SEEK_SQL_BY_KEY(at, PARTNERS_PAGE_SQL("provider_org_id", "reseller_org_id"), "o.name", "o.id");
	return SEEK_SQL_BY_KEY(at, PARTNERS_PAGE_SQL("reseller_org_id", "provider_org_id"), "o.name", "o.id");
}

int partnership_partners_page(request *r, const partnership_side *s, const list_words *words, const seek *at, db_rows *rows)
{
	db_val args[] = { DB_INT(r->user->org_id), LIST_WORDS_ARGS(*words), SEEK_KEY_ARGS(at, PARTNERSHIP_PAGE_SIZE) };
	return db_query_cols(r->arena, rows, PARTNER_NCOLS, partners_page_sql(s, at), args, sizeof args / sizeof args[0]);
}

/* COUNTS: slot, shared customers; one row per slot of SHARED_COUNTS_SQL. */
enum { SLOT, SLOT_SHARED, SLOT_NCOLS };
static int shared_counts(request *r, const partnership_side *s, const db_rows *rows, db_rows *counts)
{
	db_val args[2 * PARTNERSHIP_PAGE_SIZE];
	for (int i = 0; i < PARTNERSHIP_PAGE_SIZE; i++) {
		long long other = i < rows->nrows ? db_get_int(rows, i, PARTNER_ID) : 0, me = r->user->org_id;
		args[2 * i] = DB_INT(s->as_provider ? me : other);
		args[2 * i + 1] = DB_INT(s->as_provider ? other : me);
	}
	return db_query_cols(r->arena, counts, SLOT_NCOLS, SHARED_COUNTS_SQL, args, 2 * PARTNERSHIP_PAGE_SIZE);
}

static long long shared_count(const db_rows *counts, int i)
{
	for (int row = 0; row < counts->nrows; row++)
		if (db_get_int(counts, row, SLOT) == i)
			return db_get_int(counts, row, SLOT_SHARED);
	return 0;
}

static void add_partner_row(request *r, const partnership_side *s, tpl_dict *t, const db_rows *rows, int i,
			    long long shared)
{
	tpl_dict *p = tpl_add_section(t, "PARTNER");
	const char *country = validate_country_name(db_get(rows, i, PARTNER_COUNTRY));
	tpl_set(p, "ORG_ID", db_get(rows, i, PARTNER_ID));
	tpl_set(p, "NAME", db_get(rows, i, PARTNER_NAME));
	tpl_set(p, "COUNTRY", country ? country : db_get(rows, i, PARTNER_COUNTRY));
	tpl_set(p, "STARTED_ON", i18n_datetime(r->arena, db_get(rows, i, PARTNER_STARTED_AT), true));
	list_set_count(p, "SHARED_CUSTOMERS", shared);
	tpl_set(p, "VIEW_PATH", s->view_path);
	if (r->user->roles & ROLE_ADMIN_AGENT)
		tpl_set(tpl_add_section(p, "END"), "END_PATH", s->end_path);
	if (s->as_provider) {
		tpl_show_section(p, "CUSTOMERS_LINK");
		if (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT))
			tpl_show_section(p, "ADD_CUSTOMER");
	} else {
		tpl_set(tpl_add_section(p, "SHARED_LINK"), "ORG_ID", db_get(rows, i, PARTNER_ID));
		if (r->user->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT)) {
			tpl_dict *f = tpl_add_section(p, "INVITE");
			tpl_set(f, "ORG_ID", db_get(rows, i, PARTNER_ID));
			tpl_set(f, "CSRF_TOKEN", csrf_token(r));
		}
	}
}

/* "3 indirect resellers" / "1 indirect provider": how many partners the list holds, in the language's plural. */
static const char *partner_count_text(arena *a, const partnership_side *s, long long total)
{
	unsigned long n = (unsigned long)total;
	const char *format = s->as_provider ? ngettext("%s indirect reseller", "%s indirect resellers", n)
					    : ngettext("%s indirect provider", "%s indirect providers", n);
	return arena_printf(a, format, i18n_count(a, total));
}

bool partnership_add_list(request *r, const partnership_side *s, tpl_dict *d)
{
	const char *q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), SEARCH_MAX_CHARS);
	list_words words = list_search_words(r->arena, q);
	seek at = http_seek(r);
	long long total;
	db_rows rows, counts;
	if (count_partners(r, s, &words, &total) != DB_OK || partnership_partners_page(r, s, &words, &at, &rows) != DB_OK)
		return false;
	tpl_dict *t = tpl_add_include(d, "PARTNER_TABLE", "partnership_table.tpl");
	view_seek_page(t, &at, &rows, PARTNERSHIP_PAGE_SIZE, PARTNER_ID, PARTNER_NAME);  /* its links read LIST_PATH and Q below */
	if (shared_counts(r, s, &rows, &counts) != DB_OK)
		return false;
	tpl_set(t, "LIST_PATH", s->list_path);
	tpl_set(t, "Q", q);
	tpl_set(t, "OTHER_HEADING", s->as_provider ? _("Reseller") : _("Indirect provider"));
	tpl_set_int(t, "TOTAL", total);
	for (int i = 0; i < rows.nrows; i++)
		add_partner_row(r, s, t, &rows, i, shared_count(&counts, i));
	if (total == 0)
		tpl_show_section(t, *q ? "NO_MATCHES" : "NO_PARTNERS");
	else if (!*q)
		tpl_set(tpl_add_section(t, "COUNT"), "TEXT", partner_count_text(r->arena, s, total));
	if (*q)
		tpl_set(tpl_add_section(t, "SEARCHED"), "LIST_PATH", s->list_path);
	return true;
}

void partnership_add_notice(request *r, const partnership_side *s, tpl_dict *d, const char *param, const char *section)
{
	partnership_info p;
	long long id = http_id(http_query(r, param));
	if (!id || !partnership_load(r->arena, id, &p))
		return;
	const char *name = partnership_other_name(&p, s, r->user->org_id);
	if (name)
		tpl_set(tpl_add_section(d, section), "NAME", name);
}

/* ---- ending ---- */

#define NO_PARTNERSHIP N_("Your organization has no partnership with that organization. It may have ended already.")

/* The live partnership of the signed-in organization with the organization ID_TEXT names; else a 404. */
static bool live_partnership(request *r, const char *id_text, partnership_info *p)
{
	long long id = rights_live_partnership(r->arena, r->user, http_id(id_text));
	if (id && partnership_load(r->arena, id, p))
		return true;
	view_error(r, 404, _(NO_PARTNERSHIP));
	return false;
}

void partnership_end_confirm(request *r, const partnership_side *s)
{
	partnership_info p;
	if (!live_partnership(r, http_query(r, "id"), &p))
		return;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "OTHER_NAME", partnership_other_name(&p, s, r->user->org_id));
	tpl_set_int(d, "OTHER_ORG_ID", s->as_provider ? p.reseller_org_id : p.provider_org_id);
	tpl_set(d, "PROVIDER_NAME", p.provider_name);
	tpl_set(d, "RESELLER_NAME", p.reseller_name);
	tpl_set(d, "STARTED_ON", i18n_datetime(r->arena, p.started_on, true));
	tpl_set(d, "END_PATH", s->end_path);
	tpl_set(d, "LIST_PATH", s->list_path);
	tpl_set(d, "OTHER_LABEL", s->other_label);
	tpl_show_section(d, s->as_provider ? "AS_PROVIDER" : "AS_RESELLER");
	view_page(r, "partnership_end.tpl", _("End partnership"), d);
}

typedef struct {
	arena *a;
	const actor *who;
	long long id;  /* the other organization, or the request */
} change_of;

static outcome end_partnership(void *ctx)
{
	change_of *c = ctx;
	const user *u = c->who->user;
	bool as_provider = rights_acts_as(u, "provider", 0);
	if (!as_provider && !rights_acts_as(u, "reseller", 0))
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_PARTNERSHIP));
	if (!(u->roles & ROLE_ADMIN_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only an admin agent of your organization can end a partnership."));
	rights_partner live;
	partnership_info p;
	rights_rc may = rights_for_partner(c->a, u, c->id, &live);
	if (may == RIGHTS_NONE)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_PARTNERSHIP));
	if (may != RIGHTS_OK || !partnership_load(c->a, live.partnership_id, &p))
		return outcome_failed(DB_ERROR);
	unsigned long long ended = 0;
	int rc = db_exec("UPDATE partnerships SET ended_at = UTC_TIMESTAMP(), ended_by = ? WHERE id = ? AND ended_at IS NULL",
			 DB_ARGS(DB_INT(u->id), DB_INT(p.id)), &ended, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (ended != 1)  /* someone on either side ended it a moment ago */
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_PARTNERSHIP));
	const char *side = as_provider ? "provider" : "reseller";
	rc = domain_audit(c->who, (audit_entry){
		.action = "partnership.ended", .object_type = "partnership", .object_id = p.id, .party_org_id = c->id,
		.detail = arena_printf(c->a, "partnership %lld: %s (provider) and %s (reseller), ended by the %s", p.id,
				       p.provider_name, p.reseller_name, side),
		.before_json = domain_json(c->a, "state", "live", "started_on", p.started_on, NULL),
		.after_json = domain_json(c->a, "state", "ended", "ended_by", side, NULL) });
	return rc == DB_OK ? outcome_ok(p.id) : outcome_failed(rc);
}

outcome partnerships_end(arena *a, const actor *who, long long other_org)
{
	change_of c = { a, who, other_org };
	return domain_tx(end_partnership, &c);
}

/* ---- requests ---- */

/* Partnership requests sent by the provider, newest first along ix_requests_provider (provider_org_id,
 * created_at, id), a page at a time; or only one of them (the first "?" switches that off). */
#define REQUESTS_SQL \
	"SELECT pr.id, u.display_name, pr.created_at, t.expires_at, " LINK_STATE_SQL ", " \
	"COALESCE(ao.name, ''), COALESCE(au.display_name, ''), " \
	"COALESCE(pr.accepted_at, t.used_at, t.revoked_at, t.expires_at), COALESCE(pr.accepted_org_id, 0) " \
	"FROM partnership_requests pr JOIN email_tokens t ON t.id = pr.token_id " \
	"JOIN users u ON u.id = pr.created_by LEFT JOIN organizations ao ON ao.id = pr.accepted_org_id " \
	"LEFT JOIN users au ON au.id = t.used_by WHERE pr.provider_org_id = ? AND (? = 0 OR pr.id = ?)"

int partnership_requests_read(arena *a, long long provider_org, const seek *at, long long only, db_rows *rows)
{
	return db_query_cols(a, rows, REQUEST_NCOLS, SEEK_SQL_NEWEST_BY_KEY(at, REQUESTS_SQL, "pr.created_at", "pr.id"),
			     DB_ARGS(DB_INT(provider_org), DB_INT(only), DB_INT(only),
				     SEEK_KEY_ARGS(at, PARTNERSHIP_REQUESTS_PAGE_SIZE)));
}

const char *partnerships_link(arena *a, const char *path, const char *token)
{
	return arena_printf(a, "%s%s?token=%s", mail_base_url(), path, token);
}

#define REQUEST_TTL_SECONDS (30LL * 24 * 3600)

typedef struct {
	arena *a;
	const actor *who;
	partnership_request_made *out;
} request_change;

/* The token, its request and the audit row: the request names the token, the token its request. */
static outcome make_request(void *ctx)
{
	request_change *c = ctx;
	const user *u = c->who->user;
	if (!rights_acts_as(u, "provider", ROLE_ADMIN_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only an admin agent of a provider can request a partnership."));
	token_info info;
	unsigned long long id = 0;
	int rc = token_create_pending(c->a, "partnership", u->id, REQUEST_TTL_SECONDS, c->out->token, &info);
	if (rc == DB_OK)
		rc = db_exec("INSERT INTO partnership_requests (provider_org_id, token_id, created_by, created_at) "
			     "VALUES (?, ?, ?, UTC_TIMESTAMP())",
			     DB_ARGS(DB_INT(u->org_id), DB_INT(info.id), DB_INT(u->id)), NULL, &id);
	if (rc == DB_OK)
		rc = token_set_subject(info.id, (long long)id);
	if (rc != DB_OK)
		return outcome_failed(rc);
	c->out->request_id = (long long)id;
	c->out->expires_at = info.expires_at;
	rc = domain_audit(c->who, (audit_entry){
		.action = "partnership.requested", .object_type = "partnership_request", .object_id = c->out->request_id,
		.detail = arena_printf(c->a, "request %lld by %s, link valid until %s UTC", c->out->request_id,
				       u->org_name, info.expires_at),
		.after_json = domain_json(c->a, "state", "sent", "expires_at", info.expires_at, NULL) });
	return rc == DB_OK ? outcome_ok(c->out->request_id) : outcome_failed(rc);
}

outcome partnerships_request(arena *a, const actor *who, partnership_request_made *out)
{
	request_change c = { a, who, out };
	return domain_tx(make_request, &c);
}

static outcome revoke_request(void *ctx)
{
	change_of *c = ctx;
	const user *u = c->who->user;
	outcome o = outcome_of_rights(rights_for_partnership_request(c->a, u, c->id), RIGHTS_PARTNERSHIP_REQUEST);
	if (!outcome_is_ok(&o))
		return o;
	if (!(u->roles & ROLE_ADMIN_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Only an admin agent of your organization can revoke a "
							      "partnership request."));
	enum { STATE, TOKEN, NCOLS };
	db_rows rows;
	/* the token's row locked: the reseller cannot use the link between this check and the revocation */
	int rc = db_query_cols(c->a, &rows, NCOLS,
			       "SELECT " LINK_STATE_SQL ", t.id FROM partnership_requests pr "
			       "JOIN email_tokens t ON t.id = pr.token_id WHERE pr.id = ? FOR UPDATE",
			       DB_ARGS(DB_INT(c->id)));
	if (rc != DB_OK || rows.nrows != 1)
		return outcome_failed(rc != DB_OK ? rc : DB_ERROR);
	o = partnerships_revoke_link(db_get_int(&rows, 0, TOKEN), db_get(&rows, 0, STATE), "This partnership request",
				     PARTNERSHIPS_NOT_REVOCABLE);
	if (!outcome_is_ok(&o))
		return o;
	rc = domain_audit(c->who, (audit_entry){
		.action = "partnership.request_revoked", .object_type = "partnership_request", .object_id = c->id,
		.detail = arena_printf(c->a, "request %lld by %s", c->id, u->org_name),
		.before_json = domain_json(c->a, "state", "sent", NULL),
		.after_json = domain_json(c->a, "state", "revoked", NULL) });
	return rc == DB_OK ? outcome_ok(c->id) : outcome_failed(rc);
}

outcome partnerships_revoke_request(arena *a, const actor *who, long long request_id)
{
	change_of c = { a, who, request_id };
	return domain_tx(revoke_request, &c);
}

/* ---- the emailed link ---- */

/* Why a request or invitation no longer sent cannot be revoked: one whole sentence per kind and state. */
static const struct {
	const char *what, *state, *message;
} not_revocable[] = {
	{ "This partnership request", "accepted",
	  N_("This partnership request is accepted, so it cannot be revoked. Nothing was changed.") },
	{ "This partnership request", "revoked",
	  N_("This partnership request is revoked, so it cannot be revoked. Nothing was changed.") },
	{ "This partnership request", "expired",
	  N_("This partnership request is expired, so it cannot be revoked. Nothing was changed.") },
	{ "This invitation", "accepted", N_("This invitation is accepted, so it cannot be revoked. Nothing was changed.") },
	{ "This invitation", "revoked", N_("This invitation is revoked, so it cannot be revoked. Nothing was changed.") },
	{ "This invitation", "expired", N_("This invitation is expired, so it cannot be revoked. Nothing was changed.") },
};

static const char *not_revocable_message(const char *what, const char *state)
{
	for (size_t i = 0; i < sizeof not_revocable / sizeof not_revocable[0]; i++)
		if (!strcmp(not_revocable[i].what, what) && !strcmp(not_revocable[i].state, state))
			return _(not_revocable[i].message);
	return _("It is no longer sent, so it cannot be revoked. Nothing was changed.");
}

outcome partnerships_revoke_link(long long token_id, const char *state, const char *what, int code)
{
	if (strcmp(state, "sent"))
		return outcome_refused(OUTCOME_CONFLICT, code, not_revocable_message(what, state));
	int rc = token_revoke(token_id);
	return rc == DB_OK ? outcome_ok(token_id) : outcome_failed(rc);
}

enum token_state partnerships_link_lookup(arena *a, const char *purpose, const char *token,
					  bool (*load)(arena *a, long long token_id, void *link), void *link,
					  long long *token_id)
{
	token_info tok;
	enum token_state state = token_lookup(a, purpose, token, &tok);
	*token_id = tok.id;
	if (state == TOKEN_VALID && !load(a, tok.id, link))
		return TOKEN_UNKNOWN;
	return state;
}

outcome partnerships_link_refusal(enum token_state state)
{
	if (state == TOKEN_DB_ERROR)
		return outcome_failed(DB_ERROR);
	return outcome_refused(state == TOKEN_UNKNOWN ? OUTCOME_NOT_FOUND : OUTCOME_GONE, 0, _(token_state_message(state)));
}

outcome partnerships_spent_refusal(enum token_state state, rights_rc mine, int done_code)
{
	if (mine == RIGHTS_FAILED)
		return outcome_failed(DB_ERROR);
	if (mine == RIGHTS_OK)
		return outcome_refused(OUTCOME_GONE, done_code, _(token_state_message(TOKEN_USED)));
	return partnerships_link_refusal(state);
}

/* The request behind the link's token TOKEN_ID: who is asking. */
static bool load_request(arena *a, long long token_id, void *link)
{
	partnership_link *l = link;
	enum { REQUEST, PROVIDER, PROVIDER_NAME, NCOLS };
	db_rows rows;
	if (db_query_cols(a, &rows, NCOLS,
		     "SELECT pr.id, pr.provider_org_id, o.name FROM partnership_requests pr "
		     "JOIN organizations o ON o.id = pr.provider_org_id WHERE pr.token_id = ?",
		     DB_ARGS(DB_INT(token_id))) != DB_OK || rows.nrows != 1)
		return false;
	l->token_id = token_id;
	l->request_id = db_get_int(&rows, 0, REQUEST);
	l->provider_org_id = db_get_int(&rows, 0, PROVIDER);
	l->provider_name = db_get(&rows, 0, PROVIDER_NAME);
	return true;
}

/* A link that cannot be used: for the reseller that used it (a second click, or the link opened again) the
 * partnership it started, while it stands; for anyone else why. */
static outcome spent_link(arena *a, const user *u, enum token_state state, long long token_id, partnership_link *l)
{
	rights_rc mine = RIGHTS_NONE;
	if (state == TOKEN_USED && load_request(a, token_id, l))
		mine = rights_for_accepted_request(a, u, l->request_id);
	if (mine == RIGHTS_OK && !(l->partnership_id = rights_live_partnership(a, u, l->provider_org_id)))
		mine = RIGHTS_NONE;  /* ended since: the link is just used */
	return partnerships_spent_refusal(state, mine, PARTNERSHIPS_LINK_DONE);
}

static outcome already_partners(arena *a, const user *u, const partnership_link *l)
{
	return outcome_refused(OUTCOME_CONFLICT, PARTNERSHIPS_ALREADY_PARTNERS,
			       arena_printf(a, _("%s is already the indirect provider of %s."), l->provider_name, u->org_name));
}

outcome partnerships_open_link(arena *a, const actor *who, const char *token, partnership_link *l)
{
	const user *u = who->user;
	long long token_id;
	memset(l, 0, sizeof *l);
	enum token_state state = partnerships_link_lookup(a, "partnership", token, load_request, l, &token_id);
	if (state != TOKEN_VALID)
		return spent_link(a, u, state, token_id, l);
	if (!u)
		return outcome_refused(OUTCOME_FORBIDDEN, 0, _("Sign in with your reseller account to use this link."));
	if (strcmp(u->org_kind, "reseller"))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, arena_printf(a, _(
			"Only an enrolled indirect reseller can accept a partnership request, and %s does not belong to a "
			"reseller account. Sign out and sign in with your reseller account, or enroll as a reseller first. "
			"The link has not been used."), u->upn));
	if (!(u->roles & ROLE_ADMIN_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, 0, arena_printf(a, _(
			"Only an admin agent of %s can authorize an indirect provider. Ask an admin agent of your account "
			"to follow this link; it has not been used."), u->org_name));
	l->partnership_id = rights_live_partnership(a, u, l->provider_org_id);
	if (!l->partnership_id)
		return outcome_ok(l->request_id);
	/* partners already; unless this very link did it a moment ago (a double click): then it shows that */
	token_info tok;
	state = token_lookup(a, "partnership", token, &tok);
	if (state != TOKEN_VALID)
		return spent_link(a, u, state, tok.id, l);
	return already_partners(a, u, l);
}

typedef struct {
	arena *a;
	const actor *who;
	const char *token;
	bool confirmed;
	partnership_link *link;
} authorizing;

/* Use the link, start the partnership, mark the request accepted and audit it. */
static outcome authorize(void *ctx)
{
	authorizing *c = ctx;
	partnership_link *l = c->link;
	outcome o = partnerships_open_link(c->a, c->who, c->token, l);
	if (!outcome_is_ok(&o))
		return o;
	const user *u = c->who->user;
	if (!c->confirmed)
		return outcome_invalid("confirm", arena_printf(c->a, _("Tick the box to confirm that you authorize %s to "
								       "be your indirect provider."), l->provider_name));
	if (token_consume(l->token_id, u->id) != DB_OK)  /* a second click finds it used */
		return outcome_refused(OUTCOME_GONE, PARTNERSHIPS_LINK_SPENT, _(token_state_message(TOKEN_USED)));
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO partnerships (provider_org_id, reseller_org_id, request_id, authorized_by, started_at) "
			 "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			 DB_ARGS(DB_INT(l->provider_org_id), DB_INT(u->org_id), DB_INT(l->request_id), DB_INT(u->id)),
			 NULL, &id);
	if (rc == DB_DUPLICATE)  /* the unique live pair: partners already; the rollback keeps the link unused */
		return already_partners(c->a, u, l);
	if (rc != DB_OK)
		return outcome_failed(rc);
	l->partnership_id = (long long)id;
	rc = db_exec("UPDATE partnership_requests SET accepted_org_id = ?, accepted_at = UTC_TIMESTAMP() "
		     "WHERE id = ? AND accepted_at IS NULL",
		     DB_ARGS(DB_INT(u->org_id), DB_INT(l->request_id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "partnership.authorized", .object_type = "partnership", .object_id = l->partnership_id,
		.party_org_id = l->provider_org_id,
		.detail = arena_printf(c->a, "partnership %lld: %s is the indirect provider of %s (request %lld)",
				       l->partnership_id, l->provider_name, u->org_name, l->request_id),
		.after_json = domain_json(c->a, "state", "live", "provider", l->provider_name, "reseller", u->org_name,
					  "request", arena_printf(c->a, "%lld", l->request_id), NULL) });
	return rc == DB_OK ? outcome_ok(l->partnership_id) : outcome_failed(rc);
}

outcome partnerships_authorize(arena *a, const actor *who, const char *token, bool confirmed, partnership_link *link)
{
	authorizing c = { a, who, token, confirmed, link };
	outcome o = domain_tx(authorize, &c);
	if (o.kind == OUTCOME_CONFLICT && o.code == PARTNERSHIPS_ALREADY_PARTNERS)
		link->partnership_id = rights_live_partnership(a, who->user, link->provider_org_id);
	if (o.kind != OUTCOME_GONE || o.code != PARTNERSHIPS_LINK_SPENT)
		return o;
	/* another click used the link a moment ago: now that it is committed, what that did */
	o = partnerships_open_link(a, who, token, link);
	return outcome_is_ok(&o) ? outcome_failed(DB_ERROR) : o;  /* unused after all: the consume failed */
}
