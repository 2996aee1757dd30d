// rights_matrix.test.mjs: object-level rights, generated from the route table. Every route of cgi-src/routes.c
// has a row below saying how to aim it at an object of ANOTHER organization (or why it takes none); each route
// is sent by each kind of actor (vendor admin, provider, reseller, customer, anonymous) at such an object and
// must be refused (404 for an object, with the very page a missing id gets; 403 or the sign-in redirect for a
// kind-level guard) with nothing changed in the database. A route added to routes.c without a row fails here.
// The license hole of issue 10 (a subscription another provider sold) has its own named tests at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, arrangeSubscription, partner, relate, signedIn } from '../lib/arrange.mjs';

const MISSING = '987654321';
const key = () => randomBytes(32).toString('hex');

// ---- the route table, as routes.c has it ----

const ROUTES_C = readFileSync(new URL('../../cgi-src/routes.c', import.meta.url), 'utf8');
const ROWS_IN_ROUTES_C = ROUTES_C.match(/\{\s*"[A-Z]+",\s*"\//g).length;  // every { "METHOD", "/path" ... } row
const ROUTES = [...ROUTES_C
  .matchAll(/\{\s*"(GET|POST)",\s*"([^"]+)",\s*(\w+),\s*([A-Z_ |]+?)\s*\}/g)]
  .map(([, method, path, handler, who]) => ({ method, path, handler, name: `${method} ${path}`,
    who: new Set(who.split('|').map((w) => w.trim())) }));
const KINDS = { vendor: 'WHO_VENDOR', provider: 'WHO_PROVIDER', reseller: 'WHO_RESELLER', customer: 'WHO_CUSTOMER' };
const kindGuarded = (route) => Object.values(KINDS).some((k) => route.who.has(k));
const needsUser = (route) => [...route.who].some((w) => w !== 'WHO_ANYONE' && w !== 'WHO_NO_SESSION');
const admits = (route, kind) => !kindGuarded(route) || route.who.has(KINDS[kind]);

// ---- two worlds: A holds the actors, B ("another organization") holds the objects they aim at ----

const upnId = (who) => sql(`SELECT id FROM users WHERE upn = '${who.upn}'`);
const token = (purpose) => sql(`INSERT INTO email_tokens (token_hash, purpose, subject_id, created_at, expires_at)
  VALUES ('${key()}', '${purpose}', 0, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY); SELECT LAST_INSERT_ID();`);

function arrangeWorldB() {
  const provider = arrangeOrg('provider', 'Matrix Owner Provider');
  const reseller = arrangeOrg('reseller', 'Matrix Owner Reseller');
  const customer = arrangeOrg('customer', 'Matrix Owner Customer');
  const partnership = partner(provider, reseller);
  relate(customer, provider, reseller);
  const sub = arrangeSubscription(customer, provider, { reseller, licenses: 10 });
  const placer = upnId(provider.admin);
  const order = sql(`INSERT INTO orders (order_key, customer_org_id, placed_by_user, placed_by_org, placed_at, monthly_total_cents)
    VALUES ('${key()}', ${customer.id}, ${placer}, ${provider.id}, UTC_TIMESTAMP(), 0); SELECT LAST_INSERT_ID();`);
  sql(`INSERT INTO order_lines (order_id, subscription_id, offer_id, kind, licenses_after, unit_price_cents)
    SELECT ${order}, id, offer_id, 'new', 10, 1250 FROM subscriptions WHERE id = ${sub}`);
  const requestToken = token('partnership');
  const request = sql(`INSERT INTO partnership_requests (provider_org_id, token_id, created_by, created_at)
    VALUES (${provider.id}, ${requestToken}, ${placer}, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();`);
  const invitationToken = token('customer_invite');
  const invitation = sql(`INSERT INTO customer_invitations (reseller_org_id, provider_org_id, token_id, created_by, created_at)
    VALUES (${reseller.id}, ${provider.id}, ${invitationToken}, ${upnId(reseller.admin)}, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();`);
  const customerUser = upnId(customer.sales);  // a plain user of the customer's directory
  const providerUser = upnId(provider.sales);  // a member of the provider's account
  const applicant = arrangeOrg('customer', 'Matrix Applicant');
  const application = sql(`INSERT INTO enrollment_applications (tenant_id, applicant_user_id, legal_name, support_email,
    support_phone, status, submitted_at) SELECT tenant_id, ${upnId(applicant.admin)}, '${applicant.name}', 'support@example.com',
    '+1 555 0100', 'pending_review', UTC_TIMESTAMP() FROM organizations WHERE id = ${applicant.id}; SELECT LAST_INSERT_ID();`);
  const offer = sql(`SELECT id FROM offers WHERE sku = 'CP-STD'`);
  const apiToken = sql(`INSERT INTO api_tokens (user_id, org_id, name, token_hash, token_hint, scopes, expires_at)
    VALUES (${placer}, ${provider.id}, 'Matrix token', UNHEX(SHA2('${key()}', 256)), 'abcd', 'read', UTC_TIMESTAMP() + INTERVAL 1 DAY);
    SELECT LAST_INSERT_ID();`);
  return { provider, reseller, customer, partnership, sub, order, request, requestToken, invitation, invitationToken,
    customerUser, providerUser, application, offer, apiToken };
}

const arrangeWorldA = () => arrangeChain('Matrix Actor');

// ---- what the database must still say afterwards ----

const subRow = (B) => `SELECT CONCAT_WS(',', licenses, COALESCE(reseller_of_record_org_id, '-'), COALESCE(support_contact_org_id, '-'),
  (SELECT COUNT(*) FROM orders WHERE customer_org_id = ${B.customer.id}), (SELECT COUNT(*) FROM order_lines WHERE subscription_id = ${B.sub}))
  FROM subscriptions WHERE id = ${B.sub}`;
const customerRow = (B) => `SELECT CONCAT_WS(',', (SELECT COUNT(*) FROM subscriptions WHERE customer_org_id = ${B.customer.id}),
  (SELECT COUNT(*) FROM orders WHERE customer_org_id = ${B.customer.id}),
  (SELECT COUNT(*) FROM users u JOIN organizations o ON o.tenant_id = u.tenant_id WHERE o.id = ${B.customer.id}),
  (SELECT GROUP_CONCAT(CONCAT(u.id, ':', u.password_hash, ':', u.must_change_password) ORDER BY u.id) FROM users u
    JOIN organizations o ON o.tenant_id = u.tenant_id WHERE o.id = ${B.customer.id}),
  (SELECT COUNT(*) FROM license_assignments la JOIN subscriptions s ON s.id = la.subscription_id WHERE s.customer_org_id = ${B.customer.id}))`;
const userRow = (id) => `SELECT CONCAT_WS(',', password_hash, must_change_password, (SELECT COUNT(*) FROM license_assignments
  WHERE user_id = ${id}), (SELECT GROUP_CONCAT(CONCAT(org_id, admin_agent, sales_agent, helpdesk_agent)) FROM partner_users WHERE user_id = ${id}))
  FROM users WHERE id = ${id}`;
const partnershipRow = (B) => `SELECT CONCAT_WS(',', COALESCE(ended_at, 'live'), (SELECT COUNT(*) FROM customer_relationships
  WHERE partner_org_id IN (${B.provider.id}, ${B.reseller.id}) AND ended_at IS NULL),
  (SELECT COUNT(*) FROM customer_invitations WHERE provider_org_id = ${B.provider.id}),
  (SELECT COUNT(*) FROM organizations WHERE kind = 'customer')) FROM partnerships WHERE id = ${B.partnership}`;
const tokenRow = (id) => `SELECT CONCAT_WS(',', COALESCE(used_at, '-'), COALESCE(revoked_at, '-')) FROM email_tokens WHERE id = ${id}`;
const relationshipRow = (B) => `SELECT GROUP_CONCAT(CONCAT(partner_org_id, ':', COALESCE(ended_at, 'live')) ORDER BY id)
  FROM customer_relationships WHERE customer_org_id = ${B.customer.id}`;
const applicationRow = (B) => `SELECT CONCAT_WS(',', status, COALESCE(reviewed_at, '-')) FROM enrollment_applications WHERE id = ${B.application}`;
const offerRow = (B) => `SELECT CONCAT_WS(',', name, sku, monthly_price_cents, min_licenses, max_licenses, active, (SELECT COUNT(*) FROM offers)) FROM offers WHERE id = ${B.offer}`;
const listingRow = (B) => `SELECT CONCAT_WS(',', (SELECT COUNT(*) FROM provider_listings WHERE org_id = ${B.provider.id}),
  (SELECT COUNT(*) FROM provider_listings), (SELECT COUNT(*) FROM organizations WHERE kind = 'provider'))`;
const auditOf = (action) => `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`;

// ---- one row per route ----
// aims: the requests at B's objects: [label, (B, A) => ({ query | form }), (B, A) => the same with a missing id, watch].
// reason: why the route takes no object of another organization (its kind-level guard is still tested).
// expect: what an admitted kind gets instead of 404: 'absent' (200, and B's object is not on the page).

const own = (why) => ({ reason: why });
const vendorOwned = 'the vendor admin owns every object of the admin portal; other kinds are refused by kind';

const TABLE = {
  'GET /': own('redirects to the home page or to sign-in'),
  'GET /healthz': own('the health check'),
  'GET /signin': own('the sign-in form'),
  'POST /signin': own('signs in with a user name and password'),
  'POST /signout': own("ends the caller's own session"),
  'GET /account/password': own("the caller's own password"),
  'POST /account/password': own("the caller's own password"),
  'GET /home': own("the caller's own home page"),
  'POST /language': own("the caller's own language: a cookie, and for a signed-in person their own saved choice"),
  'GET /account/language': own("the caller's own language"),
  'POST /account/language': own("the caller's own language"),
  'GET /admin': own(vendorOwned),
  'GET /admin/activity': own(vendorOwned),
  'GET /admin/activity.csv': own(vendorOwned),
  ...Object.fromEntries(['GET /enroll', 'GET /enroll/status', ...['/enroll/welcome', '/enroll/directory', '/enroll/tenant', '/enroll/mpn',
    '/enroll/membership', '/enroll/membership/password', '/enroll/profile', '/enroll/details', '/enroll/review']
    .flatMap((p) => [`GET ${p}`, `POST ${p}`])].map((n) => [n, own("the wizard's state is bound to this browser's cookie, not to an id")])),
  'GET /enroll/verify': own('an unguessable single-use token, not an id (tests/http/enroll.test.mjs)'),
  'POST /enroll/verify': own('an unguessable single-use token, not an id (tests/http/enroll.test.mjs)'),

  'GET /admin/enrollments': own(vendorOwned),
  'GET /admin/enrollments/view': { reason: vendorOwned, aims: [['application', (B) => ({ query: { id: B.application } }), null, applicationRow]] },
  'POST /admin/enrollments/approve': { reason: vendorOwned, aims: [['application', (B) => ({ form: { id: B.application } }), null, applicationRow]] },
  'POST /admin/enrollments/reject': { reason: vendorOwned, aims: [['application', (B) => ({ form: { id: B.application, reason: 'No.' } }), null, applicationRow]] },
  'GET /admin/mail': own(vendorOwned),
  'POST /admin/mail/send-again': own(vendorOwned),

  'GET /account/users': own("lists the caller's own account"),
  'POST /account/users/add': { aims: [['a user of another tenant', (B) => ({ form: { user_id: B.providerUser, admin_agent: '1' } }),
    () => ({ form: { user_id: MISSING, admin_agent: '1' } }), (B) => userRow(B.providerUser)]] },
  'POST /account/users/roles': { aims: [["another account's member", (B) => ({ form: { user_id: B.providerUser, admin_agent: '1' } }),
    () => ({ form: { user_id: MISSING, admin_agent: '1' } }), (B) => userRow(B.providerUser)]] },
  'GET /account/users/view': { aims: [["another account's member", (B) => ({ query: { id: B.providerUser } }),
    () => ({ query: { id: MISSING } }), (B) => userRow(B.providerUser)]] },
  'GET /account/users/new': own("the form of a new user of the caller's own tenant"),
  'POST /account/users/new': own("creates a user in the caller's own tenant; the user name is not an id"),
  ...Object.fromEntries(['GET /account/activity', 'GET /account/activity.csv', 'GET /my/activity', 'GET /my/activity.csv'].map((n) => [n,
    { expect: 'absent', aims: [["another organization's user as the filter (tests/http/activity_parties.test.mjs)",
      (B) => ({ query: { user: B.provider.admin.upn } }), null, () => 'SELECT COUNT(*) FROM audit_visibility']],
    absent: (B) => [B.provider.name, B.reseller.name, B.customer.name] }])),
  'GET /account/switch': own("lists the caller's own accounts"),
  'GET /account/tokens': own("lists the caller's own tokens in their own account"),
  'POST /account/tokens/new': own("makes a token of the caller in their own account; the form holds no id"),
  'POST /account/tokens/revoke': { aims: [["another account's API token", (B) => ({ form: { token_id: B.apiToken } }),
    () => ({ form: { token_id: MISSING } }), (B) => `SELECT COALESCE(revoked_at, '-') FROM api_tokens WHERE id = ${B.apiToken}`]] },
  'POST /account/switch': { aims: [['an account the caller is no user of', (B) => ({ form: { org_id: B.provider.id } }),
    () => ({ form: { org_id: MISSING } }), () => auditOf('account.switched')]] },

  'GET /providers': own('the public provider list'),
  'GET /providers/view': { aims: [['a provider that is not listed', (B) => ({ query: { id: B.provider.id } }),
    () => ({ query: { id: MISSING } }), listingRow]] },
  'GET /admin/providers': own(vendorOwned),
  'GET /admin/providers/new': own(vendorOwned),
  'POST /admin/providers/new': { reason: vendorOwned, aims: [['a listing', (B) => ({ form: { tenant_id: '1', headline: 'x' } }), null, listingRow]] },
  'GET /admin/providers/edit': { reason: vendorOwned, aims: [['a provider', (B) => ({ query: { id: B.provider.id } }), null, listingRow]] },
  'POST /admin/providers/edit': { reason: vendorOwned, aims: [['a provider', (B) => ({ form: { id: B.provider.id, headline: 'x' } }), null, listingRow]] },
  'POST /admin/providers/delist': { reason: vendorOwned, aims: [['a provider', (B) => ({ form: { id: B.provider.id } }), null, listingRow]] },
  'POST /admin/providers/relist': { reason: vendorOwned, aims: [['a provider', (B) => ({ form: { id: B.provider.id } }), null, listingRow]] },

  'GET /resellers': { expect: 'absent', aims: [["notices naming another provider's request and partnership",
    (B) => ({ query: { requested: B.request, revoked: B.request, ended: B.partnership } }), null, partnershipRow]],
    absent: (B) => [B.reseller.name, 'requested-notice', 'revoked-notice'] },
  'GET /resellers/requests': { expect: 'absent', aims: [["another provider's requests", () => ({ query: {} }), null, partnershipRow]],
    absent: (B) => [`id="request-${B.request}"`] },
  'GET /resellers/view': { aims: [["another provider's reseller", (B) => ({ query: { id: B.reseller.id } }),
    () => ({ query: { id: MISSING } }), partnershipRow]] },
  'POST /resellers/request': own("creates the caller's own request"),
  'POST /resellers/request/revoke': { aims: [["another provider's request", (B) => ({ form: { id: B.request } }),
    () => ({ form: { id: MISSING } }), (B) => tokenRow(B.requestToken)]] },
  'GET /resellers/end': { aims: [["another provider's reseller", (B) => ({ query: { id: B.reseller.id } }),
    () => ({ query: { id: MISSING } }), partnershipRow]] },
  'POST /resellers/end': { aims: [["another provider's reseller", (B) => ({ form: { id: B.reseller.id } }),
    () => ({ form: { id: MISSING } }), partnershipRow]] },
  'GET /partnership/authorize': own('an unguessable single-use token, not an id (tests/http/partnerships.test.mjs)'),
  'POST /partnership/authorize': own('an unguessable single-use token, not an id (tests/http/partnerships.test.mjs)'),
  'GET /indirect-providers': { expect: 'absent', aims: [["notices naming another reseller's partnership",
    (B) => ({ query: { authorized: B.partnership, ended: B.partnership } }), null, partnershipRow]],
    absent: (B) => [B.provider.name, 'authorized-notice', 'ended-notice'] },
  'GET /indirect-providers/end': { aims: [["another reseller's provider", (B) => ({ query: { id: B.provider.id } }),
    () => ({ query: { id: MISSING } }), partnershipRow]] },
  'POST /indirect-providers/end': { aims: [["another reseller's provider", (B) => ({ form: { id: B.provider.id } }),
    () => ({ form: { id: MISSING } }), partnershipRow]] },

  'GET /admin/offers': own(vendorOwned),
  'GET /admin/offers/new': own(vendorOwned),
  'POST /admin/offers/new': { reason: vendorOwned, aims: [['the catalog', () => ({ form: { name: 'Matrix offer', sku: `MX-${Date.now()}`,
    price: '1.00', min_licenses: '1', max_licenses: '5', active: '1' } }), null, offerRow]] },
  'GET /admin/offers/edit': { reason: vendorOwned, aims: [['an offer', (B) => ({ query: { id: B.offer } }), null, offerRow]] },
  'POST /admin/offers/edit': { reason: vendorOwned, aims: [['an offer', (B) => ({ form: { id: B.offer, name: 'Taken over', sku: 'CP-STD',
    price: '0.01', min_licenses: '1', max_licenses: '300', active: '1' } }), null, offerRow]] },

  'GET /customers': { expect: { reseller: 'absent' }, aims: [["another provider's reseller as the filter",
    (B) => ({ query: { reseller: B.reseller.id, q: B.customer.tag } }), () => ({ query: { reseller: MISSING, q: '' } }), customerRow]],
    absent: (B) => [B.customer.name] },
  'GET /customers.csv': { expect: { reseller: 'absent' }, aims: [["another provider's reseller as the export's filter",
    (B) => ({ query: { reseller: B.reseller.id, q: B.customer.tag } }), () => ({ query: { reseller: MISSING, q: '' } }), customerRow]],
    absent: (B) => [B.customer.name] },
  'GET /customers/new': { aims: [["another provider's reseller", (B) => ({ query: { reseller: B.reseller.id } }),
    () => ({ query: { reseller: MISSING } }), partnershipRow]] },
  'POST /customers/new': { aims: [["another provider's reseller", (B) => ({ form: { reseller: B.reseller.id, step: 'details', action: 'next' } }),
    () => ({ form: { reseller: MISSING, step: 'details', action: 'next' } }), partnershipRow]] },
  'GET /customers/new/done': { aims: [["another provider's order", (B) => ({ query: { order: B.order } }),
    () => ({ query: { order: MISSING } }), customerRow]] },
  'GET /customers/subscriptions': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id } }),
    () => ({ query: { customer: MISSING } }), customerRow]] },
  'GET /customers/subscriptions.csv': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id } }),
    () => ({ query: { customer: MISSING } }), customerRow]] },
  'GET /customers/orders.csv': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id } }),
    () => ({ query: { customer: MISSING } }), customerRow]] },
  'GET /subscriptions/new': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id } }),
    () => ({ query: { customer: MISSING } }), customerRow]] },
  'POST /subscriptions/new': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id },
    form: { order_key: key(), [`licenses_${B.offer}`]: '5' } }), (B) => ({ query: { customer: MISSING }, form: { order_key: key(),
    [`licenses_${B.offer}`]: '5' } }), customerRow]] },
  'GET /subscriptions/view': { aims: [["another organization's subscription", (B) => ({ query: { id: B.sub } }),
    () => ({ query: { id: MISSING } }), subRow]] },
  'POST /subscriptions/licenses': { aims: [["another organization's subscription", (B) => ({ form: { subscription_id: B.sub, licenses: '7', order_key: key() } }),
    () => ({ form: { subscription_id: MISSING, licenses: '7', order_key: key() } }), subRow]] },
  'POST /subscriptions/support-contact': { aims: [["another organization's subscription", (B, A) => ({ form: { subscription_id: B.sub, support_org_id: A.provider.id } }),
    (B, A) => ({ form: { subscription_id: MISSING, support_org_id: A.provider.id } }), subRow]] },
  'POST /subscriptions/reseller': { aims: [["another organization's subscription", (B) => ({ form: { subscription_id: B.sub, reseller_org_id: '' } }),
    () => ({ form: { subscription_id: MISSING, reseller_org_id: '' } }), subRow]] },
  'GET /orders/view': { aims: [["another organization's order", (B) => ({ query: { id: B.order } }), () => ({ query: { id: MISSING } }), subRow]] },

  'GET /customers/users': { aims: [["another organization's customer", (B) => ({ query: { customer: B.customer.id } }),
    () => ({ query: { customer: MISSING } }), customerRow]] },
  'POST /customers/users/add': { aims: [["another organization's customer", (B) => ({ form: { customer: B.customer.id, display_name: 'Mallory',
    user_name: 'mallory', global_admin: '1' } }), () => ({ form: { customer: MISSING, display_name: 'Mallory', user_name: 'mallory' } }), customerRow]] },
  ...Object.fromEntries([['POST', 'reset-password'], ['GET', 'licenses'], ['POST', 'licenses'], ['GET', 'remove'], ['POST', 'remove']]
    .map(([method, what]) => {
      const shape = (fields) => (method === 'GET' ? { query: fields } : { form: fields });
      const licenses = (B) => (what === 'licenses' ? { [`license_${B.sub}`]: '1' } : {});
      return [`${method} /customers/users/${what}`, { aims: [
        ["another organization's customer", (B) => shape({ customer: B.customer.id, user: B.customerUser, ...licenses(B) }),
          (B) => shape({ customer: MISSING, user: B.customerUser, ...licenses(B) }), customerRow],
        ["a user of another organization's customer, named with the caller's own customer",
          (B, A) => shape({ customer: A.customer.id, user: B.customerUser, ...licenses(B) }),
          (B, A) => shape({ customer: A.customer.id, user: MISSING, ...licenses(B) }), (B) => userRow(B.customerUser)],
      ] }];
    })),

  'POST /customers/request-relationship': own("creates the caller's own invitation"),
  'POST /indirect-providers/invite': { aims: [["another reseller's provider", (B) => ({ form: { provider_id: B.provider.id } }),
    () => ({ form: { provider_id: MISSING } }), partnershipRow]] },
  'GET /customers/invitations': { expect: 'absent', aims: [["a notice naming another reseller's invitation",
    (B) => ({ query: { sent: B.invitation } }), null, (B) => tokenRow(B.invitationToken)]],
    absent: (B) => ['sent-notice', `id="invitation-${B.invitation}"`] },
  'POST /customers/invitations/revoke': { aims: [["another reseller's invitation", (B) => ({ form: { id: B.invitation } }),
    () => ({ form: { id: MISSING } }), (B) => tokenRow(B.invitationToken)]] },
  'GET /indirect-providers/customers': { aims: [["another reseller's provider", (B) => ({ query: { provider: B.provider.id } }),
    () => ({ query: { provider: MISSING } }), customerRow]] },
  'GET /relationship/authorize': own('an unguessable single-use token, not an id (tests/http/invitations.test.mjs)'),
  'POST /relationship/authorize': own('an unguessable single-use token, not an id (tests/http/invitations.test.mjs)'),
  'GET /my/partners': own("lists the caller's own partners"),
  'GET /my/partners/end': { aims: [["another customer's partner", (B) => ({ query: { id: B.provider.id } }),
    () => ({ query: { id: MISSING } }), relationshipRow]] },
  'POST /my/partners/end': { aims: [["another customer's partner", (B) => ({ form: { id: B.provider.id } }),
    () => ({ form: { id: MISSING } }), relationshipRow]] },
  'GET /my/subscriptions': own("lists the caller's own subscriptions"),
};

