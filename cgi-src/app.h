/* app.h: the route table's types and every page handler it dispatches to */
#ifndef CC_APP_H
#define CC_APP_H

#include "http.h"

/* Who may call a route. Organization kinds combine with |. */
enum {
	WHO_ANYONE = 0,          /* signed in or not; session loaded when present */
	WHO_NO_SESSION = 1 << 0, /* not even a session lookup (health checks) */
	WHO_SIGNED_IN = 1 << 1,  /* any signed-in user */
	WHO_VENDOR = 1 << 2,     /* signed in, organization kinds: */
	WHO_PROVIDER = 1 << 3,
	WHO_RESELLER = 1 << 4,
	WHO_CUSTOMER = 1 << 5,
	WHO_TEMP_PASSWORD_OK = 1 << 6, /* reachable before a temporary password is changed */
	WHO_ADMIN_AGENT = 1 << 7,      /* and in the admin agent group of their partner account */
	WHO_SALES = 1 << 8,            /* and an admin agent or a sales agent there (places orders) */
};

typedef void (*handler_fn)(request *r);

typedef struct {
	const char *method;
	const char *path;
	handler_fn handler;
	unsigned who;
} route;

/* Dispatch R through the route table: 404/405, session, CSRF, rights, then the handler. */
void app_handle(request *r);
struct user;
/* Why U may not call a route guarded by WHO (organization kind, admin agent, sales agent), or NULL when
 * they may: the 403's text. The pages and the API (api/api.c) ask the same. */
const char *route_guard_refusal(unsigned who, const struct user *u);

/* page_auth.c */
void root_redirect(request *r);
void signin_form(request *r);
void signin_submit(request *r);
void signout_submit(request *r);
void password_form(request *r);
/* page_language.c */
void language_pick(request *r);
void language_form(request *r);
void language_save(request *r);
void password_submit(request *r);
/* page_home.c */
void home_page(request *r);
void health_check(request *r);
/* page_admin.c */
void admin_home(request *r);
/* page_admin_activity.c: the activity log, filtered and paged, and as CSV */
void admin_activity(request *r);
void admin_activity_csv(request *r);
/* page_activity.c: each party's activity log and its CSV: a partner's (Account settings), a customer's */
void account_activity(request *r);
void account_activity_csv(request *r);
void my_activity(request *r);
void my_activity_csv(request *r);
/* page_enroll.c: the reseller enrollment wizard; page_enroll_status.c: email verification, application status */
void enroll_start(request *r);
void enroll_welcome_form(request *r);
void enroll_welcome_submit(request *r);
void enroll_directory_form(request *r);
void enroll_directory_submit(request *r);
void enroll_tenant_form(request *r);
void enroll_tenant_submit(request *r);
void enroll_mpn_form(request *r);
void enroll_mpn_submit(request *r);
void enroll_membership_form(request *r);
void enroll_membership_submit(request *r);
void enroll_membership_password_form(request *r);
void enroll_membership_password_submit(request *r);
void enroll_profile_form(request *r);
void enroll_profile_submit(request *r);
void enroll_details_form(request *r);
void enroll_details_submit(request *r);
void enroll_review_form(request *r);
void enroll_review_submit(request *r);
void enroll_status_page(request *r);
void enroll_verify_form(request *r);
void enroll_verify_submit(request *r);
/* page_review.c: the vendor admin's enrollment review queue and the mail outbox */
void review_queue(request *r);
void review_view(request *r);
void review_approve(request *r);
void review_reject(request *r);
void outbox_list(request *r);
void outbox_send_again(request *r);
/* page_users.c: Account settings > User management */
void users_list(request *r);
void users_add(request *r);
void users_set_roles(request *r);
void users_view(request *r);
void users_new_form(request *r);
void users_create(request *r);

