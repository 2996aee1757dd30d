// audit_catalog.test.mjs: every change of the vendor's official provider list (add, edit, delist, relist) and
// offer catalog (add, edit) writes exactly one audit row naming the vendor admin, the object, the provider it
// is made to and the values before and after; a refused change (a bad field, a taken name or SKU, an unknown
// or foreign object, another organization's user) writes none and changes nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, sql } from '../lib/client.mjs';
import { arrangeTenant, freshTag, removeTenant, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const VENDOR_USER = Number(sql(`SELECT id FROM users WHERE upn = '${DEMO.vendor.upn}'`));
const VENDOR_ORG = Number(sql(`SELECT o.id FROM organizations o JOIN users u ON u.tenant_id = o.tenant_id
  WHERE u.upn = '${DEMO.vendor.upn}' AND o.kind = 'vendor'`));
const BY_VENDOR = { userId: VENDOR_USER, orgId: VENDOR_ORG, onBehalfOrgId: 0 };

const tenants = [];
const skus = [];
after(() => {
  tenants.forEach(removeTenant);
  if (skus.length) sql(`DELETE FROM offers WHERE sku IN (${skus.map((s) => `'${s}'`).join(', ')})`);
});

// ---- the provider list ----

// POST a form whose countries repeat: PAIRS is a list of [name, value].
function postPairs(c, path, pairs) {
  return c.request('POST', path, { body: new URLSearchParams([['csrf_token', c.lastToken], ...pairs]).toString() });
}

const LISTING = { headline: 'Audited provider', countries: ['DE', 'AT'], services: 'Billing\r\nTraining',
  contact_email: 'partners@audit.example', contact_phone: '+49 89 555 0100', website: 'https://audit.example' };
const listingPairs = (fields) => Object.entries({ ...LISTING, ...fields })
  .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));

const listingRow = (org) => sql(`SELECT CONCAT_WS('|', o.name, l.headline, l.listed, l.contact_email,
  (SELECT GROUP_CONCAT(country ORDER BY country) FROM provider_countries WHERE org_id = o.id))
  FROM organizations o LEFT JOIN provider_listings l ON l.org_id = o.id WHERE o.id = ${org}`);

// A provider the vendor added through the form; its organization id.
async function addProvider(admin, name) {
  const tenant = arrangeTenant('Audit Tenant');
  tenants.push(tenant.id);
  await admin.get('/admin/providers/new');
  const res = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant_id: tenant.id, name }));
  assert.equal(res.status, 303, res.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  return { tenant, org: Number(sql(`SELECT id FROM organizations WHERE tenant_id = ${tenant.id}`)) };
}

test('POST /admin/providers/new: one provider.listed row with the new listing; a taken name or tenant, or a bad field, writes none', async () => {
  const admin = await signedIn(DEMO.vendor);
  const name = `Audit Provider ${freshTag()}`;
  let mark = auditMark();
  const { tenant, org } = await addProvider(admin, name);
  const row = assertOneAudit(mark, { ...BY_VENDOR, action: 'provider.listed', objectType: 'provider_listing',
    objectId: org, partyOrgId: org, before: {},
    after: { tenant_id: tenant.id, name, headline: 'Audited provider', countries: 'AT,DE', services: 'Billing\nTraining',
      contact_email: 'partners@audit.example', contact_phone: '+49 89 555 0100', website: 'https://audit.example' } });
  assert.deepEqual(row.before, {}, 'a new listing has no values before');
  assert.equal(row.detail, `provider ${org}: ${name}, serving AT,DE`);
  assert.equal(row.clientIp, '127.0.0.1');

  const other = arrangeTenant('Audit Tenant');
  tenants.push(other.id);
  const organizations = sql('SELECT COUNT(*) FROM organizations');
  for (const [what, fields, field] of [
    ['a taken name (any case)', { tenant_id: other.id, name: name.toUpperCase() }, 'name'],
    ['a tenant with an account', { tenant_id: tenant.id, name: `${name} Again` }, 'tenant_id'],
    ['no such tenant', { tenant_id: '999999999', name: `${name} Nowhere` }, 'tenant_id'],
    ['a bad email', { tenant_id: other.id, name: `${name} Mail`, contact_email: 'nope' }, 'contact_email'],
    ['no country', { tenant_id: other.id, name: `${name} Nowhere`, countries: [] }, 'countries'],
  ]) {
    await admin.get('/admin/providers/new');
    mark = auditMark();
    const res = await postPairs(admin, '/admin/providers/new', listingPairs(fields));
    assert.equal(res.status, 400, what);
    assert.match(res.text, new RegExp(`id="${field}-error"`), what);
    assertNoAudit(mark);
  }
  assert.equal(sql('SELECT COUNT(*) FROM organizations'), organizations, 'nothing written');
});

