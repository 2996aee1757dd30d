// partnership.test.mjs: in headless Chromium, Fabrikam (provider) requests a partnership and copies
// the link; Contoso's admin agent follows it, signs in, and authorizes; each then lists the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}partnership-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;

async function signIn(page, who) {
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

test('a provider and a reseller link up through a partnership request', async () => {
  const browser = await launch();
  try {
    const provider = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
    await provider.goto(BASE + '/signin');
    await signIn(provider, DEMO.provider);
    await provider.click('nav >> text=Indirect resellers');
    assert.equal(path(provider), '/resellers');
    assert.doesNotMatch(await provider.textContent('main'), /Contoso Reseller/);
    await shot(provider, '01-indirect-resellers');

    await provider.click('button:has-text("Request a partnership")');
    const body = await provider.inputValue('#draft-body');
    const link = body.match(/https?:\/\/\S+\/partnership\/authorize\?token=[0-9a-f]{64}/)[0];
    const mailto = await provider.getAttribute('#open-in-email', 'href');
    assert.ok(mailto.startsWith('mailto:?subject='));
    assert.ok(decodeURIComponent(mailto).includes(link), 'Open in email carries the link');
    await provider.fill('#draft-body', body.replace(/^/, 'Hi Sam,\n\n'));  // the text may be edited
    await provider.click('#copy-draft');
    await provider.waitForSelector('#copy-status:has-text("Copied")');
    const copied = await provider.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith('Hi Sam,'));
    assert.ok(copied.includes(link), 'the clipboard holds the edited text with the link');
    await shot(provider, '02-draft-email');
    await provider.click('#draft-done');
    assert.match(await provider.textContent('#requests'), /sent/i);
    await shot(provider, '03-request-sent');

    // the reseller's admin agent follows the link from the email
    const reseller = await (await browser.newContext()).newPage();
    await reseller.goto(link);
    assert.equal(path(reseller), '/signin');
    await signIn(reseller, DEMO.reseller);
    assert.equal(path(reseller), '/partnership/authorize');
    assert.match(await reseller.textContent('#asking-provider'), /Fabrikam Distribution/);
    assert.match(await reseller.textContent('#grants'), /submit orders/i);
    assert.match(await reseller.textContent('#grants'), /administrator access/i);
    await shot(reseller, '04-authorize');
    await reseller.click('button:has-text("Authorize indirect provider")');
    assert.match(await reseller.textContent('#authorize-error'), /box/i);
    await reseller.check('#authorize-confirm');
    await reseller.click('button:has-text("Authorize indirect provider")');
    assert.equal(path(reseller), '/indirect-providers');
    assert.match(await reseller.textContent('#authorized-notice'), /Fabrikam Distribution is now your indirect provider/);
    assert.match(await reseller.textContent('#partners'), /Fabrikam Distribution/);
    await shot(reseller, '05-indirect-providers');

    await provider.goto(BASE + '/resellers');
    assert.match(await provider.textContent('#partners'), /Contoso Reseller/);
    assert.match(await provider.textContent('#requests'), /accepted/i);
    await provider.click('#partners >> text=Contoso Reseller');
    assert.equal(path(provider), '/resellers/view');
    await shot(provider, '06-reseller-view');
  } finally {
    await browser.close();
  }
});
