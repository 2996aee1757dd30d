// seed000_es.test.mjs: in headless Chromium, the provider's help page (seeds/000, es-ES) followed word by word in
// Spanish by its own labels: the footer picker chooses Español; Revendedores indirectos > Solicitar una
// asociación > Copiar en el portapapeles > Listo; then Agregar nuevo cliente > Siguiente: Suscripciones >
// Siguiente: revisión > Enviar > Información de configuración. Screenshots tests/out/seed000-es-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DEMO } from '../lib/client.mjs';
import { launch, OUT } from '../lib/browser.mjs';

const shot = (page, name) => page.screenshot({ path: `${OUT}seed000-es-${name}.png`, fullPage: true });
const path = (page) => new URL(page.url()).pathname;
// the page is in Spanish: its lang, and none of the English words of its buttons and headings
async function inSpanish(page, english) {
  assert.equal(await page.getAttribute('html', 'lang'), 'es');
  const text = await page.textContent('body');
  for (const w of english) assert.doesNotMatch(text, new RegExp(`\\b${w}\\b`), `no "${w}" left on ${path(page)}`);
}

test('the provider flow of the seed, in Spanish by the seed\'s own Spanish labels', async () => {
  const browser = await launch();
  const prefix = `canarias${Date.now().toString(36)}`;
  const company = `Canarias Comercial ${prefix.slice(8).toUpperCase()}`;
  try {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(BASE + '/signin');
    // the footer's picker, on the sign-in page (before anyone is signed in)
    await page.selectOption('#language-choice', 'es');
    await page.click('#language-picker button');
    assert.equal(path(page), '/signin');
    await inSpanish(page, ['Sign in', 'Password']);
    await page.fill('#upn', DEMO.provider.upn);
    await page.fill('#password', DEMO.provider.password);
    await shot(page, '01-iniciar-sesion');
    await page.click('main button:has-text("Iniciar sesión")');

    // Revendedores indirectos > Solicitar una asociación
    await page.click('nav >> text=Revendedores indirectos');
    assert.equal(path(page), '/resellers');
    await inSpanish(page, ['Indirect resellers', 'Request a partnership']);
    await shot(page, '02-revendedores-indirectos');
    await page.click('button:has-text("Solicitar una asociación")');
    const body = await page.inputValue('#draft-body');
    const link = body.match(/https?:\/\/\S+\/partnership\/authorize\?token=[0-9a-f]{64}/)[0];
    const mailto = decodeURIComponent(await page.getAttribute('#open-in-email', 'href'));
    assert.ok(mailto.includes(link), 'Abrir en un correo electrónico carries the link');
    assert.match(await page.textContent('#open-in-email'), /Abrir en un correo electrónico/);
    await inSpanish(page, ['Copy to clipboard', 'Open in email', 'Done']);
    await page.click('button:has-text("Copiar en el portapapeles")');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(link), 'the clipboard holds the Spanish draft with the link');
    await shot(page, '03-solicitar-una-asociacion');
    assert.equal((await page.textContent('#draft-done')).trim(), 'Listo');
    await page.click('#draft-done');
    await inSpanish(page, ['Done', 'sent']);
    await shot(page, '04-listo');

    // Agregar nuevo cliente, for a reseller of the provider
    await page.click('nav >> text=Revendedores indirectos');
    await page.click('#partners tr:has-text("Wide World Resellers") >> text=Agregar nuevo cliente');
    assert.equal(path(page), '/customers/new');
    await inSpanish(page, ['Company name', 'Next']);
    const details = {
      company_name: company, domain_prefix: prefix, address_line1: 'Calle de León y Castillo 1',
      city: 'Las Palmas de Gran Canaria', region: 'GC', postal_code: '35003', contact_name: 'Nieves Suárez',
      contact_email: 'nieves@canariascomercial.example', contact_phone: '+34 928 000 000',
    };
    for (const [name, value] of Object.entries(details)) await page.fill(`#${name}`, value);
    await page.selectOption('#country', 'ES');
    assert.match(await page.locator('#country option[value="ES"]').textContent(), /España/);
    await shot(page, '05-agregar-nuevo-cliente');
    await page.click('button:has-text("Siguiente: Suscripciones")');

    await page.fill('tr:has-text("Cloud Productivity Standard") input', '10');
    await page.fill('tr:has-text("Business Email Plan 1") input', '10');
    await inSpanish(page, ['Subscriptions', 'Review', 'Back']);
    await shot(page, '06-siguiente-suscripciones');
    await page.click('button:has-text("Siguiente: revisión")');
    const review = await page.textContent('main');
    assert.ok(review.includes(company));
    assert.match(review, /165,00 US\$/, '10 × 12,50 US$ + 10 × 4,00 US$ al mes, written the Spanish way');
    await inSpanish(page, ['Submit', 'Review', 'Monthly']);
    await shot(page, '07-siguiente-revision');
    await page.click('button:has-text("Enviar")');

    // Información de configuración: the new admin's user name and temporary password, once
    assert.match(await page.textContent('main'), /Información de configuración/);
    assert.equal((await page.textContent('#setup-user')).trim(), `admin@${prefix}.onmicrosoft.com`);
    assert.ok((await page.textContent('#setup-password')).trim().length >= 12);
    await inSpanish(page, ['Setup info', 'Done', 'Copy']);
    await shot(page, '08-informacion-de-configuracion');
  } finally {
    await browser.close();
  }
});
