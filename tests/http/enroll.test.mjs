// enroll.test.mjs: HTTP tests of the reseller enrollment wizard (every step's validation and refusals,
// resuming, Back), Enroll now exactly once, the verification email and link, and the status page.
// Runs on fresh data (a new tenant and membership account per test) so it can run again on the same
// database, in any order, beside the browser test that enrolls the demo tenants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sql } from '../lib/client.mjs';
import { waitForMail, messagesTo, links } from '../lib/mail.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = () => Math.random().toString(36).slice(2, 10).replace(/[^a-z0-9]/g, '0');
const TENANT_PASSWORD = 'Fresh-tenant-2026';
const MEMBERSHIP_PASSWORD = 'Membership-demo-2026';  // the hash is copied from partner@adatum.com
const SAME_COUNTRY = "Select the MPN ID associated with an active organization profile that's located in the same country/region as your directory tenant.";
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const pathOf = (url) => { const u = new URL(url); return u.pathname + u.search; };

// GET the page (for its CSRF token), then POST the form to it.
async function submit(c, path, fields) {
  await c.get(path);
  return c.post(path, fields);
}

async function startWizard(c = new Client()) {
  await c.get('/enroll/welcome');
  const res = await c.post('/enroll/welcome');
  assert.equal(res.status, 303);
  assert.equal(res.location, '/enroll/directory');
  return c;
}

function tenantFields(prefix, overrides = {}) {
  return { domain_prefix: prefix, org_name: `Fresh ${prefix} Ltd`, country: 'US', admin_name: 'Pat Fresh',
    admin_user: 'admin', password: TENANT_PASSWORD, confirm_password: TENANT_PASSWORD, ...overrides };
}

// A new tenant made through Create new tenant; returns its admin's sign-in.
async function createTenant(c, overrides = {}) {
  const prefix = `t${rand()}`;
  const res = await submit(c, '/enroll/tenant', tenantFields(prefix, overrides));
  assert.equal(res.status, 303, res.text);
  return { prefix, domain: `${prefix}.onmicrosoft.com`, upn: `admin@${prefix}.onmicrosoft.com`, password: TENANT_PASSWORD,
    location: res.location };
}

async function signInDirectory(c, upn, password) {
  return submit(c, '/enroll/directory', { upn, password });
}

// A membership account of our own with active US and DE profiles and an inactive US one.
function makeMembership() {
  const user = `m-${rand()}@example.com`;
  const mpn = () => String(500000000 + Math.floor(Math.random() * 400000000));
  const profiles = { us: mpn(), de: mpn(), inactive: mpn() };
  sql(`INSERT INTO membership_accounts (user_name, display_name, password_hash)
       SELECT ${q(user)}, 'Test partner', password_hash FROM membership_accounts WHERE user_name = 'partner@adatum.com'`);
  for (const [key, country, city, active, name] of [['us', 'US', 'Seattle', 1, 'Fresh Corp'],
    ['de', 'DE', 'Munich', 1, 'Fresh GmbH'], ['inactive', 'US', 'Portland', 0, 'Fresh Legacy LLC']])
    sql(`INSERT INTO org_profiles (account_id, mpn_id, legal_name, country, city, active)
         SELECT id, ${q(profiles[key])}, ${q(name)}, ${q(country)}, ${q(city)}, ${active} FROM membership_accounts WHERE user_name = ${q(user)}`);
  const id = (m) => sql(`SELECT id FROM org_profiles WHERE mpn_id = ${q(m)}`);
  return { user, profiles, ids: { us: id(profiles.us), de: id(profiles.de), inactive: id(profiles.inactive) } };
}

async function membershipSignIn(c, user, password = MEMBERSHIP_PASSWORD) {
  assert.equal((await submit(c, '/enroll/mpn', {})).location, '/enroll/membership');
  assert.equal((await submit(c, '/enroll/membership', { user_name: user })).location, '/enroll/membership/password');
  return submit(c, '/enroll/membership/password', { password });
}

