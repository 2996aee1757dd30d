/* page_partnership_link.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void partnership_authorize_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void partnership_authorize(request *r)
{
	view_error(r, 503, "Not built yet.");
}

