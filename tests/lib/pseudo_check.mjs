// pseudo_check.mjs DIR: the catalog check over every page the tests rendered. client.mjs fetched each page
// again in the pseudo-locale "qps", where every catalog text (templates' [[...]], C's _()) comes wrapped in
// U+27E6 ... U+27E7. Whatever readable text is left outside those marks must be user data: each of its words
// has to be found in the database's own text (names, domains, addresses, offers: the vocabulary read below).
// A word that is neither is a text that bypasses the catalog. One TAP line per kind of page.
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from './client.mjs';

const dir = process.argv[2];
const OPEN = '\u27e6', CLOSE = '\u27e7';

// Tables whose text is the product's own words as they were written at the time (the activity log's lines,
// the emails sent): data only on the pages that show those records, never vocabulary for the others.
const RECORDS = { audit_log: /activity|^GET \/admin$/, mail_outbox: /^GET \/admin\/mail/ };

// every word of every text column of TABLES (or of all the application's tables but the records): what the
// pages may show as data
function vocabulary(tables) {
  const which = tables ? `AND table_name IN (${tables.map((t) => `'${t}'`).join(', ')})`
    : `AND table_name NOT IN ('sessions', 'audit_chain_head', ${Object.keys(RECORDS).map((t) => `'${t}'`).join(', ')})`;
  const cols = sql("SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns " +
    "WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'char', 'text', 'mediumtext', 'longtext', 'enum') " +
    which).split('\n').filter(Boolean);
  const words = new Set();
  for (const tc of cols) {
    const [table, column] = tc.split('.');
    const out = sql(`SELECT DISTINCT \`${column}\` FROM \`${table}\` WHERE \`${column}\` IS NOT NULL LIMIT 100000`);
    // mariadb -B writes a value's newline, tab and backslash as \n, \t and \\
    for (const w of out.replace(/\\[nt0\\]/g, ' ').split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w.toLowerCase());
  }
  return words;
}

const decode = (s) => s.replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
  .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&nbsp;/g, ' ').replace(/&[a-z]+;/g, ' ').replace(/&amp;/g, '&');

// The parts of PAGE a person reads or hears that no catalog mark holds, a line per text. The marks are followed
// through the whole page (a marked sentence may hold a link: its text is inside the sentence's marks); text in
// an element with a lang of its own (a language's name in the picker) is in that language on purpose.
function unmarkedTexts(html) {
  let body = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(script|style|textarea)\b[\s\S]*?<\/\1>/gi, ' ');
  body = body.replace(/<(?!html\b)(\w+)\b[^>]*\slang="[^"]*"[^>]*>[\s\S]*?<\/\1>/g, ' ');
  const texts = [];
  for (const m of body.matchAll(/\b(?:alt|title|placeholder|aria-label|label)="([^"]*)"/gi)) texts.push(unmarked(decode(m[1])));
  for (const m of body.matchAll(/<input\b[^>]*\btype="(?:submit|button|reset)"[^>]*\bvalue="([^"]*)"/gi)) texts.push(unmarked(decode(m[1])));
  // an <input>'s and a <textarea>'s value is what a person typed, or the page filled in for them: data
  texts.push(...unmarked(decode(body.replace(/<[^>]*>/g, '\n'))).split('\n'));
  return texts;
}

// the part of T outside the pseudo-locale's marks (marks nest: a translated format holding a translated value)
function unmarked(t) {
  let out = '', depth = 0;
  for (const ch of t) {
    if (ch === OPEN) depth++;
    else if (ch === CLOSE) depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
    else if (ch === '\n') out += ch;  // keep the lines apart
  }
  return out;
}

// a word that is data whatever the language: numbers, addresses, codes
const dataLike = (w) => /^[\p{N}]+$/u.test(w) || /^[0-9a-f]{8,}$/i.test(w) || w.length === 1 ||
  /^(?=[a-z0-9]*\d)(?=[a-z0-9]*[a-z])[a-z0-9]{8,}$/i.test(w);  // the tests' fresh tags (arrange.mjs)

const pages = readdirSync(dir).filter((f) => f.endsWith('.json'));
const words = vocabulary();
// and every word the tests sent in (client.mjs): rows they wrote, changed or removed before this check
try {
  for (const w of readFileSync(`${dir}/sent-words.txt`, 'utf8').split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w.toLowerCase());
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
const recordWords = Object.fromEntries(Object.keys(RECORDS).map((t) => [t, vocabulary([t])]));
// and the activity log's rows a test purged after pages had shown them (client.mjs rememberAuditWords)
try {
  for (const w of readFileSync(`${dir}/audit-words.txt`, 'utf8').split(/[^\p{L}\p{N}]+/u)) if (w) recordWords.audit_log.add(w.toLowerCase());
} catch (e) {
  if (e.code !== 'ENOENT') throw e;
}
const isData = (kind, w) => words.has(w) || Object.entries(RECORDS).some(([t, rx]) => rx.test(kind) && recordWords[t].has(w));
const byKind = new Map();
let skipped = 0;
for (const f of pages) {
  const meta = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
  const html = readFileSync(`${dir}/${f.replace(/\.json$/, '.html')}`, 'utf8');
  // a person whose saved language outranks the pseudo-locale's cookie got their own language: not checkable
  if (!/<html lang="qps"/.test(html)) { skipped++; continue; }
  const found = byKind.get(meta.kind) || { pages: 0, bad: [] };
  found.pages++;
  for (const rest of unmarkedTexts(html)) {
    // addresses and domains are data however they are spelled
    const cleaned = rest.replace(/\S+@\S+/g, ' ').replace(/\b[\w-]+(\.[\w-]+)+\b/g, ' ').replace(/https?:\/\/\S+/g, ' ');
    const unknown = cleaned.split(/[^\p{L}\p{N}]+/u).filter((w) => w && /\p{L}/u.test(w) && !dataLike(w) &&
      !isData(meta.kind, w.toLowerCase()));
    if (unknown.length) found.bad.push({ url: meta.url, text: rest.trim().slice(0, 120), words: unknown.slice(0, 5) });
  }
  byKind.set(meta.kind, found);
}
let n = 0, failed = 0;
for (const [kind, { pages: count, bad }] of [...byKind].sort()) {
  n++;
  if (!bad.length) { console.log(`ok ${n} - every text in the catalog: ${kind} (${count} pages)`); continue; }
  failed++;
  console.log(`not ok ${n} - texts outside the catalog: ${kind}`);
  const seen = new Set();
  for (const b of bad) {
    if (seen.has(b.text)) continue;
    seen.add(b.text);
    if (seen.size > 8) break;
    console.log(`#   ${b.url}: ${JSON.stringify(b.text)} (${b.words.join(', ')})`);
  }
}
console.log(`# checked ${pages.length - skipped} pages of ${byKind.size} kinds in the pseudo-locale; ` +
  `${skipped} answered in a saved language`);
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
