"""A real SMTP server on loopback for the mail tests (the standard library's
smtpd, run by asyncore in a thread), and a free port for it."""

from contextlib import contextmanager

import asyncore
import smtpd
import socket
import threading
import warnings


class Recorder(smtpd.SMTPServer):
    """Keeps every message it receives as (recipients, bytes)."""

    def __init__(self, port):
        super().__init__(("127.0.0.1", port), None)
        self.received = []

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.received.append((rcpttos, data))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server_on(port):
    """A Recorder listening on ``port`` until the block ends."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        server = Recorder(port)
    loop = threading.Thread(
        target=asyncore.loop, kwargs={"timeout": 0.1, "use_poll": True}, daemon=True
    )
    loop.start()
    try:
        yield server
    finally:
        server.close()
        loop.join(5)
