// signin.test.mjs: in headless Chromium, a partner signs in, sees the home page and signs out
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

test('a reseller signs in through the browser, sees the home page, and signs out', async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(BASE + '/');
    assert.equal(new URL(page.url()).pathname, '/signin');
    await page.screenshot({ path: OUT + 'foundation-signin.png', fullPage: true });

    await page.fill('#upn', DEMO.reseller.upn);
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    assert.match(await page.textContent('#signin-error'), /do not match/);

    await page.fill('#password', DEMO.reseller.password);
    await page.click('button[type=submit]');
    await page.waitForURL(BASE + '/home');
    assert.equal(await page.textContent('#home-org'), 'Contoso Reseller');
    assert.equal(await page.textContent('#home-upn'), DEMO.reseller.upn);
    assert.match(await page.textContent('header'), /Sam Ortega/);
    await page.screenshot({ path: OUT + 'foundation-home.png', fullPage: true });

    await page.click('text=Sign out');
    await page.waitForURL(/\/signin\?signed_out=1$/);
    assert.match(await page.textContent('main'), /You have signed out/);
  } finally {
    await browser.close();
  }
});
