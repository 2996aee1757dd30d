/* page_users.c: Account settings > User management: a partner account's users and their roles */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/orgs.h"
#include "domain/tenants.h"
#include "list_query.h"
#include "rights.h"
#include "session.h"
#include "validate.h"
#include "view.h"


/* A positive decimal id from a parameter, or 0 for anything else. */
static unsigned posted_roles(request *r)
{
	unsigned bits = 0;
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (!strcmp(http_form(r, orgs_roles[i].field), "1"))
			bits |= orgs_roles[i].bit;
	return bits;
}

static const char *roles_text(request *r, unsigned bits)
{
	return orgs_roles_text(r->arena, bits);
}

static unsigned row_roles(const db_rows *rows, int row, int first_col)
{
	unsigned bits = 0;
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (db_get_int(rows, row, first_col + i))
			bits |= orgs_roles[i].bit;
	return bits;
}

#define USERS_UNAVAILABLE N_("User management is unavailable right now. Nothing was changed; try again in a minute.")

#define USERS_READ_UNAVAILABLE N_("User management is unavailable right now. Try again in a minute.")

/* ---- the page ---- */

/* The role checkboxes (users_role_boxes.tpl) of a form, those of BITS ticked. */
static void add_role_checkboxes(tpl_dict *form, unsigned bits)
{
	tpl_dict *boxes = tpl_add_include(form, "ROLE_BOXES", "users_role_boxes.tpl");
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (bits & orgs_roles[i].bit)
			tpl_show_section(boxes, orgs_roles[i].section);
}

#define MEMBERS_PAGE_SIZE 50
#define CANDIDATES_SHOWN 50
#define FIND_MAX_CHARS 100

/* The account's members by name, a page at a time: an account's members are few enough to sort once found
 * through partner_users' primary key. */
#define MEMBERS_SQL \
	"SELECT u.id, u.display_name, u.upn, pu.admin_agent, pu.sales_agent, pu.helpdesk_agent, pu.added_at " \
	"FROM partner_users pu JOIN users u ON u.id = pu.user_id WHERE pu.org_id = ?"
/* MEMBERS_SQL's columns; the ORGS_N_ROLES role flags start at MEMBER_ROLES, in the order of roles[] */
enum { MEMBER_ID, MEMBER_NAME, MEMBER_UPN, MEMBER_ROLES, MEMBER_ADDED_AT = MEMBER_ROLES + ORGS_N_ROLES, MEMBER_NCOLS };

static bool add_members(request *r, tpl_dict *d, bool can_manage)
{
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, MEMBER_NCOLS, SEEK_SQL_BY_KEY(&at, MEMBERS_SQL, "u.display_name", "u.id"),
			  DB_ARGS(DB_INT(r->user->org_id), SEEK_KEY_ARGS(&at, MEMBERS_PAGE_SIZE))) != DB_OK)
		return false;
	view_seek_page(d, &at, &rows, MEMBERS_PAGE_SIZE, MEMBER_ID, MEMBER_NAME);
	for (int i = 0; i < rows.nrows; i++) {
		unsigned bits = row_roles(&rows, i, MEMBER_ROLES);
		tpl_dict *m = tpl_add_section(d, "MEMBER");
		tpl_set(m, "USER_ID", db_get(&rows, i, MEMBER_ID));
		tpl_set(m, "NAME", db_get(&rows, i, MEMBER_NAME));
		tpl_set(m, "UPN", db_get(&rows, i, MEMBER_UPN));
		tpl_set(m, "ROLES", roles_text(r, bits));
		tpl_set(m, "ADDED_AT", i18n_datetime(r->arena, db_get(&rows, i, MEMBER_ADDED_AT), false));
		if (db_get_int(&rows, i, MEMBER_ID) == r->user->id)
			tpl_show_section(m, "YOU");
		if (can_manage) {
			tpl_dict *form = tpl_add_section(m, "ROLE_FORM");
			tpl_set(form, "CSRF_TOKEN", csrf_token(r));
			add_role_checkboxes(form, bits);
		}
	}
	return true;
}

