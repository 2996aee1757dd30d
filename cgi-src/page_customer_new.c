/* page_customer_new.c: a provider adds a new customer for a partner reseller: details, subscriptions, review
 * (state in hidden fields, nothing written), submit (one transaction, once per form key), confirmation */
#include <sodium.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "domain/customers.h"
#include "db.h"
#include "db_answer.h"
#include "domain/offers.h"
#include "domain/orders.h"
#include "rights.h"
#include "domain/tenants.h"
#include "i18n.h"
#include "validate.h"
#include "view.h"

#define MAX_LICENSE_DIGITS 6
#define UNAVAILABLE N_("Customers cannot be added right now. Nothing was created; try again in a minute.")
#define NO_SUCH_ORDER N_("There is no new-customer order with that number placed by your organization.")

/* ---------- the steps ---------- */

enum step { STEP_DETAILS, STEP_SUBSCRIPTIONS, STEP_REVIEW, STEP_CONFIRMATION, N_STEPS };
static const struct {
	const char *name, *label, *title, *template_name;
} steps[N_STEPS] = {
	/* TRANSLATORS: the step indicator's labels and the pages' titles of Add new customer */
	[STEP_DETAILS] = { "details", N_("Customer details"), N_("New customer: details"), "customer_new_details.tpl" },
	[STEP_SUBSCRIPTIONS] = { "subscriptions", N_("Subscriptions"), N_("New customer: subscriptions"),
				 "customer_new_subscriptions.tpl" },
	[STEP_REVIEW] = { "review", N_("Review"), N_("New customer: review"), "customer_new_review.tpl" },
	[STEP_CONFIRMATION] = { "confirmation", N_("Confirmation"), N_("New customer: confirmation"),
				"customer_new_confirmation.tpl" },
};

/* ---------- the customer's details ---------- */

enum group { G_COMPANY, G_ADDRESS, G_CONTACT, N_GROUPS };
static const char *const group_titles[N_GROUPS] = { N_("Company"), N_("Address"), N_("Primary contact") };

enum detail {
	D_COMPANY = CUSTOMERS_D_COMPANY, D_PREFIX = CUSTOMERS_D_PREFIX, D_LINE1 = CUSTOMERS_D_LINE1,
	D_LINE2 = CUSTOMERS_D_LINE2, D_CITY = CUSTOMERS_D_CITY, D_REGION = CUSTOMERS_D_REGION,
	D_POSTAL = CUSTOMERS_D_POSTAL, D_COUNTRY = CUSTOMERS_D_COUNTRY, D_CONTACT_NAME = CUSTOMERS_D_CONTACT_NAME,
	D_CONTACT_EMAIL = CUSTOMERS_D_CONTACT_EMAIL, D_CONTACT_PHONE = CUSTOMERS_D_CONTACT_PHONE,
	N_DETAILS = CUSTOMERS_N_DETAILS
};
enum input { IN_TEXT, IN_PREFIX, IN_SELECT };

/* How each detail is asked for (its rule: customers_detail_rules). */
static const struct {
	const char *name;  /* the form field */
	enum group group;
	enum input input;
	const char *type, *autocomplete, *hint;
} details[N_DETAILS] = {
	[D_COMPANY] = { "company_name", G_COMPANY, IN_TEXT, "text", "organization", NULL },
	[D_PREFIX] = { "domain_prefix", G_COMPANY, IN_PREFIX, "text", "off",
		       N_("the new tenant: 3 to 27 lowercase letters and digits") },
	[D_LINE1] = { "address_line1", G_ADDRESS, IN_TEXT, "text", "address-line1", NULL },
	[D_LINE2] = { "address_line2", G_ADDRESS, IN_TEXT, "text", "address-line2", NULL },
	[D_CITY] = { "city", G_ADDRESS, IN_TEXT, "text", "address-level2", NULL },
	[D_REGION] = { "region", G_ADDRESS, IN_TEXT, "text", "address-level1", NULL },
	[D_POSTAL] = { "postal_code", G_ADDRESS, IN_TEXT, "text", "postal-code", NULL },
	[D_COUNTRY] = { "country", G_ADDRESS, IN_SELECT, NULL, "country", NULL },
	[D_CONTACT_NAME] = { "contact_name", G_CONTACT, IN_TEXT, "text", "name", NULL },
	[D_CONTACT_EMAIL] = { "contact_email", G_CONTACT, IN_TEXT, "email", "email", NULL },
	[D_CONTACT_PHONE] = { "contact_phone", G_CONTACT, IN_TEXT, "tel", "tel", NULL },
};

