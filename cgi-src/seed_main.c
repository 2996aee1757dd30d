/* seed_main.c: load the demo data (idempotent): directory tenants and users, the vendor, Fabrikam
 * Distribution, Contoso Reseller, Northwind Traders, membership accounts and organization
 * profiles for the enrollment wizard; prints the sign-ins */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "domain/orders.h"
#include "domain/relationships.h"

struct demo_tenant { const char *domain, *name, *country; };
struct demo_user { const char *domain, *upn, *name, *password, *role; };
struct demo_org { const char *domain, *kind, *name, *mpn_id; };
struct demo_partner_user { const char *upn, *kind; int admin, sales, helpdesk; };
struct demo_membership { const char *user_name, *name, *password; };
struct demo_profile { const char *user_name, *mpn_id, *legal_name, *country, *city; int active; };

static const struct demo_tenant tenants[] = {
	{ "channelcenter.onmicrosoft.com", "Channel Center Vendor", "US" },
	{ "fabrikam.onmicrosoft.com", "Fabrikam Distribution", "US" },
	{ "contoso.onmicrosoft.com", "Contoso Reseller", "US" },
	{ "northwindtraders.onmicrosoft.com", "Northwind Traders", "US" },
	{ "adatum.onmicrosoft.com", "Adatum Corporation", "US" },  /* not enrolled yet: enroll it */
	{ "cohodistribution.onmicrosoft.com", "Coho Distribution", "CA" },
	{ "tailspindist.onmicrosoft.com", "Tailspin Distribution", "GB" },
	{ "wingtipcloud.onmicrosoft.com", "Wingtip Cloud Distribution", "DE" },
	{ "proseware.onmicrosoft.com", "Proseware Distribution", "FR" },
	{ "litwaresupply.onmicrosoft.com", "Litware Cloud Supply", "NL" },
	{ "woodgrovedist.onmicrosoft.com", "Woodgrove Distribution", "AU" },
	{ "lucernecloud.onmicrosoft.com", "Lucerne Cloud Partners", "CH" },
	{ "treyresearch.onmicrosoft.com", "Trey Research Distribution", "JP" },
	{ "margiecloud.onmicrosoft.com", "Margie's Cloud Distribution", "ES" },
	{ "relecloud.onmicrosoft.com", "Relecloud Nordic Distribution", "SE" },
	{ "vanarsdel.onmicrosoft.com", "VanArsdel Distribution", "IN" },
	{ "humongousdist.onmicrosoft.com", "Humongous Distribution", "BR" },
	{ "wideworld.onmicrosoft.com", "Wide World Resellers", "US" },
	{ "alpineskihouse.onmicrosoft.com", "Alpine Ski House", "US" },
	{ "fourthcoffee.onmicrosoft.com", "Fourth Coffee", "US" },  /* a directory tenant, not a customer yet */
};

/* The first four are the demo sign-ins that make run prints. */
static const struct demo_user users[] = {
	{ "channelcenter.onmicrosoft.com", "admin@channelcenter.onmicrosoft.com", "Alex Morgan", "Vendor-demo-2026", "global_admin" },
	{ "fabrikam.onmicrosoft.com", "dana@fabrikam.onmicrosoft.com", "Dana Whitfield", "Fabrikam-demo-2026", "global_admin" },
	{ "contoso.onmicrosoft.com", "sam@contoso.onmicrosoft.com", "Sam Ortega", "Contoso-demo-2026", "global_admin" },
	{ "northwindtraders.onmicrosoft.com", "nora@northwindtraders.onmicrosoft.com", "Nora Lindqvist", "Northwind-demo-2026", "global_admin" },
	{ "adatum.onmicrosoft.com", "alice@adatum.onmicrosoft.com", "Alice Park", "Adatum-demo-2026", "global_admin" },
	{ "adatum.onmicrosoft.com", "bob@adatum.onmicrosoft.com", "Bob Reyes", "Adatum-user-2026", "user" },
	{ "contoso.onmicrosoft.com", "lee@contoso.onmicrosoft.com", "Lee Chen", "Contoso-user-2026", "user" },
	{ "fabrikam.onmicrosoft.com", "omar@fabrikam.onmicrosoft.com", "Omar Haddad", "Fabrikam-user-2026", "user" },
	{ "wideworld.onmicrosoft.com", "kim@wideworld.onmicrosoft.com", "Kim Abercrombie", "WideWorld-demo-2026", "global_admin" },
	{ "alpineskihouse.onmicrosoft.com", "admin@alpineskihouse.onmicrosoft.com", "Ana Alpine", "Alpine-demo-2026", "global_admin" },
	{ "fourthcoffee.onmicrosoft.com", "olivia@fourthcoffee.onmicrosoft.com", "Olivia Wagner", "FourthCoffee-demo-2026", "global_admin" },
	{ "fourthcoffee.onmicrosoft.com", "pat@fourthcoffee.onmicrosoft.com", "Pat Kim", "FourthCoffee-user-2026", "user" },
};
#define SIGN_INS_PRINTED 4

