/* page_enroll.c: the reseller enrollment wizard: its steps, with their state kept server side (resumable) */
#include <ctype.h>
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "audit_tx.h"
#include "db.h"
#include "db_answer.h"
#include "mail.h"
#include "session.h"
#include "signin.h"
#include "token.h"
#include "domain/tenants.h"
#include "validate.h"
#include "view.h"
#include "enroll.h"

#define WIZARD_COOKIE http_cookie_name(HTTP_HOST_PREFIX "cc_enroll")
#define WIZARD_COOKIE_MAX_AGE (30 * 24 * 3600)
#define VERIFY_TTL_SECONDS (7 * 24 * 3600)
#define SAME_COUNTRY_RULE "Select the MPN ID associated with an active organization profile that's located in " \
	"the same country/region as your directory tenant."

/* ---------- the steps ---------- */

enum step { STEP_WELCOME, STEP_DIRECTORY, STEP_MPN, STEP_MEMBERSHIP, STEP_PROFILE, STEP_DETAILS, STEP_REVIEW, STEP_DONE };

static const struct {
	const char *path, *label;
	bool full_path_only;  /* skipped by partners already in the program (the short path) */
} steps[] = {
	[STEP_WELCOME] = { "/enroll/welcome", "Welcome", false },
	[STEP_DIRECTORY] = { "/enroll/directory", "Sign in to the directory", false },
	[STEP_MPN] = { "/enroll/mpn", "Link your MPN ID", true },
	[STEP_MEMBERSHIP] = { "/enroll/membership", "Sign in to the membership center", true },
	[STEP_PROFILE] = { "/enroll/profile", "Organization profile", true },
	[STEP_DETAILS] = { "/enroll/details", "Business details", false },
	[STEP_REVIEW] = { "/enroll/review", "Review and enroll", false },
	[STEP_DONE] = { "/enroll/status", "Application status", false },
};

/* ---------- the details step's fields ---------- */

enum detail_group { GROUP_BUSINESS, GROUP_CONTACT, GROUP_SUPPORT, GROUP_COUNT };

static const struct {
	const char *title, *hint;
} detail_groups[GROUP_COUNT] = {
	[GROUP_BUSINESS] = { "Legal business profile",
			     "Your organization's registered legal name and address, as on official documents." },
	[GROUP_CONTACT] = { "Primary contact",
			    "The person we contact about this application. We email them to verify the address." },
	[GROUP_SUPPORT] = { "Customer support information", "How your customers reach your support team." },
};

struct detail_field {
	const char *name;  /* the form field and the column in enrollment_wizards and enrollment_applications */
	field_rule rule;
	enum detail_group group;
	const char *input_type, *autocomplete;
};

/* The details, in DETAIL_COLUMNS order: the wizard row's columns are read and copied in this order. */
enum detail {
	DETAIL_LEGAL_NAME, DETAIL_ADDRESS_LINE1, DETAIL_ADDRESS_LINE2, DETAIL_CITY,
	DETAIL_REGION, DETAIL_POSTAL_CODE, DETAIL_COUNTRY, DETAIL_PHONE,
	DETAIL_CONTACT_NAME, DETAIL_CONTACT_EMAIL, DETAIL_CONTACT_PHONE,
	DETAIL_SUPPORT_EMAIL, DETAIL_SUPPORT_PHONE, DETAIL_SUPPORT_WEBSITE,
	N_DETAILS
};

static const struct detail_field detail_fields[N_DETAILS] = {
	[DETAIL_LEGAL_NAME] = { "legal_name", { "Legal business name", 200, true, FORMAT_TEXT }, GROUP_BUSINESS, "text", "organization" },
	[DETAIL_ADDRESS_LINE1] = { "address_line1", { "Address line 1", 200, true, FORMAT_TEXT }, GROUP_BUSINESS, "text", "address-line1" },
	[DETAIL_ADDRESS_LINE2] = { "address_line2", { "Address line 2", 200, false, FORMAT_TEXT }, GROUP_BUSINESS, "text", "address-line2" },
	[DETAIL_CITY] = { "city", { "City", 100, true, FORMAT_TEXT }, GROUP_BUSINESS, "text", "address-level2" },
	[DETAIL_REGION] = { "region", { "State or region", 100, false, FORMAT_TEXT }, GROUP_BUSINESS, "text", "address-level1" },
	[DETAIL_POSTAL_CODE] = { "postal_code", { "Postal code", 20, true, FORMAT_POSTAL }, GROUP_BUSINESS, "text", "postal-code" },
	[DETAIL_COUNTRY] = { "country", { "Country or region", 2, true, FORMAT_COUNTRY }, GROUP_BUSINESS, "select", "country" },
	[DETAIL_PHONE] = { "phone", { "Phone", 40, true, FORMAT_PHONE }, GROUP_BUSINESS, "tel", "tel" },
	[DETAIL_CONTACT_NAME] = { "contact_name", { "Contact name", 200, true, FORMAT_TEXT }, GROUP_CONTACT, "text", "name" },
	[DETAIL_CONTACT_EMAIL] = { "contact_email", { "Contact email", 320, true, FORMAT_EMAIL }, GROUP_CONTACT, "email", "email" },
	[DETAIL_CONTACT_PHONE] = { "contact_phone", { "Contact phone", 40, true, FORMAT_PHONE }, GROUP_CONTACT, "tel", "tel" },
	[DETAIL_SUPPORT_EMAIL] = { "support_email", { "Support email", 320, true, FORMAT_EMAIL }, GROUP_SUPPORT, "email", "off" },
	[DETAIL_SUPPORT_PHONE] = { "support_phone", { "Support phone", 40, true, FORMAT_PHONE }, GROUP_SUPPORT, "tel", "off" },
	[DETAIL_SUPPORT_WEBSITE] = { "support_website", { "Support website", 300, false, FORMAT_URL }, GROUP_SUPPORT, "url", "url" },
};
#define DETAIL_COLUMNS "legal_name, address_line1, address_line2, city, region, postal_code, country, phone, " \
	"contact_name, contact_email, contact_phone, support_email, support_phone, support_website"

/* Partners already in the program give only their customer support information. */
static bool detail_asked(size_t i, bool short_path)
{
	return !short_path || detail_fields[i].group == GROUP_SUPPORT;
}

/* ---------- the wizard's saved state ---------- */

