// invitations.test.mjs: in headless Chromium, Wide World (reseller) invites a new customer together
// with its provider Fabrikam; Fourth Coffee's global admin accepts from the link; Fabrikam then places
// an order for it with Wide World as support contact; the customer sees the subscription and contact.
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
  } finally {
    await browser.close();
  }
});