static const struct demo_org orgs[] = {
	{ "channelcenter.onmicrosoft.com", "vendor", "Channel Center (vendor)", NULL },
	{ "fabrikam.onmicrosoft.com", "provider", "Fabrikam Distribution", NULL },
	{ "contoso.onmicrosoft.com", "reseller", "Contoso Reseller", "4200001" },
	{ "northwindtraders.onmicrosoft.com", "customer", "Northwind Traders", NULL },
	{ "cohodistribution.onmicrosoft.com", "provider", "Coho Distribution", NULL },
	{ "tailspindist.onmicrosoft.com", "provider", "Tailspin Distribution", NULL },
	{ "wingtipcloud.onmicrosoft.com", "provider", "Wingtip Cloud Distribution", NULL },
	{ "proseware.onmicrosoft.com", "provider", "Proseware Distribution", NULL },
	{ "litwaresupply.onmicrosoft.com", "provider", "Litware Cloud Supply", NULL },
	{ "woodgrovedist.onmicrosoft.com", "provider", "Woodgrove Distribution", NULL },
	{ "lucernecloud.onmicrosoft.com", "provider", "Lucerne Cloud Partners", NULL },
	{ "treyresearch.onmicrosoft.com", "provider", "Trey Research Distribution", NULL },
	{ "margiecloud.onmicrosoft.com", "provider", "Margie's Cloud Distribution", NULL },
	{ "relecloud.onmicrosoft.com", "provider", "Relecloud Nordic Distribution", NULL },
	{ "vanarsdel.onmicrosoft.com", "provider", "VanArsdel Distribution", NULL },
	{ "humongousdist.onmicrosoft.com", "provider", "Humongous Distribution", NULL },
	{ "wideworld.onmicrosoft.com", "reseller", "Wide World Resellers", "4300001" },
	{ "alpineskihouse.onmicrosoft.com", "customer", "Alpine Ski House", NULL },
};

