/* api_tokens.h: a partner user's API tokens (Account settings > API tokens): made with a name, scopes and an
 * expiry, shown once and kept only as their SHA-256 (the partner API, cgi-src/api/, looks them up by it),
 * revoked by their user or an admin agent of the account */
#ifndef CC_API_TOKENS_H
#define CC_API_TOKENS_H

#include "domain/domain.h"

/* A token's text: "cct_" and 32 random bytes in unpadded URL-safe base64 (47 characters), and its ending NUL */
#define API_TOKEN_PREFIX "cct_"
#define API_TOKEN_CHARS 47
#define API_TOKEN_TEXT_SIZE (API_TOKEN_CHARS + 1)

/* The scopes a token may have, in the bit order of API_SCOPE_* (api/api.h) and of api_tokens.scopes' SET. */
typedef struct {
	unsigned bit;
	const char *name;         /* N_(): the form's value, the SET member and the API's word (shown as _(name)) */
	const char *explanation;  /* N_(): what a token with it may do */
} api_token_scope;

#define API_TOKEN_N_SCOPES 5
extern const api_token_scope api_token_scopes[API_TOKEN_N_SCOPES];

/* "read, orders" for the bits of SCOPES, as the page shows them */
const char *api_tokens_scopes_text(arena *a, unsigned scopes);

/* Make a token named NAME for WHO's user in their current partner account, with SCOPES (API_SCOPE_* bits)
 * for EXPIRES_DAYS days (1 to 365): its id, and its text in OUT_TEXT (to be shown once, never stored). */
outcome api_tokens_create(arena *a, const actor *who, const char *name, unsigned scopes, int expires_days,
			  char out_text[API_TOKEN_TEXT_SIZE]);

/* Revoke token TOKEN_ID: WHO's own token in their current account, or any of the account's tokens for an
 * admin agent. A foreign or missing one is 404, one already revoked 409. */
outcome api_tokens_revoke(arena *a, const actor *who, long long token_id);

#endif
