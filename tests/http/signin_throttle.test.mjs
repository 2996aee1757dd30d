// signin_throttle.test.mjs: failed sign-ins slow down the address they come from, not the account:
// an attacker cannot lock a user out from elsewhere, a user name that does not exist answers exactly like
// one that does, one address cannot spray many accounts, and the enrollment wizard's membership center
// sign-in is throttled the same way. Other client addresses come from binding 127.0.0.x locally (nginx
// hands the workers the peer address as REMOTE_ADDR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag } from '../lib/arrange.mjs';

const MEMBERSHIP_PASSWORD = 'Membership-demo-2026';  // partner@adatum.com's, copied into fresh accounts
const TENANT_PASSWORD = 'Fresh-tenant-2026';
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

// A client whose connections leave from LOCAL_ADDRESS (any 127.0.0.x reaches the stack's 127.0.0.1).
class ClientFrom extends Client {
  constructor(localAddress) { super(); this.localAddress = localAddress; }

  send(url, { method, headers, body }) {
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, localAddress: this.localAddress }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, headers: h, text: async () => text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}

// Forget every counter of these addresses, so that the test can run again at once.
const forget = (...ips) => sql(`DELETE FROM signin_name_failures WHERE client_ip IN (${ips.map(q).join(',')});
  DELETE FROM signin_failures WHERE client_ip IN (${ips.map(q).join(',')})`);

// One sign-in attempt on the sign-in page: what a client can observe of it.
async function attempt(c, upn, password) {
  await c.get('/signin');
  const t0 = process.hrtime.bigint();
  const res = await c.post('/signin', { upn, password });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ms, location: res.location,
    message: (res.text.match(/role="alert"[^>]*>([^<]*)</) || [])[1] };
}

// the message with its wait left out: the two answers come a second apart at most
const seconds = (message) => message?.replace(/wait \d+ seconds/, 'wait N seconds');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('the REMOTE_ADDR of a client bound to 127.0.0.2 is 127.0.0.2', async () => {
  forget('127.0.0.2');
  const c = new ClientFrom('127.0.0.2');
  const name = `probe-${freshTag()}@nowhere.onmicrosoft.com`;
  assert.equal((await attempt(c, name, 'wrong-password')).status, 401);
  assert.equal(sql(`SELECT client_ip FROM signin_name_failures WHERE user_name = ${q(name)}`), '127.0.0.2');
  forget('127.0.0.2');
});

