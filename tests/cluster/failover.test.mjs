// failover.test.mjs: one scenario, each step asserted: under a signed-in load (users looping over their own pages, an
// order writer on the partner API, a vendor admin whose rejections send emails) the Galera node the app uses is killed
// and started again (it rejoins by IST or SST and serves), one memcached server is stopped and started, another hung
// (SIGSTOP) and resumed, and one app pool killed and started. For each outage the figures are printed (requests,
// errors by status, time to the first success, recovery time, sign-outs); nobody is signed out, no acknowledged order
// is lost or duplicated, no 5xx but the few in flight on the killed pool (GETs never), and the two mailers together
// send every message exactly once. Run by tests/cluster/run.sh on a stack of its own (make test-cluster).
// CLUSTER_STEPS=db,memcached,pool picks the outages (all by default); CLUSTER_USERS, CLUSTER_OUTAGE_MS tune the load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readdirSync } from 'node:fs';
import { DEMO } from '../lib/client.mjs';
import { newToken } from '../lib/api.mjs';
import {
  anySql, appNode, appPools, causalSql, claimsWaiting, ctlCommand, dbNodes, holdIdempotencyKeys, logSince, logSizes,
  mailDirs, mailers, memcachedServers, nodeLogs, poolLog, stateTransfer, until, workersPerPool, wsrep,
} from '../lib/cluster.mjs';
import {
  Gate, Recorder, TimedClient, figures, figuresLine, mailTrigger, now, orderBurst, orderWriter, userLoops,
} from '../lib/load.mjs';

const USERS = Number(process.env.CLUSTER_USERS || 12);
const OUTAGE_MS = Number(process.env.CLUSTER_OUTAGE_MS || 4000);
const SETTLE_MS = Number(process.env.CLUSTER_SETTLE_MS || 2000);
const REJOIN_MS = Number(process.env.CLUSTER_REJOIN_MS || 150000);
// the slowest page a user may wait for while a memcached server hangs (it is ejected within a second)
const HANG_MAX_MS = Number(process.env.CLUSTER_HANG_MAX_MS || 3000);
// each user's pause between two pages: a busy person, not a benchmark (the machine also runs three MariaDB nodes)
const PAUSE_MS = Number(process.env.CLUSTER_PAUSE_MS || 20);
const STEPS = (process.env.CLUSTER_STEPS || 'db,memcached,pool').split(',');
const APPLICATIONS = 160;
const galera = dbNodes.length > 1;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const report = (line) => {
  console.log(line);
  if (process.env.CLUSTER_FIGURES) appendFileSync(process.env.CLUSTER_FIGURES, `${line}\n`);
};
// an outage's figures, and one line per kind of failure it saw
const reportFigures = (name, f, extra) => {
  report(figuresLine(name, f, extra));
  for (const line of f.errorSamples) report(`  ${line}`);
};
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

// ---- arranging, through any live node (arrange.mjs reads the single server's socket, which a cluster has not) ----

let tagCounter = 0;
const freshTag = () => `${Date.now().toString(36)}${process.pid.toString(36)}${tagCounter++}`;
let HASH;  // fresh users reuse sam's password hash (DEMO.reseller's password)

