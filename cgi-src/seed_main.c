/* seed_main.c: load the demo data (idempotent): directory tenants and users, the vendor, Fabrikam
 * Distribution, Contoso Reseller, Northwind Traders, membership accounts and organization
 * profiles for the enrollment wizard; prints the sign-ins */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"

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
};
#define SIGN_INS_PRINTED 4

static const struct demo_org orgs[] = {
	{ "channelcenter.onmicrosoft.com", "vendor", "Channel Center (vendor)", NULL },
	{ "fabrikam.onmicrosoft.com", "provider", "Fabrikam Distribution", NULL },
	{ "contoso.onmicrosoft.com", "reseller", "Contoso Reseller", "4200001" },
	{ "northwindtraders.onmicrosoft.com", "customer", "Northwind Traders", NULL },
};

static const struct demo_partner_user partner_users[] = {
	{ "dana@fabrikam.onmicrosoft.com", "provider", 1, 0, 0 },
	{ "sam@contoso.onmicrosoft.com", "reseller", 1, 0, 0 },
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
				  "must_change_password = 0",
				  DB_ARGS(DB_STR(users[i].upn), DB_STR(users[i].name), DB_STR(hash), DB_STR(users[i].role),
					  DB_STR(users[i].domain)), NULL, NULL)))
			return rc;
	}
	for (size_t i = 0; i < N(orgs); i++)
		if ((rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country, mpn_id) "
				  "SELECT ?, ?, id, country, ? FROM tenants WHERE domain = ? "
				  "ON DUPLICATE KEY UPDATE name = VALUES(name)",
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
	(void)a;
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
	int rc = db_transaction(seed_all, a);
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
