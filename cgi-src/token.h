/* token.h: tokens for emailed links: 32 random bytes, only their SHA-256 stored;
 * single use, expiring, revocable, and each lookup says which of those it is */
#ifndef CC_TOKEN_H
#define CC_TOKEN_H

#include "arena.h"

#define TOKEN_LEN 64  /* hex characters in a link */

enum token_state { TOKEN_VALID, TOKEN_UNKNOWN, TOKEN_USED, TOKEN_EXPIRED, TOKEN_REVOKED, TOKEN_DB_ERROR };

typedef struct {
	long long id, subject_id, created_by;
	const char *created_at, *expires_at, *used_at;
} token_info;

/* Store a new token for PURPOSE (e.g. "verify_email") about SUBJECT_ID; the link text goes to OUT. */
int token_create(const char *purpose, long long subject_id, long long created_by, long long ttl_seconds,
		 char out[TOKEN_LEN + 1]);
/* Inside a transaction, for a link whose subject row is written next: store a token for PURPOSE (link text to
 * OUT, its id and expiry to INFO); token_set_subject then names the subject, before the commit. */
int token_create_pending(arena *a, const char *purpose, long long created_by, long long ttl_seconds,
			 char out[TOKEN_LEN + 1], token_info *info);
int token_set_subject(long long token_id, long long subject_id);
/* What the token in a link is; INFO is filled whenever the token is known. */
enum token_state token_lookup(arena *a, const char *purpose, const char *text, token_info *info);
/* Mark used; DB_OK only for the one caller that used it while still valid (race-safe). */
int token_consume(long long token_id, long long used_by);
int token_revoke(long long token_id);
/* A sentence for a person about a token that cannot be used. */
const char *token_state_message(enum token_state s);

#endif
