/* outbox.h: the mail outbox as the vendor admin sees it: each message's delivery state, and Send again */
#ifndef CC_OUTBOX_H
#define CC_OUTBOX_H

#include <stdbool.h>

#include "db.h"
#include "domain/domain.h"

/* A message's delivery state as the mailer left it: five columns, selected where a statement puts them. */
#define OUTBOX_STATE_SQL \
	"COALESCE(sent_at, ''), COALESCE(failed_at, ''), " \
	"claimed_by IS NOT NULL AND next_attempt_at > UTC_TIMESTAMP(), next_attempt_at > UTC_TIMESTAMP(), attempts"
/* OUTBOX_STATE_SQL's columns, counted from where a statement puts it */
enum { OUTBOX_STATE_SENT_AT, OUTBOX_STATE_FAILED_AT, OUTBOX_STATE_SENDING, OUTBOX_STATE_LATER, OUTBOX_STATE_ATTEMPTS,
       OUTBOX_STATE_NCOLS };

/* "sent", "failed", "sending" (a mailer has it now), "waiting" (for its next attempt) or "queued": the state
 * in ROWS' row I, whose OUTBOX_STATE_SQL columns start at COL. */
const char *outbox_row_state(const db_rows *rows, int i, int col);
/* A state of outbox_row_state as the outbox shows it, in the request's language ("waiting": "Waiting"). */
const char *outbox_state_label(const char *state);

/* Refusals' codes (outcome.code) */
enum { OUTBOX_ALREADY_SENT = 1, OUTBOX_SENDING, OUTBOX_VENDOR_ONLY };

/* Send again: message ID (failed, or waiting for its next attempt) goes out at the mailer's next round.
 * OUTCOME_NOT_FOUND; OUTCOME_CONFLICT when it was sent already or a mailer is sending it right now (it
 * could go out twice). Only the vendor's admins (OUTCOME_FORBIDDEN). */
outcome outbox_send_again_message(arena *a, const actor *who, long long id);

#endif
