// mariadb.test.mjs: the order pages while MariaDB fails under them: killed (SIGKILL) and restarted under a
// writer; a COMMIT whose connection dies (the outcome is unknown to the page); a statement that fails because
// the code or the schema is wrong (a 500 with a log line, never "try again"). Each test leaves the stack running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CONF, Client, DEMO, VAR, pidOf, sql } from '../lib/client.mjs';
import { arrangeChain, signedIn } from '../lib/arrange.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// In a process group of its own, so the server outlives this test file's process.
const startMariadb = () => new Promise((resolve, reject) => {
  const p = spawn(`${ROOT}scripts/ctl.sh`, ['--conf', CONF, 'start-mariadb'], { detached: true, stdio: 'ignore' });
  p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`start-mariadb exited ${code}`))));
});
const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const newKey = () => randomBytes(32).toString('hex');
const keyOf = (text) => text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];
const orderOfKey = (key) => sql(`SELECT id FROM orders WHERE order_key = '${key}'`);
const audited = (id) => Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'order.placed' AND detail LIKE 'order ${id} %'`));
const placedId = (res) => (res.status === 303 && (res.location || '').match(/^\/orders\/view\?id=(\d+)$/) || [])[1];
// what a refusal must never say when the order may exist
const SAYS_NOTHING_HAPPENED = /nothing was (changed|ordered)|No order was placed/;

const arrangeWorld = () => arrangeChain('Fault');

async function until(what, check, ms = 20000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    try { const v = check(); if (v) return v; } catch { /* not yet */ }
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The message of an error page, without the layout.
const pageMessage = (html) => ((html.match(/<main[^>]*>([\s\S]*?)<\/main>/) || [])[1] || html.slice(0, 300)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

// A POST that never throws: a refused connection is an answer too (status 0).
async function attempt(c, path, fields) {
  try { return await c.post(path, fields); } catch (e) { return { status: 0, text: String(e), location: null }; }
}

// The customer's orders by key: id, audit rows, lines.
function ordersByKey(customer) {
  const rows = sql(`SELECT o.order_key, o.id, (SELECT COUNT(*) FROM audit_log a WHERE a.action = 'order.placed'
    AND a.detail LIKE CONCAT('order ', o.id, ' %')), (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id)
    FROM orders o WHERE o.customer_org_id = ${customer.id}`);
  return new Map(rows.split('\n').filter(Boolean).map((l) => l.split('\t')).map(([key, id, audits, lines]) => [key, { id, audits, lines }]));
}

test('MariaDB killed twice under a writer: every acknowledged order exists once with its audit row, every refused one is absent or found by the same form', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  await c.get(path);  // the CSRF token
  const std = offer('CP-STD');
  const answers = [];
  let writing = true;
  const writer = (async () => {
    for (let i = 0; writing; i++) {
      const key = newKey();
      const res = await attempt(c, path, { order_key: key, [`licenses_${std}`]: String(1 + (i % 50)) });
      answers.push({ key, status: res.status, location: res.location, text: res.text });
      if (res.status !== 303) await sleep(50);
    }
  })();
  for (const pause of [1500, 2500]) {
    await sleep(pause);
    const pid = pidOf('mysqld');
    process.kill(pid, 'SIGKILL');
    await until('mysqld to be gone', () => { try { process.kill(pid, 0); return false; } catch { return true; } });
    await startMariadb();
  }
  await sleep(1500);
  writing = false;
  await writer;

  const acknowledged = answers.filter((a) => placedId(a));
  const refused = answers.filter((a) => !placedId(a));
  for (const a of refused.filter((x) => x.status !== 503)) console.log(`# refused with ${a.status}: ${pageMessage(a.text)}`);
  console.log(`# ${answers.length} orders posted: ${acknowledged.length} acknowledged, ${refused.length} refused ` +
    `(${[...new Set(refused.map((a) => a.status))].join(', ')})`);
  assert.ok(acknowledged.length >= 5, 'orders were placed before, between and after the kills');
  assert.ok(refused.length >= 1, 'the kills refused some orders');
  const placed = ordersByKey(w.customer);
  for (const a of acknowledged) {
    const id = placedId(a);
    assert.deepEqual(placed.get(a.key), { id, audits: '1', lines: '1' }, `order ${id}: exists with its audit row and line`);
  }
  let foundAgain = 0;
  for (const a of refused) {
    // a server that went away is no programming error (500), and never an acknowledgement
    assert.ok(a.status !== 500 && (a.status === 0 || a.status >= 400), `refused with ${a.status}: ${pageMessage(a.text)}`);
    const existing = placed.get(a.key);
    if (!existing) continue;
    // the order landed although the answer was an error: the answer must not have said nothing happened,
    // and the same form (same key) shows it
    assert.doesNotMatch(a.text, SAYS_NOTHING_HAPPENED, `order ${existing.id} exists`);
    assert.equal(placedId(await attempt(c, path, { order_key: a.key, [`licenses_${std}`]: '1' })), existing.id);
    assert.deepEqual([existing.audits, existing.lines], ['1', '1']);
    foundAgain++;
  }
  console.log(`# ${foundAgain} refused orders had been placed and were found again by their form`);
  // every order placed exactly once: one per key, one subscription per order, nothing without an order
  assert.equal(sql(`SELECT COUNT(*) FROM (SELECT order_key FROM orders GROUP BY order_key HAVING COUNT(*) > 1) d`), '0');
  const orders = Number(sql(`SELECT COUNT(*) FROM orders WHERE customer_org_id = ${w.customer.id}`));
  assert.equal(Number(sql(`SELECT COUNT(*) FROM subscriptions WHERE customer_org_id = ${w.customer.id}`)), orders);
  assert.ok(orders >= acknowledged.length && orders <= answers.length);
  // and the site serves normally afterwards
  assert.equal((await c.get('/home')).status, 200);
  const key = keyOf((await c.get(path)).text);
  const id = placedId(await c.post(path, { order_key: key, [`licenses_${std}`]: '3' }));
  assert.ok(id, 'a new order after the restarts');
  assert.equal(audited(id), 1);
});

