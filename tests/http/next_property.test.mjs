// next_property.test.mjs: the sign-in redirect (?next=) as a property: for many random and adversarial
// values, signed in (GET /signin answers 303 at once) and signed out (the form's hidden next, then the
// sign-in itself), every Location a browser would follow resolves, by node's WHATWG URL parser (a browser's
// own algorithm), to this site's origin and a path on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Client, htmlDecode } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';

const SITE = new URL(BASE).origin;
const SIGNIN = `${SITE}/signin`;
const RANDOM_VALUES = 400;   // bounded: each is one request
const SIGNED_OUT_SIGNINS = 40;

// The known ways out of a site, each a value of next as the server decodes it.
const ADVERSARIAL = [
  '//evil.example/', '///evil.example', '////evil.example', '/\\evil.example', '\\/evil.example', '\\\\evil.example',
  '/\t/evil.example', '/%09/evil.example', '/\n/evil.example', '/\r\n/evil.example', '/\r/evil.example',
  ' //evil.example', '\t//evil.example', '\x0b//evil.example', '\x00//evil.example', '/\x7f/evil.example',
  '/%5cevil.example', '/%5C%5Cevil.example', '/%2f/evil.example', '/%2F%2Fevil.example', '/./evil.example',
  '/.//evil.example', '/../evil.example', '/a/..//evil.example', '/%2e%2e//evil.example', 'https://evil.example/',
  'http://evil.example', 'http:/\\evil.example', 'http:\\\\evil.example', 'http:evil.example', 'HTTPS:evil.example',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>',
  'evil.example', '@evil.example', '/@evil.example', '\u00a0//evil.example', '/\u3000/evil.example',
  '/\uff0f\uff0fevil.example', '/\u2028/evil.example', '/x?y#//evil.example', '//', '///', '/\\', '\\',
];
// Kept as they are: paths of this site the product itself sends people back to.
const KEPT = ['/home', '/customers?q=Contoso%20Ltd&page=2', '/admin/providers/edit?id=3', '/providers?q=a%2Fb', '/customers?q=a|b'];

// Pieces random values are made of: separators, whitespace and control characters, escapes, schemes.
const PIECES = ['/', '/', '\\', '\t', '\n', '\r', ' ', '\x00', '\x0b', '\x0c', '\x1f', '\x7f', '%09', '%0a', '%0d',
  '%20', '%5c', '%5C', '%2f', '%2F', '%2e', '%00', '%', '.', '..', ':', '@', '?', '#', '&', '=', 'evil.example',
  'home', 'a', 'http:', 'https:', 'javascript:', 'data:', '\u00a0', '\u3000', '\uff0f', '\u2028', 'ü', '😀', '"', '<'];

// A small seeded generator, so a failure can be replayed with NEXT_SEED.
function generator(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValues(count, seed) {
  const rnd = generator(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    let v = rnd() < 0.7 ? '/' : '';
    for (let n = 1 + Math.floor(rnd() * 6); n > 0; n--)
      v += PIECES[Math.floor(rnd() * PIECES.length)];
    out.push(v);
  }
  return out;
}

// Where a browser on /signin goes for LOCATION: this site and a path on it, or a failure naming the value.
function assertStaysOnSite(location, next, how) {
  assert.ok(location !== null && location !== undefined, `${how}: no Location for next=${JSON.stringify(next)}`);
  const url = new URL(location, SIGNIN);
  assert.equal(url.origin, SITE, `${how}: next=${JSON.stringify(next)} sent the browser to ${url.href}`);
  assert.ok(url.pathname.startsWith('/') && !url.pathname.startsWith('//'),
    `${how}: next=${JSON.stringify(next)} resolved to the path ${url.pathname}`);
  assert.equal(url.username + url.password, '', `${how}: credentials in ${url.href}`);
}

const seed = Number(process.env.NEXT_SEED || Date.now() % 1000000);
const values = [...ADVERSARIAL, ...randomValues(RANDOM_VALUES, seed)];

test(`signed in, GET /signin?next= redirects only to this site (${values.length} values, NEXT_SEED=${seed})`, async () => {
  const c = await signedIn(arrangeOrg('reseller', 'Next Reseller').admin);
  for (const next of values) {
    const res = await c.get(`/signin?next=${encodeURIComponent(next)}`);
    assert.equal(res.status, 303, `next=${JSON.stringify(next)}`);
    assertStaysOnSite(res.location, next, 'signed in');
  }
  for (const next of KEPT)
    assert.equal((await c.get(`/signin?next=${encodeURIComponent(next)}`)).location, next, 'a path of this site is kept');
});

test(`signed out, the sign-in form carries and the sign-in follows only next values of this site (NEXT_SEED=${seed})`, async () => {
  const org = arrangeOrg('reseller', 'Next Reseller');
  const c = new Client();
  for (const next of values) {
    const page = await c.get(`/signin?next=${encodeURIComponent(next)}`);
    assert.equal(page.status, 200);
    const hidden = page.text.match(/<input type="hidden" name="next" value="([^"]*)">/);
    assert.ok(hidden, 'the form carries next');
    assertStaysOnSite(htmlDecode(hidden[1]), next, 'the hidden field');
  }
  // the sign-in itself, for the adversarial values and a few random ones (each one is a password check)
  for (const next of [...ADVERSARIAL, ...values.slice(ADVERSARIAL.length, ADVERSARIAL.length + SIGNED_OUT_SIGNINS)]) {
    const fresh = new Client();
    await fresh.get('/signin');
    const res = await fresh.post('/signin', { upn: org.admin.upn, password: org.admin.password, next });
    assert.equal(res.status, 303, `next=${JSON.stringify(next)}: ${res.text.slice(0, 200)}`);
    assertStaysOnSite(res.location, next, 'after sign-in');
  }
  const fresh = new Client();
  await fresh.get('/signin');
  const kept = await fresh.post('/signin', { upn: org.admin.upn, password: org.admin.password, next: KEPT[1] });
  assert.equal(kept.location, KEPT[1]);
});
