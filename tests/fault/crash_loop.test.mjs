// crash_loop.test.mjs: workers that cannot start (their configuration broken for a while) or are killed over
// and over: the supervisor stays up, restarts each slot with a back-off of its own and logs every death,
// the other worker keeps serving, and the site comes back by itself once the cause is gone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { BASE, VAR, ctl, pidOf } from '../lib/client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const LOG = `${VAR}/log/workers.log`;
const RUNTIME_CONF = `${VAR}/run/channel.conf`;

const children = (supervisor) => {
  try {
    return execFileSync('pgrep', ['-P', String(supervisor)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch { return []; }  // pgrep exits 1 when there are none
};
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
// Kill PID and wait until the supervisor reaped it: until then the kernel may still hand it a connection
// (one that arrived before it was scheduled to die), and that one request would be lost with it.
async function killAndWait(pid) {
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 100 && alive(pid); i++) await sleep(10);
}
const status = async (path) => { try { return (await fetch(BASE + path)).status; } catch { return 0; } };
const logSince = (offset) => readFileSync(LOG, 'utf8').slice(offset);
const logSize = () => readFileSync(LOG, 'utf8').length;

// The delays the supervisor logged for SLOT's deaths since OFFSET, in seconds (0: at once).
const delaysOf = (offset, slot) => [...logSince(offset).matchAll(
  new RegExp(`\\(slot ${slot}\\) (?:was killed by|exited with) [^;]+; starting another (at once|in (\\d+) s)`, 'g'))]
  .map((m) => (m[2] ? Number(m[2]) : 0));

// A back-off: at most two deaths restarted at once, then 1, 2, 4 ... 30 s (it may start mid-way, where
// an earlier test left the slot; no death here follows a 30 s healthy run that would start it over).
function assertBackoff(delays) {
  assert.ok(delays.filter((d) => d === 0).length <= 2, `${delays}`);
  for (let i = 1; i < delays.length; i++) {
    const prev = delays[i - 1], want = prev === 0 ? [0, 1] : [Math.min(prev * 2, 30)];
    assert.ok(want.includes(delays[i]), `delays ${delays}: ${delays[i]} after ${prev}`);
  }
}

// The slots' back-off state would slow down the next test that kills a worker: leave a fresh supervisor.
after(() => ctl('restart-workers'));

test('a worker killed again and again does not stop the other one from serving', async () => {
  const supervisor = pidOf('supervisor');
  const [victim, survivor] = children(supervisor);
  assert.ok(victim && survivor);
  const from = logSize();
  let served = 0;
  const t0 = Date.now();
  while (Date.now() - t0 < 4000) {
    for (const pid of children(supervisor)) if (pid !== survivor) await killAndWait(pid);
    const got = await status('/healthz');
    assert.equal(got, 200, `${got} while killing ${victim}'s slot; nginx says: ${readFileSync(`${VAR}/log/nginx-error.log`, 'utf8').slice(-600)}`);
    served++;
    await sleep(50);
  }
  assert.ok(alive(survivor), 'the other worker was never touched');
  assert.ok(alive(supervisor));
  assert.match(logSince(from), /killed by signal 9 \(Killed\) after [\d.]+ s; starting another at once/);
  const slot = Number(logSince(from).match(/worker \d+ \(slot (\d)\) was killed/)[1]);
  const delays = delaysOf(from, slot);
  assertBackoff(delays);
  assert.ok(delays.length >= 3 && delays.length <= 5, `${delays.length} deaths in 4 s: the slot backs off`);
  assert.ok(delays.at(-1) >= 2, `the delay grows: ${delays}`);
  assert.equal(delaysOf(from, 1 - slot).length, 0, 'the other slot saw no death');
  assert.ok(served >= 10, `only ${served} requests in 4 s`);
  const t1 = Date.now();
  while (Date.now() - t1 < 20000 && children(supervisor).length < 2) await sleep(100);
  assert.equal(children(supervisor).length, 2, 'the slot is filled again after its delay');
});

test('workers that die at start are retried with a growing delay, and the site recovers by itself', async () => {
  const supervisor = pidOf('supervisor');
  const good = readFileSync(RUNTIME_CONF, 'utf8');
  const from = logSize();
  // a real start-up failure: the configuration the workers read has a key they refuse
  writeFileSync(RUNTIME_CONF, `${good}WORKER_TYPO=1\n`);
  let recoveredAfter, waiting;
  try {
    for (const pid of children(supervisor)) process.kill(pid, 'SIGKILL');
    await sleep(500);
    // no worker accepts: this request waits in the socket's queue (nginx gives up only after 60 s)
    waiting = fetch(`${BASE}/healthz`).then((r) => r.status, () => 0);
    await sleep(7500);
    assert.ok(alive(supervisor), 'the supervisor must not give up');
    const log = logSince(from);
    assert.match(log, /supervisor: worker \d+ \(slot [01]\) was killed by signal 9 \(Killed\) after [\d.]+ s; starting another at once/);
    assert.match(log, /config: .*channel\.conf:\d+: WORKER_TYPO is not a setting/);
    assert.match(log, /\(slot [01]\) exited with status 1 after [\d.]+ s; starting another in 1 s/);
    for (const slot of [0, 1]) {
      const delays = delaysOf(from, slot);
      assertBackoff(delays);  // each slot on its own schedule, none spinning
      assert.ok(delays.length >= 1 && delays.length <= 6, `slot ${slot} died ${delays.length} times in 8 s: ${delays}`);
    }
  } finally {
    writeFileSync(RUNTIME_CONF, good);
    const t0 = Date.now();
    while (Date.now() - t0 < 35000 && (await status('/healthz')) !== 200) await sleep(100);
    recoveredAfter = Date.now() - t0;
  }
  assert.ok(recoveredAfter < 31000, `back within the back-off cap (30 s), not ${recoveredAfter} ms`);
  console.log(`# recovered ${recoveredAfter} ms after the configuration was repaired`);
  assert.equal(pidOf('supervisor'), supervisor, 'nobody restarted the supervisor');
  assert.equal(await waiting, 200, 'the request sent during the outage is answered once a worker is back');
  const t0 = Date.now();
  while (Date.now() - t0 < 20000 && children(supervisor).length < 2) await sleep(100);
  assert.equal(children(supervisor).length, 2);
  assert.match(logSince(from), /supervisor: worker \d+ started in slot [01]/);
});
