// html_keep.mjs: keeps each distinct HTML page the HTTP and browser tests render, for tests/lib/html_check.mjs
// to validate (Nu Html Checker) and scan (axe-core) in one step after them. A page is kept once per body shape:
// CSRF tokens, one-time keys, numbers and the tests' fresh tags are blanked before hashing, so the thousands of
// responses of a run become a few hundred files. Only when run-all.sh names the folder (TEST_HTML_OUT).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';

// the body with what changes from one request to the next blanked: what decides whether it is a new page
const shape = (html) => html
  .replace(/[0-9a-f]{32,}/gi, 'K')                     // CSRF tokens, one-time keys, links' tokens
  .replace(/\b(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8,}\b/gi, 'T')  // arrange.mjs's fresh tags
  .replace(/\d+/g, '0');

// "GET /customers/N/users": the method and the path with its ids and tokens blanked: one test per kind
export function pageKind(method, url) {
  const path = new URL(url, 'http://x').pathname
    .replace(/\/[0-9a-f]{32,}(?=\/|$)/gi, '/KEY')
    .replace(/\/\d+(?=\/|$)/g, '/N');
  return `${method} ${path}`;
}

// SOURCE: "http" (a response body as the server sent it), "browser" (Chromium's DOM after load, also scanned
// with axe-core) or "es" (an http page fetched again in Spanish); files SOURCE-HASH.html with SOURCE-HASH.json
// saying where the page came from. True when the page is one not kept before.
export function keepHtml(source, method, url, status, html, dir = process.env.TEST_HTML_OUT) {
  if (!dir || !html) return false;
  const hash = createHash('sha256').update(`${pageKind(method, url)}\n${shape(html)}`).digest('hex').slice(0, 20);
  const base = `${dir}/${source}-${hash}`;
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(`${base}.html`, html, { flag: 'wx' });
  } catch (e) {
    if (e.code === 'EEXIST') return false;
    throw e;
  }
  writeFileSync(`${base}.json`, JSON.stringify({ source, kind: pageKind(method, url), url, status }));
  return true;
}
