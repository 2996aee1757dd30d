/* page_enroll_status.c: the primary contact's email verification of an enrollment application,
 * and the applicant's status page */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "enroll.h"
#include "token.h"
#include "view.h"

/* ---------- Email verification ---------- */

static void verify_page(request *r, tpl_dict *d)
{
	view_page(r, "enroll_verify.tpl", _("Verify your email address"), d);
}

/* The page for a link that cannot be used: 404 unknown, 410 used, expired or withdrawn. */
static void verify_refused(request *r, enum token_state state)
{
	if (state == TOKEN_UNKNOWN || state == TOKEN_DB_ERROR) {
		view_error(r, state == TOKEN_UNKNOWN ? 404 : 503, token_state_message(state));
		return;
	}
	tpl_dict *d = view_dict(r);
	r->status = 410;  /* Gone */
	tpl_set(tpl_add_section(d, "REFUSED"), "MESSAGE", token_state_message(state));
	verify_page(r, d);
}

void enroll_verify_form(request *r)
{
	tpl_dict *d = view_dict(r);
	if (!strcmp(http_query(r, "verified"), "1")) {
		tpl_show_section(d, "VERIFIED");
		verify_page(r, d);
		return;
	}
	token_info info;
	const char *token = http_query(r, "token");
	enum token_state state = token_lookup(r->arena, ENROLL_VERIFY_PURPOSE, token, &info);
	db_rows app;
	if (state != TOKEN_VALID) {
		verify_refused(r, state);
		return;
	}
	enum { LEGAL_NAME, CONTACT_EMAIL, TENANT, NCOLS };
	if (db_query_cols(r->arena, &app, NCOLS,
			  "SELECT a.legal_name, a.contact_email, t.domain FROM enrollment_applications a "
			  "JOIN tenants t ON t.id = a.tenant_id WHERE a.id = ?", DB_ARGS(DB_INT(info.subject_id))) != DB_OK ||
	    app.nrows != 1) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	tpl_dict *confirm = tpl_add_section(d, "CONFIRM");
	tpl_set(confirm, "TOKEN", token);
	tpl_set(confirm, "LEGAL_NAME", db_get(&app, 0, LEGAL_NAME));
	tpl_set(confirm, "CONTACT_EMAIL", db_get(&app, 0, CONTACT_EMAIL));
	tpl_set(confirm, "TENANT", db_get(&app, 0, TENANT));
	verify_page(r, d);
}

void enroll_verify_submit(request *r)
{
	actor who = actor_of(r);
	outcome o = enrollments_verify(r->arena, &who, http_form(r, "token"));
	if (o.kind == OUTCOME_NOT_FOUND || o.kind == OUTCOME_GONE) {
		verify_refused(r, (enum token_state)o.code);
		return;
	}
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, UNAVAILABLE);
		return;
	}
	http_redirect(r, "/enroll/verify?verified=1");
}

/* ---------- Application status ---------- */

/* The application of this browser's wizard, else the newest one the signed-in user submitted. */
static long long applicant_application(request *r)
{
	long long from_wizard = enroll_wizard_application(r);
	db_rows rows;
	if (from_wizard > 0)
		return from_wizard;
	if (r->user &&
	    db_query(r->arena, &rows, "SELECT id FROM enrollment_applications WHERE applicant_user_id = ? "
		     "ORDER BY id DESC LIMIT 1", DB_ARGS(DB_INT(r->user->id))) == DB_OK && rows.nrows == 1)
		return db_get_int(&rows, 0, 0);
	return from_wizard;  /* 0: a wizard without an application; -1: no wizard either */
}

static const struct {
	const char *status, *section, *label;
} status_views[] = {
	{ "pending_verification", "PENDING_VERIFICATION", N_("Waiting for email verification") },
	{ "pending_review", "PENDING_REVIEW", N_("In review") },
	{ "approved", "APPROVED", N_("Approved") },
	{ "rejected", "REJECTED", N_("Not approved") },
};

void enroll_status_page(request *r)
{
	tpl_dict *d = view_dict(r);
	long long app_id = applicant_application(r);
	/* every column is shown under its name in fields[] when it is not empty */
	enum { A_STATUS, A_LEGAL_NAME, A_CONTACT_EMAIL, A_TENANT, A_MPN_ID, A_REASON, A_SUBMITTED_AT, A_VERIFIED_AT,
	       A_REVIEWED_AT, A_NCOLS };
	db_rows a;
	if (app_id <= 0) {
		tpl_show_section(d, app_id == 0 ? "CONTINUE" : "NO_APPLICATION");
		view_page(r, "enroll_status.tpl", _("Application status"), d);
		return;
	}
	if (db_query_cols(r->arena, &a, A_NCOLS,
			  "SELECT a.status, a.legal_name, a.contact_email, t.domain, a.mpn_id, a.reject_reason, "
			  "DATE_FORMAT(a.submitted_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(a.verified_at, '%Y-%m-%d %H:%i:%s'), "
			  "DATE_FORMAT(a.reviewed_at, '%Y-%m-%d %H:%i:%s') "
			  "FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE a.id = ?",
			  DB_ARGS(DB_INT(app_id))) != DB_OK || a.nrows != 1) {
		view_error(r, 503, UNAVAILABLE);
		return;
	}
	tpl_dict *app = tpl_add_section(d, "APPLICATION");
	static const char *const fields[A_NCOLS] = { "STATUS", "LEGAL_NAME", "CONTACT_EMAIL", "TENANT", "MPN_ID",
						     "REASON", "SUBMITTED_AT", "VERIFIED_AT", "REVIEWED_AT" };
	for (int i = 0; i < A_NCOLS; i++)
		if (*db_get(&a, 0, i)) {
			const char *v = db_get(&a, 0, i);
			tpl_set(app, fields[i], i >= A_SUBMITTED_AT ? i18n_datetime(r->arena, v, false) : v);
			tpl_show_section(app, arena_printf(r->arena, "HAS_%s", fields[i]));
		}
	for (size_t i = 0; i < sizeof status_views / sizeof status_views[0]; i++)
		if (!strcmp(db_get(&a, 0, A_STATUS), status_views[i].status)) {
			tpl_show_section(app, status_views[i].section);
			tpl_set(app, "STATUS_LABEL", _(status_views[i].label));
		}
	view_page(r, "enroll_status.tpl", _("Application status"), d);
}
