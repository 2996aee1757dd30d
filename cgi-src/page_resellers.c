/* page_resellers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void resellers_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void reseller_view(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void partnership_request_create(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void partnership_request_revoke(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void reseller_end_confirm(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void reseller_end(request *r)
{
	view_error(r, 503, "Not built yet.");
}

