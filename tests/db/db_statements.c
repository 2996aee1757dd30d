/* db_statements.c: db.c against the test stack's MariaDB (run by run-all.sh once the stack is up, with
 * CHANNEL_CONF naming its configuration): the prepared-statement cache stays bounded, programming errors
 * are told from an unavailable server, a connection lost at COMMIT is an unknown outcome, not a
 * rollback, a deadlock's victim is replayed whole, and a transaction rolled back every time it runs is refused
 * after a few tries, saying so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "auth.h"
#include "db.h"

#define CACHE_SIZE 256            /* db.c's MAX_STMTS */
#define DISTINCT (3 * CACHE_SIZE)

static config cfg;
static arena *a;

static long long server_prepared_statements(void)
{
	db_rows r;
	if (db_query(a, &r, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS "
			    "WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'", DB_NOARGS) != DB_OK)
		return -1;
	return db_get_int(&r, 0, 0);
}

/* The cache is keyed by the SQL text's address, so each statement here lives at an address of its own. */
static char sql_texts[DISTINCT][64];

static void run_distinct_statements(void)
{
	for (int i = 0; i < DISTINCT; i++) {
		db_rows r;
		snprintf(sql_texts[i], sizeof sql_texts[i], "SELECT %d + 0", i);
		assert_int_equal(db_query(a, &r, sql_texts[i], DB_NOARGS), DB_OK);
		assert_int_equal(db_get_int(&r, 0, 0), i);
	}
}

static void test_statement_cache_stays_bounded(void **state)
{
	(void)state;
	long long before = server_prepared_statements();
	assert_true(before >= 0);
	run_distinct_statements();
	run_distinct_statements();  /* statements closed to make room are prepared again, and still right */
	long long after = server_prepared_statements();
	fprintf(stderr, "# server's prepared statements: %lld before, %lld after %d distinct statements twice\n",
		before, after, DISTINCT);
	/* the workers' caches may grow a little meanwhile; a leak would add about 2 * DISTINCT */
	assert_true(after - before <= CACHE_SIZE + 16);
}

static void assert_bug(int rc, const char *statement_part)
{
	assert_int_equal(rc, DB_BUG);
	assert_int_equal(db_last_error_kind(), DB_BUG);
	assert_non_null(strstr(db_last_error(), "programming error"));
	assert_non_null(strstr(db_last_error(), statement_part));
}

static void test_programming_errors_are_bugs(void **state)
{
	(void)state;
	db_rows r;
	assert_bug(db_query(a, &r, "SELEC id FROM orders", DB_NOARGS), "SELEC id FROM orders");
	assert_bug(db_query(a, &r, "SELECT no_such_column FROM orders", DB_NOARGS), "no_such_column");
	assert_bug(db_query(a, &r, "SELECT id FROM no_such_table", DB_NOARGS), "no_such_table");
	assert_bug(db_query(a, &r, "SELECT id FROM orders WHERE id = ? AND order_key = ?", DB_ARGS(DB_INT(1))),
		   "WHERE id = ? AND order_key = ?");
	assert_bug(db_exec("UPDATE orders SET monthly_total_cents = 0 WHERE id = ?", DB_NOARGS, NULL, NULL),
		   "UPDATE orders SET monthly_total_cents");
	assert_bug(db_query(a, &r, "SELECT 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,"
				   "29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,"
				   "55,56,57,58,59,60,61,62,63,64,65", DB_NOARGS), "63,64,65");
	/* a SELECT read by column names that returns another number of columns: the names would be shifted */
	enum { ID, KEY, NCOLS };
	assert_bug(db_query_cols(a, &r, NCOLS, "SELECT id, order_key, placed_at FROM orders LIMIT 1", DB_NOARGS),
		   "returns 3 columns, the code names 2");
	assert_int_equal(r.nrows, 0);
	assert_int_equal(db_query_cols(a, &r, NCOLS, "SELECT 7, 'k'", DB_NOARGS), DB_OK);
	assert_string_equal(db_get(&r, 0, KEY), "k");
	/* and the connection is fine afterwards */
	assert_int_equal(db_query(a, &r, "SELECT 42", DB_NOARGS), DB_OK);
	assert_int_equal(db_get_int(&r, 0, 0), 42);
}

/* ---- transactions: rolled back, replayed, or of unknown outcome ---- */

static MYSQL *killer;  /* a connection of its own, to kill db.c's */

static long long rows_with(const char *tag)
{
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT COUNT(*) FROM db_statements_scratch WHERE tag = ?",
				  DB_ARGS(DB_STR(tag))), DB_OK);
	return db_get_int(&r, 0, 0);
}

static void kill_db_connection(void)
{
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT CONNECTION_ID()", DB_NOARGS), DB_OK);
	char kill[64];
	snprintf(kill, sizeof kill, "KILL CONNECTION %lld", db_get_int(&r, 0, 0));
	assert_int_equal(mysql_query(killer, kill), 0);
}

