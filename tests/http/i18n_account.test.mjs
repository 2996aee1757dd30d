// i18n_account.test.mjs: the account pages in Spanish (the lang=es cookie of the footer's picker): home for
// each kind of account, Account settings > User management (list, a user's page with Update, New user and its
// Setup info), Switch account, the customer's My partners / My subscriptions / ending a relationship; the
// header's account kind, the guards' 403s, the 404s, a field error of validate.c, the country list of the
// enrollment wizard (Debian's iso-codes, in Spanish order) and nginx's own error page in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Client, DEMO, sql } from '../lib/client.mjs';
import { arrangeChain, arrangeOrg, arrangeSubscription } from '../lib/arrange.mjs';

const SPANISH_DATE = /\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic) \d{4}/;
const userId = (upn) => sql(`SELECT id FROM users WHERE upn = '${upn}'`);

function spanish() {
  const c = new Client();
  c.cookies.set('lang', 'es');
  return c;
}

async function signedInSpanish(who) {
  const c = spanish();
  await c.signIn(who);
  return c;
}

// A page in Spanish: STATUS, <html lang="es">, and none of ENGLISH left.
function assertSpanish(res, status, english) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.text, /<html lang="es">/);
  if (english) assert.doesNotMatch(res.text, english);
}

const headerKind = (text) => (text.match(/<span class="who-kind">\(([^)]*)\)<\/span>/) || [])[1];

test('home in Spanish for each kind of demo account, with its kind in the header', async () => {
  const kinds = [
    [DEMO.vendor, 'Administración del proveedor del programa', 'administración del proveedor del programa'],
    [DEMO.provider, 'Proveedor indirecto', 'proveedor indirecto'],
    [DEMO.reseller, 'Revendedor indirecto', 'revendedor indirecto'],
    [DEMO.customer, 'Cliente', 'cliente'],
  ];
  for (const [who, kind, header] of kinds) {
    const page = await (await signedInSpanish(who)).get('/home');
    assertSpanish(page, 200, /\bWelcome\b|Signed in as|Account type|Directory tenant|Directory role|Open the admin portal/);
    assert.match(page.text, /<h1>Le damos la bienvenida, /);
    assert.match(page.text, /<dt>Tipo de cuenta<\/dt><dd id="home-kind">([^<]*)<\/dd>/);
    assert.equal(page.text.match(/id="home-kind">([^<]*)</)[1], kind);
    assert.equal(headerKind(page.text), header, who.upn);
    if (who === DEMO.vendor) assert.match(page.text, /Abrir el portal de administración/);
  }
});

test('User management, a user\'s page with Actualización, in Spanish; a refused Update comes back in Spanish', async () => {
  const org = arrangeOrg('reseller', 'Es Reseller');
  const ada = await signedInSpanish(org.admin);
  const list = await ada.get('/account/users');
  assertSpanish(list, 200, /\bUpdate\b|Add user|Admin agent|Sales agent|Helpdesk agent|User management|Account settings|\bFind\b|Create a new user|Added \(UTC\)/);
  assert.match(list.text, /<p class="hint">Configuración de la cuenta<\/p>/);
  assert.match(list.text, /<h1>Administración de usuarios<\/h1>/);
  assert.match(list.text, /<span class="roles">Agente de administración<\/span>/);
  assert.match(list.text, /<span class="roles">Agente de ventas<\/span>/);
  assert.match(list.text, /> Agente de administración<\/label>/);
  assert.match(list.text, /aria-label="Actualización de los roles de Max Sales [^"]*">Actualización<\/button>/);
  assert.match(list.text, /<h2>Agregar usuario<\/h2>/);
  assert.match(list.text, SPANISH_DATE);

  const max = userId(org.sales.upn);
  const page = await ada.get(`/account/users/view?id=${max}`);
  assertSpanish(page, 200, /\bUpdate\b|Sign-in|Back to User management|\bActive\b|Roles of/);
  assert.match(page.text, /Configuración de la cuenta &rsaquo; <a href="\/account\/users">Administración de usuarios<\/a>/);
  assert.match(page.text, /id="update-roles">Actualización<\/button>/);
  assert.match(page.text, /<dt>Inicio de sesión<\/dt><dd id="user-sign-in">Activo<\/dd>/);
  assert.match(page.text, SPANISH_DATE);

  const none = await ada.post('/account/users/roles', { user_id: max, from: 'user' });
  assertSpanish(none, 400);
  assert.match(none.text, /Elija al menos un rol\. Cada usuario de la cuenta necesita un rol\./);
  const updated = await ada.post('/account/users/roles', { user_id: max, sales_agent: '1', helpdesk_agent: '1' });
  assert.equal(updated.status, 303);
  const after = await ada.get(updated.location.replace(BASE, ''));
  assert.match(after.text, /Se han actualizado los roles de Max Sales/);
  assert.match(after.text, /<span class="roles">Agente de ventas, Agente del departamento de soporte técnico<\/span>/);

  const missing = await ada.get('/account/users/view?id=999999999');
  assertSpanish(missing, 404, /There is no such user/);
  assert.match(missing.text, /Ese usuario no existe en esta cuenta\. Elija un usuario de la lista de Administración de usuarios\./);
});

