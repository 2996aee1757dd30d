// subscriptions.test.mjs: HTTP tests of adding subscriptions (validation, one order, exactly once), changing
// licenses, the subscription detail with its designated support contact, the order page, and the rights that
// follow the customer relationships. Every test arranges fresh organizations, so the file is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { PASSWORD, arrangeOrg, endRelationship, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const ordersOf = (customer) => Number(sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${customer.id}`));
const subsOf = (customer) => Number(sql(`SELECT COUNT(*) FROM subscriptions WHERE customer_org_id = ${customer.id}`));

// A provider with a partner reseller that shares a customer; another partner reseller that is not a partner of
// record of the customer; a reseller of record the provider is not partnered with; a provider and a reseller
// with no relationship to the customer.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Subs Provider');
  const reseller = arrangeOrg('reseller', 'Subs Reseller', `9${Date.now()}${process.pid}`.slice(0, 20));
  const otherPartner = arrangeOrg('reseller', 'Subs Other Partner');
  const notPartner = arrangeOrg('reseller', 'Subs Not Partner');
  const outsider = arrangeOrg('provider', 'Subs Outsider');
  const outsiderReseller = arrangeOrg('reseller', 'Subs Outsider Reseller');
  const customer = arrangeOrg('customer', 'Subs Customer');
  partner(provider, reseller);
  partner(provider, otherPartner);
  partner(outsider, outsiderReseller);
  relate(customer, provider, reseller, notPartner);
  return { provider, reseller, otherPartner, notPartner, outsider, outsiderReseller, customer };
}

const formOf = (text) => ({ order_key: text.match(/name="order_key" value="([0-9a-f]{64})"/)[1] });
const orderId = (res) => { assert.equal(res.status, 303, res.text.slice(0, 2000)); return res.location.match(/^\/orders\/view\?id=(\d+)$/)[1]; };

// The provider's New subscription form for the customer, and a POST of it with FIELDS.
async function openNew(c, customer) {
  const page = await c.get(`/subscriptions/new?customer=${customer.id}`);
  assert.equal(page.status, 200);
  return { page, ...formOf(page.text) };
}
const postNew = (c, customer, fields) => c.post(`/subscriptions/new?customer=${customer.id}`, fields);

// A subscription added through the form; its id.
async function addSubscription(w, sku = 'CP-STD', licenses = 10) {
  const c = await signedIn(w.provider.admin);
  const { order_key } = await openNew(c, w.customer);
  const id = orderId(await postNew(c, w.customer, { order_key, [`licenses_${offer(sku)}`]: licenses, reseller_of_record: w.reseller.id }));
  return { order: id, sub: sql(`SELECT subscription_id FROM order_lines WHERE order_id = ${id}`) };
}

test('the New subscription form: active offers, the reseller of record choices, a one-time order key', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.sales);
  const { page } = await openNew(c, w.customer);
  assert.match(page.text, /<h1>New subscription<\/h1>/);
  assert.match(page.text, new RegExp(`id="customer-name">${w.customer.name}<`));
  assert.match(page.text, new RegExp(`<input id="licenses_${offer('CP-STD')}" name="licenses_${offer('CP-STD')}"`));
  assert.ok(!page.text.includes(`name="licenses_${offer('EM-LEGACY')}"`), 'an inactive offer is not offered');
  assert.match(page.text, /<option value="">None<\/option>/);
  assert.match(page.text, new RegExp(`<option value="${w.reseller.id}">${w.reseller.name}</option>`));
  assert.ok(!page.text.includes(`<option value="${w.otherPartner.id}"`), 'a partner that is not of record is not offered');
  assert.ok(!page.text.includes(`<option value="${w.notPartner.id}"`), 'a reseller of record that is not a partner is not offered');
  assert.match(page.text, /name="csrf_token" value="[0-9a-f]{64}">\s*<input type="hidden" name="order_key" value="[0-9a-f]{64}">/);
  assert.notEqual(formOf(page.text).order_key, formOf((await c.get(`/subscriptions/new?customer=${w.customer.id}`)).text).order_key);
});

