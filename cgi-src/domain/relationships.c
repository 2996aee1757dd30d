/* relationships.c: starting and ending customer relationships together with the customer's name copied onto
 * the relationship (the Customers list's sort key) and the partner's live customer total */
#include "domain/relationships.h"

#include <string.h>

#include "domain/customer_words.h"
#include "db.h"

static db_val user_or_null(long long user)
{
	return user > 0 ? DB_INT(user) : DB_NULL;
}

int relationship_start(long long customer, long long partner, long long created_by, int days_ago)
{
	unsigned long long added = 0;
	/* the name is read in the same statement, so no rename can slip in between */
	int rc = db_exec("INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at, "
			 "created_by) SELECT o.id, ?, o.name, UTC_TIMESTAMP() - INTERVAL ? DAY, ? FROM organizations o WHERE o.id = ?",
			 DB_ARGS(DB_INT(partner), DB_INT(days_ago), user_or_null(created_by), DB_INT(customer)), &added, NULL);
	if (rc != DB_OK || added == 0 || (rc = customer_words_add(partner, customer)) != DB_OK)
		return rc;
	return db_exec("INSERT INTO partner_customer_counts (partner_org_id, live_customers) VALUES (?, 1) "
		       "ON DUPLICATE KEY UPDATE live_customers = live_customers + 1",
		       DB_ARGS(DB_INT(partner)), NULL, NULL);
}

int relationship_end(long long customer, long long partner, long long ended_by, unsigned long long *ended)
{
	unsigned long long n = 0;
	int rc = db_exec("UPDATE customer_relationships SET ended_at = UTC_TIMESTAMP(), ended_by = ? "
			 "WHERE customer_org_id = ? AND partner_org_id = ? AND ended_at IS NULL",
			 DB_ARGS(user_or_null(ended_by), DB_INT(customer), DB_INT(partner)), &n, NULL);
	if (ended)
		*ended = n;
	if (rc != DB_OK || n == 0 || (rc = customer_words_remove(partner, customer)) != DB_OK)
		return rc;
	/* LEAST: a total that is already off must not make ending a relationship fail (unsigned underflow) */
	return db_exec("UPDATE partner_customer_counts SET live_customers = live_customers - LEAST(live_customers, ?) "
		       "WHERE partner_org_id = ?",
		       DB_ARGS(DB_INT((long long)n), DB_INT(partner)), NULL, NULL);
}