typedef struct {
	long long id;
	bool short_path, mpn_intro_done, details_done;
	long long tenant_id, user_id, membership_account_id, profile_id, application_id;
	const char *application_status;  /* "" without an application */
	const char *membership_user_name;
	const char *tenant_domain, *tenant_country, *user_upn, *mpn_id, *profile_name;
	const char *detail[N_DETAILS];
} wizard;

#define WIZARD_SELECT "SELECT id, short_path, mpn_intro_done, details_done, COALESCE(tenant_id, 0), " \
	"COALESCE(directory_user_id, 0), COALESCE(membership_account_id, 0), COALESCE(profile_id, 0), " \
	"COALESCE(application_id, 0), membership_user_name, " \
	"(SELECT status FROM enrollment_applications a WHERE a.id = w.application_id), " \
	"(SELECT domain FROM tenants t WHERE t.id = w.tenant_id), " \
	"(SELECT country FROM tenants t WHERE t.id = w.tenant_id), " \
	"(SELECT upn FROM users u WHERE u.id = w.directory_user_id), " \
	"(SELECT mpn_id FROM org_profiles p WHERE p.id = w.profile_id), " \
	"(SELECT legal_name FROM org_profiles p WHERE p.id = w.profile_id), " \
	DETAIL_COLUMNS " FROM enrollment_wizards w "
/* WIZARD_SELECT's columns by name; the N_DETAILS detail columns follow W_DETAILS */
enum { W_ID, W_SHORT_PATH, W_MPN_INTRO_DONE, W_DETAILS_DONE, W_TENANT, W_USER, W_MEMBERSHIP, W_PROFILE,
       W_APPLICATION, W_MEMBERSHIP_USER, W_APPLICATION_STATUS, W_TENANT_DOMAIN, W_TENANT_COUNTRY, W_USER_UPN,
       W_MPN_ID, W_PROFILE_NAME, W_DETAILS, W_NCOLS = W_DETAILS + N_DETAILS };

static wizard *wizard_from_row(request *r, const db_rows *rows)
{
	wizard *w = arena_calloc(r->arena, sizeof *w);
	w->id = db_get_int(rows, 0, W_ID);
	w->short_path = db_get_int(rows, 0, W_SHORT_PATH);
	w->mpn_intro_done = db_get_int(rows, 0, W_MPN_INTRO_DONE);
	w->details_done = db_get_int(rows, 0, W_DETAILS_DONE);
	w->tenant_id = db_get_int(rows, 0, W_TENANT);
	w->user_id = db_get_int(rows, 0, W_USER);
	w->membership_account_id = db_get_int(rows, 0, W_MEMBERSHIP);
	w->profile_id = db_get_int(rows, 0, W_PROFILE);
	w->application_id = db_get_int(rows, 0, W_APPLICATION);
	w->membership_user_name = db_get(rows, 0, W_MEMBERSHIP_USER);
	w->application_status = db_get(rows, 0, W_APPLICATION_STATUS);
	w->tenant_domain = db_get(rows, 0, W_TENANT_DOMAIN);
	w->tenant_country = db_get(rows, 0, W_TENANT_COUNTRY);
	w->user_upn = db_get(rows, 0, W_USER_UPN);
	w->mpn_id = db_get(rows, 0, W_MPN_ID);
	w->profile_name = db_get(rows, 0, W_PROFILE_NAME);
	for (size_t i = 0; i < N_DETAILS; i++)
		w->detail[i] = db_get(rows, 0, W_DETAILS + (int)i);
	return w;
}

static bool is_hex_token(const char *s)
{
	if (!s || strlen(s) != TOKEN_HEX_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && !(*p >= 'a' && *p <= 'f'))
			return false;
	return true;
}

/* We store only a hash of the cookie, as for sessions: a leaked table resumes nobody's wizard. */
static const char *cookie_storage_hash(request *r, const char *cookie)
{
	unsigned char h[TOKEN_HEX_LEN / 2];
	char *hex = arena_alloc(r->arena, TOKEN_HEX_LEN + 1);
	crypto_generichash(h, sizeof h, (const unsigned char *)cookie, TOKEN_HEX_LEN, NULL, 0);
	sodium_bin2hex(hex, TOKEN_HEX_LEN + 1, h, sizeof h);
	return hex;
}

/* The browser's wizard (its cookie), else the newest one of the signed-in directory user. */
static wizard *wizard_load(request *r)
{
	db_rows rows;
	const char *cookie = http_cookie(r, WIZARD_COOKIE);
	if (is_hex_token(cookie) &&
	    db_query_cols(r->arena, &rows, W_NCOLS, WIZARD_SELECT "WHERE token_hash = ?",
			  DB_ARGS(DB_STR(cookie_storage_hash(r, cookie)))) == DB_OK && rows.nrows == 1)
		return wizard_from_row(r, &rows);
	if (r->user &&
	    db_query_cols(r->arena, &rows, W_NCOLS,
			  WIZARD_SELECT "WHERE directory_user_id = ? ORDER BY id DESC LIMIT 1",
			  DB_ARGS(DB_INT(r->user->id))) == DB_OK && rows.nrows == 1)
		return wizard_from_row(r, &rows);
	return NULL;
}

/* A new random cookie for wizard WIZARD_ID, or for a new wizard when 0. The directory sign-in gives one
 * too: a cookie planted in an admin's browser before it must not then drive a wizard bound to their tenant. */
