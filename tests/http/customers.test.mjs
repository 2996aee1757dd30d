// customers.test.mjs: HTTP tests of the Customers list: a provider sees the customers it is a partner of record
// of with their resellers of record, filters by reseller, searches and pages; a reseller sees only its own
// customers; a customer record expands to its subscriptions. Every test arranges fresh organizations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { statementsFor } from '../lib/statements.mjs';
import { HASH, PASSWORD, arrangeOrg, endRelationship, freshTag, nameWordsSql, partner, relate, signedIn } from '../lib/arrange.mjs';

const subscribe = (customer, sku, licenses, provider, reseller) => sql(`INSERT INTO subscriptions
  (customer_org_id, offer_id, licenses, provider_org_id, reseller_of_record_org_id, support_contact_org_id, created_at, updated_at)
  SELECT ${customer.id}, id, ${licenses}, ${provider.id}, ${reseller ? reseller.id : 'NULL'}, ${provider.id}, UTC_TIMESTAMP(), UTC_TIMESTAMP()
  FROM offers WHERE sku = '${sku}'; SELECT LAST_INSERT_ID();`);

const record = (text, customer) => (text.match(new RegExp(`<details class="customer" id="customer-${customer.id}">([\\s\\S]*?)</details>`)) || [])[1];
const listed = (text) => [...text.matchAll(/<details class="customer" id="customer-(\d+)">/g)].map((m) => m[1]);
const count = (text) => Number(text.match(/id="customer-count">Customers: (\d+)</)[1]);
// The pager link REL ("first", "prev", "next", "last") as a path, or null.
const link = (text, rel) => ((text.match(new RegExp(`<a rel="${rel}" href="([^"]+)"`)) || [])[1] || '').replace(/&amp;/g, '&') || null;

// A provider with two partner resellers, a reseller it is not partnered with, and customers:
// 12 shared with one of its resellers, one with the provider alone, one of the other reseller alone.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Cust Provider');
  const r1 = arrangeOrg('reseller', 'Cust Reseller One');
  const r2 = arrangeOrg('reseller', 'Cust Reseller Two');
  const stranger = arrangeOrg('reseller', 'Cust Stranger');
  partner(provider, r1);
  partner(provider, r2);
  const shared = [];
  for (let i = 0; i < 12; i++) {
    const c = arrangeOrg('customer', `Cust Company ${String(i).padStart(2, '0')}`);
    relate(c, provider, i % 2 ? r2 : r1);
    shared.push(c);
  }
  const providerOnly = arrangeOrg('customer', 'Cust Direct');
  relate(providerOnly, provider);
  const strangers = arrangeOrg('customer', 'Cust Elsewhere');
  relate(strangers, stranger);
  relate(shared[0], stranger);  // a third partner of record the provider is not partnered with
  return { provider, r1, r2, stranger, shared, providerOnly, strangers };
}

test('a provider sees its customers with their resellers of record, pages of 10, and may add subscriptions', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const p1 = await c.get('/customers');
  assert.equal(p1.status, 200);
  assert.match(p1.text, /<h1>Customers<\/h1>/);
  assert.equal(count(p1.text), 13);
  assert.equal(listed(p1.text).length, 10);
  const p2 = await c.get(link(p1.text, 'next'));
  assert.equal(listed(p2.text).length, 3);
  assert.match(p2.text, /rel="prev"/);
  const all = [...listed(p1.text), ...listed(p2.text)];
  assert.deepEqual(new Set(all), new Set([...w.shared, w.providerOnly].map((x) => x.id)));
  assert.ok(!all.includes(w.strangers.id), "another reseller's customer is not listed");

  const first = record(p1.text, w.shared[0]);
  assert.match(first, new RegExp(`Resellers of record: <span class="customer-partner">${w.r1.name}</span></span>`));
  assert.ok(!first.includes(w.stranger.name), 'a partner of record the provider is not partnered with is not named');
  assert.match(record(p1.text, w.shared[1]), new RegExp(w.r2.name));
  // the record's actions name their customer (issue 13: a screen reader hears which row)
  assert.match(first, new RegExp(`<a class="button add-subscription" href="/subscriptions/new\\?customer=${w.shared[0].id}" aria-label="Add subscription for ${w.shared[0].name}">Add subscription</a>`));
  assert.match(first, /No subscriptions yet/);
  assert.match(p2.text, new RegExp(`id="customer-${w.providerOnly.id}">[\\s\\S]*?Resellers of record: <span class="hint">none</span>`));

  // the filter lists the provider's partner resellers only
  assert.match(p1.text, new RegExp(`<option value="${w.r1.id}">${w.r1.name}</option>`));
  assert.match(p1.text, new RegExp(`<option value="${w.r2.id}">${w.r2.name}</option>`));
  assert.ok(!p1.text.includes(`<option value="${w.stranger.id}"`));

  // a sales agent may add subscriptions; a helpdesk agent sees the list without the link
  const sales = await signedIn(w.provider.sales);
  assert.match((await sales.get('/customers')).text, /class="button add-subscription"/);
  const helpdesk = await signedIn(w.provider.helpdesk);
  const ro = await helpdesk.get('/customers');
  assert.equal(ro.status, 200);
  assert.equal(count(ro.text), 13);
  assert.doesNotMatch(ro.text, /add-subscription/);
});

