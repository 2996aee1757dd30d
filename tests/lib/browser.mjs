// browser.mjs: start Debian's Chromium headless through playwright-core for the browser tests
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

export const OUT = new URL('../out/', import.meta.url).pathname;
mkdirSync(OUT, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

// A browser with a profile directory of its own: closing and launching it again with the same
// directory is a browser restart that keeps persistent cookies, as a person's browser does.
export function launchPersistent(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}
