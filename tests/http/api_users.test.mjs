// api_users.test.mjs: a customer's users through the partner API (cgi-src/api/api_users.c) as a partner of record
// would script them: the list (paged and searched as the page Users and licenses), a new user with its
// temporary password answered once, a password reset (Partner Center's PATCH with passwordProfile), removal,
// and license assignments; each with the page's refusals (a foreign customer 404, a helpdesk agent 403, a bad
// body 400 naming the field, a full subscription 409), the rows written and the one audit row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, arrangeSubscription, relate, signedIn } from '../lib/arrange.mjs';
import { apiFor } from '../lib/api.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const userId = (upn) => sql(`SELECT id FROM users WHERE upn = '${upn}'`);
const tenantOf = (org) => `(SELECT tenant_id FROM organizations WHERE id = ${org.id})`;
const licensesOf = (id) => sql(`SELECT COALESCE(GROUP_CONCAT(subscription_id ORDER BY subscription_id), '') FROM license_assignments WHERE user_id = ${id}`);
// A plain user of ORG's directory; its id.
const addDirectoryUser = (org, name) => sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
  VALUES (${tenantOf(org)}, '${name}@${org.domain}', '${name} Test', 'x', 'user'); SELECT LAST_INSERT_ID();`);

// A customer of a provider and its reseller, with subscriptions of 2 and 10 licenses; an outsider reseller; another
// customer of the reseller with a subscription of its own.
const w = { ...arrangeChain('ApiUsers'), outsider: arrangeOrg('reseller', 'ApiUsers Outsider'), other: arrangeOrg('customer', 'ApiUsers Other') };
relate(w.other, w.reseller);
w.small = arrangeSubscription(w.customer, w.provider, { licenses: 2, sku: 'CP-STD' });
w.large = arrangeSubscription(w.customer, w.provider, { licenses: 10, sku: 'EM-ARCH' });
w.foreignSub = arrangeSubscription(w.other, w.provider, { licenses: 5 });
const USERS = `/v1/customers/${w.customer.id}/users`;
let api, helpdesk, outsider, readOnly;

test('setup: tokens of the reseller\'s admin agent (every scope, and read alone), its helpdesk agent and an outsider', async () => {
  const admin = await signedIn(w.reseller.admin);
  api = await apiFor(admin);
  readOnly = await apiFor(admin, { scopes: ['read'] });
  helpdesk = await apiFor(await signedIn(w.reseller.helpdesk));
  outsider = await apiFor(await signedIn(w.outsider.admin));
});

test('GET users: the customer\'s directory as Partner Center\'s CustomerUser, 25 to a page by name, searched as the page', async () => {
  const values = Array.from({ length: 27 }, (_, i) => `(${tenantOf(w.customer)}, 'staff${i}@${w.customer.domain}', 'Staff ${String(i).padStart(2, '0')}', 'x', 'user')`);
  sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES ${values.join(', ')}`);
  const expected = sql(`SELECT id FROM users WHERE tenant_id = ${tenantOf(w.customer)} ORDER BY display_name, id`).split('\n');
  let res = await readOnly.get(USERS);
  assert.equal(res.status, 200);
  assert.equal(res.json.items.length, 25);
  const ada = res.json.items.find((u) => u.userPrincipalName === w.customer.admin.upn);
  assert.deepEqual(ada, { id: userId(w.customer.admin.upn), userPrincipalName: w.customer.admin.upn,
    displayName: `Ada Admin ${w.customer.tag}`, directoryRole: 'globalAdmin', state: 'active', mustChangePassword: false });
  const seen = res.json.items.map((u) => u.id);
  assert.ok(res.json.continuationToken);
  assert.equal(res.json.links.next.method, 'GET');
  res = await readOnly.get(res.json.links.next.uri);
  assert.equal(res.status, 200);
  assert.equal(res.json.continuationToken, undefined, 'the last page has no next link');
  assert.deepEqual([...seen, ...res.json.items.map((u) => u.id)], expected, 'every user once, in the page\'s order');
  res = await readOnly.get(`${USERS}?q=${encodeURIComponent('staff 2')}`);
  assert.deepEqual(res.json.items.map((u) => u.displayName), ['Staff 20', 'Staff 21', 'Staff 22', 'Staff 23', 'Staff 24', 'Staff 25', 'Staff 26']);
  sql(`DELETE FROM users WHERE tenant_id = ${tenantOf(w.customer)} AND upn LIKE 'staff%'`);
});

