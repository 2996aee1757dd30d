/* api_contract.c: the partner API's contract, GET /v1/openapi.json: the OpenAPI 3.1 document make merges from
 * the fragments of api/openapi/ into build/openapi.json, read once when the worker starts and served as it is,
 * to anyone (a partner reads it before they have a token) */
#include "api/api.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "config.h"

static strbuf document = STRBUF_INIT;

/* PATH's whole content into OUT: 0, or -1 with why in ERR. */
static int read_whole_file(const char *path, strbuf *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	char chunk[16 * 1024];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(out, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad)
		snprintf(err, errlen, "read error");
	return bad ? -1 : 0;
}

/* The document must be one JSON object: a truncated or hand-broken file stops the worker, not a partner's client. */
static bool is_json_object(const strbuf *text)
{
	json_tokener *tok = json_tokener_new();
	json_object *doc = json_tokener_parse_ex(tok, text->data, (int)text->len);
	bool whole = doc && json_tokener_get_error(tok) == json_tokener_success &&
		     json_tokener_get_parse_end(tok) == text->len && json_object_is_type(doc, json_type_object);
	json_object_put(doc);
	json_tokener_free(tok);
	return whole;
}

int api_contract_init(const struct config *c)
{
	char path[600], err[256];
	snprintf(path, sizeof path, "%s/build/openapi.json", c->root_dir);
	strbuf_reset(&document);
	if (read_whole_file(path, &document, err, sizeof err) != 0) {
		fprintf(stderr, "worker: the API's contract: cannot read %s (make all writes it from api/openapi/): %s\n",
			path, err);
		return -1;
	}
	if (!is_json_object(&document)) {
		fprintf(stderr, "worker: the API's contract: %s is not one JSON object; run make all to write it again "
				"from api/openapi/\n", path);
		return -1;
	}
	return 0;
}

static void get_openapi(api_call *c)
{
	request *r = c->r;
	strbuf_reset(r->body);
	strbuf_add(r->body, document.data, document.len);
	r->status = 200;
	r->answered = true;
	r->content_type_out = "application/json; charset=utf-8";
}

const api_route api_contract_routes[] = {
	{ "GET", "/v1/openapi.json", get_openapi, WHO_ANYONE, API_SCOPE_NONE, NULL, false },
	{ 0 },
};
