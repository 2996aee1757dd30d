/* routes.c: the route table, the one place that dispatches; guards run here before any page code */
#include <string.h>

#include "api/api.h"
#include "app.h"
#include "auth.h"
#include "i18n.h"
#include "session.h"
#include "view.h"

#define ORG_KINDS (WHO_VENDOR | WHO_PROVIDER | WHO_RESELLER | WHO_CUSTOMER)
#define NEEDS_USER (WHO_SIGNED_IN | ORG_KINDS | WHO_ADMIN_AGENT | WHO_SALES)

static const route routes[] = {
	/* method  path                handler          who may call it */
	{ "GET",  "/",                 root_redirect,   WHO_ANYONE },
	{ "GET",  "/healthz",          health_check,    WHO_NO_SESSION },
	{ "GET",  "/signin",           signin_form,     WHO_ANYONE },
	{ "POST", "/signin",           signin_submit,   WHO_ANYONE },
	{ "POST", "/signout",          signout_submit,  WHO_SIGNED_IN | WHO_TEMP_PASSWORD_OK },
	{ "GET",  "/account/password", password_form,   WHO_SIGNED_IN | WHO_TEMP_PASSWORD_OK },
	{ "POST", "/account/password", password_submit, WHO_SIGNED_IN | WHO_TEMP_PASSWORD_OK },
	{ "GET",  "/home",             home_page,       WHO_SIGNED_IN },
	/* the language: the footer's picker for anyone, Account settings > Language (page_language.c) */
	{ "POST", "/language",         language_pick,   WHO_ANYONE },
	{ "GET",  "/account/language", language_form,   WHO_SIGNED_IN | WHO_TEMP_PASSWORD_OK },
	{ "POST", "/account/language", language_save,   WHO_SIGNED_IN | WHO_TEMP_PASSWORD_OK },
	{ "GET",  "/admin",            admin_home,      WHO_VENDOR },
	{ "GET",  "/admin/activity",     admin_activity,     WHO_VENDOR },
	{ "GET",  "/admin/activity.csv", admin_activity_csv, WHO_VENDOR },

	/* reseller enrollment: anyone may start; the wizard keeps its own state (page_enroll.c) */
	{ "GET",  "/enroll",                     enroll_start,                      WHO_ANYONE },
	{ "GET",  "/enroll/welcome",             enroll_welcome_form,               WHO_ANYONE },
	{ "POST", "/enroll/welcome",             enroll_welcome_submit,             WHO_ANYONE },
	{ "GET",  "/enroll/directory",           enroll_directory_form,             WHO_ANYONE },
	{ "POST", "/enroll/directory",           enroll_directory_submit,           WHO_ANYONE },
	{ "GET",  "/enroll/tenant",              enroll_tenant_form,                WHO_ANYONE },
	{ "POST", "/enroll/tenant",              enroll_tenant_submit,              WHO_ANYONE },
	{ "GET",  "/enroll/mpn",                 enroll_mpn_form,                   WHO_ANYONE },
	{ "POST", "/enroll/mpn",                 enroll_mpn_submit,                 WHO_ANYONE },
	{ "GET",  "/enroll/membership",          enroll_membership_form,            WHO_ANYONE },
	{ "POST", "/enroll/membership",          enroll_membership_submit,          WHO_ANYONE },
	{ "GET",  "/enroll/membership/password", enroll_membership_password_form,   WHO_ANYONE },
	{ "POST", "/enroll/membership/password", enroll_membership_password_submit, WHO_ANYONE },
	{ "GET",  "/enroll/profile",             enroll_profile_form,               WHO_ANYONE },
	{ "POST", "/enroll/profile",             enroll_profile_submit,             WHO_ANYONE },
	{ "GET",  "/enroll/details",             enroll_details_form,               WHO_ANYONE },
	{ "POST", "/enroll/details",             enroll_details_submit,             WHO_ANYONE },
	{ "GET",  "/enroll/review",              enroll_review_form,                WHO_ANYONE },
	{ "POST", "/enroll/review",              enroll_review_submit,              WHO_ANYONE },
	{ "GET",  "/enroll/status",              enroll_status_page,                WHO_ANYONE },
	{ "GET",  "/enroll/verify",              enroll_verify_form,                WHO_ANYONE },
	{ "POST", "/enroll/verify",              enroll_verify_submit,              WHO_ANYONE },

	/* vendor admin portal (page_review.c) */
	{ "GET",  "/admin/enrollments",          review_queue,    WHO_VENDOR },
	{ "GET",  "/admin/enrollments/view",     review_view,     WHO_VENDOR },
	{ "POST", "/admin/enrollments/approve",  review_approve,  WHO_VENDOR },
	{ "POST", "/admin/enrollments/reject",   review_reject,   WHO_VENDOR },
	{ "GET",  "/admin/mail",                 outbox_list,     WHO_VENDOR },
	{ "POST", "/admin/mail/send-again",      outbox_send_again, WHO_VENDOR },

	/* Account settings > User management (page_users.c) */
	{ "GET",  "/account/users",              users_list,      WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/account/users/add",          users_add,       WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/account/users/roles",        users_set_roles, WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "GET",  "/account/users/view",         users_view,      WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/account/users/new",          users_new_form,  WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/account/users/new",          users_create,    WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	/* Account settings > Activity log (page_activity.c): what was done by or to the account, for its admin agents */
	{ "GET",  "/account/activity",           account_activity,     WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "GET",  "/account/activity.csv",       account_activity_csv, WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	/* Account settings > API tokens (page_api_tokens.c): a user's tokens for the partner API (/v1/) */
	{ "GET",  "/account/tokens",             api_tokens_page,       WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/account/tokens/new",         api_tokens_new,        WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/account/tokens/revoke",      api_tokens_revoke_submit, WHO_PROVIDER | WHO_RESELLER },
	/* Account settings > Switch account (page_account_switch.c): a user of several partner accounts */
	{ "GET",  "/account/switch",             account_switch_form,   WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/account/switch",             account_switch_submit, WHO_PROVIDER | WHO_RESELLER },

	/* the official provider list: public (page_providers.c); kept by the vendor admin (page_admin_providers.c) */
	{ "GET",  "/providers",                  providers_search,         WHO_ANYONE },
	{ "GET",  "/providers/view",             provider_profile,         WHO_ANYONE },
	{ "GET",  "/admin/providers",            admin_providers_list,     WHO_VENDOR },
	{ "GET",  "/admin/providers/new",        admin_provider_new_form,  WHO_VENDOR },
	{ "POST", "/admin/providers/new",        admin_provider_create,    WHO_VENDOR },
	{ "GET",  "/admin/providers/edit",       admin_provider_edit_form, WHO_VENDOR },
	{ "POST", "/admin/providers/edit",       admin_provider_update,    WHO_VENDOR },
	{ "POST", "/admin/providers/delist",     admin_provider_delist,    WHO_VENDOR },
	{ "POST", "/admin/providers/relist",     admin_provider_relist,    WHO_VENDOR },

	/* partnerships: the provider's side (page_resellers.c) */
	{ "GET",  "/resellers",                  resellers_list,             WHO_PROVIDER },
	{ "GET",  "/resellers/view",             reseller_view,              WHO_PROVIDER },
	{ "GET",  "/resellers/requests",         resellers_requests,         WHO_PROVIDER },
	{ "POST", "/resellers/request",          partnership_request_create, WHO_PROVIDER | WHO_ADMIN_AGENT },
	{ "POST", "/resellers/request/revoke",   partnership_request_revoke, WHO_PROVIDER | WHO_ADMIN_AGENT },
	{ "GET",  "/resellers/end",              reseller_end_confirm,       WHO_PROVIDER | WHO_ADMIN_AGENT },
	{ "POST", "/resellers/end",              reseller_end,               WHO_PROVIDER | WHO_ADMIN_AGENT },
	/* the emailed link (page_partnership_link.c): sign-in first, then the handler checks the reseller */
	{ "GET",  "/partnership/authorize",      partnership_authorize_form, WHO_SIGNED_IN },
	{ "POST", "/partnership/authorize",      partnership_authorize,      WHO_SIGNED_IN },
	/* the reseller's side (page_indirect_providers.c) */
	{ "GET",  "/indirect-providers",         indirect_providers_list,       WHO_RESELLER },
	{ "GET",  "/indirect-providers/end",     indirect_provider_end_confirm, WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/indirect-providers/end",     indirect_provider_end,         WHO_RESELLER | WHO_ADMIN_AGENT },

	/* the offer catalog (page_admin_offers.c) */
	{ "GET",  "/admin/offers",               admin_offers_list,     WHO_VENDOR },
	{ "GET",  "/admin/offers/new",           admin_offer_new_form,  WHO_VENDOR },
	{ "POST", "/admin/offers/new",           admin_offer_create,    WHO_VENDOR },
	{ "GET",  "/admin/offers/edit",          admin_offer_edit_form, WHO_VENDOR },
	{ "POST", "/admin/offers/edit",          admin_offer_update,    WHO_VENDOR },

	/* customers and subscriptions (page_customer_new.c, page_customers.c, page_subscriptions.c);
	 * who may act on which customer is checked per object in rights.c */
	{ "GET",  "/customers",                  customers_list,               WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/customers.csv",              customers_list_csv,           WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/customers/new",              customer_new_form,            WHO_PROVIDER | WHO_SALES },
	{ "POST", "/customers/new",              customer_new_step,            WHO_PROVIDER | WHO_SALES },
	{ "GET",  "/customers/new/done",         customer_new_done,            WHO_PROVIDER },
	{ "GET",  "/customers/subscriptions",    customer_subscriptions,       WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/customers/subscriptions.csv", customer_subscriptions_export, WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/customers/orders.csv",       customer_orders_export,       WHO_PROVIDER | WHO_RESELLER },
	{ "GET",  "/subscriptions/new",          subscription_new_form,        WHO_PROVIDER | WHO_SALES },
	{ "POST", "/subscriptions/new",          subscription_new_submit,      WHO_PROVIDER | WHO_SALES },
	{ "GET",  "/subscriptions/view",         subscription_view,            WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/subscriptions/licenses",     subscription_licenses_submit, WHO_PROVIDER | WHO_RESELLER | WHO_SALES },
	{ "POST", "/subscriptions/support-contact", subscription_support_submit, WHO_PROVIDER | WHO_SALES },
	{ "POST", "/subscriptions/reseller",     subscription_reseller_submit, WHO_PROVIDER | WHO_SALES },
	{ "GET",  "/orders/view",                order_view,                   WHO_PROVIDER | WHO_RESELLER },
	/* a customer's users and licenses (page_customer_users.c): partners of record, changes by admin agents */
	{ "GET",  "/customers/users",                customer_users_list,           WHO_PROVIDER | WHO_RESELLER },
	{ "POST", "/customers/users/add",            customer_user_add,             WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/customers/users/reset-password", customer_user_reset_password,  WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "GET",  "/customers/users/licenses",       customer_user_licenses_form,   WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/customers/users/licenses",       customer_user_licenses_submit, WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "GET",  "/customers/users/remove",         customer_user_remove_confirm,  WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },
	{ "POST", "/customers/users/remove",         customer_user_remove,          WHO_PROVIDER | WHO_RESELLER | WHO_ADMIN_AGENT },

	/* customer invitations (page_customer_invites.c), the customer's acceptance (page_relationship_link.c)
	 * and the customer's own pages (page_my.c) */
	{ "POST", "/customers/request-relationship", customer_request_relationship, WHO_RESELLER | WHO_SALES },
	{ "POST", "/indirect-providers/invite",      provider_invite_customer,      WHO_RESELLER | WHO_SALES },
	{ "GET",  "/customers/invitations",          customer_invitations_list,     WHO_RESELLER },
	{ "POST", "/customers/invitations/revoke",   customer_invitation_revoke,    WHO_RESELLER | WHO_SALES },
	{ "GET",  "/indirect-providers/customers",   provider_shared_customers,     WHO_RESELLER },
	{ "GET",  "/relationship/authorize",         relationship_authorize_form,   WHO_SIGNED_IN },
	{ "POST", "/relationship/authorize",         relationship_authorize,        WHO_SIGNED_IN },
	{ "GET",  "/my/partners",                    my_partners,                   WHO_CUSTOMER },
	{ "GET",  "/my/partners/end",                my_partner_end_confirm,        WHO_CUSTOMER },
	{ "POST", "/my/partners/end",                my_partner_end,                WHO_CUSTOMER },
	{ "GET",  "/my/subscriptions",               my_subscriptions,              WHO_CUSTOMER },
	{ "GET",  "/my/activity",                    my_activity,                   WHO_CUSTOMER },
	{ "GET",  "/my/activity.csv",                my_activity_csv,               WHO_CUSTOMER },
};

static unsigned org_kind_bit(const char *kind)
{
	if (!strcmp(kind, "vendor")) return WHO_VENDOR;
	if (!strcmp(kind, "provider")) return WHO_PROVIDER;
	if (!strcmp(kind, "reseller")) return WHO_RESELLER;
	if (!strcmp(kind, "customer")) return WHO_CUSTOMER;
	return 0;
}

const char *route_guard_refusal(unsigned who, const user *u)
{
	if ((who & ORG_KINDS) && !(who & org_kind_bit(u->org_kind)))
		return _("Your organization does not have access to this page.");
	if ((who & WHO_ADMIN_AGENT) && !(u->roles & ROLE_ADMIN_AGENT))
		return _("Only admin agents of your account can do this. Ask one of them to give you the role.");
	if ((who & WHO_SALES) && !(u->roles & (ROLE_ADMIN_AGENT | ROLE_SALES_AGENT)))
		return _("Only admin agents and sales agents of your account can place orders.");
	return NULL;
}

static const route *find_route(request *r)
{
	const route *path_match = NULL;
	const char *method = strcmp(r->method, "HEAD") ? r->method : "GET";
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(routes[i].path, r->path))
			continue;
		if (!strcmp(routes[i].method, method))
			return &routes[i];
		path_match = &routes[i];
	}
	if (path_match) {
		strbuf allow = STRBUF_INIT;
		for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
			if (!strcmp(routes[i].path, r->path)) {
				if (allow.len)
					strbuf_puts(&allow, ", ");
				strbuf_puts(&allow, routes[i].method);
			}
		http_header(r, "Allow", strbuf_cstr(&allow));
		strbuf_release(&allow);
		view_error(r, 405, _("This address does not accept that kind of request."));
	} else {
		view_error(r, 404, _("There is no page at this address. Check the link, or start again from the home page."));
	}
	return NULL;
}

/* The signed-in user, if the cookie names one. False when that cannot be told (the database is down): the
 * answer is then given, a 503 that says they are still signed in, never a sign-in page that would say otherwise. */
static bool load_session(request *r)
{
	const char *cookie = http_cookie(r, SESSION_COOKIE);
	if (!cookie)
		return true;
	bool db_down = false;
	session *s = sess_load(r->arena, cookie, &db_down);
	const user *u = s && s->user_blob ? auth_user_decode(r->arena, s->user_blob) : NULL;
	if (s && (!u || u->id != s->user_id)) {
		u = auth_load_user(r->arena, s->user_id, s->org_id);
		db_down = !u;  /* the row exists, so its user does: only a database error leaves none */
		if (u)
			sess_cache_user(s, auth_user_encode(r->arena, u));
	}
	if (db_down) {
		view_error(r, 503, !strcmp(r->path, "/signout") ? _(SESS_SIGNOUT_FAILED) :
			   _("Channel Center cannot reach its database right now. You are still signed in: try again in a "
			     "minute."));
		return false;
	}
	r->session = s;
	r->user = u;
	return true;
}

static void send_to_signin(request *r)
{
	const char *next = r->path;
	if (r->query_string && *r->query_string)
		next = arena_printf(r->arena, "%s?%s", r->path, r->query_string);
	http_redirect(r, arena_printf(r->arena, "/signin?next=%s", view_url_escape(r, next)));
}

/* Whole sentences, so a translator sees each message as one text. */
#define INVALID_TEXT_RETYPE N_("Some of the text you sent is not valid UTF-8 text (it may have been pasted from " \
	"a document in another encoding), so nothing was saved. Retype it and submit again.")
#define INVALID_TEXT_GO_BACK N_("Some of the text you sent is not valid UTF-8 text (it may have been pasted from " \
	"a document in another encoding), so nothing was saved. Go back, retype it and submit again.")

/* The page a POST's form is on: the GET route of its path, or of its parent ("/customers/users" for
 * "/customers/users/add"), when whoever may post may see it (the same guards, less a role at most). */
static const route *form_route(const route *posted)
{
	size_t parent = (size_t)(strrchr(posted->path, '/') - posted->path);
	const route *up = NULL;
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		const route *get = &routes[i];
		if (strcmp(get->method, "GET") ||
		    (get->who != posted->who && get->who != (posted->who & ~(unsigned)(WHO_ADMIN_AGENT | WHO_SALES))))
			continue;
		if (!strcmp(get->path, posted->path))
			return get;
		if (strlen(get->path) == parent && !strncmp(get->path, posted->path, parent))
			up = get;
	}
	return up;
}

