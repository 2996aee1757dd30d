// invitations.test.mjs: in headless Chromium, Wide World (reseller) invites a new customer together
// with its provider Fabrikam; Fourth Coffee's global admin accepts from the link; Fabrikam then places
// an order for it with Wide World as support contact; the customer sees the subscription and contact;
// Wide World adds a user to the customer with one of those licenses, who signs in and sets a password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}invitations-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;
const WIDE_WORLD = { upn: 'kim@wideworld.onmicrosoft.com', password: 'WideWorld-demo-2026' };
const FOURTH_COFFEE = { upn: 'olivia@fourthcoffee.onmicrosoft.com', password: 'FourthCoffee-demo-2026' };

async function signIn(page, who) {
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

test('a reseller invites a customer with its provider, who then orders for it', async () => {
  const browser = await launch();
  try {
    const reseller = await browser.newPage();
    await reseller.goto(BASE + '/signin');
    await signIn(reseller, WIDE_WORLD);
    await reseller.click('nav >> text=Indirect providers');
    await reseller.click('#partners tr:has-text("Fabrikam Distribution") >> text=Invite new customers');
    const link = await reseller.inputValue('#draft-link');
    assert.match(link, /\/relationship\/authorize\?token=[0-9a-f]{64}$/);
    assert.ok((await reseller.inputValue('#draft-body')).includes(link));
    await shot(reseller, '01-draft');

    const customer = await browser.newPage();
    await customer.goto(link);
    assert.equal(path(customer), '/signin');
    await signIn(customer, FOURTH_COFFEE);
    assert.equal(path(customer), '/relationship/authorize');
    const asking = await customer.textContent('#asking-partners');
    assert.match(asking, /Wide World Resellers/);
    assert.match(asking, /Fabrikam Distribution/);
    assert.match(await customer.textContent('#grants'), /subscriptions/i);
    await shot(customer, '02-authorize');
    await customer.click('#accept-relationship');
    assert.equal(path(customer), '/my/partners');
    const partners = await customer.textContent('#partners');
    assert.match(partners, /Wide World Resellers/);
    assert.match(partners, /Fabrikam Distribution/);
    await shot(customer, '03-my-partners');

    await reseller.goto(BASE + '/customers');
    assert.match(await reseller.textContent('#customers'), /Fourth Coffee/);

    // the provider, now a partner of record, places an order for the customer
    const provider = await browser.newPage();
    await provider.goto(BASE + '/signin?next=/customers');
    await signIn(provider, DEMO.provider);
    const row = provider.locator('#customers details', { hasText: 'Fourth Coffee' });
    await row.locator('summary').click();
    await row.locator('text=Add subscription').click();
    await provider.fill('tr:has-text("Business Email Plan 2") input', '8');
    await provider.selectOption('#reseller_of_record', { label: 'Wide World Resellers' });
    await provider.click('button:has-text("Submit")');
    assert.equal(path(provider), '/orders/view');
    await provider.click('a:has-text("Business Email Plan 2")');
    const wideWorld = await provider.locator('#support_org_id option', { hasText: 'Wide World Resellers' }).getAttribute('value');
    await provider.selectOption('#support_org_id', wideWorld);
    await provider.click('form:has(#support_org_id) button:has-text("Submit")');
    assert.match(await provider.textContent('#sub-support'), /Wide World Resellers/);
    await shot(provider, '04-provider-order');

    await customer.click('nav >> text=My subscriptions');
    const subs = await customer.textContent('#subscriptions');
    assert.match(subs, /Business Email Plan 2/);
    assert.match(subs, /Wide World Resellers/);
    await shot(customer, '05-my-subscriptions');

    // the reseller, with admin rights on the customer now, adds a user holding one of the new licenses
    await reseller.goto(BASE + '/customers');
    const record = reseller.locator('#customers details', { hasText: 'Fourth Coffee' });
    await record.locator('summary').click();
    await record.locator('text=Users and licenses').click();
    assert.equal(path(reseller), '/customers/users');
    await reseller.fill('#display_name', 'Jordan Barista');
    await reseller.fill('#user_name', 'jordan');
    await reseller.check('label:has-text("Business Email Plan 2") input');
    await reseller.click('#add-user');
    await reseller.waitForURL(/\/customers\/users\/add$/);
    assert.match(await reseller.textContent('main h1'), /User added/, await reseller.textContent('main'));
    const upn = await reseller.textContent('#setup-user');
    assert.equal(upn, 'jordan@fourthcoffee.onmicrosoft.com');
    const temporary = await reseller.textContent('.temp-password');
    await shot(reseller, '06-user-added');
    await reseller.click('#done');
    await reseller.waitForURL(/\/customers\/users\?customer=\d+$/);
    assert.match(await reseller.textContent('tr:has-text("Jordan Barista") .user-licenses'), /Business Email Plan 2/);
    const plan = reseller.locator('#license-summary tr', { hasText: 'Business Email Plan 2' });
    assert.equal(await plan.locator('.assigned').textContent(), '1');
    assert.equal(await plan.locator('.total').textContent(), '8');
    await shot(reseller, '07-users-and-licenses');

    // the new user signs in with the temporary password and must choose their own
    const jordan = await browser.newPage();
    await jordan.goto(BASE + '/signin');
    await signIn(jordan, { upn, password: temporary });
    assert.equal(path(jordan), '/account/password');
    await jordan.fill('#current_password', temporary);
    await jordan.fill('#new_password', 'Jordan-own-password-2026');
    await jordan.fill('#confirm_password', 'Jordan-own-password-2026');
    await jordan.click('main button[type=submit]');
    await jordan.waitForURL(/\/home$/);  // issue 13: straight on to the home page, not a page saying "changed"
    assert.equal(path(jordan), '/home');
    assert.match(await jordan.textContent('main'), /Fourth Coffee/);
  } finally {
    await browser.close();
  }
});
