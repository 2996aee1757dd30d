// api_relationships.test.mjs: the partner API's relationships (cgi-src/api/api_relationships.c) as partners
// script them: a provider's resellers and a reseller's providers with continuation-token paging, ending a
// partnership, partnership requests (made, listed, revoked) and customer relationship requests (invitations,
// alone or with a provider); refusals in the pages' words, 404 for foreign objects, 400 naming the field, the
// rows and the one audit row a change writes; and the seed 001 flows end to end: a provider's request accepted
// in the portal, a reseller's invitation accepted by the customer's global admin. Fresh organizations each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeTenant, partner, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const RESELLERS = '/v1/relationships?relationship_type=IsIndirectResellerOf';
const PROVIDERS = '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const userId = (who) => Number(sql(`SELECT id FROM users WHERE upn = '${who.upn}'`));
const live = (provider, reseller) => Number(sql(`SELECT COUNT(*) FROM partnerships
  WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id} AND ended_at IS NULL`));
const tokenState = (table, id) => sql(`SELECT CONCAT_WS(',', t.used_at IS NOT NULL, t.revoked_at IS NOT NULL)
  FROM ${table} x JOIN email_tokens t ON t.id = x.token_id WHERE x.id = ${id}`);

// A provider (with an MPN ID) partnered with a reseller, and an API of each one's admin agent.
async function arrangePair() {
  const provider = arrangeOrg('provider', 'Api Rel Provider', `9${Date.now() % 1e6}${Math.floor(Math.random() * 1000)}`);
  const reseller = arrangeOrg('reseller', 'Api Rel Reseller');
  partner(provider, reseller, 3);
  const papi = await apiFor(await signedIn(provider.admin));
  const rapi = await apiFor(await signedIn(reseller.admin));
  return { provider, reseller, papi, rapi };
}

const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

test('a provider lists its indirect resellers and a reseller its indirect providers, as PartnerRelationships', async () => {
  const { provider, reseller, papi, rapi } = await arrangePair();
  let res = await papi.get(RESELLERS);
  assert.equal(res.status, 200);
  assert.equal(res.json.totalCount, 1);
  const r = res.json.items[0];
  assert.deepEqual({ ...r, createdDateTime: undefined }, { id: String(reseller.id), name: reseller.name,
    relationshipType: 'IsIndirectResellerOf', state: 'active', msPartnerNetworkId: null, location: 'US', createdDateTime: undefined });
  assert.match(r.createdDateTime, ISO);
  assert.ok(Date.now() - Date.parse(r.createdDateTime) > 2.9 * 86400e3, 'the partnership started 3 days ago');
  assert.equal(res.json.continuationToken, undefined);

  res = await rapi.get(PROVIDERS);
  assert.equal(res.status, 200);
  assert.deepEqual(res.json.items.map((p) => [p.id, p.name, p.relationshipType, p.msPartnerNetworkId]),
    [[String(provider.id), provider.name, 'IsIndirectCloudSolutionProviderOf',
      sql(`SELECT mpn_id FROM organizations WHERE id = ${provider.id}`)]]);
});

test('relationship_type is required and checked (400 naming it); the wrong kind of organization gets the page\'s 403', async () => {
  const { papi, rapi } = await arrangePair();
  for (const path of ['/v1/relationships', '/v1/relationships?relationship_type=IsSomethingElse']) {
    const res = await papi.get(path);
    assert.equal(res.status, 400, path);
    assert.equal(res.json.field, 'relationship_type');
    assert.match(res.json.description, /relationship_type must be IsIndirectResellerOf .* or IsIndirectCloudSolutionProviderOf/);
  }
  const es = await papi.get('/v1/relationships', { headers: { 'Accept-Language': 'es' } });
  assert.equal(es.status, 400);
  assert.match(es.json.description, /^relationship_type debe ser IsIndirectResellerOf \(los revendedores indirectos de un proveedor\)/);
  for (const [api, path] of [[papi, PROVIDERS], [rapi, RESELLERS]]) {
    const res = await api.get(path);
    assert.equal(res.status, 403, path);
    assert.equal(res.json.code, 'forbidden');
    assert.equal(res.json.description, 'Your organization does not have access to this page.');
  }
});

