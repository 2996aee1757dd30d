// viewport.test.mjs: in headless Chromium, the main pages of each kind of user at 375 px (a phone) and at
// 1280 px: no page-level horizontal scroll (wide tables scroll in their own box), a one-line top menu at
// 1280 px, and a skip-to-content link as the first focusable element. Screenshots: tests/out/viewport-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO, sql } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const WIDTHS = [{ width: 375, height: 740 }, { width: 1280, height: 800 }];

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

// One of the demo provider's subscriptions (its page is a provider's main page too).
function demoSubscription() {
  return sql(`SELECT s.id FROM subscriptions s JOIN organizations o ON o.id = s.provider_org_id
    WHERE o.name = '${DEMO.provider.org}' ORDER BY s.id LIMIT 1`);
}

const PAGES = {
  vendor: { who: DEMO.vendor, paths: ['/admin', '/admin/enrollments', '/admin/activity'] },
  provider: { who: DEMO.provider, paths: ['/home', '/customers', '/resellers', () => `/subscriptions/view?id=${demoSubscription()}`] },
  reseller: { who: DEMO.reseller, paths: ['/indirect-providers', '/customers/invitations'] },
  customer: { who: DEMO.customer, paths: ['/my/partners', '/my/subscriptions'] },
  anonymous: { who: null, paths: ['/signin', '/providers', '/enroll/welcome'] },
};

// The top of each top-level item of the header menu, rounded (as account.test.mjs checks it).
const menuTops = (page) => page.$$eval('.mainnav > a, .mainnav > details > summary',
  (items) => items.map((e) => ({ text: e.textContent.trim(), top: Math.round(e.getBoundingClientRect().top) })));

const shotName = (kind, path, width) =>
  `${OUT}viewport-${kind}-${path.replace(/\?.*$/, '').replace(/^\//, '').replace(/\//g, '-') || 'root'}-${width}.png`;

async function checkPage(page, kind, path, width) {
  const response = await page.goto(BASE + path);
  assert.equal(response.status(), 200, `${kind} ${path}`);
  await page.screenshot({ path: shotName(kind, path, width), fullPage: true });
  const { scrollWidth, innerWidth } = await page.evaluate(() =>
    ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${kind} ${path} at ${width} px: no page-level horizontal scroll (${scrollWidth} > ${innerWidth})`);
  if (width === 1280 && kind !== 'anonymous') {
    const tops = await menuTops(page);
    assert.equal(new Set(tops.map((t) => t.top)).size, 1, `${kind} ${path}: one-line menu: ${JSON.stringify(tops)}`);
  }
  const first = await page.evaluate(() => document.querySelector(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])').textContent.trim());
  assert.equal(first, 'Skip to main content', `${kind} ${path}: the skip link is the first focusable element`);
  await page.keyboard.press('Tab'); // a keyboard user (the sign-in page's autofocus is past the skip link)
  await page.focus('.skip-link');
  assert.ok(await page.isVisible('.skip-link'), 'the skip link shows when focused');
  const box = await page.$eval('.skip-link', (e) => e.getBoundingClientRect().top);
  assert.ok(box >= 0, `${kind} ${path}: the focused skip link is on the screen`);
  assert.ok(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'a visible focus ring');
}

for (const [kind, { who, paths }] of Object.entries(PAGES)) {
  test(`${kind}: the main pages fit 375 px and 1280 px without page-level horizontal scroll`, async () => {
    const browser = await launch();
    try {
      for (const viewport of WIDTHS) {
        const page = await (await browser.newContext({ viewport })).newPage();
        if (who) await signIn(page, who);
        for (const p of paths) await checkPage(page, kind, typeof p === 'function' ? p() : p, viewport.width);
        await page.context().close();
      }
    } finally {
      await browser.close();
    }
  });
}
