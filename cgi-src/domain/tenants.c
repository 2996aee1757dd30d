/* tenants.c: directory tenants and their users (tenants.h) */
#include "domain/tenants.h"

#include <string.h>

#include "auth.h"
#include "db.h"

const char *tenants_prefix_problem(arena *a, const char *prefix, bool *failed)
{
	size_t len = strlen(prefix);
	db_rows rows;
	*failed = false;
	if (len < 3 || len > 27 || strspn(prefix, "abcdefghijklmnopqrstuvwxyz0123456789") != len)
		return "Enter a domain prefix of 3 to 27 lowercase letters and digits, such as contoso.";
	const char *domain = arena_printf(a, "%s" TENANT_SUFFIX, prefix);
	*failed = db_query(a, &rows, "SELECT 1 FROM tenants WHERE domain = ?", DB_ARGS(DB_STR(domain))) != DB_OK;
	if (!*failed && rows.nrows)
		return arena_printf(a, "The domain %s is already taken. Choose another prefix.", domain);
	return NULL;
}

const char *tenants_user_name_problem(const char *name)
{
	static const char alnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t len = strlen(name);
	if (len < 1 || len > USER_NAME_MAX || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") != len ||
	    !strchr(alnum, name[0]) || !strchr(alnum, name[len - 1]) || strstr(name, ".."))
		return "Enter a user name of up to 64 lowercase letters, digits, dots, hyphens and underscores, "
		       "starting and ending with a letter or a digit, such as jane.doe.";
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
