/* partnerships.c: provider-reseller partnerships from either side: the partner list, facts, shared customers, ending */
#include "domain/partnerships.h"
#include "session.h"

#include <string.h>

#include "auth.h"
#include "db_answer.h"
#include "list_query.h"
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
	"SELECT o.id, o.name, o.country, DATE_FORMAT(p.started_at, '%Y-%m-%d') " PARTNERS_FROM_SQL(ME, OTHER)
enum { PARTNER_ID, PARTNER_NAME, PARTNER_COUNTRY, PARTNER_STARTED_ON, PARTNER_NCOLS };
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

static int page_of_partners(request *r, const partnership_side *s, const list_words *words, const seek *at, db_rows *rows)
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
	tpl_set(p, "STARTED_ON", db_get(rows, i, PARTNER_STARTED_ON));
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

bool partnership_add_list(request *r, const partnership_side *s, tpl_dict *d)
{
	const char *q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), SEARCH_MAX_CHARS);
	list_words words = list_search_words(r->arena, q);
	seek at = http_seek(r);
	long long total;
	db_rows rows, counts;
	if (count_partners(r, s, &words, &total) != DB_OK || page_of_partners(r, s, &words, &at, &rows) != DB_OK)
		return false;
	tpl_dict *t = tpl_add_include(d, "PARTNER_TABLE", "partnership_table.tpl");
	view_seek_page(t, &at, &rows, PARTNERSHIP_PAGE_SIZE, PARTNER_ID, PARTNER_NAME);  /* its links read LIST_PATH and Q below */
	if (shared_counts(r, s, &rows, &counts) != DB_OK)
		return false;
	tpl_set(t, "LIST_PATH", s->list_path);
	tpl_set(t, "Q", q);
	tpl_set(t, "OTHER_HEADING", s->as_provider ? "Reseller" : "Indirect provider");
	tpl_set_int(t, "TOTAL", total);
	for (int i = 0; i < rows.nrows; i++)
		add_partner_row(r, s, t, &rows, i, shared_count(&counts, i));
	if (total == 0)
		tpl_show_section(t, *q ? "NO_MATCHES" : "NO_PARTNERS");
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

/* The live partnership of the signed-in organization with the organization ID_TEXT names; else a 404. */
static bool live_partnership(request *r, const char *id_text, partnership_info *p)
{
	long long id = rights_live_partnership(r->arena, r->user, http_id(id_text));
	if (id && partnership_load(r->arena, id, p))
		return true;
	view_error(r, 404, "Your organization has no partnership with that organization. It may have ended already.");
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
	tpl_set(d, "STARTED_ON", p.started_on);
	tpl_set(d, "END_PATH", s->end_path);
	tpl_set(d, "LIST_PATH", s->list_path);
	tpl_set(d, "OTHER_LABEL", s->other_label);
	tpl_show_section(d, s->as_provider ? "AS_PROVIDER" : "AS_RESELLER");
	view_page(r, "partnership_end.tpl", "End partnership", d);
}

typedef struct {
	request *r;
	const partnership_info *p;
	const partnership_side *s;
	unsigned long long ended;  /* out: 0 when someone ended it a moment ago */
} ending;

/* End the partnership and write the audit row, in one transaction. */
static int end_tx(void *ctx)
{
	ending *e = ctx;
	int rc = db_exec("UPDATE partnerships SET ended_at = UTC_TIMESTAMP(), ended_by = ? WHERE id = ? AND ended_at IS NULL",
			 DB_ARGS(DB_INT(e->r->user->id), DB_INT(e->p->id)), &e->ended, NULL);
	if (rc != DB_OK || e->ended != 1)
		return rc;
	return audit(e->r->user->id, "partnership.ended",
		     arena_printf(e->r->arena, "partnership %lld: %s (provider) and %s (reseller), ended by the %s", e->p->id,
				  e->p->provider_name, e->p->reseller_name, e->s->as_provider ? "provider" : "reseller"),
		     e->r->remote_addr);
}

void partnership_end_submit(request *r, const partnership_side *s)
{
	partnership_info p;
	if (!live_partnership(r, http_form(r, "id"), &p))
		return;
	ending e = { r, &p, s, 0 };
	int rc = db_transaction(end_tx, &e);
	if (rc != DB_OK) {
		db_answer_failure(r, rc, "The partnership could not be ended right now. Nothing was changed; try again in "
					 "a minute.");
		return;
	}
	if (e.ended != 1) {  /* someone on either side ended it a moment ago */
		view_error(r, 404, "Your organization has no partnership with that organization. It may have ended already.");
		return;
	}
	http_redirect(r, arena_printf(r->arena, "%s?ended=%lld", s->list_path, p.id));
}
