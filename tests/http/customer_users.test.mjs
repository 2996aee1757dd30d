// customer_users.test.mjs: HTTP tests of a customer's users and licenses managed by a partner of record: who may
// see and change them, adding a user (temporary password shown once, changed at first sign-in), resetting a
// password, assigning licenses within a subscription's count, removing a user, and the refusals of each.
// Every test arranges fresh organizations, so the file is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, endRelationship, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);

// A subscription of the customer with LICENSES, sold by PROVIDER; its id.
const subscribe = (customer, provider, sku, licenses) => sql(`INSERT INTO subscriptions
  (customer_org_id, offer_id, licenses, provider_org_id, created_at, updated_at)
  VALUES (${customer.id}, ${offer(sku)}, ${licenses}, ${provider.id}, UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();`);

// A customer with a reseller and a provider of record, a subscription of 2 licenses and one of 10; an outsider
// reseller with no relationship; another customer of the same reseller.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Users Provider');
  const reseller = arrangeOrg('reseller', 'Users Reseller');
  const outsider = arrangeOrg('reseller', 'Users Outsider');
  const customer = arrangeOrg('customer', 'Users Customer');
  const otherCustomer = arrangeOrg('customer', 'Users Other Customer');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  relate(otherCustomer, reseller);
  const small = subscribe(customer, provider, 'CP-STD', 2);
  const large = subscribe(customer, provider, 'EM-ARCH', 10);
  return { provider, reseller, outsider, customer, otherCustomer, small, large };
}

const domainOf = (org) => org.admin.upn.split('@')[1];
const userId = (upn) => sql(`SELECT id FROM users WHERE upn = '${upn}'`);
const licensesOf = (upn) => sql(`SELECT COALESCE(GROUP_CONCAT(la.subscription_id ORDER BY la.subscription_id), '')
  FROM license_assignments la JOIN users u ON u.id = la.user_id WHERE u.upn = '${upn}'`);
const usersPage = (c, customer) => c.get(`/customers/users?customer=${customer.id}`);
const tempPassword = (res) => htmlDecode(res.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);

async function addUser(c, w, fields) {
  await usersPage(c, w.customer);
  return c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Jane Doe', user_name: 'jane', ...fields });
}

// A fresh client signed in as UPN with PASSWORD; the sign-in response.
async function signInRaw(upn, password) {
  const c = new Client();
  await c.get('/signin');
  return { c, res: await c.post('/signin', { upn, password }) };
}

test('a partner of record sees the customer\'s users, their roles and the licenses assigned per subscription', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  const page = await usersPage(c, w.customer);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Users and licenses<\/h1>/);
  assert.match(page.text, new RegExp(`${w.customer.admin.upn}</td>\\s*<td class="user-role">Global admin</td>`));
  assert.match(page.text, new RegExp(`${w.customer.sales.upn}</td>\\s*<td class="user-role">User</td>`));
  assert.match(page.text, new RegExp(`<tr id="licenses-${w.small}"><td>[^<]+</td><td class="assigned">0</td><td class="total">2</td>`));
  assert.match(page.text, /id="add-user"/, 'an admin agent can add users');
  const list = await c.get(`/customers?q=${encodeURIComponent(w.customer.name)}`);
  assert.match(list.text, new RegExp(`href="/customers/users\\?customer=${w.customer.id}" aria-label="Users and licenses of ${w.customer.name}">Users and licenses</a>`));
  const provider = await signedIn(w.provider.admin);
  assert.equal((await usersPage(provider, w.customer)).status, 200, 'the provider of record too');
});

