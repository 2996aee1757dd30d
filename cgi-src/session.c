/* session.c: session ids from libsodium's CSPRNG. MySQL's sessions table is the authority: every request
 * reads its row (one primary-key lookup), so a sign-out or a reset that deleted it wins over any cached copy.
 * memcached keeps only the signed-in user's record, which saves the heavier query; each entry carries a MAC
 * made with a key of ours over its name and value, so whoever can write to memcached can neither forge a
 * record (say, a vendor admin's) nor move one to another session. Any cache error is a miss.
 * The cache is a pool (MEMCACHED_SERVERS): libmemcached spreads the keys over its servers by consistent
 * hashing (ketama), and each server has a circuit breaker of ours: a server that times out or refuses is
 * ejected from the pool at once (its keys go to the others, whose misses MySQL answers) and tried again
 * after a few seconds. libmemcached's own failure limit counts connection failures, not timeouts, so a hung
 * memcached (its socket still accepting) would otherwise cost the poll timeout on every call; this way a
 * hung server costs one timeout per worker, not one per request. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <libmemcached/memcached.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "strbuf.h"

#define MAC_BYTES crypto_generichash_BYTES
#define MAC_HEX_LEN (MAC_BYTES * 2)
#define CACHE_NAME_LEN 80

static memcached_st *mc;
static int session_ttl;
static unsigned char cache_secret[crypto_generichash_KEYBYTES];

static int read_secret(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char extra;
	bool exact = read(fd, cache_secret, sizeof cache_secret) == (ssize_t)sizeof cache_secret &&
		     read(fd, &extra, 1) == 0;
	close(fd);
	if (!exact)
		errno = EINVAL;
	return exact ? 0 : -1;
}

/* First start: write a new key aside, then link it into place. link never replaces a file, so workers that
 * start together all end up with the one key that landed first. */
static int create_secret(const char *dir, const char *path)
{
	char tmp[700];
	snprintf(tmp, sizeof tmp, "%s/.cache.key.%ld", dir, (long)getpid());
	unsigned char fresh[sizeof cache_secret];
	randombytes_buf(fresh, sizeof fresh);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(fd) == 0;
	if (fd >= 0)
		close(fd);
	ok = ok && (link(tmp, path) == 0 || errno == EEXIST);
	unlink(tmp);
	sodium_memzero(fresh, sizeof fresh);
	return ok ? 0 : -1;
}

/* The key that authenticates cache entries: VAR_DIR/secrets/cache.key, the same for every worker. */
static int load_secret(const char *var_dir)
{
	char dir[600], path[640];
	snprintf(dir, sizeof dir, "%s/secrets", var_dir);
	snprintf(path, sizeof path, "%s/cache.key", dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "session: cannot create %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (read_secret(path) == 0 || (errno == ENOENT && create_secret(dir, path) == 0 && read_secret(path) == 0))
		return 0;
	fprintf(stderr, "session: cannot read or create the cache key %s (%s); it must be a file of %zu bytes, "
			"remove it to have a new one made\n", path, strerror(errno), sizeof cache_secret);
	return -1;
}

/* The pool: each configured server and its breaker; MC holds the servers whose breaker is closed. */
typedef struct {
	config_server where;
	bool open;               /* ejected: MC does not hold it */
	long long retry_at;      /* CLOCK_MONOTONIC ms: then it goes back into MC, on trial */
	bool on_trial;           /* back in MC after a failure: its next answer closes the breaker for good */
} pool_server;

static pool_server pool[CONFIG_MAX_NODES];
static int npool, nlive;
static long long next_retry_at;  /* the soonest retry_at of an open breaker; 0 when none is open */

static const char *server_label(const pool_server *p, char *buf, size_t cap)
{
	if (p->where.socket[0])
		snprintf(buf, cap, "%s", p->where.socket);
	else
		snprintf(buf, cap, "%s:%d", p->where.host, p->where.port);
	return buf;
}

/* A new MC over the servers whose breaker is closed (made afresh: only when a breaker opens or closes). */
static int build_pool(void)
{
	if (mc)
		memcached_free(mc);
	mc = memcached_create(NULL);
	if (!mc)
		return -1;
	/* a dead cache must cost milliseconds, not seconds (set before the servers: setting resets connections) */
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_CONNECT_TIMEOUT, 50);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_POLL_TIMEOUT, 50);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_SND_TIMEOUT, 50000);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_RCV_TIMEOUT, 50000);
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_KETAMA, 1);  /* consistent hashing, MD5 points: libketama's */
	memcached_behavior_set(mc, MEMCACHED_BEHAVIOR_TCP_NODELAY, 1);
	nlive = 0;
	next_retry_at = 0;
	int rc = 0;
	for (int i = 0; i < npool; i++) {
		pool_server *p = &pool[i];
		if (p->open) {  /* every open breaker's retry counts, whatever the others' servers do */
			if (!next_retry_at || p->retry_at < next_retry_at)
				next_retry_at = p->retry_at;
			continue;
		}
		memcached_return_t added = p->where.socket[0]
			? memcached_server_add_unix_socket(mc, p->where.socket)
			: memcached_server_add(mc, p->where.host, (in_port_t)p->where.port);
		if (added == MEMCACHED_SUCCESS)
			nlive++;
		else
			rc = -1;
	}
	return rc;
}