/* ---------- the form's state: what was posted (or linked), and what is wrong with it ---------- */

typedef struct {
	long long provider, reseller;
	const char *reseller_name;       /* "" until a reseller is chosen */
	const char *detail[N_DETAILS];
	db_rows offers;                  /* the active offers (offers_active), OFFERS_COL_* columns */
	const char **currency;           /* each offer's currency (ISO 4217), one per offer row */
	const char **licenses;           /* as typed, one per offer row */
	long long *count;                /* parsed; 0 = not ordered */
	const char *order_key;           /* NULL until the subscriptions step has been shown */
	bool withdrawn;                  /* licenses were posted for an offer no longer active */
	/* problems */
	const char *detail_error[N_DETAILS], *reseller_error, **licenses_error, *step_error;
} flow;

static const char *licenses_param(request *r, const flow *f, int row)
{
	return arena_printf(r->arena, "licenses_%s", db_get(&f->offers, row, OFFERS_COL_ID));
}

/* A license count as typed: 0 when empty (not ordered), -1 when it is not a whole number. */
static long long parse_count(const char *s)
{
	long long n = 0;
	size_t digits = strspn(s, "0123456789");
	if (s[digits] || digits > MAX_LICENSE_DIGITS)
		return -1;
	for (size_t i = 0; i < digits; i++)
		n = n * 10 + (s[i] - '0');
	return n;
}

/* True when the form orders licenses of an offer that is not among F's (active) offers: one withdrawn
 * since the subscriptions step was shown. */
static bool withdrawn_offer_posted(request *r, const flow *f)
{
	for (size_t i = 0; i < r->form.len; i++) {
		const char *name = r->form.items[i].name;
		if (strncmp(name, "licenses_", 9) || !parse_count(validate_trim(r->arena, r->form.items[i].value)))
			continue;
		bool active = false;
		for (int o = 0; o < f->offers.nrows && !active; o++)
			active = !strcmp(name + 9, db_get(&f->offers, o, OFFERS_COL_ID));
		if (!active)
			return true;
	}
	return false;
}

/* F from the request's form (empty on a GET); false when the offers cannot be read (answered). */
static bool flow_read(request *r, flow *f)
{
	memset(f, 0, sizeof *f);
	f->provider = r->user->org_id;
	f->reseller_name = "";
	for (int i = 0; i < N_DETAILS; i++)
		f->detail[i] = validate_trim(r->arena, http_form(r, details[i].name));
	f->detail[D_PREFIX] = validate_lower(r->arena, f->detail[D_PREFIX]);
	f->order_key = order_key_or_null(http_form(r, "order_key"));
	if (offers_active(r->arena, &f->offers) != DB_OK) {
		view_error(r, 503, _(UNAVAILABLE));
		return false;
	}
	size_t n = (size_t)f->offers.nrows + 1;
	f->licenses = arena_calloc(r->arena, n * sizeof *f->licenses);
	f->licenses_error = arena_calloc(r->arena, n * sizeof *f->licenses_error);
	f->count = arena_calloc(r->arena, n * sizeof *f->count);
	f->currency = arena_calloc(r->arena, n * sizeof *f->currency);
	if (customers_offer_currencies(r->arena, &f->offers, OFFERS_COL_ID, f->currency) != DB_OK) {
		view_error(r, 503, _(UNAVAILABLE));
		return false;
	}
	for (int i = 0; i < f->offers.nrows; i++)
		f->licenses[i] = validate_trim(r->arena, http_form(r, licenses_param(r, f, i)));
	f->withdrawn = withdrawn_offer_posted(r, f);
	return true;
}

/* The reseller named by RAW (posted or linked; "" = none chosen yet), which must be a live partner of the
 * provider (rights.c): the same 404 when it names no reseller or one that is not the provider's partner.
 * False when that answer has been given. */
