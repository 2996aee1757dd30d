/* test_http.c: unit tests for the request parsers (url decoding, urlencoded bodies, cookies, ids,
 * safe redirects), the per-request arena and money formatting */
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
	assert_string_equal(http_safe_next("/home"), "/home");
	assert_string_equal(http_safe_next("/admin?x=1"), "/admin?x=1");
	assert_string_equal(http_safe_next("//evil.example/"), "/home");
	assert_string_equal(http_safe_next("/\\evil.example"), "/home");
	assert_string_equal(http_safe_next("https://evil.example/"), "/home");
	assert_string_equal(http_safe_next(""), "/home");
	assert_string_equal(http_safe_next(NULL), "/home");
	assert_string_equal(http_safe_next("/x\r\nSet-Cookie: a=b"), "/home");
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

/* ?page= within the list: a number from 1 to the last page, whatever was asked for */
static void test_page(void **state)
{
	arena *a = *state;
	long long pages;
	const struct { const char *query; long long total, page, pages; } cases[] = {
		{ "", 0, 1, 1 }, { "page=2", 0, 1, 1 }, { "page=2", 25, 2, 3 }, { "page=3", 30, 3, 3 },
		{ "page=4", 30, 3, 3 }, { "page=-1", 30, 1, 3 }, { "page=abc", 30, 1, 3 }, { "page=1", 10, 1, 1 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		request r = { .arena = a };
		http_parse_urlencoded(a, &r.query, cases[i].query, strlen(cases[i].query));
		assert_int_equal(http_page(&r, cases[i].total, 10, &pages), cases[i].page);
		assert_int_equal(pages, cases[i].pages);
	}
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
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_arena),
	};
	return cmocka_run_group_tests_name("http parsers", tests, setup, teardown);
}