// ---- a COMMIT that does not answer: BACKUP STAGE BLOCK_COMMIT holds every commit where it is ----

// A connection of the test's own (as the OS user, who administers the test server) that holds commits until released.
async function blockCommits() {
  const admin = spawn('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', userInfo().username,
    '-N', '-B', '--unbuffered'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  admin.stdout.on('data', (d) => { out += d; });
  admin.stdin.on('error', () => {});
  const exited = new Promise((resolve) => admin.on('exit', resolve));
  const release = async () => {
    if (admin.exitCode === null) admin.stdin.end('BACKUP STAGE END;\n');
    await Promise.race([exited, sleep(5000)]);
    admin.kill();
  };
  admin.stdin.write('BACKUP STAGE START;\nBACKUP STAGE BLOCK_COMMIT;\nSELECT \'held\';\n');
  await until('the commit lock', () => out.includes('held')).catch(async (e) => { await release(); throw e; });
  return { release };
}

const unknownCommits = () => (readFileSync(`${VAR}/log/workers.log`, 'utf8').match(/commit, outcome unknown/g) || []).length;
const waitingCommit = () => sql(`SELECT id FROM information_schema.PROCESSLIST WHERE state = 'Waiting for backup lock' AND info = 'COMMIT'`);

async function subscriptionOf(w, c, licenses) {
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  const id = placedId(await c.post(path, { order_key: keyOf((await c.get(path)).text), [`licenses_${offer('CP-STD')}`]: String(licenses) }));
  return sql(`SELECT subscription_id FROM order_lines WHERE order_id = ${id}`);
}

// A subscription of 10 licenses, its page's one-time key, and commits held from now on.
async function changeWithCommitsHeld() {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const sub = await subscriptionOf(w, c, 10);
  const key = keyOf((await c.get(`/subscriptions/view?id=${sub}`)).text);
  return { c, sub, key, hold: await blockCommits() };
}

test('a connection killed during COMMIT: the page looks the key up again, says the order was not placed only because it can prove it, and the same form places it', async () => {
  const { c, sub, key, hold } = await changeWithCommitsHeld();
  let res;
  try {
    const pending = c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: key });
    sql(`KILL CONNECTION ${await until('the order\'s COMMIT', waitingCommit)}`);
    res = await pending;
  } finally {
    await hold.release();
  }
  assert.equal(res.status, 503, res.text.slice(0, 1500));
  assert.match(res.text, /The connection to the database was lost while your order was being saved, and it was not saved: nothing was ordered or charged/);
  assert.equal(orderOfKey(key), '');
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '10');
  const again = placedId(await c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '20', order_key: key }));
  assert.ok(again, 'the same form places the order');
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '20');
  assert.equal(audited(again), 1);
});

