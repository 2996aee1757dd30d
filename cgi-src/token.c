/* token.c: emailed-link tokens stored as SHA-256 hashes; consuming is one conditional UPDATE,
 * so two clicks on the same link cannot both succeed */
#include "token.h"

#include <sodium.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "session.h"

static void token_hash(const char *text, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	sodium_bin2hex(out, 65, h, sizeof h);
}

int token_create(const char *purpose, long long subject_id, long long created_by, long long ttl_seconds,
		 char out[TOKEN_LEN + 1])
{
	char hash[65];
	sess_random_hex(out);
	token_hash(out, hash);
	return db_exec("INSERT INTO email_tokens (token_hash, purpose, subject_id, created_by, created_at, expires_at) "
		       "VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
		       DB_ARGS(DB_STR(hash), DB_STR(purpose), DB_INT(subject_id),
			       created_by ? DB_INT(created_by) : DB_NULL, DB_INT(ttl_seconds)),
		       NULL, NULL);
}

int token_create_pending(arena *a, const char *purpose, long long created_by, long long ttl_seconds,
			 char out[TOKEN_LEN + 1], token_info *info)
{
	int rc = token_create(purpose, 0, created_by, ttl_seconds, out);
	if (rc != DB_OK)
		return rc;
	return token_lookup(a, purpose, out, info) == TOKEN_VALID ? DB_OK : DB_ERROR;
}

int token_set_subject(long long token_id, long long subject_id)
{
	return db_exec("UPDATE email_tokens SET subject_id = ? WHERE id = ?",
		       DB_ARGS(DB_INT(subject_id), DB_INT(token_id)), NULL, NULL);
}

enum token_state token_lookup(arena *a, const char *purpose, const char *text, token_info *info)
{
	memset(info, 0, sizeof *info);
	if (!text || strlen(text) != TOKEN_LEN)
		return TOKEN_UNKNOWN;
	char hash[65];
	token_hash(text, hash);
	enum { ID, SUBJECT, CREATED_BY, CREATED_AT, EXPIRES_AT, USED_AT, REVOKED, EXPIRED, NCOLS };
	db_rows r;
	if (db_query_cols(a, &r, NCOLS,
		     "SELECT id, subject_id, COALESCE(created_by, 0), created_at, expires_at, used_at, "
		     "revoked_at IS NOT NULL, expires_at <= UTC_TIMESTAMP() "
		     "FROM email_tokens WHERE token_hash = ? AND purpose = ?",
		     DB_ARGS(DB_STR(hash), DB_STR(purpose))) != DB_OK)
		return TOKEN_DB_ERROR;
	if (r.nrows != 1)
		return TOKEN_UNKNOWN;
	info->id = db_get_int(&r, 0, ID);
	info->subject_id = db_get_int(&r, 0, SUBJECT);
	info->created_by = db_get_int(&r, 0, CREATED_BY);
	info->created_at = db_get(&r, 0, CREATED_AT);
	info->expires_at = db_get(&r, 0, EXPIRES_AT);
	info->used_at = db_is_null(&r, 0, USED_AT) ? NULL : db_get(&r, 0, USED_AT);
	if (info->used_at)
		return TOKEN_USED;
	if (db_get_int(&r, 0, REVOKED))
		return TOKEN_REVOKED;
	if (db_get_int(&r, 0, EXPIRED))
		return TOKEN_EXPIRED;
	return TOKEN_VALID;
}

int token_consume(long long token_id, long long used_by)
{
	unsigned long long n = 0;
	int rc = db_exec("UPDATE email_tokens SET used_at = UTC_TIMESTAMP(), used_by = ? "
			 "WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > UTC_TIMESTAMP()",
			 DB_ARGS(used_by ? DB_INT(used_by) : DB_NULL, DB_INT(token_id)), &n, NULL);
	return rc != DB_OK ? rc : n == 1 ? DB_OK : DB_ERROR;
}

int token_revoke(long long token_id)
{
	return db_exec("UPDATE email_tokens SET revoked_at = UTC_TIMESTAMP() WHERE id = ? AND used_at IS NULL",
		       DB_ARGS(DB_INT(token_id)), NULL, NULL);
}

const char *token_state_message(enum token_state s)
{
	switch (s) {
	case TOKEN_VALID: return _("This link is valid.");
	case TOKEN_USED: return _("This link has already been used. Each link works only once.");
	case TOKEN_EXPIRED: return _("This link has expired. Ask the sender for a new one.");
	case TOKEN_REVOKED: return _("This link was withdrawn by the sender and no longer works.");
	case TOKEN_DB_ERROR: return _("This link cannot be checked right now. Try again in a minute.");
	case TOKEN_UNKNOWN: break;
	}
	return _("This link is not valid. Check that you copied the whole link from the email.");
}
