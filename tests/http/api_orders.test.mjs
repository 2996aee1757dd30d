// api_orders.test.mjs: a customer's orders, subscriptions and support contacts through the partner API
// (cgi-src/api/api_orders.c) as a partner scripts them: the happy paths with the rows and the audit row they
// write, a foreign object's 404, the wrong organization or role's 403 in the pages' words, bad bodies' 400
// naming the field; idempotent retries under 10 concurrent duplicates place one order; the CSV exports of the
// Subscriptions page and of the API are the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeSubscription, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';
import { apiFor } from '../lib/api.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const count = (q) => Number(sql(`SELECT COUNT(*) FROM ${q}`));
const userId = (who) => Number(sql(`SELECT id FROM users WHERE upn = '${who.upn}'`));

// A provider with a partner reseller, both partners of record of a customer with one subscription; an outsider
// provider with its own customer; the tokens of each actor.
let w;
test('setup: two worlds and their tokens', async () => {
  const provider = arrangeOrg('provider', 'ApiOrd Provider');
  const reseller = arrangeOrg('reseller', 'ApiOrd Reseller', `8${Date.now()}${process.pid}`.slice(0, 20));
  const customer = arrangeOrg('customer', 'ApiOrd Customer');
  const outsider = arrangeOrg('provider', 'ApiOrd Outsider');
  const outsiderCustomer = arrangeOrg('customer', 'ApiOrd Outsider Customer');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  relate(outsiderCustomer, outsider);
  const sub = arrangeSubscription(customer, provider, { reseller, licenses: 10 });
  const foreignSub = arrangeSubscription(outsiderCustomer, outsider, { licenses: 10 });
  const api = async (who) => apiFor(await signedIn(who));
  w = { provider, reseller, customer, outsider, outsiderCustomer, sub, foreignSub,
    admin: await api(provider.admin), sales: await api(provider.sales), helpdesk: await api(provider.helpdesk),
    resellerAdmin: await api(reseller.admin), outsiderAdmin: await api(outsider.admin) };
});

const ordersPath = () => `/v1/customers/${w.customer.id}/orders`;
const subPath = (sub = w.sub) => `/v1/customers/${w.customer.id}/subscriptions/${sub}`;
const ordersOf = (customer = w.customer) => count(`orders WHERE customer_org_id = ${customer.id}`);

