/* rights.h: object-level authorization, one helper per kind of object; every handler that
 * touches another organization's data asks here, not in ad hoc SQL */
#ifndef CC_RIGHTS_H
#define CC_RIGHTS_H

#include <stdbool.h>

#include "arena.h"

struct user;

/* True while PROVIDER_ORG and RESELLER_ORG have a live (not ended) partnership. */
bool rights_partnered(arena *a, long long provider_org, long long reseller_org);

/* The id of the live partnership between U's organization and OTHER_ORG, seen from U's side
 * (a provider asks about a reseller, a reseller about a provider); 0 when there is none, when
 * U's organization is neither, or when the lookup failed. */
long long rights_live_partnership(arena *a, const struct user *u, long long other_org);

/* True when REQUEST_ID is a partnership request made by U's (provider) organization. */
bool rights_own_partnership_request(arena *a, const struct user *u, long long request_id);

/* True while PARTNER_ORG (a reseller or a provider) is a partner of record of CUSTOMER_ORG:
 * a live customer relationship. A provider may order for a customer only then; a reseller may
 * see and manage a customer only then. */
bool rights_customer_partner(arena *a, long long partner_org, long long customer_org);

/* The customer of SUBSCRIPTION_ID when U's organization is one of its partners of record; 0 otherwise. */
long long rights_subscription_customer(arena *a, const struct user *u, long long subscription_id);

#endif
