// partnerships.test.mjs: HTTP tests of provider-reseller partnerships: the partnership request and its
// draft email, the emailed link (sign-in, refusals, authorizing once), both partner lists with search and
// paging, ending from either side, and rights that follow the partnership. Every test arranges fresh
// providers and resellers, so the file is rerunnable and leaves the demo organizations as they were.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, partner, relate, signedIn } from '../lib/arrange.mjs';
import { assertPaged } from '../lib/paging.mjs';

// dates as the English pages write them (i18n_datetime): "Dec 1, 2026"
const enDate = (d) => d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const TODAY = () => enDate(new Date());

// The provider asks for a partnership; the draft page and its link.
async function requestPartnership(c) {
  await c.get('/resellers');
  const page = await c.post('/resellers/request');
  assert.equal(page.status, 200, 'the draft is shown at once, without a redirect');
  const link = page.text.match(/id="draft-link" type="text" value="([^"]+)"/)[1].replace(/&amp;/g, '&');
  const url = new URL(link);
  return {
    page, link, path: url.pathname + url.search, token: url.searchParams.get('token'),
    requestId: page.text.match(/href="\/resellers\?requested=(\d+)"/)[1],
  };
}

// The reseller's admin agent opens the link and posts the form (box ticked unless told).
async function authorize(c, link, { confirm = true, csrf = true } = {}) {
  await c.get(link.path);
  return c.post('/partnership/authorize', { token: link.token, ...(confirm ? { confirm: '1' } : {}) }, { csrf });
}

const row = (text, id) => (text.match(new RegExp(`<tr id="${id}">([\\s\\S]*?)</tr>`)) || [])[1];
const liveCount = (provider, reseller) => Number(sql(`SELECT COUNT(*) FROM partnerships
  WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id} AND ended_at IS NULL`));