static int wizard_give_cookie(request *r, long long wizard_id)
{
	char cookie[TOKEN_HEX_LEN + 1];
	sess_random_hex(cookie);
	const char *hash = cookie_storage_hash(r, cookie);
	int rc = wizard_id
		? db_exec("UPDATE enrollment_wizards SET token_hash = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			  DB_ARGS(DB_STR(hash), DB_INT(wizard_id)), NULL, NULL)
		: db_exec("INSERT INTO enrollment_wizards (token_hash, welcome_done, created_at, updated_at) "
			  "VALUES (?, 1, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			  DB_ARGS(DB_STR(hash)), NULL, NULL);
	if (rc == DB_OK)
		http_set_cookie(r, WIZARD_COOKIE, cookie, WIZARD_COOKIE_MAX_AGE, "Lax");
	return rc;
}

/* The first step not done yet; STEP_DONE once the wizard has submitted its application. */
static enum step wizard_next_step(const wizard *w)
{
	if (!w)
		return STEP_WELCOME;
	if (w->application_id)
		return STEP_DONE;
	if (!w->user_id)
		return STEP_DIRECTORY;
	if (!w->short_path && !w->mpn_intro_done)
		return STEP_MPN;
	if (!w->short_path && !w->membership_account_id)
		return STEP_MEMBERSHIP;
	if (!w->short_path && !w->profile_id)
		return STEP_PROFILE;
	if (!w->details_done)
		return STEP_DETAILS;
	return STEP_REVIEW;
}

/* The wizard for step S, or NULL after redirecting to the first step not done (a step can only
 * be reached once the ones before it are done, and the short path has no MPN steps). */
static wizard *wizard_for_step(request *r, enum step s)
{
	wizard *w = wizard_load(r);
	enum step next = wizard_next_step(w);
	if (!w || next == STEP_DONE || s > next || (w->short_path && steps[s].full_path_only)) {
		http_redirect(r, steps[next].path);
		return NULL;
	}
	return w;
}

/* Render a wizard page with the step indicator (an included template: includes see only their own
 * dictionary). */
static void wizard_page(request *r, const wizard *w, enum step current, const char *template_name, tpl_dict *d)
{
	tpl_dict *indicator = tpl_add_include(d, "STEPS", "enroll_steps.tpl");
	enum step next = wizard_next_step(w);
	int number = 0;
	for (enum step s = STEP_WELCOME; s < STEP_DONE; s++) {
		if (w && w->short_path && steps[s].full_path_only)
			continue;
		tpl_dict *item = tpl_add_section(indicator, "STEP");
		tpl_set_int(item, "NUMBER", ++number);
		tpl_set(item, "LABEL", steps[s].label);
		tpl_set(item, "STATE", s == current ? "current" : s < next ? "done" : "todo");
		tpl_set(item, "ARIA_CURRENT", s == current ? "step" : "false");
	}
	tpl_show_section(d, w && w->short_path ? "SHORT_PATH" : "FULL_PATH");
	view_page(r, template_name, arena_printf(r->arena, "%s · Enroll as an indirect reseller", steps[current].label), d);
}

static void form_error(tpl_dict *d, const char *message)
{
	tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", message);
}

/* A message next to one field: section ERR_<FIELD>. */
static void field_error(tpl_dict *d, const char *field, const char *message)
{
	tpl_set(tpl_add_section(d, field), "MESSAGE", message);
}

static bool wizard_update_failed(request *r, int rc)
{
	if (rc == DB_OK)
		return false;
	db_answer_failure(r, rc, UNAVAILABLE);
	return true;
}

/* ---------- Welcome ---------- */

void enroll_start(request *r)
{
	http_redirect(r, steps[wizard_next_step(wizard_load(r))].path);
}

void enroll_welcome_form(request *r)
{
	wizard *w = wizard_load(r);
	if (wizard_next_step(w) == STEP_DONE) {
		http_redirect(r, steps[STEP_DONE].path);
		return;
	}
	wizard_page(r, w, STEP_WELCOME, "enroll_welcome.tpl", view_dict(r));
}

void enroll_welcome_submit(request *r)
{
	wizard *w = wizard_load(r);
	bool rejected = w && !strcmp(w->application_status, "rejected");
	if (w && w->application_id && !rejected) {
		http_redirect(r, steps[STEP_DONE].path);
		return;
	}
	/* a rejected applicant starts over with a fresh wizard; the old one keeps its application */
	if ((!w || rejected) && wizard_update_failed(r, wizard_give_cookie(r, 0)))
		return;
	http_redirect(r, steps[STEP_DIRECTORY].path);
}

/* ---------- Sign in to the directory ---------- */

static void directory_page(request *r, const wizard *w, const char *upn, const char *error,
			   const char *link_href, const char *link_text)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "UPN", upn);
	if (error) {
		tpl_dict *e = tpl_add_section(d, "ERROR");
		tpl_set(e, "MESSAGE", error);
		if (link_href) {
			tpl_dict *link = tpl_add_section(e, "LINK");
			tpl_set(link, "HREF", link_href);
			tpl_set(link, "TEXT", link_text);
		}
	}
	if (!strcmp(http_query(r, "created"), "1"))
		tpl_show_section(d, "TENANT_CREATED");
	if (w->user_id) {
		tpl_dict *s = tpl_add_section(d, "SIGNED_IN_AS");
		tpl_set(s, "SIGNED_UPN", w->user_upn);
		tpl_set(s, "TENANT", w->tenant_domain);
		tpl_set(s, "NEXT_HREF", steps[w->short_path ? STEP_DETAILS : STEP_MPN].path);
	}
	wizard_page(r, w, STEP_DIRECTORY, "enroll_directory.tpl", d);
}

void enroll_directory_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (w)
		directory_page(r, w, http_query(r, "upn"), NULL, NULL, NULL);
}

/* Check the credentials of a global admin; NULL after answering with the form or an error. */
static const user *directory_admin(request *r, const wizard *w, const char *upn, const char *password)
{
	const char *message = NULL;
	long long user_id = signin_check(r, upn, password, &message);
	if (!user_id) {
		directory_page(r, w, upn, message, NULL, NULL);
		return NULL;
	}
	const user *u = auth_load_user(r->arena, user_id, 0);
	if (!u) {
		view_error(r, 503, UNAVAILABLE);
		return NULL;
	}
	if (strcmp(u->directory_role, "global_admin")) {
		r->status = 403;
		directory_page(r, w, upn, arena_printf(r->arena,
			"%s is not a global administrator of %s. Sign in with a global administrator account of your "
			"organization's tenant, or ask one of its global administrators to enroll.",
			u->upn, u->tenant_domain), NULL, NULL);
		return NULL;
	}
	return u;
}

struct tenant_standing {
	bool reseller, provider;
	const char *provider_name;
	long long live_application_by;  /* the applicant of a live application, or 0 */
};

static int tenant_standing_load(request *r, long long tenant_id, struct tenant_standing *t)
{
	enum { KIND, NAME, NCOLS };
	db_rows orgs, apps;
	memset(t, 0, sizeof *t);
	if (db_query_cols(r->arena, &orgs, NCOLS, "SELECT kind, name FROM organizations WHERE tenant_id = ?",
			  DB_ARGS(DB_INT(tenant_id))) != DB_OK ||
	    db_query(r->arena, &apps, "SELECT applicant_user_id FROM enrollment_applications WHERE live_tenant_id = ?",
		     DB_ARGS(DB_INT(tenant_id))) != DB_OK)
		return DB_ERROR;
	for (int i = 0; i < orgs.nrows; i++) {
		if (!strcmp(db_get(&orgs, i, KIND), "reseller"))
			t->reseller = true;
		if (!strcmp(db_get(&orgs, i, KIND), "provider")) {
			t->provider = true;
			t->provider_name = db_get(&orgs, i, NAME);
		}
	}
	t->live_application_by = apps.nrows ? db_get_int(&apps, 0, 0) : 0;
	return DB_OK;
}

