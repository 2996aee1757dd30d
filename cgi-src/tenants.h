/* tenants.h: the rule for naming a new directory tenant, shared by enrollment and new customers */
#ifndef CC_TENANTS_H
#define CC_TENANTS_H

#include <stdbool.h>

#include "arena.h"

#define TENANT_SUFFIX ".onmicrosoft.com"

/* Why PREFIX cannot name a new tenant PREFIX.onmicrosoft.com (its form, or the domain is taken),
 * or NULL when it can; *FAILED is set when the database could not be asked. */
const char *tenants_prefix_problem(arena *a, const char *prefix, bool *failed);

#endif
