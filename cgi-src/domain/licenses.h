/* licenses.h: which of a customer's users hold a license of which of its active subscriptions, set by one of
 * the customer's partners of record; a subscription never has more licenses assigned than it has */
#ifndef CC_LICENSES_H
#define CC_LICENSES_H

#include "domain/domain.h"

/* Refusals' codes (outcome.code): the subscription SUB_ID of the message would have more assigned than it
 * has; a chosen subscription is no longer an active one of the customer. Both OUTCOME_CONFLICT. */
enum { LICENSES_FULL = 1, LICENSES_GONE };

/* The licenses chosen for one user: subscription ids of the customer's (active) subscriptions. */
typedef struct {
	const long long *subs;
	int n;
} licenses_choice;

/* Inside the caller's transaction (adding a user): USER_ID of CUSTOMER's tenant holds exactly the licenses of
 * CHOICE among the customer's active subscriptions, assigned by BY. Each subscription is locked first (in id
 * order) so two partners cannot both take its last license. *HELD: the offers held afterwards ("A, B" or
 * "none"), for the audit row; *BEFORE (may be NULL) those held before. OUTCOME_CONFLICT as above. */
outcome licenses_assign(arena *a, long long customer, long long user_id, long long by, const licenses_choice *choice,
			const char **before, const char **held);

/* WHO (a partner of record of CUSTOMER) sets the licenses of the customer's user USER_ID to CHOICE: one audit
 * row with the offers held before and after. OUTCOME_NOT_FOUND for a customer that is not WHO's or a user
 * not in its directory. */
outcome licenses_set(arena *a, const actor *who, long long customer, long long user_id, const licenses_choice *choice);

#endif