test('POST orders: a sales agent places new subscriptions with a reseller of record; one order, its lines, one audit row', async () => {
  const mark = auditMark();
  const before = ordersOf();
  const body = { lineItems: [{ offerId: String(offer('CP-STD')), quantity: 5, partnerIdOnRecord: String(w.reseller.id) },
    { offerId: String(offer('CC-1000')), quantity: 2, partnerIdOnRecord: String(w.reseller.id) }] };
  const res = await w.sales.post(ordersPath(), body);
  assert.equal(res.status, 201, res.text);
  const o = res.json;
  assert.match(o.id, /^\d+$/);
  assert.equal(res.headers.get('location'), `${ordersPath()}/${o.id}`);
  assert.equal(o.referenceCustomerId, String(w.customer.id));
  assert.equal(o.status, 'completed');
  assert.match(o.creationDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(o.currency, 'USD');
  assert.deepEqual(o.lineItems.map((l) => [l.lineItemNumber, l.offerId, l.quantity, l.partnerIdOnRecord]),
    [[0, String(offer('CP-STD')), 5, String(w.reseller.id)], [1, String(offer('CC-1000')), 2, String(w.reseller.id)]]);
  assert.equal(ordersOf(), before + 1);
  for (const l of o.lineItems)
    assert.equal(sql(`SELECT CONCAT_WS(',', licenses, reseller_of_record_org_id, customer_org_id) FROM subscriptions WHERE id = ${l.subscriptionId}`),
      `${l.quantity},${w.reseller.id},${w.customer.id}`);
  assertOneAudit(mark, { action: 'order.placed', userId: userId(w.provider.sales), orgId: Number(w.provider.id),
    objectType: 'order', objectId: Number(o.id), partyOrgId: Number(w.customer.id), onBehalfOrgId: Number(w.reseller.id),
    after: { licenses: 'CP-STD: 5, CC-1000: 2' } });
  // GET the order and find it in the list
  const got = await w.resellerAdmin.get(`${ordersPath()}/${o.id}`);
  assert.equal(got.status, 200);
  assert.deepEqual(got.json, o);
  const list = await w.admin.get(ordersPath());
  assert.equal(list.status, 200);
  assert.equal(list.json.items[0].id, o.id, 'newest first');
});

test('POST orders: the page\'s refusals in its words, with the field, and nothing written', async () => {
  const eur = sql(`INSERT INTO offers (name, sku, category, monthly_price_cents, min_licenses, max_licenses, active, updated_at,
    currency) VALUES ('ApiOrd Euro', 'APIORD-${Date.now().toString(36)}', 'Test', 1000, 1, 300, 1, UTC_TIMESTAMP(), 'EUR'); SELECT LAST_INSERT_ID();`);
  const std = String(offer('CP-STD'));
  const mark = auditMark();
  const before = ordersOf();
  const cases = [
    [{ lineItems: [{ offerId: std, quantity: 5 }, { offerId: String(eur), quantity: 5 }] }, 400, /priced in different currencies \(USD and EUR\)/, undefined],
    [{ lineItems: [{ offerId: String(offer('EM-LEGACY')), quantity: 5 }] }, 400, /One of the offers you chose is not sold any more/, undefined],
    [{ lineItems: [{ offerId: std, quantity: 0 }] }, 400, /Enter a number of licenses from \d+ to \d+/, 'lineItems[0].quantity'],
    [{ lineItems: [{ offerId: String(eur), quantity: 5 }, { offerId: std, quantity: 100000 }] }, 400, /Enter a number of licenses/, 'lineItems[1].quantity'],
    [{ lineItems: [] }, 400, /Choose at least one offer/, undefined],
    [{ lineItems: [{ offerId: std, quantity: 5, partnerIdOnRecord: String(w.outsider.id) }] }, 400, /partner resellers that is also a partner of record/, 'lineItems[0].partnerIdOnRecord'],
    [{ lineItems: [{ offerId: std, quantity: 5, partnerIdOnRecord: String(w.reseller.id) }, { offerId: std, quantity: 5 }] }, 400, /same reseller of record/, 'lineItems[1].partnerIdOnRecord'],
    [{}, 400, /lineItems/, 'lineItems'],
    [{ lineItems: [{ offerId: std, quantity: '5' }] }, 400, /must be an integer/, 'lineItems[0].quantity'],
    [{ lineItems: [{ offerId: std, quantity: 5, price: 1 }] }, 400, /price is not a field/, 'lineItems[0].price'],
    [{ lineItems: Array.from({ length: 51 }, () => ({ offerId: std, quantity: 5 })) }, 400, /at most 50/, 'lineItems'],
  ];
  try {
    for (const [body, status, words, field] of cases) {
      const res = await w.admin.post(ordersPath(), body);
      assert.equal(res.status, status, JSON.stringify(body).slice(0, 200));
      assert.match(res.json.description, words);
      assert.equal(res.json.field, field, JSON.stringify(body).slice(0, 200));
    }
  } finally {
    sql(`UPDATE offers SET active = 0 WHERE id = ${eur}`);
  }
  assert.equal(ordersOf(), before, 'no order placed');
  assertNoAudit(mark);
});

test('POST orders: a helpdesk agent and a reseller get the page\'s 403; another provider\'s customer is 404; a read token 403', async () => {
  const body = { lineItems: [{ offerId: String(offer('CP-STD')), quantity: 5 }] };
  const readOnly = await apiFor(await signedIn(w.provider.admin), { scopes: ['read'] });
  const mark = auditMark();
  const before = ordersOf();
  let res = await w.helpdesk.post(ordersPath(), body);
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Only admin agents and sales agents of your account can place orders.');
  res = await w.resellerAdmin.post(ordersPath(), body);
  assert.equal(res.status, 403);
  assert.match(res.json.description, /Your organization does not have access to this page/);
  res = await w.outsiderAdmin.post(ordersPath(), body);
  assert.equal(res.status, 404);
  assert.equal(res.json.code, 'notFound');
  res = await readOnly.post(ordersPath(), body);
  assert.equal(res.status, 403);
  assert.match(res.json.description, /orders scope/);
  assert.equal(ordersOf(), before);
  assertNoAudit(mark);
});

test('GET orders/{id}: another customer\'s order under this customer, and a foreign customer, are 404', async () => {
  const placed = await w.outsiderAdmin.post(`/v1/customers/${w.outsiderCustomer.id}/orders`,
    { lineItems: [{ offerId: String(offer('CP-STD')), quantity: 3 }] });
  assert.equal(placed.status, 201, placed.text);
  let res = await w.admin.get(`${ordersPath()}/${placed.json.id}`);
  assert.equal(res.status, 404);
  res = await w.admin.get(`/v1/customers/${w.outsiderCustomer.id}/orders/${placed.json.id}`);
  assert.equal(res.status, 404);
  res = await w.admin.get(`/v1/customers/${w.outsiderCustomer.id}/orders`);
  assert.equal(res.status, 404);
  assert.equal((await w.admin.get(`${ordersPath()}/987654321`)).status, 404);
});

test('Idempotency-Key: 10 concurrent duplicates place ONE order with one audit row and get equal answers; another body is 409; a retry gets the same order', async () => {
  const key = `apiord-${Date.now()}-${process.pid}`;
  const body = { lineItems: [{ offerId: String(offer('CP-STD')), quantity: 7 }] };
  const mark = auditMark();
  const before = ordersOf();
  const answers = await Promise.all(Array.from({ length: 10 },
    () => w.admin.post(ordersPath(), body, { headers: { 'Idempotency-Key': key } })));
  assert.deepEqual(answers.map((a) => a.status), Array(10).fill(201), answers.map((a) => a.text).join('\n'));
  assert.equal(new Set(answers.map((a) => a.text)).size, 1, 'every answer is the same order');
  assert.equal(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true').length, 9, 'nine are replays');
  assert.equal(ordersOf(), before + 1, 'one orders row');
  assertOneAudit(mark, { action: 'order.placed', objectId: Number(answers[0].json.id) });
  const other = await w.admin.post(ordersPath(), { lineItems: [{ offerId: String(offer('CP-STD')), quantity: 8 }] },
    { headers: { 'Idempotency-Key': key } });
  assert.equal(other.status, 409);
  assert.match(other.json.description, /already used for a different request/);
  const retry = await w.admin.post(ordersPath(), body, { headers: { 'Idempotency-Key': key } });
  assert.equal(retry.status, 201);
  assert.equal(retry.json.id, answers[0].json.id);
  assert.equal(retry.headers.get('idempotent-replayed'), 'true');
  assert.equal(ordersOf(), before + 1);
});

test('GET subscriptions: the Subscriptions page\'s columns, paged by continuation token; one subscription; another customer\'s is 404', async () => {
  const many = arrangeOrg('customer', 'ApiOrd Many');
  relate(many, w.provider, w.reseller);
  for (let i = 0; i < 23; i++) arrangeSubscription(many, w.provider, { licenses: 1 + i });
  const first = await w.resellerAdmin.get(`/v1/customers/${many.id}/subscriptions`);
  assert.equal(first.status, 200);
  assert.equal(first.json.items.length, 20);
  assert.ok(first.json.continuationToken);
  const next = await w.resellerAdmin.get(first.json.links.next.uri);
  assert.equal(next.json.items.length, 3);
  assert.equal(next.json.continuationToken, undefined);
  assert.deepEqual([...first.json.items, ...next.json.items].map((s) => s.quantity), Array.from({ length: 23 }, (_, i) => i + 1));
  const res = await w.admin.get(subPath());
  assert.equal(res.status, 200);
  assert.deepEqual({ ...res.json, creationDate: undefined }, { id: String(w.sub), customerId: String(w.customer.id),
    offerId: String(offer('CP-STD')), offerName: sql(`SELECT name FROM offers WHERE sku = 'CP-STD'`), sku: 'CP-STD',
    quantity: 10, status: 'active', partnerId: String(w.reseller.id), partnerName: w.reseller.name,
    partnerMpnId: sql(`SELECT mpn_id FROM organizations WHERE id = ${w.reseller.id}`), supportContactId: String(w.provider.id),
    creationDate: undefined });
  assert.equal((await w.admin.get(subPath(w.foreignSub))).status, 404, 'a subscription of another customer');
  assert.equal((await w.outsiderAdmin.get(subPath())).status, 404, 'a foreign customer');
  assert.equal((await w.outsiderAdmin.get(`/v1/customers/${w.customer.id}/subscriptions`)).status, 404);
});

test('PATCH a subscription\'s quantity: an order as the page\'s license change, by the provider or the reseller of record', async () => {
  // a provider that sees the customer but did not sell the subscription
  const second = arrangeOrg('provider', 'ApiOrd Second');
  relate(w.customer, second);
  const secondApi = await apiFor(await signedIn(second.admin));
  let mark = auditMark();
  let res = await w.resellerAdmin.patch(subPath(), { quantity: 12 });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.quantity, 12);
  assert.match(res.json.orderId, /^\d+$/);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${w.sub}`), '12');
  assert.equal(sql(`SELECT CONCAT_WS(',', kind, licenses_before, licenses_after) FROM order_lines WHERE order_id = ${res.json.orderId}`), 'change,10,12');
  assertOneAudit(mark, { action: 'order.placed', objectType: 'order', objectId: Number(res.json.orderId),
    userId: userId(w.reseller.admin), partyOrgId: Number(w.customer.id), before: { licenses: '10' }, after: { licenses: '12' } });
  // the page's refusals, with the API's field name, and nothing written
  mark = auditMark();
  const before = ordersOf();
  res = await w.admin.patch(subPath(), { quantity: 12 });
  assert.equal(res.status, 400);
  assert.match(res.json.description, /has 12 licenses already/);
  assert.equal(res.json.field, 'quantity');
  res = await w.admin.patch(subPath(), { quantity: 0 });
  assert.equal(res.json.field, 'quantity');
  assert.match(res.json.description, /Enter a number of licenses/);
  res = await w.admin.patch(subPath(), { quantity: 'many' });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'quantity');
  res = await w.helpdesk.patch(subPath(), { quantity: 13 });
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Only admin agents and sales agents of your account can place orders.');
  // the provider that did not sell it: the page's 403 words
  res = await secondApi.patch(subPath(), { quantity: 13 });
  assert.equal(res.status, 403);
  assert.match(res.json.description, /Only the indirect provider that sold this subscription, or its reseller of record/);
  assert.equal(ordersOf(), before);
  assertNoAudit(mark);
});

test('PATCH a subscription\'s partnerId: the reseller of record, by the selling provider only; both changes in one transaction', async () => {
  const other = arrangeOrg('reseller', 'ApiOrd Other');
  partner(w.provider, other);
  relate(w.customer, other);
  let mark = auditMark();
  let res = await w.sales.patch(subPath(), { partnerId: String(other.id) });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.partnerId, String(other.id));
  assert.equal(res.json.orderId, undefined);
  assertOneAudit(mark, { action: 'subscription.reseller_of_record', objectType: 'subscription', objectId: Number(w.sub),
    partyOrgId: Number(w.customer.id), before: { reseller_of_record: w.reseller.name }, after: { reseller_of_record: other.name } });
  mark = auditMark();
  const licenses = sql(`SELECT licenses FROM subscriptions WHERE id = ${w.sub}`);
  res = await w.resellerAdmin.patch(subPath(), { partnerId: '' });
  assert.equal(res.status, 403);
  assert.match(res.json.description, /Your organization does not have access to this page/);
  // a good quantity with a bad reseller: neither is done
  res = await w.admin.patch(subPath(), { quantity: 20, partnerId: String(w.outsider.id) });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'partnerId');
  assert.match(res.json.description, /Choose None or one of your partner resellers/);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${w.sub}`), licenses, 'the quantity was not changed either');
  res = await w.admin.patch(subPath(), { partnerId: 5 });
  assert.equal(res.json.field, 'partnerId');
  assertNoAudit(mark);
  res = await w.admin.patch(subPath(), { partnerId: String(w.reseller.id) });
  assert.equal(res.status, 200);
});

