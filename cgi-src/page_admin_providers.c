/* page_admin_providers.c: the vendor admin keeps the official provider list: add, edit, delist and relist providers */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "audit_tx.h"
#include "db.h"
#include "db_answer.h"
#include "list_query.h"
#include "session.h"
#include "validate.h"
#include "view.h"

#define MAX_SERVICES 30

/* What a transaction found that stops a save; positive so it never collides with DB_* codes. */
enum { PROV_NOT_FOUND = 1, PROV_NO_TENANT, PROV_TENANT_TAKEN, PROV_NAME_TAKEN };

/* The form's fields; KEYS name them in admin_providers_form.tpl (value KEY, error section KEY_ERROR). */
enum { F_TENANT, F_NAME, F_HEADLINE, F_COUNTRIES, F_SERVICES, F_EMAIL, F_PHONE, F_WEBSITE, N_FIELDS };
static const char *const keys[N_FIELDS] = {
	"TENANT", "PROVIDER_NAME", "HEADLINE", "COUNTRIES", "SERVICES", "EMAIL", "PHONE", "WEBSITE",
};

/* The one-line fields, as posted and as checked. */
static const struct {
	int field;
	const char *param;
	field_rule rule;
} text_fields[] = {
	{ F_NAME, "name", { "Provider name", 200, true, FORMAT_TEXT } },
	{ F_HEADLINE, "headline", { "Headline", 300, true, FORMAT_TEXT } },
	{ F_EMAIL, "contact_email", { "Contact email", 320, true, FORMAT_EMAIL } },
	{ F_PHONE, "contact_phone", { "Phone", 40, true, FORMAT_PHONE } },
	{ F_WEBSITE, "website", { "Website", 300, false, FORMAT_URL } },
};
static const field_rule service_rule = { "Each service", 200, true, FORMAT_TEXT };

/* A listing as the form holds it, and what a save transaction needs and finds. */
typedef struct {
	arena *arena;
	long long org_id;     /* edit: the provider; new: set by the transaction */
	long long tenant_id;  /* new only */
	long long user_id;    /* who saves */
	const char *values[N_FIELDS];  /* F_COUNTRIES unused; F_SERVICES one per line */
	const char **countries;        /* codes, in the order chosen, without repeats */
	size_t n_countries;
	const char *errors[N_FIELDS];
} listing;

#define PROVIDERS_UNAVAILABLE "The provider list cannot be changed right now. Nothing was saved; try again in a minute."

static void not_found(request *r)
{
	view_error(r, 404, "There is no provider organization with that number. Choose one from the provider list.");
}

static listing new_listing(request *r)
{
	listing l = { .arena = r->arena, .user_id = r->user->id };
	for (int f = 0; f < N_FIELDS; f++)
		l.values[f] = "";
	l.countries = arena_calloc(r->arena, validate_country_count * sizeof *l.countries);
	return l;
}

static bool chosen(const listing *l, const char *code)
{
	for (size_t i = 0; i < l->n_countries; i++)
		if (!strcmp(l->countries[i], code))
			return true;
	return false;
}

static void add_country(listing *l, const char *code)
{
	if (validate_country_name(code) && !chosen(l, code))
		l->countries[l->n_countries++] = code;
}

/* ---- reading and checking the form (new and edit alike) ---- */

static void read_services(request *r, listing *l)
{
	const char *text = http_form(r, "services"), *line, *kept = "", *error = NULL;
	int n = 0;
	while ((line = validate_next_line(r->arena, &text))) {
		const char *problem = validate_field(r->arena, &service_rule, line);
		if (problem && !error)
			error = arena_printf(r->arena, "Service %d: %s", n + 1, problem);
		kept = arena_printf(r->arena, "%s%s%s", kept, n ? "\n" : "", line);
		n++;
	}
	if (!n)
		error = "List at least one service the provider offers, one per line.";
	else if (n > MAX_SERVICES && !error)
		error = arena_printf(r->arena, "List at most %d services.", MAX_SERVICES);
	l->values[F_SERVICES] = kept;
	l->errors[F_SERVICES] = error;
}

static void read_countries(request *r, listing *l)
{
	for (size_t i = 0; i < r->form.len; i++) {
		if (strcmp(r->form.items[i].name, "countries"))
			continue;
		if (!validate_country_name(r->form.items[i].value))
			l->errors[F_COUNTRIES] = "Choose the countries from the list.";
		add_country(l, r->form.items[i].value);
	}
	if (!l->n_countries && !l->errors[F_COUNTRIES])
		l->errors[F_COUNTRIES] = "Choose at least one country or region the provider serves.";
}

