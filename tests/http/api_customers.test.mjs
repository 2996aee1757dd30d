// api_customers.test.mjs: the partner API's customers as a partner scripts them: the list with the Customers
// page's search, reseller filter and continuation-token paging, the same rows as CSV from the page and from
// the API, one customer (a foreign one is the page's 404), and a new customer for a reseller: the wizard's
// rules and words, the rows and the audit row, the admin's credentials exactly once (Idempotency-Key retries
// included) and who may create one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { htmlDecode, sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, freshTag, partner, relate, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';
import { hiddenFields } from './customer_forms.mjs';

const NOT_OURS = "There is no customer with that number among your organization's customers.";
const offerId = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);

// A provider with two partner resellers, and five customers whose names share the word WORD: three with the
// first reseller, two with the second (by name: Alpha .. Echo).
function arrangeBook() {
  const word = `zq${freshTag()}`;
  const provider = arrangeOrg('provider', 'Api Book Provider');
  const r1 = arrangeOrg('reseller', 'Api Book First'), r2 = arrangeOrg('reseller', 'Api Book Second');
  partner(provider, r1);
  partner(provider, r2);
  const customers = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'].map((n, i) => {
    const c = arrangeOrg('customer', `${word} ${n}, "Quoted"`);
    relate(c, provider, i < 3 ? r1 : r2);
    return c;
  });
  return { word, provider, r1, r2, customers };
}

// Every item of the list at PATH, following continuationToken from page to page.
async function allPages(api, path) {
  const items = [];
  let next = path, pages = 0;
  while (next) {
    const res = await api.get(next);
    assert.equal(res.status, 200, res.text);
    items.push(...res.json.items);
    pages++;
    next = res.json.continuationToken ? res.json.links.next.uri : null;
  }
  return { items, pages };
}

test('GET /v1/customers: the page\'s search and reseller filter, a page at a time by continuationToken', async () => {
  const b = arrangeBook();
  const api = await apiFor(await signedIn(b.provider.admin), { scopes: ['read'] });
  const { items, pages } = await allPages(api, `/v1/customers?search=${b.word}&size=2`);
  assert.equal(pages, 3);
  assert.deepEqual(items.map((c) => c.id), b.customers.map((c) => c.id));
  const first = items[0];
  assert.equal(first.companyProfile.companyName, b.customers[0].name);
  assert.equal(first.companyProfile.domain, b.customers[0].domain);
  assert.equal(first.companyProfile.tenantId, sql(`SELECT tenant_id FROM organizations WHERE id = ${b.customers[0].id}`));
  assert.equal(first.relationshipToPartner, 'provider');
  assert.equal(first.associatedPartnerId, b.r1.id);
  assert.deepEqual(first.partners, [{ id: b.r1.id, name: b.r1.name }]);

  const filtered = await allPages(api, `/v1/customers?search=${b.word}&resellerId=${b.r2.id}`);
  assert.deepEqual(filtered.items.map((c) => c.id), [b.customers[3].id, b.customers[4].id]);
  assert.equal(filtered.pages, 1);

  // the reseller sees its own customers, itself as the associated partner and the provider as their partner
  const rapi = await apiFor(await signedIn(b.r1.admin), { scopes: ['read'] });
  const mine = await allPages(rapi, `/v1/customers?search=${b.word}`);
  assert.deepEqual(mine.items.map((c) => c.id), b.customers.slice(0, 3).map((c) => c.id));
  assert.equal(mine.items[0].relationshipToPartner, 'reseller');
  assert.equal(mine.items[0].associatedPartnerId, b.r1.id);
  assert.deepEqual(mine.items[0].partners, [{ id: b.provider.id, name: b.provider.name }]);

  const bad = await api.get('/v1/customers?size=51');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.field, 'size');
  const other = arrangeOrg('reseller', 'Api Book Stranger');
  const foreign = await api.get(`/v1/customers?resellerId=${other.id}`);
  assert.equal(foreign.status, 404);
  const page = await (await signedIn(b.provider.admin)).get(`/customers?reseller=${other.id}`);
  assert.equal(page.status, 404);
  assert.ok(htmlDecode(page.text).includes(foreign.json.description), foreign.json.description);
});

// CSV rows as fields (RFC 4180: quoted, "" for a quote, CRLF between records).
function csvRecords(text) {
  assert.ok(text.endsWith('\r\n'), 'records end in CRLF');
  return text.slice(0, -2).split('\r\n').map((line) => [...`${line},`.matchAll(/("(?:[^"]|"")*"|[^,"]*),/g)]
    .map((m) => (m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1])));
}