test('Request a partnership shows a draft email with a personalized link and lists the request as sent', async () => {
  const provider = arrangeOrg('provider');
  const c = await signedIn(provider.admin);
  const before = await c.get('/resellers');
  assert.equal(before.status, 200);
  assert.match(before.text, /<h1>Indirect resellers<\/h1>/);
  assert.match(before.text, /action="\/resellers\/request"[\s\S]*?Request a partnership<\/button>/);
  assert.match(before.text, /id="no-partners"/);

  const req = await requestPartnership(c);
  const { page, link, token } = req;
  assert.match(token, /^[0-9a-f]{64}$/);
  assert.equal(new URL(link).pathname, '/partnership/authorize');
  assert.match(link, /^https?:\/\/[^/]+\/partnership\/authorize\?token=[0-9a-f]{64}$/);
  assert.match(page.text, new RegExp(`id="draft-subject" type="text" value="Partnership request from ${provider.name}"`));
  const body = htmlDecode(page.text.match(/<textarea id="draft-body"[^>]*>([\s\S]*?)<\/textarea>/)[1]);
  assert.ok(body.includes(`${provider.name} would like to be your indirect provider`));
  assert.ok(body.includes(`\n\n${link}\n\n`), 'the link sits on a line of its own in the editable body');
  assert.match(body, /submit orders and add subscriptions on behalf of your customers/);

  const href = htmlDecode(page.text.match(/<a class="button" id="open-in-email" href="([^"]+)" data-mailto-from="draft-body">Open in email<\/a>/)[1]);
  assert.ok(href.startsWith('mailto:?subject='));
  assert.ok(!href.slice(7).includes(' ') && !href.includes('\n') && !href.includes('?token='), 'nothing raw in the mailto: URL');
  assert.ok(href.includes(`%3Ftoken%3D${token}`), 'the link is percent-encoded in the body');
  assert.match(href, /subject=Partnership(\+|%20)request(\+|%20)from(\+|%20)Test(\+|%20)Provider/);
  const params = new URLSearchParams(href.slice('mailto:?'.length));
  assert.equal(params.get('subject'), `Partnership request from ${provider.name}`);
  assert.equal(params.get('body'), body, 'the mailto: body is the draft text');
  assert.match(page.text, /data-copy-from="draft-body" data-copy-status="copy-status">Copy to clipboard<\/button>/);
  assert.match(page.text, /<p id="copy-status"/);
  assert.match(page.text, /id="draft-done" href="\/resellers\?requested=\d+">Done<\/a>/);

  // only the token's hash is stored, and the request and the token name each other
  const stored = sql(`SELECT t.subject_id, t.purpose, t.token_hash = SHA2('${token}', 256), t.token_hash <> '${token}',
    TIMESTAMPDIFF(DAY, t.created_at, t.expires_at) FROM partnership_requests pr JOIN email_tokens t ON t.id = pr.token_id
    WHERE pr.id = ${req.requestId} AND pr.provider_org_id = ${provider.id}`).split('\t');
  assert.deepEqual(stored, [req.requestId, 'partnership', '1', '1', '30']);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.requested' AND detail LIKE 'request ${req.requestId} %'`), '1');

  const list = await c.get(`/resellers?requested=${req.requestId}`);
  assert.match(list.text, /id="requested-notice"/);
  const r = row(list.text, `request-${req.requestId}`);
  assert.ok(r, 'the request is listed');
  assert.match(r, new RegExp(`Ada Admin`));
  assert.match(r, /class="request-state">Sent</);
  assert.match(r, /[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC/);
  assert.match(r, /action="\/resellers\/request\/revoke"[\s\S]*name="csrf_token" value="[0-9a-f]{64}"[\s\S]*name="id" value="\d+"/);
  assert.ok(!list.text.includes(token), 'the link is shown only on the draft page');

  // a member who is not an admin agent sees the lists but cannot request
  const member = await signedIn(provider.sales);
  const ro = await member.get('/resellers');
  assert.equal(ro.status, 200);
  assert.match(ro.text, /id="read-only"/);
  assert.doesNotMatch(ro.text, /action="\/resellers\/request"/);
  assert.doesNotMatch(ro.text, /action="\/resellers\/request\/revoke"/);
  assert.equal((await member.post('/resellers/request')).status, 403);
  // CSRF missing
  const requests = () => Number(sql(`SELECT COUNT(*) FROM partnership_requests WHERE provider_org_id = ${provider.id}`));
  const n = requests();
  const forged = await c.post('/resellers/request', {}, { csrf: false });
  assert.equal(forged.status, 403);
  assert.equal(requests(), n, 'nothing created without the CSRF token');
  // resellers and customers do not reach the provider's pages
  for (const who of [DEMO.reseller, DEMO.customer]) {
    const other = await signedIn(who);
    assert.equal((await other.get('/resellers')).status, 403, who.upn);
    assert.equal((await other.post('/resellers/request')).status, 403, who.upn);
  }
});

test('the emailed link: sign-in first, only a reseller admin agent, the box must be ticked, then partners', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const pc = await signedIn(provider.admin);
  const link = await requestPartnership(pc);

  // rights before: the provider has no page about the reseller
  assert.equal((await pc.get(`/resellers/view?id=${reseller.id}`)).status, 404);
  assert.equal((await pc.get('/resellers/view?id=999999999')).status, 404);
  assert.equal((await pc.get(`/resellers/view?id=${provider.id}`)).status, 404, 'not a reseller');

  // signed out: sign in, then back on the link
  const rc = new Client();
  const out = await rc.get(link.path);
  assert.equal(out.status, 303);
  assert.match(out.location, /^\/signin\?next=/);
  assert.equal(new URLSearchParams(out.location.split('?')[1]).get('next'), link.path);
  const signin = await rc.signIn(reseller.admin, link.path);
  assert.equal(signin.location, link.path, 'back to the link after sign-in');
  const form = await rc.get(link.path);
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Authorize indirect provider<\/h1>/);
  assert.match(form.text, new RegExp(`<a href="/providers/view\\?id=${provider.id}">${provider.name}</a> asks to be the indirect provider of ${reseller.name}`));
  assert.match(form.text, /submit orders and add subscriptions on behalf of your customers/);
  assert.match(form.text, /administrator access to your directory tenant/);
  assert.match(form.text, new RegExp(`<input type="checkbox" id="authorize-confirm" name="confirm" value="1"> I authorize ${provider.name} to be my indirect provider`));
  assert.match(form.text, /name="csrf_token" value="[0-9a-f]{64}">\s*<input type="hidden" name="token" value="[0-9a-f]{64}">/);
  assert.match(form.text, /<button type="submit" class="primary">Authorize indirect provider<\/button>/);

  // the box not ticked: the form back with a message
  const unticked = await authorize(rc, link, { confirm: false });
  assert.equal(unticked.status, 400);
  assert.match(unticked.text, new RegExp(`id="authorize-error">Tick the box to confirm that you authorize ${provider.name}`));
  assert.match(unticked.text, /<h1>Authorize indirect provider<\/h1>/);
  // CSRF missing
  assert.equal((await authorize(rc, link, { csrf: false })).status, 403);
  assert.equal(liveCount(provider, reseller), 0);

  // refusals: a reseller user who is not an admin agent, a customer, a provider, a user without an account
  const member = await signedIn(reseller.sales);
  for (const res of [await member.get(link.path), await authorize(member, link)]) {
    assert.equal(res.status, 403);
    assert.match(res.text, /Only an admin agent of .* can authorize an indirect provider\. Ask an admin agent/);
  }
  for (const who of [DEMO.customer, DEMO.provider, { upn: 'lee@contoso.onmicrosoft.com', password: 'Contoso-user-2026' }]) {
    const other = await signedIn(who);
    for (const res of [await other.get(link.path), await other.post('/partnership/authorize', { token: link.token, confirm: '1' })]) {
      assert.equal(res.status, 403, who.upn);
      assert.match(res.text, /Only an enrolled indirect reseller can accept a partnership request/);
    }
  }
  assert.equal(liveCount(provider, reseller), 0, 'no refusal created a partnership');
  assert.equal(sql(`SELECT used_at IS NULL FROM email_tokens WHERE token_hash = SHA2('${link.token}', 256)`), '1');

  // success
  const ok = await authorize(rc, link);
  assert.equal(ok.status, 303);
  const pid = sql(`SELECT id FROM partnerships WHERE provider_org_id = ${provider.id} AND reseller_org_id = ${reseller.id} AND ended_at IS NULL`);
  assert.equal(ok.location, `/indirect-providers?authorized=${pid}`);
  const mine = await rc.get(ok.location);
  assert.match(mine.text, new RegExp(`id="authorized-notice">${provider.name} is now your indirect provider.`));
  const prow = row(mine.text, `partner-${provider.id}`);
  assert.ok(prow, 'the provider is on the reseller\'s Indirect providers');
  assert.match(prow, new RegExp(`class="partner-since">${TODAY()}<`));
  assert.match(prow, /class="partner-shared">0</);
  assert.match(prow, new RegExp(`href="/indirect-providers/end\\?id=${provider.id}">End partnership`));
  assert.deepEqual(sql(`SELECT p.request_id = pr.id, p.authorized_by = u.id, pr.accepted_org_id, pr.accepted_at IS NOT NULL
    FROM partnerships p JOIN partnership_requests pr ON pr.id = ${link.requestId} JOIN users u ON u.upn = '${reseller.admin.upn}'
    WHERE p.id = ${pid}`).split('\t'), ['1', '1', reseller.id, '1']);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.authorized' AND detail LIKE 'partnership ${pid}:%'`), '1');

  const theirs = await pc.get('/resellers');
  const rrow = row(theirs.text, `partner-${reseller.id}`);
  assert.ok(rrow, 'the reseller is on the provider\'s Indirect resellers');
  assert.match(rrow, new RegExp(`<a href="/resellers/view\\?id=${reseller.id}">${reseller.name}</a>`));
  assert.match(rrow, new RegExp(`class="partner-since">${TODAY()}<`));
  assert.match(rrow, /United States/);
  assert.match(row(theirs.text, `request-${link.requestId}`), new RegExp(`Accepted by ${reseller.name} \\(Ada Admin [^)]*\\) on ${TODAY()}`));
  assert.doesNotMatch(row(theirs.text, `request-${link.requestId}`), /Revoke/);

  // rights during
  const view = await pc.get(`/resellers/view?id=${reseller.id}`);
  assert.equal(view.status, 200);
  assert.match(view.text, new RegExp(`<h1>${reseller.name}</h1>`));
  assert.match(view.text, new RegExp(`id="reseller-since">${TODAY()}<`));
  assert.match(view.text, /id="reseller-country">United States</);
  assert.match(view.text, /id="no-customers"/);

  // the link again: for this reseller it shows the partnership it made, for the GET and the POST; anyone else
  // finds it used
  const partnership = sql(`SELECT id FROM partnerships WHERE provider_org_id = ${provider.id} AND ended_at IS NULL`);
  for (const res of [await rc.get(link.path), await rc.post('/partnership/authorize', { token: link.token, confirm: '1' })])
    assert.equal(`${res.status} ${res.location}`, `303 /indirect-providers?authorized=${partnership}`);
  const someoneElse = await signedIn(arrangeOrg('reseller').admin);
  const used = await someoneElse.get(link.path);
  assert.equal(used.status, 410);
  assert.match(used.text, /This link has already been used/);
  assert.equal(liveCount(provider, reseller), 1);

  // a second request while partners: the link says so and stays unused
  const again = await requestPartnership(pc);
  const already = await rc.get(again.path);
  assert.equal(already.status, 200);
  assert.match(already.text, new RegExp(`id="already-partners"><a href="/providers/view\\?id=${provider.id}">${provider.name}</a> is already the indirect provider`));
  assert.doesNotMatch(already.text, /action="\/partnership\/authorize"/);
  assert.equal(sql(`SELECT used_at IS NULL FROM email_tokens WHERE token_hash = SHA2('${again.token}', 256)`), '1');
});

