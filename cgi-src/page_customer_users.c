/* page_customer_users.c: a customer's users and licenses, managed on its behalf by a partner of record:
 * the list, add a user (temporary password shown once), reset a password, assign licenses, remove a user */
#include <sodium.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "list_query.h"
#include "rights.h"
#include "session.h"
#include "domain/licenses.h"
#include "domain/tenants.h"
#include "validate.h"
#include "view.h"

typedef struct {
	long long id, tenant_id;
	const char *name, *domain;
	db_rows subs;  /* active subscriptions by id: id, offer, sku, licenses, assigned */
} customer;

enum { SUB_ID, SUB_OFFER, SUB_SKU, SUB_LICENSES, SUB_ASSIGNED, SUB_NCOLS };

/* One user of the customer's tenant (rights.c finds it); partner_member: also works in a partner account, so
 * its password is not the customer's partners' to reset. */
typedef rights_tenant_user tenant_user;

/* What the add-user and licenses forms posted, and what is wrong with it. */
typedef struct {
	const char *name, *user_name;
	bool global_admin;
	bool *chosen;  /* per customer.subs row */
	const char *name_error, *user_name_error, *licenses_error;
} user_form;

#define USERS_UNAVAILABLE _("The customer's users cannot be read or changed right now. Nothing was changed; " \
			  "try again in a minute.")

static bool is_admin_agent(const request *r)
{
	return r->user->roles & ROLE_ADMIN_AGENT;
}

/* ---- whose users ---- */

static int load_subscriptions(request *r, customer *c)
{
	return db_query_cols(r->arena, &c->subs, SUB_NCOLS,
			"SELECT s.id, f.name, f.sku, s.licenses, "
			"(SELECT COUNT(*) FROM license_assignments la WHERE la.subscription_id = s.id) "
			"FROM subscriptions s JOIN offers f ON f.id = s.offer_id "
			"WHERE s.customer_org_id = ? AND s.status = 'active' ORDER BY s.id",
			DB_ARGS(DB_INT(c->id)));
}

/* The customer ID_TEXT names, when the user's organization is one of its partners of record (rights.c); else an
 * error page: the same 404 for a missing customer and someone else's. */
static bool customer_for_user(request *r, const char *id_text, customer *c)
{
	rights_customer found;
	rights_rc rc = rights_for_customer(r->arena, r->user, http_id(id_text), &found);
	if (rc == RIGHTS_NONE) {
		rights_not_found(r, RIGHTS_CUSTOMER);
		return false;
	}
	c->id = found.id;
	c->name = found.name;
	c->tenant_id = found.tenant_id;
	c->domain = found.domain;
	if (rc != RIGHTS_OK || load_subscriptions(r, c) != DB_OK) {
		view_error(r, 503, USERS_UNAVAILABLE);
		return false;
	}
	return true;
}

/* The user ID_TEXT names in the customer's tenant (rights.c); else an error page. */
static bool user_of_customer(request *r, const customer *c, const char *id_text, tenant_user *u)
{
	rights_rc rc = rights_for_customer_user(r->arena, c->tenant_id, http_id(id_text), u);
	if (rc == RIGHTS_FAILED)
		view_error(r, 503, USERS_UNAVAILABLE);
	else if (rc == RIGHTS_NONE)
		view_error(r, 404, arena_printf(r->arena, _("There is no such user in the directory of %s."), c->name));
	return rc == RIGHTS_OK;
}

static void add_customer_facts(request *r, tpl_dict *d, const customer *c)
{
	tpl_set_int(d, "CUSTOMER_ID", c->id);
	tpl_set(d, "CUSTOMER_NAME", c->name);
	tpl_set(d, "DOMAIN", c->domain);
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
}

/* The customer and its user that ?customer=&user= (a GET) or the posted form name; else an error page. */
static bool customer_and_user(request *r, customer *c, tenant_user *u)
{
	bool posted = !strcmp(r->method, "POST");
	const char *customer_id = posted ? http_form(r, "customer") : http_query(r, "customer");
	const char *user_id = posted ? http_form(r, "user") : http_query(r, "user");
	return customer_for_user(r, customer_id, c) && user_of_customer(r, c, user_id, u);
}

