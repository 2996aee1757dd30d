// mail_smtp.test.mjs: the mailer against a real SMTP server on loopback (tests/lib/smtp_server.py on
// Debian's python3-aiosmtpd, with AUTH): messages arrive exactly as queued; while the relay is down they
// wait, visible in the admin outbox, and when it is back two mailers deliver each exactly once; a 550
// fails a message, Send again delivers it; SMTP_STARTTLS=1 sends nothing in clear. The stack's own mailer is
// stopped meanwhile and restarted after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { BASE, Client, DEMO, VAR, ctl, htmlDecode, sql } from '../lib/client.mjs';
import { parseEml } from '../lib/mail.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
// beside the stack's own port so that two test stacks on one machine never share the relay
const PORT = Number(new URL(BASE).port) + 7000;
const RELAY_USER = 'channel-relay', RELAY_PASSWORD = 'relay-test-only';
const MAIL_FROM = 'Zoë Ångström Mailroom <no-reply@channelcenter.example>';
const SPOOL = `${VAR}/smtp-spool`;
const MAILER_CONF = `${VAR}/run/mailer-smtp.conf`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let server = null;
const mailers = [];

async function waitFor(what, check, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) assert.fail(`${what} within ${timeout} ms`);
    await sleep(100);
  }
}

async function startServer({ tls } = {}) {
  const args = [`${ROOT}tests/lib/smtp_server.py`, '--port', String(PORT), '--spool', SPOOL,
    '--user', RELAY_USER, '--password', RELAY_PASSWORD, ...(tls ? ['--tls-cert', tls.cert, '--tls-key', tls.key] : [])];
  server = spawn('/usr/bin/python3', args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  server.stdout.on('data', (d) => { out += d; });
  await waitFor('the SMTP server is ready', () => out.includes('ready'));
}

async function stopServer() {
  if (!server) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  server = null;
}

// The stack's runtime configuration with the relay's keys instead of its own.
function writeMailerConf(file, extra = []) {
  const keep = readFileSync(`${VAR}/run/channel.conf`, 'utf8').split('\n')
    .filter((l) => !/^(SMTP_[A-Z_]+|MAIL_FROM)=/.test(l));
  writeFileSync(file, [...keep, `SMTP_RELAY=127.0.0.1:${PORT}`, `MAIL_FROM="${MAIL_FROM}"`,
    `SMTP_USER=${RELAY_USER}`, `SMTP_PASSWORD=${RELAY_PASSWORD}`, ...extra, ''].join('\n'));
}

function startMailer(conf = MAILER_CONF) {
  const log = openSync(`${VAR}/log/mailer-smtp.log`, 'a');
  const m = spawn(`${ROOT}bin/channel-mailer`, [], { env: { ...process.env, CHANNEL_CONF: conf }, stdio: ['ignore', log, log] });
  mailers.push(m);
}

async function stopMailers() {
  await Promise.all(mailers.splice(0).map((m) => new Promise((r) => {
    if (m.exitCode !== null) return r();
    m.once('exit', r);
    m.kill('SIGTERM');
  })));
}

// Everything the server accepted: envelope, raw DATA bytes, and the message as a reader parses it.
function received() {
  const file = `${SPOOL}/messages.jsonl`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const r = JSON.parse(line);
    const raw = Buffer.from(r.data, 'base64');
    return { envelopeFrom: r.from, envelopeTo: r.to, tls: r.tls, raw, ...parseEml(raw.toString('utf8')) };
  });
}
const messageId = (row) => new RegExp(`^<outbox-${row}\\.\\d{14}@channelcenter\\.example>$`);
const copiesOf = (row) => received().filter((m) => messageId(row).test(m.headers['message-id'])).length;

const utf8 = (s) => `CONVERT(X'${Buffer.from(s, 'utf8').toString('hex')}' USING utf8mb4)`;
const queue = (to, subject, body) => sql(`INSERT INTO mail_outbox (to_addr, subject, body, created_at)
  VALUES (${utf8(to)}, ${utf8(subject)}, ${utf8(body)}, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();`);
const column = (id, expr) => sql(`SELECT ${expr} FROM mail_outbox WHERE id = ${id}`);
const refuse = (rules) => writeFileSync(`${SPOOL}/rules.json`, JSON.stringify(rules));

async function vendor() {
  const c = new Client();
  await c.signIn(DEMO.vendor);
  return c;
}

// The row of message ID in TABLE of the outbox (outbox-unsent: not sent yet; outbox: the latest) as the
// vendor admin sees it: its cells' text; null when it is not there.
async function outboxRow(c, id, table = 'outbox-unsent') {
  const page = await c.get('/admin/mail');
  assert.equal(page.status, 200);
  const row = page.text.match(new RegExp(`<tr id="${table}-${id}">([\\s\\S]*?)</tr>`));
  if (!row) return null;
  return { cells: [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => htmlDecode(m[1].replace(/<[^>]+>/g, '').trim())), html: row[1] };
}

