-- 014_customer_name_words.sql: the words of each customer's name, per partner of record with a live
-- relationship, so that a Customers search by word prefix ("fabri" finds "Café Fabrikam") walks one index
-- range of that partner in order, whatever the number of customers. Kept by the writes that start and end
-- relationships (cgi-src/customer_words.c); case- and accent-insensitive through utf8mb4_unicode_ci.
CREATE TABLE customer_name_words (
  partner_org_id BIGINT UNSIGNED NOT NULL,
  word VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  customer_name VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL,
  customer_org_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (partner_org_id, word, customer_name, customer_org_id),
  KEY ix_words_customer (partner_org_id, customer_org_id, word)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The words of the live relationships already there (the same split as customer_words_add).
INSERT IGNORE INTO customer_name_words (partner_org_id, word, customer_name, customer_org_id)
  SELECT n.partner_org_id, SUBSTRING_INDEX(SUBSTRING_INDEX(n.words, ' ', s.seq), ' ', -1), n.name, n.id
  FROM (SELECT cr.partner_org_id, o.id, o.name, TRIM(REGEXP_REPLACE(o.name, '[^\\p{L}\\p{N}]+', ' ')) AS words
        FROM customer_relationships cr JOIN organizations o ON o.id = cr.customer_org_id
        WHERE cr.ended_at IS NULL) n
  JOIN seq_1_to_40 s ON s.seq <= 1 + LENGTH(n.words) - LENGTH(REPLACE(n.words, ' ', ''))
  WHERE n.words <> '';
