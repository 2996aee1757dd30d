// api_core.test.mjs: what every /v1/ call meets before its resource (cgi-src/api/api.c): JSON errors with the
// pages' kind of words (in the caller's language), 404 and 405 for what is not there, bodies read strictly,
// the per-token rate limit with Retry-After, and one log line per call naming the token's user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, Client, DEMO, VAR, sql } from '../lib/client.mjs';
import { rawRequest } from '../lib/raw.mjs';
import { Api, apiFor } from '../lib/api.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const provider = new Client();
let api;

test('setup: a provider with a token', async () => {
  await provider.signIn(DEMO.provider);
  api = await apiFor(provider);
});

test('an address with no API resource is a JSON 404 pointing to the contract, with or without a token', async () => {
  for (const a of [api, new Api(null)]) {
    const res = await a.get('/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.json.code, 'notFound');
    assert.match(res.json.description, /no API resource at this address.*\/v1\/openapi\.json/);
  }
  // a named sub-resource is never read as an id, and a non-numeric id is no resource
  assert.equal((await api.get('/v1/customers/abc')).status, 404);
});

test('a method the resource does not take is a JSON 405 with Allow', async () => {
  const res = await api.call('PATCH', '/v1/me');
  assert.equal(res.status, 405);
  assert.equal(res.json.code, 'methodNotAllowed');
  assert.match(res.headers.get('allow'), /GET/);
});

test('a call with a body where none is taken is 400, and a write with the wrong body is refused before anything is done', async () => {
  const { host } = new URL(BASE);
  const raw = await rawRequest(`GET /v1/me HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${api.token}\r\n` +
    'Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
  assert.equal(raw.status, 400);
  assert.match(JSON.parse(raw.body).description, /takes no request body/);
  let res;
  const before = sql('SELECT COUNT(*) FROM partnership_requests');
  res = await api.post('/v1/relationshiprequests', 'name=x', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assert.equal(res.status, 415);
  assert.match(res.json.description, /Content-Type: application\/json/);
  for (const bad of ['{', '[1,2]', '"text"', '{"a":1} trailing', '{"a":1}{"b":2}']) {
    res = await api.post('/v1/relationshiprequests', bad);
    assert.equal(res.status, 400, bad);
    assert.equal(res.json.code, 'invalidRequest');
    assert.match(res.json.description, /not a JSON object/);
  }
  res = await api.post('/v1/relationshiprequests', { sneaky: true });
  assert.equal(res.status, 400);
  assert.equal(res.json.field, 'sneaky');
  assert.match(res.json.description, /sneaky is not a field of this request/);
  res = await api.post('/v1/relationshiprequests', `{"x":"${'a'.repeat(70 * 1024)}"}`);
  assert.equal(res.status, 413);
  assert.equal(res.json.code, 'payloadTooLarge');
  assert.equal(sql('SELECT COUNT(*) FROM partnership_requests'), before, 'nothing was written');
});

test('errors are in the language the caller asks for', async () => {
  const res = await api.get('/v1/nothing-here', { headers: { 'Accept-Language': 'es-ES,es;q=0.9' } });
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-language'), 'es');
  assert.match(res.json.description, /No hay ningún recurso de la API/);
  const none = await new Api('cct_' + 'A'.repeat(43)).get('/v1/me', { headers: { 'Accept-Language': 'es' } });
  assert.equal(none.status, 401);
  assert.match(none.json.description, /no se conoce/);
  assert.match(none.headers.get('www-authenticate'), /^Bearer realm="Channel Center", error="invalid_token"/);
});

test('a token gets API_RATE_PER_MINUTE calls a minute, then 429 with Retry-After; another token is not slowed', async () => {
  const limit = Number(readFileSync(process.env.TEST_CONF, 'utf8').match(/^API_RATE_PER_MINUTE=(\d+)/m)[1]);
  const busy = await apiFor(provider, { name: 'Busy script', scopes: ['read'] });
  while (new Date().getUTCSeconds() > 45) await sleep(500);  // the whole run inside one minute's window
  let n = 0, res;
  do {
    res = await busy.get('/v1/me');
    n++;
    if (res.status === 200) await sleep(8);  // under nginx's per-address limit: this is the token's own
  } while (res.status === 200 && n <= limit + 5);
  assert.equal(res.status, 429, `call ${n}`);
  assert.equal(n, limit + 1, 'the first call over the limit is refused');
  const wait = Number(res.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
  assert.equal(res.json.code, 'tooManyRequests');
  assert.match(res.json.description, new RegExp(`more than ${limit} calls in a minute\\. Wait ${wait} seconds`));
  assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
  assert.equal((await api.get('/v1/me')).status, 200, 'the other token goes on');
});

test('each call writes one log line with its status and the token user, never the token', async () => {
  const log = `${VAR}/log/workers.log`;
  const before = readFileSync(log, 'utf8').length;
  const me = (await api.get('/v1/me')).json;
  await api.get('/v1/nothing-here');
  await sleep(200);
  const lines = readFileSync(log, 'utf8').slice(before).split('\n').filter((l) => / request /.test(l));
  assert.ok(lines.some((l) => /request GET "\/v1\/me" 200 [\d.]+ms user=(\d+)/.test(l) && l.includes(`user=${me.userId}`)), lines.join('\n'));
  assert.ok(lines.some((l) => /request GET "\/v1\/nothing-here" 404 /.test(l)));
  assert.ok(!readFileSync(log, 'utf8').slice(before).includes(api.token), 'the token is not logged');
});

test('a token never goes beyond its user\'s roles as they are now: an admin agent who loses the role is refused at once', async () => {
  const provider = arrangeOrg('provider', 'Api Core Provider');
  const admin = await apiFor(await signedIn(provider.admin));
  const made = await admin.post('/v1/relationshiprequests', {});
  assert.equal(made.status, 201);
  sql(`UPDATE partner_users SET admin_agent = 0 WHERE org_id = ${provider.id}
    AND user_id = (SELECT id FROM users WHERE upn = '${provider.admin.upn}')`);
  const refused = await admin.post('/v1/relationshiprequests', {});
  assert.equal(refused.status, 403);
  assert.match(refused.json.description, /Only admin agents of your account can do this/);
  assert.equal((await admin.get('/v1/relationshiprequests')).status, 200, 'what the user may still do goes on');
  sql(`UPDATE partner_users SET admin_agent = 1 WHERE org_id = ${provider.id}
    AND user_id = (SELECT id FROM users WHERE upn = '${provider.admin.upn}')`);
  assert.equal((await admin.post('/v1/relationshiprequests', {})).status, 201, 'and the role given back works at once');
});
