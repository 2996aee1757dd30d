/* page_customers.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void customers_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