static bool reseller_allowed(request *r, flow *f, const char *raw)
{
	if (!*raw)
		return true;
	f->reseller = http_id(raw);
	rights_partner live;
	rights_rc rc = rights_for_partner(r->arena, r->user, f->reseller, &live);
	if (rc == RIGHTS_FAILED)
		view_error(r, 503, _(UNAVAILABLE));
	else if (rc == RIGHTS_NONE)
		rights_not_found(r, RIGHTS_RESELLER);
	f->reseller_name = live.name ? live.name : "";
	return rc == RIGHTS_OK;
}

/* ---------- checking each step ---------- */

static const char *domain_of(request *r, const flow *f)
{
	return arena_printf(r->arena, "%s" TENANT_SUFFIX, f->detail[D_PREFIX]);
}


/* How many problems the details have (each noted in F); -1 on a database error. */
static int check_details(request *r, flow *f)
{
	int bad = 0;
	bool failed = false;
	for (int i = 0; i < N_DETAILS; i++) {
		f->detail_error[i] = customers_detail_problem(r->arena, (enum customers_detail)i, f->detail[i], &failed);
		bad += f->detail_error[i] != NULL;
	}
	if (!f->reseller) {
		f->reseller_error = _("Select the indirect reseller who will manage this customer.");
		bad++;
	}
	return failed ? -1 : bad;
}

/* How many problems the license counts have (each noted in F). */
/* True, with the step's message, when the offers chosen are priced in more than one currency: the order the
 * wizard places has one currency (orders.currency), as every order does. */
static bool mixed_currencies(request *r, flow *f)
{
	const char **chosen = arena_calloc(r->arena, ((size_t)f->offers.nrows + 1) * sizeof *chosen);
	int n = 0;
	for (int i = 0; i < f->offers.nrows; i++)
		if (f->count[i] > 0)
			chosen[n++] = f->currency[i];
	f->step_error = customers_currency_problem(r->arena, chosen, n);
	return f->step_error != NULL;
}

static int check_subscriptions(request *r, flow *f)
{
	int bad = 0, chosen = 0;
	for (int i = 0; i < f->offers.nrows; i++) {
		long long n = parse_count(f->licenses[i]);
		long long min = db_get_int(&f->offers, i, OFFERS_COL_MIN), max = db_get_int(&f->offers, i, OFFERS_COL_MAX);
		f->count[i] = n;
		f->licenses_error[i] = customers_licenses_problem(r->arena, n, min, max);
		bad += f->licenses_error[i] != NULL;
		chosen += n > 0;
	}
	if (f->withdrawn) {
		f->step_error = _("An offer you chose can no longer be ordered. Check the subscriptions and continue.");
		bad++;
	} else if (!bad && !chosen) {
		f->step_error = _("Choose at least one offer: enter the number of licenses next to it.");
		bad++;
	} else if (!bad && mixed_currencies(r, f)) {
		bad++;
	}
	return bad;
}

/* The first step before BEFORE whose input has a problem, or BEFORE when all are fine; -1 on a database error. */
static int first_bad_step(request *r, flow *f, enum step before)
{
	if (before > STEP_DETAILS) {
		int bad = check_details(r, f);
		if (bad)
			return bad < 0 ? -1 : STEP_DETAILS;
	}
	if (before > STEP_SUBSCRIPTIONS && check_subscriptions(r, f))
		return STEP_SUBSCRIPTIONS;
	return (int)before;
}

/* ---------- the pages ---------- */

static void add_steps(tpl_dict *d, enum step current)
{
	tpl_dict *s = tpl_add_include(d, "STEPS", "customer_new_steps.tpl");
	for (int i = 0; i < N_STEPS; i++) {
		tpl_dict *step = tpl_add_section(s, "STEP");
		tpl_set_int(step, "NUMBER", i + 1);
		tpl_set(step, "LABEL", _(steps[i].label));
		tpl_set(step, "STATE", i < (int)current ? "done" : i == (int)current ? "current" : "todo");
		tpl_set(step, "ARIA_CURRENT", i == (int)current ? "step" : "false");
	}
}

static void add_hidden(tpl_dict *state, const char *name, const char *value)
{
	tpl_dict *h = tpl_add_section(state, "HIDDEN");
	tpl_set(h, "NAME", name);
	tpl_set(h, "VALUE", value);
}

