// admin_activity.test.mjs: the vendor admin's activity log (/admin/activity): filters by organization (acting
// or on whose behalf), party (the organization a change was made to), user, action, object and date range,
// pages by key with the filter kept, refuses a malformed date with the form back, and exports exactly the
// filtered rows as CSV (formulas neutralized).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';

const ids = (html) => [...html.matchAll(/<tr id="activity-(\d+)">/g)].map((m) => m[1]);
const rowsOf = (where) => sql(`SELECT id FROM audit_log WHERE ${where} ORDER BY id DESC`).split('\n').filter(Boolean);
const entry = (action, { org = 'NULL', behalf = 'NULL', party = 'NULL', at = 'UTC_TIMESTAMP()', detail = 'arranged', before = '', after = '' } = {}) =>
  sql(`INSERT INTO audit_log (at, user_id, org_id, on_behalf_org_id, party_org_id, action, object_type, object_id, detail, before_json, after_json, client_ip)
    VALUES (${at}, NULL, ${org}, ${behalf}, ${party}, '${action}', 'order', 7, '${detail}', '${before}', '${after}', '192.0.2.1'); SELECT LAST_INSERT_ID()`);

test('filters by organization, user, action and date; a malformed date gets the form back with a 400', async () => {
  const vendor = await signedIn(DEMO.vendor);
  const a = arrangeOrg('provider', 'Activity A'), b = arrangeOrg('reseller', 'Activity B');
  const action = `test.activity_${freshTag()}`;
  const byA = entry(action, { org: a.id, before: '{"licenses":3}', after: '{"licenses":5}' });
  const forB = entry(action, { org: a.id, behalf: b.id });
  const byB = entry(action, { org: b.id, before: '{"support_contact":"Contoso","note":"x"}', after: '{"support_contact":null}' });
  const old = entry(action, { at: "'2001-02-03 12:00:00'" });

  let res = await vendor.get(`/admin/activity?action=${action}&org=${a.id}`);
  assert.equal(res.status, 200);
  assert.deepEqual(ids(res.text), [forB, byA]);
  assert.match(res.text, new RegExp(`${a.name}</span>|${a.name} for ${b.name}`));
  assert.match(res.text, /<li>licenses: <del>3<\/del> &rarr; <ins>5<\/ins><\/li>/);
  res = await vendor.get(`/admin/activity?action=${action}&org=${b.id}`);
  assert.deepEqual(ids(res.text), [byB, forB], 'the row done on behalf of B is B\'s too');
  // each value the change touched, in words: a cleared one, one only the old values had
  assert.match(res.text, /<li>support contact: <del>Contoso<\/del> &rarr; <ins>none<\/ins><\/li><li>note: <del>x<\/del> &rarr; <ins>removed<\/ins><\/li>/);
  res = await vendor.get(`/admin/activity?action=${action}&from=2001-02-03&to=2001-02-03`);
  assert.deepEqual(ids(res.text), [old]);
  res = await vendor.get(`/admin/activity?action=${action}&from=2001-02-04`);
  assert.deepEqual(ids(res.text), [byB, forB, byA]);

  // the vendor's own sign-in, by user name
  const signins = rowsOf(`action = 'signin' AND user_id = (SELECT id FROM users WHERE upn = '${DEMO.vendor.upn}')`);
  res = await vendor.get(`/admin/activity?action=signin&user=${encodeURIComponent(DEMO.vendor.upn)}`);
  assert.deepEqual(ids(res.text), signins.slice(0, 50));

  res = await vendor.get(`/admin/activity?action=${action}&from=2026-13-01`);
  assert.equal(res.status, 400);
  assert.match(res.text, /id="form-error">Dates must be written YYYY-MM-DD/);
  assert.match(res.text, /name="from" value="2026-13-01"/);
  assert.deepEqual(ids(res.text), []);
});

test('pages by key keep the filter; the CSV export holds exactly the filtered rows', async () => {
  const vendor = await signedIn(DEMO.vendor);
  const action = `test.activity_${freshTag()}`;
  sql(`INSERT INTO audit_log (at, action, detail) SELECT UTC_TIMESTAMP(), '${action}', CONCAT('entry ', seq) FROM seq_1_to_59`);
  const formula = entry(action, { detail: '=HYPERLINK(\\"http://evil.example\\")' });
  const expected = rowsOf(`action = '${action}'`);
  const first = await vendor.get(`/admin/activity?action=${action}`);
  assert.deepEqual(ids(first.text), expected.slice(0, 50));
  const next = first.text.match(/<a rel="next" href="([^"]+)"/)[1].replace(/&amp;/g, '&');
  assert.match(next, new RegExp(`action=${action.replace('.', '\\.')}&`), 'the filter is kept');
  const second = await vendor.get(next);
  assert.deepEqual(ids(second.text), expected.slice(50));

  const csv = await vendor.get(`/admin/activity.csv?action=${action}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="activity.csv"/);
  const lines = csv.text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'id,at,user,organization,on_behalf_of,party,action,object_type,object_id,detail,before,after,client_ip');
  assert.deepEqual(lines.slice(1).map((l) => l.match(/^"(\d+)"/)[1]), expected);
  assert.ok(lines.find((l) => l.startsWith(`"${formula}"`)).includes('"\'=HYPERLINK(""http://evil.example"")"'),
    'a formula is quoted and neutralized');
  const bad = await vendor.get('/admin/activity.csv?to=yesterday');
  assert.equal(bad.status, 400);
});

test('filters by the party a change was made to (an organization\'s own change counts as made to it) and names it', async () => {
  const vendor = await signedIn(DEMO.vendor);
  const p = arrangeOrg('provider', 'Activity Party P'), c = arrangeOrg('customer', 'Activity Party C');
  const action = `test.activity_${freshTag()}`;
  const toC = entry(action, { org: p.id, party: c.id });
  const own = entry(action, { org: c.id });
  entry(action, { org: p.id });
  let res = await vendor.get(`/admin/activity?action=${action}&party=${c.id}`);
  assert.equal(res.status, 200);
  assert.deepEqual(ids(res.text), [own, toC]);
  assert.match(res.text, new RegExp(`order 7<br><span class="hint">of ${c.name}</span>`));
  assert.match(res.text, new RegExp(`name="party" value="${c.id}"`));
  const csv = await vendor.get(`/admin/activity.csv?action=${action}&party=${c.id}`);
  assert.deepEqual(csv.text.trimEnd().split('\r\n').slice(1).map((l) => l.match(/^"(\d+)"/)[1]), [own, toC]);
  assert.match(csv.text, new RegExp(`"${toC}","[^"]+","","${p.name}","","${c.name}","${action.replace('.', '\\.')}"`));
  res = await vendor.get(`/admin/activity?party=abc`);
  assert.equal(res.status, 400);
  assert.match(res.text, /id="form-error">The organization must be given by its number/);
});
