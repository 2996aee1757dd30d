// review.test.mjs: HTTP tests of the vendor admin portal: the enrollment review queue, an
// application's detail page, approve / reject with their outcome emails, the mail outbox, and
// who may reach any of it. Each test arranges its own applications on a fresh tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Client, DEMO, VAR, sql } from '../lib/client.mjs';
import { assertPaged, relLink } from '../lib/paging.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const APPLICANT_PASSWORD = DEMO.reseller.password;  // the applicant reuses sam's password hash
let counter = 0;

// A fresh directory tenant, its global admin, and an enrollment application in STATUS.
function arrangeApplication(status = 'pending_review', { shortPath = false } = {}) {
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}${counter++}`;
  const domain = `rv${tag}.onmicrosoft.com`;
  const upn = `rita@${domain}`;
  const mpn = `9${String(Date.now()).slice(-8)}${counter}`;
  const legal = `Review Test ${tag} Ltd`;
  const contactEmail = `contact-${tag}@example.com`;
  const hash = sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.reseller.upn}'`);
  const verifiedAt = status === 'pending_verification' ? 'NULL' : 'UTC_TIMESTAMP()';
  const id = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Review Tenant ${tag}', 'US');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      SELECT id, '${upn}', 'Rita Reviewed ${tag}', '${hash}', 'global_admin' FROM tenants WHERE domain = '${domain}';
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, legal_name,
      address_line1, address_line2, city, region, postal_code, country, phone, contact_name, contact_email,
      contact_phone, support_email, support_phone, support_website, status, submitted_at, verified_at)
      SELECT t.id, u.id, ${shortPath ? 1 : 0}, ${shortPath ? 'NULL' : `'${mpn}'`}, ${shortPath ? "''" : `'${legal}'`},
        '1 Test Way', 'Suite 42', 'Redmond', 'WA', '98052', 'US', '+1 425 555 0100', 'Casey Contact ${tag}',
        '${contactEmail}', '+1 425 555 0101', 'support-${tag}@example.com', '+1 425 555 0102',
        'https://support-${tag}.example.com', '${status}', UTC_TIMESTAMP() - INTERVAL 1 HOUR, ${verifiedAt}
      FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.domain = '${domain}';
    SELECT LAST_INSERT_ID();`);
  return { id, tag, domain, upn, mpn, legal, contactEmail, applicant: { upn, password: APPLICANT_PASSWORD } };
}

async function vendor() {
  const c = new Client();
  await c.signIn(DEMO.vendor);
  return c;
}

// The outcome email as the mailer wrote it: the newest outbox message to TO, read from its .eml.
async function mailTo(to) {
  const id = sql(`SELECT COALESCE(MAX(id), 0) FROM mail_outbox WHERE to_addr = '${to}'`);
  assert.notEqual(id, '0', `a message to ${to} is queued`);
  const file = `${VAR}/mail/${id.padStart(6, '0')}.eml`;
  for (let waited = 0; waited < 5000; waited += 100) {
    if (existsSync(file)) return readFileSync(file, 'utf8');
    await sleep(100);
  }
  assert.fail(`the mailer did not write ${file} within 5 s`);
}

const organizationsOf = (domain) =>
  Number(sql(`SELECT COUNT(*) FROM organizations o JOIN tenants t ON t.id = o.tenant_id WHERE t.domain = '${domain}'`));

test('only vendor admins reach the admin portal pages', async () => {
  const app = arrangeApplication();
  const routes = [['GET', '/admin'], ['GET', '/admin/enrollments'], ['GET', `/admin/enrollments/view?id=${app.id}`],
    ['GET', '/admin/mail'], ['POST', '/admin/enrollments/approve'], ['POST', '/admin/enrollments/reject']];
  for (const who of [DEMO.reseller, DEMO.provider, DEMO.customer]) {
    const c = new Client();
    await c.signIn(who);
    for (const [method, path] of routes) {
      const res = method === 'GET' ? await c.get(path) : await c.post(path, { id: app.id, reason: 'x' });
      assert.equal(res.status, 403, `${who.upn} ${method} ${path}`);
      assert.match(res.text, /does not have access/);
    }
  }
  const stranger = new Client();
  const res = await stranger.get('/admin/enrollments');
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/signin\?next=/);
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${app.id}`), 'pending_review');
});

