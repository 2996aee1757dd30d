/* page_admin.c: the vendor admin portal's front page: what waits for the admin, and the audit log */
#include "app.h"
#include "db.h"
#include "view.h"

/* The counts behind the front page's links; a failure only hides them, the audit log still shows. */
static void add_work_counts(request *r, tpl_dict *d)
{
	db_rows rows;
	if (db_query(r->arena, &rows,
		     "SELECT (SELECT COUNT(*) FROM enrollment_applications WHERE status = 'pending_review'), "
		     "(SELECT COUNT(*) FROM enrollment_applications WHERE status = 'pending_verification'), "
		     "(SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL), "
		     "(SELECT COUNT(*) FROM mail_outbox WHERE failed_at IS NOT NULL)",
		     DB_NOARGS) != DB_OK || rows.nrows != 1)
		return;
	tpl_dict *w = tpl_add_section(d, "WORK");
	tpl_set(w, "PENDING_REVIEW", db_get(&rows, 0, 0));
	tpl_set(w, "PENDING_VERIFICATION", db_get(&rows, 0, 1));
	tpl_set(w, "MAIL_WAITING", db_get(&rows, 0, 2));
	if (db_get_int(&rows, 0, 3) > 0)
		tpl_set(tpl_add_section(w, "MAIL_FAILED"), "COUNT", db_get(&rows, 0, 3));
}

void admin_home(request *r)
{
	db_rows rows;
	if (db_query(r->arena, &rows,
		     "SELECT a.at, COALESCE(u.upn, ''), a.action, a.detail, a.client_ip "
		     "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id DESC LIMIT 50",
		     DB_NOARGS) != DB_OK) {
		view_error(r, 503, "The audit log cannot be read right now. Try again in a minute.");
		return;
	}
	tpl_dict *d = view_dict(r);
	add_work_counts(r, d);
	for (int i = 0; i < rows.nrows; i++) {
		tpl_dict *e = tpl_add_section(d, "ENTRY");
		tpl_set(e, "AT", db_get(&rows, i, 0));
		tpl_set(e, "WHO", db_get(&rows, i, 1));
		tpl_set(e, "ACTION", db_get(&rows, i, 2));
		tpl_set(e, "DETAIL", db_get(&rows, i, 3));
		tpl_set(e, "FROM", db_get(&rows, i, 4));
	}
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_ENTRIES");
	view_page(r, "admin.tpl", "Admin portal", d);
}
