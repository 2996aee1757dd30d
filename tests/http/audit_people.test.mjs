// audit_people.test.mjs: the audit rows of Add new customer, a customer's users and licenses (add, reset a
// password, licenses, remove), the password change, sign-out and Switch account: each change writes exactly one
// row naming the actor, the object, the organization it is made to and the values before and after (never a
// password or its hash), and a refused change writes none and changes nothing. Fresh organizations each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlDecode, sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, arrangeSubscription, freshTag, partner, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark, auditSince } from '../lib/audit.mjs';

const STRONG = 'Quokka-harbour-73-tandem';
const userId = (upn) => Number(sql(`SELECT id FROM users WHERE upn = '${upn}'`));
const offerId = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const offerName = (sku) => sql(`SELECT name FROM offers WHERE sku = '${sku}'`);
const tempPassword = (res) => htmlDecode(res.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);
const licensesOf = (user) => sql(`SELECT COALESCE(GROUP_CONCAT(subscription_id ORDER BY subscription_id), '')
  FROM license_assignments WHERE user_id = ${user}`);

// No secret in any audit row after MARK: neither SECRET nor an argon2 hash.
function assertNoSecret(mark, secret) {
  for (const row of auditSince(mark)) {
    const text = JSON.stringify(row);
    assert.ok(!text.includes(secret), `${row.action} holds no password`);
    assert.doesNotMatch(text, /\$argon2/, `${row.action} holds no password hash`);
  }
}

// A chain (provider, reseller, customer) with a subscription of 2 licenses, and the reseller's admin agent
// signed in on the customer's users page (which gives the client its CSRF token).
async function arrangeUsers(label) {
  const w = arrangeChain(label);
  w.sub = arrangeSubscription(w.customer, w.provider, { licenses: 2 });
  w.c = await signedIn(w.reseller.admin);
  assert.equal((await w.c.get(`/customers/users?customer=${w.customer.id}`)).status, 200);
  w.actor = userId(w.reseller.admin.upn);
  return w;
}

// The one audit row of ACTION by the reseller's admin agent about the customer's user USER, with VALUES.
const assertUserAudit = (mark, w, action, user, values) => assertOneAudit(mark, { action, userId: w.actor,
  orgId: Number(w.reseller.id), partyOrgId: Number(w.customer.id), objectType: 'user', objectId: user, ...values });

// ---- Add new customer ----

const hiddenFields = (html) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
  .map((m) => [htmlDecode(m[1]), htmlDecode(m[2])]));

// The provider's client at the review step of a new customer for RESELLER with domain PREFIX; the review page.
async function reviewOf(c, reseller, prefix) {
  const post = (page, fields) => c.post('/customers/new', { ...hiddenFields(page.text), ...fields, action: 'next' });
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  const subs = await post(form, { company_name: 'Audit Traders', domain_prefix: prefix, address_line1: '1 Main Street',
    city: 'Seattle', postal_code: '98101', country: 'US', contact_name: 'Casey Customer',
    contact_email: 'casey@example.com', contact_phone: '+1 206 555 0100', reseller: reseller.id });
  assert.equal(subs.status, 200);
  const review = await post(subs, { [`licenses_${offerId('CP-STD')}`]: '4' });
  assert.equal(review.status, 200);
  return review;
}
const submit = (c, review) => c.post('/customers/new', { ...hiddenFields(review.text), action: 'submit' });

test('Add new customer: one customer.created row for the new customer, on behalf of its reseller, with its facts', async () => {
  const provider = arrangeOrg('provider', 'Audit New Provider'), reseller = arrangeOrg('reseller', 'Audit New Reseller');
  partner(provider, reseller);
  const c = await signedIn(provider.admin);
  const prefix = `an${freshTag()}`.slice(0, 27);
  const review = await reviewOf(c, reseller, prefix);
  const mark = auditMark();
  const done = await submit(c, review);
  assert.equal(done.status, 200);
  const password = tempPassword(done);
  const domain = `${prefix}.onmicrosoft.com`;
  const customer = Number(sql(`SELECT o.id FROM organizations o JOIN tenants t ON t.id = o.tenant_id WHERE t.domain = '${domain}'`));
  const order = sql(`SELECT id FROM orders WHERE customer_org_id = ${customer}`);
  assertOneAudit(mark, { action: 'customer.created', userId: userId(provider.admin.upn), orgId: Number(provider.id),
    onBehalfOrgId: Number(reseller.id), partyOrgId: customer, objectType: 'organization', objectId: customer,
    after: { name: 'Audit Traders', domain, country: 'US', reseller: reseller.name, admin: `admin@${domain}`, order } });
  assertNoSecret(mark, password);
});

