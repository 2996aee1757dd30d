-- 002_enrollment.sql: membership center, partner users and roles, emailed-link tokens, mail outbox,
-- the reseller enrollment wizard's saved state and the applications it submits
CREATE TABLE membership_accounts (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_name VARCHAR(200) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_membership_user (user_name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An organization profile in the membership center, with its partner network id.
CREATE TABLE org_profiles (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  account_id BIGINT UNSIGNED NOT NULL,
  mpn_id VARCHAR(20) NOT NULL,
  legal_name VARCHAR(200) NOT NULL,
  country CHAR(2) NOT NULL,
  city VARCHAR(100) NOT NULL DEFAULT '',
  active TINYINT(1) NOT NULL DEFAULT 1,
  UNIQUE KEY uq_profiles_mpn (mpn_id),
  KEY ix_profiles_account (account_id),
  CONSTRAINT fk_profiles_account FOREIGN KEY (account_id) REFERENCES membership_accounts (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Users of a partner account (provider or reseller) and their roles there.
CREATE TABLE partner_users (
  org_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  admin_agent TINYINT(1) NOT NULL DEFAULT 0,
  sales_agent TINYINT(1) NOT NULL DEFAULT 0,
  helpdesk_agent TINYINT(1) NOT NULL DEFAULT 0,
  added_at DATETIME NOT NULL,
  added_by BIGINT UNSIGNED NULL,
  PRIMARY KEY (org_id, user_id),
  KEY ix_partner_users_user (user_id),
  CONSTRAINT fk_pu_org FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT fk_pu_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Tokens of emailed links: only their SHA-256 is stored; single use, expiring, revocable.
CREATE TABLE email_tokens (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  purpose VARCHAR(32) NOT NULL,
  subject_id BIGINT UNSIGNED NOT NULL,
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  used_by BIGINT UNSIGNED NULL,
  revoked_at DATETIME NULL,
  UNIQUE KEY uq_tokens_hash (token_hash),
  KEY ix_tokens_subject (purpose, subject_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every message the product sends; bin/channel-mailer delivers them.
CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  to_addr VARCHAR(320) NOT NULL,
  subject VARCHAR(300) NOT NULL,
  body TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  sent_at DATETIME NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  last_error VARCHAR(500) NOT NULL DEFAULT '',
  KEY ix_outbox_pending (sent_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The enrollment wizard's state, kept server side: keyed to an anonymous wizard cookie
-- (its hash) until the directory sign-in step binds it to a directory user as well.
CREATE TABLE enrollment_wizards (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  welcome_done TINYINT(1) NOT NULL DEFAULT 0,
  tenant_id BIGINT UNSIGNED NULL,
  directory_user_id BIGINT UNSIGNED NULL,
  short_path TINYINT(1) NOT NULL DEFAULT 0,
  mpn_intro_done TINYINT(1) NOT NULL DEFAULT 0,
  membership_user_name VARCHAR(200) NOT NULL DEFAULT '',
  membership_account_id BIGINT UNSIGNED NULL,
  profile_id BIGINT UNSIGNED NULL,
  details_done TINYINT(1) NOT NULL DEFAULT 0,
  legal_name VARCHAR(200) NOT NULL DEFAULT '',
  address_line1 VARCHAR(200) NOT NULL DEFAULT '',
  address_line2 VARCHAR(200) NOT NULL DEFAULT '',
  city VARCHAR(100) NOT NULL DEFAULT '',
  region VARCHAR(100) NOT NULL DEFAULT '',
  postal_code VARCHAR(20) NOT NULL DEFAULT '',
  country CHAR(2) NOT NULL DEFAULT '',
  phone VARCHAR(40) NOT NULL DEFAULT '',
  contact_name VARCHAR(200) NOT NULL DEFAULT '',
  contact_email VARCHAR(320) NOT NULL DEFAULT '',
  contact_phone VARCHAR(40) NOT NULL DEFAULT '',
  support_email VARCHAR(320) NOT NULL DEFAULT '',
  support_phone VARCHAR(40) NOT NULL DEFAULT '',
  support_website VARCHAR(300) NOT NULL DEFAULT '',
  application_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY uq_wizard_token (token_hash),
  KEY ix_wizard_user (directory_user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A submitted reseller enrollment. At most one live (not rejected) application per tenant and
-- per MPN ID: the generated columns are NULL once rejected, so the unique keys only bind live ones.
CREATE TABLE enrollment_applications (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant_id BIGINT UNSIGNED NOT NULL,
  applicant_user_id BIGINT UNSIGNED NOT NULL,
  short_path TINYINT(1) NOT NULL DEFAULT 0,
  mpn_id VARCHAR(20) NULL,
  profile_id BIGINT UNSIGNED NULL,
  legal_name VARCHAR(200) NOT NULL DEFAULT '',
  address_line1 VARCHAR(200) NOT NULL DEFAULT '',
  address_line2 VARCHAR(200) NOT NULL DEFAULT '',
  city VARCHAR(100) NOT NULL DEFAULT '',
  region VARCHAR(100) NOT NULL DEFAULT '',
  postal_code VARCHAR(20) NOT NULL DEFAULT '',
  country CHAR(2) NOT NULL DEFAULT '',
  phone VARCHAR(40) NOT NULL DEFAULT '',
  contact_name VARCHAR(200) NOT NULL DEFAULT '',
  contact_email VARCHAR(320) NOT NULL DEFAULT '',
  contact_phone VARCHAR(40) NOT NULL DEFAULT '',
  support_email VARCHAR(320) NOT NULL,
  support_phone VARCHAR(40) NOT NULL,
  support_website VARCHAR(300) NOT NULL DEFAULT '',
  status ENUM('pending_verification', 'pending_review', 'approved', 'rejected') NOT NULL,
  submitted_at DATETIME NOT NULL,
  verified_at DATETIME NULL,
  reviewed_at DATETIME NULL,
  reviewed_by BIGINT UNSIGNED NULL,
  reject_reason VARCHAR(1000) NOT NULL DEFAULT '',
  org_id BIGINT UNSIGNED NULL,
  live_tenant_id BIGINT UNSIGNED AS (IF(status = 'rejected', NULL, tenant_id)) PERSISTENT,
  live_mpn_id VARCHAR(20) AS (IF(status = 'rejected', NULL, mpn_id)) PERSISTENT,
  UNIQUE KEY uq_app_live_tenant (live_tenant_id),
  UNIQUE KEY uq_app_live_mpn (live_mpn_id),
  KEY ix_app_status (status, submitted_at),
  CONSTRAINT fk_app_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The partner network id an account was enrolled with (resellers enrolled through the wizard).
ALTER TABLE organizations ADD COLUMN mpn_id VARCHAR(20) NULL, ADD UNIQUE KEY uq_org_mpn (mpn_id);