/* The official provider list. */
struct demo_listing { const char *domain, *headline, *services, *email, *phone, *website, *countries; };
static const struct demo_listing listings[] = {
	{ "fabrikam.onmicrosoft.com", "Cloud distribution for North America since 2009",
	  "Billing and credit terms\nTier-1 and tier-2 technical support\nMarketing programs for resellers\nOnboarding and training",
	  "partners@fabrikam.example", "+1 425 555 0100", "https://fabrikam.example/partners", "US,CA,MX" },
	{ "cohodistribution.onmicrosoft.com", "Canadian and US reseller programs with bilingual support",
	  "Bilingual (English/French) support\nFinancing and credit terms\nPre-sales engineering",
	  "resellers@coho.example", "+1 604 555 0140", "https://coho.example", "CA,US" },
	{ "tailspindist.onmicrosoft.com", "The UK and Ireland's channel for cloud productivity",
	  "Customer support around the clock\nBilling in GBP and EUR\nReseller marketing kits",
	  "channel@tailspin.example", "+44 20 7946 0100", "https://tailspin.example", "GB,IE" },
	{ "wingtipcloud.onmicrosoft.com", "Cloud distribution for the DACH region",
	  "German-language support\nCredit terms for resellers\nAzure migration services",
	  "partner@wingtip.example", "+49 89 5550 0100", "https://wingtip.example", "DE,AT,CH" },
	{ "proseware.onmicrosoft.com", "Francophone cloud distribution",
	  "French-language support\nTraining for reseller staff\nMarketing development funds",
	  "revendeurs@proseware.example", "+33 1 55 55 01 00", "https://proseware.example", "FR,BE,LU" },
	{ "litwaresupply.onmicrosoft.com", "Benelux distributor for productivity and security suites",
	  "Dutch-language support\nSecurity assessments\nBilling and collections",
	  "partners@litware.example", "+31 20 555 0100", "https://litware.example", "NL,BE" },
	{ "woodgrovedist.onmicrosoft.com", "Australia and New Zealand cloud distribution",
	  "Local support in AEST and NZST\nCredit terms\nReseller enablement",
	  "anz@woodgrove.example", "+61 2 5550 0100", "https://woodgrove.example", "AU,NZ" },
	{ "lucernecloud.onmicrosoft.com", "Swiss cloud distribution with data residency expertise",
	  "German, French and Italian support\nCompliance consulting",
	  "partner@lucerne.example", "+41 41 555 01 00", "https://lucerne.example", "CH,DE" },
	{ "treyresearch.onmicrosoft.com", "Cloud distribution for Japan",
	  "Japanese-language support\nBilling in JPY\nTechnical pre-sales",
	  "partners@trey.example", "+81 3 5550 0100", "https://trey.example", "JP" },
	{ "margiecloud.onmicrosoft.com", "Iberian cloud distribution",
	  "Spanish and Portuguese support\nFinancing\nReseller training",
	  "canal@margie.example", "+34 91 555 0100", "https://margie.example", "ES,PT" },
	{ "relecloud.onmicrosoft.com", "Nordic cloud distribution",
	  "Support in the Nordic languages\nCredit terms\nMarketing programs",
	  "partners@relecloud.example", "+46 8 555 0100", "https://relecloud.example", "SE,NO,DK,FI" },
	{ "vanarsdel.onmicrosoft.com", "Cloud distribution across India",
	  "Support in English and Hindi\nBilling in INR\nOnboarding for new resellers",
	  "partners@vanarsdel.example", "+91 80 5550 0100", "https://vanarsdel.example", "IN" },
	{ "humongousdist.onmicrosoft.com", "Cloud distribution for Brazil",
	  "Portuguese-language support\nLocal billing\nReseller enablement",
	  "parceiros@humongous.example", "+55 11 5550 0100", "https://humongous.example", "BR" },
};

/* Live partnerships (provider, reseller); Fabrikam and Contoso are left to link up themselves. */
struct demo_partnership { const char *provider_domain, *reseller_domain; };
static const struct demo_partnership partnerships[] = {
	{ "cohodistribution.onmicrosoft.com", "contoso.onmicrosoft.com" },
	{ "fabrikam.onmicrosoft.com", "wideworld.onmicrosoft.com" },
};

