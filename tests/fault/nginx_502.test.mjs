// nginx_502.test.mjs: with no worker running, nginx's 502 is the app's error page with the app's headers,
// for a page and for a form sent, and without the language picker (a page written ahead of time for no one
// has no CSRF token of anyone's: the picker would answer 403); the workers then come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, ctl } from '../lib/client.mjs';
import { assertSecurityHeaders, assertErrorPage } from '../lib/raw.mjs';

test('while the workers are stopped, nginx answers 502 with the app\'s page and headers', async () => {
  ctl('stop-workers');
  try {
    const page = await fetch(`${BASE}/signin`);
    assert.equal(page.status, 502);
    assertSecurityHeaders(page.headers);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const text = await page.text();
    assertErrorPage(text, 502, /The site could not answer just now; it is restarting or overloaded/);
    assert.doesNotMatch(text, /csrf_token|language-picker/, 'no form on a page written for no one');
    const form = await fetch(`${BASE}/signin`, { method: 'POST', body: 'upn=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.equal(form.status, 502);
    assertSecurityHeaders(form.headers);
    assertErrorPage(await form.text(), 502, /Try again in a minute/);
  } finally {
    ctl('start-workers');
  }
  assert.equal((await fetch(`${BASE}/healthz`)).status, 200);
});