test('adding subscriptions refuses bad input with the form back and places nothing', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const { order_key } = await openNew(c, w.customer);
  const std = offer('CP-STD'), cc = offer('CC-1000');
  const refused = async (fields, pattern) => {
    const res = await postNew(c, w.customer, { order_key, ...fields });
    assert.equal(res.status, 400, JSON.stringify(fields));
    assert.match(res.text, pattern);
    assert.match(res.text, /<h1>New subscription<\/h1>/);
    return res;
  };
  await refused({}, /id="form-error">Choose at least one offer/);
  await refused({ [`licenses_${std}`]: '  ' }, /id="form-error">Choose at least one offer/);
  const below = await refused({ [`licenses_${std}`]: '0', [`licenses_${cc}`]: '5' },
    new RegExp(`id="licenses_${std}-error">Enter a number of licenses from 1 to 300.<`));
  assert.match(below.text, new RegExp(`name="licenses_${cc}" type="text" inputmode="numeric" size="6" maxlength="12" value="5">`), 'values are kept');
  assert.doesNotMatch(below.text, new RegExp(`id="licenses_${cc}-error"`));
  await refused({ [`licenses_${cc}`]: '21' }, new RegExp(`id="licenses_${cc}-error">Enter a number of licenses from 1 to 20.<`));
  await refused({ [`licenses_${std}`]: 'ten' }, new RegExp(`id="licenses_${std}-error">`));
  await refused({ [`licenses_${std}`]: '-3' }, new RegExp(`id="licenses_${std}-error">`));
  await refused({ [`licenses_${std}`]: '5', [`licenses_${offer('EM-LEGACY')}`]: '5' }, /id="form-error">One of the offers you chose is not sold any more/);
  await refused({ [`licenses_${std}`]: '5', licenses_999999999: '5' }, /id="form-error">One of the offers you chose is not sold any more/);
  for (const bad of [w.otherPartner, w.notPartner, w.outsiderReseller, { id: '999999999' }, { id: 'x' }]) {
    const res = await refused({ [`licenses_${std}`]: '5', reseller_of_record: bad.id }, /id="reseller_of_record-error">Choose one of your partner resellers/);
    assert.match(res.text, new RegExp(`name="licenses_${std}" type="text" inputmode="numeric" size="6" maxlength="12" value="5">`));
  }
  await refused({ order_key: 'nope', [`licenses_${std}`]: '5' }, /id="form-error">This form has expired/);
  assert.equal((await c.post(`/subscriptions/new?customer=${w.customer.id}`, { order_key, [`licenses_${std}`]: '5' }, { csrf: false })).status, 403);
  assert.equal(ordersOf(w.customer), 0);
  assert.equal(subsOf(w.customer), 0);
});

