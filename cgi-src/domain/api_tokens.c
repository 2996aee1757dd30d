/* api_tokens.c: making and revoking a partner user's API tokens, each change with its audit row. The token's
 * text leaves this module once, to be shown to its user; the database keeps its SHA-256 and last four
 * characters, so neither a database dump nor the audit log can be used to call the API. */
#include <sodium.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "domain/api_tokens.h"
#include "i18n.h"
#include "validate.h"

#define TOKEN_RANDOM_BYTES 32
#define NAME_MAX_CHARS 100
#define MAX_DAYS 365

/* TRANSLATORS: the scopes' names are the API's words (a script sends and reads them): keep them as they are. */
const api_token_scope api_token_scopes[API_TOKEN_N_SCOPES] = {
	{ 1u << 0, N_("read"), N_("Read everything you can see in the portal: customers, subscriptions, orders, users, relationships, offers and the activity log.") },
	{ 1u << 1, N_("orders"), N_("Place orders, change license counts and set support contacts.") },
	{ 1u << 2, N_("customers"), N_("Add new customers.") },
	{ 1u << 3, N_("users"), N_("Manage a customer's users and their licenses.") },
	{ 1u << 4, N_("relationships"), N_("Request partnerships and invite customers.") },
};

/* The names of SCOPES' bits joined by commas: the API's words, or (SHOWN) as the page's language shows them. */
static const char *scopes_joined(arena *a, unsigned scopes, bool shown)
{
	const char *text = "";
	for (int i = 0; i < API_TOKEN_N_SCOPES; i++) {
		if (!(scopes & api_token_scopes[i].bit))
			continue;
		const char *name = shown ? _(api_token_scopes[i].name) : api_token_scopes[i].name;
		text = *text ? arena_printf(a, "%s, %s", text, name) : name;
	}
	return text;
}

const char *api_tokens_scopes_text(arena *a, unsigned scopes)
{
	return scopes_joined(a, scopes, true);
}

/* A fresh token text in OUT: the prefix and the random bytes in unpadded URL-safe base64 (47 characters). */
static void new_token_text(char out[API_TOKEN_TEXT_SIZE])
{
	unsigned char random[TOKEN_RANDOM_BYTES];
	randombytes_buf(random, sizeof random);
	memcpy(out, API_TOKEN_PREFIX, strlen(API_TOKEN_PREFIX));
	sodium_bin2base64(out + strlen(API_TOKEN_PREFIX), API_TOKEN_TEXT_SIZE - strlen(API_TOKEN_PREFIX), random, sizeof random,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(random, sizeof random);
}

static outcome check_new_token(const char *name, unsigned scopes, int days)
{
	size_t chars = validate_utf8_chars(name);
	if (chars == 0)
		return outcome_invalid("name", _("Give the token a name, such as the script that will use it."));
	if (chars > NAME_MAX_CHARS)
		return outcome_invalid("name", _("The token's name is too long: use at most 100 characters."));
	if (!(scopes & ((1u << API_TOKEN_N_SCOPES) - 1)) || scopes >> API_TOKEN_N_SCOPES)
		return outcome_invalid("scope", _("Choose at least one scope: what the token may be used for."));
	if (days < 1 || days > MAX_DAYS)
		return outcome_invalid("expires_days", _("Choose when the token expires: in 1 to 365 days."));
	return outcome_ok(0);
}

typedef struct {
	arena *a;
	const actor *who;
	const char *name;
	unsigned scopes;
	int days;
	char *text;
} token_new;

static outcome create_token(void *ctx)
{
	token_new *c = ctx;
	const user *u = c->who->user;
	new_token_text(c->text);
	unsigned char hash[crypto_hash_sha256_BYTES];
	size_t len = strlen(c->text);
	crypto_hash_sha256(hash, (const unsigned char *)c->text, len);
	const char *hint = c->text + len - 4;
	unsigned long long id = 0;
	int rc = db_exec("INSERT INTO api_tokens (user_id, org_id, name, token_hash, token_hint, scopes, expires_at) "
			 "VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? DAY)",
			 DB_ARGS(DB_INT(u->id), DB_INT(u->org_id), DB_STR(c->name), DB_BLOB(hash, sizeof hash),
				 DB_STR(hint), DB_INT(c->scopes), DB_INT(c->days)),
			 NULL, &id);
	if (rc != DB_OK)
		return outcome_failed(rc);
	const char *scopes = scopes_joined(c->a, c->scopes, false);
	const char *days = arena_printf(c->a, "%d", c->days);
	rc = domain_audit(c->who, (audit_entry){
		.action = "api_token.created", .object_type = "api_token", .object_id = (long long)id,
		.detail = arena_printf(c->a, "%s made API token \"%s\" (%s) for %d days in %s", u->upn, c->name, scopes,
				       c->days, u->org_name),
		.before_json = domain_json(c->a, NULL),
		.after_json = domain_json(c->a, "name", c->name, "scopes", scopes, "expiresDays", days, "hint", hint, NULL) });
	return rc == DB_OK ? outcome_ok((long long)id) : outcome_failed(rc);
}

outcome api_tokens_create(arena *a, const actor *who, const char *name, unsigned scopes, int expires_days,
			  char out_text[API_TOKEN_TEXT_SIZE])
{
	out_text[0] = '\0';
	name = validate_trim(a, name);
	outcome o = check_new_token(name, scopes, expires_days);
	if (!outcome_is_ok(&o))
		return o;
	token_new c = { a, who, name, scopes, expires_days, out_text };
	o = domain_tx(create_token, &c);
	if (!outcome_is_ok(&o))
		sodium_memzero(out_text, API_TOKEN_TEXT_SIZE);
	return o;
}

typedef struct {
	arena *a;
	const actor *who;
	long long id;
	rights_api_token token;  /* its name and user, read under the rights check */
} token_revoke;

static outcome revoke_token(void *ctx)
{
	token_revoke *c = ctx;
	const rights_api_token *t = &c->token;
	outcome o = outcome_of_rights(rights_for_api_token(c->a, c->who->user, c->id, &c->token), RIGHTS_API_TOKEN);
	if (!outcome_is_ok(&o))
		return o;
	if (t->revoked)
		return outcome_refused(OUTCOME_CONFLICT, 0, _("This API token was already revoked: it no longer works."));
	unsigned long long changed = 0;
	int rc = db_exec("UPDATE api_tokens SET revoked_at = UTC_TIMESTAMP(), revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
			 DB_ARGS(DB_INT(c->who->user->id), DB_INT(c->id)), &changed, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (changed != 1)
		return outcome_refused(OUTCOME_CONFLICT, 0, _("This API token was already revoked: it no longer works."));
	rc = domain_audit(c->who, (audit_entry){
		.action = "api_token.revoked", .object_type = "api_token", .object_id = c->id,
		.detail = arena_printf(c->a, "%s revoked API token \"%s\" of %s in %s", c->who->user->upn, t->name,
				       t->owner_upn, c->who->user->org_name),
		.before_json = domain_json(c->a, "name", t->name, "state", "active", NULL),
		.after_json = domain_json(c->a, "name", t->name, "state", "revoked", NULL) });
	return rc == DB_OK ? outcome_ok(c->id) : outcome_failed(rc);
}

outcome api_tokens_revoke(arena *a, const actor *who, long long token_id)
{
	token_revoke c = { a, who, token_id, { 0 } };
	return domain_tx(revoke_token, &c);
}
