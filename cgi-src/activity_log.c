/* activity_log.c: the activity log's list and CSV export (activity_log.h), shared by the vendor admin's page
 * (every row, audit_log by id) and each party's (its range of audit_visibility's primary key, so a page costs
 * the same at a million rows as at ten) */
#include "activity_log.h"

#include <json-c/json.h>
#include <string.h>

#include "code_label.h"
#include "csv.h"
#include "db.h"
#include "list_query.h"
#include "validate.h"
#include "view.h"

#define EXPORT_BATCH 500
#define EXPORT_MAX_ROWS 100000
#define FILTER_TEXT_MAX 100
#define UNREADABLE N_("The activity log cannot be read right now. Try again in a minute.")

#define ACTIVITY_COLUMNS \
	"SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), COALESCE(u.upn, ''), COALESCE(o.name, ''), " \
	"COALESCE(b.name, ''), COALESCE(p.name, ''), a.action, a.object_type, COALESCE(a.object_id, ''), a.detail, " \
	"a.before_json, a.after_json, "
#define ACTIVITY_JOINS \
	"LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organizations o ON o.id = a.org_id " \
	"LEFT JOIN organizations b ON b.id = a.on_behalf_org_id LEFT JOIN organizations p ON p.id = a.party_org_id "
/* Each filter is switched off by its first "?" when empty, so one statement serves every combination. */
#define COMMON_FILTER_SQL \
	"(? = '' OR a.user_id = (SELECT id FROM users WHERE upn = ?)) " \
	"AND (? = '' OR a.action = ?) AND (? = '' OR a.object_type = ?) " \
	"AND (? = '' OR a.at >= CAST(? AS DATE)) AND (? = '' OR a.at < CAST(? AS DATE) + INTERVAL 1 DAY)"
#define COMMON_FILTER_ARGS(F) \
	DB_STR((F)->user), DB_STR((F)->user), DB_STR((F)->action), DB_STR((F)->action), DB_STR((F)->object), \
	DB_STR((F)->object), DB_STR((F)->from), DB_STR((F)->from), DB_STR((F)->to), DB_STR((F)->to)

/* The vendor admin's: every row; an organization's own change (no party) counts as made to it. */
#define ADMIN_SQL \
	ACTIVITY_COLUMNS "a.client_ip FROM audit_log a " ACTIVITY_JOINS \
	"WHERE (? = 0 OR a.org_id = ? OR a.on_behalf_org_id = ?) " \
	"AND (? = 0 OR a.party_org_id = ? OR (a.party_org_id IS NULL AND a.org_id = ?)) AND " COMMON_FILTER_SQL
#define ADMIN_FILTER_ARGS(F) \
	DB_INT((F)->org), DB_INT((F)->org), DB_INT((F)->org), DB_INT((F)->party), DB_INT((F)->party), \
	DB_INT((F)->party), COMMON_FILTER_ARGS(F)
/* A party's: its rows of audit_visibility, newest first along the primary key (org_id, audit_id). The client
 * address of another organization's people is theirs to see, not this party's. */
#define PARTY_SQL \
	ACTIVITY_COLUMNS "IF(a.org_id = ?, a.client_ip, '') FROM audit_visibility v JOIN audit_log a ON a.id = v.audit_id " \
	ACTIVITY_JOINS "WHERE v.org_id = ? AND " COMMON_FILTER_SQL

int activity_rows(arena *a, const activity_scope *s, const activity_filter *f, const seek *at, int page,
		     db_rows *rows)
{
	if (!s->org_id)
		return db_query_cols_lagging(a, rows, ACTIVITY_COL_COLS, SEEK_SQL_NEWEST_BY_ID(at, ADMIN_SQL, "a.id"),
					     DB_ARGS(ADMIN_FILTER_ARGS(f), SEEK_ID_ARGS(at, page)));
	return db_query_cols_lagging(a, rows, ACTIVITY_COL_COLS, SEEK_SQL_NEWEST_BY_ID(at, PARTY_SQL, "v.audit_id"),
				     DB_ARGS(DB_INT(s->org_id), DB_INT(s->org_id), COMMON_FILTER_ARGS(f), SEEK_ID_ARGS(at, page)));
}

static bool is_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static const char *filter_text(request *r, const char *name)
{
	return validate_truncate(r->arena, validate_trim(r->arena, http_query(r, name)), FILTER_TEXT_MAX);
}

/* The filter the query string asks for (the organization filters only on the vendor admin's page); NULL
 * when fine, else what is wrong with it and how to fix it. */
