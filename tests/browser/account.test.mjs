// account.test.mjs: in headless Chromium, the header's Account settings menu (reached and opened with the keyboard),
// User management > a user's page > Update, New user with its temporary password shown once and changed at first
// sign-in, Switch account's labels, and at 1280 px a one-line top menu for each kind of user (screenshots in tests/out/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag } from '../lib/arrange.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}account-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

const WIDE = { width: 1280, height: 800 };

// Run FN with a fresh headless Chromium, closed whatever happens.
async function withBrowser(fn) {
  const browser = await launch();
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}

// A page of a new browser context (OPTIONS: its viewport, permissions) signed in as WHO.
async function signedInPage(browser, who, options = { viewport: WIDE }) {
  const page = await (await browser.newContext(options)).newPage();
  await signIn(page, who);
  return page;
}

// The top of each top-level item of the header menu (links, and the Account settings summary), rounded.
const menuTops = (page) => page.$$eval('.mainnav > a, .mainnav > details > summary',
  (items) => items.map((e) => ({ text: e.textContent.trim(), top: Math.round(e.getBoundingClientRect().top) })));

// Press Tab until the focus is on SELECTOR (at most 40 times): what a keyboard user does.
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

// A provider whose admin agent (ada) is also a sales agent of a reseller account of the same name in another tenant.
function arrangeTwoAccounts() {
  const provider = arrangeOrg('provider', 'Label Distribution');
  const reseller = arrangeOrg('reseller', 'Label Reseller');
  sql(`UPDATE organizations SET name = '${provider.name}' WHERE id = ${reseller.id};
    INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    SELECT ${reseller.id}, id, 0, 1, 0, UTC_TIMESTAMP() FROM users WHERE upn = '${provider.admin.upn}'`);
  return { provider, reseller };
}

test('at 1280 px the top menu is one line for every kind of user, the account items under Account settings', async () => {
  const { provider: twoAccounts } = arrangeTwoAccounts();
  await withBrowser(async (browser) => {
    const kinds = { vendor: DEMO.vendor, provider: DEMO.provider, reseller: DEMO.reseller, customer: DEMO.customer,
      'two-accounts': twoAccounts.admin };
    for (const [kind, who] of Object.entries(kinds)) {
      const page = await signedInPage(browser, who);
      await page.goto(BASE + '/home');
      await page.screenshot({ path: `${OUT}account-header-${kind}-1280.png` });
      const tops = await menuTops(page);
      assert.ok(tops.length >= 4, `${kind}: ${JSON.stringify(tops)}`);
      assert.equal(new Set(tops.map((t) => t.top)).size, 1, `${kind}: one line: ${JSON.stringify(tops)}`);
      assert.equal(tops.at(-1).text, 'Account settings');
      const whoBox = await page.$eval('.who', (e) => e.getBoundingClientRect());
      const header = await page.$eval('.topbar', (e) => e.getBoundingClientRect());
      assert.ok(whoBox.height < 45 && header.height < 110, `${kind}: the header is two short rows (${header.height} px)`);
      assert.equal(await page.getAttribute('nav a[href="/home"]', 'aria-current'), 'page', `${kind}: Home is current`);
      assert.match(await page.textContent('#acting-for'), /Acting for .+ \((vendor administration|indirect provider|indirect reseller|customer)\)/);
      await page.context().close();
    }
  });
});

