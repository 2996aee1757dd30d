// session_signout.test.mjs: sign-out sticks, and says so when it could not happen. With MariaDB stopped the
// session's row cannot be deleted: the page says the user could not be signed out (never "signed out"), and
// the row still decides once MariaDB is back. Stops MariaDB and starts it again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctl, sql } from '../lib/client.mjs';
import { arrangeOrg, signedIn } from '../lib/arrange.mjs';

const whoOrg = (page) => page.text.match(/<span class="who-org">([^<]*)<\/span>/)[1];

test('sign-out with MariaDB stopped says it failed; the session stays as its row says, and signs out once MariaDB is back', async () => {
  const org = arrangeOrg('provider', 'Signout Provider');
  const c = await signedIn(org.admin);
  assert.equal((await c.get('/home')).status, 200);  // its record is cached: only the row is missing below
  const cookie = c.cookies.get('cc_session');
  ctl('stop-mariadb');
  try {
    const out = await c.post('/signout');
    assert.equal(out.status, 503);
    assert.match(out.text, /You could not be signed out\. Try again\./);
    assert.doesNotMatch(out.text, /You have signed out/);
    assert.equal(out.location, null, 'no redirect to "signed out"');
    assert.equal(c.cookies.get('cc_session'), cookie, 'the cookie is kept');
    const home = await c.get('/home');
    assert.equal(home.status, 503, 'a page says the database is down; it does not send the user to sign in');
    assert.match(home.text, /still signed in/);
  } finally {
    ctl('start-mariadb');
  }
  const home = await c.get('/home');
  assert.equal(home.status, 200, 'the row was never deleted: still signed in');
  assert.equal(whoOrg(home), org.name);
  const out = await c.post('/signout');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/signin?signed_out=1');
  c.cookies.set('cc_session', cookie);
  assert.equal((await c.get('/home')).status, 303, 'signed out for good');
  assert.equal(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'signout' AND detail = '${org.admin.upn}'`), '1',
    'one sign-out recorded: the one that happened');
});
