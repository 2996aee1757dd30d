/* test_session.c: unit tests for the session code that needs no server: ids, CSRF checks, config */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "config.h"
#include "session.h"

static void test_random_ids(void **state)
{
	(void)state;
	char a[TOKEN_HEX_LEN + 1], b[TOKEN_HEX_LEN + 1];
	sess_random_hex(a);
	sess_random_hex(b);
	assert_int_equal(strlen(a), 64);  /* 256 bits */
	assert_string_not_equal(a, b);
	for (const char *p = a; *p; p++)
		assert_true((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'));
}

static void test_malformed_cookie_is_no_session(void **state)
{
	arena *a = *state;
	/* rejected before any lookup: no server is running in this test */
	assert_null(sess_load(a, NULL, NULL));
	assert_null(sess_load(a, "", NULL));
	assert_null(sess_load(a, "not-a-token", NULL));
	assert_null(sess_load(a, "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", NULL));
}

static request make_request(arena *a, const char *form, const char *cookies, const char *origin)
{
	request r = { .arena = a, .method = "POST", .site_origin = "http://127.0.0.1:8080", .origin = origin };
	http_parse_urlencoded(a, &r.form, form, strlen(form));
	http_parse_cookies(a, &r.cookies, cookies);
	return r;
}

static void test_csrf_anonymous_double_submit(void **state)
{
	arena *a = *state;
	char t[TOKEN_HEX_LEN + 1], other[TOKEN_HEX_LEN + 1];
	sess_random_hex(t);
	sess_random_hex(other);
	char form[128], cookie[128], bad_cookie[128];
	snprintf(form, sizeof form, "csrf_token=%s", t);
	snprintf(cookie, sizeof cookie, "cc_csrf=%s", t);
	snprintf(bad_cookie, sizeof bad_cookie, "cc_csrf=%s", other);
	request ok = make_request(a, form, cookie, NULL);
	assert_true(csrf_check(&ok));
	request same_origin = make_request(a, form, cookie, "http://127.0.0.1:8080");
	assert_true(csrf_check(&same_origin));
	request cross = make_request(a, form, cookie, "http://evil.example");
	assert_false(csrf_check(&cross));
	request mismatch = make_request(a, form, bad_cookie, NULL);
	assert_false(csrf_check(&mismatch));
	request missing = make_request(a, "upn=x", cookie, NULL);
	assert_false(csrf_check(&missing));
	request no_cookie = make_request(a, form, NULL, NULL);
	assert_false(csrf_check(&no_cookie));
}

static void test_csrf_session_token(void **state)
{
	arena *a = *state;
	session s = { 0 };
	sess_random_hex(s.csrf);
	char form[128], cookie[128];
	snprintf(form, sizeof form, "csrf_token=%s", s.csrf);
	/* a signed-in user's token is the session's, whatever the anonymous cookie says */
	char anon[TOKEN_HEX_LEN + 1];
	sess_random_hex(anon);
	snprintf(cookie, sizeof cookie, "cc_csrf=%s", anon);
	request r = make_request(a, form, cookie, NULL);
	r.session = &s;
	assert_true(csrf_check(&r));
	char wrong[128];
	snprintf(wrong, sizeof wrong, "csrf_token=%s", anon);
	request w = make_request(a, wrong, cookie, NULL);
	w.session = &s;
	assert_false(csrf_check(&w));
}

static void test_password_hash(void **state)
{
	(void)state;
	char h[128];
	assert_int_equal(auth_hash_password("correct horse battery", h), 0);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_true(auth_verify_password(h, "correct horse battery"));
	assert_false(auth_verify_password(h, "correct horse battery!"));
	char h2[128];
	auth_hash_password("correct horse battery", h2);
	assert_string_not_equal(h, h2);  /* salted */
}

static void test_user_cache_record(void **state)
{
	arena *a = *state;
	user u = { .id = 42, .upn = "sam@contoso.onmicrosoft.com", .display_name = "Sam \"O'Ortega\" <x>",
		   .directory_role = "global_admin", .tenant_id = 7, .tenant_domain = "contoso.onmicrosoft.com",
		   .org_id = 3, .org_kind = "reseller", .org_name = "", .must_change_password = true,
		   .roles = ROLE_ADMIN_AGENT | ROLE_HELPDESK_AGENT, .accounts = 2, .language = "es" };
	const char *blob = auth_user_encode(a, &u);
	assert_non_null(blob);
	const user *back = auth_user_decode(a, blob);
	assert_non_null(back);
	assert_int_equal(back->id, 42);
	assert_int_equal(back->tenant_id, 7);
	assert_int_equal(back->org_id, 3);
	assert_true(back->must_change_password);
	assert_int_equal(back->roles, ROLE_ADMIN_AGENT | ROLE_HELPDESK_AGENT);
	assert_int_equal(back->accounts, 2);
	assert_string_equal(back->display_name, u.display_name);
	assert_string_equal(back->org_name, "");
	assert_string_equal(back->org_kind, "reseller");
	assert_string_equal(back->language, "es");
	/* a value holding the separator is never cached: the record is read from MySQL instead */
	u.display_name = "bad\x1fname";
	assert_null(auth_user_encode(a, &u));
	assert_null(auth_user_decode(a, "12\x1f" "3"));
}

static void test_config_file(void **state)
{
	(void)state;
	char path[] = "/tmp/channel-conf-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("# comment\nHTTP_PORT=9090\n  DB_NAME = other \nWORKERS=3\n", f);
	fclose(f);
	config c;
	assert_int_equal(config_load(&c, path), 0);
	assert_int_equal(c.http_port, 9090);
	assert_int_equal(c.workers, 3);
	assert_string_equal(c.db_name, "other");
	assert_int_equal(c.memcached_port, 11212);  /* default kept */
	f = fopen(path, "w");
	fputs("HTTP_PORT=eighty\n", f);
	fclose(f);
	assert_int_equal(config_load(&c, path), -1);
	remove(path);
}

/* A configuration file holding TEXT, in PATH (a mkstemp template). */
static void write_conf(char *path, const char *text)
{
	int fd = mkstemp(path);
	assert_true(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
}

/* By default memcached is the one on VAR_DIR's unix socket; MEMCACHED_SOCKET moves it. */
static void test_config_memcached_socket(void **state)
{
	(void)state;
	config c;
	char defaults[] = "/tmp/channel-conf-XXXXXX", moved[] = "/tmp/channel-conf-XXXXXX";
	write_conf(defaults, "VAR_DIR=/srv/cc/var\nMEMCACHED_HOST=\nMEMCACHED_SOCKET=\n");
	assert_int_equal(config_load(&c, defaults), 0);
	assert_string_equal(c.memcached_host, "");
	assert_string_equal(c.memcached_socket, "/srv/cc/var/run/memcached.sock");
	write_conf(moved, "MEMCACHED_SOCKET=/run/cc/mc.sock\n");
	assert_int_equal(config_load(&c, moved), 0);
	assert_string_equal(c.memcached_socket, "/run/cc/mc.sock");
	remove(defaults);
	remove(moved);
}

static int setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
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
		cmocka_unit_test(test_random_ids),
		cmocka_unit_test(test_malformed_cookie_is_no_session),
		cmocka_unit_test(test_csrf_anonymous_double_submit),
		cmocka_unit_test(test_csrf_session_token),
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_user_cache_record),
		cmocka_unit_test(test_config_file),
		cmocka_unit_test(test_config_memcached_socket),
	};
	return cmocka_run_group_tests_name("sessions", tests, setup, teardown);
}
