/* test_view.c: what the worker sends after the handler: an unanswered request is a 500 error page, never
 * an empty 200; an answered one keeps its status */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "rights.h"
#include "view.h"
#include "i18n.h"

typedef struct {
	arena *a;
	strbuf headers, body;
} fixture;

static request new_request(fixture *f)
{
	strbuf_reset(&f->headers);
	strbuf_reset(&f->body);
	return (request){ .arena = f->a, .method = "GET", .path = "/x", .status = 500, .headers = &f->headers,
			  .body = &f->body, .content_type_out = "text/html; charset=utf-8" };
}

static void handler_that_forgets_to_answer(request *r)
{
	(void)r;
}

static void test_unanswered_request_is_a_500_page(void **state)
{
	fixture *f = *state;
	request r = new_request(f);
	handler_that_forgets_to_answer(&r);
	view_finish(&r);
	assert_int_equal(r.status, 500);
	assert_non_null(strstr(strbuf_cstr(&f->body), "500 · Internal Server Error"));
	assert_non_null(strstr(strbuf_cstr(&f->body), "It has been logged"));
}

static void test_page_without_a_status_is_200(void **state)
{
	fixture *f = *state;
	request r = new_request(f);
	view_page(&r, "error.tpl", "Title", view_dict(&r));
	view_finish(&r);
	assert_int_equal(r.status, 200);
}

static void test_chosen_status_is_kept(void **state)
{
	fixture *f = *state;
	request r = new_request(f);
	r.status = 409;
	view_page(&r, "error.tpl", "Title", view_dict(&r));
	view_finish(&r);
	assert_int_equal(r.status, 409);
	r = new_request(f);
	http_redirect(&r, "/home");
	view_finish(&r);
	assert_int_equal(r.status, 303);
	assert_int_equal(f->body.len, 0);
	r = new_request(f);
	view_text(&r, 200, "ok\n");
	view_finish(&r);
	assert_int_equal(r.status, 200);
	assert_string_equal(strbuf_cstr(&f->body), "ok\n");
}

/* The one "cannot be read" page of every list: a 503 whose message names what could not be read, the same
 * whether the page or rights_granted sends it */
static void test_unavailable_names_what(void **state)
{
	fixture *f = *state;
	request r = new_request(f);
	view_unavailable(&r, "Your customers");
	assert_int_equal(r.status, 503);
	assert_non_null(strstr(strbuf_cstr(&f->body), "Your customers cannot be read right now. Try again in a minute."));
	r = new_request(f);
	assert_false(rights_granted(&r, RIGHTS_FAILED, RIGHTS_ACCOUNT, VIEW_UNAVAILABLE("Your accounts")));
	assert_int_equal(r.status, 503);
	assert_non_null(strstr(strbuf_cstr(&f->body), "Your accounts cannot be read right now. Try again in a minute."));
}

static int setup(void **state)
{
	static fixture f = { .headers = STRBUF_INIT, .body = STRBUF_INIT };
	f.a = arena_new(16 * 1024);
	char err[256];
	if (i18n_init("build", false, err, sizeof err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	tpl_set_root("build/templates");
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	arena_free(f->a);
	strbuf_release(&f->headers);
	strbuf_release(&f->body);
	return 0;
}

/* Rows "1".."N" (one column) as a seek query would return them. */
static db_rows seek_rows(arena *a, int n, bool descending)
{
	db_rows r = { .ncols = 1, .nrows = n, .cells = arena_alloc(a, sizeof(char *) * (size_t)(n ? n : 1)) };
	for (int i = 0; i < n; i++)
		r.cells[i] = arena_printf(a, "%d", descending ? n - i : i + 1);
	return r;
}

/* A seek page reads page_size + 1 rows: the extra one only says that more follow, and a descending read
 * (Previous, Last) comes back in list order */
static void test_seek_page(void **state)
{
	fixture *f = *state;
	const struct { seek_from from; int nrows; bool pager; int first, last; } cases[] = {
		{ SEEK_FIRST, 3, true, 1, 2 },    /* 3 read: 2 shown, more follow */
		{ SEEK_FIRST, 2, false, 1, 2 },   /* everything on one page */
		{ SEEK_AFTER, 2, true, 1, 2 },    /* the last page after Next: Previous only */
		{ SEEK_LAST, 3, true, 2, 3 },     /* read 3, 2, 1 descending: shows 2, 3 */
		{ SEEK_BEFORE, 1, true, 1, 1 },   /* the first page reached by Previous */
		{ SEEK_AFTER, 0, true, 0, 0 },    /* past the end (the edge rows went away): First leads back */
		{ SEEK_FIRST, 0, false, 0, 0 },   /* an empty list */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		seek s = { .from = cases[i].from, .id = 9, .key = "" };
		db_rows rows = seek_rows(f->a, cases[i].nrows, seek_descending(&s));
		tpl_dict *d = tpl_dict_new(f->a);
		tpl_dict *pg = view_seek_page(d, &s, &rows, 2, 0, -1);
		assert_int_equal(pg != NULL, cases[i].pager);
		if (cases[i].first) {
			assert_int_equal(db_get_int(&rows, 0, 0), cases[i].first);
			assert_int_equal(db_get_int(&rows, rows.nrows - 1, 0), cases[i].last);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unanswered_request_is_a_500_page),
		cmocka_unit_test(test_page_without_a_status_is_200),
		cmocka_unit_test(test_chosen_status_is_kept),
		cmocka_unit_test(test_seek_page),
		cmocka_unit_test(test_unavailable_names_what),
	};
	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
