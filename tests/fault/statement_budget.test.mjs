// statement_budget.test.mjs: a page whose statement runs past DB_STATEMENT_SECONDS (here: it waits on a table
// another session holds with LOCK TABLES ... WRITE) answers the worker's own "took too long" page within the
// budget, not nginx's 504; MariaDB ran the statement once and stopped it; the log names it; and the page
// works again once the lock is gone. The lock is released whatever happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { CONF, DEMO, VAR } from '../lib/client.mjs';
import { signedIn } from '../lib/arrange.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const conf = () => Object.fromEntries(readFileSync(CONF, 'utf8').split('\n')
  .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const BUDGET_MS = Number(conf().DB_STATEMENT_SECONDS || 5) * 1000;
const workersLog = () => readFileSync(`${VAR}/log/workers.log`, 'utf8');
const pageMessage = (html) => ((html.match(/<main[^>]*>([\s\S]*?)<\/main>/) || [])[1] || html.slice(0, 300))
  .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

// SQL as the application's user without blocking the event loop (the page's answer is timed meanwhile).
async function sqlAsync(query) {
  const c = conf();
  const { stdout } = await promisify(execFile)('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`,
    '-u', c.DB_USER, c.DB_NAME, '-N', '-B', '-e', query], { env: { ...process.env, MYSQL_PWD: c.DB_PASSWORD } });
  return stdout.trim();
}

// The connections running a statement on TABLE now (the workers'), by id.
const runningOn = async (table) => (await sqlAsync(`SELECT ID FROM information_schema.PROCESSLIST
  WHERE ID <> CONNECTION_ID() AND COMMAND IN ('Query', 'Execute') AND INFO LIKE '%${table}%'`)).split('\n').filter(Boolean);

// A session of the test's own holding TABLE with LOCK TABLES ... WRITE until release() (its stdin stays open, so
// the lock lasts exactly as long as the test wants it).
async function lockTable(table) {
  const c = conf();
  const p = spawn('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', c.DB_USER, c.DB_NAME, '-N', '-B',
    '--unbuffered'], { env: { ...process.env, MYSQL_PWD: c.DB_PASSWORD }, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => p.on('exit', resolve));
  p.stdin.on('error', () => {});
  const release = async () => {
    if (p.exitCode === null) p.stdin.end('UNLOCK TABLES;\n');
    await Promise.race([exited, sleep(5000)]);
    p.kill();
  };
  p.stdin.write(`LOCK TABLES ${table} WRITE;\nSELECT 'locked';\n`);
  await new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => { if (String(d).includes('locked')) resolve(); });
    p.on('exit', () => reject(new Error('the lock holder ended early')));
  });
  return { release };
}

test('a statement past its budget: the page says it took too long within the budget, MariaDB ran it once and stopped it, and the next request works', { timeout: 120000 }, async () => {
  const c = await signedIn(DEMO.provider);
  assert.equal((await c.get('/customers')).status, 200);
  const lock = await lockTable('customer_relationships');
  let res, took;
  const seen = new Set();
  let left;
  try {
    const started = Date.now();
    let answered = false;
    const pending = c.get('/customers').finally(() => { answered = true; took = Date.now() - started; });
    while (!answered) {
      for (const id of await runningOn('customer_relationships')) seen.add(id);
      await sleep(100);
    }
    res = await pending;
    await sleep(300);
    left = await runningOn('customer_relationships');
  } finally {
    await lock.release();
  }
  console.log(`# answered ${res.status} after ${took} ms (budget ${BUDGET_MS} ms); connections that ran the statement: ${[...seen].join(', ')}`);
  assert.equal(res.status, 503, pageMessage(res.text));
  assert.match(pageMessage(res.text), /This page took too long to prepare and was stopped\. Narrow your search or filter, or try again in a minute\./);
  assert.ok(took >= BUDGET_MS - 500 && took < BUDGET_MS + 2500, `answered after ${took} ms, the budget is ${BUDGET_MS} ms`);
  assert.equal(seen.size, 1, `the statement ran on one connection, once: ${[...seen].join(', ')}`);
  assert.deepEqual(left, [], 'MariaDB stopped it: nothing of it is left running');
  const line = workersLog().split('\n').filter((l) => l.includes('request GET "/customers" 503')).pop() || '';
  assert.match(line, /db_error="statement took too long \(DB_STATEMENT_SECONDS=\d+\), stopped and not retried: (execute|result): 1969 Query execution was interrupted \(max_statement_time exceeded\); statement: SELECT .*customer_relationships/);
  const again = await c.get('/customers');
  assert.equal(again.status, 200, pageMessage(again.text));
});