static const char *read_filter(request *r, const activity_scope *s, activity_filter *f)
{
	f->org_text = s->org_id ? "" : filter_text(r, "org");
	f->party_text = s->org_id ? "" : filter_text(r, "party");
	f->org = http_id(f->org_text);
	f->party = http_id(f->party_text);
	f->user = filter_text(r, "user");
	f->action = filter_text(r, "action");
	f->object = filter_text(r, "object");
	f->from = filter_text(r, "from");
	f->to = filter_text(r, "to");
	return activity_filter_problem(f);
}

const char *activity_filter_problem(const activity_filter *f)
{
	if ((*f->org_text && !f->org) || (*f->party_text && !f->party))
		return _("The organization must be given by its number (the id in its links). Leave it empty for every organization.");
	if ((*f->from && !is_date(f->from)) || (*f->to && !is_date(f->to)))
		return _("Dates must be written YYYY-MM-DD, for example 2026-12-01. Leave a date empty for no limit.");
	if (*f->from && *f->to && strcmp(f->from, f->to) > 0)
		return _("The start date is after the end date. Swap them or change one.");
	return NULL;
}

/* The filter as the start of a query string ("action=order.placed&", or ""), for the pager and export links. */
static const char *filter_query(request *r, const activity_filter *f)
{
	const char *const fields[][2] = { { "org", f->org_text }, { "party", f->party_text }, { "user", f->user },
					  { "action", f->action }, { "object", f->object }, { "from", f->from },
					  { "to", f->to } };
	const char *q = "";
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (*fields[i][1])
			q = arena_printf(r->arena, "%s%s=%s&", q, fields[i][0], view_url_escape(r, fields[i][1]));
	return q;
}

static void set_page(request *r, tpl_dict *d, const activity_scope *s, const activity_filter *f)
{
	tpl_set(d, "PATH", s->path);
	tpl_set(d, "CSV_PATH", s->csv_path);
	if (s->back_href) {
		tpl_dict *b = tpl_add_section(d, "BACK");
		tpl_set(b, "HREF", s->back_href);
		tpl_set(b, "TEXT", s->back_text);
	}
	tpl_set(d, "LEAD", s->lead);
	if (s->org_id)
		tpl_show_section(d, "NO_ORG_FILTERS");
	tpl_set(d, "QUERY", filter_query(r, f));
	if (!s->org_id) {
		tpl_dict *o = tpl_add_section(d, "ORG_FILTERS");
		tpl_set(o, "ORG", f->org_text);
		tpl_set(o, "PARTY", f->party_text);
	}
	if (*f->org_text || *f->party_text || *f->user || *f->action || *f->object || *f->from || *f->to)
		tpl_show_section(d, "FILTERED");
	tpl_set(d, "USER", f->user);
	tpl_set(d, "ACTION", f->action);
	tpl_set(d, "OBJECT", f->object);
	tpl_set(d, "FROM", f->from);
	tpl_set(d, "TO", f->to);
}

/* The audited values' names as the log shows them; a key without one is shown in words ("a_key": "a key"). */
static const code_label value_labels[] = {
	{ "licenses", N_("licenses") }, { "support_contact", N_("support contact") },
	{ "reseller_of_record", N_("reseller of record") }, { "roles", N_("roles") }, { "name", N_("name") },
	{ "sku", N_("SKU") }, { "category", N_("category") }, { "description", N_("description") },
	{ "price", N_("price") }, { "currency", N_("currency") }, { "min_licenses", N_("minimum licenses") },
	{ "max_licenses", N_("maximum licenses") }, { "active", N_("active") }, { "listed", N_("listed") },
	{ "headline", N_("headline") }, { "countries", N_("countries") }, { "services", N_("services") },
	{ "contact_email", N_("contact email") }, { "contact_phone", N_("contact phone") },
	{ "website", N_("website") }, { "tenant_id", N_("tenant") }, { "state", N_("state") },
	{ "attempts", N_("attempts") }, { "status", N_("status") }, { "language", N_("language") },
};

/* "reseller_of_record" as "reseller of record" */
static const char *key_words(request *r, const char *key)
{
	const char *label = code_label_find(value_labels, CODE_LABELS_COUNT(value_labels), key);
	if (label)
		return _(label);
	char *words = arena_strdup(r->arena, key);
	for (char *p = words; *p; p++)
		if (*p == '_')
			*p = ' ';
	return words;
}

/* A JSON value as a person reads it: the text of a string or number ("yes" and "no" in the request's
 * language), "none" for null or a missing key. */
static const char *value_text(request *r, json_object *o, const char *key, bool *present)
{
	json_object *v = NULL;
	*present = o && json_object_object_get_ex(o, key, &v);
	if (!v)
		/* TRANSLATORS: an activity log value that was empty or not set, as in "support contact: Contoso → none" */
		return _("none");
	const char *text = json_object_get_string(v);
	if (!strcmp(text, "yes"))
		return _("yes");
	if (!strcmp(text, "no"))
		return _("no");
	return arena_strdup(r->arena, text);
}