test('Add new customer refused (its domain taken meanwhile): the details come back, no row, nothing created', async () => {
  const provider = arrangeOrg('provider', 'Audit Taken Provider'), reseller = arrangeOrg('reseller', 'Audit Taken Reseller');
  partner(provider, reseller);
  const c = await signedIn(provider.admin);
  const prefix = `at${freshTag()}`.slice(0, 27);
  const review = await reviewOf(c, reseller, prefix);
  sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${prefix}.onmicrosoft.com', 'Someone Else', 'US')`);
  const orders = sql(`SELECT COUNT(*) FROM orders WHERE placed_by_org = ${provider.id}`);
  const mark = auditMark();
  const refused = await submit(c, review);
  assert.equal(refused.status, 400);
  assert.match(refused.text, /is already taken/);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT COUNT(*) FROM orders WHERE placed_by_org = ${provider.id}`), orders, 'no order');
  assert.equal(sql(`SELECT COUNT(*) FROM customer_relationships WHERE partner_org_id = ${reseller.id}`), '0', 'no customer');
});

// ---- a customer's users ----

test('adding a customer\'s user: one customer.user_added row for the new user of the customer, with its name, role and licenses', async () => {
  const w = await arrangeUsers('Audit Add');
  const mark = auditMark();
  const added = await w.c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Jane Doe',
    user_name: 'jane', global_admin: '1', [`license_${w.sub}`]: '1' });
  assert.equal(added.status, 200);
  const upn = `jane@${w.customer.domain}`;
  assertUserAudit(mark, w, 'customer.user_added', userId(upn), {
    after: { upn, display_name: 'Jane Doe', directory_role: 'global_admin', licenses: offerName('CP-STD') } });
  assertNoSecret(mark, tempPassword(added));
});

test('adding a customer\'s user refused (a taken name, someone else\'s customer): no row, no user', async () => {
  const w = await arrangeUsers('Audit Add Refused');
  const users = () => sql(`SELECT COUNT(*) FROM users u JOIN organizations o ON o.tenant_id = u.tenant_id WHERE o.id = ${w.customer.id}`);
  const before = users();
  let mark = auditMark();
  const taken = await w.c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Max Again', user_name: 'max' });
  assert.equal(taken.status, 409);
  assertNoAudit(mark);
  const outsider = await signedIn(arrangeOrg('reseller', 'Audit Outsider').admin);
  await outsider.get('/home');
  mark = auditMark();
  const foreign = await outsider.post('/customers/users/add', { customer: w.customer.id, display_name: 'Eve', user_name: 'eve' });
  assert.equal(foreign.status, 404);
  assertNoAudit(mark);
  assert.equal(users(), before);
});

test('resetting a customer\'s user\'s password: one customer.user_password_reset row, chosen to temporary', async () => {
  const w = await arrangeUsers('Audit Reset');
  const max = userId(w.customer.sales.upn);
  const mark = auditMark();
  const reset = await w.c.post('/customers/users/reset-password', { customer: w.customer.id, user: max });
  assert.equal(reset.status, 200);
  assertUserAudit(mark, w, 'customer.user_password_reset', max, {
    before: { password: 'chosen' }, after: { password: 'temporary' } });
  assertNoSecret(mark, tempPassword(reset));
});

test('resetting the password of a user who works in a partner account is refused: no row, the password kept', async () => {
  const w = await arrangeUsers('Audit Reset Refused');
  const max = userId(w.customer.sales.upn);
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    VALUES (${w.reseller.id}, ${max}, 0, 1, 0, UTC_TIMESTAMP())`);
  const hash = sql(`SELECT password_hash FROM users WHERE id = ${max}`);
  const mark = auditMark();
  const refused = await w.c.post('/customers/users/reset-password', { customer: w.customer.id, user: max });
  assert.equal(refused.status, 409);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT password_hash FROM users WHERE id = ${max}`), hash);
});

test('a customer\'s user\'s licenses: one customer.user_licenses row with the offers held before and after', async () => {
  const w = await arrangeUsers('Audit Licenses');
  const max = userId(w.customer.sales.upn);
  const mark = auditMark();
  const saved = await w.c.post('/customers/users/licenses', { customer: w.customer.id, user: max, [`license_${w.sub}`]: '1' });
  assert.equal(saved.status, 303);
  assertUserAudit(mark, w, 'customer.user_licenses', max, {
    before: { licenses: 'none' }, after: { licenses: offerName('CP-STD') } });
});

test('a license beyond the subscription\'s count is refused: no row, no assignment', async () => {
  const w = await arrangeUsers('Audit Licenses Refused');
  for (const who of [w.customer.admin, w.customer.sales])
    assert.equal((await w.c.post('/customers/users/licenses', { customer: w.customer.id, user: userId(who.upn),
      [`license_${w.sub}`]: '1' })).status, 303);
  const hal = userId(w.customer.helpdesk.upn);
  const mark = auditMark();
  const refused = await w.c.post('/customers/users/licenses', { customer: w.customer.id, user: hal, [`license_${w.sub}`]: '1' });
  assert.equal(refused.status, 409);
  assertNoAudit(mark);
  assert.equal(licensesOf(hal), '');
});

test('removing a customer\'s user: one customer.user_removed row with who they were', async () => {
  const w = await arrangeUsers('Audit Remove');
  const max = userId(w.customer.sales.upn);
  const mark = auditMark();
  const removed = await w.c.post('/customers/users/remove', { customer: w.customer.id, user: max });
  assert.equal(removed.status, 303);
  assertUserAudit(mark, w, 'customer.user_removed', max, {
    before: { upn: w.customer.sales.upn, directory_role: 'user' } });
});

test('removing the customer\'s only global admin is refused: no row, still there', async () => {
  const w = await arrangeUsers('Audit Remove Refused');
  const ada = userId(w.customer.admin.upn);
  const mark = auditMark();
  assert.equal((await w.c.post('/customers/users/remove', { customer: w.customer.id, user: ada })).status, 409);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${ada}`), '1');
});