/* Text that is not UTF-8 never reaches a handler, nor MariaDB (http.c left it out of the parameters). A
 * POST gets its form back: the page its GET route shows for the fields that were text, status 400. */
static void refuse_invalid_text(request *r, const route *rt)
{
	bool posted = !strcmp(rt->method, "POST");
	const route *form = posted && !r->query.invalid_text ? form_route(rt) : NULL;
	if (form) {
		size_t headers = r->headers->len;
		for (size_t i = 0; i < r->form.len; i++)
			if (strcmp(r->form.items[i].name, "csrf_token"))
				http_param_add(r->arena, &r->query, r->form.items[i].name, r->form.items[i].value);
		r->form = (http_params){ 0 };
		r->method = "GET";
		r->refusal = _(INVALID_TEXT_RETYPE);
		form->handler(r);
		if (r->status == 200) {  /* the form's page, with the refusal on top */
			r->status = 400;
			return;
		}
		r->refusal = NULL;
		r->headers->len = headers;  /* no redirect or cookie of a page that is not shown */
		if (r->headers->data)
			r->headers->data[headers] = '\0';
	}
	view_error(r, 400, posted ? _(INVALID_TEXT_GO_BACK)
				  : _("Some of the text in this address is not valid UTF-8 text, so nothing was done. Check "
				      "the address, or go back and follow the link again."));
}

