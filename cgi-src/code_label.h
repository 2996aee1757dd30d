/* code_label.h: tables of stored codes and the words a page shows for them ("order.placed": "Order placed"),
 * the words marked N_() for the catalog and translated by the caller: the activity log's actions, the mail
 * outbox's delivery states, the enrollment review's statuses */
#ifndef CC_CODE_LABEL_H
#define CC_CODE_LABEL_H

#include <stddef.h>
#include <string.h>

typedef struct {
	const char *code, *label;
} code_label;

#define CODE_LABELS_COUNT(TABLE) (sizeof (TABLE) / sizeof (TABLE)[0])

/* The label of CODE in the N entries of TABLE (untranslated), or NULL when it has none. */
static inline const char *code_label_find(const code_label *table, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(table[i].code, code))
			return table[i].label;
	return NULL;
}

#endif
