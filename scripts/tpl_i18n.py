#!/usr/bin/env python3
"""tpl_i18n.py: the templates' side of the gettext catalogs.

Templates mark every text a person reads as [[...]] (element text, attribute values such as aria-label, the
mail bodies); the markers may hold {{VARIABLES}} and inline HTML, which translations keep. This script

  extract TEMPLATE...              writes the marked texts as a .pot (with file:line references) to stdout
  localize LANG MO OUTDIR TEMPLATE...
                                   writes each template to OUTDIR/LANG/ with its markers replaced by the
                                   translation from the compiled catalog MO ("-": none, the English text
                                   exactly as written);
                                   LANG "qps" is the pseudo-locale: every text wrapped in U+27E6 and U+27E7
  check TEMPLATE...                fails on readable text outside the markers (what would bypass the catalog)

A marked text's msgid is its content with runs of white space made one space. A text whose translation depends
on what it is said of starts with its context between two #: [[#offer state#Active]] (gettext's msgctxt).
"""
import gettext
import html
import os
import re
import sys

MARK = re.compile(r'\[\[(.*?)\]\]', re.S)
PSEUDO_OPEN, PSEUDO_CLOSE = '\u27e6', '\u27e7'


CONTEXT = re.compile(r'^#([^#\n]+)#', re.S)


def msgid_of(text):
    return re.sub(r'\s+', ' ', CONTEXT.sub('', text)).strip()


def context_of(text):
    m = CONTEXT.match(text)
    return m.group(1).strip() if m else None


def as_written(text):
    """The marked text as the English page shows it: without its context."""
    return CONTEXT.sub('', text)


def marks(src):
    """(context, msgid, line) of every marked text in SRC."""
    for m in MARK.finditer(src):
        yield context_of(m.group(1)), msgid_of(m.group(1)), src.count('\n', 0, m.start()) + 1


def po_quote(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"').replace('\t', '\\t') + '"'


def extract(paths):
    seen = {}
    order = []
    for p in paths:
        src = open(p, encoding='utf-8').read()
        for ctx, msgid, line in marks(src):
            if not msgid:
                sys.exit(f'{p}:{line}: an empty [[ ]] marker')
            key = (ctx, msgid)
            if key not in seen:
                seen[key] = []
                order.append(key)
            seen[key].append(f'{p}:{line}')
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
    for ctx, msgid in order:
        out.append('#: ' + ' '.join(seen[(ctx, msgid)]))
        # a template's text is HTML with {{MARKERS}}, never a printf format
        out.append('#, no-c-format')
        if ctx:
            out.append('msgctxt ' + po_quote(ctx))
        out.append('msgid ' + po_quote(msgid))
        out.append('msgstr ""')
        out.append('')
    sys.stdout.write('\n'.join(out))


def localize(lang, mo, outdir, paths):
    # each gets the marked text as written; the catalog is keyed by its msgid
    if lang == 'qps':
        translate = lambda raw: PSEUDO_OPEN + msgid_of(raw) + PSEUDO_CLOSE
    elif mo == '-':
        translate = as_written  # English: the text exactly as the template has it
    else:
        with open(mo, 'rb') as f:
            catalog = gettext.GNUTranslations(f)

        def translate(raw):
            ctx = context_of(raw)
            return catalog.pgettext(ctx, msgid_of(raw)) if ctx else catalog.gettext(msgid_of(raw))
    os.makedirs(os.path.join(outdir, lang), exist_ok=True)
    for p in paths:
        src = open(p, encoding='utf-8').read()
        out = MARK.sub(lambda m: translate(m.group(1)), src)
        dest = os.path.join(outdir, lang, os.path.basename(p))
        tmp = dest + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            f.write(out)
        os.replace(tmp, dest)


# attributes whose values a person reads or hears
READ_ATTRS = re.compile(r'\b(?:alt|title|placeholder|aria-label|aria-description|label)\s*=\s*"([^"]*)"', re.I)
BUTTON_VALUE = re.compile(r'<input\b[^>]*\btype="(?:submit|button|reset)"[^>]*\bvalue="([^"]*)"', re.I)


def unmarked(src):
    """(line, text) of readable text in SRC that no marker holds."""
    blank = lambda m: re.sub(r'[^\n]', ' ', m.group(0))  # keep line numbers
    s = re.sub(r'\{\{!.*?\}\}', blank, src, flags=re.S)           # template comments
    s = re.sub(r'\{\{%.*?\}\}', blank, s, flags=re.S)             # pragmas
    s = MARK.sub(blank, s)
    s = re.sub(r'<!--.*?-->', blank, s, flags=re.S)
    s = re.sub(r'<(script|style)\b.*?</\1>', blank, s, flags=re.S | re.I)
    s = re.sub(r'\{\{[^}]*\}\}', blank, s)                        # variables, sections, includes
    found = []
    for rx in (READ_ATTRS, BUTTON_VALUE):
        for m in rx.finditer(s):
            found.append((s.count('\n', 0, m.start()) + 1, m.group(1)))
    text = re.sub(r'<[^>]*>', blank, s)
    for m in re.finditer(r'[^\n]+', text):
        found.append((text.count('\n', 0, m.start()) + 1, m.group(0)))
    for line, t in found:
        t = re.sub(r'&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;', ' ', t)
        if re.search(r'[^\W\d_]', t):
            yield line, t.strip()


def check(paths):
    bad = 0
    for p in paths:
        src = open(p, encoding='utf-8').read()
        depth = src.count('[[') - src.count(']]')
        if depth:
            print(f'{p}: unbalanced [[ ]] markers')
            bad += 1
        for line, t in unmarked(src):
            print(f'{p}:{line}: text outside the catalog: {html.unescape(t)!r}')
            bad += 1
    if bad:
        sys.exit(f'tpl_i18n check: {bad} texts bypass the catalog; mark them [[...]]')


def main(argv):
    if len(argv) >= 2 and argv[1] == 'extract':
        extract(argv[2:])
    elif len(argv) >= 5 and argv[1] == 'localize':
        localize(argv[2], argv[3], argv[4], argv[5:])
    elif len(argv) >= 2 and argv[1] == 'check':
        check(argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
