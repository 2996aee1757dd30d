/* auth.h: passwords (argon2id), sign-in with throttling, the signed-in user, audit entries */
#ifndef CC_AUTH_H
#define CC_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct user {
	long long id;
	const char *upn, *display_name, *directory_role;
	long long tenant_id;
	const char *tenant_domain;
	long long org_id;          /* 0 when the tenant has no partner account */
	const char *org_kind;      /* "vendor", "provider", "reseller", "customer" or "" */
	const char *org_name;
	bool must_change_password;
	unsigned roles;            /* ROLE_* in the partner account */
	int accounts;              /* how many partner accounts the user belongs to (more than one: they can switch) */
} user;

enum { ROLE_ADMIN_AGENT = 1, ROLE_SALES_AGENT = 2, ROLE_HELPDESK_AGENT = 4 };

enum auth_result { AUTH_OK, AUTH_BAD_CREDENTIALS, AUTH_THROTTLED, AUTH_ERROR };

#define AUTH_FREE_FAILURES 5      /* failures before an account is slowed down */
#define AUTH_IP_FAILURES 50       /* failures per address in 15 minutes */

/* argon2id (libsodium crypto_pwhash) at 2 passes and 19 MiB; 0 or -1. */
int auth_hash_password(const char *password, char out[128]);
bool auth_verify_password(const char *hash, const char *password);

#define AUTH_TEMP_PASSWORD_LEN 16
/* A fresh temporary password: 16 characters without look-alikes (no I, O, l, o, 0, 1), with an upper
 * case letter, a lower case letter, a digit and a symbol each; shown once, changed at first sign-in. */
void auth_temporary_password(char out[AUTH_TEMP_PASSWORD_LEN + 1]);

/* Whether address IP has failed AUTH_IP_FAILURES sign-ins in the last 15 minutes (any kind of sign-in),
 * and count one more failure for it. */
bool auth_address_throttled(arena *a, const char *ip);
void auth_address_failed(const char *ip);
#define AUTH_IP_WINDOW_SECONDS 900

/* Check UPN/PASSWORD. On AUTH_THROTTLED, *RETRY_AFTER holds the seconds to wait. */
enum auth_result auth_sign_in(arena *a, const char *upn, const char *password, const char *client_ip,
			      long long *user_id, long long *retry_after);
/* USER_ID as a user of partner account ORG_ID when they belong to it, else of their first account. */
const user *auth_load_user(arena *a, long long user_id, long long org_id);
/* The user as one string for the session cache, and back; NULL when it cannot be. */
const char *auth_user_encode(arena *a, const user *u);
const user *auth_user_decode(arena *a, const char *blob);
/* Call after changing a user's record, roles or account: their sessions reload it. */
void auth_user_changed(arena *a, long long user_id);

/* Append to the audit log: a DB_* code. Call it inside the db_transaction of the change it records and
 * return its code from there, so that a change is never saved without its audit row. */
int audit(long long user_id, const char *action, const char *detail, const char *client_ip);

#endif
