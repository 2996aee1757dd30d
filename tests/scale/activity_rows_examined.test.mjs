// activity_rows_examined.test.mjs: a partner's activity log costs O(page) whatever the size of the log. With
// 200,000 rows arranged in the log (a quarter of them the partner's, the rest three other organizations'), the
// first, a deep and the last page of /account/activity, and a next page of a filter most rows match, each read
// at most ROWS_MAX rows: the page is one range of audit_visibility's primary key, never an OFFSET nor a scan
// of other organizations' rows.
//
// How it counts: MariaDB's Handler_read_* status counters (global: every row an index or table read returned),
// read before and after each request; they include the session read, the user record and the mailer's polls
// in the background, which the budget allows for. Not timed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';

const ROWS = 200000;
const ORGS = 4;
const PAGE = 50;
const ROWS_MAX = 800;  // a page's 51 rows through six primary keys each, and what else a request reads

const reads = () => sql("SHOW GLOBAL STATUS LIKE 'Handler_read%'").split('\n')
  .reduce((n, line) => n + Number(line.split('\t')[1]), 0);

let w;
before(async () => {
  const orgs = Array.from({ length: ORGS }, (_, i) => arrangeOrg('provider', `Activity Scale ${i}`));
  const action = `test.scale_${freshTag()}`;
  w = { orgs, action };  // the rows are deleted afterwards even if arranging them fails halfway
  const started = Date.now();
  sql(`INSERT INTO audit_log (at, org_id, action, object_type, object_id, detail, client_ip)
    SELECT UTC_TIMESTAMP() - INTERVAL (${ROWS} - seq) SECOND, ELT(1 + seq % ${ORGS}, ${orgs.map((o) => o.id).join(', ')}),
      IF(seq % 10 = 0, '${action}_rare', '${action}'), 'user', seq, CONCAT('scale row ', seq), '192.0.2.1'
    FROM seq_1_to_${ROWS}`);
  sql(`INSERT INTO audit_visibility (org_id, audit_id) SELECT org_id, id FROM audit_log WHERE action LIKE '${action}%'`);
  console.log(`${ROWS} audit rows arranged in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  w.ada = await signedIn(orgs[0].admin);
});

after(() => {
  if (w) sql(`DELETE FROM audit_log WHERE action LIKE '${w.action}%'`);
});

// The rows PATH read; fails past ROWS_MAX. Its page's row ids.
async function examined(path) {
  await w.ada.get(path);  // prepared statements and the cached user record in place first
  const start = reads();
  const res = await w.ada.get(path);
  const n = reads() - start;
  assert.equal(res.status, 200, path);
  console.log(`${path}: ${n} rows read`);
  assert.ok(n <= ROWS_MAX, `${path} read ${n} rows, at most ${ROWS_MAX} allowed`);
  return [...res.text.matchAll(/<tr id="activity-(\d+)">/g)].map((m) => Number(m[1]));
}

// The partner's row ids WHERE selects, in ORDER, up to a page.
const pageOf = (where, order = 'DESC') => sql(`SELECT v.audit_id FROM audit_visibility v JOIN audit_log a ON a.id = v.audit_id
  WHERE v.org_id = ${w.orgs[0].id} AND ${where} ORDER BY v.audit_id ${order} LIMIT ${PAGE}`).split('\n').map(Number);

test('the first, a deep and the last page of a partner\'s activity log read O(page) rows', async () => {
  const mine = Number(sql(`SELECT COUNT(*) FROM audit_visibility WHERE org_id = ${w.orgs[0].id}`));
  assert.equal(mine, ROWS / ORGS);
  const middle = Number(sql(`SELECT audit_id FROM audit_visibility WHERE org_id = ${w.orgs[0].id}
    ORDER BY audit_id DESC LIMIT 1 OFFSET ${Math.floor(mine / 2)}`));
  assert.deepEqual(await examined('/account/activity'), pageOf('1'));
  assert.deepEqual(await examined(`/account/activity?after=${middle}%3A`), pageOf(`v.audit_id < ${middle}`));
  assert.deepEqual(await examined('/account/activity?last=1'), pageOf('1', 'ASC').reverse());
  assert.deepEqual(await examined(`/account/activity?action=${w.action}&after=${middle}%3A`),
    pageOf(`a.action = '${w.action}' AND v.audit_id < ${middle}`));
});