test('the queue lists a pending application with its fields and verification state, newest first', async () => {
  const older = arrangeApplication();
  const app = arrangeApplication();
  sql(`UPDATE enrollment_applications SET submitted_at = submitted_at - INTERVAL 1 DAY WHERE id = ${older.id}`);
  const c = await vendor();
  const page = await c.get('/admin/enrollments');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Enrollment review<\/h1>/);
  assert.match(page.text, /aria-current="page"[^>]*>Waiting for review <span class="count">\d+<\/span>/);
  const row = page.text.match(new RegExp(`<tr id="application-${app.id}">([\\s\\S]*?)</tr>`));
  assert.ok(row, 'the application has a row');
  for (const field of [app.legal, app.domain, app.mpn, `Casey Contact ${app.tag}`, app.contactEmail, 'Email verified'])
    assert.ok(row[1].includes(field), `the row shows ${field}`);
  assert.match(row[1], new RegExp(`href="/admin/enrollments/view\\?id=${app.id}"`));
  assert.ok(page.text.indexOf(`application-${app.id}"`) < page.text.indexOf(`application-${older.id}"`), 'newest first');

  const unverified = arrangeApplication('pending_verification');
  const waiting = await c.get('/admin/enrollments?status=pending_verification');
  assert.equal(waiting.status, 200);
  const wrow = waiting.text.match(new RegExp(`<tr id="application-${unverified.id}">([\\s\\S]*?)</tr>`));
  assert.ok(wrow, 'the unverified application is on its own tab');
  assert.match(wrow[1], /Waiting for the primary contact to verify their email address/);
  assert.ok(!waiting.text.includes(`application-${app.id}"`), 'tabs filter by status');

  const shortPath = arrangeApplication('pending_review', { shortPath: true });
  const again = await c.get('/admin/enrollments');
  const srow = again.text.match(new RegExp(`<tr id="application-${shortPath.id}">([\\s\\S]*?)</tr>`));
  assert.match(srow[1], /already in the program/);
  assert.match(srow[1], new RegExp(`Review Tenant ${shortPath.tag}`), 'no legal name: the tenant name stands in');

  assert.equal((await c.get('/admin/enrollments?status=bogus')).status, 404);
});

test('the detail page shows every submitted field and the review actions', async () => {
  const app = arrangeApplication();
  sql(`UPDATE enrollment_applications SET profile_id = (SELECT id FROM org_profiles WHERE mpn_id = '4200001') WHERE id = ${app.id}`);
  const c = await vendor();
  const page = await c.get(`/admin/enrollments/view?id=${app.id}`);
  assert.equal(page.status, 200);
  for (const field of [app.legal, app.domain, `Review Tenant ${app.tag}`, app.upn, `Rita Reviewed ${app.tag}`, app.mpn,
    '1 Test Way', 'Suite 42', 'Redmond', 'WA', '98052', '+1 425 555 0100', `Casey Contact ${app.tag}`, app.contactEmail,
    '+1 425 555 0101', `support-${app.tag}@example.com`, '+1 425 555 0102', `https://support-${app.tag}.example.com`])
    assert.ok(page.text.includes(field), `the page shows ${field}`);
  assert.match(page.text, /id="app-profile">Contoso Ltd, Redmond \(United States\) <span class="flag-mark">/);  // issue 13: country names, the name check
  assert.match(page.text, /id="app-status">Waiting for review</);
  assert.match(page.text, /id="app-verification">Email verified</);
  assert.match(page.text, /<dt>Submitted<\/dt><dd>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC/);
  assert.match(page.text, /id="app-reviewed">not yet</);
  assert.match(page.text, /action="\/admin\/enrollments\/approve"/);
  assert.match(page.text, /<textarea id="reason" name="reason"/);
  assert.equal((page.text.match(/name="csrf_token" value="[0-9a-f]{64}"/g) || []).length, 4, 'sign-out, approve, reject, the footer\'s language picker');

  const unverified = arrangeApplication('pending_verification');
  const waiting = await c.get(`/admin/enrollments/view?id=${unverified.id}`);
  assert.match(waiting.text, /cannot be reviewed until the primary contact verifies/);
  assert.doesNotMatch(waiting.text, /action="\/admin\/enrollments\/approve"/);

  assert.equal((await c.get('/admin/enrollments/view?id=999999999')).status, 404);
  assert.equal((await c.get('/admin/enrollments/view?id=abc')).status, 404);
});