test('the provider filters by reseller and searches by company name', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.provider.admin);
  const r1 = await c.get(`/customers?reseller=${w.r1.id}`);
  assert.equal(r1.status, 200);
  assert.equal(count(r1.text), 6);
  assert.deepEqual(new Set(listed(r1.text)), new Set(w.shared.filter((_, i) => i % 2 === 0).map((x) => x.id)));
  assert.match(r1.text, new RegExp(`<option value="${w.r1.id}" selected>`));
  assert.equal(count((await c.get(`/customers?reseller=${w.r2.id}`)).text), 6);

  // a reseller the provider is not partnered with, an unknown one
  assert.equal((await c.get(`/customers?reseller=${w.stranger.id}`)).status, 404);
  assert.equal((await c.get('/customers?reseller=999999999')).status, 404);
  assert.equal((await c.get('/customers?reseller=abc')).status, 404);

  // search by a part of the name, combined with the filter, wildcards taken literally
  const one = await c.get(`/customers?q=${encodeURIComponent(w.shared[3].tag)}`);
  assert.deepEqual(listed(one.text), [w.shared[3].id]);
  assert.match(one.text, /id="clear-search" href="\/customers"/);
  assert.equal(count((await c.get(`/customers?q=${w.shared[3].tag}&reseller=${w.r1.id}`)).text), 0);
  const company = await c.get('/customers?q=Cust+Company+0');
  assert.equal(count(company.text), 10);
  assert.equal(count((await c.get('/customers?q=%25')).text), 0);
  const none = await c.get('/customers?q=no+such+company+zz');
  assert.match(none.text, /id="no-matches"/);
  // paging keeps the search and the filter
  const paged = await c.get(`/customers?q=Cust&reseller=${w.r1.id}`);
  assert.equal(count(paged.text), 6);
  assert.doesNotMatch(paged.text, /rel="next"/);
  const search = await c.get('/customers?q=Cust+Company');
  const next = link(search.text, 'next');
  assert.match(next, /^\/customers\?q=Cust(%20|\+)Company&reseller=&after=\d+%3A/);
  const both = await c.get(next);
  assert.equal(listed(both.text).length, 2);
  assert.match(link(both.text, 'first'), /^\/customers\?q=Cust(%20|\+)Company&reseller=$/);
  const filtered = await c.get(`/customers?reseller=${w.r2.id}&last=1`);
  assert.equal(link(filtered.text, 'prev'), null, 'six fit on one page: no pager');
  assert.equal(listed(filtered.text).length, 6);
});

