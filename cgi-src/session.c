/* session.c: session ids from libsodium's CSPRNG; cached in memcached, written through to MySQL,
 * so a memcached restart signs nobody out; any cache error is treated as a miss */
#include "session.h"

#include <libmemcached/memcached.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "strbuf.h"

static memcached_st *mc;
static int session_ttl;

int sess_init(const config *c)
{
	if (sodium_init() < 0)
		return -1;
	session_ttl = c->session_ttl;
	mc = memcached_create(NULL);
	if (!mc)
		return -1;
	/* a dead cache must cost milliseconds, not seconds (set once: setting resets connections) */
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, 50);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, 50);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_SND_TIMEOUT, 50000);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, 50000);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_SERVER_FAILURE_LIMIT, 1);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_RETRY_TIMEOUT, 1);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_DISTRIBUTION, MEMCACHED_DISTRIBUTION_CONSISTENT);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
	if (memcached_server_add(mc, c->memcached_host, (in_port_t)c->memcached_port) != MEMCACHED_SUCCESS)
		return -1;
	return 0;
}

void sess_shutdown(void)
{
	if (mc)
		memcached_free(mc);
	mc = NULL;
}

void sess_random_hex(char out[TOKEN_HEX_LEN + 1])
{
	unsigned char raw[TOKEN_HEX_LEN / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, TOKEN_HEX_LEN + 1, raw, sizeof raw);
}

