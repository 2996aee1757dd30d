/* audit_tx.c: a one-statement change and its audit row, written in one transaction (see audit_tx.h) */
#include "audit_tx.h"

#include "auth.h"

typedef struct {
	const char *sql;
	const db_val *args;
	int nargs;
	unsigned long long *affected;
	long long user_id;
	const char *action, *detail, *client_ip;
} audited_change;

static int change_and_audit(void *ctx)
{
	audited_change *c = ctx;
	int rc = db_exec(c->sql, c->args, c->nargs, c->affected, NULL);
	return rc != DB_OK ? rc : audit(c->user_id, c->action, c->detail, c->client_ip);
}

int audited_exec(const char *sql, const db_val *args, int nargs, unsigned long long *affected,
		 long long user_id, const char *action, const char *detail, const char *client_ip)
{
	audited_change c = { sql, args, nargs, affected, user_id, action, detail, client_ip };
	return db_transaction(change_and_audit, &c);
}
