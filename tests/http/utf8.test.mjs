// utf8.test.mjs: HTTP tests of strict UTF-8 text (RFC 3629) on every form and address: overlong forms,
// surrogates, code points above U+10FFFF, truncated sequences and lone continuation bytes get 400 with the
// form back and a message saying what to do, and nothing is written; real multibyte text still goes through.
// Every test arranges fresh organizations or a fresh wizard, so the file is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { arrangeOrg, partner, relate, signedIn } from '../lib/arrange.mjs';

// Percent-escaped byte sequences that are not UTF-8 text; each is inserted in an otherwise valid field.
const INVALID = {
  overlong: '%C0%AF',
  surrogate: '%ED%A0%80',
  'above U+10FFFF': '%F4%90%80%80',
  truncated: '%E2%82',
  'lone continuation bytes': '%80%BF',
};
const MULTIBYTE = 'Müller Ñandú 東京 😀';
const FORM_BACK = /id="invalid-text">Some of the text you sent is not valid UTF-8 text[^<]*nothing was saved\. Retype it and submit again\.</;
const hex = (s) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

// POST FIELDS (encoded as a browser does) plus RAW, an already-escaped "name=value" with the bad bytes.
function postRaw(c, path, fields, raw) {
  const body = new URLSearchParams({ csrf_token: c.lastToken, ...fields }).toString();
  return c.request('POST', path, { body: `${body}&${raw}` });
}

test('sign-in: text that is not UTF-8 gets the sign-in form back with 400, and no session is started', async () => {
  const org = arrangeOrg('reseller', 'UTF8 Reseller');
  const userId = sql(`SELECT id FROM users WHERE upn = '${org.admin.upn}'`);
  for (const [kind, bad] of Object.entries(INVALID)) {
    const c = new Client();
    await c.get('/signin');
    // the right password, so that only the refusal keeps the session from being started
    const res = await postRaw(c, '/signin', { upn: org.admin.upn, password: org.admin.password }, `next=/home${bad}`);
    assert.equal(res.status, 400, kind);
    assert.match(res.text, FORM_BACK, kind);
    assert.match(res.text, /<h1>Sign in<\/h1>[\s\S]*<form method="post" action="\/signin"/, `${kind}: the form comes back`);
    assert.equal(res.headers.getSetCookie().filter((l) => l.startsWith('cc_session=')).length, 0, kind);
    const name = await postRaw(c, '/signin', { password: org.admin.password }, `upn=ada${bad}%40${org.domain}`);
    assert.equal(name.status, 400, `${kind} in the user name`);
    assert.match(name.text, FORM_BACK);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id = ${userId}`), '0', 'no session row');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE user_id = ${userId}`), '0', 'no audit row');
});

test('a partner form (add a customer user): 400 with the page and its form back, no user written; multibyte text is saved as sent', async () => {
  const provider = arrangeOrg('provider', 'UTF8 Provider');
  const reseller = arrangeOrg('reseller', 'UTF8 Reseller');
  const customer = arrangeOrg('customer', 'UTF8 Customer');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  const tenantUsers = () => sql(`SELECT COUNT(*) FROM users WHERE tenant_id = (SELECT tenant_id FROM organizations WHERE id = ${customer.id})`);
  const before = tenantUsers();
  const c = await signedIn(reseller.admin);
  for (const [kind, bad] of Object.entries(INVALID)) {
    await c.get(`/customers/users?customer=${customer.id}`);
    const res = await postRaw(c, '/customers/users/add', { customer: customer.id, user_name: 'jane' }, `display_name=Jane${bad}Doe`);
    assert.equal(res.status, 400, kind);
    assert.match(res.text, FORM_BACK, kind);
    assert.match(res.text, /<h2>Add user<\/h2>[\s\S]*action="\/customers\/users\/add"/, `${kind}: the form comes back`);
    assert.match(res.text, new RegExp(customer.name), `${kind}: on the customer's page`);
  }
  assert.equal(tenantUsers(), before, 'no user written');

  await c.get(`/customers/users?customer=${customer.id}`);
  const ok = await c.post('/customers/users/add', { customer: customer.id, display_name: MULTIBYTE, user_name: 'muller' });
  assert.equal(ok.status, 200, 'the temporary password page');
  assert.equal(sql(`SELECT HEX(display_name) FROM users WHERE upn = 'muller@${customer.domain}'`), hex(MULTIBYTE));
});

test('the enrollment wizard (create a tenant): 400 with the step back, no tenant written; multibyte text is saved as sent', async () => {
  const c = new Client();
  await c.get('/enroll/welcome');
  assert.equal((await c.post('/enroll/welcome')).location, '/enroll/directory');
  const prefix = `u${Date.now().toString(36)}`;
  const fields = { domain_prefix: prefix, country: 'US', admin_name: 'Pat Fresh', admin_user: 'admin',
    password: 'Fresh-tenant-2026', confirm_password: 'Fresh-tenant-2026' };
  for (const [kind, bad] of Object.entries(INVALID)) {
    await c.get('/enroll/tenant');
    const res = await postRaw(c, '/enroll/tenant', fields, `org_name=Fresh${bad}Ltd`);
    assert.equal(res.status, 400, kind);
    assert.match(res.text, FORM_BACK, kind);
    assert.match(res.text, /<form method="post" action="\/enroll\/tenant"/, `${kind}: the step comes back`);
  }
  assert.equal(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${prefix}.onmicrosoft.com'`), '0', 'no tenant written');

  await c.get('/enroll/tenant');
  const ok = await c.post('/enroll/tenant', { ...fields, org_name: MULTIBYTE });
  assert.equal(ok.status, 303, ok.text);
  assert.equal(sql(`SELECT HEX(display_name) FROM tenants WHERE domain = '${prefix}.onmicrosoft.com'`), hex(MULTIBYTE));
});

test('an address whose query is not UTF-8 gets a 400 page naming the cause; a form with no page of its own a 400 page', async () => {
  for (const bad of Object.values(INVALID)) {
    const res = await new Client().get(`/providers?q=Contoso${bad}`);
    assert.equal(res.status, 400);
    assert.match(res.text, /400 · Bad Request[\s\S]*Some of the text in this address is not valid UTF-8 text/);
  }
  const good = await new Client().get(`/providers?q=${encodeURIComponent(MULTIBYTE)}`);
  assert.equal(good.status, 200);

  const c = await signedIn(arrangeOrg('reseller', 'UTF8 Signout').admin);
  await c.get('/home');
  const res = await postRaw(c, '/signout', {}, 'reason=%C0%AF');
  assert.equal(res.status, 400, 'sign-out has no form page');
  assert.match(res.text, /nothing was saved\. Go back, retype it and submit again\./);
  assert.equal((await c.get('/home')).status, 200, 'still signed in: nothing was done');
});
