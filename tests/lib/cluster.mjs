// cluster.mjs: the cluster layout of a test configuration (DB_NODES, MEMCACHED_SERVERS, APP_POOLS, MAILERS) for
// the failover tests (tests/cluster/): SQL on one chosen Galera node over TCP (async: the load keeps running
// while a query waits), each node's wsrep state, which node the app's pools are connected to, and ctl.sh's
// per-node commands, run in a process group of their own so the servers they start outlive the test.
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { CONF, VAR } from './client.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// channel.conf as ctl.sh sources it: KEY=value, a value possibly in double or single quotes.
export function readConf(path = CONF) {
  const conf = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = line.match(/^([A-Z_][A-Z0-9_]*)=(.*)$/);
    if (!m) continue;
    conf[m[1]] = m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return conf;
}

export const conf = readConf();
const list = (v) => (v || '').split(',').map((s) => s.trim()).filter(Boolean);

// The Galera nodes (n counts from 1, as ctl.sh's per-node commands do); a single server when DB_NODES is empty.
export const dbNodes = list(conf.DB_NODES).length
  ? list(conf.DB_NODES).map((hp, i) => { const [host, port] = hp.split(':'); return { n: i + 1, host, port: Number(port) }; })
  : [{ n: 1, host: conf.DB_HOST || '127.0.0.1', port: Number(conf.DB_PORT) }];
export const memcachedServers = list(conf.MEMCACHED_SERVERS).length ? list(conf.MEMCACHED_SERVERS)
  : [conf.MEMCACHED_SOCKET || `${VAR}/run/memcached.sock`];
export const appPools = Number(conf.APP_POOLS || 1);
export const workersPerPool = Number(conf.WORKERS) || 2;
export const mailers = Number(conf.MAILERS || 1);
// with MAILERS > 1 ctl.sh gives mailer N its own MAIL_DIR, VAR/mail/mailer-N (a message sent twice shows)
export const mailDirs = mailers > 1 ? Array.from({ length: mailers }, (_, i) => `${VAR}/mail/mailer-${i + 1}`)
  : [conf.MAIL_DIR || `${VAR}/mail`];

// Run QUERY on NODE as the application's database user over TCP; the tab-separated rows, trimmed. Rejects when the
// node does not answer within TIMEOUT ms (a killed node refuses at once, a hung one would wait).
export function nodeSql(node, query, { timeout = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    // the statements on stdin: a batch of arrangements is longer than one argument may be
    const p = execFile('mariadb', ['--no-defaults', '-h', node.host, '-P', String(node.port), '--protocol=TCP', '-u', conf.DB_USER,
      '--connect-timeout=2', conf.DB_NAME, '-N', '-B'],
    { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, MYSQL_PWD: conf.DB_PASSWORD } },
    (err, stdout, stderr) => {
      if (err) reject(new Error(`node ${node.n} (${node.host}:${node.port}): ${(stderr || err.message).trim()}`));
      else resolve(stdout.trim());
    });
    p.stdin.on('error', () => {});
    p.stdin.end(query);
  });
}

// QUERY on the first node that answers (a killed node is passed by); causal (wsrep_sync_wait) so that what a node
// has not applied yet is waited for, not missed.
export async function anySql(query, { exclude = [] } = {}) {
  let last;
  for (const node of dbNodes.filter((x) => !exclude.includes(x.n))) {
    try { return await nodeSql(node, `${CAUSAL}${query}`); } catch (e) { last = e; }
  }
  throw last;
}
const CAUSAL = conf.DB_NODES ? 'SET SESSION wsrep_sync_wait = 1; ' : '';
// QUERY on NODE, causally: it first applies every write-set the cluster committed before the query
export const causalSql = (node, query) => nodeSql(node, `${CAUSAL}${query}`);

// The node's wsrep status variables (wsrep_cluster_size, wsrep_local_state_comment, ...) as an object; null when it
// does not answer.
export async function wsrep(node) {
  try {
    const rows = await nodeSql(node, "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_cluster_size', "
      + "'wsrep_local_state_comment', 'wsrep_ready', 'wsrep_cluster_status', 'wsrep_last_committed', 'wsrep_connected')",
    { timeout: 5000 });
    return Object.fromEntries(rows.split('\n').filter(Boolean).map((l) => l.split('\t')));
  } catch { return null; }
}

// The node the app is using: the one holding the most connections of the application's user (the pools' workers
// and the mailers connect to the first live node of DB_NODES); not this query's own connection.
export async function appNode() {
  const counts = await Promise.all(dbNodes.map(async (node) => {
    try {
      return Number(await nodeSql(node, `SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '${conf.DB_USER}' `
        + 'AND ID <> CONNECTION_ID()', { timeout: 5000 }));
    } catch { return -1; }
  }));
  // none seen (the app connects as another account than this one's, which then sees none of its threads): the first
  // node that answers, where the app connects
  let best = counts.findIndex((c) => c >= 0);
  counts.forEach((c, i) => { if (c > counts[best]) best = i; });
  if (best < 0) best = 0;
  return { node: dbNodes[best], counts };
}

