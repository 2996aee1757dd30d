/* view.c: page rendering with the shared layout (header, navigation, footer) and error pages */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "db.h"
#include "db_answer.h"
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

static void fill_layout(request *r, tpl_dict *d, const char *title)
{
	tpl_dict *h = tpl_add_include(d, "HEADER", "layout_header.tpl");
	tpl_set(h, "TITLE", title);
	if (r->refusal)
		tpl_set(tpl_add_section(h, "REFUSAL"), "MESSAGE", r->refusal);
	const user *u = r->user;
	if (u) {
		tpl_dict *s = tpl_add_section(h, "SIGNED_IN");
		tpl_set(s, "USER_NAME", u->display_name);
		tpl_set(s, "USER_UPN", u->upn);
		tpl_set(s, "ORG_NAME", u->org_name[0] ? u->org_name : u->tenant_domain);
		tpl_set(s, "CSRF_TOKEN", csrf_token(r));
		if (!strcmp(u->org_kind, "vendor"))
			tpl_show_section(s, "NAV_ADMIN");
		if (!strcmp(u->org_kind, "provider"))
			tpl_show_section(s, "NAV_PROVIDER");
		if (!strcmp(u->org_kind, "reseller"))
			tpl_show_section(s, "NAV_RESELLER");
		if (!strcmp(u->org_kind, "customer"))
			tpl_show_section(s, "NAV_CUSTOMER");
		if (!strcmp(u->org_kind, "provider") || !strcmp(u->org_kind, "reseller"))
			tpl_show_section(s, "NAV_PARTNER");
		/* the activity logs' own guards (routes.c, page_activity.c) */
		if ((!strcmp(u->org_kind, "provider") || !strcmp(u->org_kind, "reseller")) && (u->roles & ROLE_ADMIN_AGENT))
			tpl_show_section(s, "NAV_ACCOUNT_ACTIVITY");
		if (!strcmp(u->org_kind, "customer") && !strcmp(u->directory_role, "global_admin"))
			tpl_show_section(s, "NAV_MY_ACTIVITY");
		if (u->accounts > 1)
			tpl_show_section(s, "SWITCH_ACCOUNT");
	} else {
		tpl_show_section(h, "SIGNED_OUT");
	}
	tpl_add_include(d, "FOOTER", "layout_footer.tpl");
}

static void render(request *r, const char *template_name, tpl_dict *d)
{
	r->answered = true;
	char err[256];
	const tpl_template *t = tpl_load(template_name, LAYOUT_TEMPLATES_STRIP, err, sizeof err);
	strbuf_reset(r->body);
	if (!t || tpl_render(t, d, r->body, err, sizeof err) != 0) {
		fprintf(stderr, "view: %s: %s\n", template_name, err);
		strbuf_reset(r->body);
		r->status = 500;
		r->content_type_out = "text/plain; charset=utf-8";
		strbuf_puts(r->body, "Internal error: a page template failed. It has been logged.\n");
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
		message = VIEW_BUG_MESSAGE;
	}
	/* 503, not 504: no gateway gave up, the page stopped its own statement; not 500: nothing is wrong with
	 * the code, the same page answers once the database is less busy or the search is narrower. A form keeps
	 * its own message (what was not saved), told why. */
	if (status == 503 && db_last_error_kind() == DB_TIMEOUT)
		message = strcmp(r->method, "POST") ? VIEW_TIMEOUT_MESSAGE
			: arena_printf(r->arena, "%s (The database took too long to answer, so it was stopped.)", message);
	tpl_dict *d = view_dict(r);
	r->status = status;
	tpl_set_int(d, "STATUS", status);
	tpl_set(d, "STATUS_TEXT", http_status_text(status));
	tpl_set(d, "MESSAGE", message);
	fill_layout(r, d, http_status_text(status));
	render(r, "error.tpl", d);
}

void view_unavailable(request *r, const char *what)
{
	view_error(r, 503, arena_printf(r->arena, VIEW_UNAVAILABLE("%s"), what));
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
	view_error(r, 500, "Something went wrong on our side and this page could not be shown. "
			   "It has been logged. Try again, or start again from the home page.");
}

const char *view_url_escape(request *r, const char *s)
{
	strbuf sb = STRBUF_INIT;
	tpl_url_query_escape(&sb, s, strlen(s));
	const char *out = arena_strdup(r->arena, strbuf_cstr(&sb));
	strbuf_release(&sb);
	return out;
}