// ---- sending ----

const pathOf = (route, q = {}) => `${route.path}${Object.keys(q).length ? `?${new URLSearchParams(q)}` : ''}`;
const send = (client, route, req) => (route.method === 'GET' ? client.get(pathOf(route, req.query))
  : client.post(pathOf(route, req.query), req.form || {}));
// The page without what differs from one request to the next (nothing should, but a form's one-time key would).
const comparable = (text) => text.replace(/[0-9a-f]{64}/g, 'KEY');

async function actors(A) {
  const anonymous = new Client();
  await anonymous.get('/signin');  // its CSRF cookie: POSTs pass the CSRF check and meet the sign-in guard
  return { vendor: await signedIn(DEMO.vendor), provider: await signedIn(A.provider.admin),
    reseller: await signedIn(A.reseller.admin), customer: await signedIn(A.customer.admin), anonymous };
}

test('every route in routes.c has a row in the rights table, and every row names a route', () => {
  assert.ok(ROUTES.length > 80, `parsed ${ROUTES.length} routes from routes.c`);
  assert.equal(ROUTES.length, ROWS_IN_ROUTES_C, 'a row of routes.c this test cannot read: keep the { "GET", "/path", handler, WHO_... } form');
  const names = new Set(ROUTES.map((r) => r.name));
  assert.deepEqual(ROUTES.map((r) => r.name).filter((n) => !TABLE[n]), [], 'routes without a row in rights_matrix.test.mjs');
  assert.deepEqual(Object.keys(TABLE).filter((n) => !names.has(n)), [], 'rows for routes that routes.c no longer has');
  for (const [name, row] of Object.entries(TABLE))
    assert.ok(row.reason || row.aims?.length, `${name}: either a reason or a way to aim at another organization's object`);
});

