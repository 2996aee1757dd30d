// secure_cookies.test.mjs: SECURE_COOKIES=1, the product behind a TLS-terminating proxy: every cookie is
// Secure and named __Host-, every response carries HSTS (the app's, static files, nginx's own pages), and a
// browser signs in with the https Origin it sends although nginx itself only sees http. The stack is
// restarted on a copy of the test configuration, then put back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { BASE, CONF, VAR, Client, DEMO } from '../lib/client.mjs';
import { assertSecurityHeaders, assertErrorPage } from '../lib/raw.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const host = new URL(BASE).host;

// Restart nginx and the workers on CONF_FILE (the same stack, other settings).
async function restartOn(confFile) {
  for (const cmd of ['stop-nginx', 'start-nginx', 'restart-workers'])
    execFileSync(`${ROOT}scripts/ctl.sh`, ['--conf', confFile, cmd], { encoding: 'utf8' });
  // let fetch see that nginx closed its kept-alive connections while execFileSync held the event loop
  await new Promise((r) => setTimeout(r, 200));
}

function confWith(name, settings) {
  let text = readFileSync(CONF, 'utf8');
  for (const [k, v] of Object.entries(settings)) {
    const line = `${k}=${v}`;
    text = new RegExp(`^${k}=`, 'm').test(text) ? text.replace(new RegExp(`^${k}=.*$`, 'm'), line) : `${text}${line}\n`;
  }
  const file = `${VAR}/${name}.conf`;
  writeFileSync(file, text);
  return file;
}

after(() => restartOn(CONF));

const cookieLine = (res, name) => res.headers.getSetCookie().find((l) => l.startsWith(`${name}=`));

test('behind an https proxy: __Host- Secure cookies, HSTS everywhere, sign-in with the https Origin', async () => {
  await restartOn(confWith('secure', { SECURE_COOKIES: 1 }));
  const c = new Client();
  const form = await c.get('/signin');
  assert.equal(form.status, 200);
  assertSecurityHeaders(form.headers, { hsts: true });
  assert.match(cookieLine(form, '__Host-cc_csrf'), /^__Host-cc_csrf=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=\d+$/);
  assert.equal(cookieLine(form, 'cc_csrf'), undefined);
  await c.get('/enroll/welcome');
  const wizard = await c.post('/enroll/welcome', {});
  assert.match(cookieLine(wizard, '__Host-cc_enroll') ?? '', /^__Host-cc_enroll=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Secure;/,
    "the enrollment wizard's cookie too");

  for (const path of ['/static/style.css', '/static/missing.css']) {
    const res = await fetch(BASE + path);
    await res.text();
    assertSecurityHeaders(res.headers, { hsts: true });
  }
  const long = await fetch(`${BASE}/providers?q=${'x'.repeat(20000)}`);
  assert.equal(long.status, 414);
  assertSecurityHeaders(long.headers, { hsts: true });
  assertErrorPage(await long.text(), 414, /too long/);

  // the browser sends the Origin of the public https site; nginx behind the proxy sees plain http
  const https = { Origin: `https://${host}` };
  const plain = await c.post('/signin', { upn: DEMO.provider.upn, password: DEMO.provider.password }, { headers: { Origin: `http://${host}` } });
  assert.equal(plain.status, 403, 'the http origin is not this site any more');
  await c.get('/signin');
  const res = await c.post('/signin', { upn: DEMO.provider.upn, password: DEMO.provider.password }, { headers: https });
  assert.equal(res.status, 303);
  assert.equal(res.location, '/home');
  assert.match(cookieLine(res, '__Host-cc_session'), /^__Host-cc_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=\d+$/);
  assertSecurityHeaders(res.headers, { hsts: true });
  const home = await c.get('/home');
  assert.equal(home.status, 200);
  assert.match(home.text, /id="home-org">Fabrikam Distribution</);

  // the same session id under the unprefixed name is not a session (a cookie planted over http)
  const planted = await fetch(`${BASE}/home`, { redirect: 'manual', headers: { Cookie: `cc_session=${c.cookies.get('__Host-cc_session')}` } });
  await planted.text();
  assert.equal(planted.status, 303);
  assert.match(planted.headers.get('location'), /^\/signin/);

  const out = await c.post('/signout', {}, { headers: https });
  assert.equal(out.status, 303);
  assert.match(cookieLine(out, '__Host-cc_session'), /^__Host-cc_session=; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=0$/);
});

test('with BASE_URL set, its origin is the one browsers must send', async () => {
  await restartOn(confWith('secure-base', { SECURE_COOKIES: 1, BASE_URL: 'https://portal.example/channel' }));
  const c = new Client();
  await c.get('/signin');
  const fields = { upn: DEMO.provider.upn, password: DEMO.provider.password };
  assert.equal((await c.post('/signin', fields, { headers: { Origin: `https://${host}` } })).status, 403);
  await c.get('/signin');
  const res = await c.post('/signin', fields, { headers: { Origin: 'https://portal.example' } });
  assert.equal(res.status, 303);
  assert.ok(cookieLine(res, '__Host-cc_session'));
});

test('back on plain http: plain cookie names, no HSTS', async () => {
  await restartOn(CONF);
  const form = await new Client().get('/signin');
  assertSecurityHeaders(form.headers, { hsts: false });
  assert.match(cookieLine(form, 'cc_csrf'), /SameSite=Strict; Max-Age=\d+$/);
  assertSecurityHeaders((await fetch(`${BASE}/static/style.css`)).headers, { hsts: false });
});