// A fresh tenant signed in, at the MPN step.
async function toMpnStep() {
  const c = await startWizard();
  const t = await createTenant(c);
  const res = await signInDirectory(c, t.upn, t.password);
  assert.equal(res.status, 303, res.text);
  assert.equal(res.location, '/enroll/mpn');
  return { c, t };
}

// A fresh tenant and membership account, the US profile chosen: at the details step.
async function toDetailsStep() {
  const { c, t } = await toMpnStep();
  const m = makeMembership();
  assert.equal((await membershipSignIn(c, m.user)).location, '/enroll/profile');
  const res = await submit(c, '/enroll/profile', { profile_id: m.ids.us, action: 'continue' });
  assert.equal(res.location, '/enroll/details');
  return { c, t, m };
}

function validDetails(overrides = {}) {
  return { legal_name: 'Fresh Corp', address_line1: '1 Main Street', address_line2: 'Suite 100', city: 'Seattle',
    region: 'WA', postal_code: '98101', country: 'US', phone: '+1 425 555 0100', contact_name: 'Pat Fresh',
    contact_email: `contact-${rand()}@example.com`, contact_phone: '(425) 555-0101',
    support_email: 'support@example.com', support_phone: '425-555-0102', support_website: 'https://support.example.com',
    action: 'next', ...overrides };
}

// A complete full-path enrollment; returns the client, tenant, membership and contact email.
async function enrollFresh() {
  const ctx = await toDetailsStep();
  const details = validDetails();
  assert.equal((await submit(ctx.c, '/enroll/details', details)).location, '/enroll/review');
  const res = await submit(ctx.c, '/enroll/review', {});
  assert.equal(res.status, 303, res.text);
  assert.equal(res.location, '/enroll/status');
  return { ...ctx, contact: details.contact_email };
}

const appCount = (domain) => Number(sql(`SELECT COUNT(*) FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.domain = ${q(domain)}`));
const appId = (domain) => sql(`SELECT a.id FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.domain = ${q(domain)} ORDER BY a.id DESC LIMIT 1`);

