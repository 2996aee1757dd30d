// api_tokens.test.mjs: in headless Chromium, Account settings > API tokens: a reseller's admin agent makes a
// token, copies it (shown once: gone after a reload), sees it work on /v1/me, revokes it and sees it refused;
// screenshots at 375 and 1280 px in tests/out/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE } from '../lib/client.mjs';
import { arrangeOrg } from '../lib/arrange.mjs';
import { launch, OUT } from '../lib/browser.mjs';
import { Api } from '../lib/api.mjs';

const TOKEN_RE = /cct_[A-Za-z0-9_-]{43}/g;

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

for (const width of [375, 1280]) {
  test(`at ${width} px a token is made, copied, shown once and revoked`, async () => {
    const org = arrangeOrg('reseller', 'Browser Tokens');
    const browser = await launch();
    try {
      const context = await browser.newContext({ viewport: { width, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      await signIn(page, org.admin);
      if (width >= 1280) {
        await page.click('nav >> text=Account settings');
        await page.click('nav >> text=API tokens');
      } else {
        await page.goto(BASE + '/account/tokens');
      }
      assert.equal(new URL(page.url()).pathname, '/account/tokens');
      await page.fill('#token-name', 'Nightly export');
      await page.check('#scope-orders');
      await page.selectOption('#expires_days', '30');
      await page.screenshot({ path: `${OUT}api-tokens-form-${width}.png`, fullPage: true });
      await page.click('#create-token');
      const text = (await page.textContent('#token-text')).trim();
      assert.match(text, /^cct_[A-Za-z0-9_-]{43}$/);
      assert.equal((await page.content()).match(TOKEN_RE).length, 1);
      assert.match(await page.textContent('#copy-warning'), /Copy your new API token now/);
      await page.click('#copy-token');
      await page.waitForSelector('#token-copy-status:has-text("Copied")');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
      await page.screenshot({ path: `${OUT}api-tokens-new-${width}.png`, fullPage: true });
      const api = new Api(text);
      assert.equal((await api.get('/v1/me', { check: false })).status, 200);

      await page.goto(BASE + '/account/tokens');
      assert.doesNotMatch(await page.content(), TOKEN_RE, 'not shown again');
      const row = page.locator('#tokens tbody tr', { hasText: 'Nightly export' });
      assert.match(await row.textContent(), /read, orders[\s\S]*Active/);
      await row.locator('button.revoke-token').click();
      assert.match(await page.textContent('#revoked-notice'), /Nightly export has been revoked/);
      assert.match(await row.textContent(), /Revoked/);
      await page.screenshot({ path: `${OUT}api-tokens-revoked-${width}.png`, fullPage: true });
      assert.equal((await api.get('/v1/me', { check: false })).status, 401);
    } finally {
      await browser.close();
    }
  });
}
