/* page_review.c: the vendor admin's enrollment review queue (approve / reject) and the mail outbox */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "list_query.h"
#include "mail.h"
#include "session.h"
#include "view.h"

#define QUEUE_PAGE_SIZE 50
#define REJECT_REASON_MAX 1000  /* characters, as the column holds them */

/* What a transaction found that stops a review; positive so it never collides with DB_* codes. */
enum { REVIEW_NOT_FOUND = 1, REVIEW_NOT_PENDING, REVIEW_ORG_EXISTS };

/* The name an application goes by: its legal name, or for a partner already in the program
 * (short path, no legal name asked) its existing organization's name, or the tenant's. */
#define APPLICATION_NAME_SQL \
	"COALESCE(NULLIF(a.legal_name, ''), " \
	"(SELECT o.name FROM organizations o WHERE o.tenant_id = a.tenant_id ORDER BY o.id LIMIT 1), " \
	"t.display_name)"

static const struct {
	const char *status, *label;
} statuses[] = {
	{ "pending_review", "Waiting for review" },
	{ "pending_verification", "Waiting for email verification" },
	{ "approved", "Approved" },
	{ "rejected", "Rejected" },
};
#define N_STATUSES (sizeof statuses / sizeof statuses[0])

static const char *status_label(const char *status)
{
	for (size_t i = 0; i < N_STATUSES; i++)
		if (!strcmp(statuses[i].status, status))
			return statuses[i].label;
	return NULL;
}

/* A positive decimal id from a parameter, or 0 for anything else. */
static const char *verification_state(const char *status, const char *verified_at)
{
	if (!strcmp(status, "pending_verification"))
		return "Waiting for the primary contact to verify their email address";
	return *verified_at ? "Email verified" : "Not verified";
}

/* ---- the queue ---- */

/* Each tab's count, counted up to LIST_COUNT_CAP + 1 (approved applications only ever grow). */
#define STATUS_COUNT_SQL(STATUS) \
	"SELECT '" STATUS "', COUNT(*) FROM (SELECT 1 FROM enrollment_applications " \
	"WHERE status = '" STATUS "' LIMIT ?) c"

static void add_status_tabs(request *r, tpl_dict *d, const char *current)
{
	enum { STATUS, COUNT, NCOLS };
	db_rows counts;
	if (db_query_cols(r->arena, &counts, NCOLS,
		     STATUS_COUNT_SQL("pending_review") " UNION ALL " STATUS_COUNT_SQL("pending_verification")
		     " UNION ALL " STATUS_COUNT_SQL("approved") " UNION ALL " STATUS_COUNT_SQL("rejected"),
		     DB_ARGS(LIST_COUNT_LIMIT, LIST_COUNT_LIMIT, LIST_COUNT_LIMIT, LIST_COUNT_LIMIT)) != DB_OK)
		counts.nrows = 0;
	for (size_t i = 0; i < N_STATUSES; i++) {
		tpl_dict *tab = tpl_add_section(d, "STATUS_TAB");
		tpl_set(tab, "STATUS", statuses[i].status);
		tpl_set(tab, "LABEL", statuses[i].label);
		long long n = 0;
		for (int row = 0; row < counts.nrows; row++)
			if (!strcmp(db_get(&counts, row, STATUS), statuses[i].status))
				n = db_get_int(&counts, row, COUNT);
		list_set_count(tab, "COUNT", n);
		tpl_show_section(tab, strcmp(statuses[i].status, current) ? "OTHER" : "CURRENT");
	}
}

/* One tab's applications, newest first, walked backwards along ix_app_status (status, submitted_at, id). */
#define QUEUE_SQL \
	"SELECT a.id, " APPLICATION_NAME_SQL ", t.domain, a.short_path, COALESCE(a.mpn_id, ''), " \
	"a.contact_name, a.contact_email, a.submitted_at, COALESCE(a.verified_at, ''), " \
	"COALESCE(a.reviewed_at, '') " \
	"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE a.status = ?"
enum { Q_ID, Q_NAME, Q_TENANT, Q_SHORT_PATH, Q_MPN_ID, Q_CONTACT_NAME, Q_CONTACT_EMAIL, Q_SUBMITTED_AT, Q_VERIFIED_AT,
       Q_REVIEWED_AT, Q_NCOLS };