/* Bind the wizard to the tenant and its admin. Choosing another tenant drops what depended on the
 * old one (the membership sign-in and profile must match the tenant's country) and prefills the
 * contact from the admin; the short path takes the legal name from the existing partner account. */
static int wizard_bind(const wizard *w, const user *u, const struct tenant_standing *t, const char *country)
{
	/* MariaDB assigns left to right, so every IF(tenant_id <=> ?) comes before tenant_id = ? */
	return db_exec("UPDATE enrollment_wizards SET "
		       "membership_user_name = IF(tenant_id <=> ?, membership_user_name, ''), "
		       "membership_account_id = IF(tenant_id <=> ?, membership_account_id, NULL), "
		       "profile_id = IF(tenant_id <=> ?, profile_id, NULL), "
		       "mpn_intro_done = IF(tenant_id <=> ?, mpn_intro_done, 0), "
		       "details_done = IF(tenant_id <=> ?, details_done, 0), "
		       "legal_name = IF(tenant_id <=> ?, legal_name, ?), "
		       "country = IF(tenant_id <=> ?, country, ?), "
		       "contact_name = IF(tenant_id <=> ?, contact_name, ?), "
		       "contact_email = IF(tenant_id <=> ?, contact_email, ?), "
		       "tenant_id = ?, directory_user_id = ?, short_path = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		       DB_ARGS(DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_INT(u->tenant_id),
			       DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_STR(t->provider ? t->provider_name : ""),
			       DB_INT(u->tenant_id), DB_STR(country), DB_INT(u->tenant_id), DB_STR(u->display_name),
			       DB_INT(u->tenant_id), DB_STR(u->upn), DB_INT(u->tenant_id), DB_INT(u->id),
			       DB_INT(t->provider), DB_INT(w->id)),
		       NULL, NULL);
}

static const char *tenant_country(request *r, long long tenant_id)
{
	db_rows rows;
	if (db_query(r->arena, &rows, "SELECT country FROM tenants WHERE id = ?", DB_ARGS(DB_INT(tenant_id))) != DB_OK ||
	    rows.nrows != 1)
		return NULL;
	return db_get(&rows, 0, 0);
}

void enroll_directory_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (!w)
		return;
	const char *upn = validate_trim(r->arena, http_form(r, "upn"));
	const char *password = http_form(r, "password");
	if (!*upn || !*password) {
		r->status = 400;
		directory_page(r, w, upn, "Enter the user name and password of a global administrator of your "
				"organization's directory tenant.", NULL, NULL);
		return;
	}
	const user *u = directory_admin(r, w, upn, password);
	if (!u)
		return;
	/* the credentials are right, so the admin is signed in to the portal whatever we say next */
	struct tenant_standing t;
	const char *country = tenant_country(r, u->tenant_id);
	if (!signin_start_session(r, u->id, u->upn) || !country || tenant_standing_load(r, u->tenant_id, &t) != DB_OK) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	if (t.reseller) {
		r->status = 409;
		directory_page(r, w, upn, arena_printf(r->arena, "Your organization's tenant %s is already enrolled as an "
			"indirect reseller, so there is nothing to enroll.", u->tenant_domain), "/home", "Go to your account");
		return;
	}
	if (t.live_application_by) {
		r->status = 409;
		bool theirs = t.live_application_by == u->id;
		directory_page(r, w, upn, arena_printf(r->arena, "An application for this tenant (%s) is already in "
			"progress.", u->tenant_domain), theirs ? "/enroll/status" : NULL, "See its status");
		return;
	}
	if (wizard_update_failed(r, wizard_give_cookie(r, w->id)) ||
	    wizard_update_failed(r, wizard_bind(w, u, &t, country)))
		return;
	audit(u->id, "enroll.directory", u->tenant_domain, r->remote_addr);
	http_redirect(r, steps[t.provider ? STEP_DETAILS : STEP_MPN].path);
}

/* ---------- Create new tenant ---------- */

struct new_tenant {
	const char *prefix, *org_name, *country, *admin_name, *admin_user, *password, *confirm;
	/* derived */
	const char *domain, *upn;
	char hash[128];
	long long tenant_id, user_id;
	const char *client_ip;  /* for the audit row */
};

static bool all_chars_in(const char *s, const char *extra)
{
	for (const char *p = s; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !isdigit((unsigned char)*p) && !strchr(extra, *p))
			return false;
	return true;
}

static void tenant_form_read(request *r, struct new_tenant *t)
{
	memset(t, 0, sizeof *t);
	t->prefix = validate_lower(r->arena, validate_trim(r->arena, http_form(r, "domain_prefix")));
	t->org_name = validate_trim(r->arena, http_form(r, "org_name"));
	t->country = validate_trim(r->arena, http_form(r, "country"));
	t->admin_name = validate_trim(r->arena, http_form(r, "admin_name"));
	t->admin_user = validate_lower(r->arena, validate_trim(r->arena, http_form(r, "admin_user")));
	t->password = http_form(r, "password");
	t->confirm = http_form(r, "confirm_password");
	t->domain = arena_printf(r->arena, "%s" TENANT_SUFFIX, t->prefix);
	t->upn = arena_printf(r->arena, "%s@%s", t->admin_user, t->domain);
}

static const char *prefix_problem(request *r, const struct new_tenant *t)
{
	bool failed;
	const char *problem = tenants_prefix_problem(r->arena, t->prefix, &failed);
	return failed ? UNAVAILABLE : problem;
}

static const char *admin_user_problem(const struct new_tenant *t)
{
	size_t len = strlen(t->admin_user);
	if (len < 1 || len > 64 || !all_chars_in(t->admin_user, "._-") || !isalnum((unsigned char)t->admin_user[0]))
		return "Enter a user name of up to 64 letters, digits, dots, hyphens or underscores, starting with "
		       "a letter or digit, such as admin.";
	return NULL;
}

static const char *password_problem(request *r, const struct new_tenant *t)
{
	const char *const about_them[] = { t->admin_name, t->upn, t->org_name, NULL };
	return auth_password_problem(r->arena, t->password, about_them);
}

/* Adds MESSAGE, when there is one, next to the field of SECTION, and counts it. */
static void note_error(tpl_dict *d, int *errors, const char *section, const char *message)
{
	if (!message)
		return;
	field_error(d, section, message);
	(*errors)++;
}