test('CSV: the page\'s Download CSV link and the API\'s Accept: text/csv give the same filtered rows', async () => {
  const b = arrangeBook();
  const c = await signedIn(b.provider.admin);
  const list = await c.get(`/customers?q=${b.word}&reseller=${b.r1.id}`);
  assert.equal(list.status, 200);
  const href = htmlDecode(list.text.match(/<a id="customers-csv" href="([^"]+)"/)[1]);
  assert.equal(href, `/customers.csv?q=${b.word}&reseller=${b.r1.id}`);
  const page = await c.get(href);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/csv/);
  const api = await apiFor(c, { scopes: ['read'] });
  const res = await api.get(`/v1/customers?search=${b.word}&resellerId=${b.r1.id}`, { accept: 'text/csv' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.equal(res.text, page.text);
  const records = csvRecords(page.text);
  assert.deepEqual(records[0], ['id', 'company_name', 'domain', 'tenant_id', 'country', 'partner_since', 'partners']);
  assert.deepEqual(records.slice(1).map((r) => r[0]), b.customers.slice(0, 3).map((x) => x.id));
  assert.equal(records[1][1], b.customers[0].name);  // with its comma and quotes
  assert.ok(page.text.includes('""Quoted""'), 'a quote doubled inside a quoted field');
  assert.equal(records[1][2], b.customers[0].domain);
  assert.equal(records[1][6], b.r1.name);
  // a reseller's export: its own customers only
  const rc = await signedIn(b.r2.admin);
  const theirs = csvRecords((await rc.get(`/customers.csv?q=${b.word}`)).text);
  assert.deepEqual(theirs.slice(1).map((r) => r[0]), b.customers.slice(3).map((x) => x.id));
});

test('CSV export: every matching row in batches, past the API\'s page of 50', async () => {
  const word = `zb${freshTag()}`;
  const provider = arrangeOrg('provider', 'Api Many Provider');
  const t = sql(`INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('${word}', seq, '.onmicrosoft.com'), 'x', 'US' FROM seq_1_to_120;
    SELECT MIN(id) FROM tenants WHERE domain LIKE '${word}%'`);
  sql(`INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'customer', CONCAT('${word} ', LPAD(id - ${t}, 3, '0')), id, 'US'
    FROM tenants WHERE domain LIKE '${word}%'`);
  const ids = sql(`SELECT id FROM organizations WHERE name LIKE '${word} %' ORDER BY name`).split('\n');
  for (const id of ids) relate({ id }, provider);
  const c = await signedIn(provider.admin);
  const rows = csvRecords((await c.get(`/customers.csv?q=${word}`)).text).slice(1);
  assert.deepEqual(rows.map((r) => r[0]), ids);
  const api = await apiFor(c, { scopes: ['read'] });
  const first = await api.get(`/v1/customers?search=${word}`);
  assert.equal(first.json.items.length, 50);
  assert.ok(first.json.continuationToken);
});

test('GET /v1/customers/{id}: the customer with its billing profile; another organization\'s is the page\'s 404', async () => {
  const { provider, reseller, customer } = arrangeChain('Api One');
  sql(`INSERT INTO customer_profiles (org_id, address_line1, city, region, postal_code, contact_name, contact_email, contact_phone, created_at)
    VALUES (${customer.id}, '1 Main Street', 'Seattle', 'WA', '98101', 'Casey Customer', 'casey@example.com', '+1 206 555 0100', UTC_TIMESTAMP())`);
  const c = await signedIn(provider.admin);
  const api = await apiFor(c, { scopes: ['read'] });
  const res = await api.get(`/v1/customers/${customer.id}`);
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.id, customer.id);
  assert.equal(res.json.associatedPartnerId, reseller.id);
  assert.equal(res.json.billingProfile.email, 'casey@example.com');
  assert.equal(res.json.billingProfile.defaultAddress.city, 'Seattle');
  const stranger = arrangeChain('Api One Stranger');
  const foreign = await api.get(`/v1/customers/${stranger.customer.id}`);
  assert.equal(foreign.status, 404);
  assert.ok(foreign.json.description.startsWith(NOT_OURS), foreign.json.description);
  const page = await c.get(`/customers/subscriptions?customer=${stranger.customer.id}`);
  assert.equal(page.status, 404);
  assert.ok(htmlDecode(page.text).includes(foreign.json.description));
  assert.equal((await api.get('/v1/customers/987654321')).json.description, foreign.json.description);
});