static void add_application(tpl_dict *d, const char *status, const db_rows *rows, int i)
{
	tpl_dict *e = tpl_add_section(d, "APPLICATION");
	tpl_set(e, "ID", db_get(rows, i, Q_ID));
	tpl_set(e, "NAME", db_get(rows, i, Q_NAME));
	tpl_set(e, "TENANT", db_get(rows, i, Q_TENANT));
	if (db_get_int(rows, i, Q_SHORT_PATH))
		tpl_show_section(e, "ALREADY_IN_PROGRAM");
	else
		tpl_set(tpl_add_section(e, "MPN"), "MPN_ID", db_get(rows, i, Q_MPN_ID));
	tpl_set(e, "CONTACT_NAME", db_get(rows, i, Q_CONTACT_NAME));
	tpl_set(e, "CONTACT_EMAIL", db_get(rows, i, Q_CONTACT_EMAIL));
	tpl_set(e, "SUBMITTED_AT", db_get(rows, i, Q_SUBMITTED_AT));
	tpl_set(e, "VERIFICATION", verification_state(status, db_get(rows, i, Q_VERIFIED_AT)));
	tpl_set(e, "REVIEWED_AT", db_get(rows, i, Q_REVIEWED_AT));
}

void review_queue(request *r)
{
	const char *status = *http_query(r, "status") ? http_query(r, "status") : "pending_review";
	const char *label = status_label(status);
	if (!label) {
		view_error(r, 404, "There is no such list of applications. Choose one of the tabs on the review queue.");
		return;
	}
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, Q_NCOLS, SEEK_SQL_NEWEST_BY_KEY(&at, QUEUE_SQL, "a.submitted_at", "a.id"),
			  DB_ARGS(DB_STR(status), SEEK_KEY_ARGS(&at, QUEUE_PAGE_SIZE))) != DB_OK) {
		view_unavailable(r, "The enrollment applications");
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "LIST_LABEL", label);
	tpl_set(d, "LIST_STATUS", status);
	add_status_tabs(r, d, status);
	view_seek_page(d, &at, &rows, QUEUE_PAGE_SIZE, Q_ID, Q_SUBMITTED_AT);
	for (int i = 0; i < rows.nrows; i++)
		add_application(d, status, &rows, i);
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_APPLICATIONS");
	view_page(r, "review_queue.tpl", "Enrollment review", d);
}

/* ---- one application ---- */

/* The detail query's columns, in order, named as review_view.tpl names them. */
static const char *const detail_fields[] = {
	"ID", "STATUS", "MPN_ID", "LEGAL_NAME", "ADDRESS_LINE1", "ADDRESS_LINE2", "CITY", "REGION",
	"POSTAL_CODE", "COUNTRY", "PHONE", "CONTACT_NAME", "CONTACT_EMAIL", "CONTACT_PHONE",
	"SUPPORT_EMAIL", "SUPPORT_PHONE", "SUPPORT_WEBSITE", "SUBMITTED_AT", "VERIFIED_AT",
	"REVIEWED_AT", "REVIEWER_NAME", "REVIEWER_UPN", "REJECT_REASON", "TENANT_DOMAIN",
	"TENANT_NAME", "APPLICANT_NAME", "APPLICANT_UPN", "ORG_NAME", "PROFILE_NAME",
	"PROFILE_COUNTRY", "PROFILE_CITY", "NAME", "SHORT_PATH",
};
enum { F_STATUS = 1, F_VERIFIED_AT = 18, F_REVIEWED_AT = 19, F_PROFILE_NAME = 28, F_SHORT_PATH = 32, N_DETAIL_FIELDS = 33 };
_Static_assert(sizeof detail_fields / sizeof detail_fields[0] == N_DETAIL_FIELDS, "one name per detail column");