test('approving creates the reseller account with the applicant as admin agent, and emails them', async () => {
  const app = arrangeApplication();
  const applicant = new Client();
  await applicant.signIn(app.applicant);  // already signed in while the application waits
  assert.match((await applicant.get('/home')).text, /id="home-kind">No partner account yet</);
  const c = await vendor();
  await c.get(`/admin/enrollments/view?id=${app.id}`);
  const res = await c.post('/admin/enrollments/approve', { id: app.id });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/admin/enrollments/view?id=${app.id}&done=approved`);
  const done = await c.get(res.location);
  assert.match(done.text, /The application was approved/);
  assert.match(done.text, /id="app-status">Approved</);
  assert.match(done.text, new RegExp(`id="app-org">${app.legal}<`));
  assert.match(done.text, /id="app-reviewed">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC by Alex Morgan \(admin@channelcenter\.onmicrosoft\.com\)</);
  assert.doesNotMatch(done.text, /action="\/admin\/enrollments\/approve"/);

  const home = await applicant.get('/home');
  assert.match(home.text, new RegExp(`id="home-org">${app.legal}<`));
  assert.match(home.text, /id="home-kind">Indirect reseller</);
  const users = await applicant.get('/account/users');
  assert.equal(users.status, 200);
  assert.match(users.text, new RegExp(`${app.upn}</td>\\s*<td>\\s*<span class="roles">Admin agent</span>`));

  const mail = await mailTo(app.contactEmail);
  assert.match(mail, /Subject: Your Channel Center reseller account is ready/);
  assert.match(mail, /\/signin/);
  assert.ok(mail.includes(app.upn), 'the email names the admin agent user name');

  // approving twice: a clear 409, and still one organization
  const twice = await c.post('/admin/enrollments/approve', { id: app.id });
  assert.equal(twice.status, 409);
  assert.match(twice.text, /This application has already been approved\. Nothing was changed\./);
  assert.equal(organizationsOf(app.domain), 1);
  assert.equal((await c.post('/admin/enrollments/reject', { id: app.id, reason: 'too late' })).status, 409);

  const admin = await c.get('/admin');
  assert.match(admin.text, /<td>enrollment\.approved<\/td>/);
});

test('two approvals of one application at once (a double click) create one organization', async () => {
  const app = arrangeApplication();
  const c = await vendor();
  await c.get('/admin/enrollments');
  const results = await Promise.all([1, 2, 3].map(() => c.post('/admin/enrollments/approve', { id: app.id })));
  assert.deepEqual(results.map((r) => r.status).sort(), [303, 409, 409]);
  assert.equal(organizationsOf(app.domain), 1);
  assert.equal(sql(`SELECT COUNT(*) FROM partner_users pu JOIN users u ON u.id = pu.user_id WHERE u.upn = '${app.upn}'`), '1');
  assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE to_addr = '${app.contactEmail}'`), '1');
});

test('a partner already in the program is approved under its tenant name', async () => {
  const app = arrangeApplication('pending_review', { shortPath: true });
  const c = await vendor();
  await c.get('/admin/enrollments');
  assert.equal((await c.post('/admin/enrollments/approve', { id: app.id })).status, 303);
  assert.equal(sql(`SELECT CONCAT(o.name, '|', o.kind, '|', COALESCE(o.mpn_id, '-')) FROM organizations o
    JOIN tenants t ON t.id = o.tenant_id WHERE t.domain = '${app.domain}'`), `Review Tenant ${app.tag}|reseller|-`);
});

