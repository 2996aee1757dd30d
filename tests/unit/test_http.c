/* test_http.c: unit tests for the request parsers (url decoding, urlencoded bodies, cookies, ids,
 * safe redirects, UTF-8 text), the per-request arena and money formatting */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "money.h"
#include "validate.h"

static void test_url_decode(void **state)
{
	arena *a = *state;
	assert_string_equal(http_url_decode(a, "a+b%20c", 7), "a b c");
	assert_string_equal(http_url_decode(a, "%3Cx%3e", 7), "<x>");
	/* malformed escapes stay as they are */
	assert_string_equal(http_url_decode(a, "100%", 4), "100%");
	assert_string_equal(http_url_decode(a, "%zz%4", 5), "%zz%4");
	assert_string_equal(http_url_decode(a, "caf%C3%A9", 9), "caf\xc3\xa9");
}

static void test_urlencoded(void **state)
{
	arena *a = *state;
	http_params p = { 0 };
	const char *body = "upn=sam%40contoso.onmicrosoft.com&password=p%26ss%3Dw+rd&&empty=&flag&=novalue&upn=second";
	http_parse_urlencoded(a, &p, body, strlen(body));
	assert_int_equal(p.len, 5);
	assert_string_equal(http_param_get(&p, "upn"), "sam@contoso.onmicrosoft.com");  /* first wins */
	assert_string_equal(http_param_get(&p, "password"), "p&ss=w rd");
	assert_string_equal(http_param_get(&p, "empty"), "");
	assert_string_equal(http_param_get(&p, "flag"), "");
	assert_null(http_param_get(&p, "missing"));
}

static void test_urlencoded_many(void **state)
{
	arena *a = *state;
	http_params p = { 0 };
	char body[4096] = "";
	for (int i = 0; i < 100; i++) {
		char part[32];
		snprintf(part, sizeof part, "%sk%d=v%d", i ? "&" : "", i, i);
		strcat(body, part);
	}
	http_parse_urlencoded(a, &p, body, strlen(body));
	assert_int_equal(p.len, 100);
	assert_string_equal(http_param_get(&p, "k0"), "v0");
	assert_string_equal(http_param_get(&p, "k99"), "v99");
}

static void test_cookies(void **state)
{
	arena *a = *state;
	http_params p = { 0 };
	http_parse_cookies(a, &p, "cc_session=abc123; theme=\"dark\";  lang=en ;broken; =x; last=1");
	assert_string_equal(http_param_get(&p, "cc_session"), "abc123");
	assert_string_equal(http_param_get(&p, "theme"), "dark");
	assert_string_equal(http_param_get(&p, "lang"), "en");
	assert_string_equal(http_param_get(&p, "last"), "1");
	assert_null(http_param_get(&p, "broken"));
	http_params none = { 0 };
	http_parse_cookies(a, &none, NULL);
	assert_int_equal(none.len, 0);
}

