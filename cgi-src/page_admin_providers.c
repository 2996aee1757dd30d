/* page_admin_providers.c: the vendor admin keeps the official provider list: add, edit, delist and relist providers */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/providers.h"
#include "list_query.h"
#include "session.h"
#include "validate.h"
#include "view.h"

/* The form's fields (providers.h); KEYS name them in admin_providers_form.tpl (value KEY, error section
 * KEY_ERROR). */
static const char *const keys[PROVIDERS_N_FIELDS] = {
	"TENANT", "PROVIDER_NAME", "HEADLINE", "COUNTRIES", "SERVICES", "EMAIL", "PHONE", "WEBSITE",
};

#define PROVIDERS_UNAVAILABLE N_("The provider list cannot be changed right now. Nothing was saved; try again in a minute.")

static void not_found(request *r)
{
	view_error(r, 404, _(PROVIDERS_NOT_FOUND));
}

static providers_listing new_listing(void)
{
	providers_listing l = { 0 };
	for (int f = 0; f < PROVIDERS_N_FIELDS; f++)
		l.values[f] = "";
	return l;
}

/* The posted listing, as typed: providers_create and providers_update check it. */
static providers_listing read_form(request *r)
{
	providers_listing l = new_listing();
	for (int f = 0; f < PROVIDERS_N_FIELDS; f++)
		if (f != PROVIDERS_F_COUNTRIES)
			l.values[f] = http_form(r, providers_fields[f]);
	l.countries = arena_calloc(r->arena, (r->form.len + 1) * sizeof *l.countries);
	for (size_t i = 0; i < r->form.len; i++)
		if (!strcmp(r->form.items[i].name, providers_fields[PROVIDERS_F_COUNTRIES]))
			l.countries[l.n_countries++] = r->form.items[i].value;
	return l;
}

static bool chosen(const providers_listing *l, const char *code)
{
	for (size_t i = 0; i < l->n_countries; i++)
		if (!strcmp(l->countries[i], code))
			return true;
	return false;
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
static void add_country_checkboxes(tpl_dict *d, const providers_listing *l)
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

/* The add or edit form (EDIT tells which) with L's values and errors. */
static void form_page(request *r, const providers_listing *l, bool edit)
{
	tpl_dict *d = view_dict(r);
	bool any_error = false;
	for (int f = 0; f < PROVIDERS_N_FIELDS; f++) {
		tpl_set(d, keys[f], l->values[f]);
		if (l->errors[f]) {
			tpl_set(tpl_add_section(d, arena_printf(r->arena, "%s_ERROR", keys[f])), "MESSAGE", l->errors[f]);
			any_error = true;
		}
	}
	if (any_error)
		tpl_show_section(d, "FORM_ERROR");
	add_country_checkboxes(d, l);
	if (edit) {
		tpl_set_int(tpl_add_section(d, "EDIT"), "ID", l->org_id);
	} else if (!add_tenant_options(r, tpl_add_section(d, "NEW"), http_id(l->values[PROVIDERS_F_TENANT]))) {
		view_error(r, 503, _(PROVIDERS_UNAVAILABLE));
		return;
	}
	view_page(r, "admin_providers_form.tpl", edit ? _("Edit a provider listing") : _("Add a provider"), d);
}

/* ---- saving ---- */

/* The account's users see its new name (or new account) in their open sessions at once. */
static void refresh_members(request *r, long long org_id)
{
	db_rows rows;
	if (db_query(r->arena, &rows, "SELECT user_id FROM partner_users WHERE org_id = ?", DB_ARGS(DB_INT(org_id))) != DB_OK)
		return;
	for (int i = 0; i < rows.nrows; i++)
		auth_user_changed(r->arena, db_get_int(&rows, i, 0));
}

/* After a change: the list with the notice DONE about the provider; a refused form again with status 400,
 * what was typed kept and each problem next to its field; or the refusal's page. L is NULL for a change
 * without a form. */
static void changed(request *r, const providers_listing *l, bool edit, const outcome *o, const char *done)
{
	switch (o->kind) {
	case OUTCOME_OK:
		if (l)
			refresh_members(r, o->id);
		http_redirect(r, arena_printf(r->arena, "/admin/providers?done=%s&id=%lld", done, o->id));
		return;
	case OUTCOME_INVALID:
	case OUTCOME_CONFLICT:
		if (l) {
			r->status = 400;
			form_page(r, l, edit);
			return;
		}
		break;
	default:
		break;
	}
	view_refusal(r, o, _(PROVIDERS_UNAVAILABLE));
}

/* ---- add a provider ---- */

void admin_provider_new_form(request *r)
{
	providers_listing l = new_listing();
	form_page(r, &l, false);
}

void admin_provider_create(request *r)
{
	providers_listing l = read_form(r);
	actor who = actor_of(r);
	outcome o = providers_create(r->arena, &who, &l);
	changed(r, &l, false, &o, "added");
}

/* ---- edit a provider's listing ---- */

/* The posted or linked provider id, or 0. */
static long long provider_id(request *r)
{
	const char *id = http_form(r, "id");
	return http_id(*id ? id : http_query(r, "id"));
}

void admin_provider_edit_form(request *r)
{
	providers_listing l = new_listing();
	l.org_id = provider_id(r);
	int rc = providers_find(r->arena, &l);
	if (rc == PROVIDERS_NONE)
		not_found(r);
	else if (rc != DB_OK)
		view_error(r, 503, _(PROVIDERS_UNAVAILABLE));
	else
		form_page(r, &l, true);
}

void admin_provider_update(request *r)
{
	providers_listing l = read_form(r);
	l.org_id = provider_id(r);
	actor who = actor_of(r);
	outcome o = providers_update(r->arena, &who, &l);
	changed(r, &l, true, &o, "updated");
}

/* ---- delist and relist ---- */

static void set_listed(request *r, bool listed)
{
	actor who = actor_of(r);
	outcome o = providers_set_listed(r->arena, &who, http_id(http_form(r, "id")), listed);
	changed(r, NULL, false, &o, listed ? "relisted" : "delisted");
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
	tpl_set(p, "UPDATED_AT", i18n_datetime(r->arena, db_get(rows, i, P_UPDATED_AT), false));
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
		view_error(r, 503, _("The provider list cannot be read right now. Try again in a minute."));
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
	view_page(r, "admin_providers_list.tpl", _("Official provider list"), d);
}
