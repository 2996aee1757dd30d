/* test_tpl.c: cmocka unit tests for the ctemplate port (escaping, sections, includes, strip modes, auto-escape, errors, cache) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../cgi-src/arena.h"
#include "../../cgi-src/strbuf.h"
#include "../../cgi-src/tpl/tpl.h"

static char root[256];

static void write_file(const char *name, const char *text) {
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state) {
	(void)state;
	strcpy(root, "/tmp/test_tpl.XXXXXX");
	if (!mkdtemp(root))
		return -1;
	write_file("hello.tpl", "Hello {{NAME}}!\n");
	write_file("list.tpl", "{{#ITEM}}{{V}}{{#ITEM_separator}}, {{/ITEM_separator}}{{/ITEM}}.");
	write_file("nested.tpl", "{{#OUT}}[{{A}}:{{#IN}}{{A}}{{B}}{{/IN}}]{{/OUT}}");
	write_file("page.tpl", "<div>\n  {{>BODY}}\n</div>\n");
	write_file("body.tpl", "line1 {{X}}\nline2 {{PARENT}}\n");
	write_file("strip.tpl", "  a  \n\n  {{#S}}\n  b  \n  {{/S}}\n");
	write_file("ae.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<p title=\"{{V}}\">{{V}}</p><a href=\"{{U}}\">x</a>"
	                     "<a href=\"/q?x={{V}}\">y</a><script>var s = '{{V}}'; var n = {{N}};</script>"
	                     "<i id={{V}}>{{V:none}}</i>");
	write_file("ae_js.tpl", "{{%AUTOESCAPE context=\"JAVASCRIPT\"}}var a = '{{V}}';");
	write_file("bad_unterminated.tpl", "a\n{{#S}}\nb\n");
	write_file("bad_close.tpl", "a\n\n{{#S}}b{{/T}}\n");
	write_file("bad_mod.tpl", "x\ny {{V:bogus}}\n");
	write_file("bad_url.tpl", "{{%AUTOESCAPE context=\"HTML\"}}\n<a href={{U}}>x</a>\n");
	write_file("bad_include.tpl", "a{{>INC}}b");
	tpl_set_root(root);
	return 0;
}

static int teardown(void **state) {
	(void)state;
	tpl_cache_clear();
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

/* Escapes S with FN and returns a static copy of the result. */
static const char *esc(void (*fn)(strbuf *, const char *, size_t), const char *s) {
	static char buf[1024];
	strbuf sb = STRBUF_INIT;
	fn(&sb, s, strlen(s));
	snprintf(buf, sizeof buf, "%s", strbuf_cstr(&sb));
	strbuf_release(&sb);
	return buf;
}

/* Loads NAME with STRIP and renders it with D; returns a static copy. */
static const char *render(const char *name, tpl_strip strip, const tpl_dict *d) {
	static char buf[4096];
	char err[256] = "";
	const tpl_template *t = tpl_load(name, strip, err, sizeof err);
	if (!t)
		fail_msg("load %s: %s", name, err);
	strbuf sb = STRBUF_INIT;
	assert_int_equal(tpl_render(t, d, &sb, err, sizeof err), 0);
	snprintf(buf, sizeof buf, "%s", strbuf_cstr(&sb));
	strbuf_release(&sb);
	return buf;
}