test('the partners come 10 a page by name, the continuationToken leading through all of them once', async () => {
  const provider = arrangeOrg('provider', 'Api Paging Provider');
  const resellers = Array.from({ length: 13 }, (_, i) => arrangeOrg('reseller', `Api Paging ${String.fromCharCode(65 + i)}`));
  for (const r of resellers) partner(provider, r);
  const api = await apiFor(await signedIn(provider.admin));
  const first = await api.get(RESELLERS);
  assert.equal(first.status, 200);
  assert.equal(first.json.totalCount, 10);
  assert.ok(first.json.continuationToken);
  assert.equal(first.json.links.next.method, 'GET');
  const second = await api.get(first.json.links.next.uri);
  assert.equal(second.status, 200);
  assert.match(first.json.links.next.uri, /relationship_type=IsIndirectResellerOf/);
  assert.equal(second.json.continuationToken, undefined);
  const names = [...first.json.items, ...second.json.items].map((p) => p.name);
  assert.deepEqual(names, resellers.map((r) => r.name), 'every reseller once, in name order');
});

test('DELETE /v1/relationships/{id} ends the partnership from either side (204, one audit row); a foreign one is 404', async () => {
  const { provider, reseller, papi } = await arrangePair();
  const other = arrangeOrg('reseller', 'Api Rel Stranger');
  let mark = auditMark();
  let res = await papi.delete(`/v1/relationships/${other.id}`);
  assert.equal(res.status, 404);
  assert.equal(res.json.description, 'Your organization has no partnership with that organization. It may have ended already.');
  assertNoAudit(mark);

  mark = auditMark();
  res = await papi.delete(`/v1/relationships/${reseller.id}`);
  assert.equal(res.status, 204);
  assert.equal(res.text, '');
  assert.equal(live(provider, reseller), 0);
  const id = Number(sql(`SELECT MAX(id) FROM partnerships WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id}`));
  assertOneAudit(mark, { action: 'partnership.ended', userId: userId(provider.admin), orgId: Number(provider.id),
    objectType: 'partnership', objectId: id, partyOrgId: Number(reseller.id),
    before: { state: 'live' }, after: { state: 'ended', ended_by: 'provider' } });
  assert.equal((await papi.get(RESELLERS)).json.totalCount, 0);
  res = await papi.delete(`/v1/relationships/${reseller.id}`);
  assert.equal(res.status, 404, 'ended already');

  // the reseller's side, as Indirect providers > End partnership
  const second = await arrangePair();
  mark = auditMark();
  res = await second.rapi.delete(`/v1/relationships/${second.provider.id}`);
  assert.equal(res.status, 204);
  assert.equal(live(second.provider, second.reseller), 0);
  assertOneAudit(mark, { action: 'partnership.ended', orgId: Number(second.reseller.id), partyOrgId: Number(second.provider.id),
    after: { state: 'ended', ended_by: 'reseller' } });
});

test('ending needs an admin agent (the page\'s 403) and a token with the relationships scope', async () => {
  const { provider, reseller } = await arrangePair();
  const sales = await apiFor(await signedIn(provider.sales));
  const readOnly = await apiFor(await signedIn(provider.admin), { scopes: ['read'] });
  const mark = auditMark();
  let res = await sales.delete(`/v1/relationships/${reseller.id}`);
  assert.equal(res.status, 403);
  assert.match(res.json.description, /Only admin agents of your account can do this/);
  res = await readOnly.delete(`/v1/relationships/${reseller.id}`);
  assert.equal(res.status, 403);
  assert.match(res.json.description, /does not have the relationships scope/);
  assert.equal(live(provider, reseller), 1);
  assertNoAudit(mark);
});

test('POST /v1/relationshiprequests makes a request with its personalized link (201), listed with its state, revoked by DELETE', async () => {
  const { provider, papi, rapi } = await arrangePair();
  let mark = auditMark();
  const made = await papi.post('/v1/relationshiprequests', {});
  assert.equal(made.status, 201);
  const r = made.json;
  assert.match(r.url, /^https?:\/\/[^/]+\/partnership\/authorize\?token=[0-9a-f]{64}$/);
  assert.equal(r.state, 'sent');
  assert.match(r.createdDateTime, ISO);
  assert.ok(Math.abs(Date.parse(r.expiresDateTime) - Date.parse(r.createdDateTime) - 30 * 86400e3) < 5e3, 'valid 30 days');
  assert.equal(sql(`SELECT provider_org_id FROM partnership_requests WHERE id = ${r.id}`), String(provider.id));
  assertOneAudit(mark, { action: 'partnership.requested', userId: userId(provider.admin), orgId: Number(provider.id),
    objectType: 'partnership_request', objectId: Number(r.id), after: { state: 'sent' } });

  let list = await papi.get('/v1/relationshiprequests');
  assert.equal(list.status, 200);
  const listed = list.json.items.find((i) => i.id === r.id);
  assert.equal(listed.state, 'sent');
  assert.equal(listed.url, undefined, 'the link is shown once, when made');
  assert.equal(listed.stateChangedDateTime, null);

  // another provider's request is not there for this one
  const stranger = await apiFor(await signedIn(arrangeOrg('provider', 'Api Rel Other').admin));
  mark = auditMark();
  let res = await stranger.delete(`/v1/relationshiprequests/${r.id}`);
  assert.equal(res.status, 404);
  assert.equal((await rapi.delete(`/v1/relationshiprequests/${r.id}`)).status, 403, 'a reseller: the page\'s kind guard');
  assertNoAudit(mark);
  assert.equal(tokenState('partnership_requests', r.id), '0,0');

  mark = auditMark();
  res = await papi.delete(`/v1/relationshiprequests/${r.id}`);
  assert.equal(res.status, 204);
  assert.equal(tokenState('partnership_requests', r.id), '0,1');
  assertOneAudit(mark, { action: 'partnership.request_revoked', objectType: 'partnership_request', objectId: Number(r.id),
    before: { state: 'sent' }, after: { state: 'revoked' } });
  list = await papi.get('/v1/relationshiprequests');
  assert.equal(list.json.items.find((i) => i.id === r.id).state, 'revoked');
  mark = auditMark();
  res = await papi.delete(`/v1/relationshiprequests/${r.id}`);
  assert.equal(res.status, 409);
  assert.equal(res.json.description, 'This partnership request is revoked, so it cannot be revoked. Nothing was changed.');
  assertNoAudit(mark);
});

