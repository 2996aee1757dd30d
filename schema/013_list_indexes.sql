-- 013_list_indexes.sql: indexes that let every list other than Customers read one page in its own order
-- (keyset paging: the index holds the filter, the sort key and the id). Their name searches test each row
-- of that walk (a word-prefix LIKE, case- and accent-insensitive through utf8mb4_unicode_ci), so they need
-- no FULLTEXT index of their own.

-- A subscription's order history, newest order first.
ALTER TABLE order_lines ADD KEY ix_lines_subscription (subscription_id, order_id);

-- The provider lists (official and vendor admin) walk providers by name.
ALTER TABLE organizations ADD KEY ix_org_kind_name (kind, name, id);

-- A customer's users by name.
ALTER TABLE users ADD KEY ix_users_tenant_name (tenant_id, display_name, id);

-- A reseller's sent customer invitations, newest first.
ALTER TABLE customer_invitations ADD KEY ix_invitations_reseller_id (reseller_org_id, id);