/* The ?added= / ?updated= notices name their member, wherever the member is in the list. */
static bool add_member_notices(request *r, tpl_dict *d)
{
	long long added = http_id(http_query(r, "added")), updated = http_id(http_query(r, "updated"));
	db_rows rows;
	if (!added && !updated)
		return true;
	enum { ID, NAME, NCOLS };
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT u.id, u.display_name FROM partner_users pu JOIN users u ON u.id = pu.user_id "
		     "WHERE pu.org_id = ? AND u.id IN (?, ?)",
		     DB_ARGS(DB_INT(r->user->org_id), DB_INT(added), DB_INT(updated))) != DB_OK)
		return false;
	for (int i = 0; i < rows.nrows; i++) {
		if (db_get_int(&rows, i, ID) == added)
			tpl_set(tpl_add_section(d, "ADDED_NOTICE"), "NAME", db_get(&rows, i, NAME));
		if (db_get_int(&rows, i, ID) == updated)
			tpl_set(tpl_add_section(d, "UPDATED_NOTICE"), "NAME", db_get(&rows, i, NAME));
	}
	return true;
}

/* Directory users of the account's own tenant who are not in the account yet, matching ?find= (word
 * prefixes of the name or user name), walked by name along ix_users_tenant_name: the first
 * CANDIDATES_SHOWN, so a large directory never fills the page. */
static bool add_candidates(request *r, tpl_dict *d)
{
	const char *find = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "find")), FIND_MAX_CHARS);
	list_words words = list_search_words(r->arena, find);
	enum { ID, NAME, UPN, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT u.id, u.display_name, u.upn FROM organizations o JOIN users u ON u.tenant_id = o.tenant_id "
		     "WHERE o.id = ? AND NOT EXISTS (SELECT 1 FROM partner_users pu WHERE pu.org_id = o.id "
		     "AND pu.user_id = u.id) AND " LIST_WORDS2_SQL("u.display_name", "u.upn")
		     " ORDER BY u.display_name, u.id LIMIT ?",
		     DB_ARGS(DB_INT(r->user->org_id), LIST_WORDS2_ARGS(words), DB_INT(CANDIDATES_SHOWN + 1))) != DB_OK)
		return false;
	tpl_dict *form = tpl_add_section(d, "ADD_FORM");
	tpl_set(form, "CSRF_TOKEN", csrf_token(r));
	tpl_set(form, "FIND", find);
	if (*find)
		tpl_show_section(form, "FINDING");
	add_role_checkboxes(form, 0);
	if (rows.nrows > CANDIDATES_SHOWN) {
		rows.nrows = CANDIDATES_SHOWN;
		tpl_set_int(tpl_add_section(form, "MORE_CANDIDATES"), "SHOWN", CANDIDATES_SHOWN);
	}
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *c = tpl_add_section(form, "CANDIDATE");
		tpl_set(c, "USER_ID", db_get(&rows, i, ID));
		tpl_set(c, "NAME", db_get(&rows, i, NAME));
		tpl_set(c, "UPN", db_get(&rows, i, UPN));
	}
	if (rows.nrows)
		tpl_show_section(form, "HAS_CANDIDATES");
	else
		tpl_show_section(form, *find ? "NO_MATCHES" : "NO_CANDIDATES");
	return true;
}

/* The user list; ERROR comes back (with status 400 already set) when a change was refused. */
static void users_page(request *r, const char *error)
{
	bool can_manage = r->user->roles & ROLE_ADMIN_AGENT;
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	if (!add_members(r, d, can_manage) || !add_member_notices(r, d) || (can_manage && !add_candidates(r, d))) {
		view_error(r, 503, _(USERS_READ_UNAVAILABLE));
		return;
	}
	if (!can_manage)
		tpl_show_section(d, "READ_ONLY");
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	view_page(r, "users_list.tpl", _("User management"), d);
}

static void refuse(request *r, const char *error)
{
	r->status = 400;
	users_page(r, error);
}

