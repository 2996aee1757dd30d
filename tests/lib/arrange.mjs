// arrange.mjs: fresh organizations for tests that must be rerunnable on the same database: a tenant,
// its users (sharing the demo reseller's password) and an organization, plus partnerships and
// customer relationships between them, written straight into MariaDB.
import { Client, DEMO, sql } from './client.mjs';

export const PASSWORD = DEMO.reseller.password;  // fresh users reuse sam's password hash
export const HASH = sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.reseller.upn}'`);

let counter = 0;
export const freshTag = () => `${Date.now().toString(36)}${process.pid.toString(36)}${counter++}`;

// A fresh tenant with an organization of KIND named "LABEL TAG" (LABEL: "Test Reseller" and so on); partners
// get an admin agent (ada), a sales agent (max) and a helpdesk agent (hal).
export function arrangeOrg(kind, label = `Test ${kind[0].toUpperCase()}${kind.slice(1)}`, mpn = null) {
  const tag = freshTag();
  const domain = `t${tag}.onmicrosoft.com`;
  const name = `${label} ${tag}`;
  const id = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', '${name} tenant', 'US');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES
      (@t, 'ada@${domain}', 'Ada Admin ${tag}', '${HASH}', 'global_admin'),
      (@t, 'max@${domain}', 'Max Sales ${tag}', '${HASH}', 'user'),
      (@t, 'hal@${domain}', 'Hal Helpdesk ${tag}', '${HASH}', 'user');
    INSERT INTO organizations (kind, name, tenant_id, country, mpn_id) VALUES ('${kind}', '${name}', @t, 'US', ${mpn ? `'${mpn}'` : 'NULL'});
    SET @o = LAST_INSERT_ID();
    INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
      SELECT @o, id, upn LIKE 'ada@%', upn LIKE 'max@%', upn LIKE 'hal@%', UTC_TIMESTAMP()
      FROM users WHERE tenant_id = @t AND '${kind}' <> 'customer';
    SELECT @o;`);
  const as = (who) => ({ upn: `${who}@${domain}`, password: PASSWORD });
  return { id, name, tag, domain, admin: as('ada'), sales: as('max'), helpdesk: as('hal') };
}

// A fresh directory tenant with no partner account: a global admin (ada) and a plain user (max), for the vendor
// to add as a provider; removeTenant tidies it away with any account made for it.
export function arrangeTenant(label = 'Test Tenant') {
  const tag = freshTag();
  const domain = `d${tag}.onmicrosoft.com`;
  const id = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', '${label} ${tag}', 'DE');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES
      (@t, 'ada@${domain}', 'Ada Admin ${tag}', '${HASH}', 'global_admin'),
      (@t, 'max@${domain}', 'Max User ${tag}', '${HASH}', 'user');
    SELECT @t;`);
  return { id, tag, domain, admin: { upn: `ada@${domain}`, password: PASSWORD } };
}

export function removeTenant(tenantId) {
  const org = `(SELECT id FROM organizations WHERE tenant_id = ${tenantId})`;
  sql(`DELETE FROM provider_countries WHERE org_id IN ${org}; DELETE FROM provider_listings WHERE org_id IN ${org};
    DELETE FROM partner_users WHERE org_id IN ${org}; DELETE FROM organizations WHERE tenant_id = ${tenantId};
    DELETE FROM users WHERE tenant_id = ${tenantId}; DELETE FROM tenants WHERE id = ${tenantId};`);
}

// A live partnership, started STARTED_DAYS_AGO; its id.
export const partner = (provider, reseller, startedDaysAgo = 0) => sql(`INSERT INTO partnerships
  (provider_org_id, reseller_org_id, started_at)
  VALUES (${provider.id}, ${reseller.id}, UTC_TIMESTAMP() - INTERVAL ${startedDaysAgo} DAY); SELECT LAST_INSERT_ID();`);
// Live relationships of CUSTOMER with each of PARTNERS, written as relationships.c writes them: the customer's
// name copied as the list's sort key, and the partner's live customer total counted.
export const relate = (customer, ...partners) => partners.forEach((p) => sql(`INSERT INTO customer_relationships
  (customer_org_id, partner_org_id, customer_name, started_at)
  SELECT id, ${p.id}, name, UTC_TIMESTAMP() FROM organizations WHERE id = ${customer.id};
  INSERT INTO partner_customer_counts (partner_org_id, live_customers) VALUES (${p.id}, 1)
  ON DUPLICATE KEY UPDATE live_customers = live_customers + 1;
  ${nameWordsSql(p, `id = ${customer.id}`)}`));
// The SQL that indexes the words of the names of the customers WHERE selects for PARTNER's search, as
// customer_words_add() does.
export const nameWordsSql = (partner, where) => `INSERT INTO customer_name_words (partner_org_id, word, customer_name, customer_org_id)
  SELECT ${partner.id}, SUBSTRING_INDEX(SUBSTRING_INDEX(n.words, ' ', s.seq), ' ', -1), n.name, n.id
  FROM (SELECT id, name, TRIM(REGEXP_REPLACE(name, '[^\\\\p{L}\\\\p{N}]+', ' ')) AS words FROM organizations WHERE ${where}) n
  JOIN seq_1_to_40 s ON s.seq <= 1 + LENGTH(n.words) - LENGTH(REPLACE(n.words, ' ', ''))
  WHERE n.words <> '' ON DUPLICATE KEY UPDATE customer_org_id = VALUES(customer_org_id)`;
// Ends the live relationship of CUSTOMER with PARTNER (if any), taking it off the partner's live total.
export const endRelationship = (customer, partner) => sql(`UPDATE customer_relationships SET ended_at = UTC_TIMESTAMP()
  WHERE customer_org_id = ${customer.id} AND partner_org_id = ${partner.id} AND ended_at IS NULL;
  SET @ended = ROW_COUNT();
  UPDATE partner_customer_counts SET live_customers = live_customers - LEAST(live_customers, @ended)
  WHERE partner_org_id = ${partner.id};
  DELETE FROM customer_name_words WHERE partner_org_id = ${partner.id} AND customer_org_id = ${customer.id}`);

// A provider partnered with a reseller, both partners of record of a customer: "LABEL Provider" and so on.
export function arrangeChain(label) {
  const provider = arrangeOrg('provider', `${label} Provider`);
  const reseller = arrangeOrg('reseller', `${label} Reseller`);
  const customer = arrangeOrg('customer', `${label} Customer`);
  partner(provider, reseller);
  relate(customer, provider, reseller);
  return { provider, reseller, customer };
}

export async function signedIn(who) {
  const c = new Client();
  await c.signIn(who);
  return c;
}

// A subscription of CUSTOMER sold by PROVIDER (optionally with a reseller of record), written straight into
// MariaDB with no order; its id.
export const arrangeSubscription = (customer, provider, { reseller = null, licenses = 10, sku = 'CP-STD' } = {}) => sql(`
  INSERT INTO subscriptions (customer_org_id, offer_id, licenses, provider_org_id, reseller_of_record_org_id,
    support_contact_org_id, created_at, updated_at)
  SELECT ${customer.id}, id, ${licenses}, ${provider.id}, ${reseller ? reseller.id : 'NULL'}, ${provider.id},
    UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM offers WHERE sku = '${sku}';
  SELECT LAST_INSERT_ID();`);
