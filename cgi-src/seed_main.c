/* seed_main.c: load the demo data (idempotent): the vendor, Fabrikam Distribution, Contoso Reseller,
 * Northwind Traders, each with a user who can sign in; prints the sign-ins */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"

struct demo_org {
	const char *domain, *tenant_name, *country, *kind, *org_name;
	const char *upn, *user_name, *password;
};

static const struct demo_org demo[] = {
	{ "channelcenter.onmicrosoft.com", "Channel Center Vendor", "US", "vendor", "Channel Center (vendor)",
	  "admin@channelcenter.onmicrosoft.com", "Alex Morgan", "Vendor-demo-2026" },
	{ "fabrikam.onmicrosoft.com", "Fabrikam Distribution", "US", "provider", "Fabrikam Distribution",
	  "dana@fabrikam.onmicrosoft.com", "Dana Whitfield", "Fabrikam-demo-2026" },
	{ "contoso.onmicrosoft.com", "Contoso Reseller", "US", "reseller", "Contoso Reseller",
	  "sam@contoso.onmicrosoft.com", "Sam Ortega", "Contoso-demo-2026" },
	{ "northwindtraders.onmicrosoft.com", "Northwind Traders", "US", "customer", "Northwind Traders",
	  "nora@northwindtraders.onmicrosoft.com", "Nora Lindqvist", "Northwind-demo-2026" },
};

static int seed_one(void *ctx)
{
	const struct demo_org *o = ctx;
	arena *a = arena_new(4096);
	int rc = DB_ERROR;
	db_rows r;
	char hash[128];
	if (auth_hash_password(o->password, hash) != 0)
		goto out;
	if ((rc = db_exec("INSERT INTO tenants (domain, display_name, country) VALUES (?, ?, ?) "
			  "ON DUPLICATE KEY UPDATE display_name = VALUES(display_name)",
			  DB_ARGS(DB_STR(o->domain), DB_STR(o->tenant_name), DB_STR(o->country)), NULL, NULL)))
		goto out;
	if ((rc = db_query(a, &r, "SELECT id FROM tenants WHERE domain = ?", DB_ARGS(DB_STR(o->domain)))))
		goto out;
	long long tenant = db_get_int(&r, 0, 0);
	if ((rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country) VALUES (?, ?, ?, ?) "
			  "ON DUPLICATE KEY UPDATE name = VALUES(name)",
			  DB_ARGS(DB_STR(o->kind), DB_STR(o->org_name), DB_INT(tenant), DB_STR(o->country)),
			  NULL, NULL)))
		goto out;
	/* demo sign-ins always work: a re-run restores the password and clears any lock */
	rc = db_exec("INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) "
		     "VALUES (?, ?, ?, ?, 'global_admin') ON DUPLICATE KEY UPDATE "
		     "password_hash = VALUES(password_hash), failed_logins = 0, locked_until = NULL, "
		     "must_change_password = 0",
		     DB_ARGS(DB_INT(tenant), DB_STR(o->upn), DB_STR(o->user_name), DB_STR(hash)), NULL, NULL);
out:
	arena_free(a);
	return rc;
}

int main(void)
{
	config cfg;
	if (config_load(&cfg, NULL) != 0 || db_open(&cfg) != 0) {
		fprintf(stderr, "seed: cannot connect to the database: %s\n", db_last_error());
		return 1;
	}
	for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++) {
		if (db_transaction(seed_one, (void *)&demo[i]) != DB_OK) {
			fprintf(stderr, "seed: %s: %s\n", demo[i].org_name, db_last_error());
			return 1;
		}
	}
	db_exec("DELETE FROM signin_failures", DB_NOARGS, NULL, NULL);
	printf("Demo sign-ins (user name / password):\n");
	for (size_t i = 0; i < sizeof demo / sizeof demo[0]; i++)
		printf("  %-24s %-40s %s\n", demo[i].org_name, demo[i].upn, demo[i].password);
	db_close();
	return 0;
}