test('the user list: 25 per page by name cursor with links that keep the search; search by word prefix of name or user name', async () => {
  const w = arrangeWorld();
  const tenant = `(SELECT tenant_id FROM organizations WHERE id = ${w.customer.id})`;
  const values = Array.from({ length: 30 }, (_, i) => `(${tenant}, 'staff${i}@${domainOf(w.customer)}', 'Staff ${String(i).padStart(2, '0')}', 'x', 'user')`);
  sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES ${values.join(', ')},
    (${tenant}, 'zoe@${domainOf(w.customer)}', 'Zoë Åström', 'x', 'user')`);
  const c = await signedIn(w.reseller.sales);
  const rowIds = (html) => [...html.matchAll(/<tr id="user-(\d+)">/g)].map((m) => m[1]);
  const expected = sql(`SELECT id FROM users WHERE tenant_id = ${tenant} ORDER BY display_name, id`).split('\n');
  const url = `/customers/users?customer=${w.customer.id}`;
  const pages = await assertPaged(c, url, rowIds, expected, { pageSize: 25, lastUrl: `${url}&last=1` });
  assert.equal(pages.length, 2);
  assert.match(pages[0].text, /id="user-count">Users: 34</);
  assert.match(pages[0].text, new RegExp(`<a rel="next" href="/customers/users\\?customer=${w.customer.id}&amp;q=&amp;after=`));
  // a search keeps its words in the pager links
  const staff = sql(`SELECT id FROM users WHERE tenant_id = ${tenant} AND display_name LIKE 'Staff %' ORDER BY display_name, id`).split('\n');
  const found = await assertPaged(c, `${url}&q=STAFF`, rowIds, staff, { pageSize: 25 });
  assert.match(found[0].text, new RegExp(`<a rel="next" href="/customers/users\\?customer=${w.customer.id}&amp;q=STAFF&amp;after=`));
  const one = await c.get(`${url}&q=${encodeURIComponent('staff 07')}`);
  assert.match(one.text, /id="user-count">Users: 1</);
  assert.match(one.text, /Staff 07/);
  const byUpn = await c.get(`${url}&q=${encodeURIComponent(w.customer.sales.upn.slice(0, 6))}`);
  assert.match(byUpn.text, /id="user-count">Users: 1</);
  for (const q of ['zoe', 'ASTR', 'zoë åström', 'astrom zo'])
    assert.match((await c.get(`${url}&q=${encodeURIComponent(q)}`)).text, /Zoë Åström/, q);
  assert.match((await c.get(`${url}&q=${encodeURIComponent('taff')}`)).text, /id="no-matches"/, 'a word prefix, not a substring');
  const literal = await c.get(`${url}&q=${encodeURIComponent('Staff%')}`);
  assert.match(literal.text, /id="no-matches"/);
  // a page walks the customer's users in name order along ix_users_tenant_name: no filesort
  const plan = sql(`EXPLAIN SELECT u.id FROM users u WHERE u.tenant_id = ${tenant}
    AND (0 OR u.display_name > 'M' OR (u.display_name = 'M' AND u.id > 0)) ORDER BY u.display_name, u.id LIMIT 26`);
  assert.match(plan, /ix_users_tenant_name/);
  assert.doesNotMatch(plan, /filesort/);
});

