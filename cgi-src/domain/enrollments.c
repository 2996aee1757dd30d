/* enrollments.c: reseller enrollment: the wizard's steps, the new tenant, submission, email verification,
 * approval and rejection (enrollments.h) */
#include "domain/enrollments.h"

#include <ctype.h>
#include <json-c/json.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "domain/tenants.h"
#include "mail.h"
#include "token.h"
#include "tpl/tpl.h"

#define VERIFY_TTL_SECONDS (7 * 24 * 3600)
#define REJECT_REASON_MAX 1000  /* characters, as the column holds them */
#define SAME_COUNTRY_RULE N_("Select the MPN ID associated with an active organization profile that's located in " \
	"the same country/region as your directory tenant.")
#define NO_APPLICATION N_("There is no enrollment application with that number.")

const enrollments_detail_field enrollments_details[N_DETAILS] = {
	[DETAIL_LEGAL_NAME] = { "legal_name", { N_("Legal business name"), 200, true, FORMAT_TEXT }, ENROLL_GROUP_BUSINESS },
	[DETAIL_ADDRESS_LINE1] = { "address_line1", { N_("Address line 1"), 200, true, FORMAT_TEXT }, ENROLL_GROUP_BUSINESS },
	[DETAIL_ADDRESS_LINE2] = { "address_line2", { N_("Address line 2"), 200, false, FORMAT_TEXT }, ENROLL_GROUP_BUSINESS },
	[DETAIL_CITY] = { "city", { N_("City"), 100, true, FORMAT_TEXT }, ENROLL_GROUP_BUSINESS },
	[DETAIL_REGION] = { "region", { N_("State or region"), 100, false, FORMAT_TEXT }, ENROLL_GROUP_BUSINESS },
	[DETAIL_POSTAL_CODE] = { "postal_code", { N_("Postal code"), 20, true, FORMAT_POSTAL }, ENROLL_GROUP_BUSINESS },
	[DETAIL_COUNTRY] = { "country", { N_("Country or region"), 2, true, FORMAT_COUNTRY }, ENROLL_GROUP_BUSINESS },
	[DETAIL_PHONE] = { "phone", { N_("Phone"), 40, true, FORMAT_PHONE }, ENROLL_GROUP_BUSINESS },
	[DETAIL_CONTACT_NAME] = { "contact_name", { N_("Contact name"), 200, true, FORMAT_TEXT }, ENROLL_GROUP_CONTACT },
	[DETAIL_CONTACT_EMAIL] = { "contact_email", { N_("Contact email"), 320, true, FORMAT_EMAIL }, ENROLL_GROUP_CONTACT },
	[DETAIL_CONTACT_PHONE] = { "contact_phone", { N_("Contact phone"), 40, true, FORMAT_PHONE }, ENROLL_GROUP_CONTACT },
	[DETAIL_SUPPORT_EMAIL] = { "support_email", { N_("Support email"), 320, true, FORMAT_EMAIL }, ENROLL_GROUP_SUPPORT },
	[DETAIL_SUPPORT_PHONE] = { "support_phone", { N_("Support phone"), 40, true, FORMAT_PHONE }, ENROLL_GROUP_SUPPORT },
	[DETAIL_SUPPORT_WEBSITE] = { "support_website", { N_("Support website"), 300, false, FORMAT_URL }, ENROLL_GROUP_SUPPORT },
};

bool enrollments_detail_asked(int detail, bool short_path)
{
	return !short_path || enrollments_details[detail].group == ENROLL_GROUP_SUPPORT;
}

int enrollments_details_problems(arena *a, bool short_path, const char *const values[N_DETAILS],
				 const char *problems[N_DETAILS])
{
	int bad = 0;
	for (int i = 0; i < N_DETAILS; i++) {
		problems[i] = enrollments_detail_asked(i, short_path)
			? validate_field(a, &enrollments_details[i].rule, values[i]) : NULL;
		bad += problems[i] != NULL;
	}
	return bad;
}

/* The language the applicant uses the wizard in (the request's): the wizard keeps it, its application and
 * emails follow it. */
static const char *applicant_language(void)
{
	return i18n_code(i18n_current());
}

/* An id as an audit value: NULL (JSON null) for none. */
static const char *id_value(arena *a, long long id)
{
	return id ? arena_printf(a, "%lld", id) : NULL;
}

/* "" as an audit value: JSON null. */
static const char *text_value(const char *s)
{
	return s && *s ? s : NULL;
}

/* ---------- the wizard's row, locked for the step that changes it ---------- */

typedef struct {
	long long id, tenant_id, user_id, membership_account_id, profile_id, application_id;
	long long party_org_id;  /* the tenant's partner account (a provider on the short path), or 0 */
	bool short_path, mpn_intro_done, details_done;
	const char *membership_user_name, *tenant_domain, *user_upn, *mpn_id;
	const char *detail[N_DETAILS];
} wizard;

#define WIZARD_LOCK_SQL "SELECT id, short_path, mpn_intro_done, details_done, COALESCE(tenant_id, 0), " \
	"COALESCE(directory_user_id, 0), COALESCE(membership_account_id, 0), COALESCE(profile_id, 0), " \
	"COALESCE(application_id, 0), membership_user_name, " \
	"COALESCE((SELECT domain FROM tenants t WHERE t.id = w.tenant_id), ''), " \
	"COALESCE((SELECT upn FROM users u WHERE u.id = w.directory_user_id), ''), " \
	"COALESCE((SELECT mpn_id FROM org_profiles p WHERE p.id = w.profile_id), ''), " \
	"COALESCE((SELECT MIN(o.id) FROM organizations o WHERE o.tenant_id = w.tenant_id), 0), " \
	ENROLLMENTS_DETAIL_COLUMNS " FROM enrollment_wizards w WHERE id = ? FOR UPDATE"
