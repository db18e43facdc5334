#!/usr/bin/python3
"""A real SMTP server for the mail tests and the mail benchmark, on aiosmtpd.

Needs Debian's python3-aiosmtpd (1.4.x); run it with /usr/bin/python3, which sees
/usr/lib/python3/dist-packages (a pyenv python3 on PATH does not).

    /usr/bin/python3 smtp_server.py --maildir DIR [--tls plain|starttls|implicit
        --cert CERT.pem --key KEY.pem] [--auth USER:PASSWORD]

* Binds 127.0.0.1 on a port the OS picks and prints one line `PORT <n>` on stdout.
* Each accepted message becomes DIR/<seq>.eml (the bytes as received) and
  DIR/<seq>.json (mail_from, rcpt_tos, auth_user), both written atomically, before
  the server answers 250 to the final dot: once the client's send() returns, the
  files are there.
* Recipients steer the replies (by local part, case-insensitive):
    temp-fail[-N]@...      RCPT answered 451 4.3.0 N times (default 1), then 250
    perm-fail@...          RCPT always answered 550 5.1.1
    data-temp-fail[-N]@... end of DATA answered 451 4.3.0 N times, then 250
    data-perm-fail@...     end of DATA always answered 554 5.6.0
    slow-N@...             end of DATA answered after N seconds (client timeouts)
  Counters are per address and live as long as the process.
* Stops when its stdin reaches end of file (the test drops or closes the child's
  stdin, or dies), or on SIGTERM / SIGINT.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import ssl
import sys
import warnings
import logging

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

FAIL = re.compile(r"^(temp-fail|data-temp-fail|perm-fail|data-perm-fail|slow)(?:-(\d+))?$")


def rule(address):
    local = address.rsplit("@", 1)[0].lower()
    m = FAIL.match(local)
    if not m:
        return None, 0
    return m.group(1), int(m.group(2) or 1)


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.seq = 0
        self.failures = {}  # (stage, address) -> failures already given

    def _fail_again(self, stage, address, times):
        key = (stage, address.lower())
        done = self.failures.get(key, 0)
        if done < times:
            self.failures[key] = done + 1
            return True
        return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        kind, n = rule(address)
        if kind == "perm-fail":
            return "550 5.1.1 <%s>: mailbox unavailable (test)" % address
        if kind == "temp-fail" and self._fail_again("rcpt", address, n):
            return "451 4.3.0 <%s>: try again later (test)" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            kind, n = rule(address)
            if kind == "data-perm-fail":
                return "554 5.6.0 message refused (test)"
            if kind == "data-temp-fail" and self._fail_again("data", address, n):
                return "451 4.3.0 try again later (test)"
            if kind == "slow":
                await asyncio.sleep(n)
        self.seq += 1
        stem = os.path.join(self.maildir, "%04d" % self.seq)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "auth_user": session.auth_data.login.decode() if session.auth_data else None,
        }
        # .json first, .eml last: a test that waits for the .eml finds both.
        for suffix, data in ((".json", json.dumps(meta).encode()),
                             (".eml", envelope.original_content)):
            with open(stem + suffix + ".tmp", "wb") as f:
                f.write(data)
            os.replace(stem + suffix + ".tmp", stem + suffix)
        print("stored %s.eml from %s to %s" % (stem, envelope.mail_from, envelope.rcpt_tos),
              file=sys.stderr, flush=True)
        return "250 2.0.0 Message accepted (test)"


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == self.user and auth_data.password == self.password)
        # handled=False: let aiosmtpd answer 235 / 535 itself (the default,
        # handled=True, means "I already replied", and the client would hang).
        # auth_data is what the server keeps in session.auth_data.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)


def main():
    # Quiet the library's own warnings about AUTH without TLS and a deprecated
    # attribute it sets itself; errors still reach stderr.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    p = argparse.ArgumentParser()
    p.add_argument("--maildir", required=True)
    p.add_argument("--tls", choices=["plain", "starttls", "implicit"], default="plain")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth", help="USER:PASSWORD; AUTH is then required")
    a = p.parse_args()
    os.makedirs(a.maildir, exist_ok=True)

    context = None
    if a.tls != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)

    handler = Handler(a.maildir)
    smtp_kwargs = dict(hostname="smtp.test", enable_SMTPUTF8=True)
    if a.tls == "starttls":
        smtp_kwargs.update(tls_context=context, require_starttls=True)
    if a.auth:
        user, _, password = a.auth.partition(":")
        smtp_kwargs.update(
            authenticator=Authenticator(user, password),
            auth_required=True,
            # aiosmtpd only sees STARTTLS as "TLS"; for implicit TLS and plain
            # (loopback only) AUTH must be allowed without it.
            auth_require_tls=(a.tls == "starttls"),
        )

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(handler, loop=loop, **smtp_kwargs),
        host="127.0.0.1", port=0,
        ssl=context if a.tls == "implicit" else None))
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)

    stop = loop.stop
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop)

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 4096):
            loop.remove_reader(sys.stdin.fileno())
            stop()

    try:
        loop.add_reader(sys.stdin.fileno(), on_stdin)
    except (OSError, ValueError):
        pass  # stdin is a regular file or closed: rely on signals only
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


if __name__ == "__main__":
    main()