// ctl.sh (or CLUSTER_CTL, a stand-in) with the test configuration, in a process group of its own so a server it
// starts outlives this process; its output goes to VAR/log/cluster-ctl.log, not to a pipe a daemon could hold open.
// Resolves with { ms, output } once it exits 0; rejects naming the command and the end of its output otherwise.
export function ctlCommand(...args) {
  const ctl = process.env.CLUSTER_CTL || `${ROOT}scripts/ctl.sh`;
  const logPath = `${VAR}/log/cluster-ctl.log`;
  const from = (() => { try { return statSync(logPath).size; } catch { return 0; } })();
  const fd = openSync(logPath, 'a');
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(ctl, ['--conf', CONF, ...args], { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      const output = readFileSync(logPath, 'utf8').slice(from);
      const ms = performance.now() - t0;
      if (code === 0) resolve({ ms, output });
      else reject(new Error(`ctl.sh ${args.join(' ')} exited ${code ?? signal} after ${Math.round(ms)} ms: ${output.slice(-1500)}`));
    });
  });
}

// Wait until CHECK() (async) gives a truthy value; that value, or an error naming WHAT after MS.
export async function until(what, check, ms = 60000, every = 250) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try { const v = await check(); if (v) return v; } catch (e) { last = e; }
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(every);
  }
}

// A node's MariaDB error log: VAR/log/mysqld-N.log as ctl.sh writes it (else a file under VAR/log naming node N).
export function nodeLogs(n) {
  let files = [];
  try { files = readdirSync(`${VAR}/log`); } catch { return []; }
  if (files.includes(`mysqld-${n}.log`)) return [`${VAR}/log/mysqld-${n}.log`];
  return files.filter((f) => new RegExp(`(mysql|maria|db|galera|node)[^0-9]*[-_.]${n}(\\.|-|_|$)`, 'i').test(f)
    && !/install|recover|ctl/i.test(f)).map((f) => `${VAR}/log/${f}`);
}
// The sizes of PATHS now, for stateTransfer() to read what they gain from here.
export const logSizes = (paths) => Object.fromEntries(paths.map((p) => [p, (() => { try { return statSync(p).size; } catch { return 0; } })()]));
// How a node caught up when it rejoined, from what its log (FROM: logSizes() before) gained since: an incremental
// state transfer of the write-sets it missed (IST) or a full snapshot (SST); the lines that say so.
export function stateTransfer(from) {
  const lines = [];
  for (const [path, size] of Object.entries(from)) {
    let text = '';
    try { text = readFileSync(path).subarray(size).toString('utf8'); } catch { continue; }
    lines.push(...text.split('\n').filter((l) => /\b(IST|SST)\b|[Ss]tate transfer/.test(l)));
  }
  const all = lines.join('\n');
  // the SST script runs for an IST too and says which it did ("rsync IST completed on joiner"); the joiner then logs
  // "SST received" either way, and after a full SST may receive the write-sets since the snapshot by IST as well
  const script = [...all.matchAll(/WSREP_SST: \[INFO\] \S+ (SST|IST) completed on joiner/g)].map((m) => m[1]).pop();
  const kind = script || (/Receiving IST|IST received/.test(all) ? 'IST' : /SST received|SST succeeded/.test(all) ? 'SST'
    : lines.length ? 'unknown' : 'none');
  return { kind, lines };
}

// The text the files of FROM (a logSizes()) gained since.
export function logSince(from) {
  return Object.entries(from).map(([path, size]) => {
    try { return readFileSync(path).subarray(size).toString('utf8'); } catch { return ''; }
  }).join('\n');
}
// App pool N's log (workers-N.log with several pools, workers.log with one): a line per request it answered.
export const poolLog = (n) => (appPools > 1 ? `${VAR}/log/workers-${n}.log` : `${VAR}/log/workers.log`);

// An open transaction on NODE holding the rows KEYS of api_idempotency for token TOKEN_ID, uncommitted: a call that
// claims one of those keys on that node waits for the row lock until release() rolls the transaction back (then it
// runs as if nothing had been there). How the pool kill's test keeps requests in flight on every worker.
export async function holdIdempotencyKeys(node, tokenId, keys) {
  const p = spawn('mariadb', ['--no-defaults', '-h', node.host, '-P', String(node.port), '--protocol=TCP', '-u', conf.DB_USER,
    '--connect-timeout=2', conf.DB_NAME, '-N', '-B', '--unbuffered'],
  { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MYSQL_PWD: conf.DB_PASSWORD } });
  let out = '', err = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { err += d; });
  p.stdin.on('error', () => {});
  const exited = new Promise((resolve) => p.on('exit', resolve));
  const rows = keys.map((k) => `(${tokenId}, '${k}', REPEAT('x', 32), 0, '', UTC_TIMESTAMP())`).join(', ');
  p.stdin.write(`BEGIN; INSERT INTO api_idempotency (token_id, idempotency_key, request_hash, status, response, created_at) VALUES ${rows}; SELECT 'held';\n`);
  const release = async () => {
    if (p.exitCode === null) p.stdin.end('ROLLBACK;\n');
    await Promise.race([exited, sleep(3000)]);
    if (p.exitCode === null) p.kill();
  };
  try {
    await until(`the held keys on node ${node.n}`, () => {
      if (p.exitCode !== null) throw new Error(err.trim() || `mariadb exited ${p.exitCode}`);
      return out.includes('held');
    }, 5000, 10);
  } catch (e) { await release(); throw e; }
  return { release };
}

// How many of the app's statements claiming an Idempotency-Key are under way on the nodes (waiting on a held row).
export async function claimsWaiting() {
  const counts = await Promise.all(dbNodes.map((node) => nodeSql(node, `SELECT COUNT(*) FROM information_schema.PROCESSLIST
    WHERE USER = '${conf.DB_USER}' AND INFO LIKE 'INSERT INTO api_idempotency%' AND ID <> CONNECTION_ID()`, { timeout: 3000 })
    .then(Number, () => 0)));
  return counts.reduce((a, b) => a + b, 0);
}
