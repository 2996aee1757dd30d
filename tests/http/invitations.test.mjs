// invitations.test.mjs: HTTP tests of reseller invitations to customers: the draft email, the emailed link
// (refusals, accepting once, expired/revoked links), My partners and My subscriptions, ending a relationship,
// and the customers a reseller shares with a provider. Every test arranges fresh tenants, so it is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { HASH, PASSWORD, arrangeOrg, freshTag, signedIn } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';

// A fresh customer tenant without an organization: a global admin and a plain user.
function arrangeCustomerTenant() {
  const tag = freshTag();
  const domain = `cu${tag}.onmicrosoft.com`;
  const name = `Customer ${tag}`;
  const tenant = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', '${name}', 'DE');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role) VALUES
      (@t, 'gina@${domain}', 'Gina ${tag}', '${HASH}', 'global_admin'),
      (@t, 'uli@${domain}', 'Uli ${tag}', '${HASH}', 'user');
    SELECT @t;`);
  return { tenant, name, domain, admin: { upn: `gina@${domain}`, password: PASSWORD },
    user: { upn: `uli@${domain}`, password: PASSWORD } };
}

function parseDraft(page) {
  const link = page.text.match(/id="draft-link" type="text" value="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const url = new URL(link);
  return { link, path: url.pathname + url.search, token: url.searchParams.get('token') };
}

async function inviteAlone(reseller) {
  const c = await signedIn(reseller.admin);
  const list = await c.get('/customers');
  assert.match(list.text, /Request a reseller relationship/);
  const page = await c.post('/customers/request-relationship');
  assert.equal(page.status, 200);
  return { page, ...parseDraft(page) };
}

async function inviteWithProvider(reseller, provider) {
  const c = await signedIn(reseller.admin);
  const list = await c.get('/indirect-providers');
  assert.match(list.text, /Invite new customers/);
  assert.match(list.text, new RegExp(`/indirect-providers/customers\\?provider=${provider.id}`));
  const page = await c.post('/indirect-providers/invite', { provider_id: provider.id });
  assert.equal(page.status, 200);
  return { page, ...parseDraft(page) };
}

async function accept(who, draft) {
  const c = await signedIn(who);
  const form = await c.get(draft.path);
  const res = await c.post('/relationship/authorize', { token: draft.token });
  return { c, form, res };
}

const customerOrg = (cust) => sql(`SELECT COALESCE(MAX(id), 0) FROM organizations WHERE tenant_id = ${cust.tenant} AND kind = 'customer'`);

test('the invite draft carries a personalized link and one invitation row', async () => {
  const reseller = arrangeOrg('reseller');
  const { page, link, token } = await inviteAlone(reseller);
  assert.match(link, /\/relationship\/authorize\?token=[0-9a-f]{64}$/);
  assert.match(page.text, /id="open-in-email"/);
  assert.match(page.text, /data-copy-from="draft-body"/);
  assert.match(page.text, /id="draft-done"/);
  assert.ok(page.text.includes(token));
  assert.equal(sql(`SELECT COUNT(*) FROM customer_invitations ci JOIN email_tokens t ON t.id = ci.token_id
    AND t.subject_id = ci.id AND t.purpose = 'customer_invite' WHERE ci.reseller_org_id = ${reseller.id}`), '1');
});

test('inviting with a provider needs a live partnership', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  const c = await signedIn(reseller.admin);
  await c.get('/customers');
  const res = await c.post('/indirect-providers/invite', { provider_id: provider.id });
  assert.equal(res.status, 404);
  const view = await c.get(`/indirect-providers/customers?provider=${provider.id}`);
  assert.equal(view.status, 404);
});

test('a non-admin customer user and a partner user are refused; the link stays unused', async () => {
  const reseller = arrangeOrg('reseller');
  const other = arrangeOrg('reseller');
  const cust = arrangeCustomerTenant();
  const draft = await inviteAlone(reseller);
  const u = await signedIn(cust.user);
  const r1 = await u.get(draft.path);
  assert.equal(r1.status, 403);
  assert.match(r1.text, /global administrator/);
  const p = await signedIn(other.admin);
  const r2 = await p.get(draft.path);
  assert.equal(r2.status, 403);
  assert.match(r2.text, /partner organization/);
  assert.equal(sql(`SELECT COUNT(*) FROM email_tokens WHERE used_at IS NULL AND token_hash = SHA2('${draft.token}', 256)`), '1');
  // signed out: sign in, then back to the link
  const anon = new Client();
  const r3 = await anon.get(draft.path);
  assert.equal(r3.status, 303);
  assert.match(r3.location, /\/signin\?next=/);
});

test('accepting a provider invite creates the customer and both relationships; lists follow; link is used once', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  sql(`INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) VALUES (${provider.id}, ${reseller.id}, UTC_TIMESTAMP())`);
  const cust = arrangeCustomerTenant();
  const draft = await inviteWithProvider(reseller, provider);
  const { c, form, res } = await accept(cust.admin, draft);
  assert.equal(form.status, 200);
  assert.ok(form.text.includes(reseller.name) && form.text.includes(provider.name));
  assert.match(form.text, /manage your subscriptions, licenses and users/);
  assert.equal(res.status, 303);
  assert.match(res.location, /\/my\/partners/);
  const org = customerOrg(cust);
  assert.notEqual(org, '0');
  assert.equal(sql(`SELECT COUNT(*) FROM customer_relationships WHERE customer_org_id = ${org} AND ended_at IS NULL
    AND partner_org_id IN (${reseller.id}, ${provider.id})`), '2');
  const mine = await c.get('/my/partners');
  assert.equal(mine.status, 200);
  assert.ok(mine.text.includes(reseller.name) && mine.text.includes(provider.name));
  assert.match(mine.text, /href="\/my\/partners"/, 'customer navigation');
  const again = await c.post('/relationship/authorize', { token: draft.token });
  assert.equal(again.status, 303, 'a second click by the same admin shows the outcome');
  assert.match(again.location, /^\/my\/partners\?accepted=\d+$/);
  assert.equal(sql(`SELECT COUNT(*) FROM customer_relationships WHERE customer_org_id = ${org}`), '2', 'nothing doubled');
  assert.equal((await c.get(draft.path)).location, again.location, 'opening the link again shows the same');
  const stranger = arrangeCustomerTenant();
  const sc = await signedIn(stranger.admin);
  const used = await sc.get(draft.path);
  assert.equal(used.status, 410, 'anyone else finds it used');
  assert.match(used.text, /already been used/);
  const r = await signedIn(reseller.admin);
  const customers = await r.get('/customers');
  assert.ok(customers.text.includes(cust.name));
  const shared = await r.get(`/indirect-providers/customers?provider=${provider.id}`);
  assert.equal(shared.status, 200);
  assert.ok(shared.text.includes(cust.name));
});

test('expired, revoked and unknown links say so', async () => {
  const reseller = arrangeOrg('reseller');
  const cust = arrangeCustomerTenant();
  const d1 = await inviteAlone(reseller);
  const d2 = await inviteAlone(reseller);
  sql(`UPDATE email_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE token_hash = SHA2('${d1.token}', 256)`);
  sql(`UPDATE email_tokens SET revoked_at = UTC_TIMESTAMP() WHERE token_hash = SHA2('${d2.token}', 256)`);
  const c = await signedIn(cust.admin);
  const e = await c.get(d1.path);
  assert.equal(e.status, 410);
  assert.match(e.text, /expired/i);
  const v = await c.get(d2.path);
  assert.equal(v.status, 410);
  assert.match(v.text, /revoked|withdrawn|cancel/i);
  const u = await c.get(`/relationship/authorize?token=${'0'.repeat(64)}`);
  assert.equal(u.status, 404);
});

test('the customer sees subscriptions; ending a relationship removes the reseller at once', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  const cust = arrangeCustomerTenant();
  const draft = await inviteAlone(reseller);
  const { c } = await accept(cust.admin, draft);
  const org = customerOrg(cust);
  const sub = sql(`INSERT INTO subscriptions (customer_org_id, offer_id, licenses, provider_org_id, reseller_of_record_org_id,
    support_contact_org_id, created_at, updated_at)
    SELECT ${org}, MIN(id), 7, ${provider.id}, ${reseller.id}, ${reseller.id}, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM offers;
    SELECT LAST_INSERT_ID();`);
  const subs = await c.get('/my/subscriptions');
  assert.equal(subs.status, 200);
  assert.match(subs.text, new RegExp(`id="subscription-${sub}"`));
  assert.ok(subs.text.includes(reseller.name));
  const r = await signedIn(reseller.admin);
  assert.equal((await r.get(`/subscriptions/view?id=${sub}`)).status, 200);
  const plain = await signedIn(cust.user);
  const refused = await plain.get(`/my/partners/end?id=${reseller.id}`);
  assert.equal(refused.status, 403);
  const confirm = await c.get(`/my/partners/end?id=${reseller.id}`);
  assert.equal(confirm.status, 200);
  const end = await c.post('/my/partners/end', { id: reseller.id });
  assert.equal(end.status, 303);
  assert.equal((await r.get(`/subscriptions/view?id=${sub}`)).status, 404);
  assert.ok(!(await r.get('/customers')).text.includes(cust.name));
  assert.equal(sql(`SELECT CONCAT_WS(',', COALESCE(reseller_of_record_org_id, 'none'), support_contact_org_id) FROM subscriptions WHERE id = ${sub}`),
    `none,${provider.id}`, 'no longer reseller of record; the provider supports the subscription');
  assert.ok(!(await c.get('/my/subscriptions')).text.includes(reseller.name));
  const mine = await c.get('/my/partners');
  assert.ok(!mine.text.includes(`id="partner-${reseller.id}"`));
  const twice = await c.post('/my/partners/end', { id: reseller.id });
  assert.equal(twice.status, 404);
});

test('the reseller sees the state of each invitation it sent and can revoke one still sent', async () => {
  const reseller = arrangeOrg('reseller');
  const other = arrangeOrg('reseller');
  const c = await signedIn(reseller.admin);
  const draft = parseDraft(await c.post('/customers/request-relationship'));
  const id = sql(`SELECT id FROM customer_invitations WHERE reseller_org_id = ${reseller.id} ORDER BY id DESC LIMIT 1`);
  const list = await c.get('/customers/invitations');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`id="invitation-${id}">[\\s\\S]*?Sent[\\s\\S]*?Revoke`));

  // another reseller cannot touch it
  const o = await signedIn(other.admin);
  await o.get('/customers/invitations');
  assert.equal((await o.post('/customers/invitations/revoke', { id })).status, 404);
  assert.doesNotMatch((await o.get('/customers/invitations')).text, new RegExp(`invitation-${id}"`));

  const revoked = await c.post('/customers/invitations/revoke', { id });
  assert.equal(revoked.status, 303);
  const after = await c.get(revoked.location);
  assert.match(after.text, /id="revoked-notice"/);
  assert.match(after.text, new RegExp(`id="invitation-${id}">[\\s\\S]*?Revoked`));
  assert.equal((await c.post('/customers/invitations/revoke', { id })).status, 409);

  const customer = arrangeCustomerTenant();
  const cc = await signedIn(customer.admin);
  const page = await cc.get(draft.path);
  assert.equal(page.status, 410);
  assert.match(page.text, /withdrawn/);
});