void app_handle(request *r)
{
	if (!strncmp(r->path, "/v1/", 4)) {  /* the partner API: tokens, never cookies (api/api.c) */
		api_handle(r);
		return;
	}
	const route *rt = find_route(r);
	if (!rt)
		return;
	if (!(rt->who & WHO_NO_SESSION) && !load_session(r))
		return;
	if (r->user && *r->user->language) {  /* the person's saved language outranks the picker and the browser */
		r->lang = i18n_choose(r->user->language, NULL, r->accept_language);
		i18n_use(r->lang);
	}
	if (!strcmp(r->method, "POST") && !csrf_check(r)) {
		view_error(r, 403, _("This form has expired or did not come from this site. "
				     "Go back, reload the page and try again."));
		return;
	}
	if ((rt->who & NEEDS_USER) && !r->user) {
		send_to_signin(r);
		return;
	}
	if (r->user && r->user->must_change_password && (rt->who & NEEDS_USER) &&
	    !(rt->who & WHO_TEMP_PASSWORD_OK)) {
		http_redirect(r, "/account/password");
		return;
	}
	const char *refusal = r->user ? route_guard_refusal(rt->who, r->user) : NULL;
	if (refusal) {
		view_error(r, 403, refusal);
		return;
	}
	if (r->query.invalid_text || r->form.invalid_text) {
		refuse_invalid_text(r, rt);
		return;
	}
	rt->handler(r);
}
