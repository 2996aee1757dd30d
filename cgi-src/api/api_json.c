/* api_json.c: what the partner API answers (JSON objects, collections, errors in the pages' words) and the
 * strict reading of request bodies against a route's fields */
#include "api/api.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "i18n.h"
#include "view.h"

/* The error codes, one per status, camelCase like the vendor's API. */
static const char *code_of_status(int status)
{
	switch (status) {
	case 400: return "invalidRequest";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "notFound";
	case 405: return "methodNotAllowed";
	case 406: return "notAcceptable";
	case 408: return "requestTimeout";
	case 409: return "conflict";
	case 410: return "gone";
	case 413: return "payloadTooLarge";
	case 414: return "uriTooLong";
	case 415: return "unsupportedMediaType";
	case 429: return "tooManyRequests";
	case 502: return "badGateway";
	case 503: return "unavailable";
	case 504: return "gatewayTimeout";
	default: return status >= 500 ? "internalError" : "invalidRequest";
	}
}

static void answer(request *r, int status, json_object *obj)
{
	strbuf_reset(r->body);
	size_t len;
	const char *text = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE,
							     &len);
	strbuf_add(r->body, text, len);
	json_object_put(obj);
	r->status = status;
	r->answered = true;
	r->content_type_out = "application/json; charset=utf-8";
}

void api_json(api_call *c, int status, json_object *obj)
{
	answer(c->r, status, obj);
}

void api_error(request *r, int status, const char *code, const char *description, const char *field)
{
	json_object *e = json_object_new_object();
	api_put(e, "code", json_object_new_string(code ? code : code_of_status(status)));
	api_put(e, "description", json_object_new_string(description));
	if (field)
		api_put(e, "field", json_object_new_string(field));
	answer(r, status, e);
}

void api_outcome(api_call *c, const outcome *o)
{
	if (o->kind == OUTCOME_FAILED) {
		api_unavailable(c);
		return;
	}
	api_error(c->r, outcome_status(o), NULL, o->message, o->field);
}

void api_not_granted(api_call *c, rights_rc rc, rights_kind kind)
{
	if (rc == RIGHTS_FAILED)
		api_unavailable(c);
	else
		api_error(c->r, 404, NULL, rights_not_found_text(kind), NULL);
}

bool api_customer_of_path(api_call *c, rights_customer *out)
{
	rights_rc rc = rights_for_customer(c->r->arena, c->r->user, c->id[0], out);
	if (rc != RIGHTS_OK)
		api_not_granted(c, rc, RIGHTS_CUSTOMER);
	return rc == RIGHTS_OK;
}

void api_unavailable(api_call *c)
{
	/* view_error words a timeout, a bug and an outage as the pages do, and answers JSON for /v1/ */
	view_error(c->r, 503, _("Channel Center cannot reach its database right now, so nothing was read or changed. "
				 "Try again in a minute."));
}

void api_collection(api_call *c, json_object *items, const char *continuation)
{
	json_object *o = json_object_new_object();
	api_put(o, "totalCount", json_object_new_int64((int64_t)json_object_array_length(items)));
	api_put(o, "items", items);
	if (continuation) {
		api_put(o, "continuationToken", json_object_new_string(continuation));
		/* the same query with the next page's token in place of this page's */
		strbuf uri = STRBUF_INIT;
		strbuf_puts(&uri, c->r->path);
		char sep = '?';
		for (size_t i = 0; i < c->r->query.len; i++) {
			if (!strcmp(c->r->query.items[i].name, "continuationToken"))
				continue;
			strbuf_printf(&uri, "%c%s=%s", sep, view_url_escape(c->r, c->r->query.items[i].name),
				      view_url_escape(c->r, c->r->query.items[i].value));
			sep = '&';
		}
		strbuf_printf(&uri, "%ccontinuationToken=%s", sep, view_url_escape(c->r, continuation));
		json_object *next = json_object_new_object();
		api_put(next, "uri", json_object_new_string(strbuf_cstr(&uri)));
		api_put(next, "method", json_object_new_string("GET"));
		json_object *links = json_object_new_object();
		api_put(links, "next", next);
		api_put(o, "links", links);
		strbuf_release(&uri);
	}
	answer(c->r, 200, o);
}

seek api_continuation(const api_call *c)
{
	/* the token is the pages' ?after= cursor: http_seek reads it from a request that has only that */
	request q = { .arena = c->r->arena };
	const char *token = http_query(c->r, "continuationToken");
	if (*token)
		http_param_add(q.arena, &q.query, "after", token);
	return http_seek(&q);
}

