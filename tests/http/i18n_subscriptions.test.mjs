// i18n_subscriptions.test.mjs: the subscription, order and New subscription pages and a customer's users and
// licenses pages in Spanish (the lang cookie of the footer's picker): the vendor's Spanish terms, Spanish money,
// a Spanish field error and refusal, no English UI word left; and each order's currency: an order of EUR offers
// records EUR and shows euros in both languages, an order mixing currencies is refused with nothing written.
// Every test arranges fresh organizations (and offers), so the file is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from '../lib/client.mjs';
import { arrangeOrg, arrangeSubscription, partner, relate, signedIn } from '../lib/arrange.mjs';
import { auditMark, assertNoAudit } from '../lib/audit.mjs';
import { inSpanish, assertSpanish } from '../lib/spanish.mjs';

const formOf = (text) => ({ order_key: text.match(/name="order_key" value="([0-9a-f]{64})"/)[1] });
const orderId = (res) => { assert.equal(res.status, 303, res.text.slice(0, 1500)); return res.location.match(/^\/orders\/view\?id=(\d+)$/)[1]; };
const userId = (upn) => sql(`SELECT id FROM users WHERE upn = '${upn}'`);
const count = (table) => sql(`SELECT COUNT(*) FROM ${table}`);

// A fresh active offer priced PRICE_CENTS a license a month in CURRENCY; its id.
let offers = 0;
function arrangeOffer(priceCents, currency) {
  const sku = `I18N-${Date.now().toString(36)}${process.pid.toString(36)}${offers++}`.toUpperCase();
  return sql(`INSERT INTO offers (name, sku, category, monthly_price_cents, min_licenses, max_licenses, active, updated_at,
    currency) VALUES ('Oferta ${sku}', '${sku}', 'Test', ${priceCents}, 1, 300, 1, UTC_TIMESTAMP(), '${currency}');
    SELECT LAST_INSERT_ID();`);
}
const retire = (...ids) => sql(`UPDATE offers SET active = 0 WHERE id IN (${ids.join(',')})`);

// A provider and its partner reseller with an MPN ID share a customer with one subscription of 10 licenses.
function arrangeWorld() {
  const provider = arrangeOrg('provider', 'Proveedor Es');
  const reseller = arrangeOrg('reseller', 'Revendedor Es', `7${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 20));
  const customer = arrangeOrg('customer', 'Cliente Es');
  partner(provider, reseller);
  relate(customer, provider, reseller);
  const std = arrangeSubscription(customer, provider, { reseller, licenses: 10, sku: 'CP-STD' });
  return { provider, reseller, customer, std };
}



// The page's main part (the header and footer are the lead's), without tags, ids and user data from the tests.
const mainText = (html) => (html.match(/<main[\s\S]*<\/main>/) || [html])[0].replace(/<[^>]*>/g, ' ');

test('a subscription page in Spanish: each form heading, Enviar, the support contact form; a Spanish field error', async () => {
  const w = arrangeWorld();
  const c = await inSpanish(w.provider.sales);
  const page = await c.get(`/subscriptions/view?id=${w.std}`);
  assertSpanish(page);
  assert.match(page.text, /<h2 id="reseller-heading">Revendedor \(Id\. de MPN\)<\/h2>/);
  assert.match(page.text, /<h2 id="licenses-heading">Cambiar licencias<\/h2>/);
  assert.match(page.text, /<h2 id="support-heading">Contacto de soporte técnico designado<\/h2>/);
  assert.match(page.text, /<h2 id="orders-heading">Pedidos<\/h2>/);
  assert.match(page.text, /<button type="submit" class="primary">Enviar<\/button>/);
  assert.match(page.text, /Quién atiende las solicitudes de soporte técnico del cliente para esta suscripción/);
  assert.match(page.text, new RegExp(`${w.provider.name} \\(proveedor indirecto\\)</option>`));
  assert.match(page.text, /id="sub-status">Activa</);
  assert.match(page.text, /id="sub-price">12,50 US\$</);
  assert.match(page.text, /id="sub-created">\d{1,2} [a-z]{3,4}\.? \d{4}, \d\d:\d\d UTC</);
  assert.doesNotMatch(mainText(page.text), /\bSubmit\b|\bCustomer\b|\bLicenses\b|\bOrders\b|\bNone\b|\bSave reseller\b/);

  sql(`UPDATE subscriptions SET status = 'suspended' WHERE id = ${w.std}`);
  assert.match((await c.get(`/subscriptions/view?id=${w.std}`)).text, /id="sub-status">Suspendida</);
  sql(`UPDATE subscriptions SET status = 'active' WHERE id = ${w.std}`);

  const mark = auditMark();
  const bad = await c.post('/subscriptions/licenses', { subscription_id: w.std, licenses: '0', ...formOf(page.text) });
  assertSpanish(bad, 400);
  assert.match(bad.text, /id="licenses-error">Escriba un número de licencias de 1 a 300\.</);
  const same = await c.post('/subscriptions/licenses', { subscription_id: w.std, licenses: '10', ...formOf(page.text) });
  assert.match(same.text, /La suscripción ya tiene 10 licencias\. Escriba un número distinto\./);
  const support = await c.post('/subscriptions/support-contact', { subscription_id: w.std, support_org_id: '999999999' });
  assertSpanish(support, 400);
  assert.match(support.text, /Elija su organización o uno de sus revendedores partners de la lista\./);
  assertNoAudit(mark);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${w.std}`), '10');
});