/* Read every field but the tenant into L; true when all of them are fine. */
static bool read_form(request *r, listing *l)
{
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		const char *value = validate_trim(r->arena, http_form(r, text_fields[i].param));
		l->values[text_fields[i].field] = value;
		l->errors[text_fields[i].field] = validate_field(r->arena, &text_fields[i].rule, value);
	}
	read_services(r, l);
	read_countries(r, l);
	for (int f = 0; f < N_FIELDS; f++)
		if (l->errors[f])
			return false;
	return true;
}

/* ---- the form page ---- */

/* Directory tenants without any partner account yet: a user belongs to one account. */
static bool add_tenant_options(request *r, tpl_dict *form, long long selected)
{
	enum { ID, DOMAIN, DISPLAY_NAME, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT t.id, t.domain, t.display_name FROM tenants t "
		     "WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.tenant_id = t.id) ORDER BY t.domain",
		     DB_NOARGS) != DB_OK)
		return false;
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *t = tpl_add_section(form, "TENANT_OPTION");
		tpl_set(t, "ID", db_get(&rows, i, ID));
		tpl_set(t, "DOMAIN", db_get(&rows, i, DOMAIN));
		tpl_set(t, "DISPLAY_NAME", db_get(&rows, i, DISPLAY_NAME));
		if (db_get_int(&rows, i, ID) == selected)
			tpl_show_section(t, "SELECTED");
	}
	if (!rows.nrows)
		tpl_show_section(form, "NO_TENANTS");
	return true;
}

/* One checkbox per country: those chosen first, so they show without scrolling, then the rest. */
static void add_country_checkboxes(tpl_dict *d, const listing *l)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < validate_country_count; i++) {
			bool checked = chosen(l, validate_countries[i].code);
			if (checked != !pass)
				continue;
			tpl_dict *c = tpl_add_section(d, "COUNTRY");
			tpl_set(c, "CODE", validate_countries[i].code);
			tpl_set(c, "NAME", validate_countries[i].name);
			if (checked)
				tpl_show_section(c, "CHECKED");
		}
}

/* The add or edit form (L->org_id tells which) with L's values and errors. */
static void form_page(request *r, const listing *l)
{
	tpl_dict *d = view_dict(r);
	bool any_error = false;
	for (int f = 0; f < N_FIELDS; f++) {
		tpl_set(d, keys[f], l->values[f]);
		if (l->errors[f]) {
			tpl_set(tpl_add_section(d, arena_printf(r->arena, "%s_ERROR", keys[f])), "MESSAGE", l->errors[f]);
			any_error = true;
		}
	}
	if (any_error)
		tpl_show_section(d, "FORM_ERROR");
	add_country_checkboxes(d, l);
	if (l->org_id) {
		tpl_set_int(tpl_add_section(d, "EDIT"), "ID", l->org_id);
	} else if (!add_tenant_options(r, tpl_add_section(d, "NEW"), l->tenant_id)) {
		view_error(r, 503, PROVIDERS_UNAVAILABLE);
		return;
	}
	view_page(r, "admin_providers_form.tpl", l->org_id ? "Edit a provider listing" : "Add a provider", d);
}

/* The form again with status 400: what was typed stays, each problem next to its field. */
static void refuse(request *r, const listing *l)
{
	r->status = 400;
	form_page(r, l);
}

/* ---- saving ---- */

/* Another provider has this name (compared as the column's collation does: case-insensitive).
 * A locking read: with no index on the name it locks the rows it scans, so two admins saving
 * the same name at once are serialized and the second one sees the first one's row. */
static int name_taken(listing *l)
{
	db_rows rows;
	int rc = db_query(l->arena, &rows,
			  "SELECT id FROM organizations WHERE kind = 'provider' AND name = ? AND id <> ? FOR UPDATE",
			  DB_ARGS(DB_STR(l->values[F_NAME]), DB_INT(l->org_id)));
	return rc != DB_OK ? rc : rows.nrows ? PROV_NAME_TAKEN : DB_OK;
}