before(async () => {
  ctl('stop-mailer');
  rmSync(SPOOL, { recursive: true, force: true });
  writeMailerConf(MAILER_CONF);
  await startServer();
  startMailer();
});

after(async () => {
  await stopMailers();
  await stopServer();
  ctl('start-mailer');
});

const SUBJECT = 'Résumé de votre inscription à Channel Center — 日本語のテスト, Ångström et Zoë';
const BODY = 'Reason given by the reviewer:\n.NET partners only\n..two dots stay two\n.\nThe line above is one dot.\n';

test('a message arrives at the relay as queued: leading dots once, subject and display names decode to the original', async () => {
  const to = `Zoë Ångström <zoe-${tag}@example.test>`;
  const id = queue(to, SUBJECT, BODY);
  const m = await waitFor(`message ${id} at the server`, () => received().find((r) => messageId(id).test(r.headers['message-id'])));
  assert.deepEqual(m.envelopeTo, [`zoe-${tag}@example.test`], 'the envelope names the bare address');
  assert.equal(m.envelopeFrom, 'no-reply@channelcenter.example');
  assert.equal(m.body, BODY, 'every dot as written, no more');
  assert.equal(m.subject, SUBJECT);
  assert.equal(m.headers.to, to);
  assert.equal(m.headers.from, MAIL_FROM);
  const head = m.raw.toString('utf8').split('\r\n\r\n')[0];
  assert.match(head, /^Subject: =\?UTF-8\?B\?/m, 'the subject is an encoded-word');
  assert.ok(/^[\x00-\x7f]*$/.test(head), 'the headers are 7-bit');
  for (const line of head.split('\r\n')) assert.ok(line.length <= 76, `a header line of ${line.length} characters: ${line}`);
  await waitFor('the row is marked sent', () => column(id, 'sent_at IS NOT NULL AND next_attempt_at IS NULL') === '1');
  assert.equal(column(id, 'attempts'), '1');
  assert.equal(copiesOf(id), 1);
});

test('the .eml file of a message holds the same bytes as its SMTP DATA', async () => {
  const id = queue(`eml-${tag}@example.test`, SUBJECT, BODY);
  const smtp = await waitFor(`message ${id} at the server`, () => received().find((r) => messageId(id).test(r.headers['message-id'])));
  await waitFor('the row is marked sent', () => column(id, 'sent_at IS NOT NULL') === '1');
  await stopMailers();
  // the stack's own mailer (.eml files) delivers the same row once more, with the same MAIL_FROM
  sql(`UPDATE mail_outbox SET sent_at = NULL, next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  const conf = readFileSync(`${VAR}/run/channel.conf`, 'utf8');
  const eml = `${VAR}/mail/${String(id).padStart(6, '0')}.eml`;
  const emlConf = `${VAR}/run/mailer-eml.conf`;
  writeFileSync(emlConf, `${conf.split('\n').filter((l) => !l.startsWith('MAIL_FROM=')).join('\n')}\nMAIL_FROM="${MAIL_FROM}"\n`);
  const m = spawn(`${ROOT}bin/channel-mailer`, [], { env: { ...process.env, CHANNEL_CONF: emlConf }, stdio: 'ignore' });
  try {
    await waitFor(`${eml} is written`, () => existsSync(eml));
  } finally {
    await new Promise((r) => { m.once('exit', r); m.kill('SIGTERM'); });
  }
  assert.ok(readFileSync(eml).equals(smtp.raw), 'the .eml bytes are the DATA bytes');
  startMailer();
});

test('with the relay down messages wait with back-off, shown in the outbox; back up, two mailers deliver each exactly once', async () => {
  await stopServer();
  startMailer();  // two mailers from now on
  const ids = [1, 2, 3, 4, 5, 6].map((n) => queue(`down-${n}-${tag}@example.test`, `Relay down ${n}`, `Message ${n}\n`));
  const list = ids.join(',');
  await waitFor('every message was attempted once', () =>
    sql(`SELECT COUNT(*) FROM mail_outbox WHERE id IN (${list}) AND attempts = 1 AND claimed_by IS NULL`) === '6');
  await sleep(2500);  // the old mailer burned all ten attempts in this time
  assert.equal(sql(`SELECT GROUP_CONCAT(attempts) FROM mail_outbox WHERE id IN (${list})`), '1,1,1,1,1,1');
  assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE id IN (${list}) AND sent_at IS NULL AND failed_at IS NULL
    AND TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at) BETWEEN 20 AND 30`), '6', 'the next attempt is 30 s after the first');
  const c = await vendor();
  const row = await outboxRow(c, ids[0]);
  assert.ok(row, 'the waiting message is listed under "Not sent yet"');
  const [, , , state, attempts, next, error] = row.cells;
  assert.equal(state, 'waiting');
  assert.equal(attempts, '1');
  assert.equal(next, column(ids[0], "DATE_FORMAT(next_attempt_at, '%b %e, %Y, %H:%i UTC')"), 'its next attempt, as English writes it');
  assert.match(error, /connect/i, 'the last error says the relay could not be reached');
  assert.match(row.html, /Send again/);

  await startServer();
  // the back-off's 30 s, passed: the rows are due as the clock would make them
  sql(`UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id IN (${list})`);
  await waitFor('every message is marked sent', () =>
    sql(`SELECT COUNT(*) FROM mail_outbox WHERE id IN (${list}) AND sent_at IS NOT NULL`) === '6');
  await sleep(1000);
  for (const id of ids) assert.equal(copiesOf(id), 1, `message ${id} arrived once`);
  assert.equal(await outboxRow(c, ids[0]), null, 'a sent message is no longer under "Not sent yet"');
  assert.ok((await outboxRow(c, ids[0], 'outbox')).cells[3].match(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d\d:\d\d UTC$/), 'its sent time');
  assert.equal(sql(`SELECT GROUP_CONCAT(attempts) FROM mail_outbox WHERE id IN (${list})`), '2,2,2,2,2,2');
});

