/* test_customers.c: the Customers list's search box as a FULLTEXT boolean query: every word a required
 * prefix, the boolean operators dropped, accented letters kept, at most five words */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "customers.h"

static void check(const char *q, const char *expected)
{
	arena *a = arena_new(4096);
	assert_string_equal(customers_match_query(a, q), expected);
	arena_free(a);
}

static void test_words_become_required_prefixes(void **state)
{
	(void)state;
	check("fabrikam", "+fabrikam*");
	check("  Fabrikam   Café ", "+Fabrikam* +Café*");
	check("fábri", "+fábri*");
	check("100%_done", "+100* +_done*");
}

static void test_operators_are_separators(void **state)
{
	(void)state;
	check("+a -b ~c <d >e (f) \"g h\" i* @j", "+a* +b* +c* +d* +e*");
	check("Margie's", "+Margie* +s*");
	check("-+*\"()~<>@", "");
	check("", "");
}

static void test_at_most_five_words(void **state)
{
	(void)state;
	check("one two three four five six seven", "+one* +two* +three* +four* +five*");
	check("a b c d e", "+a* +b* +c* +d* +e*");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_become_required_prefixes),
		cmocka_unit_test(test_operators_are_separators),
		cmocka_unit_test(test_at_most_five_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