static int load_application(request *r, long long id, db_rows *rows)
{
	return db_query_cols(r->arena, rows, N_DETAIL_FIELDS,
		"SELECT a.id, a.status, COALESCE(a.mpn_id, ''), a.legal_name, a.address_line1, a.address_line2, "
		"a.city, a.region, a.postal_code, a.country, a.phone, a.contact_name, a.contact_email, "
		"a.contact_phone, a.support_email, a.support_phone, a.support_website, a.submitted_at, "
		"COALESCE(a.verified_at, ''), COALESCE(a.reviewed_at, ''), COALESCE(rv.display_name, ''), "
		"COALESCE(rv.upn, ''), a.reject_reason, t.domain, t.display_name, COALESCE(ap.display_name, ''), "
		"COALESCE(ap.upn, ''), COALESCE(o.name, ''), COALESCE(p.legal_name, ''), COALESCE(p.country, ''), "
		"COALESCE(p.city, ''), " APPLICATION_NAME_SQL ", a.short_path "
		"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id "
		"LEFT JOIN users ap ON ap.id = a.applicant_user_id "
		"LEFT JOIN users rv ON rv.id = a.reviewed_by "
		"LEFT JOIN organizations o ON o.id = a.org_id "
		"LEFT JOIN org_profiles p ON p.id = a.profile_id WHERE a.id = ?",
		DB_ARGS(DB_INT(id)));
}

static void show_outcome_notice(request *r, tpl_dict *d)
{
	const char *done = http_query(r, "done");
	if (!strcmp(done, "approved"))
		tpl_show_section(d, "APPROVED_NOTICE");
	else if (!strcmp(done, "rejected"))
		tpl_show_section(d, "REJECTED_NOTICE");
}

/* The detail page; ERROR and the REASON typed come back when a rejection was refused. */
static void application_page(request *r, long long id, const char *error, const char *reason)
{
	db_rows rows;
	if (load_application(r, id, &rows) != DB_OK) {
		view_unavailable(r, "The enrollment applications");
		return;
	}
	if (rows.nrows != 1) {
		view_error(r, 404, "There is no enrollment application with that number.");
		return;
	}
	tpl_dict *d = view_dict(r);
	for (int col = 0; col < N_DETAIL_FIELDS; col++)
		tpl_set(d, detail_fields[col], db_get(&rows, 0, col));
	const char *status = db_get(&rows, 0, F_STATUS);
	tpl_set(d, "STATUS_LABEL", status_label(status));
	tpl_set(d, "VERIFICATION", verification_state(status, db_get(&rows, 0, F_VERIFIED_AT)));
	tpl_show_section(d, db_get_int(&rows, 0, F_SHORT_PATH) ? "ALREADY_IN_PROGRAM" : "MPN");
	if (*db_get(&rows, 0, F_PROFILE_NAME))
		tpl_show_section(d, "PROFILE");
	tpl_show_section(d, *db_get(&rows, 0, F_VERIFIED_AT) ? "VERIFIED" : "NOT_VERIFIED");
	tpl_show_section(d, *db_get(&rows, 0, F_REVIEWED_AT) ? "REVIEWED" : "NOT_REVIEWED");
	if (!strcmp(status, "pending_review")) {
		tpl_dict *actions = tpl_add_section(d, "CAN_REVIEW");
		tpl_set(actions, "CSRF_TOKEN", csrf_token(r));
		tpl_set(actions, "REASON", reason);
		if (error)
			tpl_set(tpl_add_section(actions, "ERROR"), "MESSAGE", error);
	} else if (!strcmp(status, "pending_verification")) {
		tpl_show_section(d, "AWAITING_VERIFICATION");
	} else if (!strcmp(status, "approved")) {
		tpl_show_section(d, "IS_APPROVED");
	} else {
		tpl_show_section(d, "IS_REJECTED");
	}
	show_outcome_notice(r, d);
	view_page(r, "review_view.tpl", arena_printf(r->arena, "Enrollment application %lld", id), d);
}

void review_view(request *r)
{
	long long id = http_id(http_query(r, "id"));
	if (!id) {
		view_error(r, 404, "There is no enrollment application with that number.");
		return;
	}
	application_page(r, id, NULL, "");
}

/* ---- approve and reject ---- */

typedef struct {
	arena *arena;
	long long app_id, reviewer_id;
	const char *reason;            /* reject only */
	/* what the transaction found */
	const char *status, *name, *contact_email, *contact_name, *applicant_upn;
	long long applicant_id, org_id;
	/* the audit row, written inside the transaction */
	int (*tx)(void *);
	const char *client_ip;
} review_ctx;

