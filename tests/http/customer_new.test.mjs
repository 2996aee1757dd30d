// customer_new.test.mjs: HTTP tests of Add new customer: a provider adds a customer for a partner reseller
// (details, subscriptions, review: state carried in the form, every field checked), Cancel writes nothing,
// Submit creates tenant, admin, customer, partners of record and one order exactly once (reloads and
// concurrent clicks included), the temporary password is shown once, the new admin must change it, and
// who may do any of it. Each test arranges a fresh provider and reseller; domain prefixes are random.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, partner, signedIn } from '../lib/arrange.mjs';
import { hiddenFields } from './customer_forms.mjs';

const offer = (sku) => {
  const [id, price, min, max] = sql(`SELECT id, monthly_price_cents, min_licenses, max_licenses FROM offers WHERE sku = '${sku}'`).split('\t');
  return { id, price: Number(price), min: Number(min), max: Number(max) };
};
const dollars = (cents) => `$${(Math.trunc(cents / 100)).toLocaleString('en-US')}.${String(cents % 100).padStart(2, '0')}`;
const fieldError = (text, name) => (text.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`)) || [])[1];

// A provider and a reseller in a live partnership.
function arrangePair() {
  const provider = arrangeOrg('provider'), reseller = arrangeOrg('reseller');
  partner(provider, reseller);
  return { provider, reseller };
}

const prefix = () => `nc${freshTag()}`.slice(0, 27);
function details(overrides = {}) {
  return { company_name: 'Tailwind Traders & Sons', domain_prefix: prefix(), address_line1: '1 Main Street', address_line2: 'Suite 200',
    city: 'Seattle', region: 'WA', postal_code: '98101', country: 'US', contact_name: 'Casey Customer',
    contact_email: 'casey@example.com', contact_phone: '+1 206 555 0100', ...overrides };
}


// Post PAGE's form with ACTION and the typed FIELDS.
function step(c, page, action, fields = {}) {
  return c.post('/customers/new', { ...hiddenFields(page.text), ...fields, action });
}

// From the details form to the review page; returns every page on the way.
async function toReview(c, reseller, d = details(), licenses = { [offer('CP-STD').id]: '10', [offer('EM-P1').id]: '3' }) {
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  assert.equal(form.status, 200);
  const subs = await step(c, form, 'next', d);
  assert.equal(subs.status, 200, subs.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  const lic = Object.fromEntries(Object.entries(licenses).map(([id, n]) => [`licenses_${id}`, n]));
  const review = await step(c, subs, 'next', lic);
  assert.equal(review.status, 200, review.text.match(/class="(field-)?error"[^>]*>[^<]*/g)?.join(' '));
  assert.match(review.text, /<h1>Review<\/h1>/);
  return { form, subs, review, details: d };
}

const counts = () => sql(`SELECT (SELECT COUNT(*) FROM tenants), (SELECT COUNT(*) FROM organizations),
  (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM subscriptions),
  (SELECT COUNT(*) FROM customer_relationships)`);
const tenantCount = (domain) => Number(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${domain}'`));

