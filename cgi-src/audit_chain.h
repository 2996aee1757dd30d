/* audit_chain.h: the activity log's rows (who, on whose behalf, what object, before and after) written as a
 * tamper-evident chain, checked by bin/channel-audit-verify, and purged without breaking the chain */
#ifndef CC_AUDIT_CHAIN_H
#define CC_AUDIT_CHAIN_H

#include "arena.h"

/* One state change. Ids are 0 when there is none; strings may be NULL (stored as ""). BEFORE_JSON and
 * AFTER_JSON are JSON texts of the values the change replaced and wrote (or empty). */
typedef struct {
	long long user_id;           /* the acting user */
	long long org_id;            /* the organization the user acted as */
	long long on_behalf_org_id;  /* the organization it acted for (a provider ordering for a reseller) */
	long long party_org_id;      /* the organization the change is made to (the customer of an order, the
				      * reseller of a partnership, the applicant of an enrollment), 0: the actor's own */
	const char *action;          /* e.g. "order.placed" */
	const char *object_type;     /* e.g. "order"; "partnership" and "customer_relationship" (OBJECT_ID: the
				      * partnerships / customer_relationships row) are seen by both sides */
	long long object_id;
	const char *detail;          /* one line for people */
	const char *before_json, *after_json;
	const char *client_ip;
} audit_entry;

/* Append E to the audit log, with the organizations that see it in their activity log (audit_visibility:
 * the acting one, the one acted for, the party, a customer party's live partners of record, both sides of
 * a partnership or relationship): a DB_* code. Inside a db_transaction it joins it (return its code from FN so
 * the change is never saved without its row); outside one it runs in its own. */
int audit_change(const audit_entry *e);

#define AUDIT_HASH_HEX 64

/* What channel-audit-verify found: OK with ROWS checked (rows up to BASE_ID were purged or predate the
 * chain), or the first row BAD_ID that does not match, with WHY. */
typedef struct {
	enum { AUDIT_CHAIN_OK, AUDIT_CHAIN_BROKEN } verdict;
	long long rows, base_id, bad_id;
	char why[160];
} audit_chain_report;

/* Walk the chain in id order, a batch at a time: a DB_* code; on DB_OK, OUT says what was found. */
int audit_chain_verify(audit_chain_report *out);

/* Delete the rows older than KEEP_DAYS days (the oldest first, a batch per transaction), moving the
 * chain's base to the last one deleted so the rest still verifies. *PURGED: rows deleted. A DB_* code. */
int audit_chain_purge(int keep_days, long long *purged);

#endif