test('a sales agent sees the users read-only and cannot change them', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.sales);
  const page = await usersPage(c, w.customer);
  assert.equal(page.status, 200);
  assert.match(page.text, /id="read-only"/);
  assert.ok(!page.text.includes('id="add-user"'));
  const add = await c.post('/customers/users/add', { customer: w.customer.id, display_name: 'X', user_name: 'x' });
  assert.equal(add.status, 403);
  const reset = await c.post('/customers/users/reset-password', { customer: w.customer.id, user: userId(w.customer.sales.upn) });
  assert.equal(reset.status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE upn = 'x@${domainOf(w.customer)}'`), '0');
});

test('no relationship, an ended one, or another customer\'s user: refused, nothing changed', async () => {
  const w = arrangeWorld();
  const outsider = await signedIn(w.outsider.admin);
  const seen = await usersPage(outsider, w.customer);
  assert.equal(seen.status, 404);
  assert.match(seen.text, /There is no customer with that number among your organization&#39;s customers/);
  const add = await outsider.post('/customers/users/add', { customer: w.customer.id, display_name: 'Eve', user_name: 'eve' });
  assert.equal(add.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE upn = 'eve@${domainOf(w.customer)}'`), '0');
  assert.equal((await outsider.get('/customers/users?customer=999999999')).status, 404);

  const c = await signedIn(w.reseller.admin);
  await usersPage(c, w.customer);
  // a user of another customer, named through this customer's form
  const foreign = await c.post('/customers/users/reset-password', { customer: w.customer.id, user: userId(w.otherCustomer.sales.upn) });
  assert.equal(foreign.status, 404);
  const foreignRemove = await c.post('/customers/users/remove', { customer: w.customer.id, user: userId(w.otherCustomer.sales.upn) });
  assert.equal(foreignRemove.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE upn = '${w.otherCustomer.sales.upn}'`), '1');

  endRelationship(w.customer, w.reseller);
  assert.equal((await usersPage(c, w.customer)).status, 404, 'access ends with the relationship');
  const after = await c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Late', user_name: 'late' });
  assert.equal(after.status, 404);
});

test('adding a user: bad input gets the form back with messages and writes nothing', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  const before = sql(`SELECT COUNT(*) FROM users WHERE tenant_id = (SELECT tenant_id FROM organizations WHERE id = ${w.customer.id})`);
  const bad = await addUser(c, w, { display_name: '  ', user_name: '.jane..doe' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="display_name-error">Display name is required/);
  assert.match(bad.text, /id="user_name-error">Enter a user name of up to 64 lowercase letters/);
  assert.match(bad.text, /value="\.jane\.\.doe"/, 'the input is kept');
  const taken = await addUser(c, w, { user_name: w.customer.sales.upn.split('@')[0] });
  assert.equal(taken.status, 409);
  assert.match(taken.text, /id="user_name-error">The user name max@[^ ]+ is already taken/);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE tenant_id = (SELECT tenant_id FROM organizations WHERE id = ${w.customer.id})`), before);
  const noToken = await c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Jane', user_name: 'jane', csrf_token: '' });
  assert.equal(noToken.status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE upn = 'jane@${domainOf(w.customer)}'`), '0');
});

test('an added user gets a temporary password shown once, holds the chosen licenses, and must change it at first sign-in', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  const added = await addUser(c, w, { display_name: 'Jane <Doe>', user_name: 'Jane.Doe', [`license_${w.large}`]: '1' });
  assert.equal(added.status, 200);
  assert.match(added.text, /<h1>User added<\/h1>/);
  assert.match(added.text, /Jane &lt;Doe&gt; has been added/);
  const upn = `jane.doe@${domainOf(w.customer)}`;
  assert.match(added.text, new RegExp(`id="setup-user">${upn}<`));
  const password = tempPassword(added);
  assert.match(password, /^.{16}$/);
  const [role, mustChange, hash] = sql(`SELECT directory_role, must_change_password, password_hash FROM users WHERE upn = '${upn}'`).split('\t');
  assert.deepEqual([role, mustChange], ['user', '1']);
  assert.match(hash, /^\$argon2id\$/);
  assert.ok(!hash.includes(password));
  assert.equal(licensesOf(upn), String(w.large));
  const page = await usersPage(c, w.customer);
  assert.ok(!page.text.includes(password), 'the list never shows the password');
  assert.match(page.text, /Must change the temporary password/);

  const { c: jane, res } = await signInRaw(upn, password);
  assert.equal(res.status, 303);
  const home = await jane.get('/home');
  assert.equal(home.location, '/account/password');
  assert.equal(sql(`SELECT action FROM audit_log WHERE action = 'customer.user_added' AND detail LIKE '%${upn}%'`), 'customer.user_added');
});

test('licenses: assigned within the subscription\'s count; the one too many is refused with nothing changed', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  const ada = userId(w.customer.admin.upn), max = userId(w.customer.sales.upn), hal = userId(w.customer.helpdesk.upn);
  for (const u of [ada, max]) {
    const form = await c.get(`/customers/users/licenses?customer=${w.customer.id}&user=${u}`);
    assert.equal(form.status, 200);
    const saved = await c.post('/customers/users/licenses', { customer: w.customer.id, user: u, [`license_${w.small}`]: '1' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `/customers/users?customer=${w.customer.id}&licenses=${u}`);
  }
  const form = await c.get(`/customers/users/licenses?customer=${w.customer.id}&user=${hal}`);
  assert.match(form.text, new RegExp(`name="license_${w.small}" id="license_${w.small}" value="1" disabled>`), 'a full subscription cannot be ticked');
  const refused = await c.post('/customers/users/licenses', { customer: w.customer.id, user: hal,
    [`license_${w.small}`]: '1', [`license_${w.large}`]: '1' });
  assert.equal(refused.status, 409);
  assert.match(refused.text, /All 2 licenses of Cloud Productivity Standard are assigned/);
  assert.equal(licensesOf(w.customer.helpdesk.upn), '', 'nothing half written: not even the free license');

  const dropped = await c.post('/customers/users/licenses', { customer: w.customer.id, user: max });
  assert.equal(dropped.status, 303);
  assert.equal(licensesOf(w.customer.sales.upn), '');
  const now = await c.post('/customers/users/licenses', { customer: w.customer.id, user: hal, [`license_${w.small}`]: '1' });
  assert.equal(now.status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM license_assignments WHERE subscription_id = ${w.small}`), '2');
  const own = await signedIn(w.customer.admin);
  const mine = await own.get('/my/subscriptions');
  assert.match(mine.text, new RegExp(`id="subscription-${w.small}">[\\s\\S]*?class="sub-licenses">2</td>\\s*<td class="sub-assigned">2</td>\\s*<td class="sub-status">Active</td>`),
    'the customer sees how many licenses are assigned');
});

