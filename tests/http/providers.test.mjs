// providers.test.mjs: HTTP tests of the official provider list: the public search (name, country,
// paging), a provider's profile, and the vendor admin keeping the list (add, edit, delist, relist),
// who may reach the admin pages, and escaping. Tests restore what they delist and add providers
// for fresh tenants, so they can run again on the same database and in any order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, htmlDecode, sql } from '../lib/client.mjs';
import { assertPaged } from '../lib/paging.mjs';

let counter = 0;
const tag = () => `${Date.now().toString(36)}${process.pid.toString(36)}${counter++}`;
const PAGE_SIZE = 10;

const orgId = (name) => sql(`SELECT id FROM organizations WHERE kind = 'provider' AND name = '${name.replace(/'/g, "''")}'`);
const FABRIKAM = () => orgId('Fabrikam Distribution');
const listedCount = () => Number(sql(`SELECT COUNT(*) FROM provider_listings l JOIN organizations o ON o.id = l.org_id
  WHERE l.listed = 1 AND o.kind = 'provider'`));
// the provider names on a list page, in order
const names = (html) => [...html.matchAll(/<h2><a href="\/providers\/view\?id=\d+">([^<]*)<\/a><\/h2>/g)].map((m) => m[1]);

async function vendor() {
  const c = new Client();
  await c.signIn(DEMO.vendor);
  return c;
}