test('/enroll sends a newcomer to Welcome, and a step ahead of the unfinished one redirects there', async () => {
  const c = new Client();
  assert.equal((await c.get('/enroll')).location, '/enroll/welcome');
  assert.equal((await c.get('/enroll/details')).location, '/enroll/welcome');
  const welcome = await c.get('/enroll/welcome');
  assert.equal(welcome.status, 200);
  assert.match(welcome.text, /Global administrator credentials/);
  assert.match(welcome.text, /membership center/);
  assert.match(welcome.text, /several days/);
  assert.match(welcome.text, /<li class="step-current" aria-current="step"><span class="step-number">1<\/span> Welcome<\/li>/);
  const next = await c.post('/enroll/welcome');
  assert.equal(next.location, '/enroll/directory');
  const cookie = next.headers.getSetCookie().find((l) => l.startsWith('cc_enroll='));
  assert.match(cookie, /^cc_enroll=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
  // only a hash of the cookie is stored
  assert.equal(sql(`SELECT COUNT(*) FROM enrollment_wizards WHERE token_hash = ${q(c.cookies.get('cc_enroll'))}`), '0');
  for (const path of ['/enroll/mpn', '/enroll/membership', '/enroll/membership/password', '/enroll/profile', '/enroll/details', '/enroll/review'])
    assert.equal((await c.get(path)).location, '/enroll/directory', path);
  assert.equal((await c.get('/enroll')).location, '/enroll/directory');
  const dir = await c.get('/enroll/directory');
  assert.match(dir.text, /aria-current="step"><span class="step-number">2<\/span> Sign in to the directory/);
  assert.match(dir.text, /href="\/enroll\/tenant"[^>]*>Create new tenant</);
});

test('Create new tenant checks every field and keeps what was typed', async () => {
  const c = await startWizard();
  const page = await c.get('/enroll/tenant');
  assert.equal(page.status, 200);
  assert.match(page.text, /\.onmicrosoft\.com/);
  const cases = [
    [{ domain_prefix: 'a-b' }, /Enter a domain prefix of 3 to 27 lowercase letters and digits/],
    [{ domain_prefix: 'ab' }, /Enter a domain prefix of 3 to 27/],
    [{ domain_prefix: 'x'.repeat(28) }, /Enter a domain prefix of 3 to 27/],
    [{ domain_prefix: 'adatum' }, /The domain adatum\.onmicrosoft\.com is already taken/],
    [{ password: 'short-pw', confirm_password: 'short-pw' }, /Choose a password of 12 to 256 characters/],
    [{ confirm_password: 'Something-else-2026' }, /The two passwords do not match/],
    [{ country: 'XX' }, /Select a country or region from the list/],
    [{ org_name: '' }, /Organization name is required/],
    [{ admin_name: '' }, /Name is required/],
    [{ admin_user: 'bad user!' }, /Enter a user name of up to 64 letters/],
  ];
  for (const [override, message] of cases) {
    const res = await c.post('/enroll/tenant', tenantFields(`ok${rand()}`, { org_name: 'Kept & "Co"', ...override }));
    assert.equal(res.status, 400, JSON.stringify(override));
    assert.match(res.text, message);
    assert.match(res.text, /<p class="field-error"/);
    if (!('org_name' in override)) assert.match(res.text, /value="Kept &amp; &quot;Co&quot;"/);
  }
});

test('Create new tenant makes the tenant and its global admin, then asks to sign in with it', async () => {
  const c = await startWizard();
  const t = await createTenant(c);
  assert.equal(t.location, `/enroll/directory?created=1&upn=${encodeURIComponent(t.upn)}`);
  const page = await c.get(t.location);
  assert.match(page.text, /id="tenant-created"/);
  assert.match(page.text, new RegExp(`name="upn"[^>]*value="${t.upn.replace(/\./g, '\\.')}"`));
  assert.equal(sql(`SELECT CONCAT(t.country, ' ', u.directory_role, ' ', u.password_hash LIKE '$argon2id$%')
    FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.upn = ${q(t.upn)}`), 'US global_admin 1');
  const again = await submit(c, '/enroll/tenant', tenantFields(t.prefix));
  assert.equal(again.status, 400);
  assert.match(again.text, /already taken/);
  // the new admin signs in: the wizard moves on and the admin is signed in to the portal as well
  const res = await signInDirectory(c, t.upn, t.password);
  assert.equal(res.location, '/enroll/mpn');
  assert.ok(c.cookies.has('cc_session'));
  assert.equal((await c.get('/home')).status, 200);
});

test('directory sign-in: a wrong password, a non-admin user and an enrolled tenant are refused clearly', async () => {
  const c = await startWizard();
  const empty = await signInDirectory(c, '', '');
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Enter the user name and password of a global administrator/);
  const wrong = await signInDirectory(c, 'bob@adatum.onmicrosoft.com', 'not-the-password');
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /That user name and password do not match/);
  sql(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE upn = 'bob@adatum.onmicrosoft.com'`);
  const bob = await signInDirectory(c, 'bob@adatum.onmicrosoft.com', 'Adatum-user-2026');
  assert.equal(bob.status, 403);
  assert.match(bob.text, /bob@adatum\.onmicrosoft\.com is not a global administrator of adatum\.onmicrosoft\.com/);
  assert.equal((await c.get('/enroll')).location, '/enroll/directory');  // still at this step
  const sam = await signInDirectory(c, 'sam@contoso.onmicrosoft.com', 'Contoso-demo-2026');
  assert.equal(sam.status, 409);
  assert.match(sam.text, /contoso\.onmicrosoft\.com is already enrolled as an indirect reseller/);
  assert.equal((await c.get('/enroll')).location, '/enroll/directory');
});

test('a tenant with an application in progress is refused, with a link to its status for the applicant', async () => {
  const { t } = await enrollFresh();
  const c = await startWizard();
  const res = await signInDirectory(c, t.upn, t.password);
  assert.equal(res.status, 409);
  assert.match(res.text, /An application for this tenant \(.*\) is already in progress/);
  assert.match(res.text, /href="\/enroll\/status"/);
  // signed in as the applicant, the status page finds the application
  const status = await c.get('/enroll/status');
  assert.match(status.text, /Waiting for email verification/);
});

test('a tenant that is already a provider takes the short path: support information only', async () => {
  const c = await startWizard();
  const t = await createTenant(c);
  sql(`INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'provider', 'Short Path Distribution', id, country
       FROM tenants WHERE domain = ${q(t.domain)}`);
  const res = await signInDirectory(c, t.upn, t.password);
  assert.equal(res.location, '/enroll/details');
  assert.equal((await c.get('/enroll/mpn')).location, '/enroll/details');
  assert.equal((await c.get('/enroll/profile')).location, '/enroll/details');
  const page = await c.get('/enroll/details');
  assert.doesNotMatch(page.text, /Link your MPN ID/);
  assert.match(page.text, /aria-current="step"><span class="step-number">3<\/span> Business details/);
  assert.match(page.text, /id="short-path-note"/);
  assert.match(page.text, /Short Path Distribution/);
  assert.doesNotMatch(page.text, /name="legal_name"/);
  assert.doesNotMatch(page.text, /name="address_line1"/);
  for (const f of ['support_email', 'support_phone', 'support_website']) assert.match(page.text, new RegExp(`name="${f}"`));
  const bad = await c.post('/enroll/details', { support_email: 'nope', support_phone: '12', support_website: 'ftp://x', action: 'next' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Enter an email address such as name@example\.com/);
  const ok = await c.post('/enroll/details', { support_email: 'help@example.com', support_phone: '+44 20 7946 0000',
    support_website: '', action: 'next' });
  assert.equal(ok.location, '/enroll/review');
  const review = await c.get('/enroll/review');
  assert.doesNotMatch(review.text, /id="review-mpn"/);
  assert.equal((await c.post('/enroll/review')).location, '/enroll/status');
  assert.equal(sql(`SELECT CONCAT(short_path, ' ', COALESCE(mpn_id, 'none'), ' ', legal_name, ' ', contact_email)
    FROM enrollment_applications WHERE id = ${appId(t.domain)}`), `1 none Short Path Distribution ${t.upn}`);
  await waitForMail(t.upn, { subject: /Verify your email address/ });
});

test('membership center sign-in: the user name page, then the password page; a wrong password is refused', async () => {
  const { c } = await toMpnStep();
  const mpn = await c.get('/enroll/mpn');
  assert.match(mpn.text, /We link your organization's partner network ID \(MPN ID\)/);
  assert.equal((await c.post('/enroll/mpn')).location, '/enroll/membership');
  assert.equal((await c.get('/enroll/membership/password')).location, '/enroll/membership');  // user name first
  const empty = await submit(c, '/enroll/membership', { user_name: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /User name is required/);
  const odd = await c.post('/enroll/membership', { user_name: 'not an address' });
  assert.equal(odd.status, 400);
  assert.match(odd.text, /Enter an email address/);
  assert.equal((await c.post('/enroll/membership', { user_name: 'partner@adatum.com' })).location, '/enroll/membership/password');
  const page = await c.get('/enroll/membership/password');
  assert.match(page.text, /id="membership-user">partner@adatum\.com</);
  assert.match(page.text, /href="\/enroll\/membership" id="use-another-account">Use another account/);
  const wrong = await c.post('/enroll/membership/password', { password: 'wrong-password' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /That user name and password do not match/);
  const unknown = await submit(c, '/enroll/membership', { user_name: `nobody-${rand()}@example.com` });
  assert.equal(unknown.location, '/enroll/membership/password');
  const nobody = await submit(c, '/enroll/membership/password', { password: MEMBERSHIP_PASSWORD });
  assert.equal(nobody.status, 401);
  assert.match(nobody.text, /That user name and password do not match/);
  assert.equal((await c.get('/enroll/profile')).location, '/enroll/membership');
});

test('membership center sign-in: failures count against the address; past the limit even the right password waits', async () => {
  const { c } = await toMpnStep();
  const m = makeMembership();
  const failuresNow = () => Number(sql(`SELECT COALESCE(MAX(failures), 0) FROM signin_failures WHERE client_ip = '127.0.0.1'`));
  const before = failuresNow();
  assert.equal((await membershipSignIn(c, m.user, 'wrong-password')).status, 401);
  assert.equal(failuresNow(), before + 1, 'a wrong membership password counts as a failed sign-in');
  try {
    sql(`UPDATE signin_failures SET failures = 50, window_start = UTC_TIMESTAMP() WHERE client_ip = '127.0.0.1'`);
    const throttled = await submit(c, '/enroll/membership/password', { password: MEMBERSHIP_PASSWORD });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '900');
    assert.match(throttled.text, /Too many failed sign-ins from your network/);
    assert.equal((await c.get('/enroll/profile')).location, '/enroll/membership', 'not signed in');
  } finally {
    sql(`DELETE FROM signin_failures WHERE client_ip = '127.0.0.1'`);
  }
  assert.equal((await submit(c, '/enroll/membership/password', { password: MEMBERSHIP_PASSWORD })).location, '/enroll/profile');
});

test('profiles: only active ones are listed; another country, an unlisted or enrolled MPN ID is refused; Cancel', async () => {
  const { c } = await toMpnStep();
  const m = makeMembership();
  assert.equal((await membershipSignIn(c, m.user)).location, '/enroll/profile');
  const page = await c.get('/enroll/profile');
  assert.match(page.text, new RegExp(`MPN ID ${m.profiles.us}`));
  assert.match(page.text, new RegExp(`MPN ID ${m.profiles.de}`));
  assert.doesNotMatch(page.text, new RegExp(m.profiles.inactive));
  assert.match(page.text, /Fresh GmbH<\/span>\s*<span class="profile-place">Munich, Germany/);
  const de = await c.post('/enroll/profile', { profile_id: m.ids.de, action: 'continue' });
  assert.equal(de.status, 409);
  assert.ok(de.text.includes(SAME_COUNTRY.replace(/'/g, '&#39;')), de.text);
  const inactive = await c.post('/enroll/profile', { profile_id: m.ids.inactive, action: 'continue' });
  assert.equal(inactive.status, 400);
  assert.match(inactive.text, /Select one of your organization profiles/);
  assert.equal((await c.post('/enroll/profile', { action: 'continue' })).status, 400);
  assert.equal((await c.get('/enroll/details')).location, '/enroll/profile');
  // Cancel: sign in with another membership account (Contoso's, whose MPN ID is enrolled already)
  const cancel = await c.post('/enroll/profile', { action: 'cancel' });
  assert.equal(cancel.location, '/enroll/membership');
  assert.doesNotMatch((await c.get('/enroll/membership')).text, new RegExp(m.user));
  assert.equal((await c.get('/enroll/profile')).location, '/enroll/membership');
  assert.equal((await membershipSignIn(c, 'partner@contoso.com')).location, '/enroll/profile');
  const contoso = await c.get('/enroll/profile');
  const id = contoso.text.match(/value="(\d+)"[^>]*>\s*<span class="profile-mpn">MPN ID 4200001/)[1];
  const enrolled = await c.post('/enroll/profile', { profile_id: id, action: 'continue' });
  assert.equal(enrolled.status, 409);
  assert.match(enrolled.text, /The MPN ID 4200001 is already enrolled in the program/);
});

test('an MPN ID with an application in progress is refused, at the profile step and at Enroll now', async () => {
  const m = makeMembership();
  const [a, b] = [await toMpnStep(), await toMpnStep()];
  for (const { c } of [a, b]) {
    await membershipSignIn(c, m.user);
    assert.equal((await submit(c, '/enroll/profile', { profile_id: m.ids.us, action: 'continue' })).location, '/enroll/details');
    assert.equal((await submit(c, '/enroll/details', validDetails())).location, '/enroll/review');
  }
  assert.equal((await submit(a.c, '/enroll/review', {})).location, '/enroll/status');
  const late = await submit(b.c, '/enroll/review', {});  // B passed the profile check before A applied
  assert.equal(late.status, 409);
  assert.match(late.text, /already enrolled: an application for it is already in progress/);
  assert.equal(appCount(b.t.domain), 0);
  const again = await submit(b.c, '/enroll/profile', { profile_id: m.ids.us, action: 'continue' });
  assert.equal(again.status, 409);
  assert.match(again.text, new RegExp(`An application with the MPN ID ${m.profiles.us} is already in progress`));
});

test('details: a message next to each bad field, values kept, nothing saved as done', async () => {
  const { c } = await toDetailsStep();
  const page = await c.get('/enroll/details');
  assert.match(page.text, /name="legal_name"[^>]*value="Fresh Corp"/);   // from the profile
  assert.match(page.text, /name="contact_name"[^>]*value="Pat Fresh"/);  // from the directory user
  assert.match(page.text, /name="contact_email"[^>]*value="admin@t[a-z0-9]+\.onmicrosoft\.com"/);
  assert.match(page.text, /<option value="US" selected>United States<\/option>/);
  const blank = Object.fromEntries(Object.keys(validDetails()).map((k) => [k, '']));
  const empty = await c.post('/enroll/details', { ...blank, action: 'next' });
  assert.equal(empty.status, 400);
  for (const label of ['Legal business name', 'Address line 1', 'City', 'Postal code', 'Country or region', 'Phone',
    'Contact name', 'Contact email', 'Contact phone', 'Support email', 'Support phone'])
    assert.match(empty.text, new RegExp(`<p class="field-error" id="[a-z_0-9]+-error">${label} is required\\.</p>`), label);
  assert.doesNotMatch(empty.text, /Address line 2 is required|Support website is required|State or region is required/);
  assert.match(empty.text, /11 fields need your attention/);
  const bad = await c.post('/enroll/details', validDetails({ legal_name: 'L'.repeat(201), postal_code: '!!', country: 'XX',
    phone: '12', contact_email: 'pat@', contact_phone: 'call me', support_email: 'a@b', support_phone: '+1 (425)',
    support_website: 'javascript:alert(1)', city: 'Bad\u0001City' }));
  assert.equal(bad.status, 400);
  const expect = {
    legal_name: /Legal business name can be at most 200 characters long/,
    postal_code: /Enter a postal code of 2 to 12 letters/,
    country: /Select a country or region from the list/,
    phone: /Enter a phone number of 7 to 20 digits/,
    contact_email: /Enter an email address such as name@example\.com/,
    contact_phone: /Enter a phone number/,
    support_email: /Enter an email address/,
    support_phone: /Enter a phone number/,
    support_website: /Enter a web address that starts with http:\/\/ or https:\/\//,
    city: /City contains characters that are not allowed/,
  };
  for (const [field, message] of Object.entries(expect)) {
    const m = bad.text.match(new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`));
    assert.ok(m, `no message for ${field}`);
    assert.match(m[1], message, field);
    assert.match(bad.text, new RegExp(`name="${field}"[^>]*aria-invalid="true"`));
  }
  assert.match(bad.text, /name="address_line1"[^>]*value="1 Main Street"/);
  assert.equal((await c.get('/enroll/review')).location, '/enroll/details');
  assert.equal((await c.get('/enroll')).location, '/enroll/details');
});

