/* api.h: the partner API under /v1/ (JSON, named after the vendor's Partner Center REST API), what every
 * resource file of cgi-src/api/ shares: its route tables, the call a handler gets, the JSON it answers with,
 * the strict reading of request bodies.
 *
 * A call carries "Authorization: Bearer TOKEN" (Account settings > API tokens); cookies are ignored, so a
 * browser session cannot call it and there is nothing to forge across sites. The dispatcher (api.c) finds the
 * route, checks the token (unknown, expired, revoked: 401), loads the token's user afresh (gone from the
 * account: 401), checks the route's scope and the same organization kind and roles as the page (403), counts
 * the call against the token's rate limit (429), reads and checks the body against the route's fields (400
 * naming the field), and runs a write that carries an Idempotency-Key exactly once. Handlers then do what the
 * page does: the same rights (rights.c, a foreign object is 404) and the same domain functions, whose
 * refusals become { "code": ..., "description": ... } with the page's words (api_outcome). */
#ifndef CC_API_H
#define CC_API_H

#include <json-c/json.h>
#include <stdbool.h>

#include "domain/domain.h"
#include "http.h"

/* What a token may be used for; each route needs one. */
enum {
	API_SCOPE_READ = 1 << 0,          /* every GET */
	API_SCOPE_ORDERS = 1 << 1,        /* orders, license counts, support contacts */
	API_SCOPE_CUSTOMERS = 1 << 2,     /* new customers */
	API_SCOPE_USERS = 1 << 3,         /* a customer's users and their licenses */
	API_SCOPE_RELATIONSHIPS = 1 << 4, /* partnership requests, customer invitations */
	API_SCOPE_NONE = 0,               /* public: /v1/openapi.json */
};

/* The fields a request body may have: anything else, a wrong type or an oversized value is a 400 naming the
 * field. A list of fields ends with { 0 }. */
typedef enum { API_STRING = 1, API_INTEGER, API_BOOLEAN, API_OBJECT, API_ARRAY } api_type;
typedef struct api_field {
	const char *name;
	api_type type;
	bool required;
	long long max;                  /* characters of a string, items of an array, value of an integer (0: none) */
	const struct api_field *fields; /* API_OBJECT's fields; API_ARRAY: each item is an object of these */
	api_type items;                 /* API_ARRAY of scalars: their type (when FIELDS is NULL) */
} api_field;

typedef struct api_call {
	request *r;
	long long id[2];        /* the path's {id}s in order (digits; 0 when out of range: the object's 404) */
	json_object *body;      /* the checked body of a POST/PUT/PATCH (an object), NULL for none */
	long long token_id;
	unsigned scopes;        /* the token's */
	bool csv;               /* the caller asked for text/csv (Accept) on a route that offers it */
	const char *replay_body;  /* set by a handler whose answer holds a one-time secret: what a retry with the
				   * same Idempotency-Key gets instead (the secret left out); NULL: the answer */
} api_call;

typedef void (*api_handler)(api_call *c);

typedef struct {
	const char *method;
	const char *pattern;      /* "/v1/customers/{id}/subscriptions/{id}" */
	api_handler handler;
	unsigned who;             /* WHO_* of app.h: the same organization kinds and roles as the page */
	unsigned scope;           /* API_SCOPE_* the token needs */
	const api_field *body;    /* the body a write takes; NULL: none */
	bool csv;                 /* also answers Accept: text/csv */
} api_route;

/* The route tables, one per resource file, each ended by { 0 }. */
extern const api_route api_relationship_routes[];  /* api_relationships.c */
extern const api_route api_customer_routes[];      /* api_customers.c */
extern const api_route api_order_routes[];         /* api_orders.c */
extern const api_route api_user_routes[];          /* api_users.c */
extern const api_route api_catalog_routes[];       /* api_catalog.c: offers, audit records */
extern const api_route api_contract_routes[];      /* api_contract.c: /v1/openapi.json */
extern const api_route api_me_routes[];            /* api_me.c: the token's user and scopes */

struct config;
/* The API's settings (API_RATE_PER_MINUTE) and its contract (api_contract_init), once per worker: 0, or -1 with
 * the reason logged (the worker must not start). */
int api_init(const struct config *c);
/* Read ROOT_DIR/build/openapi.json, which GET /v1/openapi.json serves: 0, or -1 with the reason logged. */
int api_contract_init(const struct config *c);
/* Answer a /v1/ request (app_handle sends every path under /v1/ here, before any session or CSRF check). */
void api_handle(request *r);

/* ---- answers (api_json.c) ---- */

/* Answer STATUS with OBJ as JSON (OBJ is released). */
void api_json(api_call *c, int status, json_object *obj);
/* Answer STATUS with { "code": CODE, "description": DESCRIPTION } (and "field" when FIELD is not NULL). */
void api_error(request *r, int status, const char *code, const char *description, const char *field);
/* Answer a domain function's refusal or failure: its status, a code for its kind, its message. */
void api_outcome(api_call *c, const outcome *o);
/* Answer a rights check that did not grant: KIND's 404 text, or a 503. */
void api_not_granted(api_call *c, rights_rc rc, rights_kind kind);
/* The customer of the path's first {id} (C->id[0]) in *OUT, when the token's organization is one of its live
 * partners of record; else false, with its 404 (or 503) answered. */
bool api_customer_of_path(api_call *c, rights_customer *out);
/* A database failure while reading: 503 (or 500 for a bug), saying what could not be read. */
void api_unavailable(api_call *c);

/* A collection: { "totalCount": N, "items": ITEMS, "links": { "next": { "uri", "method" } } }, the next link
 * present when CONTINUATION is not NULL (then "continuationToken" too). ITEMS is released. */
void api_collection(api_call *c, json_object *items, const char *continuation);
/* The seek position of ?continuationToken= (the first page when none or malformed). */
seek api_continuation(const api_call *c);

/* ---- values ---- */
json_object *api_string(const char *s);          /* a JSON string; NULL (JSON null) for NULL */
json_object *api_id(long long id);               /* an id as JSON: "42"; null for 0 */
/* MariaDB's "YYYY-MM-DD HH:MM:SS" (UTC) as ISO 8601 "YYYY-MM-DDTHH:MM:SSZ"; null for "" */
json_object *api_time(const char *sql_time);
/* Add KEY: VALUE to OBJ (VALUE released with OBJ). */
void api_put(json_object *obj, const char *key, json_object *value);

/* ---- reading a checked body (the dispatcher has already refused anything the route's fields forbid) ---- */
const char *api_body_string(json_object *o, const char *name);  /* "" when absent or null */
long long api_body_int(json_object *o, const char *name);       /* 0 when absent */
bool api_body_bool(json_object *o, const char *name);
json_object *api_body_get(json_object *o, const char *name);     /* NULL when absent */
/* An id the client sent as a string ("42") or a number: 0 when it is not a positive number. */
long long api_body_id(json_object *o, const char *name);
/* Check OBJ against FIELDS (at PATH: "" for the body, else "lineItems[0]."): NULL, or the refusal's text with
 * *FIELD the field's name. Exposed for the unit test. */
const char *api_check_fields(arena *a, json_object *obj, const api_field *fields, const char *path,
			     const char **field);

#endif
