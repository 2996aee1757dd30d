/* test_api_fields.c: the partner API's strict request bodies (api_check_fields): unknown fields, wrong types,
 * oversized strings and arrays, missing required fields and nested items are refused naming the field */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "api/api.h"

static const api_field line_item[] = {
	{ "offerId", API_STRING, true, 20, NULL, 0 },
	{ "quantity", API_INTEGER, true, 1000, NULL, 0 },
	{ 0 },
};
static const api_field order[] = {
	{ "lineItems", API_ARRAY, true, 3, line_item, 0 },
	{ "note", API_STRING, false, 5, NULL, 0 },
	{ "tags", API_ARRAY, false, 0, NULL, API_STRING },
	{ "urgent", API_BOOLEAN, false, 0, NULL, 0 },
	{ 0 },
};

/* The refusal of TEXT against ORDER (NULL: taken), its field in *FIELD. */
static const char *check(arena *a, const char *text, const char **field)
{
	json_object *o = json_tokener_parse(text);
	assert_non_null(o);
	const char *problem = api_check_fields(a, o, order, "", field);
	json_object_put(o);
	return problem;
}

static void test_a_good_body_is_taken(void **state)
{
	arena *a = *state;
	const char *field = "x";
	assert_null(check(a, "{\"lineItems\":[{\"offerId\":\"E3\",\"quantity\":5}],\"note\":\"héllo\",\"tags\":[\"a\"],"
			     "\"urgent\":true}", &field));
	assert_null(field);
	assert_null(check(a, "{\"lineItems\":[],\"note\":null}", &field));  /* null: an optional field left out */
}

static void test_unknown_field_named(void **state)
{
	const char *field;
	const char *p = check(*state, "{\"lineItems\":[],\"discount\":50}", &field);
	assert_non_null(p);
	assert_string_equal(field, "discount");
	assert_non_null(strstr(p, "discount is not a field"));
	p = check(*state, "{\"lineItems\":[{\"offerId\":\"E3\",\"quantity\":1,\"price\":0}]}", &field);
	assert_string_equal(field, "lineItems[0].price");
}

static void test_wrong_type_named(void **state)
{
	const char *field;
	const char *p = check(*state, "{\"lineItems\":[{\"offerId\":\"E3\",\"quantity\":\"5\"}]}", &field);
	assert_string_equal(field, "lineItems[0].quantity");
	assert_non_null(strstr(p, "must be an integer"));
	p = check(*state, "{\"lineItems\":{}}", &field);
	assert_string_equal(field, "lineItems");
	p = check(*state, "{\"lineItems\":[5]}", &field);
	assert_string_equal(field, "lineItems[0]");
	p = check(*state, "{\"lineItems\":[],\"tags\":[1]}", &field);
	assert_string_equal(field, "tags[0]");
	p = check(*state, "{\"lineItems\":[],\"urgent\":1}", &field);
	assert_string_equal(field, "urgent");
}

static void test_oversize_named(void **state)
{
	const char *field;
	/* five characters, six bytes, taken; six characters refused */
	assert_null(check(*state, "{\"lineItems\":[],\"note\":\"h\xc3\xa9llo\"}", &field));
	const char *p = check(*state, "{\"lineItems\":[],\"note\":\"hello!\"}", &field);
	assert_string_equal(field, "note");
	assert_non_null(strstr(p, "at most 5"));
	p = check(*state, "{\"lineItems\":[{\"offerId\":\"a\",\"quantity\":1},{\"offerId\":\"a\",\"quantity\":1},"
			  "{\"offerId\":\"a\",\"quantity\":1},{\"offerId\":\"a\",\"quantity\":1}]}", &field);
	assert_string_equal(field, "lineItems");
	p = check(*state, "{\"lineItems\":[{\"offerId\":\"a\",\"quantity\":1001}]}", &field);
	assert_string_equal(field, "lineItems[0].quantity");
}

static void test_missing_required_named(void **state)
{
	const char *field;
	const char *p = check(*state, "{}", &field);
	assert_string_equal(field, "lineItems");
	assert_non_null(strstr(p, "required"));
	p = check(*state, "{\"lineItems\":[{\"quantity\":1}]}", &field);
	assert_string_equal(field, "lineItems[0].offerId");
	p = check(*state, "{\"lineItems\":null}", &field);  /* null is not a value for a required field */
	assert_string_equal(field, "lineItems");
}

static int setup(void **state)
{
	*state = arena_new(16 * 1024);
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
		cmocka_unit_test(test_a_good_body_is_taken),
		cmocka_unit_test(test_unknown_field_named),
		cmocka_unit_test(test_wrong_type_named),
		cmocka_unit_test(test_oversize_named),
		cmocka_unit_test(test_missing_required_named),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
