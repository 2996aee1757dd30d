/* partnerships.h: provider-reseller partnerships seen from either side: the searchable, paged
 * list of partners, one partnership's facts, shared customers, and ending a partnership */
#ifndef CC_PARTNERSHIPS_H
#define CC_PARTNERSHIPS_H

#include <stdbool.h>

#include "db.h"
#include "http.h"
#include "tpl/tpl.h"

#define PARTNERSHIP_PAGE_SIZE 10
#define SHARED_CUSTOMERS_PAGE_SIZE 25

/* One side of the partnership: the signed-in organization is the provider or the reseller. */
typedef struct {
	bool as_provider;
	const char *list_path;    /* "/resellers" */
	const char *end_path;     /* "/resellers/end" */
	const char *view_path;    /* the partner's page: "/resellers/view", or its public provider profile */
	const char *other_label;  /* "reseller" / "indirect provider", as in "End partnership with this ..." */
} partnership_side;

extern const partnership_side partnership_as_provider, partnership_as_reseller;

typedef struct {
	long long id, provider_org_id, reseller_org_id;
	const char *provider_name, *reseller_name, *reseller_country, *started_on, *ended_at;
} partnership_info;

/* Partnership ID (live or ended); false when there is none or the lookup failed. */
bool partnership_load(arena *a, long long id, partnership_info *out);
/* The name of the organization on the other side of INFO from ORG_ID, or NULL when ORG_ID is
 * not a party to it (so a notice never names someone else's partner). */
const char *partnership_other_name(const partnership_info *info, const partnership_side *s, long long org_id);
/* The page (http_seek) of the customers with a live relationship to both PROVIDER_ORG and RESELLER_ORG, by
 * name, into OUT (id, name, country, since), and D's PAGER section (its links read the page's parameters
 * from D); false when the database failed. */
enum { SHARED_CUSTOMER_ID, SHARED_CUSTOMER_NAME, SHARED_CUSTOMER_COUNTRY, SHARED_CUSTOMER_SINCE, SHARED_CUSTOMER_KEY,
       SHARED_CUSTOMER_NCOLS };
bool partnership_shared_customers(request *r, long long provider_org, long long reseller_org, tpl_dict *d, db_rows *out);

/* Fill D's include PARTNER_TABLE (search form, table, pager) with the live partners of the
 * signed-in organization, searched by ?q= (word prefixes) and paged by ?after= / ?before= / ?last=; false
 * when the database failed. */
bool partnership_add_list(request *r, const partnership_side *s, tpl_dict *d);

/* When ?PARAM= names a partnership of the signed-in organization, show section SECTION of D
 * with NAME, the partner's name (for notices such as "... has ended"). */
void partnership_add_notice(request *r, const partnership_side *s, tpl_dict *d, const char *param, const char *section);

/* GET SIDE->end_path?id=OTHER_ORG: the confirmation page; POST: end the partnership. */
void partnership_end_confirm(request *r, const partnership_side *s);
void partnership_end_submit(request *r, const partnership_side *s);

#endif
