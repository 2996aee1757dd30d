// activity_parties.test.mjs: each party's activity log shows exactly its rows. A partner's admin agents see
// every change made by or to their organization and the customers it serves (/account/activity), a customer's
// global administrators every change to their tenant (/my/activity), each with its CSV export; a foreign
// organization sees none of those rows, a customer nothing of another customer; the pages go by key past a
// page of rows, keep their filters, and are refused to the roles that may not read them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, sql } from '../lib/client.mjs';
import { HASH, arrangeChain, arrangeOrg, arrangeSubscription, freshTag, relate, signedIn } from '../lib/arrange.mjs';
import { auditMark, auditSince } from '../lib/audit.mjs';

const ids = (html) => [...html.matchAll(/<tr id="activity-(\d+)">/g)].map((m) => Number(m[1]));
const csvRows = (text) => text.trimEnd().split('\r\n').slice(1).map((l) => l.slice(1, -1).split('","'));
const userId = (who) => sql(`SELECT id FROM users WHERE upn = '${who.upn}'`);
const tokenOf = (text) => text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];

// The ids CLIENT's activity log (PATH: /account/activity or /my/activity) shows on its first page and in its CSV.
async function seenBy(client, path, query = '') {
  const page = await client.get(`${path}?${query}`);
  assert.equal(page.status, 200, `${path}: ${page.text.slice(0, 300)}`);
  const csv = await client.get(`${path}.csv?${query}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  return { page, listed: ids(page.text), exported: csvRows(csv.text).map((f) => Number(f[0])), csv: csvRows(csv.text) };
}

const assertSees = (seen, rows, who) => {
  for (const r of rows) {
    assert.ok(seen.listed.includes(r.id), `${who} lists ${r.action} (row ${r.id})`);
    assert.ok(seen.exported.includes(r.id), `${who} exports ${r.action} (row ${r.id})`);
  }
};
const assertBlind = (seen, rows, who) => {
  for (const r of rows) {
    assert.ok(!seen.listed.includes(r.id), `${who} must not list ${r.action} (row ${r.id})`);
    assert.ok(!seen.exported.includes(r.id), `${who} must not export ${r.action} (row ${r.id})`);
  }
};

// A directory user of ORG's tenant who is no user of its partner account yet.
const newDirectoryUser = (org) => {
  const upn = `new${freshTag()}@${org.domain}`;
  sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash) SELECT tenant_id, '${upn}', 'New Hire', '${HASH}'
    FROM organizations WHERE id = ${org.id}`);
  return { upn };
};

test('a partner\'s own change (User management) is seen by its admin agents, not by its reseller, its customer nor a foreign organization', async () => {
  const w = arrangeChain('Activity Own');
  const foreign = arrangeOrg('provider', 'Activity Foreign');
  const ada = await signedIn(w.provider.admin);
  const hire = newDirectoryUser(w.provider);
  await ada.get('/account/users');
  const mark = auditMark();
  assert.equal((await ada.post('/account/users/add', { user_id: userId(hire), sales_agent: '1' })).status, 303);
  assert.equal((await ada.post('/account/users/roles', { user_id: userId(hire), helpdesk_agent: '1' })).status, 303);
  const rows = auditSince(mark);
  assert.deepEqual(rows.map((r) => r.action), ['partner_user.added', 'partner_user.roles']);

  const mine = await seenBy(ada, '/account/activity');
  assert.deepEqual(mine.listed.slice(0, 2), [rows[1].id, rows[0].id], 'newest first');
  assert.match(mine.page.text, /<a href="\/account\/activity"( aria-current="page")?>Activity log<\/a>/, 'linked in the header');
  assert.match(mine.page.text, /<h1>Activity log<\/h1>/);
  const row = mine.page.text.match(new RegExp(`<tr id="activity-${rows[1].id}">[\\s\\S]*?</tr>`))[0];
  assert.match(row, new RegExp(`${w.provider.admin.upn}<br><span class="hint">${w.provider.name}</span>`));
  assert.match(row, /partner_user\.roles/);
  assert.match(row, /<li>roles: <del>Sales agent<\/del> &rarr; <ins>Helpdesk agent<\/ins><\/li>/);
  assert.match(row, /<td>127\.0\.0\.1<\/td><\/tr>$/, 'its own client address');

  assertBlind(await seenBy(await signedIn(w.reseller.admin), '/account/activity'), rows, 'its reseller');
  assertBlind(await seenBy(await signedIn(w.customer.admin), '/my/activity'), rows, 'its customer');
  const stranger = await seenBy(await signedIn(foreign.admin), '/account/activity');
  assertBlind(stranger, rows, 'a foreign provider');
  assert.ok(!stranger.page.text.includes(w.provider.name) && !stranger.csv.some((f) => f.includes(w.provider.name)));
});

