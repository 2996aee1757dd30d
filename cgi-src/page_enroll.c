/* page_enroll.c: PLACEHOLDER until its owner writes it */
#include "app.h"
#include "view.h"

void enroll_start(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_welcome_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_welcome_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_directory_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_directory_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_tenant_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_tenant_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_mpn_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_mpn_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_membership_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_membership_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_membership_password_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_membership_password_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_profile_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_profile_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_details_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_details_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_review_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_review_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_status_page(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_verify_form(request *r)
{
	view_error(r, 503, "Not built yet.");
}

void enroll_verify_submit(request *r)
{
	view_error(r, 503, "Not built yet.");
}

