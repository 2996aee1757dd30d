/* page_review.c: the vendor admin's enrollment review queue (approve / reject) and the mail outbox */
#include <ctype.h>
#include <string.h>

#include "app.h"
#include "auth.h"
#include "code_label.h"
#include "db.h"
#include "db_answer.h"
#include "list_query.h"
#include "session.h"
#include "validate.h"
#include "view.h"
#include "domain/enrollments.h"
#include "domain/outbox.h"

#define QUEUE_PAGE_SIZE 50

/* The tabs, in order: each status and its label */
static const code_label statuses[] = {
	{ "pending_review", NC_("application status", "Waiting for review") },
	{ "pending_verification", NC_("application status", "Waiting for email verification") },
	{ "approved", NC_("application status", "Approved") },
	{ "rejected", NC_("application status", "Rejected") },
};
#define N_STATUSES (sizeof statuses / sizeof statuses[0])

static const char *status_label(const char *status)
{
	const char *label = code_label_find(statuses, N_STATUSES, status);
	return label ? i18n_ctext(label) : NULL;
}

/* A positive decimal id from a parameter, or 0 for anything else. */
static const char *verification_state(const char *status, const char *verified_at)
{
	if (!strcmp(status, "pending_verification"))
		return _("Waiting for the primary contact to verify their email address");
	return *verified_at ? _("Email verified") : _("Not verified");
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
		tpl_set(tab, "STATUS", statuses[i].code);
		tpl_set(tab, "LABEL", i18n_ctext(statuses[i].label));
		long long n = 0;
		for (int row = 0; row < counts.nrows; row++)
			if (!strcmp(db_get(&counts, row, STATUS), statuses[i].code))
				n = db_get_int(&counts, row, COUNT);
		list_set_count(tab, "COUNT", n);
		tpl_show_section(tab, strcmp(statuses[i].code, current) ? "OTHER" : "CURRENT");
	}
}

/* One tab's applications, newest first, walked backwards along ix_app_status (status, submitted_at, id). */
#define QUEUE_SQL \
	"SELECT a.id, " ENROLLMENTS_APPLICATION_NAME_SQL ", t.domain, a.short_path, COALESCE(a.mpn_id, ''), " \
	"a.contact_name, a.contact_email, a.submitted_at, COALESCE(a.verified_at, ''), " \
	"COALESCE(a.reviewed_at, '') " \
	"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE a.status = ?"
enum { Q_ID, Q_NAME, Q_TENANT, Q_SHORT_PATH, Q_MPN_ID, Q_CONTACT_NAME, Q_CONTACT_EMAIL, Q_SUBMITTED_AT, Q_VERIFIED_AT,
       Q_REVIEWED_AT, Q_NCOLS };

static void add_application(request *r, tpl_dict *d, const char *status, const db_rows *rows, int i)
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
	tpl_set(e, "SUBMITTED_AT", i18n_datetime(r->arena, db_get(rows, i, Q_SUBMITTED_AT), false));
	tpl_set(e, "VERIFICATION", verification_state(status, db_get(rows, i, Q_VERIFIED_AT)));
	tpl_set(e, "REVIEWED_AT", db_get(rows, i, Q_REVIEWED_AT));
}