test('a subscription cannot go below the licenses assigned to users', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  for (const upn of [w.customer.admin.upn, w.customer.sales.upn, w.customer.helpdesk.upn])
    await c.post('/customers/users/licenses', { customer: w.customer.id, user: userId(upn), [`license_${w.large}`]: '1' });
  const provider = await signedIn(w.provider.admin);
  const view = await provider.get(`/subscriptions/view?id=${w.large}`);
  assert.match(view.text, /id="sub-assigned">3 /);
  const order_key = view.text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];
  const refused = await provider.post('/subscriptions/licenses', { subscription_id: w.large, licenses: '2', order_key });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /3 licenses are assigned to the customer&#39;s users/);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${w.large}`), '10');
  const ok = await provider.post('/subscriptions/licenses', { subscription_id: w.large, licenses: '3', order_key });
  assert.equal(ok.status, 303);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${w.large}`), '3');
});

test('resetting a password signs the user out everywhere and only the new temporary password opens the account', async () => {
  const w = arrangeWorld();
  const max = await signedIn(w.customer.sales);
  assert.equal((await max.get('/home')).status, 200);
  const c = await signedIn(w.reseller.admin);
  await usersPage(c, w.customer);
  const reset = await c.post('/customers/users/reset-password', { customer: w.customer.id, user: userId(w.customer.sales.upn) });
  assert.equal(reset.status, 200);
  assert.match(reset.text, /<h1>Password reset<\/h1>/);
  const password = tempPassword(reset);
  const gone = await max.get('/home');
  assert.equal(gone.status, 303, 'the open session ended');
  assert.match(gone.location, /^\/signin/);
  assert.equal((await signInRaw(w.customer.sales.upn, w.customer.sales.password)).res.status, 401, 'the old password is refused');
  const { c: again, res } = await signInRaw(w.customer.sales.upn, password);
  assert.equal(res.status, 303);
  assert.equal((await again.get('/home')).location, '/account/password');
});

test('a user who also works in a partner account keeps their password and their place', async () => {
  const w = arrangeWorld();
  const max = userId(w.customer.sales.upn);
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    VALUES (${w.outsider.id}, ${max}, 1, 0, 0, UTC_TIMESTAMP())`);
  const hash = sql(`SELECT password_hash FROM users WHERE id = ${max}`);
  const c = await signedIn(w.reseller.admin);
  await usersPage(c, w.customer);
  const reset = await c.post('/customers/users/reset-password', { customer: w.customer.id, user: max });
  assert.equal(reset.status, 409);
  assert.match(reset.text, /also works in a partner account/);
  assert.equal(sql(`SELECT password_hash FROM users WHERE id = ${max}`), hash);
  const removed = await c.post('/customers/users/remove', { customer: w.customer.id, user: max });
  assert.equal(removed.status, 409);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${max}`), '1');
});

test('removing a user: confirmation, never the last global admin, signed out at once, licenses freed', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.reseller.admin);
  const ada = userId(w.customer.admin.upn), max = userId(w.customer.sales.upn);
  const confirm = await c.get(`/customers/users/remove?customer=${w.customer.id}&user=${ada}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, /id="remove-user"/);
  const last = await c.post('/customers/users/remove', { customer: w.customer.id, user: ada });
  assert.equal(last.status, 409);
  assert.match(last.text, /only global admin/);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${ada}`), '1');

  await c.post('/customers/users/licenses', { customer: w.customer.id, user: max, [`license_${w.small}`]: '1' });
  const maxSession = await signedIn(w.customer.sales);
  await c.get(`/customers/users/remove?customer=${w.customer.id}&user=${max}`);
  const removed = await c.post('/customers/users/remove', { customer: w.customer.id, user: max });
  assert.equal(removed.status, 303);
  assert.equal(removed.location, `/customers/users?customer=${w.customer.id}&removed=1`);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${max}`), '0');
  assert.equal(sql(`SELECT COUNT(*) FROM license_assignments WHERE subscription_id = ${w.small}`), '0');
  assert.equal((await maxSession.get('/home')).status, 303, 'their open session ended at once');
  assert.equal((await signInRaw(w.customer.sales.upn, w.customer.sales.password)).res.status, 401, 'they cannot sign in');
  const page = await c.get(removed.location);
  assert.match(page.text, /id="removed-notice"/);
  assert.ok(!page.text.includes(w.customer.sales.upn));
  const twice = await c.post('/customers/users/remove', { customer: w.customer.id, user: max });
  assert.equal(twice.status, 404);
});