/* Breakers whose time has come go back into the pool, on trial. */
static void pool_tick(void)
{
	if (!next_retry_at)
		return;
	long long now = monotonic_ms();
	if (now < next_retry_at)
		return;
	for (int i = 0; i < npool; i++)
		if (pool[i].open && pool[i].retry_at <= now) {
			pool[i].open = false;
			pool[i].on_trial = true;
		}
	build_pool();
}

/* The pool server NAME's key maps to now, or -1. */
static int server_of(const char *name)
{
	memcached_return_t rc;
	const memcached_instance_st *inst = memcached_server_by_key(mc, name, strlen(name), &rc);
	if (!inst)
		return -1;
	const char *host = memcached_server_name(inst);
	in_port_t port = memcached_server_port(inst);
	for (int i = 0; i < npool; i++) {
		const config_server *w = &pool[i].where;
		if (w->socket[0] ? !strcmp(w->socket, host) : (!strcmp(w->host, host) && (in_port_t)w->port == port))
			return i;
	}
	return -1;
}

int sess_init(const config *c)
{
	if (sodium_init() < 0 || load_secret(c->var_dir) != 0)
		return -1;
	session_ttl = c->session_ttl;
	npool = c->n_mc_servers;
	for (int i = 0; i < npool; i++)
		pool[i] = (pool_server){ .where = c->mc_server[i] };
	return build_pool();
}

void sess_shutdown(void)
{
	if (mc)
		memcached_free(mc);
	mc = NULL;
	sodium_memzero(cache_secret, sizeof cache_secret);
}

/* Some server of the pool may be asked now. */
static bool cache_usable(void)
{
	pool_tick();
	return mc && nlive > 0;
}

/* Every cache call reports its outcome for the entry NAME: a timeout or connection error opens the breaker of
 * the server NAME maps to (ejecting it from the pool), an answer from a server on trial closes its breaker. */
static void cache_outcome(memcached_return_t rc, const char *name)
{
	bool failed = memcached_fatal(rc);
	bool trials = false;
	for (int i = 0; i < npool; i++)
		trials = trials || pool[i].on_trial;
	if (!failed && !trials)
		return;
	int i = server_of(name);
	if (i < 0)
		return;
	pool_server *p = &pool[i];
	char label[600];
	if (failed) {
		fprintf(stderr, "session: worker %ld: memcached failed (%s: %s); ejected from the pool: its entries are "
				"read from MySQL (and cached on the other servers, if any), tried again in %d s\n",
			(long)getpid(), server_label(p, label, sizeof label), memcached_last_error_message(mc),
			SESS_CACHE_BREAKER_SECONDS);
		p->open = true;
		p->on_trial = false;
		p->retry_at = monotonic_ms() + SESS_CACHE_BREAKER_SECONDS * 1000LL;
		build_pool();
	} else if (p->on_trial) {
		p->on_trial = false;
		fprintf(stderr, "session: worker %ld: memcached answers again (%s); back in the pool\n", (long)getpid(),
			server_label(p, label, sizeof label));
	}
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

static void cache_name(const char *key, char out[CACHE_NAME_LEN])
{
	snprintf(out, CACHE_NAME_LEN, "cc:s:%s", key);
}

/* Keyed BLAKE2b over the entry's name (with its NUL, as a separator) and its payload. */
static void entry_mac(const char *name, const char *payload, size_t len, char out[MAC_HEX_LEN + 1])
{
	unsigned char h[MAC_BYTES];
	crypto_generichash_state st;
	crypto_generichash_init(&st, cache_secret, sizeof cache_secret, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)name, strlen(name) + 1);
	crypto_generichash_update(&st, (const unsigned char *)payload, len);
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, MAC_HEX_LEN + 1, h, sizeof h);
}

/* The cached value: the MAC in hex, then "USER_ID ORG_ID CACHE_GEN\n" (the row it was made for) and the
 * user's record. */
static void cache_put(const session *s)
{
	long long ttl = s->expires_at - (long long)time(NULL);
	if (!s->user_blob || ttl <= 0 || !cache_usable())
		return;
	char name[CACHE_NAME_LEN], mac[MAC_HEX_LEN + 1];
	cache_name(s->key, name);
	strbuf payload = STRBUF_INIT, v = STRBUF_INIT;
	strbuf_printf(&payload, "%lld %lld %lld\n%s", s->user_id, s->org_id, s->cache_gen, s->user_blob);
	entry_mac(name, payload.data, payload.len, mac);
	strbuf_add(&v, mac, MAC_HEX_LEN);
	strbuf_add(&v, payload.data, payload.len);
	cache_outcome(memcached_set(mc, name, strlen(name), v.data, v.len, (time_t)ttl, 0), name);
	strbuf_release(&payload);
	strbuf_release(&v);
}

