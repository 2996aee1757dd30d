/* page_admin_offers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void admin_offers_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_offer_new_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_offer_create(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_offer_edit_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_offer_update(request *r)
{
	view_error(r, 503, "Not built yet.");
}