test('a provider invite cannot be accepted once that partnership has ended', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  sql(`INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) VALUES (${provider.id}, ${reseller.id}, UTC_TIMESTAMP())`);
  const draft = await inviteWithProvider(reseller, provider);
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id}`);
  const customer = arrangeCustomerTenant();
  const { res } = await accept(customer.admin, draft);
  assert.equal(res.status, 409);
  assert.match(res.text, /no longer the indirect provider/);
  assert.equal(customerOrg(customer), '0', 'nothing was written');
  assert.equal(sql(`SELECT used_at IS NULL FROM email_tokens t JOIN customer_invitations ci ON ci.token_id = t.id
    WHERE ci.reseller_org_id = ${reseller.id}`), '1', 'the link is still unused');
});

test('Invitations sent pages newest first: Older / Newer walk every invitation once', async () => {
  const reseller = arrangeOrg('reseller', 'Paged Inviter');
  const by = sql(`SELECT id FROM users WHERE upn = '${reseller.admin.upn}'`);
  // 70 invitations with their tokens, written straight into the database
  sql(`INSERT INTO email_tokens (token_hash, purpose, subject_id, created_by, created_at, expires_at)
      SELECT SHA2(CONCAT('paged ${reseller.tag} ', seq), 256), 'customer_invitation', ${reseller.id}, ${by}, UTC_TIMESTAMP(),
        UTC_TIMESTAMP() + INTERVAL 30 DAY FROM seq_1_to_70;
    INSERT INTO customer_invitations (reseller_org_id, token_id, created_by, created_at)
      SELECT ${reseller.id}, id, ${by}, UTC_TIMESTAMP() FROM email_tokens
      WHERE purpose = 'customer_invitation' AND subject_id = ${reseller.id} ORDER BY id;`);
  const expected = sql(`SELECT id FROM customer_invitations WHERE reseller_org_id = ${reseller.id} ORDER BY id DESC`).split('\n');
  assert.equal(expected.length, 70);
  const c = await signedIn(reseller.admin);
  const ids = (html) => [...html.matchAll(/<tr id="invitation-(\d+)">/g)].map((m) => m[1]);
  const pages = await assertPaged(c, '/customers/invitations', ids, expected, { pageSize: 50, lastUrl: '/customers/invitations?last=1' });
  assert.match(pages[0].text, /<a rel="next" href="\/customers\/invitations\?after=\d+%3A">Older/);
});

test('My subscriptions pages in the order they were bought: Next / Previous walk every subscription once', async () => {
  const provider = arrangeOrg('provider', 'Many Subs Provider');
  const customer = arrangeOrg('customer', 'Many Subs Customer');
  sql(`INSERT INTO subscriptions (customer_org_id, offer_id, licenses, provider_org_id, support_contact_org_id, created_at, updated_at)
    SELECT ${customer.id}, (SELECT MIN(id) FROM offers), seq, ${provider.id}, ${provider.id}, UTC_TIMESTAMP(), UTC_TIMESTAMP()
    FROM seq_1_to_40`);
  const expected = sql(`SELECT id FROM subscriptions WHERE customer_org_id = ${customer.id} ORDER BY id`).split('\n');
  const c = await signedIn(customer.admin);
  const ids = (html) => [...html.matchAll(/<tr id="subscription-(\d+)">/g)].map((m) => m[1]);
  const pages = await assertPaged(c, '/my/subscriptions', ids, expected, { pageSize: 25, lastUrl: '/my/subscriptions?last=1' });
  assert.match(pages[0].text, /<a rel="next" href="\/my\/subscriptions\?after=\d+%3A">Next/);
});