/* One FIELD per value the change touched, "licenses: 3 → 5": the keys of AFTER in order, then those only
 * BEFORE had. Values that are not JSON objects (a row written by hand) are shown as they are. */
static void add_changes(request *r, tpl_dict *e, const char *before_json, const char *after_json)
{
	json_object *before = *before_json ? json_tokener_parse(before_json) : NULL;
	json_object *after = *after_json ? json_tokener_parse(after_json) : NULL;
	if ((*before_json && !json_object_is_type(before, json_type_object)) ||
	    (*after_json && !json_object_is_type(after, json_type_object))) {
		tpl_dict *f = tpl_add_section(tpl_add_section(e, "CHANGE"), "FIELD");
		tpl_set(f, "NAME", _("values"));
		tpl_set(tpl_add_section(f, "OLD"), "VALUE", before_json);
		tpl_set(f, "NEW", after_json);
	} else {
		tpl_dict *change = NULL;
		json_object *sides[2] = { after, before };
		for (int side = 0; side < 2; side++) {
			if (!sides[side])
				continue;
			json_object_object_foreach(sides[side], key, unused) {
				(void)unused;
				bool had, has;
				const char *old = value_text(r, before, key, &had), *now = value_text(r, after, key, &has);
				if (side == 1 && has)
					continue;  /* listed with AFTER's keys */
				if (!change)
					change = tpl_add_section(e, "CHANGE");
				tpl_dict *f = tpl_add_section(change, "FIELD");
				tpl_set(f, "NAME", key_words(r, key));
				if (had)
					tpl_set(tpl_add_section(f, "OLD"), "VALUE", old);
				/* TRANSLATORS: an activity log value the change took away, as in "note: x → removed" */
				tpl_set(f, "NEW", has ? now : _("removed"));
			}
		}
	}
	json_object_put(before);
	json_object_put(after);
}

static void add_entry(request *r, tpl_dict *d, const db_rows *rows, int i)
{
	static const char *const names[ACTIVITY_COL_COLS] = { "ID", "AT", "WHO", "ORG", "BEHALF", "PARTY", "ACTION", "OBJECT_TYPE",
						   "OBJECT_ID", "DETAIL", "BEFORE", "AFTER", "FROM" };
	tpl_dict *e = tpl_add_section(d, "ENTRY");
	for (int c = 0; c < ACTIVITY_COL_COLS; c++)
		tpl_set(e, names[c], db_get(rows, i, c));
	tpl_set(e, "AT", i18n_datetime(r->arena, db_get(rows, i, ACTIVITY_COL_AT), false));
	tpl_set(e, "ACTION_LABEL", activity_action_label(db_get(rows, i, ACTIVITY_COL_ACTION)));
	if (*db_get(rows, i, ACTIVITY_COL_BEHALF))
		tpl_show_section(e, "ON_BEHALF");
	if (*db_get(rows, i, ACTIVITY_COL_PARTY))
		tpl_show_section(e, "OF_PARTY");
	add_changes(r, e, db_get(rows, i, ACTIVITY_COL_BEFORE), db_get(rows, i, ACTIVITY_COL_AFTER));
}

void activity_list(request *r, const activity_scope *s)
{
	activity_filter f;
	const char *problem = read_filter(r, s, &f);
	tpl_dict *d = view_dict(r);
	set_page(r, d, s, &f);
	if (problem) {
		r->status = 400;
		tpl_set(tpl_add_section(d, "FILTER_ERROR"), "MESSAGE", problem);
		tpl_show_section(d, "NO_ENTRIES");
		view_page(r, "activity.tpl", _("Activity log"), d);
		return;
	}
	seek at = http_seek(r);
	db_rows rows;
	if (activity_rows(r->arena, s, &f, &at, ACTIVITY_PAGE_SIZE, &rows) != DB_OK) {
		view_error(r, 503, _(UNREADABLE));
		return;
	}
	view_seek_page(d, &at, &rows, ACTIVITY_PAGE_SIZE, ACTIVITY_COL_ID, -1);
	for (int i = 0; i < rows.nrows; i++)
		add_entry(r, d, &rows, i);
	if (rows.nrows == 0)
		tpl_show_section(d, "NO_ENTRIES");
	view_page(r, "activity.tpl", _("Activity log"), d);
}