test('an application not yet verified cannot be approved or rejected', async () => {
  const app = arrangeApplication('pending_verification');
  const c = await vendor();
  await c.get('/admin/enrollments');
  const res = await c.post('/admin/enrollments/approve', { id: app.id });
  assert.equal(res.status, 409);
  assert.match(res.text, /cannot be reviewed yet: the primary contact has not verified their email address/);
  assert.equal((await c.post('/admin/enrollments/reject', { id: app.id, reason: 'no' })).status, 409);
  assert.equal(organizationsOf(app.domain), 0);
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${app.id}`), 'pending_verification');
  assert.equal((await c.post('/admin/enrollments/approve', { id: '999999999' })).status, 404);
});

test('rejecting needs a reason; the primary contact is emailed it', async () => {
  const app = arrangeApplication();
  const c = await vendor();
  await c.get(`/admin/enrollments/view?id=${app.id}`);
  const empty = await c.post('/admin/enrollments/reject', { id: app.id, reason: '   ' });
  assert.equal(empty.status, 400);
  assert.match(empty.text, /Give the reason for the rejection/);
  assert.match(empty.text, /<textarea id="reason"/, 'the form comes back');
  const long = await c.post('/admin/enrollments/reject', { id: app.id, reason: 'x'.repeat(1001) });
  assert.equal(long.status, 400);
  assert.match(long.text, /at most 1000 characters/);
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${app.id}`), 'pending_review');

  const reason = `The MPN ID <${app.tag}> does not match the legal name`;
  const res = await c.post('/admin/enrollments/reject', { id: app.id, reason });
  assert.equal(res.status, 303);
  const done = await c.get(res.location);
  assert.match(done.text, /The application was rejected/);
  assert.match(done.text, /id="app-status">Rejected</);
  assert.ok(done.text.includes(`The MPN ID &lt;${app.tag}&gt; does not match`), 'the reason shows, escaped');
  assert.equal(organizationsOf(app.domain), 0);

  const mail = await mailTo(app.contactEmail);
  assert.match(mail, /Subject: Your Channel Center reseller enrollment was not approved/);
  assert.ok(mail.includes(reason), 'the email carries the reason as typed');

  const again = await c.post('/admin/enrollments/reject', { id: app.id, reason: 'once more' });
  assert.equal(again.status, 409);
  assert.match(again.text, /already been rejected/);
  assert.equal(sql(`SELECT reject_reason FROM enrollment_applications WHERE id = ${app.id}`), reason);

  const rejected = await c.get('/admin/enrollments?status=rejected');
  assert.match(rejected.text, new RegExp(`<tr id="application-${app.id}">`));

  // the outbox lists the message, and opens it with its whole body
  const outbox = await c.get('/admin/mail');
  assert.equal(outbox.status, 200);
  // the subject in the message's own language, whatever the page's
  assert.match(outbox.text, new RegExp(`<td>${app.contactEmail}</td>\\s*<td><a href="/admin/mail\\?id=(\\d+)" lang="en">Your Channel Center reseller enrollment was not approved</a>`));
  const id = outbox.text.match(new RegExp(`<td>${app.contactEmail}</td>\\s*<td><a href="/admin/mail\\?id=(\\d+)"`))[1];
  const message = await c.get(`/admin/mail?id=${id}`);
  assert.equal(message.status, 200);
  assert.ok(message.text.includes(`The MPN ID &lt;${app.tag}&gt; does not match`));
  assert.match(message.text, new RegExp(`id="mail-to">${app.contactEmail}<`));
  assert.equal((await c.get('/admin/mail?id=999999999')).status, 404);
});