/* The offer catalog. */
struct demo_offer { const char *sku, *name, *category, *description; int price_cents, min, max, active; };
static const struct demo_offer offers[] = {
	{ "CP-BASIC", "Cloud Productivity Basic", "Productivity suites", "Web and mobile office apps, 1 TB storage, chat and meetings", 600, 1, 300, 1 },
	{ "CP-STD", "Cloud Productivity Standard", "Productivity suites", "Desktop office apps, business email, storage, meetings", 1250, 1, 300, 1 },
	{ "CP-PREM", "Cloud Productivity Premium", "Productivity suites", "Standard plus device management and advanced security", 2200, 1, 300, 1 },
	{ "CP-APPS", "Productivity Apps for Business", "Productivity suites", "Desktop office apps and storage, no email", 825, 1, 300, 1 },
	{ "EP-E3", "Enterprise Productivity E3", "Productivity suites", "Enterprise apps, email, compliance tools", 3600, 1, 10000, 1 },
	{ "EP-E5", "Enterprise Productivity E5", "Productivity suites", "E3 plus analytics, voice and advanced threat protection", 5700, 1, 10000, 1 },
	{ "EM-P1", "Business Email Plan 1", "Email plans", "50 GB mailbox, calendar, web access", 400, 1, 10000, 1 },
	{ "EM-P2", "Business Email Plan 2", "Email plans", "100 GB mailbox, unlimited archive, data loss prevention", 800, 1, 10000, 1 },
	{ "EM-ARCH", "Email Archiving Add-on", "Email plans", "Unlimited archiving and legal hold for existing mailboxes", 300, 1, 10000, 1 },
	{ "CC-100", "Cloud Compute Credits 100", "Cloud compute credits", "USD 100 of monthly compute, storage and network usage", 10000, 1, 100, 1 },
	{ "CC-500", "Cloud Compute Credits 500", "Cloud compute credits", "USD 500 of monthly compute, storage and network usage", 50000, 1, 50, 1 },
	{ "CC-1000", "Cloud Compute Credits 1000", "Cloud compute credits", "USD 1,000 of monthly compute, storage and network usage", 100000, 1, 20, 1 },
	{ "EM-LEGACY", "Legacy Email Plan", "Email plans", "No longer sold; existing subscriptions continue", 350, 1, 300, 0 },
};

/* Live customer relationships (customer, partner of record). */
struct demo_relationship { const char *customer_domain, *partner_domain, *partner_kind; };
static const struct demo_relationship relationships[] = {
	{ "alpineskihouse.onmicrosoft.com", "wideworld.onmicrosoft.com", "reseller" },
	{ "alpineskihouse.onmicrosoft.com", "fabrikam.onmicrosoft.com", "provider" },
};

static const struct demo_partner_user partner_users[] = {
	{ "dana@fabrikam.onmicrosoft.com", "provider", 1, 0, 0 },
	{ "sam@contoso.onmicrosoft.com", "reseller", 1, 0, 0 },
	{ "kim@wideworld.onmicrosoft.com", "reseller", 1, 1, 0 },
};

static const struct demo_membership memberships[] = {
	{ "partner@adatum.com", "Adatum partner admin", "Membership-demo-2026" },
	{ "partner@contoso.com", "Contoso partner admin", "Membership-demo-2026" },
};

