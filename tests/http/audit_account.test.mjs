// audit_account.test.mjs: the audit row of creating a new user in the account's own directory tenant (Account
// settings > User management > New user): exactly one row naming the actor, the new user, the account and the
// values (never the temporary password or its hash); a refused creation (name taken, a bad name, no role, not an
// admin agent) writes no row and no user. Fresh organizations each time, so rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark, auditSince } from '../lib/audit.mjs';

const userId = (upn) => Number(sql(`SELECT id FROM users WHERE upn = '${upn}'`) || 0);
const usersOf = (org) => sql(`SELECT COUNT(*) FROM users u JOIN organizations o ON o.tenant_id = u.tenant_id WHERE o.id = ${org.id}`);
const tempPassword = (res) => htmlDecode(res.text.match(/<code class="temp-password" id="temp-password">([^<]+)<\/code>/)[1]);

async function adminOn(kind) {
  const org = arrangeOrg(kind, `Create ${kind}`);
  const c = await signedIn(org.admin);
  assert.equal((await c.get('/account/users/new')).status, 200);
  return { org, c };
}

for (const kind of ['reseller', 'provider']) {
  test(`a ${kind}'s admin agent creates a user: one audit row with the user, the account and the roles, no password`, async () => {
    const { org, c } = await adminOn(kind);
    const name = `kim${freshTag()}`;
    const mark = auditMark();
    const res = await c.post('/account/users/new', { display_name: 'Kim Lee', user_name: name, sales_agent: '1', helpdesk_agent: '1' });
    assert.equal(res.status, 200);
    const upn = `${name}@${org.domain}`;
    const row = assertOneAudit(mark, { action: 'partner_user.created', userId: userId(org.admin.upn), orgId: Number(org.id),
      partyOrgId: Number(org.id), objectType: 'user', objectId: userId(upn),
      after: { upn, display_name: 'Kim Lee', roles: 'Sales agent, Helpdesk agent', password: 'temporary' } });
    assert.deepEqual(row.before, {});
    const text = JSON.stringify(row);
    assert.ok(!text.includes(tempPassword(res)), 'no temporary password in the audit row');
    assert.doesNotMatch(text, /\$argon2/, 'no password hash in the audit row');
  });
}

test('a refused creation writes no audit row and no user: name taken, bad names, no role, not an admin agent', async () => {
  const { org, c } = await adminOn('reseller');
  const before = usersOf(org);
  const refusals = [
    [{ display_name: 'Another Ada', user_name: 'ada', admin_agent: '1' }, 409],
    [{ display_name: 'Bad Name', user_name: '-x-', admin_agent: '1' }, 400],
    [{ display_name: '', user_name: `ok${freshTag()}`, admin_agent: '1' }, 400],
    [{ display_name: 'No Role', user_name: `ok${freshTag()}` }, 400],
  ];
  for (const [form, status] of refusals) {
    const mark = auditMark();
    assert.equal((await c.post('/account/users/new', form)).status, status, JSON.stringify(form));
    assertNoAudit(mark);
  }
  const max = await signedIn(org.sales);
  await max.get('/account/users');
  const mark = auditMark();
  assert.equal((await max.post('/account/users/new', { display_name: 'Sneaky', user_name: `s${freshTag()}`, admin_agent: '1' })).status, 403);
  assertNoAudit(mark);
  assert.equal(usersOf(org), before, 'no user was created');
  assert.equal(auditSince(mark).length, 0);
});
