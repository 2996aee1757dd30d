// offers.test.mjs: HTTP tests of the vendor admin's offer catalog: the list, adding and editing offers
// (one form: SKU rules and uniqueness, exact price parsing, license limits), deactivating an offer (it leaves
// the add-customer subscriptions step), and who may reach the pages. Tests add offers with fresh SKUs and
// delete them afterwards, so the file can run again on the same database.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';

let counter = 0;
const tag = () => `${Date.now().toString(36)}${process.pid.toString(36)}${counter++}`.toUpperCase();
const added = [];
after(() => {
  if (added.length) sql(`DELETE FROM offers WHERE sku IN (${added.map((s) => `'${s}'`).join(', ')})
    AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.offer_id = offers.id)`);
});

const offerRow = (sku) => sql(`SELECT id, name, category, description, monthly_price_cents, min_licenses, max_licenses, active
  FROM offers WHERE sku = '${sku}'`).split('\t');
const row = (text, id) => (text.match(new RegExp(`<tr id="admin-offer-${id}">([\\s\\S]*?)</tr>`)) || [])[1];
const fieldError = (text, name) => (text.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`)) || [])[1];

async function signedIn(who) {
  const c = new Client();
  await c.signIn(who);
  return c;
}

function offerFields(fields = {}) {
  const sku = fields.sku || `T-${tag()}`;
  return { name: `Test Offer ${sku}`, sku, category: 'Test offers', description: 'A test offer', price: '12.5',
    min_licenses: '1', max_licenses: '50', active: '1', ...fields };
}

// Add an offer through the form; returns its SKU and id.
async function addOffer(c, fields = {}) {
  const f = offerFields(fields);
  await c.get('/admin/offers/new');
  const res = await c.post('/admin/offers/new', f);
  assert.equal(res.status, 303, res.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  const sku = f.sku.toUpperCase();
  added.push(sku);
  const id = offerRow(sku)[0];
  assert.equal(res.location, `/admin/offers?done=added&id=${id}`);
  return { sku, id, fields: f };
}

test('the vendor admin lists the demo offers with SKU, category, price, limits and state', async () => {
  const c = await signedIn(DEMO.vendor);
  const page = await c.get('/admin/offers');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Offer catalog<\/h1>/);
  assert.match(page.text, /id="add-offer" href="\/admin\/offers\/new">Add an offer</);
  const std = row(page.text, offerRow('CP-STD')[0]);
  assert.ok(std, 'Cloud Productivity Standard is listed');
  assert.match(std, /class="offer-name">Cloud Productivity Standard</);
  assert.match(std, /class="offer-sku">CP-STD</);
  assert.match(std, /<td>Productivity suites<\/td>/);
  assert.match(std, /class="offer-price">\$12\.50</);
  assert.match(std, /class="offer-limits">1–300</);
  assert.match(std, />Active</);
  assert.match(std, new RegExp(`href="/admin/offers/edit\\?id=${offerRow('CP-STD')[0]}">Edit<`));
  assert.match(row(page.text, offerRow('CC-1000')[0]), /class="offer-price">\$1,000\.00<[\s\S]*1–20/);
  assert.match(row(page.text, offerRow('EM-LEGACY')[0]), /Legacy Email Plan[\s\S]*>Inactive</);
  const total = Number(sql('SELECT COUNT(*) FROM offers'));
  assert.equal([...page.text.matchAll(/<tr id="admin-offer-\d+">/g)].length, total);
});

test('add an offer: it is listed with a notice, stored in cents, and audited', async () => {
  const c = await signedIn(DEMO.vendor);
  const form = await c.get('/admin/offers/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /<form method="post" action="\/admin\/offers\/new"/);
  assert.match(form.text, /name="csrf_token" value="[0-9a-f]{64}"/);
  assert.match(form.text, /<option value="Productivity suites">/, 'existing categories are suggested');
  const { sku, id } = await addOffer(c, { sku: `t-low-${tag()}`.toLowerCase(), price: '12.5', min_licenses: '5', max_licenses: '25' });
  assert.match(sku, /^T-LOW-/, 'the SKU is kept in capitals');
  assert.deepEqual(offerRow(sku).slice(2), ['Test offers', 'A test offer', '1250', '5', '25', '1']);
  const list = await c.get(`/admin/offers?done=added&id=${id}`);
  assert.match(list.text, new RegExp(`id="offers-notice">Test Offer [^<]* has been added to the catalog\\.<`));
  const r = row(list.text, id);
  assert.match(r, /class="offer-price">\$12\.50</);
  assert.match(r, /class="offer-limits">5–25</);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'offer.created' AND detail LIKE 'offer ${id}: ${sku} %'`), '1');
});