test('the outbox lists approval and rejection emails with their delivery state', async () => {
  const approved = arrangeApplication(), rejected = arrangeApplication();
  const c = await vendor();
  await c.get('/admin/enrollments');
  assert.equal((await c.post('/admin/enrollments/approve', { id: approved.id })).status, 303);
  assert.equal((await c.post('/admin/enrollments/reject', { id: rejected.id, reason: 'Incomplete profile' })).status, 303);
  await mailTo(rejected.contactEmail);  // delivered by now
  const outbox = await c.get('/admin/mail');
  assert.match(outbox.text, new RegExp(`<td>${approved.contactEmail}</td>\\s*<td><a [^>]*>Your Channel Center reseller account is ready</a>`));
  const row = outbox.text.match(new RegExp(`<td>${rejected.contactEmail}</td>([\\s\\S]*?)</tr>`))[1];
  assert.match(row, /<td>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC<\/td>\s*<td>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC<\/td>\s*<td>1<\/td>/, 'queued, sent, one attempt');
});

test('the admin front page links to the queue and the outbox with their counts, and keeps the audit log', async () => {
  arrangeApplication();
  const waiting = sql("SELECT COUNT(*) FROM enrollment_applications WHERE status = 'pending_review'");
  const c = await vendor();
  const page = await c.get('/admin');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`id="count-pending-review">${waiting}</span> enrollments waiting for review`));
  assert.match(page.text, /href="\/admin\/enrollments\?status=pending_review"/);
  assert.match(page.text, /id="count-mail-waiting">\d+<\/span> messages waiting in the mail outbox/);
  assert.match(page.text, /href="\/admin\/mail"/);
  assert.match(page.text, /Audit log/);
  assert.match(page.text, /<td>signin<\/td>/);
});

test('approve and reject without the CSRF token get 403 and change nothing', async () => {
  const app = arrangeApplication();
  const c = await vendor();
  const approve = await c.post('/admin/enrollments/approve', { id: app.id }, { csrf: false });
  assert.equal(approve.status, 403);
  assert.match(approve.text, /did not come from this site/);
  const reject = await c.post('/admin/enrollments/reject', { id: app.id, reason: 'x' }, { csrf: false });
  assert.equal(reject.status, 403);
  assert.equal(sql(`SELECT status FROM enrollment_applications WHERE id = ${app.id}`), 'pending_review');
  assert.equal(organizationsOf(app.domain), 0);
});

test('the queue pages newest first: Older / Newer walk every application of a tab once; counts stop at 1,000', async () => {
  const tag = `${Date.now().toString(36)}${process.pid.toString(36)}q`;
  // 60 rejected applications a second apart, written straight into the database
  sql(`INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('rq', seq, '${tag}.example'), 'Queue ${tag}', 'US' FROM seq_1_to_60;
    INSERT INTO users (tenant_id, upn, display_name, password_hash) SELECT id, CONCAT('q@', domain), 'Q', 'x' FROM tenants WHERE display_name = 'Queue ${tag}';
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, legal_name, address_line1, city,
      postal_code, country, phone, contact_name, contact_email, contact_phone, support_email, support_phone, status, submitted_at)
      SELECT t.id, u.id, 1, '', '1 Way', 'Town', '1', 'US', '+1', 'C', 'c@example.com', '+1', 's@example.com', '+1', 'rejected',
        UTC_TIMESTAMP() - INTERVAL 30 DAY + INTERVAL t.id SECOND
      FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.display_name = 'Queue ${tag}';`);
  const expected = sql(`SELECT id FROM enrollment_applications WHERE status = 'rejected' ORDER BY submitted_at DESC, id DESC`).split('\n');
  const c = await vendor();
  const ids = (html) => [...html.matchAll(/<tr id="application-(\d+)">/g)].map((m) => m[1]);
  const pages = await assertPaged(c, '/admin/enrollments?status=rejected', ids, expected,
    { pageSize: 50, lastUrl: '/admin/enrollments?status=rejected&last=1' });
  assert.match(pages[0].text, /<a rel="next" href="\/admin\/enrollments\?status=rejected&amp;after=\d+%3A[^"]+">Older/);
  assert.match(pages[1].text, /<a id="first-page" href="\/admin\/enrollments\?status=rejected">Newest</);
  const count = Number(sql(`SELECT COUNT(*) FROM enrollment_applications WHERE status = 'rejected'`));
  assert.match(pages[0].text, new RegExp(`>Rejected <span class="count">${count > 1000 ? 'more than 1,000' : count}</span>`));
});

