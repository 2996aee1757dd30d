/* auth.c: argon2id password hashes, sign-in checks that slow down repeated failures
 * per account and per address, loading the signed-in user, the audit log */
#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "session.h"

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

/* Seconds an account waits after N consecutive failures: 0 for the first few, then doubling. */
static long long lock_seconds(long long failures)
{
	if (failures < AUTH_FREE_FAILURES)
		return 0;
	long long s = 30;
	for (long long i = AUTH_FREE_FAILURES; i < failures && s < 900; i++)
		s *= 2;
	return s < 900 ? s : 900;
}

bool auth_address_throttled(arena *a, const char *ip)
{
	db_rows r;
	if (db_query(a, &r,
		     "SELECT failures FROM signin_failures WHERE client_ip = ? "
		     "AND window_start > UTC_TIMESTAMP() - INTERVAL 15 MINUTE",
		     DB_ARGS(DB_STR(ip))) != DB_OK || r.nrows == 0)
		return false;
	return db_get_int(&r, 0, 0) >= AUTH_IP_FAILURES;
}

void auth_address_failed(const char *ip)
{
	db_exec("INSERT INTO signin_failures (client_ip, failures, window_start) VALUES (?, 1, UTC_TIMESTAMP()) "
		"ON DUPLICATE KEY UPDATE "
		"failures = IF(window_start > UTC_TIMESTAMP() - INTERVAL 15 MINUTE, failures + 1, 1), "
		"window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start)",
		DB_ARGS(DB_STR(ip)), NULL, NULL);
}

enum auth_result auth_sign_in(arena *a, const char *upn, const char *password, const char *client_ip,
			      long long *user_id, long long *retry_after)
{
	*retry_after = 0;
	if (auth_address_throttled(a, client_ip)) {
		*retry_after = AUTH_IP_WINDOW_SECONDS;
		return AUTH_THROTTLED;
	}
	db_rows r;
	if (db_query(a, &r,
		     "SELECT id, password_hash, failed_logins, "
		     "GREATEST(0, TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), COALESCE(locked_until, UTC_TIMESTAMP()))) "
		     "FROM users WHERE upn = ?",
		     DB_ARGS(DB_STR(upn))) != DB_OK)
		return AUTH_ERROR;
	if (r.nrows == 0) {
		/* same work and the same answer as a wrong password, so accounts cannot be probed */
		static char dummy[128];
		if (!dummy[0])
			auth_hash_password("not a password", dummy);
		auth_verify_password(dummy, password);
		auth_address_failed(client_ip);
		return AUTH_BAD_CREDENTIALS;
	}
	long long id = db_get_int(&r, 0, 0);
	long long wait = db_get_int(&r, 0, 3);
	if (wait > 0) {
		*retry_after = wait;
		return AUTH_THROTTLED;
	}
	if (!auth_verify_password(db_get(&r, 0, 1), password)) {
		long long failures = db_get_int(&r, 0, 2) + 1;
		db_exec("UPDATE users SET failed_logins = ?, "
			"locked_until = IF(? > 0, UTC_TIMESTAMP() + INTERVAL ? SECOND, NULL) WHERE id = ?",
			DB_ARGS(DB_INT(failures), DB_INT(lock_seconds(failures)), DB_INT(lock_seconds(failures)),
				DB_INT(id)),
			NULL, NULL);
		auth_address_failed(client_ip);
		audit(id, "signin.failed", upn, client_ip);
		return AUTH_BAD_CREDENTIALS;
	}
	if (db_get_int(&r, 0, 2) > 0)
		db_exec("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?",
			DB_ARGS(DB_INT(id)), NULL, NULL);
	*user_id = id;
	return AUTH_OK;
}

const user *auth_load_user(arena *a, long long user_id, long long org_id)
{
	db_rows r;
	if (db_query(a, &r,
		     /* a partner user belongs to the account they were added to; anyone else
		      * (customers, the vendor) to their tenant's organization */
		     "SELECT u.id, u.upn, u.display_name, u.directory_role, u.tenant_id, t.domain, "
		     "COALESCE(o.id, 0), COALESCE(o.kind, ''), COALESCE(o.name, ''), u.must_change_password, "
		     "COALESCE(pu.admin_agent, 0) | COALESCE(pu.sales_agent, 0) << 1 | COALESCE(pu.helpdesk_agent, 0) << 2, "
		     "(SELECT COUNT(*) FROM partner_users x WHERE x.user_id = u.id) "
		     "FROM users u JOIN tenants t ON t.id = u.tenant_id "
		     "LEFT JOIN partner_users pu ON pu.user_id = u.id "
		     "LEFT JOIN organizations o ON o.id = COALESCE(pu.org_id, "
		     "  (SELECT MIN(o2.id) FROM organizations o2 WHERE o2.tenant_id = u.tenant_id "
		     "   AND o2.kind IN ('vendor', 'customer'))) "
		     "WHERE u.id = ? ORDER BY pu.org_id = ? DESC, pu.org_id LIMIT 1",
		     DB_ARGS(DB_INT(user_id), DB_INT(org_id))) != DB_OK || r.nrows != 1)
		return NULL;
	user *u = arena_calloc(a, sizeof *u);
	u->id = db_get_int(&r, 0, 0);
	u->upn = db_get(&r, 0, 1);
	u->display_name = db_get(&r, 0, 2);
	u->directory_role = db_get(&r, 0, 3);
	u->tenant_id = db_get_int(&r, 0, 4);
	u->tenant_domain = db_get(&r, 0, 5);
	u->org_id = db_get_int(&r, 0, 6);
	u->org_kind = db_get(&r, 0, 7);
	u->org_name = db_get(&r, 0, 8);
	u->must_change_password = db_get_int(&r, 0, 9) != 0;
	u->roles = (unsigned)db_get_int(&r, 0, 10);
	u->accounts = (int)db_get_int(&r, 0, 11);
	return u;
}

#define FIELD_SEP '\x1f'

const char *auth_user_encode(arena *a, const user *u)
{
	const char *texts[] = { u->upn, u->display_name, u->directory_role, u->tenant_domain, u->org_kind, u->org_name };
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strchr(texts[i], FIELD_SEP))
			return NULL;
	return arena_printf(a, "%lld\x1f%lld\x1f%lld\x1f%d\x1f%u\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
			    u->id, u->tenant_id, u->org_id, u->must_change_password ? 1 : 0, u->roles, u->accounts, u->upn,
			    u->display_name, u->directory_role, u->tenant_domain, u->org_kind, u->org_name);
}

const user *auth_user_decode(arena *a, const char *blob)
{
	enum { NFIELDS = 12 };
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
	return u->id > 0 ? u : NULL;
}

void auth_user_changed(arena *a, long long user_id)
{
	sess_forget_user(a, user_id);
}

int audit(long long user_id, const char *action, const char *detail, const char *client_ip)
{
	return db_exec("INSERT INTO audit_log (at, user_id, action, detail, client_ip) VALUES (UTC_TIMESTAMP(), ?, ?, ?, ?)",
		       DB_ARGS(user_id ? DB_INT(user_id) : DB_NULL, DB_STR(action), DB_STR(detail),
			       DB_STR(client_ip ? client_ip : "")),
		       NULL, NULL);
}
