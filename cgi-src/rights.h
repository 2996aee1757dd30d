/* rights.h: object-level authorization, the one place: one helper per kind of object that returns the
 * object's facts when the signed-in organization may use it, and the same "not found" otherwise.
 *
 * The rules (the route table has already checked the organization kind and the role):
 * - A customer: seen and managed (its users and their licenses, new subscriptions by a provider) by its live
 *   partners of record, that is organizations with a customer relationship that has not ended.
 * - A subscription: SEEN by every live partner of record of its customer (the Customers list shows a
 *   customer's subscriptions to all its partners of record); its license count CHANGED only by the provider
 *   that sold it (subscriptions.provider_org_id) or by its reseller of record while that reseller's
 *   partnership with the selling provider is live, each while still a partner of record of the customer;
 *   its support contact and reseller of record MANAGED by the selling provider alone.
 * - An order: seen by the organization that placed it and by the live partners of record of its customer.
 * - A partner (a reseller for a provider, a provider for a reseller): only while their partnership is live.
 * - A partnership request: the provider that made it. A customer invitation: the reseller that sent it.
 * - A partner of a customer (My partners): the customer, while the relationship is live.
 * - A partner account (Switch account): its users. A directory user (User management): the account's tenant.
 *
 * No existence oracle: an id that does not exist and an id the organization may not see get the same
 * answer, RIGHTS_NONE, and the same 404 page (rights_not_found). An object the organization sees but may not
 * change (a subscription another provider sold) is refused by its domain function (OUTCOME_FORBIDDEN, a 403
 * that says why). Domain functions (cgi-src/domain/) call these checks inside their transaction. */
#ifndef CC_RIGHTS_H
#define CC_RIGHTS_H

#include <stdbool.h>

#include "arena.h"
#include "http.h"

struct user;

/* What a check found: the object is the organization's to use (its facts filled in); there is no such object
 * for this organization (missing or someone else's: the same answer); or the database failed. */
typedef enum { RIGHTS_OK, RIGHTS_NONE, RIGHTS_FAILED } rights_rc;

/* The kinds of object, for the one 404 text of each. */
typedef enum {
	RIGHTS_CUSTOMER, RIGHTS_SUBSCRIPTION, RIGHTS_ORDER, RIGHTS_RESELLER, RIGHTS_PROVIDER,
	RIGHTS_PARTNERSHIP_REQUEST, RIGHTS_INVITATION, RIGHTS_CUSTOMER_PARTNER, RIGHTS_ACCOUNT,
	RIGHTS_DIRECTORY_USER, RIGHTS_API_TOKEN, RIGHTS_KINDS
} rights_kind;

/* The one 404 text of KIND: what a missing or foreign object of that kind is told. */
const char *rights_not_found_text(rights_kind kind);
/* The 404 page for an object of KIND that is missing or not the organization's: one text per kind. */
void rights_not_found(request *r, rights_kind kind);
/* True when RC granted the object; else the answer is on the page: KIND's 404, or a 503 saying UNAVAILABLE. */
bool rights_granted(request *r, rights_rc rc, rights_kind kind, const char *unavailable);

typedef struct {
	long long id, tenant_id;
	const char *name, *domain;
} rights_customer;

/* Customer ID, when U's organization is one of its live partners of record. */
rights_rc rights_for_customer(arena *a, const struct user *u, long long id, rights_customer *out);

typedef struct {
	long long id;
	const char *name, *upn;
	bool partner_member;  /* also works in a partner account: only they change their password */
} rights_tenant_user;

/* User ID of the directory TENANT_ID of a customer that rights_for_customer granted. */
rights_rc rights_for_customer_user(arena *a, long long tenant_id, long long id, rights_tenant_user *out);

typedef struct {
	long long id, customer, provider, reseller;  /* reseller: of record, 0 for none */
	bool may_change;  /* the license count: the selling provider, or its live reseller of record */
	bool may_manage;  /* the support contact and the reseller of record: the selling provider */
} rights_subscription;