// Needs the orders and customer-user changes to write their audit rows with domain_audit (organization, party,
// on whose behalf): passes once those modules are merged (issue 12, items 1 and 2).
test('a license change by the provider and a user added by the reseller for their customer: both partners and the customer admin see them; a foreign organization and another customer do not', async () => {
  const w = arrangeChain('Activity Shared');
  const foreign = arrangeOrg('reseller', 'Activity Shared Foreign');
  const otherCustomer = arrangeOrg('customer', 'Activity Other Customer');
  relate(otherCustomer, w.provider, w.reseller);
  const sub = arrangeSubscription(w.customer, w.provider, { reseller: w.reseller, licenses: 10 });
  const mark = auditMark();
  const dana = await signedIn(w.provider.admin);
  const view = await dana.get(`/subscriptions/view?id=${sub}`);
  const res = await dana.post('/subscriptions/licenses', { subscription_id: sub, licenses: '12', order_key: tokenOf(view.text) });
  assert.equal(res.status, 303, res.text.slice(0, 500));
  const sam = await signedIn(w.reseller.admin);
  await sam.get(`/customers/users?customer=${w.customer.id}`);
  const add = await sam.post('/customers/users/add', { customer: w.customer.id, display_name: 'Jane Doe', user_name: 'jane' });
  assert.equal(add.status, 200, add.text.slice(0, 500));
  const rows = auditSince(mark).filter((r) => r.action !== 'signin');
  assert.ok(rows.length >= 2, `the two changes wrote their rows: ${rows.map((r) => r.action)}`);

  const provider = await seenBy(dana, '/account/activity');
  const reseller = await seenBy(sam, '/account/activity');
  assertSees(provider, rows, 'the provider');
  assertSees(reseller, rows, 'the reseller');
  assertSees(await seenBy(await signedIn(w.customer.admin), '/my/activity'), rows, 'the customer admin');
  assertBlind(await seenBy(await signedIn(foreign.admin), '/account/activity'), rows, 'a foreign reseller');
  assertBlind(await seenBy(await signedIn(otherCustomer.admin), '/my/activity'), rows, 'another customer of both');
  // each sees the other's user and organization, but only its own people's client address
  const license = rows.find((r) => r.orgId === Number(w.provider.id));
  const atReseller = reseller.csv.find((f) => Number(f[0]) === license.id);
  assert.equal(atReseller[2], w.provider.admin.upn);
  assert.equal(atReseller[3], w.provider.name);
  assert.equal(atReseller.at(-1), '', "the provider's client address is not the reseller's to see");
  assert.equal(provider.csv.find((f) => Number(f[0]) === license.id).at(-1), '127.0.0.1');
});

// Needs the relationship and partnership changes to write their audit rows with domain_audit, naming the
// customer_relationships / partnerships row as their object: passes once those modules are merged.
test('a customer ending a relationship and a provider ending a partnership: both sides see each; a foreign organization neither', async () => {
  const w = arrangeChain('Activity Ends');
  const other = arrangeOrg('reseller', 'Activity Ends Other');
  const foreign = arrangeOrg('provider', 'Activity Ends Foreign');
  relate(w.customer, other);
  const nora = await signedIn(w.customer.admin);
  const dana = await signedIn(w.provider.admin);
  let mark = auditMark();
  await nora.get(`/my/partners/end?id=${w.reseller.id}`);
  assert.equal((await nora.post('/my/partners/end', { id: w.reseller.id })).status, 303);
  const ended = auditSince(mark);
  mark = auditMark();
  await dana.get(`/resellers/end?id=${w.reseller.id}`);
  assert.equal((await dana.post('/resellers/end', { id: w.reseller.id })).status, 303);
  const unpartnered = auditSince(mark);
  assert.deepEqual([...ended, ...unpartnered].map((r) => r.action), ['customer.relationship_ended', 'partnership.ended']);

  const sam = await signedIn(w.reseller.admin);
  assertSees(await seenBy(nora, '/my/activity'), ended, 'the customer');
  assertSees(await seenBy(sam, '/account/activity'), [...ended, ...unpartnered], 'the reseller, no longer of record');
  assertSees(await seenBy(dana, '/account/activity'), [...ended, ...unpartnered], 'the provider');
  assertSees(await seenBy(await signedIn(other.admin), '/account/activity'), ended, "the customer's other partner");
  assertBlind(await seenBy(await signedIn(other.admin), '/account/activity'), unpartnered, "a partnership that is not the other reseller's");
  assertBlind(await seenBy(nora, '/my/activity'), unpartnered, 'the customer, of its partners\' partnership');
  assertBlind(await seenBy(await signedIn(foreign.admin), '/account/activity'), [...ended, ...unpartnered], 'a foreign provider');
});

