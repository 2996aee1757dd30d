// search_forms.test.mjs: every list's search form looks and works the same in Chromium: the same field,
// button and Clear link styles on the Customers list, the partner lists, User management, a customer's
// users, the public provider list and the vendor's provider list; Clear after a search leads back to the
// whole list. Screenshots: tests/out/search-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO, sql } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

// What a partner sees of a search form: the button's and the field's look, and the Clear link's.
const looks = (page) => page.$eval('form[role="search"]', (form) => {
  const style = (e) => { const c = getComputedStyle(e); return [c.fontSize, c.paddingTop, c.borderTopWidth, c.borderRadius, c.color, c.backgroundColor].join(' '); };
  const clear = form.querySelector('.clear-search');
  return { form: form.className, button: style(form.querySelector('button')), field: style(form.querySelector('input[type="search"]')),
    clear: clear && { style: getComputedStyle(clear).color, text: clear.textContent.trim(), href: clear.getAttribute('href') } };
});

const customerOf = () => sql(`SELECT r.customer_org_id FROM customer_relationships r JOIN organizations p ON p.id = r.partner_org_id
  WHERE p.name = '${DEMO.provider.org}' AND r.ended_at IS NULL ORDER BY r.customer_org_id LIMIT 1`);

const LISTS = [
  { who: DEMO.provider, path: '/customers', q: 'a' },
  { who: DEMO.provider, path: '/resellers', q: 'a' },
  { who: DEMO.provider, path: '/account/users', q: 'a' },
  { who: DEMO.provider, path: () => `/customers/users?customer=${customerOf()}`, q: 'a' },
  { who: DEMO.reseller, path: '/indirect-providers', q: 'a' },
  { who: DEMO.vendor, path: '/admin/providers', q: 'a' },
  { who: null, path: '/providers', q: 'a' },
];

test('every list has one search form style, and its Clear link leads back to the whole list', async () => {
  const browser = await launch();
  const seen = [];
  try {
    for (const list of LISTS) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      if (list.who) await signIn(page, list.who);
      const path = typeof list.path === 'function' ? list.path() : list.path;
      const base = path.replace(/\?.*$/, '');
      await page.goto(BASE + path);
      await page.fill('form[role="search"] input[type="search"]', list.q);
      await Promise.all([page.waitForNavigation(), page.click('form[role="search"] button')]);
      const param = await page.getAttribute('form[role="search"] input[type="search"]', 'name');
      const look = await looks(page);
      await page.screenshot({ path: `${OUT}search-${base.replace(/^\//, '').replace(/\//g, '-')}.png` });
      assert.match(look.form, /\blist-search\b/, `${path}: the one search form`);
      assert.ok(look.clear, `${path}: a Clear link after a search`);
      assert.equal(look.clear.text, 'Clear', `${path}: the Clear link's words`);
      seen.push({ path, ...look });
      await Promise.all([page.waitForNavigation(), page.click('form[role="search"] .clear-search')]);
      assert.equal(await page.inputValue('form[role="search"] input[type="search"]'), '', `${path}: Clear empties the search`);
      assert.equal(new URL(page.url()).searchParams.get(param), null, `${path}: Clear leads to the whole list`);
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  for (const s of seen.slice(1)) {
    assert.equal(s.button, seen[0].button, `${s.path}: the same Search button as ${seen[0].path}`);
    assert.equal(s.field, seen[0].field, `${s.path}: the same search field as ${seen[0].path}`);
    assert.equal(s.clear.style, seen[0].clear.style, `${s.path}: the same Clear link as ${seen[0].path}`);
  }
});