test('the details form: the reseller preselected among the partner resellers, every field checked with a message', async () => {
  const { provider, reseller } = arrangePair();
  const other = arrangeOrg('reseller');
  sql(`INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at) VALUES (${provider.id}, ${other.id}, UTC_TIMESTAMP())`);
  const c = await signedIn(provider.admin);
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Add new customer<\/h1>/);
  assert.match(form.text, /aria-current="step"><span class="step-number">1<\/span> Customer details/);
  assert.match(form.text, new RegExp(`<option value="${reseller.id}" selected>${reseller.name}</option>`));
  assert.match(form.text, new RegExp(`<option value="${other.id}">${other.name}</option>`));
  assert.match(form.text, /name="csrf_token" value="[0-9a-f]{64}"/);
  assert.match(form.text, /<option value="US">United States<\/option>/);
  assert.match(form.text, /<span class="suffix">\.onmicrosoft\.com<\/span>/);
  assert.match(form.text, /name="action" value="next" class="primary">Next: Subscriptions</);

  const before = counts();
  const empty = await step(c, form, 'next', Object.fromEntries(Object.keys(details()).map((k) => [k, ''])));
  assert.equal(empty.status, 400);
  assert.match(empty.text, /id="form-error"/);
  const required = { company_name: 'Company name', address_line1: 'Address line 1', city: 'City', postal_code: 'Postal code',
    country: 'Country or region', contact_name: 'Contact name', contact_email: 'Contact email', contact_phone: 'Contact phone' };
  for (const [name, label] of Object.entries(required)) assert.equal(fieldError(empty.text, name), `${label} is required.`, name);
  assert.equal(fieldError(empty.text, 'domain_prefix'), 'Enter a domain prefix of 3 to 27 lowercase letters and digits, such as contoso.');
  assert.equal(fieldError(empty.text, 'address_line2'), undefined, 'address line 2 is optional');
  assert.equal(fieldError(empty.text, 'region'), undefined, 'the region is optional');

  const bad = await step(c, form, 'next', details({ company_name: 'x'.repeat(201), domain_prefix: 'no_way', postal_code: '#1',
    country: 'ZZ', contact_email: 'not-an-email', contact_phone: '12', city: 'Bad\u0001City' }));
  assert.equal(bad.status, 400);
  assert.equal(fieldError(bad.text, 'company_name'), 'Company name can be at most 200 characters long.');
  assert.equal(fieldError(bad.text, 'domain_prefix'), 'Enter a domain prefix of 3 to 27 lowercase letters and digits, such as contoso.');
  assert.equal(fieldError(bad.text, 'postal_code'), 'Enter a postal code of 2 to 12 letters, digits, spaces or hyphens.');
  assert.equal(fieldError(bad.text, 'country'), 'Select a country or region from the list.');
  assert.equal(fieldError(bad.text, 'contact_email'), 'Enter an email address such as name@example.com.');
  assert.equal(fieldError(bad.text, 'contact_phone'), 'Enter a phone number of 7 to 20 digits; you may use spaces and + ( ) - .');
  assert.equal(fieldError(bad.text, 'city'), 'City contains characters that are not allowed.');
  assert.equal(fieldError(bad.text, 'contact_name'), undefined);
  assert.match(bad.text, /id="contact_email" name="contact_email" type="email"[^>]*value="not-an-email"[^>]*aria-invalid="true"/, 'values kept');
  assert.match(bad.text, /id="domain_prefix" name="domain_prefix"[^>]*value="no_way"/);
  for (const p of ['ab', 'a'.repeat(28), 'with-hyphen', 'dot.ted'])
    assert.ok(fieldError((await step(c, form, 'next', details({ domain_prefix: p }))).text, 'domain_prefix'), p);

  const taken = await step(c, form, 'next', details({ domain_prefix: 'Fabrikam' }));
  assert.equal(taken.status, 400);
  assert.equal(fieldError(taken.text, 'domain_prefix'), 'The domain fabrikam.onmicrosoft.com is already taken. Choose another prefix.');

  const noReseller = await step(c, form, 'next', { ...details(), reseller: '' });
  assert.equal(noReseller.status, 400);
  assert.equal(fieldError(noReseller.text, 'reseller'), 'Select the indirect reseller who will manage this customer.');
  assert.equal(counts(), before, 'nothing written by the details step');
});

