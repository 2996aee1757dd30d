/* page_activity.c: each party's activity log: Account settings > Activity log for a partner's admin agents
 * (/account/activity: every change made by or to its organization and the customers it serves) and a
 * customer's global administrators (/my/activity: every change to its tenant), each with its CSV export;
 * activity_log.c renders them as it does the vendor admin's */
#include <string.h>

#include "activity_log.h"
#include "app.h"
#include "auth.h"
#include "view.h"

static activity_scope partner_scope(request *r)
{
	return (activity_scope){
		.org_id = r->user->org_id, .path = "/account/activity", .csv_path = "/account/activity.csv",
		.lead = arena_printf(r->arena, _("Every change made by or to %s and the customers it serves, including "
				     "what its partners did for them, newest first, 50 to a page. Client addresses are "
				     "shown for changes made by your own organization."), r->user->org_name),
	};
}

void account_activity(request *r)
{
	activity_scope s = partner_scope(r);
	activity_list(r, &s);
}

void account_activity_csv(request *r)
{
	activity_scope s = partner_scope(r);
	activity_csv(r, &s);
}

/* For a customer's global administrator, true with its tenant's log in S; else false, with the refusal on
 * the page. */
static bool customer_scope(request *r, activity_scope *s)
{
	if (strcmp(r->user->directory_role, "global_admin")) {
		view_error(r, 403, _("Only a global administrator of your organization can see its activity log. Ask one "
				   "of them for what you need to know."));
		return false;
	}
	*s = (activity_scope){
		.org_id = r->user->org_id, .path = "/my/activity", .csv_path = "/my/activity.csv",
		.lead = arena_printf(r->arena, _("Every change to %s, whoever made it: partner relationships, orders, "
				     "users and licenses, newest first, 50 to a page. Client addresses are shown for "
				     "changes made by your own organization."), r->user->org_name),
	};
	return true;
}

void my_activity(request *r)
{
	activity_scope s;
	if (customer_scope(r, &s))
		activity_list(r, &s);
}

void my_activity_csv(request *r)
{
	activity_scope s;
	if (customer_scope(r, &s))
		activity_csv(r, &s);
}
