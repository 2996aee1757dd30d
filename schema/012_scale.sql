-- 012_scale.sql: what keeps the Customers list and name searches cheap at a million customers:
-- the customer's name copied onto each relationship as the list's sort key (so one index walks a partner's
-- live customers in name order), live customer totals per partner kept by the writes that start and end
-- relationships. (Word-prefix search has its own table, 014: a FULLTEXT index cannot be limited to one
-- partner's customers, so it costs what matches across every organization.)
ALTER TABLE customer_relationships
  ADD COLUMN customer_name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT ''
    AFTER partner_org_id,
  ADD KEY ix_rel_partner_name (partner_org_id, ended_at, customer_name, customer_org_id);
UPDATE customer_relationships cr JOIN organizations o ON o.id = cr.customer_org_id SET cr.customer_name = o.name;

-- Live (not ended) customer relationships per partner: the unfiltered Customers list's total.
CREATE TABLE partner_customer_counts (
  partner_org_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  live_customers INT UNSIGNED NOT NULL DEFAULT 0,
  CONSTRAINT fk_pcc_partner FOREIGN KEY (partner_org_id) REFERENCES organizations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO partner_customer_counts (partner_org_id, live_customers)
  SELECT partner_org_id, COUNT(*) FROM customer_relationships WHERE ended_at IS NULL GROUP BY partner_org_id;