// ---- the signed-in user's own changes ----

test('changing one\'s password: one password.changed row about the user, with the other sessions ended', async () => {
  const org = arrangeOrg('reseller', 'Audit Password');
  const other = await signedIn(org.admin);
  const c = await signedIn(org.admin);
  await c.get('/account/password');
  const mark = auditMark();
  const res = await c.post('/account/password', { current_password: org.admin.password, new_password: STRONG, confirm_password: STRONG });
  assert.equal(res.status, 303);
  const me = userId(org.admin.upn);
  assertOneAudit(mark, { action: 'password.changed', userId: me, orgId: Number(org.id), objectType: 'user', objectId: me,
    before: { password: 'chosen' }, after: { password: 'chosen', other_sessions_ended: '1' } });
  assertNoSecret(mark, STRONG);
  assert.equal((await other.get('/home')).status, 303, 'the other session ended');
});

test('a new password that is refused writes no row and keeps the old one', async () => {
  const org = arrangeOrg('reseller', 'Audit Password Refused');
  const c = await signedIn(org.admin);
  await c.get('/account/password');
  const hash = sql(`SELECT password_hash FROM users WHERE upn = '${org.admin.upn}'`);
  const mark = auditMark();
  const res = await c.post('/account/password', { current_password: org.admin.password, new_password: STRONG, confirm_password: `${STRONG}x` });
  assert.equal(res.status, 400);
  assert.match(res.text, /The two new passwords do not match/);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT password_hash FROM users WHERE upn = '${org.admin.upn}'`), hash);
});

test('signing out: one signout row about the user', async () => {
  const org = arrangeOrg('provider', 'Audit Signout');
  const c = await signedIn(org.admin);
  const me = userId(org.admin.upn);
  const mark = auditMark();
  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assertOneAudit(mark, { action: 'signout', userId: me, orgId: Number(org.id), objectType: 'user', objectId: me,
    detail: org.admin.upn });
});

test('a sign-out without its CSRF token is refused: no row, still signed in', async () => {
  const org = arrangeOrg('provider', 'Audit Signout Refused');
  const c = await signedIn(org.admin);
  const mark = auditMark();
  assert.equal((await c.post('/signout', { csrf_token: '' })).status, 403);
  assertNoAudit(mark);
  assert.equal((await c.get('/home')).status, 200);
});

// A provider whose admin agent is also a sales agent of a reseller account.
function arrangeTwoAccounts(label) {
  const provider = arrangeOrg('provider', `${label} Provider`), reseller = arrangeOrg('reseller', `${label} Reseller`);
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    SELECT ${reseller.id}, id, 0, 1, 0, UTC_TIMESTAMP() FROM users WHERE upn = '${provider.admin.upn}'`);
  return { provider, reseller };
}

test('switching account: one account.switched row to the other account, with the accounts before and after', async () => {
  const { provider, reseller } = arrangeTwoAccounts('Audit Switch');
  const c = await signedIn(provider.admin);
  await c.get('/account/switch');
  const mark = auditMark();
  assert.equal((await c.post('/account/switch', { org_id: reseller.id })).status, 303);
  assertOneAudit(mark, { action: 'account.switched', userId: userId(provider.admin.upn), orgId: Number(provider.id),
    partyOrgId: Number(reseller.id), objectType: 'organization', objectId: Number(reseller.id),
    before: { account: provider.name }, after: { account: reseller.name } });
});

test('switching to an account the user is not in is refused: no row, the session keeps its account', async () => {
  const { provider } = arrangeTwoAccounts('Audit Switch Refused');
  const stranger = arrangeOrg('reseller', 'Audit Switch Stranger');
  const c = await signedIn(provider.admin);
  await c.get('/account/switch');
  const mark = auditMark();
  assert.equal((await c.post('/account/switch', { org_id: stranger.id })).status, 404);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE org_id = ${stranger.id}`), '0');
});
