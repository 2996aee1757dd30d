/* audit_tx.h: a one-statement change and its audit row, written in one transaction */
#ifndef CC_AUDIT_TX_H
#define CC_AUDIT_TX_H

#include "db.h"

/* Run SQL (an INSERT, UPDATE or DELETE) with ARGS and append the audit row (USER_ID, ACTION, DETAIL, CLIENT_IP)
 * in the same transaction: both are saved or neither. AFFECTED may be NULL. A DB_* code (see db_transaction). */
int audited_exec(const char *sql, const db_val *args, int nargs, unsigned long long *affected,
		 long long user_id, const char *action, const char *detail, const char *client_ip);

#endif
