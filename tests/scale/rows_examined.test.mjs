// rows_examined.test.mjs: the pages that must cost O(page size) whatever the data size, checked at 100,000
// customers (bench/generate into the test stack's database): the provider's Customers list (first, deep and
// last page, a search, the reseller filter), a reseller's Customers list and a subscription with 2,000 orders
// each examine at most ROWS_MAX rows and run at most the statements the design allows (session read + at most
// 4 list statements + the reseller options, + the filter's partner check).
//
// How it counts: MariaDB's slow log with long_query_time=0, written to mysql.slow_log, gives every statement
// its rows_examined and its connection (thread_id). The workers are restarted so that their connections pick up
// long_query_time=0; a page's statements are those of the connection that read the session for it, so the
// mailer polling in the background (its own connection, which never reads sessions) is not counted. Not timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { CONF, DEMO, VAR, ctl, sql } from '../lib/client.mjs';
import { signedIn } from '../lib/arrange.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CUSTOMERS = 100000;
const ROWS_MAX = 500;       // rows examined by a page: all its statements but the two with budgets of their own
const LIST_STATEMENTS = 4;  // the page, the partners of its customers, their subscriptions, the count
const RESELLER = { upn: 'kim@wideworld.onmicrosoft.com', password: 'WideWorld-demo-2026' };

// as the database's administrator (the user ctl.sh starts MariaDB as, over its socket)
const admin = (query) => execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`,
  '-u', userInfo().username, '-N', '-B', '-e', query], { encoding: 'utf8' }).trim();

// Two statements have budgets of their own instead of counting against the page's ROWS_MAX:
// - the reseller select of the provider's pages reads every live partnership of the provider: O(partners), not
//   O(customers): a few rows per partner;
// - a filter's or search's total counted up to the cap ("More than 100 customers match": COUNT(*) over a
//   LIMIT 101 subquery) reads up to 101 matches, each through a few rows: O(cap), not O(customers).
const CAP = 101;
const isResellerOptions = (text) => /\bFROM partnerships\b/i.test(text) && !/customer_relationships/i.test(text);
const isCappedCount = (text) => /^\s*SELECT COUNT\(\*\) FROM \(/i.test(text) && new RegExp(`LIMIT ${CAP}\\b`).test(text);
const ownBudget = (s) => isResellerOptions(s.text) || isCappedCount(s.text);

let saved;
let w;
before(async () => {
  const started = Date.now();
  const out = execFileSync(`${ROOT}bench/generate`, ['--conf', CONF, String(CUSTOMERS)], { encoding: 'utf8' });
  console.log(`bench/generate ${CUSTOMERS}: ${((Date.now() - started) / 1000).toFixed(1)} s\n${out.trim()}`);
  saved = admin("SELECT CONCAT_WS(' ', @@global.slow_query_log, @@global.log_output, @@global.long_query_time)").split(' ');
  admin("SET GLOBAL log_output = 'TABLE', long_query_time = 0, slow_query_log = 1");
  ctl('stop-workers');
  ctl('start-workers');

  const provider = sql(`SELECT o.id FROM organizations o JOIN tenants t ON t.id = o.tenant_id
    WHERE t.domain = 'fabrikam.onmicrosoft.com' AND o.kind = 'provider'`);
  const wideworld = sql(`SELECT o.id FROM organizations o JOIN tenants t ON t.id = o.tenant_id
    WHERE t.domain = 'wideworld.onmicrosoft.com' AND o.kind = 'reseller'`);
  const first = sql(`SELECT o.name FROM organizations o JOIN tenants t ON t.id = o.tenant_id
    WHERE t.domain = 'bench-c1.onmicrosoft.com'`);
  const history = sql(`SELECT s.id FROM subscriptions s JOIN organizations o ON o.id = s.customer_org_id
    JOIN tenants t ON t.id = o.tenant_id WHERE t.domain = 'bench-c1.onmicrosoft.com' ORDER BY s.id LIMIT 1`);
  const total = Number(sql(`SELECT COUNT(*) FROM customer_relationships WHERE partner_org_id = ${provider} AND ended_at IS NULL`));
  const partners = Number(sql(`SELECT COUNT(*) FROM partnerships WHERE provider_org_id = ${provider} AND ended_at IS NULL`));
  w = { provider, wideworld, word: first.split(' ')[0], history, total, partners };
  w.dana = await signedIn(DEMO.provider);
  w.kim = await signedIn(RESELLER);
  // a deep page: the keyset cursor of the middle customer once the list pages by cursor, else its page number
  const page1 = await w.dana.get('/customers');
  if (/(\?|&amp;)after=/.test(page1.text)) {
    const [id, name] = sql(`SELECT customer_org_id, customer_name FROM customer_relationships
      WHERE partner_org_id = ${provider} AND ended_at IS NULL ORDER BY customer_name, customer_org_id
      LIMIT 1 OFFSET ${Math.floor(total / 2)}`).split('\t');
    w.deep = `/customers?after=${encodeURIComponent(`${id}:${name}`)}`;
    w.last = '/customers?last=1';
  } else {
    const pages = Math.ceil(total / 10);
    w.deep = `/customers?page=${Math.floor(pages / 2)}`;
    w.last = `/customers?page=${pages}`;
  }
});

after(() => {
  if (saved) admin(`SET GLOBAL slow_query_log = ${saved[0]}, log_output = '${saved[1]}', long_query_time = ${saved[2]}`);
  admin('TRUNCATE mysql.slow_log');
  ctl('stop-workers');
  ctl('start-workers');
});

const logTail = () => readFileSync(`${VAR}/log/workers.log`, 'utf8').split('\n').slice(-8).join('\n');

// The statements one request ran: rows of the slow log from the connection that read the request's session.
async function statementsOf(client, path) {
  const warm = await client.get(path);  // prepared statements and the cached user record in place first
  assert.equal(warm.status, 200, `${path} answers 200; the workers' log ends:\n${logTail()}`);
  admin('TRUNCATE mysql.slow_log');
  const res = await client.get(path);
  assert.equal(res.status, 200, `${path} answers 200; the workers' log ends:\n${logTail()}`);
  await new Promise((r) => setTimeout(r, 100));  // the log row of the last statement is written as it ends
  const rows = admin(`SELECT thread_id, rows_examined, REPLACE(REPLACE(sql_text, '\\n', ' '), '\\t', ' ')
    FROM mysql.slow_log ORDER BY start_time`).split('\n').filter(Boolean).map((l) => {
    const [thread, examined, text] = l.split('\t');
    return { thread, examined: Number(examined), text };
  });
  const threads = new Set(rows.filter((r) => /\bFROM sessions WHERE id_hash\b/.test(r.text)).map((r) => r.thread));
  assert.equal(threads.size, 1, `one connection read the session for ${path}`);
  return { res, statements: rows.filter((r) => threads.has(r.thread)) };
}

