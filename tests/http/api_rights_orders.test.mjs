// api_rights_orders.test.mjs: each route of cgi-src/api/api_orders.c for each kind of actor, as
// rights_matrix.test.mjs does for the pages: provider admin / sales / helpdesk agent, reseller admin (the
// reseller of record), and an unrelated partner (404: a foreign object is a missing one); nothing changes for a
// refused call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeSubscription, partner, relate, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';

let w;
const state = () => sql(`SELECT CONCAT_WS(',', licenses, COALESCE(reseller_of_record_org_id, '-'), COALESCE(support_contact_org_id, '-'),
  (SELECT COUNT(*) FROM orders WHERE customer_org_id = ${w.customer.id})) FROM subscriptions WHERE id = ${w.sub}`);

test('setup: a provider, its reseller of record, a customer with a subscription and an order, an unrelated partner', async () => {
  const provider = arrangeOrg('provider', 'ApiRights Provider');
  const reseller = arrangeOrg('reseller', 'ApiRights Reseller');
  const stranger = arrangeOrg('provider', 'ApiRights Stranger');
  const customer = arrangeOrg('customer', 'ApiRights Customer');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  const sub = arrangeSubscription(customer, provider, { reseller, licenses: 10 });
  const api = async (who) => apiFor(await signedIn(who));
  w = { provider, reseller, customer, sub, offer: String(sql(`SELECT id FROM offers WHERE sku = 'CP-STD'`)),
    actors: { providerAdmin: await api(provider.admin), providerSales: await api(provider.sales),
      providerHelpdesk: await api(provider.helpdesk), resellerAdmin: await api(reseller.admin),
      stranger: await api(stranger.admin) } };
  const placed = await w.actors.providerAdmin.post(`/v1/customers/${customer.id}/orders`,
    { lineItems: [{ offerId: w.offer, quantity: 3 }] });
  assert.equal(placed.status, 201);
  w.order = placed.json.id;
});

const ORG = 'Your organization does not have access to this page.';
const SALES = 'Only admin agents and sales agents of your account can place orders.';

// route -> [method, path, body, { actor: expected status (or [status, words]) }]; every write is one that would
// change nothing visible when granted twice (the quantity alternates, the contact is the provider itself)
const ROUTES = () => {
  const c = `/v1/customers/${w.customer.id}`, s = `${c}/subscriptions/${w.sub}`;
  const reads = { providerAdmin: 200, providerSales: 200, providerHelpdesk: 200, resellerAdmin: 200, stranger: 404 };
  return [
    ['GET', `${c}/orders`, undefined, reads],
    ['GET', `${c}/orders/${w.order}`, undefined, reads],
    ['GET', `${c}/subscriptions`, undefined, reads],
    ['GET', s, undefined, reads],
    ['GET', `${s}/supportcontact`, undefined, reads],
    ['POST', `${c}/orders`, { lineItems: [{ offerId: w.offer, quantity: 2 }] },
      { providerAdmin: 201, providerSales: 201, providerHelpdesk: [403, SALES], resellerAdmin: [403, ORG], stranger: 404 }],
    ['PATCH', s, 'quantity',
      { providerAdmin: 200, providerSales: 200, providerHelpdesk: [403, SALES], resellerAdmin: 200, stranger: 404 }],
    ['PATCH', s, { partnerId: '' },
      { providerAdmin: 200, providerSales: 200, providerHelpdesk: [403, SALES], resellerAdmin: [403, ORG], stranger: 404 }],
    ['PUT', `${s}/supportcontact`, 'provider',
      { providerAdmin: 200, providerSales: 200, providerHelpdesk: [403, SALES], resellerAdmin: [403, ORG], stranger: 404 }],
  ];
};

test('each route for each kind of actor: the page\'s rights, 404 for an unrelated partner, nothing changed when refused', async () => {
  let quantity = 10;
  for (const [method, path, bodyOf, expect] of ROUTES()) {
    for (const [actor, want] of Object.entries(expect)) {
      const [status, words] = Array.isArray(want) ? want : [want];
      const body = bodyOf === 'quantity' ? { quantity: quantity + 1 } : bodyOf === 'provider' ? { partnerId: String(w.provider.id) } : bodyOf;
      const before = state();
      const res = await w.actors[actor].call(method, path, { body });
      const what = `${method} ${path} as ${actor}`;
      assert.equal(res.status, status, `${what}: ${res.text.slice(0, 300)}`);
      if (words) assert.equal(res.json.description, words, what);
      if (status === 404) assert.equal(res.json.code, 'notFound', what);
      if (status >= 400) assert.equal(state(), before, `${what}: nothing changed`);
      if (bodyOf === 'quantity' && status === 200) quantity++;
    }
  }
});