test('a partnership request takes {} and nothing else (400 naming the field); a reseller cannot make one', async () => {
  const { provider, rapi, papi } = await arrangePair();
  const before = sql(`SELECT COUNT(*) FROM partnership_requests WHERE provider_org_id = ${provider.id}`);
  const mark = auditMark();
  let res = await papi.post('/v1/relationshiprequests', { resellerEmail: 'x@example.com' });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'resellerEmail');
  res = await rapi.post('/v1/relationshiprequests', {});
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Your organization does not have access to this page.');
  assert.equal(sql(`SELECT COUNT(*) FROM partnership_requests WHERE provider_org_id = ${provider.id}`), before);
  assertNoAudit(mark);
});

test('seed 001: the provider requests by API, the reseller authorizes the link in the portal, both APIs then list the partnership', async () => {
  const provider = arrangeOrg('provider', 'Api Seed Provider');
  const reseller = arrangeOrg('reseller', 'Api Seed Reseller');
  const papi = await apiFor(await signedIn(provider.admin));
  const rc = await signedIn(reseller.admin);
  const rapi = await apiFor(rc);
  assert.equal((await rapi.get(PROVIDERS)).json.totalCount, 0);

  const made = await papi.post('/v1/relationshiprequests', {});
  assert.equal(made.status, 201);
  const form = await rc.get(pathOf(made.json.url));
  assert.equal(form.status, 200);
  assert.match(form.text, /Authorize indirect provider/);
  const done = await rc.post('/partnership/authorize', { token: new URL(made.json.url).searchParams.get('token'), confirm: '1' });
  assert.equal(done.status, 303);

  const providers = await rapi.get(PROVIDERS);
  assert.deepEqual(providers.json.items.map((p) => [p.id, p.name, p.state]), [[String(provider.id), provider.name, 'active']]);
  const resellers = await papi.get(RESELLERS);
  assert.deepEqual(resellers.json.items.map((p) => [p.id, p.name]), [[String(reseller.id), reseller.name]]);
  const req = (await papi.get('/v1/relationshiprequests')).json.items.find((i) => i.id === made.json.id);
  assert.equal(req.state, 'accepted');
  assert.equal(req.resellerId, String(reseller.id));
  assert.equal(req.resellerName, reseller.name);
  assert.match(req.stateChangedDateTime, ISO);
});

