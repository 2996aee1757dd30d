/* providers.c: the official provider list: a listing's checks, adding a provider, changing, delisting and
 * relisting its listing (providers.h) */
#include "domain/providers.h"

#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "domain/changes.h"
#include "validate.h"

const char *const providers_fields[PROVIDERS_N_FIELDS] = {
	"tenant_id", "name", "headline", "countries", "services", "contact_email", "contact_phone", "website",
};

/* The one-line fields' rules */
static const struct {
	int field;
	field_rule rule;
} text_fields[] = {
	{ PROVIDERS_F_NAME, { N_("Provider name"), 200, true, FORMAT_TEXT } },
	{ PROVIDERS_F_HEADLINE, { N_("Headline"), 300, true, FORMAT_TEXT } },
	{ PROVIDERS_F_EMAIL, { N_("Contact email"), 320, true, FORMAT_EMAIL } },
	{ PROVIDERS_F_PHONE, { N_("Phone"), 40, true, FORMAT_PHONE } },
	{ PROVIDERS_F_WEBSITE, { N_("Website"), 300, false, FORMAT_URL } },
};
static const field_rule service_rule = { N_("Each service"), 200, true, FORMAT_TEXT };

#define CHOOSE_TENANT N_("Choose the provider's directory tenant from the list.")
#define TENANT_TAKEN N_("This tenant already has a partner account. Choose a tenant without one.")
#define NAME_TAKEN N_("Another provider on the list already has this name. Choose a different name.")

static int by_code(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* L's countries as the audit row and providers_find give them: codes by code, with commas. */
static const char *countries_text(arena *a, const providers_listing *l)
{
	const char **codes = arena_calloc(a, (l->n_countries + 1) * sizeof *codes);
	for (size_t i = 0; i < l->n_countries; i++)
		codes[i] = l->countries[i];
	qsort(codes, l->n_countries, sizeof *codes, by_code);
	const char *text = "";
	for (size_t i = 0; i < l->n_countries; i++)
		text = arena_printf(a, "%s%s%s", text, i ? "," : "", codes[i]);
	return text;
}

/* ---- reading a listing ---- */

int providers_find(arena *a, providers_listing *l)
{
	/* the first L_FIELDS columns are form fields, in the order of columns[] */
	enum { L_NAME, L_HEADLINE, L_SERVICES, L_EMAIL, L_PHONE, L_WEBSITE, L_FIELDS, L_COUNTRIES = L_FIELDS, L_NCOLS };
	static const int columns[L_FIELDS] = {
		PROVIDERS_F_NAME, PROVIDERS_F_HEADLINE, PROVIDERS_F_SERVICES, PROVIDERS_F_EMAIL, PROVIDERS_F_PHONE,
		PROVIDERS_F_WEBSITE,
	};
	db_rows rows;
	int rc = l->org_id <= 0 ? DB_OK : db_query_cols(a, &rows, L_NCOLS,
		"SELECT o.name, COALESCE(l.headline, ''), COALESCE(l.services, ''), COALESCE(l.contact_email, ''), "
		"COALESCE(l.contact_phone, ''), COALESCE(l.website, ''), COALESCE((SELECT GROUP_CONCAT(pc.country "
		"ORDER BY pc.country SEPARATOR ',') FROM provider_countries pc WHERE pc.org_id = o.id), '') "
		"FROM organizations o LEFT JOIN provider_listings l ON l.org_id = o.id WHERE o.id = ? AND o.kind = 'provider'",
		DB_ARGS(DB_INT(l->org_id)));
	if (rc != DB_OK)
		return rc;
	if (l->org_id <= 0 || rows.nrows != 1)
		return PROVIDERS_NONE;
	l->values[PROVIDERS_F_TENANT] = "";
	for (int col = 0; col < L_FIELDS; col++)
		l->values[columns[col]] = db_get(&rows, 0, col);
	l->values[PROVIDERS_F_COUNTRIES] = db_get(&rows, 0, L_COUNTRIES);
	l->countries = arena_calloc(a, validate_country_count * sizeof *l->countries);
	l->n_countries = 0;
	for (char *codes = arena_strdup(a, l->values[PROVIDERS_F_COUNTRIES]), *code; (code = strsep(&codes, ","));)
		if (*code && l->n_countries < validate_country_count)
			l->countries[l->n_countries++] = code;
	return DB_OK;
}

/* ---- checking a listing ---- */

static void check_services(arena *a, providers_listing *l)
{
	const char *text = l->values[PROVIDERS_F_SERVICES], *line, *kept = "", *error = NULL;
	int n = 0;
	while ((line = validate_next_line(a, &text))) {
		const char *problem = validate_field(a, &service_rule, line);
		if (problem && !error)
			error = arena_printf(a, _("Service %d: %s"), n + 1, problem);
		kept = arena_printf(a, "%s%s%s", kept, n ? "\n" : "", line);
		n++;
	}
	if (!n)
		error = _("List at least one service the provider offers, one per line.");
	else if (n > PROVIDERS_MAX_SERVICES && !error)
		error = arena_printf(a, _("List at most %d services."), PROVIDERS_MAX_SERVICES);
	l->values[PROVIDERS_F_SERVICES] = kept;
	l->errors[PROVIDERS_F_SERVICES] = error;
}

static bool chosen_before(const providers_listing *l, size_t kept, const char *code)
{
	for (size_t i = 0; i < kept; i++)
		if (!strcmp(l->countries[i], code))
			return true;
	return false;
}

/* The posted countries that are on the list, each once, in the order chosen. */
static void check_countries(arena *a, providers_listing *l)
{
	size_t kept = 0;
	for (size_t i = 0; i < l->n_countries; i++) {
		const char *code = l->countries[i];
		if (!validate_country_name(code))
			l->errors[PROVIDERS_F_COUNTRIES] = _("Choose the countries from the list.");
		else if (!chosen_before(l, kept, code))
			l->countries[kept++] = code;
	}
	l->n_countries = kept;
	if (!kept && !l->errors[PROVIDERS_F_COUNTRIES])
		l->errors[PROVIDERS_F_COUNTRIES] = _("Choose at least one country or region the provider serves.");
	l->values[PROVIDERS_F_COUNTRIES] = countries_text(a, l);
}

/* L's fields checked (and its tenant, for a NEW one): OUTCOME_OK, or OUTCOME_INVALID naming the first wrong
 * field (each one's message in L->errors). Checking a checked listing again gives the same answer. */
static outcome check(arena *a, providers_listing *l, bool new)
{
	for (int f = 0; f < PROVIDERS_N_FIELDS; f++) {
		l->errors[f] = NULL;
		if (!l->values[f])
			l->values[f] = "";
	}
	for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
		int f = text_fields[i].field;
		l->values[f] = validate_trim(a, l->values[f]);
		l->errors[f] = validate_field(a, &text_fields[i].rule, l->values[f]);
	}
	check_services(a, l);
	check_countries(a, l);
	if (!new)  /* a provider keeps its tenant */
		l->values[PROVIDERS_F_TENANT] = "";
	else if (!(l->tenant_id = http_id(l->values[PROVIDERS_F_TENANT])))
		l->errors[PROVIDERS_F_TENANT] = _(CHOOSE_TENANT);
	for (int f = 0; f < PROVIDERS_N_FIELDS; f++)
		if (l->errors[f])
			return outcome_invalid(providers_fields[f], l->errors[f]);
	return outcome_ok(l->org_id);
}