test('a reseller sees only the customers it has a relationship with, never another reseller\'s', async () => {
  const w = arrangeWorld();
  const c = await signedIn(w.r1.admin);
  const page = await c.get('/customers');
  assert.equal(page.status, 200);
  const ids = listed(page.text);
  assert.deepEqual(new Set(ids), new Set(w.shared.filter((_, i) => i % 2 === 0).map((x) => x.id)));
  assert.ok(!ids.includes(w.providerOnly.id), 'a customer of the provider alone is not shown');
  assert.ok(!ids.includes(w.shared[1].id), "the other reseller's customer is not shown");
  assert.doesNotMatch(page.text, /id="customer-reseller"/, 'no reseller filter for a reseller');
  assert.doesNotMatch(page.text, /add-subscription/);
  assert.match(record(page.text, w.shared[0]), new RegExp(`Indirect providers: <span class="customer-partner">${w.provider.name}</span>`));

  const s = await signedIn(w.stranger.admin);
  assert.deepEqual(new Set(listed((await s.get('/customers')).text)), new Set([w.shared[0].id, w.strangers.id]));
  assert.doesNotMatch(record((await s.get('/customers')).text, w.shared[0]), new RegExp(w.provider.name),
    'a provider the reseller is not partnered with is not named');

  // a relationship that ends takes the customer off the list at once
  endRelationship(w.shared[2], w.r1);
  assert.ok(!listed((await c.get('/customers')).text).includes(w.shared[2].id));

  // providers and resellers only
  const customer = await signedIn(DEMO.customer);
  assert.equal((await customer.get('/customers')).status, 403);
  assert.equal((await new Client().get('/customers')).status, 303);
});

test('expanding a customer shows its subscriptions with the reseller of record and a link to each', async () => {
  const w = arrangeWorld();
  const sub1 = subscribe(w.shared[0], 'CP-STD', 25, w.provider, w.r1);
  const sub2 = subscribe(w.shared[0], 'EM-ARCH', 7, w.provider, null);
  for (const who of [w.provider.admin, w.r1.admin]) {
    const c = await signedIn(who);
    const rec = record((await c.get(`/customers?q=${w.shared[0].tag}`)).text, w.shared[0]);
    const row1 = rec.match(new RegExp(`<tr id="subscription-${sub1}">([\\s\\S]*?)</tr>`))[1];
    assert.match(row1, new RegExp(`<a href="/subscriptions/view\\?id=${sub1}">Cloud Productivity Standard</a> <span class="hint">CP-STD</span>`));
    assert.match(row1, /class="sub-licenses">25</);
    assert.match(row1, /class="sub-status">Active</);
    assert.match(row1, new RegExp(`class="sub-reseller">${w.r1.name}<`));
    const row2 = rec.match(new RegExp(`<tr id="subscription-${sub2}">([\\s\\S]*?)</tr>`))[1];
    assert.match(row2, /class="sub-licenses">7</);
    assert.match(row2, /class="sub-reseller"><span class="hint">none<\/span>/);
  }
  // names are escaped
  const odd = arrangeOrg('customer', `Cust <b>"Odd"</b> & Co`);
  relate(odd, w.provider);
  const c = await signedIn(w.provider.admin);
  const text = (await c.get(`/customers?q=${odd.tag}`)).text;
  assert.match(text, /Cust &lt;b&gt;&quot;Odd&quot;&lt;\/b&gt; &amp; Co/);
  assert.ok(!text.includes('<b>"Odd"'));
});

// A provider with N customers named "LABEL NN TAG" (a fresh word TAG), each related to the provider alone.
function arrangeMany(label, n) {
  const provider = arrangeOrg('provider', `${label} Provider`);
  const customers = [];
  for (let i = 0; i < n; i++) {
    const c = arrangeOrg('customer', `${label} ${String(i).padStart(2, '0')} ${provider.tag}`);
    relate(c, provider);
    customers.push(c);
  }
  return { provider, customers };
}

