-- 003_partnerships.sql: the official provider list, partnership requests (emailed links),
-- provider-reseller partnerships, and customer relationships (counted as shared customers)

-- A provider's entry on the public "find a provider" list; only the vendor admin changes it.
CREATE TABLE provider_listings (
  org_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  headline VARCHAR(300) NOT NULL DEFAULT '',
  services TEXT NOT NULL,
  contact_email VARCHAR(320) NOT NULL DEFAULT '',
  contact_phone VARCHAR(40) NOT NULL DEFAULT '',
  website VARCHAR(300) NOT NULL DEFAULT '',
  listed TINYINT(1) NOT NULL DEFAULT 1,
  updated_at DATETIME NOT NULL,
  updated_by BIGINT UNSIGNED NULL,
  CONSTRAINT fk_listing_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE provider_countries (
  org_id BIGINT UNSIGNED NOT NULL,
  country CHAR(2) NOT NULL,
  PRIMARY KEY (org_id, country),
  KEY ix_provider_countries_country (country, org_id),
  CONSTRAINT fk_pc_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A partnership request a provider made; its emailed link is email_tokens row token_id
-- (purpose 'partnership'), whose state is the request's: sent, accepted (used), expired, revoked.
CREATE TABLE partnership_requests (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_org_id BIGINT UNSIGNED NOT NULL,
  token_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL,
  accepted_org_id BIGINT UNSIGNED NULL,
  accepted_at DATETIME NULL,
  UNIQUE KEY uq_request_token (token_id),
  KEY ix_requests_provider (provider_org_id, created_at),
  CONSTRAINT fk_req_provider FOREIGN KEY (provider_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_req_token FOREIGN KEY (token_id) REFERENCES email_tokens (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A provider-reseller partnership; at most one live (not ended) per pair.
CREATE TABLE partnerships (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  provider_org_id BIGINT UNSIGNED NOT NULL,
  reseller_org_id BIGINT UNSIGNED NOT NULL,
  request_id BIGINT UNSIGNED NULL,
  authorized_by BIGINT UNSIGNED NULL,
  started_at DATETIME NOT NULL,
  ended_at DATETIME NULL,
  ended_by BIGINT UNSIGNED NULL,
  live_pair VARCHAR(41) AS (IF(ended_at IS NULL, CONCAT(provider_org_id, ':', reseller_org_id), NULL)) PERSISTENT,
  UNIQUE KEY uq_partnership_live (live_pair),
  KEY ix_partnerships_provider (provider_org_id, ended_at),
  KEY ix_partnerships_reseller (reseller_org_id, ended_at),
  CONSTRAINT fk_p_provider FOREIGN KEY (provider_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_p_reseller FOREIGN KEY (reseller_org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- A customer's reseller relationship with a partner (a reseller or a provider) of record.
-- Shared customers of a provider and a reseller: customers with a live relationship to both.
CREATE TABLE customer_relationships (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_org_id BIGINT UNSIGNED NOT NULL,
  partner_org_id BIGINT UNSIGNED NOT NULL,
  started_at DATETIME NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  ended_at DATETIME NULL,
  ended_by BIGINT UNSIGNED NULL,
  live_pair VARCHAR(41) AS (IF(ended_at IS NULL, CONCAT(customer_org_id, ':', partner_org_id), NULL)) PERSISTENT,
  UNIQUE KEY uq_relationship_live (live_pair),
  KEY ix_rel_partner (partner_org_id, ended_at),
  KEY ix_rel_customer (customer_org_id, ended_at),
  CONSTRAINT fk_rel_customer FOREIGN KEY (customer_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_rel_partner FOREIGN KEY (partner_org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
