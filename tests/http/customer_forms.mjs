// customer_forms.mjs: what the Add new customer tests post back, shared by customer_new.test.mjs and
// i18n_customers.test.mjs (a module, not a test file: run-all.sh runs only *.test.mjs).
import { htmlDecode } from '../lib/client.mjs';

// What a browser posts back from a page's form besides what is typed: hidden inputs and chosen options.
export function hiddenFields(html) {
  const out = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) out[htmlDecode(m[1])] = htmlDecode(m[2]);
  for (const m of html.matchAll(/<select id="[^"]*" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = m[2].match(/<option value="([^"]*)" selected>/);
    if (chosen) out[m[1]] = htmlDecode(chosen[1]);
  }
  return out;
}
