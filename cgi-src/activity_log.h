/* activity_log.h: the one list and CSV export of the activity log, for the vendor admin (every row) and for
 * each party: a partner's or a customer's organization sees the rows audit_visibility gives it */
#ifndef CC_ACTIVITY_LOG_H
#define CC_ACTIVITY_LOG_H

#include "http.h"

/* Whose activity log a page shows, and where it lives. */
typedef struct {
	long long org_id;                   /* the organization whose rows these are; 0: every row (vendor admin) */
	const char *path, *csv_path;        /* "/admin/activity", "/admin/activity.csv" */
	const char *back_href, *back_text;  /* the link above the title, or NULL */
	const char *lead;                   /* the sentence under the title */
} activity_scope;

/* The rows of S the query string's filter selects (user, action, object, dates, and for the vendor admin
 * the organization and the party), newest first, a page at a time by key; a bad filter gets the form back
 * with a 400. */
void activity_list(request *r, const activity_scope *s);
/* The same rows as a CSV file (up to 100,000, formulas neutralized). */
void activity_csv(request *r, const activity_scope *s);
/* What the audit action CODE ("order.placed") did, in the request's language ("Order placed"); CODE itself
 * for an action without a label. The pages show both: the code is what the Action filter takes. */
const char *activity_action_label(const char *code);

#endif
