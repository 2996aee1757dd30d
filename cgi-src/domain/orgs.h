/* orgs.h: a partner organization's account: its users (members) and their roles, and which account a
 * member of several acts for */
#ifndef CC_ORGS_H
#define CC_ORGS_H

#include "domain/domain.h"

/* The roles of a member of a partner account, in the order the pages show them. */
typedef struct {
	unsigned bit;         /* ROLE_* (auth.h) */
	const char *field;    /* the form field and the partner_users column */
	const char *label;
	const char *section;  /* the template section that ticks its box */
} orgs_role;

#define ORGS_N_ROLES 3
extern const orgs_role orgs_roles[ORGS_N_ROLES];

/* "Admin agent, Sales agent", or "No role" */
const char *orgs_roles_text(arena *a, unsigned roles);

/* What an organization of KIND is, as the header and Switch account name it: "indirect provider",
 * "indirect reseller", "customer", "vendor administration" (as the home page says); "" for anything else. */
const char *orgs_kind_label(const char *kind);

/* Refusals' codes (outcome.code) */
enum { ORGS_NO_ROLE = 1, ORGS_ALREADY_MEMBER, ORGS_LAST_ADMIN, ORGS_NOT_ADMIN, ORGS_USER_TAKEN };

/* The directory tenant of partner account ORG: *TENANT_ID and *DOMAIN (the part after the @ of its user names).
 * Reads only: DB_OK (*DOMAIN NULL: no such account) or a failure. */
int orgs_account_tenant(arena *a, long long org, long long *tenant_id, const char **domain);

/* A new user of the account's own directory tenant, made a member at once. */
typedef struct {
	const char *display_name, *user_name;  /* user_name: the part before the @ of the tenant's domain */
	unsigned roles;                        /* ROLE_*, at least one */
	const char *password;                  /* the temporary password shown once (auth_temporary_password) */
} orgs_member_new;

/* WHO (an admin agent of a provider or reseller account) creates user N in the account's directory tenant,
 * whose temporary password must be changed at first sign-in, and adds them to the account with N's roles, in one
 * transaction. The id of the outcome is the new user's. OUTCOME_FORBIDDEN ORGS_NOT_ADMIN for anyone else;
 * OUTCOME_INVALID for a bad name (field display_name or user_name) or no role (field roles); OUTCOME_CONFLICT
 * ORGS_USER_TAKEN (field user_name) when the user name is taken. */
outcome orgs_create_member(arena *a, const actor *who, const orgs_member_new *n);

/* WHO's account gains directory user USER_ID (of the account's own tenant) with ROLES (at least one).
 * OUTCOME_NOT_FOUND for a user outside the tenant; OUTCOME_INVALID without a role; OUTCOME_CONFLICT when
 * they are a member already. The id of the outcome is USER_ID. */
outcome orgs_add_member(arena *a, const actor *who, long long user_id, unsigned roles);

/* Member USER_ID of WHO's account gets ROLES instead of theirs (at least one). OUTCOME_NOT_FOUND for a user
 * who is not a member; OUTCOME_INVALID without a role; OUTCOME_CONFLICT when it would leave the account
 * without an admin agent. */
outcome orgs_set_roles(arena *a, const actor *who, long long user_id, unsigned roles);

struct session;

/* Session S of WHO acts for partner account ORG from now on (one of WHO's accounts: OUTCOME_NOT_FOUND
 * otherwise). The id of the outcome is ORG. */
outcome orgs_switch_account(arena *a, const actor *who, struct session *s, long long org);

#endif