test('POST /admin/providers/edit: one provider.updated row with only the fields changed; a bad field or an unknown provider writes none', async () => {
  const admin = await signedIn(DEMO.vendor);
  const name = `Audit Edit ${freshTag()}`;
  const { org } = await addProvider(admin, name);
  await admin.get(`/admin/providers/edit?id=${org}`);
  let mark = auditMark();
  const res = await postPairs(admin, '/admin/providers/edit', [['id', org],
    ...listingPairs({ name, headline: 'A new headline', countries: ['FR', 'DE', 'AT'] })]);
  assert.equal(res.status, 303);
  const row = assertOneAudit(mark, { ...BY_VENDOR, action: 'provider.updated', objectType: 'provider_listing',
    objectId: org, partyOrgId: org,
    before: { headline: 'Audited provider', countries: 'AT,DE' },
    after: { headline: 'A new headline', countries: 'AT,DE,FR' } });
  assert.deepEqual(Object.keys(row.after).sort(), ['countries', 'headline'], 'only what changed');
  assert.deepEqual(Object.keys(row.before).sort(), ['countries', 'headline']);

  const stored = listingRow(org);
  const fabrikam = sql("SELECT id FROM organizations WHERE name = 'Fabrikam Distribution'");
  const reseller = sql("SELECT id FROM organizations WHERE name = 'Contoso Reseller'");
  for (const [what, id, fields, status] of [
    ['a bad phone', org, { name, contact_phone: 'call me' }, 400],
    ['a taken name', org, { name: 'Fabrikam Distribution' }, 400],
    ['no such provider', '999999999', { name }, 404],
    ['a reseller, not a provider', reseller, { name }, 404],
  ]) {
    await admin.get(`/admin/providers/edit?id=${org}`);
    mark = auditMark();
    assert.equal((await postPairs(admin, '/admin/providers/edit', [['id', id], ...listingPairs(fields)])).status, status, what);
    assertNoAudit(mark);
  }
  assert.equal(listingRow(org), stored, 'nothing written');
  assert.equal(sql(`SELECT name FROM organizations WHERE id = ${fabrikam}`), 'Fabrikam Distribution');
});

test('POST /admin/providers/delist and /relist: one row each, listed before and after; a provider without a listing writes none', async () => {
  const admin = await signedIn(DEMO.vendor);
  const name = `Audit Listed ${freshTag()}`;
  const { org } = await addProvider(admin, name);
  for (const [path, action, before, after] of [['/admin/providers/delist', 'provider.delisted', 'yes', 'no'],
    ['/admin/providers/relist', 'provider.relisted', 'no', 'yes']]) {
    await admin.get('/admin/providers');
    const mark = auditMark();
    assert.equal((await admin.post(path, { id: org })).status, 303, path);
    assertOneAudit(mark, { ...BY_VENDOR, action, objectType: 'provider_listing', objectId: org, partyOrgId: org,
      detail: `provider ${org}: ${name}`, before: { listed: before }, after: { listed: after } });
  }
  assert.match(listingRow(org), /\|1\|/, 'listed again');

  // a provider account without a listing, a reseller, no such organization: 404, nothing written
  const bare = arrangeTenant('Audit Tenant');
  tenants.push(bare.id);
  const unlisted = sql(`INSERT INTO organizations (kind, name, tenant_id, country)
    VALUES ('provider', 'Audit Unlisted ${bare.tag}', ${bare.id}, 'DE'); SELECT LAST_INSERT_ID()`);
  const reseller = sql("SELECT id FROM organizations WHERE name = 'Contoso Reseller'");
  for (const path of ['/admin/providers/delist', '/admin/providers/relist'])
    for (const id of [unlisted, reseller, '999999999', 'abc']) {
      await admin.get('/admin/providers');
      const mark = auditMark();
      const res = await admin.post(path, { id });
      assert.equal(res.status, 404, `${path} ${id}`);
      assert.match(res.text, /There is no provider listing with that number/);
      assertNoAudit(mark);
    }
  assert.equal(sql(`SELECT COUNT(*) FROM provider_listings WHERE org_id = ${unlisted}`), '0');
});

// ---- the offer catalog ----

const offerFields = (fields = {}) => {
  const sku = fields.sku || `AU-${freshTag()}`.toUpperCase();
  return { name: `Audit Offer ${sku}`, sku, category: 'Audit offers', description: 'An audited offer', price: '12.5',
    min_licenses: '1', max_licenses: '50', active: '1', ...fields };
};
const offerRow = (id) => sql(`SELECT CONCAT_WS('|', name, sku, monthly_price_cents, min_licenses, max_licenses, active)
  FROM offers WHERE id = ${id}`);

