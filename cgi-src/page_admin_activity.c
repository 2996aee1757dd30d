/* page_admin_activity.c: the vendor admin's activity log (/admin/activity): every audit row, filtered by
 * organization (acting or on whose behalf), party, user, action, object and date range, newest first and
 * paged by key, and the same rows as a CSV file (/admin/activity.csv); activity_log.c renders both */
#include "activity_log.h"
#include "app.h"
#include "i18n.h"

/* Every row, in the request's language. */
static activity_scope every_row(void)
{
	return (activity_scope){
		.org_id = 0, .path = "/admin/activity", .csv_path = "/admin/activity.csv",
		.back_href = "/admin", .back_text = _("Admin portal"),
		.lead = _("Every state change, newest first, 50 to a page: who (user and organization, and on whose "
			  "behalf), what (action, object, the organization it was made to, values before and after), when "
			  "(UTC) and from where."),
	};
}

void admin_activity(request *r)
{
	activity_scope s = every_row();
	activity_list(r, &s);
}

void admin_activity_csv(request *r)
{
	activity_scope s = every_row();
	activity_csv(r, &s);
}