/* Puts a message next to each bad field into D; true when all are fine. */
static bool tenant_form_check(request *r, tpl_dict *d, const struct new_tenant *t)
{
	static const field_rule org_rule = { "Organization name", 200, true, FORMAT_TEXT };
	static const field_rule country_rule = { "Country or region", 2, true, FORMAT_COUNTRY };
	static const field_rule name_rule = { "Name", 200, true, FORMAT_TEXT };
	int errors = 0;
	note_error(d, &errors, "ERR_DOMAIN_PREFIX", prefix_problem(r, t));
	note_error(d, &errors, "ERR_ORG_NAME", validate_field(r->arena, &org_rule, t->org_name));
	note_error(d, &errors, "ERR_COUNTRY", validate_field(r->arena, &country_rule, t->country));
	note_error(d, &errors, "ERR_ADMIN_NAME", validate_field(r->arena, &name_rule, t->admin_name));
	note_error(d, &errors, "ERR_ADMIN_USER", admin_user_problem(t));
	const char *weak = password_problem(r, t);
	note_error(d, &errors, "ERR_PASSWORD", weak);
	if (!weak && strcmp(t->password, t->confirm))
		note_error(d, &errors, "ERR_CONFIRM_PASSWORD", "The two passwords do not match.");
	return errors == 0;
}

static void tenant_page(request *r, const wizard *w, tpl_dict *d, const struct new_tenant *t)
{
	tpl_set(d, "DOMAIN_PREFIX", t ? t->prefix : "");
	tpl_set(d, "ORG_NAME", t ? t->org_name : "");
	tpl_set(d, "ADMIN_NAME", t ? t->admin_name : "");
	tpl_set(d, "ADMIN_USER", t ? t->admin_user : "");
	validate_country_options(d, "COUNTRY_OPTION", t ? t->country : "");
	wizard_page(r, w, STEP_DIRECTORY, "enroll_tenant.tpl", d);
}

void enroll_tenant_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (w)
		tenant_page(r, w, view_dict(r), NULL);
}

static int create_tenant(void *ctx)
{
	struct new_tenant *t = ctx;
	tenants_new n = { .domain = t->domain, .display_name = t->org_name, .country = t->country,
			  .admin_upn = t->upn, .admin_name = t->admin_name, .admin_hash = t->hash };
	int rc = tenants_create(&n, &t->tenant_id, &t->user_id);
	return rc != DB_OK ? rc : audit(t->user_id, "tenant.created", t->domain, t->client_ip);
}

void enroll_tenant_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (!w)
		return;
	struct new_tenant t;
	tenant_form_read(r, &t);
	tpl_dict *d = view_dict(r);
	if (!tenant_form_check(r, d, &t)) {
		r->status = 400;
		tenant_page(r, w, d, &t);
		return;
	}
	if (auth_hash_password(t.password, t.hash) != 0) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	t.client_ip = r->remote_addr;
	int rc = db_transaction(create_tenant, &t);
	if (rc == DB_DUPLICATE) {  /* someone took the domain between our check and our insert */
		r->status = 400;
		field_error(d, "ERR_DOMAIN_PREFIX", arena_printf(r->arena, "The domain %s is already taken. "
								"Choose another prefix.", t.domain));
		tenant_page(r, w, d, &t);
		return;
	}
	if (wizard_update_failed(r, rc))
		return;
	http_redirect(r, arena_printf(r->arena, "/enroll/directory?created=1&upn=%s", view_url_escape(r, t.upn)));
}

/* ---------- Link MPN ID: the explanation ---------- */

void enroll_mpn_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_MPN);
	if (w)
		wizard_page(r, w, STEP_MPN, "enroll_mpn.tpl", view_dict(r));
}

void enroll_mpn_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_MPN);
	if (!w || wizard_update_failed(r, db_exec("UPDATE enrollment_wizards SET mpn_intro_done = 1, "
						  "updated_at = UTC_TIMESTAMP() WHERE id = ?",
						  DB_ARGS(DB_INT(w->id)), NULL, NULL)))
		return;
	http_redirect(r, steps[STEP_MEMBERSHIP].path);
}

/* ---------- Membership center sign-in: user name, then password ---------- */

static const field_rule membership_user_rule = { "User name", 200, true, FORMAT_EMAIL };

static void membership_page(request *r, const wizard *w, const char *user_name, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "USER_NAME", user_name);
	if (error)
		field_error(d, "ERR_USER_NAME", error);
	wizard_page(r, w, STEP_MEMBERSHIP, "enroll_membership.tpl", d);
}

void enroll_membership_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_MEMBERSHIP);
	if (w)
		membership_page(r, w, w->membership_user_name, NULL);
}

void enroll_membership_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_MEMBERSHIP);
	if (!w)
		return;
	const char *user_name = validate_trim(r->arena, http_form(r, "user_name"));
	const char *msg = validate_field(r->arena, &membership_user_rule, user_name);
	if (msg) {
		r->status = 400;
		membership_page(r, w, user_name, msg);
		return;
	}
	/* a new sign-in: the account and profile chosen before no longer count */
	if (wizard_update_failed(r, db_exec("UPDATE enrollment_wizards SET membership_user_name = ?, "
					    "membership_account_id = NULL, profile_id = NULL, updated_at = UTC_TIMESTAMP() "
					    "WHERE id = ?", DB_ARGS(DB_STR(user_name), DB_INT(w->id)), NULL, NULL)))
		return;
	http_redirect(r, "/enroll/membership/password");
}

static wizard *wizard_with_membership_user(request *r)
{
	wizard *w = wizard_for_step(r, STEP_MEMBERSHIP);
	if (w && !*w->membership_user_name) {
		http_redirect(r, steps[STEP_MEMBERSHIP].path);
		return NULL;
	}
	return w;
}

static void membership_password_page(request *r, const wizard *w, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "USER_NAME", w->membership_user_name);
	if (error)
		form_error(d, error);
	wizard_page(r, w, STEP_MEMBERSHIP, "enroll_membership_password.tpl", d);
}

void enroll_membership_password_form(request *r)
{
	wizard *w = wizard_with_membership_user(r);
	if (w)
		membership_password_page(r, w, NULL);
}

