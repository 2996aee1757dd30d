/* db_customer_words.c: the Customers word-prefix search against the test stack's MariaDB: case and accents
 * do not matter, a customer matching twice is listed once, seek pages cover every match exactly once in
 * both directions, the count stops at its cap, and a page reads about its own size from the index even when
 * a thousand customers share the word. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "domain/customer_words.h"
#include "db.h"

static config cfg;
static arena *a;
static long long tenant, partner, other_partner;
static char tag[24];  /* makes this run's names unique in a shared test database */

static long long insert_id(const char *sql, const db_val *args, int nargs)
{
	unsigned long long id = 0;
	assert_int_equal(db_exec(sql, args, nargs, NULL, &id), DB_OK);
	return (long long)id;
}

static long long add_org(const char *kind, const char *name)
{
	return insert_id("INSERT INTO organizations (kind, name, tenant_id, country) VALUES (?, ?, ?, 'US')",
			 DB_ARGS(DB_STR(kind), DB_STR(name), DB_INT(tenant)));
}

/* A customer of its own tenant, in a live relationship with PARTNER (and indexed). */
static long long add_customer(long long with, const char *name)
{
	char domain[80];
	static int n;
	snprintf(domain, sizeof domain, "words-%s-%d.example", tag, n++);
	long long t = insert_id("INSERT INTO tenants (domain, display_name, country) VALUES (?, ?, 'US')",
				DB_ARGS(DB_STR(domain), DB_STR(name)));
	long long c = insert_id("INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('customer', ?, ?, 'US')",
				DB_ARGS(DB_STR(name), DB_INT(t)));
	assert_int_equal(db_exec("INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at) "
				 "VALUES (?, ?, ?, UTC_TIMESTAMP())", DB_ARGS(DB_INT(c), DB_INT(with), DB_STR(name)), NULL, NULL),
			 DB_OK);
	assert_int_equal(customer_words_add(with, c), DB_OK);
	return c;
}

static db_rows search(long long viewer, long long reseller, const char *q, seek from, int page_size)
{
	customer_search s = customer_search_parse(a, q);
	db_rows r;
	assert_int_equal(customer_words_page(a, viewer, reseller, &s, &from, page_size, &r), DB_OK);
	return r;
}

static int count_named(const db_rows *r, const char *name)
{
	int n = 0;
	for (int i = 0; i < r->nrows; i++)
		n += !strcmp(db_get(r, i, 1), name);
	return n;
}

static void test_case_and_accents_do_not_matter(void **state)
{
	(void)state;
	char name[80];
	snprintf(name, sizeof name, "Café Fabrikam %s", tag);
	add_customer(partner, name);
	const char *queries[] = { "fabri", "FABRIKAM", "cafe", "CAFÉ", "caf fab", "Fàbrikam, café!" };
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		db_rows r = search(partner, 0, queries[i], (seek){ .from = SEEK_FIRST, .key = "" }, 10);
		assert_int_equal(count_named(&r, name), 1);
	}
	db_rows none = search(partner, 0, "abrikam", (seek){ .from = SEEK_FIRST, .key = "" }, 10);
	assert_int_equal(count_named(&none, name), 0);  /* a prefix of a word, not any substring */
	db_rows other = search(other_partner, 0, "fabrikam", (seek){ .from = SEEK_FIRST, .key = "" }, 10);
	assert_int_equal(count_named(&other, name), 0);  /* another partner's list does not have it */
}

static void test_two_matching_words_list_the_customer_once(void **state)
{
	(void)state;
	char name[80];
	snprintf(name, sizeof name, "Contoso Consolidated %s", tag);
	add_customer(partner, name);
	db_rows r = search(partner, 0, "con", (seek){ .from = SEEK_FIRST, .key = "" }, 50);
	assert_int_equal(count_named(&r, name), 1);
}

static void test_ended_relationship_is_forgotten(void **state)
{
	(void)state;
	char name[80];
	snprintf(name, sizeof name, "Northwind Leaving %s", tag);
	long long c = add_customer(partner, name);
	assert_int_equal(customer_words_remove(partner, c), DB_OK);
	db_rows r = search(partner, 0, "northwind leaving", (seek){ .from = SEEK_FIRST, .key = "" }, 10);
	assert_int_equal(count_named(&r, name), 0);
}