/* A page about one user of the customer. */
static tpl_dict *user_page_dict(request *r, const customer *c, const tenant_user *u)
{
	tpl_dict *d = view_dict(r);
	add_customer_facts(r, d, c);
	tpl_set_int(d, "USER_ID", u->id);
	tpl_set(d, "NAME", u->name);
	tpl_set(d, "UPN", u->upn);
	return d;
}

/* ---- the license checkboxes of both forms ---- */

/* The licenses of USER_ID (0: none yet) as checked boxes. */
static bool *current_licenses(request *r, const customer *c, long long user_id)
{
	bool *chosen = arena_calloc(r->arena, (size_t)c->subs.nrows + 1);
	db_rows rows;
	if (user_id && db_query(r->arena, &rows, "SELECT subscription_id FROM license_assignments WHERE user_id = ?",
				DB_ARGS(DB_INT(user_id))) != DB_OK)
		return NULL;
	for (int i = 0; user_id && i < rows.nrows; i++)
		for (int s = 0; s < c->subs.nrows; s++)
			if (db_get_int(&c->subs, s, SUB_ID) == db_get_int(&rows, i, 0))
				chosen[s] = true;
	return chosen;
}

static bool *posted_licenses(request *r, const customer *c)
{
	bool *chosen = arena_calloc(r->arena, (size_t)c->subs.nrows + 1);
	for (int s = 0; s < c->subs.nrows; s++)
		chosen[s] = !strcmp(http_form(r, arena_printf(r->arena, "license_%s", db_get(&c->subs, s, SUB_ID))), "1");
	return chosen;
}

/* One checkbox per active subscription: "Offer (3 of 10 assigned)"; a full one the user does not HOLD
 * (NULL: a new user) cannot be ticked. */
static void add_license_choices(tpl_dict *form, const customer *c, const bool *chosen, const bool *held,
				const char *error)
{
	tpl_dict *d = tpl_add_include(form, "LICENSE_CHOICES", "customer_user_license_choices.tpl");
	if (c->subs.nrows == 0)
		tpl_show_section(d, "NO_LICENSES");
	if (error)
		tpl_set(tpl_add_section(d, "LICENSES_ERROR"), "MESSAGE", error);
	for (int s = 0; s < c->subs.nrows; s++) {
		tpl_dict *l = tpl_add_section(d, "LICENSE_CHOICE");
		long long total = db_get_int(&c->subs, s, SUB_LICENSES), assigned = db_get_int(&c->subs, s, SUB_ASSIGNED);
		bool full = assigned >= total && !(held && held[s]);
		tpl_set(l, "SUB_ID", db_get(&c->subs, s, SUB_ID));
		tpl_set(l, "OFFER", db_get(&c->subs, s, SUB_OFFER));
		tpl_set(l, "SKU", db_get(&c->subs, s, SUB_SKU));
		tpl_set_int(l, "ASSIGNED", assigned);
		tpl_set_int(l, "TOTAL", total);
		if (chosen[s] && !full)
			tpl_show_section(l, "CHECKED");
		tpl_show_section(l, full ? "FULL" : "NOT_FULL");
	}
}

/* ---- the list ---- */

#define USERS_PAGE_SIZE 25
#define SEARCH_MAX_CHARS 100

/* The search box and the page of the user list, as asked for. */
typedef struct {
	const char *q;
	list_words words;  /* each must begin a word of the name or the user name */
	seek at;
	long long total;   /* counted up to LIST_COUNT_CAP + 1 */
} user_list;

static bool read_user_list(request *r, const customer *c, user_list *l, db_rows *rows)
{
	l->q = validate_truncate(r->arena, validate_trim(r->arena, http_query(r, "q")), SEARCH_MAX_CHARS);
	l->words = list_search_words(r->arena, l->q);
	l->at = http_seek(r);
	return tenants_user_page(r->arena, c->tenant_id, &l->words, &l->at, USERS_PAGE_SIZE, rows, &l->total) == DB_OK;
}

