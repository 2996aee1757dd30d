// notices.test.mjs: in headless Chromium on the demo data, what each action ends on (issue 13): Done on a
// reseller's invitation and on a provider's partnership request lands on the list holding it with a notice
// that links to its row; the Setup info's Copy button puts the temporary password on the clipboard; the
// vendor's review flags an applicant's legal name that differs from the membership profile's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO, sql } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}notices-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

async function signedInPage(browser, who, options = {}) {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
  return page;
}

test('Done on a draft invitation or partnership request ends on the list holding it, with a notice', async () => {
  const browser = await launch();
  try {
    const reseller = await signedInPage(browser, DEMO.reseller);
    await reseller.click('nav >> text=Customers');
    await reseller.click('button:has-text("Request a reseller relationship")');
    await reseller.click('#draft-done');
    assert.equal(path(reseller), '/customers/invitations');
    assert.match(await reseller.textContent('#sent-notice'), /Your invitation is listed below under Invitations sent, marked Sent/);
    const row = await reseller.getAttribute('#sent-notice a[href^="#invitation-"]', 'href');
    assert.ok(await reseller.isVisible(`tr${row}.just-sent`), 'the notice points at a row of the list');
    assert.match(await reseller.textContent(`tr${row} .invitation-state`), /Sent/);
    await shot(reseller, '01-invitation-sent');
    await reseller.click('#sent-notice a:has-text("Customers")');
    assert.equal(path(reseller), '/customers');

    const provider = await signedInPage(browser, DEMO.provider);
    await provider.click('nav >> text=Indirect resellers');
    await provider.click('button:has-text("Request a partnership")');
    await provider.click('#draft-done');
    assert.equal(path(provider), '/resellers');
    assert.match(await provider.textContent('#requested-notice'), /listed below under Partnership requests sent, marked Sent/);
    await provider.click('#requested-notice a');
    const target = new URL(provider.url()).hash;
    assert.match(target, /^#request-\d+$/);
    assert.match(await provider.textContent(`tr${target} .request-state`), /Sent/);
    await shot(provider, '02-request-sent');
  } finally {
    await browser.close();
  }
});

test("the Setup info's Copy button puts the temporary password on the clipboard", async () => {
  const browser = await launch();
  const prefix = `copytest${Date.now().toString(36)}`;
  try {
    const page = await signedInPage(browser, DEMO.provider, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.click('nav >> text=Indirect resellers');
    await page.click('#partners tr:has-text("Wide World Resellers") >> text=Add new customer');
    const details = { company_name: `Copy Test ${prefix.slice(8)}`, domain_prefix: prefix, address_line1: '1 Quay Street',
      city: 'Hobart', region: 'TAS', postal_code: '7000', contact_name: 'Cary Copy',
      contact_email: 'cary@copytest.example', contact_phone: '+61 3 5550 0199' };
    for (const [name, value] of Object.entries(details)) await page.fill(`#${name}`, value);
    await page.selectOption('#country', 'AU');
    await page.click('button:has-text("Next: Subscriptions")');
    await page.fill('tr:has-text("Cloud Productivity Standard") input', '1');
    await page.click('button:has-text("Next: Review")');
    await page.click('button:has-text("Submit")');

    const password = (await page.textContent('#setup-password')).trim();
    assert.ok(password.length >= 12);
    const copy = page.getByRole('button', { name: 'Copy the temporary password' });
    assert.equal(await copy.textContent(), 'Copy');
    await page.evaluate(() => navigator.clipboard.writeText('something else'));
    await copy.click();
    await page.waitForSelector('#password-copy-status:has-text("Copied to the clipboard.")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password, 'the clipboard holds the password alone');
    await shot(page, '03-setup-info-copy');
  } finally {
    await browser.close();
  }
});

test("the enrollment review flags an applicant's legal name that differs from the membership profile's", async () => {
  const browser = await launch();
  const tag = Date.now().toString(36);
  const id = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('flag${tag}.onmicrosoft.com', 'Flag ${tag}', 'US');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      SELECT id, 'pat@flag${tag}.onmicrosoft.com', 'Pat Applicant', 'x', 'global_admin' FROM tenants WHERE domain = 'flag${tag}.onmicrosoft.com';
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, mpn_id, profile_id, legal_name, address_line1, city,
      region, postal_code, country, phone, contact_name, contact_email, contact_phone, support_email, support_phone,
      status, submitted_at, verified_at)
      SELECT t.id, u.id, '7${String(Date.now()).slice(-8)}', (SELECT id FROM org_profiles WHERE mpn_id = '4200001'),
        'Contoso Holdings Inc', '1 Microsoft Way', 'Redmond', 'WA', '98052', 'US', '+1 425 555 0100', 'Pat Applicant',
        'pat@flag.example', '+1 425 555 0101', 'support@flag.example', '+1 425 555 0102', 'pending_review',
        UTC_TIMESTAMP(), UTC_TIMESTAMP()
      FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.domain = 'flag${tag}.onmicrosoft.com';
    SELECT LAST_INSERT_ID();`);
  try {
    const page = await signedInPage(browser, DEMO.vendor);
    await page.goto(`${BASE}/admin/enrollments/view?id=${id}`);
    const flag = await page.textContent('#name-flag');
    assert.match(flag, /Check the legal name: the applicant's legal name differs from the name on the membership profile/);
    assert.match(flag, /Application: Contoso Holdings Inc; membership profile: Contoso Ltd\./);
    assert.match(await page.textContent('#app-profile'), /Redmond \(United States\)/);
    await shot(page, '04-review-name-flag');
  } finally {
    sql(`UPDATE enrollment_applications SET status = 'rejected', reject_reason = 'browser test' WHERE id = ${id}`);
    await browser.close();
  }
});
