/* page_users.c: Account settings > User management: a partner account's users and their roles */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "domain/orgs.h"
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

#define USERS_UNAVAILABLE "User management is unavailable right now. Nothing was changed; try again in a minute."

#define USERS_READ_UNAVAILABLE "User management is unavailable right now. Try again in a minute."

/* ---- the page ---- */

static void add_role_checkboxes(tpl_dict *form, unsigned bits)
{
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (bits & orgs_roles[i].bit)
			tpl_show_section(form, orgs_roles[i].section);
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
		tpl_set(m, "ADDED_AT", db_get(&rows, i, MEMBER_ADDED_AT));
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
		view_error(r, 503, USERS_READ_UNAVAILABLE);
		return;
	}
	if (!can_manage)
		tpl_show_section(d, "READ_ONLY");
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	view_page(r, "users_list.tpl", "User management", d);
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
		view_refusal(r, o, USERS_UNAVAILABLE);
	}
}

void users_add(request *r)
{
	if (!*http_form(r, "user_id")) {
		refuse(r, "Choose the user to add.");
		return;
	}
	actor who = actor_of(r);
	outcome o = orgs_add_member(r->arena, &who, http_id(http_form(r, "user_id")), posted_roles(r));
	member_changed(r, &o, "added");
}

/* ---- change a user's roles ---- */

void users_set_roles(request *r)
{
	actor who = actor_of(r);
	outcome o = orgs_set_roles(r->arena, &who, http_id(http_form(r, "user_id")), posted_roles(r));
	member_changed(r, &o, "updated");
}