/* The listing row (created when missing) and the countries it serves, replaced. */
static int write_listing(listing *l)
{
	int rc = db_exec("INSERT INTO provider_listings (org_id, headline, services, contact_email, contact_phone, website, "
			 "listed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, UTC_TIMESTAMP(), ?) "
			 "ON DUPLICATE KEY UPDATE headline = VALUES(headline), services = VALUES(services), "
			 "contact_email = VALUES(contact_email), contact_phone = VALUES(contact_phone), "
			 "website = VALUES(website), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)",
			 DB_ARGS(DB_INT(l->org_id), DB_STR(l->values[F_HEADLINE]), DB_STR(l->values[F_SERVICES]),
				 DB_STR(l->values[F_EMAIL]), DB_STR(l->values[F_PHONE]), DB_STR(l->values[F_WEBSITE]),
				 DB_INT(l->user_id)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec("DELETE FROM provider_countries WHERE org_id = ?", DB_ARGS(DB_INT(l->org_id)), NULL, NULL)) != DB_OK)
		return rc;
	for (size_t i = 0; i < l->n_countries && rc == DB_OK; i++)
		rc = db_exec("INSERT INTO provider_countries (org_id, country) VALUES (?, ?)",
			     DB_ARGS(DB_INT(l->org_id), DB_STR(l->countries[i])), NULL, NULL);
	return rc;
}

static int create_tx(void *ctx)
{
	listing *l = ctx;
	enum { TENANT, TAKEN, NCOLS };
	db_rows rows;
	/* locking the tenant serializes two admins adding a provider for it at once */
	int rc = db_query_cols(l->arena, &rows, NCOLS,
			  "SELECT t.id, EXISTS (SELECT 1 FROM organizations o WHERE o.tenant_id = t.id) "
			  "FROM tenants t WHERE t.id = ? FOR UPDATE", DB_ARGS(DB_INT(l->tenant_id)));
	if (rc != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return PROV_NO_TENANT;
	if (db_get_int(&rows, 0, TAKEN))
		return PROV_TENANT_TAKEN;
	l->org_id = 0;
	if ((rc = name_taken(l)) != DB_OK)
		return rc;
	unsigned long long org_id;
	rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('provider', ?, ?, ?)",
		     DB_ARGS(DB_STR(l->values[F_NAME]), DB_INT(l->tenant_id), DB_STR(l->countries[0])), NULL, &org_id);
	if (rc != DB_OK)
		return rc == DB_DUPLICATE ? PROV_TENANT_TAKEN : rc;  /* (tenant, kind) is unique */
	l->org_id = (long long)org_id;
	if ((rc = db_exec("INSERT INTO partner_users (org_id, user_id, admin_agent, added_at, added_by) "
			  "SELECT ?, id, 1, UTC_TIMESTAMP(), ? FROM users WHERE tenant_id = ? AND directory_role = 'global_admin'",
			  DB_ARGS(DB_INT(l->org_id), DB_INT(l->user_id), DB_INT(l->tenant_id)), NULL, NULL)) != DB_OK)
		return rc;
	return write_listing(l);
}

