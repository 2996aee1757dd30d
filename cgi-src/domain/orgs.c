/* orgs.c: a partner account's members and their roles, and switching accounts (orgs.h) */
#include "domain/orgs.h"

#include <string.h>

#include "auth.h"
#include "db.h"
#include "domain/tenants.h"
#include "i18n.h"
#include "session.h"

const orgs_role orgs_roles[ORGS_N_ROLES] = {
	{ ROLE_ADMIN_AGENT, "admin_agent", N_("Admin agent"), "ADMIN_AGENT" },
	{ ROLE_SALES_AGENT, "sales_agent", N_("Sales agent"), "SALES_AGENT" },
	{ ROLE_HELPDESK_AGENT, "helpdesk_agent", N_("Helpdesk agent"), "HELPDESK_AGENT" },
};

/* The roles' labels, in the request's language for a page or in English for the audit trail's detail. */
static const char *roles_text(arena *a, unsigned roles, bool translated)
{
	const char *text = "";
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (roles & orgs_roles[i].bit)
			text = arena_printf(a, "%s%s%s", text, *text ? ", " : "",
					    translated ? _(orgs_roles[i].label) : orgs_roles[i].label);
	return *text ? text : translated ? _("No role") : "No role";
}

const char *orgs_roles_text(arena *a, unsigned roles)
{
	return roles_text(a, roles, true);
}

const char *orgs_kind_label(const char *kind)
{
	static const char *const labels[][2] = {
		/* TRANSLATORS: the kind of partner account, in the header after the account's name */
		{ "provider", N_("indirect provider") }, { "reseller", N_("indirect reseller") },
		{ "customer", N_("customer") }, { "vendor", N_("vendor administration") },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (!strcmp(kind, labels[i][0]))
			return _(labels[i][1]);
	return "";
}

/* The audit values of a member's roles */
static const char *roles_json(arena *a, unsigned roles)
{
	return domain_json(a, "roles", orgs_roles_text(a, roles), NULL);
}

/* Inside the caller's transaction: USER_ID joins account ORG with ROLES, added by ADDED_BY. */
static int insert_member(long long org, long long user_id, unsigned roles, long long added_by)
{
	return db_exec("INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, "
		       "added_at, added_by) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), ?)",
		       DB_ARGS(DB_INT(org), DB_INT(user_id), DB_INT(!!(roles & ROLE_ADMIN_AGENT)),
			       DB_INT(!!(roles & ROLE_SALES_AGENT)), DB_INT(!!(roles & ROLE_HELPDESK_AGENT)),
			       DB_INT(added_by)), NULL, NULL);
}

typedef struct {
	arena *a;
	const actor *who;
	long long user_id;
	unsigned roles;
} member_change;

static outcome add_member(void *ctx)
{
	member_change *c = ctx;
	const user *u = c->who->user;
	const char *upn;
	/* only a directory user of the account's own tenant can join it */
	outcome o = outcome_of_rights(rights_for_directory_user(c->a, u, c->user_id, &upn), RIGHTS_DIRECTORY_USER);
	if (!outcome_is_ok(&o))
		return o;
	if (!c->roles)
		return outcome_refused(OUTCOME_INVALID, ORGS_NO_ROLE, _("Choose at least one role for the new user."));
	int rc = insert_member(u->org_id, c->user_id, c->roles, u->id);
	if (rc == DB_DUPLICATE)  /* the primary key (account, user): already a member */
		return outcome_refused(OUTCOME_CONFLICT, ORGS_ALREADY_MEMBER,
				       arena_printf(c->a, _("%s is already a user of this account. Change their roles in "
						      "the list instead."), upn));
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "partner_user.added", .object_type = "user", .object_id = c->user_id,
		.detail = arena_printf(c->a, "%s to %s as %s", upn, u->org_name, roles_text(c->a, c->roles, false)),
		.after_json = roles_json(c->a, c->roles) });
	return rc == DB_OK ? outcome_ok(c->user_id) : outcome_failed(rc);
}

