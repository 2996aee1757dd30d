/* changes.c: the before and after JSON of the fields a change altered (changes.h) */
#include "domain/changes.h"

#include <json-c/json.h>
#include <string.h>

static const char *json_text(arena *a, json_object *o)
{
	const char *out = arena_strdup(a, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									 JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

void changes_json(arena *a, size_t n, const char *const keys[], const char *const before[],
		  const char *const after[], const char **before_json, const char **after_json)
{
	json_object *old = json_object_new_object(), *new = json_object_new_object();
	for (size_t i = 0; i < n; i++) {
		if (!keys[i] || (before && !strcmp(before[i], after[i])))
			continue;
		if (before)
			json_object_object_add(old, keys[i], json_object_new_string(before[i]));
		json_object_object_add(new, keys[i], json_object_new_string(after[i]));
	}
	*after_json = json_text(a, new);
	if (before) {
		*before_json = json_text(a, old);
	} else {
		json_object_put(old);
		*before_json = NULL;
	}
}
