// memcache.mjs: talk to the test stack's memcached the way an attacker who can reach it would: its text
// protocol on the unix socket (or host:port) that the test configuration names.
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { CONF, VAR } from './client.mjs';

function endpoint() {
  const conf = Object.fromEntries(readFileSync(CONF, 'utf8').split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  if (conf.MEMCACHED_HOST) return { host: conf.MEMCACHED_HOST, port: Number(conf.MEMCACHED_PORT) };
  return { path: conf.MEMCACHED_SOCKET || `${VAR}/run/memcached.sock` };
}

// Send one command; resolve with the raw answer once DONE(buffer) says it is complete.
function exchange(command, done) {
  return new Promise((resolve, reject) => {
    const sock = connect(endpoint());
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (done(buf)) { sock.end(); resolve(buf); }
    });
    sock.on('error', reject);
    sock.setTimeout(2000, () => { sock.destroy(); reject(new Error(`memcached did not answer ${command.slice(0, 40)}`)); });
    sock.write(command);
  });
}

// The value stored under NAME (a Buffer), or null.
export async function mcGet(name) {
  const ans = await exchange(`get ${name}\r\n`, (b) => b.toString('latin1').endsWith('END\r\n'));
  const m = ans.toString('latin1').match(/^VALUE \S+ \d+ (\d+)\r\n/);
  if (!m) return null;
  const start = m[0].length;
  return ans.subarray(start, start + Number(m[1]));
}

export async function mcSet(name, value, ttl = 3600) {
  const v = Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1');
  const ans = await exchange(Buffer.concat([Buffer.from(`set ${name} 0 ${ttl} ${v.length}\r\n`), v, Buffer.from('\r\n')]),
    (b) => b.toString('latin1').endsWith('\r\n'));
  if (ans.toString('latin1') !== 'STORED\r\n') throw new Error(`memcached refused the set: ${ans}`);
}

export const memcachedSocket = () => endpoint().path;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// Workers (alive) whose session cache breaker is open: their last word in the log is "memcached failed".
export function workersSkippingCache() {
  const open = new Map();
  let log = '';
  try { log = readFileSync(`${VAR}/log/workers.log`, 'utf8'); } catch { return []; }
  for (const m of log.matchAll(/^session: worker (\d+): memcached (failed|answers again)/gm)) open.set(Number(m[1]), m[2] === 'failed');
  return [...open].filter(([pid, isOpen]) => isOpen && alive(pid)).map(([pid]) => pid);
}

// After a test that stopped memcached: wait until every worker uses the cache again (each retries on its
// first request once its breaker's few seconds are over), sending requests through TOUCH.
export async function cacheInUse(touch, timeoutMs = 15000) {
  const until = Date.now() + timeoutMs;
  while (workersSkippingCache().length) {
    if (Date.now() > until) throw new Error(`workers ${workersSkippingCache()} still skip memcached`);
    await Promise.all(Array.from({ length: 6 }, touch));
    await sleep(250);
  }
}
