// i18n_admin.test.mjs: the vendor admin's pages in Spanish (the lang=es cookie) and the public Find a provider
// pages in Spanish (anonymous, Accept-Language: es): the admin home, the enrollment review queue and one
// application, the offer catalog and its form (an offer in euros: "1.234,50 €" in Spanish, "€1,234.50" in
// English; a currency that is not on the list gets the form back with a Spanish message and writes nothing),
// the official provider list and its form, the mail outbox and one message, the activity log with a filter.
// Each page: its status, <html lang="es">, its Spanish headings and the vendor's own terms, and no English
// word of its own left.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { freshTag } from '../lib/arrange.mjs';
import { assertNoAudit, assertOneAudit, auditMark } from '../lib/audit.mjs';

const skus = [];
const tenants = [];
after(() => {
  if (skus.length) sql(`DELETE FROM offers WHERE sku IN (${skus.map((s) => `'${s}'`).join(', ')})`);
  for (const t of tenants)
    sql(`DELETE FROM enrollment_applications WHERE tenant_id = ${t}; DELETE FROM users WHERE tenant_id = ${t};
      DELETE FROM tenants WHERE id = ${t}`);
});

async function spanishVendor() {
  const c = new Client();
  c.cookies.set('lang', 'es');
  await c.signIn(DEMO.vendor);
  return c;
}

// The page's own part (the card under the header), where its template's words are.
const card = (html) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
// A date and time as Spanish writes it: "1 dic 2026, 18:40 UTC".
const SPANISH_TIME = /\d{1,2} [a-zé]{3,4}\.? \d{4}, \d\d:\d\d UTC/;

// RES is a Spanish page with STATUS, headed H1, holding every text of SPANISH, and none of the English words
// ENGLISH (a regexp's alternatives) as the whole text of an element, the start of one, or an aria-label's start
// (so that names in the data, "Test Offer 12", do not count).
function assertSpanish(res, { status = 200, h1, spanish = [], english }) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.text, /<html lang="es">/);
  if (h1) assert.match(res.text, new RegExp(`<h1>${h1}</h1>`));
  for (const s of spanish) assert.ok(res.text.includes(s), `"${s}" on the page`);
  if (english) {
    const words = english.source.replace(/^\\b\(|\)\\b$/g, '');
    const left = card(res.text).match(new RegExp(`(>\\s*|aria-label="|placeholder=")(${words})\\b[^<"]*`, 'g'));
    assert.equal(left, null, `English left: ${left}`);
  }
}

test('the admin home and its audit log in Spanish: tiles, headings, action labels with their codes, dates', async () => {
  const c = await spanishVendor();
  const res = await c.get('/admin');
  assertSpanish(res, { h1: 'Portal de administración', spanish: ['Registro de auditoría',
    'Inscripciones en espera de revisión:', 'Cola de revisión de inscripciones', 'Código de acción',
    '<td>Inicio de sesión</td><td>signin</td>'],
  english: /\b(Audit log|When|Who|What|Detail|Newest|Older|Enrollment review queue|Mail outbox|waiting for review)\b/ });
  assert.match(res.text, new RegExp(`<td>${SPANISH_TIME.source}</td>`), 'audit times in Spanish');
});

// A fresh directory tenant with an application waiting for review; its id.
function arrangeApplication() {
  const tag = freshTag();
  const domain = `es${tag}.onmicrosoft.com`;
  const hash = sql(`SELECT password_hash FROM users WHERE upn = '${DEMO.reseller.upn}'`);
  const ids = sql(`
    INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Inquilino ${tag}', 'ES');
    SET @t = LAST_INSERT_ID();
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
      VALUES (@t, 'rosa@${domain}', 'Rosa ${tag}', '${hash}', 'global_admin');
    INSERT INTO enrollment_applications (tenant_id, applicant_user_id, short_path, mpn_id, legal_name,
      address_line1, address_line2, city, region, postal_code, country, phone, contact_name, contact_email,
      contact_phone, support_email, support_phone, support_website, status, submitted_at, verified_at)
      VALUES (@t, LAST_INSERT_ID(), 0, '7${String(Date.now()).slice(-8)}', 'Revendedor ${tag} SL', 'Calle Mayor 1', '',
        'Madrid', 'Madrid', '28013', 'ES', '+34 91 555 0100', 'Carmen ${tag}', 'carmen-${tag}@example.com',
        '+34 91 555 0101', 'soporte-${tag}@example.com', '+34 91 555 0102', 'https://soporte-${tag}.example.com',
        'pending_review', UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP());
    SELECT CONCAT(@t, ' ', LAST_INSERT_ID());`).split(' ');
  tenants.push(ids[0]);
  return ids[1];
}