void enroll_membership_password_submit(request *r)
{
	wizard *w = wizard_with_membership_user(r);
	if (!w)
		return;
	const char *password = http_form(r, "password");
	if (!*password) {
		r->status = 400;
		membership_password_page(r, w, "Enter your membership center password.");
		return;
	}
	/* the same throttled check as the portal's sign-in, with the membership center's own names */
	const char *message = NULL;
	long long account_id = signin_check_realm(r, AUTH_REALM_MEMBERSHIP, w->membership_user_name, password, &message);
	if (!account_id) {
		membership_password_page(r, w, message);
		return;
	}
	if (wizard_update_failed(r, audited_exec("UPDATE enrollment_wizards SET membership_account_id = ?, profile_id = NULL, "
						 "updated_at = UTC_TIMESTAMP() WHERE id = ?",
						 DB_ARGS(DB_INT(account_id), DB_INT(w->id)), NULL, w->user_id,
						 "enroll.membership", w->membership_user_name, r->remote_addr)))
		return;
	http_redirect(r, steps[STEP_PROFILE].path);
}

/* ---------- Pick the organization profile ---------- */

enum { PROFILE_ID, PROFILE_MPN, PROFILE_NAME, PROFILE_CITY, PROFILE_COUNTRY, PROFILE_NCOLS };

static int active_profiles(request *r, const wizard *w, db_rows *rows)
{
	return db_query_cols(r->arena, rows, PROFILE_NCOLS, "SELECT id, mpn_id, legal_name, city, country FROM org_profiles "
			     "WHERE account_id = ? AND active = 1 ORDER BY mpn_id",
			     DB_ARGS(DB_INT(w->membership_account_id)));
}

static const char *country_label(const char *code)
{
	const char *name = validate_country_name(code);
	return name ? name : code;
}

static void profile_page(request *r, const wizard *w, const db_rows *profiles, long long chosen, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "USER_NAME", w->membership_user_name);
	tpl_set(d, "TENANT", w->tenant_domain);
	tpl_set(d, "TENANT_COUNTRY", country_label(w->tenant_country));
	if (error)
		form_error(d, error);
	if (!profiles->nrows)
		tpl_show_section(d, "NO_PROFILES");
	for (int i = 0; i < profiles->nrows; i++) {
		tpl_dict *p = tpl_add_section(d, "PROFILE");
		tpl_set(p, "ID", db_get(profiles, i, PROFILE_ID));
		tpl_set(p, "MPN_ID", db_get(profiles, i, PROFILE_MPN));
		tpl_set(p, "LEGAL_NAME", db_get(profiles, i, PROFILE_NAME));
		tpl_set(p, "CITY", db_get(profiles, i, PROFILE_CITY));
		tpl_set(p, "COUNTRY", country_label(db_get(profiles, i, PROFILE_COUNTRY)));
		if (db_get_int(profiles, i, PROFILE_ID) == chosen)
			tpl_show_section(p, "CHECKED");
	}
	wizard_page(r, w, STEP_PROFILE, "enroll_profile.tpl", d);
}

void enroll_profile_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_PROFILE);
	db_rows profiles;
	if (!w)
		return;
	if (active_profiles(r, w, &profiles) != DB_OK) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	profile_page(r, w, &profiles, w->profile_id, NULL);
}

/* Why the MPN ID cannot be enrolled, or NULL; *FAILED on a database error. */
static const char *mpn_refusal(request *r, const char *mpn_id, bool *failed)
{
	enum { ENROLLED, IN_PROGRESS, NCOLS };
	db_rows rows;
	*failed = db_query_cols(r->arena, &rows, NCOLS,
			   "SELECT (SELECT COUNT(*) FROM organizations WHERE mpn_id = ?), "
			   "(SELECT COUNT(*) FROM enrollment_applications WHERE live_mpn_id = ?)",
			   DB_ARGS(DB_STR(mpn_id), DB_STR(mpn_id))) != DB_OK;
	if (*failed)
		return NULL;
	if (db_get_int(&rows, 0, ENROLLED))
		return arena_printf(r->arena, "The MPN ID %s is already enrolled in the program. "
				    "Select another organization profile.", mpn_id);
	if (db_get_int(&rows, 0, IN_PROGRESS))
		return arena_printf(r->arena, "An application with the MPN ID %s is already in progress. "
				    "Select another organization profile.", mpn_id);
	return NULL;
}

/* Sign out of the membership account to use another one (the profile page's Cancel). */
static void profile_cancel(request *r, const wizard *w)
{
	if (wizard_update_failed(r, db_exec("UPDATE enrollment_wizards SET membership_user_name = '', "
					    "membership_account_id = NULL, profile_id = NULL, updated_at = UTC_TIMESTAMP() "
					    "WHERE id = ?", DB_ARGS(DB_INT(w->id)), NULL, NULL)))
		return;
	http_redirect(r, steps[STEP_MEMBERSHIP].path);
}

static int find_row(const db_rows *rows, int col, long long id)
{
	for (int i = 0; i < rows->nrows; i++)
		if (db_get_int(rows, i, col) == id)
			return i;
	return -1;
}

/* Choosing another profile than before brings its legal name and city into the details. */
static int wizard_choose_profile(const wizard *w, const db_rows *profiles, int row)
{
	long long id = db_get_int(profiles, row, PROFILE_ID);
	return db_exec("UPDATE enrollment_wizards SET "
		       "legal_name = IF(profile_id <=> ?, legal_name, ?), city = IF(profile_id <=> ?, city, ?), "
		       "profile_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		       DB_ARGS(DB_INT(id), DB_STR(db_get(profiles, row, PROFILE_NAME)), DB_INT(id),
			       DB_STR(db_get(profiles, row, PROFILE_CITY)), DB_INT(id), DB_INT(w->id)),
		       NULL, NULL);
}

void enroll_profile_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_PROFILE);
	db_rows profiles;
	if (!w)
		return;
	if (!strcmp(http_form(r, "action"), "cancel")) {
		profile_cancel(r, w);
		return;
	}
	if (active_profiles(r, w, &profiles) != DB_OK) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	long long chosen = http_id(http_form(r, "profile_id"));
	int row = find_row(&profiles, PROFILE_ID, chosen);
	bool failed = false;
	const char *refusal = row < 0 ? "Select one of your organization profiles."
		: strcmp(db_get(&profiles, row, PROFILE_COUNTRY), w->tenant_country) ? SAME_COUNTRY_RULE
		: mpn_refusal(r, db_get(&profiles, row, PROFILE_MPN), &failed);
	if (failed || (!refusal && wizard_choose_profile(w, &profiles, row) != DB_OK)) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	if (refusal) {
		r->status = row < 0 ? 400 : 409;
		profile_page(r, w, &profiles, chosen, refusal);
		return;
	}
	http_redirect(r, steps[STEP_DETAILS].path);
}

