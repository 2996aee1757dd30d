// client.mjs: a small HTTP client for the tests: a cookie jar, forms with their CSRF token,
// and access to the test stack (services script, SQL) that run-all.sh started.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { keepHtml } from './html_keep.mjs';

export const BASE = process.env.BASE_URL || 'http://127.0.0.1:18080';
export const CONF = process.env.TEST_CONF;
export const VAR = process.env.TEST_VAR;
const ROOT = new URL('../..', import.meta.url).pathname;

export const DEMO = {
  vendor: { upn: 'admin@channelcenter.onmicrosoft.com', password: 'Vendor-demo-2026', org: 'Channel Center (vendor)' },
  provider: { upn: 'dana@fabrikam.onmicrosoft.com', password: 'Fabrikam-demo-2026', org: 'Fabrikam Distribution' },
  reseller: { upn: 'sam@contoso.onmicrosoft.com', password: 'Contoso-demo-2026', org: 'Contoso Reseller' },
  customer: { upn: 'nora@northwindtraders.onmicrosoft.com', password: 'Northwind-demo-2026', org: 'Northwind Traders' },
};

// Text as it was before the templates escaped it for HTML.
export const htmlDecode = (s) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export class Client {
  // OTHER_LANGUAGES false: a client whose requests must be the only ones (a test counting log lines)
  constructor({ otherLanguages = true } = {}) {
    this.cookies = new Map(); this.lastToken = null; this.otherLanguages = otherLanguages;
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  remember(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim(), value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (gone || value === '') this.cookies.delete(name); else this.cookies.set(name, value);
    }
  }

  async request(method, path, { body, headers = {} } = {}) {
    if (body !== undefined) rememberSentWords(typeof body === 'string' ? [...new URLSearchParams(body).values()].join(' ') : '');
    const h = { ...headers };
    if (this.cookies.size) h.Cookie = this.cookieHeader();
    if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await this.send(BASE + path, { method, headers: h, body, redirect: 'manual' });
    this.remember(res);
    const text = await res.text();
    if (/^text\/html/.test(res.headers.get('content-type') || '') && keepHtml('http', method, path, res.status, text) &&
        method === 'GET') await this.inOtherLanguages(path, h);
    const m = text.match(/name="csrf_token" value="([0-9a-f]{64})"/);
    if (m) this.lastToken = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }

  // A page seen for the first time, fetched again as the same person in Spanish (kept for the HTML check) and in
  // the pseudo-locale (kept for tests/lib/pseudo_check.mjs): GETs only, which change nothing; the answers
  // touch neither the cookie jar nor the CSRF token the test goes on with.
  async inOtherLanguages(path, headers) {
    const pseudoDir = process.env.TEST_PSEUDO_OUT;
    if (!pseudoDir || !this.otherLanguages) return;
    for (const code of ['es', 'qps']) {
      const jar = new Map(this.cookies);
      jar.set('lang', code);
      const h = { ...headers, Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
      const res = await this.send(BASE + path, { method: 'GET', headers: h, redirect: 'manual' });
      const text = await res.text();
      if (!/^text\/html/.test(res.headers.get('content-type') || '')) continue;
      if (code === 'es') keepHtml('es', 'GET', path, res.status, text);
      else keepHtml('qps', 'GET', path, res.status, text, pseudoDir);
    }
  }

  // how a request goes out; a test that needs another client address overrides it
  send(url, init) { return fetch(url, init); }

  get(path) { return this.request('GET', path); }

  // POST a form; the CSRF token of the last page seen is added unless csrf is false
  post(path, fields = {}, { csrf = true, headers } = {}) {
    const f = { ...fields };
    if (csrf && this.lastToken && !('csrf_token' in f)) f.csrf_token = this.lastToken;
    return this.request('POST', path, { body: new URLSearchParams(f).toString(), headers });
  }

  async signIn(who, next) {
    await this.get('/signin');
    const res = await this.post('/signin', { upn: who.upn, password: who.password, ...(next ? { next } : {}) });
    if (res.status !== 303) throw new Error(`sign-in failed for ${who.upn}: ${res.status}`);
    await this.get(res.location.replace(BASE, '') || '/home');
    return res;
  }
}

// The stack's own services script, on the test configuration.
export function ctl(...args) {
  return execFileSync(`${ROOT}scripts/ctl.sh`, ['--conf', CONF, ...args], { encoding: 'utf8' });
}

// The words the tests put into the product (forms sent, rows written by sql()), for pseudo_check.mjs: what a
// page may show as data even when a test has removed or changed its row by the time the check runs.
function rememberSentWords(text) {
  const dir = process.env.TEST_PSEUDO_OUT;
  if (!dir || !text) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(`${dir}/sent-words.txt`, `${text.replace(/\s+/g, ' ')}\n`);
}

// Run SQL as the application's database user (for arranging and checking state).
export function sql(query) {
  // the values only: the statement's own words (INSERT, offers, name) are no page's data
  if (/\b(INSERT|UPDATE|REPLACE)\b/i.test(query)) rememberSentWords((query.match(/'(?:[^'\\]|\\.)*'/g) || []).join(' '));
  const conf = Object.fromEntries(readFileSync(CONF, 'utf8').split('\n')
    .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return execFileSync('mariadb', ['--no-defaults', `--socket=${VAR}/run/mysqld.sock`, '-u', conf.DB_USER,
    conf.DB_NAME, '-N', '-B', '-e', query], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, MYSQL_PWD: conf.DB_PASSWORD } }).trim();
}

// Before a test deletes the activity log's rows (audit_chain.test.mjs purges them), their words are kept for
// pseudo_check.mjs: the pages rendered earlier showed those records, which the check reads from the table.
export function rememberAuditWords() {
  const dir = process.env.TEST_PSEUDO_OUT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(`${dir}/audit-words.txt`, `${sql('SELECT CONCAT_WS(\' \', detail, before_json, after_json) FROM audit_log')}\n`);
}

export function pidOf(name) {
  return Number(readFileSync(`${VAR}/run/${name}.pid`, 'utf8').trim());
}
