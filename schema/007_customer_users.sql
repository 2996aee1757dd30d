-- 007_customer_users.sql: which users of a customer's tenant hold a license of which of its subscriptions;
-- partners of record assign them (a subscription never has more assigned than it has licenses)
CREATE TABLE license_assignments (
  subscription_id BIGINT UNSIGNED NOT NULL,
  user_id BIGINT UNSIGNED NOT NULL,
  assigned_at DATETIME NOT NULL,
  assigned_by BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (subscription_id, user_id),
  KEY ix_la_user (user_id),
  CONSTRAINT fk_la_subscription FOREIGN KEY (subscription_id) REFERENCES subscriptions (id),
  CONSTRAINT fk_la_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
