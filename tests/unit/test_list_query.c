/* test_list_query.c: the word-prefix search patterns of the paged lists: one LIKE pattern per word
 * (separated by white space), wildcards taken literally, at most LIST_WORDS_MAX words */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "list_query.h"

static void each_word_becomes_a_word_prefix_pattern(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	list_words w = list_search_words(a, "  Café \t du ");
	assert_int_equal(w.count, 2);
	assert_string_equal(w.like[0], "% Café%");
	assert_string_equal(w.like[1], "% du%");
	assert_string_equal(w.like[2], "");
	assert_string_equal(w.like[3], "");
	assert_string_equal(list_search_words(a, "ada@contoso.com").like[0], "% ada@contoso.com%");
	arena_free(a);
}

static void wildcards_are_literal(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	list_words w = list_search_words(a, "50% a_b !x");
	assert_string_equal(w.like[0], "% 50!%%");
	assert_string_equal(w.like[1], "% a!_b%");
	assert_string_equal(w.like[2], "% !!x%");
	arena_free(a);
}

static void no_words_and_too_many_words(void **state)
{
	(void)state;
	arena *a = arena_new(4096);
	assert_int_equal(list_search_words(a, " \t ").count, 0);
	list_words w = list_search_words(a, "a b c d e f");
	assert_int_equal(w.count, 6);
	assert_string_equal(w.like[3], "% d%");
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_word_becomes_a_word_prefix_pattern),
		cmocka_unit_test(wildcards_are_literal),
		cmocka_unit_test(no_words_and_too_many_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