/* ---------- Legal business profile, primary contact, customer support ---------- */

/* The field values to show or save: what was posted for the fields this path asks, the saved ones
 * for the others. */
static void details_from_form(request *r, const wizard *w, const char *values[N_DETAILS])
{
	for (size_t i = 0; i < N_DETAILS; i++)
		values[i] = detail_asked(i, w->short_path) ? validate_trim(r->arena, http_form(r, detail_fields[i].name))
							    : w->detail[i];
}

/* Fills ERRORS for the fields this path asks; returns how many are bad. */
static int details_check(request *r, const wizard *w, const char *const values[N_DETAILS], const char *errors[N_DETAILS])
{
	int bad = 0;
	for (size_t i = 0; i < N_DETAILS; i++) {
		errors[i] = detail_asked(i, w->short_path) ? validate_field(r->arena, &detail_fields[i].rule, values[i]) : NULL;
		bad += errors[i] != NULL;
	}
	return bad;
}

/* Saved even when invalid (cut to the column sizes), so Back and a later visit keep what was typed. */
static int details_save(request *r, const wizard *w, const char *const values[N_DETAILS], bool done)
{
	const char *v[N_DETAILS];
	for (size_t i = 0; i < N_DETAILS; i++)
		v[i] = validate_truncate(r->arena, values[i], detail_fields[i].rule.max_chars);
	/* the columns in detail_fields[] order */
	return db_exec("UPDATE enrollment_wizards SET legal_name = ?, address_line1 = ?, address_line2 = ?, city = ?, "
		       "region = ?, postal_code = ?, country = ?, phone = ?, contact_name = ?, contact_email = ?, "
		       "contact_phone = ?, support_email = ?, support_phone = ?, support_website = ?, details_done = ?, "
		       "updated_at = UTC_TIMESTAMP() WHERE id = ?",
		       DB_ARGS(DB_STR(v[0]), DB_STR(v[1]), DB_STR(v[2]), DB_STR(v[3]), DB_STR(v[4]), DB_STR(v[5]),
			       DB_STR(v[6]), DB_STR(v[7]), DB_STR(v[8]), DB_STR(v[9]), DB_STR(v[10]), DB_STR(v[11]),
			       DB_STR(v[12]), DB_STR(v[13]), DB_INT(done), DB_INT(w->id)),
		       NULL, NULL);
}

static void details_page(request *r, const wizard *w, const char *const values[N_DETAILS],
			 const char *const errors[N_DETAILS])
{
	tpl_dict *d = view_dict(r);
	tpl_dict *groups[GROUP_COUNT] = { 0 };
	int bad = 0;
	for (size_t i = 0; i < N_DETAILS; i++) {
		const struct detail_field *f = &detail_fields[i];
		if (!detail_asked(i, w->short_path))
			continue;
		if (!groups[f->group]) {
			groups[f->group] = tpl_add_section(d, "GROUP");
			tpl_set(groups[f->group], "TITLE", detail_groups[f->group].title);
			tpl_set(groups[f->group], "HINT", detail_groups[f->group].hint);
		}
		tpl_dict *field = tpl_add_section(groups[f->group], "FIELD");
		tpl_set(field, "NAME", f->name);
		tpl_set(field, "LABEL", f->rule.label);
		tpl_set(field, "VALUE", values[i]);
		tpl_set(field, "TYPE", f->input_type);
		tpl_set(field, "AUTOCOMPLETE", f->autocomplete);
		tpl_set_int(field, "MAXLENGTH", (long long)f->rule.max_chars);
		tpl_show_section(field, f->rule.required ? "REQUIRED" : "OPTIONAL");
		if (!strcmp(f->input_type, "select"))
			validate_country_options(tpl_add_section(field, "SELECT"), "OPTION", values[i]);
		else
			tpl_show_section(field, "INPUT");
		if (errors && errors[i]) {
			tpl_set(tpl_add_section(field, "FIELD_ERROR"), "MESSAGE", errors[i]);
			bad++;
		}
	}
	if (bad)
		form_error(d, bad == 1 ? "One field needs your attention." : arena_printf(r->arena,
			   "%d fields need your attention.", bad));
	if (w->short_path) {
		tpl_dict *known = tpl_add_section(d, "KNOWN");
		tpl_set(known, "LEGAL_NAME", w->detail[DETAIL_LEGAL_NAME]);
		tpl_set(known, "CONTACT_NAME", w->detail[DETAIL_CONTACT_NAME]);
		tpl_set(known, "CONTACT_EMAIL", w->detail[DETAIL_CONTACT_EMAIL]);
	}
	tpl_set(d, "BACK_LABEL", steps[w->short_path ? STEP_DIRECTORY : STEP_PROFILE].label);
	wizard_page(r, w, STEP_DETAILS, "enroll_details.tpl", d);
}

void enroll_details_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DETAILS);
	if (w)
		details_page(r, w, w->detail, NULL);
}

void enroll_details_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DETAILS);
	if (!w)
		return;
	const char *values[N_DETAILS], *errors[N_DETAILS];
	details_from_form(r, w, values);
	if (!strcmp(http_form(r, "action"), "back")) {
		if (!wizard_update_failed(r, details_save(r, w, values, false)))
			http_redirect(r, steps[w->short_path ? STEP_DIRECTORY : STEP_PROFILE].path);
		return;
	}
	bool valid = details_check(r, w, values, errors) == 0;
	if (wizard_update_failed(r, details_save(r, w, values, valid)))
		return;
	if (!valid) {
		r->status = 400;
		details_page(r, w, values, errors);
		return;
	}
	http_redirect(r, steps[STEP_REVIEW].path);
}

/* ---------- Review and Enroll now ---------- */

