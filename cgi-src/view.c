/* view.c: page rendering with the shared layout (header, navigation, footer) and error pages */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "auth.h"
#include "db.h"
#include "db_answer.h"
#include "domain/orgs.h"
#include "i18n.h"
#include "session.h"

tpl_dict *view_dict(request *r)
{
	return tpl_dict_new(r->arena);
}


/* Reverse the rows of R in place (a descending seek read back into list order). */
static void reverse_rows(db_rows *r)
{
	for (int lo = 0, hi = r->nrows - 1; lo < hi; lo++, hi--)
		for (int c = 0; c < r->ncols; c++) {
			char *t = r->cells[lo * r->ncols + c];
			r->cells[lo * r->ncols + c] = r->cells[hi * r->ncols + c];
			r->cells[hi * r->ncols + c] = t;
		}
}

static void set_cursor(tpl_dict *link, const db_rows *rows, int row, int id_col, int key_col)
{
	tpl_set_printf(link, "CURSOR", "%s:%s", db_get(rows, row, id_col), key_col < 0 ? "" : db_get(rows, row, key_col));
}

tpl_dict *view_seek_page(tpl_dict *d, const seek *s, db_rows *rows, int page_size, int id_col, int key_col)
{
	bool more = rows->nrows > page_size;  /* a row beyond the page, in the direction read */
	if (more)
		rows->nrows = page_size;
	if (seek_descending(s))
		reverse_rows(rows);
	/* the edge row of an after/before read exists, so the other direction always has rows */
	bool earlier = s->from == SEEK_AFTER || (seek_descending(s) && more);
	bool later = s->from == SEEK_BEFORE || (!seek_descending(s) && more);
	if (rows->nrows == 0) {  /* a cursor past the end (its rows went away): only the way back to the start */
		if (s->from == SEEK_FIRST)
			return NULL;
		tpl_dict *pg = tpl_add_section(d, "PAGER");
		tpl_show_section(pg, "FIRST");
		return pg;
	}
	if (!earlier && !later)
		return NULL;
	tpl_dict *pg = tpl_add_section(d, "PAGER");
	if (earlier) {
		tpl_show_section(pg, "FIRST");
		set_cursor(tpl_add_section(pg, "PREV"), rows, 0, id_col, key_col);
	}
	if (later) {
		set_cursor(tpl_add_section(pg, "NEXT"), rows, rows->nrows - 1, id_col, key_col);
		tpl_show_section(pg, "LAST");
	}
	return pg;
}

/* Who sees a header menu item: the kinds of organization (bits below) and what else it needs. */
enum { NAV_VENDOR = 1, NAV_PROVIDER = 2, NAV_RESELLER = 4, NAV_CUSTOMER = 8,
       NAV_NO_ACCOUNT = 16,  /* a directory user whose tenant has no account of the program */
       NAV_PARTNERS = NAV_PROVIDER | NAV_RESELLER, NAV_EVERYONE = NAV_VENDOR | NAV_PARTNERS | NAV_CUSTOMER | NAV_NO_ACCOUNT };
enum nav_needs { NAV_ANY, NAV_ADMIN_AGENT, NAV_GLOBAL_ADMIN, NAV_SEVERAL_ACCOUNTS };

typedef struct {
	const char *href, *label;
	unsigned kinds;
	enum nav_needs needs;
	const char *id;          /* the link's id, for the tests and the page's own links; NULL: none */
	const char *also[3];     /* other paths whose pages belong to this item (the longest match wins) */
} nav_item;

