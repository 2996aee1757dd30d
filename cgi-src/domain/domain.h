/* domain.h: what every domain module (cgi-src/domain/) shares: who a change is made by (the actor), the
 * typed outcome a change returns, the one transaction a change runs in, and its audit row.
 *
 * A state change of the product is one function of a domain module. It takes the actor, checks the actor's
 * right on the object (rights.c), validates, writes, and writes its audit row (domain_audit), all inside one
 * transaction (domain_tx), and returns an outcome. A refusal names its cause and what to do about it: the
 * text a page shows and an API returns. Pages read the request, call one such function and render. */
#ifndef CC_DOMAIN_H
#define CC_DOMAIN_H

#include "arena.h"
#include "audit_chain.h"
#include "http.h"
#include "rights.h"

struct user;

/* Who makes a change: the signed-in user (NULL for someone enrolling or following an emailed link, whose
 * audit row then names no user) and the client address the request came from. */
typedef struct actor {
	const struct user *user;
	const char *client_ip;
} actor;

/* The actor of request R. */
actor actor_of(const request *r);

typedef enum {
	OUTCOME_OK,
	OUTCOME_INVALID,    /* 400: the input is wrong; MESSAGE says how (FIELD: the form field, or NULL) */
	OUTCOME_FORBIDDEN,  /* 403: the actor sees the object but may not change it; MESSAGE says who may */
	OUTCOME_NOT_FOUND,  /* 404: no such object for this actor (missing or someone else's: one answer) */
	OUTCOME_CONFLICT,   /* 409: the object's state refuses the change (already done, ended, taken) */
	OUTCOME_GONE,       /* 410: an emailed link that has expired or was used */
	OUTCOME_FAILED,     /* the database failed: DB_RC says how (DB_UNKNOWN: the change may have been saved) */
} outcome_kind;

typedef struct {
	outcome_kind kind;
	int db_rc;            /* OUTCOME_FAILED: the DB_* code */
	int code;             /* a refusal's module-specific reason (0: none), for a page that words it itself */
	const char *message;  /* a refusal: its cause and what to do about it */
	const char *field;    /* OUTCOME_INVALID: the form field it is about, or NULL */
	long long id;         /* OUTCOME_OK: the object created or changed */
} outcome;

static inline outcome outcome_ok(long long id)
{
	return (outcome){ .kind = OUTCOME_OK, .id = id };
}

static inline outcome outcome_refused(outcome_kind kind, int code, const char *message)
{
	return (outcome){ .kind = kind, .code = code, .message = message };
}

static inline outcome outcome_invalid(const char *field, const char *message)
{
	return (outcome){ .kind = OUTCOME_INVALID, .field = field, .message = message };
}

static inline outcome outcome_failed(int db_rc)
{
	return (outcome){ .kind = OUTCOME_FAILED, .db_rc = db_rc };
}

static inline bool outcome_is_ok(const outcome *o)
{
	return o->kind == OUTCOME_OK;
}

/* A rights check's answer as an outcome: RIGHTS_NONE is KIND's 404 text, RIGHTS_FAILED a database failure;
 * RIGHTS_OK gives OUTCOME_OK. */
outcome outcome_of_rights(rights_rc rc, rights_kind kind);

/* The HTTP status of O: 200, 400, 403, 404, 409, 410, or for a failure 500 (DB_BUG) or 503. */
int outcome_status(const outcome *o);

/* Run CHANGE(CTX) in one transaction and return its outcome: committed when it is OUTCOME_OK, rolled back
 * otherwise, so a refusal writes nothing. Called from inside another domain_tx it joins that transaction
 * (the outer change then returns the refusal too). A deadlock or a lost connection before COMMIT replays
 * CHANGE once (db_transaction), so CHANGE must set its CTX results afresh each time; a commit whose outcome
 * is unknown is OUTCOME_FAILED with DB_UNKNOWN. */
outcome domain_tx(outcome (*change)(void *ctx), void *ctx);

/* Write the audit row of the change WHO is making (E's user, organization and client address are filled in
 * from WHO when E leaves them 0 / NULL), inside the change's transaction: a DB_* code. */
int domain_audit(const actor *who, audit_entry e);

/* A JSON object of string values for audit_entry's before_json / after_json: pairs of key and value
 * (a NULL value is JSON null) ended by a NULL key. "{}" when there is none. */
const char *domain_json(arena *a, const char *key, ...);

#endif