test('two mailers deliver a burst of messages exactly once each', async () => {
  assert.equal(mailers.length, 2);
  const ids = [];
  for (let n = 0; n < 40; n++) ids.push(queue(`burst-${n}-${tag}@example.test`, `Burst ${n}`, `Message ${n}\n`));
  const list = ids.join(',');
  await waitFor('every message is marked sent', () =>
    sql(`SELECT COUNT(*) FROM mail_outbox WHERE id IN (${list}) AND sent_at IS NOT NULL`) === '40', 30000);
  await sleep(1000);
  const counts = ids.map((id) => copiesOf(id));
  assert.deepEqual(counts, ids.map(() => 1), 'each message arrived once');
  assert.equal(sql(`SELECT COUNT(*) FROM mail_outbox WHERE id IN (${list}) AND attempts = 1`), '40');
});

test('a 451 waits for the next attempt; a 550 fails the message for good, and Send again delivers it', async () => {
  const later = `later-${tag}@example.test`, unknown = `unknown-${tag}@example.test`;
  refuse({ [later]: '451 4.3.0 Mailbox busy, try again later', [unknown]: `550 5.1.1 <${unknown}>: no such user` });
  const waiting = queue(later, 'Temporarily refused', 'Later\n');
  const failed = queue(unknown, 'Refused for good', 'Never\n');
  await waitFor('the 550 marks the message failed', () => column(failed, 'failed_at IS NOT NULL') === '1');
  await waitFor('the 451 leaves the message waiting', () => column(waiting, 'attempts = 1 AND claimed_by IS NULL') === '1');
  await sleep(1500);
  assert.equal(column(failed, 'CONCAT(attempts, \' \', next_attempt_at IS NULL, \' \', sent_at IS NULL)'), '1 1 1', 'no retry of a refused message');
  assert.match(column(failed, 'last_error'), /550 5\.1\.1/);
  assert.equal(column(waiting, 'CONCAT(attempts, \' \', failed_at IS NULL)'), '1 1');
  assert.match(column(waiting, 'last_error'), /451 4\.3\.0/);
  assert.ok(Number(column(waiting, 'TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), next_attempt_at)')) > 20);

  const c = await vendor();
  const row = await outboxRow(c, failed);
  assert.ok(row, 'the failed message is listed under "Not sent yet"');
  assert.equal(row.cells[3], 'failed');
  assert.match(row.cells[6], /refused for good: .*550 5\.1\.1/);
  assert.match(row.html, /action="\/admin\/mail\/send-again"/);
  const detail = await c.get(`/admin/mail?id=${failed}`);
  assert.match(detail.text, /id="mail-state">failed</);
  assert.match(detail.text, /<button type="submit">Send again<\/button>/);

  // only the vendor admin, only with the form's CSRF token
  const provider = new Client();
  await provider.signIn(DEMO.provider);
  assert.equal((await provider.post('/admin/mail/send-again', { id: failed })).status, 403);
  assert.equal((await c.post('/admin/mail/send-again', { id: failed }, { csrf: false })).status, 403);
  assert.equal(column(failed, 'failed_at IS NOT NULL'), '1');

  refuse({});  // the mailbox exists now
  await c.get('/admin/mail');
  const res = await c.post('/admin/mail/send-again', { id: failed });
  assert.equal(res.status, 303);
  assert.match(res.location, new RegExp(`/admin/mail\\?done=sent-again&id=${failed}$`));
  assert.match((await c.get(res.location)).text, new RegExp(`Message ${failed} will be sent again`));
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'mail.send_again' AND detail LIKE 'message ${failed} to ${unknown}%was failed after 1 attempts%'`), '1');
  await waitFor('the message sent again is delivered', () => column(failed, 'sent_at IS NOT NULL') === '1');
  assert.equal(copiesOf(failed), 1);
  assert.equal(column(failed, 'CONCAT(attempts, \' \', failed_at IS NULL)'), '2 1');
  await c.post('/admin/mail/send-again', { id: waiting });
  await waitFor('the waiting message, sent again, is delivered', () => column(waiting, 'sent_at IS NOT NULL') === '1');

  // a sent message is not sent twice
  await c.get('/admin/mail');
  const again = await c.post('/admin/mail/send-again', { id: failed });
  assert.equal(again.status, 409);
  assert.match(again.text, /already sent/);
  assert.equal(copiesOf(failed), 1);
  assert.equal((await c.post('/admin/mail/send-again', { id: '999999999' })).status, 404);
});

test('a mailer killed after the relay took a message but before marking it: the other mailer leaves it while claimed, then sends it again with the same Message-ID', async () => {
  assert.equal(mailers.length, 2);
  const to = `crash-${tag}@example.test`;
  refuse({ [to]: 'delay 4' });  // the relay stores the message, then takes 4 s to say so
  const id = queue(to, 'Sent while the mailer dies', 'Once, or twice with one Message-ID\n');
  const claim = await waitFor('a mailer claims the message', () => column(id, "COALESCE(claimed_by, '')"));
  await waitFor('the relay has stored it', () => copiesOf(id) === 1);
  const victim = mailers.find((m) => claim.split(':')[1] === String(m.pid));
  assert.ok(victim, `the claim ${claim} names one of the two mailers`);
  victim.kill('SIGKILL');
  await new Promise((r) => (victim.exitCode !== null || victim.signalCode ? r() : victim.once('exit', r)));
  mailers.splice(mailers.indexOf(victim), 1);
  refuse({});
  await sleep(2000);
  assert.equal(column(id, 'CONCAT(attempts, \' \', sent_at IS NULL, \' \', claimed_by IS NOT NULL)'), '1 1 1',
    'while the dead mailer\'s claim holds, the other one leaves the message alone');
  assert.equal(copiesOf(id), 1);

  const c = await vendor();
  assert.equal((await outboxRow(c, id)).cells[3], 'sending');
  const refused = await c.post('/admin/mail/send-again', { id });
  assert.equal(refused.status, 409, 'no Send again while a mailer holds the message');
  assert.match(refused.text, /sending this message right now/);

  // ten minutes on, the claim has expired: as the clock would make it
  sql(`UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  await waitFor('the surviving mailer sends it', () => column(id, 'sent_at IS NOT NULL') === '1');
  const copies = received().filter((r) => messageId(id).test(r.headers['message-id']));
  assert.equal(copies.length, 2, 'the one duplicate this design allows');
  assert.ok(copies[0].raw.equals(copies[1].raw), 'byte for byte the same message, one Message-ID: a reader drops the copy');
  assert.equal(column(id, 'attempts'), '2');
  startMailer();
});