test('a double click on Authorize creates one partnership, and every click shows it', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const link = await requestPartnership(await signedIn(provider.admin));
  const rc = await signedIn(reseller.admin);
  await rc.get(link.path);
  const results = await Promise.all([1, 2, 3].map(() => rc.post('/partnership/authorize', { token: link.token, confirm: '1' })));
  const id = sql(`SELECT id FROM partnerships WHERE provider_org_id = ${provider.id} AND ended_at IS NULL`);
  assert.deepEqual(results.map((r) => `${r.status} ${r.location}`), Array(3).fill(`303 /indirect-providers?authorized=${id}`),
    'one click wins; the others find the link used by this reseller and show the same outcome');
  assert.equal(liveCount(provider, reseller), 1);
  const other = await signedIn(arrangeOrg('reseller').admin);
  await other.get(link.path);
  const late = await other.post('/partnership/authorize', { token: link.token, confirm: '1' });
  assert.equal(late.status, 410, 'another reseller finds it used');
  assert.equal(sql(`SELECT COUNT(*) FROM partnerships WHERE provider_org_id = ${provider.id}`), '1');
});

test('expired, revoked and unknown links say so; only the provider\'s own sent requests can be revoked', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const pc = await signedIn(provider.admin);
  const expired = await requestPartnership(pc);
  const revoked = await requestPartnership(pc);
  sql(`UPDATE email_tokens t JOIN partnership_requests pr ON pr.token_id = t.id
    SET t.expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE pr.id = ${expired.requestId}`);

  // someone else's request: 404 whether it exists or not; and nothing changes
  const stranger = await signedIn(arrangeOrg('provider').admin);
  await stranger.get('/resellers');
  assert.equal((await stranger.post('/resellers/request/revoke', { id: revoked.requestId })).status, 404);
  assert.equal((await stranger.post('/resellers/request/revoke', { id: '999999999' })).status, 404);
  assert.equal((await stranger.post('/resellers/request/revoke', { id: 'abc' })).status, 404);
  // a reseller cannot reach the route at all
  const rc = await signedIn(reseller.admin);
  assert.equal((await rc.post('/resellers/request/revoke', { id: revoked.requestId })).status, 403);

  await pc.get('/resellers');
  const res = await pc.post('/resellers/request/revoke', { id: revoked.requestId });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/resellers?revoked=${revoked.requestId}`);
  const list = await pc.get(res.location);
  assert.match(list.text, /id="revoked-notice">The partnership request has been revoked/);
  assert.match(row(list.text, `request-${revoked.requestId}`), new RegExp(`class="request-state">Revoked on ${TODAY()}`));
  assert.doesNotMatch(row(list.text, `request-${revoked.requestId}`), /Revoke<\/button>/);
  assert.match(row(list.text, `request-${expired.requestId}`), /class="request-state">Expired</);
  assert.doesNotMatch(row(list.text, `request-${expired.requestId}`), /Revoke<\/button>/);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.request_revoked' AND detail LIKE 'request ${revoked.requestId} %'`), '1');
  // revoking again, or an expired one: nothing to revoke
  assert.equal((await pc.post('/resellers/request/revoke', { id: revoked.requestId })).status, 409);
  assert.equal((await pc.post('/resellers/request/revoke', { id: expired.requestId })).status, 409);
  // CSRF missing
  const sent = await requestPartnership(pc);
  assert.equal((await pc.post('/resellers/request/revoke', { id: sent.requestId }, { csrf: false })).status, 403);
  assert.match(row((await pc.get('/resellers')).text, `request-${sent.requestId}`), /class="request-state">Sent</);

  for (const [l, message] of [[expired, /This link has expired/], [revoked, /withdrawn by the sender/]]) {
    const page = await rc.get(l.path);
    assert.equal(page.status, 410);
    assert.match(page.text, message);
    const post = await rc.post('/partnership/authorize', { token: l.token, confirm: '1' });
    assert.equal(post.status, 410);
  }
  for (const path of [`/partnership/authorize?token=${'0'.repeat(64)}`, '/partnership/authorize?token=short', '/partnership/authorize']) {
    const page = await rc.get(path);
    assert.equal(page.status, 404, path);
    assert.match(page.text, /This link is not valid/);
  }
  assert.equal(liveCount(provider, reseller), 0);
});

