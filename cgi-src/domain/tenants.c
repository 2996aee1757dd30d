/* tenants.c: directory tenants and their users (tenants.h) */
#include "domain/tenants.h"

#include <string.h>

#include "auth.h"
#include "i18n.h"
#include "db.h"
#include "session.h"
#include "validate.h"

const char *tenants_prefix_problem(arena *a, const char *prefix, bool *failed)
{
	size_t len = strlen(prefix);
	db_rows rows;
	*failed = false;
	if (len < 3 || len > 27 || strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789") != len)
		return _("Enter a domain prefix of 3 to 27 lowercase letters and digits, such as contoso.");
	const char *domain = arena_printf(a, "%s" TENANT_SUFFIX, prefix);
	*failed = db_query(a, &rows, "SELECT 1 FROM tenants WHERE domain = ?", DB_ARGS(DB_STR(domain))) != DB_OK;
	if (!*failed && rows.nrows)
		return arena_printf(a, _("The domain %s is already taken. Choose another prefix."), domain);
	return NULL;
}

const char *tenants_user_name_problem(const char *name)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t len = strlen(name);
	if (len < 1 || len > USER_NAME_MAX || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") != len ||
	    !strchr(alnum, name[0]) || !strchr(alnum, name[len - 1]) || strstr(name, ".."))
		return _("Enter a user name of up to 64 lowercase letters, digits, dots, hyphens and underscores, "
			 "starting and ending with a letter or a digit, such as jane.doe.");
	return NULL;
}

int tenants_create(const tenants_new *t, long long *tenant_id, long long *admin_id)
{
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO tenants (domain, display_name, country) VALUES (?, ?, ?)",
			 DB_ARGS(DB_STR(t->domain), DB_STR(t->display_name), DB_STR(t->country)), NULL, &id);
	if (rc != DB_OK)
		return rc;
	*tenant_id = (long long)id;
	rc = db_exec("INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role, must_change_password) "
		     "VALUES (?, ?, ?, ?, 'global_admin', ?)",
		     DB_ARGS(DB_INT(*tenant_id), DB_STR(t->admin_upn), DB_STR(t->admin_name), DB_STR(t->admin_hash),
			     DB_INT(t->temporary)), NULL, &id);
	if (rc != DB_OK)
		return rc;
	*admin_id = (long long)id;
	return t->temporary ? auth_set_temporary_password(*admin_id, t->admin_hash) : DB_OK;
}

int tenants_insert_temporary_user(long long tenant_id, const char *upn, const char *display_name, const char *hash,
				  long long *id)
{
	unsigned long long new_id = 0;
	int rc = db_exec("INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role, must_change_password) "
			 "VALUES (?, ?, ?, ?, 'user', 1)",
			 DB_ARGS(DB_INT(tenant_id), DB_STR(upn), DB_STR(display_name), DB_STR(hash)), NULL, &new_id);
	if (rc != DB_OK)
		return rc;
	*id = (long long)new_id;
	return auth_set_temporary_password(*id, hash);
}

void tenants_new_user_problems(arena *a, const char *name, const char *user_name, const char **name_error,
			       const char **user_name_error)
{
	static const field_rule name_rule = { N_("Display name"), TENANTS_DISPLAY_NAME_MAX, true, FORMAT_TEXT };
	*name_error = validate_field(a, &name_rule, name);
	*user_name_error = tenants_user_name_problem(user_name);
}

outcome tenants_customer_user(arena *a, const actor *who, long long customer, long long user, rights_customer *c,
			      rights_tenant_user *u)
{
	outcome o = outcome_of_rights(rights_for_customer(a, who->user, customer, c), RIGHTS_CUSTOMER);
	if (!outcome_is_ok(&o))
		return o;
	rights_rc rc = rights_for_customer_user(a, c->tenant_id, user, u);
	if (rc == RIGHTS_NONE)
		return outcome_refused(OUTCOME_NOT_FOUND, 0,
				       arena_printf(a, _("There is no such user in the directory of %s."), c->name));
	return rc == RIGHTS_OK ? outcome_ok(u->id) : outcome_failed(DB_ERROR);
}

/* What USER_ID's password is, for the audit values: "temporary" or "chosen"; the row locked; NULL on a failure. */
static const char *password_kind(arena *a, long long user_id)
{
	db_rows r;
	if (db_query(a, &r, "SELECT must_change_password FROM users WHERE id = ? FOR UPDATE", DB_ARGS(DB_INT(user_id))) != DB_OK ||
	    r.nrows != 1)
		return NULL;
	return db_get_int(&r, 0, 0) ? "temporary" : "chosen";
}

