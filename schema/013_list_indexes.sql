-- 013_list_indexes.sql: indexes that let every list other than Customers read one page in its own order
-- (keyset paging: the index holds the filter, the sort key and the id) and search names by word prefix
-- (FULLTEXT, case- and accent-insensitive through utf8mb4_unicode_ci).

-- A subscription's order history, newest order first.
ALTER TABLE order_lines ADD KEY ix_lines_subscription (subscription_id, order_id);

-- The provider lists (official and vendor admin) walk providers by name.
ALTER TABLE organizations ADD KEY ix_org_kind_name (kind, name, id);

-- A customer's users by name; the users lists search names and sign-in names by word prefix.
ALTER TABLE users
  ADD KEY ix_users_tenant_name (tenant_id, display_name, id),
  ADD FULLTEXT KEY ft_users_name_upn (display_name, upn);

-- The vendor admin provider list also searches the provider's directory domain.
ALTER TABLE tenants ADD FULLTEXT KEY ft_tenant_domain (domain);

-- A reseller's sent customer invitations, newest first.
ALTER TABLE customer_invitations ADD KEY ix_invitations_reseller_id (reseller_org_id, id);