static void review_page(request *r, const wizard *w, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_dict *groups[GROUP_COUNT] = { 0 };
	tpl_set(d, "TENANT", w->tenant_domain);
	tpl_set(d, "ADMIN_UPN", w->user_upn);
	if (!w->short_path) {
		tpl_dict *mpn = tpl_add_section(d, "MPN");
		tpl_set(mpn, "MPN_ID", w->mpn_id);
		tpl_set(mpn, "PROFILE_NAME", w->profile_name);
		tpl_set(mpn, "MEMBERSHIP_USER", w->membership_user_name);
	}
	if (error)
		form_error(d, error);
	for (size_t i = 0; i < N_DETAILS; i++) {
		const struct detail_field *f = &detail_fields[i];
		if (!detail_asked(i, w->short_path) && !*w->detail[i])
			continue;  /* the short path's unasked business fields */
		if (!groups[f->group]) {
			groups[f->group] = tpl_add_section(d, "GROUP");
			tpl_set(groups[f->group], "TITLE", detail_groups[f->group].title);
		}
		tpl_dict *field = tpl_add_section(groups[f->group], "FIELD");
		tpl_set(field, "NAME", f->name);
		tpl_set(field, "LABEL", f->rule.label);
		tpl_set(field, "VALUE", !*w->detail[i] ? "—"
			: f->rule.format == FORMAT_COUNTRY ? country_label(w->detail[i]) : w->detail[i]);
	}
	wizard_page(r, w, STEP_REVIEW, "enroll_review.tpl", d);
}

void enroll_review_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_REVIEW);
	if (w)
		review_page(r, w, NULL);
}

enum submit_outcome { SUBMIT_CREATED, SUBMIT_ALREADY, SUBMIT_ENROLLED, SUBMIT_IN_PROGRESS };

struct submission {
	arena *a;
	long long wizard_id;
	const char *contact_name, *contact_email, *legal_name, *tenant_domain;
	enum submit_outcome outcome;
	long long application_id;
	long long user_id;      /* for the audit row */
	const char *client_ip;
};

/* Queue the verification email with a fresh link for the application. */
static int queue_verification(struct submission *s, long long applicant_id)
{
	char token[TOKEN_LEN + 1];
	int rc = token_create(VERIFY_PURPOSE, s->application_id, applicant_id, VERIFY_TTL_SECONDS, token);
	if (rc != DB_OK)
		return rc;
	tpl_dict *d = tpl_dict_new(s->a);
	tpl_set(d, "CONTACT_NAME", s->contact_name);
	tpl_set(d, "LEGAL_NAME", s->legal_name);
	tpl_set(d, "TENANT", s->tenant_domain);
	tpl_set(d, "LINK", arena_printf(s->a, "%s/enroll/verify?token=%s", mail_base_url(), token));
	tpl_set_int(d, "DAYS", VERIFY_TTL_SECONDS / (24 * 3600));
	return mail_queue_template(s->contact_email, "Verify your email address for Channel Center",
				   "mail_enroll_verify.tpl", d);
}

/* One transaction: the application (a copy of the wizard's data), its verification token and email,
 * and the wizard's link to it. The wizard row is locked first, so a second submit waits and then
 * finds the application instead of making another. */
static int submit_application(void *ctx)
{
	struct submission *s = ctx;
	enum { APPLICATION, USER, ENROLLED, NCOLS };
	db_rows rows;
	unsigned long long id = 0;
	int rc = db_query_cols(s->a, &rows, NCOLS,
			  "SELECT COALESCE(application_id, 0), directory_user_id, "
			  "(SELECT COUNT(*) FROM organizations o WHERE (o.tenant_id = w.tenant_id AND o.kind = 'reseller') "
			  "  OR o.mpn_id = (SELECT mpn_id FROM org_profiles p WHERE p.id = w.profile_id AND w.short_path = 0)) "
			  "FROM enrollment_wizards w WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(s->wizard_id)));
	if (rc != DB_OK || rows.nrows != 1)
		return rc != DB_OK ? rc : DB_ERROR;
	s->outcome = db_get_int(&rows, 0, APPLICATION) ? SUBMIT_ALREADY
		     : db_get_int(&rows, 0, ENROLLED) ? SUBMIT_ENROLLED : SUBMIT_CREATED;
	if (s->outcome != SUBMIT_CREATED)
		return DB_ERROR;  /* nothing to write */
	rc = db_exec("INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, profile_id, "
		     DETAIL_COLUMNS ", status, submitted_at) "
		     "SELECT tenant_id, directory_user_id, short_path, "
		     "IF(short_path, NULL, (SELECT mpn_id FROM org_profiles p WHERE p.id = w.profile_id)), "
		     "IF(short_path, NULL, profile_id), " DETAIL_COLUMNS ", 'pending_verification', UTC_TIMESTAMP() "
		     "FROM enrollment_wizards w WHERE id = ?",
		     DB_ARGS(DB_INT(s->wizard_id)), NULL, &id);
	if (rc == DB_DUPLICATE)
		s->outcome = SUBMIT_IN_PROGRESS;
	if (rc != DB_OK)
		return rc;
	s->application_id = (long long)id;
	if ((rc = queue_verification(s, db_get_int(&rows, 0, USER))) != DB_OK)
		return rc;
	if ((rc = db_exec("UPDATE enrollment_wizards SET application_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			  DB_ARGS(DB_INT(s->application_id), DB_INT(s->wizard_id)), NULL, NULL)) != DB_OK)
		return rc;
	return audit(s->user_id, "enroll.submitted",
		     arena_printf(s->a, "application %lld for %s", s->application_id, s->tenant_domain), s->client_ip);
}

void enroll_review_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_REVIEW);
	const char *errors[N_DETAILS];
	if (!w)
		return;
	if (details_check(r, w, w->detail, errors)) {  /* saved data that no longer passes: fix it first */
		http_redirect(r, steps[STEP_DETAILS].path);
		return;
	}
	struct submission s = { .a = r->arena, .wizard_id = w->id, .contact_name = w->detail[DETAIL_CONTACT_NAME],
				.contact_email = w->detail[DETAIL_CONTACT_EMAIL], .legal_name = w->detail[DETAIL_LEGAL_NAME], .tenant_domain = w->tenant_domain,
				.user_id = w->user_id, .client_ip = r->remote_addr };
	int rc = db_transaction(submit_application, &s);
	if (rc == DB_OK || s.outcome == SUBMIT_ALREADY) {
		http_redirect(r, steps[STEP_DONE].path);
		return;
	}
	if (s.outcome == SUBMIT_ENROLLED || s.outcome == SUBMIT_IN_PROGRESS) {
		r->status = 409;
		review_page(r, w, s.outcome == SUBMIT_ENROLLED
			? "This tenant or MPN ID is already enrolled in the program, so it cannot enroll again."
			: "This tenant or MPN ID is already enrolled: an application for it is already in progress.");
		return;
	}
	db_answer_failure(r, rc, UNAVAILABLE);
}

long long enroll_wizard_application(request *r)
{
	wizard *w = wizard_load(r);
	return w ? w->application_id : -1;
}