test('Submit places one order: the subscriptions with their reseller of record, the lines and the monthly total', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.sales);
  const { order_key } = await openNew(c, w.customer);
  const res = await postNew(c, w.customer, {
    order_key, [`licenses_${offer('CP-STD')}`]: '12', [`licenses_${offer('CC-100')}`]: ' 3 ', reseller_of_record: w.reseller.id,
  });
  const id = orderId(res);
  const subs = sql(`SELECT f.sku, s.licenses, s.provider_org_id, s.reseller_of_record_org_id, s.support_contact_org_id
    FROM subscriptions s JOIN offers f ON f.id = s.offer_id WHERE s.customer_org_id = ${w.customer.id} ORDER BY f.sku`).split('\n');
  assert.deepEqual(subs, [`CC-100\t3\t${w.provider.id}\t${w.reseller.id}\t${w.provider.id}`,
    `CP-STD\t12\t${w.provider.id}\t${w.reseller.id}\t${w.provider.id}`]);
  assert.equal(sql(`SELECT COUNT(*) FROM order_lines WHERE order_id = ${id} AND kind = 'new'`), '2');
  assert.equal(sql(`SELECT monthly_total_cents FROM orders WHERE id = ${id}`), String(12 * 1250 + 3 * 10000));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'order.placed' AND detail LIKE 'order ${id} by %'`), '1');

  const page = await c.get(res.location);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<h1>Order ${id} placed</h1>`));  // issue 13: "Order N placed"
  assert.match(page.text, new RegExp(`id="order-customer">${w.customer.name}<`));
  assert.match(page.text, new RegExp(`id="order-placed-by">Max Sales ${w.provider.tag} \\(max@[^)]+\\), ${w.provider.name}<`));
  assert.match(page.text, /id="order-placed-at">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC</, 'as English writes a time (i18n_datetime)');
  const lines = [...page.text.matchAll(/<tr class="order-line">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
  assert.equal(lines.length, 2);
  const std = lines.find((l) => l.includes('CP-STD'));
  assert.match(std, /class="line-kind">New</);
  assert.match(std, /class="line-licenses">0 &rarr; 12</);
  assert.match(std, /class="line-price">\$12\.50</);
  assert.match(std, /class="line-amount">\$150\.00</);
  const cc = lines.find((l) => l.includes('CC-100'));
  assert.match(cc, /class="line-licenses">0 &rarr; 3</);
  assert.match(cc, /class="line-price">\$100\.00</);
  assert.match(cc, /class="line-amount">\$300\.00</);
  assert.match(page.text, /id="order-total">\$450\.00</);

  // the reseller of record sees the order and the new subscriptions on its Customers page
  const rc = await signedIn(w.reseller.admin);
  assert.equal((await rc.get(res.location)).status, 200);
  const list = await rc.get(`/customers?q=${w.customer.tag}`);
  assert.match(list.text, /Cloud Productivity Standard<\/a>[\s\S]*?class="sub-licenses">12</);
});

test('exactly once: five concurrent identical submissions place one order; a reload finds the same order', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const { order_key } = await openNew(c, w.customer);
  const fields = { order_key, [`licenses_${offer('EP-E3')}`]: '40', [`licenses_${offer('EM-P1')}`]: '9', reseller_of_record: w.reseller.id };
  const all = await Promise.all([1, 2, 3, 4, 5].map(() => postNew(c, w.customer, fields)));
  const ids = all.map(orderId);
  assert.equal(new Set(ids).size, 1, `one order for all: ${ids}`);
  assert.equal(ordersOf(w.customer), 1);
  assert.equal(subsOf(w.customer), 2);
  assert.equal(sql(`SELECT COUNT(*) FROM order_lines WHERE order_id = ${ids[0]}`), '2');
  const reload = await postNew(c, w.customer, fields);
  assert.equal(orderId(reload), ids[0]);
  // even when the reload carries different choices, the key's order is shown and nothing else placed
  assert.equal(orderId(await postNew(c, w.customer, { ...fields, [`licenses_${offer('EP-E3')}`]: '0' })), ids[0]);
  assert.equal(ordersOf(w.customer), 1);
  assert.equal(subsOf(w.customer), 2);
  // a fresh form is a new order
  const again = await openNew(c, w.customer);
  assert.notEqual(orderId(await postNew(c, w.customer, { ...fields, order_key: again.order_key })), ids[0]);
  assert.equal(ordersOf(w.customer), 2);
  // another user posting the same key does not see or reuse the order
  const other = await signedIn(w.provider.sales);
  await other.get(`/subscriptions/new?customer=${w.customer.id}`);
  const stolen = await postNew(other, w.customer, fields);
  assert.notEqual(stolen.location, `/orders/view?id=${ids[0]}`);
  assert.equal(ordersOf(w.customer), 2);
});