json_object *api_string(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

json_object *api_id(long long id)
{
	if (id <= 0)
		return NULL;
	char text[24];
	int n = snprintf(text, sizeof text, "%lld", id);
	return json_object_new_string_len(text, n);
}

json_object *api_time(const char *sql_time)
{
	if (!sql_time || strlen(sql_time) < 19)
		return NULL;
	char iso[21];
	memcpy(iso, sql_time, 19);
	iso[10] = 'T';
	iso[19] = 'Z';
	iso[20] = '\0';
	return json_object_new_string_len(iso, 20);
}

void api_put(json_object *obj, const char *key, json_object *value)
{
	json_object_object_add(obj, key, value);
}

json_object *api_body_get(json_object *o, const char *name)
{
	json_object *v = NULL;
	return o && json_object_object_get_ex(o, name, &v) ? v : NULL;
}

const char *api_body_string(json_object *o, const char *name)
{
	json_object *v = api_body_get(o, name);
	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";
}

long long api_body_int(json_object *o, const char *name)
{
	json_object *v = api_body_get(o, name);
	return v && json_object_is_type(v, json_type_int) ? (long long)json_object_get_int64(v) : 0;
}

bool api_body_bool(json_object *o, const char *name)
{
	json_object *v = api_body_get(o, name);
	return v && json_object_is_type(v, json_type_boolean) && json_object_get_boolean(v);
}

long long api_body_id(json_object *o, const char *name)
{
	json_object *v = api_body_get(o, name);
	if (v && json_object_is_type(v, json_type_int))
		return json_object_get_int64(v) > 0 ? (long long)json_object_get_int64(v) : 0;
	return v && json_object_is_type(v, json_type_string) ? http_id(json_object_get_string(v)) : 0;
}

/* ---- checking a body ---- */

static const char *type_name(api_type t)
{
	switch (t) {
	case API_STRING: return _("a string");
	case API_INTEGER: return _("an integer");
	case API_BOOLEAN: return _("true or false");
	case API_OBJECT: return _("an object");
	case API_ARRAY: return _("an array");
	}
	return "";
}

static bool has_type(json_object *v, api_type t)
{
	switch (t) {
	case API_STRING: return json_object_is_type(v, json_type_string);
	case API_INTEGER: return json_object_is_type(v, json_type_int);
	case API_BOOLEAN: return json_object_is_type(v, json_type_boolean);
	case API_OBJECT: return json_object_is_type(v, json_type_object);
	case API_ARRAY: return json_object_is_type(v, json_type_array);
	}
	return false;
}

static const api_field *field_named(const api_field *fields, const char *name)
{
	for (const api_field *f = fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

/* V, the value of F at NAME: NULL, or why it is refused. */
static const char *check_value(arena *a, json_object *v, const api_field *f, const char *name, const char **field);

static const char *check_array(arena *a, json_object *v, const api_field *f, const char *name, const char **field)
{
	size_t n = json_object_array_length(v);
	if (f->max && (long long)n > f->max)
		return arena_printf(a, _("%s has %zu items; at most %lld are accepted."), name, n, f->max);
	for (size_t i = 0; i < n; i++) {
		json_object *item = json_object_array_get_idx(v, i);
		const char *at = arena_printf(a, "%s[%zu]", name, i);
		const char *problem;
		if (f->fields) {
			if (!json_object_is_type(item, json_type_object)) {
				*field = at;
				return arena_printf(a, _("%s must be an object."), at);
			}
			problem = api_check_fields(a, item, f->fields, arena_printf(a, "%s.", at), field);
		} else {
			api_field scalar = { .name = f->name, .type = f->items };
			problem = check_value(a, item, &scalar, at, field);
		}
		if (problem)
			return problem;
	}
	return NULL;
}

static const char *check_value(arena *a, json_object *v, const api_field *f, const char *name, const char **field)
{
	*field = name;
	if (!v || !has_type(v, f->type))
		return arena_printf(a, _("%s must be %s."), name, type_name(f->type));
	if (f->type == API_STRING) {
		const char *s = json_object_get_string(v);
		size_t chars = 0;
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			chars += (*p & 0xc0) != 0x80;
		if ((size_t)json_object_get_string_len(v) != strlen(s))
			return arena_printf(a, _("%s must not contain a NUL character."), name);
		if (f->max && (long long)chars > f->max)
			return arena_printf(a, _("%s is %zu characters long; at most %lld are accepted."), name, chars,
					    f->max);
	}
	if (f->type == API_INTEGER && f->max && json_object_get_int64(v) > f->max)
		return arena_printf(a, _("%s is larger than %lld, the most accepted."), name, f->max);
	if (f->type == API_OBJECT && f->fields)
		return api_check_fields(a, v, f->fields, arena_printf(a, "%s.", name), field);
	if (f->type == API_ARRAY)
		return check_array(a, v, f, name, field);
	*field = NULL;
	return NULL;
}

const char *api_check_fields(arena *a, json_object *obj, const api_field *fields, const char *path,
			     const char **field)
{
	json_object_object_foreach(obj, key, value) {
		const char *name = arena_printf(a, "%s%s", path, key);
		const api_field *f = field_named(fields, key);
		if (!f) {
			*field = name;
			return arena_printf(a, _("%s is not a field of this request. Leave it out (the fields are listed in "
						 "/v1/openapi.json)."), name);
		}
		if (json_object_is_type(value, json_type_null) && !f->required)
			continue;
		const char *problem = check_value(a, value, f, name, field);
		if (problem)
			return problem;
	}
	for (const api_field *f = fields; f->name; f++)
		if (f->required && !api_body_get(obj, f->name)) {
			*field = arena_printf(a, "%s%s", path, f->name);
			return arena_printf(a, _("%s is missing; it is required."), *field);
		}
	*field = NULL;
	return NULL;
}