/* Hidden fields for everything the page SHOWN does not ask, so every step posts the whole state. */
static void add_state(request *r, tpl_dict *d, const flow *f, enum step shown)
{
	tpl_dict *state = tpl_add_include(d, "STATE", "customer_new_state.tpl");
	add_hidden(state, "step", steps[shown].name);
	if (f->order_key)
		add_hidden(state, "order_key", f->order_key);
	if (shown != STEP_DETAILS) {
		if (f->reseller)
			add_hidden(state, "reseller", arena_printf(r->arena, "%lld", f->reseller));
		for (int i = 0; i < N_DETAILS; i++)
			add_hidden(state, details[i].name, f->detail[i]);
	}
	for (int i = 0; shown != STEP_SUBSCRIPTIONS && i < f->offers.nrows; i++)
		if (*f->licenses[i])
			add_hidden(state, licenses_param(r, f, i), f->licenses[i]);
}

static void add_field(tpl_dict *group, const flow *f, int i)
{
	tpl_dict *field = tpl_add_section(group, "FIELD");
	tpl_set(field, "NAME", details[i].name);
	tpl_set(field, "LABEL", _(customers_detail_rules[i].label));
	tpl_set(field, "VALUE", f->detail[i]);
	tpl_set_int(field, "MAXLENGTH", (long long)customers_detail_rules[i].max_chars);
	tpl_show_section(field, customers_detail_rules[i].required ? "REQUIRED" : "OPTIONAL");
	if (details[i].hint)
		tpl_set(tpl_add_section(field, "HINT"), "TEXT", _(details[i].hint));
	if (f->detail_error[i])
		tpl_set(tpl_add_section(field, "FIELD_ERROR"), "MESSAGE", f->detail_error[i]);
	if (details[i].input == IN_SELECT) {
		validate_country_options(tpl_add_section(field, "SELECT"), "OPTION", f->detail[i]);
		return;
	}
	tpl_dict *input = tpl_add_section(field, "INPUT");
	tpl_set(input, "TYPE", details[i].type);
	tpl_set(input, "AUTOCOMPLETE", details[i].autocomplete);
	if (details[i].input == IN_PREFIX)
		tpl_set(tpl_add_section(input, "SUFFIX"), "TEXT", TENANT_SUFFIX);
}

static void add_reseller_option(tpl_dict *d, const char *id, const char *name, bool selected)
{
	tpl_dict *o = tpl_add_section(d, "RESELLER_OPTION");
	tpl_set(o, "ID", id);
	tpl_set(o, "NAME", name);
	if (selected)
		tpl_show_section(o, "SELECTED");
}

/* The provider's partner resellers to choose from (CUSTOMERS_RESELLER_OPTIONS_MAX of them, by name, when it has
 * more, and the chosen one), the chosen one selected; false on a database error. */
static bool add_reseller_options(request *r, tpl_dict *d, const flow *f)
{
	db_rows rows;
	if (customers_reseller_options(r->arena, f->provider, CUSTOMERS_RESELLER_OPTIONS_MAX, &rows) != DB_OK)
		return false;
	bool more = rows.nrows > CUSTOMERS_RESELLER_OPTIONS_MAX, chosen_listed = false;
	int shown = more ? CUSTOMERS_RESELLER_OPTIONS_MAX : rows.nrows;
	for (int i = 0; i < shown; i++) {
		bool chosen = db_get_int(&rows, i, CUSTOMERS_RESELLER_ID) == f->reseller;
		chosen_listed |= chosen;
		add_reseller_option(d, db_get(&rows, i, CUSTOMERS_RESELLER_ID), db_get(&rows, i, CUSTOMERS_RESELLER_NAME),
				    chosen);
	}
	if (f->reseller && !chosen_listed && *f->reseller_name)
		add_reseller_option(d, arena_printf(r->arena, "%lld", f->reseller), f->reseller_name, true);
	if (more)
		tpl_show_section(d, "MORE_RESELLERS");
	if (!rows.nrows)
		tpl_show_section(d, "NO_RESELLERS");
	if (f->reseller_error)
		tpl_set(tpl_add_section(d, "RESELLER_ERROR"), "MESSAGE", f->reseller_error);
	return true;
}