test('keyset pages walk 27 customers in name order with First, Previous, Next and Last, no duplicates or gaps', async () => {
  const { provider, customers } = arrangeMany('Pager', 27);
  const ids = customers.map((x) => x.id);
  const c = await signedIn(provider.admin);
  const first = await c.get('/customers');
  assert.equal(count(first.text), 27);
  assert.deepEqual(listed(first.text), ids.slice(0, 10));
  assert.equal(link(first.text, 'prev'), null, 'no way back from the first page');
  assert.equal(link(first.text, 'first'), null);
  assert.doesNotMatch(first.text, /[?&]page=/, 'no OFFSET paging left');

  // forward to the end, then back to the start
  const forward = [first];
  for (let at = first; link(at.text, 'next');) forward.push(at = await c.get(link(at.text, 'next')));
  assert.deepEqual(forward.map((p) => listed(p.text).length), [10, 10, 7]);
  assert.deepEqual(forward.flatMap((p) => listed(p.text)), ids);
  const last = await c.get(link(first.text, 'last'));
  assert.deepEqual(listed(last.text), ids.slice(17), 'the last page is the last 10');
  assert.equal(link(last.text, 'next'), null);
  const back = [last];
  for (let at = last; link(at.text, 'prev');) back.unshift(at = await c.get(link(at.text, 'prev')));
  assert.deepEqual(back.map((p) => listed(p.text).length), [7, 10, 10], 'read backwards, the first page is the short one');
  assert.deepEqual(back.flatMap((p) => listed(p.text)), ids);
  assert.equal(link(back[0].text, 'prev'), null);
  assert.equal(link(forward[1].text, 'first'), '/customers?q=&reseller=');

  // a cursor is a stable URL: the page after customer 12, whatever was listed before
  const deep = await c.get(`/customers?after=${customers[12].id}:${encodeURIComponent(customers[12].name)}`);
  assert.deepEqual(listed(deep.text), ids.slice(13, 23));
  const before = await c.get(`/customers?before=${customers[12].id}:${encodeURIComponent(customers[12].name)}`);
  assert.deepEqual(listed(before.text), ids.slice(2, 12));
  const garbage = await c.get('/customers?after=zz&before=:x');
  assert.deepEqual(listed(garbage.text), ids.slice(0, 10), 'a malformed cursor means the first page');
});