test('GET/PUT supportcontact: Partner Center\'s SupportContact; the selling provider designates it', async () => {
  let res = await w.resellerAdmin.get(`${subPath()}/supportcontact`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { partnerId: String(w.provider.id), name: w.provider.name, supportMpnId: null,
    supportTenantId: sql(`SELECT tenant_id FROM organizations WHERE id = ${w.provider.id}`) });
  let mark = auditMark();
  res = await w.sales.put(`${subPath()}/supportcontact`, { partnerId: String(w.reseller.id) });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.name, w.reseller.name);
  assert.equal(res.json.supportMpnId, sql(`SELECT mpn_id FROM organizations WHERE id = ${w.reseller.id}`));
  assert.equal(sql(`SELECT support_contact_org_id FROM subscriptions WHERE id = ${w.sub}`), w.reseller.id);
  assertOneAudit(mark, { action: 'subscription.support_contact', objectType: 'subscription', objectId: Number(w.sub),
    userId: userId(w.provider.sales), partyOrgId: Number(w.customer.id), before: { support_contact: w.provider.name },
    after: { support_contact: w.reseller.name } });
  mark = auditMark();
  res = await w.resellerAdmin.put(`${subPath()}/supportcontact`, { partnerId: String(w.reseller.id) });
  assert.equal(res.status, 403);
  res = await w.helpdesk.put(`${subPath()}/supportcontact`, { partnerId: String(w.provider.id) });
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Only admin agents and sales agents of your account can place orders.');
  res = await w.admin.put(`${subPath()}/supportcontact`, { partnerId: String(w.outsider.id) });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'partnerId');
  res = await w.admin.put(`${subPath()}/supportcontact`, {});
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'partnerId');
  res = await w.outsiderAdmin.put(`${subPath()}/supportcontact`, { partnerId: String(w.outsider.id) });
  assert.equal(res.status, 404);
  assert.equal(sql(`SELECT support_contact_org_id FROM subscriptions WHERE id = ${w.sub}`), w.reseller.id);
  assertNoAudit(mark);
});