static bool fill_details(request *r, tpl_dict *d, const flow *f)
{
	tpl_dict *groups[N_GROUPS] = { 0 };
	for (int i = 0; i < N_DETAILS; i++) {
		enum group g = details[i].group;
		if (!groups[g])
			tpl_set(groups[g] = tpl_add_section(d, "GROUP"), "TITLE", _(group_titles[g]));
		add_field(groups[g], f, i);
	}
	return add_reseller_options(r, d, f);
}

static bool fill_subscriptions(request *r, tpl_dict *d, const flow *f)
{
	tpl_dict *category = NULL;
	const char *current = NULL;
	for (int i = 0; i < f->offers.nrows; i++) {
		const char *name = db_get(&f->offers, i, OFFERS_COL_CATEGORY);
		if (!current || strcmp(current, name)) {
			category = tpl_add_section(d, "CATEGORY");
			tpl_set(category, "NAME", *name ? name : _("Other offers"));
			current = name;
		}
		tpl_dict *o = tpl_add_section(category, "OFFER");
		tpl_set(o, "ID", db_get(&f->offers, i, OFFERS_COL_ID));
		tpl_set(o, "NAME", db_get(&f->offers, i, OFFERS_COL_NAME));
		tpl_set(o, "SKU", db_get(&f->offers, i, OFFERS_COL_SKU));
		tpl_set(o, "DESCRIPTION", db_get(&f->offers, i, OFFERS_COL_DESCRIPTION));
		tpl_set(o, "PRICE", i18n_money(r->arena, db_get_int(&f->offers, i, OFFERS_COL_PRICE), f->currency[i]));
		tpl_set(o, "MIN", i18n_count(r->arena, db_get_int(&f->offers, i, OFFERS_COL_MIN)));
		tpl_set(o, "MAX", i18n_count(r->arena, db_get_int(&f->offers, i, OFFERS_COL_MAX)));
		tpl_set(o, "LICENSES", f->licenses[i]);
		if (f->licenses_error[i])
			tpl_set(tpl_add_section(o, "ERROR"), "MESSAGE", f->licenses_error[i]);
	}
	if (!f->offers.nrows)
		tpl_show_section(d, "NO_OFFERS");
	return true;
}

/* An order's monthly total: one sum per currency its lines are priced in (an order may mix offers of
 * different currencies, which cannot be added up). */
#define TOTAL_CURRENCIES 8
typedef struct {
	int n;
	const char *currency[TOTAL_CURRENCIES];
	long long cents[TOTAL_CURRENCIES];
} order_total;

static void total_add(order_total *t, const char *currency, long long cents)
{
	int i = 0;
	while (i < t->n && strcmp(t->currency[i], currency))
		i++;
	if (i == t->n) {
		if (t->n == TOTAL_CURRENCIES)
			return;  /* more currencies than any catalog has: the rest go unsummed rather than mixed */
		t->currency[t->n] = currency;
		t->cents[t->n++] = 0;
	}
	t->cents[i] += cents;
}

/* "$1,234.50", or with several currencies "$12.00 + 1.234,50 €"; the first currency's zero when empty. */
static const char *total_text(arena *a, const order_total *t)
{
	if (!t->n)
		return i18n_money(a, 0, "USD");
	const char *text = i18n_money(a, t->cents[0], t->currency[0]);
	for (int i = 1; i < t->n; i++)
		text = arena_printf(a, "%s + %s", text, i18n_money(a, t->cents[i], t->currency[i]));
	return text;
}

/* One order line (licenses x price = monthly amount, in CURRENCY) into the lines table LINES, and its amount
 * into TOTAL. */
static void add_line(request *r, tpl_dict *lines, order_total *total, const char *name, const char *sku,
		     long long licenses, long long price, const char *currency)
{
	tpl_dict *l = tpl_add_section(lines, "LINE");
	tpl_set(l, "NAME", name);
	tpl_set(l, "SKU", sku);
	tpl_set(l, "LICENSES", i18n_count(r->arena, licenses));
	tpl_set(l, "PRICE", i18n_money(r->arena, price, currency));
	tpl_set(l, "AMOUNT", i18n_money(r->arena, licenses * price, currency));
	total_add(total, currency, licenses * price);
}

