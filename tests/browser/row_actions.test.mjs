// row_actions.test.mjs: in headless Chromium, each row's actions say which row they act on: on every list
// with row buttons (Customers' records, the partner lists, User management, a customer's users, the vendor's
// lists, Invitations sent, My partners), no two action controls of one list share an accessible name, so a
// screen reader user hears "Reset password for Kim Lee", not five times "Reset password".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO, sql } from '../lib/client.mjs';
import { launch } from '../lib/browser.mjs';
import { arrangeOrg, partner, relate } from '../lib/arrange.mjs';

async function signIn(page, who) {
  await page.goto(BASE + '/signin');
  await page.fill('#upn', who.upn);
  await page.fill('#password', who.password);
  await page.click('main button:has-text("Sign in")');
}

const customerOf = () => sql(`SELECT r.customer_org_id FROM customer_relationships r JOIN organizations p ON p.id = r.partner_org_id
  WHERE p.name = '${DEMO.provider.org}' AND r.ended_at IS NULL ORDER BY r.customer_org_id LIMIT 1`);

// A provider with three customers and two resellers, a reseller with two providers: lists of more than one row.
const provider = arrangeOrg('provider', 'Rows Provider'), other = arrangeOrg('provider', 'Rows Other');
const r1 = arrangeOrg('reseller', 'Rows Reseller One'), r2 = arrangeOrg('reseller', 'Rows Reseller Two');
partner(provider, r1);
partner(provider, r2);
partner(other, r1);
for (const label of ['Rows Customer A', 'Rows Customer B', 'Rows Customer C']) relate(arrangeOrg('customer', label), provider, r1);

const LISTS = [
  { who: provider.admin, path: '/customers', rows: 'details.customer' },
  { who: provider.admin, path: '/resellers', rows: 'table tbody tr' },
  { who: provider.admin, path: '/account/users', rows: 'table tbody tr' },
  { who: r1.admin, path: '/indirect-providers', rows: 'table tbody tr' },
  { who: DEMO.provider, path: '/account/users', rows: 'table tbody tr' },
  { who: DEMO.provider, path: () => `/customers/users?customer=${customerOf()}`, rows: 'table tbody tr' },
  { who: DEMO.reseller, path: '/indirect-providers', rows: 'table tbody tr' },
  { who: DEMO.reseller, path: '/customers/invitations', rows: 'table tbody tr' },
  { who: DEMO.vendor, path: '/admin/providers', rows: 'table tbody tr' },
  { who: DEMO.vendor, path: '/admin/offers', rows: 'table tbody tr' },
  { who: DEMO.vendor, path: '/admin/mail', rows: 'table tbody tr' },
  { who: DEMO.customer, path: '/my/partners', rows: 'table tbody tr' },
];

// The accessible name of each action control (a button, or a link styled as one) in each row: its
// aria-label, else its text. Links that are the row's own name (a plain link in a cell) are not actions.
const actionNames = (page, rows) => page.$$eval(rows, (list) => list.flatMap((row) =>
  [...row.querySelectorAll('button, a.button, a.danger-link, .customer-actions a')]
    .filter((e) => !e.closest('summary'))
    .map((e) => (e.getAttribute('aria-label') || e.textContent).replace(/\s+/g, ' ').trim())));

test('each row\'s actions name their row: no two actions of a list sound the same', async () => {
  const browser = await launch();
  try {
    let checked = 0;
    for (const list of LISTS) {
      const page = await (await browser.newContext()).newPage();
      if (list.who) await signIn(page, list.who);
      const path = typeof list.path === 'function' ? list.path() : list.path;
      const res = await page.goto(BASE + path);
      assert.equal(res.status(), 200, path);
      const names = await actionNames(page, list.rows);
      const twice = names.filter((n, i) => names.indexOf(n) !== i);
      assert.deepEqual([...new Set(twice)], [], `${path}: actions that do not say which row: ${[...new Set(twice)].join('; ')}`);
      checked += names.length;
      await page.context().close();
    }
    assert.ok(checked >= 30, `${checked} row actions checked`);
  } finally {
    await browser.close();
  }
});