test('the enrollment review queue and one application in Spanish; an unknown list is a Spanish 404', async () => {
  const c = await spanishVendor();
  const app = arrangeApplication();
  const queue = await c.get('/admin/enrollments');
  assertSpanish(queue, { h1: 'Revisión de inscripciones', spanish: ['<h2 id="list-heading">En espera de revisión</h2>',
    '<th>Nombre legal</th>', '<th>Contacto principal</th>', 'Aprobada', 'Rechazada', 'Correo electrónico verificado'],
  english: /\b(Legal name|Tenant|Primary contact|Submitted|Verification|Approved|Rejected|Waiting|Email verified|Newest|Older)\b/ });
  assert.match(queue.text, new RegExp(`<td>${SPANISH_TIME.source}</td>`));

  const view = await c.get(`/admin/enrollments/view?id=${app}`);
  assertSpanish(view, { spanish: ['Perfil comercial legal', 'Contacto principal', 'Soporte técnico al cliente',
    'Decisión', '>Aprobar</button>', '>Rechazar</button>', 'Motivo del rechazo', '&larr; Volver a la cola de revisión',
    'En espera de revisión'],
  english: /\b(Approve|Reject|Decision|Legal business profile|Primary contact|Customer support|Back to|Reason for rejection|not yet|Status|Phone|Website)\b/ });
  assert.match(view.text, new RegExp(`<dt>Enviada</dt><dd>${SPANISH_TIME.source}</dd>`));

  const none = await c.get('/admin/enrollments?status=nope');
  assertSpanish(none, { status: 404, spanish: ['No existe esa lista de solicitudes. Elija una de las pestañas de la cola de revisión.'] });
});

const offerRow = (sku) => sql(`SELECT CONCAT_WS('|', id, monthly_price_cents, currency) FROM offers WHERE sku = '${sku}'`);

