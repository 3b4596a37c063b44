"""A stand-in caching proxy for the purge tests and bench: an HTTP server on
loopback that answers PURGE with 200 and records what arrived, in order."""

from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from plone.cachepurging.interfaces import IPurger
from zope.component import getUtility

import threading
import time
import transaction
import uuid


class PurgeRecorder(ThreadingHTTPServer):
    """Answers PURGE with 200 and keeps (path, time received), in order."""

    daemon_threads = True

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()

        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                with recorder.lock:
                    recorder.received.append((self.path, time.monotonic()))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def paths(self):
        with self.lock:
            return {path for path, _ in self.received}

    def clear(self):
        with self.lock:
            self.received.clear()

    def wait_for(self, paths, timeout=10):
        """The time each of ``paths`` arrived, once all have (or fail)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                seen = dict(self.received)
            if set(paths) <= set(seen):
                return {path: seen[path] for path in paths}
            time.sleep(0.02)
        missing = set(paths) - self.paths()
        raise AssertionError(
            f"no PURGE for {sorted(missing)}; got {sorted(self.paths())}"
        )

    def drain(self, timeout=30):
        """Every PURGE queued so far, as (path, time), once a marker queued
        now has arrived after them; the record starts anew."""
        marker = f"/marker-{uuid.uuid4().hex}"
        getUtility(IPurger).purgeAsync(self.url + marker)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                paths = [path for path, _ in self.received]
                if marker in paths:
                    arrived = self.received[: paths.index(marker)]
                    del self.received[:]
                    return arrived
            time.sleep(0.005)
        raise AssertionError(f"the marker PURGE did not arrive in {timeout} s")


def enable_purging(proxies):
    """plone.cachepurging on, sending to ``proxies`` (URLs), committed."""
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
        tuple(proxies),
    )
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True
    )
    transaction.commit()


@contextmanager
def serving():
    """A PurgeRecorder serving in a thread of its own while the block runs."""
    server = PurgeRecorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