test('subscriptions: the active offers by category; none chosen, counts out of limits or not numbers get messages', async () => {
  const { provider, reseller } = arrangePair();
  const sku = `CN-MIN5-${freshTag()}`.toUpperCase();
  sql(`INSERT INTO offers (name, sku, category, monthly_price_cents, min_licenses, max_licenses, active, updated_at)
    VALUES ('Five Seat Plan ${sku}', '${sku}', 'Productivity suites', 999, 5, 10, 1, UTC_TIMESTAMP())`);
  try {
    const min5 = offer(sku), cc = offer('CC-1000'), std = offer('CP-STD');
    const c = await signedIn(provider.admin);
    const form = await c.get(`/customers/new?reseller=${reseller.id}`);
    const subs = await step(c, form, 'next', details());
    assert.equal(subs.status, 200);
    assert.match(subs.text, /<h1>New subscriptions<\/h1>/);
    assert.match(subs.text, new RegExp(`id="reseller-name">${reseller.name}<`));
    assert.match(subs.text, /<h2 class="offer-category">Cloud compute credits<\/h2>[\s\S]*<h2 class="offer-category">Email plans<\/h2>[\s\S]*<h2 class="offer-category">Productivity suites<\/h2>/);
    assert.match(subs.text, new RegExp(`<tr id="offer-${cc.id}">[\\s\\S]*?class="offer-price">\\$1,000\\.00<[\\s\\S]*?<span class="hint">1 to 20</span>`));
    assert.doesNotMatch(subs.text, new RegExp(`<tr id="offer-${offer('EM-LEGACY').id}">`), 'inactive offers are not offered');
    const key = hiddenFields(subs.text).order_key;
    assert.match(key, /^[0-9a-f]{64}$/, 'the one-time key is issued with the subscriptions step');
    assert.equal(hiddenFields(subs.text).company_name, 'Tailwind Traders & Sons', 'details carried in the form');

    const none = await step(c, subs, 'next', { [`licenses_${std.id}`]: '0' });
    assert.equal(none.status, 400);
    assert.match(none.text, /id="form-error">Choose at least one offer: enter the number of licenses next to it\.</);
    const out = await step(c, subs, 'next', { [`licenses_${cc.id}`]: '21', [`licenses_${min5.id}`]: '3', [`licenses_${std.id}`]: 'ten' });
    assert.equal(out.status, 400);
    assert.equal(fieldError(out.text, `licenses_${cc.id}`), 'Enter from 1 to 20 licenses for this offer, or leave it empty.');
    assert.equal(fieldError(out.text, `licenses_${min5.id}`), 'Enter from 5 to 10 licenses for this offer, or leave it empty.');
    assert.equal(fieldError(out.text, `licenses_${std.id}`), 'Enter a whole number of licenses, or leave it empty.');
    assert.match(out.text, new RegExp(`id="licenses_${cc.id}" name="licenses_${cc.id}"[^>]*value="21" aria-invalid="true"`));
    assert.equal(hiddenFields(out.text).order_key, key, 'the key is carried along');
    const ok = await step(c, out, 'next', { [`licenses_${cc.id}`]: '20', [`licenses_${min5.id}`]: '5', [`licenses_${std.id}`]: '' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /<h1>Review<\/h1>/);
  } finally {
    sql(`DELETE FROM offers WHERE sku = '${sku}'`);
  }
});

test('Back keeps what was typed on every step', async () => {
  const { provider, reseller } = arrangePair();
  const std = offer('CP-STD');
  const c = await signedIn(provider.admin);
  const d = details({ company_name: 'Back & Forth Ltd' });
  const { subs, review } = await toReview(c, reseller, d, { [std.id]: '7' });
  const backToSubs = await step(c, review, 'back');
  assert.equal(backToSubs.status, 200);
  assert.match(backToSubs.text, new RegExp(`id="licenses_${std.id}" name="licenses_${std.id}"[^>]*value="7"`));
  const backToDetails = await step(c, backToSubs, 'back', { [`licenses_${std.id}`]: '8' });
  assert.equal(backToDetails.status, 200);
  assert.match(backToDetails.text, /id="company_name" name="company_name"[^>]*value="Back &amp; Forth Ltd"/);
  assert.match(backToDetails.text, new RegExp(`id="domain_prefix" name="domain_prefix"[^>]*value="${d.domain_prefix}"`));
  assert.match(backToDetails.text, /<option value="US" selected>United States<\/option>/);
  assert.match(backToDetails.text, new RegExp(`<option value="${reseller.id}" selected>`));
  assert.equal(hiddenFields(backToDetails.text)[`licenses_${std.id}`], '8', 'the licenses ride along hidden');
  assert.equal(hiddenFields(backToDetails.text).order_key, hiddenFields(subs.text).order_key);
  const again = await step(c, backToDetails, 'next', d);
  assert.match(again.text, new RegExp(`id="licenses_${std.id}" name="licenses_${std.id}"[^>]*value="8"`));
});

test('the review shows every line (licenses x price) and the monthly total; Cancel writes nothing', async () => {
  const { provider, reseller } = arrangePair();
  const std = offer('CP-STD'), em = offer('EM-P1'), cc = offer('CC-1000');
  const c = await signedIn(provider.admin);
  const before = counts();
  const d = details({ domain_prefix: `MiXeD${freshTag()}`.slice(0, 27) });
  const { review } = await toReview(c, reseller, d, { [std.id]: '10', [em.id]: '3', [cc.id]: '20' });
  const lines = [...review.text.matchAll(/<tr class="order-line">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
  assert.equal(lines.length, 3);
  const expect = [[cc, 'Cloud Compute Credits 1000', 20], [em, 'Business Email Plan 1', 3], [std, 'Cloud Productivity Standard', 10]];
  let total = 0;
  expect.forEach(([o, name, n], i) => {
    assert.match(lines[i], new RegExp(`class="line-name">${name}<`));
    assert.match(lines[i], new RegExp(`class="line-licenses">${n}<`));
    assert.ok(lines[i].includes(`class="line-price">× ${dollars(o.price)}<`), lines[i]);
    assert.ok(lines[i].includes(`class="line-amount">${dollars(n * o.price)}<`), lines[i]);
    total += n * o.price;
  });
  assert.equal(total, 20 * 100000 + 3 * 400 + 10 * 1250);
  assert.equal(dollars(total), '$20,137.00');
  assert.ok(review.text.includes(`id="order-total">${dollars(total)}<`));
  const domain = `${d.domain_prefix.toLowerCase()}.onmicrosoft.com`;
  assert.match(review.text, new RegExp(`id="review-domain">${domain}<`), 'the prefix in lower case');
  assert.match(review.text, new RegExp(`id="review-admin">admin@${domain}<`));
  assert.match(review.text, new RegExp(`id="review-reseller">${reseller.name}<`));
  assert.match(review.text, /id="review-company_name">Tailwind Traders &amp; Sons</);
  assert.match(review.text, /id="review-country">United States</);
  assert.match(review.text, /name="action" value="submit" class="primary">Submit</);
  assert.match(review.text, /name="action" value="cancel"[^>]*>Cancel</);

  const cancel = await step(c, review, 'cancel');
  assert.equal(cancel.status, 303);
  assert.equal(cancel.location, '/resellers?new_customer=cancelled');
  assert.equal(counts(), before, 'nothing was created');
  assert.equal(tenantCount(domain), 0);
});

test('Submit creates the tenant, its admin, the customer, both partners of record and one order; the password is shown once', async () => {
  const { provider, reseller } = arrangePair();
  const std = offer('CP-STD'), em = offer('EM-P1');
  const c = await signedIn(provider.sales);  // a sales agent may add customers
  const { review, details: d } = await toReview(c, reseller);
  const domain = `${d.domain_prefix}.onmicrosoft.com`;
  const body = { ...hiddenFields(review.text), action: 'submit' };
  const done = await c.post('/customers/new', body);
  assert.equal(done.status, 200);
  assert.match(done.text, /<h1>Confirmation<\/h1>/);
  assert.match(done.text, new RegExp(`id="setup-user">admin@${domain}<`));
  const password = htmlDecode(done.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);
  assert.equal(password.length, 16);
  assert.match(password, /[A-Z]/);
  assert.match(password, /[a-z]/);
  assert.match(password, /[2-9]/);
  assert.match(password, /[^A-Za-z0-9]/);
  assert.doesNotMatch(password, /[IOlo01]/, 'no look-alike characters');
  assert.match(done.text, /id="copy-warning"/);
  assert.match(done.text, /must change the password at first sign-in/);
  assert.match(done.text, new RegExp(`id="done" href="/customers\\?reseller=${reseller.id}">Done<`));
  assert.match(done.text, /id="order-total">\$137\.00</);
  assert.ok(!done.headers.get('location'), 'not a redirect: the password is never in a URL');

  // what was created
  const [tenantId, tenantName, tenantCountry] = sql(`SELECT id, display_name, country FROM tenants WHERE domain = '${domain}'`).split('\t');
  assert.equal(tenantName, 'Tailwind Traders & Sons');
  assert.equal(tenantCountry, 'US');
  const [upn, role, mustChange, hash] = sql(`SELECT upn, directory_role, must_change_password, password_hash FROM users WHERE tenant_id = ${tenantId}`).split('\t');
  assert.deepEqual([upn, role, mustChange], [`admin@${domain}`, 'global_admin', '1']);
  assert.match(hash, /^\$argon2id\$/);
  assert.ok(!hash.includes(password));
  const [customer, kind, name] = sql(`SELECT id, kind, name FROM organizations WHERE tenant_id = ${tenantId}`).split('\t');
  assert.deepEqual([kind, name], ['customer', 'Tailwind Traders & Sons']);
  assert.equal(sql(`SELECT CONCAT_WS('|', address_line1, address_line2, city, region, postal_code, contact_name, contact_email, contact_phone)
    FROM customer_profiles WHERE org_id = ${customer}`), '1 Main Street|Suite 200|Seattle|WA|98101|Casey Customer|casey@example.com|+1 206 555 0100');
  assert.equal(sql(`SELECT GROUP_CONCAT(partner_org_id ORDER BY partner_org_id) FROM customer_relationships
    WHERE customer_org_id = ${customer} AND ended_at IS NULL`), [provider.id, reseller.id].sort((a, b) => a - b).join(','));
  assert.equal(sql(`SELECT GROUP_CONCAT(CONCAT(offer_id, ':', licenses, ':', provider_org_id, ':', reseller_of_record_org_id) ORDER BY offer_id)
    FROM subscriptions WHERE customer_org_id = ${customer}`),
    [[em.id, 3], [std.id, 10]].sort((a, b) => a[0] - b[0]).map(([id, n]) => `${id}:${n}:${provider.id}:${reseller.id}`).join(','));
  const [orderId, orderCustomer, placedByOrg, total, lineCount] = sql(`SELECT o.id, o.customer_org_id, o.placed_by_org, o.monthly_total_cents,
    (SELECT COUNT(*) FROM order_lines l WHERE l.order_id = o.id) FROM orders o WHERE o.order_key = '${body.order_key}'`).split('\t');
  assert.deepEqual([orderCustomer, placedByOrg, total, lineCount], [customer, provider.id, String(10 * std.price + 3 * em.price), '2']);
  assert.match(done.text, new RegExp(`id="summary-order">${orderId}, placed `));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'customer.created' AND detail LIKE 'customer ${customer} %order ${orderId}'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%${password.replace(/[%_\\']/g, '')}%'`), '0');

  // the same POST again (a reload): the confirmation without the password, nothing created twice
  const before = counts();
  const reload = await c.post('/customers/new', body);
  assert.equal(reload.status, 200);
  assert.doesNotMatch(reload.text, /temp-password/);
  assert.ok(!reload.text.includes(password));
  assert.match(reload.text, /id="password-gone">The temporary password was shown once and cannot be shown again\./);
  assert.match(reload.text, new RegExp(`id="setup-user">admin@${domain}<`));
  assert.equal(counts(), before);

  // another session of the same provider sees the confirmation without the password; another provider gets 404
  const second = await signedIn(provider.admin);
  const again = await second.get(`/customers/new/done?order=${orderId}`);
  assert.equal(again.status, 200);
  assert.match(again.text, /id="password-gone"/);
  assert.ok(!again.text.includes(password));
  assert.match(again.text, /id="order-total">\$137\.00</);
  const stranger = await signedIn(arrangeOrg('provider').admin);
  assert.equal((await stranger.get(`/customers/new/done?order=${orderId}`)).status, 404);
  for (const bad of ['', 'abc', '0', '999999999']) assert.equal((await second.get(`/customers/new/done?order=${bad}`)).status, 404);
});

test('Submit checks everything again: a domain taken or an offer withdrawn meanwhile sends the form back, nothing created', async () => {
  const { provider, reseller } = arrangePair();
  const c = await signedIn(provider.admin);
  const { review, details: d } = await toReview(c, reseller);
  const domain = `${d.domain_prefix}.onmicrosoft.com`;
  sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Someone Else', 'US')`);
  const before = counts();
  const taken = await step(c, review, 'submit');
  assert.equal(taken.status, 400);
  assert.equal(fieldError(taken.text, 'domain_prefix'), `The domain ${domain} is already taken. Choose another prefix.`);
  assert.equal(counts(), before);
  assert.equal(sql(`SELECT COUNT(*) FROM orders WHERE order_key = '${hiddenFields(review.text).order_key}'`), '0');

  const sku = `CN-GONE-${freshTag()}`.toUpperCase();
  sql(`INSERT INTO offers (name, sku, category, monthly_price_cents, min_licenses, max_licenses, active, updated_at)
    VALUES ('Soon Gone ${sku}', '${sku}', 'Email plans', 100, 1, 10, 1, UTC_TIMESTAMP())`);
  try {
    const gone = offer(sku);
    const { review: r2 } = await toReview(c, reseller, details(), { [offer('CP-STD').id]: '2', [gone.id]: '4' });
    assert.match(r2.text, new RegExp(`Soon Gone ${sku}`));
    sql(`UPDATE offers SET active = 0 WHERE id = ${gone.id}`);
    const withdrawn = await step(c, r2, 'submit');
    assert.equal(withdrawn.status, 400);
    assert.match(withdrawn.text, /<h1>New subscriptions<\/h1>/);
    assert.match(withdrawn.text, /id="form-error">An offer you chose can no longer be ordered\./);
    assert.doesNotMatch(withdrawn.text, new RegExp(`id="offer-${gone.id}"`));
    assert.equal(counts(), before, 'nothing was created');
    const review3 = await step(c, withdrawn, 'next', { [`licenses_${offer('CP-STD').id}`]: '2' });
    assert.equal(review3.status, 200, 'without the withdrawn offer the order goes on');
    assert.doesNotMatch(review3.text, /Soon Gone/);
  } finally {
    sql(`DELETE FROM offers WHERE sku = '${sku}' AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.offer_id = offers.id)`);
  }
});

test('five identical Submit requests at once create exactly one customer and one order', async () => {
  const { provider, reseller } = arrangePair();
  const c = await signedIn(provider.admin);
  const { review, details: d } = await toReview(c, reseller);
  const domain = `${d.domain_prefix}.onmicrosoft.com`;
  const body = { ...hiddenFields(review.text), action: 'submit' };
  const before = counts().split('\t').map(Number);
  const results = await Promise.all(Array.from({ length: 5 }, () => c.post('/customers/new', body)));
  for (const res of results) {
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>Confirmation<\/h1>/);
  }
  assert.equal(results.filter((res) => /temp-password/.test(res.text)).length, 1, 'the password is shown exactly once');
  assert.equal(tenantCount(domain), 1);
  assert.equal(sql(`SELECT COUNT(*) FROM orders WHERE order_key = '${body.order_key}'`), '1');
  const after = counts().split('\t').map(Number);
  assert.deepEqual(after.map((n, i) => n - before[i]), [1, 1, 1, 1, 2, 2], 'tenant, customer, order, user, 2 subscriptions, 2 relationships');
});

test('the new admin signs in with the temporary password, must change it, then reaches the home page as the customer', async () => {
  const { provider, reseller } = arrangePair();
  const c = await signedIn(provider.admin);
  const { review, details: d } = await toReview(c, reseller);
  const done = await step(c, review, 'submit');
  const password = htmlDecode(done.text.match(/<code class="temp-password">([^<]+)<\/code>/)[1]);
  const upn = `admin@${d.domain_prefix}.onmicrosoft.com`;
  const customer = new Client();
  await customer.get('/signin');
  const signin = await customer.post('/signin', { upn, password });
  assert.equal(signin.status, 303);
  const home = await customer.get('/home');
  assert.equal(home.status, 303);
  assert.equal(home.location, '/account/password');
  const form = await customer.get('/account/password');
  assert.equal(form.status, 200);
  const changed = await customer.post('/account/password', { current_password: password,
    new_password: 'Customer-own-2026', confirm_password: 'Customer-own-2026' });
  assert.equal(changed.status, 303);
  assert.equal(sql(`SELECT must_change_password FROM users WHERE upn = '${upn}'`), '0');
  const after = await customer.get('/home');
  assert.equal(after.status, 200);
  assert.match(after.text, /Tailwind Traders &amp; Sons/);
});

test('rights: only providers partnered with the reseller, as admin or sales agents; unknown resellers are 404', async () => {
  const { provider, reseller } = arrangePair();
  const ok = await signedIn(provider.admin);
  const { review } = await toReview(ok, reseller);

  // a provider without a partnership with the reseller: 404 (as for an unknown reseller) at every step, whatever it posts
  const outsider = arrangeOrg('provider');
  const o = await signedIn(outsider.admin);
  assert.equal((await o.get(`/customers/new?reseller=${reseller.id}`)).status, 404);
  await o.get('/customers/new');
  const before = counts();
  const { csrf_token: theirs, ...fields } = hiddenFields(review.text);  // the outsider posts with its own CSRF token
  assert.ok(theirs);
  for (const [s, action] of [['details', 'next'], ['subscriptions', 'next'], ['review', 'back'], ['review', 'submit'], ['review', 'cancel']])
    assert.equal((await o.post('/customers/new', { ...fields, step: s, action })).status, 404, `${s} ${action}`);
  assert.equal(counts(), before);

  // a partnership that ended: 404 from then on, even mid-way
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id}`);
  assert.equal((await step(ok, review, 'submit')).status, 404);
  assert.equal((await ok.get(`/customers/new?reseller=${reseller.id}`)).status, 404);
  assert.equal(counts(), before);

  // unknown or wrong-kind ids
  for (const id of ['abc', '0', '999999999', provider.id]) assert.equal((await ok.get(`/customers/new?reseller=${id}`)).status, 404, id);

  // resellers, customers, vendor admins and provider members without the roles: 403
  for (const who of [reseller.admin, DEMO.reseller, DEMO.customer, DEMO.vendor, provider.helpdesk]) {
    const c = await signedIn(who);
    assert.equal((await c.get('/customers/new')).status, 403, who.upn);
    assert.equal((await c.post('/customers/new', { ...hiddenFields(review.text), action: 'submit' })).status, 403, who.upn);
    assert.equal((await c.get('/customers/new/done?order=1')).status, who === provider.helpdesk ? 404 : 403, who.upn);
  }
  // no CSRF token: 403
  const forged = await ok.post('/customers/new', { ...hiddenFields(review.text), action: 'submit', csrf_token: '' });
  assert.equal(forged.status, 403);
  assert.equal(counts(), before);
});

test('the demo: Fabrikam adds a customer for Wide World; Contoso is not its partner', async () => {
  const c = await signedIn(DEMO.provider);
  const wide = sql("SELECT id FROM organizations WHERE kind = 'reseller' AND name = 'Wide World Resellers'");
  const contoso = sql("SELECT id FROM organizations WHERE kind = 'reseller' AND name = 'Contoso Reseller'");
  // the browser test links Fabrikam and Contoso; this one is about a reseller Fabrikam is not partnered with
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE reseller_org_id = ${contoso} AND ended_at IS NULL
       AND provider_org_id = (SELECT id FROM organizations WHERE kind = 'provider' AND name = 'Fabrikam Distribution')`);
  const form = await c.get(`/customers/new?reseller=${wide}`);
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${wide}" selected>Wide World Resellers</option>`));
  assert.doesNotMatch(form.text, new RegExp(`<option value="${contoso}"`));
  assert.equal((await c.get(`/customers/new?reseller=${contoso}`)).status, 404);
});

test('another user\'s one-time order key: 409 with the review back and a new key, nothing created', async () => {
  const { provider, reseller } = arrangePair();
  const ada = await signedIn(provider.admin), max = await signedIn(provider.sales);
  const first = await toReview(ada, reseller);
  const key = hiddenFields(first.review.text).order_key;
  assert.equal((await ada.post('/customers/new', { ...hiddenFields(first.review.text), action: 'submit' })).status, 200);
  const { review, details: d } = await toReview(max, reseller);
  const res = await max.post('/customers/new', { ...hiddenFields(review.text), order_key: key, action: 'submit' });
  assert.equal(res.status, 409, res.text.slice(0, 1500));
  assert.match(res.text, /<h1>Review<\/h1>/);
  assert.match(res.text, /This form&#39;s one-time order key was already used by someone else, so nothing was created/);
  const fresh = hiddenFields(res.text).order_key;
  assert.match(fresh, /^[0-9a-f]{64}$/);
  assert.notEqual(fresh, key);
  assert.equal(tenantCount(`${d.domain_prefix}.onmicrosoft.com`), 0, 'nothing created');
  // the new key creates max's customer
  const done = await max.post('/customers/new', { ...hiddenFields(res.text), action: 'submit' });
  assert.match(done.text, /<h1>Confirmation<\/h1>/);
  assert.equal(tenantCount(`${d.domain_prefix}.onmicrosoft.com`), 1);
});
