/* relationships.h: the one place that starts and ends a customer's relationship with a partner of record,
 * so that the denormalized data the Customers list reads (the customer's name on the relationship, the
 * partner's live customer total) always agrees with the relationships themselves */
#ifndef CC_RELATIONSHIPS_H
#define CC_RELATIONSHIPS_H

/* Start a live relationship between CUSTOMER and PARTNER, created by user CREATED_BY (0: nobody, e.g. the
 * seed) and started DAYS_AGO days ago, and count it in the partner's live customers. Call it inside the
 * caller's transaction. DB_DUPLICATE (nothing changed) when the relationship is live already. */
int relationship_start(long long customer, long long partner, long long created_by, int days_ago);

/* End the live relationship between CUSTOMER and PARTNER, by user ENDED_BY, and take it off the partner's
 * live customers; *ENDED (may be NULL) is 0 when there was no live relationship (then nothing changed).
 * Call it inside the caller's transaction. */
int relationship_end(long long customer, long long partner, long long ended_by, unsigned long long *ended);

#endif