void review_queue(request *r)
{
	const char *status = *http_query(r, "status") ? http_query(r, "status") : "pending_review";
	const char *label = status_label(status);
	if (!label) {
		view_error(r, 404, _("There is no such list of applications. Choose one of the tabs on the review queue."));
		return;
	}
	seek at = http_seek(r);
	db_rows rows;
	if (db_query_cols(r->arena, &rows, Q_NCOLS, SEEK_SQL_NEWEST_BY_KEY(&at, QUEUE_SQL, "a.submitted_at", "a.id"),
			  DB_ARGS(DB_STR(status), SEEK_KEY_ARGS(&at, QUEUE_PAGE_SIZE))) != DB_OK) {
		view_unavailable(r, _("The enrollment applications"));
		return;
	}
	tpl_dict *d = view_dict(r);
	tpl_set(d, "LIST_LABEL", label);
	tpl_set(d, "LIST_STATUS", status);
	add_status_tabs(r, d, status);
	view_seek_page(d, &at, &rows, QUEUE_PAGE_SIZE, Q_ID, Q_SUBMITTED_AT);
	for (int i = 0; i < rows.nrows; i++)
		add_application(r, d, status, &rows, i);
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_APPLICATIONS");
	view_page(r, "review_queue.tpl", _("Enrollment review"), d);
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
enum { F_STATUS = 1, F_LEGAL_NAME = 3, F_COUNTRY = 9, F_SUBMITTED_AT = 17, F_VERIFIED_AT = 18, F_REVIEWED_AT = 19,
       F_PROFILE_NAME = 28, F_PROFILE_COUNTRY = 29, F_SHORT_PATH = 32, N_DETAIL_FIELDS = 33 };
/* The detail columns that are times, shown in the request's language */
static const int detail_times[] = { F_SUBMITTED_AT, F_VERIFIED_AT, F_REVIEWED_AT };
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
		"COALESCE(p.city, ''), " ENROLLMENTS_APPLICATION_NAME_SQL ", a.short_path "
		"FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id "
		"LEFT JOIN users ap ON ap.id = a.applicant_user_id "
		"LEFT JOIN users rv ON rv.id = a.reviewed_by "
		"LEFT JOIN organizations o ON o.id = a.org_id "
		"LEFT JOIN org_profiles p ON p.id = a.profile_id WHERE a.id = ?",
		DB_ARGS(DB_INT(id)));
}

/* The next letter or digit of *S (advancing *S past it), ASCII letters in lower case, skipping ASCII spaces
 * and punctuation; a byte of a multibyte character as it is; '\0' at the end. */
static unsigned char next_name_char(const char **s)
{
	while (**s && (unsigned char)**s < 0x80 && !isalnum((unsigned char)**s))
		(*s)++;
	unsigned char c = (unsigned char)**s;
	if (c)
		(*s)++;
	return c < 0x80 ? (unsigned char)tolower(c) : c;
}

/* Whether names A and B differ in more than letter case, spacing and punctuation ("Contoso, Ltd." and
 * "CONTOSO LTD" do not). */
static bool names_differ(const char *a, const char *b)
{
	for (;;) {
		unsigned char x = next_name_char(&a), y = next_name_char(&b);
		if (x != y)
			return true;
		if (!x)
			return false;
	}
}

/* The applicant's legal name against the membership profile's (the seed: "confirm that your organization
 * has an established profile"): flagged when they differ, noted when only the spelling differs. */
static void add_name_check(tpl_dict *d, const char *legal_name, const char *profile_name)
{
	if (!*profile_name || !*legal_name || !strcmp(legal_name, profile_name))
		return;
	tpl_dict *c = tpl_add_section(d, names_differ(legal_name, profile_name) ? "NAME_DIFFERS" : "NAME_SPELLING");
	tpl_set(c, "LEGAL_NAME", legal_name);
	tpl_set(c, "PROFILE_NAME", profile_name);
	tpl_show_section(d, "NAME_FLAG");
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
		view_unavailable(r, _("The enrollment applications"));
		return;
	}
	if (rows.nrows != 1) {
		view_error(r, 404, _("There is no enrollment application with that number."));
		return;
	}
	tpl_dict *d = view_dict(r);
	for (int col = 0; col < N_DETAIL_FIELDS; col++)
		tpl_set(d, detail_fields[col], db_get(&rows, 0, col));
	for (size_t t = 0; t < sizeof detail_times / sizeof detail_times[0]; t++)
		tpl_set(d, detail_fields[detail_times[t]],
			i18n_datetime(r->arena, db_get(&rows, 0, detail_times[t]), false));
	tpl_set(d, "COUNTRY", validate_country_label(db_get(&rows, 0, F_COUNTRY)));
	tpl_set(d, "PROFILE_COUNTRY", validate_country_label(db_get(&rows, 0, F_PROFILE_COUNTRY)));
	if (!db_get_int(&rows, 0, F_SHORT_PATH))
		add_name_check(d, db_get(&rows, 0, F_LEGAL_NAME), db_get(&rows, 0, F_PROFILE_NAME));
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
	view_page(r, "review_view.tpl", arena_printf(r->arena, _("Enrollment application %lld"), id), d);
}

