-- 019_api.sql: the partner API (cgi-src/api/): tokens and the writes replayed by Idempotency-Key.
-- A token is shown once and stored only as its SHA-256; it acts as its user in one partner account, with the
-- scopes it was given, until it expires or is revoked. An idempotent write keeps the answer it gave, so the
-- same key and body get the same answer again (for 24 hours), and a key reused for another body is refused.
CREATE TABLE api_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id BIGINT UNSIGNED NOT NULL,
  org_id BIGINT UNSIGNED NOT NULL,          -- the partner account it acts in
  name VARCHAR(100) NOT NULL,
  token_hash BINARY(32) NOT NULL,           -- SHA-256 of the token text
  token_hint CHAR(4) NOT NULL,              -- its last four characters, for the list
  scopes SET('read', 'orders', 'customers', 'users', 'relationships') NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NOT NULL,
  last_used_at DATETIME NULL,
  last_used_ip VARCHAR(45) NULL,
  revoked_at DATETIME NULL,
  revoked_by BIGINT UNSIGNED NULL,
  UNIQUE KEY uq_api_tokens_hash (token_hash),
  KEY ix_api_tokens_user (user_id, org_id, id),
  CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_api_tokens_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_idempotency (
  token_id BIGINT UNSIGNED NOT NULL,
  idempotency_key VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  request_hash BINARY(32) NOT NULL,         -- SHA-256 of the method, the path and the body
  status SMALLINT UNSIGNED NOT NULL,
  response MEDIUMTEXT NOT NULL,             -- the JSON answered, one-time credentials left out
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (token_id, idempotency_key),
  KEY ix_api_idempotency_created (created_at),
  CONSTRAINT fk_api_idempotency_token FOREIGN KEY (token_id) REFERENCES api_tokens (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
