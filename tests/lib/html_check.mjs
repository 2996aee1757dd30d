// html_check.mjs: run by tests/run-all.sh after the HTTP and browser tests, over the pages html_keep.mjs kept
// (node tests/lib/html_check.mjs DIR). Validates every page with the Nu Html Checker (npm vnu-jar, run with
// java) and scans with axe-core in Chromium every page the browser rendered, and one page of each kind that only
// the HTTP tests fetched, the kept DOM loaded at its own URL with its stylesheet and script served from static/
// (all details opened). Prints TAP: one test per page kind for the markup, one per page kind for accessibility;
// each failure names the URL, the line and the message (the rule and the element for axe). Warnings (but an
// empty heading) and axe's minor and moderate findings do not fail.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { launchBare } from './browser.mjs';
import { BASE } from './client.mjs';

const require = createRequire(import.meta.url);
const ROOT = new URL('../..', import.meta.url).pathname;
const FAILING_IMPACTS = new Set(['serious', 'critical']);
// warnings that fail all the same: an empty heading is a template whose value was never set
const FAILING_WARNINGS = new Set(['Empty heading.']);

let n = 0;
const tap = (ok, name, details) => {
  console.log(`${ok ? 'ok' : 'not ok'} ${++n} - ${name}`);
  for (const line of details) console.log(`#   ${line}`);
};

function keptPages(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => ({
    ...JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')), file: `${dir}/${f.replace(/\.json$/, '.html')}`,
  }));
}

function byKind(pages) {
  const kinds = new Map();
  for (const p of pages) kinds.set(p.kind, [...(kinds.get(p.kind) || []), p]);
  return new Map([...kinds].sort(([a], [b]) => a.localeCompare(b)));
}

// the checker's errors, as { file, line, message }; its warnings ("info") are left out but FAILING_WARNINGS
function validatorErrors(dir) {
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const out = execFileSync('java', ['-Xss1024k', '-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always',
    '--skip-non-html', dir], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return JSON.parse(out).messages
    .filter((m) => m.type === 'error' || m.type === 'non-document-error' || FAILING_WARNINGS.has(m.message))
    .map((m) => ({ file: decodeURIComponent(new URL(m.url).pathname), line: m.lastLine, message: m.message }));
}

function checkMarkup(dir, pages) {
  const started = Date.now();
  const errors = validatorErrors(dir);
  for (const [kind, kept] of byKind(pages)) {
    const details = [];
    for (const p of kept) {
      for (const e of errors.filter((x) => x.file === p.file))
        details.push(`${p.url} (${p.source}, ${p.file.split('/').pop()}) line ${e.line}: ${e.message}`);
    }
    tap(details.length === 0, `valid HTML: ${kind} (${kept.length} page${kept.length > 1 ? 's' : ''})`, details);
  }
  console.log(`# validated ${pages.length} pages of ${byKind(pages).size} kinds in ${(Date.now() - started) / 1000} s`);
}

// every page the browser rendered, and one page of each kind only the HTTP tests fetched
function scannedPages(pages) {
  const browser = pages.filter((p) => p.source === 'browser');
  const seen = new Set(browser.map((p) => p.kind));
  const others = [...byKind(pages.filter((p) => !seen.has(p.kind) && !(p.status >= 300 && p.status < 400)))].map(([, kept]) => kept[0]);
  return [...browser, ...others.map((p) => ({ ...p, url: new URL(p.url, BASE).href }))];
}

// Chromium loads the kept DOM at its own URL, with the product's stylesheet and script from static/
async function serveKept(context, page) {
  await context.unroute('**/*').catch(() => {});
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (route.request().url() === page.url.split('#')[0]) return route.fulfill({ contentType: 'text/html; charset=utf-8', body: readFileSync(page.file) });
    const file = ROOT + url.pathname.slice(1);
    if (url.pathname.startsWith('/static/') && !url.pathname.includes('..'))
      return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: '' });
    return route.abort();
  });
}

async function violations(context, tab, page) {
  await serveKept(context, page);
  await tab.goto(page.url.split('#')[0], { waitUntil: 'load' });
  // a closed <details> hides its rows from axe: open them all, as a person expanding each record would
  const result = await tab.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return window.axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
}

async function scanAccessibility(pages) {
  const started = Date.now();
  const browser = await launchBare();
  const scanned = scannedPages(pages);
  try {
    const context = await browser.newContext();
    await context.addInitScript({ path: require.resolve('axe-core/axe.min.js') });  // in every page it loads
    const tab = await context.newPage();
    for (const [kind, kept] of byKind(scanned)) {
      const details = [];
      for (const p of kept) {
        for (const v of await violations(context, tab, p)) {
          for (const node of v.nodes)
            details.push(`${p.url} (${p.file.split('/').pop()}): ${v.id} (${v.impact}) ${v.help}: ${node.target.join(' ')} ${node.html.slice(0, 160)}`);
        }
      }
      tap(details.length === 0, `accessible (axe): ${kind} (${kept.length} page${kept.length > 1 ? 's' : ''})`, details);
    }
  } finally {
    await browser.close();
  }
  console.log(`# scanned ${scanned.length} pages of ${byKind(scanned).size} kinds in ${(Date.now() - started) / 1000} s`);
}

const dir = resolve(process.argv[2]);
const pages = keptPages(dir);
if (pages.length === 0) {
  tap(false, `no pages kept in ${dir}`, []);
} else {
  checkMarkup(dir, pages);
  await scanAccessibility(pages);
}
console.log(`1..${n}`);
