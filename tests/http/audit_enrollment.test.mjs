// audit_enrollment.test.mjs: every state change of enrollment writes exactly one audit row (who, the wizard,
// tenant, application or message, the values before and after, the applicant's organization), never a
// password; a refused change writes none and changes nothing. Covers the wizard's steps (anonymous until the
// directory step signs the admin in), Create new tenant, Enroll now, email verification, the vendor admin's
// approve and reject, and the mail outbox's Send again. Fresh tenants and membership accounts each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { HASH, freshTag } from '../lib/arrange.mjs';
import { auditMark, auditSince, assertOneAudit, assertNoAudit } from '../lib/audit.mjs';
import { waitForMail, links } from '../lib/mail.mjs';

const TENANT_PASSWORD = 'Audited-tenant-2026';
const MEMBERSHIP_PASSWORD = 'Membership-demo-2026';  // partner@adatum.com's, whose hash the fresh accounts copy
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const digits = (n) => String(Math.floor(Math.random() * 10 ** n)).padStart(n, '0');
const id = (query) => Number(sql(query));
const vendorId = () => id(`SELECT id FROM users WHERE upn = ${q(DEMO.vendor.upn)}`);
const vendorOrg = () => id("SELECT id FROM organizations WHERE kind = 'vendor' ORDER BY id LIMIT 1");
const wizardColumn = (w, col) => sql(`SELECT COALESCE(${col}, 'NULL') FROM enrollment_wizards WHERE id = ${w}`);

// GET the page first: the form's CSRF token.
async function post(c, path, fields = {}) {
  await c.get(path);
  return c.post(path, fields);
}

// Nothing in the rows written after MARK holds SECRET (a password, or any argon2 hash).
function assertNoSecret(mark, secret) {
  for (const row of auditSince(mark)) {
    const text = JSON.stringify(row);
    assert.ok(!text.includes(secret), `${row.action} holds no password`);
    assert.ok(!text.includes('$argon2'), `${row.action} holds no password hash`);
  }
}

// A browser at Welcome's Next: its client and its wizard's id (from the row the step wrote).
async function newWizard() {
  const c = new Client();
  const mark = auditMark();
  assert.equal((await post(c, '/enroll/welcome')).location, '/enroll/directory');
  return { c, wizard: auditSince(mark)[0].objectId };
}

// A tenant (made through Create new tenant) and its global admin signed in to wizard W: at the MPN step, or at
// the details step when PROVIDER names an organization the tenant is already a provider as.
async function signedInWizard({ provider } = {}) {
  const w = await newWizard();
  const prefix = `au${freshTag()}`;
  w.domain = `${prefix}.onmicrosoft.com`;
  w.upn = `admin@${w.domain}`;
  const made = await post(w.c, '/enroll/tenant', { domain_prefix: prefix, org_name: `Audit ${prefix}`, country: 'US',
    admin_name: 'Avery Audit', admin_user: 'admin', password: TENANT_PASSWORD, confirm_password: TENANT_PASSWORD });
  assert.equal(made.status, 303, made.text);
  if (provider)
    w.org = id(`INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'provider', ${q(provider)}, id, 'US'
      FROM tenants WHERE domain = ${q(w.domain)}; SELECT LAST_INSERT_ID()`);
  w.userId = id(`SELECT id FROM users WHERE upn = ${q(w.upn)}`);
  const res = await post(w.c, '/enroll/directory', { upn: w.upn, password: TENANT_PASSWORD });
  assert.equal(res.location, provider ? '/enroll/details' : '/enroll/mpn');
  return w;
}

// A membership center account of its own, with an active profile in the US and one in Germany.
function membershipAccount() {
  const user = `audit-${freshTag()}@example.com`;
  const mpn = { us: `7${digits(8)}`, de: `6${digits(8)}` };
  const account = id(`INSERT INTO membership_accounts (user_name, display_name, password_hash)
    SELECT ${q(user)}, 'Audit partner', password_hash FROM membership_accounts WHERE user_name = 'partner@adatum.com';
    SELECT LAST_INSERT_ID()`);
  const profile = (m, country, city) => id(`INSERT INTO org_profiles (account_id, mpn_id, legal_name, country, city, active)
    VALUES (${account}, ${q(m)}, 'Audit Corp ${country}', ${q(country)}, ${q(city)}, 1); SELECT LAST_INSERT_ID()`);
  return { user, account, mpn, us: profile(mpn.us, 'US', 'Boston'), de: profile(mpn.de, 'DE', 'Berlin') };
}

