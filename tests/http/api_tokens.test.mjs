// api_tokens.test.mjs: Account settings > API tokens and the tokens' answers on /v1/: a token is shown once and
// kept only as its SHA-256, bad input gets the form back (400), revoking ends it at the next call, and the API
// refuses (401) no token, garbage, unknown, revoked and expired tokens, a user gone from the account and a
// browser's cookies; a token without the read scope gets 403 naming it; last use is recorded. /v1/me tells
// a script who its token acts as. Fresh organizations each time, so rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlDecode, sql, BASE } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';
import { Api, newToken } from '../lib/api.mjs';

const TOKEN_RE = /cct_[A-Za-z0-9_-]{43}/g;
const userId = (upn) => Number(sql(`SELECT id FROM users WHERE upn = '${upn}'`));
const tokenId = (text) => Number(sql(`SELECT id FROM api_tokens WHERE token_hash = UNHEX(SHA2('${text}', 256))`) || 0);
const tokensOf = (org) => Number(sql(`SELECT COUNT(*) FROM api_tokens WHERE org_id = ${org.id}`));

async function partnerOn(kind, who = 'admin') {
  const org = arrangeOrg(kind, `Tokens ${kind}`);
  return { org, c: await signedIn(org[who]) };
}

for (const kind of ['provider', 'reseller']) {
  test(`a ${kind} creates a token: shown once, stored only as its SHA-256, one audit row`, async () => {
    const { org, c } = await partnerOn(kind);
    const list = await c.get('/account/tokens');
    assert.equal(list.status, 200);
    assert.match(list.text, /You have no API tokens in this account yet/);
    const mark = auditMark();
    const res = await c.post('/account/tokens/new', { name: 'Nightly sync', scope: 'read', expires_days: '30' });
    assert.equal(res.status, 200);
    const found = res.text.match(TOKEN_RE);
    assert.equal(found?.length, 1, 'the token text once on the page');
    const text = found[0];
    assert.match(res.text, /Copy your new API token now/);
    const id = tokenId(text);
    assert.ok(id > 0, 'the row holds SHA2(text, 256)');
    const row = sql(`SELECT user_id, org_id, name, token_hint, scopes, TIMESTAMPDIFF(HOUR, UTC_TIMESTAMP(), expires_at) FROM api_tokens WHERE id = ${id}`).split('\t');
    assert.deepEqual(row.slice(0, 5), [String(userId(org.admin.upn)), String(org.id), 'Nightly sync', text.slice(-4), 'read']);
    assert.ok(Number(row[5]) >= 30 * 24 - 1 && Number(row[5]) <= 30 * 24, `expires in 30 days (${row[5]} h)`);
    const whole = sql(`SELECT CONCAT_WS('|', id, user_id, org_id, name, HEX(token_hash), token_hint, scopes, created_at, expires_at) FROM api_tokens WHERE id = ${id}`);
    assert.ok(!whole.includes(text) && !whole.toUpperCase().includes(Buffer.from(text).toString('hex').toUpperCase()), 'no token text in the row');
    assert.equal(Number(sql(`SELECT COUNT(*) FROM audit_log WHERE LOCATE('${text}', CONCAT_WS('|', detail, before_json, after_json)) > 0`)), 0, 'no token text in audit_log');
    assertOneAudit(mark, { action: 'api_token.created', userId: userId(org.admin.upn), orgId: Number(org.id),
      objectType: 'api_token', objectId: id, after: { name: 'Nightly sync', scopes: 'read', expiresDays: '30' } });
    const again = await c.get('/account/tokens');
    assert.equal(again.status, 200);
    assert.doesNotMatch(again.text, TOKEN_RE, 'not shown again');
    assert.match(again.text, /Nightly sync/);
    assert.match(again.text, new RegExp(`ending in <code>${text.slice(-4).replace(/[-]/g, '\\-')}</code>`));
    assert.match(again.text, /<td class="token-state">Active<\/td>/);
    assert.match(again.text, /<td class="token-used">Never<\/td>/);
  });
}

