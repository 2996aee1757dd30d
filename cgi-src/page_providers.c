/* page_providers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void providers_search(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void provider_profile(request *r)
{
	view_error(r, 503, "Not built yet.");
}

