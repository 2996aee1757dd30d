// audit_orders.test.mjs: every change of the order and subscription pages writes exactly one audit row with
// its actor, object, customer (party), the reseller it was made for, and the values before and after; a refused
// change (bad input, another provider's subscription, a used key, licenses below those assigned) writes none
// and changes nothing. Every test arranges fresh organizations, so the file is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeSubscription, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const userId = (who) => Number(sql(`SELECT id FROM users WHERE upn = '${who.upn}'`));
const keyOf = (text) => text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];
const orderId = (res) => { assert.equal(res.status, 303, res.text.slice(0, 1500)); return Number(res.location.match(/^\/orders\/view\?id=(\d+)$/)[1]); };
const ordersOf = (customer) => sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${customer.id}`);
const subRow = (sub) => sql(`SELECT CONCAT_WS(',', licenses, COALESCE(reseller_of_record_org_id, '-'), COALESCE(support_contact_org_id, '-'))
  FROM subscriptions WHERE id = ${sub}`);

// A provider partnered with a reseller, both partners of record of a customer; a partner of record of the customer
// the provider is not partnered with; a second provider that also serves the customer.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Audit Orders Provider');
  const reseller = arrangeOrg('reseller', 'Audit Orders Reseller');
  const stranger = arrangeOrg('reseller', 'Audit Orders Stranger');
  const second = arrangeOrg('provider', 'Audit Orders Second Provider');
  const customer = arrangeOrg('customer', 'Audit Orders Customer');
  partner(provider, reseller);
  relate(customer, provider, reseller, stranger, second);
  return { provider, reseller, stranger, second, customer };
}

async function newForm(c, customer) {
  const path = `/subscriptions/new?customer=${customer.id}`;
  return { path, order_key: keyOf((await c.get(path)).text) };
}

async function licensesForm(c, sub) {
  const page = await c.get(`/subscriptions/view?id=${sub}`);
  assert.equal(page.status, 200);
  return keyOf(page.text);
}

test('POST /subscriptions/new: one order.placed row for the customer, on behalf of the reseller of record', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.sales);
  const { path, order_key } = await newForm(c, w.customer);
  const mark = auditMark();
  const fields = { order_key, [`licenses_${offer('CP-STD')}`]: '12', reseller_of_record: w.reseller.id };
  const id = orderId(await c.post(path, fields));
  const row = assertOneAudit(mark, {
    action: 'order.placed', userId: userId(w.provider.sales), orgId: Number(w.provider.id),
    objectType: 'order', objectId: id, partyOrgId: Number(w.customer.id), onBehalfOrgId: Number(w.reseller.id),
    after: { licenses: 'CP-STD: 12', reseller_of_record: w.reseller.name },
  });
  assert.deepEqual(row.before, {});
  assert.match(row.detail, new RegExp(`^order ${id} by ${w.provider.name} for customer ${w.customer.id} `));

  // the same form again: its order, no second row
  const again = auditMark();
  assert.equal(orderId(await c.post(path, fields)), id);
  assertNoAudit(again);

  // without a reseller of record: made for no one else
  const plain = await newForm(c, w.customer);
  const mark2 = auditMark();
  const id2 = orderId(await c.post(path, { order_key: plain.order_key, [`licenses_${offer('CC-100')}`]: '3' }));
  assertOneAudit(mark2, { objectId: id2, partyOrgId: Number(w.customer.id), onBehalfOrgId: 0,
    after: { licenses: 'CC-100: 3', reseller_of_record: null } });
});

test('POST /subscriptions/new refused: bad input, a reseller not of record, another user\'s key, a foreign customer: no row, no order', async () => {
  const w = arrangeWorld();
  const outsider = arrangeOrg('provider', 'Audit Orders Outsider');
  const [ada, max, oc] = [await signedIn(w.provider.admin), await signedIn(w.provider.sales), await signedIn(outsider.admin)];
  const { path, order_key } = await newForm(ada, w.customer);
  await oc.get('/customers');
  const mark = auditMark();  // after the sign-ins, which have their own rows
  for (const [fields, status] of [
    [{ [`licenses_${offer('CP-STD')}`]: '0' }, 400],
    [{}, 400],
    [{ [`licenses_${offer('CP-STD')}`]: '5', reseller_of_record: w.stranger.id }, 400],
  ]) assert.equal((await ada.post(path, { order_key, ...fields })).status, status, JSON.stringify(fields));
  assert.equal((await oc.post(path, { order_key: 'd'.repeat(64), [`licenses_${offer('CP-STD')}`]: '5' })).status, 404);
  assertNoAudit(mark);
  assert.equal(ordersOf(w.customer), '0');

  // a key another user placed an order with: 409, no second row
  orderId(await ada.post(path, { order_key, [`licenses_${offer('CP-STD')}`]: '5' }));
  await max.get(path);
  const taken = auditMark();
  assert.equal((await max.post(path, { order_key, [`licenses_${offer('CP-STD')}`]: '6' })).status, 409);
  assertNoAudit(taken);
  assert.equal(ordersOf(w.customer), '1');
});

test('POST /subscriptions/licenses: one order.placed row with the licenses before and after', async () => {
  const w = arrangeWorld();
  const sub = Number(arrangeSubscription(w.customer, w.provider, { reseller: w.reseller, licenses: 10 }));
  const c = await signedIn(w.provider.admin);
  const order_key = await licensesForm(c, sub);
  const mark = auditMark();
  const id = orderId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '14', order_key }));
  const row = assertOneAudit(mark, {
    action: 'order.placed', userId: userId(w.provider.admin), orgId: Number(w.provider.id),
    objectType: 'order', objectId: id, partyOrgId: Number(w.customer.id), onBehalfOrgId: Number(w.reseller.id),
    before: { subscription: String(sub), licenses: '10' }, after: { subscription: String(sub), licenses: '14' },
  });
  assert.match(row.detail, new RegExp(`^order ${id} by ${w.provider.name}: subscription ${sub} of ${w.customer.name} from 10 to 14 licenses$`));
  // a reload: the same order, no second row
  const again = auditMark();
  assert.equal(orderId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '14', order_key })), id);
  assertNoAudit(again);

  // the reseller of record orders for itself
  const rc = await signedIn(w.reseller.sales);
  const rkey = await licensesForm(rc, sub);
  const mark2 = auditMark();
  const id2 = orderId(await rc.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: rkey }));
  assertOneAudit(mark2, { userId: userId(w.reseller.sales), orgId: Number(w.reseller.id), objectId: id2,
    partyOrgId: Number(w.customer.id), onBehalfOrgId: 0, before: { licenses: '14' }, after: { licenses: '20' } });
});

test('POST /subscriptions/licenses refused: below the assigned licenses, another provider\'s subscription, a used key: no row, nothing changed', async () => {
  const w = arrangeWorld();
  const sub = Number(arrangeSubscription(w.customer, w.provider, { licenses: 10 }));
  const [c, sc, max] = [await signedIn(w.provider.admin), await signedIn(w.second.admin), await signedIn(w.provider.sales)];
  const order_key = await licensesForm(c, sub);
  assert.match((await sc.get(`/subscriptions/view?id=${sub}`)).text, /id="licenses-not-ours"/);  // seen, no form
  sql(`INSERT INTO license_assignments (subscription_id, user_id, assigned_at, assigned_by)
    SELECT ${sub}, id, UTC_TIMESTAMP(), id FROM users WHERE upn LIKE '%@${w.customer.domain}'`);
  const mark = auditMark();
  const below = await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '2', order_key });
  assert.equal(below.status, 400);
  assert.match(below.text, /id="licenses-error">3 licenses are assigned to the customer&#39;s users/);
  assert.equal((await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '301', order_key })).status, 400);

  // the second provider serves the same customer and sees the subscription, but did not sell it
  const foreign = await sc.post('/subscriptions/licenses', { subscription_id: sub, licenses: '25', order_key: 'e'.repeat(64) });
  assert.equal(foreign.status, 403);
  assert.match(foreign.text, /Only the indirect provider that sold this subscription/);
  assertNoAudit(mark);
  assert.equal(subRow(sub), `10,-,${w.provider.id}`);
  assert.equal(ordersOf(w.customer), '0');

  // a key another user of the provider used already: 409
  orderId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '12', order_key }));
  await max.get(`/subscriptions/view?id=${sub}`);
  const taken = auditMark();
  assert.equal((await max.post('/subscriptions/licenses', { subscription_id: sub, licenses: '15', order_key })).status, 409);
  assertNoAudit(taken);
  assert.equal(subRow(sub), `12,-,${w.provider.id}`);
});

test('POST /subscriptions/support-contact: one subscription.support_contact row with the contact before and after; refusals write none', async () => {
  const w = arrangeWorld();
  const sub = Number(arrangeSubscription(w.customer, w.provider, { licenses: 10 }));
  const [c, sc] = [await signedIn(w.provider.admin), await signedIn(w.second.admin)];
  await c.get(`/subscriptions/view?id=${sub}`);
  await sc.get(`/subscriptions/view?id=${sub}`);
  const mark = auditMark();
  assert.equal((await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id })).status, 303);
  assertOneAudit(mark, {
    action: 'subscription.support_contact', userId: userId(w.provider.admin), orgId: Number(w.provider.id),
    objectType: 'subscription', objectId: sub, partyOrgId: Number(w.customer.id), onBehalfOrgId: 0,
    before: { support_contact: w.provider.name }, after: { support_contact: w.reseller.name },
  });

  const refused = auditMark();
  assert.equal((await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.stranger.id })).status, 400);
  assert.equal((await sc.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.second.id })).status, 403);
  assertNoAudit(refused);
  assert.equal(subRow(sub), `10,-,${w.reseller.id}`);
});

test('POST /subscriptions/reseller: one subscription.reseller_of_record row with the reseller before and after; refusals write none', async () => {
  const w = arrangeWorld();
  const sub = Number(arrangeSubscription(w.customer, w.provider, { licenses: 10 }));
  const [c, sc] = [await signedIn(w.provider.sales), await signedIn(w.second.admin)];
  await c.get(`/subscriptions/view?id=${sub}`);
  await sc.get(`/subscriptions/view?id=${sub}`);
  const mark = auditMark();
  assert.equal((await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: w.reseller.id })).status, 303);
  assertOneAudit(mark, {
    action: 'subscription.reseller_of_record', userId: userId(w.provider.sales), orgId: Number(w.provider.id),
    objectType: 'subscription', objectId: sub, partyOrgId: Number(w.customer.id),
    before: { reseller_of_record: null }, after: { reseller_of_record: w.reseller.name },
  });
  const cleared = auditMark();
  assert.equal((await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: '' })).status, 303);
  assertOneAudit(cleared, { objectId: sub, before: { reseller_of_record: w.reseller.name }, after: { reseller_of_record: null } });

  const refused = auditMark();
  for (const bad of [w.stranger.id, 'x']) {
    assert.equal((await c.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: bad })).status, 400, bad);
  }
  assert.equal((await sc.post('/subscriptions/reseller', { subscription_id: sub, reseller_org_id: '' })).status, 403);
  assertNoAudit(refused);
  assert.equal(subRow(sub), `10,-,${w.provider.id}`);
});
