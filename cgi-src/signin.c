/* signin.c: checking credentials with their messages, starting a fresh session, and ending one */
#include "signin.h"

#include <time.h>

#include "auth.h"
#include "db.h"
#include "i18n.h"
#include "session.h"

const char *signin_refusal(request *r, enum auth_result res, long long retry_after)
{
	switch (res) {
	case AUTH_OK:
		return NULL;
	case AUTH_BAD_CREDENTIALS:
		r->status = 401;
		return _("That user name and password do not match. Check them and try again.");
	case AUTH_THROTTLED:
	case AUTH_ADDRESS_THROTTLED:
		r->status = 429;
		http_header(r, "Retry-After", arena_printf(r->arena, "%lld", retry_after));
		return arena_printf(r->arena, res == AUTH_ADDRESS_THROTTLED
				    ? _("Too many failed sign-ins from your network. For your security, wait %lld seconds and try again.")
				    : _("Too many failed sign-ins. For your security, wait %lld seconds and try again."), retry_after);
	case AUTH_TEMP_EXPIRED:
		r->status = 403;
		return arena_printf(r->arena, _("Your temporary password has expired: it worked for %d days. Ask your "
					      "administrator, or the partner who manages your organization, for a new one."),
				    AUTH_TEMP_PASSWORD_DAYS);
	case AUTH_ERROR:
		break;
	}
	r->status = 503;
	return _("Sign-in is unavailable right now. Try again in a minute.");
}

long long signin_check_realm(request *r, enum auth_realm realm, const char *user_name, const char *password,
			     const char **message)
{
	long long id = 0, retry_after = 0;
	enum auth_result res = auth_check_password(r->arena, realm, user_name, password, r->remote_addr, &id, &retry_after);
	*message = signin_refusal(r, res, retry_after);
	return *message ? 0 : id;
}

long long signin_check(request *r, const char *upn, const char *password, const char **message)
{
	return signin_check_realm(r, AUTH_REALM_DIRECTORY, upn, password, message);
}

typedef struct {
	request *r;
	long long user_id;
	const char *upn;
	char cookie[TOKEN_HEX_LEN + 1];
	const session *s;
} new_session;

/* The session's row and the sign-in's audit row, in one transaction. */
static int new_session_tx(void *ctx)
{
	new_session *n = ctx;
	n->s = sess_create(n->r->arena, n->user_id, n->r->remote_addr, n->cookie);
	if (!n->s)
		return DB_ERROR;
	return audit_change(&(audit_entry){ .user_id = n->user_id, .action = "signin", .object_type = "user",
					    .object_id = n->user_id, .detail = n->upn, .client_ip = n->r->remote_addr });
}

bool signin_start_session(request *r, long long user_id, const char *upn)
{
	if (r->session)
		sess_destroy(r->session);
	new_session n = { .r = r, .user_id = user_id, .upn = upn };
	if (db_transaction(new_session_tx, &n) != DB_OK)
		return false;
	http_set_cookie(r, SESSION_COOKIE, n.cookie, (int)(n.s->expires_at - (long long)time(NULL)), "Lax");
	return true;
}

typedef struct {
	const actor *who;
	const session *s;
} session_end;

/* The row first: until it is gone the session still works, so a failure leaves the user signed in. */
static outcome end_session(void *ctx)
{
	session_end *e = ctx;
	const user *u = e->who->user;
	int rc = sess_delete(e->s);
	if (rc == DB_OK)
		rc = domain_audit(e->who, (audit_entry){ .action = "signout", .object_type = "user", .object_id = u->id,
							  .detail = u->upn });
	return rc == DB_OK ? outcome_ok(u->id) : outcome_failed(rc);
}

outcome signin_end_session(const actor *who, const session *s)
{
	session_end e = { who, s };
	return domain_tx(end_session, &e);
}
