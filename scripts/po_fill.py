#!/usr/bin/env python3
"""po_fill.py PO TSV: fill translations in bulk.

Sets the msgstr of each untranslated one-line msgid of PO (as `make po` leaves them: msgcat --no-wrap) that TSV
lists as 'msgid<TAB>msgstr', both written as inside the .po's quotes (\" for a quote). Prints how many it set.
"""
import sys,re
po,tsv=sys.argv[1],sys.argv[2]
pairs=dict(l.rstrip('\n').split('\t',1) for l in open(tsv,encoding='utf-8') if '\t' in l)
s=open(po,encoding='utf-8').read()
n=0
def rep(m):
    global n
    k=m.group(1)
    if k in pairs:
        n+=1
        return 'msgid "%s"\nmsgstr "%s"\n'%(k,pairs[k])
    return m.group(0)
s=re.sub(r'^msgid "(.+)"\nmsgstr ""\n',rep,s,flags=re.M)
open(po,'w',encoding='utf-8').write(s)
print(n,'set')