test('with SMTP_STARTTLS=1 nothing goes in clear: a relay without STARTTLS gets nothing, one with it gets the message over TLS', async () => {
  await stopMailers();
  const cert = `${VAR}/run/relay-cert.pem`, key = `${VAR}/run/relay-key.pem`;
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const tlsConf = `${VAR}/run/mailer-tls.conf`;
  writeMailerConf(tlsConf, ['SMTP_STARTTLS=1', `SMTP_CA_FILE=${cert}`]);
  startMailer(tlsConf);
  const id = queue(`tls-${tag}@example.test`, 'Over TLS only', 'Not for the wire in clear\n');
  await waitFor('the attempt on the relay without STARTTLS fails', () => column(id, 'attempts = 1 AND claimed_by IS NULL') === '1');
  assert.match(column(id, 'last_error'), /STARTTLS/);
  assert.equal(copiesOf(id), 0);

  await stopServer();
  await startServer({ tls: { cert, key } });
  sql(`UPDATE mail_outbox SET next_attempt_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  await waitFor('the message is delivered over TLS', () => column(id, 'sent_at IS NOT NULL') === '1');
  const m = received().find((r) => messageId(id).test(r.headers['message-id']));
  assert.equal(m.tls, true, 'the server received it after STARTTLS');
  assert.equal(copiesOf(id), 1);
});
