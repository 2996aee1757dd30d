#!/usr/bin/python3
# smtp_server.py: a real SMTP server on loopback for the mail tests (Debian's python3-aiosmtpd).
# Appends each message it accepts to SPOOL/messages.jsonl as {"from", "to", "data"} with DATA the bytes
# received (base64, dot-stuffing already undone by the SMTP server). SPOOL/rules.json, read at each RCPT,
# maps a recipient to the reply it gets instead of 250, e.g. {"x@example.test": "550 5.1.1 No such user"},
# or to "delay N": accepted, and the answer to its message's DATA comes N seconds after the message is stored.
# --user/--password: AUTH is required (over plain text on loopback unless TLS is on). --tls-cert/--tls-key:
# STARTTLS is offered and required. Each record says whether the message came over TLS. Prints "ready".
import argparse
import asyncio
import base64
import json
import os
import signal
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Spool:
    def __init__(self, spool):
        self.spool = spool

    def rule_for(self, address):
        try:
            with open(os.path.join(self.spool, 'rules.json')) as f:
                return json.load(f).get(address.lower())
        except (OSError, ValueError):
            return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.rule_for(address)
        if reply and not reply.startswith('delay '):
            return reply
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        record = {'from': envelope.mail_from, 'to': envelope.rcpt_tos, 'tls': session.ssl is not None,
                  'data': base64.b64encode(envelope.original_content).decode('ascii')}
        with open(os.path.join(self.spool, 'messages.jsonl'), 'a') as f:
            f.write(json.dumps(record) + '\n')
        delays = [self.rule_for(a) for a in envelope.rcpt_tos]
        for rule in delays:
            if rule and rule.startswith('delay '):
                await asyncio.sleep(float(rule.split()[1]))
        return '250 Message accepted for delivery'


def authenticator_for(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok)
    return check


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--spool', required=True)
    p.add_argument('--user')
    p.add_argument('--password')
    p.add_argument('--tls-cert')
    p.add_argument('--tls-key')
    a = p.parse_args()
    os.makedirs(a.spool, exist_ok=True)
    options = {}
    if a.user:
        options.update(authenticator=authenticator_for(a.user, a.password), auth_required=True,
                       auth_require_tls=bool(a.tls_cert))
    if a.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.tls_cert, a.tls_key)
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(Spool(a.spool), hostname='127.0.0.1', port=a.port, decode_data=False, **options)
    controller.start()
    print('ready', flush=True)
    loop = asyncio.new_event_loop()
    stop = loop.create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    loop.run_until_complete(stop)
    controller.stop()


if __name__ == '__main__':
    main()
