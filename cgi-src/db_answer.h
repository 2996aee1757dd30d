/* db_answer.h: the page a handler sends after a database call failed: 500 for a programming error,
 * an honest "could not confirm" when a commit's outcome is unknown, else 503 with the handler's message */
#ifndef CC_DB_ANSWER_H
#define CC_DB_ANSWER_H

#include "http.h"
#include "i18n.h"

#define DB_ANSWER_UNCONFIRMED N_("We could not confirm whether your change was saved: the connection to the " \
				 "database was lost while saving it. Reload the page to check before you try again.")

/* RC is what the failed call returned (DB_ERROR when the handler did not keep it): DB_BUG (also when it
 * was the last failure) answers 500, DB_UNKNOWN 503 with DB_ANSWER_UNCONFIRMED, anything else 503 with
 * UNAVAILABLE, which may say nothing was changed. */
void db_answer_failure(request *r, int rc, const char *unavailable);

/* After DB_UNKNOWN on an order placed with the one-time KEY: look it up again (a new connection, a locking
 * read that waits for a transaction still holding the key). Found: its id (> 0), for the caller to show.
 * Else 0 and the page is sent: "not saved, nothing ordered" only when the look-up proves it, otherwise
 * "could not confirm". WHAT names the order in the messages ("your order", "the new customer"). */
long long db_answer_unknown_order(request *r, const char *key, const char *what);

#endif
