/* fuzz_cookies.c: libFuzzer harness for the Cookie header parser (http_parse_cookies): no crash, no
 * leak, every cookie kept has a name and is UTF-8 text */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

static arena *a;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!a)
		a = arena_new(4096);
	char *header = malloc(size + 1);  /* a header arrives as a C string from libfcgi */
	memcpy(header, data, size);
	header[size] = '\0';
	http_params p = { 0 };
	http_parse_cookies(a, &p, header);
	for (size_t i = 0; i < p.len; i++) {
		const http_param *c = &p.items[i];
		if (!*c->name || strchr(c->name, ';') || strchr(c->value, ';') ||
		    !http_utf8_valid(c->name, strlen(c->name)) || !http_utf8_valid(c->value, strlen(c->value)))
			abort();
	}
	free(header);
	arena_reset(a);
	return 0;
}
