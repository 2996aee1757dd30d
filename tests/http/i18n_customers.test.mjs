// i18n_customers.test.mjs: the Customers pages in Spanish (issue 14): the Customers list with its expanded
// records, each step of Add new customer by the vendor's Spanish button names (seed 000: Agregar nuevo cliente >
// Siguiente: Suscripciones > Siguiente: revisión > Enviar > Información de configuración), money in the offer's
// currency in Spanish and English form, a field error and a refusal in Spanish, and a customer's Subscriptions
// page. The language comes from the lang cookie (the footer picker's, over plain http).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO, htmlDecode, sql } from '../lib/client.mjs';
import { arrangeOrg, freshTag, partner, signedIn } from '../lib/arrange.mjs';
import { hiddenFields } from './customer_forms.mjs';
import { inSpanish, assertSpanish } from '../lib/spanish.mjs';

// The demo provider's partner reseller and their shared customer (seed_main.c).
const DEMO_RESELLER = 'Wide World Resellers', DEMO_CUSTOMER = 'Alpine Ski House';
const offerId = (sku) => sql(`SELECT id FROM offers WHERE sku = '${sku}'`);
const fieldError = (text, name) => (text.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`)) || [])[1];
const lines = (text) => [...text.matchAll(/<tr class="order-line">([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
const cell = (line, cls) => htmlDecode((line.match(new RegExp(`class="${cls}">([^<]*)<`)) || [])[1] || '');
const total = (text) => htmlDecode((text.match(/id="order-total">([^<]*)</) || [])[1] || '');



const step = (c, page, action, fields = {}) => c.post('/customers/new', { ...hiddenFields(page.text), ...fields, action });

const details = (overrides = {}) => ({ company_name: 'Tailwind Traders & Sons', domain_prefix: `es${freshTag()}`.slice(0, 27),
  address_line1: 'Calle Mayor 1', address_line2: '', city: 'Madrid', region: '', postal_code: '28013', country: 'ES',
  contact_name: 'Lucía Cliente', contact_email: 'lucia@example.com', contact_phone: '+34 910 000 000', ...overrides });

// A fresh provider and its partner reseller, the provider's admin signed in (in Spanish unless LANG says otherwise).
async function arrangeWizard(lang = 'es') {
  const provider = arrangeOrg('provider'), reseller = arrangeOrg('reseller');
  partner(provider, reseller);
  const c = await signedIn(provider.admin);
  if (lang) c.cookies.set('lang', lang);
  return { provider, reseller, c };
}

// Details and subscriptions filled in: the review page with LICENSES (offer id -> count).
async function toReview(c, reseller, licenses) {
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  const subs = await step(c, form, 'next', details());
  assert.equal(subs.status, 200, subs.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  const review = await step(c, subs, 'next', Object.fromEntries(Object.entries(licenses).map(([id, n]) => [`licenses_${id}`, n])));
  assert.equal(review.status, 200, review.text.match(/class="(field-)?error"[^>]*>[^<]*/g)?.join(' '));
  return review;
}

// An active offer priced in euros for the duration of FN (withdrawn after it, or removed when nothing was
// ordered of it).
async function withEuroOffer(fn) {
  const sku = `ES-EUR-${freshTag()}`.toUpperCase();
  sql(`INSERT INTO offers (name, sku, category, monthly_price_cents, currency, min_licenses, max_licenses, active, updated_at)
    VALUES ('Euro Plan ${sku}', '${sku}', 'Email plans', 123450, 'EUR', 1, 10, 1, UTC_TIMESTAMP())`);
  try {
    return await fn(offerId(sku));
  } finally {
    sql(`UPDATE offers SET active = 0 WHERE sku = '${sku}'`);
    sql(`DELETE FROM offers WHERE sku = '${sku}' AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.offer_id = offers.id)
      AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.offer_id = offers.id)`);
  }
}

test('the Customers list in Spanish: Agregar nuevo cliente, the count, the expanded record in Spanish, its dates', async () => {
  const c = await inSpanish(DEMO.provider);
  const list = await c.get('/customers');
  assertSpanish(list);
  assert.match(list.text, /<h1>Clientes<\/h1>/);
  assert.match(list.text, /<title>Clientes · /);
  assert.match(list.text, /id="customer-count">Clientes: \d+</);
  assert.match(list.text, /<label for="customer-q">Nombre de la empresa<\/label>/);
  assert.match(list.text, /<button type="submit">Buscar<\/button>/);
  assert.match(list.text, /<span class="customer-partners">Revendedores de registro: /);
  assert.match(list.text, /<p class="hint">Partner de registro desde el \d{1,2} [a-z]{3,4}\.? \d{4}<\/p>/, 'the date as Spanish writes it');
  assert.match(list.text, /<th>Suscripción<\/th><th>Licencias<\/th><th>Estado<\/th><th>Revendedor de registro<\/th>/);
  assert.match(list.text, /class="sub-status">Activa</);
  assert.match(list.text, /aria-label="Agregar suscripción para [^"]+">Agregar suscripción<\/a>/);
  assert.match(list.text, /aria-label="Suscripciones de [^"]+">Suscripciones<\/a>/);
  assert.match(list.text, /aria-label="Usuarios y licencias de [^"]+">Usuarios y licencias<\/a>/);
  assert.doesNotMatch(list.text, /\bPartner of record\b|\bResellers of record\b|\bAdd subscription\b|\bUsers and licenses\b|>Search<|>Active<|Customers:/);

  // Agregar nuevo cliente, as the seed names it, on Indirect resellers (Revendedores indirectos)
  const resellers = await c.get('/resellers');
  assertSpanish(resellers);
  const form = await c.get(`/customers/new?reseller=${sql(`SELECT id FROM organizations WHERE name = '${DEMO_RESELLER}'`)}`);
  assertSpanish(form);
  assert.match(form.text, /<h1>Agregar nuevo cliente<\/h1>/);
  assert.match(form.text, /<title>Nuevo cliente: datos · /);
});

test('Add new customer in Spanish: each step by its Spanish buttons, the review in US$ or €, never both, the confirmation', async () => {
  await withEuroOffer(async (eur) => {
    const { reseller, c } = await arrangeWizard('es');
    const std = offerId('CP-STD'), cc = offerId('CC-1000');
    const form = await c.get(`/customers/new?reseller=${reseller.id}`);
    assertSpanish(form);
    assert.match(form.text, /aria-label="Pasos del nuevo cliente"/);
    assert.match(form.text, /aria-current="step"><span class="step-number">1<\/span> Datos del cliente/);
    assert.match(form.text, /<span class="step-number">2<\/span> Suscripciones/);
    assert.match(form.text, /<span class="step-number">3<\/span> Revisión/);
    assert.match(form.text, /<span class="step-number">4<\/span> Confirmación/);
    assert.match(form.text, /<legend>Revendedor indirecto<\/legend>/);
    assert.match(form.text, /<label for="company_name">Nombre de la empresa<\/label>/);
    assert.match(form.text, /<label for="address_line2">Línea 2 de la dirección <span class="hint">opcional<\/span><\/label>/);
    assert.match(form.text, /name="action" value="next" class="primary">Siguiente: Suscripciones</);
    assert.match(form.text, /name="action" value="cancel" class="secondary" formnovalidate>Cancelar</);
    assert.doesNotMatch(form.text, /\bNext\b|\bCancel\b|\bCustomer details\b|\bCompany name\b|\boptional\b/);

    const subs = await step(c, form, 'next', details());
    assertSpanish(subs);
    assert.match(subs.text, /<h1>Nuevas suscripciones<\/h1>/);
    assert.match(subs.text, /<th>Oferta<\/th><th>SKU<\/th><th>Precio mensual por licencia<\/th><th>Licencias<\/th>/);
    assert.match(subs.text, new RegExp(`<tr id="offer-${cc}">[\\s\\S]*?class="offer-price">1\\.000,00 US\\$<[\\s\\S]*?<span class="hint">de 1 a 20</span>`));
    assert.match(subs.text, new RegExp(`<tr id="offer-${eur}">[\\s\\S]*?class="offer-price">1\\.234,50 €<`));
    assert.match(subs.text, /name="action" value="next" class="primary">Siguiente: revisión</);
    assert.match(subs.text, /name="action" value="back" class="secondary">Atrás</);
    assert.doesNotMatch(subs.text, /\bNext\b|\bBack\b|\bCancel\b|\bLicenses\b|\$\d/);
    // a Spanish field error for the licenses, and the form's own message
    const bad = await step(c, subs, 'next', { [`licenses_${std}`]: 'diez' });
    assertSpanish(bad, 400);
    assert.equal(fieldError(bad.text, `licenses_${std}`), 'Escriba un número entero de licencias o deje el campo vacío.');
    assert.match(bad.text, /id="form-error">Revise los campos marcados a continuación\. No se creó nada\.</);

    // one order, one currency: offers in dollars and in euros together come back with the reason, in Spanish
    const mixed = await step(c, subs, 'next', { [`licenses_${std}`]: '10', [`licenses_${eur}`]: '1' });
    assertSpanish(mixed, 400);
    assert.match(mixed.text, /Las ofertas elegidas tienen precios en monedas distintas \((USD y EUR|EUR y USD)\)/);
    assert.match(mixed.text, /<h1>Nuevas suscripciones<\/h1>/, 'the subscriptions step again');
    const euros = await step(c, subs, 'next', { [`licenses_${eur}`]: '1' });
    assertSpanish(euros);
    assert.equal(cell(lines(euros.text).find((x) => x.includes('Euro Plan')), 'line-price'), '× 1.234,50 €');
    assert.equal(total(euros.text), '1.234,50 €');

    const review = await step(c, subs, 'next', { [`licenses_${std}`]: '10', [`licenses_${cc}`]: '2' });
    assertSpanish(review);
    assert.match(review.text, /<h1>Revisión<\/h1>/);
    assert.match(review.text, /<dt>Administrador global<\/dt>/);
    assert.match(review.text, /<th>Oferta<\/th><th>SKU<\/th><th>Licencias<\/th><th>Precio por licencia<\/th><th>Importe mensual<\/th>/);
    assert.match(review.text, /<th colspan="4">Total mensual<\/th>/);
    const l = lines(review.text);
    const byName = (name) => l.find((x) => x.includes(name));
    assert.equal(cell(byName('Cloud Compute Credits 1000'), 'line-price'), '× 1.000,00 US$');
    assert.equal(cell(byName('Cloud Compute Credits 1000'), 'line-amount'), '2.000,00 US$');
    assert.equal(cell(byName('Cloud Productivity Standard'), 'line-price'), '× 12,50 US$');
    assert.equal(cell(byName('Cloud Productivity Standard'), 'line-amount'), '125,00 US$');
    assert.equal(total(review.text), '2.125,00 US$');
    assert.match(review.text, /name="action" value="submit" class="primary">Enviar</);
    assert.doesNotMatch(review.text, /\bSubmit\b|\bBack\b|\bCancel\b|\bMonthly total\b|\bGlobal administrator\b|\$\d/);

    const done = await step(c, review, 'submit');
    assertSpanish(done);
    assert.match(done.text, /<h1>Confirmación<\/h1>/);
    assert.match(done.text, /<title>Nuevo cliente: confirmación · /);
    assert.match(done.text, /<h2>Información de configuración<\/h2>/);
    assert.match(done.text, /<strong>Copie ahora el nombre de usuario y la contraseña temporal<\/strong> y envíelos al cliente\./);
    assert.match(done.text, /aria-label="Copiar en el portapapeles la contraseña temporal">Copiar en el portapapeles<\/button>/);
    assert.match(done.text, /id="created-notice">Tailwind Traders &amp; Sons se ha agregado como cliente de [^<]+ y se ha realizado el pedido \d+\.</);
    assert.match(done.text, /id="summary-order">\d+, realizado el \d{1,2} [a-z]{3,4}\.? \d{4}, \d{2}:\d{2} UTC</);
    assert.match(done.text, /id="done" href="\/customers\?reseller=\d+">Listo</);
    assert.equal(total(done.text), '2.125,00 US$');
    assert.doesNotMatch(done.text, /\bSetup info\b|\bDone\b|\bCopy\b|\bplaced\b|\bOrder summary\b/);
  });
});

test('the same review in English: "$1,000.00" and "€1,234.50"', async () => {
  await withEuroOffer(async (eur) => {
    const { reseller, c } = await arrangeWizard(null);
    const review = await toReview(c, reseller, { [offerId('CC-1000')]: '2' });
    assert.match(review.text, /<html lang="en">/);
    assert.equal(cell(lines(review.text).find((x) => x.includes('Cloud Compute Credits 1000')), 'line-price'), '× $1,000.00');
    assert.equal(total(review.text), '$2,000.00');
    const euroOnly = await toReview(c, reseller, { [eur]: '1' });
    assert.equal(cell(lines(euroOnly.text).find((x) => x.includes('Euro Plan')), 'line-price'), '× €1,234.50');
    assert.equal(total(euroOnly.text), '€1,234.50');
  });
});

test('a bad domain and a missing reseller get Spanish field errors; an unknown order a Spanish refusal', async () => {
  const { reseller, c } = await arrangeWizard('es');
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  const bad = await step(c, form, 'next', details({ domain_prefix: 'no_way', company_name: '' }));
  assertSpanish(bad, 400);
  assert.match(bad.text, /id="form-error">Revise los campos marcados a continuación\. No se creó nada\.</);
  assert.ok(fieldError(bad.text, 'domain_prefix'), 'the domain is marked');
  assert.match(bad.text, /id="domain_prefix" name="domain_prefix"[^>]*value="no_way"[^>]*aria-invalid="true"/);
  assert.match(fieldError(bad.text, 'company_name'), /^Nombre de la empresa\b/, 'the message names the field in Spanish');
  const noReseller = await step(c, form, 'next', { ...details(), reseller: '' });
  assertSpanish(noReseller, 400);
  assert.equal(fieldError(noReseller.text, 'reseller'), 'Seleccione el revendedor indirecto que administrará este cliente.');

  const unknown = await c.get('/customers/new/done?order=0');
  assertSpanish(unknown, 404);
  assert.match(unknown.text, /Su organización no ha realizado ningún pedido de nuevo cliente con ese número\./);
  assert.doesNotMatch(unknown.text, /There is no new-customer order/);
});

test("a customer's Subscriptions page in Spanish", async () => {
  const c = await inSpanish(DEMO.provider);
  const customer = sql(`SELECT id FROM organizations WHERE name = '${DEMO_CUSTOMER}' AND kind = 'customer'`);
  const page = await c.get(`/customers/subscriptions?customer=${customer}`);
  assertSpanish(page);
  assert.match(page.text, new RegExp(`<title>Suscripciones de ${DEMO_CUSTOMER} · `));
  assert.match(page.text, /<h1 id="subscriptions-heading">Suscripciones<\/h1>/);
  assert.match(page.text, /<th scope="col">Suscripción<\/th><th scope="col">SKU<\/th><th scope="col">Licencias<\/th><th scope="col">Estado<\/th><th scope="col">Revendedor de registro<\/th><th scope="col">Contacto de soporte técnico designado<\/th>/);
  assert.match(page.text, />Clientes<\/a> &rsaquo; /);
  assert.match(page.text, />Usuarios y licencias<\/a>/);
  assert.match(page.text, /class="sub-status">(Activa|Suspendida)</);
  assert.doesNotMatch(page.text, /\bDesignated support contact\b|\bReseller of record\b|\bUsers and licenses\b|>Active<|>Suspended<|>none</);
});

test('in the pseudo-locale every text the wizard builds in C comes from the catalog: steps, labels, errors, titles', async () => {
  const { reseller, c } = await arrangeWizard('qps');
  const w = (s) => `\u27e6${s}\u27e7`;
  const form = await c.get(`/customers/new?reseller=${reseller.id}`);
  assert.match(form.text, /<html lang="qps">/);
  for (const s of ['Customer details', 'Subscriptions', 'Review', 'Confirmation', 'Company', 'Address', 'Primary contact',
    'Company name', 'Domain', 'the new tenant: 3 to 27 lowercase letters and digits', 'Contact phone', 'optional'])
    assert.ok(form.text.includes(w(s)), s);
  assert.ok(form.text.includes(`<title>${w(`${w('New customer: details')} · Channel Center`)}</title>`), 'the title');
  const bad = await step(c, form, 'next', { ...details(), reseller: '' });
  assert.ok(bad.text.includes(w('Check the fields marked below. Nothing was created.')));
  assert.ok(bad.text.includes(w('Select the indirect reseller who will manage this customer.')));
  const subs = await step(c, form, 'next', details());
  const out = await step(c, subs, 'next', { [`licenses_${offerId('CC-1000')}`]: '21' });
  assert.ok(out.text.includes(w('Enter from 1 to 20 licenses for this offer, or leave it empty.')));
  const review = await step(c, subs, 'next', { [`licenses_${offerId('CP-STD')}`]: '2' });
  assert.equal(review.status, 200);
  for (const s of ['Contact email', 'Postal code', 'Country or region', 'Monthly total', 'Global administrator'])
    assert.ok(review.text.includes(w(s)), s);
});
