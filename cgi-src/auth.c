/* auth.c: argon2id password hashes, temporary passwords and the password policy (zxcvbn), sign-in checks
 * that slow down repeated failures per (user name, address) and per address, loading the signed-in user,
 * the audit log */
#include "auth.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zxcvbn.h>

#include "audit_chain.h"
#include "db.h"
#include "i18n.h"
#include "session.h"
#include "validate.h"

#define PWHASH_OPS 2
#define PWHASH_MEM (19u * 1024 * 1024)

int auth_hash_password(const char *password, char out[128])
{
	if (crypto_pwhash_str_alg(out, password, strlen(password), PWHASH_OPS, PWHASH_MEM,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	return 0;
}

bool auth_verify_password(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void auth_temporary_password(char out[AUTH_TEMP_PASSWORD_LEN + 1])
{
	static const char *const classes[] = { "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#$%*+-=?@" };
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789!#$%*+-=?@";
	bool every_class;
	do {
		for (int i = 0; i < AUTH_TEMP_PASSWORD_LEN; i++)
			out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		out[AUTH_TEMP_PASSWORD_LEN] = '\0';
		every_class = true;
		for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++)
			every_class = every_class && strpbrk(out, classes[c]) != NULL;
	} while (!every_class);  /* drawing again keeps every character uniform */
}

int auth_set_temporary_password(long long user_id, const char *hash)
{
	int rc = db_exec("UPDATE users SET password_hash = ?, must_change_password = 1, "
			 "temporary_password_expires_at = UTC_TIMESTAMP() + INTERVAL ? DAY WHERE id = ?",
			 DB_ARGS(DB_STR(hash), DB_INT(AUTH_TEMP_PASSWORD_DAYS), DB_INT(user_id)), NULL, NULL);
	/* the user locked out by their own guesses can use the new password at once */
	return rc != DB_OK ? rc
			   : db_exec("DELETE FROM signin_name_failures WHERE realm = 'directory' "
				     "AND user_name = (SELECT upn FROM users WHERE id = ?)",
				     DB_ARGS(DB_INT(user_id)), NULL, NULL);
}

/* ---------- the password policy ---------- */

/* zxcvbn's best score ("very unguessable"): at least 10^10 guesses, about 33.2 bits */
#define PASSWORD_MIN_BITS 33.22

/* The words of the USER_INPUTS (split at anything but letters and digits) and the texts themselves,
 * as the NULL-terminated list zxcvbn takes. */
static const char **user_words(arena *a, const char *const *user_inputs)
{
	size_t n = 0, cap = 1;
	for (const char *const *u = user_inputs; u && *u; u++)
		cap += 1 + strlen(*u) / 2 + 1;
	const char **words = arena_calloc(a, cap * sizeof *words);
	for (const char *const *u = user_inputs; u && *u; u++) {
		if (!**u)
			continue;
		words[n++] = *u;
		for (const char *p = *u; *p;) {
			size_t len = 0;
			while (p[len] && (isalnum((unsigned char)p[len]) || (unsigned char)p[len] >= 0x80))
				len++;
			if (len >= 3 && n + 1 < cap)
				words[n++] = arena_strndup(a, p, len);
			p += len ? len : 1;
		}
	}
	words[n] = NULL;
	return words;
}

/* What a zxcvbn match of TYPE says about a password, or NULL for a random-looking part. */
static const char *match_reason(ZxcTypeMatch_t type)
{
	switch (type) {
	case DICTIONARY_MATCH:
	case DICT_LEET_MATCH:
		return _("it contains a common word, name or password (symbols for letters do not hide it)");
	case USER_MATCH:
	case USER_LEET_MATCH:
		return _("it is like your name, user name or organization");
	case REPEATS_MATCH:
		return _("it repeats characters or words");
	case SEQUENCE_MATCH:
		return _("it contains a sequence such as abcd or 1234");
	case SPATIAL_MATCH:
		return _("it contains a keyboard pattern such as qwerty");
	case DATE_MATCH:
	case YEAR_MATCH:
		return _("it contains a date or a year");
	default:
		return NULL;
	}
}

/* The reasons of the matches in INFO, each once, joined with "; ". */
static const char *guessable_because(arena *a, const ZxcMatch_t *info)
{
	const char *seen[16], *text = "";
	size_t nseen = 0;
	for (const ZxcMatch_t *m = info; m; m = m->Next) {
		const char *why[2] = { match_reason((ZxcTypeMatch_t)(m->Type & ~MULTIPLE_MATCH)),
				       m->Type & MULTIPLE_MATCH ? match_reason(REPEATS_MATCH) : NULL };
		for (size_t k = 0; k < 2; k++) {
			bool dup = !why[k];
			for (size_t i = 0; i < nseen && !dup; i++)
				dup = seen[i] == why[k];
			if (dup || nseen == sizeof seen / sizeof seen[0])
				continue;
			seen[nseen++] = why[k];
			text = arena_printf(a, "%s%s%s", text, *text ? "; " : "", why[k]);
		}
	}
	return *text ? text : _("it is short for the kinds of characters it uses");
}

const char *auth_password_problem(arena *a, const char *password, const char *const *user_inputs)
{
	if (validate_utf8_chars(password) < AUTH_PASSWORD_MIN_CHARS || strlen(password) > AUTH_PASSWORD_MAX_BYTES)
		return _("Choose a password of 12 to 256 characters.");
	ZxcMatch_t *info = NULL;
	double bits = ZxcvbnMatch(password, user_words(a, user_inputs), &info);
	const char *problem = bits >= PASSWORD_MIN_BITS ? NULL
		: arena_printf(a, _("This password is too easy to guess: %s. Add a few words or characters that are "
				  "not about you and not a common phrase, or let a password manager make one."),
			       guessable_because(a, info));
	ZxcvbnFreeInfo(info);
	return problem;
}

/* ---------- throttled sign-in ---------- */

static const char *const realm_names[] = { [AUTH_REALM_DIRECTORY] = "directory", [AUTH_REALM_MEMBERSHIP] = "membership" };

/* The counter key of a typed user name: trimmed, lower case, at most AUTH_NAME_KEY_CHARS characters;
 * the name itself, not an account id, so that a name that does not exist is counted the same way. */
static const char *name_key(arena *a, const char *user_name)
{
	return validate_truncate(a, validate_lower(a, validate_trim(a, user_name)), AUTH_NAME_KEY_CHARS);
}

const char *auth_address_key(arena *a, const char *ip)
{
	struct in6_addr v6;
	if (!ip || inet_pton(AF_INET6, ip, &v6) != 1)
		return validate_truncate(a, ip ? ip : "", 45);
	char text[INET6_ADDRSTRLEN];
	if (IN6_IS_ADDR_V4MAPPED(&v6))
		return arena_strdup(a, inet_ntop(AF_INET, &v6.s6_addr[12], text, sizeof text));
	memset(&v6.s6_addr[8], 0, 8);
	return arena_printf(a, "%s/64", inet_ntop(AF_INET6, &v6, text, sizeof text));
}

/* Whether CLIENT_IP has failed AUTH_IP_FAILURES sign-ins in the last 15 minutes, whatever the names. */
static int address_throttled(arena *a, const char *ip, bool *throttled)
{
	db_rows r;
	int rc = db_query(a, &r,
			  "SELECT failures FROM signin_failures WHERE client_ip = ? "
			  "AND window_start > UTC_TIMESTAMP() - INTERVAL 15 MINUTE",
			  DB_ARGS(DB_STR(ip)));
	*throttled = rc == DB_OK && r.nrows && db_get_int(&r, 0, 0) >= AUTH_IP_FAILURES;
	return rc;
}

/* Seconds (REALM, KEY) from CLIENT_IP must still wait; 0 when it may try. */
static int name_wait(arena *a, enum auth_realm realm, const char *key, const char *ip, long long *wait)
{
	db_rows r;
	int rc = db_query(a, &r,
			  "SELECT GREATEST(0, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until)) "
			  "FROM signin_name_failures WHERE realm = ? AND user_name = ? AND client_ip = ? "
			  "AND locked_until > UTC_TIMESTAMP()",
			  DB_ARGS(DB_STR(realm_names[realm]), DB_STR(key), DB_STR(ip)));
	*wait = rc == DB_OK && r.nrows ? db_get_int(&r, 0, 0) : 0;
	return rc;
}

/* Drops counters nobody needs any more: a few rows per failure, found through their indexes. */
static void prune_failures(void)
{
	db_exec("DELETE FROM signin_name_failures WHERE last_failure_at < UTC_TIMESTAMP() - INTERVAL ? SECOND LIMIT 20",
		DB_ARGS(DB_INT(AUTH_NAME_MEMORY_SECONDS)), NULL, NULL);
	db_exec("DELETE FROM signin_failures WHERE window_start < UTC_TIMESTAMP() - INTERVAL 1 HOUR LIMIT 20",
		DB_NOARGS, NULL, NULL);
}

/* One more failure of (REALM, KEY) from IP and of IP: after AUTH_FREE_FAILURES in a row the name waits
 * 30 s from that address, doubling with each failure up to 15 minutes. */
static void count_failure(enum auth_realm realm, const char *key, const char *ip)
{
	/* the assignments run in order, so failures is already the new count where locked_until reads it */
	db_exec("INSERT INTO signin_name_failures (realm, user_name, client_ip, failures, last_failure_at) "
		"VALUES (?, ?, ?, 1, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE "
		"failures = IF(last_failure_at > UTC_TIMESTAMP() - INTERVAL ? SECOND, failures + 1, 1), "
		"last_failure_at = UTC_TIMESTAMP(), "
		"locked_until = IF(failures >= ?, UTC_TIMESTAMP() + INTERVAL LEAST(900, 30 * POW(2, LEAST(CAST(failures AS SIGNED) - ?, 10))) "
		"SECOND, NULL)",
		DB_ARGS(DB_STR(realm_names[realm]), DB_STR(key), DB_STR(ip), DB_INT(AUTH_NAME_MEMORY_SECONDS),
			DB_INT(AUTH_FREE_FAILURES), DB_INT(AUTH_FREE_FAILURES)),
		NULL, NULL);
	db_exec("INSERT INTO signin_failures (client_ip, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
		"ON DUPLICATE KEY UPDATE "
		"failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL 15 MINUTE, failures + 1, 1), "
		"window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
		DB_ARGS(DB_STR(ip)), NULL, NULL);
	prune_failures();
}

/* The account of NAME in REALM: its id, its password hash and whether that is an expired temporary one. */
enum { ACCOUNT_ID, ACCOUNT_HASH, ACCOUNT_TEMP_EXPIRED, ACCOUNT_NCOLS };
static int find_account(arena *a, enum auth_realm realm, const char *name, db_rows *r)
{
	if (realm == AUTH_REALM_MEMBERSHIP)
		return db_query_cols(a, r, ACCOUNT_NCOLS,
				     "SELECT id, password_hash, 0 FROM membership_accounts WHERE user_name = ?",
				     DB_ARGS(DB_STR(name)));
	return db_query_cols(a, r, ACCOUNT_NCOLS,
			"SELECT id, password_hash, must_change_password = 1 AND temporary_password_expires_at <= UTC_TIMESTAMP() "
			"FROM users WHERE upn = ?",
			DB_ARGS(DB_STR(name)));
}

/* The hash an unknown name is checked against: the same argon2id work as a real one. */
static const char *dummy_hash(void)
{
	static char dummy[128];
	if (!dummy[0])
		auth_hash_password("not a password", dummy);
	return dummy;
}

/* AUTH_OK when (REALM, KEY) may try from ADDR now, else why not, with the seconds to wait. */
static enum auth_result may_try(arena *a, enum auth_realm realm, const char *key, const char *addr,
				long long *retry_after)
{
	bool address_stop;
	if (address_throttled(a, addr, &address_stop) != DB_OK || name_wait(a, realm, key, addr, retry_after) != DB_OK)
		return AUTH_ERROR;
	if (address_stop) {
		*retry_after = AUTH_IP_WINDOW_SECONDS;
		return AUTH_ADDRESS_THROTTLED;
	}
	return *retry_after > 0 ? AUTH_THROTTLED : AUTH_OK;
}

/* A right password from ADDR: its earlier failures of (REALM, KEY) no longer count. */
static void forget_failures(enum auth_realm realm, const char *key, const char *addr)
{
	db_exec("DELETE FROM signin_name_failures WHERE realm = ? AND user_name = ? AND client_ip = ?",
		DB_ARGS(DB_STR(realm_names[realm]), DB_STR(key), DB_STR(addr)), NULL, NULL);
}

enum auth_result auth_check_password(arena *a, enum auth_realm realm, const char *user_name, const char *password,
				     const char *client_ip, long long *id, long long *retry_after)
{
	const char *key = name_key(a, user_name);
	const char *addr = auth_address_key(a, client_ip);
	*id = 0;
	*retry_after = 0;
	enum auth_result allowed = may_try(a, realm, key, addr, retry_after);
	if (allowed != AUTH_OK)
		return allowed;
	db_rows r;
	if (find_account(a, realm, validate_lower(a, validate_trim(a, user_name)), &r) != DB_OK)
		return AUTH_ERROR;
	bool known = r.nrows == 1;
	/* an unknown name costs the same hash, counters and audit row as a wrong password */
	if (!auth_verify_password(known ? db_get(&r, 0, ACCOUNT_HASH) : dummy_hash(), password) || !known) {
		count_failure(realm, key, addr);
		audit(known && realm == AUTH_REALM_DIRECTORY ? db_get_int(&r, 0, ACCOUNT_ID) : 0,
		      realm == AUTH_REALM_DIRECTORY ? "signin.failed" : "membership.signin_failed", key, client_ip);
		return AUTH_BAD_CREDENTIALS;
	}
	forget_failures(realm, key, addr);
	if (db_get_int(&r, 0, ACCOUNT_TEMP_EXPIRED))
		return AUTH_TEMP_EXPIRED;
	*id = db_get_int(&r, 0, ACCOUNT_ID);
	return AUTH_OK;
}

enum auth_result auth_sign_in(arena *a, const char *upn, const char *password, const char *client_ip,
			      long long *user_id, long long *retry_after)
{
	return auth_check_password(a, AUTH_REALM_DIRECTORY, upn, password, client_ip, user_id, retry_after);
}

const user *auth_load_user(arena *a, long long user_id, long long org_id)
{
	enum { ID, UPN, DISPLAY_NAME, DIRECTORY_ROLE, TENANT, TENANT_DOMAIN, ORG, ORG_KIND, ORG_NAME,
	       MUST_CHANGE_PASSWORD, ROLES, ACCOUNTS, LANGUAGE, NCOLS };
	db_rows r;
	if (db_query_cols(a, &r, NCOLS,
		     /* a partner user belongs to the account they were added to; anyone else
		      * (customers, the vendor) to their tenant's organization */
		     "SELECT u.id, u.upn, u.display_name, u.directory_role, u.tenant_id, t.domain, "
		     "COALESCE(o.id, 0), COALESCE(o.kind, ''), COALESCE(o.name, ''), u.must_change_password, "
		     "COALESCE(pu.admin_agent, 0) | COALESCE(pu.sales_agent, 0) << 1 | COALESCE(pu.helpdesk_agent, 0) << 2, "
		     "(SELECT COUNT(*) FROM partner_users x WHERE x.user_id = u.id), COALESCE(u.language, '') "
		     "FROM users u JOIN tenants t ON t.id = u.tenant_id "
		     "LEFT JOIN partner_users pu ON pu.user_id = u.id "
		     "LEFT JOIN organizations o ON o.id = COALESCE(pu.org_id, "
		     "  (SELECT MIN(o2.id) FROM organizations o2 WHERE o2.tenant_id = u.tenant_id "
		     "   AND o2.kind IN ('vendor', 'customer'))) "
		     "WHERE u.id = ? ORDER BY pu.org_id = ? DESC, pu.org_id LIMIT 1",
		     DB_ARGS(DB_INT(user_id), DB_INT(org_id))) != DB_OK || r.nrows != 1)
		return NULL;
	user *u = arena_calloc(a, sizeof *u);
	u->id = db_get_int(&r, 0, ID);
	u->upn = db_get(&r, 0, UPN);
	u->display_name = db_get(&r, 0, DISPLAY_NAME);
	u->directory_role = db_get(&r, 0, DIRECTORY_ROLE);
	u->tenant_id = db_get_int(&r, 0, TENANT);
	u->tenant_domain = db_get(&r, 0, TENANT_DOMAIN);
	u->org_id = db_get_int(&r, 0, ORG);
	u->org_kind = db_get(&r, 0, ORG_KIND);
	u->org_name = db_get(&r, 0, ORG_NAME);
	u->must_change_password = db_get_int(&r, 0, MUST_CHANGE_PASSWORD) != 0;
	u->roles = (unsigned)db_get_int(&r, 0, ROLES);
	u->accounts = (int)db_get_int(&r, 0, ACCOUNTS);
	u->language = db_get(&r, 0, LANGUAGE);
	return u;
}

#define FIELD_SEP '\x1f'

const char *auth_user_encode(arena *a, const user *u)
{
	const char *texts[] = { u->upn, u->display_name, u->directory_role, u->tenant_domain, u->org_kind, u->org_name,
				u->language };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strchr(texts[i], FIELD_SEP))
			return NULL;
	return arena_printf(a, "%lld\x1f%lld\x1f%lld\x1f%d\x1f%u\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
			    u->id, u->tenant_id, u->org_id, u->must_change_password ? 1 : 0, u->roles, u->accounts, u->upn,
			    u->display_name, u->directory_role, u->tenant_domain, u->org_kind, u->org_name, u->language);
}

const user *auth_user_decode(arena *a, const char *blob)
{
	enum { NFIELDS = 13 };
	char *f[NFIELDS];
	char *s = arena_strdup(a, blob);
	for (int i = 0; i < NFIELDS; i++) {
		f[i] = s;
		s = strchr(s, FIELD_SEP);
		if (!s && i < NFIELDS - 1)
			return NULL;
		if (s)
			*s++ = '\0';
	}
	user *u = arena_calloc(a, sizeof *u);
	u->id = strtoll(f[0], NULL, 10);
	u->tenant_id = strtoll(f[1], NULL, 10);
	u->org_id = strtoll(f[2], NULL, 10);
	u->must_change_password = f[3][0] == '1';
	u->roles = (unsigned)strtoul(f[4], NULL, 10);
	u->accounts = (int)strtol(f[5], NULL, 10);
	u->upn = f[6];
	u->display_name = f[7];
	u->directory_role = f[8];
	u->tenant_domain = f[9];
	u->org_kind = f[10];
	u->org_name = f[11];
	u->language = f[12];
	return u->id > 0 ? u : NULL;
}

void auth_user_changed(arena *a, long long user_id)
{
	sess_forget_user(a, user_id);
}

int audit(long long user_id, const char *action, const char *detail, const char *client_ip)
{
	return audit_change(&(audit_entry){ .user_id = user_id, .action = action, .detail = detail, .client_ip = client_ip });
}
