/* api.c: the partner API's dispatcher: route, token, user, scope, roles, rate limit, body, idempotency,
 * then the resource handler (api.h says what each step answers) */
#include "api/api.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "domain/api_tokens.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

#define API_MAX_BODY (64 * 1024)
#define IDEMPOTENCY_KEY_MAX 255

static int rate_per_minute = 600;

int api_init(const struct config *c)
{
	rate_per_minute = c->api_rate_per_minute;
	return api_contract_init(c);
}

static const api_route *const tables[] = {
	api_contract_routes, api_relationship_routes, api_customer_routes, api_order_routes, api_user_routes,
	api_catalog_routes,
	api_me_routes,
};

/* PATH against PATTERN, segment by segment; each {id} (digits only, so "/v1/customers/relationshiprequests"
 * is never customer "relationshiprequests") goes to ID[]. */
static bool path_matches(arena *a, const char *pattern, const char *path, long long id[2])
{
	int n = 0;
	while (*pattern && *path) {
		if (!strncmp(pattern, "{id}", 4)) {
			size_t len = strspn(path, "0123456789");
			if (len == 0 || (path[len] && path[len] != '/') || n == 2)
				return false;
			id[n++] = http_id(arena_strndup(a, path, len));
			pattern += 4;
			path += len;
		} else if (*pattern++ != *path++) {
			return false;
		}
	}
	return !*pattern && !*path;
}

static const api_route *find_route(api_call *c)
{
	request *r = c->r;
	const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";
	strbuf allow = STRBUF_INIT;
	const api_route *found = NULL;
	for (size_t t = 0; t < sizeof tables / sizeof tables[0] && !found; t++)
		for (const api_route *rt = tables[t]; rt->method; rt++) {
			long long id[2] = { 0, 0 };
			if (!path_matches(r->arena, rt->pattern, r->path, id))
				continue;
			if (!strcmp(rt->method, method)) {
				memcpy(c->id, id, sizeof id);
				found = rt;
				break;
			}
			strbuf_printf(&allow, "%s%s", allow.len ? ", " : "", rt->method);
		}
	if (!found && allow.len) {
		http_header(r, "Allow", strbuf_cstr(&allow));
		api_error(r, 405, NULL, _("This resource does not accept that method. The methods it accepts are in the "
					  "Allow header and in /v1/openapi.json."), NULL);
	} else if (!found) {
		api_error(r, 404, NULL, _("There is no API resource at this address. The resources are listed in "
					  "/v1/openapi.json."), NULL);
	}
	strbuf_release(&allow);
	return found;
}

/* ---- the token ---- */

typedef struct {
	long long id, user_id, org_id;
	unsigned scopes;
	bool expired, revoked, stale_use;
} token_row;

static void refuse_token(request *r, const char *why)
{
	http_header(r, "WWW-Authenticate", "Bearer realm=\"Channel Center\", error=\"invalid_token\"");
	api_error(r, 401, NULL, why, NULL);
}

/* The token the Authorization header carries, read from MariaDB (the authority: a revoked token stops at once);
 * false with the answer given when there is none that works. */
static bool read_token(request *r, token_row *t)
{
	const char *h = r->authorization;
	if (!h || strncasecmp(h, "Bearer ", 7)) {
		refuse_token(r, _("This call needs an API token: send it as \"Authorization: Bearer TOKEN\". Create one "
				  "under Account settings > API tokens."));
		return false;
	}
	const char *text = h + 7;
	while (*text == ' ')
		text++;
	if (strlen(text) != API_TOKEN_CHARS || strncmp(text, API_TOKEN_PREFIX, strlen(API_TOKEN_PREFIX))) {
		refuse_token(r, _("This API token is not one Channel Center issued. Copy it again from where you saved it, "
				  "or create a new one under Account settings > API tokens."));
		return false;
	}
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)text, API_TOKEN_CHARS);
	enum { ID, USER, ORG, SCOPES, EXPIRED, REVOKED, STALE, NCOLS };
	db_rows rows;
	int rc = db_query_cols(r->arena, &rows, NCOLS,
			       "SELECT id, user_id, org_id, scopes + 0, expires_at <= UTC_TIMESTAMP(), revoked_at IS NOT NULL, "
			       "COALESCE(last_used_at < UTC_TIMESTAMP() - INTERVAL 60 SECOND, 1) "
			       "FROM api_tokens WHERE token_hash = ?",
			       DB_ARGS(DB_BLOB(hash, sizeof hash)));
	if (rc != DB_OK) {
		view_error(r, 503, _("Channel Center cannot reach its database right now, so your API token could not be "
				     "checked. Try again in a minute."));
		return false;
	}
	if (rows.nrows != 1) {
		refuse_token(r, _("This API token is not known: it may have been mistyped or deleted. Create a new one "
				  "under Account settings > API tokens."));
		return false;
	}
	*t = (token_row){ .id = db_get_int(&rows, 0, ID), .user_id = db_get_int(&rows, 0, USER),
			  .org_id = db_get_int(&rows, 0, ORG), .scopes = (unsigned)db_get_int(&rows, 0, SCOPES),
			  .expired = db_get_int(&rows, 0, EXPIRED), .revoked = db_get_int(&rows, 0, REVOKED),
			  .stale_use = db_get_int(&rows, 0, STALE) };
	if (t->revoked) {
		refuse_token(r, _("This API token was revoked. Create a new one under Account settings > API tokens."));
		return false;
	}
	if (t->expired) {
		refuse_token(r, _("This API token has expired. Create a new one under Account settings > API tokens."));
		return false;
	}
	return true;
}