static void add_user_pager(tpl_dict *d, const user_list *l, db_rows *rows)
{
	tpl_set(d, "Q", l->q);
	list_set_count(d, "TOTAL", l->total);
	if (*l->q)
		tpl_show_section(d, "SEARCHED");
	if (l->total == 0 && *l->q)
		tpl_show_section(d, "NO_MATCHES");
	view_seek_page(d, &l->at, rows, USERS_PAGE_SIZE, TENANTS_USER_ID, TENANTS_USER_NAME);  /* its links keep CUSTOMER_ID and Q from the page */
}

/* The notice about the user whose licenses were just saved (?licenses=ID), wherever they are in the list. */
static bool add_licenses_notice(request *r, tpl_dict *d, const customer *c)
{
	long long changed = http_id(http_query(r, "licenses"));
	db_rows rows;
	if (!changed)
		return true;
	if (db_query(r->arena, &rows, "SELECT display_name FROM users WHERE id = ? AND tenant_id = ?",
		     DB_ARGS(DB_INT(changed), DB_INT(c->tenant_id))) != DB_OK)
		return false;
	if (rows.nrows == 1)
		tpl_set(tpl_add_section(d, "LICENSES_NOTICE"), "NAME", db_get(&rows, 0, 0));
	return true;
}

/* One page of the customer's users, with their roles and licenses. */
static bool add_users(request *r, tpl_dict *d, const customer *c)
{
	user_list l;
	db_rows rows;
	if (!read_user_list(r, c, &l, &rows) || !add_licenses_notice(r, d, c))
		return false;
	add_user_pager(d, &l, &rows);
	bool manage = is_admin_agent(r);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *u = tpl_add_section(d, "USER");
		tpl_set(u, "ID", db_get(&rows, i, TENANTS_USER_ID));
		tpl_set(u, "NAME", db_get(&rows, i, TENANTS_USER_NAME));
		tpl_set(u, "UPN", db_get(&rows, i, TENANTS_USER_UPN));
		tpl_set(u, "ROLE", db_get_int(&rows, i, TENANTS_USER_GLOBAL_ADMIN) ? _("Global admin") : _("User"));
		tpl_set(u, "SIGN_IN", db_get_int(&rows, i, TENANTS_USER_MUST_CHANGE) ? _("Must change the temporary password") : _("Active"));
		tpl_set(u, "LICENSES", *db_get(&rows, i, TENANTS_USER_LICENSES) ? db_get(&rows, i, TENANTS_USER_LICENSES) : _("None"));
		if (manage) {
			tpl_dict *a = tpl_add_section(u, "ACTIONS");
			tpl_set_int(a, "CUSTOMER_ID", c->id);
			tpl_set(a, "ID", db_get(&rows, i, TENANTS_USER_ID));
			tpl_set(a, "CSRF_TOKEN", csrf_token(r));
		}
	}
	return true;
}

static void add_license_summary(tpl_dict *d, const customer *c)
{
	if (c->subs.nrows == 0)
		tpl_show_section(d, "NO_SUBSCRIPTIONS");
	tpl_dict *t = c->subs.nrows ? tpl_add_section(d, "SUBSCRIPTIONS") : NULL;
	for (int s = 0; s < c->subs.nrows; s++) {
		tpl_dict *row = tpl_add_section(t, "SUBSCRIPTION");
		tpl_set(row, "ID", db_get(&c->subs, s, SUB_ID));
		tpl_set(row, "OFFER", db_get(&c->subs, s, SUB_OFFER));
		tpl_set(row, "ASSIGNED", db_get(&c->subs, s, SUB_ASSIGNED));
		tpl_set(row, "TOTAL", db_get(&c->subs, s, SUB_LICENSES));
	}
}

