/* list_query.c: the word-prefix search patterns and capped counts of the keyset-paged lists */
#include "list_query.h"

#include <string.h>

#include "i18n.h"
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
	arena *a = arena_new(256);  /* tpl_set copies the text */
	/* TRANSLATORS: %s is the most a searched list counts, with digit grouping: "1,000" */
	tpl_set(d, name, n > LIST_COUNT_CAP ? arena_printf(a, _("more than %s"), i18n_count(a, LIST_COUNT_CAP))
		: i18n_count(a, n));
	arena_free(a);
}
