// i18n.test.mjs: which language a person gets: their saved choice (Account settings > Language), else the footer
// picker's cookie, else the browser's Accept-Language, else English; <html lang> and Content-Language follow it,
// and one request's language never reaches the next one on the same worker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Client, sql } from '../lib/client.mjs';
import { arrangeOrg, relate, signedIn } from '../lib/arrange.mjs';
import { auditMark, assertOneAudit, assertNoAudit } from '../lib/audit.mjs';

const spanish = (res) => {
  assert.match(res.text, /<html lang="es">/);
  assert.equal(res.headers.get('content-language'), 'es');
};
const english = (res) => {
  assert.match(res.text, /<html lang="en">/);
  assert.equal(res.headers.get('content-language'), 'en');
};
const withLanguage = (header) => ({ headers: { 'Accept-Language': header } });

test('an anonymous page follows Accept-Language: Spanish by its weights, English for what the portal does not speak', async () => {
  const c = new Client();
  const es = await c.request('GET', '/signin', withLanguage('fr-FR,es;q=0.8,en;q=0.5'));
  assert.equal(es.status, 200);
  spanish(es);
  assert.match(es.text, /<h1>Iniciar sesión<\/h1>/);
  assert.match(es.text, /<label for="upn">Nombre de usuario<\/label>/);
  assert.doesNotMatch(es.text, />Sign in</);
  english(await c.request('GET', '/signin', withLanguage('en-US,en;q=0.9,es;q=0.8')));
  english(await c.request('GET', '/signin', withLanguage('de-DE')));
  const none = await c.get('/signin');
  english(none);
  assert.match(none.text, /<h1>Sign in<\/h1>/);
});

test('the footer picker sets a cookie that outranks the browser, back to the same page; a language not spoken is a 400', async () => {
  const c = new Client();
  const page = await c.request('GET', '/providers?q=x', withLanguage('en'));
  assert.match(page.text, /<form method="post" action="\/language" class="language-picker" id="language-picker">/);
  assert.match(page.text, /<option value="es" lang="es">Español<\/option>/);
  assert.doesNotMatch(page.text, /value="qps"/, 'the pseudo-locale is never offered');
  const bad = await c.post('/language', { lang: 'fr', return_to: '/signin' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Choose English or Español/);
  assert.equal(c.cookies.get('lang'), undefined);
  const res = await c.post('/language', { lang: 'es', return_to: '/providers?q=x' });
  assert.equal(res.status, 303);
  assert.equal(new URL(res.location, BASE).pathname + new URL(res.location, BASE).search, '/providers?q=x');
  assert.match(res.headers.get('set-cookie'), /^lang=es; .*Max-Age=31536000/i);
  const after = await c.request('GET', '/signin', withLanguage('en'));
  spanish(after);
  // a return_to that leaves the site goes home instead
  const away = await c.post('/language', { lang: 'en', return_to: 'https://evil.example/' });
  assert.equal(away.status, 303);
  assert.doesNotMatch(away.location, /evil/);
  english(await c.request('GET', '/signin', withLanguage('es')));
});

test('the picker without its CSRF token is refused and changes nothing', async () => {
  const c = new Client();
  await c.get('/signin');
  const res = await c.post('/language', { lang: 'es', return_to: '/signin' }, { csrf: false });
  assert.equal(res.status, 403);
  assert.equal(c.cookies.get('lang'), undefined);
});

test('a saved language outranks the cookie and the browser, is audited, and can be handed back to the browser', async () => {
  const org = arrangeOrg('reseller');
  const c = await signedIn(org.admin);
  const form = await c.get('/account/language');
  assert.equal(form.status, 200);
  assert.match(form.text, /<input type="radio" name="lang" value="browser" checked>/, 'nothing saved yet');
  assert.match(form.text, /<a href="\/account\/language" id="language-settings"[^>]*>Language<\/a>/, 'under Account settings');
  const userId = sql(`SELECT id FROM users WHERE upn = '${org.admin.upn}'`);
  let mark = auditMark();
  const bad = await c.post('/account/language', { lang: 'xx' });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /Choose one of the languages listed\./);
  assertNoAudit(mark);
  mark = auditMark();
  const saved = await c.post('/account/language', { lang: 'es' });
  assert.equal(saved.status, 303);
  assert.equal(sql(`SELECT language FROM users WHERE id = ${userId}`), 'es');
  assertOneAudit(mark, { action: 'user.language_changed', objectType: 'user', objectId: Number(userId),
    userId: Number(userId), before: { language: null }, after: { language: 'es' } });
  // the browser and a cookie both ask for English: the saved choice wins
  c.cookies.set('lang', 'en');
  const home = await c.request('GET', '/account/language?saved=1', withLanguage('en'));
  spanish(home);
  assert.match(home.text, /<h1>Idioma<\/h1>/);
  assert.match(home.text, /id="language-saved">Se ha guardado su idioma/);
  assert.match(home.text, /<input type="radio" name="lang" value="es" checked>/);
  mark = auditMark();
  await c.post('/account/language', { lang: 'browser' });
  assert.equal(sql(`SELECT COALESCE(language, 'NULL') FROM users WHERE id = ${userId}`), 'NULL');
  assertOneAudit(mark, { action: 'user.language_changed', before: { language: 'es' }, after: { language: null } });
  c.cookies.delete('lang');
  english(await c.request('GET', '/home', withLanguage('en')));
  spanish(await c.request('GET', '/home', withLanguage('es')));
});