/* Lock the application row for the rest of the transaction; it must still wait for review. */
enum { APP_STATUS, APP_NAME, APP_CONTACT_EMAIL, APP_CONTACT_NAME, APP_TENANT, APP_COUNTRY, APP_MPN_ID, APP_APPLICANT,
       APP_APPLICANT_UPN, APP_NCOLS };
static int lock_pending_application(review_ctx *c, db_rows *rows)
{
	int rc = db_query_cols(c->arena, rows, APP_NCOLS,
		"SELECT a.status, " APPLICATION_NAME_SQL ", a.contact_email, a.contact_name, "
		"a.tenant_id, COALESCE(NULLIF(a.country, ''), t.country), a.mpn_id, a.applicant_user_id, "
		"COALESCE(u.upn, '') "
		"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id "
		"LEFT JOIN users u ON u.id = a.applicant_user_id WHERE a.id = ? FOR UPDATE",
		DB_ARGS(DB_INT(c->app_id)));
	if (rc != DB_OK)
		return rc;
	if (rows->nrows != 1)
		return REVIEW_NOT_FOUND;
	c->status = db_get(rows, 0, APP_STATUS);
	c->name = db_get(rows, 0, APP_NAME);
	c->contact_email = db_get(rows, 0, APP_CONTACT_EMAIL);
	c->contact_name = db_get(rows, 0, APP_CONTACT_NAME);
	c->applicant_upn = db_get(rows, 0, APP_APPLICANT_UPN);
	c->applicant_id = db_get_int(rows, 0, APP_APPLICANT);
	return strcmp(c->status, "pending_review") ? REVIEW_NOT_PENDING : DB_OK;
}

static tpl_dict *outcome_mail_dict(review_ctx *c)
{
	tpl_dict *m = tpl_dict_new(c->arena);
	tpl_set(m, "CONTACT_NAME", c->contact_name);
	tpl_set(m, "ORG_NAME", c->name);
	tpl_set(m, "USER_NAME", c->applicant_upn);
	tpl_set(m, "SIGNIN_URL", arena_printf(c->arena, "%s/signin", mail_base_url()));
	tpl_set(m, "ENROLL_URL", arena_printf(c->arena, "%s/enroll", mail_base_url()));
	tpl_set(m, "REASON", c->reason ? c->reason : "");
	return m;
}

static int approve_tx(void *ctx)
{
	review_ctx *c = ctx;
	db_rows app;
	int rc = lock_pending_application(c, &app);
	if (rc != DB_OK)
		return rc;
	unsigned long long org_id = 0;
	rc = db_exec("INSERT INTO organizations (kind, name, tenant_id, country, mpn_id) VALUES ('reseller', ?, ?, ?, ?)",
		     DB_ARGS(DB_STR(c->name), DB_INT(db_get_int(&app, 0, APP_TENANT)), DB_STR(db_get(&app, 0, APP_COUNTRY)),
			     db_is_null(&app, 0, APP_MPN_ID) ? DB_NULL : DB_STR(db_get(&app, 0, APP_MPN_ID))),
		     NULL, &org_id);
	if (rc == DB_DUPLICATE)
		return REVIEW_ORG_EXISTS;
	if (rc != DB_OK)
		return rc;
	c->org_id = (long long)org_id;
	if ((rc = db_exec("INSERT INTO partner_users (org_id, user_id, admin_agent, added_at, added_by) "
			  "VALUES (?, ?, 1, UTC_TIMESTAMP(), ?)",
			  DB_ARGS(DB_INT(c->org_id), DB_INT(c->applicant_id), DB_INT(c->reviewer_id)),
			  NULL, NULL)) != DB_OK)
		return rc;
	if ((rc = db_exec("UPDATE enrollment_applications SET status = 'approved', reviewed_at = UTC_TIMESTAMP(), "
			  "reviewed_by = ?, org_id = ? WHERE id = ?",
			  DB_ARGS(DB_INT(c->reviewer_id), DB_INT(c->org_id), DB_INT(c->app_id)), NULL, NULL)) != DB_OK)
		return rc;
	return mail_queue_template(c->contact_email, "Your Channel Center reseller account is ready",
				   "mail_enroll_approved.tpl", outcome_mail_dict(c));
}