async function addOffer(admin, fields) {
  await admin.get('/admin/offers/new');
  const f = offerFields(fields);
  const res = await admin.post('/admin/offers/new', f);
  assert.equal(res.status, 303, res.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  skus.push(f.sku);
  return { ...f, id: Number(sql(`SELECT id FROM offers WHERE sku = '${f.sku}'`)) };
}

test('POST /admin/offers/new: one offer.created row with every value; a taken SKU or a bad value writes none', async () => {
  const admin = await signedIn(DEMO.vendor);
  let mark = auditMark();
  const offer = await addOffer(admin, { price: '12.5', min_licenses: '5', max_licenses: '25' });
  const row = assertOneAudit(mark, { ...BY_VENDOR, action: 'offer.created', objectType: 'offer', objectId: offer.id,
    partyOrgId: 0, before: {},
    after: { name: offer.name, sku: offer.sku, category: 'Audit offers', description: 'An audited offer',
      price: '12.50', min_licenses: '5', max_licenses: '25', active: 'yes' } });
  assert.deepEqual(row.before, {});
  assert.equal(row.detail, `offer ${offer.id}: ${offer.sku} ${offer.name}, $12.50 per license, 5-25 licenses, active`);

  const offers = sql('SELECT COUNT(*) FROM offers');
  for (const [what, fields, field] of [
    ['a taken SKU (any case)', { sku: offer.sku.toLowerCase() }, 'sku'],
    ['a bad price', { price: '1.234' }, 'price'],
    ['a maximum below the minimum', { min_licenses: '10', max_licenses: '5' }, 'max_licenses'],
  ]) {
    await admin.get('/admin/offers/new');
    mark = auditMark();
    const res = await admin.post('/admin/offers/new', offerFields(fields));
    assert.equal(res.status, 400, what);
    assert.match(res.text, new RegExp(`id="${field}-error"`), what);
    assertNoAudit(mark);
  }
  assert.equal(sql('SELECT COUNT(*) FROM offers'), offers, 'nothing written');
});

test('POST /admin/offers/edit: one offer.updated row with only the values changed; a bad value or an unknown offer writes none', async () => {
  const admin = await signedIn(DEMO.vendor);
  const offer = await addOffer(admin, { price: '3' });
  await admin.get(`/admin/offers/edit?id=${offer.id}`);
  let mark = auditMark();
  const { active, ...inactive } = offer;
  assert.equal(active, '1');
  const res = await admin.post('/admin/offers/edit', { ...inactive, price: '4.75', max_licenses: '60' });
  assert.equal(res.status, 303);
  const row = assertOneAudit(mark, { ...BY_VENDOR, action: 'offer.updated', objectType: 'offer', objectId: offer.id,
    partyOrgId: 0, before: { price: '3.00', max_licenses: '50', active: 'yes' },
    after: { price: '4.75', max_licenses: '60', active: 'no' } });
  assert.deepEqual(Object.keys(row.after).sort(), ['active', 'max_licenses', 'price'], 'only what changed');

  const stored = offerRow(offer.id);
  for (const [what, fields, status] of [
    ['a bad price', { id: offer.id, price: 'abc' }, 400],
    ['another offer\'s SKU', { id: offer.id, sku: 'CP-STD' }, 400],
    ['no such offer', { id: '999999999' }, 404],
    ['no offer at all', { id: '' }, 404],
  ]) {
    await admin.get(`/admin/offers/edit?id=${offer.id}`);
    mark = auditMark();
    assert.equal((await admin.post('/admin/offers/edit', { ...offer, ...fields })).status, status, what);
    assertNoAudit(mark);
  }
  assert.equal(offerRow(offer.id), stored, 'nothing written');
});

test('a partner user posting to the catalog and the provider list is refused, and no audit row is written', async () => {
  const dana = await signedIn(DEMO.provider);
  const fabrikam = sql("SELECT id FROM organizations WHERE name = 'Fabrikam Distribution'");
  const cpStd = sql("SELECT id FROM offers WHERE sku = 'CP-STD'");
  const before = [listingRow(fabrikam), offerRow(cpStd)];
  const tenant = arrangeTenant('Audit Tenant');
  tenants.push(tenant.id);
  for (const [path, pairs] of [
    ['/admin/providers/new', listingPairs({ tenant_id: tenant.id, name: `Dana's ${tenant.tag}` })],
    ['/admin/providers/edit', [['id', fabrikam], ...listingPairs({ name: 'Fabrikam Distribution', headline: 'Taken over' })]],
    ['/admin/providers/delist', [['id', fabrikam]]],
    ['/admin/providers/relist', [['id', fabrikam]]],
    ['/admin/offers/new', Object.entries(offerFields())],
    ['/admin/offers/edit', Object.entries(offerFields({ id: cpStd, sku: 'CP-STD', price: '0' }))],
  ]) {
    const mark = auditMark();
    assert.equal((await postPairs(dana, path, pairs)).status, 403, path);
    assertNoAudit(mark);
  }
  assert.deepEqual([listingRow(fabrikam), offerRow(cpStd)], before);
  assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE tenant_id = ${tenant.id}`), '0');
});