// Checks PATH for CLIENT against the budgets: EXTRA statements besides the session read, the list statements
// and (for a provider) the reseller options.
async function check(client, path, { provider = true, extra = 0 } = {}) {
  const { res, statements } = await statementsOf(client, path);
  const sum = (list) => list.reduce((n, s) => n + s.examined, 0);
  const examined = sum(statements.filter((s) => !ownBudget(s)));
  const options = statements.filter((s) => isResellerOptions(s.text)), capped = statements.filter((s) => isCappedCount(s.text));
  const detail = () => statements.map((s) => `  ${String(s.examined).padStart(7)}  ${s.text.slice(0, 160)}`).join('\n');
  console.log(`${path}: ${statements.length} statements, ${examined} rows examined ` +
    `(+ ${sum(options)} for the reseller options, + ${sum(capped)} for a capped count)`);
  const allowed = 1 + LIST_STATEMENTS + (provider ? 1 : 0) + extra;
  assert.ok(statements.length <= allowed, `${path} ran ${statements.length} statements, at most ${allowed} allowed:\n${detail()}`);
  assert.ok(examined <= ROWS_MAX, `${path} examined ${examined} rows, at most ${ROWS_MAX} allowed:\n${detail()}`);
  for (const o of options)
    assert.ok(o.examined <= 5 * (w.partners + 1), `the reseller options examined ${o.examined} rows for ${w.partners} partners:\n${detail()}`);
  for (const c of capped)
    assert.ok(c.examined <= 4 * CAP, `a count capped at ${CAP} examined ${c.examined} rows:\n${detail()}`);
  return res;
}

const listed = (text) => [...text.matchAll(/<details class="customer" id="customer-(\d+)">/g)].length;

test('the first page of the provider\'s Customers list', async () => {
  assert.ok(listed((await check(w.dana, '/customers')).text) >= 1);
});

test('a deep page of the provider\'s Customers list (the middle customer)', async () => {
  assert.ok(listed((await check(w.dana, w.deep)).text) >= 1, w.deep);
});

test('the last page of the provider\'s Customers list', async () => {
  assert.ok(listed((await check(w.dana, w.last)).text) >= 1, w.last);
});

test('a name search for a rare word', async () => {
  const res = await check(w.dana, `/customers?q=${encodeURIComponent(w.word)}`);
  assert.ok(listed(res.text) >= 1, `the search for ${w.word} finds customers`);
});

test('the reseller filter', async () => {
  const res = await check(w.dana, `/customers?reseller=${w.wideworld}`, { extra: 1 });  // + the partner check
  assert.ok(listed(res.text) >= 1);
});

test("a reseller's Customers list", async () => {
  assert.ok(listed((await check(w.kim, '/customers', { provider: false })).text) >= 1);
});

test('a subscription with 2,000 orders', async () => {
  // the subscription, its order history (a page of it), the reseller and support contact choices: a constant
  const res = await check(w.dana, `/subscriptions/view?id=${w.history}`, { extra: 1 });
  assert.match(res.text, /<h1>/);
});
