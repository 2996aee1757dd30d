// i18n_enroll.test.mjs: the reseller enrollment wizard walked in Spanish (every step's page by the vendor's
// Spanish words of seed 001, a field error in Spanish, no English button left), sign-in, the password page and
// an error page in Spanish, and the enrollment emails in the applicant's language: a Spanish applicant gets the
// verification and approval emails in Spanish although the vendor admin approving works in English, an English
// one gets English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, DEMO, sql } from '../lib/client.mjs';
import { waitForMail, links } from '../lib/mail.mjs';

const rand = () => Math.random().toString(36).slice(2, 10).replace(/[^a-z0-9]/g, '0');
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const TENANT_PASSWORD = 'Fresh-tenant-2026';
const MEMBERSHIP_PASSWORD = 'Membership-demo-2026';  // the hash is copied from partner@adatum.com
// the English words of the wizard's buttons, links and step labels, none of which a Spanish page may show
const ENGLISH = /\b(Next|Back|Cancel|Continue|Sign in|Enroll now|Submit|Create tenant|Create new tenant|Welcome|Review and enroll|Business details|Organization profile|Password|User name)\b/;

function spanishClient() {
  const c = new Client();
  c.cookies.set('lang', 'es');
  return c;
}

// The page's text as a person reads it: element text and the attributes a screen reader says.
function readable(html) {
  const said = [...html.matchAll(/(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]).join(' ');
  return `${html.replace(/<[^>]*>/g, ' ')} ${said}`;
}

// A page in Spanish: its status, <html lang="es">, each of the vendor's words in WORDS, no English UI word.
function assertSpanish(res, words, status = 200) {
  assert.equal(res.status, status, res.text.slice(0, 300));
  assert.match(res.text, /<html lang="es">/);
  for (const w of words) assert.ok(res.text.includes(w), `the page says "${w}"`);
  assert.doesNotMatch(readable(res.text), ENGLISH);
}

// GET the page (for its CSRF token and, in Spanish, its words), then POST the form to it.
async function step(c, path, fields, words) {
  const page = await c.get(path);
  if (words) assertSpanish(page, words);
  return c.post(path, fields);
}

// A membership account of our own with one active US profile.
function makeMembership() {
  const user = `m-${rand()}@example.com`;
  const mpn = String(500000000 + Math.floor(Math.random() * 400000000));
  sql(`INSERT INTO membership_accounts (user_name, display_name, password_hash)
       SELECT ${q(user)}, 'Test partner', password_hash FROM membership_accounts WHERE user_name = 'partner@adatum.com'`);
  sql(`INSERT INTO org_profiles (account_id, mpn_id, legal_name, country, city, active)
       SELECT id, ${q(mpn)}, 'Fresh Corp', 'US', 'Seattle', 1 FROM membership_accounts WHERE user_name = ${q(user)}`);
  return { user, profileId: sql(`SELECT id FROM org_profiles WHERE mpn_id = ${q(mpn)}`) };
}

function details(contact) {
  return { legal_name: 'Fresh Corp', address_line1: '1 Main Street', address_line2: '', city: 'Seattle', region: 'WA',
    postal_code: '98101', country: 'US', phone: '+1 425 555 0100', contact_name: 'Pat Fresh', contact_email: contact,
    contact_phone: '(425) 555-0101', support_email: 'support@example.com', support_phone: '425-555-0102',
    support_website: '', action: 'next' };
}

// The whole full-path wizard in C's language (a Spanish client checks every page, and one bad POST per form
// that has a message of its own); the status page's text and what it needs for the emails.
async function enroll(c, spanish) {
  const es = (words) => (spanish ? words : null);
  const prefix = `t${rand()}`, m = makeMembership(), contact = `contact-${rand()}@example.com`;
  const domain = `${prefix}.onmicrosoft.com`, upn = `admin@${domain}`;
  let res = await step(c, '/enroll/welcome', {}, es(['Inscribirse como revendedor indirecto', 'Antes de comenzar',
    '>Siguiente</button>', '<span class="step-number">1</span> Bienvenida', 'aria-label="Pasos de la inscripción"',
    '<title>Bienvenida · Inscribirse como revendedor indirecto · Channel Center</title>']));
  assert.equal(res.location, '/enroll/directory');
  if (spanish) {
    const page = await c.get('/enroll/directory');
    assertSpanish(page, ['Iniciar sesión en el directorio de su organización', '>Crear nueva inquilino</a>',
      '>Iniciar sesión</button>', '>Atrás</a>', 'Iniciar sesión en el directorio</li>']);
    const empty = await c.post('/enroll/directory', { upn: '', password: '' });
    assertSpanish(empty, ['Escriba el nombre de usuario y la contraseña de un administrador global del inquilino de directorio de su organización.'], 400);
    const mismatch = await step(c, '/enroll/tenant', { domain_prefix: prefix, org_name: `Fresh ${prefix}`, country: 'US',
      admin_name: 'Pat Fresh', admin_user: 'admin', password: TENANT_PASSWORD, confirm_password: `${TENANT_PASSWORD}x` },
    ['Crear nueva inquilino', 'Primer administrador global', '>Crear inquilino</button>', 'Confirme la contraseña']);
    assertSpanish(mismatch, ['Las dos contraseñas no coinciden.'], 400);
  }
  res = await step(c, '/enroll/tenant', { domain_prefix: prefix, org_name: `Fresh ${prefix}`, country: 'US',
    admin_name: 'Pat Fresh', admin_user: 'admin', password: TENANT_PASSWORD, confirm_password: TENANT_PASSWORD });
  assert.equal(res.status, 303, res.text);
  if (spanish) assertSpanish(await c.get(res.location), ['Su nuevo inquilino está listo.']);
  res = await c.post('/enroll/directory', { upn, password: TENANT_PASSWORD });
  assert.equal(res.location, '/enroll/mpn', res.text);
  res = await step(c, '/enroll/mpn', {}, es(['Vincular su Id. de MPN', '>Iniciar sesión</button>']));
  assert.equal(res.location, '/enroll/membership');
  res = await step(c, '/enroll/membership', { user_name: m.user }, es(['Iniciar sesión en el Membership Center',
    '>Siguiente</button>', '<span class="step-number">4</span> Iniciar sesión en el Membership Center']));
  assert.equal(res.location, '/enroll/membership/password');
  if (spanish) {
    await c.get('/enroll/membership/password');
    assertSpanish(await c.post('/enroll/membership/password', { password: '' }),
      ['Escriba su contraseña del Membership Center.'], 400);
  }
  res = await step(c, '/enroll/membership/password', { password: MEMBERSHIP_PASSWORD },
    es(['Escriba su contraseña', 'Usar otra cuenta', '>Iniciar sesión</button>']));
  assert.equal(res.location, '/enroll/profile');
  res = await step(c, '/enroll/profile', { profile_id: m.profileId, action: 'continue' },
    es(['Seleccionar el perfil de su organización', '>Continuar</button>', '>Cancelar</button>', 'Id. de MPN ']));
  assert.equal(res.location, '/enroll/details');
  if (spanish) {
    await c.get('/enroll/details');
    const bad = await c.post('/enroll/details', { ...details(contact), legal_name: '' });
    assertSpanish(bad, ['Un campo requiere su atención.'], 400);
  }
  res = await step(c, '/enroll/details', details(contact), es(['Perfil comercial legal', 'Contacto principal',
    'Información de soporte técnico al cliente', 'Nombre legal de la empresa', '>Siguiente</button>', '>Atrás</button>']));
  assert.equal(res.location, '/enroll/review');
  res = await step(c, '/enroll/review', {}, es(['Revisar e inscribirse', '>Inscribirse ahora</button>', 'Inquilino de directorio']));
  assert.equal(res.location, '/enroll/status');
  const status = await c.get('/enroll/status');
  return { status, contact, domain, upn };
}

const outboxLanguage = (to) => sql(`SELECT language FROM mail_outbox WHERE to_addr = ${q(to)} ORDER BY id DESC LIMIT 1`);

// The vendor admin (no language chosen, no Accept-Language: English) approves or rejects the application of
// DOMAIN and sees the outcome in English.
async function reviewAsVendor(domain, action, fields = {}) {
  const id = sql(`SELECT a.id FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.domain = ${q(domain)}`);
  const vendor = new Client();
  await vendor.signIn(DEMO.vendor);
  await vendor.get(`/admin/enrollments/view?id=${id}`);
  const res = await vendor.post(`/admin/enrollments/${action}`, { id, ...fields });
  assert.equal(res.status, 303, res.text);
  const done = await vendor.get(res.location);
  assert.match(done.text, /<html lang="en">/);
  assert.match(done.text, action === 'approve' ? /id="app-status">Approved</ : /id="app-status">Rejected</);
}
const approveAsVendor = (domain) => reviewAsVendor(domain, 'approve');

// The verification link of the email, opened and confirmed in C's browser.
async function verify(c, mail) {
  const link = links(mail.body).find((l) => l.includes('/enroll/verify?token='));
  const path = new URL(link).pathname + new URL(link).search;
  const page = await c.get(path);
  const res = await c.post('/enroll/verify', { token: new URL(link).searchParams.get('token') });
  assert.equal(res.status, 303, res.text);
  return { page, done: await c.get(res.location) };
}

test('the wizard in Spanish: every step, its field errors and the status page; the emails in Spanish although the vendor approves in English', async () => {
  const c = spanishClient();
  const { status, contact, domain } = await enroll(c, true);
  assertSpanish(status, ['Su solicitud de inscripción', 'Pendiente de verificar el correo electrónico', 'Enviada']);
  // the date as Spanish writes it: "1 dic 2026, 18:40 UTC"
  assert.match(status.text, /id="status-submitted">\d{1,2} [a-z]{3}\.? \d{4}, \d\d:\d\d UTC</);
  assert.equal(sql(`SELECT w.language FROM enrollment_wizards w JOIN tenants t ON t.id = w.tenant_id WHERE t.domain = ${q(domain)}`), 'es');
  assert.equal(sql(`SELECT a.language FROM enrollment_applications a JOIN tenants t ON t.id = a.tenant_id WHERE t.domain = ${q(domain)}`), 'es');

  const verification = await waitForMail(contact);
  assert.equal(verification.subject, 'Compruebe su dirección de correo electrónico para Channel Center');
  assert.match(verification.body, /^Hola, Pat Fresh:/);
  assert.match(verification.body, /seleccione "Confirmar mi dirección de correo electrónico"/);
  assert.match(verification.body, /caduca en 7 días/);
  assert.doesNotMatch(verification.body, /\b(Hello|Someone|link|expires)\b/);
  assert.equal(outboxLanguage(contact), 'es');
  assert.equal(verification.headers['content-language'], 'es');

  const { page, done } = await verify(c, verification);
  assertSpanish(page, ['Verificar su dirección de correo electrónico', '>Confirmar mi dirección de correo electrónico</button>']);
  assertSpanish(done, ['Gracias: su correo electrónico está verificado', 'Ver el estado de su solicitud']);
  assertSpanish(await c.get('/enroll/status'), ['En revisión', 'Correo electrónico verificado']);

  await approveAsVendor(domain);
  const approved = await waitForMail(contact, { subject: /lista/ });
  assert.equal(approved.subject, 'Su cuenta de revendedor de Channel Center está lista');
  assert.match(approved.body, /^Hola, Pat Fresh:/);
  assert.match(approved.body, /Nombre de usuario de su agente de administración: admin@/);
  assert.match(approved.body, /Configuración de la cuenta > Administración de usuarios/);
  assert.doesNotMatch(approved.body, /\b(Hello|Good news|Sign in)\b/);
  assert.equal(outboxLanguage(contact), 'es');
  assertSpanish(await c.get('/enroll/status'), ['Aprobada', 'Su cuenta de revendedor está lista.', '>Iniciar sesión</a>', 'Revisada']);
});

test('an applicant who enrolls in English gets the verification and approval emails in English', async () => {
  const c = new Client();
  const { status, contact, domain } = await enroll(c, false);
  assert.match(status.text, /<html lang="en">/);
  assert.match(status.text, /id="status-label">Waiting for email verification</);
  const verification = await waitForMail(contact);
  assert.equal(verification.subject, 'Verify your email address for Channel Center');
  assert.match(verification.body, /^Hello Pat Fresh,/);
  assert.equal(outboxLanguage(contact), 'en');
  assert.equal(verification.headers['content-language'], 'en');
  await verify(c, verification);
  await approveAsVendor(domain);
  const approved = await waitForMail(contact, { subject: /ready/ });
  assert.equal(approved.subject, 'Your Channel Center reseller account is ready');
  assert.match(approved.body, /under Account settings > User management/);
  assert.equal(outboxLanguage(contact), 'en');
});

test('a Spanish applicant is told of a rejection in Spanish, with the English reviewer\'s reason as written', async () => {
  const c = spanishClient();
  const { contact, domain } = await enroll(c, false);
  await verify(c, await waitForMail(contact));
  await reviewAsVendor(domain, 'reject', { reason: 'The MPN ID belongs to another company.' });
  const rejected = await waitForMail(contact, { subject: /no se ha aprobado/ });
  assert.equal(rejected.subject, 'Su inscripción como revendedor en Channel Center no se ha aprobado');
  assert.match(rejected.body, /Motivo indicado por el revisor:\nThe MPN ID belongs to another company\./);
  assert.match(rejected.body, /Puede corregir la información y volver a inscribirse en http/);
  assert.equal(outboxLanguage(contact), 'es');
  const status = await c.get('/enroll/status');
  assertSpanish(status, ['No aprobada', 'No hemos podido aprobar su solicitud.', '>Iniciar una nueva solicitud</button>']);
  assert.match(status.text, /id="status-reviewed">\d{1,2} [a-z]{3}\.? \d{4}, \d\d:\d\d UTC</);
});

test('sign-in, the password page and an error page in Spanish', async () => {
  const c = spanishClient();
  const signin = await c.get('/signin');
  assertSpanish(signin, ['<h1>Iniciar sesión</h1>', '>Nombre de usuario</label>', '>Contraseña</label>', '>Iniciar sesión</button>']);
  const empty = await c.post('/signin', { upn: '', password: '' });
  assertSpanish(empty, ['Escriba su nombre de usuario y su contraseña.'], 400);
  const wrong = await c.post('/signin', { upn: DEMO.reseller.upn, password: 'not-the-password' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.text, /El nombre de usuario y la contraseña no coinciden\. Compruébelos y vuelva a intentarlo\./);

  const user = new Client();
  user.cookies.set('lang', 'es');
  await user.signIn(DEMO.reseller);
  const page = await user.get('/account/password');
  assertSpanish(page, ['<h1>Cambiar su contraseña</h1>', 'Contraseña actual', 'Contraseña nueva', 'Confirme la contraseña nueva',
    '>Cambiar contraseña</button>']);
  const bad = await user.post('/account/password', { current_password: 'not-the-password', new_password: 'x', confirm_password: 'x' });
  assertSpanish(bad, ['Su contraseña actual no es correcta.'], 400);

  const missing = await c.get(`/no-such-page-${rand()}`);
  assert.equal(missing.status, 404);
  assert.match(missing.text, /<html lang="es">/);
  assert.match(missing.text, /<a href="\/">Ir a la página principal<\/a>/);
  assert.doesNotMatch(missing.text, /Go to the home page/);
});
