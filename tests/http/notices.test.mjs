// notices.test.mjs: every action ends on a page that says what happened and where to go next (issue 13):
// Done on a draft invitation or partnership request leads to the list that holds it, with a notice pointing
// at its row; replacing a temporary password goes straight on to the home page or the page the user was
// going to (never to another site); the Setup info's temporary password has a Copy button; the enrollment
// review flags a legal name that differs from the membership profile's and names countries. Fresh orgs each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, htmlDecode, sql } from '../lib/client.mjs';
import { HASH, PASSWORD, arrangeOrg, freshTag, partner, relate, signedIn } from '../lib/arrange.mjs';

const STRONG = 'Quokka-harbour-73-lintel';
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const doneHref = (page) => htmlDecode(page.text.match(/id="draft-done" href="([^"]+)"/)[1]);
const noticeOf = (page, id) => (page.text.match(new RegExp(`<p class="notice" role="status" id="${id}">([\\s\\S]*?)</p>`)) || [])[1];

// ---- Done on the drafts ----

test('Done on Request a reseller relationship leads to Invitations sent, whose notice points at the new invitation', async () => {
  const reseller = arrangeOrg('reseller');
  const c = await signedIn(reseller.admin);
  await c.get('/customers');
  const draft = await c.post('/customers/request-relationship');
  assert.equal(draft.status, 200);
  const id = sql(`SELECT MAX(id) FROM customer_invitations WHERE reseller_org_id = ${reseller.id}`);
  assert.equal(doneHref(draft), `/customers/invitations?sent=${id}`);

  const next = await c.get(doneHref(draft));
  assert.equal(next.status, 200);
  const notice = noticeOf(next, 'sent-notice');
  assert.ok(notice, 'the page after Done says what happened');
  assert.match(notice, /<a href="#invitation-(\d+)">Your invitation<\/a> is listed below under Invitations sent, marked Sent\./);
  assert.equal(notice.match(/#invitation-(\d+)/)[1], id, 'the notice links to the invitation\'s own row');
  assert.match(notice, /expires on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC\./);
  assert.match(notice, /<a href="\/customers">Customers<\/a>/);
  assert.doesNotMatch(notice, /becomes their partner of record too/, 'no provider was named');
  assert.match(next.text, new RegExp(`<tr id="invitation-${id}" class="just-sent">[\\s\\S]*?invitation-state">Sent<`));

  // the list without ?sent= (and with another number) shows no notice
  assert.doesNotMatch((await c.get('/customers/invitations')).text, /sent-notice/);
  assert.doesNotMatch((await c.get('/customers/invitations?sent=987654321')).text, /sent-notice/);
});

test('Done on Invite new customers (with a provider) names the provider in the notice', async () => {
  const reseller = arrangeOrg('reseller');
  const provider = arrangeOrg('provider');
  partner(provider, reseller);
  const c = await signedIn(reseller.sales);
  await c.get('/indirect-providers');
  const draft = await c.post('/indirect-providers/invite', { provider_id: provider.id });
  assert.equal(draft.status, 200);
  const next = await c.get(doneHref(draft));
  const notice = noticeOf(next, 'sent-notice');
  assert.ok(notice);
  assert.ok(notice.includes(`${provider.name} becomes their partner of record too`), notice);
  assert.match(notice, /<a href="\/indirect-providers">Indirect providers<\/a>/);
});

test("another reseller's invitation number shows no notice and no row", async () => {
  const owner = arrangeOrg('reseller');
  const c = await signedIn(owner.admin);
  await c.get('/customers');
  await c.post('/customers/request-relationship');
  const id = sql(`SELECT MAX(id) FROM customer_invitations WHERE reseller_org_id = ${owner.id}`);
  const other = await signedIn(arrangeOrg('reseller').admin);
  const page = await other.get(`/customers/invitations?sent=${id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /sent-notice|just-sent/);
  assert.ok(!page.text.includes(`invitation-${id}"`));
});

test('Done on Request a partnership: the notice links to the request in Partnership requests sent', async () => {
  const provider = arrangeOrg('provider');
  const c = await signedIn(provider.admin);
  await c.get('/resellers');
  const draft = await c.post('/resellers/request');
  assert.equal(draft.status, 200);
  const id = sql(`SELECT MAX(id) FROM partnership_requests WHERE provider_org_id = ${provider.id}`);
  assert.equal(doneHref(draft), `/resellers?requested=${id}`);
  const next = await c.get(doneHref(draft));
  const notice = noticeOf(next, 'requested-notice');
  assert.ok(notice);
  assert.match(notice, new RegExp(`listed below under <a href="#request-${id}">Partnership requests sent</a>, marked Sent`));
  assert.match(next.text, new RegExp(`<tr id="request-${id}">[\\s\\S]*?request-state">Sent<`));
});

// ---- the first-sign-in password change ----

function temporaryUser() {
  const org = arrangeOrg('reseller', 'Temporary');
  sql(`UPDATE users SET must_change_password = 1 WHERE upn = ${q(org.admin.upn)}`);
  return org;
}

async function signInAs(who, next) {
  const c = new Client();
  await c.get(next ? `/signin?next=${encodeURIComponent(next)}` : '/signin');
  const res = await c.post('/signin', { upn: who.upn, password: who.password, ...(next ? { next } : {}) });
  assert.equal(res.status, 303);
  return { c, res };
}

async function replaceTemporary(c, passwordPage) {
  const form = await c.get(passwordPage);
  assert.equal(form.status, 200);
  assert.match(form.text, /You signed in with a temporary password/);
  return { form, res: await c.post('/account/password', { current_password: PASSWORD, new_password: STRONG,
    confirm_password: STRONG, ...(form.text.match(/name="next" value="([^"]*)"/) ? { next: htmlDecode(form.text.match(/name="next" value="([^"]*)"/)[1]) } : {}) }) };
}

test('replacing a temporary password goes straight on to the home page', async () => {
  const org = temporaryUser();
  const { c, res: signin } = await signInAs(org.admin);
  assert.equal(signin.location, '/account/password');
  const { res } = await replaceTemporary(c, signin.location);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/home', 'not a page that only says the password changed');
  assert.equal(sql(`SELECT must_change_password FROM users WHERE upn = ${q(org.admin.upn)}`), '0');
  const home = await c.get(res.location);
  assert.equal(home.status, 200);
  assert.ok(home.text.includes(org.name));
});

test('replacing a temporary password goes on to the page the user was going to', async () => {
  const org = temporaryUser();
  const anon = new Client();
  const asked = await anon.get('/customers/invitations?last=1');
  assert.equal(asked.status, 303);
  const next = decodeURIComponent(asked.location.match(/^\/signin\?next=(.*)$/)[1]);
  assert.equal(next, '/customers/invitations?last=1');
  const { c, res: signin } = await signInAs(org.admin, next);
  assert.equal(new URL(signin.location, 'http://x').pathname, '/account/password', 'first the password page');
  assert.equal(new URL(signin.location, 'http://x').searchParams.get('next'), next, 'carrying where the user was going');
  const { form, res } = await replaceTemporary(c, signin.location);
  assert.match(form.text, /<input type="hidden" name="next" value="\/customers\/invitations\?last=1">/);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/customers/invitations?last=1');
  assert.match((await c.get(res.location)).text, /<h1>Invitations sent<\/h1>/);
});

test("an attacker's next never leads off the site: the change goes on to the home page", async () => {
  for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/%2f%2fevil.example', 'javascript:alert(1)',
    '/./../evil', '/%2e%2e/evil']) {
    const org = temporaryUser();
    const { c } = await signInAs(org.admin);
    const page = `/account/password?next=${encodeURIComponent(evil)}`;
    const { form, res } = await replaceTemporary(c, page);
    assert.ok(!form.text.includes('evil.example') || !/name="next" value="[^"]*evil/.test(form.text), `${evil}: not carried in the form`);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/home', `${evil} is refused`);
    // posted straight at the form, too
    const org2 = temporaryUser();
    const { c: c2 } = await signInAs(org2.admin);
    await c2.get('/account/password');
    const posted = await c2.post('/account/password', { current_password: PASSWORD, new_password: STRONG, confirm_password: STRONG, next: evil });
    assert.equal(posted.location, '/home', `${evil} posted is refused`);
  }
});