test('Back keeps what was typed without checking it, and Next remembers the earlier steps', async () => {
  const { c, m } = await toDetailsStep();
  const back = await submit(c, '/enroll/details', validDetails({ legal_name: 'Typed Before Back', postal_code: '!!', action: 'back' }));
  assert.equal(back.location, '/enroll/profile');
  const profile = await c.get('/enroll/profile');
  assert.match(profile.text, new RegExp(`value="${m.ids.us}" checked`));  // the earlier choice is kept
  assert.equal((await c.post('/enroll/profile', { profile_id: m.ids.us, action: 'continue' })).location, '/enroll/details');
  const details = await c.get('/enroll/details');
  assert.match(details.text, /name="legal_name"[^>]*value="Typed Before Back"/);
  assert.match(details.text, /name="postal_code"[^>]*value="!!"/);
  assert.match(details.text, /name="address_line2"[^>]*value="Suite 100"/);
});

test('closing the browser and coming back resumes at the same step with everything entered', async () => {
  const { c, t } = await toDetailsStep();
  await submit(c, '/enroll/details', validDetails({ address_line1: '42 Resume Road', action: 'back' }));
  await submit(c, '/enroll/profile', { action: 'continue', profile_id: sql(`SELECT profile_id FROM enrollment_wizards WHERE address_line1 = '42 Resume Road'`) });
  // a new browser that has only the wizard cookie (persistent), not the session cookie
  const later = new Client();
  later.cookies.set('cc_enroll', c.cookies.get('cc_enroll'));
  assert.equal((await later.get('/enroll')).location, '/enroll/details');
  const page = await later.get('/enroll/details');
  assert.match(page.text, /name="address_line1"[^>]*value="42 Resume Road"/);
  assert.match(page.text, /step-done" aria-current="false"><span class="step-number">5<\/span> Organization profile/);
  // the same admin signing in to the portal on another computer resumes it too
  const elsewhere = new Client();
  await elsewhere.signIn({ upn: t.upn, password: t.password });
  assert.equal((await elsewhere.get('/enroll')).location, '/enroll/details');
  assert.match((await elsewhere.get('/enroll/details')).text, /value="42 Resume Road"/);
});

test('Enroll now creates exactly one application and one email, even when sent twice at once', async () => {
  const { c, t, m } = await toDetailsStep();
  const details = validDetails({ legal_name: 'Smith & Sons "Fresh"' });
  assert.equal((await submit(c, '/enroll/details', details)).location, '/enroll/review');
  const review = await c.get('/enroll/review');
  assert.match(review.text, /aria-current="step"><span class="step-number">7<\/span> Review and enroll/);
  assert.match(review.text, /id="review-legal_name">Smith &amp; Sons &quot;Fresh&quot;</);
  assert.match(review.text, new RegExp(`id="review-mpn">${m.profiles.us}<`));
  assert.match(review.text, /id="review-country">United States</);
  const [one, two] = await Promise.all([c.post('/enroll/review'), c.post('/enroll/review')]);
  assert.deepEqual([one.status, two.status], [303, 303]);
  assert.deepEqual([one.location, two.location], ['/enroll/status', '/enroll/status']);
  const third = await c.post('/enroll/review');
  assert.equal(third.location, '/enroll/status');
  assert.equal(appCount(t.domain), 1);
  assert.equal(sql(`SELECT CONCAT(status, ' ', mpn_id, ' ', short_path) FROM enrollment_applications WHERE id = ${appId(t.domain)}`),
    `pending_verification ${m.profiles.us} 0`);
  const mail = await waitForMail(details.contact_email);
  assert.equal(mail.subject, 'Verify your email address for Channel Center');
  assert.match(mail.body, /Smith & Sons "Fresh"/);  // plain text: not HTML-escaped
  await sleep(700);
  assert.equal(messagesTo(details.contact_email).length, 1);
  assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = ${q(details.contact_email)}`), '1');
  // every step now leads to the status page
  for (const path of ['/enroll', '/enroll/welcome', '/enroll/details', '/enroll/review'])
    assert.equal((await c.get(path)).location, '/enroll/status', path);
});

test('the emailed link verifies the address once; GET changes nothing; a second use says it was used', async () => {
  const { c, t, contact } = await enrollFresh();
  const status = await c.get('/enroll/status');
  assert.match(status.text, /Waiting for email verification/);
  assert.match(status.text, new RegExp(`We sent an email to <strong>${contact}</strong>`));
  const mail = await waitForMail(contact, { subject: /Verify your email address/ });
  const link = links(mail.body).find((l) => l.includes('/enroll/verify?token='));
  assert.match(link, /\/enroll\/verify\?token=[0-9a-f]{64}$/);
  const inbox = new Client();  // the primary contact, in their own browser
  const page = await inbox.get(pathOf(link));
  assert.equal(page.status, 200);
  assert.match(page.text, /id="verify-company">Fresh Corp</);
  assert.match(page.text, /Confirm my email address/);
  await inbox.get(pathOf(link));
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${appId(t.domain)}`), 'pending_verification');
  const token = new URL(link).searchParams.get('token');
  const done = await inbox.post('/enroll/verify', { token });
  assert.equal(done.location, '/enroll/verify?verified=1');
  const thanks = await inbox.get(done.location);
  assert.match(thanks.text, /Thanks — your email is verified/);
  assert.match(thanks.text, /can take several days/);
  assert.equal(sql(`SELECT CONCAT(status, ' ', verified_at IS NOT NULL) FROM enrollment_applications WHERE id = ${appId(t.domain)}`),
    'pending_review 1');
  const reused = await inbox.get(pathOf(link));
  assert.equal(reused.status, 410);
  assert.match(reused.text, /This link has already been used/);
  const repost = await inbox.post('/enroll/verify', { token });
  assert.equal(repost.status, 410);
  assert.match(repost.text, /already been used/);
  const unknown = await inbox.get(`/enroll/verify?token=${'0'.repeat(64)}`);
  assert.equal(unknown.status, 404);
  assert.match(unknown.text, /This link is not valid/);
  assert.equal((await inbox.get('/enroll/verify?token=short')).status, 404);
});

