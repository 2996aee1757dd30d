// memcached.test.mjs: memcached killed, then hung (SIGSTOP), under the load of several signed-in users. Nobody
// is signed out (every request answers the user's own page), sign-in and sign-out keep working, and once each
// worker's circuit breaker has opened, requests no longer wait for the cache: no page becomes slow.
// Brings memcached back (SIGCONT, start) before it ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client, CONF, VAR, ctl, pidOf } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';
import { cacheInUse } from '../lib/memcache.mjs';

const CACHE_TIMEOUT_MS = 50;  // libmemcached's poll timeout in session.c
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ctlAsync = (cmd) => promisify(execFile)(new URL('../../scripts/ctl.sh', import.meta.url).pathname, ['--conf', CONF, cmd]);
const whoOrg = (page) => page.text.match(/<span class="who-org">([^<]*)<\/span>/)?.[1];
const workers = Number(readFileSync(CONF, 'utf8').match(/^WORKERS=(\d+)/m)[1]) || 2;
const logLines = (re) => readFileSync(`${VAR}/log/workers.log`, 'utf8').split('\n').filter((l) => re.test(l));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function users(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const org = arrangeOrg(i % 2 ? 'reseller' : 'provider', 'Cache Fault');
    out.push({ org, c: await signedIn(org.admin) });
  }
  return out;
}

// Every user asks for their home page again and again until STOP() says so; each answer must be their own
// page (a redirect to /signin would mean they were signed out). The durations, in ms.
async function load(list, stop) {
  const times = [];
  await Promise.all(list.map(async ({ org, c }) => {
    while (!stop()) {
      const t0 = performance.now();
      const home = await c.get('/home');
      times.push(performance.now() - t0);
      assert.equal(home.status, 200, `${org.admin.upn} got ${home.status} ${home.location ?? ''}`);
      assert.equal(whoOrg(home), org.name);
    }
  }));
  return times;
}

const loadFor = (list, ms) => { const end = Date.now() + ms; return load(list, () => Date.now() > end); };

// A sign-in and a sign-out while the cache is down or hung: both work, and a sign-in takes no seconds.
async function signInAndOut(who) {
  const c = new Client();
  const t0 = performance.now();
  await c.signIn(who);
  const took = performance.now() - t0;
  assert.ok(took < 1000, `a sign-in took ${Math.round(took)} ms`);
  await c.get('/home');
  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/signin?signed_out=1');
  assert.equal((await c.get('/home')).status, 303);
  return took;
}

test('memcached killed and started again under signed-in load: nobody is signed out, sign-in and sign-out work', async () => {
  const list = await users(4);
  const extra = arrangeOrg('provider', 'Cache Fault');
  let stopped = false;
  const running = load(list, () => stopped);
  try {
    await sleep(300);
    await ctlAsync('stop-memcached');
    await sleep(700);
    await signInAndOut(extra.admin);
    await ctlAsync('start-memcached');
    await sleep(500);
  } finally {
    stopped = true;
    await running.catch(() => {});
    ctl('start-memcached');
  }
  const times = await running;
  assert.ok(times.length > 20, `${times.length} requests`);
  await cacheInUse(() => list[0].c.get('/home'));
  await signInAndOut(extra.admin);
});

test('memcached hung under signed-in load: after the breaker opens no request waits for it, and no page is slow', async (t) => {
  const list = await users(4);
  const extra = arrangeOrg('provider', 'Cache Fault');
  await cacheInUse(() => list[0].c.get('/home'));
  const normal = await loadFor(list, 2000);
  const opened = logLines(/memcached failed/).length, closed = logLines(/memcached answers again/).length;
  const undeleted = logLines(/was not deleted/).length;
  process.kill(pidOf('memcached'), 'SIGSTOP');
  let hung, signin;
  try {
    hung = await loadFor(list, 3000);  // shorter than the breaker's 5 s: each worker pays the timeout once
    signin = await signInAndOut(extra.admin);
  } finally {
    process.kill(pidOf('memcached'), 'SIGCONT');
  }
  const openings = logLines(/memcached failed/).length - opened;
  // a worker that waits for the cache also holds up the requests queued behind it: at most every request in
  // flight (one per user) per breaker opening; without the breaker it would be every request
  const slowMs = CACHE_TIMEOUT_MS + median(normal);
  const slow = hung.filter((ms) => ms >= slowMs);
  // a busy machine makes some requests that slow with memcached healthy too: as many of them (for as many
  // requests) are not the cache's doing; without the breaker every request would pay the timeout
  const noise = Math.ceil(normal.filter((ms) => ms >= slowMs).length * hung.length / Math.max(normal.length, 1));
  t.diagnostic(`normal: ${normal.length} requests, median ${median(normal).toFixed(1)} ms; hung: ${hung.length} requests, `
    + `median ${median(hung).toFixed(1)} ms, ${slow.length} slower than the cache timeout (${noise} expected of a busy machine); `
    + `a sign-in ${Math.round(signin)} ms`);
  assert.ok(slow.length <= Math.max(list.length * workers + 2, hung.length / 20) + noise,
    `${slow.length} of ${hung.length} requests paid the cache timeout: ${slow.map(Math.round)}`);
  assert.ok(median(hung) <= 2 * median(normal) + 10,
    `median ${median(hung).toFixed(1)} ms with memcached hung, ${median(normal).toFixed(1)} ms normally`);
  assert.ok(openings >= 1 && openings <= workers, `the breaker opened ${openings} times for ${workers} workers (one line each)`);
  assert.ok(logLines(/was not deleted/).length > undeleted, 'the cache entry the sign-out could not delete is logged');
  await cacheInUse(() => list[0].c.get('/home'));
  assert.equal(logLines(/memcached answers again/).length - closed, openings, 'each breaker closes again, and says so');
  const after = await loadFor(list, 1000);
  assert.ok(after.length > 10);
});
