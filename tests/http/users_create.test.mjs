// users_create.test.mjs: HTTP tests of User management's own pages: a user's page (Select your name from the users
// list) with the role checkboxes and Update, and New user: an admin agent creates a user in the account's own
// directory tenant with roles and a temporary password shown once, which the new user must change at first
// sign-in. Fresh organizations each time, so rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';

const userId = (upn) => Number(sql(`SELECT id FROM users WHERE upn = '${upn}'`) || 0);
const tempPassword = (res) => htmlDecode(res.text.match(/<code class="temp-password" id="temp-password">([^<]+)<\/code>/)[1]);
const membership = (org, id) => sql(`SELECT CONCAT(admin_agent, sales_agent, helpdesk_agent) FROM partner_users
  WHERE org_id = ${org.id} AND user_id = ${id}`);

test('the users list links each name to the user\'s page, whose Update changes the roles', async () => {
  const org = arrangeOrg('reseller', 'Page Reseller');
  const c = await signedIn(org.admin);
  const list = await c.get('/account/users');
  const ada = userId(org.admin.upn), max = userId(org.sales.upn);
  assert.match(list.text, new RegExp(`<a href="/account/users/view\\?id=${ada}" class="user-link">Ada Admin ${org.tag}</a> <span class="hint">\\(you\\)</span>`));
  const page = await c.get(`/account/users/view?id=${ada}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<h1>Ada Admin ${org.tag} <span class="hint">\\(you\\)</span></h1>`));
  assert.match(page.text, /name="admin_agent" value="1" checked> Admin agent/);
  assert.match(page.text, /<button type="submit" class="primary" id="update-roles">Update<\/button>/);

  const updated = await c.post('/account/users/roles', { user_id: max, from: 'user', admin_agent: '1', sales_agent: '1' });
  assert.equal(updated.status, 303);
  assert.equal(updated.location, `/account/users?updated=${max}`);
  assert.equal(membership(org, max), '110');
  assert.match((await c.get(updated.location)).text, new RegExp(`The roles of Max Sales ${org.tag} have been updated`));

  const none = await c.post('/account/users/roles', { user_id: max, from: 'user' });
  assert.equal(none.status, 400);
  assert.match(none.text, /<h1>Max Sales/, 'the user\'s page comes back');
  assert.match(none.text, /Choose at least one role/);
  assert.equal(membership(org, max), '110');

  assert.equal((await c.get('/account/users/view?id=987654321')).status, 404);
  const stranger = arrangeOrg('reseller', 'Page Stranger');
  const other = await c.get(`/account/users/view?id=${userId(stranger.admin.upn)}`);
  assert.equal(other.status, 404, 'a user of another account is not found');
  assert.doesNotMatch(other.text, new RegExp(stranger.tag));

  const hal = await signedIn(org.helpdesk);  // not an admin agent (max is one now)
  const readOnly = await hal.get(`/account/users/view?id=${ada}`);
  assert.equal(readOnly.status, 200);
  assert.match(readOnly.text, /Only admin agents can add users or change roles/);
  assert.doesNotMatch(readOnly.text, /action="\/account\/users\/roles"/);
});

test('an admin agent creates a user of the tenant with roles; the temporary password, shown once, must be changed at first sign-in', async () => {
  const org = arrangeOrg('reseller', 'New User Reseller');
  const c = await signedIn(org.admin);
  assert.match((await c.get('/account/users')).text, /<a class="button" id="new-user" href="\/account\/users\/new">Create a new user<\/a>/);
  const form = await c.get('/account/users/new');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>New user<\/h1>/);
  assert.match(form.text, new RegExp(`<span class="suffix">@${org.domain}</span>`));

  const name = `kim.lee${freshTag()}`;
  const upn = `${name}@${org.domain}`;
  const res = await c.post('/account/users/new', { display_name: 'Kim Lee', user_name: ` ${name.toUpperCase()} `, admin_agent: '1', sales_agent: '1' });
  assert.equal(res.status, 200);
  assert.match(res.text, /<h1>User created<\/h1>/);
  assert.match(res.text, new RegExp(`Kim Lee has been created in your directory tenant and added to ${org.name} as Admin agent, Sales agent`));
  assert.match(res.text, new RegExp(`<dd id="setup-user">${upn.replace(/\./g, '\\.')}</dd>`));
  assert.match(res.text, /id="copy-password" data-copy-from="temp-password"[^>]*>Copy<\/button>/);
  const password = tempPassword(res);
  assert.equal(password.length, 16);
  const id = userId(upn);
  assert.ok(id > 0);
  assert.equal(membership(org, id), '110', 'added to the account with the roles');
  assert.equal(sql(`SELECT CONCAT(directory_role, must_change_password, temporary_password_expires_at IS NOT NULL) FROM users WHERE id = ${id}`), 'user11');
  const list = await c.get(`/account/users?added=${id}`);
  assert.match(list.text, /Kim Lee has been added to the account/);
  assert.doesNotMatch(list.text, new RegExp(password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the password is not shown again');

  const kim = new Client();
  const signin = await kim.signIn({ upn, password });
  assert.equal((await kim.get('/home')).location, '/account/password', 'must change the temporary password first');
  await kim.get('/account/password');
  const changed = await kim.post('/account/password', { current_password: password, new_password: 'Quokka-harbour-73-tandem',
    confirm_password: 'Quokka-harbour-73-tandem' });
  assert.equal(changed.status, 303);
  const home = await kim.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, new RegExp(`<span class="who-org">${org.name}</span>`));
  assert.ok(signin);
});

test('a taken user name gets the form back with a 409 and what was typed; bad input and no role a 400', async () => {
  const org = arrangeOrg('provider', 'Taken Provider');
  const c = await signedIn(org.admin);
  await c.get('/account/users/new');
  const taken = await c.post('/account/users/new', { display_name: 'Second Ada', user_name: 'ada', helpdesk_agent: '1' });
  assert.equal(taken.status, 409);
  assert.match(taken.text, new RegExp(`The user name ada@${org.domain.replace(/\./g, '\\.')} is already taken\\. Choose another\\.`));
  assert.match(taken.text, /id="display_name" name="display_name" type="text" maxlength="200" value="Second Ada"/);
  assert.match(taken.text, /name="helpdesk_agent" value="1" checked> Helpdesk agent/);
  assert.match(taken.text, /id="user_name"[^>]*aria-invalid="true"/);

  const bad = await c.post('/account/users/new', { display_name: 'Bad', user_name: 'no spaces', admin_agent: '1' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter a user name of up to 64 lowercase letters/);
  const noRole = await c.post('/account/users/new', { display_name: 'No Role', user_name: `nr${freshTag()}` });
  assert.equal(noRole.status, 400);
  assert.match(noRole.text, /<p class="field-error" id="roles-error">Choose at least one role for the new user\.<\/p>/);

  const hal = await signedIn(org.helpdesk);
  assert.equal((await hal.get('/account/users/new')).status, 403, 'only admin agents');
  assert.doesNotMatch((await hal.get('/account/users')).text, /id="new-user"/);
});