// The server may still commit after the worker gave up, or notice the closed connection and roll back: which
// one depends on timing, so the test checks that the answer always matches what the database holds.
test('a COMMIT the worker gave up on (read timeout): the page looks the key up again and its answer matches the database', { timeout: 120000 }, async () => {
  const { c, sub, key, hold } = await changeWithCommitsHeld();
  let res;
  try {
    const unknownBefore = unknownCommits();
    const pending = c.post('/subscriptions/licenses', { subscription_id: sub, licenses: '25', order_key: key });
    await until('the order\'s COMMIT', waitingCommit);
    // the worker's read times out (DB_STATEMENT_SECONDS + 5 s) and it logs the unknown outcome; it reconnects and looks the key up
    // with a locking read, which waits for a transaction still holding the key
    await until('the worker to give up on its COMMIT', () => unknownCommits() > unknownBefore, 75000);
    await hold.release();
    res = await pending;
  } finally {
    await hold.release();
  }
  const id = orderOfKey(key);
  console.log(`# after the lost COMMIT the order ${id ? 'had landed and was shown' : 'had been rolled back'}`);
  if (id) {
    assert.equal(placedId(res), id, `the order is shown: ${res.status} ${res.text.slice(0, 1500)}`);
    assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '25');
    assert.equal(audited(id), 1, 'with its audit row, written in the same transaction');
  } else {
    assert.equal(res.status, 503, res.text.slice(0, 1500));
    assert.match(res.text, /and it was not saved: nothing was ordered or charged/);
    assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`), '10');
  }
  assert.doesNotMatch(res.text, /try again in a minute/i);
});

// ---- the statement or the schema is wrong ----

// While every audit row is refused (a trigger), run FN; the trigger is dropped whatever happens.
async function withAuditRefused(fn) {
  sql('CREATE TRIGGER fault_test_audit BEFORE INSERT ON audit_log FOR EACH ROW '
    + 'SIGNAL SQLSTATE \'45000\' SET MESSAGE_TEXT = \'the fault test refuses audit rows\'');
  try { return await fn(); } finally { sql('DROP TRIGGER fault_test_audit'); }
}

test('changes other than orders are refused with their audit row: support contact, roles, an ended partnership', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const sub = await subscriptionOf(w, c, 5);
  await c.get(`/subscriptions/view?id=${sub}`);
  const maxId = sql(`SELECT id FROM users WHERE upn = '${w.provider.sales.upn}'`);
  const [support, roles, end] = await withAuditRefused(async () => [
    await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id }),
    await c.post('/account/users/roles', { user_id: maxId, sales_agent: '1', helpdesk_agent: '1' }),
    await c.post('/resellers/end', { id: w.reseller.id }),
  ]);
  for (const res of [support, roles, end]) {
    assert.equal(res.status, 500, res.text.slice(0, 1000));
    assert.match(res.text, /This page failed because of an error in Channel Center/);
  }
  assert.equal(sql(`SELECT support_contact_org_id FROM subscriptions WHERE id = ${sub}`), String(w.provider.id), 'support contact unchanged');
  assert.equal(sql(`SELECT helpdesk_agent FROM partner_users WHERE user_id = ${maxId} AND org_id = ${w.provider.id}`), '0', 'roles unchanged');
  assert.equal(sql(`SELECT COUNT(*) FROM partnerships WHERE provider_org_id = ${w.provider.id} AND reseller_org_id = ${w.reseller.id} AND ended_at IS NULL`), '1', 'partnership still live');
  // and with the audit log writable again each change goes through with its row
  assert.equal((await c.post('/subscriptions/support-contact', { subscription_id: sub, support_org_id: w.reseller.id })).status, 303);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'subscription.support_contact' AND detail LIKE 'subscription ${sub} %'`), '1');
});

