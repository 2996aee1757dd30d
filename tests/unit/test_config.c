/* test_config.c: channel.conf parsing: a good file, and the mistakes that must stop the start
 * (an unknown key, a value too long for its field, a line too long, BASE_URL against SECURE_COOKIES, a statement
 * budget nginx would outwait), WORKERS=0 resolved per core, and the lists of database nodes and memcached servers */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static char conf_path[] = "/tmp/channel-conf-test-XXXXXX";
static char err_path[] = "/tmp/channel-conf-err-XXXXXX";

static void write_conf(const char *text)
{
	FILE *f = fopen(conf_path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load TEXT as a config file; the messages config_load printed land in ERR (stderr, captured). */
static int load(config *c, const char *text, char *err, size_t cap)
{
	write_conf(text);
	fflush(stderr);
	int saved = dup(2);
	FILE *f = fopen(err_path, "w+");
	assert_non_null(f);
	dup2(fileno(f), 2);
	int rc = config_load(c, conf_path);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	size_t n = fread(err, 1, cap - 1, f);
	err[n] = '\0';
	fclose(f);
	return rc;
}

static void test_good_file(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "# comment\n\nHTTP_PORT=9090\n  DB_NAME = other \nWORKERS=3\n"
				  "MAIL_FROM=\"Channel <a@b.example>\"\nDB_HOST=\n", err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_int_equal(c.http_port, 9090);
	assert_int_equal(c.workers, 3);
	assert_string_equal(c.db_name, "other");
	assert_string_equal(c.mail_from, "Channel <a@b.example>");
	assert_int_equal(c.memcached_port, 11212);  /* default kept */
	assert_string_equal(c.base_url, "http://127.0.0.1:9090");
	assert_string_equal(c.site_origin, "");  /* from the request's Host */
}

static void test_the_repository_file_is_valid(void **state)
{
	(void)state;
	config c;
	assert_int_equal(config_load(&c, "channel.conf"), 0);
}

static void test_unknown_key(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "HTTP_PORT=9090\nSECURE_COOKIE=1\n", err, sizeof err), -1);
	assert_non_null(strstr(err, conf_path));
	assert_non_null(strstr(err, ":2: SECURE_COOKIE is not a setting"));
}

static void test_overlong_key_is_unknown(void **state)
{
	(void)state;
	config c;
	char err[512], text[400];
	memset(text, 'K', 300);
	strcpy(text + 300, "=1\n");
	assert_int_equal(load(&c, text, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1: KKKK"));
	assert_non_null(strstr(err, "... is not a setting"));
	assert_true(strlen(err) < 250);  /* the message names the key without repeating all of it */
}

static void test_overlong_value(void **state)
{
	(void)state;
	config c;
	char err[512], text[300];
	/* DB_NAME holds 63 characters: 64 is refused, not silently cut to another database's name */
	snprintf(text, sizeof text, "DB_NAME=%064d\n", 0);
	assert_int_equal(load(&c, text, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1: DB_NAME is longer than the 63 characters it may hold"));
	snprintf(text, sizeof text, "DB_NAME=%063d\n", 0);
	assert_int_equal(load(&c, text, err, sizeof err), 0);
	assert_int_equal(strlen(c.db_name), 63);
}

static void test_overlong_line(void **state)
{
	(void)state;
	config c;
	char err[512];
	char *text = malloc(3000);
	strcpy(text, "DB_PASSWORD=");
	memset(text + 12, 'p', 2000);
	strcpy(text + 2012, "\nHTTP_PORT=9091\n");
	assert_int_equal(load(&c, text, err, sizeof err), -1);
	assert_non_null(strstr(err, ":1: line longer than"));
	assert_null(strstr(err, ":2:"));  /* the rest of the long line is not read as a line of its own */
	assert_int_equal(c.http_port, 9091);
	free(text);
}

/* one server by the single-server keys, or several from the lists; a later line wins over an earlier one */
static void test_server_lists(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "VAR_DIR=/v\n", err, sizeof err), 0);
	assert_int_equal(c.n_db_nodes, 1);
	assert_string_equal(c.db_node[0].socket, "/v/run/mysqld.sock");
	assert_int_equal(c.n_mc_servers, 1);
	assert_string_equal(c.mc_server[0].socket, "/v/run/memcached.sock");
	assert_string_equal(c.fcgi_socket, "/v/run/fcgi.sock");
	assert_string_equal(c.mail_dir, "/v/mail");
	assert_int_equal(load(&c, "DB_NODES=127.0.0.1:1\nDB_NODES=127.0.0.1:13611, db2.example:3306 ,[::1]:3307\n"
				  "MEMCACHED_SERVERS=/run/a.sock,10.0.0.2:11211\n", err, sizeof err), 0);
	assert_int_equal(c.n_db_nodes, 3);
	assert_string_equal(c.db_node[0].host, "127.0.0.1");
	assert_int_equal(c.db_node[0].port, 13611);
	assert_string_equal(c.db_node[1].host, "db2.example");
	assert_string_equal(c.db_node[2].host, "[::1]");
	assert_int_equal(c.db_node[2].port, 3307);
	assert_int_equal(c.n_mc_servers, 2);
	assert_string_equal(c.mc_server[0].socket, "/run/a.sock");
	assert_string_equal(c.mc_server[1].host, "10.0.0.2");
	assert_int_equal(c.mc_server[1].port, 11211);
}

static void test_bad_server_lists(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "DB_NODES=127.0.0.1:3311,127.0.0.1\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "DB_NODES: the entry \"127.0.0.1\" is not host:port"));
	assert_int_equal(load(&c, "DB_NODES=/run/db.sock\n", err, sizeof err), -1);
	assert_int_equal(load(&c, "DB_NODES=a:70000\n", err, sizeof err), -1);
	assert_int_equal(load(&c, "MEMCACHED_SERVERS=relative.sock\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "nor an absolute unix socket path"));
	assert_int_equal(load(&c, "MEMCACHED_SERVERS=a:1,a:2,a:3,a:4,a:5,a:6,a:7,a:8,a:9\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "the entry \"a:9\" is one more than the 8 entries"));
}

static void test_bad_number(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "HTTP_PORT=eighty\n", err, sizeof err), -1);
	assert_non_null(strstr(err, ":1: HTTP_PORT needs a whole number"));
}

