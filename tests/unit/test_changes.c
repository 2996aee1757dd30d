/* test_changes.c: unit tests for the audit row's before and after values of a form's change (domain/changes.c):
 * only the fields altered, every field of a new object, and text that JSON must escape */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "arena.h"
#include "domain/changes.h"

static const char *const keys[] = { "name", "secret", "price", "active" };

static void test_only_changed_fields(void **state)
{
	const char *before[] = { "Standard", "x", "12.50", "yes" }, *after[] = { "Standard", "y", "4.75", "no" };
	const char *old, *new;
	changes_json(*state, 4, keys, before, after, &old, &new);
	assert_string_equal(old, "{\"secret\":\"x\",\"price\":\"12.50\",\"active\":\"yes\"}");
	assert_string_equal(new, "{\"secret\":\"y\",\"price\":\"4.75\",\"active\":\"no\"}");
}

static void test_unaudited_key_skipped(void **state)
{
	const char *const some[] = { "name", NULL, "price", "active" };
	const char *before[] = { "A", "x", "1.00", "yes" }, *after[] = { "B", "y", "1.00", "yes" };
	const char *old, *new;
	changes_json(*state, 4, some, before, after, &old, &new);
	assert_string_equal(old, "{\"name\":\"A\"}");
	assert_string_equal(new, "{\"name\":\"B\"}");
}

static void test_nothing_changed(void **state)
{
	const char *same[] = { "A", "x", "1.00", "yes" };
	const char *old, *new;
	changes_json(*state, 4, keys, same, same, &old, &new);
	assert_string_equal(old, "{}");
	assert_string_equal(new, "{}");
}

static void test_new_object_has_every_field(void **state)
{
	const char *after[] = { "Caf\xc3\xa9 \"quoted\"", "", "0.00", "no" };
	const char *old = "unset", *new;
	changes_json(*state, 4, keys, NULL, after, &old, &new);
	assert_null(old);
	assert_string_equal(new, "{\"name\":\"Caf\xc3\xa9 \\\"quoted\\\"\",\"secret\":\"\",\"price\":\"0.00\",\"active\":\"no\"}");
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
		cmocka_unit_test(test_only_changed_fields),
		cmocka_unit_test(test_unaudited_key_skipped),
		cmocka_unit_test(test_nothing_changed),
		cmocka_unit_test(test_new_object_has_every_field),
	};
	return cmocka_run_group_tests_name("audited changes", tests, setup, teardown);
}
