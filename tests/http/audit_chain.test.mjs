// audit_chain.test.mjs: the activity log is a hash chain: rows written by the product (a sign-in, an order)
// verify with bin/channel-audit-verify, which names the first row an operator or attacker edited, deleted
// or forged with SQL; a purge of old rows (AUDIT_KEEP_DAYS) keeps the rest verifiable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { CONF, rememberAuditWords, sql } from '../lib/client.mjs';
import { arrangeChain, signedIn } from '../lib/arrange.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const verify = (conf = CONF, ...args) => {
  const r = spawnSync(`${ROOT}bin/channel-audit-verify`, ['--conf', conf, ...args], { encoding: 'utf8' });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
};
const confKeeping = (days) => {
  const file = `${mkdtempSync(`${tmpdir()}/audit-conf-`)}/channel.conf`;
  writeFileSync(file, `${readFileSync(CONF, 'utf8')}\nAUDIT_KEEP_DAYS=${days}\n`);
  return file;
};
const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const keyOf = (text) => text.match(/name="order_key" value="([0-9a-f]{64})"/)[1];

// Earlier test files write audit rows straight with SQL (they are outside the chain): age every row and
// purge, so this file starts from a chain the product alone wrote. The purge leaves the rows past the
// chain's newest one (no product wrote them) for the verifier to name; this test deletes them itself.
const startFromCleanChain = () => {
  rememberAuditWords();
  sql(`UPDATE audit_log SET at = '2001-01-01 00:00:00'`);
  const outside = Number(sql('SELECT COUNT(*) FROM audit_log WHERE id > (SELECT last_id FROM audit_chain_head)'));
  let r = verify(confKeeping(1), '--purge');
  assert.equal(r.status, outside ? 1 : 0, r.out + r.err);
  if (outside) assert.match(r.out, /\nrow \d+: written outside the chain/);
  sql('DELETE FROM audit_log WHERE id > (SELECT last_id FROM audit_chain_head)');
  r = verify();
  assert.equal(r.status, 0, r.out + r.err);
  assert.equal(sql('SELECT COUNT(*) FROM audit_log'), '0');
};

// A sign-in and an order through the pages: the ids of the rows they wrote, oldest first.
const writeThroughProduct = async (label) => {
  const w = arrangeChain(label);
  const ada = await signedIn(w.provider.admin);
  const path = `/subscriptions/new?customer=${w.customer.id}`;
  const res = await ada.post(path, { order_key: keyOf((await ada.get(path)).text), [`licenses_${offer('CP-STD')}`]: '3' });
  assert.equal(res.status, 303, res.text.slice(0, 1500));
  return sql('SELECT id FROM audit_log ORDER BY id').split('\n').map(Number);
};

// Take row ID out (and put it back as it was) around FN.
const withRowSetAside = (id, fn) => {
  sql(`CREATE TABLE audit_test_aside AS SELECT * FROM audit_log WHERE id = ${id}`);
  try {
    sql(`DELETE FROM audit_log WHERE id = ${id}`);
    fn();
  } finally {
    sql('INSERT INTO audit_log SELECT * FROM audit_test_aside');
    sql('DROP TABLE audit_test_aside');
  }
};