// A fresh directory tenant with a global admin (and a plain user), and no partner account.
function arrangeTenant() {
  const t = tag();
  const domain = `pv${t}.onmicrosoft.com`;
  const hash = sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.provider.upn}'`);
  sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Provider Tenant ${t}', 'DE');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      SELECT id, 'gina@${domain}', 'Gina Global ${t}', '${hash}', 'global_admin' FROM tenants WHERE domain = '${domain}';
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      SELECT id, 'uma@${domain}', 'Uma User ${t}', '${hash}', 'user' FROM tenants WHERE domain = '${domain}';`);
  return { tag: t, domain, id: sql(`SELECT id FROM tenants WHERE domain = '${domain}'`),
    admin: { upn: `gina@${domain}`, password: DEMO.provider.password } };
}

// POST a form whose fields may repeat (countries): FIELDS is a list of [name, value] pairs.
function postPairs(c, path, pairs) {
  const body = new URLSearchParams([['csrf_token', c.lastToken], ...pairs]).toString();
  return c.request('POST', path, { body });
}

function listingPairs({ tenant, name, countries = ['DE', 'AT'], services = 'Cloud billing\r\n\r\n  Reseller training  \r\n',
  email = 'partners@example.com', phone = '+49 89 555 0199', website = 'https://provider.example', headline = 'A test provider' }) {
  return [...(tenant ? [['tenant_id', tenant]] : []), ['name', name], ['headline', headline],
    ...countries.map((code) => ['countries', code]), ['services', services], ['contact_email', email],
    ['contact_phone', phone], ['website', website]];
}

// A provider added through the admin form for a fresh tenant; returns its id and names.
async function addProvider(c, fields = {}) {
  const tenant = arrangeTenant();
  const name = fields.name || `Test Provider ${tenant.tag}`;
  await c.get('/admin/providers/new');
  const res = await postPairs(c, '/admin/providers/new', listingPairs({ tenant: tenant.id, name, ...fields }));
  assert.equal(res.status, 303, res.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  const id = orgId(name);
  assert.equal(res.location, `/admin/providers?done=added&id=${id}`);
  return { ...tenant, name, orgId: id };
}

// Delist and relist through the admin portal.
async function setListed(c, id, listed) {
  await c.get('/admin/providers');
  const res = await c.post(listed ? '/admin/providers/relist' : '/admin/providers/delist', { id });
  assert.equal(res.status, 303);
  return res;
}

// Tidy away a tenant a test made, and the provider account added for it, so the public list keeps
// its demo size and the tenant choice stays short.
function removeTenant(tenantId) {
  const org = `(SELECT id FROM organizations WHERE tenant_id = ${tenantId})`;
  sql(`DELETE FROM provider_countries WHERE org_id IN ${org}; DELETE FROM provider_listings WHERE org_id IN ${org};
    DELETE FROM partner_users WHERE org_id IN ${org}; DELETE FROM organizations WHERE tenant_id = ${tenantId};
    DELETE FROM users WHERE tenant_id = ${tenantId}; DELETE FROM tenants WHERE id = ${tenantId};`);
}

test('the public list needs no sign-in and shows each provider with countries and services', async () => {
  const c = new Client();
  const page = await c.get('/providers');
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Find a provider<\/h1>/);
  assert.match(page.text, new RegExp(`id="result-count">${listedCount()} providers<`));
  const row = page.text.match(new RegExp(`<li class="provider" id="provider-${FABRIKAM()}">([\\s\\S]*?)</li>`));
  assert.ok(row, 'Fabrikam Distribution is on the first page');
  assert.match(row[1], new RegExp(`href="/providers/view\\?id=${FABRIKAM()}">Fabrikam Distribution<`));
  assert.match(row[1], /Cloud distribution for North America since 2009/);
  assert.match(row[1], /Canada, Mexico, United States/, 'country names, not codes');
  assert.match(row[1], /Billing and credit terms, Tier-1 and tier-2 technical support/);
  assert.match(page.text, /<option value="" selected>All countries<\/option>/);
  assert.match(page.text, /<option value="DE">Germany<\/option>/);
  assert.doesNotMatch(page.text, /<option value="AF">/, 'only countries that listed providers serve');
});

test('search by name ignores case; no match offers to clear the search', async () => {
  const c = new Client();
  const page = await c.get('/providers?q=FABRIKAM');
  assert.deepEqual(names(page.text), ['Fabrikam Distribution']);
  assert.match(page.text, /id="result-count">1 provider</);
  assert.match(page.text, /<input id="q" name="q" type="search" maxlength="200" value="FABRIKAM">/);
  const part = await c.get('/providers?q=cloud');
  for (const name of ['Wingtip Cloud Distribution', 'Litware Cloud Supply', 'Lucerne Cloud Partners'])
    assert.ok(names(part.text).includes(name), `"cloud" finds ${name}`);
  assert.ok(!names(part.text).includes('Fabrikam Distribution'));
  const wild = await c.get('/providers?q=%25');  // a literal %, not a wildcard
  assert.match(wild.text, /id="no-match">No providers match your search\. <a href="\/providers">Clear the search<\/a>/);
  assert.match(wild.text, /id="result-count">0 providers</);
  assert.deepEqual(names(wild.text), []);
});

test('the country filter shows providers serving that country, by name', async () => {
  const c = new Client();
  const de = await c.get('/providers?country=DE');
  assert.deepEqual(names(de.text), ['Lucerne Cloud Partners', 'Wingtip Cloud Distribution']);
  assert.match(de.text, /<option value="DE" selected>Germany<\/option>/);
  assert.match(de.text, /id="clear-search" href="\/providers"|href="\/providers" id="clear-search"/);
  const combined = await c.get('/providers?q=wingtip&country=DE');
  assert.deepEqual(names(combined.text), ['Wingtip Cloud Distribution']);
  const none = await c.get('/providers?q=fabrikam&country=DE');
  assert.deepEqual(names(none.text), []);
  assert.match(none.text, /id="no-match"/);
  const bogus = await c.get('/providers?country=ZZ');  // not a country: all countries
  assert.equal(names(bogus.text).length, Math.min(PAGE_SIZE, listedCount()));
});

test('paging: 10 per page by name, Next / Previous by cursor walk every provider once, First and Last', async () => {
  const c = new Client();
  const expected = sql(`SELECT o.id FROM provider_listings l JOIN organizations o ON o.id = l.org_id
    WHERE l.listed = 1 AND o.kind = 'provider' ORDER BY o.name, o.id`).split('\n');
  assert.ok(expected.length > PAGE_SIZE, 'the 13 demo providers fill two pages');
  const ids = (html) => [...html.matchAll(/<li class="provider" id="provider-(\d+)">/g)].map((m) => m[1]);
  const pages = await assertPaged(c, '/providers', ids, expected, { pageSize: PAGE_SIZE, lastUrl: '/providers?last=1' });
  assert.match(pages[0].text, /id="next-page" href="\/providers\?q=&amp;country=&amp;after=\d+%3A[^"]+"/);
  assert.match(pages[0].text, /id="last-page" href="\/providers\?q=&amp;country=&amp;last=1"/);
  assert.doesNotMatch(pages[0].text, /id="first-page"/);
  assert.match(pages[1].text, /id="first-page" href="\/providers\?q=&amp;country="/);
  assert.match(pages[0].text, new RegExp(`id="result-count">${expected.length} providers<`));
  // a cursor that is not one is the first page
  assert.deepEqual(ids((await c.get('/providers?after=abc')).text), pages[0].ids);
  // a page walks the providers in name order along ix_org_kind_name: no filesort of every listing
  const plan = sql(`EXPLAIN SELECT o.id FROM organizations o STRAIGHT_JOIN provider_listings l ON l.org_id = o.id
    WHERE o.kind = 'provider' AND l.listed = 1 AND (0 OR o.name > 'M' OR (o.name = 'M' AND o.id > 0)) ORDER BY o.name, o.id LIMIT 11`);
  assert.match(plan, /ix_org_kind_name/);
  assert.doesNotMatch(plan, /filesort/);
});

test('search by word prefix ignores case and accents; punctuation alone finds nothing', async () => {
  const admin = await vendor();
  const part = `Prefix${tag()}`;
  const added = [];
  try {
    added.push(await addProvider(admin, { name: `Café Zürich ${part} Distribution` }));
    const c = new Client();
    for (const q of ['cafe', 'CAFÉ zur', `caf ${part.toLowerCase().slice(0, 9)}`, `zürich café`])
      assert.deepEqual(names((await c.get(`/providers?q=${encodeURIComponent(q)}`)).text).filter((n) => n.includes(part)),
        [`Café Zürich ${part} Distribution`], q);
    assert.deepEqual(names((await c.get(`/providers?q=${encodeURIComponent(`afe ${part}`)}`)).text), [], 'a prefix, not a substring');
    const ops = await c.get(`/providers?q=${encodeURIComponent('+-*"()~<>')}`);
    assert.match(ops.text, /id="result-count">0 providers</);
    assert.match(ops.text, /id="no-match"/);
  } finally {
    for (const p of added) removeTenant(p.id);
  }
});

test('search and filter together keep each other across pages', async () => {
  const admin = await vendor();
  // twelve providers with one name part in one country: two pages of the filtered list
  const added = [];
  try {
    const part = `Pager${tag()}`;
    for (let i = 0; i < PAGE_SIZE + 2; i++)
      added.push(await addProvider(admin, { name: `${part} ${String(i).padStart(2, '0')} Distribution`, countries: ['IS'] }));
    // one more with the name part in another country, and one in Iceland without it
    added.push(await addProvider(admin, { name: `${part} Elsewhere`, countries: ['NO'] }));
    added.push(await addProvider(admin, { countries: ['IS'] }));
    const c = new Client();
    const q = part.toLowerCase();
    const first = await c.get(`/providers?q=${q}&country=IS`);
    assert.match(first.text, /id="result-count">12 providers</);
    const next = first.text.match(new RegExp(`id="next-page" href="(/providers\\?q=${q}&amp;country=IS&amp;after=[^"]+)"`));
    assert.ok(next, 'Next keeps the search and the country');
    const second = await c.get(htmlDecode(next[1]));
    assert.deepEqual(names(second.text), [`${part} 10 Distribution`, `${part} 11 Distribution`]);
    assert.match(second.text, new RegExp(`id="previous-page" href="/providers\\?q=${q}&amp;country=IS&amp;before=`));
    assert.match(second.text, /<option value="IS" selected>Iceland<\/option>/);
    const withSpace = await c.get(`/providers?q=${encodeURIComponent(`${part} 0`)}&country=IS`);
    assert.match(withSpace.text, /id="result-count">10 providers</);
    assert.doesNotMatch(withSpace.text, /class="pager"/, 'one page: no pager');
  } finally {
    for (const p of added) removeTenant(p.id);
  }
});