static void test_html_escape(void **state) {
	(void)state;
	assert_string_equal(esc(tpl_html_escape, "a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c&#39;d");
	assert_string_equal(esc(tpl_html_escape, "x\ny\tz\r"), "x y z ");
	assert_string_equal(esc(tpl_html_escape, ""), "");
	assert_string_equal(esc(tpl_html_escape, "caf\xc3\xa9"), "caf\xc3\xa9");
	/* controls HTML forbids (an echoed rejected value) are shown as U+FFFD, never written as they are */
	assert_string_equal(esc(tpl_html_escape, "Bad\x01" "City\x7f"), "Bad\xef\xbf\xbd" "City\xef\xbf\xbd");
}

static void test_pre_escape(void **state) {
	(void)state;
	assert_string_equal(esc(tpl_pre_escape, "<a>\n\t'&'"), "&lt;a&gt;\n\t&#39;&amp;&#39;");
	assert_string_equal(esc(tpl_pre_escape, "a\x02\v\fb"), "a\xef\xbf\xbd\xef\xbf\xbd\fb");
}

static void test_url_query_escape(void **state) {
	(void)state;
	assert_string_equal(esc(tpl_url_query_escape, "a b&c=d/e?f"), "a+b%26c%3Dd/e%3Ff");
	assert_string_equal(esc(tpl_url_query_escape, "-_.,*~!()"), "-_.,*~!()");
	assert_string_equal(esc(tpl_url_query_escape, "\xc3\xa9"), "%C3%A9");
}

static void test_javascript_escape(void **state) {
	(void)state;
	assert_string_equal(esc(tpl_javascript_escape, "'\"\\<>&=\n\r\t"),
	                    "\\x27\\x22\\\\\\x3c\\x3e\\x26\\x3d\\n\\r\\t");
	assert_string_equal(esc(tpl_javascript_escape, "a\xe2\x80\xa8" "b"), "a\\u2028b");
	assert_string_equal(esc(tpl_javascript_escape, "\xc3\xa9"), "\xc3\xa9");
}

static void test_json_escape(void **state) {
	(void)state;
	assert_string_equal(esc(tpl_json_escape, "\"/\\\n<>&"), "\\\"\\/\\\\\\n\\u003C\\u003E\\u0026");
}

static void test_variables(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	tpl_set(d, "NAME", "<World>");
	assert_string_equal(render("hello.tpl", TPL_DO_NOT_STRIP, d), "Hello <World>!\n");
	tpl_set_int(d, "NAME", -42);
	assert_string_equal(render("hello.tpl", TPL_DO_NOT_STRIP, d), "Hello -42!\n");
	tpl_set_printf(d, "NAME", "%s-%d", "x", 7);
	assert_string_equal(render("hello.tpl", TPL_DO_NOT_STRIP, d), "Hello x-7!\n");
	assert_string_equal(render("hello.tpl", TPL_DO_NOT_STRIP, tpl_dict_new(a)), "Hello !\n");
	arena_free(a);
}

static void test_sections_separators(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	assert_string_equal(render("list.tpl", TPL_DO_NOT_STRIP, d), ".");
	const char *vals[] = { "a", "b", "c" };
	for (int i = 0; i < 3; i++)
		tpl_set(tpl_add_section(d, "ITEM"), "V", vals[i]);
	assert_string_equal(render("list.tpl", TPL_DO_NOT_STRIP, d), "a, b, c.");

	tpl_dict *e = tpl_dict_new(a);
	tpl_set(e, "V", "once");
	tpl_show_section(e, "ITEM");
	assert_string_equal(render("list.tpl", TPL_DO_NOT_STRIP, e), "once.");

	/* variables and sections are looked up through the parent dictionaries */
	tpl_dict *n = tpl_dict_new(a);
	tpl_set(n, "A", "top");
	tpl_set(n, "B", "b");
	tpl_dict *o1 = tpl_add_section(n, "OUT");
	tpl_set(o1, "A", "o1");
	tpl_add_section(o1, "IN");
	tpl_add_section(n, "OUT");
	tpl_show_section(n, "IN");
	assert_string_equal(render("nested.tpl", TPL_DO_NOT_STRIP, n), "[o1:o1b][top:topb]");
	arena_free(a);
}

static void test_includes(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	tpl_set(d, "PARENT", "not inherited");
	tpl_dict *b = tpl_add_include(d, "BODY", "body.tpl");
	tpl_set(b, "X", "x");
	assert_string_equal(render("page.tpl", TPL_DO_NOT_STRIP, d), "<div>\n  line1 x\n  line2 \n  \n</div>\n");
	assert_string_equal(render("page.tpl", TPL_STRIP_BLANK_LINES, d), "<div>\nline1 x\nline2 \n</div>\n");
	assert_string_equal(render("page.tpl", TPL_STRIP_WHITESPACE, d), "<div>line1 xline2 </div>");
	tpl_set(tpl_add_include(d, "BODY", "body.tpl"), "X", "y");
	assert_string_equal(render("page.tpl", TPL_STRIP_WHITESPACE, d), "<div>line1 xline2 line1 yline2 </div>");
	/* no include dictionary: nothing is rendered */
	assert_string_equal(render("page.tpl", TPL_DO_NOT_STRIP, tpl_dict_new(a)), "<div>\n  \n</div>\n");
	arena_free(a);
}

static void test_missing_include(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	tpl_add_include(d, "INC", "does_not_exist.tpl");
	char err[256] = "";
	const tpl_template *t = tpl_load("bad_include.tpl", TPL_DO_NOT_STRIP, err, sizeof err);
	assert_non_null(t);
	strbuf sb = STRBUF_INIT;
	assert_int_equal(tpl_render(t, d, &sb, err, sizeof err), -1);
	assert_non_null(strstr(err, "does_not_exist.tpl"));
	assert_string_equal(strbuf_cstr(&sb), "ab");
	strbuf_release(&sb);
	arena_free(a);
}

static void test_strip_modes(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	tpl_show_section(d, "S");
	assert_string_equal(render("strip.tpl", TPL_DO_NOT_STRIP, d), "  a  \n\n  \n  b  \n  \n");
	assert_string_equal(render("strip.tpl", TPL_STRIP_BLANK_LINES, d), "  a  \n  b  \n");
	assert_string_equal(render("strip.tpl", TPL_STRIP_WHITESPACE, d), "ab");
	arena_free(a);
}

static void test_autoescape(void **state) {
	(void)state;
	arena *a = arena_new(4096);
	tpl_dict *d = tpl_dict_new(a);
	tpl_set(d, "V", "<'x'&\"y\">");
	tpl_set(d, "U", "javascript:alert(1)");
	tpl_set(d, "N", "alert(1)");
	assert_string_equal(render("ae.tpl", TPL_DO_NOT_STRIP, d),
	                    "\n<p title=\"&lt;&#39;x&#39;&amp;&quot;y&quot;&gt;\">&lt;&#39;x&#39;&amp;&quot;y&quot;&gt;</p>"
	                    "<a href=\"#\">x</a>"
	                    "<a href=\"/q?x=&lt;&#39;x&#39;&amp;&quot;y&quot;&gt;\">y</a>"
	                    "<script>var s = '\\x3c\\x27x\\x27\\x26\\x22y\\x22\\x3e'; var n = null;</script>"
	                    "<i id=__x___y__><'x'&\"y\"></i>");
	tpl_set(d, "U", "https://example.com/?a=1&b=2");
	tpl_set(d, "V", "it's");
	tpl_set(d, "N", "42");
	assert_string_equal(render("ae.tpl", TPL_DO_NOT_STRIP, d),
	                    "\n<p title=\"it&#39;s\">it&#39;s</p><a href=\"https://example.com/?a=1&amp;b=2\">x</a>"
	                    "<a href=\"/q?x=it&#39;s\">y</a><script>var s = 'it\\x27s'; var n = 42;</script>"
	                    "<i id=it_s>it's</i>");
	assert_string_equal(render("ae_js.tpl", TPL_DO_NOT_STRIP, d), "var a = 'it\\x27s';");
	arena_free(a);
}

static void expect_load_error(const char *name, const char *what) {
	char err[256] = "";
	assert_null(tpl_load(name, TPL_DO_NOT_STRIP, err, sizeof err));
	if (!strstr(err, what))
		fail_msg("%s: error '%s' does not mention '%s'", name, err, what);
}

static void test_load_errors(void **state) {
	(void)state;
	expect_load_error("bad_unterminated.tpl", "bad_unterminated.tpl:");
	expect_load_error("bad_unterminated.tpl", "closed");
	expect_load_error("bad_close.tpl", "bad_close.tpl:3:");
	expect_load_error("bad_mod.tpl", "bad_mod.tpl:2:");
	expect_load_error("bad_mod.tpl", "bogus");
	expect_load_error("bad_url.tpl", "bad_url.tpl:2:");
	expect_load_error("no_such_file.tpl", "no_such_file.tpl");
	expect_load_error("", "empty");
}

static void test_cache(void **state) {
	(void)state;
	char err[256];
	const tpl_template *t1 = tpl_load("hello.tpl", TPL_DO_NOT_STRIP, err, sizeof err);
	const tpl_template *t2 = tpl_load("hello.tpl", TPL_DO_NOT_STRIP, err, sizeof err);
	const tpl_template *t3 = tpl_load("hello.tpl", TPL_STRIP_WHITESPACE, err, sizeof err);
	assert_non_null(t1);
	assert_ptr_equal(t1, t2);
	assert_ptr_not_equal(t1, t3);
	assert_ptr_equal(t3, tpl_load("hello.tpl", TPL_STRIP_WHITESPACE, err, sizeof err));
	tpl_cache_clear();
	assert_non_null(tpl_load("hello.tpl", TPL_DO_NOT_STRIP, err, sizeof err));
}

static void test_preload_all(void **state) {
	(void)state;
	char err[256] = "";
	/* the fixture dir holds deliberately broken templates: preloading reports one */
	assert_int_equal(tpl_preload_all(TPL_DO_NOT_STRIP, err, sizeof err), -1);
	assert_true(strstr(err, "bad_") != NULL);
	char sub[512];
	snprintf(sub, sizeof sub, "%s/good", root);
	assert_int_equal(mkdir(sub, 0700), 0);
	char path[600];
	snprintf(path, sizeof path, "%s/a.tpl", sub);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("{{A}}", f);
	fclose(f);
	tpl_set_root(sub);
	assert_int_equal(tpl_preload_all(TPL_STRIP_BLANK_LINES, err, sizeof err), 0);
	assert_non_null(tpl_load("a.tpl", TPL_STRIP_BLANK_LINES, err, sizeof err));
	tpl_set_root(root);
}

int main(void) {
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_pre_escape),
		cmocka_unit_test(test_url_query_escape),
		cmocka_unit_test(test_javascript_escape),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_variables),
		cmocka_unit_test(test_sections_separators),
		cmocka_unit_test(test_includes),
		cmocka_unit_test(test_missing_include),
		cmocka_unit_test(test_strip_modes),
		cmocka_unit_test(test_autoescape),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_preload_all),
	};
	return cmocka_run_group_tests_name("tpl", tests, setup, teardown);
}