test('both lists: search by name, 10 per page with links that keep the search, shared customers counted', async () => {
  const provider = arrangeOrg('provider', 'Pager Provider');
  const tag = freshTag();
  const resellers = [];
  for (let i = 0; i < 12; i++) {
    const r = arrangeOrg('reseller', `Zeta ${String(i).padStart(2, '0')} ${tag}`);
    partner(provider, r, i);
    resellers.push(r);
  }
  const odd = arrangeOrg('reseller', `Odd 100%_done ${tag}`);
  partner(provider, odd);
  const ended = arrangeOrg('reseller', `Zeta ended ${tag}`);
  sql(`INSERT INTO partnerships (provider_org_id, reseller_org_id, started_at, ended_at) VALUES
    (${provider.id}, ${ended.id}, UTC_TIMESTAMP() - INTERVAL 9 DAY, UTC_TIMESTAMP() - INTERVAL 1 DAY)`);
  // one customer with live relationships to both the provider and Zeta 00; one only with Zeta 00
  const customer = arrangeOrg('customer', 'Shared Customer');
  const other = arrangeOrg('customer', 'Unshared Customer');
  relate(customer, provider, resellers[0]);
  relate(other, resellers[0]);

  const pc = await signedIn(provider.admin);
  const all = await pc.get('/resellers');
  const rowsOf = (text) => [...text.matchAll(/<tr id="partner-(\d+)">/g)].map((m) => m[1]);
  assert.equal(rowsOf(all.text).length, 10, '10 per page');
  assert.ok(!all.text.includes(ended.name), 'an ended partnership is not listed');
  assert.match(all.text, /<a rel="next" href="\/resellers\?q=&amp;after=\d+%3A[^"]+">/);
  assert.match(all.text, /<a id="last-page" href="\/resellers\?q=&amp;last=1">/);

  const q = `zeta`;
  const first = await pc.get(`/resellers?q=${encodeURIComponent(q)}`);
  assert.deepEqual(rowsOf(first.text), resellers.slice(0, 10).map((r) => r.id), 'sorted by name');
  assert.match(first.text, /<a rel="next" href="\/resellers\?q=zeta&amp;after=[^"]+">Next/);
  assert.match(first.text, /name="q" value="zeta"/);
  assert.match(row(first.text, `partner-${resellers[0].id}`), /class="partner-shared">1</);
  assert.match(row(first.text, `partner-${resellers[1].id}`), /class="partner-shared">0</);
  const daysAgo = (n) => enDate(new Date(Date.now() - n * 86400e3));
  assert.match(row(first.text, `partner-${resellers[3].id}`), new RegExp(`class="partner-since">${daysAgo(3)}<`));
  const pages = await assertPaged(pc, '/resellers?q=zeta', rowsOf, resellers.map((r) => r.id), { pageSize: 10, lastUrl: '/resellers?q=zeta&last=1' });
  assert.match(pages[1].text, /<a rel="prev" href="\/resellers\?q=zeta&amp;before=[^"]+">/);
  assert.match(pages[1].text, /<a id="first-page" href="\/resellers\?q=zeta">/);
  assert.deepEqual(rowsOf((await pc.get('/resellers?q=ZET')).text), rowsOf(first.text), 'a word prefix');
  assert.deepEqual(rowsOf((await pc.get('/resellers?q=eta')).text), [], 'not a substring');
  assert.deepEqual(rowsOf((await pc.get('/resellers?q=zeta%2005')).text), [resellers[5].id], 'case-insensitive');
  assert.deepEqual(rowsOf((await pc.get(`/resellers?q=${encodeURIComponent('100%_')}`)).text), [odd.id], 'wildcards taken literally');
  const none = await pc.get(`/resellers?q=${encodeURIComponent('%')}x_`);
  assert.deepEqual(rowsOf(none.text), []);
  assert.match(none.text, /id="no-matches"/);

  // the provider's page about Zeta 00 lists the shared customer only
  const view = await pc.get(`/resellers/view?id=${resellers[0].id}`);
  assert.ok(view.text.includes(`<td>${customer.name}</td>`));
  assert.ok(!view.text.includes(other.name));

  // the reseller side: a reseller with 11 providers
  const reseller = arrangeOrg('reseller');
  const providers = [];
  for (let i = 0; i < 11; i++) {
    const p = arrangeOrg('provider', `Yota ${String(i).padStart(2, '0')} ${tag}`);
    partner(p, reseller);
    providers.push(p);
  }
  const rc = await signedIn(reseller.admin);
  const page1 = await rc.get('/indirect-providers');
  assert.equal(page1.status, 200);
  assert.deepEqual(rowsOf(page1.text), providers.slice(0, 10).map((p) => p.id));
  assert.match(page1.text, /<a rel="next" href="\/indirect-providers\?q=&amp;after=[^"]+">/);
  await assertPaged(rc, '/indirect-providers', rowsOf, providers.map((p) => p.id), { pageSize: 10, lastUrl: '/indirect-providers?last=1' });
  assert.deepEqual(rowsOf((await rc.get(`/indirect-providers?q=Yota+07+${tag}`)).text), [providers[7].id]);
  assert.match(row(page1.text, `partner-${providers[0].id}`), new RegExp(`<a href="/providers/view\\?id=${providers[0].id}">Yota 00`));
  // a member who is not an admin agent sees the list without End partnership
  const member = await signedIn(reseller.sales);
  const ro = await member.get('/indirect-providers');
  assert.equal(rowsOf(ro.text).length, 10);
  assert.doesNotMatch(ro.text, /End partnership/);
  assert.match(ro.text, /id="read-only"/);

  // the demo: Contoso sees Coho, not Fabrikam; providers and customers do not reach the reseller's page
  const sam = await signedIn(DEMO.reseller);
  const contoso = await sam.get('/indirect-providers');
  assert.match(contoso.text, /Coho Distribution/);
  for (const who of [DEMO.provider, DEMO.customer]) {
    const c = await signedIn(who);
    assert.equal((await c.get('/indirect-providers')).status, 403, who.upn);
  }
});