test('a license change in Spanish ends on "Pedido N realizado" with Spanish money; the order page', async () => {
  const w = arrangeWorld();
  const c = await inSpanish(w.provider.sales);
  const view = await c.get(`/subscriptions/view?id=${w.std}`);
  const id = orderId(await c.post('/subscriptions/licenses', { subscription_id: w.std, licenses: '14', ...formOf(view.text) }));
  const page = await c.get(`/orders/view?id=${id}`);
  assertSpanish(page);
  assert.match(page.text, new RegExp(`<title>Pedido ${id} realizado`));
  assert.match(page.text, new RegExp(`<h1>Pedido ${id} realizado</h1>`));
  assert.match(page.text, new RegExp(`id="order-placed">El nuevo total mensual de esta suscripción de ${w.customer.name} es ` +
    '<strong id="order-placed-total">175,00 US\\$</strong> \\(era 125,00 US\\$\\)\\.</p>'));
  assert.match(page.text, /class="line-kind">Cambio</);
  assert.match(page.text, /id="order-total">50,00 US\$<\/td><td id="order-new-total">175,00 US\$</);
  assert.match(page.text, /id="order-placed-at">\d{1,2} [a-z]{3,4}\.? \d{4}, \d\d:\d\d UTC</);
  assert.match(page.text, new RegExp(`>Suscripciones de ${w.customer.name}</a>`));
  assert.match(page.text, /<caption>Licencias antes y después de este pedido, y lo que cuestan al mes<\/caption>/);
  assert.doesNotMatch(mainText(page.text), /\bplaced\b|\bMonthly\b|\bCustomer\b|\bOffer\b|\bit was\b/);
  // the subscription page lists it, its kind in Spanish
  const after = await c.get(`/subscriptions/view?id=${w.std}`);
  assert.match(after.text, new RegExp(`>Pedido ${id}</a></td>`));
  assert.match(after.text, /<td>Cambio de licencias<\/td>/);
});