test('a profile shows headline, countries, services as a list, contact and the note for resellers', async () => {
  const c = new Client();
  const page = await c.get(`/providers/view?id=${FABRIKAM()}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Fabrikam Distribution<\/h1>/);
  assert.match(page.text, /id="profile-headline">Cloud distribution for North America since 2009</);
  assert.match(page.text, /id="profile-countries">Canada, Mexico, United States</);
  assert.match(page.text, /<li>Billing and credit terms<\/li>\s*<li>Tier-1 and tier-2 technical support<\/li>/);
  assert.match(page.text, /<a href="mailto:partners@fabrikam\.example">partners@fabrikam\.example<\/a>/);
  assert.match(page.text, /id="profile-phone">\+1 425 555 0100</);
  assert.match(page.text, /<a href="https:\/\/fabrikam\.example\/partners"/);
  assert.match(page.text, /Contact the provider to discuss their reseller program; once you agree, they will send you a partnership request\./);
  assert.doesNotMatch(page.text, /id="own-profile-note"|id="edit-listing"/);
  for (const bad of ['', 'abc', '0', '-1', '999999999', sql("SELECT id FROM organizations WHERE name = 'Contoso Reseller'")])
    assert.equal((await c.get(`/providers/view?id=${bad}`)).status, 404, `id=${bad}`);
});

test('a delisted provider vanishes from the list and its profile at once, and comes back when relisted', async () => {
  const admin = await vendor();
  const id = orgId('Wingtip Cloud Distribution');
  try {
    const res = await setListed(admin, id, false);
    assert.equal(res.location, `/admin/providers?done=delisted&id=${id}`);
    const notice = await admin.get(res.location);
    assert.match(notice.text, /Wingtip Cloud Distribution has been removed from the public provider list\./);
    assert.match(notice.text, new RegExp(`<tr id="admin-provider-${id}">[\\s\\S]*?Delisted[\\s\\S]*?action="/admin/providers/relist" class="inline">\\s*`
      + `<input type="hidden" name="csrf_token" value="[0-9a-f]{64}">\\s*<input type="hidden" name="id" value="${id}">`));
    const c = new Client();
    assert.deepEqual(names((await c.get('/providers?country=DE')).text), ['Lucerne Cloud Partners']);
    assert.equal((await c.get('/providers?q=wingtip')).text.includes('id="no-match"'), true);
    assert.equal((await c.get(`/providers/view?id=${id}`)).status, 404);
    assert.doesNotMatch((await c.get('/providers')).text, /<option value="AT">/, 'Austria was served only by Wingtip');
  } finally {
    await setListed(admin, id, true);
  }
  const c = new Client();
  assert.equal((await c.get(`/providers/view?id=${id}`)).status, 200);
  assert.deepEqual(names((await c.get('/providers?country=DE')).text), ['Lucerne Cloud Partners', 'Wingtip Cloud Distribution']);
  const audit = sql(`SELECT GROUP_CONCAT(action ORDER BY id) FROM (SELECT id, action FROM audit_log
    WHERE detail LIKE 'provider ${id}:%' ORDER BY id DESC LIMIT 2) a`);
  assert.equal(audit, 'provider.delisted,provider.relisted');
  assert.equal((await admin.post('/admin/providers/delist', { id: 999999999 })).status, 404);
});

test('the admin list: 25 per page by name cursor, search by word prefix of name or tenant, and a notice lands on its provider', async () => {
  const admin = await vendor();
  const t = tag();
  const tenants = [];
  try {
    for (let i = 0; i < 27; i++) {
      const tenant = arrangeTenant();
      tenants.push(tenant.id);
      sql(`INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('provider', 'Zz Admin Page ${t} ${String(i).padStart(2, '0')}', ${tenant.id}, 'DE')`);
    }
    const rowIds = (html) => [...html.matchAll(/<tr id="admin-provider-(\d+)">/g)].map((m) => m[1]);
    const total = Number(sql(`SELECT COUNT(*) FROM organizations WHERE kind = 'provider'`));
    const first = await admin.get('/admin/providers');
    assert.match(first.text, new RegExp(`id="provider-count">Providers: ${total}<`));
    assert.equal(rowIds(first.text).length, 25);
    const q = encodeURIComponent(`zz ADMIN page ${t}`);
    const mine = sql(`SELECT id FROM organizations WHERE name LIKE 'Zz Admin Page ${t} %' ORDER BY name, id`).split('\n');
    const pages = await assertPaged(admin, `/admin/providers?q=${q}`, rowIds, mine, { pageSize: 25, lastUrl: `/admin/providers?q=${q}&last=1` });
    assert.equal(pages.length, 2);
    assert.match(pages[0].text, /id="provider-count">Providers: 27</);
    assert.match(pages[0].text, new RegExp(`<a rel="next" href="/admin/providers\\?q=zz[^"&]+${t}&amp;after=`), 'Next keeps the search');
    const every = sql(`SELECT id FROM organizations WHERE kind = 'provider' ORDER BY name, id`).split('\n');
    await assertPaged(admin, '/admin/providers', rowIds, every, { pageSize: 25, lastUrl: '/admin/providers?last=1' });
    const last = orgId(`Zz Admin Page ${t} 26`);
    const landed = await admin.get(`/admin/providers?q=${q}&done=updated&id=${last}`);
    assert.match(landed.text, new RegExp(`The listing of Zz Admin Page ${t} 26 has been saved`));
    assert.deepEqual(rowIds(landed.text), [last], 'the page starts at the provider the notice is about');
    const byTenant = await admin.get(`/admin/providers?q=${encodeURIComponent(sql(`SELECT domain FROM tenants WHERE id = ${tenants[3]}`))}`);
    assert.match(byTenant.text, /id="provider-count">Providers: 1</);
    const byTenantPrefix = await admin.get(`/admin/providers?q=${sql(`SELECT SUBSTRING_INDEX(domain, '.', 1) FROM tenants WHERE id = ${tenants[3]}`).slice(0, -1)}`);
    assert.deepEqual(rowIds(byTenantPrefix.text), [sql(`SELECT id FROM organizations WHERE tenant_id = ${tenants[3]}`)]);
    assert.match((await admin.get('/admin/providers?q=%25nothing%25')).text, /id="no-matches"/);
    assert.match((await admin.get('/admin/providers?q=%25%25')).text, /id="no-matches"/);
  } finally {
    tenants.forEach(removeTenant);
  }
});

test('the admin list finds names by word prefix regardless of accents and case', async () => {
  const admin = await vendor();
  const t = tag();
  const tenant = arrangeTenant();
  try {
    sql(`INSERT INTO organizations (kind, name, tenant_id, country) VALUES ('provider', 'Crème Brûlée ${t} Supply', ${tenant.id}, 'FR')`);
    const id = sql(`SELECT id FROM organizations WHERE tenant_id = ${tenant.id}`);
    for (const q of ['creme', `BRULE ${t}`, 'crè brû'])
      assert.match((await admin.get(`/admin/providers?q=${encodeURIComponent(q)}`)).text, new RegExp(`<tr id="admin-provider-${id}">`), q);
  } finally {
    removeTenant(tenant.id);
  }
});

test('the vendor adds a provider: account, admin agents, listing and countries in one go', async () => {
  const admin = await vendor();
  const list = await admin.get('/admin/providers');
  assert.match(list.text, /href="\/admin\/providers\/new">Add a provider to the list</);
  const tenant = arrangeTenant();
  const form = await admin.get('/admin/providers/new');
  assert.equal(form.status, 200);
  assert.match(form.text, new RegExp(`<option value="${tenant.id}">${tenant.domain} \\(Provider Tenant ${tenant.tag}\\)</option>`));
  assert.doesNotMatch(form.text, /fabrikam\.onmicrosoft\.com/, 'tenants with a partner account are not offered');
  assert.match(form.text, /<input type="checkbox" name="countries" value="DE"> Germany/);
  assert.equal((form.text.match(/name="csrf_token" value="[0-9a-f]{64}"/g) || []).length, 3, 'sign-out, the form and the footer\'s language picker');
  const name = `Added Provider ${tenant.tag}`;
  let added, other;
  try {
    const res = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: tenant.id, name, countries: ['AT', 'DE'] }));
    assert.equal(res.status, 303);
    added = orgId(name);
    assert.equal(res.location, `/admin/providers?done=added&id=${added}`);
    const done = await admin.get(res.location);
    assert.match(done.text, new RegExp(`${name} has been added to the provider list\\.`));
    assert.match(done.text, new RegExp(`<tr id="admin-provider-${added}">[\\s\\S]*?Listed[\\s\\S]*?AT, DE[\\s\\S]*?by Alex Morgan`));
    assert.equal(sql(`SELECT CONCAT(kind, '|', country, '|', tenant_id) FROM organizations WHERE id = ${added}`), `provider|AT|${tenant.id}`);
    assert.equal(sql(`SELECT GROUP_CONCAT(u.upn, ':', pu.admin_agent) FROM partner_users pu JOIN users u ON u.id = pu.user_id
      WHERE pu.org_id = ${added}`), `${tenant.admin.upn}:1`, 'the global admin is an admin agent; the plain user is not added');
    assert.equal(sql(`SELECT services FROM provider_listings WHERE org_id = ${added}`), 'Cloud billing\\nReseller training');
    assert.match(sql(`SELECT detail FROM audit_log WHERE action = 'provider.listed' ORDER BY id DESC LIMIT 1`),
      new RegExp(`provider ${added}: ${name}, serving AT,DE`));

    const pub = await new Client().get(`/providers/view?id=${added}`);
    assert.equal(pub.status, 200);
    assert.match(pub.text, /id="profile-countries">Austria, Germany</);
    assert.match(pub.text, /<li>Cloud billing<\/li>\s*<li>Reseller training<\/li>/);

    // the tenant's admin signs in to the new provider account
    const gina = new Client();
    await gina.signIn(tenant.admin);
    assert.match((await gina.get('/account/users')).text, new RegExp(`${tenant.admin.upn}</td>\\s*<td>\\s*<span class="roles">Admin agent`));

    // the same name again (any case), or the same tenant again: 400 with the message, nothing written
    other = arrangeTenant();
    await admin.get('/admin/providers/new');
    const dupName = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: other.id, name: name.toUpperCase() }));
    assert.equal(dupName.status, 400);
    assert.match(dupName.text, /id="name-error">Another provider on the list already has this name/);
    assert.match(dupName.text, new RegExp(`<option value="${other.id}" selected>`), 'the chosen tenant stays');
    const dupTenant = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: tenant.id, name: `Second ${name}` }));
    assert.equal(dupTenant.status, 400);
    assert.match(dupTenant.text, /id="tenant_id-error">This tenant already has a partner account/);
    const noTenant = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: '999999999', name: `Third ${name}` }));
    assert.equal(noTenant.status, 400);
    assert.match(noTenant.text, /id="tenant_id-error">Choose the provider&#39;s directory tenant/);
    assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE tenant_id = ${other.id}`), '0');
    assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE name LIKE '%${tenant.tag}%'`), '1');
  } finally {
    removeTenant(tenant.id);
    if (other) removeTenant(other.id);
  }
});

test('two admins adding the same provider name at once: one is listed, the other gets the form back', async () => {
  const admin = await vendor();
  const tenants = [arrangeTenant(), arrangeTenant(), arrangeTenant()];
  const name = `Race Provider ${tenants[0].tag}`;
  try {
    await admin.get('/admin/providers/new');
    const results = await Promise.all(tenants.map((t) => postPairs(admin, '/admin/providers/new', listingPairs({ tenant: t.id, name }))));
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 400, 400]);
    for (const r of results.filter((x) => x.status === 400)) assert.match(r.text, /id="name-error">Another provider/);
    assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE name = '${name}'`), '1');
    // and the same tenant twice at once: one account
    const t = arrangeTenant();
    tenants.push(t);
    const twice = await Promise.all([1, 2].map((i) => postPairs(admin, '/admin/providers/new', listingPairs({ tenant: t.id, name: `${name} ${i}` }))));
    assert.deepEqual(twice.map((r) => r.status).sort(), [303, 400]);
    assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE tenant_id = ${t.id}`), '1');
  } finally {
    for (const t of tenants) removeTenant(t.id);
  }
});

test('each field is checked: the form comes back with 400, the message next to the field, values kept', async () => {
  const admin = await vendor();
  const tenant = arrangeTenant();
  await admin.get('/admin/providers/new');
  const name = `Invalid Provider ${tenant.tag}`;
  const cases = [
    [{ countries: [] }, 'countries-error', /Choose at least one country or region the provider serves\./],
    [{ countries: ['XX'] }, 'countries-error', /Choose the countries from the list\./],
    [{ email: 'not-an-email' }, 'contact_email-error', /Enter an email address such as name@example\.com\./],
    [{ phone: 'call me' }, 'contact_phone-error', /Enter a phone number of 7 to 20 digits/],
    [{ website: 'javascript:alert(1)' }, 'website-error', /Enter a web address that starts with http:\/\/ or https:\/\//],
    [{ website: 'ftp://files.example' }, 'website-error', /starts with http:\/\/ or https:\/\//],
    [{ services: ' \r\n \r\n' }, 'services-error', /List at least one service the provider offers, one per line\./],
    [{ headline: '' }, 'headline-error', /Headline is required\./],
    [{ name: '   ' }, 'name-error', /Provider name is required\./],
    [{ name: 'x'.repeat(201) }, 'name-error', /Provider name can be at most 200 characters long\./],
    [{ tenant: '' }, 'tenant_id-error', /Choose the provider&#39;s directory tenant from the list\./],
  ];
  for (const [change, id, message] of cases) {
    const res = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: tenant.id, name, ...change }));
    assert.equal(res.status, 400, JSON.stringify(change));
    assert.match(res.text, new RegExp(`<p class="field-error" id="${id}">`), JSON.stringify(change));
    assert.match(res.text.match(new RegExp(`id="${id}">([^<]*)<`))[1], message);
    assert.match(res.text, /id="form-error">Check the fields marked below\. Nothing was saved\./);
    assert.equal((res.text.match(/class="field-error"/g) || []).length, 1, `only ${id} is marked`);
    if (!('name' in change)) assert.match(res.text, new RegExp(`id="name" name="name" type="text" maxlength="200" value="${name}"`));
    if (!('countries' in change)) assert.match(res.text, /value="AT" checked> Austria[\s\S]*value="DE" checked> Germany/);
  }
  const kept = await postPairs(admin, '/admin/providers/new', listingPairs({ tenant: tenant.id, name, website: 'javascript:alert(1)' }));
  assert.match(kept.text, /id="website" name="website" type="url" maxlength="300" value="javascript:alert\(1\)"/);
  assert.match(kept.text, /<textarea id="services"[^>]*>Cloud billing\nReseller training<\/textarea>/);
  assert.match(kept.text, /id="contact_email" name="contact_email" type="email" maxlength="320" value="partners@example\.com"/);
  assert.equal(sql(`SELECT COUNT(*) FROM organizations WHERE tenant_id = ${tenant.id}`), '0', 'nothing written');
  removeTenant(tenant.id);
});

test('editing a listing: prefilled form, new countries replace the old ones, updated by whom', async () => {
  const admin = await vendor();
  const p = await addProvider(admin, { countries: ['DE', 'AT'] });
  try {
    const form = await admin.get(`/admin/providers/edit?id=${p.orgId}`);
    assert.equal(form.status, 200);
    assert.match(form.text, /<h1>Edit a provider listing<\/h1>/);
    assert.doesNotMatch(form.text, /name="tenant_id"/);
    assert.match(form.text, new RegExp(`<input type="hidden" name="id" value="${p.orgId}">`));
    assert.match(form.text, new RegExp(`value="${p.name}"`));
    assert.match(form.text, /value="AT" checked> Austria/);
    assert.match(form.text, /value="DE" checked> Germany/);
    assert.match(form.text, /<textarea id="services"[^>]*>Cloud billing\nReseller training<\/textarea>/);

    const bad = await postPairs(admin, '/admin/providers/edit', [['id', p.orgId], ...listingPairs({ name: p.name, countries: [] })]);
    assert.equal(bad.status, 400);
    assert.match(bad.text, /id="countries-error">Choose at least one country/);
    assert.match(bad.text, new RegExp(`<input type="hidden" name="id" value="${p.orgId}">`));
    assert.equal(sql(`SELECT GROUP_CONCAT(country ORDER BY country) FROM provider_countries WHERE org_id = ${p.orgId}`), 'AT,DE');

    const newName = `${p.name} Renamed`;
    const res = await postPairs(admin, '/admin/providers/edit', [['id', p.orgId],
      ...listingPairs({ name: newName, countries: ['FR', 'BE'], services: 'French support', website: '' })]);
    assert.equal(res.status, 303);
    assert.equal(res.location, `/admin/providers?done=updated&id=${p.orgId}`);
    assert.match((await admin.get(res.location)).text, new RegExp(`The listing of ${newName} has been saved\\.`));
    assert.equal(sql(`SELECT GROUP_CONCAT(country ORDER BY country) FROM provider_countries WHERE org_id = ${p.orgId}`), 'BE,FR');
    assert.equal(sql(`SELECT CONCAT(o.name, '|', u.upn, '|', l.website, '|', l.updated_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE)
      FROM organizations o JOIN provider_listings l ON l.org_id = o.id JOIN users u ON u.id = l.updated_by WHERE o.id = ${p.orgId}`),
    `${newName}|${DEMO.vendor.upn}||1`);
    const pub = await new Client().get(`/providers/view?id=${p.orgId}`);
    assert.match(pub.text, /id="profile-countries">Belgium, France</);
    assert.doesNotMatch(pub.text, /id="edit-listing"/);
    assert.match((await admin.get(`/providers/view?id=${p.orgId}`)).text,
      new RegExp(`id="edit-listing" href="/admin/providers/edit\\?id=${p.orgId}"`), 'the vendor admin gets an edit link');
    assert.doesNotMatch(pub.text, /id="profile-website"/, 'no website: no link');
    assert.deepEqual(names((await new Client().get(`/providers?q=${encodeURIComponent(newName)}&country=DE`)).text), []);
    assert.deepEqual(names((await new Client().get(`/providers?q=${encodeURIComponent(newName)}&country=FR`)).text), [newName]);

    // renaming onto another provider's name is refused
    const clash = await postPairs(admin, '/admin/providers/edit', [['id', p.orgId], ...listingPairs({ name: 'fabrikam distribution' })]);
    assert.equal(clash.status, 400);
    assert.match(clash.text, /id="name-error">Another provider on the list already has this name/);

    for (const id of ['999999999', 'abc', sql("SELECT id FROM organizations WHERE name = 'Contoso Reseller'")]) {
      assert.equal((await admin.get(`/admin/providers/edit?id=${id}`)).status, 404, `edit form ${id}`);
      assert.equal((await postPairs(admin, '/admin/providers/edit', [['id', id], ...listingPairs({ name: `X ${p.tag}` })])).status, 404);
      assert.equal((await postPairs(admin, '/admin/providers/edit', [['id', id], ...listingPairs({ name: '' })])).status, 404);
    }
  } finally {
    removeTenant(p.id);
  }
});

test('a provider user cannot reach the admin routes and sees the contact-the-vendor note on its own profile', async () => {
  const dana = new Client();
  await dana.signIn(DEMO.provider);
  const id = FABRIKAM();
  const routes = [['GET', '/admin/providers'], ['GET', '/admin/providers/new'], ['POST', '/admin/providers/new'],
    ['GET', `/admin/providers/edit?id=${id}`], ['POST', '/admin/providers/edit'], ['POST', '/admin/providers/delist'],
    ['POST', '/admin/providers/relist']];
  const before = sql(`SELECT CONCAT(listed, updated_at) FROM provider_listings WHERE org_id = ${id}`);
  for (const [method, path] of routes) {
    const res = method === 'GET' ? await dana.get(path)
      : await postPairs(dana, path, [['id', id], ...listingPairs({ name: 'Fabrikam Distribution', countries: ['US'] })]);
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.match(res.text, /does not have access/);
  }
  assert.equal(sql(`SELECT CONCAT(listed, updated_at) FROM provider_listings WHERE org_id = ${id}`), before);

  const own = await dana.get(`/providers/view?id=${id}`);
  assert.equal(own.status, 200);
  assert.match(own.text, /id="own-profile-note">To change your company's profile, contact the vendor \(Channel Center\) — providers cannot edit their own listing\./);
  assert.doesNotMatch(own.text, /id="edit-listing"|\/admin\/providers\/edit|id="reseller-note"/);
  const other = await dana.get(`/providers/view?id=${orgId('Coho Distribution')}`);
  assert.doesNotMatch(other.text, /id="own-profile-note"/);
  assert.match(other.text, /id="reseller-note"/);

  const stranger = new Client();
  const res = await stranger.get('/admin/providers');
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/signin\?next=/);
  const sam = new Client();
  await sam.signIn(DEMO.reseller);
  assert.equal((await sam.get('/admin/providers/new')).status, 403);
});

test('what providers type is escaped on every page', async () => {
  const admin = await vendor();
  const evil = `<script>alert("x")</script> & Co ${tag()}`;
  const p = await addProvider(admin, { name: evil, headline: '<b>bold</b> "quoted"', services: '<img src=x onerror=alert(1)>' });
  try {
    const pages = [await new Client().get(`/providers?q=${encodeURIComponent('<script>')}`),
      await new Client().get(`/providers/view?id=${p.orgId}`), await admin.get('/admin/providers'),
      await admin.get(`/admin/providers/edit?id=${p.orgId}`), await admin.get(`/admin/providers?done=updated&id=${p.orgId}`)];
    for (const page of pages) {
      assert.equal(page.status, 200);
      assert.ok(!page.text.includes('<script>alert'), 'no raw script tag');
      assert.ok(page.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'), 'the name is escaped');
    }
    assert.ok(pages[1].text.includes('&lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;'));
    assert.ok(pages[1].text.includes('<li>&lt;img src=x onerror=alert(1)&gt;</li>'));
    assert.ok(!pages[1].text.includes('<img src=x'));
    const search = await new Client().get(`/providers?q=${encodeURIComponent('"><script>')}`);
    assert.ok(!search.text.includes('"><script>'), 'the search box value is escaped');
  } finally {
    removeTenant(p.id);
  }
});
