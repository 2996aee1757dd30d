/* relationships.h: the one place that starts and ends a customer's relationship with a partner of record,
 * so that the denormalized data the Customers list reads (the customer's name on the relationship, the
 * partner's live customer total) always agrees with the relationships themselves; and the changes around
 * them: a reseller's invitation (alone or with one of its providers) and its emailed link, revoking it, the
 * customer accepting it, and the customer ending a relationship with what its partner was on its subscriptions */
#ifndef CC_RELATIONSHIPS_H
#define CC_RELATIONSHIPS_H

#include "db.h"
#include "domain/domain.h"
#include "http.h"
#include "i18n.h"
#include "token.h"

/* Start a live relationship between CUSTOMER and PARTNER, created by user CREATED_BY (0: nobody, e.g. the
 * seed) and started DAYS_AGO days ago, and count it in the partner's live customers. Call it inside the
 * caller's transaction. DB_DUPLICATE (nothing changed) when the relationship is live already. */
int relationship_start(long long customer, long long partner, long long created_by, int days_ago);

/* End the live relationship between CUSTOMER and PARTNER, by user ENDED_BY, and take it off the partner's
 * live customers; *ENDED (may be NULL) is 0 when there was no live relationship (then nothing changed).
 * Call it inside the caller's transaction. */
int relationship_end(long long customer, long long partner, long long ended_by, unsigned long long *ended);

/* Refusals' codes (outcome.code) */
enum {
	RELATIONSHIPS_NOT_REVOCABLE = 1,  /* CONFLICT: the invitation is accepted, revoked or expired */
	RELATIONSHIPS_LINK_DONE,          /* GONE: the link was accepted by this very admin (LINK says which) */
	RELATIONSHIPS_LINK_SPENT,         /* GONE: used a moment ago by another click (internal to accepting) */
	RELATIONSHIPS_PARTNERSHIP_ENDED,  /* CONFLICT: the provider of the invitation is no longer the reseller's */
};

/* An invitation made: its id, its link's token (the text of the link), when that expires, and the provider
 * it is made with (NULL: the reseller alone). */
typedef struct {
	long long invitation_id;
	char token[TOKEN_LEN + 1];
	const char *expires_at, *provider_name;
} relationship_invitation;

/* WHO (an admin or sales agent of a reseller) invites a customer to make the reseller its partner of record:
 * an invitation with a new emailed link, valid 30 days; OUT says what to send. */
outcome relationships_invite(arena *a, const actor *who, relationship_invitation *out);
/* The same invitation made with PROVIDER, one of the reseller's live partners (else OUTCOME_NOT_FOUND):
 * accepting it makes both partners of record. */
outcome relationships_invite_with(arena *a, const actor *who, long long provider, relationship_invitation *out);

/* The reseller's invitations, for Invitations sent and the API: the page AT, newest first,
 * INVITATIONS_PAGE_SIZE + 1 rows at most; when ONLY is not 0, of the one invitation ONLY (no row when it is
 * another reseller's). PROVIDER / CUSTOMER are names ("" for none), STATE is LINK_STATE_SQL's. */
#define INVITATIONS_PAGE_SIZE 50
enum { INV_ID, INV_CREATED_BY, INV_CREATED_AT, INV_EXPIRES_AT, INV_PROVIDER, INV_STATE, INV_CUSTOMER, INV_PROVIDER_ID,
       INV_CUSTOMER_ID, INV_NCOLS };
int relationships_invitations_read(arena *a, long long reseller_org, const seek *at, long long only, db_rows *rows);

/* WHO's reseller withdraws its invitation INVITATION_ID: its link stops working. OUTCOME_NOT_FOUND for
 * someone else's; OUTCOME_CONFLICT (RELATIONSHIPS_NOT_REVOCABLE) once it is no longer sent. */
outcome relationships_revoke_invitation(arena *a, const actor *who, long long invitation_id);

/* What an emailed invitation link is about. */
typedef struct {
	long long token_id, invitation_id, reseller_org_id, provider_org_id;  /* provider: 0 for none */
	const char *reseller_name, *provider_name;
	long long customer_org_id;  /* accepted: the customer organization, found or created */
} relationship_link;

/* Whether WHO (a global admin of a customer's directory) may accept the invitation with TOKEN: OUTCOME_OK
 * with LINK filled; else the refusal: partnerships_link_refusal's, OUTCOME_FORBIDDEN for someone who may not,
 * OUTCOME_GONE with RELATIONSHIPS_LINK_DONE for the admin who accepted it. */
outcome relationships_open_link(arena *a, const actor *who, const char *token, relationship_link *link);

/* WHO accepts: the link is used, the tenant gets its customer organization if it had none, the reseller
 * (and the provider with it) become partners of record, the invitation is accepted, all or nothing.
 * OUTCOME_CONFLICT (RELATIONSHIPS_PARTNERSHIP_ENDED) once the provider is no longer the reseller's. The
 * id of the outcome is the invitation's. */
outcome relationships_accept(arena *a, const actor *who, const char *token, relationship_link *link);

/* WHO (a global admin of a customer) ends its organization's live relationship with PARTNER: the partner
 * is no longer reseller of record of the customer's subscriptions, and the subscription's provider takes
 * over support where the partner gave it (none when the partner was that provider). OUTCOME_FORBIDDEN for
 * anyone else of the customer; OUTCOME_NOT_FOUND when there is no live relationship. The id of the
 * outcome is the relationship's. */
outcome relationships_end_partner(arena *a, const actor *who, long long partner);
#define RELATIONSHIPS_ONLY_GLOBAL_ADMIN N_("Only a global administrator of your organization can end a partner relationship.")

#endif
