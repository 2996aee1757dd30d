/* page_auth.c: sign-in, sign-out and the change-password page (required after a temporary password) */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "session.h"
#include "signin.h"
#include "view.h"

#define MIN_PASSWORD 12

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
	view_page(r, "signin.tpl", "Sign in", d);
}

void signin_form(request *r)
{
	if (r->user) {
		http_redirect(r, http_safe_next(http_query(r, "next")));
		return;
	}
	signin_page(r, "", NULL);
}

void signin_submit(request *r)
{
	const char *upn = http_form(r, "upn");
	const char *password = http_form(r, "password");
	if (!*upn || !*password) {
		r->status = 400;
		signin_page(r, upn, "Enter your user name and your password.");
		return;
	}
	const char *message = NULL;
	long long user_id = signin_check(r, upn, password, &message);
	if (!user_id) {
		signin_page(r, upn, message);
		return;
	}
	if (!signin_start_session(r, user_id, upn)) {
		view_error(r, 503, "Sign-in is unavailable right now. Try again in a minute.");
		return;
	}
	http_redirect(r, http_safe_next(http_form(r, "next")));
}

static int signout_tx(void *ctx)
{
	const request *r = ctx;
	audit(r->user->id, "signout", r->user->upn, r->remote_addr);
	return sess_delete(r->session);
}

/* Signed out only once the session's row is gone: until then the session still works, and the page says so. */
void signout_submit(request *r)
{
	if (db_transaction(signout_tx, r) != DB_OK) {
		view_error(r, 503, SESS_SIGNOUT_FAILED);
		return;
	}
	sess_forget(r->session);
	http_set_cookie(r, SESSION_COOKIE, "", 0, "Lax");
	http_redirect(r, "/signin?signed_out=1");
}

static void password_page(request *r, const char *error)
{
	tpl_dict *d = view_dict(r);
	if (r->user->must_change_password)
		tpl_show_section(d, "TEMPORARY");
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	if (!strcmp(http_query(r, "changed"), "1"))
		tpl_show_section(d, "CHANGED");
	view_page(r, "password.tpl", "Change your password", d);
}

void password_form(request *r)
{
	password_page(r, NULL);
}

void password_submit(request *r)
{
	const char *current = http_form(r, "current_password");
	const char *next = http_form(r, "new_password");
	const char *confirm = http_form(r, "confirm_password");
	db_rows rows;
	const char *error = NULL;
	if (db_query(r->arena, &rows, "SELECT password_hash FROM users WHERE id = ?",
		     DB_ARGS(DB_INT(r->user->id))) != DB_OK || rows.nrows != 1) {
		view_error(r, 503, "Your password cannot be changed right now. Try again in a minute.");
		return;
	}
	if (!auth_verify_password(db_get(&rows, 0, 0), current))
		error = "Your current password is not correct.";
	else if (strlen(next) < MIN_PASSWORD)
		error = "Choose a new password of at least 12 characters.";
	else if (!strcmp(next, current))
		error = "Your new password must differ from the current one.";
	else if (strcmp(next, confirm))
		error = "The two new passwords do not match.";
	if (error) {
		r->status = 400;
		password_page(r, error);
		return;
	}
	char hash[128];
	if (auth_hash_password(next, hash) != 0 ||
	    db_exec("UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?",
		    DB_ARGS(DB_STR(hash), DB_INT(r->user->id)), NULL, NULL) != DB_OK) {
		view_error(r, 503, "Your password cannot be changed right now. Try again in a minute.");
		return;
	}
	auth_user_changed(r->arena, r->user->id);
	audit(r->user->id, "password.changed", r->user->upn, r->remote_addr);
	http_redirect(r, "/account/password?changed=1");
}