static void add_customer_facts(request *r, tpl_dict *d, const char *name, const char *domain, const char *reseller)
{
	tpl_set(d, "CUSTOMER_NAME", name);
	tpl_set(d, "DOMAIN", domain);
	tpl_set(d, "ADMIN_UPN", arena_printf(r->arena, CUSTOMERS_ADMIN_USER "@%s", domain));
	tpl_set(d, "RESELLER_NAME", reseller);
}

static bool fill_review(request *r, tpl_dict *d, const flow *f)
{
	add_customer_facts(r, d, f->detail[D_COMPANY], domain_of(r, f), f->reseller_name);
	for (int i = 0; i < N_DETAILS; i++) {
		if (i == D_PREFIX)
			continue;  /* shown as the tenant's domain */
		tpl_dict *fact = tpl_add_section(d, "FACT");
		const char *country = i == D_COUNTRY ? validate_country_name(f->detail[i]) : NULL;
		tpl_set(fact, "NAME", details[i].name);
		tpl_set(fact, "LABEL", _(customers_detail_rules[i].label));
		tpl_set(fact, "VALUE", country ? country : *f->detail[i] ? f->detail[i] : "—");
	}
	tpl_dict *lines = tpl_add_include(d, "LINES", "customer_new_lines.tpl");
	order_total total = { 0 };
	for (int i = 0; i < f->offers.nrows; i++)
		if (f->count[i] > 0)
			add_line(r, lines, &total, db_get(&f->offers, i, OFFERS_COL_NAME), db_get(&f->offers, i, OFFERS_COL_SKU),
				 f->count[i], db_get_int(&f->offers, i, OFFERS_COL_PRICE), f->currency[i]);
	tpl_set(lines, "TOTAL", total_text(r->arena, &total));
	return true;
}

/* Step S of the form with F's values and problems, answered with STATUS. */
static void step_page(request *r, flow *f, enum step s, int status)
{
	char key[ORDER_KEY_LEN + 1];
	static bool (*const fill[])(request *, tpl_dict *, const flow *) = {
		[STEP_DETAILS] = fill_details, [STEP_SUBSCRIPTIONS] = fill_subscriptions, [STEP_REVIEW] = fill_review,
	};
	if (s >= STEP_SUBSCRIPTIONS && !f->order_key) {  /* the form's one-time key, from here on */
		order_new_key(key);
		f->order_key = arena_strdup(r->arena, key);
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "RESELLER_NAME", f->reseller_name);
	if (f->step_error)
		tpl_set(tpl_add_section(d, "FORM_ERROR"), "MESSAGE", f->step_error);
	else if (status == 400)
		tpl_set(tpl_add_section(d, "FORM_ERROR"), "MESSAGE", _("Check the fields marked below. Nothing was created."));
	add_steps(d, s);
	add_state(r, d, f, s);
	if (!fill[s](r, d, f)) {
		view_error(r, 503, _(UNAVAILABLE));
		return;
	}
	r->status = status;
	view_page(r, steps[s].template_name, _(steps[s].title), d);
}

/* Step TO once every earlier step's input is fine; else the first step with a problem, with status 400. */
static void step_checked(request *r, flow *f, enum step to)
{
	int s = first_bad_step(r, f, to);
	if (s < 0)
		view_error(r, 503, _(UNAVAILABLE));
	else
		step_page(r, f, (enum step)s, s == (int)to ? 200 : 400);
}

/* ---------- the confirmation ---------- */

enum { S_CUSTOMER, S_NAME, S_DOMAIN, S_ADMIN, S_PLACED, S_RESELLER, S_RESELLER_NAME, S_NCOLS };
enum { L_OFFER, L_SKU, L_LICENSES, L_UNIT_PRICE, L_CURRENCY, L_NCOLS };

/* The confirmation of ORDER_ID, which must be a new customer's first order placed by the user's organization
 * (else 404); the temporary PASSWORD only when this very request created it. */
