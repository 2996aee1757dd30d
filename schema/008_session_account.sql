-- 008_session_account.sql: the partner account a session acts for, when its user belongs to more than one
-- (NULL: the user's first account)
ALTER TABLE sessions ADD COLUMN org_id BIGINT UNSIGNED NULL;