typedef struct {
	const char *tag;
	int calls;
	bool kill_before_commit, kill_mid_way;
} scratch_tx;

static int insert_then_maybe_kill(void *ctx)
{
	scratch_tx *t = ctx;
	t->calls++;
	int rc = db_exec("INSERT INTO db_statements_scratch (tag) VALUES (?)", DB_ARGS(DB_STR(t->tag)), NULL, NULL);
	if (rc != DB_OK)
		return rc;
	if (t->kill_mid_way && t->calls == 1) {
		kill_db_connection();
		/* the next statement finds the connection gone: the transaction is replayed */
		return db_exec("INSERT INTO db_statements_scratch (tag) VALUES (?)", DB_ARGS(DB_STR(t->tag)), NULL, NULL);
	}
	if (t->kill_before_commit)
		kill_db_connection();  /* COMMIT is then sent on a dead connection: the client cannot know */
	return DB_OK;
}

static void test_lost_commit_is_unknown(void **state)
{
	(void)state;
	unsigned long reconnects = db_reconnects();
	scratch_tx t = { .tag = "lost-commit", .kill_before_commit = true };
	assert_int_equal(db_transaction_unaudited(insert_then_maybe_kill, &t), DB_UNKNOWN);
	assert_int_equal(db_last_error_kind(), DB_UNKNOWN);
	assert_int_equal(t.calls, 1);  /* never replayed: it might have committed */
	/* the next call reconnects and can look the change up (here it was killed before COMMIT arrived) */
	assert_int_equal(rows_with("lost-commit"), 0);
	assert_true(db_reconnects() > reconnects);
}

static void test_lost_mid_way_is_replayed(void **state)
{
	(void)state;
	scratch_tx t = { .tag = "mid-way", .kill_mid_way = true };
	assert_int_equal(db_transaction_unaudited(insert_then_maybe_kill, &t), DB_OK);
	assert_int_equal(t.calls, 2);
	assert_int_equal(rows_with("mid-way"), 1);  /* the first attempt rolled back, the replay committed */
}

static int fail_after_insert(void *ctx)
{
	scratch_tx *t = ctx;
	t->calls++;
	int rc = db_exec("INSERT INTO db_statements_scratch (tag) VALUES (?)", DB_ARGS(DB_STR(t->tag)), NULL, NULL);
	return rc != DB_OK ? rc : db_exec("INSERT INTO db_statements_scratch (no_such_column) VALUES (1)",
					  DB_NOARGS, NULL, NULL);
}

static void test_bug_in_transaction_rolls_back(void **state)
{
	(void)state;
	scratch_tx t = { .tag = "bug" };
	assert_int_equal(db_transaction_unaudited(fail_after_insert, &t), DB_BUG);
	assert_int_equal(t.calls, 1);
	assert_int_equal(rows_with("bug"), 0);
}

/* The product's transactions: a change saved without its audit row is refused and leaves nothing. */
static void test_change_without_audit_row_is_refused(void **state)
{
	(void)state;
	scratch_tx t = { .tag = "unaudited" };
	assert_int_equal(db_transaction(insert_then_maybe_kill, &t), DB_BUG);
	assert_int_equal(db_last_error_kind(), DB_BUG);
	assert_non_null(strstr(db_last_error(), "without writing its audit row"));
	assert_int_equal(t.calls, 1);
	assert_int_equal(rows_with("unaudited"), 0);
}

static int audited_insert(void *ctx)
{
	int rc = insert_then_maybe_kill(ctx);
	return rc != DB_OK ? rc : audit(0, "test.scratch", "a scratch row", "127.0.0.1");
}

static void test_change_with_audit_row_is_saved(void **state)
{
	(void)state;
	scratch_tx t = { .tag = "audited" };
	assert_int_equal(db_transaction(audited_insert, &t), DB_OK);
	assert_int_equal(rows_with("audited"), 1);
}

/* A real deadlock: another session holds rows 1, 3, 4, 5 and then asks for row 2, which db.c's transaction
 * holds while it waits for row 1. InnoDB rolls back the lighter transaction, db.c's, which is then replayed
 * whole once the other has committed: both changes are saved, each once. */
typedef struct {
	int calls;
} deadlock_tx;

static int update_2_then_1(void *ctx)
{
	deadlock_tx *t = ctx;
	t->calls++;
	int rc = db_exec("UPDATE db_deadlock_scratch SET n = n + 1 WHERE id = 2", DB_NOARGS, NULL, NULL);
	return rc != DB_OK ? rc : db_exec("UPDATE db_deadlock_scratch SET n = n + 1 WHERE id = 1", DB_NOARGS, NULL, NULL);
}