/* Subscription ID, when U's organization may see it (a live partner of record of its customer). */
rights_rc rights_for_subscription(arena *a, const struct user *u, long long id, rights_subscription *out);

/* Order ID, when U's organization placed it or is a live partner of record of its customer. */
rights_rc rights_for_order(arena *a, const struct user *u, long long id);

typedef struct {
	long long partnership_id;
	const char *name;  /* the partner's */
} rights_partner;

/* The organization OTHER as U's live partner: a reseller when U is a provider, a provider when U is a reseller. */
rights_rc rights_for_partner(arena *a, const struct user *u, long long other, rights_partner *out);

/* Partnership request ID, when U's (provider) organization made it. */
rights_rc rights_for_partnership_request(arena *a, const struct user *u, long long id);

/* Partnership request ID, when U's (reseller) organization accepted it: its emailed link, used, shows it what
 * that did. */
rights_rc rights_for_accepted_request(arena *a, const struct user *u, long long id);

/* Customer invitation ID, when U accepted it: its emailed link, used, shows them what that did. */
rights_rc rights_for_accepted_invitation(arena *a, const struct user *u, long long id);

/* Customer invitation ID, when U's (reseller) organization sent it; *TOKEN_ID its link's token. */
rights_rc rights_for_invitation(arena *a, const struct user *u, long long id, long long *token_id);

/* PARTNER as a live partner of record of U's (customer) organization; *NAME the partner's name. */
rights_rc rights_for_customer_partner(arena *a, const struct user *u, long long partner, const char **name);

/* Partner account ORG, when U is one of its users; *NAME the account's name. */
rights_rc rights_for_account(arena *a, const struct user *u, long long org, const char **name);

/* User ID of the directory tenant of U's partner account; *UPN their user name. */
rights_rc rights_for_directory_user(arena *a, const struct user *u, long long id, const char **upn);

typedef struct {
	const char *name, *owner_upn;
	bool revoked;
} rights_api_token;
/* API token ID of U's current partner account: U's own, or any of the account's for an admin agent. */
rights_rc rights_for_api_token(arena *a, const struct user *u, long long id, rights_api_token *out);

/* True while PROVIDER_ORG and RESELLER_ORG have a live (not ended) partnership. */
bool rights_partnered(arena *a, long long provider_org, long long reseller_org);

/* The id of the live partnership between U's organization and OTHER_ORG, seen from U's side
 * (a provider asks about a reseller, a reseller about a provider); 0 when there is none, when
 * U's organization is neither, or when the lookup failed. */
long long rights_live_partnership(arena *a, const struct user *u, long long other_org);

/* True while PARTNER_ORG (a reseller or a provider) is a partner of record of CUSTOMER_ORG:
 * a live customer relationship. */
bool rights_customer_partner(arena *a, long long partner_org, long long customer_org);

/* True when RESELLER may be the reseller of record of PROVIDER's subscriptions of CUSTOMER: a live partner
 * of the provider that is a live partner of record of the customer. */
bool rights_reseller_of_record_choice(arena *a, long long provider, long long reseller, long long customer);

/* The vendor's offer catalog and official provider list, kept by U when U works for the vendor organization
 * (the route table has checked that too); RIGHTS_NONE for anyone else. */
rights_rc rights_for_vendor_catalog(const struct user *u);

/* True when U acts for an organization of KIND ("vendor", "provider", "reseller", "customer") with at least
 * one of ROLES (ROLE_* of its partner account; 0: any user of it): who may make a change that is the
 * organization's own (a partnership request, an invitation, the vendor's review), for a domain change that
 * the route table did not check. */
bool rights_acts_as(const struct user *u, const char *kind, unsigned roles);

/* True when U's roles place orders and manage subscriptions: an admin agent or a sales agent. */
bool rights_may_order(const struct user *u);

#endif