test('the footer picker of a signed-in person saves their choice too, so every device and email follows it', async () => {
  const org = arrangeOrg('provider');
  const c = await signedIn(org.admin);
  await c.get('/home');
  const res = await c.post('/language', { lang: 'es', return_to: '/home' });
  assert.equal(res.status, 303);
  assert.equal(sql(`SELECT language FROM users WHERE upn = '${org.admin.upn}'`), 'es');
  const other = await signedIn(org.admin);  // another browser: no cookie, an English browser
  spanish(await other.request('GET', '/home', withLanguage('en')));
});

test('alternating English and Spanish requests on the same workers each come back in their own language', async () => {
  const org = arrangeOrg('reseller');
  sql(`UPDATE users SET language = 'es' WHERE upn = '${org.admin.upn}'`);
  const spanishUser = await signedIn(org.admin);
  const anonymous = new Client({ otherLanguages: false });
  const englishCookie = new Client({ otherLanguages: false });
  englishCookie.cookies.set('lang', 'en');
  // the stack has two workers, and nginx hands each request to either: 60 requests give each worker both
  // languages many times, each right after the other
  for (let i = 0; i < 20; i++) {
    spanish(await spanishUser.request('GET', '/home', withLanguage('en')));
    const plain = await anonymous.get('/signin');
    english(plain);
    assert.match(plain.text, /<h1>Sign in<\/h1>/);
    english(await englishCookie.request('GET', '/signin', withLanguage('es')));
  }
});

test("a list of names sorts the language's way: ñ after n in Spanish, with n in English", async () => {
  const customer = arrangeOrg('customer', 'Sorted Customer');
  const names = ['Oso', 'Ñandú', 'Nube'].map((label) => arrangeOrg('reseller', `${label} Partner`));
  relate(customer, ...names);
  const c = await signedIn(customer.admin);
  const order = (text) => [...text.matchAll(/<tr id="partner-\d+">\s*<td[^>]*>(?:<a [^>]*>)?([^<]+)/g)]
    .map((m) => m[1].trim().split(' ')[0]);
  assert.deepEqual(order((await c.request('GET', '/my/partners', withLanguage('en'))).text), ['Ñandú', 'Nube', 'Oso']);
  assert.deepEqual(order((await c.request('GET', '/my/partners', withLanguage('es'))).text), ['Nube', 'Ñandú', 'Oso']);
});