static void other_session(int ready_fd)
{
	MYSQL *m = mysql_init(NULL);
	if (!mysql_real_connect(m, cfg.db_host[0] ? cfg.db_host : NULL, cfg.db_user, cfg.db_password, cfg.db_name,
				(unsigned)cfg.db_port, cfg.db_host[0] ? NULL : cfg.db_socket, 0) ||
	    mysql_query(m, "BEGIN"))
		_exit(1);
	for (int id = 1; id <= 5; id++) {  /* one row at a time: a scan of the small table would lock row 2 too */
		char sql[80];
		snprintf(sql, sizeof sql, "UPDATE db_deadlock_scratch SET n = n + 10 WHERE id = %d", id);
		if (id != 2 && mysql_query(m, sql))
			_exit(1);
	}
	if (write(ready_fd, "x", 1) != 1)
		_exit(2);
	usleep(300 * 1000);  /* db.c's transaction now holds row 2 and waits for row 1 */
	int rc = mysql_query(m, "UPDATE db_deadlock_scratch SET n = n + 10 WHERE id = 2") || mysql_query(m, "COMMIT");
	mysql_close(m);
	_exit(rc ? 3 : 0);
}

static void test_deadlock_victim_is_replayed(void **state)
{
	(void)state;
	assert_int_equal(db_exec("CREATE OR REPLACE TABLE db_deadlock_scratch (id INT PRIMARY KEY, n INT NOT NULL) "
				 "ENGINE=InnoDB", DB_NOARGS, NULL, NULL), DB_OK);
	assert_int_equal(db_exec("INSERT INTO db_deadlock_scratch VALUES (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)",
				 DB_NOARGS, NULL, NULL), DB_OK);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		other_session(fds[1]);
	char c;
	assert_int_equal(read(fds[0], &c, 1), 1);
	deadlock_tx t = { 0 };
	assert_int_equal(db_transaction_unaudited(update_2_then_1, &t), DB_OK);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(t.calls, 2);  /* rolled back by the deadlock, replayed once */
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT GROUP_CONCAT(n ORDER BY id) FROM db_deadlock_scratch", DB_NOARGS), DB_OK);
	assert_string_equal(db_get(&r, 0, 0), "11,11,10,10,10");
	db_exec("DROP TABLE db_deadlock_scratch", DB_NOARGS, NULL, NULL);
	close(fds[0]);
	close(fds[1]);
}

/* A transaction rolled back each time (as by a deadlock or a certification conflict that keeps coming back) runs
 * a few times, then is refused as a conflict, saving nothing. */
static int insert_then_conflict(void *ctx)
{
	int rc = insert_then_maybe_kill(ctx);
	return rc != DB_OK ? rc : DB_RETRY;
}

static void test_conflict_every_time_is_refused(void **state)
{
	(void)state;
	scratch_tx t = { .tag = "conflict" };
	assert_int_equal(db_transaction_unaudited(insert_then_conflict, &t), DB_ERROR);
	assert_int_equal(db_last_error_kind(), DB_CONFLICT);
	assert_non_null(strstr(db_last_error(), "transaction rolled back 4 times, not saved"));
	assert_int_equal(t.calls, 4);
	assert_int_equal(rows_with("conflict"), 0);
}

static int setup(void **state)
{
	(void)state;
	a = arena_new(1 << 16);
	if (config_load(&cfg, NULL) != 0 || db_open(&cfg) != 0) {
		fprintf(stderr, "db_statements: no database (set CHANNEL_CONF to the test stack's channel.conf)\n");
		return -1;
	}
	killer = mysql_init(NULL);
	if (!mysql_real_connect(killer, cfg.db_host[0] ? cfg.db_host : NULL, cfg.db_user, cfg.db_password, cfg.db_name,
				(unsigned)cfg.db_port, cfg.db_host[0] ? NULL : cfg.db_socket, 0))
		return -1;
	return db_exec("CREATE OR REPLACE TABLE db_statements_scratch (id INT AUTO_INCREMENT PRIMARY KEY, "
		       "tag VARCHAR(32) NOT NULL) ENGINE=InnoDB", DB_NOARGS, NULL, NULL) == DB_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	db_exec("DROP TABLE IF EXISTS db_statements_scratch", DB_NOARGS, NULL, NULL);
	mysql_close(killer);
	db_close();
	arena_free(a);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statement_cache_stays_bounded),
		cmocka_unit_test(test_programming_errors_are_bugs),
		cmocka_unit_test(test_lost_commit_is_unknown),
		cmocka_unit_test(test_lost_mid_way_is_replayed),
		cmocka_unit_test(test_deadlock_victim_is_replayed),
		cmocka_unit_test(test_conflict_every_time_is_refused),
		cmocka_unit_test(test_bug_in_transaction_rolls_back),
		cmocka_unit_test(test_change_without_audit_row_is_refused),
		cmocka_unit_test(test_change_with_audit_row_is_saved),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
