// spanish.mjs: the HTTP tests' Spanish-speaking partner: signed in with the picker's cookie set to Spanish, and
// the check that a page came back in Spanish with the status expected.
import assert from 'node:assert/strict';
import { signedIn } from './arrange.mjs';

// WHO signed in, asking for Spanish as the footer's picker would
export async function inSpanish(who) {
  const c = await signedIn(who);
  c.cookies.set('lang', 'es');
  return c;
}

// RES is a page in Spanish answered with STATUS (the page's start in the message when it is not)
export function assertSpanish(res, status = 200) {
  assert.equal(res.status, status, res.text.slice(0, 1500));
  assert.match(res.text, /<html lang="es">/);
}
