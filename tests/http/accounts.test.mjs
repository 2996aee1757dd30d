// accounts.test.mjs: HTTP tests of Switch account: a user of two partner accounts picks, per session, which one
// they act for; pages, rights and roles follow that account. Fresh organizations each time, so rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';

// A provider whose admin agent (ada) is also a sales agent of a reseller account.
function arrangeTwoAccounts() {
  const provider = arrangeOrg('provider', 'Switch Provider');
  const reseller = arrangeOrg('reseller', 'Switch Reseller');
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    SELECT ${reseller.id}, id, 0, 1, 0, UTC_TIMESTAMP() FROM users WHERE upn = '${provider.admin.upn}'`);
  return { provider, reseller };
}

const whoOrg = (page) => page.text.match(/<span class="who-org">([^<]*)<\/span>/)[1];

test('a user of two partner accounts acts for the first, and can switch to the other for this session', async () => {
  const { provider, reseller } = arrangeTwoAccounts();
  const c = await signedIn(provider.admin);
  const home = await c.get('/home');
  assert.equal(whoOrg(home), provider.name);
  assert.match(home.text, /id="switch-account"/);
  const list = await c.get('/account/switch');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`id="account-${provider.id}">[\\s\\S]*?Current`));
  assert.match(list.text, new RegExp(`name="org_id" value="${reseller.id}"`));

  const switched = await c.post('/account/switch', { org_id: reseller.id });
  assert.equal(switched.status, 303);
  assert.equal(switched.location, '/home');
  assert.equal(whoOrg(await c.get('/home')), reseller.name);
  assert.equal((await c.get('/indirect-providers')).status, 200, 'reseller pages open');
  assert.equal((await c.get('/resellers')).status, 403, 'provider pages close');
  // roles follow the account: a sales agent here, so no user management
  await c.get('/account/users');
  assert.equal((await c.post('/account/users/roles', { user_id: 1, admin_agent: '1' })).status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE org_id = ${reseller.id}`), '1', 'the choice is kept with the session, in MySQL behind the cache');

  const other = await signedIn(provider.admin);
  assert.equal(whoOrg(await other.get('/home')), provider.name, 'another session keeps its own account');

  await c.get('/account/switch');
  assert.equal((await c.post('/account/switch', { org_id: provider.id })).status, 303);
  assert.equal(whoOrg(await c.get('/home')), provider.name);
  assert.equal((await c.get('/resellers')).status, 200);
});

test('switching to an account the user is not in, or without the CSRF token, is refused', async () => {
  const { provider } = arrangeTwoAccounts();
  const stranger = arrangeOrg('reseller', 'Switch Stranger');
  const c = await signedIn(provider.admin);
  await c.get('/account/switch');
  const refused = await c.post('/account/switch', { org_id: stranger.id });
  assert.equal(refused.status, 404);
  assert.equal(whoOrg(await c.get('/home')), provider.name);
  const noToken = await c.post('/account/switch', { org_id: stranger.id, csrf_token: '' });
  assert.equal(noToken.status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE org_id = ${stranger.id}`), '0');
});

test('a user of one account sees no Switch account link', async () => {
  const single = arrangeOrg('reseller', 'Switch Single');
  const c = await signedIn(single.admin);
  assert.ok(!(await c.get('/home')).text.includes('id="switch-account"'));
  assert.match((await c.get('/account/switch')).text, /id="only-one"/);
  assert.equal((await new Client().get('/account/switch')).status, 303, 'signed out: to the sign-in page');
});