static int reject_tx(void *ctx)
{
	review_ctx *c = ctx;
	db_rows app;
	int rc = lock_pending_application(c, &app);
	if (rc != DB_OK)
		return rc;
	if ((rc = db_exec("UPDATE enrollment_applications SET status = 'rejected', reviewed_at = UTC_TIMESTAMP(), "
			  "reviewed_by = ?, reject_reason = ? WHERE id = ?",
			  DB_ARGS(DB_INT(c->reviewer_id), DB_STR(c->reason), DB_INT(c->app_id)), NULL, NULL)) != DB_OK)
		return rc;
	return mail_queue_template(c->contact_email, "Your Channel Center reseller enrollment was not approved",
				   "mail_enroll_rejected.tpl", outcome_mail_dict(c));
}

static const char *not_pending_message(const char *status)
{
	if (!strcmp(status, "pending_verification"))
		return "This application cannot be reviewed yet: the primary contact has not verified their email "
		       "address. Nothing was changed.";
	if (!strcmp(status, "approved"))
		return "This application has already been approved. Nothing was changed.";
	return "This application has already been rejected. Nothing was changed.";
}

/* The review's transaction, then its audit row in the same transaction. */
static int review_and_audit(void *ctx)
{
	review_ctx *c = ctx;
	int rc = c->tx(c);
	if (rc != DB_OK)
		return rc;
	if (c->reason)
		return audit(c->reviewer_id, "enrollment.rejected",
			     arena_printf(c->arena, "application %lld: %s: %s", c->app_id, c->name, c->reason), c->client_ip);
	return audit(c->reviewer_id, "enrollment.approved",
		     arena_printf(c->arena, "application %lld: %s, reseller account %lld, admin agent %s", c->app_id,
				  c->name, c->org_id, c->applicant_upn),
		     c->client_ip);
}

/* Run a review transaction and answer for whatever stopped it; true when it committed. */
static bool run_review(request *r, int (*tx)(void *), review_ctx *c)
{
	c->tx = tx;
	c->client_ip = r->remote_addr;
	int rc = db_transaction(review_and_audit, c);
	switch (rc) {
	case DB_OK:
		return true;
	case REVIEW_NOT_FOUND:
		view_error(r, 404, "There is no enrollment application with that number.");
		break;
	case REVIEW_NOT_PENDING:
		view_error(r, 409, not_pending_message(c->status));
		break;
	case REVIEW_ORG_EXISTS:
		view_error(r, 409, "This tenant or MPN ID already has a reseller account, so the application cannot "
				   "be approved. Reject it with that reason instead.");
		break;
	default:
		db_answer_failure(r, rc, "The review could not be saved. Nothing was changed; try again in a minute.");
	}
	return false;
}

static review_ctx new_review(request *r, long long app_id)
{
	return (review_ctx){ .arena = r->arena, .app_id = app_id, .reviewer_id = r->user->id };
}

static long long posted_application_id(request *r)
{
	long long id = http_id(http_form(r, "id"));
	if (!id)
		view_error(r, 404, "There is no enrollment application with that number.");
	return id;
}

