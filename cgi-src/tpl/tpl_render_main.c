/* tpl_render_main.c: bin/tpl-render, renders a template with a JSON dictionary (used by the differential test) */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "strbuf.h"
#include "tpl.h"

static int fill(tpl_dict *d, json_object *obj);

/* An object value or array element: an include dictionary if it names a __file__, else a section. */
static int add_child(tpl_dict *d, const char *key, json_object *v) {
	if (!json_object_is_type(v, json_type_object)) {
		fprintf(stderr, "tpl-render: %s: arrays must hold objects\n", key);
		return -1;
	}
	json_object *file;
	if (json_object_object_get_ex(v, "__file__", &file))
		return fill(tpl_add_include(d, key, json_object_get_string(file)), v);
	return fill(tpl_add_section(d, key), v);
}

static int fill(tpl_dict *d, json_object *obj) {
	json_object_object_foreach(obj, key, v) {
		if (strcmp(key, "__file__") == 0)
			continue;
		switch (json_object_get_type(v)) {
		case json_type_string:
			tpl_set_len(d, key, json_object_get_string(v), (size_t)json_object_get_string_len(v));
			break;
		case json_type_int:
		case json_type_double:
			tpl_set(d, key, json_object_get_string(v));
			break;
		case json_type_boolean:
			if (json_object_get_boolean(v))
				tpl_show_section(d, key);
			break;
		case json_type_null:
			break;
		case json_type_object:
			if (add_child(d, key, v) != 0)
				return -1;
			break;
		case json_type_array:
			for (size_t i = 0; i < json_object_array_length(v); i++)
				if (add_child(d, key, json_object_array_get_idx(v, i)) != 0)
					return -1;
			break;
		}
	}
	return 0;
}

int main(int argc, char **argv) {
	tpl_strip strip = TPL_DO_NOT_STRIP;
	int i = 1;
	if (i < argc && strncmp(argv[i], "--strip=", 8) == 0) {
		const char *s = argv[i] + 8;
		if (strcmp(s, "none") == 0)
			strip = TPL_DO_NOT_STRIP;
		else if (strcmp(s, "blank") == 0)
			strip = TPL_STRIP_BLANK_LINES;
		else if (strcmp(s, "whitespace") == 0)
			strip = TPL_STRIP_WHITESPACE;
		else {
			fprintf(stderr, "tpl-render: bad strip mode '%s' (none, blank or whitespace)\n", s);
			return 2;
		}
		i++;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: tpl-render [--strip=none|blank|whitespace] TEMPLATE DATA.json\n");
		return 2;
	}
	const char *path = argv[i];
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup(".");
	const char *name = slash ? slash + 1 : path;
	tpl_set_root(dir);

	json_object *data = json_object_from_file(argv[i + 1]);
	if (!data || !json_object_is_type(data, json_type_object)) {
		fprintf(stderr, "tpl-render: %s: not a JSON object\n", argv[i + 1]);
		return 1;
	}
	arena *a = arena_new(16384);
	tpl_dict *d = tpl_dict_new(a);
	if (fill(d, data) != 0)
		return 1;

	char err[1024];
	const tpl_template *t = tpl_load(name, strip, err, sizeof err);
	if (!t) {
		fprintf(stderr, "tpl-render: %s\n", err);
		return 1;
	}
	strbuf out = STRBUF_INIT;
	int rc = tpl_render(t, d, &out, err, sizeof err);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	if (rc != 0)
		fprintf(stderr, "tpl-render: %s\n", err);
	strbuf_release(&out);
	arena_free(a);
	json_object_put(data);
	tpl_cache_clear();
	tpl_set_root(NULL);
	free(dir);
	return rc != 0 ? 1 : 0;
}
