/* test_i18n.c: languages (cgi-src/i18n.c): which one a request gets, the catalogs per thread, and numbers,
 * money and times written each language's way. Needs make's build/ (catalogs, glibc locales). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"

static int setup(void **state)
{
	char err[256];
	if (i18n_init("build", true, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	*state = arena_new(4096);
	return 0;
}

static int teardown(void **state)
{
	i18n_reset();
	arena_free(*state);
	return 0;
}

static void test_accept_language_picks_the_best_we_speak(void **state)
{
	(void)state;
	assert_int_equal(i18n_from_accept_language("fr-FR,es;q=0.8,en;q=0.5"), LANG_ES);
	assert_int_equal(i18n_from_accept_language("en-US,en;q=0.9,es;q=0.8"), LANG_EN);
	assert_int_equal(i18n_from_accept_language("es-MX"), LANG_ES);
	assert_int_equal(i18n_from_accept_language("de, es;q=0.1"), LANG_ES);
	assert_int_equal(i18n_from_accept_language("es;q=0"), LANG_EN);  /* q=0: not acceptable */
	assert_int_equal(i18n_from_accept_language("*"), LANG_EN);
	assert_int_equal(i18n_from_accept_language(""), LANG_EN);
	assert_int_equal(i18n_from_accept_language(NULL), LANG_EN);
	assert_int_equal(i18n_from_accept_language("en;q=0.4, es;q=0.9"), LANG_ES);
}

static void test_saved_choice_outranks_cookie_outranks_browser(void **state)
{
	(void)state;
	assert_int_equal(i18n_choose("es", "en", "en"), LANG_ES);
	assert_int_equal(i18n_choose("en", "es", "es"), LANG_EN);
	assert_int_equal(i18n_choose("", "es", "en"), LANG_ES);
	assert_int_equal(i18n_choose(NULL, NULL, "es-ES,es;q=0.9"), LANG_ES);
	assert_int_equal(i18n_choose(NULL, "xx", "es"), LANG_ES);  /* a cookie we do not speak is ignored */
	assert_int_equal(i18n_choose(NULL, NULL, NULL), LANG_EN);
	lang l;
	assert_true(i18n_parse("qps", &l));  /* enabled by setup */
	assert_int_equal(l, LANG_PSEUDO);
	assert_false(i18n_parse("fr", &l));
	assert_false(i18n_parse("esperanto", &l));
}

static void test_money_in_each_language(void **state)
{
	arena *a = *state;
	i18n_use(LANG_EN);
	assert_string_equal(i18n_money(a, 123450, "USD"), "$1,234.50");
	assert_string_equal(i18n_money(a, 123450, "EUR"), "€1,234.50");
	assert_string_equal(i18n_money(a, -5, "USD"), "-$0.05");
	assert_string_equal(i18n_money(a, 100000000, NULL), "$1,000,000.00");
	i18n_use(LANG_ES);
	assert_string_equal(i18n_money(a, 123450, "EUR"), "1.234,50 €");
	assert_string_equal(i18n_money(a, 123450, "USD"), "1.234,50 US$");
	assert_string_equal(i18n_money(a, 99, "EUR"), "0,99 €");
	assert_string_equal(i18n_money(a, 123450, "CHF"), "1.234,50 CHF");
}

static void test_counts_and_times_in_each_language(void **state)
{
	arena *a = *state;
	i18n_use(LANG_EN);
	assert_string_equal(i18n_count(a, 1234567), "1,234,567");
	assert_string_equal(i18n_datetime(a, "2026-12-01 18:40:05", false), "Dec 1, 2026, 18:40 UTC");
	assert_string_equal(i18n_datetime(a, "2026-12-01 18:40:05", true), "Dec 1, 2026");
	assert_string_equal(i18n_datetime(a, "2026-03-07", false), "Mar 7, 2026");
	assert_string_equal(i18n_datetime(a, "not a time", false), "not a time");
	i18n_use(LANG_ES);
	assert_string_equal(i18n_count(a, 1234567), "1.234.567");
	assert_string_equal(i18n_datetime(a, "2026-12-01 18:40:05", false), "1 dic 2026, 18:40 UTC");
	assert_string_equal(i18n_datetime(a, "2026-03-07 09:05", true), "7 mar 2026");
}

static void test_catalog_follows_the_thread_and_ends_with_reset(void **state)
{
	(void)state;
	i18n_use(LANG_ES);
	assert_string_equal(_("Sign in"), "Iniciar sesión");
	assert_int_equal(i18n_current(), LANG_ES);
	i18n_use(LANG_PSEUDO);
	assert_string_equal(_("Sign in"), "\u27e6Sign in\u27e7");
	i18n_reset();
	assert_string_equal(_("Sign in"), "Sign in");
	assert_int_equal(i18n_current(), LANG_EN);
}

/* another thread in Spanish leaves this one's language alone: nothing process-wide changes per request */
static void *speak_spanish(void *out)
{
	i18n_use(LANG_ES);
	*(const char **)out = _("Sign in");
	return NULL;
}

static void test_one_thread_language_never_reaches_another(void **state)
{
	(void)state;
	i18n_use(LANG_EN);
	const char *there = NULL;
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, speak_spanish, &there), 0);
	pthread_join(t, NULL);
	assert_string_equal(there, "Iniciar sesión");
	assert_string_equal(_("Sign in"), "Sign in");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_language_picks_the_best_we_speak),
		cmocka_unit_test(test_saved_choice_outranks_cookie_outranks_browser),
		cmocka_unit_test(test_money_in_each_language),
		cmocka_unit_test(test_counts_and_times_in_each_language),
		cmocka_unit_test(test_catalog_follows_the_thread_and_ends_with_reset),
		cmocka_unit_test(test_one_thread_language_never_reaches_another),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