test('CSV: the Subscriptions page\'s Download CSV and orders CSV are the API\'s Accept: text/csv rows (RFC 4180)', async () => {
  const page = await signedIn(w.reseller.admin);
  const html = await page.get(`/customers/subscriptions?customer=${w.customer.id}`);
  assert.match(html.text, new RegExp(`href="/customers/subscriptions.csv\\?customer=${w.customer.id}"[^>]*>Download CSV<`));
  assert.match(html.text, new RegExp(`href="/customers/orders.csv\\?customer=${w.customer.id}"`));
  for (const list of ['subscriptions', 'orders']) {
    const fromPage = await page.get(`/customers/${list}.csv?customer=${w.customer.id}`);
    assert.equal(fromPage.status, 200);
    assert.match(fromPage.headers.get('content-type'), /^text\/csv/);
    const fromApi = await w.resellerAdmin.get(`/v1/customers/${w.customer.id}/${list}`, { accept: 'text/csv' });
    assert.equal(fromApi.status, 200);
    assert.match(fromApi.headers.get('content-type'), /^text\/csv/);
    assert.equal(fromApi.text, fromPage.text, list);
    const rows = fromApi.text.split('\r\n').filter(Boolean);
    assert.equal(rows.length - 1, count(`${list} WHERE customer_org_id = ${w.customer.id}`), `${list}: a row each`);
  }
  const subs = (await page.get(`/customers/subscriptions.csv?customer=${w.customer.id}`)).text;
  assert.match(subs, /^Subscription,Offer,SKU,Licenses,Status,Reseller of record,Reseller MPN ID,Support contact,Created \(UTC\)\r\n/);
  assert.match(subs, new RegExp(`"${w.sub}","[^"]+","CP-STD","\\d+","active","${w.reseller.name}"`));
  const orders = (await page.get(`/customers/orders.csv?customer=${w.customer.id}`)).text;
  assert.match(orders, /^Order,Placed \(UTC\),Placed by,Lines,Monthly total,Currency\r\n"\d+","\d{4}-\d\d-\d\d \d\d:\d\d:\d\d","[^"]+","\d+","-?\d+\.\d\d","USD"\r\n/);
  // another organization's customer: the page's 404, no rows
  const outsider = await signedIn(w.outsider.admin);
  const res = await outsider.get(`/customers/subscriptions.csv?customer=${w.customer.id}`);
  assert.equal(res.status, 404);
  assert.ok(!res.text.includes('CP-STD'));
});
