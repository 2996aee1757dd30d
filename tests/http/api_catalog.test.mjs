// api_catalog.test.mjs: the offers and the audit records through the partner API (cgi-src/api/api_catalog.c):
// GET /v1/offers lists what the order pages offer, in their order; GET /v1/auditrecords is the partner account's
// Activity log (/account/activity): the same rows in the same order, 50 to a page, the page's filters and their
// refusals, its CSV with Accept: text/csv, and nothing of another organization.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';

const w = arrangeChain('ApiCatalog');
const stranger = arrangeOrg('reseller', 'ApiCatalog Stranger');
let admin, api, helpdesk, strangerApi;

// The ids of the activity log rows a page of /account/activity lists.
const pageIds = (html) => [...html.matchAll(/<tr id="activity-(\d+)">/g)].map((m) => m[1]);

test('setup: tokens of the reseller\'s admin agent and helpdesk agent and of a stranger reseller', async () => {
  admin = await signedIn(w.reseller.admin);
  api = await apiFor(admin, { scopes: ['read', 'users'] });
  helpdesk = await apiFor(await signedIn(w.reseller.helpdesk), { scopes: ['read'] });
  strangerApi = await apiFor(await signedIn(stranger.admin), { scopes: ['read', 'users'] });
});

test('GET /v1/offers: the active offers in the order pages\' order, priced as { amount, currency }', async () => {
  const res = await helpdesk.get('/v1/offers');
  assert.equal(res.status, 200);
  const expected = sql(`SELECT CONCAT_WS('|', id, sku, monthly_price_cents, currency, min_licenses, max_licenses) FROM offers
    WHERE active = 1 ORDER BY category = '', category, name, id`).split('\n');
  assert.deepEqual(res.json.items.map((o) => [o.id, o.sku, String(Math.round(Number(o.unitPrice.amount) * 100)),
    o.unitPrice.currency, o.minimumQuantity, o.maximumQuantity].join('|')), expected);
  assert.equal(res.json.totalCount, expected.length);
  const std = res.json.items.find((o) => o.sku === 'CP-STD');
  assert.match(std.unitPrice.amount, /^\d+\.\d\d$/);
  assert.equal(std.billingCycle, 'monthly');
  assert.equal(res.json.continuationToken, undefined, 'the order pages do not page the offers');
  assert.ok(!sql('SELECT GROUP_CONCAT(id) FROM offers WHERE active = 0').split(',').some((id) => res.json.items.some((o) => o.id === id)),
    'an inactive offer is not offered');
});

