// customers.test.mjs: in headless Chromium, Fabrikam adds a new customer for Wide World (details,
// subscriptions, review, submit, the temporary password once), then adds a subscription with Wide
// World as reseller of record and designated support contact; the customer's admin signs in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}customers-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

async function signIn(page, upn, password) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', upn);
  await page.fill('#password', password);
  await page.click('main button:has-text("Sign in")');
}

test('a provider adds a customer for a reseller and a subscription with a support contact', async () => {
  const browser = await launch();
  const prefix = `tasmanian${Date.now().toString(36)}`;
  const company = `Tasmanian Traders ${prefix.slice(9).toUpperCase()}`;
  try {
    const page = await browser.newPage();
    await signIn(page, DEMO.provider.upn, DEMO.provider.password);
    await page.click('nav >> text=Indirect resellers');
    await page.click('#partners tr:has-text("Wide World Resellers") >> text=Add new customer');
    assert.equal(path(page), '/customers/new');
    assert.match(await page.textContent('#reseller'), /Wide World Resellers/);
    const details = {
      company_name: company, domain_prefix: prefix, address_line1: '12 Salamanca Place',
      city: 'Hobart', region: 'TAS', postal_code: '7000', contact_name: 'Tom Tasman',
      contact_email: 'tom@tasmaniantraders.example', contact_phone: '+61 3 5550 0100',
    };
    for (const [name, value] of Object.entries(details)) await page.fill(`#${name}`, value);
    await page.selectOption('#country', 'AU');
    await shot(page, '01-details');
    await page.click('button:has-text("Next: Subscriptions")');

    await page.fill('tr:has-text("Cloud Productivity Standard") input', '10');
    await page.fill('tr:has-text("Business Email Plan 1") input', '10');
    await shot(page, '02-subscriptions');
    await page.click('button:has-text("Next: Review")');
    const review = await page.textContent('main');
    assert.ok(review.includes(company));
    assert.match(review, /\$165\.00/, '10 × $12.50 + 10 × $4.00 a month');
    await shot(page, '03-review');
    await page.click('button:has-text("Submit")');

    const user = (await page.textContent('#setup-user')).trim();
    const password = (await page.textContent('#setup-password')).trim();
    assert.equal(user, `admin@${prefix}.onmicrosoft.com`);
    assert.ok(password.length >= 12);
    await shot(page, '04-confirmation-password-once');
    const order = (await page.textContent('#summary-order')).match(/\d+/)[0];

    // the same confirmation, opened again, never shows the password
    const again = await browser.newPage();
    await signIn(again, DEMO.provider.upn, DEMO.provider.password);
    await again.goto(`${BASE}/customers/new/done?order=${order}`);
    assert.doesNotMatch(await again.textContent('main'), new RegExp(password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.ok(await again.isVisible('#password-gone'));
    await again.close();

    await page.click('#done');
    assert.equal(path(page), '/customers');
    const row = page.locator('#customers details', { hasText: company });
    await row.locator('summary').click();
    assert.match(await row.textContent(), /Cloud Productivity Standard/);
    await shot(page, '05-customers');
    await row.locator('text=Add subscription').click();
    assert.equal(path(page), '/subscriptions/new');
    await page.fill('tr:has-text("Cloud Compute Credits 100") input', '2');
    await page.selectOption('#reseller_of_record', { label: 'Wide World Resellers' });
    await shot(page, '06-add-subscription');
    await page.click('button:has-text("Submit")');
    assert.equal(path(page), '/orders/view');
    assert.match(await page.textContent('main'), /\$200\.00/);
    await shot(page, '07-order');

    await page.click('a:has-text("Cloud Compute Credits 100")');
    assert.equal(path(page), '/subscriptions/view');
    assert.match(await page.textContent('#sub-reseller'), /Wide World Resellers/);
    const wideWorld = await page.locator('#support_org_id option', { hasText: 'Wide World Resellers' }).getAttribute('value');
    await page.selectOption('#support_org_id', wideWorld);
    await page.click('form:has(#support_org_id) button:has-text("Submit")');
    assert.ok(await page.isVisible('#support-notice'));
    assert.match(await page.textContent('#sub-support'), /Wide World Resellers/);
    await shot(page, '08-support-contact');

    // the new customer's admin signs in and must replace the temporary password first
    const customer = await browser.newPage();
    await signIn(customer, user, password);
    assert.equal(path(customer), '/account/password');
    await customer.fill('#current_password', password);
    await customer.fill('#new_password', 'Tasmania-own-2026');
    await customer.fill('#confirm_password', 'Tasmania-own-2026');
    await customer.click('button:has-text("Change password")');
    await customer.goto(BASE + '/home');
    assert.equal(await customer.textContent('#home-org'), company);
    await shot(customer, '09-customer-home');
  } finally {
    await browser.close();
  }
});
