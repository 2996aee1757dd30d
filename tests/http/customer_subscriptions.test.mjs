// customer_subscriptions.test.mjs: HTTP tests of issue 13's customer pages: a customer's Subscriptions page (what
// each row says, reached from the expanded record, paged by id at a constant number of statements, the same 404
// for someone else's customer as for a missing one), the subscription page's headed forms, and the order page
// after Submit ("Order N placed", the new monthly total next to the change, the links back).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeSubscription, endRelationship, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';
import { statementsFor } from '../lib/statements.mjs';

const offer = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const subsPage = (customer) => `/customers/subscriptions?customer=${customer.id}`;
const rowsOf = (html) => [...html.matchAll(/<tr id="subscription-(\d+)">/g)].map((m) => m[1]);
const row = (html, id) => (html.match(new RegExp(`<tr id="subscription-${id}">([\\s\\S]*?)</tr>`)) || [])[1];
const cell = (rowHtml, cls) => (rowHtml.match(new RegExp(`class="${cls}">([\\s\\S]*?)</td>`)) || [])[1];
const formOf = (text) => ({ order_key: text.match(/name="order_key" value="([0-9a-f]{64})"/)[1] });
const orderId = (res) => { assert.equal(res.status, 303, res.text.slice(0, 1500)); return res.location.match(/^\/orders\/view\?id=(\d+)$/)[1]; };