static void confirmation(request *r, long long order_id, const char *password)
{
	db_rows s, lines;
	int rc = db_query_cols(r->arena, &s, S_NCOLS,
			  "SELECT c.id, c.name, t.domain, (SELECT u.upn FROM users u WHERE u.tenant_id = t.id "
			  "  AND u.directory_role = 'global_admin' ORDER BY u.id LIMIT 1), "
			  "DATE_FORMAT(o.placed_at, '%Y-%m-%d %H:%i:%s'), COALESCE(ro.id, 0), COALESCE(ro.name, '') "
			  "FROM orders o JOIN organizations c ON c.id = o.customer_org_id AND c.kind = 'customer' "
			  "JOIN tenants t ON t.id = c.tenant_id "
			  "LEFT JOIN organizations ro ON ro.id = (SELECT sub.reseller_of_record_org_id FROM order_lines l "
			  "  JOIN subscriptions sub ON sub.id = l.subscription_id WHERE l.order_id = o.id ORDER BY l.id LIMIT 1) "
			  "WHERE o.id = ? AND o.placed_by_org = ? "
			  "AND NOT EXISTS (SELECT 1 FROM orders e WHERE e.customer_org_id = o.customer_org_id AND e.id < o.id)",
			  DB_ARGS(DB_INT(order_id), DB_INT(r->user->org_id)));
	if (rc == DB_OK && s.nrows == 1)
		rc = db_query_cols(r->arena, &lines, L_NCOLS, "SELECT f.name, f.sku, l.licenses_after, l.unit_price_cents, f.currency "
				  "FROM order_lines l JOIN offers f ON f.id = l.offer_id WHERE l.order_id = ? ORDER BY l.id",
				  DB_ARGS(DB_INT(order_id)));
	if (rc != DB_OK) {
		view_error(r, 503, _(UNAVAILABLE));
		return;
	}
	if (s.nrows != 1) {
		view_error(r, 404, _(NO_SUCH_ORDER));
		return;
	}
	tpl_dict *d = view_dict(r);
	add_steps(d, STEP_CONFIRMATION);
	add_customer_facts(r, d, db_get(&s, 0, S_NAME), db_get(&s, 0, S_DOMAIN), db_get(&s, 0, S_RESELLER_NAME));
	tpl_set(d, "ADMIN_UPN", db_get(&s, 0, S_ADMIN));
	tpl_set_int(d, "ORDER_ID", order_id);
	tpl_set(d, "PLACED_AT", i18n_datetime(r->arena, db_get(&s, 0, S_PLACED), false));
	tpl_set(d, "RESELLER_ID", db_get(&s, 0, S_RESELLER));
	if (password)
		tpl_set(tpl_add_section(d, "PASSWORD"), "VALUE", password);
	else
		tpl_show_section(d, "PASSWORD_GONE");
	tpl_dict *l = tpl_add_include(d, "LINES", "customer_new_lines.tpl");
	order_total total = { 0 };
	for (int i = 0; i < lines.nrows; i++)
		add_line(r, l, &total, db_get(&lines, i, L_OFFER), db_get(&lines, i, L_SKU),
			 db_get_int(&lines, i, L_LICENSES), db_get_int(&lines, i, L_UNIT_PRICE), db_get(&lines, i, L_CURRENCY));
	tpl_set(l, "TOTAL", total_text(r->arena, &total));
	r->status = 200;
	view_page(r, steps[STEP_CONFIRMATION].template_name, _(steps[STEP_CONFIRMATION].title), d);
}

/* ---------- submit: everything in one transaction ---------- */

/* The order's lines: the offers of F with licenses entered. */
static customers_new new_customer(request *r, const flow *f, const char *password)
{
	customers_line *lines = arena_calloc(r->arena, ((size_t)f->offers.nrows + 1) * sizeof *lines);
	int n = 0;
	for (int i = 0; i < f->offers.nrows; i++)
		if (f->count[i] > 0)
			lines[n++] = (customers_line){ db_get_int(&f->offers, i, OFFERS_COL_ID), f->count[i] };
	return (customers_new){
		.reseller = f->reseller, .name = f->detail[D_COMPANY], .prefix = f->detail[D_PREFIX],
		.line1 = f->detail[D_LINE1], .line2 = f->detail[D_LINE2], .city = f->detail[D_CITY],
		.region = f->detail[D_REGION], .postal_code = f->detail[D_POSTAL], .country = f->detail[D_COUNTRY],
		.contact_name = f->detail[D_CONTACT_NAME], .contact_email = f->detail[D_CONTACT_EMAIL],
		.contact_phone = f->detail[D_CONTACT_PHONE], .order_key = f->order_key, .lines = lines, .n_lines = n,
		.password = password };
}

