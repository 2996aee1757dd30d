// mail.mjs: read the mail the product sends the way a person reads an inbox: the mailer writes each
// message to ${TEST_VAR}/mail/NNNNNN.eml; find the newest one to an address, its subject, body and links.
import { readdirSync, readFileSync } from 'node:fs';
import { VAR } from './client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mailDir = () => `${VAR}/mail`;

// A header value as a person reads it: RFC 2047 encoded-words decoded, the space between two of them dropped.
export function decodeWords(value) {
  return value.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=(?:\s+(?==\?UTF-8\?B\?))?/gi,
    (_, b64) => `\u0000${b64}\u0000`)
    .replace(/(?:\u0000([^\u0000]*)\u0000)+/g, (run) => Buffer.from(run.split('\u0000').filter(Boolean)
      .map((b) => Buffer.from(b, 'base64')).reduce((a, b) => Buffer.concat([a, b]))).toString('utf8'));
}

// One .eml file (the message as delivered) as { id, to, subject, headers, body }: headers unfolded and
// decoded, CRLF undone.
export function parseEml(text, id = 0) {
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const body = text.slice(split + 4).replace(/\r\n/g, '\n');
  return { id, to: headers.to || '', subject: headers.subject || '', headers, body };
}

// Every delivered message to ADDRESS, oldest first.
export function messagesTo(address) {
  let files = [];
  try { files = readdirSync(mailDir()).filter((f) => /^\d+\.eml$/.test(f)); } catch { return []; }
  return files.map((f) => parseEml(readFileSync(`${mailDir()}/${f}`, 'utf8'), Number.parseInt(f, 10)))
    .filter((m) => m.to.toLowerCase().includes(address.toLowerCase()))
    .sort((a, b) => a.id - b.id);
}

// The newest message to ADDRESS (optionally with a subject matching SUBJECT), waiting for the mailer.
export async function waitForMail(address, { subject, timeout = 5000 } = {}) {
  const until = Date.now() + timeout;
  for (;;) {
    const found = messagesTo(address).filter((m) => !subject || m.subject.match(subject)).pop();
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${address} within ${timeout} ms`);
    await sleep(100);
  }
}

// The http(s) links in a plain-text body, in order.
export function links(body) {
  return [...body.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}