/* The top menu, in order; the seeds' Dashboard / Partner Center menu */
static const nav_item nav_main[] = {
	{ "/home", N_("Home"), NAV_EVERYONE, NAV_ANY, NULL, { NULL } },
	{ "/admin", N_("Admin portal"), NAV_VENDOR, NAV_ANY, NULL, { NULL } },
	{ "/admin/enrollments", N_("Enrollments"), NAV_VENDOR, NAV_ANY, NULL, { NULL } },
	{ "/admin/providers", N_("Providers"), NAV_VENDOR, NAV_ANY, NULL, { NULL } },
	{ "/admin/offers", N_("Offers"), NAV_VENDOR, NAV_ANY, NULL, { NULL } },
	{ "/admin/mail", N_("Mail outbox"), NAV_VENDOR, NAV_ANY, NULL, { NULL } },
	{ "/resellers", N_("Indirect resellers"), NAV_PROVIDER, NAV_ANY, NULL, { NULL } },
	{ "/indirect-providers", N_("Indirect providers"), NAV_RESELLER, NAV_ANY, NULL, { NULL } },
	{ "/customers", N_("Customers"), NAV_PARTNERS, NAV_ANY, NULL, { "/subscriptions", "/orders", NULL } },
	{ "/my/partners", N_("My partners"), NAV_CUSTOMER, NAV_ANY, NULL, { NULL } },
	{ "/my/subscriptions", N_("My subscriptions"), NAV_CUSTOMER, NAV_ANY, NULL, { NULL } },
	{ "/providers", N_("Find a provider"), NAV_EVERYONE, NAV_ANY, NULL, { NULL } },
};

/* Account settings: the account's own items, grouped so the top menu fits one line */
static const nav_item nav_account[] = {
	{ "/account/users", N_("User management"), NAV_PARTNERS, NAV_ANY, NULL, { NULL } },
	/* the activity logs' own guards (routes.c, page_activity.c) */
	{ "/account/activity", N_("Activity log"), NAV_PARTNERS, NAV_ADMIN_AGENT, NULL, { NULL } },
	{ "/my/activity", N_("Activity log"), NAV_CUSTOMER, NAV_GLOBAL_ADMIN, NULL, { NULL } },
	{ "/account/tokens", N_("API tokens"), NAV_PARTNERS, NAV_ANY, "api-tokens", { NULL } },
	{ "/account/switch", N_("Switch account"), NAV_PARTNERS, NAV_SEVERAL_ACCOUNTS, "switch-account", { NULL } },
	{ "/account/password", N_("Change password"), NAV_EVERYONE, NAV_ANY, NULL, { NULL } },
	{ "/account/language", N_("Language"), NAV_EVERYONE, NAV_ANY, "language-settings", { NULL } },
};

#define NAV_COUNT(items) (sizeof items / sizeof items[0])

static unsigned nav_kind_bit(const char *kind)
{
	return !strcmp(kind, "vendor") ? NAV_VENDOR : !strcmp(kind, "provider") ? NAV_PROVIDER
		: !strcmp(kind, "reseller") ? NAV_RESELLER : !strcmp(kind, "customer") ? NAV_CUSTOMER : NAV_NO_ACCOUNT;
}

static bool nav_shown(const nav_item *n, const user *u)
{
	if (!(n->kinds & nav_kind_bit(u->org_kind)))
		return false;
	switch (n->needs) {
	case NAV_ADMIN_AGENT: return u->roles & ROLE_ADMIN_AGENT;
	case NAV_GLOBAL_ADMIN: return !strcmp(u->directory_role, "global_admin");
	case NAV_SEVERAL_ACCOUNTS: return u->accounts > 1;
	default: return true;
	}
}

/* How long a prefix of PATH the item's page is (its path itself or one of the pages under it), 0: none. */
static size_t prefix_match(const char *prefix, const char *path)
{
	size_t n = strlen(prefix);
	return !strncmp(path, prefix, n) && (path[n] == '\0' || path[n] == '/') ? n : 0;
}

static size_t nav_match(const nav_item *n, const char *path)
{
	size_t best = prefix_match(n->href, path);
	for (int i = 0; i < 3 && n->also[i]; i++) {
		size_t m = prefix_match(n->also[i], path);
		if (m > best)
			best = m;
	}
	return best;
}

/* The item of either menu whose pages PATH belongs to, the longest match: NULL when none. */
static const nav_item *nav_current(const user *u, const char *path)
{
	const nav_item *best = NULL;
	size_t best_len = 0;
	const nav_item *lists[] = { nav_main, nav_account };
	const size_t counts[] = { NAV_COUNT(nav_main), NAV_COUNT(nav_account) };
	for (int l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			size_t m = nav_shown(&lists[l][i], u) ? nav_match(&lists[l][i], path) : 0;
			if (m > best_len) {
				best = &lists[l][i];
				best_len = m;
			}
		}
	return best;
}

