// api.mjs: the partner API (/v1/) for the tests: tokens made the way a partner makes them (Account settings >
// API tokens), calls that carry them, and every answer checked against the OpenAPI document (openapi.mjs).
import { BASE } from './client.mjs';
import { checkResponse } from './openapi.mjs';

export const ALL_SCOPES = ['read', 'orders', 'customers', 'users', 'relationships'];

export class Api {
  // TOKEN: the text Account settings > API tokens showed once ("cct_...")
  constructor(token) { this.token = token; }

  // One call; BODY (an object) is sent as JSON, a string as it is. The answer: status, headers, text and,
  // for JSON, json. Every answer is checked against /v1/openapi.json unless check is false.
  async call(method, path, { body, headers = {}, accept = 'application/json', check = true, token } = {}) {
    const h = { Accept: accept, ...headers };
    const t = token === undefined ? this.token : token;
    if (t) h.Authorization = `Bearer ${t}`;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      if (!h['Content-Type']) h['Content-Type'] = 'application/json';
    }
    const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    const type = res.headers.get('content-type') || '';
    const json = /^application\/json/.test(type) && text ? JSON.parse(text) : undefined;
    const answer = { status: res.status, headers: res.headers, text, json };
    if (check) checkResponse(method, path, answer);
    return answer;
  }

  get(path, opts) { return this.call('GET', path, opts); }
  post(path, body, opts = {}) { return this.call('POST', path, { ...opts, body }); }
  put(path, body, opts = {}) { return this.call('PUT', path, { ...opts, body }); }
  patch(path, body, opts = {}) { return this.call('PATCH', path, { ...opts, body }); }
  delete(path, opts) { return this.call('DELETE', path, opts); }
}

// A new token of the signed-in CLIENT (a Client of client.mjs), made on Account settings > API tokens as a
// partner makes one: its text, shown once on the page that answers the form.
export async function newToken(client, { name = 'Test script', scopes = ALL_SCOPES, days = 30 } = {}) {
  await client.get('/account/tokens');
  const form = new URLSearchParams({ csrf_token: client.lastToken, name, expires_days: String(days) });
  for (const s of scopes) form.append('scope', s);
  const res = await client.request('POST', '/account/tokens/new', { body: form.toString() });
  const m = res.text.match(/cct_[A-Za-z0-9_-]{43}/);
  if (res.status !== 200 || !m) throw new Error(`no token made (${res.status}): ${res.text.slice(0, 300)}`);
  return m[0];
}

// An Api for the signed-in CLIENT with a fresh token (SCOPES: all of them by default).
export async function apiFor(client, opts) {
  return new Api(await newToken(client, opts));
}
