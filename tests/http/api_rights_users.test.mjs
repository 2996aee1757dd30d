// api_rights_users.test.mjs: every route of cgi-src/api/api_users.c and api_catalog.c for every kind of actor
// that can hold a token (a provider's admin, sales and helpdesk agents, a reseller's admin agent, and an
// unrelated partner), as rights_matrix.test.mjs does for the pages: the same organization kinds and roles as the
// page's route (403 with the page's words), a customer that is not the actor's 404, and nothing written by a
// refused call. A route added to the two tables without a row here fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, arrangeSubscription, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';
import { assertNoAudit, auditMark, auditSince } from '../lib/audit.mjs';

const routesOf = (file) => [...readFileSync(new URL(`../../cgi-src/api/${file}`, import.meta.url), 'utf8')
  .matchAll(/\{\s*"(GET|POST|PUT|PATCH|DELETE)",\s*"([^"]+)"/g)].map(([, m, p]) => `${m} ${p}`);
const ROUTES = [...routesOf('api_users.c'), ...routesOf('api_catalog.c')];

const w = arrangeChain('ApiRights');
const stranger = arrangeOrg('provider', 'ApiRights Stranger');
const sub = arrangeSubscription(w.customer, w.provider, { reseller: w.reseller, licenses: 50 });
const tenant = `(SELECT tenant_id FROM organizations WHERE id = ${w.customer.id})`;
let n = 0;
// A fresh plain user of the customer's directory, the object each call aims at; its id.
const target = () => sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
  VALUES (${tenant}, 'target${++n}@${w.customer.domain}', 'Target ${n}', 'x', 'user'); SELECT LAST_INSERT_ID();`);
const userState = (id) => sql(`SELECT CONCAT_WS(',', COUNT(*), COALESCE(MAX(password_hash), '-'),
  (SELECT COUNT(*) FROM license_assignments WHERE user_id = ${id})) FROM users WHERE id = ${id}`);
const tenantUsers = () => sql(`SELECT COUNT(*) FROM users WHERE tenant_id = ${tenant}`);

const C = `/v1/customers/${w.customer.id}`;
// Each route: the call aimed at the customer's object, what it writes when done (the audit action), and which
// actors the page's route admits (the rest get 403 with WORDS).
const ADMIN_ONLY = 'Only admin agents of your account can do this. Ask one of them to give you the role.';
const ROWS = {
  'GET /v1/customers/{id}/users': { call: (api) => api.get(`${C}/users`), ok: 200 },
  'POST /v1/customers/{id}/users': { call: (api) => api.post(`${C}/users`, { userPrincipalName: `new${++n}@${w.customer.domain}`, displayName: 'New' }),
    ok: 201, admins: true, action: 'customer.user_added' },
  'PATCH /v1/customers/{id}/users/{id}': { call: (api, u) => api.patch(`${C}/users/${u}`, { passwordProfile: { forceChangePassword: true } }),
    ok: 200, admins: true, action: 'customer.user_password_reset' },
  'DELETE /v1/customers/{id}/users/{id}': { call: (api, u) => api.delete(`${C}/users/${u}`), ok: 204, admins: true, action: 'customer.user_removed' },
  'GET /v1/customers/{id}/users/{id}/licenses': { call: (api, u) => api.get(`${C}/users/${u}/licenses`), ok: 200 },
  'POST /v1/customers/{id}/users/{id}/licenseupdates': { call: (api, u) => api.post(`${C}/users/${u}/licenseupdates`, { licensesToAssign: [{ skuId: sub }] }),
    ok: 200, admins: true, action: 'customer.user_licenses' },
  'GET /v1/offers': { call: (api) => api.get('/v1/offers'), ok: 200, foreignOk: true },
  'GET /v1/auditrecords': { call: (api) => api.get('/v1/auditrecords'), ok: 200, admins: true, foreignOk: true },
};

const ACTORS = {
  'provider admin agent': { who: w.provider.admin, admin: true },
  'provider sales agent': { who: w.provider.sales, admin: false },
  'provider helpdesk agent': { who: w.provider.helpdesk, admin: false },
  'reseller admin agent': { who: w.reseller.admin, admin: true },
  'unrelated partner\'s admin agent': { who: stranger.admin, admin: true, foreign: true },
};

test('every route of api_users.c and api_catalog.c has a row', () => {
  assert.deepEqual(ROUTES.sort(), Object.keys(ROWS).sort());
});

test('setup: a token with every scope for each actor', async () => {
  for (const a of Object.values(ACTORS)) a.api = await apiFor(await signedIn(a.who));
});

for (const [route, row] of Object.entries(ROWS))
  for (const [name, actor] of Object.entries(ACTORS)) {
    const expected = actor.foreign && !row.foreignOk ? 404 : row.admins && !actor.admin ? 403 : row.ok;
    test(`${route} by a ${name}: ${expected}`, async () => {
      const u = target();
      const before = [userState(u), tenantUsers()];
      const mark = auditMark();
      const res = await row.call(actor.api, u);
      assert.equal(res.status, expected, res.text.slice(0, 300));
      if (expected === 403) assert.equal(res.json.description, ADMIN_ONLY);
      if (expected === 404) assert.match(res.json.description, /There is no customer with that number among your organization's customers/);
      if (expected >= 400 || !row.action) {
        if (expected >= 400) assert.deepEqual([userState(u), tenantUsers()], before, 'nothing changed');
        assertNoAudit(mark);
      } else {
        assert.deepEqual(auditSince(mark).map((r) => r.action), [row.action]);
      }
    });
  }