/* A change to a customer's user (adding, resetting, removing) and what it found. */
typedef struct {
	arena *a;
	const actor *who;
	long long customer, user_id;
	const tenants_customer_user_new *n;
	char hash[128];
	rights_customer cust;  /* found by the change */
	rights_tenant_user u;
	db_rows ended;  /* the sessions deleted: their cache entries go after the commit */
} customer_user_change;

/* The customer and user C names, as WHO may see them (C->CUST, C->U). */
static outcome found_customer_user(customer_user_change *c)
{
	return tenants_customer_user(c->a, c->who, c->customer, c->user_id, &c->cust, &c->u);
}

/* The audit row of a change of the customer's user C->USER_ID, and the outcome: DB_* code RC of its writes. */
static outcome customer_user_audited(customer_user_change *c, audit_entry e)
{
	e.object_type = "user";
	e.object_id = c->user_id;
	e.party_org_id = c->cust.id;
	int rc = domain_audit(c->who, e);
	return rc == DB_OK ? outcome_ok(c->user_id) : outcome_failed(rc);
}

static outcome add_customer_user(void *ctx)
{
	customer_user_change *c = ctx;
	const tenants_customer_user_new *n = c->n;
	outcome o = outcome_of_rights(rights_for_customer(c->a, c->who->user, n->customer, &c->cust), RIGHTS_CUSTOMER);
	if (!outcome_is_ok(&o))
		return o;
	const char *name_error, *user_name_error;
	tenants_new_user_problems(c->a, n->display_name, n->user_name, &name_error, &user_name_error);
	if (name_error || user_name_error)
		return name_error ? outcome_invalid("display_name", name_error) : outcome_invalid("user_name", user_name_error);
	const char *upn = arena_printf(c->a, "%s@%s", n->user_name, c->cust.domain);
	const char *role = n->global_admin ? "global_admin" : "user";
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role, must_change_password) "
			 "VALUES (?, ?, ?, ?, ?, 1)",
			 DB_ARGS(DB_INT(c->cust.tenant_id), DB_STR(upn), DB_STR(n->display_name), DB_STR(c->hash), DB_STR(role)),
			 NULL, &id);
	if (rc == DB_DUPLICATE) {
		o = outcome_refused(OUTCOME_CONFLICT, TENANTS_USER_TAKEN,
				    arena_printf(c->a, _("The user name %s is already taken. Choose another."), upn));
		o.field = "user_name";
		return o;
	}
	c->user_id = (long long)id;
	if (rc != DB_OK || (rc = auth_set_temporary_password(c->user_id, c->hash)) != DB_OK)
		return outcome_failed(rc);
	const char *held;
	o = licenses_assign(c->a, c->cust.id, c->user_id, c->who->user->id, &n->licenses, NULL, &held);
	if (!outcome_is_ok(&o))
		return o;
	return customer_user_audited(c, (audit_entry){
		.action = "customer.user_added",
		.detail = arena_printf(c->a, "%s added user %s (%lld%s) to customer %lld %s", c->who->user->org_name, upn,
				       c->user_id, n->global_admin ? ", global admin" : "", c->cust.id, c->cust.name),
		.after_json = domain_json(c->a, "upn", upn, "display_name", n->display_name, "directory_role", role,
					  "licenses", held, NULL) });
}

/* Run CHANGE for C with the hash of PASSWORD (NULL: none); the ended sessions' cache entries go once it committed. */
static outcome customer_user_tx(outcome (*change)(void *), customer_user_change *c, const char *password)
{
	if (password && auth_hash_password(password, c->hash) != 0)
		return outcome_failed(DB_ERROR);
	outcome o = domain_tx(change, c);
	if (outcome_is_ok(&o))
		sess_evict(&c->ended);  /* signed out everywhere: the old password opens nothing */
	return o;
}

outcome tenants_add_customer_user(arena *a, const actor *who, const tenants_customer_user_new *n)
{
	customer_user_change c = { .a = a, .who = who, .customer = n->customer, .n = n };
	return customer_user_tx(add_customer_user, &c, n->password);
}

static outcome reset_customer_password(void *ctx)
{
	customer_user_change *c = ctx;
	outcome o = found_customer_user(c);
	if (!outcome_is_ok(&o))
		return o;
	if (c->u.partner_member)
		return outcome_refused(OUTCOME_CONFLICT, TENANTS_PARTNER_MEMBER,
				       arena_printf(c->a, "%s also works in a partner account of the program, so only they "
						    "can change their password.", c->u.name));
	const char *before = password_kind(c->a, c->u.id);
	int rc = before ? auth_set_temporary_password(c->u.id, c->hash) : DB_ERROR;
	if (rc == DB_OK)
		rc = sess_delete_user_sessions(c->a, c->u.id, &c->ended);
	if (rc != DB_OK)
		return outcome_failed(rc);
	return customer_user_audited(c, (audit_entry){
		.action = "customer.user_password_reset",
		.detail = arena_printf(c->a, "%s reset the password of %s (%lld) of customer %lld %s",
				       c->who->user->org_name, c->u.upn, c->u.id, c->cust.id, c->cust.name),
		.before_json = domain_json(c->a, "password", before, NULL),
		.after_json = domain_json(c->a, "password", "temporary", "sessions_ended",
					  arena_printf(c->a, "%d", c->ended.nrows), NULL) });
}