test('a duplicate SKU gets a message next to the field and nothing is saved', async () => {
  const c = await signedIn(DEMO.vendor);
  const before = sql('SELECT COUNT(*) FROM offers');
  await c.get('/admin/offers/new');
  const res = await c.post('/admin/offers/new', offerFields({ sku: 'cp-std', name: 'Copy of Standard' }));
  assert.equal(res.status, 400);
  assert.equal(fieldError(res.text, 'sku'), 'Another offer already has this SKU. Choose a different SKU.');
  assert.match(res.text, /id="name" name="name" type="text" maxlength="200" value="Copy of Standard"/, 'values kept');
  assert.equal(sql('SELECT COUNT(*) FROM offers'), before);
});

test('prices are parsed exactly to cents; bad prices, SKUs and limits are refused with messages', async () => {
  const c = await signedIn(DEMO.vendor);
  for (const [price, cents] of [['0', '0'], ['7', '700'], ['12.5', '1250'], ['0.05', '5'], ['19.99', '1999'], ['100000.00', '10000000']]) {
    const { sku } = await addOffer(c, { price });
    assert.equal(offerRow(sku)[4], cents, `"${price}" is ${cents} cents`);
  }
  const before = sql('SELECT COUNT(*) FROM offers');
  await c.get('/admin/offers/new');
  const priceMessage = 'Enter a price from 0 to 100000.00 with at most two decimals, such as 12.50.';
  for (const price of ['abc', '-1', '1.234', '100000.01', '1,5', '1.', '.5', '1e3', '12.50$'])
    assert.equal(fieldError((await c.post('/admin/offers/new', offerFields({ price }))).text, 'price'), priceMessage, `"${price}"`);
  const empty = await c.post('/admin/offers/new', offerFields({ price: '', name: '', sku: '' }));
  assert.equal(empty.status, 400);
  assert.equal(fieldError(empty.text, 'price'), 'Monthly price per license is required.');
  assert.equal(fieldError(empty.text, 'name'), 'Name is required.');
  assert.equal(fieldError(empty.text, 'sku'), 'SKU is required.');
  assert.match(empty.text, /id="form-error"/);
  const badSku = await c.post('/admin/offers/new', offerFields({ sku: 'BAD SKU!' }));
  assert.equal(fieldError(badSku.text, 'sku'), 'Use only the letters A to Z, digits and hyphens in the SKU.');
  const long = await c.post('/admin/offers/new', offerFields({ sku: 'A'.repeat(41), description: 'd'.repeat(501) }));
  assert.equal(fieldError(long.text, 'sku'), 'SKU can be at most 40 characters long.');
  assert.equal(fieldError(long.text, 'description'), 'Description can be at most 500 characters long.');
  const minMax = await c.post('/admin/offers/new', offerFields({ min_licenses: '10', max_licenses: '5' }));
  assert.equal(minMax.status, 400);
  assert.equal(fieldError(minMax.text, 'max_licenses'), 'The maximum must be at least the minimum number of licenses.');
  assert.match(minMax.text, /id="min_licenses" name="min_licenses"[^>]*value="10"/);
  for (const n of ['0', '-1', '1.5', 'x', '100001']) {
    const res = await c.post('/admin/offers/new', offerFields({ min_licenses: n }));
    assert.equal(fieldError(res.text, 'min_licenses'), 'Enter a whole number of licenses from 1 to 100000.', `min ${n}`);
  }
  assert.equal(sql('SELECT COUNT(*) FROM offers'), before, 'nothing saved');
});

test('edit an offer: the form shows its values; a save changes it; unknown ids are 404', async () => {
  const c = await signedIn(DEMO.vendor);
  const { sku, id } = await addOffer(c, { price: '3', max_licenses: '40' });
  const form = await c.get(`/admin/offers/edit?id=${id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Edit an offer<\/h1>/);
  assert.match(form.text, /<form method="post" action="\/admin\/offers\/edit"/);
  assert.match(form.text, new RegExp(`<input type="hidden" name="id" value="${id}">`));
  assert.match(form.text, /id="price" name="price"[^>]*value="3\.00"/);
  assert.match(form.text, /id="max_licenses" name="max_licenses"[^>]*value="40"/);
  assert.match(form.text, /id="active" name="active" type="checkbox" value="1" checked/);
  const res = await c.post('/admin/offers/edit', offerFields({ id, sku, name: 'Renamed Offer', price: '4.75', max_licenses: '60' }));
  assert.equal(res.status, 303);
  assert.equal(res.location, `/admin/offers?done=saved&id=${id}`);
  assert.deepEqual(offerRow(sku).slice(1, 7), ['Renamed Offer', 'Test offers', 'A test offer', '475', '1', '60']);
  const list = await c.get(res.location);
  assert.match(list.text, /id="offers-notice">Renamed Offer has been saved\.</);
  // a bad edit keeps what was typed; another offer's SKU is refused
  const bad = await c.post('/admin/offers/edit', offerFields({ id, sku: 'CP-STD', name: 'Still Renamed' }));
  assert.equal(bad.status, 400);
  assert.equal(fieldError(bad.text, 'sku'), 'Another offer already has this SKU. Choose a different SKU.');
  assert.equal(offerRow(sku)[1], 'Renamed Offer');
  for (const unknown of ['', '0', 'abc', '999999999']) {
    assert.equal((await c.get(`/admin/offers/edit?id=${unknown}`)).status, 404, `GET id=${unknown}`);
    await c.get(`/admin/offers/edit?id=${id}`);
    assert.equal((await c.post('/admin/offers/edit', offerFields({ id: unknown }))).status, 404, `POST id=${unknown}`);
  }
  assert.equal((await c.post('/admin/offers/edit', offerFields({ id: '999999999', price: 'bad' }))).status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'offer.updated' AND detail LIKE 'offer ${id}: %'`), '1');
});