// A fresh tenant with an organization of KIND named "LABEL TAG" and its admin agent ada, as arrange.mjs makes one.
async function arrangeOrg(kind, label) {
  const tag = freshTag();
  const domain = `c${tag}.onmicrosoft.com`;
  const name = `${label} ${tag}`;
  const id = await anySql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', '${name} tenant', 'US');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES
      (@t, 'ada@${domain}', 'Ada Admin ${tag}', '${HASH}', 'global_admin');
    INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('${kind}', '${name}', @t, 'US');
    SET @o = LAST_INSERT_ID();
    INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
      SELECT @o, id, 1, 0, 0, UTC_TIMESTAMP() FROM users WHERE tenant_id = @t AND '${kind}' <> 'customer';
    SELECT @o;`);
  return { id, name, tag, domain, admin: { upn: `ada@${domain}`, password: DEMO.reseller.password } };
}

// CUSTOMER's live relationship with PARTNER, written as relationships.c writes it (arrange.mjs's relate()).
const relate = (customer, partner) => anySql(`INSERT INTO customer_relationships
  (customer_org_id, partner_org_id, customer_name, started_at)
  SELECT id, ${partner.id}, name, UTC_TIMESTAMP() FROM organizations WHERE id = ${customer.id};
  INSERT INTO partner_customer_counts (partner_org_id, live_customers) VALUES (${partner.id}, 1)
  ON DUPLICATE KEY UPDATE live_customers = live_customers + 1`);

// N enrollment applications pending review on fresh tenants (review.test.mjs's arrangement), for the vendor admin
// to reject under the load: each rejection queues one email to the application's contact.
async function arrangeApplications(n) {
  const batch = freshTag();
  const apps = Array.from({ length: n }, (_, i) => ({ tag: `${batch}x${i}`, contactEmail: `contact-${batch}x${i}@example.com` }));
  const statements = apps.map((a, i) => `
    INSERT INTO tenants (domain, display_name, country) VALUES ('ca${a.tag}.onmicrosoft.com', 'Cluster Applicant ${a.tag}', 'US');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      VALUES (@t, 'rita@ca${a.tag}.onmicrosoft.com', 'Rita Applicant ${a.tag}', '${HASH}', 'global_admin');
    SET @u = LAST_INSERT_ID();
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, legal_name,
      address_line1, address_line2, city, region, postal_code, country, phone, contact_name, contact_email,
      contact_phone, support_email, support_phone, support_website, status, submitted_at, verified_at)
      VALUES (@t, @u, 0, '7${String(Date.now()).slice(-7)}${String(i).padStart(3, '0')}', 'Cluster Applicant ${a.tag} Ltd',
        '1 Test Way', '', 'Redmond', 'WA', '98052', 'US', '+1 425 555 0100', 'Casey Contact ${a.tag}',
        '${a.contactEmail}', '+1 425 555 0101', 'support-${a.tag}@example.com', '+1 425 555 0102',
        'https://support-${a.tag}.example.com', 'pending_review', UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP());
    SELECT LAST_INSERT_ID();`);
  const ids = (await anySql(statements.join('\n'))).split('\n');
  assert.equal(ids.length, n);
  return apps.map((a, i) => ({ ...a, id: ids[i] }));
}

// ---- the cluster's state ----

// Every node answers, in a cluster of all of them, Synced; the states as text for the report.
async function clusterSynced() {
  const states = await Promise.all(dbNodes.map(wsrep));
  const text = states.map((s, i) => `node ${i + 1}: ${s ? `size ${s.wsrep_cluster_size} ${s.wsrep_local_state_comment}` : 'down'}`).join(', ');
  const ok = !galera || states.every((s) => s && Number(s.wsrep_cluster_size) === dbNodes.length
    && s.wsrep_local_state_comment === 'Synced' && s.wsrep_ready === 'ON');
  return { ok, text };
}

test('the cluster under a signed-in load: a Galera node, a memcached server and an app pool fail in turn, nobody notices',
  { timeout: 12 * 60 * 1000 }, async (t) => {
    const rec = new Recorder();
    let stopping = false;
    const stop = () => stopping;
    const windows = [];  // { name, from, to } contiguous, from the baseline to the end
    const mark = (name) => { const at = now(); if (windows.length) windows.at(-1).to = at; windows.push({ name, from: at, to: Infinity }); return at; };
    let users, writer, mail, loops, vendor, world, apps, token;
    // closed for an instant by the pool kill's step: the users' (GETs) and the writers' (the order writer, the mail trigger)
    const gate = new Gate(), writeGate = new Gate();
    const bursts = [];  // the orders sent at once to be in flight on every worker when a pool is killed
    let failedSteps = 0;
    // a step is a subtest (its own ok / not ok line); true when it passed
    const step = async (name, fn) => {
      let ok = true;
      await t.test(name, async () => { try { await fn(); } catch (e) { ok = false; throw e; } });
      return ok;
    };
    t.after(() => { stopping = true; });

    const setupOk = await step('setup: the cluster is up, users signed in, the writer and the mail trigger running', async () => {
      report(`cluster: ${dbNodes.length} MariaDB node(s) ${dbNodes.map((n) => n.port).join(',')}, ${memcachedServers.length} `
        + `memcached server(s), ${appPools} app pool(s) of ${workersPerPool} workers, ${mailers} mailer(s); `
        + `${USERS} users (${PAUSE_MS} ms between pages), outages of ${OUTAGE_MS} ms`);
      const synced = await until('every node Synced in one cluster', async () => { const s = await clusterSynced(); return s.ok && s; }, 60000);
      report(`before: ${synced.text}`);
      HASH = await anySql(`SELECT password_hash FROM users WHERE upn = ${q(DEMO.reseller.upn)}`);
      assert.match(HASH, /^\$argon2id\$/);
      // the writer's world: a provider and its customer; orders of one new subscription of EP-E3 (1 to 10,000 licenses)
      const provider = await arrangeOrg('provider', 'Cluster Writer');
      const customer = await arrangeOrg('customer', 'Cluster Customer');
      await relate(customer, provider);
      const offerId = await anySql("SELECT id FROM offers WHERE sku = 'EP-E3'");
      const writerClient = new TimedClient();
      await writerClient.signIn(provider.admin);
      token = await newToken(writerClient, { name: 'Cluster order writer', scopes: ['read', 'orders'] });
      world = { provider, customer, offerId, tokenId: await anySql(`SELECT id FROM api_tokens WHERE user_id =
        (SELECT id FROM users WHERE upn = ${q(provider.admin.upn)}) ORDER BY id DESC LIMIT 1`) };
      apps = await arrangeApplications(APPLICATIONS);
      users = [];
      for (let i = 0; i < USERS; i++) {
        const org = await arrangeOrg(i % 2 ? 'reseller' : 'provider', 'Cluster User');
        const c = new TimedClient();
        await c.signIn(org.admin);
        users.push({ org, c });
      }
      vendor = new TimedClient();
      await vendor.signIn(DEMO.vendor);
      await vendor.get('/admin/enrollments');
      assert.ok(vendor.lastToken, 'the vendor admin has a form token');
      loops = userLoops(users, stop, rec, { pause: PAUSE_MS, gate });
      writer = orderWriter({ token, customerId: customer.id, offerId, stop, rec, prefix: `cluster-${customer.tag}`, gate: writeGate });
      mail = mailTrigger({ vendor, apps, stop, rec, gate: writeGate });
    });
    if (!setupOk) { stopping = true; await Promise.allSettled([loops, writer?.done, mail?.done]); return; }

    const baselineFrom = mark('baseline');
    await sleep(3000);
    await step('baseline: every answer is the user\'s own page, orders are acknowledged', () => {
      const f = figures(rec, baselineFrom, now());
      reportFigures('baseline', f);
      assert.equal(f.signouts.length, 0, 'sign-outs');
      assert.deepEqual(f.wrong.map((r) => `${r.kind} ${r.path || r.who}: ${r.detail}`), [], 'answers that were not the user\'s page');
      assert.equal(f.errors, 0, `errors: ${f.errorSamples.join('; ')}`);
      assert.ok(f.gets > USERS, `${f.gets} GETs`);
      assert.ok(f.ordersAcked > 0, 'orders acknowledged');
    });

    // the writes refused with a 503 (the writer retried the same key): counted and printed, not failed on; any other
    // 5xx of a write, and every 5xx of a GET, is a failure outside the pool kill
    const assertNoUserVisibleErrors = (f) => {
      assert.equal(f.signouts.length, 0, `sign-outs: ${f.signouts.map((r) => r.who).join(', ')}`);
      assert.deepEqual(f.wrong.map((r) => `${r.kind} ${r.path || r.who}: ${r.detail}`), [], 'answers that were not the user\'s page');
      assert.equal(f.getErrors, 0, `GETs that failed: ${f.errorSamples.join('; ')}`);
      const bad = f.writeErrors.filter((r) => r.status !== 503);
      assert.deepEqual(bad.map((r) => `${r.kind} ${r.who} ${r.status} ${r.detail || ''}`), [], 'writes that failed other than a 503 to retry');
    };
    const retriedWrites = (f) => `${f.writeErrors.length} writes answered 503 and retried with the same key`;

    if (STEPS.includes('db')) {
      await step('a Galera node killed under the load: no GET fails, nobody is signed out; it rejoins and serves', async () => {
        const used = await appNode();
        const node = used.node;
        report(`db: the app's connections per node ${used.counts.join(', ')}: killing node ${node.n} (${node.port})`);
        const logs = logSizes(nodeLogs(node.n));
        const from = mark(`db node ${node.n} killed`);
        const killed = await ctlCommand('kill-db-node', String(node.n));
        await sleep(OUTAGE_MS);
        const during = figures(rec, from, now());
        const moved = await appNode();
        const started = now();
        const start = await ctlCommand('start-db-node', String(node.n));
        const synced = await until(`node ${node.n} Synced in a cluster of ${dbNodes.length}`,
          async () => { const s = await clusterSynced(); return s.ok && s; }, REJOIN_MS, 500);
        const rejoinMs = now() - started;
        const transfer = stateTransfer(logs);
        const ctlSays = (start.output.match(/state transfer: (.*)/) || [])[1] || '-';
        // the latest order acknowledged, read on the node that came back
        const acked = writer.orders.filter((o) => o.id);
        const latest = acked.at(-1);
        const seen = galera ? await causalSql(node, `SELECT COUNT(*) FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE o.id = ${latest.id} AND l.licenses_after = ${latest.quantity}`) : '1';
        await sleep(SETTLE_MS);
        const f = figures(rec, from, now());
        reportFigures(`db node ${node.n} kill (${OUTAGE_MS} ms down)`, f,
          `${retriedWrites(f)}; during the outage ${during.ordersAcked} orders acknowledged, the app's connections then `
          + `${moved.counts.join(', ')}; kill-db-node ${Math.round(killed.ms)} ms, start-db-node ${Math.round(start.ms)} ms, `
          + `Synced ${Math.round(rejoinMs)} ms after the start by ${transfer.kind} (its log; ctl.sh says: ${ctlSays})`);
        report(`db: after: ${synced.text}; node ${node.n} sees the latest acknowledged order ${latest.id}: ${seen === '1' ? 'yes' : 'NO'}`);
        for (const l of transfer.lines.filter((x) => /as donor|completed on joiner|Receiving IST: \d+|IST received|SST received:/.test(x)))
          report(`db:   ${l.trim().slice(0, 200)}`);
        assertNoUserVisibleErrors(f);
        assert.ok(during.ordersAcked > 0, 'orders were acknowledged while the node was down');
        if (galera) {
          assert.ok(moved.counts.some((c, i) => i !== node.n - 1 && c > 0), `the app moved to another node: its connections per node ${moved.counts}`);
          assert.ok(['IST', 'SST'].includes(transfer.kind), `the node caught up by IST or SST (its log: ${transfer.lines.slice(-5).join(' | ') || 'nothing found'})`);
        }
        assert.equal(seen, '1', `node ${node.n} serves the latest acknowledged order ${latest.id}`);
      }).then((ok) => { if (!ok) failedSteps++; });
    }

    if (STEPS.includes('memcached')) {
      // what the workers logged about memcached server N since FROM (logSizes of the pools' logs): their breakers
      const breakers = (from, n) => {
        const lines = logSince(from).split('\n').filter((l) => l.includes(memcachedServers[n - 1]));
        return { ejected: lines.filter((l) => /memcached failed/.test(l)).length, back: lines.filter((l) => /answers again/.test(l)).length };
      };
      const poolLogs = () => logSizes(Array.from({ length: appPools }, (_, i) => poolLog(i + 1)));
      await step('a memcached server stopped and started: nobody is signed out, no GET fails', async () => {
        const logs = poolLogs();
        const from = mark('memcached 1 stopped');
        const stopped = await ctlCommand('stop-memcached-server', '1');
        await sleep(OUTAGE_MS);
        const started = await ctlCommand('start-memcached-server', '1');
        await sleep(SETTLE_MS);
        const f = figures(rec, from, now());
        const b = breakers(logs, 1);
        reportFigures(`memcached 1 stop (${OUTAGE_MS} ms down)`, f,
          `${retriedWrites(f)}; stop ${Math.round(stopped.ms)} ms, start ${Math.round(started.ms)} ms; `
          + `${b.ejected} workers ejected it, ${b.back} took it back`);
        assertNoUserVisibleErrors(f);
        assert.ok(b.ejected >= 1, 'the workers noticed the server was gone (their logs say so)');
      }).then((ok) => { if (!ok) failedSteps++; });

      const hung = memcachedServers.length > 1 ? 2 : 1;
      await step(`a memcached server hung (SIGSTOP) and resumed: nobody is signed out, no GET fails or waits over ${HANG_MAX_MS} ms`, async () => {
        const logs = poolLogs();
        const from = mark(`memcached ${hung} hung`);
        await ctlCommand('hang-memcached-server', String(hung));
        try {
          await sleep(OUTAGE_MS);
        } finally {
          await ctlCommand('resume-memcached-server', String(hung));
        }
        await sleep(SETTLE_MS);
        const f = figures(rec, from, now());
        const b = breakers(logs, hung);
        const slow = rec.between(from, now()).filter((r) => r.kind === 'get' && r.end - r.start > 1000).length;
        reportFigures(`memcached ${hung} hang (${OUTAGE_MS} ms)`, f, `${retriedWrites(f)}; ${b.ejected} workers ejected it, `
          + `${b.back} took it back; ${slow} GETs took over a second`);
        assertNoUserVisibleErrors(f);
        assert.ok(b.ejected >= 1, 'the workers noticed the server hung (their logs say so)');
        assert.ok(f.getMaxMs <= HANG_MAX_MS, `the slowest GET took ${Math.round(f.getMaxMs)} ms`);
      }).then((ok) => { if (!ok) failedSteps++; });
    }

    if (STEPS.includes('pool')) {
      await step(`an app pool killed with a request in flight on each worker: only those fail (at most ${workersPerPool}), nobody is signed out`, async () => {
        // every worker of every pool busy with an order whose Idempotency-Key row is held on every node: nginx sends
        // the orders in turn to the pools, so each pool has WORKERS of them in flight when pool 1 is killed
        const n = appPools * workersPerPool;
        const held = Array.from({ length: n }, (_, j) => ({ key: `cluster-${world.customer.tag}-burst-${j}`, quantity: 5001 + j }));
        const logs = logSizes([poolLog(1)]);
        // the other writes wait until the pool is killed: a POST queued on the pool behind the busy workers would lose
        // its answer too (it reached the pool); the users' GETs go on, queue behind them, and are passed to the other pool
        gate.closed = true;
        writeGate.closed = true;
        let holds = [], burst, waiting = 0, killed, killedAt, from;
        try {
          await until('the requests under way to end', () => rec.open === 0, 5000, 2);
          holds = await Promise.all(dbNodes.map((node) => holdIdempotencyKeys(node, world.tokenId, held.map((o) => o.key))));
          burst = orderBurst({ token, customerId: world.customer.id, offerId: world.offerId, rec, orders: held });
          bursts.push(burst);
          waiting = await until(`${n} orders waiting on their keys`, async () => { const c = await claimsWaiting(); return c >= n && c; }, 1500, 20)
            .catch(() => claimsWaiting());
          gate.closed = false;
          from = mark('pool 1 killed');
          killed = await ctlCommand('kill-pool', '1');
          killedAt = now();
        } finally {
          gate.closed = false;
          writeGate.closed = false;
          await Promise.all(holds.map((h) => h.release()));
        }
        await sleep(OUTAGE_MS);
        const started = await ctlCommand('start-pool', '1');
        await sleep(SETTLE_MS);
        await burst.done;
        const f = figures(rec, from, now());
        const heldFailed = f.writeErrors.filter((r) => held.some((o) => o.key === r.who));
        const servedAgain = (logSince(logs).split('\n').filter((l) => / request /.test(l)).length);
        reportFigures(`pool 1 kill (${OUTAGE_MS} ms down)`, f, `${waiting} of ${n} held orders were in flight on the workers at `
          + `the kill, ${heldFailed.length} of them answered ${[...new Set(heldFailed.map((r) => r.status))].join(', ') || '-'} `
          + `and placed on a retry; kill-pool ${Math.round(killed.ms)} ms, start-pool ${Math.round(started.ms)} ms; pool 1 `
          + `logged ${servedAgain} requests since the kill`);
        assert.equal(f.signouts.length, 0, 'sign-outs');
        assert.deepEqual(f.wrong.map((r) => `${r.kind} ${r.path || r.who}: ${r.detail}`), [], 'answers that were not the user\'s page');
        assert.equal(f.getErrors, 0, `GETs in flight on the killed pool are passed to the other one: ${f.errorSamples.join('; ')}`);
        const late = f.writeErrors.filter((r) => r.start >= killedAt);
        assert.deepEqual(late.map((r) => `${r.kind} ${r.who} ${r.status}`), [], 'a request sent after the kill failed');
        assert.ok(f.errors <= workersPerPool, `${f.errors} errors (${JSON.stringify(f.byStatus)}) for the ${workersPerPool} `
          + `requests in flight on the killed pool: ${f.errorSamples.join('; ')}`);
        assert.equal(waiting, n, `every worker had an order in flight at the kill (${waiting} of ${n})`);
        assert.ok(heldFailed.length >= 1, 'the orders in flight on the killed pool lost their answer');
        assert.ok(burst.orders.every((o) => o.id), 'each of them then placed by its retry');
        assert.ok(servedAgain > 0, 'the restarted pool serves again');
      }).then((ok) => { if (!ok) failedSteps++; });
    }

    const finalFrom = mark('after');
    await sleep(SETTLE_MS);
    stopping = true;
    await Promise.all([loops, writer.done, mail.done]);
    windows.at(-1).to = Infinity;

    await step('after the outages: no error, nobody signed out', () => {
      const f = figures(rec, finalFrom);
      reportFigures('after', f);
      assertNoUserVisibleErrors(f);
      assert.equal(f.writeErrors.length, 0, 'no write refused once everything is back');
      const all = figures(rec, 0);
      report(figuresLine('whole run', all));
      assert.equal(all.signouts.length, 0, 'nobody was signed out during the whole run');
    });

    await step('orders: every acknowledged order exists once, none duplicated, on every node', async () => {
      const orders = [...writer.orders, ...bursts.flatMap((b) => b.orders)];
      const acked = orders.filter((o) => o.id);
      const retried = orders.filter((o) => o.attempts > 1);
      report(`orders: ${orders.length} placed, ${acked.length} acknowledged, ${retried.length} needed a retry `
        + `(${retried.reduce((n, o) => n + o.attempts - 1, 0)} retries: ${[...new Set(retried.flatMap((o) => o.statuses.filter((s) => s !== 201 && s !== 200)))].join(', ') || '-'}), `
        + `${acked.filter((o) => o.replayed).length} acknowledged by a replay of their key`);
      assert.deepEqual(orders.filter((o) => !o.id).map((o) => `${o.key}: ${o.statuses.join(',')} ${o.refused || ''}`), [], 'every order acknowledged in the end');
      for (const node of galera ? dbNodes : [dbNodes[0]]) {
        const rows = (await causalSql(node, `SELECT o.id, l.licenses_after, l.offer_id FROM orders o JOIN order_lines l ON l.order_id = o.id
          WHERE o.customer_org_id = ${world.customer.id} ORDER BY o.id`)).split('\n').filter(Boolean).map((l) => l.split('\t'));
        const byId = new Map(rows.map(([id, qty, offer]) => [id, { qty: Number(qty), offer }]));
        const perQuantity = new Map();
        for (const [, qty] of rows) perQuantity.set(qty, (perQuantity.get(qty) || 0) + 1);
        const lost = acked.filter((o) => byId.get(String(o.id))?.qty !== o.quantity);
        const duplicated = [...perQuantity].filter(([, n]) => n > 1);
        report(`orders on node ${node.n}: ${rows.length} rows for the customer, ${lost.length} acknowledged missing, ${duplicated.length} duplicated`);
        assert.deepEqual(lost.map((o) => `${o.key} (order ${o.id}, ${o.quantity} licenses)`), [], `node ${node.n}: acknowledged orders lost`);
        assert.deepEqual(duplicated, [], `node ${node.n}: logical orders placed more than once (licenses, count)`);
        assert.equal(rows.length, acked.length, `node ${node.n}: one order per acknowledged order, nothing else`);
        assert.equal(new Set(rows.map(([, , offer]) => offer)).size, 1);
      }
      const keys = (await anySql(`SELECT idempotency_key, status, JSON_VALUE(response, '$.id') FROM api_idempotency
        WHERE token_id = ${world.tokenId}`))
        .split('\n').filter(Boolean).map((l) => l.split('\t'));
      const keyRows = new Map();
      for (const [key, status, response] of keys) keyRows.set(key, [...(keyRows.get(key) || []), { status, response }]);
      for (const o of acked) {
        const rows = keyRows.get(o.key) || [];
        assert.equal(rows.length, 1, `${o.key}: one kept answer`);
        assert.equal(rows[0].status, '201', `${o.key}: kept as placed`);
        assert.equal(rows[0].response, String(o.id), `${o.key}: the kept answer is order ${o.id}`);
      }
    });

    await step(`mail: the ${mailers} mailer(s) together sent every outbox message exactly once`, async () => {
      await until('the outbox to be empty', async () => Number(await anySql(
        'SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL')) === 0, 60000, 500);
      const rows = (await anySql('SELECT id, to_addr, sent_at IS NOT NULL, claimed_by FROM mail_outbox ORDER BY id'))
        .split('\n').filter(Boolean).map((l) => l.split('\t'));
      const files = mailDirs.map((dir) => {
        let names = [];
        try { names = readdirSync(dir); } catch { /* none sent from there */ }
        return new Set(names.filter((f) => /^\d+\.eml$/.test(f)).map((f) => String(Number.parseInt(f, 10))));
      });
      const rejected = mail.rejected;
      const mine = new Map(rows.filter(([, to]) => rejected.some((a) => a.contactEmail === to)).map(([id, to]) => [id, to]));
      const perMailer = files.map((s) => [...mine.keys()].filter((id) => s.has(id)).length);
      report(`mail: ${rejected.length} applications rejected under the load (${rejected.filter((a) => a.status === 409).length} `
        + `found rejected on a retry), ${rows.length} outbox rows, sent by mailer ${perMailer.map((n, i) => `${i + 1}: ${n}`).join(', ')}`);
      assert.ok(rejected.length >= 10, `${rejected.length} rejections sent emails`);
      assert.deepEqual(rows.filter(([, , sent]) => sent !== '1').map(([id, to]) => `${id} ${to}`), [], 'every outbox row sent');
      for (const a of rejected) {
        const ids = [...mine].filter(([, to]) => to === a.contactEmail).map(([id]) => id);
        assert.equal(ids.length, 1, `one email to ${a.contactEmail}`);
      }
      const twice = rows.filter(([id]) => files.filter((s) => s.has(id)).length > 1).map(([id]) => id);
      const never = rows.filter(([id]) => files.every((s) => !s.has(id))).map(([id]) => id);
      assert.deepEqual(twice, [], 'messages written by more than one mailer');
      assert.deepEqual(never, [], 'outbox rows sent with no message written');
      assert.equal(files.reduce((n, s) => n + s.size, 0), rows.length, 'no message written that is not in the outbox');
      if (mailers > 1) assert.ok(perMailer.every((n) => n > 0), `each mailer sent some of the load's messages: ${perMailer}`);
    });

    if (failedSteps) report(`${failedSteps} outage step(s) failed`);
    report(`windows: ${windows.map((w) => `${w.name} ${Math.round(((w.to === Infinity ? now() : w.to) - w.from) / 100) / 10} s`).join(', ')}`);
  });