// Wizard W past the MPN step, signed in to membership account M.
async function membershipSignedIn(w, m) {
  assert.equal((await post(w.c, '/enroll/mpn')).location, '/enroll/membership');
  assert.equal((await post(w.c, '/enroll/membership', { user_name: m.user })).location, '/enroll/membership/password');
  assert.equal((await post(w.c, '/enroll/membership/password', { password: MEMBERSHIP_PASSWORD })).location, '/enroll/profile');
}

const details = (w) => ({ legal_name: 'Audit Corp US', address_line1: '1 Audit Way', address_line2: '', city: 'Boston',
  region: 'MA', postal_code: '02110', country: 'US', phone: '+1 617 555 0100', contact_name: 'Avery Audit',
  contact_email: `contact-${w.wizard}@example.com`, contact_phone: '+1 617 555 0101',
  support_email: 'support@example.com', support_phone: '+1 617 555 0102', support_website: '', action: 'next' });

// A full-path wizard with its profile and details: at Review and enroll.
async function readyToEnroll() {
  const w = await signedInWizard();
  w.m = membershipAccount();
  await membershipSignedIn(w, w.m);
  assert.equal((await post(w.c, '/enroll/profile', { profile_id: w.m.us, action: 'continue' })).location, '/enroll/details');
  w.details = details(w);
  assert.equal((await post(w.c, '/enroll/details', w.details)).location, '/enroll/review');
  return w;
}

// An application of a fresh tenant written straight into the database, in STATUS.
function application(status) {
  const tag = freshTag();
  const domain = `ap${tag}.onmicrosoft.com`;
  const app = id(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Applicant ${tag}', 'US');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      VALUES (@t, 'ann@${domain}', 'Ann Applicant', '${HASH}', 'global_admin');
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, legal_name, country,
      contact_name, contact_email, support_email, support_phone, status, submitted_at, verified_at)
      VALUES (@t, LAST_INSERT_ID(), 0, '8${digits(8)}', 'Applicant ${tag} Ltd', 'US', 'Ann Applicant',
        'ann-${tag}@example.com', 'help@example.com', '+1 206 555 0100', '${status}', UTC_TIMESTAMP(),
        ${status === 'pending_verification' ? 'NULL' : 'UTC_TIMESTAMP()'});
    SELECT LAST_INSERT_ID()`);
  return { id: app, domain, status: () => sql(`SELECT status FROM enrollment_applications WHERE id = ${app}`) };
}

async function vendor() {
  const c = new Client();
  await c.signIn(DEMO.vendor);
  return c;
}

test('Welcome starts a wizard with one row; a browser that has one already starts none', async () => {
  const c = new Client();
  await c.get('/enroll/welcome');
  const mark = auditMark();
  assert.equal((await c.post('/enroll/welcome')).location, '/enroll/directory');
  const row = assertOneAudit(mark, { action: 'enroll.started', userId: 0, orgId: 0, partyOrgId: 0,
    objectType: 'enrollment_wizard', after: { welcome_done: '1' } });
  assert.equal(row.objectId, id('SELECT MAX(id) FROM enrollment_wizards'));
  const again = auditMark();
  assert.equal((await c.post('/enroll/welcome')).location, '/enroll/directory');
  assertNoAudit(again);
  assert.equal(id('SELECT MAX(id) FROM enrollment_wizards'), row.objectId, 'no second wizard');
});

test('Create new tenant: one tenant.created row with the tenant, no password; a bad form writes none', async () => {
  const { c } = await newWizard();
  const prefix = `au${freshTag()}`;
  const form = { domain_prefix: prefix, org_name: 'Tenant & Co', country: 'DE', admin_name: 'Tess Tenant',
    admin_user: 'tess', password: TENANT_PASSWORD, confirm_password: TENANT_PASSWORD };
  const bad = auditMark();
  const refused = await post(c, '/enroll/tenant', { ...form, confirm_password: 'Something-else-2026' });
  assert.equal(refused.status, 400);
  assertNoAudit(bad);
  assert.equal(sql(`SELECT COUNT(*) FROM tenants WHERE domain = '${prefix}.onmicrosoft.com'`), '0');

  const mark = auditMark();
  assert.equal((await c.post('/enroll/tenant', form)).status, 303);
  const tenant = id(`SELECT id FROM tenants WHERE domain = '${prefix}.onmicrosoft.com'`);
  assertOneAudit(mark, { action: 'tenant.created', userId: 0, orgId: 0, partyOrgId: 0, objectType: 'tenant',
    objectId: tenant, detail: `${prefix}.onmicrosoft.com`,
    after: { domain: `${prefix}.onmicrosoft.com`, display_name: 'Tenant & Co', country: 'DE', admin: `tess@${prefix}.onmicrosoft.com` } });
  assertNoSecret(mark, TENANT_PASSWORD);
});

test('directory sign-in binds the wizard to the tenant with its row (the signed-in admin); a refused sign-in writes none', async () => {
  const { c, wizard } = await newWizard();
  const empty = auditMark();
  assert.equal((await post(c, '/enroll/directory', { upn: '', password: '' })).status, 400);
  assertNoAudit(empty);
  sql(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE upn = 'bob@adatum.onmicrosoft.com'`);
  const notAdmin = auditMark();
  assert.equal((await post(c, '/enroll/directory', { upn: 'bob@adatum.onmicrosoft.com', password: 'Adatum-user-2026' })).status, 403);
  assertNoAudit(notAdmin);
  assert.equal(wizardColumn(wizard, 'tenant_id'), 'NULL');

  const w = await signedInWizard();  // the steps before, then the sign-in itself below
  const other = await newWizard();
  const mark = auditMark();
  assert.equal((await post(other.c, '/enroll/directory', { upn: w.upn, password: TENANT_PASSWORD })).location, '/enroll/mpn');
  const rows = auditSince(mark);
  assert.deepEqual(rows.map((r) => r.action), ['signin', 'enroll.directory'], 'the sign-in, then the step');
  const step = rows[1];
  assert.deepEqual([step.userId, step.orgId, step.partyOrgId, step.objectType, step.objectId],
    [w.userId, 0, 0, 'enrollment_wizard', other.wizard]);
  assert.deepEqual([step.before, step.after], [{ tenant: null, admin: null }, { tenant: w.domain, admin: w.upn, path: 'full' }]);
  assertNoSecret(mark, TENANT_PASSWORD);
});

