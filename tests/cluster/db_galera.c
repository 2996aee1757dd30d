/* db_galera.c: db.c against the test cluster's three MariaDB Galera nodes (tests/cluster/run.sh starts them):
 * writers on every node at once still leave one exact audit chain, the certification conflicts between them
 * (1213 at COMMIT) replayed whole by db_transaction and never half saved; a first node that does not answer is
 * passed by; a node that has left the cluster's primary component (1047) is passed by mid-transaction and the
 * transaction lands on the next node; reads that tolerate lag go to another node than the writes, and inside a
 * transaction to the writes' node. Prints how many transactions were replayed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit_chain.h"
#include "config.h"
#include "db.h"

#define ROWS_EACH 40

static config cfg;
static char tag[32];  /* this run's rows */

/* CFG with only node I (from 0) */
static config one_node(int i)
{
	config c = cfg;
	c.db_node[0] = cfg.db_node[i];
	c.n_db_nodes = 1;
	return c;
}

/* What a writer process tells its parent through the pipe */
typedef struct {
	int saved, refused, runs;
} writer_result;

typedef struct {
	audit_entry e;
	int runs;  /* how many times db_transaction ran the change: more than once = replayed */
} linger_ctx;

static int audit_then_linger(void *arg)
{
	linger_ctx *c = arg;
	c->runs++;
	int rc = audit_change(&c->e);
	usleep(3000);  /* the rest of the transaction after its audit row, before COMMIT: the window others hit */
	return rc;
}

/* Writer W on node W: ROWS_EACH audited transactions; DB_NODES of one node, so it cannot dodge a conflict by
 * moving. A transaction refused after its replays (DB_CONFLICT) counts as refused: it must have saved nothing. */
static void write_rows(int w, int fd)
{
	config c = one_node(w);
	if (db_open(&c) != 0)
		_exit(2);
	writer_result res = { 0 };
	for (int i = 0; i < ROWS_EACH; i++) {
		char detail[64];
		snprintf(detail, sizeof detail, "%s writer %d row %d", tag, w, i);
		linger_ctx ctx = { .e = { .action = "test.galera", .object_type = "test", .object_id = w,
					  .detail = detail, .after_json = "{\"n\":1}", .client_ip = "127.0.0.1" } };
		int rc = db_transaction(audit_then_linger, &ctx);
		res.runs += ctx.runs;
		if (rc == DB_OK)
			res.saved++;
		else if (rc == DB_ERROR && db_last_error_kind() == DB_CONFLICT)
			res.refused++;
		else
			_exit(3);
	}
	db_close();
	if (write(fd, &res, sizeof res) != (ssize_t)sizeof res)
		_exit(4);
	_exit(0);
}

static void test_writers_on_every_node_keep_one_chain(void **state)
{
	(void)state;
	assert_true(cfg.n_db_nodes >= 3);
	int fds[3][2];
	pid_t pids[3];
	for (int w = 0; w < 3; w++) {
		assert_int_equal(pipe(fds[w]), 0);
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0)
			write_rows(w, fds[w][1]);
		close(fds[w][1]);
	}
	writer_result total = { 0 };
	for (int w = 0; w < 3; w++) {
		int status = 0;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
		writer_result r;
		assert_int_equal(read(fds[w][0], &r, sizeof r), (ssize_t)sizeof r);
		close(fds[w][0]);
		total.saved += r.saved;
		total.refused += r.refused;
		total.runs += r.runs;
	}
	int replays = total.runs - 3 * ROWS_EACH;
	printf("# %d audited transactions from 3 writers, one per node: %d saved, %d refused after their replays, "
	       "%d replays (certification conflicts on the audit chain's head)\n", 3 * ROWS_EACH, total.saved,
	       total.refused, replays);
	assert_int_equal(total.saved + total.refused, 3 * ROWS_EACH);
	assert_true(replays > 0);  /* the writers did collide: the replay path ran */
	assert_true(total.saved >= 2 * ROWS_EACH);  /* collisions are replayed, not given up on */

	/* every saved row is there once, on every node, and the chain is exact */
	for (int i = 0; i < 3; i++) {
		config c = one_node(i);
		assert_int_equal(db_open(&c), 0);
		arena *a = arena_new(4096);
		db_rows r;
		char like[48];
		snprintf(like, sizeof like, "%s %%", tag);
		assert_int_equal(db_query(a, &r, "SELECT COUNT(*), COUNT(DISTINCT detail) FROM audit_log WHERE detail LIKE ?",
					  DB_ARGS(DB_STR(like))), DB_OK);
		assert_int_equal(db_get_int(&r, 0, 0), total.saved);
		assert_int_equal(db_get_int(&r, 0, 1), total.saved);
		audit_chain_report rep;
		assert_int_equal(audit_chain_verify(&rep), DB_OK);
		if (rep.verdict != AUDIT_CHAIN_OK)
			fail_msg("node %d: row %lld: %s", i + 1, rep.bad_id, rep.why);
		arena_free(a);
		db_close();
	}
}