test('rows written by a sign-in and an order verify; an edited, deleted or forged row is named', async () => {
  startFromCleanChain();
  const ids = await writeThroughProduct('Chain');
  assert.ok(ids.length >= 2, `a sign-in and an order wrote rows: ${ids}`);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE row_hash IS NULL OR prev_hash IS NULL`), '0');
  let r = verify();
  assert.equal(r.status, 0, r.out + r.err);
  assert.match(r.out, new RegExp(`^audit chain OK: ${ids.length} rows`));

  const [first, second] = ids, newest = ids[ids.length - 1];
  const detail = sql(`SELECT detail FROM audit_log WHERE id = ${second}`);
  sql(`UPDATE audit_log SET detail = CONCAT(detail, ' (edited)') WHERE id = ${second}`);
  r = verify();
  assert.equal(r.status, 1);
  assert.equal(r.out, `row ${second}: content changed`);
  sql(`UPDATE audit_log SET detail = '${detail.replace(/'/g, "''")}' WHERE id = ${second}`);
  assert.equal(verify().status, 0, 'restored');

  withRowSetAside(first, () => {
    r = verify();
    assert.equal(r.status, 1);
    assert.equal(r.out, `row ${first}: missing (row ${second} follows it)`);
  });
  withRowSetAside(newest, () => {
    r = verify();
    assert.equal(r.status, 1);
    assert.match(r.out, new RegExp(`^row ${newest}: missing \\(the chain's newest row`));
  });
  assert.equal(verify().status, 0, 'restored');

  // a forged row copying the newest row's hash as its previous one
  const forged = Number(sql(`INSERT INTO audit_log (at, user_id, action, detail, prev_id, prev_hash, row_hash)
    SELECT UTC_TIMESTAMP(), user_id, 'order.placed', 'order 1 by nobody', id, row_hash, REPEAT('a', 64)
    FROM audit_log WHERE id = ${newest}; SELECT LAST_INSERT_ID()`));
  r = verify();
  assert.equal(r.status, 1);
  assert.equal(r.out, `row ${forged}: written outside the chain (after its newest row)`);
  sql(`DELETE FROM audit_log WHERE id = ${forged}`);

  // a forged row placed between two real ones, its hashes copied from the real row it pushes aside
  const moved = Number(sql(`SELECT MAX(id) + 1000 FROM audit_log`));
  sql(`UPDATE audit_log SET id = ${moved} WHERE id = ${second}`);
  sql(`INSERT INTO audit_log (id, at, user_id, action, detail, prev_id, prev_hash, row_hash)
    SELECT ${second}, at, user_id, action, 'forged', prev_id, prev_hash, row_hash FROM audit_log WHERE id = ${moved}`);
  r = verify();
  assert.equal(r.status, 1);
  assert.equal(r.out, `row ${second}: content changed`);
  sql(`DELETE FROM audit_log WHERE id = ${second}`);
  sql(`UPDATE audit_log SET id = ${second} WHERE id = ${moved}`);
  assert.equal(verify().status, 0, 'restored');
});

test('a purge deletes the rows older than AUDIT_KEEP_DAYS and the rest still verifies; the default keeps everything', async () => {
  startFromCleanChain();
  const old = await writeThroughProduct('Purge old');
  const ids = await writeThroughProduct('Purge new');
  const kept = ids.filter((id) => id > old[old.length - 1]);
  let r = verify(CONF, '--purge');
  assert.equal(r.status, 0, r.out + r.err);
  assert.match(r.out, /^audit purge: nothing deleted \(AUDIT_KEEP_DAYS=0 keeps everything\)\naudit chain OK/);
  assert.equal(sql('SELECT COUNT(*) FROM audit_log'), String(ids.length));

  // the old rows' time is part of their hash, but they are purged before anything checks them
  sql(`UPDATE audit_log SET at = at - INTERVAL 40 DAY WHERE id <= ${old[old.length - 1]}`);

  r = verify(confKeeping(30), '--purge');
  assert.equal(r.status, 0, r.out + r.err);
  assert.equal(r.out, `audit purge: ${old.length} rows older than 30 days deleted\n` +
    `audit chain OK: ${kept.length} rows (after row ${old[old.length - 1]}: earlier rows were purged or predate the chain)`);
  assert.equal(sql('SELECT COUNT(*) FROM audit_log'), String(kept.length));
  assert.equal(sql('SELECT purged_rows > 0 FROM audit_chain_head'), '1');

  // the purge records the last deleted row's hash: the first kept row still has to point at it
  const base = sql('SELECT base_hash FROM audit_chain_head');
  sql(`UPDATE audit_chain_head SET base_hash = REPEAT('b', 64)`);
  r = verify();
  assert.equal(r.status, 1);
  assert.match(r.out, new RegExp(`^row ${kept[0]}: previous row missing or reordered`));
  sql(`UPDATE audit_chain_head SET base_hash = '${base}'`);
  assert.equal(verify().status, 0, 'restored');
});
