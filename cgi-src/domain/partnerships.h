/* partnerships.h: provider-reseller partnerships seen from either side: the searchable, paged
 * list of partners, one partnership's facts, shared customers; and their changes: a provider's request and
 * its emailed link, the reseller authorizing the provider through it, revoking a request, ending */
#ifndef CC_PARTNERSHIPS_H
#define CC_PARTNERSHIPS_H

#include <stdbool.h>

#include "db.h"
#include "domain/domain.h"
#include "http.h"
#include "i18n.h"
#include "list_query.h"
#include "token.h"
#include "tpl/tpl.h"

#define PARTNERSHIP_PAGE_SIZE 10
#define SHARED_CUSTOMERS_PAGE_SIZE 25
#define PARTNERSHIP_REQUESTS_PAGE_SIZE 25

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
/* The list's query, for the page and the API: the page AT of the signed-in organization's live partners on
 * side S whose names match WORDS, by name, PARTNERSHIP_PAGE_SIZE + 1 rows at most in seek_descending() order
 * (view_seek_page puts them in list order). */
enum { PARTNER_ID, PARTNER_NAME, PARTNER_COUNTRY, PARTNER_STARTED_AT, PARTNER_MPN_ID, PARTNER_NCOLS };
int partnership_partners_page(request *r, const partnership_side *s, const list_words *words, const seek *at,
			      db_rows *rows);

/* When ?PARAM= names a partnership of the signed-in organization, show section SECTION of D
 * with NAME, the partner's name (for notices such as "... has ended"). */
void partnership_add_notice(request *r, const partnership_side *s, tpl_dict *d, const char *param, const char *section);

/* GET SIDE->end_path?id=OTHER_ORG: the confirmation page (POST: partnerships_end). */
void partnership_end_confirm(request *r, const partnership_side *s);
#define PARTNERSHIP_END_UNAVAILABLE N_("The partnership could not be ended right now. Nothing was changed; try again in " \
	"a minute.")

/* The state of an emailed link's request or invitation, from its token T: accepted (used), revoked,
 * expired, else sent. */
#define LINK_STATE_SQL \
	"CASE WHEN t.used_at IS NOT NULL THEN 'accepted' WHEN t.revoked_at IS NOT NULL THEN 'revoked' " \
	"WHEN t.expires_at <= UTC_TIMESTAMP() THEN 'expired' ELSE 'sent' END"

/* The refusal of an emailed link in STATE (not TOKEN_VALID): 404 unknown, 410 used, expired or withdrawn,
 * a failure when it could not be checked; the message is token_state_message's. */
outcome partnerships_link_refusal(enum token_state state);

/* The refusal of a link in STATE for someone MINE says used it (RIGHTS_OK: OUTCOME_GONE with DONE_CODE,
 * for the page to show what that did), did not (partnerships_link_refusal), or could not be asked. */
outcome partnerships_spent_refusal(enum token_state state, rights_rc mine, int done_code);

/* Revoke the emailed link of token TOKEN_ID, whose request is in STATE (LINK_STATE_SQL's, read with the
 * token's row locked), inside the caller's transaction: a CONFLICT with CODE, naming WHAT ("This invitation"),
 * unless it is still sent. */
outcome partnerships_revoke_link(long long token_id, const char *state, const char *what, int code);

/* What the emailed link TOKEN for PURPOSE is, its request (a partnership request, an invitation) loaded into
 * LINK by LOAD: TOKEN_UNKNOWN when there is none. *TOKEN_ID: the token's row (0 when unknown). */
enum token_state partnerships_link_lookup(arena *a, const char *purpose, const char *token,
					  bool (*load)(arena *a, long long token_id, void *link), void *link,
					  long long *token_id);

