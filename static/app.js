// app.js: small progressive enhancements; every page works without it.
// - [data-copy-from="ID"] buttons copy the text of element ID to the clipboard and say so.
// - a[data-mailto-from="ID"] links keep their mailto: body in step with an edited textarea ID.
// - the header's Account settings menu closes on Escape and when the focus or a click goes elsewhere.
'use strict';

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext)
    return navigator.clipboard.writeText(text);
  // plain http on a LAN address is not a secure context: fall back to a selection copy
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy-from]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copyFrom);
  if (!source) return;
  const status = document.getElementById(button.dataset.copyStatus || '');
  copyText(source.value !== undefined ? source.value : source.textContent)
    // the words come from the status element itself, in the page's language
    .then(() => { if (status) status.textContent = status.dataset.copied; })
    .catch(() => { if (status) status.textContent = status.dataset.copyFailed; });
});

// mailto: wants %20 for a space; the server's query escaping writes '+', which mail clients show as is
function syncMailto(area) {
  for (const link of document.querySelectorAll(`a[data-mailto-from="${area.id}"]`)) {
    const url = new URL(link.href);
    const subject = url.searchParams.get('subject') || '';
    link.href = `mailto:${url.pathname}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(area.value)}`;
  }
}

document.addEventListener('input', (event) => {
  if (event.target.id) syncMailto(event.target);
});

for (const link of document.querySelectorAll('a[data-mailto-from]')) {
  const area = document.getElementById(link.dataset.mailtoFrom);
  if (area) syncMailto(area);
}

// The header's Account settings menu (a <details>): Escape closes it and gives the focus back to its summary;
// a click or a focus elsewhere closes it too, as a menu does.
for (const menu of document.querySelectorAll('details.account-menu')) {
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    menu.querySelector('summary').focus();
  });
  document.addEventListener('click', (event) => { if (!menu.contains(event.target)) menu.open = false; });
  document.addEventListener('focusin', (event) => { if (!menu.contains(event.target)) menu.open = false; });
}