test('ending from the provider side: confirmation, then rights end at once', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const bystander = arrangeOrg('reseller');
  const pid = partner(provider, reseller, 3);
  partner(provider, bystander);
  const pc = await signedIn(provider.admin);
  assert.equal((await pc.get(`/resellers/view?id=${reseller.id}`)).status, 200);

  const confirm = await pc.get(`/resellers/end?id=${reseller.id}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, new RegExp(`<h1>End partnership with ${reseller.name}\\?</h1>`));
  assert.match(confirm.text, new RegExp(`takes effect immediately: ${provider.name} loses the right to act for ${reseller.name} and its customers`));
  assert.match(confirm.text, new RegExp(`action="/resellers/end"[\\s\\S]*name="csrf_token" value="[0-9a-f]{64}"[\\s\\S]*name="id" value="${reseller.id}"`));

  // the member without the admin agent role, the reseller, other ids
  const member = await signedIn(provider.sales);
  assert.equal((await member.get(`/resellers/end?id=${reseller.id}`)).status, 403);
  assert.equal((await member.post('/resellers/end', { id: reseller.id })).status, 403);
  assert.equal((await pc.get('/resellers/end?id=999999999')).status, 404);
  assert.equal((await pc.get(`/resellers/end?id=${arrangeOrg('reseller').id}`)).status, 404, 'no partnership with that reseller');
  assert.equal((await pc.post('/resellers/end', { id: reseller.id }, { csrf: false })).status, 403);
  assert.equal(liveCount(provider, reseller), 1);

  await pc.get(`/resellers/end?id=${reseller.id}`);
  const res = await pc.post('/resellers/end', { id: reseller.id });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/resellers?ended=${pid}`);
  const list = await pc.get(res.location);
  assert.match(list.text, new RegExp(`id="ended-notice">Your partnership with ${reseller.name} has ended.`));
  assert.ok(!row(list.text, `partner-${reseller.id}`), 'gone from the provider\'s list');
  assert.ok(row(list.text, `partner-${bystander.id}`), 'other partnerships stay');
  assert.equal((await pc.get(`/resellers/view?id=${reseller.id}`)).status, 404, 'rights end at once');
  assert.equal((await pc.get(`/resellers/end?id=${reseller.id}`)).status, 404);
  assert.equal((await pc.post('/resellers/end', { id: reseller.id })).status, 404);
  const rc = await signedIn(reseller.admin);
  assert.ok(!row((await rc.get('/indirect-providers')).text, `partner-${provider.id}`), 'gone from the reseller\'s list');
  assert.deepEqual(sql(`SELECT ended_at IS NOT NULL, ended_by = (SELECT id FROM users WHERE upn = '${provider.admin.upn}')
    FROM partnerships WHERE id = ${pid}`).split('\t'), ['1', '1']);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.ended' AND detail LIKE 'partnership ${pid}:%ended by the provider'`), '1');

  // the ended-notice names only the provider's own partnerships
  const stranger = await signedIn(arrangeOrg('provider').admin);
  assert.doesNotMatch((await stranger.get(`/resellers?ended=${pid}`)).text, /ended-notice/);

  // they can partner again through a new request
  const link = await requestPartnership(pc);
  assert.equal((await authorize(rc, link)).status, 303);
  assert.equal(liveCount(provider, reseller), 1);
  assert.equal((await pc.get(`/resellers/view?id=${reseller.id}`)).status, 200);
});

