/* page_users.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void users_list(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void users_add(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void users_set_roles(request *r)
{
	view_error(r, 503, "Not built yet.");
}