static const struct demo_profile profiles[] = {
	{ "partner@adatum.com", "4100001", "Adatum Corporation", "US", "Seattle", 1 },
	{ "partner@adatum.com", "4100002", "Adatum GmbH", "DE", "Munich", 1 },
	{ "partner@adatum.com", "4100003", "Adatum Legacy Services LLC", "US", "Portland", 0 },
	{ "partner@contoso.com", "4200001", "Contoso Ltd", "US", "Redmond", 1 },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Alpine Ski House's first order, placed by Fabrikam for Wide World: two subscriptions. */
static int seed_alpine_order(arena *a)
{
	enum { CUSTOMER, PROVIDER, RESELLER, DANA, NCOLS };
	db_rows r;
	int rc = db_query_cols(a, &r, NCOLS,
		"SELECT c.id, p.id, w.id, u.id FROM organizations c JOIN tenants ct ON ct.id = c.tenant_id "
		"JOIN organizations p ON p.kind = 'provider' JOIN tenants pt ON pt.id = p.tenant_id "
		"JOIN organizations w ON w.kind = 'reseller' JOIN tenants wt ON wt.id = w.tenant_id "
		"JOIN users u ON u.upn = 'dana@fabrikam.onmicrosoft.com' "
		"WHERE ct.domain = 'alpineskihouse.onmicrosoft.com' AND c.kind = 'customer' "
		"AND pt.domain = 'fabrikam.onmicrosoft.com' AND wt.domain = 'wideworld.onmicrosoft.com'", DB_NOARGS);
	if (rc || r.nrows != 1)
		return rc ? rc : DB_ERROR;
	long long customer = db_get_int(&r, 0, CUSTOMER), provider = db_get_int(&r, 0, PROVIDER);
	long long reseller = db_get_int(&r, 0, RESELLER), dana = db_get_int(&r, 0, DANA), order_id, sub;
	static const char key[] = "0000000000000000000000000000000000000000000000000000000000000001";
	rc = order_begin(key, customer, dana, provider, &order_id);
	if (rc == DB_DUPLICATE)
		return DB_OK;  /* seeded before */
	static const struct { const char *sku; long long licenses; } lines[] = { { "CP-STD", 25 }, { "EM-ARCH", 25 } };
	for (size_t i = 0; i < N(lines) && rc == DB_OK; i++) {
		if ((rc = db_query(a, &r, "SELECT id FROM offers WHERE sku = ?", DB_ARGS(DB_STR(lines[i].sku)))) || r.nrows != 1)
			return rc ? rc : DB_ERROR;
		rc = order_add_subscription(a, order_id, customer, db_get_int(&r, 0, 0), lines[i].licenses, provider,
					    reseller, &sub);
		if (rc == DB_OK)  /* the customer's admin holds a license of each */
			rc = db_exec("INSERT INTO license_assignments (subscription_id, user_id, assigned_at, assigned_by) "
				     "SELECT ?, id, UTC_TIMESTAMP(), ? FROM users WHERE upn = 'admin@alpineskihouse.onmicrosoft.com'",
				     DB_ARGS(DB_INT(sub), DB_INT(dana)), NULL, NULL);
	}
	return rc ? rc : order_finish(order_id, customer);
}

/* A relationship started 30 days ago, unless one was seeded before (perhaps ended since: left as it is). */
static int seed_relationship(arena *a, const struct demo_relationship *rel)
{
	enum { CUSTOMER, PARTNER, SEEDED, NCOLS };
	db_rows r;
	int rc = db_query_cols(a, &r, NCOLS, "SELECT c.id, p.id, EXISTS (SELECT 1 FROM customer_relationships x "
			       "WHERE x.customer_org_id = c.id AND x.partner_org_id = p.id) "
			       "FROM organizations c JOIN tenants ct ON ct.id = c.tenant_id, "
			       "organizations p JOIN tenants pt ON pt.id = p.tenant_id "
			       "WHERE ct.domain = ? AND c.kind = 'customer' AND pt.domain = ? AND p.kind = ?",
			       DB_ARGS(DB_STR(rel->customer_domain), DB_STR(rel->partner_domain), DB_STR(rel->partner_kind)));
	if (rc != DB_OK || r.nrows != 1 || db_get_int(&r, 0, SEEDED))
		return rc;
	return relationship_start(db_get_int(&r, 0, CUSTOMER), db_get_int(&r, 0, PARTNER), 0, 30);
}

static int seed_all(void *ctx)
{
	arena *a = ctx;
	int rc;
	char hash[128];
	for (size_t i = 0; i < N(tenants); i++)
		if ((rc = db_exec("INSERT INTO tenants (domain, display_name, country) VALUES (?, ?, ?) "
				  "ON DUPLICATE KEY UPDATE display_name = VALUES(display_name)",
				  DB_ARGS(DB_STR(tenants[i].domain), DB_STR(tenants[i].name), DB_STR(tenants[i].country)),
				  NULL, NULL)))
			return rc;
	for (size_t i = 0; i < N(users); i++) {
		if (auth_hash_password(users[i].password, hash) != 0)
			return DB_ERROR;
		/* demo sign-ins always work: a re-run restores the password and clears any lock */
		if ((rc = db_exec("INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) "
				  "SELECT id, ?, ?, ?, ? FROM tenants WHERE domain = ? ON DUPLICATE KEY UPDATE "
				  "password_hash = VALUES(password_hash), failed_logins = 0, locked_until = NULL, "
				  "must_change_password = 0, temporary_password_expires_at = NULL",
				  DB_ARGS(DB_STR(users[i].upn), DB_STR(users[i].name), DB_STR(hash), DB_STR(users[i].role),
					  DB_STR(users[i].domain)), NULL, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(orgs); i++)
		if ((rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country, mpn_id) "
				  "SELECT ?, ?, id, country, ? FROM tenants WHERE domain = ? "
				  "ON DUPLICATE KEY UPDATE name = VALUES(name), mpn_id = VALUES(mpn_id)",
				  DB_ARGS(DB_STR(orgs[i].kind), DB_STR(orgs[i].name),
					  orgs[i].mpn_id ? DB_STR(orgs[i].mpn_id) : DB_NULL, DB_STR(orgs[i].domain)),
				  NULL, NULL)))
			return rc;
	for (size_t i = 0; i < N(partner_users); i++)
		if ((rc = db_exec("INSERT IGNORE INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at) "
				  "SELECT o.id, u.id, ?, ?, ? , UTC_TIMESTAMP() FROM users u "
				  "JOIN organizations o ON o.tenant_id = u.tenant_id AND o.kind = ? WHERE u.upn = ?",
				  DB_ARGS(DB_INT(partner_users[i].admin), DB_INT(partner_users[i].sales),
					  DB_INT(partner_users[i].helpdesk), DB_STR(partner_users[i].kind),
					  DB_STR(partner_users[i].upn)), NULL, NULL)))
			return rc;
	for (size_t i = 0; i < N(memberships); i++) {
		if (auth_hash_password(memberships[i].password, hash) != 0)
			return DB_ERROR;
		if ((rc = db_exec("INSERT INTO membership_accounts (user_name, display_name, password_hash) VALUES (?, ?, ?) "
				  "ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash)",
				  DB_ARGS(DB_STR(memberships[i].user_name), DB_STR(memberships[i].name), DB_STR(hash)),
				  NULL, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(profiles); i++)
		if ((rc = db_exec("INSERT INTO org_profiles (account_id, mpn_id, legal_name, country, city, active) "
				  "SELECT id, ?, ?, ?, ?, ? FROM membership_accounts WHERE user_name = ? "
				  "ON DUPLICATE KEY UPDATE legal_name = VALUES(legal_name), active = VALUES(active)",
				  DB_ARGS(DB_STR(profiles[i].mpn_id), DB_STR(profiles[i].legal_name),
					  DB_STR(profiles[i].country), DB_STR(profiles[i].city), DB_INT(profiles[i].active),
					  DB_STR(profiles[i].user_name)), NULL, NULL)))
			return rc;
	for (size_t i = 0; i < N(listings); i++) {
		const struct demo_listing *l = &listings[i];
		if ((rc = db_exec("INSERT INTO provider_listings (org_id, headline, services, contact_email, contact_phone, "
				  "website, listed, updated_at) SELECT o.id, ?, ?, ?, ?, ?, 1, UTC_TIMESTAMP() FROM organizations o "
				  "JOIN tenants t ON t.id = o.tenant_id WHERE t.domain = ? AND o.kind = 'provider' "
				  "ON DUPLICATE KEY UPDATE headline = VALUES(headline)",
				  DB_ARGS(DB_STR(l->headline), DB_STR(l->services), DB_STR(l->email), DB_STR(l->phone),
					  DB_STR(l->website), DB_STR(l->domain)), NULL, NULL)))
			return rc;
		for (const char *c = l->countries; *c; c += c[2] ? 3 : 2) {
			char code[3] = { c[0], c[1], '\0' };
			if ((rc = db_exec("INSERT IGNORE INTO provider_countries (org_id, country) SELECT o.id, ? "
					  "FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
					  "WHERE t.domain = ? AND o.kind = 'provider'",
					  DB_ARGS(DB_STR(code), DB_STR(l->domain)), NULL, NULL)))
				return rc;
		}
	}
	for (size_t i = 0; i < N(partnerships); i++) {
		db_rows r;
		if ((rc = db_query(a, &r, "SELECT COUNT(*) FROM partnerships p "
				   "JOIN organizations po ON po.id = p.provider_org_id JOIN tenants pt ON pt.id = po.tenant_id "
				   "JOIN organizations ro ON ro.id = p.reseller_org_id JOIN tenants rt ON rt.id = ro.tenant_id "
				   "WHERE pt.domain = ? AND rt.domain = ?",
				   DB_ARGS(DB_STR(partnerships[i].provider_domain), DB_STR(partnerships[i].reseller_domain)))))
			return rc;
		if (db_get_int(&r, 0, 0) > 0)
			continue;  /* seeded before (and perhaps ended since): leave it as it is */
		if ((rc = db_exec("INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) "
				  "SELECT po.id, ro.id, UTC_TIMESTAMP() - INTERVAL 90 DAY "
				  "FROM organizations po JOIN tenants pt ON pt.id = po.tenant_id, "
				  "organizations ro JOIN tenants rt ON rt.id = ro.tenant_id "
				  "WHERE pt.domain = ? AND po.kind = 'provider' AND rt.domain = ? AND ro.kind = 'reseller'",
				  DB_ARGS(DB_STR(partnerships[i].provider_domain), DB_STR(partnerships[i].reseller_domain)),
				  NULL, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(offers); i++) {
		const struct demo_offer *o = &offers[i];
		if ((rc = db_exec("INSERT INTO offers (sku, name, category, description, monthly_price_cents, min_licenses, "
				  "max_licenses, active, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP()) "
				  "ON DUPLICATE KEY UPDATE name = VALUES(name)",
				  DB_ARGS(DB_STR(o->sku), DB_STR(o->name), DB_STR(o->category), DB_STR(o->description),
					  DB_INT(o->price_cents), DB_INT(o->min), DB_INT(o->max), DB_INT(o->active)),
				  NULL, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(relationships); i++)
		if ((rc = seed_relationship(a, &relationships[i])))
			return rc;
	static const struct { const char *domain, *line1, *city, *region, *postal, *contact, *email, *phone; } profiles_c[] = {
		{ "alpineskihouse.onmicrosoft.com", "1 Summit Road", "Aspen", "CO", "81611", "Ana Alpine",
		  "admin@alpineskihouse.onmicrosoft.com", "+1 970 555 0100" },
		{ "northwindtraders.onmicrosoft.com", "25 Harbor Way", "Boston", "MA", "02110", "Nora Lindqvist",
		  "nora@northwindtraders.onmicrosoft.com", "+1 617 555 0100" },
	};
	for (size_t i = 0; i < N(profiles_c); i++)
		if ((rc = db_exec("INSERT IGNORE INTO customer_profiles (org_id, address_line1, city, region, postal_code, "
				  "contact_name, contact_email, contact_phone, created_at) SELECT o.id, ?, ?, ?, ?, ?, ?, ?, "
				  "UTC_TIMESTAMP() FROM organizations o JOIN tenants t ON t.id = o.tenant_id "
				  "WHERE t.domain = ? AND o.kind = 'customer'",
				  DB_ARGS(DB_STR(profiles_c[i].line1), DB_STR(profiles_c[i].city), DB_STR(profiles_c[i].region),
					  DB_STR(profiles_c[i].postal), DB_STR(profiles_c[i].contact), DB_STR(profiles_c[i].email),
					  DB_STR(profiles_c[i].phone), DB_STR(profiles_c[i].domain)), NULL, NULL)))
			return rc;
	if ((rc = seed_alpine_order(a)))
		return rc;
	if ((rc = db_exec("DELETE FROM signin_name_failures", DB_NOARGS, NULL, NULL)))
		return rc;
	return db_exec("DELETE FROM signin_failures", DB_NOARGS, NULL, NULL);
}

int main(void)
{
	config cfg;
	if (config_load(&cfg, NULL) != 0 || db_open(&cfg) != 0) {
		fprintf(stderr, "seed: cannot connect to the database: %s\n", db_last_error());
		return 1;
	}
	arena *a = arena_new(4096);
	int rc = db_transaction_unaudited(seed_all, a);
	arena_free(a);
	if (rc != DB_OK) {
		fprintf(stderr, "seed: %s\n", db_last_error());
		return 1;
	}
	printf("Demo sign-ins (user name / password):\n");
	for (size_t i = 0; i < SIGN_INS_PRINTED; i++)
		printf("  %-24s %-40s %s\n", orgs[i].name, users[i].upn, users[i].password);
	printf("To try the reseller enrollment wizard (%s/enroll): directory admin\n"
	       "  alice@adatum.onmicrosoft.com / Adatum-demo-2026, membership center partner@adatum.com / Membership-demo-2026\n",
	       cfg.base_url);
	db_close();
	return 0;
}
