// users.test.mjs: HTTP tests of Account settings > User management: the account's users and roles,
// adding a directory user of the account's own tenant, changing roles, and who may do each.
// Each test puts Contoso back to its demo state first (sam the only user, admin agent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { arrangeOrg } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';

const LEE = { upn: 'lee@contoso.onmicrosoft.com', password: 'Contoso-user-2026' };
const OMAR = { upn: 'omar@fabrikam.onmicrosoft.com', password: 'Fabrikam-user-2026' };
const userId = (upn) => sql(`SELECT id FROM users WHERE upn = '${upn}'`);
const CONTOSO = "(SELECT id FROM organizations WHERE name = 'Contoso Reseller' AND kind = 'reseller')";

function resetContoso() {
  sql(`DELETE FROM partner_users WHERE org_id = ${CONTOSO} AND user_id <> ${userId(DEMO.reseller.upn)};
       UPDATE partner_users SET admin_agent = 1, sales_agent = 0, helpdesk_agent = 0
         WHERE org_id = ${CONTOSO} AND user_id = ${userId(DEMO.reseller.upn)}`);
}

function addLee(admin, sales, helpdesk) {
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
       SELECT ${CONTOSO}, ${userId(LEE.upn)}, ${admin}, ${sales}, ${helpdesk}, UTC_TIMESTAMP()`);
}

async function signedIn(who) {
  const c = new Client();
  await c.signIn(who);
  return c;
}

// The roles cell of a user's row, as the list shows it.
function rolesOf(page, upn) {
  const m = page.match(new RegExp(`<td>${upn}</td>\\s*<td>\\s*<span class="roles">([^<]*)</span>`));
  return m && m[1];
}

test('an admin agent sees the users, an Add user form with the tenant users not yet in the account, and role forms', async () => {
  resetContoso();
  const sam = await signedIn(DEMO.reseller);
  const page = await sam.get('/account/users');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>User management<\/h1>/);
  assert.equal(rolesOf(page.text, DEMO.reseller.upn), 'Admin agent');
  assert.match(page.text, /<h2>Add user<\/h2>/);
  assert.match(page.text, new RegExp(`<option value="${userId(LEE.upn)}">Lee Chen \\(lee@contoso\\.onmicrosoft\\.com\\)</option>`));
  assert.doesNotMatch(page.text, /omar@fabrikam/, 'only users of the account\'s own tenant are offered');
  assert.doesNotMatch(page.text, /<option value="\d+">Sam Ortega/, 'members are not offered again');
  assert.match(page.text, /action="\/account\/users\/roles"/);
  assert.match(page.text, /name="admin_agent" value="1" checked> Admin agent/);

  const dana = await signedIn(DEMO.provider);
  const fabrikam = await dana.get('/account/users');
  assert.equal(fabrikam.status, 200);
  assert.equal(rolesOf(fabrikam.text, DEMO.provider.upn), 'Admin agent');
  assert.match(fabrikam.text, /Omar Haddad \(omar@fabrikam\.onmicrosoft\.com\)<\/option>/);
  assert.doesNotMatch(fabrikam.text, /sam@contoso/);

  for (const who of [DEMO.customer, DEMO.vendor])
    assert.equal((await (await signedIn(who)).get('/account/users')).status, 403);
});

test('an admin agent adds a tenant user as sales agent; a wrong choice gets the form back', async () => {
  resetContoso();
  const sam = await signedIn(DEMO.reseller);
  await sam.get('/account/users');
  const noRole = await sam.post('/account/users/add', { user_id: userId(LEE.upn) });
  assert.equal(noRole.status, 400);
  assert.match(noRole.text, /Choose at least one role for the new user/);
  assert.match(noRole.text, /<h2>Add user<\/h2>/, 'the form comes back');
  const noUser = await sam.post('/account/users/add', { user_id: '', sales_agent: '1' });
  assert.equal(noUser.status, 400);
  assert.match(noUser.text, /Choose the user to add/);

  const res = await sam.post('/account/users/add', { user_id: userId(LEE.upn), sales_agent: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/account/users?added=${userId(LEE.upn)}`);
  const page = await sam.get(res.location);
  assert.match(page.text, /Lee Chen has been added to the account/);
  assert.equal(rolesOf(page.text, LEE.upn), 'Sales agent');
  assert.doesNotMatch(page.text, /<option value="\d+">Lee Chen/, 'no longer offered');
  assert.match(page.text, /Every user of your directory tenant is already in this account/);

  const again = await sam.post('/account/users/add', { user_id: userId(LEE.upn), helpdesk_agent: '1' });
  assert.equal(again.status, 400);
  assert.match(again.text, /lee@contoso\.onmicrosoft\.com is already a user of this account/);
  assert.equal(rolesOf(again.text, LEE.upn), 'Sales agent');
  assert.match(sql(`SELECT detail FROM audit_log WHERE action = 'partner_user.added' ORDER BY id DESC LIMIT 1`),
    /^lee@contoso\.onmicrosoft\.com to Contoso Reseller as Sales agent$/);
});