// A provider and its partner reseller (with an MPN ID) share a customer with two subscriptions: the first with the
// reseller as reseller of record and support contact, the second with neither; an outsider provider and reseller.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Csub Provider');
  const reseller = arrangeOrg('reseller', 'Csub Reseller', `6${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20));
  const outsider = arrangeOrg('provider', 'Csub Outsider');
  const outsiderReseller = arrangeOrg('reseller', 'Csub Outsider Reseller');
  const customer = arrangeOrg('customer', 'Csub Customer');
  const empty = arrangeOrg('customer', 'Csub Empty');
  partner(provider, reseller);
  partner(outsider, outsiderReseller);
  relate(customer, provider, reseller);
  relate(empty, provider);
  const std = arrangeSubscription(customer, provider, { reseller, licenses: 10, sku: 'CP-STD' });
  sql(`UPDATE subscriptions SET support_contact_org_id = ${reseller.id} WHERE id = ${std}`);
  const mail = arrangeSubscription(customer, provider, { licenses: 4, sku: 'EM-P1' });
  sql(`UPDATE subscriptions SET status = 'suspended', support_contact_org_id = NULL WHERE id = ${mail}`);
  return { provider, reseller, outsider, outsiderReseller, customer, empty, std, mail };
}

test("the Subscriptions page: each subscription's offer, licenses, status, reseller of record and support contact", async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  // reached from the expanded record on the Customers list
  const list = await c.get(`/customers?q=${w.customer.tag}`);
  assert.match(list.text, new RegExp(`<a class="button secondary subscriptions-link" href="/customers/subscriptions\\?customer=${w.customer.id}" aria-label="Subscriptions of ${w.customer.name}">Subscriptions</a>`));
  assert.match(list.text, /<summary>\s*<span class="expand-arrow" aria-hidden="true"><\/span>/, 'the record has its down arrow');

  const page = await c.get(subsPage(w.customer));
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1 id="subscriptions-heading">Subscriptions<\/h1>/);
  assert.match(page.text, new RegExp(`id="customer-name">${w.customer.name}<`));
  assert.match(page.text, /<title>Subscriptions of Csub Customer/);
  assert.deepEqual(rowsOf(page.text), [w.std, w.mail], 'in the order they were added');
  const std = row(page.text, w.std), mail = row(page.text, w.mail);
  assert.equal(cell(std, 'sub-offer'), `<a href="/subscriptions/view?id=${w.std}">Cloud Productivity Standard</a>`);
  assert.equal(cell(std, 'sub-sku'), 'CP-STD');
  assert.equal(cell(std, 'sub-licenses'), '10');
  assert.equal(cell(std, 'sub-status'), 'Active');
  assert.match(cell(std, 'sub-reseller'), new RegExp(`^${w.reseller.name} <span class="hint">\\(\\d+\\)</span>$`), 'with its MPN ID');
  assert.equal(cell(std, 'sub-support'), w.reseller.name);
  assert.equal(cell(mail, 'sub-offer'), `<a href="/subscriptions/view?id=${w.mail}">Business Email Plan 1</a>`);
  assert.equal(cell(mail, 'sub-licenses'), '4');
  assert.equal(cell(mail, 'sub-status'), 'Suspended');
  assert.equal(cell(mail, 'sub-reseller'), '<span class="hint">none</span>');
  assert.equal(cell(mail, 'sub-support'), '<span class="hint">none</span>');
  assert.match(page.text, new RegExp(`<a class="button add-subscription" href="/subscriptions/new\\?customer=${w.customer.id}">Add subscription</a>`));
  assert.match(page.text, new RegExp(`href="/customers/users\\?customer=${w.customer.id}">Users and licenses</a>`));
  assert.doesNotMatch(page.text, /rel="next"|rel="prev"/, 'two rows fit on one page');

  const none = await c.get(subsPage(w.empty));
  assert.equal(none.status, 200);
  assert.match(none.text, /id="no-subscriptions">No subscriptions yet\.</);
  assert.doesNotMatch(none.text, /id="customer-subscriptions"/);

  // the reseller of record sees the same rows, without Add subscription (the provider sells); so does a
  // helpdesk agent of the provider
  const rc = await signedIn(w.reseller.sales);
  const seen = await rc.get(subsPage(w.customer));
  assert.equal(seen.status, 200);
  assert.deepEqual(rowsOf(seen.text), [w.std, w.mail]);
  assert.doesNotMatch(seen.text, /Add subscription/);
  const hd = await signedIn(w.provider.helpdesk);
  const hdPage = await hd.get(subsPage(w.customer));
  assert.equal(hdPage.status, 200);
  assert.doesNotMatch(hdPage.text, /Add subscription/);
});

test("someone else's customer gets the very 404 of a missing one; an ended relationship at once; customers are refused by kind", async () => {
  const w = arrangeWorld();
  for (const who of [w.outsider.admin, w.outsiderReseller.admin]) {
    const c = await signedIn(who);
    const foreign = await c.get(subsPage(w.customer));
    const missing = await c.get('/customers/subscriptions?customer=987654321');
    assert.equal(foreign.status, 404, who.upn);
    assert.equal(missing.status, 404);
    assert.equal(foreign.text, missing.text, 'no existence oracle');
    assert.ok(!foreign.text.includes(w.customer.name));
    assert.equal((await c.get('/customers/subscriptions')).status, 404);
    assert.equal((await c.get('/customers/subscriptions?customer=abc')).status, 404);
  }
  const c = await signedIn(w.provider.admin);
  assert.equal((await c.get(subsPage(w.reseller))).status, 404, 'a reseller is no customer');
  endRelationship(w.customer, w.provider);
  assert.equal((await c.get(subsPage(w.customer))).status, 404, 'the relationship ended');
  assert.equal((await (await signedIn(w.reseller.admin)).get(subsPage(w.customer))).status, 200, 'the reseller keeps its own');
  assert.equal((await (await signedIn(DEMO.customer)).get(subsPage(w.customer))).status, 403);
});

test('paged by id: Next and Previous walk every subscription once, the statements do not grow, the index serves it', async () => {
  const w = arrangeWorld();
  // 43 more, written set-based
  sql(`INSERT INTO subscriptions (customer_org_id, offer_id, licenses, provider_org_id, support_contact_org_id, created_at, updated_at)
    SELECT ${w.customer.id}, ${offer('EM-P1')}, seq, ${w.provider.id}, ${w.provider.id}, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_1_to_43`);
  const expected = sql(`SELECT id FROM subscriptions WHERE customer_org_id = ${w.customer.id} ORDER BY id`).split('\n');
  assert.equal(expected.length, 45);
  const c = await signedIn(w.provider.admin);
  const pages = await assertPaged(c, subsPage(w.customer), rowsOf, expected,
    { pageSize: 20, lastUrl: `${subsPage(w.customer)}&last=1` });
  assert.equal(pages.length, 3);
  assert.match(pages[1].text, /rel="first" href="\/customers\/subscriptions\?customer=\d+">/);
  const stale = await c.get(`${subsPage(w.customer)}&after=${Number(expected.at(-1)) + 1000}:`);
  assert.equal(stale.status, 200);
  assert.deepEqual(rowsOf(stale.text), []);
  assert.match(stale.text, /rel="first"/, 'a cursor past the end offers First');
  assert.doesNotMatch(stale.text, /No subscriptions yet/);

  // a page of 20 runs the statements a page of one does; the walk is along ix_subs_customer, no filesort
  const one = arrangeOrg('customer', 'Csub One');
  relate(one, w.provider);
  arrangeSubscription(one, w.provider);
  assert.equal(await statementsFor(c, `${subsPage(w.customer)}&after=${expected[10]}:`), await statementsFor(c, subsPage(one)));
  // the page's statement (page_customer_subscriptions.c), past the cursor
  const plan = sql(`EXPLAIN SELECT STRAIGHT_JOIN s.id, f.name, f.sku, s.licenses, s.status, COALESCE(ro.name, ''),
    COALESCE(ro.mpn_id, ''), COALESCE(sc.name, '') FROM subscriptions s JOIN offers f ON f.id = s.offer_id
    LEFT JOIN organizations ro ON ro.id = s.reseller_of_record_org_id LEFT JOIN organizations sc ON sc.id = s.support_contact_org_id
    WHERE s.customer_org_id = ${w.customer.id} AND (0 OR s.id > ${expected[10]}) ORDER BY s.id LIMIT 21`).split('\n');
  assert.match(plan[0], /\ts\t.*ix_subs_customer/, `subscriptions first, by the customer's index: ${plan[0]}`);
  assert.doesNotMatch(plan.join('\n'), /filesort|temporary/);
});

