// raw.mjs: send bytes to nginx as they are (a broken request line, a body too large) and read its answer,
// for what fetch refuses to send; and the security headers every response must carry.
import net from 'node:net';
import assert from 'node:assert/strict';
import { BASE } from './client.mjs';

// Write TEXT to the test stack's nginx and resolve with { status, headers (lower-case names), body } once it
// closes the connection or a whole response (by Content-Length) arrived.
export function rawRequest(text) {
  const { hostname, port } = new URL(BASE);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    const chunks = [];
    const done = () => {
      sock.destroy();
      const all = Buffer.concat(chunks).toString('latin1');
      const end = all.indexOf('\r\n\r\n');
      if (end < 0) { reject(new Error(`no response: ${JSON.stringify(all)}`)); return; }
      const [statusLine, ...lines] = all.slice(0, end).split('\r\n');
      const headers = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        const k = l.slice(0, i).trim().toLowerCase();
        headers[k] = headers[k] ? `${headers[k]}, ${l.slice(i + 1).trim()}` : l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: Buffer.from(all.slice(end + 4), 'latin1').toString('utf8') });
    };
    sock.on('data', (d) => {
      chunks.push(d);
      const all = Buffer.concat(chunks).toString('latin1');
      const end = all.indexOf('\r\n\r\n');
      const m = all.slice(0, end).match(/\r\ncontent-length:\s*(\d+)/i);
      if (end >= 0 && m && Buffer.byteLength(all, 'latin1') >= end + 4 + Number(m[1])) done();
    });
    sock.on('end', done);
    sock.on('error', (e) => (chunks.length ? done() : reject(e)));
    sock.write(text);
  });
}

// The headers the app sends on its own pages (cgi-src/security_headers.h); GET reads them from a Headers
// object or a plain object with lower-case names.
export function assertSecurityHeaders(headers, { hsts = false } = {}) {
  const get = (k) => (typeof headers.get === 'function' ? headers.get(k) : headers[k]);
  assert.equal(get('x-content-type-options'), 'nosniff');
  assert.equal(get('x-frame-options'), 'DENY');
  assert.equal(get('referrer-policy'), 'same-origin');
  assert.match(get('content-security-policy') || '', /^default-src 'self'; .*frame-ancestors 'none'; base-uri 'none'$/);
  if (hsts) assert.equal(get('strict-transport-security'), 'max-age=31536000');
  else assert.equal(get('strict-transport-security') ?? null, null);
}

// An error page that looks like the app's: the layout, the stylesheet, the status and MESSAGE.
export function assertErrorPage(body, status, message) {
  assert.match(body, /<link rel="stylesheet" href="\/static\/style\.css">/);
  assert.match(body, /<a class="brand" href="\/">Channel Center<\/a>/);
  assert.match(body, new RegExp(`<h1>${status} · `));
  assert.match(body, message);
}
