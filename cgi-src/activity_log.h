/* activity_log.h: the one list and CSV export of the activity log, for the vendor admin (every row) and for
 * each party: a partner's or a customer's organization sees the rows audit_visibility gives it */
#ifndef CC_ACTIVITY_LOG_H
#define CC_ACTIVITY_LOG_H

#include "db.h"
#include "http.h"

/* Whose activity log a page shows, and where it lives. */
typedef struct {
	long long org_id;                   /* the organization whose rows these are; 0: every row (vendor admin) */
	const char *path, *csv_path;        /* "/admin/activity", "/admin/activity.csv" */
	const char *back_href, *back_text;  /* the link above the title, or NULL */
	const char *lead;                   /* the sentence under the title */
} activity_scope;

/* Which rows of the log: each empty text is no filter; dates are YYYY-MM-DD, TO included. */
typedef struct {
	long long org, party;  /* the vendor admin's: acting or on whose behalf, made to; 0 = any */
	const char *org_text, *party_text, *user, *action, *object, *from, *to;  /* user: a UPN; action: a code */
} activity_filter;

/* The columns of activity_rows: the audit row's id, its time ("YYYY-MM-DD HH:MM:SS", UTC), the acting user's
 * UPN, their organization, on whose behalf, to which party, the action code, the object's type and id, the
 * detail, the values before and after (JSON), and the client address (empty where it is not S's to see). */
enum { ACTIVITY_COL_ID, ACTIVITY_COL_AT, ACTIVITY_COL_USER, ACTIVITY_COL_ORG, ACTIVITY_COL_BEHALF,
       ACTIVITY_COL_PARTY, ACTIVITY_COL_ACTION, ACTIVITY_COL_OBJECT_TYPE, ACTIVITY_COL_OBJECT_ID,
       ACTIVITY_COL_DETAIL, ACTIVITY_COL_BEFORE, ACTIVITY_COL_AFTER, ACTIVITY_COL_FROM, ACTIVITY_COL_COLS };

#define ACTIVITY_PAGE_SIZE 50

/* What is wrong with filter F (an organization that is not a number, a date that is not one, dates the wrong
 * way round), in words that say how to fix it; NULL when it is fine. */
const char *activity_filter_problem(const activity_filter *f);
/* Up to PAGE + 1 rows of S that F selects, newest first, past AT (see SEEK_SQL_NEWEST_BY_ID), with the
 * ACTIVITY_COL_* columns: a DB_* code. */
int activity_rows(arena *a, const activity_scope *s, const activity_filter *f, const seek *at, int page,
		  db_rows *rows);

/* The rows of S the query string's filter selects (user, action, object, dates, and for the vendor admin
 * the organization and the party), newest first, a page at a time by key; a bad filter gets the form back
 * with a 400. */
void activity_list(request *r, const activity_scope *s);
/* The same rows as a CSV file (up to 100,000, formulas neutralized). */
void activity_csv(request *r, const activity_scope *s);
/* The rows of S that F (checked) selects as that CSV file. */
void activity_csv_of(request *r, const activity_scope *s, const activity_filter *f);
/* What the audit action CODE ("order.placed") did, in the request's language ("Order placed"); CODE itself
 * for an action without a label. The pages show both: the code is what the Action filter takes. */
const char *activity_action_label(const char *code);

#endif
