// enroll.test.mjs: in headless Chromium, a new reseller (Adatum) goes through the whole enrollment
// wizard: Back keeps input, a browser restart resumes, the emailed link verifies, the vendor admin
// approves, and the new admin agent adds a sales agent. Screenshots of every step in tests/out/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, launchPersistent, OUT } from '../lib/browser.mjs';
import { waitForMail, links } from '../lib/mail.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}enroll-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

const DETAILS = {
  address_line1: '500 Pike Street', city: 'Seattle', region: 'WA', postal_code: '98101',
  phone: '+1 206 555 0100', contact_name: 'Alice Park', contact_email: 'alice@adatum.onmicrosoft.com',
  contact_phone: '+1 206 555 0101', support_email: 'support@adatum.example', support_phone: '+1 206 555 0199',
  support_website: 'https://adatum.example/support',
};

test('a new reseller enrolls end to end in the browser and is approved', async () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-browser-'));
  let ctx = await launchPersistent(profileDir);
  try {
    let page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(BASE + '/enroll');
    assert.equal(path(page), '/enroll/welcome');
    assert.match(await page.textContent('main'), /global admin/i);
    await shot(page, '01-welcome');
    await page.click('button:has-text("Next")');

    assert.equal(path(page), '/enroll/directory');
    await shot(page, '02-directory');
    await page.fill('#upn', 'alice@adatum.onmicrosoft.com');
    await page.fill('#password', 'Adatum-demo-2026');
    await page.click('button:has-text("Sign in")');

    assert.equal(path(page), '/enroll/mpn');
    await shot(page, '03-link-mpn');
    await page.click('button:has-text("Sign in")');
    assert.equal(path(page), '/enroll/membership');
    await page.fill('#user_name', 'partner@adatum.com');
    await shot(page, '04-membership-user');
    await page.click('button:has-text("Next")');
    assert.equal(path(page), '/enroll/membership/password');
    await page.fill('#password', 'Membership-demo-2026');
    await shot(page, '05-membership-password');
    await page.click('button:has-text("Sign in")');
    assert.equal(path(page), '/enroll/profile');

    // the browser is closed and opened again: the wizard resumes at the same step
    await ctx.close();
    ctx = await launchPersistent(profileDir);
    page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(BASE + '/enroll');
    assert.equal(path(page), '/enroll/profile');
    const profiles = await page.textContent('main');
    assert.match(profiles, /4100001/);
    assert.match(profiles, /4100002/);
    assert.doesNotMatch(profiles, /4100003/, 'inactive profiles are not offered');
    await shot(page, '06-profile-after-restart');

    await page.check('input[name=profile_id] >> nth=1');  // Adatum GmbH, in Germany
    await page.click('button:has-text("Continue")');
    assert.match(await page.textContent('#profile-error'), /same country/);
    await shot(page, '07-profile-other-country-refused');
    await page.click('label:has-text("4100001")');
    await page.click('button:has-text("Continue")');

    assert.equal(path(page), '/enroll/details');
    assert.equal(await page.inputValue('[name=legal_name]'), 'Adatum Corporation');
    for (const [name, value] of Object.entries(DETAILS)) await page.fill(`[name=${name}]`, value);
    // Back keeps what was typed, even though nothing was validated yet
    await page.click('button:has-text("Back")');
    assert.equal(path(page), '/enroll/profile');
    await page.goto(BASE + '/enroll/details');
    for (const [name, value] of Object.entries(DETAILS))
      assert.equal(await page.inputValue(`[name=${name}]`), value, `${name} kept after Back`);
    await page.fill('[name=support_email]', 'not-an-email');
    await page.click('button:has-text("Next")');
    assert.match(await page.textContent('main'), /email/i);
    await shot(page, '08-details-invalid');
    await page.fill('[name=support_email]', DETAILS.support_email);
    await shot(page, '09-details');
    await page.click('button:has-text("Next")');

    assert.equal(path(page), '/enroll/review');
    assert.match(await page.textContent('main'), /4100001/);
    assert.match(await page.textContent('main'), /500 Pike Street/);
    await shot(page, '10-review');
    await page.click('button:has-text("Enroll now")');
    assert.equal(path(page), '/enroll/status');
    assert.match(await page.textContent('main'), /verif/i);
    await shot(page, '11-status-waiting-for-verification');

    // the primary contact opens the link in the email
    const mail = await waitForMail(DETAILS.contact_email, { subject: /Verify/ });
    const link = links(mail.body).find((l) => l.includes('/enroll/verify?token='));
    assert.ok(link, 'the verification email carries a link');
    await page.goto(link);
    await shot(page, '12-verify');
    await page.click('button:has-text("Confirm my email address")');
    assert.match(await page.textContent('main'), /verified/i);
    await shot(page, '13-verified');

    // the vendor admin approves it from the review queue
    const admin = await launch();
    try {
      const ap = await admin.newPage();
      await ap.goto(BASE + '/signin?next=/admin/enrollments');
      await ap.fill('#upn', DEMO.vendor.upn);
      await ap.fill('#password', DEMO.vendor.password);
      await ap.click('main button:has-text("Sign in")');
      assert.equal(path(ap), '/admin/enrollments');
      await shot(ap, '14-admin-queue');
      await ap.click('a:has-text("Adatum Corporation")');
      assert.match(await ap.textContent('main'), /support@adatum\.example/);
      await shot(ap, '15-admin-application');
      await ap.click('button:has-text("Approve")');
      assert.match(await ap.textContent('main'), /approved/i);
      await shot(ap, '16-admin-approved');
    } finally {
      await admin.close();
    }
    const outcome = await waitForMail(DETAILS.contact_email, { subject: /ready/ });
    assert.ok(links(outcome.body).some((l) => l.endsWith('/signin')));

    // the enrolling global admin is now an admin agent of the new reseller account
    await page.goto(BASE + '/enroll/status');
    assert.match(await page.textContent('main'), /approved/i);
    await shot(page, '17-status-approved');
    await page.goto(BASE + '/home');
    if (path(page) === '/signin') {
      await page.fill('#upn', 'alice@adatum.onmicrosoft.com');
      await page.fill('#password', 'Adatum-demo-2026');
      await page.click('main button:has-text("Sign in")');
    }
    assert.equal(await page.textContent('#home-org'), 'Adatum Corporation');
    assert.equal(await page.textContent('#home-kind'), 'Indirect reseller');
    await page.click('nav >> text=Account settings');
    await page.click('nav >> text=User management');
    assert.match(await page.textContent('#users'), /Alice Park[\s\S]*Admin agent/);
    await page.selectOption('#add-user', { label: 'Bob Reyes (bob@adatum.onmicrosoft.com)' });
    await page.check('.add-user input[name=sales_agent]');
    await page.click('button:has-text("Add user")');
    assert.match(await page.textContent('main'), /Bob Reyes has been added/);
    assert.match(await page.textContent('#users'), /Bob Reyes[\s\S]*Sales agent/);
    await shot(page, '18-user-management');
  } finally {
    await ctx.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
});