enum { W_ID, W_SHORT_PATH, W_MPN_INTRO_DONE, W_DETAILS_DONE, W_TENANT, W_USER, W_MEMBERSHIP, W_PROFILE,
       W_APPLICATION, W_MEMBERSHIP_USER, W_TENANT_DOMAIN, W_USER_UPN, W_MPN_ID, W_PARTY_ORG, W_DETAILS,
       W_NCOLS = W_DETAILS + N_DETAILS };

static outcome lock_wizard(arena *a, long long id, wizard *w)
{
	db_rows rows;
	int rc = db_query_cols(a, &rows, W_NCOLS, WIZARD_LOCK_SQL, DB_ARGS(DB_INT(id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _("There is no such enrollment in this browser. Start again "
				       "from the welcome page."));
	w->id = db_get_int(&rows, 0, W_ID);
	w->short_path = db_get_int(&rows, 0, W_SHORT_PATH);
	w->mpn_intro_done = db_get_int(&rows, 0, W_MPN_INTRO_DONE);
	w->details_done = db_get_int(&rows, 0, W_DETAILS_DONE);
	w->tenant_id = db_get_int(&rows, 0, W_TENANT);
	w->user_id = db_get_int(&rows, 0, W_USER);
	w->membership_account_id = db_get_int(&rows, 0, W_MEMBERSHIP);
	w->profile_id = db_get_int(&rows, 0, W_PROFILE);
	w->application_id = db_get_int(&rows, 0, W_APPLICATION);
	w->membership_user_name = db_get(&rows, 0, W_MEMBERSHIP_USER);
	w->tenant_domain = db_get(&rows, 0, W_TENANT_DOMAIN);
	w->user_upn = db_get(&rows, 0, W_USER_UPN);
	w->mpn_id = db_get(&rows, 0, W_MPN_ID);
	w->party_org_id = db_get_int(&rows, 0, W_PARTY_ORG);
	for (int i = 0; i < N_DETAILS; i++)
		w->detail[i] = db_get(&rows, 0, W_DETAILS + i);
	return outcome_ok(w->id);
}

/* A step of wizard WIZARD_ID: BODY runs on the locked row W, with the step's input. */
typedef struct wizard_step wizard_step;
struct wizard_step {
	arena *a;
	const actor *who;
	long long wizard_id;
	outcome (*body)(wizard_step *s);
	wizard w;
	const char *text;                /* a cookie's hash, a user name */
	long long id;                    /* a membership account, a profile */
	const char *const *values;       /* the details */
	bool check;
	const char **problems;
	int bad;
};

static outcome submit_body(wizard_step *s);

static outcome locked_step(void *ctx)
{
	wizard_step *s = ctx;
	outcome o = lock_wizard(s->a, s->wizard_id, &s->w);
	if (!outcome_is_ok(&o))
		return o;
	if (s->w.application_id && s->body != submit_body)
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_SUBMITTED, _("This enrollment has been submitted already. "
				       "See its status on the application status page."));
	return s->body(s);
}

static outcome run_step(wizard_step *s)
{
	return domain_tx(locked_step, s);
}

/* The step's audit row, with the wizard as its object. */
static outcome wizard_audited(const wizard_step *s, const char *action, const char *detail, const char *before,
			      const char *after)
{
	int rc = domain_audit(s->who, (audit_entry){
		.action = action, .object_type = "enrollment_wizard", .object_id = s->w.id,
		.party_org_id = s->w.party_org_id, .detail = detail, .before_json = before, .after_json = after });
	return rc == DB_OK ? outcome_ok(s->w.id) : outcome_failed(rc);
}

/* One statement of step S, inside the caller's transaction (the step writes the audit row). */
static outcome wizard_update(const wizard_step *s, const char *sql, const db_val *args, int nargs)
{
	int rc = db_exec(sql, args, nargs, NULL, NULL);
	return rc == DB_OK ? outcome_ok(s->w.id) : outcome_failed(rc);
}

/* ---------- Welcome ---------- */

typedef struct {
	arena *a;
	const actor *who;
	const char *token_hash;
} new_wizard;

static outcome start_wizard(void *ctx)
{
	new_wizard *n = ctx;
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO enrollment_wizards (token_hash, welcome_done, language, created_at, updated_at) "
			 "VALUES (?, 1, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			 DB_ARGS(DB_STR(n->token_hash), DB_STR(applicant_language())), NULL, &id);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(n->who, (audit_entry){
		.action = "enroll.started", .object_type = "enrollment_wizard", .object_id = (long long)id,
		.detail = arena_printf(n->a, "enrollment wizard %llu", id),
		.after_json = domain_json(n->a, "welcome_done", "1", NULL) });
	return rc == DB_OK ? outcome_ok((long long)id) : outcome_failed(rc);
}

outcome enrollments_start(arena *a, const actor *who, const char *token_hash)
{
	new_wizard n = { a, who, token_hash };
	return domain_tx(start_wizard, &n);
}

/* ---------- Sign in to the directory ---------- */

const char *enrollments_not_global_admin(arena *a, const struct user *u)
{
	if (u && !strcmp(u->directory_role, "global_admin"))
		return NULL;
	if (!u)
		return _("This user is not a global administrator of their tenant. Sign in with a global administrator "
			 "account of your organization's tenant, or ask one of its global administrators to enroll.");
	return arena_printf(a, _("%s is not a global administrator of %s. Sign in with a global administrator account "
			    "of your organization's tenant, or ask one of its global administrators to enroll."),
			    u->upn, u->tenant_domain);
}

typedef struct {
	bool reseller, provider;
	long long provider_org_id;
	const char *provider_name, *country;
	long long live_application_by;  /* the applicant of a live application, or 0 */
} tenant_standing;

