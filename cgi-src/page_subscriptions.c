/* page_subscriptions.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void subscription_new_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void subscription_new_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void subscription_view(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void subscription_licenses_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void subscription_support_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void order_view(request *r)
{
	view_error(r, 503, "Not built yet.");
}

