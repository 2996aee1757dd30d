/* page_enroll.c: the reseller enrollment wizard: its steps, with their state kept server side (resumable) */
#include <ctype.h>
#include <sodium.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "session.h"
#include "signin.h"
#include "token.h"
#include "domain/enrollments.h"
#include "domain/tenants.h"
#include "validate.h"
#include "view.h"
#include "enroll.h"
#include "i18n.h"

#define WIZARD_COOKIE http_cookie_name(HTTP_HOST_PREFIX "cc_enroll")
#define WIZARD_COOKIE_MAX_AGE (30 * 24 * 3600)

/* ---------- the steps ---------- */

enum step { STEP_WELCOME, STEP_DIRECTORY, STEP_MPN, STEP_MEMBERSHIP, STEP_PROFILE, STEP_DETAILS, STEP_REVIEW, STEP_DONE };

static const struct {
	const char *path, *label;
	bool full_path_only;  /* skipped by partners already in the program (the short path) */
} steps[] = {
	/* TRANSLATORS: the enrollment wizard's steps, in its step indicator and page titles */
	[STEP_WELCOME] = { "/enroll/welcome", N_("Welcome"), false },
	[STEP_DIRECTORY] = { "/enroll/directory", N_("Sign in to the directory"), false },
	[STEP_MPN] = { "/enroll/mpn", N_("Link your MPN ID"), true },
	[STEP_MEMBERSHIP] = { "/enroll/membership", N_("Sign in to the membership center"), true },
	[STEP_PROFILE] = { "/enroll/profile", N_("Organization profile"), true },
	[STEP_DETAILS] = { "/enroll/details", N_("Business details"), false },
	[STEP_REVIEW] = { "/enroll/review", N_("Review and enroll"), false },
	[STEP_DONE] = { "/enroll/status", N_("Application status"), false },
};

/* ---------- the details step's fields ---------- */

static const struct {
	const char *title, *hint;
} detail_groups[ENROLL_GROUP_COUNT] = {
	[ENROLL_GROUP_BUSINESS] = { N_("Legal business profile"),
				    N_("Your organization's registered legal name and address, as on official documents.") },
	[ENROLL_GROUP_CONTACT] = { N_("Primary contact"),
				   N_("The person we contact about this application. We email them to verify the address.") },
	[ENROLL_GROUP_SUPPORT] = { N_("Customer support information"), N_("How your customers reach your support team.") },
};

/* How each detail (enrollments_details[]) is typed in. */
static const struct {
	const char *input_type, *autocomplete;
} detail_inputs[N_DETAILS] = {
	[DETAIL_LEGAL_NAME] = { "text", "organization" },
	[DETAIL_ADDRESS_LINE1] = { "text", "address-line1" },
	[DETAIL_ADDRESS_LINE2] = { "text", "address-line2" },
	[DETAIL_CITY] = { "text", "address-level2" },
	[DETAIL_REGION] = { "text", "address-level1" },
	[DETAIL_POSTAL_CODE] = { "text", "postal-code" },
	[DETAIL_COUNTRY] = { "select", "country" },
	[DETAIL_PHONE] = { "tel", "tel" },
	[DETAIL_CONTACT_NAME] = { "text", "name" },
	[DETAIL_CONTACT_EMAIL] = { "email", "email" },
	[DETAIL_CONTACT_PHONE] = { "tel", "tel" },
	[DETAIL_SUPPORT_EMAIL] = { "email", "off" },
	[DETAIL_SUPPORT_PHONE] = { "tel", "off" },
	[DETAIL_SUPPORT_WEBSITE] = { "url", "url" },
};

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
	ENROLLMENTS_DETAIL_COLUMNS " FROM enrollment_wizards w "
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

/* A new random cookie (to set once the wizard is saved) and the hash stored for it. */
static const char *new_cookie(request *r, char cookie[TOKEN_HEX_LEN + 1])
{
	sess_random_hex(cookie);
	return cookie_storage_hash(r, cookie);
}

static void set_cookie(request *r, const char *cookie)
{
	http_set_cookie(r, WIZARD_COOKIE, cookie, WIZARD_COOKIE_MAX_AGE, "Lax");
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
		tpl_set(item, "LABEL", _(steps[s].label));
		tpl_set(item, "STATE", s == current ? "current" : s < next ? "done" : "todo");
		tpl_set(item, "ARIA_CURRENT", s == current ? "step" : "false");
	}
	tpl_show_section(d, w && w->short_path ? "SHORT_PATH" : "FULL_PATH");
	const char *title = arena_printf(r->arena, _("%s · Enroll as an indirect reseller"), _(steps[current].label));
	view_page(r, template_name, title, d);
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

