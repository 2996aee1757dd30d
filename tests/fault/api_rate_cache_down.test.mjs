// api_rate_cache_down.test.mjs: the partner API's per-token limit holds while memcached is down: MariaDB counts
// the calls (api_rate_windows), so a cache outage never lifts the limit. memcached is started again whatever
// happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, DEMO, ctl, sql } from '../lib/client.mjs';
import { apiFor } from '../lib/api.mjs';
import { cacheInUse } from '../lib/memcache.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('with memcached stopped a token still gets API_RATE_PER_MINUTE calls a minute, then 429', { timeout: 120000 }, async () => {
  const limit = Number(readFileSync(process.env.TEST_CONF, 'utf8').match(/^API_RATE_PER_MINUTE=(\d+)/m)[1]);
  const provider = new Client();
  await provider.signIn(DEMO.provider);
  const busy = await apiFor(provider, { name: 'Script while the cache is down', scopes: ['read'] });
  ctl('stop-memcached');
  let n = 0, res;
  try {
    while (new Date().getUTCSeconds() > 40) await sleep(500);  // the whole run inside one minute's window
    do {
      res = await busy.get('/v1/me');
      n++;
      if (res.status === 200) await sleep(8);  // under nginx's per-address limit: this is the token's own
    } while (res.status === 200 && n <= limit + 5);
  } finally {
    ctl('start-memcached');
  }
  assert.equal(res.status, 429, `call ${n}: ${res.status}`);
  assert.equal(n, limit + 1, 'the first call over the limit is refused');
  assert.equal(res.json.code, 'tooManyRequests');
  const rows = sql(`SELECT SUM(calls) FROM api_rate_windows w JOIN api_tokens t ON t.id = w.token_id
    WHERE t.name = 'Script while the cache is down'`);
  assert.ok(Number(rows) >= limit, `MariaDB counted ${rows} calls`);
  await cacheInUse(() => provider.get('/home'));
});
