/* test_countries.c: the country list from Debian's iso-codes: names in the request's language, sorted by
 * its collation, the same codes in every language, unknown codes refused; and validate.c's field errors in
 * Spanish */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "validate.h"

static size_t index_of(const char *code)
{
	for (size_t i = 0; i < validate_country_count; i++)
		if (!strcmp(validate_countries[i].code, code))
			return i;
	fail_msg("%s is not in the list", code);
	return 0;
}

static void test_spain_by_language(void **state)
{
	(void)state;
	i18n_use(LANG_EN);
	assert_string_equal(validate_country_name("ES"), "Spain");
	assert_string_equal(validate_country_label("DE"), "Germany");
	i18n_use(LANG_ES);
	assert_string_equal(validate_country_name("ES"), "España");
	assert_string_equal(validate_country_label("DE"), "Alemania");
	i18n_use(LANG_EN);
	assert_string_equal(validate_country_name("ES"), "Spain");
}

static void test_unknown_code_refused(void **state)
{
	(void)state;
	i18n_use(LANG_ES);
	assert_null(validate_country_name("XX"));
	assert_null(validate_country_name("es"));
	assert_null(validate_country_name(""));
	assert_string_equal(validate_country_label("XX"), "XX");
	field_rule rule = { .label = "Country or region", .max_chars = 2, .required = true, .format = FORMAT_COUNTRY };
	arena *a = arena_new(1024);
	assert_string_equal(validate_field(a, &rule, "XX"), "Seleccione un país o región de la lista.");
	assert_null(validate_field(a, &rule, "ES"));
	arena_free(a);
	i18n_use(LANG_EN);
}

static void test_spanish_list_sorted_by_spanish_collation(void **state)
{
	(void)state;
	i18n_use(LANG_ES);
	size_t n = validate_country_count;
	assert_true(n >= 249);
	locale_t es = uselocale((locale_t)0);
	for (size_t i = 1; i < n; i++)
		assert_true(strcoll_l(validate_countries[i - 1].name, validate_countries[i].name, es) <= 0);
	/* Alemania among the A's, Islas Äland among the I's, Zambia near the end */
	assert_true(index_of("DE") < index_of("AX"));
	assert_true(index_of("AX") < index_of("ZM"));
	assert_true(index_of("DE") < index_of("ZM"));
	assert_string_equal(validate_countries[index_of("AX")].name, "Islas Äland");
	i18n_use(LANG_EN);
	assert_int_equal(validate_country_count, n);
	assert_string_equal(validate_countries[index_of("AX")].name, "Åland Islands");
}

static void test_field_errors_in_spanish(void **state)
{
	(void)state;
	arena *a = arena_new(1024);
	field_rule email = { .label = "Email", .max_chars = 10, .required = true, .format = FORMAT_EMAIL };
	i18n_use(LANG_EN);
	assert_string_equal(validate_field(a, &email, ""), "Email is required.");
	assert_string_equal(validate_field(a, &email, "abcdefghijkl@x.com"), "Email can be at most 10 characters long.");
	i18n_use(LANG_ES);
	assert_non_null(strstr(validate_field(a, &email, "abcdefghijkl@x.com"), "10 caracteres"));
	assert_string_equal(validate_field(a, &email, "nope"),
			    "Escriba una dirección de correo electrónico como nombre@example.com.");
	i18n_use(LANG_EN);
	arena_free(a);
}

static int setup(void **state)
{
	(void)state;
	char err[256];
	if (i18n_init("build", false, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spain_by_language),
		cmocka_unit_test(test_unknown_code_refused),
		cmocka_unit_test(test_spanish_list_sorted_by_spanish_collation),
		cmocka_unit_test(test_field_errors_in_spanish),
	};
	return cmocka_run_group_tests_name("countries", tests, setup, NULL);
}
