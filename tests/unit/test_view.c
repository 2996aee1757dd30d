/* test_view.c: what the worker sends after the handler: an unanswered request is a 500 error page, never
 * an empty 200; an answered one keeps its status */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "view.h"

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

static int setup(void **state)
{
	static fixture f = { .headers = STRBUF_INIT, .body = STRBUF_INIT };
	f.a = arena_new(16 * 1024);
	tpl_set_root("templates");
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unanswered_request_is_a_500_page),
		cmocka_unit_test(test_page_without_a_status_is_200),
		cmocka_unit_test(test_chosen_status_is_kept),
	};
	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
