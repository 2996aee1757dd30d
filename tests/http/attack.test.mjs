// attack.test.mjs: what an attacker tried against issue 10's defences and what no longer gets through.
// Fresh tenants and wizards per test, so it can run again on the same database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { arrangeOrg } from '../lib/arrange.mjs';

const wizardCookie = (c) => [...c.cookies.keys()].find((k) => k.endsWith('cc_enroll'));

// Wizard fixation: an attacker starts a wizard, plants its cookie in a global admin's browser (a sibling
// domain can set a cookie without the __Host- prefix) and waits; the admin signs in to the directory
// step, and the attacker's copy of the cookie would then drive an enrollment bound to the admin's tenant.
test('signing in at the directory step gives the wizard a new cookie: a planted one is left with nothing', async () => {
  const attacker = new Client();
  await attacker.get('/enroll/welcome');
  assert.equal((await attacker.post('/enroll/welcome')).location, '/enroll/directory');
  const name = wizardCookie(attacker);
  const planted = attacker.cookies.get(name);
  assert.ok(planted, 'the wizard has a cookie');

  const victim = new Client();
  victim.cookies.set(name, planted);
  const org = arrangeOrg('customer', 'Fixation Target');
  await victim.get('/enroll/directory');
  const signedIn = await victim.post('/enroll/directory', { upn: org.admin.upn, password: org.admin.password });
  assert.equal(signedIn.status, 303, signedIn.text);
  assert.equal(signedIn.location, '/enroll/mpn');
  assert.notEqual(victim.cookies.get(name), planted, 'the admin\'s browser got a cookie of its own');
  assert.equal((await victim.get('/enroll/mpn')).status, 200, 'the admin carries on with their wizard');

  const page = await attacker.get('/enroll/directory');
  assert.ok(!page.text.includes(org.admin.upn), 'the attacker does not see the admin\'s sign-in');
  assert.equal((await attacker.get('/enroll/mpn')).location, '/enroll/welcome', 'the planted wizard is gone');
  assert.equal(sql(`SELECT COUNT(*) FROM enrollment_wizards WHERE tenant_id = (SELECT tenant_id FROM users
    WHERE upn = '${org.admin.upn}')`), '1', 'one wizard, the admin\'s');
});
