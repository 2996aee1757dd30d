// api_rights_relationships.test.mjs: every route of cgi-src/api/api_relationships.c sent by each kind of actor,
// as rights_matrix.test.mjs does for the pages: the provider's admin, sales and helpdesk agents, the reseller's
// (its partner), and an unrelated partner of the kind the route admits. Each gets what its page route gives:
// the change done or the list shown for the roles routes.c admits, the page's 403 for the wrong kind or role,
// 404 for an object that is not the actor's, and a refused call changes nothing. A route added to the table
// without a row here fails the first test. Then the scopes: read for every GET, relationships for the writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, partner, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';

const RESELLERS = '/v1/relationships?relationship_type=IsIndirectResellerOf';
const PROVIDERS = '/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf';
const KIND = 'Your organization does not have access to this page.';
const ADMIN = /Only admin agents of your account can do this/;
const SALES = /Only admin agents and sales agents of your account/;

const liveSql = (p, r) => `SELECT COUNT(*) FROM partnerships WHERE provider_org_id = ${p.id} AND reseller_org_id = ${r.id} AND ended_at IS NULL`;
const tokenSql = (table, id) => `SELECT CONCAT_WS(',', t.used_at IS NOT NULL, t.revoked_at IS NOT NULL)
  FROM ${table} x JOIN email_tokens t ON t.id = x.token_id WHERE x.id = ${id}`;

// The world: provider P partnered with reseller R; an unrelated provider and reseller; an API per actor.
let W;
async function world() {
  if (W) return W;
  const P = arrangeOrg('provider', 'Api Rights Provider');
  const R = arrangeOrg('reseller', 'Api Rights Reseller');
  const SP = arrangeOrg('provider', 'Api Rights Stranger Provider');
  const SR = arrangeOrg('reseller', 'Api Rights Stranger Reseller');
  partner(P, R);
  const api = {};
  for (const [name, who] of [['pAdmin', P.admin], ['pSales', P.sales], ['pHelp', P.helpdesk], ['rAdmin', R.admin],
    ['rSales', R.sales], ['rHelp', R.helpdesk], ['sp', SP.admin], ['sr', SR.admin]])
    api[name] = await apiFor(await signedIn(who));
  W = { P, R, SP, SR, api };
  return W;
}

// fresh objects for a change, one per call, so every actor that may do it does it to its own
async function freshRequest() {
  return (await W.api.pAdmin.post('/v1/relationshiprequests', {})).json.id;
}
async function freshInvitation() {
  return (await W.api.rAdmin.post('/v1/customers/relationshiprequests', { indirectProviderId: String(W.P.id) })).json.id;
}

// The three routes of an emailed link's resource (partnership requests, invitations): the list, which shows a
// fresh one of the world's; making one (BODY), which writes a row of TABLE for OWNERS or nothing; revoking a
// fresh one, which revokes its token or nothing.
function linkRoutes({ base, stranger, fresh, table, owners, body, expect }) {
  return [
    { route: `GET ${base}`, stranger, expect: expect.list, prepare: async () => ({ path: base, id: await fresh() }),
      shows: (res, aim) => res.json.items.some((i) => i.id === aim.id) },
    { route: `POST ${base}`, stranger, expect: expect.make,
      prepare: async () => ({ path: base, body: body(), state: `SELECT COUNT(*) FROM ${table} WHERE ${owners()}` }) },
    { route: `DELETE ${base}/{id}`, stranger, expect: expect.revoke, prepare: async () => {
      const id = await fresh();
      return { path: `${base}/${id}`, state: tokenSql(table, id) };
    } },
  ];
}

