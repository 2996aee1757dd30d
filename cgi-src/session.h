/* session.h: signed-in sessions (MySQL's sessions table decides; memcached keeps the user's record) and CSRF tokens */
#ifndef CC_SESSION_H
#define CC_SESSION_H

#include <stdbool.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "i18n.h"

/* "__Host-cc_session" over https (SECURE_COOKIES=1), else "cc_session"; the same for the CSRF cookie */
#define SESSION_COOKIE http_cookie_name(HTTP_HOST_PREFIX "cc_session")
#define CSRF_COOKIE http_cookie_name(HTTP_HOST_PREFIX "cc_csrf")
#define TOKEN_HEX_LEN 64  /* 256 random bits, hex */
/* After memcached times out or cannot be reached, the cache is skipped this long (each worker on its own). */
#define SESS_CACHE_BREAKER_SECONDS 5
/* N_: translated where shown */
#define SESS_SIGNOUT_FAILED N_("You could not be signed out. Try again.")

typedef struct session {
	char key[TOKEN_HEX_LEN + 1];  /* hex BLAKE2b of the cookie value: what we store */
	long long user_id;
	char csrf[TOKEN_HEX_LEN + 1];
	long long expires_at;         /* unix time */
	long long org_id;             /* the partner account chosen for this session; 0: the user's first */
	long long cache_gen;          /* the row's; a cached record of another generation is stale */
	const char *user_blob;        /* the signed-in user's record as auth.c encodes it, or NULL */
} session;

int sess_init(const config *c);
void sess_shutdown(void);

/* Fill OUT with 32 random bytes as 64 hex characters (NUL-terminated). */
void sess_random_hex(char out[TOKEN_HEX_LEN + 1]);
/* The session the cookie names, or NULL (absent, unknown, expired, or the database cannot be read: then
 * *DB_DOWN, if given, is set, and the caller must not treat the visitor as signed out). */
session *sess_load(arena *a, const char *cookie_value, bool *db_down);
/* A new session for USER_ID; writes the cookie value to COOKIE_OUT. */
session *sess_create(arena *a, long long user_id, const char *client_ip, char cookie_out[TOKEN_HEX_LEN + 1]);
/* Sign S out: its row goes, then its cached copy. False (and nothing changed) when the row could not be deleted. */
bool sess_destroy(const session *s);
/* The same in two steps, for a caller with more to write in the same transaction: delete the row (DB_OK or
 * the error) ... */
int sess_delete(const session *s);
/* ... and, once that has committed, drop the cached copy (a failure is logged; the row already decides). */
void sess_forget(const session *s);
/* Keep BLOB (the user's record) in the session's cache entry, so the next request needs no query. */
void sess_cache_user(session *s, const char *blob);
/* Act for partner account ORG_ID from now on in session S (its membership checked by the caller). */
bool sess_set_account(session *s, long long org_id);
/* Drop the cached entries of every session of USER_ID (their record changed); they reload from MySQL. */
void sess_forget_user(arena *a, long long user_id);
/* Inside a transaction: delete every session of USER_ID (their password changed, or they are removed),
 * keeping the keys in KEYS for sess_evict once the transaction has committed. */
int sess_delete_user_sessions(arena *a, long long user_id, db_rows *keys);
/* Drop the cached copies of the sessions sess_delete_user_sessions deleted. */
void sess_evict(const db_rows *keys);

/* The CSRF token forms on this page carry: the session's, or for anonymous
 * visitors a random one kept in a cookie (double-submit). */
const char *csrf_token(request *r);
/* True when a POST carries the expected token and, if sent, a same-origin Origin. */
bool csrf_check(const request *r);

/* Inside a transaction: delete every session of KEEP's user but KEEP (they changed their password),
 * keeping the deleted keys in KEYS for sess_evict once the transaction has committed. */
int sess_delete_other_sessions(arena *a, const session *keep, db_rows *keys);

#endif