/* The user's record in entry V of S, or NULL when the entry fails its MAC (logged) or was made for another
 * state of the row (another account, an older record). */
static const char *verified_record(arena *a, const session *s, const char *name, const char *v, size_t len)
{
	char mac[MAC_HEX_LEN + 1];
	if (len > MAC_HEX_LEN)
		entry_mac(name, v + MAC_HEX_LEN, len - MAC_HEX_LEN, mac);
	if (len <= MAC_HEX_LEN || sodium_memcmp(mac, v, MAC_HEX_LEN) != 0) {
		fprintf(stderr, "session: the cache entry of session %.12s fails authentication (forged, or made with "
				"another key); reading the session from MySQL\n", s->key);
		return NULL;
	}
	const char *payload = arena_strndup(a, v + MAC_HEX_LEN, len - MAC_HEX_LEN);
	const char *nl = strchr(payload, '\n');
	long long user_id, org_id, gen;
	if (!nl || sscanf(payload, "%lld %lld %lld", &user_id, &org_id, &gen) != 3 || user_id != s->user_id ||
	    org_id != s->org_id || gen != s->cache_gen)
		return NULL;
	return nl + 1;
}

static const char *cache_get_record(arena *a, const session *s)
{
	if (!cache_usable())
		return NULL;
	char name[CACHE_NAME_LEN];
	cache_name(s->key, name);
	size_t len = 0;
	uint32_t flags = 0;
	memcached_return_t rc;
	char *v = memcached_get(mc, name, strlen(name), &len, &flags, &rc);
	cache_outcome(rc, name);
	if (!v)
		return NULL;
	const char *record = verified_record(a, s, name, v, len);
	free(v);
	return record;
}

static void cache_delete(const char *key)
{
	char name[CACHE_NAME_LEN];
	cache_name(key, name);
	const char *why = "memcached is being skipped";
	if (cache_usable()) {
		memcached_return_t rc = memcached_delete(mc, name, strlen(name), 0);
		cache_outcome(rc, name);
		if (rc == MEMCACHED_SUCCESS || rc == MEMCACHED_NOTFOUND)
			return;
		why = memcached_strerror(mc, rc);
	}
	fprintf(stderr, "session: the cache entry of session %.12s was not deleted (%s); its row decides\n", key, why);
}

session *sess_load(arena *a, const char *cookie, bool *db_down)
{
	if (db_down)
		*db_down = false;
	if (!is_token(cookie))
		return NULL;
	session *s = arena_calloc(a, sizeof *s);
	storage_key(cookie, s->key);
	enum { USER, CSRF, EXPIRES_AT, ORG, CACHE_GEN, NCOLS };
	db_rows r;
	if (db_query_cols(a, &r, NCOLS,
		     "SELECT user_id, csrf_token, UNIX_TIMESTAMP(expires_at), COALESCE(org_id, 0), cache_gen "
		     "FROM sessions WHERE id_hash = ? AND expires_at > UTC_TIMESTAMP()",
		     DB_ARGS(DB_STR(s->key))) != DB_OK) {
		if (db_down)
			*db_down = true;
		return NULL;
	}
	if (r.nrows != 1)
		return NULL;
	s->user_id = db_get_int(&r, 0, USER);
	snprintf(s->csrf, sizeof s->csrf, "%s", db_get(&r, 0, CSRF));
	s->expires_at = db_get_int(&r, 0, EXPIRES_AT);
	s->org_id = db_get_int(&r, 0, ORG);
	s->cache_gen = db_get_int(&r, 0, CACHE_GEN);
	s->user_blob = cache_get_record(a, s);
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
	return s;
}

int sess_delete(const session *s)
{
	return db_exec("DELETE FROM sessions WHERE id_hash = ?", DB_ARGS(DB_STR(s->key)), NULL, NULL);
}

void sess_forget(const session *s)
{
	cache_delete(s->key);
}

/* The row first: if it cannot be deleted the session stays whole, cached copy included, and the caller says
 * so; once it is gone no cached copy can bring the session back (sess_load reads the row). */
bool sess_destroy(const session *s)
{
	if (sess_delete(s) != DB_OK)
		return false;
	sess_forget(s);
	return true;
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
	s->user_blob = NULL;  /* the cached record is the other account's; its ORG_ID no longer matches the row */
	return true;
}

void sess_evict(const db_rows *keys)
{
	for (int i = 0; i < keys->nrows; i++)
		cache_delete(db_get(keys, i, 0));
}

void sess_forget_user(arena *a, long long user_id)
{
	/* a cached record that cannot be deleted right now no longer matches its row */
	db_exec("UPDATE sessions SET cache_gen = cache_gen + 1 WHERE user_id = ?", DB_ARGS(DB_INT(user_id)), NULL, NULL);
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