// Each route: which unrelated partner aims at it (sp or sr), what each actor gets, and how it is aimed: PREPARE
// gives the path, the body and STATE, the SQL whose answer a refused call must leave as it was; SHOWS says
// whether a list shows the world's object (the stranger's must not).
const ROUTES = [
  { route: 'GET /v1/relationships', what: 'resellers', stranger: 'sp',
    expect: { pAdmin: 200, pSales: 200, pHelp: 200, rAdmin: 403, rSales: 403, rHelp: 403, stranger: 200 },
    prepare: async () => ({ path: RESELLERS }), shows: (res) => res.json.items.some((i) => i.id === String(W.R.id)) },
  { route: 'GET /v1/relationships', what: 'providers', stranger: 'sr',
    expect: { pAdmin: 403, pSales: 403, pHelp: 403, rAdmin: 200, rSales: 200, rHelp: 200, stranger: 200 },
    prepare: async () => ({ path: PROVIDERS }), shows: (res) => res.json.items.some((i) => i.id === String(W.P.id)) },
  { route: 'DELETE /v1/relationships/{id}', stranger: 'sp',
    expect: { pAdmin: 204, pSales: 403, pHelp: 403, rAdmin: 204, rSales: 403, rHelp: 403, stranger: 404 },
    prepare: async (actor) => {
      if (actor.startsWith('p')) {  // a reseller of P's own
        const r = arrangeOrg('reseller', 'Api Rights Ending');
        partner(W.P, r);
        return { path: `/v1/relationships/${r.id}`, state: liveSql(W.P, r) };
      }
      if (actor.startsWith('r')) {  // a provider of R's own
        const p = arrangeOrg('provider', 'Api Rights Ending');
        partner(p, W.R);
        return { path: `/v1/relationships/${p.id}`, state: liveSql(p, W.R) };
      }
      return { path: `/v1/relationships/${W.R.id}`, state: liveSql(W.P, W.R) };
    } },
  ...linkRoutes({ base: '/v1/relationshiprequests', stranger: 'sp', fresh: freshRequest, table: 'partnership_requests',
    owners: () => `provider_org_id IN (${W.P.id}, ${W.SP.id})`, body: () => ({}), expect: {
      list: { pAdmin: 200, pSales: 200, pHelp: 200, rAdmin: 403, rSales: 403, rHelp: 403, stranger: 200 },
      make: { pAdmin: 201, pSales: 403, pHelp: 403, rAdmin: 403, rSales: 403, rHelp: 403, stranger: 201 },
      revoke: { pAdmin: 204, pSales: 403, pHelp: 403, rAdmin: 403, rSales: 403, rHelp: 403, stranger: 404 } } }),
  ...linkRoutes({ base: '/v1/customers/relationshiprequests', stranger: 'sr', fresh: freshInvitation, table: 'customer_invitations',
    owners: () => `reseller_org_id IN (${W.R.id}, ${W.SR.id})`, body: () => ({ indirectProviderId: String(W.P.id) }), expect: {
      list: { pAdmin: 403, pSales: 403, pHelp: 403, rAdmin: 200, rSales: 200, rHelp: 200, stranger: 200 },
      make: { pAdmin: 403, pSales: 403, pHelp: 403, rAdmin: 201, rSales: 201, rHelp: 403, stranger: 404 },
      revoke: { pAdmin: 403, pSales: 403, pHelp: 403, rAdmin: 204, rSales: 204, rHelp: 403, stranger: 404 } } }),
];

const SOURCE = readFileSync(new URL('../../cgi-src/api/api_relationships.c', import.meta.url), 'utf8');
const TABLE = [...SOURCE.matchAll(/\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)",\s*\w+,\s*([A-Z_ |]+?),/g)]
  .map(([, method, path]) => `${method} ${path}`);

test('every route of api_relationship_routes has its row here', () => {
  assert.ok(TABLE.length >= 8);
  assert.deepEqual([...new Set(TABLE)].sort(), [...new Set(ROUTES.map((r) => r.route))].sort());
});

const methodOf = (route) => route.split(' ')[0];

for (const row of ROUTES) {
  test(`${row.route}${row.what ? ` (${row.what})` : ''}: each actor gets what its page gives`, async () => {
    await world();
    for (const [actor, status] of Object.entries(row.expect)) {
      const api = W.api[actor === 'stranger' ? row.stranger : actor];
      const aim = await row.prepare(actor);
      const before = aim.state ? sql(aim.state) : null;
      const res = await api.call(methodOf(row.route), aim.path, { body: aim.body });
      const what = `${actor} ${row.route} ${aim.path}`;
      assert.equal(res.status, status, `${what}: ${res.text.slice(0, 200)}`);
      if (status === 403) {
        const words = /^(p|r)/.test(actor) && !res.json.description.includes('does not have access') ? [ADMIN, SALES] : [];
        assert.ok(res.json.description === KIND || words.some((w) => w.test(res.json.description)), `${what}: ${res.json.description}`);
      }
      if (status === 404) assert.equal(res.json.code, 'notFound', what);
      if (status >= 400 && aim.state) assert.equal(sql(aim.state), before, `${what}: nothing changed`);
      if (status === 200 && row.shows) assert.equal(row.shows(res, aim), actor !== 'stranger', `${what}: shows the world's object`);
    }
  });
}

test('a read-only token cannot write and a relationships-only token cannot read (the scope\'s 403), changing nothing', async () => {
  await world();
  const readOnly = await apiFor(await signedIn(W.P.admin), { scopes: ['read'] });
  const writeOnly = await apiFor(await signedIn(W.R.admin), { scopes: ['relationships'] });
  const count = `SELECT COUNT(*) FROM partnership_requests WHERE provider_org_id = ${W.P.id}`;
  const requests = sql(count);
  let res = await readOnly.post('/v1/relationshiprequests', {});
  assert.equal(res.status, 403);
  assert.match(res.json.description, /does not have the relationships scope/);
  res = await readOnly.delete(`/v1/relationships/${W.R.id}`);
  assert.equal(res.status, 403);
  assert.equal(sql(liveSql(W.P, W.R)), '1');
  assert.equal(sql(count), requests);
  for (const path of [PROVIDERS, '/v1/customers/relationshiprequests']) {
    res = await writeOnly.get(path);
    assert.equal(res.status, 403, path);
    assert.match(res.json.description, /does not have the read scope/);
  }
});
