/* db_timeouts.c: db.c's statement budget against the test stack's MariaDB (run by run-all.sh with CHANNEL_CONF
 * naming its configuration, DB_STATEMENT_SECONDS short): a statement past the budget is stopped by MariaDB
 * and never run again, a transaction it was part of rolls back and is not replayed, and a server that stops
 * answering (the client's read timeout) is not asked the same thing a second time either. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"

#define READ_TIMEOUT_MARGIN 5  /* db.c: the client's read timeout is the budget plus this */

static config cfg;
static arena *a;
static MYSQL *locker;  /* a session of its own, holding LOCK TABLES while db.c's statement waits */

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void locker_sql(const char *sql)
{
	if (mysql_query(locker, sql) != 0)
		fail_msg("%s: %s", sql, mysql_error(locker));
}

static long long statements_executed(void)
{
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
				  "WHERE VARIABLE_NAME = 'COM_STMT_EXECUTE'", DB_NOARGS), DB_OK);
	return db_get_int(&r, 0, 0);
}

static long long rows_with(const char *tag)
{
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT COUNT(*) FROM db_timeouts_scratch WHERE tag = ?", DB_ARGS(DB_STR(tag))),
			 DB_OK);
	return db_get_int(&r, 0, 0);
}

/* A failure after ELAPSED seconds that db.c called a timeout, naming STATEMENT_PART, within LIMIT seconds. */
static void assert_timed_out(int rc, double elapsed, double limit, const char *statement_part)
{
	fprintf(stderr, "# stopped after %.2f s (limit %.0f s): %s\n", elapsed, limit, db_last_error());
	assert_int_equal(rc, DB_ERROR);
	assert_int_equal(db_last_error_kind(), DB_TIMEOUT);
	assert_non_null(strstr(db_last_error(), "statement took too long"));
	assert_non_null(strstr(db_last_error(), statement_part));
	assert_true(elapsed >= limit - 0.5);
	assert_true(elapsed < limit + 2);  /* a second attempt would take as long again */
}

static const char locked_count[] = "SELECT COUNT(*) FROM db_timeouts_locked";

static void test_budget_stops_a_read_once(void **state)
{
	(void)state;
	db_rows r;
	assert_int_equal(db_query(a, &r, locked_count, DB_NOARGS), DB_OK);  /* prepared before the lock */
	unsigned long reconnects = db_reconnects();
	long long idle = statements_executed();
	idle = statements_executed() - idle;  /* what reading the counter itself adds */
	long long before = statements_executed();
	locker_sql("LOCK TABLES db_timeouts_locked WRITE");
	double t0 = now();
	int rc = db_query(a, &r, locked_count, DB_NOARGS);
	double elapsed = now() - t0;
	long long executed = statements_executed() - before - idle;
	locker_sql("UNLOCK TABLES");
	assert_timed_out(rc, elapsed, cfg.db_statement_seconds, "1969");
	assert_non_null(strstr(db_last_error(), locked_count));
	assert_int_equal(executed, 1);                    /* sent once, on this connection */
	assert_int_equal(db_reconnects(), reconnects);    /* which is still the same one */
	assert_int_equal(db_query(a, &r, locked_count, DB_NOARGS), DB_OK);
}

typedef struct {
	const char *tag, *then_sql;
	const db_val *args;
	int nargs, calls;
} insert_then_read;

static int insert_then_slow_read(void *ctx)
{
	insert_then_read *t = ctx;
	t->calls++;
	int rc = db_exec("INSERT INTO db_timeouts_scratch (tag) VALUES (?)", DB_ARGS(DB_STR(t->tag)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	db_rows r;
	rc = db_query(a, &r, t->then_sql, t->args, t->nargs);
	if (rc != DB_OK)
		return rc;
	/* a handler that goes on after a failure must not get the transaction replayed either */
	return db_exec("INSERT INTO db_timeouts_scratch (tag) VALUES (?)", DB_ARGS(DB_STR(t->tag)), NULL, NULL);
}

static void test_budget_in_transaction_rolls_back_once(void **state)
{
	(void)state;
	insert_then_read t = { "budget-tx", locked_count, NULL, 0, 0 };
	locker_sql("LOCK TABLES db_timeouts_locked WRITE");
	double t0 = now();
	int rc = db_transaction_unaudited(insert_then_slow_read, &t);
	double elapsed = now() - t0;
	locker_sql("UNLOCK TABLES");
	assert_timed_out(rc, elapsed, cfg.db_statement_seconds, locked_count);
	assert_int_equal(t.calls, 1);
	assert_int_equal(rows_with("budget-tx"), 0);
}

/* MariaDB's own budget switched off for this one statement, so only the client's read timeout can end it: as
 * when the server stops answering. */
static const char unanswered[] = "SET STATEMENT max_statement_time = 0 FOR SELECT SLEEP(?)";

static void test_read_timeout_is_not_retried(void **state)
{
	(void)state;
	int limit = cfg.db_statement_seconds + READ_TIMEOUT_MARGIN;
	db_rows r;
	double t0 = now();
	int rc = db_query(a, &r, unanswered, DB_ARGS(DB_INT(limit + 3)));
	assert_timed_out(rc, now() - t0, limit, unanswered);
	assert_int_equal(db_query(a, &r, "SELECT 42", DB_NOARGS), DB_OK);  /* the next call reconnects */
	assert_int_equal(db_get_int(&r, 0, 0), 42);
}

static void test_read_timeout_in_transaction_is_not_replayed(void **state)
{
	(void)state;
	int limit = cfg.db_statement_seconds + READ_TIMEOUT_MARGIN;
	insert_then_read t = { "read-timeout-tx", unanswered, DB_ARGS(DB_INT(limit + 3)), 0 };
	double t0 = now();
	int rc = db_transaction_unaudited(insert_then_slow_read, &t);
	assert_timed_out(rc, now() - t0, limit, unanswered);
	assert_int_equal(t.calls, 1);
	assert_int_equal(rows_with("read-timeout-tx"), 0);
}

static int setup(void **state)
{
	(void)state;
	a = arena_new(1 << 16);
	if (config_load(&cfg, NULL) != 0 || db_open(&cfg) != 0) {
		fprintf(stderr, "db_timeouts: no database (set CHANNEL_CONF to the test stack's channel.conf)\n");
		return -1;
	}
	locker = mysql_init(NULL);
	if (!mysql_real_connect(locker, cfg.db_host[0] ? cfg.db_host : NULL, cfg.db_user, cfg.db_password, cfg.db_name,
				(unsigned)cfg.db_port, cfg.db_host[0] ? NULL : cfg.db_socket, 0))
		return -1;
	if (db_exec("CREATE OR REPLACE TABLE db_timeouts_scratch (id INT AUTO_INCREMENT PRIMARY KEY, "
		    "tag VARCHAR(32) NOT NULL) ENGINE=InnoDB", DB_NOARGS, NULL, NULL) != DB_OK)
		return -1;
	return db_exec("CREATE OR REPLACE TABLE db_timeouts_locked (id INT PRIMARY KEY) ENGINE=InnoDB",
		       DB_NOARGS, NULL, NULL) == DB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	mysql_close(locker);
	db_exec("DROP TABLE IF EXISTS db_timeouts_scratch, db_timeouts_locked", DB_NOARGS, NULL, NULL);
	db_close();
	arena_free(a);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget_stops_a_read_once),
		cmocka_unit_test(test_budget_in_transaction_rolls_back_once),
		cmocka_unit_test(test_read_timeout_is_not_retried),
		cmocka_unit_test(test_read_timeout_in_transaction_is_not_replayed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
