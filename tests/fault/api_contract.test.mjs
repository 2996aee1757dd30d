// api_contract.test.mjs (fault): with no worker running nginx answers /v1/ with its 502 in the API's JSON shape;
// a worker without its API contract (build/openapi.json) does not start, and says why in its log. The workers
// then come back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync } from 'node:fs';
import { BASE, VAR, ctl } from '../lib/client.mjs';
import { DOCUMENT_PATH, checkSchema } from '../lib/openapi.mjs';

test('with the workers stopped, /v1/ gets nginx\'s 502 as a JSON error; without build/openapi.json they do not start, and the log names the file', async () => {
  const log = `${VAR}/log/workers.log`;
  const aside = `${DOCUMENT_PATH.pathname}.aside`;
  ctl('stop-workers');
  try {
    const res = await fetch(`${BASE}/v1/openapi.json`);
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    const body = await res.json();
    checkSchema('Error', body);
    assert.equal(body.code, 'badGateway');
    assert.match(body.description, /restarting or overloaded/);
    const before = readFileSync(log, 'utf8').length;
    renameSync(DOCUMENT_PATH, aside);
    assert.throws(() => ctl('start-workers'), 'start-workers reports that the workers did not come up');
    assert.match(readFileSync(log, 'utf8').slice(before),
      /worker: the API's contract: cannot read \S*build\/openapi\.json \(make all writes it from api\/openapi\/\): No such file or directory/);
  } finally {
    try { renameSync(aside, DOCUMENT_PATH); } catch { /* not moved yet */ }
    ctl('stop-workers');
    ctl('start-workers');
  }
  assert.equal((await fetch(`${BASE}/v1/openapi.json`)).status, 200);
});
