// nginx_errors.test.mjs: what nginx answers by itself (a body over its 2 MiB fence, an address too long, a
// request it cannot parse, a missing static file) looks like the app's error page and carries its headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, Client } from '../lib/client.mjs';
import { rawRequest, assertSecurityHeaders, assertErrorPage } from '../lib/raw.mjs';

const host = new URL(BASE).host;

test('a body over 2 MiB gets 413 with the app\'s page and security headers', async () => {
  const res = await rawRequest(`POST /signin HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\n`
    + `Content-Length: ${3 * 1024 * 1024}\r\nConnection: close\r\n\r\nupn=x`);
  assert.equal(res.status, 413);
  assertSecurityHeaders(res.headers);
  assert.match(res.headers['content-type'], /^text\/html/);
  assertErrorPage(res.body, 413, /larger than 2 MiB/);
});

test('an address too long gets 414 with the app\'s page and security headers', async () => {
  const res = await fetch(`${BASE}/providers?q=${'a'.repeat(20000)}`);
  assert.equal(res.status, 414);
  assertSecurityHeaders(res.headers);
  assertErrorPage(await res.text(), 414, /This address is too long for this site/);
});

test('a request nginx cannot read gets 400 with the app\'s page and security headers', async () => {
  const line = await rawRequest('GET /signin HTTP/1.1 extra\r\n\r\n');
  assert.equal(line.status, 400);
  assertSecurityHeaders(line.headers);
  assertErrorPage(line.body, 400, /Your browser sent a request this site could not read/);
  const twoHosts = await rawRequest(`GET /signin HTTP/1.1\r\nHost: ${host}\r\nHost: other.example\r\nConnection: close\r\n\r\n`);
  assert.equal(twoHosts.status, 400);
  assertSecurityHeaders(twoHosts.headers);
  assertErrorPage(twoHosts.body, 400, /could not read/);
  const bigCookie = await rawRequest(`GET /signin HTTP/1.1\r\nHost: ${host}\r\nCookie: x=${'c'.repeat(9000)}\r\nConnection: close\r\n\r\n`);
  assert.equal(bigCookie.status, 400);
  assertSecurityHeaders(bigCookie.headers);
  assertErrorPage(bigCookie.body, 400, /headers or cookies too large/);
});

test('a missing static file gets the app\'s 404 page; static files carry the security headers', async () => {
  const missing = await fetch(`${BASE}/static/nothing-here.css`);
  assert.equal(missing.status, 404);
  assertSecurityHeaders(missing.headers);
  assert.equal(missing.headers.get('content-type'), 'text/html; charset=utf-8');
  assertErrorPage(await missing.text(), 404, /There is no file at this address/);
  const internal = await fetch(`${BASE}/_errors/404.html`);  // the pages' own folder is not an address
  assert.equal(internal.status, 404);
  assertSecurityHeaders(internal.headers);
  const css = await fetch(`${BASE}/static/style.css`);
  assert.equal(css.status, 200);
  assertSecurityHeaders(css.headers);
  assert.equal(css.headers.get('cache-control'), 'max-age=3600');  // static files stay cacheable
});

test('the app\'s own pages carry the same headers once each', async () => {
  const page = await new Client().get('/signin');
  assertSecurityHeaders(page.headers);
  assert.doesNotMatch(page.headers.get('content-security-policy'), /,/);  // not sent twice
});