test('the offer catalog in Spanish: an offer in euros shows 1.234,50 € (€1,234.50 in English); a bad currency gets the form back in Spanish and writes nothing', async () => {
  const c = await spanishVendor();
  const form = await c.get('/admin/offers/new');
  assertSpanish(form, { h1: 'Agregar una oferta', spanish: ['<label for="currency">Moneda', '<option value="EUR"',
    'Euro', 'Dólar estadounidense', '>Agregar al catálogo</button>', 'Precio mensual por licencia'],
  english: /\b(Name|Category|Description|Currency|Minimum licenses|Maximum licenses|Active|Add to the catalog|optional)\b/ });
  assert.match(form.text, /<option value="USD" selected>/, 'a new offer is in dollars unless chosen');

  const sku = `ES-${freshTag()}`.toUpperCase();
  const fields = { name: `Oferta ${sku}`, sku, category: 'Ofertas de prueba', description: 'Una oferta en euros',
    price: '1234.5', currency: 'EUR', min_licenses: '1', max_licenses: '50', active: '1' };
  let mark = auditMark();
  const added = await c.post('/admin/offers/new', fields);
  assert.equal(added.status, 303, added.text.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
  skus.push(sku);
  const [id, cents, currency] = offerRow(sku).split('|');
  assert.deepEqual([cents, currency], ['123450', 'EUR']);
  const row = assertOneAudit(mark, { action: 'offer.created', objectType: 'offer', objectId: Number(id),
    after: { price: '1234.50', currency: 'EUR' } });
  assert.match(row.detail, /EUR 1,234\.50 per license/);

  const list = await c.get(added.location);
  assertSpanish(list, { h1: 'Catálogo de ofertas', spanish: [`Oferta ${sku} se ha agregado al catálogo.`, '<th>Acciones</th>',
    '>Activa</span>', `aria-label="Editar Oferta ${sku}"`],
  english: /\b(Offer|Category|Licenses|State|Actions|Active|Inactive|Edit|Add an offer|has been added)\b/ });
  const offerCell = (html) => html.match(new RegExp(`<tr id="admin-offer-${id}">[\\s\\S]*?class="offer-price">([^<]*)<`))[1];
  assert.equal(offerCell(list.text), '1.234,50 €');
  assert.match(list.text, /class="offer-price">12,50 US\$</, 'a dollar offer, in Spanish');
  const english = new Client();
  await english.signIn(DEMO.vendor);
  assert.equal(offerCell((await english.get('/admin/offers')).text), '€1,234.50');

  // the edit form keeps the euros; a currency not on the list: the form back in Spanish, nothing written
  const edit = await c.get(`/admin/offers/edit?id=${id}`);
  assertSpanish(edit, { h1: 'Editar una oferta', spanish: ['<option value="EUR" selected>', '>Guardar oferta</button>'] });
  const offers = sql('SELECT COUNT(*) FROM offers');
  for (const [path, extra] of [['/admin/offers/new', { sku: `${sku}-X` }], ['/admin/offers/edit', { id }]]) {
    mark = auditMark();
    const bad = await c.post(path, { ...fields, ...extra, currency: 'XYZ', price: '9' });
    assertSpanish(bad, { status: 400, spanish: ['Revise los campos marcados a continuación. No se ha guardado nada.',
      '<p class="field-error" id="currency-error">Elija una de las monedas de la lista: dólar estadounidense (USD), euro (EUR) o libra esterlina (GBP).</p>'] });
    assertNoAudit(mark);
  }
  assert.equal(sql('SELECT COUNT(*) FROM offers'), offers, 'nothing added');
  assert.equal(offerRow(sku), `${id}|123450|EUR`, 'nothing changed');
});

test('the official provider list, its form and a field error in Spanish', async () => {
  const c = await spanishVendor();
  const fabrikam = sql("SELECT id FROM organizations WHERE name = 'Fabrikam Distribution'");
  const list = await c.get('/admin/providers?q=Fabrikam');  // its row on the first page, whatever other tests added
  assertSpanish(list, { h1: 'Lista oficial de proveedores indirectos', spanish: ['>Buscar</button>',
    'Agregar un proveedor a la lista', '<th>Países en los que trabaja</th>', 'Buscar un proveedor', '>Retirar de la lista</button>'],
  english: /\b(Search|Provider|State|Countries served|Last updated|Actions|Listed|Delisted|Edit|View|Delist|Relist|Clear|Add a provider)\b/ });
  assert.match(list.text, SPANISH_TIME, 'when each listing was updated');

  const form = await c.get('/admin/providers/new');
  assertSpanish(form, { h1: 'Agregar un proveedor', spanish: ['Inquilino de directorio', 'Elija un inquilino',
    'Servicios que ofrece', '>Agregar a la lista de proveedores</button>'],
  english: /\b(Provider name|Headline|Countries served|Services offered|Contact email|Phone|Website|Choose a tenant|Add to the provider list)\b/ });
  const edit = await c.get(`/admin/providers/edit?id=${fabrikam}`);
  assertSpanish(edit, { h1: 'Editar la ficha de un proveedor', spanish: ['>Guardar ficha</button>'] });

  const mark = auditMark();
  const bad = await c.post('/admin/providers/edit', { id: fabrikam, name: 'Fabrikam Distribution', headline: 'Cambio',
    services: 'Facturación', contact_email: 'partners@fabrikam.example', contact_phone: '+34 91 555 0100' });
  assertSpanish(bad, { status: 400, spanish: ['<p class="field-error" id="countries-error">Elija al menos un país o región en el que trabaje el proveedor.</p>'] });
  assertNoAudit(mark);
});

test('the mail outbox and one message in Spanish: headings, states, Send again', async () => {
  const tag = freshTag();
  const id = sql(`INSERT INTO mail_outbox (to_addr, subject, body, created_at, failed_at, next_attempt_at, attempts, last_error)
    VALUES ('fallo-${tag}@example.com', 'Asunto ${tag}', 'Cuerpo', UTC_TIMESTAMP(), UTC_TIMESTAMP(), NULL, 1, '550 no');
    SELECT LAST_INSERT_ID()`);
  try {
    const c = await spanishVendor();
    const list = await c.get('/admin/mail');
    assertSpanish(list, { h1: 'Bandeja de salida de correo', spanish: ['<h2>Aún sin enviar</h2>', '<h2>Últimos mensajes</h2>',
      '<em class="mail-state">con error</em>', `aria-label="Enviar de nuevo: Asunto ${tag}, para fallo-${tag}@example.com">Enviar de nuevo</button>`,
      '<th>Próximo intento</th>'],
    english: /\b(To|Subject|Queued|Sent|Attempts|Next attempt|Last error|Actions|Send again|Not sent yet|Latest messages|failed|waiting|Newest|Older)\b/ });
    const one = await c.get(`/admin/mail?id=${id}`);
    assertSpanish(one, { spanish: ['&larr; Volver a la bandeja de salida de correo', 'id="mail-state">con error<', '<dt>Último error</dt>'],
      english: /\b(To|Queued|Sent|Attempts|Last error|Send again|Back to)\b/ });
    assert.match(one.text, new RegExp(`<dt>En cola desde</dt><dd>${SPANISH_TIME.source}</dd>`));
    const gone = await c.get('/admin/mail?id=999999999');
    assertSpanish(gone, { status: 404, spanish: ['No hay ningún mensaje con ese número en la bandeja de salida de correo.'] });
  } finally {
    sql(`DELETE FROM mail_outbox WHERE id = ${id}`);
  }
});

test('the activity log in Spanish with a filter: action labels beside their codes, values in words, a bad date in Spanish', async () => {
  const c = await spanishVendor();
  const action = `test.es_${freshTag()}`;
  sql(`INSERT INTO audit_log (at, action, object_type, object_id, detail, before_json, after_json, client_ip)
    VALUES (UTC_TIMESTAMP(), '${action}', 'offer', 7, 'arranged', '{"active":"yes","note":"x"}', '{"active":"no","support_contact":null}', '192.0.2.1')`);
  const res = await c.get(`/admin/activity?action=${action}`);
  assertSpanish(res, { h1: 'Registro de actividad', spanish: ['Filtrar por usuario, acción, objeto, fecha, organización o parte afectada',
    '>Filtrar</button>', '>Borrar</a>', 'Exportar estas filas como CSV', 'placeholder="AAAA-MM-DD"',
    '<li>activa: <del>sí</del> &rarr; <ins>no</ins></li>', '<li>contacto de soporte técnico: <ins>ninguno</ins></li>',
    '<li>note: <del>x</del> &rarr; <ins>eliminado</ins></li>', 'Portal de administración'],
  english: /\b(Filter|Clear|Export|When|Who|What|Object|Detail|From|To|User name|Action|none|removed|yes|Newest|Older|Admin portal)\b/ });
  assert.match(res.text, new RegExp(`<td>${SPANISH_TIME.source}</td>`));

  // a known action: its label, with the code kept for the filter
  const offers = await c.get('/admin/activity?action=offer.created');
  assertSpanish(offers, { spanish: ['Oferta agregada<br><code class="hint">offer.created</code>'] });

  const bad = await c.get('/admin/activity?from=2026-13-01');
  assertSpanish(bad, { status: 400, spanish: ['id="form-error">Las fechas se escriben AAAA-MM-DD, por ejemplo 2026-12-01. Deje una fecha vacía para no poner límite.'] });
});

test('Find a provider in Spanish for an anonymous visitor (Accept-Language: es): the list, a profile, an unknown one', async () => {
  const es = { headers: { 'Accept-Language': 'es-ES,es;q=0.9,en;q=0.5' } };
  const c = new Client();
  const fabrikam = sql("SELECT id FROM organizations WHERE name = 'Fabrikam Distribution'");
  const search = await c.request('GET', '/providers', es);
  assertSpanish(search, { h1: 'Buscar un proveedor', spanish: ['La lista oficial de proveedores indirectos (distribuidores).',
    '>Buscar</button>', 'Todos los países', 'País en el que trabaja', 'Trabaja en', ' proveedores</p>'],
  english: /\b(Find a provider|Provider name|Country served|All countries|Search|Serves|Services|providers?|First|Next|Previous|Last)\b/ });
  const one = await c.request('GET', `/providers?q=${encodeURIComponent('Fabrikam Distribution')}`, es);
  assert.match(one.text, /id="result-count">1 proveedor</);

  const profile = await c.request('GET', `/providers/view?id=${fabrikam}`, es);
  assertSpanish(profile, { h1: 'Fabrikam Distribution', spanish: ['Lista oficial de proveedores indirectos', 'Países en los que trabaja',
    'Servicios que ofrece', 'solicitud de asociación'],
  english: /\b(Official provider list|Countries served|Email|Phone|Website|Services offered|Contact the provider)\b/ });

  const none = await c.request('GET', '/providers/view?id=999999999', es);
  assertSpanish(none, { status: 404, spanish: ['No hay ningún proveedor con ese número en la lista oficial de proveedores indirectos.'] });
});