test('change licenses: within the offer\'s limits an order with before and after; out of limits a message', async () => {
  const w = arrangeWorld();
  const { sub } = await addSubscription(w, 'CP-STD', 10);
  const c = await signedIn(w.provider.admin);
  const view = await c.get(`/subscriptions/view?id=${sub}`);
  assert.equal(view.status, 200);
  assert.match(view.text, /id="sub-licenses">10</);
  const { order_key } = formOf(view.text);
  for (const [bad, pattern] of [['301', /Enter a number of licenses from 1 to 300\./], ['0', /Enter a number of licenses from 1 to 300/], ['abc', /Enter a number of licenses from 1 to 300/],
    ['10', /The subscription has 10 licenses already/]]) {
    const res = await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: bad, order_key });
    assert.equal(res.status, 400, bad);
    assert.match(res.text, new RegExp(`id="licenses-error">${pattern.source}`));
    assert.match(res.text, new RegExp(`id="licenses" name="licenses" type="text" inputmode="numeric" size="6" maxlength="12" value="${bad}" aria-invalid="true"`));
  }
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '10');

  const res = await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '14', order_key });
  const id = orderId(res);
  assert.equal(orderId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '14', order_key })), id, 'a reload finds the same order');
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '14');
  assert.equal(sql(`SELECT CONCAT(kind, ' ', licenses_before, ' ', licenses_after, ' ', unit_price_cents) FROM order_lines WHERE order_id = ${id}`), 'change 10 14 1250');
  const page = await c.get(res.location);
  assert.match(page.text, /class="line-kind">Change</);
  assert.match(page.text, /class="line-licenses">10 &rarr; 14</);
  assert.match(page.text, /class="line-amount">\$50\.00</);
  assert.match(page.text, /id="order-total">\$50\.00</);

  // the reseller of record changes licenses too
  const rc = await signedIn(w.reseller.sales);
  const rview = await rc.get(`/subscriptions/view?id=${sub}`);
  assert.match(rview.text, /action="\/subscriptions\/licenses"/);
  const more = orderId(await rc.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', ...formOf(rview.text) }));
  const morePage = await rc.get(`/orders/view?id=${more}`);
  assert.match(morePage.text, new RegExp(`id="order-placed-by">Max Sales ${w.reseller.tag} \\(max@[^)]+\\), ${w.reseller.name}<`));
  assert.match(morePage.text, /class="line-licenses">14 &rarr; 20</);
  assert.match(morePage.text, /id="order-total">\$75\.00</);

  // the detail page lists the orders of the subscription
  const history = (await c.get(`/subscriptions/view?id=${sub}`)).text;
  for (const o of [id, more]) assert.match(history, new RegExp(`<a href="/orders/view\\?id=${o}">Order ${o}</a>`));
  assert.match(history, /License change<\/td>\s*<td>10 &rarr; 14</);
  // a helpdesk agent sees the page without the form and cannot post
  const hd = await signedIn(w.provider.helpdesk);
  const hview = await hd.get(`/subscriptions/view?id=${sub}`);
  assert.equal(hview.status, 200);
  assert.match(hview.text, /id="licenses-read-only"/);
  assert.equal((await hd.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: formOf(view.text).order_key })).status, 403);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '20');
});