/* Up to EXPORT_BATCH rows older than the cursor into OUT; how many, or a DB_* code. */
static int export_batch(arena *a, const activity_scope *s, const activity_filter *f, seek *at, strbuf *out)
{
	db_rows rows;
	int rc = activity_rows(a, s, f, at, EXPORT_BATCH - 1, &rows);
	if (rc != DB_OK)
		return rc;
	for (int i = 0; i < rows.nrows; i++)
		for (int c = 0; c < ACTIVITY_COL_COLS; c++)
			csv_field(out, db_get(&rows, i, c), c == ACTIVITY_COL_COLS - 1);
	if (rows.nrows > 0)
		*at = (seek){ SEEK_AFTER, db_get_int(&rows, rows.nrows - 1, ACTIVITY_COL_ID), "" };
	return rows.nrows;
}

void activity_csv(request *r, const activity_scope *s)
{
	activity_filter f;
	const char *problem = read_filter(r, s, &f);
	if (problem)
		view_error(r, 400, problem);
	else
		activity_csv_of(r, s, &f);
}

void activity_csv_of(request *r, const activity_scope *s, const activity_filter *f)
{
	strbuf_reset(r->body);
	strbuf_puts(r->body, "id,at,user,organization,on_behalf_of,party,action,object_type,object_id,detail,before,after,"
			     "client_ip\r\n");
	seek at = { SEEK_FIRST, 0, "" };
	arena *batch = arena_new(256 * 1024);
	int n = 0;
	for (int total = 0; total < EXPORT_MAX_ROWS; total += n) {
		arena_reset(batch);
		n = export_batch(batch, s, f, &at, r->body);
		if (n < EXPORT_BATCH)
			break;
	}
	arena_free(batch);
	if (n < 0) {
		strbuf_reset(r->body);
		view_error(r, 503, _(UNREADABLE));
		return;
	}
	csv_answer(r, "activity.csv");
}

/* Every audit action code the product writes, with what it did in words. */
static const code_label action_labels[] = {
	{ "signin", N_("Signed in") },
	{ "signout", N_("Signed out") },
	{ "signin.failed", N_("Sign-in failed") },
	{ "membership.signin_failed", N_("Partner membership sign-in failed") },
	{ "password.changed", N_("Password changed") },
	{ "user.language_changed", N_("Language changed") },
	{ "account.switched", N_("Switched account") },
	{ "api_token.created", N_("API token created") },
	{ "api_token.revoked", N_("API token revoked") },
	{ "partner_user.added", N_("User added to the account") },
	{ "partner_user.created", N_("User created") },
	{ "partner_user.roles", N_("User roles changed") },
	{ "customer.created", N_("Customer added") },
	{ "customer.invited", N_("Customer invited") },
	{ "customer_invitation.revoked", N_("Customer invitation revoked") },
	{ "customer.relationship_accepted", N_("Reseller relationship accepted") },
	{ "customer.relationship_ended", N_("Reseller relationship ended") },
	{ "customer.user_added", N_("Customer user added") },
	{ "customer.user_password_reset", N_("Customer user's password reset") },
	{ "customer.user_removed", N_("Customer user removed") },
	{ "customer.user_licenses", N_("Customer user's licenses changed") },
	{ "partnership.requested", N_("Partnership requested") },
	{ "partnership.request_revoked", N_("Partnership request revoked") },
	{ "partnership.authorized", N_("Partnership authorized") },
	{ "partnership.ended", N_("Partnership ended") },
	{ "order.placed", N_("Order placed") },
	{ "subscription.support_contact", N_("Designated support contact changed") },
	{ "subscription.reseller_of_record", N_("Reseller of record changed") },
	{ "offer.created", N_("Offer added") },
	{ "offer.updated", N_("Offer changed") },
	{ "provider.listed", N_("Provider added to the list") },
	{ "provider.updated", N_("Provider listing changed") },
	{ "provider.delisted", N_("Provider delisted") },
	{ "provider.relisted", N_("Provider relisted") },
	{ "mail.send_again", N_("Message sent again") },
	{ "enroll.started", N_("Enrollment started") },
	{ "enroll.directory", N_("Enrollment: directory tenant chosen") },
	{ "tenant.created", N_("Directory tenant created") },
	{ "enroll.mpn_intro", N_("Enrollment: MPN ID step read") },
	{ "enroll.membership_user", N_("Enrollment: membership user name given") },
	{ "enroll.membership", N_("Enrollment: signed in to the membership center") },
	{ "enroll.membership_cancelled", N_("Enrollment: membership sign-in cancelled") },
	{ "enroll.profile", N_("Enrollment: organization profile chosen") },
	{ "enroll.details", N_("Enrollment: business details saved") },
	{ "enroll.submitted", N_("Enrollment submitted") },
	{ "enroll.verified", N_("Enrollment email verified") },
	{ "enrollment.approved", N_("Enrollment approved") },
	{ "enrollment.rejected", N_("Enrollment rejected") },
};

const char *activity_action_label(const char *code)
{
	const char *label = code_label_find(action_labels, CODE_LABELS_COUNT(action_labels), code);
	return label ? _(label) : code;
}
