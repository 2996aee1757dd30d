// load.mjs: a signed-in load for the failover tests (tests/cluster/): users looping over their own pages, an order
// writer on the partner API that retries each order with its Idempotency-Key until acknowledged, and a vendor admin
// rejecting enrollment applications (each sends one email). Every request is recorded with its start, end, status and
// what the user saw, so that each outage's figures (errors by status, time to the first success, recovery time,
// sign-outs) are computed afterwards from the same records.
import { BASE, Client } from './client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();
const REQUEST_TIMEOUT_MS = Number(process.env.CLUSTER_REQUEST_TIMEOUT_MS || 30000);

// A Client whose requests give up after REQUEST_TIMEOUT_MS (a hung tier shows as a timeout, not a hung test).
export class TimedClient extends Client {
  constructor() { super({ otherLanguages: false }); }
  send(url, init) { return fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }); }
}

// Closed, it holds every loop before its next request (those already sent go on): the pool kill's test closes it for
// an instant so that nginx receives just the requests it means to be in flight on the pools.
export class Gate {
  constructor() { this.closed = false; }
  async pass() { while (this.closed) await sleep(2); }
}

// One answer as a record: KIND get | order | mail; STATUS 0 for no answer (refused, reset, timed out).
// OUTCOME: ok, signout (the sign-in page or a redirect to it), error (5xx or no answer), wrong (any other answer).
export class Recorder {
  constructor() { this.records = []; this.open = 0; }
  add(r) { this.records.push(r); return r; }
  // RUN (a request) counted in OPEN while it is under way
  async track(run) { this.open++; try { return await run(); } finally { this.open--; } }
  // the records of requests that ended in [FROM, TO): one in flight when a tier was killed counts after the kill
  between(from, to = Infinity) { return this.records.filter((r) => r.end >= from && r.end < to); }
}

// an error page's message without the layout
const pageMessage = (html) => ((html.match(/<main[^>]*>([\s\S]*?)<\/main>/) || [])[1] || html).replace(/<[^>]+>/g, ' ')
  .replace(/\s+/g, ' ').trim().slice(0, 200);
const whoOrg = (text) => text.match(/<span class="who-org">([^<]*)<\/span>/)?.[1];
const isSignIn = (res) => ((res.status === 302 || res.status === 303) && /\/signin/.test(res.location || ''))
  || (res.status === 200 && /<form method="post" action="\/signin"/.test(res.text));

// A GET as USER (a TimedClient signed in as ORG's admin): its record.
async function userGet(user, path, rec) {
  const start = now();
  let res;
  try { res = await rec.track(() => user.c.get(path)); } catch (e) { res = { status: 0, text: String(e.cause?.code || e.name || e) }; }
  const r = { kind: 'get', who: user.org.admin.upn, path, start, end: now(), status: res.status };
  if (isSignIn(res)) r.outcome = 'signout';
  else if (res.status === 200 && whoOrg(res.text) === user.org.name) r.outcome = 'ok';
  else if (res.status === 0 || res.status >= 500) { r.outcome = 'error'; r.detail = res.status ? pageMessage(res.text) : res.text; }
  else { r.outcome = 'wrong'; r.detail = `${res.status} ${res.location || whoOrg(res.text || '') || ''}`; }
  return rec.add(r);
}

// Each of USERS ({ org, c }) asks for its home page and its customers list in turn until STOP(); PAUSE ms between.
export function userLoops(users, stop, rec, { pause = 0, gate = new Gate() } = {}) {
  return Promise.all(users.map(async (u) => {
    for (let i = 0; !stop(); i++) {
      await gate.pass();
      await userGet(u, i % 2 ? '/customers' : '/home', rec);
      if (pause) await sleep(pause);
    }
  }));
}

// POST one order with its Idempotency-Key as a partner's script does (the token in Authorization, a JSON body).
function orderPoster(token) {
  return async (path, body, key) => {
    const res = await fetch(BASE + path, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify(body) });
    const text = await res.text();
    let json;
    try { json = /^application\/json/.test(res.headers.get('content-type') || '') ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
    return { status: res.status, headers: res.headers, text, json };
  };
}

