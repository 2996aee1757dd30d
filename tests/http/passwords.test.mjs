// passwords.test.mjs: changing your password ends your other sessions (this one stays), a temporary password
// stops working after 7 days and says so, and every password a person chooses passes one policy (zxcvbn)
// that says why a guessable one is refused. Every test arranges fresh organizations, so it is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, relate, signedIn } from '../lib/arrange.mjs';

const STRONG = 'Zebra-lantern-91-okapi';
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const userId = (upn) => sql(`SELECT id FROM users WHERE upn = ${q(upn)}`);
const errorOf = (res) => htmlDecode((res.text.match(/class="error" role="alert"[^>]*>([^<]*)</) || [])[1] || '');

async function changePassword(c, current, next, confirm = next) {
  await c.get('/account/password');
  return c.post('/account/password', { current_password: current, new_password: next, confirm_password: confirm });
}

async function signInRaw(upn, password) {
  const c = new Client();
  await c.get('/signin');
  return { c, res: await c.post('/signin', { upn, password }) };
}

test('changing your password ends your other sessions in the same step; this one stays signed in', async () => {
  const org = arrangeOrg('reseller', 'Password Change');
  const [here, laptop, phone] = [await signedIn(org.admin), await signedIn(org.admin), await signedIn(org.admin)];
  const colleague = await signedIn(org.sales);
  const id = userId(org.admin.upn);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`), '3');

  const res = await changePassword(here, org.admin.password, STRONG);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/account/password?changed=1');
  assert.match((await here.get(res.location)).text, /Your password has been changed/);
  assert.equal((await here.get('/home')).status, 200, 'the session that changed it stays signed in');
  for (const other of [laptop, phone]) {
    const gone = await other.get('/home');
    assert.equal(gone.status, 303, 'every other session ended');
    assert.match(gone.location, /^\/signin/);
  }
  assert.equal((await colleague.get('/home')).status, 200, 'another user is not touched');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`), '1');
  assert.match(sql(`SELECT detail FROM audit_log WHERE user_id = ${id} AND action = 'password.changed' ORDER BY id DESC LIMIT 1`),
    /2 other session\(s\) ended/);
  assert.equal((await signInRaw(org.admin.upn, org.admin.password)).res.status, 401, 'the old password is refused');
  assert.equal((await signInRaw(org.admin.upn, STRONG)).res.status, 303);
});

test('a temporary password works for 7 days, the change page says until when, and then sign-in says it expired', async () => {
  const reseller = arrangeOrg('reseller', 'Temp Partner');
  const customer = arrangeOrg('customer', 'Temp Customer');
  relate(customer, reseller);
  const partner = await signedIn(reseller.admin);
  await partner.get(`/customers/users?customer=${customer.id}`);
  const reset = await partner.post('/customers/users/reset-password', { customer: customer.id, user: userId(customer.sales.upn) });
  assert.equal(reset.status, 200);
  const temporary = htmlDecode(reset.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);
  const days = sql(`SELECT TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), temporary_password_expires_at) FROM users
    WHERE upn = ${q(customer.sales.upn)}`);
  assert.ok(Math.abs(Number(days) - 7 * 24 * 60) <= 2, `expires in ${days} minutes`);

  const { c, res } = await signInRaw(customer.sales.upn, temporary);
  assert.equal(res.status, 303);
  const page = await c.get('/account/password');
  const until = sql(`SELECT DATE_FORMAT(temporary_password_expires_at, '%b %e, %Y, %H:%i') FROM users WHERE upn = ${q(customer.sales.upn)}`);
  assert.match(page.text, new RegExp(`The temporary password works until ${until} UTC`));

  sql(`UPDATE users SET temporary_password_expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE upn = ${q(customer.sales.upn)}`);
  const expired = (await signInRaw(customer.sales.upn, temporary)).res;
  assert.equal(expired.status, 403);
  assert.match(errorOf(expired), /Your temporary password has expired: it worked for 7 days\. Ask your administrator, or the partner who manages your organization, for a new one\./);
  assert.equal(expired.headers.getSetCookie().some((l) => /^cc_session=[0-9a-f]/.test(l)), false, 'not signed in');
  // a wrong password says nothing about the temporary one
  const wrong = (await signInRaw(customer.sales.upn, 'not-the-temporary-one')).res;
  assert.equal(wrong.status, 401);
  assert.match(errorOf(wrong), /That user name and password do not match/);

  // a new temporary password works again, at once, even where the user's own guesses had slowed them down
  let status;
  for (let i = 0; i < 6 && status !== 429; i++) status = (await signInRaw(customer.sales.upn, `my-guess-${i}`)).res.status;
  assert.equal(status, 429);
  const again = await partner.post('/customers/users/reset-password', { customer: customer.id, user: userId(customer.sales.upn) });
  const fresh = htmlDecode(again.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);
  assert.equal((await signInRaw(customer.sales.upn, fresh)).res.status, 303);
});

