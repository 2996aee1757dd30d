// config_check.test.mjs: scripts/ctl.sh start refuses a channel.conf the workers would refuse, before it
// starts anything, with a message naming the file, the line and the key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { CONF, VAR, pidOf } from '../lib/client.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

function startWith(text) {
  const file = `${VAR}/bad-channel.conf`;
  writeFileSync(file, text);
  try {
    execFileSync(`${ROOT}scripts/ctl.sh`, ['--conf', file, 'start'], { encoding: 'utf8', stdio: 'pipe' });
    return { rc: 0, out: '' };
  } catch (e) {
    return { rc: e.status, out: `${e.stdout}${e.stderr}`, file };
  }
}

test('an unknown key stops the start with the file, line and key, and nothing is started or stopped', () => {
  const supervisor = pidOf('supervisor');
  const good = readFileSync(CONF, 'utf8');
  const lines = good.trimEnd().split('\n').length;
  const { rc, out, file } = startWith(`${good}MEMCACHE_PORT=11211\n`);
  assert.notEqual(rc, 0);
  assert.match(out, new RegExp(`config: ${file}:${lines + 1}: MEMCACHE_PORT is not a setting Channel Center knows`));
  assert.match(out, /fix .*bad-channel\.conf and start again/);
  assert.doesNotMatch(out, /already running|MariaDB on|nginx on/);
  assert.equal(pidOf('supervisor'), supervisor);
});

test('a value too long for its setting stops the start', () => {
  const good = readFileSync(CONF, 'utf8').replace(/^DB_NAME=.*$/m, `DB_NAME=${'d'.repeat(80)}`);
  const { rc, out } = startWith(good);
  assert.notEqual(rc, 0);
  assert.match(out, /:\d+: DB_NAME is longer than the 63 characters it may hold/);
});

test('a statement budget nginx would outwait, or a buffer pool that is not a size, stops the start', () => {
  const good = readFileSync(CONF, 'utf8');
  let { rc, out } = startWith(`${good}DB_STATEMENT_SECONDS=90\n`);
  assert.notEqual(rc, 0);
  assert.match(out, /DB_STATEMENT_SECONDS=90 must be from 1 to 20: a statement's budget has to end before nginx stops waiting/);
  ({ rc, out } = startWith(`${good}DB_BUFFER_POOL=lots\n`));
  assert.notEqual(rc, 0);
  assert.match(out, /DB_BUFFER_POOL=lots in .*bad-channel\.conf: expected a size such as 128M or 4G/);
  assert.match(out, /fix .*bad-channel\.conf and start again/);
});
