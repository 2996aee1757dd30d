-- 004_customers.sql: the offer catalog, customer accounts, subscriptions, and orders placed exactly once

-- What partners can order; the vendor admin keeps the catalog.
CREATE TABLE offers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  sku VARCHAR(40) CHARACTER SET ascii NOT NULL,
  category VARCHAR(60) NOT NULL DEFAULT '',
  description VARCHAR(500) NOT NULL DEFAULT '',
  monthly_price_cents INT UNSIGNED NOT NULL,
  min_licenses INT UNSIGNED NOT NULL DEFAULT 1,
  max_licenses INT UNSIGNED NOT NULL DEFAULT 300,
  active TINYINT(1) NOT NULL DEFAULT 1,
  updated_at DATETIME NOT NULL,
  UNIQUE KEY uq_offers_sku (sku),
  CONSTRAINT ck_offer_limits CHECK (min_licenses >= 1 AND max_licenses >= min_licenses)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A customer account's details (the organization row has kind 'customer').
CREATE TABLE customer_profiles (
  org_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  address_line1 VARCHAR(200) NOT NULL DEFAULT '',
  address_line2 VARCHAR(200) NOT NULL DEFAULT '',
  city VARCHAR(100) NOT NULL DEFAULT '',
  region VARCHAR(100) NOT NULL DEFAULT '',
  postal_code VARCHAR(20) NOT NULL DEFAULT '',
  contact_name VARCHAR(200) NOT NULL DEFAULT '',
  contact_email VARCHAR(320) NOT NULL DEFAULT '',
  contact_phone VARCHAR(40) NOT NULL DEFAULT '',
  created_by BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT fk_cp_org FOREIGN KEY (org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE subscriptions (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_org_id BIGINT UNSIGNED NOT NULL,
  offer_id BIGINT UNSIGNED NOT NULL,
  licenses INT UNSIGNED NOT NULL,
  status ENUM('active', 'suspended') NOT NULL DEFAULT 'active',
  provider_org_id BIGINT UNSIGNED NOT NULL,
  reseller_of_record_org_id BIGINT UNSIGNED NULL,
  support_contact_org_id BIGINT UNSIGNED NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  KEY ix_subs_customer (customer_org_id),
  CONSTRAINT fk_subs_customer FOREIGN KEY (customer_org_id) REFERENCES organizations (id),
  CONSTRAINT fk_subs_offer FOREIGN KEY (offer_id) REFERENCES offers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Every order: who placed it, when, its lines and totals. order_key is the one-time key the
-- order form carried: a second submission of the same form finds the first order instead.
CREATE TABLE orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_key CHAR(64) CHARACTER SET ascii NOT NULL,
  customer_org_id BIGINT UNSIGNED NOT NULL,
  placed_by_user BIGINT UNSIGNED NOT NULL,
  placed_by_org BIGINT UNSIGNED NOT NULL,
  placed_at DATETIME NOT NULL,
  monthly_total_cents BIGINT NOT NULL,
  UNIQUE KEY uq_orders_key (order_key),
  KEY ix_orders_customer (customer_org_id, placed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE order_lines (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  order_id BIGINT UNSIGNED NOT NULL,
  subscription_id BIGINT UNSIGNED NOT NULL,
  offer_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('new', 'change') NOT NULL,
  licenses_before INT UNSIGNED NOT NULL DEFAULT 0,
  licenses_after INT UNSIGNED NOT NULL,
  unit_price_cents INT UNSIGNED NOT NULL,
  KEY ix_lines_order (order_id),
  CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