// ---- POST /v1/customers ----

function arrangePair() {
  const provider = arrangeOrg('provider', 'Api New Provider'), reseller = arrangeOrg('reseller', 'Api New Reseller');
  partner(provider, reseller);
  return { provider, reseller };
}
const prefix = () => `ap${freshTag()}`.slice(0, 27);
function newCustomer(reseller, overrides = {}) {
  const p = overrides.prefix || prefix();
  return {
    associatedPartnerId: reseller.id,
    companyProfile: { domain: `${p}.onmicrosoft.com` },
    billingProfile: { companyName: 'Tailwind Traders', email: 'casey@example.com', culture: 'en-US', language: 'en',
      firstName: 'Casey', lastName: 'Customer',
      defaultAddress: { country: 'US', city: 'Seattle', region: 'WA', postalCode: '98101', addressLine1: '1 Main Street',
        phoneNumber: '+1 206 555 0100' } },
    lineItems: [{ offerId: offerId('CP-STD'), quantity: 10 }, { offerId: offerId('EM-P1'), quantity: 3 }],
    ...overrides.body,
  };
}
const counts = () => sql(`SELECT (SELECT COUNT(*) FROM tenants), (SELECT COUNT(*) FROM organizations),
  (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM subscriptions)`);

test('POST /v1/customers: a customer for the reseller, its rows and one audit row, the admin\'s credentials once', async () => {
  const { provider, reseller } = arrangePair();
  const api = await apiFor(await signedIn(provider.sales), { scopes: ['customers'] });
  const body = newCustomer(reseller);
  const mark = auditMark();
  const res = await api.post('/v1/customers', body);
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  const domain = body.companyProfile.domain;
  assert.equal(res.headers.get('location'), `/v1/customers/${id}`);
  assert.equal(res.json.companyProfile.domain, domain);
  assert.equal(res.json.companyProfile.companyName, 'Tailwind Traders');
  assert.equal(res.json.associatedPartnerId, reseller.id);
  assert.equal(res.json.billingProfile.contactName, 'Casey Customer');
  assert.equal(res.json.userCredentials.userName, `admin@${domain}`);
  assert.match(res.json.userCredentials.password, /^\S{16}$/);
  assert.equal(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${domain}'`), '1');
  assert.equal(sql(`SELECT CONCAT(kind, ' ', name) FROM organizations WHERE id = ${id}`), 'customer Tailwind Traders');
  assert.equal(sql(`SELECT GROUP_CONCAT(partner_org_id ORDER BY partner_org_id) FROM customer_relationships
    WHERE customer_org_id = ${id} AND ended_at IS NULL`), [provider.id, reseller.id].sort((a, b) => a - b).join(','));
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(f.sku, ':', s.licenses, ':', s.reseller_of_record_org_id) ORDER BY f.sku)
    FROM subscriptions s JOIN offers f ON f.id = s.offer_id WHERE s.customer_org_id = ${id}`),
  `CP-STD:10:${reseller.id},EM-P1:3:${reseller.id}`);
  assert.equal(sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${id}`), '1');
  assert.equal(sql(`SELECT CONCAT(u.must_change_password, ' ', u.directory_role) FROM users u JOIN tenants t ON t.id = u.tenant_id
    WHERE t.domain = '${domain}'`), '1 global_admin');
  assertOneAudit(mark, { action: 'customer.created', userId: Number(sql(`SELECT id FROM users WHERE upn = '${provider.sales.upn}'`)),
    orgId: Number(provider.id), objectType: 'organization', objectId: Number(id), partyOrgId: Number(id),
    onBehalfOrgId: Number(reseller.id), after: { name: 'Tailwind Traders', domain, contact_email: 'casey@example.com' } });
  // the customer is on the list now, and the password nowhere but in that one answer
  const one = await (await apiFor(await signedIn(provider.admin), { scopes: ['read'] })).get(`/v1/customers/${id}`);
  assert.equal(one.status, 200);
  assert.equal(one.json.userCredentials, undefined);
});

