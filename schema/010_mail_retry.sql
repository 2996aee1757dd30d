-- 010_mail_retry.sql: the mail outbox retries with back-off and never drops a message on its own.
-- next_attempt_at: when a mailer may take the row (NULL once it is sent or has failed for good); while a
--   mailer sends it, the end of its claim (a mailer that dies mid-send leaves the row due again then).
-- claimed_by: the mailer sending it right now (NULL when none); failed_at: refused for good (a 5xx for the
--   recipient, or two days of temporary failures) until the vendor admin sends it again.
ALTER TABLE mail_outbox
  ADD COLUMN next_attempt_at DATETIME NULL DEFAULT (UTC_TIMESTAMP()),
  ADD COLUMN claimed_by VARCHAR(100) NULL,
  ADD COLUMN failed_at DATETIME NULL,
  ADD KEY ix_outbox_due (next_attempt_at);

-- Sent rows are done; every other one is due now, including those the old mailer gave up on after
-- ten quick attempts.
UPDATE mail_outbox SET next_attempt_at = NULL WHERE sent_at IS NOT NULL;
UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE sent_at IS NULL;