test('New user in Spanish: a field error of validate.c, then the created page with Información de configuración', async () => {
  const org = arrangeOrg('provider', 'Es Provider');
  const ada = await signedInSpanish(org.admin);
  const form = await ada.get('/account/users/new');
  assertSpanish(form, 200, /New user|Display name|Create user|\bCancel\b|at least one/);
  assert.match(form.text, /<h1>Nuevo usuario<\/h1>/);
  assert.match(form.text, /Crear usuario<\/button> <a href="\/account\/users">Cancelar<\/a>/);

  const bad = await ada.post('/account/users/new', { display_name: '', user_name: 'rosa', sales_agent: '1' });
  assertSpanish(bad, 400, /is required/);
  assert.match(bad.text, /<p class="field-error" id="display_name-error">Nombre para mostrar es obligatorio\.<\/p>/);

  const made = await ada.post('/account/users/new', { display_name: 'Rosa Díaz', user_name: 'rosa', sales_agent: '1' });
  assertSpanish(made, 200, /Setup info|User created|Temporary password|\bCopy\b|\bDone\b/);
  assert.match(made.text, /<h1>Usuario creado<\/h1>/);
  assert.match(made.text, /<h2>Información de configuración<\/h2>/);
  assert.match(made.text, new RegExp(`Rosa Díaz se ha creado en el inquilino de su directorio y se ha agregado a ${org.name} como Agente de ventas\\.`));
  assert.match(made.text, />Listo<\/a>/);
  assert.match(made.text, />Copiar<\/button>/);
});

test('guards refuse in Spanish: 403 for a role or an account kind, 404 for no page, the CSRF check', async () => {
  const org = arrangeOrg('reseller', 'Es Guard');
  const max = await signedInSpanish(org.sales);
  const noRole = await max.get('/account/users/new');
  assertSpanish(noRole, 403, /Only admin agents/);
  assert.match(noRole.text, /Solo los agentes de administración de su cuenta pueden hacer esto\. Pida a uno de ellos que le asigne el rol\./);
  assert.match(noRole.text, /Prohibido/);
  const customer = await signedInSpanish(DEMO.customer);
  const kind = await customer.get('/account/users');
  assertSpanish(kind, 403, /does not have access/);
  assert.match(kind.text, /Su organización no tiene acceso a esta página\./);
  const nowhere = await customer.get('/no-such-page');
  assertSpanish(nowhere, 404, /There is no page/);
  assert.match(nowhere.text, /No hay ninguna página en esta dirección\. Compruebe el vínculo o vuelva a empezar desde la página de inicio\./);
  assert.match(nowhere.text, /No encontrado/);
  const forged = await max.post('/account/switch', { org_id: org.id, csrf_token: '0'.repeat(64) });
  assertSpanish(forged, 403, /This form has expired/);
  assert.match(forged.text, /Este formulario ha caducado o no procede de este sitio\./);
});

test('Switch account in Spanish, the kinds of each account named in Spanish', async () => {
  const provider = arrangeOrg('provider', 'Es Switch Provider');
  const reseller = arrangeOrg('reseller', 'Es Switch Reseller');
  sql(`INSERT INTO partner_users (org_id, user_id, admin_agent, sales_agent, helpdesk_agent, added_at)
    SELECT ${reseller.id}, id, 0, 1, 0, UTC_TIMESTAMP() FROM users WHERE upn = '${provider.admin.upn}'`);
  const ada = await signedInSpanish(provider.admin);
  const page = await ada.get('/account/switch');
  assertSpanish(page, 200, /Switch account|\bCurrent\b|Act for|You are a user|indirect (provider|reseller)/);
  assert.match(page.text, /<h1>Cambiar de cuenta<\/h1>/);
  assert.match(page.text, /<strong class="current-account">Actual<\/strong>/);
  assert.match(page.text, new RegExp(`Actuar en nombre de ${reseller.name} \\(revendedor indirecto\\)</button>`));
  assert.equal(headerKind(page.text), 'proveedor indirecto');
  await ada.get('/account/switch');
  const moved = await ada.post('/account/switch', { org_id: reseller.id });
  assert.equal(moved.status, 303);
  const home = await ada.get('/home');
  assert.equal(home.text.match(/id="home-kind">([^<]*)</)[1], 'Revendedor indirecto');
  assert.equal(headerKind(home.text), 'revendedor indirecto');
});