static void add_user_form(tpl_dict *d, const customer *c, const user_form *f)
{
	tpl_dict *form = tpl_add_section(d, "ADD_FORM");
	tpl_set(form, "NAME", f->name);
	tpl_set(form, "USER_NAME", f->user_name);
	tpl_set(form, "DOMAIN", c->domain);
	tpl_set_int(form, "CUSTOMER_ID", c->id);
	if (f->global_admin)
		tpl_show_section(form, "GLOBAL_ADMIN");
	if (f->name_error)
		tpl_set(tpl_add_section(form, "NAME_ERROR"), "MESSAGE", f->name_error);
	if (f->user_name_error)
		tpl_set(tpl_add_section(form, "USER_NAME_ERROR"), "MESSAGE", f->user_name_error);
	add_license_choices(form, c, f->chosen, NULL, f->licenses_error);
}

static void render_list(request *r, const customer *c, const user_form *f, int status)
{
	tpl_dict *d = view_dict(r);
	add_customer_facts(r, d, c);
	if (!add_users(r, d, c)) {
		view_error(r, 503, USERS_UNAVAILABLE);
		return;
	}
	add_license_summary(d, c);
	if (is_admin_agent(r))
		add_user_form(d, c, f);
	else
		tpl_show_section(d, "READ_ONLY");
	if (*http_query(r, "removed"))
		tpl_show_section(d, "REMOVED_NOTICE");
	r->status = status;
	view_page(r, "customer_users.tpl", arena_printf(r->arena, _("Users and licenses: %s"), c->name), d);
}

void customer_users_list(request *r)
{
	customer c;
	if (!customer_for_user(r, http_query(r, "customer"), &c))
		return;
	user_form f = { .name = "", .user_name = "", .chosen = current_licenses(r, &c, 0) };
	render_list(r, &c, &f, 200);
}

/* The chosen checkboxes CHOSEN (per customer.subs row) as the subscriptions to hold. */
static licenses_choice chosen_licenses(request *r, const customer *c, const bool *chosen)
{
	long long *subs = arena_calloc(r->arena, ((size_t)c->subs.nrows + 1) * sizeof *subs);
	int n = 0;
	for (int s = 0; s < c->subs.nrows; s++)
		if (chosen[s])
			subs[n++] = db_get_int(&c->subs, s, SUB_ID);
	return (licenses_choice){ subs, n };
}

/* ---- add a user ---- */

/* The posted add-user form, checked field by field; true when it can be added. */
static bool read_user_form(request *r, const customer *c, user_form *f)
{
	f->name = validate_truncate(r->arena, validate_trim(r->arena, http_form(r, "display_name")), TENANTS_DISPLAY_NAME_MAX);
	f->user_name = validate_truncate(r->arena, validate_lower(r->arena, validate_trim(r->arena, http_form(r, "user_name"))),
					 USER_NAME_MAX + 1);
	f->global_admin = !strcmp(http_form(r, "global_admin"), "1");
	f->chosen = posted_licenses(r, c);
	tenants_new_user_problems(r->arena, f->name, f->user_name, &f->name_error, &f->user_name_error);
	return !f->name_error && !f->user_name_error;
}

/* The page that shows a temporary password, this once. */
static void password_page(request *r, const customer *c, const char *name, const char *upn, const char *password,
			  bool added)
{
	tpl_dict *d = view_dict(r);
	add_customer_facts(r, d, c);
	tpl_set(d, "NAME", name);
	tpl_set(d, "UPN", upn);
	tpl_set(d, "PASSWORD", password);
	tpl_show_section(d, added ? "ADDED" : "RESET");
	view_page(r, "customer_user_password.tpl", added ? _("User added") : _("Password reset"), d);
}

void customer_user_add(request *r)
{
	customer c;
	if (!customer_for_user(r, http_form(r, "customer"), &c))
		return;
	user_form f = { 0 };
	if (!read_user_form(r, &c, &f)) {
		render_list(r, &c, &f, 400);
		return;
	}
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(r);
	tenants_customer_user_new n = { .customer = c.id, .display_name = f.name, .user_name = f.user_name,
					.global_admin = f.global_admin, .licenses = chosen_licenses(r, &c, f.chosen),
					.password = password };
	outcome o = tenants_add_customer_user(r->arena, &who, &n);
	if (outcome_is_ok(&o)) {
		password_page(r, &c, f.name, arena_printf(r->arena, "%s@%s", f.user_name, c.domain), password, true);
	} else if (o.kind == OUTCOME_INVALID || o.kind == OUTCOME_CONFLICT) {
		if (o.field && !strcmp(o.field, "display_name"))
			f.name_error = o.message;
		else if (o.field)
			f.user_name_error = o.message;
		else
			f.licenses_error = o.message;
		if (load_subscriptions(r, &c) == DB_OK)
			render_list(r, &c, &f, outcome_status(&o));
		else
			view_error(r, 503, USERS_UNAVAILABLE);
	} else {
		view_refusal(r, &o, USERS_UNAVAILABLE);
	}
	sodium_memzero(password, sizeof password);
}

