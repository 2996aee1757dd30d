/* fuzz_utf8.c: libFuzzer harness for the UTF-8 check (http_utf8_valid) against a second, independent
 * reading of RFC 3629: decode each code point, then refuse overlongs, surrogates and > U+10FFFF */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "http.h"

static bool reference_valid(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint8_t c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (!len || i + len > n)
			return false;
		uint32_t cp = len == 1 ? c : c & (0x7f >> len);
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		static const uint32_t shortest[] = { 0, 0, 0x80, 0x800, 0x10000 };
		if (cp < shortest[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (http_utf8_valid((const char *)data, size) != reference_valid(data, size))
		abort();
	return 0;
}