void review_approve(request *r)
{
	long long id = posted_application_id(r);
	if (!id)
		return;
	review_ctx c = new_review(r, id);
	if (!run_review(r, approve_tx, &c))
		return;
	auth_user_changed(r->arena, c.applicant_id);  /* a session already open sees the new account */
	http_redirect(r, arena_printf(r->arena, "/admin/enrollments/view?id=%lld&done=approved", id));
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static const char *trimmed(request *r, const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return arena_strndup(r->arena, s, n);
}

void review_reject(request *r)
{
	long long id = posted_application_id(r);
	if (!id)
		return;
	const char *reason = trimmed(r, http_form(r, "reason"));
	const char *error = NULL;
	if (!*reason)
		error = "Give the reason for the rejection: the primary contact receives it by email.";
	else if (utf8_chars(reason) > REJECT_REASON_MAX)
		error = "Shorten the reason to at most 1000 characters.";
	if (error) {
		r->status = 400;
		application_page(r, id, error, reason);
		return;
	}
	review_ctx c = new_review(r, id);
	c.reason = reason;
	if (!run_review(r, reject_tx, &c))
		return;
	http_redirect(r, arena_printf(r->arena, "/admin/enrollments/view?id=%lld&done=rejected", id));
}

/* ---- the mail outbox ---- */

/* A row's delivery state as the mailer left it (columns: sent_at, failed_at, sending now, due later, attempts). */
static const char *delivery_state(const char *sent_at, const char *failed_at, bool sending, bool later, long long attempts)
{
	if (*sent_at)
		return "sent";
	if (*failed_at)
		return "failed";
	if (sending)
		return "sending";
	return later && attempts > 0 ? "waiting" : "queued";
}

#define OUTBOX_STATE_SQL \
	"COALESCE(sent_at, ''), COALESCE(failed_at, ''), " \
	"claimed_by IS NOT NULL AND next_attempt_at > UTC_TIMESTAMP(), next_attempt_at > UTC_TIMESTAMP(), attempts"
/* OUTBOX_STATE_SQL's columns, counted from where a statement puts it */
enum { STATE_SENT_AT, STATE_FAILED_AT, STATE_SENDING, STATE_LATER, STATE_ATTEMPTS, N_STATE_COLS };

static const char *row_state(const db_rows *rows, int i, int col)
{
	return delivery_state(db_get(rows, i, col + STATE_SENT_AT), db_get(rows, i, col + STATE_FAILED_AT),
			      db_get_int(rows, i, col + STATE_SENDING) == 1, db_get_int(rows, i, col + STATE_LATER) == 1,
			      db_get_int(rows, i, col + STATE_ATTEMPTS));
}

/* The state shown where the sent time goes until there is one, and the Send again form where it helps. */
static void set_delivery(request *r, tpl_dict *m, const char *state, const char *sent_at, const char *id)
{
	if (!strcmp(state, "sent")) {
		tpl_set(tpl_add_section(m, "SENT"), "SENT_AT", sent_at);
		return;
	}
	tpl_set(tpl_add_section(m, "NOT_SENT"), "STATE", state);
	if (!strcmp(state, "failed") || !strcmp(state, "waiting")) {
		tpl_dict *f = tpl_add_section(m, "SEND_AGAIN");
		tpl_set(f, "ID", id);
		tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	}
}

static void outbox_message(request *r, long long id)
{
	/* the first M_SHOWN columns are shown as they are, under the names in fields[] */
	enum { M_ID, M_TO, M_SUBJECT, M_BODY, M_QUEUED_AT, M_ATTEMPTS, M_LAST_ERROR, M_SHOWN, M_NEXT_ATTEMPT_AT = M_SHOWN,
	       M_STATE, M_NCOLS = M_STATE + N_STATE_COLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, M_NCOLS,
		     "SELECT id, to_addr, subject, body, created_at, attempts, last_error, COALESCE(next_attempt_at, ''), "
		     OUTBOX_STATE_SQL " FROM mail_outbox WHERE id = ?", DB_ARGS(DB_INT(id))) != DB_OK) {
		view_unavailable(r, "The mail outbox");
		return;
	}
	if (rows.nrows != 1) {
		view_error(r, 404, "There is no message with that number in the mail outbox.");
		return;
	}
	static const char *const fields[M_SHOWN] = { "ID", "TO", "SUBJECT", "BODY", "QUEUED_AT", "ATTEMPTS", "LAST_ERROR" };
	tpl_dict *d = view_dict(r);
	for (int col = 0; col < M_SHOWN; col++)
		tpl_set(d, fields[col], db_get(&rows, 0, col));
	const char *state = row_state(&rows, 0, M_STATE);
	set_delivery(r, d, state, db_get(&rows, 0, M_STATE + STATE_SENT_AT), db_get(&rows, 0, M_ID));
	if (strcmp(state, "sent") && strcmp(state, "failed"))
		tpl_set(tpl_add_section(d, "NEXT"), "NEXT_ATTEMPT_AT", db_get(&rows, 0, M_NEXT_ATTEMPT_AT));
	view_page(r, "outbox_message.tpl", arena_printf(r->arena, "Message %lld", id), d);
}