test('a guessable new password is refused with the reason; a strong one is accepted', async () => {
  const org = arrangeOrg('reseller', 'Password Policy');
  const c = await signedIn(org.admin);
  const localPart = org.admin.upn.split('@')[0];  // "ada", the user's name in the directory
  const cases = [
    ['Password1234!', /too easy to guess: it contains a common word, name or password/],
    [`${localPart}${org.tag}2026`, /too easy to guess: .*it is like your name, user name or organization/],
    [`Admin${org.tag}`, /it is like your name, user name or organization/],
    ['aaaaaaaaaaaaaaaaaa', /it repeats characters or words/],
    ['abcdefghijklmnop', /it contains a sequence such as abcd or 1234/],
  ];
  for (const [weak, why] of cases) {
    const res = await changePassword(c, org.admin.password, weak);
    assert.equal(res.status, 400, weak);
    assert.match(errorOf(res), why, weak);
    assert.match(errorOf(res), /Add a few words or characters/);
  }
  assert.equal((await signInRaw(org.admin.upn, org.admin.password)).res.status, 303, 'nothing changed');
  const ok = await changePassword(c, org.admin.password, STRONG);
  assert.equal(ok.status, 303);
  assert.equal((await signInRaw(org.admin.upn, STRONG)).res.status, 303);
});

test('the enrollment wizard\'s new tenant admin password goes through the same policy', async () => {
  const c = new Client();
  await c.get('/enroll/welcome');
  await c.post('/enroll/welcome');
  const prefix = `p${freshTag()}`.slice(0, 27);
  await c.get('/enroll/tenant');
  const weak = await c.post('/enroll/tenant', { domain_prefix: prefix, org_name: `Policy ${prefix} Ltd`, country: 'US',
    admin_name: 'Pat Policy', admin_user: 'admin', password: 'Password1234!', confirm_password: 'Password1234!' });
  assert.equal(weak.status, 400);
  assert.match(htmlDecode(weak.text), /This password is too easy to guess: it contains a common word, name or password/);
  assert.equal(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${prefix}.onmicrosoft.com'`), '0');
});

test('the current password on the change page is throttled like a sign-in, so a borrowed session cannot guess it', async () => {
  const org = arrangeOrg('reseller', 'Password Guess');
  const c = await signedIn(org.admin);
  let res;
  for (let i = 0; i < 5; i++) {
    res = await changePassword(c, `not-my-password-${i}`, STRONG);
    assert.equal(res.status, 400);
    assert.match(errorOf(res), /Your current password is not correct/);
  }
  res = await changePassword(c, org.admin.password, STRONG);
  assert.equal(res.status, 429, 'even the right current password waits now');
  assert.ok(Number(res.headers.get('retry-after')) > 0);
  assert.match(errorOf(res), /Too many failed sign-ins\. For your security, wait \d+ seconds/);
  assert.equal((await signInRaw(org.admin.upn, org.admin.password)).res.status, 429, 'the same counter as the sign-in page');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${userId(org.admin.upn)} AND action = 'signin.failed'`), '5');
  assert.equal((await c.get('/home')).status, 200, 'still signed in');
});