test('designated support contact: the provider picks a partner reseller; both sides see it; others are refused', async () => {
  const w = arrangeWorld();
  const { sub } = await addSubscription(w);
  const c = await signedIn(w.provider.admin);
  const view = await c.get(`/subscriptions/view?id=${sub}`);
  assert.match(view.text, new RegExp(`id="sub-reseller">${w.reseller.name} \\(\\d+\\)<`), 'the reseller of record with its MPN ID');
  assert.match(view.text, new RegExp(`id="sub-support">${w.provider.name}<`));
  const select = view.text.match(/<select id="support_org_id" name="support_org_id">([\s\S]*?)<\/select>/)[1];
  assert.match(select, new RegExp(`<option value="${w.provider.id}" selected>${w.provider.name} \\(indirect provider\\)</option>`));
  assert.match(select, new RegExp(`<option value="${w.reseller.id}">${w.reseller.name} \\(reseller\\)</option>`));
  assert.match(select, new RegExp(`<option value="${w.otherPartner.id}">`));
  assert.ok(!select.includes(`value="${w.notPartner.id}"`), 'not a partner of the provider');

  for (const bad of [w.notPartner.id, w.outsiderReseller.id, w.customer.id, '999999999', '']) {
    const res = await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: bad });
    assert.equal(res.status, 400, bad);
    assert.match(res.text, /id="support-error">Choose your organization or one of your partner resellers/);
  }
  assert.equal(sql(`SELECT support_contact_org_id FROM subscriptions WHERE id = ${sub}`), w.provider.id);

  const set = await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id });
  assert.equal(set.status, 303);
  assert.equal(set.location, `/subscriptions/view?id=${sub}&support=updated`);
  const after = await c.get(set.location);
  assert.match(after.text, new RegExp(`id="support-notice">The designated support contact is now ${w.reseller.name}\\.<`));
  assert.match(after.text, new RegExp(`id="sub-support">${w.reseller.name}<`));
  assert.match(after.text, new RegExp(`<option value="${w.reseller.id}" selected>`));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.support_contact' AND detail LIKE 'subscription ${sub} of %'`), '1');

  // the reseller sees it read-only, with the change-licenses form
  const rc = await signedIn(w.reseller.admin);
  const rview = await rc.get(`/subscriptions/view?id=${sub}`);
  assert.equal(rview.status, 200);
  assert.match(rview.text, new RegExp(`id="support-read-only">${w.reseller.name} `));
  assert.doesNotMatch(rview.text, /action="\/subscriptions\/support-contact"/);
  assert.match(rview.text, /action="\/subscriptions\/licenses"/);
  assert.equal((await rc.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id })).status, 403);
  // a sales agent of the provider may set it back; a helpdesk agent may not
  const sales = await signedIn(w.provider.sales);
  await sales.get(`/subscriptions/view?id=${sub}`);
  assert.equal((await sales.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.provider.id })).status, 303);
  const hd = await signedIn(w.provider.helpdesk);
  assert.doesNotMatch((await hd.get(`/subscriptions/view?id=${sub}`)).text, /action="\/subscriptions\/support-contact"/);
  assert.equal((await hd.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id })).status, 403);
  assert.equal(sql(`SELECT support_contact_org_id FROM subscriptions WHERE id = ${sub}`), w.provider.id);
  // a partnership that ends takes the reseller off the list and refuses it
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE provider_org_id = ${w.provider.id} AND reseller_org_id = ${w.otherPartner.id}`);
  assert.equal((await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.otherPartner.id })).status, 400);
});

test('rights: no relationship with the customer means the 404 of an unknown id; an ended relationship refuses at once', async () => {
  const w = arrangeWorld();
  const { sub, order } = await addSubscription(w);
  const outsider = await signedIn(w.outsider.admin);
  assert.equal((await outsider.get(`/subscriptions/new?customer=${w.customer.id}`)).status, 404);
  await outsider.get('/customers');
  assert.equal((await postNew(outsider, w.customer, { order_key: 'a'.repeat(64), [`licenses_${offer('CP-STD')}`]: '5' })).status, 404);
  assert.equal((await outsider.get(`/subscriptions/view?id=${sub}`)).status, 404);
  assert.equal((await outsider.get(`/orders/view?id=${order}`)).status, 404);
  assert.equal((await outsider.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: 'b'.repeat(64) })).status, 404);
  assert.equal((await outsider.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.outsider.id })).status, 404);
  for (const who of [w.outsiderReseller.admin, w.otherPartner.admin]) {
    const rc = await signedIn(who);
    assert.equal((await rc.get(`/subscriptions/view?id=${sub}`)).status, 404, who.upn);
    assert.equal((await rc.get(`/orders/view?id=${order}`)).status, 404, who.upn);
    assert.equal((await rc.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: 'c'.repeat(64) })).status, 404);
    assert.equal((await rc.get(`/subscriptions/new?customer=${w.customer.id}`)).status, 403, 'providers only');
  }
  // a partner of record of the customer the provider is not partnered with still sees the customer's subscription,
  // without the license form: it did not sell it and is not its reseller of record
  const seen = await (await signedIn(w.notPartner.admin)).get(`/subscriptions/view?id=${sub}`);
  assert.equal(seen.status, 200);
  assert.match(seen.text, /id="licenses-not-ours"/);
  assert.doesNotMatch(seen.text, /action="\/subscriptions\/licenses"/);

  const c = await signedIn(w.provider.admin);
  for (const path of ['/subscriptions/new?customer=999999999', `/subscriptions/new?customer=${w.reseller.id}`,
    '/subscriptions/new', '/subscriptions/view?id=999999999', '/subscriptions/view?id=abc', '/orders/view?id=999999999']) {
    assert.equal((await c.get(path)).status, 404, path);
  }
  assert.equal((await c.post('/subscriptions/licenses', { subscription_id: '999999999', licenses: '5' })).status, 404);

  // the provider's relationship ends: refused at once; the reseller keeps its own
  const view = await c.get(`/subscriptions/view?id=${sub}`);
  assert.equal(view.status, 200);
  const { order_key } = await openNew(c, w.customer);
  endRelationship(w.customer, w.provider);
  assert.equal((await c.get(`/subscriptions/new?customer=${w.customer.id}`)).status, 404);
  assert.equal((await postNew(c, w.customer, { order_key, [`licenses_${offer('CP-STD')}`]: '5' })).status, 404);
  assert.equal((await c.get(`/subscriptions/view?id=${sub}`)).status, 404);
  assert.equal((await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', ...formOf(view.text) })).status, 404);
  assert.equal((await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id })).status, 404);
  assert.doesNotMatch((await c.get('/customers')).text, new RegExp(`customer-${w.customer.id}"`));
  assert.equal((await c.get(`/orders/view?id=${order}`)).status, 200, 'the organization that placed an order still sees it');
  assert.equal(ordersOf(w.customer), 1);
  const rc = await signedIn(w.reseller.admin);
  assert.equal((await rc.get(`/subscriptions/view?id=${sub}`)).status, 200);
  // customers and signed-out visitors
  const customer = await signedIn(DEMO.customer);
  assert.equal((await customer.get(`/subscriptions/view?id=${sub}`)).status, 403);
  assert.equal((await customer.get(`/orders/view?id=${order}`)).status, 403);
  assert.equal((await new Client().get(`/orders/view?id=${order}`)).status, 303);
});