test('a user who is not an admin agent sees the list without forms and gets 403 posting', async () => {
  resetContoso();
  addLee(0, 1, 0);
  const lee = await signedIn(LEE);
  const page = await lee.get('/account/users');
  assert.equal(page.status, 200);
  assert.equal(rolesOf(page.text, DEMO.reseller.upn), 'Admin agent');
  assert.equal(rolesOf(page.text, LEE.upn), 'Sales agent');
  assert.match(page.text, /Only admin agents can add users or change roles/);
  assert.doesNotMatch(page.text, /action="\/account\/users\/(add|roles)"/);
  const roles = await lee.post('/account/users/roles', { user_id: userId(LEE.upn), admin_agent: '1' });
  assert.equal(roles.status, 403);
  assert.match(roles.text, /Only admin agents/);
  const add = await lee.post('/account/users/add', { user_id: userId(LEE.upn), admin_agent: '1' });
  assert.equal(add.status, 403);
  assert.equal(sql(`SELECT admin_agent FROM partner_users WHERE user_id = ${userId(LEE.upn)}`), '0');
});

test('an admin agent cannot add a user of another tenant nor change roles outside the account', async () => {
  resetContoso();
  const sam = await signedIn(DEMO.reseller);
  await sam.get('/account/users');
  const omar = await sam.post('/account/users/add', { user_id: userId(OMAR.upn), sales_agent: '1' });
  assert.equal(omar.status, 404);
  assert.equal(sql(`SELECT COUNT(*) FROM partner_users WHERE user_id = ${userId(OMAR.upn)}`), '0');
  const unknown = await sam.post('/account/users/add', { user_id: '999999999', sales_agent: '1' });
  assert.equal(unknown.status, 404);

  // dana is an admin agent of Fabrikam; lee is in Contoso's tenant but not in the account
  for (const upn of [DEMO.provider.upn, LEE.upn]) {
    const res = await sam.post('/account/users/roles', { user_id: userId(upn), sales_agent: '1', admin_agent: '1' });
    assert.equal(res.status, 404, upn);
  }
  assert.equal(sql(`SELECT CONCAT(admin_agent, sales_agent) FROM partner_users WHERE user_id = ${userId(DEMO.provider.upn)}`), '10');
  const dana = await signedIn(DEMO.provider);
  await dana.get('/account/users');
  assert.equal((await dana.post('/account/users/roles', { user_id: userId(DEMO.reseller.upn), sales_agent: '1' })).status, 404);
  assert.equal(sql(`SELECT admin_agent FROM partner_users WHERE user_id = ${userId(DEMO.reseller.upn)}`), '1');
});

test('the last admin agent cannot give up the role; with a second one they can', async () => {
  resetContoso();
  const sam = await signedIn(DEMO.reseller);
  await sam.get('/account/users');
  const samId = userId(DEMO.reseller.upn);
  const last = await sam.post('/account/users/roles', { user_id: samId, sales_agent: '1' });
  assert.equal(last.status, 400);
  assert.match(last.text, /The account needs at least one admin agent/);
  assert.equal(rolesOf(last.text, DEMO.reseller.upn), 'Admin agent');
  const none = await sam.post('/account/users/roles', { user_id: samId });
  assert.equal(none.status, 400);
  assert.match(none.text, /Choose at least one role/);

  try {
    addLee(0, 1, 0);
    const lee = await signedIn(LEE);
    assert.doesNotMatch((await lee.get('/account/users')).text, /action="\/account\/users\/roles"/);
    assert.equal((await sam.post('/account/users/roles', { user_id: userId(LEE.upn), admin_agent: '1' })).status, 303);
    // lee's open session gets the new role at once
    assert.match((await lee.get('/account/users')).text, /action="\/account\/users\/roles"/);
    const stepDown = await sam.post('/account/users/roles', { user_id: samId, sales_agent: '1' });
    assert.equal(stepDown.status, 303);
    const page = await sam.get(stepDown.location);
    assert.equal(rolesOf(page.text, DEMO.reseller.upn), 'Sales agent');
    assert.doesNotMatch(page.text, /action="\/account\/users\/roles"/, 'no longer an admin agent: no forms');
    await sam.get('/account/users');
    assert.equal((await sam.post('/account/users/roles', { user_id: samId, admin_agent: '1' })).status, 403);
  } finally {
    resetContoso();
  }
});