static int update_tx(void *ctx)
{
	listing *l = ctx;
	db_rows rows;
	int rc = db_query(l->arena, &rows, "SELECT id FROM organizations WHERE id = ? AND kind = 'provider' FOR UPDATE",
			  DB_ARGS(DB_INT(l->org_id)));
	if (rc != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return PROV_NOT_FOUND;
	if ((rc = name_taken(l)) != DB_OK)
		return rc;
	if ((rc = db_exec("UPDATE organizations SET name = ? WHERE id = ?",
			  DB_ARGS(DB_STR(l->values[F_NAME]), DB_INT(l->org_id)), NULL, NULL)) != DB_OK)
		return rc;
	return write_listing(l);
}

/* The account's users see its new name (or new account) in their open sessions at once. */
static void refresh_members(request *r, long long org_id)
{
	db_rows rows;
	if (db_query(r->arena, &rows, "SELECT user_id FROM partner_users WHERE org_id = ?", DB_ARGS(DB_INT(org_id))) != DB_OK)
		return;
	for (int i = 0; i < rows.nrows; i++)
		auth_user_changed(r->arena, db_get_int(&rows, i, 0));
}

static const char *countries_text(request *r, const listing *l)
{
	const char *text = "";
	for (size_t i = 0; i < l->n_countries; i++)
		text = arena_printf(r->arena, "%s%s%s", text, i ? "," : "", l->countries[i]);
	return text;
}

typedef struct {
	request *r;
	int (*tx)(void *);
	listing *l;
	const char *action;
} listing_save;

/* The save and its audit row in one transaction. */
static int save_and_audit(void *ctx)
{
	listing_save *s = ctx;
	int rc = s->tx(s->l);
	if (rc != DB_OK)
		return rc;
	return audit(s->r->user->id, s->action, arena_printf(s->r->arena, "provider %lld: %s, serving %s", s->l->org_id,
							     s->l->values[F_NAME], countries_text(s->r, s->l)),
		     s->r->remote_addr);
}

/* Run a save transaction with its audit row ACTION; true when it committed, else the answer (form, 404 or
 * 503) is given. */
static bool run_save(request *r, int (*tx)(void *), listing *l, const char *action)
{
	listing_save s = { r, tx, l, action };
	int rc = db_transaction(save_and_audit, &s);
	switch (rc) {
	case DB_OK:
		return true;
	case PROV_NOT_FOUND:
		not_found(r);
		return false;
	case PROV_NO_TENANT:
		l->errors[F_TENANT] = "Choose the provider's directory tenant from the list.";
		break;
	case PROV_TENANT_TAKEN:
		l->errors[F_TENANT] = "This tenant already has a partner account. Choose a tenant without one.";
		break;
	case PROV_NAME_TAKEN:
		l->errors[F_NAME] = "Another provider on the list already has this name. Choose a different name.";
		break;
	default:
		db_answer_failure(r, rc, PROVIDERS_UNAVAILABLE);
		return false;
	}
	refuse(r, l);
	return false;
}

static void saved(request *r, const listing *l, const char *done)
{
	refresh_members(r, l->org_id);
	http_redirect(r, arena_printf(r->arena, "/admin/providers?done=%s&id=%lld", done, l->org_id));
}

/* ---- add a provider ---- */

void admin_provider_new_form(request *r)
{
	listing l = new_listing(r);
	form_page(r, &l);
}

void admin_provider_create(request *r)
{
	listing l = new_listing(r);
	l.values[F_TENANT] = http_form(r, "tenant_id");
	l.tenant_id = http_id(l.values[F_TENANT]);
	bool ok = read_form(r, &l);
	if (!l.tenant_id) {
		l.errors[F_TENANT] = "Choose the provider's directory tenant from the list.";
		ok = false;
	}
	if (!ok) {
		refuse(r, &l);
		return;
	}
	if (run_save(r, create_tx, &l, "provider.listed"))
		saved(r, &l, "added");
}

/* ---- edit a provider's listing ---- */

/* The posted or linked provider id, or 0. */
static long long provider_id(request *r)
{
	const char *id = http_form(r, "id");
	return http_id(*id ? id : http_query(r, "id"));
}

/* L filled from the database; PROV_NOT_FOUND when there is no such provider. */
static int load_listing(request *r, listing *l)
{
	/* the first L_FIELDS columns are the form's fields, in the order of columns[] */
	enum { L_NAME, L_HEADLINE, L_SERVICES, L_EMAIL, L_PHONE, L_WEBSITE, L_FIELDS, L_COUNTRIES = L_FIELDS, L_NCOLS };
	db_rows rows;
	int rc = db_query_cols(r->arena, &rows, L_NCOLS,
			  "SELECT o.name, COALESCE(l.headline, ''), COALESCE(l.services, ''), COALESCE(l.contact_email, ''), "
			  "COALESCE(l.contact_phone, ''), COALESCE(l.website, ''), "
			  "(SELECT GROUP_CONCAT(pc.country SEPARATOR ',') FROM provider_countries pc WHERE pc.org_id = o.id) "
			  "FROM organizations o LEFT JOIN provider_listings l ON l.org_id = o.id WHERE o.id = ? AND o.kind = 'provider'",
			  DB_ARGS(DB_INT(l->org_id)));
	if (rc != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return PROV_NOT_FOUND;
	static const int columns[L_FIELDS] = { F_NAME, F_HEADLINE, F_SERVICES, F_EMAIL, F_PHONE, F_WEBSITE };
	for (int col = 0; col < L_FIELDS; col++)
		l->values[columns[col]] = db_get(&rows, 0, col);
	for (char *codes = arena_strdup(r->arena, db_get(&rows, 0, L_COUNTRIES)), *code; (code = strsep(&codes, ","));)
		add_country(l, code);
	return DB_OK;
}

/* L (L->org_id) loaded; false when there is no such provider or no database, and the answer has been given. */
static bool found_listing(request *r, listing *l)
{
	int rc = l->org_id ? load_listing(r, l) : PROV_NOT_FOUND;
	if (rc == PROV_NOT_FOUND)
		not_found(r);
	else if (rc != DB_OK)
		view_error(r, 503, PROVIDERS_UNAVAILABLE);
	return rc == DB_OK;
}

void admin_provider_edit_form(request *r)
{
	listing l = new_listing(r);
	l.org_id = provider_id(r);
	if (found_listing(r, &l))
		form_page(r, &l);
}

void admin_provider_update(request *r)
{
	listing l = new_listing(r);
	l.org_id = provider_id(r);
	if (!read_form(r, &l)) {
		listing stored = new_listing(r);  /* an unknown provider is a 404, whatever was typed */
		stored.org_id = l.org_id;
		if (found_listing(r, &stored))
			refuse(r, &l);
		return;
	}
	if (!l.org_id)
		not_found(r);
	else if (run_save(r, update_tx, &l, "provider.updated"))
		saved(r, &l, "updated");
}

/* ---- delist and relist ---- */

static void set_listed(request *r, bool listed)
{
	long long id = http_id(http_form(r, "id"));
	db_rows rows;
	if (id && db_query(r->arena, &rows,
			   "SELECT o.name FROM organizations o JOIN provider_listings l ON l.org_id = o.id "
			   "WHERE o.id = ? AND o.kind = 'provider'", DB_ARGS(DB_INT(id))) != DB_OK) {
		view_error(r, 503, PROVIDERS_UNAVAILABLE);
		return;
	}
	if (!id || rows.nrows != 1) {
		view_error(r, 404, "There is no provider listing with that number. Choose one from the provider list.");
		return;
	}
	int rc = audited_exec("UPDATE provider_listings SET listed = ?, updated_at = UTC_TIMESTAMP(), updated_by = ? "
			      "WHERE org_id = ?", DB_ARGS(DB_INT(listed), DB_INT(r->user->id), DB_INT(id)), NULL,
			      r->user->id, listed ? "provider.relisted" : "provider.delisted",
			      arena_printf(r->arena, "provider %lld: %s", id, db_get(&rows, 0, 0)), r->remote_addr);
	if (rc != DB_OK) {
		db_answer_failure(r, rc, PROVIDERS_UNAVAILABLE);
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/admin/providers?done=%s&id=%lld", listed ? "relisted" : "delisted", id));
}

void admin_provider_delist(request *r)
{
	set_listed(r, false);
}

void admin_provider_relist(request *r)
{
	set_listed(r, true);
}

/* ---- the list ---- */

static const struct {
	const char *done, *section;
} notices[] = {
	{ "added", "ADDED_NOTICE" },
	{ "updated", "UPDATED_NOTICE" },
	{ "delisted", "DELISTED_NOTICE" },
	{ "relisted", "RELISTED_NOTICE" },
};

/* The ?done= notice, naming the provider it is about. */
static void add_notice(request *r, tpl_dict *d, const char *name)
{
	for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++)
		if (!strcmp(http_query(r, "done"), notices[i].done))
			tpl_set(tpl_add_section(d, notices[i].section), "NAME", name);
}

#define ADMIN_PAGE_SIZE 25
#define ADMIN_SEARCH_MAX 100

/* Every provider organization, by name, searched by word prefix of its name or its tenant's domain. The walk
 * along ix_org_kind_name stops after a page, so a page costs at most the providers passed over. */
#define ADMIN_FROM_SQL "FROM organizations o STRAIGHT_JOIN tenants t ON t.id = o.tenant_id "
#define ADMIN_WHERE_SQL \
	"WHERE o.kind = 'provider' AND " LIST_WORDS2_SQL("o.name", "t.domain")
#define ADMIN_PAGE_SQL \
	"SELECT o.id, o.name, t.domain, l.org_id, l.listed, " \
	"COALESCE((SELECT GROUP_CONCAT(pc.country ORDER BY pc.country SEPARATOR ', ') " \
	"FROM provider_countries pc WHERE pc.org_id = o.id), ''), " \
	"COALESCE(l.updated_at, ''), COALESCE(u.display_name, '') " ADMIN_FROM_SQL \
	"LEFT JOIN provider_listings l ON l.org_id = o.id LEFT JOIN users u ON u.id = l.updated_by " ADMIN_WHERE_SQL
enum { P_ID, P_NAME, P_TENANT, P_LISTING, P_LISTED, P_COUNTRIES, P_UPDATED_AT, P_UPDATED_BY, P_NCOLS };

static void add_provider_row(request *r, tpl_dict *d, const db_rows *rows, int i)
{
	tpl_dict *p = tpl_add_section(d, "PROVIDER");
	tpl_set(p, "ID", db_get(rows, i, P_ID));
	tpl_set(p, "NAME", db_get(rows, i, P_NAME));
	tpl_set(p, "TENANT", db_get(rows, i, P_TENANT));
	tpl_set(p, "COUNTRIES", db_get(rows, i, P_COUNTRIES));
	if (db_is_null(rows, i, P_LISTING)) {
		tpl_show_section(p, "NO_LISTING");
		return;
	}
	tpl_show_section(p, db_get_int(rows, i, P_LISTED) ? "LISTED" : "DELISTED");
	tpl_set(p, "UPDATED_AT", db_get(rows, i, P_UPDATED_AT));
	if (*db_get(rows, i, P_UPDATED_BY))
		tpl_set(tpl_add_section(p, "UPDATED_BY"), "WHO", db_get(rows, i, P_UPDATED_BY));
	tpl_set(p, "CSRF_TOKEN", csrf_token(r));
}

/* The ?done= notice, named by a lookup of its own: its provider may be on another page or filtered out.
 * Without a cursor the list then starts at that provider, so the row the notice is about is on the page. */
static bool add_done_notice(request *r, tpl_dict *d, seek *at)
{
	long long about = http_id(http_query(r, "id"));
	db_rows rows;
	if (!about || !*http_query(r, "done"))
		return true;
	if (db_query(r->arena, &rows, "SELECT name FROM organizations WHERE id = ? AND kind = 'provider'",
		     DB_ARGS(DB_INT(about))) != DB_OK)
		return false;
	if (rows.nrows != 1)
		return true;
	add_notice(r, d, db_get(&rows, 0, 0));
	if (at->from == SEEK_FIRST)  /* "after" the row just before it: (name, id - 1) */
		*at = (seek){ .from = SEEK_AFTER, .id = about - 1, .key = db_get(&rows, 0, 0) };
	return true;
}

static int admin_providers_page(request *r, const list_words *words, const seek *at, long long *total, db_rows *rows)
{
	db_rows count;
	int rc = db_query(r->arena, &count, LIST_COUNT_SQL("SELECT 1 " ADMIN_FROM_SQL ADMIN_WHERE_SQL),
			  DB_ARGS(LIST_WORDS2_ARGS(*words), LIST_COUNT_LIMIT));
	if (rc != DB_OK)
		return rc;
	*total = db_get_int(&count, 0, 0);
	return db_query_cols(r->arena, rows, P_NCOLS, SEEK_SQL_BY_KEY(at, ADMIN_PAGE_SQL, "o.name", "o.id"),
			     DB_ARGS(LIST_WORDS2_ARGS(*words), SEEK_KEY_ARGS(at, ADMIN_PAGE_SIZE)));
}

void admin_providers_list(request *r)
{
	const char *q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), ADMIN_SEARCH_MAX);
	list_words words = list_search_words(r->arena, q);
	seek at = http_seek(r);
	db_rows rows;
	long long total = 0;
	tpl_dict *d = view_dict(r);
	if (!add_done_notice(r, d, &at) ||
	    admin_providers_page(r, &words, &at, &total, &rows) != DB_OK) {
		view_error(r, 503, "The provider list cannot be read right now. Try again in a minute.");
		return;
	}
	tpl_dict *pager = view_seek_page(d, &at, &rows, ADMIN_PAGE_SIZE, P_ID, P_NAME);
	if (pager)
		tpl_set(pager, "Q", q);
	for (int i = 0; i < rows.nrows; i++)
		add_provider_row(r, d, &rows, i);
	if (!total)
		tpl_show_section(d, *q ? "NO_MATCHES" : "NO_PROVIDERS");
	tpl_set(d, "Q", q);
	list_set_count(d, "TOTAL", total);
	if (*q)
		tpl_show_section(d, "SEARCHED");
	view_page(r, "admin_providers_list.tpl", "Official provider list", d);
}
