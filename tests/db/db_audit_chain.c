/* db_audit_chain.c: audit rows written by concurrent transactions against the test stack's MariaDB still
 * form one exact chain (each transaction holds its row a moment before COMMIT, which is when an unlocked
 * "read the newest row, then insert" would point two rows at the same predecessor); a rolled-back change
 * leaves neither its row nor a gap in the chain. Prints what serializing the writers costs. Each row names
 * the organizations that see it (audit_visibility): the actor, the one acted for, the party and a customer
 * party's live partners of record, both sides of a partnership or relationship, and no one else; finding
 * them never waits for a relationship row another transaction holds. */
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

#define WRITERS 4
#define ROWS_EACH 40

static config cfg;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int audit_then_linger(void *ctx)
{
	const audit_entry *e = ctx;
	int rc = audit_change(e);
	usleep(2000);  /* other work of the transaction after its audit row, before COMMIT */
	return rc;
}

static int refused_after_audit(void *ctx)
{
	int rc = audit_change(ctx);
	return rc != DB_OK ? rc : DB_DUPLICATE;  /* the change fails after its row was written: all rolls back */
}

static void write_rows(int writer, int rows)
{
	if (db_open(&cfg) != 0)
		_exit(2);
	for (int i = 0; i < rows; i++) {
		char detail[64];
		snprintf(detail, sizeof detail, "writer %d row %d", writer, i);
		audit_entry e = { .action = "test.concurrent", .object_type = "test", .object_id = writer,
				  .detail = detail, .after_json = "{\"n\":1}", .client_ip = "127.0.0.1" };
		if (db_transaction(audit_then_linger, &e) != DB_OK)
			_exit(1);
	}
	db_close();
	_exit(0);
}

/* Seconds for WRITERS processes writing ROWS rows each, each row in its own transaction. */
static double run_writers(int writers, int rows)
{
	double t0 = now();
	pid_t pids[WRITERS];
	for (int w = 0; w < writers; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0)
			write_rows(w, rows);
	}
	for (int w = 0; w < writers; w++) {
		int status = 0;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	return now() - t0;
}

static void assert_chain_ok(void)
{
	assert_int_equal(db_open(&cfg), 0);
	audit_chain_report rep;
	assert_int_equal(audit_chain_verify(&rep), DB_OK);
	if (rep.verdict != AUDIT_CHAIN_OK)
		fail_msg("row %lld: %s", rep.bad_id, rep.why);
	db_close();
}

static void test_concurrent_writers_keep_one_chain(void **state)
{
	(void)state;
	double alone = run_writers(1, WRITERS * ROWS_EACH);
	double together = run_writers(WRITERS, ROWS_EACH);
	printf("# %d audit rows: %.0f ms from one writer, %.0f ms from %d concurrent writers (each holding its "
	       "transaction 2 ms after its row)\n", WRITERS * ROWS_EACH, alone * 1000, together * 1000, WRITERS);
	assert_chain_ok();
}

static void test_rolled_back_row_leaves_the_chain_whole(void **state)
{
	(void)state;
	assert_int_equal(db_open(&cfg), 0);
	arena *a = arena_new(4096);
	db_rows before, after;
	assert_int_equal(db_query(a, &before, "SELECT last_id, last_hash FROM audit_chain_head", DB_NOARGS), DB_OK);
	audit_entry e = { .action = "test.rolled_back", .detail = "never saved" };
	assert_int_equal(db_transaction(refused_after_audit, &e), DB_DUPLICATE);
	assert_int_equal(db_query(a, &after, "SELECT last_id, last_hash, "
				  "(SELECT COUNT(*) FROM audit_log WHERE action = 'test.rolled_back') FROM audit_chain_head",
				  DB_NOARGS), DB_OK);
	assert_string_equal(db_get(&after, 0, 0), db_get(&before, 0, 0));
	assert_string_equal(db_get(&after, 0, 1), db_get(&before, 0, 1));
	assert_int_equal(db_get_int(&after, 0, 2), 0);
	/* and a sign-out's lone audit() call, outside any transaction, still chains */
	assert_int_equal(audit_change(&(audit_entry){ .action = "test.alone", .detail = "no transaction" }), DB_OK);
	arena_free(a);
	db_close();
	assert_chain_ok();
}

/* A fresh organization of KIND with its tenant: its id. */
static long long new_org(const char *kind)
{
	static int n;
	char domain[96];
	snprintf(domain, sizeof domain, "vis%ld-%d-%d.onmicrosoft.com", (long)time(NULL), (int)getpid(), n++);
	unsigned long long tenant = 0, org = 0;
	assert_int_equal(db_exec("INSERT INTO tenants (domain, display_name, country) VALUES (?, ?, 'US')",
				 DB_ARGS(DB_STR(domain), DB_STR(domain)), NULL, &tenant), DB_OK);
	assert_int_equal(db_exec("INSERT INTO organizations (kind, name, tenant_id, country) VALUES (?, ?, ?, 'US')",
				 DB_ARGS(DB_STR(kind), DB_STR(domain), DB_INT((long long)tenant)), NULL, &org), DB_OK);
	return (long long)org;
}

static long long link_orgs(const char *sql, long long a, long long b)
{
	unsigned long long id = 0;
	assert_int_equal(db_exec(sql, DB_ARGS(DB_INT(a), DB_INT(b)), NULL, &id), DB_OK);
	return (long long)id;
}

#define RELATE \
	"INSERT INTO customer_relationships (customer_org_id, partner_org_id, started_at) VALUES (?, ?, UTC_TIMESTAMP())"
#define PARTNER "INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) VALUES (?, ?, UTC_TIMESTAMP())"