outcome orgs_add_member(arena *a, const actor *who, long long user_id, unsigned roles)
{
	member_change c = { a, who, user_id, roles };
	return domain_tx(add_member, &c);
}

int orgs_account_tenant(arena *a, long long org, long long *tenant_id, const char **domain)
{
	db_rows rows;
	int rc = db_query(a, &rows, "SELECT o.tenant_id, t.domain FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
			  "WHERE o.id = ?", DB_ARGS(DB_INT(org)));
	if (rc != DB_OK)
		return rc;
	*domain = NULL;
	if (rows.nrows != 1)
		return DB_OK;
	*tenant_id = db_get_int(&rows, 0, 0);
	*domain = db_get(&rows, 0, 1);
	return DB_OK;
}

typedef struct {
	arena *a;
	const actor *who;
	const orgs_member_new *n;
	char hash[128];
} member_creation;

/* Why N cannot be created, as the outcome to return, or OUTCOME_OK. */
static outcome new_member_problem(arena *a, const orgs_member_new *n)
{
	const char *name_error, *user_name_error;
	tenants_new_user_problems(a, n->display_name, n->user_name, &name_error, &user_name_error);
	if (name_error)
		return outcome_invalid("display_name", name_error);
	if (user_name_error)
		return outcome_invalid("user_name", user_name_error);
	if (!n->roles)
		return outcome_invalid("roles", _("Choose at least one role for the new user."));
	return outcome_ok(0);
}

static outcome create_member(void *ctx)
{
	member_creation *c = ctx;
	const user *u = c->who->user;
	if (!rights_acts_as(u, "provider", ROLE_ADMIN_AGENT) && !rights_acts_as(u, "reseller", ROLE_ADMIN_AGENT))
		return outcome_refused(OUTCOME_FORBIDDEN, ORGS_NOT_ADMIN,
				       _("Only admin agents of a partner account can create its users. Ask an admin agent "
					 "of your account."));
	outcome o = new_member_problem(c->a, c->n);
	if (!outcome_is_ok(&o))
		return o;
	long long tenant_id = 0, user_id = 0;
	const char *domain;
	int rc = orgs_account_tenant(c->a, u->org_id, &tenant_id, &domain);
	if (rc != DB_OK || !domain)  /* the signed-in account is there: a missing one is a failure */
		return outcome_failed(rc != DB_OK ? rc : DB_ERROR);
	const char *upn = arena_printf(c->a, "%s@%s", c->n->user_name, domain);
	rc = tenants_insert_temporary_user(tenant_id, upn, c->n->display_name, c->hash, &user_id);
	if (rc == DB_DUPLICATE) {
		o = outcome_refused(OUTCOME_CONFLICT, ORGS_USER_TAKEN,
				    arena_printf(c->a, _("The user name %s is already taken. Choose another."), upn));
		o.field = "user_name";
		return o;
	}
	if (rc != DB_OK || (rc = insert_member(u->org_id, user_id, c->n->roles, u->id)) != DB_OK)
		return outcome_failed(rc);
	const char *roles = roles_text(c->a, c->n->roles, false);
	rc = domain_audit(c->who, (audit_entry){
		.action = "partner_user.created", .object_type = "user", .object_id = user_id, .party_org_id = u->org_id,
		.detail = arena_printf(c->a, "%s created in %s and added as %s", upn, u->org_name, roles),
		.after_json = domain_json(c->a, "upn", upn, "display_name", c->n->display_name, "roles", roles,
					  "password", "temporary", NULL) });
	return rc == DB_OK ? outcome_ok(user_id) : outcome_failed(rc);
}

outcome orgs_create_member(arena *a, const actor *who, const orgs_member_new *n)
{
	member_creation c = { .a = a, .who = who, .n = n };
	if (auth_hash_password(n->password, c.hash) != 0)
		return outcome_failed(DB_ERROR);
	return domain_tx(create_member, &c);
}

static unsigned row_roles(const db_rows *rows, int row, int first_col)
{
	unsigned roles = 0;
	for (int i = 0; i < ORGS_N_ROLES; i++)
		if (db_get_int(rows, row, first_col + i))
			roles |= orgs_roles[i].bit;
	return roles;
}