/* The token's user as they are now, in the token's account: their roles and membership read afresh. */
static const user *token_user(request *r, const token_row *t)
{
	const user *u = auth_load_user(r->arena, t->user_id, t->org_id);
	if (!u && db_last_error_kind() != DB_OK) {
		view_error(r, 503, _("Channel Center cannot reach its database right now, so your API token could not be "
				     "checked. Try again in a minute."));
		return NULL;
	}
	if (!u || u->org_id != t->org_id) {
		refuse_token(r, _("The user this API token belongs to is no longer a user of its partner account, so it "
				  "no longer works. An admin agent of the account can add them again."));
		return NULL;
	}
	return u;
}

/* Last use, for the token list: written once a minute at most (STALE_USE), outside any change (no audit row: it is a
 * token's bookkeeping, like a session's expiry). */
static void note_use(request *r, const token_row *t)
{
	if (!t->stale_use)
		return;
	if (db_exec("UPDATE api_tokens SET last_used_at = UTC_TIMESTAMP(), last_used_ip = ? WHERE id = ?",
		    DB_ARGS(DB_STR(r->remote_addr), DB_INT(t->id)), NULL, NULL) != DB_OK)
		fprintf(stderr, "api: token %lld: last use not recorded: %s\n", t->id, db_last_error());
}

static const char *scope_name(unsigned scope)
{
	switch (scope) {
	case API_SCOPE_READ: return "read";
	case API_SCOPE_ORDERS: return "orders";
	case API_SCOPE_CUSTOMERS: return "customers";
	case API_SCOPE_USERS: return "users";
	case API_SCOPE_RELATIONSHIPS: return "relationships";
	}
	return "";
}

/* The token's calls this minute, counted in MariaDB, the same for every app host whatever memcached does: one
 * atomic upsert whose LAST_INSERT_ID is the new count (0 for the minute's first call, which also clears the
 * token's past minutes). False when MariaDB cannot count. */
static bool count_call(const token_row *t, long long minute, unsigned long long *count)
{
	unsigned long long n = 0;
	if (db_exec("INSERT INTO api_rate_windows (token_id, window_minute, calls) VALUES (?, ?, 1) "
		    "ON DUPLICATE KEY UPDATE calls = LAST_INSERT_ID(calls + 1)",
		    DB_ARGS(DB_INT(t->id), DB_INT(minute)), NULL, &n) != DB_OK)
		return false;
	if (n == 0) {
		n = 1;
		db_exec("DELETE FROM api_rate_windows WHERE token_id = ? AND window_minute < ?",
			DB_ARGS(DB_INT(t->id), DB_INT(minute)), NULL, NULL);
	}
	*count = n;
	return true;
}

/* The token's rate: RATE calls a minute; more get 429 until the minute ends. */
static bool within_rate(request *r, const token_row *t)
{
	time_t now = time(NULL);
	unsigned long long count;
	if (!count_call(t, (long long)now / 60, &count))
		return true;  /* MariaDB is away (logged): the call itself will say so */
	char limit[16], left[16];
	snprintf(limit, sizeof limit, "%d", rate_per_minute);
	snprintf(left, sizeof left, "%llu", count >= (unsigned long long)rate_per_minute ? 0 : rate_per_minute - count);
	http_header(r, "X-RateLimit-Limit", limit);
	http_header(r, "X-RateLimit-Remaining", left);
	if (count <= (unsigned long long)rate_per_minute)
		return true;
	char retry[16];
	int seconds = 60 - (int)(now % 60);
	snprintf(retry, sizeof retry, "%d", seconds);
	http_header(r, "Retry-After", retry);
	api_error(r, 429, NULL,
		  arena_printf(r->arena, ngettext("This API token made more than %d call in a minute. Wait %d seconds "
						  "(Retry-After) and send it again.",
						  "This API token made more than %d calls in a minute. Wait %d seconds "
						  "(Retry-After) and send it again.", rate_per_minute),
			       rate_per_minute, seconds), NULL);
	return false;
}

