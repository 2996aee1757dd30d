// customer_subscriptions.test.mjs: in headless Chromium, the seed's way to a subscription, word by word: on
// Customers, expand the customer's record by selecting the down arrow (with the mouse, and with the keyboard:
// Tab to the record, Enter), open the customer's Subscriptions page, select the subscription; its page has one
// headed form each (Reseller (MPN ID), Change licenses, Designated support contact); Submit on a license change
// and on a new subscription each end on "Order N placed" with the new monthly total and links back.
// Screenshots: tests/out/custsubs-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';
import { arrangeOrg, arrangeSubscription, partner, relate } from '../lib/arrange.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}custsubs-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

// A provider and its partner reseller share a customer with two subscriptions (the reseller is the reseller
// of record of the first).
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Lakeshore Distribution');
  const reseller = arrangeOrg('reseller', 'Harbor Resellers', `7${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20));
  const customer = arrangeOrg('customer', 'Trey Research');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  const std = arrangeSubscription(customer, provider, { reseller, licenses: 10, sku: 'CP-STD' });
  const mail = arrangeSubscription(customer, provider, { licenses: 4, sku: 'EM-P1' });
  return { provider, reseller, customer, std, mail };
}

// The record of CUSTOMER on the Customers list (searched by its tag, so it is on the first page).
async function customerRecord(page, customer) {
  await page.goto(`${BASE}/customers?q=${customer.tag}`);
  return page.locator(`#customer-${customer.id}`);
}

test('the down arrow is visible, and the record expands with the mouse and with the keyboard', async () => {
  const w = arrangeWorld();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, w.provider.admin);
    const rec = await customerRecord(page, w.customer);
    const arrow = rec.locator('summary .expand-arrow');
    assert.ok(await arrow.isVisible(), 'a visible down arrow on the record');
    const box = await arrow.boundingBox();
    assert.ok(box.width >= 8 && box.height >= 8, `the arrow is big enough to see: ${JSON.stringify(box)}`);
    const nameBox = await rec.locator('.customer-name').boundingBox();
    assert.ok(box.x < nameBox.x && Math.abs(box.y + box.height / 2 - (nameBox.y + nameBox.height / 2)) < 12,
      'the arrow is near the name, before it');
    const turn = () => arrow.evaluate((el) => getComputedStyle(el).transform);
    const closed = await turn();
    assert.equal(await rec.evaluate((d) => d.open), false);
    assert.ok(!(await rec.locator('.add-subscription').isVisible()));
    await shot(page, '01-customers-closed');

    // the mouse: selecting the arrow opens the record, and the arrow turns up
    await arrow.click();
    assert.equal(await rec.evaluate((d) => d.open), true);
    assert.ok(await rec.locator('text=Add subscription').isVisible());
    assert.ok(await rec.locator('a.subscriptions-link').isVisible());
    await page.waitForTimeout(250);  // the arrow's turn
    assert.notEqual(await turn(), closed, 'the arrow points the other way when open');
    await shot(page, '02-customers-expanded');
    await arrow.click();
    assert.equal(await rec.evaluate((d) => d.open), false);

    // the keyboard: Tab reaches the record's summary (a focusable control with a visible focus ring), Enter
    // opens it, Enter again closes it, Space opens it
    await page.locator('#customer-q').focus();
    let focused = false;
    for (let i = 0; i < 20 && !focused; i++) {
      await page.keyboard.press('Tab');
      focused = await rec.locator('summary').evaluate((s) => document.activeElement === s);
    }
    assert.ok(focused, 'Tab reaches the customer record');
    const ring = await rec.locator('summary').evaluate((s) => getComputedStyle(s).outlineStyle);
    assert.notEqual(ring, 'none', 'the focused record shows where the focus is');
    await page.keyboard.press('Enter');
    assert.equal(await rec.evaluate((d) => d.open), true, 'Enter expands the record');
    await page.keyboard.press('Enter');
    assert.equal(await rec.evaluate((d) => d.open), false, 'Enter collapses it');
    await page.keyboard.press('Space');
    assert.equal(await rec.evaluate((d) => d.open), true, 'Space expands it');

    // a screen reader is told it is a control that expands, and whether it is expanded
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const summary = nodes.find((n) => n.name?.value?.includes(w.customer.name) && n.properties?.some((p) => p.name === 'expanded'));
    assert.ok(summary, 'the record is exposed with an expanded state');
    assert.equal(summary.properties.find((p) => p.name === 'expanded').value.value, true);
    assert.ok(summary.properties.some((p) => p.name === 'focusable' && p.value.value), 'and it is focusable');
  } finally {
    await browser.close();
  }
});

