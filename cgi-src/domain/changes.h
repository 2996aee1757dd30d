/* changes.h: the audit row's before and after values of a change to a form's fields: only the fields it
 * altered, so the activity log shows what changed (offers.c, providers.c) */
#ifndef CC_CHANGES_H
#define CC_CHANGES_H

#include <stddef.h>

#include "arena.h"

/* The fields among the N named by KEYS (a NULL key: not audited) whose value differs from BEFORE to AFTER, as
 * JSON objects of their old values (*BEFORE_JSON) and new ones (*AFTER_JSON). A NULL BEFORE is a new object:
 * every field is in *AFTER_JSON and *BEFORE_JSON is NULL. */
void changes_json(arena *a, size_t n, const char *const keys[], const char *const before[],
		  const char *const after[], const char **before_json, const char **after_json);

#endif
