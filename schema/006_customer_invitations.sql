-- 006_customer_invitations.sql: a reseller's emailed invitations asking a customer to authorize it
-- (and, from the Indirect providers page, one of its providers) as reseller of record
CREATE TABLE customer_invitations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  reseller_org_id BIGINT UNSIGNED NOT NULL,
  provider_org_id BIGINT UNSIGNED NULL,
  token_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  accepted_customer_org_id BIGINT UNSIGNED NULL,
  accepted_by BIGINT UNSIGNED NULL,
  accepted_at DATETIME NULL,
  UNIQUE KEY uq_invitation_token (token_id),
  KEY ix_invitations_reseller (reseller_org_id, created_at),
  CONSTRAINT fk_inv_reseller FOREIGN KEY (reseller_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_inv_provider FOREIGN KEY (provider_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_inv_token FOREIGN KEY (token_id) REFERENCES email_tokens (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