/* ---- reset a password ---- */

void customer_user_reset_password(request *r)
{
	customer c;
	tenant_user u;
	if (!customer_and_user(r, &c, &u))
		return;
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(r);
	outcome o = tenants_reset_customer_password(r->arena, &who, c.id, u.id, password);
	if (outcome_is_ok(&o))
		password_page(r, &c, u.name, u.upn, password, false);
	else
		view_refusal(r, &o, USERS_UNAVAILABLE);
	sodium_memzero(password, sizeof password);
}

/* ---- a user's licenses ---- */

static void licenses_page(request *r, const customer *c, const tenant_user *u, const bool *chosen, const char *error,
			  int status)
{
	bool *held = current_licenses(r, c, u->id);
	if (!held) {
		view_error(r, 503, USERS_UNAVAILABLE);
		return;
	}
	tpl_dict *d = user_page_dict(r, c, u);
	add_license_choices(d, c, chosen ? chosen : held, held, error);
	r->status = status;
	view_page(r, "customer_user_licenses.tpl", arena_printf(r->arena, _("Licenses of %s"), u->name), d);
}

void customer_user_licenses_form(request *r)
{
	customer c;
	tenant_user u;
	if (customer_and_user(r, &c, &u))
		licenses_page(r, &c, &u, NULL, NULL, 200);
}

void customer_user_licenses_submit(request *r)
{
	customer c;
	tenant_user u;
	if (!customer_and_user(r, &c, &u))
		return;
	bool *chosen = posted_licenses(r, &c);
	licenses_choice choice = chosen_licenses(r, &c, chosen);
	actor who = actor_of(r);
	outcome o = licenses_set(r->arena, &who, c.id, u.id, &choice);
	if (o.kind == OUTCOME_CONFLICT) {
		if (load_subscriptions(r, &c) == DB_OK)
			licenses_page(r, &c, &u, chosen, o.message, 409);
		else
			view_error(r, 503, USERS_UNAVAILABLE);
	} else if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, USERS_UNAVAILABLE);
	} else {
		http_redirect(r, arena_printf(r->arena, "/customers/users?customer=%lld&licenses=%lld", c.id, u.id));
	}
}

/* ---- remove a user ---- */

static void remove_page(request *r, const customer *c, const tenant_user *u, const char *error, int status)
{
	tpl_dict *d = user_page_dict(r, c, u);
	if (error)
		tpl_set(tpl_add_section(d, "ERROR"), "MESSAGE", error);
	else
		tpl_show_section(d, "CONFIRM");
	r->status = status;
	view_page(r, "customer_user_remove.tpl", arena_printf(r->arena, _("Remove %s"), u->name), d);
}

void customer_user_remove_confirm(request *r)
{
	customer c;
	tenant_user u;
	if (customer_and_user(r, &c, &u))
		remove_page(r, &c, &u, NULL, 200);
}

void customer_user_remove(request *r)
{
	customer c;
	tenant_user u;
	if (!customer_and_user(r, &c, &u))
		return;
	actor who = actor_of(r);
	outcome o = tenants_remove_customer_user(r->arena, &who, c.id, u.id);
	if (o.kind == OUTCOME_CONFLICT)
		remove_page(r, &c, &u, o.message, 409);
	else if (!outcome_is_ok(&o))
		view_refusal(r, &o, USERS_UNAVAILABLE);
	else
		http_redirect(r, arena_printf(r->arena, "/customers/users?customer=%lld&removed=1", c.id));
}