test('the subscription page: one heading per form, the Reseller (MPN ID) form with its styled button, read-only for others', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const page = await c.get(`/subscriptions/view?id=${w.std}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Cloud Productivity Standard<\/h1>/);
  assert.match(page.text, /id="sub-offer">Cloud Productivity Standard</);
  assert.match(page.text, new RegExp(`id="customer-subscriptions-link" href="/customers/subscriptions\\?customer=${w.customer.id}">Subscriptions</a>`));
  const headings = [...page.text.matchAll(/<h2 id="([a-z-]+)">([^<]+)<\/h2>/g)].map((m) => [m[1], m[2]]);
  assert.deepEqual(headings, [['reseller-heading', 'Reseller (MPN ID)'], ['licenses-heading', 'Change licenses'],
    ['support-heading', 'Designated support contact'], ['orders-heading', 'Orders']]);
  for (const [action, heading, button] of [['reseller', 'reseller-heading', 'Save reseller'], ['licenses', 'licenses-heading', 'Submit'],
    ['support-contact', 'support-heading', 'Submit']]) {
    const form = page.text.match(new RegExp(`<form method="post" action="/subscriptions/${action}"[^>]*>([\\s\\S]*?)</form>`));
    assert.ok(form, action);
    assert.match(form[0], new RegExp(`aria-labelledby="${heading}"`), `${action}: the form is named by its heading`);
    assert.match(form[1], new RegExp(`<button type="submit" class="primary">${button}</button>`), `${action}: its button`);
  }
  // the reseller of record sees who it is, and who sets it, instead of the form
  const rc = await signedIn(w.reseller.admin);
  const rview = await rc.get(`/subscriptions/view?id=${w.std}`);
  assert.match(rview.text, /<h2 id="reseller-heading">Reseller \(MPN ID\)<\/h2>/);
  assert.match(rview.text, new RegExp(`id="reseller-read-only">${w.reseller.name} <span class="hint">The indirect provider of this subscription sets its reseller of record\\.</span>`));
  assert.doesNotMatch(rview.text, /action="\/subscriptions\/reseller"/);
  const none = await rc.get(`/subscriptions/view?id=${w.mail}`);
  assert.match(none.text, /id="reseller-read-only">None </);
});

test('after Submit: "Order N placed" with the new monthly total beside the change, and links to the customer and the subscription', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.sales);
  // a license change: 10 -> 14 at $12.50
  const view = await c.get(`/subscriptions/view?id=${w.std}`);
  const change = orderId(await c.post('/subscriptions/licenses', { subscription_id: w.std, licenses: '14', ...formOf(view.text) }));
  const page = await c.get(`/orders/view?id=${change}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<title>Order ${change} placed`));
  assert.match(page.text, new RegExp(`<h1>Order ${change} placed</h1>`));
  assert.match(page.text, new RegExp(`id="order-placed">The new monthly total of this subscription of ${w.customer.name} is ` +
    '<strong id="order-placed-total">\\$175\\.00</strong> \\(it was \\$125\\.00\\)\\.</p>'));
  assert.match(page.text, /class="line-licenses">10 &rarr; 14</);
  assert.match(page.text, /class="line-amount">\$50\.00</);
  assert.match(page.text, /class="line-after-amount">\$175\.00</);
  assert.match(page.text, /id="order-total">\$50\.00<\/td><td id="order-new-total">\$175\.00</);
  assert.match(page.text, new RegExp(`id="to-customer-subscriptions" href="/customers/subscriptions\\?customer=${w.customer.id}">Subscriptions of ${w.customer.name}</a>`));
  assert.match(page.text, new RegExp(`<a class="button secondary to-subscription" href="/subscriptions/view\\?id=${w.std}">Open Cloud Productivity Standard</a>`));

  // fewer licenses: the total goes down, the change is negative
  const again = await c.get(`/subscriptions/view?id=${w.std}`);
  const down = orderId(await c.post('/subscriptions/licenses', { subscription_id: w.std, licenses: '2', ...formOf(again.text) }));
  const downPage = (await c.get(`/orders/view?id=${down}`)).text;
  assert.match(downPage, /id="order-placed-total">\$25\.00<\/strong> \(it was \$175\.00\)/);
  assert.match(downPage, /id="order-total">-\$150\.00<\/td><td id="order-new-total">\$25\.00</);

  // new subscriptions: two lines, nothing before
  const form = await c.get(`/subscriptions/new?customer=${w.customer.id}`);
  const placed = orderId(await c.post(`/subscriptions/new?customer=${w.customer.id}`, { ...formOf(form.text),
    [`licenses_${offer('CP-STD')}`]: '12', [`licenses_${offer('CC-100')}`]: '3', reseller_of_record: w.reseller.id }));
  const newPage = (await c.get(`/orders/view?id=${placed}`)).text;
  assert.match(newPage, new RegExp(`<h1>Order ${placed} placed</h1>`));
  assert.match(newPage, new RegExp(`The new monthly total of these 2 subscriptions of ${w.customer.name} is <strong id="order-placed-total">\\$450\\.00</strong>\\.</p>`));
  assert.doesNotMatch(newPage, /it was/);
  const lines = sql(`SELECT l.subscription_id, f.name FROM order_lines l JOIN offers f ON f.id = l.offer_id
    WHERE l.order_id = ${placed} ORDER BY l.subscription_id`).split('\n').map((l) => l.split('\t'));
  assert.equal(lines.length, 2);
  for (const [sub, name] of lines) assert.match(newPage, new RegExp(`href="/subscriptions/view\\?id=${sub}">Open ${name}</a>`));
  const subs = lines.map(([sub]) => sub);
  assert.match(newPage, /id="order-total">\$450\.00<\/td><td id="order-new-total">\$450\.00</);
  // the Subscriptions page the order links to lists them
  assert.deepEqual(rowsOf((await c.get(subsPage(w.customer))).text), [w.std, w.mail, ...subs]);
});