static int load_standing(arena *a, long long tenant_id, tenant_standing *t)
{
	enum { KIND, NAME, ID, NCOLS };
	db_rows orgs, apps, tenant;
	memset(t, 0, sizeof *t);
	int rc = db_query_cols(a, &orgs, NCOLS, "SELECT kind, name, id FROM organizations WHERE tenant_id = ?",
			       DB_ARGS(DB_INT(tenant_id)));
	if (rc == DB_OK)
		rc = db_query(a, &apps, "SELECT applicant_user_id FROM enrollment_applications WHERE live_tenant_id = ?",
			      DB_ARGS(DB_INT(tenant_id)));
	if (rc == DB_OK)
		rc = db_query(a, &tenant, "SELECT country FROM tenants WHERE id = ?", DB_ARGS(DB_INT(tenant_id)));
	if (rc != DB_OK)
		return rc;
	if (tenant.nrows != 1)
		return DB_ERROR;
	for (int i = 0; i < orgs.nrows; i++) {
		if (!strcmp(db_get(&orgs, i, KIND), "reseller"))
			t->reseller = true;
		if (!strcmp(db_get(&orgs, i, KIND), "provider")) {
			t->provider = true;
			t->provider_name = db_get(&orgs, i, NAME);
			t->provider_org_id = db_get_int(&orgs, i, ID);
		}
	}
	t->live_application_by = apps.nrows ? db_get_int(&apps, 0, 0) : 0;
	t->country = db_get(&tenant, 0, 0);
	return DB_OK;
}

/* Inside the caller's transaction (bind_directory_body writes the audit row). Choosing another tenant drops
 * what depended on the old one (the membership sign-in and profile must match the tenant's country) and
 * prefills the contact from the admin; the short path takes the legal name from the existing partner account. */
static int bind_wizard(const wizard_step *s, const user *u, const tenant_standing *t)
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
		       "tenant_id = ?, directory_user_id = ?, short_path = ?, token_hash = ?, language = ?, "
		       "updated_at = UTC_TIMESTAMP() WHERE id = ?",
		       DB_ARGS(DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_INT(u->tenant_id),
			       DB_INT(u->tenant_id), DB_INT(u->tenant_id), DB_STR(t->provider ? t->provider_name : ""),
			       DB_INT(u->tenant_id), DB_STR(t->country), DB_INT(u->tenant_id), DB_STR(u->display_name),
			       DB_INT(u->tenant_id), DB_STR(u->upn), DB_INT(u->tenant_id), DB_INT(u->id),
			       DB_INT(t->provider), DB_STR(s->text), DB_STR(applicant_language()), DB_INT(s->w.id)),
		       NULL, NULL);
}

static outcome bind_directory_body(wizard_step *s)
{
	const user *u = s->who->user;
	const char *not_admin = enrollments_not_global_admin(s->a, u);
	if (not_admin)
		return outcome_refused(OUTCOME_FORBIDDEN, ENROLL_NOT_GLOBAL_ADMIN, not_admin);
	tenant_standing t;
	int rc = load_standing(s->a, u->tenant_id, &t);
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (t.reseller)
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_TENANT_ENROLLED, arena_printf(s->a,
			_("Your organization's tenant %s is already enrolled as an indirect reseller, so there is nothing "
			"to enroll."), u->tenant_domain));
	if (t.live_application_by)
		return outcome_refused(OUTCOME_CONFLICT,
				       t.live_application_by == u->id ? ENROLL_TENANT_YOURS : ENROLL_TENANT_IN_PROGRESS,
				       arena_printf(s->a, _("An application for this tenant (%s) is already in progress."),
						    u->tenant_domain));
	if ((rc = bind_wizard(s, u, &t)) != DB_OK)
		return outcome_failed(rc);
	const char *before = domain_json(s->a, "tenant", text_value(s->w.tenant_domain), "admin",
					 text_value(s->w.user_upn), NULL);
	s->w.party_org_id = t.provider_org_id;
	outcome o = wizard_audited(s, "enroll.directory", u->tenant_domain, before,
				   domain_json(s->a, "tenant", u->tenant_domain, "admin", u->upn,
					       "path", t.provider ? "short" : "full", NULL));
	o.code = t.provider;
	return o;
}

outcome enrollments_bind_directory(arena *a, const actor *who, long long wizard_id, const char *token_hash)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = bind_directory_body, .text = token_hash };
	return run_step(&s);
}

/* ---------- Create new tenant ---------- */

static bool all_chars_in(const char *s, const char *extra)
{
	for (const char *p = s; *p; p++)
		if (!(*p >= 'a' && *p <= 'z') && !isdigit((unsigned char)*p) && !strchr(extra, *p))
			return false;
	return true;
}

static const char *admin_user_problem(const char *name)
{
	size_t len = strlen(name);
	if (len < 1 || len > 64 || !all_chars_in(name, "._-") || !isalnum((unsigned char)name[0]))
		return _("Enter a user name of up to 64 letters, digits, dots, hyphens or underscores, starting with "
		       "a letter or digit, such as admin.");
	return NULL;
}

typedef struct {
	arena *a;
	const actor *who;
	const char *const *field;
	const char *domain, *upn;
	char hash[128];
	long long tenant_id;
} new_tenant;