test('a provider already in the program: the directory step names its organization as the party', async () => {
  const mark = auditMark();
  const w = await signedInWizard({ provider: `Audit Provider ${freshTag()}` });
  const step = auditSince(mark).find((r) => r.action === 'enroll.directory');
  assert.equal(step.partyOrgId, w.org);
  assert.equal(step.after.path, 'short');
});

test('Link MPN ID: one row, once; a wizard not at that step writes none', async () => {
  const early = await newWizard();
  const refused = auditMark();
  assert.equal((await post(early.c, '/enroll/mpn')).location, '/enroll/directory');
  assertNoAudit(refused);

  const w = await signedInWizard();
  const mark = auditMark();
  assert.equal((await post(w.c, '/enroll/mpn')).location, '/enroll/membership');
  assertOneAudit(mark, { action: 'enroll.mpn_intro', userId: w.userId, objectType: 'enrollment_wizard', objectId: w.wizard,
    before: { mpn_intro_done: '0' }, after: { mpn_intro_done: '1' } });
  const again = auditMark();
  assert.equal((await post(w.c, '/enroll/mpn')).location, '/enroll/membership');
  assertNoAudit(again);  // nothing changed
});

test('membership user name and password: one row each, never the password; refusals write none', async () => {
  const w = await signedInWizard();
  const m = membershipAccount();
  await post(w.c, '/enroll/mpn');
  const odd = auditMark();
  assert.equal((await post(w.c, '/enroll/membership', { user_name: 'not an address' })).status, 400);
  assertNoAudit(odd);
  assert.equal(wizardColumn(w.wizard, 'membership_user_name'), '');

  const named = auditMark();
  assert.equal((await w.c.post('/enroll/membership', { user_name: m.user })).location, '/enroll/membership/password');
  assertOneAudit(named, { action: 'enroll.membership_user', userId: w.userId, objectType: 'enrollment_wizard',
    objectId: w.wizard, before: { membership_user: null }, after: { membership_user: m.user, membership_account: null } });

  const empty = auditMark();
  assert.equal((await post(w.c, '/enroll/membership/password', { password: '' })).status, 400);
  assertNoAudit(empty);
  const mark = auditMark();
  assert.equal((await w.c.post('/enroll/membership/password', { password: MEMBERSHIP_PASSWORD })).location, '/enroll/profile');
  assertOneAudit(mark, { action: 'enroll.membership', userId: w.userId, objectType: 'enrollment_wizard', objectId: w.wizard,
    detail: m.user, before: { membership_account: null }, after: { membership_user: m.user, membership_account: String(m.account) } });
  assertNoSecret(mark, MEMBERSHIP_PASSWORD);
});

