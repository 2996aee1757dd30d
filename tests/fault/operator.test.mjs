// operator.test.mjs: what an operator and a user see when something under the product misbehaves without
// stopping: a row lock held by another session (a long report, a stuck console), a mail directory that
// cannot take a file. Each test leaves the stack as it found it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { BASE, CONF, DEMO, VAR, ctl, sql } from '../lib/client.mjs';
import { signedIn } from '../lib/arrange.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const conf = () => Object.fromEntries(readFileSync(CONF, 'utf8').split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const workersLog = () => readFileSync(`${VAR}/log/workers.log`, 'utf8');
const pageMessage = (html) => ((html.match(/<main[^>]*>([\s\S]*?)<\/main>/) || [])[1] || html.slice(0, 300))
  .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

// Another session holding the row lock of QUERY for SECONDS; resolves once the lock is taken.
async function holdLock(query, seconds) {
  const c = conf();
  const p = spawn('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', c.DB_USER, c.DB_NAME, '-N', '-B', '--unbuffered',
    '-e', `BEGIN; ${query}; SELECT 'locked'; SELECT SLEEP(${seconds}); ROLLBACK`],
  { env: { ...process.env, MYSQL_PWD: c.DB_PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => { if (String(d).includes('locked')) resolve(); });
    p.on('exit', () => reject(new Error('the lock holder ended early')));
  });
  return p;
}

test('a row lock held by another session: the form answers a 503 within seconds, saves nothing, and the log names the lock', async () => {
  const c = await signedIn(DEMO.vendor);
  const id = sql("SELECT id FROM offers WHERE sku = 'CP-BASIC'");
  const before = sql(`SELECT name, updated_at FROM offers WHERE id = ${id}`);
  const form = await c.get(`/admin/offers/edit?id=${id}`);
  assert.equal(form.status, 200);
  const value = (name) => form.text.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))[1]
    .replace(/&amp;/g, '&');
  const fields = Object.fromEntries(['name', 'sku', 'category', 'description', 'price', 'min_licenses', 'max_licenses']
    .map((f) => [f, value(f)]));
  const holder = await holdLock(`SELECT id FROM offers WHERE id = ${id} FOR UPDATE`, 40);
  try {
    const started = Date.now();
    const res = await c.post('/admin/offers/edit', { ...fields, id, name: `${fields.name} (locked)`, active: '1' });
    const took = Date.now() - started;
    assert.equal(res.status, 503, pageMessage(res.text));
    assert.ok(took < 15000, `the answer took ${took} ms`);
    assert.match(pageMessage(res.text), /try again/i);
    assert.equal(sql(`SELECT name, updated_at FROM offers WHERE id = ${id}`), before);
    const line = workersLog().split('\n').filter((l) => l.includes('request POST "/admin/offers/edit" 503')).pop();
    assert.match(line || '', /db_error=".*Lock wait timeout/);
  } finally {
    holder.kill();
    await new Promise((resolve) => holder.on('exit', resolve));
  }
  await sleep(200);
  assert.equal((await c.get(`/admin/offers/edit?id=${id}`)).status, 200);
});

const queueMail = (subject) => sql(`INSERT INTO mail_outbox (to_addr, subject, body, created_at)
  VALUES ('operator@fabrikam.example', '${subject}', 'Hello', UTC_TIMESTAMP()); SELECT LAST_INSERT_ID()`);
const outbox = (id) => sql(`SELECT CONCAT_WS('|', IFNULL(sent_at, 'unsent'), attempts, last_error) FROM mail_outbox WHERE id = ${id}`);

async function until(what, check, ms = 15000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    const v = check();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('a mail directory that is full: the message waits with the cause recorded, and is written once there is room', async () => {
  // The next message's temporary file is /dev/full: every write to it fails with ENOSPC, as on a full disk.
  const next = Number(sql("SELECT AUTO_INCREMENT FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'mail_outbox'"));
  const eml = `${VAR}/mail/${String(next).padStart(6, '0')}.eml`;
  symlinkSync('/dev/full', `${eml}.tmp`);
  try {
    const id = Number(queueMail('Disk full'));
    assert.equal(id, next);
    // the claim counts the attempt before the write is tried: wait for the attempt's outcome, not its start
    const failed = await until('the first attempt', () => { const o = outbox(id); return o.split('|')[1] === '1' && o.split('|')[2] && o; });
    assert.match(failed, /^unsent\|1\|cannot write .*: No space left on device$/);
    assert.ok(!existsSync(eml));
    sql(`UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`);
    await until('the second attempt', () => !outbox(id).startsWith('unsent'));
    assert.match(readFileSync(eml, 'utf8'), /Subject: Disk full/);
    assert.match(outbox(id), /\|2\|$/);
  } finally {
    rmSync(`${eml}.tmp`, { force: true });
  }
});

test('the worker binary missing: start-workers gives up within seconds and shows why; once it is back the workers start', async () => {
  const worker = `${ROOT}bin/channel-worker`;
  renameSync(worker, `${worker}.aside`);
  let out = '';
  const started = Date.now();
  try {
    ctl('stop-workers');
    try {
      execFileSync(`${ROOT}scripts/ctl.sh`, ['--conf', CONF, 'start-workers'], { encoding: 'utf8', timeout: 60000, stdio: 'pipe' });
      assert.fail('start-workers said the workers came up');
    } catch (e) {
      out = `${e.stdout}${e.stderr}`;
      assert.notEqual(e.signal, 'SIGTERM', `start-workers was still waiting after ${Date.now() - started} ms`);
    }
  } finally {
    renameSync(`${worker}.aside`, worker);
  }
  assert.ok(Date.now() - started < 30000, `start-workers took ${Date.now() - started} ms to give up`);
  assert.match(out, /the workers did not come up/);
  assert.match(out, /cannot start .*channel-worker: No such file or directory/);
  ctl('stop-workers');
  ctl('start-workers');
  assert.equal((await fetch(`${BASE}/healthz`)).status, 200);
});

test('a stale pid file naming an unrelated process: start starts the mailer, stop leaves that process alone', async () => {
  const pidFile = `${VAR}/run/mailer.pid`;
  const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
  const strangerAlive = () => { try { process.kill(stranger.pid, 0); return true; } catch { return false; } };
  try {
    ctl('stop-mailer');
    writeFileSync(pidFile, `${stranger.pid}\n`);
    assert.match(ctl('start-mailer'), /mailer writing to/);
    const mailer = Number(readFileSync(pidFile, 'utf8'));
    assert.notEqual(mailer, stranger.pid);
    writeFileSync(pidFile, `${stranger.pid}\n`);
    ctl('stop-mailer');
    await sleep(300);
    assert.ok(strangerAlive(), 'stop-mailer killed the process a stale pid file named');
    process.kill(mailer, 'SIGTERM');
  } finally {
    stranger.kill();
    ctl('stop-mailer');
    ctl('start-mailer');
  }
  assert.match(ctl('status'), /mailer: running/);
});
