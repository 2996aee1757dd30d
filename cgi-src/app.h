/* app.h: the route table's types and every page handler it dispatches to */
#ifndef CC_APP_H
#define CC_APP_H

#include "http.h"

/* Who may call a route. Organization kinds combine with |. */
enum {
	WHO_ANYONE = 0,          /* signed in or not; session loaded when present */
	WHO_NO_SESSION = 1 << 0, /* not even a session lookup (health checks) */
	WHO_SIGNED_IN = 1 << 1,  /* any signed-in user */
	WHO_VENDOR = 1 << 2,     /* signed in, organization kinds: */
	WHO_PROVIDER = 1 << 3,
	WHO_RESELLER = 1 << 4,
	WHO_CUSTOMER = 1 << 5,
	WHO_TEMP_PASSWORD_OK = 1 << 6, /* reachable before a temporary password is changed */
};

typedef void (*handler_fn)(request *r);

typedef struct {
	const char *method;
	const char *path;
	handler_fn handler;
	unsigned who;
} route;

/* Dispatch R through the route table: 404/405, session, CSRF, rights, then the handler. */
void app_handle(request *r);

/* page_auth.c */
void root_redirect(request *r);
void signin_form(request *r);
void signin_submit(request *r);
void signout_submit(request *r);
void password_form(request *r);
void password_submit(request *r);
/* page_home.c */
void home_page(request *r);
void health_check(request *r);
/* page_admin.c */
void admin_home(request *r);

#endif