test('GET /v1/auditrecords: the first page is /account/activity\'s, record by record, with the change\'s values', async () => {
  // a change of the reseller's, made through the API
  const made = await strangerApi.get('/v1/offers');  // a stranger's call leaves nothing in our log
  assert.equal(made.status, 200);
  const users = `/v1/customers/${w.customer.id}/users`;
  const added = await api.post(users, { userPrincipalName: `audit.me@${w.customer.domain}`, displayName: 'Audit Me' });
  assert.equal(added.status, 201, added.text);
  const res = await api.get('/v1/auditrecords');
  assert.equal(res.status, 200);
  const page = await admin.get('/account/activity');
  assert.deepEqual(res.json.items.map((r) => r.id), pageIds(page.text), 'the same rows in the same order');
  const row = sql(`SELECT id FROM audit_log WHERE action = 'customer.user_added' AND object_id = ${added.json.id}`);
  const rec = res.json.items.find((r) => r.id === row);
  assert.ok(rec, 'the new user\'s audit row is listed');
  assert.equal(rec.operationType, 'customer.user_added');
  assert.equal(rec.operationLabel, 'Customer user added');
  assert.equal(rec.userPrincipalName, w.reseller.admin.upn);
  assert.equal(rec.organization, w.reseller.name);
  assert.equal(rec.party, w.customer.name);
  assert.equal(rec.resourceType, 'user');
  assert.equal(rec.resourceId, added.json.id);
  assert.equal(rec.resourceNewValue.upn, `audit.me@${w.customer.domain}`);
  assert.match(rec.operationDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(rec.clientIp, 'the client address of the own organization\'s change');
  const theirs = await strangerApi.get('/v1/auditrecords');
  assert.equal(theirs.status, 200);
  assert.ok(!theirs.json.items.some((r) => r.id === row), 'another organization does not see the row');
});

test('GET /v1/auditrecords: the page\'s filters under Partner Center\'s names, 50 to a page with a continuation token, as the CSV', async () => {
  const upn = w.reseller.admin.upn;
  const q = `operationType=customer.user_added&userPrincipalName=${encodeURIComponent(upn)}&resourceType=user`;
  const before = Number(sql(`SELECT COUNT(*) FROM audit_visibility v JOIN audit_log a ON a.id = v.audit_id WHERE v.org_id = ${w.reseller.id} AND a.action = 'customer.user_added'`));
  const users = `/v1/customers/${w.customer.id}/users`;
  for (let i = before; i < 53; i++)
    assert.equal((await api.post(users, { userPrincipalName: `bulk${i}@${w.customer.domain}`, displayName: `Bulk ${i}` })).status, 201);
  const first = await api.get(`/v1/auditrecords?${q}`);
  assert.equal(first.status, 200);
  assert.equal(first.json.items.length, 50);
  assert.ok(first.json.items.every((r) => r.operationType === 'customer.user_added' && r.userPrincipalName === upn));
  const pageText = (await admin.get(`/account/activity?action=customer.user_added&user=${encodeURIComponent(upn)}&object=user`)).text;
  assert.deepEqual(first.json.items.map((r) => r.id), pageIds(pageText));
  const second = await api.get(first.json.links.next.uri);
  assert.equal(second.status, 200);
  assert.equal(second.json.items.length, 3);
  assert.equal(second.json.continuationToken, undefined);
  const all = [...first.json.items, ...second.json.items].map((r) => Number(r.id));
  assert.deepEqual(all, [...all].sort((a, b) => b - a), 'newest first');
  const today = new Date().toISOString().slice(0, 10);
  const dated = await api.get(`/v1/auditrecords?${q}&startDate=${today}&endDate=${today}`);
  assert.equal(dated.json.items.length, 50);
  assert.equal((await api.get(`/v1/auditrecords?${q}&endDate=2000-01-01`)).json.items.length, 0);
  // Accept: text/csv: the page's .csv export, row for row
  const csv = await api.get(`/v1/auditrecords?${q}`, { accept: 'text/csv' });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const pageCsv = await admin.get(`/account/activity.csv?action=customer.user_added&user=${encodeURIComponent(upn)}&object=user`);
  assert.equal(csv.text, pageCsv.text);
  assert.match(csv.text, /^id,at,user,organization,on_behalf_of,party,action,object_type,object_id,detail,before,after,client_ip\r\n/);
});

test('GET /v1/auditrecords: a bad filter is 400 with the page\'s words naming the date; a helpdesk agent is 403 as on the page', async () => {
  let res = await api.get('/v1/auditrecords?startDate=01/12/2026');
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'startDate');
  assert.match(res.json.description, /Dates must be written YYYY-MM-DD, for example 2026-12-01/);
  res = await api.get('/v1/auditrecords?startDate=2026-12-02&endDate=2026-12-01');
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'endDate');
  assert.match(res.json.description, /The start date is after the end date/);
  res = await api.get('/v1/auditrecords?endDate=yesterday');
  assert.equal(res.json.field, 'endDate');
  res = await helpdesk.get('/v1/auditrecords');
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Only admin agents of your account can do this. Ask one of them to give you the role.');
  const page = await (await signedIn(w.reseller.helpdesk)).get('/account/activity');
  assert.equal(page.status, 403, 'as the page refuses them');
});
