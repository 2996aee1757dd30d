// browser.mjs: start Debian's Chromium headless through playwright-core for the browser tests
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { keepHtml } from './html_keep.mjs';

export const OUT = new URL('../out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

const OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
};

// Each page's DOM after every load is kept for html_check.mjs (validated, and scanned with axe-core); a page
// that navigates on before it could be read is kept at its next load.
function keepLoads(page) {
  page.on('load', async () => {
    if (!/^https?:/.test(page.url())) return;
    try {
      keepHtml('browser', 'GET', page.url(), null, await page.content());
    } catch { /* navigated on or closed meanwhile */ }
  });
}

function keepContext(context) {
  context.pages().forEach(keepLoads);
  context.on('page', keepLoads);
  return context;
}

function keepBrowser(browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => keepContext(await newContext(...args));
  return browser;
}

export async function launch() {
  return keepBrowser(await launchBare());
}

// Chromium without keeping its pages (html_check.mjs's own scans)
export function launchBare() {
  return chromium.launch(OPTIONS);
}

// A browser with a profile directory of its own: closing and launching it again with the same
// directory is a browser restart that keeps persistent cookies, as a person's browser does.
export async function launchPersistent(userDataDir) {
  return keepContext(await chromium.launchPersistentContext(userDataDir, OPTIONS));
}
