/* list_query.c: the word-prefix search text and capped counts of the keyset-paged lists */
#include "list_query.h"

#include <string.h>

/* A byte that belongs to a word: ASCII letters and digits, and every byte of a non-ASCII character. */
static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

const char *list_word_prefixes(arena *a, const char *q)
{
	/* each byte of Q yields at most itself plus "+" before and "* " after its word */
	char *out = arena_alloc(a, 3 * strlen(q) + 1), *o = out;
	for (const char *p = q; *p;) {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		if (o > out)
			*o++ = ' ';
		*o++ = '+';
		while (*p && word_byte((unsigned char)*p))
			*o++ = *p++;
		*o++ = '*';
	}
	*o = '\0';
	return out;
}

void list_set_count(tpl_dict *d, const char *name, long long n)
{
	if (n > LIST_COUNT_CAP)
		tpl_set_printf(d, name, "more than %d,%03d", LIST_COUNT_CAP / 1000, LIST_COUNT_CAP % 1000);
	else
		tpl_set_int(d, name, n);
}