// What KIND gets from ROUTE aimed at another organization's object: 'signin' (the sign-in redirect), 'kind'
// (403 by organization kind), 'object' (the 404 of a missing id), 'absent' (its own list, without B's object), or
// 'skip' (the route takes no object of another organization for this kind: its row says why).
function expectation(route, row, kind) {
  if (kind === 'anonymous') return needsUser(route) ? 'signin' : row.reason ? 'skip' : 'object';
  if (!admits(route, kind)) return 'kind';
  if (row.reason) return 'skip';
  return (typeof row.expect === 'object' ? row.expect[kind] : row.expect) ?? 'object';
}
const NO_OBJECT = [['no object', () => ({}), null, () => 'SELECT COUNT(*) FROM audit_log']];

async function assertRefusal(expected, res, what, row, B, client, route, missing, A) {
  if (expected === 'signin') {
    assert.equal(res.status, 303, what);
    assert.match(res.location, /^\/signin\?next=/, what);
  } else if (expected === 'kind') {
    assert.equal(res.status, 403, what);
    assert.match(res.text, /Your organization does not have access to this page/, what);
  } else if (expected === 'absent') {
    assert.equal(res.status, 200, what);
    for (const s of row.absent(B)) assert.ok(!res.text.includes(s), `${what}: the page shows ${s}`);
  } else {
    assert.equal(res.status, 404, `${what}: ${res.text.match(/<main[\s\S]*?<\/main>/)?.[0] ?? res.text.slice(0, 300)}`);
    if (!missing) return;
    const gone = await send(client, route, missing(B, A));
    assert.equal(gone.status, 404, `${what}, the missing id`);
    assert.equal(comparable(res.text), comparable(gone.text), `${what}: the same page as a missing id (no existence oracle)`);
  }
}