test('ending from the reseller side; a reseller cannot end or see another reseller\'s partnership', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const otherReseller = arrangeOrg('reseller');
  const pid = partner(provider, reseller);
  partner(provider, otherReseller);
  const pc = await signedIn(provider.admin);
  const rc = await signedIn(reseller.admin);

  // another reseller's partnership is not reachable from this account
  const oc = await signedIn(otherReseller.admin);
  assert.ok(!(await oc.get('/indirect-providers')).text.includes(reseller.name));
  // the other reseller ends only its own partnership with that provider: ids name the partner, never another reseller
  assert.equal((await oc.get(`/indirect-providers/end?id=${reseller.id}`)).status, 404);
  assert.equal(liveCount(provider, reseller), 1);
  // a provider cannot use the reseller's routes
  assert.equal((await pc.get(`/indirect-providers/end?id=${provider.id}`)).status, 403);
  const member = await signedIn(reseller.sales);
  assert.equal((await member.get(`/indirect-providers/end?id=${provider.id}`)).status, 403);

  const confirm = await rc.get(`/indirect-providers/end?id=${provider.id}`);
  assert.equal(confirm.status, 200);
  assert.match(confirm.text, new RegExp(`<h1>End partnership with ${provider.name}\\?</h1>`));
  assert.match(confirm.text, /takes effect immediately/);
  assert.match(confirm.text, /action="\/indirect-providers\/end"/);
  assert.equal((await rc.post('/indirect-providers/end', { id: provider.id }, { csrf: false })).status, 403);
  assert.equal(liveCount(provider, reseller), 1);

  await rc.get(`/indirect-providers/end?id=${provider.id}`);
  const res = await rc.post('/indirect-providers/end', { id: provider.id });
  assert.equal(res.status, 303);
  assert.equal(res.location, `/indirect-providers?ended=${pid}`);
  const list = await rc.get(res.location);
  assert.match(list.text, new RegExp(`id="ended-notice">Your partnership with ${provider.name} has ended.`));
  assert.ok(!row(list.text, `partner-${provider.id}`));
  assert.equal(liveCount(provider, reseller), 0);
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'partnership.ended' AND detail LIKE 'partnership ${pid}:%ended by the reseller'`), '1');
  // the provider loses its rights at once and its list no longer shows the reseller
  assert.equal((await pc.get(`/resellers/view?id=${reseller.id}`)).status, 404);
  const plist = await pc.get('/resellers');
  assert.ok(!row(plist.text, `partner-${reseller.id}`));
  assert.ok(row(plist.text, `partner-${otherReseller.id}`));
  assert.equal((await pc.get(`/resellers/end?id=${reseller.id}`)).status, 404);
  assert.equal((await rc.post('/indirect-providers/end', { id: provider.id })).status, 404);
});

test('shared customers are paged by name on both sides: the provider\'s reseller page and the reseller\'s provider page', async () => {
  const tag = freshTag();
  const provider = arrangeOrg('provider', `Share Provider ${tag}`);
  const reseller = arrangeOrg('reseller', `Share Reseller ${tag}`);
  partner(provider, reseller);
  // 30 customers shared by both, 3 with the reseller only; the relationships carry the customer's name (012)
  sql(`INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('sh', seq, '${tag}.example'), 'Share', 'US' FROM seq_1_to_33;
    INSERT INTO organizations (kind, name, tenant_id, country)
      SELECT 'customer', CONCAT('Shared ', LPAD(seq, 2, '0'), ' ${tag}'), id, 'US' FROM tenants t JOIN seq_1_to_33 ON t.domain = CONCAT('sh', seq, '${tag}.example');
    INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at)
      SELECT o.id, p.id, o.name, UTC_TIMESTAMP() FROM organizations o JOIN organizations p ON p.id IN (${provider.id}, ${reseller.id})
      WHERE o.name LIKE 'Shared % ${tag}' AND (p.id = ${reseller.id} OR o.name < 'Shared 31');`);
  const expected = sql(`SELECT id FROM organizations WHERE name LIKE 'Shared % ${tag}' AND name < 'Shared 31' ORDER BY name, id`).split('\n');
  assert.equal(expected.length, 30);
  const pc = await signedIn(provider.admin);
  assert.match(row((await pc.get('/resellers')).text, `partner-${reseller.id}`), /class="partner-shared">30</);
  const ids = (html) => [...html.matchAll(/<tr id="customer-(\d+)">/g)].map((m) => m[1]);
  const viewUrl = `/resellers/view?id=${reseller.id}`;
  const pages = await assertPaged(pc, viewUrl, ids, expected, { pageSize: 25, lastUrl: `${viewUrl}&last=1` });
  assert.match(pages[0].text, new RegExp(`<a rel="next" href="/resellers/view\\?id=${reseller.id}&amp;after=`));
  const rc = await signedIn(reseller.admin);
  const sharedUrl = `/indirect-providers/customers?provider=${provider.id}`;
  await assertPaged(rc, sharedUrl, ids, expected, { pageSize: 25, lastUrl: `${sharedUrl}&last=1` });
  // walked in name order along the reseller's ix_rel_partner_name: no filesort
  const plan = sql(`EXPLAIN SELECT c.id FROM customer_relationships b STRAIGHT_JOIN customer_relationships a
    ON a.customer_org_id = b.customer_org_id AND a.partner_org_id = ${provider.id} AND a.ended_at IS NULL
    JOIN organizations c ON c.id = b.customer_org_id WHERE b.partner_org_id = ${reseller.id} AND b.ended_at IS NULL
    AND (1 OR b.customer_name > '' OR (b.customer_name = '' AND b.customer_org_id > 0))
    ORDER BY b.customer_name, b.customer_org_id LIMIT 26`);
  assert.match(plan, /ix_rel_partner_name/);
  assert.doesNotMatch(plan, /filesort/);
});

