/* db_answer.c: the page a handler sends after a database call failed, or after an order's COMMIT of unknown
 * outcome (see db_answer.h) */
#include "db_answer.h"

#include "auth.h"
#include "db.h"
#include "domain/orders.h"
#include "view.h"

void db_answer_failure(request *r, int rc, const char *unavailable)
{
	if (rc == DB_BUG || db_last_error_kind() == DB_BUG)
		view_error(r, 500, _(VIEW_BUG_MESSAGE));
	else if (rc == DB_UNKNOWN)
		view_error(r, 503, _(DB_ANSWER_UNCONFIRMED));
	else
		view_error(r, 503, unavailable);
}

long long db_answer_unknown_order(request *r, const char *key, const char *what)
{
	long long id = order_placed_with_key(r->arena, key, r->user->id, true);
	if (id > 0)
		return id;
	if (id == 0)
		view_error(r, 503, arena_printf(r->arena, _("The connection to the database was lost while %s was being "
						  "saved, and it was not saved: nothing was ordered or charged. Go back "
						  "and submit the form again."), what));
	else
		db_answer_failure(r, (int)id, arena_printf(r->arena, _("We could not confirm whether %s was saved: "
							     "the connection to the database was lost while saving it. "
							     "Reload this page in a minute (sending the same form again "
							     "never orders twice) to see it or to submit it again."), what));
	return 0;
}