/* Walks the pages forward with Next, then back with Previous: every match once, in the same order. */
static void test_pages_cover_every_match_once(void **state)
{
	(void)state;
	char word[40], name[80];
	snprintf(word, sizeof word, "Pager%s", tag);
	for (int i = 0; i < 23; i++) {
		snprintf(name, sizeof name, "%s %c Traders", word, 'A' + (i * 7) % 23);
		add_customer(partner, name);
	}
	char seen[30][80];
	int nseen = 0;
	seek from = { .from = SEEK_FIRST, .key = "" };
	for (int page = 0; page < 5; page++) {
		db_rows r = search(partner, 0, word, from, 10);
		int shown = r.nrows > 10 ? 10 : r.nrows;
		for (int i = 0; i < shown; i++) {
			assert_true(nseen < 30);
			snprintf(seen[nseen], sizeof seen[nseen], "%s", db_get(&r, i, 1));
			if (nseen > 0)
				assert_true(strcmp(seen[nseen - 1], seen[nseen]) < 0);  /* in order, no duplicate */
			nseen++;
		}
		if (r.nrows <= 10)
			break;
		from = (seek){ .from = SEEK_AFTER, .id = db_get_int(&r, 9, 0), .key = db_get(&r, 9, 4) };
	}
	assert_int_equal(nseen, 23);
	/* Previous from the last page's first row gives the ten before it, newest first in the read */
	db_rows last = search(partner, 0, word, (seek){ .from = SEEK_LAST, .key = "" }, 10);
	assert_int_equal(last.nrows, 11);
	assert_string_equal(db_get(&last, 0, 1), seen[22]);  /* descending read: the last match first */
	seek before = { .from = SEEK_BEFORE, .id = db_get_int(&last, 9, 0), .key = db_get(&last, 9, 4) };
	db_rows prev = search(partner, 0, word, before, 10);
	assert_string_equal(db_get(&prev, 0, 1), seen[12]);
}

/* The session's index reads so far (reading them costs some reads of its own: see index_reads_overhead). */
static long long index_reads(void)
{
	db_rows r;
	assert_int_equal(db_query(a, &r, "SELECT SUM(VARIABLE_VALUE) FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME "
				  "IN ('HANDLER_READ_KEY', 'HANDLER_READ_NEXT', 'HANDLER_READ_PREV')", DB_NOARGS), DB_OK);
	return db_get_int(&r, 0, 0);
}