// A fresh provider with a partner reseller, and the add-customer subscriptions step it sees.
function arrangeProvider() {
  const t = tag().toLowerCase();
  const hash = sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.provider.upn}'`);
  const ids = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('op${t}.onmicrosoft.com', 'Offer Provider ${t}', 'US');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES (@t, 'ada@op${t}.onmicrosoft.com', 'Ada', '${hash}', 'global_admin');
    SET @u = LAST_INSERT_ID();
    INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('provider', 'Offer Provider ${t}', @t, 'US');
    SET @p = LAST_INSERT_ID();
    INSERT INTO partner_users (org_id, user_id, admin_agent, added_at) VALUES (@p, @u, 1, UTC_TIMESTAMP());
    INSERT INTO tenants (domain, display_name, country) VALUES ('or${t}.onmicrosoft.com', 'Offer Reseller ${t}', 'US');
    INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('reseller', 'Offer Reseller ${t}', LAST_INSERT_ID(), 'US');
    SET @r = LAST_INSERT_ID();
    INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) VALUES (@p, @r, UTC_TIMESTAMP());
    SELECT @r;`);
  return { reseller: ids, admin: { upn: `ada@op${t}.onmicrosoft.com`, password: DEMO.provider.password } };
}

async function subscriptionsStep(c, reseller) {
  await c.get(`/customers/new?reseller=${reseller}`);
  const res = await c.post('/customers/new', { step: 'details', action: 'next', reseller, company_name: 'Offer Test Customer',
    domain_prefix: `oc${tag().toLowerCase()}`, address_line1: '1 Main Street', city: 'Seattle', region: 'WA', postal_code: '98101',
    country: 'US', contact_name: 'Casey', contact_email: 'casey@example.com', contact_phone: '+1 206 555 0100' });
  assert.equal(res.status, 200, res.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  assert.match(res.text, /<h1>New subscriptions<\/h1>/);
  return res.text;
}

test('an inactive offer leaves the add-customer subscriptions step; active again, it is back', async () => {
  const admin = await signedIn(DEMO.vendor);
  const { sku, id, fields } = await addOffer(admin, { category: 'Zeta test offers' });
  const arranged = arrangeProvider();
  const provider = await signedIn(arranged.admin);
  const shown = await subscriptionsStep(provider, arranged.reseller);
  assert.match(shown, new RegExp(`<tr id="offer-${id}">`));
  assert.match(shown, /<h2 class="offer-category">Zeta test offers<\/h2>/);
  assert.doesNotMatch(shown, new RegExp(`<tr id="offer-${offerRow('EM-LEGACY')[0]}">`), 'the demo inactive offer is not offered');

  await admin.get(`/admin/offers/edit?id=${id}`);
  const { active, ...inactive } = fields;
  assert.equal(active, '1');
  assert.equal((await admin.post('/admin/offers/edit', { ...inactive, id })).status, 303);
  assert.equal(offerRow(sku)[7], '0');
  const list = await admin.get('/admin/offers');
  assert.match(row(list.text, id), />Inactive</);
  assert.doesNotMatch(await subscriptionsStep(provider, arranged.reseller), new RegExp(`<tr id="offer-${id}">`));

  await admin.get(`/admin/offers/edit?id=${id}`);
  assert.equal((await admin.post('/admin/offers/edit', { ...fields, id })).status, 303);
  assert.match(await subscriptionsStep(provider, arranged.reseller), new RegExp(`<tr id="offer-${id}">`));
});

test('only the vendor admin reaches the catalog', async () => {
  for (const who of [DEMO.provider, DEMO.reseller, DEMO.customer]) {
    const c = await signedIn(who);
    assert.equal((await c.get('/admin/offers')).status, 403, who.upn);
    assert.equal((await c.get('/admin/offers/new')).status, 403, who.upn);
    assert.equal((await c.get(`/admin/offers/edit?id=${offerRow('CP-STD')[0]}`)).status, 403, who.upn);
    const before = sql('SELECT COUNT(*) FROM offers');
    assert.equal((await c.post('/admin/offers/new', offerFields())).status, 403, who.upn);
    assert.equal((await c.post('/admin/offers/edit', offerFields({ id: offerRow('CP-STD')[0], sku: 'CP-STD', price: '0' }))).status, 403);
    assert.equal(sql('SELECT COUNT(*) FROM offers'), before);
  }
  assert.equal(offerRow('CP-STD')[4], '1250');
  const anonymous = new Client();
  const res = await anonymous.get('/admin/offers');
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/signin\?next=/);
});