static outcome set_roles(void *ctx)
{
	member_change *c = ctx;
	const user *u = c->who->user;
	if (!c->roles)
		return outcome_refused(OUTCOME_INVALID, ORGS_NO_ROLE,
				       _("Choose at least one role. Every user of the account needs a role."));
	enum { USER, UPN, ROLES, NCOLS = ROLES + ORGS_N_ROLES };
	db_rows members;
	/* locking the account's rows serializes two admins demoting each other at once */
	int rc = db_query_cols(c->a, &members, NCOLS,
		"SELECT pu.user_id, u.upn, pu.admin_agent, pu.sales_agent, pu.helpdesk_agent "
		"FROM partner_users pu JOIN users u ON u.id = pu.user_id "
		"WHERE pu.org_id = ? ORDER BY pu.user_id FOR UPDATE", DB_ARGS(DB_INT(u->org_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	int other_admins = 0;
	const char *upn = NULL;
	unsigned before = 0;
	for (int i = 0; i < members.nrows; i++) {
		unsigned roles = row_roles(&members, i, ROLES);
		if (db_get_int(&members, i, USER) == c->user_id) {
			upn = db_get(&members, i, UPN);
			before = roles;
		} else if (roles & ROLE_ADMIN_AGENT) {
			other_admins++;
		}
	}
	if (!upn)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _("There is no such user in this account."));
	if (!(c->roles & ROLE_ADMIN_AGENT) && other_admins == 0)
		return outcome_refused(OUTCOME_CONFLICT, ORGS_LAST_ADMIN,
				       _("The account needs at least one admin agent. Give another user the Admin agent "
					 "role before removing it here."));
	rc = db_exec("UPDATE partner_users SET admin_agent = ?, sales_agent = ?, helpdesk_agent = ? "
		     "WHERE org_id = ? AND user_id = ?",
		     DB_ARGS(DB_INT(!!(c->roles & ROLE_ADMIN_AGENT)), DB_INT(!!(c->roles & ROLE_SALES_AGENT)),
			     DB_INT(!!(c->roles & ROLE_HELPDESK_AGENT)), DB_INT(u->org_id), DB_INT(c->user_id)),
		     NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	rc = domain_audit(c->who, (audit_entry){
		.action = "partner_user.roles", .object_type = "user", .object_id = c->user_id,
		.detail = arena_printf(c->a, "%s in %s: %s", upn, u->org_name, roles_text(c->a, c->roles, false)),
		.before_json = roles_json(c->a, before), .after_json = roles_json(c->a, c->roles) });
	return rc == DB_OK ? outcome_ok(c->user_id) : outcome_failed(rc);
}

outcome orgs_set_roles(arena *a, const actor *who, long long user_id, unsigned roles)
{
	member_change c = { a, who, user_id, roles };
	return domain_tx(set_roles, &c);
}

typedef struct {
	arena *a;
	const actor *who;
	session *s;
	long long org;
} account_switch;

static outcome switch_account(void *ctx)
{
	account_switch *c = ctx;
	const user *u = c->who->user;
	const char *name;
	outcome o = outcome_of_rights(rights_for_account(c->a, u, c->org, &name), RIGHTS_ACCOUNT);
	if (!outcome_is_ok(&o))
		return o;
	if (!sess_set_account(c->s, c->org))
		return outcome_failed(DB_ERROR);
	int rc = domain_audit(c->who, (audit_entry){
		.action = "account.switched", .object_type = "organization", .object_id = c->org, .party_org_id = c->org,
		.detail = arena_printf(c->a, "%s now acts for %s (%lld)", u->upn, name, c->org),
		.before_json = domain_json(c->a, "account", u->org_name, NULL),
		.after_json = domain_json(c->a, "account", name, NULL) });
	return rc == DB_OK ? outcome_ok(c->org) : outcome_failed(rc);
}

outcome orgs_switch_account(arena *a, const actor *who, session *s, long long org)
{
	account_switch c = { a, who, s, org };
	return domain_tx(switch_account, &c);
}