/* The refusal of L's form because of FIELD: MESSAGE next to it. */
static outcome refused(providers_listing *l, outcome_kind kind, int field, const char *message)
{
	l->errors[field] = _(message);
	outcome o = outcome_refused(kind, 0, _(message));
	o.field = providers_fields[field];
	return o;
}

static outcome vendor_only(const actor *who)
{
	if (rights_for_vendor_catalog(who->user) == RIGHTS_OK)
		return outcome_ok(0);
	return outcome_refused(OUTCOME_FORBIDDEN, 0,
			       _("Only the vendor (Channel Center) keeps the official provider list."));
}

/* ---- saving a listing ---- */

/* A change being made to a listing, and the listing as it was (a change to one that exists). */
typedef struct {
	arena *a;
	const actor *who;
	providers_listing *l;
	providers_listing before;
} listing_change;

/* Another provider has L's name (compared as the column's collation does: case-insensitive): OUTCOME_OK
 * when not. A locking read: with no index on the name it locks the rows it scans, so two admins saving
 * the same name at once are serialized and the second one sees the first one's row. */
static outcome name_free(listing_change *c)
{
	db_rows rows;
	int rc = db_query(c->a, &rows,
			  "SELECT id FROM organizations WHERE kind = 'provider' AND name = ? AND id <> ? FOR UPDATE",
			  DB_ARGS(DB_STR(c->l->values[PROVIDERS_F_NAME]), DB_INT(c->l->org_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	return rows.nrows ? refused(c->l, OUTCOME_CONFLICT, PROVIDERS_F_NAME, NAME_TAKEN) : outcome_ok(0);
}

/* The listing row (created when missing) and the countries it serves, replaced: a DB_* code. */
static int write_listing(const listing_change *c)
{
	const providers_listing *l = c->l;
	int rc = db_exec("INSERT INTO provider_listings (org_id, headline, services, contact_email, contact_phone, website, "
			 "listed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, UTC_TIMESTAMP(), ?) "
			 "ON DUPLICATE KEY UPDATE headline = VALUES(headline), services = VALUES(services), "
			 "contact_email = VALUES(contact_email), contact_phone = VALUES(contact_phone), "
			 "website = VALUES(website), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)",
			 DB_ARGS(DB_INT(l->org_id), DB_STR(l->values[PROVIDERS_F_HEADLINE]),
				 DB_STR(l->values[PROVIDERS_F_SERVICES]), DB_STR(l->values[PROVIDERS_F_EMAIL]),
				 DB_STR(l->values[PROVIDERS_F_PHONE]), DB_STR(l->values[PROVIDERS_F_WEBSITE]),
				 DB_INT(c->who->user->id)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec("DELETE FROM provider_countries WHERE org_id = ?", DB_ARGS(DB_INT(l->org_id)), NULL, NULL)) != DB_OK)
		return rc;
	for (size_t i = 0; i < l->n_countries && rc == DB_OK; i++)
		rc = db_exec("INSERT INTO provider_countries (org_id, country) VALUES (?, ?)",
			     DB_ARGS(DB_INT(l->org_id), DB_STR(l->countries[i])), NULL, NULL);
	return rc;
}

/* The listing written and the audit row ACTION of C's change (BEFORE: the listing as it was, or NULL). */
static outcome save_audited(listing_change *c, const char *action, const providers_listing *before)
{
	const providers_listing *l = c->l;
	int rc = write_listing(c);
	if (rc != DB_OK)
		return outcome_failed(rc);
	audit_entry e = {
		.action = action, .object_type = "provider_listing", .object_id = l->org_id, .party_org_id = l->org_id,
		.detail = arena_printf(c->a, "provider %lld: %s, serving %s", l->org_id, l->values[PROVIDERS_F_NAME],
				       l->values[PROVIDERS_F_COUNTRIES]),
	};
	changes_json(c->a, PROVIDERS_N_FIELDS, providers_fields, before ? before->values : NULL, l->values,
		     &e.before_json, &e.after_json);
	rc = domain_audit(c->who, e);
	return rc == DB_OK ? outcome_ok(l->org_id) : outcome_failed(rc);
}

/* Directory tenant L->tenant_id, locked (two admins adding a provider for it at once are serialized), when it
 * has no partner account yet. */
static outcome tenant_free(listing_change *c)
{
	enum { TENANT, TAKEN, NCOLS };
	db_rows rows;
	int rc = db_query_cols(c->a, &rows, NCOLS,
			       "SELECT t.id, EXISTS (SELECT 1 FROM organizations o WHERE o.tenant_id = t.id) "
			       "FROM tenants t WHERE t.id = ? FOR UPDATE", DB_ARGS(DB_INT(c->l->tenant_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)
		return refused(c->l, OUTCOME_INVALID, PROVIDERS_F_TENANT, CHOOSE_TENANT);
	if (db_get_int(&rows, 0, TAKEN))
		return refused(c->l, OUTCOME_CONFLICT, PROVIDERS_F_TENANT, TENANT_TAKEN);
	return outcome_ok(c->l->tenant_id);
}

/* The provider organization of C's listing, its tenant's global admins its admin agents. */
static outcome insert_provider(listing_change *c)
{
	providers_listing *l = c->l;
	unsigned long long org_id;
	int rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('provider', ?, ?, ?)",
			 DB_ARGS(DB_STR(l->values[PROVIDERS_F_NAME]), DB_INT(l->tenant_id), DB_STR(l->countries[0])),
			 NULL, &org_id);
	if (rc == DB_DUPLICATE)  /* (tenant, kind) is unique */
		return refused(l, OUTCOME_CONFLICT, PROVIDERS_F_TENANT, TENANT_TAKEN);
	if (rc != DB_OK)
		return outcome_failed(rc);
	l->org_id = (long long)org_id;
	rc = db_exec("INSERT INTO partner_users (org_id, user_id, admin_agent, added_at, added_by) "
		     "SELECT ?, id, 1, UTC_TIMESTAMP(), ? FROM users WHERE tenant_id = ? AND directory_role = 'global_admin'",
		     DB_ARGS(DB_INT(l->org_id), DB_INT(c->who->user->id), DB_INT(l->tenant_id)), NULL, NULL);
	return rc == DB_OK ? outcome_ok(l->org_id) : outcome_failed(rc);
}

static outcome create(void *ctx)
{
	listing_change *c = ctx;
	c->l->org_id = 0;
	outcome o = vendor_only(c->who);
	if (outcome_is_ok(&o))
		o = check(c->a, c->l, true);
	if (outcome_is_ok(&o))
		o = tenant_free(c);
	if (outcome_is_ok(&o))
		o = name_free(c);
	if (outcome_is_ok(&o))
		o = insert_provider(c);
	return outcome_is_ok(&o) ? save_audited(c, "provider.listed", NULL) : o;
}

outcome providers_create(arena *a, const actor *who, providers_listing *l)
{
	listing_change c = { .a = a, .who = who, .l = l };
	return domain_tx(create, &c);
}

/* Provider C->l->org_id locked, and its listing as it was in C->before. */
static outcome lock_provider(listing_change *c)
{
	db_rows rows;
	int rc = c->l->org_id <= 0 ? DB_OK :
		 db_query(c->a, &rows, "SELECT id FROM organizations WHERE id = ? AND kind = 'provider' FOR UPDATE",
			  DB_ARGS(DB_INT(c->l->org_id)));
	if (rc == DB_OK && (c->l->org_id <= 0 || rows.nrows != 1))
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(PROVIDERS_NOT_FOUND));
	c->before = (providers_listing){ .org_id = c->l->org_id };
	if (rc == DB_OK && (rc = providers_find(c->a, &c->before)) == PROVIDERS_NONE)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(PROVIDERS_NOT_FOUND));
	return rc == DB_OK ? outcome_ok(c->l->org_id) : outcome_failed(rc);
}

static outcome update(void *ctx)
{
	listing_change *c = ctx;
	outcome o = vendor_only(c->who);
	if (outcome_is_ok(&o))
		o = lock_provider(c);
	if (outcome_is_ok(&o))
		o = check(c->a, c->l, false);
	if (outcome_is_ok(&o))
		o = name_free(c);
	if (!outcome_is_ok(&o))
		return o;
	int rc = db_exec("UPDATE organizations SET name = ? WHERE id = ?",
			 DB_ARGS(DB_STR(c->l->values[PROVIDERS_F_NAME]), DB_INT(c->l->org_id)), NULL, NULL);
	return rc == DB_OK ? save_audited(c, "provider.updated", &c->before) : outcome_failed(rc);
}

outcome providers_update(arena *a, const actor *who, providers_listing *l)
{
	listing_change c = { .a = a, .who = who, .l = l };
	return domain_tx(update, &c);
}

/* ---- delisting and relisting ---- */

typedef struct {
	arena *a;
	const actor *who;
	long long org_id;
	bool listed;
} listed_change;

static const char *listed_json(arena *a, bool listed)
{
	return domain_json(a, "listed", listed ? "yes" : "no", NULL);
}

static outcome set_listed(void *ctx)
{
	listed_change *c = ctx;
	outcome o = vendor_only(c->who);
	if (!outcome_is_ok(&o))
		return o;
	enum { NAME, LISTED, NCOLS };
	db_rows rows;
	int rc = c->org_id <= 0 ? DB_OK : db_query_cols(c->a, &rows, NCOLS,
		"SELECT o.name, l.listed FROM organizations o JOIN provider_listings l ON l.org_id = o.id "
		"WHERE o.id = ? AND o.kind = 'provider' FOR UPDATE", DB_ARGS(DB_INT(c->org_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (c->org_id <= 0 || rows.nrows != 1)
		return outcome_refused(OUTCOME_NOT_FOUND, 0,
				       _("There is no provider listing with that number. Choose one from the provider list."));
	rc = db_exec("UPDATE provider_listings SET listed = ?, updated_at = UTC_TIMESTAMP(), updated_by = ? WHERE org_id = ?",
		     DB_ARGS(DB_INT(c->listed), DB_INT(c->who->user->id), DB_INT(c->org_id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = c->listed ? "provider.relisted" : "provider.delisted", .object_type = "provider_listing",
		.object_id = c->org_id, .party_org_id = c->org_id,
		.detail = arena_printf(c->a, "provider %lld: %s", c->org_id, db_get(&rows, 0, NAME)),
		.before_json = listed_json(c->a, db_get_int(&rows, 0, LISTED) != 0),
		.after_json = listed_json(c->a, c->listed) });
	return rc == DB_OK ? outcome_ok(c->org_id) : outcome_failed(rc);
}

outcome providers_set_listed(arena *a, const actor *who, long long org_id, bool listed)
{
	listed_change c = { a, who, org_id, listed };
	return domain_tx(set_listed, &c);
}
