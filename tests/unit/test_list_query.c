/* test_list_query.c: the word-prefix FULLTEXT search text (every word required as a prefix, operators
 * dropped, non-ASCII letters kept) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "list_query.h"

static void each_word_becomes_a_required_prefix(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	assert_string_equal(list_word_prefixes(a, "cafe"), "+cafe*");
	assert_string_equal(list_word_prefixes(a, "  Café  du Monde "), "+Café* +du* +Monde*");
	assert_string_equal(list_word_prefixes(a, "ada@contoso.com"), "+ada* +contoso* +com*");
	arena_free(a);
}

static void operators_are_dropped(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	assert_string_equal(list_word_prefixes(a, "-foo +bar* \"baz\" (x) ~y <z> @2"), "+foo* +bar* +baz* +x* +y* +z* +2*");
	assert_string_equal(list_word_prefixes(a, "+-*\"()<>~@"), "");
	assert_string_equal(list_word_prefixes(a, ""), "");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_word_becomes_a_required_prefix),
		cmocka_unit_test(operators_are_dropped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
