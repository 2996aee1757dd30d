-- 020_api_rate.sql: the partner API's per-token call counters: one row per token and minute, counted with an
-- atomic upsert, so the limit is the same on every app host and no cache outage lifts it (memcached counted
-- them before, and a server lost mid-minute started its tokens' counts again). Rows of past minutes are
-- deleted as a token's new minute starts (api.c).
CREATE TABLE api_rate_windows (
  token_id BIGINT UNSIGNED NOT NULL,
  window_minute BIGINT NOT NULL,            -- Unix time / 60
  calls INT UNSIGNED NOT NULL,
  PRIMARY KEY (token_id, window_minute),
  CONSTRAINT fk_api_rate_token FOREIGN KEY (token_id) REFERENCES api_tokens (id) ON DELETE CASCADE
) ENGINE=InnoDB;
