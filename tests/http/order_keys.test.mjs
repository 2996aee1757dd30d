// order_keys.test.mjs: a one-time order key another user already used answers 409 with the form back (a new
// key, the choices kept, nothing ordered), and every order is written with its audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeChain, signedIn } from '../lib/arrange.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const keyOf = (text) => text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];
const ordersOf = (customer) => Number(sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${customer.id}`));
const orderId = (res) => { assert.equal(res.status, 303, res.text.slice(0, 2000)); return res.location.match(/^\/orders\/view\?id=(\d+)$/)[1]; };
const audited = (id) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'order.placed' AND detail LIKE 'order ${id} %'`));

const arrangeWorld = () => arrangeChain('Keys');

test('another user\'s one-time key on New subscription: 409, the form back with a new key, nothing ordered', async () => {
  const w = arrangeWorld();
  const ada = await signedIn(w.provider.admin), max = await signedIn(w.provider.sales);
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  const key = keyOf((await ada.get(path)).text);
  const fields = { order_key: key, [`licenses_${offer('CP-STD')}`]: '7' };
  const id = orderId(await ada.post(path, fields));
  assert.equal(audited(id), 1, 'the order has its audit row');

  await max.get(path);
  const res = await max.post(path, fields);
  assert.equal(res.status, 409, res.text.slice(0, 1500));
  assert.match(res.text, /<h1>New subscription<\/h1>/);
  assert.match(res.text, /id="form-error">This form&#39;s one-time order key was already used by someone else/);
  assert.match(res.text, new RegExp(`name="licenses_${offer('CP-STD')}"[^>]*value="7"`), 'the choices are kept');
  const fresh = keyOf(res.text);
  assert.notEqual(fresh, key);
  assert.equal(ordersOf(w.customer), 1, 'nothing else ordered');
  // the new key places max's own order
  const mine = orderId(await max.post(path, { ...fields, order_key: fresh }));
  assert.notEqual(mine, id);
  assert.equal(audited(mine), 1);
});

test('another user\'s one-time key on a license change: 409, the form back with a new key, nothing changed', async () => {
  const w = arrangeWorld();
  const ada = await signedIn(w.provider.admin), max = await signedIn(w.provider.sales);
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  const first = orderId(await ada.post(path, { order_key: keyOf((await ada.get(path)).text), [`licenses_${offer('CP-STD')}`]: '10' }));
  const sub = sql(`SELECT subscription_id FROM order_lines WHERE order_id = ${first}`);
  const key = keyOf((await ada.get(`/subscriptions/view?id=${sub}`)).text);
  const id = orderId(await ada.post('/subscriptions/licenses', { subscription_id: sub, licenses: '12', order_key: key }));
  assert.equal(audited(id), 1, 'the change has its audit row');

  await max.get(`/subscriptions/view?id=${sub}`);
  const res = await max.post('/subscriptions/licenses', { subscription_id: sub, licenses: '15', order_key: key });
  assert.equal(res.status, 409, res.text.slice(0, 1500));
  assert.match(res.text, /id="licenses-error">This form&#39;s one-time order key was already used by someone else/);
  assert.notEqual(keyOf(res.text), key);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '12');
  assert.equal(ordersOf(w.customer), 2);
});
