/* db_answer.c: the page a handler sends after a database call failed (see db_answer.h) */
#include "db_answer.h"

#include "db.h"
#include "view.h"

void db_answer_failure(request *r, int rc, const char *unavailable)
{
	if (rc == DB_BUG || db_last_error_kind() == DB_BUG)
		view_error(r, 500, "This page failed because of an error in Channel Center. It has been logged for the "
				   "operators; trying again will not help until it is fixed.");
	else if (rc == DB_UNKNOWN)
		view_error(r, 503, DB_ANSWER_UNCONFIRMED);
	else
		view_error(r, 503, unavailable);
}
