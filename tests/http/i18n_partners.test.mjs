// i18n_partners.test.mjs: the partner pages in Spanish (cookie lang=es): the provider's Revendedores indirectos >
// Solicitar una asociación with its draft email (Copiar en el portapapeles, Abrir en un correo electrónico, Listo)
// and the notice after it, the requests list, the reseller's Proveedores indirectos and the authorization page
// of the emailed link (Autorizar proveedor indirecto), Invitar a nuevos clientes and Invitaciones enviadas, the
// customer's acceptance page, ending a partnership; each with the seeds' Spanish terms, no English UI word left,
// a Spanish refusal and a Spanish field error. Every test arranges fresh organizations, so it is rerunnable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlDecode, sql } from '../lib/client.mjs';
import { HASH, PASSWORD, arrangeOrg, freshTag, partner } from '../lib/arrange.mjs';
import { inSpanish as spanish, assertSpanish } from '../lib/spanish.mjs';

// "1 dic 2026": a date as Spanish pages write it (i18n_datetime); with its time "1 dic 2026, 18:40 UTC"
const ES_DATE = String.raw`\d{1,2} (?:ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.? \d{4}`;
const ES_DATETIME = new RegExp(`${ES_DATE}, \\d\\d:\\d\\d UTC`);



// The visible text and the read attributes of a page's main part, for "no English word left" checks.
function mainText(page) {
  const main = page.text.slice(page.text.indexOf('<main'), page.text.indexOf('<footer'));
  const attrs = [...main.matchAll(/(?:aria-label|title|placeholder)="([^"]*)"/g)].map((m) => m[1]).join(' ');
  return htmlDecode(main.replace(/<[^>]*>/g, ' ')) + ' ' + htmlDecode(attrs);
}

function assertNoEnglish(page, english) {
  const text = mainText(page);
  const left = english.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
  assert.deepEqual(left, [], `English left: ${left.join(', ')}`);
}

const draftOf = (page) => {
  const link = htmlDecode(page.text.match(/id="draft-link" type="text" value="([^"]+)"/)[1]);
  const url = new URL(link);
  const href = htmlDecode(page.text.match(/id="open-in-email" href="([^"]+)"/)[1]);
  const mail = new URLSearchParams(href.replace(/^mailto:\?/, ''));
  return { link, path: url.pathname + url.search, token: url.searchParams.get('token'),
    subject: mail.get('subject'), body: mail.get('body') };
};

const DRAFT_ENGLISH = ['Open in email', 'Copy to clipboard', 'Done', 'Subject', 'Message', 'Personalized link',
  'Send this email', 'Hello', 'Best regards', 'expires on'];