void users_list(request *r)
{
	users_page(r, NULL);
}

/* ---- add a user ---- */

/* After a member change: their open sessions pick up the account and roles at once, and the list says so. */
static void member_changed(request *r, const outcome *o, const char *what)
{
	switch (o->kind) {
	case OUTCOME_OK:
		auth_user_changed(r->arena, o->id);
		http_redirect(r, arena_printf(r->arena, "/account/users?%s=%lld", what, o->id));
		return;
	case OUTCOME_INVALID:
	case OUTCOME_CONFLICT:
		refuse(r, o->message);
		return;
	default:
		view_refusal(r, o, _(USERS_UNAVAILABLE));
	}
}

void users_add(request *r)
{
	if (!*http_form(r, "user_id")) {
		refuse(r, _("Choose the user to add."));
		return;
	}
	actor who = actor_of(r);
	outcome o = orgs_add_member(r->arena, &who, http_id(http_form(r, "user_id")), posted_roles(r));
	member_changed(r, &o, "added");
}

/* ---- a user's own page: their roles, and Update ---- */

/* Member ID of the signed-in user's account, for its page; false when not a member (or a failure: *FAILED). */
typedef struct {
	long long id;
	const char *name, *upn, *added_at;
	unsigned roles;
	bool must_change_password;
} member;

static bool find_member(request *r, long long id, member *m, bool *failed)
{
	enum { ID, NAME, UPN, ROLES, ADDED_AT = ROLES + ORGS_N_ROLES, MUST_CHANGE, NCOLS };
	db_rows rows;
	*failed = db_query_cols(r->arena, &rows, NCOLS,
				"SELECT u.id, u.display_name, u.upn, pu.admin_agent, pu.sales_agent, pu.helpdesk_agent, "
				"pu.added_at, u.must_change_password FROM partner_users pu JOIN users u ON u.id = pu.user_id "
				"WHERE pu.org_id = ? AND pu.user_id = ?",
				DB_ARGS(DB_INT(r->user->org_id), DB_INT(id))) != DB_OK;
	if (*failed || rows.nrows != 1)
		return false;
	*m = (member){ db_get_int(&rows, 0, ID), db_get(&rows, 0, NAME), db_get(&rows, 0, UPN), db_get(&rows, 0, ADDED_AT),
		       row_roles(&rows, 0, ROLES), db_get_int(&rows, 0, MUST_CHANGE) };
	return true;
}

#define NO_SUCH_MEMBER N_("There is no such user in this account. Choose a user from the User management list.")

