/* subscriptions.h: what the selling provider designates on a subscription: its support contact and its
 * reseller of record, each change with its rights check and audit row in one transaction */
#ifndef CC_SUBSCRIPTIONS_H
#define CC_SUBSCRIPTIONS_H

#include "arena.h"
#include "domain/domain.h"

/* Subscription SUBSCRIPTION_ID's designated support contact to ORG: the selling provider itself or one of its
 * live partner resellers. Refused: the subscription's 404 unless WHO's organization sees it; 403 unless it
 * sold it (rights_subscription.may_manage) and WHO is an admin or sales agent; INVALID (FIELD
 * "support_org_id") for any other organization. OK: the subscription's id. */
outcome subscriptions_set_support_contact(arena *a, const actor *who, long long subscription_id, long long org);

/* Subscription SUBSCRIPTION_ID's reseller of record to ORG (0: none): a live partner reseller of the selling
 * provider that is a live partner of record of the customer. Refused as above; INVALID (FIELD
 * "reseller_org_id") for any other value (ORG < 0: a posted value that names no organization). */
outcome subscriptions_set_reseller_of_record(arena *a, const actor *who, long long subscription_id, long long org);

#endif