/* The actor of a wizard step: the signed-in user, if any (the directory step signs the admin in). */
static const actor *step_actor(request *r)
{
	actor *who = arena_alloc(r->arena, sizeof *who);
	*who = actor_of(r);
	return who;
}

/* True when O is not OK, after answering for it: a step submitted meanwhile leads to the status page. */
static bool step_refused(request *r, const outcome *o)
{
	if (outcome_is_ok(o))
		return false;
	if (o->code == ENROLL_SUBMITTED)
		http_redirect(r, steps[STEP_DONE].path);
	else
		view_refusal(r, o, UNAVAILABLE);
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
	if (!w || rejected) {
		char cookie[TOKEN_HEX_LEN + 1];
		outcome o = enrollments_start(r->arena, step_actor(r), new_cookie(r, cookie));
		if (step_refused(r, &o))
			return;
		set_cookie(r, cookie);
	}
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
	const char *not_admin = enrollments_not_global_admin(r->arena, u);
	if (not_admin) {
		r->status = 403;
		directory_page(r, w, upn, not_admin, NULL, NULL);
		return NULL;
	}
	return u;
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
		directory_page(r, w, upn, _("Enter the user name and password of a global administrator of your "
				"organization's directory tenant."), NULL, NULL);
		return;
	}
	const user *u = directory_admin(r, w, upn, password);
	if (!u)
		return;
	/* the credentials are right, so the admin is signed in to the portal whatever we say next */
	if (!signin_start_session(r, u->id, u->upn)) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	actor who = { .user = u, .client_ip = r->remote_addr };
	/* a new cookie: one planted in the admin's browser before the sign-in must not drive a wizard bound to
	 * their tenant */
	char cookie[TOKEN_HEX_LEN + 1];
	outcome o = enrollments_bind_directory(r->arena, &who, w->id, new_cookie(r, cookie));
	if (o.kind == OUTCOME_CONFLICT && o.code != ENROLL_SUBMITTED) {
		r->status = 409;
		bool enrolled = o.code == ENROLL_TENANT_ENROLLED, theirs = o.code == ENROLL_TENANT_YOURS;
		directory_page(r, w, upn, o.message, enrolled ? "/home" : theirs ? "/enroll/status" : NULL,
			       enrolled ? _("Go to your account") : _("See its status"));
		return;
	}
	if (step_refused(r, &o))
		return;
	set_cookie(r, cookie);
	http_redirect(r, steps[o.code ? STEP_DETAILS : STEP_MPN].path);
}

/* ---------- Create new tenant ---------- */

/* The form's fields (enrollments_create_tenant's order) and the sections of their messages. */
static const struct {
	const char *name, *error_section;
	bool lower;  /* domains and user names are case-insensitive: kept in lower case */
} tenant_fields[TENANT_N_FIELDS] = {
	[TENANT_PREFIX] = { "domain_prefix", "ERR_DOMAIN_PREFIX", true },
	[TENANT_ORG_NAME] = { "org_name", "ERR_ORG_NAME", false },
	[TENANT_COUNTRY] = { "country", "ERR_COUNTRY", false },
	[TENANT_ADMIN_NAME] = { "admin_name", "ERR_ADMIN_NAME", false },
	[TENANT_ADMIN_USER] = { "admin_user", "ERR_ADMIN_USER", true },
	[TENANT_PASSWORD] = { "password", "ERR_PASSWORD", false },
	[TENANT_CONFIRM] = { "confirm_password", "ERR_CONFIRM_PASSWORD", false },
};

/* The posted fields, trimmed; passwords as typed. */
static void tenant_form_read(request *r, const char *field[TENANT_N_FIELDS])
{
	for (int i = 0; i < TENANT_N_FIELDS; i++) {
		const char *v = http_form(r, tenant_fields[i].name);
		if (i != TENANT_PASSWORD && i != TENANT_CONFIRM)
			v = validate_trim(r->arena, v);
		field[i] = tenant_fields[i].lower ? validate_lower(r->arena, v) : v;
	}
}

