-- 016_audit_party.sql: the organization a change is made to (the customer of an order, the reseller of a
-- partnership, the applicant of an enrollment), so that each party's activity log finds the changes made to
-- it as well as those it made. Part of each row's hash (cgi-src/audit_chain.c).
ALTER TABLE audit_log
  ADD COLUMN party_org_id BIGINT UNSIGNED NULL AFTER on_behalf_org_id,
  ADD KEY ix_audit_party (party_org_id, id),
  ADD KEY ix_audit_on_behalf (on_behalf_org_id, id);