static int audit_one(void *arg)
{
	return audit_change(arg);
}

/* a lone audited change through C: the node it landed on, or -1 - the failure (asserted by the caller, once
 * the cluster is whole again) */
static int save_one(config *c, const char *what)
{
	if (db_open(c) != 0)
		return -100;
	char detail[64];
	snprintf(detail, sizeof detail, "%s %s", tag, what);
	audit_entry e = { .action = "test.galera_failover", .detail = detail, .client_ip = "127.0.0.1" };
	int rc = db_transaction(audit_one, &e);
	int n = rc == DB_OK ? db_node() : -1 + rc;
	if (rc != DB_OK)
		fprintf(stderr, "# save_one: %s\n", db_last_error());
	db_close();
	return n;
}

static void test_a_node_that_does_not_answer_is_passed_by(void **state)
{
	(void)state;
	config c = cfg;
	c.db_node[0] = (config_server){ .host = "127.0.0.1", .port = 1 };  /* nothing listens there */
	c.db_node[1] = cfg.db_node[1];
	c.n_db_nodes = 2;
	assert_int_equal(save_one(&c, "dead first node"), 1);
}

/* Node 3 cut off from its peers (gmcast.isolate): it leaves the primary component and refuses statements with
 * 1047 while still accepting connections; a worker whose list starts with it connects there, and its first
 * transaction moves to the next node. */
static void admin(int node, const char *sql)
{
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "mariadb --no-defaults --socket=%s/run/mysqld-%d.sock -u root -N -e \"%s\"",
		 cfg.var_dir, node, sql);
	assert_int_equal(system(cmd), 0);
}

static bool node_ready(int node)
{
	char cmd[1400];
	snprintf(cmd, sizeof cmd, "mariadb --no-defaults --socket=%s/run/mysqld-%d.sock -u root -N -e "
		 "\"SHOW STATUS LIKE 'wsrep_ready'\" 2>/dev/null | grep -q ON", cfg.var_dir, node);
	return system(cmd) == 0;
}

static void wait_ready(int node, bool ready)
{
	for (int i = 0; i < 300 && node_ready(node) != ready; i++)
		usleep(100 * 1000);
	assert_int_equal(node_ready(node), ready);
}

static void test_a_node_that_left_the_cluster_is_passed_by(void **state)
{
	(void)state;
	admin(3, "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'");
	wait_ready(3, false);
	config c = cfg;
	c.db_node[0] = cfg.db_node[2];
	c.db_node[1] = cfg.db_node[0];
	c.n_db_nodes = 2;
	int landed = save_one(&c, "node 3 isolated");
	admin(3, "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'");
	wait_ready(3, true);
	assert_int_equal(landed, 1);
}

static const char *node_name(arena *a, bool lagging)
{
	db_rows r;
	const char *sql = "SELECT @@wsrep_node_name";
	assert_int_equal(lagging ? db_query_lagging(a, &r, sql, DB_NOARGS) : db_query(a, &r, sql, DB_NOARGS), DB_OK);
	return db_get(&r, 0, 0);
}

typedef struct {
	arena *a;
	const char *lagging_node;
} tx_read;

static int lagging_read_in_tx(void *arg)
{
	tx_read *t = arg;
	t->lagging_node = node_name(t->a, true);
	return DB_OK;
}

static void test_lag_tolerant_reads_go_to_another_node(void **state)
{
	(void)state;
	assert_int_equal(db_open(&cfg), 0);
	arena *a = arena_new(4096);
	assert_string_equal(node_name(a, false), "node-1");
	assert_string_equal(node_name(a, true), "node-2");
	assert_int_equal(db_node(), 0);
	assert_int_equal(db_reader_node(), 1);
	tx_read t = { .a = a };
	assert_int_equal(db_transaction_unaudited(lagging_read_in_tx, &t), DB_OK);
	assert_string_equal(t.lagging_node, "node-1");  /* a transaction reads what it writes, on its own node */
	arena_free(a);
	db_close();
}

int main(void)
{
	if (config_load(&cfg, NULL) != 0)
		return 1;
	snprintf(tag, sizeof tag, "galera-%ld-%ld", (long)time(NULL), (long)getpid());
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writers_on_every_node_keep_one_chain),
		cmocka_unit_test(test_a_node_that_does_not_answer_is_passed_by),
		cmocka_unit_test(test_lag_tolerant_reads_go_to_another_node),
		cmocka_unit_test(test_a_node_that_left_the_cluster_is_passed_by),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
