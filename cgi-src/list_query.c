/* list_query.c: the word-prefix search patterns and capped counts of the keyset-paged lists */
#include "list_query.h"

#include <string.h>

#include "validate.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

list_words list_search_words(arena *a, const char *q)
{
	list_words w = { .like = { "", "", "", "" } };
	for (const char *p = q; *p;) {
		if (blank(*p)) {
			p++;
			continue;
		}
		const char *start = p;
		while (*p && !blank(*p))
			p++;
		if (w.count < LIST_WORDS_MAX)
			w.like[w.count] = validate_like_prefix(a, "% ", start, (size_t)(p - start));
		w.count++;
	}
	return w;
}

void list_set_count(tpl_dict *d, const char *name, long long n)
{
	if (n > LIST_COUNT_CAP)
		tpl_set_printf(d, name, "more than %d,%03d", LIST_COUNT_CAP / 1000, LIST_COUNT_CAP % 1000);
	else
		tpl_set_int(d, name, n);
}
