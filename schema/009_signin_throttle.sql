-- 009_signin_throttle.sql: failed sign-ins counted per (user name, client address), for any name typed,
-- so an attacker elsewhere cannot lock an account out and a name that does not exist behaves like one
-- that does; and the date a temporary password stops working.
CREATE TABLE signin_name_failures (
  realm ENUM('directory', 'membership') NOT NULL,
  user_name VARCHAR(320) NOT NULL,  -- as typed, trimmed and lower-cased (the collation matches users.upn's)
  client_ip VARCHAR(45) NOT NULL,
  failures INT UNSIGNED NOT NULL,
  last_failure_at DATETIME NOT NULL,
  locked_until DATETIME NULL,
  PRIMARY KEY (realm, user_name, client_ip),
  KEY ix_signin_name_failures_last (last_failure_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- pruning the per-address counters by age reads this index, not the whole table
ALTER TABLE signin_failures ADD KEY ix_signin_failures_window (window_start);

ALTER TABLE users ADD COLUMN temporary_password_expires_at DATETIME NULL AFTER must_change_password;
UPDATE users SET temporary_password_expires_at = UTC_TIMESTAMP() + INTERVAL 7 DAY WHERE must_change_password = 1;
