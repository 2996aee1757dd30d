/* audit_chain.c: the activity log written as a hash chain (see audit_chain.h), its verification and purge.
 *
 * Each row's row_hash is the SHA-256 of its content, of prev_id and of prev_hash: the id and row_hash of
 * the row written just before it (the id lets the verifier name a deleted row). The chain must follow commit order, not just id order: two transactions that each read "the
 * newest row" and then commit would both point at the same previous row, and a row committed later with a
 * smaller id would look reordered. So every writer reads the single row of audit_chain_head FOR UPDATE
 * inside its own transaction, then inserts its row (its id is allocated while the lock is held, so ids
 * follow the chain) and moves the head. This serializes audit writers from that statement to their COMMIT;
 * since audit rows are written last in a transaction, the lock is held only for the inserts and the commit.
 * A writer that took the head and then waits on another row lock can deadlock with a transaction holding
 * that row: InnoDB picks a victim and db_transaction replays it. */
#include "audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db.h"

#define HASHED_FIELDS 14  /* at .. prev_hash, in the order of the verifier's SELECT after id */
#define BATCH 1000
#define BATCH_TEXT "1000"
#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Each field as "N" (SQL NULL) or "V<length>:<bytes>", so no two different rows share an input. */
static void chain_hash(const char *const f[HASHED_FIELDS], char out[AUDIT_HASH_HEX + 1])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	for (int i = 0; i < HASHED_FIELDS; i++) {
		char len[32];
		if (!f[i]) {
			crypto_hash_sha256_update(&st, (const unsigned char *)"N", 1);
			continue;
		}
		int n = snprintf(len, sizeof len, "V%zu:", strlen(f[i]));
		crypto_hash_sha256_update(&st, (const unsigned char *)len, (unsigned long long)n);
		crypto_hash_sha256_update(&st, (const unsigned char *)f[i], strlen(f[i]));
	}
	unsigned char raw[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, raw);
	sodium_bin2hex(out, AUDIT_HASH_HEX + 1, raw, sizeof raw);
}

/* Audit rows are written from code that has no arena at hand (audit() callers): a private one, reset per row. */
static arena *scratch(void)
{
	static arena *a;
	if (!a)
		a = arena_new(16 * 1024);
	arena_reset(a);
	return a;
}

static const char *id_text(arena *a, long long id)
{
	return id ? arena_printf(a, "%lld", id) : NULL;
}

static db_val id_val(long long id)
{
	return id ? DB_INT(id) : DB_NULL;
}

static const char *text(const char *s)
{
	return s ? s : "";
}

static bool object_is(const audit_entry *e, const char *type)
{
	return e->object_type && !strcmp(e->object_type, type);
}

/* The organizations that see E's row in their activity log (migration 017 says who and backfills the same):
 * the acting one, the one it acted for, the party (an organization's own change is made to itself) and, for
 * a customer (the party, or the customer of a relationship), its live partners of record; a partnership's or
 * a customer relationship's two sides (the partner whose relationship just ended is no longer of record).
 * Read inside the row's transaction (its own changes included, so the partners are those of record once the
 * change is made) before the chain's head is locked, and without locking: a writer holding the head never
 * waits for a relationship row that another change holds. */
static int visible_orgs(arena *a, const audit_entry *e, db_rows *orgs)
{
	bool relationship = object_is(e, "customer_relationship") || object_is(e, "relationship");
	long long party = e->party_org_id ? e->party_org_id : e->org_id;
	long long partnership_id = object_is(e, "partnership") ? e->object_id : 0;
	long long relationship_id = relationship ? e->object_id : 0;
	return db_query_cols(a, orgs, 1, "SELECT DISTINCT side FROM ("
			     "SELECT ? AS side UNION ALL SELECT ? UNION ALL SELECT ? "
			     "UNION ALL SELECT partner_org_id FROM customer_relationships WHERE ended_at IS NULL AND customer_org_id IN "
			     "(?, (SELECT customer_org_id FROM customer_relationships WHERE id = ?)) "
			     "UNION ALL SELECT provider_org_id FROM partnerships WHERE id = ? "
			     "UNION ALL SELECT reseller_org_id FROM partnerships WHERE id = ? "
			     "UNION ALL SELECT customer_org_id FROM customer_relationships WHERE id = ? "
			     "UNION ALL SELECT partner_org_id FROM customer_relationships WHERE id = ?) sides WHERE side > 0",
			     DB_ARGS(DB_INT(e->org_id), DB_INT(e->on_behalf_org_id), DB_INT(party),
				     DB_INT(party), DB_INT(relationship_id), DB_INT(partnership_id), DB_INT(partnership_id),
				     DB_INT(relationship_id), DB_INT(relationship_id)));
}