test('a sign-in and an account switch are refused with their audit row: no session row, no switched account', async () => {
  const w = arrangeWorld();
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    SELECT ${w.reseller.id}, id, 0, 1, 0, UTC_TIMESTAMP() FROM users WHERE upn = '${w.provider.admin.upn}'`);
  const c = await signedIn(w.provider.admin);
  await c.get('/account/switch');
  const userId = sql(`SELECT id FROM users WHERE upn = '${w.provider.admin.upn}'`);
  const sessionsBefore = sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${userId}`);
  const other = new Client();
  await other.get('/signin');
  const [signin, switched] = await withAuditRefused(async () => [
    await other.post('/signin', { upn: w.provider.admin.upn, password: w.provider.admin.password }),
    await c.post('/account/switch', { org_id: w.reseller.id }),
  ]);
  assert.equal(signin.status, 500, signin.text.slice(0, 1000));
  assert.equal(switched.status, 500, switched.text.slice(0, 1000));
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${userId}`), sessionsBefore, 'no session without its audit row');
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${userId} AND org_id = ${w.reseller.id}`), '0', 'not switched');
  assert.ok(!other.cookies.has('cc_session'), 'no session cookie');
});

test('an audit row that cannot be written fails its order: a 500 naming the statement in the log, and no order', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  const key = keyOf((await c.get(path)).text);
  const res = await withAuditRefused(() => c.post(path, { order_key: key, [`licenses_${offer('CP-STD')}`]: '4' }));
  assert.equal(res.status, 500, res.text.slice(0, 1500));
  assert.match(res.text, /This page failed because of an error in Channel Center/);
  assert.doesNotMatch(res.text, /try again in a minute/i);
  assert.equal(orderOfKey(key), '', 'no order without its audit row');
  assert.equal(sql(`SELECT COUNT(*) FROM subscriptions WHERE customer_org_id = ${w.customer.id}`), '0');
  assert.match(readFileSync(`${VAR}/log/workers.log`, 'utf8'), /programming error: execute: 1644 the fault test refuses audit rows; statement: INSERT INTO audit_log/);
  // once the table accepts it again the same form places the order
  const id = placedId(await c.post(path, { order_key: key, [`licenses_${offer('CP-STD')}`]: '4' }));
  assert.ok(id);
  assert.equal(audited(id), 1);
});

test('a statement on a column that is not there: 500 with the statement in the log, not 503', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const sub = await subscriptionOf(w, c, 5);
  const order = sql(`SELECT order_id FROM order_lines WHERE subscription_id = ${sub}`);
  sql('ALTER TABLE orders RENAME COLUMN monthly_total_cents TO monthly_total_renamed');
  let res;
  try {
    res = await c.get(`/orders/view?id=${order}`);
  } finally {
    sql('ALTER TABLE orders RENAME COLUMN monthly_total_renamed TO monthly_total_cents');
  }
  assert.equal(res.status, 500, res.text.slice(0, 1500));
  assert.match(readFileSync(`${VAR}/log/workers.log`, 'utf8'), /programming error: \w+: 1054 Unknown column 'o\.monthly_total_cents'.*statement: SELECT o\.id/);
  assert.equal((await c.get(`/orders/view?id=${order}`)).status, 200, 'and served again once the column is back');
});

test('a page that is not an order page answers 500 too when its statement is wrong, and says retrying will not help', async () => {
  const c = await signedIn(DEMO.vendor);
  sql('ALTER TABLE audit_log RENAME COLUMN detail TO detail_renamed');
  let res;
  try {
    res = await c.get('/admin');
  } finally {
    sql('ALTER TABLE audit_log RENAME COLUMN detail_renamed TO detail');
  }
  assert.equal(res.status, 500, res.text.slice(0, 1500));
  assert.match(res.text, /an error in Channel Center\. It has been logged for the operators; trying again will not help/);
  assert.doesNotMatch(res.text, /Try again in a minute/);
  assert.equal((await c.get('/admin')).status, 200, 'and served again once the column is back');
});