test('the profile: one row for a choice and one for Cancel; a profile in another country writes none', async () => {
  const w = await signedInWizard();
  const m = membershipAccount();
  await membershipSignedIn(w, m);
  const other = auditMark();
  assert.equal((await post(w.c, '/enroll/profile', { profile_id: m.de, action: 'continue' })).status, 409);
  assertNoAudit(other);
  assert.equal(wizardColumn(w.wizard, 'profile_id'), 'NULL');

  const mark = auditMark();
  assert.equal((await w.c.post('/enroll/profile', { profile_id: m.us, action: 'continue' })).location, '/enroll/details');
  assertOneAudit(mark, { action: 'enroll.profile', userId: w.userId, objectType: 'enrollment_wizard', objectId: w.wizard,
    before: { mpn_id: null }, after: { mpn_id: m.mpn.us, profile: 'Audit Corp US' } });

  const cancel = auditMark();
  assert.equal((await post(w.c, '/enroll/profile', { action: 'cancel' })).location, '/enroll/membership');
  assertOneAudit(cancel, { action: 'enroll.membership_cancelled', userId: w.userId, objectId: w.wizard,
    before: { membership_user: m.user, membership_account: String(m.account), mpn_id: m.mpn.us },
    after: { membership_user: null, membership_account: null, mpn_id: null } });
  const gone = auditMark();  // signed out of the membership center: no profile page to cancel from
  assert.equal((await w.c.post('/enroll/profile', { action: 'cancel' })).location, '/enroll/membership');
  assertNoAudit(gone);
});

test('details: one row with the changed values (a draft when some are bad); a wizard not at that step writes none', async () => {
  const early = await signedInWizard();
  await early.c.get('/enroll/mpn');  // the form's CSRF token of the signed-in session
  const refused = auditMark();
  assert.equal((await early.c.post('/enroll/details', details(early))).location, '/enroll/mpn');
  assertNoAudit(refused);

  const w = await signedInWizard({ provider: `Audit Short ${freshTag()}` });
  const draft = auditMark();
  const bad = await post(w.c, '/enroll/details', { support_email: 'nope', support_phone: '+1 617 555 0199', action: 'next' });
  assert.equal(bad.status, 400);
  assertOneAudit(draft, { action: 'enroll.details', userId: w.userId, partyOrgId: w.org, objectId: w.wizard,
    before: { details_done: '0', support_email: '' }, after: { details_done: '0', support_email: 'nope' } });

  const mark = auditMark();
  assert.equal((await w.c.post('/enroll/details', { support_email: 'help@example.com', support_phone: '+1 617 555 0199',
    support_website: '', action: 'next' })).location, '/enroll/review');
  const row = assertOneAudit(mark, { action: 'enroll.details', objectType: 'enrollment_wizard', objectId: w.wizard,
    partyOrgId: w.org, before: { support_email: 'nope' }, after: { details_done: '1', support_email: 'help@example.com' } });
  assert.equal('support_phone' in row.after, false, 'only what changed');
});

test('Enroll now: one row for the application; saved details that no longer pass write none', async () => {
  const w = await readyToEnroll();
  sql(`UPDATE enrollment_wizards SET contact_email = 'broken' WHERE id = ${w.wizard}`);
  const refused = auditMark();
  assert.equal((await post(w.c, '/enroll/review')).location, '/enroll/details');
  assertNoAudit(refused);
  assert.equal(wizardColumn(w.wizard, 'application_id'), 'NULL');
  sql(`UPDATE enrollment_wizards SET contact_email = ${q(w.details.contact_email)} WHERE id = ${w.wizard}`);

  const mark = auditMark();
  assert.equal((await post(w.c, '/enroll/review')).location, '/enroll/status');
  const app = Number(wizardColumn(w.wizard, 'application_id'));
  assertOneAudit(mark, { action: 'enroll.submitted', userId: w.userId, orgId: 0, partyOrgId: 0,
    objectType: 'enrollment_application', objectId: app, detail: `application ${app} for ${w.domain}`,
    after: { status: 'pending_verification', tenant: w.domain, mpn_id: w.m.mpn.us, contact_email: w.details.contact_email } });
  const twice = auditMark();
  assert.equal((await w.c.post('/enroll/review')).location, '/enroll/status');
  assertNoAudit(twice);
});

