/* page_customer_new.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void customer_new_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void customer_new_step(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void customer_new_done(request *r)
{
	view_error(r, 503, "Not built yet.");
}