test('Revendedores indirectos > Solicitar una asociación in Spanish: the draft, its mailto: in Spanish, Listo and the notice', async () => {
  const provider = arrangeOrg('provider');
  const c = await spanish(provider.admin);
  const list = await c.get('/resellers');
  assertSpanish(list);
  assert.match(list.text, /<h1>Revendedores indirectos<\/h1>/);
  assert.match(list.text, /<button type="submit" class="primary">Solicitar una asociación<\/button>/);
  assert.match(list.text, /Todavía no hay asociaciones\./);
  assert.match(list.text, /<h2 id="requests-heading">Solicitudes de asociación enviadas<\/h2>/);
  assertNoEnglish(list, ['Indirect resellers', 'Request a partnership', 'Search', 'Partnership requests sent',
    'No partnerships yet', 'Only admin agents']);

  const page = await c.post('/resellers/request');
  assertSpanish(page);
  assert.match(page.text, /<h1>Solicitar una asociación<\/h1>/);
  assert.match(page.text, /<p class="hint">Revendedores indirectos<\/p>/);
  assert.match(page.text, />Abrir en un correo electrónico<\/a>/);
  assert.match(page.text, />Copiar en el portapapeles<\/button>/);
  assert.match(page.text, /id="draft-done" href="[^"]+">Listo<\/a>/);
  assert.match(page.text, new RegExp(`caduca el ${ES_DATETIME.source}\\. Solo se muestra ahora\\.`));
  assertNoEnglish(page, [...DRAFT_ENGLISH, 'Request a partnership', 'Indirect resellers']);
  const draft = draftOf(page);
  assert.equal(draft.subject, `Solicitud de asociación de ${provider.name}`);
  assert.ok(draft.body.startsWith(`Hola:\n\n${provider.name} desea ser su proveedor indirecto en Channel Center`), draft.body);
  assert.ok(draft.body.includes('seleccione Autorizar proveedor indirecto'), 'the button as the page names it');
  assert.ok(draft.body.includes(`\n\n${draft.link}\n\n`));
  assert.match(draft.body, new RegExp(`caduca el ${ES_DATE}\\.\\n\\nAtentamente,`));
  assert.doesNotMatch(draft.body, /Hello|would like|Best regards|expires on/);

  // Listo: the list with the notice pointing at the request, marked Enviada, its dates in Spanish
  const done = await c.get(page.text.match(/id="draft-done" href="([^"]+)"/)[1].replace(/&amp;/g, '&'));
  assertSpanish(done);
  assert.match(done.text, /id="requested-notice">Su solicitud de asociación aparece a continuación en <a href="#request-\d+">Solicitudes de asociación enviadas<\/a>, marcada como Enviada\./);
  const row = done.text.match(/<tr id="request-\d+">([\s\S]*?)<\/tr>/)[1];
  assert.match(row, /class="request-state">Enviada</);
  assert.match(row, ES_DATETIME);
  assert.match(row, /aria-label="Revocar la solicitud enviada el [^"]+">Revocar<\/button>/);
  assertNoEnglish(done, ['Your partnership request', 'marked Sent', 'Sent', 'Revoke', 'Requested by', 'State', 'Actions']);

  const requests = await c.get('/resellers/requests');
  assertSpanish(requests);
  assert.match(requests.text, /<h1>Solicitudes de asociación enviadas<\/h1>/);
  assert.match(requests.text, /<th>Solicitada por<\/th><th>Enviada \(UTC\)<\/th><th>El vínculo caduca \(UTC\)<\/th><th>Estado<\/th><th>Acciones<\/th>/);
  assertNoEnglish(requests, ['Partnership requests sent', 'Requested by', 'Sent', 'Revoke', 'Link expires']);

  // the refusal of revoking a request twice, in Spanish
  const id = row.match(/name="id" value="(\d+)"/)?.[1] || done.text.match(/name="id" value="(\d+)"/)[1];
  const revoked = await c.post('/resellers/request/revoke', { id });
  assert.equal(revoked.status, 303);
  const again = await c.post('/resellers/request/revoke', { id });
  assertSpanish(again, 409);
  assert.match(again.text, /Esta solicitud de asociación ya se ha revocado, por lo que no se puede revocar\. No se ha cambiado nada\./);
  assertNoEnglish(again, ['cannot be revoked', 'Nothing was changed']);
});

