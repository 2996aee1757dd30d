/* fuzz_tpl.c: libFuzzer harness for the template engine: parse arbitrary template text (from a file, as
 * tpl_load reads it) in each strip mode and render it with a small dictionary; no crash, no leak. Bytes
 * after a NUL in the input are a value (VALUE_FROM_INPUT), so every modifier escapes arbitrary text too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tpl/tpl.h"

static char dir[64];
static arena *a;

static void write_file(const char *name, const void *data, size_t size)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
}

static void remove_dir(void)
{
	char path[128];
	const char *files[] = { "fuzz.tpl", "inc.tpl" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	/* a file per input: in memory (/dev/shm) it runs three times as fast as on disk */
	const char *tmp = getenv("TMPDIR");
	if (!tmp || strlen(tmp) >= 40)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof dir, "%s/tplfuzz.XXXXXX", tmp);
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
	static const char inc[] = "<b>{{NAME}}</b> {{#ITEMS}}{{VALUE}}{{/ITEMS}}\n";
	write_file("inc.tpl", inc, sizeof inc - 1);
	tpl_set_root(dir);
	a = arena_new(16384);
	return 0;
}

/* Names the seeds and the fuzzer are likely to use: a value, a section with two rows, an include. */
static tpl_dict *small_dictionary(const char *value, size_t value_len)
{
	tpl_dict *d = tpl_dict_new(a);
	tpl_set_len(d, "VALUE_FROM_INPUT", value, value_len);
	tpl_set(d, "NAME", "Tom & \"Jerry\" <script>alert('x')</script>");
	tpl_set(d, "URL", "javascript:alert(1)//?a=b&c=d");
	tpl_set(d, "EMPTY", "");
	tpl_set(d, "MESSAGE", "M\xc3\xbcller \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80 \xc0\xaf");
	tpl_set_int(d, "COUNT", -42);
	tpl_show_section(d, "SHOWN");
	for (int i = 0; i < 2; i++) {
		tpl_dict *row = tpl_add_section(d, "ITEMS");
		tpl_set_int(row, "VALUE", i);
		tpl_set(row, "NAME", i ? "row\nline" : "row");
	}
	tpl_dict *inc = tpl_add_include(d, "INC", "inc.tpl");
	tpl_set(inc, "NAME", "included");
	tpl_add_include(d, "SELF", "fuzz.tpl");  /* its own dictionary has no SELF: one level deep */
	tpl_add_include(d, "HEADER", "missing.tpl");  /* the error path frees what it built */
	tpl_set(tpl_add_include(d, "FOOTER", "inc.tpl"), "NAME", "footer");
	return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t text_len = nul ? (size_t)(nul - data) : size;
	const char *value = nul ? (const char *)nul + 1 : "";
	size_t value_len = nul ? size - text_len - 1 : 0;
	write_file("fuzz.tpl", data, text_len);
	char err[512];
	for (tpl_strip strip = TPL_DO_NOT_STRIP; strip <= TPL_STRIP_WHITESPACE; strip++) {
		const tpl_template *t = tpl_load("fuzz.tpl", strip, err, sizeof err);
		if (!t)
			continue;
		strbuf out = STRBUF_INIT;
		tpl_render(t, small_dictionary(value, value_len), &out, err, sizeof err);
		strbuf_release(&out);
		arena_reset(a);
	}
	tpl_cache_clear();
	return 0;
}
