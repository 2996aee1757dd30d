// foundation.test.mjs: HTTP tests through nginx for sign-in, sessions, CSRF, error pages and
// the resilience of the stack (memcached restart, a killed worker, a dropped database connection).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client, DEMO, ctl, sql, pidOf } from '../lib/client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('the sign-in page is a form with a CSRF token, and / sends strangers there', async () => {
  const c = new Client();
  const root = await c.get('/');
  assert.equal(root.status, 303);
  assert.equal(root.location, '/signin');
  const page = await c.get('/signin');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Sign in<\/h1>/);
  assert.match(page.text, /name="csrf_token" value="[0-9a-f]{64}"/);
  assert.equal(page.headers.get('x-frame-options'), 'DENY');
  assert.match(page.headers.get('content-security-policy'), /default-src 'self'/);
});

test('a demo user signs in, sees who they are and their organization, and signs out', async () => {
  const c = new Client();
  await c.get('/signin');
  const res = await c.post('/signin', { upn: DEMO.provider.upn, password: DEMO.provider.password });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/home');
  const cookie = res.headers.getSetCookie().find((l) => l.startsWith('cc_session='));
  assert.match(cookie, /^cc_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/);  // plain http on loopback
  const home = await c.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, /id="home-upn">dana@fabrikam\.onmicrosoft\.com</);
  assert.match(home.text, /id="home-org">Fabrikam Distribution</);
  assert.match(home.text, /id="home-kind">Indirect provider</);
  const stolen = c.cookies.get('cc_session');

  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/signin?signed_out=1');
  assert.equal(c.cookies.has('cc_session'), false);
  const after = await c.get('/home');
  assert.equal(after.status, 303);
  // the old cookie is dead on the server too, not only forgotten by the browser
  const replay = new Client();
  replay.cookies.set('cc_session', stolen);
  assert.equal((await replay.get('/home')).status, 303);
});

test('a wrong password or an unknown user gets the form back with one clear message', async () => {
  const c = new Client();
  await c.get('/signin');
  const bad = await c.post('/signin', { upn: DEMO.reseller.upn, password: 'wrong-password' });
  assert.equal(bad.status, 401);
  assert.match(bad.text, /That user name and password do not match/);
  assert.match(bad.text, /value="sam@contoso\.onmicrosoft\.com"/);  // what was typed stays
  assert.equal(c.cookies.has('cc_session'), false);
  const unknown = await c.post('/signin', { upn: 'nobody@nowhere.onmicrosoft.com', password: 'x' });
  assert.equal(unknown.status, 401);
  assert.match(unknown.text, /That user name and password do not match/);
  const empty = await c.post('/signin', { upn: '', password: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Enter your user name and your password/);
  sql(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE upn = '${DEMO.reseller.upn}'`);
});

test('what a user typed is escaped when the page shows it again', async () => {
  const c = new Client();
  await c.get('/signin');
  const res = await c.post('/signin', { upn: '"><script>alert(1)</script>', password: 'x' });
  assert.doesNotMatch(res.text, /<script>alert/);
  assert.match(res.text, /&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('a POST without the CSRF token, with a wrong one or from another origin gets 403', async () => {
  const c = new Client();
  await c.get('/signin');
  const none = await c.post('/signin', DEMO.provider, { csrf: false });
  assert.equal(none.status, 403);
  assert.match(none.text, /did not come from this site/);
  const wrong = await c.post('/signin', { ...DEMO.provider, csrf_token: 'a'.repeat(64) });
  assert.equal(wrong.status, 403);
  const cross = await c.post('/signin', DEMO.provider, { headers: { Origin: 'http://evil.example' } });
  assert.equal(cross.status, 403);

  await c.signIn(DEMO.provider);
  const signout = await c.post('/signout', {}, { csrf: false });
  assert.equal(signout.status, 403);
  assert.equal((await c.get('/home')).status, 200, 'still signed in');
});

test('error pages come from templates: 404, 405, 413, 403', async () => {
  const c = new Client();
  const nf = await c.get('/no/such/page');
  assert.equal(nf.status, 404);
  assert.match(nf.text, /<h1>404 · Not Found<\/h1>/);
  assert.match(nf.text, /class="topbar"/);  // inside the layout
  const na = await c.get('/signout');
  assert.equal(na.status, 405);
  assert.equal(na.headers.get('allow'), 'POST');
  await c.get('/signin');
  const big = 'upn=' + 'a'.repeat(1024 * 1024 + 10);
  const tl = await c.request('POST', '/signin', { body: big });
  assert.equal(tl.status, 413);
  assert.match(tl.text, /larger than 1 MiB/);
  await c.signIn(DEMO.reseller);
  const fb = await c.get('/admin');
  assert.equal(fb.status, 403);
  assert.match(fb.text, /does not have access/);
});

test('signing in returns to the page asked for, and never to another site', async () => {
  const c = new Client();
  const first = await c.get('/admin');
  assert.equal(first.status, 303);
  assert.equal(first.location, '/signin?next=/admin');
  const form = await c.get(first.location);
  assert.match(form.text, /name="next" value="\/admin"/);
  const res = await c.post('/signin', { upn: DEMO.vendor.upn, password: DEMO.vendor.password, next: '/admin' });
  assert.equal(res.location, '/admin');
  const admin = await c.get('/admin');
  assert.equal(admin.status, 200);
  assert.match(admin.text, /Audit log/);
  assert.match(admin.text, /<td>signin<\/td>/);

  const d = new Client();
  await d.get('/signin');
  const evil = await d.post('/signin', { upn: DEMO.vendor.upn, password: DEMO.vendor.password, next: '//evil.example/' });
  assert.equal(evil.location, '/home');
});

// From the address they came from; other addresses are not slowed down (signin_throttle.test.mjs).
test('repeated failed sign-ins slow the account down from that address, even with the right password', async () => {
  const c = new Client();
  await c.get('/signin');
  for (let i = 0; i < 5; i++)
    assert.equal((await c.post('/signin', { upn: DEMO.customer.upn, password: `guess-${i}` })).status, 401);
  const locked = await c.post('/signin', { upn: DEMO.customer.upn, password: DEMO.customer.password });
  assert.equal(locked.status, 429);
  assert.match(locked.text, /Too many failed sign-ins\. For your security, wait \d+ seconds/);
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assert.equal(c.cookies.has('cc_session'), false);
  // another account is not affected
  const other = new Client();
  await other.signIn(DEMO.reseller);
  sql(`DELETE FROM signin_name_failures WHERE user_name = '${DEMO.customer.upn}'`);
  await new Client().signIn(DEMO.customer);
});

test('a temporary password must be changed before anything else', async () => {
  sql(`UPDATE users SET must_change_password = 1 WHERE upn = '${DEMO.customer.upn}'`);
  const c = new Client();
  await c.get('/signin');
  await c.post('/signin', { upn: DEMO.customer.upn, password: DEMO.customer.password });
  const home = await c.get('/home');
  assert.equal(home.status, 303);
  assert.equal(home.location, '/account/password');
  const form = await c.get('/account/password');
  assert.match(form.text, /You signed in with a temporary password/);
  const same = await c.post('/account/password', {
    current_password: DEMO.customer.password, new_password: DEMO.customer.password, confirm_password: DEMO.customer.password });
  assert.equal(same.status, 400);
  assert.match(same.text, /must differ from the current one/);
  const short = await c.post('/account/password', {
    current_password: DEMO.customer.password, new_password: 'short', confirm_password: 'short' });
  assert.match(short.text, /Choose a password of 12 to 256 characters/);
  const mismatch = await c.post('/account/password', {
    current_password: DEMO.customer.password, new_password: 'A-brand-new-one-1', confirm_password: 'A-brand-new-one-2' });
  assert.match(mismatch.text, /do not match/);
  const ok = await c.post('/account/password', {
    current_password: DEMO.customer.password, new_password: 'A-brand-new-one-1', confirm_password: 'A-brand-new-one-1' });
  assert.equal(ok.status, 303);
  assert.equal((await c.get('/home')).status, 200);
  assert.match(sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.customer.upn}'`), /^\$argon2id\$/);
  ctl('seed');  // restore the demo password
});

