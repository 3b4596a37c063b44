"""A published Plan, Chapter, Action and Institution, open for comments, on
the functional server; a real HTTP server on loopback that records the
PURGE requests plone.cachepurging sends."""

from contributors import add_people
from contributors import MODERATOR  # noqa: F401 (the folder's tests import it)
from contributors import open_plan
from contributors import VALID
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api

import pytest
import threading
import time
import transaction


# The shared comment and people (tests/contributors.py).
VALID_COMMENT = VALID


@pytest.fixture
def consultation(functional_portal):
    site = open_plan(functional_portal)
    institution = api.content.create(
        container=functional_portal, type="Institution", id="camera", title="Camera"
    )
    api.content.transition(obj=institution, transition="publish")
    site["institution"] = institution
    site["draft"] = api.content.create(
        container=site["plan"], type="Chapter", id="bozza", title="Bozza"
    )
    add_people()
    return site


class PurgeRecorder(ThreadingHTTPServer):
    """Answers PURGE with 200 and keeps (path, time received)."""

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


def enable_purging(proxies):
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.cachingProxies",
        tuple(proxies),
    )
    api.portal.set_registry_record(
        "plone.cachepurging.interfaces.ICachePurgingSettings.enabled", True
    )
    transaction.commit()


@pytest.fixture(scope="session")
def _purge_server():
    # One for the session: plone.cachepurging's purger keeps one worker per
    # proxy URL, which may still be sending a test's last purges.
    server = PurgeRecorder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def purge_recorder(consultation, _purge_server):
    time.sleep(0.2)  # the previous test's last purges
    _purge_server.clear()
    enable_purging([_purge_server.url])
    return _purge_server
