// audit.mjs: the audit rows a change wrote, for the per-route audit tests: take a mark before the request,
// then read what was written after it (tests of one file run one at a time, so the rows are the request's).
import assert from 'node:assert/strict';
import { sql } from './client.mjs';

// The newest audit row's id: rows after it are the next request's.
export function auditMark() {
  return Number(sql('SELECT COALESCE(MAX(id), 0) FROM audit_log'));
}

// The audit rows written after MARK, oldest first: { id, userId, orgId, onBehalfOrgId, partyOrgId, action,
// objectType, objectId, detail, before, after, clientIp } with before/after parsed from JSON ({} when empty).
export function auditSince(mark) {
  const out = sql(`SELECT id, COALESCE(user_id, 0), COALESCE(org_id, 0), COALESCE(on_behalf_org_id, 0), ` +
    `COALESCE(party_org_id, 0), action, object_type, COALESCE(object_id, 0), ` +
    `REPLACE(REPLACE(detail, '\\t', ' '), '\\n', ' '), TO_BASE64(before_json), TO_BASE64(after_json), client_ip ` +
    `FROM audit_log WHERE id > ${Number(mark)} ORDER BY id`);
  if (!out) return [];
  const json = (b64) => {
    const text = Buffer.from(b64.replace(/\\n/g, ''), 'base64').toString('utf8');
    return text ? JSON.parse(text) : {};
  };
  return out.split('\n').map((line) => {
    const f = line.split('\t');
    return { id: Number(f[0]), userId: Number(f[1]), orgId: Number(f[2]), onBehalfOrgId: Number(f[3]),
      partyOrgId: Number(f[4]), action: f[5], objectType: f[6], objectId: Number(f[7]), detail: f[8],
      before: json(f[9]), after: json(f[10]), clientIp: f[11] };
  });
}

// The one audit row written after MARK; fails when there is none or more than one. EXPECT's fields (any of
// auditSince's) must match; before/after are compared key by key for the keys EXPECT names.
export function assertOneAudit(mark, expect = {}) {
  const rows = auditSince(mark);
  assert.equal(rows.length, 1, `exactly one audit row, found ${rows.length}: ${rows.map((r) => r.action).join(', ')}`);
  const row = rows[0];
  for (const [k, v] of Object.entries(expect)) {
    if (k === 'before' || k === 'after') {
      for (const [jk, jv] of Object.entries(v)) assert.deepEqual(row[k][jk], jv, `${k}.${jk} of ${row.action}`);
    } else {
      assert.deepEqual(row[k], v, `${k} of ${row.action}`);
    }
  }
  return row;
}

// No audit row after MARK (a refused or failed change).
export function assertNoAudit(mark) {
  const rows = auditSince(mark);
  assert.deepEqual(rows.map((r) => r.action), [], 'no audit row for a refused change');
}