/* ---- the body ---- */

static bool read_body(api_call *c, const api_route *rt)
{
	request *r = c->r;
	if (!rt->body) {
		if (r->body_len > 0) {
			api_error(r, 400, NULL, _("This call takes no request body. Send it without one."), NULL);
			return false;
		}
		return true;
	}
	if (strncmp(r->content_type, "application/json", 16) ||
	    (r->content_type[16] && r->content_type[16] != ';')) {
		api_error(r, 415, NULL, _("Send the request body as JSON, with \"Content-Type: application/json\"."), NULL);
		return false;
	}
	if (r->body_len > API_MAX_BODY) {
		api_error(r, 413, NULL, _("The request body is larger than 64 KiB, more than any call here accepts."), NULL);
		return false;
	}
	json_tokener *tok = json_tokener_new_ex(16);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *body = r->body_raw ? json_tokener_parse_ex(tok, r->body_raw, (int)r->body_len) : NULL;
	bool whole = body && json_tokener_get_error(tok) == json_tokener_success &&
		     json_tokener_get_parse_end(tok) == r->body_len;
	json_tokener_free(tok);
	if (!whole || !json_object_is_type(body, json_type_object)) {
		json_object_put(body);
		api_error(r, 400, NULL, _("The request body is not a JSON object. Send one JSON object, as described in "
					  "/v1/openapi.json."), NULL);
		return false;
	}
	const char *field;
	const char *problem = api_check_fields(r->arena, body, rt->body, "", &field);
	if (problem) {
		json_object_put(body);
		api_error(r, 400, NULL, problem, field);
		return false;
	}
	c->body = body;
	return true;
}

/* ---- Idempotency-Key ---- */

typedef struct {
	api_call *c;
	const api_route *rt;
	unsigned char hash[crypto_hash_sha256_BYTES];
} idempotent;

static bool key_valid(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > IDEMPOTENCY_KEY_MAX)
		return false;
	for (; *k; k++)
		if (*k < 0x21 || *k > 0x7e)
			return false;
	return true;
}

static void request_hash(const request *r, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->method, strlen(r->method) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->path, strlen(r->path) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->query_string, strlen(r->query_string) + 1);
	if (r->body_raw)
		crypto_hash_sha256_update(&st, (const unsigned char *)r->body_raw, r->body_len);
	crypto_hash_sha256_final(&st, out);
}

static void reset_answer(request *r, size_t headers)
{
	strbuf_reset(r->body);
	r->headers->len = headers;
	if (r->headers->data)
		r->headers->data[headers] = '\0';
	r->status = 500;
	r->answered = false;
}

/* Run the handler on the claimed key and keep its answer. */
static outcome run_and_keep(idempotent *x, const db_val key[2])
{
	request *r = x->c->r;
	x->rt->handler(x->c);
	if (r->status < 200 || r->status > 299)
		return outcome_refused(OUTCOME_CONFLICT, 0, NULL);  /* its refusal is the answer; the key stays free */
	const char *kept = x->c->replay_body ? x->c->replay_body : strbuf_cstr(r->body);
	int rc = db_exec("UPDATE api_idempotency SET status = ?, response = ? WHERE token_id = ? AND idempotency_key = ?",
			 DB_ARGS(DB_INT(r->status), DB_STR(kept), key[0], key[1]), NULL, NULL);
	return rc == DB_OK ? outcome_ok(0) : outcome_failed(rc);
}

/* The key was used before: the same request gets its answer again, another one a 409; a key older than 24 hours
 * is claimed afresh. The row is read under the shared lock the duplicate INSERT already holds (FOR UPDATE would
 * make every waiting duplicate wait on the others: a deadlock). */
static outcome replay(idempotent *x, const db_val key[2])
{
	request *r = x->c->r;
	enum { SAME, STATUS, RESPONSE, EXPIRED, NCOLS };
	db_rows rows;
	int rc = db_query_cols(r->arena, &rows, NCOLS,
			       "SELECT request_hash = ?, status, response, created_at < UTC_TIMESTAMP() - INTERVAL 24 HOUR "
			       "FROM api_idempotency WHERE token_id = ? AND idempotency_key = ? LOCK IN SHARE MODE",
			       DB_ARGS(DB_BLOB(x->hash, sizeof x->hash), key[0], key[1]));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)
		return outcome_failed(DB_ERROR);
	if (db_get_int(&rows, 0, EXPIRED)) {
		rc = db_exec("UPDATE api_idempotency SET request_hash = ?, status = 0, response = '', created_at = UTC_TIMESTAMP() "
			     "WHERE token_id = ? AND idempotency_key = ?",
			     DB_ARGS(DB_BLOB(x->hash, sizeof x->hash), key[0], key[1]), NULL, NULL);
		return rc == DB_OK ? run_and_keep(x, key) : outcome_failed(rc);
	}
	if (!db_get_int(&rows, 0, SAME)) {
		api_error(r, 409, NULL, _("This Idempotency-Key was already used for a different request. Send a new key "
					  "with each new request, and the same key only to retry the same one."), NULL);
	} else {
		strbuf_puts(r->body, db_get(&rows, 0, RESPONSE));
		r->status = (int)db_get_int(&rows, 0, STATUS);
		r->answered = true;
		r->content_type_out = "application/json; charset=utf-8";
		http_header(r, "Idempotent-Replayed", "true");
	}
	return outcome_refused(OUTCOME_CONFLICT, 0, NULL);  /* nothing to commit */
}