test('a password one chose is changed on the password page itself, which says so', async () => {
  const org = arrangeOrg('reseller', 'Chosen');
  const c = await signedIn(org.admin);
  await c.get('/account/password?next=/customers');
  const res = await c.post('/account/password', { current_password: PASSWORD, new_password: STRONG, confirm_password: STRONG, next: '/customers' });
  assert.equal(res.location, '/account/password?changed=1');
});

// ---- the Setup info's Copy button ----

test("the temporary password of a customer's new user has a Copy button", async () => {
  const { reseller, customer } = (() => {
    const provider = arrangeOrg('provider');
    const r = arrangeOrg('reseller');
    const cu = arrangeOrg('customer');
    partner(provider, r);
    relate(cu, provider, r);
    return { reseller: r, customer: cu };
  })();
  const c = await signedIn(reseller.admin);
  await c.get(`/customers/users?customer=${customer.id}`);
  const added = await c.post('/customers/users/add', { customer: customer.id, display_name: 'Kim Lee', user_name: `kim${freshTag()}` });
  assert.equal(added.status, 200, added.text.slice(0, 400));
  assert.match(added.text, /<dd id="setup-password"><code class="temp-password">[^<]+<\/code><\/dd>/);
  assert.match(added.text, /<button type="button" class="copy-button" id="copy-password" data-copy-from="setup-password" data-copy-status="password-copy-status" aria-label="Copy the temporary password">Copy<\/button>/);
  assert.match(added.text, /id="password-copy-status"[^>]*role="status"/);
  assert.match(added.text, /<script src="\/static\/app\.js" defer><\/script>/);
});