/* The ?done=sent-again notice, naming the message. */
static void send_again_notice(request *r, tpl_dict *d)
{
	long long id = http_id(http_query(r, "id"));
	if (strcmp(http_query(r, "done"), "sent-again") || !id)
		return;
	tpl_set_int(tpl_add_section(d, "SENT_AGAIN_NOTICE"), "ID", id);
}

#define OUTBOX_PAGE_SIZE 50

/* The outbox's two lists, newest first: what is not sent yet (however old, along ix_outbox_pending) and
 * every message. The page shows the first page of the first above a page of the second; ?list=unsent
 * pages through the first alone. */
typedef struct {
	const char *list, *table_id, *heading, *none;
} outbox_table;
static const outbox_table unsent_table = { "unsent", "outbox-unsent", "Not sent yet", "Every message has been sent." };
static const outbox_table all_table = { "all", "outbox", "Latest messages", "No message has been queued yet." };

#define OUTBOX_LIST_SQL \
	"SELECT id, to_addr, subject, created_at, attempts, last_error, COALESCE(next_attempt_at, ''), " \
	OUTBOX_STATE_SQL " FROM mail_outbox "
enum { L_ID, L_TO, L_SUBJECT, L_QUEUED_AT, L_ATTEMPTS, L_LAST_ERROR, L_NEXT_ATTEMPT_AT, L_STATE,
       L_NCOLS = L_STATE + N_STATE_COLS };

static int read_outbox(request *r, const outbox_table *t, const seek *at, db_rows *rows)
{
	return db_query_cols(r->arena, rows, L_NCOLS,
			t == &unsent_table ? SEEK_SQL_NEWEST_BY_ID(at, OUTBOX_LIST_SQL "WHERE sent_at IS NULL", "id")
					   : SEEK_SQL_NEWEST_BY_ID(at, OUTBOX_LIST_SQL "WHERE TRUE", "id"),
			DB_ARGS(SEEK_ID_ARGS(at, OUTBOX_PAGE_SIZE)));
}

/* One table of the outbox page: ROWS (the columns of OUTBOX_LIST_SQL, read for AT) with its pager. */
static void add_outbox_table(request *r, tpl_dict *d, const outbox_table *table, const seek *at, db_rows *rows)
{
	tpl_dict *t = tpl_add_section(d, "TABLE");
	tpl_set(t, "TABLE_ID", table->table_id);
	tpl_set(t, "HEADING", table->heading);
	tpl_set(t, "LIST", table->list);
	view_seek_page(t, at, rows, OUTBOX_PAGE_SIZE, L_ID, -1);
	if (rows->nrows == 0)
		tpl_set(tpl_add_section(t, "NONE"), "NONE_TEXT", table->none);
	for (int i = 0; i < rows->nrows; i++) {
		tpl_dict *m = tpl_add_section(t, "MESSAGE");
		tpl_set(m, "ID", db_get(rows, i, L_ID));
		tpl_set(m, "TO", db_get(rows, i, L_TO));
		tpl_set(m, "SUBJECT", db_get(rows, i, L_SUBJECT));
		tpl_set(m, "QUEUED_AT", db_get(rows, i, L_QUEUED_AT));
		tpl_set(m, "ATTEMPTS", db_get(rows, i, L_ATTEMPTS));
		tpl_set(m, "LAST_ERROR", db_get(rows, i, L_LAST_ERROR));
		const char *state = row_state(rows, i, L_STATE);
		set_delivery(r, m, state, db_get(rows, i, L_STATE + STATE_SENT_AT), db_get(rows, i, L_ID));
		if (strcmp(state, "sent") && strcmp(state, "failed"))
			tpl_set(m, "NEXT_ATTEMPT_AT", db_get(rows, i, L_NEXT_ATTEMPT_AT));
	}
}