static int grant_visibility(const db_rows *orgs, long long id)
{
	for (int i = 0; i < orgs->nrows; i++) {
		int rc = db_exec("INSERT INTO audit_visibility (org_id, audit_id) VALUES (?, ?)",
				 DB_ARGS(DB_INT(db_get_int(orgs, i, 0)), DB_INT(id)), NULL, NULL);
		if (rc != DB_OK)
			return rc;
	}
	return DB_OK;
}

static int append_row(void *ctx)
{
	const audit_entry *e = ctx;
	arena *a = scratch();
	db_rows orgs, head;
	int rc = visible_orgs(a, e, &orgs);
	if (rc != DB_OK)
		return rc;
	rc = db_query(a, &head, "SELECT last_hash, DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:%s'), last_id "
			  "FROM audit_chain_head WHERE id = 1 FOR UPDATE", DB_NOARGS);
	if (rc != DB_OK)
		return rc;
	if (head.nrows != 1)
		return DB_BUG;  /* migration 015 makes the row */
	const char *prev = db_get(&head, 0, 0), *at = db_get(&head, 0, 1), *prev_id = db_get(&head, 0, 2);
	const char *f[HASHED_FIELDS] = { at, id_text(a, e->user_id), id_text(a, e->org_id),
					 id_text(a, e->on_behalf_org_id), id_text(a, e->party_org_id), text(e->action),
					 text(e->object_type),
					 id_text(a, e->object_id), text(e->detail), text(e->client_ip),
					 text(e->before_json), text(e->after_json), prev_id, prev };
	char hash[AUDIT_HASH_HEX + 1];
	chain_hash(f, hash);
	unsigned long long id = 0;
	rc = db_exec("INSERT INTO audit_log (at, user_id, org_id, on_behalf_org_id, party_org_id, action, object_type, "
		     "object_id, detail, client_ip, before_json, after_json, prev_id, prev_hash, row_hash) "
		     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		     DB_ARGS(DB_STR(at), id_val(e->user_id), id_val(e->org_id), id_val(e->on_behalf_org_id),
			     id_val(e->party_org_id), DB_STR(f[5]), DB_STR(f[6]), id_val(e->object_id), DB_STR(f[8]),
			     DB_STR(f[9]), DB_STR(f[10]), DB_STR(f[11]), DB_STR(prev_id), DB_STR(prev), DB_STR(hash)),
		     NULL, &id);
	if (rc != DB_OK)
		return rc;
	db_audited();
	rc = grant_visibility(&orgs, (long long)id);
	if (rc != DB_OK)
		return rc;
	return db_exec("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1",
		       DB_ARGS(DB_INT((long long)id), DB_STR(hash)), NULL, NULL);
}

int audit_change(const audit_entry *e)
{
	/* alone (a sign-out, a failed sign-in), its statements still need one transaction */
	if (!db_in_transaction())
		return db_transaction(append_row, (void *)e);
	return append_row((void *)e);
}

typedef struct {
	arena *a;
	audit_chain_report *out;
} verify_ctx;

static int broken(audit_chain_report *out, long long id, const char *why)
{
	out->verdict = AUDIT_CHAIN_BROKEN;
	out->bad_id = id;
	snprintf(out->why, sizeof out->why, "%s", why);
	return DB_OK;
}

/* One consistent snapshot (the transaction's first read) for the whole walk: rows committed meanwhile are
 * neither half seen nor counted against the head read at the start. */
static int walk_chain(void *ctx)
{
	verify_ctx *v = ctx;
	audit_chain_report *out = v->out;
	memset(out, 0, sizeof *out);
	arena_reset(v->a);
	db_rows head;
	int rc = db_query(v->a, &head, "SELECT base_id, base_hash, last_id, last_hash FROM audit_chain_head WHERE id = 1",
			  DB_NOARGS);
	if (rc != DB_OK)
		return rc;
	if (head.nrows != 1)
		return broken(out, 0, "the chain's head (audit_chain_head) is missing");
	out->base_id = db_get_int(&head, 0, 0);
	long long after = out->base_id, last_id = db_get_int(&head, 0, 2);
	char prev[AUDIT_HASH_HEX + 1], last_hash[AUDIT_HASH_HEX + 1];
	snprintf(prev, sizeof prev, "%s", db_get(&head, 0, 1));
	snprintf(last_hash, sizeof last_hash, "%s", db_get(&head, 0, 3));
	for (;;) {
		arena_reset(v->a);
		db_rows r;
		rc = db_query(v->a, &r, "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), user_id, org_id, on_behalf_org_id, "
			      "party_org_id, action, object_type, object_id, detail, client_ip, before_json, after_json, prev_id, prev_hash, row_hash "
			      "FROM audit_log WHERE id > ? ORDER BY id LIMIT " BATCH_TEXT,
			      DB_ARGS(DB_INT(after)));
		if (rc != DB_OK)
			return rc;
		for (int i = 0; i < r.nrows; i++) {
			long long id = db_get_int(&r, i, 0);
			const char *const *cells = (const char *const *)&r.cells[(size_t)i * (size_t)r.ncols];
			if (id > last_id)
				return broken(out, id, "written outside the chain (after its newest row)");
			long long prev_id = db_get_int(&r, i, 13);
			if (prev_id > after)
				return broken(out, prev_id, arena_printf(v->a, "missing (row %lld follows it)", id));
			if (!cells[14] || strcmp(cells[14], prev) || prev_id != after)
				return broken(out, id, arena_printf(v->a, "previous row missing or reordered (the chain's "
								    "previous row is %lld)", after));
			char hash[AUDIT_HASH_HEX + 1];
			chain_hash(cells + 1, hash);
			if (!cells[15] || strcmp(cells[15], hash))
				return broken(out, id, "content changed");
			snprintf(prev, sizeof prev, "%s", hash);
			after = id;
			out->rows++;
		}
		if (r.nrows < BATCH)
			break;
	}
	if (after != last_id || strcmp(prev, last_hash))
		return broken(out, last_id, arena_printf(v->a, "missing (the chain's newest row; the last row found is %lld)",
							 after));
	out->verdict = AUDIT_CHAIN_OK;
	return DB_OK;
}