test('each route x each kind of actor x an object of another organization: refused, the same 404 as a missing id, nothing changed', async (t) => {
  const A = arrangeWorldA(), B = arrangeWorldB();
  const who = await actors(A);
  for (const route of ROUTES) {
    const row = TABLE[route.name];
    if (!row) continue;  // the test above names it
    await t.test(route.name, async () => {
      for (const [label, aim, missing, watch] of row.aims ?? NO_OBJECT) {
        for (const [kind, client] of Object.entries(who)) {
          const expected = expectation(route, row, kind);
          if (expected === 'skip') continue;
          const what = `${route.name} by the ${kind} at ${label}`;
          const before = sql(watch(B, A));
          const res = await send(client, route, aim(B, A));
          await assertRefusal(expected, res, what, row, B, client, route, missing, A);
          assert.equal(sql(watch(B, A)), before, `${what}: the database changed`);
        }
      }
    });
  }
});

// ---- issue 10, item 1: who may change a subscription's licenses ----

const FABRIKAM = { id: sql(`SELECT id FROM organizations WHERE name = '${DEMO.provider.org}' AND kind = 'provider'`), name: DEMO.provider.org };
const licensesOf = (sub) => sql(`SELECT licenses FROM subscriptions WHERE id = ${sub}`);
const ordersFor = (sub) => sql(`SELECT COUNT(*) FROM order_lines WHERE subscription_id = ${sub}`);

