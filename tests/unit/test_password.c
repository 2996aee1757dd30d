/* test_password.c: unit tests of the password policy (auth_password_problem, zxcvbn) that every place
 * where a person chooses a password goes through, and of the address a failed sign-in counts against */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "auth.h"

static const char *const nora[] = { "Nora Li", "nora@northwindtraders.onmicrosoft.com", "Northwind Traders", NULL };

static void assert_refused_because(arena *a, const char *password, const char *reason)
{
	const char *problem = auth_password_problem(a, password, nora);
	if (!problem || !strstr(problem, reason))
		fail_msg("%s: expected a refusal saying \"%s\", got %s", password, reason, problem ? problem : "none");
}

static void test_length(void **state)
{
	arena *a = *state;
	assert_refused_because(a, "Zq8#vL2!", "12 to 256 characters");
	char longest[AUTH_PASSWORD_MAX_BYTES + 2];
	memset(longest, 'k', sizeof longest - 1);
	longest[sizeof longest - 1] = '\0';
	assert_refused_because(a, longest, "12 to 256 characters");
	/* characters, not bytes: twelve two-byte letters are long enough to be judged on strength */
	assert_null(auth_password_problem(a, "ĳžæřŧÿüıœøþß", nora));
}

static void test_guessable_passwords_say_why(void **state)
{
	arena *a = *state;
	assert_refused_because(a, "Password1234!", "common word");
	assert_refused_because(a, "nora12345678", "like your name, user name or organization");
	assert_refused_because(a, "Northwind2026!", "like your name, user name or organization");
	assert_refused_because(a, "Northwind2026!", "a date or a year");
	assert_refused_because(a, "aaaaaaaaaaaaaaaa", "repeats");
	assert_refused_because(a, "abcdefghijklmn", "sequence");
	assert_refused_because(a, "asdfghjkl;lkjh", "keyboard pattern");
	assert_refused_because(a, "Summer2026Summer", "too easy to guess");
}

static void test_strong_passwords_pass(void **state)
{
	arena *a = *state;
	assert_null(auth_password_problem(a, "Zebra-lantern-91", nora));
	assert_null(auth_password_problem(a, "correct horse battery", nora));
	assert_null(auth_password_problem(a, "kX9#mP2$vL7!qR", nora));
	/* the user inputs are only this user's: another's name is not held against them */
	assert_null(auth_password_problem(a, "Tasmania-own-2026", NULL));
}

static void test_address_key(void **state)
{
	arena *a = *state;
	assert_string_equal(auth_address_key(a, "203.0.113.7"), "203.0.113.7");
	/* every address of one IPv6 subscriber network is one attacker */
	assert_string_equal(auth_address_key(a, "2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
	assert_string_equal(auth_address_key(a, "2001:db8:1:2::9"), "2001:db8:1:2::/64");
	assert_string_equal(auth_address_key(a, "::ffff:198.51.100.4"), "198.51.100.4");
	assert_string_equal(auth_address_key(a, ""), "");
	assert_string_equal(auth_address_key(a, NULL), "");
}

static int setup(void **state)
{
	*state = arena_new(4096);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	arena_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_guessable_passwords_say_why),
		cmocka_unit_test(test_strong_passwords_pass),
		cmocka_unit_test(test_address_key),
	};
	return cmocka_run_group_tests_name("password policy and sign-in throttle keys", tests, setup, teardown);
}