test('the reseller in Spanish: Autorizar proveedor indirecto from the emailed link, its field error, Proveedores indirectos, a Spanish refusal', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  const p = await spanish(provider.admin);
  await p.get('/resellers');
  const draft = draftOf(await p.post('/resellers/request'));

  // someone who is not a reseller follows the link: refused in Spanish, the link unused
  const other = await spanish(arrangeOrg('provider').admin);
  const refused = await other.get(draft.path);
  assertSpanish(refused, 403);
  assert.match(refused.text, /Solo un revendedor indirecto inscrito puede aceptar una solicitud de asociación/);
  assertNoEnglish(refused, ['Only an enrolled', 'The link has not been used']);

  const r = await spanish(reseller.admin);
  const form = await r.get(draft.path);
  assertSpanish(form);
  assert.match(form.text, /<h1>Autorizar proveedor indirecto<\/h1>/);
  assert.match(form.text, new RegExp(`>${provider.name}</a> solicita ser el proveedor indirecto de ${reseller.name}\\.`));
  assert.match(form.text, new RegExp(`Autorizo a ${provider.name} como mi proveedor indirecto</label>`));
  assert.match(form.text, /<button type="submit" class="primary">Autorizar proveedor indirecto<\/button>/);
  assertNoEnglish(form, ['Authorize indirect provider', 'I authorize', 'When you authorize', 'asks to be', 'Either of you']);

  // the box not ticked: the form back with a Spanish field error
  const unticked = await r.post('/partnership/authorize', { token: draft.token });
  assertSpanish(unticked, 400);
  assert.match(unticked.text, new RegExp(`id="authorize-error">Active la casilla para confirmar que autoriza a ${provider.name} como su proveedor indirecto\\.<`));
  assertNoEnglish(unticked, ['Tick the box', 'Authorize indirect provider']);

  await r.get(draft.path);
  const ok = await r.post('/partnership/authorize', { token: draft.token, confirm: '1' });
  assert.equal(ok.status, 303);
  const list = await r.get(ok.location);
  assertSpanish(list);
  assert.match(list.text, /<h1>Proveedores indirectos<\/h1>/);
  assert.match(list.text, new RegExp(`id="authorized-notice">${provider.name} ya es su proveedor indirecto\\.<`));
  assert.match(list.text, /id="partner-count" class="hint">1 proveedor indirecto</);
  assert.match(list.text, /<th>Proveedor indirecto<\/th><th>País o región<\/th><th>Partners desde<\/th><th>Clientes compartidos<\/th><th>Acciones<\/th>/);
  assert.match(list.text, new RegExp(`class="partner-since">${ES_DATE}<`));
  assert.match(list.text, />Ver clientes<\/a>/);
  assert.match(list.text, />Invitar a nuevos clientes<\/button>/);
  assert.match(list.text, />Finalizar asociación<\/a>/);
  assert.match(list.text, /<label for="partner-q">Buscar por nombre<\/label>/);
  assertNoEnglish(list, ['Indirect providers', 'Indirect provider', 'is now your', 'Search', 'View customers',
    'Invite new customers', 'End partnership', 'Partners since', 'Shared customers', 'Actions']);

  // the link opened again by someone else: used, and the provider's list counts its reseller
  const plist = await p.get('/resellers');
  assertSpanish(plist);
  assert.match(plist.text, /id="partner-count" class="hint">1 revendedor indirecto</);
  assert.match(plist.text, />Agregar nuevo cliente<\/a>/);
  assert.match(plist.text, new RegExp(`Aceptada por ${reseller.name} \\(Ada Admin [^)]+\\) el ${ES_DATE}`));
  const view = await p.get(`/resellers/view?id=${reseller.id}`);
  assertSpanish(view);
  assert.match(view.text, /<h2>Clientes compartidos<\/h2>/);
  assert.match(view.text, /Todavía no hay clientes compartidos\./);
  assert.match(view.text, new RegExp(`id="reseller-since">${ES_DATE}<`));
  assertNoEnglish(view, ['Indirect resellers', 'Shared customers', 'Partners since', 'No shared customers', 'End partnership']);
});