// POST a license change as CLIENT after opening the subscription's page; the response and the page.
async function changeLicenses(client, sub, licenses) {
  const page = await client.get(`/subscriptions/view?id=${sub}`);
  const order_key = page.text.match(/name="order_key" value="([0-9a-f]{64})"/)?.[1] ?? key();
  return { page, res: await client.post('/subscriptions/licenses', { subscription_id: sub, licenses, order_key }) };
}

async function assertRefused(client, sub, what) {
  const { page, res } = await changeLicenses(client, sub, '25');
  assert.equal(licensesOf(sub), '10', `${what}: the license count changed`);
  assert.equal(ordersFor(sub), '0', `${what}: an order was recorded`);
  assert.equal(res.status, 403, `${what}: ${res.status} ${res.location ?? ''}`);
  assert.match(res.text, /Only the indirect provider that sold this subscription, or its reseller of record while their partnership stands/);
  assert.equal(page.status, 200, `${what}: a partner of record of the customer still sees the subscription`);
  assert.match(page.text, /id="licenses-not-ours">Only [^<]+, which sold this subscription, or its reseller of record/);
  assert.doesNotMatch(page.text, /action="\/subscriptions\/licenses"/);
}

test('item 1: Fabrikam cannot change licenses of a subscription a second provider sold to a customer both serve', async () => {
  const second = arrangeOrg('provider', 'Rights Second Provider');
  const customer = arrangeOrg('customer', 'Rights Shared Customer');
  relate(customer, FABRIKAM, second);
  const sub = arrangeSubscription(customer, second, { licenses: 10 });
  await assertRefused(await signedIn(DEMO.provider), sub, 'Fabrikam');
  for (const path of ['/subscriptions/support-contact', '/subscriptions/reseller']) {
    const c = await signedIn(DEMO.provider);
    await c.get(`/subscriptions/view?id=${sub}`);
    assert.equal((await c.post(path, { subscription_id: sub, support_org_id: FABRIKAM.id, reseller_org_id: '' })).status, 403, path);
  }
  assert.equal(sql(`SELECT CONCAT_WS(',', support_contact_org_id, COALESCE(reseller_of_record_org_id, '-')) FROM subscriptions WHERE id = ${sub}`),
    `${second.id},-`);
});