/* The form, with what was typed (FIELD, or empty) and a message next to each bad field (PROBLEMS). */
static void tenant_page(request *r, const wizard *w, const char *const *field, const char *const *problems)
{
	tpl_dict *d = view_dict(r);
	for (int i = 0; problems && i < TENANT_N_FIELDS; i++)
		if (problems[i])
			field_error(d, tenant_fields[i].error_section, problems[i]);
	tpl_set(d, "DOMAIN_PREFIX", field ? field[TENANT_PREFIX] : "");
	tpl_set(d, "ORG_NAME", field ? field[TENANT_ORG_NAME] : "");
	tpl_set(d, "ADMIN_NAME", field ? field[TENANT_ADMIN_NAME] : "");
	tpl_set(d, "ADMIN_USER", field ? field[TENANT_ADMIN_USER] : "");
	validate_country_options(d, "COUNTRY_OPTION", field ? field[TENANT_COUNTRY] : "");
	wizard_page(r, w, STEP_DIRECTORY, "enroll_tenant.tpl", d);
}

void enroll_tenant_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (w)
		tenant_page(r, w, NULL, NULL);
}

void enroll_tenant_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DIRECTORY);
	if (!w)
		return;
	const char *field[TENANT_N_FIELDS], *problems[TENANT_N_FIELDS] = { 0 };
	tenant_form_read(r, field);
	outcome o = enrollments_create_tenant(r->arena, step_actor(r), field, problems);
	if (o.kind == OUTCOME_INVALID) {
		r->status = 400;
		tenant_page(r, w, field, problems);
		return;
	}
	if (step_refused(r, &o))
		return;
	const char *upn = arena_printf(r->arena, "%s@%s" TENANT_SUFFIX, field[TENANT_ADMIN_USER], field[TENANT_PREFIX]);
	http_redirect(r, arena_printf(r->arena, "/enroll/directory?created=1&upn=%s", view_url_escape(r, upn)));
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
	if (!w)
		return;
	outcome o = enrollments_mpn_intro(r->arena, step_actor(r), w->id);
	if (!step_refused(r, &o))
		http_redirect(r, steps[STEP_MEMBERSHIP].path);
}

/* ---------- Membership center sign-in: user name, then password ---------- */

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
	outcome o = enrollments_membership_user(r->arena, step_actor(r), w->id, user_name);
	if (o.kind == OUTCOME_INVALID) {
		r->status = 400;
		membership_page(r, w, user_name, o.message);
		return;
	}
	if (!step_refused(r, &o))
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
		membership_password_page(r, w, _("Enter your membership center password."));
		return;
	}
	/* the same throttled check as the portal's sign-in, with the membership center's own names */
	const char *message = NULL;
	long long account_id = signin_check_realm(r, AUTH_REALM_MEMBERSHIP, w->membership_user_name, password, &message);
	if (!account_id) {
		membership_password_page(r, w, message);
		return;
	}
	outcome o = enrollments_membership_account(r->arena, step_actor(r), w->id, account_id);
	if (!step_refused(r, &o))
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

void enroll_profile_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_PROFILE);
	db_rows profiles;
	if (!w)
		return;
	if (!strcmp(http_form(r, "action"), "cancel")) {  /* sign in with another membership account */
		outcome o = enrollments_cancel_profile(r->arena, step_actor(r), w->id);
		if (!step_refused(r, &o))
			http_redirect(r, steps[STEP_MEMBERSHIP].path);
		return;
	}
	long long chosen = http_id(http_form(r, "profile_id"));
	outcome o = enrollments_choose_profile(r->arena, step_actor(r), w->id, chosen);
	if (o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT) {
		if (active_profiles(r, w, &profiles) != DB_OK) {
			view_error(r, 503, UNAVAILABLE);
			return;
		}
		r->status = outcome_status(&o);
		profile_page(r, w, &profiles, chosen, o.message);
		return;
	}
	if (!step_refused(r, &o))
		http_redirect(r, steps[STEP_DETAILS].path);
}

/* ---------- Legal business profile, primary contact, customer support ---------- */

/* The field values to show or save: what was posted for the fields this path asks, the saved ones
 * for the others. */
static void details_from_form(request *r, const wizard *w, const char *values[N_DETAILS])
{
	for (int i = 0; i < N_DETAILS; i++)
		values[i] = enrollments_detail_asked(i, w->short_path)
			? validate_trim(r->arena, http_form(r, enrollments_details[i].name)) : w->detail[i];
}

