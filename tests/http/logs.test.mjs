// logs.test.mjs: every request leaves one line in nginx's access log and one in the workers' log, with
// what an operator needs: time, method, path, status, duration, the user, the database's error if any.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client, DEMO, VAR, sql } from '../lib/client.mjs';
import { arrangeOrg, relate, signedIn } from '../lib/arrange.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const linesWith = (file, s) => readFileSync(`${VAR}/log/${file}`, 'utf8').split('\n').filter((l) => l.includes(s));

test('a request has one line in the access log and one in the workers\' log, without its query string', async () => {
  const mark = `/no-such-page-${Date.now()}`;
  const res = await fetch(`${process.env.BASE_URL}${mark}?token=secret-of-an-emailed-link`);
  assert.equal(res.status, 404);
  await sleep(200);  // nginx writes its line once the response is sent
  const access = linesWith('nginx-access.log', mark);
  assert.equal(access.length, 1, access.join('\n'));
  assert.match(access[0], new RegExp(`^127\\.0\\.0\\.1 \\[\\d{4}-\\d\\d-\\d\\dT[\\d:]+[+-]\\d\\d:\\d\\d\\] "GET ${mark} HTTP/1\\.1" 404 \\d+ [\\d.]+ "`));
  const worker = linesWith('workers.log', mark);
  assert.equal(worker.length, 1, worker.join('\n'));
  assert.match(worker[0], new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z request GET "${mark}" 404 [\\d.]+ms user=-$`));
  assert.doesNotMatch(readFileSync(`${VAR}/log/nginx-access.log`, 'utf8'), /secret-of-an-emailed-link/);
  assert.doesNotMatch(readFileSync(`${VAR}/log/workers.log`, 'utf8'), /secret-of-an-emailed-link/);
});

test('the workers\' log names the signed-in user, and a path cannot forge a log line', async () => {
  const c = new Client({ otherLanguages: false });  // its requests are the only ones of the lines it counts
  await c.signIn(DEMO.provider);  // ends on /home
  const id = sql(`SELECT id FROM users WHERE upn = '${DEMO.provider.upn}'`);
  // (a db_error may follow: a connection an earlier test killed is noticed, and replaced, by a request)
  assert.match(linesWith('workers.log', 'request GET "/home"').at(-1), new RegExp(` 200 [\\d.]+ms user=${id}( |$)`));
  const mark = `/forging-${Date.now()}`;
  const res = await c.get(`${mark}%0a2026-01-01T00:00:00.000Z%20request%20GET%20%22/forged%22`);
  assert.equal(res.status, 404);
  const worker = linesWith('workers.log', mark);
  assert.equal(worker.length, 1, worker.join('\n'));
  assert.match(worker[0], new RegExp(`request GET "${mark}\\\\x0a2026-01-01T00:00:00\\.000Z request GET \\\\x22/forged\\\\x22" 404 `));
  assert.equal(linesWith('workers.log', '"/forged"').length, 0);
});

test('a request the database refused has the database\'s error on its line', async () => {
  const reseller = arrangeOrg('reseller', 'Logs Reseller');
  const customer = arrangeOrg('customer', 'Logs Customer');
  relate(customer, reseller);
  const c = await signedIn(reseller.admin);
  await c.get(`/customers/users?customer=${customer.id}`);
  const taken = customer.admin.upn.split('@')[0];  // the user name of a user the customer has
  const res = await c.post('/customers/users/add', { customer: customer.id, display_name: 'Jane Doe', user_name: taken });
  assert.equal(res.status, 409);
  const id = sql(`SELECT id FROM users WHERE upn = '${reseller.admin.upn}'`);
  const line = linesWith('workers.log', 'request POST "/customers/users/add"').at(-1);
  assert.match(line, new RegExp(`" 409 [\\d.]+ms user=${id} db_error="duplicate: Duplicate entry '[^']*${taken}@`));
  assert.equal((await c.get(`/customers/users?customer=${customer.id}`)).status, 200);
  const next = linesWith('workers.log', 'request GET "/customers/users"').at(-1);
  assert.match(next, / 200 [\d.]+ms user=\d+/);
  assert.doesNotMatch(next, /Duplicate entry/);  // the error of one request is not repeated on the next
});