test('item 1: a reseller with no partnership with the selling provider cannot change licenses', async () => {
  const seller = arrangeOrg('provider', 'Rights Seller');
  const reseller = arrangeOrg('reseller', 'Rights Unpartnered Reseller');
  const partneredElsewhere = arrangeOrg('provider', 'Rights Other Provider');
  const customer = arrangeOrg('customer', 'Rights Customer');
  partner(partneredElsewhere, reseller);
  relate(customer, seller, reseller, partneredElsewhere);
  const ofRecord = arrangeSubscription(customer, seller, { reseller, licenses: 10 });  // of record, yet never the seller's partner
  const notOfRecord = arrangeSubscription(customer, seller, { licenses: 10 });
  const rc = await signedIn(reseller.admin);
  await assertRefused(rc, ofRecord, 'reseller of record without a partnership');
  await assertRefused(rc, notOfRecord, 'partner of record only');
  // partnered with the seller but not the reseller of record: still not theirs to change
  const partnered = arrangeOrg('reseller', 'Rights Partnered Not Of Record');
  partner(seller, partnered);
  relate(customer, partnered);
  await assertRefused(await signedIn(partnered.admin), ofRecord, 'a partner of the seller that is not the reseller of record');
});

test('item 1: after the partnership with the selling provider ended, its reseller of record cannot change licenses', async () => {
  const seller = arrangeOrg('provider', 'Rights Ending Seller');
  const reseller = arrangeOrg('reseller', 'Rights Ended Reseller');
  const customer = arrangeOrg('customer', 'Rights Ending Customer');
  const p = partner(seller, reseller);
  relate(customer, seller, reseller);
  const sub = arrangeSubscription(customer, seller, { reseller, licenses: 10 });
  const rc = await signedIn(reseller.sales);
  const { page } = await changeLicenses(rc, sub, '10');  // while the partnership stands the form is there
  assert.match(page.text, /action="\/subscriptions\/licenses"/);
  sql(`UPDATE partnerships SET ended_at = UTC_TIMESTAMP() WHERE id = ${p}`);
  await assertRefused(rc, sub, 'reseller of record after the partnership ended');
});