test('New subscription in Spanish (Nueva suscripción, Enviar, Cancelar), a Spanish refusal; amounts with grouping', async () => {
  const w = arrangeWorld();
  const dear = arrangeOffer(123450, 'USD');
  const c = await inSpanish(w.provider.sales);
  const form = await c.get(`/subscriptions/new?customer=${w.customer.id}`);
  assertSpanish(form);
  assert.match(form.text, /<h1>Nueva suscripción<\/h1>/);
  assert.match(form.text, /<button type="submit" class="primary">Enviar<\/button> <a class="cancel-link" href="\/customers">Cancelar<\/a>/);
  assert.match(form.text, /<th>Precio mensual por licencia<\/th>/);
  assert.match(form.text, new RegExp(`id="offer-${dear}">[\\s\\S]*?class="offer-price">1\\.234,50 US\\$<`));
  assert.match(form.text, /de 1 a 300/);
  assert.doesNotMatch(mainText(form.text), /\bSubmit\b|\bCancel\b|\bOffer\b|\bLicenses\b|\bNone\b/);

  const mark = auditMark(), orders = count('orders');
  const bad = await c.post(`/subscriptions/new?customer=${w.customer.id}`, { ...formOf(form.text), [`licenses_${dear}`]: '301' });
  assertSpanish(bad, 400);
  assert.match(bad.text, /id="form-error">Revise los campos marcados abajo\. No se ha hecho ningún pedido\.</);
  assert.match(bad.text, /id="licenses_\d+-error">Escriba un número de licencias de 1 a 300\.</);
  assertNoAudit(mark);
  assert.equal(count('orders'), orders);

  const placed = orderId(await c.post(`/subscriptions/new?customer=${w.customer.id}`, { ...formOf(form.text), [`licenses_${dear}`]: '2' }));
  const page = await c.get(`/orders/view?id=${placed}`);
  assert.match(page.text, /id="order-placed-total">2\.469,00 US\$<\/strong>\.<\/p>/);
  assert.match(page.text, /class="line-kind">Nueva</);

  // a helpdesk agent may not order: the page says so in Spanish
  const hc = await inSpanish(w.provider.helpdesk);
  const hview = await hc.get(`/subscriptions/view?id=${w.std}`);
  assert.match(hview.text, /id="licenses-read-only">Solo los agentes de administración y los agentes de ventas pueden cambiar licencias\.</);
  // the customer's reseller of record of another subscription may not change this one, which has no reseller
  const other = arrangeSubscription(w.customer, w.provider, { licenses: 4, sku: 'EM-P1' });
  const rc = await inSpanish(w.reseller.sales);
  const mark2 = auditMark();
  const refused = await rc.post('/subscriptions/licenses', { subscription_id: other, licenses: '12', order_key: 'f'.repeat(64) });
  assertSpanish(refused, 403);
  assert.match(refused.text, /Solo el proveedor indirecto que vendió esta suscripción, o su revendedor de registro mientras dure su asociación, puede cambiar sus licencias\./);
  assertNoAudit(mark2);
  assert.equal(sql(`SELECT licenses FROM subscriptions WHERE id = ${other}`), '4');
  retire(dear);
});

test('an order of EUR offers records EUR and shows euros: "1.234,50 €" in Spanish, "€1,234.50" in English', async () => {
  const w = arrangeWorld();
  const euro = arrangeOffer(123450, 'EUR');
  const es = await inSpanish(w.provider.sales);
  const form = await es.get(`/subscriptions/new?customer=${w.customer.id}`);
  assert.match(form.text, new RegExp(`id="offer-${euro}">[\\s\\S]*?class="offer-price">1\\.234,50 €<`));
  const placed = orderId(await es.post(`/subscriptions/new?customer=${w.customer.id}`, { ...formOf(form.text), [`licenses_${euro}`]: '1' }));
  assert.equal(sql(`SELECT currency FROM orders WHERE id = ${placed}`), 'EUR');
  const page = await es.get(`/orders/view?id=${placed}`);
  assert.match(page.text, /id="order-placed-total">1\.234,50 €<\/strong>\.<\/p>/);
  assert.match(page.text, /class="line-price">1\.234,50 €</);
  assert.match(page.text, /id="order-total">1\.234,50 €<\/td>/);
  assert.doesNotMatch(page.text, /US\$/);

  const en = await signedIn(w.provider.sales);
  const english = await en.get(`/orders/view?id=${placed}`);
  assert.match(english.text, /<html lang="en"/);
  assert.match(english.text, /id="order-placed-total">€1,234\.50<\/strong>\.<\/p>/);

  // a license change of the EUR subscription is an EUR order too, shown on its subscription page in euros
  const sub = sql(`SELECT subscription_id FROM order_lines WHERE order_id = ${placed}`);
  const view = await en.get(`/subscriptions/view?id=${sub}`);
  assert.match(view.text, /id="sub-price">€1,234\.50</);
  const change = orderId(await en.post('/subscriptions/licenses', { subscription_id: sub, licenses: '3', ...formOf(view.text) }));
  assert.equal(sql(`SELECT currency FROM orders WHERE id = ${change}`), 'EUR');
  assert.match((await en.get(`/orders/view?id=${change}`)).text, /id="order-placed-total">€3,703\.50<\/strong> \(it was €1,234\.50\)\./);
  retire(euro);
});