outcome tenants_reset_customer_password(arena *a, const actor *who, long long customer, long long user,
					const char *password)
{
	customer_user_change c = { .a = a, .who = who, .customer = customer, .user_id = user };
	return customer_user_tx(reset_customer_password, &c, password);
}

static outcome remove_customer_user(void *ctx)
{
	customer_user_change *c = ctx;
	outcome o = found_customer_user(c);
	if (!outcome_is_ok(&o))
		return o;
	enum { ROLE, PARTNER_MEMBER, NCOLS };
	db_rows rows;
	int rc = db_query_cols(c->a, &rows, NCOLS,
			  "SELECT directory_role, EXISTS (SELECT 1 FROM partner_users pu WHERE pu.user_id = u.id) "
			  "FROM users u WHERE u.id = ? AND u.tenant_id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(c->u.id), DB_INT(c->cust.tenant_id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)  /* removed since the rights check */
		return outcome_refused(OUTCOME_NOT_FOUND, 0,
				       arena_printf(c->a, _("There is no such user in the directory of %s."), c->cust.name));
	if (db_get_int(&rows, 0, PARTNER_MEMBER))
		return outcome_refused(OUTCOME_CONFLICT, TENANTS_PARTNER_MEMBER,
				       _("This user also works in a partner account of the program. They stay in the "
					 "directory while that account needs them."));
	const char *role = db_get(&rows, 0, ROLE);
	if (!strcmp(role, "global_admin")) {
		rc = db_query(c->a, &rows, "SELECT COUNT(*) FROM users WHERE tenant_id = ? AND directory_role = 'global_admin' "
				  "FOR UPDATE", DB_ARGS(DB_INT(c->cust.tenant_id)));
		if (rc != DB_OK)
			return outcome_failed(rc);
		if (db_get_int(&rows, 0, 0) <= 1)
			return outcome_refused(OUTCOME_CONFLICT, TENANTS_LAST_ADMIN,
					       _("This is the customer's only global admin. Add another global admin "
						 "before removing this one."));
	}
	if ((rc = sess_delete_user_sessions(c->a, c->u.id, &c->ended)) != DB_OK ||
	    (rc = db_exec("DELETE FROM users WHERE id = ?", DB_ARGS(DB_INT(c->u.id)), NULL, NULL)) != DB_OK)
		return outcome_failed(rc);
	return customer_user_audited(c, (audit_entry){
		.action = "customer.user_removed",
		.detail = arena_printf(c->a, "%s removed user %s (%lld) from customer %lld %s", c->who->user->org_name,
				       c->u.upn, c->u.id, c->cust.id, c->cust.name),
		.before_json = domain_json(c->a, "upn", c->u.upn, "display_name", c->u.name, "directory_role", role, NULL) });
}

outcome tenants_remove_customer_user(arena *a, const actor *who, long long customer, long long user)
{
	customer_user_change c = { .a = a, .who = who, .customer = customer, .user_id = user };
	return customer_user_tx(remove_customer_user, &c, NULL);
}

/* The first reason NEXT cannot become WHO's password instead of CURRENT, or NULL. */
static const char *new_password_problem(arena *a, const user *who, const char *current, const char *next,
					const char *confirm)
{
	const char *const about_them[] = { who->display_name, who->upn, who->org_name, NULL };
	if (!strcmp(next, current))
		return _("Your new password must differ from the current one.");
	const char *weak = auth_password_problem(a, next, about_them);
	if (weak)
		return weak;
	if (strcmp(next, confirm))
		return _("The two new passwords do not match.");
	return NULL;
}

typedef struct {
	arena *a;
	const actor *who;
	const session *keep;
	char hash[128];
	db_rows ended;  /* the other sessions, deleted: their cache entries go after the commit */
} password_change;

/* The new password and the end of every other session of the user, at once: a thief signed in with the old
 * password is signed out the moment it stops working. */
static outcome change_password(void *ctx)
{
	password_change *c = ctx;
	const user *u = c->who->user;
	const char *before = password_kind(c->a, u->id);
	int rc = before ? db_exec("UPDATE users SET password_hash = ?, must_change_password = 0, "
				  "temporary_password_expires_at = NULL WHERE id = ?",
				  DB_ARGS(DB_STR(c->hash), DB_INT(u->id)), NULL, NULL) : DB_ERROR;
	if (rc == DB_OK)
		rc = sess_delete_other_sessions(c->a, c->keep, &c->ended);
	if (rc == DB_OK)
		rc = domain_audit(c->who, (audit_entry){
			.action = "password.changed", .object_type = "user", .object_id = u->id,
			.detail = arena_printf(c->a, "%s; %d other session(s) ended", u->upn, c->ended.nrows),
			.before_json = domain_json(c->a, "password", before, NULL),
			.after_json = domain_json(c->a, "password", "chosen", "other_sessions_ended",
						  arena_printf(c->a, "%d", c->ended.nrows), NULL) });
	return rc == DB_OK ? outcome_ok(u->id) : outcome_failed(rc);
}

outcome tenants_change_password(arena *a, const actor *who, const session *keep, const char *current,
				const char *next, const char *confirm)
{
	const char *problem = new_password_problem(a, who->user, current, next, confirm);
	if (problem)
		return outcome_invalid("new_password", problem);
	password_change c = { .a = a, .who = who, .keep = keep };
	if (auth_hash_password(next, c.hash) != 0)
		return outcome_failed(DB_ERROR);
	outcome o = domain_tx(change_password, &c);
	if (outcome_is_ok(&o)) {
		sess_evict(&c.ended);
		auth_user_changed(a, who->user->id);
	}
	return o;
}

typedef struct {
	arena *a;
	const actor *who;
	const char *code;  /* NULL: back to the browser's choice */
} language_change;

static outcome set_language(void *ctx)
{
	language_change *c = ctx;
	const user *u = c->who->user;
	int rc = db_exec("UPDATE users SET language = ? WHERE id = ?",
			 DB_ARGS(c->code ? DB_STR(c->code) : DB_NULL, DB_INT(u->id)), NULL, NULL);
	if (rc == DB_OK)
		rc = domain_audit(c->who, (audit_entry){
			.action = "user.language_changed", .object_type = "user", .object_id = u->id,
			.detail = arena_printf(c->a, "%s: %s", u->upn, c->code ? c->code : "the browser's language"),
			.before_json = domain_json(c->a, "language", *u->language ? u->language : NULL, NULL),
			.after_json = domain_json(c->a, "language", c->code, NULL) });
	return rc == DB_OK ? outcome_ok(u->id) : outcome_failed(rc);
}

outcome tenants_set_language(arena *a, const actor *who, const char *code)
{
	lang l;
	if (code && *code && !i18n_parse(code, &l))
		return outcome_invalid("lang", _("Choose one of the languages listed."));
	language_change c = { .a = a, .who = who, .code = code && *code ? i18n_code(l) : NULL };
	outcome o = domain_tx(set_language, &c);
	if (outcome_is_ok(&o))
		auth_user_changed(a, who->user->id);
	return o;
}

/* ---- a directory's users, a page at a time ---- */

/* The users matching the search, walked in name order along ix_users_tenant_name. */
#define USERS_MATCH_SQL "FROM users u WHERE u.tenant_id = ? AND " LIST_WORDS2_SQL("u.display_name", "u.upn")
#define USERS_PAGE_SQL \
	"SELECT u.id, u.display_name, u.upn, u.directory_role = 'global_admin', u.must_change_password, " \
	"(SELECT GROUP_CONCAT(f.name ORDER BY f.name SEPARATOR ', ') FROM license_assignments la " \
	" JOIN subscriptions s ON s.id = la.subscription_id JOIN offers f ON f.id = s.offer_id " \
	" WHERE la.user_id = u.id) " USERS_MATCH_SQL

int tenants_user_page(arena *a, long long tenant_id, const list_words *words, const seek *at, int page, db_rows *out,
		      long long *total)
{
	db_rows count;
	int rc = total ? db_query(a, &count, LIST_COUNT_SQL("SELECT 1 " USERS_MATCH_SQL),
				  DB_ARGS(DB_INT(tenant_id), LIST_WORDS2_ARGS(*words), LIST_COUNT_LIMIT)) : DB_OK;
	if (rc != DB_OK)
		return rc;
	if (total)
		*total = db_get_int(&count, 0, 0);
	return db_query_cols(a, out, TENANTS_USER_NCOLS, SEEK_SQL_BY_KEY(at, USERS_PAGE_SQL, "u.display_name", "u.id"),
			     DB_ARGS(DB_INT(tenant_id), LIST_WORDS2_ARGS(*words), SEEK_KEY_ARGS(at, page)));
}