test('Invitar a nuevos clientes and Solicitar una relación de revendedor in Spanish: drafts, Listo, Invitaciones enviadas, the customer\'s page', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  partner(provider, reseller);
  const r = await spanish(reseller.admin);
  await r.get('/indirect-providers');
  const page = await r.post('/indirect-providers/invite', { provider_id: provider.id });
  assertSpanish(page);
  assert.match(page.text, /<title>Invitar a nuevos clientes · Channel Center<\/title>/);
  assert.match(page.text, new RegExp(`<h1>Invitar a un nuevo cliente con ${provider.name}</h1>`));
  assert.match(page.text, />Abrir en un correo electrónico<\/a>/);
  assert.match(page.text, />Copiar en el portapapeles<\/button>/);
  assert.match(page.text, />Listo<\/a>/);
  assertNoEnglish(page, [...DRAFT_ENGLISH, 'Invite new customers', 'Indirect providers']);
  const draft = draftOf(page);
  assert.equal(draft.subject, `Invitación de ${reseller.name} y ${provider.name}`);
  assert.ok(draft.body.startsWith(`Hola:\n\n${reseller.name} y ${provider.name} desean ser sus partners de registro en Channel Center.`), draft.body);
  assert.ok(draft.body.includes('seleccione Aceptar:'));
  assert.doesNotMatch(draft.body, /Hello|would like|Best regards|expires on/);

  const done = await r.get(page.text.match(/id="draft-done" href="([^"]+)"/)[1].replace(/&amp;/g, '&'));
  assertSpanish(done);
  assert.match(done.text, /<h1>Invitaciones enviadas<\/h1>/);
  assert.match(done.text, new RegExp(`id="sent-notice"><a href="#invitation-\\d+">Su invitación</a> aparece a continuación en Invitaciones enviadas, marcada como Enviada\\. .*caduca el ${ES_DATETIME.source}\\..* y ${provider.name} también pasará a ser su partner de registro`));
  assert.match(done.text, /class="invitation-state">Enviada</);
  assertNoEnglish(done, ['Invitations sent', 'Your invitation', 'Sent', 'Revoke', 'With provider', 'State', 'Actions', 'Newest']);

  // alone: Solicitar una relación de revendedor
  const alone = await r.post('/customers/request-relationship');
  assertSpanish(alone);
  assert.match(alone.text, /<h1>Solicitar una relación de revendedor<\/h1>/);
  const aloneDraft = draftOf(alone);
  assert.equal(aloneDraft.subject, `Solicitud de relación de revendedor de ${reseller.name}`);
  assert.ok(aloneDraft.body.includes(`${reseller.name} desea ser su partner de registro en Channel Center.`));

  // a partner follows the customer's link: refused in Spanish
  const refused = await (await spanish(provider.admin)).get(draft.path);
  assertSpanish(refused, 403);
  assert.match(refused.text, /pertenece a una organización partner/);
  assertNoEnglish(refused, ['belongs to a partner organization', 'The link has not been used']);

  // the customer's global admin: the acceptance page in Spanish
  const tag = freshTag();
  const domain = `es${tag}.onmicrosoft.com`;
  sql(`INSERT INTO tenants (domain, display_name, country) VALUES ('${domain}', 'Cliente ${tag}', 'ES');
    INSERT INTO users (tenant_id, upn, display_name, password_hash, directory_role)
    VALUES (LAST_INSERT_ID(), 'gina@${domain}', 'Gina ${tag}', '${HASH}', 'global_admin')`);
  const cust = await spanish({ upn: `gina@${domain}`, password: PASSWORD });
  const form = await cust.get(draft.path);
  assertSpanish(form);
  assert.match(form.text, /<h1>Aceptar la relación con el partner<\/h1>/);
  assert.match(form.text, new RegExp(`${reseller.name} \\(revendedor\\) y ${provider.name} \\(proveedor indirecto\\) solicitan ser partners de registro de su organización \\(${domain}\\)\\.`));
  assert.match(form.text, /id="accept-relationship">Aceptar<\/button>/);
  assertNoEnglish(form, ['Accept', 'When you accept', 'manage your subscriptions', 'My partners page']);
  const aloneForm = await cust.get(aloneDraft.path);
  assertSpanish(aloneForm);
  assert.match(aloneForm.text, new RegExp(`${reseller.name} \\(revendedor\\) solicita ser partner de registro de su organización`));

  // the customers the reseller shares with its provider
  const shared = await r.get(`/indirect-providers/customers?provider=${provider.id}`);
  assertSpanish(shared);
  assert.match(shared.text, new RegExp(`<h1>Clientes con ${provider.name}</h1>`));
  assert.match(shared.text, /<th>Cliente<\/th><th>País o región<\/th><th>Partners de registro desde<\/th>/);
  assertNoEnglish(shared, ['Customers with', 'Customer', 'No shared customers', 'Partners of record since']);
});

test('ending a partnership in Spanish, from either side, and the refusal once it has ended', async () => {
  const provider = arrangeOrg('provider');
  const reseller = arrangeOrg('reseller');
  partner(provider, reseller);
  const r = await spanish(reseller.admin);
  const rconfirm = await r.get(`/indirect-providers/end?id=${provider.id}`);
  assertSpanish(rconfirm);
  assert.match(rconfirm.text, new RegExp(`<h1>¿Finalizar la asociación con ${provider.name}\\?</h1>`));
  assert.match(rconfirm.text, new RegExp(`Para volver a trabajar juntos, ${provider.name} tiene que enviarle una nueva solicitud de asociación\\.`));

  const p = await spanish(provider.admin);
  const confirm = await p.get(`/resellers/end?id=${reseller.id}`);
  assertSpanish(confirm);
  assert.match(confirm.text, new RegExp(`son partners desde el ${ES_DATE}\\.`));
  assert.match(confirm.text, /<button type="submit" class="danger">Finalizar asociación<\/button>/);
  assert.match(confirm.text, /class="cancel-link" href="\/resellers">Cancelar<\/a>/);
  assert.match(confirm.text, /Volver a la lista/);
  assertNoEnglish(confirm, ['End partnership', 'Cancel', 'Back to the list', 'have been partners', 'To work together']);
  const ended = await p.post('/resellers/end', { id: reseller.id });
  assert.equal(ended.status, 303);
  const list = await p.get(ended.location);
  assertSpanish(list);
  assert.match(list.text, new RegExp(`id="ended-notice">Su asociación con ${reseller.name} ha finalizado\\.<`));

  const again = await p.post('/resellers/end', { id: reseller.id });
  assertSpanish(again, 404);
  assert.match(again.text, /Su organización no tiene ninguna asociación con esa organización\. Es posible que ya haya finalizado\./);
  assertNoEnglish(again, ['no partnership', 'may have ended']);
});
