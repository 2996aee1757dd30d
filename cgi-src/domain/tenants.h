/* tenants.h: directory tenants and their users: the rules for naming a new tenant (shared by enrollment and
 * new customers) and a new user in a tenant, and creating a tenant with its first global admin */
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

/* A new tenant and its first user, a global admin. */
typedef struct {
	const char *domain, *display_name, *country;
	const char *admin_upn, *admin_name, *admin_hash;  /* hash: auth_hash_password's */
	bool temporary;  /* the admin's password is temporary: changed at first sign-in, expiring */
} tenants_new;

/* Create tenant T with its global admin, inside the caller's transaction (enrolling, a new customer), whose
 * audit row records it: DB_DUPLICATE when the domain or the user name is taken. *TENANT_ID and *ADMIN_ID
 * are the new rows'. */
int tenants_create(const tenants_new *t, long long *tenant_id, long long *admin_id);

#endif