test('fewer licenses: an order with a negative monthly amount', async () => {
  const w = arrangeWorld();
  const { sub } = await addSubscription(w, 'CP-STD', 14);
  const c = await signedIn(w.reseller.admin);
  const view = await c.get(`/subscriptions/view?id=${sub}`);
  const down = orderId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '4', ...formOf(view.text) }));
  const page = await c.get(`/orders/view?id=${down}`);
  assert.match(page.text, /class="line-licenses">14 &rarr; 4</);
  assert.match(page.text, /class="line-amount">-\$125\.00</);
  assert.match(page.text, /id="order-total">-\$125\.00</);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '4');
});

test('Reseller (MPN ID) on an existing subscription: the provider sets or clears it among its partners of record', async (t) => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const bare = await openNew(c, w.customer);
  const sub = sql(`SELECT subscription_id FROM order_lines WHERE order_id = ${orderId(await postNew(c, w.customer,
    { order_key: bare.order_key, [`licenses_${offer('EM-P1')}`]: '3' }))}`);
  const view = await c.get(`/subscriptions/view?id=${sub}`);
  assert.match(view.text, /id="sub-reseller">None</);
  const select = view.text.match(/<select id="reseller_org_id" name="reseller_org_id">([\s\S]*?)<\/select>/)[1];
  assert.match(select, /<option value="" selected>None<\/option>/);
  assert.match(select, new RegExp(`<option value="${w.reseller.id}">${w.reseller.name}</option>`));
  assert.ok(!select.includes(`value="${w.otherPartner.id}"`) && !select.includes(`value="${w.notPartner.id}"`));

  const first = await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: w.reseller.id });
  assert.equal(first.status, 303);
  assert.equal(first.location, `/subscriptions/view?id=${sub}&reseller=updated`);
  const after = await c.get(first.location);
  assert.match(after.text, /id="reseller-notice"/);
  assert.match(after.text, new RegExp(`id="sub-reseller">${w.reseller.name} \\(\\d+\\)<`));
  assert.equal(sql(`SELECT reseller_of_record_org_id FROM subscriptions WHERE id = ${sub}`), w.reseller.id);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.reseller_of_record' AND detail LIKE 'subscription ${sub} of %'`), '1');
  for (const bad of [w.otherPartner.id, w.notPartner.id, w.outsiderReseller.id, '999999999', 'x']) {
    const res = await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: bad });
    assert.equal(res.status, 400, bad);
    assert.match(res.text, /id="reseller-error">Choose None or one of your partner resellers/);
  }
  assert.equal(sql(`SELECT reseller_of_record_org_id FROM subscriptions WHERE id = ${sub}`), w.reseller.id);
  const rc = await signedIn(w.reseller.admin);
  assert.doesNotMatch((await rc.get(`/subscriptions/view?id=${sub}`)).text, /action="\/subscriptions\/reseller"/);
  assert.equal((await rc.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: '' })).status, 403);
  const outsider = await signedIn(w.outsider.admin);
  await outsider.get('/customers');
  assert.equal((await outsider.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: '' })).status, 404);
  assert.equal((await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: '' })).status, 303);
  assert.equal(sql(`SELECT COALESCE(reseller_of_record_org_id, 'none') FROM subscriptions WHERE id = ${sub}`), 'none');
});