static void test_https_origin(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "SECURE_COOKIES=1\nBASE_URL=https://portal.example/cc/\n", err, sizeof err), 0);
	assert_string_equal(c.site_origin, "https://portal.example");
	assert_int_equal(load(&c, "SECURE_COOKIES=1\nHTTP_PORT=8080\n", err, sizeof err), 0);
	assert_string_equal(c.base_url, "https://127.0.0.1:8080");
	assert_int_equal(load(&c, "SECURE_COOKIES=1\nBASE_URL=http://portal.example\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "BASE_URL http://portal.example does not start with https://"));
	assert_int_equal(load(&c, "BASE_URL=https://portal.example:8443\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "SECURE_COOKIES=0"));
}

static void test_statement_budget_range(void **state)
{
	(void)state;
	config c;
	char err[512];
	assert_int_equal(load(&c, "DB_STATEMENT_SECONDS=2\n", err, sizeof err), 0);
	assert_int_equal(c.db_statement_seconds, 2);
	assert_int_equal(load(&c, "DB_STATEMENT_SECONDS=0\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "DB_STATEMENT_SECONDS=0 must be from 1 to 20"));
	assert_int_equal(load(&c, "DB_STATEMENT_SECONDS=90\n", err, sizeof err), -1);
	assert_non_null(strstr(err, "before nginx stops waiting for the page"));
}

static void test_workers_per_core(void **state)
{
	(void)state;
	config c;
	char err[512];
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	assert_int_equal(load(&c, "WORKERS=0\n", err, sizeof err), 0);
	assert_int_equal(c.workers, cores);
	assert_int_equal(load(&c, "WORKERS=0\nWORKERS_PER_CORE=3\n", err, sizeof err), 0);
	assert_int_equal(c.workers, 3 * cores);
	assert_int_equal(load(&c, "WORKERS=5\nWORKERS_PER_CORE=3\n", err, sizeof err), 0);
	assert_int_equal(c.workers, 5);  /* a count given wins */
}

static int setup(void **state)
{
	(void)state;
	int fd = mkstemp(conf_path), fd2 = mkstemp(err_path);
	if (fd < 0 || fd2 < 0)
		return -1;
	close(fd);
	close(fd2);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	remove(conf_path);
	remove(err_path);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_the_repository_file_is_valid),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_overlong_key_is_unknown),
		cmocka_unit_test(test_overlong_value),
		cmocka_unit_test(test_overlong_line),
		cmocka_unit_test(test_server_lists),
		cmocka_unit_test(test_bad_server_lists),
		cmocka_unit_test(test_bad_number),
		cmocka_unit_test(test_https_origin),
		cmocka_unit_test(test_statement_budget_range),
		cmocka_unit_test(test_workers_per_core),
	};
	return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