test('the outbox pages both lists newest first: every message, and what is not sent yet on its own', async () => {
  // 60 sent messages and 60 that failed, written straight into the database
  sql(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, sent_at, next_attempt_at)
      SELECT CONCAT('sent', seq, '@example.com'), 'Paging sent', 'b', UTC_TIMESTAMP(), UTC_TIMESTAMP(), NULL FROM seq_1_to_60;
    INSERT INTO mail_outbox (to_addr, subject, body, created_at, failed_at, next_attempt_at, attempts, last_error)
      SELECT CONCAT('failed', seq, '@example.com'), 'Paging failed', 'b', UTC_TIMESTAMP(), UTC_TIMESTAMP(), NULL, 1, '550 no' FROM seq_1_to_60;`);
  try {
    const c = await vendor();
    const table = (id) => (html) => html.slice(html.indexOf(`<div class="outbox-list" id="${id}-list">`)).split('</div>')[0];
    const ids = (html) => [...html.matchAll(/<tr id="outbox(?:-unsent)?-(\d+)">/g)].map((m) => m[1]);
    const all = sql('SELECT id FROM mail_outbox ORDER BY id DESC').split('\n');
    await assertPaged(c, '/admin/mail', ids, all, { pageSize: 50, lastUrl: '/admin/mail?list=all&last=1', scope: table('outbox') });
    const unsent = sql('SELECT id FROM mail_outbox WHERE sent_at IS NULL ORDER BY id DESC').split('\n');
    const first = await c.get('/admin/mail');
    assert.deepEqual(ids(table('outbox-unsent')(first.text)), unsent.slice(0, 50), 'the newest not sent yet above every message');
    const pages = await assertPaged(c, '/admin/mail?list=unsent', ids, unsent,
      { pageSize: 50, lastUrl: '/admin/mail?list=unsent&last=1', scope: table('outbox-unsent') });
    assert.ok(!pages[0].text.includes('id="outbox-'.concat(all.find((id) => !unsent.includes(id)))), 'sent messages are not in it');
    assert.match((await c.get('/admin/mail?list=unsent')).text, /<a id="all-messages" href="\/admin\/mail">/);
  } finally {
    // the messages this test left failed on purpose are no one's to send: leave them sent
    sql(`UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), failed_at = NULL WHERE subject = 'Paging failed'`);
  }
});

test('the audit log pages newest first: Older walks past the first 50 entries, Newer leads back', async () => {
  // 120 entries, written straight into the database; nothing may be audited while the test walks
  sql(`INSERT INTO audit_log (at, action, detail) SELECT UTC_TIMESTAMP(), 'test.paging', CONCAT('entry ', seq) FROM seq_1_to_120`);
  const c = await vendor();
  const expected = sql('SELECT id FROM audit_log ORDER BY id DESC LIMIT 150').split('\n');
  const ids = (html) => [...html.matchAll(/<tr id="audit-(\d+)">/g)].map((m) => m[1]);
  const pages = [await c.get('/admin')];
  assert.doesNotMatch(pages[0].text, /rel="prev"/);
  for (let i = 1; i < 3; i++) pages.push(await c.get(relLink(pages[i - 1].text, 'next')));
  assert.deepEqual(pages.flatMap((p) => ids(p.text)), expected, 'three pages of 50, no duplicates or gaps');
  assert.match(pages[1].text, /<a id="first-page" href="\/admin">Newest</);
  const back = await c.get(relLink((await c.get(relLink(pages[2].text, 'prev'))).text, 'prev'));
  assert.deepEqual(ids(back.text), expected.slice(0, 50), 'Newer twice is the first page again');
  const oldest = await c.get('/admin?last=1');
  assert.deepEqual(ids(oldest.text), sql('SELECT id FROM audit_log ORDER BY id DESC').split('\n').slice(-50));
});