test('a customer\'s My partners, My subscriptions and ending a relationship, in Spanish', async () => {
  const { provider, reseller, customer } = arrangeChain('Es Chain');
  arrangeSubscription(customer, provider, { reseller, licenses: 1234 });
  const ada = await signedInSpanish(customer.admin);
  const partners = await ada.get('/my/partners');
  assertSpanish(partners, 200, /My partners|End relationship|Indirect provider|>Reseller<|\bSince\b|\bKind\b|partners of record/);
  assert.match(partners.text, /<h1>Mis partners<\/h1>/);
  assert.match(partners.text, /<td class="partner-kind">Proveedor indirecto<\/td>/);
  assert.match(partners.text, /<td class="partner-kind">Revendedor<\/td>/);
  assert.match(partners.text, new RegExp(`aria-label="Finalizar la relación con ${reseller.name}"`));
  assert.match(partners.text, new RegExp(`<td class="partner-since">${SPANISH_DATE.source}</td>`));

  const subs = await ada.get('/my/subscriptions');
  assertSpanish(subs, 200, /My subscriptions|Reseller of record|Support contact|Assigned to users|\bLicenses\b|\bOffer\b/);
  assert.match(subs.text, /<h1>Mis suscripciones<\/h1>/);
  assert.match(subs.text, /<th>Revendedor de registro<\/th><th>Contacto de soporte técnico<\/th>/);
  assert.match(subs.text, /<td class="sub-licenses">1\.234<\/td>/);

  const confirm = await ada.get(`/my/partners/end?id=${reseller.id}`);
  assertSpanish(confirm, 200, /End relationship|\bCancel\b|will no longer/);
  assert.match(confirm.text, new RegExp(`<h1>Finalizar la relación con ${reseller.name}</h1>`));
  assert.match(confirm.text, /dejará de ser partner de registro de su organización/);
  const ended = await ada.post('/my/partners/end', { id: reseller.id });
  assert.equal(ended.status, 303);
  const after = await ada.get('/my/partners?ended=1');
  assert.match(after.text, /La relación ha finalizado; ese partner ya no tiene acceso a su organización\./);
  const gone = await ada.get(`/my/partners/end?id=${reseller.id}`);
  assertSpanish(gone, 404, /has no relationship/);
  assert.match(gone.text, /Su organización no tiene ninguna relación con ese partner\./);
});

test('the country select is in Spanish and in Spanish order; an unknown country is refused in Spanish', async () => {
  const c = spanish();
  await c.get('/enroll/welcome');
  assert.equal((await c.post('/enroll/welcome')).status, 303);
  const page = await c.get('/enroll/tenant');
  assertSpanish(page, 200);
  const select = page.text.match(/<select[^>]*name="country"[^>]*>([\s\S]*?)<\/select>/)[1];
  const options = [...select.matchAll(/<option value="([A-Z]{2})"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
  assert.ok(options.length >= 249, `${options.length} countries`);
  const name = Object.fromEntries(options);
  assert.equal(name.ES, 'España');
  assert.equal(name.DE, 'Alemania');
  assert.doesNotMatch(select, />Spain<|>Germany</);
  const at = (code) => options.findIndex(([c]) => c === code);
  assert.ok(at('AF') < at('DE') && at('DE') < at('ES') && at('ES') < at('AX') && at('AX') < at('ZM'),
    'Afganistán, Alemania, España, Islas Äland, Zambia in that order');
  assert.ok(at('IN') < at('AX') && at('AX') < at('IT'), 'Islas Äland among the I\'s');
  const refused = await c.post('/enroll/tenant', { domain_prefix: `es${Date.now().toString(36)}`, org_name: 'Es Ltd',
    country: 'XX', admin_name: 'Pat', admin_user: 'admin', password: 'Fresh-tenant-2026', confirm_password: 'Fresh-tenant-2026' });
  assertSpanish(refused, 400, /Select a country or region from the list/);
  assert.match(refused.text, /Seleccione un país o región de la lista\./);
});

test('nginx\'s own error page says its message in English and in Spanish', async () => {
  const missing = await fetch(`${BASE}/static/nada-aqui.css`, { headers: { 'Accept-Language': 'es' } });
  assert.equal(missing.status, 404);
  const text = await missing.text();
  assert.match(text, /There is no file at this address\./);
  assert.match(text, /No hay ningún archivo en esta dirección\. Compruebe el vínculo o vuelva a empezar desde la página de inicio\./);
});