test('an attacker failing against an account from one address does not lock its owner out elsewhere; '
  + 'an unknown user name answers the same all along', async (t) => {
  const ATTACKER = '127.0.0.2', OWNER = '127.0.0.3';
  forget(ATTACKER, OWNER);
  const attacker = new ClientFrom(ATTACKER);
  const unknown = `dana-${freshTag()}@fabrikam.onmicrosoft.com`;
  const real = [], ghost = [];
  for (let i = 0; i < 8; i++) {
    real.push(await attempt(attacker, DEMO.provider.upn, `guess-${i}-of-the-attacker`));
    ghost.push(await attempt(attacker, unknown, `guess-${i}-of-the-attacker`));
  }
  const statuses = real.map((r) => r.status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429], 'five free failures, then the address waits');
  assert.deepEqual(ghost.map((r) => r.status), statuses, 'a name that does not exist is throttled the same way');
  for (let i = 0; i < real.length; i++) {
    assert.equal(seconds(ghost[i].message), seconds(real[i].message));
    assert.ok(Math.abs(Number(ghost[i].retryAfter ?? 0) - Number(real[i].retryAfter ?? 0)) <= 1,
      `same Retry-After: ${ghost[i].retryAfter} and ${real[i].retryAfter}`);
  }
  assert.ok(Number(real[5].retryAfter) > 20 && Number(real[5].retryAfter) <= 30, real[5].retryAfter);
  assert.match(real[5].message, /Too many failed sign-ins\. For your security, wait \d+ seconds/);
  // the same timing class: a password is hashed for an unknown name too (a skipped hash is ~20x faster)
  const realMs = median(real.slice(0, 5).map((r) => r.ms)), ghostMs = median(ghost.slice(0, 5).map((r) => r.ms));
  t.diagnostic(`median 401: wrong password ${realMs.toFixed(1)} ms, unknown name ${ghostMs.toFixed(1)} ms; `
    + `median 429: ${median(real.slice(5).map((r) => r.ms)).toFixed(1)} ms and ${median(ghost.slice(5).map((r) => r.ms)).toFixed(1)} ms`);
  assert.ok(ghostMs > realMs / 3 && ghostMs < realMs * 3, `wrong password ${realMs} ms, unknown name ${ghostMs} ms`);

  // the owner, from another address, signs in at once with the right password
  const owner = new ClientFrom(OWNER);
  const ok = await attempt(owner, DEMO.provider.upn, DEMO.provider.password);
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/home');
  assert.equal((await owner.get('/home')).status, 200);

  // the attacker keeps waiting, even with the right password, and each failure after a wait doubles it
  const right = await attempt(attacker, DEMO.provider.upn, DEMO.provider.password);
  assert.equal(right.status, 429);
  assert.ok(Number(right.retryAfter) > 0);
  assert.equal(attacker.cookies.has('cc_session'), false);
  for (const name of [DEMO.provider.upn, unknown])
    sql(`UPDATE signin_name_failures SET locked_until = UTC_TIMESTAMP() - INTERVAL 1 SECOND
      WHERE user_name = ${q(name)} AND client_ip = '${ATTACKER}'`);
  const again = [await attempt(attacker, DEMO.provider.upn, 'guess-again'), await attempt(attacker, unknown, 'guess-again')];
  assert.deepEqual(again.map((r) => r.status), [401, 401]);
  const longer = [await attempt(attacker, DEMO.provider.upn, 'guess-more'), await attempt(attacker, unknown, 'guess-more')];
  assert.deepEqual(longer.map((r) => r.status), [429, 429]);
  for (const r of longer) assert.ok(Number(r.retryAfter) > 30 && Number(r.retryAfter) <= 60, r.retryAfter);
  assert.equal(sql(`SELECT COUNT(*) FROM signin_name_failures WHERE client_ip = '${OWNER}'`), '0');
  forget(ATTACKER, OWNER);
});

test('one address spraying many accounts is stopped for every name, while other addresses sign in', async () => {
  const SPRAYER = '127.0.0.4';
  forget(SPRAYER, '127.0.0.5');
  const sprayer = new ClientFrom(SPRAYER);
  const org = arrangeOrg('reseller', 'Spray Target');
  const names = [org.admin.upn, org.sales.upn, org.helpdesk.upn, DEMO.reseller.upn, DEMO.vendor.upn];
  for (let i = 0; names.length < 25; i++) names.push(`spray-${i}-${org.tag}@${org.domain}`);
  // 50 failures, two per name: no name reaches its own limit, the address reaches its
  for (let round = 0; round < 2; round++)
    for (const name of names) assert.equal((await attempt(sprayer, name, `spray-${round}`)).status, 401);
  for (const [upn, password] of [[org.admin.upn, org.admin.password], [`new-${org.tag}@${org.domain}`, 'x']]) {
    const stopped = await attempt(sprayer, upn, password);
    assert.equal(stopped.status, 429);
    assert.equal(stopped.retryAfter, '900');
    assert.match(stopped.message, /Too many failed sign-ins from your network/);
  }
  assert.equal((await attempt(new ClientFrom('127.0.0.5'), org.admin.upn, org.admin.password)).status, 303);
  forget(SPRAYER, '127.0.0.5');
});