test('an expired verification link says it expired and changes nothing', async () => {
  const { t, contact } = await enrollFresh();
  const mail = await waitForMail(contact);
  const link = links(mail.body).find((l) => l.includes('/enroll/verify?token='));
  const id = appId(t.domain);
  sql(`UPDATE email_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE purpose = 'enroll_verify' AND subject_id = ${id}`);
  const inbox = new Client();
  const page = await inbox.get(pathOf(link));
  assert.equal(page.status, 410);
  assert.match(page.text, /This link has expired/);
  await inbox.get('/enroll/welcome');  // for a CSRF token
  const post = await inbox.post('/enroll/verify', { token: new URL(link).searchParams.get('token') });
  assert.equal(post.status, 410);
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${id}`), 'pending_verification');
});

test('the status page shows each state of the application, and a way to start without one', async () => {
  const none = new Client();
  const empty = await none.get('/enroll/status');
  assert.equal(empty.status, 200);
  assert.match(empty.text, /id="status-none"/);
  assert.match(empty.text, /href="\/enroll">Start enrollment/);
  const { c, t } = await enrollFresh();
  const id = appId(t.domain);
  let page = await c.get('/enroll/status');
  assert.match(page.text, /id="status-label">Waiting for email verification</);
  assert.match(page.text, /id="status-submitted">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC</);
  sql(`UPDATE enrollment_applications SET status = 'pending_review', verified_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  page = await c.get('/enroll/status');
  assert.match(page.text, /id="status-label">In review</);
  assert.match(page.text, /id="status-verified">/);
  sql(`UPDATE enrollment_applications SET status = 'approved', reviewed_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  page = await c.get('/enroll/status');
  assert.match(page.text, /id="status-label">Approved</);
  assert.match(page.text, /href="\/signin">Sign in</);
  assert.match(page.text, /id="status-reviewed">/);
  sql(`UPDATE enrollment_applications SET status = 'rejected', reject_reason = 'The address could not be <verified>.' WHERE id = ${id}`);
  page = await c.get('/enroll/status');
  assert.match(page.text, /id="status-label">Not approved</);
  assert.match(page.text, /Reason: The address could not be &lt;verified&gt;\./);
  // after a rejection the applicant may start again with a fresh wizard
  const restart = await c.post('/enroll/welcome');
  assert.equal(restart.location, '/enroll/directory');
  assert.equal((await c.get('/enroll')).location, '/enroll/directory');
});
