/* tenants.c: checking a new directory tenant's domain prefix */
#include "tenants.h"

#include <string.h>

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
