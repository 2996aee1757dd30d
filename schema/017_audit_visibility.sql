-- 017_audit_visibility.sql: who may see each activity log row, decided when the row is written
-- (cgi-src/audit_chain.c, in the change's own transaction), so that an organization's activity log is one
-- range of the primary key, newest first, whatever the size of the log. An organization sees a row when it
-- acted, was acted for (on_behalf_org_id) or was the party the change was made to; when that party is a
-- customer (or the change is to a customer's relationship), its live partners of record see it too (a
-- reseller sees what its provider ordered for its customer, and the other way round); a change to a
-- partnership or a customer relationship is seen by both of its sides. Deleting or renumbering a row (the purge) takes its visibility with it.
CREATE TABLE audit_visibility (
  org_id BIGINT UNSIGNED NOT NULL,
  audit_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id, audit_id),
  KEY ix_visibility_audit (audit_id),
  CONSTRAINT fk_visibility_audit FOREIGN KEY (audit_id) REFERENCES audit_log (id) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB;

-- The rows written before this migration, by the same rules; the partners of record are those whose
-- relationship with the customer was live when the row was written.
INSERT INTO audit_visibility (org_id, audit_id)
SELECT org_id, id FROM audit_log WHERE org_id IS NOT NULL
UNION SELECT on_behalf_org_id, id FROM audit_log WHERE on_behalf_org_id IS NOT NULL
UNION SELECT party_org_id, id FROM audit_log WHERE party_org_id IS NOT NULL
UNION SELECT cr.partner_org_id, a.id FROM audit_log a
  JOIN customer_relationships cr ON cr.customer_org_id = COALESCE(a.party_org_id, a.org_id)
   AND cr.started_at <= a.at AND (cr.ended_at IS NULL OR cr.ended_at > a.at)
UNION SELECT live.partner_org_id, a.id FROM audit_log a
  JOIN customer_relationships cr ON cr.id = a.object_id AND a.object_type IN ('customer_relationship', 'relationship')
  JOIN customer_relationships live ON live.customer_org_id = cr.customer_org_id
   AND live.started_at <= a.at AND (live.ended_at IS NULL OR live.ended_at > a.at)
UNION SELECT p.provider_org_id, a.id FROM audit_log a JOIN partnerships p ON p.id = a.object_id
  WHERE a.object_type = 'partnership'
UNION SELECT p.reseller_org_id, a.id FROM audit_log a JOIN partnerships p ON p.id = a.object_id
  WHERE a.object_type = 'partnership'
UNION SELECT cr.customer_org_id, a.id FROM audit_log a JOIN customer_relationships cr ON cr.id = a.object_id
  WHERE a.object_type IN ('customer_relationship', 'relationship')
UNION SELECT cr.partner_org_id, a.id FROM audit_log a JOIN customer_relationships cr ON cr.id = a.object_id
  WHERE a.object_type IN ('customer_relationship', 'relationship');