/* Fills PROBLEMS for the bad fields of N; how many are bad. */
static int tenant_problems(const new_tenant *n, const char *problems[TENANT_N_FIELDS])
{
	static const field_rule org_rule = { N_("Organization name"), 200, true, FORMAT_TEXT };
	static const field_rule country_rule = { N_("Country or region"), 2, true, FORMAT_COUNTRY };
	static const field_rule name_rule = { N_("Name"), 200, true, FORMAT_TEXT };
	const char *const *f = n->field;
	bool failed;
	problems[TENANT_PREFIX] = tenants_prefix_problem(n->a, f[TENANT_PREFIX], &failed);
	if (failed)
		problems[TENANT_PREFIX] = _(ENROLL_UNAVAILABLE);
	problems[TENANT_ORG_NAME] = validate_field(n->a, &org_rule, f[TENANT_ORG_NAME]);
	problems[TENANT_COUNTRY] = validate_field(n->a, &country_rule, f[TENANT_COUNTRY]);
	problems[TENANT_ADMIN_NAME] = validate_field(n->a, &name_rule, f[TENANT_ADMIN_NAME]);
	problems[TENANT_ADMIN_USER] = admin_user_problem(f[TENANT_ADMIN_USER]);
	const char *const about_them[] = { f[TENANT_ADMIN_NAME], n->upn, f[TENANT_ORG_NAME], NULL };
	problems[TENANT_PASSWORD] = auth_password_problem(n->a, f[TENANT_PASSWORD], about_them);
	problems[TENANT_CONFIRM] = !problems[TENANT_PASSWORD] && strcmp(f[TENANT_PASSWORD], f[TENANT_CONFIRM])
		? _("The two passwords do not match.") : NULL;
	int bad = 0;
	for (int i = 0; i < TENANT_N_FIELDS; i++)
		bad += problems[i] != NULL;
	return bad;
}

static outcome create_tenant(void *ctx)
{
	new_tenant *n = ctx;
	const char *const *f = n->field;
	tenants_new t = { .domain = n->domain, .display_name = f[TENANT_ORG_NAME], .country = f[TENANT_COUNTRY],
			  .admin_upn = n->upn, .admin_name = f[TENANT_ADMIN_NAME], .admin_hash = n->hash };
	long long admin_id = 0;
	int rc = tenants_create(&t, &n->tenant_id, &admin_id);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(n->who, (audit_entry){
		.action = "tenant.created", .object_type = "tenant", .object_id = n->tenant_id, .detail = n->domain,
		.after_json = domain_json(n->a, "domain", n->domain, "display_name", f[TENANT_ORG_NAME],
					  "country", f[TENANT_COUNTRY], "admin", n->upn, NULL) });
	return rc == DB_OK ? outcome_ok(n->tenant_id) : outcome_failed(rc);
}

outcome enrollments_create_tenant(arena *a, const actor *who, const char *const field[TENANT_N_FIELDS],
				  const char *problems[TENANT_N_FIELDS])
{
	new_tenant n = { .a = a, .who = who, .field = field };
	n.domain = arena_printf(a, "%s" TENANT_SUFFIX, field[TENANT_PREFIX]);
	n.upn = arena_printf(a, "%s@%s", field[TENANT_ADMIN_USER], n.domain);
	if (tenant_problems(&n, problems))
		return outcome_invalid(NULL, _("Some fields need your attention."));
	if (auth_hash_password(field[TENANT_PASSWORD], n.hash) != 0)
		return outcome_failed(DB_ERROR);
	outcome o = domain_tx(create_tenant, &n);
	if (o.kind == OUTCOME_FAILED && o.db_rc == DB_DUPLICATE) {  /* the domain was taken since the check */
		problems[TENANT_PREFIX] = arena_printf(a, _("The domain %s is already taken. Choose another prefix."), n.domain);
		return outcome_invalid("domain_prefix", problems[TENANT_PREFIX]);
	}
	return o;
}

/* ---------- Link MPN ID, membership center sign-in ---------- */

static outcome mpn_intro_body(wizard_step *s)
{
	if (s->w.mpn_intro_done)
		return outcome_ok(s->w.id);  /* nothing to change */
	outcome o = wizard_update(s, "UPDATE enrollment_wizards SET mpn_intro_done = 1, updated_at = UTC_TIMESTAMP() "
				  "WHERE id = ?", DB_ARGS(DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.mpn_intro", "the MPN ID step was read",
			      domain_json(s->a, "mpn_intro_done", "0", NULL), domain_json(s->a, "mpn_intro_done", "1", NULL));
}

outcome enrollments_mpn_intro(arena *a, const actor *who, long long wizard_id)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = mpn_intro_body };
	return run_step(&s);
}

static const field_rule membership_user_rule = { N_("User name"), 200, true, FORMAT_EMAIL };

/* The membership sign-in and profile, as audit values. */
static const char *membership_json(const wizard_step *s, const char *user_name, long long account, const char *mpn_id)
{
	return domain_json(s->a, "membership_user", text_value(user_name), "membership_account", id_value(s->a, account),
			   "mpn_id", text_value(mpn_id), NULL);
}

static const char *membership_before(const wizard_step *s)
{
	return membership_json(s, s->w.membership_user_name, s->w.membership_account_id, s->w.mpn_id);
}

static outcome membership_user_body(wizard_step *s)
{
	const char *problem = validate_field(s->a, &membership_user_rule, s->text);
	if (problem)
		return outcome_invalid("user_name", problem);
	outcome o = wizard_update(s, "UPDATE enrollment_wizards SET membership_user_name = ?, membership_account_id = NULL, "
				  "profile_id = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?",
				  DB_ARGS(DB_STR(s->text), DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.membership_user", s->text, membership_before(s),
			      membership_json(s, s->text, 0, NULL));
}

outcome enrollments_membership_user(arena *a, const actor *who, long long wizard_id, const char *user_name)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = membership_user_body, .text = user_name };
	return run_step(&s);
}

static outcome membership_account_body(wizard_step *s)
{
	if (!*s->w.membership_user_name)
		return outcome_invalid("user_name", _("Enter your membership center user name first."));
	outcome o = wizard_update(s, "UPDATE enrollment_wizards SET membership_account_id = ?, profile_id = NULL, "
				  "updated_at = UTC_TIMESTAMP() WHERE id = ?", DB_ARGS(DB_INT(s->id), DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.membership", s->w.membership_user_name, membership_before(s),
			      membership_json(s, s->w.membership_user_name, s->id, NULL));
}

outcome enrollments_membership_account(arena *a, const actor *who, long long wizard_id, long long account_id)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = membership_account_body, .id = account_id };
	return run_step(&s);
}

