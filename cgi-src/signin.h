/* signin.h: the one sign-in sequence, shared by the sign-in page and the enrollment wizard, and sign-out */
#ifndef CC_SIGNIN_H
#define CC_SIGNIN_H

#include <stdbool.h>

#include "auth.h"
#include "domain/domain.h"
#include "http.h"

/* Check USER_NAME and PASSWORD of REALM (throttled per address and per (name, address)). Returns the
 * user's or membership account's id, or 0 with R's status set (401, 403 for an expired temporary
 * password, 429 with Retry-After, or 503) and *MESSAGE the sentence the form shows. */
long long signin_check_realm(request *r, enum auth_realm realm, const char *user_name, const char *password,
			     const char **message);
/* What the form says when RES (of auth_check_password) refuses a password, with R's status (and its
 * Retry-After) set; NULL for AUTH_OK. */
const char *signin_refusal(request *r, enum auth_result res, long long retry_after);
/* signin_check_realm for a directory user. */
long long signin_check(request *r, const char *upn, const char *password, const char **message);
/* Start a session for USER_ID under a fresh id (an id planted before sign-in is worthless
 * after it), set its cookie and audit; false when sessions are unavailable. */
bool signin_start_session(request *r, long long user_id, const char *upn);

struct session;
/* Sign WHO out of session S: its row goes with the sign-out's audit row, in one transaction (the caller drops
 * the cached copy and the cookie once it is OUTCOME_OK). OUTCOME_FAILED leaves the session as it was. */
outcome signin_end_session(const actor *who, const struct session *s);

#endif
