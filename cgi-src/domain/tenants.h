/* tenants.h: the rules for naming a new directory tenant (shared by enrollment and new customers)
 * and a new user in a tenant */
#ifndef CC_TENANTS_H
#define CC_TENANTS_H

#include <stdbool.h>

#include "arena.h"

#define TENANT_SUFFIX ".onmicrosoft.com"

/* Why PREFIX cannot name a new tenant PREFIX.onmicrosoft.com (its form, or the domain is taken),
 * or NULL when it can; *FAILED is set when the database could not be asked. */
const char *tenants_prefix_problem(arena *a, const char *prefix, bool *failed);

#define USER_NAME_MAX 64

/* Why NAME cannot be the part before the @ of a new user name, or NULL when it can: 1 to 64 lowercase
 * letters, digits, dots, hyphens and underscores, starting and ending with a letter or a digit. */
const char *tenants_user_name_problem(const char *name);

#endif