static bool is_token(const char *s)
{
	if (!s || strlen(s) != TOKEN_HEX_LEN)
		return false;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* What we store is a hash of the cookie, so a leaked table or cache holds no usable ids. */
static void storage_key(const char *cookie, char key[TOKEN_HEX_LEN + 1])
{
	unsigned char h[TOKEN_HEX_LEN / 2];
	crypto_generichash(h, sizeof h, (const unsigned char *)cookie, TOKEN_HEX_LEN, NULL, 0);
	sodium_bin2hex(key, TOKEN_HEX_LEN + 1, h, sizeof h);
}

static void cache_key(const char *key, char out[80])
{
	snprintf(out, 80, "cc:s:%s", key);
}

/* The cached value: "USER_ID CSRF EXPIRES ORG_ID\n" then the user's record, if known. */
static void cache_put(const session *s)
{
	char k[80], head[160];
	cache_key(s->key, k);
	int n = snprintf(head, sizeof head, "%lld %s %lld %lld\n", s->user_id, s->csrf, s->expires_at, s->org_id);
	long long ttl = s->expires_at - (long long)time(NULL);
	if (ttl <= 0)
		return;
	strbuf v = STRBUF_INIT;
	strbuf_add(&v, head, (size_t)n);
	if (s->user_blob)
		strbuf_puts(&v, s->user_blob);
	memcached_set(mc, k, strlen(k), v.data, v.len, (time_t)ttl, 0);
	strbuf_release(&v);
}

static bool cache_get(arena *a, session *s)
{
	char k[80];
	cache_key(s->key, k);
	size_t len = 0;
	uint32_t flags = 0;
	memcached_return_t rc;
	char *v = memcached_get(mc, k, strlen(k), &len, &flags, &rc);
	if (!v)
		return false;
	const char *nl = memchr(v, '\n', len);
	bool ok = nl && nl - v < 160 &&
		  sscanf(v, "%lld %64s %lld %lld", &s->user_id, s->csrf, &s->expires_at, &s->org_id) == 4;
	if (ok && (size_t)(nl + 1 - v) < len)
		s->user_blob = arena_strndup(a, nl + 1, len - (size_t)(nl + 1 - v));
	free(v);
	return ok && is_token(s->csrf);
}

session *sess_load(arena *a, const char *cookie)
{
	if (!is_token(cookie))
		return NULL;
	session *s = arena_calloc(a, sizeof *s);
	storage_key(cookie, s->key);
	if (!cache_get(a, s)) {
		db_rows r;
		if (db_query(a, &r,
			     "SELECT user_id, csrf_token, UNIX_TIMESTAMP(expires_at), COALESCE(org_id, 0) FROM sessions "
			     "WHERE id_hash = ? AND expires_at > UTC_TIMESTAMP()",
			     DB_ARGS(DB_STR(s->key))) != DB_OK || r.nrows != 1)
			return NULL;
		s->user_id = db_get_int(&r, 0, 0);
		snprintf(s->csrf, sizeof s->csrf, "%s", db_get(&r, 0, 1));
		s->expires_at = db_get_int(&r, 0, 2);
		s->org_id = db_get_int(&r, 0, 3);
		cache_put(s);
	}
	if (s->expires_at <= (long long)time(NULL))
		return NULL;
	return s;
}

session *sess_create(arena *a, long long user_id, const char *client_ip, char cookie_out[TOKEN_HEX_LEN + 1])
{
	session *s = arena_calloc(a, sizeof *s);
	sess_random_hex(cookie_out);
	storage_key(cookie_out, s->key);
	sess_random_hex(s->csrf);
	s->user_id = user_id;
	s->expires_at = (long long)time(NULL) + session_ttl;
	if (db_exec("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, client_ip) "
		    "VALUES (?, ?, ?, UTC_TIMESTAMP(), FROM_UNIXTIME(?), ?)",
		    DB_ARGS(DB_STR(s->key), DB_INT(user_id), DB_STR(s->csrf), DB_INT(s->expires_at),
			    DB_STR(client_ip ? client_ip : "")),
		    NULL, NULL) != DB_OK)
		return NULL;
	cache_put(s);
	return s;
}

void sess_destroy(const session *s)
{
	char k[80];
	cache_key(s->key, k);
	memcached_delete(mc, k, strlen(k), 0);
	db_exec("DELETE FROM sessions WHERE id_hash = ?", DB_ARGS(DB_STR(s->key)), NULL, NULL);
}

void sess_cache_user(session *s, const char *blob)
{
	if (!blob)
		return;
	s->user_blob = blob;
	cache_put(s);
}

bool sess_set_account(session *s, long long org_id)
{
	if (db_exec("UPDATE sessions SET org_id = ? WHERE id_hash = ?", DB_ARGS(DB_INT(org_id), DB_STR(s->key)),
		    NULL, NULL) != DB_OK)
		return false;
	s->org_id = org_id;
	s->user_blob = NULL;  /* the cached record is the other account's */
	cache_put(s);
	return true;
}

void sess_evict(const db_rows *keys)
{
	for (int i = 0; i < keys->nrows; i++) {
		char k[80];
		cache_key(db_get(keys, i, 0), k);
		memcached_delete(mc, k, strlen(k), 0);
	}
}

void sess_forget_user(arena *a, long long user_id)
{
	db_rows r;
	if (db_query(a, &r, "SELECT id_hash FROM sessions WHERE user_id = ?", DB_ARGS(DB_INT(user_id))) == DB_OK)
		sess_evict(&r);
}

int sess_delete_user_sessions(arena *a, long long user_id, db_rows *keys)
{
	int rc = db_query(a, keys, "SELECT id_hash FROM sessions WHERE user_id = ? FOR UPDATE", DB_ARGS(DB_INT(user_id)));
	return rc != DB_OK ? rc : db_exec("DELETE FROM sessions WHERE user_id = ?", DB_ARGS(DB_INT(user_id)), NULL, NULL);
}

const char *csrf_token(request *r)
{
	if (r->csrf_token)
		return r->csrf_token;
	if (r->session) {
		r->csrf_token = r->session->csrf;
		return r->csrf_token;
	}
	const char *c = http_cookie(r, CSRF_COOKIE);
	if (is_token(c)) {
		r->csrf_token = c;
		return c;
	}
	char *t = arena_alloc(r->arena, TOKEN_HEX_LEN + 1);
	sess_random_hex(t);
	http_set_cookie(r, CSRF_COOKIE, t, 8 * 3600, "Strict");
	r->csrf_token = t;
	return t;
}

static bool same_origin(const request *r)
{
	if (!r->origin || !*r->origin)
		return true;  /* older clients send none; the token still decides */
	return r->site_origin && !strcmp(r->origin, r->site_origin);
}

bool csrf_check(const request *r)
{
	const char *sent = http_param_get(&r->form, "csrf_token");
	const char *expected = r->session ? r->session->csrf : http_cookie(r, CSRF_COOKIE);
	if (!is_token(sent) || !is_token(expected) || !same_origin(r))
		return false;
	return sodium_memcmp(sent, expected, TOKEN_HEX_LEN) == 0;
}

int sess_delete_other_sessions(arena *a, const session *keep, db_rows *keys)
{
	int rc = db_query(a, keys, "SELECT id_hash FROM sessions WHERE user_id = ? AND id_hash <> ? FOR UPDATE",
			  DB_ARGS(DB_INT(keep->user_id), DB_STR(keep->key)));
	return rc != DB_OK ? rc
			   : db_exec("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",
				     DB_ARGS(DB_INT(keep->user_id), DB_STR(keep->key)), NULL, NULL);
}
