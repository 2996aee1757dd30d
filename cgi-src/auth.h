/* auth.h: passwords (argon2id, temporary ones, the zxcvbn policy), throttled sign-in, the signed-in user, audit entries */
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
	const char *language;      /* the saved language ("en", "es"), "" when not chosen */
} user;

enum { ROLE_ADMIN_AGENT = 1, ROLE_SALES_AGENT = 2, ROLE_HELPDESK_AGENT = 4 };

enum auth_result { AUTH_OK, AUTH_BAD_CREDENTIALS, AUTH_THROTTLED, AUTH_ADDRESS_THROTTLED, AUTH_TEMP_EXPIRED,
		   AUTH_ERROR };

/* The two kinds of user names one signs in with: the portal's directory users and the accounts of the
 * membership center (the enrollment wizard's step). Each has its own failure counters. */
enum auth_realm { AUTH_REALM_DIRECTORY, AUTH_REALM_MEMBERSHIP };

#define AUTH_FREE_FAILURES 5      /* failures of one user name from one address before it is slowed down */
#define AUTH_IP_FAILURES 50       /* failures per address in 15 minutes, whatever the user names */
#define AUTH_IP_WINDOW_SECONDS 900
#define AUTH_NAME_MEMORY_SECONDS 3600  /* a (name, address) with no failure for this long starts afresh */
#define AUTH_NAME_KEY_CHARS 320   /* how much of a typed user name keys its counter (the longest UPN) */

/* argon2id (libsodium crypto_pwhash) at 2 passes and 19 MiB; 0 or -1. */
int auth_hash_password(const char *password, char out[128]);
bool auth_verify_password(const char *hash, const char *password);

#define AUTH_TEMP_PASSWORD_LEN 16
#define AUTH_TEMP_PASSWORD_DAYS 7
/* A fresh temporary password: 16 characters without look-alikes (no I, O, l, o, 0, 1), with an upper
 * case letter, a lower case letter, a digit and a symbol each; shown once, changed at first sign-in. */
void auth_temporary_password(char out[AUTH_TEMP_PASSWORD_LEN + 1]);
/* Inside the caller's transaction: HASH (of an auth_temporary_password) becomes USER_ID's password, one
 * that must be changed at the next sign-in and stops working after AUTH_TEMP_PASSWORD_DAYS. */
int auth_set_temporary_password(long long user_id, const char *hash);

#define AUTH_PASSWORD_MIN_CHARS 12
#define AUTH_PASSWORD_MAX_BYTES 256
/* The password policy for every password a person chooses: NULL when PASSWORD is acceptable, else the
 * sentence that says why not (its length, or what makes it guessable per zxcvbn, such as a common word,
 * a repeat or a year). USER_INPUTS (NULL-terminated: their name, user name, organization, domain) count
 * as guessable words too. */
const char *auth_password_problem(arena *a, const char *password, const char *const *user_inputs);

/* The address whose failures are counted for client IP: IPv4 as it is, IPv6 as its /64 (one subscriber's
 * network, which hands its devices any address inside it), IPv4-mapped IPv6 as the IPv4 address. */
const char *auth_address_key(arena *a, const char *ip);

/* Check USER_NAME/PASSWORD of REALM from CLIENT_IP, throttled per address and per (user name, address),
 * with the same work and answers whether the name exists or not. On AUTH_OK, *ID is the user's (or the
 * membership account's) id; on AUTH_THROTTLED and AUTH_ADDRESS_THROTTLED, *RETRY_AFTER the seconds to
 * wait. AUTH_TEMP_EXPIRED: the password was right but it is a temporary one past its date. */
enum auth_result auth_check_password(arena *a, enum auth_realm realm, const char *user_name, const char *password,
				     const char *client_ip, long long *id, long long *retry_after);
/* auth_check_password for a directory user (the portal's sign-in). */
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
 * return its code from there, so that a change is never saved without its audit row. The short form of
 * audit_change (audit_chain.h), which also records the organization, the object and the values before
 * and after. */
int audit(long long user_id, const char *action, const char *detail, const char *client_ip);

#endif