/* After a refused or failed change O: the step that no longer passes (a domain or an offer taken meanwhile),
 * else O's page. */
static void explain_failure(request *r, const outcome *o)
{
	flow again;
	if (flow_read(r, &again) && reseller_allowed(r, &again, http_form(r, "reseller"))) {
		int s = first_bad_step(r, &again, N_STEPS);
		if (s >= 0 && s < STEP_REVIEW)
			step_page(r, &again, (enum step)s, 400);
		else
			view_refusal(r, o, _(UNAVAILABLE));
	}
}

/* The connection died during COMMIT: the customer found again gets its confirmation, with the password this
 * request made. */
static void after_unknown_outcome(request *r, const flow *f, const char *password)
{
	/* TRANSLATORS: fills "... while %s was being saved" and "whether %s was saved" */
	long long id = db_answer_unknown_order(r, f->order_key, _("the new customer"));
	if (id > 0)
		confirmation(r, id, password);
}

static void submit(request *r, flow *f)
{
	long long earlier = f->order_key ? order_placed_with_key(r->arena, f->order_key, r->user->id, false) : 0;
	if (earlier) {  /* a reload or a second click: the order exists, its password is gone */
		if (earlier < 0)
			view_error(r, 503, _(UNAVAILABLE));
		else
			confirmation(r, earlier, NULL);
		return;
	}
	int s = first_bad_step(r, f, N_STEPS);
	if (s != N_STEPS || !f->order_key) {
		if (s == N_STEPS)
			f->step_error = _("This form has expired. Check the order and select Submit again.");
		if (s < 0)
			view_error(r, 503, _(UNAVAILABLE));
		else
			step_page(r, f, s == N_STEPS ? STEP_REVIEW : (enum step)s, 400);
		return;
	}
	char password[AUTH_TEMP_PASSWORD_LEN + 1];
	auth_temporary_password(password);
	actor who = actor_of(r);
	customers_new n = new_customer(r, f, password);
	outcome o = customers_create(r->arena, &who, &n);
	if (outcome_is_ok(&o))
		confirmation(r, o.id, o.code == CUSTOMERS_ALREADY_PLACED ? NULL : password);
	else if (o.kind == OUTCOME_CONFLICT) {  /* another user's key */
		f->order_key = NULL;  /* a new one */
		f->step_error = o.message;
		step_page(r, f, STEP_REVIEW, 409);
	} else if (o.kind == OUTCOME_FAILED && o.db_rc == DB_UNKNOWN)
		after_unknown_outcome(r, f, password);
	else
		explain_failure(r, &o);
	sodium_memzero(password, sizeof password);
}

/* ---------- the handlers ---------- */

void customer_new_form(request *r)
{
	flow f;
	if (flow_read(r, &f) && reseller_allowed(r, &f, http_query(r, "reseller")))
		step_page(r, &f, STEP_DETAILS, 200);
}

static enum step posted_step(request *r)
{
	const char *name = http_form(r, "step");
	for (int s = STEP_SUBSCRIPTIONS; s <= STEP_REVIEW; s++)
		if (!strcmp(name, steps[s].name))
			return (enum step)s;
	return STEP_DETAILS;
}

void customer_new_step(request *r)
{
	flow f;
	if (!flow_read(r, &f) || !reseller_allowed(r, &f, http_form(r, "reseller")))
		return;
	const char *action = http_form(r, "action");
	enum step from = posted_step(r);
	if (!strcmp(action, "cancel"))
		http_redirect(r, "/resellers?new_customer=cancelled");
	else if (!strcmp(action, "back"))
		step_page(r, &f, from == STEP_DETAILS ? STEP_DETAILS : from - 1, 200);
	else if (!strcmp(action, "submit") && from == STEP_REVIEW)
		submit(r, &f);
	else
		step_checked(r, &f, from == STEP_REVIEW ? STEP_REVIEW : from + 1);
}

void customer_new_done(request *r)
{
	long long id = http_id(http_query(r, "order"));
	if (!id)
		view_error(r, 404, _(NO_SUCH_ORDER));
	else
		confirmation(r, id, NULL);
}
