-- 015_audit_chain.sql: the activity log's facts (acting organization, on whose behalf, the object, the values
-- before and after) and its tamper-evident chain: each row carries the SHA-256 of its content and of the
-- previous row's hash and id (the id names a deleted row); cgi-src/audit_chain.c writes them,
-- bin/channel-audit-verify checks them.
ALTER TABLE audit_log
  ADD COLUMN org_id BIGINT UNSIGNED NULL AFTER user_id,
  ADD COLUMN on_behalf_org_id BIGINT UNSIGNED NULL AFTER org_id,
  ADD COLUMN object_type VARCHAR(32) NOT NULL DEFAULT '' AFTER action,
  ADD COLUMN object_id BIGINT UNSIGNED NULL AFTER object_type,
  ADD COLUMN before_json TEXT NOT NULL DEFAULT '' AFTER detail,
  ADD COLUMN after_json TEXT NOT NULL DEFAULT '' AFTER before_json,
  ADD COLUMN prev_id BIGINT UNSIGNED NULL,
  ADD COLUMN prev_hash CHAR(64) NULL,
  ADD COLUMN row_hash CHAR(64) NULL,
  ADD KEY ix_audit_org (org_id, id),
  ADD KEY ix_audit_user (user_id, id),
  ADD KEY ix_audit_object (object_type, object_id, id);

-- One row: where the chain ends (the newest row and its hash) and where it begins (rows up to base_id were
-- written before this migration or purged; base_hash is the hash the first checked row must point at).
-- Every audit writer reads it FOR UPDATE inside its own transaction (see audit_chain.c for why).
CREATE TABLE audit_chain_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  last_id BIGINT UNSIGNED NOT NULL,
  last_hash CHAR(64) NOT NULL,
  base_id BIGINT UNSIGNED NOT NULL,
  base_hash CHAR(64) NOT NULL,
  purged_rows BIGINT UNSIGNED NOT NULL DEFAULT 0,
  purged_at DATETIME NULL,
  CONSTRAINT ck_audit_chain_head_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_bin;

INSERT INTO audit_chain_head (id, last_id, last_hash, base_id, base_hash)
SELECT 1, COALESCE(MAX(id), 0), REPEAT('0', 64), COALESCE(MAX(id), 0), REPEAT('0', 64) FROM audit_log;