int audit_chain_verify(audit_chain_report *out)
{
	verify_ctx v = { arena_new(256 * 1024), out };
	int rc = db_transaction(walk_chain, &v);
	arena_free(v.a);
	return rc;
}

typedef struct {
	int keep_days;
	long long purged;  /* in this batch */
} purge_ctx;

/* One batch: the oldest rows after the base, as long as they are older than the cutoff; the base moves to
 * the last one deleted and keeps its hash, which the next row names as its prev_hash. Rows from before the
 * chain (id <= base at migration time) go by age too. Rows past the chain's newest row were not written
 * by the product: the purge leaves them for the verifier to name. */
static int purge_batch(void *ctx)
{
	purge_ctx *p = ctx;
	arena *a = scratch();
	p->purged = 0;
	db_rows head, r;
	int rc = db_query(a, &head, "SELECT base_id, last_id FROM audit_chain_head WHERE id = 1 FOR UPDATE", DB_NOARGS);
	if (rc != DB_OK)
		return rc;
	if (head.nrows != 1)
		return DB_BUG;
	long long base = db_get_int(&head, 0, 0), newest = db_get_int(&head, 0, 1);
	unsigned long long before_chain = 0;
	rc = db_exec("DELETE FROM audit_log WHERE id <= ? AND at < UTC_TIMESTAMP() - INTERVAL ? DAY ORDER BY id LIMIT " BATCH_TEXT,
		     DB_ARGS(DB_INT(base), DB_INT(p->keep_days)), &before_chain, NULL);
	if (rc != DB_OK)
		return rc;
	rc = db_query(a, &r, "SELECT id, row_hash, at < UTC_TIMESTAMP() - INTERVAL ? DAY FROM audit_log "
		      "WHERE id > ? AND id <= ? ORDER BY id LIMIT " BATCH_TEXT,
		      DB_ARGS(DB_INT(p->keep_days), DB_INT(base), DB_INT(newest)));
	if (rc != DB_OK)
		return rc;
	int old = 0;
	while (old < r.nrows && db_get_int(&r, old, 2) == 1)
		old++;
	p->purged = (long long)before_chain;
	if (old == 0)
		return DB_OK;
	long long last = db_get_int(&r, old - 1, 0);
	const char *last_hash = db_is_null(&r, old - 1, 1) ? ZERO_HASH : db_get(&r, old - 1, 1);
	unsigned long long gone = 0;
	rc = db_exec("DELETE FROM audit_log WHERE id > ? AND id <= ?", DB_ARGS(DB_INT(base), DB_INT(last)), &gone, NULL);
	if (rc != DB_OK)
		return rc;
	p->purged += (long long)gone;
	return db_exec("UPDATE audit_chain_head SET base_id = ?, base_hash = ?, purged_rows = purged_rows + ?, "
		       "purged_at = UTC_TIMESTAMP() WHERE id = 1",
		       DB_ARGS(DB_INT(last), DB_STR(last_hash), DB_INT((long long)gone)), NULL, NULL);
}

int audit_chain_purge(int keep_days, long long *purged)
{
	*purged = 0;
	if (keep_days <= 0)
		return DB_OK;  /* 0 keeps everything */
	purge_ctx p = { keep_days, 0 };
	do {
		int rc = db_transaction_unaudited(purge_batch, &p);
		if (rc != DB_OK)
			return rc;
		*purged += p.purged;
	} while (p.purged > 0);
	return DB_OK;
}