test('the seed word by word: Customers > down arrow > Subscriptions > the subscription; each form has its heading', async () => {
  const w = arrangeWorld();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, w.provider.admin);
    await page.click('nav >> text=Customers');
    assert.equal(path(page), '/customers');
    const rec = await customerRecord(page, w.customer);
    await rec.locator('summary .expand-arrow').click();
    await rec.locator('a:has-text("Subscriptions")').click();
    assert.equal(path(page), '/customers/subscriptions');
    assert.equal(await page.textContent('h1'), 'Subscriptions');
    assert.equal(await page.textContent('#customer-name'), w.customer.name);
    const rows = page.locator('#customer-subscriptions tbody tr');
    assert.equal(await rows.count(), 2);
    const std = page.locator(`#subscription-${w.std}`);
    assert.equal(await std.locator('.sub-offer').textContent(), 'Cloud Productivity Standard');
    assert.equal(await std.locator('.sub-licenses').textContent(), '10');
    assert.equal(await std.locator('.sub-status').textContent(), 'Active');
    assert.match(await std.locator('.sub-reseller').textContent(), new RegExp(w.reseller.name));
    assert.equal(await std.locator('.sub-support').textContent(), w.provider.name);
    assert.equal(await page.locator(`#subscription-${w.mail} .sub-reseller`).textContent(), 'none');
    await shot(page, '03-customer-subscriptions');

    await std.locator('a:has-text("Cloud Productivity Standard")').click();
    assert.equal(path(page), '/subscriptions/view');
    assert.equal(await page.textContent('h1'), 'Cloud Productivity Standard', 'the page is headed by its offer');
    assert.equal(await page.textContent('#sub-offer'), 'Cloud Productivity Standard');
    // each form is named by its own heading, and the Reseller (MPN ID) button looks like the others
    const forms = await page.$$eval('main form[aria-labelledby]', (fs) => fs.map((f) => ({
      heading: document.getElementById(f.getAttribute('aria-labelledby'))?.textContent,
      tag: document.getElementById(f.getAttribute('aria-labelledby'))?.tagName,
      button: f.querySelector('button[type=submit]').textContent,
      background: getComputedStyle(f.querySelector('button[type=submit]')).backgroundColor,
    })));
    assert.deepEqual(forms.map((f) => [f.tag, f.heading, f.button]), [
      ['H2', 'Reseller (MPN ID)', 'Save reseller'], ['H2', 'Change licenses', 'Submit'],
      ['H2', 'Designated support contact', 'Submit']]);
    assert.equal(new Set(forms.map((f) => f.background)).size, 1, `one button style: ${forms.map((f) => f.background)}`);
    assert.notEqual(forms[0].background, 'rgba(0, 0, 0, 0)');
    const named = await page.getByRole('form', { name: 'Designated support contact' });
    assert.equal(await named.count(), 1, 'a screen reader finds the form by its heading');
    await shot(page, '04-subscription');
    await page.click('#customer-subscriptions-link');
    assert.equal(path(page), '/customers/subscriptions');
  } finally {
    await browser.close();
  }
});

test('Submit on a license change and on a new subscription: "Order N placed", the new monthly total, links back', async () => {
  const w = arrangeWorld();
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, w.provider.sales);
    await page.goto(`${BASE}/subscriptions/view?id=${w.std}`);
    await page.fill('#licenses', '14');
    await page.click('form[aria-labelledby="licenses-heading"] button:has-text("Submit")');
    assert.equal(path(page), '/orders/view');
    const order = new URL(page.url()).searchParams.get('id');
    assert.equal(await page.textContent('h1'), `Order ${order} placed`);
    assert.match(await page.textContent('#order-placed'),
      new RegExp(`The new monthly total of this subscription of ${w.customer.name} is \\$175\\.00 \\(it was \\$125\\.00\\)\\.`));
    assert.equal(await page.textContent('.line-licenses'), '10 → 14');
    assert.equal(await page.textContent('.line-amount'), '$50.00');
    assert.equal(await page.textContent('#order-new-total'), '$175.00');
    await shot(page, '05-order-placed-license-change');
    await page.click('a:has-text("Open Cloud Productivity Standard")');
    assert.equal(path(page), '/subscriptions/view');
    assert.equal(await page.textContent('#sub-licenses'), '14');
    await page.goBack();
    await page.click('#to-customer-subscriptions');
    assert.equal(path(page), '/customers/subscriptions');
    assert.equal(await page.textContent(`#subscription-${w.std} .sub-licenses`), '14');

    // a new subscription: Add subscription on the Subscriptions page, Submit, Order N placed
    await page.click('a:has-text("Add subscription")');
    assert.equal(path(page), '/subscriptions/new');
    await page.fill('tr:has-text("Cloud Compute Credits 100") input', '2');
    await page.selectOption('#reseller_of_record', { label: w.reseller.name });
    await page.click('button:has-text("Submit")');
    assert.equal(path(page), '/orders/view');
    const second = new URL(page.url()).searchParams.get('id');
    assert.equal(await page.textContent('h1'), `Order ${second} placed`);
    assert.match(await page.textContent('#order-placed'), /The new monthly total of this subscription of .* is \$200\.00\./);
    assert.doesNotMatch(await page.textContent('#order-placed'), /it was/, 'a new subscription cost nothing before');
    assert.equal(await page.textContent('.line-licenses'), '0 → 2');
    await shot(page, '06-order-placed-new-subscription');
    await page.click('#to-customer-subscriptions');
    assert.equal(await page.locator('#customer-subscriptions tbody tr').count(), 3);
  } finally {
    await browser.close();
  }
});
