-- 011_session_cache_gen.sql: the row decides what a cached copy of a session may say. Every change to a
-- user's record bumps cache_gen on their sessions, so a cached record that could not be deleted (memcached
-- hung or unreachable at that moment) no longer matches and is reloaded from MariaDB.
ALTER TABLE sessions ADD COLUMN cache_gen INT UNSIGNED NOT NULL DEFAULT 0;
