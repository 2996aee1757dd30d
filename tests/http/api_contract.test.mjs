// api_contract.test.mjs: the partner API's contract: /v1/openapi.json served to anyone, the same document the
// build merged (build/openapi.json), and what nginx answers itself under /v1/ (a body too large, too many calls
// from one address) in the API's JSON shape, like the dispatcher's own 404 and 405.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, VAR } from '../lib/client.mjs';
import { Api } from '../lib/api.mjs';
import { DOCUMENT_PATH, checkSchema } from '../lib/openapi.mjs';

const anonymous = new Api(null);

test('GET /v1/openapi.json needs no token and serves the document the build merged from api/openapi/', async () => {
  const res = await anonymous.get('/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.equal(res.text, readFileSync(DOCUMENT_PATH, 'utf8'));
  assert.equal(res.json.openapi, '3.1.0');
  assert.equal(res.json.info.title, 'Channel Center partner API');
  assert.deepEqual(res.json.security, [{ bearer: [] }]);
  assert.match(res.json.components.securitySchemes.bearer.description, /Account settings > API tokens/);
  assert.ok(res.json.paths['/v1/openapi.json'].get, 'the document describes itself');
  for (const name of ['BadRequest', 'Unauthorized', 'Forbidden', 'NotFound', 'MethodNotAllowed', 'Conflict',
    'PayloadTooLarge', 'UnsupportedMediaType', 'TooManyRequests', 'Unavailable', 'InternalError'])
    assert.ok(res.json.components.responses[name], name);
});

test('a token is not needed but a bad one does not matter either: the document is public', async () => {
  const res = await new Api('cct_' + 'A'.repeat(43)).get('/v1/openapi.json');
  assert.equal(res.status, 200);
});

test('an unknown /v1/ path is a JSON 404 and a method the contract does not take a JSON 405, both as documented', async () => {
  // Api checks each answer against the document (openapi.mjs): the shared NotFound and MethodNotAllowed
  let res = await anonymous.get('/v1/no-such-thing?x=1');
  assert.equal(res.status, 404);
  assert.equal(res.json.code, 'notFound');
  res = await anonymous.post('/v1/openapi.json', {});
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET');
  assert.equal(res.json.code, 'methodNotAllowed');
});

test('a 3 MiB body, refused by nginx before any worker, is a JSON error in both languages, not an HTML page', async () => {
  const res = await anonymous.post('/v1/openapi.json', `{"x":"${'a'.repeat(3 * 1024 * 1024)}"}`, { check: false });
  assert.equal(res.status, 413);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  checkSchema('Error', res.json);
  assert.equal(res.json.code, 'payloadTooLarge');
  assert.match(res.json.description, /larger than 2 MiB, more than any API call accepts.*supera los 2 MiB/);
  assert.doesNotMatch(res.text, /<html/i);
  // the pages keep their HTML page for the same refusal
  const page = await fetch(`${BASE}/signin`, { method: 'POST', body: 'x'.repeat(3 * 1024 * 1024),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(page.status, 413);
  assert.match(await page.text(), /<html/i);
});

test('nginx limits /v1/ calls per client address and answers 429 in the same JSON shape', () => {
  const conf = readFileSync(`${VAR}/run/nginx.conf`, 'utf8');
  assert.match(conf, /limit_req_zone \$binary_remote_addr zone=api_addresses:\S+ rate=\d+r\/s;/);
  assert.match(conf, /location \/v1\/ \{\s*limit_req zone=api_addresses burst=\d+ nodelay;/);
  // PUT and DELETE leave /v1/ for @v1_once (never sent to a second pool) before the limit: it has its own
  assert.match(conf, /location @v1_once \{\s*limit_req zone=api_addresses burst=\d+ nodelay;/);
  assert.match(conf, /limit_req_status 429;/);
  const body = JSON.parse(readFileSync(`${VAR}/run/nginx-files/errors/api/429.json`, 'utf8'));
  checkSchema('Error', body);
  assert.equal(body.code, 'tooManyRequests');
  assert.match(body.description, /Wait a second \(Retry-After\)/);
  for (const status of [400, 408, 413, 414, 500, 502, 503, 504]) {
    const e = JSON.parse(readFileSync(`${VAR}/run/nginx-files/errors/api/${status}.json`, 'utf8'));
    checkSchema('Error', e);
  }
});