// Place logical order O ({ key, quantity }: one new subscription of OFFER with that many licenses, the quantity its
// marker in the database) until it is acknowledged (201, or the replay of it): on no answer or a 5xx the SAME key is
// sent again, on a 429 after Retry-After; any other answer refuses it for good. BEFORE() runs before each call (the
// writer's pacing and gate). Fills O's id, attempts and statuses.
async function placeOrder(o, { post, customerId, offerId, rec, before = async () => {}, giveUpMs = 90000 }) {
  Object.assign(o, { id: null, attempts: 0, statuses: [] });
  const body = { lineItems: [{ offerId: String(offerId), quantity: o.quantity }] };
  const deadline = now() + giveUpMs;
  while (!o.id && now() < deadline) {
    await before();
    const start = now();
    let res;
    try { res = await rec.track(() => post(`/v1/customers/${customerId}/orders`, body, o.key)); }
    catch (e) { res = { status: 0, text: String(e.cause?.code || e.name || e), headers: new Headers() }; }
    o.attempts++;
    o.statuses.push(res.status);
    const r = { kind: 'order', who: o.key, start, end: now(), status: res.status };
    rec.add(r);
    if ((res.status === 201 || res.status === 200) && res.json?.id) {
      o.id = res.json.id; o.replayed = res.headers.get('idempotent-replayed') === 'true'; r.outcome = 'ok';
    } else if (res.status === 0 || res.status >= 500) {
      r.outcome = 'error'; r.detail = (res.json?.description || res.text || '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 200);
      await sleep(100);
    } else if (res.status === 429) {
      r.outcome = 'throttled';
      await sleep(1000 * Number(res.headers.get('retry-after') || 1));
    } else {
      r.outcome = 'wrong'; r.detail = (res.json?.description || res.text || '').slice(0, 300);
      o.refused = r.detail;
      return o;
    }
  }
  return o;
}

// The order writer: logical order I has I+1 licenses and the key PREFIX-I; one after the other until STOP() (the
// one under way is finished), at most one call per GAP ms (the token's rate limit). ORDERS: every logical order.
export function orderWriter({ token, customerId, offerId, stop, rec, gap = 250, prefix, gate = new Gate() }) {
  const post = orderPoster(token);
  const orders = [];
  let last = 0;
  const before = async () => {
    const wait = last + gap - now();
    if (wait > 0) await sleep(wait);
    await gate.pass();  // last: nothing goes out while it is closed
    last = now();
  };
  const done = (async () => {
    for (let i = 0; !stop(); i++) {
      const o = { i, key: `${prefix}-${i}`, quantity: i + 1 };
      orders.push(o);
      await placeOrder(o, { post, customerId, offerId, rec, before });
    }
  })();
  return { orders, done };
}

// ORDERS ({ key, quantity }) sent all at once, each then placed until acknowledged as the writer does.
export function orderBurst({ token, customerId, offerId, rec, orders }) {
  const post = orderPoster(token);
  return { orders, done: Promise.all(orders.map((o) => placeOrder(o, { post, customerId, offerId, rec }))) };
}

// The vendor admin (VENDOR, a signed-in TimedClient) rejects each of APPS (enrollment applications pending review) in
// turn, one per GAP ms, until STOP() or none is left; each rejection queues one email to the application's contact.
// A rejection without an answer is sent again: 303 (rejected now) or 409 (it had been, the earlier answer was lost)
// ends it. Resolves with the applications rejected.
export function mailTrigger({ vendor, apps, stop, rec, gap = 600, gate = new Gate() }) {
  const rejected = [];
  // the session's form token, from a page of the site: an error page nginx serves while a pool is down carries a
  // form of its own (the language picker) whose token is no session's, and a person posts the form they have
  const csrf = vendor.lastToken;
  const run = (async () => {
    for (const app of apps) {
      if (stop()) break;
      for (let attempt = 0; attempt < 200; attempt++) {
        await gate.pass();
        const start = now();
        let res;
        try { res = await rec.track(() => vendor.post('/admin/enrollments/reject', { id: app.id, reason: `Cluster test ${app.tag}`, csrf_token: csrf })); }
        catch (e) { res = { status: 0, text: String(e.cause?.code || e.name || e) }; }
        const r = rec.add({ kind: 'mail', who: app.contactEmail, start, end: now(), status: res.status });
        if (res.status === 303 || res.status === 409) {
          r.outcome = 'ok'; rejected.push({ ...app, status: res.status }); break;
        }
        if (isSignIn(res)) { r.outcome = 'signout'; break; }
        r.outcome = res.status === 0 || res.status >= 500 ? 'error' : 'wrong';
        r.detail = pageMessage(res.text);
        if (r.outcome === 'wrong') break;
        await sleep(200);
      }
      await sleep(gap);
    }
  })();
  return { rejected, done: run };
}

const pct = (xs, p) => { if (!xs.length) return 0; const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

// One line per kind of failure (kind, status, page): how many, and what the first one said.
function samples(errors) {
  const seen = new Map();
  for (const r of errors) {
    const k = `${r.kind} ${r.kind === 'get' ? r.path : ''} ${r.status || 'no answer'}`.replace(/\s+/g, ' ');
    if (!seen.has(k)) seen.set(k, { n: 0, detail: r.detail });
    seen.get(k).n++;
  }
  return [...seen].map(([k, v]) => `${v.n} x ${k}${v.detail ? `: ${v.detail}` : ''}`);
}

// The figures of the requests that ended in [FROM, TO) (ms since the process started): requests, 5xx and no-answers by
// status and kind, sign-outs, wrong pages, the time from FROM to the first success of a request started after FROM,
// the recovery time (from FROM to the end of the last failed request; 0 when none failed), GET latencies.
export function figures(rec, from, to) {
  const rs = rec.between(from, to);
  const errors = rs.filter((r) => r.outcome === 'error');
  const byStatus = {};
  for (const r of errors) { const k = `${r.kind} ${r.status || 'no answer'}`; byStatus[k] = (byStatus[k] || 0) + 1; }
  const firstOk = rs.filter((r) => r.outcome === 'ok' && r.start >= from).reduce((m, r) => Math.min(m, r.end), Infinity);
  const gets = rs.filter((r) => r.kind === 'get').map((r) => r.end - r.start);
  return {
    requests: rs.length,
    gets: gets.length,
    writes: rs.filter((r) => r.kind !== 'get').length,
    errors: errors.length,
    getErrors: errors.filter((r) => r.kind === 'get').length,
    writeErrors: errors.filter((r) => r.kind !== 'get'),
    byStatus,
    signouts: rs.filter((r) => r.outcome === 'signout'),
    wrong: rs.filter((r) => r.outcome === 'wrong'),
    throttled: rs.filter((r) => r.outcome === 'throttled').length,
    firstSuccessMs: Number.isFinite(firstOk) ? firstOk - from : null,
    recoveryMs: errors.length ? Math.max(...errors.map((r) => r.end)) - from : 0,
    firstErrorMs: errors.length ? Math.min(...errors.map((r) => r.start)) - from : null,
    ordersAcked: rs.filter((r) => r.kind === 'order' && r.outcome === 'ok').length,
    getMedianMs: pct(gets, 0.5), getP99Ms: pct(gets, 0.99), getMaxMs: gets.length ? Math.max(...gets) : 0,
    errorSamples: samples(errors),
  };
}

// One line of the figures for the report.
export function figuresLine(name, f, extra = '') {
  const st = Object.entries(f.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none';
  const ms = (v) => (v === null ? 'never' : `${Math.round(v)} ms`);
  return `${name}: ${f.requests} requests (${f.gets} GETs, ${f.writes} writes, ${f.ordersAcked} orders acknowledged), `
    + `${f.errors} errors (${st}${f.errors ? `, from ${Math.round(f.firstErrorMs)} ms` : ''}), first success after ${ms(f.firstSuccessMs)}, recovery ${ms(f.recoveryMs)}, `
    + `${f.signouts.length} sign-outs, ${f.wrong.length} wrong pages, GET median ${Math.round(f.getMedianMs)} ms, `
    + `p99 ${Math.round(f.getP99Ms)} ms, max ${Math.round(f.getMaxMs)} ms${extra ? `; ${extra}` : ''}`;
}