/* ---------- Pick the organization profile ---------- */

/* Why MPN_ID cannot be enrolled (OUTCOME_CONFLICT), or OK. */
static outcome mpn_refusal(arena *a, const char *mpn_id)
{
	enum { ENROLLED, IN_PROGRESS, NCOLS };
	db_rows rows;
	int rc = db_query_cols(a, &rows, NCOLS, "SELECT (SELECT COUNT(*) FROM organizations WHERE mpn_id = ?), "
			       "(SELECT COUNT(*) FROM enrollment_applications WHERE live_mpn_id = ?)",
			       DB_ARGS(DB_STR(mpn_id), DB_STR(mpn_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (db_get_int(&rows, 0, ENROLLED))
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_MPN_TAKEN, arena_printf(a, _("The MPN ID %s is already "
				       "enrolled in the program. Select another organization profile."), mpn_id));
	if (db_get_int(&rows, 0, IN_PROGRESS))
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_MPN_TAKEN, arena_printf(a, _("An application with the MPN "
				       "ID %s is already in progress. Select another organization profile."), mpn_id));
	return outcome_ok(0);
}

static outcome choose_profile_body(wizard_step *s)
{
	enum { MPN, NAME, CITY, COUNTRY, TENANT_COUNTRY, NCOLS };
	db_rows p;
	int rc = db_query_cols(s->a, &p, NCOLS, "SELECT p.mpn_id, p.legal_name, p.city, p.country, "
			       "(SELECT country FROM tenants WHERE id = ?) FROM org_profiles p "
			       "WHERE p.id = ? AND p.account_id = ? AND p.active = 1",
			       DB_ARGS(DB_INT(s->w.tenant_id), DB_INT(s->id), DB_INT(s->w.membership_account_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (p.nrows != 1 || !s->w.membership_account_id)
		return outcome_refused(OUTCOME_INVALID, ENROLL_NO_PROFILE, _("Select one of your organization profiles."));
	if (strcmp(db_get(&p, 0, COUNTRY), db_get(&p, 0, TENANT_COUNTRY)))
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_OTHER_COUNTRY, _(SAME_COUNTRY_RULE));
	const char *mpn_id = db_get(&p, 0, MPN);
	outcome o = mpn_refusal(s->a, mpn_id);
	if (!outcome_is_ok(&o))
		return o;
	o = wizard_update(s, "UPDATE enrollment_wizards SET "
			  "legal_name = IF(profile_id <=> ?, legal_name, ?), city = IF(profile_id <=> ?, city, ?), "
			  "profile_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
			  DB_ARGS(DB_INT(s->id), DB_STR(db_get(&p, 0, NAME)), DB_INT(s->id), DB_STR(db_get(&p, 0, CITY)),
				  DB_INT(s->id), DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.profile", arena_printf(s->a, "MPN ID %s: %s", mpn_id, db_get(&p, 0, NAME)),
			      domain_json(s->a, "mpn_id", text_value(s->w.mpn_id), NULL),
			      domain_json(s->a, "mpn_id", mpn_id, "profile", db_get(&p, 0, NAME), NULL));
}

outcome enrollments_choose_profile(arena *a, const actor *who, long long wizard_id, long long profile_id)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = choose_profile_body, .id = profile_id };
	return run_step(&s);
}

static outcome cancel_profile_body(wizard_step *s)
{
	outcome o = wizard_update(s, "UPDATE enrollment_wizards SET membership_user_name = '', membership_account_id = NULL, "
				  "profile_id = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?", DB_ARGS(DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.membership_cancelled", s->w.membership_user_name, membership_before(s),
			      membership_json(s, NULL, 0, NULL));
}

outcome enrollments_cancel_profile(arena *a, const actor *who, long long wizard_id)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = cancel_profile_body };
	return run_step(&s);
}

/* ---------- Business details ---------- */

/* The details that CHANGED, from BEFORE or AFTER, as an audit value (with details_done, DONE). */
static const char *details_json(arena *a, const char *const values[N_DETAILS], const bool changed[N_DETAILS],
				bool done)
{
	json_object *o = json_object_new_object();
	for (int i = 0; i < N_DETAILS; i++)
		if (changed[i])
			json_object_object_add(o, enrollments_details[i].name, json_object_new_string(values[i]));
	json_object_object_add(o, "details_done", json_object_new_string(done ? "1" : "0"));
	const char *out = arena_strdup(a, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

static outcome details_body(wizard_step *s)
{
	const char *v[N_DETAILS];
	bool changed[N_DETAILS];
	s->bad = s->check ? enrollments_details_problems(s->a, s->w.short_path, s->values, s->problems) : 0;
	bool done = s->check && !s->bad;
	for (int i = 0; i < N_DETAILS; i++) {
		v[i] = validate_truncate(s->a, s->values[i], enrollments_details[i].rule.max_chars);
		changed[i] = strcmp(v[i], s->w.detail[i]) != 0;
	}
	/* the columns in enrollments_details[] order */
	outcome o = wizard_update(s, "UPDATE enrollment_wizards SET legal_name = ?, address_line1 = ?, address_line2 = ?, "
		"city = ?, region = ?, postal_code = ?, country = ?, phone = ?, contact_name = ?, contact_email = ?, "
		"contact_phone = ?, support_email = ?, support_phone = ?, support_website = ?, details_done = ?, "
		"language = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		DB_ARGS(DB_STR(v[0]), DB_STR(v[1]), DB_STR(v[2]), DB_STR(v[3]), DB_STR(v[4]), DB_STR(v[5]), DB_STR(v[6]),
			DB_STR(v[7]), DB_STR(v[8]), DB_STR(v[9]), DB_STR(v[10]), DB_STR(v[11]), DB_STR(v[12]),
			DB_STR(v[13]), DB_INT(done), DB_STR(applicant_language()), DB_INT(s->w.id)));
	if (!outcome_is_ok(&o))
		return o;
	return wizard_audited(s, "enroll.details", done ? "business details complete" : "business details saved as a draft",
			      details_json(s->a, s->w.detail, changed, s->w.details_done), details_json(s->a, v, changed, done));
}

outcome enrollments_save_details(arena *a, const actor *who, long long wizard_id, const char *const values[N_DETAILS],
				 bool check, const char *problems[N_DETAILS])
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = details_body, .values = values,
			  .check = check, .problems = problems };
	outcome o = run_step(&s);
	if (!outcome_is_ok(&o) || !s.bad)
		return o;
	int first = 0;
	while (!problems[first])
		first++;
	/* the draft is saved; what is bad stops the wizard here */
	return outcome_invalid(enrollments_details[first].name, arena_printf(a, ngettext("One field needs your attention.",
							       "%d fields need your attention.", (unsigned long)s.bad), s.bad));
}