test('partnership requests sent: the newest 25 on Indirect resellers, older ones paged on their own page', async () => {
  const provider = arrangeOrg('provider', 'Requesting Provider');
  const by = sql(`SELECT id FROM users WHERE upn = '${provider.admin.upn}'`);
  // 40 requests a minute apart, with their tokens, written straight into the database
  sql(`INSERT INTO email_tokens (token_hash, purpose, subject_id, created_by, created_at, expires_at)
      SELECT SHA2(CONCAT('req ${provider.tag} ', seq), 256), 'partnership', ${provider.id}, ${by},
        UTC_TIMESTAMP() - INTERVAL seq MINUTE, UTC_TIMESTAMP() + INTERVAL 30 DAY FROM seq_1_to_40;
    INSERT INTO partnership_requests (provider_org_id, token_id, created_by, created_at)
      SELECT ${provider.id}, id, ${by}, created_at FROM email_tokens WHERE purpose = 'partnership' AND subject_id = ${provider.id};`);
  const expected = sql(`SELECT id FROM partnership_requests WHERE provider_org_id = ${provider.id} ORDER BY created_at DESC, id DESC`).split('\n');
  const c = await signedIn(provider.admin);
  const ids = (html) => [...html.matchAll(/<tr id="request-(\d+)">/g)].map((m) => m[1]);
  const list = await c.get('/resellers');
  assert.deepEqual(ids(list.text), expected.slice(0, 25), 'the newest 25 on the resellers page');
  assert.match(list.text, /<a rel="next" href="\/resellers\/requests\?after=\d+%3A[^"]+">Older requests/);
  await assertPaged(c, '/resellers/requests', ids, expected, { pageSize: 25, lastUrl: '/resellers/requests?last=1' });
  const older = await c.get(htmlDecode(list.text.match(/<a rel="next" href="([^"]+)">Older requests/)[1]));
  assert.deepEqual(ids(older.text), expected.slice(25));
  assert.match(older.text, /action="\/resellers\/request\/revoke"/, 'an admin agent can revoke from there too');
  const reseller = await signedIn(arrangeOrg('reseller').admin);
  assert.equal((await reseller.get('/resellers/requests')).status, 403);
});

test('a partner sharing more than 1,000 customers shows "more than 1,000" on both sides', async () => {
  const tag = freshTag();
  const provider = arrangeOrg('provider', `Big Share Provider ${tag}`);
  const reseller = arrangeOrg('reseller', `Big Share Reseller ${tag}`);
  partner(provider, reseller);
  sql(`INSERT INTO tenants (domain, display_name, country) SELECT CONCAT('bs', seq, '${tag}.example'), 'Big share ${tag}', 'US' FROM seq_1_to_1001;
    INSERT INTO organizations (kind, name, tenant_id, country) SELECT 'customer', CONCAT('Big share ', id), id, 'US' FROM tenants WHERE display_name = 'Big share ${tag}';
    INSERT INTO customer_relationships (customer_org_id, partner_org_id, customer_name, started_at)
      SELECT o.id, p.id, o.name, UTC_TIMESTAMP() FROM tenants t JOIN organizations o ON o.tenant_id = t.id
      JOIN organizations p ON p.id IN (${provider.id}, ${reseller.id}) WHERE t.display_name = 'Big share ${tag}';`);
  const pc = await signedIn(provider.admin);
  assert.match(row((await pc.get('/resellers')).text, `partner-${reseller.id}`), /class="partner-shared">more than 1,000</);
  const rc = await signedIn(reseller.admin);
  assert.match(row((await rc.get('/indirect-providers')).text, `partner-${provider.id}`), /class="partner-shared">more than 1,000</);
});
