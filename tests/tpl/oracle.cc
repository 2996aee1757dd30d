// oracle.cc: reference tpl-render built on real C++ ctemplate, for the differential test of the C port
#include <ctemplate/template.h>
#include <json-c/json.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

using ctemplate::TemplateDictionary;

static bool fill(TemplateDictionary *d, json_object *obj);

// One array element or object value: include dictionary if it names a file, else a section.
static bool add_child(TemplateDictionary *d, const char *key, json_object *v) {
	if (!json_object_is_type(v, json_type_object)) {
		std::cerr << "tpl-oracle: " << key << ": arrays must hold objects\n";
		return false;
	}
	json_object *file = nullptr;
	if (json_object_object_get_ex(v, "__file__", &file)) {
		TemplateDictionary *sub = d->AddIncludeDictionary(key);
		sub->SetFilename(json_object_get_string(file));
		return fill(sub, v);
	}
	return fill(d->AddSectionDictionary(key), v);
}

static bool fill(TemplateDictionary *d, json_object *obj) {
	json_object_object_foreach(obj, key, v) {
		if (strcmp(key, "__file__") == 0)
			continue;
		switch (json_object_get_type(v)) {
		case json_type_string:
			d->SetValue(key, ctemplate::TemplateString(json_object_get_string(v),
			                                          (size_t)json_object_get_string_len(v)));
			break;
		case json_type_int:
		case json_type_double:
			d->SetValue(key, json_object_get_string(v));
			break;
		case json_type_boolean:
			if (json_object_get_boolean(v))
				d->ShowSection(key);
			break;
		case json_type_null:
			break;
		case json_type_object:
			if (!add_child(d, key, v))
				return false;
			break;
		case json_type_array:
			for (size_t i = 0; i < json_object_array_length(v); i++)
				if (!add_child(d, key, json_object_array_get_idx(v, i)))
					return false;
			break;
		}
	}
	return true;
}

int main(int argc, char **argv) {
	ctemplate::Strip strip = ctemplate::DO_NOT_STRIP;
	int i = 1;
	if (i < argc && strncmp(argv[i], "--strip=", 8) == 0) {
		const char *s = argv[i] + 8;
		if (strcmp(s, "none") == 0) strip = ctemplate::DO_NOT_STRIP;
		else if (strcmp(s, "blank") == 0) strip = ctemplate::STRIP_BLANK_LINES;
		else if (strcmp(s, "whitespace") == 0) strip = ctemplate::STRIP_WHITESPACE;
		else { std::cerr << "tpl-oracle: bad strip mode " << s << "\n"; return 2; }
		i++;
	}
	if (argc - i != 2) {
		std::cerr << "usage: tpl-oracle [--strip=none|blank|whitespace] TEMPLATE DATA.json\n";
		return 2;
	}
	std::string path = argv[i], dir = ".", name = path;
	size_t slash = path.rfind('/');
	if (slash != std::string::npos) {
		dir = path.substr(0, slash + 1);
		name = path.substr(slash + 1);
	}
	ctemplate::mutable_default_template_cache()->SetTemplateRootDirectory(dir);
	json_object *data = json_object_from_file(argv[i + 1]);
	if (!data || !json_object_is_type(data, json_type_object)) {
		std::cerr << "tpl-oracle: " << argv[i + 1] << ": not a JSON object\n";
		return 1;
	}
	TemplateDictionary dict("main");
	if (!fill(&dict, data))
		return 1;
	ctemplate::Template *t = ctemplate::Template::GetTemplate(name, strip);
	if (!t) {
		std::cerr << "tpl-oracle: " << path << ": cannot load template\n";
		return 1;
	}
	std::string out;
	bool ok = t->Expand(&out, &dict);
	fwrite(out.data(), 1, out.size(), stdout);
	json_object_put(data);
	if (!ok) {
		std::cerr << "tpl-oracle: " << path << ": expansion failed\n";
		return 1;
	}
	return 0;
}
