"""A published Plan, Chapter, Action and Institution, open for comments, on
the functional server; a real HTTP server on loopback that records the
PURGE requests plone.cachepurging sends."""

from datetime import datetime
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from torino.socialplan.consultation import guards

import pytest
import threading
import time
import transaction


VALID_COMMENT = {
    "text": "Servono più percorsi di formazione.",
    "first_name": "Maria",
    "last_name": "Rossi",
    "organization": "Cooperativa Aurora",
    "organization_type": "social_enterprise",
    "author_email": "maria.rossi@example.org",
    "privacy_consent": True,
}

MODERATOR = ("cache-moderator", "moderator-secret-17")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    guards.reset_rate_limits()
    yield
    guards.reset_rate_limits()


@pytest.fixture
def consultation(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    now = datetime.now()
    institution = api.content.create(
        container=portal, type="Institution", id="camera", title="Camera"
    )
    plan = api.content.create(
        container=portal,
        type="Plan",
        id="plan",
        title="Piano",
        consultation_start=now - timedelta(days=1),
        consultation_end=now + timedelta(days=14),
    )
    chapter = api.content.create(
        container=plan, type="Chapter", id="lavoro", title="Lavoro"
    )
    action = api.content.create(
        container=chapter,
        type="Action",
        id="formazione",
        title="Formazione",
        code="A.1.1",
    )
    draft = api.content.create(
        container=plan, type="Chapter", id="bozza", title="Bozza"
    )
    for obj in (institution, plan, chapter, action):
        api.content.transition(obj=obj, transition="publish")
    api.user.create(
        email="cache-moderator@example.org",
        username=MODERATOR[0],
        password=MODERATOR[1],
    )
    api.group.add_user(groupname="moderators", username=MODERATOR[0])
    transaction.commit()
    return {
        "portal": portal,
        "plan": plan,
        "chapter": chapter,
        "action": action,
        "institution": institution,
        "draft": draft,
    }


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