test('the order history is paged newest first: Older / Newer orders walk every order once, and the index serves it', async () => {
  const w = arrangeWorld();
  const { sub } = await addSubscription(w);
  // 36 more license changes, written straight into the database
  sql(`INSERT INTO orders (order_key, customer_org_id, placed_by_user, placed_by_org, placed_at, monthly_total_cents)
    SELECT SHA2(CONCAT('history ${sub} ', seq), 256), ${w.customer.id}, (SELECT MIN(id) FROM users), ${w.provider.id},
      UTC_TIMESTAMP() + INTERVAL seq MINUTE, 1250 FROM seq_1_to_36;
    INSERT INTO order_lines (order_id, subscription_id, offer_id, kind, licenses_before, licenses_after, unit_price_cents)
      SELECT o.id, ${sub}, s.offer_id, 'change', 10, 11, 1250 FROM orders o JOIN subscriptions s ON s.id = ${sub}
      WHERE o.order_key LIKE '%' AND o.customer_org_id = ${w.customer.id} AND o.id NOT IN
        (SELECT order_id FROM order_lines WHERE subscription_id = ${sub});`);
  const expected = sql(`SELECT order_id FROM order_lines WHERE subscription_id = ${sub} ORDER BY order_id DESC`).split('\n');
  assert.equal(expected.length, 37);
  const c = await signedIn(w.provider.admin);
  const idsOf = (html) => [...html.matchAll(/<a href="\/orders\/view\?id=(\d+)">Order \d+<\/a>/g)].map((m) => m[1]);
  const pages = await assertPaged(c, `/subscriptions/view?id=${sub}`, idsOf, expected,
    { pageSize: 15, lastUrl: `/subscriptions/view?id=${sub}&last=1` });
  assert.equal(pages.length, 3);
  assert.match(pages[1].text, /id="orders-newest" href="\/subscriptions\/view\?id=\d+">Newest</);
  assert.match(pages[0].text, /id="orders-oldest" href="\/subscriptions\/view\?id=\d+&amp;last=1">Oldest</);
  // the history is read through (subscription_id, order_id): no filesort, one page of rows
  const plan = sql(`EXPLAIN SELECT l.order_id FROM order_lines l JOIN orders o ON o.id = l.order_id
    WHERE l.subscription_id = ${sub} AND (0 OR l.order_id < ${expected[20]}) ORDER BY l.order_id DESC LIMIT 16`);
  assert.match(plan, /ix_lines_subscription/);
  assert.doesNotMatch(plan, /filesort/);
});
