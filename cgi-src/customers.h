/* customers.h: queries about customer accounts shared by the Customers list and the subscription pages */
#ifndef CC_CUSTOMERS_H
#define CC_CUSTOMERS_H

#include "db.h"

#define CUSTOMERS_PAGE_SIZE 10

/* The name of organization ID when it is of KIND; "" when there is none, NULL when the lookup failed. */
const char *customers_org_name(arena *a, long long id, const char *kind);

/* Customers ORG (a provider or a reseller) has a live relationship with, whose name matches PATTERN,
 * and, when RESELLER is not 0, that also have a live relationship with RESELLER. */
int customers_count(arena *a, long long org, const char *pattern, long long reseller, long long *total);
/* One page (1-based) of them by name: id, name, country, partner of record since (YYYY-MM-DD). */
int customers_page(arena *a, long long org, const char *pattern, long long reseller, long long page,
		   db_rows *out);

/* CUSTOMER's live partners of record in a live partnership with ORG (from either side): id, name. */
int customers_partners_seen_by(arena *a, long long customer, long long org, db_rows *out);

/* A subscription's status as the pages show it: "Active", "Suspended". */
const char *customers_status_label(const char *status);

/* CUSTOMER's subscriptions: id, offer name, SKU, licenses, status, reseller of record's name or "". */
int customers_subscriptions(arena *a, long long customer, db_rows *out);

/* PROVIDER's live partner resellers by name: id, name. */
int customers_provider_resellers(arena *a, long long provider, db_rows *out);

/* PROVIDER's live partner resellers that are also live partners of record of CUSTOMER: id, name. */
int customers_reseller_choices(arena *a, long long provider, long long customer, db_rows *out);

#endif
