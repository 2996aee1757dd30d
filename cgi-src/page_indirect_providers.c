/* page_indirect_providers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void indirect_providers_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void indirect_provider_end_confirm(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void indirect_provider_end(request *r)
{
	view_error(r, 503, "Not built yet.");
}