test('item 1, the positive side: the selling provider and its live reseller of record still change licenses', async () => {
  const seller = arrangeOrg('provider', 'Rights Good Seller');
  const reseller = arrangeOrg('reseller', 'Rights Good Reseller');
  const customer = arrangeOrg('customer', 'Rights Good Customer');
  partner(seller, reseller);
  relate(customer, seller, reseller);
  const sub = arrangeSubscription(customer, seller, { reseller, licenses: 10 });
  for (const [who, org, n] of [[seller.sales, seller, '12'], [reseller.admin, reseller, '15']]) {
    const { res } = await changeLicenses(await signedIn(who), sub, n);
    assert.equal(res.status, 303, `${who.upn}: ${res.text.slice(0, 300)}`);
    const order = res.location.match(/^\/orders\/view\?id=(\d+)$/)[1];
    assert.equal(sql(`SELECT placed_by_org FROM orders WHERE id = ${order}`), org.id);
    assert.equal(licensesOf(sub), n);
  }
  assert.equal(ordersFor(sub), '2');
  // a helpdesk agent of the seller sees the page but has no form: the role, not the subscription, refuses
  const hd = await signedIn(seller.helpdesk);
  const view = await hd.get(`/subscriptions/view?id=${sub}`);
  assert.match(view.text, /id="licenses-read-only"/);
});