/* The form with VALUES; ERROR (how many fields are bad) and ERRORS (each one's message) when it was refused. */
static void details_page(request *r, const wizard *w, const char *const values[N_DETAILS], const char *error,
			 const char *const errors[N_DETAILS])
{
	tpl_dict *d = view_dict(r);
	tpl_dict *groups[ENROLL_GROUP_COUNT] = { 0 };
	for (int i = 0; i < N_DETAILS; i++) {
		const enrollments_detail_field *f = &enrollments_details[i];
		if (!enrollments_detail_asked(i, w->short_path))
			continue;
		if (!groups[f->group]) {
			groups[f->group] = tpl_add_section(d, "GROUP");
			tpl_set(groups[f->group], "TITLE", _(detail_groups[f->group].title));
			tpl_set(groups[f->group], "HINT", _(detail_groups[f->group].hint));
		}
		tpl_dict *field = tpl_add_section(groups[f->group], "FIELD");
		tpl_set(field, "NAME", f->name);
		tpl_set(field, "LABEL", _(f->rule.label));
		tpl_set(field, "VALUE", values[i]);
		tpl_set(field, "TYPE", detail_inputs[i].input_type);
		tpl_set(field, "AUTOCOMPLETE", detail_inputs[i].autocomplete);
		tpl_set_int(field, "MAXLENGTH", (long long)f->rule.max_chars);
		tpl_show_section(field, f->rule.required ? "REQUIRED" : "OPTIONAL");
		if (!strcmp(detail_inputs[i].input_type, "select"))
			validate_country_options(tpl_add_section(field, "SELECT"), "OPTION", values[i]);
		else
			tpl_show_section(field, "INPUT");
		if (errors && errors[i])
			tpl_set(tpl_add_section(field, "FIELD_ERROR"), "MESSAGE", errors[i]);
	}
	if (error)
		form_error(d, error);
	if (w->short_path) {
		tpl_dict *known = tpl_add_section(d, "KNOWN");
		tpl_set(known, "LEGAL_NAME", w->detail[DETAIL_LEGAL_NAME]);
		tpl_set(known, "CONTACT_NAME", w->detail[DETAIL_CONTACT_NAME]);
		tpl_set(known, "CONTACT_EMAIL", w->detail[DETAIL_CONTACT_EMAIL]);
	}
	tpl_set(d, "BACK_LABEL", _(steps[w->short_path ? STEP_DIRECTORY : STEP_PROFILE].label));
	wizard_page(r, w, STEP_DETAILS, "enroll_details.tpl", d);
}

void enroll_details_form(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DETAILS);
	if (w)
		details_page(r, w, w->detail, NULL, NULL);
}

void enroll_details_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_DETAILS);
	if (!w)
		return;
	const char *values[N_DETAILS], *errors[N_DETAILS] = { 0 };
	details_from_form(r, w, values);
	bool back = !strcmp(http_form(r, "action"), "back");  /* Back saves what was typed without checking it */
	outcome o = enrollments_save_details(r->arena, step_actor(r), w->id, values, !back, errors);
	if (o.kind == OUTCOME_INVALID) {  /* saved as a draft all the same */
		r->status = 400;
		details_page(r, w, values, o.message, errors);
		return;
	}
	if (step_refused(r, &o))
		return;
	http_redirect(r, back ? steps[w->short_path ? STEP_DIRECTORY : STEP_PROFILE].path : steps[STEP_REVIEW].path);
}

/* ---------- Review and Enroll now ---------- */

static void review_page(request *r, const wizard *w, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_dict *groups[ENROLL_GROUP_COUNT] = { 0 };
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
	for (int i = 0; i < N_DETAILS; i++) {
		const enrollments_detail_field *f = &enrollments_details[i];
		if (!enrollments_detail_asked(i, w->short_path) && !*w->detail[i])
			continue;  /* the short path's unasked business fields */
		if (!groups[f->group]) {
			groups[f->group] = tpl_add_section(d, "GROUP");
			tpl_set(groups[f->group], "TITLE", _(detail_groups[f->group].title));
		}
		tpl_dict *field = tpl_add_section(groups[f->group], "FIELD");
		tpl_set(field, "NAME", f->name);
		tpl_set(field, "LABEL", _(f->rule.label));
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

void enroll_review_submit(request *r)
{
	wizard *w = wizard_for_step(r, STEP_REVIEW);
	if (!w)
		return;
	outcome o = enrollments_submit(r->arena, step_actor(r), w->id);
	if (o.code == ENROLL_FIX_DETAILS) {  /* saved data that no longer passes: fix it first */
		http_redirect(r, steps[STEP_DETAILS].path);
		return;
	}
	if (o.kind == OUTCOME_CONFLICT) {
		r->status = 409;
		review_page(r, w, o.message);
		return;
	}
	if (!step_refused(r, &o))
		http_redirect(r, steps[STEP_DONE].path);
}

long long enroll_wizard_application(request *r)
{
	wizard *w = wizard_load(r);
	return w ? w->application_id : -1;
}