static void test_safe_next(void **state)
{
	(void)state;
	const char *kept[] = {
		"/home", "/admin?x=1", "/", "/customers?q=Contoso%20Ltd&page=2", "/a/b/", "/providers?q=a%2Fb%5C%09",
		"/x?next=//evil.example", "/x?a=b:c@d", "/customers?q=a|b[1]{2}^`", "/caf%C3%A9", "/...", "/a.b/c..d", "/x?",
	};
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		assert_string_equal(http_safe_next(kept[i]), kept[i]);
	/* each one a browser could read as another host, or a server could turn into one */
	const char *refused[] = {
		"//evil.example/", "///evil.example", "////evil.example", "/\\evil.example", "\\/evil.example",
		"\\\\evil.example", "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/\r/evil.example",
		"/\r\n/evil.example", "/x\r\nSet-Cookie: a=b", " /evil", " //evil.example", "\t//evil.example",
		"/%5cevil.example", "/%5Cevil.example", "/%2fevil.example", "/%2F/evil.example", "/%2e/", "/%2E%2e/x",
		"/./evil.example", "/.//evil.example", "/../evil.example", "/a/../../evil", "/a/.", "/a/..",
		"/a//b", "https://evil.example/", "http:evil.example", "javascript:alert(1)", "JavaScript:alert(1)",
		"data:text/html,x", "evil.example", "?x=1", "#frag", "/x#//evil", "", "/\x7f/evil.example",
		"/\x01/evil", "/\x0b/evil", "/\x0c/evil", "/ /evil", "/x y", "/\xc2\xa0/evil", "/\xe3\x80\x80/evil",
		"/\xef\xbc\x8f\xef\xbc\x8f" "evil", "/%", "/%4", "/%zz", "/x\"y", "/x<y", "/x`y", "/x{y}", "/x|y", "/x^y",
		"/x?a\\b", "/x?a b", "/x?a\tb", "/x?a\"b", "/x?<script>",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		if (strcmp(http_safe_next(refused[i]), "/home"))
			fail_msg("kept a dangerous next: \"%s\"", refused[i]);
	assert_string_equal(http_safe_next(NULL), "/home");
	char longest[2100] = "/";
	memset(longest + 1, 'a', 2048);
	assert_string_equal(http_safe_next(longest), "/home");
	longest[2048] = '\0';
	assert_string_equal(http_safe_next(longest), longest);
}

/* RFC 3629: the boundaries of each sequence length and each forbidden form */
static void test_utf8(void **state)
{
	(void)state;
	const char *valid[] = {
		"", "plain ASCII", "M\xc3\xbcller \xc3\x91" "and\xc3\xba \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80",
		"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80", "\xef\xbf\xbf",
		"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\x7f",
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		assert_true(http_utf8_valid(valid[i], strlen(valid[i])));
	const char *invalid[] = {
		"\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80",
		"\xff", "\xfe", "\xe2\x82", "\xf0\x9f\x98", "\xc3", "\x80", "\xbf", "a\x80z", "\xe2\x82\x28",
		"\xe2\x28\xa1", "\xc3\xa9\x80", "\xf0\x9f\x98\x80\x80",
	};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (http_utf8_valid(invalid[i], strlen(invalid[i])))
			fail_msg("accepted invalid UTF-8 #%zu", i);
	/* a sequence cut by the end of the buffer, not by a NUL */
	assert_false(http_utf8_valid("\xe6\x9d\xb1", 2));
}

/* a pair that is not UTF-8 text never reaches a handler, and the dispatcher learns of it */
static void test_invalid_text_marked(void **state)
{
	arena *a = *state;
	http_params p = { 0 };
	const char *body = "upn=ok&name=%C0%AF&%ED%A0%80=x&city=M%C3%BCller&tail=%E2%82";
	http_parse_urlencoded(a, &p, body, strlen(body));
	assert_true(p.invalid_text);
	assert_int_equal(p.len, 2);
	assert_string_equal(http_param_get(&p, "city"), "M\xc3\xbcller");
	assert_null(http_param_get(&p, "name"));
	assert_null(http_param_get(&p, "tail"));
	http_params fine = { 0 };
	http_parse_urlencoded(a, &fine, "a=%F0%9F%98%80", 14);
	assert_false(fine.invalid_text);
	http_params c = { 0 };
	http_parse_cookies(a, &c, "cc_session=abc; bad=\xed\xa0\x80; ok=1");
	assert_string_equal(http_param_get(&c, "cc_session"), "abc");
	assert_null(http_param_get(&c, "bad"));
	assert_string_equal(http_param_get(&c, "ok"), "1");
}

static void test_ids(void **state)
{
	(void)state;
	assert_int_equal(http_id("42"), 42);
	assert_int_equal(http_id("0"), 0);
	assert_int_equal(http_id("-3"), 0);
	assert_int_equal(http_id("12abc"), 0);
	assert_int_equal(http_id(" 7"), 0);
	assert_int_equal(http_id(""), 0);
	assert_int_equal(http_id(NULL), 0);
	assert_int_equal(http_id("99999999999999999999999"), 0);
}

/* ?after= / ?before= / ?last=: a cursor "ID:KEY" or the first page, never a half-read position */
static void test_seek(void **state)
{
	arena *a = *state;
	const struct { const char *query; seek_from from; long long id; const char *key; } cases[] = {
		{ "", SEEK_FIRST, 0, "" },
		{ "after=42:Contoso%20Ltd", SEEK_AFTER, 42, "Contoso Ltd" },
		{ "before=7:a%3Ab", SEEK_BEFORE, 7, "a:b" },
		{ "after=9:", SEEK_AFTER, 9, "" },
		{ "last=1", SEEK_LAST, 0, "" },
		{ "last=yes", SEEK_FIRST, 0, "" },
		{ "after=Contoso", SEEK_FIRST, 0, "" },
		{ "after=:x", SEEK_FIRST, 0, "" },
		{ "after=-3:x", SEEK_FIRST, 0, "" },
		{ "after=0:x", SEEK_FIRST, 0, "" },
		{ "after=99999999999999999999999:x", SEEK_FIRST, 0, "" },
		{ "after=x:1&before=5:b", SEEK_BEFORE, 5, "b" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		request r = { .arena = a };
		http_parse_urlencoded(a, &r.query, cases[i].query, strlen(cases[i].query));
		seek s = http_seek(&r);
		assert_int_equal(s.from, cases[i].from);
		assert_int_equal(s.id, cases[i].id);
		assert_string_equal(s.key, cases[i].key);
	}
}

/* a search word is taken literally by LIKE: its %, _ and ! match only themselves */
static void test_like_prefix(void **state)
{
	arena *a = *state;
	assert_string_equal(validate_like_prefix(a, "", "caf", 3), "caf%");
	assert_string_equal(validate_like_prefix(a, "% ", "caf", 3), "% caf%");
	assert_string_equal(validate_like_prefix(a, "", "50%_off!", 8), "50!%!_off!!%");
	assert_string_equal(validate_like_prefix(a, "", "café", 2), "ca%");
	assert_string_equal(validate_like_prefix(a, "%", "", 0), "%%");
}

static void test_money(void **state)
{
	arena *a = *state;
	assert_string_equal(money_format(a, 0), "$0.00");
	assert_string_equal(money_format(a, 5), "$0.05");
	assert_string_equal(money_format(a, 1250), "$12.50");
	assert_string_equal(money_format(a, 123456789), "$1,234,567.89");
	assert_string_equal(money_format(a, 100000), "$1,000.00");
	assert_string_equal(money_format(a, -300), "-$3.00");
}

static void test_header_injection(void **state)
{
	arena *a = *state;
	strbuf h = STRBUF_INIT;
	request r = { .arena = a, .headers = &h };
	http_header(&r, "X-Test", "fine");
	http_header(&r, "X-Bad", "evil\r\nSet-Cookie: x=1");
	assert_string_equal(strbuf_cstr(&h), "X-Test: fine\r\n");
	http_redirect(&r, "/home");
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(strbuf_cstr(&h), "Location: /home\r\n"));
	strbuf_release(&h);
}

static void test_arena(void **state)
{
	(void)state;
	arena *a = arena_new(1024);
	char *big = arena_alloc(a, 10000);  /* bigger than a block */
	memset(big, 'x', 10000);
	for (int i = 0; i < 1000; i++) {
		char *s = arena_printf(a, "item %d", i);
		assert_string_equal(s, i == 999 ? "item 999" : s);
		assert_int_equal(((uintptr_t)s) % 16, 0);
	}
	assert_true(arena_used(a) >= 10000);
	arena_reset(a);
	assert_int_equal(arena_used(a), 0);
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	arena_free(a);
}

static int setup(void **state)
{
	*state = arena_new(4096);
	return 0;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_decode),
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_urlencoded_many),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_safe_next),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_invalid_text_marked),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_seek),
		cmocka_unit_test(test_like_prefix),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests_name("http parsers", tests, setup, teardown);
}
