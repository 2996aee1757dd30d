/* tenants.h: directory tenants and their users: the rules for naming a new tenant (shared by enrollment and
 * new customers) and a new user in a tenant, creating a tenant with its first global admin, a customer's
 * users managed by its partners of record, and passwords */
#ifndef CC_TENANTS_H
#define CC_TENANTS_H

#include <stdbool.h>

#include "arena.h"
#include "domain/domain.h"
#include "domain/licenses.h"
#include "list_query.h"

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

/* Inside the caller's transaction, whose audit row records it: a new user UPN (DISPLAY_NAME) of tenant TENANT_ID,
 * a plain directory user whose password is the temporary one HASH (auth_hash_password's of an
 * auth_temporary_password): changed at first sign-in. DB_DUPLICATE when the user name is taken; *ID the new row's. */
int tenants_insert_temporary_user(long long tenant_id, const char *upn, const char *display_name, const char *hash,
				  long long *id);

struct session;

#define TENANTS_DISPLAY_NAME_MAX 200

/* What is wrong with a new user's display NAME and USER_NAME (the part before the @): *NAME_ERROR and
 * *USER_NAME_ERROR, each NULL when that one is fine. */
void tenants_new_user_problems(arena *a, const char *name, const char *user_name, const char **name_error,
			       const char **user_name_error);

/* The customer CUSTOMER of WHO's organization (a live partner of record, rights.c) and its directory's user
 * USER (both filled in): OUTCOME_NOT_FOUND with the page's text when either is not there for WHO. Reads only. */
outcome tenants_customer_user(arena *a, const actor *who, long long customer, long long user, rights_customer *c,
			      rights_tenant_user *u);

/* The columns of tenants_user_page: the user's id, display name, UPN, 1 for a global admin, 1 while their
 * password is a temporary one, the offers of their licenses ("A, B", or "" for none) */
enum { TENANTS_USER_ID, TENANTS_USER_NAME, TENANTS_USER_UPN, TENANTS_USER_GLOBAL_ADMIN, TENANTS_USER_MUST_CHANGE,
       TENANTS_USER_LICENSES, TENANTS_USER_NCOLS };

/* The users of directory TENANT_ID whose name or user name has a word beginning with each of WORDS: up to
 * PAGE + 1 of them from AT in name order (the Users and licenses page, the API's users), TENANTS_USER_*
 * columns, and *TOTAL counted up to LIST_COUNT_CAP + 1 (TOTAL may be NULL). Reads only; a DB_* code. */
int tenants_user_page(arena *a, long long tenant_id, const list_words *words, const seek *at, int page, db_rows *out,
		      long long *total);

/* Refusals' codes (outcome.code) of the changes below; licenses.h's codes come through as they are. */
enum { TENANTS_USER_TAKEN = 100, TENANTS_PARTNER_MEMBER, TENANTS_LAST_ADMIN, TENANTS_BAD_NAME, TENANTS_BAD_USER_NAME };

/* A new user of a customer's directory, added by one of its partners of record. */
typedef struct {
	long long customer;
	const char *display_name, *user_name;  /* user_name: before the @ of the customer's domain */
	bool global_admin;
	licenses_choice licenses;
	const char *password;  /* the temporary password shown once (auth_temporary_password) */
} tenants_customer_user_new;

/* WHO adds user N to the customer's directory with a temporary password and its licenses: the id of the
 * outcome is the new user's. OUTCOME_INVALID for a bad name (field display_name or user_name);
 * OUTCOME_CONFLICT TENANTS_USER_TAKEN (field user_name) or a licenses.h refusal. */
outcome tenants_add_customer_user(arena *a, const actor *who, const tenants_customer_user_new *n);

/* WHO gives the customer's user USER the temporary PASSWORD and signs them out everywhere. OUTCOME_CONFLICT
 * TENANTS_PARTNER_MEMBER when they also work in a partner account (only they change their password). */
outcome tenants_reset_customer_password(arena *a, const actor *who, long long customer, long long user,
					const char *password);

/* WHO removes the customer's user USER from its directory (their sessions end). OUTCOME_CONFLICT
 * TENANTS_PARTNER_MEMBER or TENANTS_LAST_ADMIN (the customer's only global admin). */
outcome tenants_remove_customer_user(arena *a, const actor *who, long long customer, long long user);

/* WHO (whose CURRENT password the caller has checked, signed in with session KEEP) chooses password NEXT
 * (typed twice: CONFIRM), which ends every other session of theirs in the same transaction. OUTCOME_INVALID
 * with the reason when NEXT is the current one, too guessable, or not CONFIRM. */
outcome tenants_change_password(arena *a, const actor *who, const struct session *keep, const char *current,
				const char *next, const char *confirm);

/* WHO saves CODE ("en", "es") as the language the portal speaks to them, or NULL / "" to leave it to the
 * language picker and the browser again. OUTCOME_INVALID (field lang) for a language the portal does not speak. */
outcome tenants_set_language(arena *a, const actor *who, const char *code);

#endif
