/* page_admin.c: the vendor admin portal's front page: what waits for the admin, and the audit log */
#include "activity_log.h"
#include "app.h"
#include "db.h"
#include "list_query.h"
#include "view.h"

#define AUDIT_PAGE_SIZE 50

/* How many rows match WHERE in TABLE, counted up to LIST_COUNT_CAP + 1 along the index WHERE names. */
#define CAPPED_COUNT_SQL(TABLE, WHERE) "(SELECT COUNT(*) FROM (SELECT 1 FROM " TABLE " WHERE " WHERE " LIMIT ?) c)"

/* The counts behind the front page's links; a failure only hides them, the audit log still shows. Failed
 * messages were never sent, so both mail counts walk ix_outbox_pending's unsent rows only. */
static void add_work_counts(request *r, tpl_dict *d)
{
	enum { PENDING_REVIEW, PENDING_VERIFICATION, MAIL_WAITING, MAIL_FAILED, NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, NCOLS,
		     "SELECT " CAPPED_COUNT_SQL("enrollment_applications", "status = 'pending_review'") ", "
		     CAPPED_COUNT_SQL("enrollment_applications", "status = 'pending_verification'") ", "
		     CAPPED_COUNT_SQL("mail_outbox", "sent_at IS NULL AND failed_at IS NULL") ", "
		     CAPPED_COUNT_SQL("mail_outbox", "sent_at IS NULL AND failed_at IS NOT NULL"),
		     DB_ARGS(LIST_COUNT_LIMIT, LIST_COUNT_LIMIT, LIST_COUNT_LIMIT, LIST_COUNT_LIMIT)) != DB_OK ||
	    rows.nrows != 1)
		return;
	tpl_dict *w = tpl_add_section(d, "WORK");
	list_set_count(w, "PENDING_REVIEW", db_get_int(&rows, 0, PENDING_REVIEW));
	list_set_count(w, "PENDING_VERIFICATION", db_get_int(&rows, 0, PENDING_VERIFICATION));
	list_set_count(w, "MAIL_WAITING", db_get_int(&rows, 0, MAIL_WAITING));
	if (db_get_int(&rows, 0, MAIL_FAILED) > 0)
		list_set_count(tpl_add_section(w, "MAIL_FAILED"), "COUNT", db_get_int(&rows, 0, MAIL_FAILED));
}

/* The audit log, newest first, a page at a time (?after= / ?before= an entry id). */
#define AUDIT_SQL \
	"SELECT a.id, a.at, COALESCE(u.upn, ''), a.action, a.detail, a.client_ip " \
	"FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE TRUE"
enum { AUDIT_ID, AUDIT_AT, AUDIT_WHO, AUDIT_ACTION, AUDIT_DETAIL, AUDIT_FROM, AUDIT_NCOLS };

void admin_home(request *r)
{
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, AUDIT_NCOLS, SEEK_SQL_NEWEST_BY_ID(&at, AUDIT_SQL, "a.id"),
			  DB_ARGS(SEEK_ID_ARGS(&at, AUDIT_PAGE_SIZE))) != DB_OK) {
		view_error(r, 503, _("The audit log cannot be read right now. Try again in a minute."));
		return;
	}
	tpl_dict *d = view_dict(r);
	add_work_counts(r, d);
	view_seek_page(d, &at, &rows, AUDIT_PAGE_SIZE, AUDIT_ID, -1);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *e = tpl_add_section(d, "ENTRY");
		tpl_set(e, "ID", db_get(&rows, i, AUDIT_ID));
		tpl_set(e, "AT", i18n_datetime(r->arena, db_get(&rows, i, AUDIT_AT), false));
		tpl_set(e, "WHO", db_get(&rows, i, AUDIT_WHO));
		tpl_set(e, "ACTION", db_get(&rows, i, AUDIT_ACTION));
		tpl_set(e, "ACTION_LABEL", activity_action_label(db_get(&rows, i, AUDIT_ACTION)));
		tpl_set(e, "DETAIL", db_get(&rows, i, AUDIT_DETAIL));
		tpl_set(e, "FROM", db_get(&rows, i, AUDIT_FROM));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_ENTRIES");
	view_page(r, "admin.tpl", _("Admin portal"), d);
}