void review_view(request *r)
{
	long long id = http_id(http_query(r, "id"));
	if (!id) {
		view_error(r, 404, _("There is no enrollment application with that number."));
		return;
	}
	application_page(r, id, NULL, "");
}

/* ---- approve and reject ---- */

#define REVIEW_UNAVAILABLE N_("The review could not be saved. Nothing was changed; try again in a minute.")

void review_approve(request *r)
{
	actor who = actor_of(r);
	long long id = http_id(http_form(r, "id"));
	outcome o = enrollments_approve(r->arena, &who, id);
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _(REVIEW_UNAVAILABLE));
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/admin/enrollments/view?id=%lld&done=approved", id));
}

void review_reject(request *r)
{
	actor who = actor_of(r);
	long long id = http_id(http_form(r, "id"));
	outcome o = enrollments_reject(r->arena, &who, id, http_form(r, "reason"));
	if (o.kind == OUTCOME_INVALID) {  /* the form back, with what was typed */
		r->status = 400;
		application_page(r, id, o.message, validate_trim(r->arena, http_form(r, "reason")));
		return;
	}
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _(REVIEW_UNAVAILABLE));
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/admin/enrollments/view?id=%lld&done=rejected", id));
}

/* ---- the mail outbox ---- */

/* The state shown where the sent time goes until there is one, and the Send again form where it helps. */
static void set_delivery(request *r, tpl_dict *m, const char *state, const char *sent_at, const char *id)
{
	if (!strcmp(state, "sent")) {
		tpl_set(tpl_add_section(m, "SENT"), "SENT_AT", i18n_datetime(r->arena, sent_at, false));
		return;
	}
	tpl_set(tpl_add_section(m, "NOT_SENT"), "STATE", outbox_state_label(state));
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
	       M_LANGUAGE, M_STATE, M_NCOLS = M_STATE + OUTBOX_STATE_NCOLS };
	db_rows rows;
	if (db_query_cols(r->arena, &rows, M_NCOLS,
		     "SELECT id, to_addr, subject, body, created_at, attempts, last_error, COALESCE(next_attempt_at, ''), "
		     "language, " OUTBOX_STATE_SQL " FROM mail_outbox WHERE id = ?", DB_ARGS(DB_INT(id))) != DB_OK) {
		view_unavailable(r, _("The mail outbox"));
		return;
	}
	if (rows.nrows != 1) {
		view_error(r, 404, _("There is no message with that number in the mail outbox."));
		return;
	}
	static const char *const fields[M_SHOWN] = { "ID", "TO", "SUBJECT", "BODY", "QUEUED_AT", "ATTEMPTS", "LAST_ERROR" };
	tpl_dict *d = view_dict(r);
	for (int col = 0; col < M_SHOWN; col++)
		tpl_set(d, fields[col], db_get(&rows, 0, col));
	tpl_set(d, "QUEUED_AT", i18n_datetime(r->arena, db_get(&rows, 0, M_QUEUED_AT), false));
	tpl_set(d, "LANGUAGE", db_get(&rows, 0, M_LANGUAGE));  /* the message's own, whatever the page's */
	const char *state = outbox_row_state(&rows, 0, M_STATE);
	set_delivery(r, d, state, db_get(&rows, 0, M_STATE + OUTBOX_STATE_SENT_AT), db_get(&rows, 0, M_ID));
	if (strcmp(state, "sent") && strcmp(state, "failed"))
		tpl_set(tpl_add_section(d, "NEXT"), "NEXT_ATTEMPT_AT",
			i18n_datetime(r->arena, db_get(&rows, 0, M_NEXT_ATTEMPT_AT), false));
	view_page(r, "outbox_message.tpl", arena_printf(r->arena, _("Message %lld"), id), d);
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
static const outbox_table unsent_table = { "unsent", "outbox-unsent", N_("Not sent yet"),
					   N_("Every message has been sent.") };
