// api_seed000.test.mjs: seed 000 ("Partner with indirect resellers") done by an indirect provider through the
// API alone, each step as the help page words it: connect with a reseller (a partnership request whose link the
// reseller authorizes in the portal), add a new customer for the reseller with its subscriptions (the admin's
// user name and temporary password answered once), filter the customer list by reseller, add a subscription
// with the reseller of record, designate the reseller as support contact, change the licenses; and the
// reseller, through its own API, then sees and manages what the help page says it may.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';

const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

test('seed 000: an indirect provider partners with a reseller, adds its customer, orders and delegates, by API', async () => {
  const provider = arrangeOrg('provider', 'Seed Api Provider', `8${Date.now() % 1e6}`);
  const reseller = arrangeOrg('reseller', 'Seed Api Reseller');
  const papi = await apiFor(await signedIn(provider.admin));
  const rc = await signedIn(reseller.admin);
  const rapi = await apiFor(rc);

  // Connect with indirect resellers: the request's personalized link, authorized by the reseller
  const request = await papi.post('/v1/relationshiprequests', {});
  assert.equal(request.status, 201);
  await rc.get(pathOf(request.json.url));
  const authorized = await rc.post('/partnership/authorize', { token: new URL(request.json.url).searchParams.get('token'), confirm: '1' });
  assert.equal(authorized.status, 303);
  const resellers = await papi.get('/v1/relationships?relationship_type=IsIndirectResellerOf');
  assert.deepEqual(resellers.json.items.map((r) => r.id), [String(reseller.id)]);

  // Add new customers and associate them with indirect resellers
  const offers = (await papi.get('/v1/offers')).json.items.filter((o) => o.unitPrice.currency === 'USD');
  assert.ok(offers.length >= 2, 'two offers to order');
  const prefix = `seed${freshTag()}`.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 27);
  const created = await papi.post('/v1/customers', {
    associatedPartnerId: String(reseller.id),
    companyProfile: { domain: prefix },
    billingProfile: {
      companyName: `Seed Customer ${prefix}`, email: `it@${prefix}.example.com`, firstName: 'Ana', lastName: 'García',
      defaultAddress: { country: 'ES', city: 'Madrid', postalCode: '28001', addressLine1: 'Gran Vía 1', phoneNumber: '+34 600 000 000' },
    },
    lineItems: [{ offerId: offers[0].id, quantity: 5 }],
  }, { headers: { 'Idempotency-Key': `seed000-${prefix}` } });
  assert.equal(created.status, 201, created.text);
  const customer = created.json;
  assert.match(customer.userCredentials.userName, new RegExp(`@${prefix}\\.onmicrosoft\\.com$`));
  assert.ok(customer.userCredentials.password.length >= 12, 'a temporary password');
  assert.equal(customer.associatedPartnerId, String(reseller.id));

  // The new customer appears in the customer list, associated with the indirect reseller
  const listed = await papi.get(`/v1/customers?resellerId=${reseller.id}`);
  assert.deepEqual(listed.json.items.map((c) => c.id), [customer.id]);

  // Add new subscriptions to customer accounts, the reseller associated with them
  const order = await papi.post(`/v1/customers/${customer.id}/orders`, {
    lineItems: [{ offerId: offers[1].id, quantity: 3, partnerIdOnRecord: String(reseller.id) }],
  });
  assert.equal(order.status, 201, order.text);
  const subs = (await papi.get(`/v1/customers/${customer.id}/subscriptions`)).json.items;
  assert.equal(subs.length, 2);
  const added = subs.find((s) => s.offerId === offers[1].id);
  assert.equal(added.quantity, 3);
  assert.equal(added.partnerId, String(reseller.id));

  // Delegate customer support for the subscription to the reseller (Designated support contact)
  const contact = await papi.put(`/v1/customers/${customer.id}/subscriptions/${added.id}/supportcontact`, { partnerId: String(reseller.id) });
  assert.equal(contact.status, 200, contact.text);
  assert.equal((await papi.get(`/v1/customers/${customer.id}/subscriptions/${added.id}/supportcontact`)).json.partnerId, String(reseller.id));

  // More licenses: the change is an order
  const more = await papi.patch(`/v1/customers/${customer.id}/subscriptions/${added.id}`, { quantity: 7 });
  assert.equal(more.status, 200, more.text);
  assert.equal((await papi.get(`/v1/customers/${customer.id}/subscriptions/${added.id}`)).json.quantity, 7);
  assert.equal(Number(sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${customer.id}`)), 3, 'three orders');

  // The reseller now has admin access to the customer's account and can manage the subscription it is of record for
  const seen = await rapi.get(`/v1/customers/${customer.id}`);
  assert.equal(seen.status, 200);
  const theirs = await rapi.patch(`/v1/customers/${customer.id}/subscriptions/${added.id}`, { quantity: 8 });
  assert.equal(theirs.status, 200, theirs.text);
  const users = await rapi.get(`/v1/customers/${customer.id}/users`);
  assert.ok(users.json.items.some((u) => u.userPrincipalName === customer.userCredentials.userName));
});