test('a customer that is not the partner\'s, or a user outside its directory, is 404 with the page\'s words', async () => {
  for (const path of [`/v1/customers/${w.customer.id}/users`, `/v1/customers/987654321/users`]) {
    const res = await (path.includes('987654321') ? api : outsider).get(path);
    assert.equal(res.status, 404);
    assert.match(res.json.description, /There is no customer with that number among your organization's customers/);
  }
  const foreignUser = userId(w.other.admin.upn);
  const res = await api.get(`${USERS}/${foreignUser}/licenses`);
  assert.equal(res.status, 404);
  assert.equal(res.json.description, `There is no such user in the directory of ${w.customer.name}.`);
  const mark = auditMark();
  assert.equal((await outsider.post(USERS, { userPrincipalName: `x@${w.customer.domain}`, displayName: 'X' })).status, 404);
  assert.equal((await outsider.delete(`${USERS}/${userId(w.customer.sales.upn)}`)).status, 404);
  assertNoAudit(mark);
});

test('POST users: 201 with the user and its temporary password once; a retry with the same key gets the user without it', async () => {
  const mark = auditMark();
  const body = { userPrincipalName: `Jane.Doe@${w.customer.domain.toUpperCase()}`, displayName: ' Jane Doe ', firstName: 'Jane', lastName: 'Doe', usageLocation: 'US' };
  const headers = { 'Idempotency-Key': `jane-${w.customer.tag}` };
  const res = await api.post(USERS, body, { headers });
  assert.equal(res.status, 201, res.text);
  const upn = `jane.doe@${w.customer.domain}`;
  const id = userId(upn);
  assert.deepEqual({ ...res.json, passwordProfile: undefined }, { id, userPrincipalName: upn, displayName: 'Jane Doe',
    directoryRole: 'user', state: 'active', mustChangePassword: true, passwordProfile: undefined });
  assert.equal(res.json.passwordProfile.forceChangePassword, true);
  assert.match(res.json.passwordProfile.password, /^\S{12,}$/);
  assert.equal(sql(`SELECT must_change_password FROM users WHERE id = ${id}`), '1');
  assertOneAudit(mark, { action: 'customer.user_added', userId: Number(userId(w.reseller.admin.upn)), orgId: Number(w.reseller.id),
    objectType: 'user', objectId: Number(id), partyOrgId: Number(w.customer.id), after: { upn, display_name: 'Jane Doe' } });
  const again = await api.post(USERS, body, { headers });
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.equal(again.json.id, id);
  assert.equal(again.json.passwordProfile, undefined, 'the password is answered once');
  assert.doesNotMatch(sql(`SELECT response FROM api_idempotency WHERE idempotency_key = '${headers['Idempotency-Key']}'`), /password/);
  // the temporary password signs in (and must be changed)
  const c = new Client();
  await c.get('/signin');
  const signin = await c.post('/signin', { upn, password: res.json.passwordProfile.password });
  assert.equal(signin.status, 303, 'the temporary password signs in');
});

test('POST users: the page\'s validation and words, the field named as the body names it, nothing written', async () => {
  const mark = auditMark();
  const count = sql(`SELECT COUNT(*) FROM users WHERE tenant_id = ${tenantOf(w.customer)}`);
  const cases = [
    [{ userPrincipalName: 'jo@example.com', displayName: 'Jo' }, 400, 'userPrincipalName', new RegExp(`must end with @${w.customer.domain.replace(/\./g, '\\.')}`)],
    [{ userPrincipalName: `-jo@${w.customer.domain}`, displayName: 'Jo' }, 400, 'userPrincipalName', /letters, digits/],
    [{ userPrincipalName: `jo@${w.customer.domain}`, displayName: '  ' }, 400, 'displayName', /name/i],
    [{ userPrincipalName: `max@${w.customer.domain}`, displayName: 'Max Again' }, 409, 'userPrincipalName', /taken|already/i],
    [{ userPrincipalName: `jo@${w.customer.domain}`, displayName: 'Jo', directoryRole: 'owner' }, 400, 'directoryRole', /"user" or "globalAdmin"/],
    [{ userPrincipalName: `jo@${w.customer.domain}`, displayName: 'Jo', password: 'mine' }, 400, 'password', /not a field of this request/],
    [{ displayName: 'Jo' }, 400, 'userPrincipalName', /missing; it is required/],
    [{ userPrincipalName: `jo@${w.customer.domain}`, displayName: 'J'.repeat(201) }, 400, 'displayName', /at most 200/],
  ];
  for (const [body, status, field, words] of cases) {
    const res = await api.post(USERS, body);
    assert.equal(res.status, status, JSON.stringify(body));
    assert.equal(res.json.field, field, JSON.stringify(body));
    assert.match(res.json.description, words);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE tenant_id = ${tenantOf(w.customer)}`), count);
  assertNoAudit(mark);
});

test('a global admin can be added (directoryRole), and the changes need the users scope and an admin agent (403 with the page\'s words)', async () => {
  let res = await api.post(USERS, { userPrincipalName: `boss@${w.customer.domain}`, displayName: 'Boss' , directoryRole: 'globalAdmin' });
  assert.equal(res.status, 201);
  assert.equal(res.json.directoryRole, 'globalAdmin');
  assert.equal(sql(`SELECT directory_role FROM users WHERE id = ${res.json.id}`), 'global_admin');
  const mark = auditMark();
  res = await helpdesk.post(USERS, { userPrincipalName: `hd@${w.customer.domain}`, displayName: 'Hd' });
  assert.equal(res.status, 403);
  assert.equal(res.json.description, 'Only admin agents of your account can do this. Ask one of them to give you the role.');
  assert.equal((await helpdesk.get(USERS)).status, 200, 'a helpdesk agent still reads them');
  res = await readOnly.post(USERS, { userPrincipalName: `ro@${w.customer.domain}`, displayName: 'Ro' });
  assert.equal(res.status, 403);
  assert.match(res.json.description, /does not have the users scope/);
  assertNoAudit(mark);
});

test('PATCH passwordProfile: a new temporary password once, the user signed out; a partner member or forceChangePassword false refused', async () => {
  const id = addDirectoryUser(w.customer, 'resetme');
  const hash = sql(`SELECT password_hash FROM users WHERE id = ${id}`);
  let mark = auditMark();
  let res = await api.patch(`${USERS}/${id}`, { passwordProfile: { forceChangePassword: true } }, { headers: { 'Idempotency-Key': `reset-${id}` } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.id, id);
  assert.equal(res.json.mustChangePassword, true);
  assert.equal(res.json.passwordProfile.forceChangePassword, true);
  assert.notEqual(sql(`SELECT password_hash FROM users WHERE id = ${id}`), hash);
  assertOneAudit(mark, { action: 'customer.user_password_reset', objectType: 'user', objectId: Number(id), partyOrgId: Number(w.customer.id),
    orgId: Number(w.reseller.id), after: { password: 'temporary' } });
  const again = await api.patch(`${USERS}/${id}`, { passwordProfile: { forceChangePassword: true } }, { headers: { 'Idempotency-Key': `reset-${id}` } });
  assert.equal(again.json.passwordProfile, undefined, 'the replay leaves the password out');
  mark = auditMark();
  res = await api.patch(`${USERS}/${id}`, { passwordProfile: { forceChangePassword: false } });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'passwordProfile.forceChangePassword');
  res = await api.patch(`${USERS}/${id}`, { displayName: 'New' });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'displayName');
  const member = addDirectoryUser(w.customer, 'member');
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at) VALUES (${w.outsider.id}, ${member}, 0, 0, 1, UTC_TIMESTAMP())`);
  res = await api.patch(`${USERS}/${member}`, { passwordProfile: { forceChangePassword: true } });
  assert.equal(res.status, 409);
  assert.match(res.json.description, /partner account/);
  assertNoAudit(mark);
});

test('DELETE a user: 204 and gone with one audit row; the customer\'s only global admin is refused with the page\'s words', async () => {
  const id = addDirectoryUser(w.customer, 'leaver');
  let mark = auditMark();
  let res = await api.delete(`${USERS}/${id}`);
  assert.equal(res.status, 204);
  assert.equal(res.text, '');
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${id}`), '0');
  assertOneAudit(mark, { action: 'customer.user_removed', objectType: 'user', objectId: Number(id), partyOrgId: Number(w.customer.id) });
  assert.equal((await api.delete(`${USERS}/${id}`)).status, 404, 'a second time: no such user');
  const boss = sql(`SELECT id FROM users WHERE upn = 'boss@${w.customer.domain}'`);
  assert.equal((await api.delete(`${USERS}/${boss}`)).status, 204, 'one of two global admins may go');
  mark = auditMark();
  res = await api.delete(`${USERS}/${userId(w.customer.admin.upn)}`);
  assert.equal(res.status, 409);
  assert.match(res.json.description, /global admin/i);
  assertNoAudit(mark);
});

test('licenseupdates: assign and remove as the page\'s license form does; a full subscription is 409 with its words; GET licenses lists them', async () => {
  const [a, b, c] = ['lic1', 'lic2', 'lic3'].map((n) => addDirectoryUser(w.customer, n));
  let mark = auditMark();
  let res = await api.post(`${USERS}/${a}/licenseupdates`, { licensesToAssign: [{ skuId: w.small }, { skuId: w.large }] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.items.map((l) => `${l.skuId}:${l.productSku.id}`).sort(), [`${w.large}:EM-ARCH`, `${w.small}:CP-STD`].sort());
  assert.equal(licensesOf(a), [w.small, w.large].sort((x, y) => x - y).join(','));
  assertOneAudit(mark, { action: 'customer.user_licenses', objectType: 'user', objectId: Number(a), partyOrgId: Number(w.customer.id) });
  const listed = await api.get(`${USERS}/${a}/licenses`);
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.items.map((l) => l.skuId).sort(), [w.small, w.large].sort());
  assert.ok(listed.json.items.every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(l.assignedDate) && l.productSku.name));
  res = await api.post(`${USERS}/${a}/licenseupdates`, { licensesToRemove: [w.large] });
  assert.equal(res.status, 200);
  assert.equal(licensesOf(a), w.small, 'the other license is kept');
  assert.equal((await api.post(`${USERS}/${b}/licenseupdates`, { licensesToAssign: [{ skuId: w.small }] })).status, 200);
  mark = auditMark();
  res = await api.post(`${USERS}/${c}/licenseupdates`, { licensesToAssign: [{ skuId: w.small }] });
  assert.equal(res.status, 409);
  assert.match(res.json.description, /^All 2 licenses of .+ are assigned\. Buy more licenses or remove one from another user first\.$/);
  assert.equal(licensesOf(c), '');
  res = await api.post(`${USERS}/${c}/licenseupdates`, { licensesToAssign: [{ skuId: w.large }, { skuId: w.foreignSub }] });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'licensesToAssign[1].skuId');
  assert.match(res.json.description, /not one of the customer's active subscriptions/);
  res = await api.post(`${USERS}/${c}/licenseupdates`, { licensesToAssign: [{ sku: w.large }] });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'licensesToAssign[0].sku');
  assert.equal(licensesOf(c), '');
  assertNoAudit(mark);
  res = await helpdesk.post(`${USERS}/${c}/licenseupdates`, { licensesToAssign: [{ skuId: w.large }] });
  assert.equal(res.status, 403);
  assert.equal((await helpdesk.get(`${USERS}/${a}/licenses`)).status, 200);
});