// The rows a writer would give CUSTOMER (its own tenant's changes), arranged straight into the log: their ids.
const arrangeCustomerRows = (customer, action, n) => sql(`
  INSERT INTO audit_log (at, org_id, party_org_id, action, object_type, object_id, detail, client_ip)
  SELECT UTC_TIMESTAMP(), ${customer.id}, ${customer.id}, '${action}', 'user', seq, CONCAT('change ', seq), '192.0.2.9'
  FROM seq_1_to_${n};
  INSERT INTO audit_visibility (org_id, audit_id) SELECT ${customer.id}, id FROM audit_log WHERE action = '${action}';
  SELECT id FROM audit_log WHERE action = '${action}' ORDER BY id`).split('\n').map(Number);

test('a customer admin sees its own tenant\'s rows and nothing of another customer\'s; its plain users are refused', async () => {
  const a = arrangeOrg('customer', 'Activity Customer A'), b = arrangeOrg('customer', 'Activity Customer B');
  const action = `test.activity_${freshTag()}`;
  const ofA = arrangeCustomerRows(a, action, 2), ofB = arrangeCustomerRows(b, `${action}_b`, 2);
  const nora = await signedIn(a.admin);
  const seen = await seenBy(nora, '/my/activity', `action=${action}`);
  assert.deepEqual(seen.listed, [...ofA].reverse());
  assert.deepEqual(seen.exported, [...ofA].reverse());
  assert.match(seen.page.text, /<a href="\/my\/activity"( aria-current="page")?>Activity log<\/a>/, 'linked in its navigation');
  assert.match(seen.page.text, /<td>192\.0\.2\.9<\/td>/, 'its own client address');
  const all = await seenBy(nora, '/my/activity');
  assert.ok(ofB.every((id) => !all.listed.includes(id) && !all.exported.includes(id)), "another customer's rows");
  assert.deepEqual((await seenBy(nora, '/my/activity', `action=${action}_b`)).listed, []);

  const plain = await signedIn(a.sales);
  for (const path of ['/my/activity', '/my/activity.csv']) {
    const res = await plain.get(path);
    assert.equal(res.status, 403, path);
    assert.match(res.text, /Only a global administrator of your organization can see its activity log/);
  }
  assert.doesNotMatch((await plain.get('/my/partners')).text, /href="\/my\/activity"/);
});

test('the partner page goes by key across more rows than a page, keeps its filter and exports what it shows', async () => {
  const w = arrangeChain('Activity Paging');
  const ada = await signedIn(w.provider.admin);
  const hal = userId(w.provider.helpdesk);
  await ada.get('/account/users');
  const mark = auditMark();
  for (let i = 0; i < 56; i++) {
    const res = await ada.post('/account/users/roles', { user_id: hal, ...(i % 2 ? { helpdesk_agent: '1' } : { sales_agent: '1' }) });
    assert.equal(res.status, 303);
  }
  const rows = auditSince(mark).map((r) => r.id).reverse();
  assert.equal(rows.length, 56);
  const filter = `action=partner_user.roles&user=${encodeURIComponent(w.provider.admin.upn)}`;
  const first = await ada.get(`/account/activity?${filter}`);
  assert.deepEqual(ids(first.text), rows.slice(0, 50));
  const next = first.text.match(/<a rel="next" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, /^\/account\/activity\?user=[^&]+&action=partner_user\.roles&after=[^&]+$/, 'the filter is kept');
  const second = await ada.get(next);
  assert.deepEqual(ids(second.text), rows.slice(50));
  const prev = second.text.match(/<a rel="prev" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.deepEqual(ids((await ada.get(prev)).text), rows.slice(0, 50), 'back to the newest page');
  assert.deepEqual(ids((await ada.get(`/account/activity?${filter}&last=1`)).text), rows.slice(6), 'the oldest page');

  const today = sql('SELECT UTC_DATE()');
  assert.deepEqual((await seenBy(ada, '/account/activity', `${filter}&from=${today}&to=${today}`)).exported, rows);
  assert.deepEqual((await seenBy(ada, '/account/activity', `${filter}&to=2001-01-01`)).listed, []);
  const bad = await ada.get('/account/activity?from=2026-02-30x');
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="form-error">Dates must be written YYYY-MM-DD/);
  // the vendor admin's organization filters are not the partner's: an org= names no other organization's rows
  assert.doesNotMatch((await ada.get('/account/activity?org=1')).text, /name="org"/);
});

test('only admin agents of a partner account read its activity log; the link is theirs alone', async () => {
  const w = arrangeChain('Activity Roles');
  for (const who of [w.provider.sales, w.reseller.helpdesk]) {
    const c = await signedIn(who);
    for (const path of ['/account/activity', '/account/activity.csv']) {
      const res = await c.get(path);
      assert.equal(res.status, 403, `${who.upn} ${path}`);
      assert.match(res.text, /Only admin agents of your account can do this/);
    }
    assert.doesNotMatch((await c.get('/home')).text, /href="\/account\/activity"/);
  }
  const vendor = await signedIn(DEMO.vendor);
  assert.equal((await vendor.get('/account/activity')).status, 403);
  assert.equal((await vendor.get('/my/activity')).status, 403);
});