/* The page of member ID; ERROR (the status already set) when an Update was refused, with the roles POSTED. */
static void member_page(request *r, long long id, const char *error, const unsigned *posted)
{
	member m;
	bool failed;
	if (!find_member(r, id, &m, &failed)) {
		if (failed)
			view_error(r, 503, _(USERS_READ_UNAVAILABLE));
		else
			view_error(r, 404, _(NO_SUCH_MEMBER));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	tpl_set_int(d, "USER_ID", m.id);
	tpl_set(d, "NAME", m.name);
	tpl_set(d, "UPN", m.upn);
	tpl_set(d, "ADDED_AT", i18n_datetime(r->arena, m.added_at, false));
	tpl_set(d, "ROLES", roles_text(r, m.roles));
	tpl_set(d, "SIGN_IN", m.must_change_password ? _("Must change the temporary password at first sign-in") : _("Active"));
	if (m.id == r->user->id)
		tpl_show_section(d, "YOU");
	if (r->user->roles & ROLE_ADMIN_AGENT) {
		tpl_dict *form = tpl_add_section(d, "ROLE_FORM");
		tpl_set(form, "CSRF_TOKEN", csrf_token(r));
		add_role_checkboxes(form, posted ? *posted : m.roles);
	} else {
		tpl_show_section(d, "READ_ONLY");
	}
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	view_page(r, "users_view.tpl", m.name, d);
}

void users_view(request *r)
{
	member_page(r, http_id(http_query(r, "id")), NULL, NULL);
}

/* ---- change a user's roles ---- */

void users_set_roles(request *r)
{
	actor who = actor_of(r);
	long long id = http_id(http_form(r, "user_id"));
	unsigned roles = posted_roles(r);
	outcome o = orgs_set_roles(r->arena, &who, id, roles);
	/* Update on the user's own page: a refusal comes back on that page */
	if (!strcmp(http_form(r, "from"), "user") && (o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT)) {
		r->status = 400;
		member_page(r, id, o.message, &roles);
		return;
	}
	member_changed(r, &o, "updated");
}

/* ---- create a new user in the account's directory tenant ---- */

/* The new-user form, as posted (empty at first), with what is wrong with it. */
typedef struct {
	const char *name, *user_name;
	unsigned roles;
	const char *name_error, *user_name_error, *roles_error;
} new_user_form;

static void new_user_page(request *r, const new_user_form *f)
{
	long long tenant_id;
	const char *domain;
	if (orgs_account_tenant(r->arena, r->user->org_id, &tenant_id, &domain) != DB_OK || !domain) {
		view_error(r, 503, _(USERS_READ_UNAVAILABLE));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	tpl_set(d, "DOMAIN", domain);
	tpl_set(d, "NAME", f->name);
	tpl_set(d, "USER_NAME", f->user_name);
	add_role_checkboxes(d, f->roles);
	const struct { const char *section, *message; } errors[] = {
		{ "NAME_ERROR", f->name_error }, { "USER_NAME_ERROR", f->user_name_error }, { "ROLES_ERROR", f->roles_error },
	};
	for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++)
		if (errors[i].message)
			tpl_set(tpl_add_section(d, errors[i].section), "MESSAGE", errors[i].message);
	view_page(r, "users_new.tpl", _("New user"), d);
}

void users_new_form(request *r)
{
	new_user_form f = { .name = "", .user_name = "", .roles = 0 };
	new_user_page(r, &f);
}

/* The page that shows the new user's temporary password, this once. */
static void created_page(request *r, long long id, const new_user_form *f, const char *password)
{
	long long tenant_id;
	const char *domain;
	if (orgs_account_tenant(r->arena, r->user->org_id, &tenant_id, &domain) != DB_OK || !domain)
		domain = "";
	tpl_dict *d = view_dict(r);
	tpl_set(d, "ORG_NAME", r->user->org_name);
	tpl_set_int(d, "USER_ID", id);
	tpl_set(d, "NAME", f->name);
	tpl_set(d, "UPN", arena_printf(r->arena, "%s@%s", f->user_name, domain));
	tpl_set(d, "ROLES", roles_text(r, f->roles));
	tpl_set(d, "PASSWORD", password);
	view_page(r, "users_created.tpl", _("User created"), d);
}

void users_create(request *r)
{
	new_user_form f = {
		.name = validate_truncate(r->arena, validate_trim(r->arena, http_form(r, "display_name")), TENANTS_DISPLAY_NAME_MAX),
		.user_name = validate_truncate(r->arena, validate_lower(r->arena, validate_trim(r->arena, http_form(r, "user_name"))),
					       USER_NAME_MAX + 1),
		.roles = posted_roles(r),
	};
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(r);
	orgs_member_new n = { .display_name = f.name, .user_name = f.user_name, .roles = f.roles, .password = password };
	outcome o = orgs_create_member(r->arena, &who, &n);
	if (outcome_is_ok(&o)) {
		auth_user_changed(r->arena, o.id);
		created_page(r, o.id, &f, password);
	} else if ((o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT) && o.field) {
		*(!strcmp(o.field, "display_name") ? &f.name_error : !strcmp(o.field, "roles") ? &f.roles_error
		  : &f.user_name_error) = o.message;
		r->status = outcome_status(&o);
		new_user_page(r, &f);
	} else {
		view_refusal(r, &o, _(USERS_UNAVAILABLE));
	}
	sodium_memzero(password, sizeof password);
}