/* The items of ITEMS that U sees, as sections SECTION of D (HREF, LABEL, ID, CURRENT); true when one is current. */
static bool add_nav_items(tpl_dict *d, const char *section, const nav_item *items, size_t count, const user *u,
			  const nav_item *current)
{
	bool has_current = false;
	for (size_t i = 0; i < count; i++) {
		if (!nav_shown(&items[i], u))
			continue;
		tpl_dict *item = tpl_add_section(d, section);
		tpl_set(item, "HREF", items[i].href);
		tpl_set(item, "LABEL", _(items[i].label));
		if (items[i].id)
			tpl_set(tpl_add_section(item, "ID"), "ID", items[i].id);
		if (&items[i] == current) {
			tpl_show_section(item, "CURRENT");
			has_current = true;
		}
	}
	return has_current;
}

static void fill_navigation(request *r, tpl_dict *s, const user *u)
{
	const nav_item *current = nav_current(u, r->path);
	add_nav_items(s, "NAV_ITEM", nav_main, NAV_COUNT(nav_main), u, current);
	if (add_nav_items(s, "ACCOUNT_ITEM", nav_account, NAV_COUNT(nav_account), u, current))
		tpl_show_section(s, "ACCOUNT_CURRENT");
}

/* The footer's language picker: each language the portal speaks, the current one selected, and the page to
 * come back to (return_to, not "next": the page's own next, if it has one, stays the page's). */
static void fill_language_picker(request *r, tpl_dict *f)
{
	if (r->for_no_one)
		return;  /* its token would be nobody's: the picker would answer 403 */
	f = tpl_add_section(f, "PICKER");
	tpl_set(f, "CSRF_TOKEN", csrf_token(r));
	/* an error page comes back without its query: it must not differ between a foreign and a missing object */
	bool get = r->method && !strcmp(r->method, "GET") && r->status < 400;
	const char *path = r->path ? r->path : "/";
	tpl_set(f, "RETURN_TO", get && r->query_string && *r->query_string
		? arena_printf(r->arena, "%s?%s", path, r->query_string) : path);
	for (int l = 0; l < LANG_LISTED; l++) {
		tpl_dict *o = tpl_add_section(f, "LANGUAGE");
		tpl_set(o, "CODE", i18n_code((lang)l));
		tpl_set(o, "NAME", i18n_native_name((lang)l));
		if (l == r->lang)
			tpl_show_section(o, "SELECTED");
	}
}

static void fill_layout(request *r, tpl_dict *d, const char *title)
{
	tpl_dict *h = tpl_add_include(d, "HEADER", "layout_header.tpl");
	tpl_set(h, "TITLE", title);
	tpl_set(h, "LANG", i18n_code(r->lang));
	if (r->refusal)
		tpl_set(tpl_add_section(h, "REFUSAL"), "MESSAGE", r->refusal);
	const user *u = r->user;
	if (u) {
		tpl_dict *s = tpl_add_section(h, "SIGNED_IN");
		tpl_set(s, "USER_NAME", u->display_name);
		tpl_set(s, "USER_UPN", u->upn);
		tpl_set(s, "ORG_NAME", u->org_name[0] ? u->org_name : u->tenant_domain);
		if (*orgs_kind_label(u->org_kind))
			tpl_set(tpl_add_section(s, "ORG_KIND"), "KIND", orgs_kind_label(u->org_kind));
		tpl_set(s, "CSRF_TOKEN", csrf_token(r));
		fill_navigation(r, s, u);
	} else {
		tpl_show_section(h, "SIGNED_OUT");
	}
	fill_language_picker(r, tpl_add_include(d, "FOOTER", "layout_footer.tpl"));
}

