/* signin.h: the one sign-in sequence, shared by the sign-in page and the enrollment wizard */
#ifndef CC_SIGNIN_H
#define CC_SIGNIN_H

#include <stdbool.h>

#include "http.h"

/* Check UPN and PASSWORD (throttled). Returns the user's id, or 0 with R's status set
 * (401, 429 with Retry-After, or 503) and *MESSAGE the sentence the form shows. */
long long signin_check(request *r, const char *upn, const char *password, const char **message);
/* Start a session for USER_ID under a fresh id (an id planted before sign-in is worthless
 * after it), set its cookie and audit; false when sessions are unavailable. */
bool signin_start_session(request *r, long long user_id, const char *upn);

#endif
