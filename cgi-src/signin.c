/* signin.c: checking credentials with their messages, and starting a fresh session */
#include "signin.h"

#include <time.h>

#include "auth.h"
#include "session.h"

long long signin_check(request *r, const char *upn, const char *password, const char **message)
{
	long long user_id = 0, retry_after = 0;
	switch (auth_sign_in(r->arena, upn, password, r->remote_addr, &user_id, &retry_after)) {
	case AUTH_OK:
		return user_id;
	case AUTH_BAD_CREDENTIALS:
		r->status = 401;
		*message = "That user name and password do not match. Check them and try again.";
		return 0;
	case AUTH_THROTTLED:
		r->status = 429;
		http_header(r, "Retry-After", arena_printf(r->arena, "%lld", retry_after));
		*message = arena_printf(r->arena,
			"Too many failed sign-ins. For your security, wait %lld seconds and try again.", retry_after);
		return 0;
	case AUTH_ERROR:
		break;
	}
	r->status = 503;
	*message = "Sign-in is unavailable right now. Try again in a minute.";
	return 0;
}

bool signin_start_session(request *r, long long user_id, const char *upn)
{
	if (r->session)
		sess_destroy(r->session);
	char cookie[TOKEN_HEX_LEN + 1];
	const session *s = sess_create(r->arena, user_id, r->remote_addr, cookie);
	if (!s)
		return false;
	http_set_cookie(r, SESSION_COOKIE, cookie, (int)(s->expires_at - (long long)time(NULL)), "Lax");
	audit(user_id, "signin", upn, r->remote_addr);
	return true;
}
