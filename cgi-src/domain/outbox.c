/* outbox.c: the mail outbox's delivery states and Send again (outbox.h) */
#include "domain/outbox.h"

#include <string.h>

#include "auth.h"
#include "code_label.h"
#include "i18n.h"

static const char *delivery_state(const char *sent_at, const char *failed_at, bool sending, bool later, long long attempts)
{
	if (*sent_at)
		return "sent";
	if (*failed_at)
		return "failed";
	if (sending)
		return "sending";
	return later && attempts > 0 ? "waiting" : "queued";
}

const char *outbox_row_state(const db_rows *rows, int i, int col)
{
	return delivery_state(db_get(rows, i, col + OUTBOX_STATE_SENT_AT), db_get(rows, i, col + OUTBOX_STATE_FAILED_AT),
			      db_get_int(rows, i, col + OUTBOX_STATE_SENDING) == 1,
			      db_get_int(rows, i, col + OUTBOX_STATE_LATER) == 1,
			      db_get_int(rows, i, col + OUTBOX_STATE_ATTEMPTS));
}

static const code_label state_labels[] = {
	/* TRANSLATORS: a mail outbox message's delivery state */
	{ "sent", N_("sent") },
	/* TRANSLATORS: a mail outbox message's delivery state: the relay refused it for good */
	{ "failed", N_("failed") },
	/* TRANSLATORS: a mail outbox message's delivery state: a mailer is handing it to the relay now */
	{ "sending", N_("sending") },
	/* TRANSLATORS: a mail outbox message's delivery state: waiting for its next attempt */
	{ "waiting", N_("waiting") },
	/* TRANSLATORS: a mail outbox message's delivery state: not tried yet */
	{ "queued", N_("queued") },
};

const char *outbox_state_label(const char *state)
{
	const char *label = code_label_find(state_labels, CODE_LABELS_COUNT(state_labels), state);
	return label ? _(label) : state;
}

#define NO_MESSAGE N_("There is no message with that number in the mail outbox. Choose one from the outbox.")

typedef struct {
	arena *a;
	const actor *who;
	long long id;
} resend;

/* The row is locked, so a mailer's claim (SKIP LOCKED) passes it by until the change is committed;
 * a row a mailer is sending right now is left alone, or it could go out twice. */
static outcome send_again_tx(void *ctx)
{
	resend *c = ctx;
	enum { TO, SUBJECT, LAST_ERROR, STATE, NCOLS = STATE + OUTBOX_STATE_NCOLS };
	db_rows rows;
	int rc = db_query_cols(c->a, &rows, NCOLS,
			       "SELECT to_addr, subject, last_error, " OUTBOX_STATE_SQL " FROM mail_outbox WHERE id = ? FOR UPDATE",
			       DB_ARGS(DB_INT(c->id)));
	if (rc != DB_OK)
		return outcome_failed(rc);
	if (rows.nrows != 1)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_MESSAGE));
	const char *state = outbox_row_state(&rows, 0, STATE);
	if (!strcmp(state, "sent"))
		return outcome_refused(OUTCOME_CONFLICT, OUTBOX_ALREADY_SENT, arena_printf(c->a, _("Message %lld was already "
				       "sent at %s; it is not sent twice. Nothing was changed."), c->id,
				       i18n_datetime(c->a, db_get(&rows, 0, STATE + OUTBOX_STATE_SENT_AT), false)));
	if (!strcmp(state, "sending"))
		return outcome_refused(OUTCOME_CONFLICT, OUTBOX_SENDING, _("The mailer is sending this message right now. "
				       "Nothing was changed; reload the outbox in a minute to see how it went."));
	rc = db_exec("UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP(), failed_at = NULL, claimed_by = NULL "
		     "WHERE id = ?", DB_ARGS(DB_INT(c->id)), NULL, NULL);
	if (rc != DB_OK)
		return outcome_failed(rc);
	const char *attempts = db_get(&rows, 0, STATE + OUTBOX_STATE_ATTEMPTS);
	rc = domain_audit(c->who, (audit_entry){
		.action = "mail.send_again", .object_type = "mail", .object_id = c->id,
		.detail = arena_printf(c->a, "message %lld to %s (%s): was %s after %s attempts, last error: %s", c->id,
				       db_get(&rows, 0, TO), db_get(&rows, 0, SUBJECT), state, attempts,
				       db_get(&rows, 0, LAST_ERROR)),
		.before_json = domain_json(c->a, "state", state, "attempts", attempts, NULL),
		.after_json = domain_json(c->a, "state", "queued", NULL) });
	return rc == DB_OK ? outcome_ok(c->id) : outcome_failed(rc);
}

outcome outbox_send_again_message(arena *a, const actor *who, long long id)
{
	if (!rights_acts_as(who->user, "vendor", 0))
		return outcome_refused(OUTCOME_FORBIDDEN, OUTBOX_VENDOR_ONLY, _("Only the vendor's administrators manage the "
				       "mail outbox. Sign in with a vendor admin account."));
	if (id <= 0)
		return outcome_refused(OUTCOME_NOT_FOUND, 0, _(NO_MESSAGE));
	resend c = { a, who, id };
	return domain_tx(send_again_tx, &c);
}