test('POST /v1/customers with an Idempotency-Key: one customer, the retry without the password; another body is 409', async () => {
  const { provider, reseller } = arrangePair();
  const api = await apiFor(await signedIn(provider.admin), { scopes: ['customers'] });
  const body = newCustomer(reseller);
  const key = randomUUID();
  const first = await api.post('/v1/customers', body, { headers: { 'Idempotency-Key': key } });
  assert.equal(first.status, 201, first.text);
  assert.ok(first.json.userCredentials.password);
  const before = counts();
  const again = await api.post('/v1/customers', body, { headers: { 'Idempotency-Key': key } });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.json.id, first.json.id);
  assert.equal(again.json.userCredentials, undefined);
  assert.equal(counts(), before);
  assert.equal(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${body.companyProfile.domain}'`), '1');
  assert.equal(sql(`SELECT LOCATE('${first.json.userCredentials.password}', response) FROM api_idempotency
    WHERE idempotency_key = '${key}'`), '0');
  const other = await api.post('/v1/customers', newCustomer(reseller), { headers: { 'Idempotency-Key': key } });
  assert.equal(other.status, 409);
  assert.equal(counts(), before);
});

test('POST /v1/customers: a reseller or a helpdesk agent gets the page\'s 403; nothing written', async () => {
  const { provider, reseller } = arrangePair();
  for (const who of [reseller.admin, provider.helpdesk]) {
    const c = await signedIn(who);
    const page = await c.get(`/customers/new?reseller=${reseller.id}`);
    assert.equal(page.status, 403);
    const api = await apiFor(c);
    const before = counts(), mark = auditMark();
    const res = await api.post('/v1/customers', newCustomer(reseller));
    assert.equal(res.status, 403, res.text);
    assert.ok(htmlDecode(page.text).includes(res.json.description), `${who.upn}: ${res.json.description}`);
    assert.equal(counts(), before);
    assertNoAudit(mark);
  }
});

test('POST /v1/customers: the wizard\'s checks and words, naming the body\'s field; nothing written', async () => {
  const { provider, reseller } = arrangePair();
  const c = await signedIn(provider.admin);
  // the wizard's own message for the same email
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  const back = await c.post('/customers/new', { ...hiddenFields(form.text), company_name: 'X', domain_prefix: prefix(),
    address_line1: '1 Main Street', city: 'Seattle', postal_code: '98101', country: 'US', contact_name: 'Casey',
    contact_email: 'not-an-email', contact_phone: '+1 206 555 0100', action: 'next' });
  const wizard = htmlDecode(back.text.match(/<p class="field-error" id="contact_email-error">([^<]*)<\/p>/)[1]);
  const api = await apiFor(c, { scopes: ['customers'] });
  const base = newCustomer(reseller);
  const cases = [
    [{ ...base, billingProfile: { ...base.billingProfile, email: 'not-an-email' } }, 400, 'billingProfile.email', wizard],
    [{ ...base, companyProfile: { domain: 'No Such Domain!' } }, 400, 'companyProfile.domain'],
    [{ ...base, billingProfile: { ...base.billingProfile, defaultAddress: { ...base.billingProfile.defaultAddress, postalCode: '' } } },
      400, 'billingProfile.defaultAddress.postalCode'],
    [{ ...base, lineItems: [] }, 400, 'lineItems', 'Choose at least one offer: enter the number of licenses next to it.'],
    [{ ...base, lineItems: [{ offerId: offerId('CP-STD'), quantity: 100000 }] }, 400, 'lineItems[0].quantity'],
    [{ ...base, lineItems: [{ offerId: '987654321', quantity: 1 }] }, 400, 'lineItems[0].offerId'],
    [{ ...base, associatedPartnerId: undefined }, 400, 'associatedPartnerId',
      'Select the indirect reseller who will manage this customer.'],
    [{ ...base, billingProfile: { ...base.billingProfile, middleName: 'Q' } }, 400, 'billingProfile.middleName'],
    [{ ...base, associatedPartnerId: arrangeOrg('reseller', 'Api New Stranger').id }, 404, undefined],
  ];
  for (const [body, status, field, words] of cases) {
    const before = counts(), mark = auditMark();
    const res = await api.post('/v1/customers', body);
    assert.equal(res.status, status, `${field}: ${res.text}`);
    assert.equal(res.json.field, field);
    if (words) assert.equal(res.json.description, words);
    assert.equal(counts(), before);
    assertNoAudit(mark);
  }
  const taken = await api.post('/v1/customers', { ...base, companyProfile: { domain: provider.domain } });
  assert.equal(taken.status, 400);
  assert.equal(taken.json.field, 'companyProfile.domain');
});