/* ---------- Review and Enroll now ---------- */

/* Queue the verification email with a fresh link for application APPLICATION_ID, in the applicant's language. */
static int queue_verification(const wizard_step *s, long long application_id)
{
	char token[TOKEN_LEN + 1];
	int rc = token_create(ENROLL_VERIFY_PURPOSE, application_id, s->w.user_id, VERIFY_TTL_SECONDS, token);
	if (rc != DB_OK)
		return rc;
	tpl_dict *d = tpl_dict_new(s->a);
	tpl_set(d, "CONTACT_NAME", s->w.detail[DETAIL_CONTACT_NAME]);
	tpl_set(d, "LEGAL_NAME", s->w.detail[DETAIL_LEGAL_NAME]);
	tpl_set(d, "TENANT", s->w.tenant_domain);
	tpl_set(d, "LINK", arena_printf(s->a, "%s/enroll/verify?token=%s", mail_base_url(), token));
	tpl_set_int(d, "DAYS", VERIFY_TTL_SECONDS / (24 * 3600));
	return mail_queue_template(i18n_current(), s->w.detail[DETAIL_CONTACT_EMAIL],
				   N_("Verify your email address for Channel Center"),
				   "mail_enroll_verify.tpl", d);
}

/* The tenant, or the MPN ID of the profile (full path), is a partner account already. */
static int already_enrolled(const wizard_step *s, bool *enrolled)
{
	db_rows rows;
	int rc = db_query(s->a, &rows, "SELECT COUNT(*) FROM organizations o WHERE (o.tenant_id = ? AND o.kind = 'reseller') "
			  "OR (? = 0 AND o.mpn_id = ?)",
			  DB_ARGS(DB_INT(s->w.tenant_id), DB_INT(s->w.short_path), *s->w.mpn_id ? DB_STR(s->w.mpn_id) : DB_NULL));
	*enrolled = rc == DB_OK && db_get_int(&rows, 0, 0) > 0;
	return rc;
}

#define ENROLLED_ALREADY N_("This tenant or MPN ID is already enrolled in the program, so it cannot enroll again.")
#define IN_PROGRESS_ALREADY \
	N_("This tenant or MPN ID is already enrolled: an application for it is already in progress.")

/* The application (a copy of the wizard's data), its verification token and email, and the wizard's link to
 * it. The wizard row is locked first, so a second submit waits and then finds the application. */
static outcome submit_body(wizard_step *s)
{
	if (s->w.application_id)
		return outcome_ok(s->w.application_id);  /* submitted before: nothing to write */
	const char *problems[N_DETAILS];
	if (enrollments_details_problems(s->a, s->w.short_path, s->w.detail, problems))
		return outcome_refused(OUTCOME_INVALID, ENROLL_FIX_DETAILS, _("Some business details need your attention "
				       "before you enroll."));
	bool enrolled;
	int rc = already_enrolled(s, &enrolled);
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (enrolled)
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_TENANT_ENROLLED, _(ENROLLED_ALREADY));
	unsigned long long id = 0;
	rc = db_exec("INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, profile_id, "
		     ENROLLMENTS_DETAIL_COLUMNS ", status, language, submitted_at) "
		     "SELECT tenant_id, directory_user_id, short_path, "
		     "IF(short_path, NULL, (SELECT mpn_id FROM org_profiles p WHERE p.id = w.profile_id)), "
		     "IF(short_path, NULL, profile_id), " ENROLLMENTS_DETAIL_COLUMNS ", 'pending_verification', ?, "
		     "UTC_TIMESTAMP() FROM enrollment_wizards w WHERE id = ?",
		     DB_ARGS(DB_STR(applicant_language()), DB_INT(s->w.id)), NULL, &id);
	if (rc == DB_DUPLICATE)  /* the live tenant or MPN ID keys: another application is in progress */
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_TENANT_IN_PROGRESS, _(IN_PROGRESS_ALREADY));
	if (rc != DB_OK)
		return outcome_failed(rc);
	long long app = (long long)id;
	if ((rc = queue_verification(s, app)) != DB_OK ||
	    (rc = db_exec("UPDATE enrollment_wizards SET application_id = ?, language = ?, updated_at = UTC_TIMESTAMP() "
			  "WHERE id = ?", DB_ARGS(DB_INT(app), DB_STR(applicant_language()), DB_INT(s->w.id)), NULL, NULL)) != DB_OK)
		return outcome_failed(rc);
	const char *mpn_id = s->w.short_path ? NULL : text_value(s->w.mpn_id);
	rc = domain_audit(s->who, (audit_entry){
		.action = "enroll.submitted", .object_type = "enrollment_application", .object_id = app,
		.party_org_id = s->w.party_org_id,
		.detail = arena_printf(s->a, "application %lld for %s", app, s->w.tenant_domain),
		.after_json = domain_json(s->a, "status", "pending_verification", "tenant", s->w.tenant_domain,
					  "mpn_id", mpn_id, "legal_name", s->w.detail[DETAIL_LEGAL_NAME],
					  "contact_email", s->w.detail[DETAIL_CONTACT_EMAIL], NULL) });
	return rc == DB_OK ? outcome_ok(app) : outcome_failed(rc);
}