/* The organizations that see the row E writes, ascending, as "1,2,3". */
static const char *seen_by(arena *a, const audit_entry *e)
{
	assert_int_equal(audit_change(e), DB_OK);
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT COALESCE(GROUP_CONCAT(org_id ORDER BY org_id), '') FROM audit_visibility "
				  "WHERE audit_id = (SELECT last_id FROM audit_chain_head)", DB_NOARGS), DB_OK);
	return db_get(&r, 0, 0);
}

/* N organization ids, given in the order they were made (ascending), as seen_by lists them. */
static const char *ids(arena *a, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	const char *out = "";
	for (int i = 0; i < n; i++)
		out = arena_printf(a, "%s%s%lld", out, i ? "," : "", va_arg(ap, long long));
	va_end(ap);
	return out;
}

static void test_each_row_names_who_sees_it(void **state)
{
	(void)state;
	assert_int_equal(db_open(&cfg), 0);
	arena *a = arena_new(16384);
	long long provider = new_org("provider"), reseller = new_org("reseller"), other = new_org("reseller");
	long long customer = new_org("customer"), ended = new_org("reseller"), stranger = new_org("provider");
	long long partnership = link_orgs(PARTNER, provider, reseller);
	link_orgs(RELATE, customer, provider);
	long long relationship = link_orgs(RELATE, customer, reseller);
	link_orgs(RELATE, customer, other);
	long long gone = link_orgs(RELATE, customer, ended);
	assert_int_equal(db_exec("UPDATE customer_relationships SET ended_at = UTC_TIMESTAMP() WHERE id = ?",
				 DB_ARGS(DB_INT(gone)), NULL, NULL), DB_OK);

	/* a provider's order for its reseller's customer: the three of them and the customer's other live
	 * partner of record; not the partner whose relationship ended, not a stranger */
	audit_entry order = { .org_id = provider, .on_behalf_org_id = reseller, .party_org_id = customer,
			      .action = "test.order", .object_type = "order", .object_id = 1 };
	assert_string_equal(seen_by(a, &order), ids(a, 4, provider, reseller, other, customer));
	/* an account's own change (no party): that account alone */
	audit_entry own = { .org_id = stranger, .action = "test.roles", .object_type = "user", .object_id = 1 };
	assert_string_equal(seen_by(a, &own), ids(a, 1, stranger));
	/* a partnership ended by its provider: both sides, whatever the party says */
	audit_entry p = { .org_id = provider, .action = "test.partnership", .object_type = "partnership",
			  .object_id = partnership };
	assert_string_equal(seen_by(a, &p), ids(a, 2, provider, reseller));
	/* a relationship the customer ends: its two sides (the partner no longer of record) and the customer's
	 * other live partners, whose customer it is */
	assert_int_equal(db_exec("UPDATE customer_relationships SET ended_at = UTC_TIMESTAMP() WHERE id = ?",
				 DB_ARGS(DB_INT(relationship)), NULL, NULL), DB_OK);
	audit_entry r = { .org_id = customer, .party_org_id = customer, .action = "test.relationship",
			  .object_type = "customer_relationship", .object_id = relationship };
	assert_string_equal(seen_by(a, &r), ids(a, 4, provider, reseller, other, customer));
	/* a sign-in: no organization, seen in the vendor admin's log only */
	audit_entry signin = { .user_id = 1, .action = "test.signin" };
	assert_string_equal(seen_by(a, &signin), "");
	arena_free(a);
	db_close();
	assert_chain_ok();
}

/* Holds a lock on customer relationship CTX's row for HOLD_SECONDS, then rolls back. */
#define HOLD_SECONDS 2
static int hold_relationship(void *ctx)
{
	const long long *rel = ctx;
	if (db_exec("UPDATE customer_relationships SET created_by = created_by WHERE id = ?", DB_ARGS(DB_INT(rel[0])),
		    NULL, NULL) != DB_OK)
		return DB_ERROR;
	if (write((int)rel[1], "x", 1) != 1)
		return DB_ERROR;
	sleep(HOLD_SECONDS);
	return 1;  /* not a DB_* code: rolled back, not replayed */
}

static void test_partners_are_read_without_waiting_for_locks(void **state)
{
	(void)state;
	assert_int_equal(db_open(&cfg), 0);
	long long provider = new_org("provider"), customer = new_org("customer");
	long long rel = link_orgs(RELATE, customer, provider);
	db_close();
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	pid_t holder = fork();
	assert_true(holder >= 0);
	if (holder == 0) {
		long long ctx[2] = { rel, ready[1] };
		_exit(db_open(&cfg) == 0 && db_transaction_unaudited(hold_relationship, ctx) == 1 ? 0 : 1);
	}
	char c;
	assert_int_equal(read(ready[0], &c, 1), 1);
	assert_int_equal(db_open(&cfg), 0);
	double t0 = now();
	audit_entry order = { .org_id = provider, .party_org_id = customer, .action = "test.order_while_locked",
			      .object_type = "order", .object_id = 1 };
	arena *a = arena_new(4096);
	assert_string_equal(seen_by(a, &order), ids(a, 2, provider, customer));
	double waited = now() - t0;
	printf("# an audit row for a customer whose relationship row is locked: written in %.0f ms\n", waited * 1000);
	assert_true(waited < HOLD_SECONDS / 2.0);
	int status = 0;
	assert_int_equal(waitpid(holder, &status, 0), holder);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	arena_free(a);
	db_close();
	close(ready[0]);
	close(ready[1]);
}

static int setup(void **state)
{
	(void)state;
	return config_load(&cfg, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent_writers_keep_one_chain),
		cmocka_unit_test(test_rolled_back_row_leaves_the_chain_whole),
		cmocka_unit_test(test_each_row_names_who_sees_it),
		cmocka_unit_test(test_partners_are_read_without_waiting_for_locks),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
