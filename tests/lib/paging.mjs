// paging.mjs: walks a keyset-paged list through its Next links and back through Previous, and checks
// that the pages hold every expected row exactly once, in order, with the last page reachable directly.
import assert from 'node:assert/strict';
import { htmlDecode } from './client.mjs';

// The href of the pager link rel=REL ("next" / "prev") in HTML, decoded; null when there is none.
export const relLink = (html, rel) => {
  const m = html.match(new RegExp(`<a rel="${rel}"[^>]*href="([^"]+)"`));
  return m ? htmlDecode(m[1]) : null;
};

// Follow REL links from URL; each page's ids (IDS_OF(html)) in order of visit. SCOPE(html) is the part of
// a page that holds the list and its pager (a page with two lists).
async function walk(c, url, rel, idsOf, scope) {
  const pages = [];
  for (let u = url; u; u = relLink(pages.at(-1).text, rel)) {
    assert.ok(pages.length < 200, `more than 200 pages from ${url}`);
    const res = await c.get(u);
    assert.equal(res.status, 200, `${u}: ${res.text.slice(0, 500)}`);
    const text = scope(res.text);
    pages.push({ url: u, text, ids: idsOf(text) });
  }
  return pages;
}

// URL's list holds EXPECTED (ids in list order) over more than one page of at most PAGE_SIZE rows: Next walks
// them all with no duplicates or gaps, Previous from the last page leads back to the first, and LAST_URL (the
// list's ?last=1 link) shows the last PAGE_SIZE rows. Returns the pages walked forwards.
export async function assertPaged(c, url, idsOf, expected, { pageSize, lastUrl, scope = (html) => html } = {}) {
  const forward = await walk(c, url, 'next', idsOf, scope);
  assert.ok(forward.length > 1, `${url} fits on one page`);
  if (pageSize)
    for (const p of forward) assert.ok(p.ids.length <= pageSize, `${p.url}: ${p.ids.length} rows`);
  assert.deepEqual(forward.flatMap((p) => p.ids), expected, 'Next walks every row once, in order');
  assert.equal(relLink(forward[0].text, 'prev'), null, 'the first page has no Previous');
  const back = await walk(c, relLink(forward.at(-1).text, 'prev'), 'prev', idsOf, scope);
  assert.deepEqual(back.reverse().flatMap((p) => p.ids).concat(forward.at(-1).ids), expected, 'Previous walks back');
  assert.deepEqual(back[0].ids, forward[0].ids, 'Previous leads back to the first page');
  if (lastUrl) {
    const text = scope((await c.get(lastUrl)).text), last = idsOf(text);
    assert.deepEqual(last, expected.slice(-Math.min(pageSize || last.length, expected.length)), '?last=1: the last rows');
    assert.equal(relLink(text, 'next'), null, 'the last page has no Next');
  }
  return forward;
}