outcome enrollments_submit(arena *a, const actor *who, long long wizard_id)
{
	wizard_step s = { .a = a, .who = who, .wizard_id = wizard_id, .body = submit_body };
	return run_step(&s);
}

/* ---------- Email verification ---------- */

typedef struct {
	arena *a;
	const actor *who;
	const char *token;
} verification;

static outcome token_refusal(enum token_state state)
{
	if (state == TOKEN_DB_ERROR)
		return outcome_failed(DB_ERROR);
	return outcome_refused(state == TOKEN_UNKNOWN ? OUTCOME_NOT_FOUND : OUTCOME_GONE, state, token_state_message(state));
}

static outcome verify_email(void *ctx)
{
	verification *v = ctx;
	token_info info;
	enum token_state state = token_lookup(v->a, ENROLL_VERIFY_PURPOSE, v->token, &info);
	if (state != TOKEN_VALID)
		return token_refusal(state);
	int rc = token_consume(info.id, v->who->user ? v->who->user->id : 0);
	if (rc == DB_ERROR)  /* another click used it first */
		return token_refusal(TOKEN_USED);
	if (rc != DB_OK)
		return outcome_failed(rc);
	db_rows app;
	rc = db_query(v->a, &app, "SELECT COALESCE((SELECT MIN(o.id) FROM organizations o WHERE o.tenant_id = a.tenant_id), 0) "
		      "FROM enrollment_applications a WHERE a.id = ?", DB_ARGS(DB_INT(info.subject_id)));
	if (rc == DB_OK)
		rc = db_exec("UPDATE enrollment_applications SET status = 'pending_review', verified_at = UTC_TIMESTAMP() "
			     "WHERE id = ? AND status = 'pending_verification'",
			     DB_ARGS(DB_INT(info.subject_id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(v->who, (audit_entry){
		.action = "enroll.verified", .object_type = "enrollment_application", .object_id = info.subject_id,
		.party_org_id = app.nrows ? db_get_int(&app, 0, 0) : 0,
		.detail = arena_printf(v->a, "application %lld", info.subject_id),
		.before_json = domain_json(v->a, "status", "pending_verification", NULL),
		.after_json = domain_json(v->a, "status", "pending_review", NULL) });
	return rc == DB_OK ? outcome_ok(info.subject_id) : outcome_failed(rc);
}

outcome enrollments_verify(arena *a, const actor *who, const char *token)
{
	verification v = { a, who, token };
	return domain_tx(verify_email, &v);
}

/* ---------- Approve or reject ---------- */

typedef struct {
	arena *a;
	const actor *who;
	long long app_id;
	const char *reason;  /* a rejection's */
	/* the locked application */
	const char *status, *name, *contact_email, *contact_name, *applicant_upn, *country, *mpn_id;
	const char *language;  /* the applicant's: the outcome email is written in it, not in the reviewer's */
	long long applicant_id, tenant_id, party_org_id, org_id;
} review;

/* Lock the application row for the rest of the transaction; it must still wait for review. */
static outcome lock_pending_application(review *c)
{
	enum { STATUS, NAME, CONTACT_EMAIL, CONTACT_NAME, TENANT, COUNTRY, MPN_ID, APPLICANT, APPLICANT_UPN, PARTY,
	       LANGUAGE, NCOLS };
	db_rows rows;
	int rc = db_query_cols(c->a, &rows, NCOLS,
		"SELECT a.status, " ENROLLMENTS_APPLICATION_NAME_SQL ", a.contact_email, a.contact_name, "
		"a.tenant_id, COALESCE(NULLIF(a.country, ''), t.country), COALESCE(a.mpn_id, ''), a.applicant_user_id, "
		"COALESCE(u.upn, ''), COALESCE((SELECT MIN(o.id) FROM organizations o WHERE o.tenant_id = a.tenant_id), 0), "
		"a.language "
		"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id "
		"LEFT JOIN users u ON u.id = a.applicant_user_id WHERE a.id = ? FOR UPDATE",
		DB_ARGS(DB_INT(c->app_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_APPLICATION));
	c->status = db_get(&rows, 0, STATUS);
	c->name = db_get(&rows, 0, NAME);
	c->contact_email = db_get(&rows, 0, CONTACT_EMAIL);
	c->contact_name = db_get(&rows, 0, CONTACT_NAME);
	c->tenant_id = db_get_int(&rows, 0, TENANT);
	c->country = db_get(&rows, 0, COUNTRY);
	c->mpn_id = db_get(&rows, 0, MPN_ID);
	c->applicant_id = db_get_int(&rows, 0, APPLICANT);
	c->applicant_upn = db_get(&rows, 0, APPLICANT_UPN);
	c->party_org_id = db_get_int(&rows, 0, PARTY);
	c->language = db_get(&rows, 0, LANGUAGE);
	if (!strcmp(c->status, "pending_review"))
		return outcome_ok(c->app_id);
	const char *why = !strcmp(c->status, "pending_verification")
		? _("This application cannot be reviewed yet: the primary contact has not verified their email address. "
		  "Nothing was changed.")
		: !strcmp(c->status, "approved") ? _("This application has already been approved. Nothing was changed.")
		: _("This application has already been rejected. Nothing was changed.");
	return outcome_refused(OUTCOME_CONFLICT, ENROLL_NOT_PENDING, why);
}

static tpl_dict *review_mail_dict(const review *c)
{
	tpl_dict *m = tpl_dict_new(c->a);
	tpl_set(m, "CONTACT_NAME", c->contact_name);
	tpl_set(m, "ORG_NAME", c->name);
	tpl_set(m, "USER_NAME", c->applicant_upn);
	tpl_set(m, "SIGNIN_URL", arena_printf(c->a, "%s/signin", mail_base_url()));
	tpl_set(m, "ENROLL_URL", arena_printf(c->a, "%s/enroll", mail_base_url()));
	tpl_set(m, "REASON", c->reason ? c->reason : "");
	return m;
}

/* The application's review audit row; ORG_ID: the reseller account approving made, or 0. */
static outcome review_audited(const review *c, const char *action, const char *detail, const char *after)
{
	int rc = domain_audit(c->who, (audit_entry){
		.action = action, .object_type = "enrollment_application", .object_id = c->app_id,
		.party_org_id = c->org_id ? c->org_id : c->party_org_id, .detail = detail,
		.before_json = domain_json(c->a, "status", "pending_review", NULL), .after_json = after });
	return rc == DB_OK ? outcome_ok(c->app_id) : outcome_failed(rc);
}

/* Only the vendor's admins review applications (the route table refuses other kinds already). */
static outcome vendor_only(const actor *who)
{
	if (rights_acts_as(who->user, "vendor", 0))
		return outcome_ok(0);
	return outcome_refused(OUTCOME_FORBIDDEN, ENROLL_VENDOR_ONLY, _("Only the vendor's administrators review "
			       "enrollment applications. Sign in with a vendor admin account."));
}

static outcome approve_tx(void *ctx)
{
	review *c = ctx;
	c->org_id = 0;
	outcome o = lock_pending_application(c);
	if (!outcome_is_ok(&o))
		return o;
	unsigned long long org_id = 0;
	int rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country, mpn_id) VALUES ('reseller', ?, ?, ?, ?)",
			 DB_ARGS(DB_STR(c->name), DB_INT(c->tenant_id), DB_STR(c->country),
				 *c->mpn_id ? DB_STR(c->mpn_id) : DB_NULL),
			 NULL, &org_id);
	if (rc == DB_DUPLICATE)
		return outcome_refused(OUTCOME_CONFLICT, ENROLL_ORG_EXISTS, _("This tenant or MPN ID already has a reseller "
				       "account, so the application cannot be approved. Reject it with that reason instead."));
	if (rc != DB_OK)
		return outcome_failed(rc);
	c->org_id = (long long)org_id;
	long long reviewer = c->who->user->id;
	if ((rc = db_exec("INSERT INTO partner_users (org_id, user_id, admin_agent, added_at, added_by) "
			  "VALUES (?, ?, 1, UTC_TIMESTAMP(), ?)",
			  DB_ARGS(DB_INT(c->org_id), DB_INT(c->applicant_id), DB_INT(reviewer)), NULL, NULL)) != DB_OK ||
	    (rc = db_exec("UPDATE enrollment_applications SET status = 'approved', reviewed_at = UTC_TIMESTAMP(), "
			  "reviewed_by = ?, org_id = ? WHERE id = ?",
			  DB_ARGS(DB_INT(reviewer), DB_INT(c->org_id), DB_INT(c->app_id)), NULL, NULL)) != DB_OK ||
	    (rc = mail_queue_template(mail_language(c->language), c->contact_email,
				      N_("Your Channel Center reseller account is ready"),
				      "mail_enroll_approved.tpl", review_mail_dict(c))) != DB_OK)
		return outcome_failed(rc);
	return review_audited(c, "enrollment.approved",
			      arena_printf(c->a, "application %lld: %s, reseller account %lld, admin agent %s", c->app_id,
					   c->name, c->org_id, c->applicant_upn),
			      domain_json(c->a, "status", "approved", "organization", c->name,
					  "admin_agent", c->applicant_upn, NULL));
}

outcome enrollments_approve(arena *a, const actor *who, long long id)
{
	outcome o = vendor_only(who);
	if (!outcome_is_ok(&o))
		return o;
	if (id <= 0)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_APPLICATION));
	review c = { .a = a, .who = who, .app_id = id };
	o = domain_tx(approve_tx, &c);
	if (outcome_is_ok(&o))
		auth_user_changed(a, c.applicant_id);  /* a session already open sees the new account */
	return o;
}