void outbox_list(request *r)
{
	if (*http_query(r, "id") && !*http_query(r, "done")) {
		long long id = http_id(http_query(r, "id"));
		if (id)
			outbox_message(r, id);
		else
			view_error(r, 404, "There is no message with that number in the mail outbox.");
		return;
	}
	seek at = http_seek(r), first = { .from = SEEK_FIRST, .key = "" };
	bool unsent_only = !strcmp(http_query(r, "list"), "unsent");
	const seek *unsent_at = unsent_only ? &at : &first;
	db_rows unsent, latest;
	if (read_outbox(r, &unsent_table, unsent_at, &unsent) != DB_OK ||
	    (!unsent_only && read_outbox(r, &all_table, &at, &latest) != DB_OK)) {
		view_unavailable(r, "The mail outbox");
		return;
	}
	tpl_dict *d = view_dict(r);
	send_again_notice(r, d);
	add_outbox_table(r, d, &unsent_table, unsent_at, &unsent);
	if (unsent_only)
		tpl_show_section(d, "ALL_LINK");
	else
		add_outbox_table(r, d, &all_table, &at, &latest);
	view_page(r, "outbox_list.tpl", "Mail outbox", d);
}

/* What stops a Send again; positive so it never collides with DB_* codes. */
enum { RESEND_NOT_FOUND = 1, RESEND_ALREADY_SENT, RESEND_SENDING };

typedef struct {
	arena *arena;
	long long id, user_id;
	const char *client_ip;
	const char *sent_at;  /* set when RESEND_ALREADY_SENT */
} resend_ctx;

/* The row is locked, so a mailer's claim (SKIP LOCKED) passes it by until the change is committed;
 * a row a mailer is sending right now is left alone, or it could go out twice. */
static int send_again_tx(void *arg)
{
	resend_ctx *c = arg;
	enum { TO, SUBJECT, LAST_ERROR, STATE, NCOLS = STATE + N_STATE_COLS };
	db_rows rows;
	int rc = db_query_cols(c->arena, &rows, NCOLS,
			  "SELECT to_addr, subject, last_error, " OUTBOX_STATE_SQL " FROM mail_outbox WHERE id = ? FOR UPDATE",
			  DB_ARGS(DB_INT(c->id)));
	if (rc != DB_OK)
		return rc;
	if (rows.nrows != 1)
		return RESEND_NOT_FOUND;
	const char *state = row_state(&rows, 0, STATE);
	if (!strcmp(state, "sent")) {
		c->sent_at = db_get(&rows, 0, STATE + STATE_SENT_AT);
		return RESEND_ALREADY_SENT;
	}
	if (!strcmp(state, "sending"))
		return RESEND_SENDING;
	if ((rc = db_exec("UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP(), failed_at = NULL, claimed_by = NULL "
			  "WHERE id = ?", DB_ARGS(DB_INT(c->id)), NULL, NULL)) != DB_OK)
		return rc;
	audit(c->user_id, "mail.send_again",
	      arena_printf(c->arena, "message %lld to %s (%s): was %s after %s attempts, last error: %s", c->id,
			   db_get(&rows, 0, TO), db_get(&rows, 0, SUBJECT), state, db_get(&rows, 0, STATE + STATE_ATTEMPTS),
			   db_get(&rows, 0, LAST_ERROR)),
	      c->client_ip);
	return DB_OK;
}

void outbox_send_again(request *r)
{
	resend_ctx c = { r->arena, http_id(http_form(r, "id")), r->user->id, r->remote_addr, "" };
	int rc = c.id ? db_transaction(send_again_tx, &c) : RESEND_NOT_FOUND;
	switch (rc) {
	case DB_OK:
		http_redirect(r, arena_printf(r->arena, "/admin/mail?done=sent-again&id=%lld", c.id));
		break;
	case RESEND_NOT_FOUND:
		view_error(r, 404, "There is no message with that number in the mail outbox. Choose one from the outbox.");
		break;
	case RESEND_ALREADY_SENT:
		view_error(r, 409, arena_printf(r->arena, "Message %lld was already sent at %s UTC; it is not sent twice. "
					       "Nothing was changed.", c.id, c.sent_at));
		break;
	case RESEND_SENDING:
		view_error(r, 409, "The mailer is sending this message right now. Nothing was changed; reload the outbox "
				   "in a minute to see how it went.");
		break;
	default:
		view_error(r, 503, "The message could not be queued again. Nothing was changed; try again in a minute.");
	}
}
