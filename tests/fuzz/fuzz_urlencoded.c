/* fuzz_urlencoded.c: libFuzzer harness for query strings and urlencoded bodies (http_parse_urlencoded,
 * http_url_decode): no crash, no leak, and every pair a handler can see is UTF-8 text */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

static arena *a;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!a)
		a = arena_new(4096);
	/* not NUL-terminated, as a body read to CONTENT_LENGTH is not: the parser must stay within SIZE */
	char *copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	http_params p = { 0 };
	http_parse_urlencoded(a, &p, copy, size);
	size_t pairs = 0;
	for (size_t i = 0; i < size; i++)
		pairs += copy[i] == '&';
	if (p.len > pairs + 1)
		abort();
	for (size_t i = 0; i < p.len; i++) {
		const http_param *x = &p.items[i];
		if (!*x->name || !http_utf8_valid(x->name, strlen(x->name)) ||
		    !http_utf8_valid(x->value, strlen(x->value)) || strlen(x->value) > size)
			abort();
		if (http_param_get(&p, x->name) == NULL)
			abort();
	}
	char *decoded = http_url_decode(a, copy, size);
	if (strlen(decoded) > size)
		abort();
	free(copy);
	arena_reset(a);
	return 0;
}