static outcome reject_tx(void *ctx)
{
	review *c = ctx;
	outcome o = lock_pending_application(c);
	if (!outcome_is_ok(&o))
		return o;
	int rc;
	if ((rc = db_exec("UPDATE enrollment_applications SET status = 'rejected', reviewed_at = UTC_TIMESTAMP(), "
			  "reviewed_by = ?, reject_reason = ? WHERE id = ?",
			  DB_ARGS(DB_INT(c->who->user->id), DB_STR(c->reason), DB_INT(c->app_id)), NULL, NULL)) != DB_OK ||
	    (rc = mail_queue_template(mail_language(c->language), c->contact_email,
				      N_("Your Channel Center reseller enrollment was not approved"),
				      "mail_enroll_rejected.tpl", review_mail_dict(c))) != DB_OK)
		return outcome_failed(rc);
	return review_audited(c, "enrollment.rejected",
			      arena_printf(c->a, "application %lld: %s: %s", c->app_id, c->name, c->reason),
			      domain_json(c->a, "status", "rejected", "reason", c->reason, NULL));
}

outcome enrollments_reject(arena *a, const actor *who, long long id, const char *reason)
{
	outcome o = vendor_only(who);
	if (!outcome_is_ok(&o))
		return o;
	if (id <= 0)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_APPLICATION));
	reason = validate_trim(a, reason);
	if (!*reason)
		return outcome_invalid("reason", _("Give the reason for the rejection: the primary contact receives it by email."));
	if (validate_utf8_chars(reason) > REJECT_REASON_MAX)
		return outcome_invalid("reason", _("Shorten the reason to at most 1000 characters."));
	review c = { .a = a, .who = who, .app_id = id, .reason = reason };
	return domain_tx(reject_tx, &c);
}
