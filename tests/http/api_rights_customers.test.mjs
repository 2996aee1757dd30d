// api_rights_customers.test.mjs: each customers route of the API for each kind of actor, as
// rights_matrix.test.mjs does for the pages: the provider's admin, sales and helpdesk agents, the reseller's
// admin agent, and an unrelated provider and reseller (whose aim at the chain's customer is a 404, and whose
// lists do not hold it). A refusal writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeChain, freshTag, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';

const chain = arrangeChain('Api Rights');
const stranger = arrangeChain('Api Rights Stranger');
const ACTORS = {
  'provider admin': chain.provider.admin,
  'provider sales': chain.provider.sales,
  'provider helpdesk': chain.provider.helpdesk,
  'reseller admin': chain.reseller.admin,
  'unrelated provider': stranger.provider.admin,
  'unrelated reseller': stranger.reseller.admin,
};
const apis = {};
async function api(actor) {
  apis[actor] ||= await apiFor(await signedIn(ACTORS[actor]));
  return apis[actor];
}
const newBody = () => ({
  associatedPartnerId: chain.reseller.id,
  companyProfile: { domain: `ar${freshTag()}`.slice(0, 27) },
  billingProfile: { companyName: 'Rights Matrix Co', email: 'rm@example.com', firstName: 'Rita', lastName: 'Matrix',
    defaultAddress: { country: 'US', city: 'Austin', postalCode: '73301', addressLine1: '2 Side Street', phoneNumber: '+1 512 555 0100' } },
  lineItems: [{ offerId: sql(`SELECT id FROM offers WHERE sku = 'CP-STD'`), quantity: 1 }],
});
const tenants = () => sql('SELECT COUNT(*) FROM tenants');

// actor -> [status of GET /v1/customers/{id} of the chain's customer, whether the list holds it, status of POST]
const EXPECT = {
  'provider admin': [200, true, 201],
  'provider sales': [200, true, 201],
  'provider helpdesk': [200, true, 403],
  'reseller admin': [200, true, 403],
  'unrelated provider': [404, false, 404],
  'unrelated reseller': [404, false, 403],
};

for (const [actor, [one, listed, create]] of Object.entries(EXPECT)) {
  test(`${actor}: GET /v1/customers, GET /v1/customers/{id}, POST /v1/customers`, async () => {
    const a = await api(actor);
    const list = await a.get(`/v1/customers?search=${encodeURIComponent(chain.customer.tag)}`);
    assert.equal(list.status, 200);
    assert.equal(list.json.items.some((c) => c.id === chain.customer.id), listed);
    const csv = await a.get(`/v1/customers?search=${encodeURIComponent(chain.customer.tag)}`, { accept: 'text/csv' });
    assert.equal(csv.status, 200);
    assert.equal(csv.text.includes(chain.customer.name), listed);
    const res = await a.get(`/v1/customers/${chain.customer.id}`);
    assert.equal(res.status, one, res.text);
    if (one === 200) assert.equal(res.json.id, chain.customer.id);
    const before = tenants();
    const made = await a.post('/v1/customers', newBody());
    assert.equal(made.status, create, made.text);
    assert.equal(tenants(), String(Number(before) + (create === 201 ? 1 : 0)));
  });
}

test('a token without the customers scope cannot create one, whatever its user may do', async () => {
  const a = await apiFor(await signedIn(chain.provider.admin), { scopes: ['read'] });
  const before = tenants();
  const res = await a.post('/v1/customers', newBody());
  assert.equal(res.status, 403);
  assert.match(res.json.description, /customers scope/);
  assert.equal(tenants(), before);
});
