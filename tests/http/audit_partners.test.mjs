// audit_partners.test.mjs: every change about partnerships and customer relationships writes exactly one
// audit row (who, as which organization, the object, the other organization, the values before and after),
// and a refused change writes none and changes nothing: partnership requests, their emailed link, revoking,
// ending from either side; customer invitations (alone or with a provider), revoking, accepting through the
// emailed link, and the customer ending a relationship. Fresh organizations in every test: rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { HASH, PASSWORD, arrangeOrg, arrangeSubscription, freshTag, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const userId = (who) => Number(sql(`SELECT id FROM users WHERE upn = '${who.upn}'`));
const draftOf = (page) => {
  const link = page.text.match(/id="draft-link" type="text" value="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const url = new URL(link);
  return { path: url.pathname + url.search, token: url.searchParams.get('token') };
};
const tokenUsed = (token) => sql(`SELECT used_at IS NOT NULL FROM email_tokens WHERE token_hash = SHA2('${token}', 256)`) === '1';
const tokenRevoked = (token) => sql(`SELECT revoked_at IS NOT NULL FROM email_tokens WHERE token_hash = SHA2('${token}', 256)`) === '1';
const livePartnerships = (provider, reseller) => Number(sql(`SELECT COUNT(*) FROM partnerships
  WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id} AND ended_at IS NULL`));

// The provider's admin agent requests a partnership: the signed-in client, the draft's link and the request.
async function requested(provider) {
  const c = await signedIn(provider.admin);
  await c.get('/resellers');
  const page = await c.post('/resellers/request');
  assert.equal(page.status, 200);
  return { c, ...draftOf(page), requestId: Number(page.text.match(/href="\/resellers\?requested=(\d+)"/)[1]) };
}

// The reseller's admin agent sends an invitation, alone or with PROVIDER: the client, the link, the invitation.
async function invited(reseller, provider = null) {
  const c = await signedIn(reseller.admin);
  await c.get(provider ? '/indirect-providers' : '/customers');
  const page = provider ? await c.post('/indirect-providers/invite', { provider_id: provider.id })
    : await c.post('/customers/request-relationship');
  assert.equal(page.status, 200);
  return { c, ...draftOf(page), invitationId: Number(sql(`SELECT ci.id FROM customer_invitations ci JOIN email_tokens t
    ON t.id = ci.token_id WHERE t.token_hash = SHA2('${draftOf(page).token}', 256)`)) };
}

// A fresh directory tenant without an organization, and its global admin.
function customerTenant() {
  const tag = freshTag();
  const domain = `au${tag}.onmicrosoft.com`;
  const tenant = sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Audit Customer ${tag}', 'DE');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      VALUES (@t, 'gina@${domain}', 'Gina ${tag}', '${HASH}', 'global_admin');
    SELECT @t;`);
  return { tenant, admin: { upn: `gina@${domain}`, password: PASSWORD } };
}

// ---- partnership requests ----

test('POST /resellers/request: one partnership.requested row for the new request; a member without the role writes none', async () => {
  const provider = arrangeOrg('provider');
  const c = await signedIn(provider.admin);
  await c.get('/resellers');
  let mark = auditMark();
  const page = await c.post('/resellers/request');
  assert.equal(page.status, 200);
  const requestId = Number(page.text.match(/href="\/resellers\?requested=(\d+)"/)[1]);
  const expires = sql(`SELECT t.expires_at FROM partnership_requests pr JOIN email_tokens t ON t.id = pr.token_id WHERE pr.id = ${requestId}`);
  const row = assertOneAudit(mark, { action: 'partnership.requested', userId: userId(provider.admin), orgId: Number(provider.id),
    objectType: 'partnership_request', objectId: requestId, partyOrgId: 0, before: {}, after: { state: 'sent', expires_at: expires } });
  assert.match(row.detail, new RegExp(`^request ${requestId} by ${provider.name}, link valid until`));
  assert.match(row.clientIp, /^[0-9a-f.:]+$/, 'from where: the client address');

  const member = await signedIn(provider.sales);
  await member.get('/resellers');
  const requests = () => sql(`SELECT COUNT(*) FROM partnership_requests WHERE provider_org_id = ${provider.id}`);
  const before = requests();
  mark = auditMark();
  assert.equal((await member.post('/resellers/request')).status, 403);
  assert.equal((await c.post('/resellers/request', {}, { csrf: false })).status, 403);
  assertNoAudit(mark);
  assert.equal(requests(), before, 'no request made');
});

test('POST /resellers/request/revoke: one partnership.request_revoked row, sent to revoked; another provider\'s or a revoked request writes none', async () => {
  const provider = arrangeOrg('provider');
  const req = await requested(provider);
  const stranger = await signedIn(arrangeOrg('provider').admin);
  await stranger.get('/resellers');
  let mark = auditMark();
  assert.equal((await stranger.post('/resellers/request/revoke', { id: req.requestId })).status, 404);
  assertNoAudit(mark);
  assert.equal(tokenRevoked(req.token), false, 'someone else\'s request is left alone');

  await req.c.get('/resellers');
  mark = auditMark();
  const res = await req.c.post('/resellers/request/revoke', { id: req.requestId });
  assert.equal(`${res.status} ${res.location}`, `303 /resellers?revoked=${req.requestId}`);
  assertOneAudit(mark, { action: 'partnership.request_revoked', userId: userId(provider.admin), orgId: Number(provider.id),
    objectType: 'partnership_request', objectId: req.requestId, partyOrgId: 0,
    before: { state: 'sent' }, after: { state: 'revoked' }, detail: `request ${req.requestId} by ${provider.name}` });
  assert.equal(tokenRevoked(req.token), true);

  mark = auditMark();
  const again = await req.c.post('/resellers/request/revoke', { id: req.requestId });
  assert.equal(again.status, 409);
  assert.match(again.text, /This partnership request is revoked, so it cannot be revoked/);
  assertNoAudit(mark);
});

// ---- the reseller authorizes the provider through the emailed link ----

test('POST /partnership/authorize: one partnership.authorized row naming the provider; unticked, used and expired links write none', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const req = await requested(provider);
  const expired = await requested(provider);
  sql(`UPDATE email_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = SHA2('${expired.token}', 256)`);
  const rc = await signedIn(reseller.admin);
  await rc.get(req.path);

  let mark = auditMark();
  const unticked = await rc.post('/partnership/authorize', { token: req.token });
  assert.equal(unticked.status, 400);
  const late = await rc.post('/partnership/authorize', { token: expired.token, confirm: '1' });
  assert.equal(late.status, 410);
  assert.match(late.text, /This link has expired/);
  assertNoAudit(mark);
  assert.equal(livePartnerships(provider, reseller), 0);
  assert.equal(tokenUsed(req.token), false);

  mark = auditMark();
  const ok = await rc.post('/partnership/authorize', { token: req.token, confirm: '1' });
  assert.equal(ok.status, 303);
  const pid = Number(sql(`SELECT id FROM partnerships WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id} AND ended_at IS NULL`));
  assert.equal(ok.location, `/indirect-providers?authorized=${pid}`);
  assertOneAudit(mark, { action: 'partnership.authorized', userId: userId(reseller.admin), orgId: Number(reseller.id),
    objectType: 'partnership', objectId: pid, partyOrgId: Number(provider.id), before: {},
    after: { state: 'live', provider: provider.name, reseller: reseller.name, request: String(req.requestId) },
    detail: `partnership ${pid}: ${provider.name} is the indirect provider of ${reseller.name} (request ${req.requestId})` });

  // the link used: another reseller is refused, the same reseller is shown what it did; neither writes
  const other = await signedIn(arrangeOrg('reseller').admin);
  await other.get('/home');
  mark = auditMark();
  assert.equal((await other.post('/partnership/authorize', { token: req.token, confirm: '1' })).status, 410);
  assert.equal((await rc.post('/partnership/authorize', { token: req.token, confirm: '1' })).status, 303);
  assertNoAudit(mark);
  assert.equal(livePartnerships(provider, reseller), 1);
});

// ---- ending a partnership ----

test('POST /resellers/end: one partnership.ended row naming the reseller, live to ended; a reseller not partnered writes none', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const stranger = arrangeOrg('reseller');
  const pid = Number(partner(provider, reseller, 2));
  const started = sql(`SELECT DATE_FORMAT(started_at, '%Y-%m-%d') FROM partnerships WHERE id = ${pid}`);
  const c = await signedIn(provider.admin);
  await c.get(`/resellers/end?id=${reseller.id}`);
  let mark = auditMark();
  assert.equal((await c.post('/resellers/end', { id: stranger.id })).status, 404);
  assert.equal((await c.post('/resellers/end', { id: 'x' })).status, 404);
  assertNoAudit(mark);

  mark = auditMark();
  const res = await c.post('/resellers/end', { id: reseller.id });
  assert.equal(`${res.status} ${res.location}`, `303 /resellers?ended=${pid}`);
  assertOneAudit(mark, { action: 'partnership.ended', userId: userId(provider.admin), orgId: Number(provider.id),
    objectType: 'partnership', objectId: pid, partyOrgId: Number(reseller.id),
    before: { state: 'live', started_on: started }, after: { state: 'ended', ended_by: 'provider' },
    detail: `partnership ${pid}: ${provider.name} (provider) and ${reseller.name} (reseller), ended by the provider` });

  mark = auditMark();
  assert.equal((await c.post('/resellers/end', { id: reseller.id })).status, 404, 'ended already');
  assertNoAudit(mark);
});

test('POST /indirect-providers/end: one partnership.ended row naming the provider; another reseller\'s provider writes none', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const otherProvider = arrangeOrg('provider');
  const pid = Number(partner(provider, reseller));
  const c = await signedIn(reseller.admin);
  await c.get(`/indirect-providers/end?id=${provider.id}`);
  let mark = auditMark();
  assert.equal((await c.post('/indirect-providers/end', { id: otherProvider.id })).status, 404);
  assertNoAudit(mark);
  assert.equal(livePartnerships(provider, reseller), 1);

  mark = auditMark();
  const res = await c.post('/indirect-providers/end', { id: provider.id });
  assert.equal(`${res.status} ${res.location}`, `303 /indirect-providers?ended=${pid}`);
  assertOneAudit(mark, { action: 'partnership.ended', userId: userId(reseller.admin), orgId: Number(reseller.id),
    objectType: 'partnership', objectId: pid, partyOrgId: Number(provider.id),
    before: { state: 'live' }, after: { state: 'ended', ended_by: 'reseller' } });
  assert.equal(livePartnerships(provider, reseller), 0);
});

// ---- customer invitations ----

test('POST /customers/request-relationship: one customer.invited row; a helpdesk agent writes none', async () => {
  const reseller = arrangeOrg('reseller');
  const c = await signedIn(reseller.admin);
  await c.get('/customers');
  let mark = auditMark();
  const page = await c.post('/customers/request-relationship');
  assert.equal(page.status, 200);
  const { token } = draftOf(page);
  const [id, expires] = sql(`SELECT ci.id, t.expires_at FROM customer_invitations ci JOIN email_tokens t ON t.id = ci.token_id
    WHERE t.token_hash = SHA2('${token}', 256)`).split('\t');
  const row = assertOneAudit(mark, { action: 'customer.invited', userId: userId(reseller.admin), orgId: Number(reseller.id),
    objectType: 'customer_invitation', objectId: Number(id), partyOrgId: 0, before: {},
    after: { state: 'sent', provider: null, expires_at: expires } });
  assert.match(row.detail, new RegExp(`^invitation ${id} by ${reseller.name}, link valid until`));

  const helpdesk = await signedIn(reseller.helpdesk);
  await helpdesk.get('/customers');
  const invitations = () => sql(`SELECT COUNT(*) FROM customer_invitations WHERE reseller_org_id = ${reseller.id}`);
  const before = invitations();
  mark = auditMark();
  assert.equal((await helpdesk.post('/customers/request-relationship')).status, 403);
  assertNoAudit(mark);
  assert.equal(invitations(), before);
});

test('POST /indirect-providers/invite: one customer.invited row naming the provider; a provider not partnered writes none', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  const stranger = arrangeOrg('provider');
  partner(provider, reseller);
  const c = await signedIn(reseller.sales);
  await c.get('/indirect-providers');
  const invitations = () => sql(`SELECT COUNT(*) FROM customer_invitations WHERE reseller_org_id = ${reseller.id}`);
  let mark = auditMark();
  assert.equal((await c.post('/indirect-providers/invite', { provider_id: stranger.id })).status, 404);
  assert.equal((await c.post('/indirect-providers/invite', { provider_id: '' })).status, 404, 'no provider is not "alone"');
  assertNoAudit(mark);
  assert.equal(invitations(), '0');

  mark = auditMark();
  const page = await c.post('/indirect-providers/invite', { provider_id: provider.id });
  assert.equal(page.status, 200);
  const id = Number(sql(`SELECT id FROM customer_invitations WHERE reseller_org_id = ${reseller.id} AND provider_org_id = ${provider.id}`));
  const row = assertOneAudit(mark, { action: 'customer.invited', userId: userId(reseller.sales), orgId: Number(reseller.id),
    objectType: 'customer_invitation', objectId: id, partyOrgId: Number(provider.id), after: { state: 'sent', provider: provider.name } });
  assert.match(row.detail, new RegExp(`^invitation ${id} by ${reseller.name} with ${provider.name}, link valid until`));
});

test('POST /customers/invitations/revoke: one customer_invitation.revoked row, sent to revoked; another reseller\'s or an accepted one writes none', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  partner(provider, reseller);
  const inv = await invited(reseller, provider);
  const accepted = await invited(reseller);
  const customer = await signedIn(customerTenant().admin);
  await customer.get(accepted.path);
  assert.equal((await customer.post('/relationship/authorize', { token: accepted.token })).status, 303);

  const other = await signedIn(arrangeOrg('reseller').admin);
  await other.get('/customers/invitations');
  let mark = auditMark();
  assert.equal((await other.post('/customers/invitations/revoke', { id: inv.invitationId })).status, 404);
  await inv.c.get('/customers/invitations');
  const refused = await inv.c.post('/customers/invitations/revoke', { id: accepted.invitationId });
  assert.equal(refused.status, 409);
  assert.match(refused.text, /This invitation is accepted, so it cannot be revoked/);
  assertNoAudit(mark);
  assert.equal(tokenRevoked(inv.token), false);

  mark = auditMark();
  const res = await inv.c.post('/customers/invitations/revoke', { id: inv.invitationId });
  assert.equal(`${res.status} ${res.location}`, `303 /customers/invitations?revoked=${inv.invitationId}`);
  assertOneAudit(mark, { action: 'customer_invitation.revoked', userId: userId(reseller.admin), orgId: Number(reseller.id),
    objectType: 'customer_invitation', objectId: inv.invitationId, partyOrgId: Number(provider.id),
    before: { state: 'sent' }, after: { state: 'revoked' }, detail: `invitation ${inv.invitationId}` });
  assert.equal(tokenRevoked(inv.token), true);
});

// ---- the customer accepts through the emailed link ----

test('POST /relationship/authorize: one customer.relationship_accepted row as the new customer, naming the reseller', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  partner(provider, reseller);
  const inv = await invited(reseller, provider);
  const cust = customerTenant();
  const c = await signedIn(cust.admin);
  await c.get(inv.path);
  const mark = auditMark();
  const res = await c.post('/relationship/authorize', { token: inv.token });
  assert.equal(`${res.status} ${res.location}`, `303 /my/partners?accepted=${inv.invitationId}`);
  const org = Number(sql(`SELECT id FROM organizations WHERE tenant_id = ${cust.tenant} AND kind = 'customer'`));
  assertOneAudit(mark, { action: 'customer.relationship_accepted', userId: userId(cust.admin), orgId: org,
    objectType: 'customer_invitation', objectId: inv.invitationId, partyOrgId: Number(reseller.id),
    before: { state: 'sent' }, after: { state: 'accepted', partners: `${reseller.name}, ${provider.name}`, new_relationships: '2' },
    detail: `invitation ${inv.invitationId}: customer ${org} accepted ${reseller.name} and ${provider.name} (2 new relationships)` });
});

test('POST /relationship/authorize refused: a used, an expired link, a provider no longer partnered: no audit row, nothing written', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  partner(provider, reseller);
  const used = await invited(reseller);
  const expired = await invited(reseller);
  const ended = await invited(reseller, provider);
  sql(`UPDATE email_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = SHA2('${expired.token}', 256)`);
  const first = await signedIn(customerTenant().admin);
  await first.get(used.path);
  assert.equal((await first.post('/relationship/authorize', { token: used.token })).status, 303);
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id}`);

  const cust = customerTenant();
  const c = await signedIn(cust.admin);
  await c.get('/home');
  const mark = auditMark();
  const answers = [await c.post('/relationship/authorize', { token: used.token }),
    await c.post('/relationship/authorize', { token: expired.token }),
    await c.post('/relationship/authorize', { token: ended.token })];
  assert.deepEqual(answers.map((a) => a.status), [410, 410, 409]);
  assert.match(answers[2].text, /no longer the indirect provider/);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE tenant_id = ${cust.tenant}`), '0', 'no customer organization made');
  assert.equal(tokenUsed(expired.token) || tokenUsed(ended.token), false, 'the links stay unused');
});

// ---- the customer ends a relationship ----

test('POST /my/partners/end: one customer.relationship_ended row naming the partner, with the subscriptions it gave up', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const customer = arrangeOrg('customer');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  const sub = arrangeSubscription(customer, provider, { reseller });
  sql(`UPDATE subscriptions SET support_contact_org_id = ${reseller.id} WHERE id = ${sub}`);
  const [rel, started] = sql(`SELECT id, DATE_FORMAT(started_at, '%Y-%m-%d') FROM customer_relationships
    WHERE customer_org_id = ${customer.id} AND partner_org_id = ${reseller.id} AND ended_at IS NULL`).split('\t');
  const c = await signedIn(customer.admin);
  await c.get(`/my/partners/end?id=${reseller.id}`);
  const plain = await signedIn(customer.sales);
  await plain.get('/my/partners');
  const stranger = arrangeOrg('reseller');

  let mark = auditMark();
  assert.equal((await c.post('/my/partners/end', { id: stranger.id })).status, 404, 'not a partner of this customer');
  assert.equal((await plain.post('/my/partners/end', { id: reseller.id })).status, 403, 'not a global admin');
  assertNoAudit(mark);
  assert.equal(sql(`SELECT COUNT(*) FROM customer_relationships WHERE id = ${rel} AND ended_at IS NULL`), '1');

  mark = auditMark();
  const res = await c.post('/my/partners/end', { id: reseller.id });
  assert.equal(`${res.status} ${res.location}`, '303 /my/partners?ended=1');
  assertOneAudit(mark, { action: 'customer.relationship_ended', userId: userId(customer.admin), orgId: Number(customer.id),
    objectType: 'customer_relationship', objectId: Number(rel), partyOrgId: Number(reseller.id),
    before: { state: 'live', partner: reseller.name, started_on: started },
    after: { state: 'ended', subscriptions_no_longer_reseller_of_record: '1', subscriptions_support_moved: '1' },
    detail: `${customer.name} ended its relationship with ${reseller.name} (${reseller.id})` });
  assert.equal(sql(`SELECT CONCAT_WS(',', COALESCE(reseller_of_record_org_id, 'none'), support_contact_org_id) FROM subscriptions WHERE id = ${sub}`),
    `none,${provider.id}`, 'the cascade ran in the same change');

  mark = auditMark();
  assert.equal((await c.post('/my/partners/end', { id: reseller.id })).status, 404, 'ended already');
  assertNoAudit(mark);
});
