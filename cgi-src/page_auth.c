/* page_auth.c: sign-in, sign-out and the change-password page (required after a temporary password) */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/tenants.h"
#include "session.h"
#include "signin.h"
#include "view.h"

void root_redirect(request *r)
{
	http_redirect(r, r->user ? "/home" : "/signin");
}

static void signin_page(request *r, const char *upn, const char *error)
{
	tpl_dict *d = view_dict(r);
	tpl_set(d, "UPN", upn);
	tpl_set(d, "NEXT", http_safe_next(http_param_get(&r->form, "next") ? http_form(r, "next")
									 : http_query(r, "next")));
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	if (!strcmp(http_query(r, "signed_out"), "1"))
		tpl_show_section(d, "SIGNED_OUT_NOTICE");
	view_page(r, "signin.tpl", _("Sign in"), d);
}

void signin_form(request *r)
{
	if (r->user) {
		http_redirect(r, http_safe_next(http_query(r, "next")));
		return;
	}
	signin_page(r, "", NULL);
}

/* Where a sign-in leads: NEXT (safe), or first the password page when the user signed in with a temporary
 * password, carrying NEXT along so that the change leads on there. */
static const char *after_signin(request *r, long long user_id, const char *next)
{
	const user *u = auth_load_user(r->arena, user_id, 0);
	if (!u || !u->must_change_password)
		return next;
	return strcmp(next, "/home") ? arena_printf(r->arena, "/account/password?next=%s", view_url_escape(r, next))
				     : "/account/password";
}

void signin_submit(request *r)
{
	const char *upn = http_form(r, "upn");
	const char *password = http_form(r, "password");
	if (!*upn || !*password) {
		r->status = 400;
		signin_page(r, upn, _("Enter your user name and your password."));
		return;
	}
	const char *message = NULL;
	long long user_id = signin_check(r, upn, password, &message);
	if (!user_id) {
		signin_page(r, upn, message);
		return;
	}
	if (!signin_start_session(r, user_id, upn)) {
		view_error(r, 503, _("Sign-in is unavailable right now. Try again in a minute."));
		return;
	}
	http_redirect(r, after_signin(r, user_id, http_safe_next(http_form(r, "next"))));
}

/* Signed out only once the session's row is gone: until then the session still works, and the page says so. */
void signout_submit(request *r)
{
	actor who = actor_of(r);
	outcome o = signin_end_session(&who, r->session);
	if (!outcome_is_ok(&o)) {
		view_error(r, 503, SESS_SIGNOUT_FAILED);
		return;
	}
	sess_forget(r->session);
	http_set_cookie(r, SESSION_COOKIE, "", 0, "Lax");
	http_redirect(r, "/signin?signed_out=1");
}

/* When the signed-in user's temporary password stops working, as the page shows it; "" when it does not. */
static const char *temporary_password_expiry(request *r)
{
	db_rows rows;
	if (db_query(r->arena, &rows,
		     "SELECT DATE_FORMAT(temporary_password_expires_at, '%Y-%m-%d %H:%i:%s') FROM users "
		     "WHERE id = ? AND must_change_password = 1 AND temporary_password_expires_at IS NOT NULL",
		     DB_ARGS(DB_INT(r->user->id))) != DB_OK || rows.nrows != 1)
		return "";
	return i18n_datetime(r->arena, db_get(&rows, 0, 0), false);
}

/* The page a forced password change leads on to: a safe ?next= (or the form's, when it comes back), else
 * the home page. */
static const char *password_next(request *r)
{
	return http_safe_next(http_param_get(&r->form, "next") ? http_form(r, "next") : http_query(r, "next"));
}

static void password_page(request *r, const char *error)
{
	tpl_dict *d = view_dict(r);
	if (r->user->must_change_password) {
		tpl_dict *t = tpl_add_section(d, "TEMPORARY");
		tpl_set(d, "NEXT", password_next(r));
		const char *until = temporary_password_expiry(r);
		if (*until)
			tpl_set(tpl_add_section(t, "EXPIRES"), "UNTIL", until);
	}
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	if (!strcmp(http_query(r, "changed"), "1"))
		tpl_show_section(d, "CHANGED");
	view_page(r, "password.tpl", _("Change your password"), d);
}

void password_form(request *r)
{
	password_page(r, NULL);
}

/* Whether CURRENT is the user's password, checked like a sign-in (throttled, a wrong one counts as a
 * failed sign-in) so that a borrowed session cannot guess it; else answers with the form and the reason.
 * A temporary password past its date still lets its user, signed in with it, replace it. */
static bool current_password_checked(request *r, const char *current)
{
	long long id, retry_after;
	enum auth_result res = auth_check_password(r->arena, AUTH_REALM_DIRECTORY, r->user->upn, current, r->remote_addr,
						   &id, &retry_after);
	if (res == AUTH_OK || res == AUTH_TEMP_EXPIRED)
		return true;
	if (res == AUTH_BAD_CREDENTIALS) {
		r->status = 400;
		password_page(r, _("Your current password is not correct."));
	} else if (res == AUTH_ERROR) {
		view_error(r, 503, _("Your password cannot be changed right now. Try again in a minute."));
	} else {
		password_page(r, signin_refusal(r, res, retry_after));  /* 429 with Retry-After */
	}
	return false;
}

void password_submit(request *r)
{
	const char *current = http_form(r, "current_password");
	const char *next = http_form(r, "new_password");
	const char *confirm = http_form(r, "confirm_password");
	if (!current_password_checked(r, current))
		return;
	actor who = actor_of(r);
	outcome o = tenants_change_password(r->arena, &who, r->session, current, next, confirm);
	if (o.kind == OUTCOME_INVALID) {
		r->status = 400;
		password_page(r, o.message);
	} else if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("Your password cannot be changed right now. Nothing was changed. Try again in a minute."));
	} else {
		/* a temporary password replaced: straight on to what the user came for; a chosen one: say so */
		http_redirect(r, r->user->must_change_password ? password_next(r) : "/account/password?changed=1");
	}
}