/* Claim the key, run the handler and keep its answer, in the handler's own transaction: a concurrent
 * duplicate's INSERT waits on the key's row lock, then finds the answer (or, when the first one was refused and
 * rolled back, runs itself). The INSERT comes first: a search for the key before it would take gap locks that
 * concurrent duplicates deadlock on. Answers are kept 24 hours. */
static outcome idempotent_change(void *ctx)
{
	idempotent *x = ctx;
	request *r = x->c->r;
	db_val key[] = { DB_INT(x->c->token_id), DB_STR(r->idempotency_key) };
	int rc = db_exec("INSERT INTO api_idempotency (token_id, idempotency_key, request_hash, status, response, created_at) "
			 "VALUES (?, ?, ?, 0, '', UTC_TIMESTAMP())",
			 DB_ARGS(key[0], key[1], DB_BLOB(x->hash, sizeof x->hash)), NULL, NULL);
	if (rc == DB_DUPLICATE)
		return replay(x, key);
	if (rc != DB_OK)
		return outcome_failed(rc);
	return run_and_keep(x, key);
}

static void run_idempotent(api_call *c, const api_route *rt)
{
	request *r = c->r;
	if (!key_valid(r->idempotency_key)) {
		api_error(r, 400, NULL, _("An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID is a good one)."),
			  NULL);
		return;
	}
	idempotent x = { .c = c, .rt = rt };
	request_hash(r, x.hash);
	size_t headers = r->headers->len;
	outcome o = domain_tx(idempotent_change, &x);
	if (o.kind != OUTCOME_FAILED)
		return;  /* committed with the handler's answer, or refused with it (or a replay) */
	reset_answer(r, headers);
	if (o.db_rc == DB_UNKNOWN)
		api_error(r, 503, NULL, _("The connection to the database was lost while this was being saved, so it may or "
					  "may not have been done. Send it again with the same Idempotency-Key: you will get "
					  "what was done, and it will not be done twice."), NULL);
	else
		api_unavailable(c);
}

/* ---- the dispatcher ---- */

static bool wants_csv(const request *r)
{
	return r->accept && strstr(r->accept, "text/csv");
}

void api_handle(request *r)
{
	api_call c = { .r = r };
	const api_route *rt = find_route(&c);
	if (!rt)
		return;
	if (rt->scope == API_SCOPE_NONE) {  /* public */
		rt->handler(&c);
		return;
	}
	token_row t;
	if (!read_token(r, &t))
		return;
	const user *u = token_user(r, &t);
	if (!u)
		return;
	r->user = u;
	r->lang = i18n_choose(*u->language ? u->language : NULL, NULL, r->accept_language);
	i18n_use(r->lang);
	c.token_id = t.id;
	c.scopes = t.scopes;
	note_use(r, &t);
	if (!within_rate(r, &t))
		return;
	if (!(t.scopes & rt->scope)) {
		api_error(r, 403, NULL,
			  arena_printf(r->arena, _("This API token does not have the %s scope this call needs. Create a token "
						   "with it under Account settings > API tokens."), scope_name(rt->scope)),
			  NULL);
		return;
	}
	if (u->must_change_password) {
		api_error(r, 403, NULL, _("Your password was reset, so your API tokens wait until you choose a new one: "
					  "sign in to Channel Center, change it, then try again."), NULL);
		return;
	}
	const char *refusal = route_guard_refusal(rt->who, u);
	if (refusal) {
		api_error(r, 403, NULL, refusal, NULL);
		return;
	}
	if (r->query.invalid_text) {
		api_error(r, 400, NULL, _("Some of the text in this address is not valid UTF-8 text, so nothing was done."),
			  NULL);
		return;
	}
	c.csv = rt->csv && wants_csv(r);
	if (!read_body(&c, rt))
		return;
	if (r->idempotency_key && strcmp(rt->method, "GET"))
		run_idempotent(&c, rt);
	else
		rt->handler(&c);
	json_object_put(c.body);
	if (!r->answered)
		api_error(r, 500, NULL, _("Something went wrong on our side. Try again in a minute."), NULL);
}
