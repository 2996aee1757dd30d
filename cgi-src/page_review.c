/* page_review.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void review_queue(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void review_view(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void review_approve(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void review_reject(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void outbox_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