static void test_common_word_page_reads_about_its_size(void **state)
{
	(void)state;
	char word[40];
	snprintf(word, sizeof word, "Common%s", tag);
	/* 1,005 customers sharing the word, set-based: one statement each for tenants, orgs, relationships */
	assert_int_equal(db_exec("INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('c', seq, '-', ?, '.example'), "
				 "CONCAT(?, ' Shop ', seq), 'US' FROM seq_1_to_1005", DB_ARGS(DB_STR(tag), DB_STR(word)), NULL, NULL), DB_OK);
	assert_int_equal(db_exec("INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'customer', display_name, id, 'US' "
				 "FROM tenants WHERE domain LIKE CONCAT('c%-', ?, '.example')", DB_ARGS(DB_STR(tag)), NULL, NULL), DB_OK);
	assert_int_equal(db_exec("INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at) "
				 "SELECT o.id, ?, o.name, UTC_TIMESTAMP() FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				 "WHERE t.domain LIKE CONCAT('c%-', ?, '.example')", DB_ARGS(DB_INT(partner), DB_STR(tag)), NULL, NULL), DB_OK);
	db_rows ids;
	assert_int_equal(db_query(a, &ids, "SELECT o.id FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				  "WHERE t.domain LIKE CONCAT('c%-', ?, '.example')", DB_ARGS(DB_STR(tag))), DB_OK);
	for (int i = 0; i < ids.nrows; i++)
		assert_int_equal(customer_words_add(partner, db_get_int(&ids, i, 0)), DB_OK);

	customer_search s = customer_search_parse(a, word);
	long long total;
	assert_int_equal(customer_words_count(a, partner, 0, &s, 1000, &total), DB_OK);
	assert_int_equal(total, 1001);  /* "more than 1,000" */

	db_rows edge;  /* the 600th match by name: a deep page */
	assert_int_equal(db_query(a, &edge, "SELECT o.id, o.name FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				  "WHERE t.domain LIKE CONCAT('c%-', ?, '.example') ORDER BY o.name, o.id LIMIT 1 OFFSET 600",
				  DB_ARGS(DB_STR(tag))), DB_OK);
	seek deep = { .from = SEEK_AFTER, .id = db_get_int(&edge, 0, 0),
		      .key = arena_printf(a, "%s %s", word, db_get(&edge, 0, 1)) };
	long long overhead = -index_reads();
	overhead += index_reads();
	long long before = index_reads();
	db_rows r = search(partner, 0, arena_printf(a, "%s shop", word), deep, 10);
	long long read = index_reads() - before - overhead;

	fprintf(stderr, "# a deep page of 1,005 matches read %lld index rows\n", read);
	assert_int_equal(r.nrows, 11);
	assert_true(read < 200);  /* ~11 rows, each with a few lookups for its checks; not the 600 rows before it */
}

/* "delta company": the rarer word drives the walk, whatever its length, so the page does not wade through
 * every other Company first */
static void test_rarer_word_drives_the_walk(void **state)
{
	(void)state;
	char word[40];
	snprintf(word, sizeof word, "Company%s", tag);
	assert_int_equal(db_exec("INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('d', seq, '-', ?, '.example'), "
				 "CONCAT(IF(seq <= 400, 'Alpha', 'Delta'), ' ', ?, ' ', seq), 'US' FROM seq_1_to_405",
				 DB_ARGS(DB_STR(tag), DB_STR(word)), NULL, NULL), DB_OK);
	db_rows ids;
	assert_int_equal(db_exec("INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'customer', display_name, id, 'US' "
				 "FROM tenants WHERE domain LIKE CONCAT('d%-', ?, '.example')", DB_ARGS(DB_STR(tag)), NULL, NULL), DB_OK);
	assert_int_equal(db_exec("INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at) "
				 "SELECT o.id, ?, o.name, UTC_TIMESTAMP() FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				 "WHERE t.domain LIKE CONCAT('d%-', ?, '.example')", DB_ARGS(DB_INT(partner), DB_STR(tag)), NULL, NULL), DB_OK);
	assert_int_equal(db_query(a, &ids, "SELECT o.id FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				  "WHERE t.domain LIKE CONCAT('d%-', ?, '.example')", DB_ARGS(DB_STR(tag))), DB_OK);
	for (int i = 0; i < ids.nrows; i++)
		assert_int_equal(customer_words_add(partner, db_get_int(&ids, i, 0)), DB_OK);

	customer_search s = customer_search_parse(a, arena_printf(a, "delta %s", word));
	assert_int_equal(customer_words_choose_driver(a, partner, 0, &s), DB_OK);
	long long overhead = -index_reads();
	overhead += index_reads();
	long long before = index_reads();
	seek first = { .from = SEEK_FIRST, .key = "" };
	db_rows r;
	assert_int_equal(customer_words_page(a, partner, 0, &s, &first, 10, &r), DB_OK);
	long long read = index_reads() - before - overhead;
	fprintf(stderr, "# \"delta company\" among 400 Alpha and 5 Delta companies read %lld index rows\n", read);
	assert_int_equal(r.nrows, 5);
	assert_true(read < 100);
}

static int setup(void **state)
{
	(void)state;
	a = arena_new(1 << 16);
	if (config_load(&cfg, NULL) != 0 || db_open(&cfg) != 0) {
		fprintf(stderr, "cannot reach the test stack's MariaDB\n");
		return -1;
	}
	snprintf(tag, sizeof tag, "%ld%d", (long)time(NULL), rand() % 1000);
	char domain[80];
	snprintf(domain, sizeof domain, "words-partner-%s.example", tag);
	tenant = insert_id("INSERT INTO tenants (domain, display_name, country) VALUES (?, 'Words', 'US')",
			   DB_ARGS(DB_STR(domain)));
	partner = add_org("provider", "Words Provider");
	other_partner = add_org("reseller", "Words Reseller");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	db_close();
	arena_free(a);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_accents_do_not_matter),
		cmocka_unit_test(test_two_matching_words_list_the_customer_once),
		cmocka_unit_test(test_ended_relationship_is_forgotten),
		cmocka_unit_test(test_pages_cover_every_match_once),
		cmocka_unit_test(test_common_word_page_reads_about_its_size),
		cmocka_unit_test(test_rarer_word_drives_the_walk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