test('an order mixing currencies is refused in the language of the page, and nothing is written', async () => {
  const w = arrangeWorld();
  const usd = arrangeOffer(1000, 'USD'), eur = arrangeOffer(1000, 'EUR');
  for (const [c, message] of [[await inSpanish(w.provider.sales), /tienen precios en monedas distintas \((USD y EUR|EUR y USD)\)/],
    [await signedIn(w.provider.sales), /priced in different currencies \((USD and EUR|EUR and USD)\)/]]) {
    const form = await c.get(`/subscriptions/new?customer=${w.customer.id}`);
    const mark = auditMark(), orders = count('orders'), subs = count('subscriptions'), lines = count('order_lines');
    const res = await c.post(`/subscriptions/new?customer=${w.customer.id}`, { ...formOf(form.text),
      [`licenses_${usd}`]: '1', [`licenses_${eur}`]: '1' });
    assert.equal(res.status, 400, res.text.slice(0, 1500));
    assert.match(res.text, new RegExp(`id="form-error">[^<]*${message.source}`));
    assertNoAudit(mark);
    assert.deepEqual([count('orders'), count('subscriptions'), count('order_lines')], [orders, subs, lines]);
  }
  retire(usd, eur);
});

test("a customer's users and licenses pages in Spanish: add user, reset password, licenses, remove confirmation", async () => {
  const w = arrangeWorld();
  const c = await inSpanish(w.reseller.admin);
  const page = await c.get(`/customers/users?customer=${w.customer.id}`);
  assertSpanish(page);
  assert.match(page.text, /<h1>Usuarios y licencias<\/h1>/);
  assert.match(page.text, /<h2>Agregar usuario<\/h2>/);
  assert.match(page.text, /<label for="display_name">Nombre para mostrar<\/label>/);
  assert.match(page.text, /class="user-role">Administrador global</);
  assert.match(page.text, /aria-label="Restablecer contraseña de [^"]+">Restablecer contraseña<\/button>/);
  assert.match(page.text, /\d+ de 10 asignadas/);
  assert.doesNotMatch(mainText(page.text), /\bAdd user\b|\bReset password\b|\bRemove\b|\bLicenses\b|\bSearch\b|\bUser name\b/);

  // a Spanish field error, nothing written
  const mark = auditMark(), users = count('users');
  const bad = await c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Juana', user_name: '-x-' });
  assertSpanish(bad, 400);
  assert.match(bad.text, /Escriba un nombre de usuario de hasta 64 letras minúsculas/);
  assertNoAudit(mark);
  assert.equal(count('users'), users);

  const tag = `juana${Date.now().toString(36)}`;
  const added = await c.post('/customers/users/add', { customer: w.customer.id, display_name: 'Juana', user_name: tag,
    [`license_${w.std}`]: '1' });
  assertSpanish(added);
  assert.match(added.text, /<h1>Usuario agregado<\/h1>/);
  assert.match(added.text, /Copie ahora el nombre de usuario y la contraseña temporal/);
  assert.match(added.text, /<a class="button" id="done" href="[^"]+">Listo<\/a>/);
  const juana = userId(`${tag}@${w.customer.admin.upn.split('@')[1]}`);

  const reset = await c.post('/customers/users/reset-password', { customer: w.customer.id, user: juana });
  assertSpanish(reset);
  assert.match(reset.text, /<h1>Contraseña restablecida<\/h1>/);

  const licenses = await c.get(`/customers/users/licenses?customer=${w.customer.id}&user=${juana}`);
  assertSpanish(licenses);
  assert.match(licenses.text, /<h1>Licencias de Juana<\/h1>/);
  assert.match(licenses.text, /id="save-licenses">Guardar licencias<\/button>/);

  const confirm = await c.get(`/customers/users/remove?customer=${w.customer.id}&user=${juana}`);
  assertSpanish(confirm);
  assert.match(confirm.text, /<h1>Quitar a Juana<\/h1>/);
  assert.match(confirm.text, /id="remove-user">Quitar usuario<\/button>/);
  assert.match(confirm.text, /se eliminará del directorio de/);

  // the refusal of removing the customer's only global admin, in Spanish, nothing removed
  const ada = userId(w.customer.admin.upn);
  const mark2 = auditMark();
  const last = await c.post('/customers/users/remove', { customer: w.customer.id, user: ada });
  assertSpanish(last, 409);
  assert.match(last.text, /Este es el único administrador global del cliente\. Agregue otro administrador global antes de quitar este\./);
  assertNoAudit(mark2);
  assert.equal(sql(`SELECT COUNT(*) FROM users WHERE id = ${ada}`), '1');
});