test('the emailed link: one enroll.verified row (nobody signed in); a used or unknown link writes none', async () => {
  const w = await readyToEnroll();
  await post(w.c, '/enroll/review');
  const app = Number(wizardColumn(w.wizard, 'application_id'));
  const mail = await waitForMail(w.details.contact_email, { subject: /Verify your email address/ });
  const token = new URL(links(mail.body).find((l) => l.includes('/enroll/verify?token='))).searchParams.get('token');
  const inbox = new Client();
  await inbox.get(`/enroll/verify?token=${token}`);
  const unknown = auditMark();
  assert.equal((await inbox.post('/enroll/verify', { token: 'f'.repeat(64) })).status, 404);
  assertNoAudit(unknown);

  const mark = auditMark();
  assert.equal((await inbox.post('/enroll/verify', { token })).location, '/enroll/verify?verified=1');
  assertOneAudit(mark, { action: 'enroll.verified', userId: 0, orgId: 0, objectType: 'enrollment_application', objectId: app,
    before: { status: 'pending_verification' }, after: { status: 'pending_review' } });
  const used = auditMark();
  assert.equal((await inbox.post('/enroll/verify', { token })).status, 410);
  assertNoAudit(used);
});

test('approve: one row naming the new reseller account as the party; an unverified application writes none', async () => {
  const c = await vendor();
  const early = application('pending_verification');
  await c.get('/admin/enrollments');
  const refused = auditMark();
  assert.equal((await c.post('/admin/enrollments/approve', { id: early.id })).status, 409);
  assertNoAudit(refused);
  assert.equal(early.status(), 'pending_verification');

  const app = application('pending_review');
  const mark = auditMark();
  assert.equal((await c.post('/admin/enrollments/approve', { id: app.id })).status, 303);
  const org = id(`SELECT org_id FROM enrollment_applications WHERE id = ${app.id}`);
  assertOneAudit(mark, { action: 'enrollment.approved', userId: vendorId(), orgId: vendorOrg(), partyOrgId: org,
    objectType: 'enrollment_application', objectId: app.id, before: { status: 'pending_review' },
    after: { status: 'approved', admin_agent: `ann@${app.domain}` } });
});

test('reject: one row with the reason; a rejection without a reason writes none', async () => {
  const c = await vendor();
  const app = application('pending_review');
  await c.get(`/admin/enrollments/view?id=${app.id}`);
  const refused = auditMark();
  assert.equal((await c.post('/admin/enrollments/reject', { id: app.id, reason: '  ' })).status, 400);
  assertNoAudit(refused);
  assert.equal(app.status(), 'pending_review');

  const mark = auditMark();
  assert.equal((await c.post('/admin/enrollments/reject', { id: app.id, reason: ' The address is not verifiable. ' })).status, 303);
  assertOneAudit(mark, { action: 'enrollment.rejected', userId: vendorId(), orgId: vendorOrg(), partyOrgId: 0,
    objectType: 'enrollment_application', objectId: app.id, before: { status: 'pending_review' },
    after: { status: 'rejected', reason: 'The address is not verifiable.' } });
});

test('Send again: one row with the message\'s state before and after; a message already sent writes none', async () => {
  const tag = freshTag();
  // as the mailer leaves a message: no next attempt, once sent or failed for good
  const queued = (sentAt, failedAt) => id(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, sent_at, failed_at,
    next_attempt_at, attempts, last_error) VALUES ('again-${tag}@example.test', 'Audit ${tag}', 'Body\n', UTC_TIMESTAMP(),
    ${sentAt}, ${failedAt}, NULL, 1, '550 5.1.1 no such user'); SELECT LAST_INSERT_ID()`);
  const sent = queued('UTC_TIMESTAMP()', 'NULL');
  const failed = queued('NULL', 'UTC_TIMESTAMP()');
  const c = await vendor();
  await c.get('/admin/mail');
  const refused = auditMark();
  assert.equal((await c.post('/admin/mail/send-again', { id: sent })).status, 409);
  assertNoAudit(refused);

  const mark = auditMark();
  assert.equal((await c.post('/admin/mail/send-again', { id: failed })).status, 303);
  assertOneAudit(mark, { action: 'mail.send_again', userId: vendorId(), orgId: vendorOrg(), partyOrgId: 0,
    objectType: 'mail', objectId: failed, before: { state: 'failed', attempts: '1' }, after: { state: 'queued' } });
  assert.equal(sql(`SELECT failed_at IS NULL FROM mail_outbox WHERE id = ${failed}`), '1');
});