test('the total stays exact as a relationship starts, ends and starts again through the product', async () => {
  const reseller = arrangeOrg('reseller', 'Count Reseller');
  const tag = freshTag();
  const domain = `t${tag}.onmicrosoft.com`;
  sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Count Customer ${tag}', 'DE');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
    VALUES (LAST_INSERT_ID(), 'gina@${domain}', 'Gina ${tag}', '${HASH}', 'global_admin')`);
  const gina = { upn: `gina@${domain}`, password: PASSWORD };
  for (let i = 0; i < 3; i++) relate(arrangeOrg('customer', 'Count Other'), reseller);
  const r = await signedIn(reseller.admin);
  const total = async () => count((await r.get('/customers')).text);
  const live = () => Number(sql(`SELECT COUNT(*) FROM customer_relationships WHERE partner_org_id = ${reseller.id} AND ended_at IS NULL`));
  const invite = async () => {
    const page = await r.post('/customers/request-relationship');
    const token = page.text.match(/id="draft-link" type="text" value="[^"]*token=([0-9a-f]{64})"/)[1];
    const c = await signedIn(gina);
    assert.equal((await c.post('/relationship/authorize', { token })).status, 303);
    return c;
  };
  assert.equal(await total(), 3);
  const c = await invite();
  assert.equal(await total(), 4, 'started');
  const org = sql(`SELECT id FROM organizations WHERE tenant_id = (SELECT id FROM tenants WHERE domain = '${domain}') AND kind = 'customer'`);
  assert.equal(sql(`SELECT customer_name FROM customer_relationships WHERE customer_org_id = ${org}`), `Count Customer ${tag}`,
    "the customer's name is copied onto the relationship");
  assert.equal((await c.post('/my/partners/end', { id: reseller.id })).status, 303);
  assert.equal(await total(), 3, 'ended');
  assert.equal((await c.post('/my/partners/end', { id: reseller.id })).status, 404);
  assert.equal(await total(), 3, 'ending twice counts once');
  await invite();
  assert.equal(await total(), 4, 'started again');
  assert.equal(await total(), live());
});

test('search finds customers by word prefix, whatever the case and accents, combined with paging and the filter', async () => {
  const provider = arrangeOrg('provider', 'Search Provider');
  const r1 = arrangeOrg('reseller', 'Search Reseller');
  partner(provider, r1);
  const cafe = arrangeOrg('customer', `Fabrikam Café ${provider.tag}`);
  const other = arrangeOrg('customer', `Prefabrikam Works ${provider.tag}`);
  const plain = arrangeOrg('customer', `Fabrikam Cafe ${provider.tag} Two`);
  relate(cafe, provider, r1);
  relate(other, provider);
  relate(plain, provider);
  const c = await signedIn(provider.admin);
  const find = async (q) => listed((await c.get(`/customers?q=${encodeURIComponent(q)}`)).text);
  const both = [cafe.id, plain.id].sort();
  assert.deepEqual((await find(`fabrikam ${provider.tag}`)).sort(), both, 'the word, not a part of another word');
  assert.deepEqual((await find(`FÁBRI ${provider.tag}`)).sort(), both, 'a prefix, accents and case ignored');
  assert.deepEqual((await find(`fábri café ${provider.tag}`)).sort(), both, 'café and cafe are the same word');
  assert.deepEqual(await find(`+fabri* -two ${provider.tag} "two"`), [plain.id], 'operators are words separators, not operators');
  assert.deepEqual(await find(`abrikam ${provider.tag}`), [], 'no match inside a word');
  assert.deepEqual(listed((await c.get(`/customers?q=fabrikam+${provider.tag}&reseller=${r1.id}`)).text), [cafe.id]);
  const none = await c.get(`/customers?q=${provider.tag}+nothing`);
  assert.match(none.text, /id="no-matches" class="hint">No customer matches your search/);
  assert.match(none.text, /id="clear-search" href="\/customers">Clear</);
  const r = await signedIn(r1.admin);
  assert.deepEqual(listed((await r.get(`/customers?q=fabri+${provider.tag}`)).text), [cafe.id], "a reseller searches its own customers");
});

test('a page of customers with their partners and subscriptions runs as many statements as a page of one', async () => {
  const w = arrangeWorld();
  for (const x of w.shared.slice(0, 10)) {
    subscribe(x, 'CP-STD', 3, w.provider, w.r1);
    subscribe(x, 'EM-ARCH', 2, w.provider, null);
  }
  const c = await signedIn(w.provider.admin);
  const full = await c.get('/customers');
  assert.equal(listed(full.text).length, 10);
  assert.equal((full.text.match(/<tr id="subscription-/g) || []).length, 20);
  const page = await statementsFor(c, '/customers');
  const one = await statementsFor(c, `/customers?q=${w.providerOnly.tag}`);
  assert.equal(page, one, 'the statements do not grow with the rows');
  const signedInPage = await statementsFor(c, '/account/password');
  // the reseller select, the count, the page, its partners and its subscriptions
  assert.ok(page - signedInPage <= 5, `${page - signedInPage} statements for the list`);
  assert.equal(await statementsFor(c, `/customers?reseller=${w.r1.id}&after=${w.shared[0].id}:${encodeURIComponent(w.shared[0].name)}`), page + 1,
    'the filter adds one: the check that the reseller is a partner');
});

test('a customer row shows its first five subscriptions and links to the rest', async () => {
  const w = arrangeWorld();
  const subs = [];
  for (let i = 0; i < 7; i++) subs.push(subscribe(w.shared[4], 'CP-STD', i + 1, w.provider, null));
  subscribe(w.shared[5], 'CP-STD', 1, w.provider, null);
  const c = await signedIn(w.provider.admin);
  const text = (await c.get(`/customers?q=${w.shared[4].tag}`)).text;
  const rec = record(text, w.shared[4]);
  assert.deepEqual([...rec.matchAll(/<tr id="subscription-(\d+)">/g)].map((m) => m[1]), subs.slice(0, 5), 'the oldest five');
  assert.match(rec, new RegExp(`And more: <a href="/customers/subscriptions\\?customer=${w.shared[4].id}">all its subscriptions</a>`));
  assert.doesNotMatch(record((await c.get(`/customers?q=${w.shared[5].tag}`)).text, w.shared[5]), /And more/);
});

// COUNT customers named "LABEL n TAG" related to each of PARTNERS, written set-based (as arrange.mjs relate()
// would one by one); the tag.
function arrangeBulkCustomers(label, count, ...partners) {
  const tag = freshTag();
  sql(`INSERT INTO tenants (domain, display_name, country)
      SELECT CONCAT('b', seq, '${tag}.onmicrosoft.com'), 'bulk', 'US' FROM seq_1_to_${count};
    INSERT INTO organizations (kind, name, tenant_id, country)
      SELECT 'customer', CONCAT('${label} ', SUBSTRING_INDEX(domain, '${tag}', 1), ' ${tag}'), id, 'US'
      FROM tenants WHERE domain LIKE '%${tag}.onmicrosoft.com';
    ${partners.map((p) => `INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at)
      SELECT id, ${p.id}, name, UTC_TIMESTAMP() FROM organizations WHERE name LIKE '% ${tag}';
    INSERT INTO partner_customer_counts (partner_org_id, live_customers) VALUES (${p.id}, ${count})
      ON DUPLICATE KEY UPDATE live_customers = live_customers + ${count};
    ${nameWordsSql(p, `name LIKE '% ${tag}'`)};`).join('\n')}`);
  return tag;
}

test('totals are exact unfiltered and capped at 100 for a search or a reseller filter', async () => {
  const provider = arrangeOrg('provider', 'Big Provider');
  const reseller = arrangeOrg('reseller', 'Big Reseller');
  partner(provider, reseller);
  const tag = arrangeBulkCustomers('Bulk', 1002, provider, reseller);
  const c = await signedIn(provider.admin);
  const all = await c.get('/customers');
  assert.equal(count(all.text), 1002, 'exact, from the partner total');
  assert.equal(listed(all.text).length, 10);
  for (const path of [`/customers?q=bulk+${tag}`, `/customers?reseller=${reseller.id}`]) {
    const page = await c.get(path);
    assert.match(page.text, /id="customer-count">More than 100 customers match</, path);
    assert.equal(listed(page.text).length, 10);
  }
  assert.equal(count((await c.get(`/customers?q=${tag}+b1000`)).text), 1, 'a narrower search is counted exactly');
  const last = await c.get(`/customers?q=bulk+${tag}&last=1`);
  assert.equal(listed(last.text).length, 10);
  assert.match(last.text, /rel="first"/);
});

test('with more than 100 partner resellers the filter is no select but still works from a link', async () => {
  const provider = arrangeOrg('provider', 'Wide Provider');
  const tag = freshTag();
  sql(`INSERT INTO tenants (domain, display_name, country)
      SELECT CONCAT('r', seq, '${tag}.onmicrosoft.com'), 'bulk', 'US' FROM seq_1_to_101;
    INSERT INTO organizations (kind, name, tenant_id, country)
      SELECT 'reseller', CONCAT('Wide Reseller ', id, ' ${tag}'), id, 'US' FROM tenants WHERE domain LIKE '%${tag}.onmicrosoft.com';
    INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at)
      SELECT ${provider.id}, id, UTC_TIMESTAMP() FROM organizations WHERE name LIKE '% ${tag}'`);
  const reseller = { id: sql(`SELECT MIN(id) FROM organizations WHERE name LIKE '% ${tag}'`) };
  reseller.name = sql(`SELECT name FROM organizations WHERE id = ${reseller.id}`);
  const mine = arrangeOrg('customer', 'Wide Customer');
  const theirs = arrangeOrg('customer', 'Wide Other');
  relate(mine, provider, reseller);
  relate(theirs, provider);
  const c = await signedIn(provider.admin);
  const all = await c.get('/customers');
  assert.doesNotMatch(all.text, /id="customer-reseller"/, 'no select of 101 resellers');
  assert.match(all.text, /id="reseller-filter-hint"/);
  const one = await c.get(`/customers?reseller=${reseller.id}`);
  assert.deepEqual(listed(one.text), [mine.id]);
  assert.match(one.text, new RegExp(`id="reseller-filtered">Filtered by reseller ${reseller.name} &middot; <a id="clear-reseller" href="/customers\\?q=">Clear</a>`));
  assert.match(one.text, new RegExp(`<input type="hidden" name="reseller" value="${reseller.id}">`), 'a search keeps the filter');
  assert.deepEqual(listed((await c.get(`/customers?reseller=${reseller.id}&q=wide+${mine.tag}`)).text), [mine.id]);
});