test('bad input gets the form back with a 400 naming the problem, and nothing is written', async () => {
  const { org, c } = await partnerOn('reseller');
  await c.get('/account/tokens');
  const cases = [
    [{ name: '', scope: 'read', expires_days: '30' }, /Give the token a name/],
    [{ name: 'x'.repeat(101), scope: 'read', expires_days: '30' }, /at most 100 characters/],
    [{ name: 'No scope', expires_days: '30' }, /Choose at least one scope/],
    [{ name: 'Bad scope', scope: 'everything', expires_days: '30' }, /Choose at least one scope/],
    [{ name: 'Too long', scope: 'read', expires_days: '366' }, /in 1 to 365 days/],
    [{ name: 'Zero', scope: 'read', expires_days: '0' }, /in 1 to 365 days/],
  ];
  for (const [form, message] of cases) {
    const mark = auditMark();
    const res = await c.post('/account/tokens/new', form);
    assert.equal(res.status, 400, JSON.stringify(form));
    assert.match(htmlDecode(res.text), message);
    assert.match(res.text, /id="new-token-form"/);
    assert.doesNotMatch(res.text, TOKEN_RE);
    assertNoAudit(mark);
  }
  assert.equal(tokensOf(org), 0);
});

test('revoking a token: notice, state Revoked, one audit row; twice is 409; it stops at the very next call', async () => {
  const { org, c } = await partnerOn('provider');
  const text = await newToken(c, { name: 'Revoke me', scopes: ['read'] });
  const api = new Api(text);
  assert.equal((await api.get('/v1/me', { check: false })).status, 200);
  const id = tokenId(text);
  await c.get('/account/tokens');
  const mark = auditMark();
  const res = await c.post('/account/tokens/revoke', { token_id: String(id) });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/account/tokens?revoked=${id}`);
  assertOneAudit(mark, { action: 'api_token.revoked', userId: userId(org.admin.upn), orgId: Number(org.id),
    objectType: 'api_token', objectId: id, before: { state: 'active' }, after: { state: 'revoked', name: 'Revoke me' } });
  const page = await c.get(`/account/tokens?revoked=${id}`);
  assert.match(page.text, /The API token Revoke me has been revoked/);
  assert.match(page.text, /<td class="token-state">Revoked<\/td>/);
  assert.doesNotMatch(page.text, /name="token_id"/, 'no Revoke button on a revoked token');
  const after = await api.get('/v1/me', { check: false });
  assert.equal(after.status, 401);
  assert.match(after.json.description, /This API token was revoked/);
  const mark2 = auditMark();
  const twice = await c.post('/account/tokens/revoke', { token_id: String(id) });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /already revoked/);
  assertNoAudit(mark2);
});

test("another user's or another account's token, or a missing one, is 404; an admin agent may revoke a colleague's", async () => {
  const { org, c } = await partnerOn('reseller');
  const sales = await signedIn(org.sales);
  const salesToken = tokenId(await newToken(sales, { name: 'Sales script', scopes: ['read'] }));
  const adminToken = tokenId(await newToken(c, { name: 'Admin script', scopes: ['read'] }));
  const other = await partnerOn('reseller');
  await other.c.get('/account/tokens');
  for (const [who, id] of [[other.c, salesToken], [sales, adminToken], [sales, 999999999]]) {
    const mark = auditMark();
    const res = await who.post('/account/tokens/revoke', { token_id: String(id) });
    assert.equal(res.status, 404);
    assert.match(res.text, /You have no API token with that number in this account/);
    assertNoAudit(mark);
  }
  assert.equal(Number(sql(`SELECT COUNT(*) FROM api_tokens WHERE org_id = ${org.id} AND revoked_at IS NOT NULL`)), 0);
  await c.get('/account/tokens');
  assert.equal((await c.post('/account/tokens/revoke', { token_id: String(salesToken) })).status, 303);
  assert.equal(sql(`SELECT revoked_by FROM api_tokens WHERE id = ${salesToken}`), String(userId(org.admin.upn)));
  const list = await sales.get('/account/tokens');
  assert.doesNotMatch(list.text, /Admin script/, "a user's list holds their own tokens only");
});

test('/v1/me: who the token acts as, its scopes and expiry; last use recorded with the address', async () => {
  const { org, c } = await partnerOn('provider');
  const text = await newToken(c, { name: 'Me', scopes: ['read', 'orders'], days: 7 });
  const res = await new Api(text).get('/v1/me');
  assert.equal(res.status, 200);
  assert.deepEqual({ ...res.json, tokenExpiresAt: undefined }, {
    userId: String(userId(org.admin.upn)), userPrincipalName: org.admin.upn, displayName: `Ada Admin ${org.tag}`,
    partnerId: String(org.id), partnerName: org.name, partnerType: 'provider', roles: ['adminAgent'],
    tokenId: String(tokenId(text)), scopes: ['read', 'orders'], tokenExpiresAt: undefined });
  assert.match(res.json.tokenExpiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.doesNotMatch(res.text, TOKEN_RE);
  assert.equal(sql(`SELECT last_used_at IS NOT NULL, last_used_ip FROM api_tokens WHERE id = ${tokenId(text)}`), '1\t127.0.0.1');
  const page = await c.get('/account/tokens');
  assert.match(page.text, /<td class="token-used">[^<]+ from 127\.0\.0\.1<\/td>/);
});

test('401 for no token, garbage, an unknown, an expired token, a user gone from the account, and cookies alone', async () => {
  const { org, c } = await partnerOn('reseller');
  const api = new Api(null);
  const expect401 = async (token, re, headers = {}) => {
    const res = await api.get('/v1/me', { token, headers, check: false });
    assert.equal(res.status, 401, `${token}`);
    assert.match(res.headers.get('www-authenticate') || '', /^Bearer /);
    assert.match(res.json.description, re);
  };
  await expect401(null, /This call needs an API token/);
  await expect401('not-a-token', /not one Channel Center issued/);
  await expect401(`cct_${'A'.repeat(43)}`, /This API token is not known/);
  const cookies = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  await expect401(null, /This call needs an API token/, { Cookie: cookies });
  const expired = await newToken(c, { name: 'Old', scopes: ['read'] });
  assert.equal((await new Api(expired).get('/v1/me', { check: false })).status, 200);
  sql(`UPDATE api_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${tokenId(expired)}`);
  await expect401(expired, /This API token has expired/);
  assert.match((await c.get('/account/tokens')).text, /<td class="token-state">Expired<\/td>/);
  const gone = await newToken(c, { name: 'Gone', scopes: ['read'] });
  assert.equal((await new Api(gone).get('/v1/me', { check: false })).status, 200);
  sql(`DELETE FROM partner_users WHERE org_id = ${org.id} AND user_id = ${userId(org.admin.upn)}`);
  await expect401(gone, /no longer a user of its partner account/);
});

test('a token without the read scope gets 403 naming the scope', async () => {
  const { c } = await partnerOn('provider');
  const text = await newToken(c, { name: 'Orders only', scopes: ['orders'] });
  const res = await new Api(text).get('/v1/me', { check: false });
  assert.equal(res.status, 403);
  assert.match(res.json.description, /does not have the read scope/);
});

test('a customer, the vendor and a signed-out visitor cannot reach the token page', async () => {
  const customer = await signedIn(arrangeOrg('customer', 'Tokens customer').admin);
  assert.equal((await customer.get('/account/tokens')).status, 403);
  const res = await fetch(`${BASE}/account/tokens`, { redirect: 'manual' });
  assert.ok([302, 303].includes(res.status));
});

test('in Spanish: the page, its scopes and a field error', async () => {
  const { c } = await partnerOn('provider');
  c.cookies.set('lang', 'es');
  const page = await c.get('/account/tokens');
  assert.equal(page.status, 200);
  assert.match(page.text, /<html lang="es"/);
  assert.match(page.text, /Tokens de API/);
  assert.match(page.text, /Todavía no tiene tokens de API en esta cuenta/);
  assert.match(page.text, /30 días/);
  assert.doesNotMatch(page.text, /\bCreate token\b|\bExpires in\b|\bYour tokens\b/);
  const bad = await c.post('/account/tokens/new', { name: 'Sin ámbito', expires_days: '30' });
  assert.equal(bad.status, 400);
  assert.match(htmlDecode(bad.text), /Elija al menos un ámbito/);
  const text = await newToken(c, { name: 'Guion', scopes: ['read'] });
  const list = await c.get('/account/tokens');
  assert.match(list.text, /<td class="token-state">Activo<\/td>/);
  assert.match(list.text, /<td class="token-used">Nunca<\/td>/);
  assert.ok(text);
});