test('a session survives a memcached restart (written through to MySQL)', async () => {
  const c = new Client();
  await c.signIn(DEMO.reseller);
  assert.equal((await c.get('/home')).status, 200);
  const before = pidOf('memcached');
  ctl('restart-memcached');
  assert.notEqual(pidOf('memcached'), before);
  const home = await c.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, /Contoso Reseller/);
});

test('a session keeps working while memcached is down', async () => {
  const c = new Client();
  await c.signIn(DEMO.reseller);
  process.kill(pidOf('memcached'), 'SIGTERM');
  await sleep(300);
  try {
    const t0 = Date.now();
    const home = await c.get('/home');
    assert.equal(home.status, 200);
    assert.ok(Date.now() - t0 < 2000, 'a dead cache must not stall the page');
  } finally {
    ctl('restart-memcached');
  }
});

test('a worker that dies is replaced and requests keep being served', async () => {
  const supervisor = pidOf('supervisor');
  const children = () => execFileSync('pgrep', ['-P', String(supervisor)], { encoding: 'utf8' }).trim().split('\n').map(Number);
  const before = children();
  assert.ok(before.length >= 1);
  process.kill(before[0], 'SIGKILL');
  await sleep(300);
  const c = new Client();
  for (let i = 0; i < 20; i++) assert.equal((await c.get('/healthz')).status, 200);
  const after = children();
  assert.equal(after.length, before.length);
  assert.ok(!after.includes(before[0]));
});

test('the workers reconnect to MySQL after their connections are killed', async () => {
  const c = new Client();
  await c.signIn(DEMO.provider);
  const ids = sql("SELECT id FROM information_schema.processlist WHERE user = 'channel' AND id <> CONNECTION_ID()");
  for (const id of ids.split('\n').filter(Boolean)) {
    try { sql(`KILL ${id}`); } catch { /* already gone */ }
  }
  // the session is read from memcached, the user from MySQL: both must still work
  for (let i = 0; i < 4; i++) {
    const home = await c.get('/home');
    assert.equal(home.status, 200);
    assert.match(home.text, /Fabrikam Distribution/);
  }
});

test('migrations run once: a second run applies nothing', () => {
  assert.match(ctl('migrate'), /migrations: 0 applied/);
  assert.match(sql("SELECT COUNT(*) FROM schema_migrations WHERE version = '001_foundation.sql'"), /^1$/);
});
