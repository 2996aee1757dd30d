/* page_api_tokens.c: Account settings > API tokens: the signed-in user's tokens for the partner API in the
 * account they act for (last use, state, Revoke), the form for a new one, and the new token's text, shown on
 * the answer to the form and never again */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/api_tokens.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

static const int expiry_choices[] = { 7, 30, 90, 365 };
#define DEFAULT_EXPIRY_DAYS 90

/* The scopes of the form: every "scope" value that names one. */
static unsigned posted_scopes(const request *r)
{
	unsigned bits = 0;
	for (size_t i = 0; i < r->form.len; i++) {
		if (strcmp(r->form.items[i].name, "scope"))
			continue;
		for (int s = 0; s < API_TOKEN_N_SCOPES; s++)
			if (!strcmp(r->form.items[i].value, api_token_scopes[s].name))
				bits |= api_token_scopes[s].bit;
	}
	return bits;
}

static const char *token_state(const db_rows *rows, int i, int revoked_col, int expired_col)
{
	if (db_get_int(rows, i, revoked_col))
		return C_("api token state", "Revoked");
	return db_get_int(rows, i, expired_col) ? C_("api token state", "Expired") : C_("api token state", "Active");
}

/* The user's tokens in the account, newest first; false when they cannot be read. */
static bool add_tokens(request *r, tpl_dict *d)
{
	enum { ID, NAME, HINT, SCOPES, CREATED, EXPIRES, USED, USED_IP, REVOKED, EXPIRED, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
			  "SELECT id, name, token_hint, scopes + 0, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
			  "DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(last_used_at, '%Y-%m-%d %H:%i:%s'), "
			  "last_used_ip, revoked_at IS NOT NULL, expires_at <= UTC_TIMESTAMP() "
			  "FROM api_tokens WHERE user_id = ? AND org_id = ? ORDER BY id DESC",
			  DB_ARGS(DB_INT(r->user->id), DB_INT(r->user->org_id))) != DB_OK)
		return false;
	tpl_show_section(d, rows.nrows ? "TOKENS" : "NO_TOKENS");
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *t = tpl_add_section(d, "TOKEN");
		tpl_set(t, "ID", db_get(&rows, i, ID));
		tpl_set(t, "NAME", db_get(&rows, i, NAME));
		tpl_set(t, "HINT", db_get(&rows, i, HINT));
		tpl_set(t, "SCOPES", api_tokens_scopes_text(r->arena, (unsigned)db_get_int(&rows, i, SCOPES)));
		tpl_set(t, "CREATED", i18n_datetime(r->arena, db_get(&rows, i, CREATED), false));
		tpl_set(t, "EXPIRES", i18n_datetime(r->arena, db_get(&rows, i, EXPIRES), false));
		if (db_is_null(&rows, i, USED))
			tpl_show_section(t, "NEVER_USED");
		else {
			tpl_dict *u = tpl_add_section(t, "USED");
			tpl_set(u, "WHEN", i18n_datetime(r->arena, db_get(&rows, i, USED), false));
			tpl_set(u, "IP", db_get(&rows, i, USED_IP));
		}
		tpl_set(t, "STATE", token_state(&rows, i, REVOKED, EXPIRED));
		if (!db_get_int(&rows, i, REVOKED) && !db_get_int(&rows, i, EXPIRED))
			tpl_set(tpl_add_section(t, "REVOKE"), "CSRF_TOKEN", csrf_token(r));
		if (db_get_int(&rows, i, ID) == http_id(http_query(r, "revoked")))
			tpl_set(tpl_add_section(d, "REVOKED_NOTICE"), "NAME", db_get(&rows, i, NAME));
	}
	return true;
}

/* The form, with NAME, SCOPES and DAYS as posted (an error's field marked), or the defaults. */
static void add_form(request *r, tpl_dict *d, const char *name, unsigned scopes, int days, const outcome *error)
{
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
	tpl_set(d, "NAME", name);
	for (int s = 0; s < API_TOKEN_N_SCOPES; s++) {
		tpl_dict *b = tpl_add_section(d, "SCOPE");
		tpl_set(b, "VALUE", api_token_scopes[s].name);
		tpl_set(b, "LABEL", _(api_token_scopes[s].name));
		tpl_set(b, "EXPLANATION", _(api_token_scopes[s].explanation));
		if (scopes & api_token_scopes[s].bit)
			tpl_show_section(b, "CHECKED");
	}
	for (size_t i = 0; i < sizeof expiry_choices / sizeof expiry_choices[0]; i++) {
		tpl_dict *o = tpl_add_section(d, "EXPIRY");
		tpl_set(o, "DAYS", arena_printf(r->arena, "%d", expiry_choices[i]));
		tpl_set(o, "LABEL", arena_printf(r->arena, ngettext("%d day", "%d days", expiry_choices[i]), expiry_choices[i]));
		if (expiry_choices[i] == days)
			tpl_show_section(o, "SELECTED");
	}
	if (!error)
		return;
	const char *section = !strcmp(error->field, "name") ? "NAME_ERROR"
			      : !strcmp(error->field, "scope") ? "SCOPE_ERROR" : "EXPIRY_ERROR";
	tpl_set(tpl_add_section(d, section), "MESSAGE", error->message);
}

static void render(request *r, tpl_dict *d)
{
	if (!add_tokens(r, d)) {
		view_unavailable(r, _("Your API tokens"));
		return;
	}
	view_page(r, "api_tokens.tpl", _("API tokens"), d);
}

void api_tokens_page(request *r)
{
	tpl_dict *d = view_dict(r);
	add_form(r, d, "", api_token_scopes[0].bit, DEFAULT_EXPIRY_DAYS, NULL);
	render(r, d);
}

void api_tokens_new(request *r)
{
	const char *name = http_form(r, "name");
	unsigned scopes = posted_scopes(r);
	int days = atoi(http_form(r, "expires_days"));
	actor who = actor_of(r);
	char text[API_TOKEN_TEXT_SIZE];
	outcome o = api_tokens_create(r->arena, &who, name, scopes, days, text);
	if (o.kind == OUTCOME_INVALID) {
		tpl_dict *d = view_dict(r);
		add_form(r, d, name, scopes, days, &o);
		r->status = 400;
		render(r, d);
		return;
	}
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("Your API token could not be created right now. Nothing was saved; try again in a "
				      "minute."));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(tpl_add_section(d, "NEW_TOKEN"), "TEXT", arena_strdup(r->arena, text));
	add_form(r, d, "", api_token_scopes[0].bit, DEFAULT_EXPIRY_DAYS, NULL);
	render(r, d);
}

void api_tokens_revoke_submit(request *r)
{
	actor who = actor_of(r);
	long long id = http_id(http_form(r, "token_id"));
	outcome o = api_tokens_revoke(r->arena, &who, id);
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("The API token could not be revoked right now. It still works; try again in a "
				      "minute."));
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/account/tokens?revoked=%lld", id));
}