/* page_providers.c: the public official provider list and each provider's profile */
void providers_search(request *r);
void provider_profile(request *r);
/* page_admin_providers.c: the vendor admin keeps the official provider list */
void admin_providers_list(request *r);
void admin_provider_new_form(request *r);
void admin_provider_create(request *r);
void admin_provider_edit_form(request *r);
void admin_provider_update(request *r);
void admin_provider_delist(request *r);
void admin_provider_relist(request *r);
/* page_resellers.c: the provider's Indirect resellers page, partnership requests, ending one */
void resellers_list(request *r);
void resellers_requests(request *r);
void reseller_view(request *r);
void partnership_request_create(request *r);
void partnership_request_revoke(request *r);
void reseller_end_confirm(request *r);
void reseller_end(request *r);
/* page_partnership_link.c: a reseller follows a provider's emailed link and authorizes it */
void partnership_authorize_form(request *r);
void partnership_authorize(request *r);
/* page_indirect_providers.c: the reseller's Indirect providers page, ending a partnership */
void indirect_providers_list(request *r);
void indirect_provider_end_confirm(request *r);
void indirect_provider_end(request *r);

/* page_admin_offers.c: the vendor admin keeps the offer catalog */
void admin_offers_list(request *r);
void admin_offer_new_form(request *r);
void admin_offer_create(request *r);
void admin_offer_edit_form(request *r);
void admin_offer_update(request *r);
/* page_customer_new.c: a provider adds a new customer for a reseller (details, subscriptions, review, submit) */
void customer_new_form(request *r);
void customer_new_step(request *r);
void customer_new_done(request *r);
/* page_customers.c: the Customers list of providers and resellers */
void customers_list(request *r);
void customers_list_csv(request *r);
struct customers_filter;
/* The customers F lists as CSV (the page's /customers.csv and the API's Accept: text/csv): the answer. */
void customers_csv(request *r, const struct customers_filter *f);
/* page_customer_subscriptions.c: a customer's Subscriptions page */
void customer_subscriptions(request *r);
/* .../subscriptions.csv and .../orders.csv: the customer's subscriptions and orders as CSV */
void customer_subscriptions_export(request *r);
void customer_orders_export(request *r);
/* page_subscriptions.c: add subscriptions, change licenses, subscription detail, support contact, orders */
void subscription_new_form(request *r);
void subscription_new_submit(request *r);
void subscription_view(request *r);
void subscription_licenses_submit(request *r);
void subscription_support_submit(request *r);
void subscription_reseller_submit(request *r);
void order_view(request *r);

/* page_customer_invites.c: a reseller invites a customer (alone or with a provider); customers shared with a provider */
void customer_request_relationship(request *r);
void provider_invite_customer(request *r);
void provider_shared_customers(request *r);
/* page_invitations_sent.c: the reseller's invitations sent, their state, revoking one */
void customer_invitations_list(request *r);
void customer_invitation_revoke(request *r);
/* page_relationship_link.c: a customer's global admin follows the invitation link and accepts it */
void relationship_authorize_form(request *r);
void relationship_authorize(request *r);
/* page_my.c: the customer's My partners (ending a relationship) and My subscriptions */
void my_partners(request *r);
void my_partner_end_confirm(request *r);
void my_partner_end(request *r);
void my_subscriptions(request *r);

/* page_api_tokens.c: Account settings > API tokens: the user's tokens, a new one (shown once), revoking one */
void api_tokens_page(request *r);
void api_tokens_new(request *r);
void api_tokens_revoke_submit(request *r);
/* page_account_switch.c: a user of several partner accounts picks one */
void account_switch_form(request *r);
void account_switch_submit(request *r);
/* page_customer_users.c: a customer's users and licenses, managed by a partner of record */
void customer_users_list(request *r);
void customer_user_add(request *r);
void customer_user_reset_password(request *r);
void customer_user_licenses_form(request *r);
void customer_user_licenses_submit(request *r);
void customer_user_remove_confirm(request *r);
void customer_user_remove(request *r);

#endif
