#!/usr/bin/env python3
"""lint_writes.py: where the product may write to the database (make lint runs it).

- A page file (cgi-src/page_*.c) writes nothing: no INSERT, UPDATE, DELETE or REPLACE statement, and no
  db_exec or db_transaction call. A page reads the request, calls one domain function, renders. So does an
  API resource file (cgi-src/api/api_*.c): it answers with JSON what a page renders.
- A domain module (cgi-src/domain/*.c) changes state only in functions that write their audit row: every
  function that writes (itself or through the file's other functions) must call domain_audit (or
  audit_change) on its way, unless its comment (in the .c or the .h) says it runs "inside the caller's
  transaction": a step of a bigger change whose own function writes the audit row.
- Anything else that writes is named in INFRASTRUCTURE, with why it is not a domain change.
Prints each offence as FILE:LINE: what, and exits 1 when there is one."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
SRC = os.path.join(ROOT, 'cgi-src')

WRITE_SQL = re.compile(r'"\s*(INSERT\s+INTO|INSERT\s+IGNORE|UPDATE\s+\w+\s+(\w+\s+)?(JOIN|SET)|DELETE\s+(\w+\s+)?FROM|'
                       r'REPLACE\s+INTO)\b', re.I)
WRITE_CALL = re.compile(r'\b(db_exec|db_transaction|db_transaction_unaudited)\s*\(')
AUDIT_CALL = re.compile(r'\b(domain_audit|audit_change|audit)\s*\(')
STEP_NOTE = re.compile(r"inside[\s*]+the[\s*]+caller'?s[\s*]+transaction", re.I)
FUNC_START = re.compile(r'^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w\s\*]*?\b([A-Za-z_]\w*)\s*\([^;]*$')

# Files outside the domain that write, and why that is not a state change of the product with its own
# audit row (or where the row is written).
INFRASTRUCTURE = {
    'db.c': 'the database layer itself',
    'audit_chain.c': 'the audit rows themselves, the chain head and the purge',
    'auth.c': 'sign-in failure counters (no state of the product) and the user row cache',
    'session.c': 'sessions: written with the sign-in and sign-out audit rows (signin.c)',
    'signin.c': 'a new session and its audit row',
    'token.c': "emailed links' tokens, used inside the caller's transaction",
    'mail.c': "the outbox: a message queued inside the caller's transaction",
    'mailer_main.c': 'the mailer claiming and marking messages it sends',
    'seed_main.c': 'the demo data',
    'api/api.c': "API tokens' last use (like a session's) and the answers kept for Idempotency-Key, written "
                 "inside the handler's transaction with its audit row",
}


def functions(text):
    """(name, first line number, body text, preceding comment) of each top-level function."""
    lines = text.split('\n')
    out = []
    i = 0
    while i < len(lines):
        m = FUNC_START.match(lines[i])
        if m and i + 1 < len(lines) and (lines[i].rstrip().endswith(')') or lines[i + 1].startswith('\t')):
            j = i
            while j < len(lines) and lines[j] != '{':
                if lines[j].rstrip().endswith(';'):
                    break
                j += 1
            if j < len(lines) and lines[j] == '{':
                k = j + 1
                while k < len(lines) and lines[k] != '}':
                    k += 1
                c = i - 1
                while c >= 0 and (lines[c].startswith((' *', '/*')) or lines[c].endswith('*/')):
                    c -= 1
                out.append((m.group(1), i + 1, '\n'.join(lines[j:k]), '\n'.join(lines[c + 1:i])))
                i = k + 1
                continue
        i += 1
    return out


def writes(body):
    return bool(WRITE_SQL.search(body) or WRITE_CALL.search(body))


def header_comment(path, name):
    header = path[:-2] + '.h'
    if not os.path.exists(header):
        return ''
    text = open(header, encoding='utf-8').read()
    m = re.search(r'\b' + re.escape(name) + r'\s*\(', text)
    if not m:
        return ''
    end = text.rfind('*/', 0, m.start())
    return text[text.rfind('/*', 0, end):end] if end >= 0 else ''


def check_domain(path, problems):
    text = open(path, encoding='utf-8').read()
    funcs = functions(text)
    names = {f[0] for f in funcs}
    calls = {f[0]: {n for n in names if n != f[0] and re.search(r'\b' + n + r'\s*\(', f[2])} for f in funcs}
    direct_write = {f[0]: writes(f[2]) for f in funcs}
    direct_audit = {f[0]: bool(AUDIT_CALL.search(f[2])) for f in funcs}

    def reach(name, prop, seen=None):
        seen = seen or set()
        if name in seen:
            return False
        seen.add(name)
        return prop[name] or any(reach(n, prop, seen) for n in calls[name])

    for name, line, body, comment in funcs:
        if not reach(name, direct_write) or reach(name, direct_audit):
            continue
        if STEP_NOTE.search(comment) or STEP_NOTE.search(header_comment(path, name)):
            continue
        if any(reach(caller, direct_audit) for caller in names if name in calls[caller]) and \
                text.count(name + '(') == sum(1 for f in funcs if name in calls[f[0]]) + 1 and \
                'static' in text.split('\n')[line - 1]:
            continue  # a static step every caller of which audits
        problems.append(f'{os.path.relpath(path, ROOT)}:{line}: {name} writes without an audit row; write it '
                        "with domain_audit, or say in its comment that it runs inside the caller's transaction")


def main():
    problems = []
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        if not name.endswith('.c'):
            continue
        text = open(path, encoding='utf-8').read()
        if name.startswith('page_'):
            for n, line in enumerate(text.split('\n'), 1):
                m = WRITE_SQL.search(line) or WRITE_CALL.search(line)
                if m:
                    problems.append(f'cgi-src/{name}:{n}: a page writes ({m.group(0).strip()}); call the '
                                    'domain function that owns the change instead')
        elif name not in INFRASTRUCTURE and writes(text):
            problems.append(f'cgi-src/{name}: writes to the database outside cgi-src/domain/; move the change '
                            'into its domain module')
    api = os.path.join(SRC, 'api')
    for name in sorted(os.listdir(api)):
        if not name.endswith('.c') or f'api/{name}' in INFRASTRUCTURE:
            continue
        for n, line in enumerate(open(os.path.join(api, name), encoding='utf-8').read().split('\n'), 1):
            m = WRITE_SQL.search(line) or WRITE_CALL.search(line)
            if m:
                problems.append(f'cgi-src/api/{name}:{n}: an API resource writes ({m.group(0).strip()}); call the '
                                'domain function that owns the change instead')
    domain = os.path.join(SRC, 'domain')
    for name in sorted(os.listdir(domain)):
        if name.endswith('.c') and name != 'domain.c':  # domain.c runs the transactions the others write in
            check_domain(os.path.join(domain, name), problems)
    for p in problems:
        print('lint:', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
