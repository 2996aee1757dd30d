#!/usr/bin/env bash
# i18n_check.sh (make i18n-check): the catalogs are complete and clean. po/es.po compiles with msgfmt --check and
# translates every text of the sources (build/channel.pot, freshly extracted) with nothing fuzzy; po/channel.pot
# is that same catalog; no template text is outside the [[...]] markers. The C side's texts are checked over
# every page the tests render, in the pseudo-locale (tests/lib/pseudo_check.mjs, part of make test).
set -uo pipefail
cd "$(dirname "$0")/.."
bad=0
say() { echo "i18n-check: $*"; bad=1; }

msgfmt --check -o /dev/null po/es.po || say "po/es.po does not compile cleanly (msgfmt --check)"
# es.po brought to the sources' texts, without touching the file: what is missing or fuzzy there
merged=$(mktemp)
trap 'rm -f "$merged"' EXIT
msgmerge --quiet --no-wrap --no-fuzzy-matching po/es.po build/channel.pot -o "$merged"
untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$merged" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | grep -c '^msgid ' || true)
# the header entry counts as one msgid in each non-empty listing
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -gt 0 ]; then
	say "$untranslated texts of the sources have no Spanish in po/es.po (run make po, then translate them):"
	msgattrib --untranslated --no-obsolete --no-wrap "$merged" | grep '^msgid ' | tail -n +2 | head -20
fi
if [ "$fuzzy" -gt 0 ]; then
	say "$fuzzy fuzzy entries in po/es.po: check their translation and remove the fuzzy flag"
	msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | grep '^msgid ' | tail -n +2 | head -20
fi
# the committed template holds the sources' texts (where in the sources they are may have moved meanwhile)
texts() { msgcat --no-location --no-wrap --sort-output "$1" | grep -v '^"POT-Creation-Date'; }
if ! diff -q <(texts po/channel.pot) <(texts build/channel.pot) >/dev/null; then
	say "po/channel.pot does not hold the sources' texts: run make po"
fi
scripts/tpl_i18n.py check templates/*.tpl || bad=1
if [ $bad = 0 ]; then
	total=$(grep -c '^msgid ' build/channel.pot)
	echo "i18n-check: ok ($((total - 1)) texts, all in Spanish; templates use the catalog only)"
fi
exit $bad