/* Refusals' codes (outcome.code) */
enum {
	PARTNERSHIPS_NOT_REVOCABLE = 1,  /* CONFLICT: the request is accepted, revoked or expired */
	PARTNERSHIPS_LINK_DONE,          /* GONE: the link was used by this very reseller: LINK's partnership stands */
	PARTNERSHIPS_LINK_SPENT,         /* GONE: used a moment ago by another click (internal to authorizing) */
	PARTNERSHIPS_ALREADY_PARTNERS,   /* CONFLICT: the provider is the reseller's partner already */
};

/* A partnership request made: its id, its link's token (the text of the link) and when that expires. */
typedef struct {
	long long request_id;
	char token[TOKEN_LEN + 1];
	const char *expires_at;
} partnership_request_made;

/* The provider's partnership requests, for its page and the API: the page AT, newest first,
 * PARTNERSHIP_REQUESTS_PAGE_SIZE + 1 rows at most; when ONLY is not 0, of the one request ONLY (no row when it
 * is another provider's). STATE is LINK_STATE_SQL's; ORG_NAME / USER_NAME the reseller and its agent that accepted it;
 * AT when its state began (its expiry while sent). */
enum { REQUEST_ID, REQUEST_CREATED_BY, REQUEST_CREATED_AT, REQUEST_EXPIRES_AT, REQUEST_STATE, REQUEST_ORG_NAME,
       REQUEST_USER_NAME, REQUEST_AT, REQUEST_ORG_ID, REQUEST_NCOLS };
int partnership_requests_read(arena *a, long long provider_org, const seek *at, long long only, db_rows *rows);

/* The personalized link (PATH?token=TOKEN on the portal's address) of a partnership request or an
 * invitation, as the partner sends it: PARTNERSHIP_LINK_PATH, INVITATION_LINK_PATH. */
#define PARTNERSHIP_LINK_PATH "/partnership/authorize"
#define INVITATION_LINK_PATH "/relationship/authorize"
const char *partnerships_link(arena *a, const char *path, const char *token);

/* WHO (an admin agent of a provider) asks for a partnership: a request with a new emailed link, valid 30
 * days, for the provider to send; OUT says what to send. */
outcome partnerships_request(arena *a, const actor *who, partnership_request_made *out);

/* WHO's provider withdraws its request REQUEST_ID: its link stops working. OUTCOME_NOT_FOUND for someone
 * else's request; OUTCOME_CONFLICT (PARTNERSHIPS_NOT_REVOCABLE) once it is no longer sent. */
outcome partnerships_revoke_request(arena *a, const actor *who, long long request_id);

/* WHO (an admin agent, of the provider or of the reseller) ends its organization's live partnership with
 * OTHER_ORG: the provider loses its rights on the reseller and its customers at once. OUTCOME_NOT_FOUND when
 * there is none (or it ended a moment ago). The id of the outcome is the partnership's. */
outcome partnerships_end(arena *a, const actor *who, long long other_org);

/* What an emailed partnership link is about. */
typedef struct {
	long long token_id, request_id, provider_org_id;
	const char *provider_name;
	long long partnership_id;  /* the live partnership: made by this link, or there already */
} partnership_link;

/* Whether WHO (an admin agent of a reseller) may use the link with TOKEN: OUTCOME_OK with LINK filled;
 * else the refusal: partnerships_link_refusal's, OUTCOME_FORBIDDEN for someone who may not, OUTCOME_GONE with
 * PARTNERSHIPS_LINK_DONE for the reseller that used it (LINK->partnership_id: what it made), OUTCOME_CONFLICT
 * with PARTNERSHIPS_ALREADY_PARTNERS when they are partners already. */
outcome partnerships_open_link(arena *a, const actor *who, const char *token, partnership_link *link);

/* WHO authorizes the link's provider (CONFIRMED: the box ticked, else OUTCOME_INVALID): the link is used,
 * the partnership starts and the request is accepted, all or nothing; partnerships_open_link's refusals
 * otherwise (a second click finds PARTNERSHIPS_LINK_DONE). The id of the outcome is the partnership's. */
outcome partnerships_authorize(arena *a, const actor *who, const char *token, bool confirmed, partnership_link *link);

#endif