static void render(request *r, const char *template_name, tpl_dict *d)
{
	r->answered = true;
	char err[256];
	/* each language's templates are in their own folder of build/templates/, includes too */
	const char *dir = i18n_code(r->lang);
	const tpl_template *t = tpl_load(arena_printf(r->arena, "%s/%s", dir, template_name), LAYOUT_TEMPLATES_STRIP,
					 err, sizeof err);
	strbuf_reset(r->body);
	if (!t || tpl_render_in(t, dir, d, r->body, err, sizeof err) != 0) {
		fprintf(stderr, "view: %s: %s\n", template_name, err);
		strbuf_reset(r->body);
		r->status = 500;
		r->content_type_out = "text/plain; charset=utf-8";
		strbuf_puts(r->body, _("Internal error: a page template failed. It has been logged.\n"));
	}
}

void view_page(request *r, const char *template_name, const char *title, tpl_dict *d)
{
	/* the status is 500 until a handler answers: a page it did not give another status is a 200 */
	if (!r->answered && r->status == 500)
		r->status = 200;
	tpl_set(d, "CSRF_TOKEN", csrf_token(r));
	fill_layout(r, d, title);
	render(r, template_name, d);
}

void view_error(request *r, int status, const char *message)
{
	/* "try again later" is wrong when the database refused a statement the code got wrong: that is ours to fix */
	if (status == 503 && db_last_error_kind() == DB_BUG) {
		status = 500;
		message = _(VIEW_BUG_MESSAGE);
	}
	/* 503, not 504: no gateway gave up, the page stopped its own statement; not 500: nothing is wrong with
	 * the code, the same page answers once the database is less busy or the search is narrower. A form keeps
	 * its own message (what was not saved), told why. */
	if (status == 503 && db_last_error_kind() == DB_TIMEOUT)
		message = strcmp(r->method, "POST") ? _(VIEW_TIMEOUT_MESSAGE)
			: arena_printf(r->arena, _("%s (The database took too long to answer, so it was stopped.)"), message);
	if (status == 503 && db_last_error_kind() == DB_CONFLICT)
		message = arena_printf(r->arena, _("%s (Other changes to the same records were being saved at the same "
						   "moment, and this one gave way each time it was tried: nothing was saved. "
						   "Submit it again.)"), message);
	if (r->json_errors) {  /* a /v1/ call gets the same words as JSON */
		api_error(r, status, NULL, message, NULL);
		return;
	}
	tpl_dict *d = view_dict(r);
	r->status = status;
	tpl_set_int(d, "STATUS", status);
	tpl_set(d, "STATUS_TEXT", _(http_status_text(status)));
	tpl_set(d, "MESSAGE", message);
	fill_layout(r, d, _(http_status_text(status)));
	render(r, "error.tpl", d);
}

const char *view_unavailable_text(request *r, const char *what)
{
	return arena_printf(r->arena, _(VIEW_UNAVAILABLE_FORMAT), what);
}

void view_unavailable(request *r, const char *what)
{
	view_error(r, 503, arena_printf(r->arena, _(VIEW_UNAVAILABLE_FORMAT), what));
}

void view_refusal(request *r, const outcome *o, const char *unavailable)
{
	if (o->kind == OUTCOME_FAILED)
		db_answer_failure(r, o->db_rc, unavailable);
	else
		view_error(r, outcome_status(o), o->message);
}

void view_text(request *r, int status, const char *text)
{
	r->answered = true;
	r->status = status;
	r->content_type_out = "text/plain; charset=utf-8";
	strbuf_reset(r->body);
	strbuf_puts(r->body, text);
}

void view_finish(request *r)
{
	if (r->answered)
		return;
	/* a handler returned without rendering, redirecting or refusing: a bug, never an empty 200 */
	fprintf(stderr, "view: %s %s: the handler gave no answer; sending 500\n", r->method, r->path);
	strbuf_reset(r->body);
	view_error(r, 500, _("Something went wrong on our side and this page could not be shown. "
			     "It has been logged. Try again, or start again from the home page."));
}

const char *view_url_escape(request *r, const char *s)
{
	strbuf sb = STRBUF_INIT;
	tpl_url_query_escape(&sb, s, strlen(s));
	const char *out = arena_strdup(r->arena, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return out;
}