test('role changes show on the list, with a notice, and are audited', async () => {
  resetContoso();
  addLee(0, 1, 0);
  const sam = await signedIn(DEMO.reseller);
  await sam.get('/account/users');
  const res = await sam.post('/account/users/roles', { user_id: userId(LEE.upn), sales_agent: '1', helpdesk_agent: '1' });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/account/users?updated=${userId(LEE.upn)}`);
  const page = await sam.get(res.location);
  assert.match(page.text, /The roles of Lee Chen have been updated/);
  assert.equal(rolesOf(page.text, LEE.upn), 'Sales agent, Helpdesk agent');
  const row = page.text.match(new RegExp(`<tr id="user-${userId(LEE.upn)}">([\\s\\S]*?)</tr>`))[1];
  assert.match(row, /name="admin_agent" value="1"> Admin agent/);
  assert.match(row, /name="sales_agent" value="1" checked> Sales agent/);
  assert.match(row, /name="helpdesk_agent" value="1" checked> Helpdesk agent/);
  assert.match(sql(`SELECT detail FROM audit_log WHERE action = 'partner_user.roles' ORDER BY id DESC LIMIT 1`),
    /^lee@contoso\.onmicrosoft\.com in Contoso Reseller: Sales agent, Helpdesk agent$/);

  // what lee notices: the new roles on their own list
  const lee = await signedIn(LEE);
  assert.equal(rolesOf((await lee.get('/account/users')).text, LEE.upn), 'Sales agent, Helpdesk agent');
});

test('user changes without the CSRF token get 403', async () => {
  resetContoso();
  const sam = await signedIn(DEMO.reseller);
  const add = await sam.post('/account/users/add', { user_id: userId(LEE.upn), sales_agent: '1' }, { csrf: false });
  assert.equal(add.status, 403);
  const roles = await sam.post('/account/users/roles', { user_id: userId(DEMO.reseller.upn), admin_agent: '1' }, { csrf: false });
  assert.equal(roles.status, 403);
  assert.equal(sql(`SELECT COUNT(*) FROM partner_users WHERE user_id = ${userId(LEE.upn)}`), '0');
});

test('a large account: members paged by name, the Add user choices bounded and found by word prefix', async () => {
  const org = arrangeOrg('provider', 'Big Account');
  const tenant = `(SELECT tenant_id FROM organizations WHERE id = ${org.id})`;
  // 60 more members and 60 directory users outside the account
  sql(`INSERT INTO users (tenant_id, upn, display_name, password_hash)
      SELECT ${tenant}, CONCAT('mem', seq, '@${org.domain}'), CONCAT('Member ', LPAD(seq, 2, '0')), 'x' FROM seq_1_to_60;
    INSERT INTO users (tenant_id, upn, display_name, password_hash)
      SELECT ${tenant}, CONCAT('o', seq, '@${org.domain}'), CONCAT('Outsider ', LPAD(seq, 2, '0')), 'x' FROM seq_1_to_59;
    INSERT INTO users (tenant_id, upn, display_name, password_hash) VALUES (${tenant}, 'zoe@${org.domain}', 'Zoë Ångström', 'x');
    INSERT INTO partner_users (org_id, user_id, sales_agent, added_at)
      SELECT ${org.id}, id, 1, UTC_TIMESTAMP() FROM users WHERE upn LIKE 'mem%@${org.domain}';`);
  const expected = sql(`SELECT u.id FROM partner_users pu JOIN users u ON u.id = pu.user_id WHERE pu.org_id = ${org.id}
    ORDER BY u.display_name, u.id`).split('\n');
  assert.equal(expected.length, 63);
  const c = await signedIn(org.admin);
  const ids = (html) => [...html.matchAll(/<tr id="user-(\d+)">/g)].map((m) => m[1]);
  const pages = await assertPaged(c, '/account/users', ids, expected, { pageSize: 50, lastUrl: '/account/users?last=1' });
  const options = (html) => [...html.matchAll(/<option value="(\d+)">/g)].map((m) => m[1]);
  assert.equal(options(pages[0].text).length, 50, 'the first 50 outsiders by name');
  assert.match(pages[0].text, /id="more-candidates"/);
  const zoe = sql(`SELECT id FROM users WHERE upn = 'zoe@${org.domain}'`);
  for (const find of ['zoe', 'ANGSTR', 'zoë ång', `zoe@${org.domain.slice(0, 5)}`])
    assert.deepEqual(options((await c.get(`/account/users?find=${encodeURIComponent(find)}`)).text), [zoe], find);
  const none = await c.get('/account/users?find=member');
  assert.deepEqual(options(none.text), [], 'members are not offered again');
  assert.match(none.text, /id="no-candidate-matches"/);
  // a notice names its member even when the member is on another page
  const last = expected.at(-1);
  const noticed = await c.get(`/account/users?updated=${last}`);
  assert.match(noticed.text, new RegExp(`The roles of ${sql(`SELECT display_name FROM users WHERE id = ${last}`)} have been updated`));
});
