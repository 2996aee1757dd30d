/* domain.c: the actor, outcomes, the one transaction and the audit row every domain module uses (domain.h) */
#include "domain/domain.h"

#include <json-c/json.h>
#include <stdarg.h>

#include "auth.h"
#include "db.h"

/* db_transaction's code for "CHANGE refused": positive, so never a DB_* code; it rolls back like any other */
enum { REFUSED = 1 };

actor actor_of(const request *r)
{
	return (actor){ .user = r->user, .client_ip = r->remote_addr };
}

outcome outcome_of_rights(rights_rc rc, rights_kind kind)
{
	if (rc == RIGHTS_OK)
		return outcome_ok(0);
	if (rc == RIGHTS_NONE)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, rights_not_found_text(kind));
	return outcome_failed(DB_ERROR);
}

int outcome_status(const outcome *o)
{
	switch (o->kind) {
	case OUTCOME_OK: return 200;
	case OUTCOME_INVALID: return 400;
	case OUTCOME_FORBIDDEN: return 403;
	case OUTCOME_NOT_FOUND: return 404;
	case OUTCOME_CONFLICT: return 409;
	case OUTCOME_GONE: return 410;
	case OUTCOME_FAILED: break;
	}
	return o->db_rc == DB_BUG ? 500 : 503;
}

typedef struct {
	outcome (*change)(void *ctx);
	void *ctx;
	outcome result;
} tx_run;

static int run_change(void *ctx)
{
	tx_run *t = ctx;
	t->result = t->change(t->ctx);
	if (t->result.kind == OUTCOME_OK)
		return DB_OK;
	if (t->result.kind == OUTCOME_FAILED)
		return t->result.db_rc < 0 ? t->result.db_rc : DB_ERROR;  /* DB_RETRY replays it */
	return REFUSED;
}

outcome domain_tx(outcome (*change)(void *ctx), void *ctx)
{
	if (db_in_transaction())
		return change(ctx);
	tx_run t = { .change = change, .ctx = ctx };
	int rc = db_transaction(run_change, &t);
	if (rc == DB_OK || rc == REFUSED)
		return t.result;
	return outcome_failed(rc);
}

int domain_audit(const actor *who, audit_entry e)
{
	if (who->user) {
		if (!e.user_id)
			e.user_id = who->user->id;
		if (!e.org_id)
			e.org_id = who->user->org_id;
	}
	if (!e.client_ip)
		e.client_ip = who->client_ip;
	return audit_change(&e);
}

const char *domain_json(arena *a, const char *key, ...)
{
	json_object *o = json_object_new_object();
	va_list ap;
	va_start(ap, key);
	for (; key; key = va_arg(ap, const char *)) {
		const char *value = va_arg(ap, const char *);
		json_object_object_add(o, key, value ? json_object_new_string(value) : NULL);
	}
	va_end(ap);
	const char *out = arena_strdup(a, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}
