/* page_admin_providers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void admin_providers_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_new_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_create(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_edit_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_update(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_delist(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void admin_provider_relist(request *r)
{
	view_error(r, 503, "Not built yet.");
}