static const outbox_table all_table = { "all", "outbox", N_("Latest messages"), N_("No message has been queued yet.") };

#define OUTBOX_LIST_SQL \
	"SELECT id, to_addr, subject, created_at, attempts, last_error, COALESCE(next_attempt_at, ''), language, " \
	OUTBOX_STATE_SQL " FROM mail_outbox "
enum { L_ID, L_TO, L_SUBJECT, L_QUEUED_AT, L_ATTEMPTS, L_LAST_ERROR, L_NEXT_ATTEMPT_AT, L_LANGUAGE, L_STATE,
       L_NCOLS = L_STATE + OUTBOX_STATE_NCOLS };

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
	tpl_set(t, "HEADING", _(table->heading));
	tpl_set(t, "LIST", table->list);
	view_seek_page(t, at, rows, OUTBOX_PAGE_SIZE, L_ID, -1);
	if (rows->nrows == 0)
		tpl_set(tpl_add_section(t, "NONE"), "NONE_TEXT", _(table->none));
	for (int i = 0; i < rows->nrows; i++) {
		tpl_dict *m = tpl_add_section(t, "MESSAGE");
		tpl_set(m, "ID", db_get(rows, i, L_ID));
		tpl_set(m, "TO", db_get(rows, i, L_TO));
		tpl_set(m, "SUBJECT", db_get(rows, i, L_SUBJECT));
		tpl_set(m, "LANGUAGE", db_get(rows, i, L_LANGUAGE));
		tpl_set(m, "QUEUED_AT", i18n_datetime(r->arena, db_get(rows, i, L_QUEUED_AT), false));
		tpl_set(m, "ATTEMPTS", db_get(rows, i, L_ATTEMPTS));
		tpl_set(m, "LAST_ERROR", db_get(rows, i, L_LAST_ERROR));
		const char *state = outbox_row_state(rows, i, L_STATE);
		set_delivery(r, m, state, db_get(rows, i, L_STATE + OUTBOX_STATE_SENT_AT), db_get(rows, i, L_ID));
		if (strcmp(state, "sent") && strcmp(state, "failed"))
			tpl_set(m, "NEXT_ATTEMPT_AT", i18n_datetime(r->arena, db_get(rows, i, L_NEXT_ATTEMPT_AT), false));
	}
}

void outbox_list(request *r)
{
	if (*http_query(r, "id") && !*http_query(r, "done")) {
		long long id = http_id(http_query(r, "id"));
		if (id)
			outbox_message(r, id);
		else
			view_error(r, 404, _("There is no message with that number in the mail outbox."));
		return;
	}
	seek at = http_seek(r), first = { .from = SEEK_FIRST, .key = "" };
	bool unsent_only = !strcmp(http_query(r, "list"), "unsent");
	const seek *unsent_at = unsent_only ? &at : &first;
	db_rows unsent, latest;
	if (read_outbox(r, &unsent_table, unsent_at, &unsent) != DB_OK ||
	    (!unsent_only && read_outbox(r, &all_table, &at, &latest) != DB_OK)) {
		view_unavailable(r, _("The mail outbox"));
		return;
	}
	tpl_dict *d = view_dict(r);
	send_again_notice(r, d);
	add_outbox_table(r, d, &unsent_table, unsent_at, &unsent);
	if (unsent_only)
		tpl_show_section(d, "ALL_LINK");
	else
		add_outbox_table(r, d, &all_table, &at, &latest);
	view_page(r, "outbox_list.tpl", _("Mail outbox"), d);
}

void outbox_send_again(request *r)
{
	actor who = actor_of(r);
	outcome o = outbox_send_again_message(r->arena, &who, http_id(http_form(r, "id")));
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("The message could not be queued again. Nothing was changed; try again in a minute."));
		return;
	}
	http_redirect(r, arena_printf(r->arena, "/admin/mail?done=sent-again&id=%lld", o.id));
}