// ---- the enrollment review ----

function arrangeApplication(legalName) {
  const tag = freshTag();
  const domain = `nv${tag}.onmicrosoft.com`;
  const id = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Notice Tenant ${tag}', 'DE');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      SELECT id, 'nia@${domain}', 'Nia ${tag}', '${HASH}', 'global_admin' FROM tenants WHERE domain = '${domain}';
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, profile_id, legal_name,
      address_line1, address_line2, city, region, postal_code, country, phone, contact_name, contact_email,
      contact_phone, support_email, support_phone, support_website, status, submitted_at, verified_at)
      SELECT t.id, u.id, 0, '8${String(Date.now()).slice(-7)}${tag.slice(-3)}', (SELECT id FROM org_profiles WHERE mpn_id = '4200001'), ${q(legalName)},
        '1 Test Way', '', 'Berlin', 'BE', '10115', 'DE', '+49 30 555 0100', 'Casey ${tag}', 'casey-${tag}@example.com',
        '+49 30 555 0101', 'support-${tag}@example.com', '+49 30 555 0102', 'https://s-${tag}.example.com',
        'pending_review', UTC_TIMESTAMP(), UTC_TIMESTAMP()
      FROM tenants t JOIN users u ON u.tenant_id = t.id WHERE t.domain = '${domain}';
    SELECT LAST_INSERT_ID();`);
  return id;
}

async function reviewPage(id) {
  const c = new Client();
  await c.signIn(DEMO.vendor);
  const page = await c.get(`/admin/enrollments/view?id=${id}`);
  assert.equal(page.status, 200);
  return page.text;
}

test('the review flags a legal name that differs from the membership profile, in words, with both names', async () => {
  const profile = sql(`SELECT legal_name FROM org_profiles WHERE mpn_id = '4200001'`);
  assert.equal(profile, 'Contoso Ltd');
  const text = await reviewPage(arrangeApplication('Northwind Traders GmbH'));
  const flag = text.match(/<p class="flag" role="note" id="name-flag">([\s\S]*?)<\/p>/);
  assert.ok(flag, 'the page flags the name');
  assert.match(flag[1], /Check the legal name:<\/strong> the applicant's legal name differs from the name on the membership profile/);
  assert.match(flag[1], /Application: <q id="flag-legal-name">Northwind Traders GmbH<\/q>; membership profile: <q id="flag-profile-name">Contoso Ltd<\/q>/);
  assert.match(text, /id="app-legal-name">Northwind Traders GmbH <span class="flag-mark">\(differs from the membership profile's name\)<\/span>/);
  assert.match(text, /id="app-profile">Contoso Ltd, Redmond \(United States\) <span class="flag-mark">/);
});

test('a name spelled differently only in case, spacing or punctuation is noted, not flagged; the same name is neither', async () => {
  const spelled = await reviewPage(arrangeApplication('CONTOSO,  LTD.'));
  assert.match(spelled, /<p class="flag minor" role="note" id="name-flag">The legal name is spelled differently from the membership profile's, in letter case, spacing or punctuation only/);
  assert.doesNotMatch(spelled, /Check the legal name/);
  const same = await reviewPage(arrangeApplication('Contoso Ltd'));
  assert.doesNotMatch(same, /name-flag|flag-mark/);
  assert.match(same, /id="app-legal-name">Contoso Ltd<\/dd>/);
});

test('the review shows country names, not codes', async () => {
  const text = await reviewPage(arrangeApplication('Contoso Ltd'));
  assert.match(text, /<dt>Country<\/dt><dd>Germany<\/dd>/);
  assert.match(text, /Redmond \(United States\)/);
  assert.doesNotMatch(text, /<dd>DE<\/dd>|\(US\)/);
});
