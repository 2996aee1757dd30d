// session_trust.test.mjs: memcached is not trusted. An attacker who can write to it (forging an entry, moving
// one to another session, replaying an old one) changes nobody's organization, roles or sign-out: the
// sessions table in MariaDB decides, and cached records are authenticated. Fresh organizations, so rerunnable.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { DEMO, sql, VAR } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';
import { cacheInUse, mcGet, mcSet, memcachedSocket } from '../lib/memcache.mjs';

const whoOrg = (page) => page.text.match(/<span class="who-org">([^<]*)<\/span>/)[1];
const sessionKeys = (upn) => sql(`SELECT s.id_hash FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE u.upn = '${upn}'`).split('\n').filter(Boolean);
const workersLog = () => readFileSync(`${VAR}/log/workers.log`, 'utf8');

// These tests look at the cache: every worker must be using it (a test before may have stopped memcached).
before(async () => {
  const c = await signedIn(DEMO.provider);
  await cacheInUse(() => c.get('/home'));
});

// Sign WHO in and open /home (which caches their record); the client and the cache entry's name.
async function signedInWithEntry(who) {
  const before = new Set(sessionKeys(who.upn));
  const c = await signedIn(who);
  assert.equal((await c.get('/home')).status, 200);
  const keys = sessionKeys(who.upn).filter((k) => !before.has(k));
  assert.equal(keys.length, 1, 'one new session row');
  const name = `cc:s:${keys[0]}`;
  assert.ok(await mcGet(name), 'the signed-in user\'s record is cached');
  return { c, key: keys[0], name };
}

test('a forged or tampered cache entry makes nobody the vendor: the provider stays a provider', async () => {
  const provider = arrangeOrg('provider', 'Trust Provider');
  const { c, key, name } = await signedInWithEntry(provider.admin);
  assert.equal((await c.get('/admin')).status, 403);
  const real = (await mcGet(name)).toString('latin1');
  const forged = real.replace(`\x1fprovider\x1f${provider.name}`, '\x1fvendor\x1fForged Vendor');
  assert.notEqual(forged, real, 'the cached record names the organization kind');
  for (const value of [forged, real.replace(/^[0-9a-f]/, (d) => (d === '0' ? '1' : '0')), 'garbage', '']) {
    await mcSet(name, value);
    const admin = await c.get('/admin');
    assert.equal(admin.status, 403, 'the vendor pages stay closed');
    const home = await c.get('/home');
    assert.equal(home.status, 200, 'and the user stays signed in');
    assert.equal(whoOrg(home), provider.name);
    assert.doesNotMatch(home.text, /Forged Vendor/);
  }
  assert.match(workersLog(), new RegExp(`cache entry of session ${key.slice(0, 12)} fails authentication`),
    'a forged entry is logged');
});

test('the vendor admin\'s cache entry copied under another session\'s name is ignored', async () => {
  const provider = arrangeOrg('provider', 'Trust Provider');
  const vendor = await signedInWithEntry(DEMO.vendor);
  assert.equal((await vendor.c.get('/admin')).status, 200);
  const { c, name } = await signedInWithEntry(provider.admin);
  await mcSet(name, await mcGet(vendor.name));
  assert.equal((await c.get('/admin')).status, 403);
  assert.equal(whoOrg(await c.get('/home')), provider.name);
  assert.equal((await vendor.c.get('/admin')).status, 200, 'the vendor admin\'s own session is untouched');
});

test('a signed-out session never comes back from a replayed cache entry', async () => {
  const provider = arrangeOrg('provider', 'Trust Provider');
  const { c, name } = await signedInWithEntry(provider.admin);
  const stolen = await mcGet(name);
  const cookie = c.cookies.get('cc_session');
  await c.get('/home');
  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/signin?signed_out=1');
  assert.equal(await mcGet(name), null, 'the cached copy is dropped');
  await mcSet(name, stolen);
  c.cookies.set('cc_session', cookie);
  const home = await c.get('/home');
  assert.equal(home.status, 303, 'the row is gone, so the session is');
  assert.match(home.location, /^\/signin/);
});

test('new roles apply at once even when the old cached record is put back', async () => {
  const org = arrangeOrg('provider', 'Trust Roles');
  const admin = await signedIn(org.admin);
  const { c, name } = await signedInWithEntry(org.sales);
  assert.equal((await c.get('/customers/new')).status, 200, 'a sales agent may place orders');
  const old = await mcGet(name);
  const maxId = sql(`SELECT id FROM users WHERE upn = '${org.sales.upn}'`);
  await admin.get('/account/users');
  assert.equal((await admin.post('/account/users/roles', { user_id: maxId, helpdesk_agent: '1' })).status, 303);
  await mcSet(name, old);  // as if the eviction had failed (memcached hung at that moment)
  assert.equal((await c.get('/customers/new')).status, 403, 'a helpdesk agent may not');
});

test('memcached listens on a unix socket only its owner may open; the cache key is owner-only', () => {
  const sock = statSync(memcachedSocket());
  assert.ok(sock.isSocket());
  assert.equal(sock.mode & 0o777, 0o700);
  const key = statSync(`${VAR}/secrets/cache.key`);
  assert.equal(key.mode & 0o777, 0o600);
  assert.equal(key.size, 32);
  assert.equal(statSync(`${VAR}/secrets`).mode & 0o077, 0, 'and so is its directory');
  assert.equal(statSync(`${VAR}/run/channel.conf`).mode & 0o077, 0, 'the workers\' configuration (the database password) is owner-only');
});