test('repeated failures from the same address still slow that address down for the account', async () => {
  forget('127.0.0.6');
  const c = new ClientFrom('127.0.0.6');
  const org = arrangeOrg('reseller', 'Same Address');
  for (let i = 0; i < 5; i++) assert.equal((await attempt(c, org.admin.upn, `guess-${i}`)).status, 401);
  assert.equal((await attempt(c, org.admin.upn, org.admin.password)).status, 429);
  // a success from an address forgets that address's failures of the name
  sql(`UPDATE signin_name_failures SET locked_until = NULL WHERE client_ip = '127.0.0.6'`);
  assert.equal((await attempt(c, org.admin.upn, org.admin.password)).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM signin_name_failures WHERE client_ip = '127.0.0.6'`), '0');
  forget('127.0.0.6');
});

// ---- the membership center sign-in of the enrollment wizard ----

async function submit(c, path, fields) {
  await c.get(path);
  return c.post(path, fields);
}

// A fresh tenant's admin signed in to the wizard of C, at the membership center's password step for USER.
async function atMembershipPassword(c, user) {
  await submit(c, '/enroll/welcome', {});
  const prefix = `t${freshTag()}`.slice(0, 27);
  const created = await submit(c, '/enroll/tenant', { domain_prefix: prefix, org_name: `Throttle ${prefix} Ltd`,
    country: 'US', admin_name: 'Pat Throttle', admin_user: 'admin', password: TENANT_PASSWORD, confirm_password: TENANT_PASSWORD });
  assert.equal(created.status, 303, created.text);
  const directory = await submit(c, '/enroll/directory', { upn: `admin@${prefix}.onmicrosoft.com`, password: TENANT_PASSWORD });
  assert.equal(directory.location, '/enroll/mpn');
  assert.equal((await submit(c, '/enroll/mpn', {})).location, '/enroll/membership');
  assert.equal((await submit(c, '/enroll/membership', { user_name: user })).location, '/enroll/membership/password');
}

async function membershipAttempt(c, password) {
  const res = await submit(c, '/enroll/membership/password', { password });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), location: res.location,
    message: (res.text.match(/role="alert"[^>]*>([^<]*)</) || [])[1] };
}

test('membership center sign-in: an attacker\'s failures slow only their address; an unknown name answers the same', async () => {
  const ATTACKER = '127.0.0.7', OWNER = '127.0.0.8';
  forget(ATTACKER, OWNER);
  const user = `m-${freshTag()}@example.com`;
  sql(`INSERT INTO membership_accounts (user_name, display_name, password_hash)
       SELECT ${q(user)}, 'Throttle partner', password_hash FROM membership_accounts WHERE user_name = 'partner@adatum.com'`);
  const attacker = new ClientFrom(ATTACKER), ghostAttacker = new ClientFrom(ATTACKER);
  await atMembershipPassword(attacker, user);
  await atMembershipPassword(ghostAttacker, `nobody-${freshTag()}@example.com`);
  const real = [], ghost = [];
  for (let i = 0; i < 7; i++) {
    real.push(await membershipAttempt(attacker, `guess-${i}`));
    ghost.push(await membershipAttempt(ghostAttacker, `guess-${i}`));
  }
  assert.deepEqual(real.map((r) => r.status), [401, 401, 401, 401, 401, 429, 429]);
  assert.deepEqual(ghost.map((r) => r.status), real.map((r) => r.status));
  assert.deepEqual(ghost.map((r) => seconds(r.message)), real.map((r) => seconds(r.message)));
  assert.ok(Number(real[6].retryAfter) > 0 && Math.abs(Number(real[6].retryAfter) - Number(ghost[6].retryAfter)) <= 1);
  assert.match(real[6].message, /Too many failed sign-ins\. For your security, wait \d+ seconds/);
  assert.equal((await membershipAttempt(attacker, MEMBERSHIP_PASSWORD)).status, 429, 'the attacker waits even when right');

  const owner = new ClientFrom(OWNER);
  await atMembershipPassword(owner, user);
  assert.equal((await membershipAttempt(owner, MEMBERSHIP_PASSWORD)).location, '/enroll/profile');
  forget(ATTACKER, OWNER);
});
