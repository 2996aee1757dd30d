/* rights.h: object-level authorization, one helper per kind of object; every handler that
 * touches another organization's data asks here, not in ad hoc SQL */
#ifndef CC_RIGHTS_H
#define CC_RIGHTS_H

#include <stdbool.h>

#include "arena.h"

/* True while PROVIDER_ORG and RESELLER_ORG have a live (not ended) partnership. */
bool rights_partnered(arena *a, long long provider_org, long long reseller_org);

#endif