test('Tab reaches Account settings, Enter opens it, and User management, a name and Update change the roles', async () => {
  const org = arrangeOrg('reseller', 'Menu Reseller');
  await withBrowser(async (browser) => {
    const page = await signedInPage(browser, org.admin);
    await page.goto(BASE + '/home');
    assert.ok(!(await page.isVisible('nav >> text=User management')), 'closed at first');
    await tabTo(page, '#account-settings > summary');
    await page.keyboard.press('Enter');
    assert.ok(await page.isVisible('nav >> text=User management'), 'open');
    await page.keyboard.press('Escape');
    assert.ok(!(await page.isVisible('nav >> text=User management')), 'Escape closes it');
    assert.ok(await page.evaluate(() => document.activeElement.matches('#account-settings > summary')), 'the focus is back on it');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'User management');
    await shot(page, 'menu-open');
    await page.keyboard.press('Enter');
    await page.waitForURL(BASE + '/account/users');
    assert.equal(await page.getAttribute('nav a[href="/account/users"]', 'aria-current'), 'page');
    assert.match(await page.getAttribute('#account-settings > summary', 'class'), /current/);

    // the seed: select your name from the users list, Admin agent if not already, then Update
    await page.click(`#users a:has-text("Ada Admin ${org.tag}")`);
    assert.equal(path(page), '/account/users/view');
    assert.ok(await page.isChecked('#role-form input[name=admin_agent]'));
    await page.check('#role-form input[name=helpdesk_agent]');
    await shot(page, 'user-page');
    await page.click('#update-roles');
    await page.waitForURL(/\/account\/users\?updated=\d+$/);
    assert.match(await page.textContent('main'), new RegExp(`The roles of Ada Admin ${org.tag} have been updated`));
    assert.match(await page.textContent('#users'), /Admin agent, Helpdesk agent/);
  });
});

test('an admin agent creates a user, copies the temporary password, and the user changes it at first sign-in', async () => {
  const org = arrangeOrg('reseller', 'Create Reseller');
  await withBrowser(async (browser) => {
    const page = await signedInPage(browser, org.admin, { viewport: WIDE, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.click('nav >> text=Account settings');
    await page.click('nav >> text=User management');
    await page.click('text=Create a new user');
    assert.equal(path(page), '/account/users/new');
    const name = `kim${freshTag()}`;
    await page.fill('#display_name', 'Kim Lee');
    await page.fill('#user_name', name);
    await page.check('.new-user input[name=sales_agent]');
    await shot(page, 'new-user');
    await page.click('#create-user');
    assert.match(await page.textContent('#created-notice'), /Kim Lee has been created/);
    const upn = await page.textContent('#setup-user');
    assert.equal(upn, `${name}@${org.domain}`);
    const password = await page.textContent('#temp-password');
    await page.click('#copy-password');
    await page.waitForSelector('#copy-status:has-text("Copied")');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), password);
    await shot(page, 'user-created');
    await page.click('#done');
    assert.match(await page.textContent('main'), /Kim Lee has been added to the account/);
    assert.match(await page.textContent('#users'), /Kim Lee[\s\S]*Sales agent/);

    const kim = await (await browser.newContext()).newPage();
    await signIn(kim, { upn, password });
    assert.equal(path(kim), '/account/password', 'the temporary password must be changed first');
    await kim.fill('#current_password', password);
    await kim.fill('#new_password', 'Quokka-harbour-73-tandem');
    await kim.fill('#confirm_password', 'Quokka-harbour-73-tandem');
    await kim.click('button:has-text("Change password")');
    await kim.goto(BASE + '/home');
    assert.equal(path(kim), '/home');
    assert.equal(await kim.textContent('.who-org'), org.name);
    await shot(kim, 'new-user-home');
  });
});

test('Switch account tells two accounts of one name apart by kind and tenant; the header says which one acts', async () => {
  const { provider, reseller } = arrangeTwoAccounts();
  await withBrowser(async (browser) => {
    const page = await signedInPage(browser, provider.admin);
    assert.equal(await page.textContent('#acting-for'), `Acting for ${provider.name} (indirect provider)`);
    await page.click('nav >> text=Account settings');
    await page.click('#switch-account');
    assert.equal(path(page), '/account/switch');
    const labels = await page.$$eval('#accounts .account-label', (els) => els.map((e) => e.textContent.trim()));
    assert.deepEqual(labels, [`${provider.name} — indirect provider (${provider.domain})`,
      `${provider.name} — indirect reseller (${reseller.domain})`]);
    await shot(page, 'switch-account');
    await page.click(`#account-${reseller.id} button`);
    await page.waitForURL(BASE + '/home');
    assert.equal(await page.textContent('#acting-for'), `Acting for ${provider.name} (indirect reseller)`);
  });
});
