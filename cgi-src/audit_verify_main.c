/* audit_verify_main.c: bin/channel-audit-verify [--conf FILE] [--purge]: checks the activity log's hash chain
 * (see audit_chain.c) and names the first row that does not match; --purge first deletes the rows older
 * than AUDIT_KEEP_DAYS (channel.conf; 0 keeps everything). Exit 0: the chain is intact; 1: it is not;
 * 2: it could not be checked (usage, configuration, database). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "audit_chain.h"
#include "config.h"
#include "db.h"

static int usage(void)
{
	fprintf(stderr, "usage: channel-audit-verify [--conf FILE] [--purge]\n");
	return 2;
}

static int purge(const config *cfg)
{
	long long purged = 0;
	if (cfg->audit_keep_days <= 0) {
		printf("audit purge: nothing deleted (AUDIT_KEEP_DAYS=0 keeps everything)\n");
		return 0;
	}
	if (audit_chain_purge(cfg->audit_keep_days, &purged) != DB_OK) {
		fprintf(stderr, "channel-audit-verify: the purge stopped: %s\n", db_last_error());
		return 2;
	}
	printf("audit purge: %lld rows older than %d days deleted\n", purged, cfg->audit_keep_days);
	return 0;
}

static int verify(void)
{
	audit_chain_report rep;
	if (audit_chain_verify(&rep) != DB_OK) {
		fprintf(stderr, "channel-audit-verify: cannot read the audit log: %s\n", db_last_error());
		return 2;
	}
	if (rep.verdict != AUDIT_CHAIN_OK) {
		printf("row %lld: %s\n", rep.bad_id, rep.why);
		return 1;
	}
	printf("audit chain OK: %lld rows", rep.rows);
	if (rep.base_id > 0)
		printf(" (after row %lld: earlier rows were purged or predate the chain)", rep.base_id);
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	const char *conf = NULL;
	bool do_purge = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--conf") && i + 1 < argc)
			conf = argv[++i];
		else if (!strcmp(argv[i], "--purge"))
			do_purge = true;
		else
			return usage();
	}
	config cfg;
	if (config_load(&cfg, conf) != 0)
		return 2;
	if (db_open(&cfg) != 0) {
		fprintf(stderr, "channel-audit-verify: cannot connect to the database: %s\n", db_last_error());
		return 2;
	}
	int rc = do_purge ? purge(&cfg) : 0;
	if (rc == 0)
		rc = verify();
	db_close();
	return rc;
}
