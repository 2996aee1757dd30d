// statements.mjs: how many prepared statements the server ran for one page, to show a page's statements do not
// grow with the rows it lists.
import assert from 'node:assert/strict';
import { sql } from './client.mjs';

const executed = () => Number(sql(`SHOW GLOBAL STATUS LIKE 'Com_stmt_execute'`).split('\t')[1]);

// Prepared statements the server ran for C's GET of PATH: the least of five tries, since the mailer's outbox
// poll (once every 250 ms) may land inside one of them.
export async function statementsFor(c, path) {
  let least = Infinity;
  for (let i = 0; i < 5; i++) {
    const before = executed();
    assert.equal((await c.get(path)).status, 200);
    least = Math.min(least, executed() - before);
  }
  return least;
}