test('POST /v1/customers/relationshiprequests invites a customer alone or with a provider (201 and its link), listed and revoked', async () => {
  const { provider, reseller, rapi } = await arrangePair();
  let mark = auditMark();
  const alone = await rapi.post('/v1/customers/relationshiprequests', {});
  assert.equal(alone.status, 201);
  assert.match(alone.json.url, /^https?:\/\/[^/]+\/relationship\/authorize\?token=[0-9a-f]{64}$/);
  assert.equal(alone.json.state, 'sent');
  assert.equal(alone.json.indirectProviderId, null);
  assertOneAudit(mark, { action: 'customer.invited', userId: userId(reseller.admin), orgId: Number(reseller.id),
    objectType: 'customer_invitation', objectId: Number(alone.json.id), partyOrgId: 0, after: { state: 'sent' } });

  mark = auditMark();
  const withP = await rapi.post('/v1/customers/relationshiprequests', { indirectProviderId: String(provider.id) });
  assert.equal(withP.status, 201);
  assert.equal(withP.json.indirectProviderId, String(provider.id));
  assert.equal(withP.json.indirectProviderName, provider.name);
  assert.equal(sql(`SELECT provider_org_id FROM customer_invitations WHERE id = ${withP.json.id}`), String(provider.id));
  assertOneAudit(mark, { action: 'customer.invited', objectId: Number(withP.json.id), partyOrgId: Number(provider.id),
    after: { state: 'sent', provider: provider.name } });

  const list = await rapi.get('/v1/customers/relationshiprequests');
  assert.equal(list.status, 200);
  assert.deepEqual(list.json.items.slice(0, 2).map((i) => [i.id, i.state, i.url]),
    [[withP.json.id, 'sent', undefined], [alone.json.id, 'sent', undefined]], 'newest first, no links');

  mark = auditMark();
  let res = await rapi.delete(`/v1/customers/relationshiprequests/${alone.json.id}`);
  assert.equal(res.status, 204);
  assert.equal(tokenState('customer_invitations', alone.json.id), '0,1');
  assertOneAudit(mark, { action: 'customer_invitation.revoked', objectType: 'customer_invitation',
    objectId: Number(alone.json.id), before: { state: 'sent' }, after: { state: 'revoked' } });
  res = await rapi.delete(`/v1/customers/relationshiprequests/${alone.json.id}`);
  assert.equal(res.status, 409);
  assert.equal(res.json.description, 'This invitation is revoked, so it cannot be revoked. Nothing was changed.');
});

test('an invitation refuses a provider that is not the reseller\'s (404), a malformed id or field (400), a provider\'s token (403)', async () => {
  const { provider, reseller, rapi, papi } = await arrangePair();
  const stranger = arrangeOrg('provider', 'Api Rel Unpartnered');
  const count = () => sql(`SELECT COUNT(*) FROM customer_invitations WHERE reseller_org_id = ${reseller.id}`);
  const before = count();
  const mark = auditMark();
  let res = await rapi.post('/v1/customers/relationshiprequests', { indirectProviderId: String(stranger.id) });
  assert.equal(res.status, 404);
  assert.equal(res.json.code, 'notFound');
  for (const [body, field] of [[{ indirectProviderId: 'abc' }, 'indirectProviderId'], [{ indirectProviderId: 7 }, 'indirectProviderId'],
    [{ customerEmail: 'a@b.example' }, 'customerEmail']]) {
    res = await rapi.post('/v1/customers/relationshiprequests', body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(res.json.field, field);
  }
  res = await papi.post('/v1/customers/relationshiprequests', {});
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Your organization does not have access to this page.');
  assert.equal(count(), before);
  assertNoAudit(mark);
  // another reseller's invitation is not there
  const theirs = await apiFor(await signedIn(arrangeOrg('reseller', 'Api Rel Other Reseller').admin));
  const made = await rapi.post('/v1/customers/relationshiprequests', { indirectProviderId: String(provider.id) });
  const mark2 = auditMark();
  res = await theirs.delete(`/v1/customers/relationshiprequests/${made.json.id}`);
  assert.equal(res.status, 404);
  assert.equal(tokenState('customer_invitations', made.json.id), '0,0');
  assertNoAudit(mark2);
});

test('seed 001: the reseller invites a customer with its provider by API, the customer\'s global admin accepts in the portal, the reseller\'s API sees it accepted by the customer', async () => {
  const { provider, reseller, rapi } = await arrangePair();
  const customer = arrangeTenant('Api Customer');
  const made = await rapi.post('/v1/customers/relationshiprequests', { indirectProviderId: String(provider.id) });
  assert.equal(made.status, 201);

  const gina = await signedIn(customer.admin);
  const form = await gina.get(pathOf(made.json.url));
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(reseller.name));
  const done = await gina.post('/relationship/authorize', { token: new URL(made.json.url).searchParams.get('token') });
  assert.equal(done.status, 303);

  const org = sql(`SELECT id FROM organizations WHERE tenant_id = ${customer.id} AND kind = 'customer'`);
  assert.ok(org, 'the tenant got its customer organization');
  const partners = sql(`SELECT GROUP_CONCAT(partner_org_id ORDER BY partner_org_id) FROM customer_relationships
    WHERE customer_org_id = ${org} AND ended_at IS NULL`);
  assert.equal(partners, [provider.id, reseller.id].map(Number).sort((a, b) => a - b).join(','), 'both are partners of record');
  const inv = (await rapi.get('/v1/customers/relationshiprequests')).json.items.find((i) => i.id === made.json.id);
  assert.deepEqual([inv.state, inv.customerId, inv.customerName], ['accepted', String(org), `Api Customer ${customer.tag}`]);
  // GET /v1/customers (api_customers.c) was not on main when this was written: the relationships above are what
  // it lists for the reseller
});
